/*
 * The `snapshot` mode of ft-bench: the binary snapshot's load against the
 * JSON Lines load it replaces, on the targets of issue 16. For each N it
 * generates the JSON Lines, writes their snapshot (a child loads the lines
 * and saves it, timed), then loads each file in fresh forked children,
 * each phase `--repeat` times in rounds, keeping the best time: the JSON
 * Lines on two threads, and the snapshot. The library cannot tell how much
 * memory a dataset takes, so the dataset's size is measured: the resident
 * growth of the JSON Lines load with the dataset still held, after free
 * memory is given back. The targets: the snapshot load at most 0.1 x the
 * two-thread JSON Lines load, and its peak growth at most that dataset
 * plus the mapped file.
 */
#include "bench.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The targets (issue 16). */
#define TARGET_SNAPSHOT_VS_LINES 0.10 /* snapshot load time / JSON Lines load on 2 threads, at most */
#define LOAD_THREADS             2

typedef enum snap_phase {
	SNAP_LINES = 0, /* the JSON Lines on LOAD_THREADS threads */
	SNAP_LOAD,      /* the snapshot */
	N_SNAP_PHASES
} snap_phase;

static const char *const snap_phase_names[N_SNAP_PHASES] = {"library, JSON Lines, threads=2",
                                                            "library, snapshot"};
static const char *const snap_phase_keys[N_SNAP_PHASES] = {"lines_threads2", "snapshot"};

typedef struct snap_measure {
	double seconds, cpu_seconds;
	double peak_growth; /* bytes: the peak resident size minus the size before */
	double held;        /* bytes: resident growth with the dataset held */
	size_t claims;
} snap_measure;

typedef struct snap_args {
	const char *path;
	ft_encoding encoding;
} snap_args;

/* One load, in a fresh child: the figures of ft-bench load. */
static void load_work(const void *args, void *out)
{
	const snap_args *a = args;
	snap_measure *m = out;
	bench_release_free_memory();
	double before = bench_rss_bytes();
	double cpu0 = bench_cpu_seconds();
	double t0 = bench_now_s();
	ft_dataset *ds = bench_load_with(a->path, a->encoding, LOAD_THREADS);
	m->seconds = bench_now_s() - t0;
	m->cpu_seconds = bench_cpu_seconds() - cpu0;
	m->peak_growth = bench_peak_rss_bytes() - before;
	bench_release_free_memory();
	m->held = bench_rss_bytes() - before;
	m->claims = ft_dataset_claim_count(ds);
	ft_dataset_free(ds);
}

/* Writes the snapshot of the JSON Lines, in a child (the dataset it loads
 * is not the parent's to keep); the time of the save alone. */
static void write_work(const void *args, void *out)
{
	const snap_args *a = args;
	snap_measure *m = out;
	ft_dataset *ds = bench_load_with(a->path, FT_ENCODING_LINES, LOAD_THREADS);
	char *snap_path = g_strconcat(a->path, ".ftsnap", NULL);
	ft_error err;
	double t0 = bench_now_s();
	if (ft_dataset_save_snapshot_file(ds, snap_path, &err) != 0)
		bench_die("writing the snapshot", &err);
	m->seconds = bench_now_s() - t0;
	m->claims = ft_dataset_claim_count(ds);
	g_free(snap_path);
	ft_dataset_free(ds);
}

typedef struct snap_result {
	size_t n;
	int repeat;
	double lines_bytes, snap_bytes, write_s;
	snap_measure best[N_SNAP_PHASES]; /* the best time's run, the largest peak and held */
	double ratio;                     /* snapshot time / JSON Lines time, best of each */
	double peak_limit;                /* the dataset (JSON Lines load, held) + the mapped file */
} snap_result;

static int ratio_met(const snap_result *r)
{
	return r->ratio <= TARGET_SNAPSHOT_VS_LINES;
}

