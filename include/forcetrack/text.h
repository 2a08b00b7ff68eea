/**
 * @file
 * Text from a dataset, made safe for where it is shown. A dataset is
 * untrusted input: a name may carry terminal escape sequences that move the
 * cursor or rewrite the screen, or control characters that split one line
 * of a report in two.
 */
#ifndef FORCETRACK_TEXT_H
#define FORCETRACK_TEXT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A copy of `text` that a terminal shows as plain text on one line, in
 * the order it is stored:
 * - escape sequences (ESC [ ... and ESC ] ... included), C0 control
 *   characters and DEL are removed, except that tab, carriage return and
 *   newline become a space;
 * - C1 control characters (U+0080 to U+009F; U+009B is CSI, an escape
 *   sequence's introducer on its own), the line and paragraph separators
 *   U+2028 and U+2029, and the bidirectional controls U+202A to U+202E,
 *   U+2066 to U+2069 and the marks U+200E, U+200F and U+061C (which reorder
 *   what a reader sees) are shown as the
 *   six characters of an escape, `\u009b`, `\u202e`, lower-case;
 * - bytes that are not UTF-8 become U+FFFD.
 *
 * The escapes are for a person to read, not to be decoded: a backslash in
 * the text is kept as it is.
 * @param text the text, NUL-terminated; NULL gives ""
 * @return a new string that belongs to the caller, who releases it with
 *         ft_free(); never NULL
 */
FT_EXTERN char *ft_text_sanitize_terminal(const char *text);

/** The code points ft_text_non_ascii() lists at most, before " ...". */
#define FT_TEXT_CODE_POINTS_MAX 8
/** Room for the longest text ft_text_non_ascii() writes, with its NUL. */
#define FT_TEXT_NON_ASCII_SIZE (FT_TEXT_CODE_POINTS_MAX * 9 + 48)

/**
 * For a message about an id or another value that is expected to be ASCII:
 * names the characters of `text` outside ASCII, so that a look-alike from
 * another script (an "RU" typed with a Cyrillic Р) is visible. Writes "it
 * holds a non-ASCII character: U+0420" or "it holds non-ASCII characters:
 * U+0420 U+0423", each code point once in the order it first appears and at
 * most FT_TEXT_CODE_POINTS_MAX of them (then " ..."). Control characters
 * (C1, the separators and the bidirectional controls that
 * ft_text_sanitize_terminal() shows as escapes) and bytes that are not
 * UTF-8 are not counted. The library's own messages say it the same way.
 * @param text the text, NUL-terminated; NULL counts as ""
 * @param buf  where the words go (cut to fit); "" when there are none
 * @param size the size of `buf` (FT_TEXT_NON_ASCII_SIZE holds the longest)
 * @return how many characters outside ASCII `text` holds (0: none)
 */
FT_EXTERN size_t ft_text_non_ascii(const char *text, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
