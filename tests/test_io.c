/*
 * Tests for the document reader (lib/io/read-document.c, lib/io/load.c): what it accepts (forward
 * references, extensions, every entry point), how it refuses (syntax
 * errors with line and column, rule errors with JSON paths, versions,
 * loops across a document, limits), that a validator sees every problem
 * in order, that a refused load returns nothing, and that load-save-load
 * keeps the meaning on the example dataset, including after truncation at
 * every byte.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "forcetrack.h"
#include "test-util.h"

/* Collects every problem's formatted line. */
static void collect(const ft_error *err, void *payload)
{
	char line[1024];
	ft_error_format(err, line, sizeof line);
	g_ptr_array_add(payload, g_strdup(line));
}

static ft_dataset *load_text(const char *text, GPtrArray *lines, ft_error *err)
{
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	if (lines) {
		opts.on_error = collect;
		opts.payload = lines;
	}
	return ft_dataset_load_buffer(text, strlen(text), "t.json", &opts, err);
}

/* Loads `text`, expecting refusal with exactly `first` as the first line. */
static void expect_first(const char *text, const char *first)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	ft_error err;
	ft_dataset *ds = load_text(text, lines, &err);
	CU_ASSERT_PTR_NULL(ds);
	ft_dataset_free(ds);
	CU_ASSERT_TRUE_FATAL(lines->len > 0);
	if (strcmp(g_ptr_array_index(lines, 0), first) != 0) {
		fprintf(stderr, "\nexpected: %s\n     got: %s\n", first, (char *)g_ptr_array_index(lines, 0));
		CU_FAIL("first problem differs");
	}
	/* The error record holds the same first problem. */
	char line[1024];
	ft_error_format(&err, line, sizeof line);
	CU_ASSERT_STRING_EQUAL(line, g_ptr_array_index(lines, 0));
	g_ptr_array_free(lines, TRUE);
}

#define HEAD "{\"forcetrack\": \"1.0\", "

