/*
 * What the suites of the export formats (test_report_csv.c,
 * test_report_geojson.c) share: the example datasets and the hostile one
 * loaded from the source tree, a situation report of one of them on a
 * date, and the comparison of a report with its golden file in
 * tests/data/reports/, byte for byte. With FT_UPDATE_GOLDEN=1 in the
 * environment a golden file that differs is rewritten (and the test still
 * fails, so that a rewrite is never mistaken for a pass): read the new file
 * before committing it.
 */
#ifndef FT_REPORT_UTIL_H
#define FT_REPORT_UTIL_H

#include "forcetrack.h"

/* A dataset of the source tree ("examples/data/buildup-2021-12.json"),
 * or NULL after saying why on stderr. */
ft_dataset *report_load(const char *relative);

/* A time value from its text; the test stops if it does not parse. */
ft_time report_time(const char *text);

/* The situation report of `ds` on `at`, known on `known_on` (NULL: as
 * known on `at`); NULL after a failed assertion. */
ft_situation *report_situation(const ft_dataset *ds, const char *at, const char *known_on);

/* The dataset `relative` into `*ds` and its situation report on `at`, as
 * report_situation makes it; the test stops when either fails. */
ft_situation *report_open(const char *relative, const char *at, const char *known_on, ft_dataset **ds);

/* The estimate of actor `actor` in region `region` (ids) on `at`, as known
 * then, as `forcetrack estimate --at AT --known-on AT` computes it, into
 * `est` (FT_ESTIMATE_INIT; ft_estimate_clear); the test stops on a
 * failure. */
void report_estimate(const ft_dataset *ds, const char *actor, const char *region, const char *at,
                     ft_estimate *est);

/* Asserts that `text` is the golden file tests/data/reports/`name` byte for
 * byte, naming the first line that differs when it is not. */
void report_golden(const char *name, const char *text);

#endif
