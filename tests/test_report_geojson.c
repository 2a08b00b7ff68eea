/*
 * Tests for the GeoJSON export (report/geojson.c): a FeatureCollection
 * with one feature per situation report entry whose region has a
 * geometry, none for the others, the region's geometry as the dataset
 * holds it, integer figures (null without an estimate), the report's day
 * as start and end date-times, and a series' features date by date. The
 * output is parsed back with Jansson; the hostile dataset's names must
 * come back as they were, with no markup, C1, bidirectional control or
 * line separator left raw in the text. The example collections are
 * compared byte for byte with their golden files in tests/data/reports/.
 */
#include <glib.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcetrack.h"
#include "report-util.h"
#include "test-util.h"

#define BUILDUP "examples/data/buildup-2021-12.json"
#define SPRING  "examples/data/spring-2021.json"
#define HOSTILE "tests/data/reports/hostile.json"

static char *render(const ft_situation *s)
{
	ft_error err;
	char *text = ft_situation_render(s, FT_FORMAT_GEOJSON, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	return text;
}

/* The collection's features, parsed (json_decref the collection). */
static json_t *parse(const char *text, json_t **features)
{
	json_error_t error;
	json_t *doc = json_loads(text, JSON_REJECT_DUPLICATES, &error);
	if (!doc)
		fprintf(stderr, "\n    not JSON: %s at line %d\n", error.text, error.line);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(doc, "type")), "FeatureCollection");
	*features = json_object_get(doc, "features");
	CU_ASSERT_FATAL(json_is_array(*features));
	return doc;
}

/* The feature whose id is `id`, or NULL. */
static json_t *feature(json_t *features, const char *id)
{
	size_t i;
	json_t *f;
	json_array_foreach (features, i, f)
		if (strcmp(json_string_value(json_object_get(f, "id")), id) == 0)
			return f;
	return NULL;
}

static json_t *prop(json_t *f, const char *key)
{
	return json_object_get(json_object_get(f, "properties"), key);
}

static json_int_t int_prop(json_t *f, const char *key)
{
	json_t *v = prop(f, key);
	CU_ASSERT(json_is_integer(v));
	return json_integer_value(v);
}

/* The feature holds the geometry of region `id` as the dataset has it. */
static void expect_geometry(const ft_dataset *ds, json_t *f, const char *id)
{
	ft_region_desc d = FT_REGION_DESC_INIT;
	ft_region_describe(ft_dataset_find_region(ds, id), &d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d.geometry);
	json_t *want = json_loads(d.geometry, 0, NULL);
	CU_ASSERT(json_equal(json_object_get(f, "geometry"), want));
	json_decref(want);
}

static const char *const property_keys[] = {
    "region", "region_name", "actor",      "actor_name", "measure",  "best",
    "low",    "high",        "open_below", "open_above", "credible", "contested",
    "pairs",  "voices",      "claims",     "start",      "end",      "known_on",
};

/*
 * The example dataset on 2021-12-03: its entries are in ua-border, UA and
 * donbas, none of which has a geometry (only crimea has one, and no claim
 * is about crimea): an empty collection, and three regions left out.
 */
static void test_example(void)
{
	ft_dataset *ds = NULL;
	ft_situation *s = report_open(BUILDUP, "2021-12-03", NULL, &ds);
	CU_ASSERT_EQUAL(ft_situation_entry_count(s), 4);
	CU_ASSERT_EQUAL(ft_situation_regions_without_geometry(s), 3);
	char *text = render(s);
	report_golden("buildup-2021-12.geojson", text);
	json_t *features;
	json_t *doc = parse(text, &features);
	CU_ASSERT_EQUAL(json_array_size(features), 0);
	json_decref(doc);
	ft_free(text);
	ft_situation_free(s);
	ft_dataset_free(ds);
}

/*
 * The hostile dataset on 2021-12-03: entries of RU in border, in sub
 * (under border) and in nogeo (under border, without a geometry): two
 * features. In sub, c1 alone, "about 94,000": 84,600-103,400 (10% either
 * way), one voice, one claim. In border, the roll-up, checked against
 * ft_estimate_compute of the same query.
 */
