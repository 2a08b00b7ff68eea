/*
 * What the modes of ft-bench share, so that each is written once: dying
 * with the library's message, the clock, the resident set size and its
 * peak, the forked child that measures in a process of its own and hands
 * a fixed-size result back (also under a time limit, reporting a crash
 * or a time-out as a figure), loading a file with given options, and the
 * command line: GOption parsing, claim counts, the seed, the options
 * that several modes take, and the loop that generates the dataset of
 * each N and hands its files to a mode.
 */
#include "bench.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* ---- errors ------------------------------------------------------------- */

void bench_die(const char *what, const ft_error *err)
{
	char line[1024];
	if (err) {
		ft_error_format(err, line, sizeof line);
		fprintf(stderr, "ft-bench: %s: %s\n", what, line);
	} else {
		fprintf(stderr, "ft-bench: %s\n", what);
	}
	exit(EXIT_FAILED);
}

ft_time bench_parse_time(const char *text)
{
	ft_time t;
	ft_error err;
	ft_error_clear(&err);
	if (ft_time_parse(text, &t, &err) != 0)
		bench_die(text, &err);
	return t;
}

/* ---- memory and time ---------------------------------------------------- */

double bench_now_s(void)
{
	return (double)g_get_monotonic_time() / 1e6;
}

/* Resident set size now, in bytes (/proc/self/statm, second field). */
double bench_rss_bytes(void)
{
	FILE *fp = fopen("/proc/self/statm", "r");
	if (!fp)
		return 0;
	unsigned long size = 0, resident = 0;
	int n = fscanf(fp, "%lu %lu", &size, &resident);
	fclose(fp);
	if (n != 2)
		return 0;
	return (double)resident * (double)sysconf(_SC_PAGESIZE);
}

/* Hands memory that was freed back to the system where the allocator
 * allows it (glibc keeps freed memory mapped), so that the resident size
 * that follows counts what is still held, not what was once used. */
void bench_release_free_memory(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

/* The highest resident set size of this process so far, in bytes. The
 * kernel updates ru_maxrss lazily, so it can lag the current size by a few
 * pages: the larger of the two is the peak. */
double bench_peak_rss_bytes(void)
{
	struct rusage ru;
	double now = bench_rss_bytes();
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return now;
	double peak = (double)ru.ru_maxrss * 1024.0; /* kilobytes on Linux */
	return peak > now ? peak : now;
}

/* Resets the peak that bench_peak_rss_bytes reads to the present resident
 * size (Linux 4.0 and later: "5" in /proc/self/clear_refs), so that a
 * phase's peak is its own and not that of what ran before it in the same
 * process. Returns 1 when the kernel took it. */
int bench_reset_peak_rss(void)
{
	FILE *fp = fopen("/proc/self/clear_refs", "w");
	if (!fp)
		return 0;
	int ok = fputs("5", fp) >= 0;
	return fclose(fp) == 0 && ok;
}

/* User and system time of the whole process so far, all threads. */
double bench_cpu_seconds(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return 0;
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
	       (double)ru.ru_stime.tv_usec / 1e6;
}

double bench_thread_cpu_seconds(void)
{
	struct timespec t;
	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0)
		return 0;
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---- processes ---------------------------------------------------------- */

/* Waits for a child; returns 1 when it exited with status 0. */
static int wait_child(pid_t pid, const char *what, size_t n)
{
	int status = 0;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			perror("ft-bench: waitpid");
			return 0;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 1;
	if (WIFSIGNALED(status))
		fprintf(stderr, "ft-bench: N=%zu: %s was killed by signal %d\n", n, what, WTERMSIG(status));
	else
		fprintf(stderr, "ft-bench: N=%zu: %s failed (exit status %d)\n", n, what,
		        WEXITSTATUS(status));
	return 0;
}

/*
 * Runs `work` in a forked child, so that its peak RSS is its own, and
 * copies its fixed-size result back through a pipe. Returns 1 when the
 * child finished and delivered the result.
 */
int bench_run_in_child(bench_child_work work, const void *args, void *out, size_t size, const char *what,
                       size_t n)
{
	int fds[2];
	if (pipe(fds) != 0) {
		perror("ft-bench: pipe");
		return 0;
	}
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		perror("ft-bench: fork");
		close(fds[0]);
		close(fds[1]);
		return 0;
	}
	if (pid == 0) {
		close(fds[0]);
		void *mine = g_malloc0(size);
		work(args, mine);
		int ok = write(fds[1], mine, size) == (ssize_t)size;
		g_free(mine);
		close(fds[1]);
		fflush(stderr);
		_exit(ok ? 0 : EXIT_FAILED);
	}
	close(fds[1]);
	ssize_t got = read(fds[0], out, size);
	close(fds[0]);
	int ok = wait_child(pid, what, n);
	return ok && got == (ssize_t)size;
}

