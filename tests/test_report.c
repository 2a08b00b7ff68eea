/*
 * Tests for the reports (report/text.c, report/json.c, report/figure.c):
 * the text and the JSON of an estimate and of a timeline of one small
 * dataset, with figures worked out by hand from docs/estimation.md, the
 * JSON's keys in report.h's order, and the figures in words with their
 * hedges and flags (test_cli.c checks the same shapes through the
 * program). The text is checked for what the document and report.h say it
 * holds, each piece as it stands, so that the layout around it can move.
 * The JSON is parsed back with Jansson; the FILE and string variants must
 * give the same bytes; text from the dataset must reach the text without
 * its control characters.
 */
#include <glib.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "forcetrack.h"
#include "test-json.h"
#include "test-util.h"

/*
 * RU opposes UA; crimea lies under border. Source a (A, no actor) and b
 * (B, actor UA, a name with a colour escape and a newline in it). At T =
 * 2021-12-01, everything known, RU in border, personnel (docs/estimation.md,
 * estimates 2.0):
 *   c0  a  50,000, observed 11-20, cred 1   same-voice (c1 is later)
 *        weight 1.0 x 0.5^(10/14) = 0.610 (age 12-01 - 11-21 = 10 days)
 *   c1  a  about 100,000, cred 1            counted, 90,000-110,000, 1.0
 *   c2  b  80,000, cred 2                   counted, 0.8 x 0.8 = 0.64, adversary
 *   c3  a  20,000 in crimea, cred 1         counted at (RU, crimea), 1.0
 *   c4  b  a denial                         denial, weight 0.8 x 0.5 = 0.4
 * (RU, border): entries 80,000 (0.64) twice, 90,000 (1.0), 110,000 (1.0);
 * W = 1.64; running 0.64, 1.28, 2.28 >= W at 90,000: best 90,000. Both
 * current (0.64 >= 0.5): low 80,000, high 110,000, not open; c1 and c2 do
 * not overlap: contested, one pair of 1.0 x 0.64 = 0.64, disjoint.
 * (RU, crimea): 20,000. Total: 90,000 (80,000-110,000); 3 claims, voices
 * a and b.
 */
static const char dataset_text[] =
    "{\"forcetrack\": \"1.0\","
    " \"actors\": [{\"id\": \"RU\", \"name\": \"Russia\", \"opposes\": [\"UA\"]},"
    "  {\"id\": \"UA\", \"name\": \"Ukraine\"}],"
    " \"regions\": [{\"id\": \"border\", \"name\": \"Near the border\"},"
    "  {\"id\": \"crimea\", \"name\": \"Crimea\", \"parent\": \"border\"}],"
    " \"sources\": [{\"id\": \"a\", \"name\": \"Source A\", \"reliability\": \"A\"},"
    "  {\"id\": \"b\", \"name\": \"Ministry\\u001b[31m of\\nDefence\", \"actor\": \"UA\", \"reliability\": \"B\"}],"
    " \"claims\": ["
    "  {\"id\": \"c0\", \"source\": \"a\", \"subject\": \"RU\", \"region\": \"border\", \"value\": 50000,"
    "   \"credibility\": 1, \"observed\": \"2021-11-20\", \"reported\": \"2021-11-20\"},"
    "  {\"id\": \"c1\", \"source\": \"a\", \"subject\": \"RU\", \"region\": \"border\", \"value\": 100000,"
    "   \"qualifier\": \"approx\", \"credibility\": 1, \"reported\": \"2021-12-01\"},"
    "  {\"id\": \"c2\", \"source\": \"b\", \"subject\": \"RU\", \"region\": \"border\", \"value\": 80000,"
    "   \"credibility\": 2, \"reported\": \"2021-12-01\"},"
    "  {\"id\": \"c3\", \"source\": \"a\", \"subject\": \"RU\", \"region\": \"crimea\", \"value\": 20000,"
    "   \"credibility\": 1, \"reported\": \"2021-12-01\"},"
    "  {\"id\": \"c4\", \"source\": \"b\", \"subject\": \"RU\", \"region\": \"border\", \"kind\": \"denial\","
    "   \"reported\": \"2021-12-01\"}]}";

/*
 * What the text of the estimate must say, each looked for as it stands
 * (the layout around it may change): the figure in the words of
 * ft_estimate_format (report.h: "94,000 (range 84,600-103,400)" for an
 * estimate resting on more than one claim), the pair that disagrees, and
 * the rule lines of docs/estimation.md section 8 ("about 120,000: entries
 * 108,000, 132,000, weight 0.300; current: sets 108,000-132,000"; "same
 * voice as c-ua-94k, which was observed later"). The source named with a
 * colour escape and a newline reaches the text without either.
 */
#define EST_HEADING   "RU in border, personnel, at 2021-12-01 (known on: everything)\n"
#define EST_FIGURE    "90,000 (range 80,000-110,000)"
#define EST_CONTESTED "CONTESTED: 1 pair"
#define EST_PAIR      "c1 (Source A) vs c2 (Ministry of Defence)"
#define EST_RULE_C1   "about 100,000: entries 90,000, 110,000, weight 1.000; current: sets 90,000-110,000"
#define EST_RULE_C0   "same voice as c1, which was observed later"

