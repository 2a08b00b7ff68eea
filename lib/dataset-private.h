/*
 * The model's insides, shared by the dataset module and the JSON reader.
 *
 * Adding an entity happens in two steps so that a document may refer
 * forward (an actor's parent listed after it, two actors opposing each
 * other): insert checks the entity's own fields and its id and stores its
 * references as ids; resolve turns ids into pointers and checks what needs
 * the whole dataset (existence, kind, loops, a claim's unit against its
 * subject). The public add functions do both for one entity; the reader
 * inserts everything, then resolves everything.
 */
#ifndef FT_DATASET_PRIVATE_H
#define FT_DATASET_PRIVATE_H

#include <glib.h>
#include "forcetrack/dataset.h"
#include "error-private.h"

typedef enum ft__kind {
	FT__ACTOR = 0,
	FT__REGION,
	FT__UNIT,
	FT__SOURCE,
	FT__CLAIM,
	FT__KIND_COUNT
} ft__kind;

/* A description of any kind of entity (the kind says which member). */
typedef union ft__desc {
	ft_actor_desc actor;
	ft_region_desc region;
	ft_unit_desc unit;
	ft_source_desc source;
	ft_claim_desc claim;
} ft__desc;

/* "actors", "actor" ... for paths and messages. */
extern const char *const ft__kind_plural[FT__KIND_COUNT];
extern const char *const ft__kind_singular[FT__KIND_COUNT];

/* What every entity begins with. `src` is the entity's index in the input
 * it came from (its array in a document), used in error paths; `pos` is
 * its position in the dataset. A `flawed` entity failed its own checks
 * during a load: it holds only its id, so that references to it do not
 * raise a second, misleading error. */
typedef struct ft__entity {
	const char *id;
	uint32_t src;
	uint32_t pos;
	uint8_t kind;
	uint8_t flawed;
} ft__entity;

/* A list of references: the ids as written and, once resolved, the
 * entities they name. */
typedef struct ft__refs {
	const char **ids;
	const void **ptrs;
	size_t n;
} ft__refs;

typedef struct ft__exts {
	ft_extension *items; /* sorted by key */
	size_t n;
} ft__exts;

typedef struct ft__strings {
	const char **items;
	size_t n;
} ft__strings;

struct ft_actor {
	ft__entity e;
	const char *name;
	const char *code;
	ft_actor_kind kind;
	ft__strings aliases;
	const char *parent_id;
	const ft_actor *parent;
	ft__refs members;
	ft__refs opposes;
	ft__exts ext;
	GPtrArray *children; /* index: actors whose parent this is, or NULL */
};

struct ft_region {
	ft__entity e;
	const char *name;
	const char *code;
	ft_region_kind kind;
	const char *parent_id;
	const ft_region *parent;
	ft__refs borders;
	const char *geometry;
	ft__exts ext;
	GPtrArray *children; /* index: regions whose parent this is, or NULL */
};

struct ft_unit {
	ft__entity e;
	const char *name;
	const char *actor_id;
	const ft_actor *actor;
	ft_echelon echelon;
	const char *type;
	const char *parent_id;
	const ft_unit *parent;
	int has_strength;
	uint64_t strength;
	const char *garrison_id;
	const ft_region *garrison;
	const char *sidc;
	ft__exts ext;
};

struct ft_source {
	ft__entity e;
	const char *name;
	ft_source_kind kind;
	const char *actor_id;
	const ft_actor *actor;
	const char *parent_id;
	const ft_source *parent;
	ft_reliability reliability;
	const char *url;
	ft__exts ext;
};

/* What few claims have, kept apart so that the many do not pay for it. */
typedef struct ft__claim_extra {
	const char *unit_id;
	const ft_unit *unit;
	ft__refs via;
	/* Claim ids only: checked on resolve, looked up where needed. */
	ft__strings supersedes;
	ft__strings disputes;
	ft_time retracted;
	const char *url;
	const char *note;
	ft__strings tags;
	ft__exts ext;
	ft__exts observed_ext;
} ft__claim_extra;

/*
 * A claim, compact because there are millions: 152 bytes, with what few
 * claims have in `extra`. A reference holds the id it was written with
 * until the claim is resolved, and the entity afterwards (`resolved`).
 */
