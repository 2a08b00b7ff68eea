/*
 * What the files of the model share and nothing above it sees: the
 * dataset's own struct, its allocator, the id tables, the checks' context,
 * and the accessors of a claim's parts. The layers above use
 * model/dataset-private.h (the entities and the model's internal API).
 *
 * The model's files, in the order an entity goes through them:
 * store.c (memory and strings), ids.c (the id tables), check.c (what an
 * entity says about itself), insert.c and claims.c (storing entities; a
 * claim's compact parts), resolve.c (references, loops), index.c (the
 * indexes estimates read), dataset.c (the dataset and the public adds),
 * describe.c and getters.c (reading entities back).
 */
#ifndef FT_MODEL_PRIVATE_H
#define FT_MODEL_PRIVATE_H

#include <stdint.h>
#include <string.h>

#include "base/arena-private.h"
#include "model/dataset-private.h"

/* Sizes in the bump allocator and in a claim's tail are multiples of 8. */
#define ROUND8(n) (((n) + 7) & ~(size_t)7)

/*
 * The bump allocator's blocks are 1 MiB, aligned to 1 MiB (a larger
 * allocation takes a multiple of that), and each begins with a pointer to
 * its dataset. So the dataset of any entity is found from the entity's
 * address alone, and a claim can name its source, subject, region and
 * outlets by 32-bit position (the getters take only the claim).
 */
#define ARENA_BLOCK_SIZE ((size_t)1 << 20)
#define ARENA_HEADER     16

/*
 * The id index of one kind: open addressing with linear probing. A slot
 * is 6 bytes in two arrays: a 16-bit tag from the id's hash (0: empty),
 * probed alone, and the entity's position + 1; the entity, and so its id,
 * is found in `items`. The load stays at most 3/4. A GHashTable keeps a
 * hash, a key and a value pointer per slot, 20 bytes, over about twice as
 * many slots as entries: 40 bytes a claim, where this takes 6 to 12; at a
 * million claims that was a tenth of all the memory a dataset held. On
 * growth the hashes are computed again from the ids, in position order.
 */
typedef struct ft__table {
	GPtrArray *items; /* ft__entity *, in insertion order */
	uint16_t *tags;
	uint32_t *pos1;
	size_t mask; /* the number of slots - 1 (a power of two) */
	/* The kind's entities are stored without their ids indexed, which an
	 * index built apart will be (ft__dataset_defer_ids). */
	int deferred;
} ft__table;

struct ft_dataset {
	GStringChunk *strings;
	GPtrArray *blocks; /* the bump allocator's blocks, or their regions (store.c) */
	char *spare_block; /* the unused second block of the last region, or NULL */
	/* The ids a claim's source, subject and region name until they are
	 * resolved (document loads, and adds that are about to be refused). */
	GPtrArray *pending;
	/* The measures of the claims, interned; a claim keeps an index. */
	GPtrArray *measures;
	GHashTable *measure_index; /* measure -> its index (a refused claim may leave one) */
	/* The index ft__dataset_measure_index gave last: claims come in runs of
	 * one measure, and a comparison costs a tenth of a hash look-up. */
	uint16_t last_measure;
	char *block_next;
	size_t block_left;
	ft__table tables[FT__KIND_COUNT];

	/* metadata */
	const char *info_id;
	const char *title;
	const char *description;
	const char *license;
	ft_time created;
	ft_time updated;
	ft__strings authors;
	ft__exts info_ext;
	ft__exts doc_ext;

	/* indexes (see model/dataset-private.h) */
	GHashTable *groups; /* group_key * -> GPtrArray of ft__group * */
	/* For subjects with claims in more than GROUP_SCAN regions only:
	 * region_key * -> ft__group *, so that indexing a claim does not scan
	 * every region of its subject. */
	GHashTable *group_regions;
	/* Supersession: for each claim some later claim lists, where its list
	 * of superseders begins (see sup_find). */
	GArray *supersessions; /* supersession */
	uint32_t *sup_keys;    /* a superseded claim's position + 1; 0: empty */
	uint32_t *sup_heads;   /* its first supersession's index + 1 */
	uint32_t *sup_tails;   /* its last one's: appending is O(1) */
	size_t sup_mask, sup_count;

	/* The content hash (ft_dataset_content_hash), once computed or read
	 * from a snapshot's header; any change to the dataset forgets it
	 * (ft__dataset_hash_forget). The lock lets readers on many threads
	 * ask for it at once. */
	GMutex hash_lock;
	int hash_known;
	char hash[65];
};

/* Forgets the cached content hash: the dataset is changing. */
void ft__dataset_hash_forget(ft_dataset *ds);

/* The dataset that owns an entity (see ARENA_BLOCK_SIZE). */
static inline const ft_dataset *ft__owner(const void *entity)
{
	return *(ft_dataset *const *)((uintptr_t)entity & ~(uintptr_t)(ARENA_BLOCK_SIZE - 1));
}

