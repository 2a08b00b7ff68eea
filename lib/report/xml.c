/*
 * Dataset text made safe for the markup formats, the SVG charts
 * (report/svg.c) and the HTML situation report (report/html.c), which
 * share it because the HTML is written as polyglot markup that an XML
 * parser reads too, with the charts inline: the rules are the stricter
 * XML 1.0 ones, and every piece of the dataset's text in either format
 * passes through ft__xml_text. It is safe in element content and in a
 * quoted attribute alike.
 */
#include "base/text-private.h"
#include "report/report-private.h"

/* The noncharacters: U+FFFE and U+FFFF may not appear in XML 1.0 at
 * all, and HTML takes every noncharacter as a parse error. */
static int is_noncharacter(gunichar c)
{
	return (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
}

void ft__xml_text(GString *out, const char *s)
{
	if (!s)
		return;
	const char *p = s;
	while (*p) {
		gunichar c = g_utf8_get_char_validated(p, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			/* Not UTF-8 (the readers refuse it, but a caller of the
			 * API may not have): one replacement character a byte. */
			g_string_append(out, "\xEF\xBF\xBD");
			p++;
			continue;
		}
		/* g_utf8_next_char casts const away. */
		const char *next = p + g_utf8_skip[*(const guchar *)p];
		switch (c) {
		case '&': g_string_append(out, "&amp;"); break;
		case '<': g_string_append(out, "&lt;"); break;
		case '>': g_string_append(out, "&gt;"); break;
		case '"': g_string_append(out, "&quot;"); break;
		/* &apos; is XML's, not HTML 4's: the number is both's. */
		case '\'': g_string_append(out, "&#39;"); break;
		case '\t':
		case '\n': g_string_append_c(out, (char)c); break;
		/* A parser turns CR LF and a lone CR into LF anyway; doing it
		 * here keeps the bytes the same as what is read back. */
		case '\r':
			g_string_append_c(out, '\n');
			if (*next == '\n')
				next++;
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				/* XML 1.0 forbids these even as references, and
				 * they show nothing: dropped, as on a terminal. */
			} else if (ft__char_is_control(c)) {
				/* C1 controls, the line separators and the bidi
				 * controls are written as the six characters of
				 * an escape a reader sees, as on a terminal: an
				 * override must not turn the report's text
				 * around. */
				g_string_append_printf(out, "\\u%04x", (unsigned)c);
			} else if (is_noncharacter(c)) {
				g_string_append(out, "\xEF\xBF\xBD");
			} else {
				g_string_append_len(out, p, next - p);
			}
		}
		p = next;
	}
}