static void test_forward_references(void)
{
	/* DPR's parent RU comes after it; RU and UA oppose each other. */
	const char *text = HEAD "\"actors\": ["
	                        "{\"id\": \"DPR\", \"name\": \"DPR\", \"parent\": \"RU\"},"
	                        "{\"id\": \"RU\", \"name\": \"Russia\", \"opposes\": [\"UA\"]},"
	                        "{\"id\": \"UA\", \"name\": \"Ukraine\", \"opposes\": [\"RU\"]}]}";
	ft_error err;
	ft_dataset *ds = load_text(text, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	const ft_actor *dpr = ft_dataset_find_actor(ds, "DPR");
	CU_ASSERT_PTR_EQUAL(ft_actor_parent(dpr), ft_dataset_find_actor(ds, "RU"));
	CU_ASSERT_TRUE(ft_actor_opposes(dpr, ft_dataset_find_actor(ds, "UA")));
	ft_dataset_free(ds);
}

static void test_loop_across_document(void)
{
	/* A -> B -> C -> A: reported once, starting where the walk from A
	 * first meets the loop, which is A itself. */
	expect_first(HEAD "\"regions\": ["
	                  "{\"id\": \"A\", \"name\": \"a\", \"parent\": \"B\"},"
	                  "{\"id\": \"B\", \"name\": \"b\", \"parent\": \"C\"},"
	                  "{\"id\": \"C\", \"name\": \"c\", \"parent\": \"A\"}]}",
	             "t.json: regions[0].parent: parent chain loops: A -> B -> C -> A");
	/* D hangs off a loop without being on it: the loop is named from B. */
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	ft_error err;
	CU_ASSERT_PTR_NULL(load_text(HEAD "\"sources\": ["
	                                  "{\"id\": \"D\", \"name\": \"d\", \"parent\": \"B\"},"
	                                  "{\"id\": \"B\", \"name\": \"b\", \"parent\": \"C\"},"
	                                  "{\"id\": \"C\", \"name\": \"c\", \"parent\": \"B\"}]}",
	                             lines, &err));
	CU_ASSERT_EQUAL(lines->len, 1);
	CU_ASSERT_STRING_EQUAL(g_ptr_array_index(lines, 0),
	                       "t.json: sources[1].parent: parent chain loops: B -> C -> B");
	CU_ASSERT_EQUAL(err.code, FT_ELOOP);
	/* c1 supersedes c2 supersedes c3 supersedes c1: reported once, at c3
	 * (the walk from c1 goes c1 -> c2 -> c3 and closes the loop there). */
	g_ptr_array_set_size(lines, 0);
	CU_ASSERT_PTR_NULL(
	    load_text(HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"R\"}],"
	                   "\"regions\": [{\"id\": \"b\", \"name\": \"B\"}],"
	                   "\"sources\": [{\"id\": \"s\", \"name\": \"S\"}],"
	                   "\"claims\": ["
	                   "{\"id\": \"c1\", \"source\": \"s\", \"subject\": \"RU\", \"region\": \"b\", "
	                   "\"value\": 1, \"reported\": \"2021\", \"supersedes\": [\"c2\"]},"
	                   "{\"id\": \"c2\", \"source\": \"s\", \"subject\": \"RU\", \"region\": \"b\", "
	                   "\"value\": 1, \"reported\": \"2021\", \"supersedes\": [\"c3\"]},"
	                   "{\"id\": \"c3\", \"source\": \"s\", \"subject\": \"RU\", \"region\": \"b\", "
	                   "\"value\": 1, \"reported\": \"2021\", \"supersedes\": [\"c1\"]}]}",
	              lines, &err));
	CU_ASSERT_EQUAL(lines->len, 1);
	CU_ASSERT_STRING_EQUAL(g_ptr_array_index(lines, 0),
	                       "t.json: claims[2].supersedes: supersedes chain loops: c1 -> c2 -> c3 -> c1");
	/* A loop of 200 claims, c0 supersedes c1 ... c199 supersedes c0, is
	 * one loop too, closed at c199 (the walk from c0 goes down the whole
	 * chain: a path deeper than the walk's first room). */
	g_ptr_array_set_size(lines, 0);
	GString *chain = g_string_new(HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"R\"}],"
	                                   "\"regions\": [{\"id\": \"b\", \"name\": \"B\"}],"
	                                   "\"sources\": [{\"id\": \"s\", \"name\": \"S\"}], \"claims\": [");
	for (int i = 0; i < 200; i++)
		g_string_append_printf(chain,
		                       "%s{\"id\": \"c%d\", \"source\": \"s\", \"subject\": \"RU\", "
		                       "\"region\": \"b\", \"value\": 1, \"reported\": \"2021\", "
		                       "\"supersedes\": [\"c%d\"]}",
		                       i ? "," : "", i, (i + 1) % 200);
	g_string_append(chain, "]}");
	CU_ASSERT_PTR_NULL(load_text(chain->str, lines, &err));
	g_string_free(chain, TRUE);
	CU_ASSERT_EQUAL(err.code, FT_ELOOP);
	CU_ASSERT_EQUAL_FATAL(lines->len, 1);
	CU_ASSERT_TRUE(
	    g_str_has_prefix(g_ptr_array_index(lines, 0),
	                     "t.json: claims[199].supersedes: supersedes chain loops: c0 -> c1 -> c2 -> "));
	/* An entity that is its own parent is one loop, reported once. */
	g_ptr_array_set_size(lines, 0);
	CU_ASSERT_PTR_NULL(load_text(
	    HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"R\", \"parent\": \"RU\"}]}", lines, &err));
	CU_ASSERT_EQUAL(lines->len, 1);
	CU_ASSERT_STRING_EQUAL(g_ptr_array_index(lines, 0),
	                       "t.json: actors[0].parent: parent chain loops: RU -> RU");
	g_ptr_array_free(lines, TRUE);
}

static void test_every_problem_in_order(void)
{
	/* Three problems: an unknown key in actors[0], a wrong type in
	 * actors[1], then (at resolve time) claims[0]'s unknown region. */
	const char *text = HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"Russia\", \"nmae\": 1},"
	                        "{\"id\": \"UA\", \"name\": 5}],"
	                        "\"regions\": [{\"id\": \"donbas\", \"name\": \"Donbas\"}],"
	                        "\"sources\": [{\"id\": \"s\", \"name\": \"S\"}],"
	                        "\"claims\": [{\"id\": \"c\", \"source\": \"s\", \"subject\": \"UA\","
	                        "\"region\": \"donbass\", \"value\": 1, \"reported\": \"2021\"}]}";
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	ft_error err;
	CU_ASSERT_PTR_NULL(load_text(text, lines, &err));
	CU_ASSERT_EQUAL_FATAL(lines->len, 3);
	CU_ASSERT_STRING_EQUAL(g_ptr_array_index(lines, 0),
	                       "t.json: actors[0].nmae: unknown key (did you mean \"name\"?)");
	CU_ASSERT_STRING_EQUAL(g_ptr_array_index(lines, 1),
	                       "t.json: actors[1].name: expected a string, got an integer");
	/* UA was flawed, but its id stays known: the claim's subject "UA"
	 * raises no second error. */
	CU_ASSERT_STRING_EQUAL(
	    g_ptr_array_index(lines, 2),
	    "t.json: claims[0].region: unknown region \"donbass\" (did you mean \"donbas\"?)");
	g_ptr_array_free(lines, TRUE);
}

static void test_error_cap(void)
{
	/* Five unknown keys, a cap of 2: the callback hears two. */
	const char *text = HEAD "\"a1\": 1, \"a2\": 1, \"a3\": 1, \"a4\": 1, \"a5\": 1}";
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.on_error = collect;
	opts.payload = lines;
	opts.max_errors = 2;
	ft_error err;
	CU_ASSERT_PTR_NULL(ft_dataset_load_buffer(text, strlen(text), "t.json", &opts, &err));
	CU_ASSERT_EQUAL(lines->len, 2);
	g_ptr_array_free(lines, TRUE);
}

/*
 * "Did you mean" is looked for only for the first 20 unknown references
 * (each costs a pass over every id of its kind): 25 regions named
 * "donbass", each one edit from "donbas", give 25 problems, the first 20
 * with the suggestion and the last 5 without.
 */
static void test_suggestions_capped(void)
{
	GString *text = g_string_new(HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"Russia\"}], "
	                                  "\"regions\": [{\"id\": \"donbas\", \"name\": \"Donbas\"}");
	for (int i = 0; i < 25; i++)
		g_string_append_printf(text, ", {\"id\": \"r%d\", \"name\": \"R\", \"parent\": \"donbass\"}",
		                       i);
	g_string_append(text, "]}");
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	ft_error err;
	CU_ASSERT_PTR_NULL(load_text(text->str, lines, &err));
	CU_ASSERT_EQUAL_FATAL(lines->len, 25);
	for (guint i = 0; i < lines->len; i++) {
		char want[128];
		g_snprintf(want, sizeof want, "t.json: regions[%u].parent: unknown region \"donbass\"%s",
		           i + 1, i < 20 ? " (did you mean \"donbas\"?)" : "");
		CU_ASSERT_STRING_EQUAL(g_ptr_array_index(lines, i), want);
	}
	g_ptr_array_free(lines, TRUE);
	g_string_free(text, TRUE);
}

/*
 * A whole-number field written as a fraction that rounds to a whole double:
 * 94000.000000000001 is the double 94000.0, but its text is a fraction,
 * refused like 94000.5, whether the document comes from a buffer (its text
 * scanned when a whole real is met) or a stream (scanned as it is fed).
 * 94000.0, 9.4e4 and 94000.000 are whole as written and taken; so is
 * 0.5e1 (5). 9400000000000000000.1e-14 is 94000.000000000000001: refused.
 */
static void test_fraction_rounding_to_whole(void)
{
	static const struct {
		const char *number;
		int whole;
	} cases[] = {
	    {"94000.000000000001", 0},
	    {"9400000000000000000.1e-14", 0},
	    {"0.94000000000000000001e5", 0},
	    {"94000.0", 1},
	    {"9.4e4", 1},
	    {"94000.000", 1},
	    {"0.5e1", 1},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *text = g_strdup_printf(
		    HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"Russia\"}], \"regions\": [{\"id\": "
		         "\"R\", \"name\": \"R\"}], \"sources\": [{\"id\": \"S\", \"name\": \"S\"}], "
		         "\"claims\": [{\"id\": \"c\", \"source\": \"S\", \"subject\": \"RU\", \"region\": "
		         "\"R\", \"value\": %s, \"reported\": \"2021-12-01\", \"note\": \"9.5 1.5e1 "
		         "\\\" 94000.000000000001\"}]}",
		    cases[i].number);
		ft_error err;
		ft_dataset *from_buffer = ft_dataset_load_buffer(text, strlen(text), "t.json", NULL, &err);
		FILE *fp = fmemopen(text, strlen(text), "r");
		CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
		ft_error serr;
		ft_dataset *from_stream = ft_dataset_load_stream(fp, "t.json", NULL, &serr);
		fclose(fp);
		if (cases[i].whole) {
			CU_ASSERT_PTR_NOT_NULL(from_buffer);
			CU_ASSERT_PTR_NOT_NULL(from_stream);
		} else {
			CU_ASSERT_PTR_NULL(from_buffer);
			CU_ASSERT_PTR_NULL(from_stream);
			CU_ASSERT_STRING_EQUAL(err.path, "claims[0].value");
			CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "a fraction that rounds to 94000"));
			CU_ASSERT_STRING_EQUAL(serr.text, err.text);
		}
		ft_dataset_free(from_buffer);
		ft_dataset_free(from_stream);
		g_free(text);
	}
}

