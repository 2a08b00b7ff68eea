/*
 * The field tables: what both readers share (io/read-private.h). Jansson
 * parses the text (refusing repeated keys); a table per entity kind then
 * says which keys exist, what type each holds and where it goes in the
 * entity's description struct, so one routine checks the types of every
 * kind and reports unknown keys with a suggestion. The header's version and
 * top-level keys, and Jansson's syntax errors worded as this format words
 * them, are read here too. Nothing here touches a dataset but
 * ft__read_header, so the JSON Lines reader runs the rest on its workers.
 */
#include <errno.h>
#include <limits.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "model/dataset-private.h"
#include "values/json-private.h"
#include "io/read-private.h"
#include "forcetrack/version.h"

/* ---- field tables ---------------------------------------------------- */

typedef enum ftype {
	F_STR,      /* string -> const char * */
	F_STR_LIST, /* array of strings -> const char *const *, count at aux */
	F_ENUM,     /* one of a set of names -> enum; presence flag at aux */
	F_TIME,     /* time value -> ft_time */
	F_UINT,     /* integer 0 .. 2^53-1 -> uint64_t; presence flag at aux */
	F_GRADE,    /* integer 1 .. 6 -> int */
	F_OBSERVED, /* time value or interval object -> the claim's observed fields */
	F_GEOMETRY  /* GeoJSON geometry object -> JSON text */
} ftype;

typedef const char *(*enum_name_fn)(int value);

typedef struct field {
	const char *key;
	ftype type;
	size_t off;
	size_t aux; /* 0: none (no field of interest sits at offset 0) */
	int required;
	enum_name_fn names;
	const char *what; /* the enumeration's name in messages */
} field;

typedef struct objspec {
	const field *fields;
	size_t n_fields;
	size_t ext_off;   /* const ft_extension * */
	size_t ext_n_off; /* size_t */
} objspec;

#define ENUM_NAMES(fn, type)                                                                                 \
	static const char *fn##_i(int v)                                                                     \
	{                                                                                                    \
		return fn((type)v);                                                                          \
	}
ENUM_NAMES(ft_actor_kind_name, ft_actor_kind)
ENUM_NAMES(ft_region_kind_name, ft_region_kind)
ENUM_NAMES(ft_echelon_name, ft_echelon)
ENUM_NAMES(ft_source_kind_name, ft_source_kind)
ENUM_NAMES(ft_claim_kind_name, ft_claim_kind)
ENUM_NAMES(ft_qualifier_name, ft_qualifier)
ENUM_NAMES(ft_reliability_name, ft_reliability)

#define FIELD(st, k, t, m)                                                                                   \
	{                                                                                                    \
		k, t, offsetof(st, m), 0, 0, NULL, NULL                                                      \
	}
#define REQUIRED(st, k, t, m)                                                                                \
	{                                                                                                    \
		k, t, offsetof(st, m), 0, 1, NULL, NULL                                                      \
	}
#define LIST(st, k, m, n)                                                                                    \
	{                                                                                                    \
		k, F_STR_LIST, offsetof(st, m), offsetof(st, n), 0, NULL, NULL                               \
	}
#define ENUM(st, k, m, fn, what)                                                                             \
	{                                                                                                    \
		k, F_ENUM, offsetof(st, m), 0, 0, fn##_i, what                                               \
	}
#define SPEC(st, fields)                                                                                     \
	{                                                                                                    \
		fields, G_N_ELEMENTS(fields), offsetof(st, extensions), offsetof(st, n_extensions)           \
	}

static const field info_fields[] = {
    FIELD(ft_dataset_info, "id", F_STR, id),
    FIELD(ft_dataset_info, "title", F_STR, title),
    FIELD(ft_dataset_info, "description", F_STR, description),
    FIELD(ft_dataset_info, "license", F_STR, license),
    FIELD(ft_dataset_info, "created", F_TIME, created),
    FIELD(ft_dataset_info, "updated", F_TIME, updated),
    LIST(ft_dataset_info, "authors", authors, n_authors),
};

