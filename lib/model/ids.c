/*
 * The id tables: one per kind of entity, finding an entity by its id in a
 * few probes and keeping every entity of the kind in insertion order
 * (ft__table in model/model-private.h says why it is not a GHashTable).
 */
#include "model/model-private.h"

static ft__table *table(ft_dataset *ds, ft__kind kind)
{
	return &ds->tables[kind];
}

static uint32_t id_hash(const char *id)
{
	return ft__mix32(g_str_hash(id));
}

/* The tag of a hash: its upper half (the slot comes from the lower bits),
 * never 0, which marks an empty slot. */
static uint16_t id_tag(uint32_t h)
{
	uint16_t tag = (uint16_t)(h >> 16);
	return tag ? tag : 1;
}

/* The slot of `id`, or of the empty slot where it would go. */
static size_t id_find(const ft__table *t, const char *id, uint32_t h)
{
	uint16_t tag = id_tag(h);
	size_t i = h & t->mask;
	for (; t->tags[i]; i = (i + 1) & t->mask) {
		if (t->tags[i] != tag)
			continue;
		const ft__entity *e = g_ptr_array_index(t->items, t->pos1[i] - 1);
		if (strcmp(e->id, id) == 0)
			break;
	}
	return i;
}

static void id_put(ft__table *t, const ft__entity *e)
{
	uint32_t h = id_hash(e->id);
	size_t i = h & t->mask;
	while (t->tags[i])
		i = (i + 1) & t->mask;
	t->tags[i] = id_tag(h);
	t->pos1[i] = e->pos + 1;
}

void ft__ids_alloc(ft__table *t, size_t slots)
{
	t->mask = slots - 1;
	t->tags = ft__new_zeroes(slots, sizeof(uint16_t));
	t->pos1 = g_new(uint32_t, slots);
}

/* Doubles the slots and indexes the first `n` entities again. */
static void id_grow(ft__table *t, size_t n)
{
	size_t slots = (t->mask + 1) * 2;
	g_free(t->tags);
	g_free(t->pos1);
	ft__ids_alloc(t, slots);
	for (size_t i = 0; i < n; i++)
		id_put(t, g_ptr_array_index(t->items, i));
}

void ft__dataset_expect(ft_dataset *ds, ft__kind kind, size_t n)
{
	ft__table *t = table(ds, kind);
	if (t->deferred)
		return; /* the adopted index is sized already */
	size_t slots = t->mask + 1;
	/* Half full at most once the n are in: a look-up of an absent id (the
	 * duplicate check of every new one) probes about 2.5 slots there, 8.5
	 * at the three quarters a growing table allows. */
	while (slots < (size_t)1 << 31 && slots < 2 * (t->items->len + n))
		slots *= 2;
	if (slots == t->mask + 1)
		return;
	g_free(t->tags);
	g_free(t->pos1);
	ft__ids_alloc(t, slots);
	for (size_t i = 0; i < t->items->len; i++)
		id_put(t, g_ptr_array_index(t->items, i));
}

/* Indexes `e`, the last entity of `items`, whose id is not indexed yet. */
static void id_insert(ft__table *t, const ft__entity *e)
{
	size_t n = t->items->len - 1; /* indexed already */
	if ((n + 1) * 4 > (t->mask + 1) * 3)
		id_grow(t, n);
	id_put(t, e);
}

/* Removes the entity indexed last (an add that was refused). It went into
 * the first empty slot of its probe sequence, and every other entry was
 * placed before it, so none lies beyond that slot on its own sequence:
 * emptying the slot breaks no run, and nothing needs to move. */
static void id_remove_last(ft__table *t, const ft__entity *e)
{
	size_t i = id_find(t, e->id, id_hash(e->id));
	g_assert(t->tags[i] && t->pos1[i] == e->pos + 1);
	t->tags[i] = 0;
}

ft__entity *ft__dataset_lookup(const ft_dataset *ds, ft__kind kind, const char *id)
{
	if (!id)
		return NULL;
	const ft__table *t = &ds->tables[kind];
	g_assert(!t->deferred);
	size_t i = id_find(t, id, id_hash(id));
	return t->tags[i] ? g_ptr_array_index(t->items, t->pos1[i] - 1) : NULL;
}

size_t ft__dataset_count(const ft_dataset *ds, ft__kind kind)
{
	return ds->tables[kind].items->len;
}

