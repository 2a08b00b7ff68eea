/*
 * Filling ft_error records, and the error list a load uses to collect every
 * problem (up to a cap) while keeping the first for the caller.
 */
#ifndef FT_ERROR_PRIVATE_H
#define FT_ERROR_PRIVATE_H

#include <glib.h>
#include "forcetrack/common.h"
#include "forcetrack/text.h"

/* Fills `err` (NULL allowed) with a code, a JSON path (NULL: none) and a
 * printf-style text. Returns `code`, so `return ft__error_set(...)` reads
 * well. */
int ft__error_set(ft_error *err, int code, const char *path, const char *fmt, ...) G_GNUC_PRINTF(4, 5);

/*
 * Data quoted in a message: `text` with its control characters (C0, DEL,
 * C1, U+2028, U+2029, bidirectional controls) and bytes that are not UTF-8
 * written as escapes (\n, \u001b, \u202e, \x9b), '"' and '\' escaped, and
 * cut after FT__QUOTE_CHARS characters with "...", so that a message stays
 * one short line whatever the data holds. Writes into `buf` (`size` bytes,
 * at least FT__QUOTE_SIZE) and returns it; NULL quotes as "". FT__Q gives
 * the buffer, which lives until the end of the enclosing block:
 *
 *     ft__error_set(err, FT_EREF, path, "unknown region \"%s\"", FT__Q(id));
 */
const char *ft__quote(const char *text, char *buf, size_t size);
#define FT__QUOTE_CHARS 64
#define FT__QUOTE_SIZE  (FT__QUOTE_CHARS * 6 + 4)
#define FT__Q(text)     ft__quote((text), (char[FT__QUOTE_SIZE]){0}, FT__QUOTE_SIZE)

/* ft_text_non_ascii (forcetrack/text.h) writes the words of a look-alike
 * note: "it holds a non-ASCII character: U+0430". */
#define FT__WORDS_SIZE FT_TEXT_NON_ASCII_SIZE

/*
 * What follows a quoted value that may hold only ASCII (an id, a code, a
 * time value): "" when it is all ASCII, else ft_text_non_ascii's words between
 * " (" and ")". FT__NON_ASCII gives the buffer, as FT__Q does:
 *
 *     "invalid id \"%s\"%s: ...", FT__Q(id), FT__NON_ASCII(id)
 */
const char *ft__non_ascii_note(const char *text, char *buf, size_t size);
#define FT__NOTE_SIZE       (FT__WORDS_SIZE + 4)
#define FT__NON_ASCII(text) ft__non_ascii_note((text), (char[FT__NOTE_SIZE]){0}, FT__NOTE_SIZE)

/* Sets the file name an error refers to. */
void ft__error_set_file(ft_error *err, const char *file);

/*
 * Collects the problems of one load or add. The first is kept in `first`;
 * each is passed to `fn` (when set) until `max` have been seen, after which
 * `full` is set and further problems are counted but not reported.
 */
typedef struct ft__errlist {
	ft_error first;
	size_t count;
	size_t max;
	int full;
	/* How many "did you mean" searches were made (see FT__MAX_SUGGESTIONS). */
	size_t suggested;
	ft_error_fn fn;
	void *payload;
	const char *file;
	/* When > 0, problems recorded without a line of their own get this one
	 * (the line of a JSON Lines file being read). */
	int line;
} ft__errlist;

/*
 * A "did you mean" compares one unknown reference with every id of its
 * kind; past this many in one load or add, and once the list is full,
 * unknown references are reported without one, so that a file of unknown
 * references costs linear time, not ids x references.
 */
#define FT__MAX_SUGGESTIONS 20

/* An empty list for `file` (NULL: none) that reports to no callback and
 * has no cap; a load sets fn, payload and max from its options
 * (ft__errlist_init_load in io/read-private.h). */
void ft__errlist_init(ft__errlist *list, const char *file);

/* Records one problem (the file name is filled in). */
void ft__errlist_add(ft__errlist *list, const ft_error *err);

/* Records one problem from its parts. */
void ft__errlist_addf(ft__errlist *list, int code, const char *path, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

/* The code of the first problem, or 0. */
int ft__errlist_code(const ft__errlist *list);

/* Copies the first problem to `err` (NULL allowed). */
void ft__errlist_copy_first(const ft__errlist *list, ft_error *err);

#endif
