/*
 * The JSON text layer both directions of I/O share: the canonical emitter
 * that gives every saved dataset the same bytes for the same model, the
 * parser for the JSON text the model keeps (extension values, geometry),
 * and the RFC 7946 check of a geometry object. Jansson does the parsing and
 * the escaping of strings; the layout and the spelling of reals are ours,
 * because Jansson's own (%.17g reals, no one-line arrays) are not canonical
 * enough for files people read and diff, and so is the escaping of the
 * characters Jansson leaves raw that would act on a terminal or reorder
 * text when the file is shown (DEL, C1, bidirectional controls).
 */
#include "values/json-private.h"
#include "values/json-check.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "base/error-private.h"
#include "base/text-private.h"

/* Scalars up to this many bytes are dumped without a heap allocation. */
#define SCALAR_BUFSIZE 256

static void append_indent(GString *out, int indent, int level)
{
	size_t n = (size_t)indent * (size_t)level;
	for (size_t i = 0; i < n; i++)
		g_string_append_c(out, ' ');
}

/*
 * A real in the shortest of %.15g, %.16g and %.17g that reads back to the
 * same double (%.17g always does), so 34.1 stays "34.1" and 0.1 + 0.2 is
 * "0.30000000000000004". A real always shows it is one: "45.0", "-0.0".
 * The g_ascii_ functions keep the text independent of the locale.
 */
static void format_real(double d, char *buf, size_t size)
{
	static const char *const formats[] = {"%.15g", "%.16g", "%.17g"};
	for (size_t i = 0; i < G_N_ELEMENTS(formats); i++) {
		g_ascii_formatd(buf, (int)size, formats[i], d);
		if (g_ascii_strtod(buf, NULL) == d)
			break;
	}
	if (!strpbrk(buf, ".eE") && !strstr(buf, "inf") && !strstr(buf, "nan"))
		g_strlcat(buf, ".0", size);
}

void ft__json_append_safe(GString *out, const char *json, size_t n)
{
	const char *end = json + n;
	const char *run = json;
	for (const char *p = json; p < end;) {
		unsigned char b = (unsigned char)*p;
		if (b < 0x7f) {
			p++;
			continue;
		}
		gunichar c = g_utf8_get_char(p);
		const char *next = p + g_utf8_skip[*(const guchar *)p];
		if (ft__char_is_control(c)) {
			g_string_append_len(out, run, (gssize)(p - run));
			/* Upper-case hex, as Jansson writes the C0 controls ("\u001B"). */
			g_string_append_printf(out, "\\u%04X", (unsigned int)c);
			run = next;
		}
		p = next;
	}
	g_string_append_len(out, run, (gssize)(end - run));
}

/*
 * A string, integer, true, false or null as Jansson writes it: Jansson
 * escapes strings (quotes, backslashes, C0 control characters) and leaves
 * other UTF-8 as it is; ft__json_append_safe escapes DEL, C1 and the
 * bidirectional controls besides.
 */
static void append_scalar(GString *out, const json_t *value)
{
	char stack[SCALAR_BUFSIZE];
	size_t n = json_dumpb(value, stack, sizeof stack, JSON_ENCODE_ANY);
	/* 0 means Jansson could not encode the value: only a string built
	 * with the _nocheck functions from invalid UTF-8 can be that, and
	 * this library never builds one. */
	g_assert(n > 0);
	if (n <= sizeof stack) {
		ft__json_append_safe(out, stack, n);
		return;
	}
	char *heap = g_malloc(n);
	size_t again = json_dumpb(value, heap, n, JSON_ENCODE_ANY);
	g_assert(again == n);
	ft__json_append_safe(out, heap, n);
	g_free(heap);
}

/* An object key. Keys are nearly always plain ASCII ("id", "x-note"),
 * which are written as they are; others are escaped as strings are. */
