/*
 * Tests for the SVG chart of a timeline (report/svg.c) and the escaping
 * of the markup formats (report/xml.c). The chart of a small timeline is
 * parsed back (test-markup.h) and its geometry checked against
 * coordinates worked out by hand from the scale report/svg.c states: x
 * from the first grid day at 64 to the last at 520, y from 0 at 312 to
 * the top of the count axis at 52. Also: the chart of the example dataset
 * byte for byte (tests/data/reports/buildup-2021-12.svg), a timeline of
 * one point and one without any estimate, the legend of a timeline with
 * many voices, the hostile names of tests/data/reports/hostile.json, and
 * the formats a timeline does not have.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "forcetrack.h"
#include "report/report-private.h"
#include "test-markup.h"
#include "test-util.h"

/*
 * One source, A (reliability A), whose claims about RU near the border
 * follow each other; all graded 1 and reported on the day they observe.
 * On a grid from 2021-11-01 every 5 days to 2021-11-21, as known then
 * (docs/estimation.md, sections 5 and 6: one voice, the latest observed
 * claim counts; a single claim's best is its figure, a range's midpoint):
 *   11-01  nothing reported yet: no estimate (a gap in the band)
 *   11-06  k1 about 100,000 (observed 11-05): 100,000, 90,000-110,000
 *          (d = 10,000)
 *   11-11  k2 at least 120,000 (11-10): 120,000, low = high = 120,000,
 *          open above
 *   11-16  k3 125,000-135,000 (11-15): best (125,000 + 135,000 + 1) / 2
 *          = 130,000, 125,000-135,000
 *   11-21  k4 at most 140,000 (11-20): 140,000, low 0, open below
 * Alerts (section 9, threshold 10%, window 30 days): at 11-11 against
 * 11-06, +20,000 on 100,000 = 20%; 11-16 and 11-21 are above 11-06 by
 * more than 10% too, but an alert is raised once for a run of points
 * that all break the threshold: one alert, 11-06 to 11-11, moved by k2.
 */
static const char dataset_text[] =
    "{\"forcetrack\": \"1.0\","
    " \"actors\": [{\"id\": \"RU\", \"name\": \"Russia\"}],"
    " \"regions\": [{\"id\": \"border\", \"name\": \"Near the border\"}],"
    " \"sources\": [{\"id\": \"a\", \"name\": \"Source A\", \"reliability\": \"A\"}],"
    " \"claims\": ["
    "  {\"id\": \"k1\", \"source\": \"a\", \"subject\": \"RU\", \"region\": \"border\", \"value\": 100000,"
    "   \"qualifier\": \"approx\", \"credibility\": 1, \"observed\": \"2021-11-05\", \"reported\": \"2021-11-05\"},"
    "  {\"id\": \"k2\", \"source\": \"a\", \"subject\": \"RU\", \"region\": \"border\", \"value\": 120000,"
    "   \"qualifier\": \"at-least\", \"credibility\": 1, \"observed\": \"2021-11-10\", \"reported\": \"2021-11-10\"},"
    "  {\"id\": \"k3\", \"source\": \"a\", \"subject\": \"RU\", \"region\": \"border\", \"low\": 125000,"
    "   \"high\": 135000, \"qualifier\": \"range\", \"credibility\": 1, \"observed\": \"2021-11-15\","
    "   \"reported\": \"2021-11-15\"},"
    "  {\"id\": \"k4\", \"source\": \"a\", \"subject\": \"RU\", \"region\": \"border\", \"value\": 140000,"
    "   \"qualifier\": \"at-most\", \"credibility\": 1, \"observed\": \"2021-11-20\", \"reported\": \"2021-11-20\"}]}";

