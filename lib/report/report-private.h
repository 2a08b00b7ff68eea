/*
 * What the report formats share (report/text.c, report/json.c): the
 * argument checks and the delivery of a report to a stream or as a string
 * (report/report.c), so that each format only appends its text to a
 * GString, and the few facts about an estimate both formats state the
 * same way. Each format escapes the dataset's text in one place of its
 * own: text.c for terminals, json.c through Jansson.
 */
#ifndef FT_REPORT_PRIVATE_H
#define FT_REPORT_PRIVATE_H

#include <glib.h>
#include <stdint.h>
#include <stdio.h>

#include "base/error-private.h"
#include "forcetrack/estimate.h"
#include "forcetrack/report.h"

/* A format's writer: appends the report of `est` (or `tl`) to `out`, with
 * checked options. */
typedef void (*ft__estimate_writer)(GString *out, const ft_estimate *est, const ft_render_options *opts);
typedef void (*ft__timeline_writer)(GString *out, const ft_timeline *tl, const ft_render_options *opts);

/*
 * The public functions of a format, over its writer: check the arguments
 * of the public function `fn`, run `write`, and deliver what it wrote to
 * `fp`, or as a new string (ft_free). They return what the public
 * function returns, with `err` filled on a failure.
 */
int ft__report_write_estimate(const char *fn, const ft_estimate *est, const ft_render_options *opts,
                              ft__estimate_writer write, FILE *fp, ft_error *err);
char *ft__report_render_estimate(const char *fn, const ft_estimate *est, const ft_render_options *opts,
                                 ft__estimate_writer write, ft_error *err);
int ft__report_write_timeline(const char *fn, const ft_timeline *tl, const ft_render_options *opts,
                              ft__timeline_writer write, FILE *fp, ft_error *err);
char *ft__report_render_timeline(const char *fn, const ft_timeline *tl, const ft_render_options *opts,
                                 ft__timeline_writer write, ft_error *err);

/* "94,000": a count written the way the library writes figures. */
void ft__report_count(char *buf, size_t size, uint64_t n);

/* The voice of a contribution: the library's, or the root of its source. */
const ft_source *ft__report_voice(const ft_contribution *c);

#endif
