/*
 * Tests for the small values of the model (lib/values/values.c): every rule of
 * ft_quantity_check, every shape ft_quantity_format writes, the spelling of
 * every named value in both directions (against a list copied here from
 * docs/format.md, so a misspelt table fails), and the edges of identifiers and
 * measure names.
 */
#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "forcetrack/values.h"
#include "test-util.h"

/* 2^53 = 9007199254740992: the first figure a JSON double may not hold
 * exactly next to its neighbours, and the first the format refuses. */
#define TWO_POW_53 UINT64_C(9007199254740992)

static ft_quantity single(ft_qualifier qualifier, uint64_t value)
{
	ft_quantity q;
	memset(&q, 0, sizeof q);
	q.qualifier = (uint8_t)qualifier;
	q.has_value = 1;
	q.value = value;
	return q;
}

static ft_quantity range(uint64_t low, uint64_t high, int has_value, uint64_t value)
{
	ft_quantity q;
	memset(&q, 0, sizeof q);
	q.qualifier = FT_QUALIFIER_RANGE;
	q.low = low;
	q.high = high;
	q.has_value = (uint8_t)has_value;
	q.value = value;
	return q;
}

/* Checks `q`, expecting a refusal with exactly `message`. */
static void check_fails(const ft_quantity *q, const char *message)
{
	ft_error err;
	memset(&err, 0, sizeof err);
	CU_ASSERT_EQUAL(ft_quantity_check(q, &err), FT_EFORMAT);
	CU_ASSERT_EQUAL(err.code, FT_EFORMAT);
	if (strcmp(err.text, message) != 0)
		fprintf(stderr, "\n  got      %s\n  expected %s\n", err.text, message);
	CU_ASSERT_STRING_EQUAL(err.text, message);
	/* The same answer without an error record. */
	CU_ASSERT_EQUAL(ft_quantity_check(q, NULL), FT_EFORMAT);
}

static void test_quantity_check_single(void)
{
	static const ft_qualifier qualifiers[] = {FT_QUALIFIER_EXACT, FT_QUALIFIER_APPROX,
	                                          FT_QUALIFIER_AT_LEAST, FT_QUALIFIER_AT_MOST};
	static const char *const names[] = {"exact", "approx", "at-least", "at-most"};
	for (size_t i = 0; i < G_N_ELEMENTS(qualifiers); i++) {
		ft_quantity q = single(qualifiers[i], 94000);
		CU_ASSERT_EQUAL(ft_quantity_check(&q, NULL), 0);

		/* 0 is a figure ("no troops"), not a missing one. */
		q = single(qualifiers[i], 0);
		CU_ASSERT_EQUAL(ft_quantity_check(&q, NULL), 0);

		/* 2^53 - 1 is the largest figure allowed. */
		q = single(qualifiers[i], FT_QUANTITY_MAX);
		CU_ASSERT_EQUAL(ft_quantity_check(&q, NULL), 0);
		q = single(qualifiers[i], TWO_POW_53);
		check_fails(&q, "number 9007199254740992 is 2^53 or more");
		q = single(qualifiers[i], UINT64_MAX);
		check_fails(&q, "number 18446744073709551615 is 2^53 or more");

		/* Every qualifier but range states its value. */
		q = single(qualifiers[i], 94000);
		q.has_value = 0;
		char expected[FT_ERROR_TEXT_SIZE];
		g_snprintf(expected, sizeof expected, "a quantity with qualifier \"%s\" needs a value",
		           names[i]);
		check_fails(&q, expected);
	}
}

