/**
 * @file
 * Reading and writing datasets as JSON documents (docs/format.md section 1)
 * and as JSON Lines (section 7).
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

/** The two encodings of docs/format.md (one JSON document, or JSON Lines),
 * and the binary snapshot (ft_dataset_save_snapshot_file()). */
typedef enum ft_encoding {
	FT_ENCODING_AUTO = 0, /**< loading: decide by the content */
	FT_ENCODING_DOCUMENT, /**< one JSON document (.json) */
	FT_ENCODING_LINES,    /**< JSON Lines (.jsonl), one entity a line */
	FT_ENCODING_SNAPSHOT  /**< a binary snapshot (.ftsnap), loaded without parsing JSON */
} ft_encoding;

/** How to load: where problems go, limits, encoding, threads. */
typedef struct ft_load_options {
	/** FT_LOAD_OPTIONS_VERSION, set by FT_LOAD_OPTIONS_INIT. */
	unsigned version;
	/** Called for each problem found, in the order found; NULL to learn
	 * only the first (in the load function's `err`). */
	ft_error_fn on_error;
	/** Passed to `on_error` as it is. */
	void *payload;
	/** Stop after this many problems (0: FT_LOAD_MAX_ERRORS_DEFAULT). */
	size_t max_errors;
	/** Refuse input larger than this many bytes (0: FT_LOAD_MAX_SIZE_DEFAULT). */
	size_t max_size;
	/** Refuse a string value longer than this many bytes
	 * (0: FT_LOAD_MAX_STRING_DEFAULT). */
	size_t max_string;
	/** Which encoding the input is in (FT_ENCODING_AUTO: by its content:
	 * a first line that is a whole JSON value followed by more is JSON
	 * Lines, anything else a document). */
	ft_encoding encoding;
	/** JSON Lines: when the file ends in a torn line (a crash during an
	 * append), load everything before it instead of refusing; the torn
	 * line is still reported through on_error, with code FT_ETORN. */
	int recover_torn;
	/** JSON Lines: parse lines on this many threads (0: one per core,
	 * 1: serial). The result is the same whatever the number. */
	unsigned threads;
	/** JSON Lines: refuse a line longer than this many bytes with
	 * FT_ELIMIT (0: FT_LOAD_MAX_LINE_DEFAULT), so that memory stays bounded
	 * line by line. Since version 2. */
	size_t max_line;
} ft_load_options;

/** The version of ft_load_options this library knows. */
#define FT_LOAD_OPTIONS_VERSION 2
/** How many problems a load reports at most, by default. */
#define FT_LOAD_MAX_ERRORS_DEFAULT 100
/** The largest input a load accepts by default: 1 GiB. */
#define FT_LOAD_MAX_SIZE_DEFAULT ((size_t)1 << 30)
/** The longest string value a load accepts by default: 1 MiB. */
#define FT_LOAD_MAX_STRING_DEFAULT ((size_t)1 << 20)
/** The longest JSON Lines line a load accepts by default: 4 MiB, room for
 * a few strings of the longest kind. */
#define FT_LOAD_MAX_LINE_DEFAULT ((size_t)4 << 20)
/** The default options: every field zero but `version`. */
#define FT_LOAD_OPTIONS_INIT                                                                                 \
	{                                                                                                    \
		FT_LOAD_OPTIONS_VERSION, NULL, NULL, 0, 0, 0, FT_ENCODING_AUTO, 0, 0, 0                      \
	}

/**
 * The same as FT_LOAD_OPTIONS_INIT, for callers that cannot use macros.
 * Every field's default is zero.
 * @param opts the options to initialise; NULL is allowed (nothing happens)
 */
FT_EXTERN void ft_load_options_init(ft_load_options *opts);

/**
 * Loads a dataset from a file, in any encoding (see
 * ft_load_options.encoding). A JSON Lines file is read as a stream: each
 * line is checked as it arrives, in bounded memory, and its problems name
 * the line. A snapshot is mapped into memory, not read (see
 * ft_dataset_save_snapshot_file()).
 * @param path the file; errors call the input by this name
 * @param opts the options; NULL for the defaults
 * @param err  filled with the first problem on failure; may be NULL
 * @return the dataset, which belongs to the caller (ft_dataset_free()), or
 *         NULL: FT_EIO, FT_ESYNTAX, FT_EFORMAT, FT_EVERSION, FT_EREF,
 *         FT_EDUPLICATE, FT_ELOOP, FT_ELIMIT or FT_ETORN in `err`, or
 *         FT_EINVAL for a NULL `path` or bad options
 */