static void test_features(void)
{
	ft_dataset *ds = NULL;
	ft_situation *s = report_open(HOSTILE, "2021-12-03", NULL, &ds);
	CU_ASSERT_EQUAL(ft_situation_entry_count(s), 3);
	CU_ASSERT_EQUAL(ft_situation_regions_without_geometry(s), 1);
	char *text = render(s);
	json_t *features;
	json_t *doc = parse(text, &features);
	CU_ASSERT_EQUAL_FATAL(json_array_size(features), 2);
	json_t *sub = feature(features, "sub/RU/personnel/2021-12-03");
	json_t *border = feature(features, "border/RU/personnel/2021-12-03");
	CU_ASSERT_PTR_NOT_NULL_FATAL(sub);
	CU_ASSERT_PTR_NOT_NULL_FATAL(border);
	CU_ASSERT_PTR_NULL(strstr(text, "nogeo"));
	/* In report order: border, then sub under it. */
	CU_ASSERT_PTR_EQUAL(json_array_get(features, 0), border);

	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(sub, "type")), "Feature");
	expect_geometry(ds, sub, "sub");
	expect_geometry(ds, border, "border");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_object_get(sub, "geometry"), "type")),
	                       "Polygon");
	/* The properties, in their order. */
	json_t *props = json_object_get(sub, "properties");
	CU_ASSERT_EQUAL_FATAL(json_object_size(props), G_N_ELEMENTS(property_keys));
	void *it = json_object_iter(props);
	for (size_t i = 0; i < G_N_ELEMENTS(property_keys) && it; i++, it = json_object_iter_next(props, it))
		CU_ASSERT_STRING_EQUAL(json_object_iter_key(it), property_keys[i]);

	CU_ASSERT_STRING_EQUAL(json_string_value(prop(sub, "region")), "sub");
	CU_ASSERT_STRING_EQUAL(json_string_value(prop(sub, "actor")), "RU");
	CU_ASSERT_STRING_EQUAL(json_string_value(prop(sub, "measure")), "personnel");
	CU_ASSERT_EQUAL(int_prop(sub, "best"), 94000);
	CU_ASSERT_EQUAL(int_prop(sub, "low"), 84600);
	CU_ASSERT_EQUAL(int_prop(sub, "high"), 103400);
	CU_ASSERT_EQUAL(int_prop(sub, "voices"), 1);
	CU_ASSERT_EQUAL(int_prop(sub, "claims"), 1);
	CU_ASSERT_EQUAL(int_prop(sub, "pairs"), 0);
	CU_ASSERT(json_is_false(prop(sub, "open_below")));
	CU_ASSERT(json_is_false(prop(sub, "open_above")));
	CU_ASSERT(json_is_true(prop(sub, "credible")));
	CU_ASSERT(json_is_false(prop(sub, "contested")));
	/* The report's day from its first to its last second. */
	CU_ASSERT_STRING_EQUAL(json_string_value(prop(sub, "start")), "2021-12-03T00:00:00Z");
	CU_ASSERT_STRING_EQUAL(json_string_value(prop(sub, "end")), "2021-12-03T23:59:59Z");
	CU_ASSERT_STRING_EQUAL(json_string_value(prop(sub, "known_on")), "2021-12-03");

	ft_estimate est = FT_ESTIMATE_INIT;
	report_estimate(ds, "RU", "border", "2021-12-03", &est);
	CU_ASSERT_EQUAL(int_prop(border, "best"), (json_int_t)est.best);
	CU_ASSERT_EQUAL(int_prop(border, "low"), (json_int_t)est.low);
	CU_ASSERT_EQUAL(int_prop(border, "high"), (json_int_t)est.high);
	CU_ASSERT_EQUAL(int_prop(border, "claims"), (json_int_t)est.claims);
	CU_ASSERT_EQUAL(int_prop(border, "voices"), (json_int_t)est.voices);
	ft_estimate_clear(&est);
	json_decref(doc);
	ft_free(text);
	ft_situation_free(s);
	ft_dataset_free(ds);
}

/* Text that is not markup nor a control character, in the raw bytes. */
static void expect_no_raw(const char *text, const char *bytes, const char *what)
{
	if (strstr(text, bytes))
		fprintf(stderr, "\n    %s left raw in the GeoJSON\n", what);
	CU_ASSERT_PTR_NULL(strstr(text, bytes));
}

/*
 * The hostile names come back as they were, but the text holds no <, >
 * or & (map layers end up in web pages), no raw C1 control (U+009B) or
 * bidirectional override (U+202E), and no raw tab or newline: each is an
 * escape that reads back to it.
 */
