/*
 * ft-bench: the benchmark program of libforcetrack. It builds synthetic
 * datasets of N claims through the public API (a fixed-seed generator, so
 * every run measures the same data), saves them, and measures what a user
 * waits for: loading a document, one estimate, an estimate for every
 * (subject, region, measure) group found in the claims, and a year-long
 * daily timeline. Each N is measured in a forked child so that peak memory
 * belongs to that N alone; the dataset is generated in another child
 * first, so the generator's memory never counts as the loader's. Results
 * are an aligned table, or JSON lines with --json. Performance is measured
 * here and nowhere else: the tests assert no timings (STYLE.md).
 *
 * `lines` measures loading against the targets of the project's issue:
 * JSON Lines against Jansson parsing the same lines alone, serial against
 * two threads, and the document's peak memory against Jansson's own tree,
 * each figure in a fresh child; then `compare` times a plain Python script
 * (compare.py) against the library on the same data.
 *
 *     ft-bench run [--json] [--max-seconds S] [N...]
 *     ft-bench lines [--json] [--repeat R] [N...]
 *     ft-bench compare [--json] [N...]
 *     ft-bench generate [--lines] N FILE
 *     ft-bench load [--threads T] FILE
 */
#include "bench.h"

#include <glib.h>
#include <jansson.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
    "Usage: ft-bench COMMAND [OPTION...]\n"
    "\n"
    "Commands:\n"
    "  run [--json] [--max-seconds S] [--alert-threshold F] [--seed X] [N...]\n"
    "                                                    measure load, estimates, timelines\n"
    "                                                    (default N: 10000 100000 1000000)\n"
    "  lines [--json] [--repeat R] [--seed X] [N...]     JSON Lines and document loads against\n"
    "                                                    Jansson alone and the targets, then compare\n"
    "                                                    (default N: 100000 1000000)\n"
    "  compare [--json] [--seed X] [N...]                the library against bench/compare.py, a\n"
    "                                                    plain Python script, on the same JSON Lines\n"
    "  generate [--seed X] [--lines] N FILE              write the synthetic dataset of N claims\n"
    "  load [--threads T] [--encoding E] FILE            load FILE once (for profilers)\n"
    "\n"
    "Run 'ft-bench COMMAND --help' for the options of one command.\n";

/* ---- JSON Lines and documents against Jansson alone ------------------------
 *
 * `ft-bench lines` measures the loads against the targets of the project's
 * issue, each figure in a fresh forked child so that its peak memory is
 * that phase's alone: Jansson parsing the JSON Lines file line by line and
 * nothing else (the floor a line loader cannot beat), the library loading
 * the same file serially and on two threads, Jansson building the tree of
 * the document, and the library loading the document.
 */

/* The flags the library parses with (io/read.c, io/read-lines.c), so that
 * Jansson alone parses exactly what the library parses. */
#define JANSSON_FLAGS (JSON_REJECT_DUPLICATES | JSON_DECODE_ANY)

/* The targets (the project's issue). */
#define TARGET_LINES_PEAK_PER_BYTE 0.70 /* peak RSS growth / JSON Lines file size, at most */
#define TARGET_LINES_VS_JANSSON    1.15 /* serial load time / Jansson line by line, at most */
#define TARGET_LINES_SPEEDUP       1.70 /* threads=1 time / threads=2 time, at least */
#define TARGET_DOC_VS_TREE         1.10 /* document load peak / Jansson tree peak, at most */

typedef enum phase_kind {
	PHASE_JANSSON_LINES = 0,
	PHASE_JANSSON_KEEP,
	PHASE_LINES_1,
	PHASE_LINES_2,
	PHASE_JANSSON_DOC,
	PHASE_DOC,
	N_PHASES
} phase_kind;

static const char *const phase_names[N_PHASES] = {
    "Jansson alone, lines (getline, json_loadb)",
    "Jansson, lines, keeping every string",
    "library, JSON Lines, threads=1",
    "library, JSON Lines, threads=2",
    "Jansson alone, document tree (json_load_file)",
    "library, document",
};

static const char *const phase_keys[N_PHASES] = {
    "jansson_lines",  "jansson_lines_keep",    "lines_threads1",
    "lines_threads2", "jansson_document_tree", "document",
};

