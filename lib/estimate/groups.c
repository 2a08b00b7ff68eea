/*
 * The estimate of every (subject, region, measure) group that a dataset's
 * claims name (ft_estimate_groups): the question a table of figures, a
 * partitioned engine or a notebook's frame asks at one date. Estimated
 * group by group, each roll-up walks everything under its group again, and
 * every candidate's rule is worded; here the groups of one actor tree, one
 * region tree and one measure are read off one evaluation at the roots
 * (estimate/lattice.c, shared through ft__lattices), listing only what was
 * asked for. The groups are handed to the caller in chunks made ahead by
 * an ordered pool (base/ordered-private.h), while builder threads evaluate
 * the trees in the order the groups first need them: the caller sees the
 * same estimates in the same order on any number of threads.
 */
#include <string.h>

#include "base/error-private.h"
#include "base/ordered-private.h"
#include "estimate/estimate-private.h"

/* Groups a chunk: enough that handing a chunk over costs little against
 * estimating it, few enough that the ring of chunks stays small. */
#define CHUNK 256

typedef struct group {
	const ft_actor *subject;
	const ft_region *region;
	const char *measure;
	size_t tree; /* its tree's group in the lattice set */
} group;

typedef struct job {
	const ft_dataset *ds;
	ft_estimate_options o;  /* checked */
	ft__lattices *lattices; /* NULL: every group estimated alone */
	GArray *groups;         /* group, in the order of their first claims */
} job;

typedef struct chunk {
	ft_estimate est[CHUNK];
	int rc[CHUNK];
	ft_error *err[CHUNK]; /* where rc is not 0 */
} chunk;

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

/* The distinct groups of the claims, in the order of their first claims. */
static GArray *collect_groups(const ft_dataset *ds)
{
	GArray *groups = g_array_new(FALSE, FALSE, sizeof(group));
	GHashTable *seen = g_hash_table_new_full(group_hash, group_equal, g_free, NULL);
	size_t n = ft_dataset_claim_count(ds);
	for (size_t i = 0; i < n; i++) {
		const ft_claim *c = ft_dataset_claim_at(ds, i);
		group g = {ft_claim_subject(c), ft_claim_region(c), ft_claim_measure(c), 0};
		if (!g_hash_table_contains(seen, &g)) {
			g_array_append_val(groups, g);
			g_hash_table_add(seen, g_memdup2(&g, sizeof g));
		}
	}
	g_hash_table_destroy(seen);
	return groups;
}

/* Estimates group `i` into `out` (FT_ESTIMATE_INIT); fills `err` when it
 * fails. */
static int estimate_group(job *j, size_t i, ft_estimate *out, ft_error *err)
{
	const group *g = &g_array_index(j->groups, group, i);
	if (j->lattices && ft__lattices_read(j->lattices, g->tree, 0, g->subject, g->region, 1, out) == 0)
		return 0;
	/* Alone: no evaluation of its tree (everything listed), or its tree
	 * is over the node limit while the group itself may not be. */
	return ft_estimate_compute(j->ds, g->subject, g->region, g->measure, &j->o, out, err);
}

static void make_chunk(void *payload, size_t k, void *slot)
{
	job *j = payload;
	chunk *c = slot;
	size_t from = k * CHUNK, to = MIN(from + CHUNK, (size_t)j->groups->len);
	for (size_t i = from; i < to; i++) {
		ft_error err;
		c->rc[i - from] = estimate_group(j, i, &c->est[i - from], &err);
		c->err[i - from] = c->rc[i - from] ? g_memdup2(&err, sizeof err) : NULL;
	}
}

/* Hands the groups of chunk `k` to `fn`, releasing each; returns the
 * first non-zero return of `fn`, the rest of the chunk then released
 * without a call. */
static int hand_over(job *j, size_t k, chunk *c, ft_group_fn fn, void *payload)
{
	size_t from = k * CHUNK, to = MIN(from + CHUNK, (size_t)j->groups->len);
	int rc = 0;
	for (size_t i = from; i < to; i++) {
		const group *g = &g_array_index(j->groups, group, i);
		if (rc == 0)
			rc = fn(g->subject, g->region, g->measure, &c->est[i - from], c->err[i - from],
			        payload);
		ft_estimate_clear(&c->est[i - from]);
		g_free(c->err[i - from]);
		c->err[i - from] = NULL;
	}
	return rc;
}

static void chunk_clear(chunk *c)
{
	for (size_t i = 0; i < CHUNK; i++) {
		ft_estimate_clear(&c->est[i]);
		g_free(c->err[i]);
		c->err[i] = NULL;
	}
}

static chunk *chunk_new(void)
{
	chunk *c = g_new0(chunk, 1);
	for (size_t i = 0; i < CHUNK; i++)
		ft_estimate_init(&c->est[i]);
	return c;
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
	j.groups = collect_groups(ds);
	if (go.max_listed >= 0 && go.max_listed <= FT_GROUPS_MAX_LISTED) {
		j.lattices = ft__lattices_new(ds, &j.o, 1, (size_t)go.max_listed);
		size_t *reads = g_new0(size_t, j.groups->len + 1);
		for (guint i = 0; i < j.groups->len; i++) {
			group *g = &g_array_index(j.groups, group, i);
			g->tree = ft__lattices_group(j.lattices, g->subject, g->region, g->measure);
			reads[g->tree]++;
		}
		ft__lattices_seal(j.lattices, reads);
		g_free(reads);
		if (threads > 1)
			ft__lattices_build_ahead(j.lattices, 1u, threads);
	}
	size_t n_chunks = (j.groups->len + CHUNK - 1) / CHUNK;
	if (threads <= 1) {
		chunk *c = chunk_new();
		for (size_t k = 0; k < n_chunks && rc == 0; k++) {
			make_chunk(&j, k, c);
			rc = hand_over(&j, k, c, fn, payload);
		}
		chunk_clear(c);
		g_free(c);
	} else {
		/* Four chunks a thread: a thread finishing one finds the next
		 * free while the caller is still taking the ones before. */
		size_t ring = 4 * (size_t)threads;
		chunk **slots = g_new(chunk *, ring);
		for (size_t i = 0; i < ring; i++)
			slots[i] = chunk_new();
		ft__ordered *pool = ft__ordered_new(n_chunks, threads, ring, (void **)slots, make_chunk, &j);
		for (size_t k = 0; k < n_chunks && rc == 0; k++) {
			chunk *c = ft__ordered_take(pool);
			rc = hand_over(&j, k, c, fn, payload);
			ft__ordered_give_back(pool);
		}
		/* Stopped by `fn`: what was made ahead is released unread. */
		ft__ordered_free(pool);
		for (size_t i = 0; i < ring; i++) {
			chunk_clear(slots[i]);
			g_free(slots[i]);
		}
		g_free(slots);
	}
	ft__lattices_free(j.lattices);
	g_array_free(j.groups, TRUE);
	return rc;
}