struct ft_claim {
	ft__entity e;
	union {
		const char *id;
		const ft_source *to;
	} source;
	union {
		const char *id;
		const ft_actor *to;
	} subject;
	union {
		const char *id;
		const ft_region *to;
	} region;
	const char *measure;
	const char *quote;
	ft__claim_extra *extra; /* NULL when the claim has none of it */
	ft_time reported;
	ft_interval observed; /* as given; see observed_form */
	uint64_t value, low, high;
	uint8_t qualifier; /* ft_qualifier */
	uint8_t has_value;
	uint8_t kind;          /* ft_claim_kind */
	uint8_t observed_form; /* ft_observed_form */
	uint8_t credibility;
	uint8_t resolved;
};

/* The retraction time of a claim (precision NONE when it has none). */
static inline ft_time ft__claim_retracted(const ft_claim *c)
{
	ft_time none = {0, 0, 0, 0, 0};
	return c->extra ? c->extra->retracted : none;
}

/*
 * Insert one entity: checks its own fields (recording every problem in
 * `errs` under paths like "claims[<src>].region") and its id, and stores it
 * unresolved. Returns the entity, or NULL when it could not be stored (no
 * valid id, or the id is taken). An entity stored with problems is
 * recorded in `errs` all the same; the caller decides to keep it.
 */
ft__entity *ft__dataset_insert(ft_dataset *ds, ft__kind kind, const void *desc, uint32_t src, ft__errlist *errs);

/*
 * Adds one entity whose references must already be in the dataset (the
 * JSON Lines rule, and the public add functions'): insert, resolve, the
 * checks that need other entities, the indexes. Returns the entity, or
 * NULL with the problems recorded and the dataset unchanged.
 */
ft__entity *ft__dataset_add_one(ft_dataset *ds, ft__kind kind, const void *desc, uint32_t src, ft__errlist *errs);

/* As an entity's `src`: it came from a line of a JSON Lines file, and its
 * paths read "claim.region" (the line number says where). */
#define FT__SRC_LINE UINT32_MAX

/* Stores a flawed placeholder holding only `id` (see ft__entity). Records
 * a duplicate id like insert does. */
void ft__dataset_reserve(ft_dataset *ds, ft__kind kind, const char *id, uint32_t src, ft__errlist *errs);

/* Resolves the references of every entity and checks parent loops and
 * claim units, recording problems in `errs`. */
void ft__dataset_resolve_all(ft_dataset *ds, ft__errlist *errs);

/* Builds the indexes of a loaded dataset whose references all resolved. */
void ft__dataset_index_all(ft_dataset *ds);

/* Sets the metadata without the argument checks of ft_dataset_set_info. */
void ft__dataset_set_info(ft_dataset *ds, const ft_dataset_info *info, ft__errlist *errs);

/* The number of entities of a kind, and the ids of all of them (for "did you mean"). */
size_t ft__dataset_count(const ft_dataset *ds, ft__kind kind);

/*
 * Indexes, kept current on every add and built once after a load, so that
 * an estimate touches only its candidate claims. After loading they are
 * only read, so concurrent readers need no lock.
 */
typedef struct ft__group {
	const ft_region *region;
	GPtrArray *claims; /* const ft_claim *, in dataset order */
} ft__group;

/* The claims about `subject` of `measure`, grouped by region (ft__group *),
 * or NULL when there are none. */
const GPtrArray *ft__dataset_groups(const ft_dataset *ds, const ft_actor *subject, const char *measure);

/* Direct children (NULL when none). */
const GPtrArray *ft__actor_children(const ft_actor *a);
const GPtrArray *ft__region_children(const ft_region *r);

/* The claims that list `c` in their supersedes (NULL when none). */
const GPtrArray *ft__claim_superseded_by(const ft_dataset *ds, const ft_claim *c);

/* Writes "claims[17].region" (field may be NULL, index < 0 for none), or
 * "claim.region" when src is FT__SRC_LINE. */
void ft__entity_path(char *buf, size_t size, ft__kind kind, uint32_t src, const char *field, long index);

#endif