static void test_syntax_errors_have_positions(void)
{
	/* Line 2, column 14: two spaces, "actors" with its quotes (8), the
	 * colon, a space and the bracket are 13 characters before the 'x'. */
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	ft_error err;
	CU_ASSERT_PTR_NULL(load_text("{\"forcetrack\": \"1.0\",\n  \"actors\": [x]}", lines, &err));
	CU_ASSERT_EQUAL(err.code, FT_ESYNTAX);
	CU_ASSERT_EQUAL(err.line, 2);
	CU_ASSERT_EQUAL(err.column, 14);
	CU_ASSERT_PTR_NOT_NULL(strstr(g_ptr_array_index(lines, 0), "t.json:2:14: invalid JSON:"));
	g_ptr_array_free(lines, TRUE);
	expect_first("", "t.json: empty file: expected a JSON object");
	expect_first("\xEF\xBB\xBF{\"forcetrack\": \"1.0\"}",
	             "t.json: the file begins with a byte-order mark: save it as UTF-8 without one");
	expect_first("[1, 2]", "t.json: the document must be a JSON object, not an array");
}

static void test_repeated_keys_and_nul(void)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	ft_error err;
	CU_ASSERT_PTR_NULL(
	    load_text(HEAD "\"actors\": [{\"id\": \"RU\", \"id\": \"UA\", \"name\": \"x\"}]}", lines, &err));
	CU_ASSERT_EQUAL(err.code, FT_ESYNTAX);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "repeated key"));
	CU_ASSERT_EQUAL(err.line, 1);
	CU_ASSERT_TRUE(err.column > 0);
	CU_ASSERT_PTR_NULL(
	    load_text(HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"a\\u0000b\"}]}", NULL, &err));
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "NUL"));
	g_ptr_array_free(lines, TRUE);
}

