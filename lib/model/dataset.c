/*
 * The dataset: it owns every entity and every string, checks each entity
 * against the rules of FORMAT.md sections 3-6 as it is added, and resolves
 * references between entities. Strings are interned per dataset in a
 * GStringChunk; entities and small arrays come from a bump allocator of
 * aligned blocks that is released with the dataset (and through which an
 * entity finds its dataset); ids are indexed per kind in compact
 * open-addressing tables. Claims are many, so they are compact: see
 * struct ft_claim in model/dataset-private.h.
 *
 * Checking is split in two (see model/dataset-private.h): insert checks what an
 * entity says about itself; resolve checks what it says about others.
 */
#include "model/model-private.h"

#include <stdint.h>
#include <string.h>

#include "values/json-check.h"

const char *const ft__kind_plural[FT__KIND_COUNT] = {"actors", "regions", "units", "sources", "claims"};
const char *const ft__kind_singular[FT__KIND_COUNT] = {"actor", "region", "unit", "source", "claim"};

/* ---- the dataset -------------------------------------------------------- */

ft_dataset *ft_dataset_new(void)
{
	ft_dataset *ds = g_new0(ft_dataset, 1);
	ds->strings = g_string_chunk_new(64 * 1024);
	ds->blocks = g_ptr_array_new_with_free_func(free);
	ds->pending = g_ptr_array_new();
	ds->measures = g_ptr_array_new();
	ds->measure_index = g_hash_table_new(g_str_hash, g_str_equal);
	/* The default first, so that a zeroed claim has it. */
	ft__dataset_measure_index(ds, FT_MEASURE_DEFAULT);
	for (int k = 0; k < FT__KIND_COUNT; k++) {
		ds->tables[k].items = g_ptr_array_new();
		ft__ids_alloc(&ds->tables[k], 16);
	}
	ft__dataset_index_init(ds);
	return ds;
}

void ft_dataset_free(ft_dataset *ds)
{
	if (!ds)
		return;
	ft__dataset_index_free(ds);
	for (int k = 0; k < FT__KIND_COUNT; k++) {
		g_ptr_array_free(ds->tables[k].items, TRUE);
		g_free(ds->tables[k].tags);
		g_free(ds->tables[k].pos1);
	}
	g_ptr_array_free(ds->blocks, TRUE);
	g_ptr_array_free(ds->pending, TRUE);
	g_ptr_array_free(ds->measures, TRUE);
	g_hash_table_destroy(ds->measure_index);
	g_string_chunk_free(ds->strings);
	g_free(ds);
}

void ft__dataset_set_info(ft_dataset *ds, const ft_dataset_info *info, ft__errlist *errs)
{
	/* Problems are reported under "dataset.<field>" (and "x-..." at the top). */
	char path[FT_ERROR_PATH_SIZE];
	const ft_time *times[2] = {&info->created, &info->updated};
	const char *names[2] = {"created", "updated"};
	for (int i = 0; i < 2; i++) {
		if (times[i]->precision > FT_PRECISION_SECOND || times[i]->frac_digits > 6) {
			g_snprintf(path, sizeof path, "dataset.%s", names[i]);
			ft__errlist_addf(errs, FT_EFORMAT, path, "malformed time value");
		}
	}
	for (size_t i = 0; i < info->n_authors; i++) {
		if (!info->authors || !info->authors[i]) {
			g_snprintf(path, sizeof path, "dataset.authors[%zu]", i);
			ft__errlist_addf(errs, FT_EINVAL, path, "NULL string in a list");
		}
	}
	const ft_extension *lists[2] = {info->extensions, info->document_extensions};
	size_t counts[2] = {info->n_extensions, info->n_document_extensions};
	for (int l = 0; l < 2; l++) {
		for (size_t i = 0; i < counts[l]; i++) {
			const ft_extension *x = &lists[l][i];
			if (!x->key || !x->json || strncmp(x->key, "x-", 2) != 0) {
				g_snprintf(path, sizeof path, "%s%s", l == 0 ? "dataset." : "",
				           x->key ? x->key : "(null)");
				ft__errlist_addf(errs, FT_EFORMAT, path,
				                 "an extension key must begin with \"x-\"");
			}
		}
	}
	if (errs->count)
		return;
	ds->info_id = ft__dataset_intern(ds, info->id);
	ds->title = ft__dataset_intern(ds, info->title);
	ds->description = ft__dataset_intern(ds, info->description);
	ds->license = ft__dataset_intern(ds, info->license);
	ds->created = info->created;
	ds->updated = info->updated;
	ds->authors = ft__dataset_copy_strings(ds, info->authors, info->n_authors);
	ds->info_ext = ft__dataset_copy_exts(ds, info->extensions, info->n_extensions);
	ds->doc_ext = ft__dataset_copy_exts(ds, info->document_extensions, info->n_document_extensions);
}

