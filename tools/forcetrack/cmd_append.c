/*
 * forcetrack append: appends the entity lines of files to a JSON Lines
 * file, each file checked against what the target holds and appended
 * whole or not at all.
 */
#include "cli.h"

/* The number of lines of `text`: a last line without its newline counts. */
static size_t count_lines(const char *text, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	return n + (len > 0 && text[len - 1] != '\n');
}

int cmd_append(int argc, char **argv)
{
	char **files = NULL;
	GOptionEntry entries[] = {
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE.jsonl LINES..."},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	int status = EXIT_INVALID;

	if (!cli_parse_options(
	        "append",
	        "Appends the entity lines of each LINES file to the JSON Lines file FILE.jsonl, in "
	        "order. Each LINES file is checked against what FILE.jsonl holds and appended whole "
	        "or not at all.",
	        entries, &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (!files || !files[0] || !files[1]) {
		status =
		    cli_usage_error("append", "a JSON Lines file and at least one file of lines are needed");
		goto cleanup;
	}
	const char *target = files[0];
	for (size_t i = 1; files[i]; i++) {
		char *text = NULL;
		gsize len = 0;
		GError *error = NULL;
		if (!g_file_get_contents(files[i], &text, &len, &error)) {
			cli_print_clean(stdout, files[i]);
			fputs(": ", stdout);
			cli_print_clean(stdout, error->message);
			fputc('\n', stdout);
			g_error_free(error);
			goto cleanup;
		}
		ft_error err;
		ft_error_clear(&err);
		int rc = ft_lines_file_append(target, text, len, files[i], &err);
		size_t n = count_lines(text, len);
		g_free(text);
		if (rc != 0) {
			cli_print_error_line(&err, files[i]);
			goto cleanup;
		}
		cli_print_clean(stdout, target);
		printf(": appended %zu line%s\n", n, n == 1 ? "" : "s");
	}
	status = EXIT_SUCCESS;

cleanup:
	g_strfreev(files);
	return status;
}
