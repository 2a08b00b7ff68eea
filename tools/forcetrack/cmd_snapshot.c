/*
 * forcetrack snapshot: saves a dataset, in any encoding, as a binary
 * snapshot (ft_dataset_save_snapshot_file) that every command loads
 * without parsing JSON; OUT is replaced atomically. It prints the content
 * hash, which the snapshot carries and stats and reports cite.
 */
#include "cli.h"

int cmd_snapshot(int argc, char **argv)
{
	char **files = NULL;
	GOptionEntry entries[] = {
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "IN OUT.ftsnap"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	int status = EXIT_INVALID;
	ft_dataset *ds = NULL;
	ft_error err;
	ft_error_clear(&err);

	if (!cli_parse_options("snapshot",
	                       "Saves a dataset as a binary snapshot, which every command loads without "
	                       "parsing JSON. OUT is replaced atomically.",
	                       entries, &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (!files || !files[0] || !files[1] || files[2]) {
		status = cli_usage_error("snapshot", "an input file IN and an output file OUT are needed");
		goto cleanup;
	}
	ds = cli_load_reporting(files[0]);
	if (!ds)
		goto cleanup;
	if (ft_dataset_save_snapshot_file(ds, files[1], &err) != 0) {
		cli_print_error_line(&err, files[1]);
		goto cleanup;
	}
	char hash[65];
	if (ft_dataset_content_hash(ds, hash, &err) != 0) {
		cli_print_error_line(&err, files[0]);
		goto cleanup;
	}
	printf("content sha256: %s\n", hash);
	status = EXIT_SUCCESS;

cleanup:
	ft_dataset_free(ds);
	g_strfreev(files);
	return status;
}