static void append_key(GString *out, const char *key)
{
	const unsigned char *p = (const unsigned char *)key;
	while (*p && *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
		p++;
	if (!*p) {
		g_string_append_c(out, '"');
		g_string_append(out, key);
		g_string_append_c(out, '"');
		return;
	}
	json_t *s = json_string(key);
	g_assert(s); /* Jansson checked the key's UTF-8 when it was set */
	append_scalar(out, s);
	json_decref(s);
}

/* 1 for what may sit inside a one-line array: scalars and empty
 * containers. */
static int is_flat(const json_t *value)
{
	if (json_is_object(value))
		return json_object_size(value) == 0;
	if (json_is_array(value))
		return json_array_size(value) == 0;
	return 1;
}

static void emit_object(GString *out, const json_t *value, int indent, int level)
{
	/* json_object_foreach wants a non-const object; it only reads it. */
	json_t *obj = (json_t *)(uintptr_t)value;
	const char *key;
	json_t *member;
	int first = 1;

	if (json_object_size(obj) == 0) {
		g_string_append(out, "{}");
		return;
	}
	g_string_append_c(out, '{');
	/* Jansson keeps object members in insertion order (since 2.8), which
	 * is the order a loaded file had or a builder chose. */
	json_object_foreach (obj, key, member) {
		if (!first)
			g_string_append_c(out, ',');
		first = 0;
		if (indent >= 0) {
			g_string_append_c(out, '\n');
			append_indent(out, indent, level + 1);
		}
		append_key(out, key);
		g_string_append(out, indent >= 0 ? ": " : ":");
		ft__json_emit(out, member, indent, level + 1);
	}
	if (indent >= 0) {
		g_string_append_c(out, '\n');
		append_indent(out, indent, level);
	}
	g_string_append_c(out, '}');
}

static void emit_array(GString *out, const json_t *value, int indent, int level)
{
	size_t n = json_array_size(value);
	int spread = 0;

	if (n == 0) {
		g_string_append(out, "[]");
		return;
	}
	if (indent >= 0) {
		for (size_t i = 0; i < n && !spread; i++)
			spread = !is_flat(json_array_get(value, i));
	}
	g_string_append_c(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			g_string_append(out, indent < 0 ? "," : spread ? "," : ", ");
		if (spread) {
			g_string_append_c(out, '\n');
			append_indent(out, indent, level + 1);
		}
		ft__json_emit(out, json_array_get(value, i), indent, level + 1);
	}
	if (spread) {
		g_string_append_c(out, '\n');
		append_indent(out, indent, level);
	}
	g_string_append_c(out, ']');
}

void ft__json_emit(GString *out, const json_t *value, int indent, int level)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE + 4];

	switch (json_typeof(value)) {
	case JSON_OBJECT: emit_object(out, value, indent, level); break;
	case JSON_ARRAY: emit_array(out, value, indent, level); break;
	case JSON_REAL:
		format_real(json_real_value(value), buf, sizeof buf);
		g_string_append(out, buf);
		break;
	default: append_scalar(out, value); break;
	}
}

char *ft__json_compact(const json_t *value)
{
	GString *out = g_string_new(NULL);
	ft__json_emit(out, value, -1, 0);
	return g_string_free(out, FALSE);
}

