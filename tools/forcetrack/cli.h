/*
 * The shared parts of the forcetrack program (tools/forcetrack/): the exit
 * statuses, the helpers every command uses (cli.c), and the commands
 * themselves, one file each (cmd_<name>.c), which main.c's table runs.
 * The program uses only the library's public API, exactly as an outside
 * program would, and GLib for the plumbing.
 */
#ifndef FT_CLI_H
#define FT_CLI_H

#include <forcetrack.h>

#include <glib.h>
#include <stdint.h>
#include <stdio.h>

#define EXIT_INVALID 1
#define EXIT_USAGE   2

/*
 * Prints text that comes from a dataset (names, quotes, error messages that
 * quote the data) without its control characters, so that a file cannot
 * move the cursor, change colours or split one problem over two lines.
 */
void cli_print_clean(FILE *fp, const char *s);

/* Prints one error as its one line, sanitised; the file name is filled in
 * when the library did not set it, so every line says which file it is. */
void cli_print_error_line(const ft_error *err, const char *file);

/*
 * Loads a dataset and prints every problem found, one line each. Returns
 * the dataset, or NULL when it is invalid (after printing at least one
 * line: a failure the library reported only through `err`, such as a file
 * that cannot be opened, is printed from there).
 */
ft_dataset *cli_load_reporting(const char *path);

/* The same, and with `recover` a torn end (FT_ETORN) is dropped, said on
 * standard error as "FILE:LINE: dropped: ...", and not counted. */
ft_dataset *cli_load_reporting_recover(const char *path, int recover);

/* Where the problems of a load go: printed one a line and counted. */
typedef struct cli_problems {
	const char *file;
	size_t count;
	int recover; /* drop a torn end, saying so on stderr, not counted */
} cli_problems;

/* Load options that report every problem to `sink` (recover_torn as
 * sink->recover says). */
void cli_report_options(cli_problems *sink, ft_load_options *opts);

/*
 * Parses the options of one command. On a usage error prints the message
 * and a hint on stderr and returns 0; --help prints and exits (GLib).
 */
int cli_parse_options(const char *command, const char *summary, GOptionEntry *entries, int *argc,
                      char ***argv);

/* Prints a usage error of `command` and a hint on stderr; returns
 * EXIT_USAGE. */
int cli_usage_error(const char *command, const char *message);

/* The encoding of a file as the library decides it (a document when the
 * file cannot be read: the load that follows reports that). */
ft_encoding cli_detect_encoding(const char *path);

/*
 * Says on standard error "forcetrack COMMAND: waiting for another writer of
 * FILE" when another process holds the lock the library's writers take
 * (flock, io/lock.c), before the library waits for it: a command that would
 * otherwise sit silent tells why. Takes no lock itself.
 */
void cli_note_if_locked(const char *command, const char *path);

/*
 * Parses a time value given on the command line. On failure prints the
 * library's message ("impossible date 2021-02-30") as a usage error and
 * returns 0.
 */
int cli_parse_time_arg(const char *command, const char *option, const char *text, ft_time *out);

/* "7d", "2w" (a number of days or weeks, at least 1) into days. */
int cli_parse_days_arg(const char *command, const char *option, const char *text, int *days);

/* The options estimate and timeline share. */
typedef struct cli_query_args {
	char **files;
	char *actor;
	char *region;
	char *measure;
	char *known_on;
	char *method;
	gboolean no_rollup;
	gboolean include_projections;
	int staleness;    /* INT_MIN: not given */
	double half_life; /* 0: not given */
	int max_pairs;    /* 0: not given */
	gboolean json;
} cli_query_args;

void cli_query_args_clear(cli_query_args *a);

/* What an estimate is asked for, resolved against the dataset. */
typedef struct cli_query {
	ft_dataset *ds;
	const ft_actor *actor;
	const ft_region *region;
	const char *measure;
	ft_estimate_options opts;
} cli_query;

/*
 * Checks the shared options (usage errors: exit 2) before the dataset is
 * loaded, then loads it and resolves the actor and the region (exit 1).
 * Returns -1 when the query is ready, or the exit status.
 */