/*
 * The scale of that chart. Count axis: the largest figure drawn is
 * 140,000 (k4, and the high of 11-21); a tenth above it, plus one, is
 * 154,001; a sixth of that, rounded up, 25,667, whose power of ten is
 * 10,000, and the first of 1, 2, 5 times it at least 25,667 is 50,000: a
 * step of 50,000 and a top of 4 x 50,000 = 200,000 (ticks 0, 50,000,
 * 100,000, 150,000, 200,000). y(v) = 312 - v / 200,000 x 260:
 *   y(0) 312.0, y(90,000) 195.0, y(100,000) 182.0, y(110,000) 169.0,
 *   y(120,000) 156.0, y(125,000) 149.5, y(130,000) 143.0,
 *   y(135,000) 136.5, y(140,000) 130.0.
 * Date axis: 11-01 to 11-21, 20 days over 456 units, 22.8 a day:
 *   the points 11-01 64.0, 11-06 178.0, 11-11 292.0, 11-16 406.0,
 *   11-21 520.0; the claims on 11-05 155.2, 11-10 269.2, 11-15 383.2,
 *   11-20 497.2. Ticks: every 7 days gives 20 / 7 + 1 = 3 ticks, at most
 *   6 (every 1 or 2 days would give 21 or 11): 11-01, 11-08 (223.6),
 *   11-15 (383.2).
 * The band, points 11-06 to 11-21, its top along high and back along low,
 * but best where the point is open below (11-21: nothing bounds it below,
 * a fade does, from best to the axis):
 *   178.0,169.0 292.0,156.0 406.0,136.5 520.0,130.0
 *   520.0,130.0 406.0,149.5 292.0,156.0 178.0,195.0
 * The open sides, runs of one point drawn 3 units either side: above
 * 11-11 from the top (52.0) to its high (156.0), x 289.0-295.0; below
 * 11-21 from best (130.0) to low, 0 (312.0), x 517.0-523.0.
 */
#define BAND      "178.0,169.0 292.0,156.0 406.0,136.5 520.0,130.0 520.0,130.0 406.0,149.5 292.0,156.0 178.0,195.0"
#define OPEN_UP   "289.0,52.0 295.0,52.0 295.0,156.0 289.0,156.0"
#define OPEN_DOWN "517.0,130.0 523.0,130.0 523.0,312.0 517.0,312.0"
#define BEST      "178.0,182.0 292.0,156.0 406.0,143.0 520.0,130.0"

/* The timeline of `actor` in `region` from `from` to `to`, every `step`
 * days, as known then. */
static void compute(const ft_dataset *ds, const char *actor, const char *region, const char *from, const char *to,
                    int step, ft_timeline *tl)
{
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	o.from = tm_time(from);
	o.to = tm_time(to);
	o.step_days = step;
	ft_error err;
	int rc = ft_timeline_compute(ds, ft_dataset_find_actor(ds, actor), ft_dataset_find_region(ds, region), NULL,
	                             &o, tl, &err);
	if (rc != 0)
		fprintf(stderr, "\n    the timeline fails: %s\n", err.text);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
}

/* A chart and what it is made of. */
typedef struct fixture {
	ft_dataset *ds;
	ft_timeline tl;
	char *svg;
	tm_doc *d; /* the chart parsed back: it must be well-formed */
} fixture;

/* The chart of `actor` in `region` from `from` to `to` every `step` days,
 * as known then, of the dataset `file` of the source tree (NULL: the one
 * above). */
static void open_chart(fixture *f, const char *file, const char *actor, const char *region, const char *from,
                       const char *to, int step)
{
	memset(f, 0, sizeof *f);
	ft_timeline_init(&f->tl);
	f->ds = file ? tm_load_file(file) : tm_load_text(dataset_text, "svg.json");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->ds);
	compute(f->ds, actor, region, from, to, step, &f->tl);
	ft_error err;
	f->svg = ft_timeline_render(&f->tl, FT_FORMAT_SVG, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->svg);
	f->d = tm_parse(f->svg);
	if (f->d->error)
		fprintf(stderr, "\n    the SVG is not well-formed: %s\n%s", f->d->error, f->svg);
	CU_ASSERT_PTR_NULL_FATAL(f->d->error);
}

static void close_chart(fixture *f)
{
	tm_free(f->d);
	ft_free(f->svg);
	ft_timeline_clear(&f->tl);
	ft_dataset_free(f->ds);
}

/* Asserts that element `i` has attribute `name` equal to `want`. */
static void expect_attr(const tm_doc *d, long i, const char *name, const char *want)
{
	const char *got = tm_attr(tm_at(d, i), name);
	if (!got || strcmp(got, want) != 0)
		fprintf(stderr, "\n    %s=\"%s\", not \"%s\"\n", name, got ? got : "(none)", want);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_STRING_EQUAL(got, want);
}

/* The `nth` element `name` inside <g class="cls">. */
static long in_group(const tm_doc *d, const char *cls, const char *name, size_t nth)
{
	long g = tm_find(d, "g", "class", cls, 0);
	CU_ASSERT_FATAL(g >= 0);
	return tm_find_in(d, g, name, nth);
}

