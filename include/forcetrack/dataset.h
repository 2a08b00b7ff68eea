/*
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

typedef struct ft_dataset ft_dataset;
typedef struct ft_actor ft_actor;
typedef struct ft_region ft_region;
typedef struct ft_unit ft_unit;
typedef struct ft_source ft_source;
typedef struct ft_claim ft_claim;

/*
 * An extension member: a key beginning with "x-" and its value as JSON
 * text. Extensions are kept as given and written back on save.
 */
typedef struct ft_extension {
	const char *key;
	const char *json;
} ft_extension;

/*
 * Every description struct begins with `version`; fields are only ever
 * appended. The _INIT macros and the _init functions (for bindings, which
 * cannot use macros) set the version and the defaults. Zero is the default
 * of every field, so a zero-filled struct with only `version` set is
 * empty: `reliability` 0 means F and `credibility` 0 means 6, as the
 * format's defaults are. Reading back (ft_*_describe) writes only the
 * fields the caller's `version` covers.
 */
#define FT_DESC_VERSION 1

/* The `dataset` member of a document, and extensions at the top level. */
typedef struct ft_dataset_info {
	unsigned version;
	const char *id; /* NULL when absent, as for every optional string */
	const char *title;
	const char *description;
	const char *license;
	ft_time created; /* precision NONE when absent */
	ft_time updated;
	const char *const *authors;
	size_t n_authors;
	const ft_extension *extensions; /* inside the `dataset` object */
	size_t n_extensions;
	const ft_extension *document_extensions; /* at the top of the document */
	size_t n_document_extensions;
} ft_dataset_info;
#define FT_DATASET_INFO_INIT                                                                                 \
	{                                                                                                    \
		FT_DESC_VERSION, NULL, NULL, NULL, NULL, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, NULL, 0, NULL, 0, \
		    NULL, 0                                                                                  \
	}

typedef struct ft_actor_desc {
	unsigned version;
	const char *id;   /* required */
	const char *name; /* required */
	ft_actor_kind kind;
	const char *code; /* ISO 3166-1 alpha-2 or alpha-3 */
	const char *const *aliases;
	size_t n_aliases;
	const char *parent;         /* actor id */
	const char *const *members; /* actor ids */
	size_t n_members;
	const char *const *opposes; /* actor ids */
	size_t n_opposes;
	const ft_extension *extensions;
	size_t n_extensions;
} ft_actor_desc;
#define FT_ACTOR_DESC_INIT                                                                                   \
	{                                                                                                    \
		FT_DESC_VERSION, NULL, NULL, FT_ACTOR_OTHER, NULL, NULL, 0, NULL, NULL, 0, NULL, 0, NULL, 0  \
	}

typedef struct ft_region_desc {
	unsigned version;
	const char *id;   /* required */
	const char *name; /* required */
	ft_region_kind kind;
	const char *code;
	const char *parent;         /* region id */
	const char *const *borders; /* actor ids */
	size_t n_borders;
	const char *geometry; /* a GeoJSON geometry object as JSON text */
	const ft_extension *extensions;
	size_t n_extensions;
} ft_region_desc;
#define FT_REGION_DESC_INIT                                                                                  \
	{                                                                                                    \
		FT_DESC_VERSION, NULL, NULL, FT_REGION_OTHER, NULL, NULL, NULL, 0, NULL, NULL, 0             \
	}

typedef struct ft_unit_desc {
	unsigned version;
	const char *id;    /* required */
	const char *name;  /* required */
	const char *actor; /* required: actor id */
	ft_echelon echelon;
	const char *type;
	const char *parent; /* unit id; its actor may differ (attached units) */
	int has_strength;
	uint64_t strength;    /* nominal personnel, below 2^53 */
	const char *garrison; /* region id */
	const char *sidc;
	const ft_extension *extensions;
	size_t n_extensions;
} ft_unit_desc;
#define FT_UNIT_DESC_INIT                                                                                    \
	{                                                                                                    \
		FT_DESC_VERSION, NULL, NULL, NULL, FT_ECHELON_NONE, NULL, NULL, 0, 0, NULL, NULL, NULL, 0    \
	}

