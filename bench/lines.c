/*
 * The `lines` mode of ft-bench: loading measured against the targets of
 * the project's issue. For each N it saves the dataset as a document and
 * as JSON Lines, then runs every phase in a fresh forked child, so that
 * its peak memory is that phase's alone: Jansson parsing the JSON Lines
 * file line by line and nothing else (the floor a line loader cannot
 * beat), the same while keeping every string, the library loading the
 * same file serially and on two threads, Jansson building the tree of the
 * document, and the library loading the document; then each target as a
 * ratio against its limit, and the comparison with compare.py.
 */
#include "bench.h"

#include <jansson.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* The flags the library parses with (io/fields.c, io/read-document.c, io/read-lines.c), so that
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

/* ---- the lines mode ----------------------------------------------------- */

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
	return l->no_compare ||
	       bench_compare_one(f->n, o->seed, f->lines_path, o->python, o->script, o->json);
}

int bench_cmd_lines(int argc, char **argv)
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
