/*
 * forcetrack validate: checks datasets, either encoding, and prints every
 * problem of each, one line each beginning with the file name, so that
 * they can be grepped and counted; "FILE: ok" for a valid one unless
 * --quiet. A valid dataset is then checked for what it says that is
 * probably not what was meant (ft_dataset_lint): each warning is a line
 * "FILE: PATH: warning: TEXT". Exit 1 when any file is invalid, or, with
 * --strict, has a warning. A snapshot is also held to what only a
 * validation checks (ft_dataset_validate_file): that the content hash its
 * header records is the content's.
 */
#include "cli.h"

/* Prints one warning, the file name in front. */
static void print_warning(const ft_error *w, void *payload)
{
	const char *file = payload;
	cli_print_clean(stdout, file);
	fputs(": ", stdout);
	if (w->path[0]) {
		cli_print_clean(stdout, w->path);
		fputs(": ", stdout);
	}
	fputs("warning: ", stdout);
	cli_print_clean(stdout, w->text);
	fputc('\n', stdout);
}

/* A snapshot's validation, its problems printed; 1 for anything else (the
 * load below checks it). A snapshot loads again for the lint: the load is
 * cheap next to the validation's hashing of its content. */
static int snapshot_ok(const char *file)
{
	ft_encoding encoding;
	if (ft_encoding_detect(file, &encoding, NULL) != 0 || encoding != FT_ENCODING_SNAPSHOT)
		return 1;
	cli_problems sink = {file, 0, 0};
	ft_load_options opts;
	cli_report_options(&sink, &opts);
	return ft_dataset_validate_file(file, &opts) == 0;
}

int cmd_validate(int argc, char **argv)
{
	gboolean quiet = FALSE, strict = FALSE;
	char **files = NULL;
	GOptionEntry entries[] = {
	    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Print nothing for valid files", NULL},
	    {"strict", 0, 0, G_OPTION_ARG_NONE, &strict, "Exit 1 when a valid file has warnings too", NULL},
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
		if (!snapshot_ok(files[i])) {
			status = EXIT_INVALID;
			continue;
		}
		ft_dataset *ds = cli_load_reporting(files[i]);
		if (!ds) {
			status = EXIT_INVALID;
			continue;
		}
		int warnings = ft_dataset_lint(ds, print_warning, files[i]);
		if (warnings > 0 && strict)
			status = EXIT_INVALID;
		if (!quiet) {
			cli_print_clean(stdout, files[i]);
			if (warnings > 0)
				printf(": ok, %d warning%s\n", warnings, warnings == 1 ? "" : "s");
			else
				fputs(": ok\n", stdout);
		}
		ft_dataset_free(ds);
	}

cleanup:
	g_strfreev(files);
	return status;
}
