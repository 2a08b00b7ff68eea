/*
 * Saving a dataset as a canonical document (docs/format.md section 1; io.h says
 * what canonical means), and what the JSON Lines writer shares with it
 * (io/write-private.h): the canonical object of each entity, the output
 * buffer and the atomic file save. The writer reads the model only through
 * the public describe and getter functions, as an outside program would.
 * It never builds one JSON tree for the whole document: it writes the
 * document's skeleton itself and builds, emits and frees one entity at a
 * time, so a save needs memory for one entity beside the output; a save
 * to a file also hands the output to the file every FLUSH_SIZE bytes.
 * Files are replaced atomically by io/replace.c.
 */
#include "io/write-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error-private.h"
#include "forcetrack/io.h"
#include "forcetrack/version.h"
#include "values/json-private.h"

/* Output is handed to the file in pieces of about this size. */
#define FLUSH_SIZE FT__FLUSH_SIZE

/* The indent of the canonical layout, and the levels things sit at. */
#define INDENT       2
#define LEVEL_MEMBER 1 /* "dataset" and extensions at the top */
#define LEVEL_ENTITY 2 /* an entity inside its array */

/*
 * Builds one JSON object in the canonical key order. The first failure is
 * kept in `rc` and later calls do nothing, so a builder reads as the list
 * of its keys. `prefix` is the object's JSON path ("claims[17]"), for
 * messages.
 */
typedef struct builder {
	json_t *obj;
	int rc;
	ft_error *err;
	char prefix[64];
} builder;

static void builder_init(builder *b, ft_error *err, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static void builder_init(builder *b, ft_error *err, const char *fmt, ...)
{
	va_list ap;
	b->obj = json_object();
	b->rc = 0;
	b->err = err;
	va_start(ap, fmt);
	g_vsnprintf(b->prefix, sizeof b->prefix, fmt, ap);
	va_end(ap);
}

static void builder_fail(builder *b, const char *key, int code, const char *text)
{
	char path[FT_ERROR_PATH_SIZE];
	g_snprintf(path, sizeof path, "%s%s%s", b->prefix, b->prefix[0] ? "." : "", key);
	b->rc = ft__error_set(b->err, code, path, "%s", text);
}

/* Takes the reference to `value`. */
static void put_value(builder *b, const char *key, json_t *value)
{
	if (b->rc) {
		json_decref(value);
		return;
	}
	if (!value) {
		builder_fail(b, key, FT_EFORMAT, "not valid UTF-8");
		return;
	}
	/* Fails only for a key that is not UTF-8 (an extension's). */
	if (json_object_set_new(b->obj, key, value) < 0)
		builder_fail(b, key, FT_EFORMAT, "the key is not valid UTF-8");
}

/* An optional string: written when present, even when empty. */
static void put_string(builder *b, const char *key, const char *s)
{
	if (s)
		put_value(b, key, json_string(s));
}

static void put_strings(builder *b, const char *key, const char *const *v, size_t n)
{
	if (n == 0)
		return;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *s = json_string(v[i]);
		if (!s) {
			json_decref(arr);
			put_value(b, key, NULL);
			return;
		}
		json_array_append_new(arr, s);
	}
	put_value(b, key, arr);
}

static void put_integer(builder *b, const char *key, uint64_t v)
{
	/* Quantities and strengths are below 2^53, so they fit json_int_t. */
	put_value(b, key, json_integer((json_int_t)v));
}

static void put_time(builder *b, const char *key, const ft_time *t)
{
	char text[FT_TIME_BUFSIZE];
	if (!ft_time_is_set(t))
		return;
	ft_time_format(t, text);
	put_value(b, key, json_string(text));
}

/* Extension values are JSON text in the model; they go in parsed, in the
 * order the model gives them. */
static void put_extensions(builder *b, const ft_extension *ext, size_t n)
{
	for (size_t i = 0; i < n && !b->rc; i++) {
		ft_error perr;
		json_t *value = ft__json_parse_text(ext[i].json, &perr);
		if (!value) {
			builder_fail(b, ext[i].key, FT_EFORMAT, perr.text);
			return;
		}
		put_value(b, ext[i].key, value);
	}
}

static void build_info(const ft_dataset_info *d, builder *b)
{
	put_string(b, "id", d->id);
	put_string(b, "title", d->title);
	put_string(b, "description", d->description);
	put_string(b, "license", d->license);
	put_time(b, "created", &d->created);
	put_time(b, "updated", &d->updated);
	put_strings(b, "authors", d->authors, d->n_authors);
	put_extensions(b, d->extensions, d->n_extensions);
}