static void test_quantity_check_range(void)
{
	ft_quantity q = range(169000, 190000, 0, 0);
	CU_ASSERT_EQUAL(ft_quantity_check(&q, NULL), 0);
	/* A range of one figure is allowed. */
	q = range(100, 100, 0, 0);
	CU_ASSERT_EQUAL(ft_quantity_check(&q, NULL), 0);
	q = range(200, 100, 0, 0);
	check_fails(&q, "low 200 is above high 100");
	q = range(101, 100, 0, 0);
	check_fails(&q, "low 101 is above high 100");

	/* A central figure lies within its range, edges included. */
	q = range(100, 200, 1, 150);
	CU_ASSERT_EQUAL(ft_quantity_check(&q, NULL), 0);
	q = range(100, 200, 1, 100);
	CU_ASSERT_EQUAL(ft_quantity_check(&q, NULL), 0);
	q = range(100, 200, 1, 200);
	CU_ASSERT_EQUAL(ft_quantity_check(&q, NULL), 0);
	q = range(100, 200, 1, 250);
	check_fails(&q, "value 250 lies outside its range 100-200");
	q = range(100, 200, 1, 99);
	check_fails(&q, "value 99 lies outside its range 100-200");
	q = range(100, 200, 1, 201);
	check_fails(&q, "value 201 lies outside its range 100-200");
	/* Without has_value the stray value field is not a central figure. */
	q = range(100, 200, 0, 250);
	CU_ASSERT_EQUAL(ft_quantity_check(&q, NULL), 0);

	/* Every figure of a range stays below 2^53. */
	q = range(0, FT_QUANTITY_MAX, 1, FT_QUANTITY_MAX);
	CU_ASSERT_EQUAL(ft_quantity_check(&q, NULL), 0);
	q = range(0, TWO_POW_53, 0, 0);
	check_fails(&q, "number 9007199254740992 is 2^53 or more");
	q = range(TWO_POW_53, TWO_POW_53 + 1, 0, 0);
	check_fails(&q, "number 9007199254740992 is 2^53 or more");
	/* Even a value that would also lie outside the range is first a
	 * number too large. */
	q = range(0, 10, 1, TWO_POW_53);
	check_fails(&q, "number 9007199254740992 is 2^53 or more");
	/* The size rule comes before the order rule: low 2^53 above a
	 * high of 10 is reported as too large. */
	q = range(TWO_POW_53, 10, 0, 0);
	check_fails(&q, "number 9007199254740992 is 2^53 or more");
}

static void test_quantity_check_other(void)
{
	/* No quantity passes: whether one may be missing is the claim's
	 * question (only a denial may leave it out). */
	ft_quantity q;
	memset(&q, 0, sizeof q);
	CU_ASSERT_EQUAL(q.qualifier, FT_QUALIFIER_NONE);
	CU_ASSERT_EQUAL(ft_quantity_check(&q, NULL), 0);

	q.qualifier = 9;
	check_fails(&q, "unknown qualifier 9");

	ft_error err;
	CU_ASSERT_EQUAL(ft_quantity_check(NULL, &err), FT_EINVAL);
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	CU_ASSERT_EQUAL(ft_quantity_check(NULL, NULL), FT_EINVAL);
}

/* Formats `q`, expecting `text`, and checks the returned length. */
static void format_is(const ft_quantity *q, const char *text)
{
	char buf[128];
	memset(buf, 'x', sizeof buf);
	size_t n = ft_quantity_format(q, buf, sizeof buf);
	if (strcmp(buf, text) != 0)
		fprintf(stderr, "\n  got      %s\n  expected %s\n", buf, text);
	CU_ASSERT_STRING_EQUAL(buf, text);
	CU_ASSERT_EQUAL(n, strlen(text));
}

static void test_quantity_format_shapes(void)
{
	ft_quantity q = single(FT_QUALIFIER_EXACT, 125000);
	format_is(&q, "125,000");
	q = single(FT_QUALIFIER_APPROX, 94000);
	format_is(&q, "about 94,000");
	q = single(FT_QUALIFIER_AT_LEAST, 100000);
	format_is(&q, "at least 100,000");
	q = single(FT_QUALIFIER_AT_MOST, 175000);
	format_is(&q, "up to 175,000");
	q = range(169000, 190000, 0, 0);
	format_is(&q, "169,000-190,000");
	q = range(169000, 190000, 1, 175000);
	format_is(&q, "169,000-190,000 (about 175,000)");
	memset(&q, 0, sizeof q);
	format_is(&q, "no figure");
	q.qualifier = 9;
	format_is(&q, "invalid quantity");
}

