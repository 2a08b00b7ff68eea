/*
 * The estimate of every (subject, region, measure) group that a dataset's
 * claims name (ft_estimate_groups): the question a table of figures, a
 * partitioned engine or a notebook's frame asks at one date. Estimated
 * group by group, each roll-up walks everything under its group again, and
 * every candidate's rule is worded; here the groups of one actor tree, one
 * region tree and one measure (a tree, for short) are read off one
 * evaluation at its roots (estimate/lattice.c), listing only what was
 * asked for. The unit of work is a run of whole trees: a worker evaluates
 * each, reads its groups off it and frees it, so no evaluation is shared
 * between threads or held longer than its own groups take. The units are
 * made ahead by an ordered pool (base/ordered-private.h) and handed to the
 * caller in order: the same estimates in the same order on any number of
 * threads.
 */
#include <string.h>

#include "base/error-private.h"
#include "base/ordered-private.h"
#include "estimate/estimate-private.h"

/* Groups a unit at most, but for a tree with more: enough that handing a
 * unit over costs little against estimating it. */
#define UNIT 256

/* A unit's claims at most, but for a tree with more: the dataset's claims
 * over this many units a thread, so that a thread finishing its units
 * finds more while another works on a large tree. */
#define UNITS_A_THREAD 16

/* The units made ahead of the one the caller takes, a thread. With the
 * units' claims bounded, this lets the other threads go on while one
 * works on the largest tree. */
#define RING_A_THREAD 8

typedef struct group {
	const ft_actor *subject;
	const ft_region *region;
	const char *measure;
	size_t tree;   /* its tree, by first appearance */
	size_t claims; /* about it */
} group;

/* A run of whole trees: groups[from, to) in the order handed over. */
typedef struct unit {
	size_t from, to;
} unit;

typedef struct job {
	const ft_dataset *ds;
	ft_estimate_options o; /* checked */
	long max_listed;       /* as asked */
	int alone;             /* every group estimated alone (all listed) */
	ft__lattices *trees;   /* the trees' roots */
	GArray *groups;        /* group, tree by tree */
	GArray *units;         /* unit */
	unsigned threads;
} job;

/* What a unit made: an estimate and a problem (NULL: none) per group.
 * The estimates' results lie in the slot's arena, let go in bulk when the
 * slot is reset: freed one by one on the caller's thread, memory that a
 * worker's malloc arena owns took that arena's lock, and at 10^5 claims
 * the caller then slept on the lock about 250 times a call, each time
 * woken by a worker's system call. */
typedef struct made {
	GArray *est; /* ft_estimate */
	GPtrArray *err;
	ft__arena results;
} made;

static guint group_hash(gconstpointer p)
{
	const group *g = p;
	return (g_direct_hash(g->subject) * 31u + g_direct_hash(g->region)) * 31u + g_direct_hash(g->measure);
}

/* Measures are interned per dataset: equal ones are one pointer. */
static gboolean group_equal(gconstpointer a, gconstpointer b)
{
	const group *x = a, *y = b;
	return x->subject == y->subject && x->region == y->region && x->measure == y->measure;
}

/*
 * The distinct groups of the claims, in the order of their first claims,
 * with their claims counted, from the dataset's index of groups: for each
 * (subject, measure), the claims of each region, in dataset order. A claim
 * not yet seen brings in every group of its subject and measure, whose
 * claims are then marked seen; the groups are put in the order of their
 * first claims at the end. One look-up a subject and measure instead of
 * one a claim in a table of our own, which, done before any worker
 * starts, was a tenth of ft_estimate_groups at 10^5 claims and no thread
 * could share. NULL where the index could differ from such a table (a
 * measure kept in its claim, past 65,535 measures, is a pointer of its
 * own, which the table takes as a measure of its own) or does not hold a
 * claim: the caller then counts them itself (collect_groups).
 */
#define AHEAD 8

