/*
 * The `duckdb` mode of ft-bench: the library against DuckDB, side by side
 * in one run, on the same JSON Lines file of N claims. DuckDB
 * (bench/duckdb/median.mjs through the npm package @duckdb/node-api, on two
 * threads) reads the file with its own JSON reader and computes what
 * compare.py computes: per (subject, region, measure), the median of each
 * source's latest figure. The library loads the same file on two threads,
 * writes its snapshot (untimed) and loads that, then computes a figure for
 * every group with roll-up with ft_estimate_groups, on one thread and on
 * two, and for reference group by group with ft_estimate_compute on two
 * worker threads; it checks that all three give every group the same
 * figure, and computes every group once more without roll-up, which is
 * DuckDB's question, to compare the two sides' medians group by group.
 * Then the issue's targets as ratios: the snapshot load and every group on
 * two cores against DuckDB's time, and one thread against two. At 10^5
 * claims every group takes some 0.05 s, in which one wake-up or a busy
 * neighbour on the machine is a tenth: `--repeat R` runs the groups on one
 * thread and on two R times each, in turn, and the ratio is that of the
 * best times (the medians are shown beside them).
 * The library's side runs in a forked child, DuckDB in a process of its
 * own, so that each peak memory belongs to that side alone.
 */
/* RUSAGE_THREAD (Linux): each worker's own CPU time, faults and switches. */
#define _GNU_SOURCE
#include "bench.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define DUCK_AT      "2023-12-31"
#define DUCK_THREADS 2

/* The targets (the project's issue 16). */
#define TARGET_VS_DUCKDB                                                                                     \
	0.50                /* (load + every group, roll-up, 2 threads) / DuckDB's load + query, at most     \
	                     */
#define TARGET_SPEEDUP 1.70 /* every group with roll-up, 1 thread / 2 threads, at least */

#define DEFAULT_NODE "node"

typedef struct duck_result {
	double load_s, query_s, total_s; /* as median.mjs timed them */
	double wall_s;                   /* its whole process: Node.js's start, writing the medians */
	double peak_rss;                 /* bytes, the whole process (wait4) */
	size_t claims, groups, with_value;
	int threads;
	char version[32];
} duck_result;

/* One group's figure, all of it that must not depend on the threads. */
typedef struct group_figure {
	int rc, has_value;
	uint64_t best, low, high;
	size_t claims, voices, pairs, contributions;
	unsigned flags; /* contested, inconsistent, open below, open above, not credible */
} group_figure;

/* One worker of a sweep. */
typedef struct worker_stats {
	size_t groups, contributions;
	double busy_s;     /* wall time in ft_estimate_compute */
	double cpu_s;      /* the thread's own CPU time, user and system (RUSAGE_THREAD) */
	double sys_s;      /* of which system time */
	long minor_faults; /* the thread's page faults: fresh memory the allocator touched */
	long waits;        /* voluntary context switches: it gave up the CPU to wait (a lock, a fault) */
	long preempted;    /* involuntary ones: the CPU was given to another thread or process */
} worker_stats;

typedef struct sweep_result {
	unsigned threads;
	double seconds, cpu_seconds;
	double others_cpu_s;    /* CPU time the machine's other processes used meanwhile (-1: unknown) */
	double longest_group_s; /* the most one group took: no split of whole groups beats it */
	size_t with_value, failures, contributions;
	worker_stats workers[DUCK_THREADS];
	char first_failure[FT_ERROR_TEXT_SIZE + 64];
} sweep_result;

/* One run of ft_estimate_groups: the best of the repeats. */
typedef struct groups_result {
	unsigned threads;
	double seconds, cpu_seconds;
	double median_s; /* of the repeats */
	int repeat;
	double others_cpu_s; /* CPU time the machine's other processes used meanwhile (-1: unknown) */
	size_t calls, with_value, problems;
	int rc;
	char first_problem[FT_ERROR_TEXT_SIZE + 64];
} groups_result;

typedef struct lib_result {
	char load_how[64];
	double load_s, load_cpu_s, load_peak_growth; /* JSON Lines */
	double snap_s, snap_cpu_s, snap_peak_growth; /* the snapshot of the same claims */
	double collect_s;
	double peak_growth; /* the whole child, from before the snapshot load */
	size_t claims, groups;
	groups_result rolled_1, rolled_2, flat_2; /* ft_estimate_groups */
	sweep_result pairs_2;                     /* ft_estimate_compute group by group, for reference */
	size_t differing;                         /* groups whose figure differs on 1 and 2 threads */
	char first_difference[160];
	size_t differing_pairs; /* groups whose figure differs from ft_estimate_compute's */
	char first_pair_difference[160];
	bench_agreement agree; /* the flat sweep against DuckDB's medians */
	/* The situation report's CSV on the same date: every group and each
	 * region above, read off one evaluation per group (lib/estimate/
	 * lattice.c), on the report's own pool of 1 and 2 threads. */
	size_t entries;
	double situation_s[2];
	double hash_s;      /* the dataset's content hash, which the report cites */
	int situation_same; /* the two CSVs are the same bytes */
} lib_result;

/* ---- the library's load ------------------------------------------------- */

/* The library's load of the file DuckDB reads, on `threads` threads; `how`
 * names it in the table. It is one function so that another load (a
 * snapshot of the same claims) can take its place and be measured the
 * same way. */
ft_dataset *bench_load_dataset(const char *path, unsigned threads, char *how, size_t how_size)
{
	g_snprintf(how, how_size, "JSON Lines, threads=%u", threads);
	return bench_load_with(path, FT_ENCODING_LINES, threads);
}