/* The entity of `kind` at position `pos`, or NULL for FT__NO_ENTITY. */
static inline const void *ft__entity_at(const ft_dataset *ds, ft__kind kind, uint32_t pos)
{
	return pos == FT__NO_ENTITY ? NULL : g_ptr_array_index(ds->tables[kind].items, pos);
}

/* ---- memory and strings (store.c) ---- */

/* `size` bytes of the dataset's arena, zeroed, aligned to 8; never NULL. */
void *ft__dataset_alloc(ft_dataset *ds, size_t size);
/* `s` interned in the dataset (NULL stays NULL). */
const char *ft__dataset_intern(ft_dataset *ds, const char *s);
/* Text that is rarely shared (a quote, a note): copied without interning. */
const char *ft__dataset_copy_text(ft_dataset *ds, const char *s);
ft__strings ft__dataset_copy_strings(ft_dataset *ds, const char *const *src, size_t n);
ft__refs ft__dataset_copy_refs(ft_dataset *ds, const char *const *ids, size_t n);
/* Extensions, sorted by key; their values are copied, not interned. */
ft__exts ft__dataset_copy_exts(ft_dataset *ds, const ft_extension *src, size_t n);

/* MurmurHash3's finaliser: every bit of `h` moves every bit of the result,
 * so that keys that differ only in a few bits (ids in their last
 * characters, positions) do not fill neighbouring slots. */