void ft__dataset_store(ft_dataset *ds, ft__entity *e)
{
	ft__table *t = table(ds, (ft__kind)e->kind);
	ft__dataset_hash_forget(ds);
	e->pos = t->items->len;
	g_ptr_array_add(t->items, e);
	if (!t->deferred)
		id_insert(t, e);
}

/* Takes back the last entity stored (a failed public add). Its memory stays
 * in the arena until the dataset is freed. */
void ft__dataset_unstore_last(ft_dataset *ds, ft__kind kind)
{
	ft__table *t = table(ds, kind);
	ft__dataset_hash_forget(ds);
	ft__entity *e = g_ptr_array_index(t->items, t->items->len - 1);
	id_remove_last(t, e);
	g_ptr_array_set_size(t->items, (gint)t->items->len - 1);
}

/* ---- an index built apart ------------------------------------------------------ */

struct ft__id_index {
	uint16_t *tags;
	uint32_t *pos1;
	size_t mask;
};

/* How many entities ahead the build hashes an id and fetches its slot: the
 * slots of a million ids are spread over 12 MB, and a probe that waits for
 * its slot to come from memory costs several times what the rest of the
 * insertion does. */
#define ID_AHEAD 16

ft__id_index *ft__id_index_build(size_t n, ft__id_at_fn id_at, const void *payload)
{
	/* Three quarters full at most, as a table grown one id at a time: the
	 * duplicate check is made here, with the slots fetched ahead, so the
	 * half-full table of ft__dataset_expect would buy few probes for
	 * twice the memory at some sizes (at 3 x 10^6 claims, 24 MB). */
	size_t slots = 16;
	while (slots < (size_t)1 << 31 && slots * 3 < 4 * n)
		slots *= 2;
	if (slots * 3 < 4 * n)
		return NULL; /* more than the positions and the tags can tell apart */
	ft__id_index *ix = g_new(ft__id_index, 1);
	ix->mask = slots - 1;
	ix->tags = ft__new_zeroes(slots, sizeof(uint16_t));
	ix->pos1 = g_new(uint32_t, slots);
	const char *ids[ID_AHEAD];
	uint32_t hashes[ID_AHEAD];
	for (size_t i = 0; i < n + ID_AHEAD; i++) {
		if (i >= ID_AHEAD) {
			/* Inserts the id hashed ID_AHEAD places back, whose slot
			 * has come meanwhile. */
			size_t at = i - ID_AHEAD;
			const char *id = ids[at % ID_AHEAD];
			uint32_t h = hashes[at % ID_AHEAD];
			uint16_t tag = id_tag(h);
			size_t j = h & ix->mask;
			for (; ix->tags[j]; j = (j + 1) & ix->mask)
				if (ix->tags[j] == tag && strcmp(id_at(payload, ix->pos1[j] - 1), id) == 0)
					goto refused;
			ix->tags[j] = tag;
			ix->pos1[j] = (uint32_t)at + 1;
		}
		if (i < n) {
			const char *id = id_at(payload, (uint32_t)i);
			if (!id)
				goto refused;
			uint32_t h = id_hash(id);
			ids[i % ID_AHEAD] = id;
			hashes[i % ID_AHEAD] = h;
#if defined(__GNUC__)
			__builtin_prefetch(&ix->tags[h & ix->mask], 1);
			__builtin_prefetch(&ix->pos1[h & ix->mask], 1);
#endif
		}
	}
	return ix;
refused:
	ft__id_index_free(ix);
	return NULL;
}

void ft__id_index_free(ft__id_index *ix)
{
	if (!ix)
		return;
	g_free(ix->tags);
	g_free(ix->pos1);
	g_free(ix);
}

void ft__dataset_defer_ids(ft_dataset *ds, ft__kind kind)
{
	ft__table *t = table(ds, kind);
	g_assert(t->items->len == 0);
	t->deferred = 1;
}

void ft__dataset_adopt_ids(ft_dataset *ds, ft__kind kind, ft__id_index *ix)
{
	ft__table *t = table(ds, kind);
	g_assert(t->deferred);
	g_free(t->tags);
	g_free(t->pos1);
	t->tags = ix->tags;
	t->pos1 = ix->pos1;
	t->mask = ix->mask;
	t->deferred = 0;
	g_free(ix);
}