typedef struct phase {
	double seconds;     /* wall time */
	double cpu_seconds; /* user + system time of every thread */
	double peak_growth; /* bytes: the peak resident size minus the size before */
	double held;        /* bytes: resident growth with the result still held */
	double items;       /* lines parsed (Jansson) or claims loaded (library) */
} phase;

/* Copies every string of `v` (keys and values, at any depth) into `keep`. */
static void keep_strings(const json_t *v, GStringChunk *keep)
{
	if (json_is_string(v)) {
		g_string_chunk_insert_len(keep, json_string_value(v), (gssize)json_string_length(v));
	} else if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++)
			keep_strings(json_array_get(v, i), keep);
	} else if (json_is_object(v)) {
		const char *key;
		json_t *member;
		json_object_foreach ((json_t *)(uintptr_t)v, key, member) {
			g_string_chunk_insert(keep, key);
			keep_strings(member, keep);
		}
	}
}

/* The floor: a buffered reader (64 KiB reads, as the library's), one
 * json_loadb per line, json_decref, nothing else. With `keep`, every
 * string of every line is also copied into it before json_decref: the
 * least that any loader which keeps the data's text pays on top of
 * Jansson, before it checks a rule or indexes anything (a reference, not
 * a target). Returns the lines. */
static double jansson_lines(const char *path, GStringChunk *keep)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		bench_die("cannot open the JSON Lines file", NULL);
	char *iobuf = g_malloc(64 * 1024);
	setvbuf(fp, iobuf, _IOFBF, 64 * 1024);
	char *buf = NULL;
	size_t cap = 0, count = 0;
	ssize_t got;
	while ((got = getline(&buf, &cap, fp)) > 0) {
		size_t len = (size_t)got;
		if (buf[len - 1] == '\n')
			len--;
		json_error_t jerr;
		json_t *v = json_loadb(buf, len, JANSSON_FLAGS, &jerr);
		if (!v) {
			fprintf(stderr, "ft-bench: %s, line %zu: %s\n", path, count + 1, jerr.text);
			exit(EXIT_FAILED);
		}
		if (keep)
			keep_strings(v, keep);
		json_decref(v);
		count++;
	}
	free(buf);
	fclose(fp);
	g_free(iobuf);
	return (double)count;
}

/* Runs one phase in this (fresh) process and measures it. */
static void run_phase(phase_kind kind, const char *doc_path, const char *lines_path, phase *out)
{
	memset(out, 0, sizeof *out);
	bench_release_free_memory();
	double before = bench_rss_bytes();
	double cpu0 = bench_cpu_seconds();
	double t0 = bench_now_s();
	ft_dataset *ds = NULL;
	json_t *tree = NULL;
	GStringChunk *kept = NULL;
	switch (kind) {
	case PHASE_JANSSON_LINES: out->items = jansson_lines(lines_path, NULL); break;
	case PHASE_JANSSON_KEEP:
		kept = g_string_chunk_new(1 << 20);
		out->items = jansson_lines(lines_path, kept);
		break;
	case PHASE_LINES_1: ds = bench_load_with(lines_path, FT_ENCODING_LINES, 1); break;
	case PHASE_LINES_2: ds = bench_load_with(lines_path, FT_ENCODING_LINES, 2); break;
	case PHASE_JANSSON_DOC: {
		json_error_t jerr;
		tree = json_load_file(doc_path, JANSSON_FLAGS, &jerr);
		if (!tree) {
			fprintf(stderr, "ft-bench: %s: %s\n", doc_path, jerr.text);
			exit(EXIT_FAILED);
		}
		out->items = 1;
		break;
	}
	case PHASE_DOC: ds = bench_load_with(doc_path, FT_ENCODING_DOCUMENT, 1); break;
	default: bench_die("unknown phase", NULL);
	}
	out->seconds = bench_now_s() - t0;
	out->cpu_seconds = bench_cpu_seconds() - cpu0;
	out->peak_growth = bench_peak_rss_bytes() - before;
	bench_release_free_memory();
	out->held = bench_rss_bytes() - before;
	if (ds)
		out->items = (double)ft_dataset_claim_count(ds);
	ft_dataset_free(ds);
	json_decref(tree);
	if (kept)
		g_string_chunk_free(kept);
}

typedef struct phase_args {
	phase_kind kind;
	const char *doc_path;
	const char *lines_path;
} phase_args;