int ft_dataset_set_info(ft_dataset *ds, const ft_dataset_info *info, ft_error *err)
{
	ft_error_clear(err);
	if (!ds || !info || info->version == 0 || info->version > FT_DESC_VERSION)
		return ft__error_set(err, FT_EINVAL, NULL,
		                     "ft_dataset_set_info: NULL argument or unknown version");
	if (ft__check_ext_json(info->extensions, info->n_extensions, err) ||
	    ft__check_ext_json(info->document_extensions, info->n_document_extensions, err))
		return FT_EFORMAT;
	ft__errlist errs;
	ft__errlist_init(&errs, NULL);
	ft__dataset_set_info(ds, info, &errs);
	ft__errlist_copy_first(&errs, err);
	return ft__errlist_code(&errs);
}

void ft_dataset_describe(const ft_dataset *ds, ft_dataset_info *out)
{
	ft_dataset_info info = FT_DATASET_INFO_INIT;
	if (ds) {
		info.id = ds->info_id;
		info.title = ds->title;
		info.description = ds->description;
		info.license = ds->license;
		info.created = ds->created;
		info.updated = ds->updated;
		info.authors = ds->authors.items;
		info.n_authors = ds->authors.n;
		info.extensions = ds->info_ext.items;
		info.n_extensions = ds->info_ext.n;
		info.document_extensions = ds->doc_ext.items;
		info.n_document_extensions = ds->doc_ext.n;
	}
	*out = info;
}

/* ---- public add ---------------------------------------------------------- */

static const void *add_entity(ft_dataset *ds, ft__kind kind, const void *desc, ft_error *err)
{
	ft_error_clear(err);
	if (!ds || !desc) {
		ft__error_set(err, FT_EINVAL, NULL, "NULL dataset or description");
		return NULL;
	}
	if (ft__check_api(kind, desc, err) != 0)
		return NULL;
	ft__errlist errs;
	ft__errlist_init(&errs, NULL);
	uint32_t src = (uint32_t)ds->tables[kind].items->len;
	ft__entity *e = ft__dataset_add_one(ds, kind, desc, src, &errs);
	if (!e)
		ft__errlist_copy_first(&errs, err);
	return e;
}

ft__entity *ft__dataset_add_one(ft_dataset *ds, ft__kind kind, const void *desc, uint32_t src,
                                ft__errlist *errs)
{
	size_t before = errs->count;
	guint pending = ds->pending->len;
	ft__entity *e = ft__dataset_insert(ds, kind, desc, src, errs);
	if (e && errs->count == before)
		ft__resolve_entity(ds, e, errs);
	if (e && errs->count == before && kind == FT__CLAIM)
		ft__check_claim_unit((ft_claim *)e, errs);
	/* An entity added alone can only loop onto itself: its parent had to
	 * exist before it, and nothing existing can name it yet. */
	if (e && errs->count == before && ft__parent_of(e) == e) {
		ft__check_ctx c = {errs, kind, src};
		ft__problem(&c, FT_ELOOP, "parent", -1, "parent chain loops: %s -> %s", e->id, e->id);
	}
	/* Resolved or refused, the entity needs no pending ids any more. */
	g_ptr_array_set_size(ds->pending, (gint)pending);
	if (errs->count != before) {
		if (e)
			ft__dataset_unstore_last(ds, kind);
		return NULL;
	}
	ft__index_entity(ds, e);
	return e;
}

