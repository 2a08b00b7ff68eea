/*
 * The small values claims are made of (docs/format.md sections 1, 5 and 6):
 * hedged quantities, checked against the rules of the format and written
 * the way an analyst reads them; the named kinds (qualifiers, Admiralty
 * grades, actor, region, source and claim kinds, echelons) with their exact
 * spellings; and the shape of identifiers and measure names. Every named
 * kind is one table of spellings indexed by its enum value, and one pair of
 * lookups serves them all, so a spelling lives in exactly one place.
 */
#include "forcetrack/values.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/error-private.h"

/* The spellings of one enum, indexed by value. A NULL entry is a value that
 * the format never spells (FT_QUALIFIER_NONE, FT_ECHELON_NONE, the unused
 * 0 of the reliability grades): it has no name and no name parses to it. */
typedef struct enum_names {
	const char *const *names;
	size_t count;
} enum_names;

#define ENUM_NAMES(array)                                                                                    \
	{                                                                                                    \
		array, sizeof array / sizeof array[0]                                                        \
	}

static const char *const qualifier_names[] = {
    [FT_QUALIFIER_NONE] = NULL,         [FT_QUALIFIER_EXACT] = "exact",
    [FT_QUALIFIER_APPROX] = "approx",   [FT_QUALIFIER_AT_LEAST] = "at-least",
    [FT_QUALIFIER_AT_MOST] = "at-most", [FT_QUALIFIER_RANGE] = "range",
};

static const char *const reliability_names[] = {
    [0] = NULL,
    [FT_RELIABILITY_A] = "A",
    [FT_RELIABILITY_B] = "B",
    [FT_RELIABILITY_C] = "C",
    [FT_RELIABILITY_D] = "D",
    [FT_RELIABILITY_E] = "E",
    [FT_RELIABILITY_F] = "F",
};

static const char *const actor_kind_names[] = {
    [FT_ACTOR_OTHER] = "other",
    [FT_ACTOR_STATE] = "state",
    [FT_ACTOR_ALLIANCE] = "alliance",
    [FT_ACTOR_ARMED_GROUP] = "armed-group",
    [FT_ACTOR_ORGANIZATION] = "organization",
};

static const char *const region_kind_names[] = {
    [FT_REGION_OTHER] = "other",
    [FT_REGION_COUNTRY] = "country",
    [FT_REGION_ADMIN1] = "admin1",
    [FT_REGION_ADMIN2] = "admin2",
    [FT_REGION_BORDER_ZONE] = "border-zone",
    [FT_REGION_THEATER] = "theater",
    [FT_REGION_SEA] = "sea",
    [FT_REGION_POINT] = "point",
};

static const char *const echelon_names[] = {
    [FT_ECHELON_NONE] = NULL,
    [FT_ECHELON_TEAM] = "team",
    [FT_ECHELON_SQUAD] = "squad",
    [FT_ECHELON_SECTION] = "section",
    [FT_ECHELON_PLATOON] = "platoon",
    [FT_ECHELON_COMPANY] = "company",
    [FT_ECHELON_BATTALION] = "battalion",
    [FT_ECHELON_REGIMENT] = "regiment",
    [FT_ECHELON_BRIGADE] = "brigade",
    [FT_ECHELON_DIVISION] = "division",
    [FT_ECHELON_CORPS] = "corps",
    [FT_ECHELON_ARMY] = "army",
    [FT_ECHELON_ARMY_GROUP] = "army-group",
    [FT_ECHELON_FRONT] = "front",
    [FT_ECHELON_COMMAND] = "command",
};

static const char *const source_kind_names[] = {
    [FT_SOURCE_OTHER] = "other",       [FT_SOURCE_GOVERNMENT] = "government",
    [FT_SOURCE_MILITARY] = "military", [FT_SOURCE_INTELLIGENCE] = "intelligence",
    [FT_SOURCE_ALLIANCE] = "alliance", [FT_SOURCE_INTERNATIONAL_ORGANIZATION] = "international-organization",
    [FT_SOURCE_MEDIA] = "media",       [FT_SOURCE_THINK_TANK] = "think-tank",
    [FT_SOURCE_OSINT] = "osint",       [FT_SOURCE_SOCIAL_MEDIA] = "social-media",
    [FT_SOURCE_PERSON] = "person",
};

static const char *const claim_kind_names[] = {
    [FT_CLAIM_OBSERVATION] = "observation",
    [FT_CLAIM_PROJECTION] = "projection",
    [FT_CLAIM_DENIAL] = "denial",
};