json_t *ft__json_parse_text(const char *text, ft_error *err)
{
	json_error_t jerr;

	if (!text) {
		ft__error_set(err, FT_EINVAL, NULL, "no JSON text");
		return NULL;
	}
	json_t *value = json_loads(text, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (!value)
		ft__error_set(err, FT_EFORMAT, NULL, "not valid JSON: %s", jerr.text);
	return value;
}

/*
 * Geometry. The coordinates of each type nest to a fixed depth of arrays
 * around positions; a check walks them keeping the index at each depth, so
 * that an error can name the exact element ("coordinates[0][3][1]").
 */

#define GEOMETRY_MAX_DEPTH 4 /* MultiPolygon: polygon, ring, position, number */

typedef struct geo_walk {
	ft_error *err;
	size_t index[GEOMETRY_MAX_DEPTH];
	int depth;
} geo_walk;

static int geo_fail(geo_walk *w, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static int geo_fail(geo_walk *w, const char *fmt, ...)
{
	GString *path = g_string_new("coordinates");
	for (int i = 0; i < w->depth; i++)
		g_string_append_printf(path, "[%zu]", w->index[i]);
	va_list ap;
	va_start(ap, fmt);
	char *text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	ft__error_set(w->err, FT_EFORMAT, path->str, "%s", text);
	g_free(text);
	g_string_free(path, TRUE);
	return FT_EFORMAT;
}

/* Descends into element i of the array being checked. */
static void geo_push(geo_walk *w, size_t i)
{
	g_assert(w->depth < GEOMETRY_MAX_DEPTH);
	w->index[w->depth++] = i;
}

static void geo_pop(geo_walk *w)
{
	w->depth--;
}

/* A number as the canonical text writes it, for messages. */
static void number_text(const json_t *n, char *buf, size_t size)
{
	if (json_is_integer(n))
		g_snprintf(buf, (gulong)size, "%" JSON_INTEGER_FORMAT, json_integer_value(n));
	else
		format_real(json_real_value(n), buf, size);
}

static int check_position(geo_walk *w, const json_t *pos)
{
	char num[G_ASCII_DTOSTR_BUF_SIZE + 4];

	if (!json_is_array(pos))
		return geo_fail(w, "a position must be an array of 2 or 3 numbers");
	size_t n = json_array_size(pos);
	if (n != 2 && n != 3)
		return geo_fail(w, "a position has 2 or 3 numbers (longitude, latitude, altitude), not %zu",
		                n);
	for (size_t i = 0; i < n; i++) {
		if (!json_is_number(json_array_get(pos, i))) {
			geo_push(w, i);
			int rc = geo_fail(w, "a coordinate must be a number");
			geo_pop(w);
			return rc;
		}
	}
	/* Longitude first (RFC 7946 section 3.1.1). */
	static const struct {
		const char *name;
		double limit;
	} axes[] = {{"longitude", 180.0}, {"latitude", 90.0}};
	for (size_t i = 0; i < G_N_ELEMENTS(axes); i++) {
		const json_t *c = json_array_get(pos, i);
		double v = json_number_value(c);
		if (v < -axes[i].limit || v > axes[i].limit) {
			number_text(c, num, sizeof num);
			geo_push(w, i);
			int rc = geo_fail(w, "%s %s is outside %g..%g", axes[i].name, num, -axes[i].limit,
			                  axes[i].limit);
			geo_pop(w);
			return rc;
		}
	}
	return 0;
}

/* An array of positions, at least `min` of them; `what` names the array in
 * messages ("a LineString"). */
static int check_positions(geo_walk *w, const json_t *arr, size_t min, const char *what)
{
	if (!json_is_array(arr))
		return geo_fail(w, "%s must be an array of positions", what);
	size_t n = json_array_size(arr);
	if (n < min)
		return geo_fail(w, "%s needs at least %zu positions, not %zu", what, min, n);
	for (size_t i = 0; i < n; i++) {
		geo_push(w, i);
		int rc = check_position(w, json_array_get(arr, i));
		geo_pop(w);
		if (rc)
			return rc;
	}
	return 0;
}

static int same_position(const json_t *a, const json_t *b)
{
	size_t n = json_array_size(a);
	if (n != json_array_size(b))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (json_number_value(json_array_get(a, i)) != json_number_value(json_array_get(b, i)))
			return 0;
	}
	return 1;
}

static int check_line_string(geo_walk *w, const json_t *arr)
{
	return check_positions(w, arr, 2, "a LineString");
}

/* A linear ring: a closed LineString of at least 4 positions. */
static int check_ring(geo_walk *w, const json_t *arr)
{
	int rc = check_positions(w, arr, 4, "a linear ring");
	if (rc)
		return rc;
	size_t n = json_array_size(arr);
	if (!same_position(json_array_get(arr, 0), json_array_get(arr, n - 1)))
		return geo_fail(w, "a linear ring must end at the position it starts from");
	return 0;
}

static int check_polygon(geo_walk *w, const json_t *arr)
{
	if (!json_is_array(arr))
		return geo_fail(w, "a Polygon must be an array of linear rings");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		geo_push(w, i);
		int rc = check_ring(w, json_array_get(arr, i));
		geo_pop(w);
		if (rc)
			return rc;
	}
	return 0;
}

