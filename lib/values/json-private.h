/*
 * What the JSON layers share: the canonical emitter, and checks of JSON
 * values the model keeps as text (extension values, GeoJSON geometry).
 * The model stores such values as compact JSON text so that it holds no
 * Jansson object after loading.
 */
#ifndef FT_JSON_PRIVATE_H
#define FT_JSON_PRIVATE_H

#include <glib.h>
#include <jansson.h>
#include "forcetrack/common.h"

/*
 * Appends `value` to `out` in the canonical layout: with `indent` >= 0,
 * objects and arrays holding containers are spread over lines indented by
 * `indent` spaces a level (starting at `level`), while arrays holding only
 * scalars and empty containers stay on one line ("[34.1, 45.0]"); with
 * `indent` < 0 everything is compact (no spaces). Object members keep
 * their order. Reals are written in the shortest form that reads back to
 * the same double, always with a '.' or an exponent. Strings are UTF-8,
 * unescaped but for what JSON requires and the characters
 * ft__json_append_safe escapes.
 */
void ft__json_emit(GString *out, const json_t *value, int indent, int level);

/*
 * Appends `n` bytes of JSON text (valid UTF-8, as Jansson writes it) to
 * `out`, with the characters ft__char_is_control names beyond C0 (DEL, C1,
 * U+2028, U+2029, the bidirectional controls) written as \u escapes in
 * upper-case hex ("\u009B", "\u202E"). Outside strings JSON text is
 * ASCII, so only strings change, and each reads back to the same string.
 */
void ft__json_append_safe(GString *out, const char *json, size_t n);

/* `value` as compact JSON text (g_free). */
char *ft__json_compact(const json_t *value);

/*
 * Parses JSON text the model keeps (an extension value, a geometry): any
 * JSON value, no duplicate keys. Returns the value (json_decref), or NULL
 * with FT_EFORMAT in `err`.
 */
json_t *ft__json_parse_text(const char *text, ft_error *err);

/*
 * Checks an RFC 7946 geometry object: a "type" of Point, MultiPoint,
 * LineString, MultiLineString, Polygon or MultiPolygon and "coordinates"
 * nested as that type needs, positions of 2 or 3 numbers, longitude in
 * [-180, 180], latitude in [-90, 90]. On failure returns FT_EFORMAT with
 * err->path set relative to the geometry ("coordinates[0][1]").
 */
int ft__geometry_check(const json_t *geometry, ft_error *err);

#endif
