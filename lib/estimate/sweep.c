/*
 * A timeline in one sweep (docs/estimation.md section 9): the points of a
 * grid are estimated in date order, and each touches only the candidates
 * that can count at its date, not every candidate. A candidate can count
 * (is "live") while none of rules 1 to 7 of section 2 drops it: its
 * observed span has begun by T, it is reported by K, and neither its
 * retraction nor a supersession is known by K, nor has the staleness
 * horizon passed its observed end. As T and K only grow along the grid,
 * each of these holds from some point on or until some point, so every
 * candidate is live over one run of points, found once by two binary
 * searches. The candidates enter and leave one (node, voice) slot each,
 * whose winner (section 3, which does not depend on the date) changes
 * only when its members do; the winners, in dataset order, are the
 * point's counted claims, and only they get a weight, a figure and a rule.
 * A point keeps only its counted contributions (the timeline's default):
 * with all contributions every candidate is in every point, and the
 * timeline evaluates each point whole (estimate/timeline.c).
 *
 * Every figure is then computed by the same functions, on the same claims
 * in the same order, as an estimate alone at that date computes it
 * (ft__evaluate_finish): the results are identical to the last bit. What
 * is reused from one point to the next is only what no date changes: the
 * voices' winners and the count of voices with one, the order of each
 * node's interval ends in the walk of "Best" (a total order, figure.c),
 * the words of each rule but its weights, and a rule whose words and
 * weights as written are the point before's (explain.c). Every weight,
 * sum, current set, range and pair is the point's own: between two points
 * all weights scale by one factor, but a sum of scaled weights is not the
 * scaled sum to the last bit, so nothing that depends on a weight is
 * carried over. (A point's decays are found once per end of an observed
 * span: the same pow() of the same age.)
 *
 * Memory: per candidate its run, slot and two flags; per node its
 * winners' ends. What the points keep, their contributions and rules,
 * lies in the timeline's store (below), which they borrow.
 */
/* madvise, which _POSIX_C_SOURCE alone does not declare. */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "estimate/estimate-private.h"

/* ---- the store -------------------------------------------------------- */

/*
 * A timeline's points keep some 200 bytes per counted claim, their
 * contributions and rule texts, which they borrow from the timeline's
 * store: hundreds of MB for a year of daily points of a large group,
 * written once, in order, and let go together. The store hands them out of
 * blocks that grow from 64 KiB to 8 MiB: a rule is put together in its
 * place, a point's contributions are one piece of a block, and a timeline
 * makes a few hundred allocations where its points made millions. A block
 * of 1 MiB or more has its pages put in place at once where the system
 * can (MADV_POPULATE_WRITE, Linux 5.14): one system call instead of a page
 * fault per 4 KiB first touched (at 10^6, on a shared machine, the
 * median of four runs of the bench's timeline went from 1.86 to 1.63 s of
 * CPU time, 0.38 to 0.27 s of it system time).
 */
#define STORE_FIRST ((size_t)64 << 10)
#define STORE_MAX   ((size_t)8 << 20)

struct ft__store {
	GPtrArray *blocks; /* g_malloc'd */
	size_t next;       /* the size of the next block */
	char *at, *end;    /* the room left in the last block */
};

static ft__store *store_new(void)
{
	ft__store *st = g_new0(ft__store, 1);
	st->blocks = g_ptr_array_new_with_free_func(g_free);
	st->next = STORE_FIRST;
	return st;
}

void ft__store_free(ft__store *st)
{
	g_ptr_array_free(st->blocks, TRUE);
	g_free(st);
}

/* `size` bytes aligned to `align` (a power of two up to 16). */
static void *store_alloc(ft__store *st, size_t size, size_t align)
{
	uintptr_t at = ((uintptr_t)st->at + (align - 1)) & ~(uintptr_t)(align - 1);
	if (!st->at || at > (uintptr_t)st->end || size > (uintptr_t)st->end - at) {
		size_t block = st->next;
		while (block < size)
			block *= 2;
		if (st->next < STORE_MAX)
			st->next *= 2;
		char *p = g_malloc(block);
		g_ptr_array_add(st->blocks, p);
#ifdef MADV_POPULATE_WRITE
		long page = sysconf(_SC_PAGESIZE);
		if (block >= ((size_t)1 << 20) && page > 0) {
			uintptr_t from = ((uintptr_t)p + (uintptr_t)page - 1) & ~(uintptr_t)(page - 1);
			uintptr_t to = ((uintptr_t)p + block) & ~(uintptr_t)(page - 1);
			/* Only a hint: where it is refused the pages come on first touch. */
			(void)madvise((void *)from, to - from, MADV_POPULATE_WRITE);
		}
#endif
		st->at = p;
		st->end = p + block;
		at = (uintptr_t)p;
	}
	st->at = (char *)at + size;
	return (void *)at;
}

