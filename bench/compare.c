/*
 * The `compare` mode of ft-bench: the library against bench/compare.py, a
 * plain Python script, on the same JSON Lines file. The script loads the
 * file with the json module and computes, per (subject, region, measure),
 * the median of each source's latest figure. The library does the
 * nearest it has: a serial load of the file, then ft_estimate_compute
 * with the plain median, without roll-up, for every group, at a date
 * after every claim, with everything known, staleness off and
 * projections counted (the script knows neither). The script also writes
 * its medians, and the two sides are compared group by group, so that a
 * reader sees how far "the equivalent" goes. `lines` ends with the same
 * comparison (bench_compare_one).
 */
#include "bench.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define COMPARE_AT "2023-12-31"

#define DEFAULT_PYTHON "/usr/bin/python3"

#ifndef FT_BENCH_SOURCE_DIR
#define FT_BENCH_SOURCE_DIR "bench"
#endif

typedef struct py_result {
	int ok;
	double load_s, compute_s, wall_s, peak_mb;
	size_t claims, groups, with_value;
} py_result;

typedef struct c_compare {
	double load_s, compute_s, peak_growth;
	size_t claims, groups, with_value, contributions, failures;
	bench_agreement agree; /* against the script's medians */
} c_compare;

/* Runs the script on the JSON Lines file; its medians go to `medians_path`. */
static int run_python(const char *python, const char *script, const char *lines_path,
                      const char *medians_path, py_result *out)
{
	memset(out, 0, sizeof *out);
	const char *argv[] = {python, script, "--json", "--out", medians_path, lines_path, NULL};
	double peak_rss = 0;
	json_t *res = bench_spawn_json(argv, &out->wall_s, &peak_rss);
	if (res) {
		out->load_s = bench_json_number(res, "load_seconds");
		out->compute_s = bench_json_number(res, "compute_seconds");
		out->peak_mb = bench_json_number(res, "peak_rss_mb");
		out->claims = (size_t)bench_json_number(res, "claims");
		out->groups = (size_t)bench_json_number(res, "groups");
		out->with_value = (size_t)bench_json_number(res, "with_value");
		out->ok = 1;
	}
	json_decref(res);
	return out->ok;
}

/* Compares the library's figures with a peer's medians (one line a group:
 * subject, region, measure, median or nothing, tab-separated), as the
 * script and bench/duckdb/median.mjs write them. */
void bench_compare_medians(const bench_group *groups, const uint64_t *best, size_t n,
                           const char *medians_path, bench_agreement *out)
{
	memset(out, 0, sizeof *out);
	char *text = NULL;
	if (!g_file_get_contents(medians_path, &text, NULL, NULL))
		return;
	GHashTable *peer = g_hash_table_new(g_str_hash, g_str_equal);
	char **lines = g_strsplit(text, "\n", -1);
	for (size_t i = 0; lines[i]; i++) {
		char *tab = strrchr(lines[i], '\t');
		if (!tab)
			continue;
		*tab = '\0';
		g_hash_table_insert(peer, lines[i], tab + 1);
	}
	out->peer_groups = g_hash_table_size(peer);
	for (size_t i = 0; i < n; i++) {
		char *key = g_strdup_printf("%s\t%s\t%s", ft_actor_id(groups[i].actor),
		                            ft_region_id(groups[i].region), groups[i].measure);
		const char *median = g_hash_table_lookup(peer, key);
		g_free(key);
		if (!median) {
			out->unmatched++;
			continue;
		}
		int has_peer = *median != '\0';
		int has_c = best[i] != UINT64_MAX;
		if (has_peer && has_c) {
			out->both_value++;
			if (g_ascii_strtoull(median, NULL, 10) == best[i])
				out->same++;
		} else if (has_c) {
			out->only_library++;
		} else if (has_peer) {
			out->only_peer++;
		}
	}
	out->compared = 1;
	g_strfreev(lines);
	g_hash_table_destroy(peer);
	g_free(text);
}