FT_EXTERN ft_dataset *ft_dataset_load_file(const char *path, const ft_load_options *opts, ft_error *err);
/**
 * Loads a dataset from memory, as ft_dataset_load_file() loads a file.
 * @param buf  the text; need not be NUL-terminated; may be NULL when `len` is 0
 * @param len  its length in bytes
 * @param name what errors call the input ("buildup.json"); NULL means "<buffer>"
 * @param opts the options; NULL for the defaults
 * @param err  filled with the first problem on failure; may be NULL
 * @return the dataset, which belongs to the caller (ft_dataset_free()), or NULL
 */
FT_EXTERN ft_dataset *ft_dataset_load_buffer(const char *buf, size_t len, const char *name,
                                             const ft_load_options *opts, ft_error *err);
/**
 * Loads a dataset from an open stream, read to its end, as
 * ft_dataset_load_file() loads a file. The stream is not closed. A
 * snapshot on a stream is read whole into memory first (it cannot be
 * mapped), within opts->max_size.
 * @param fp   the stream
 * @param name what errors call the input; NULL means "<stream>"
 * @param opts the options; NULL for the defaults
 * @param err  filled with the first problem on failure; may be NULL
 * @return the dataset, which belongs to the caller (ft_dataset_free()), or NULL
 */
FT_EXTERN ft_dataset *ft_dataset_load_stream(FILE *fp, const char *name, const ft_load_options *opts,
                                             ft_error *err);

/**
 * The encoding of a file, decided by its content exactly as the load
 * functions decide it.
 * @param path the file
 * @param out  FT_ENCODING_LINES, FT_ENCODING_DOCUMENT or FT_ENCODING_SNAPSHOT
 * @param err  filled on failure; may be NULL
 * @return 0; FT_EIO when the file cannot be read, or FT_EINVAL for a NULL
 *         argument
 */
FT_EXTERN int ft_encoding_detect(const char *path, ft_encoding *out, ft_error *err);

/**
 * Checks a file and reports every problem through opts->on_error (up to
 * opts->max_errors), keeping nothing: a validator. It checks what a load
 * checks and, for a snapshot, one rule more: that the content hash its
 * header records is the hash of the content (ft_dataset_content_hash()),
 * which a load does not check.
 * @param path the file
 * @param opts the options, with `on_error` set to hear the problems; NULL
 *             counts them without saying what they are
 * @return the number of problems found (0: valid), or FT_EINVAL for a NULL
 *         `path` or bad options
 */
FT_EXTERN int ft_dataset_validate_file(const char *path, const ft_load_options *opts);

/**
 * Saves the dataset as a canonical document, atomically: it is written to a
 * new file in the same directory (an unnamed one where the system has
 * O_TMPFILE, so that a kill or a crash during the write leaves no file
 * behind), flushed and synced to disk, then renamed over `path`. On failure
 * `path` is as it was and no temporary file is left. Replacing an existing
 * file, the save holds its lock (as ft_lines_file_append() does), waiting for
 * an append in progress. A symbolic link is followed and its target
 * replaced; the link stays. A file with more than one hard link is refused
 * (FT_EIO, saying so): replacing it would leave the other names with the old
 * contents. The new file keeps the old one's permission bits, except
 * set-user-id and set-group-id, which no file this library creates carries,
 * and its owner and group where the process may set them.
 * @param ds   the dataset
 * @param path the file to write
 * @param err  filled on failure; may be NULL
 * @return 0, or FT_EIO or FT_EINVAL with `err` filled
 */
FT_EXTERN int ft_dataset_save_file(const ft_dataset *ds, const char *path, ft_error *err);

/**
 * Writes contents of the caller's to `path`, which changes as
 * ft_dataset_save_file() changes a file: `fn` writes them to a stream over
 * a new file in the same directory (unnamed where the system has
 * O_TMPFILE, so that a kill or a crash during the write leaves nothing
 * behind), which is flushed, synced and put in place of `path` once `fn`
 * returns 0. On failure, `fn`'s or a write's, `path` is as it was and no
 * temporary file is left. Links, hard links, permission bits and the lock
 * of a file being replaced are as for ft_dataset_save_file(). The
 * forcetrack program writes its reports' -o this way.
 * @param fp      the stream to write to; `fn` does not close it
 * @param payload what the caller gave ft_file_replace()
 * @param err     for `fn` to fill when it fails
 * @return 0 when the contents are whole; anything else is passed back
 */