static void build_actor(const ft_actor_desc *d, builder *b)
{
	put_string(b, "id", d->id);
	put_string(b, "name", d->name);
	if (d->kind != FT_ACTOR_OTHER)
		put_string(b, "kind", ft_actor_kind_name(d->kind));
	put_string(b, "code", d->code);
	put_strings(b, "aliases", d->aliases, d->n_aliases);
	put_string(b, "parent", d->parent);
	put_strings(b, "members", d->members, d->n_members);
	put_strings(b, "opposes", d->opposes, d->n_opposes);
	put_extensions(b, d->extensions, d->n_extensions);
}

static void build_region(const ft_region_desc *d, builder *b)
{
	put_string(b, "id", d->id);
	put_string(b, "name", d->name);
	if (d->kind != FT_REGION_OTHER)
		put_string(b, "kind", ft_region_kind_name(d->kind));
	put_string(b, "code", d->code);
	put_string(b, "parent", d->parent);
	put_strings(b, "borders", d->borders, d->n_borders);
	if (d->geometry && !b->rc) {
		/* Kept as given: parsed, and written with its members in their
		 * order. */
		ft_error perr;
		json_t *geometry = ft__json_parse_text(d->geometry, &perr);
		if (geometry)
			put_value(b, "geometry", geometry);
		else
			builder_fail(b, "geometry", FT_EFORMAT, perr.text);
	}
	put_extensions(b, d->extensions, d->n_extensions);
}

static void build_unit(const ft_unit_desc *d, builder *b)
{
	put_string(b, "id", d->id);
	put_string(b, "name", d->name);
	put_string(b, "actor", d->actor);
	if (d->echelon != FT_ECHELON_NONE)
		put_string(b, "echelon", ft_echelon_name(d->echelon));
	put_string(b, "type", d->type);
	put_string(b, "parent", d->parent);
	if (d->has_strength)
		put_integer(b, "strength", d->strength);
	put_string(b, "garrison", d->garrison);
	put_string(b, "sidc", d->sidc);
	put_extensions(b, d->extensions, d->n_extensions);
}

static void build_source(const ft_source_desc *d, builder *b)
{
	put_string(b, "id", d->id);
	put_string(b, "name", d->name);
	if (d->kind != FT_SOURCE_OTHER)
		put_string(b, "kind", ft_source_kind_name(d->kind));
	put_string(b, "actor", d->actor);
	put_string(b, "parent", d->parent);
	if (d->reliability != FT_RELIABILITY_F)
		put_string(b, "reliability", ft_reliability_name(d->reliability));
	put_string(b, "url", d->url);
	put_extensions(b, d->extensions, d->n_extensions);
}

/* The quantity in the shape docs/format.md section 6 gives it: the qualifier
 * only where the keys do not already say it. */
static void put_quantity(builder *b, const ft_quantity *q)
{
	switch ((ft_qualifier)q->qualifier) {
	case FT_QUALIFIER_NONE: break;
	case FT_QUALIFIER_EXACT: put_integer(b, "value", q->value); break;
	case FT_QUALIFIER_APPROX:
	case FT_QUALIFIER_AT_LEAST:
	case FT_QUALIFIER_AT_MOST:
		put_integer(b, "value", q->value);
		put_string(b, "qualifier", ft_qualifier_name((ft_qualifier)q->qualifier));
		break;
	case FT_QUALIFIER_RANGE:
		if (q->has_value)
			put_integer(b, "value", q->value);
		put_integer(b, "low", q->low);
		put_integer(b, "high", q->high);
		break;
	}
}

static void put_observed(builder *b, const ft_claim_desc *d)
{
	if (b->rc)
		return;
	if (d->observed_form == FT_OBSERVED_TIME) {
		put_time(b, "observed", &d->observed.from);
	} else if (d->observed_form == FT_OBSERVED_INTERVAL) {
		builder iv;
		builder_init(&iv, b->err, "%s.observed", b->prefix);
		put_time(&iv, "from", &d->observed.from);
		put_time(&iv, "to", &d->observed.to);
		put_extensions(&iv, d->observed_extensions, d->n_observed_extensions);
		if (iv.rc) {
			json_decref(iv.obj);
			b->rc = iv.rc;
			return;
		}
		put_value(b, "observed", iv.obj);
	}
}

