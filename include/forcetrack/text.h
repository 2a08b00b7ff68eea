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
 * A copy of `text` that a terminal shows as plain text on one line: escape
 * sequences (ESC [ ... and ESC ] ... included) and C0 and C1 control
 * characters are removed, except that tab, carriage return and newline
 * become a space; bytes that are not UTF-8 become U+FFFD.
 * @param text the text, NUL-terminated; NULL gives ""
 * @return a new string that belongs to the caller, who releases it with
 *         ft_free(); never NULL
 */
FT_EXTERN char *ft_text_sanitize_terminal(const char *text);

#ifdef __cplusplus
}
#endif

#endif
