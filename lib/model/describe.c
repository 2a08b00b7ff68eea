/*
 * Reading an entity back into the description struct it was added from
 * (ft_*_describe): the same fields, with the ids as written, strings and
 * arrays borrowed from the dataset. A caller compiled against an older
 * header has a smaller struct, so only the fields its `version` covers are
 * written.
 */
#include "model/model-private.h"

/*
 * The size of each version of a description, indexed by version: what a
 * caller that set that version has room for. Version 1 is every field there
 * is today; when a version 2 appends fields, version 1's entry becomes the
 * offset of the first of them.
 */
#define SIZES(type)                                                                                          \
	{                                                                                                    \
		0, sizeof(type)                                                                              \
	}
static const size_t info_sizes[FT_DESC_VERSION + 1] = SIZES(ft_dataset_info);
static const size_t actor_sizes[FT_DESC_VERSION + 1] = SIZES(ft_actor_desc);
static const size_t region_sizes[FT_DESC_VERSION + 1] = SIZES(ft_region_desc);
static const size_t unit_sizes[FT_DESC_VERSION + 1] = SIZES(ft_unit_desc);
static const size_t source_sizes[FT_DESC_VERSION + 1] = SIZES(ft_source_desc);
static const size_t claim_sizes[FT_DESC_VERSION + 1] = SIZES(ft_claim_desc);

/*
 * Copies the fields of `full` that `out`'s version covers into `out`,
 * keeping `out`'s version. Returns 0, or FT_EINVAL when `out` is NULL or
 * its version is not one this library knows (then nothing is written), or
 * when the entity was NULL (`out` then holds the defaults).
 */
static int deliver(void *out, const void *full, const size_t *sizes, int have_entity)
{
	if (!out)
		return FT_EINVAL;
	unsigned version;
	memcpy(&version, out, sizeof version);
	if (version == 0 || version > FT_DESC_VERSION)
		return FT_EINVAL;
	memcpy((char *)out + sizeof version, (const char *)full + sizeof version,
	       sizes[version] - sizeof version);
	return have_entity ? 0 : FT_EINVAL;
}

int ft_dataset_describe(const ft_dataset *ds, ft_dataset_info *out)
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
	return deliver(out, &info, info_sizes, ds != NULL);
}

int ft_actor_describe(const ft_actor *a, ft_actor_desc *out)
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
	return deliver(out, &d, actor_sizes, a != NULL);
}

int ft_region_describe(const ft_region *r, ft_region_desc *out)
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
	return deliver(out, &d, region_sizes, r != NULL);
}

int ft_unit_describe(const ft_unit *u, ft_unit_desc *out)
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
	return deliver(out, &d, unit_sizes, u != NULL);
}

int ft_source_describe(const ft_source *s, ft_source_desc *out)
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
	return deliver(out, &d, source_sizes, s != NULL);
}

/* A reference's id, before or after the claim was resolved. */
static const char *claim_ref_id(const ft_claim *c, ft__kind kind, uint32_t ref)
{
	if (!(c->e.flags & FT__CLAIM_REFS))
		return ft__pending_id(ft__owner(c), ref);
	const ft__entity *e = ft__entity_at(ft__owner(c), kind, ref);
	return e ? e->id : NULL;
}

int ft_claim_describe(const ft_claim *c, ft_claim_desc *out)
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
		ft__claim_refs_list via = ft__claim_refs(c, FT__CP_VIA);
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
	return deliver(out, &d, claim_sizes, c != NULL);
}