/*
 * From 11-24 to 12-01 by 7 days: 11-24, 12-01, each as known on its own
 * day. On 11-24 only c0 is reported (11-20) and observed: 50,000, one
 * voice. On 12-01 everything is reported: the estimate above. Window 30
 * days: point 1 against point 0, +40,000 on 50,000 = 80% > 10%: an alert,
 * with the claims counted on 12-01, not on 11-24, and known on 12-01: c1,
 * c2, c3.
 */
#define TL_HEADING "RU in border, personnel, from 2021-11-24 to 2021-12-01 every 7 days"
#define TL_ALERT   "2021-11-24 to 2021-12-01: +40,000 (+80.0%)"

static ft_dataset *load(void)
{
	ft_error err;
	ft_dataset *ds =
	    ft_dataset_load_buffer(dataset_text, strlen(dataset_text), "report.json", NULL, &err);
	if (!ds) {
		char line[1024];
		ft_error_format(&err, line, sizeof line);
		fprintf(stderr, "\n    the dataset does not load: %s\n", line);
	}
	return ds;
}

static ft_time tm(const char *text)
{
	ft_time t;
	memset(&t, 0, sizeof t);
	CU_ASSERT_EQUAL_FATAL(ft_time_parse(text, &t, NULL), 0);
	return t;
}

static void compute(const ft_dataset *ds, const char *measure, ft_estimate *e)
{
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	o.at = tm("2021-12-01");
	ft_error err;
	CU_ASSERT_EQUAL_FATAL(ft_estimate_compute(ds, ft_dataset_find_actor(ds, "RU"),
	                                          ft_dataset_find_region(ds, "border"), measure, &o, e, &err),
	                      0);
}

static void compute_timeline(const ft_dataset *ds, ft_timeline *tl)
{
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	o.from = tm("2021-11-24");
	o.to = tm("2021-12-01");
	ft_error err;
	CU_ASSERT_EQUAL_FATAL(ft_timeline_compute(ds, ft_dataset_find_actor(ds, "RU"),
	                                          ft_dataset_find_region(ds, "border"), NULL, &o, tl, &err),
	                      0);
}

/* What a stream received, as a string (g_free). */
static char *read_back(FILE *fp)
{
	GString *s = g_string_new(NULL);
	rewind(fp);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		g_string_append_len(s, buf, (gssize)n);
	return g_string_free(s, FALSE);
}

/* The first line of `text` that begins with `prefix` and holds `part`,
 * or NULL (g_free). */
static char *line_with(const char *text, const char *prefix, const char *part)
{
	char **lines = g_strsplit(text, "\n", -1);
	char *found = NULL;
	for (char **l = lines; *l && !found; l++)
		if (g_str_has_prefix(*l, prefix) && strstr(*l, part))
			found = g_strdup(*l);
	g_strfreev(lines);
	return found;
}

/* Asserts that `text` holds `part`, saying what it holds when not. */
static void expect_part(const char *text, const char *part)
{
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	if (!strstr(text, part))
		fprintf(stderr, "\n    the text lacks \"%s\":\n%s", part, text);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, part));
}

/* 1 when `s` holds no control character other than the line ends. */
static int is_clean(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			return 0;
	return 1;
}

