/*
 * Writing a snapshot (the layout is io/snapshot-private.h's): every entity
 * read back through its description, as the JSON writers read it, its
 * strings interned into one table and its references turned into
 * positions; the content hash of the canonical JSON Lines; then the header,
 * sealed with the integrity checksum. Also ft_dataset_content_hash, which
 * streams the JSON Lines writer into a checksum instead of building the
 * text.
 */
#include <string.h>
/* xxHash's functions compiled in here (static, inline): its header alone
 * is a build dependency, nothing is linked. */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "forcetrack/version.h"
#include "io/snapshot-private.h"
#include "io/write-private.h"

/* ---- the content hash ------------------------------------------------------ */

int ft_dataset_content_hash(const ft_dataset *ds, char out[65], ft_error *err)
{
	ft_error_clear(err);
	if (!ds || !out)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_dataset_content_hash: NULL argument");
	if (ft__dataset_hash_get(ds, out))
		return 0;
	/* The lines go through the writer's 64 KiB buffer into the checksum:
	 * the text is never held whole. */
	ft__writer w = {g_string_sized_new(FT__FLUSH_SIZE + FT__FLUSH_SIZE / 4), -1, NULL, err,
	                g_checksum_new(G_CHECKSUM_SHA256)};
	int rc = ft__write_lines(&w, ds);
	if (rc == 0)
		rc = ft__writer_flush(&w, 1);
	if (rc == 0) {
		g_strlcpy(out, g_checksum_get_string(w.sum), 65);
		ft__dataset_hash_set(ds, out);
	}
	g_checksum_free(w.sum);
	g_string_free(w.buf, TRUE);
	return rc;
}

/* ---- the checksum ---------------------------------------------------------- */

void ft__snapshot_checksum(const guint8 *header, const guint8 *payload, size_t size, guint8 out[32])
{
	guint8 all[FT__SNAP_HEADER_SIZE + sizeof(XXH128_canonical_t)];
	memcpy(all, header, FT__SNAP_HEADER_SIZE);
	memset(all + FT__SNAP_AT_CHECKSUM, 0, 32);
	XXH128_canonical_t digest; /* big-endian bytes, whatever the machine's order */
	XXH128_canonicalFromHash(&digest, XXH3_128bits(payload, size));
	memcpy(all + FT__SNAP_HEADER_SIZE, &digest, sizeof digest);
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(sum, all, sizeof all);
	gsize len = 32;
	g_checksum_get_digest(sum, out, &len);
	g_checksum_free(sum);
}

void ft__snapshot_seal(guint8 *data, size_t len)
{
	g_assert(len >= FT__SNAP_HEADER_SIZE);
	guint8 sum[32];
	ft__snapshot_checksum(data, data + FT__SNAP_HEADER_SIZE, len - FT__SNAP_HEADER_SIZE, sum);
	memcpy(data + FT__SNAP_AT_CHECKSUM, sum, 32);
}

/* ---- the payload ------------------------------------------------------------ */

typedef struct snap {
	const ft_dataset *ds;
	GHashTable *index; /* string -> its index + 1 */
	GByteArray *blob;
	GArray *string_at; /* guint32 */
	GArray *claims;    /* ft__snap_claim */
	GArray *wide;      /* gint64 */
	GArray *lists;     /* guint32 */
	ft_error *err;
	int failed;
} snap;

/* The index + 1 of `s` in the table, added if new; 0 for NULL. */
static guint32 str(snap *s, const char *text)
{
	if (!text)
		return 0;
	gpointer found = g_hash_table_lookup(s->index, text);
	if (found)
		return GPOINTER_TO_UINT(found);
	size_t n = strlen(text) + 1;
	if (s->blob->len + n > UINT32_MAX || s->string_at->len >= UINT32_MAX - 1) {
		if (!s->failed)
			ft__error_set(s->err, FT_ELIMIT, NULL,
			              "the dataset's strings take more than 4 GiB: too large for a snapshot");
		s->failed = 1;
		return 0;
	}
	guint32 at = s->blob->len;
	g_array_append_val(s->string_at, at);
	g_byte_array_append(s->blob, (const guint8 *)text, (guint)n);
	guint32 i = s->string_at->len; /* the index + 1 */
	/* The key lives in the dataset, which outlives the table. */
	g_hash_table_insert(s->index, (gpointer)(uintptr_t)text, GUINT_TO_POINTER(i));
	return i;
}

