/**
 * @file
 * The model: a dataset owns actors, regions, units, sources and claims
 * (docs/format.md sections 3-6). Entities refer to each other by id in files
 * and by pointer in memory; every reference is resolved and checked when
 * an entity is added or a dataset loaded, so every query can trust them.
 *
 * Entities are added from a description struct (ft_*_desc) and read back
 * into the same struct with ft_*_describe. Strings in a description are
 * copied on add; strings handed out by the dataset are borrowed and live as
 * long as the dataset. Adding entities never invalidates pointers already
 * handed out. A dataset may be read from many threads at once; changing it
 * needs one writer at a time and no readers.
 */
#ifndef FORCETRACK_DATASET_H
#define FORCETRACK_DATASET_H

#include "common.h"
#include "time.h"
#include "values.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A dataset: it owns every entity in it (opaque; ft_dataset_new(), ft_dataset_free()). */
typedef struct ft_dataset ft_dataset;
/** An actor: whose forces are counted, or to whom a source belongs (opaque, owned by its dataset). */
typedef struct ft_actor ft_actor;
/** A region: where forces are; regions nest (opaque, owned by its dataset). */
typedef struct ft_region ft_region;
/** A military unit of an actor (opaque, owned by its dataset). */
typedef struct ft_unit ft_unit;
/** A source: whoever makes or carries a claim (opaque, owned by its dataset). */
typedef struct ft_source ft_source;
/** A claim: a source says how much of an actor's force was where, when (opaque, owned by its dataset). */
typedef struct ft_claim ft_claim;

/**
 * An extension member: a key beginning with "x-" and its value as JSON
 * text. Extensions are kept as given and written back on save.
 */
typedef struct ft_extension {
	const char *key;  /**< "x-" and a name */
	const char *json; /**< the value as JSON text ("42", "{\"a\": 1}") */
} ft_extension;

/**
 * The version of every description struct this library knows.
 *
 * Every description struct begins with `version`; fields are only ever
 * appended. The _INIT macros and the _init functions (for bindings, which
 * cannot use macros) set the version and the defaults. Zero is the default
 * of every field, so a zero-filled struct with only `version` set is
 * empty: `reliability` 0 means F and `credibility` 0 means 6, as the
 * format's defaults are. Reading back (ft_*_describe) writes only the
 * fields the caller's `version` covers.
 */
#define FT_DESC_VERSION 1

/** The `dataset` member of a document, and extensions at the top level. */
typedef struct ft_dataset_info {
	unsigned version;                        /**< FT_DESC_VERSION, set by FT_DATASET_INFO_INIT */
	const char *id;                          /**< NULL when absent, as for every optional string */
	const char *title;                       /**< a title for people */
	const char *description;                 /**< what the dataset holds */
	const char *license;                     /**< its licence, an SPDX identifier such as "CC-BY-4.0" */
	ft_time created;                         /**< precision NONE when absent */
	ft_time updated;                         /**< precision NONE when absent */
	const char *const *authors;              /**< `n_authors` names */
	size_t n_authors;                        /**< the number of `authors` */
	const ft_extension *extensions;          /**< inside the `dataset` object */
	size_t n_extensions;                     /**< the number of `extensions` */
	const ft_extension *document_extensions; /**< at the top of the document */
	size_t n_document_extensions;            /**< the number of `document_extensions` */
} ft_dataset_info;
/** An empty ft_dataset_info of the current version. */
#define FT_DATASET_INFO_INIT                                                                                 \
	{                                                                                                    \
		FT_DESC_VERSION, NULL, NULL, NULL, NULL, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, NULL, 0, NULL, 0, \
		    NULL, 0                                                                                  \
	}