static void test_estimate_text(void)
{
	ft_dataset *ds = load();
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate e = FT_ESTIMATE_INIT;
	compute(ds, NULL, &e);
	ft_error err;
	char *text = ft_estimate_render_text(&e, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT(g_str_has_prefix(text, EST_HEADING));
	expect_part(text, EST_FIGURE);
	expect_part(text, "2 voices, 3 claims counted");
	expect_part(text, EST_CONTESTED);
	expect_part(text, EST_PAIR);
	expect_part(text, EST_RULE_C1);
	/* Section 8's line for a claim of the same voice that lost. */
	expect_part(text, EST_RULE_C0);
	/* Not open, credible: no hedge of either kind. */
	CU_ASSERT_PTR_NULL(strstr(text, "NOT CREDIBLE"));
	CU_ASSERT_PTR_NULL(strstr(text, EST_FIGURE ", open"));
	CU_ASSERT_PTR_NULL(strstr(text, "110,000+"));
	CU_ASSERT_PTR_NULL(strstr(text, "INCONSISTENT"));
	/* Each contribution on a line of its own: c2's with its source, made
	 * safe, its status and its weight 0.640; the denial's weight 0.400. */
	char *row = line_with(text, "", "0.640");
	CU_ASSERT_PTR_NOT_NULL(row);
	if (row) {
		CU_ASSERT_PTR_NOT_NULL(strstr(row, "c2"));
		CU_ASSERT_PTR_NOT_NULL(strstr(row, "Ministry of Defence"));
		CU_ASSERT_PTR_NOT_NULL(strstr(row, "counted"));
	}
	g_free(row);
	row = line_with(text, "", "0.400");
	CU_ASSERT_PTR_NOT_NULL(row);
	if (row) {
		CU_ASSERT_PTR_NOT_NULL(strstr(row, "c4"));
		CU_ASSERT_PTR_NOT_NULL(strstr(row, "denial"));
	}
	g_free(row);
	/* c0 weighs 0.5^(10/14) = 0.60951: 0.610. */
	row = line_with(text, "", "0.610");
	CU_ASSERT_PTR_NOT_NULL(row);
	if (row)
		CU_ASSERT_PTR_NOT_NULL(strstr(row, "c0"));
	g_free(row);
	CU_ASSERT(is_clean(text));
	ft_free(text);

	/* A note goes under the heading, on its own line, made safe for a
	 * terminal like the dataset's text. */
	ft_render_options ro = FT_RENDER_OPTIONS_INIT;
	ro.note = "(chosen \x1b]0;a title\x07"
	          "for you)";
	text = ft_estimate_render_text(&e, &ro, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT(g_str_has_prefix(text, EST_HEADING "(chosen for you)\n"));
	ft_free(text);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* The keys of a JSON object, in order, joined by spaces (g_free). */
static char *keys_of(json_t *o)
{
	GString *s = g_string_new(NULL);
	const char *key;
	json_t *v;
	json_object_foreach (o, key, v) {
		if (s->len)
			g_string_append_c(s, ' ');
		g_string_append(s, key);
	}
	return g_string_free(s, FALSE);
}

static void expect_keys(json_t *o, const char *want)
{
	char *got = keys_of(o);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "\n    keys: %s\n    expected: %s", got, want);
	CU_ASSERT_STRING_EQUAL(got, want);
	g_free(got);
}

static json_t *parse(const char *text)
{
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	/* One document and a final newline. */
	CU_ASSERT(g_str_has_suffix(text, "}\n"));
	json_error_t jerr;
	json_t *doc = json_loads(text, 0, &jerr);
	if (!doc)
		fprintf(stderr, "\n    not JSON (%s): %s", jerr.text, text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	return doc;
}

/* The keys of report.h, in its order. */
static const char estimate_keys[] = "actor region measure at known_on method best low high claims voices "
                                    "open_below open_above not_credible contested pairs inconsistent "
                                    "disagreements contributions parts";
static const char contribution_keys[] =
    "claim source source_name voice weight status stance credible current "
    "qualifier node low high central rule";
static const char disagreement_keys[] = "a b weight disputes disjoint";
static const char figure_keys[] = "best low high open_below open_above not_credible";

/* A source named "Min<CSI>ist<RLO>ry" (U+009B, C2 9B; U+202E, E2 80 AE):
 * the JSON report spells both as the canonical writer does, \u009B and
 * \u202E, and the name parses back to the same bytes. */
static void test_estimate_json_escapes_controls(void)
{
	static const char text[] =
	    "{\"forcetrack\": \"1.0\","
	    " \"actors\": [{\"id\": \"RU\", \"name\": \"Russia\"}],"
	    " \"regions\": [{\"id\": \"border\", \"name\": \"Border\"}],"
	    " \"sources\": [{\"id\": \"a\", \"name\": \"Min\\u009bist\\u202ery\"}],"
	    " \"claims\": [{\"id\": \"c0\", \"source\": \"a\", \"subject\": \"RU\","
	    "  \"region\": \"border\", \"value\": 50000, \"reported\": \"2021-11-20\"}]}";
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer(text, strlen(text), "controls.json", NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate e = FT_ESTIMATE_INIT;
	compute(ds, NULL, &e);
	char *json = ft_estimate_render_json(&e, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(json);
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"source_name\": \"Min\\u009Bist\\u202Ery\""));
	CU_ASSERT_PTR_NULL(strstr(json, "\xc2\x9b"));
	CU_ASSERT_PTR_NULL(strstr(json, "\xe2\x80\xae"));
	json_t *o = parse(json);
	json_t *first = json_array_get(json_object_get(o, "contributions"), 0);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(first, "source_name")), "Min\xc2\x9b"
	                                                                                 "ist\xe2\x80\xae"
	                                                                                 "ry");
	json_decref(o);
	ft_free(json);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_estimate_json(void)
{
	ft_dataset *ds = load();
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate e = FT_ESTIMATE_INIT;
	compute(ds, NULL, &e);
	ft_error err;
	char *text = ft_estimate_render_json(&e, NULL, &err);
	json_t *o = parse(text);
	/* Two-space indent. */
	CU_ASSERT(g_str_has_prefix(text, "{\n  \"actor\": \"RU\",\n  \"region\": \"border\",\n"));
	expect_keys(o, estimate_keys);
	CU_ASSERT_STRING_EQUAL(str_member(o, "measure"), "personnel");
	CU_ASSERT_STRING_EQUAL(str_member(o, "at"), "2021-12-01");
	CU_ASSERT(json_is_null(json_object_get(o, "known_on")));
	CU_ASSERT_STRING_EQUAL(str_member(o, "method"), "weighted");
	/* The figures worked out above. */
	CU_ASSERT_EQUAL(int_member(o, "best"), 90000);
	CU_ASSERT_EQUAL(int_member(o, "low"), 80000);
	CU_ASSERT_EQUAL(int_member(o, "high"), 110000);
	CU_ASSERT_EQUAL(int_member(o, "claims"), 3);
	CU_ASSERT_EQUAL(int_member(o, "voices"), 2);
	CU_ASSERT(json_is_false(json_object_get(o, "open_below")));
	CU_ASSERT(json_is_false(json_object_get(o, "open_above")));
	CU_ASSERT(json_is_false(json_object_get(o, "not_credible")));
	CU_ASSERT(json_is_true(json_object_get(o, "contested")));
	CU_ASSERT_EQUAL(int_member(o, "pairs"), 1);
	CU_ASSERT(json_is_false(json_object_get(o, "inconsistent")));
	json_t *pairs = json_object_get(o, "disagreements");
	CU_ASSERT_EQUAL_FATAL(json_array_size(pairs), 1);
	json_t *pair = json_array_get(pairs, 0);
	expect_keys(pair, disagreement_keys);
	CU_ASSERT_STRING_EQUAL(str_member(pair, "a"), "c1");
	CU_ASSERT_STRING_EQUAL(str_member(pair, "b"), "c2");
	CU_ASSERT_DOUBLE_EQUAL(json_number_value(json_object_get(pair, "weight")), 0.64, 1e-9);
	CU_ASSERT(json_is_false(json_object_get(pair, "disputes")));
	CU_ASSERT(json_is_true(json_object_get(pair, "disjoint")));

	json_t *cs = json_object_get(o, "contributions");
	CU_ASSERT_EQUAL_FATAL(json_array_size(cs), 5);
	static const char *const ids[] = {"c0", "c1", "c2", "c3", "c4"};
	static const char *const statuses[] = {"same-voice", "counted", "counted", "counted", "denial"};
	static const char *const stances[] = {"third-party", "third-party", "adversary", "third-party",
	                                      "adversary"};
	static const char *const regions[] = {"border", "border", "border", "crimea", "border"};
	/* c0: 0.5^(10/14) = 0.609506827102 (age 10, half-life 14). */
	static const double weights[] = {0.609506827102, 1.0, 0.64, 1.0, 0.4};
	/* Current: counted and at least half the heaviest of its node: c1,
	 * c2 (0.64 >= 0.5) and c3 (alone at crimea); c0 and c4 did not count. */
	static const int current[] = {0, 1, 1, 1, 0};
	static const char *const source_names[] = {"Source A", "Source A", "Ministry\x1b[31m of\nDefence",
	                                           "Source A", "Ministry\x1b[31m of\nDefence"};
	for (size_t i = 0; i < 5; i++) {
		json_t *c = json_array_get(cs, i);
		expect_keys(c, contribution_keys);
		CU_ASSERT_STRING_EQUAL(str_member(c, "claim"), ids[i]);
		CU_ASSERT_STRING_EQUAL(str_member(c, "status"), statuses[i]);
		CU_ASSERT_STRING_EQUAL(str_member(c, "stance"), stances[i]);
		CU_ASSERT_DOUBLE_EQUAL(json_number_value(json_object_get(c, "weight")), weights[i], 1e-9);
		CU_ASSERT(json_is_true(json_object_get(c, "credible")));
		CU_ASSERT(json_is_boolean(json_object_get(c, "current")));
		CU_ASSERT_EQUAL(json_is_true(json_object_get(c, "current")), current[i]);
		CU_ASSERT(json_is_string(json_object_get(c, "rule")));
		/* The source's name as it is, escaped by the JSON rules only. */
		CU_ASSERT_STRING_EQUAL(str_member(c, "source_name"), source_names[i]);
		json_t *node = json_object_get(c, "node");
		CU_ASSERT_PTR_NOT_NULL_FATAL(node);
		expect_keys(node, "actor region");
		CU_ASSERT_STRING_EQUAL(str_member(node, "actor"), "RU");
		CU_ASSERT_STRING_EQUAL(str_member(node, "region"), regions[i]);
	}
	/* c1: about 100,000 is 90,000-110,000 around 100,000; its source is
	 * its voice; the rule of section 8. c0, c2 and c3 are exact. c4, a
	 * denial, states no side and no central figure. */
	json_t *c1 = json_array_get(cs, 1);
	CU_ASSERT_EQUAL(int_member(c1, "low"), 90000);
	CU_ASSERT_EQUAL(int_member(c1, "high"), 110000);
	CU_ASSERT_EQUAL(int_member(c1, "central"), 100000);
	CU_ASSERT_STRING_EQUAL(str_member(c1, "source"), "a");
	CU_ASSERT_STRING_EQUAL(str_member(c1, "voice"), "a");
	CU_ASSERT_STRING_EQUAL(str_member(c1, "qualifier"), "approx");
	CU_ASSERT_STRING_EQUAL(str_member(c1, "rule"), EST_RULE_C1);
	CU_ASSERT_STRING_EQUAL(str_member(json_array_get(cs, 0), "qualifier"), "exact");
	CU_ASSERT_STRING_EQUAL(str_member(json_array_get(cs, 2), "qualifier"), "exact");
	json_t *c4 = json_array_get(cs, 4);
	CU_ASSERT(json_is_null(json_object_get(c4, "low")));
	CU_ASSERT(json_is_null(json_object_get(c4, "high")));
	CU_ASSERT(json_is_null(json_object_get(c4, "central")));

	json_t *parts = json_object_get(o, "parts");
	CU_ASSERT_EQUAL_FATAL(json_array_size(parts), 2);
	json_t *p0 = json_array_get(parts, 0), *p1 = json_array_get(parts, 1);
	expect_keys(p1, "actor region own total inconsistent");
	CU_ASSERT_STRING_EQUAL(str_member(p1, "region"), "crimea");
	expect_keys(json_object_get(p1, "own"), figure_keys);
	expect_keys(json_object_get(p0, "total"), figure_keys);
	CU_ASSERT_EQUAL(int_member(json_object_get(p1, "own"), "best"), 20000);
	/* (RU, border): own 90,000 (80,000-110,000), larger than the parts'
	 * 20,000 in each figure: the total is own's, with its flags. */
	CU_ASSERT_EQUAL(int_member(json_object_get(p0, "own"), "best"), 90000);
	CU_ASSERT_EQUAL(int_member(json_object_get(p0, "total"), "high"), 110000);
	CU_ASSERT(json_is_false(json_object_get(json_object_get(p0, "total"), "open_below")));
	CU_ASSERT(json_is_false(json_object_get(json_object_get(p0, "total"), "not_credible")));
	json_decref(o);
	ft_free(text);
	ft_estimate_clear(&e);

	/* No estimate: nulls, never zeros; and a measure with a quote and a
	 * control character comes back as it was. */
	compute(ds, "per\"son\nnel", &e);
	text = ft_estimate_render_json(&e, NULL, &err);
	o = parse(text);
	CU_ASSERT_STRING_EQUAL(str_member(o, "measure"), "per\"son\nnel");
	CU_ASSERT(json_is_null(json_object_get(o, "best")));
	CU_ASSERT(json_is_null(json_object_get(o, "low")));
	CU_ASSERT(json_is_null(json_object_get(o, "high")));
	CU_ASSERT_EQUAL(int_member(o, "claims"), 0);
	CU_ASSERT_EQUAL(int_member(o, "pairs"), 0);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(o, "contributions")), 0);
	json_decref(o);
	ft_free(text);
	/* ... and in the text without the control character. */
	text = ft_estimate_render_text(&e, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT(g_str_has_prefix(text, "RU in border, per\"son nel, at 2021-12-01"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nno estimate: no claim counts\n"));
	CU_ASSERT(g_str_has_suffix(text, "\nno claim about it\n"));
	ft_free(text);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_timeline(void)
{
	ft_dataset *ds = load();
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_timeline tl = FT_TIMELINE_INIT;
	compute_timeline(ds, &tl);
	ft_error err;
	char *text = ft_timeline_render_text(&tl, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT(g_str_has_prefix(text, TL_HEADING));
	char *line = line_with(text, "2021-11-24", "50,000");
	CU_ASSERT_PTR_NOT_NULL(line);
	g_free(line);
	line = line_with(text, "2021-12-01", EST_FIGURE);
	CU_ASSERT_PTR_NOT_NULL(line);
	if (line) {
		CU_ASSERT_PTR_NOT_NULL(strstr(line, "2 voices"));
		CU_ASSERT_PTR_NOT_NULL(strstr(line, "CONTESTED"));
		CU_ASSERT_PTR_NOT_NULL(strstr(line, "ALERT"));
	}
	g_free(line);
	expect_part(text, TL_ALERT);
	CU_ASSERT(is_clean(text));
	ft_free(text);

	text = ft_timeline_render_json(&tl, NULL, &err);
	json_t *o = parse(text);
	expect_keys(o,
	            "actor region measure known_on knowledge method from to step_days window_days threshold "
	            "points alerts");
	/* As known then: no one K for the timeline, each point its own. */
	CU_ASSERT(json_is_null(json_object_get(o, "known_on")));
	CU_ASSERT_STRING_EQUAL(str_member(o, "knowledge"), "then");
	CU_ASSERT_STRING_EQUAL(str_member(o, "from"), "2021-11-24");
	CU_ASSERT_STRING_EQUAL(str_member(o, "to"), "2021-12-01");
	CU_ASSERT_EQUAL(int_member(o, "step_days"), 7);
	CU_ASSERT_EQUAL(int_member(o, "window_days"), 30);
	CU_ASSERT_DOUBLE_EQUAL(json_number_value(json_object_get(o, "threshold")), 0.1, 1e-12);
	json_t *points = json_object_get(o, "points");
	CU_ASSERT_EQUAL_FATAL(json_array_size(points), 2);
	/* Each point is an estimate object with its own date and K. */
	expect_keys(json_array_get(points, 0), estimate_keys);
	CU_ASSERT_STRING_EQUAL(str_member(json_array_get(points, 0), "at"), "2021-11-24");
	CU_ASSERT_STRING_EQUAL(str_member(json_array_get(points, 0), "known_on"), "2021-11-24");
	CU_ASSERT_EQUAL(int_member(json_array_get(points, 0), "best"), 50000);
	CU_ASSERT_STRING_EQUAL(str_member(json_array_get(points, 1), "at"), "2021-12-01");
	CU_ASSERT_STRING_EQUAL(str_member(json_array_get(points, 1), "known_on"), "2021-12-01");
	CU_ASSERT_EQUAL(int_member(json_array_get(points, 1), "best"), 90000);
	/* By default a point keeps its counted contributions only (c1, c2,
	 * c3) and counts its pairs without listing them. */
	CU_ASSERT_EQUAL(json_array_size(json_object_get(json_array_get(points, 1), "contributions")), 3);
	CU_ASSERT_EQUAL(int_member(json_array_get(points, 1), "pairs"), 1);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(json_array_get(points, 1), "disagreements")), 0);
	json_t *alerts = json_object_get(o, "alerts");
	CU_ASSERT_EQUAL_FATAL(json_array_size(alerts), 1);
	json_t *al = json_array_get(alerts, 0);
	expect_keys(al, "from to change relative claims");
	CU_ASSERT_STRING_EQUAL(str_member(al, "from"), "2021-11-24");
	CU_ASSERT_STRING_EQUAL(str_member(al, "to"), "2021-12-01");
	CU_ASSERT_EQUAL(int_member(al, "change"), 40000);
	CU_ASSERT_DOUBLE_EQUAL(json_number_value(json_object_get(al, "relative")), 0.8, 1e-12);
	json_t *moved = json_object_get(al, "claims");
	CU_ASSERT_EQUAL_FATAL(json_array_size(moved), 3);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(moved, 0)), "c1");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(moved, 2)), "c3");
	json_decref(o);
	ft_free(text);
	ft_timeline_clear(&tl);

	/* The other two knowledges: hindsight (no K anywhere: the points know
	 * what the dataset knows now), and one fixed K for every point. At
	 * K = 11-30 nothing reported on 12-01 is known: 50,000 on both days. */
	static const struct {
		int hindsight;
		const char *known_on, *knowledge;
		json_int_t best1;
	} other[] = {{1, NULL, "hindsight", 90000}, {0, "2021-11-30", "fixed", 50000}};
	for (size_t k = 0; k < G_N_ELEMENTS(other); k++) {
		ft_timeline_options to = FT_TIMELINE_OPTIONS_INIT;
		to.from = tm("2021-11-24");
		to.to = tm("2021-12-01");
		to.hindsight = other[k].hindsight;
		if (other[k].known_on)
			to.estimate.known_on = tm(other[k].known_on);
		ft_timeline t2 = FT_TIMELINE_INIT;
		CU_ASSERT_EQUAL_FATAL(ft_timeline_compute(ds, ft_dataset_find_actor(ds, "RU"),
		                                          ft_dataset_find_region(ds, "border"), NULL, &to,
		                                          &t2, &err),
		                      0);
		text = ft_timeline_render_json(&t2, NULL, &err);
		o = parse(text);
		CU_ASSERT_STRING_EQUAL(str_member(o, "knowledge"), other[k].knowledge);
		points = json_object_get(o, "points");
		CU_ASSERT_EQUAL_FATAL(json_array_size(points), 2);
		if (other[k].known_on) {
			CU_ASSERT_STRING_EQUAL(str_member(o, "known_on"), other[k].known_on);
			CU_ASSERT_STRING_EQUAL(str_member(json_array_get(points, 1), "known_on"),
			                       other[k].known_on);
		} else {
			CU_ASSERT(json_is_null(json_object_get(o, "known_on")));
			CU_ASSERT(json_is_null(json_object_get(json_array_get(points, 1), "known_on")));
		}
		CU_ASSERT_EQUAL(int_member(json_array_get(points, 1), "best"), other[k].best1);
		json_decref(o);
		ft_free(text);
		ft_timeline_clear(&t2);
	}
	ft_dataset_free(ds);
}

