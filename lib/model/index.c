/*
 * The indexes an estimate reads, kept current on every add and built once
 * after a load: claims grouped by (subject, measure) and then region, the
 * children of actors and regions, and which claims supersede a claim.
 * After loading they are only read, so concurrent readers need no lock.
 */
#include "model/model-private.h"

/* The measure's hash is worked out once per key, not on every probe of
 * both tables: indexing a million claims probed them two million times. */
typedef struct group_key {
	const ft_actor *subject;
	const char *measure; /* interned in the index; a caller's may not be */
	guint measure_hash;  /* g_str_hash(measure) */
} group_key;

static group_key make_group_key(const ft_actor *subject, const char *measure)
{
	group_key k = {subject, measure, g_str_hash(measure)};
	return k;
}

static guint group_key_hash(gconstpointer p)
{
	const group_key *k = p;
	return g_direct_hash(k->subject) ^ k->measure_hash;
}

/* Interned measures are equal when their pointers are: the strcmp is left
 * for a caller's copy. */
static gboolean group_key_equal(gconstpointer a, gconstpointer b)
{
	const group_key *x = a, *y = b;
	return x->subject == y->subject && x->measure_hash == y->measure_hash &&
	       (x->measure == y->measure || strcmp(x->measure, y->measure) == 0);
}

/* A subject's groups are scanned while there are at most this many:
 * most subjects have claims in a few regions, and a scan of a few beats
 * a hash lookup. Past it, group_regions finds the group. */
#define GROUP_SCAN 8

typedef struct region_key {
	group_key g;
	const ft_region *region;
} region_key;

static guint region_key_hash(gconstpointer p)
{
	const region_key *k = p;
	return group_key_hash(&k->g) * 31u + g_direct_hash(k->region);
}

static gboolean region_key_equal(gconstpointer a, gconstpointer b)
{
	const region_key *x = a, *y = b;
	return x->region == y->region && group_key_equal(&x->g, &y->g);
}

static void remember_group(ft_dataset *ds, const group_key *g, ft__group *group)
{
	region_key *key = ft__dataset_alloc(ds, sizeof *key);
	key->g = *g;
	key->region = group->region;
	g_hash_table_insert(ds->group_regions, key, group);
}

static ft__group *find_group(const ft_dataset *ds, const GPtrArray *groups, const group_key *g,
                             const ft_region *region)
{
	if (groups->len > GROUP_SCAN) {
		region_key probe = {*g, region};
		return g_hash_table_lookup(ds->group_regions, &probe);
	}
	for (guint i = 0; i < groups->len; i++) {
		ft__group *grp = g_ptr_array_index(groups, i);
		if (grp->region == region)
			return grp;
	}
	return NULL;
}

static void free_groups(gpointer p)
{
	GPtrArray *groups = p;
	for (guint i = 0; i < groups->len; i++) {
		ft__group *g = g_ptr_array_index(groups, i);
		g_free(g->claims); /* the group itself is in the arena */
	}
	g_ptr_array_free(groups, TRUE);
}

static void add_child(GPtrArray **children, gpointer child)
{
	if (!*children)
		*children = g_ptr_array_new();
	g_ptr_array_add(*children, child);
}

/* One claim listing another in its supersedes: the later claim's
 * position, and the next supersession of the same earlier claim (index +
 * 1, 0 at the end). A GHashTable from claim to a list took three times
 * the memory. */
typedef struct supersession {
	uint32_t by;
	uint32_t next;
} supersession;

/* The slot of the superseded claim at `pos`, or the empty one where it
 * would go: open addressing with linear probing. */
static size_t sup_find(const ft_dataset *ds, uint32_t pos)
{
	size_t i = ft__mix32(pos) & ds->sup_mask;
	while (ds->sup_keys[i] && ds->sup_keys[i] != pos + 1)
		i = (i + 1) & ds->sup_mask;
	return i;
}

/* Empty tables of `size` slots (a power of two). Only the keys say which
 * slots are taken, so only they start zeroed. */
static void sup_tables_new(ft_dataset *ds, size_t size)
{
	ds->sup_mask = size - 1;
	ds->sup_keys = ft__new_zeroes(size, sizeof(uint32_t));
	ds->sup_heads = g_new(uint32_t, size);
	ds->sup_tails = g_new(uint32_t, size);
}