/** An actor, as added and read back (docs/format.md section 3). */
typedef struct ft_actor_desc {
	unsigned version;               /**< FT_DESC_VERSION, set by FT_ACTOR_DESC_INIT */
	const char *id;                 /**< required */
	const char *name;               /**< required */
	ft_actor_kind kind;             /**< default FT_ACTOR_OTHER */
	const char *code;               /**< ISO 3166-1 alpha-2 or alpha-3 */
	const char *const *aliases;     /**< `n_aliases` other names */
	size_t n_aliases;               /**< the number of `aliases` */
	const char *parent;             /**< actor id: forces of this actor roll up into the parent's */
	const char *const *members;     /**< actor ids, for alliances; membership does not roll up */
	size_t n_members;               /**< the number of `members` */
	const char *const *opposes;     /**< actor ids this actor is in conflict with */
	size_t n_opposes;               /**< the number of `opposes` */
	const ft_extension *extensions; /**< "x-" members of the actor */
	size_t n_extensions;            /**< the number of `extensions` */
} ft_actor_desc;
/** An empty ft_actor_desc of the current version. */
#define FT_ACTOR_DESC_INIT                                                                                   \
	{                                                                                                    \
		FT_DESC_VERSION, NULL, NULL, FT_ACTOR_OTHER, NULL, NULL, 0, NULL, NULL, 0, NULL, 0, NULL, 0  \
	}

/** A region, as added and read back (docs/format.md section 4). */
typedef struct ft_region_desc {
	unsigned version;               /**< FT_DESC_VERSION, set by FT_REGION_DESC_INIT */
	const char *id;                 /**< required */
	const char *name;               /**< required */
	ft_region_kind kind;            /**< default FT_REGION_OTHER */
	const char *code;               /**< an ISO 3166-2 code or another stable code */
	const char *parent;             /**< region id */
	const char *const *borders;     /**< actor ids whose territory the region borders */
	size_t n_borders;               /**< the number of `borders` */
	const char *geometry;           /**< a GeoJSON geometry object as JSON text */
	const ft_extension *extensions; /**< "x-" members of the region */
	size_t n_extensions;            /**< the number of `extensions` */
} ft_region_desc;
/** An empty ft_region_desc of the current version. */
#define FT_REGION_DESC_INIT                                                                                  \
	{                                                                                                    \
		FT_DESC_VERSION, NULL, NULL, FT_REGION_OTHER, NULL, NULL, NULL, 0, NULL, NULL, 0             \
	}

/** A unit, as added and read back (docs/format.md section 5). */
typedef struct ft_unit_desc {
	unsigned version;     /**< FT_DESC_VERSION, set by FT_UNIT_DESC_INIT */
	const char *id;       /**< required */
	const char *name;     /**< required */
	const char *actor;    /**< required: actor id */
	ft_echelon echelon;   /**< default FT_ECHELON_NONE: not stated */
	const char *type;     /**< free text: "motor-rifle", "tank", "btg" */
	const char *parent;   /**< unit id; its actor may differ (attached units) */
	int has_strength;     /**< 1 when `strength` is stated */
	uint64_t strength;    /**< nominal personnel, below 2^53 */
	const char *garrison; /**< region id */
	const char *sidc;     /**< a MIL-STD-2525 / APP-6 symbol identification code, kept as given */
	const ft_extension *extensions; /**< "x-" members of the unit */
	size_t n_extensions;            /**< the number of `extensions` */
} ft_unit_desc;
/** An empty ft_unit_desc of the current version. */
#define FT_UNIT_DESC_INIT                                                                                    \
	{                                                                                                    \
		FT_DESC_VERSION, NULL, NULL, NULL, FT_ECHELON_NONE, NULL, NULL, 0, 0, NULL, NULL, NULL, 0    \
	}

/** A source, as added and read back (docs/format.md section 5). */
typedef struct ft_source_desc {
	unsigned version;               /**< FT_DESC_VERSION, set by FT_SOURCE_DESC_INIT */
	const char *id;                 /**< required */
	const char *name;               /**< required */
	ft_source_kind kind;            /**< default FT_SOURCE_OTHER */
	const char *actor;              /**< actor id: the actor it speaks for or belongs to */
	const char *parent;             /**< source id: sources under one root are one voice */
	ft_reliability reliability;     /**< default F, cannot be judged (0 means F) */
	const char *url;                /**< where the source can be found */
	const ft_extension *extensions; /**< "x-" members of the source */
	size_t n_extensions;            /**< the number of `extensions` */
} ft_source_desc;
/** An empty ft_source_desc of the current version. */
#define FT_SOURCE_DESC_INIT                                                                                  \
	{                                                                                                    \
		FT_DESC_VERSION, NULL, NULL, FT_SOURCE_OTHER, NULL, NULL, FT_RELIABILITY_F, NULL, NULL, 0    \
	}