/*
 * Figures in words (report.h, ft_estimate_format), each worked out by
 * hand from docs/estimation.md:
 *   (RU, border) of a small world, from its parts and own claim:
 *     crimea: at least 20,000 (A 1): 20,000 (20,000-20,000), open above;
 *     north: n1 exactly 10,000 (A 1, 1.0), n2 up to 28,000 (B 1, 0.8):
 *       entries open below (0.8), 10,000 (1.0) twice, 28,000 (0.8); W =
 *       1.8 = the running sum at the first 10,000, next 10,000: 10,000;
 *       both current: 10,000-28,000, not open;
 *     parts: 30,000 (30,000-48,000), open above (crimea is);
 *     own: 35,000-45,000 (A 1): (35,000 + 45,000 + 1) / 2 = 40,000;
 *     total: best 40,000 and low 35,000 from own, high max(45,000,
 *       48,000) = 48,000 from the parts, open above:
 *       "40,000 (range 35,000-48,000+), open above".
 *   The example dataset, section 10 (iii): (a) one claim, at least 92,000:
 *     "92,000 or more"; (b) one claim, about 94,000: "about 94,000
 *     (84,600-103,400)"; (c) two claims, 94,300 (0-175,000), open below:
 *     "94,300 (range up to 175,000), open below"; (d) one claim, about
 *     125,000: "about 125,000 (112,500-137,500)".
 *   Section 10 (ii): "43,000 (range 36,000-44,000), NOT CREDIBLE".
 *   Up to 13,000 alone: "up to 13,000".
 */