const ft_actor *ft_dataset_add_actor(ft_dataset *ds, const ft_actor_desc *desc, ft_error *err)
{
	return add_entity(ds, FT__ACTOR, desc, err);
}

const ft_region *ft_dataset_add_region(ft_dataset *ds, const ft_region_desc *desc, ft_error *err)
{
	return add_entity(ds, FT__REGION, desc, err);
}

const ft_unit *ft_dataset_add_unit(ft_dataset *ds, const ft_unit_desc *desc, ft_error *err)
{
	return add_entity(ds, FT__UNIT, desc, err);
}

const ft_source *ft_dataset_add_source(ft_dataset *ds, const ft_source_desc *desc, ft_error *err)
{
	return add_entity(ds, FT__SOURCE, desc, err);
}

const ft_claim *ft_dataset_add_claim(ft_dataset *ds, const ft_claim_desc *desc, ft_error *err)
{
	return add_entity(ds, FT__CLAIM, desc, err);
}

/* ---- iteration and look-up ------------------------------------------------ */

static size_t count_of(const ft_dataset *ds, ft__kind kind)
{
	return ds ? ds->tables[kind].items->len : 0;
}

static const void *item_at(const ft_dataset *ds, ft__kind kind, size_t i)
{
	if (!ds || i >= ds->tables[kind].items->len)
		return NULL;
	return g_ptr_array_index(ds->tables[kind].items, i);
}

static const void *find(const ft_dataset *ds, ft__kind kind, const char *id)
{
	return ds ? ft__dataset_lookup(ds, kind, id) : NULL;
}

size_t ft_dataset_actor_count(const ft_dataset *ds)
{
	return count_of(ds, FT__ACTOR);
}
size_t ft_dataset_region_count(const ft_dataset *ds)
{
	return count_of(ds, FT__REGION);
}
size_t ft_dataset_unit_count(const ft_dataset *ds)
{
	return count_of(ds, FT__UNIT);
}
size_t ft_dataset_source_count(const ft_dataset *ds)
{
	return count_of(ds, FT__SOURCE);
}
size_t ft_dataset_claim_count(const ft_dataset *ds)
{
	return count_of(ds, FT__CLAIM);
}
const ft_actor *ft_dataset_actor_at(const ft_dataset *ds, size_t i)
{
	return item_at(ds, FT__ACTOR, i);
}
const ft_region *ft_dataset_region_at(const ft_dataset *ds, size_t i)
{
	return item_at(ds, FT__REGION, i);
}
const ft_unit *ft_dataset_unit_at(const ft_dataset *ds, size_t i)
{
	return item_at(ds, FT__UNIT, i);
}
const ft_source *ft_dataset_source_at(const ft_dataset *ds, size_t i)
{
	return item_at(ds, FT__SOURCE, i);
}
const ft_claim *ft_dataset_claim_at(const ft_dataset *ds, size_t i)
{
	return item_at(ds, FT__CLAIM, i);
}
const ft_actor *ft_dataset_find_actor(const ft_dataset *ds, const char *id)
{
	return find(ds, FT__ACTOR, id);
}
const ft_region *ft_dataset_find_region(const ft_dataset *ds, const char *id)
{
	return find(ds, FT__REGION, id);
}
const ft_unit *ft_dataset_find_unit(const ft_dataset *ds, const char *id)
{
	return find(ds, FT__UNIT, id);
}
const ft_source *ft_dataset_find_source(const ft_dataset *ds, const char *id)
{
	return find(ds, FT__SOURCE, id);
}
const ft_claim *ft_dataset_find_claim(const ft_dataset *ds, const char *id)
{
	return find(ds, FT__CLAIM, id);
}