/* ---- every group, on one thread or several ------------------------------ */

typedef struct sweep_job {
	const ft_dataset *ds;
	const bench_group *groups;
	size_t n;
	const ft_estimate_options *opts;
	group_figure *figures; /* n, each written by the worker that took its group */
	gint next;             /* the next group to take: shared, atomic */
	GMutex failure_lock;   /* guards first_failure */
	sweep_result *res;
} sweep_job;

typedef struct worker {
	sweep_job *job;
	worker_stats *stats;
	double longest_s;
} worker;

static void figure_of(const ft_estimate *est, int rc, group_figure *f)
{
	memset(f, 0, sizeof *f);
	f->rc = rc;
	if (rc != 0)
		return;
	f->has_value = est->has_value;
	f->best = est->best;
	f->low = est->low;
	f->high = est->high;
	f->claims = est->claims;
	f->voices = est->voices;
	f->pairs = est->pairs;
	f->contributions = ft_estimate_contribution_count(est);
	f->flags = (est->contested ? 1u : 0u) | (est->inconsistent ? 2u : 0u) | (est->open_below ? 4u : 0u) |
	           (est->open_above ? 8u : 0u) | (est->not_credible ? 16u : 0u);
}

/* The CPU time all processes of the machine used so far, in seconds, with
 * what the hypervisor took (steal): /proc/stat's first line. Against this
 * process's own CPU time over a sweep it tells how much of the two cores
 * others had meanwhile (the machine is shared); -1 where there is none. */
static double machine_busy_seconds(void)
{
	unsigned long long user = 0, nice = 0, sys = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
	FILE *fp = fopen("/proc/stat", "r");
	if (!fp)
		return -1;
	int got = fscanf(fp, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &user, &nice, &sys, &idle,
	                 &iowait, &irq, &softirq, &steal);
	fclose(fp);
	if (got != 8)
		return -1;
	return (double)(user + nice + sys + irq + softirq + steal) / (double)sysconf(_SC_CLK_TCK);
}