static void sup_put(ft_dataset *ds, uint32_t pos, uint32_t head)
{
	if ((ds->sup_count + 1) * 4 > (ds->sup_mask + 1) * 3) {
		size_t old_size = ds->sup_mask + 1;
		uint32_t *keys = ds->sup_keys, *heads = ds->sup_heads, *tails = ds->sup_tails;
		sup_tables_new(ds, old_size * 2);
		for (size_t i = 0; i < old_size; i++) {
			if (!keys[i])
				continue;
			size_t j = sup_find(ds, keys[i] - 1);
			ds->sup_keys[j] = keys[i];
			ds->sup_heads[j] = heads[i];
			ds->sup_tails[j] = tails[i];
		}
		g_free(keys);
		g_free(heads);
		g_free(tails);
	}
	size_t i = sup_find(ds, pos);
	ds->sup_keys[i] = pos + 1;
	ds->sup_heads[i] = head;
	ds->sup_tails[i] = head;
	ds->sup_count++;
}

/* The group of (subject, measure, region), made if new. */
static ft__group *group_of(ft_dataset *ds, const ft_actor *subject, const char *measure,
                           const ft_region *region)
{
	group_key probe = make_group_key(subject, measure);
	GPtrArray *groups = g_hash_table_lookup(ds->groups, &probe);
	if (!groups) {
		group_key *key = ft__dataset_alloc(ds, sizeof *key);
		*key = probe;
		groups = g_ptr_array_new();
		g_hash_table_insert(ds->groups, key, groups);
	}
	ft__group *group = find_group(ds, groups, &probe, region);
	if (!group) {
		group = ft__dataset_alloc(ds, sizeof *group);
		group->region = region;
		g_ptr_array_add(groups, group);
		if (groups->len == GROUP_SCAN + 1) {
			for (guint i = 0; i < groups->len; i++)
				remember_group(ds, &probe, g_ptr_array_index(groups, i));
		} else if (groups->len > GROUP_SCAN + 1) {
			remember_group(ds, &probe, group);
		}
	}
	return group;
}

/* Puts a claim in its group. */
static void index_claim_group(ft_dataset *ds, const ft_claim *c)
{
	ft__group *group = group_of(ds, ft_claim_subject(c), ft__claim_measure(c), ft_claim_region(c));
	/* Grown by half, not doubled: there are tens of thousands of groups,
	 * and a GArray's header and doubling cost more than the positions. */
	if (group->n == group->cap) {
		group->cap = group->cap ? group->cap + group->cap / 2 : 4;
		group->claims = g_renew(uint32_t, group->claims, group->cap);
	}
	group->claims[group->n++] = c->e.pos;
}

/* Indexes what a claim supersedes, once the positions of its supersedes
 * are set (resolved, or given: FT__CLAIM_LISTS); with `mark`, flags those
 * claims (see ft__dataset_resolve_index_all for when that waits). */
static void index_claim_supersedes(ft_dataset *ds, const ft_claim *c, int mark)
{
	GPtrArray *claims = ds->tables[FT__CLAIM].items;
	ft__claim_refs_list sup = ft__claim_refs(c, FT__CP_SUPERSEDES);
	for (size_t i = 0; i < sup.n; i++) {
		if (sup.pos[i] >= claims->len)
			continue; /* see ft__dataset_resolve_index_all */
		ft_claim *old = g_ptr_array_index(claims, sup.pos[i]);
		if (mark)
			old->e.flags |= FT__CLAIM_SUPERSEDED;
		supersession link = {c->e.pos, 0};
		g_array_append_val(ds->supersessions, link);
		uint32_t added = ds->supersessions->len; /* its index + 1 */
		/* Appended at the end of the old claim's list, so that the list
		 * keeps the order the claims were added in. */
		size_t slot = sup_find(ds, old->e.pos);
		if (!ds->sup_keys[slot]) {
			sup_put(ds, old->e.pos, added);
			continue;
		}
		uint32_t last = ds->sup_tails[slot];
		g_array_index(ds->supersessions, supersession, last - 1).next = added;
		ds->sup_tails[slot] = added;
	}
}

