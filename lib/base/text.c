/*
 * Making dataset text safe to show. The terminal form drops what a
 * terminal would act on rather than print, ECMA-48 escape sequences and C0
 * controls, and shows as escapes (\u009b, \u202e) the C1 controls, which
 * some terminals take as escape introducers, and the bidirectional
 * controls, which would reorder the line around them: a person sees that
 * they are there.
 */
#include "base/text-private.h"

#include <string.h>

#include "forcetrack/text.h"

int ft__char_is_control(gunichar c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x2028 && c <= 0x202e) ||
	       (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c;
}

/* Skips the escape sequence that begins at s[0] == ESC; returns the
 * number of bytes it takes (the whole rest of the text when unfinished). */
static size_t escape_length(const unsigned char *s)
{
	size_t i = 1;
	if (s[i] == '[') {
		/* CSI: parameters and intermediates, then one final byte. */
		for (i++; s[i] && (s[i] < 0x40 || s[i] > 0x7e); i++)
			;
		return s[i] ? i + 1 : i;
	}
	if (s[i] == ']' || s[i] == 'P' || s[i] == '_' || s[i] == '^' || s[i] == 'X') {
		/* OSC and other strings: up to BEL or ST (ESC \). */
		for (i++; s[i]; i++) {
			if (s[i] == 0x07)
				return i + 1;
			if (s[i] == 0x1b && s[i + 1] == '\\')
				return i + 2;
		}
		return i;
	}
	/* Any other escape: ESC and the one character after it. */
	return s[i] ? 2 : 1;
}

char *ft_text_sanitize_terminal(const char *text)
{
	if (!text)
		return g_strdup("");
	/* Invalid bytes become U+FFFD first, so what follows sees characters. */
	char *valid = g_utf8_make_valid(text, -1);
	GString *out = g_string_sized_new(strlen(valid));
	const unsigned char *s = (const unsigned char *)valid;
	while (*s) {
		if (*s == 0x1b) {
			s += escape_length(s);
			continue;
		}
		if (*s == '\t' || *s == '\r' || *s == '\n') {
			g_string_append_c(out, ' ');
			s++;
			continue;
		}
		if (*s < 0x20 || *s == 0x7f) {
			s++;
			continue;
		}
		gunichar c = g_utf8_get_char((const char *)s);
		const unsigned char *next = s + g_utf8_skip[*s];
		if (ft__char_is_control(c))
			g_string_append_printf(out, "\\u%04x", (unsigned int)c);
		else
			g_string_append_len(out, (const char *)s, (gssize)(next - s));
		s = next;
	}
	g_free(valid);
	return g_string_free(out, FALSE);
}