static double seconds_of(const struct timeval *tv)
{
	return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

/* A worker takes the next group from the shared counter until none is
 * left, with an ft_estimate of its own; the dataset is only read. Taking
 * one group at a time balances the load whatever the groups' sizes, and
 * the figures land in the group's own slot, so the result does not depend
 * on which worker took which group. */
static gpointer worker_run(gpointer p)
{
	worker *w = p;
	sweep_job *job = w->job;
	ft_estimate est = FT_ESTIMATE_INIT;
	struct rusage ru0;
	getrusage(RUSAGE_THREAD, &ru0);
	for (;;) {
		gint i = g_atomic_int_add(&job->next, 1);
		if (i < 0 || (size_t)i >= job->n)
			break;
		const bench_group *g = &job->groups[i];
		ft_error err;
		ft_error_clear(&err);
		gint64 t0 = g_get_monotonic_time();
		int rc = ft_estimate_compute(job->ds, g->actor, g->region, g->measure, job->opts, &est, &err);
		double s = (double)(g_get_monotonic_time() - t0) / 1e6;
		w->stats->busy_s += s;
		if (s > w->longest_s)
			w->longest_s = s;
		figure_of(&est, rc, &job->figures[i]);
		w->stats->groups++;
		w->stats->contributions += job->figures[i].contributions;
		if (rc != 0) {
			g_mutex_lock(&job->failure_lock);
			if (job->res->failures++ == 0) {
				char line[FT_ERROR_TEXT_SIZE + 32];
				ft_error_format(&err, line, sizeof line);
				g_snprintf(job->res->first_failure, sizeof job->res->first_failure, "%s (%s)",
				           line, ft_strerror(rc));
			}
			g_mutex_unlock(&job->failure_lock);
		}
		ft_estimate_clear(&est);
	}
	struct rusage ru1;
	getrusage(RUSAGE_THREAD, &ru1);
	double user = seconds_of(&ru1.ru_utime) - seconds_of(&ru0.ru_utime);
	w->stats->sys_s = seconds_of(&ru1.ru_stime) - seconds_of(&ru0.ru_stime);
	w->stats->cpu_s = user + w->stats->sys_s;
	w->stats->minor_faults = ru1.ru_minflt - ru0.ru_minflt;
	w->stats->waits = ru1.ru_nvcsw - ru0.ru_nvcsw;
	w->stats->preempted = ru1.ru_nivcsw - ru0.ru_nivcsw;
	return NULL;
}

/* Estimates every group with `opts` on `threads` threads (1: in this
 * thread, with no worker thread started) into `figures`. */
static void sweep_groups(const ft_dataset *ds, const bench_group *groups, size_t n,
                         const ft_estimate_options *opts, unsigned threads, group_figure *figures,
                         sweep_result *res)
{
	memset(res, 0, sizeof *res);
	if (n > G_MAXINT)
		bench_die("too many groups for the shared counter", NULL);
	res->threads = threads;
	sweep_job job = {ds, groups, n, opts, figures, 0, {0}, res};
	g_mutex_init(&job.failure_lock);
	worker workers[DUCK_THREADS];
	GThread *handles[DUCK_THREADS] = {NULL};
	for (unsigned t = 0; t < threads; t++)
		workers[t] = (worker){&job, &res->workers[t], 0};
	double busy0 = machine_busy_seconds();
	double cpu0 = bench_cpu_seconds();
	gint64 t0 = g_get_monotonic_time();
	if (threads == 1) {
		worker_run(&workers[0]);
	} else {
		for (unsigned t = 0; t < threads; t++)
			handles[t] = g_thread_new("ft-bench-sweep", worker_run, &workers[t]);
		for (unsigned t = 0; t < threads; t++)
			g_thread_join(handles[t]);
	}
	res->seconds = (double)(g_get_monotonic_time() - t0) / 1e6;
	res->cpu_seconds = bench_cpu_seconds() - cpu0;
	double busy1 = machine_busy_seconds();
	res->others_cpu_s = busy0 >= 0 && busy1 >= 0 ? busy1 - busy0 - res->cpu_seconds : -1;
	if (res->others_cpu_s < 0 && busy0 >= 0 && busy1 >= 0)
		res->others_cpu_s = 0; /* the clock ticks are coarser than the process's own times */
	g_mutex_clear(&job.failure_lock);
	for (unsigned t = 0; t < threads; t++) {
		res->contributions += res->workers[t].contributions;
		if (workers[t].longest_s > res->longest_group_s)
			res->longest_group_s = workers[t].longest_s;
	}
	for (size_t i = 0; i < n; i++)
		res->with_value += figures[i].has_value ? 1 : 0;
}

/* Counts the groups whose figure differs between two sweeps and describes
 * the first. */
static size_t count_differences(const bench_group *groups, const group_figure *a, const group_figure *b,
                                size_t n, int listed_too, char *first, size_t first_size)
{
	size_t differing = 0;
	for (size_t i = 0; i < n; i++) {
		const group_figure *x = &a[i], *y = &b[i];
		if (x->rc == y->rc && x->has_value == y->has_value && x->best == y->best &&
		    x->low == y->low && x->high == y->high && x->claims == y->claims &&
		    x->voices == y->voices && x->pairs == y->pairs && x->flags == y->flags &&
		    (!listed_too || x->contributions == y->contributions))
			continue;
		if (differing++ == 0)
			g_snprintf(first, first_size,
			           "%s in %s (%s): best %" G_GUINT64_FORMAT " against %" G_GUINT64_FORMAT
			           ", claims %zu against %zu",
			           ft_actor_id(groups[i].actor), ft_region_id(groups[i].region),
			           groups[i].measure, x->best, y->best, x->claims, y->claims);
	}
	return differing;
}

/* ---- every group through ft_estimate_groups ----------------------------- */

typedef struct groups_job {
	GHashTable *index; /* bench_group -> its index + 1 in the bench's order */
	group_figure *figures;
	groups_result *res;
} groups_job;

static int take_group(const ft_actor *subject, const ft_region *region, const char *measure,
                      const ft_estimate *est, const ft_error *problem, void *payload)
{
	groups_job *job = payload;
	bench_group key = {subject, region, measure, 0};
	size_t i = GPOINTER_TO_SIZE(g_hash_table_lookup(job->index, &key));
	job->res->calls++;
	if (problem && job->res->problems++ == 0) {
		char line[FT_ERROR_TEXT_SIZE + 32];
		ft_error_format(problem, line, sizeof line);
		g_snprintf(job->res->first_problem, sizeof job->res->first_problem, "%s (%s)", line,
		           ft_strerror(problem->code));
	}
	if (!i)
		bench_die("ft_estimate_groups handed over a group the claims do not name", NULL);
	figure_of(est, problem ? problem->code : 0, &job->figures[i - 1]);
	job->res->with_value += est->has_value ? 1 : 0;
	return 0;
}

/* Every group with `opts` through ft_estimate_groups on `threads` threads,
 * nothing listed, into `figures` in the order of `groups`. */
static void run_groups(const ft_dataset *ds, GHashTable *index, const ft_estimate_options *opts,
                       unsigned threads, group_figure *figures, groups_result *res)
{
	memset(res, 0, sizeof *res);
	res->threads = threads;
	groups_job job = {index, figures, res};
	ft_groups_options go = FT_GROUPS_OPTIONS_INIT;
	go.threads = threads;
	ft_error err;
	double busy0 = machine_busy_seconds();
	double cpu0 = bench_cpu_seconds();
	gint64 t0 = g_get_monotonic_time();
	res->rc = ft_estimate_groups(ds, opts, &go, take_group, &job, &err);
	res->seconds = (double)(g_get_monotonic_time() - t0) / 1e6;
	res->cpu_seconds = bench_cpu_seconds() - cpu0;
	double busy1 = machine_busy_seconds();
	res->others_cpu_s = busy0 >= 0 && busy1 >= 0 ? MAX(0, busy1 - busy0 - res->cpu_seconds) : -1;
	if (res->rc != 0)
		g_snprintf(res->first_problem, sizeof res->first_problem, "ft_estimate_groups: %s (%s)",
		           err.text, ft_strerror(res->rc));
}

/* ---- the library's side, in a fresh process ----------------------------- */

typedef struct lib_args {
	const char *lines_path;
	const char *medians_path;
	uint64_t seed;
	size_t n;
	int repeat;
} lib_args;

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median_of(double *t, int n)
{
	qsort(t, (size_t)n, sizeof *t, compare_doubles);
	return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

/*
 * Every group with roll-up on 1 thread into `one` and on DUCK_THREADS into
 * `two`, `repeat` times each in turn, keeping each side's best run in
 * `res1` and `res2` with the medians. Returns the groups whose figure in a
 * repeat differs from the first run's on as many threads, the first
 * described in `first`.
 */
static size_t run_groups_repeated(const ft_dataset *ds, const bench_group *groups, GHashTable *index,
                                  const ft_estimate_options *opts, int repeat, group_figure *one,
                                  group_figure *two, groups_result *res1, groups_result *res2,
                                  char *first, size_t first_size)
{
	size_t n = g_hash_table_size(index), differing = 0;
	group_figure *again = g_new0(group_figure, n ? n : 1);
	double *times = g_new(double, 2 * (size_t)repeat);
	groups_result run;
	char later[160]; /* a difference after the first */
	for (int r = 0; r < repeat; r++) {
		for (int side = 0; side < 2; side++) {
			unsigned threads = side ? DUCK_THREADS : 1;
			groups_result *best = side ? res2 : res1;
			group_figure *figures = side ? two : one;
			run_groups(ds, index, opts, threads, r ? again : figures, &run);
			times[side * repeat + r] = run.seconds;
			if (r)
				differing += count_differences(groups, figures, again, n, 1,
				                               differing ? later : first,
				                               differing ? sizeof later : first_size);
			if (r == 0 || (run.rc == best->rc && run.seconds < best->seconds))
				*best = run;
		}
	}
	res1->repeat = res2->repeat = repeat;
	res1->median_s = median_of(times, repeat);
	res2->median_s = median_of(times + repeat, repeat);
	g_free(times);
	g_free(again);
	return differing;
}

/* The situation report's CSV of `ds` with `opts` on `threads` threads: its
 * text (ft_free), and its time and entries. */
static char *situation_csv(const ft_dataset *ds, const ft_estimate_options *opts, unsigned threads,
                           double *seconds, size_t *entries)
{
	ft_situation_options so = FT_SITUATION_OPTIONS_INIT;
	so.at = opts->at;
	so.estimate = opts;
	so.threads = threads;
	ft_error err;
	double t0 = bench_now_s();
	ft_situation *s = NULL;
	char *text = NULL;
	if (ft_situation_new(ds, &so, &s, &err) == 0)
		text = ft_situation_render(s, FT_FORMAT_CSV, NULL, &err);
	*seconds = bench_now_s() - t0;
	*entries = ft_situation_entry_count(s);
	if (!text)
		g_printerr("[ft-bench] the situation report failed: %s\n", err.text);
	ft_situation_free(s);
	return text;
}

/* Loads the JSON Lines (timed, for reference), writes their snapshot
 * beside them (untimed) and loads that (timed): the dataset the rest
 * works on. */
static ft_dataset *load_both(const lib_args *a, lib_result *r, double *rss_before)
{
	bench_release_free_memory();
	bench_reset_peak_rss();
	double before = bench_rss_bytes();
	double cpu0 = bench_cpu_seconds();
	double t0 = bench_now_s();
	ft_dataset *ds = bench_load_dataset(a->lines_path, DUCK_THREADS, r->load_how, sizeof r->load_how);
	r->load_s = bench_now_s() - t0;
	r->load_cpu_s = bench_cpu_seconds() - cpu0;
	r->load_peak_growth = bench_peak_rss_bytes() - before;
	g_printerr("[ft-bench] N=%zu: the library loaded the JSON Lines in %.2f s\n", a->n, r->load_s);
	char *snap_path = g_strconcat(a->lines_path, ".ftsnap", NULL);
	ft_error err;
	if (ft_dataset_save_snapshot_file(ds, snap_path, &err) != 0)
		bench_die("writing the snapshot", &err);
	ft_dataset_free(ds);
	bench_release_free_memory();
	bench_reset_peak_rss();
	before = bench_rss_bytes();
	cpu0 = bench_cpu_seconds();
	t0 = bench_now_s();
	ds = bench_load_with(snap_path, FT_ENCODING_AUTO, DUCK_THREADS);
	r->snap_s = bench_now_s() - t0;
	r->snap_cpu_s = bench_cpu_seconds() - cpu0;
	r->snap_peak_growth = bench_peak_rss_bytes() - before;
	*rss_before = before;
	unlink(snap_path);
	g_free(snap_path);
	g_printerr("[ft-bench] N=%zu: and its snapshot in %.2f s\n", a->n, r->snap_s);
	return ds;
}

static void lib_work(const void *args, void *out)
{
	const lib_args *a = args;
	lib_result *r = out;
	double before;
	ft_dataset *ds = load_both(a, r, &before);
	r->claims = ft_dataset_claim_count(ds);

	double t0 = bench_now_s();
	bench_group *groups = bench_collect_groups(ds, a->seed, &r->groups);
	r->collect_s = bench_now_s() - t0;
	size_t n = r->groups;
	GHashTable *index = g_hash_table_new(bench_group_hash, bench_group_equal);
	for (size_t i = 0; i < n; i++)
		g_hash_table_insert(index, &groups[i], GSIZE_TO_POINTER(i + 1));

	/* DuckDB's question (compare.c): the plain median at a date after
	 * every claim, with everything known, staleness off and projections
	 * counted; the timed runs add the roll-up. */
	ft_estimate_options opts = FT_ESTIMATE_OPTIONS_INIT;
	opts.at = bench_parse_time(DUCK_AT);
	opts.method = FT_METHOD_MEDIAN;
	opts.staleness_days = -1;
	opts.include_projections = 1;
	group_figure *one = g_new0(group_figure, n ? n : 1);
	group_figure *two = g_new0(group_figure, n ? n : 1);
	group_figure *alone = g_new0(group_figure, n ? n : 1);
	char repeat_difference[160] = "";
	size_t repeats_differing =
	    run_groups_repeated(ds, groups, index, &opts, a->repeat, one, two, &r->rolled_1, &r->rolled_2,
	                        repeat_difference, sizeof repeat_difference);
	g_printerr("[ft-bench] N=%zu: %zu groups with roll-up on 1 thread in %.3f s, on %d in %.3f s (best of "
	           "%d)\n",
	           a->n, n, r->rolled_1.seconds, DUCK_THREADS, r->rolled_2.seconds, a->repeat);
	r->differing =
	    count_differences(groups, one, two, n, 1, r->first_difference, sizeof r->first_difference);
	if (repeats_differing && !r->differing)
		g_snprintf(r->first_difference, sizeof r->first_difference, "a repeat: %s", repeat_difference);
	r->differing += repeats_differing;
	sweep_groups(ds, groups, n, &opts, DUCK_THREADS, alone, &r->pairs_2);
	g_printerr("[ft-bench] N=%zu: group by group with ft_estimate_compute on %d threads in %.2f s\n",
	           a->n, DUCK_THREADS, r->pairs_2.seconds);
	r->differing_pairs = count_differences(groups, alone, two, n, 0, r->first_pair_difference,
	                                       sizeof r->first_pair_difference);
	/* The report cites the dataset's content hash, computed once per
	 * dataset: timed on its own, so that neither run pays for it. */
	t0 = bench_now_s();
	char hash[65];
	ft_error herr;
	if (ft_dataset_content_hash(ds, hash, &herr) != 0)
		g_printerr("[ft-bench] the content hash failed: %s\n", herr.text);
	r->hash_s = bench_now_s() - t0;
	char *csv1 = situation_csv(ds, &opts, 1, &r->situation_s[0], &r->entries);
	char *csv2 = situation_csv(ds, &opts, DUCK_THREADS, &r->situation_s[1], &r->entries);
	r->situation_same = csv1 && csv2 && strcmp(csv1, csv2) == 0;
	ft_free(csv1);
	ft_free(csv2);
	g_printerr(
	    "[ft-bench] N=%zu: the situation report's %zu entries in %.2f s on 1 thread, %.2f s on %d\n",
	    a->n, r->entries, r->situation_s[0], r->situation_s[1], DUCK_THREADS);

	opts.no_rollup = 1;
	run_groups(ds, index, &opts, DUCK_THREADS, two, &r->flat_2);
	uint64_t *best = g_new(uint64_t, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		best[i] = two[i].rc == 0 && two[i].has_value ? two[i].best : UINT64_MAX;
	if (a->medians_path)
		bench_compare_medians(groups, best, n, a->medians_path, &r->agree);
	r->peak_growth = bench_peak_rss_bytes() - before;
	g_free(best);
	g_free(one);
	g_free(two);
	g_free(alone);
	g_hash_table_destroy(index);
	g_free(groups);
	ft_dataset_free(ds);
}

/* ---- DuckDB's side ------------------------------------------------------ */

/* Node.js must be there, and the node_modules beside median.mjs must hold
 * the package: otherwise say how to set it up. */
static int duckdb_installed(const char *node, const char *script)
{
	char *found = g_find_program_in_path(node);
	g_free(found);
	if (!found) {
		fprintf(stderr,
		        "ft-bench duckdb: Node.js (%s) is not found; install it (Debian: apt-get install "
		        "nodejs npm) or name it with --node\n",
		        node);
		return 0;
	}
	char *dir = g_path_get_dirname(script);
	char *package = g_build_filename(dir, "node_modules", "@duckdb", "node-api", "package.json", NULL);
	int ok = g_file_test(package, G_FILE_TEST_IS_REGULAR);
	if (!ok)
		fprintf(stderr,
		        "ft-bench duckdb: DuckDB is not set up: %s is missing.\n"
		        "Run %s/setup first (it installs the npm package @duckdb/node-api with npm ci; "
		        "it needs Node.js and npm).\n",
		        package, dir);
	g_free(package);
	g_free(dir);
	return ok;
}

static int run_duckdb(const char *node, const char *script, const char *lines_path, const char *medians_path,
                      duck_result *out)
{
	memset(out, 0, sizeof *out);
	const char *argv[] = {node, script, lines_path, medians_path, NULL};
	json_t *res = bench_spawn_json(argv, &out->wall_s, &out->peak_rss);
	if (!res)
		return 0;
	out->load_s = bench_json_number(res, "load_seconds");
	out->query_s = bench_json_number(res, "query_seconds");
	out->total_s = bench_json_number(res, "total_seconds");
	out->claims = (size_t)bench_json_number(res, "claims");
	out->groups = (size_t)bench_json_number(res, "groups");
	out->with_value = (size_t)bench_json_number(res, "with_value");
	out->threads = (int)bench_json_number(res, "threads");
	const char *version = json_string_value(json_object_get(res, "duckdb_version"));
	g_strlcpy(out->version, version ? version : "?", sizeof out->version);
	json_decref(res);
	return 1;
}

/* ---- output ------------------------------------------------------------- */

/* The target's job: the snapshot load, then every group on two cores. */
static double lib_total(const lib_result *c)
{
	return c->snap_s + c->rolled_2.seconds;
}

static double ratio(double a, double b)
{
	return b > 0 ? a / b : 0;
}

/* "PASS", or how far off: "MISS, 23% over" / "MISS, 12% short". */
static const char *verdict(double value, double limit, int at_least, char *buf, size_t size)
{
	if (at_least ? value >= limit : value <= limit)
		g_snprintf(buf, size, "PASS");
	else
		g_snprintf(buf, size, "MISS, %.0f%% %s",
		           at_least ? (1 - value / limit) * 100 : (value / limit - 1) * 100,
		           at_least ? "short" : "over");
	return buf;
}

static void print_sweep_row(const char *name, const sweep_result *s)
{
	printf("  %-50s %8s %9.3f %8s %7.2f %8s %7s %7zu\n", name, "", s->seconds, "", s->cpu_seconds, "", "",
	       s->with_value);
}

static void print_workers(const sweep_result *s)
{
	printf("    %u threads:", s->threads);
	for (unsigned t = 0; t < s->threads; t++)
		printf(
		    "%s worker %u: %zu groups, %zu candidates, %.3f s in estimates, cpu %.3f s (system %.3f), "
		    "%ld page faults, %ld waits, preempted %ld times",
		    t ? ";" : "", t + 1, s->workers[t].groups, s->workers[t].contributions,
		    s->workers[t].busy_s, s->workers[t].cpu_s, s->workers[t].sys_s,
		    s->workers[t].minor_faults, s->workers[t].waits, s->workers[t].preempted);
	printf("; the longest group %.3f s; other processes used %.2f s of CPU meanwhile\n",
	       s->longest_group_s, s->others_cpu_s);
}

static void print_groups_row(const char *name, const groups_result *g)
{
	printf("  %-50s %8s %9.3f %8s %7.2f %8s %7zu %7zu", name, "", g->seconds, "", g->cpu_seconds, "",
	       g->calls, g->with_value);
	if (g->repeat > 1)
		printf("  best of %d, median %.3f s", g->repeat, g->median_s);
	printf("\n");
}

static void print_table(size_t n, double lines_bytes, const duck_result *d, const lib_result *c)
{
	printf(
	    "duckdb N=%zu (JSON Lines %.1f MB): a figure for every (subject, region, measure) group, at %s, "
	    "everything known\n",
	    n, lines_bytes / MB, DUCK_AT);
	printf("  %-50s %8s %9s %8s %7s %8s %7s %7s\n", "side", "load s", "groups s", "total s", "cpu s",
	       "peak MB", "groups", "figure");
	char name[96];
	g_snprintf(name, sizeof name, "DuckDB %s (threads=%d, read_ndjson, median)", d->version, d->threads);
	printf("  %-50s %8.3f %9.3f %8.3f %7s %8.1f %7zu %7zu\n", name, d->load_s, d->query_s, d->total_s, "",
	       d->peak_rss / MB, d->groups, d->with_value);
	g_snprintf(name, sizeof name, "library (snapshot, roll-up, %d threads)", DUCK_THREADS);
	printf("  %-50s %8.3f %9.3f %8.3f %7.2f %8.1f %7zu %7zu\n", name, c->snap_s, c->rolled_2.seconds,
	       lib_total(c), c->snap_cpu_s + c->rolled_2.cpu_seconds, c->peak_growth / MB, c->groups,
	       c->rolled_2.with_value);
	printf("  %-50s %8.3f %9s %8s %7.2f %8.1f\n", "  the load from JSON Lines instead, for reference",
	       c->load_s, "", "", c->load_cpu_s, c->load_peak_growth / MB);
	print_groups_row("  ft_estimate_groups, roll-up, 1 thread", &c->rolled_1);
	print_groups_row("  ft_estimate_groups, roll-up, 2 threads", &c->rolled_2);
	print_groups_row("  ft_estimate_groups, no roll-up, 2 threads (DuckDB's)", &c->flat_2);
	print_sweep_row("  ft_estimate_compute group by group, roll-up, 2 thr.", &c->pairs_2);
	printf(
	    "  the library: snapshot load peak %.1f MB; ft_estimate_compute group by group looked at %zu "
	    "candidates (%.1f per group); the other processes used %.2f and %.2f s of CPU during the runs on "
	    "1 and 2 threads; DuckDB's process took %.2f s with Node.js's start and writing its medians\n",
	    c->snap_peak_growth / MB, c->pairs_2.contributions,
	    c->groups ? (double)c->pairs_2.contributions / (double)c->groups : 0, c->rolled_1.others_cpu_s,
	    c->rolled_2.others_cpu_s, d->wall_s);
	print_workers(&c->pairs_2);
	if (c->differing)
		printf("  1 AND 2 THREADS DIFFER in %zu of %zu groups; the first: %s\n", c->differing,
		       c->groups, c->first_difference);
	else
		printf(
		    "  1 and 2 threads: the same figure (best, low, high, flags, claims, voices, pairs) in all %zu "
		    "groups\n",
		    c->groups);
	if (c->differing_pairs)
		printf(
		    "  FT_ESTIMATE_GROUPS AND FT_ESTIMATE_COMPUTE DIFFER in %zu of %zu groups; the first: %s\n",
		    c->differing_pairs, c->groups, c->first_pair_difference);
	else
		printf("  ft_estimate_groups and ft_estimate_compute: the same figure in all %zu groups\n",
		       c->groups);
	const groups_result *failed = c->rolled_1.problems || c->rolled_1.rc   ? &c->rolled_1
	                              : c->rolled_2.problems || c->rolled_2.rc ? &c->rolled_2
	                              : c->flat_2.problems || c->flat_2.rc     ? &c->flat_2
	                                                                       : NULL;
	if (failed || c->pairs_2.failures)
		printf("  ESTIMATES FAILED; the first: %s\n",
		       failed ? failed->first_problem : c->pairs_2.first_failure);
	const bench_agreement *a = &c->agree;
	if (a->compared)
		printf(
		    "  against DuckDB's medians (no roll-up): same figure in %zu of the %zu groups where both "
		    "have one (%.1f%%), a figure only from the library in %zu, only from DuckDB in %zu%s\n",
		    a->same, a->both_value,
		    a->both_value ? 100.0 * (double)a->same / (double)a->both_value : 0, a->only_library,
		    a->only_peer, a->unmatched ? " (SOME GROUPS UNMATCHED)" : "");
	char buf[64];
	double vs = ratio(lib_total(c), d->total_s);
	double speedup = ratio(c->rolled_1.seconds, c->rolled_2.seconds);
	printf(
	    "  target: (snapshot load + every group, roll-up, 2 threads) / DuckDB %6.3f  at most %.2f  %s\n",
	    vs, TARGET_VS_DUCKDB, verdict(vs, TARGET_VS_DUCKDB, 0, buf, sizeof buf));
	printf(
	    "  target: every group, roll-up, 1 thread / 2 threads                 %6.3f  at least %.2f %s\n",
	    speedup, TARGET_SPEEDUP, verdict(speedup, TARGET_SPEEDUP, 1, buf, sizeof buf));
	if (c->rolled_1.repeat > 1)
		printf("  for reference: the same of the medians of %d runs                  %6.3f\n",
		       c->rolled_1.repeat, ratio(c->rolled_1.median_s, c->rolled_2.median_s));
	printf("  for reference: the JSON Lines load + every group / DuckDB          %6.3f\n",
	       ratio(c->load_s + c->rolled_2.seconds, d->total_s));
	printf("  for reference: the snapshot load + every group without roll-up / DuckDB %6.3f\n",
	       ratio(c->snap_s + c->flat_2.seconds, d->total_s));
	printf(
	    "  the situation report's CSV (%zu entries: every group and each region above it, one evaluation "
	    "per group): %.3f s on 1 thread, %.3f s on %d (%s), after the content hash (%.3f s)\n",
	    c->entries, c->situation_s[0], c->situation_s[1], DUCK_THREADS,
	    c->situation_same ? "the same bytes" : "THEY DIFFER", c->hash_s);
}

static void print_sweep_json(const char *key, const sweep_result *s)
{
	printf(",\"%s\":{\"threads\":%u,\"seconds\":%.6f,\"cpu_seconds\":%.6f,\"others_cpu_seconds\":%.3f,"
	       "\"longest_group_seconds\":%.6f,"
	       "\"with_value\":%zu,\"candidates\":%zu,\"failures\":%zu,\"workers\":[",
	       key, s->threads, s->seconds, s->cpu_seconds, s->others_cpu_s, s->longest_group_s,
	       s->with_value, s->contributions, s->failures);
	for (unsigned t = 0; t < s->threads; t++)
		printf("%s{\"groups\":%zu,\"busy_seconds\":%.6f,\"cpu_seconds\":%.6f,\"system_seconds\":%.6f,"
		       "\"minor_faults\":%ld,\"waits\":%ld,\"preempted\":%ld,\"candidates\":%zu}",
		       t ? "," : "", s->workers[t].groups, s->workers[t].busy_s, s->workers[t].cpu_s,
		       s->workers[t].sys_s, s->workers[t].minor_faults, s->workers[t].waits,
		       s->workers[t].preempted, s->workers[t].contributions);
	printf("]}");
}

static void print_groups_json(const char *key, const groups_result *g)
{
	printf(",\"%s\":{\"threads\":%u,\"seconds\":%.6f,\"median_seconds\":%.6f,\"repeat\":%d,"
	       "\"cpu_seconds\":%.6f,\"others_cpu_seconds\":%.3f,"
	       "\"groups\":%zu,\"with_value\":%zu,\"problems\":%zu,\"rc\":%d}",
	       key, g->threads, g->seconds, g->repeat > 0 ? g->median_s : g->seconds, g->repeat > 0 ? g->repeat : 1,
	       g->cpu_seconds, g->others_cpu_s, g->calls, g->with_value, g->problems, g->rc);
}

static void print_json(size_t n, double lines_bytes, const duck_result *d, const lib_result *c)
{
	double vs = ratio(lib_total(c), d->total_s);
	double speedup = ratio(c->rolled_1.seconds, c->rolled_2.seconds);
	printf(
	    "{\"n\":%zu,\"lines_bytes\":%.0f,\"at\":\"%s\",\"duckdb\":{\"version\":\"%s\",\"threads\":%d,"
	    "\"load_seconds\":%.6f,\"query_seconds\":%.6f,\"total_seconds\":%.6f,\"process_seconds\":%.6f,"
	    "\"peak_rss_mb\":%.3f,\"claims\":%zu,\"groups\":%zu,\"with_value\":%zu},"
	    "\"library\":{\"lines_load\":\"%s\",\"lines_load_seconds\":%.6f,\"lines_load_cpu_seconds\":%.6f,"
	    "\"lines_load_peak_growth_mb\":%.3f,\"snapshot_load_seconds\":%.6f,"
	    "\"snapshot_load_cpu_seconds\":%.6f,\"snapshot_load_peak_growth_mb\":%.3f,"
	    "\"peak_growth_mb\":%.3f,\"claims\":%zu,\"groups\":%zu,\"differing_1_2_threads\":%zu,"
	    "\"differing_from_compute\":%zu",
	    n, lines_bytes, DUCK_AT, d->version, d->threads, d->load_s, d->query_s, d->total_s, d->wall_s,
	    d->peak_rss / MB, d->claims, d->groups, d->with_value, c->load_how, c->load_s, c->load_cpu_s,
	    c->load_peak_growth / MB, c->snap_s, c->snap_cpu_s, c->snap_peak_growth / MB, c->peak_growth / MB,
	    c->claims, c->groups, c->differing, c->differing_pairs);
	print_groups_json("rollup_threads1", &c->rolled_1);
	print_groups_json("rollup_threads2", &c->rolled_2);
	print_groups_json("flat_threads2", &c->flat_2);
	print_sweep_json("compute_rollup_threads2", &c->pairs_2);
	printf(",\"situation_seconds\":[%.6f,%.6f],\"situation_entries\":%zu,\"content_hash_seconds\":%.6f}",
	       c->situation_s[0], c->situation_s[1], c->entries, c->hash_s);
	printf(",\"same_figure\":%zu,\"both_with_value\":%zu,\"only_library\":%zu,\"only_duckdb\":%zu,"
	       "\"targets\":[{\"name\":\"snapshot load and every group on 2 cores vs DuckDB\",\"value\":%.4f,"
	       "\"at_most\":%.2f,\"met\":%s},{\"name\":\"every group, 1 thread / 2 threads\",\"value\":%.4f,"
	       "\"at_least\":%.2f,\"met\":%s}]}\n",
	       c->agree.same, c->agree.both_value, c->agree.only_library, c->agree.only_peer, vs,
	       TARGET_VS_DUCKDB, vs <= TARGET_VS_DUCKDB ? "true" : "false", speedup, TARGET_SPEEDUP,
	       speedup >= TARGET_SPEEDUP ? "true" : "false");
}

/* ---- the mode ----------------------------------------------------------- */

typedef struct duck_options {
	const char *node, *script;
	int repeat;
} duck_options;

static int duckdb_each(const bench_options *o, const bench_files *f, void *payload)
{
	const duck_options *d = payload;
	char *medians_path = g_strconcat(f->lines_path, ".duckdb.tsv", NULL);
	bench_warm_page_cache(f->lines_path);
	g_printerr("[ft-bench] N=%zu: running %s %s\n", f->n, d->node, d->script);
	duck_result duck;
	lib_result lib;
	int ok = run_duckdb(d->node, d->script, f->lines_path, medians_path, &duck);
	if (ok) {
		g_printerr("[ft-bench] N=%zu: DuckDB took %.2f s (its process %.2f s); now the library\n",
		           f->n, duck.total_s, duck.wall_s);
		lib_args a = {f->lines_path, medians_path, o->seed, f->n, d->repeat};
		ok = bench_run_in_child(lib_work, &a, &lib, sizeof lib, "the library's side", f->n);
	}
	if (ok) {
		if (o->json)
			print_json(f->n, bench_file_size(f->lines_path), &duck, &lib);
		else
			print_table(f->n, bench_file_size(f->lines_path), &duck, &lib);
		ok = lib.differing == 0 && lib.differing_pairs == 0;
	}
	unlink(medians_path);
	g_free(medians_path);
	return ok;
}

int bench_cmd_duckdb(int argc, char **argv)
{
	bench_options o;
	bench_options_init(&o);
	char *node = NULL;
	int repeat = 5;
	GOptionEntry entries[] = {
	    bench_option_json(&o.json),
	    {"repeat", 'r', 0, G_OPTION_ARG_INT, &repeat,
	     "Run every group on 1 and on 2 threads R times each, in turn, and keep the best times (default 5)",
	     "R"},
	    bench_option_seed(&o.seed_text),
	    bench_option_tmpdir(&o.tmpdir),
	    bench_option_keep(&o.keep),
	    {.long_name = "node",
	     .arg = G_OPTION_ARG_FILENAME,
	     .arg_data = &node,
	     .description = "The Node.js that runs DuckDB (default " DEFAULT_NODE " from PATH)",
	     .arg_description = "PATH"},
	    {.long_name = "script",
	     .arg = G_OPTION_ARG_FILENAME,
	     .arg_data = &o.script,
	     .description = "DuckDB's side (default " FT_BENCH_SOURCE_DIR "/duckdb/median.mjs)",
	     .arg_description = "PATH"},
	    bench_option_counts(&o.rest),
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	static const size_t defaults[] = {100000, 1000000};
	int status = EXIT_USAGE;
	int ok = 1;
	if (!bench_parse_options(
	        "duckdb",
	        "Times DuckDB (bench/duckdb/median.mjs, 2 threads) and the library on the same JSON Lines "
	        "file: load, then a figure for every (subject, region, measure) group, the library's on 1 "
	        "and 2 threads; then the targets. Run bench/duckdb/setup (npm ci) once before.",
	        entries, &argc, &argv))
		goto cleanup;
	o.seed = bench_parse_seed(o.seed_text, &ok);
	if (!ok || repeat < 1) {
		fprintf(stderr, "ft-bench duckdb: --seed must be a number, --repeat at least 1\n");
		goto cleanup;
	}
	if (!bench_parse_counts("duckdb", o.rest, defaults, G_N_ELEMENTS(defaults), o.counts))
		goto cleanup;
	char *script = o.script ? g_strdup(o.script)
	                        : g_build_filename(FT_BENCH_SOURCE_DIR, "duckdb", "median.mjs", NULL);
	duck_options d = {node ? node : DEFAULT_NODE, script, repeat};
	status = EXIT_FAILED;
	if (duckdb_installed(d.node, script))
		status = bench_each_count(&o, 1, duckdb_each, &d);
	g_free(script);

cleanup:
	g_free(node);
	bench_options_clear(&o);
	return status;
}