static void test_messages_stay_on_one_line(void)
{
	/* Data quoted in a message keeps its control characters out: the
	 * kind "sta<LF>te<ESC>[2J" is shown with \n and \u001b escapes. */
	expect_first(HEAD
	             "\"actors\": [{\"id\": \"RU\", \"name\": \"R\", \"kind\": \"sta\\u000ate\\u001b[2J\"}]}",
	             "t.json: actors[0].kind: unknown actor kind \"sta\\nte\\u001b[2J\" (expected one of: "
	             "other, state, "
	             "alliance, armed-group, organization)");
	/* A key in the path, too. */
	expect_first(HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"R\", \"a\\tb\": 1}]}",
	             "t.json: actors[0].a\\tb: unknown key (keys outside the format must begin with \"x-\")");
}

static void test_messages_escape_terminal_controls(void)
{
	/* The kind "sta<CSI>te<DEL><RLO>": U+009B (CSI, a C1 control that
	 * starts an escape sequence on its own), U+007F and U+202E (RIGHT-TO-
	 * LEFT OVERRIDE, which would print the rest of the line backwards) are
	 * shown as \u009b, \u007f and \u202e. They are escapes, not look-alikes:
	 * no code points are listed. */
	expect_first(
	    HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"R\", \"kind\": "
	         "\"sta\\u009bte\\u007f\\u202e\"}]}",
	    "t.json: actors[0].kind: unknown actor kind \"sta\\u009bte\\u007f\\u202e\" (expected one "
	    "of: other, state, alliance, armed-group, organization)");
	/* A quote and a backslash in the data are escaped, so the quoted value
	 * ends where it seems to: a"b\c is shown "a\"b\\c". */
	expect_first(HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"R\", \"kind\": \"a\\\"b\\\\c\"}]}",
	             "t.json: actors[0].kind: unknown actor kind \"a\\\"b\\\\c\" (expected one of: other, "
	             "state, alliance, armed-group, organization)");
	/* An id ending in U+202E. */
	expect_first(HEAD "\"actors\": [{\"id\": \"RU\\u202e\", \"name\": \"R\"}]}",
	             "t.json: actors[0].id: invalid id \"RU\\u202e\": 1 to 128 characters of A-Z a-z 0-9 . _ "
	             ": -, beginning with a letter or digit");
	/* Jansson's own text quotes the input where it stopped: a raw U+202E
	 * (E2 80 AE) where a key should be is shown as \u202e there too. */
	ft_error err;
	CU_ASSERT_PTR_NULL(load_text(HEAD "\xe2\x80\xae: 1}", NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_ESYNTAX);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "near '\\u202e'"));
	/* A key with U+2066 (LEFT-TO-RIGHT ISOLATE) and U+0085 (NEL, a C1 line
	 * break) is escaped in the path. */
	expect_first(
	    HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"R\", \"x\\u2066\\u0085\": 1}]}",
	    "t.json: actors[0].x\\u2066\\u0085: unknown key (keys outside the format must begin with "
	    "\"x-\")");
}

