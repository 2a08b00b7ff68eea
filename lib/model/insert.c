/*
 * Storing an entity: its id checked and taken, its own fields checked
 * (check.c) and copied into the dataset, its references kept as ids until
 * resolve.c turns them into entities. A claim is stored by claims.c.
 */
#include "model/model-private.h"

static const size_t entity_size[FT__KIND_COUNT] = {
    sizeof(struct ft_actor),  sizeof(struct ft_region), sizeof(struct ft_unit),
    sizeof(struct ft_source), sizeof(struct ft_claim),
};

/* Allocates an entity of `size` bytes (zeroed) with the id given (of
 * `id_len` bytes, -1: measured), which
 * check_new_id has accepted. */
ft__entity *ft__entity_alloc(ft_dataset *ds, const ft__check_ctx *c, const char *id, gssize id_len,
                             size_t size)
{
	ft__entity *e = ft__dataset_alloc(ds, size); /* zeroed */
	/* Claim ids are unique and many: copied, not interned (interning keeps a
	 * hash entry per string). */
	e->id = c->kind == FT__CLAIM ? g_string_chunk_insert_len(ds->strings, id, id_len)
	                             : ft__dataset_intern(ds, id);
	e->src = c->src;
	e->kind = (uint8_t)c->kind;
	return e;
}

/* Allocates an entity of its kind's fixed size with the id checked and
 * free; NULL (with the problem recorded) when the id is invalid or taken. */
static ft__entity *new_entity(ft_dataset *ds, const ft__check_ctx *c, const char *id)
{
	if (ft__check_new_id(ds, c, id) != 0)
		return NULL;
	return ft__entity_alloc(ds, c, id, -1, entity_size[c->kind]);
}

static ft__entity *insert_actor(ft_dataset *ds, const ft__check_ctx *c, const ft_actor_desc *d)
{
	ft_actor *a = (ft_actor *)new_entity(ds, c, d->id);
	if (!a)
		return NULL;
	ft__check_actor(c, d);

	a->name = ft__dataset_intern(ds, d->name);
	a->code = ft__dataset_intern(ds, d->code);
	a->kind = d->kind;
	a->aliases = ft__dataset_copy_strings(ds, d->aliases, d->n_aliases);
	a->parent_id = ft__dataset_intern(ds, d->parent);
	a->members = ft__dataset_copy_refs(ds, d->members, d->n_members);
	a->opposes = ft__dataset_copy_refs(ds, d->opposes, d->n_opposes);
	a->ext = ft__dataset_copy_exts(ds, d->extensions, d->n_extensions);
	return &a->e;
}

static ft__entity *insert_region(ft_dataset *ds, const ft__check_ctx *c, const ft_region_desc *d)
{
	ft_region *r = (ft_region *)new_entity(ds, c, d->id);
	if (!r)
		return NULL;
	ft__check_region(c, d);

	r->name = ft__dataset_intern(ds, d->name);
	r->code = ft__dataset_intern(ds, d->code);
	r->kind = d->kind;
	r->parent_id = ft__dataset_intern(ds, d->parent);
	r->borders = ft__dataset_copy_refs(ds, d->borders, d->n_borders);
	r->geometry = d->geometry ? g_string_chunk_insert(ds->strings, d->geometry) : NULL;
	r->ext = ft__dataset_copy_exts(ds, d->extensions, d->n_extensions);
	return &r->e;
}

static ft__entity *insert_unit(ft_dataset *ds, const ft__check_ctx *c, const ft_unit_desc *d)
{
	ft_unit *u = (ft_unit *)new_entity(ds, c, d->id);
	if (!u)
		return NULL;
	ft__check_unit(c, d);

	u->name = ft__dataset_intern(ds, d->name);
	u->actor_id = ft__dataset_intern(ds, d->actor);
	u->echelon = d->echelon;
	u->type = ft__dataset_intern(ds, d->type);
	u->parent_id = ft__dataset_intern(ds, d->parent);
	u->has_strength = d->has_strength != 0;
	u->strength = d->strength;
	u->garrison_id = ft__dataset_intern(ds, d->garrison);
	u->sidc = ft__dataset_intern(ds, d->sidc);
	u->ext = ft__dataset_copy_exts(ds, d->extensions, d->n_extensions);
	return &u->e;
}

static ft__entity *insert_source(ft_dataset *ds, const ft__check_ctx *c, const ft_source_desc *d)
{
	ft_source *s = (ft_source *)new_entity(ds, c, d->id);
	if (!s)
		return NULL;
	ft__check_source(c, d);

	s->name = ft__dataset_intern(ds, d->name);
	s->kind = d->kind;
	s->actor_id = ft__dataset_intern(ds, d->actor);
	s->parent_id = ft__dataset_intern(ds, d->parent);
	s->reliability = d->reliability ? d->reliability : FT_RELIABILITY_F;
	s->url = ft__dataset_intern(ds, d->url);
	s->ext = ft__dataset_copy_exts(ds, d->extensions, d->n_extensions);
	return &s->e;
}

ft__entity *ft__dataset_insert(ft_dataset *ds, ft__kind kind, const void *desc, uint32_t src,
                               ft__errlist *errs)
{
	ft__check_ctx c = {errs, kind, src};
	ft__entity *e = NULL;
	switch (kind) {
	case FT__ACTOR: e = insert_actor(ds, &c, desc); break;
	case FT__REGION: e = insert_region(ds, &c, desc); break;
	case FT__UNIT: e = insert_unit(ds, &c, desc); break;
	case FT__SOURCE: e = insert_source(ds, &c, desc); break;
	case FT__CLAIM: e = ft__insert_claim(ds, &c, desc, NULL); break;
	default: g_assert_not_reached();
	}
	if (e)
		ft__dataset_store(ds, e);
	return e;
}

ft__entity *ft__dataset_insert_claim_at(ft_dataset *ds, const ft_claim_desc *desc, uint32_t src,
                                        const ft__claim_given *at, ft__errlist *errs)
{
	ft__check_ctx c = {errs, FT__CLAIM, src};
	ft__entity *e = ft__insert_claim(ds, &c, desc, at);
	if (e)
		ft__dataset_store(ds, e);
	return e;
}

void ft__dataset_reserve(ft_dataset *ds, ft__kind kind, const char *id, uint32_t src, ft__errlist *errs)
{
	/* The id's own problems were reported by the reader already. */
	if (!id || !ft_id_is_valid(id))
		return;
	ft__check_ctx c = {errs, kind, src};
	ft__entity *e = new_entity(ds, &c, id);
	if (!e)
		return;
	e->flags |= FT__FLAWED;
	ft__dataset_store(ds, e);
}