static void phase_work(const void *args, void *out)
{
	const phase_args *a = args;
	run_phase(a->kind, a->doc_path, a->lines_path, out);
}

static int phase_in_child(phase_kind kind, const char *doc_path, const char *lines_path, size_t n, phase *out)
{
	phase_args a = {kind, doc_path, lines_path};
	return bench_run_in_child(phase_work, &a, out, sizeof *out, phase_names[kind], n);
}

typedef struct target {
	const char *name;
	double value, limit;
	int at_least;        /* 1: value >= limit passes; 0: value <= limit passes */
	double median_value; /* a time ratio: the same from the median times; else < 0 */
} target;

static int target_met(const target *t)
{
	return t->at_least ? t->value >= t->limit : t->value <= t->limit;
}

/* "PASS", or "MISS, 23% over" / "MISS, 12% short". */
static void target_verdict(const target *t, char *buf, size_t size)
{
	if (target_met(t))
		g_snprintf(buf, size, "PASS");
	else if (t->at_least)
		g_snprintf(buf, size, "MISS, %.0f%% short", (1 - t->value / t->limit) * 100);
	else
		g_snprintf(buf, size, "MISS, %.0f%% over", (t->value / t->limit - 1) * 100);
}

typedef struct lines_result {
	size_t n;
	double doc_bytes, lines_bytes;
	int repeat;
	phase best[N_PHASES]; /* the best time of the repeats, the largest peak */
	double median_s[N_PHASES], worst_s[N_PHASES];
	target targets[5];
	size_t n_targets;
} lines_result;

static void lines_targets(lines_result *res)
{
	const phase *p = res->best;
	target *t = res->targets;
	size_t k = 0;
	const double *m = res->median_s;
	t[k++] = (target){"JSON Lines load, threads=1: peak RSS growth / file size",
	                  p[PHASE_LINES_1].peak_growth / res->lines_bytes, TARGET_LINES_PEAK_PER_BYTE, 0, -1};
	t[k++] = (target){"JSON Lines load, threads=2: peak RSS growth / file size",
	                  p[PHASE_LINES_2].peak_growth / res->lines_bytes, TARGET_LINES_PEAK_PER_BYTE, 0, -1};
	t[k++] = (target){"JSON Lines load, threads=1: time / Jansson alone",
	                  p[PHASE_LINES_1].seconds / p[PHASE_JANSSON_LINES].seconds, TARGET_LINES_VS_JANSSON,
	                  0, m[PHASE_LINES_1] / m[PHASE_JANSSON_LINES]};
	t[k++] = (target){"JSON Lines load: threads=1 time / threads=2 time",
	                  p[PHASE_LINES_1].seconds / p[PHASE_LINES_2].seconds, TARGET_LINES_SPEEDUP, 1,
	                  m[PHASE_LINES_1] / m[PHASE_LINES_2]};
	t[k++] =
	    (target){"document load: peak RSS growth / Jansson tree's",
	             p[PHASE_DOC].peak_growth / p[PHASE_JANSSON_DOC].peak_growth, TARGET_DOC_VS_TREE, 0, -1};
	res->n_targets = k;
}

static void print_lines_table(const lines_result *res)
{
	printf("N=%zu: document %.1f MB (%.0f B/claim), JSON Lines %.1f MB (%.0f B/claim); "
	       "%d runs of each phase: best, median and worst time, the best run's CPU time, the largest "
	       "peak\n",
	       res->n, res->doc_bytes / MB, res->doc_bytes / (double)res->n, res->lines_bytes / MB,
	       res->lines_bytes / (double)res->n, res->repeat);
	printf("  %-46s %8s %8s %8s %8s %9s %9s %9s\n", "phase", "best s", "median s", "worst s", "cpu s",
	       "peak MB", "held MB", "us/claim");
	for (int k = 0; k < N_PHASES; k++) {
		const phase *p = &res->best[k];
		printf("  %-46s %8.3f %8.3f %8.3f %8.3f %9.1f %9.1f %9.2f\n", phase_names[k], p->seconds,
		       res->median_s[k], res->worst_s[k], p->cpu_seconds, p->peak_growth / MB, p->held / MB,
		       p->seconds * 1e6 / (double)res->n);
	}
	printf("  targets:\n");
	for (size_t k = 0; k < res->n_targets; k++) {
		const target *t = &res->targets[k];
		char verdict[64];
		target_verdict(t, verdict, sizeof verdict);
		printf("    %-58s %6.2f %s %.2f  %s", t->name, t->value, t->at_least ? ">=" : "<=", t->limit,
		       verdict);
		if (t->median_value >= 0)
			printf(" (from the median times: %.2f)", t->median_value);
		printf("\n");
	}
	/* The target compares the serial load with Jansson; a default load
	 * parses on every core, so say how that one compares too. */
	printf("    %-58s %6.2f (for reference, not a target)\n",
	       "JSON Lines load, threads=2: time / Jansson alone",
	       res->best[PHASE_LINES_2].seconds / res->best[PHASE_JANSSON_LINES].seconds);
	/* What keeping the text alone costs, against the serial target's
	 * limit: the part of the budget left for checking and indexing. */
	printf("    %-58s %6.2f (for reference, not a target)\n",
	       "Jansson, keeping every string: time / Jansson alone",
	       res->best[PHASE_JANSSON_KEEP].seconds / res->best[PHASE_JANSSON_LINES].seconds);
}

