/*
 * What an entity says about itself, checked before it is stored: required
 * fields, ids, enumerations, times, quantities, reference lists that repeat
 * or name the entity itself, extensions; and, for entities given through
 * the public add functions, the UTF-8 and JSON text the readers guarantee
 * for what they load. Each problem is recorded under the entity's path
 * ("claims[17].region"). What an entity says about others is resolve.c's.
 */
#include "model/model-private.h"

#include "values/json-check.h"
#include "values/time-private.h"

void ft__entity_path(char *buf, size_t size, ft__kind kind, uint32_t src, const char *field, long index)
{
	if (src == FT__SRC_LINE) {
		if (field && index >= 0)
			g_snprintf(buf, size, "%s.%s[%ld]", ft__kind_singular[kind], field, index);
		else if (field)
			g_snprintf(buf, size, "%s.%s", ft__kind_singular[kind], field);
		else
			g_strlcpy(buf, ft__kind_singular[kind], size);
		return;
	}
	if (field && index >= 0)
		g_snprintf(buf, size, "%s[%u].%s[%ld]", ft__kind_plural[kind], src, field, index);
	else if (field)
		g_snprintf(buf, size, "%s[%u].%s", ft__kind_plural[kind], src, field);
	else
		g_snprintf(buf, size, "%s[%u]", ft__kind_plural[kind], src);
}

void ft__problem(const ft__check_ctx *c, int code, const char *field, long index, const char *fmt, ...)
{
	char path[FT_ERROR_PATH_SIZE];
	char text[FT_ERROR_TEXT_SIZE];
	ft__entity_path(path, sizeof path, c->kind, c->src, field, index);
	va_list ap;
	va_start(ap, fmt);
	g_vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	ft__errlist_addf(c->errs, code, path, "%s", text);
}

static void check_required(const ft__check_ctx *c, const char *field, const char *value)
{
	if (!value)
		ft__problem(c, FT_EFORMAT, NULL, -1, "missing required key \"%s\"", field);
	else if (!value[0])
		ft__problem(c, FT_EFORMAT, field, -1, "must not be empty");
}

static void check_time(const ft__check_ctx *c, const char *field, const ft_time *t, int required)
{
	if (t->precision == FT_PRECISION_NONE) {
		if (required)
			ft__problem(c, FT_EFORMAT, NULL, -1, "missing required key \"%s\"", field);
		return;
	}
	if (t->precision > FT_PRECISION_SECOND || t->frac_digits > 6)
		ft__problem(c, FT_EFORMAT, field, -1,
		            "malformed time value (precision %u, %u fraction digits)", t->precision,
		            t->frac_digits);
}

/* A reference list must not name one id twice, nor the entity itself when
 * `self_kind_same` says the list holds entities of the entity's own kind. */
static void check_ref_list(const ft__check_ctx *c, const char *field, const char *const *ids, size_t n,
                           const char *self_id)
{
	for (size_t i = 0; i < n; i++) {
		if (!ids[i]) {
			ft__problem(c, FT_EINVAL, field, (long)i, "NULL id in a reference list");
			continue;
		}
		if (self_id && strcmp(ids[i], self_id) == 0)
			ft__problem(c, FT_EFORMAT, field, (long)i, "\"%s\" refers to itself", FT__Q(ids[i]));
		for (size_t j = 0; j < i; j++) {
			if (ids[j] && strcmp(ids[i], ids[j]) == 0) {
				ft__problem(c, FT_EFORMAT, field, (long)i,
				            "\"%s\" is listed twice (also at %s[%zu])", FT__Q(ids[i]), field,
				            j);
				break;
			}
		}
	}
}

static void check_strings(const ft__check_ctx *c, const char *field, const char *const *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!items[i])
			ft__problem(c, FT_EINVAL, field, (long)i, "NULL string in a list");
}

static void check_exts(const ft__check_ctx *c, const ft_extension *ext, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!ext[i].key || !ext[i].json) {
			ft__problem(c, FT_EINVAL, NULL, -1, "extension %zu has a NULL key or value", i);
			continue;
		}
		if (strncmp(ext[i].key, "x-", 2) != 0)
			ft__problem(c, FT_EFORMAT, ext[i].key, -1, "an extension key must begin with \"x-\"");
		for (size_t j = 0; j < i; j++)
			if (ext[j].key && strcmp(ext[i].key, ext[j].key) == 0)
				ft__problem(c, FT_EFORMAT, ext[i].key, -1, "repeated key");
	}
}

