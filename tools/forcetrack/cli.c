/*
 * What the commands of the forcetrack program share: printing text from a
 * dataset safely and problems one line each, loading a dataset with every
 * problem reported, parsing a command's options with GOption and
 * reporting usage errors, reading time values and day counts from the
 * command line, and the options that estimate and timeline share, checked
 * and resolved against the dataset (an unknown actor or region is named
 * with a suggestion).
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Prints text that comes from a dataset (names, quotes, error messages that
 * quote the data) without its control characters, so that a file cannot
 * move the cursor, change colours or split one problem over two lines.
 */
void cli_print_clean(FILE *fp, const char *s)
{
	char *safe = ft_text_sanitize_terminal(s);
	fputs(safe, fp);
	ft_free(safe);
}

/* Prints one error as its one line, sanitised, on `fp`; the file name is
 * filled in when the library did not set it, so every line says which
 * file it is. `prefix` (may be NULL) goes before the error's text. */
static void print_error_line_to(FILE *fp, const ft_error *err, const char *file, const char *prefix)
{
	ft_error copy = *err;
	if (!copy.file[0])
		g_strlcpy(copy.file, file, sizeof copy.file);
	if (!copy.text[0] && copy.code == FT_OK)
		g_strlcpy(copy.text, "could not be loaded", sizeof copy.text);
	if (prefix) {
		char *text = g_strconcat(prefix, copy.text, NULL);
		g_strlcpy(copy.text, text, sizeof copy.text);
		g_free(text);
	}
	size_t n = ft_error_format(&copy, NULL, 0);
	char *line = g_malloc(n + 1);
	ft_error_format(&copy, line, n + 1);
	cli_print_clean(fp, line);
	fputc('\n', fp);
	g_free(line);
}

void cli_print_error_line(const ft_error *err, const char *file)
{
	print_error_line_to(stdout, err, file, NULL);
}

static void on_problem(const ft_error *err, void *payload)
{
	cli_problems *sink = payload;
	/* What recovery drops is said, on standard error (standard output
	 * may be carrying the dataset), and is no failure. */
	if (sink->recover && err->code == FT_ETORN) {
		print_error_line_to(stderr, err, sink->file, "dropped: ");
		return;
	}
	sink->count++;
	cli_print_error_line(err, sink->file);
}

void cli_report_options(cli_problems *sink, ft_load_options *opts)
{
	ft_load_options_init(opts);
	opts->on_error = on_problem;
	opts->payload = sink;
	/* A validator shows every problem, not the library's default first
	 * hundred: a file with 150 bad claims gets 150 lines. */
	opts->max_errors = SIZE_MAX;
	opts->recover_torn = sink->recover;
}

ft_dataset *cli_load_reporting_recover(const char *path, int recover)
{
	cli_problems sink = {path, 0, recover};
	ft_load_options opts;
	cli_report_options(&sink, &opts);
	ft_error err;
	ft_error_clear(&err);

	ft_dataset *ds = ft_dataset_load_file(path, &opts, &err);
	if (ds && sink.count == 0)
		return ds;
	if (sink.count == 0)
		cli_print_error_line(&err, path);
	ft_dataset_free(ds);
	return NULL;
}

ft_dataset *cli_load_reporting(const char *path)
{
	return cli_load_reporting_recover(path, 0);
}

/*
 * Parses the options of one command. On a usage error prints the message
 * and a hint on stderr and returns 0; --help prints and exits (GLib).
 */
