/*
 * forcetrack fmt: rewrites a dataset in canonical form, in the encoding
 * it is in (a document stays a document, JSON Lines stays JSON Lines), to
 * stdout, to another file or in place (atomically, holding the file's lock
 * from the load to the rename, so that an append made meanwhile is not
 * lost); --check writes nothing and exits 1 when the file is not byte for
 * byte canonical; --recover drops a torn end that an append left.
 */
#include "cli.h"

#include <string.h>

/* fmt keeps the encoding of its input: JSON Lines is rewritten as
 * canonical JSON Lines, a document as a canonical document. */
int cmd_fmt(int argc, char **argv)
{
	char *out_path = NULL;
	gboolean in_place = FALSE;
	gboolean check = FALSE;
	gboolean recover = FALSE;
	char **files = NULL;
	GOptionEntry entries[] = {
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, "Write to OUT (atomically)", "OUT"},
	    {"in-place", 'i', 0, G_OPTION_ARG_NONE, &in_place, "Rewrite FILE itself (atomically)", NULL},
	    {"check", 'c', 0, G_OPTION_ARG_NONE, &check, "Write nothing; exit 1 when FILE is not canonical",
	     NULL},
	    {"recover", 0, 0, G_OPTION_ARG_NONE, &recover,
	     "Drop a torn end of JSON Lines (an append that did not finish), saying what on stderr", NULL},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	int status = EXIT_INVALID;
	ft_dataset *ds = NULL;
	char *text = NULL;
	char *bytes = NULL;
	ft_error err;
	ft_error_clear(&err);

	if (!cli_parse_options("fmt", "Rewrites a dataset in canonical form (to stdout by default).", entries,
	                       &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (!files || !files[0] || files[1]) {
		status = cli_usage_error("fmt", "exactly one FILE is needed");
		goto cleanup;
	}
	if (out_path && in_place) {
		status = cli_usage_error("fmt", "--output and --in-place exclude each other");
		goto cleanup;
	}
	if (check && (out_path || in_place)) {
		status =
		    cli_usage_error("fmt", "--check writes nothing: it excludes --output and --in-place");
		goto cleanup;
	}

	const char *path = files[0];
	if (in_place) {
		cli_problems sink = {path, 0, recover};
		ft_load_options opts;
		cli_report_options(&sink, &opts);
		cli_note_if_locked("fmt", path);
		if (ft_dataset_rewrite_file(path, &opts, &err) != 0) {
			/* Problems of the load were printed as found; a failure
			 * reported only here (a write, an unreadable file) is
			 * printed now. */
			if (sink.count == 0)
				cli_print_error_line(&err, path);
			goto cleanup;
		}
		status = EXIT_SUCCESS;
		goto cleanup;
	}
	ds = cli_load_reporting_recover(path, recover);
	if (!ds)
		goto cleanup;

	int lines = cli_detect_encoding(path) == FT_ENCODING_LINES;
	if (out_path) {
		const char *out = out_path;
		if ((lines ? ft_dataset_save_lines_file(ds, out, &err)
		           : ft_dataset_save_file(ds, out, &err)) != 0) {
			cli_print_error_line(&err, out);
			goto cleanup;
		}
		status = EXIT_SUCCESS;
		goto cleanup;
	}

	text = lines ? ft_dataset_save_lines_string(ds, &err) : ft_dataset_save_string(ds, &err);
	if (!text) {
		cli_print_error_line(&err, path);
		goto cleanup;
	}
	if (check) {
		/* Compare bytes, not parsed values: "canonical" is about the
		 * exact text, the final newline included. */
		gsize len = 0;
		GError *error = NULL;
		if (!g_file_get_contents(path, &bytes, &len, &error)) {
			cli_print_clean(stdout, path);
			printf(": %s\n", error->message);
			g_error_free(error);
			goto cleanup;
		}
		if (len != strlen(text) || memcmp(bytes, text, len) != 0) {
			cli_print_clean(stdout, path);
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