/** How a claim's observed time was given. */
typedef enum ft_observed_form {
	FT_OBSERVED_NONE = 0, /**< absent: "as of reported" */
	FT_OBSERVED_TIME,     /**< one time value: from and to are that value */
	FT_OBSERVED_INTERVAL  /**< an interval object */
} ft_observed_form;

/** A claim, as added and read back (docs/format.md section 6). */
typedef struct ft_claim_desc {
	unsigned version;                        /**< FT_DESC_VERSION, set by FT_CLAIM_DESC_INIT */
	const char *id;                          /**< required */
	const char *source;                      /**< required: source id of who made the claim */
	const char *const *via;                  /**< source ids of outlets that carried it */
	size_t n_via;                            /**< the number of `via` */
	const char *subject;                     /**< required: actor id of whose forces are counted */
	const char *unit;                        /**< unit id; its actor is the subject or lies under it */
	const char *region;                      /**< required: region id */
	const char *measure;                     /**< what is counted; NULL means FT_MEASURE_DEFAULT */
	ft_quantity quantity;                    /**< the figure with its hedge; none only for a denial */
	ft_claim_kind kind;                      /**< default FT_CLAIM_OBSERVATION */
	ft_observed_form observed_form;          /**< how `observed` was given */
	ft_interval observed;                    /**< when the forces were there, as `observed_form` says */
	ft_time reported;                        /**< required: when the claim was made public */
	int credibility;                         /**< 1-6, default 6 (0 means 6) */
	const char *const *supersedes;           /**< claim ids this claim replaces */
	size_t n_supersedes;                     /**< the number of `supersedes` */
	const char *const *disputes;             /**< claim ids this claim contradicts */
	size_t n_disputes;                       /**< the number of `disputes` */
	ft_time retracted;                       /**< precision NONE when not retracted */
	const char *quote;                       /**< the words used */
	const char *url;                         /**< where the claim can be read */
	const char *note;                        /**< a note */
	const char *const *tags;                 /**< `n_tags` free-form tags */
	size_t n_tags;                           /**< the number of `tags` */
	const ft_extension *extensions;          /**< "x-" members of the claim */
	size_t n_extensions;                     /**< the number of `extensions` */
	const ft_extension *observed_extensions; /**< inside the observed interval object */
	size_t n_observed_extensions;            /**< the number of `observed_extensions` */
} ft_claim_desc;
/** An empty ft_claim_desc of the current version. */
#define FT_CLAIM_DESC_INIT                                                                                   \
	{                                                                                                    \
		FT_DESC_VERSION, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL,                                \
		    {FT_QUALIFIER_NONE, 0, 0, 0, 0}, FT_CLAIM_OBSERVATION, FT_OBSERVED_NONE,                 \
		    {{0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}}, {0, 0, 0, 0, 0}, FT_CREDIBILITY_DEFAULT, NULL, 0,    \
		    NULL, 0, {0, 0, 0, 0, 0}, NULL, NULL, NULL, NULL, 0, NULL, 0, NULL, 0                    \
	}

/**
 * @name Initialising descriptions
 * The same as the _INIT macros, for callers that cannot use them (bindings).
 * Each sets `version` and every field's default.
 * @{
 */

/**
 * Initialises dataset metadata as FT_DATASET_INFO_INIT does.
 * @param info the metadata; NULL is allowed (nothing happens)
 */
FT_EXTERN void ft_dataset_info_init(ft_dataset_info *info);
/**
 * Initialises an actor description as FT_ACTOR_DESC_INIT does.
 * @param d the description; NULL is allowed (nothing happens)
 */