static int enum_ok(const ft__check_ctx *c, const char *field, const char *name)
{
	if (name)
		return 1;
	ft__problem(c, FT_EINVAL, field, -1, "value outside its enumeration");
	return 0;
}

/* Checks that `id` is valid and free; -1 (with the problem recorded) when not. */
/* The id's own rules (present, not too long, of the allowed characters);
 * 0 or -1 with the problem recorded. */
static int check_id(const ft__check_ctx *c, const char *id)
{
	if (!id) {
		ft__problem(c, FT_EFORMAT, NULL, -1, "missing required key \"id\"");
		return -1;
	}
	size_t id_len = strlen(id);
	if (id_len > FT_ID_MAX_LENGTH) {
		ft__problem(c, FT_EFORMAT, "id", -1,
		            "id \"%s\" is %zu characters long: at most %d are allowed", FT__Q(id), id_len,
		            FT_ID_MAX_LENGTH);
		return -1;
	}
	if (!ft_id_is_valid(id)) {
		ft__problem(c, FT_EFORMAT, "id", -1,
		            "invalid id \"%s\"%s: 1 to 128 characters of A-Z a-z 0-9 . _ : -, beginning "
		            "with a letter or digit",
		            FT__Q(id), FT__NON_ASCII(id));
		return -1;
	}
	return 0;
}

int ft__check_new_id(ft_dataset *ds, const ft__check_ctx *c, const char *id)
{
	if (check_id(c, id) != 0)
		return -1;
	/* A deferred index looks for duplicates itself (ft__id_index_build). */
	ft__entity *prev = ds->tables[c->kind].deferred ? NULL : ft__dataset_lookup(ds, c->kind, id);
	if (prev && c->src == FT__SRC_LINE)
		ft__problem(c, FT_EDUPLICATE, "id", -1, "duplicate %s id \"%s\" (an earlier line has it)",
		            ft__kind_singular[c->kind], FT__Q(id));
	else if (prev)
		ft__problem(c, FT_EDUPLICATE, "id", -1, "duplicate %s id \"%s\" (first at %s[%u])",
		            ft__kind_singular[c->kind], FT__Q(id), ft__kind_plural[c->kind], prev->src);
	if (prev)
		return -1;
	return 0;
}

static void check_claim_times(const ft__check_ctx *c, const ft_claim_desc *d)
{
	check_time(c, "reported", &d->reported, 1);
	check_time(c, "retracted", &d->retracted, 0);
	switch (d->observed_form) {
	case FT_OBSERVED_NONE: break;
	case FT_OBSERVED_TIME: check_time(c, "observed", &d->observed.from, 1); break;
	case FT_OBSERVED_INTERVAL: {
		check_time(c, "observed.from", &d->observed.from, 0);
		check_time(c, "observed.to", &d->observed.to, 0);
		ft_error err;
		if (ft_interval_check(&d->observed, &err) != 0)
			ft__problem(c, FT_EFORMAT, "observed", -1, "%s", err.text);
		break;
	}
	default: ft__problem(c, FT_EINVAL, "observed", -1, "observed_form outside its enumeration");
	}
	if (ft_time_is_set(&d->retracted) && ft_time_is_set(&d->reported) &&
	    ft_time_end(&d->retracted) < ft_time_start(&d->reported)) {
		char r[FT_TIME_BUFSIZE], p[FT_TIME_BUFSIZE];
		ft_time_format(&d->retracted, r);
		ft_time_format(&d->reported, p);
		ft__problem(c, FT_EFORMAT, "retracted", -1,
		            "retracted \"%s\" is earlier than reported \"%s\"", r, p);
	}
}

