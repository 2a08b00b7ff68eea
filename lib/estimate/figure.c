/*
 * The figure rule (docs/estimation.md, sections 4 and 6): the weight of a
 * claim (reliability x credibility x age decay), and from the counted
 * claims at one node, one per voice, the best figure (the figure nearest
 * every claim's interval: a weighted median of the intervals' ends, or the
 * latest credible claim), the current claims that set the low-high range
 * and its flags, and the pairs of current claims that disagree, counted in
 * n log n and listed heaviest first.
 */
#include <math.h>
#include <stdlib.h>

#include "estimate/estimate-private.h"

/* The claims a node's working arrays hold on the stack; more take the
 * heap. A timeline's sweep evaluates hundreds of nodes of a dozen claims
 * at each of its points, and allocating their arrays cost more than
 * filling them. */
#define ON_STACK 64

double ft_reliability_weight(ft_reliability r)
{
	static const double w[] = {FT_WEIGHT_RELIABILITY_A, FT_WEIGHT_RELIABILITY_B, FT_WEIGHT_RELIABILITY_C,
	                           FT_WEIGHT_RELIABILITY_D, FT_WEIGHT_RELIABILITY_E, FT_WEIGHT_RELIABILITY_F};
	return r >= FT_RELIABILITY_A && r <= FT_RELIABILITY_F ? w[r - FT_RELIABILITY_A]
	                                                      : FT_WEIGHT_RELIABILITY_F;
}

double ft_credibility_weight(int credibility)
{
	static const double w[] = {FT_WEIGHT_CREDIBILITY_1, FT_WEIGHT_CREDIBILITY_2, FT_WEIGHT_CREDIBILITY_3,
	                           FT_WEIGHT_CREDIBILITY_4, FT_WEIGHT_CREDIBILITY_5, FT_WEIGHT_CREDIBILITY_6};
	return credibility >= 1 && credibility <= 6 ? w[credibility - 1] : FT_WEIGHT_CREDIBILITY_6;
}

double ft__decay_at(const ft__est *e, int64_t obs_end)
{
	if (obs_end < INT64_MAX && obs_end + 1 < e->t_start) {
		double age = (double)(e->t_start - (obs_end + 1)) / (double)US_PER_DAY;
		return pow(0.5, age / e->o.half_life_days);
	}
	return 1.0;
}

static uint64_t midpoint(uint64_t a, uint64_t b)
{
	/* (a + b + 1) / 2 without overflow: figures are below 2^53, but a
	 * high may be UINT64_MAX only where no midpoint is taken. */
	return a / 2 + b / 2 + ((a % 2) + (b % 2) + 1) / 2;
}

/* One end of a claim's interval in the walk of "Best". */
enum { OPEN_BELOW = -1, FIGURE = 0, OPEN_ABOVE = 1 };

typedef struct entry {
	int side; /* OPEN_BELOW, FIGURE or OPEN_ABOVE */
	uint64_t value;
	double weight;
	size_t order; /* where it was written: ties of side and value keep it */
} entry;

/* The low (high = 0) or high end of a claim's interval, as an entry. */
static entry entry_of(const ft__cand *cd, int high, double weight, size_t order)
{
	if (high)
		return (entry){cd->has_high ? FIGURE : OPEN_ABOVE, cd->has_high ? cd->high : 0, weight,
		               order};
	return (entry){cd->has_low ? FIGURE : OPEN_BELOW, cd->has_low ? cd->low : 0, weight, order};
}

/* The order of the walk: open below first, then the figures ascending,
 * open above last; equal ends in the order they were written (the claims'
 * dataset order, low before high), so that the order is total and the
 * same whatever sort makes it, and a timeline's sweep can keep it from one
 * point to the next (ft__compare_entry_refs). */