typedef struct ft_source_desc {
	unsigned version;
	const char *id;   /* required */
	const char *name; /* required */
	ft_source_kind kind;
	const char *actor;          /* actor id */
	const char *parent;         /* source id: sources under one root are one voice */
	ft_reliability reliability; /* default F, cannot be judged (0 means F) */
	const char *url;
	const ft_extension *extensions;
	size_t n_extensions;
} ft_source_desc;
#define FT_SOURCE_DESC_INIT                                                                                  \
	{                                                                                                    \
		FT_DESC_VERSION, NULL, NULL, FT_SOURCE_OTHER, NULL, NULL, FT_RELIABILITY_F, NULL, NULL, 0    \
	}

/* How a claim's observed time was given. */
typedef enum ft_observed_form {
	FT_OBSERVED_NONE = 0, /* absent: "as of reported" */
	FT_OBSERVED_TIME,     /* one time value: from and to are that value */
	FT_OBSERVED_INTERVAL  /* an interval object */
} ft_observed_form;

typedef struct ft_claim_desc {
	unsigned version;
	const char *id;         /* required */
	const char *source;     /* required: source id */
	const char *const *via; /* source ids of outlets that carried it */
	size_t n_via;
	const char *subject; /* required: actor id */
	const char *unit;    /* unit id */
	const char *region;  /* required: region id */
	const char *measure; /* NULL means FT_MEASURE_DEFAULT */
	ft_quantity quantity;
	ft_claim_kind kind;
	ft_observed_form observed_form;
	ft_interval observed;
	ft_time reported;              /* required */
	int credibility;               /* 1-6, default 6 (0 means 6) */
	const char *const *supersedes; /* claim ids */
	size_t n_supersedes;
	const char *const *disputes; /* claim ids */
	size_t n_disputes;
	ft_time retracted; /* precision NONE when not retracted */
	const char *quote;
	const char *url;
	const char *note;
	const char *const *tags;
	size_t n_tags;
	const ft_extension *extensions;
	size_t n_extensions;
	const ft_extension *observed_extensions; /* inside the observed interval object */
	size_t n_observed_extensions;
} ft_claim_desc;
#define FT_CLAIM_DESC_INIT                                                                                   \
	{                                                                                                    \
		FT_DESC_VERSION, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL,                                \
		    {FT_QUALIFIER_NONE, 0, 0, 0, 0}, FT_CLAIM_OBSERVATION, FT_OBSERVED_NONE,                 \
		    {{0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}}, {0, 0, 0, 0, 0}, FT_CREDIBILITY_DEFAULT, NULL, 0,    \
		    NULL, 0, {0, 0, 0, 0, 0}, NULL, NULL, NULL, NULL, 0, NULL, 0, NULL, 0                    \
	}

/* The same as the _INIT macros, for callers that cannot use them. NULL is
 * allowed (nothing happens). */
FT_EXTERN void ft_dataset_info_init(ft_dataset_info *info);
FT_EXTERN void ft_actor_desc_init(ft_actor_desc *d);
FT_EXTERN void ft_region_desc_init(ft_region_desc *d);
FT_EXTERN void ft_unit_desc_init(ft_unit_desc *d);
FT_EXTERN void ft_source_desc_init(ft_source_desc *d);
FT_EXTERN void ft_claim_desc_init(ft_claim_desc *d);

/* A new, empty dataset; release it with ft_dataset_free. */
FT_EXTERN ft_dataset *ft_dataset_new(void);

/* Releases the dataset and every entity and string it handed out. NULL is
 * allowed. */
FT_EXTERN void ft_dataset_free(ft_dataset *ds);

/* Replaces the dataset's metadata (all of it). Returns 0 or a negative
 * code with `err` filled. */