static void build_claim(const ft_claim_desc *d, builder *b)
{
	put_string(b, "id", d->id);
	put_string(b, "source", d->source);
	put_strings(b, "via", d->via, d->n_via);
	put_string(b, "subject", d->subject);
	put_string(b, "unit", d->unit);
	put_string(b, "region", d->region);
	if (d->measure && strcmp(d->measure, FT_MEASURE_DEFAULT) != 0)
		put_string(b, "measure", d->measure);
	put_quantity(b, &d->quantity);
	if (d->kind != FT_CLAIM_OBSERVATION)
		put_string(b, "kind", ft_claim_kind_name(d->kind));
	put_observed(b, d);
	put_time(b, "reported", &d->reported);
	if (d->credibility != FT_CREDIBILITY_DEFAULT)
		put_integer(b, "credibility", (uint64_t)d->credibility);
	put_strings(b, "supersedes", d->supersedes, d->n_supersedes);
	put_strings(b, "disputes", d->disputes, d->n_disputes);
	put_time(b, "retracted", &d->retracted);
	put_string(b, "quote", d->quote);
	put_string(b, "url", d->url);
	put_string(b, "note", d->note);
	put_strings(b, "tags", d->tags, d->n_tags);
	put_extensions(b, d->extensions, d->n_extensions);
}

/* ---- what the JSON Lines writer shares ---------------------------------- */

const void *ft__describe_at(const ft_dataset *ds, ft__kind kind, size_t i, ft__desc *out)
{
	switch (kind) {
	case FT__ACTOR: {
		ft_actor_desc d = FT_ACTOR_DESC_INIT;
		out->actor = d;
		ft_actor_describe(ft_dataset_actor_at(ds, i), &out->actor);
		return &out->actor;
	}
	case FT__REGION: {
		ft_region_desc d = FT_REGION_DESC_INIT;
		out->region = d;
		ft_region_describe(ft_dataset_region_at(ds, i), &out->region);
		return &out->region;
	}
	case FT__UNIT: {
		ft_unit_desc d = FT_UNIT_DESC_INIT;
		out->unit = d;
		ft_unit_describe(ft_dataset_unit_at(ds, i), &out->unit);
		return &out->unit;
	}
	case FT__SOURCE: {
		ft_source_desc d = FT_SOURCE_DESC_INIT;
		out->source = d;
		ft_source_describe(ft_dataset_source_at(ds, i), &out->source);
		return &out->source;
	}
	case FT__CLAIM: {
		ft_claim_desc d = FT_CLAIM_DESC_INIT;
		out->claim = d;
		ft_claim_describe(ft_dataset_claim_at(ds, i), &out->claim);
		return &out->claim;
	}
	default: g_assert_not_reached();
	}
}

json_t *ft__entity_json(ft__kind kind, const void *desc, const char *path, ft_error *err)
{
	builder b;
	builder_init(&b, err, "%s", path);
	switch (kind) {
	case FT__ACTOR: build_actor(desc, &b); break;
	case FT__REGION: build_region(desc, &b); break;
	case FT__UNIT: build_unit(desc, &b); break;
	case FT__SOURCE: build_source(desc, &b); break;
	case FT__CLAIM: build_claim(desc, &b); break;
	default: g_assert_not_reached();
	}
	if (b.rc) {
		json_decref(b.obj);
		return NULL;
	}
	return b.obj;
}

static int has_info(const ft_dataset_info *d)
{
	return d->id || d->title || d->description || d->license || ft_time_is_set(&d->created) ||
	       ft_time_is_set(&d->updated) || d->n_authors || d->n_extensions;
}

int ft__info_json(const ft_dataset_info *info, json_t **dataset, json_t **top, ft_error *err)
{
	builder b;
	*dataset = NULL;
	*top = NULL;
	if (has_info(info)) {
		builder_init(&b, err, "dataset");
		build_info(info, &b);
		if (b.rc) {
			json_decref(b.obj);
			return b.rc;
		}
		*dataset = b.obj;
	}
	if (info->n_document_extensions) {
		builder_init(&b, err, "%s", "");
		put_extensions(&b, info->document_extensions, info->n_document_extensions);
		if (b.rc) {
			json_decref(b.obj);
			json_decref(*dataset);
			*dataset = NULL;
			return b.rc;
		}
		*top = b.obj;
	}
	return 0;
}

int ft__write_error(ft_error *err, const char *path, int errnum)
{
	ft__error_set(err, FT_EIO, NULL, "cannot write \"%s\": %s", path, g_strerror(errnum));
	ft__error_set_file(err, path);
	return FT_EIO;
}

/* Writes all of `data`, at the offset `at`, or at the file position when
 * `at` is negative, going on after short writes and EINTR. */
static int write_loop(int fd, const char *data, size_t len, off_t at)
{
	while (len > 0) {
		ssize_t n = at < 0 ? write(fd, data, len) : pwrite(fd, data, len, at);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
		if (at >= 0)
			at += n;
	}
	return 0;
}

