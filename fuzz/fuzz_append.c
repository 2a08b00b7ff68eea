/*
 * Fuzz target for appends and recovery (ft_lines_file_append,
 * ft_lines_file_recover). The input is a file and a batch, split at the
 * first byte 0x01 (none: all file, empty batch). The file is written, the
 * batch appended; the properties are those of io.h:
 * - all or none: a refused append leaves the file byte-identical; an
 *   accepted one leaves the old bytes as they were, followed by the batch,
 *   and the whole then loads, with as many claims as before plus the
 *   batch's;
 * - recovery changes nothing unless the file then loads, and a recovered
 *   file loads.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "forcetrack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void write_file(const uint8_t *p, size_t n)
{
	FILE *fp = fopen(path, "wb");
	if (!fp || (n && fwrite(p, 1, n, fp) != n) || fclose(fp) != 0)
		abort();
}

/* The file's bytes (g_free-able with free); *n its length. */
static char *read_file(size_t *n)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		abort();
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	size_t k;
	while (buf && (k = fread(buf + len, 1, cap - len, fp)) > 0) {
		len += k;
		if (len == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(fp);
	if (!buf)
		abort();
	*n = len;
	return buf;
}

/* The number of entities the file holds when it loads as JSON Lines, or -1. */
static long entities(void)
{
	ft_load_options o = FT_LOAD_OPTIONS_INIT;
	o.encoding = FT_ENCODING_LINES;
	o.threads = 1;
	ft_dataset *ds = ft_dataset_load_file(path, &o, NULL);
	if (!ds)
		return -1;
	long n = (long)(ft_dataset_actor_count(ds) + ft_dataset_region_count(ds) + ft_dataset_unit_count(ds) +
	                ft_dataset_source_count(ds) + ft_dataset_claim_count(ds));
	ft_dataset_free(ds);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/ft-fuzz-append-%ld.jsonl", (long)getpid());
	const uint8_t *cut = memchr(data, 0x01, size);
	size_t file_len = cut ? (size_t)(cut - data) : size;
	const char *batch = cut ? (const char *)cut + 1 : "";
	size_t batch_len = cut ? size - file_len - 1 : 0;

	write_file(data, file_len);
	long before = entities();
	ft_error err;
	int rc = ft_lines_file_append(path, batch, batch_len, "<fuzz>", &err);
	size_t after_len;
	char *after = read_file(&after_len);
	if (rc != 0) {
		if (err.code >= 0 || !err.text[0])
			abort();
		if (after_len != file_len || memcmp(after, data, file_len) != 0)
			abort(); /* a refused append changed the file */
	} else {
		if (after_len < file_len || memcmp(after, data, file_len) != 0)
			abort(); /* an append changed what was there */
		long now = entities();
		if (now < 0 || (after_len > file_len && now <= before))
			abort(); /* an accepted append left a file that does not load, or added nothing */
	}
	free(after);

	/* Recovery on the original file: nothing changes unless it then loads. */
	write_file(data, file_len);
	ft_recovery rec;
	memset(&rec, 0, sizeof rec);
	rc = ft_lines_file_recover(path, &rec, &err);
	after = read_file(&after_len);
	int changed = after_len != file_len || memcmp(after, data, file_len) != 0;
	free(after);
	if (rc != 0 && changed)
		abort(); /* a refused recovery changed the file */
	if (rc == 0 && entities() < 0)
		abort(); /* a recovered file does not load */
	if (rc == 0 && changed && rec.lines == 0 && rec.bytes == 0 && !rec.newline_added)
		abort(); /* the file changed without saying so */
	unlink(path);
	return 0;
}
