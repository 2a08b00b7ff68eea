/*
 * The JSON document reader: bytes in, a checked dataset out, or every
 * problem named by file, place and rule (FORMAT.md sections 1 and 8).
 *
 * Jansson parses the text (refusing repeated keys); a table per entity
 * kind then says which keys exist, what type each holds and where it goes
 * in the entity's description struct, so one routine checks the types of
 * every kind and reports unknown keys with a suggestion. Descriptions are
 * inserted into the model, which checks the rules of each entity; when all
 * are in, the model resolves references. A dataset with any problem is
 * freed: a load never returns a partial dataset. The public load functions
 * are here too: they choose the encoding by the content (or the options)
 * and hand JSON Lines to io/read-lines.c, which reads each entity through
 * the same tables (io/read-private.h).
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

static void wrong_type(reader *r, const char *path, const char *expected, const json_t *got)
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
		wrong_type(r, path, "a time value string", v);
		return -1;
	}
	ft_error err;
	if (ft_time_parse(json_string_value(v), out, &err) != 0) {
		ft__errlist_addf(r->errs, FT_EFORMAT, path, "%s", err.text);
		return -1;
	}
	return 0;
}

static int read_uint(reader *r, const char *path, const json_t *v, uint64_t *out)
{
	if (json_is_real(v)) {
		/* 94000.0 and 9.4e4 are whole numbers written as reals, as JSON
		 * Schema's "integer" also holds; 94000.5 is a fraction. */
		double d = json_real_value(v);
		if (d >= 0 && d <= (double)FT_QUANTITY_MAX && d == (double)(uint64_t)d) {
			*out = (uint64_t)d;
			return 0;
		}
		char num[G_ASCII_DTOSTR_BUF_SIZE];
		g_ascii_dtostr(num, sizeof num, d);
		if (d < 0)
			ft__errlist_addf(r->errs, FT_EFORMAT, path,
			                 "negative number %s: expected a whole number of 0 or more", num);
		else if (d >= 9007199254740992.0)
			ft__errlist_addf(r->errs, FT_EFORMAT, path, "number %s is 2^53 or more", num);
		else
			ft__errlist_addf(r->errs, FT_EFORMAT, path, "expected a whole number, got %s", num);
		return -1;
	}
	if (!json_is_integer(v)) {
		wrong_type(r, path, "a whole number", v);
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
		wrong_type(r, path, "a string", v);
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
	ft__errlist_addf(r->errs, FT_EFORMAT, path, "unknown %s \"%s\" (expected one of: %s)", f->what, s,
	                 names->str);
	g_string_free(names, TRUE);
	return -1;
}