static void test_escaping(void)
{
	ft_dataset *ds = NULL;
	ft_situation *s = report_open(HOSTILE, "2021-12-03", NULL, &ds);
	char *text = render(s);
	expect_no_raw(text, "<", "<");
	expect_no_raw(text, ">", ">");
	expect_no_raw(text, "&", "&");
	expect_no_raw(text, "\xc2\x9b", "U+009B");
	expect_no_raw(text, "\xe2\x80\xae", "U+202E");
	expect_no_raw(text, "\t", "a tab");
	CU_ASSERT_PTR_NOT_NULL(
	    strstr(text, "\\u003C/svg\\u003E\\u003Csvg onload=alert(1)\\u003E\\tzone\\nline2"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\\u0007bell \\u009B31m \\u202Eevil"));
	json_t *features;
	json_t *doc = parse(text, &features);
	json_t *border = feature(features, "border/RU/personnel/2021-12-03");
	json_t *sub = feature(features, "sub/RU/personnel/2021-12-03");
	CU_ASSERT_PTR_NOT_NULL_FATAL(border);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sub);
	CU_ASSERT_STRING_EQUAL(json_string_value(prop(border, "region_name")),
	                       "</svg><svg onload=alert(1)>\tzone\nline2");
	CU_ASSERT_STRING_EQUAL(json_string_value(prop(border, "actor_name")),
	                       "<script>alert(1)</script> & \"Russia\" 'x'");
	CU_ASSERT_STRING_EQUAL(json_string_value(prop(sub, "region_name")), "+cmd|' /C calc'!A0 \a"
	                                                                    "bell \xc2\x9b"
	                                                                    "31m \xe2\x80\xae"
	                                                                    "evil");
	json_decref(doc);
	ft_free(text);
	ft_situation_free(s);
	ft_dataset_free(ds);
}

/* U+2028 and U+2029 end a line in JavaScript: a collection pasted into a
 * script must not hold them raw. */
static void test_line_separators(void)
{
	static const char text[] =
	    "{\"forcetrack\": \"1.0\", \"actors\": [{\"id\": \"A\", \"name\": \"a\\u2028b\\u2029c\\u0001d\"}],"
	    " \"regions\": [{\"id\": \"R\", \"name\": \"R\", \"geometry\": {\"type\": \"Point\", \"coordinates\":"
	    " [30.5, 50.25]}}], \"sources\": [{\"id\": \"s\", \"name\": \"s\"}],"
	    " \"claims\": [{\"id\": \"c\", \"source\": \"s\", \"subject\": \"A\", \"region\": \"R\", \"value\": 7,"
	    " \"reported\": \"2021-01-01\"}]}";
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer(text, strlen(text), "separators.json", NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_situation *s = report_situation(ds, "2021-01-01", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	char *out = render(s);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"actor_name\": \"a\\u2028b\\u2029c\\u0001d\""));
	expect_no_raw(out, "\xe2\x80\xa8", "U+2028");
	expect_no_raw(out, "\xe2\x80\xa9", "U+2029");
	/* The point as the dataset wrote it, and the exact figure 7. */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"coordinates\": [30.5, 50.25]"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"best\": 7,"));
	ft_free(out);
	ft_situation_free(s);
	ft_dataset_free(ds);
}

/*
 * The hostile dataset on 2021-11-15, as known on 2021-12-03: c1 (sub) was
 * observed on 2021-12-01, after that day, so sub has no estimate: best,
 * low and high are null, no voice, no claim; border has c3 (60,000 to
 * 70,000, observed 11-10).
 */
static void test_no_estimate(void)
{
	ft_dataset *ds = NULL;
	ft_situation *s = report_open(HOSTILE, "2021-11-15", "2021-12-03", &ds);
	char *text = render(s);
	json_t *features;
	json_t *doc = parse(text, &features);
	json_t *sub = feature(features, "sub/RU/personnel/2021-11-15");
	CU_ASSERT_PTR_NOT_NULL_FATAL(sub);
	CU_ASSERT(json_is_null(prop(sub, "best")));
	CU_ASSERT(json_is_null(prop(sub, "low")));
	CU_ASSERT(json_is_null(prop(sub, "high")));
	CU_ASSERT_EQUAL(int_prop(sub, "voices"), 0);
	CU_ASSERT_EQUAL(int_prop(sub, "claims"), 0);
	CU_ASSERT(json_is_true(prop(sub, "credible")));
	CU_ASSERT_STRING_EQUAL(json_string_value(prop(sub, "known_on")), "2021-12-03");
	CU_ASSERT_STRING_EQUAL(json_string_value(prop(sub, "start")), "2021-11-15T00:00:00Z");
	json_t *border = feature(features, "border/RU/personnel/2021-11-15");
	CU_ASSERT_PTR_NOT_NULL_FATAL(border);
	CU_ASSERT(json_is_integer(prop(border, "best")));
	json_decref(doc);
	ft_free(text);
	ft_situation_free(s);
	ft_dataset_free(ds);
}

