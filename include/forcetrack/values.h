/**
 * @file
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

/** The largest quantity: quantities are non-negative integers below 2^53
 * (docs/format.md section 6), so that every one survives a trip through a
 * JSON double. */
#define FT_QUANTITY_MAX ((uint64_t)9007199254740991) /* 2^53 - 1 */

/** The hedge of a quantity: how the source put the figure. */
typedef enum ft_qualifier {
	FT_QUALIFIER_NONE = 0, /**< no quantity (only a denial may have none) */
	FT_QUALIFIER_EXACT,    /**< "125,000 troops": [N, N] */
	FT_QUALIFIER_APPROX,   /**< "some 94,000": about N */
	FT_QUALIFIER_AT_LEAST, /**< "more than 100,000": N or more */
	FT_QUALIFIER_AT_MOST,  /**< "up to 175,000": N or fewer */
	FT_QUALIFIER_RANGE     /**< "169,000 to 190,000": [low, high] */
} ft_qualifier;

/**
 * A hedged quantity. `value` is the stated figure for every qualifier but
 * RANGE, where it is the optional central figure (`has_value` says whether
 * one was stated) and `low`/`high` are the bounds. For the other
 * qualifiers `has_value` is 1 and `low`/`high` are 0.
 */
typedef struct ft_quantity {
	uint8_t qualifier; /**< an ft_qualifier */
	uint8_t has_value; /**< 1 when `value` holds a stated figure */
	uint64_t value;    /**< the figure, or a range's central figure */
	uint64_t low;      /**< a range's lower bound (inclusive); else 0 */
	uint64_t high;     /**< a range's upper bound (inclusive); else 0 */
} ft_quantity;

/**
 * Checks that a quantity is well formed.
 * @param q   the quantity
 * @param err filled on failure; may be NULL
 * @return 0; FT_EFORMAT naming the rule broken (a number of 2^53 or more,
 *         low above high, a central value outside its range, a missing
 *         value), or FT_EINVAL for a NULL `q`
 */
FT_EXTERN int ft_quantity_check(const ft_quantity *q, ft_error *err);

/**
 * Writes the quantity as an analyst reads it: "125,000", "about 94,000",
 * "at least 100,000", "up to 175,000", "169,000-190,000", or
 * "169,000-190,000 (about 175,000)" for a range with a central figure;
 * "no figure" for FT_QUALIFIER_NONE.
 * @param q    the quantity; NULL writes ""
 * @param buf  where the text goes, always NUL-terminated when `size` > 0;
 *             may be NULL to measure the text
 * @param size the size of `buf` in bytes
 * @return the length the text has (as snprintf does), so a result >=
 *         `size` means it was cut
 */
FT_EXTERN size_t ft_quantity_format(const ft_quantity *q, char *buf, size_t size);

/** The Admiralty source grade (docs/format.md section 5). */
typedef enum ft_reliability {
	FT_RELIABILITY_A = 1, /**< completely reliable */
	FT_RELIABILITY_B,     /**< usually reliable */
	FT_RELIABILITY_C,     /**< fairly reliable */
	FT_RELIABILITY_D,     /**< not usually reliable */
	FT_RELIABILITY_E,     /**< unreliable */
	FT_RELIABILITY_F      /**< cannot be judged: the default */
} ft_reliability;

/** The default Admiralty information grade. That grade is an int: 1
 * (confirmed) to 5 (improbable), 6 (cannot be judged, the default). */
#define FT_CREDIBILITY_DEFAULT 6

/** What kind of actor an actor is (docs/format.md section 3). */
typedef enum ft_actor_kind {
	FT_ACTOR_OTHER = 0,   /**< "other", the default */
	FT_ACTOR_STATE,       /**< "state" */
	FT_ACTOR_ALLIANCE,    /**< "alliance" */
	FT_ACTOR_ARMED_GROUP, /**< "armed-group" */
	FT_ACTOR_ORGANIZATION /**< "organization" */
} ft_actor_kind;