FT_EXTERN void ft_actor_desc_init(ft_actor_desc *d);
/**
 * Initialises a region description as FT_REGION_DESC_INIT does.
 * @param d the description; NULL is allowed (nothing happens)
 */
FT_EXTERN void ft_region_desc_init(ft_region_desc *d);
/**
 * Initialises a unit description as FT_UNIT_DESC_INIT does.
 * @param d the description; NULL is allowed (nothing happens)
 */
FT_EXTERN void ft_unit_desc_init(ft_unit_desc *d);
/**
 * Initialises a source description as FT_SOURCE_DESC_INIT does.
 * @param d the description; NULL is allowed (nothing happens)
 */
FT_EXTERN void ft_source_desc_init(ft_source_desc *d);
/**
 * Initialises a claim description as FT_CLAIM_DESC_INIT does.
 * @param d the description; NULL is allowed (nothing happens)
 */
FT_EXTERN void ft_claim_desc_init(ft_claim_desc *d);

/** @} */

/**
 * A new, empty dataset.
 * @return the dataset; it belongs to the caller, who releases it with
 *         ft_dataset_free() (never NULL: out of memory aborts)
 */
FT_EXTERN ft_dataset *ft_dataset_new(void);

/**
 * Releases the dataset and every entity and string it handed out: every
 * pointer borrowed from it becomes invalid.
 * @param ds the dataset; NULL is allowed (nothing happens)
 */
FT_EXTERN void ft_dataset_free(ft_dataset *ds);

/**
 * Replaces the dataset's metadata (all of it). The strings are copied.
 * @param ds   the dataset
 * @param info the metadata, its `version` set by FT_DATASET_INFO_INIT or
 *             ft_dataset_info_init()
 * @param err  filled on failure; may be NULL
 * @return 0, or a negative code: FT_EINVAL for a NULL argument or an
 *         unknown version, FT_EFORMAT for an extension that is not valid
 *         JSON or a field that breaks a rule of the format
 */
FT_EXTERN int ft_dataset_set_info(ft_dataset *ds, const ft_dataset_info *info, ft_error *err);

/**
 * Reads the dataset's metadata back.
 * @param ds  the dataset
 * @param out filled with the metadata, strings and arrays borrowed from
 *            the dataset; its `version` must be set first (by
 *            FT_DATASET_INFO_INIT or ft_dataset_info_init())
 * @return 0, or FT_EINVAL for a NULL `ds` (`out` then holds the defaults),
 *         a NULL `out` or an unknown version (nothing written)
 */
FT_EXTERN int ft_dataset_describe(const ft_dataset *ds, ft_dataset_info *out);

/**
 * @name Adding entities
 * Each checks every rule of docs/format.md for the entity and resolves its
 * references against what the dataset already holds, so a parent must be
 * added before its children. The description's strings and arrays are
 * copied. On success each returns the new entity, borrowed: it is owned by
 * the dataset and lives as long as it. On failure each returns NULL, fills
 * `err` (code, `path` naming the field, the rule broken) and leaves the
 * dataset unchanged. Adding never invalidates entities handed out before.
 * @{
 */

/**
 * Adds an actor.
 * @param ds   the dataset
 * @param desc the actor (FT_ACTOR_DESC_INIT, then the fields)
 * @param err  filled on failure; may be NULL
 * @return the new actor, or NULL (FT_EINVAL, FT_EFORMAT, FT_EDUPLICATE,
 *         FT_EREF, FT_ELOOP in `err`)
 */
FT_EXTERN const ft_actor *ft_dataset_add_actor(ft_dataset *ds, const ft_actor_desc *desc, ft_error *err);
/**
 * Adds a region.
 * @param ds   the dataset
 * @param desc the region (FT_REGION_DESC_INIT, then the fields)
 * @param err  filled on failure; may be NULL
 * @return the new region, or NULL (FT_EINVAL, FT_EFORMAT, FT_EDUPLICATE,
 *         FT_EREF, FT_ELOOP in `err`)
 */
