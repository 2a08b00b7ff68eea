/*
 * The forcetrack command-line program: checks datasets (validate), rewrites
 * them in canonical form (fmt) and summarises what they hold (stats). It
 * uses only the public API, exactly as an outside program would, with GLib
 * for the plumbing (option parsing, tables). Problems with the data go to
 * stdout, one line each, beginning with the file name, so that they can be
 * grepped and counted; mistakes in the command line go to stderr. Exit
 * status: 0 success, 1 a dataset is invalid or an operation failed, 2 the
 * command line is wrong.
 */
#include <forcetrack.h>

#include <glib.h>
#include <locale.h>
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
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x20 && *p != 0x7f)
			fputc(*p, fp);
	}
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

	if (out_path || in_place) {
		if (ft_dataset_save_file(ds, in_place ? path : out_path, &err) != 0) {
			print_error_line(&err, in_place ? path : out_path);
			goto cleanup;
		}
		status = EXIT_SUCCESS;
		goto cleanup;
	}

	text = ft_dataset_save_string(ds, &err);
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

/* --- main --------------------------------------------------------------- */

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
    {"validate", cmd_validate},
    {"fmt", cmd_fmt},
    {"stats", cmd_stats},
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