int cli_parse_options(const char *command, const char *summary, GOptionEntry *entries, int *argc,
                      char ***argv)
{
	char *prgname = g_strdup_printf("forcetrack %s", command);
	g_set_prgname(prgname);
	/* The FILE arguments are named by the G_OPTION_REMAINING entry. */
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

int cli_usage_error(const char *command, const char *message)
{
	fprintf(stderr, "forcetrack %s: %s\nTry 'forcetrack %s --help'.\n", command, message, command);
	return EXIT_USAGE;
}

/* The encoding of a file as the library decides it (a document when the
 * file cannot be read: the load that follows reports that). */
ft_encoding cli_detect_encoding(const char *path)
{
	ft_encoding found = FT_ENCODING_DOCUMENT;
	if (ft_encoding_detect(path, &found, NULL) != 0)
		return FT_ENCODING_DOCUMENT;
	return found;
}

void cli_note_if_locked(const char *command, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return; /* the library says what is wrong with the path */
	if (flock(fd, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK) {
		fprintf(stderr, "forcetrack %s: waiting for another writer of ", command);
		cli_print_clean(stderr, path);
		fputs(" to finish\n", stderr);
	}
	close(fd); /* releases the probe's lock, if it got it */
}

/*
 * Parses a time value given on the command line. On failure prints the
 * library's message ("impossible date 2021-02-30") as a usage error and
 * returns 0.
 */
int cli_parse_time_arg(const char *command, const char *option, const char *text, ft_time *out)
{
	ft_error err;
	ft_error_clear(&err);
	if (ft_time_parse(text, out, &err) == 0)
		return 1;
	fprintf(stderr, "forcetrack %s: %s \"", command, option);
	cli_print_clean(stderr, text);
	fprintf(stderr, "\": ");
	cli_print_clean(stderr, err.text[0] ? err.text : "not a time value");
	fprintf(stderr, "\nTry 'forcetrack %s --help'.\n", command);
	return 0;
}

/* "7d", "2w" (a number of days or weeks, at least 1) into days. */
int cli_parse_days_arg(const char *command, const char *option, const char *text, int *days)
{
	char *end = NULL;
	long n = -1;
	if (text && g_ascii_isdigit(text[0]))
		n = strtol(text, &end, 10);
	long factor = 0;
	if (end && end[0] && !end[1])
		factor = end[0] == 'd' ? 1 : end[0] == 'w' ? 7 : 0;
	if (n < 1 || factor == 0 || n > 1000000 / factor) {
		fprintf(stderr, "forcetrack %s: %s \"", command, option);
		cli_print_clean(stderr, text ? text : "");
		fprintf(stderr,
		        "\": expected a number of days or weeks, such as \"7d\" or \"2w\"\n"
		        "Try 'forcetrack %s --help'.\n",
		        command);
		return 0;
	}
	*days = (int)(n * factor);
	return 1;
}

/* 1 when `word` names the entity another way: its code, name or an alias. */
static int names_it(const char *word, const char *code, const char *name, const char *const *aliases,
                    size_t n_aliases)
{
	if ((code && g_ascii_strcasecmp(word, code) == 0) || (name && g_utf8_collate(word, name) == 0))
		return 1;
	for (size_t i = 0; i < n_aliases; i++)
		if (g_utf8_collate(word, aliases[i]) == 0)
			return 1;
	return 0;
}

/* "unknown actor "RUS" (did you mean "RU"?)" on stderr; "unknown actor
 * "РУ" (it holds non-ASCII characters: U+0420 U+0423)" for a look-alike. */
static void report_unknown(const char *command, const char *kind, const char *word, const char *suggestion)
{
	char lookalike[FT_TEXT_NON_ASCII_SIZE];
	ft_text_non_ascii(word, lookalike, sizeof lookalike);
	fprintf(stderr, "forcetrack %s: unknown %s \"", command, kind);
	cli_print_clean(stderr, word);
	fputc('"', stderr);
	if (lookalike[0] || suggestion)
		fprintf(stderr, " (%s%s", lookalike, lookalike[0] && suggestion ? "; " : "");
	if (suggestion) {
		fputs("did you mean \"", stderr);
		cli_print_clean(stderr, suggestion);
		fputs("\"?", stderr);
	}
	if (lookalike[0] || suggestion)
		fputc(')', stderr);
	fputc('\n', stderr);
}

/* Finds an actor by id; otherwise reports it, suggesting the actor whose
 * code, name or alias it is, or else the nearest id. */
static const ft_actor *find_actor(const ft_dataset *ds, const char *command, const char *id)
{
	const ft_actor *a = ft_dataset_find_actor(ds, id);
	if (a)
		return a;
	const char *suggestion = NULL;
	size_t n = ft_dataset_actor_count(ds);
	for (size_t i = 0; i < n && !suggestion; i++) {
		ft_actor_desc d = FT_ACTOR_DESC_INIT;
		ft_actor_describe(ft_dataset_actor_at(ds, i), &d);
		if (names_it(id, d.code, d.name, d.aliases, d.n_aliases))
			suggestion = d.id;
	}
	if (!suggestion) {
		const char **ids = g_new(const char *, n ? n : 1);
		for (size_t i = 0; i < n; i++)
			ids[i] = ft_actor_id(ft_dataset_actor_at(ds, i));
		suggestion = ft_suggest(id, ids, n);
		g_free(ids);
	}
	report_unknown(command, "actor", id, suggestion);
	return NULL;
}

static const ft_region *find_region(const ft_dataset *ds, const char *command, const char *id)
{
	const ft_region *r = ft_dataset_find_region(ds, id);
	if (r)
		return r;
	const char *suggestion = NULL;
	size_t n = ft_dataset_region_count(ds);
	for (size_t i = 0; i < n && !suggestion; i++) {
		ft_region_desc d = FT_REGION_DESC_INIT;
		ft_region_describe(ft_dataset_region_at(ds, i), &d);
		if (names_it(id, d.code, d.name, NULL, 0))
			suggestion = d.id;
	}
	if (!suggestion) {
		const char **ids = g_new(const char *, n ? n : 1);
		for (size_t i = 0; i < n; i++)
			ids[i] = ft_region_id(ft_dataset_region_at(ds, i));
		suggestion = ft_suggest(id, ids, n);
		g_free(ids);
	}
	report_unknown(command, "region", id, suggestion);
	return NULL;
}

void cli_query_args_clear(cli_query_args *a)
{
	g_strfreev(a->files);
	g_free(a->actor);
	g_free(a->region);
	g_free(a->measure);
	g_free(a->known_on);
	g_free(a->method);
}

/* A measure no claim of the dataset counts gives no estimate at all:
 * said on stderr, with the measure it probably meant (exit 1). */
static int find_measure(const ft_dataset *ds, const char *command, const char *measure)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *names = g_ptr_array_new();
	int found = 0;
	for (size_t i = 0; i < ft_dataset_claim_count(ds) && !found; i++) {
		const char *m = ft_claim_measure(ft_dataset_claim_at(ds, i));
		found = strcmp(m, measure) == 0;
		if (!g_hash_table_contains(seen, m)) {
			g_hash_table_add(seen, (gpointer)(uintptr_t)m);
			g_ptr_array_add(names, (gpointer)(uintptr_t)m);
		}
	}
	/* An empty dataset has no measure to suggest, and nothing to estimate
	 * either way: leave that to the estimate's "no claim about it". */
	if (!found && names->len) {
		const char *guess = ft_suggest(measure, (const char *const *)names->pdata, names->len);
		report_unknown(command, "measure", measure, guess);
	}
	int ok = found || names->len == 0;
	g_ptr_array_free(names, TRUE);
	g_hash_table_destroy(seen);
	return ok;
}

/*
 * Checks the shared options (usage errors: exit 2) before the dataset is
 * loaded, then loads it and resolves the actor and the region (exit 1).
 * Returns -1 when the query is ready, or the exit status.
 */
int cli_estimate_args(const char *command, const cli_query_args *a, ft_estimate_options *opts)
{
	if (a->known_on && !cli_parse_time_arg(command, "--known-on", a->known_on, &opts->known_on))
		return EXIT_USAGE;
	if (a->method && ft_method_parse(a->method, &opts->method) != 0)
		return cli_usage_error(command, "--method: one of weighted, median, latest");
	opts->no_rollup = a->no_rollup ? 1 : 0;
	opts->include_projections = a->include_projections ? 1 : 0;
	/* The library reads a horizon of 0 as its default; a horizon of 0
	 * days cannot be asked for. */
	if (a->staleness == 0)
		return cli_usage_error(command,
		                       "--staleness: a number of days above 0, or negative for none");
	if (a->staleness != INT_MIN)
		opts->staleness_days = a->staleness; /* < 0: no horizon */
	if (a->half_life < 0 || !isfinite(a->half_life))
		return cli_usage_error(command, "--half-life: a number of days above 0, such as 14");
	opts->half_life_days = a->half_life; /* 0: the default */
	if (a->max_pairs < 0)
		return cli_usage_error(command, "--max-pairs: a number of pairs above 0");
	opts->max_pairs = (size_t)a->max_pairs; /* 0: the default */
	return -1;
}

int cli_prepare_query(const char *command, cli_query_args *a, cli_query *q)
{
	if (!a->files || !a->files[0] || a->files[1])
		return cli_usage_error(command, "exactly one FILE is needed");
	if (!a->actor)
		return cli_usage_error(command, "--actor is needed");
	if (!a->region)
		return cli_usage_error(command, "--region is needed");
	q->measure = a->measure ? a->measure : FT_MEASURE_DEFAULT;
	if (!ft_measure_is_valid(q->measure))
		return cli_usage_error(command, "--measure: a measure is lower-case letters, digits and '-' "
		                                "(\"personnel\", \"btg\")");
	int status = cli_estimate_args(command, a, &q->opts);
	if (status >= 0)
		return status;

	q->ds = cli_load_reporting(a->files[0]);
	if (!q->ds)
		return EXIT_INVALID;
	q->actor = find_actor(q->ds, command, a->actor);
	if (!q->actor)
		return EXIT_INVALID;
	q->region = find_region(q->ds, command, a->region);
	if (!q->region)
		return EXIT_INVALID;
	if (!find_measure(q->ds, command, q->measure))
		return EXIT_INVALID;
	return -1;
}

void cli_grid_args_clear(cli_grid_args *t)
{
	g_free(t->from);
	g_free(t->to);
	g_free(t->step);
	g_free(t->window);
}

/* A usage error whose message names the last date's option between
 * `before` and `after`. */
static int grid_error(const char *command, const char *before, const char *to_option, const char *after)
{
	char *message = g_strconcat(before, to_option, after, NULL);
	int status = cli_usage_error(command, message);
	g_free(message);
	return status;
}

int cli_grid_args_check(const char *command, const char *to_option, const cli_grid_args *t,
                        const cli_query_args *a, ft_timeline_options *opts)
{
	if (t->hindsight && a->known_on)
		return cli_usage_error(command,
		                       "--hindsight and --known-on ask two different questions: give one");
	if (!t->from || !t->to)
		return grid_error(command, "--from and ", to_option, " are needed");
	ft_time from, to;
	int step_days = FT_TIMELINE_STEP_DAYS, window_days = FT_TIMELINE_WINDOW_DAYS;
	if (!cli_parse_time_arg(command, "--from", t->from, &from) ||
	    !cli_parse_time_arg(command, to_option, t->to, &to) ||
	    (t->step && !cli_parse_days_arg(command, "--step", t->step, &step_days)) ||
	    (t->window && !cli_parse_days_arg(command, "--window", t->window, &window_days)))
		return EXIT_USAGE;
	/* The library reads a threshold of 0 as its default. */
	if (!(t->threshold > 0.0) || !isfinite(t->threshold))
		return cli_usage_error(command, "--threshold: a fraction above 0, such as 0.1");
	/* The grid is of UTC days: "--from 2021-11" starts on its first day,
	 * "--to 2021-12" ends on its last. */
	if (ft_time_day_nearest(ft_time_start(&from), &from) != 0 ||
	    ft_time_day_nearest(ft_time_end(&to), &to) != 0)
		return grid_error(command, "--from and ", to_option, " must be dates the format can write");
	if (ft_time_compare(&from, &to) > 0)
		return grid_error(command, "--from is later than ", to_option, "");
	opts->from = from;
	opts->to = to;
	opts->step_days = step_days;
	opts->threshold = t->threshold;
	opts->window_days = window_days;
	opts->hindsight = t->hindsight ? 1 : 0;
	opts->keep_pairs = t->keep_pairs ? 1 : 0;
	return -1;
}

unsigned cli_threads(int asked)
{
	if (asked > 0)
		return (unsigned)asked;
	guint cores = g_get_num_processors();
	return cores > 64 ? 64 : cores;
}

/* Prints a report held whole to a terminal, each line shown safe: a CSV
 * cell keeps the dataset's control characters as data, which a terminal
 * would act on. (A failed write to stdout is reported once, by main.) */
static void print_to_terminal(const char *text)
{
	char **lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++) {
		cli_print_clean(stdout, *l);
		if (l[1])
			fputc('\n', stdout);
	}
	g_strfreev(lines);
}

