/*
 * Tests of the forcetrack command-line program, run as a user runs it: the
 * built binary (FT_CLI_PATH) is spawned and its exit status and exact
 * output lines are checked. The fixtures live in tests/data/cli/:
 * valid.json is canonical; noncanonical.json holds the same dataset
 * written compactly, with keys out of order and defaults spelled out, so
 * its canonical form must be valid.json byte for byte; two-problems.json
 * breaks exactly two rules; control*.json carry control characters that
 * must never reach the terminal.
 */
#include <forcetrack.h>

#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test-json.h"
#include "test-util.h"

/* What one run of the program did. */
typedef struct run_result {
	int exited; /* 1 when it exited (rather than being killed) */
	int status; /* its exit status */
	char *out;
	char *err;
} run_result;

static void run_result_clear(run_result *r)
{
	g_free(r->out);
	g_free(r->err);
	memset(r, 0, sizeof *r);
}

static run_result run_argv(char **argv)
{
	run_result r = {0, -1, NULL, NULL};
	int wait_status = 0;
	GError *error = NULL;
	gboolean ok =
	    g_spawn_sync(NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &r.out, &r.err, &wait_status, &error);
	if (!ok) {
		fprintf(stderr, "cannot run %s: %s\n", argv[0], error->message);
		g_error_free(error);
		r.out = g_strdup("");
		r.err = g_strdup("");
		return r;
	}
	if (WIFEXITED(wait_status)) {
		r.exited = 1;
		r.status = WEXITSTATUS(wait_status);
	}
	return r;
}

/* Runs the CLI with the arguments given (NULL-terminated). */
static run_result run_cli(const char *first, ...)
{
	GPtrArray *args = g_ptr_array_new();
	g_ptr_array_add(args, (gpointer)(uintptr_t)FT_CLI_PATH);
	va_list ap;
	va_start(ap, first);
	for (const char *a = first; a; a = va_arg(ap, const char *))
		g_ptr_array_add(args, (gpointer)(uintptr_t)a);
	va_end(ap);
	g_ptr_array_add(args, NULL);
	run_result r = run_argv((char **)args->pdata);
	g_ptr_array_free(args, TRUE);
	return r;
}

static char *fixture(const char *name)
{
	char *rel = g_build_filename("tests", "data", "cli", name, NULL);
	char *path = ft_test_source_path(rel);
	g_free(rel);
	return path;
}

/* The number of lines of `s`, or -1 when it does not end with a newline. */
static int line_count(const char *s)
{
	size_t len = strlen(s);
	if (len == 0)
		return 0;
	if (s[len - 1] != '\n')
		return -1;
	int n = 0;
	for (const char *p = s; *p; p++)
		n += *p == '\n';
	return n;
}

/* 1 when every line of `s` begins with "PREFIX:" (a problem's line is
 * "FILE: PATH: TEXT", or "FILE:LINE:COLUMN: TEXT" for a syntax error). */
static int every_line_starts_with(const char *s, const char *prefix)
{
	char *want = g_strdup_printf("%s:", prefix);
	int ok = 1;
	const char *p = s;
	while (*p) {
		if (strncmp(p, want, strlen(want)) != 0)
			ok = 0;
		const char *nl = strchr(p, '\n');
		if (!nl)
			break;
		p = nl + 1;
	}
	g_free(want);
	return ok;
}

/* 1 when `s` holds no control character other than the line ends: no C0
 * control, DEL, C1 control (C2 80 to C2 9F in UTF-8), U+2028 to U+202E
 * (E2 80 A8 to AE: separators and bidi embeddings and overrides) or bidi
 * isolate U+2066 to U+2069 (E2 81 A6 to A9). */
static int is_clean(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			return 0;
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return 0;
		if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xa8 && p[2] <= 0xae)
			return 0;
		if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)
			return 0;
	}
	return 1;
}

/* 1 when `s` has a line equal to `line`. */
static int has_line(const char *s, const char *line)
{
	char **lines = g_strsplit(s, "\n", -1);
	int found = 0;
	for (char **l = lines; *l && !found; l++)
		found = strcmp(*l, line) == 0;
	g_strfreev(lines);
	return found;
}

static int files_equal(const char *a, const char *b)
{
	size_t la = 0, lb = 0;
	char *ta = ft_test_read_file(a, &la);
	char *tb = ft_test_read_file(b, &lb);
	int eq = ta && tb && la == lb && memcmp(ta, tb, la) == 0;
	g_free(ta);
	g_free(tb);
	return eq;
}

static gint compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names in a directory, sorted, one per line. */
static char *dir_listing(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	while (d && (name = g_dir_read_name(d)) != NULL)
		g_ptr_array_add(names, g_strdup(name));
	if (d)
		g_dir_close(d);
	g_ptr_array_sort(names, compare_names);
	GString *s = g_string_new(NULL);
	for (guint i = 0; i < names->len; i++)
		g_string_append_printf(s, "%s\n", (const char *)names->pdata[i]);
	g_ptr_array_free(names, TRUE);
	return g_string_free(s, FALSE);
}