static const enum_names qualifiers = ENUM_NAMES(qualifier_names);
static const enum_names reliabilities = ENUM_NAMES(reliability_names);
static const enum_names actor_kinds = ENUM_NAMES(actor_kind_names);
static const enum_names region_kinds = ENUM_NAMES(region_kind_names);
static const enum_names echelons = ENUM_NAMES(echelon_names);
static const enum_names source_kinds = ENUM_NAMES(source_kind_names);
static const enum_names claim_kinds = ENUM_NAMES(claim_kind_names);

/* The value is taken as a long long so that a negative number cast to an
 * enum (whose underlying type may be unsigned) still reads as out of range. */
static const char *enum_name(const enum_names *e, long long value)
{
	if (value < 0 || (unsigned long long)value >= e->count)
		return NULL;
	return e->names[value];
}

/* Spellings are case-sensitive: the format writes "armed-group", and
 * "Armed-Group" is a typo a validator should point out, not accept. */
static int enum_parse(const enum_names *e, const char *name, int *out)
{
	if (!name || !out)
		return FT_EINVAL;
	for (size_t i = 0; i < e->count; i++) {
		if (e->names[i] && strcmp(e->names[i], name) == 0) {
			*out = (int)i;
			return 0;
		}
	}
	return FT_EFORMAT;
}

const char *ft_qualifier_name(ft_qualifier q)
{
	return enum_name(&qualifiers, (long long)q);
}
const char *ft_reliability_name(ft_reliability r)
{
	return enum_name(&reliabilities, (long long)r);
}
const char *ft_actor_kind_name(ft_actor_kind k)
{
	return enum_name(&actor_kinds, (long long)k);
}
const char *ft_region_kind_name(ft_region_kind k)
{
	return enum_name(&region_kinds, (long long)k);
}
const char *ft_echelon_name(ft_echelon e)
{
	return enum_name(&echelons, (long long)e);
}
const char *ft_source_kind_name(ft_source_kind k)
{
	return enum_name(&source_kinds, (long long)k);
}
const char *ft_claim_kind_name(ft_claim_kind k)
{
	return enum_name(&claim_kinds, (long long)k);
}

/* Each parse goes through an int, since one lookup serves every enum and
 * an enum's size is the compiler's choice; `out` is written only on
 * success. */
int ft_qualifier_parse(const char *name, ft_qualifier *out)
{
	int value;
	int rc = enum_parse(&qualifiers, name, out ? &value : NULL);
	if (rc == 0)
		*out = (ft_qualifier)value;
	return rc;
}

int ft_reliability_parse(const char *name, ft_reliability *out)
{
	int value;
	int rc = enum_parse(&reliabilities, name, out ? &value : NULL);
	if (rc == 0)
		*out = (ft_reliability)value;
	return rc;
}

int ft_actor_kind_parse(const char *name, ft_actor_kind *out)
{
	int value;
	int rc = enum_parse(&actor_kinds, name, out ? &value : NULL);
	if (rc == 0)
		*out = (ft_actor_kind)value;
	return rc;
}

int ft_region_kind_parse(const char *name, ft_region_kind *out)
{
	int value;
	int rc = enum_parse(&region_kinds, name, out ? &value : NULL);
	if (rc == 0)
		*out = (ft_region_kind)value;
	return rc;
}

int ft_echelon_parse(const char *name, ft_echelon *out)
{
	int value;
	int rc = enum_parse(&echelons, name, out ? &value : NULL);
	if (rc == 0)
		*out = (ft_echelon)value;
	return rc;
}

int ft_source_kind_parse(const char *name, ft_source_kind *out)
{
	int value;
	int rc = enum_parse(&source_kinds, name, out ? &value : NULL);
	if (rc == 0)
		*out = (ft_source_kind)value;
	return rc;
}

int ft_claim_kind_parse(const char *name, ft_claim_kind *out)
{
	int value;
	int rc = enum_parse(&claim_kinds, name, out ? &value : NULL);
	if (rc == 0)
		*out = (ft_claim_kind)value;
	return rc;
}

/* Quantities must survive a trip through a JSON double, which holds every
 * integer exactly only below 2^53. */
static int check_figure(uint64_t n, ft_error *err)
{
	if (n > FT_QUANTITY_MAX)
		return ft__error_set(err, FT_EFORMAT, NULL, "number %" PRIu64 " is 2^53 or more", n);
	return 0;
}