static int peak_met(const snap_result *r)
{
	return r->best[SNAP_LOAD].peak_growth <= r->peak_limit;
}

static void print_table(const snap_result *r)
{
	printf("N=%zu: JSON Lines %.1f MB, snapshot %.1f MB (%.0f B/claim, written in %.3f s); best of %d "
	       "runs of each load\n",
	       r->n, r->lines_bytes / MB, r->snap_bytes / MB, r->snap_bytes / (double)r->n, r->write_s, r->repeat);
	printf("  %-34s %8s %8s %9s %9s %9s\n", "phase", "best s", "cpu s", "peak MB", "held MB", "us/claim");
	for (int k = 0; k < N_SNAP_PHASES; k++) {
		const snap_measure *m = &r->best[k];
		printf("  %-34s %8.3f %8.3f %9.1f %9.1f %9.2f\n", snap_phase_names[k], m->seconds, m->cpu_seconds,
		       m->peak_growth / MB, m->held / MB, m->seconds * 1e6 / (double)r->n);
	}
	printf("  the loaded dataset (JSON Lines load, held): %.1f MB\n", r->best[SNAP_LINES].held / MB);
	printf("  targets:\n");
	printf("    %-58s %6.3f <= %.2f  %s\n", "snapshot load time / JSON Lines load, threads=2", r->ratio,
	       TARGET_SNAPSHOT_VS_LINES, ratio_met(r) ? "met" : "missed");
	printf("    %-58s %6.1f <= %.1f  %s\n", "snapshot load peak MB <= dataset + mapped file",
	       r->best[SNAP_LOAD].peak_growth / MB, r->peak_limit / MB, peak_met(r) ? "met" : "missed");
}

static void print_json(const snap_result *r)
{
	GString *out = g_string_new(NULL);
	g_string_append_printf(out,
	                       "{\"n\":%zu,\"lines_bytes\":%.0f,\"snapshot_bytes\":%.0f,\"write_seconds\":%.6f,"
	                       "\"repeat\":%d,\"dataset_bytes\":%.0f,\"phases\":{",
	                       r->n, r->lines_bytes, r->snap_bytes, r->write_s, r->repeat, r->best[SNAP_LINES].held);
	for (int k = 0; k < N_SNAP_PHASES; k++) {
		const snap_measure *m = &r->best[k];
		g_string_append_printf(out,
		                       "%s\"%s\":{\"seconds\":%.6f,\"cpu_seconds\":%.6f,\"peak_rss_growth_mb\":%.3f,"
		                       "\"held_mb\":%.3f}",
		                       k ? "," : "", snap_phase_keys[k], m->seconds, m->cpu_seconds,
		                       m->peak_growth / MB, m->held / MB);
	}
	g_string_append_printf(out,
	                       "},\"targets\":[{\"name\":\"snapshot load time / JSON Lines load, threads=2\","
	                       "\"value\":%.4f,\"limit\":%.2f,\"met\":%s},"
	                       "{\"name\":\"snapshot load peak / dataset + mapped file\",\"value_mb\":%.3f,"
	                       "\"limit_mb\":%.3f,\"met\":%s}]}\n",
	                       r->ratio, TARGET_SNAPSHOT_VS_LINES, ratio_met(r) ? "true" : "false",
	                       r->best[SNAP_LOAD].peak_growth / MB, r->peak_limit / MB, peak_met(r) ? "true" : "false");
	fputs(out->str, stdout);
	g_string_free(out, TRUE);
}

