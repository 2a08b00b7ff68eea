/*
 * The entities' getters: the fields estimates and reports read most, one
 * call each, NULL-safe, and the relations between entities (within,
 * opposes, a source's root).
 */
#include "model/model-private.h"

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
	return a && ancestor && ft__tree_within(&a->e, &ancestor->e);
}

static int declares_opposition(const ft_actor *a, const ft_actor *b)
{
	for (size_t i = 0; i < a->opposes.n; i++)
		if (a->opposes.ptrs[i] == b)
			return 1;
	return 0;
}

/* Does one of the actors of `chain` (a chain of ancestors) declare that it
 * opposes an actor of `others`? */
static int chain_opposes(const GPtrArray *chain, GHashTable *others)
{
	for (guint i = 0; i < chain->len; i++) {
		const ft_actor *x = g_ptr_array_index(chain, i);
		for (size_t k = 0; k < x->opposes.n; k++)
			if (g_hash_table_contains(others, x->opposes.ptrs[k]))
				return 1;
	}
	return 0;
}

/* `a` and the actors above it, as a list and as a set. */
static void ancestors(const ft_actor *a, GPtrArray *list, GHashTable *set)
{
	for (; a; a = a->parent) {
		g_ptr_array_add(list, (gpointer)(uintptr_t)a);
		g_hash_table_add(set, (gpointer)(uintptr_t)a);
	}
}

int ft_actor_opposes(const ft_actor *a, const ft_actor *b)
{
	/* The relation is symmetric and holds for child actors: some actor
	 * at or above a opposes one at or above b, or the other way round.
	 * Each chain is walked once, and each declaration looked up in the
	 * other chain's set, instead of trying every pair of the two chains. */
	if (!a || !b)
		return 0;
	if (a->tree.placed && b->tree.placed && (a->tree.depth + 1) * (b->tree.depth + 1) <= 64) {
		/* Short chains, the common case: every pair, without allocating. */
		for (const ft_actor *x = a; x; x = x->parent)
			for (const ft_actor *y = b; y; y = y->parent)
				if (declares_opposition(x, y) || declares_opposition(y, x))
					return 1;
		return 0;
	}
	GPtrArray *la = g_ptr_array_new(), *lb = g_ptr_array_new();
	GHashTable *sa = g_hash_table_new(g_direct_hash, g_direct_equal);
	GHashTable *sb = g_hash_table_new(g_direct_hash, g_direct_equal);
	ancestors(a, la, sa);
	ancestors(b, lb, sb);
	int r = chain_opposes(la, sb) || chain_opposes(lb, sa);
	g_ptr_array_free(la, TRUE);
	g_ptr_array_free(lb, TRUE);
	g_hash_table_destroy(sa);
	g_hash_table_destroy(sb);
	return r;
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
	return r && ancestor && ft__tree_within(&r->e, &ancestor->e);
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
	if (s && s->tree.placed)
		return s->root;
	while (s && s->parent) /* before the dataset is indexed */
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
	return c ? ft__claim_refs(c, FT__CP_VIA).n : 0;
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
	ft__claim_refs_list via = ft__claim_refs(c, FT__CP_VIA);
	return i < via.n ? ft__entity_at(ft__owner(c), FT__SOURCE, via.pos[i]) : NULL;
}

int ft__dataset_owns(const ft_dataset *ds, const void *entity)
{
	return entity && ft__owner(entity) == ds;
}
