/*
 * Fuzz target for the document loader (libFuzzer's LLVMFuzzerTestOneInput).
 * Any input must be refused with a one-line error or loaded; what loads
 * must save, load again and save to the same bytes, must survive an
 * estimate that keeps the rules every estimate keeps, and a timeline of it
 * must agree at every point with the estimate computed alone at that date,
 * as known on that day. A broken property aborts, which the fuzzer reports
 * as a crash.
 * tests/fuzz-replay.c feeds the stored corpus through the same function in
 * the normal test suite.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcetrack.h"
#include "../tests/estimate-same.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void count_problem(const ft_error *err, void *payload)
{
	char line[1024];
	ft_error_format(err, line, sizeof line);
	/* Every problem is one line. */
	if (strchr(line, '\n') || err->code >= 0)
		abort();
	(*(size_t *)payload)++;
}

static void estimate_first_claim(const ft_dataset *ds)
{
	const ft_claim *c = ft_dataset_claim_at(ds, 0);
	if (!c)
		return;
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	o.at = ft_claim_reported(c);
	ft_estimate est = FT_ESTIMATE_INIT;
	ft_error err;
	if (ft_estimate_compute(ds, ft_claim_subject(c), ft_claim_region(c), ft_claim_measure(c), &o, &est,
	                        &err) != 0)
		abort();
	char why[256];
	if (!ft_test_estimate_invariants(&est, why, sizeof why)) {
		fprintf(stderr, "the estimate breaks a rule: %s\n", why);
		abort();
	}
	ft_estimate_clear(&est);
}

/* A timeline prepares its candidates once and then applies each date
 * (estimate/timeline.c): each point must be the estimate computed alone at its
 * date, known on that day (a timeline answers "as known then"). Five points
 * a week apart around the first claim's report, every contribution and
 * every pair kept, and 29 daily points of the counted claims only, for its
 * subject, region and measure. */
static void timeline_matches_estimates(const ft_dataset *ds)
{
	const ft_claim *c = ft_dataset_claim_at(ds, 0);
	if (!c)
		return;
	const int64_t day = INT64_C(86400000000);
	/* 0001-01-01 and 9999-12-31T23:59:59Z: the grid must stay inside. */
	const int64_t min = INT64_C(-62135596800000000), max = INT64_C(253402300799000000);
	ft_time reported = ft_claim_reported(c);
	int64_t start = ft_time_start(&reported);
	if (start < min + 15 * day || start > max - 15 * day)
		return;
	/* Every contribution and pair, by weeks (each point evaluated whole);
	 * then the counted claims only, daily (the sweep, estimate/sweep.c). */
	for (int sweep = 0; sweep < 2; sweep++) {
		ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
		o.from = ft_time_day(start - 14 * day);
		o.to = ft_time_day(start + 14 * day);
		o.step_days = sweep ? 1 : 7;
		o.all_contributions = !sweep;
		o.keep_pairs = !sweep;
		const ft_actor *a = ft_claim_subject(c);
		const ft_region *r = ft_claim_region(c);
		const char *m = ft_claim_measure(c);
		ft_timeline tl = FT_TIMELINE_INIT;
		ft_error err;
		if (ft_timeline_compute(ds, a, r, m, &o, &tl, &err) != 0 ||
		    ft_timeline_point_count(&tl) != (sweep ? 29u : 5u))
			abort();
		for (size_t i = 0; i < ft_timeline_point_count(&tl); i++) {
			char why[256];
			if (!ft_test_timeline_point_is_estimate(ds, a, r, m, &o, &tl, i, why, sizeof why)) {
				fprintf(stderr, "timeline point %zu differs from its estimate: %s\n", i, why);
				abort();
			}
		}
		ft_timeline_clear(&tl);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	size_t problems = 0;
	opts.on_error = count_problem;
	opts.payload = &problems;
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer((const char *)data, size, "fuzz.json", &opts, &err);
	if (!ds) {
		if (problems == 0 || err.code >= 0 || !err.text[0])
			abort();
		return 0;
	}
	if (problems != 0)
		abort();
	char *first = ft_dataset_save_string(ds, &err);
	if (!first)
		abort();
	ft_dataset *again = ft_dataset_load_buffer(first, strlen(first), "saved.json", NULL, &err);
	if (!again) {
		fprintf(stderr, "saved text does not load: %s: %s\n", err.path, err.text);
		abort();
	}
	char *second = ft_dataset_save_string(again, &err);
	if (!second || strcmp(first, second) != 0)
		abort();
	estimate_first_claim(again);
	timeline_matches_estimates(again);
	ft_free(first);
	ft_free(second);
	ft_dataset_free(again);
	ft_dataset_free(ds);
	return 0;
}