static void print_lines_json(const lines_result *res)
{
	GString *out = g_string_new(NULL);
	g_string_append_printf(out,
	                       "{\"n\":%zu,\"document_bytes\":%.0f,\"lines_bytes\":%.0f,\"repeat\":%d,"
	                       "\"phases\":{",
	                       res->n, res->doc_bytes, res->lines_bytes, res->repeat);
	for (int k = 0; k < N_PHASES; k++) {
		const phase *p = &res->best[k];
		g_string_append_printf(
		    out,
		    "%s\"%s\":{\"seconds\":%.6f,\"median_seconds\":%.6f,\"worst_seconds\":%.6f,"
		    "\"cpu_seconds\":%.6f,\"peak_rss_growth_mb\":%.3f,\"held_mb\":%.3f}",
		    k ? "," : "", phase_keys[k], p->seconds, res->median_s[k], res->worst_s[k],
		    p->cpu_seconds, p->peak_growth / MB, p->held / MB);
	}
	g_string_append(out, "},\"targets\":[");
	for (size_t k = 0; k < res->n_targets; k++) {
		const target *t = &res->targets[k];
		g_string_append_printf(
		    out, "%s{\"name\":\"%s\",\"value\":%.4f,\"limit\":%.2f,\"at_least\":%s,\"met\":%s",
		    k ? "," : "", t->name, t->value, t->limit, t->at_least ? "true" : "false",
		    target_met(t) ? "true" : "false");
		if (t->median_value >= 0)
			g_string_append_printf(out, ",\"value_from_medians\":%.4f", t->median_value);
		g_string_append_c(out, '}');
	}
	g_string_append(out, "]}\n");
	fputs(out->str, stdout);
	g_string_free(out, TRUE);
}

static int compare_doubles(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return a < b ? -1 : a > b;
}

/* Measures every phase `repeat` times, in rounds (each round runs every
 * phase once), keeping each phase's best time (and that run's figures),
 * its median and worst time, and its largest peak. */
static int measure_lines(size_t n, const char *doc_path, const char *lines_path, int repeat,
                         lines_result *res)
{
	memset(res, 0, sizeof *res);
	res->n = n;
	res->repeat = repeat;
	res->doc_bytes = bench_file_size(doc_path);
	res->lines_bytes = bench_file_size(lines_path);
	bench_warm_page_cache(doc_path);
	bench_warm_page_cache(lines_path);
	double *times = g_new(double, (size_t)N_PHASES *(size_t)repeat);
	for (int r = 0; r < repeat; r++) {
		for (int k = 0; k < N_PHASES; k++) {
			phase p;
			if (!phase_in_child((phase_kind)k, doc_path, lines_path, n, &p)) {
				g_free(times);
				return 0;
			}
			times[k * repeat + r] = p.seconds;
			g_printerr("[ft-bench] N=%zu: run %d, %s: %.3f s, peak +%.1f MB\n", n, r + 1,
			           phase_names[k], p.seconds, p.peak_growth / MB);
			phase *b = &res->best[k];
			if (r == 0) {
				*b = p;
				continue;
			}
			double peak = MAX(b->peak_growth, p.peak_growth);
			double held = MAX(b->held, p.held);
			if (p.seconds < b->seconds)
				*b = p;
			b->peak_growth = peak;
			b->held = held;
		}
	}
	for (int k = 0; k < N_PHASES; k++) {
		double *t = times + k * repeat;
		qsort(t, (size_t)repeat, sizeof *t, compare_doubles);
		res->median_s[k] = repeat % 2 ? t[repeat / 2] : (t[repeat / 2 - 1] + t[repeat / 2]) / 2;
		res->worst_s[k] = t[repeat - 1];
	}
	g_free(times);
	lines_targets(res);
	return 1;
}