static const field actor_fields[] = {
    REQUIRED(ft_actor_desc, "id", F_STR, id),
    REQUIRED(ft_actor_desc, "name", F_STR, name),
    ENUM(ft_actor_desc, "kind", kind, ft_actor_kind_name, "actor kind"),
    FIELD(ft_actor_desc, "code", F_STR, code),
    LIST(ft_actor_desc, "aliases", aliases, n_aliases),
    FIELD(ft_actor_desc, "parent", F_STR, parent),
    LIST(ft_actor_desc, "members", members, n_members),
    LIST(ft_actor_desc, "opposes", opposes, n_opposes),
};

static const field region_fields[] = {
    REQUIRED(ft_region_desc, "id", F_STR, id),
    REQUIRED(ft_region_desc, "name", F_STR, name),
    ENUM(ft_region_desc, "kind", kind, ft_region_kind_name, "region kind"),
    FIELD(ft_region_desc, "code", F_STR, code),
    FIELD(ft_region_desc, "parent", F_STR, parent),
    LIST(ft_region_desc, "borders", borders, n_borders),
    FIELD(ft_region_desc, "geometry", F_GEOMETRY, geometry),
};

static const field unit_fields[] = {
    REQUIRED(ft_unit_desc, "id", F_STR, id),
    REQUIRED(ft_unit_desc, "name", F_STR, name),
    REQUIRED(ft_unit_desc, "actor", F_STR, actor),
    ENUM(ft_unit_desc, "echelon", echelon, ft_echelon_name, "echelon"),
    FIELD(ft_unit_desc, "type", F_STR, type),
    FIELD(ft_unit_desc, "parent", F_STR, parent),
    {"strength", F_UINT, offsetof(ft_unit_desc, strength), offsetof(ft_unit_desc, has_strength), 0, NULL,
     NULL},
    FIELD(ft_unit_desc, "garrison", F_STR, garrison),
    FIELD(ft_unit_desc, "sidc", F_STR, sidc),
};

static const field source_fields[] = {
    REQUIRED(ft_source_desc, "id", F_STR, id),
    REQUIRED(ft_source_desc, "name", F_STR, name),
    ENUM(ft_source_desc, "kind", kind, ft_source_kind_name, "source kind"),
    FIELD(ft_source_desc, "actor", F_STR, actor),
    FIELD(ft_source_desc, "parent", F_STR, parent),
    ENUM(ft_source_desc, "reliability", reliability, ft_reliability_name, "reliability grade"),
    FIELD(ft_source_desc, "url", F_STR, url),
};

/* A claim's quantity arrives as up to four keys; they are gathered here and
 * composed into an ft_quantity once the whole object has been read. */
typedef struct claim_in {
	ft_claim_desc d;
	uint64_t value, low, high;
	int has_value, has_low, has_high, has_qualifier;
	int qualifier;
} claim_in;

static const field claim_fields[] = {
    REQUIRED(claim_in, "id", F_STR, d.id),
    REQUIRED(claim_in, "source", F_STR, d.source),
    LIST(claim_in, "via", d.via, d.n_via),
    REQUIRED(claim_in, "subject", F_STR, d.subject),
    FIELD(claim_in, "unit", F_STR, d.unit),
    REQUIRED(claim_in, "region", F_STR, d.region),
    FIELD(claim_in, "measure", F_STR, d.measure),
    {"value", F_UINT, offsetof(claim_in, value), offsetof(claim_in, has_value), 0, NULL, NULL},
    {"low", F_UINT, offsetof(claim_in, low), offsetof(claim_in, has_low), 0, NULL, NULL},
    {"high", F_UINT, offsetof(claim_in, high), offsetof(claim_in, has_high), 0, NULL, NULL},
    {"qualifier", F_ENUM, offsetof(claim_in, qualifier), offsetof(claim_in, has_qualifier), 0,
     ft_qualifier_name_i, "qualifier"},
    ENUM(claim_in, "kind", d.kind, ft_claim_kind_name, "claim kind"),
    FIELD(claim_in, "observed", F_OBSERVED, d.observed),
    REQUIRED(claim_in, "reported", F_TIME, d.reported),
    FIELD(claim_in, "credibility", F_GRADE, d.credibility),
    LIST(claim_in, "supersedes", d.supersedes, d.n_supersedes),
    LIST(claim_in, "disputes", d.disputes, d.n_disputes),
    FIELD(claim_in, "retracted", F_TIME, d.retracted),
    FIELD(claim_in, "quote", F_STR, d.quote),
    FIELD(claim_in, "url", F_STR, d.url),
    FIELD(claim_in, "note", F_STR, d.note),
    LIST(claim_in, "tags", d.tags, d.n_tags),
};