static void test_messages_name_lookalikes(void)
{
	/* "РУ" is Cyrillic ER (U+0420, D0 A0) and U (U+0423, D0 A3): it looks
	 * like "PY" and is not a valid id. */
	expect_first(HEAD "\"actors\": [{\"id\": \"\\u0420\\u0423\", \"name\": \"R\"}]}",
	             "t.json: actors[0].id: invalid id \"\xd0\xa0\xd0\xa3\" (it holds non-ASCII characters: "
	             "U+0420 U+0423): 1 to 128 characters of A-Z a-z 0-9 . _ : -, beginning with a letter or "
	             "digit");
	/* A reference to "donbаs" with a Cyrillic a (U+0430, D0 B0) where the
	 * dataset has "donbas": one character apart, so "did you mean" finds
	 * it, and the code point says why they differ. */
	expect_first(HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"R\"}], "
	                  "\"regions\": [{\"id\": \"donbas\", \"name\": \"D\"}], "
	                  "\"sources\": [{\"id\": \"s\", \"name\": \"S\"}], "
	                  "\"claims\": [{\"id\": \"c1\", \"source\": \"s\", \"subject\": \"RU\", "
	                  "\"region\": \"donb\\u0430s\", \"value\": 1, \"reported\": \"2021-12-01\"}]}",
	             "t.json: claims[0].region: unknown region \"donb\xd0\xb0s\" (it holds a non-ASCII "
	             "character: U+0430; did you mean \"donbas\"?)");
	/* A look-alike that nothing is close to: the code points alone. */
	expect_first(
	    HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"R\"}], "
	         "\"regions\": [{\"id\": \"donbas\", \"name\": \"D\"}], "
	         "\"sources\": [{\"id\": \"s\", \"name\": \"S\"}], "
	         "\"claims\": [{\"id\": \"c1\", \"source\": \"s\", \"subject\": \"RU\", "
	         "\"region\": \"\\u0414\\u043e\\u043d\\u0431\\u0430\\u0441\", \"value\": 1, "
	         "\"reported\": \"2021-12-01\"}]}",
	    "t.json: claims[0].region: unknown region \"\xd0\x94\xd0\xbe\xd0\xbd\xd0\xb1\xd0\xb0\xd1\x81\" "
	    "(it holds non-ASCII characters: U+0414 U+043E U+043D U+0431 U+0430 U+0441)");
	/* A long value: 70 Cyrillic de (U+0434, D0 B4) is cut after 64 of
	 * them, at a character boundary, with "..."; the code point is named
	 * once. */
	GString *in = g_string_new(HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"R\", \"kind\": \"");
	GString *want = g_string_new("t.json: actors[0].kind: unknown actor kind \"");
	for (int i = 0; i < 70; i++)
		g_string_append(in, "\xd0\xb4");
	for (int i = 0; i < 64; i++)
		g_string_append(want, "\xd0\xb4");
	g_string_append(in, "\"}]}");
	g_string_append(want, "...\" (it holds non-ASCII characters: U+0434; expected one of: other, state, "
	                      "alliance, armed-group, organization)");
	expect_first(in->str, want->str);
	g_string_free(want, TRUE);
	g_string_free(in, TRUE);
	/* Nine different ones: the first eight are named, then "...": Greek
	 * alpha to iota, U+03B1 to U+03B9, as an id. */
	expect_first(
	    HEAD "\"actors\": [{\"id\": \"\u03b1\u03b2\u03b3\u03b4\u03b5\u03b6\u03b7\u03b8\u03b9\", "
	         "\"name\": \"R\"}]}",
	    "t.json: actors[0].id: invalid id \"\xce\xb1\xce\xb2\xce\xb3\xce\xb4\xce\xb5\xce\xb6\xce\xb7"
	    "\xce\xb8\xce\xb9\" (it holds non-ASCII characters: U+03B1 U+03B2 U+03B3 U+03B4 U+03B5 "
	    "U+03B6 U+03B7 U+03B8 ...): 1 to 128 characters of A-Z a-z 0-9 . _ : -, beginning with a "
	    "letter or digit");
	/* An enumeration value: "stаte" with a Cyrillic a (U+0430). */
	expect_first(
	    HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"R\", \"kind\": \"st\\u0430te\"}]}",
	    "t.json: actors[0].kind: unknown actor kind \"st\xd0\xb0te\" (it holds a non-ASCII "
	    "character: U+0430; expected one of: other, state, alliance, armed-group, organization)");
}

