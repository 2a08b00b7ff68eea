/*
 * Tests for the reports (report/text.c, report/json.c): the text and the
 * JSON of an estimate and of a timeline of one small dataset, worked out
 * by hand from docs/estimation.md and written out in full below, so that a
 * change to either shape shows here first (test_cli.c checks the same
 * shapes through the program). The JSON is parsed back with Jansson; the
 * FILE and string variants must give the same bytes; text from the
 * dataset must reach the text without its control characters.
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
 * 2021-12-01, everything known, RU in border, personnel:
 *   c0  a  50,000, observed 11-20, cred 1   same-voice (c1 is later)
 *        weight 1.0 x 0.5^(10/30) = 0.794 (age 12-01 - 11-21 = 10 days)
 *   c1  a  about 100,000, cred 1            counted, 90,000-110,000, 1.0
 *   c2  b  80,000, cred 2                   counted, 0.8 x 0.8 = 0.64, adversary
 *   c3  a  20,000 in crimea, cred 1         counted at (RU, crimea), 1.0
 *   c4  b  a denial                         denial, weight 0.8 x 0.5 = 0.4
 * (RU, border): centrals 80,000 (0.64) and 100,000 (1.0), W/2 = 0.82 is
 * reached at 100,000; low min(90,000, 80,000) = 80,000, high 110,000; c1
 * and c2 do not overlap: contested, one pair. (RU, crimea): 20,000. Total:
 * 100,000 (80,000-110,000); 3 claims, voices a and b.
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

/* The table's columns are as wide as their widest cell: claim 5, node 9,
 * source 19 ("Ministry of Defence"), stance 11, status 10, weight 6
 * (right-aligned), figure 13. */
static const char estimate_text[] =
    "RU in border, personnel, at 2021-12-01 (known on: everything)\n"
    "best 100,000 (range 80,000-110,000)\n"
    "2 voices, 3 claims counted; method weighted, with roll-up\n"
    "CONTESTED: 1 pair of independent voices disagree\n"
    "  c1 (Source A) vs c2 (Ministry of Defence)\n"
    "parts:\n"
    "  RU in border  own 100,000 (range 80,000-110,000); total 100,000 (range 80,000-110,000)\n"
    "  RU in crimea  own 20,000 (range 20,000-20,000); total 20,000 (range 20,000-20,000)\n"
    "contributions:\n"
    "  claim  node       source (voice)       stance       status      weight  figure         rule\n"
    "  c0     RU/border  Source A             third-party  same-voice   0.794  50,000         outvoted by c1, a later claim of the same voice (a)\n"
    "  c1     RU/border  Source A             third-party  counted      1.000  about 100,000  votes 100,000; about: 90,000-110,000\n"
    "  c2     RU/border  Ministry of Defence  adversary    counted      0.640  80,000         votes 80,000 (exact)\n"
    "  c3     RU/crimea  Source A             third-party  counted      1.000  20,000         votes 20,000 (exact); counted at RU in crimea\n"
    "  c4     RU/border  Ministry of Defence  adversary    denial       0.400  no figure      a denial states no figure\n";

/*
 * From 11-24 to 12-01 by 7 days: 11-24, 12-01. On 11-24 only c0 is
 * observed: 50,000, one voice. On 12-01 the estimate above. Window 30
 * days: point 1 against point 0, +50,000 > 10% of 50,000: an alert, +100%,
 * with the claims counted on 12-01 and not on 11-24: c1, c2, c3.
 */
static const char timeline_text[] =
    "RU in border, personnel, from 2021-11-24 to 2021-12-01 every 7 days (known on: everything)\n"
    "alerts: best moves by more than 10% within 30 days\n"
    "2021-11-24   50,000  (range 50,000-50,000)   1 voice\n"
    "2021-12-01  100,000  (range 80,000-110,000)  2 voices  CONTESTED  ALERT\n"
    "alerts:\n"
    "  2021-11-24 to 2021-12-01: +50,000 (+100.0%), 50,000 to 100,000; 3 claims moved it\n"
    "    c1  about 100,000  Source A\n"
    "    c2  80,000         Ministry of Defence\n"
    "    c3  20,000         Source A\n";

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