/* The library's side, in this (fresh) process. */
static void run_c_compare(const char *lines_path, const char *medians_path, uint64_t seed, c_compare *out)
{
	memset(out, 0, sizeof *out);
	bench_release_free_memory();
	double before = bench_rss_bytes();
	double t0 = bench_now_s();
	ft_dataset *ds = bench_load_with(lines_path, FT_ENCODING_LINES, 1);
	out->load_s = bench_now_s() - t0;
	t0 = bench_now_s();
	size_t n_groups = 0;
	bench_group *groups = bench_collect_groups(ds, seed, &n_groups);
	ft_estimate_options opts = FT_ESTIMATE_OPTIONS_INIT;
	opts.at = bench_parse_time(COMPARE_AT);
	opts.no_rollup = 1;
	opts.method = FT_METHOD_MEDIAN;
	opts.staleness_days = -1;
	opts.include_projections = 1;
	uint64_t *best = g_new(uint64_t, n_groups ? n_groups : 1);
	bench_sweep sw;
	bench_run_sweep(ds, groups, n_groups, &opts, 0, best, &sw);
	out->compute_s = bench_now_s() - t0;
	out->peak_growth = bench_peak_rss_bytes() - before;
	out->claims = ft_dataset_claim_count(ds);
	out->groups = n_groups;
	out->with_value = sw.with_value;
	out->contributions = sw.contributions;
	out->failures = sw.failures;
	if (sw.failures)
		g_printerr("[ft-bench] %zu estimates failed; the first: %s\n", sw.failures, sw.first_failure);
	if (medians_path)
		bench_compare_medians(groups, best, n_groups, medians_path, &out->agree);
	g_free(best);
	g_free(groups);
	ft_dataset_free(ds);
}

typedef struct compare_args {
	const char *lines_path;
	const char *medians_path;
	uint64_t seed;
} compare_args;

static void compare_work(const void *args, void *out)
{
	const compare_args *a = args;
	run_c_compare(a->lines_path, a->medians_path, a->seed, out);
}

static int c_compare_in_child(const char *lines_path, const char *medians_path, uint64_t seed, size_t n,
                              c_compare *out)
{
	compare_args a = {lines_path, medians_path, seed};
	return bench_run_in_child(compare_work, &a, out, sizeof *out, "the library's side of the comparison",
	                          n);
}

static void print_compare_table(size_t n, double lines_bytes, const py_result *py, const c_compare *c,
                                const char *python, const char *script)
{
	printf("compare N=%zu (JSON Lines %.1f MB): per (subject, region, measure), the median of the latest "
	       "figures, at %s, everything known\n",
	       n, lines_bytes / MB, COMPARE_AT);
	printf("  %-44s %8s %10s %8s %9s %7s %7s\n", "side", "load s", "compute s", "total s", "peak MB",
	       "groups", "median");
	char *python_name = g_path_get_basename(python);
	char *script_name = g_path_get_basename(script);
	char name[256];
	g_snprintf(name, sizeof name, "%s %s", python_name, script_name);
	g_free(python_name);
	g_free(script_name);
	printf("  %-44s %8.3f %10.3f %8.3f %9.1f %7zu %7zu\n", name, py->load_s, py->compute_s,
	       py->load_s + py->compute_s, py->peak_mb, py->groups, py->with_value);
	printf("  %-44s %8.3f %10.3f %8.3f %9.1f %7zu %7zu\n", "library (threads=1, median, rollup 0)",
	       c->load_s, c->compute_s, c->load_s + c->compute_s, c->peak_growth / MB, c->groups,
	       c->with_value);
	double c_total = c->load_s + c->compute_s;
	printf("  Python / library: load %.2fx, compute %.2fx, total %.2fx (the script's process took %.2f s "
	       "with the interpreter's start and writing its medians)\n",
	       c->load_s > 0 ? py->load_s / c->load_s : 0,
	       c->compute_s > 0 ? py->compute_s / c->compute_s : 0,
	       c_total > 0 ? (py->load_s + py->compute_s) / c_total : 0, py->wall_s);
	printf("  the library looked at %zu candidates (%.1f per group)", c->contributions,
	       c->groups ? (double)c->contributions / (double)c->groups : 0);
	const bench_agreement *a = &c->agree;
	if (a->compared)
		printf(
		    "; same figure in %zu of the %zu groups where both have one (%.1f%%), a figure only from "
		    "the library in %zu, only from the script in %zu%s",
		    a->same, a->both_value,
		    a->both_value ? 100.0 * (double)a->same / (double)a->both_value : 0, a->only_library,
		    a->only_peer, a->unmatched ? " (SOME GROUPS UNMATCHED)" : "");
	printf("\n");
	if (a->unmatched || py->groups != c->groups)
		printf("  WARNING: the script found %zu groups, the library %zu, %zu unmatched\n", py->groups,
		       c->groups, a->unmatched);
}