static void check_claim_quantity(const ft__check_ctx *c, const ft_claim_desc *d)
{
	const ft_quantity *q = &d->quantity;
	if (q->qualifier == FT_QUALIFIER_NONE) {
		if (d->kind != FT_CLAIM_DENIAL)
			ft__problem(
			    c, FT_EFORMAT, NULL, -1,
			    "missing quantity: give \"value\", or \"low\" and \"high\" (only a denial may "
			    "leave it out)");
		return;
	}
	if (!enum_ok(c, "qualifier", ft_qualifier_name((ft_qualifier)q->qualifier)))
		return;
	ft_error err;
	if (ft_quantity_check(q, &err) != 0) {
		const char *field =
		    q->qualifier == FT_QUALIFIER_RANGE ? (q->low > q->high ? "low" : "value") : "value";
		if (q->qualifier == FT_QUALIFIER_RANGE && q->high > FT_QUANTITY_MAX)
			field = "high";
		if (q->qualifier == FT_QUALIFIER_RANGE && q->low > FT_QUANTITY_MAX)
			field = "low";
		ft__problem(c, FT_EFORMAT, field, -1, "%s", err.text);
	}
}

/* Extension values given through the API must be JSON text; the reader
 * makes them from parsed JSON, so only the API path checks them. */
int ft__check_ext_json(const ft_extension *ext, size_t n, ft_error *err)
{
	for (size_t i = 0; ext && i < n; i++) {
		if (!ext[i].json)
			continue;
		if (ft__json_text_check(ext[i].json, err) != 0) {
			if (err && ext[i].key)
				g_strlcpy(err->path, ext[i].key, sizeof err->path);
			return FT_EFORMAT;
		}
	}
	return 0;
}

static int api_strings_ok(const char *const *strs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strs[i] && !g_utf8_validate(strs[i], -1, NULL))
			return 0;
	return 1;
}

/* A list given as a pointer and a count: a count without a pointer is a
 * programmer's error, caught before anything reads the list. */
#define LIST_OK(d, items, n, field)                                                                          \
	do {                                                                                                 \
		if (!(d)->items && (d)->n)                                                                   \
			return ft__error_set(err, FT_EINVAL, field,                                          \
			                     "%zu items but no array (NULL with a count)", (size_t)(d)->n);  \
	} while (0)

/*
 * A time value as the parser makes it: one that formats and parses back to
 * the same fields. A value the parser could never produce (a start beyond
 * the years 0001-9999, an offset past 23:59, a day that does not begin at
 * midnight, more fraction digits than its precision holds) would be saved
 * in a file that does not load again.
 */
static int api_time_ok(const ft_time *t)
{
	return ft__time_is_canonical(t);
}

#define TIME_OK(t, field)                                                                                    \
	do {                                                                                                 \
		if (!api_time_ok(t))                                                                         \
			return ft__error_set(                                                                \
			    err, FT_EINVAL, field,                                                           \
			    "not a time value the parser could produce (start %" G_GINT64_FORMAT             \
			    " us, offset %d min, precision %u)",                                             \
			    (t)->start_us, (t)->offset_min, (t)->precision);                                 \
	} while (0)

/* The lists and times of a description (see LIST_OK and api_time_ok). */
static int check_api_shape(ft__kind kind, const void *desc, ft_error *err)
{
	switch (kind) {
	case FT__ACTOR: {
		const ft_actor_desc *d = desc;
		LIST_OK(d, aliases, n_aliases, "aliases");
		LIST_OK(d, members, n_members, "members");
		LIST_OK(d, opposes, n_opposes, "opposes");
		LIST_OK(d, extensions, n_extensions, "extensions");
		break;
	}
	case FT__REGION: {
		const ft_region_desc *d = desc;
		LIST_OK(d, borders, n_borders, "borders");
		LIST_OK(d, extensions, n_extensions, "extensions");
		break;
	}
	case FT__UNIT: LIST_OK((const ft_unit_desc *)desc, extensions, n_extensions, "extensions"); break;
	case FT__SOURCE: LIST_OK((const ft_source_desc *)desc, extensions, n_extensions, "extensions"); break;
	case FT__CLAIM: {
		const ft_claim_desc *d = desc;
		LIST_OK(d, via, n_via, "via");
		LIST_OK(d, supersedes, n_supersedes, "supersedes");
		LIST_OK(d, disputes, n_disputes, "disputes");
		LIST_OK(d, tags, n_tags, "tags");
		LIST_OK(d, extensions, n_extensions, "extensions");
		LIST_OK(d, observed_extensions, n_observed_extensions, "observed.extensions");
		TIME_OK(&d->reported, "reported");
		TIME_OK(&d->observed.from,
		        d->observed_form == FT_OBSERVED_INTERVAL ? "observed.from" : "observed");
		TIME_OK(&d->observed.to, "observed.to");
		TIME_OK(&d->retracted, "retracted");
		break;
	}
	default: g_assert_not_reached();
	}
	return 0;
}

