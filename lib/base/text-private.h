/*
 * The characters that change how the text around them is shown instead of
 * showing themselves, shared by everything that puts dataset text in front
 * of a person: the canonical writer escapes them, messages that quote data
 * escape them, and the terminal form escapes or drops them.
 */
#ifndef FT_TEXT_PRIVATE_H
#define FT_TEXT_PRIVATE_H

#include <glib.h>

/*
 * 1 for C0 controls (U+0000 to U+001F), DEL (U+007F), C1 controls (U+0080
 * to U+009F, where U+009B is CSI, an escape introducer on its own), the line
 * and paragraph separators U+2028 and U+2029 (line breaks to JavaScript and
 * to some terminals), and the bidirectional embeddings, overrides and
 * isolates U+202A to U+202E and U+2066 to U+2069, which reorder what a
 * person sees ("Trojan Source", CVE-2021-42574), and the invisible marks
 * that steer the same algorithm, LRM U+200E, RLM U+200F and ALM U+061C.
 */
int ft__char_is_control(gunichar c);

#endif
