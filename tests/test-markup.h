/*
 * What the suites of the markup formats share (test_report_svg.c,
 * test_report_html.c). Reading back what they made: GLib's GMarkup parses
 * it, which refuses anything that is not well-formed XML (an unclosed
 * element, an unquoted attribute, an entity XML does not define), and the
 * elements are kept in document order with their attributes, their parent
 * and their text, so that a test can count the markers of a chart or read
 * the points of a polygon instead of searching the text. And the rest of
 * their plumbing: loading their datasets, comparing texts and golden
 * files with a message that shows the difference.
 */
#ifndef FT_TEST_MARKUP_H
#define FT_TEST_MARKUP_H

#include <CUnit/CUnit.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "forcetrack.h"
#include "test-util.h"

typedef struct tm_element {
	char *name;
	char **names, **values; /* the attributes */
	GString *text;          /* the text directly inside it */
	GString *all;           /* all the text inside it, its children's too, in order */
	long parent;            /* its parent's index, -1 for the root */
} tm_element;

typedef struct tm_doc {
	GPtrArray *elements; /* tm_element *, in document order */
	GArray *open;        /* the indexes of the open elements */
	char *error;         /* NULL when it parsed */
} tm_doc;

static inline void tm_start(GMarkupParseContext *ctx, const char *name, const char **names, const char **values,
                     gpointer data, GError **error)
{
	(void)ctx;
	(void)error;
	tm_doc *d = data;
	tm_element *e = g_new0(tm_element, 1);
	e->name = g_strdup(name);
	e->names = g_strdupv((char **)(uintptr_t)names);
	e->values = g_strdupv((char **)(uintptr_t)values);
	e->text = g_string_new(NULL);
	e->all = g_string_new(NULL);
	e->parent = d->open->len ? (long)g_array_index(d->open, guint, d->open->len - 1) : -1;
	guint at = d->elements->len;
	g_ptr_array_add(d->elements, e);
	g_array_append_val(d->open, at);
}

static inline void tm_end(GMarkupParseContext *ctx, const char *name, gpointer data, GError **error)
{
	(void)ctx;
	(void)name;
	(void)error;
	tm_doc *d = data;
	g_array_set_size(d->open, d->open->len - 1);
}

static inline void tm_text(GMarkupParseContext *ctx, const char *text, gsize len, gpointer data, GError **error)
{
	(void)ctx;
	(void)error;
	tm_doc *d = data;
	for (guint k = 0; k < d->open->len; k++) {
		tm_element *e = g_ptr_array_index(d->elements, g_array_index(d->open, guint, k));
		if (k + 1 == d->open->len)
			g_string_append_len(e->text, text, (gssize)len);
		g_string_append_len(e->all, text, (gssize)len);
	}
}

static inline void tm_element_free(gpointer p)
{
	tm_element *e = p;
	g_free(e->name);
	g_strfreev(e->names);
	g_strfreev(e->values);
	g_string_free(e->text, TRUE);
	g_string_free(e->all, TRUE);
	g_free(e);
}

/* Parses `text`; doc->error says why it is not well-formed (tm_free). */
static inline tm_doc *tm_parse(const char *text)
{
	static const GMarkupParser parser = {tm_start, tm_end, tm_text, NULL, NULL};
	tm_doc *d = g_new0(tm_doc, 1);
	d->elements = g_ptr_array_new_with_free_func(tm_element_free);
	d->open = g_array_new(FALSE, FALSE, sizeof(guint));
	GMarkupParseContext *ctx = g_markup_parse_context_new(&parser, 0, d, NULL);
	GError *error = NULL;
	if (!g_markup_parse_context_parse(ctx, text, -1, &error) || !g_markup_parse_context_end_parse(ctx, &error)) {
		d->error = g_strdup(error->message);
		g_error_free(error);
	}
	g_markup_parse_context_free(ctx);
	return d;
}

static inline void tm_free(tm_doc *d)
{
	if (!d)
		return;
	g_ptr_array_free(d->elements, TRUE);
	g_array_free(d->open, TRUE);
	g_free(d->error);
	g_free(d);
}

static inline tm_element *tm_at(const tm_doc *d, long i)
{
	return i >= 0 && (guint)i < d->elements->len ? g_ptr_array_index(d->elements, (guint)i) : NULL;
}

/* The value of attribute `name`, or NULL. */
static inline const char *tm_attr(const tm_element *e, const char *name)
{
	for (size_t i = 0; e && e->names[i]; i++)
		if (strcmp(e->names[i], name) == 0)
			return e->values[i];
	return NULL;
}