/* Waits for a child and reads its peak resident size in bytes (wait4);
 * returns 1 once it was reaped. */
static int reap(pid_t pid, int *status, double *peak_rss)
{
	struct rusage ru;
	memset(&ru, 0, sizeof ru);
	while (wait4(pid, status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("ft-bench: wait4");
			return 0;
		}
	}
	*peak_rss = (double)ru.ru_maxrss * 1024.0;
	return 1;
}

/* ---- a child under a time limit ----------------------------------------- */

/* What a limited child tells its parent when its setup is done. */
typedef struct ready_message {
	double rss_before;
	int peak_reset;
} ready_message;

/* The write end of the pipe to the parent, in a limited child; -1 once the
 * ready message went (or outside such a child). */
static int ready_fd = -1;

double bench_child_ready(void)
{
	bench_release_free_memory();
	ready_message m = {bench_rss_bytes(), bench_reset_peak_rss()};
	if (ready_fd >= 0) {
		if (write(ready_fd, &m, sizeof m) != (ssize_t)sizeof m)
			_exit(EXIT_FAILED);
		ready_fd = -1;
	}
	return m.rss_before;
}

/* Milliseconds left until `deadline` (bench_now_s), for poll(); -1 (wait
 * for ever) when there is no deadline. */
static int ms_until(double deadline)
{
	if (deadline <= 0)
		return -1;
	double left = (deadline - bench_now_s()) * 1e3;
	return left <= 0 ? 0 : left > 1e9 ? 1000000000 : (int)left + 1;
}

/* Reads `size` bytes from `fd` by `deadline` (0: none). Returns the bytes
 * read, fewer at end of file, or -1 when the deadline passed first. */