static inline uint32_t ft__mix32(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

/* ---- the id tables (ids.c) ---- */

/* Gives an empty table `slots` slots (a power of two). */
void ft__ids_alloc(ft__table *t, size_t slots);
/* The entity of `kind` with `id`, or NULL (also for a NULL id). */
ft__entity *ft__dataset_lookup(const ft_dataset *ds, ft__kind kind, const char *id);
/* Gives `e` the next position of its kind and indexes its id. */
void ft__dataset_store(ft_dataset *ds, ft__entity *e);
/* Takes back the last entity stored (a failed public add). Its memory stays
 * in the arena until the dataset is freed. */
void ft__dataset_unstore_last(ft_dataset *ds, ft__kind kind);

/* What a check needs to name the place of a problem. */
typedef struct ft__check_ctx {
	ft__errlist *errs;
	ft__kind kind;
	uint32_t src;
} ft__check_ctx;

/* ---- checks of an entity's own fields (check.c) ---- */

/* Records a problem at the entity's path, under `field` (NULL: the entity)
 * and its item `index` (< 0: none). */
void ft__problem(const ft__check_ctx *c, int code, const char *field, long index, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);
/* 0 when `id` is valid and free in its kind; -1 with the problem recorded. */
int ft__check_new_id(ft_dataset *ds, const ft__check_ctx *c, const char *id);
/* The own fields of each kind (the id is ft__check_new_id's). */
void ft__check_actor(const ft__check_ctx *c, const ft_actor_desc *d);
void ft__check_region(const ft__check_ctx *c, const ft_region_desc *d);
void ft__check_unit(const ft__check_ctx *c, const ft_unit_desc *d);
void ft__check_source(const ft__check_ctx *c, const ft_source_desc *d);
void ft__check_claim(const ft__check_ctx *c, const ft_claim_desc *d);
/*
 * The checks only the API path needs: the description's version, UTF-8 in
 * the plain strings, and JSON text in extension values and geometry (the
 * readers guarantee all of these for what they load). 0 or a negative
 * code with `err` filled.
 */

/* ---- a claim's parts (claims.c; see struct ft_claim) ---- */

static inline int ft__part_is_time(unsigned part)
{
	return part <= FT__CP_RETRACTED;
}

/* The size of a part in bytes; a list's depends on its count. */
static inline size_t ft__part_size(unsigned part, int wide, size_t n)
{
	if (ft__part_is_time(part))
		return wide ? ROUND8(sizeof(ft_time)) : 8;
	switch (part) {
	case FT__CP_RANGE: return 16;
	case FT__CP_MEASURE:
	case FT__CP_QUOTE:
	case FT__CP_URL:
	case FT__CP_NOTE:
	case FT__CP_UNIT: return 8;
	case FT__CP_EXT:
	case FT__CP_OBSERVED_EXT: return ROUND8(sizeof(ft__exts));
	case FT__CP_VIA:
	case FT__CP_SUPERSEDES:
	case FT__CP_DISPUTES: return 8 + ROUND8(n * sizeof(void *)) + ROUND8(n * sizeof(uint32_t));
	default: return 8 + ROUND8(n * sizeof(void *));
	}
}

/* Where part `part` of `c` is, or NULL when the claim does not have it. */
static inline const void *ft__claim_part_at(const ft_claim *c, enum ft__claim_part part)
{
	if (!ft__claim_has(c, part))
		return NULL;
	const char *p = (const char *)c->tail + ((c->e.flags & FT__CLAIM_BIG) ? 8 : 0);
	int wide = (c->e.flags & FT__CLAIM_WIDE) != 0;
	for (unsigned i = 0; i < (unsigned)part; i++) {
		if (!ft__claim_has(c, (enum ft__claim_part)i))
			continue;
		size_t n = i >= FT__CP_VIA ? (size_t) * (const uint64_t *)(const void *)p : 0;
		p += ft__part_size(i, wide, n);
	}
	return p;
}

/* A list part of `c`: its items and count (NULL and 0 when absent). */
static inline const void *ft__claim_list(const ft_claim *c, enum ft__claim_part part, size_t *n)
{
	const uint64_t *p = ft__claim_part_at(c, part);
	*n = p ? (size_t)p[0] : 0;
	return p ? p + 1 : NULL;
}

/* The string a part holds (quote, url, note, a unit's id before resolve). */
static inline const char *ft__claim_string(const ft_claim *c, enum ft__claim_part part)
{
	const char *const *p = ft__claim_part_at(c, part);
	return p ? *p : NULL;
}

static inline const char *ft__claim_measure(const ft_claim *c)
{
	if (c->e.measure == FT__MEASURE_IN_TAIL)
		return ft__claim_string(c, FT__CP_MEASURE);
	return g_ptr_array_index(ft__owner(c)->measures, c->e.measure);
}

static inline const ft__exts *ft__claim_exts(const ft_claim *c, enum ft__claim_part part)
{
	return ft__claim_part_at(c, part);
}

/* A claim's list of references (via, supersedes, disputes): the ids, then
 * (once resolved) the positions of the entities they name. */
typedef struct ft__claim_refs_list {
	const char **ids;
	uint32_t *pos;
	size_t n;
} ft__claim_refs_list;

static inline ft__claim_refs_list ft__claim_refs(const ft_claim *c, enum ft__claim_part part)
{
	ft__claim_refs_list r = {NULL, NULL, 0};
	const void *p = ft__claim_list(c, part, &r.n);
	if (p) {
		r.ids = (const char **)(uintptr_t)p;
		r.pos = (uint32_t *)(uintptr_t)((const char *)p + ROUND8(r.n * sizeof(void *)));
	}
	return r;
}

static inline ft__strings ft__claim_strings(const ft_claim *c, enum ft__claim_part part)
{
	ft__strings s = {NULL, 0};
	s.items = (const char **)(uintptr_t)ft__claim_list(c, part, &s.n);
	return s;
}

/* The index of `measure` among the dataset's measures, added if new, or
 * FT__MEASURE_IN_TAIL when there are too many to index. */
uint16_t ft__dataset_measure_index(ft_dataset *ds, const char *measure);
/* Checks and stores a claim's own fields (its references as ids, or as
 * positions where the entities exist); NULL when its id is bad or taken.
 * `at`, when not NULL, gives the positions of its references
 * (ft__dataset_insert_claim_at). */
ft__entity *ft__insert_claim(ft_dataset *ds, const ft__check_ctx *c, const ft_claim_desc *d,
                             const ft__claim_given *at);

/* ---- storing entities (insert.c) ---- */

/* Allocates an entity of `size` bytes (zeroed) with the id given (of
 * `id_len` bytes, -1: measured), which
 * ft__check_new_id has accepted. */
ft__entity *ft__entity_alloc(ft_dataset *ds, const ft__check_ctx *c, const char *id, gssize id_len,
                             size_t size);

/* ---- resolving references (resolve.c) ---- */

/* Resolves the references of one entity, recording unknown ones. */
void ft__resolve_entity(const ft_dataset *ds, ft__entity *e, ft__errlist *errs);
/* The parent of an actor, region, unit or source (NULL: none, or a claim). */
const ft__entity *ft__parent_of(const ft__entity *e);
/* A claim's unit must be its subject's or under it. */
void ft__check_claim_unit(const ft_claim *cl, ft__errlist *errs);
/* The id at `i` of the pending list (unresolved claim references). */
const char *ft__pending_id(const ft_dataset *ds, uint32_t i);

/* ---- the indexes (index.c) ---- */

/* Creates the empty indexes of a new dataset, and frees them. */
void ft__dataset_index_init(ft_dataset *ds);
void ft__dataset_index_free(ft_dataset *ds);
/* Adds a resolved, valid entity to the indexes. */
void ft__index_entity(ft_dataset *ds, ft__entity *e);

/* ---- trees (tree.c) ---- */

/* Places an actor, region or source (and any unplaced ancestors) in its
 * tree; anything else is left alone. Its parents must be resolved and
 * free of loops. */
void ft__tree_place(ft__entity *e);
/* Places every entity of `kind`. */
void ft__tree_place_all(ft_dataset *ds, ft__kind kind);
/* Is `e` `anc` or under it (same kind)? O(log depth) once placed. */
int ft__tree_within(const ft__entity *e, const ft__entity *anc);

#endif