int ft_quantity_check(const ft_quantity *q, ft_error *err)
{
	if (!q)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_quantity_check: NULL argument");
	int rc;
	switch (q->qualifier) {
	case FT_QUALIFIER_NONE:
		/* Whether a quantity may be missing depends on the claim (only a
		 * denial may leave it out), so the model decides that. */
		return 0;
	case FT_QUALIFIER_EXACT:
	case FT_QUALIFIER_APPROX:
	case FT_QUALIFIER_AT_LEAST:
	case FT_QUALIFIER_AT_MOST:
		if (!q->has_value)
			return ft__error_set(err, FT_EFORMAT, NULL,
			                     "a quantity with qualifier \"%s\" needs a value",
			                     qualifier_names[q->qualifier]);
		return check_figure(q->value, err);
	case FT_QUALIFIER_RANGE:
		if ((rc = check_figure(q->low, err)) != 0 || (rc = check_figure(q->high, err)) != 0)
			return rc;
		if (q->has_value && (rc = check_figure(q->value, err)) != 0)
			return rc;
		if (q->low > q->high)
			return ft__error_set(err, FT_EFORMAT, NULL, "low %" PRIu64 " is above high %" PRIu64,
			                     q->low, q->high);
		if (q->has_value && (q->value < q->low || q->value > q->high))
			return ft__error_set(err, FT_EFORMAT, NULL,
			                     "value %" PRIu64 " lies outside its range %" PRIu64 "-%" PRIu64,
			                     q->value, q->low, q->high);
		return 0;
	default: return ft__error_set(err, FT_EFORMAT, NULL, "unknown qualifier %d", q->qualifier);
	}
}

/* Room for the longest uint64 with separators: 20 digits and 6 commas. */
#define GROUPED_SIZE 27

/* Writes `n` with a comma between groups of three digits ("1,234,567"),
 * the way the figures appear in the reports the claims come from. */
static void format_grouped(uint64_t n, char out[GROUPED_SIZE])
{
	char tmp[GROUPED_SIZE];
	size_t len = 0, digits = 0;
	do {
		if (digits > 0 && digits % 3 == 0)
			tmp[len++] = ',';
		tmp[len++] = (char)('0' + (int)(n % 10));
		n /= 10;
		digits++;
	} while (n > 0);
	for (size_t i = 0; i < len; i++)
		out[i] = tmp[len - 1 - i];
	out[len] = '\0';
}

size_t ft_quantity_format(const ft_quantity *q, char *buf, size_t size)
{
	char value[GROUPED_SIZE], low[GROUPED_SIZE], high[GROUPED_SIZE];
	int n;
	if (!buf)
		size = 0;
	if (!q) {
		if (size)
			buf[0] = '\0';
		return 0;
	}
	format_grouped(q->value, value);
	switch (q->qualifier) {
	case FT_QUALIFIER_NONE: n = snprintf(buf, size, "no figure"); break;
	case FT_QUALIFIER_EXACT: n = snprintf(buf, size, "%s", value); break;
	case FT_QUALIFIER_APPROX: n = snprintf(buf, size, "about %s", value); break;
	case FT_QUALIFIER_AT_LEAST: n = snprintf(buf, size, "at least %s", value); break;
	case FT_QUALIFIER_AT_MOST: n = snprintf(buf, size, "up to %s", value); break;
	case FT_QUALIFIER_RANGE:
		format_grouped(q->low, low);
		format_grouped(q->high, high);
		if (q->has_value)
			n = snprintf(buf, size, "%s-%s (about %s)", low, high, value);
		else
			n = snprintf(buf, size, "%s-%s", low, high);
		break;
	default:
		/* Not a quantity this library made; say so rather than guess. */
		n = snprintf(buf, size, "invalid quantity");
		break;
	}
	return n < 0 ? 0 : (size_t)n;
}

int ft_id_is_valid(const char *id)
{
	if (!id || !g_ascii_isalnum(id[0]))
		return 0;
	size_t len = 1;
	for (const char *p = id + 1; *p; p++, len++) {
		if (len >= FT_ID_MAX_LENGTH)
			return 0;
		if (!g_ascii_isalnum(*p) && *p != '.' && *p != '_' && *p != ':' && *p != '-')
			return 0;
	}
	return 1;
}

int ft_measure_is_valid(const char *measure)
{
	if (!measure || !g_ascii_islower(measure[0]))
		return 0;
	for (const char *p = measure + 1; *p; p++) {
		if (!g_ascii_islower(*p) && !g_ascii_isdigit(*p) && *p != '-')
			return 0;
	}
	return 1;
}