static int read_string_list(reader *r, const char *path, const json_t *v, const char ***out, size_t *n)
{
	if (!json_is_array(v)) {
		wrong_type(r, path, "an array of strings", v);
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
				wrong_type(r, ipath, "a string", item);
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
		wrong_type(r, path, "a time value or an interval object", v);
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
		wrong_type(r, path, "a GeoJSON geometry object", v);
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
			wrong_type(r, path, "a string", v);
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
			wrong_type(r, path, "a whole number from 1 to 6", v);
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
		wrong_type(r, path, "an object", obj);
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

static void read_entity(reader *r, ft__kind kind, const json_t *obj, uint32_t index)
{
	char path[FT_ERROR_PATH_SIZE];
	ft__entity_path(path, sizeof path, kind, index, NULL, -1);
	ft__desc desc;
	if (ft__read_entity(r, kind, path, obj, &desc) == 0) {
		ft__dataset_insert(r->ds, kind, &desc, index, r->errs);
	} else {
		/* Keep the id known so references to it do not raise a second
		 * error (json_object_get gives NULL for a non-object). */
		const json_t *id = json_object_get(obj, "id");
		if (json_is_string(id))
			ft__dataset_reserve(r->ds, kind, json_string_value(id), index, r->errs);
	}
	ft__arena_reset(r->arena);
}

/*
 * Reads each entity of one array, and lets go of its JSON as soon as the
 * model holds it: the model then grows into memory the tree gives back,
 * so a document load peaks near the size of Jansson's tree alone.
 */
static void read_entities(reader *r, ft__kind kind, json_t *array)
{
	if (!json_is_array(array)) {
		wrong_type(r, ft__kind_plural[kind], "an array", array);
		return;
	}
	size_t n = json_array_size(array);
	if (n > UINT32_MAX) {
		ft__errlist_addf(r->errs, FT_ELIMIT, ft__kind_plural[kind], "more than %u entities",
		                 UINT32_MAX);
		return;
	}
	for (size_t i = 0; i < n && !r->errs->full; i++) {
		read_entity(r, kind, json_array_get(array, i), (uint32_t)i);
		json_array_set_new(array, i, json_null());
	}
}

/* ---- the document ---------------------------------------------------------- */

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
		                 "version \"%s\" is not of the form MAJOR.MINOR (this library reads %s)", s,
		                 FT_FORMAT_STRING);
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

static const char *const top_keys[] = {"forcetrack", "dataset", "actors", "regions",
                                       "units",      "sources", "claims"};

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
		wrong_type(r, "dataset", "an object", dataset);
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

/* Reads the document; it takes the JSON entities out of `root` as it goes. */
static void read_document(reader *r, json_t *root)
{
	if (!json_is_object(root)) {
		ft__errlist_addf(r->errs, FT_EFORMAT, NULL, "the document must be a JSON object, not %s",
		                 ft__json_type_name(root));
		return;
	}
	if (ft__read_version(r, root) != 0)
		return;

	ft__read_header(r, root, top_keys, G_N_ELEMENTS(top_keys));

	for (int k = 0; k < FT__KIND_COUNT; k++) {
		json_t *array = json_object_get(root, ft__kind_plural[k]);
		if (array)
			read_entities(r, (ft__kind)k, array);
	}
	if (!r->errs->full)
		ft__dataset_resolve_all(r->ds, r->errs);
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

void ft__errlist_init_load(ft__errlist *list, const char *file, const ft_load_options *opts)
{
	ft__errlist_init(list, file);
	list->max = FT_LOAD_MAX_ERRORS_DEFAULT;
	if (opts) {
		list->fn = opts->on_error;
		list->payload = opts->payload;
		if (opts->max_errors)
			list->max = opts->max_errors;
	}
}

size_t ft__load_max_size(const ft_load_options *opts)
{
	return opts && opts->max_size ? opts->max_size : FT_LOAD_MAX_SIZE_DEFAULT;
}

size_t ft__load_max_string(const ft_load_options *opts)
{
	return opts && opts->max_string ? opts->max_string : FT_LOAD_MAX_STRING_DEFAULT;
}

/* The document reader proper: the whole text in memory, parsed at once. */
/* The document reader proper, from the parsed tree; it takes the tree's
 * entities out as it goes and releases the rest. */
static ft_dataset *load_tree(json_t *root, ft__errlist *errs, const ft_load_options *opts)
{
	reader r;
	memset(&r, 0, sizeof r);
	r.ds = ft_dataset_new();
	r.errs = errs;
	r.max_string = ft__load_max_string(opts);
	ft__arena arena;
	ft__arena_init(&arena);
	r.arena = &arena;
	read_document(&r, root);
	ft__arena_clear(&arena);
	json_decref(root);
	if (errs->count) {
		ft_dataset_free(r.ds);
		return NULL;
	}
	ft__dataset_index_all(r.ds);
	return r.ds;
}

/* The checks Jansson would answer less clearly, on the first bytes. */
static int document_start_ok(const char *buf, size_t len, ft__errlist *errs)
{
	if (len == 0) {
		ft__errlist_addf(errs, FT_ESYNTAX, NULL, "empty file: expected a JSON object");
		return 0;
	}
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		ft__errlist_addf(errs, FT_ESYNTAX, NULL,
		                 "the file begins with a byte-order mark: save it as UTF-8 without one");
		return 0;
	}
	return 1;
}

/* A document held in memory (a caller's buffer). */
static ft_dataset *load_document(const char *buf, size_t len, ft__errlist *errs, const ft_load_options *opts)
{
	size_t max_size = ft__load_max_size(opts);
	if (len > max_size) {
		ft__errlist_addf(errs, FT_ELIMIT, NULL, "input is %zu bytes, over the limit of %zu bytes",
		                 len, max_size);
		return NULL;
	}
	if (!document_start_ok(buf, len, errs))
		return NULL;
	json_error_t jerr;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (!root) {
		ft__read_syntax_error(errs, &jerr, 0);
		return NULL;
	}
	return load_tree(root, errs, opts);
}

/* Feeds Jansson a file a chunk at a time, so that the document is never
 * held whole as text beside its tree. */
typedef struct feed {
	ft__input *in;
	ft__errlist *errs;
	int failed; /* a read error or the size limit, already recorded */
} feed;

static size_t feed_jansson(void *buffer, size_t size, void *data)
{
	feed *f = data;
	ft__input *in = f->in;
	if (in->pos == in->len) {
		long n = ft__input_fill(in, f->errs);
		if (n < 0) {
			f->failed = 1;
			return (size_t)-1;
		}
		if (n == 0)
			return 0;
	}
	size_t k = in->len - in->pos < size ? in->len - in->pos : size;
	memcpy(buffer, in->data + in->pos, k);
	in->pos += k;
	return k;
}

/* ---- input ------------------------------------------------------------------ */

#define INPUT_CHUNK (64 * 1024)

void ft__input_init_buffer(ft__input *in, const char *buf, size_t len, size_t max_size)
{
	memset(in, 0, sizeof *in);
	in->data = buf;
	in->len = len;
	in->total = len;
	in->max_size = max_size;
	in->eof = 1;
}

void ft__input_init_stream(ft__input *in, FILE *fp, size_t max_size)
{
	memset(in, 0, sizeof *in);
	in->fp = fp;
	in->own = g_string_sized_new(INPUT_CHUNK);
	in->data = in->own->str;
	in->max_size = max_size;
}

void ft__input_clear(ft__input *in)
{
	if (in->own)
		g_string_free(in->own, TRUE);
	memset(in, 0, sizeof *in);
}

long ft__input_fill(ft__input *in, ft__errlist *errs)
{
	if (!in->fp || in->eof)
		return 0;
	/* Consumed bytes are dropped first, so that the buffer holds only
	 * what a reader still needs. */
	if (in->pos > 0 && in->pos >= in->own->len / 2) {
		g_string_erase(in->own, 0, (gssize)in->pos);
		in->pos = 0;
	}
	size_t old = in->own->len;
	g_string_set_size(in->own, old + INPUT_CHUNK);
	size_t n = fread(in->own->str + old, 1, INPUT_CHUNK, in->fp);
	g_string_set_size(in->own, old + n);
	in->data = in->own->str;
	in->len = in->own->len;
	if (n == 0) {
		in->eof = 1;
		if (ferror(in->fp)) {
			ft__errlist_addf(errs, FT_EIO, NULL, "cannot read: %s", g_strerror(errno));
			return -1;
		}
		return 0;
	}
	if (in->total + n > in->max_size) {
		ft__errlist_addf(errs, FT_ELIMIT, NULL, "input is over the limit of %zu bytes", in->max_size);
		return -1;
	}
	in->total += n;
	return (long)n;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int ft__detect(ft__input *in, ft__errlist *errs)
{
	/* Leading whitespace, then the first line, then what follows it. */
	size_t i = in->pos;
	size_t start = 0, nl = 0;
	int state = 0; /* 0: leading space, 1: in the first line, 2: after it */
	for (;;) {
		while (i < in->len && state < 3) {
			char c = in->data[i];
			if (state == 0 && !is_space(c)) {
				start = i;
				state = 1;
			} else if (state == 1 && c == '\n') {
				nl = i;
				state = 2;
			} else if (state == 2 && !is_space(c)) {
				state = 3;
			}
			i++;
		}
		if (state == 3)
			break;
		long n = ft__input_fill(in, errs);
		if (n < 0)
			return -1;
		if (n == 0)
			return FT_ENCODING_DOCUMENT;
	}
	/* Duplicate keys are the line reader's to report, not a reason to
	 * call the input a document. */
	json_t *first = json_loadb(in->data + start, nl - start, JSON_DECODE_ANY, NULL);
	int lines = json_is_object(first);
	json_decref(first);
	return lines ? FT_ENCODING_LINES : FT_ENCODING_DOCUMENT;
}

/* Reads the rest of the input, then loads it as a document. */
static ft_dataset *load_input_document(ft__input *in, ft__errlist *errs, const ft_load_options *opts)
{
	if (!in->fp)
		return load_document(in->data + in->pos, in->len - in->pos, errs, opts);
	/* The first bytes decide the BOM and empty-file messages. */
	while (in->len - in->pos < 3 && !in->eof)
		if (ft__input_fill(in, errs) < 0)
			return NULL;
	if (!document_start_ok(in->data + in->pos, in->len - in->pos, errs))
		return NULL;
	feed f = {in, errs, 0};
	json_error_t jerr;
	json_t *root = json_load_callback(feed_jansson, &f, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (!root) {
		if (!f.failed)
			ft__read_syntax_error(errs, &jerr, 0);
		return NULL;
	}
	return load_tree(root, errs, opts);
}

static ft_dataset *load_input(ft__input *in, ft__errlist *errs, const ft_load_options *opts)
{
	int encoding = opts ? (int)opts->encoding : FT_ENCODING_AUTO;
	if (encoding == FT_ENCODING_AUTO)
		encoding = ft__detect(in, errs);
	if (encoding == FT_ENCODING_LINES)
		return ft__lines_read(in, opts, errs);
	if (encoding == FT_ENCODING_DOCUMENT)
		return load_input_document(in, errs, opts);
	return NULL;
}

static int options_ok(const ft_load_options *opts, ft_error *err)
{
	if (opts && (opts->version == 0 || opts->version > FT_LOAD_OPTIONS_VERSION)) {
		ft__error_set(err, FT_EINVAL, NULL, "load options version %u is not one this library knows",
		              opts->version);
		return 0;
	}
	if (opts && opts->encoding != FT_ENCODING_AUTO && opts->encoding != FT_ENCODING_DOCUMENT &&
	    opts->encoding != FT_ENCODING_LINES) {
		ft__error_set(err, FT_EINVAL, NULL, "unknown encoding %d", (int)opts->encoding);
		return 0;
	}
	return 1;
}

static ft_dataset *finish(ft_dataset *ds, ft__errlist *errs, ft_error *err)
{
	ft__errlist_copy_first(errs, err);
	return ds;
}

ft_dataset *ft_dataset_load_buffer(const char *buf, size_t len, const char *name, const ft_load_options *opts,
                                   ft_error *err)
{
	ft_error_clear(err);
	if ((!buf && len) || !options_ok(opts, err)) {
		if (err && !err->code)
			ft__error_set(err, FT_EINVAL, NULL, "NULL buffer");
		return NULL;
	}
	ft__errlist errs;
	ft__errlist_init_load(&errs, name ? name : "<buffer>", opts);
	/* The limit first, so that nothing of an input too large is read. */
	size_t max_size = ft__load_max_size(opts);
	if (len > max_size) {
		ft__errlist_addf(&errs, FT_ELIMIT, NULL, "input is %zu bytes, over the limit of %zu bytes",
		                 len, max_size);
		return finish(NULL, &errs, err);
	}
	ft__input in;
	ft__input_init_buffer(&in, buf ? buf : "", len, max_size);
	ft_dataset *ds = load_input(&in, &errs, opts);
	ft__input_clear(&in);
	return finish(ds, &errs, err);
}

ft_dataset *ft_dataset_load_stream(FILE *fp, const char *name, const ft_load_options *opts, ft_error *err)
{
	ft_error_clear(err);
	if (!fp || !options_ok(opts, err)) {
		if (err && !err->code)
			ft__error_set(err, FT_EINVAL, NULL, "NULL stream");
		return NULL;
	}
	ft__errlist errs;
	ft__errlist_init_load(&errs, name ? name : "<stream>", opts);
	ft__input in;
	ft__input_init_stream(&in, fp, ft__load_max_size(opts));
	ft_dataset *ds = load_input(&in, &errs, opts);
	ft__input_clear(&in);
	return finish(ds, &errs, err);
}

/* Loads a file, recording problems in `errs`; shared by load and validate. */
static ft_dataset *load_path(const char *path, const ft_load_options *opts, ft__errlist *errs)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		ft__errlist_addf(errs, FT_EIO, NULL, "cannot open: %s", g_strerror(errno));
		return NULL;
	}
	struct stat st;
	ft_dataset *ds = NULL;
	int known = fstat(fileno(fp), &st) == 0;
	if (known && S_ISDIR(st.st_mode)) {
		ft__errlist_addf(errs, FT_EIO, NULL, "cannot read: it is a directory");
	} else if (known && S_ISREG(st.st_mode) && (uint64_t)st.st_size > ft__load_max_size(opts)) {
		ft__errlist_addf(errs, FT_ELIMIT, NULL, "file is %jd bytes, over the limit of %zu bytes",
		                 (intmax_t)st.st_size, ft__load_max_size(opts));
	} else {
		ft__input in;
		ft__input_init_stream(&in, fp, ft__load_max_size(opts));
		ds = load_input(&in, errs, opts);
		ft__input_clear(&in);
	}
	fclose(fp);
	return ds;
}

ft_dataset *ft_dataset_load_file(const char *path, const ft_load_options *opts, ft_error *err)
{
	ft_error_clear(err);
	if (!path || !options_ok(opts, err)) {
		if (err && !err->code)
			ft__error_set(err, FT_EINVAL, NULL, "NULL path");
		return NULL;
	}
	ft__errlist errs;
	ft__errlist_init_load(&errs, path, opts);
	return finish(load_path(path, opts, &errs), &errs, err);
}

int ft_dataset_validate_file(const char *path, const ft_load_options *opts)
{
	if (!path || !options_ok(opts, NULL))
		return FT_EINVAL;
	ft__errlist errs;
	ft__errlist_init_load(&errs, path, opts);
	ft_dataset_free(load_path(path, opts, &errs));
	return errs.count > INT_MAX ? INT_MAX : (int)errs.count;
}

int ft_detect_encoding(const char *path, ft_encoding *out, ft_error *err)
{
	ft_error_clear(err);
	if (!path || !out)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_detect_encoding: NULL argument");
	ft__errlist errs;
	ft__errlist_init_load(&errs, path, NULL);
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		ft__errlist_addf(&errs, FT_EIO, NULL, "cannot open: %s", g_strerror(errno));
		ft__errlist_copy_first(&errs, err);
		return FT_EIO;
	}
	ft__input in;
	ft__input_init_stream(&in, fp, FT_LOAD_MAX_SIZE_DEFAULT);
	int found = ft__detect(&in, &errs);
	ft__input_clear(&in);
	fclose(fp);
	if (found < 0) {
		ft__errlist_copy_first(&errs, err);
		return ft__errlist_code(&errs);
	}
	*out = (ft_encoding)found;
	return 0;
}
