/*
 * Roll-ups (docs/estimation.md, section 7): the nodes of an estimation,
 * (actor, region) pairs, and the totals over the actor and region trees.
 * Each claim counts at its own node; a node's total is, for best, low and
 * high each, the largest of its own figure, the sum of its sub-regions'
 * totals and the sum of its child actors' totals, so a total is never
 * less than its parts and no claim is counted twice. A node whose own
 * claims say less than its parts add up to is inconsistent. The parts an
 * estimate lists are the nodes that took part, in dataset order.
 */
#include <stdlib.h>

#include "estimate/estimate-private.h"

static guint node_hash(gconstpointer p)
{
	const ft__node_key *k = p;
	return g_direct_hash(k->actor) * 31u + g_direct_hash(k->region);
}

static gboolean node_equal(gconstpointer a, gconstpointer b)
{
	const ft__node_key *x = a, *y = b;
	return x->actor == y->actor && x->region == y->region;
}

static void node_free(gpointer p)
{
	ft__node *n = p;
	g_ptr_array_free(n->running, TRUE);
	g_ptr_array_free(n->counted, TRUE);
	g_free(n);
}

/* The nodes of one evaluation: ft__node_key -> ft__node *, keys in the
 * nodes. */
GHashTable *ft__nodes_new(void)
{
	return g_hash_table_new_full(node_hash, node_equal, NULL, node_free);
}

ft__node *ft__node_get(ft__est *e, const ft_actor *a, const ft_region *r, int create)
{
	ft__node_key k = {a, r};
	ft__node *n = g_hash_table_lookup(e->nodes, &k);
	if (n || !create)
		return n;
	n = g_new0(ft__node, 1);
	n->key.actor = a;
	n->key.region = r;
	n->running = g_ptr_array_new();
	n->counted = g_ptr_array_new();
	g_hash_table_insert(e->nodes, &n->key, n);
	return n;
}

/* Adds a part to a sum: open below only when every term is, open above
 * or not credible when any term is. Figures are below 2^53 and a sum of
 * parts stays far from overflow unless there are billions of them; the
 * sum saturates rather than wrap. */
static void add_fig(ft__fig *sum, const ft__fig *part)
{
	if (!part->has)
		return;
	sum->open_below = sum->has ? sum->open_below && part->open_below : part->open_below;
	sum->best = sum->best + part->best < sum->best ? UINT64_MAX : sum->best + part->best;
	sum->low = sum->low + part->low < sum->low ? UINT64_MAX : sum->low + part->low;
	sum->high = sum->high + part->high < sum->high ? UINT64_MAX : sum->high + part->high;
	sum->open_above |= part->open_above;
	sum->not_credible |= part->not_credible;
	sum->has = 1;
}

/* The larger-of rule: each figure from whichever is larger, with its
 * flag (not credible with best, open below with low, open above with
 * high); on a tie the one taken first keeps it (own, then the region
 * parts, then the actor parts). */
static void take_larger(ft__fig *total, const ft__fig *f)
{
	if (!f->has)
		return;
	if (!total->has) {
		*total = *f;
		return;
	}
	if (f->best > total->best) {
		total->best = f->best;
		total->not_credible = f->not_credible;
	}
	if (f->low > total->low) {
		total->low = f->low;
		total->open_below = f->open_below;
	}
	if (f->high > total->high) {
		total->high = f->high;
		total->open_above = f->open_above;
	}
}

static ft__fig total_of(ft__est *e, const ft_actor *a, const ft_region *r)
{
	ft__node *n = ft__node_get(e, a, r, 0);
	ft__fig none = {0, 0, 0, 0, 0, 0, 0};
	return n && n->relevant ? ft__node_total(e, n) : none;
}

