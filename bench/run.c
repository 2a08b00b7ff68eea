/*
 * The `run` mode of ft-bench: what a user waits for. For each N it
 * generates the synthetic dataset and saves it as a document (in one
 * child), then in another child loads it and measures one estimate, an
 * estimate for every (subject, region, measure) group found in the
 * claims, with and without roll-up, and a year-long daily timeline, with
 * the time, the resident memory and its peak of each; a child of its own
 * per N, so that the peak belongs to that N alone and never includes the
 * generator's. Results are an aligned table, or one JSON object per N
 * with --json (bench/README.md says what every column means).
 */
#include "bench.h"

#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

/* ---- memory ------------------------------------------------------------- */

/* Minor page faults so far: memory the process touched for the first time.
 * A phase that allocates much more than it reuses shows it here. */
static double minor_faults(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return 0;
	return (double)ru.ru_minflt;
}

/* ---- the measurements --------------------------------------------------- */

static double sweep_us_per_group(const bench_sweep *s)
{
	return s->done ? s->seconds * 1e6 / (double)s->done : 0;
}

/* The time all groups would have taken, from the rate of those done. */
static double sweep_full_seconds(const bench_sweep *s)
{
	return s->done ? s->seconds * (double)s->total / (double)s->done : 0;
}

typedef struct result {
	size_t n;
	uint64_t seed;
	double gen_s, save_s;
	double file_bytes;
	double load_s, load_faults;
	double rss_before_load, rss_after_load, peak_after_load;
	/* One estimate: a state's forces in its home theater, with roll-up. */
	const char *one_actor, *one_region;
	double one_first_ms, one_min_ms;
	size_t one_contributions, one_claims, one_voices, one_parts;
	int one_has_value;
	uint64_t one_best;
	double collect_s;
	bench_sweep flat, rolled;
	double timeline_s;
	size_t timeline_points, timeline_alerts, timeline_contributions;
	double timeline_held; /* RSS growth while the result is held */
	double timeline_faults;
	double timeline_threshold;
	int timeline_rc;
	double rss_end, peak_end;
} result;

/* The measurement hands a result to its parent (measure_in_child) in one
 * read() of a pipe, which delivers a write of up to PIPE_BUF bytes whole;
 * one_actor and one_region point to literals, as valid in the parent. */
G_STATIC_ASSERT(sizeof(result) <= PIPE_BUF);

/* Loads the saved dataset and measures every phase. Runs in its own
 * process, so the peak resident set size is that of this N alone. */
