/*
 * The forcetrack command-line program: checks datasets (validate), rewrites
 * them in canonical form (fmt), summarises what they hold (stats), and
 * turns their claims into explained estimates (estimate) and timelines with
 * build-up alerts (timeline), converts between the document and JSON Lines
 * encodings (convert) and appends entity lines to a JSON Lines file safely
 * (append). Every command reads either encoding, decided by the content.
 * It uses only the public API, exactly as an
 * outside program would, with GLib for the plumbing (option parsing,
 * tables); the library writes the estimates and timelines, as text or, with
 * --json, as JSON. Problems with the data go to
 * stdout, one line each, beginning with the file name, so that they can be
 * grepped and counted; mistakes in the command line go to stderr, and so
 * does an actor or region the dataset does not hold. Exit status: 0
 * success, 1 a dataset is invalid, names something it does not hold, or an
 * operation failed, 2 the command line is wrong.
 */
#include <forcetrack.h>

#include <glib.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_INVALID 1
#define EXIT_USAGE   2

static const char usage_text[] =
    "Usage: forcetrack COMMAND [OPTION...] FILE...\n"
    "\n"
    "Commands:\n"
    "  validate [--quiet] FILE...              check datasets, one line per problem\n"
    "  fmt FILE [-o OUT | --in-place] [--check] rewrite a dataset in canonical form\n"
    "  stats FILE                              count what a dataset holds\n"
    "  estimate FILE --actor A --region R [--at T] [--known-on K] [--json]\n"
    "                                          best figure, range and the claims behind it\n"
    "  timeline FILE --actor A --region R --from T1 --to T2 [--step 7d] [--json]\n"
    "                                          estimates over time, with build-up alerts\n"
    "  convert IN OUT [--to lines|document]    rewrite a dataset in the other encoding\n"
    "  append FILE.jsonl LINES...              add entity lines to a JSON Lines file\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help\n"
    "  -V, --version  show the program and format versions\n"
    "\n"
    "Run 'forcetrack COMMAND --help' for the options of one command.\n";

/*
 * Prints text that comes from a dataset (names, quotes, error messages that
 * quote the data) without its control characters, so that a file cannot
 * move the cursor, change colours or split one problem over two lines.
 */
static void print_clean(FILE *fp, const char *s)
{
	char *safe = ft_text_for_terminal(s);
	fputs(safe, fp);
	ft_free(safe);
}

/* Prints one error as its one line, sanitised; the file name is filled in
 * when the library did not set it, so every line says which file it is. */
static void print_error_line(const ft_error *err, const char *file)
{
	ft_error copy = *err;
	if (!copy.file[0])
		g_strlcpy(copy.file, file, sizeof copy.file);
	if (!copy.text[0] && copy.code == FT_OK)
		g_strlcpy(copy.text, "could not be loaded", sizeof copy.text);
	size_t n = ft_error_format(&copy, NULL, 0);
	char *line = g_malloc(n + 1);
	ft_error_format(&copy, line, n + 1);
	print_clean(stdout, line);
	fputc('\n', stdout);
	g_free(line);
}

typedef struct problem_sink {
	const char *file;
	size_t count;
} problem_sink;

static void on_problem(const ft_error *err, void *payload)
{
	problem_sink *sink = payload;
	sink->count++;
	print_error_line(err, sink->file);
}

/*
 * Loads a dataset and prints every problem found, one line each. Returns
 * the dataset, or NULL when it is invalid (after printing at least one
 * line: a failure the library reported only through `err`, such as a file
 * that cannot be opened, is printed from there).
 */
static ft_dataset *load_reporting(const char *path)
{
	problem_sink sink = {path, 0};
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.on_error = on_problem;
	opts.payload = &sink;
	/* A validator shows every problem, not the library's default first
	 * hundred: a file with 150 bad claims gets 150 lines. */
	opts.max_errors = SIZE_MAX;
	ft_error err;
	ft_error_clear(&err);

	ft_dataset *ds = ft_dataset_load_file(path, &opts, &err);
	if (ds && sink.count == 0)
		return ds;
	if (sink.count == 0)
		print_error_line(&err, path);
	ft_dataset_free(ds);
	return NULL;
}

/*
 * Parses the options of one command. On a usage error prints the message
 * and a hint on stderr and returns 0; --help prints and exits (GLib).
 */