/** What kind of place a region is (docs/format.md section 4). */
typedef enum ft_region_kind {
	FT_REGION_OTHER = 0,   /**< "other", the default */
	FT_REGION_COUNTRY,     /**< "country" */
	FT_REGION_ADMIN1,      /**< "admin1": a first-level administrative division */
	FT_REGION_ADMIN2,      /**< "admin2": a second-level administrative division */
	FT_REGION_BORDER_ZONE, /**< "border-zone" */
	FT_REGION_THEATER,     /**< "theater" */
	FT_REGION_SEA,         /**< "sea" */
	FT_REGION_POINT        /**< "point": one place */
} ft_region_kind;

/** The size of a unit, from a team to a command (docs/format.md section 5). */
typedef enum ft_echelon {
	FT_ECHELON_NONE = 0,   /**< not stated */
	FT_ECHELON_TEAM,       /**< "team" */
	FT_ECHELON_SQUAD,      /**< "squad" */
	FT_ECHELON_SECTION,    /**< "section" */
	FT_ECHELON_PLATOON,    /**< "platoon" */
	FT_ECHELON_COMPANY,    /**< "company" */
	FT_ECHELON_BATTALION,  /**< "battalion" */
	FT_ECHELON_REGIMENT,   /**< "regiment" */
	FT_ECHELON_BRIGADE,    /**< "brigade" */
	FT_ECHELON_DIVISION,   /**< "division" */
	FT_ECHELON_CORPS,      /**< "corps" */
	FT_ECHELON_ARMY,       /**< "army" */
	FT_ECHELON_ARMY_GROUP, /**< "army-group" */
	FT_ECHELON_FRONT,      /**< "front" */
	FT_ECHELON_COMMAND     /**< "command" */
} ft_echelon;

/** Who a source is (docs/format.md section 5). */
typedef enum ft_source_kind {
	FT_SOURCE_OTHER = 0,                  /**< "other", the default */
	FT_SOURCE_GOVERNMENT,                 /**< "government" */
	FT_SOURCE_MILITARY,                   /**< "military" */
	FT_SOURCE_INTELLIGENCE,               /**< "intelligence" */
	FT_SOURCE_ALLIANCE,                   /**< "alliance" */
	FT_SOURCE_INTERNATIONAL_ORGANIZATION, /**< "international-organization" */
	FT_SOURCE_MEDIA,                      /**< "media" */
	FT_SOURCE_THINK_TANK,                 /**< "think-tank" */
	FT_SOURCE_OSINT,                      /**< "osint" */
	FT_SOURCE_SOCIAL_MEDIA,               /**< "social-media" */
	FT_SOURCE_PERSON                      /**< "person" */
} ft_source_kind;

/** What a claim says about the forces (docs/format.md section 6). */
typedef enum ft_claim_kind {
	FT_CLAIM_OBSERVATION = 0, /**< "observation", the default: forces said to be there */
	FT_CLAIM_PROJECTION,      /**< "projection": forces said to be planned or expected */
	FT_CLAIM_DENIAL           /**< "denial": the source denies forces are there */
} ft_claim_kind;

/**
 * @name Spellings
 * The spelling docs/format.md uses for each named value ("armed-group",
 * "at-least", "B"), and back. Spellings are case-sensitive.
 * @{
 */

/**
 * The spelling of a qualifier.
 * @param q the qualifier
 * @return a static string ("exact", "approx", "at-least", "at-most",
 *         "range"), or NULL for FT_QUALIFIER_NONE and values outside the enum
 */
FT_EXTERN const char *ft_qualifier_name(ft_qualifier q);
/**
 * The spelling of a reliability grade.
 * @param r the grade
 * @return a static string "A" to "F", or NULL for a value outside the enum
 */
FT_EXTERN const char *ft_reliability_name(ft_reliability r);
/**
 * The spelling of an actor kind.
 * @param k the kind
 * @return a static string ("state", "armed-group", ...), or NULL for a
 *         value outside the enum
 */
FT_EXTERN const char *ft_actor_kind_name(ft_actor_kind k);
/**
 * The spelling of a region kind.
 * @param k the kind
 * @return a static string ("country", "border-zone", ...), or NULL for a
 *         value outside the enum
 */
FT_EXTERN const char *ft_region_kind_name(ft_region_kind k);
/**
 * The spelling of an echelon.
 * @param e the echelon
 * @return a static string ("brigade", "army-group", ...), or NULL for
 *         FT_ECHELON_NONE and values outside the enum
 */
