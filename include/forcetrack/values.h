/*
 * Small values the model is made of: quantities with their hedges, the
 * Admiralty grades, identifiers and measure names, and the named kinds of
 * docs/format.md with their spellings. Everything here is plain data that can
 * be copied freely.
 */
#ifndef FORCETRACK_VALUES_H
#define FORCETRACK_VALUES_H

#include <stdint.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Quantities are non-negative integers below 2^53 (docs/format.md section 6),
 * so that every one survives a trip through a JSON double. */
#define FT_QUANTITY_MAX ((uint64_t)9007199254740991) /* 2^53 - 1 */

typedef enum ft_qualifier {
	FT_QUALIFIER_NONE = 0, /* no quantity (only a denial may have none) */
	FT_QUALIFIER_EXACT,    /* "125,000 troops": [N, N] */
	FT_QUALIFIER_APPROX,   /* "some 94,000": about N */
	FT_QUALIFIER_AT_LEAST, /* "more than 100,000": N or more */
	FT_QUALIFIER_AT_MOST,  /* "up to 175,000": N or fewer */
	FT_QUALIFIER_RANGE     /* "169,000 to 190,000": [low, high] */
} ft_qualifier;

/*
 * A hedged quantity. `value` is the stated figure for every qualifier but
 * RANGE, where it is the optional central figure (`has_value` says whether
 * one was stated) and `low`/`high` are the bounds. For the other
 * qualifiers `has_value` is 1 and `low`/`high` are 0.
 */
typedef struct ft_quantity {
	uint8_t qualifier; /* ft_qualifier */
	uint8_t has_value;
	uint64_t value;
	uint64_t low;
	uint64_t high;
} ft_quantity;

/*
 * Returns 0 when the quantity is well formed, or FT_EFORMAT naming the rule:
 * a number of 2^53 or more, low above high, a central value outside its
 * range, a missing value.
 */
FT_EXTERN int ft_quantity_check(const ft_quantity *q, ft_error *err);

/*
 * Writes the quantity as an analyst reads it: "125,000", "about 94,000",
 * "at least 100,000", "up to 175,000", "169,000-190,000", or
 * "169,000-190,000 (about 175,000)" for a range with a central figure;
 * "no figure" for FT_QUALIFIER_NONE. Returns the length the text has (as
 * snprintf).
 */
FT_EXTERN size_t ft_quantity_format(const ft_quantity *q, char *buf, size_t size);

/* The Admiralty source grade (docs/format.md section 5). */
typedef enum ft_reliability {
	FT_RELIABILITY_A = 1, /* completely reliable */
	FT_RELIABILITY_B,     /* usually reliable */
	FT_RELIABILITY_C,     /* fairly reliable */
	FT_RELIABILITY_D,     /* not usually reliable */
	FT_RELIABILITY_E,     /* unreliable */
	FT_RELIABILITY_F      /* cannot be judged: the default */
} ft_reliability;

/* The Admiralty information grade is an int: 1 (confirmed) to 5
 * (improbable), 6 (cannot be judged, the default). */
#define FT_CREDIBILITY_DEFAULT 6

typedef enum ft_actor_kind {
	FT_ACTOR_OTHER = 0, /* the default */
	FT_ACTOR_STATE,
	FT_ACTOR_ALLIANCE,
	FT_ACTOR_ARMED_GROUP,
	FT_ACTOR_ORGANIZATION
} ft_actor_kind;

typedef enum ft_region_kind {
	FT_REGION_OTHER = 0, /* the default */
	FT_REGION_COUNTRY,
	FT_REGION_ADMIN1,
	FT_REGION_ADMIN2,
	FT_REGION_BORDER_ZONE,
	FT_REGION_THEATER,
	FT_REGION_SEA,
	FT_REGION_POINT
} ft_region_kind;

typedef enum ft_echelon {
	FT_ECHELON_NONE = 0, /* not stated */
	FT_ECHELON_TEAM,
	FT_ECHELON_SQUAD,
	FT_ECHELON_SECTION,
	FT_ECHELON_PLATOON,
	FT_ECHELON_COMPANY,
	FT_ECHELON_BATTALION,
	FT_ECHELON_REGIMENT,
	FT_ECHELON_BRIGADE,
	FT_ECHELON_DIVISION,
	FT_ECHELON_CORPS,
	FT_ECHELON_ARMY,
	FT_ECHELON_ARMY_GROUP,
	FT_ECHELON_FRONT,
	FT_ECHELON_COMMAND
} ft_echelon;

typedef enum ft_source_kind {
	FT_SOURCE_OTHER = 0, /* the default */
	FT_SOURCE_GOVERNMENT,
	FT_SOURCE_MILITARY,
	FT_SOURCE_INTELLIGENCE,
	FT_SOURCE_ALLIANCE,
	FT_SOURCE_INTERNATIONAL_ORGANIZATION,
	FT_SOURCE_MEDIA,
	FT_SOURCE_THINK_TANK,
	FT_SOURCE_OSINT,
	FT_SOURCE_SOCIAL_MEDIA,
	FT_SOURCE_PERSON
} ft_source_kind;

typedef enum ft_claim_kind {
	FT_CLAIM_OBSERVATION = 0, /* the default: forces said to be there */
	FT_CLAIM_PROJECTION,      /* forces said to be planned or expected */
	FT_CLAIM_DENIAL           /* the source denies forces are there */
} ft_claim_kind;

/*
 * The spelling docs/format.md uses for each named value ("armed-group",
 * "at-least", "B"); NULL for a value outside the enum. The `_parse`
 * functions are the reverse: 0 and the value in *out, or FT_EFORMAT.
 */
FT_EXTERN const char *ft_qualifier_name(ft_qualifier q);
FT_EXTERN const char *ft_reliability_name(ft_reliability r);
FT_EXTERN const char *ft_actor_kind_name(ft_actor_kind k);
FT_EXTERN const char *ft_region_kind_name(ft_region_kind k);
FT_EXTERN const char *ft_echelon_name(ft_echelon e);
FT_EXTERN const char *ft_source_kind_name(ft_source_kind k);
FT_EXTERN const char *ft_claim_kind_name(ft_claim_kind k);

FT_EXTERN int ft_qualifier_parse(const char *name, ft_qualifier *out);
FT_EXTERN int ft_reliability_parse(const char *name, ft_reliability *out);
FT_EXTERN int ft_actor_kind_parse(const char *name, ft_actor_kind *out);
FT_EXTERN int ft_region_kind_parse(const char *name, ft_region_kind *out);
FT_EXTERN int ft_echelon_parse(const char *name, ft_echelon *out);
FT_EXTERN int ft_source_kind_parse(const char *name, ft_source_kind *out);
FT_EXTERN int ft_claim_kind_parse(const char *name, ft_claim_kind *out);

/* 1 when `id` is a valid identifier: 1 to 128 characters matching
 * [A-Za-z0-9][A-Za-z0-9._:-]*. */
FT_EXTERN int ft_id_is_valid(const char *id);
#define FT_ID_MAX_LENGTH 128

/* 1 when `measure` is a valid measure name: [a-z][a-z0-9-]*. The default
 * measure is FT_MEASURE_DEFAULT. */
FT_EXTERN int ft_measure_is_valid(const char *measure);
#define FT_MEASURE_DEFAULT "personnel"

#ifdef __cplusplus
}
#endif

#endif