static const field interval_fields[] = {
    FIELD(ft_interval, "from", F_TIME, from),
    FIELD(ft_interval, "to", F_TIME, to),
};

/* read_object marks the fields it has seen in a 32-bit mask. */
G_STATIC_ASSERT(G_N_ELEMENTS(info_fields) <= 32 && G_N_ELEMENTS(actor_fields) <= 32);
G_STATIC_ASSERT(G_N_ELEMENTS(region_fields) <= 32 && G_N_ELEMENTS(unit_fields) <= 32);
G_STATIC_ASSERT(G_N_ELEMENTS(source_fields) <= 32 && G_N_ELEMENTS(claim_fields) <= 32);

static const objspec info_spec = SPEC(ft_dataset_info, info_fields);
static const objspec interval_spec = {interval_fields, G_N_ELEMENTS(interval_fields), 0, 0};
static const objspec entity_specs[FT__KIND_COUNT] = {
    SPEC(ft_actor_desc, actor_fields),
    SPEC(ft_region_desc, region_fields),
    SPEC(ft_unit_desc, unit_fields),
    SPEC(ft_source_desc, source_fields),
    {claim_fields, G_N_ELEMENTS(claim_fields), offsetof(claim_in, d.extensions),
     offsetof(claim_in, d.n_extensions)},
};

/* ---- the reader's state ------------------------------------------------ */

typedef ft__reader reader;

const char *ft__read_keep(reader *r, const char *s, size_t len)
{
	return r->copy_strings ? ft__arena_strndup(r->arena, s, len) : s;
}

/* `value` as compact JSON text in the arena. */
static const char *compact_text(reader *r, const json_t *value)
{
	char *json = ft__json_compact(value);
	const char *kept = ft__arena_strndup(r->arena, json, strlen(json));
	g_free(json);
	return kept;
}

const char *ft__json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a number with a fraction or exponent";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	default: return "an unknown value";
	}
}

/* "base.key" (or "key"), cut to `size` as snprintf would. Every member
 * read makes one, so it is built without printf's machinery. */
static void add_path(char *buf, size_t size, const char *base, const char *key)
{
	size_t lb = strlen(base), lk = strlen(key);
	if (!lb) {
		g_strlcpy(buf, key, size);
	} else if (lb + 1 + lk < size) {
		memcpy(buf, base, lb);
		buf[lb] = '.';
		memcpy(buf + lb + 1, key, lk + 1);
	} else {
		g_snprintf(buf, size, "%s.%s", base, key);
	}
}

void ft__read_wrong_type(reader *r, const char *path, const char *expected, const json_t *got)
{
	ft__errlist_addf(r->errs, FT_EFORMAT, path, "expected %s, got %s", expected, ft__json_type_name(got));
}

static void *slot(void *target, size_t off)
{
	return (char *)target + off;
}

static void set_flag(void *target, size_t aux)
{
	if (aux)
		*(int *)slot(target, aux) = 1;
}

static int string_length_ok(reader *r, const char *path, const json_t *v)
{
	size_t len = json_string_length(v);
	if (len <= r->max_string)
		return 1;
	ft__errlist_addf(r->errs, FT_ELIMIT, path, "string of %zu bytes is over the limit of %zu bytes", len,
	                 r->max_string);
	return 0;
}

static int read_time(reader *r, const char *path, const json_t *v, ft_time *out)
{
	if (!json_is_string(v)) {
		ft__read_wrong_type(r, path, "a time value string", v);
		return -1;
	}
	ft_error err;
	if (ft_time_parse(json_string_value(v), out, &err) != 0) {
		ft__errlist_addf(r->errs, FT_EFORMAT, path, "%s", err.text);
		return -1;
	}
	return 0;
}