/* ---- describe ---------------------------------------------------------------- */

void ft_actor_describe(const ft_actor *a, ft_actor_desc *out)
{
	ft_actor_desc d = FT_ACTOR_DESC_INIT;
	if (a) {
		d.id = a->e.id;
		d.name = a->name;
		d.kind = a->kind;
		d.code = a->code;
		d.aliases = a->aliases.items;
		d.n_aliases = a->aliases.n;
		d.parent = a->parent_id;
		d.members = a->members.ids;
		d.n_members = a->members.n;
		d.opposes = a->opposes.ids;
		d.n_opposes = a->opposes.n;
		d.extensions = a->ext.items;
		d.n_extensions = a->ext.n;
	}
	*out = d;
}

void ft_region_describe(const ft_region *r, ft_region_desc *out)
{
	ft_region_desc d = FT_REGION_DESC_INIT;
	if (r) {
		d.id = r->e.id;
		d.name = r->name;
		d.kind = r->kind;
		d.code = r->code;
		d.parent = r->parent_id;
		d.borders = r->borders.ids;
		d.n_borders = r->borders.n;
		d.geometry = r->geometry;
		d.extensions = r->ext.items;
		d.n_extensions = r->ext.n;
	}
	*out = d;
}

void ft_unit_describe(const ft_unit *u, ft_unit_desc *out)
{
	ft_unit_desc d = FT_UNIT_DESC_INIT;
	if (u) {
		d.id = u->e.id;
		d.name = u->name;
		d.actor = u->actor_id;
		d.echelon = u->echelon;
		d.type = u->type;
		d.parent = u->parent_id;
		d.has_strength = u->has_strength;
		d.strength = u->strength;
		d.garrison = u->garrison_id;
		d.sidc = u->sidc;
		d.extensions = u->ext.items;
		d.n_extensions = u->ext.n;
	}
	*out = d;
}

void ft_source_describe(const ft_source *s, ft_source_desc *out)
{
	ft_source_desc d = FT_SOURCE_DESC_INIT;
	if (s) {
		d.id = s->e.id;
		d.name = s->name;
		d.kind = s->kind;
		d.actor = s->actor_id;
		d.parent = s->parent_id;
		d.reliability = s->reliability;
		d.url = s->url;
		d.extensions = s->ext.items;
		d.n_extensions = s->ext.n;
	}
	*out = d;
}

/* A reference's id, before or after the claim was resolved. */
static const char *claim_ref_id(const ft_claim *c, ft__kind kind, uint32_t ref)
{
	if (!(c->e.flags & FT__CLAIM_REFS))
		return ft__pending_id(ft__owner(c), ref);
	const ft__entity *e = ft__entity_at(ft__owner(c), kind, ref);
	return e ? e->id : NULL;
}