FT_EXTERN const ft_region *ft_dataset_add_region(ft_dataset *ds, const ft_region_desc *desc, ft_error *err);
/**
 * Adds a unit.
 * @param ds   the dataset
 * @param desc the unit (FT_UNIT_DESC_INIT, then the fields)
 * @param err  filled on failure; may be NULL
 * @return the new unit, or NULL (FT_EINVAL, FT_EFORMAT, FT_EDUPLICATE,
 *         FT_EREF, FT_ELOOP in `err`)
 */
FT_EXTERN const ft_unit *ft_dataset_add_unit(ft_dataset *ds, const ft_unit_desc *desc, ft_error *err);
/**
 * Adds a source.
 * @param ds   the dataset
 * @param desc the source (FT_SOURCE_DESC_INIT, then the fields)
 * @param err  filled on failure; may be NULL
 * @return the new source, or NULL (FT_EINVAL, FT_EFORMAT, FT_EDUPLICATE,
 *         FT_EREF, FT_ELOOP in `err`)
 */
FT_EXTERN const ft_source *ft_dataset_add_source(ft_dataset *ds, const ft_source_desc *desc, ft_error *err);
/**
 * Adds a claim. The claims it supersedes or disputes must be in the
 * dataset already.
 * @param ds   the dataset
 * @param desc the claim (FT_CLAIM_DESC_INIT, then the fields)
 * @param err  filled on failure; may be NULL
 * @return the new claim, or NULL (FT_EINVAL, FT_EFORMAT, FT_EDUPLICATE,
 *         FT_EREF, FT_ELOOP in `err`)
 */
FT_EXTERN const ft_claim *ft_dataset_add_claim(ft_dataset *ds, const ft_claim_desc *desc, ft_error *err);

/** @} */

/**
 * @name Iteration by index
 * In the order the entities were added or loaded; index 0 is the first.
 * Adding entities appends to the order and keeps every index valid.
 * Entities returned are borrowed from the dataset.
 * @{
 */

/**
 * The number of actors in the dataset.
 * @param ds the dataset; NULL counts 0
 * @return the number of actors
 */
FT_EXTERN size_t ft_dataset_actor_count(const ft_dataset *ds);
/**
 * The number of regions in the dataset.
 * @param ds the dataset; NULL counts 0
 * @return the number of regions
 */
FT_EXTERN size_t ft_dataset_region_count(const ft_dataset *ds);
/**
 * The number of units in the dataset.
 * @param ds the dataset; NULL counts 0
 * @return the number of units
 */
FT_EXTERN size_t ft_dataset_unit_count(const ft_dataset *ds);
/**
 * The number of sources in the dataset.
 * @param ds the dataset; NULL counts 0
 * @return the number of sources
 */
FT_EXTERN size_t ft_dataset_source_count(const ft_dataset *ds);
/**
 * The number of claims in the dataset.
 * @param ds the dataset; NULL counts 0
 * @return the number of claims
 */
FT_EXTERN size_t ft_dataset_claim_count(const ft_dataset *ds);
/**
 * The actor at an index.
 * @param ds the dataset
 * @param i  the index, below ft_dataset_actor_count()
 * @return the actor at `i`, or NULL when `i` is out of range or `ds` NULL
 */
FT_EXTERN const ft_actor *ft_dataset_actor_at(const ft_dataset *ds, size_t i);
/**
 * The region at an index.
 * @param ds the dataset
 * @param i  the index, below ft_dataset_region_count()
 * @return the region at `i`, or NULL when `i` is out of range or `ds` NULL
 */
FT_EXTERN const ft_region *ft_dataset_region_at(const ft_dataset *ds, size_t i);
/**
 * The unit at an index.
 * @param ds the dataset
 * @param i  the index, below ft_dataset_unit_count()
 * @return the unit at `i`, or NULL when `i` is out of range or `ds` NULL
 */