/* Whether the whole double `d` was written as a fraction ("94000.000000000001"). */
static int written_as_fraction(reader *r, double d)
{
	if (!r->numbers && r->text) {
		ft__numscan_init(&r->own_numbers);
		ft__numscan_feed(&r->own_numbers, r->text, r->text_len);
		ft__numscan_finish(&r->own_numbers);
		r->numbers = &r->own_numbers;
	}
	return r->numbers && ft__numscan_is_inexact(r->numbers, d);
}

void ft__reader_clear(ft__reader *r)
{
	ft__numscan_clear(&r->own_numbers);
}

static int read_uint(reader *r, const char *path, const json_t *v, uint64_t *out)
{
	if (json_is_real(v)) {
		/* 94000.0 and 9.4e4 are whole numbers written as reals, as JSON
		 * Schema's "integer" also holds; 94000.5 is a fraction. */
		double d = json_real_value(v);
		int whole = d >= 0 && d <= (double)FT_QUANTITY_MAX && d == (double)(uint64_t)d;
		if (whole && !written_as_fraction(r, d)) {
			*out = (uint64_t)d;
			return 0;
		}
		char num[G_ASCII_DTOSTR_BUF_SIZE];
		g_ascii_dtostr(num, sizeof num, d);
		if (whole)
			ft__errlist_addf(r->errs, FT_EFORMAT, path,
			                 "expected a whole number, got a fraction that rounds to %s (the "
			                 "number's text has digits after the point that are not 0)",
			                 num);
		else if (d < 0)
			ft__errlist_addf(r->errs, FT_EFORMAT, path,
			                 "negative number %s: expected a whole number of 0 or more", num);
		else if (d >= 9007199254740992.0)
			ft__errlist_addf(r->errs, FT_EFORMAT, path, "number %s is 2^53 or more", num);
		else
			ft__errlist_addf(r->errs, FT_EFORMAT, path, "expected a whole number, got %s", num);
		return -1;
	}
	if (!json_is_integer(v)) {
		ft__read_wrong_type(r, path, "a whole number", v);
		return -1;
	}
	json_int_t n = json_integer_value(v);
	if (n < 0) {
		ft__errlist_addf(
		    r->errs, FT_EFORMAT, path,
		    "negative number %" JSON_INTEGER_FORMAT ": expected a whole number of 0 or more", n);
		return -1;
	}
	if ((uint64_t)n > FT_QUANTITY_MAX) {
		ft__errlist_addf(r->errs, FT_EFORMAT, path, "number %" JSON_INTEGER_FORMAT " is 2^53 or more",
		                 n);
		return -1;
	}
	*out = (uint64_t)n;
	return 0;
}

static int read_enum(reader *r, const char *path, const json_t *v, const field *f, int *out)
{
	if (!json_is_string(v)) {
		ft__read_wrong_type(r, path, "a string", v);
		return -1;
	}
	const char *s = json_string_value(v);
	for (int i = 0; i < 32; i++) {
		const char *name = f->names(i);
		if (name && strcmp(name, s) == 0) {
			*out = i;
			return 0;
		}
	}
	/* The names are listed only for the message: every enum read made
	 * the list once, at 1.5% of a load. */
	GString *names = g_string_new(NULL);
	for (int i = 0; i < 32; i++) {
		const char *name = f->names(i);
		if (name)
			g_string_append_printf(names, "%s%s", names->len ? ", " : "", name);
	}
	/* A look-alike ("stаte", Cyrillic a) names its code points first. */
	char words[FT__WORDS_SIZE];
	int lookalike = ft_text_non_ascii(s, words, sizeof words) > 0;
	ft__errlist_addf(r->errs, FT_EFORMAT, path, "unknown %s \"%s\" (%s%sexpected one of: %s)", f->what,
	                 FT__Q(s), words, lookalike ? "; " : "", names->str);
	g_string_free(names, TRUE);
	return -1;
}