typedef int (*ft_file_fn)(FILE *fp, void *payload, ft_error *err);
/**
 * @param path    the file to write
 * @param fn      writes the contents
 * @param payload handed to `fn`
 * @param err     filled on failure; may be NULL
 * @return 0; the non-zero return of `fn`, with `err` as `fn` filled it; or
 *         FT_EIO (a write, the sync or the rename failed, or `path` has
 *         more than one hard link) or FT_EINVAL (a NULL or empty `path`, a
 *         NULL `fn`) with `err` filled
 */
FT_EXTERN int ft_file_replace(const char *path, ft_file_fn fn, void *payload, ft_error *err);

/**
 * Rewrites a file canonically in place, in the encoding it is in (or the one
 * opts->encoding names), as forcetrack fmt --in-place does: the file is
 * loaded, then replaced as ft_dataset_save_file() replaces a file, while its
 * lock is held from the load to the rename. An append to the file
 * (ft_lines_file_append()) made meanwhile waits for the new file and goes
 * into it, instead of into the old one and being lost; the rewrite waits
 * likewise for an append in progress. With opts->recover_torn, a torn end
 * is reported through opts->on_error and left out of the new file.
 * @param path the file, which must exist
 * @param opts how to load it; NULL for the defaults
 * @param err  filled on failure with the load's first problem or the
 *             write's; may be NULL
 * @return 0; or what ft_dataset_load_file() or ft_dataset_save_file()
 *         return, with `err` filled; the file is then unchanged
 */
FT_EXTERN int ft_dataset_rewrite_file(const char *path, const ft_load_options *opts, ft_error *err);

/**
 * The canonical document as a string.
 * @param ds  the dataset
 * @param err filled on failure; may be NULL
 * @return a NUL-terminated string that belongs to the caller, who releases
 *         it with ft_free(); NULL (FT_EINVAL) for a NULL `ds`
 */
FT_EXTERN char *ft_dataset_save_string(const ft_dataset *ds, ft_error *err);

/**
 * Saves as JSON Lines (docs/format.md section 7): the header, then actors,
 * regions, units, sources and claims, each kind in an order where every
 * reference points to an earlier line (dataset order where it allows).
 * `opposes` is symmetric, so a reference to a later actor is written on
 * that actor's line instead; the same holds for `disputes`. Each line is
 * canonical compact JSON. Saving to a file is atomic, as
 * ft_dataset_save_file() is.
 * @param ds   the dataset
 * @param path the file to write
 * @param err  filled on failure; may be NULL
 * @return 0, or a negative code with `err` filled (FT_EIO, FT_EINVAL, or
 *         FT_EFORMAT for a dataset that cannot be written with every
 *         reference pointing backward)
 */
FT_EXTERN int ft_dataset_save_lines_file(const ft_dataset *ds, const char *path, ft_error *err);
/**
 * The dataset as JSON Lines in a string, as ft_dataset_save_lines_file()
 * writes it.
 * @param ds  the dataset
 * @param err filled on failure; may be NULL
 * @return a NUL-terminated string that belongs to the caller, who releases
 *         it with ft_free(); NULL on failure
 */
FT_EXTERN char *ft_dataset_save_lines_string(const ft_dataset *ds, ft_error *err);

/**
 * Saves a binary snapshot of the dataset, atomically as
 * ft_dataset_save_file() saves a file: GLib's GVariant serialisation of
 * every entity and field, in dataset order, after a header holding the
 * snapshot format's version, the library's version, the content hash
 * (ft_dataset_content_hash()) and a checksum of the whole file. The load
 * functions know a snapshot by its first bytes and map it instead of
 * parsing JSON; a loaded snapshot is the same dataset, and saves to the
 * same bytes in either JSON encoding. A snapshot is checked as any input
 * is: a damaged, truncated or crafted one is refused with the rule it
 * breaks. The recorded content hash is the exception: a load does not
 * check it and the dataset does not take it (see ft_dataset_content_hash());
 * ft_dataset_validate_file() checks it. docs/format.md describes the layout.
 * @param ds   the dataset
 * @param path the file to write (by convention ending in .ftsnap)
 * @param err  filled on failure; may be NULL
 * @return 0, or a negative code with `err` filled (FT_EIO, FT_EINVAL,
 *         FT_EFORMAT as for ft_dataset_save_lines_file(), or FT_ELIMIT for
 *         a dataset whose snapshot would exceed 4 GiB)
 */