/* ---- the side-by-side with a plain Python script ---------------------------
 *
 * bench/compare.py loads the same JSON Lines file with the json module and
 * computes, per (subject, region, measure), the median of each source's
 * latest figure. The library does the nearest it has: a serial load of
 * the file, then ft_estimate_compute with the plain median, without
 * roll-up, for every group, at a date after every claim, with everything
 * known, staleness off and projections counted (the script knows neither).
 * The script also writes its medians, and the two sides are compared
 * group by group, so that a reader sees how far "the equivalent" goes.
 */

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
	/* Against the script's medians. */
	int compared;
	size_t py_groups, unmatched, both_value, same, only_c, only_py;
} c_compare;

static double json_number(const json_t *obj, const char *key)
{
	return json_number_value(json_object_get(obj, key));
}

/* Runs the script on the JSON Lines file; its medians go to `medians_path`. */
static int run_python(const char *python, const char *script, const char *lines_path,
                      const char *medians_path, py_result *out)
{
	memset(out, 0, sizeof *out);
	char *argv[] = {g_strdup(python),
	                g_strdup(script),
	                g_strdup("--json"),
	                g_strdup("--out"),
	                g_strdup(medians_path),
	                g_strdup(lines_path),
	                NULL};
	char *std_out = NULL, *std_err = NULL;
	int wait_status = 0;
	GError *error = NULL;
	double t0 = bench_now_s();
	int spawned = g_spawn_sync(NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &std_out, &std_err,
	                           &wait_status, &error);
	out->wall_s = bench_now_s() - t0;
	for (size_t i = 0; argv[i]; i++)
		g_free(argv[i]);
	if (!spawned) {
		fprintf(stderr, "ft-bench: cannot run %s %s: %s\n", python, script, error->message);
		g_error_free(error);
		return 0;
	}
	if (!g_spawn_check_wait_status(wait_status, &error)) {
		fprintf(stderr, "ft-bench: %s %s failed: %s\n%s", python, script, error->message,
		        std_err ? std_err : "");
		g_error_free(error);
		g_free(std_out);
		g_free(std_err);
		return 0;
	}
	json_error_t jerr;
	json_t *res = json_loads(std_out ? std_out : "", 0, &jerr);
	if (json_is_object(res)) {
		out->load_s = json_number(res, "load_seconds");
		out->compute_s = json_number(res, "compute_seconds");
		out->peak_mb = json_number(res, "peak_rss_mb");
		out->claims = (size_t)json_number(res, "claims");
		out->groups = (size_t)json_number(res, "groups");
		out->with_value = (size_t)json_number(res, "with_value");
		out->ok = 1;
	} else {
		fprintf(stderr, "ft-bench: %s printed no JSON object: %s\n", script, jerr.text);
	}
	json_decref(res);
	g_free(std_out);
	g_free(std_err);
	return out->ok;
}

/* Compares the library's figures with the script's medians (one line a
 * group: subject, region, measure, median or nothing, tab-separated). */