static const char formats_text[] =
    "{'forcetrack': '1.0',"
    " 'actors': [{'id': 'RU', 'name': 'Russia'}],"
    " 'regions': [{'id': 'border', 'name': 'Border'},"
    "  {'id': 'crimea', 'name': 'Crimea', 'parent': 'border'},"
    "  {'id': 'north', 'name': 'North', 'parent': 'border'},"
    "  {'id': 'UA', 'name': 'Ukraine'},"
    "  {'id': 'donbas', 'name': 'Donbas', 'parent': 'UA'},"
    "  {'id': 'east', 'name': 'East', 'parent': 'UA'},"
    "  {'id': 'south', 'name': 'South'}],"
    " 'sources': [{'id': 'a', 'name': 'Source A', 'reliability': 'A'},"
    "  {'id': 'b', 'name': 'Source B', 'reliability': 'B'},"
    "  {'id': 'c', 'name': 'Source C', 'reliability': 'C'},"
    "  {'id': 'e', 'name': 'Source E', 'reliability': 'E'}],"
    " 'claims': ["
    "  {'id': 'f1', 'source': 'a', 'subject': 'RU', 'region': 'crimea', 'value': 20000,"
    "   'qualifier': 'at-least', 'credibility': 1, 'reported': '2021-12-01'},"
    "  {'id': 'f2', 'source': 'a', 'subject': 'RU', 'region': 'north', 'value': 10000,"
    "   'credibility': 1, 'reported': '2021-12-01'},"
    "  {'id': 'f3', 'source': 'b', 'subject': 'RU', 'region': 'north', 'value': 28000,"
    "   'qualifier': 'at-most', 'credibility': 1, 'reported': '2021-12-01'},"
    "  {'id': 'f4', 'source': 'a', 'subject': 'RU', 'region': 'border', 'low': 35000, 'high': 45000,"
    "   'credibility': 1, 'reported': '2021-12-01'},"
    "  {'id': 'g1', 'source': 'c', 'subject': 'RU', 'region': 'donbas', 'value': 30000,"
    "   'qualifier': 'at-least', 'credibility': 2, 'reported': '2021-12-01'},"
    "  {'id': 'g2', 'source': 'e', 'subject': 'RU', 'region': 'east', 'value': 13000,"
    "   'qualifier': 'at-most', 'credibility': 6, 'reported': '2021-12-01'},"
    "  {'id': 'g3', 'source': 'b', 'subject': 'RU', 'region': 'UA', 'value': 40000,"
    "   'qualifier': 'approx', 'credibility': 2, 'reported': '2021-12-01'},"
    "  {'id': 'h1', 'source': 'c', 'subject': 'RU', 'region': 'south', 'value': 13000,"
    "   'qualifier': 'at-most', 'credibility': 2, 'reported': '2021-12-01'}]}";

