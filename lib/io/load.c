/*
 * The public load functions: a file, a buffer or a stream, in the encoding
 * the options name or the one its content shows, handed to the document
 * reader (io/read-document.c) or the JSON Lines reader (io/read-lines.c);
 * validation, which is a load that reports every problem; and the
 * encoding of a file as the loads decide it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "io/read-private.h"
#include "io/snapshot-private.h"
#include "values/json-private.h"

void ft_load_options_init(ft_load_options *opts)
{
	static const ft_load_options init = FT_LOAD_OPTIONS_INIT;
	if (opts)
		*opts = init;
}

/* A snapshot from a buffer or a stream: the stream is read whole first
 * (within max_size, which ft__input_fill enforces), since it cannot be
 * mapped. The dataset copies what it keeps, so the bytes need not outlive
 * the load. */
static ft_dataset *snapshot_input(ft__input *in, ft__errlist *errs, const ft_load_options *opts)
{
	long n;
	while ((n = ft__input_fill(in, errs)) > 0)
		;
	if (n < 0)
		return NULL;
	GBytes *bytes = g_bytes_new_static(in->data + in->pos, in->len - in->pos);
	ft_dataset *ds = ft__snapshot_read(bytes, opts, 0u, errs);
	g_bytes_unref(bytes);
	return ds;
}

static ft_dataset *load_input(ft__input *in, ft__errlist *errs, const ft_load_options *opts)
{
	int encoding = opts ? (int)opts->encoding : FT_ENCODING_AUTO;
	if (encoding == FT_ENCODING_AUTO)
		encoding = ft__detect(in, errs);
	if (encoding == FT_ENCODING_SNAPSHOT)
		return snapshot_input(in, errs, opts);
	if (encoding == FT_ENCODING_LINES)
		return ft__lines_read(in, opts, errs);
	if (encoding == FT_ENCODING_DOCUMENT)
		return ft__document_read(in, errs, opts);
	return NULL;
}

static int options_ok(const ft_load_options *opts, ft_error *err)
{
	if (opts && (opts->version == 0 || opts->version > FT_LOAD_OPTIONS_VERSION)) {
		ft__error_set(err, FT_EINVAL, NULL, "load options version %u is not one this library knows",
		              opts->version);
		return 0;
	}
	if (opts && opts->encoding != FT_ENCODING_AUTO && opts->encoding != FT_ENCODING_DOCUMENT &&
	    opts->encoding != FT_ENCODING_LINES && opts->encoding != FT_ENCODING_SNAPSHOT) {
		ft__error_set(err, FT_EINVAL, NULL, "unknown encoding %d", (int)opts->encoding);
		return 0;
	}
	return 1;
}

static ft_dataset *finish(ft_dataset *ds, ft__errlist *errs, ft_error *err)
{
	ft__errlist_copy_first(errs, err);
	return ds;
}

ft_dataset *ft_dataset_load_buffer(const char *buf, size_t len, const char *name, const ft_load_options *opts,
                                   ft_error *err)
{
	ft_error_clear(err);
	if ((!buf && len) || !options_ok(opts, err)) {
		if (err && !err->code)
			ft__error_set(err, FT_EINVAL, NULL, "NULL buffer");
		return NULL;
	}
	ft__errlist errs;
	ft__errlist_init_load(&errs, name ? name : "<buffer>", opts);
	/* The limit first, so that nothing of an input too large is read. */
	size_t max_size = ft__load_max_size(opts);
	if (len > max_size) {
		ft__errlist_addf(&errs, FT_ELIMIT, NULL, "input is %zu bytes, over the limit of %zu bytes",
		                 len, max_size);
		return finish(NULL, &errs, err);
	}
	ft__input in;
	ft__input_init_buffer(&in, buf ? buf : "", len, max_size);
	ft_dataset *ds = load_input(&in, &errs, opts);
	ft__input_clear(&in);
	return finish(ds, &errs, err);
}

ft_dataset *ft_dataset_load_stream(FILE *fp, const char *name, const ft_load_options *opts, ft_error *err)
{
	ft_error_clear(err);
	if (!fp || !options_ok(opts, err)) {
		if (err && !err->code)
			ft__error_set(err, FT_EINVAL, NULL, "NULL stream");
		return NULL;
	}
	ft__errlist errs;
	ft__errlist_init_load(&errs, name ? name : "<stream>", opts);
	ft__input in;
	ft__input_init_stream(&in, fp, ft__load_max_size(opts));
	ft_dataset *ds = load_input(&in, &errs, opts);
	ft__input_clear(&in);
	return finish(ds, &errs, err);
}