static int parse_options(const char *command, const char *summary, GOptionEntry *entries, int *argc,
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

static int usage_error(const char *command, const char *message)
{
	fprintf(stderr, "forcetrack %s: %s\nTry 'forcetrack %s --help'.\n", command, message, command);
	return EXIT_USAGE;
}

/* --- validate ----------------------------------------------------------- */

static int cmd_validate(int argc, char **argv)
{
	gboolean quiet = FALSE;
	char **files = NULL;
	GOptionEntry entries[] = {
	    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Print nothing for valid files", NULL},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE..."},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	int status = EXIT_SUCCESS;

	if (!parse_options("validate", "Checks datasets and prints every problem, one line each.", entries,
	                   &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (!files || !files[0]) {
		status = usage_error("validate", "no file given");
		goto cleanup;
	}
	for (size_t i = 0; files[i]; i++) {
		ft_dataset *ds = load_reporting(files[i]);
		if (!ds) {
			status = EXIT_INVALID;
			continue;
		}
		if (!quiet) {
			print_clean(stdout, files[i]);
			fputs(": ok\n", stdout);
		}
		ft_dataset_free(ds);
	}

cleanup:
	g_strfreev(files);
	return status;
}

/* --- fmt ---------------------------------------------------------------- */

static ft_encoding detect_encoding(const char *path);

/* fmt keeps the encoding of its input: JSON Lines is rewritten as
 * canonical JSON Lines, a document as a canonical document. */
static int cmd_fmt(int argc, char **argv)
{
	char *out_path = NULL;
	gboolean in_place = FALSE;
	gboolean check = FALSE;
	char **files = NULL;
	GOptionEntry entries[] = {
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, "Write to OUT (atomically)", "OUT"},
	    {"in-place", 'i', 0, G_OPTION_ARG_NONE, &in_place, "Rewrite FILE itself (atomically)", NULL},
	    {"check", 'c', 0, G_OPTION_ARG_NONE, &check, "Write nothing; exit 1 when FILE is not canonical",
	     NULL},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	int status = EXIT_INVALID;
	ft_dataset *ds = NULL;
	char *text = NULL;
	char *bytes = NULL;
	ft_error err;
	ft_error_clear(&err);

	if (!parse_options("fmt", "Rewrites a dataset in canonical form (to stdout by default).", entries,
	                   &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (!files || !files[0] || files[1]) {
		status = usage_error("fmt", "exactly one FILE is needed");
		goto cleanup;
	}
	if (out_path && in_place) {
		status = usage_error("fmt", "--output and --in-place exclude each other");
		goto cleanup;
	}
	if (check && (out_path || in_place)) {
		status = usage_error("fmt", "--check writes nothing: it excludes --output and --in-place");
		goto cleanup;
	}

	const char *path = files[0];
	ds = load_reporting(path);
	if (!ds)
		goto cleanup;

	int lines = detect_encoding(path) == FT_ENCODING_LINES;
	if (out_path || in_place) {
		const char *out = in_place ? path : out_path;
		if ((lines ? ft_dataset_save_lines_file(ds, out, &err)
		           : ft_dataset_save_file(ds, out, &err)) != 0) {
			print_error_line(&err, out);
			goto cleanup;
		}
		status = EXIT_SUCCESS;
		goto cleanup;
	}

	text = lines ? ft_dataset_save_lines_string(ds, &err) : ft_dataset_save_string(ds, &err);
	if (!text) {
		print_error_line(&err, path);
		goto cleanup;
	}
	if (check) {
		/* Compare bytes, not parsed values: "canonical" is about the
		 * exact text, the final newline included. */
		gsize len = 0;
		GError *error = NULL;
		if (!g_file_get_contents(path, &bytes, &len, &error)) {
			print_clean(stdout, path);
			printf(": %s\n", error->message);
			g_error_free(error);
			goto cleanup;
		}
		if (len != strlen(text) || memcmp(bytes, text, len) != 0) {
			print_clean(stdout, path);
			fputs(": not canonical\n", stdout);
			goto cleanup;
		}
		status = EXIT_SUCCESS;
		goto cleanup;
	}
	fputs(text, stdout);
	status = EXIT_SUCCESS;

cleanup:
	g_free(bytes);
	ft_free(text);
	ft_dataset_free(ds);
	g_free(out_path);
	g_strfreev(files);
	return status;
}

/* --- stats -------------------------------------------------------------- */

/* One row of a "claims per ..." table. */
typedef struct tally {
	const char *id;
	const char *name; /* NULL for measures */
	size_t count;
} tally;

static tally *tally_get(GHashTable *table, const char *id, const char *name)
{
	tally *t = g_hash_table_lookup(table, id);
	if (!t) {
		t = g_new0(tally, 1);
		t->id = id;
		t->name = name;
		g_hash_table_insert(table, (gpointer)(uintptr_t)id, t);
	}
	return t;
}

static gint tally_order(gconstpointer a, gconstpointer b)
{
	const tally *x = *(const tally *const *)a;
	const tally *y = *(const tally *const *)b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Prints a table sorted by count descending, then id, in aligned columns. */
static void print_tally(const char *heading, GHashTable *table)
{
	GPtrArray *rows = g_ptr_array_new();
	GHashTableIter iter;
	gpointer value;
	g_hash_table_iter_init(&iter, table);
	while (g_hash_table_iter_next(&iter, NULL, &value))
		g_ptr_array_add(rows, value);
	g_ptr_array_sort(rows, tally_order);
	int id_width = 0, count_width = 1;
	for (guint i = 0; i < rows->len; i++) {
		const tally *t = rows->pdata[i];
		int w = (int)strlen(t->id);
		if (w > id_width)
			id_width = w;
		w = snprintf(NULL, 0, "%zu", t->count);
		if (w > count_width)
			count_width = w;
	}
	printf("\nclaims per %s:\n", heading);
	for (guint i = 0; i < rows->len; i++) {
		const tally *t = rows->pdata[i];
		/* Ids are ASCII by the format's rules, so bytes are columns;
		 * names may be in any script and go last. */
		printf("  %-*s  %*zu", id_width, t->id, count_width, t->count);
		if (t->name) {
			fputs("  ", stdout);
			print_clean(stdout, t->name);
		}
		fputc('\n', stdout);
	}
	g_ptr_array_free(rows, TRUE);
}

/* The earliest start and the latest end of a set of spans; an open bound
 * wins over every value. */
typedef struct span_range {
	int any;
	int open_start, open_end;
	ft_time first; /* the value with the earliest start */
	ft_time last;  /* the value with the latest end */
} span_range;

static void range_add(span_range *r, const ft_time *from, const ft_time *to)
{
	if (!ft_time_is_set(from))
		r->open_start = 1;
	else if (!r->any || !ft_time_is_set(&r->first) || ft_time_compare(from, &r->first) < 0)
		r->first = *from;
	if (!ft_time_is_set(to))
		r->open_end = 1;
	else if (!r->any || !ft_time_is_set(&r->last) || ft_time_end(to) > ft_time_end(&r->last))
		r->last = *to;
	r->any = 1;
}

static void print_range(const char *label, const span_range *r)
{
	char a[FT_TIME_BUFSIZE], b[FT_TIME_BUFSIZE];
	if (!r->any) {
		printf("%-9s none\n", label);
		return;
	}
	if (r->open_start || !ft_time_is_set(&r->first))
		g_strlcpy(a, "(open)", sizeof a);
	else
		ft_time_format(&r->first, a);
	if (r->open_end || !ft_time_is_set(&r->last))
		g_strlcpy(b, "(open)", sizeof b);
	else
		ft_time_format(&r->last, b);
	printf("%-9s %s to %s\n", label, a, b);
}

static int cmd_stats(int argc, char **argv)
{
	char **files = NULL;
	GOptionEntry entries[] = {
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	int status = EXIT_INVALID;
	ft_dataset *ds = NULL;
	GHashTable *subjects = NULL, *regions = NULL, *measures = NULL;

	if (!parse_options("stats", "Counts the entities and claims of a dataset.", entries, &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (!files || !files[0] || files[1]) {
		status = usage_error("stats", "exactly one FILE is needed");
		goto cleanup;
	}
	ds = load_reporting(files[0]);
	if (!ds)
		goto cleanup;

	/* Keys are borrowed ids: they live as long as the dataset. */
	subjects = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	regions = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	measures = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	span_range reported = {0}, observed = {0};

	size_t n_claims = ft_dataset_claim_count(ds);
	for (size_t i = 0; i < n_claims; i++) {
		const ft_claim *c = ft_dataset_claim_at(ds, i);
		const ft_actor *subject = ft_claim_subject(c);
		const ft_region *region = ft_claim_region(c);
		tally_get(subjects, ft_actor_id(subject), ft_actor_name(subject))->count++;
		tally_get(regions, ft_region_id(region), ft_region_name(region))->count++;
		tally_get(measures, ft_claim_measure(c), NULL)->count++;
		ft_time rep = ft_claim_reported(c);
		range_add(&reported, &rep, &rep);
		ft_interval obs = ft_claim_observed(c);
		range_add(&observed, &obs.from, &obs.to);
	}

	ft_dataset_info info = FT_DATASET_INFO_INIT;
	ft_dataset_describe(ds, &info);
	print_clean(stdout, files[0]);
	fputc('\n', stdout);
	if (info.title) {
		fputs("title     ", stdout);
		print_clean(stdout, info.title);
		fputc('\n', stdout);
	}
	printf("actors    %zu\n", ft_dataset_actor_count(ds));
	printf("regions   %zu\n", ft_dataset_region_count(ds));
	printf("units     %zu\n", ft_dataset_unit_count(ds));
	printf("sources   %zu\n", ft_dataset_source_count(ds));
	printf("claims    %zu\n", n_claims);
	if (n_claims) {
		print_tally("subject", subjects);
		print_tally("region", regions);
		print_tally("measure", measures);
		fputc('\n', stdout);
		print_range("reported", &reported);
		print_range("observed", &observed);
	}
	status = EXIT_SUCCESS;

cleanup:
	if (subjects)
		g_hash_table_destroy(subjects);
	if (regions)
		g_hash_table_destroy(regions);
	if (measures)
		g_hash_table_destroy(measures);
	ft_dataset_free(ds);
	g_strfreev(files);
	return status;
}

/* --- estimate and timeline: shared plumbing ----------------------------- */

/* The UTC day that contains the microsecond `us`; -1 when it lies outside
 * the years 0001-9999 that time values can be written in. */
static int day_containing(int64_t us, ft_time *out)
{
	ft_time day = ft_time_day(us);
	char text[FT_TIME_BUFSIZE];
	if (ft_time_format(&day, text) == 0)
		return -1;
	*out = day;
	return 0;
}

/* The day that contains the end of the latest `reported` value of the
 * dataset; -1 when it has no claims. */
static int latest_reported_day(const ft_dataset *ds, ft_time *out)
{
	size_t n = ft_dataset_claim_count(ds);
	if (n == 0)
		return -1;
	int64_t latest = INT64_MIN;
	for (size_t i = 0; i < n; i++) {
		ft_time r = ft_claim_reported(ft_dataset_claim_at(ds, i));
		int64_t end = ft_time_end(&r);
		if (end > latest)
			latest = end;
	}
	return day_containing(latest, out);
}

/*
 * Parses a time value given on the command line. On failure prints the
 * library's message ("impossible date 2021-02-30") as a usage error and
 * returns 0.
 */
static int parse_time_arg(const char *command, const char *option, const char *text, ft_time *out)
{
	ft_error err;
	ft_error_clear(&err);
	if (ft_time_parse(text, out, &err) == 0)
		return 1;
	fprintf(stderr, "forcetrack %s: %s \"", command, option);
	print_clean(stderr, text);
	fprintf(stderr, "\": ");
	print_clean(stderr, err.text[0] ? err.text : "not a time value");
	fprintf(stderr, "\nTry 'forcetrack %s --help'.\n", command);
	return 0;
}

/* "7d", "2w" (a number of days or weeks, at least 1) into days. */
static int parse_days_arg(const char *command, const char *option, const char *text, int *days)
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
		print_clean(stderr, text ? text : "");
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

/* "unknown actor "RUS" (did you mean "RU"?)" on stderr. */
static void report_unknown(const char *command, const char *kind, const char *word, const char *suggestion)
{
	fprintf(stderr, "forcetrack %s: unknown %s \"", command, kind);
	print_clean(stderr, word);
	fputc('"', stderr);
	if (suggestion) {
		fputs(" (did you mean \"", stderr);
		print_clean(stderr, suggestion);
		fputs("\"?)", stderr);
	}
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

/* The options estimate and timeline share. */
typedef struct query_args {
	char **files;
	char *actor;
	char *region;
	char *measure;
	char *known_on;
	char *method;
	gboolean no_rollup;
	gboolean include_projections;
	int staleness; /* INT_MIN: not given */
	gboolean json;
} query_args;

static void query_args_clear(query_args *a)
{
	g_strfreev(a->files);
	g_free(a->actor);
	g_free(a->region);
	g_free(a->measure);
	g_free(a->known_on);
	g_free(a->method);
}

/* What an estimate is asked for, resolved against the dataset. */
typedef struct query {
	ft_dataset *ds;
	const ft_actor *actor;
	const ft_region *region;
	const char *measure;
	ft_estimate_options opts;
} query;

/*
 * Checks the shared options (usage errors: exit 2) before the dataset is
 * loaded, then loads it and resolves the actor and the region (exit 1).
 * Returns -1 when the query is ready, or the exit status.
 */
static int prepare_query(const char *command, query_args *a, query *q)
{
	if (!a->files || !a->files[0] || a->files[1])
		return usage_error(command, "exactly one FILE is needed");
	if (!a->actor)
		return usage_error(command, "--actor is needed");
	if (!a->region)
		return usage_error(command, "--region is needed");
	q->measure = a->measure ? a->measure : FT_MEASURE_DEFAULT;
	if (!ft_measure_is_valid(q->measure))
		return usage_error(command, "--measure: a measure is lower-case letters, digits and '-' "
		                            "(\"personnel\", \"btg\")");
	if (a->known_on && !parse_time_arg(command, "--known-on", a->known_on, &q->opts.known_on))
		return EXIT_USAGE;
	if (a->method && ft_method_parse(a->method, &q->opts.method) != 0)
		return usage_error(command, "--method: one of weighted, median, latest");
	q->opts.no_rollup = a->no_rollup ? 1 : 0;
	q->opts.include_projections = a->include_projections ? 1 : 0;
	/* The library reads a horizon of 0 as its default; a horizon of 0
	 * days cannot be asked for. */
	if (a->staleness == 0)
		return usage_error(command, "--staleness: a number of days above 0, or negative for none");
	if (a->staleness != INT_MIN)
		q->opts.staleness_days = a->staleness; /* < 0: no horizon */

	q->ds = load_reporting(a->files[0]);
	if (!q->ds)
		return EXIT_INVALID;
	q->actor = find_actor(q->ds, command, a->actor);
	if (!q->actor)
		return EXIT_INVALID;
	q->region = find_region(q->ds, command, a->region);
	if (!q->region)
		return EXIT_INVALID;
	return -1;
}

static void report_failure(const char *command, const ft_error *err)
{
	fprintf(stderr, "forcetrack %s: ", command);
	print_clean(stderr, err->text[0] ? err->text : ft_strerror(err->code));
	fputc('\n', stderr);
}

/* --- estimate ----------------------------------------------------------- */

static int cmd_estimate(int argc, char **argv)
{
	query_args a = {0};
	a.staleness = INT_MIN;
	char *at_text = NULL;
	GOptionEntry entries[] = {
	    {"actor", 'a', 0, G_OPTION_ARG_STRING, &a.actor, "The actor whose forces are counted (id)", "A"},
	    {"region", 'r', 0, G_OPTION_ARG_STRING, &a.region, "The region (id)", "R"},
	    {"measure", 'm', 0, G_OPTION_ARG_STRING, &a.measure, "What is counted (default personnel)", "M"},
	    {"at", 't', 0, G_OPTION_ARG_STRING, &at_text,
	     "The date of the estimate (default: the day of the latest report in FILE)", "T"},
	    {"known-on", 'k', 0, G_OPTION_ARG_STRING, &a.known_on,
	     "Use only what was reported by the end of K (default: everything)", "K"},
	    {"method", 0, 0, G_OPTION_ARG_STRING, &a.method, "weighted (default), median or latest",
	     "METHOD"},
	    {"no-rollup", 0, 0, G_OPTION_ARG_NONE, &a.no_rollup,
	     "Count only claims about exactly A in exactly R, not child actors or sub-regions", NULL},
	    {"include-projections", 0, 0, G_OPTION_ARG_NONE, &a.include_projections,
	     "Count projections (planned or expected forces) as well", NULL},
	    {"staleness", 0, 0, G_OPTION_ARG_INT, &a.staleness,
	     "Claims observed more than DAYS before T are stale (default 90; negative: never)", "DAYS"},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &a.json, "Print one JSON object", NULL},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a.files, NULL, "FILE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	query q = {NULL, NULL, NULL, NULL, FT_ESTIMATE_OPTIONS_INIT};
	ft_estimate est = FT_ESTIMATE_INIT;
	int status;

	if (!parse_options("estimate",
	                   "Estimates the forces of actor A in region R at date T from the claims of FILE:\n"
	                   "a best figure with its range, the independent voices behind it, whether they\n"
	                   "disagree, and every claim looked at with its weight and the rule that placed\n"
	                   "it (docs/estimation.md).\n\n"
	                   "--json prints one object: actor, region, measure, at, known_on, method, best,\n"
	                   "low, high (null when there is no estimate), claims, voices, contested,\n"
	                   "inconsistent, disagreements [{a, b}], contributions [{claim, source, voice,\n"
	                   "weight, status, stance, credible, low, high, central, rule}] and parts\n"
	                   "[{actor, region, own, total, inconsistent}].",
	                   entries, &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (at_text && !parse_time_arg("estimate", "--at", at_text, &q.opts.at)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	status = prepare_query("estimate", &a, &q);
	if (status >= 0)
		goto cleanup;

	/* Historic data is about its own time, not today: without --at the
	 * estimate is for the day of the latest report, and says so. */
	int at_defaulted = !at_text;
	if (at_defaulted && latest_reported_day(q.ds, &q.opts.at) != 0) {
		status =
		    usage_error("estimate", "the dataset has no claims to date the estimate by: give --at");
		goto cleanup;
	}

	ft_error err;
	ft_error_clear(&err);
	int rc = ft_estimate_compute(q.ds, q.actor, q.region, q.measure, &q.opts, &est, &err);
	if (rc != 0) {
		report_failure("estimate", &err);
		status = EXIT_INVALID;
		goto cleanup;
	}
	/* The library writes the report. Without --at the text says which
	 * date was chosen, in a note under its heading. A write that fails is
	 * reported once, by main, as every failed write to stdout is. */
	char at[FT_TIME_BUFSIZE];
	ft_time_format(&q.opts.at, at);
	char *note =
	    at_defaulted
	        ? g_strdup_printf("(%s is the latest reported date in the dataset; --at gives another)", at)
	        : NULL;
	ft_render_options ro = FT_RENDER_OPTIONS_INIT;
	ro.note = note;
	rc = a.json ? ft_estimate_write_json(&est, &ro, stdout, &err)
	            : ft_estimate_write_text(&est, &ro, stdout, &err);
	g_free(note);
	status = rc == 0 ? EXIT_SUCCESS : EXIT_INVALID;

cleanup:
	ft_estimate_clear(&est);
	ft_dataset_free(q.ds);
	g_free(at_text);
	query_args_clear(&a);
	return status;
}

/* --- timeline ----------------------------------------------------------- */

static int cmd_timeline(int argc, char **argv)
{
	query_args a = {0};
	a.staleness = INT_MIN;
	char *from_text = NULL, *to_text = NULL, *step_text = NULL, *window_text = NULL;
	double threshold = 0.10;
	GOptionEntry entries[] = {
	    {"actor", 'a', 0, G_OPTION_ARG_STRING, &a.actor, "The actor whose forces are counted (id)", "A"},
	    {"region", 'r', 0, G_OPTION_ARG_STRING, &a.region, "The region (id)", "R"},
	    {"measure", 'm', 0, G_OPTION_ARG_STRING, &a.measure, "What is counted (default personnel)", "M"},
	    {"from", 0, 0, G_OPTION_ARG_STRING, &from_text, "The first date (its first day)", "T1"},
	    {"to", 0, 0, G_OPTION_ARG_STRING, &to_text, "The last date (its last day)", "T2"},
	    {"step", 0, 0, G_OPTION_ARG_STRING, &step_text,
	     "Days between points: \"7d\", \"1w\" (default 7d)", "N"},
	    {"known-on", 'k', 0, G_OPTION_ARG_STRING, &a.known_on,
	     "Use only what was reported by the end of K (default: everything)", "K"},
	    {"window", 0, 0, G_OPTION_ARG_STRING, &window_text,
	     "Compare each point with the one this long before (default 30d)", "N"},
	    {"threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
	     "Alert when best moves by more than this fraction (default 0.1)", "F"},
	    {"method", 0, 0, G_OPTION_ARG_STRING, &a.method, "weighted (default), median or latest",
	     "METHOD"},
	    {"no-rollup", 0, 0, G_OPTION_ARG_NONE, &a.no_rollup,
	     "Count only claims about exactly A in exactly R", NULL},
	    {"include-projections", 0, 0, G_OPTION_ARG_NONE, &a.include_projections,
	     "Count projections as well", NULL},
	    {"staleness", 0, 0, G_OPTION_ARG_INT, &a.staleness,
	     "Claims observed more than DAYS before a point are stale (default 90; negative: never)", "DAYS"},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &a.json, "Print one JSON object", NULL},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a.files, NULL, "FILE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	query q = {NULL, NULL, NULL, NULL, FT_ESTIMATE_OPTIONS_INIT};
	ft_timeline tl = FT_TIMELINE_INIT;
	int status;
	int step_days = 7, window_days = 30;
	ft_time from, to;

	if (!parse_options("timeline",
	                   "Estimates actor A in region R at every step from T1 to T2 (UTC days) and raises\n"
	                   "an alert where best moved by more than the threshold within the window, with\n"
	                   "the claims that moved it (docs/estimation.md, section 8).\n\n"
	                   "--json prints one object: actor, region, measure, known_on, method, from, to,\n"
	                   "step_days, window_days, threshold, points (estimates as printed by\n"
	                   "'forcetrack estimate --json', each with its date in \"at\") and alerts [{from,\n"
	                   "to, change, relative, claims}].",
	                   entries, &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (!from_text || !to_text) {
		status = usage_error("timeline", "--from and --to are needed");
		goto cleanup;
	}
	if (!parse_time_arg("timeline", "--from", from_text, &from) ||
	    !parse_time_arg("timeline", "--to", to_text, &to) ||
	    (step_text && !parse_days_arg("timeline", "--step", step_text, &step_days)) ||
	    (window_text && !parse_days_arg("timeline", "--window", window_text, &window_days))) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	/* The library reads a threshold of 0 as its default. */
	if (!(threshold > 0.0) || !isfinite(threshold)) {
		status = usage_error("timeline", "--threshold: a fraction above 0, such as 0.1");
		goto cleanup;
	}
	/* The grid is of UTC days: "--from 2021-11" starts on its first day,
	 * "--to 2021-12" ends on its last. */
	if (day_containing(ft_time_start(&from), &from) != 0 || day_containing(ft_time_end(&to), &to) != 0) {
		status = usage_error("timeline", "--from and --to must be dates the format can write");
		goto cleanup;
	}
	if (ft_time_compare(&from, &to) > 0) {
		status = usage_error("timeline", "--from is later than --to");
		goto cleanup;
	}
	status = prepare_query("timeline", &a, &q);
	if (status >= 0)
		goto cleanup;

	ft_timeline_options topts = FT_TIMELINE_OPTIONS_INIT;
	topts.estimate = q.opts;
	topts.from = from;
	topts.to = to;
	topts.step_days = step_days;
	topts.threshold = threshold;
	topts.window_days = window_days;
	ft_error err;
	ft_error_clear(&err);
	int rc = ft_timeline_compute(q.ds, q.actor, q.region, q.measure, &topts, &tl, &err);
	if (rc != 0) {
		report_failure("timeline", &err);
		status = EXIT_INVALID;
		goto cleanup;
	}
	rc = a.json ? ft_timeline_write_json(&tl, NULL, stdout, &err)
	            : ft_timeline_write_text(&tl, NULL, stdout, &err);
	status = rc == 0 ? EXIT_SUCCESS : EXIT_INVALID;

cleanup:
	ft_timeline_clear(&tl);
	ft_dataset_free(q.ds);
	g_free(from_text);
	g_free(to_text);
	g_free(step_text);
	g_free(window_text);
	query_args_clear(&a);
	return status;
}

/* --- convert ------------------------------------------------------------ */

/* The encoding of a file as the library decides it (a document when the
 * file cannot be read: the load that follows reports that). */
static ft_encoding detect_encoding(const char *path)
{
	ft_encoding found = FT_ENCODING_DOCUMENT;
	if (ft_detect_encoding(path, &found, NULL) != 0)
		return FT_ENCODING_DOCUMENT;
	return found;
}

static int cmd_convert(int argc, char **argv)
{
	char *to = NULL;
	char **files = NULL;
	GOptionEntry entries[] = {
	    {"to", 't', 0, G_OPTION_ARG_STRING, &to,
	     "The encoding to write: lines (JSON Lines) or document (default: the one IN is not in)",
	     "ENCODING"},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "IN OUT"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	int status = EXIT_INVALID;
	ft_dataset *ds = NULL;
	ft_encoding target = FT_ENCODING_AUTO;
	ft_error err;
	ft_error_clear(&err);

	if (!parse_options(
	        "convert",
	        "Rewrites a dataset, a JSON document or JSON Lines, in the other encoding (or the one "
	        "--to names). OUT is replaced atomically.",
	        entries, &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (!files || !files[0] || !files[1] || files[2]) {
		status = usage_error("convert", "an input file IN and an output file OUT are needed");
		goto cleanup;
	}
	if (to && strcmp(to, "lines") == 0) {
		target = FT_ENCODING_LINES;
	} else if (to && strcmp(to, "document") == 0) {
		target = FT_ENCODING_DOCUMENT;
	} else if (to) {
		status = usage_error("convert", "--to: lines or document");
		goto cleanup;
	}

	const char *in = files[0];
	const char *out = files[1];
	if (target == FT_ENCODING_AUTO)
		target = detect_encoding(in) == FT_ENCODING_LINES ? FT_ENCODING_DOCUMENT : FT_ENCODING_LINES;
	ds = load_reporting(in);
	if (!ds)
		goto cleanup;
	int rc = target == FT_ENCODING_LINES ? ft_dataset_save_lines_file(ds, out, &err)
	                                     : ft_dataset_save_file(ds, out, &err);
	if (rc != 0) {
		print_error_line(&err, out);
		goto cleanup;
	}
	status = EXIT_SUCCESS;

cleanup:
	ft_dataset_free(ds);
	g_free(to);
	g_strfreev(files);
	return status;
}

/* --- append ------------------------------------------------------------- */

/* The number of lines of `text`: a last line without its newline counts. */
static size_t count_lines(const char *text, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	return n + (len > 0 && text[len - 1] != '\n');
}

static int cmd_append(int argc, char **argv)
{
	char **files = NULL;
	GOptionEntry entries[] = {
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE.jsonl LINES..."},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	int status = EXIT_INVALID;

	if (!parse_options(
	        "append",
	        "Appends the entity lines of each LINES file to the JSON Lines file FILE.jsonl, in "
	        "order. Each LINES file is checked against what FILE.jsonl holds and appended whole "
	        "or not at all.",
	        entries, &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (!files || !files[0] || !files[1]) {
		status = usage_error("append", "a JSON Lines file and at least one file of lines are needed");
		goto cleanup;
	}
	const char *target = files[0];
	for (size_t i = 1; files[i]; i++) {
		char *text = NULL;
		gsize len = 0;
		GError *error = NULL;
		if (!g_file_get_contents(files[i], &text, &len, &error)) {
			print_clean(stdout, files[i]);
			fputs(": ", stdout);
			print_clean(stdout, error->message);
			fputc('\n', stdout);
			g_error_free(error);
			goto cleanup;
		}
		ft_error err;
		ft_error_clear(&err);
		int rc = ft_lines_append(target, text, len, files[i], &err);
		size_t n = count_lines(text, len);
		g_free(text);
		if (rc != 0) {
			print_error_line(&err, files[i]);
			goto cleanup;
		}
		print_clean(stdout, target);
		printf(": appended %zu line%s\n", n, n == 1 ? "" : "s");
	}
	status = EXIT_SUCCESS;

cleanup:
	g_strfreev(files);
	return status;
}

/* --- main --------------------------------------------------------------- */

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
    {"validate", cmd_validate}, {"fmt", cmd_fmt},         {"stats", cmd_stats},   {"estimate", cmd_estimate},
    {"timeline", cmd_timeline}, {"convert", cmd_convert}, {"append", cmd_append},
};

int main(int argc, char **argv)
{
	/* Under a file-size limit the kernel would kill the process in the
	 * middle of a save; ignored, the signal becomes an EFBIG write error
	 * that the library reports and recovers from (no partial file). */
#ifdef SIGXFSZ
	signal(SIGXFSZ, SIG_IGN);
#endif
	/* Only the character set: GLib then prints --help in the user's
	 * encoding, while numbers keep the C locale's form. */
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
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		printf("forcetrack %s (format %s)\n", ft_version(), FT_FORMAT_STRING);
		return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_INVALID;
	}

	int status = -1;
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
		if (strcmp(name, commands[i].name) == 0) {
			/* The command sees itself as argv[0], as GOption expects. */
			status = commands[i].run(argc - 1, argv + 1);
			break;
		}
	}
	if (status < 0) {
		fputs("forcetrack: unknown command '", stderr);
		print_clean(stderr, name);
		fputs("'\nRun 'forcetrack --help' for the list of commands.\n", stderr);
		return EXIT_USAGE;
	}

	/* Output that did not reach its destination (a full disk, a closed
	 * pipe) is a failure, not a silent success. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("forcetrack: error writing to standard output\n", stderr);
		return EXIT_INVALID;
	}
	return status;
}