static void test_band_and_line(void)
{
	fixture f;
	open_chart(&f, NULL, "RU", "border", "2021-11-01", "2021-11-21", 5);
	tm_doc *d = f.d;

	/* The band: one polygon over the run of points with an estimate (the
	 * first point has none), then the fades of the open sides. */
	long band = in_group(d, "band", "polygon", 0);
	CU_ASSERT_FATAL(band >= 0);
	expect_attr(d, band, "points", BAND);
	expect_attr(d, band + 1, "points", OPEN_UP);
	expect_attr(d, band + 1, "fill", "url(#chart-up)");
	expect_attr(d, band + 2, "points", OPEN_DOWN);
	expect_attr(d, band + 2, "fill", "url(#chart-down)");
	CU_ASSERT_EQUAL(in_group(d, "band", "polygon", 3), -1);
	/* The gradients the fades name are defined. */
	CU_ASSERT_EQUAL(tm_count(d, "linearGradient", "id", "chart-up"), 1);
	CU_ASSERT_EQUAL(tm_count(d, "linearGradient", "id", "chart-down"), 1);
	/* The best line at best of each point. */
	long best = in_group(d, "best", "polyline", 0);
	CU_ASSERT_FATAL(best >= 0);
	expect_attr(d, best, "points", BEST);

	/* A dot per point with an estimate, titled with its figure. */
	static const char *const titles[] = {
	    "2021-11-06: about 100,000 (90,000-110,000); 1 voice, 1 claim",
	    "2021-11-11: 120,000 or more; 1 voice, 1 claim",
	    "2021-11-16: 125,000-135,000; 1 voice, 1 claim",
	    "2021-11-21: up to 140,000; 1 voice, 1 claim",
	};
	static const char *const cx[] = {"178.0", "292.0", "406.0", "520.0"};
	static const char *const cy[] = {"182.0", "156.0", "143.0", "130.0"};
	for (size_t i = 0; i < 4; i++) {
		long dot = in_group(d, "points", "circle", i);
		CU_ASSERT_FATAL(dot >= 0);
		expect_attr(d, dot, "cx", cx[i]);
		expect_attr(d, dot, "cy", cy[i]);
		tm_expect_text(tm_title_of(d, dot), titles[i]);
	}
	CU_ASSERT_EQUAL(in_group(d, "points", "circle", 4), -1);

	/* The axes: counts from 0 by 50,000 with thousands separators, at
	 * y + 3.5 (the labels' baseline); dates every 7 days. */
	static const char *const counts[] = {"0", "50,000", "100,000", "150,000", "200,000"};
	static const char *const count_y[] = {"315.5", "250.5", "185.5", "120.5", "55.5"};
	for (size_t i = 0; i < 5; i++) {
		long label = in_group(d, "y-axis", "text", i);
		CU_ASSERT_FATAL(label >= 0);
		tm_expect_text(tm_at(d, label)->text->str, counts[i]);
		expect_attr(d, label, "y", count_y[i]);
	}
	CU_ASSERT_EQUAL(in_group(d, "y-axis", "text", 5), -1);
	static const char *const dates[] = {"2021-11-01", "2021-11-08", "2021-11-15"};
	static const char *const date_x[] = {"64.0", "223.6", "383.2"};
	for (size_t i = 0; i < 3; i++) {
		long label = in_group(d, "x-axis", "text", i);
		CU_ASSERT_FATAL(label >= 0);
		tm_expect_text(tm_at(d, label)->text->str, dates[i]);
		expect_attr(d, label, "x", date_x[i]);
	}
	CU_ASSERT_EQUAL(in_group(d, "x-axis", "text", 3), -1);

	/* The chart says what it shows: subject, span, the latest figure in
	 * the words of ft_estimate_format, the claims and the alert. */
	tm_expect_text(tm_at(d, tm_find(d, "title", "id", "chart-title", 0))->text->str,
	            "Russia (RU) in Near the border (border), personnel: 2021-11-01 to 2021-11-21 every 5 days, as "
	            "known then");
	tm_expect_text(tm_at(d, tm_find(d, "desc", "id", "chart-desc", 0))->text->str,
	            "Latest estimate, 2021-11-21: up to 140,000; 1 voice, 1 claim. 4 claims counted, from 1 voice, "
	            "each marked at its observed date. Build-up alerts: +20,000 (+20%) from 2021-11-06 to 2021-11-11.");
	close_chart(&f);
}

