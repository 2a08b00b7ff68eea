/*
 * Group evaluations: the estimates of every (actor, region) pair of one
 * actor tree, one region tree and one measure, at one date and knowledge,
 * from a single evaluation at their roots. A situation report asks for
 * the estimate of every region and each region above it; computed pair by
 * pair, each estimate rolls up everything under its pair again, so a
 * chain of n regions costs n^2. Here each node's figure is read off the
 * one roll-up (a node's total depends only on what lies under it), and
 * what an estimate counts and lists of the nodes under it is gathered
 * once for all of them, bottom up.
 *
 * The nodes under (a, r) are the pairs (a', r') with a' under a and r'
 * under r: on the actor x region lattice a node is under its region
 * parent and its actor parent both, so sums gathered over both would
 * count a node once per path. They are gathered in two steps instead,
 * each over a tree: `region` holds what (a, r) and the regions under r
 * add up to for the actor a alone, a sum over the region tree; `all`
 * adds the `all` of each child actor's (a_c, r), a sum over the actor
 * tree. Every node above a candidate is in the table (the walk that links
 * the nodes makes each one's parents), so each path of either step is
 * there. Lists (the heaviest claims, pairs and inconsistent parts) are
 * gathered the same way, keeping the first few of each.
 *
 * Distinct voices do not add up: each voice marks the nodes above its
 * counted claims, stopping at the nodes it has marked, which costs the
 * nodes each voice reaches (count_voices).
 */
#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "estimate/estimate-private.h"

/* What a set of nodes adds up to, and the first of what it lists. */
typedef struct list {
	size_t status[FT__N_STATUSES];
	size_t pairs, inconsistent;
	const ft__cand **counted; /* heaviest first, at most max_listed */
	size_t n_counted;
	const ft__cand **dropped; /* not counted, nor not yet reported; heaviest first */
	size_t n_dropped;
	ft_disagreement *disagreements; /* heaviest first, at most max_pairs */
	size_t n_disagreements;
	const ft__node **incons; /* inconsistent nodes in part order, at most max_listed + 1 */
	size_t n_incons;
} list;

struct ft__sums {
	list region; /* the node and the regions under it, for its actor */
	list all;    /* the node and every node under it */
};

struct ft__lattice {
	ft__est e;
	const char *measure;            /* the dataset's copy, or NULL: each estimate's own */
	ft_contribution *contributions; /* one per candidate */
	size_t max_listed;
	GPtrArray *order; /* every node, the nodes under each before it */
};

