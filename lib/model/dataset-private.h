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
#include "base/error-private.h"

typedef enum ft__kind { FT__ACTOR = 0, FT__REGION, FT__UNIT, FT__SOURCE, FT__CLAIM, FT__KIND_COUNT } ft__kind;

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
 * its position in the dataset. A FT__FLAWED entity failed its own checks
 * during a load: it holds only its id, so that references to it do not
 * raise a second, misleading error. The last six bytes are a claim's
 * small fields, kept here where they would otherwise be padding (the
 * other kinds leave them zero): a million claims save 8 MB. */
typedef struct ft__entity {
	const char *id;
	uint32_t src;
	uint32_t pos;
	uint8_t kind;  /* ft__kind */
	uint8_t flags; /* FT__FLAWED; a claim's FT__CLAIM_* */
	/* claims only */
	uint16_t parts;            /* bit i: part i is in the claim's tail */
	uint8_t qualifier : 3;     /* ft_qualifier */
	uint8_t claim_kind : 2;    /* ft_claim_kind */
	uint8_t observed_form : 2; /* ft_observed_form */
	uint8_t credibility;
	uint16_t measure; /* in the dataset's measures; FT__MEASURE_IN_TAIL: a part */
} ft__entity;

/* A claim's measure when the dataset already has 65,535 others: kept as a
 * part of the claim (FT__CP_MEASURE) instead of by its index. */
#define FT__MEASURE_IN_TAIL UINT16_MAX

#define FT__FLAWED 1u

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

/*
 * Where an actor, a region or a source sits in its tree, set once its
 * parents are resolved (model/tree.c): its depth, and a jump pointer to an
 * ancestor chosen so that any ancestor is reached in O(log depth) steps
 * (Myers' skew-binary jumps). So "is A within B" costs log depth, not
 * depth, and a chain of 50,000 costs no more to ask about than one of 50.
 */
typedef struct ft__tree {
	uint32_t depth;
	uint32_t placed;        /* depth and jump are set */
	const ft__entity *jump; /* itself at a root */
} ft__tree;

struct ft_actor {
	ft__entity e;
	ft__tree tree;
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
	ft__tree tree;
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
	ft__tree tree;
	/* Set with the tree: the root of its parent chain (its voice), the
	 * nearest source at or above it graded other than F (NULL: none), and
	 * the nearest actor at or above it (NULL: none). */
	const ft_source *root;
	const ft_source *graded;
	const ft_actor *speaker;
};

/*
 * A claim, compact because there are millions. Its fixed part (40 bytes)
 * holds what every claim has; what only some claims have follows it in
 * `tail`, as the parts below, each present when its bit is set in
 * e.parts, in the order of the bits. So a claim with a figure, a day and
 * a source takes 48 bytes, and one with a quote, an interval and two
 * outlets twice that, where one struct with room for everything took 152
 * bytes plus a 152-byte side record for two claims in three. Entities are
 * named by 32-bit position; the dataset is found from the claim's address
 * (model/dataset.c, ARENA_BLOCK_SIZE).
 *
 * Time values are packed into 8 bytes (whole seconds, offset, precision,
 * 'Z'); a claim with a time that does not pack (fractions of a second) is
 * `wide` and keeps every time whole, 16 bytes each. A reference holds the
 * id it was written with until it is resolved, and the entity afterwards
 * (FT__CLAIM_REFS for source, subject and region, which are resolved on
 * insert when their entities are there already; FT__CLAIM_RESOLVED for
 * all of the claim's references). The lists of references keep their ids
 * and, once resolved, the positions of the entities they name, so that
 * what follows a supersedes or disputes list (the supersessions' index,
 * the loop check) looks nothing up. A reader that names every reference
 * by position (a snapshot) gives them on insert (FT__CLAIM_LISTS).
 */