/* Says where two texts first differ, then asserts they are equal. */
static void expect_text(const char *got, const char *want)
{
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	if (strcmp(got, want) != 0) {
		size_t i = 0;
		while (got[i] && got[i] == want[i])
			i++;
		fprintf(stderr, "\n    texts differ at byte %zu:\n--- got:\n%s--- expected:\n%s", i, got,
		        want);
	}
	CU_ASSERT_STRING_EQUAL(got, want);
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

static void test_estimate_text(void)
{
	ft_dataset *ds = load();
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate e = FT_ESTIMATE_INIT;
	compute(ds, NULL, &e);
	ft_error err;
	char *text = ft_estimate_render_text(&e, NULL, &err);
	expect_text(text, estimate_text);
	ft_free(text);

	/* A note goes under the heading, on its own line, made safe for a
	 * terminal like the dataset's text. */
	ft_render_options ro = FT_RENDER_OPTIONS_INIT;
	ro.note = "(chosen \x1b]0;a title\x07"
	          "for you)";
	text = ft_estimate_render_text(&e, &ro, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT(g_str_has_prefix(text, "RU in border, personnel, at 2021-12-01 (known on: everything)\n"
	                                 "(chosen for you)\n"
	                                 "best 100,000 (range 80,000-110,000)\n"));
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

static const char estimate_keys[] = "actor region measure at known_on method best low high claims voices "
                                    "contested inconsistent disagreements contributions parts";
static const char contribution_keys[] =
    "claim source voice weight status stance credible low high central rule";

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
	CU_ASSERT_EQUAL(int_member(o, "best"), 100000);
	CU_ASSERT_EQUAL(int_member(o, "low"), 80000);
	CU_ASSERT_EQUAL(int_member(o, "high"), 110000);
	CU_ASSERT_EQUAL(int_member(o, "claims"), 3);
	CU_ASSERT_EQUAL(int_member(o, "voices"), 2);
	CU_ASSERT(json_is_true(json_object_get(o, "contested")));
	CU_ASSERT(json_is_false(json_object_get(o, "inconsistent")));
	json_t *pairs = json_object_get(o, "disagreements");
	CU_ASSERT_EQUAL_FATAL(json_array_size(pairs), 1);
	CU_ASSERT_STRING_EQUAL(str_member(json_array_get(pairs, 0), "a"), "c1");
	CU_ASSERT_STRING_EQUAL(str_member(json_array_get(pairs, 0), "b"), "c2");

	json_t *cs = json_object_get(o, "contributions");
	CU_ASSERT_EQUAL_FATAL(json_array_size(cs), 5);
	static const char *const ids[] = {"c0", "c1", "c2", "c3", "c4"};
	static const char *const statuses[] = {"same-voice", "counted", "counted", "counted", "denial"};
	static const char *const stances[] = {"third-party", "third-party", "adversary", "third-party",
	                                      "adversary"};
	static const double weights[] = {0.793700525984, 1.0, 0.64, 1.0, 0.4};
	for (size_t i = 0; i < 5; i++) {
		json_t *c = json_array_get(cs, i);
		expect_keys(c, contribution_keys);
		CU_ASSERT_STRING_EQUAL(str_member(c, "claim"), ids[i]);
		CU_ASSERT_STRING_EQUAL(str_member(c, "status"), statuses[i]);
		CU_ASSERT_STRING_EQUAL(str_member(c, "stance"), stances[i]);
		CU_ASSERT_DOUBLE_EQUAL(json_number_value(json_object_get(c, "weight")), weights[i], 1e-9);
		CU_ASSERT(json_is_true(json_object_get(c, "credible")));
		CU_ASSERT(json_is_string(json_object_get(c, "rule")));
	}
	/* c1: about 100,000 is 90,000-110,000 around 100,000; its source is
	 * its voice. c4, a denial, states no side and no central figure. */
	json_t *c1 = json_array_get(cs, 1);
	CU_ASSERT_EQUAL(int_member(c1, "low"), 90000);
	CU_ASSERT_EQUAL(int_member(c1, "high"), 110000);
	CU_ASSERT_EQUAL(int_member(c1, "central"), 100000);
	CU_ASSERT_STRING_EQUAL(str_member(c1, "source"), "a");
	CU_ASSERT_STRING_EQUAL(str_member(c1, "voice"), "a");
	CU_ASSERT_STRING_EQUAL(str_member(c1, "rule"), "votes 100,000; about: 90,000-110,000");
	json_t *c4 = json_array_get(cs, 4);
	CU_ASSERT(json_is_null(json_object_get(c4, "low")));
	CU_ASSERT(json_is_null(json_object_get(c4, "high")));
	CU_ASSERT(json_is_null(json_object_get(c4, "central")));

	json_t *parts = json_object_get(o, "parts");
	CU_ASSERT_EQUAL_FATAL(json_array_size(parts), 2);
	json_t *p1 = json_array_get(parts, 1);
	expect_keys(p1, "actor region own total inconsistent");
	CU_ASSERT_STRING_EQUAL(str_member(p1, "region"), "crimea");
	CU_ASSERT_EQUAL(int_member(json_object_get(p1, "own"), "best"), 20000);
	CU_ASSERT_EQUAL(int_member(json_object_get(json_array_get(parts, 0), "total"), "high"), 110000);
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
	expect_text(text, timeline_text);
	ft_free(text);

	text = ft_timeline_render_json(&tl, NULL, &err);
	json_t *o = parse(text);
	expect_keys(o, "actor region measure known_on method from to step_days window_days threshold points "
	               "alerts");
	CU_ASSERT_STRING_EQUAL(str_member(o, "from"), "2021-11-24");
	CU_ASSERT_STRING_EQUAL(str_member(o, "to"), "2021-12-01");
	CU_ASSERT_EQUAL(int_member(o, "step_days"), 7);
	CU_ASSERT_EQUAL(int_member(o, "window_days"), 30);
	CU_ASSERT_DOUBLE_EQUAL(json_number_value(json_object_get(o, "threshold")), 0.1, 1e-12);
	json_t *points = json_object_get(o, "points");
	CU_ASSERT_EQUAL_FATAL(json_array_size(points), 2);
	/* Each point is an estimate object with its own date. */
	expect_keys(json_array_get(points, 0), estimate_keys);
	CU_ASSERT_STRING_EQUAL(str_member(json_array_get(points, 0), "at"), "2021-11-24");
	CU_ASSERT_EQUAL(int_member(json_array_get(points, 0), "best"), 50000);
	CU_ASSERT_STRING_EQUAL(str_member(json_array_get(points, 1), "at"), "2021-12-01");
	CU_ASSERT_EQUAL(int_member(json_array_get(points, 1), "best"), 100000);
	/* By default a point keeps its counted contributions only: c1, c2, c3. */
	CU_ASSERT_EQUAL(json_array_size(json_object_get(json_array_get(points, 1), "contributions")), 3);
	json_t *alerts = json_object_get(o, "alerts");
	CU_ASSERT_EQUAL_FATAL(json_array_size(alerts), 1);
	json_t *al = json_array_get(alerts, 0);
	expect_keys(al, "from to change relative claims");
	CU_ASSERT_STRING_EQUAL(str_member(al, "from"), "2021-11-24");
	CU_ASSERT_STRING_EQUAL(str_member(al, "to"), "2021-12-01");
	CU_ASSERT_EQUAL(int_member(al, "change"), 50000);
	CU_ASSERT_DOUBLE_EQUAL(json_number_value(json_object_get(al, "relative")), 1.0, 1e-12);
	json_t *moved = json_object_get(al, "claims");
	CU_ASSERT_EQUAL_FATAL(json_array_size(moved), 3);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(moved, 0)), "c1");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(moved, 2)), "c3");
	json_decref(o);
	ft_free(text);
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
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
    {"timeline as text and JSON", test_timeline},
    {"stream and string agree", test_stream_and_string_agree},
    {"errors", test_errors},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("report", tests);
}