void ft_claim_describe(const ft_claim *c, ft_claim_desc *out)
{
	ft_claim_desc d = FT_CLAIM_DESC_INIT;
	if (c) {
		d.id = c->e.id;
		d.source = claim_ref_id(c, FT__SOURCE, c->source);
		d.subject = claim_ref_id(c, FT__ACTOR, c->subject);
		d.region = claim_ref_id(c, FT__REGION, c->region);
		d.measure = ft__claim_measure(c);
		d.quantity = ft_claim_quantity(c);
		d.kind = (ft_claim_kind)c->e.claim_kind;
		d.observed_form = (ft_observed_form)c->e.observed_form;
		if (c->e.observed_form != FT_OBSERVED_NONE)
			d.observed = ft_claim_observed(c);
		d.reported = ft__claim_time(c, FT__CP_REPORTED);
		d.credibility = c->e.credibility;
		d.quote = ft__claim_string(c, FT__CP_QUOTE);
		const char *unit = ft__claim_string(c, FT__CP_UNIT);
		d.unit = unit && (c->e.flags & FT__CLAIM_RESOLVED)
		             ? ((const ft_unit *)(const void *)unit)->e.id
		             : unit;
		ft__claim_via_list via = ft__claim_via(c);
		d.via = via.ids;
		d.n_via = via.n;
		ft__strings sup = ft__claim_strings(c, FT__CP_SUPERSEDES),
		            dis = ft__claim_strings(c, FT__CP_DISPUTES),
		            tags = ft__claim_strings(c, FT__CP_TAGS);
		d.supersedes = sup.items;
		d.n_supersedes = sup.n;
		d.disputes = dis.items;
		d.n_disputes = dis.n;
		d.retracted = ft__claim_time(c, FT__CP_RETRACTED);
		d.url = ft__claim_string(c, FT__CP_URL);
		d.note = ft__claim_string(c, FT__CP_NOTE);
		d.tags = tags.items;
		d.n_tags = tags.n;
		const ft__exts *ext = ft__claim_exts(c, FT__CP_EXT),
		               *oext = ft__claim_exts(c, FT__CP_OBSERVED_EXT);
		if (ext) {
			d.extensions = ext->items;
			d.n_extensions = ext->n;
		}
		if (oext) {
			d.observed_extensions = oext->items;
			d.n_observed_extensions = oext->n;
		}
	}
	*out = d;
}

/* ---- getters ------------------------------------------------------------------- */

const char *ft_actor_id(const ft_actor *a)
{
	return a ? a->e.id : NULL;
}
const char *ft_actor_name(const ft_actor *a)
{
	return a ? a->name : NULL;
}
const ft_actor *ft_actor_parent(const ft_actor *a)
{
	return a ? a->parent : NULL;
}

int ft_actor_is_within(const ft_actor *a, const ft_actor *ancestor)
{
	for (; a && ancestor; a = a->parent)
		if (a == ancestor)
			return 1;
	return 0;
}

static int declares_opposition(const ft_actor *a, const ft_actor *b)
{
	for (size_t i = 0; i < a->opposes.n; i++)
		if (a->opposes.ptrs[i] == b)
			return 1;
	return 0;
}

int ft_actor_opposes(const ft_actor *a, const ft_actor *b)
{
	/* The relation is symmetric and holds for child actors: look at every
	 * pair of (a or an ancestor of a, b or an ancestor of b). */
	for (const ft_actor *x = a; x; x = x->parent)
		for (const ft_actor *y = b; y; y = y->parent)
			if (declares_opposition(x, y) || declares_opposition(y, x))
				return 1;
	return 0;
}

const char *ft_region_id(const ft_region *r)
{
	return r ? r->e.id : NULL;
}
const char *ft_region_name(const ft_region *r)
{
	return r ? r->name : NULL;
}
const ft_region *ft_region_parent(const ft_region *r)
{
	return r ? r->parent : NULL;
}

int ft_region_is_within(const ft_region *r, const ft_region *ancestor)
{
	for (; r && ancestor; r = r->parent)
		if (r == ancestor)
			return 1;
	return 0;
}

const char *ft_unit_id(const ft_unit *u)
{
	return u ? u->e.id : NULL;
}
const char *ft_unit_name(const ft_unit *u)
{
	return u ? u->name : NULL;
}
const ft_actor *ft_unit_actor(const ft_unit *u)
{
	return u ? u->actor : NULL;
}
const ft_unit *ft_unit_parent(const ft_unit *u)
{
	return u ? u->parent : NULL;
}

const char *ft_source_id(const ft_source *s)
{
	return s ? s->e.id : NULL;
}
const char *ft_source_name(const ft_source *s)
{
	return s ? s->name : NULL;
}
const ft_actor *ft_source_actor(const ft_source *s)
{
	return s ? s->actor : NULL;
}
const ft_source *ft_source_parent(const ft_source *s)
{
	return s ? s->parent : NULL;
}
ft_reliability ft_source_reliability(const ft_source *s)
{
	return s ? s->reliability : FT_RELIABILITY_F;
}

