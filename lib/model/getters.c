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