static void test_quantity_format_grouping(void)
{
	struct {
		uint64_t value;
		const char *text;
	} cases[] = {
	    {0, "0"},
	    {7, "7"},
	    {999, "999"},
	    {1000, "1,000"},
	    {94000, "94,000"},
	    {100000, "100,000"},
	    {999999, "999,999"},
	    {1000000, "1,000,000"},
	    {1234567, "1,234,567"},
	    {1001001, "1,001,001"},
	    {FT_QUANTITY_MAX, "9,007,199,254,740,991"},
	    /* 2^64 - 1, the widest the field holds: 20 digits. */
	    {UINT64_MAX, "18,446,744,073,709,551,615"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		ft_quantity q = single(FT_QUALIFIER_EXACT, cases[i].value);
		format_is(&q, cases[i].text);
	}
}

static void test_quantity_format_truncation(void)
{
	/* Like snprintf: the full length comes back, the text is cut and
	 * terminated. "about 94,000" is 12 characters. */
	ft_quantity q = single(FT_QUALIFIER_APPROX, 94000);
	char buf[5];
	CU_ASSERT_EQUAL(ft_quantity_format(&q, buf, sizeof buf), 12);
	CU_ASSERT_STRING_EQUAL(buf, "abou");
	CU_ASSERT_EQUAL(ft_quantity_format(&q, NULL, 0), 12);

	/* "169,000-190,000 (about 175,000)" is 7 + 1 + 7 + 8 + 7 + 1 = 31. */
	q = range(169000, 190000, 1, 175000);
	CU_ASSERT_EQUAL(ft_quantity_format(&q, NULL, 0), 31);

	buf[0] = 'x';
	CU_ASSERT_EQUAL(ft_quantity_format(NULL, buf, sizeof buf), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
}

/*
 * One named kind: its name and parse functions, called through int so a
 * single checker covers every enum, and the spellings docs/format.md gives,
 * indexed by value (NULL where the format has no spelling).
 */
typedef struct enum_case {
	const char *what;
	const char *(*name)(int value);
	int (*parse)(const char *name, int *out);
	const char *const *spellings;
	size_t count;
} enum_case;

#define WRAP(fn, type)                                                                                       \
	static const char *fn##_name_int(int v)                                                              \
	{                                                                                                    \
		return ft_##fn##_name((type)v);                                                              \
	}                                                                                                    \
	static int fn##_parse_int(const char *s, int *out)                                                   \
	{                                                                                                    \
		type v = (type)-1;                                                                           \
		int rc = ft_##fn##_parse(s, out ? &v : NULL);                                                \
		if (out)                                                                                     \
			*out = (int)v;                                                                       \
		return rc;                                                                                   \
	}

WRAP(qualifier, ft_qualifier)
WRAP(reliability, ft_reliability)
WRAP(actor_kind, ft_actor_kind)
WRAP(region_kind, ft_region_kind)
WRAP(echelon, ft_echelon)
WRAP(source_kind, ft_source_kind)
WRAP(claim_kind, ft_claim_kind)

/* Copied from docs/format.md sections 3 to 6, in the order of the enums. */
static const char *const qualifier_spellings[] = {NULL, "exact", "approx", "at-least", "at-most", "range"};
static const char *const reliability_spellings[] = {NULL, "A", "B", "C", "D", "E", "F"};
static const char *const actor_spellings[] = {"other", "state", "alliance", "armed-group", "organization"};
static const char *const region_spellings[] = {"other",       "country", "admin1", "admin2",
                                               "border-zone", "theater", "sea",    "point"};
static const char *const echelon_spellings[] = {NULL,      "team",      "squad",      "section", "platoon",
                                                "company", "battalion", "regiment",   "brigade", "division",
                                                "corps",   "army",      "army-group", "front",   "command"};
static const char *const source_spellings[] = {
    "other", "government", "military", "intelligence", "alliance", "international-organization",
    "media", "think-tank", "osint",    "social-media", "person"};
static const char *const claim_spellings[] = {"observation", "projection", "denial"};

#define CASE(what, fn, spellings)                                                                            \
	{                                                                                                    \
		what, fn##_name_int, fn##_parse_int, spellings, G_N_ELEMENTS(spellings)                      \
	}

static const enum_case enum_cases[] = {
    CASE("qualifier", qualifier, qualifier_spellings),
    CASE("reliability", reliability, reliability_spellings),
    CASE("actor kind", actor_kind, actor_spellings),
    CASE("region kind", region_kind, region_spellings),
    CASE("echelon", echelon, echelon_spellings),
    CASE("source kind", source_kind, source_spellings),
    CASE("claim kind", claim_kind, claim_spellings),
};

static void test_enum_names(void)
{
	for (size_t c = 0; c < G_N_ELEMENTS(enum_cases); c++) {
		const enum_case *e = &enum_cases[c];
		for (size_t v = 0; v < e->count; v++) {
			const char *name = e->name((int)v);
			if (!e->spellings[v]) {
				CU_ASSERT_PTR_NULL(name);
				continue;
			}
			CU_ASSERT_PTR_NOT_NULL_FATAL(name);
			if (strcmp(name, e->spellings[v]) != 0)
				fprintf(stderr, "\n%s %zu: got %s, expected %s\n", e->what, v, name,
				        e->spellings[v]);
			CU_ASSERT_STRING_EQUAL(name, e->spellings[v]);
			int back = -1;
			CU_ASSERT_EQUAL(e->parse(name, &back), 0);
			CU_ASSERT_EQUAL(back, (int)v);
		}
		/* Past the last value, and below the first, there is no name. */
		CU_ASSERT_PTR_NULL(e->name((int)e->count));
		CU_ASSERT_PTR_NULL(e->name(-1));
	}
}

static void test_enum_parse_refusals(void)
{
	static const char *const refused[] = {
	    "",       "none",   "unknown",     "Other",       "OTHER",
	    "exact ", " exact", "Armed-Group", "armed_group", "army group",
	    "a",      "G",      "think tank",  "at least",    "approximate",
	};
	for (size_t c = 0; c < G_N_ELEMENTS(enum_cases); c++) {
		const enum_case *e = &enum_cases[c];
		for (size_t i = 0; i < G_N_ELEMENTS(refused); i++) {
			int out = 12345;
			CU_ASSERT_EQUAL(e->parse(refused[i], &out), FT_EFORMAT);
		}
		CU_ASSERT_EQUAL(e->parse(NULL, NULL), FT_EINVAL);
		CU_ASSERT_EQUAL(e->parse(e->spellings[e->count - 1], NULL), FT_EINVAL);
	}

	/* A failed parse leaves *out as it was. */
	ft_actor_kind kind = FT_ACTOR_STATE;
	CU_ASSERT_EQUAL(ft_actor_kind_parse("armed group", &kind), FT_EFORMAT);
	CU_ASSERT_EQUAL(kind, FT_ACTOR_STATE);
	CU_ASSERT_EQUAL(ft_actor_kind_parse(NULL, &kind), FT_EINVAL);
	CU_ASSERT_EQUAL(kind, FT_ACTOR_STATE);

	/* A name of one kind is not a name of another. */
	ft_echelon echelon;
	CU_ASSERT_EQUAL(ft_echelon_parse("state", &echelon), FT_EFORMAT);
	ft_reliability grade;
	CU_ASSERT_EQUAL(ft_reliability_parse("a", &grade), FT_EFORMAT);
	CU_ASSERT_EQUAL(ft_reliability_parse("F", &grade), 0);
	CU_ASSERT_EQUAL(grade, FT_RELIABILITY_F);
}

static void test_id(void)
{
	/* 128 characters is the longest id; 129 is one too many. */
	char id[FT_ID_MAX_LENGTH + 2];
	memset(id, 'a', FT_ID_MAX_LENGTH);
	id[FT_ID_MAX_LENGTH] = '\0';
	CU_ASSERT_EQUAL(strlen(id), 128);
	CU_ASSERT_TRUE(ft_id_is_valid(id));
	id[FT_ID_MAX_LENGTH] = 'a';
	id[FT_ID_MAX_LENGTH + 1] = '\0';
	CU_ASSERT_EQUAL(strlen(id), 129);
	CU_ASSERT_FALSE(ft_id_is_valid(id));
	/* The 129th character counts even when it would be allowed. */
	id[FT_ID_MAX_LENGTH] = '-';
	CU_ASSERT_FALSE(ft_id_is_valid(id));

	static const char *const valid[] = {
	    "a",      "Z",   "9",     "UA",        "RU-RG", "c-ua-94k", "41CAA",
	    "ua.mod", "x_y", "ns:id", "a.b_c:d-e", "a-",    "0.",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(valid); i++)
		CU_ASSERT_TRUE(ft_id_is_valid(valid[i]));

	static const char *const invalid[] = {
	    "",
	    ".a",
	    "_a",
	    "-a",
	    ":a",
	    "a b",
	    "a/b",
	    "a,b",
	    "a\"b",
	    "a\tb",
	    " a",
	    "a ",
	    "\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2", /* Київ: not ASCII */
	    "a\xc3\xa9",
	    "a#",
	    "a@b",
	    "a+b",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(invalid); i++)
		CU_ASSERT_FALSE(ft_id_is_valid(invalid[i]));
	CU_ASSERT_FALSE(ft_id_is_valid(NULL));
}

static void test_measure(void)
{
	static const char *const valid[] = {
	    "personnel", "btg", "tanks", "armored-vehicles", "missile-launchers", "a", "a1", "t-72", "x-",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(valid); i++)
		CU_ASSERT_TRUE(ft_measure_is_valid(valid[i]));
	CU_ASSERT_TRUE(ft_measure_is_valid(FT_MEASURE_DEFAULT));

	static const char *const invalid[] = {
	    "", "Personnel", "personneL", "1a", "-a", "a_b", "a b", "a.b", "a:b", "_a", "\xc3\xa9",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(invalid); i++)
		CU_ASSERT_FALSE(ft_measure_is_valid(invalid[i]));
	CU_ASSERT_FALSE(ft_measure_is_valid(NULL));
}

static void test_suggest(void)
{
	static const char *const ids[] = {"donbas", "crimea", "ua-border", "RU", "UA"};
	/* One edit away: a doubled letter. */
	CU_ASSERT_STRING_EQUAL(ft_suggest("donbass", ids, 5), "donbas");
	/* A swap of neighbours counts as one edit: "crimae" -> "crimea". */
	CU_ASSERT_STRING_EQUAL(ft_suggest("crimae", ids, 5), "crimea");
	/* Case alone wins outright. */
	CU_ASSERT_STRING_EQUAL(ft_suggest("ru", ids, 5), "RU");
	/* "RUS" is one insertion from "RU": a short word allows one edit. */
	CU_ASSERT_STRING_EQUAL(ft_suggest("RUS", ids, 5), "RU");
	/* "kyiv" is far from everything: no suggestion. */
	CU_ASSERT_PTR_NULL(ft_suggest("kyiv", ids, 5));
	CU_ASSERT_PTR_NULL(ft_suggest("donbas", NULL, 0));
	CU_ASSERT_PTR_NULL(ft_suggest(NULL, ids, 5));
}

static const ft_test tests[] = {
    {"suggest", test_suggest},
    {"quantity check: single figures", test_quantity_check_single},
    {"quantity check: ranges", test_quantity_check_range},
    {"quantity check: none, unknown, NULL", test_quantity_check_other},
    {"quantity format: shapes", test_quantity_format_shapes},
    {"quantity format: grouping", test_quantity_format_grouping},
    {"quantity format: truncation", test_quantity_format_truncation},
    {"enum names round trip", test_enum_names},
    {"enum parse refusals", test_enum_parse_refusals},
    {"identifiers", test_id},
    {"measure names", test_measure},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("values", tests);
}