/* An optional reference: its position + 1, or 0. */
static guint32 opt(const void *entity)
{
	return entity ? ((const ft__entity *)entity)->pos + 1 : 0;
}

static GVariant *time_v(const ft_time *t)
{
	return g_variant_new("(xu)", (gint64)t->start_us, ft__snap_time_meta(t));
}

static GVariant *strs_v(snap *s, const char *const *items, size_t n)
{
	GVariantBuilder b;
	g_variant_builder_init(&b, G_VARIANT_TYPE("au"));
	for (size_t i = 0; i < n; i++)
		g_variant_builder_add(&b, "u", str(s, items[i]));
	return g_variant_builder_end(&b);
}

/* The positions of the actors that `ids` name (members, opposes, borders). */
static GVariant *refs_v(snap *s, const char *const *ids, size_t n)
{
	GVariantBuilder b;
	g_variant_builder_init(&b, G_VARIANT_TYPE("au"));
	for (size_t i = 0; i < n; i++)
		g_variant_builder_add(&b, "u", opt(ft_dataset_find_actor(s->ds, ids[i])) - 1);
	return g_variant_builder_end(&b);
}

static GVariant *exts_v(snap *s, const ft_extension *x, size_t n)
{
	GVariantBuilder b;
	g_variant_builder_init(&b, G_VARIANT_TYPE("a(uu)"));
	for (size_t i = 0; i < n; i++)
		g_variant_builder_add(&b, "(uu)", str(s, x[i].key), str(s, x[i].json));
	return g_variant_builder_end(&b);
}

static GVariant *info_v(snap *s)
{
	ft_dataset_info d = FT_DATASET_INFO_INIT;
	ft_dataset_describe(s->ds, &d);
	return g_variant_new("(uuuu@(xu)@(xu)@au@a(uu)@a(uu))", str(s, d.id), str(s, d.title),
	                     str(s, d.description), str(s, d.license), time_v(&d.created), time_v(&d.updated),
	                     strs_v(s, d.authors, d.n_authors), exts_v(s, d.extensions, d.n_extensions),
	                     exts_v(s, d.document_extensions, d.n_document_extensions));
}

static GVariant *actors_v(snap *s)
{
	GVariantBuilder b;
	g_variant_builder_init(&b, G_VARIANT_TYPE("a" FT__SNAP_ACTOR_TYPE));
	for (size_t i = 0; i < ft_dataset_actor_count(s->ds); i++) {
		const ft_actor *a = ft_dataset_actor_at(s->ds, i);
		ft_actor_desc d = FT_ACTOR_DESC_INIT;
		ft_actor_describe(a, &d);
		g_variant_builder_add_value(
		    &b, g_variant_new("(uuuuu@au@au@au@a(uu))", str(s, d.id), str(s, d.name), str(s, d.code),
		                      (guint32)d.kind, opt(ft_actor_parent(a)), strs_v(s, d.aliases, d.n_aliases),
		                      refs_v(s, d.members, d.n_members), refs_v(s, d.opposes, d.n_opposes),
		                      exts_v(s, d.extensions, d.n_extensions)));
	}
	return g_variant_builder_end(&b);
}

static GVariant *regions_v(snap *s)
{
	GVariantBuilder b;
	g_variant_builder_init(&b, G_VARIANT_TYPE("a" FT__SNAP_REGION_TYPE));
	for (size_t i = 0; i < ft_dataset_region_count(s->ds); i++) {
		const ft_region *r = ft_dataset_region_at(s->ds, i);
		ft_region_desc d = FT_REGION_DESC_INIT;
		ft_region_describe(r, &d);
		g_variant_builder_add_value(
		    &b, g_variant_new("(uuuuuu@au@a(uu))", str(s, d.id), str(s, d.name), str(s, d.code),
		                      (guint32)d.kind, opt(ft_region_parent(r)), str(s, d.geometry),
		                      refs_v(s, d.borders, d.n_borders), exts_v(s, d.extensions, d.n_extensions)));
	}
	return g_variant_builder_end(&b);
}

