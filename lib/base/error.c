/*
 * Error records: filling them, formatting them as the one line a person
 * reads, and collecting many of them during a load. The names of the codes
 * and the library's version at run time are here too.
 */
#include "base/error-private.h"

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
 * Makes `s` (a buffer of `size` bytes) safe to print as one line: control
 * characters, which messages quoting data may carry, become escapes like
 * \n or \u001b, and a text cut at the buffer's end is trimmed back to
 * whole UTF-8 characters.
 */
static void one_line(char *s, size_t size)
{
	GString *out = NULL;
	for (size_t i = 0; s[i]; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= 0x20 && ch != 0x7f) {
			if (out)
				g_string_append_c(out, (char)ch);
			continue;
		}
		if (!out)
			out = g_string_new_len(s, (gssize)i);
		switch (ch) {
		case '\n': g_string_append(out, "\\n"); break;
		case '\r': g_string_append(out, "\\r"); break;
		case '\t': g_string_append(out, "\\t"); break;
		default: g_string_append_printf(out, "\\u%04x", ch);
		}
	}
	if (out) {
		g_strlcpy(s, out->str, size);
		g_string_free(out, TRUE);
	}
	const char *end = NULL;
	if (!g_utf8_validate(s, -1, &end))
		s[end - s] = '\0';
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
