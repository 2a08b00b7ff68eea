/*
 * forcetrack validate: checks datasets, either encoding, and prints every
 * problem of each, one line each beginning with the file name, so that
 * they can be grepped and counted; "FILE: ok" for a valid one unless
 * --quiet. Exit 1 when any file is invalid.
 */
#include "cli.h"

int cmd_validate(int argc, char **argv)
{
	gboolean quiet = FALSE;
	char **files = NULL;
	GOptionEntry entries[] = {
	    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Print nothing for valid files", NULL},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE..."},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	int status = EXIT_SUCCESS;

	if (!cli_parse_options("validate", "Checks datasets and prints every problem, one line each.",
	                       entries, &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (!files || !files[0]) {
		status = cli_usage_error("validate", "no file given");
		goto cleanup;
	}
	for (size_t i = 0; files[i]; i++) {
		ft_dataset *ds = cli_load_reporting(files[i]);
		if (!ds) {
			status = EXIT_INVALID;
			continue;
		}
		if (!quiet) {
			cli_print_clean(stdout, files[i]);
			fputs(": ok\n", stdout);
		}
		ft_dataset_free(ds);
	}

cleanup:
	g_strfreev(files);
	return status;
}