static int read_string_list(reader *r, const char *path, const json_t *v, const char ***out, size_t *n)
{
	if (!json_is_array(v)) {
		ft__read_wrong_type(r, path, "an array of strings", v);
		return -1;
	}
	size_t len = json_array_size(v);
	const char **items = ft__arena_alloc(r->arena, (len ? len : 1) * sizeof *items);
	int rc = 0;
	for (size_t i = 0; i < len; i++) {
		const json_t *item = json_array_get(v, i);
		items[i] = NULL;
		/* The item's path is made only for a message. */
		if (!json_is_string(item) || json_string_length(item) > r->max_string) {
			char ipath[FT_ERROR_PATH_SIZE];
			g_snprintf(ipath, sizeof ipath, "%s[%zu]", path, i);
			if (!json_is_string(item))
				ft__read_wrong_type(r, ipath, "a string", item);
			else
				string_length_ok(r, ipath, item);
			rc = -1;
			continue;
		}
		items[i] = ft__read_keep(r, json_string_value(item), json_string_length(item));
	}
	*out = items;
	*n = len;
	return rc;
}

static int read_object(reader *r, const char *path, const json_t *obj, const objspec *spec, void *target);

static int read_observed(reader *r, const char *path, const json_t *v, claim_in *in)
{
	if (json_is_string(v)) {
		in->d.observed_form = FT_OBSERVED_TIME;
		return read_time(r, path, v, &in->d.observed.from);
	}
	if (!json_is_object(v)) {
		ft__read_wrong_type(r, path, "a time value or an interval object", v);
		return -1;
	}
	in->d.observed_form = FT_OBSERVED_INTERVAL;
	int rc = read_object(r, path, v, &interval_spec, &in->d.observed);
	in->d.observed_extensions = r->observed_ext;
	in->d.n_observed_extensions = r->n_observed_ext;
	return rc;
}

static int read_geometry(reader *r, const char *path, const json_t *v, const char **out)
{
	if (!json_is_object(v)) {
		ft__read_wrong_type(r, path, "a GeoJSON geometry object", v);
		return -1;
	}
	ft_error err;
	if (ft__geometry_check(v, &err) != 0) {
		char gpath[FT_ERROR_PATH_SIZE];
		if (err.path[0])
			add_path(gpath, sizeof gpath, path, err.path);
		else
			g_strlcpy(gpath, path, sizeof gpath);
		ft__errlist_addf(r->errs, FT_EFORMAT, gpath, "%s", err.text);
		return -1;
	}
	*out = compact_text(r, v);
	return 0;
}

static int read_field(reader *r, const char *path, const json_t *v, const field *f, void *target)
{
	void *p = slot(target, f->off);
	switch (f->type) {
	case F_STR:
		if (!json_is_string(v)) {
			ft__read_wrong_type(r, path, "a string", v);
			return -1;
		}
		if (!string_length_ok(r, path, v))
			return -1;
		*(const char **)p = ft__read_keep(r, json_string_value(v), json_string_length(v));
		return 0;
	case F_STR_LIST:
		return read_string_list(r, path, v, (const char ***)p, (size_t *)slot(target, f->aux));
	case F_ENUM:
		if (read_enum(r, path, v, f, (int *)p) != 0)
			return -1;
		set_flag(target, f->aux);
		return 0;
	case F_TIME: return read_time(r, path, v, (ft_time *)p);
	case F_UINT:
		if (read_uint(r, path, v, (uint64_t *)p) != 0)
			return -1;
		set_flag(target, f->aux);
		return 0;
	case F_GRADE:
		if (!json_is_integer(v)) {
			ft__read_wrong_type(r, path, "a whole number from 1 to 6", v);
			return -1;
		}
		if (json_integer_value(v) < 1 || json_integer_value(v) > 6) {
			ft__errlist_addf(r->errs, FT_EFORMAT, path,
			                 "credibility %" JSON_INTEGER_FORMAT
			                 " is not an Admiralty information grade (1 to 6)",
			                 json_integer_value(v));
			return -1;
		}
		*(int *)p = (int)json_integer_value(v);
		return 0;
	case F_OBSERVED: return read_observed(r, path, v, (claim_in *)target);
	case F_GEOMETRY: return read_geometry(r, path, v, (const char **)p);
	}
	return -1;
}

/*
 * The field `key` names in `spec`, or NULL. Writers put the keys in the
 * table's order, so the search starts after the field found last (*hint)
 * and mostly ends at once; the first byte is compared before the rest.
 * A lookup by strcmp down the table was 5% of a JSON Lines load.
 */
