/*
 * Error records: filling them, formatting them as the one line a person
 * reads, and collecting many of them during a load. The names of the codes
 * and the library's version at run time are here too.
 */
#include "base/error-private.h"
#include "base/text-private.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "forcetrack/version.h"

const char *ft_strerror(int code)
{
	switch (code) {
	case FT_OK: return "no error";
	case FT_EINVAL: return "invalid argument";
	case FT_EIO: return "input/output error";
	case FT_ESYNTAX: return "invalid JSON";
	case FT_EFORMAT: return "breaks a rule of the format";
	case FT_EVERSION: return "unsupported format version";
	case FT_EREF: return "unknown reference";
	case FT_EDUPLICATE: return "duplicate id";
	case FT_ELOOP: return "parent chain loops";
	case FT_ELIMIT: return "limit exceeded";
	case FT_ETORN: return "torn last line";
	case FT_ESUSPECT: return "suspicious";
	default: return "unknown error code";
	}
}

const char *ft_version(void)
{
	return FT_VERSION_STRING;
}

void ft_free(void *ptr)
{
	g_free(ptr);
}

void ft_error_clear(ft_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

size_t ft_error_format(const ft_error *err, char *buf, size_t size)
{
	if (!err)
		return 0;
	GString *line = g_string_new(NULL);
	if (err->file[0])
		g_string_append(line, err->file);
	if (err->line > 0) {
		g_string_append_printf(line, ":%d", err->line);
		if (err->column > 0)
			g_string_append_printf(line, ":%d", err->column);
	}
	if (line->len)
		g_string_append(line, ": ");
	if (err->path[0])
		g_string_append_printf(line, "%s: ", err->path);
	g_string_append(line, err->text[0] ? err->text : ft_strerror(err->code));
	size_t n = line->len;
	if (buf && size) {
		size_t copy = n < size - 1 ? n : size - 1;
		memcpy(buf, line->str, copy);
		buf[copy] = '\0';
	}
	g_string_free(line, TRUE);
	return n;
}

/*
 * Appends to `out` the character at `s`, escaped when it is a control
 * character (ft__char_is_control) or a byte that is not UTF-8, and returns
 * how many bytes it took: \n, \r and \t, \u001b, \u202e, \x9b. `quote`
 * also escapes '"' and '\', for a datum shown between quotes, so that what
 * a message quotes reads back unambiguously.
 */
static size_t escape_one(GString *out, const char *s, int quote)
{
	unsigned char b = (unsigned char)*s;
	if (b < 0x80) {
		switch (b) {
		case '\n': g_string_append(out, "\\n"); return 1;
		case '\r': g_string_append(out, "\\r"); return 1;
		case '\t': g_string_append(out, "\\t"); return 1;
		case '"':
		case '\\':
			if (quote)
				g_string_append_c(out, '\\');
			break;
		default: break;
		}
		if (ft__char_is_control(b))
			g_string_append_printf(out, "\\u%04x", b);
		else
			g_string_append_c(out, (char)b);
		return 1;
	}
	gunichar c = g_utf8_get_char_validated(s, -1);
	if (c == (gunichar)-1 || c == (gunichar)-2) {
		g_string_append_printf(out, "\\x%02x", b);
		return 1;
	}
	size_t n = (size_t)g_utf8_skip[b];
	if (ft__char_is_control(c))
		g_string_append_printf(out, "\\u%04x", (unsigned int)c);
	else
		g_string_append_len(out, s, (gssize)n);
	return n;
}

const char *ft__quote(const char *text, char *buf, size_t size)
{
	GString *out = g_string_sized_new(64);
	const char *s = text ? text : "";
	for (size_t shown = 0; *s; shown++) {
		if (shown == FT__QUOTE_CHARS) {
			g_string_append(out, "...");
			break;
		}
		s += escape_one(out, s, 1);
	}
	/* FT__QUOTE_SIZE holds the longest: every character a six-byte escape. */
	g_assert(out->len < size);
	memcpy(buf, out->str, out->len + 1);
	g_string_free(out, TRUE);
	return buf;
}

size_t ft_text_non_ascii(const char *text, char *buf, size_t size)
{
	GString *points = g_string_new(NULL);
	gunichar listed[FT_TEXT_CODE_POINTS_MAX];
	size_t n_listed = 0;
	int more = 0;
	size_t count = 0;
	for (const char *s = text ? text : ""; *s;) {
		gunichar c = g_utf8_get_char_validated(s, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			s++; /* not a character: the quoted datum shows the byte */
			continue;
		}
		s += g_utf8_skip[*(const guchar *)s]; /* g_utf8_next_char casts const away */
		/* Controls are left out: the quote shows them as escapes. */
		if (c < 0x80 || ft__char_is_control(c))
			continue;
		count++;
		/* Each code point once, in the order they first appear. */
		size_t k = 0;
		while (k < n_listed && listed[k] != c)
			k++;
		if (k < n_listed)
			continue;
		if (n_listed < FT_TEXT_CODE_POINTS_MAX) {
			listed[n_listed++] = c;
			g_string_append_printf(points, " U+%04X", (unsigned int)c);
		} else if (!more) {
			more = 1;
			g_string_append(points, " ...");
		}
	}
	if (count == 0)
		g_strlcpy(buf, "", size);
	else
		g_snprintf(buf, size, "it holds %s:%s",
		           count == 1 ? "a non-ASCII character" : "non-ASCII characters", points->str);
	g_string_free(points, TRUE);
	return count;
}

const char *ft__non_ascii_note(const char *text, char *buf, size_t size)
{
	char words[FT__WORDS_SIZE];
	if (ft_text_non_ascii(text, words, sizeof words) == 0)
		g_strlcpy(buf, "", size);
	else
		g_snprintf(buf, size, " (%s)", words);
	return buf;
}

/*
 * Makes `s` (a buffer of `size` bytes) safe to print as one line: control
 * characters and bytes that are not UTF-8, which messages quoting data or
 * naming keys in a path may carry, become escapes (escape_one). A text cut
 * at the buffer's end, by the formatting that filled it or by the escapes
 * that lengthened it, is trimmed back to whole characters and escapes.
 */
static void one_line(char *s, size_t size)
{
	size_t len = strlen(s);
	if (len + 1 == size) {
		/* Full: the last character may have been cut by the formatting. */
		size_t lead = len;
		while (lead > 0 && len - lead < 4 && ((unsigned char)s[lead - 1] & 0xc0) == 0x80)
			lead--;
		if (lead > 0 && (unsigned char)s[lead - 1] >= 0xc0 &&
		    (size_t)g_utf8_skip[(unsigned char)s[lead - 1]] > len - lead + 1)
			s[len = lead - 1] = '\0';
	}
	GString *out = g_string_sized_new(len);
	size_t fits = 0;
	for (const char *p = s; *p;) {
		p += escape_one(out, p, 0);
		if (out->len >= size)
			break;
		fits = out->len;
	}
	memcpy(s, out->str, fits);
	s[fits] = '\0';
	g_string_free(out, TRUE);
}

static void make_printable(ft_error *err)
{
	one_line(err->text, sizeof err->text);
	one_line(err->path, sizeof err->path);
	one_line(err->file, sizeof err->file);
}

int ft__error_set(ft_error *err, int code, const char *path, const char *fmt, ...)
{
	if (!err)
		return code;
	err->code = code;
	err->line = 0;
	err->column = 0;
	g_strlcpy(err->path, path ? path : "", sizeof err->path);
	va_list ap;
	va_start(ap, fmt);
	g_vsnprintf(err->text, sizeof err->text, fmt, ap);
	va_end(ap);
	/* Only what was just written: the caller may not have initialised the
	 * rest of the record (`file` is set by ft__error_set_file). */
	one_line(err->text, sizeof err->text);
	one_line(err->path, sizeof err->path);
	return code;
}

void ft__error_set_file(ft_error *err, const char *file)
{
	if (err)
		g_strlcpy(err->file, file ? file : "", sizeof err->file);
}

void ft__errlist_init(ft__errlist *list, const char *file)
{
	memset(list, 0, sizeof *list);
	list->file = file;
	list->max = SIZE_MAX;
}

void ft__errlist_add(ft__errlist *list, const ft_error *err)
{
	ft_error copy = *err;
	if (list->file)
		ft__error_set_file(&copy, list->file);
	if (list->line > 0 && copy.line == 0)
		copy.line = list->line;
	make_printable(&copy);
	if (list->count == 0)
		list->first = copy;
	list->count++;
	if (list->count > list->max) {
		list->full = 1;
		return;
	}
	if (list->fn)
		list->fn(&copy, list->payload);
	if (list->count == list->max)
		list->full = 1;
}

void ft__errlist_addf(ft__errlist *list, int code, const char *path, const char *fmt, ...)
{
	ft_error err;
	memset(&err, 0, sizeof err);
	err.code = code;
	g_strlcpy(err.path, path ? path : "", sizeof err.path);
	va_list ap;
	va_start(ap, fmt);
	g_vsnprintf(err.text, sizeof err.text, fmt, ap);
	va_end(ap);
	ft__errlist_add(list, &err);
}

int ft__errlist_code(const ft__errlist *list)
{
	return list->count ? list->first.code : 0;
}

void ft__errlist_copy_first(const ft__errlist *list, ft_error *err)
{
	if (err && list->count)
		*err = list->first;
}
