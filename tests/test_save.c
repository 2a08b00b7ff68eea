/*
 * The writer: the canonical JSON emitter (layout, reals, escaping), the
 * RFC 7946 geometry check, the canonical document a dataset saves to, and
 * the atomic file save with its failure cases (a directory in the way, a
 * missing directory, a write that runs out of room), each of which must
 * leave the old file as it was and no temporary file behind; and what a
 * replacement keeps of the file it replaces (links, hard links, mode,
 * owner), and what a kill during it leaves.
 */
#define _GNU_SOURCE /* O_TMPFILE, to know whether the test directory has it */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <jansson.h>

#include "forcetrack/dataset.h"
#include "forcetrack/io.h"
#include "io/write-private.h"
#include "values/json-private.h"
#include "test-util.h"

/* Compares texts and shows both when they differ, so a failure can be
 * read without a debugger. */
#define ASSERT_TEXT(got, want)                                                                               \
	do {                                                                                                 \
		const char *got_ = (got);                                                                    \
		const char *want_ = (want);                                                                  \
		int same_ = got_ && strcmp(got_, want_) == 0;                                                \
		if (!same_)                                                                                  \
			fprintf(stderr, "\n--- got ---\n%s\n--- want ---\n%s\n---\n",                        \
			        got_ ? got_ : "(null)", want_);                                              \
		CU_ASSERT(same_);                                                                            \
	} while (0)

/* ---- the emitter ---- */

/* `text` parsed by Jansson (member order kept) and emitted. */
static char *emit_text(const char *text, int indent, int level)
{
	json_error_t jerr;
	json_t *v = json_loads(text, JSON_DECODE_ANY, &jerr);
	if (!v) {
		fprintf(stderr, "bad test JSON %s: %s\n", text, jerr.text);
		return NULL;
	}
	GString *out = g_string_new(NULL);
	ft__json_emit(out, v, indent, level);
	json_decref(v);
	return g_string_free(out, FALSE);
}

/* Takes the reference to `v`. */
static char *emit_value(json_t *v, int indent)
{
	GString *out = g_string_new(NULL);
	ft__json_emit(out, v, indent, 0);
	json_decref(v);
	return g_string_free(out, FALSE);
}

static const char nested[] = "{\"a\": 1, \"b\": [1, 2], \"c\": {\"d\": [], \"e\": {}}, "
                             "\"f\": [[1, 2], [3]], \"g\": [{\"h\": null}], \"i\": [[], {}, true]}";

static void test_emit_layout(void)
{
	/* Objects spread one member a line; "b" and "i" hold only scalars and
	 * empty containers, so they stay on one line with ", "; "f" and "g"
	 * hold non-empty containers, so they spread one element a line. */
	char *got = emit_text(nested, 2, 0);
	ASSERT_TEXT(got, "{\n"
	                 "  \"a\": 1,\n"
	                 "  \"b\": [1, 2],\n"
	                 "  \"c\": {\n"
	                 "    \"d\": [],\n"
	                 "    \"e\": {}\n"
	                 "  },\n"
	                 "  \"f\": [\n"
	                 "    [1, 2],\n"
	                 "    [3]\n"
	                 "  ],\n"
	                 "  \"g\": [\n"
	                 "    {\n"
	                 "      \"h\": null\n"
	                 "    }\n"
	                 "  ],\n"
	                 "  \"i\": [[], {}, true]\n"
	                 "}");
	g_free(got);
}

static void test_emit_level(void)
{
	/* Starting at level 1 (a member of the document): inner lines get 2 *
	 * 2 = 4 spaces, the closing brace 2, and nothing precedes the opening
	 * brace (the caller wrote the key). Indent 3 gives 3 spaces a level. */
	char *got = emit_text("{\"a\": {\"b\": [0]}}", 2, 1);
	ASSERT_TEXT(got, "{\n    \"a\": {\n      \"b\": [0]\n    }\n  }");
	g_free(got);
	got = emit_text("[{\"a\": 1}]", 3, 0);
	ASSERT_TEXT(got, "[\n   {\n      \"a\": 1\n   }\n]");
	g_free(got);
}

static void test_emit_empty(void)
{
	char *got = emit_text("{}", 2, 0);
	ASSERT_TEXT(got, "{}");
	g_free(got);
	got = emit_text("[]", 2, 3);
	ASSERT_TEXT(got, "[]");
	g_free(got);
	got = emit_text("[[]]", 2, 0); /* an empty container is flat */
	ASSERT_TEXT(got, "[[]]");
	g_free(got);
}

static void test_emit_compact(void)
{
	/* No whitespace at all, not even after ':' or ','. */
	char *got = emit_text(nested, -1, 0);
	ASSERT_TEXT(got, "{\"a\":1,\"b\":[1,2],\"c\":{\"d\":[],\"e\":{}},\"f\":[[1,2],[3]],"
	                 "\"g\":[{\"h\":null}],\"i\":[[],{},true]}");
	g_free(got);

	json_t *v = json_pack("{s:[f,f]}", "coordinates", 34.1, 45.0);
	char *compact = ft__json_compact(v);
	ASSERT_TEXT(compact, "{\"coordinates\":[34.1,45.0]}");
	g_free(compact);
	json_decref(v);
}

static void test_emit_order(void)
{
	/* Members come out in the order they went in, not sorted: Jansson
	 * keeps insertion order since 2.8. */
	char *got = emit_text("{\"z\": 1, \"a\": 2, \"m\": 3}", -1, 0);
	ASSERT_TEXT(got, "{\"z\":1,\"a\":2,\"m\":3}");
	g_free(got);
	json_t *o = json_object();
	json_object_set_new(o, "zeta", json_true());
	json_object_set_new(o, "alpha", json_false());
	char *built = emit_value(o, -1);
	ASSERT_TEXT(built, "{\"zeta\":true,\"alpha\":false}");
	g_free(built);
}

static void check_real(double d, const char *want)
{
	char *got = emit_value(json_real(d), 2);
	ASSERT_TEXT(got, want);
	g_free(got);
}

static void test_emit_reals(void)
{
	/* 34.1 reads back from 15 digits, so %.15g's "34.1" wins over
	 * %.17g's "34.100000000000001". */
	check_real(34.1, "34.1");
	/* 0.1 + 0.2 is the double 0.3000000000000000444...: "0.3" (15 and
	 * 16 digits) reads back as 0.2999999999999999888..., another double,
	 * so only 17 digits do. */
	check_real(0.1 + 0.2, "0.30000000000000004");
	/* 1/3 is 0.33333333333333331483...; 16 digits (error 1.5e-17) are
	 * within half the spacing of doubles there (2.8e-17), 15 are not. */
	check_real(1.0 / 3.0, "0.3333333333333333");
	/* Whole reals keep a ".0" so they read back as reals. */
	check_real(45.0, "45.0");
	check_real(123456789.0, "123456789.0");
	check_real(-0.0, "-0.0");
	/* An exponent already says "real": no ".0". */
	check_real(1e300, "1e+300");
	check_real(1e-7, "1e-07");
	check_real(-2.5e-5, "-2.5e-05");
	check_real(0.1, "0.1");
}