ft__fig ft__node_total(ft__est *e, ft__node *n)
{
	if (n->done)
		return n->total;
	n->done = 1;
	ft__fig region_parts = {0, 0, 0, 0, 0, 0, 0}, actor_parts = {0, 0, 0, 0, 0, 0, 0};
	if (!e->o.no_rollup) {
		const GPtrArray *rc = ft__region_children(n->key.region);
		for (guint i = 0; rc && i < rc->len; i++) {
			ft__fig t = total_of(e, n->key.actor, g_ptr_array_index(rc, i));
			add_fig(&region_parts, &t);
		}
		const GPtrArray *ac = ft__actor_children(n->key.actor);
		for (guint i = 0; ac && i < ac->len; i++) {
			ft__fig t = total_of(e, g_ptr_array_index(ac, i), n->key.region);
			add_fig(&actor_parts, &t);
		}
	}
	ft__fig total = {0, 0, 0, 0, 0, 0, 0};
	take_larger(&total, &n->own);
	take_larger(&total, &region_parts);
	take_larger(&total, &actor_parts);
	if (total.has) {
		if (total.low > total.best)
			total.low = total.best;
		if (total.high < total.best)
			total.high = total.best;
	}
	if (n->own.has && !n->own.open_above &&
	    ((region_parts.has && n->own.high < region_parts.low) ||
	     (actor_parts.has && n->own.high < actor_parts.low)))
		n->inconsistent = 1;
	n->total = total;
	return total;
}

/* Marks the node of a counted claim and every node above it, up to the
 * asked-for pair, as relevant to the roll-up. */
void ft__mark_relevant(ft__est *e, const ft__node *n)
{
	for (const ft_actor *a = n->key.actor; a; a = ft_actor_parent(a)) {
		for (const ft_region *r = n->key.region; r; r = ft_region_parent(r)) {
			ft__node_get(e, a, r, 1)->relevant = 1;
			if (r == e->region)
				break;
		}
		if (a == e->actor)
			break;
	}
}

static ft_estimate_part part_of(const ft_actor *a, const ft_region *r, const ft__fig *own,
                                const ft__fig *total, int inconsistent)
{
	ft_estimate_part p;
	memset(&p, 0, sizeof p);
	p.actor = a;
	p.region = r;
	p.has_own = own->has;
	p.own_best = own->best;
	p.own_low = own->low;
	p.own_high = own->high;
	p.own_open_below = own->open_below;
	p.own_open_above = own->open_above;
	p.own_not_credible = own->not_credible;
	p.has_total = total->has;
	p.best = total->best;
	p.low = total->low;
	p.high = total->high;
	p.open_below = total->open_below;
	p.open_above = total->open_above;
	p.not_credible = total->not_credible;
	p.inconsistent = inconsistent;
	return p;
}

/* By actor, then region, each in dataset order. */
static int compare_parts(const void *a, const void *b)
{
	const ft_estimate_part *x = a, *y = b;
	int c = ft__compare_pos(x->actor->e.pos, y->actor->e.pos);
	return c ? c : ft__compare_pos(x->region->e.pos, y->region->e.pos);
}

/* The parts of an estimate (ft_estimate_part, estimate.h): the asked-for
 * pair first, then every relevant node in dataset order; `inconsistent`
 * is set when any of them is. */
GArray *ft__rollup_parts(ft__est *e, ft__node *top, const ft__fig *total, const GPtrArray *counted_nodes,
                         int *inconsistent)
{
	/* Parts: the asked-for pair first, then every relevant node. */
	GArray *parts = g_array_new(FALSE, TRUE, sizeof(ft_estimate_part));
	ft_estimate_part p0 = part_of(e->actor, e->region, &top->own, total, top->inconsistent);
	g_array_append_val(parts, p0);
	*inconsistent = top->inconsistent;
	for (guint i = 0; i < counted_nodes->len; i++) {
		/* Every node above a counted one up to the top was computed; walk
		 * the counted nodes' chains to list each once. */
		ft__node *n = g_ptr_array_index(counted_nodes, i);
		for (const ft_actor *a = n->key.actor; a; a = ft_actor_parent(a)) {
			for (const ft_region *r = n->key.region; r; r = ft_region_parent(r)) {
				ft__node *m = ft__node_get(e, a, r, 0);
				if (m && m != top && m->done && m->relevant != 2) {
					m->relevant = 2; /* listed */
					ft_estimate_part p =
					    part_of(a, r, &m->own, &m->total, m->inconsistent);
					g_array_append_val(parts, p);
					if (m->inconsistent)
						*inconsistent = 1;
				}
				if (r == e->region)
					break;
			}
			if (a == e->actor)
				break;
		}
	}
	/* After the asked-for pair, in dataset order (see estimate.h). */
	if (parts->len > 2)
		qsort(&g_array_index(parts, ft_estimate_part, 1), parts->len - 1, sizeof(ft_estimate_part),
		      compare_parts);
	return parts;
}