const ft_source *ft_source_root(const ft_source *s)
{
	while (s && s->parent)
		s = s->parent;
	return s;
}

const char *ft_claim_id(const ft_claim *c)
{
	return c ? c->e.id : NULL;
}
static int claim_resolved(const ft_claim *c)
{
	return c && (c->e.flags & FT__CLAIM_RESOLVED);
}

static int claim_refs(const ft_claim *c)
{
	return c && (c->e.flags & FT__CLAIM_REFS);
}

const ft_source *ft_claim_source(const ft_claim *c)
{
	return claim_refs(c) ? ft__entity_at(ft__owner(c), FT__SOURCE, c->source) : NULL;
}

const ft_actor *ft_claim_subject(const ft_claim *c)
{
	return claim_refs(c) ? ft__entity_at(ft__owner(c), FT__ACTOR, c->subject) : NULL;
}

const ft_region *ft_claim_region(const ft_claim *c)
{
	return claim_refs(c) ? ft__entity_at(ft__owner(c), FT__REGION, c->region) : NULL;
}

const ft_unit *ft_claim_unit(const ft_claim *c)
{
	return claim_resolved(c) ? (const ft_unit *)(const void *)ft__claim_string(c, FT__CP_UNIT) : NULL;
}

const char *ft_claim_measure(const ft_claim *c)
{
	return c ? ft__claim_measure(c) : NULL;
}
ft_claim_kind ft_claim_kind_of(const ft_claim *c)
{
	return c ? (ft_claim_kind)c->e.claim_kind : FT_CLAIM_OBSERVATION;
}
int ft_claim_credibility(const ft_claim *c)
{
	return c ? c->e.credibility : FT_CREDIBILITY_DEFAULT;
}
const char *ft_claim_quote(const ft_claim *c)
{
	return c ? ft__claim_string(c, FT__CP_QUOTE) : NULL;
}
size_t ft_claim_via_count(const ft_claim *c)
{
	return c ? ft__claim_via(c).n : 0;
}

ft_quantity ft_claim_quantity(const ft_claim *c)
{
	ft_quantity q = {FT_QUALIFIER_NONE, 0, 0, 0, 0};
	if (c) {
		q.qualifier = c->e.qualifier;
		q.has_value = (c->e.flags & FT__CLAIM_HAS_VALUE) != 0;
		q.value = c->value;
		if (c->e.flags & FT__CLAIM_BIG)
			memcpy(&q.value, c->tail, 8);
		const uint64_t *range = ft__claim_part_at(c, FT__CP_RANGE);
		if (range) {
			q.low = range[0];
			q.high = range[1];
		}
	}
	return q;
}

ft_time ft_claim_reported(const ft_claim *c)
{
	ft_time none = {0, 0, 0, 0, 0};
	return c ? ft__claim_time(c, FT__CP_REPORTED) : none;
}

ft_interval ft_claim_observed(const ft_claim *c)
{
	ft_interval iv = {{0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}};
	if (!c)
		return iv;
	switch (c->e.observed_form) {
	case FT_OBSERVED_NONE: iv.from = iv.to = ft__claim_time(c, FT__CP_REPORTED); break;
	case FT_OBSERVED_TIME: iv.from = iv.to = ft__claim_time(c, FT__CP_OBSERVED_FROM); break;
	default:
		iv.from = ft__claim_time(c, FT__CP_OBSERVED_FROM);
		iv.to = ft__claim_time(c, FT__CP_OBSERVED_TO);
	}
	return iv;
}

const ft_source *ft_claim_via_at(const ft_claim *c, size_t i)
{
	if (!claim_resolved(c))
		return NULL;
	ft__claim_via_list via = ft__claim_via(c);
	return i < via.n ? ft__entity_at(ft__owner(c), FT__SOURCE, via.pos[i]) : NULL;
}