static GArray *collect_indexed_groups(const ft_dataset *ds)
{
	size_t n = ft_dataset_claim_count(ds);
	guint64 *seen = g_new0(guint64, n / 64 + 1);
	GArray *found = g_array_new(FALSE, FALSE, sizeof(group));
	/* The position of a group's first claim in a key's high half, its
	 * place in `found` in the low half. */
	GArray *keys = g_array_new(FALSE, FALSE, sizeof(guint64));
	int ok = 1;
	for (size_t i = 0; i < n && ok; i++) {
		if (seen[i / 64] & (UINT64_C(1) << (i % 64)))
			continue;
		const ft_claim *c = ft_dataset_claim_at(ds, i);
		const ft_actor *subject = ft_claim_subject(c);
		const char *measure = ft_claim_measure(c);
		const GPtrArray *list = ft__dataset_measure_interned(ds, measure) == measure
		                            ? ft__dataset_groups(ds, subject, measure)
		                            : NULL;
		for (guint k = 0; list && k < list->len; k++) {
			/* The groups and their claims lie apart in memory, each
			 * a cache miss: the groups AHEAD on, and the claims of
			 * the one AHEAD / 2 on, are asked for meanwhile. */
			if (k + AHEAD < list->len)
				__builtin_prefetch(g_ptr_array_index(list, k + AHEAD));
			if (k + AHEAD / 2 < list->len)
				__builtin_prefetch(
				    ((const ft__group *)g_ptr_array_index(list, k + AHEAD / 2))->claims);
			const ft__group *grp = g_ptr_array_index(list, k);
			if (!grp->n)
				continue;
			group g = {subject, grp->region, measure, 0, grp->n};
			guint64 key = (guint64)grp->claims[0] << 32 | found->len;
			g_array_append_val(keys, key);
			g_array_append_val(found, g);
			for (uint32_t m = 0; m < grp->n; m++)
				seen[grp->claims[m] / 64] |= UINT64_C(1) << (grp->claims[m] % 64);
		}
		ok = (seen[i / 64] & (UINT64_C(1) << (i % 64))) != 0;
	}
	g_free(seen);
	GArray *groups = NULL;
	if (ok) {
		/* In the order of their first claims. */
		guint64 *order = (guint64 *)(void *)keys->data;
		ft__sort_by_high(order, keys->len);
		groups = g_array_sized_new(FALSE, FALSE, sizeof(group), found->len);
		for (guint k = 0; k < keys->len; k++)
			g_array_append_val(groups, g_array_index(found, group, order[k] & 0xffffffffu));
	}
	g_array_free(keys, TRUE);
	g_array_free(found, TRUE);
	return groups;
}

/* The distinct groups of the claims, in the order of their first claims,
 * with their claims counted. */
static GArray *collect_groups(const ft_dataset *ds)
{
	GArray *indexed = collect_indexed_groups(ds);
	if (indexed)
		return indexed;
	GArray *groups = g_array_new(FALSE, FALSE, sizeof(group));
	GHashTable *seen = g_hash_table_new_full(group_hash, group_equal, g_free, NULL);
	size_t n = ft_dataset_claim_count(ds);
	for (size_t i = 0; i < n; i++) {
		const ft_claim *c = ft_dataset_claim_at(ds, i);
		group g = {ft_claim_subject(c), ft_claim_region(c), ft_claim_measure(c), 0, 0};
		size_t at = GPOINTER_TO_SIZE(g_hash_table_lookup(seen, &g));
		if (!at) {
			g_array_append_val(groups, g);
			at = groups->len;
			g_hash_table_insert(seen, g_memdup2(&g, sizeof g), GSIZE_TO_POINTER(at));
		}
		g_array_index(groups, group, at - 1).claims++;
	}
	g_hash_table_destroy(seen);
	return groups;
}

/* Puts the groups tree by tree (trees in the order of their first groups,
 * each tree's groups in theirs: a stable counting sort) and cuts them into
 * units: of whole trees, or of UNIT groups when each is estimated alone. */