static void measure(const char *path, size_t n, uint64_t seed, double max_seconds, double threshold,
                    result *res)
{
	ft_error err;
	ft_error_clear(&err);
	struct stat sb;
	if (stat(path, &sb) != 0)
		bench_die("the generated file is missing", NULL);
	res->file_bytes = (double)sb.st_size;
	res->n = n;
	res->seed = seed;

	res->rss_before_load = bench_rss_bytes();
	double faults = minor_faults();
	double t0 = bench_now_s();
	ft_dataset *ds = ft_dataset_load_file(path, NULL, &err);
	res->load_s = bench_now_s() - t0;
	res->load_faults = minor_faults() - faults;
	if (!ds)
		bench_die("loading the generated dataset", &err);
	res->peak_after_load = bench_peak_rss_bytes();
	bench_release_free_memory();
	res->rss_after_load = bench_rss_bytes();
	g_printerr("[ft-bench] N=%zu: loaded in %.2f s\n", n, res->load_s);

	ft_time at = bench_parse_time("2022-02-15");

	res->one_actor = "ST01";
	res->one_region = "TH1";
	const ft_actor *actor = ft_dataset_find_actor(ds, res->one_actor);
	const ft_region *region = ft_dataset_find_region(ds, res->one_region);
	if (!actor || !region)
		bench_die("the generated dataset lacks ST01 or TH1", NULL);
	ft_estimate_options opts = FT_ESTIMATE_OPTIONS_INIT;
	opts.at = at;
	res->one_min_ms = -1;
	for (int k = 0; k < 6; k++) {
		ft_estimate est = FT_ESTIMATE_INIT;
		t0 = bench_now_s();
		int rc = ft_estimate_compute(ds, actor, region, NULL, &opts, &est, &err);
		double ms = (bench_now_s() - t0) * 1e3;
		if (rc != 0)
			bench_die("estimating ST01 in TH1", &err);
		if (k == 0) {
			res->one_first_ms = ms;
			res->one_contributions = ft_estimate_contribution_count(&est);
			res->one_claims = est.claims;
			res->one_voices = est.voices;
			res->one_parts = ft_estimate_part_count(&est);
			res->one_has_value = est.has_value;
			res->one_best = est.best;
		} else if (res->one_min_ms < 0 || ms < res->one_min_ms) {
			res->one_min_ms = ms;
		}
		ft_estimate_clear(&est);
	}
	g_printerr("[ft-bench] N=%zu: one estimate %.3f ms\n", n, res->one_first_ms);

	size_t n_groups = 0;
	t0 = bench_now_s();
	bench_group *groups = bench_collect_groups(ds, seed, &n_groups);
	res->collect_s = bench_now_s() - t0;

	ft_estimate_options sweep_opts = FT_ESTIMATE_OPTIONS_INIT;
	sweep_opts.at = at;
	sweep_opts.no_rollup = 1;
	bench_run_sweep(ds, groups, n_groups, &sweep_opts, max_seconds, NULL, &res->flat);
	g_printerr("[ft-bench] N=%zu: %zu of %zu groups without roll-up in %.2f s\n", n, res->flat.done,
	           n_groups, res->flat.seconds);
	sweep_opts.no_rollup = 0;
	bench_run_sweep(ds, groups, n_groups, &sweep_opts, max_seconds, NULL, &res->rolled);
	g_printerr("[ft-bench] N=%zu: %zu of %zu groups with roll-up in %.2f s\n", n, res->rolled.done,
	           n_groups, res->rolled.seconds);
	g_free(groups);

	ft_timeline_options tl_opts = FT_TIMELINE_OPTIONS_INIT;
	/* The library reads a threshold of 0 as its default; the smallest
	 * positive double raises an alert on every change, as 0 did. */
	if (threshold >= 0)
		tl_opts.threshold = threshold > 0 ? threshold : DBL_MIN;
	res->timeline_threshold = threshold >= 0 ? threshold : tl_opts.threshold;
	tl_opts.from = bench_parse_time("2021-09-01");
	tl_opts.to = bench_parse_time("2022-08-31"); /* 365 days */
	tl_opts.step_days = 1;
	ft_timeline tl = FT_TIMELINE_INIT;
	bench_release_free_memory();
	double rss_before_timeline = bench_rss_bytes();
	faults = minor_faults();
	t0 = bench_now_s();
	res->timeline_rc = ft_timeline_compute(ds, actor, region, NULL, &tl_opts, &tl, &err);
	res->timeline_s = bench_now_s() - t0;
	res->timeline_faults = minor_faults() - faults;
	if (res->timeline_rc != 0) {
		char line[512];
		ft_error_format(&err, line, sizeof line);
		g_printerr("[ft-bench] N=%zu: timeline failed: %s\n", n, line);
	}
	res->timeline_points = ft_timeline_point_count(&tl);
	res->timeline_alerts = ft_timeline_alert_count(&tl);
	for (size_t i = 0; i < res->timeline_points; i++)
		res->timeline_contributions += ft_estimate_contribution_count(ft_timeline_point_at(&tl, i));
	/* What the result holds while the caller reads it: every point keeps
	 * its contributions and parts. */
	res->timeline_held = bench_rss_bytes() - rss_before_timeline;
	ft_timeline_clear(&tl);
	g_printerr("[ft-bench] N=%zu: timeline of %zu points in %.2f s\n", n, res->timeline_points,
	           res->timeline_s);

	res->peak_end = bench_peak_rss_bytes();
	bench_release_free_memory();
	res->rss_end = bench_rss_bytes();
	ft_dataset_free(ds);
}

/* ---- output ------------------------------------------------------------- */

static void print_table_header(void)
{
	printf("%9s %8s %7s %7s %7s %8s %8s %9s %7s %10s %9s %10s %9s %8s\n", "N", "file MB", "B/claim",
	       "gen s", "load s", "peak MB", "RSS MB", "1 est ms", "groups", "all r0 s", "us/grp r0",
	       "all r1 s", "us/grp r1", "tl365 s");
}

/* A sweep's seconds, with a star when --max-seconds cut it short. */
static void format_sweep_seconds(const bench_sweep *s, char *buf, size_t size)
{
	g_snprintf(buf, size, "%.2f%s", s->seconds, s->capped ? "*" : "");
}

static void print_sweep_note(const bench_sweep *s)
{
	const char *name = s->rollup ? "with roll-up   " : "without roll-up";
	double per_contrib = s->contributions ? s->seconds * 1e9 / (double)s->contributions : 0;
	printf("          all groups %s: %zu/%zu done in %.2f s, %.1f us/group, %.1f candidates/group, "
	       "%.0f ns/candidate, %zu with a value",
	       name, s->done, s->total, s->seconds, sweep_us_per_group(s),
	       s->done ? (double)s->contributions / (double)s->done : 0, per_contrib, s->with_value);
	if (s->capped)
		printf("; STOPPED at --max-seconds, all %zu would take about %.2f s", s->total,
		       sweep_full_seconds(s));
	printf("\n");
	if (s->failures)
		printf("          %zu estimates failed; the first: %s\n", s->failures, s->first_failure);
}

