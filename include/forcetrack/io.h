/*
 * Reading and writing datasets as JSON documents (FORMAT.md section 1).
 *
 * Limits, each refused with its own message: the input's size and each
 * string's length (configurable, below), and JSON nesting deeper than
 * 2048 levels (Jansson's parser limit).
 *
 * A load either returns a complete dataset that obeys every rule, or NULL
 * with the first problem in `err`; it never returns a partly loaded one.
 * To see every problem (a validator), pass an ft_load_options with an
 * `on_error` callback: it is called once for each problem found, in the
 * order found, up to `max_errors`.
 *
 * Output is canonical: fixed key order, entities in the order loaded or
 * added, two-space indent, arrays of plain values on one line, UTF-8
 * unescaped, fields equal to their default left out, one final newline.
 * Loading and saving a canonical file gives the same bytes.
 */
#ifndef FORCETRACK_IO_H
#define FORCETRACK_IO_H

#include <stdio.h>
#include "common.h"
#include "dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*ft_error_fn)(const ft_error *err, void *payload);

typedef struct ft_load_options {
	unsigned version;
	/* Called for each problem found; NULL to learn only the first. */
	ft_error_fn on_error;
	void *payload;
	/* Stop after this many problems (0: FT_LOAD_MAX_ERRORS_DEFAULT). */
	size_t max_errors;
	/* Refuse input larger than this many bytes (0: FT_LOAD_MAX_SIZE_DEFAULT). */
	size_t max_size;
	/* Refuse a string value longer than this many bytes
	 * (0: FT_LOAD_MAX_STRING_DEFAULT). */
	size_t max_string;
} ft_load_options;

#define FT_LOAD_OPTIONS_VERSION 1
#define FT_LOAD_MAX_ERRORS_DEFAULT 100
#define FT_LOAD_MAX_SIZE_DEFAULT ((size_t)1 << 30) /* 1 GiB */
#define FT_LOAD_MAX_STRING_DEFAULT ((size_t)1 << 20) /* 1 MiB */
#define FT_LOAD_OPTIONS_INIT {FT_LOAD_OPTIONS_VERSION, NULL, NULL, 0, 0, 0}

/*
 * Load a document from a file, a memory buffer or an open stream (read to
 * its end). `name` is what errors call the input ("buildup.json"); NULL
 * means "<buffer>" or "<stream>". `opts` may be NULL for the defaults.
 * The returned dataset belongs to the caller (ft_dataset_free).
 */
FT_EXTERN ft_dataset *ft_dataset_load_file(const char *path, const ft_load_options *opts, ft_error *err);
FT_EXTERN ft_dataset *ft_dataset_load_buffer(const char *buf, size_t len, const char *name,
                                             const ft_load_options *opts, ft_error *err);
FT_EXTERN ft_dataset *ft_dataset_load_stream(FILE *fp, const char *name, const ft_load_options *opts,
                                             ft_error *err);

/*
 * Checks a file and reports every problem through opts->on_error (up to
 * opts->max_errors). Returns the number of problems found (0: valid), or a
 * negative code when the arguments are wrong.
 */
FT_EXTERN int ft_dataset_validate_file(const char *path, const ft_load_options *opts);

/*
 * Saves the dataset as a canonical document, atomically: it is written to a
 * temporary file in the same directory, flushed and synced to disk, then
 * renamed over `path`. On failure `path` is as it was and no temporary file
 * is left. An existing file's permissions are kept. Returns 0 or FT_EIO /
 * FT_EINVAL with `err` filled.
 */
FT_EXTERN int ft_dataset_save_file(const ft_dataset *ds, const char *path, ft_error *err);

/* The canonical document as a NUL-terminated string the caller releases
 * with ft_free. */
FT_EXTERN char *ft_dataset_save_string(const ft_dataset *ds, ft_error *err);

#ifdef __cplusplus
}
#endif

#endif