enum ft__claim_part {
	FT__CP_REPORTED = 0,  /* a time; always present */
	FT__CP_OBSERVED_FROM, /* a time: the observed time, or an interval's from */
	FT__CP_OBSERVED_TO,   /* a time: an interval's to (open: precision none) */
	FT__CP_RETRACTED,     /* a time */
	FT__CP_RANGE,         /* uint64_t low, high */
	FT__CP_MEASURE,       /* const char *, only with FT__MEASURE_IN_TAIL */
	FT__CP_QUOTE,         /* const char * */
	FT__CP_URL,           /* const char * */
	FT__CP_NOTE,          /* const char * */
	FT__CP_UNIT,          /* const char * id, then const ft_unit * */
	FT__CP_EXT,           /* ft__exts */
	FT__CP_OBSERVED_EXT,  /* ft__exts */
	/* Lists: a count (8 bytes), then the items. */
	FT__CP_VIA,        /* n ids, then n sources' positions */
	FT__CP_SUPERSEDES, /* n claim ids, then n claims' positions */
	FT__CP_DISPUTES,   /* n claim ids, then n claims' positions */
	FT__CP_TAGS,       /* n strings */
	FT__CP_COUNT       /* at most 16: e.parts has a bit for each */
};

/* Flags of a claim (in e.flags, beside FT__FLAWED). */
#define FT__CLAIM_HAS_VALUE  2u
#define FT__CLAIM_RESOLVED   4u
#define FT__CLAIM_WIDE       8u
#define FT__CLAIM_REFS       16u /* source, subject and region hold entities, not ids */
#define FT__CLAIM_BIG        32u /* the value does not fit 32 bits: the tail's first word holds it */
#define FT__CLAIM_SUPERSEDED 64u /* a claim lists it in supersedes */
/* Its unit and lists hold the entities' positions since insert (by
 * ft__dataset_insert_claim_at); the ids of the supersedes and disputes
 * lists are taken from the claims they name on resolve. */
#define FT__CLAIM_LISTS 128u

/* What a position field holds when it names no entity (an unknown one in
 * a load that fails). */
#define FT__NO_ENTITY UINT32_MAX

struct ft_claim {
	ft__entity e;
	/* Positions of the entities (FT__CLAIM_REFS), or before that of their
	 * ids in the dataset's pending list. */
	uint32_t source, subject, region;
	uint32_t value; /* all of it, or with FT__CLAIM_BIG its low half */
	uint64_t tail[];
};

/* Whether `c` has part `part`: one bit, where finding the part walks the
 * parts before it (a retraction, a disputes list, which few claims have). */
static inline int ft__claim_has(const ft_claim *c, enum ft__claim_part part)
{
	return (c->e.parts >> part) & 1u;
}

/* A time part of `c` (precision none when absent). */
ft_time ft__claim_time(const ft_claim *c, enum ft__claim_part part);

/* The retraction time of a claim (precision NONE when it has none). */
static inline ft_time ft__claim_retracted(const ft_claim *c)
{
	return ft__claim_time(c, FT__CP_RETRACTED);
}

/*
 * Insert one entity: checks its own fields (recording every problem in
 * `errs` under paths like "claims[<src>].region") and its id, and stores it
 * unresolved. Returns the entity, or NULL when it could not be stored (no
 * valid id, or the id is taken). An entity stored with problems is
 * recorded in `errs` all the same; the caller decides to keep it.
 */
ft__entity *ft__dataset_insert(ft_dataset *ds, ft__kind kind, const void *desc, uint32_t src,
                               ft__errlist *errs);

/* What a reader knows of a claim beforehand, as a snapshot holds it: its
 * references by position in their kinds (each list as long as the
 * description's), and the lengths of its strings (each that is not NULL),
 * which a copy need not measure again. */
typedef struct ft__claim_given {
	uint32_t source, subject, region;
	uint32_t unit; /* FT__NO_ENTITY: none */
	const uint32_t *via, *supersedes, *disputes;
	size_t id_len, quote_len, url_len, note_len;
	/* ft__claim_passes_alone said yes: its checks are not made again (but
	 * for duplicate ids, when the claims' ids are not deferred). */
	int checked;
} ft__claim_given;

/*
 * Inserts a claim as ft__dataset_insert does, its references given by
 * their positions as well as by their ids, and its strings' lengths: a
 * reader that names entities by position (the snapshot's) spares the
 * look-ups, and the copies their measuring. A position is a
 * reference only when it is in range (it is then the entity the id names,
 * which the caller answers for); when one of source, subject, region,
 * unit or via is out of range, the ids are looked up as without them. The
 * positions of supersedes and disputes name claims that may come later:
 * the caller answers for every one naming a claim by the time the
 * dataset is resolved.
 */
ft__entity *ft__dataset_insert_claim_at(ft_dataset *ds, const ft_claim_desc *desc, uint32_t src,
                                        const ft__claim_given *at, ft__errlist *errs);

