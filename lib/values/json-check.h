/*
 * Checks of JSON values the model keeps as text (extension values,
 * GeoJSON geometry), for the model's public add path. They take and give
 * no Jansson type, so the model stays ignorant of JSON; values/json-text.c
 * implements them with Jansson.
 */
#ifndef FT_JSON_CHECK_H
#define FT_JSON_CHECK_H

#include "forcetrack/common.h"

/* 0 when `text` is one JSON value without repeated keys, else FT_EFORMAT
 * with the reason in `err`. */
int ft__json_text_check(const char *text, ft_error *err);

/* 0 when `text` is a valid RFC 7946 geometry (see ft__geometry_check),
 * else FT_EFORMAT with `err->path` relative to the geometry. */
int ft__geometry_text_check(const char *text, ft_error *err);

#endif