static GVariant *units_v(snap *s)
{
	GVariantBuilder b;
	g_variant_builder_init(&b, G_VARIANT_TYPE("a" FT__SNAP_UNIT_TYPE));
	for (size_t i = 0; i < ft_dataset_unit_count(s->ds); i++) {
		const ft_unit *u = ft_dataset_unit_at(s->ds, i);
		ft_unit_desc d = FT_UNIT_DESC_INIT;
		ft_unit_describe(u, &d);
		g_variant_builder_add_value(
		    &b, g_variant_new("(uuuuuuuuut@a(uu))", str(s, d.id), str(s, d.name),
		                      opt(ft_unit_actor(u)) - 1, (guint32)d.echelon, str(s, d.type),
		                      opt(ft_unit_parent(u)), opt(ft_dataset_find_region(s->ds, d.garrison)),
		                      str(s, d.sidc), (guint32)(d.has_strength != 0), (guint64)d.strength,
		                      exts_v(s, d.extensions, d.n_extensions)));
	}
	return g_variant_builder_end(&b);
}

static GVariant *sources_v(snap *s)
{
	GVariantBuilder b;
	g_variant_builder_init(&b, G_VARIANT_TYPE("a" FT__SNAP_SOURCE_TYPE));
	for (size_t i = 0; i < ft_dataset_source_count(s->ds); i++) {
		const ft_source *src = ft_dataset_source_at(s->ds, i);
		ft_source_desc d = FT_SOURCE_DESC_INIT;
		ft_source_describe(src, &d);
		g_variant_builder_add_value(
		    &b, g_variant_new("(uuuuuuu@a(uu))", str(s, d.id), str(s, d.name), (guint32)d.kind,
		                      opt(ft_source_actor(src)), opt(ft_source_parent(src)), (guint32)d.reliability,
		                      str(s, d.url), exts_v(s, d.extensions, d.n_extensions)));
	}
	return g_variant_builder_end(&b);
}

static void put_wide_time(snap *s, const ft_time *t)
{
	gint64 w[2] = {t->start_us, (gint64)ft__snap_time_meta(t)};
	g_array_append_vals(s->wide, w, 2);
}

static void put_u32(snap *s, guint32 v)
{
	g_array_append_val(s->lists, v);
}

static void put_exts(snap *s, const ft_extension *x, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		put_u32(s, str(s, x[i].key));
		put_u32(s, str(s, x[i].json));
	}
}

/* A claim's position among the claims (its supersedes and disputes name
 * claims by id). */
static guint32 claim_pos(snap *s, const char *id)
{
	return opt(ft_dataset_find_claim(s->ds, id)) - 1;
}