/* Adds a resolved, valid entity to the indexes. */
void ft__index_entity(ft_dataset *ds, ft__entity *e)
{
	switch ((ft__kind)e->kind) {
	case FT__ACTOR: {
		ft_actor *a = (ft_actor *)e;
		if (a->parent)
			add_child(&((ft_actor *)(uintptr_t)a->parent)->children, a);
		break;
	}
	case FT__REGION: {
		ft_region *r = (ft_region *)e;
		if (r->parent)
			add_child(&((ft_region *)(uintptr_t)r->parent)->children, r);
		break;
	}
	case FT__CLAIM:
		index_claim_group(ds, (ft_claim *)e);
		index_claim_supersedes(ds, (ft_claim *)e, 1);
		break;
	default: break;
	}
}

void ft__dataset_index_all(ft_dataset *ds)
{
	for (int k = 0; k < FT__KIND_COUNT; k++) {
		GPtrArray *items = ds->tables[k].items;
		for (guint i = 0; i < items->len; i++)
			ft__index_entity(ds, g_ptr_array_index(items, i));
	}
}

/* Below this many claims a second thread costs more than it saves (the
 * fuzz targets' build takes every load apart: see FT__SNAP_THREADED). */
#ifdef FT__FUZZ_SMALL_THRESHOLDS
#define INDEX_APART 1
#else
#define INDEX_APART 20000
#endif

/* The groups a reader worked out (ft__groups_given), made in the order
 * their first claims come, as index_claim_group makes them, each with
 * its claims' positions at once. */
static void index_given(ft_dataset *ds, const ft__groups_given *given)
{
	const GPtrArray *actors = ds->tables[FT__ACTOR].items, *regions = ds->tables[FT__REGION].items;
	for (size_t i = 0; i < given->n; i++) {
		const ft__group_given *g = &given->groups[i];
		gpointer index;
		gboolean known = g_hash_table_lookup_extended(ds->measure_index, g->measure, NULL, &index);
		g_assert(known && g->subject < actors->len && g->region < regions->len && g->n > 0);
		ft__group *group = group_of(ds, g_ptr_array_index(actors, g->subject),
		                            g_ptr_array_index(ds->measures, GPOINTER_TO_UINT(index)),
		                            g_ptr_array_index(regions, g->region));
		g_assert(group->n == 0);
		group->claims = g_memdup2(given->positions + g->first, g->n * sizeof *group->claims);
		group->n = group->cap = g->n;
	}
}

/* What the second thread does: the groups, and with groups given, the
 * supersessions after them. */
typedef struct index_job {
	ft_dataset *ds;
	const ft__groups_given *given;
	int supersessions; /* every claim's supersedes positions are given */
} index_job;

static gpointer index_apart(gpointer p)
{
	const index_job *job = p;
	GPtrArray *claims = job->ds->tables[FT__CLAIM].items;
	if (!job->given) {
		for (guint i = 0; i < claims->len; i++)
			index_claim_group(job->ds, g_ptr_array_index(claims, i));
		return NULL;
	}
	index_given(job->ds, job->given);
	for (guint i = 0; job->supersessions && i < claims->len; i++)
		index_claim_supersedes(job->ds, g_ptr_array_index(claims, i), 0);
	return NULL;
}

/*
 * The claims' groups are built on a second thread while this one resolves
 * the references and then indexes the supersessions (which need every
 * supersedes resolved), when every claim holds its source, subject and
 * region already (FT__CLAIM_REFS, as a snapshot's do): all the groups
 * read of a claim is then set, and resolving it writes nothing they read
 * (the unit's slot and the via positions, in its tail) once its flags say
 * resolved, which they are told here beforehand. What would be written
 * that the other thread reads waits for both: the flags of superseded
 * claims, the children of actors and regions (their parents are being
 * resolved). When the resolution finds a problem, the groups are left
 * half made, as they would not have been built at all: the dataset is
 * only fit to be freed. With the groups given, which take the second
 * thread a fraction of the time, and every claim's supersedes given by
 * position (FT__CLAIM_LISTS), it indexes the supersessions too (a
 * position out of range is the resolution's to report, and skipped
 * there), and this thread only resolves.
 */