/*
 * A series: the spring dataset every 7 days from 2021-04-05 to 2021-04-26,
 * each as known on its day. Its one region with a geometry is crimea, with
 * claims about RU's personnel: a feature a date, in date order, each with
 * its own day and the figure of that day's report. On 04-05 that is
 * Khomchak's "about 32,700" of 03-30, alone: 29,430-35,970.
 */
static void test_series(void)
{
	static const char *const days[] = {"2021-04-05", "2021-04-12", "2021-04-19", "2021-04-26"};
	ft_dataset *ds = report_load(SPRING);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	const ft_situation *series[G_N_ELEMENTS(days)];
	for (size_t k = 0; k < G_N_ELEMENTS(days); k++) {
		series[k] = report_situation(ds, days[k], NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(series[k]);
	}
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
	ft_error err;
	CU_ASSERT_EQUAL(
	    ft_situation_series_write(series, G_N_ELEMENTS(days), FT_FORMAT_GEOJSON, NULL, mem, &err), 0);
	fclose(mem);
	report_golden("spring-2021.geojson", text);
	json_t *features;
	json_t *doc = parse(text, &features);
	CU_ASSERT_EQUAL_FATAL(json_array_size(features), G_N_ELEMENTS(days));
	for (size_t k = 0; k < G_N_ELEMENTS(days); k++) {
		json_t *f = json_array_get(features, k);
		char *id = g_strdup_printf("crimea/RU/personnel/%s", days[k]);
		char *start = g_strdup_printf("%sT00:00:00Z", days[k]);
		char *end = g_strdup_printf("%sT23:59:59Z", days[k]);
		CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(f, "id")), id);
		CU_ASSERT_STRING_EQUAL(json_string_value(prop(f, "start")), start);
		CU_ASSERT_STRING_EQUAL(json_string_value(prop(f, "end")), end);
		expect_geometry(ds, f, "crimea");
		/* The figure of entry crimea in that day's report. */
		size_t i = 0;
		while (i < ft_situation_entry_count(series[k]) &&
		       strcmp(ft_region_id(ft_situation_entry_at(series[k], i)->region), "crimea") != 0)
			i++;
		ft_estimate est = FT_ESTIMATE_INIT;
		CU_ASSERT_EQUAL_FATAL(ft_situation_estimate(series[k], i, 0, &est, &err), 0);
		CU_ASSERT_EQUAL(int_prop(f, "best"), (json_int_t)est.best);
		CU_ASSERT_EQUAL(int_prop(f, "low"), (json_int_t)est.low);
		CU_ASSERT_EQUAL(int_prop(f, "high"), (json_int_t)est.high);
		ft_estimate_clear(&est);
		g_free(id);
		g_free(start);
		g_free(end);
	}
	json_t *first = json_array_get(features, 0);
	CU_ASSERT_EQUAL(int_prop(first, "best"), 32700);
	CU_ASSERT_EQUAL(int_prop(first, "low"), 29430);
	CU_ASSERT_EQUAL(int_prop(first, "high"), 35970);
	json_decref(doc);
	free(text);
	for (size_t k = 0; k < G_N_ELEMENTS(days); k++)
		ft_situation_free((ft_situation *)(uintptr_t)series[k]);
	ft_dataset_free(ds);
}

/* GeoJSON is of situation reports only: a timeline has none (nor have
 * the claims, which test_report_csv.c checks). */
static void test_formats(void)
{
	ft_dataset *ds = report_load(SPRING);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_error err;
	ft_timeline tl = FT_TIMELINE_INIT;
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	o.from = report_time("2021-04-01");
	o.to = report_time("2021-04-30");
	CU_ASSERT_EQUAL_FATAL(ft_timeline_compute(ds, ft_dataset_find_actor(ds, "RU"),
	                                          ft_dataset_find_region(ds, "crimea"), NULL, &o, &tl, &err),
	                      0);
	CU_ASSERT_PTR_NULL(ft_timeline_render(&tl, FT_FORMAT_GEOJSON, NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "no geojson for a timeline"));
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

static const ft_test tests[] = {
    {"the example: no region with a geometry", test_example},
    {"a feature per region with a geometry", test_features},
    {"escaping", test_escaping},
    {"line separators", test_line_separators},
    {"no estimate: null figures", test_no_estimate},
    {"a series, date by date", test_series},
    {"formats", test_formats},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("report_geojson", tests);
}