FT_EXTERN const ft_unit *ft_dataset_unit_at(const ft_dataset *ds, size_t i);
/**
 * The source at an index.
 * @param ds the dataset
 * @param i  the index, below ft_dataset_source_count()
 * @return the source at `i`, or NULL when `i` is out of range or `ds` NULL
 */
FT_EXTERN const ft_source *ft_dataset_source_at(const ft_dataset *ds, size_t i);
/**
 * The claim at an index.
 * @param ds the dataset
 * @param i  the index, below ft_dataset_claim_count()
 * @return the claim at `i`, or NULL when `i` is out of range or `ds` NULL
 */
FT_EXTERN const ft_claim *ft_dataset_claim_at(const ft_dataset *ds, size_t i);

/** @} */

/**
 * @name Look-up by id
 * Ids are unique within a kind; an actor and a region may share one.
 * Entities returned are borrowed from the dataset.
 * @{
 */

/**
 * The actor with an id.
 * @param ds the dataset
 * @param id the actor's id
 * @return the actor, or NULL when there is none (or an argument is NULL)
 */
FT_EXTERN const ft_actor *ft_dataset_find_actor(const ft_dataset *ds, const char *id);
/**
 * The region with an id.
 * @param ds the dataset
 * @param id the region's id
 * @return the region, or NULL when there is none (or an argument is NULL)
 */
FT_EXTERN const ft_region *ft_dataset_find_region(const ft_dataset *ds, const char *id);
/**
 * The unit with an id.
 * @param ds the dataset
 * @param id the unit's id
 * @return the unit, or NULL when there is none (or an argument is NULL)
 */
FT_EXTERN const ft_unit *ft_dataset_find_unit(const ft_dataset *ds, const char *id);
/**
 * The source with an id.
 * @param ds the dataset
 * @param id the source's id
 * @return the source, or NULL when there is none (or an argument is NULL)
 */
FT_EXTERN const ft_source *ft_dataset_find_source(const ft_dataset *ds, const char *id);
/**
 * The claim with an id.
 * @param ds the dataset
 * @param id the claim's id
 * @return the claim, or NULL when there is none (or an argument is NULL)
 */
FT_EXTERN const ft_claim *ft_dataset_find_claim(const ft_dataset *ds, const char *id);

/** @} */

/**
 * @name Reading an entity back
 * Each fills `out` with every field its `version` covers (set it with the
 * _INIT macro or the _init function first), strings and arrays borrowed
 * from the dataset. References are given as ids; a source's reliability
 * and a claim's credibility come back as stated (F and 6 when they were
 * left at their defaults). Each returns 0, or FT_EINVAL for a NULL entity
 * (`out` then holds the defaults), a NULL `out` or an unknown version
 * (nothing written).
 * @{
 */

/**
 * Reads an actor back into a description.
 * @param a   the actor
 * @param out the description to fill
 * @return 0 or FT_EINVAL
 */
FT_EXTERN int ft_actor_describe(const ft_actor *a, ft_actor_desc *out);
/**
 * Reads a region back into a description.
 * @param r   the region
 * @param out the description to fill
 * @return 0 or FT_EINVAL
 */
FT_EXTERN int ft_region_describe(const ft_region *r, ft_region_desc *out);
/**
 * Reads a unit back into a description.
 * @param u   the unit
 * @param out the description to fill
 * @return 0 or FT_EINVAL
 */
FT_EXTERN int ft_unit_describe(const ft_unit *u, ft_unit_desc *out);
/**
 * Reads a source back into a description.
 * @param s   the source
 * @param out the description to fill
 * @return 0 or FT_EINVAL
 */
FT_EXTERN int ft_source_describe(const ft_source *s, ft_source_desc *out);
/**
 * Reads a claim back into a description.
 * @param c   the claim
 * @param out the description to fill
 * @return 0 or FT_EINVAL
 */
FT_EXTERN int ft_claim_describe(const ft_claim *c, ft_claim_desc *out);

/** @} */

/**
 * @name Actors
 * The fields most queries need, one call each. Every getter accepts NULL
 * and then returns NULL (or 0); strings and entities are borrowed from the
 * dataset.
 * @{
 */