static void print_table_row(const result *res)
{
	char flat[32], rolled[32];
	format_sweep_seconds(&res->flat, flat, sizeof flat);
	format_sweep_seconds(&res->rolled, rolled, sizeof rolled);
	printf("%9zu %8.1f %7.0f %7.2f %7.2f %8.1f %8.1f %9.3f %7zu %10s %9.1f %10s %9.1f %8.2f\n", res->n,
	       res->file_bytes / MB, res->file_bytes / (double)res->n, res->gen_s, res->load_s,
	       (res->peak_after_load - res->rss_before_load) / MB,
	       (res->rss_after_load - res->rss_before_load) / MB, res->one_first_ms, res->flat.total, flat,
	       sweep_us_per_group(&res->flat), rolled, sweep_us_per_group(&res->rolled), res->timeline_s);
	printf("          one estimate (%s in %s, roll-up, at 2022-02-15): first %.3f ms, "
	       "best of 5 more %.3f ms; %zu candidates, %zu counted, %zu voices, %zu parts, best %" PRIu64
	       "%s\n",
	       res->one_actor, res->one_region, res->one_first_ms, res->one_min_ms, res->one_contributions,
	       res->one_claims, res->one_voices, res->one_parts, res->one_best,
	       res->one_has_value ? "" : " (no value)");
	print_sweep_note(&res->flat);
	print_sweep_note(&res->rolled);
	printf("          timeline (alert threshold %g): %zu points, %zu alerts, %.2f s (%.2f ms/point), "
	       "%zu candidates over all points (%.0f ns each), result holds %.1f MB, %.0f minor faults%s\n",
	       res->timeline_threshold, res->timeline_points, res->timeline_alerts, res->timeline_s,
	       res->timeline_points ? res->timeline_s * 1e3 / (double)res->timeline_points : 0,
	       res->timeline_contributions,
	       res->timeline_contributions ? res->timeline_s * 1e9 / (double)res->timeline_contributions : 0,
	       res->timeline_held / MB, res->timeline_faults, res->timeline_rc ? " FAILED" : "");
	printf("          save %.2f s; load %.1f us/claim, %.0f minor faults, keeps %.1f MB (%.0f B/claim); "
	       "RSS at end %.1f MB, peak %.1f MB\n",
	       res->save_s, res->load_s * 1e6 / (double)res->n, res->load_faults,
	       (res->rss_after_load - res->rss_before_load) / MB,
	       (res->rss_after_load - res->rss_before_load) / (double)res->n, res->rss_end / MB,
	       res->peak_end / MB);
}

static void print_sweep_json(GString *out, const char *name, const bench_sweep *s)
{
	g_string_append_printf(out,
	                       ",\"%s\":{\"groups\":%zu,\"done\":%zu,\"seconds\":%.6f,\"us_per_group\":%.3f,"
	                       "\"candidates\":%zu,\"with_value\":%zu,\"failures\":%zu,\"capped\":%s,"
	                       "\"full_seconds_estimated\":%.3f,\"rss_mb\":%.3f,\"peak_rss_mb\":%.3f}",
	                       name, s->total, s->done, s->seconds, sweep_us_per_group(s), s->contributions,
	                       s->with_value, s->failures, s->capped ? "true" : "false",
	                       sweep_full_seconds(s), s->rss_after / MB, s->peak_after / MB);
}

