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

#include <glib.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>

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

/* 1 when `s` holds no control character other than the line ends. */
static int is_clean(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			return 0;
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
	/* The wording FORMAT.md section 8 gives for an unknown reference. */
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
	 */
	char *want =
	    g_strdup_printf("%s\n"
	                    "title     CLI test fixture: two claims of 1 December 2021 and three others\n"
	                    "actors    2\n"
	                    "regions   3\n"
	                    "units     1\n"
	                    "sources   4\n"
	                    "claims    5\n"
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
	                    path);
	run_result r = run_cli("stats", path, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, want);
	run_result_clear(&r);
	g_free(want);
	g_free(path);
}

/* Names carrying an escape sequence, a bell, CR, LF, TAB and DEL are
 * printed without them. */
static void test_stats_control_characters(void)
{
	char *path = fixture("control.json");
	run_result r = run_cli("stats", path, NULL);
	CU_ASSERT(r.exited);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT(is_clean(r.out));
	CU_ASSERT(has_line(r.out, "  RU  1  Rus[31msiaX"));
	CU_ASSERT(has_line(r.out, "  r1  1  Borderzone"));
	run_result_clear(&r);
	g_free(path);
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
	    {"fmt to stdout", test_fmt_stdout},
	    {"fmt --check", test_fmt_check},
	    {"fmt of an invalid file", test_fmt_load_error},
	    {"fmt --in-place", test_fmt_in_place},
	    {"fmt -o", test_fmt_output},
	    {"fmt --in-place under a file-size limit", test_fmt_in_place_size_limit},
	    {"stats", test_stats},
	    {"stats keeps control characters out", test_stats_control_characters},
	    {NULL, NULL},
	};
	return ft_test_run("cli", tests);
}