static int compare_entries(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	if (x->side != y->side)
		return x->side < y->side ? -1 : 1;
	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Below this many entries, an insertion sort: a node's few claims cost
 * qsort's set-up and a call per comparison, some 800 instructions a node.
 * The order is total, so either sort gives the same one. */
#define INSERTION_MAX 24

/* The ends of figures below 2^30 (a billion troops), with their side,
 * fit a key's high half beside their place in the low one. */
#define RADIX_FIGURE_MAX (UINT64_C(1) << 30)

/* More ends are put in order by a radix sort of 8-byte keys when every
 * figure fits one: qsort's comparisons through a pointer cost a sixteenth
 * of ft_estimate_groups at 10^6 claims. The key orders by side, then
 * figure, then place, which is compare_entries' order: `order` is the
 * place an end was written at. */
static int sort_entries_by_key(entry *en, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (en[i].value >= RADIX_FIGURE_MAX || en[i].order != i)
			return 0;
	guint64 *keys = g_new(guint64, n);
	for (size_t i = 0; i < n; i++)
		keys[i] = ((guint64)(en[i].side + 1) << 30 | en[i].value) << 32 | i;
	ft__sort_by_high(keys, n);
	entry *was = g_memdup2(en, n * sizeof *en);
	for (size_t i = 0; i < n; i++)
		en[i] = was[keys[i] & 0xffffffffu];
	g_free(was);
	g_free(keys);
	return 1;
}

static void sort_entries(entry *en, size_t n)
{
	if (n > INSERTION_MAX) {
		if (!sort_entries_by_key(en, n))
			qsort(en, n, sizeof *en, compare_entries);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		entry x = en[i];
		size_t j = i;
		for (; j > 0 && compare_entries(&en[j - 1], &x) > 0; j--)
			en[j] = en[j - 1];
		en[j] = x;
	}
}

int ft__compare_entry_refs(const void *a, const void *b)
{
	const ft__entry_ref *x = a, *y = b;
	entry ex = entry_of(x->cd, x->high, 0, 0), ey = entry_of(y->cd, y->high, 0, 0);
	int c = compare_entries(&ex, &ey);
	if (c)
		return c;
	if (x->cd->pos != y->cd->pos)
		return x->cd->pos < y->cd->pos ? -1 : 1;
	return (x->high > y->high) - (x->high < y->high);
}

/* Best, methods weighted and median: the walk over the entries of `set`
 * (all the node's counted claims when `all_counted`, else its credible
 * ones), sorted here, or read in order from n->sorted when a timeline's
 * sweep keeps them sorted. */
static uint64_t nearest_figure(const ft__est *e, const ft__node *node, ft__cand *const *set, size_t n,
                               int all_counted)
{
	entry en_stack[2 * ON_STACK];
	entry *en = n <= ON_STACK ? en_stack : g_new(entry, 2 * n);
	double total = 0;
	for (size_t i = 0; i < n; i++)
		total += e->o.method == FT_METHOD_MEDIAN ? 1.0 : set[i]->out->weight;
	if (node->sorted) {
		size_t k = 0;
		for (size_t j = 0; j < node->n_sorted; j++) {
			const ft__entry_ref *r = &node->sorted[j];
			if (!all_counted && !r->cd->out->credible)
				continue;
			double w = e->o.method == FT_METHOD_MEDIAN ? 1.0 : r->cd->out->weight;
			en[k] = entry_of(r->cd, r->high, w, k);
			k++;
		}
		g_assert(k == 2 * n);
	} else {
		for (size_t i = 0; i < n; i++) {
			double w = e->o.method == FT_METHOD_MEDIAN ? 1.0 : set[i]->out->weight;
			en[2 * i] = entry_of(set[i], 0, w, 2 * i);
			en[2 * i + 1] = entry_of(set[i], 1, w, 2 * i + 1);
		}
		sort_entries(en, 2 * n);
	}
	if (!(total > 0)) { /* weights decayed to nothing: each claim weighs 1 */
		for (size_t i = 0; i < 2 * n; i++)
			en[i].weight = 1;
		total = (double)n;
	}
	double run = 0;
	uint64_t best = 0;
	for (size_t i = 0; i < 2 * n; i++) {
		run += en[i].weight;
		if (run < total && fabs(run - total) > 1e-9 * total)
			continue;
		/* The stop. On an exact tie with a next entry, between the two. */
		int tie = fabs(run - total) <= 1e-9 * total && i + 1 < 2 * n;
		if (!tie)
			best = en[i].value;
		else if (en[i].side == OPEN_BELOW)
			best = en[i + 1].value;
		else if (en[i + 1].side == OPEN_ABOVE)
			best = en[i].value;
		else
			best = midpoint(en[i].value, en[i + 1].value);
		/* Never at open above (the lows and open belows alone weigh W),
		 * and after an open-below stop comes a figure (docs/estimation.md). */
		g_assert(en[i].side != OPEN_ABOVE &&
		         (!tie || en[i].side != OPEN_BELOW || en[i + 1].side == FIGURE));
		break;
	}
	if (en != en_stack)
		g_free(en);
	return best;
}

/* Best, method latest: the claim alone, by its central figure, else the
 * midpoint of its range, else its one bound. */
static uint64_t single_figure(const ft__cand *cd)
{
	const ft_contribution *c = cd->out;
	if (c->has_central)
		return c->central;
	if (cd->has_low && cd->has_high)
		return midpoint(c->low, c->high);
	return cd->has_low ? c->low : c->high;
}

ft__fig ft__node_figure(const ft__est *e, ft__node *n)
{
	ft__fig f = {0, 0, 0, 0, 0, 0, 0};
	size_t count = n->counted.len;
	if (count == 0)
		return f;
	ft__cand **all = (ft__cand **)n->counted.pdata;
	/* The credible set, or every counted claim when none is credible. */
	ft__cand *cred_stack[ON_STACK];
	ft__cand **cred = count <= ON_STACK ? cred_stack : g_new(ft__cand *, count);
	size_t n_cred = 0;
	for (size_t i = 0; i < count; i++)
		if (all[i]->out->credible)
			cred[n_cred++] = all[i];
	f.not_credible = n_cred == 0;
	ft__cand **set = n_cred ? cred : all;
	size_t n_set = n_cred ? n_cred : count;

	/* Best, and the current claims: those weighing at least half the
	 * heaviest of the set; with method latest, the claim it takes. */
	double max_w = 0;
	for (size_t i = 0; i < n_set; i++)
		if (set[i]->out->weight > max_w)
			max_w = set[i]->out->weight;
	n->max_weight = max_w;
	if (e->o.method == FT_METHOD_LATEST) {
		ft__cand *latest = set[0];
		for (size_t i = 1; i < n_set; i++)
			if (ft__wins_over(set[i], latest))
				latest = set[i];
		f.best = single_figure(latest);
		latest->current = 1;
	} else {
		f.best = nearest_figure(e, n, set, n_set, n_cred == 0);
		for (size_t i = 0; i < n_set; i++)
			set[i]->current = set[i]->out->weight >= max_w / 2;
	}

	/* Low and high: the figures the current claims state. */
	int states_low = 0, states_high = 0, any = 0;
	uint64_t lo = 0, hi = 0;
	for (size_t i = 0; i < n_set; i++) {
		const ft__cand *cd = set[i];
		if (!cd->current)
			continue;
		uint64_t figures[2];
		size_t k = 0;
		if (cd->has_low)
			figures[k++] = cd->out->low;
		if (cd->has_high)
			figures[k++] = cd->out->high;
		states_low |= cd->has_low;
		states_high |= cd->has_high;
		for (size_t j = 0; j < k; j++) {
			if (!any || figures[j] < lo)
				lo = figures[j];
			if (!any || figures[j] > hi)
				hi = figures[j];
			any = 1;
		}
	}
	f.low = states_low ? lo : 0;
	f.open_below = !states_low;
	f.high = hi;
	f.open_above = !states_high;
	if (f.low > f.best)
		f.low = f.best;
	if (f.high < f.best)
		f.high = f.best;
	f.has = 1;
	for (size_t i = 0; i < n_set; i++)
		set[i]->out->current = set[i]->current;
	if (cred != cred_stack)
		g_free(cred);
	return f;
}

/* ---- disagreements ------------------------------------------------------- */

/* A current claim in the search for disagreeing pairs. */
typedef struct voter {
	const ft__cand *cd;
	uint64_t lo, hi; /* its interval; an open side reaches 0 or UINT64_MAX */
	double weight;
} voter;

static int compare_weight(const void *a, const void *b)
{
	const voter *x = a, *y = b;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return x->cd->pos < y->cd->pos ? -1 : x->cd->pos > y->cd->pos;
}

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/*
 * A segment tree over the voters in weight order, holding the largest low
 * and the smallest high of each segment: "the first voter after position p
 * whose interval does not meet [lo, hi]" is then a descent of depth
 * log n, which finds each claim's next-heaviest partner without trying
 * every pair.
 */
typedef struct tree {
	size_t size; /* leaves: a power of two */
	uint64_t *max_lo, *min_hi;
} tree;

static void tree_build(tree *t, const voter *v, size_t n)
{
	t->size = 1;
	while (t->size < n)
		t->size *= 2;
	t->max_lo = g_new0(uint64_t, 2 * t->size);
	t->min_hi = g_new(uint64_t, 2 * t->size);
	for (size_t i = 0; i < 2 * t->size; i++)
		t->min_hi[i] = UINT64_MAX;
	for (size_t i = 0; i < n; i++) {
		t->max_lo[t->size + i] = v[i].lo;
		t->min_hi[t->size + i] = v[i].hi;
	}
	for (size_t i = t->size - 1; i >= 1; i--) {
		t->max_lo[i] = MAX(t->max_lo[2 * i], t->max_lo[2 * i + 1]);
		t->min_hi[i] = MIN(t->min_hi[2 * i], t->min_hi[2 * i + 1]);
	}
}

/* The first leaf at or after `from` below node `i` (covering [l, r)) whose
 * interval lies wholly above `hi` or wholly below `lo`; SIZE_MAX if none. */
static size_t tree_first(const tree *t, size_t i, size_t l, size_t r, size_t from, uint64_t lo, uint64_t hi)
{
	if (r <= from || (t->max_lo[i] <= hi && t->min_hi[i] >= lo))
		return SIZE_MAX;
	if (r - l == 1)
		return l;
	size_t mid = l + (r - l) / 2;
	size_t found = tree_first(t, 2 * i, l, mid, from, lo, hi);
	return found != SIZE_MAX ? found : tree_first(t, 2 * i + 1, mid, r, from, lo, hi);
}

static size_t next_partner(const tree *t, const voter *v, size_t i, size_t after)
{
	return tree_first(t, 1, 0, t->size, after, v[i].lo, v[i].hi);
}

/* A candidate pair in the heap: voter i and its partner p (p > i). */
typedef struct pair_at {
	size_t i, p;
	double weight;
} pair_at;

static ft_disagreement make_pair(const ft__cand *x, const ft__cand *y, double weight)
{
	ft_disagreement d;
	memset(&d, 0, sizeof d);
	d.a = x->pos < y->pos ? x->out->claim : y->out->claim;
	d.b = x->pos < y->pos ? y->out->claim : x->out->claim;
	d.weight = weight;
	return d;
}

int ft__compare_disagreements(const void *a, const void *b)
{
	const ft_disagreement *x = a, *y = b;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	int c = ft__compare_pos(x->a->e.pos, y->a->e.pos);
	return c ? c : ft__compare_pos(x->b->e.pos, y->b->e.pos);
}

/* Is `pa` heavier (listed earlier) than `pb`? */
static int heavier(const voter *v, const pair_at *pa, const pair_at *pb)
{
	ft_disagreement x = make_pair(v[pa->i].cd, v[pa->p].cd, pa->weight);
	ft_disagreement y = make_pair(v[pb->i].cd, v[pb->p].cd, pb->weight);
	return ft__compare_disagreements(&x, &y) < 0;
}

/* A binary max-heap of pairs, by `heavier`. */
static void heap_push(GArray *h, const voter *v, pair_at x)
{
	g_array_append_val(h, x);
	pair_at *a = (pair_at *)(void *)h->data;
	for (size_t k = h->len - 1; k > 0;) {
		size_t parent = (k - 1) / 2;
		if (!heavier(v, &a[k], &a[parent]))
			break;
		pair_at tmp = a[k];
		a[k] = a[parent];
		a[parent] = tmp;
		k = parent;
	}
}

static pair_at heap_pop(GArray *h, const voter *v)
{
	pair_at *a = (pair_at *)(void *)h->data;
	pair_at top = a[0];
	a[0] = a[h->len - 1];
	g_array_set_size(h, h->len - 1);
	for (size_t k = 0;;) {
		size_t l = 2 * k + 1, r = l + 1, m = k;
		if (l < h->len && heavier(v, &a[l], &a[m]))
			m = l;
		if (r < h->len && heavier(v, &a[r], &a[m]))
			m = r;
		if (m == k)
			break;
		pair_at tmp = a[k];
		a[k] = a[m];
		a[m] = tmp;
		k = m;
	}
	return top;
}

static guint disagreement_hash(gconstpointer p)
{
	const ft_disagreement *d = p;
	return g_direct_hash(d->a) * 31u + g_direct_hash(d->b);
}

static gboolean disagreement_equal(gconstpointer p, gconstpointer q)
{
	const ft_disagreement *x = p, *y = q;
	return x->a == y->a && x->b == y->b;
}

/*
 * Section 6, "Disagreement": among the current claims of a node, the pairs
 * whose intervals do not overlap, counted by sorting (for each claim, the
 * claims whose high lies below its low), and the heaviest `max` of them
 * found by a best-first walk over the claims in weight order: the heap
 * holds each claim's next-heaviest disjoint partner, so listing k pairs
 * costs k log n. Pairs named by `disputes` are few (no more than the
 * claims' dispute lists) and are added to both.
 */
void ft__find_disagreements(const ft__est *e, ft__node *n, size_t max, GArray *out)
{
	n->pairs = 0;
	size_t nv = 0;
	voter v_stack[ON_STACK];
	voter *v = n->counted.len <= ON_STACK ? v_stack : g_new(voter, n->counted.len);
	for (guint i = 0; i < n->counted.len; i++) {
		const ft__cand *cd = n->counted.pdata[i];
		if (!cd->current)
			continue;
		v[nv].cd = cd;
		v[nv].lo = cd->has_low ? cd->out->low : 0;
		v[nv].hi = cd->has_high ? cd->out->high : UINT64_MAX;
		v[nv].weight = cd->out->weight;
		nv++;
	}
	if (nv < 2)
		goto done;
	/* Count: a disjoint pair is one where one's high lies below the
	 * other's low, and only one of the two can. */
	uint64_t highs_stack[ON_STACK];
	uint64_t *highs = nv <= ON_STACK ? highs_stack : g_new(uint64_t, nv);
	for (size_t i = 0; i < nv; i++)
		highs[i] = v[i].hi;
	qsort(highs, nv, sizeof *highs, compare_u64);
	for (size_t i = 0; i < nv; i++) {
		size_t l = 0, r = nv; /* the number of highs below v[i].lo */
		while (l < r) {
			size_t m = l + (r - l) / 2;
			if (highs[m] < v[i].lo)
				l = m + 1;
			else
				r = m;
		}
		n->pairs += l;
	}
	if (highs != highs_stack)
		g_free(highs);

	/* The pairs `disputes` names, both current at this node; the table of
	 * the current claims is made only when one of them names any. */
	int any_disputes = 0;
	for (size_t i = 0; i < nv && !any_disputes; i++)
		any_disputes = ft__claim_has(v[i].cd->out->claim, FT__CP_DISPUTES);
	if (!any_disputes && max == 0)
		goto done; /* nothing to list: the count is all there is */
	GHashTable *here = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (size_t i = 0; any_disputes && i < nv; i++)
		g_hash_table_insert(here, (gpointer)(uintptr_t)v[i].cd->out->claim, &v[i]);
	GHashTable *listed = g_hash_table_new_full(disagreement_hash, disagreement_equal, g_free, NULL);
	GArray *found = g_array_new(FALSE, FALSE, sizeof(ft_disagreement));
	for (size_t i = 0; any_disputes && i < nv; i++) {
		const ft_claim *c = v[i].cd->out->claim;
		if (!ft__claim_has(c, FT__CP_DISPUTES))
			continue;
		ft_claim_desc d = FT_CLAIM_DESC_INIT;
		ft_claim_describe(c, &d);
		for (size_t k = 0; k < d.n_disputes; k++) {
			const ft_claim *other = ft_dataset_find_claim(e->ds, d.disputes[k]);
			const voter *w = other ? g_hash_table_lookup(here, other) : NULL;
			if (!w || w == &v[i])
				continue;
			ft_disagreement pd = make_pair(v[i].cd, w->cd, v[i].weight * w->weight);
			if (g_hash_table_contains(listed, &pd))
				continue;
			pd.disputes = 1;
			pd.disjoint = v[i].hi < w->lo || w->hi < v[i].lo;
			if (!pd.disjoint)
				n->pairs++; /* not counted above */
			ft_disagreement *kept = g_new(ft_disagreement, 1);
			*kept = pd;
			g_hash_table_add(listed, kept);
			g_array_append_val(found, pd);
		}
	}
	g_hash_table_destroy(here);

	/* The heaviest `max` disjoint pairs, best first (none to find when
	 * none is listed). */
	if (max > 0)
		qsort(v, nv, sizeof *v, compare_weight);
	tree t;
	tree_build(&t, v, nv);
	GArray *heap = g_array_new(FALSE, FALSE, sizeof(pair_at));
	for (size_t i = 0; max && i < nv; i++) {
		size_t p = next_partner(&t, v, i, i + 1);
		if (p != SIZE_MAX)
			heap_push(heap, v, (pair_at){i, p, v[i].weight * v[p].weight});
	}
	for (size_t k = 0; k < max && heap->len; k++) {
		pair_at top = heap_pop(heap, v);
		ft_disagreement pd = make_pair(v[top.i].cd, v[top.p].cd, top.weight);
		pd.disjoint = 1;
		ft_disagreement *known = g_hash_table_lookup(listed, &pd);
		if (!known) /* a disputed pair is in `found` already, marked both */
			g_array_append_val(found, pd);
		size_t p = next_partner(&t, v, top.i, top.p + 1);
		if (p != SIZE_MAX)
			heap_push(heap, v, (pair_at){top.i, p, v[top.i].weight * v[p].weight});
	}
	g_array_free(heap, TRUE);
	g_free(t.max_lo);
	g_free(t.min_hi);
	g_hash_table_destroy(listed);
	if (found->len > 1)
		g_array_sort(found, ft__compare_disagreements);
	g_array_append_vals(out, found->data, (guint)MIN((size_t)found->len, max));
	g_array_free(found, TRUE);
done:
	if (v != v_stack)
		g_free(v);
}