static void plan_units(job *j)
{
	size_t n_trees = ft__lattices_count(j->trees), n = j->groups->len;
	size_t *start = g_new0(size_t, n_trees + 1);
	size_t *claims = g_new0(size_t, n_trees + 1);
	for (size_t i = 0; i < n; i++) {
		const group *g = &g_array_index(j->groups, group, i);
		start[g->tree + 1]++;
		claims[g->tree] += g->claims;
	}
	size_t budget = MAX(ft_dataset_claim_count(j->ds) / (UNITS_A_THREAD * (size_t)j->threads), (size_t)1);
	for (size_t t = 0; t < n_trees; t++)
		start[t + 1] += start[t];
	GArray *sorted = g_array_sized_new(FALSE, FALSE, sizeof(group), (guint)n);
	g_array_set_size(sorted, (guint)n);
	size_t *next = g_memdup2(start, (n_trees + 1) * sizeof *start);
	for (size_t i = 0; i < n; i++) {
		const group *g = &g_array_index(j->groups, group, i);
		g_array_index(sorted, group, next[g->tree]++) = *g;
	}
	g_free(next);
	g_array_free(j->groups, TRUE);
	j->groups = sorted;
	unit u = {0, 0};
	for (size_t from = 0; j->alone && from < n; from += UNIT) {
		u = (unit){from, MIN(from + UNIT, n)};
		g_array_append_val(j->units, u);
	}
	size_t in_unit = 0; /* claims */
	for (size_t t = 0; !j->alone && t < n_trees; t++) {
		if (u.to > u.from && (start[t + 1] - u.from > UNIT || in_unit + claims[t] > budget)) {
			g_array_append_val(j->units, u);
			u.from = u.to;
			in_unit = 0;
		}
		u.to = start[t + 1];
		in_unit += claims[t];
	}
	if (!j->alone && u.to > u.from)
		g_array_append_val(j->units, u);
	g_free(claims);
	g_free(start);
}

/* The group `g` estimated alone, added to `m`. */
static void add_alone(const job *j, const group *g, made *m)
{
	ft_estimate est = FT_ESTIMATE_INIT;
	ft_error err;
	int rc = ft_estimate_compute(j->ds, g->subject, g->region, g->measure, &j->o, &est, &err);
	g_array_append_val(m->est, est);
	g_ptr_array_add(m->err, rc ? g_memdup2(&err, sizeof err) : NULL);
}

static void make_unit(void *payload, size_t k, void *slot)
{
	const job *j = payload;
	made *m = slot;
	const unit *u = &g_array_index(j->units, unit, k);
	for (size_t i = u->from; i < u->to;) {
		const group *g = &g_array_index(j->groups, group, i);
		size_t end = i + 1;
		if (j->alone) {
			add_alone(j, g, m);
			i = end;
			continue;
		}
		while (end < u->to && g_array_index(j->groups, group, end).tree == g->tree)
			end++;
		const ft_actor *actor;
		const ft_region *region;
		const char *measure;
		ft__lattices_roots(j->trees, g->tree, &actor, &region, &measure);
		ft__lattice *l = NULL;
		/* Over the node limit, each group alone: a group may be under
		 * it where its tree is not. */
		int rc = ft__lattice_new(j->ds, actor, region, measure, &j->o, (size_t)j->max_listed, &l);
		for (; i < end; i++) {
			g = &g_array_index(j->groups, group, i);
			if (rc != 0) {
				add_alone(j, g, m);
				continue;
			}
			ft_estimate est = FT_ESTIMATE_INIT;
			ft__lattice_estimate(l, g->subject, g->region, &m->results, &est);
			g_array_append_val(m->est, est);
			g_ptr_array_add(m->err, NULL);
		}
		ft__lattice_free(l);
	}
}

/* Hands the groups of unit `k` to `fn`, releasing each; returns the first
 * non-zero return of `fn`, the rest then released without a call. */
static int hand_over(const job *j, size_t k, made *m, ft_group_fn fn, void *payload)
{
	const unit *u = &g_array_index(j->units, unit, k);
	int rc = 0;
	for (size_t i = u->from; i < u->to; i++) {
		const group *g = &g_array_index(j->groups, group, i);
		ft_estimate *est = &g_array_index(m->est, ft_estimate, i - u->from);
		if (rc == 0)
			rc = fn(g->subject, g->region, g->measure, est,
			        g_ptr_array_index(m->err, i - u->from), payload);
	}
	return rc;
}

