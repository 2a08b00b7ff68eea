/*
 * Reading and writing datasets as JSON documents (docs/format.md section 1).
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

/* The two encodings of docs/format.md: one JSON document, or JSON Lines. */
typedef enum ft_encoding {
	FT_ENCODING_AUTO = 0, /* loading: decide by the content */
	FT_ENCODING_DOCUMENT,
	FT_ENCODING_LINES
} ft_encoding;

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
	/* Which encoding the input is in (FT_ENCODING_AUTO: by its content:
	 * a first line that is a whole JSON value followed by more is JSON
	 * Lines, anything else a document). */
	ft_encoding encoding;
	/* JSON Lines: when the file ends in a torn line (a crash during an
	 * append), load everything before it instead of refusing; the torn
	 * line is still reported through on_error, with code FT_ETORN. */
	int recover_torn;
	/* JSON Lines: parse lines on this many threads (0: one per core,
	 * 1: serial). The result is the same whatever the number. */
	unsigned threads;
} ft_load_options;

#define FT_LOAD_OPTIONS_VERSION    1
#define FT_LOAD_MAX_ERRORS_DEFAULT 100
#define FT_LOAD_MAX_SIZE_DEFAULT   ((size_t)1 << 30) /* 1 GiB */
#define FT_LOAD_MAX_STRING_DEFAULT ((size_t)1 << 20) /* 1 MiB */
#define FT_LOAD_OPTIONS_INIT                                                                                 \
	{                                                                                                    \
		FT_LOAD_OPTIONS_VERSION, NULL, NULL, 0, 0, 0, FT_ENCODING_AUTO, 0, 0                         \
	}

/* The same as FT_LOAD_OPTIONS_INIT, for callers that cannot use macros.
 * NULL is allowed (nothing happens). Every field's default is zero. */
FT_EXTERN void ft_load_options_init(ft_load_options *opts);

/*
 * Load a dataset from a file, a memory buffer or an open stream (read to
 * its end), in either encoding (see ft_load_options.encoding). A JSON Lines
 * file is read as a stream: each line is checked as it arrives, in bounded
 * memory, and its problems name the line. `name` is what errors call the input ("buildup.json"); NULL
 * means "<buffer>" or "<stream>". `opts` may be NULL for the defaults.
 * The returned dataset belongs to the caller (ft_dataset_free).
 */
FT_EXTERN ft_dataset *ft_dataset_load_file(const char *path, const ft_load_options *opts, ft_error *err);
FT_EXTERN ft_dataset *ft_dataset_load_buffer(const char *buf, size_t len, const char *name,
                                             const ft_load_options *opts, ft_error *err);
FT_EXTERN ft_dataset *ft_dataset_load_stream(FILE *fp, const char *name, const ft_load_options *opts,
                                             ft_error *err);

/*
 * The encoding of a file, decided by its content exactly as the load
 * functions decide it: FT_ENCODING_LINES or FT_ENCODING_DOCUMENT in *out.
 * Returns 0, or FT_EIO with `err` filled when the file cannot be read.
 */
FT_EXTERN int ft_encoding_detect(const char *path, ft_encoding *out, ft_error *err);

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

/*
 * Saving as JSON Lines (docs/format.md section 7): the header, then actors,
 * regions, units, sources and claims, each kind in an order where every
 * reference points to an earlier line (dataset order where it allows).
 * `opposes` is symmetric, so a reference to a later actor is written on
 * that actor's line instead; the same holds for `disputes`. Each line is
 * canonical compact JSON. Saving to a file is atomic, as for documents.
 */
FT_EXTERN int ft_dataset_save_lines_file(const ft_dataset *ds, const char *path, ft_error *err);
FT_EXTERN char *ft_dataset_save_lines_string(const ft_dataset *ds, ft_error *err);

/*
 * Appends entity lines to a JSON Lines file: `lines` holds one or more
 * lines as in the stream ({"claim": {...}}), named `name` in errors. They
 * are checked against the file's contents as if they followed it, and
 * appended only if every one is valid; they are written canonically in one
 * write and synced. The file must not end in a torn line. A crash during
 * the append leaves what was there intact and at most a torn last line,
 * which a load reports (and recover_torn drops). Returns 0 or a negative
 * code with `err` filled.
 */
FT_EXTERN int ft_lines_file_append(const char *path, const char *lines, size_t len, const char *name,
                                   ft_error *err);

#ifdef __cplusplus
}
#endif

#endif