char *ft__store_room(ft__store *st, size_t size)
{
	return store_alloc(st, size, 1);
}

/* The candidates of one (node, voice): those live at the point, and the
 * one that wins among them (NULL: none live). */
typedef struct slot {
	GPtrArray *live; /* ft__cand * */
	ft__cand *winner;
	int dirty;   /* its winner left: to be found again among the live */
	guint voice; /* its voice's index among the sweep's voices */
} slot;

typedef struct slot_key {
	guint key; /* the node's key */
	const ft_source *voice;
} slot_key;

static guint slot_hash(gconstpointer p)
{
	const slot_key *k = p;
	return k->key * 31u + g_direct_hash(k->voice);
}

static gboolean slot_equal(gconstpointer a, gconstpointer b)
{
	const slot_key *x = a, *y = b;
	return x->key == y->key && x->voice == y->voice;
}

/* A point's decay for claims observed up to `obs_end`, which holds for
 * the point it was set at (point + 1; 0: none). */
struct decay_slot {
	int64_t obs_end;
	double factor;
	size_t point;
};

/* What the sweep holds: per candidate (by its index in e->cands) its slot
 * and its place among the slot's live members; the candidates entering
 * and leaving at each point (CSR: those of point p are
 * [start[p], start[p + 1]) of `list`); and one bit per candidate that wins
 * its slot, read in dataset order. */
typedef struct sweep {
	slot *slots;
	guint n_slots;
	guint *slot_of, *live_at;
	guint *enter_start, *enter_list, *leave_start, *leave_list;
	guint64 *winners;
	GPtrArray *dirty; /* slot * */
	/* The ends of each node's winners in the order of the walk of "Best"
	 * (ft__entry_ref), kept from point to point, the nodes one after
	 * another in key order (node k's end at sorted_end[k]): the winners
	 * that came since the last point (`added`, by index; their ends in
	 * `fresh`) are sorted and merged in, those that left are dropped.
	 * `listed`: in its node's list. */
	GArray *sorted, *sorted_next, *fresh;
	guint *sorted_end;
	GArray *added;
	guint8 *listed;
	/* The winners of each node (by key), kept as they change, so that a
	 * point sizes each node's list of counted claims once; and where each
	 * node's list is filled up to while a point fills them. */
	guint *key_winners, *key_filled;
	/* The slots of each voice (by index) that have a winner, and the
	 * voices with any: a point's voices, without a set of them to build
	 * from its thousands of counted claims. */
	guint *voice_winners;
	size_t voices;
	/* The decay of the point's weights by the end of the observed span,
	 * direct-mapped: the thousands of counted claims of a point end their
	 * spans on a few hundred dates (20 claims a date in the bench's
	 * timeline), and pow() once per date gives the same doubles as once
	 * per claim. */
	struct decay_slot *decay;
	size_t point; /* the point being evaluated, + 1 */
} sweep;

#define DECAY_BITS  10
#define DECAY_SLOTS (1u << DECAY_BITS)

/* The point's times: T's span, and K's end. */
typedef struct grid {
	const ft_time *at;
	size_t n;
	int as_known_then;
	int64_t fixed_k_end;
} grid;

static int64_t k_end_at(const grid *g, size_t p)
{
	return g->as_known_then ? ft_time_end(&g->at[p]) : g->fixed_k_end;
}

/* Once true along the grid, true at every later point: its observed span
 * has begun by T (rule 6) and it is reported by K (rule 1). */
static int has_begun(const ft__est *e, const grid *g, const ft__cand *cd, size_t p)
{
	(void)e;
	return cd->obs_start <= ft_time_end(&g->at[p]) && cd->reported_end <= k_end_at(g, p);
}

/* Once false along the grid, false at every later point: no retraction
 * (rule 2) or supersession (rule 3) is known by K, and it is not stale at
 * T (rule 7). INT64_MAX marks "none", as in status_at_k. */