FT_EXTERN int ft_dataset_save_snapshot_file(const ft_dataset *ds, const char *path, ft_error *err);
/**
 * The snapshot ft_dataset_save_snapshot_file() writes, in memory;
 * ft_dataset_load_buffer() loads it.
 * @param ds  the dataset
 * @param len set to the snapshot's size in bytes
 * @param err filled on failure; may be NULL
 * @return the snapshot, which belongs to the caller, who releases it with
 *         ft_free(); NULL on failure (FT_EINVAL for a NULL argument)
 */
FT_EXTERN void *ft_dataset_save_snapshot_buffer(const ft_dataset *ds, size_t *len, ft_error *err);

/**
 * The content hash of a dataset: the SHA-256, in lower-case hex, of its
 * canonical JSON Lines (exactly the bytes ft_dataset_save_lines_string()
 * gives), so that a figure can name the data it came from. The same data
 * has the same hash whatever it was loaded from. The JSON Lines are
 * streamed into the hash, never held whole; the result is kept with the
 * dataset until it changes. It is always computed from the dataset's
 * content, a dataset loaded from a snapshot included: the hash a
 * snapshot's header records is never taken on trust (a load does not
 * check it, which would cost more than the load; ft_dataset_validate_file()
 * does). Safe to call from many threads at once.
 * @param ds  the dataset
 * @param out filled with 64 hex digits and a NUL
 * @param err filled on failure; may be NULL
 * @return 0, or a negative code with `err` filled (FT_EINVAL for a NULL
 *         argument, or what ft_dataset_save_lines_string() fails with)
 */
FT_EXTERN int ft_dataset_content_hash(const ft_dataset *ds, char out[65], ft_error *err);

/**
 * Appends entity lines to a JSON Lines file, all or none. They are checked
 * against the file's contents as if they followed it, and appended only if
 * every one is valid, canonically. Writers of one file exclude each other:
 * the append holds an exclusive flock(2) on the file from the check to the
 * end of the write, waiting as long as another append or a save
 * (ft_dataset_save_file(), ft_dataset_rewrite_file()) holds it, so two
 * appends of the same id cannot both succeed. The batch is written with its
 * first byte as NUL, synced, then committed by writing that byte and syncing
 * again (docs/format.md 9r): a crash before the commit leaves an append that
 * was never committed, which a load refuses with FT_ETORN, recover_torn
 * drops, and ft_lines_file_recover() removes. A write that fails (a full
 * disk, a file-size limit) truncates the file back to its old size. A file
 * that ends in a torn line or an uncommitted append, or whose last line lacks
 * its newline, is refused (FT_ETORN, naming the way out) until
 * ft_lines_file_recover() repairs it; a JSON document is refused with
 * FT_EFORMAT, saying it is one.
 * @param path  the JSON Lines file, which must exist
 * @param lines one or more lines as in the stream ({"claim": {...}})
 * @param len   the length of `lines` in bytes
 * @param name  what errors call `lines`; NULL means "<lines>"
 * @param err   filled on failure; may be NULL
 * @return 0, or a negative code with `err` filled; the file is then unchanged
 */
FT_EXTERN int ft_lines_file_append(const char *path, const char *lines, size_t len, const char *name,
                                   ft_error *err);

/** What ft_lines_file_recover() found at the end of a file and did. */
typedef struct ft_recovery {
	/** The first line dropped or completed; 0 when the file was whole. */
	int first_line;
	/** How many lines were dropped (a torn line, or the lines of an
	 * append that was never committed); 0 when none. */
	int lines;
	/** How many bytes were dropped. */
	size_t bytes;
	/** 1 when the last line was whole JSON lacking only its newline, and
	 * the newline was added (nothing was dropped). */
	int newline_added;
} ft_recovery;

/**
 * Repairs what an unfinished append left at the end of a JSON Lines file,
 * holding the file's lock as ft_lines_file_append() does: a torn last line,
 * or an append that was never committed, is dropped (the file is truncated
 * where it begins); a last line that is whole but lacks its newline gets
 * one. Nothing is changed unless everything before the damage loads as it
 * is: any other problem is reported and the file left alone. A whole file
 * is left as it is (`out` then says nothing was done).
 * @param path the JSON Lines file
 * @param out  filled with what was done; may be NULL
 * @param err  filled on failure; may be NULL
 * @return 0; or FT_EIO, a load's code (FT_EFORMAT for a JSON document,
 *         said to be one), or FT_EINVAL for a NULL `path`, with `err` filled
 */
FT_EXTERN int ft_lines_file_recover(const char *path, ft_recovery *out, ft_error *err);

#ifdef __cplusplus
}
#endif

#endif
