/*
 * The private header of ft-bench, the benchmark program: what its files
 * share. main.c holds the table of modes; each mode has a file of its
 * own and a bench_cmd_<mode> entry point here; util.c holds the plumbing
 * that several modes use (the clock and the resident set size, the forked
 * child that measures in a process of its own, the command line and the
 * loop over the claim counts), sweep.c the groups of the claims and the
 * sweep that estimates each, for run and compare. Nothing here is part of
 * the library: the program uses its public API only, as an outside
 * program would.
 */
#ifndef FT_BENCH_BENCH_H
#define FT_BENCH_BENCH_H

#include <forcetrack.h>

#include <glib.h>
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#define EXIT_FAILED 1
#define EXIT_USAGE  2

#define MB (1024.0 * 1024.0)

#define DEFAULT_SEED "20211201"

/* ---- errors, memory and time (util.c) ----------------------------------- */

/* Prints "ft-bench: WHAT: the library's message" and exits EXIT_FAILED. */
void bench_die(const char *what, const ft_error *err);
/* A time value that must parse (dies otherwise). */
ft_time bench_parse_time(const char *text);

double bench_now_s(void);
double bench_rss_bytes(void);
void bench_release_free_memory(void);
double bench_peak_rss_bytes(void);
int bench_reset_peak_rss(void);
double bench_cpu_seconds(void);
/* The calling thread's CPU time: of a load, its critical path, which other
 * work on the machine moves less than the wall time. */
double bench_thread_cpu_seconds(void);

/* ---- processes and files (util.c) --------------------------------------- */

/* The work of a forked child: reads `args`, fills `out` (zeroed). */
typedef void (*bench_child_work)(const void *args, void *out);

int bench_run_in_child(bench_child_work work, const void *args, void *out, size_t size, const char *what,
                       size_t n);

/* How a child under a time limit ended. */
typedef enum bench_outcome {
	BENCH_DONE = 0,  /* it delivered its result */
	BENCH_TIMED_OUT, /* killed at its limit */
	BENCH_CRASHED,   /* killed by a signal of its own making (a stack overflow) */
	BENCH_FAILED     /* it exited with a failure, or delivered nothing */
} bench_outcome;

typedef struct bench_limited {
	bench_outcome outcome;
	int signal;        /* BENCH_CRASHED: the signal */
	int exit_status;   /* BENCH_FAILED: the exit status, -1 when it had none */
	int in_setup;      /* it ended or timed out before bench_child_ready */
	double seconds;    /* the parent's clock from bench_child_ready to the end */
	double rss_before; /* the child's resident size at bench_child_ready */
	int peak_reset;    /* the child's peak was reset there (bench_reset_peak_rss) */
	double peak_rss;   /* the child's peak resident size (wait4), since the reset if there was one */
} bench_limited;

int bench_run_in_child_limited(bench_child_work work, const void *args, void *out, size_t size,
                               double setup_limit, double limit, bench_limited *st);
/* In the work of a limited child: the setup is done and the measured part
 * begins. Hands back the resident size (after bench_release_free_memory)
 * that the part's growth is counted from, and resets the peak. */
double bench_child_ready(void);

/* Loads `path`; dies with the library's message when it cannot. */
ft_dataset *bench_load_with(const char *path, ft_encoding encoding, unsigned threads);
void bench_warm_page_cache(const char *path);
double bench_file_size(const char *path);

/* Runs a peer program (argv[0] looked up in PATH) whose standard output is
 * one JSON object, its standard error passed through; returns the object,
 * or NULL with a message when the program could not run, failed or printed
 * no object. `wall_s` gets its wall time, `peak_rss` its peak resident
 * size in bytes (wait4: the whole process, whatever it runs). */
json_t *bench_spawn_json(const char *const *argv, double *wall_s, double *peak_rss);
/* The number at `key` of a JSON object (0 when there is none). */
double bench_json_number(const json_t *obj, const char *key);

/* ---- the command line (util.c) ------------------------------------------ */

int bench_parse_options(const char *command, const char *summary, GOptionEntry *entries, int *argc,
                        char ***argv);
int bench_parse_count(const char *text, size_t *out);
uint64_t bench_parse_seed(const char *text, int *ok);
int bench_parse_counts(const char *command, char **rest, const size_t *defaults, size_t n_defaults,
                       GArray *counts);

/* The options that several modes share, each defined once, so that every
 * mode lists them in its own order. */
GOptionEntry bench_option_json(gboolean *json);
GOptionEntry bench_option_seed(char **seed_text);
GOptionEntry bench_option_tmpdir(char **tmpdir);
GOptionEntry bench_option_keep(gboolean *keep);
GOptionEntry bench_option_counts(char ***rest);

/* What run, lines and compare share: their common options, and the seed
 * and claim counts these come to. */
typedef struct bench_options {
	gboolean json, keep;
	char *seed_text, *tmpdir, *python, *script;
	char **rest;
	uint64_t seed;
	GArray *counts; /* size_t */
} bench_options;

void bench_options_init(bench_options *o);
void bench_options_clear(bench_options *o);