static void test_versions(void)
{
	expect_first(
	    "{\"forcetrack\": \"2.0\"}",
	    "t.json: forcetrack: format version 2.0 is not supported: this library reads version 1.0");
	expect_first(
	    "{\"forcetrack\": \"1.9\"}",
	    "t.json: forcetrack: format version 1.9 is newer than this library's 1.0: update libforcetrack");
	expect_first("{\"forcetrack\": 1.0}", "t.json: forcetrack: expected a version string like \"1.0\", "
	                                      "got a number with a fraction or exponent");
	expect_first(
	    "{\"forcetrack\": \"1.0.0\"}",
	    "t.json: forcetrack: version \"1.0.0\" is not of the form MAJOR.MINOR (this library reads 1.0)");
	expect_first("{}", "t.json: missing required key \"forcetrack\" (the format version, \"1.0\")");
	ft_error err;
	CU_ASSERT_PTR_NULL(load_text("{\"forcetrack\": \"2.0\"}", NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_EVERSION);
}

static void test_field_types(void)
{
	expect_first(HEAD "\"claims\": [\"c1\"]}", "t.json: claims[0]: expected an object, got a string");
	expect_first(HEAD "\"claims\": {}}", "t.json: claims: expected an array, got an object");
	expect_first(HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"R\", \"aliases\": \"Russia\"}]}",
	             "t.json: actors[0].aliases: expected an array of strings, got a string");
	expect_first(HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"R\", \"kind\": \"nation\"}]}",
	             "t.json: actors[0].kind: unknown actor kind \"nation\" (expected one of: other, state, "
	             "alliance, armed-group, organization)");
	expect_first(HEAD
	             "\"units\": [{\"id\": \"u\", \"name\": \"U\", \"actor\": \"RU\", \"strength\": -5}]}",
	             "t.json: units[0].strength: negative number -5: expected a whole number of 0 or more");
	expect_first(HEAD "\"actors\": [{\"name\": \"R\"}]}",
	             "t.json: actors[0]: missing required key \"id\"");
	expect_first(HEAD "\"dataset\": {\"created\": \"2021-02-30\"}}",
	             "t.json: dataset.created: impossible date \"2021-02-30\": 2021-02 has no day 30 (it has "
	             "28 days)");
	expect_first(HEAD "\"claimz\": []}", "t.json: claimz: unknown key (did you mean \"claims\"?)");
	/* Nothing near "reprted" at the top level: the hint says what is allowed. */
	expect_first(HEAD "\"reprted\": 1}",
	             "t.json: reprted: unknown key (keys outside the format must begin with \"x-\")");
}

/* A claim around a quantity fragment, for the shape tests. */
static char *claim_doc(const char *quantity)
{
	return g_strdup_printf(HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"Russia\"}],"
	                            "\"regions\": [{\"id\": \"b\", \"name\": \"Border\"}],"
	                            "\"sources\": [{\"id\": \"s\", \"name\": \"S\"}],"
	                            "\"claims\": [{\"id\": \"c\", \"source\": \"s\", \"subject\": \"RU\","
	                            "\"region\": \"b\", \"reported\": \"2021-12-01\"%s%s}]}",
	                       quantity[0] ? ", " : "", quantity);
}

static void expect_quantity_error(const char *quantity, const char *first)
{
	char *text = claim_doc(quantity);
	expect_first(text, first);
	g_free(text);
}

static void test_quantity_shapes(void)
{
	struct {
		const char *json;
		int qualifier;
		uint64_t value, low, high;
	} ok[] = {
	    {"\"value\": 125000", FT_QUALIFIER_EXACT, 125000, 0, 0},
	    {"\"value\": 94000, \"qualifier\": \"approx\"", FT_QUALIFIER_APPROX, 94000, 0, 0},
	    {"\"value\": 100000, \"qualifier\": \"at-least\"", FT_QUALIFIER_AT_LEAST, 100000, 0, 0},
	    {"\"value\": 175000, \"qualifier\": \"at-most\"", FT_QUALIFIER_AT_MOST, 175000, 0, 0},
	    {"\"low\": 169000, \"high\": 190000", FT_QUALIFIER_RANGE, 0, 169000, 190000},
	    {"\"low\": 1, \"high\": 3, \"value\": 2, \"qualifier\": \"range\"", FT_QUALIFIER_RANGE, 2, 1, 3},
	    {"\"value\": 9007199254740991", FT_QUALIFIER_EXACT, 9007199254740991u, 0, 0},
	    /* Whole numbers written as reals: 94000.0 and 9.4e4 are 94000. */
	    {"\"value\": 94000.0", FT_QUALIFIER_EXACT, 94000, 0, 0},
	    {"\"value\": 9.4e4, \"qualifier\": \"approx\"", FT_QUALIFIER_APPROX, 94000, 0, 0},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(ok); i++) {
		char *text = claim_doc(ok[i].json);
		ft_error err;
		ft_dataset *ds = load_text(text, NULL, &err);
		if (!ds)
			fprintf(stderr, "\n%s: %s\n", ok[i].json, err.text);
		CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
		ft_quantity q = ft_claim_quantity(ft_dataset_claim_at(ds, 0));
		CU_ASSERT_EQUAL(q.qualifier, ok[i].qualifier);
		CU_ASSERT_EQUAL(q.value, ok[i].value);
		CU_ASSERT_EQUAL(q.low, ok[i].low);
		CU_ASSERT_EQUAL(q.high, ok[i].high);
		ft_dataset_free(ds);
		g_free(text);
	}
	expect_quantity_error("\"value\": 94000.5",
	                      "t.json: claims[0].value: expected a whole number, got 94000.5");
	expect_quantity_error(
	    "\"value\": -1.0",
	    "t.json: claims[0].value: negative number -1: expected a whole number of 0 or more");
	/* A bad value is one problem: the shape is not blamed as well. */
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	char *bad = claim_doc("\"value\": \"94000\", \"qualifier\": \"approx\"");
	ft_error e1;
	CU_ASSERT_PTR_NULL(load_text(bad, lines, &e1));
	CU_ASSERT_EQUAL(lines->len, 1);
	g_free(bad);
	g_ptr_array_free(lines, TRUE);
	expect_quantity_error("\"value\": \"94000\"",
	                      "t.json: claims[0].value: expected a whole number, got a string");
	expect_quantity_error("\"value\": 9007199254740992",
	                      "t.json: claims[0].value: number 9007199254740992 is 2^53 or more");
	expect_quantity_error("\"low\": 5", "t.json: claims[0]: a range needs both \"low\" and \"high\"");
	expect_quantity_error("\"low\": 1, \"high\": 2, \"qualifier\": \"approx\"",
	                      "t.json: claims[0].qualifier: qualifier \"approx\" does not go with \"low\" "
	                      "and \"high\" (a range)");
	expect_quantity_error("\"value\": 3, \"qualifier\": \"range\"",
	                      "t.json: claims[0].qualifier: qualifier \"range\" needs \"low\" and \"high\"");
	expect_quantity_error("\"qualifier\": \"approx\"",
	                      "t.json: claims[0].qualifier: a qualifier needs a \"value\"");
	expect_quantity_error(
	    "", "t.json: claims[0]: missing quantity: give \"value\", or \"low\" and \"high\" (only a "
	        "denial may leave it out)");
	expect_quantity_error("\"low\": 200, \"high\": 100",
	                      "t.json: claims[0].low: low 200 is above high 100");
	/* A denial may leave the quantity out. */
	char *text = claim_doc("\"kind\": \"denial\"");
	ft_error err;
	ft_dataset *ds = load_text(text, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL(ds);
	ft_dataset_free(ds);
	g_free(text);
}

static void test_observed_forms(void)
{
	char *text = claim_doc("\"value\": 1, \"observed\": {\"from\": \"2021-11\", \"x-src\": [1.5]}");
	ft_error err;
	ft_dataset *ds = load_text(text, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_claim_desc d = FT_CLAIM_DESC_INIT;
	ft_claim_describe(ft_dataset_claim_at(ds, 0), &d);
	CU_ASSERT_EQUAL(d.observed_form, FT_OBSERVED_INTERVAL);
	CU_ASSERT_EQUAL(d.observed.from.precision, FT_PRECISION_MONTH);
	CU_ASSERT_EQUAL(d.observed.to.precision, FT_PRECISION_NONE);
	CU_ASSERT_EQUAL_FATAL(d.n_observed_extensions, 1);
	CU_ASSERT_STRING_EQUAL(d.observed_extensions[0].json, "[1.5]");
	ft_dataset_free(ds);
	g_free(text);
	expect_quantity_error("\"value\": 1, \"observed\": {}",
	                      "t.json: claims[0].observed: an interval needs \"from\", \"to\" or both");
	expect_quantity_error(
	    "\"value\": 1, \"observed\": 2021",
	    "t.json: claims[0].observed: expected a time value or an interval object, got an integer");
	expect_quantity_error("\"value\": 1, \"observed\": {\"from\": \"2021-12\", \"tu\": \"2022\"}",
	                      "t.json: claims[0].observed.tu: unknown key (did you mean \"to\"?)");
}

static void test_limits_and_entry_points(void)
{
	const char *text = "{\"forcetrack\": \"1.0\"}";
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.max_size = 10;
	ft_error err;
	/* {"forcetrack": "1.0"}: 1 + 12 + 1 + 1 + 5 + 1 = 21 bytes against a limit of 10. */
	CU_ASSERT_PTR_NULL(ft_dataset_load_buffer(text, strlen(text), "t.json", &opts, &err));
	CU_ASSERT_EQUAL(err.code, FT_ELIMIT);
	CU_ASSERT_STRING_EQUAL(err.text, "input is 21 bytes, over the limit of 10 bytes");

	ft_dataset *ds = ft_dataset_load_buffer(text, strlen(text), NULL, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL(ds);
	ft_dataset_free(ds);

	CU_ASSERT_PTR_NULL(ft_dataset_load_file("/nonexistent/dir/x.json", NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_EIO);
	CU_ASSERT_STRING_EQUAL(err.file, "/nonexistent/dir/x.json");
	CU_ASSERT_STRING_EQUAL(err.text, "cannot open: No such file or directory");
	CU_ASSERT_PTR_NULL(ft_dataset_load_file(g_get_tmp_dir(), NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_EIO);

	FILE *fp = tmpfile();
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs(text, fp);
	rewind(fp);
	ds = ft_dataset_load_stream(fp, "pipe", NULL, &err);
	CU_ASSERT_PTR_NOT_NULL(ds);
	ft_dataset_free(ds);
	fclose(fp);

	CU_ASSERT_PTR_NULL(ft_dataset_load_buffer(NULL, 5, "t", NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	opts.version = 99;
	CU_ASSERT_PTR_NULL(ft_dataset_load_buffer(text, strlen(text), "t", &opts, &err));
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
}

static void test_string_and_depth_limits(void)
{
	/* A 20-byte name against a limit of 16 bytes. */
	const char *text = HEAD "\"actors\": [{\"id\": \"RU\", \"name\": \"Russian Federation..\","
	                        "\"aliases\": [\"ok\", \"Российская Федерация\"]}]}";
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.max_string = 16;
	opts.on_error = collect;
	opts.payload = lines;
	ft_error err;
	CU_ASSERT_PTR_NULL(ft_dataset_load_buffer(text, strlen(text), "t.json", &opts, &err));
	CU_ASSERT_EQUAL(err.code, FT_ELIMIT);
	/* Two problems: the name (20 bytes) and the second alias, 20 Cyrillic
	 * letters of 2 bytes and a space: 39 bytes. */
	CU_ASSERT_EQUAL_FATAL(lines->len, 2);
	CU_ASSERT_STRING_EQUAL(g_ptr_array_index(lines, 0),
	                       "t.json: actors[0].name: string of 20 bytes is over the limit of 16 bytes");
	CU_ASSERT_STRING_EQUAL(
	    g_ptr_array_index(lines, 1),
	    "t.json: actors[0].aliases[1]: string of 39 bytes is over the limit of 16 bytes");
	g_ptr_array_free(lines, TRUE);
	/* With the default limit (1 MiB) the same text loads. */
	ft_dataset *ds = ft_dataset_load_buffer(text, strlen(text), "t.json", NULL, &err);
	CU_ASSERT_PTR_NOT_NULL(ds);
	ft_dataset_free(ds);

	/* 3000 nested arrays inside an extension: beyond Jansson's 2048 levels. */
	GString *deep = g_string_new(HEAD "\"x-deep\": ");
	for (int i = 0; i < 3000; i++)
		g_string_append_c(deep, '[');
	for (int i = 0; i < 3000; i++)
		g_string_append_c(deep, ']');
	g_string_append_c(deep, '}');
	CU_ASSERT_PTR_NULL(ft_dataset_load_buffer(deep->str, deep->len, "t.json", NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_ESYNTAX);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "nested too deeply"));
	g_string_free(deep, TRUE);
}

static void test_validate_counts(void)
{
	char *path = g_build_filename(g_get_tmp_dir(), "ft-test-validate.json", NULL);
	/* Two unknown keys: two problems. */
	CU_ASSERT_TRUE_FATAL(g_file_set_contents(path, HEAD "\"a\": 1, \"b\": 2}", -1, NULL));
	CU_ASSERT_EQUAL(ft_dataset_validate_file(path, NULL), 2);
	CU_ASSERT_TRUE_FATAL(g_file_set_contents(path, "{\"forcetrack\": \"1.0\"}", -1, NULL));
	CU_ASSERT_EQUAL(ft_dataset_validate_file(path, NULL), 0);
	CU_ASSERT_EQUAL(ft_dataset_validate_file(NULL, NULL), FT_EINVAL);
	g_unlink(path);
	g_free(path);
}

static char *example_path(void)
{
	return ft_test_source_path("examples/data/buildup-2021-12.json");
}

static void test_example_round_trip(void)
{
	char *path = example_path();
	size_t len = 0;
	char *original = ft_test_read_file(path, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(original);
	ft_error err;
	ft_dataset *ds = ft_dataset_load_file(path, NULL, &err);
	if (!ds)
		fprintf(stderr, "\n%s\n", err.text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	/* The seed article's two claims are there with their figures. */
	const ft_claim *ua = NULL, *ru = NULL;
	for (size_t i = 0; i < ft_dataset_claim_count(ds); i++) {
		const ft_claim *c = ft_dataset_claim_at(ds, i);
		ft_quantity q = ft_claim_quantity(c);
		if (q.value == 94000)
			ua = c;
		if (q.value == 125000)
			ru = c;
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(ua);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ru);
	CU_ASSERT_STRING_EQUAL(ft_actor_id(ft_claim_subject(ua)), "RU");
	CU_ASSERT_STRING_EQUAL(ft_actor_id(ft_claim_subject(ru)), "UA");
	CU_ASSERT_EQUAL(ft_claim_quantity(ua).qualifier, FT_QUALIFIER_APPROX);
	/* The example is canonical: saving gives its bytes back. */
	char *saved = ft_dataset_save_string(ds, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(saved);
	CU_ASSERT_STRING_EQUAL(saved, original);
	ft_free(saved);
	ft_dataset_free(ds);
	g_free(original);
	g_free(path);
}

static void test_truncation_at_every_byte(void)
{
	/* Every proper prefix of the example, up to the one that lacks only the
	 * final newline, is refused cleanly with one error and no dataset; the
	 * prefix ending at the closing brace is a complete document. */
	char *path = example_path();
	size_t len = 0;
	char *text = ft_test_read_file(path, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_TRUE_FATAL(len > 100 && text[len - 1] == '\n' && text[len - 2] == '}');
	size_t refused = 0;
	for (size_t n = 0; n < len - 1; n++) {
		ft_error err;
		ft_dataset *ds = ft_dataset_load_buffer(text, n, "cut.json", NULL, &err);
		if (!ds && err.code < 0 && err.text[0])
			refused++;
		ft_dataset_free(ds);
	}
	CU_ASSERT_EQUAL(refused, len - 1);
	ft_error err;
	ft_dataset *whole = ft_dataset_load_buffer(text, len - 1, "cut.json", NULL, &err);
	CU_ASSERT_PTR_NOT_NULL(whole);
	ft_dataset_free(whole);
	g_free(text);
	g_free(path);
}

static const ft_test tests[] = {
    {"forward references", test_forward_references},
    {"loop across document", test_loop_across_document},
    {"every problem in order", test_every_problem_in_order},
    {"error cap", test_error_cap},
    {"suggestions capped", test_suggestions_capped},
    {"fraction rounding to a whole number", test_fraction_rounding_to_whole},
    {"syntax errors have positions", test_syntax_errors_have_positions},
    {"repeated keys and NUL", test_repeated_keys_and_nul},
    {"messages stay on one line", test_messages_stay_on_one_line},
    {"messages escape terminal and bidi controls", test_messages_escape_terminal_controls},
    {"messages name look-alike code points", test_messages_name_lookalikes},
    {"versions", test_versions},
    {"field types", test_field_types},
    {"quantity shapes", test_quantity_shapes},
    {"observed forms", test_observed_forms},
    {"limits and entry points", test_limits_and_entry_points},
    {"string and depth limits", test_string_and_depth_limits},
    {"validate counts", test_validate_counts},
    {"example round trip", test_example_round_trip},
    {"truncation at every byte", test_truncation_at_every_byte},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("io", tests);
}