static void compare_medians(const bench_group *groups, const uint64_t *best, size_t n,
                            const char *medians_path, c_compare *out)
{
	char *text = NULL;
	if (!g_file_get_contents(medians_path, &text, NULL, NULL))
		return;
	GHashTable *py = g_hash_table_new(g_str_hash, g_str_equal);
	char **lines = g_strsplit(text, "\n", -1);
	for (size_t i = 0; lines[i]; i++) {
		char *tab = strrchr(lines[i], '\t');
		if (!tab)
			continue;
		*tab = '\0';
		g_hash_table_insert(py, lines[i], tab + 1);
	}
	out->py_groups = g_hash_table_size(py);
	for (size_t i = 0; i < n; i++) {
		char *key = g_strdup_printf("%s\t%s\t%s", ft_actor_id(groups[i].actor),
		                            ft_region_id(groups[i].region), groups[i].measure);
		const char *median = g_hash_table_lookup(py, key);
		g_free(key);
		if (!median) {
			out->unmatched++;
			continue;
		}
		int has_py = *median != '\0';
		int has_c = best[i] != UINT64_MAX;
		if (has_py && has_c) {
			out->both_value++;
			if (g_ascii_strtoull(median, NULL, 10) == best[i])
				out->same++;
		} else if (has_c) {
			out->only_c++;
		} else if (has_py) {
			out->only_py++;
		}
	}
	out->compared = 1;
	g_strfreev(lines);
	g_hash_table_destroy(py);
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
	opts.rollup = 0;
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
		compare_medians(groups, best, n_groups, medians_path, out);
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
	if (c->compared)
		printf(
		    "; same figure in %zu of the %zu groups where both have one (%.1f%%), a figure only from "
		    "the library in %zu, only from the script in %zu%s",
		    c->same, c->both_value,
		    c->both_value ? 100.0 * (double)c->same / (double)c->both_value : 0, c->only_c,
		    c->only_py, c->unmatched ? " (SOME GROUPS UNMATCHED)" : "");
	printf("\n");
	if (c->unmatched || py->groups != c->groups)
		printf("  WARNING: the script found %zu groups, the library %zu, %zu unmatched\n", py->groups,
		       c->groups, c->unmatched);
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
	       c->same, c->both_value);
}

/* Runs the script, then the library's side; prints both and the ratio.
 * `python` and `script` NULL: DEFAULT_PYTHON and the compare.py of the
 * source tree. */
static int compare_one(size_t n, uint64_t seed, const char *lines_path, const char *python,
                       const char *script, int json)
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

/* ---- commands ------------------------------------------------------------- */

/* The options that several commands share, each written once. */

static GOptionEntry bench_option_python(char **python)
{
	GOptionEntry e = {.long_name = "python",
	                  .arg = G_OPTION_ARG_FILENAME,
	                  .arg_data = python,
	                  .description = "The Python of the comparison (default " DEFAULT_PYTHON ")",
	                  .arg_description = "PATH"};
	return e;
}

static GOptionEntry bench_option_script(char **script)
{
	GOptionEntry e = {.long_name = "script",
	                  .arg = G_OPTION_ARG_FILENAME,
	                  .arg_data = script,
	                  .description = "The comparison script (default " FT_BENCH_SOURCE_DIR "/compare.py)",
	                  .arg_description = "PATH"};
	return e;
}

/* The options of lines alone. */
typedef struct lines_options {
	int repeat;
	gboolean no_compare;
} lines_options;

static int lines_each(const bench_options *o, const bench_files *f, void *payload)
{
	const lines_options *l = payload;
	lines_result res;
	if (!measure_lines(f->n, f->doc_path, f->lines_path, l->repeat, &res))
		return 0;
	if (o->json)
		print_lines_json(&res);
	else
		print_lines_table(&res);
	return l->no_compare || compare_one(f->n, o->seed, f->lines_path, o->python, o->script, o->json);
}