int cli_prepare_query(const char *command, cli_query_args *a, cli_query *q);

/* The estimate options of `a` (--known-on, --method, --no-rollup,
 * --include-projections, --staleness, --half-life, --max-pairs) into
 * `opts`. Returns -1 when they hold, or EXIT_USAGE after saying why. */
int cli_estimate_args(const char *command, const cli_query_args *a, ft_estimate_options *opts);

/* The options of a timeline's grid and alerts beyond the query's, as
 * `timeline`, `chart` and `export --what timeline` take them. */
typedef struct cli_grid_args {
	char *from;
	char *to;
	char *step;
	char *window;
	double threshold;
	gboolean hindsight;
	gboolean keep_pairs;
} cli_grid_args;

#define CLI_GRID_ARGS_INIT                                                                               \
	{                                                                                                    \
		NULL, NULL, NULL, NULL, FT_TIMELINE_THRESHOLD, FALSE, FALSE                                  \
	}

void cli_grid_args_clear(cli_grid_args *t);

/*
 * Checks the grid and alert options (usage errors: exit 2) into `opts`:
 * the first and last dates, both needed, as UTC days ("--from 2021-11"
 * starts on its first day, "--to 2021-12" ends on its last), the step, the
 * window, the threshold, and hindsight, which --known-on in `a` excludes.
 * `to_option` is the name of the last date's option ("--to"). Returns -1
 * when they hold, or EXIT_USAGE after saying why.
 */
int cli_grid_args_check(const char *command, const char *to_option, const cli_grid_args *t,
                        const cli_query_args *a, ft_timeline_options *opts);

/* What timeline and chart share (cmd_timeline.c): their options, and the
 * timeline they ask for. Zero it and set up `tl` with ft_timeline_init;
 * cli_timeline_parse sets the rest. */
typedef struct cli_timeline_args {
	cli_query_args a;
	cli_grid_args grid;
	char *out_path; /* -o: NULL for standard output */
	cli_query q;
	ft_timeline tl;
} cli_timeline_args;

/*
 * Parses the options of a timeline for `command`: those of `forcetrack
 * timeline`, -o, and the command's own `extra` entries (NULL-terminated;
 * NULL for none). Returns -1, or EXIT_USAGE after saying why.
 */
int cli_timeline_parse(const char *command, const char *summary, const GOptionEntry *extra, int *argc,
                       char ***argv, cli_timeline_args *t);

/* Checks the parsed options (exit 2), loads the dataset, computes the
 * timeline into t->tl (exit 1) and writes it in `format` to -o or
 * standard output (cli_write_stream). Returns the exit status. */
int cli_timeline_run(const char *command, cli_timeline_args *t, ft_format format);

/* Releases what `t` holds. */
void cli_timeline_args_clear(cli_timeline_args *t);

/* The threads a command computes on: `asked` (--threads), or one per
 * core, at most 64, when it was not given (0). */
unsigned cli_threads(int asked);

/* A report written to a stream: 0, or a negative code with `err` filled
 * (what ft_file_replace takes). */
typedef ft_file_fn cli_stream_fn;

/*
 * Writes a report by `write` to `path` (NULL or "-": standard output). To a
 * file it goes through ft_file_replace, so a failure or a kill leaves an
 * older file as it was and nothing beside it, and the report is never
 * held whole in memory; to a terminal it is held, then shown safe line by
 * line. Returns EXIT_SUCCESS, or
 * EXIT_INVALID after saying why on stderr (a failed write to a pipe is
 * left to main, which reports every failed write to stdout once).
 */
int cli_write_stream(const char *command, const char *path, cli_stream_fn write, void *payload);

/* Prints the library's reason for a failed computation on stderr. */
void cli_report_failure(const char *command, const ft_error *err);

/* The commands: each parses its own options (argv[0] is the command's
 * name) and returns the exit status. */
int cmd_validate(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_estimate(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_chart(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_snapshot(int argc, char **argv);
int cmd_append(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_export(int argc, char **argv);

#endif