static ssize_t read_by(int fd, void *buf, size_t size, double deadline)
{
	size_t got = 0;
	while (got < size) {
		struct pollfd p = {fd, POLLIN, 0};
		int rc = poll(&p, 1, ms_until(deadline));
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc == 0)
			return -1;
		ssize_t n = read(fd, (char *)buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/*
 * Runs `work` in a forked child as bench_run_in_child does, under time
 * limits: `setup_limit` seconds until the work calls bench_child_ready
 * (a load before the phase it measures), then `limit` seconds until it
 * delivers its result (0: no limit, for either). A child over its limit
 * is killed (SIGKILL). Returns 1 when the result arrived; `st` says what
 * happened in every case, so that a time-out or a crash is a figure of
 * the measurement and not a failure of the program.
 */
int bench_run_in_child_limited(bench_child_work work, const void *args, void *out, size_t size,
                               double setup_limit, double limit, bench_limited *st)
{
	memset(st, 0, sizeof *st);
	st->outcome = BENCH_FAILED;
	st->exit_status = -1;
	st->in_setup = 1;
	int fds[2];
	if (pipe(fds) != 0) {
		perror("ft-bench: pipe");
		return 0;
	}
	fflush(stdout);
	fflush(stderr);
	double start = bench_now_s();
	pid_t pid = fork();
	if (pid < 0) {
		perror("ft-bench: fork");
		close(fds[0]);
		close(fds[1]);
		return 0;
	}
	if (pid == 0) {
		close(fds[0]);
		/* A crash is expected of some phases: no core file for it. */
		struct rlimit no_core = {0, 0};
		setrlimit(RLIMIT_CORE, &no_core);
		ready_fd = fds[1];
		void *mine = g_malloc0(size);
		work(args, mine);
		if (ready_fd >= 0)
			bench_child_ready(); /* the work did not say it */
		int ok = write(fds[1], mine, size) == (ssize_t)size;
		g_free(mine);
		close(fds[1]);
		fflush(stderr);
		_exit(ok ? 0 : EXIT_FAILED);
	}
	close(fds[1]);
	int killed = 0;
	ready_message m;
	ssize_t got = read_by(fds[0], &m, sizeof m, setup_limit > 0 ? start + setup_limit : 0);
	double t0 = bench_now_s();
	if (got == (ssize_t)sizeof m) {
		st->in_setup = 0;
		st->rss_before = m.rss_before;
		st->peak_reset = m.peak_reset;
		got = read_by(fds[0], out, size, limit > 0 ? t0 + limit : 0);
	} else {
		got = got < 0 ? -1 : 0;
	}
	if (got < 0) {
		kill(pid, SIGKILL);
		killed = 1;
	}
	st->seconds = bench_now_s() - t0;
	close(fds[0]);
	int status = 0;
	if (!reap(pid, &status, &st->peak_rss))
		return 0;
	if (killed) {
		st->outcome = BENCH_TIMED_OUT;
	} else if (WIFSIGNALED(status)) {
		st->outcome = BENCH_CRASHED;
		st->signal = WTERMSIG(status);
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && got == (ssize_t)size) {
		st->outcome = BENCH_DONE;
	} else {
		st->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	}
	return st->outcome == BENCH_DONE;
}

/* ---- a peer program ----------------------------------------------------- */

json_t *bench_spawn_json(const char *const *argv, double *wall_s, double *peak_rss)
{
	*wall_s = 0;
	*peak_rss = 0;
	GPid pid;
	int out_fd = -1;
	GError *error = NULL;
	fflush(stdout);
	fflush(stderr);
	double t0 = bench_now_s();
	/* Not reaped by GLib, so that wait4 can read the child's peak. */
	if (!g_spawn_async_with_pipes(NULL, (char **)(uintptr_t)argv, NULL,
	                              G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL,
	                              &out_fd, NULL, &error)) {
		fprintf(stderr, "ft-bench: cannot run %s: %s\n", argv[0], error->message);
		g_error_free(error);
		return NULL;
	}
	GString *text = g_string_new(NULL);
	char buf[4096];
	ssize_t got;
	while ((got = read(out_fd, buf, sizeof buf)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			break;
		g_string_append_len(text, buf, got);
	}
	close(out_fd);
	int status = 0;
	reap(pid, &status, peak_rss);
	*wall_s = bench_now_s() - t0;
	g_spawn_close_pid(pid);
	json_t *res = NULL;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "ft-bench: %s %s failed (%s %d)\n", argv[0], argv[1] ? argv[1] : "",
		        WIFSIGNALED(status) ? "signal" : "exit status",
		        WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	} else {
		json_error_t jerr;
		res = json_loads(text->str, 0, &jerr);
		if (!json_is_object(res)) {
			fprintf(stderr, "ft-bench: %s %s printed no JSON object: %s\n", argv[0],
			        argv[1] ? argv[1] : "", jerr.text);
			json_decref(res);
			res = NULL;
		}
	}
	g_string_free(text, TRUE);
	return res;
}

double bench_json_number(const json_t *obj, const char *key)
{
	return json_number_value(json_object_get(obj, key));
}

/* ---- files -------------------------------------------------------------- */

ft_dataset *bench_load_with(const char *path, ft_encoding encoding, unsigned threads)
{
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.encoding = encoding;
	opts.threads = threads;
	ft_error err;
	ft_error_clear(&err);
	ft_dataset *ds = ft_dataset_load_file(path, &opts, &err);
	if (!ds)
		bench_die("loading the generated dataset", &err);
	return ds;
}

/* Reads a file once, so that every phase finds it in the page cache and
 * none pays for the disk on behalf of the others. */
void bench_warm_page_cache(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return;
	char *buf = g_malloc(1 << 20);
	while (fread(buf, 1, 1 << 20, fp) > 0)
		;
	g_free(buf);
	fclose(fp);
}

double bench_file_size(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		bench_die("a generated file is missing", NULL);
	return (double)sb.st_size;
}

/* ---- the command line --------------------------------------------------- */

int bench_parse_options(const char *command, const char *summary, GOptionEntry *entries, int *argc,
                        char ***argv)
{
	char *prgname = g_strdup_printf("ft-bench %s", command);
	g_set_prgname(prgname);
	GOptionContext *ctx = g_option_context_new(NULL);
	g_option_context_set_summary(ctx, summary);
	g_option_context_add_main_entries(ctx, entries, NULL);
	GError *error = NULL;
	int ok = g_option_context_parse(ctx, argc, argv, &error);
	if (!ok) {
		fprintf(stderr, "%s: %s\nTry '%s --help'.\n", prgname, error->message, prgname);
		g_error_free(error);
	}
	g_option_context_free(ctx);
	g_free(prgname);
	return ok;
}

/* A claim count: a positive integer, also written 1e6. */
int bench_parse_count(const char *text, size_t *out)
{
	char *end = NULL;
	double v = g_ascii_strtod(text, &end);
	if (!end || *end || end == text || !(v >= 1 && v <= 1e8) || v != (double)(uint64_t)v)
		return 0;
	*out = (size_t)v;
	return 1;
}

/* The seed of --seed; DEFAULT_SEED when `text` is NULL (no --seed). */
uint64_t bench_parse_seed(const char *text, int *ok)
{
	const char *s = text ? text : DEFAULT_SEED;
	char *end = NULL;
	guint64 v = g_ascii_strtoull(s, &end, 0);
	*ok = end && end != s && !*end;
	return v;
}

/* Parses the claim counts of a command line; `defaults` when none. */
int bench_parse_counts(const char *command, char **rest, const size_t *defaults, size_t n_defaults,
                       GArray *counts)
{
	for (size_t i = 0; rest && rest[i]; i++) {
		size_t n;
		if (!bench_parse_count(rest[i], &n)) {
			fprintf(stderr, "ft-bench %s: '%s' is not a claim count\n", command, rest[i]);
			return 0;
		}
		g_array_append_val(counts, n);
	}
	if (counts->len == 0)
		g_array_append_vals(counts, defaults, (guint)n_defaults);
	return 1;
}

GOptionEntry bench_option_json(gboolean *json)
{
	GOptionEntry e = {.long_name = "json",
	                  .short_name = 'j',
	                  .arg = G_OPTION_ARG_NONE,
	                  .arg_data = json,
	                  .description = "Print one JSON object per N instead of the table"};
	return e;
}

GOptionEntry bench_option_seed(char **seed_text)
{
	GOptionEntry e = {.long_name = "seed",
	                  .short_name = 's',
	                  .arg = G_OPTION_ARG_STRING,
	                  .arg_data = seed_text,
	                  .description = "Seed of the generator (default " DEFAULT_SEED ")",
	                  .arg_description = "X"};
	return e;
}

GOptionEntry bench_option_tmpdir(char **tmpdir)
{
	GOptionEntry e = {.long_name = "tmpdir",
	                  .short_name = 't',
	                  .arg = G_OPTION_ARG_FILENAME,
	                  .arg_data = tmpdir,
	                  .description = "Where the generated files go (default: $TMPDIR)",
	                  .arg_description = "DIR"};
	return e;
}

GOptionEntry bench_option_keep(gboolean *keep)
{
	GOptionEntry e = {.long_name = "keep",
	                  .short_name = 'k',
	                  .arg = G_OPTION_ARG_NONE,
	                  .arg_data = keep,
	                  .description = "Keep the generated files"};
	return e;
}

/* The claim counts after the options. */
GOptionEntry bench_option_counts(char ***rest)
{
	GOptionEntry e = {.long_name = G_OPTION_REMAINING,
	                  .arg = G_OPTION_ARG_STRING_ARRAY,
	                  .arg_data = rest,
	                  .arg_description = "[N...]"};
	return e;
}

void bench_options_init(bench_options *o)
{
	memset(o, 0, sizeof *o);
	o->counts = g_array_new(FALSE, FALSE, sizeof(size_t));
}

void bench_options_clear(bench_options *o)
{
	g_array_free(o->counts, TRUE);
	g_free(o->seed_text);
	g_free(o->tmpdir);
	g_free(o->python);
	g_free(o->script);
	g_strfreev(o->rest);
}

/* For each claim count of `o`: generates the dataset in a child and saves
 * it in --tmpdir as a document and, with `lines`, as JSON Lines too; calls
 * `each` on the files; removes them unless --keep. Returns EXIT_SUCCESS,
 * or EXIT_FAILED when any N failed. */
int bench_each_count(const bench_options *o, int lines, bench_each_fn each, void *payload)
{
	int status = EXIT_SUCCESS;
	for (size_t i = 0; i < o->counts->len; i++) {
		bench_files f = {g_array_index(o->counts, size_t, i), NULL, NULL, {0, 0, 0}};
		char name[64];
		g_snprintf(name, sizeof name, "ft-bench-%ld-%zu.json", (long)getpid(), f.n);
		f.doc_path = g_build_filename(o->tmpdir ? o->tmpdir : g_get_tmp_dir(), name, NULL);
		if (lines)
			f.lines_path = g_strconcat(f.doc_path, "l", NULL); /* .jsonl */
		if (!bench_generate_in_child(f.n, o->seed, f.doc_path, f.lines_path, &f.rep) ||
		    !each(o, &f, payload))
			status = EXIT_FAILED;
		fflush(stdout);
		if (o->keep && f.lines_path) {
			g_printerr("[ft-bench] N=%zu: kept %s and %s\n", f.n, f.doc_path, f.lines_path);
		} else if (o->keep) {
			g_printerr("[ft-bench] N=%zu: kept %s\n", f.n, f.doc_path);
		} else {
			unlink(f.doc_path);
			if (f.lines_path)
				unlink(f.lines_path);
		}
		g_free(f.doc_path);
		g_free(f.lines_path);
	}
	return status;
}