/* ft_estimate_format of `region` (RU) at 2021-12-01 in `ds`. */
static void expect_format(const ft_dataset *ds, const char *actor, const char *region, const char *at,
                          const char *known_on, int projections, const char *want)
{
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	o.at = tm(at);
	if (known_on)
		o.known_on = tm(known_on);
	o.include_projections = projections;
	ft_estimate e = FT_ESTIMATE_INIT;
	ft_error err;
	CU_ASSERT_EQUAL_FATAL(ft_estimate_compute(ds, ft_dataset_find_actor(ds, actor),
	                                          ft_dataset_find_region(ds, region), NULL, &o, &e, &err),
	                      0);
	char buf[256];
	size_t n = ft_estimate_format(&e, buf, sizeof buf);
	if (strcmp(buf, want) != 0)
		fprintf(stderr, "\n    %s in %s at %s: \"%s\", expected \"%s\"", actor, region, at, buf,
		        want);
	CU_ASSERT_STRING_EQUAL(buf, want);
	CU_ASSERT_EQUAL(n, strlen(want));
	/* The text report says it too. */
	char *text = ft_estimate_render_text(&e, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	if (!strstr(text, want))
		fprintf(stderr, "\n    the text report lacks \"%s\":\n%s", want, text);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, want));
	ft_free(text);
	ft_estimate_clear(&e);
}

