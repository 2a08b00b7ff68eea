/*
 * The data-driven cases of tests/data. Every folder under invalid/ holds an
 * input.json that breaks exactly one rule of docs/format.md and an `error` file
 * with the one line the library must print for it; the suite checks that
 * loading it from a buffer, a file and a stream refuses it with exactly that
 * line, a negative code, and at least one problem passed to the callback.
 * Every folder under valid/ must load, save, load again and save to the
 * same text, and a canonical input must come back byte for byte. Last, the
 * max_errors cap of ft_load_options is held to exactly. Adding a case is
 * adding a folder; a suite that found too few folders fails, so a wrong
 * path cannot make it pass vacuously.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "forcetrack.h"
#include "test-util.h"

/* Fewer folders than these means the suite is looking in the wrong place. */
#define MIN_INVALID_CASES 40
#define MIN_VALID_CASES   5

/* What the on_error callback saw during one load. */
typedef struct problems {
	size_t count;
	char first[FT_ERROR_FILE_SIZE + FT_ERROR_PATH_SIZE + FT_ERROR_TEXT_SIZE + 32];
} problems;

static void count_problem(const ft_error *err, void *payload)
{
	problems *p = payload;
	if (p->count == 0)
		ft_error_format(err, p->first, sizeof p->first);
	p->count++;
}

static char *format_error(const ft_error *err)
{
	char line[FT_ERROR_FILE_SIZE + FT_ERROR_PATH_SIZE + FT_ERROR_TEXT_SIZE + 32];
	ft_error_format(err, line, sizeof line);
	return g_strdup(line);
}

/* Sorting a GPtrArray hands the comparator pointers to the elements. */
static gint compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names of the folders under tests/data/<kind> (its path in
 * *dir_out, g_free), or NULL when the folder cannot be opened. */
static GPtrArray *case_names(const char *kind, char **dir_out)
{
	char *relative = g_build_filename("tests", "data", kind, NULL);
	char *dir = ft_test_source_path(relative);
	g_free(relative);
	GDir *d = g_dir_open(dir, 0, NULL);
	if (!d) {
		fprintf(stderr, "\ncannot open %s\n", dir);
		g_free(dir);
		return NULL;
	}
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	while ((name = g_dir_read_name(d))) {
		char *path = g_build_filename(dir, name, NULL);
		if (g_file_test(path, G_FILE_TEST_IS_DIR))
			g_ptr_array_add(names, g_strdup(name));
		g_free(path);
	}
	g_dir_close(d);
	g_ptr_array_sort(names, compare_names);
	*dir_out = dir;
	return names;
}

/*
 * The expected line of an invalid case: the `error` file must hold exactly
 * one line ending in a newline, so that a stray blank line or a missing
 * newline in a new case is caught here rather than compared wrongly.
 */
static char *expected_error(const char *casedir, const char *name)
{
	char *path = g_build_filename(casedir, "error", NULL);
	size_t len = 0;
	char *text = ft_test_read_file(path, &len);
	g_free(path);
	if (!text) {
		fprintf(stderr, "\n%s: no `error` file\n", name);
		return NULL;
	}
	char *nl = memchr(text, '\n', len);
	if (!nl || (size_t)(nl - text) != len - 1 || nl == text) {
		fprintf(stderr, "\n%s: `error` must hold one non-empty line ending in a newline\n", name);
		g_free(text);
		return NULL;
	}
	*nl = '\0';
	return text;
}