static int snapshot_each(const bench_options *o, const bench_files *f, void *payload)
{
	const int repeat = *(const int *)payload;
	snap_result r;
	memset(&r, 0, sizeof r);
	r.n = f->n;
	r.repeat = repeat;
	char *snap_path = g_strconcat(f->lines_path, ".ftsnap", NULL);
	snap_args write_args = {f->lines_path, FT_ENCODING_LINES};
	snap_measure wrote;
	int ok = bench_run_in_child(write_work, &write_args, &wrote, sizeof wrote, "writing the snapshot", f->n);
	if (!ok)
		goto cleanup;
	r.write_s = wrote.seconds;
	r.lines_bytes = bench_file_size(f->lines_path);
	r.snap_bytes = bench_file_size(snap_path);
	bench_warm_page_cache(f->lines_path);
	bench_warm_page_cache(snap_path);
	const snap_args load_args[N_SNAP_PHASES] = {{f->lines_path, FT_ENCODING_LINES},
	                                            {snap_path, FT_ENCODING_SNAPSHOT}};
	for (int round = 0; round < repeat && ok; round++) {
		for (int k = 0; k < N_SNAP_PHASES && ok; k++) {
			snap_measure m;
			ok = bench_run_in_child(load_work, &load_args[k], &m, sizeof m, snap_phase_names[k], f->n);
			if (!ok)
				break;
			g_printerr("[ft-bench] N=%zu: run %d, %s: %.3f s, peak +%.1f MB\n", f->n, round + 1,
			           snap_phase_names[k], m.seconds, m.peak_growth / MB);
			snap_measure *b = &r.best[k];
			if (round == 0) {
				*b = m;
				continue;
			}
			double peak = MAX(b->peak_growth, m.peak_growth), held = MAX(b->held, m.held);
			if (m.seconds < b->seconds)
				*b = m;
			b->peak_growth = peak;
			b->held = held;
		}
	}
	if (!ok)
		goto cleanup;
	if (r.best[SNAP_LOAD].claims != r.best[SNAP_LINES].claims) {
		fprintf(stderr, "ft-bench: N=%zu: the snapshot loads %zu claims, the JSON Lines %zu\n", f->n,
		        r.best[SNAP_LOAD].claims, r.best[SNAP_LINES].claims);
		ok = 0;
		goto cleanup;
	}
	r.ratio = r.best[SNAP_LOAD].seconds / r.best[SNAP_LINES].seconds;
	r.peak_limit = r.best[SNAP_LINES].held + r.snap_bytes;
	if (o->json)
		print_json(&r);
	else
		print_table(&r);

cleanup:
	if (o->keep)
		g_printerr("[ft-bench] N=%zu: kept %s\n", f->n, snap_path);
	else
		unlink(snap_path);
	g_free(snap_path);
	return ok;
}

int bench_cmd_snapshot(int argc, char **argv)
{
	bench_options o;
	bench_options_init(&o);
	int repeat = 3;
	GOptionEntry entries[] = {
	    bench_option_json(&o.json),
	    {"repeat", 'r', 0, G_OPTION_ARG_INT, &repeat, "Run every load R times and keep the best time (default 3)",
	     "R"},
	    bench_option_seed(&o.seed_text),
	    bench_option_tmpdir(&o.tmpdir),
	    bench_option_keep(&o.keep),
	    bench_option_counts(&o.rest),
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	static const size_t defaults[] = {100000, 1000000};
	int status = EXIT_USAGE;
	int ok = 1;
	if (!bench_parse_options("snapshot",
	                         "Measures loading a binary snapshot against loading its JSON Lines on two "
	                         "threads, against the targets.",
	                         entries, &argc, &argv))
		goto cleanup;
	o.seed = bench_parse_seed(o.seed_text, &ok);
	if (!ok || repeat < 1) {
		fprintf(stderr, "ft-bench snapshot: --seed must be a number, --repeat at least 1\n");
		goto cleanup;
	}
	if (!bench_parse_counts("snapshot", o.rest, defaults, G_N_ELEMENTS(defaults), o.counts))
		goto cleanup;
	if (!o.json)
		printf("ft-bench %s snapshot: seed %" PRIu64 ", %u processors\n", ft_version(), o.seed,
		       g_get_num_processors());
	status = bench_each_count(&o, 1, snapshot_each, &repeat);

cleanup:
	bench_options_clear(&o);
	return status;
}