/* Heaviest first, then in dataset order, as the report lists claims. */
static int heavier_cand(const void *a, const void *b)
{
	const ft__cand *x = *(const ft__cand *const *)a, *y = *(const ft__cand *const *)b;
	if (x->out->weight != y->out->weight)
		return x->out->weight > y->out->weight ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int cand_in_order(const void *a, const void *b)
{
	const ft__cand *x = *(const ft__cand *const *)a, *y = *(const ft__cand *const *)b;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* By actor, then region, in dataset order: the order of an estimate's
 * parts after the first. */
static int node_in_order(const void *a, const void *b)
{
	const ft__node *x = *(const ft__node *const *)a, *y = *(const ft__node *const *)b;
	int c = ft__compare_pos(x->key.actor->e.pos, y->key.actor->e.pos);
	return c ? c : ft__compare_pos(x->key.region->e.pos, y->key.region->e.pos);
}

/* The first `max` of `items` (each `size` bytes) in `cmp` order, as a
 * new array of their own; sorts `items`. */
static void *first_of(GArray *items, size_t size, GCompareFunc cmp, size_t max, size_t *n)
{
	if (items->len > 1)
		g_array_sort(items, cmp);
	*n = items->len < max ? items->len : max;
	return *n ? g_memdup2(items->data, *n * size) : NULL;
}

/* Room to gather lists in, kept for a whole evaluation: a node's lists
 * are mostly short, and four arrays made and freed per node cost more
 * than filling them. */
typedef struct scratch {
	GArray *counted, *dropped, *pairs, *incons;
} scratch;

/* Gathers the lists `parts` (n of them) and, when `own` is set, the
 * node's own list into `out`. */
static void gather(list *out, const list *own, const list *const *parts, size_t n, size_t max_listed,
                   size_t max_pairs, scratch *sc)
{
	memset(out, 0, sizeof *out);
	g_array_set_size(sc->counted, 0);
	g_array_set_size(sc->dropped, 0);
	g_array_set_size(sc->pairs, 0);
	g_array_set_size(sc->incons, 0);
	for (size_t i = 0; i <= n; i++) {
		const list *l = i < n ? parts[i] : own;
		if (!l)
			continue;
		for (size_t s = 0; s < FT__N_STATUSES; s++)
			out->status[s] += l->status[s];
		out->pairs += l->pairs;
		out->inconsistent += l->inconsistent;
		/* Most lists are empty (all of them but the pairs' when nothing
		 * is listed): they cost no call. */
		if (l->n_counted)
			g_array_append_vals(sc->counted, l->counted, (guint)l->n_counted);
		if (l->n_dropped)
			g_array_append_vals(sc->dropped, l->dropped, (guint)l->n_dropped);
		if (l->n_disagreements)
			g_array_append_vals(sc->pairs, l->disagreements, (guint)l->n_disagreements);
		if (l->n_incons)
			g_array_append_vals(sc->incons, l->incons, (guint)l->n_incons);
	}
	out->counted =
	    first_of(sc->counted, sizeof(const ft__cand *), heavier_cand, max_listed, &out->n_counted);
	out->dropped =
	    first_of(sc->dropped, sizeof(const ft__cand *), heavier_cand, max_listed, &out->n_dropped);
	out->disagreements = first_of(sc->pairs, sizeof(ft_disagreement), ft__compare_disagreements,
	                              max_pairs, &out->n_disagreements);
	/* One more than listed: the asked-for pair is listed first, apart. */
	out->incons =
	    first_of(sc->incons, sizeof(const ft__node *), node_in_order, max_listed + 1, &out->n_incons);
}

/* `from`'s counts and lists into `out`, the lists copies of their own. */
static void list_copy(list *out, const list *from)
{
	*out = *from;
	out->counted =
	    from->n_counted ? g_memdup2(from->counted, from->n_counted * sizeof *from->counted) : NULL;
	out->dropped =
	    from->n_dropped ? g_memdup2(from->dropped, from->n_dropped * sizeof *from->dropped) : NULL;
	out->disagreements =
	    from->n_disagreements
	        ? g_memdup2(from->disagreements, from->n_disagreements * sizeof *from->disagreements)
	        : NULL;
	out->incons = from->n_incons ? g_memdup2(from->incons, from->n_incons * sizeof *from->incons) : NULL;
}

static void list_clear(list *l)
{
	g_free(l->counted);
	g_free(l->dropped);
	g_free(l->disagreements);
	g_free(l->incons);
}

/* The heaviest `max` of the `len` candidates `cands` (ft__cand *),
 * heaviest first, as a new array of their own (NULL for none). */
static const ft__cand **heaviest(void *const *cands, guint len, size_t max, size_t *n)
{
	*n = 0;
	if (!len || !max)
		return NULL;
	GArray *a = g_array_new(FALSE, FALSE, sizeof(const ft__cand *));
	g_array_append_vals(a, cands, len);
	const ft__cand **first = first_of(a, sizeof(const ft__cand *), heavier_cand, max, n);
	g_array_free(a, TRUE);
	return first;
}

static void free_ptr_array(gpointer p)
{
	g_ptr_array_free(p, TRUE);
}

/* Each node's own list: its candidates by status, its heaviest counted
 * claims (n->counted holds them, one a voice) and others (but those not
 * yet reported), its pairs and whether it is inconsistent; kept in the
 * node's `all` until gather_all has read it. */
static void own_lists(ft__lattice *g)
{
	ft__est *e = &g->e;
	GHashTable *dropped = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_ptr_array);
	for (guint i = 0; i < e->cands->len; i++) {
		const ft__cand *cd = &g_array_index(e->cands, ft__cand, i);
		ft_status st = cd->out->status;
		cd->node->sums->all.status[st]++;
		if (st == FT_STATUS_COUNTED || st == FT_STATUS_NOT_YET_REPORTED || !g->max_listed)
			continue;
		GPtrArray *to = g_hash_table_lookup(dropped, cd->node);
		if (!to)
			g_hash_table_insert(dropped, cd->node, to = g_ptr_array_new());
		g_ptr_array_add(to, (gpointer)(uintptr_t)cd);
	}
	GArray *pairs = g_array_new(FALSE, FALSE, sizeof(ft_disagreement));
	for (guint i = 0; i < g->order->len; i++) {
		ft__node *n = g_ptr_array_index(g->order, i);
		list *l = &n->sums->all;
		l->counted = heaviest(n->counted.pdata, n->counted.len, g->max_listed, &l->n_counted);
		GPtrArray *others = g_hash_table_lookup(dropped, n);
		if (others)
			l->dropped = heaviest(others->pdata, others->len, g->max_listed, &l->n_dropped);
		if (n->counted.len) {
			g_array_set_size(pairs, 0);
			ft__find_disagreements(e, n, e->o.max_pairs, pairs);
			l->pairs = n->pairs;
			l->disagreements = first_of(pairs, sizeof(ft_disagreement), ft__compare_disagreements,
			                            e->o.max_pairs, &l->n_disagreements);
		}
		if (n->inconsistent) {
			l->inconsistent = 1;
			l->n_incons = 1;
			l->incons = g_new(const ft__node *, 1);
			l->incons[0] = n;
		}
	}
	g_array_free(pairs, TRUE);
	g_hash_table_destroy(dropped);
}

static void list_reset(list *l)
{
	list_clear(l);
	memset(l, 0, sizeof *l);
}

/* The two steps of the file's comment, over the nodes in `order`, where
 * the parts of each come before it. */
static void gather_all(ft__lattice *g)
{
	for (guint i = 0; i < g->order->len; i++)
		((ft__node *)g_ptr_array_index(g->order, i))->sums =
		    ft__node_mem(&g->e, sizeof(struct ft__sums));
	own_lists(g);
	scratch sc = {g_array_new(FALSE, FALSE, sizeof(const ft__cand *)),
	              g_array_new(FALSE, FALSE, sizeof(const ft__cand *)),
	              g_array_new(FALSE, FALSE, sizeof(ft_disagreement)),
	              g_array_new(FALSE, FALSE, sizeof(const ft__node *))};
	GPtrArray *parts = g_ptr_array_new();
	size_t max_pairs = g->e.o.max_pairs;
	for (guint i = 0; i < g->order->len; i++) {
		ft__node *n = g_ptr_array_index(g->order, i);
		struct ft__sums *sums = n->sums;
		g_ptr_array_set_size(parts, 0);
		for (guint k = 0; k < n->region_parts.len; k++)
			g_ptr_array_add(parts, &((ft__node *)n->region_parts.pdata[k])->sums->region);
		/* `all` holds the node's own list until here. Without region
		 * parts, `region` is that list: it is sorted and cut as gather
		 * would, and it moves. */
		if (parts->len) {
			gather(&sums->region, &sums->all, (const list *const *)parts->pdata, parts->len,
			       g->max_listed, max_pairs, &sc);
			list_reset(&sums->all);
		} else {
			sums->region = sums->all;
			memset(&sums->all, 0, sizeof sums->all);
		}
		g_ptr_array_set_size(parts, 0);
		for (guint k = 0; k < n->actor_parts.len; k++)
			g_ptr_array_add(parts, &((ft__node *)n->actor_parts.pdata[k])->sums->all);
		/* Without actor parts, `all` is a copy of `region` (which its
		 * region parent reads yet), sorted and cut already. */
		if (parts->len)
			gather(&sums->all, &sums->region, (const list *const *)parts->pdata, parts->len,
			       g->max_listed, max_pairs, &sc);
		else
			list_copy(&sums->all, &sums->region);
		/* A node's `region` is read by its own `all` and by its region
		 * parent's `region`, both done now for its region parts. */
		for (guint k = 0; k < n->region_parts.len; k++)
			list_reset(&((ft__node *)n->region_parts.pdata[k])->sums->region);
		if (n->key.region == g->e.region)
			list_reset(&sums->region);
	}
	g_ptr_array_free(parts, TRUE);
	g_array_free(sc.counted, TRUE);
	g_array_free(sc.dropped, TRUE);
	g_array_free(sc.pairs, TRUE);
	g_array_free(sc.incons, TRUE);
}

/*
 * Each voice marks the nodes above its counted claims once: a node's
 * `voices` is then the number of voices counted under it. The claims are
 * taken voice by voice, so that a node's mark is its last voice's and a
 * walk stops where its own voice has been. A voice's walks cost the nodes
 * it reaches: a claim by a different voice at every level of a chain of n
 * costs n^2 / 2 marks, where one voice costs n.
 */
static void count_voices(ft__lattice *g)
{
	ft__est *e = &g->e;
	/* Voice by voice: the voice's position in the high half of a key, the
	 * candidate's index in the low one. Which voice comes first changes
	 * no count. */
	guint64 *counted = g_new(guint64, e->cands->len ? e->cands->len : 1);
	size_t n_counted = 0;
	for (guint i = 0; i < e->cands->len; i++) {
		const ft__cand *cd = &g_array_index(e->cands, ft__cand, i);
		if (cd->out->status == FT_STATUS_COUNTED)
			counted[n_counted++] = (guint64)cd->out->voice->e.pos << 32 | i;
	}
	ft__sort_by_high(counted, n_counted);
	/* Every node was walked by ft__mark_relevant, which linked it to the
	 * nodes above it: the walk up needs no look-up in the table. */
	ft__ptrs stack = {NULL, 0, 0};
	for (size_t i = 0; i < n_counted; i++) {
		const ft__cand *cd = &g_array_index(e->cands, ft__cand, (guint)(counted[i] & 0xffffffffu));
		const ft_source *voice = cd->out->voice;
		ft__ptrs_add(e, &stack, cd->node);
		while (stack.len) {
			ft__node *m = stack.pdata[--stack.len];
			if (m->voice_mark == voice)
				continue;
			m->voice_mark = voice;
			m->voices++;
			ft__node *up[2] = {m->region_up, m->actor_up};
			for (int k = 0; k < 2; k++)
				if (up[k] && up[k]->voice_mark != voice)
					ft__ptrs_add(e, &stack, up[k]);
		}
	}
	g_free(counted);
}

int ft__lattice_new(const ft_dataset *ds, const ft_actor *actor_root, const ft_region *region_root,
                    const char *measure, const ft_estimate_options *checked, size_t max_listed,
                    ft__lattice **out)
{
	ft__lattice *g = g_new0(ft__lattice, 1);
	g->max_listed = max_listed;
	ft__est *e = &g->e;
	/* Listing nothing, it words no rule of the claims not counted. */
	ft__est_begin(e, ds, actor_root, region_root, measure, checked, max_listed == 0);
	e->text = g_string_chunk_new(4096);
	g->measure = ft__dataset_measure_interned(ds, e->measure);
	/* Every candidate's is written when it is placed. */
	g->contributions = g_new(ft_contribution, e->cands->len ? e->cands->len : 1);
	ft__evaluate_nodes(e, g->contributions);
	/* Every node takes part, not only those with counted claims: what a
	 * pair lists and counts includes the claims that were not counted.
	 * A node without counted claims has no figure, so the totals are
	 * those of the counted nodes alone. The nodes are taken from the
	 * table first: marking adds the nodes above them to it. */
	GPtrArray *all = g_ptr_array_new();
	GHashTableIter it;
	gpointer node;
	g_hash_table_iter_init(&it, e->nodes);
	while (g_hash_table_iter_next(&it, NULL, &node))
		g_ptr_array_add(all, node);
	for (guint i = 0; i < all->len && !e->over_limit; i++)
		ft__mark_relevant(e, g_ptr_array_index(all, i));
	g_ptr_array_free(all, TRUE);
	if (e->over_limit) {
		ft__lattice_free(g);
		*out = NULL;
		return FT_ELIMIT;
	}
	ft__node *top = ft__node_get(e, e->actor, e->region, 1);
	top->relevant = 1;
	g->order = g_ptr_array_new();
	ft__node_total_order(e, top, g->order);
	gather_all(g);
	count_voices(g);
	*out = g;
	return 0;
}

/* `size` bytes from `arena`, or of their own when it is NULL. */
static void *result_alloc(ft__arena *arena, size_t size)
{
	return arena ? ft__arena_alloc(arena, size) : g_malloc(size);
}

void ft__lattice_estimate(const ft__lattice *g, const ft_actor *actor, const ft_region *region,
                          ft__arena *arena, ft_estimate *out)
{
	const ft__est *e = &g->e;
	size_t size = sizeof(ft__result) + (1 + g->max_listed) * sizeof(ft_estimate_part);
	ft__result *res = arena ? ft__arena_alloc0(arena, size) : g_malloc0(size);
	res->in_arena = arena != NULL;
	out->internal = res;
	res->summary = 1;
	/* Rule texts are made only for the claims listed; the measure is the
	 * dataset's, which outlives the estimate. */
	res->text = g->max_listed || !g->measure ? g_string_chunk_new(1024) : NULL;
	res->actor = actor;
	res->region = region;
	res->measure = g->measure ? g->measure : g_string_chunk_insert_const(res->text, e->measure);
	res->opts = e->o;
	ft__node_key k = {actor, region};
	const ft__node *n = g_hash_table_lookup(e->nodes, &k);
	static const ft__fig none = {0, 0, 0, 0, 0, 0, 0};
	const ft__fig *own = n ? &n->own : &none, *total = n ? &n->total : &none;
	res->n_parts = 1;
	res->parts = res->own_parts;
	res->parts[0] = ft__part_of(actor, region, own, total, n && n->inconsistent);
	if (!n)
		return;
	const list *l = &n->sums->all;
	out->has_value = total->has;
	out->best = total->best;
	out->low = total->low;
	out->high = total->high;
	out->open_below = total->open_below;
	out->open_above = total->open_above;
	out->not_credible = total->not_credible;
	out->claims = l->status[FT_STATUS_COUNTED];
	out->voices = n->voices;
	out->pairs = l->pairs;
	out->contested = l->pairs > 0;
	out->inconsistent = l->inconsistent > 0;
	memcpy(res->status_total, l->status, sizeof res->status_total);
	res->inconsistent_total = l->inconsistent;

	for (size_t i = 0; i < l->n_incons && res->n_parts <= g->max_listed; i++) {
		const ft__node *m = l->incons[i];
		if (m != n)
			res->parts[res->n_parts++] =
			    ft__part_of(m->key.actor, m->key.region, &m->own, &m->total, 1);
	}
	res->n_disagreements = l->n_disagreements;
	if (l->n_disagreements) {
		size_t bytes = l->n_disagreements * sizeof(ft_disagreement);
		res->disagreements = memcpy(result_alloc(arena, bytes), l->disagreements, bytes);
	}

	/* The listed claims in dataset order, as an estimate holds them; none
	 * (the default of ft_estimate_groups) takes no room. */
	size_t n_listed = l->n_counted + l->n_dropped;
	if (!n_listed)
		return;
	const ft__cand **listed = g_new(const ft__cand *, n_listed);
	if (l->n_counted)
		memcpy(listed, l->counted, l->n_counted * sizeof *listed);
	if (l->n_dropped)
		memcpy(listed + l->n_counted, l->dropped, l->n_dropped * sizeof *listed);
	qsort(listed, n_listed, sizeof *listed, cand_in_order);
	res->n_contributions = n_listed;
	res->contributions = result_alloc(arena, n_listed * sizeof(ft_contribution));
	for (size_t i = 0; i < n_listed; i++) {
		const ft__cand *cd = listed[i];
		ft_contribution *c = &res->contributions[i];
		*c = *cd->out;
		if (c->status == FT_STATUS_COUNTED)
			c->rule = ft__counted_rule(e, cd, actor, region, res->text);
		else if (c->rule)
			c->rule = g_string_chunk_insert(res->text, c->rule);
	}
	g_free(listed);
}

void ft__lattice_free(ft__lattice *g)
{
	if (!g)
		return;
	if (g->e.nodes) {
		GHashTableIter it;
		gpointer value;
		g_hash_table_iter_init(&it, g->e.nodes);
		while (g_hash_table_iter_next(&it, NULL, &value)) {
			ft__node *n = value;
			if (n->sums) {
				list_clear(&n->sums->region);
				list_clear(&n->sums->all);
			}
		}
		ft__nodes_end(&g->e);
	}
	if (g->order)
		g_ptr_array_free(g->order, TRUE);
	g_string_chunk_free(g->e.text);
	g_free(g->contributions);
	ft__est_end(&g->e);
	g_free(g);
}

/* ---- evaluations that threads share (ft__lattices) ---------------------- */

/* One group's evaluation in one column. The lock is POSIX's, as in
 * base/ordered.c, so that ThreadSanitizer sees it. */
typedef struct lattice_slot {
	pthread_mutex_t lock;
	ft__lattice *g;
	int state;      /* 0: not built, 1: built, -1: over the node limit, 2: read and freed */
	size_t left;    /* expected reads not yet done */
	size_t readers; /* threads reading off it now; freed when both are 0 */
} lattice_slot;

typedef struct group_key {
	const ft_actor *actor;
	const ft_region *region;
	const char *measure;
} group_key;

struct ft__lattices {
	const ft_dataset *ds;
	ft_estimate_options *columns; /* checked, by column */
	size_t n_columns, max_listed;
	GArray *groups;           /* group_key: the roots and the measure */
	GHashTable *ids;          /* group_key -> its index + 1 */
	lattice_slot *slots;      /* by group, then column; made by ft__lattices_seal */
	/* Threads that build the evaluations ahead, in group order, so that
	 * they are built on every core rather than by whichever reader asks
	 * first while the others wait for it. */
	GThread **builders;
	unsigned n_builders;
	unsigned ahead;  /* the columns built ahead (a bit each) */
	gint next_build; /* the next slot to build ahead (atomic) */
	gint stop;       /* set (atomic) when the set is freed */
};

static guint group_hash(gconstpointer p)
{
	const group_key *k = p;
	return (g_direct_hash(k->actor) * 31u + g_direct_hash(k->region)) * 31u + g_str_hash(k->measure);
}

static gboolean group_equal(gconstpointer a, gconstpointer b)
{
	const group_key *x = a, *y = b;
	return x->actor == y->actor && x->region == y->region && strcmp(x->measure, y->measure) == 0;
}

ft__lattices *ft__lattices_new(const ft_dataset *ds, const ft_estimate_options *columns, size_t n_columns,
                               size_t max_listed)
{
	ft__lattices *s = g_new0(ft__lattices, 1);
	s->ds = ds;
	s->columns = g_memdup2(columns, n_columns * sizeof *columns);
	s->n_columns = n_columns;
	s->max_listed = max_listed;
	s->groups = g_array_new(FALSE, FALSE, sizeof(group_key));
	s->ids = g_hash_table_new_full(group_hash, group_equal, g_free, NULL);
	return s;
}

size_t ft__lattices_group(ft__lattices *s, const ft_actor *actor, const ft_region *region,
                          const char *measure)
{
	assert(!s->slots);
	/* Without roll-up a pair's estimate is its own claims': its group is
	 * the pair. */
	group_key k = {actor, region, measure};
	if (!s->columns[0].no_rollup) {
		k.actor = ft__actor_root(actor);
		k.region = ft__region_root(region);
	}
	size_t id = GPOINTER_TO_SIZE(g_hash_table_lookup(s->ids, &k));
	if (!id) {
		g_array_append_val(s->groups, k);
		id = s->groups->len;
		g_hash_table_insert(s->ids, g_memdup2(&k, sizeof k), GSIZE_TO_POINTER(id));
	}
	return id - 1;
}

size_t ft__lattices_count(const ft__lattices *s)
{
	return s->groups->len;
}

void ft__lattices_roots(const ft__lattices *s, size_t group, const ft_actor **actor, const ft_region **region,
                        const char **measure)
{
	const group_key *k = &g_array_index(s->groups, group_key, group);
	*actor = k->actor;
	*region = k->region;
	*measure = k->measure;
}

void ft__lattices_seal(ft__lattices *s, const size_t *reads)
{
	size_t n = s->groups->len * s->n_columns;
	s->slots = g_new0(lattice_slot, n ? n : 1);
	for (size_t k = 0; k < n; k++) {
		pthread_mutex_init(&s->slots[k].lock, NULL);
		s->slots[k].left = reads[k / s->n_columns];
	}
	g_hash_table_destroy(s->ids);
	s->ids = NULL;
}

/* Builds the evaluation of a slot whose lock the caller holds. */
static void build_slot(ft__lattices *s, size_t group, size_t column, lattice_slot *slot)
{
	const group_key *k = &g_array_index(s->groups, group_key, group);
	int rc = ft__lattice_new(s->ds, k->actor, k->region, k->measure, &s->columns[column], s->max_listed,
	                         &slot->g);
	slot->state = rc == 0 ? 1 : -1;
}

void ft__lattices_build(ft__lattices *s, size_t group, size_t column)
{
	lattice_slot *slot = &s->slots[group * s->n_columns + column];
	pthread_mutex_lock(&slot->lock);
	if (slot->state == 0)
		build_slot(s, group, column, slot);
	pthread_mutex_unlock(&slot->lock);
}

int ft__lattices_read(ft__lattices *s, size_t group, size_t column, const ft_actor *actor,
                      const ft_region *region, int expected, ft_estimate *out)
{
	lattice_slot *slot = &s->slots[group * s->n_columns + column];
	/* Built ahead, or by the first thread to ask; the others wait for it.
	 * One read and freed is built again for a read not expected. */
	pthread_mutex_lock(&slot->lock);
	if (slot->state == 0 || slot->state == 2)
		build_slot(s, group, column, slot);
	ft__lattice *g = slot->g;
	slot->readers += g != NULL;
	pthread_mutex_unlock(&slot->lock);
	if (!g)
		return FT_ELIMIT;
	ft__lattice_estimate(g, actor, region, NULL, out);
	pthread_mutex_lock(&slot->lock);
	if (expected && slot->left)
		slot->left--;
	if (--slot->readers == 0 && slot->left == 0) {
		ft__lattice_free(slot->g);
		slot->g = NULL;
		slot->state = 2;
	}
	pthread_mutex_unlock(&slot->lock);
	return 0;
}

/* A builder: takes the next slot not yet built until every one is taken
 * or the set is freed. A slot a reader has already built, or read and
 * freed, is skipped. */
static gpointer builder(gpointer data)
{
	ft__lattices *s = data;
	size_t n = s->groups->len * s->n_columns;
	for (;;) {
		size_t k = (size_t)g_atomic_int_add(&s->next_build, 1);
		if (g_atomic_int_get(&s->stop) || k >= n)
			break;
		if (s->ahead & (1u << (k % s->n_columns)))
			ft__lattices_build(s, k / s->n_columns, k % s->n_columns);
	}
	return NULL;
}

void ft__lattices_build_ahead(ft__lattices *s, unsigned columns, unsigned threads)
{
	size_t n = s->groups->len * s->n_columns;
	if (s->n_builders || threads < 1 || !n)
		return;
	s->ahead = columns;
	s->n_builders = n < threads ? (unsigned)n : threads;
	s->builders = g_new(GThread *, s->n_builders);
	for (unsigned t = 0; t < s->n_builders; t++)
		s->builders[t] = g_thread_new("ft-lattices", builder, s);
}

void ft__lattices_free(ft__lattices *s)
{
	if (!s)
		return;
	g_atomic_int_set(&s->stop, 1);
	for (unsigned t = 0; t < s->n_builders; t++)
		g_thread_join(s->builders[t]);
	g_free(s->builders);
	size_t n = s->slots ? s->groups->len * s->n_columns : 0;
	for (size_t k = 0; k < n; k++) {
		ft__lattice_free(s->slots[k].g);
		pthread_mutex_destroy(&s->slots[k].lock);
	}
	g_free(s->slots);
	if (s->ids)
		g_hash_table_destroy(s->ids);
	g_array_free(s->groups, TRUE);
	g_free(s->columns);
	g_free(s);
}
