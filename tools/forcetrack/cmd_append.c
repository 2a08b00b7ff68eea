/*
 * forcetrack append: appends entity lines to a JSON Lines file: the lines
 * of each LINES file ("-" is standard input), then those given with
 * --line, each file (and the --line lines together) checked against what
 * the target holds and appended whole or not at all. --recover first
 * repairs what an unfinished append left at the end of the target.
 */
#include "cli.h"

#include <errno.h>
#include <string.h>

/* The number of lines of `text`: a last line without its newline counts. */
static size_t count_lines(const char *text, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	return n + (len > 0 && text[len - 1] != '\n');
}

/* Reads all of standard input; NULL after saying why. */
static char *read_stdin(gsize *len)
{
	GString *text = g_string_new(NULL);
	char chunk[64 * 1024];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		g_string_append_len(text, chunk, (gssize)got);
	if (ferror(stdin)) {
		printf("<stdin>: cannot read: %s\n", g_strerror(errno));
		g_string_free(text, TRUE);
		return NULL;
	}
	*len = text->len;
	return g_string_free(text, FALSE);
}

/* Repairs the end of `target` and says what was done; 0 on success. */
static int recover(const char *target)
{
	ft_recovery rec;
	ft_error err;
	ft_error_clear(&err);
	cli_note_if_locked("append", target);
	if (ft_lines_file_recover(target, &rec, &err) != 0) {
		cli_print_error_line(&err, target);
		return -1;
	}
	cli_print_clean(stdout, target);
	if (rec.first_line == 0)
		fputs(": nothing to recover\n", stdout);
	else if (rec.newline_added)
		printf(":%d: recovered: added the missing newline at the end of line %d\n", rec.first_line,
		       rec.first_line);
	else if (rec.lines == 1)
		printf(":%d: recovered: dropped line %d (%zu bytes), left by an append that did not finish\n",
		       rec.first_line, rec.first_line, rec.bytes);
	else
		printf(":%d: recovered: dropped lines %d to %d (%zu bytes), left by an append that did not "
		       "finish\n",
		       rec.first_line, rec.first_line, rec.first_line + rec.lines - 1, rec.bytes);
	return 0;
}

/* Appends one batch and says so; 0 on success. */
static int append_batch(const char *target, const char *text, size_t len, const char *name)
{
	ft_error err;
	ft_error_clear(&err);
	cli_note_if_locked("append", target);
	if (ft_lines_file_append(target, text, len, name, &err) != 0) {
		cli_print_error_line(&err, name);
		return -1;
	}
	size_t n = count_lines(text, len);
	cli_print_clean(stdout, target);
	printf(": appended %zu line%s\n", n, n == 1 ? "" : "s");
	return 0;
}

int cmd_append(int argc, char **argv)
{
	char **files = NULL;
	char **lines = NULL;
	gboolean recover_first = FALSE;
	GOptionEntry entries[] = {
	    {"line", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &lines,
	     "Append this JSON line too (repeatable; together, after the LINES files)", "JSON"},
	    {"recover", 0, 0, G_OPTION_ARG_NONE, &recover_first,
	     "First drop a torn end of FILE.jsonl that an unfinished append left, saying what", NULL},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE.jsonl [LINES...|-]"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	int status = EXIT_INVALID;
	GString *given = NULL;

	if (!cli_parse_options(
	        "append",
	        "Appends the entity lines of each LINES file (- for standard input), then the --line "
	        "lines, to the JSON Lines file FILE.jsonl. Each LINES file, and the --line lines "
	        "together, are checked against what FILE.jsonl holds and appended whole or not at all.",
	        entries, &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (!files || !files[0] || (!files[1] && !lines && !recover_first)) {
		status = cli_usage_error(
		    "append", "a JSON Lines file and at least one file of lines (or --line) are needed");
		goto cleanup;
	}
	int stdin_uses = 0;
	for (size_t i = 1; files[i]; i++)
		stdin_uses += strcmp(files[i], "-") == 0;
	if (stdin_uses > 1) {
		status = cli_usage_error("append", "standard input (-) can be read once only");
		goto cleanup;
	}
	given = g_string_new(NULL);
	for (size_t i = 0; lines && lines[i]; i++) {
		if (strchr(lines[i], '\n')) {
			status = cli_usage_error("append", "--line takes one line: JSON without a newline");
			goto cleanup;
		}
		g_string_append(given, lines[i]);
		g_string_append_c(given, '\n');
	}

	const char *target = files[0];
	if (recover_first && recover(target) != 0)
		goto cleanup;
	for (size_t i = 1; files[i]; i++) {
		int from_stdin = strcmp(files[i], "-") == 0;
		const char *name = from_stdin ? "<stdin>" : files[i];
		char *text = NULL;
		gsize len = 0;
		GError *error = NULL;
		if (from_stdin) {
			text = read_stdin(&len);
			if (!text)
				goto cleanup;
		} else if (!g_file_get_contents(files[i], &text, &len, &error)) {
			cli_print_clean(stdout, files[i]);
			fputs(": ", stdout);
			cli_print_clean(stdout, error->message);
			fputc('\n', stdout);
			g_error_free(error);
			goto cleanup;
		}
		int rc = append_batch(target, text, len, name);
		g_free(text);
		if (rc != 0)
			goto cleanup;
	}
	if (given->len && append_batch(target, given->str, given->len, "--line") != 0)
		goto cleanup;
	status = EXIT_SUCCESS;

cleanup:
	if (given)
		g_string_free(given, TRUE);
	g_strfreev(lines);
	g_strfreev(files);
	return status;
}
