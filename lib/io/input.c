/*
 * The input of a load: a caller's buffer or a stream read in chunks, the
 * size limit, the options' limits with their defaults, and the rule that
 * tells a JSON Lines file from a document by its first line.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "io/read-private.h"
#include "io/snapshot-private.h"
#include "values/json-private.h"

void ft__errlist_init_load(ft__errlist *list, const char *file, const ft_load_options *opts)
{
	ft__errlist_init(list, file);
	list->max = FT_LOAD_MAX_ERRORS_DEFAULT;
	if (opts) {
		list->fn = opts->on_error;
		list->payload = opts->payload;
		if (opts->max_errors)
			list->max = opts->max_errors;
	}
}

size_t ft__load_max_size(const ft_load_options *opts)
{
	return opts && opts->max_size ? opts->max_size : FT_LOAD_MAX_SIZE_DEFAULT;
}

size_t ft__load_max_string(const ft_load_options *opts)
{
	return opts && opts->max_string ? opts->max_string : FT_LOAD_MAX_STRING_DEFAULT;
}

size_t ft__load_max_line(const ft_load_options *opts)
{
	/* The field came with version 2 of the options. */
	return opts && opts->version >= 2 && opts->max_line ? opts->max_line : FT_LOAD_MAX_LINE_DEFAULT;
}

#define INPUT_CHUNK (64 * 1024)

void ft__input_init_buffer(ft__input *in, const char *buf, size_t len, size_t max_size)
{
	memset(in, 0, sizeof *in);
	in->data = buf;
	in->len = len;
	in->total = len;
	in->max_size = max_size;
	in->eof = 1;
}

void ft__input_init_stream(ft__input *in, FILE *fp, size_t max_size)
{
	memset(in, 0, sizeof *in);
	in->fp = fp;
	in->own = g_string_sized_new(INPUT_CHUNK);
	in->data = in->own->str;
	in->max_size = max_size;
}

void ft__input_clear(ft__input *in)
{
	if (in->own)
		g_string_free(in->own, TRUE);
	memset(in, 0, sizeof *in);
}

long ft__input_fill(ft__input *in, ft__errlist *errs)
{
	if (!in->fp || in->eof)
		return 0;
	/* Consumed bytes are dropped first, so that the buffer holds only
	 * what a reader still needs. */
	if (in->pos > 0 && in->pos >= in->own->len / 2) {
		g_string_erase(in->own, 0, (gssize)in->pos);
		in->pos = 0;
	}
	size_t old = in->own->len;
	g_string_set_size(in->own, old + INPUT_CHUNK);
	size_t n = fread(in->own->str + old, 1, INPUT_CHUNK, in->fp);
	g_string_set_size(in->own, old + n);
	in->data = in->own->str;
	in->len = in->own->len;
	if (n == 0) {
		in->eof = 1;
		if (ferror(in->fp)) {
			ft__errlist_addf(errs, FT_EIO, NULL, "cannot read: %s", g_strerror(errno));
			return -1;
		}
		return 0;
	}
	if (in->total + n > in->max_size) {
		ft__errlist_addf(errs, FT_ELIMIT, NULL, "input is over the limit of %zu bytes", in->max_size);
		return -1;
	}
	in->total += n;
	return (long)n;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int ft__detect(ft__input *in, ft__errlist *errs)
{
	/* A snapshot's first byte, 0x89, begins no JSON text: it decides
	 * alone (the snapshot reader then checks the rest of the magic). */
	while (in->len == in->pos) {
		long n = ft__input_fill(in, errs);
		if (n < 0)
			return -1;
		if (n == 0)
			break;
	}
	if (in->len > in->pos && ft__snapshot_magic(in->data + in->pos, 1))
		return FT_ENCODING_SNAPSHOT;
	/* Leading whitespace, then the first line, then what follows it. */
	size_t i = in->pos;
	size_t start = 0, nl = 0;
	int state = 0; /* 0: leading space, 1: in the first line, 2: after it */
	for (;;) {
		while (i < in->len && state < 3) {
			char c = in->data[i];
			if (state == 0 && !is_space(c)) {
				start = i;
				state = 1;
			} else if (state == 1 && c == '\n') {
				nl = i;
				state = 2;
			} else if (state == 2 && !is_space(c)) {
				state = 3;
			}
			i++;
		}
		if (state == 3)
			break;
		long n = ft__input_fill(in, errs);
		if (n < 0)
			return -1;
		if (n == 0)
			return FT_ENCODING_DOCUMENT;
	}
	/* Duplicate keys are the line reader's to report, not a reason to
	 * call the input a document. */
	json_t *first = json_loadb(in->data + start, nl - start, JSON_DECODE_ANY, NULL);
	int lines = json_is_object(first);
	json_decref(first);
	return lines ? FT_ENCODING_LINES : FT_ENCODING_DOCUMENT;
}