static int not_yet_over(const ft__est *e, const grid *g, const ft__cand *cd, size_t p)
{
	int64_t k = k_end_at(g, p);
	if (cd->retracted_end < INT64_MAX && cd->retracted_end <= k)
		return 0;
	if (cd->superseded_end < INT64_MAX && cd->superseded_end <= k)
		return 0;
	return e->o.staleness_days < 0 ||
	       cd->obs_end >= ft_time_start(&g->at[p]) - (int64_t)e->o.staleness_days * US_PER_DAY;
}

/* The first point in [0, n] at which `pred` is `want`, for a predicate
 * that changes at most once along the grid. */
static size_t first_point(const ft__est *e, const grid *g, const ft__cand *cd,
                          int (*pred)(const ft__est *, const grid *, const ft__cand *, size_t), int want)
{
	size_t lo = 0, hi = g->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (!pred(e, g, cd, mid) == !want)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Rules 4 and 5 of section 2, which no date changes; with a fixed K,
 * rules 1 to 3 too (cd->known_status, set at that K). */
static int never_live(const ft__est *e, const grid *g, const ft__cand *cd)
{
	if (!g->as_known_then)
		return cd->known_status >= 0;
	return ft_claim_kind_of(cd->claim) == FT_CLAIM_DENIAL ||
	       (cd->projection && !e->o.include_projections);
}

/* Counts (when `list` is NULL) or files each candidate under the point
 * in `at` (G_MAXUINT: never), CSR style. */
static void file_points(const guint *at, guint n_cands, size_t n_points, guint *start, guint *list)
{
	if (!list) {
		memset(start, 0, (n_points + 2) * sizeof *start);
		for (guint i = 0; i < n_cands; i++)
			if (at[i] != G_MAXUINT)
				start[at[i] + 2]++;
		for (size_t p = 0; p < n_points; p++)
			start[p + 2] += start[p + 1];
		return;
	}
	/* start[p + 1] is the next free place of point p while filing. */
	for (guint i = 0; i < n_cands; i++)
		if (at[i] != G_MAXUINT)
			list[start[at[i] + 1]++] = i;
}

static void sweep_init(sweep *s, const ft__est *e, const grid *g)
{
	guint n = e->cands->len;
	memset(s, 0, sizeof *s);
	s->slot_of = g_new(guint, n ? n : 1);
	s->live_at = g_new(guint, n ? n : 1);
	s->winners = g_new0(guint64, n / 64 + 1);
	s->dirty = g_ptr_array_new();
	/* With room from the start, so that a point with no winner still has
	 * an array its nodes' lists point into (none past its start). */
	s->sorted = g_array_sized_new(FALSE, FALSE, sizeof(ft__entry_ref), 16);
	s->sorted_next = g_array_sized_new(FALSE, FALSE, sizeof(ft__entry_ref), 16);
	s->fresh = g_array_new(FALSE, FALSE, sizeof(ft__entry_ref));
	s->sorted_end = g_new0(guint, e->keys->len ? e->keys->len : 1);
	s->added = g_array_new(FALSE, FALSE, sizeof(guint));
	s->listed = g_new0(guint8, n ? n : 1);
	s->key_winners = g_new0(guint, e->keys->len ? e->keys->len : 1);
	s->key_filled = g_new0(guint, e->keys->len ? e->keys->len : 1);
	guint *enter = g_new(guint, n ? n : 1), *leave = g_new(guint, n ? n : 1);
	GHashTable *slots = g_hash_table_new_full(slot_hash, slot_equal, g_free, NULL);
	GHashTable *voices = g_hash_table_new(g_direct_hash, g_direct_equal);
	GArray *slot_voice = g_array_new(FALSE, FALSE, sizeof(guint));
	for (guint i = 0; i < n; i++) {
		const ft__cand *cd = &g_array_index(e->cands, ft__cand, i);
		enter[i] = leave[i] = G_MAXUINT;
		if (never_live(e, g, cd))
			continue;
		size_t from = first_point(e, g, cd, has_begun, 1);
		size_t until = first_point(e, g, cd, not_yet_over, 0);
		if (from >= until)
			continue;
		enter[i] = (guint)from;
		if (until < g->n)
			leave[i] = (guint)until;
		slot_key k = {cd->key, cd->voice};
		gpointer found;
		if (!g_hash_table_lookup_extended(slots, &k, NULL, &found)) {
			slot_key *kept = g_new(slot_key, 1);
			*kept = k;
			found = GUINT_TO_POINTER(s->n_slots++);
			g_hash_table_insert(slots, kept, found);
			gpointer v;
			if (!g_hash_table_lookup_extended(voices, k.voice, NULL, &v)) {
				v = GUINT_TO_POINTER(g_hash_table_size(voices));
				g_hash_table_insert(voices, (gpointer)(uintptr_t)k.voice, v);
			}
			guint vi = GPOINTER_TO_UINT(v);
			g_array_append_val(slot_voice, vi);
		}
		s->slot_of[i] = GPOINTER_TO_UINT(found);
	}
	g_hash_table_destroy(slots);
	s->slots = g_new0(slot, s->n_slots ? s->n_slots : 1);
	for (guint i = 0; i < s->n_slots; i++) {
		s->slots[i].live = g_ptr_array_new();
		s->slots[i].voice = g_array_index(slot_voice, guint, i);
	}
	s->voice_winners = g_new0(guint, g_hash_table_size(voices) + 1);
	s->decay = g_new0(struct decay_slot, DECAY_SLOTS);
	g_hash_table_destroy(voices);
	g_array_free(slot_voice, TRUE);
	s->enter_start = g_new(guint, g->n + 2);
	s->leave_start = g_new(guint, g->n + 2);
	file_points(enter, n, g->n, s->enter_start, NULL);
	file_points(leave, n, g->n, s->leave_start, NULL);
	s->enter_list = g_new(guint, s->enter_start[g->n + 1] + 1);
	s->leave_list = g_new(guint, s->leave_start[g->n + 1] + 1);
	file_points(enter, n, g->n, s->enter_start, s->enter_list);
	file_points(leave, n, g->n, s->leave_start, s->leave_list);
	g_free(enter);
	g_free(leave);
}

static void sweep_clear(sweep *s)
{
	g_array_free(s->sorted, TRUE);
	g_array_free(s->sorted_next, TRUE);
	g_array_free(s->fresh, TRUE);
	g_free(s->sorted_end);
	g_array_free(s->added, TRUE);
	g_free(s->listed);
	g_free(s->key_winners);
	g_free(s->key_filled);
	g_free(s->voice_winners);
	g_free(s->decay);
	for (guint i = 0; i < s->n_slots; i++)
		g_ptr_array_free(s->slots[i].live, TRUE);
	g_free(s->slots);
	g_free(s->slot_of);
	g_free(s->live_at);
	g_free(s->enter_start);
	g_free(s->enter_list);
	g_free(s->leave_start);
	g_free(s->leave_list);
	g_free(s->winners);
	g_ptr_array_free(s->dirty, TRUE);
}

static guint index_of(const ft__est *e, const ft__cand *cd)
{
	return (guint)(cd - &g_array_index(e->cands, ft__cand, 0));
}

static void set_winner(const ft__est *e, sweep *s, slot *sl, ft__cand *win)
{
	if (sl->winner == win)
		return;
	/* A slot that gains or loses its winner changes its voice's count. */
	if (!sl->winner && s->voice_winners[sl->voice]++ == 0)
		s->voices++;
	else if (!win && --s->voice_winners[sl->voice] == 0)
		s->voices--;
	if (sl->winner) {
		guint i = index_of(e, sl->winner);
		s->winners[i / 64] &= ~(UINT64_C(1) << (i % 64));
		s->key_winners[sl->winner->key]--;
	}
	if (win) {
		guint i = index_of(e, win);
		s->winners[i / 64] |= UINT64_C(1) << (i % 64);
		s->key_winners[win->key]++;
		g_array_append_val(s->added, i);
	}
	sl->winner = win;
}

/* The live candidates of point p: those leaving go, those entering come,
 * and each slot whose winner left finds its winner again. */
static void advance(const ft__est *e, sweep *s, size_t p)
{
	for (guint k = s->leave_start[p]; k < s->leave_start[p + 1]; k++) {
		guint i = s->leave_list[k];
		slot *sl = &s->slots[s->slot_of[i]];
		ft__cand *cd = &g_array_index(e->cands, ft__cand, i);
		/* Out of the live members in O(1): the last takes its place. */
		guint at = s->live_at[i];
		ft__cand *last = g_ptr_array_index(sl->live, sl->live->len - 1);
		g_ptr_array_index(sl->live, at) = last;
		s->live_at[index_of(e, last)] = at;
		g_ptr_array_set_size(sl->live, (gint)sl->live->len - 1);
		if (sl->winner == cd && !sl->dirty) {
			sl->dirty = 1;
			g_ptr_array_add(s->dirty, sl);
		}
	}
	for (guint k = s->enter_start[p]; k < s->enter_start[p + 1]; k++) {
		guint i = s->enter_list[k];
		slot *sl = &s->slots[s->slot_of[i]];
		ft__cand *cd = &g_array_index(e->cands, ft__cand, i);
		s->live_at[i] = sl->live->len;
		g_ptr_array_add(sl->live, cd);
		if (!sl->dirty && (!sl->winner || ft__wins_over(cd, sl->winner)))
			set_winner(e, s, sl, cd);
	}
	for (guint k = 0; k < s->dirty->len; k++) {
		slot *sl = g_ptr_array_index(s->dirty, k);
		ft__cand *win = NULL;
		for (guint j = 0; j < sl->live->len; j++) {
			ft__cand *cd = g_ptr_array_index(sl->live, j);
			if (!win || ft__wins_over(cd, win))
				win = cd;
		}
		sl->dirty = 0;
		set_winner(e, s, sl, win);
	}
	g_ptr_array_set_size(s->dirty, 0);
}

static int is_winner(const sweep *s, guint i)
{
	return (s->winners[i / 64] >> (i % 64)) & 1;
}

/* By node, then in the order of the walk of "Best". */
static int compare_key_then_entry(const void *a, const void *b)
{
	const ft__entry_ref *x = a, *y = b;
	if (x->cd->key != y->cd->key)
		return x->cd->key < y->cd->key ? -1 : 1;
	return ft__compare_entry_refs(a, b);
}

/*
 * Each node's ends of its winners in the order of the walk of "Best", for
 * ft__node_figure to read instead of sorting them again (n->sorted): the
 * order is total (figure.c), so keeping it is the same as sorting anew.
 * The winners that left are dropped and those that came are sorted and
 * merged in: the cost is the node's claims plus k log k for k newcomers.
 * Every node's list lies in one array, the nodes in key order, merged from
 * the point before's array into the other one of the two (2 x the point's
 * `count` winners' ends): no allocation per node and point.
 */
static void keep_sorted(const ft__est *e, sweep *s, ft__node **nodes, size_t count)
{
	GArray *fresh = s->fresh;
	g_array_set_size(fresh, 0);
	for (guint k = 0; k < s->added->len; k++) {
		guint i = g_array_index(s->added, guint, k);
		if (!is_winner(s, i) || s->listed[i])
			continue;
		s->listed[i] = 1;
		ft__cand *cd = &g_array_index(e->cands, ft__cand, i);
		ft__entry_ref lo = {cd, 0}, hi = {cd, 1};
		g_array_append_val(fresh, lo);
		g_array_append_val(fresh, hi);
	}
	g_array_set_size(s->added, 0);
	if (fresh->len > 1)
		qsort(fresh->data, fresh->len, sizeof(ft__entry_ref), compare_key_then_entry);
	const ft__entry_ref *add = (const ft__entry_ref *)(void *)fresh->data;
	GArray *old = s->sorted, *now = s->sorted_next;
	g_array_set_size(now, (guint)(2 * count));
	const ft__entry_ref *was = (const ft__entry_ref *)(void *)old->data;
	ft__entry_ref *out = (ft__entry_ref *)(void *)now->data;
	guint a = 0, o = 0, len = 0;
	for (guint k = 0; k < e->keys->len; k++) {
		guint begin = len, want = len + 2 * nodes[k]->counted.len, o_end = s->sorted_end[k];
		for (;;) {
			while (o < o_end && !is_winner(s, index_of(e, was[o].cd))) {
				s->listed[index_of(e, was[o].cd)] = 0;
				o++;
			}
			int more_old = o < o_end, more_add = a < fresh->len && add[a].cd->key == k;
			if (!more_old && !more_add)
				break;
			g_assert(len < want);
			if (more_old && (!more_add || ft__compare_entry_refs(&was[o], &add[a]) < 0))
				out[len++] = was[o++];
			else
				out[len++] = add[a++];
		}
		g_assert(len == want);
		s->sorted_end[k] = len;
		nodes[k]->sorted = out + begin;
		nodes[k]->n_sorted = len - begin;
	}
	g_assert(len == 2 * count);
	s->sorted = now;
	s->sorted_next = old;
}

/* The weight of `cd` at the point: its base weight times ft__decay_at,
 * the decay found once per end of an observed span. */
static double weight_at(const ft__est *e, sweep *s, const ft__cand *cd)
{
	guint h = (guint)(((guint64)cd->obs_end * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - DECAY_BITS));
	struct decay_slot *d = &s->decay[h];
	if (d->point != s->point || d->obs_end != cd->obs_end) {
		d->point = s->point;
		d->obs_end = cd->obs_end;
		d->factor = ft__decay_at(e, cd->obs_end);
	}
	return cd->base_weight * d->factor;
}

/* Point p from the winners: their contributions, in dataset order, and
 * the rest of the evaluation as for an estimate alone. Every array is
 * sized once: the point's contributions (written in place, where the
 * evaluation leaves them), its counted claims and each node's. */
static int evaluate_point(ft__est *e, sweep *s, ft_estimate *out, ft_error *err)
{
	guint n = e->cands->len;
	ft__node **nodes = g_new(ft__node *, e->keys->len ? e->keys->len : 1);
	ft__evaluate_begin(e, out, nodes);
	ft__result *res = out->internal;
	size_t count = 0;
	for (guint w = 0; w <= n / 64; w++)
		count += (size_t)__builtin_popcountll(s->winners[w]);
	res->n_contributions = count;
	res->contributions = store_alloc(e->rule_texts, (count ? count : 1) * sizeof(ft_contribution), 16);
	res->borrowed = 1;
	GPtrArray *counted = g_ptr_array_sized_new((guint)count);
	g_ptr_array_set_size(counted, (gint)count);
	for (guint k = 0; k < e->keys->len; k++) {
		ft__ptrs_set_size(e, &nodes[k]->counted, (guint)s->key_winners[k]);
		s->key_filled[k] = 0;
	}
	size_t k = 0;
	for (guint w = 0; w <= n / 64; w++) {
		for (guint64 bits = s->winners[w]; bits; bits &= bits - 1) {
			ft__cand *cd =
			    &g_array_index(e->cands, ft__cand, w * 64 + (guint)__builtin_ctzll(bits));
			cd->out = &res->contributions[k];
			cd->node = nodes[cd->key];
			ft__cand_contribution(cd, cd->out);
			cd->out->weight = weight_at(e, s, cd);
			cd->out->status = FT_STATUS_COUNTED;
			cd->current = 0;
			cd->node->counted.pdata[s->key_filled[cd->key]++] = cd;
			g_ptr_array_index(counted, k) = cd;
			k++;
		}
	}
	keep_sorted(e, s, nodes, count);
	GPtrArray *counted_nodes = g_ptr_array_new();
	for (guint i = 0; i < e->keys->len; i++)
		if (nodes[i]->counted.len)
			g_ptr_array_add(counted_nodes, nodes[i]);
	g_free(nodes);
	ft_contribution *mine = res->contributions;
	e->voices_known = 1;
	e->voices = s->voices;
	int rc = ft__evaluate_finish(e, out, counted_nodes, counted, err);
	/* Every contribution is counted: finish kept them all in place. */
	g_assert(res->contributions == mine);
	g_ptr_array_free(counted_nodes, TRUE);
	g_ptr_array_free(counted, TRUE);
	return rc;
}

int ft__sweep_timeline(ft__est *e, const ft_time *at, size_t n, int as_known_then, ft_estimate *points,
                       size_t *made, ft__store **store, ft_error *err)
{
	g_assert(e->counted_only);
	grid g = {at, n, as_known_then, e->k_end};
	sweep s;
	sweep_init(&s, e, &g);
	/* A claim counted at many points has its rule worded from the same
	 * pieces at each: only its weight is the point's own. */
	e->rule_parts = g_new0(ft__rule_parts, e->cands->len ? e->cands->len : 1);
	e->rule_chunk = g_string_chunk_new(4096);
	/* What the points borrow from the timeline. */
	e->rule_texts = store_new();
	int rc = 0;
	*made = 0;
	for (size_t p = 0; p < n && rc == 0; p++) {
		static const ft_estimate init = FT_ESTIMATE_INIT;
		points[p] = init;
		ft__est_set_at(e, &at[p]);
		if (as_known_then) {
			/* K only: each candidate's status at K is the sweep's. */
			e->o.known_on = at[p];
			e->k_end = ft_time_end(&at[p]);
		}
		advance(e, &s, p);
		s.point = p + 1;
		rc = evaluate_point(e, &s, &points[p], err);
		*made = p + 1;
	}
	sweep_clear(&s);
	g_free(e->rule_parts);
	g_string_chunk_free(e->rule_chunk);
	e->rule_parts = NULL;
	e->rule_chunk = NULL;
	*store = e->rule_texts;
	e->rule_texts = NULL;
	e->voices_known = 0;
	return rc;
}