static void print_json(const result *res)
{
	GString *out = g_string_new(NULL);
	g_string_append_printf(
	    out,
	    "{\"n\":%zu,\"seed\":%" PRIu64 ",\"file_bytes\":%.0f,\"bytes_per_claim\":%.1f,"
	    "\"generate_seconds\":%.6f,\"save_seconds\":%.6f,\"load_seconds\":%.6f,"
	    "\"load_minor_faults\":%.0f,\"load_peak_rss_growth_mb\":%.3f,\"load_rss_growth_mb\":%.3f,"
	    "\"one_estimate\":{\"actor\":\"%s\",\"region\":\"%s\",\"first_ms\":%.6f,"
	    "\"best_of_5_ms\":%.6f,\"candidates\":%zu,\"claims\":%zu,\"voices\":%zu,"
	    "\"parts\":%zu,\"has_value\":%s,\"best\":%" PRIu64 "},\"collect_groups_seconds\":%.6f",
	    res->n, res->seed, res->file_bytes, res->file_bytes / (double)res->n, res->gen_s, res->save_s,
	    res->load_s, res->load_faults, (res->peak_after_load - res->rss_before_load) / MB,
	    (res->rss_after_load - res->rss_before_load) / MB, res->one_actor, res->one_region,
	    res->one_first_ms, res->one_min_ms, res->one_contributions, res->one_claims, res->one_voices,
	    res->one_parts, res->one_has_value ? "true" : "false", res->one_best, res->collect_s);
	print_sweep_json(out, "all_groups_rollup0", &res->flat);
	print_sweep_json(out, "all_groups_rollup1", &res->rolled);
	g_string_append_printf(
	    out,
	    ",\"timeline\":{\"threshold\":%g,\"points\":%zu,\"alerts\":%zu,\"seconds\":%.6f,"
	    "\"candidates\":%zu,\"held_mb\":%.3f,\"minor_faults\":%.0f,\"ok\":%s},"
	    "\"rss_end_mb\":%.3f,\"peak_rss_end_mb\":%.3f}\n",
	    res->timeline_threshold, res->timeline_points, res->timeline_alerts, res->timeline_s,
	    res->timeline_contributions, res->timeline_held / MB, res->timeline_faults,
	    res->timeline_rc ? "false" : "true", res->rss_end / MB, res->peak_end / MB);
	fputs(out->str, stdout);
	g_string_free(out, TRUE);
}

/* ---- the measurement in a child ----------------------------------------- */

typedef struct measure_args {
	const char *path;
	size_t n;
	uint64_t seed;
	double max_seconds, threshold;
} measure_args;

static void measure_work(const void *args, void *out)
{
	const measure_args *a = args;
	measure(a->path, a->n, a->seed, a->max_seconds, a->threshold, out);
}

/* Measures in one child and prints its figures here, in the parent, so
 * that stdout has one writer. */
static int measure_in_child(size_t n, uint64_t seed, const char *path, const bench_gen_report *rep,
                            double max_seconds, double threshold, int json)
{
	measure_args a = {path, n, seed, max_seconds, threshold};
	result res;
	if (!bench_run_in_child(measure_work, &a, &res, sizeof res, "the measurement", n))
		return 0;
	res.gen_s = rep->gen_s;
	res.save_s = rep->save_s;
	if (json)
		print_json(&res);
	else
		print_table_row(&res);
	return 1;
}

/* ---- the run mode ------------------------------------------------------- */

/* The options of run alone. */
typedef struct run_options {
	double max_seconds;
	double threshold;
} run_options;

static int run_each(const bench_options *o, const bench_files *f, void *payload)
{
	const run_options *r = payload;
	return measure_in_child(f->n, o->seed, f->doc_path, &f->rep, r->max_seconds, r->threshold, o->json);
}

int bench_cmd_run(int argc, char **argv)
{
	bench_options o;
	bench_options_init(&o);
	run_options r = {60, -1};
	GOptionEntry entries[] = {
	    bench_option_json(&o.json),
	    {"max-seconds", 'm', 0, G_OPTION_ARG_DOUBLE, &r.max_seconds,
	     "Stop an all-groups sweep after S seconds and extrapolate (default 60; 0: no limit)", "S"},
	    bench_option_seed(&o.seed_text),
	    {"alert-threshold", 'a', 0, G_OPTION_ARG_DOUBLE, &r.threshold,
	     "Alert threshold of the timeline (default the library's, 0.10; 0 raises the most alerts)", "F"},
	    bench_option_tmpdir(&o.tmpdir),
	    bench_option_keep(&o.keep),
	    bench_option_counts(&o.rest),
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	static const size_t defaults[] = {10000, 100000, 1000000};
	int status = EXIT_USAGE;
	int ok = 1;
	if (!bench_parse_options(
	        "run", "Measures load, estimates and timelines over synthetic datasets of N claims.", entries,
	        &argc, &argv))
		goto cleanup;
	o.seed = bench_parse_seed(o.seed_text, &ok);
	if (!ok || r.max_seconds < 0 || (r.threshold < 0 && r.threshold != -1)) {
		fprintf(stderr,
		        "ft-bench run: --seed must be a number, --max-seconds and --alert-threshold not "
		        "negative\n");
		goto cleanup;
	}
	if (!bench_parse_counts("run", o.rest, defaults, G_N_ELEMENTS(defaults), o.counts))
		goto cleanup;

	if (!o.json) {
		printf("ft-bench %s: estimates at 2022-02-15, --max-seconds %g per sweep, seed %" PRIu64 "\n",
		       ft_version(), r.max_seconds, o.seed);
		print_table_header();
	}
	status = bench_each_count(&o, 0, run_each, &r);

cleanup:
	bench_options_clear(&o);
	return status;
}