/* Says on stderr why a report could not be written to `path`. */
static int output_error(const char *command, const char *path, const char *why)
{
	fprintf(stderr, "forcetrack %s: ", command);
	cli_print_clean(stderr, path);
	fputs(": ", stderr);
	cli_print_clean(stderr, why);
	fputc('\n', stderr);
	return EXIT_INVALID;
}

int cli_write_stream(const char *command, const char *path, cli_stream_fn write, void *payload)
{
	ft_error err;
	ft_error_clear(&err);
	if (!path || strcmp(path, "-") == 0) {
		if (!isatty(STDOUT_FILENO)) {
			/* A failed write to stdout is reported once, by main. */
			if (write(stdout, payload, &err) != 0 && err.code != FT_EIO) {
				cli_report_failure(command, &err);
				return EXIT_INVALID;
			}
			return EXIT_SUCCESS;
		}
		/* A person reads it: held whole, then shown safe line by line. */
		char *text = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&text, &len);
		if (!mem)
			return output_error(command, "standard output", g_strerror(errno));
		int rc = write(mem, payload, &err);
		fclose(mem);
		int status = EXIT_SUCCESS;
		if (rc == 0) {
			print_to_terminal(text);
		} else {
			cli_report_failure(command, &err);
			status = EXIT_INVALID;
		}
		free(text);
		return status;
	}
	/* A new file beside OUT put in place of it once the report is whole
	 * and on the disk (ft_file_replace): a reader never sees half a
	 * report, a failure leaves an older OUT as it was, and a kill during
	 * the write leaves nothing beside it. The report streams into it, so
	 * its size is not held in memory. */
	if (ft_file_replace(path, write, payload, &err) != 0) {
		cli_report_failure(command, &err);
		return EXIT_INVALID;
	}
	return EXIT_SUCCESS;
}

void cli_report_failure(const char *command, const ft_error *err)
{
	fprintf(stderr, "forcetrack %s: ", command);
	cli_print_clean(stderr, err->text[0] ? err->text : ft_strerror(err->code));
	fputc('\n', stderr);
}