/**
 * An actor's id.
 * @param a the actor
 * @return its id
 */
FT_EXTERN const char *ft_actor_id(const ft_actor *a);
/**
 * An actor's name.
 * @param a the actor
 * @return its name
 */
FT_EXTERN const char *ft_actor_name(const ft_actor *a);
/**
 * An actor's parent.
 * @param a the actor
 * @return the actor it lies under, or NULL
 */
FT_EXTERN const ft_actor *ft_actor_parent(const ft_actor *a);
/**
 * Whether an actor lies under another in the parent chain.
 * @param a        the actor
 * @param ancestor the actor that may contain it
 * @return 1 when `a` is `ancestor` or lies under it, else 0
 */
FT_EXTERN int ft_actor_is_within(const ft_actor *a, const ft_actor *ancestor);
/**
 * Whether two actors are in conflict.
 * @param a one actor
 * @param b the other
 * @return 1 when the two actors, or actors they lie under, oppose each
 *         other (declared on either side), else 0
 */
FT_EXTERN int ft_actor_opposes(const ft_actor *a, const ft_actor *b);

/** @} */

/**
 * @name Regions
 * Getters, NULL-safe as the actors' are.
 * @{
 */

/**
 * A region's id.
 * @param r the region
 * @return its id
 */
FT_EXTERN const char *ft_region_id(const ft_region *r);
/**
 * A region's name.
 * @param r the region
 * @return its name
 */
FT_EXTERN const char *ft_region_name(const ft_region *r);
/**
 * A region's parent.
 * @param r the region
 * @return the region it lies in, or NULL
 */
FT_EXTERN const ft_region *ft_region_parent(const ft_region *r);
/**
 * Whether a region lies in another.
 * @param r        the region
 * @param ancestor the region that may contain it
 * @return 1 when `r` is `ancestor` or lies under it in the parent chain, else 0
 */
FT_EXTERN int ft_region_is_within(const ft_region *r, const ft_region *ancestor);

/** @} */

/**
 * @name Units
 * Getters, NULL-safe as the actors' are.
 * @{
 */

/**
 * A unit's id.
 * @param u the unit
 * @return its id
 */
FT_EXTERN const char *ft_unit_id(const ft_unit *u);
/**
 * A unit's name.
 * @param u the unit
 * @return its name
 */
FT_EXTERN const char *ft_unit_name(const ft_unit *u);
/**
 * A unit's actor.
 * @param u the unit
 * @return the actor whose unit it is
 */
FT_EXTERN const ft_actor *ft_unit_actor(const ft_unit *u);
/**
 * A unit's parent.
 * @param u the unit
 * @return the unit it is part of or attached to, or NULL
 */
FT_EXTERN const ft_unit *ft_unit_parent(const ft_unit *u);

/** @} */

/**
 * @name Sources
 * Getters, NULL-safe as the actors' are.
 * @{
 */

/**
 * A source's id.
 * @param s the source
 * @return its id
 */
FT_EXTERN const char *ft_source_id(const ft_source *s);
/**
 * A source's name.
 * @param s the source
 * @return its name
 */
FT_EXTERN const char *ft_source_name(const ft_source *s);
/**
 * A source's actor.
 * @param s the source
 * @return the actor it speaks for or belongs to, or NULL
 */
FT_EXTERN const ft_actor *ft_source_actor(const ft_source *s);
/**
 * A source's parent.
 * @param s the source
 * @return the source it speaks under (a ministry for its spokesman), or NULL
 */
FT_EXTERN const ft_source *ft_source_parent(const ft_source *s);
/**
 * The top of the source's parent chain: sources with one root are one voice.
 * @param s the source
 * @return the root, which is `s` itself when it has no parent
 */
FT_EXTERN const ft_source *ft_source_root(const ft_source *s);
/**
 * A source's reliability grade.
 * @param s the source
 * @return its reliability grade (FT_RELIABILITY_F, the default, for NULL)
 */