static char *make_tmpdir(void)
{
	char *dir = g_dir_make_tmp("ft-cli-XXXXXX", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	return dir;
}

static void remove_tmpdir(char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	while (d && (name = g_dir_read_name(d)) != NULL) {
		char *p = g_build_filename(dir, name, NULL);
		g_remove(p);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	g_rmdir(dir);
	g_free(dir);
}

/* Copies a fixture into `dir` under `name`; returns the new path. */
static char *copy_fixture(const char *fixture_name, const char *dir, const char *name)
{
	char *src = fixture(fixture_name);
	size_t len = 0;
	char *text = ft_test_read_file(src, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	char *dst = g_build_filename(dir, name, NULL);
	CU_ASSERT_FATAL(g_file_set_contents(dst, text, (gssize)len, NULL));
	g_free(text);
	g_free(src);
	return dst;
}

/* --- validate ----------------------------------------------------------- */

static void test_validate_ok(void)
{
	char *path = fixture("valid.json");
	char *want = g_strdup_printf("%s: ok\n", path);
	run_result r = run_cli("validate", path, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, want);
	CU_ASSERT_STRING_EQUAL(r.err, "");
	run_result_clear(&r);
	g_free(want);
	g_free(path);
}

static void test_validate_two_problems(void)
{
	char *path = fixture("two-problems.json");
	/* The wording docs/format.md section 8 gives for an unknown reference. */
	char *region_line = g_strdup_printf("%s: claims[0].region: unknown region \"donbass\" "
	                                    "(did you mean \"donbas\"?)",
	                                    path);
	char *kind_prefix = g_strdup_printf("%s: actors[1].kind: ", path);
	run_result r = run_cli("validate", path, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_EQUAL(line_count(r.out), 2);
	CU_ASSERT(every_line_starts_with(r.out, path));
	CU_ASSERT(has_line(r.out, region_line));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, kind_prefix));
	CU_ASSERT_PTR_NULL(strstr(r.out, ": ok\n"));
	CU_ASSERT_STRING_EQUAL(r.err, "");
	run_result_clear(&r);
	g_free(kind_prefix);
	g_free(region_line);
	g_free(path);
}

static void test_validate_several_and_quiet(void)
{
	char *valid = fixture("valid.json");
	char *bad = fixture("two-problems.json");
	char *ok_line = g_strdup_printf("%s: ok", valid);

	/* Every file is checked; one bad file makes the status 1. */
	run_result r = run_cli("validate", valid, bad, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_EQUAL(line_count(r.out), 3);
	CU_ASSERT(g_str_has_prefix(r.out, ok_line));
	run_result_clear(&r);

	/* --quiet leaves out the "ok" lines, never the problems. */
	r = run_cli("validate", "--quiet", valid, bad, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_EQUAL(line_count(r.out), 2);
	CU_ASSERT(every_line_starts_with(r.out, bad));
	run_result_clear(&r);

	r = run_cli("validate", "-q", valid, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	run_result_clear(&r);

	g_free(ok_line);
	g_free(bad);
	g_free(valid);
}

static void test_validate_unreadable(void)
{
	const char *missing = "/nonexistent-ft-dir/missing.json";
	run_result r = run_cli("validate", missing, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_EQUAL(line_count(r.out), 1);
	CU_ASSERT(every_line_starts_with(r.out, missing));
	run_result_clear(&r);

	/* A directory opens but cannot be read as a file. */
	char *dir = ft_test_source_path("tests/data/cli");
	r = run_cli("validate", dir, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_EQUAL(line_count(r.out), 1);
	CU_ASSERT(every_line_starts_with(r.out, dir));
	run_result_clear(&r);
	g_free(dir);
}

/*
 * Input that is not a dataset at all: whatever it is, the program exits 1
 * with lines that each name the file, and is never killed by a signal.
 */
static void test_validate_garbage(void)
{
	static const struct {
		const char *bytes;
		size_t len;
	} inputs[] = {
#define IN(s) {s, sizeof s - 1}
	    IN(""),
	    IN("{"),
	    IN("[]"),
	    IN("null"),
	    IN("\"forcetrack\""),
	    IN("{\"forcetrack\": \"2.0\"}"),
	    IN("{\"forcetrack\": 1.0}"),
	    IN("{\"forcetrack\": \"1.0\"} trailing"),
	    IN("{\"forcetrack\": \"1.0\", \"forcetrack\": \"1.0\"}"),
	    IN("\xff\xfe{\x00}"),
	    IN("{\"forcetrack\": \"1.0\"\x00}"),
	    IN("{\"forcetrack\": \"1.0\", \"actors\": [{\"id\": \"a\", \"name\": \"x\ny\"}]}"),
	    IN("{\"forcetrack\": \"1.0\", \"actors\": {}}"),
	    IN("{\"forcetrack\": \"1.0\", \"claims\": [null, 1, \"x\", [], {}]}"),
	    IN("{\"forcetrack\": \"1.0\", \"actors\": [{\"id\": \"\\u0000\", \"name\": \"\\ud800\"}]}"),
	    IN("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["),
#undef IN
	};
	char *dir = make_tmpdir();
	char *path = g_build_filename(dir, "input.json", NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(inputs); i++) {
		CU_ASSERT_FATAL(g_file_set_contents(path, inputs[i].bytes, (gssize)inputs[i].len, NULL));
		run_result r = run_cli("validate", path, NULL);
		if (!r.exited || r.status != 1 || line_count(r.out) < 1 ||
		    !every_line_starts_with(r.out, path) || !is_clean(r.out))
			fprintf(stderr, "\ninput %zu: exited %d status %d output:\n%s", i, r.exited, r.status,
			        r.out);
		CU_ASSERT(r.exited);
		CU_ASSERT_EQUAL(r.status, 1);
		CU_ASSERT(line_count(r.out) >= 1);
		CU_ASSERT(every_line_starts_with(r.out, path));
		CU_ASSERT(is_clean(r.out));
		run_result_clear(&r);
	}
	g_free(path);
	remove_tmpdir(dir);
}

/* Every problem is printed, not only the library's default first hundred:
 * 150 claims, each naming an unknown region, give 150 lines. */
static void test_validate_many_problems(void)
{
	GString *doc =
	    g_string_new("{\"forcetrack\": \"1.0\", \"actors\": [{\"id\": \"A\", \"name\": \"a\"}], "
	                 "\"regions\": [{\"id\": \"r\", \"name\": \"r\"}], "
	                 "\"sources\": [{\"id\": \"s\", \"name\": \"s\"}], \"claims\": [");
	for (int i = 0; i < 150; i++)
		g_string_append_printf(doc,
		                       "%s{\"id\": \"c%d\", \"source\": \"s\", \"subject\": \"A\", "
		                       "\"region\": \"nowhere\", \"value\": 1, \"reported\": \"2021\"}",
		                       i ? ", " : "", i);
	g_string_append(doc, "]}\n");
	char *dir = make_tmpdir();
	char *path = g_build_filename(dir, "many.json", NULL);
	CU_ASSERT_FATAL(g_file_set_contents(path, doc->str, (gssize)doc->len, NULL));
	run_result r = run_cli("validate", path, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_EQUAL(line_count(r.out), 150);
	CU_ASSERT(every_line_starts_with(r.out, path));
	run_result_clear(&r);
	g_free(path);
	remove_tmpdir(dir);
	g_string_free(doc, TRUE);
}

/* A problem whose message quotes data with a newline and an escape
 * sequence stays one clean line. */
static void test_validate_control_characters(void)
{
	char *path = fixture("control-error.json");
	run_result r = run_cli("validate", path, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_EQUAL(line_count(r.out), 1);
	CU_ASSERT(every_line_starts_with(r.out, path));
	CU_ASSERT(is_clean(r.out));
	run_result_clear(&r);
	g_free(path);
}

/* --- usage -------------------------------------------------------------- */

static void expect_usage_error(run_result r)
{
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	CU_ASSERT(strlen(r.err) > 0);
	run_result_clear(&r);
}

static void test_usage_errors(void)
{
	char *valid = fixture("valid.json");
	expect_usage_error(run_cli(NULL));
	expect_usage_error(run_cli("frobnicate", valid, NULL));
	expect_usage_error(run_cli("validate", NULL));
	expect_usage_error(run_cli("validate", "--quiet", NULL));
	expect_usage_error(run_cli("validate", "--bogus", valid, NULL));
	expect_usage_error(run_cli("fmt", NULL));
	expect_usage_error(run_cli("fmt", valid, valid, NULL));
	expect_usage_error(run_cli("fmt", valid, "-o", "/tmp/ft-never-written.json", "--in-place", NULL));
	expect_usage_error(run_cli("fmt", "-o", NULL));
	expect_usage_error(run_cli("stats", NULL));
	expect_usage_error(run_cli("stats", valid, valid, NULL));
	CU_ASSERT_FALSE(g_file_test("/tmp/ft-never-written.json", G_FILE_TEST_EXISTS));

	run_result r = run_cli("--help", NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "validate"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "fmt"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "stats"));
	run_result_clear(&r);
	g_free(valid);
}

/* `help CMD` and `CMD --help` print the command's options (the same
 * text, on stdout, exit 0); `help` prints the overview --help prints. */
static void test_help(void)
{
	static const char *const commands[] = {"validate", "fmt",     "stats", "estimate",
	                                       "timeline", "convert", "append"};
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
		run_result a = run_cli("help", commands[i], NULL);
		run_result b = run_cli(commands[i], "--help", NULL);
		CU_ASSERT(a.exited && b.exited);
		CU_ASSERT_EQUAL(a.status, 0);
		CU_ASSERT_EQUAL(b.status, 0);
		CU_ASSERT_STRING_EQUAL(a.err, "");
		CU_ASSERT_STRING_EQUAL(b.err, "");
		char *usage = g_strdup_printf("Usage:\n  forcetrack %s [OPTION", commands[i]);
		if (!g_str_has_prefix(a.out, usage))
			fprintf(stderr, "\n    help %s printed: %s", commands[i], a.out);
		CU_ASSERT(g_str_has_prefix(a.out, usage));
		CU_ASSERT_STRING_EQUAL(a.out, b.out);
		g_free(usage);
		run_result_clear(&a);
		run_result_clear(&b);
	}
	run_result h = run_cli("help", NULL);
	run_result dash = run_cli("--help", NULL);
	CU_ASSERT_EQUAL(h.status, 0);
	CU_ASSERT_STRING_EQUAL(h.err, "");
	CU_ASSERT_STRING_EQUAL(h.out, dash.out);
	CU_ASSERT(g_str_has_prefix(h.out, "Usage: forcetrack COMMAND"));
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
		char *line = g_strdup_printf("\n  %s ", commands[i]);
		CU_ASSERT_PTR_NOT_NULL(strstr(h.out, line));
		g_free(line);
	}
	CU_ASSERT_PTR_NOT_NULL(strstr(h.out, "\n  help [COMMAND]"));
	run_result_clear(&h);
	run_result_clear(&dash);
}

/* An unknown command, alone or after help: exit 2 and one line on
 * stderr naming it, with the command it is likely a typo of. */
static void test_unknown_command(void)
{
	run_result r = run_cli("frobnicate", NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	CU_ASSERT_EQUAL(line_count(r.err), 1);
	CU_ASSERT(g_str_has_prefix(r.err, "forcetrack: unknown command 'frobnicate'"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "forcetrack help"));
	run_result_clear(&r);

	r = run_cli("estimat", "--actor", "RU", NULL);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_EQUAL(line_count(r.err), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "unknown command 'estimat' (did you mean 'estimate'?)"));
	run_result_clear(&r);

	r = run_cli("help", "frobnicate", NULL);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	CU_ASSERT_EQUAL(line_count(r.err), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "unknown command 'frobnicate'"));
	run_result_clear(&r);

	/* A name with control characters reaches the terminal without them. */
	r = run_cli("\x1b[2Jwipe", NULL);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT(is_clean(r.err));
	CU_ASSERT_EQUAL(line_count(r.err), 1);
	run_result_clear(&r);
	expect_usage_error(run_cli("help", "fmt", "stats", NULL));
}

static void test_version(void)
{
	run_result r = run_cli("--version", NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "forcetrack " FT_VERSION_STRING " (format " FT_FORMAT_STRING ")\n");
	run_result_clear(&r);
}

/* --- fmt ---------------------------------------------------------------- */

static void test_fmt_stdout(void)
{
	char *valid = fixture("valid.json");
	char *noncanonical = fixture("noncanonical.json");
	char *want = ft_test_read_file(valid, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(want);

	/* A canonical file comes back unchanged... */
	run_result r = run_cli("fmt", valid, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, want);
	run_result_clear(&r);

	/* ...and the same dataset written otherwise comes out as it. */
	r = run_cli("fmt", noncanonical, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, want);
	run_result_clear(&r);

	g_free(want);
	g_free(noncanonical);
	g_free(valid);
}

static void test_fmt_check(void)
{
	char *valid = fixture("valid.json");
	char *noncanonical = fixture("noncanonical.json");
	char *want = g_strdup_printf("%s: not canonical\n", noncanonical);

	run_result r = run_cli("fmt", "--check", noncanonical, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_STRING_EQUAL(r.out, want);
	run_result_clear(&r);

	r = run_cli("fmt", "--check", valid, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	run_result_clear(&r);

	g_free(want);
	g_free(noncanonical);
	g_free(valid);
}

static void test_fmt_load_error(void)
{
	char *bad = fixture("two-problems.json");
	run_result r = run_cli("fmt", bad, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_EQUAL(line_count(r.out), 2);
	CU_ASSERT(every_line_starts_with(r.out, bad));
	run_result_clear(&r);
	g_free(bad);
}

static void test_fmt_in_place(void)
{
	char *valid = fixture("valid.json");
	char *dir = make_tmpdir();
	char *path = copy_fixture("noncanonical.json", dir, "data.json");

	run_result r = run_cli("fmt", "--in-place", path, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	CU_ASSERT(files_equal(path, valid));
	run_result_clear(&r);

	r = run_cli("fmt", "--check", path, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	run_result_clear(&r);

	/* Idempotent: a second rewrite changes nothing. */
	r = run_cli("fmt", "-i", path, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT(files_equal(path, valid));
	run_result_clear(&r);

	/* No temporary file is left beside it. */
	char *listing = dir_listing(dir);
	CU_ASSERT_STRING_EQUAL(listing, "data.json\n");
	g_free(listing);

	g_free(path);
	remove_tmpdir(dir);
	g_free(valid);
}

static void test_fmt_in_place_links(void)
{
	/* fmt -i through a symbolic link rewrites its target and keeps the
	 * link; on a file with a second hard link it refuses, saying so, and
	 * changes neither name. */
	char *valid = fixture("valid.json");
	char *dir = make_tmpdir();
	char *real = copy_fixture("noncanonical.json", dir, "real.json");
	char *sym = g_build_filename(dir, "link.json", NULL);
	CU_ASSERT_EQUAL_FATAL(symlink("real.json", sym), 0);
	run_result r = run_cli("fmt", "-i", sym, NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	run_result_clear(&r);
	CU_ASSERT(files_equal(real, valid));
	CU_ASSERT(g_file_test(sym, G_FILE_TEST_IS_SYMLINK));

	char *noncanonical = fixture("noncanonical.json");
	char *other = g_build_filename(dir, "other.json", NULL);
	g_unlink(real);
	g_free(real);
	real = copy_fixture("noncanonical.json", dir, "real.json");
	CU_ASSERT_EQUAL_FATAL(link(real, other), 0);
	r = run_cli("fmt", "-i", real, NULL);
	CU_ASSERT_EQUAL(r.status, 1);
	char *want = g_strdup_printf("%s: cannot replace \"%s\": it has 2 hard links, and the others would "
	                             "keep the old contents (save to a copy, or remove the other links)\n",
	                             real, real);
	CU_ASSERT_STRING_EQUAL(r.out, want);
	g_free(want);
	run_result_clear(&r);
	CU_ASSERT(files_equal(real, noncanonical));
	CU_ASSERT(files_equal(other, noncanonical));
	char *listing = dir_listing(dir);
	CU_ASSERT_STRING_EQUAL(listing, "link.json\nother.json\nreal.json\n");
	g_free(listing);
	g_free(other);
	g_free(noncanonical);
	g_free(sym);
	g_free(real);
	remove_tmpdir(dir);
	g_free(valid);
}

static void test_fmt_output(void)
{
	char *valid = fixture("valid.json");
	char *dir = make_tmpdir();
	char *src = copy_fixture("noncanonical.json", dir, "in.json");
	char *before = fixture("noncanonical.json");
	char *out = g_build_filename(dir, "out.json", NULL);

	run_result r = run_cli("fmt", src, "-o", out, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	CU_ASSERT(files_equal(out, valid));
	CU_ASSERT(files_equal(src, before));
	run_result_clear(&r);

	g_free(out);
	g_free(before);
	g_free(src);
	remove_tmpdir(dir);
	g_free(valid);
}

/*
 * A save that fails half-way: under `ulimit -f 1` (512 bytes in dash, 1024
 * in bash) the 3,146-byte canonical text cannot be written. The program
 * ignores SIGXFSZ, so the write fails with EFBIG; the library must report
 * it and leave the original file as it was, with no temporary file.
 */
static void test_fmt_in_place_size_limit(void)
{
	char *dir = make_tmpdir();
	char *path = copy_fixture("noncanonical.json", dir, "data.json");
	char *original = fixture("noncanonical.json");
	char *argv[] = {
	    (char *)(uintptr_t) "/bin/sh",
	    (char *)(uintptr_t) "-c",
	    (char *)(uintptr_t) "ulimit -f 1; exec \"$0\" fmt --in-place \"$1\"",
	    (char *)(uintptr_t)FT_CLI_PATH,
	    path,
	    NULL,
	};

	run_result r = run_argv(argv);
	CU_ASSERT(r.exited); /* not killed by SIGXFSZ */
	CU_ASSERT_NOT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(line_count(r.out), 1);
	CU_ASSERT(every_line_starts_with(r.out, path));
	CU_ASSERT(files_equal(path, original));
	char *listing = dir_listing(dir);
	CU_ASSERT_STRING_EQUAL(listing, "data.json\n");
	g_free(listing);
	run_result_clear(&r);

	g_free(original);
	g_free(path);
	remove_tmpdir(dir);
}

/* --- stats -------------------------------------------------------------- */

static void test_stats(void)
{
	char *path = fixture("valid.json");
	/*
	 * valid.json by hand: actors RU, UA; regions UA-border, donbas,
	 * crimea; unit 41CAA; sources ua-mod, ru-gov, peskov, daily-mail.
	 * Claims: c-ua-94k (RU, UA-border, personnel), c-ru-125k (UA,
	 * donbas), c-peskov-125k (UA, donbas), c-ua-btg (RU, crimea, btg),
	 * c-ua-175k (RU, UA-border, personnel).
	 * Subjects: RU 3, UA 2. Regions: UA-border 2 and donbas 2 (tie:
	 * "UA-border" sorts before "donbas", 'U' < 'd'), crimea 1.
	 * Measures: personnel 4, btg 1.
	 * Reported: 2021-11-21 (c-ua-175k) earliest, 2021-12-01 latest.
	 * Observed: c-ua-btg starts 2021-11 (the month: earliest start);
	 * c-ua-175k ends 2022-02 (the end of February: latest end); the
	 * claims without one are observed on their reported day.
	 * The content hash, by hand:
	 *     forcetrack convert --to lines tests/data/cli/valid.json v.jsonl
	 *     sha256sum v.jsonl
	 */
	char *want =
	    g_strdup_printf("%s\n"
	                    "title     CLI test fixture: two claims of 1 December 2021 and three others\n"
	                    "actors    2\n"
	                    "regions   3\n"
	                    "units     1\n"
	                    "sources   4\n"
	                    "claims    5\n"
	                    "content sha256: %s\n"
	                    "\n"
	                    "claims per subject:\n"
	                    "  RU  3  Russia\n"
	                    "  UA  2  Ukraine\n"
	                    "\n"
	                    "claims per region:\n"
	                    "  UA-border  2  Near Ukraine's borders\n"
	                    "  donbas     2  Donbas\n"
	                    "  crimea     1  Crimea\n"
	                    "\n"
	                    "claims per measure:\n"
	                    "  personnel  4\n"
	                    "  btg        1\n"
	                    "\n"
	                    "reported  2021-11-21 to 2021-12-01\n"
	                    "observed  2021-11 to 2022-02\n",
	                    path, "f478b99c12f2d592eb60cc89aaf28ffb7b90d6a231949c78de882f9a4e9f8bd1");
	run_result r = run_cli("stats", path, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, want);
	run_result_clear(&r);
	g_free(want);
	g_free(path);
}

/* Names carrying an escape sequence, a bell, CR, LF, TAB and DEL are
 * printed without them: "Rus ESC[31m sia BEL CR LF X DEL" loses the whole
 * sequence ESC[31m, the bell and DEL, and CR and LF become spaces, giving
 * "Russia  X"; "Border TAB zone" gives "Border zone". */
static void test_stats_control_characters(void)
{
	char *path = fixture("control.json");
	run_result r = run_cli("stats", path, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT(is_clean(r.out));
	CU_ASSERT(has_line(r.out, "  RU  1  Russia  X"));
	CU_ASSERT(has_line(r.out, "  r1  1  Border zone"));
	run_result_clear(&r);
	g_free(path);
}

/*
 * tests/data/cli/bidi.json names RU "Rus<CSI>2J<DEL>sia<RLO>ti" (U+009B,
 * U+007F, U+202E) and donbas "Don<LRI>bas<NEL>" (U+2066, U+0085). On the
 * terminal DEL goes and the others are shown as escapes, in the order the
 * bytes are stored: "Rus\u009b2Jsia\u202eti", "Don\u2066bas\u0085".
 */
static void test_stats_bidi_and_c1(void)
{
	char *path = fixture("bidi.json");
	run_result r = run_cli("stats", path, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT(is_clean(r.out));
	CU_ASSERT(has_line(r.out, "  RU  1  Rus\\u009b2Jsia\\u202eti"));
	CU_ASSERT(has_line(r.out, "  donbas  1  Don\\u2066bas\\u0085"));
	run_result_clear(&r);
	g_free(path);
}

/* fmt to standard output writes the canonical form, which spells the same
 * characters as \u escapes in upper-case hex: DEL is kept, as \u007F. */
static void test_fmt_bidi_and_c1(void)
{
	char *path = fixture("bidi.json");
	run_result r = run_cli("fmt", path, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT(is_clean(r.out));
	CU_ASSERT(has_line(r.out, "      \"name\": \"Rus\\u009B2J\\u007Fsia\\u202Eti\""));
	CU_ASSERT(has_line(r.out, "      \"name\": \"Don\\u2066bas\\u0085\""));
	run_result_clear(&r);
	g_free(path);
}

/*
 * tests/data/cli/lookalike.json refers to "РU" (Cyrillic ER, U+0420, then a
 * Latin U) and "donbаs" (Cyrillic a, U+0430): each problem names the code
 * points; "donbаs" is one character from "donbas", which is suggested.
 */
static void test_validate_lookalike_ids(void)
{
	char *path = fixture("lookalike.json");
	run_result r = run_cli("validate", path, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 1);
	char *subject = g_strdup_printf("%s: claims[0].subject: unknown actor \"\xd0\xa0U\" (it holds a "
	                                "non-ASCII character: U+0420)",
	                                path);
	char *region = g_strdup_printf("%s: claims[0].region: unknown region \"donb\xd0\xb0s\" (it holds a "
	                               "non-ASCII character: U+0430; did you mean \"donbas\"?)",
	                               path);
	CU_ASSERT(has_line(r.out, subject));
	CU_ASSERT(has_line(r.out, region));
	CU_ASSERT_EQUAL(line_count(r.out), 2);
	g_free(region);
	g_free(subject);
	run_result_clear(&r);
	g_free(path);

	/* On the command line (exit status 1, the dataset does not hold
	 * them): "РУ" is U+0420 U+0423, and a bidi override typed in a region
	 * is shown as \u202e. */
	path = fixture("bidi.json");
	r = run_cli("estimate", path, "--actor", "\xd0\xa0\xd0\xa3", "--region", "donbas", NULL);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_STRING_EQUAL(r.err,
	                       "forcetrack estimate: unknown actor \"\xd0\xa0\xd0\xa3\" (it holds non-ASCII "
	                       "characters: U+0420 U+0423)\n");
	run_result_clear(&r);
	r = run_cli("estimate", path, "--actor", "RU", "--region", "donb\xd0\xb0s", NULL);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_STRING_EQUAL(r.err,
	                       "forcetrack estimate: unknown region \"donb\xd0\xb0s\" (it holds a non-ASCII "
	                       "character: U+0430; did you mean \"donbas\"?)\n");
	run_result_clear(&r);
	r = run_cli("estimate", path, "--actor", "RU", "--region",
	            "don\xe2\x80\xae"
	            "bas",
	            NULL);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT(is_clean(r.err));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "unknown region \"don\\u202ebas\""));
	run_result_clear(&r);
	g_free(path);
}

/* --- estimate ----------------------------------------------------------- */

/*
 * tests/data/cli/estimate.json, worked out by hand from docs/estimation.md
 * (estimates 2.0) for RU in border, personnel, at T = 2021-12-10, knowing
 * everything:
 *
 * Sources: ua-mod B (actor UA); ua-spox under it, ungraded (F), so it
 * speaks with ua-mod's B and is the same voice; ru-gov D (RU); us-intel A
 * (US); blogger E (no actor). RU opposes UA.
 *
 * Candidates (roll-up: RU in border and in crimea under it) and status:
 *   c1  ua-mod   about 100,000, obs 12-10, cred 2   counted
 *   c2  ua-spox  80,000, obs 12-01, cred 2          same-voice (c1 starts later)
 *   c10 us-intel 60,000, obs 11-01                  superseded (c3 lists it)
 *   c3  us-intel 112,000-130,000 (about 120,000), cred 1   counted
 *   c4  ru-gov   at most 105,000, cred 4            counted (credible: D, 4)
 *   c5  blogger  200,000, cred 3                    counted, not credible (E)
 *   c6  ua-mod   about 90,000, obs 12-20            not-yet-observed
 *   c7  us-intel 70,000, obs 2021-08-01             stale (ends before 12-10 - 90 d = 09-11)
 *   c8  ru-gov   projection                         projection
 *   c9  ru-gov   denial                             denial
 *   c11 blogger  300,000, retracted 12-06           retracted
 *   c12 us-intel 30,000 in crimea, cred 2           counted at (RU, crimea)
 *
 * Weights (age 0 for everything observed on 12-10: D = 1):
 *   c1 0.8 x 0.8 = 0.64; c3 1.0 x 1.0 = 1.0; c4 0.4 x 0.4 = 0.16;
 *   c5 0.2 x 0.6 = 0.12; c12 1.0 x 0.8 = 0.8;
 *   c2 0.8 (B, from ua-mod) x 0.8 x 0.5^(8/14) = 0.430688...: its age is
 *   (12-10T00 - (12-01T23:59:59.999999 + 1 us)) / 1 day = 8, and the
 *   half-life 14 days (was 30).
 *
 * Node (RU, border): the credible set is c1, c3, c4 (c5 is not credible
 * and does not vote). Entries: open below (c4, 0.16), 90,000 (c1, 0.64;
 * d = 10,000), 105,000 (c4), 110,000 (c1), 112,000 (c3, 1.0), 130,000
 * (c3); W = 1.8; running 0.16, 0.8, 0.96, 1.6, 2.6 >= W at 112,000: best
 * 112,000 (the old rule capped it at c4's 105,000; now "at most" only
 * pulls, and c3's range votes through its ends, not its central 120,000).
 * Current: at least half of 1.0: c1 and c3; c4 (0.16) sets no range. Low
 * 90,000, high 130,000, not open. Disagreement among current claims only:
 * c1 [90,000, 110,000] and c3 [112,000, 130,000] do not overlap: one pair,
 * 0.64 x 1.0 = 0.64, disjoint (c3/c4 no longer: c4 is not current).
 * Node (RU, crimea): 30,000 (30,000-30,000). Total of (RU, border): the
 * larger of own and region parts for each of best, low, high: 112,000
 * (90,000-130,000); own high 130,000 >= parts low 30,000: consistent.
 * Counted: c1, c3, c4, c5, c12 = 5 claims; voices ua-mod, us-intel,
 * ru-gov, blogger = 4.
 * Stances: c1, c2 adversary (ua-spox has no actor: ua-mod's UA); c3, c5,
 * c12 third-party; c4 own-side.
 * Rules (section 8): c4 "at most 105,000: entries open below, 105,000,
 * weight 0.160; under half the heaviest (1.000): sets no range"; c1
 * "about 100,000: entries 90,000, 110,000, weight 0.640; current: sets
 * 90,000-110,000"; c7 "stale: observed until 2021-08-01, more than 90 days
 * before T".
 */
static const char *const EST_AT = "2021-12-10";

static json_t *run_json(run_result *r)
{
	json_error_t jerr;
	json_t *doc = json_loads(r->out, 0, &jerr);
	if (!doc)
		fprintf(stderr, "not JSON (%s): %s\n", jerr.text, r->out);
	return doc;
}

/* The contribution of a claim in an estimate object. */
static json_t *contribution_of(json_t *est, const char *claim)
{
	size_t i;
	json_t *c;
	json_array_foreach (json_object_get(est, "contributions"), i, c) {
		if (strcmp(json_string_value(json_object_get(c, "claim")), claim) == 0)
			return c;
	}
	return NULL;
}

/* 1 when the disagreements hold the pair {a, b}, in either order. */
static int has_pair(json_t *est, const char *a, const char *b)
{
	size_t i;
	json_t *d;
	json_array_foreach (json_object_get(est, "disagreements"), i, d) {
		const char *x = str_member(d, "a"), *y = str_member(d, "b");
		if ((strcmp(x, a) == 0 && strcmp(y, b) == 0) || (strcmp(x, b) == 0 && strcmp(y, a) == 0))
			return 1;
	}
	return 0;
}

static void check_contribution(json_t *est, const char *claim, const char *status, const char *stance)
{
	json_t *c = contribution_of(est, claim);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	if (strcmp(str_member(c, "status"), status) != 0)
		fprintf(stderr, "%s: status %s, expected %s\n", claim, str_member(c, "status"), status);
	CU_ASSERT_STRING_EQUAL(str_member(c, "status"), status);
	if (stance)
		CU_ASSERT_STRING_EQUAL(str_member(c, "stance"), stance);
}

static void check_weight(json_t *est, const char *claim, double want)
{
	json_t *c = contribution_of(est, claim);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	double w = json_number_value(json_object_get(c, "weight"));
	if (fabs(w - want) > 1e-9)
		fprintf(stderr, "%s: weight %.12f, expected %.12f\n", claim, w, want);
	CU_ASSERT_DOUBLE_EQUAL(w, want, 1e-9);
}

/* The keys of report.h, in its order. */
static const char estimate_keys[] = "actor region measure at known_on method best low high claims voices "
                                    "open_below open_above not_credible contested pairs inconsistent "
                                    "disagreements contributions parts";
static const char contribution_keys[] =
    "claim source source_name voice weight status stance credible current "
    "qualifier node low high central rule";

/* The keys of a JSON object, in order, joined by spaces (g_free). */
static char *keys_of(json_t *o)
{
	GString *s = g_string_new(NULL);
	const char *key;
	json_t *v;
	json_object_foreach (o, key, v) {
		if (s->len)
			g_string_append_c(s, ' ');
		g_string_append(s, key);
	}
	return g_string_free(s, FALSE);
}

static void expect_keys(json_t *o, const char *want)
{
	char *got = keys_of(o);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "\n    keys: %s\n    expected: %s", got, want);
	CU_ASSERT_STRING_EQUAL(got, want);
	g_free(got);
}

/* A contribution's current, qualifier and node (docs/estimation.md
 * section 8: "In JSON each contribution also carries its node (actor and
 * region), its qualifier, its source's name, and whether it is current"). */
static void check_more(json_t *est, const char *claim, int current, const char *qualifier, const char *actor,
                       const char *region)
{
	json_t *c = contribution_of(est, claim);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT(json_is_boolean(json_object_get(c, "current")));
	if (json_is_true(json_object_get(c, "current")) != current)
		fprintf(stderr, "%s: current is %d, expected %d\n", claim,
		        json_is_true(json_object_get(c, "current")), current);
	CU_ASSERT_EQUAL(json_is_true(json_object_get(c, "current")), current);
	if (qualifier)
		CU_ASSERT_STRING_EQUAL(str_member(c, "qualifier"), qualifier);
	json_t *node = json_object_get(c, "node");
	CU_ASSERT_PTR_NOT_NULL_FATAL(node);
	CU_ASSERT_STRING_EQUAL(str_member(node, "actor"), actor);
	CU_ASSERT_STRING_EQUAL(str_member(node, "region"), region);
}

static void test_estimate_json(void)
{
	char *path = fixture("estimate.json");
	run_result r =
	    run_cli("estimate", path, "--actor", "RU", "--region", "border", "--at", EST_AT, "--json", NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.err, "");
	json_t *est = run_json(&r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(est);
	CU_ASSERT(json_is_object(est));
	expect_keys(est, estimate_keys);

	CU_ASSERT_STRING_EQUAL(str_member(est, "actor"), "RU");
	CU_ASSERT_STRING_EQUAL(str_member(est, "region"), "border");
	CU_ASSERT_STRING_EQUAL(str_member(est, "measure"), "personnel");
	CU_ASSERT_STRING_EQUAL(str_member(est, "at"), "2021-12-10");
	CU_ASSERT(json_is_null(json_object_get(est, "known_on")));
	CU_ASSERT_STRING_EQUAL(str_member(est, "method"), "weighted");
	CU_ASSERT_EQUAL(int_member(est, "best"), 112000);
	CU_ASSERT_EQUAL(int_member(est, "low"), 90000);
	CU_ASSERT_EQUAL(int_member(est, "high"), 130000);
	CU_ASSERT_EQUAL(int_member(est, "claims"), 5);
	CU_ASSERT_EQUAL(int_member(est, "voices"), 4);
	CU_ASSERT(json_is_false(json_object_get(est, "open_below")));
	CU_ASSERT(json_is_false(json_object_get(est, "open_above")));
	CU_ASSERT(json_is_false(json_object_get(est, "not_credible")));
	CU_ASSERT(json_is_true(json_object_get(est, "contested")));
	CU_ASSERT_EQUAL(int_member(est, "pairs"), 1);
	CU_ASSERT(json_is_false(json_object_get(est, "inconsistent")));
	CU_ASSERT_EQUAL_FATAL(json_array_size(json_object_get(est, "disagreements")), 1);
	CU_ASSERT(has_pair(est, "c1", "c3"));
	CU_ASSERT(!has_pair(est, "c3", "c4")); /* c4 is not current */
	json_t *d = json_array_get(json_object_get(est, "disagreements"), 0);
	CU_ASSERT_DOUBLE_EQUAL(json_number_value(json_object_get(d, "weight")), 0.64, 1e-9);
	CU_ASSERT(json_is_false(json_object_get(d, "disputes")));
	CU_ASSERT(json_is_true(json_object_get(d, "disjoint")));

	/* Every candidate, with the status the first applicable rule gives. */
	CU_ASSERT_EQUAL(json_array_size(json_object_get(est, "contributions")), 12);
	check_contribution(est, "c1", "counted", "adversary");
	check_contribution(est, "c2", "same-voice", "adversary");
	check_contribution(est, "c10", "superseded", "third-party");
	check_contribution(est, "c3", "counted", "third-party");
	check_contribution(est, "c4", "counted", "own-side");
	check_contribution(est, "c5", "counted", "third-party");
	check_contribution(est, "c6", "not-yet-observed", NULL);
	check_contribution(est, "c7", "stale", NULL);
	check_contribution(est, "c8", "projection", NULL);
	check_contribution(est, "c9", "denial", NULL);
	check_contribution(est, "c11", "retracted", NULL);
	check_contribution(est, "c12", "counted", "third-party");
	check_weight(est, "c1", 0.64);
	check_weight(est, "c3", 1.0);
	check_weight(est, "c4", 0.16);
	check_weight(est, "c5", 0.12);
	check_weight(est, "c12", 0.8);
	check_weight(est, "c2", 0.64 * pow(0.5, 8.0 / 14.0));
	/* Current: c1, c3 (>= 0.5) and c12 (alone at crimea); c4 under half,
	 * c5 outside the credible set, c2 not counted. */
	check_more(est, "c1", 1, "approx", "RU", "border");
	check_more(est, "c3", 1, "range", "RU", "border");
	check_more(est, "c4", 0, "at-most", "RU", "border");
	check_more(est, "c5", 0, "exact", "RU", "border");
	check_more(est, "c2", 0, "exact", "RU", "border");
	check_more(est, "c12", 1, "exact", "RU", "crimea");
	for (size_t i = 0; i < json_array_size(json_object_get(est, "contributions")); i++)
		expect_keys(json_array_get(json_object_get(est, "contributions"), i), contribution_keys);

	/* A claim's bounds: "about 100,000" is 90,000-110,000 around 100,000;
	 * "at most 105,000" has no low and no central figure. */
	json_t *c1 = contribution_of(est, "c1");
	CU_ASSERT_EQUAL(int_member(c1, "low"), 90000);
	CU_ASSERT_EQUAL(int_member(c1, "high"), 110000);
	CU_ASSERT_EQUAL(int_member(c1, "central"), 100000);
	CU_ASSERT_STRING_EQUAL(str_member(c1, "source"), "ua-mod");
	CU_ASSERT_STRING_EQUAL(str_member(c1, "source_name"), "Ministry of Defence of Ukraine");
	CU_ASSERT_STRING_EQUAL(str_member(c1, "voice"), "ua-mod");
	CU_ASSERT(json_is_true(json_object_get(c1, "credible")));
	CU_ASSERT_STRING_EQUAL(
	    str_member(c1, "rule"),
	    "about 100,000: entries 90,000, 110,000, weight 0.640; current: sets 90,000-110,000");
	json_t *c2 = contribution_of(est, "c2");
	CU_ASSERT_STRING_EQUAL(str_member(c2, "source"), "ua-spox");
	CU_ASSERT_STRING_EQUAL(str_member(c2, "source_name"),
	                       "Spokesman of the Ministry of Defence of Ukraine");
	CU_ASSERT_STRING_EQUAL(str_member(c2, "voice"), "ua-mod");
	json_t *c4 = contribution_of(est, "c4");
	CU_ASSERT(json_is_null(json_object_get(c4, "low")));
	CU_ASSERT_EQUAL(int_member(c4, "high"), 105000);
	CU_ASSERT(json_is_null(json_object_get(c4, "central")));
	/* Section 8's line for a claim under half the heaviest (the figure in
	 * the parentheses is left out: the document's example does not say
	 * whether it is the heaviest weight or its half). */
	if (!g_str_has_prefix(str_member(c4, "rule"), "at most 105,000: "))
		fprintf(stderr, "\nc4's rule: %s\n", str_member(c4, "rule"));
	CU_ASSERT(g_str_has_prefix(str_member(c4, "rule"), "at most 105,000: entries open below, 105,000, "
	                                                   "weight 0.160; under half the heaviest ("));
	CU_ASSERT(g_str_has_suffix(str_member(c4, "rule"), "): sets no range"));
	if (strcmp(str_member(contribution_of(est, "c7"), "rule"),
	           "stale: observed until 2021-08-01, more than 90 days before T") != 0)
		fprintf(stderr, "c7's rule: %s\n", str_member(contribution_of(est, "c7"), "rule"));
	CU_ASSERT_STRING_EQUAL(str_member(contribution_of(est, "c7"), "rule"),
	                       "stale: observed until 2021-08-01, more than 90 days before T");
	CU_ASSERT(json_is_false(json_object_get(contribution_of(est, "c5"), "credible")));

	/* Two nodes: the asked-for pair first. */
	json_t *parts = json_object_get(est, "parts");
	CU_ASSERT_EQUAL_FATAL(json_array_size(parts), 2);
	json_t *p0 = json_array_get(parts, 0), *p1 = json_array_get(parts, 1);
	CU_ASSERT_STRING_EQUAL(str_member(p0, "actor"), "RU");
	CU_ASSERT_STRING_EQUAL(str_member(p0, "region"), "border");
	CU_ASSERT_EQUAL(int_member(json_object_get(p0, "own"), "best"), 112000);
	CU_ASSERT_EQUAL(int_member(json_object_get(p0, "total"), "high"), 130000);
	CU_ASSERT(json_is_false(json_object_get(json_object_get(p0, "total"), "open_above")));
	CU_ASSERT(json_is_false(json_object_get(p0, "inconsistent")));
	CU_ASSERT_STRING_EQUAL(str_member(p1, "region"), "crimea");
	CU_ASSERT_EQUAL(int_member(json_object_get(p1, "own"), "best"), 30000);

	json_decref(est);
	run_result_clear(&r);

	/* Without roll-up c12 (in crimea) is no candidate: own alone, 112,000. */
	r = run_cli("estimate", path, "--actor", "RU", "--region", "border", "--at", EST_AT, "--json",
	            "--no-rollup", NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	est = run_json(&r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(est);
	CU_ASSERT_EQUAL(int_member(est, "best"), 112000);
	CU_ASSERT_EQUAL(int_member(est, "claims"), 4);
	CU_ASSERT_EQUAL(int_member(est, "voices"), 4);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(est, "contributions")), 11);
	CU_ASSERT_PTR_NULL(contribution_of(est, "c12"));
	json_decref(est);
	run_result_clear(&r);
	g_free(path);
}

/*
 * As known on 2021-12-09 (at 2021-12-10): c1, c3, c4, c5, c9, c12 are
 * reported on 12-10 and c6 on 12-20, so not yet reported. c10 is no longer
 * superseded (c3, which lists it, is not known), so it counts: 60,000,
 * us-intel A, cred 2, observed 11-01, age 38 days; half-life 14: 0.8 x
 * 0.5^(38/14) = 0.121901. c2 now is ua-mod's figure: 80,000, weight
 * 0.430688 (above). Entries 60,000 (0.1219) twice, 80,000 (0.4307) twice;
 * W = 0.5526; running 0.1219, 0.2438, 0.6745 >= W at the first 80,000:
 * best 80,000. Changed: only c2 is current (0.1219 < 0.2153): low = high
 * = 80,000 (was 60,000-80,000) and not contested (was). 2 claims, 2
 * voices.
 */
static void test_estimate_known_on(void)
{
	char *path = fixture("estimate.json");
	run_result r = run_cli("estimate", path, "--actor", "RU", "--region", "border", "--at", EST_AT,
	                       "--known-on", "2021-12-09", "--json", NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	json_t *est = run_json(&r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(est);
	CU_ASSERT_STRING_EQUAL(str_member(est, "known_on"), "2021-12-09");
	CU_ASSERT_EQUAL(int_member(est, "best"), 80000);
	CU_ASSERT_EQUAL(int_member(est, "low"), 80000);
	CU_ASSERT_EQUAL(int_member(est, "high"), 80000);
	CU_ASSERT_EQUAL(int_member(est, "claims"), 2);
	CU_ASSERT_EQUAL(int_member(est, "voices"), 2);
	CU_ASSERT(json_is_false(json_object_get(est, "contested")));
	CU_ASSERT_EQUAL(int_member(est, "pairs"), 0);
	check_contribution(est, "c1", "not-yet-reported", NULL);
	check_contribution(est, "c3", "not-yet-reported", NULL);
	check_contribution(est, "c10", "counted", NULL);
	check_contribution(est, "c2", "counted", NULL);
	check_contribution(est, "c11", "retracted", NULL);
	check_weight(est, "c10", 0.8 * pow(0.5, 38.0 / 14.0));
	check_more(est, "c10", 0, "exact", "RU", "border");
	check_more(est, "c2", 1, "exact", "RU", "border");
	json_decref(est);
	run_result_clear(&r);
	g_free(path);
}

/*
 * UA in border at 2021-12-10: ru-gov says 10,000 at (UA, border) itself
 * (c13), us-intel 20,000 in crimea under it (c14). Own 10,000 (10,000-
 * 10,000); region parts 20,000; total 20,000 (20,000-20,000), and the node
 * is inconsistent: own high 10,000 < parts low 20,000. The two claims are
 * at different nodes, so they cannot disagree. 2 claims, 2 voices.
 */
static void test_estimate_inconsistent(void)
{
	char *path = fixture("estimate.json");
	run_result r =
	    run_cli("estimate", path, "--actor", "UA", "--region", "border", "--at", EST_AT, "--json", NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	json_t *est = run_json(&r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(est);
	CU_ASSERT_EQUAL(int_member(est, "best"), 20000);
	CU_ASSERT_EQUAL(int_member(est, "low"), 20000);
	CU_ASSERT_EQUAL(int_member(est, "high"), 20000);
	CU_ASSERT_EQUAL(int_member(est, "claims"), 2);
	CU_ASSERT_EQUAL(int_member(est, "voices"), 2);
	CU_ASSERT(json_is_true(json_object_get(est, "inconsistent")));
	CU_ASSERT(json_is_false(json_object_get(est, "contested")));
	json_t *p0 = json_array_get(json_object_get(est, "parts"), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p0);
	CU_ASSERT(json_is_true(json_object_get(p0, "inconsistent")));
	CU_ASSERT_EQUAL(int_member(json_object_get(p0, "own"), "high"), 10000);
	json_decref(est);
	run_result_clear(&r);

	r = run_cli("estimate", path, "--actor", "UA", "--region", "border", "--at", EST_AT, NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	/* Two claims: the figure as ft_estimate_format writes one that rests
	 * on more than one (report.h). */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "20,000 (range 20,000-20,000)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\nINCONSISTENT"));
	run_result_clear(&r);
	g_free(path);
}

/* The same figures as people read them: the figure in the words of
 * ft_estimate_format (report.h), the pair that disagrees, and the row of
 * each contribution. */
static void test_estimate_text(void)
{
	char *path = fixture("estimate.json");
	run_result r = run_cli("estimate", path, "--actor", "RU", "--region", "border", "--at", EST_AT, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.err, "");
	CU_ASSERT(g_str_has_prefix(r.out, "RU in border, personnel, at 2021-12-10 (known on: everything)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "112,000 (range 90,000-130,000)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "4 voices, 5 claims counted"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\nCONTESTED"));
	CU_ASSERT_PTR_NOT_NULL(
	    strstr(r.out, "c1 (Ministry of Defence of Ukraine) vs c3 (US intelligence community)"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "c3 (US intelligence community) vs c4"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "INCONSISTENT"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "NOT CREDIBLE"));
	/* Not open: the figure carries no hedge (c4's rule line does say
	 * "entries open below", section 8). */
	CU_ASSERT_PTR_NULL(strstr(r.out, "130,000), open"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "130,000+"));
	/* The row of c1: it names its source, stance, status, weight and
	 * figure (found by its weight and hedge, wherever the columns are). */
	char **lines = g_strsplit(r.out, "\n", -1);
	int found = 0;
	for (char **l = lines; *l; l++) {
		if (!strstr(*l, "c1") || !strstr(*l, "0.640") || !strstr(*l, "about 100,000"))
			continue;
		found = 1;
		CU_ASSERT_PTR_NOT_NULL(strstr(*l, "Ministry of Defence of Ukraine"));
		CU_ASSERT_PTR_NOT_NULL(strstr(*l, "adversary"));
		CU_ASSERT_PTR_NOT_NULL(strstr(*l, "counted"));
	}
	CU_ASSERT(found);
	g_strfreev(lines);
	CU_ASSERT(is_clean(r.out));
	run_result_clear(&r);

	/* Without --at the estimate is for the day of the latest report
	 * (c6, 2021-12-20), and the output says which day that is. */
	r = run_cli("estimate", path, "--actor", "RU", "--region", "border", NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT(g_str_has_prefix(r.out, "RU in border, personnel, at 2021-12-20 (known on: everything)\n"));
	run_result_clear(&r);
	r = run_cli("estimate", path, "--actor", "RU", "--region", "border", "--json", NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	json_t *est = run_json(&r);
	CU_ASSERT_PTR_NOT_NULL(est);
	if (est)
		CU_ASSERT_STRING_EQUAL(str_member(est, "at"), "2021-12-20");
	json_decref(est);
	run_result_clear(&r);

	/* No claim counts before anything was observed: no estimate, and
	 * nulls, never a zero. */
	r = run_cli("estimate", path, "--actor", "RU", "--region", "border", "--at", "2021-06-01", NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT(has_line(r.out, "no estimate: no claim counts"));
	run_result_clear(&r);
	r = run_cli("estimate", path, "--actor", "RU", "--region", "border", "--at", "2021-06-01", "--json",
	            NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	est = run_json(&r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(est);
	CU_ASSERT(json_is_null(json_object_get(est, "best")));
	CU_ASSERT(json_is_null(json_object_get(est, "low")));
	CU_ASSERT(json_is_null(json_object_get(est, "high")));
	CU_ASSERT_EQUAL(int_member(est, "claims"), 0);
	json_decref(est);
	run_result_clear(&r);
	g_free(path);
}

static void test_estimate_errors(void)
{
	char *path = fixture("estimate.json");
	/* An actor the dataset does not hold: one line naming it, exit 1;
	 * "RUS" is RU's code. */
	run_result r = run_cli("estimate", path, "--actor", "RUS", "--region", "border", NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	CU_ASSERT_EQUAL(line_count(r.err), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "unknown actor \"RUS\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "did you mean \"RU\"?"));
	run_result_clear(&r);

	r = run_cli("estimate", path, "--actor", "RU", "--region", "boarder", NULL);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_EQUAL(line_count(r.err), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "unknown region \"boarder\" (did you mean \"border\"?)"));
	run_result_clear(&r);

	r = run_cli("timeline", path, "--actor", "XX", "--region", "border", "--from", "2021-12-01", "--to",
	            "2021-12-08", NULL);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "unknown actor \"XX\""));
	run_result_clear(&r);

	/* A time value that is no time value is a usage error, with the
	 * library's reason. */
	r = run_cli("estimate", path, "--actor", "RU", "--region", "border", "--at", "2021-13-01", NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "2021-13-01"));
	run_result_clear(&r);

	expect_usage_error(
	    run_cli("estimate", path, "--actor", "RU", "--region", "border", "--at", "yesterday", NULL));
	expect_usage_error(run_cli("estimate", path, "--actor", "RU", "--region", "border", "--known-on",
	                           "2021-02-30", NULL));
	expect_usage_error(run_cli("estimate", path, "--region", "border", NULL));
	expect_usage_error(run_cli("estimate", path, "--actor", "RU", NULL));
	expect_usage_error(run_cli("estimate", "--actor", "RU", "--region", "border", NULL));
	expect_usage_error(
	    run_cli("estimate", path, "--actor", "RU", "--region", "border", "--method", "mean", NULL));
	expect_usage_error(
	    run_cli("estimate", path, "--actor", "RU", "--region", "border", "--measure", "Bad!", NULL));
	expect_usage_error(run_cli("timeline", path, "--actor", "RU", "--region", "border", "--from",
	                           "2021-12-01", "--to", "2021-12-08", "--step", "7x", NULL));
	expect_usage_error(run_cli("timeline", path, "--actor", "RU", "--region", "border", "--from",
	                           "2021-12-01", "--to", "2021-12-08", "--step", "0d", NULL));
	expect_usage_error(run_cli("timeline", path, "--actor", "RU", "--region", "border", "--from",
	                           "2021-12-08", "--to", "2021-12-01", NULL));
	expect_usage_error(
	    run_cli("timeline", path, "--actor", "RU", "--region", "border", "--to", "2021-12-01", NULL));
	/* The library reads 0 as its default, so a horizon of 0 days and a
	 * threshold of 0 cannot be asked for: refused, not silently changed. */
	expect_usage_error(
	    run_cli("estimate", path, "--actor", "RU", "--region", "border", "--staleness", "0", NULL));
	expect_usage_error(run_cli("timeline", path, "--actor", "RU", "--region", "border", "--from",
	                           "2021-12-01", "--to", "2021-12-08", "--threshold", "0", NULL));
	g_free(path);
}

/* --- timeline ----------------------------------------------------------- */

/*
 * RU in border from 2021-12-01 to 2021-12-22 every 7 days: 4 points, each
 * as known on its own day (changed: the old timeline knew everything).
 *   12-01 (K = 12-01): c2 is reported 12-02, c1, c3, c4, c5 12-10: not yet
 *     reported; c3 is unknown, so c10 is not superseded and counts (c7 is
 *     stale): 60,000, us-intel, observed 11-01, age 12-01 - 11-02 = 29:
 *     0.8 x 0.5^(29/14) = 0.190339.
 *   12-08 (K = 12-08): c2 is known (ua-mod's voice, c1 unknown): 80,000,
 *     age 6: 0.64 x 0.5^(6/14) = 0.475480; c10, age 36: 0.8 x
 *     0.5^(36/14) = 0.134645. Entries 60,000 (0.1346) twice, 80,000
 *     (0.4755) twice; W = 0.6101; running 0.135, 0.269, 0.745 >= W at
 *     80,000: 80,000; only c2 current (0.135 < 0.238): 80,000-80,000.
 *     2 voices.
 *   12-15 (K = 12-15): as at 12-10 (c6 is reported 12-20), every counted
 *     claim 4 days old, so every weight times 0.5^(4/14): the walk and the
 *     current claims are unchanged: 112,000 (90,000-130,000), 4 voices,
 *     contested.
 *   12-22 (K = 12-22): c6 (about 90,000, observed 12-20, d = 9,000:
 *     81,000-99,000) is now ua-mod's figure, 0.64 x 0.5^(1/14) = 0.6091;
 *     c3 1.0 x 0.5^(11/14) = 0.5798; c4 0.16 x 0.5798 = 0.0928; c5 is not
 *     credible. Entries: open below (0.0928), 81,000 (0.6091), 99,000
 *     (0.6091), 105,000 (0.0928), 112,000 (0.5798), 130,000 (0.5798); W =
 *     1.2817; running 0.093, 0.702, 1.311 >= W at 99,000: 99,000. Current
 *     c6 and c3: 81,000-130,000; disjoint: contested.
 * Alerts (window 30 days, threshold 10%): i=1 against point 0 (the only
 * earlier point): +20,000 on 60,000 = 1/3 > 0.1, and point 0 (no earlier
 * point) did not exceed: an alert, with the claims counted at 12-08 but
 * not at 12-01 and known on 12-08: c2. i=2 (112,000) and i=3 (99,000)
 * against point 0 exceed as well, but so did the point before each: no
 * more alerts.
 */
static void test_timeline(void)
{
	char *path = fixture("estimate.json");
	run_result r = run_cli("timeline", path, "--actor", "RU", "--region", "border", "--from",
	                       "2021-12-01", "--to", "2021-12-22", "--step", "7d", "--json", NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.err, "");
	json_t *tl = run_json(&r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tl);
	CU_ASSERT_STRING_EQUAL(str_member(tl, "actor"), "RU");
	CU_ASSERT_STRING_EQUAL(str_member(tl, "region"), "border");
	CU_ASSERT_STRING_EQUAL(str_member(tl, "knowledge"), "then");
	json_t *points = json_object_get(tl, "points");
	CU_ASSERT_EQUAL_FATAL(json_array_size(points), 4);
	static const char *const dates[] = {"2021-12-01", "2021-12-08", "2021-12-15", "2021-12-22"};
	static const json_int_t bests[] = {60000, 80000, 112000, 99000};
	static const json_int_t lows[] = {60000, 80000, 90000, 81000};
	static const json_int_t highs[] = {60000, 80000, 130000, 130000};
	static const int contested[] = {0, 0, 1, 1};
	for (size_t i = 0; i < 4; i++) {
		json_t *p = json_array_get(points, i);
		CU_ASSERT_STRING_EQUAL(str_member(p, "at"), dates[i]);
		CU_ASSERT_STRING_EQUAL(str_member(p, "known_on"), dates[i]);
		if (int_member(p, "best") != bests[i])
			fprintf(stderr, "\npoint %s: best %lld, expected %lld\n", dates[i],
			        (long long)int_member(p, "best"), (long long)bests[i]);
		CU_ASSERT_EQUAL(int_member(p, "best"), bests[i]);
		CU_ASSERT_EQUAL(int_member(p, "low"), lows[i]);
		CU_ASSERT_EQUAL(int_member(p, "high"), highs[i]);
		CU_ASSERT_EQUAL(json_is_true(json_object_get(p, "contested")), contested[i]);
		CU_ASSERT_EQUAL(int_member(p, "pairs"), contested[i]);
		CU_ASSERT(json_is_array(json_object_get(p, "contributions")));
		CU_ASSERT(json_is_array(json_object_get(p, "parts")));
	}
	CU_ASSERT_EQUAL(int_member(json_array_get(points, 1), "voices"), 2);
	json_t *alerts = json_object_get(tl, "alerts");
	CU_ASSERT_EQUAL_FATAL(json_array_size(alerts), 1);
	json_t *al = json_array_get(alerts, 0);
	CU_ASSERT_STRING_EQUAL(str_member(al, "from"), "2021-12-01");
	CU_ASSERT_STRING_EQUAL(str_member(al, "to"), "2021-12-08");
	CU_ASSERT_EQUAL(int_member(al, "change"), 20000);
	CU_ASSERT_DOUBLE_EQUAL(json_number_value(json_object_get(al, "relative")), 1.0 / 3.0, 1e-9);
	json_t *claims = json_object_get(al, "claims");
	CU_ASSERT_EQUAL_FATAL(json_array_size(claims), 1);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(claims, 0)), "c2");
	json_decref(tl);
	run_result_clear(&r);

	/* With --hindsight every point knows everything (the old timeline):
	 * 12-01 and 12-08: only c2 observed among the known claims' winners
	 * (c10 is superseded by c3, c1 and the rest observed 12-10): 80,000;
	 * 12-15: 112,000. Alert at 12-15 against 12-01: +32,000 on 80,000 =
	 * 40%. */
	r = run_cli("timeline", path, "--actor", "RU", "--region", "border", "--from", "2021-12-01", "--to",
	            "2021-12-22", "--step", "7d", "--hindsight", "--json", NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	tl = run_json(&r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tl);
	CU_ASSERT_STRING_EQUAL(str_member(tl, "knowledge"), "hindsight");
	points = json_object_get(tl, "points");
	CU_ASSERT_EQUAL_FATAL(json_array_size(points), 4);
	CU_ASSERT_EQUAL(int_member(json_array_get(points, 0), "best"), 80000);
	CU_ASSERT_EQUAL(int_member(json_array_get(points, 2), "best"), 112000);
	CU_ASSERT(json_is_null(json_object_get(json_array_get(points, 0), "known_on")));
	alerts = json_object_get(tl, "alerts");
	CU_ASSERT_EQUAL_FATAL(json_array_size(alerts), 1);
	CU_ASSERT_STRING_EQUAL(str_member(json_array_get(alerts, 0), "to"), "2021-12-15");
	CU_ASSERT_EQUAL(int_member(json_array_get(alerts, 0), "change"), 32000);
	json_decref(tl);
	run_result_clear(&r);

	/* Text: one line per point, "1w" is "7d", and the alert with its claims. */
	r = run_cli("timeline", path, "--actor", "RU", "--region", "border", "--from", "2021-12-01", "--to",
	            "2021-12-22", "--step", "1w", NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	int points_seen = 0, alert_line = 0, contested_line = 0;
	char **lines = g_strsplit(r.out, "\n", -1);
	for (char **l = lines; *l; l++) {
		if (!g_str_has_prefix(*l, "2021-12-"))
			continue;
		points_seen += strstr(*l, " to ") ? 0 : 1;
		if (g_str_has_prefix(*l, "2021-12-08 ") && strstr(*l, "80,000") && strstr(*l, "ALERT"))
			alert_line = 1;
		if (g_str_has_prefix(*l, "2021-12-15 ") && strstr(*l, "112,000") &&
		    strstr(*l, "90,000-130,000") && strstr(*l, "CONTESTED") && !strstr(*l, "ALERT"))
			contested_line = 1;
	}
	g_strfreev(lines);
	CU_ASSERT_EQUAL(points_seen, 4);
	CU_ASSERT(alert_line);
	CU_ASSERT(contested_line);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "2021-12-01 to 2021-12-08: +20,000"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "    c2  "));
	run_result_clear(&r);

	/* Every day: 22 points. */
	r = run_cli("timeline", path, "--actor", "RU", "--region", "border", "--from", "2021-12-01", "--to",
	            "2021-12-22", "--step", "1d", "--json", NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	tl = run_json(&r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tl);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(tl, "points")), 22);
	json_decref(tl);
	run_result_clear(&r);
	g_free(path);
}

/* --- situation-report --------------------------------------------------- */

/* The path of a built example, or NULL (with a note) when it was not
 * built; g_free. */
static char *example_exe(const char *name)
{
	char *exe = g_build_filename(FT_BINARY_DIR, "examples", name, NULL);
	if (g_file_test(exe, G_FILE_TEST_IS_EXECUTABLE))
		return exe;
	fprintf(stderr, "%s not built (%s): skipped\n", name, exe);
	g_free(exe);
	return NULL;
}

/*
 * The example report of the bundled dataset. T defaults to the day of the
 * latest report, 2021-12-03, known on that day. RU in ua-border: the
 * ua-gov voice has c-hur-92k (observed 11-20), c-ua-94k (12-01) and
 * c-mod-94300 (12-03); the latest observed wins: about 94,300, d = 9,430,
 * 84,870-103,730, weight 0.48 (age 0), the one claim counted, so its figure
 * is said as its source said it: "about 94,300 (84,870-103,730)"
 * (report.h). Seven days before (11-26, as known then) only c-hur-92k was
 * reported and observed: at least 92,000, so best 92,000: +2,300. Thirty
 * days before nothing was. Crimea, Donetsk and Luhansk have no claims and
 * are left out.
 */
static void test_situation_report(void)
{
	char *exe = example_exe("situation-report");
	if (!exe)
		return;
	char *data = ft_test_source_path("examples/data/buildup-2021-12.json");
	char *argv[] = {exe, data, NULL};
	run_result r = run_argv(argv);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.err, "");
	CU_ASSERT(g_str_has_prefix(r.out, "SITUATION REPORT, 2021-12-03\n"));
	CU_ASSERT(has_line(r.out, "Near Ukraine's borders (ua-border)"));
	CU_ASSERT(has_line(r.out, "Ukraine (UA)"));
	CU_ASSERT(has_line(r.out, "    Donbas (donbas)"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "(crimea)"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "(donetsk)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "Russia (RU), personnel: about 94,300 (84,870-103,730)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "1 voice, 1 claim"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "+2,300 since 2021-11-26"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "no estimate 30 days before (2021-11-03)"));
	CU_ASSERT(is_clean(r.out));
	run_result_clear(&r);

	char *argv_at[] = {exe, data, (char *)(uintptr_t) "--at", (char *)(uintptr_t) "2021-12-01", NULL};
	r = run_argv(argv_at);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT(g_str_has_prefix(r.out, "SITUATION REPORT, 2021-12-01\n"));
	run_result_clear(&r);

	char *argv_bad[] = {exe, data, (char *)(uintptr_t) "--at", (char *)(uintptr_t) "2021-13", NULL};
	r = run_argv(argv_bad);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	run_result_clear(&r);

	g_free(data);
	g_free(exe);
}

/* Each example says what it does with --help: on stdout, exit 0. */
static void test_examples_help(void)
{
	static const char *const names[] = {"situation-report", "claims-report"};
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		char *exe = example_exe(names[i]);
		if (!exe)
			continue;
		char *usage = g_strdup_printf("usage: %s FILE", names[i]);
		char *argv[] = {exe, (char *)(uintptr_t) "--help", NULL};
		run_result r = run_argv(argv);
		CU_ASSERT(r.exited);
		CU_ASSERT_EQUAL(r.status, 0);
		CU_ASSERT_STRING_EQUAL(r.err, "");
		CU_ASSERT(g_str_has_prefix(r.out, usage));
		CU_ASSERT(line_count(r.out) > 3);
		run_result_clear(&r);
		/* An option it does not know is a usage error, on stderr. */
		char *bad[] = {exe, (char *)(uintptr_t) "--bogus", NULL};
		r = run_argv(bad);
		CU_ASSERT_EQUAL(r.status, 2);
		CU_ASSERT_STRING_EQUAL(r.out, "");
		CU_ASSERT(g_str_has_prefix(r.err, usage));
		run_result_clear(&r);
		g_free(usage);
		g_free(exe);
	}
}

/*
 * Times at the far edges of the format (tests/data/cli/edge-times.json):
 * c1 of 1,000 reported and observed 0001-01-01T00:00+23:59, which begins
 * at 0000-12-31T00:01Z, and c2 of 2,000 at 9999-12-31T23:59-23:59, which
 * begins at 10000-01-01T23:58Z, both just outside the UTC years 0001-9999.
 * The default date is the nearest day a time value can name, 9999-12-31,
 * not "no claims"; on 0001-01-01 c1 counts with weight 0.381: reliability
 * B 0.8 x credibility 6's 0.5 x 0.5^(age/14), its minute ending at
 * 0000-12-31T00:01:59.999999Z, 23 h 58 min (0.99861 days) before T starts:
 * 0.4 x 0.5^0.071329 = 0.4 x 0.95176 = 0.3807. The report says there is no
 * date 7 or 30 days before.
 */
static void test_edge_times(void)
{
	char *data = fixture("edge-times.json");
	run_result r = run_cli("estimate", data, "-a", "RU", "-r", "R", NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT(g_str_has_prefix(r.out, "RU in R, personnel, at 9999-12-31 "));
	/* c2 begins after the UTC day 9999-12-31 ends: not yet observed. */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "no estimate: no claim counts"));
	run_result_clear(&r);
	r = run_cli("estimate", data, "-a", "RU", "-r", "R", "--at", "0001-01-01", NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "best 1,000\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "counted            0.381  1,000"));
	run_result_clear(&r);
	r = run_cli("timeline", data, "-a", "RU", "-r", "R", "--from", "0001-01-01T00:00+23:59", "--to",
	            "0001-01-08", NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT(has_line(r.out, "0001-01-01  1,000  1 voice"));
	CU_ASSERT(has_line(r.out, "0001-01-08  1,000  1 voice"));
	run_result_clear(&r);
	char *exe = example_exe("situation-report");
	if (exe) {
		char *argv[] = {exe, data, (char *)(uintptr_t) "--at", (char *)(uintptr_t) "0001-01-01",
		                NULL};
		r = run_argv(argv);
		CU_ASSERT_EQUAL(r.status, 0);
		CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "Russia (RU), personnel: 1,000; 1 voice, 1 claim"));
		CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "no estimate 7 days before (before 0001-01-01)"));
		run_result_clear(&r);
		char *argv_default[] = {exe, data, NULL};
		r = run_argv(argv_default);
		CU_ASSERT_EQUAL(r.status, 0);
		CU_ASSERT(g_str_has_prefix(r.out, "SITUATION REPORT, 9999-12-31\n"));
		run_result_clear(&r);
		g_free(exe);
	}
	g_free(data);
}

/*
 * situation-report --json: the estimates of its entries as the library
 * writes them, one object each, in the report's order: RU in ua-border
 * (personnel, then btg), UA in UA, UA in donbas; dated and known on
 * 2021-12-03 (see test_situation_report): RU's personnel is 94,300.
 */
static void test_situation_report_json(void)
{
	char *exe = example_exe("situation-report");
	if (!exe)
		return;
	char *data = ft_test_source_path("examples/data/buildup-2021-12.json");
	char *argv[] = {exe, data, (char *)(uintptr_t) "--json", NULL};
	run_result r = run_argv(argv);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.err, "");
	static const char *const want[][3] = {{"RU", "ua-border", "personnel"},
	                                      {"RU", "ua-border", "btg"},
	                                      {"UA", "UA", "personnel"},
	                                      {"UA", "donbas", "personnel"}};
	size_t n = 0;
	const char *p = r.out;
	while (*p) {
		json_error_t jerr;
		json_t *o = json_loads(p, JSON_DISABLE_EOF_CHECK, &jerr);
		CU_ASSERT_PTR_NOT_NULL_FATAL(o);
		if (n < G_N_ELEMENTS(want)) {
			CU_ASSERT_STRING_EQUAL(str_member(o, "actor"), want[n][0]);
			CU_ASSERT_STRING_EQUAL(str_member(o, "region"), want[n][1]);
			CU_ASSERT_STRING_EQUAL(str_member(o, "measure"), want[n][2]);
			CU_ASSERT_STRING_EQUAL(str_member(o, "at"), "2021-12-03");
			CU_ASSERT_STRING_EQUAL(str_member(o, "known_on"), "2021-12-03");
			CU_ASSERT(json_is_array(json_object_get(o, "contributions")));
		}
		if (n == 0) {
			CU_ASSERT_EQUAL(int_member(o, "best"), 94300);
			CU_ASSERT_EQUAL(int_member(o, "low"), 84870);
			CU_ASSERT_EQUAL(int_member(o, "high"), 103730);
			CU_ASSERT(json_is_false(json_object_get(o, "open_below")));
		}
		n++;
		json_decref(o);
		p += jerr.position;
		while (*p == '\n')
			p++;
	}
	CU_ASSERT_EQUAL(n, G_N_ELEMENTS(want));
	run_result_clear(&r);
	g_free(data);
	g_free(exe);
}

/*
 * The worked examples of docs/estimation.md, section 11 (iii): the figures
 * printed there, worked out by hand in the document, are what the program
 * gives, with their flags, and the text says them with their hedges
 * (report.h's ft_estimate_format).
 */
typedef struct worked_case {
	const char *name;
	const char *args[6];
	json_int_t best, low, high, claims, voices;
	int open_below, open_above;
	const char *text; /* the figure as the text says it */
} worked_case;

static void test_worked_example(void)
{
	static const worked_case cases[] = {
	    /* (a) known on 30 November: only Budanov's "at least 92,000": best
	     * 92,000, low 92,000, high 92,000 and open above. */
	    {"(a)",
	     {"--at", "2021-12-01", "--known-on", "2021-11-30", NULL},
	     92000,
	     92000,
	     92000,
	     1,
	     1,
	     0,
	     1,
	     "92,000 or more"},
	    /* (b) about 94,000, d = 9,400: (84,600 + 103,400 + 1) / 2 = 94,000;
	     * one claim, said as its source said it. */
	    {"(b)",
	     {"--at", "2021-12-01", NULL},
	     94000,
	     84600,
	     103400,
	     1,
	     1,
	     0,
	     0,
	     "about 94,000 (84,600-103,400)"},
	    /* (c) about 94,300 (0.06) and at most 175,000 (0.48, the only
	     * current claim): best 94,300, range 0-175,000, open below. */
	    {"(c)",
	     {"--at", "2022-01-15", "--include-projections", NULL},
	     94300,
	     0,
	     175000,
	     2,
	     2,
	     1,
	     0,
	     "94,300 (range up to 175,000), open below"},
	};
	char *data = ft_test_source_path("examples/data/buildup-2021-12.json");
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const worked_case *w = &cases[i];
		for (int json = 1; json >= 0; json--) {
			GPtrArray *argv = g_ptr_array_new();
			const char *fixed[] = {FT_CLI_PATH, "estimate", data,       "--actor",
			                       "RU",        "--region", "ua-border"};
			for (size_t k = 0; k < G_N_ELEMENTS(fixed); k++)
				g_ptr_array_add(argv, (gpointer)(uintptr_t)fixed[k]);
			for (size_t k = 0; w->args[k]; k++)
				g_ptr_array_add(argv, (gpointer)(uintptr_t)w->args[k]);
			if (json)
				g_ptr_array_add(argv, (gpointer)(uintptr_t) "--json");
			g_ptr_array_add(argv, NULL);
			run_result r = run_argv((char **)argv->pdata);
			g_ptr_array_free(argv, TRUE);
			CU_ASSERT_EQUAL(r.status, 0);
			if (!json) {
				if (!strstr(r.out, w->text))
					fprintf(stderr, "\nworked example %s: no \"%s\" in\n%s", w->name,
					        w->text, r.out);
				CU_ASSERT_PTR_NOT_NULL(strstr(r.out, w->text));
				run_result_clear(&r);
				continue;
			}
			json_t *est = run_json(&r);
			CU_ASSERT_PTR_NOT_NULL_FATAL(est);
			if (int_member(est, "best") != w->best || int_member(est, "low") != w->low ||
			    int_member(est, "high") != w->high)
				fprintf(stderr, "\nworked example %s: got %s\n", w->name, r.out);
			CU_ASSERT_EQUAL(int_member(est, "best"), w->best);
			CU_ASSERT_EQUAL(int_member(est, "low"), w->low);
			CU_ASSERT_EQUAL(int_member(est, "high"), w->high);
			CU_ASSERT_EQUAL(int_member(est, "claims"), w->claims);
			CU_ASSERT_EQUAL(int_member(est, "voices"), w->voices);
			CU_ASSERT_EQUAL(json_is_true(json_object_get(est, "open_below")), w->open_below);
			CU_ASSERT_EQUAL(json_is_true(json_object_get(est, "open_above")), w->open_above);
			CU_ASSERT(json_is_false(json_object_get(est, "not_credible")));
			CU_ASSERT_TRUE(json_is_false(json_object_get(est, "contested")));
			CU_ASSERT_EQUAL(int_member(est, "pairs"), 0);
			json_decref(est);
			run_result_clear(&r);
		}
	}
	/* (a): Budanov's weight, observed 20 November, 10 days old on 1 December,
	 * half-life 14: 0.6 x 0.8 x 0.5^(10/14) = 0.48 x 0.609506827102 =
	 * 0.292563277009 (the document's 0.2926). (c): Reznikov's, 42 days old
	 * on 15 January: 0.48 x 0.5^(42/14) = 0.48 x 0.125 = 0.06, not
	 * current (0.06 < 0.24); the projection's 0.48 is. */
	run_result r = run_cli("estimate", data, "--actor", "RU", "--region", "ua-border", "--at",
	                       "2021-12-01", "--known-on", "2021-11-30", "--json", NULL);
	json_t *est = run_json(&r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(est);
	check_weight(est, "c-hur-92k", 0.292563277009);
	check_contribution(est, "c-ua-94k", "not-yet-reported", "adversary");
	check_more(est, "c-hur-92k", 1, "at-least", "RU", "ua-border");
	CU_ASSERT_STRING_EQUAL(str_member(contribution_of(est, "c-hur-92k"), "source_name"),
	                       "Kyrylo Budanov, chief of Defence Intelligence of Ukraine");
	json_decref(est);
	run_result_clear(&r);
	r = run_cli("estimate", data, "--actor", "RU", "--region", "ua-border", "--at", "2022-01-15",
	            "--include-projections", "--json", NULL);
	est = run_json(&r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(est);
	check_weight(est, "c-mod-94300", 0.06);
	check_weight(est, "c-us-175k", 0.48);
	check_contribution(est, "c-ua-94k", "same-voice", "adversary");
	check_contribution(est, "c-us-175k", "counted", "third-party");
	check_more(est, "c-mod-94300", 0, "approx", "RU", "ua-border");
	check_more(est, "c-us-175k", 1, "at-most", "RU", "ua-border");
	json_decref(est);
	run_result_clear(&r);
	/* (d): UA in UA rolls up (UA, donbas): about 125,000, d = 12,500;
	 * weight D x 4 = 0.4 x 0.4 = 0.16; (112,500 + 137,500 + 1) / 2 =
	 * 125,000. The claim counts at its own node, (UA, donbas). */
	r = run_cli("estimate", data, "--actor", "UA", "--region", "UA", "--at", "2021-12-01", "--json",
	            NULL);
	est = run_json(&r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(est);
	CU_ASSERT_EQUAL(int_member(est, "best"), 125000);
	CU_ASSERT_EQUAL(int_member(est, "low"), 112500);
	CU_ASSERT_EQUAL(int_member(est, "high"), 137500);
	CU_ASSERT_EQUAL(int_member(est, "claims"), 1);
	CU_ASSERT_EQUAL(int_member(est, "voices"), 1);
	CU_ASSERT(json_is_false(json_object_get(est, "open_below")));
	CU_ASSERT(json_is_false(json_object_get(est, "open_above")));
	check_weight(est, "c-ru-125k", 0.16);
	check_contribution(est, "c-ru-125k", "counted", "adversary");
	check_more(est, "c-ru-125k", 1, "approx", "UA", "donbas");
	CU_ASSERT_STRING_EQUAL(str_member(contribution_of(est, "c-ru-125k"), "source_name"),
	                       "Kremlin spokesman (not named in the article)");
	json_decref(est);
	run_result_clear(&r);
	r = run_cli("estimate", data, "--actor", "UA", "--region", "UA", "--at", "2021-12-01", NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "about 125,000 (112,500-137,500)"));
	run_result_clear(&r);
	g_free(data);
}

/* --- convert and append ------------------------------------------------ */

/* The first `n` lines of the file at `path`, each with its newline. */
static char *head_lines(const char *path, int n)
{
	size_t len = 0;
	char *text = ft_test_read_file(path, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	char *p = text;
	for (int i = 0; i < n && p; i++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (p)
		*p = '\0';
	return text;
}

static void test_convert(void)
{
	/*
	 * valid.json by hand: the header with its two dataset fields, then 2
	 * actors, 3 regions, 1 unit, 4 sources and 5 claims: 16 lines. RU
	 * declares that it opposes UA, which comes later: a stream writes the
	 * relation on UA's line.
	 */
	char *valid = fixture("valid.json");
	char *dir = make_tmpdir();
	char *lines = g_build_filename(dir, "data.jsonl", NULL);
	char *back = g_build_filename(dir, "back.json", NULL);
	char *again = g_build_filename(dir, "again.jsonl", NULL);

	run_result r = run_cli("convert", valid, lines, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	CU_ASSERT_STRING_EQUAL(r.err, "");
	run_result_clear(&r);
	char *text = ft_test_read_file(lines, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_EQUAL(line_count(text), 16);
	g_free(text);
	char *head = head_lines(lines, 3);
	CU_ASSERT_STRING_EQUAL(
	    head, "{\"forcetrack\":\"1.0\",\"dataset\":{\"title\":\"CLI test fixture: two claims of 1 "
	          "December 2021 and three others\",\"license\":\"CC-BY-4.0\"}}\n"
	          "{\"actor\":{\"id\":\"RU\",\"name\":\"Russia\",\"kind\":\"state\",\"code\":\"RUS\","
	          "\"aliases\":[\"Russian Federation\",\"Росія\"]}}\n"
	          "{\"actor\":{\"id\":\"UA\",\"name\":\"Ukraine\",\"kind\":\"state\",\"code\":\"UKR\","
	          "\"opposes\":[\"RU\"]}}\n");
	g_free(head);

	/* From lines the default is a document, which validates. */
	r = run_cli("convert", lines, back, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	run_result_clear(&r);
	head = head_lines(back, 2);
	CU_ASSERT_STRING_EQUAL(head, "{\n  \"forcetrack\": \"1.0\",\n");
	g_free(head);
	r = run_cli("validate", back, NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	run_result_clear(&r);

	/* --to names the encoding whatever the input: the document goes back
	 * to the same lines, and --to document of a document is fmt. */
	r = run_cli("convert", "--to", "lines", back, again, NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT(files_equal(again, lines));
	run_result_clear(&r);
	r = run_cli("convert", valid, back, "--to", "document", NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT(files_equal(back, valid));
	run_result_clear(&r);

	char *listing = dir_listing(dir);
	CU_ASSERT_STRING_EQUAL(listing, "again.jsonl\nback.json\ndata.jsonl\n");
	g_free(listing);
	g_free(again);
	g_free(back);
	g_free(lines);
	remove_tmpdir(dir);
	g_free(valid);
}

static void test_convert_errors(void)
{
	char *valid = fixture("valid.json");
	char *bad = fixture("two-problems.json");
	char *dir = make_tmpdir();
	char *out = g_build_filename(dir, "out.jsonl", NULL);
	char *missing = g_build_filename(dir, "missing", "out.jsonl", NULL);

	/* Usage: exit 2, nothing written. */
	run_result r = run_cli("convert", valid, NULL);
	CU_ASSERT_EQUAL(r.status, 2);
	run_result_clear(&r);
	r = run_cli("convert", valid, out, "--to", "xml", NULL);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT(strstr(r.err, "--to: lines or document") != NULL);
	run_result_clear(&r);

	/* An invalid input: its problems, one line each, and no output. */
	r = run_cli("convert", bad, out, NULL);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_EQUAL(line_count(r.out), 2);
	CU_ASSERT(every_line_starts_with(r.out, bad));
	run_result_clear(&r);
	char *listing = dir_listing(dir);
	CU_ASSERT_STRING_EQUAL(listing, "");
	g_free(listing);

	/* An output that cannot be written: one line naming it. */
	r = run_cli("convert", valid, missing, NULL);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_EQUAL(line_count(r.out), 1);
	CU_ASSERT(every_line_starts_with(r.out, missing));
	run_result_clear(&r);

	g_free(missing);
	g_free(out);
	remove_tmpdir(dir);
	g_free(bad);
	g_free(valid);
}

static void test_append(void)
{
	char *valid = fixture("valid.json");
	char *dir = make_tmpdir();
	char *lines = g_build_filename(dir, "data.jsonl", NULL);
	char *good = g_build_filename(dir, "good.jsonl", NULL);
	char *bad = g_build_filename(dir, "bad.jsonl", NULL);
	char *one = g_build_filename(dir, "one.jsonl", NULL);

	run_result r = run_cli("convert", valid, lines, NULL);
	CU_ASSERT_EQUAL_FATAL(r.status, 0);
	run_result_clear(&r);
	size_t before_len = 0;
	char *before = ft_test_read_file(lines, &before_len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);

	/* Two lines: a source, and a claim citing it. */
	CU_ASSERT_FATAL(g_file_set_contents(
	    good,
	    "{\"source\": {\"id\": \"kyiv-post\", \"name\": \"Kyiv Post\", \"kind\": \"media\"}}\n"
	    "{\"claim\": {\"id\": \"n1\", \"source\": \"kyiv-post\", \"subject\": \"RU\", \"region\": "
	    "\"UA-border\","
	    " \"value\": 100000, \"qualifier\": \"approx\", \"reported\": \"2021-12-06\"}}\n",
	    -1, NULL));
	/* A claim in a region nobody listed, on line 2. */
	CU_ASSERT_FATAL(g_file_set_contents(bad,
	                                    "{\"actor\": {\"id\": \"BY\", \"name\": \"Belarus\"}}\n"
	                                    "{\"claim\": {\"id\": \"n2\", \"source\": \"ua-mod\", "
	                                    "\"subject\": \"RU\", \"region\": \"nowhere\","
	                                    " \"value\": 1, \"reported\": \"2021-12-06\"}}\n",
	                                    -1, NULL));
	CU_ASSERT_FATAL(
	    g_file_set_contents(one, "{\"actor\": {\"id\": \"BY\", \"name\": \"Belarus\"}}", -1, NULL));

	r = run_cli("append", lines, good, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	char *want = g_strdup_printf("%s: appended 2 lines\n", lines);
	CU_ASSERT_STRING_EQUAL(r.out, want);
	g_free(want);
	run_result_clear(&r);
	size_t after_len = 0;
	char *after = ft_test_read_file(lines, &after_len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(after);
	CU_ASSERT(after_len > before_len && memcmp(after, before, before_len) == 0);
	CU_ASSERT_STRING_EQUAL(
	    after + before_len,
	    "{\"source\":{\"id\":\"kyiv-post\",\"name\":\"Kyiv Post\",\"kind\":\"media\"}}\n"
	    "{\"claim\":{\"id\":\"n1\",\"source\":\"kyiv-post\",\"subject\":\"RU\","
	    "\"region\":\"UA-border\",\"value\":100000,\"qualifier\":\"approx\","
	    "\"reported\":\"2021-12-06\"}}\n");
	g_free(before);
	before = after;
	before_len = after_len;

	/* one.jsonl adds BY (its line has no newline: it counts all the
	 * same); then bad.jsonl is refused whole, at its first line, which
	 * lists BY again. */
	r = run_cli("append", lines, one, bad, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 1);
	want = g_strdup_printf("%s: appended 1 line\n", lines);
	CU_ASSERT(g_str_has_prefix(r.out, want));
	g_free(want);
	CU_ASSERT_EQUAL(line_count(r.out), 2);
	want = g_strdup_printf("%s:1: actor.id: duplicate actor id \"BY\"", bad);
	CU_ASSERT(strstr(r.out, want) != NULL);
	g_free(want);
	run_result_clear(&r);
	after = ft_test_read_file(lines, &after_len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(after);
	CU_ASSERT_EQUAL(after_len, before_len + strlen("{\"actor\":{\"id\":\"BY\",\"name\":\"Belarus\"}}\n"));
	CU_ASSERT(memcmp(after, before, before_len) == 0);
	g_free(before);
	before = after;
	before_len = after_len;

	/* Without BY's line the region is what is wrong, on line 2. */
	CU_ASSERT_FATAL(g_file_set_contents(bad,
	                                    "{\"claim\": {\"id\": \"n2\", \"source\": \"ua-mod\", "
	                                    "\"subject\": \"BY\", \"region\": \"UA-border\","
	                                    " \"value\": 1, \"reported\": \"2021-12-06\"}}\n"
	                                    "{\"claim\": {\"id\": \"n3\", \"source\": \"ua-mod\", "
	                                    "\"subject\": \"RU\", \"region\": \"nowhere\","
	                                    " \"value\": 1, \"reported\": \"2021-12-06\"}}\n",
	                                    -1, NULL));
	r = run_cli("append", lines, bad, NULL);
	CU_ASSERT_EQUAL(r.status, 1);
	want = g_strdup_printf("%s:2: claim.region: unknown region \"nowhere\"\n", bad);
	CU_ASSERT_STRING_EQUAL(r.out, want);
	g_free(want);
	run_result_clear(&r);
	after = ft_test_read_file(lines, &after_len);
	CU_ASSERT(after_len == before_len && memcmp(after, before, before_len) == 0);
	g_free(after);

	/* Usage: a file of lines is needed. */
	r = run_cli("append", lines, NULL);
	CU_ASSERT_EQUAL(r.status, 2);
	run_result_clear(&r);

	char *listing = dir_listing(dir);
	CU_ASSERT_STRING_EQUAL(listing, "bad.jsonl\ndata.jsonl\ngood.jsonl\none.jsonl\n");
	g_free(listing);
	g_free(before);
	g_free(one);
	g_free(bad);
	g_free(good);
	g_free(lines);
	remove_tmpdir(dir);
	g_free(valid);
}

/* Runs the CLI with standard input read from `input` (through sh). */
static run_result run_cli_stdin(const char *input, const char *first, ...)
{
	GPtrArray *args = g_ptr_array_new();
	g_ptr_array_add(args, (gpointer) "/bin/sh");
	g_ptr_array_add(args, (gpointer) "-c");
	g_ptr_array_add(args, (gpointer) "in=$1; shift; exec \"$0\" \"$@\" < \"$in\"");
	g_ptr_array_add(args, (gpointer)(uintptr_t)FT_CLI_PATH);
	g_ptr_array_add(args, (gpointer)(uintptr_t)input);
	va_list ap;
	va_start(ap, first);
	for (const char *a = first; a; a = va_arg(ap, const char *))
		g_ptr_array_add(args, (gpointer)(uintptr_t)a);
	va_end(ap);
	g_ptr_array_add(args, NULL);
	run_result r = run_argv((char **)args->pdata);
	g_ptr_array_free(args, TRUE);
	return r;
}

/* A JSON Lines file in `dir`: the header and actors RU and UA (lines 1-3). */
static char *small_lines_file(const char *dir, const char *name, const char *tail)
{
	char *path = g_build_filename(dir, name, NULL);
	char *text = g_strconcat("{\"forcetrack\":\"1.0\"}\n{\"actor\":{\"id\":\"RU\",\"name\":\"Russia\"}}\n"
	                         "{\"actor\":{\"id\":\"UA\",\"name\":\"Ukraine\"}}\n",
	                         tail, NULL);
	CU_ASSERT_FATAL(g_file_set_contents(path, text, -1, NULL));
	g_free(text);
	return path;
}

static void test_append_stdin_and_line(void)
{
	char *dir = make_tmpdir();
	char *lines = small_lines_file(dir, "data.jsonl", "");
	char *input = g_build_filename(dir, "input", NULL);
	CU_ASSERT_FATAL(
	    g_file_set_contents(input, "{\"actor\": {\"id\": \"BY\", \"name\": \"Belarus\"}}\n", -1, NULL));

	/* "-" is standard input; --line lines go after, as one batch. */
	run_result r = run_cli_stdin(input, "append", lines, "-", "--line",
	                             "{\"actor\": {\"id\": \"KZ\", \"name\": \"Kazakhstan\"}}", "-l",
	                             "{\"actor\": {\"id\": \"MD\", \"name\": \"Moldova\"}}", NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	char *want = g_strdup_printf("%s: appended 1 line\n%s: appended 2 lines\n", lines, lines);
	CU_ASSERT_STRING_EQUAL(r.out, want);
	g_free(want);
	run_result_clear(&r);
	size_t len = 0;
	char *got = ft_test_read_file(lines, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT(g_str_has_suffix(got, "{\"actor\":{\"id\":\"UA\",\"name\":\"Ukraine\"}}\n"
	                                "{\"actor\":{\"id\":\"BY\",\"name\":\"Belarus\"}}\n"
	                                "{\"actor\":{\"id\":\"KZ\",\"name\":\"Kazakhstan\"}}\n"
	                                "{\"actor\":{\"id\":\"MD\",\"name\":\"Moldova\"}}\n"));
	g_free(got);

	/* A bad --line is named as "--line", its line number counted among
	 * the --line lines: the second repeats BY. Nothing is written. */
	r = run_cli("append", lines, "--line", "{\"actor\": {\"id\": \"AM\", \"name\": \"Armenia\"}}",
	            "--line", "{\"actor\": {\"id\": \"BY\", \"name\": \"B\"}}", NULL);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_STRING_EQUAL(r.out,
	                       "--line:2: actor.id: duplicate actor id \"BY\" (an earlier line has it)\n");
	run_result_clear(&r);

	/* Usage: a --line with a newline, "-" twice, nothing to append. */
	r = run_cli("append", lines, "--line", "{\"actor\":\n{}}", NULL);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT(strstr(r.err, "--line takes one line") != NULL);
	run_result_clear(&r);
	expect_usage_error(run_cli("append", lines, "-", "-", NULL));
	expect_usage_error(run_cli("append", lines, NULL));

	/* A document is said to be one. */
	char *doc = fixture("valid.json");
	r = run_cli("append", doc, "--line", "{\"actor\": {\"id\": \"AM\", \"name\": \"Armenia\"}}", NULL);
	CU_ASSERT_EQUAL(r.status, 1);
	want = g_strdup_printf("%s: this is a JSON document, not JSON Lines: lines can only be appended to a "
	                       "JSON Lines file (forcetrack convert writes one)\n",
	                       doc);
	CU_ASSERT_STRING_EQUAL(r.out, want);
	g_free(want);
	run_result_clear(&r);

	g_free(doc);
	g_free(input);
	g_free(lines);
	remove_tmpdir(dir);
}

static void test_append_recover(void)
{
	/* Line 4 is torn: {"actor":{"id":"B is 17 bytes ({"actor": 9,
	 * {"id": 6, "B 2). */
	char *dir = make_tmpdir();
	char *whole = small_lines_file(dir, "whole.jsonl", "");
	char *lines = small_lines_file(dir, "data.jsonl", "{\"actor\":{\"id\":\"B");
	const char *by = "{\"actor\": {\"id\": \"BY\", \"name\": \"Belarus\"}}";

	/* Refused, and the message names the option, which exists. */
	run_result r = run_cli("append", lines, "--line", by, NULL);
	CU_ASSERT_EQUAL(r.status, 1);
	char *want = g_strdup_printf("%s:4: the file ends in a torn line 4 (an append that did not finish): "
	                             "drop it with recovery first (forcetrack append --recover)\n",
	                             lines);
	CU_ASSERT_STRING_EQUAL(r.out, want);
	g_free(want);
	run_result_clear(&r);

	/* fmt refuses it too; fmt --recover drops it, says so on stderr, and
	 * writes the three whole lines. */
	r = run_cli("fmt", lines, NULL);
	CU_ASSERT_EQUAL(r.status, 1);
	run_result_clear(&r);
	r = run_cli("fmt", "--recover", lines, NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	size_t len = 0;
	char *whole_text = ft_test_read_file(whole, &len);
	CU_ASSERT_STRING_EQUAL(r.out, whole_text);
	want = g_strdup_printf("%s:4: dropped: line 4 is torn (the file ends in the middle of a line, as "
	                       "after a crash during an append)\n",
	                       lines);
	CU_ASSERT_STRING_EQUAL(r.err, want);
	g_free(want);
	run_result_clear(&r);

	/* append --recover alone repairs the file: it is the whole file. */
	r = run_cli("append", "--recover", lines, NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	want = g_strdup_printf("%s:4: recovered: dropped line 4 (17 bytes), left by an append that did not "
	                       "finish\n",
	                       lines);
	CU_ASSERT_STRING_EQUAL(r.out, want);
	g_free(want);
	run_result_clear(&r);
	CU_ASSERT(files_equal(lines, whole));
	r = run_cli("append", "--recover", lines, NULL);
	want = g_strdup_printf("%s: nothing to recover\n", lines);
	CU_ASSERT_STRING_EQUAL(r.out, want);
	g_free(want);
	run_result_clear(&r);

	/* --recover then the line; and fmt --recover --in-place of a torn
	 * file leaves it canonical, without the torn line. */
	char *torn = g_strconcat(whole_text, "{\"act", NULL);
	CU_ASSERT_FATAL(g_file_set_contents(lines, torn, -1, NULL));
	g_free(torn);
	r = run_cli("append", "--recover", lines, "--line", by, NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(line_count(r.out), 2);
	run_result_clear(&r);
	char *after = ft_test_read_file(lines, &len);
	want = g_strconcat(whole_text, "{\"actor\":{\"id\":\"BY\",\"name\":\"Belarus\"}}\n", NULL);
	CU_ASSERT_STRING_EQUAL(after, want);
	g_free(after);
	torn = g_strconcat(want, "{\"act", NULL);
	CU_ASSERT_FATAL(g_file_set_contents(lines, torn, -1, NULL));
	g_free(torn);
	r = run_cli("fmt", "--recover", "--in-place", lines, NULL);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT(strstr(r.err, ":5: dropped: line 5 is torn") != NULL);
	run_result_clear(&r);
	after = ft_test_read_file(lines, &len);
	CU_ASSERT_STRING_EQUAL(after, want);
	g_free(after);
	g_free(want);

	char *listing = dir_listing(dir);
	CU_ASSERT_STRING_EQUAL(listing, "data.jsonl\nwhole.jsonl\n");
	g_free(listing);
	g_free(whole_text);
	g_free(lines);
	g_free(whole);
	remove_tmpdir(dir);
}

static void test_append_concurrent(void)
{
	/*
	 * Eight forcetrack append processes started together on one file: six
	 * with ids of their own, two with the same id X. Each exits 0 but one
	 * of the pair, which is refused (exit 1); the file loads and holds
	 * RU, UA, the six and X: 9 actors.
	 */
	char *dir = make_tmpdir();
	char *lines = small_lines_file(dir, "data.jsonl", "");
	GPid pids[8];
	for (int i = 0; i < 8; i++) {
		char *line = g_strdup_printf("{\"actor\": {\"id\": \"%s%d\", \"name\": \"n\"}}",
		                             i < 6 ? "A" : "X", i < 6 ? i : 0);
		char *argv[] = {(char *)FT_CLI_PATH, (char *)"append", lines, (char *)"--line", line, NULL};
		GError *error = NULL;
		CU_ASSERT_FATAL(g_spawn_async(NULL, argv, NULL,
		                              G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
		                              NULL, &pids[i], &error));
		g_free(line);
	}
	int failed[8];
	for (int i = 0; i < 8; i++) {
		int st = 0;
		CU_ASSERT_EQUAL(waitpid(pids[i], &st, 0), pids[i]);
		failed[i] = !WIFEXITED(st) || WEXITSTATUS(st) != 0;
		g_spawn_close_pid(pids[i]);
	}
	for (int i = 0; i < 6; i++)
		CU_ASSERT_EQUAL(failed[i], 0);
	CU_ASSERT_EQUAL(failed[6] + failed[7], 1);
	ft_error err;
	ft_dataset *ds = ft_dataset_load_file(lines, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	CU_ASSERT_EQUAL(ft_dataset_actor_count(ds), 9);
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_find_actor(ds, "X0"));
	ft_dataset_free(ds);
	g_free(lines);
	remove_tmpdir(dir);
}

/*
 * An append that must wait for another writer says so before it waits:
 * this process holds the file's flock, the append prints "waiting for
 * another writer of FILE to finish" on standard error and blocks; once the
 * lock is released it appends and exits 0.
 */
static void test_append_waits_and_says_so(void)
{
	char *dir = make_tmpdir();
	char *lines = small_lines_file(dir, "data.jsonl", "");
	int fd = open(lines, O_RDONLY | O_CLOEXEC);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_FATAL(flock(fd, LOCK_EX) == 0);
	char *argv[] = {(char *)FT_CLI_PATH,
	                (char *)"append",
	                lines,
	                (char *)"--line",
	                (char *)"{\"actor\": {\"id\": \"BY\", \"name\": \"Belarus\"}}",
	                NULL};
	GPid pid;
	int err_fd = -1;
	GError *error = NULL;
	CU_ASSERT_FATAL(g_spawn_async_with_pipes(NULL, argv, NULL,
	                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
	                                         NULL, &pid, NULL, NULL, &err_fd, &error));
	/* The note comes before the wait: read it while the lock is held. */
	GString *said = g_string_new(NULL);
	char buf[256];
	ssize_t n;
	while (!strchr(said->str, '\n') && (n = read(err_fd, buf, sizeof buf)) > 0)
		g_string_append_len(said, buf, n);
	char *want =
	    g_strdup_printf("forcetrack append: waiting for another writer of %s to finish\n", lines);
	CU_ASSERT_STRING_EQUAL(said->str, want);
	/* Still waiting: nothing was appended yet. */
	int st = 0;
	CU_ASSERT_EQUAL(waitpid(pid, &st, WNOHANG), 0);
	close(fd); /* releases the lock */
	CU_ASSERT_EQUAL(waitpid(pid, &st, 0), pid);
	CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	g_spawn_close_pid(pid);
	close(err_fd);
	ft_error ferr;
	ft_dataset *ds = ft_dataset_load_file(lines, NULL, &ferr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_find_actor(ds, "BY"));
	ft_dataset_free(ds);
	g_free(want);
	g_string_free(said, TRUE);
	g_free(lines);
	remove_tmpdir(dir);
}

int main(void)
{
	static const ft_test tests[] = {
	    {"validate a valid file", test_validate_ok},
	    {"validate a file with two problems", test_validate_two_problems},
	    {"validate several files, --quiet", test_validate_several_and_quiet},
	    {"validate an unreadable path", test_validate_unreadable},
	    {"validate input that is no dataset", test_validate_garbage},
	    {"validate prints every problem", test_validate_many_problems},
	    {"validate keeps control characters out", test_validate_control_characters},
	    {"usage errors exit 2", test_usage_errors},
	    {"--version", test_version},
	    {"help COMMAND and COMMAND --help", test_help},
	    {"an unknown command", test_unknown_command},
	    {"fmt to stdout", test_fmt_stdout},
	    {"fmt --check", test_fmt_check},
	    {"fmt of an invalid file", test_fmt_load_error},
	    {"fmt --in-place", test_fmt_in_place},
	    {"fmt -o", test_fmt_output},
	    {"fmt --in-place through links", test_fmt_in_place_links},
	    {"fmt --in-place under a file-size limit", test_fmt_in_place_size_limit},
	    {"stats", test_stats},
	    {"stats keeps control characters out", test_stats_control_characters},
	    {"stats shows C1 and bidi controls escaped", test_stats_bidi_and_c1},
	    {"fmt writes C1 and bidi controls escaped", test_fmt_bidi_and_c1},
	    {"look-alike ids name their code points", test_validate_lookalike_ids},
	    {"estimate --json, figures by hand", test_estimate_json},
	    {"estimate --known-on", test_estimate_known_on},
	    {"estimate of an inconsistent roll-up", test_estimate_inconsistent},
	    {"estimate as text", test_estimate_text},
	    {"estimate and timeline errors", test_estimate_errors},
	    {"timeline", test_timeline},
	    {"situation-report of the example dataset", test_situation_report},
	    {"situation-report --json", test_situation_report_json},
	    {"times at the edges of the format", test_edge_times},
	    {"the examples' --help", test_examples_help},
	    {"the worked example of docs/estimation.md", test_worked_example},
	    {"convert both ways", test_convert},
	    {"convert errors", test_convert_errors},
	    {"append", test_append},
	    {"append from stdin and --line", test_append_stdin_and_line},
	    {"append --recover and fmt --recover", test_append_recover},
	    {"eight appends at once", test_append_concurrent},
	    {"an append that waits says so", test_append_waits_and_says_so},
	    {NULL, NULL},
	};
	return ft_test_run("cli", tests);
}