static const field *find_field(const objspec *spec, const char *key, size_t *hint)
{
	size_t n = spec->n_fields;
	for (size_t k = 0, i = *hint; k < n; k++, i++) {
		if (i >= n)
			i = 0;
		const field *f = &spec->fields[i];
		if (f->key[0] == key[0] && strcmp(f->key, key) == 0) {
			*hint = i + 1;
			return f;
		}
	}
	return NULL;
}

static const char *suggest_key(const char *key, const objspec *spec)
{
	const char *keys[32];
	size_t n = 0;
	for (size_t i = 0; i < spec->n_fields && n < G_N_ELEMENTS(keys); i++)
		keys[n++] = spec->fields[i].key;
	return ft_suggest(key, keys, n);
}

void ft__read_unknown_key(reader *r, const char *path, const char *guess)
{
	if (guess)
		ft__errlist_addf(r->errs, FT_EFORMAT, path, "unknown key (did you mean \"%s\"?)", guess);
	else
		ft__errlist_addf(r->errs, FT_EFORMAT, path,
		                 "unknown key (keys outside the format must begin with \"x-\")");
}

/*
 * Reads the members of `obj` into `target` as `spec` says: every key must
 * be known or begin with "x-", every value of the right type, every
 * required key present. Returns 0, or -1 after recording the problems.
 */
static int read_object(reader *r, const char *path, const json_t *obj, const objspec *spec, void *target)
{
	int rc = 0;
	ft_extension *items = NULL; /* the "x-" members as JSON text, in the arena */
	size_t n = 0;
	uint32_t seen = 0; /* bit i: spec->fields[i] is present */
	size_t hint = 0;
	const char *key;
	json_t *v;
	char fpath[FT_ERROR_PATH_SIZE];
	json_object_foreach ((json_t *)(uintptr_t)obj, key, v) {
		if (key[0] == 'x' && key[1] == '-') {
			if (!items)
				items = ft__arena_alloc(r->arena, json_object_size(obj) * sizeof *items);
			items[n].key = ft__read_keep(r, key, strlen(key));
			items[n].json = compact_text(r, v);
			n++;
			continue;
		}
		add_path(fpath, sizeof fpath, path, key);
		const field *f = find_field(spec, key, &hint);
		if (!f) {
			ft__read_unknown_key(r, fpath, suggest_key(key, spec));
			rc = -1;
			continue;
		}
		seen |= (uint32_t)1 << (f - spec->fields);
		if (read_field(r, fpath, v, f, target) != 0)
			rc = -1;
	}
	for (size_t i = 0; i < spec->n_fields; i++) {
		if (spec->fields[i].required && !(seen & (uint32_t)1 << i)) {
			ft__errlist_addf(r->errs, FT_EFORMAT, path, "missing required key \"%s\"",
			                 spec->fields[i].key);
			rc = -1;
		}
	}
	if (spec == &interval_spec) {
		r->observed_ext = items;
		r->n_observed_ext = n;
	} else {
		*(const ft_extension **)slot(target, spec->ext_off) = items;
		*(size_t *)slot(target, spec->ext_n_off) = n;
	}
	return rc;
}

/* ---- claims' quantities -------------------------------------------------- */