void ft__dataset_resolve_index_all(ft_dataset *ds, const ft__groups_given *given, ft__errlist *errs)
{
	GPtrArray *claims = ds->tables[FT__CLAIM].items;
	int apart = claims->len >= INDEX_APART, lists = 1;
	for (guint i = 0; apart && i < claims->len; i++) {
		ft_claim *c = g_ptr_array_index(claims, i);
		if ((c->e.flags & (FT__CLAIM_REFS | FT__FLAWED)) != FT__CLAIM_REFS)
			apart = 0;
		else
			c->e.flags |= FT__CLAIM_RESOLVED;
		if (!(c->e.flags & FT__CLAIM_LISTS))
			lists = 0;
	}
	if (!apart) {
		ft__dataset_resolve_all(ds, errs);
		if (!errs->count)
			ft__dataset_index_all(ds);
		return;
	}
	index_job job = {ds, given, given && lists};
	GThread *indexer = g_thread_new("ft-index", index_apart, &job);
	ft__dataset_resolve_all(ds, errs);
	for (guint i = 0; !job.supersessions && !errs->count && i < claims->len; i++)
		index_claim_supersedes(ds, g_ptr_array_index(claims, i), 0);
	g_thread_join(indexer);
	if (errs->count)
		return;
	for (int k = 0; k < FT__CLAIM; k++) {
		GPtrArray *items = ds->tables[k].items;
		for (guint i = 0; i < items->len; i++)
			ft__index_entity(ds, g_ptr_array_index(items, i));
	}
	for (size_t i = 0; i <= ds->sup_mask; i++)
		if (ds->sup_keys[i])
			((ft_claim *)g_ptr_array_index(claims, ds->sup_keys[i] - 1))->e.flags |=
			    FT__CLAIM_SUPERSEDED;
}

const GPtrArray *ft__dataset_groups(const ft_dataset *ds, const ft_actor *subject, const char *measure)
{
	group_key probe = make_group_key(subject, measure);
	return g_hash_table_lookup(ds->groups, &probe);
}

const ft__group *ft__dataset_group(const ft_dataset *ds, const ft_actor *subject, const char *measure,
                                   const ft_region *region)
{
	group_key probe = make_group_key(subject, measure);
	const GPtrArray *groups = g_hash_table_lookup(ds->groups, &probe);
	return groups ? find_group(ds, groups, &probe, region) : NULL;
}

const GPtrArray *ft__actor_children(const ft_actor *a)
{
	return a->children;
}

const GPtrArray *ft__region_children(const ft_region *r)
{
	return r->children;
}

uint32_t ft__claim_superseded_first(const ft_dataset *ds, const ft_claim *c)
{
	if (!(c->e.flags & FT__CLAIM_SUPERSEDED))
		return 0;
	size_t i = sup_find(ds, c->e.pos);
	return ds->sup_keys[i] ? ds->sup_heads[i] : 0;
}

const ft_claim *ft__claim_superseded_next(const ft_dataset *ds, uint32_t *link)
{
	const supersession *s = &g_array_index(ds->supersessions, supersession, *link - 1);
	*link = s->next;
	return g_ptr_array_index(ds->tables[FT__CLAIM].items, s->by);
}

void ft__dataset_index_init(ft_dataset *ds)
{
	ds->groups = g_hash_table_new_full(group_key_hash, group_key_equal, NULL, free_groups);
	ds->supersessions = g_array_new(FALSE, FALSE, sizeof(supersession));
	sup_tables_new(ds, 16);
	ds->group_regions = g_hash_table_new(region_key_hash, region_key_equal);
}

void ft__dataset_index_free(ft_dataset *ds)
{
	GPtrArray *actors = ds->tables[FT__ACTOR].items;
	for (guint i = 0; i < actors->len; i++) {
		ft_actor *a = g_ptr_array_index(actors, i);
		if (a->children)
			g_ptr_array_free(a->children, TRUE);
	}
	GPtrArray *regions = ds->tables[FT__REGION].items;
	for (guint i = 0; i < regions->len; i++) {
		ft_region *r = g_ptr_array_index(regions, i);
		if (r->children)
			g_ptr_array_free(r->children, TRUE);
	}
	g_hash_table_destroy(ds->groups);
	g_array_free(ds->supersessions, TRUE);
	g_free(ds->sup_keys);
	g_free(ds->sup_heads);
	g_free(ds->sup_tails);
	g_hash_table_destroy(ds->group_regions);
}