static int cmd_lines(int argc, char **argv)
{
	bench_options o;
	bench_options_init(&o);
	lines_options l = {3, FALSE};
	GOptionEntry entries[] = {
	    {"json", 'j', 0, G_OPTION_ARG_NONE, &o.json, "Print JSON objects (JSON Lines) instead of tables",
	     NULL},
	    {"repeat", 'r', 0, G_OPTION_ARG_INT, &l.repeat,
	     "Run every phase R times and keep the best time (default 3)", "R"},
	    bench_option_seed(&o.seed_text),
	    bench_option_tmpdir(&o.tmpdir),
	    bench_option_keep(&o.keep),
	    {"no-compare", 0, 0, G_OPTION_ARG_NONE, &l.no_compare, "Leave out the comparison with compare.py",
	     NULL},
	    bench_option_python(&o.python),
	    bench_option_script(&o.script),
	    bench_option_counts(&o.rest),
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	static const size_t defaults[] = {100000, 1000000};
	int status = EXIT_USAGE;
	int ok = 1;
	if (!bench_parse_options(
	        "lines",
	        "Measures loading JSON Lines and documents against Jansson alone, against the "
	        "targets, and against a plain Python script.",
	        entries, &argc, &argv))
		goto cleanup;
	o.seed = bench_parse_seed(o.seed_text, &ok);
	if (!ok || l.repeat < 1) {
		fprintf(stderr, "ft-bench lines: --seed must be a number, --repeat at least 1\n");
		goto cleanup;
	}
	if (!bench_parse_counts("lines", o.rest, defaults, G_N_ELEMENTS(defaults), o.counts))
		goto cleanup;

	if (!o.json)
		printf("ft-bench %s lines: seed %" PRIu64 ", %u processors\n", ft_version(), o.seed,
		       g_get_num_processors());
	status = bench_each_count(&o, 1, lines_each, &l);

cleanup:
	bench_options_clear(&o);
	return status;
}

static int compare_each(const bench_options *o, const bench_files *f, void *payload)
{
	(void)payload;
	return compare_one(f->n, o->seed, f->lines_path, o->python, o->script, o->json);
}

static int cmd_compare(int argc, char **argv)
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

/* One load of FILE, for a profiler: `perf record -g ft-bench load FILE`. */
static int cmd_load(int argc, char **argv)
{
	int threads = 1;
	char *encoding = NULL;
	char **rest = NULL;
	GOptionEntry entries[] = {
	    {"threads", 'T', 0, G_OPTION_ARG_INT, &threads,
	     "Parse JSON Lines on this many threads (default 1; 0: one per core)", "T"},
	    {"encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding,
	     "auto, document or lines (default auto: by the content)", "E"},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, "FILE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	int status = EXIT_USAGE;
	if (!bench_parse_options("load",
	                         "Loads FILE once and prints the time and the peak memory (for profilers).",
	                         entries, &argc, &argv))
		goto cleanup;
	ft_encoding enc = FT_ENCODING_AUTO;
	if (encoding && strcmp(encoding, "document") == 0)
		enc = FT_ENCODING_DOCUMENT;
	else if (encoding && strcmp(encoding, "lines") == 0)
		enc = FT_ENCODING_LINES;
	else if (encoding && strcmp(encoding, "auto") != 0)
		threads = -1;
	if (threads < 0 || !rest || !rest[0] || rest[1]) {
		fprintf(stderr,
		        "ft-bench load: give one FILE, --threads T >= 0, --encoding auto, document or "
		        "lines\n");
		goto cleanup;
	}
	bench_release_free_memory();
	double before = bench_rss_bytes();
	double cpu0 = bench_cpu_seconds();
	double t0 = bench_now_s();
	ft_dataset *ds = bench_load_with(rest[0], enc, (unsigned)threads);
	double seconds = bench_now_s() - t0;
	double cpu = bench_cpu_seconds() - cpu0;
	double peak = bench_peak_rss_bytes() - before;
	bench_release_free_memory();
	double held = bench_rss_bytes() - before;
	printf("%zu claims loaded in %.3f s (cpu %.3f s); peak RSS growth %.1f MB, held %.1f MB\n",
	       ft_dataset_claim_count(ds), seconds, cpu, peak / MB, held / MB);
	ft_dataset_free(ds);
	status = EXIT_SUCCESS;

cleanup:
	g_free(encoding);
	g_strfreev(rest);
	return status;
}

int main(int argc, char **argv)
{
	setlocale(LC_CTYPE, "");
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
		fputs(usage_text, stdout);
		return EXIT_SUCCESS;
	}
	int status;
	if (strcmp(name, "run") == 0) {
		status = bench_cmd_run(argc - 1, argv + 1);
	} else if (strcmp(name, "generate") == 0) {
		status = bench_cmd_generate(argc - 1, argv + 1);
	} else if (strcmp(name, "lines") == 0) {
		status = cmd_lines(argc - 1, argv + 1);
	} else if (strcmp(name, "compare") == 0) {
		status = cmd_compare(argc - 1, argv + 1);
	} else if (strcmp(name, "load") == 0) {
		status = cmd_load(argc - 1, argv + 1);
	} else {
		fprintf(stderr, "ft-bench: unknown command '%s'\n%s", name, usage_text);
		return EXIT_USAGE;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("ft-bench: error writing to standard output\n", stderr);
		return EXIT_FAILED;
	}
	return status;
}