/* What the generator's child reports. */
typedef struct bench_gen_report {
	double gen_s, save_s;
	double save_lines_s; /* 0 when no JSON Lines file was asked for */
} bench_gen_report;

/* The files of one N, once generated and saved. */
typedef struct bench_files {
	size_t n;
	char *doc_path;
	char *lines_path; /* NULL when only the document was asked for */
	bench_gen_report rep;
} bench_files;

/* What a mode measures on the files of one N; returns 1 on success. */
typedef int (*bench_each_fn)(const bench_options *o, const bench_files *f, void *payload);

int bench_each_count(const bench_options *o, int lines, bench_each_fn each, void *payload);

/* ---- groups and sweeps (sweep.c) ---------------------------------------- */

/* One (subject, region, measure) group, as the claims name it. */
typedef struct bench_group {
	const ft_actor *actor;
	const ft_region *region;
	const char *measure;
	size_t first; /* index of the first claim in it: a stable order */
} bench_group;

/* What a sweep over the groups measured. */
typedef struct bench_sweep {
	int rollup;
	size_t total; /* groups there are */
	size_t done;  /* groups estimated */
	double seconds;
	size_t contributions; /* candidate claims looked at, summed over groups */
	size_t with_value;    /* groups that got an estimate */
	size_t failures;
	char first_failure[FT_ERROR_TEXT_SIZE + 64];
	int capped; /* stopped by --max-seconds */
	double rss_after;
	double peak_after;
} bench_sweep;

/* The distinct groups of the claims in a fixed shuffled order (g_free). */
bench_group *bench_collect_groups(const ft_dataset *ds, uint64_t seed, size_t *n_out);
/* A group's hash and equality by (actor, region, measure), for GHashTable. */
guint bench_group_hash(gconstpointer p);
gboolean bench_group_equal(gconstpointer a, gconstpointer b);
void bench_run_sweep(const ft_dataset *ds, const bench_group *groups, size_t n,
                     const ft_estimate_options *base, double max_seconds, uint64_t *best, bench_sweep *out);
/* The (subject, region, measure) group with the most claims; 0 when the
 * dataset has no claim (reports, timeline). */
int bench_largest_group(const ft_dataset *ds, const ft_actor **actor, const ft_region **region,
                        const char **measure);

/* ---- the generator (generate.c) ----------------------------------------- */

/* The generator's fixed-seed random numbers (splitmix64); the groups'
 * shuffle draws from them too, so that it is the same on every platform. */
typedef struct bench_rng {
	uint64_t state;
} bench_rng;

/* Uniform in [0, n). */
uint64_t bench_rng_below(bench_rng *r, uint64_t n);

/* Generates and saves the dataset of n claims, here or in a child (see
 * generate.c). */
void bench_generate_and_save(size_t n, uint64_t seed, const char *path, const char *lines_path,
                             bench_gen_report *rep);
int bench_generate_in_child(size_t n, uint64_t seed, const char *path, const char *lines_path,
                            bench_gen_report *rep);

/* ---- the comparison with compare.py (compare.c) ------------------------- */

/* --python and --script, which lines takes too. */
GOptionEntry bench_option_python(char **python);
GOptionEntry bench_option_script(char **script);

/* How a peer's medians per group agree with the library's figures. */
typedef struct bench_agreement {
	int compared;                   /* the peer's medians could be read */
	size_t peer_groups;             /* groups the peer wrote */
	size_t unmatched;               /* library groups the peer did not write */
	size_t both_value, same;        /* groups where both have a figure; of those, the same figure */
	size_t only_library, only_peer; /* groups where only one side has a figure */
} bench_agreement;

/* Compares each group's figure (`best`, UINT64_MAX: none, in the order of
 * `groups`) with the medians a peer wrote to `medians_path`. */
void bench_compare_medians(const bench_group *groups, const uint64_t *best, size_t n,
                           const char *medians_path, bench_agreement *out);

/* The comparison of one N, which `lines` ends with too; 1 on success. */
int bench_compare_one(size_t n, uint64_t seed, const char *lines_path, const char *python, const char *script,
                      int json);

/* ---- the comparison with DuckDB (duckdb.c) ------------------------------ */

/* The library's load in `duckdb` (JSON Lines on `threads` threads), behind
 * one function so that another way to load the same claims can replace
 * it; `how` receives its name for the table. Dies when it cannot load. */
ft_dataset *bench_load_dataset(const char *path, unsigned threads, char *how, size_t how_size);

/* ---- the modes, one file each ------------------------------------------- */

int bench_cmd_generate(int argc, char **argv);
int bench_cmd_run(int argc, char **argv);
int bench_cmd_compare(int argc, char **argv);
int bench_cmd_duckdb(int argc, char **argv);
int bench_cmd_lines(int argc, char **argv);
int bench_cmd_load(int argc, char **argv);
int bench_cmd_hostile(int argc, char **argv);
int bench_cmd_reports(int argc, char **argv);
int bench_cmd_timeline(int argc, char **argv);
int bench_cmd_snapshot(int argc, char **argv);

#endif