int ft__check_info_api(const ft_dataset_info *info, ft_error *err)
{
	LIST_OK(info, authors, n_authors, "authors");
	LIST_OK(info, extensions, n_extensions, "extensions");
	LIST_OK(info, document_extensions, n_document_extensions, "document extensions");
	TIME_OK(&info->created, "created");
	TIME_OK(&info->updated, "updated");
	return 0;
}

/*
 * The checks only the API path needs: the description's version, its
 * lists and times, UTF-8 in the plain strings, and JSON text in extension
 * values and geometry (the reader guarantees all of these for what it
 * loads).
 */
static int check_api(ft__kind kind, const void *desc, int utf8_known, ft_error *err)
{
	unsigned version = *(const unsigned *)desc;
	if (version == 0 || version > FT_DESC_VERSION)
		return ft__error_set(err, FT_EINVAL, NULL,
		                     "description version %u is not one this library knows", version);
	int rc = check_api_shape(kind, desc, err);
	if (rc != 0)
		return rc;
	const char *strs[8] = {NULL};
	const ft_extension *ext = NULL;
	size_t n_ext = 0;
	switch (kind) {
	case FT__ACTOR: {
		const ft_actor_desc *d = desc;
		strs[0] = d->name;
		strs[1] = d->code;
		if (!utf8_known && d->aliases && !api_strings_ok(d->aliases, d->n_aliases))
			goto bad_utf8;
		ext = d->extensions;
		n_ext = d->n_extensions;
		break;
	}
	case FT__REGION: {
		const ft_region_desc *d = desc;
		strs[0] = d->name;
		strs[1] = d->code;
		ext = d->extensions;
		n_ext = d->n_extensions;
		if (d->geometry) {
			ft_error gerr;
			if (ft__geometry_text_check(d->geometry, &gerr) != 0) {
				char path[FT_ERROR_PATH_SIZE];
				g_snprintf(path, sizeof path, "geometry%s%s", gerr.path[0] ? "." : "",
				           gerr.path);
				return ft__error_set(err, FT_EFORMAT, path, "%s", gerr.text);
			}
		}
		break;
	}
	case FT__UNIT: {
		const ft_unit_desc *d = desc;
		strs[0] = d->name;
		strs[1] = d->type;
		strs[2] = d->sidc;
		ext = d->extensions;
		n_ext = d->n_extensions;
		break;
	}
	case FT__SOURCE: {
		const ft_source_desc *d = desc;
		strs[0] = d->name;
		strs[1] = d->url;
		ext = d->extensions;
		n_ext = d->n_extensions;
		break;
	}
	case FT__CLAIM: {
		const ft_claim_desc *d = desc;
		strs[0] = d->quote;
		strs[1] = d->url;
		strs[2] = d->note;
		if (!utf8_known && d->tags && !api_strings_ok(d->tags, d->n_tags))
			goto bad_utf8;
		ext = d->extensions;
		n_ext = d->n_extensions;
		if (ft__check_ext_json(d->observed_extensions, d->n_observed_extensions, err))
			return FT_EFORMAT;
		break;
	}
	default: g_assert_not_reached();
	}
	if (!utf8_known && !api_strings_ok(strs, G_N_ELEMENTS(strs)))
		goto bad_utf8;
	return ft__check_ext_json(ext, n_ext, err);
bad_utf8:
	return ft__error_set(err, FT_EFORMAT, NULL, "a string is not valid UTF-8");
}

int ft__check_api(ft__kind kind, const void *desc, ft_error *err)
{
	return check_api(kind, desc, 0, err);
}

int ft__check_api_utf8_known(ft__kind kind, const void *desc, ft_error *err)
{
	return check_api(kind, desc, 1, err);
}