/*
 * Adds one entity whose references must already be in the dataset (the
 * JSON Lines rule, and the public add functions'): insert, resolve, the
 * checks that need other entities, the indexes. Returns the entity, or
 * NULL with the problems recorded and the dataset unchanged.
 */
ft__entity *ft__dataset_add_one(ft_dataset *ds, ft__kind kind, const void *desc, uint32_t src,
                                ft__errlist *errs);

/* As an entity's `src`: it came from a line of a JSON Lines file, and its
 * paths read "claim.region" (the line number says where). */
#define FT__SRC_LINE UINT32_MAX

/* Stores a flawed placeholder holding only `id` (see ft__entity). Records
 * a duplicate id like insert does. */
void ft__dataset_reserve(ft_dataset *ds, ft__kind kind, const char *id, uint32_t src, ft__errlist *errs);

/*
 * The checks only the API path needs (model/check.c), for readers whose
 * input could hold what a JSON parser never gives (the snapshot reader):
 * the description's version, its lists and times (one the time parser
 * could produce), UTF-8 in the plain strings, JSON text in extension
 * values and geometry. 0 or a negative code with `err` filled.
 */
int ft__check_api(ft__kind kind, const void *desc, ft_error *err);
/* The same, for a reader that has checked every string it hands over for
 * UTF-8 already (the snapshot's string table, each entry once): the rest
 * of the checks, without validating each use of a string again. */
int ft__check_api_utf8_known(ft__kind kind, const void *desc, ft_error *err);
/* Whether a claim's description passes, with its strings known UTF-8,
 * every check that needs nothing of a dataset: ft__check_api_utf8_known's,
 * its id's form and its own fields' (what inserting it checks before its
 * id is looked up). 1 or 0, recording nothing; safe on any thread. A
 * claim that passes may be inserted with ft__claim_given.checked set. */
int ft__claim_passes_alone(const ft_claim_desc *d);
/* The lists and times of dataset metadata given through the API. */
int ft__check_info_api(const ft_dataset_info *info, ft_error *err);
/* Extension values must be JSON text: 0 or FT_EFORMAT with `err` filled
 * (its path the extension's key). */
int ft__check_ext_json(const ft_extension *ext, size_t n, ft_error *err);

/* Resolves the references of every entity and checks parent loops and
 * claim units, recording problems in `errs`. */
void ft__dataset_resolve_all(ft_dataset *ds, ft__errlist *errs);

/* Builds the indexes of a loaded dataset whose references all resolved. */
void ft__dataset_index_all(ft_dataset *ds);

/*
 * The claims' groups (see ft__group) worked out by a reader from what it
 * read, before the claims are stored (the snapshot's, from its records,
 * on a thread that would wait otherwise): each group's subject and region
 * by position, its measure's text, and its claims' positions in order at
 * positions[first .. first + n), the groups in the order of their first
 * claims. The reader answers for it: every claim of the dataset in its
 * group, the measures the dataset's.
 */
typedef struct ft__group_given {
	uint32_t subject, region;
	const char *measure;
	uint32_t first, n;
} ft__group_given;

typedef struct ft__groups_given {
	ft__group_given *groups;
	size_t n;
	uint32_t *positions;
} ft__groups_given;

/* Resolves every entity as ft__dataset_resolve_all does and, when that
 * finds no problem, builds the indexes as ft__dataset_index_all does; the
 * claims' index on a second thread meanwhile, when every claim took its
 * source, subject and region by position (a snapshot's), from the groups
 * `given` when not NULL. On problems the dataset is only fit to be freed. */
void ft__dataset_resolve_index_all(ft_dataset *ds, const ft__groups_given *given, ft__errlist *errs);

/* Sets the metadata without the argument checks of ft_dataset_set_info. */
void ft__dataset_set_info(ft_dataset *ds, const ft_dataset_info *info, ft__errlist *errs);

/* The number of entities of a kind, and the ids of all of them (for "did you mean"). */
size_t ft__dataset_count(const ft_dataset *ds, ft__kind kind);

/* Makes room in the id table of `kind` for `n` more entities, which a
 * reader that knows their number (the snapshot's) says before it inserts
 * them: no table grown and rehashed on the way, and fewer probes. */
void ft__dataset_expect(ft_dataset *ds, ft__kind kind, size_t n);