/* An array each of whose elements `check` accepts. */
static int check_each(geo_walk *w, const json_t *arr, int (*check)(geo_walk *, const json_t *),
                      const char *what)
{
	if (!json_is_array(arr))
		return geo_fail(w, "%s must be an array", what);
	for (size_t i = 0; i < json_array_size(arr); i++) {
		geo_push(w, i);
		int rc = check(w, json_array_get(arr, i));
		geo_pop(w);
		if (rc)
			return rc;
	}
	return 0;
}

static int check_multi_point(geo_walk *w, const json_t *arr)
{
	return check_positions(w, arr, 0, "a MultiPoint");
}

static int check_multi_line_string(geo_walk *w, const json_t *arr)
{
	return check_each(w, arr, check_line_string, "a MultiLineString");
}

static int check_multi_polygon(geo_walk *w, const json_t *arr)
{
	return check_each(w, arr, check_polygon, "a MultiPolygon");
}

static const struct geometry_type {
	const char *name;
	int (*check)(geo_walk *, const json_t *);
} geometry_types[] = {
    {"Point", check_position},         {"MultiPoint", check_multi_point},
    {"LineString", check_line_string}, {"MultiLineString", check_multi_line_string},
    {"Polygon", check_polygon},        {"MultiPolygon", check_multi_polygon},
};

#define GEOMETRY_TYPE_LIST "Point, MultiPoint, LineString, MultiLineString, Polygon or MultiPolygon"

int ft__geometry_check(const json_t *geometry, ft_error *err)
{
	geo_walk w = {err, {0}, 0};

	if (!json_is_object(geometry))
		return ft__error_set(err, FT_EFORMAT, NULL, "a geometry must be a GeoJSON geometry object");
	const json_t *type = json_object_get(geometry, "type");
	if (!type)
		return ft__error_set(err, FT_EFORMAT, "type",
		                     "a geometry needs a \"type\" (" GEOMETRY_TYPE_LIST ")");
	if (!json_is_string(type))
		return ft__error_set(err, FT_EFORMAT, "type", "the geometry type must be a string");
	const char *name = json_string_value(type);
	const struct geometry_type *t = NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(geometry_types); i++) {
		if (strcmp(name, geometry_types[i].name) == 0)
			t = &geometry_types[i];
	}
	if (!t && strcmp(name, "GeometryCollection") == 0)
		return ft__error_set(err, FT_EFORMAT, "type",
		                     "a GeometryCollection is not allowed: use one of " GEOMETRY_TYPE_LIST);
	if (!t)
		return ft__error_set(err, FT_EFORMAT, "type",
		                     "unknown geometry type \"%s\" (expected " GEOMETRY_TYPE_LIST ")",
		                     FT__Q(name));
	const json_t *coordinates = json_object_get(geometry, "coordinates");
	if (!coordinates)
		return ft__error_set(err, FT_EFORMAT, "coordinates", "a %s needs \"coordinates\"", t->name);
	return t->check(&w, coordinates);
}

int ft__json_text_check(const char *text, ft_error *err)
{
	json_t *v = ft__json_parse_text(text, err);
	if (!v)
		return err && err->code ? err->code : FT_EFORMAT;
	json_decref(v);
	return 0;
}

int ft__geometry_text_check(const char *text, ft_error *err)
{
	json_t *g = ft__json_parse_text(text, err);
	if (!g)
		return FT_EFORMAT;
	int rc = ft__geometry_check(g, err);
	json_decref(g);
	return rc;
}
