/*
 * forcetrack convert: rewrites a dataset in the other encoding (a document
 * as JSON Lines, JSON Lines as a document, a snapshot as JSON Lines), or
 * the one --to names; the output file is replaced atomically.
 */
#include "cli.h"

#include <string.h>

int cmd_convert(int argc, char **argv)
{
	char *to = NULL;
	char **files = NULL;
	GOptionEntry entries[] = {
	    {"to", 't', 0, G_OPTION_ARG_STRING, &to,
	     "The encoding to write: lines (JSON Lines) or document (default: the one IN is not in; "
	     "JSON Lines for a snapshot)",
	     "ENCODING"},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "IN OUT"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	int status = EXIT_INVALID;
	ft_dataset *ds = NULL;
	ft_encoding target = FT_ENCODING_AUTO;
	ft_error err;
	ft_error_clear(&err);

	if (!cli_parse_options(
	        "convert",
	        "Rewrites a dataset, a JSON document, JSON Lines or a snapshot, in the other JSON "
	        "encoding (or the one --to names). OUT is replaced atomically.",
	        entries, &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (!files || !files[0] || !files[1] || files[2]) {
		status = cli_usage_error("convert", "an input file IN and an output file OUT are needed");
		goto cleanup;
	}
	if (to && strcmp(to, "lines") == 0) {
		target = FT_ENCODING_LINES;
	} else if (to && strcmp(to, "document") == 0) {
		target = FT_ENCODING_DOCUMENT;
	} else if (to) {
		status = cli_usage_error("convert", "--to: lines or document");
		goto cleanup;
	}

	const char *in = files[0];
	const char *out = files[1];
	if (target == FT_ENCODING_AUTO)
		target =
		    cli_detect_encoding(in) == FT_ENCODING_LINES ? FT_ENCODING_DOCUMENT : FT_ENCODING_LINES;
	ds = cli_load_reporting(in);
	if (!ds)
		goto cleanup;
	int rc = target == FT_ENCODING_LINES ? ft_dataset_save_lines_file(ds, out, &err)
	                                     : ft_dataset_save_file(ds, out, &err);
	if (rc != 0) {
		cli_print_error_line(&err, out);
		goto cleanup;
	}
	status = EXIT_SUCCESS;

cleanup:
	ft_dataset_free(ds);
	g_free(to);
	g_strfreev(files);
	return status;
}
