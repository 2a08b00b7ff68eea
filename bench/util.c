/*
 * What the modes of ft-bench share, so that each is written once: dying
 * with the library's message, the clock, the resident set size and its
 * peak, the forked child that measures in a process of its own and hands
 * a fixed-size result back, loading a file with given options, and the
 * command line: GOption parsing, claim counts, the seed, the options
 * that several modes take, and the loop that generates the dataset of
 * each N and hands its files to a mode.
 */
#include "bench.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
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

/* User and system time of the whole process so far, all threads. */
double bench_cpu_seconds(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return 0;
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
	       (double)ru.ru_stime.tv_usec / 1e6;
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