FT_EXTERN int ft_dataset_set_info(ft_dataset *ds, const ft_dataset_info *info, ft_error *err);

/* Fills `out` (its `version` set by FT_DATASET_INFO_INIT or
 * ft_dataset_info_init) with the dataset's metadata, strings borrowed.
 * Returns 0, or FT_EINVAL for a NULL `ds` (`out` then holds the defaults),
 * a NULL `out` or an unknown version (nothing written). */
FT_EXTERN int ft_dataset_describe(const ft_dataset *ds, ft_dataset_info *out);

/*
 * Adding entities. Each checks every rule of docs/format.md for the entity and
 * resolves its references against what the dataset already holds, so a
 * parent must be added before its children. On success it returns the new
 * entity (borrowed: owned by the dataset); on failure it returns NULL,
 * fills `err` (code, `path` naming the field, the rule broken) and leaves
 * the dataset unchanged.
 */
FT_EXTERN const ft_actor *ft_dataset_add_actor(ft_dataset *ds, const ft_actor_desc *desc, ft_error *err);
FT_EXTERN const ft_region *ft_dataset_add_region(ft_dataset *ds, const ft_region_desc *desc, ft_error *err);
FT_EXTERN const ft_unit *ft_dataset_add_unit(ft_dataset *ds, const ft_unit_desc *desc, ft_error *err);
FT_EXTERN const ft_source *ft_dataset_add_source(ft_dataset *ds, const ft_source_desc *desc, ft_error *err);
FT_EXTERN const ft_claim *ft_dataset_add_claim(ft_dataset *ds, const ft_claim_desc *desc, ft_error *err);

/* Iteration by index, in the order the entities were added or loaded. */
FT_EXTERN size_t ft_dataset_actor_count(const ft_dataset *ds);
FT_EXTERN size_t ft_dataset_region_count(const ft_dataset *ds);
FT_EXTERN size_t ft_dataset_unit_count(const ft_dataset *ds);
FT_EXTERN size_t ft_dataset_source_count(const ft_dataset *ds);
FT_EXTERN size_t ft_dataset_claim_count(const ft_dataset *ds);
FT_EXTERN const ft_actor *ft_dataset_actor_at(const ft_dataset *ds, size_t i);
FT_EXTERN const ft_region *ft_dataset_region_at(const ft_dataset *ds, size_t i);
FT_EXTERN const ft_unit *ft_dataset_unit_at(const ft_dataset *ds, size_t i);
FT_EXTERN const ft_source *ft_dataset_source_at(const ft_dataset *ds, size_t i);
FT_EXTERN const ft_claim *ft_dataset_claim_at(const ft_dataset *ds, size_t i);

/* Look-up by id; NULL when there is none. */
FT_EXTERN const ft_actor *ft_dataset_find_actor(const ft_dataset *ds, const char *id);
FT_EXTERN const ft_region *ft_dataset_find_region(const ft_dataset *ds, const char *id);
FT_EXTERN const ft_unit *ft_dataset_find_unit(const ft_dataset *ds, const char *id);
FT_EXTERN const ft_source *ft_dataset_find_source(const ft_dataset *ds, const char *id);
FT_EXTERN const ft_claim *ft_dataset_find_claim(const ft_dataset *ds, const char *id);

/*
 * Reading an entity back: fills `out` with every field its `version` covers
 * (set it with the _INIT macro or the _init function first), strings and
 * arrays borrowed from the dataset. References are given as ids; a claim's
 * reliability and credibility come back as stated (F and 6 when they were
 * left at their defaults). Returns 0, or FT_EINVAL for a NULL entity (`out`
 * then holds the defaults), a NULL `out` or an unknown version (nothing
 * written).
 */
FT_EXTERN int ft_actor_describe(const ft_actor *a, ft_actor_desc *out);
FT_EXTERN int ft_region_describe(const ft_region *r, ft_region_desc *out);
FT_EXTERN int ft_unit_describe(const ft_unit *u, ft_unit_desc *out);
FT_EXTERN int ft_source_describe(const ft_source *s, ft_source_desc *out);
FT_EXTERN int ft_claim_describe(const ft_claim *c, ft_claim_desc *out);

