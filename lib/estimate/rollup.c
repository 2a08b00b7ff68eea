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

unsigned ft__max_nodes = 1000000;

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

/* The nodes of one evaluation: ft__node_key -> ft__node *, keys in the
 * nodes, which lie in e->node_mem with their lists. The arena is kept
 * from one evaluation to the next (a timeline's points, a lattice set's
 * trees), its blocks reused. */
void ft__nodes_begin(ft__est *e)
{
	if (!e->node_mem.blocks)
		ft__arena_init(&e->node_mem);
	e->nodes = g_hash_table_new(node_hash, node_equal);
}

void ft__nodes_end(ft__est *e)
{
	if (e->nodes)
		g_hash_table_destroy(e->nodes);
	e->nodes = NULL;
	if (e->node_mem.blocks)
		ft__arena_reset(&e->node_mem);
}

void *ft__node_mem(ft__est *e, size_t size)
{
	return ft__arena_alloc0(&e->node_mem, size);
}

/* Lists start with room for a node's few claims and double: the room they
 * leave behind is at most what they hold, and goes with the arena. */
void ft__ptrs_grow(ft__est *e, ft__ptrs *l, guint need)
{
	if (need <= l->cap)
		return;
	guint cap = l->cap ? l->cap : 4;
	while (cap < need)
		cap *= 2;
	void **room = ft__arena_alloc(&e->node_mem, cap * sizeof *room);
	if (l->len)
		memcpy(room, l->pdata, l->len * sizeof *room);
	l->pdata = room;
	l->cap = cap;
}

ft__node *ft__node_get(ft__est *e, const ft_actor *a, const ft_region *r, int create)
{
	ft__node_key k = {a, r};
	ft__node *n = g_hash_table_lookup(e->nodes, &k);
	if (n || !create)
		return n;
	n = ft__node_mem(e, sizeof *n);
	n->key.actor = a;
	n->key.region = r;
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

/* The total of `n` from its own figure and its parts' totals, which are
 * done. */
static void finish_total(ft__node *n)
{
	ft__fig none = {0, 0, 0, 0, 0, 0, 0};
	ft__fig region_parts = none, actor_parts = none;
	for (guint i = 0; i < n->region_parts.len; i++)
		add_fig(&region_parts, &((ft__node *)n->region_parts.pdata[i])->total);
	for (guint i = 0; i < n->actor_parts.len; i++)
		add_fig(&actor_parts, &((ft__node *)n->actor_parts.pdata[i])->total);
	ft__fig total = none;
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
	n->done = 1;
}

static void push_undone(ft__est *e, ft__ptrs *stack, const ft__ptrs *parts)
{
	for (guint i = 0; i < parts->len; i++)
		if (!((ft__node *)parts->pdata[i])->done)
			ft__ptrs_add(e, stack, parts->pdata[i]);
}

/*
 * The total of a node with its parts, bottom up over the relevant nodes
 * below it, without recursion: a chain of 50,000 regions would otherwise
 * take 50,000 stack frames. A node is expanded (its parts pushed) once and
 * finished when they are.
 */
ft__fig ft__node_total(ft__est *e, ft__node *n)
{
	return ft__node_total_order(e, n, NULL);
}

ft__fig ft__node_total_order(ft__est *e, ft__node *n, GPtrArray *order)
{
	if (n->done)
		return n->total;
	/* The stack lies in the node arena, as the walks' lists do. */
	ft__ptrs stack = {NULL, 0, 0};
	ft__ptrs_add(e, &stack, n);
	while (stack.len) {
		ft__node *m = stack.pdata[stack.len - 1];
		if (!m->done && !m->expanded) {
			m->expanded = 1;
			push_undone(e, &stack, &m->region_parts);
			push_undone(e, &stack, &m->actor_parts);
			continue;
		}
		if (!m->done) {
			finish_total(m);
			if (order)
				g_ptr_array_add(order, m);
		}
		stack.len--;
	}
	return n->total;
}

/* Links `m` into `parts` of the node above it, and marks that node; it is
 * pushed to be walked from when it was not relevant before. */
static void link_up(ft__est *e, ft__ptrs *stack, ft__node *up, ft__ptrs *parts, ft__node *m)
{
	ft__ptrs_add(e, parts, m);
	if (!up->relevant) {
		up->relevant = 1;
		ft__ptrs_add(e, stack, up);
	}
}

/*
 * Marks the node of a counted claim, and every node above it up to the
 * asked-for pair, as relevant to the roll-up, and links each node into
 * the parts of the (at most two) nodes just above it. A node that is
 * relevant already has been walked from: the walk stops there, so each
 * node is walked from and linked once, and marking every counted node
 * costs as much as the nodes it marks.
 */
void ft__mark_relevant(ft__est *e, ft__node *n)
{
	if (n->relevant)
		return;
	n->relevant = 1;
	if (e->o.no_rollup)
		return;
	ft__ptrs stack = {NULL, 0, 0};
	ft__ptrs_add(e, &stack, n);
	while (stack.len) {
		if (g_hash_table_size(e->nodes) > ft__max_nodes) {
			e->over_limit = 1;
			break;
		}
		ft__node *m = stack.pdata[--stack.len];
		if (m->key.region != e->region) {
			ft__node *up = ft__node_get(e, m->key.actor, ft_region_parent(m->key.region), 1);
			m->region_up = up;
			link_up(e, &stack, up, &up->region_parts, m);
		}
		if (m->key.actor != e->actor) {
			ft__node *up = ft__node_get(e, ft_actor_parent(m->key.actor), m->key.region, 1);
			m->actor_up = up;
			link_up(e, &stack, up, &up->actor_parts, m);
		}
	}
}

ft_estimate_part ft__part_of(const ft_actor *a, const ft_region *r, const ft__fig *own, const ft__fig *total,
                             int inconsistent)
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
GArray *ft__rollup_parts(ft__est *e, ft__node *top, const ft__fig *total, int *inconsistent)
{
	/* Parts: the asked-for pair first, then every relevant node, each
	 * once: the table holds each node once. */
	GArray *parts = g_array_new(FALSE, TRUE, sizeof(ft_estimate_part));
	ft_estimate_part p0 = ft__part_of(e->actor, e->region, &top->own, total, top->inconsistent);
	g_array_append_val(parts, p0);
	*inconsistent = top->inconsistent;
	GHashTableIter it;
	gpointer value;
	g_hash_table_iter_init(&it, e->nodes);
	while (g_hash_table_iter_next(&it, NULL, &value)) {
		ft__node *m = value;
		if (m == top || !m->relevant || !m->done)
			continue;
		ft_estimate_part p =
		    ft__part_of(m->key.actor, m->key.region, &m->own, &m->total, m->inconsistent);
		g_array_append_val(parts, p);
		if (m->inconsistent)
			*inconsistent = 1;
	}
	/* After the asked-for pair, in dataset order (see estimate.h): the
	 * table's order is its hashes', which change from run to run. */
	if (parts->len > 2)
		qsort(&g_array_index(parts, ft_estimate_part, 1), parts->len - 1, sizeof(ft_estimate_part),
		      compare_parts);
	return parts;
}