static void test_claims_and_alerts(void)
{
	fixture f;
	open_chart(&f, NULL, "RU", "border", "2021-11-01", "2021-11-21", 5);
	tm_doc *d = f.d;

	/* Each claim counted at some point, once: k1 at 11-06, k2 at 11-11,
	 * k3 at 11-16, k4 at 11-21: 4 markers. (Here no claim counts at two
	 * points; in the golden chart c-hur-92k counts at five and has one
	 * marker, and test_voices counts the distinct claims of spring
	 * 2021.) */
	CU_ASSERT_EQUAL(tm_count(d, "g", "class", "claim"), 4);
	static const char *const titles[] = {
	    "k1, Source A: about 100,000, observed 2021-11-05",
	    "k2, Source A: at least 120,000, observed 2021-11-10",
	    "k3, Source A: 125,000-135,000, observed 2021-11-15",
	    "k4, Source A: up to 140,000, observed 2021-11-20",
	};
	long marker[4];
	for (size_t i = 0; i < 4; i++) {
		marker[i] = tm_find(d, "g", "class", "claim", i);
		tm_expect_text(tm_title_of(d, marker[i]), titles[i]);
	}
	/* One voice: the first shape, a circle, at the claim's date and its
	 * figure (k3's range has no central figure: its middle, 130,000). */
	static const char *const cx[] = {"155.2", "269.2", "383.2", "497.2"};
	static const char *const cy[] = {"182.0", "156.0", "143.0", "130.0"};
	for (size_t i = 0; i < 4; i++) {
		long dot = tm_find_in(d, marker[i], "circle", 0);
		CU_ASSERT_FATAL(dot >= 0);
		expect_attr(d, dot, "cx", cx[i]);
		expect_attr(d, dot, "cy", cy[i]);
		expect_attr(d, dot, "fill", "#0072b2");
	}
	/* k1 is a point: no bar, no arrow. */
	CU_ASSERT_EQUAL(tm_find_in(d, marker[0], "line", 0), -1);
	/* k2, at least: an arrow 13 units up from its figure, its head to 18
	 * units up (156.0 - 18 = 138.0). */
	long stem = tm_find_in(d, marker[1], "line", 0);
	CU_ASSERT_FATAL(stem >= 0);
	expect_attr(d, stem, "y1", "156.0");
	expect_attr(d, stem, "y2", "143.0");
	expect_attr(d, tm_find_in(d, marker[1], "polygon", 0), "points", "265.7,144.0 272.7,144.0 269.2,138.0");
	/* k3, a range: a bar from y(125,000) to y(135,000). */
	long bar = tm_find_in(d, marker[2], "line", 0);
	CU_ASSERT_FATAL(bar >= 0);
	expect_attr(d, bar, "y1", "149.5");
	expect_attr(d, bar, "y2", "136.5");
	/* k4, at most: the arrow points down, to 130.0 + 18 = 148.0. */
	expect_attr(d, tm_find_in(d, marker[3], "polygon", 0), "points", "493.7,142.0 500.7,142.0 497.2,148.0");

	/* The legend names the voice, with its id in the title. */
	long voice = tm_find(d, "g", "class", "voice", 0);
	CU_ASSERT_FATAL(voice >= 0);
	tm_expect_text(tm_title_of(d, voice), "Source A (a)");
	CU_ASSERT_EQUAL(tm_count(d, "g", "class", "voice"), 1);

	/* The alert: a rule at 11-11 (292.0) over the whole plot, labelled
	 * with its change, 20,000 on 100,000. */
	CU_ASSERT_EQUAL(tm_count(d, "g", "class", "alert"), 1);
	long alert = tm_find(d, "g", "class", "alert", 0);
	long rule = tm_find_in(d, alert, "line", 0);
	CU_ASSERT_FATAL(rule >= 0);
	expect_attr(d, rule, "x1", "292.0");
	expect_attr(d, rule, "x2", "292.0");
	expect_attr(d, rule, "y1", "52.0");
	expect_attr(d, rule, "y2", "312.0");
	tm_expect_text(tm_at(d, tm_find_in(d, alert, "text", 0))->text->str, "+20,000 (+20%)");
	tm_expect_text(tm_title_of(d, alert), "Alert: +20,000 (+20%) from 2021-11-06 to 2021-11-11, 1 claim moved it");
	close_chart(&f);
}