static int compose_quantity(reader *r, const char *path, claim_in *in)
{
	ft_quantity *q = &in->d.quantity;
	char fpath[FT_ERROR_PATH_SIZE];
	if (in->has_low || in->has_high) {
		if (!(in->has_low && in->has_high)) {
			ft__errlist_addf(r->errs, FT_EFORMAT, path,
			                 "a range needs both \"low\" and \"high\"");
			return -1;
		}
		if (in->has_qualifier && in->qualifier != FT_QUALIFIER_RANGE) {
			add_path(fpath, sizeof fpath, path, "qualifier");
			ft__errlist_addf(r->errs, FT_EFORMAT, fpath,
			                 "qualifier \"%s\" does not go with \"low\" and \"high\" (a range)",
			                 ft_qualifier_name((ft_qualifier)in->qualifier));
			return -1;
		}
		q->qualifier = FT_QUALIFIER_RANGE;
		q->low = in->low;
		q->high = in->high;
		q->has_value = (uint8_t)(in->has_value != 0);
		q->value = in->value;
		return 0;
	}
	if (in->has_qualifier && in->qualifier == FT_QUALIFIER_RANGE) {
		add_path(fpath, sizeof fpath, path, "qualifier");
		ft__errlist_addf(r->errs, FT_EFORMAT, fpath,
		                 "qualifier \"range\" needs \"low\" and \"high\"");
		return -1;
	}
	if (in->has_value) {
		q->qualifier = (uint8_t)(in->has_qualifier ? in->qualifier : FT_QUALIFIER_EXACT);
		q->has_value = 1;
		q->value = in->value;
		return 0;
	}
	if (in->has_qualifier) {
		add_path(fpath, sizeof fpath, path, "qualifier");
		ft__errlist_addf(r->errs, FT_EFORMAT, fpath, "a qualifier needs a \"value\"");
		return -1;
	}
	return 0;
}

/* ---- entities ------------------------------------------------------------ */

int ft__read_entity(reader *r, ft__kind kind, const char *path, const json_t *obj, ft__desc *out)
{
	if (!json_is_object(obj)) {
		ft__read_wrong_type(r, path, "an object", obj);
		return -1;
	}
	claim_in claim;
	void *target = out;
	switch (kind) {
	case FT__ACTOR: {
		ft_actor_desc init = FT_ACTOR_DESC_INIT;
		out->actor = init;
		break;
	}
	case FT__REGION: {
		ft_region_desc init = FT_REGION_DESC_INIT;
		out->region = init;
		break;
	}
	case FT__UNIT: {
		ft_unit_desc init = FT_UNIT_DESC_INIT;
		out->unit = init;
		break;
	}
	case FT__SOURCE: {
		ft_source_desc init = FT_SOURCE_DESC_INIT;
		out->source = init;
		break;
	}
	case FT__CLAIM: {
		ft_claim_desc init = FT_CLAIM_DESC_INIT;
		memset(&claim, 0, sizeof claim);
		claim.d = init;
		target = &claim;
		break;
	}
	default: g_assert_not_reached();
	}

	int rc = read_object(r, path, obj, &entity_specs[kind], target);
	/* A quantity field that failed its own check would make the shape
	 * look wrong too: compose only from fields that read cleanly. */
	if (kind == FT__CLAIM && rc == 0 && compose_quantity(r, path, &claim) != 0)
		rc = -1;
	if (kind == FT__CLAIM)
		out->claim = claim.d;
	return rc;
}

void ft__read_desc_extensions(ft__desc *d, ft__kind kind, const ft_extension ***items, size_t **n)
{
	switch (kind) {
	case FT__ACTOR:
		*items = &d->actor.extensions;
		*n = &d->actor.n_extensions;
		break;
	case FT__REGION:
		*items = &d->region.extensions;
		*n = &d->region.n_extensions;
		break;
	case FT__UNIT:
		*items = &d->unit.extensions;
		*n = &d->unit.n_extensions;
		break;
	case FT__SOURCE:
		*items = &d->source.extensions;
		*n = &d->source.n_extensions;
		break;
	case FT__CLAIM:
		*items = &d->claim.extensions;
		*n = &d->claim.n_extensions;
		break;
	default: g_assert_not_reached();
	}
}

/* ---- headers: the version and the top level ------------------------------- */

/* MAJOR.MINOR: decimal numbers of up to three digits, no leading zeros. */
static int version_syntax_ok(const char *s)
{
	for (int part = 0; part < 2; part++) {
		size_t n = 0;
		while (g_ascii_isdigit(s[n]))
			n++;
		if (n == 0 || n > 3 || (n > 1 && s[0] == '0'))
			return 0;
		s += n;
		if (part == 0 && *s++ != '.')
			return 0;
	}
	return *s == '\0';
}