static void test_invalid_buffer(void)
{
	char *dir = NULL;
	GPtrArray *names = case_names("invalid", &dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(names);
	if (names->len < MIN_INVALID_CASES) {
		fprintf(stderr, "\nonly %u invalid cases in %s\n", names->len, dir);
		CU_FAIL("too few invalid cases found");
	}
	for (guint i = 0; i < names->len; i++) {
		const char *name = names->pdata[i];
		char *casedir = g_build_filename(dir, name, NULL);
		char *input = g_build_filename(casedir, "input.json", NULL);
		size_t len = 0;
		char *bytes = ft_test_read_file(input, &len);
		char *expected = expected_error(casedir, name);
		CU_ASSERT_PTR_NOT_NULL(bytes);
		CU_ASSERT_PTR_NOT_NULL(expected);
		if (bytes && expected) {
			problems seen = {0, ""};
			ft_load_options opts = FT_LOAD_OPTIONS_INIT;
			opts.on_error = count_problem;
			opts.payload = &seen;
			ft_error err;
			ft_error_clear(&err);
			ft_dataset *ds = ft_dataset_load_buffer(bytes, len, "input.json", &opts, &err);
			char *got = format_error(&err);
			if (ds) {
				fprintf(stderr, "\n%s: loaded, expected: %s\n", name, expected);
				CU_FAIL("an invalid case loaded");
				ft_dataset_free(ds);
			}
			if (seen.count == 0) {
				fprintf(stderr, "\n%s: no problem passed to on_error\n", name);
				CU_FAIL("no problem reported");
			} else if (strcmp(seen.first, got) != 0) {
				/* The first problem reported and the one returned are
				 * the same problem: the first error wins. */
				fprintf(stderr, "\n%s: first reported: %s\n%s: returned:       %s\n", name,
				        seen.first, name, got);
				CU_FAIL("on_error's first problem differs from err");
			}
			if (err.code >= 0) {
				fprintf(stderr, "\n%s: error code %d\n", name, err.code);
				CU_FAIL("error code not negative");
			}
			if (strcmp(got, expected) != 0) {
				fprintf(stderr, "\n%s: expected: %s\n%s: got:      %s\n", name, expected,
				        name, got);
				CU_FAIL("error line differs from the case's `error` file");
			}
			g_free(got);
		}
		g_free(expected);
		g_free(bytes);
		g_free(input);
		g_free(casedir);
	}
	g_ptr_array_free(names, TRUE);
	g_free(dir);
}

/* Loads from a file, then from a stream, each must refuse the case with the
 * same line as from a buffer (the file variant naming the path). */
static void test_invalid_file_and_stream(void)
{
	char *dir = NULL;
	GPtrArray *names = case_names("invalid", &dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(names);
	if (names->len < MIN_INVALID_CASES)
		CU_FAIL("too few invalid cases found");
	for (guint i = 0; i < names->len; i++) {
		const char *name = names->pdata[i];
		char *casedir = g_build_filename(dir, name, NULL);
		char *input = g_build_filename(casedir, "input.json", NULL);
		char *expected = expected_error(casedir, name);
		CU_ASSERT_PTR_NOT_NULL(expected);
		if (!expected)
			goto next;
		/* Every expected line names the input "input.json" first. */
		CU_ASSERT_FATAL(g_str_has_prefix(expected, "input.json"));
		const char *rest = expected + strlen("input.json");

		ft_error err;
		ft_error_clear(&err);
		ft_dataset *ds = ft_dataset_load_file(input, NULL, &err);
		char *want = g_strconcat(input, rest, NULL);
		char *got = format_error(&err);
		if (ds || err.code >= 0 || strcmp(err.file, input) != 0 || strcmp(got, want) != 0) {
			fprintf(stderr, "\n%s (file): expected: %s\n%s (file): got:      %s (code %d, %s)\n",
			        name, want, name, got, err.code, ds ? "loaded" : "refused");
			CU_FAIL("load_file does not refuse the case as load_buffer does");
		}
		ft_dataset_free(ds);
		g_free(got);
		g_free(want);

		FILE *fp = fopen(input, "rb");
		CU_ASSERT_PTR_NOT_NULL(fp);
		if (fp) {
			ft_error_clear(&err);
			ds = ft_dataset_load_stream(fp, "input.json", NULL, &err);
			fclose(fp);
			got = format_error(&err);
			if (ds || err.code >= 0 || strcmp(got, expected) != 0) {
				fprintf(
				    stderr,
				    "\n%s (stream): expected: %s\n%s (stream): got:      %s (code %d, %s)\n",
				    name, expected, name, got, err.code, ds ? "loaded" : "refused");
				CU_FAIL("load_stream does not refuse the case as load_buffer does");
			}
			ft_dataset_free(ds);
			g_free(got);
		}
	next:
		g_free(expected);
		g_free(input);
		g_free(casedir);
	}
	g_ptr_array_free(names, TRUE);
	g_free(dir);
}

/* Saves `ds`, reporting failure with the case name. */
static char *save(const ft_dataset *ds, const char *name, const char *step)
{
	ft_error err;
	ft_error_clear(&err);
	char *text = ft_dataset_save_string(ds, &err);
	if (!text) {
		char *line = format_error(&err);
		fprintf(stderr, "\n%s: %s save failed: %s\n", name, step, line);
		g_free(line);
		CU_FAIL("save failed");
	}
	return text;
}

static void test_valid_round_trip(void)
{
	char *dir = NULL;
	GPtrArray *names = case_names("valid", &dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(names);
	if (names->len < MIN_VALID_CASES) {
		fprintf(stderr, "\nonly %u valid cases in %s\n", names->len, dir);
		CU_FAIL("too few valid cases found");
	}
	for (guint i = 0; i < names->len; i++) {
		const char *name = names->pdata[i];
		char *input = g_build_filename(dir, name, "input.json", NULL);
		size_t len = 0;
		char *bytes = ft_test_read_file(input, &len);
		char *first = NULL, *second = NULL;
		ft_dataset *ds = NULL, *again = NULL;
		CU_ASSERT_PTR_NOT_NULL(bytes);
		if (!bytes)
			goto next;

		ft_error err;
		ft_error_clear(&err);
		ds = ft_dataset_load_buffer(bytes, len, "input.json", NULL, &err);
		if (!ds) {
			char *line = format_error(&err);
			fprintf(stderr, "\n%s: refused: %s\n", name, line);
			g_free(line);
			CU_FAIL("a valid case was refused");
			goto next;
		}
		first = save(ds, name, "first");
		if (!first)
			goto next;
		/* Canonical inputs come back byte for byte (io.h). */
		if (strcmp(first, bytes) != 0) {
			fprintf(stderr,
			        "\n%s: the save differs from the canonical input\n--- input\n%s--- saved\n%s",
			        name, bytes, first);
			CU_FAIL("load-save does not reproduce a canonical input");
		}
		ft_error_clear(&err);
		again = ft_dataset_load_buffer(first, strlen(first), "saved.json", NULL, &err);
		if (!again) {
			char *line = format_error(&err);
			fprintf(stderr, "\n%s: its own save is refused: %s\n", name, line);
			g_free(line);
			CU_FAIL("a saved dataset does not load");
			goto next;
		}
		CU_ASSERT_EQUAL(ft_dataset_claim_count(again), ft_dataset_claim_count(ds));
		CU_ASSERT_EQUAL(ft_dataset_actor_count(again), ft_dataset_actor_count(ds));
		second = save(again, name, "second");
		if (second && strcmp(first, second) != 0) {
			fprintf(stderr,
			        "\n%s: load-save is not stable\n--- first save\n%s--- second save\n%s", name,
			        first, second);
			CU_FAIL("load-save-load-save gives different text");
		}
	next:
		ft_free(second);
		ft_free(first);
		ft_dataset_free(again);
		ft_dataset_free(ds);
		g_free(bytes);
		g_free(input);
	}
	g_ptr_array_free(names, TRUE);
	g_free(dir);
}

/* Five claims, each naming a region that does not exist: five problems. */
static const char five_unknown[] =
    "{\"forcetrack\": \"1.0\",\n"
    " \"actors\": [{\"id\": \"RU\", \"name\": \"Russia\"}],\n"
    " \"regions\": [{\"id\": \"donbas\", \"name\": \"Donbas\"}],\n"
    " \"sources\": [{\"id\": \"ua-mod\", \"name\": \"Ministry of Defence of Ukraine\"}],\n"
    " \"claims\": [\n"
    "  {\"id\": \"c1\", \"source\": \"ua-mod\", \"subject\": \"RU\", \"region\": \"kharkiv\", \"value\": 1, "
    "\"reported\": \"2021-12-01\"},\n"
    "  {\"id\": \"c2\", \"source\": \"ua-mod\", \"subject\": \"RU\", \"region\": \"kherson\", \"value\": 2, "
    "\"reported\": \"2021-12-01\"},\n"
    "  {\"id\": \"c3\", \"source\": \"ua-mod\", \"subject\": \"RU\", \"region\": \"crimea\", \"value\": 3, "
    "\"reported\": \"2021-12-01\"},\n"
    "  {\"id\": \"c4\", \"source\": \"ua-mod\", \"subject\": \"RU\", \"region\": \"belgorod\", \"value\": 4, "
    "\"reported\": \"2021-12-01\"},\n"
    "  {\"id\": \"c5\", \"source\": \"ua-mod\", \"subject\": \"RU\", \"region\": \"voronezh\", \"value\": 5, "
    "\"reported\": \"2021-12-01\"}\n"
    " ]}\n";

static void test_max_errors(void)
{
	/* Uncapped, all five problems are reported. */
	problems seen = {0, ""};
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.on_error = count_problem;
	opts.payload = &seen;
	ft_error err;
	ft_error_clear(&err);
	ft_dataset *ds =
	    ft_dataset_load_buffer(five_unknown, sizeof five_unknown - 1, "five.json", &opts, &err);
	CU_ASSERT_PTR_NULL(ds);
	ft_dataset_free(ds);
	CU_ASSERT_EQUAL(seen.count, 5);
	CU_ASSERT_EQUAL(err.code, FT_EREF);
	CU_ASSERT_STRING_EQUAL(err.path, "claims[0].region");

	/* Capped at 3: exactly 3 reach the callback, and err is still the
	 * first. */
	seen.count = 0;
	opts.max_errors = 3;
	ft_error_clear(&err);
	ds = ft_dataset_load_buffer(five_unknown, sizeof five_unknown - 1, "five.json", &opts, &err);
	CU_ASSERT_PTR_NULL(ds);
	ft_dataset_free(ds);
	CU_ASSERT_EQUAL(seen.count, 3);
	CU_ASSERT_EQUAL(err.code, FT_EREF);
	CU_ASSERT_STRING_EQUAL(err.path, "claims[0].region");
	CU_ASSERT_STRING_EQUAL(err.file, "five.json");

	/* A cap of 1 is the smallest: one problem. */
	seen.count = 0;
	opts.max_errors = 1;
	ds = ft_dataset_load_buffer(five_unknown, sizeof five_unknown - 1, "five.json", &opts, &err);
	CU_ASSERT_PTR_NULL(ds);
	ft_dataset_free(ds);
	CU_ASSERT_EQUAL(seen.count, 1);
}

int main(void)
{
	static const ft_test tests[] = {
	    {"invalid cases refused from a buffer with the expected line", test_invalid_buffer},
	    {"invalid cases refused from a file and a stream", test_invalid_file_and_stream},
	    {"valid cases load, save and reload stably", test_valid_round_trip},
	    {"max_errors caps the problems reported", test_max_errors},
	    {NULL, NULL},
	};
	return ft_test_run("cases", tests);
}