static void made_reset(made *m)
{
	for (guint i = 0; i < m->est->len; i++)
		ft_estimate_clear(&g_array_index(m->est, ft_estimate, i));
	g_array_set_size(m->est, 0);
	g_ptr_array_set_size(m->err, 0);
	ft__arena_reset(&m->results);
}

static made *made_new(void)
{
	made *m = g_new(made, 1);
	m->est = g_array_new(FALSE, FALSE, sizeof(ft_estimate));
	m->err = g_ptr_array_new_with_free_func(g_free);
	ft__arena_init(&m->results);
	return m;
}

static void made_free(made *m)
{
	made_reset(m);
	g_array_free(m->est, TRUE);
	g_ptr_array_free(m->err, TRUE);
	ft__arena_clear(&m->results);
	g_free(m);
}

void ft_groups_options_init(ft_groups_options *opts)
{
	if (opts) {
		ft_groups_options init = FT_GROUPS_OPTIONS_INIT;
		*opts = init;
	}
}

int ft_estimate_groups(const ft_dataset *ds, const ft_estimate_options *opts, const ft_groups_options *gopts,
                       ft_group_fn fn, void *payload, ft_error *err)
{
	ft_error_clear(err);
	ft_groups_options go = FT_GROUPS_OPTIONS_INIT;
	if (!ds || !opts || !fn)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_estimate_groups: NULL argument");
	if (gopts) {
		if (gopts->version == 0 || gopts->version > FT_GROUPS_OPTIONS_VERSION)
			return ft__error_set(
			    err, FT_EINVAL, NULL,
			    "ft_estimate_groups: group options of version %u; set them up with "
			    "FT_GROUPS_OPTIONS_INIT or ft_groups_options_init",
			    gopts->version);
		go = *gopts;
	}
	job j;
	memset(&j, 0, sizeof j);
	j.ds = ds;
	int rc = ft__check_options(opts, "ft_estimate_groups", &j.o, err);
	if (rc != 0)
		return rc;
	unsigned threads = go.threads ? go.threads : g_get_num_processors();
	j.threads = threads;
	j.max_listed = go.max_listed;
	j.groups = collect_groups(ds);
	j.units = g_array_new(FALSE, FALSE, sizeof(unit));
	j.alone = go.max_listed < 0 || go.max_listed > FT_GROUPS_MAX_LISTED;
	/* The set only names the trees and their roots: each unit builds its
	 * trees' evaluations itself, so none is shared or built ahead. */
	j.trees = ft__lattices_new(ds, &j.o, 1, 0);
	for (guint i = 0; i < j.groups->len; i++) {
		group *g = &g_array_index(j.groups, group, i);
		g->tree = ft__lattices_group(j.trees, g->subject, g->region, g->measure);
	}
	plan_units(&j);
	size_t n_units = j.units->len;
	if (threads <= 1) {
		made *m = made_new();
		for (size_t k = 0; k < n_units && rc == 0; k++) {
			make_unit(&j, k, m);
			rc = hand_over(&j, k, m, fn, payload);
			made_reset(m);
		}
		made_free(m);
	} else {
		size_t ring = RING_A_THREAD * (size_t)threads;
		made **slots = g_new(made *, ring);
		for (size_t i = 0; i < ring; i++)
			slots[i] = made_new();
		ft__ordered *pool = ft__ordered_new(n_units, threads, ring, (void **)slots, make_unit, &j);
		for (size_t k = 0; k < n_units && rc == 0; k++) {
			made *m = ft__ordered_take(pool);
			rc = hand_over(&j, k, m, fn, payload);
			made_reset(m);
			ft__ordered_give_back(pool);
		}
		/* Stopped by `fn`: what was made ahead is released unread. */
		ft__ordered_free(pool);
		for (size_t i = 0; i < ring; i++)
			made_free(slots[i]);
		g_free(slots);
	}
	ft__lattices_free(j.trees);
	g_array_free(j.units, TRUE);
	g_array_free(j.groups, TRUE);
	return rc;
}
