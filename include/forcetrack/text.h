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
 *   U+2028 and U+2029, and the bidirectional controls U+202A to U+202E and
 *   U+2066 to U+2069 (which reorder what a reader sees) are shown as the
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

#ifdef __cplusplus
}
#endif

#endif