/*
 * The id index of one kind built apart from any dataset, on any thread,
 * from the ids of the entities the dataset will hold in that order: a
 * reader that knows every id before it stores the entities (the
 * snapshot's, whose claims' ids are in its string table) builds it beside
 * the decoding, in one pass that fetches the slots ahead, and the
 * dataset adopts it. The dataset stores the entities of a kind whose
 * index is deferred without looking up or indexing their ids, so a
 * duplicate id goes unnoticed there: the build notices it instead.
 */
typedef struct ft__id_index ft__id_index;
/* The id of the entity at `pos`, or NULL when it has none. */
typedef const char *(*ft__id_at_fn)(const void *payload, uint32_t pos);
/* The index of the n ids, or NULL when one is NULL or two are equal. */
ft__id_index *ft__id_index_build(size_t n, ft__id_at_fn id_at, const void *payload);
void ft__id_index_free(ft__id_index *ix);
/* From now on the dataset stores entities of `kind` without their ids
 * indexed; it has none of that kind yet. */
void ft__dataset_defer_ids(ft_dataset *ds, ft__kind kind);
/* Takes `ix` as the id index of `kind`, whose entities it was built from,
 * in the order they were stored: their number and ids must match (the
 * caller answers for it, as a load without problems does). */
void ft__dataset_adopt_ids(ft_dataset *ds, ft__kind kind, ft__id_index *ix);

/*
 * Indexes, kept current on every add and built once after a load, so that
 * an estimate touches only its candidate claims. After loading they are
 * only read, so concurrent readers need no lock.
 */
typedef struct ft__group {
	const ft_region *region;
	uint32_t *claims; /* positions of claims (half a pointer each), in dataset order */
	uint32_t n, cap;
} ft__group;

/* The dataset's own copy of `measure` (living as long as the dataset), or
 * NULL when no claim was ever given it. */
const char *ft__dataset_measure_interned(const ft_dataset *ds, const char *measure);

/* The claims about `subject` of `measure`, grouped by region (ft__group *),
 * or NULL when there are none. */
const GPtrArray *ft__dataset_groups(const ft_dataset *ds, const ft_actor *subject, const char *measure);
/* The group of `region` among them, or NULL; O(1) however many regions. */
const ft__group *ft__dataset_group(const ft_dataset *ds, const ft_actor *subject, const char *measure,
                                   const ft_region *region);

/* Whether `entity` (an actor, region, unit, source or claim) belongs to
 * `ds`: an entity of another dataset passed in is a programmer's error. */
int ft__dataset_owns(const ft_dataset *ds, const void *entity);

/* The nearest source at or above `s` graded other than F (NULL: none),
 * and the nearest actor named at or above it (NULL: none); O(1) once the
 * dataset is indexed. */
const ft_source *ft__source_graded(const ft_source *s);
const ft_actor *ft__source_speaker(const ft_source *s);

/* The root of the tree of `a` (of `r`): `a` itself when it has no parent;
 * O(log depth) once placed, as every entity of a loaded dataset is. */
const ft_actor *ft__actor_root(const ft_actor *a);
const ft_region *ft__region_root(const ft_region *r);

/* Direct children (NULL when none). */
const GPtrArray *ft__actor_children(const ft_actor *a);
const GPtrArray *ft__region_children(const ft_region *r);

/*
 * The claims that list `c` in their supersedes, in the order they were
 * added:
 *
 *     for (uint32_t l = ft__claim_superseded_first(ds, c); l;) {
 *             const ft_claim *by = ft__claim_superseded_next(ds, &l);
 *
 * _first returns 0 when there are none; _next moves `l` on (to 0 after
 * the last).
 */
uint32_t ft__claim_superseded_first(const ft_dataset *ds, const ft_claim *c);
const ft_claim *ft__claim_superseded_next(const ft_dataset *ds, uint32_t *link);

/* The dataset's cached content hash (64 hex digits and a NUL): 1 with it
 * copied to `out`, or 0 when none is cached. The cache is a side value,
 * not part of the dataset, hence the const receiver of the setter; both
 * are safe on many threads at once (model/dataset.c). */
int ft__dataset_hash_get(const ft_dataset *ds, char out[65]);
void ft__dataset_hash_set(const ft_dataset *ds, const char hex[65]);

/* Writes "claims[17].region" (field may be NULL, index < 0 for none), or
 * "claim.region" when src is FT__SRC_LINE. */
void ft__entity_path(char *buf, size_t size, ft__kind kind, uint32_t src, const char *field, long index);

#endif