int ft__read_version(reader *r, const json_t *root)
{
	const json_t *v = json_object_get(root, "forcetrack");
	if (!v) {
		ft__errlist_addf(
		    r->errs, FT_EFORMAT, NULL,
		    "missing required key \"forcetrack\" (the format version, \"" FT_FORMAT_STRING "\")");
		return -1;
	}
	if (!json_is_string(v)) {
		ft__errlist_addf(r->errs, FT_EFORMAT, "forcetrack",
		                 "expected a version string like \"%s\", got %s", FT_FORMAT_STRING,
		                 ft__json_type_name(v));
		return -1;
	}
	const char *s = json_string_value(v);
	unsigned major = 0, minor = 0;
	if (!version_syntax_ok(s) || sscanf(s, "%u.%u", &major, &minor) != 2) {
		ft__errlist_addf(r->errs, FT_EFORMAT, "forcetrack",
		                 "version \"%s\" is not of the form MAJOR.MINOR (this library reads %s)",
		                 FT__Q(s), FT_FORMAT_STRING);
		return -1;
	}
	if (major != FT_FORMAT_MAJOR) {
		ft__errlist_addf(r->errs, FT_EVERSION, "forcetrack",
		                 "format version %s is not supported: this library reads version %s", s,
		                 FT_FORMAT_STRING);
		return -1;
	}
	if (minor > FT_FORMAT_MINOR) {
		ft__errlist_addf(r->errs, FT_EVERSION, "forcetrack",
		                 "format version %s is newer than this library's %s: update libforcetrack", s,
		                 FT_FORMAT_STRING);
		return -1;
	}
	return 0;
}

void ft__read_header(reader *r, const json_t *root, const char *const *keys, size_t n_keys)
{
	/* Top-level keys: the format's, or extensions. */
	GArray *doc_ext = g_array_new(FALSE, FALSE, sizeof(ft_extension));
	GPtrArray *doc_scratch = g_ptr_array_new_with_free_func(g_free);
	const char *key;
	json_t *v;
	json_object_foreach ((json_t *)(uintptr_t)root, key, v) {
		if (strncmp(key, "x-", 2) == 0) {
			char *json = ft__json_compact(v);
			g_ptr_array_add(doc_scratch, json);
			ft_extension x = {key, json};
			g_array_append_val(doc_ext, x);
			continue;
		}
		size_t i = 0;
		while (i < n_keys && strcmp(key, keys[i]) != 0)
			i++;
		if (i == n_keys)
			ft__read_unknown_key(r, key, ft_suggest(key, keys, n_keys));
	}

	ft_dataset_info info = FT_DATASET_INFO_INIT;
	const json_t *dataset = json_object_get(root, "dataset");
	int info_ok = 1;
	if (dataset && !json_is_object(dataset)) {
		ft__read_wrong_type(r, "dataset", "an object", dataset);
		info_ok = 0;
	} else if (dataset && read_object(r, "dataset", dataset, &info_spec, &info) != 0) {
		info_ok = 0;
	}
	info.document_extensions = (const ft_extension *)(const void *)doc_ext->data;
	info.n_document_extensions = doc_ext->len;
	if (info_ok)
		ft__dataset_set_info(r->ds, &info, r->errs);
	ft__arena_reset(r->arena);
	g_array_free(doc_ext, TRUE);
	g_ptr_array_free(doc_scratch, TRUE);
}

/* Jansson's messages, said the way this format talks about them. */
void ft__read_syntax_error(ft__errlist *errs, const json_error_t *jerr, int line)
{
	ft_error e;
	memset(&e, 0, sizeof e);
	e.code = FT_ESYNTAX;
	e.line = line > 0 ? line : jerr->line > 0 ? jerr->line : 0;
	e.column = jerr->column > 0 ? jerr->column : 0;
	if (strstr(jerr->text, "duplicate object key"))
		g_snprintf(e.text, sizeof e.text, "repeated key in an object (%s)", jerr->text);
	else if (strstr(jerr->text, "\\u0000"))
		g_snprintf(e.text, sizeof e.text,
		           "a string contains \\u0000 (NUL), which the format does not allow");
	else if (strstr(jerr->text, "maximum parsing depth"))
		g_snprintf(e.text, sizeof e.text, "JSON nested too deeply (%s)", jerr->text);
	else
		g_snprintf(e.text, sizeof e.text, "invalid JSON: %s", jerr->text);
	ft__errlist_add(errs, &e);
}