void ft__check_actor(const ft__check_ctx *c, const ft_actor_desc *d)
{
	check_required(c, "name", d->name);
	enum_ok(c, "kind", ft_actor_kind_name(d->kind));
	if (d->code) {
		size_t n = strlen(d->code);
		int ok = n == 2 || n == 3;
		for (size_t i = 0; ok && i < n; i++)
			ok = d->code[i] >= 'A' && d->code[i] <= 'Z';
		if (!ok)
			ft__problem(
			    c, FT_EFORMAT, "code", -1,
			    "\"%s\"%s is not an ISO 3166-1 alpha-2 or alpha-3 code (two or three capital "
			    "letters)",
			    FT__Q(d->code), FT__NON_ASCII(d->code));
	}
	check_strings(c, "aliases", d->aliases, d->n_aliases);
	check_ref_list(c, "members", d->members, d->n_members, d->id);
	check_ref_list(c, "opposes", d->opposes, d->n_opposes, d->id);
	check_exts(c, d->extensions, d->n_extensions);
}

void ft__check_region(const ft__check_ctx *c, const ft_region_desc *d)
{
	check_required(c, "name", d->name);
	enum_ok(c, "kind", ft_region_kind_name(d->kind));
	check_ref_list(c, "borders", d->borders, d->n_borders, NULL);
	check_exts(c, d->extensions, d->n_extensions);
}

void ft__check_unit(const ft__check_ctx *c, const ft_unit_desc *d)
{
	check_required(c, "name", d->name);
	check_required(c, "actor", d->actor);
	if (d->echelon != FT_ECHELON_NONE)
		enum_ok(c, "echelon", ft_echelon_name(d->echelon));
	if (d->has_strength && d->strength > FT_QUANTITY_MAX)
		ft__problem(c, FT_EFORMAT, "strength", -1, "number %" G_GUINT64_FORMAT " is 2^53 or more",
		            d->strength);
	check_exts(c, d->extensions, d->n_extensions);
}

void ft__check_source(const ft__check_ctx *c, const ft_source_desc *d)
{
	check_required(c, "name", d->name);
	enum_ok(c, "kind", ft_source_kind_name(d->kind));
	if (d->reliability != 0) /* 0: the default, F */
		enum_ok(c, "reliability", ft_reliability_name(d->reliability));
	check_exts(c, d->extensions, d->n_extensions);
}

void ft__check_claim(const ft__check_ctx *c, const ft_claim_desc *d)
{
	check_required(c, "source", d->source);
	check_required(c, "subject", d->subject);
	check_required(c, "region", d->region);
	if (d->measure && !ft_measure_is_valid(d->measure))
		ft__problem(
		    c, FT_EFORMAT, "measure", -1,
		    "invalid measure \"%s\"%s: lower-case letters, digits and '-', beginning with a letter",
		    FT__Q(d->measure), FT__NON_ASCII(d->measure));
	enum_ok(c, "kind", ft_claim_kind_name(d->kind));
	check_claim_quantity(c, d);
	check_claim_times(c, d);
	if (d->credibility < 0 || d->credibility > 6) /* 0: the default, 6 */
		ft__problem(c, FT_EFORMAT, "credibility", -1,
		            "credibility %d is not an Admiralty information grade (1 to 6)", d->credibility);
	check_ref_list(c, "via", d->via, d->n_via, NULL);
	check_ref_list(c, "supersedes", d->supersedes, d->n_supersedes, d->id);
	check_ref_list(c, "disputes", d->disputes, d->n_disputes, d->id);
	check_strings(c, "tags", d->tags, d->n_tags);
	check_exts(c, d->extensions, d->n_extensions);
	check_exts(c, d->observed_extensions, d->n_observed_extensions);
}

int ft__claim_passes_alone(const ft_claim_desc *d)
{
	ft_error e;
	if (check_api(FT__CLAIM, d, 1, &e) != 0)
		return 0;
	/* Problems are counted here, never passed on: the list is the
	 * caller's thread's own. */
	ft__errlist errs;
	ft__errlist_init(&errs, NULL);
	ft__check_ctx c = {&errs, FT__CLAIM, 0};
	if (check_id(&c, d->id) != 0)
		return 0;
	ft__check_claim(&c, d);
	return errs.count == 0;
}