static void put_claim(snap *s, const ft_claim *c)
{
	ft_claim_desc d = FT_CLAIM_DESC_INIT;
	ft_claim_describe(c, &d);
	ft__snap_claim o;
	memset(&o, 0, sizeof o);
	o.reported_us = d.reported.start_us;
	o.reported_meta = ft__snap_time_meta(&d.reported);
	o.value = d.quantity.value;
	o.id = str(s, d.id);
	o.source = opt(ft_claim_source(c)) - 1;
	o.subject = opt(ft_claim_subject(c)) - 1;
	o.region = opt(ft_claim_region(c)) - 1;
	o.measure = str(s, d.measure);
	o.unit = opt(ft_claim_unit(c));
	o.quote = str(s, d.quote);
	o.url = str(s, d.url);
	o.note = str(s, d.note);
	o.qualifier = d.quantity.qualifier;
	o.has_value = d.quantity.has_value;
	o.kind = (guint8)d.kind;
	o.observed_form = (guint8)d.observed_form;
	o.credibility = (guint8)d.credibility;

	int range = d.quantity.low || d.quantity.high;
	int retracted = ft_time_is_set(&d.retracted);
	if (range || retracted || d.observed_form != FT_OBSERVED_NONE) {
		o.wide = s->wide->len + 1;
		if (range) {
			gint64 w[2] = {(gint64)d.quantity.low, (gint64)d.quantity.high};
			g_array_append_vals(s->wide, w, 2);
			o.flags |= FT__SNAP_RANGE;
		}
		if (d.observed_form != FT_OBSERVED_NONE)
			put_wide_time(s, &d.observed.from);
		if (d.observed_form == FT_OBSERVED_INTERVAL)
			put_wide_time(s, &d.observed.to);
		if (retracted) {
			put_wide_time(s, &d.retracted);
			o.flags |= FT__SNAP_RETRACTED;
		}
	}
	if (d.n_via || d.n_supersedes || d.n_disputes || d.n_tags || d.n_extensions || d.n_observed_extensions) {
		o.lists = s->lists->len + 1;
		const size_t counts[FT__SNAP_LIST_HEAD] = {d.n_via,  d.n_supersedes, d.n_disputes,
		                                           d.n_tags, d.n_extensions, d.n_observed_extensions};
		for (int i = 0; i < FT__SNAP_LIST_HEAD; i++)
			put_u32(s, (guint32)counts[i]);
		for (size_t i = 0; i < d.n_via; i++)
			put_u32(s, opt(ft_claim_via_at(c, i)) - 1);
		for (size_t i = 0; i < d.n_supersedes; i++)
			put_u32(s, claim_pos(s, d.supersedes[i]));
		for (size_t i = 0; i < d.n_disputes; i++)
			put_u32(s, claim_pos(s, d.disputes[i]));
		for (size_t i = 0; i < d.n_tags; i++)
			put_u32(s, str(s, d.tags[i]));
		put_exts(s, d.extensions, d.n_extensions);
		put_exts(s, d.observed_extensions, d.n_observed_extensions);
	}
	g_array_append_val(s->claims, o);
}

static void put_u32_le(guint8 *p, guint32 v)
{
	v = GUINT32_TO_LE(v);
	memcpy(p, &v, 4);
}

static void put_u64_le(guint8 *p, guint64 v)
{
	v = GUINT64_TO_LE(v);
	memcpy(p, &v, 8);
}

/*
 * The whole snapshot in memory, or NULL with `err` filled. A fixed-size
 * array's GVariant serialisation is its elements back to back, so the
 * claims, the pools and the string table are written from their arrays as
 * they are; the entities section is serialised by GVariant itself.
 */