/* A timeline of one point, and one where no point has an estimate. */
static void test_one_point_and_none(void)
{
	/* 11-06 alone: the date axis runs a day either side, 11-05 to 11-07,
	 * so the point stands in the middle, (64 + 520) / 2 = 292.0; k1 at
	 * 11-05, on the axis's first day, 64.0. The band is one point wide:
	 * 289.0 to 295.0. The counts: 110,000 + 11,000 + 1 = 121,001, a
	 * sixth 20,167, step 50,000, top 150,000: y(100,000) = 312 - 100,000
	 * / 150,000 x 260 = 138.7 (138.666...). */
	fixture f;
	open_chart(&f, NULL, "RU", "border", "2021-11-06", "2021-11-06", 7);
	tm_doc *d = f.d;
	long dot = in_group(d, "points", "circle", 0);
	expect_attr(d, dot, "cx", "292.0");
	expect_attr(d, dot, "cy", "138.7");
	CU_ASSERT_EQUAL(tm_count(d, "g", "class", "claim"), 1);
	expect_attr(d, tm_find_in(d, tm_find(d, "g", "class", "claim", 0), "circle", 0), "cx", "64.0");
	const char *band = tm_attr(tm_at(d, in_group(d, "band", "polygon", 0)), "points");
	CU_ASSERT_PTR_NOT_NULL_FATAL(band);
	CU_ASSERT(g_str_has_prefix(band, "289.0,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(band, " 295.0,"));
	/* No line through one point. */
	CU_ASSERT_EQUAL(in_group(d, "best", "polyline", 0), -1);
	close_chart(&f);

	/* October: nothing reported yet. A valid chart that says so, with a
	 * count axis of 0 alone and no band, point or marker. */
	open_chart(&f, NULL, "RU", "border", "2021-10-01", "2021-10-29", 7);
	d = f.d;
	CU_ASSERT_PTR_NOT_NULL(strstr(f.svg, ">no estimate</text>"));
	CU_ASSERT_EQUAL(tm_count(d, "polygon", NULL, NULL), 0);
	CU_ASSERT_EQUAL(tm_count(d, "g", "class", "claim"), 0);
	CU_ASSERT_EQUAL(tm_count(d, "g", "class", "points"), 0);
	CU_ASSERT_EQUAL(tm_find_in(d, tm_find(d, "g", "class", "y-axis", 0), "text", 1), -1);
	tm_expect_text(tm_at(d, tm_find(d, "desc", NULL, NULL, 0))->text->str,
	            "No estimate at any point: no claim counts. No build-up alerts.");
	close_chart(&f);
}

/* The voices of a timeline, as the chart should list them: the roots of
 * the sources of the claims counted at any point, in order of first
 * appearance, and how many distinct claims those are. */
static GPtrArray *voices_of(const ft_timeline *tl, size_t *claims)
{
	GPtrArray *voices = g_ptr_array_new();
	GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (size_t i = 0; i < ft_timeline_point_count(tl); i++) {
		const ft_estimate *e = ft_timeline_point_at(tl, i);
		for (size_t k = 0; k < ft_estimate_contribution_count(e); k++) {
			const ft_contribution *c = ft_estimate_contribution_at(e, k);
			if (c->status != FT_STATUS_COUNTED || g_hash_table_contains(seen, c->claim))
				continue;
			g_hash_table_add(seen, (gpointer)(uintptr_t)c->claim);
			const ft_source *root = ft_source_root(ft_claim_source(c->claim));
			if (!g_ptr_array_find(voices, root, NULL))
				g_ptr_array_add(voices, (gpointer)(uintptr_t)root);
		}
	}
	*claims = g_hash_table_size(seen);
	g_hash_table_destroy(seen);
	return voices;
}

/*
 * Spring 2021 (examples/data/spring-2021.json), weekly from March to
 * May: many voices. The markers are the distinct claims counted at any
 * point, each once; the legend names each voice in order of first
 * appearance, each with a colour and shape no other voice has.
 */
static void test_voices(void)
{
	fixture f;
	open_chart(&f, "examples/data/spring-2021.json", "RU", "ua-border", "2021-03-01", "2021-05-31", 7);
	tm_doc *d = f.d;
	size_t claims = 0;
	GPtrArray *voices = voices_of(&f.tl, &claims);
	CU_ASSERT(voices->len >= 5);
	CU_ASSERT_EQUAL(tm_count(d, "g", "class", "claim"), claims);
	CU_ASSERT_EQUAL(tm_count(d, "g", "class", "voice"), voices->len);
	GHashTable *looks = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (guint v = 0; v < voices->len; v++) {
		const ft_source *src = g_ptr_array_index(voices, v);
		long g = tm_find(d, "g", "class", "voice", v);
		char *want = g_strdup_printf("%s (%s)", ft_source_name(src), ft_source_id(src));
		tm_expect_text(tm_title_of(d, g), want);
		g_free(want);
		/* The marker is the first element after the title. */
		tm_element *mark = tm_at(d, g + 2);
		const char *colour = tm_attr(mark, "fill");
		if (!colour || strcmp(colour, "none") == 0)
			colour = tm_attr(mark, "stroke");
		char *look = g_strdup_printf("%s %s", mark->name, colour ? colour : "?");
		CU_ASSERT_FALSE(g_hash_table_contains(looks, look));
		g_hash_table_add(looks, look);
	}
	/* Two alerts (test_report.c and forcetrack timeline agree): two
	 * labelled rules. */
	CU_ASSERT_EQUAL(ft_timeline_alert_count(&f.tl), 2);
	CU_ASSERT_EQUAL(tm_count(d, "g", "class", "alert"), 2);
	g_hash_table_destroy(looks);
	g_ptr_array_free(voices, TRUE);
	close_chart(&f);
}

/*
 * The golden chart: RU in ua-border of examples/data/buildup-2021-12.json
 * from 2021-11-01 to 2021-12-03 every 2 days, as known then (`forcetrack
 * chart examples/data/buildup-2021-12.json -a RU -r ua-border --from
 * 2021-11-01 --to 2021-12-03 --step 2d` writes the same bytes, and remakes
 * it). forcetrack timeline of the same query: no estimate until 11-19,
 * "92,000 or more" from 11-21 (c-hur-92k, reported 11-20) to 11-29,
 * "about 94,000 (84,600-103,400)" on 12-01 and "about 94,300
 * (84,870-103,730)" on 12-03, one voice (Government of Ukraine), three
 * claims, no alert.
 */
static void test_golden(void)
{
	fixture f;
	open_chart(&f, "examples/data/buildup-2021-12.json", "RU", "ua-border", "2021-11-01", "2021-12-03", 2);
	tm_doc *d = f.d;
	CU_ASSERT_EQUAL(tm_count(d, "g", "class", "claim"), 3);
	CU_ASSERT_EQUAL(tm_count(d, "circle", NULL, NULL) - 3 - 1, 7); /* 3 markers, 1 legend key, 7 points */
	CU_ASSERT_EQUAL(tm_count(d, "g", "class", "alert"), 0);
	tm_expect_golden(f.svg, "tests/data/reports/buildup-2021-12.svg");
	/* The file has the XML declaration and the size of its own. */
	CU_ASSERT(g_str_has_prefix(f.svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.svg, " width=\"720\" height=\"360\" viewBox=\"0 0 720 360\""));
	close_chart(&f);
}

/* 1 when `s` holds a C0 control other than tab and newline, DEL, a C1
 * control or a bidi control as a character. */
static int has_raw_control(const char *s)
{
	for (const char *p = s; *p; p += g_utf8_skip[*(const guchar *)p]) {
		gunichar c = g_utf8_get_char(p);
		if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
		    (c >= 0x2066 && c <= 0x2069))
			return 1;
	}
	return 0;
}

/* The names of tests/data/reports/hostile.json reach the chart escaped,
 * and it stays well-formed. */
static void test_hostile(void)
{
	fixture f;
	open_chart(&f, "tests/data/reports/hostile.json", "RU", "border", "2021-11-01", "2021-12-03", 7);
	tm_doc *d = f.d;
	CU_ASSERT_PTR_NULL(strstr(f.svg, "<script"));
	CU_ASSERT_PTR_NULL(strstr(f.svg, "</svg><svg"));
	CU_ASSERT_PTR_NULL(strstr(f.svg, "<img"));
	/* "onload=" is there, as text: no element has an event attribute. */
	for (guint i = 0; i < d->elements->len; i++)
		for (char **n = tm_at(d, (long)i)->names; *n; n++)
			CU_ASSERT_FALSE(g_ascii_strncasecmp(*n, "on", 2) == 0);
	CU_ASSERT_FALSE(has_raw_control(f.svg));
	/* One <svg> only, and the names read back as they are (the parser
	 * undoes the escapes). */
	CU_ASSERT_EQUAL(tm_count(d, "svg", NULL, NULL), 1);
	const char *title = tm_at(d, tm_find(d, "title", "id", "chart-title", 0))->text->str;
	CU_ASSERT(g_str_has_prefix(title, "<script>alert(1)</script> & \"Russia\" 'x' (RU) in </svg><svg onload=alert(1)>\t"
	                                  "zone\nline2 (border)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.svg, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Russia&quot; &#39;x&#39;"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.svg, "&lt;/title&gt;&lt;img src=x onerror=alert(2)&gt;"));
	close_chart(&f);
}

/* The escaping itself, every class of character it treats. */
static void test_xml_text(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"a & b < c > d \"e\" 'f'", "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;"},
	    {"&amp;", "&amp;amp;"},
	    /* Tab and newline stay; CR LF and a lone CR become LF, as a parser
	     * reads them. */
	    {"a\tb\nc\r\nd\re", "a\tb\nc\nd\ne"},
	    /* Other C0 controls and DEL: dropped (XML 1.0 has no way to write
	     * them). */
	    {"x\x01\x07\x08\x0b\x0c\x1b[31my\x7f", "x[31my"},
	    /* C1 controls, the separators and the bidi controls and marks:
	     * shown as escapes. */
	    {"\xC2\x9B" "1\xE2\x80\xAE" "2\xE2\x81\xA6" "3\xE2\x80\x8F" "4\xE2\x80\xA8",
	     "\\u009b1\\u202e2\\u20663\\u200f4\\u2028"},
	    /* The noncharacters XML forbids, and bytes that are not UTF-8. */
	    {"a\xEF\xBF\xBE" "b\xEF\xBF\xBF" "c\xEF\xB7\x90" "d", "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d"},
	    {"a\xFF" "b\xC3", "a\xEF\xBF\xBD" "b\xEF\xBF\xBD"},
	    /* Everything else as it is. */
	    {"Росія ‘ДНР’ — 北京 \xF0\x9F\x98\x80", "Росія ‘ДНР’ — 北京 \xF0\x9F\x98\x80"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		GString *out = g_string_new(NULL);
		ft__xml_text(out, cases[i].in);
		tm_expect_text(out->str, cases[i].out);
		g_string_free(out, TRUE);
	}
	GString *out = g_string_new("x");
	ft__xml_text(out, NULL);
	CU_ASSERT_STRING_EQUAL(out->str, "x");
	g_string_free(out, TRUE);
}