static void print_compare_json(size_t n, double lines_bytes, const py_result *py, const c_compare *c)
{
	printf("{\"n\":%zu,\"lines_bytes\":%.0f,\"at\":\"%s\",\"python\":{\"load_seconds\":%.6f,"
	       "\"compute_seconds\":%.6f,\"process_seconds\":%.6f,\"peak_rss_mb\":%.3f,\"groups\":%zu,"
	       "\"with_value\":%zu},\"library\":{\"load_seconds\":%.6f,\"compute_seconds\":%.6f,"
	       "\"peak_rss_growth_mb\":%.3f,\"groups\":%zu,\"with_value\":%zu,\"candidates\":%zu},"
	       "\"ratio_total\":%.4f,\"same_figure\":%zu,\"both_with_value\":%zu}\n",
	       n, lines_bytes, COMPARE_AT, py->load_s, py->compute_s, py->wall_s, py->peak_mb, py->groups,
	       py->with_value, c->load_s, c->compute_s, c->peak_growth / MB, c->groups, c->with_value,
	       c->contributions,
	       (c->load_s + c->compute_s) > 0 ? (py->load_s + py->compute_s) / (c->load_s + c->compute_s) : 0,
	       c->agree.same, c->agree.both_value);
}

/* Runs the script, then the library's side; prints both and the ratio.
 * `python` and `script` NULL: DEFAULT_PYTHON and the compare.py of the
 * source tree. */
int bench_compare_one(size_t n, uint64_t seed, const char *lines_path, const char *python, const char *script,
                      int json)
{
	char *script_path =
	    script ? g_strdup(script) : g_build_filename(FT_BENCH_SOURCE_DIR, "compare.py", NULL);
	if (!python)
		python = DEFAULT_PYTHON;
	char *medians_path = g_strconcat(lines_path, ".medians.tsv", NULL);
	py_result py;
	c_compare c;
	bench_warm_page_cache(lines_path);
	g_printerr("[ft-bench] N=%zu: running %s %s\n", n, python, script_path);
	int ok = run_python(python, script_path, lines_path, medians_path, &py);
	if (ok) {
		g_printerr("[ft-bench] N=%zu: the script took %.2f s; now the library\n", n, py.wall_s);
		ok = c_compare_in_child(lines_path, medians_path, seed, n, &c);
	}
	if (ok) {
		if (json)
			print_compare_json(n, bench_file_size(lines_path), &py, &c);
		else
			print_compare_table(n, bench_file_size(lines_path), &py, &c, python, script_path);
	}
	unlink(medians_path);
	g_free(medians_path);
	g_free(script_path);
	return ok;
}

/* ---- the compare mode --------------------------------------------------- */

GOptionEntry bench_option_python(char **python)
{
	GOptionEntry e = {.long_name = "python",
	                  .arg = G_OPTION_ARG_FILENAME,
	                  .arg_data = python,
	                  .description = "The Python of the comparison (default " DEFAULT_PYTHON ")",
	                  .arg_description = "PATH"};
	return e;
}

GOptionEntry bench_option_script(char **script)
{
	GOptionEntry e = {.long_name = "script",
	                  .arg = G_OPTION_ARG_FILENAME,
	                  .arg_data = script,
	                  .description = "The comparison script (default " FT_BENCH_SOURCE_DIR "/compare.py)",
	                  .arg_description = "PATH"};
	return e;
}

static int compare_each(const bench_options *o, const bench_files *f, void *payload)
{
	(void)payload;
	return bench_compare_one(f->n, o->seed, f->lines_path, o->python, o->script, o->json);
}

int bench_cmd_compare(int argc, char **argv)
{
	bench_options o;
	bench_options_init(&o);
	GOptionEntry entries[] = {
	    bench_option_json(&o.json),   bench_option_seed(&o.seed_text),   bench_option_tmpdir(&o.tmpdir),
	    bench_option_keep(&o.keep),   bench_option_python(&o.python),    bench_option_script(&o.script),
	    bench_option_counts(&o.rest), {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	static const size_t defaults[] = {100000, 1000000};
	int status = EXIT_USAGE;
	int ok = 1;
	if (!bench_parse_options(
	        "compare",
	        "Times a plain Python script (compare.py) and the library on the same JSON Lines "
	        "file: load, then a median per (subject, region, measure).",
	        entries, &argc, &argv))
		goto cleanup;
	o.seed = bench_parse_seed(o.seed_text, &ok);
	if (!ok) {
		fprintf(stderr, "ft-bench compare: --seed must be a number\n");
		goto cleanup;
	}
	if (!bench_parse_counts("compare", o.rest, defaults, G_N_ELEMENTS(defaults), o.counts))
		goto cleanup;

	status = bench_each_count(&o, 1, compare_each, NULL);

cleanup:
	bench_options_clear(&o);
	return status;
}