/* The fields most queries need, and references as pointers (NULL when
 * absent). */
FT_EXTERN const char *ft_actor_id(const ft_actor *a);
FT_EXTERN const char *ft_actor_name(const ft_actor *a);
FT_EXTERN const ft_actor *ft_actor_parent(const ft_actor *a);
/* 1 when `a` is `ancestor` or lies under it in the parent chain. */
FT_EXTERN int ft_actor_is_within(const ft_actor *a, const ft_actor *ancestor);
/* 1 when the two actors, or actors they lie under, oppose each other
 * (declared on either side). */
FT_EXTERN int ft_actor_opposes(const ft_actor *a, const ft_actor *b);

FT_EXTERN const char *ft_region_id(const ft_region *r);
FT_EXTERN const char *ft_region_name(const ft_region *r);
FT_EXTERN const ft_region *ft_region_parent(const ft_region *r);
FT_EXTERN int ft_region_is_within(const ft_region *r, const ft_region *ancestor);

FT_EXTERN const char *ft_unit_id(const ft_unit *u);
FT_EXTERN const char *ft_unit_name(const ft_unit *u);
FT_EXTERN const ft_actor *ft_unit_actor(const ft_unit *u);
FT_EXTERN const ft_unit *ft_unit_parent(const ft_unit *u);

FT_EXTERN const char *ft_source_id(const ft_source *s);
FT_EXTERN const char *ft_source_name(const ft_source *s);
FT_EXTERN const ft_actor *ft_source_actor(const ft_source *s);
FT_EXTERN const ft_source *ft_source_parent(const ft_source *s);
/* The top of the source's parent chain: sources with one root are one voice. */
FT_EXTERN const ft_source *ft_source_root(const ft_source *s);
FT_EXTERN ft_reliability ft_source_reliability(const ft_source *s);

FT_EXTERN const char *ft_claim_id(const ft_claim *c);
FT_EXTERN const ft_source *ft_claim_source(const ft_claim *c);
FT_EXTERN const ft_actor *ft_claim_subject(const ft_claim *c);
FT_EXTERN const ft_region *ft_claim_region(const ft_claim *c);
FT_EXTERN const ft_unit *ft_claim_unit(const ft_claim *c);
FT_EXTERN const char *ft_claim_measure(const ft_claim *c);
FT_EXTERN ft_quantity ft_claim_quantity(const ft_claim *c);
FT_EXTERN ft_claim_kind ft_claim_kind_of(const ft_claim *c);
FT_EXTERN ft_time ft_claim_reported(const ft_claim *c);
/* The observed span; when the claim gives none it is the reported value. */
FT_EXTERN ft_interval ft_claim_observed(const ft_claim *c);
FT_EXTERN int ft_claim_credibility(const ft_claim *c);
FT_EXTERN size_t ft_claim_via_count(const ft_claim *c);
FT_EXTERN const ft_source *ft_claim_via_at(const ft_claim *c, size_t i);
FT_EXTERN const char *ft_claim_quote(const ft_claim *c);

/*
 * Warnings about a valid dataset: what it says that is probably not what
 * was meant. A claim that supersedes a claim of another voice (a source
 * corrects its own figures; another voice's is disputed), or one reported
 * after it; a claim whose `via` names its own source; an observation
 * observed after it was reported (a projection should say so). Each
 * warning goes to `fn` (NULL: only counted) as a record of code
 * FT_ESUSPECT with the claim's path ("claims[3].supersedes[0]") and a text
 * naming the ids. Returns the number of warnings, or FT_EINVAL for a NULL
 * dataset.
 */
FT_EXTERN int ft_dataset_lint(const ft_dataset *ds, ft_error_fn fn, void *payload);

#ifdef __cplusplus
}
#endif

#endif