int ft__write_all(int fd, const char *data, size_t len)
{
	return write_loop(fd, data, len, -1);
}

int ft__pwrite_all(int fd, const char *data, size_t len, off_t at)
{
	return write_loop(fd, data, len, at);
}

int ft__writer_flush(ft__writer *w, int all)
{
	if ((w->fd < 0 && !w->sum) || w->buf->len == 0 || (!all && w->buf->len < FLUSH_SIZE))
		return 0;
	if (w->sum) {
		g_checksum_update(w->sum, (const guchar *)w->buf->str, (gssize)w->buf->len);
		g_string_truncate(w->buf, 0);
		return 0;
	}
	if (ft__write_all(w->fd, w->buf->str, w->buf->len) < 0)
		return ft__write_error(w->err, w->path, errno);
	g_string_truncate(w->buf, 0);
	return 0;
}

/* ---- the document ---------------------------------------------------------- */

/* A top-level member's key, escaped as JSON needs ("x-" keys are free
 * text). */
static void append_member_key(GString *out, const char *key)
{
	json_t *s = json_string(key);
	g_assert(s); /* the key came out of a Jansson object: valid UTF-8 */
	g_string_append(out, ",\n  ");
	ft__json_emit(out, s, INDENT, LEVEL_MEMBER);
	g_string_append(out, ": ");
	json_decref(s);
}

/* One entity array: "key": [ entity, entity ], each entity built, emitted
 * and released before the next. Empty arrays are left out. */
static int write_section(ft__writer *w, const ft_dataset *ds, ft__kind kind)
{
	size_t n = ft__dataset_count(ds, kind);
	if (n == 0)
		return 0;
	g_string_append_printf(w->buf, ",\n  \"%s\": [", ft__kind_plural[kind]);
	for (size_t i = 0; i < n; i++) {
		char path[FT_ERROR_PATH_SIZE];
		ft__desc desc;
		g_snprintf(path, sizeof path, "%s[%zu]", ft__kind_plural[kind], i);
		json_t *obj = ft__entity_json(kind, ft__describe_at(ds, kind, i, &desc), path, w->err);
		if (!obj)
			return w->err ? w->err->code : FT_EFORMAT;
		g_string_append(w->buf, i ? ",\n    " : "\n    ");
		ft__json_emit(w->buf, obj, INDENT, LEVEL_ENTITY);
		json_decref(obj);
		int rc = ft__writer_flush(w, 0);
		if (rc)
			return rc;
	}
	g_string_append(w->buf, "\n  ]");
	return 0;
}

int ft__write_document(ft__writer *w, const ft_dataset *ds)
{
	ft_dataset_info info = FT_DATASET_INFO_INIT;
	json_t *dataset = NULL;
	json_t *top = NULL;
	int rc;

	ft_dataset_describe(ds, &info);
	rc = ft__info_json(&info, &dataset, &top, w->err);
	if (rc)
		return rc;
	g_string_append(w->buf, "{\n  \"forcetrack\": \"" FT_FORMAT_STRING "\"");
	if (dataset) {
		g_string_append(w->buf, ",\n  \"dataset\": ");
		ft__json_emit(w->buf, dataset, INDENT, LEVEL_MEMBER);
	}
	for (int k = 0; k < FT__KIND_COUNT && !rc; k++)
		rc = write_section(w, ds, (ft__kind)k);
	if (rc)
		goto cleanup;
	if (top) {
		const char *key;
		json_t *value;
		json_object_foreach (top, key, value) {
			append_member_key(w->buf, key);
			ft__json_emit(w->buf, value, INDENT, LEVEL_MEMBER);
		}
	}
	g_string_append(w->buf, "\n}\n");
	rc = ft__writer_flush(w, 1);

cleanup:
	json_decref(dataset);
	json_decref(top);
	return rc;
}

char *ft__save_string(const ft_dataset *ds, ft__write_fn write_fn, ft_error *err)
{
	if (!ds) {
		ft__error_set(err, FT_EINVAL, NULL, "no dataset to save");
		return NULL;
	}
	ft__writer w = {g_string_new(NULL), -1, NULL, err, NULL};
	if (write_fn(&w, ds) < 0) {
		g_string_free(w.buf, TRUE);
		return NULL;
	}
	return g_string_free(w.buf, FALSE);
}

char *ft_dataset_save_string(const ft_dataset *ds, ft_error *err)
{
	return ft__save_string(ds, ft__write_document, err);
}

int ft_dataset_save_file(const ft_dataset *ds, const char *path, ft_error *err)
{
	return ft__save_file(ds, path, ft__write_document, err);
}
