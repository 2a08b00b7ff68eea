/*
 * Fuzz target for the snapshot reader (libFuzzer's LLVMFuzzerTestOneInput).
 * The input is loaded as it is, and again with its checksum made right
 * (ft__snapshot_seal), so that the fuzzer reaches the structural checks
 * behind the checksum instead of stopping at it. Either load must refuse
 * with a one-line error or load; what loads must give a snapshot that
 * loads again to the same JSON Lines, whose hash is the content hash both
 * datasets report: computed from the content, never taken from a header
 * (the input's may be false, with its checksum made right). A broken property aborts, which the fuzzer reports as a
 * crash. tests/fuzz-replay.c feeds the stored corpus through the same
 * function in the normal test suite.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "forcetrack.h"
#include "io/snapshot-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one_line(const ft_error *err, void *payload)
{
	char line[1024];
	ft_error_format(err, line, sizeof line);
	if (strchr(line, '\n') || err->code >= 0)
		abort();
	(*(size_t *)payload)++;
}

static void check(const uint8_t *data, size_t size)
{
	size_t problems = 0;
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.on_error = one_line;
	opts.payload = &problems;
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer((const char *)data, size, "fuzz.ftsnap", &opts, &err);
	if (!ds) {
		if (problems == 0 || err.code >= 0)
			abort();
		return;
	}
	if (problems)
		abort();
	char *lines = ft_dataset_save_lines_string(ds, NULL);
	size_t len = 0;
	void *snap = ft_dataset_save_snapshot_buffer(ds, &len, NULL);
	if (!lines || !snap)
		abort();
	ft_dataset *back = ft_dataset_load_buffer(snap, len, "again.ftsnap", NULL, &err);
	if (!back) {
		fprintf(stderr, "a snapshot of what loaded does not load: %s\n", err.text);
		abort();
	}
	char *again = ft_dataset_save_lines_string(back, NULL);
	char hash[65], hash_back[65];
	char *expect = g_compute_checksum_for_string(G_CHECKSUM_SHA256, lines, -1);
	if (!again || strcmp(lines, again) != 0 || ft_dataset_content_hash(ds, hash, NULL) != 0 ||
	    strcmp(hash, expect) != 0 || ft_dataset_content_hash(back, hash_back, NULL) != 0 ||
	    strcmp(hash_back, expect) != 0)
		abort();
	g_free(expect);
	ft_free(again);
	ft_free(lines);
	ft_free(snap);
	ft_dataset_free(back);
	ft_dataset_free(ds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check(data, size);
	if (size >= FT__SNAP_HEADER_SIZE) {
		uint8_t *copy = g_memdup2(data, size);
		ft__snapshot_seal(copy, size);
		check(copy, size);
		g_free(copy);
	}
	return 0;
}
