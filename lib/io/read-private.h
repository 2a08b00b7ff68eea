/*
 * What the two readers share: io/read-document.c reads a dataset as one
 * JSON document, io/read-lines.c as JSON Lines (docs/format.md section 7), and both
 * turn each entity's JSON object into its description struct by the same
 * tables, with the same messages. The part that only reads JSON and fills
 * a description touches no dataset, so the JSON Lines reader runs it on
 * worker threads; adding the descriptions to the dataset stays on the
 * thread that called the load. The tables are io/fields.c, the input and
 * the encoding rule io/input.c. The public load functions (io/load.c)
 * decide the encoding (ft__detect) and hand the input to
 * ft__document_read or ft__lines_read; neither reader calls the other.
 */
#ifndef FT_READ_PRIVATE_H
#define FT_READ_PRIVATE_H

#include <stdio.h>
#include <glib.h>
#include <jansson.h>

#include "base/arena-private.h"
#include "forcetrack/io.h"
#include "model/dataset-private.h"

/*
 * A scan of JSON text for numbers written with a fraction or an exponent
 * that are not whole as written but whose double is ("94000.000000000001"
 * is the double 94000): io/numbers.c. Feed it the text in pieces, finish
 * it, then ask about a whole double a reader met.
 */
typedef struct ft__numscan {
	GHashTable *inexact; /* the doubles' bits, gint64 *; NULL: none */
	char *token;
	size_t len, exp_len;
	long long digits, int_digits, last_nonzero, exp;
	int in_string, escape, in_number, real, in_frac, in_exp, exp_neg;
} ft__numscan;

void ft__numscan_init(ft__numscan *s);
void ft__numscan_feed(ft__numscan *s, const char *p, size_t n);
void ft__numscan_finish(ft__numscan *s);
int ft__numscan_is_inexact(const ft__numscan *s, double d);
void ft__numscan_clear(ft__numscan *s);

/*
 * A reader's state while it reads one JSON object. Descriptions borrow
 * strings from the parsed JSON (or, with `copy_strings`, from the arena)
 * and everything else from `arena`, which the caller resets once the
 * description has been used. `ds` is only used by ft__read_header (NULL
 * elsewhere is fine).
 */
typedef struct ft__reader {
	ft_dataset *ds;
	ft__errlist *errs;
	size_t max_string;
	ft__arena *arena;
	/* Copy every string the description takes from the JSON into the
	 * arena, so that the tree can be released before the description is
	 * used (by another thread: the JSON Lines reader's workers). */
	int copy_strings;
	/* Extensions of the interval object being read, moved into the claim. */
	const ft_extension *observed_ext;
	size_t n_observed_ext;
	/* Numbers not whole as written (see ft__numscan): `numbers` when the
	 * text was scanned already (a document), else `text` and `text_len`
	 * are scanned into `own_numbers` the first time a whole number written
	 * as a real is met (a JSON Lines line). All NULL: not checked. */
	const ft__numscan *numbers;
	const char *text;
	size_t text_len;
	ft__numscan own_numbers; /* zeroed with the reader */
} ft__reader;

/* Releases what a reader made for itself (its own number scan). */
void ft__reader_clear(ft__reader *r);

/* A string of the JSON, `s` (a key or a string value's text) of `len`
 * bytes, as the description may hold it: borrowed, or copied into the
 * arena when r->copy_strings is set. */
const char *ft__read_keep(ft__reader *r, const char *s, size_t len);

/* An error list for a load of `file`: the callback, payload and cap of
 * `opts` (NULL allowed: no callback, FT_LOAD_MAX_ERRORS_DEFAULT). */
void ft__errlist_init_load(ft__errlist *list, const char *file, const ft_load_options *opts);

/* The limits of `opts` (NULL allowed), defaults filled in. */
size_t ft__load_max_size(const ft_load_options *opts);
size_t ft__load_max_string(const ft_load_options *opts);
size_t ft__load_max_line(const ft_load_options *opts);

/* "an object", "a string" ... for messages. */
const char *ft__json_type_name(const json_t *v);

/*
 * Reads the entity object `obj` of `kind` into `out`, recording every
 * problem in r->errs under `path` ("claims[3]" or "claim"). Touches no
 * dataset. Returns 0, or -1 when anything was wrong (then `out` must not
 * be used).
 */
int ft__read_entity(ft__reader *r, ft__kind kind, const char *path, const json_t *obj, ft__desc *out);