static void test_emit_integers(void)
{
	static const struct {
		json_int_t v;
		const char *want;
	} cases[] = {
	    {0, "0"},
	    {-5, "-5"},
	    {9007199254740991LL, "9007199254740991"}, /* 2^53 - 1 */
	    {INT64_MAX, "9223372036854775807"},
	    {INT64_MIN, "-9223372036854775808"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *got = emit_value(json_integer(cases[i].v), 2);
		ASSERT_TEXT(got, cases[i].want);
		g_free(got);
	}
	char *got = emit_text("[true, false, null]", 2, 0);
	ASSERT_TEXT(got, "[true, false, null]");
	g_free(got);
}

static void test_emit_strings(void)
{
	/* Quote, backslash, newline, tab and U+0001 escaped as JSON needs,
	 * and DEL as \u007F (upper-case hex, as Jansson writes \u001B); '/'
	 * left alone. */
	char *got = emit_value(json_string("a\"b\\c\nd\te\001f/g\177"), 2);
	ASSERT_TEXT(got, "\"a\\\"b\\\\c\\nd\\te\\u0001f/g\\u007F\"");
	g_free(got);
	/* Non-ASCII UTF-8 is written as it is, not as \u escapes. */
	got = emit_value(json_string("Київ"), 2);
	ASSERT_TEXT(got, "\"Київ\"");
	g_free(got);
	/* Keys are escaped the same way. */
	got = emit_text("{\"k\\\"ey\\n\": \"Донбас\"}", -1, 0);
	ASSERT_TEXT(got, "{\"k\\\"ey\\n\":\"Донбас\"}");
	g_free(got);
}

/* Emits `in` as a JSON string, checks the text is `want` and that it
 * reads back to `in`. */
static void expect_emitted_string(const char *in, const char *want)
{
	char *got = emit_value(json_string(in), -1);
	ASSERT_TEXT(got, want);
	json_t *back = json_loads(got, JSON_DECODE_ANY, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	CU_ASSERT_STRING_EQUAL(json_string_value(back), in);
	json_decref(back);
	g_free(got);
}

static void test_emit_terminal_controls(void)
{
	/* C1: U+009B (CSI, C2 9B), U+0080 (C2 80), U+0085 (NEL, C2 85) and
	 * U+009F (C2 9F) each become a six-character escape; U+00A0 (C2 A0),
	 * the first character after C1, stays as it is. */
	expect_emitted_string("a\xc2\x9b"
	                      "31mb",
	                      "\"a\\u009B31mb\"");
	expect_emitted_string("\xc2\x80\xc2\x85\xc2\x9f\xc2\xa0", "\"\\u0080\\u0085\\u009F\xc2\xa0\"");
	/* The bidirectional controls U+202A to U+202E (E2 80 AA to AE) and
	 * U+2066 to U+2069 (E2 81 A6 to A9), and the separators U+2028 and
	 * U+2029 (E2 80 A8, A9) that end a line in JavaScript. */
	expect_emitted_string("Rus\xe2\x80\xae"
	                      "sia",
	                      "\"Rus\\u202Esia\"");
	expect_emitted_string("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
	                      "\"\\u202A\\u202B\\u202C\\u202D\"");
	expect_emitted_string("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9",
	                      "\"\\u2066\\u2067\\u2068\\u2069\"");
	expect_emitted_string("\xe2\x80\xa8\xe2\x80\xa9", "\"\\u2028\\u2029\"");
	/* The marks LRM, RLM (E2 80 8E, 8F) and ALM (D8 9C). */
	expect_emitted_string("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", "\"\\u200E\\u200F\\u061C\"");
	/* Their neighbours U+2027 (E2 80 A7), U+202F (E2 80 AF), U+2065
	 * (E2 81 A5) and U+206A (E2 81 AA) are ordinary. */
	expect_emitted_string("\xe2\x80\xa7\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa",
	                      "\"\xe2\x80\xa7\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa\"");
	/* A key: "x-<U+202E>k" is written "x-\u202Ek". */
	char *got = emit_text("{\"x-\\u202ek\": \"\\u009b\"}", -1, 0);
	ASSERT_TEXT(got, "{\"x-\\u202Ek\":\"\\u009B\"}");
	g_free(got);
	/* Past the emitter's stack buffer (256 bytes): 300 'x' then U+009B,
	 * written as 1 + 300 + 6 + 1 = 308 bytes. */
	GString *in = g_string_new(NULL);
	for (int i = 0; i < 300; i++)
		g_string_append_c(in, 'x');
	GString *want = g_string_new("\"");
	g_string_append(want, in->str);
	g_string_append(in, "\xc2\x9b");
	g_string_append(want, "\\u009B\"");
	CU_ASSERT_EQUAL(want->len, 308);
	expect_emitted_string(in->str, want->str);
	g_string_free(in, TRUE);
	g_string_free(want, TRUE);
}

static void test_emit_long_string(void)
{
	/* Longer than the emitter's stack buffer (256 bytes): 300 'x', a
	 * quote and 300 'y' are 601 bytes; written, 601 + 2 quotes around +
	 * 1 backslash before the inner quote = 604. */
	GString *in = g_string_new(NULL);
	GString *want = g_string_new("\"");
	for (int i = 0; i < 300; i++)
		g_string_append_c(in, 'x');
	g_string_append(want, in->str);
	g_string_append_c(in, '"');
	g_string_append(want, "\\\"");
	for (int i = 0; i < 300; i++) {
		g_string_append_c(in, 'y');
		g_string_append_c(want, 'y');
	}
	g_string_append_c(want, '"');
	char *got = emit_value(json_string(in->str), 2);
	CU_ASSERT_EQUAL(strlen(got), 604);
	ASSERT_TEXT(got, want->str);
	g_free(got);
	g_string_free(in, TRUE);
	g_string_free(want, TRUE);
}

static void test_parse_text(void)
{
	ft_error err;
	json_t *v = ft__json_parse_text("42", &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT(json_is_integer(v) && json_integer_value(v) == 42);
	json_decref(v);

	ft_error_clear(&err);
	CU_ASSERT_PTR_NULL(ft__json_parse_text("{\"a\": 1, \"a\": 2}", &err));
	CU_ASSERT_EQUAL(err.code, FT_EFORMAT);
	CU_ASSERT(g_str_has_prefix(err.text, "not valid JSON: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "duplicate"));

	ft_error_clear(&err);
	CU_ASSERT_PTR_NULL(ft__json_parse_text("[1,", &err));
	CU_ASSERT_EQUAL(err.code, FT_EFORMAT);
	CU_ASSERT(g_str_has_prefix(err.text, "not valid JSON: "));

	CU_ASSERT_PTR_NULL(ft__json_parse_text("[1,", NULL));
}

/* ---- geometry ---- */

static int geometry_rc(const char *text, ft_error *err)
{
	json_error_t jerr;
	json_t *g = json_loads(text, JSON_DECODE_ANY, &jerr);
	if (!g) {
		fprintf(stderr, "bad test JSON %s: %s\n", text, jerr.text);
		return 99;
	}
	ft_error_clear(err);
	int rc = ft__geometry_check(g, err);
	json_decref(g);
	return rc;
}

static void test_geometry_valid(void)
{
	static const char *const valid[] = {
	    "{\"type\": \"Point\", \"coordinates\": [34.1, 45.0]}",
	    "{\"type\": \"Point\", \"coordinates\": [34.1, 45.0, 120]}",
	    "{\"type\": \"Point\", \"coordinates\": [-180, -90]}",
	    "{\"type\": \"Point\", \"coordinates\": [180, 90.0]}",
	    "{\"type\": \"MultiPoint\", \"coordinates\": [[30, 50], [31, 51]]}",
	    "{\"type\": \"MultiPoint\", \"coordinates\": []}",
	    "{\"type\": \"LineString\", \"coordinates\": [[30, 50], [31, 51]]}",
	    "{\"type\": \"MultiLineString\", \"coordinates\": [[[30, 50], [31, 51]], [[32, 52], [33, 53], "
	    "[34, 54]]]}",
	    /* the closing position equal by value: 30 and 30.0 */
	    "{\"type\": \"Polygon\", \"coordinates\": [[[30, 50], [31, 50], [31, 51], [30.0, 50.0]]],"
	    " \"bbox\": [30, 50, 31, 51], \"x-note\": \"kept\"}",
	    "{\"type\": \"Polygon\", \"coordinates\": [[[30, 50], [32, 50], [32, 52], [30, 50]],"
	    " [[30.5, 50.5], [31, 50.5], [31, 51], [30.5, 50.5]]]}",
	    "{\"coordinates\": [[[[30, 50], [31, 50], [31, 51], [30, 50]]]], \"type\": \"MultiPolygon\"}",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(valid); i++) {
		ft_error err;
		int rc = geometry_rc(valid[i], &err);
		if (rc)
			fprintf(stderr, "\n%s: %s: %s\n", valid[i], err.path, err.text);
		CU_ASSERT_EQUAL(rc, 0);
	}
}

static void test_geometry_invalid(void)
{
	static const struct {
		const char *geometry;
		const char *path;
		const char *text;
	} cases[] = {
	    {"[34.1, 45.0]", "", "a geometry must be a GeoJSON geometry object"},
	    {"{\"coordinates\": [0, 0]}", "type",
	     "a geometry needs a \"type\" (Point, MultiPoint, LineString, MultiLineString, Polygon or "
	     "MultiPolygon)"},
	    {"{\"type\": 5, \"coordinates\": [0, 0]}", "type", "the geometry type must be a string"},
	    {"{\"type\": \"Circle\", \"coordinates\": [0, 0]}", "type",
	     "unknown geometry type \"Circle\" (expected Point, MultiPoint, LineString, MultiLineString, "
	     "Polygon or MultiPolygon)"},
	    {"{\"type\": \"GeometryCollection\", \"geometries\": []}", "type",
	     "a GeometryCollection is not allowed: use one of Point, MultiPoint, LineString, "
	     "MultiLineString, Polygon or MultiPolygon"},
	    {"{\"type\": \"Point\"}", "coordinates", "a Point needs \"coordinates\""},
	    {"{\"type\": \"Point\", \"coordinates\": \"34,45\"}", "coordinates",
	     "a position must be an array of 2 or 3 numbers"},
	    {"{\"type\": \"Point\", \"coordinates\": [34]}", "coordinates",
	     "a position has 2 or 3 numbers (longitude, latitude, altitude), not 1"},
	    {"{\"type\": \"Point\", \"coordinates\": [1, 2, 3, 4]}", "coordinates",
	     "a position has 2 or 3 numbers (longitude, latitude, altitude), not 4"},
	    {"{\"type\": \"Point\", \"coordinates\": [1, \"2\"]}", "coordinates[1]",
	     "a coordinate must be a number"},
	    {"{\"type\": \"Point\", \"coordinates\": [181, 0]}", "coordinates[0]",
	     "longitude 181 is outside -180..180"},
	    {"{\"type\": \"Point\", \"coordinates\": [0, 91]}", "coordinates[1]",
	     "latitude 91 is outside -90..90"},
	    /* a real is named as the canonical text writes it */
	    {"{\"type\": \"Point\", \"coordinates\": [0, -90.5]}", "coordinates[1]",
	     "latitude -90.5 is outside -90..90"},
	    {"{\"type\": \"MultiPoint\", \"coordinates\": [[0, 0], [-180.25, 0]]}", "coordinates[1][0]",
	     "longitude -180.25 is outside -180..180"},
	    {"{\"type\": \"MultiPoint\", \"coordinates\": {}}", "coordinates",
	     "a MultiPoint must be an array of positions"},
	    {"{\"type\": \"LineString\", \"coordinates\": [[0, 0]]}", "coordinates",
	     "a LineString needs at least 2 positions, not 1"},
	    {"{\"type\": \"LineString\", \"coordinates\": [[0, 0], [0, 91]]}", "coordinates[1][1]",
	     "latitude 91 is outside -90..90"},
	    {"{\"type\": \"MultiLineString\", \"coordinates\": [[[0, 0], [1, 1]], [[0, 0]]]}",
	     "coordinates[1]", "a LineString needs at least 2 positions, not 1"},
	    {"{\"type\": \"MultiLineString\", \"coordinates\": {\"a\": 1}}", "coordinates",
	     "a MultiLineString must be an array"},
	    {"{\"type\": \"Polygon\", \"coordinates\": \"x\"}", "coordinates",
	     "a Polygon must be an array of linear rings"},
	    {"{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [0, 0]]]}", "coordinates[0]",
	     "a linear ring needs at least 4 positions, not 3"},
	    {"{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}", "coordinates[0]",
	     "a linear ring must end at the position it starts from"},
	    /* [0, 0] and [0, 0, 5] are different positions */
	    {"{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, 1], [0, 0, 5]]]}",
	     "coordinates[0]", "a linear ring must end at the position it starts from"},
	    {"{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, 1], [0, 0]],"
	     " [[0, 0], [0, 95], [1, 1], [0, 0]]]}",
	     "coordinates[1][1][1]", "latitude 95 is outside -90..90"},
	    /* four levels deep: polygon 1, ring 0, position 3, longitude */
	    {"{\"type\": \"MultiPolygon\", \"coordinates\": [[[[0, 0], [1, 0], [1, 1], [0, 0]]],"
	     " [[[0, 0], [1, 0], [1, 1], [190, 0]]]]}",
	     "coordinates[1][0][3][0]", "longitude 190 is outside -180..180"},
	    {"{\"type\": \"MultiPolygon\", \"coordinates\": [[[[0, 0], [1, 0], [1, 1], [0, 0]]], 7]}",
	     "coordinates[1]", "a Polygon must be an array of linear rings"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		ft_error err;
		int rc = geometry_rc(cases[i].geometry, &err);
		CU_ASSERT_EQUAL(rc, FT_EFORMAT);
		CU_ASSERT_EQUAL(err.code, FT_EFORMAT);
		if (rc != FT_EFORMAT || strcmp(err.path, cases[i].path) != 0 ||
		    strcmp(err.text, cases[i].text) != 0)
			fprintf(stderr, "\n%s\n  got  %s: %s\n  want %s: %s\n", cases[i].geometry, err.path,
			        err.text, cases[i].path, cases[i].text);
		CU_ASSERT_STRING_EQUAL(err.path, cases[i].path);
		CU_ASSERT_STRING_EQUAL(err.text, cases[i].text);
	}
}

/* ---- the canonical document ---- */

static ft_time parse_time(const char *text)
{
	ft_time t;
	memset(&t, 0, sizeof t);
	ft_error err;
	if (ft_time_parse(text, &t, &err) < 0)
		fprintf(stderr, "bad test time %s: %s\n", text, err.text);
	return t;
}

/* Reports an add that failed and stops the test. */
#define ADD(call)                                                                                            \
	do {                                                                                                 \
		ft_error_clear(&err);                                                                        \
		const void *added_ = (call);                                                                 \
		if (!added_)                                                                                 \
			fprintf(stderr, "\n%s: %s: %s\n", #call, err.path, err.text);                        \
		CU_ASSERT_PTR_NOT_NULL_FATAL(added_);                                                        \
	} while (0)

/*
 * A dataset touching every field the writer writes, with several fields
 * set to their defaults, which must not appear in the output.
 */
static ft_dataset *sample_dataset(void)
{
	ft_error err;
	ft_dataset *ds = ft_dataset_new();

	static const char *const authors[] = {"A. Analyst"};
	static const ft_extension info_ext[] = {{"x-source-count", "2"}};
	static const ft_extension doc_ext[] = {{"x-a", "[1,2]"}, {"x-generator", "\"test\""}};
	ft_dataset_info info = FT_DATASET_INFO_INIT;
	info.title = "Russian build-up near Ukraine, Nov 2021";
	info.license = "CC-BY-4.0";
	info.created = parse_time("2021-12-01");
	info.authors = authors;
	info.n_authors = 1;
	info.extensions = info_ext;
	info.n_extensions = 1;
	info.document_extensions = doc_ext;
	info.n_document_extensions = 2;
	CU_ASSERT_EQUAL(ft_dataset_set_info(ds, &info, &err), 0);

	ft_actor_desc ua = FT_ACTOR_DESC_INIT;
	ua.id = "UA";
	ua.name = "Ukraine";
	ua.kind = FT_ACTOR_STATE;
	ADD(ft_dataset_add_actor(ds, &ua, &err));

	static const char *const ru_aliases[] = {"Russian Federation", "Росія"};
	static const char *const ru_opposes[] = {"UA"};
	ft_actor_desc ru = FT_ACTOR_DESC_INIT;
	ru.id = "RU";
	ru.name = "Russia";
	ru.kind = FT_ACTOR_STATE;
	ru.code = "RUS";
	ru.aliases = ru_aliases;
	ru.n_aliases = 2;
	ru.opposes = ru_opposes;
	ru.n_opposes = 1;
	ADD(ft_dataset_add_actor(ds, &ru, &err));

	ft_actor_desc us = FT_ACTOR_DESC_INIT;
	us.id = "US";
	us.name = "United States";
	us.kind = FT_ACTOR_STATE;
	ADD(ft_dataset_add_actor(ds, &us, &err));

	static const char *const nato_members[] = {"US"};
	ft_actor_desc nato = FT_ACTOR_DESC_INIT;
	nato.id = "NATO";
	nato.name = "NATO";
	nato.kind = FT_ACTOR_ALLIANCE;
	nato.members = nato_members;
	nato.n_members = 1;
	ADD(ft_dataset_add_actor(ds, &nato, &err));

	/* An object extension keeps its members' order ("b" before "a"). */
	static const ft_extension dpr_ext[] = {{"x-a", "{\"b\":[1,2],\"a\":\"z\"}"},
	                                       {"x-note", "\"a \\\"quoted\\\" note\""}};
	ft_actor_desc dpr = FT_ACTOR_DESC_INIT;
	dpr.id = "DPR";
	dpr.name = "Donetsk People's Republic forces";
	dpr.kind = FT_ACTOR_ARMED_GROUP;
	dpr.parent = "RU";
	dpr.extensions = dpr_ext;
	dpr.n_extensions = 2;
	ADD(ft_dataset_add_actor(ds, &dpr, &err));

	ft_actor_desc other = FT_ACTOR_DESC_INIT; /* kind "other": the default */
	other.id = "X";
	other.name = "Other";
	ADD(ft_dataset_add_actor(ds, &other, &err));

	static const char *const border_borders[] = {"UA"};
	ft_region_desc border = FT_REGION_DESC_INIT;
	border.id = "UA-border";
	border.name = "Near Ukraine's borders";
	border.kind = FT_REGION_THEATER;
	border.borders = border_borders;
	border.n_borders = 1;
	ADD(ft_dataset_add_region(ds, &border, &err));

	ft_region_desc crimea = FT_REGION_DESC_INIT;
	crimea.id = "crimea";
	crimea.name = "Crimea";
	crimea.kind = FT_REGION_ADMIN1;
	crimea.code = "UA-43";
	crimea.parent = "UA-border";
	crimea.geometry = "{\"type\": \"Point\", \"coordinates\": [34.1, 45.0]}";
	ADD(ft_dataset_add_region(ds, &crimea, &err));

	/* An empty code is present, so written; the geometry keeps its member
	 * order ("coordinates" first) and its integers. */
	ft_region_desc kyiv = FT_REGION_DESC_INIT;
	kyiv.id = "kyiv";
	kyiv.name = "Київ";
	kyiv.code = "";
	kyiv.geometry = "{\"coordinates\":[[[30,50],[31,50],[31,51],[30,50]]],\"type\":\"Polygon\"}";
	ADD(ft_dataset_add_region(ds, &kyiv, &err));

	ft_unit_desc caa = FT_UNIT_DESC_INIT;
	caa.id = "41CAA";
	caa.name = "41st Combined Arms Army";
	caa.actor = "RU";
	caa.echelon = FT_ECHELON_ARMY;
	caa.type = "combined-arms";
	caa.has_strength = 1;
	caa.strength = 25000;
	caa.garrison = "crimea";
	caa.sidc = "10031000181211000000";
	ADD(ft_dataset_add_unit(ds, &caa, &err));

	ft_unit_desc bn = FT_UNIT_DESC_INIT; /* a stated strength of 0 is written */
	bn.id = "41CAA-1";
	bn.name = "1st battalion";
	bn.actor = "DPR";
	bn.parent = "41CAA";
	bn.has_strength = 1;
	bn.strength = 0;
	ADD(ft_dataset_add_unit(ds, &bn, &err));

	ft_source_desc mod = FT_SOURCE_DESC_INIT;
	mod.id = "ua-mod";
	mod.name = "Ministry of Defence of Ukraine";
	mod.kind = FT_SOURCE_GOVERNMENT;
	mod.actor = "UA";
	mod.reliability = FT_RELIABILITY_B;
	mod.url = "https://www.mil.gov.ua/";
	ADD(ft_dataset_add_source(ds, &mod, &err));

	ft_source_desc dm = FT_SOURCE_DESC_INIT; /* reliability F: the default */
	dm.id = "daily-mail";
	dm.name = "Daily Mail";
	dm.kind = FT_SOURCE_MEDIA;
	ADD(ft_dataset_add_source(ds, &dm, &err));

	ft_source_desc kremlin = FT_SOURCE_DESC_INIT;
	kremlin.id = "kremlin";
	kremlin.name = "Kremlin";
	kremlin.kind = FT_SOURCE_GOVERNMENT;
	kremlin.actor = "RU";
	ADD(ft_dataset_add_source(ds, &kremlin, &err));

	ft_source_desc peskov = FT_SOURCE_DESC_INIT;
	peskov.id = "peskov";
	peskov.name = "Dmitry Peskov, Kremlin spokesman";
	peskov.kind = FT_SOURCE_PERSON;
	peskov.actor = "RU";
	peskov.parent = "kremlin";
	ADD(ft_dataset_add_source(ds, &peskov, &err));

	/* measure "personnel" given explicitly: the default, left out */
	static const char *const via[] = {"daily-mail"};
	ft_claim_desc c1 = FT_CLAIM_DESC_INIT;
	c1.id = "c-ua-94k";
	c1.source = "ua-mod";
	c1.via = via;
	c1.n_via = 1;
	c1.subject = "RU";
	c1.region = "UA-border";
	c1.measure = "personnel";
	c1.quantity.qualifier = FT_QUALIFIER_APPROX;
	c1.quantity.has_value = 1;
	c1.quantity.value = 94000;
	c1.observed_form = FT_OBSERVED_TIME;
	c1.observed.from = c1.observed.to = parse_time("2021-12-01");
	c1.reported = parse_time("2021-12-01");
	c1.credibility = 2;
	c1.quote = "Vladimir Putin has sent some 94,000 troops to the Ukrainian border";
	c1.url = "https://example.org/article";
	ADD(ft_dataset_add_claim(ds, &c1, &err));

	/* exact: "value" alone; an interval with an extension inside */
	static const ft_extension basis[] = {{"x-basis", "\"satellite\""}};
	ft_claim_desc c2 = FT_CLAIM_DESC_INIT;
	c2.id = "c-btg";
	c2.source = "ua-mod";
	c2.subject = "RU";
	c2.unit = "41CAA";
	c2.region = "crimea";
	c2.measure = "btg";
	c2.quantity.qualifier = FT_QUALIFIER_EXACT;
	c2.quantity.has_value = 1;
	c2.quantity.value = 12;
	c2.observed_form = FT_OBSERVED_INTERVAL;
	c2.observed.from = parse_time("2021-11");
	c2.observed.to = parse_time("2022-02");
	c2.observed_extensions = basis;
	c2.n_observed_extensions = 1;
	c2.reported = parse_time("2021-12-01T10:00Z");
	ADD(ft_dataset_add_claim(ds, &c2, &err));

	/* a denial without a figure; credibility 6 given: the default */
	ft_claim_desc c3 = FT_CLAIM_DESC_INIT;
	c3.id = "c-denial";
	c3.source = "kremlin";
	c3.subject = "RU";
	c3.region = "UA-border";
	c3.kind = FT_CLAIM_DENIAL;
	c3.reported = parse_time("2021-12-02");
	c3.credibility = 6;
	ADD(ft_dataset_add_claim(ds, &c3, &err));

	/* a range with a central value: value, low, high, no qualifier; an
	 * open interval; an empty note, present so written */
	static const char *const supersedes[] = {"c-ua-94k"};
	static const char *const disputes[] = {"c-btg"};
	static const char *const tags[] = {"build-up", "us-intel"};
	static const ft_extension range_ext[] = {{"x-conf", "0.8"}, {"x-id", "3"}};
	ft_claim_desc c4 = FT_CLAIM_DESC_INIT;
	c4.id = "c-range";
	c4.source = "peskov";
	c4.subject = "RU";
	c4.region = "UA-border";
	c4.quantity.qualifier = FT_QUALIFIER_RANGE;
	c4.quantity.has_value = 1;
	c4.quantity.value = 175000;
	c4.quantity.low = 169000;
	c4.quantity.high = 190000;
	c4.kind = FT_CLAIM_PROJECTION;
	c4.observed_form = FT_OBSERVED_INTERVAL;
	c4.observed.from = parse_time("2022-01");
	c4.reported = parse_time("2021-12-03");
	c4.supersedes = supersedes;
	c4.n_supersedes = 1;
	c4.disputes = disputes;
	c4.n_disputes = 1;
	c4.retracted = parse_time("2022-01-05T09:30:15.250+03:00");
	c4.note = "";
	c4.tags = tags;
	c4.n_tags = 2;
	c4.extensions = range_ext;
	c4.n_extensions = 2;
	ADD(ft_dataset_add_claim(ds, &c4, &err));

	ft_claim_desc c5 = FT_CLAIM_DESC_INIT;
	c5.id = "c-atmost";
	c5.source = "daily-mail";
	c5.subject = "RU";
	c5.region = "UA-border";
	c5.quantity.qualifier = FT_QUALIFIER_AT_MOST;
	c5.quantity.has_value = 1;
	c5.quantity.value = 175000;
	c5.observed_form = FT_OBSERVED_TIME;
	c5.observed.from = c5.observed.to = parse_time("2022");
	c5.reported = parse_time("2021-12-03");
	ADD(ft_dataset_add_claim(ds, &c5, &err));

	ft_claim_desc c6 = FT_CLAIM_DESC_INIT; /* at least: value and qualifier */
	c6.id = "c-atleast";
	c6.source = "ua-mod";
	c6.subject = "DPR";
	c6.region = "kyiv";
	c6.quantity.qualifier = FT_QUALIFIER_AT_LEAST;
	c6.quantity.has_value = 1;
	c6.quantity.value = 100000;
	c6.reported = parse_time("2021-12-04");
	ADD(ft_dataset_add_claim(ds, &c6, &err));

	ft_claim_desc c7 = FT_CLAIM_DESC_INIT; /* a range without a central value */
	c7.id = "c-bounds";
	c7.source = "ua-mod";
	c7.subject = "RU";
	c7.region = "kyiv";
	c7.quantity.qualifier = FT_QUALIFIER_RANGE;
	c7.quantity.low = 1;
	c7.quantity.high = 2;
	c7.reported = parse_time("2021-12-04");
	ADD(ft_dataset_add_claim(ds, &c7, &err));

	return ds;
}

/* What sample_dataset() saves to, worked out field by field from the
 * descriptions above: docs/format.md's key order, defaults left out. */
static const char sample_text[] =
    "{\n"
    "  \"forcetrack\": \"1.0\",\n"
    "  \"dataset\": {\n"
    "    \"title\": \"Russian build-up near Ukraine, Nov 2021\",\n"
    "    \"license\": \"CC-BY-4.0\",\n"
    "    \"created\": \"2021-12-01\",\n"
    "    \"authors\": [\"A. Analyst\"],\n"
    "    \"x-source-count\": 2\n"
    "  },\n"
    "  \"actors\": [\n"
    "    {\n"
    "      \"id\": \"UA\",\n"
    "      \"name\": \"Ukraine\",\n"
    "      \"kind\": \"state\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"RU\",\n"
    "      \"name\": \"Russia\",\n"
    "      \"kind\": \"state\",\n"
    "      \"code\": \"RUS\",\n"
    "      \"aliases\": [\"Russian Federation\", \"Росія\"],\n"
    "      \"opposes\": [\"UA\"]\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"US\",\n"
    "      \"name\": \"United States\",\n"
    "      \"kind\": \"state\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"NATO\",\n"
    "      \"name\": \"NATO\",\n"
    "      \"kind\": \"alliance\",\n"
    "      \"members\": [\"US\"]\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"DPR\",\n"
    "      \"name\": \"Donetsk People's Republic forces\",\n"
    "      \"kind\": \"armed-group\",\n"
    "      \"parent\": \"RU\",\n"
    "      \"x-a\": {\n"
    "        \"b\": [1, 2],\n"
    "        \"a\": \"z\"\n"
    "      },\n"
    "      \"x-note\": \"a \\\"quoted\\\" note\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"X\",\n"
    "      \"name\": \"Other\"\n"
    "    }\n"
    "  ],\n"
    "  \"regions\": [\n"
    "    {\n"
    "      \"id\": \"UA-border\",\n"
    "      \"name\": \"Near Ukraine's borders\",\n"
    "      \"kind\": \"theater\",\n"
    "      \"borders\": [\"UA\"]\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"crimea\",\n"
    "      \"name\": \"Crimea\",\n"
    "      \"kind\": \"admin1\",\n"
    "      \"code\": \"UA-43\",\n"
    "      \"parent\": \"UA-border\",\n"
    "      \"geometry\": {\n"
    "        \"type\": \"Point\",\n"
    "        \"coordinates\": [34.1, 45.0]\n"
    "      }\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"kyiv\",\n"
    "      \"name\": \"Київ\",\n"
    "      \"code\": \"\",\n"
    "      \"geometry\": {\n"
    "        \"coordinates\": [\n"
    "          [\n"
    "            [30, 50],\n"
    "            [31, 50],\n"
    "            [31, 51],\n"
    "            [30, 50]\n"
    "          ]\n"
    "        ],\n"
    "        \"type\": \"Polygon\"\n"
    "      }\n"
    "    }\n"
    "  ],\n"
    "  \"units\": [\n"
    "    {\n"
    "      \"id\": \"41CAA\",\n"
    "      \"name\": \"41st Combined Arms Army\",\n"
    "      \"actor\": \"RU\",\n"
    "      \"echelon\": \"army\",\n"
    "      \"type\": \"combined-arms\",\n"
    "      \"strength\": 25000,\n"
    "      \"garrison\": \"crimea\",\n"
    "      \"sidc\": \"10031000181211000000\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"41CAA-1\",\n"
    "      \"name\": \"1st battalion\",\n"
    "      \"actor\": \"DPR\",\n"
    "      \"parent\": \"41CAA\",\n"
    "      \"strength\": 0\n"
    "    }\n"
    "  ],\n"
    "  \"sources\": [\n"
    "    {\n"
    "      \"id\": \"ua-mod\",\n"
    "      \"name\": \"Ministry of Defence of Ukraine\",\n"
    "      \"kind\": \"government\",\n"
    "      \"actor\": \"UA\",\n"
    "      \"reliability\": \"B\",\n"
    "      \"url\": \"https://www.mil.gov.ua/\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"daily-mail\",\n"
    "      \"name\": \"Daily Mail\",\n"
    "      \"kind\": \"media\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"kremlin\",\n"
    "      \"name\": \"Kremlin\",\n"
    "      \"kind\": \"government\",\n"
    "      \"actor\": \"RU\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"peskov\",\n"
    "      \"name\": \"Dmitry Peskov, Kremlin spokesman\",\n"
    "      \"kind\": \"person\",\n"
    "      \"actor\": \"RU\",\n"
    "      \"parent\": \"kremlin\"\n"
    "    }\n"
    "  ],\n"
    "  \"claims\": [\n"
    "    {\n"
    "      \"id\": \"c-ua-94k\",\n"
    "      \"source\": \"ua-mod\",\n"
    "      \"via\": [\"daily-mail\"],\n"
    "      \"subject\": \"RU\",\n"
    "      \"region\": \"UA-border\",\n"
    "      \"value\": 94000,\n"
    "      \"qualifier\": \"approx\",\n"
    "      \"observed\": \"2021-12-01\",\n"
    "      \"reported\": \"2021-12-01\",\n"
    "      \"credibility\": 2,\n"
    "      \"quote\": \"Vladimir Putin has sent some 94,000 troops to the Ukrainian border\",\n"
    "      \"url\": \"https://example.org/article\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"c-btg\",\n"
    "      \"source\": \"ua-mod\",\n"
    "      \"subject\": \"RU\",\n"
    "      \"unit\": \"41CAA\",\n"
    "      \"region\": \"crimea\",\n"
    "      \"measure\": \"btg\",\n"
    "      \"value\": 12,\n"
    "      \"observed\": {\n"
    "        \"from\": \"2021-11\",\n"
    "        \"to\": \"2022-02\",\n"
    "        \"x-basis\": \"satellite\"\n"
    "      },\n"
    "      \"reported\": \"2021-12-01T10:00Z\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"c-denial\",\n"
    "      \"source\": \"kremlin\",\n"
    "      \"subject\": \"RU\",\n"
    "      \"region\": \"UA-border\",\n"
    "      \"kind\": \"denial\",\n"
    "      \"reported\": \"2021-12-02\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"c-range\",\n"
    "      \"source\": \"peskov\",\n"
    "      \"subject\": \"RU\",\n"
    "      \"region\": \"UA-border\",\n"
    "      \"value\": 175000,\n"
    "      \"low\": 169000,\n"
    "      \"high\": 190000,\n"
    "      \"kind\": \"projection\",\n"
    "      \"observed\": {\n"
    "        \"from\": \"2022-01\"\n"
    "      },\n"
    "      \"reported\": \"2021-12-03\",\n"
    "      \"supersedes\": [\"c-ua-94k\"],\n"
    "      \"disputes\": [\"c-btg\"],\n"
    "      \"retracted\": \"2022-01-05T09:30:15.250+03:00\",\n"
    "      \"note\": \"\",\n"
    "      \"tags\": [\"build-up\", \"us-intel\"],\n"
    "      \"x-conf\": 0.8,\n"
    "      \"x-id\": 3\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"c-atmost\",\n"
    "      \"source\": \"daily-mail\",\n"
    "      \"subject\": \"RU\",\n"
    "      \"region\": \"UA-border\",\n"
    "      \"value\": 175000,\n"
    "      \"qualifier\": \"at-most\",\n"
    "      \"observed\": \"2022\",\n"
    "      \"reported\": \"2021-12-03\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"c-atleast\",\n"
    "      \"source\": \"ua-mod\",\n"
    "      \"subject\": \"DPR\",\n"
    "      \"region\": \"kyiv\",\n"
    "      \"value\": 100000,\n"
    "      \"qualifier\": \"at-least\",\n"
    "      \"reported\": \"2021-12-04\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"c-bounds\",\n"
    "      \"source\": \"ua-mod\",\n"
    "      \"subject\": \"RU\",\n"
    "      \"region\": \"kyiv\",\n"
    "      \"low\": 1,\n"
    "      \"high\": 2,\n"
    "      \"reported\": \"2021-12-04\"\n"
    "    }\n"
    "  ],\n"
    "  \"x-a\": [1, 2],\n"
    "  \"x-generator\": \"test\"\n"
    "}\n";

static void test_save_string(void)
{
	ft_dataset *ds = sample_dataset();
	ft_error err;
	ft_error_clear(&err);
	char *text = ft_dataset_save_string(ds, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	ASSERT_TEXT(text, sample_text);
	ft_free(text);
	ft_dataset_free(ds);
}

static void test_save_round_trip(void)
{
	/* io.h: loading and saving a canonical file gives the same bytes. */
	ft_error err;
	ft_error_clear(&err);
	ft_dataset *ds = ft_dataset_load_buffer(sample_text, strlen(sample_text), "sample", NULL, &err);
	if (!ds)
		fprintf(stderr, "\nload: %s: %s\n", err.path, err.text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	char *text = ft_dataset_save_string(ds, &err);
	ASSERT_TEXT(text, sample_text);
	ft_free(text);
	ft_dataset_free(ds);
}

static void test_save_string_empty(void)
{
	/* Nothing but the version: no "dataset", no empty arrays. */
	ft_dataset *ds = ft_dataset_new();
	char *text = ft_dataset_save_string(ds, NULL);
	ASSERT_TEXT(text, "{\n  \"forcetrack\": \"1.0\"\n}\n");
	ft_free(text);

	/* Document extensions alone still leave "dataset" out; a key that
	 * needs escaping is escaped. */
	static const ft_extension doc_ext[] = {{"x-q\"", "{}"}};
	ft_dataset_info info = FT_DATASET_INFO_INIT;
	info.document_extensions = doc_ext;
	info.n_document_extensions = 1;
	ft_error err;
	CU_ASSERT_EQUAL_FATAL(ft_dataset_set_info(ds, &info, &err), 0);
	text = ft_dataset_save_string(ds, NULL);
	ASSERT_TEXT(text, "{\n  \"forcetrack\": \"1.0\",\n  \"x-q\\\"\": {}\n}\n");
	ft_free(text);

	/* One field makes the "dataset" object appear. */
	ft_dataset_info one = FT_DATASET_INFO_INIT;
	one.id = "";
	CU_ASSERT_EQUAL_FATAL(ft_dataset_set_info(ds, &one, &err), 0);
	text = ft_dataset_save_string(ds, NULL);
	ASSERT_TEXT(text, "{\n  \"forcetrack\": \"1.0\",\n  \"dataset\": {\n    \"id\": \"\"\n  }\n}\n");
	ft_free(text);
	ft_dataset_free(ds);
}

static void test_save_invalid_arguments(void)
{
	ft_error err;
	ft_error_clear(&err);
	CU_ASSERT_PTR_NULL(ft_dataset_save_string(NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	ft_dataset *ds = ft_dataset_new();
	ft_error_clear(&err);
	CU_ASSERT_EQUAL(ft_dataset_save_file(NULL, "x.json", &err), FT_EINVAL);
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	ft_error_clear(&err);
	CU_ASSERT_EQUAL(ft_dataset_save_file(ds, NULL, &err), FT_EINVAL);
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	CU_ASSERT_EQUAL(ft_dataset_save_file(ds, NULL, NULL), FT_EINVAL);
	ft_dataset_free(ds);
}

/* ---- files ---- */

/* 1 when `dir` holds exactly the names in `names` (NULL-terminated), so no
 * temporary ".name.XXXXXX" file is left over. */
static int dir_holds_only(const char *dir, const char *const *names)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	if (!d)
		return 0;
	size_t expected = 0, found = 0;
	while (names[expected])
		expected++;
	int ok = 1;
	const char *entry;
	while ((entry = g_dir_read_name(d))) {
		int known = 0;
		for (size_t i = 0; names[i]; i++)
			known |= strcmp(entry, names[i]) == 0;
		if (!known) {
			fprintf(stderr, "\nunexpected file in %s: %s\n", dir, entry);
			ok = 0;
		}
		found++;
	}
	g_dir_close(d);
	return ok && found == expected;
}

static char *make_tmpdir(void)
{
	char *dir = g_dir_make_tmp("ft-save-XXXXXX", NULL);
	CU_ASSERT_PTR_NOT_NULL(dir);
	return dir;
}

/* Removes the test directory and what the tests put in it (one level of
 * subdirectories). */
static void remove_tmpdir(char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *entry;
	while (d && (entry = g_dir_read_name(d))) {
		char *p = g_build_filename(dir, entry, NULL);
		if (g_file_test(p, G_FILE_TEST_IS_DIR))
			g_rmdir(p);
		else
			g_unlink(p);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	g_rmdir(dir);
	g_free(dir);
}

static const char old_text[] = "{\"forcetrack\": \"1.0\"}\n";

static void write_old(const char *path)
{
	CU_ASSERT(g_file_set_contents(path, old_text, -1, NULL));
}

static int file_is(const char *path, const char *want)
{
	size_t len = 0;
	char *got = ft_test_read_file(path, &len);
	int same = got && len == strlen(want) && memcmp(got, want, len) == 0;
	g_free(got);
	return same;
}

static void test_save_file_new(void)
{
	char *dir = make_tmpdir();
	char *path = g_build_filename(dir, "out.json", NULL);
	ft_dataset *ds = sample_dataset();
	ft_error err;
	ft_error_clear(&err);

	CU_ASSERT_EQUAL(ft_dataset_save_file(ds, path, &err), 0);
	CU_ASSERT(file_is(path, sample_text));
	/* A new file has 0666 under the umask (0644 for the usual 022). */
	mode_t mask = umask(0);
	umask(mask);
	struct stat st;
	CU_ASSERT_EQUAL_FATAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0666 & ~mask);
	static const char *const names[] = {"out.json", NULL};
	CU_ASSERT(dir_holds_only(dir, names));

	ft_dataset_free(ds);
	g_free(path);
	remove_tmpdir(dir);
}

static void test_save_file_keeps_mode(void)
{
	char *dir = make_tmpdir();
	char *path = g_build_filename(dir, "out.json", NULL);
	ft_dataset *ds = sample_dataset();
	ft_error err;

	write_old(path);
	CU_ASSERT_EQUAL_FATAL(chmod(path, 0640), 0);
	CU_ASSERT_EQUAL(ft_dataset_save_file(ds, path, &err), 0);
	CU_ASSERT(file_is(path, sample_text));
	struct stat st;
	CU_ASSERT_EQUAL_FATAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0640);
	static const char *const names[] = {"out.json", NULL};
	CU_ASSERT(dir_holds_only(dir, names));

	ft_dataset_free(ds);
	g_free(path);
	remove_tmpdir(dir);
}

static void test_save_file_large(void)
{
	/* 3000 actors of about 60 bytes each are some 180 KB: the file is
	 * written in several 64 KiB pieces, and must equal the string. */
	char *dir = make_tmpdir();
	char *path = g_build_filename(dir, "big.json", NULL);
	ft_dataset *ds = ft_dataset_new();
	ft_error err;
	for (int i = 0; i < 3000; i++) {
		char id[32], name[64];
		g_snprintf(id, sizeof id, "A%d", i);
		g_snprintf(name, sizeof name, "Actor number %d", i);
		ft_actor_desc a = FT_ACTOR_DESC_INIT;
		a.id = id;
		a.name = name;
		ADD(ft_dataset_add_actor(ds, &a, &err));
	}
	char *text = ft_dataset_save_string(ds, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT(strlen(text) > 3 * 64 * 1024 / 2);
	CU_ASSERT_EQUAL(ft_dataset_save_file(ds, path, &err), 0);
	CU_ASSERT(file_is(path, text));
	ft_free(text);
	ft_dataset_free(ds);
	g_free(path);
	remove_tmpdir(dir);
}

static void test_save_file_directory(void)
{
	/* The path names a directory: refused before anything is written. */
	char *dir = make_tmpdir();
	char *path = g_build_filename(dir, "sub", NULL);
	CU_ASSERT_EQUAL_FATAL(g_mkdir(path, 0755), 0);
	ft_dataset *ds = sample_dataset();
	ft_error err;
	ft_error_clear(&err);

	CU_ASSERT_EQUAL(ft_dataset_save_file(ds, path, &err), FT_EIO);
	CU_ASSERT_EQUAL(err.code, FT_EIO);
	char *want = g_strdup_printf("cannot write \"%s\": %s", path, g_strerror(EISDIR));
	CU_ASSERT_STRING_EQUAL(err.text, want);
	CU_ASSERT_STRING_EQUAL(err.file, path);
	CU_ASSERT(g_file_test(path, G_FILE_TEST_IS_DIR));
	static const char *const names[] = {"sub", NULL};
	CU_ASSERT(dir_holds_only(dir, names));

	g_free(want);
	ft_dataset_free(ds);
	g_free(path);
	remove_tmpdir(dir);
}

static void test_save_file_no_directory(void)
{
	char *dir = make_tmpdir();
	char *path = g_build_filename(dir, "missing", "out.json", NULL);
	ft_dataset *ds = sample_dataset();
	ft_error err;
	ft_error_clear(&err);

	CU_ASSERT_EQUAL(ft_dataset_save_file(ds, path, &err), FT_EIO);
	char *want = g_strdup_printf("cannot write \"%s\": %s", path, g_strerror(ENOENT));
	CU_ASSERT_STRING_EQUAL(err.text, want);
	CU_ASSERT_STRING_EQUAL(err.file, path);
	static const char *const none[] = {NULL};
	CU_ASSERT(dir_holds_only(dir, none));

	g_free(want);
	ft_dataset_free(ds);
	g_free(path);
	remove_tmpdir(dir);
}

/* What the child of test_save_file_too_large reports by its exit status. */
enum { CHILD_OK = 0, CHILD_SETUP = 10, CHILD_SAVED = 11, CHILD_WRONG_CODE = 12, CHILD_WRONG_TEXT = 13 };

static int save_under_limit(const ft_dataset *ds, const char *path)
{
	/* SIGXFSZ would kill the process at the limit; ignored, the write
	 * fails with EFBIG instead. Only this child's disposition and limit
	 * change. 64 bytes: the sample document is some 5 KB. */
	struct rlimit lim = {64, 64};
	if (signal(SIGXFSZ, SIG_IGN) == SIG_ERR || setrlimit(RLIMIT_FSIZE, &lim) < 0)
		return CHILD_SETUP;
	ft_error err;
	ft_error_clear(&err);
	int rc = ft_dataset_save_file(ds, path, &err);
	if (rc == 0)
		return CHILD_SAVED;
	if (rc != FT_EIO || err.code != FT_EIO || strcmp(err.file, path) != 0)
		return CHILD_WRONG_CODE;
	char *want = g_strdup_printf("cannot write \"%s\": %s", path, g_strerror(EFBIG));
	int same = strcmp(err.text, want) == 0;
	if (!same)
		fprintf(stderr, "\nchild: got \"%s\", want \"%s\"\n", err.text, want);
	g_free(want);
	return same ? CHILD_OK : CHILD_WRONG_TEXT;
}

static void test_save_file_too_large(void)
{
	char *dir = make_tmpdir();
	char *path = g_build_filename(dir, "out.json", NULL);
	write_old(path);
	/* Built here, not in the child: a failed CUnit assertion in the child
	 * would run the rest of the suite there. */
	ft_dataset *ds = sample_dataset();

	/* Flush CUnit's output first, so the child does not repeat it. */
	fflush(NULL);
	pid_t pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		/* The child releases what it inherited, or valgrind's leak
		 * check there would replace its exit status. */
		int result = save_under_limit(ds, path);
		ft_dataset_free(ds);
		g_free(path);
		g_free(dir);
		_exit(result);
	}
	int status = 0;
	CU_ASSERT_EQUAL_FATAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status));
	if (WIFEXITED(status) && WEXITSTATUS(status) != CHILD_OK)
		fprintf(stderr, "\nchild exited with %d\n", WEXITSTATUS(status));
	CU_ASSERT_EQUAL(WEXITSTATUS(status), CHILD_OK);

	/* The old file is as it was, and nothing else is there. */
	CU_ASSERT(file_is(path, old_text));
	static const char *const names[] = {"out.json", NULL};
	CU_ASSERT(dir_holds_only(dir, names));

	ft_dataset_free(ds);
	g_free(path);
	remove_tmpdir(dir);
}

/* ---- what a replacement keeps of the file it replaces -------------------- */

/* The child's end tells the parent it reached the point; the parent then
 * kills it from outside, as a kill there would (a process that kills
 * itself is still leak-checked by valgrind, which would report what it
 * never got to free). */
static int die_pipe[2];

static void die_hook(const char *point)
{
	if (strcmp(point, "save:written") == 0) {
		if (write(die_pipe[1], "k", 1) != 1)
			_exit(2);
		for (;;)
			pause();
	}
}

/* Forks; the child (0 returned) is killed at "save:written", which the
 * parent (the child's pid returned) waits for with killed_at_point. */
static pid_t fork_to_kill(void)
{
	CU_ASSERT_FATAL(pipe(die_pipe) == 0);
	fflush(NULL);
	pid_t pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		close(die_pipe[0]);
		ft__io_hook = die_hook;
	} else {
		close(die_pipe[1]);
	}
	return pid;
}

/* 1 when the child reached the point and was killed there. */
static int killed_at_point(pid_t pid)
{
	char c;
	ssize_t n = read(die_pipe[0], &c, 1);
	close(die_pipe[0]);
	if (n == 1)
		kill(pid, SIGKILL);
	int status = 0;
	if (waitpid(pid, &status, 0) != pid)
		return 0;
	return n == 1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

/* 1 when `dir` can hold unnamed files (O_TMPFILE). */
static int has_tmpfile(const char *dir)
{
#ifdef O_TMPFILE
	int fd = open(dir, O_TMPFILE | O_WRONLY, 0600);
	if (fd >= 0) {
		close(fd);
		return 1;
	}
#else
	(void)dir;
#endif
	return 0;
}

static void test_save_file_killed(void)
{
	/*
	 * The process dies once the new contents are written and synced,
	 * before they are put in place: the old file is as it was and nothing
	 * is left beside it, because what was written has no name yet. The
	 * same for a file that did not exist: nothing at all is left.
	 */
	char *dir = make_tmpdir();
	char *path = g_build_filename(dir, "out.json", NULL);
	char *fresh = g_build_filename(dir, "new.json", NULL);
	write_old(path);
	ft_dataset *ds = sample_dataset();
	const char *targets[] = {path, fresh};
	for (size_t i = 0; i < G_N_ELEMENTS(targets); i++) {
		pid_t pid = fork_to_kill();
		if (pid == 0) {
			ft_dataset_save_file(ds, targets[i], NULL);
			_exit(1); /* never got there */
		}
		CU_ASSERT(killed_at_point(pid));
	}
	CU_ASSERT(file_is(path, old_text));
	CU_ASSERT(!g_file_test(fresh, G_FILE_TEST_EXISTS));
	static const char *const names[] = {"out.json", NULL};
	if (has_tmpfile(dir)) {
		CU_ASSERT(dir_holds_only(dir, names));
	} else {
		fprintf(stderr, "\n(no O_TMPFILE in %s: a named temporary file may be left)\n", dir);
	}
	ft_dataset_free(ds);
	g_free(fresh);
	g_free(path);
	remove_tmpdir(dir);
}

/* ---- a caller's own contents: ft_file_replace ----------------------------- */

/* What a writer of ft_file_replace is told to do. */
typedef struct file_job {
	const char *text; /* written in two pieces */
	int fail;         /* then fails with FT_EINVAL, saying so */
	int calls;
} file_job;

static int write_job(FILE *fp, void *payload, ft_error *err)
{
	file_job *j = payload;
	j->calls++;
	size_t half = strlen(j->text) / 2;
	fwrite(j->text, 1, half, fp);
	fputs(j->text + half, fp);
	if (j->fail) {
		if (err) {
			err->code = FT_EINVAL;
			g_strlcpy(err->text, "the writer gave up", sizeof err->text);
		}
		return FT_EINVAL;
	}
	return 0;
}

static void test_file_replace(void)
{
	char *dir = make_tmpdir();
	char *path = g_build_filename(dir, "report.csv", NULL);
	static const char *const names[] = {"report.csv", NULL};
	ft_error err;

	/* A new file, then a replacement: what the writer wrote, and nothing
	 * beside it. */
	file_job job = {"a,b\r\n1,2\r\n", 0, 0};
	CU_ASSERT_EQUAL(ft_file_replace(path, write_job, &job, &err), 0);
	CU_ASSERT(file_is(path, "a,b\r\n1,2\r\n"));
	job.text = "c\r\n";
	CU_ASSERT_EQUAL(ft_file_replace(path, write_job, &job, &err), 0);
	CU_ASSERT(file_is(path, "c\r\n"));
	CU_ASSERT_EQUAL(job.calls, 2);
	CU_ASSERT(dir_holds_only(dir, names));

	/* A writer that fails: its code and words come back, and the file is
	 * the one before, with nothing beside it. */
	file_job failing = {"half a report", 1, 0};
	CU_ASSERT_EQUAL(ft_file_replace(path, write_job, &failing, &err), FT_EINVAL);
	CU_ASSERT_STRING_EQUAL(err.text, "the writer gave up");
	CU_ASSERT(file_is(path, "c\r\n"));
	CU_ASSERT(dir_holds_only(dir, names));

	/* Into a missing directory: FT_EIO naming the path, the writer never
	 * called. */
	char *missing = g_build_filename(dir, "missing", "report.csv", NULL);
	file_job unused = {"x", 0, 0};
	CU_ASSERT_EQUAL(ft_file_replace(missing, write_job, &unused, &err), FT_EIO);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "missing/report.csv"));
	CU_ASSERT_STRING_EQUAL(err.file, missing);
	CU_ASSERT_EQUAL(unused.calls, 0);

	CU_ASSERT_EQUAL(ft_file_replace(NULL, write_job, &job, &err), FT_EINVAL);
	CU_ASSERT_EQUAL(ft_file_replace("", write_job, &job, &err), FT_EINVAL);
	CU_ASSERT_EQUAL(ft_file_replace(path, NULL, &job, NULL), FT_EINVAL);
	CU_ASSERT(file_is(path, "c\r\n"));

	/* Killed once the contents are written and synced, before they are
	 * in place: the file is the one before and, with O_TMPFILE, nothing
	 * is left beside it (the forcetrack program's -o killed mid-report). */
	pid_t pid = fork_to_kill();
	if (pid == 0) {
		file_job killed = {"never seen", 0, 0};
		ft_file_replace(path, write_job, &killed, NULL);
		_exit(1); /* never got there */
	}
	CU_ASSERT(killed_at_point(pid));
	CU_ASSERT(file_is(path, "c\r\n"));
	if (has_tmpfile(dir))
		CU_ASSERT(dir_holds_only(dir, names));
	g_free(missing);
	g_free(path);
	remove_tmpdir(dir);
}

/* 1 when `path` is a symbolic link to `target`. */
static int links_to(const char *path, const char *target)
{
	char *got = g_file_read_link(path, NULL);
	int same = got && strcmp(got, target) == 0;
	g_free(got);
	return same;
}

static void test_save_file_symlink(void)
{
	/*
	 * link.json -> real.json (relative), chain.json -> link.json: a save
	 * through either writes real.json and leaves both links links. A
	 * dangling link creates its target. A loop is refused with ELOOP.
	 */
	char *dir = make_tmpdir();
	char *real = g_build_filename(dir, "real.json", NULL);
	char *link = g_build_filename(dir, "link.json", NULL);
	char *chain = g_build_filename(dir, "chain.json", NULL);
	char *dangling = g_build_filename(dir, "dangling.json", NULL);
	char *made = g_build_filename(dir, "made.json", NULL);
	char *loop_a = g_build_filename(dir, "a.json", NULL);
	char *loop_b = g_build_filename(dir, "b.json", NULL);
	write_old(real);
	CU_ASSERT_EQUAL_FATAL(symlink("real.json", link), 0);
	CU_ASSERT_EQUAL_FATAL(symlink(link, chain), 0); /* absolute */
	CU_ASSERT_EQUAL_FATAL(symlink("made.json", dangling), 0);
	CU_ASSERT_EQUAL_FATAL(symlink("b.json", loop_a), 0);
	CU_ASSERT_EQUAL_FATAL(symlink("a.json", loop_b), 0);
	ft_dataset *ds = sample_dataset();
	ft_error err;

	CU_ASSERT_EQUAL(ft_dataset_save_file(ds, link, &err), 0);
	CU_ASSERT(file_is(real, sample_text));
	CU_ASSERT(links_to(link, "real.json"));
	write_old(real);
	CU_ASSERT_EQUAL(ft_dataset_save_file(ds, chain, &err), 0);
	CU_ASSERT(file_is(real, sample_text));
	CU_ASSERT(links_to(chain, link));
	CU_ASSERT(links_to(link, "real.json"));
	/* A rewrite too: the old text has a space the canonical one lacks. */
	CU_ASSERT(g_file_set_contents(real, "{\"forcetrack\":   \"1.0\"}\n", -1, NULL));
	CU_ASSERT_EQUAL(ft_dataset_rewrite_file(link, NULL, &err), 0);
	CU_ASSERT(file_is(real, "{\n  \"forcetrack\": \"1.0\"\n}\n"));
	CU_ASSERT(links_to(link, "real.json"));

	CU_ASSERT_EQUAL(ft_dataset_save_file(ds, dangling, &err), 0);
	CU_ASSERT(file_is(made, sample_text));
	CU_ASSERT(links_to(dangling, "made.json"));

	ft_error_clear(&err);
	CU_ASSERT_EQUAL(ft_dataset_save_file(ds, loop_a, &err), FT_EIO);
	char *want = g_strdup_printf("cannot write \"%s\": %s", loop_a, g_strerror(ELOOP));
	CU_ASSERT_STRING_EQUAL(err.text, want);
	g_free(want);
	CU_ASSERT(links_to(loop_a, "b.json"));

	static const char *const names[] = {"real.json", "link.json", "chain.json", "dangling.json",
	                                    "made.json", "a.json",    "b.json",     NULL};
	CU_ASSERT(dir_holds_only(dir, names));
	ft_dataset_free(ds);
	g_free(loop_b);
	g_free(loop_a);
	g_free(made);
	g_free(dangling);
	g_free(chain);
	g_free(link);
	g_free(real);
	remove_tmpdir(dir);
}

static void test_save_file_hard_link(void)
{
	/* Two names of one file: replacing one would part them, the other
	 * keeping the old text. Refused, saying so; both are as they were. */
	char *dir = make_tmpdir();
	char *path = g_build_filename(dir, "out.json", NULL);
	char *other = g_build_filename(dir, "other.json", NULL);
	write_old(path);
	CU_ASSERT_EQUAL_FATAL(link(path, other), 0);
	ft_dataset *ds = sample_dataset();
	ft_error err;
	ft_error_clear(&err);
	CU_ASSERT_EQUAL(ft_dataset_save_file(ds, path, &err), FT_EIO);
	char *want = g_strdup_printf("cannot replace \"%s\": it has 2 hard links, and the others would keep "
	                             "the old contents (save to a copy, or remove the other links)",
	                             path);
	CU_ASSERT_STRING_EQUAL(err.text, want);
	CU_ASSERT_STRING_EQUAL(err.file, path);
	CU_ASSERT_EQUAL(ft_dataset_rewrite_file(other, NULL, &err), FT_EIO);
	CU_ASSERT(g_str_has_prefix(err.text, "cannot replace"));
	CU_ASSERT(file_is(path, old_text));
	struct stat a, b;
	CU_ASSERT_EQUAL_FATAL(stat(path, &a), 0);
	CU_ASSERT_EQUAL_FATAL(stat(other, &b), 0);
	CU_ASSERT(a.st_ino == b.st_ino && a.st_nlink == 2);
	static const char *const names[] = {"out.json", "other.json", NULL};
	CU_ASSERT(dir_holds_only(dir, names));
	/* Once the other name is gone, the save goes ahead. */
	CU_ASSERT_EQUAL(g_unlink(other), 0);
	CU_ASSERT_EQUAL(ft_dataset_save_file(ds, path, &err), 0);
	CU_ASSERT(file_is(path, sample_text));
	g_free(want);
	ft_dataset_free(ds);
	g_free(other);
	g_free(path);
	remove_tmpdir(dir);
}

static void test_save_file_attributes(void)
{
	/*
	 * 06750: set-user-id, set-group-id, rwxr-x---. The replacement keeps
	 * 0750 and drops the two bits, by a save and by a rewrite, each a new
	 * file (a new inode). Run as root, the owner and group 4321:8765 are
	 * kept too; otherwise the owner stays this process's.
	 */
	char *dir = make_tmpdir();
	char *path = g_build_filename(dir, "out.json", NULL);
	ft_dataset *ds = sample_dataset();
	ft_error err;
	int root = geteuid() == 0;
	for (int rewrite = 0; rewrite < 2; rewrite++) {
		write_old(path);
		/* chown first: it clears the two bits chmod sets. */
		if (root)
			CU_ASSERT_EQUAL_FATAL(chown(path, 4321, 8765), 0);
		CU_ASSERT_EQUAL_FATAL(chmod(path, 06750), 0);
		struct stat before, after;
		CU_ASSERT_EQUAL_FATAL(stat(path, &before), 0);
		CU_ASSERT_EQUAL(before.st_mode & 07777, 06750);
		int rc = rewrite ? ft_dataset_rewrite_file(path, NULL, &err)
		                 : ft_dataset_save_file(ds, path, &err);
		CU_ASSERT_EQUAL(rc, 0);
		CU_ASSERT_EQUAL_FATAL(stat(path, &after), 0);
		CU_ASSERT(after.st_ino != before.st_ino);
		CU_ASSERT_EQUAL(after.st_mode & 07777, 0750);
		if (root) {
			CU_ASSERT_EQUAL(after.st_uid, 4321);
			CU_ASSERT_EQUAL(after.st_gid, 8765);
		} else {
			CU_ASSERT_EQUAL(after.st_uid, geteuid());
		}
	}
	/* A new file never has the two bits: 0666 under the umask. */
	char *fresh = g_build_filename(dir, "new.json", NULL);
	CU_ASSERT_EQUAL(ft_dataset_save_file(ds, fresh, &err), 0);
	struct stat st;
	CU_ASSERT_EQUAL_FATAL(stat(fresh, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & (S_ISUID | S_ISGID), 0);
	g_free(fresh);
	ft_dataset_free(ds);
	g_free(path);
	remove_tmpdir(dir);
}

static const ft_test tests[] = {
    {"emit: nested layout", test_emit_layout},
    {"emit: starting level and indent", test_emit_level},
    {"emit: empty containers", test_emit_empty},
    {"emit: compact", test_emit_compact},
    {"emit: member order", test_emit_order},
    {"emit: reals", test_emit_reals},
    {"emit: integers and literals", test_emit_integers},
    {"emit: string escaping", test_emit_strings},
    {"emit: terminal and bidirectional controls", test_emit_terminal_controls},
    {"emit: long string", test_emit_long_string},
    {"parse text", test_parse_text},
    {"geometry: valid", test_geometry_valid},
    {"geometry: invalid", test_geometry_invalid},
    {"save: canonical string", test_save_string},
    {"save: load and save again", test_save_round_trip},
    {"save: empty dataset and dataset member", test_save_string_empty},
    {"save: invalid arguments", test_save_invalid_arguments},
    {"save file: new", test_save_file_new},
    {"save file: keeps mode", test_save_file_keeps_mode},
    {"save file: large", test_save_file_large},
    {"save file: path is a directory", test_save_file_directory},
    {"save file: directory missing", test_save_file_no_directory},
    {"save file: file too large", test_save_file_too_large},
    {"save file: killed before the rename", test_save_file_killed},
    {"save file: symbolic links", test_save_file_symlink},
    {"save file: hard links", test_save_file_hard_link},
    {"save file: mode, owner and group", test_save_file_attributes},
    {"file replace: a caller's contents", test_file_replace},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("save", tests);
}