/* A timeline has text, JSON and SVG here; no HTML, GeoJSON or Markdown. */
static void test_formats(void)
{
	fixture f;
	open_chart(&f, NULL, "RU", "border", "2021-11-01", "2021-11-21", 5);
	ft_timeline *tl = &f.tl;
	ft_error err;
	CU_ASSERT_PTR_NULL(ft_timeline_render(tl, FT_FORMAT_GEOJSON, NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	CU_ASSERT(g_str_has_prefix(err.text, "ft_timeline_render: no geojson for a timeline; it has text, json, "));
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "svg"));
	CU_ASSERT_EQUAL(ft_timeline_write(tl, FT_FORMAT_HTML, NULL, stdout, &err), FT_EINVAL);
	CU_ASSERT_EQUAL(ft_timeline_write(tl, (ft_format)99, NULL, stdout, &err), FT_EINVAL);
	/* The stream gets what the string holds. */
	FILE *fp = tmpfile();
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	CU_ASSERT_EQUAL(ft_timeline_write(tl, FT_FORMAT_SVG, NULL, fp, &err), 0);
	long size = ftell(fp);
	CU_ASSERT_EQUAL((size_t)size, strlen(f.svg));
	fclose(fp);
	/* Nothing computed. */
	ft_timeline none = FT_TIMELINE_INIT;
	CU_ASSERT_PTR_NULL(ft_timeline_render(&none, FT_FORMAT_SVG, NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	close_chart(&f);
}

static const ft_test tests[] = {
    {"band, best line, points and axes", test_band_and_line},
    {"claim markers and alerts", test_claims_and_alerts},
    {"one point, and no estimate", test_one_point_and_none},
    {"a marker per claim, a legend entry per voice", test_voices},
    {"the golden chart", test_golden},
    {"hostile names", test_hostile},
    {"XML escaping", test_xml_text},
    {"formats of a timeline", test_formats},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("report_svg", tests);
}