static void test_figures_in_words(void)
{
	char *json = g_strdup(formats_text);
	for (char *p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer(json, strlen(json), "formats.json", NULL, &err);
	g_free(json);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	expect_format(ds, "RU", "border", "2021-12-01", NULL, 0, "40,000 (range 35,000-48,000+), open above");
	expect_format(ds, "RU", "UA", "2021-12-01", NULL, 0, "43,000 (range 36,000-44,000), NOT CREDIBLE");
	expect_format(ds, "RU", "south", "2021-12-01", NULL, 0, "up to 13,000");

	/* A part's total in the same words: (RU, UA)'s is the estimate's. */
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	o.at = tm("2021-12-01");
	ft_estimate e = FT_ESTIMATE_INIT;
	CU_ASSERT_EQUAL_FATAL(ft_estimate_compute(ds, ft_dataset_find_actor(ds, "RU"),
	                                          ft_dataset_find_region(ds, "UA"), NULL, &o, &e, &err),
	                      0);
	char buf[256];
	CU_ASSERT_TRUE_FATAL(ft_estimate_part_count(&e) >= 1);
	ft_estimate_part_format(ft_estimate_part_at(&e, 0), 0, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "43,000 (range 36,000-44,000), NOT CREDIBLE");
	/* Measuring: NULL with size 0 gives the length; a short buffer holds
	 * what fits and the final NUL. */
	CU_ASSERT_EQUAL(ft_estimate_format(&e, NULL, 0),
	                strlen("43,000 (range 36,000-44,000), NOT CREDIBLE"));
	char small[7];
	CU_ASSERT_EQUAL(ft_estimate_format(&e, small, sizeof small),
	                strlen("43,000 (range 36,000-44,000), NOT CREDIBLE"));
	CU_ASSERT_STRING_EQUAL(small, "43,000");
	ft_estimate_clear(&e);
	/* No estimate, and NULL: "no estimate". */
	o.at = tm("2021-06-01");
	CU_ASSERT_EQUAL_FATAL(ft_estimate_compute(ds, ft_dataset_find_actor(ds, "RU"),
	                                          ft_dataset_find_region(ds, "UA"), NULL, &o, &e, &err),
	                      0);
	ft_estimate_format(&e, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "no estimate");
	ft_estimate_format(NULL, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "no estimate");
	ft_estimate_clear(&e);
	ft_dataset_free(ds);

	char *path = ft_test_source_path("examples/data/buildup-2021-12.json");
	ds = ft_dataset_load_file(path, NULL, &err);
	g_free(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	expect_format(ds, "RU", "ua-border", "2021-12-01", "2021-11-30", 0, "92,000 or more");
	expect_format(ds, "RU", "ua-border", "2021-12-01", NULL, 0, "about 94,000 (84,600-103,400)");
	expect_format(ds, "RU", "ua-border", "2022-01-15", NULL, 1,
	              "94,300 (range up to 175,000), open below");
	expect_format(ds, "UA", "UA", "2021-12-01", NULL, 0, "about 125,000 (112,500-137,500)");
	/* (UA, UA) has no own figure: its part 0's own is "none". */
	o.at = tm("2021-12-01");
	CU_ASSERT_EQUAL_FATAL(ft_estimate_compute(ds, ft_dataset_find_actor(ds, "UA"),
	                                          ft_dataset_find_region(ds, "UA"), NULL, &o, &e, &err),
	                      0);
	CU_ASSERT_TRUE_FATAL(ft_estimate_part_count(&e) >= 1);
	ft_estimate_part_format(ft_estimate_part_at(&e, 0), 1, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "none");
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* report.h: a stance in words. */
static void test_stance_phrase(void)
{
	CU_ASSERT_STRING_EQUAL(ft_stance_phrase(FT_STANCE_OWN_SIDE), "speaking of its own side");
	CU_ASSERT_STRING_EQUAL(ft_stance_phrase(FT_STANCE_ADVERSARY), "speaking of its adversary");
	CU_ASSERT_STRING_EQUAL(ft_stance_phrase(FT_STANCE_THIRD_PARTY), "a third party");
	CU_ASSERT_PTR_NULL(ft_stance_phrase((ft_stance)99));
}

/* The write functions put on the stream exactly what the render
 * functions return. */
static void test_stream_and_string_agree(void)
{
	ft_dataset *ds = load();
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate e = FT_ESTIMATE_INIT;
	ft_timeline tl = FT_TIMELINE_INIT;
	compute(ds, NULL, &e);
	compute_timeline(ds, &tl);
	ft_render_options ro = FT_RENDER_OPTIONS_INIT;
	ro.note = "a note";
	ft_error err;
	for (int kind = 0; kind < 4; kind++) {
		FILE *fp = tmpfile();
		CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
		char *s = NULL;
		int rc = -1;
		switch (kind) {
		case 0:
			rc = ft_estimate_write_text(&e, &ro, fp, &err);
			s = ft_estimate_render_text(&e, &ro, &err);
			break;
		case 1:
			rc = ft_estimate_write_json(&e, &ro, fp, &err);
			s = ft_estimate_render_json(&e, &ro, &err);
			break;
		case 2:
			rc = ft_timeline_write_text(&tl, &ro, fp, &err);
			s = ft_timeline_render_text(&tl, &ro, &err);
			break;
		default:
			rc = ft_timeline_write_json(&tl, &ro, fp, &err);
			s = ft_timeline_render_json(&tl, &ro, &err);
			break;
		}
		CU_ASSERT_EQUAL(rc, 0);
		char *written = read_back(fp);
		CU_ASSERT_PTR_NOT_NULL_FATAL(s);
		CU_ASSERT(strlen(s) > 100);
		CU_ASSERT_STRING_EQUAL(written, s);
		g_free(written);
		ft_free(s);
		fclose(fp);
	}
	ft_timeline_clear(&tl);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_errors(void)
{
	ft_dataset *ds = load();
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate e = FT_ESTIMATE_INIT;
	ft_timeline tl = FT_TIMELINE_INIT;
	ft_error err;
	/* Nothing computed yet, or NULL. */
	CU_ASSERT_PTR_NULL(ft_estimate_render_text(&e, NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	CU_ASSERT_EQUAL(ft_estimate_write_json(NULL, NULL, stdout, &err), FT_EINVAL);
	CU_ASSERT_PTR_NULL(ft_timeline_render_json(&tl, NULL, &err));
	CU_ASSERT_EQUAL(ft_timeline_write_text(NULL, NULL, stdout, NULL), FT_EINVAL);
	compute(ds, NULL, &e);
	/* A NULL stream. */
	CU_ASSERT_EQUAL(ft_estimate_write_text(&e, NULL, NULL, &err), FT_EINVAL);
	CU_ASSERT_EQUAL(strncmp(err.text, "ft_estimate_write_text: ", 24), 0);
	/* Options of version 0 or too new. */
	ft_render_options ro = FT_RENDER_OPTIONS_INIT;
	ro.version = 0;
	CU_ASSERT_PTR_NULL(ft_estimate_render_json(&e, &ro, &err));
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "FT_RENDER_OPTIONS_INIT"));
	ro.version = FT_RENDER_OPTIONS_VERSION + 1;
	CU_ASSERT_EQUAL(ft_estimate_write_text(&e, &ro, stdout, &err), FT_EINVAL);
	ft_render_options_init(&ro);
	CU_ASSERT_EQUAL(ro.version, FT_RENDER_OPTIONS_VERSION);
	CU_ASSERT_PTR_NULL(ro.note);
	ft_render_options_init(NULL);
	/* A stream that refuses writing. */
	FILE *ro_fp = fopen("/dev/null", "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ro_fp);
	CU_ASSERT_EQUAL(ft_estimate_write_text(&e, NULL, ro_fp, &err), FT_EIO);
	CU_ASSERT_EQUAL(err.code, FT_EIO);
	fclose(ro_fp);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static const ft_test tests[] = {
    {"estimate as text", test_estimate_text},
    {"estimate as JSON", test_estimate_json},
    {"estimate as JSON: C1 and bidi controls escaped", test_estimate_json_escapes_controls},
    {"timeline as text and JSON", test_timeline},
    {"stream and string agree", test_stream_and_string_agree},
    {"errors", test_errors},
    {"figures in words", test_figures_in_words},
    {"stances in words", test_stance_phrase},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("report", tests);
}