FT_EXTERN const char *ft_echelon_name(ft_echelon e);
/**
 * The spelling of a source kind.
 * @param k the kind
 * @return a static string ("media", "think-tank", ...), or NULL for a
 *         value outside the enum
 */
FT_EXTERN const char *ft_source_kind_name(ft_source_kind k);
/**
 * The spelling of a claim kind.
 * @param k the kind
 * @return a static string ("observation", "projection", "denial"), or
 *         NULL for a value outside the enum
 */
FT_EXTERN const char *ft_claim_kind_name(ft_claim_kind k);

/**
 * The qualifier a spelling names; the reverse of ft_qualifier_name().
 * @param name the spelling
 * @param out  the qualifier; untouched on failure
 * @return 0; FT_EFORMAT when `name` is no qualifier's spelling; FT_EINVAL
 *         for a NULL argument
 */
FT_EXTERN int ft_qualifier_parse(const char *name, ft_qualifier *out);
/**
 * The reliability grade a spelling names; the reverse of ft_reliability_name().
 * @param name the spelling, "A" to "F"
 * @param out  the grade; untouched on failure
 * @return 0; FT_EFORMAT when `name` is no grade's spelling; FT_EINVAL for
 *         a NULL argument
 */
FT_EXTERN int ft_reliability_parse(const char *name, ft_reliability *out);
/**
 * The actor kind a spelling names; the reverse of ft_actor_kind_name().
 * @param name the spelling
 * @param out  the kind; untouched on failure
 * @return 0; FT_EFORMAT when `name` is no kind's spelling; FT_EINVAL for a
 *         NULL argument
 */
FT_EXTERN int ft_actor_kind_parse(const char *name, ft_actor_kind *out);
/**
 * The region kind a spelling names; the reverse of ft_region_kind_name().
 * @param name the spelling
 * @param out  the kind; untouched on failure
 * @return 0; FT_EFORMAT when `name` is no kind's spelling; FT_EINVAL for a
 *         NULL argument
 */
FT_EXTERN int ft_region_kind_parse(const char *name, ft_region_kind *out);
/**
 * The echelon a spelling names; the reverse of ft_echelon_name().
 * @param name the spelling
 * @param out  the echelon; untouched on failure
 * @return 0; FT_EFORMAT when `name` is no echelon's spelling; FT_EINVAL
 *         for a NULL argument
 */
FT_EXTERN int ft_echelon_parse(const char *name, ft_echelon *out);
/**
 * The source kind a spelling names; the reverse of ft_source_kind_name().
 * @param name the spelling
 * @param out  the kind; untouched on failure
 * @return 0; FT_EFORMAT when `name` is no kind's spelling; FT_EINVAL for a
 *         NULL argument
 */
FT_EXTERN int ft_source_kind_parse(const char *name, ft_source_kind *out);
/**
 * The claim kind a spelling names; the reverse of ft_claim_kind_name().
 * @param name the spelling
 * @param out  the kind; untouched on failure
 * @return 0; FT_EFORMAT when `name` is no kind's spelling; FT_EINVAL for a
 *         NULL argument
 */
FT_EXTERN int ft_claim_kind_parse(const char *name, ft_claim_kind *out);

/** @} */

/**
 * Whether a string is a valid identifier: 1 to FT_ID_MAX_LENGTH characters
 * matching [A-Za-z0-9][A-Za-z0-9._:-]*.
 * @param id the string; NULL is allowed
 * @return 1 when `id` is valid, else 0
 */
FT_EXTERN int ft_id_is_valid(const char *id);
/** The longest identifier, in bytes. */
#define FT_ID_MAX_LENGTH 128

/**
 * Whether a string is a valid measure name: [a-z][a-z0-9-]*.
 * @param measure the string; NULL is allowed
 * @return 1 when `measure` is valid, else 0
 */
FT_EXTERN int ft_measure_is_valid(const char *measure);
/** The measure of a claim that names none: personnel. */
#define FT_MEASURE_DEFAULT "personnel"

#ifdef __cplusplus
}
#endif

#endif