FT_EXTERN ft_reliability ft_source_reliability(const ft_source *s);

/** @} */

/**
 * @name Claims
 * Getters, NULL-safe as the actors' are.
 * @{
 */

/**
 * A claim's id.
 * @param c the claim
 * @return its id
 */
FT_EXTERN const char *ft_claim_id(const ft_claim *c);
/**
 * A claim's source.
 * @param c the claim
 * @return the source that made it
 */
FT_EXTERN const ft_source *ft_claim_source(const ft_claim *c);
/**
 * A claim's subject.
 * @param c the claim
 * @return the actor whose forces it counts
 */
FT_EXTERN const ft_actor *ft_claim_subject(const ft_claim *c);
/**
 * A claim's region.
 * @param c the claim
 * @return the region it is about
 */
FT_EXTERN const ft_region *ft_claim_region(const ft_claim *c);
/**
 * A claim's unit.
 * @param c the claim
 * @return the unit it is about, or NULL when it names none
 */
FT_EXTERN const ft_unit *ft_claim_unit(const ft_claim *c);
/**
 * A claim's measure.
 * @param c the claim
 * @return what it counts: FT_MEASURE_DEFAULT when it names nothing else
 */
FT_EXTERN const char *ft_claim_measure(const ft_claim *c);
/**
 * A claim's quantity.
 * @param c the claim
 * @return its figure and hedge, by value (FT_QUALIFIER_NONE for a denial
 *         without a figure, or for NULL)
 */
FT_EXTERN ft_quantity ft_claim_quantity(const ft_claim *c);
/**
 * A claim's kind.
 * @param c the claim
 * @return whether it is an observation, a projection or a denial
 *         (FT_CLAIM_OBSERVATION for NULL)
 */
FT_EXTERN ft_claim_kind ft_claim_kind_of(const ft_claim *c);
/**
 * A claim's reported time.
 * @param c the claim
 * @return when it was reported (no value for NULL)
 */
FT_EXTERN ft_time ft_claim_reported(const ft_claim *c);
/**
 * The span the claim says the forces were there.
 * @param c the claim
 * @return the observed span; when the claim gives none both bounds are the
 *         reported value (both open for NULL)
 */
FT_EXTERN ft_interval ft_claim_observed(const ft_claim *c);
/**
 * A claim's credibility grade.
 * @param c the claim
 * @return its credibility grade, 1-6 (FT_CREDIBILITY_DEFAULT for NULL)
 */
FT_EXTERN int ft_claim_credibility(const ft_claim *c);
/**
 * A claim's number of outlets.
 * @param c the claim
 * @return the number of outlets that carried it
 */
FT_EXTERN size_t ft_claim_via_count(const ft_claim *c);
/**
 * A claim's outlet at an index.
 * @param c the claim
 * @param i the index, below ft_claim_via_count()
 * @return the outlet at `i`, or NULL when `i` is out of range
 */
FT_EXTERN const ft_source *ft_claim_via_at(const ft_claim *c, size_t i);
/**
 * A claim's quote.
 * @param c the claim
 * @return the words used, or NULL when it quotes none
 */
FT_EXTERN const char *ft_claim_quote(const ft_claim *c);

/** @} */

/**
 * Warnings about a valid dataset: what it says that is probably not what
 * was meant. A claim that supersedes a claim of another voice (a source
 * corrects its own figures; another voice's is disputed), or one reported
 * after it; a claim whose `via` names its own source; an observation
 * observed after it was reported (a projection should say so).
 * @param ds the dataset
 * @param fn hears each warning, a record of code FT_ESUSPECT with the
 *        claim's path ("claims[3].supersedes[0]") and a text naming the ids;
 *        NULL: the warnings are only counted
 * @param payload passed to `fn`
 * @return the number of warnings, or FT_EINVAL for a NULL dataset
 */
FT_EXTERN int ft_dataset_lint(const ft_dataset *ds, ft_error_fn fn, void *payload);

#ifdef __cplusplus
}
#endif

#endif