static int build(const ft_dataset *ds, GByteArray **result, ft_error *err)
{
	char content[65];
	int rc = ft_dataset_content_hash(ds, content, err);
	*result = NULL;
	if (rc)
		return rc;
	snap s = {ds, g_hash_table_new(g_str_hash, g_str_equal), g_byte_array_new(),
	          g_array_new(FALSE, FALSE, sizeof(guint32)), g_array_sized_new(FALSE, FALSE, sizeof(ft__snap_claim), (guint)ft_dataset_claim_count(ds)),
	          g_array_new(FALSE, FALSE, sizeof(gint64)), g_array_new(FALSE, FALSE, sizeof(guint32)), err, 0};
	GVariant *entities = g_variant_ref_sink(g_variant_new(
	    "(@" FT__SNAP_INFO_TYPE "@a" FT__SNAP_ACTOR_TYPE "@a" FT__SNAP_REGION_TYPE "@a" FT__SNAP_UNIT_TYPE
	    "@a" FT__SNAP_SOURCE_TYPE ")",
	    info_v(&s), actors_v(&s), regions_v(&s), units_v(&s), sources_v(&s)));
	for (size_t i = 0; i < ft_dataset_claim_count(ds); i++)
		put_claim(&s, ft_dataset_claim_at(ds, i));
	guint32 end = s.blob->len;
	g_array_append_val(s.string_at, end);

	GByteArray *out = NULL;
	rc = FT_ELIMIT;
	if (s.failed)
		goto cleanup;
	const void *data[FT__SNAP_SECTIONS] = {s.blob->data, s.string_at->data, g_variant_get_data(entities),
	                                       s.claims->data, s.wide->data, s.lists->data};
	const size_t sizes[FT__SNAP_SECTIONS] = {
	    s.blob->len,
	    (size_t)s.string_at->len * sizeof(guint32),
	    g_variant_get_size(entities),
	    (size_t)s.claims->len * sizeof(ft__snap_claim),
	    (size_t)s.wide->len * sizeof(gint64),
	    (size_t)s.lists->len * sizeof(guint32)};
	size_t total = 0;
	for (int i = 0; i < FT__SNAP_SECTIONS; i++)
		total = ((total + 7) & ~(size_t)7) + sizes[i];
	if (total > G_MAXUINT - FT__SNAP_HEADER_SIZE) {
		ft__error_set(err, FT_ELIMIT, NULL, "the snapshot would take more than 4 GiB");
		goto cleanup;
	}
	rc = 0;
	out = g_byte_array_sized_new((guint)(FT__SNAP_HEADER_SIZE + total));
	g_byte_array_set_size(out, (guint)(FT__SNAP_HEADER_SIZE + total));
	guint8 *h = out->data;
	memset(out->data, 0, out->len);
	memcpy(h, FT__SNAP_MAGIC, FT__SNAP_MAGIC_SIZE);
	put_u32_le(h + FT__SNAP_AT_VERSION, FT__SNAP_VERSION);
	put_u32_le(h + FT__SNAP_AT_HEADER_SIZE, FT__SNAP_HEADER_SIZE);
	g_strlcpy((char *)h + FT__SNAP_AT_LIBRARY, FT_VERSION_STRING, FT__SNAP_LIBRARY_SIZE);
	h[FT__SNAP_AT_ORDER] = G_BYTE_ORDER == G_LITTLE_ENDIAN ? 'l' : 'B';
	put_u64_le(h + FT__SNAP_AT_PAYLOAD_SIZE, total);
	for (int i = 0; i < 32; i++)
		h[FT__SNAP_AT_CONTENT + i] = (guint8)(g_ascii_xdigit_value(content[2 * i]) << 4 |
		                                      g_ascii_xdigit_value(content[2 * i + 1]));
	size_t at = 0;
	for (int i = 0; i < FT__SNAP_SECTIONS; i++) {
		at = (at + 7) & ~(size_t)7;
		put_u64_le(h + FT__SNAP_AT_SECTIONS + 16 * i, at);
		put_u64_le(h + FT__SNAP_AT_SECTIONS + 16 * i + 8, sizes[i]);
		if (sizes[i])
			memcpy(h + FT__SNAP_HEADER_SIZE + at, data[i], sizes[i]);
		at += sizes[i];
	}
	ft__snapshot_seal(out->data, out->len);

cleanup:
	g_variant_unref(entities);
	g_hash_table_destroy(s.index);
	g_byte_array_free(s.blob, TRUE);
	g_array_free(s.string_at, TRUE);
	g_array_free(s.claims, TRUE);
	g_array_free(s.wide, TRUE);
	g_array_free(s.lists, TRUE);
	*result = out;
	return rc;
}

/* The write function of ft__save_file: the snapshot built, then handed to
 * the file in pieces. */
int ft__write_snapshot(ft__writer *w, const ft_dataset *ds)
{
	GByteArray *bytes;
	int rc = build(ds, &bytes, w->err);
	if (rc)
		return rc;
	for (size_t at = 0; at < bytes->len && !rc;) {
		size_t n = bytes->len - at < FT__FLUSH_SIZE ? bytes->len - at : FT__FLUSH_SIZE;
		g_string_append_len(w->buf, (const char *)bytes->data + at, (gssize)n);
		at += n;
		rc = ft__writer_flush(w, 1);
	}
	g_byte_array_free(bytes, TRUE);
	return rc;
}

int ft_dataset_save_snapshot_file(const ft_dataset *ds, const char *path, ft_error *err)
{
	return ft__save_file(ds, path, ft__write_snapshot, err);
}

void *ft_dataset_save_snapshot_buffer(const ft_dataset *ds, size_t *len, ft_error *err)
{
	ft_error_clear(err);
	if (!ds || !len) {
		ft__error_set(err, FT_EINVAL, NULL, "ft_dataset_save_snapshot_buffer: NULL argument");
		return NULL;
	}
	GByteArray *bytes;
	if (build(ds, &bytes, err))
		return NULL;
	*len = bytes->len;
	return g_byte_array_free(bytes, FALSE);
}