/* A snapshot file, mapped (g_mapped_file keeps no descriptor open once
 * the mapping is made) and read in place; the mapping goes when the load
 * is done, since the dataset copies what it keeps. */
static ft_dataset *map_snapshot(const char *path, const ft_load_options *opts, int validate, ft__errlist *errs)
{
	GError *gerr = NULL;
	GMappedFile *map = g_mapped_file_new(path, FALSE, &gerr);
	if (!map) {
		ft__errlist_addf(errs, FT_EIO, NULL, "cannot map: %s", gerr->message);
		g_error_free(gerr);
		return NULL;
	}
	GBytes *bytes = g_mapped_file_get_bytes(map);
	g_mapped_file_unref(map);
	ft_dataset *ds = ft__snapshot_read(bytes, opts, FT__SNAP_READ_MAPPED | (validate ? FT__SNAP_READ_VALIDATE : 0u), errs);
	g_bytes_unref(bytes);
	return ds;
}

/* Loads a file, recording problems in `errs`; shared by load and validate,
 * which also checks what only a validation checks (a snapshot's recorded
 * content hash). */
static ft_dataset *load_path(const char *path, const ft_load_options *opts, int validate, ft__errlist *errs)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		ft__errlist_addf(errs, FT_EIO, NULL, "cannot open: %s", g_strerror(errno));
		return NULL;
	}
	struct stat st;
	ft_dataset *ds = NULL;
	int known = fstat(fileno(fp), &st) == 0;
	if (known && S_ISDIR(st.st_mode)) {
		ft__errlist_addf(errs, FT_EIO, NULL, "cannot read: it is a directory");
	} else if (known && S_ISREG(st.st_mode) && (uint64_t)st.st_size > ft__load_max_size(opts)) {
		ft__errlist_addf(errs, FT_ELIMIT, NULL, "file is %jd bytes, over the limit of %zu bytes",
		                 (intmax_t)st.st_size, ft__load_max_size(opts));
	} else {
		ft__input in;
		ft__input_init_stream(&in, fp, ft__load_max_size(opts));
		int encoding = opts ? (int)opts->encoding : FT_ENCODING_AUTO;
		if (encoding == FT_ENCODING_AUTO)
			encoding = ft__detect(&in, errs);
		if (encoding == FT_ENCODING_SNAPSHOT)
			ds = map_snapshot(path, opts, validate, errs);
		else if (encoding == FT_ENCODING_LINES)
			ds = ft__lines_read(&in, opts, errs);
		else if (encoding == FT_ENCODING_DOCUMENT)
			ds = ft__document_read(&in, errs, opts);
		ft__input_clear(&in);
	}
	fclose(fp);
	return ds;
}

ft_dataset *ft_dataset_load_file(const char *path, const ft_load_options *opts, ft_error *err)
{
	ft_error_clear(err);
	if (!path || !options_ok(opts, err)) {
		if (err && !err->code)
			ft__error_set(err, FT_EINVAL, NULL, "NULL path");
		return NULL;
	}
	ft__errlist errs;
	ft__errlist_init_load(&errs, path, opts);
	return finish(load_path(path, opts, 0, &errs), &errs, err);
}

int ft_dataset_validate_file(const char *path, const ft_load_options *opts)
{
	if (!path || !options_ok(opts, NULL))
		return FT_EINVAL;
	ft__errlist errs;
	ft__errlist_init_load(&errs, path, opts);
	ft_dataset_free(load_path(path, opts, 1, &errs));
	return errs.count > INT_MAX ? INT_MAX : (int)errs.count;
}

int ft_encoding_detect(const char *path, ft_encoding *out, ft_error *err)
{
	ft_error_clear(err);
	if (!path || !out)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_encoding_detect: NULL argument");
	ft__errlist errs;
	ft__errlist_init_load(&errs, path, NULL);
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		ft__errlist_addf(&errs, FT_EIO, NULL, "cannot open: %s", g_strerror(errno));
		ft__errlist_copy_first(&errs, err);
		return FT_EIO;
	}
	ft__input in;
	ft__input_init_stream(&in, fp, FT_LOAD_MAX_SIZE_DEFAULT);
	int found = ft__detect(&in, &errs);
	ft__input_clear(&in);
	fclose(fp);
	if (found < 0) {
		ft__errlist_copy_first(&errs, err);
		return ft__errlist_code(&errs);
	}
	*out = (ft_encoding)found;
	return 0;
}