/* The extensions array of a description of `kind`. */
void ft__read_desc_extensions(ft__desc *d, ft__kind kind, const ft_extension ***items, size_t **n);

/*
 * Checks the "forcetrack" member of `root` (present, a version string of
 * the form MAJOR.MINOR this library reads). Returns 0 or -1 after
 * recording the problem.
 */
int ft__read_version(ft__reader *r, const json_t *root);

/*
 * Reads the members of a document's top level or of a JSON Lines header:
 * every key must be one of `keys` or begin with "x-" (kept as document
 * extensions); "dataset" is read as the metadata, and the metadata is set
 * on r->ds when it is free of problems.
 */
void ft__read_header(ft__reader *r, const json_t *root, const char *const *keys, size_t n_keys);

/* "expected an array, got a string" at `path`. */
void ft__read_wrong_type(ft__reader *r, const char *path, const char *expected, const json_t *got);

/* "unknown key (did you mean ...)" at `path`; `guess` may be NULL. */
void ft__read_unknown_key(ft__reader *r, const char *path, const char *guess);

/* Records Jansson's syntax error as this format words it; `line` > 0
 * replaces Jansson's line (JSON Lines parses one line at a time). */
void ft__read_syntax_error(ft__errlist *errs, const json_error_t *jerr, int line);

/*
 * The input of a load: a memory buffer, or a FILE read in chunks into a
 * buffer that holds only what has not been consumed yet. data[pos..len)
 * are bytes read and not consumed; for a FILE, `data` moves when more is
 * read. `total` counts every byte read, for max_size.
 */
typedef struct ft__input {
	FILE *fp; /* NULL: all of the input is in data[0..len) */
	const char *data;
	size_t pos, len;
	GString *own; /* the buffer behind `data` when reading a FILE */
	size_t total;
	size_t max_size;
	int eof;
} ft__input;

void ft__input_init_buffer(ft__input *in, const char *buf, size_t len, size_t max_size);
void ft__input_init_stream(ft__input *in, FILE *fp, size_t max_size);
void ft__input_clear(ft__input *in);

/*
 * Reads another chunk from the FILE onto the end of the buffer. Returns
 * the number of bytes added, 0 at the end of the input (always for a
 * memory buffer), or -1 after recording FT_EIO or FT_ELIMIT in `errs`.
 */
long ft__input_fill(ft__input *in, ft__errlist *errs);

/*
 * Decides the encoding by the content, reading (not consuming) as much of
 * the input as it needs: after leading whitespace, a first line that
 * parses on its own as a JSON object and is followed by more than
 * whitespace is JSON Lines; a first byte 0x89 is a snapshot
 * (io/snapshot-private.h); anything else is a document. Returns
 * FT_ENCODING_LINES, FT_ENCODING_DOCUMENT or FT_ENCODING_SNAPSHOT, or -1
 * after recording a read error in `errs`.
 */
int ft__detect(ft__input *in, ft__errlist *errs);

/*
 * Loads a JSON document from the rest of `in` (io/read-document.c).
 * Returns the dataset, or NULL with the problems in `errs`.
 */
ft_dataset *ft__document_read(ft__input *in, ft__errlist *errs, const ft_load_options *opts);

/*
 * Loads JSON Lines from `in`: the header line, then entity lines, each
 * checked and added as it arrives, in bounded memory (a batch of lines at
 * a time, parsed on opts->threads threads). Returns the dataset, or NULL
 * with the problems in `errs` (but see recover_torn).
 */
ft_dataset *ft__lines_read(ft__input *in, const ft_load_options *opts, ft__errlist *errs);

/* Worker threads are started at the first batch of at least this many
 * lines; until then batches are parsed on the calling thread (default 64;
 * tests and fuzz targets set 1 so that small inputs use them too). */
extern unsigned ft__lines_parallel_min;

/*
 * Reads entity lines (no header) from buf[0..len) into `ds` as if they
 * followed line `last_line` of a file, as an append checks them. Each
 * valid line is added; problems are recorded in `errs` with their line
 * numbers. A last line without its newline is read like any other line
 * (an append's text need not end in one). Returns the number of lines
 * read.
 */
size_t ft__lines_add(ft_dataset *ds, const char *buf, size_t len, int last_line, const ft_load_options *opts,
                     ft__errlist *errs);

#endif
