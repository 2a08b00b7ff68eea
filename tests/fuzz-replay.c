/*
 * Replays stored fuzzing inputs through a fuzz target's
 * LLVMFuzzerTestOneInput in the normal test suite, without libFuzzer: every
 * regular file under the directories given (recursively) is one input. A
 * target aborts when a property breaks, which fails the test; the sanitizer
 * builds of the suite then check the same inputs for memory errors.
 *
 * Each directory's inputs are collected first, then replayed in the byte
 * order of their paths (strcmp), whatever order the file system lists them
 * in, so that the same input fails first on every machine; an abort names
 * it. `--list` prints that order, one path a line, and replays nothing: the
 * fuzz_replay_order test holds it to `sort -c`.
 *
 *   replay_TARGET [--list] DIR...
 */
#include <glib.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input being replayed, for the abort handler. */
static const char *volatile current_input;

/* Names the input a broken property aborted on, then dies of the abort. */
static void on_abort(int sig)
{
	static const char what[] = "fuzz-replay: aborted while replaying ";
	const char *path = current_input;

	if (path != NULL) {
		(void)!write(STDERR_FILENO, what, sizeof what - 1);
		(void)!write(STDERR_FILENO, path, strlen(path));
		(void)!write(STDERR_FILENO, "\n", 1);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* g_ptr_array_sort passes pointers to the elements, not the elements. */
static gint compare_paths(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Adds the path of every regular file under dir, at any depth, to paths.
 * Returns FALSE, having said why, if a directory cannot be read.
 */
static gboolean collect(const char *dir, GPtrArray *paths)
{
	GError *error = NULL;
	GDir *d = g_dir_open(dir, 0, &error);
	const char *name;
	gboolean ok = TRUE;

	if (d == NULL) {
		fprintf(stderr, "fuzz-replay: %s\n", error->message);
		g_error_free(error);
		return FALSE;
	}
	while (ok && (name = g_dir_read_name(d)) != NULL) {
		char *path = g_build_filename(dir, name, NULL);

		if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
			ok = collect(path, paths);
			g_free(path);
		} else if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
			g_ptr_array_add(paths, path);
		} else {
			g_free(path);
		}
	}
	g_dir_close(d);
	return ok;
}

/*
 * Replays (or with list, prints) every input under dir in sorted order and
 * adds their number to *count. Returns FALSE, having said why, if the
 * directory or a file cannot be read, or holds no input at all: a path
 * mistake must not pass as an empty, successful replay.
 */
static gboolean replay_dir(const char *dir, gboolean list, size_t *count)
{
	GPtrArray *paths = g_ptr_array_new_with_free_func(g_free);
	gboolean ok = collect(dir, paths);

	if (ok && paths->len == 0) {
		fprintf(stderr, "fuzz-replay: %s holds no inputs\n", dir);
		ok = FALSE;
	}
	if (ok)
		g_ptr_array_sort(paths, compare_paths);
	for (guint i = 0; ok && i < paths->len; i++) {
		const char *path = g_ptr_array_index(paths, i);
		GError *error = NULL;
		char *bytes = NULL;
		gsize len = 0;

		if (list) {
			printf("%s\n", path);
			continue;
		}
		if (!g_file_get_contents(path, &bytes, &len, &error)) {
			fprintf(stderr, "fuzz-replay: %s\n", error->message);
			g_error_free(error);
			ok = FALSE;
			break;
		}
		current_input = path;
		LLVMFuzzerTestOneInput((const uint8_t *)bytes, len);
		current_input = NULL;
		g_free(bytes);
	}
	if (ok) {
		*count += paths->len;
		if (!list)
			printf("fuzz-replay: %u inputs replayed from %s\n", paths->len, dir);
	}
	g_ptr_array_free(paths, TRUE);
	return ok;
}

int main(int argc, char **argv)
{
	gboolean list = FALSE;
	int first = 1;
	size_t count = 0;

	if (argc > 1 && strcmp(argv[1], "--list") == 0) {
		list = TRUE;
		first = 2;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: %s [--list] DIR...\n", argv[0]);
		return 2;
	}
	signal(SIGABRT, on_abort);
	for (int i = first; i < argc; i++) {
		if (!replay_dir(argv[i], list, &count))
			return 1;
	}
	if (!list)
		printf("fuzz-replay: %zu inputs replayed in all\n", count);
	return 0;
}
