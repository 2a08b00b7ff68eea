/*
 * Replays stored fuzzing inputs through a fuzz target's
 * LLVMFuzzerTestOneInput in the normal test suite, without libFuzzer: every
 * file under the directories given (recursively) is one input. A target
 * aborts when a property breaks, which fails the test; the sanitizer
 * builds of the suite then check the same inputs for memory errors.
 */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t replay_dir(const char *dir)
{
	GError *error = NULL;
	GDir *d = g_dir_open(dir, 0, &error);
	if (!d) {
		fprintf(stderr, "fuzz-replay: %s\n", error->message);
		g_error_free(error);
		return 0;
	}
	size_t n = 0;
	const char *name;
	/* Sorted, so that a failure names the same input every time. */
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	while ((name = g_dir_read_name(d)))
		g_ptr_array_add(names, g_strdup(name));
	g_dir_close(d);
	g_ptr_array_sort(names, (GCompareFunc)(void (*)(void))g_strcmp0);
	for (guint i = 0; i < names->len; i++) {
		char *path = g_build_filename(dir, (const char *)g_ptr_array_index(names, i), NULL);
		if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
			n += replay_dir(path);
		} else {
			char *bytes = NULL;
			gsize len = 0;
			if (g_file_get_contents(path, &bytes, &len, NULL)) {
				LLVMFuzzerTestOneInput((const uint8_t *)bytes, len);
				n++;
			}
			g_free(bytes);
		}
		g_free(path);
	}
	g_ptr_array_free(names, TRUE);
	return n;
}

int main(int argc, char **argv)
{
	size_t n = 0;
	for (int i = 1; i < argc; i++)
		n += replay_dir(argv[i]);
	printf("fuzz-replay: %zu inputs replayed, 0 failed\n", n);
	/* A path mistake must not pass as an empty, successful replay. */
	return n > 0 ? 0 : 1;
}