/* 1 when `e` is named `name` (NULL: any) and, when `attr` is given, has
 * it equal to `value`. */
static inline int tm_is(const tm_element *e, const char *name, const char *attr, const char *value)
{
	if (name && strcmp(e->name, name) != 0)
		return 0;
	if (!attr)
		return 1;
	const char *v = tm_attr(e, attr);
	return v && strcmp(v, value) == 0;
}

/* 1 when an ancestor of element `i` is `name` with `attr` = `value`. */
static inline int tm_within(const tm_doc *d, long i, const char *name, const char *attr, const char *value)
{
	for (long p = tm_at(d, i)->parent; p >= 0; p = tm_at(d, p)->parent)
		if (tm_is(tm_at(d, p), name, attr, value))
			return 1;
	return 0;
}

/* How many elements match (tm_is). */
static inline size_t tm_count(const tm_doc *d, const char *name, const char *attr, const char *value)
{
	size_t n = 0;
	for (guint i = 0; i < d->elements->len; i++)
		n += tm_is(g_ptr_array_index(d->elements, i), name, attr, value) ? 1 : 0;
	return n;
}

/* The index of the `nth` (from 0) element that matches, or -1. */
static inline long tm_find(const tm_doc *d, const char *name, const char *attr, const char *value, size_t nth)
{
	for (guint i = 0; i < d->elements->len; i++)
		if (tm_is(g_ptr_array_index(d->elements, i), name, attr, value) && nth-- == 0)
			return (long)i;
	return -1;
}

/* The index of the `nth` element named `name` inside element `within`
 * (at any depth), or -1. */
static inline long tm_find_in(const tm_doc *d, long within, const char *name, size_t nth)
{
	for (guint i = (guint)within + 1; i < d->elements->len; i++) {
		long p = tm_at(d, (long)i)->parent;
		while (p > within)
			p = tm_at(d, p)->parent;
		if (p != within)
			break;
		if (strcmp(tm_at(d, (long)i)->name, name) == 0 && nth-- == 0)
			return (long)i;
	}
	return -1;
}

/* The text of the first <title> directly inside element `i` ("" when
 * there is none). */
static inline const char *tm_title_of(const tm_doc *d, long i)
{
	for (guint k = (guint)i + 1; k < d->elements->len; k++) {
		tm_element *e = g_ptr_array_index(d->elements, k);
		if (e->parent == i && strcmp(e->name, "title") == 0)
			return e->text->str;
		if (e->parent < i)
			break;
	}
	return "";
}

/* A dataset from text, or NULL after saying why. */
static inline ft_dataset *tm_load_text(const char *text, const char *name)
{
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer(text, strlen(text), name, NULL, &err);
	if (!ds) {
		char line[1024];
		ft_error_format(&err, line, sizeof line);
		fprintf(stderr, "\n    the dataset does not load: %s\n", line);
	}
	return ds;
}

/* A dataset of the source tree, or NULL after saying why. */
static inline ft_dataset *tm_load_file(const char *relative)
{
	char *path = ft_test_source_path(relative);
	ft_error err;
	ft_dataset *ds = ft_dataset_load_file(path, NULL, &err);
	if (!ds)
		fprintf(stderr, "\n    %s does not load: %s\n", path, err.text);
	g_free(path);
	return ds;
}

static inline ft_time tm_time(const char *text)
{
	ft_time t;
	memset(&t, 0, sizeof t);
	CU_ASSERT_EQUAL_FATAL(ft_time_parse(text, &t, NULL), 0);
	return t;
}

static inline void tm_expect_text(const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fprintf(stderr, "\n    \"%s\", not \"%s\"\n", got, want);
	CU_ASSERT_STRING_EQUAL(got, want);
}

static inline void tm_expect_part(const char *text, const char *part)
{
	if (!strstr(text, part))
		fprintf(stderr, "\n    the text lacks \"%s\"\n", part);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, part));
}

/* `text` is the golden file `relative` byte for byte. */
static inline void tm_expect_golden(const char *text, const char *relative)
{
	char *path = ft_test_source_path(relative);
	size_t len = 0;
	char *golden = ft_test_read_file(path, &len);
	if (!golden)
		fprintf(stderr, "\n    cannot read %s\n", path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(golden);
	if (strlen(text) != len || memcmp(text, golden, len) != 0)
		fprintf(stderr, "\n    %s differs from what was made now:\n%s", path, text);
	CU_ASSERT_EQUAL(strlen(text), len);
	CU_ASSERT_STRING_EQUAL(text, golden);
	g_free(golden);
	g_free(path);
}

#endif
