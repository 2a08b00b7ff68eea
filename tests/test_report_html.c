/*
 * Tests for the HTML situation report (report/html.c): the page parsed
 * back as XML (test-markup.h), since it is written as polyglot markup,
 * and read for what report.h and the text report say an entry holds (the
 * figure in words and its badges, the changes, the counted claims with
 * their quotes and grades, what was not counted and why, one chart per
 * entry ending on the report's date), with figures worked out by hand;
 * that it fetches and runs nothing; the example dataset's report byte for
 * byte (tests/data/reports/buildup-2021-12.html); the hostile names of
 * tests/data/reports/hostile.json; and the chart_days limits.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "forcetrack.h"
#include "test-markup.h"
#include "test-util.h"

/*
 * test_report.c's dataset, with quotes, a title and a second measure. RU
 * opposes UA; crimea lies under border. Source a (A, no actor), b (B,
 * actor UA). At T = 2021-12-01, as known on T (docs/estimation.md, as
 * test_report.c works it out):
 *   RU in border, personnel: c1 about 100,000 (90,000-110,000, weight
 *   1.0), c2 80,000 (b, 0.8 x 0.8 = 0.64, adversary), c3 20,000 in
 *   crimea (1.0); c0 same-voice (c1 is observed later), c4 a denial.
 *   Best 90,000 (range 80,000-110,000), 2 voices, 3 claims, CONTESTED,
 *   one pair (c1 and c2 do not overlap).
 *   RU in border, btg: c5 at least 10: "10 or more", open above.
 *   RU in crimea, personnel: c3, 20,000.
 * Changes: on 11-24 (7 days before, as known then) only c0 (50,000,
 * reported 11-20) is known: +40,000; on 11-01 nothing: no estimate.
 */
static const char dataset_text[] =
    "{\"forcetrack\": \"1.0\","
    " \"dataset\": {\"id\": \"html-test\", \"title\": \"Border & <more>\"},"
    " \"actors\": [{\"id\": \"RU\", \"name\": \"Russia\", \"opposes\": [\"UA\"]},"
    "  {\"id\": \"UA\", \"name\": \"Ukraine\"}],"
    " \"regions\": [{\"id\": \"border\", \"name\": \"Near the border\"},"
    "  {\"id\": \"crimea\", \"name\": \"Crimea\", \"parent\": \"border\"}],"
    " \"sources\": [{\"id\": \"a\", \"name\": \"Source A\", \"reliability\": \"A\"},"
    "  {\"id\": \"b\", \"name\": \"Ministry of Defence\", \"actor\": \"UA\", \"reliability\": \"B\"},"
    "  {\"id\": \"paper\", \"name\": \"The Paper\", \"kind\": \"media\"}],"
    " \"claims\": ["
    "  {\"id\": \"c0\", \"source\": \"a\", \"subject\": \"RU\", \"region\": \"border\", \"value\": 50000,"
    "   \"credibility\": 1, \"observed\": \"2021-11-20\", \"reported\": \"2021-11-20\"},"
    "  {\"id\": \"c1\", \"source\": \"a\", \"subject\": \"RU\", \"region\": \"border\", \"value\": 100000,"
    "   \"qualifier\": \"approx\", \"credibility\": 1, \"reported\": \"2021-12-01\", \"via\": [\"paper\"],"
    "   \"quote\": \"some 100,000 troops\"},"
    "  {\"id\": \"c2\", \"source\": \"b\", \"subject\": \"RU\", \"region\": \"border\", \"value\": 80000,"
    "   \"credibility\": 2, \"reported\": \"2021-12-01\", \"quote\": \"\\\"80,000\\\" & <more>\"},"
    "  {\"id\": \"c3\", \"source\": \"a\", \"subject\": \"RU\", \"region\": \"crimea\", \"value\": 20000,"
    "   \"credibility\": 1, \"reported\": \"2021-12-01\"},"
    "  {\"id\": \"c4\", \"source\": \"b\", \"subject\": \"RU\", \"region\": \"border\", \"kind\": \"denial\","
    "   \"reported\": \"2021-12-01\"},"
    "  {\"id\": \"c5\", \"source\": \"a\", \"subject\": \"RU\", \"region\": \"border\", \"measure\": \"btg\","
    "   \"value\": 10, \"qualifier\": \"at-least\", \"credibility\": 1, \"reported\": \"2021-12-01\"}]}";

/* The report of `ds` at `at` (known on `known`, NULL: as known on T) in
 * HTML with `chart_days`, or NULL with `err` filled. */
static char *render(const ft_dataset *ds, const char *at, const char *known, int chart_days, ft_error *err)
{
	ft_situation_options so = FT_SITUATION_OPTIONS_INIT;
	so.at = tm_time(at);
	if (known)
		so.known_on = tm_time(known);
	ft_situation *s = NULL;
	CU_ASSERT_EQUAL_FATAL(ft_situation_new(ds, &so, &s, err), 0);
	ft_render_options ro = FT_RENDER_OPTIONS_INIT;
	ro.chart_days = chart_days;
	char *html = ft_situation_render(s, FT_FORMAT_HTML, &ro, err);
	ft_situation_free(s);
	return html;
}

/* The page parsed back; it must be well-formed. */
static tm_doc *parse(const char *html)
{
	tm_doc *d = tm_parse(html);
	if (d->error)
		fprintf(stderr, "\n    the HTML is not well-formed XML: %s\n", d->error);
	CU_ASSERT_PTR_NULL(d->error);
	return d;
}

/* A page and what it is made of. */
typedef struct page {
	ft_dataset *ds;
	char *html;
	tm_doc *d; /* the page parsed back: it must be well-formed */
} page;

/* The page of the dataset `file` of the source tree (NULL: the one above)
 * at `at`, with `chart_days`. */
static void open_page(page *p, const char *file, const char *at, int chart_days)
{
	memset(p, 0, sizeof *p);
	p->ds = file ? tm_load_file(file) : tm_load_text(dataset_text, "html.json");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p->ds);
	ft_error err;
	p->html = render(p->ds, at, NULL, chart_days, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p->html);
	p->d = parse(p->html);
	CU_ASSERT_PTR_NULL_FATAL(p->d->error);
}

static void close_page(page *p)
{
	tm_free(p->d);
	ft_free(p->html);
	ft_dataset_free(p->ds);
}

/* All the text inside element `i`, its children's included (g_free). */
static char *text_of(const tm_doc *d, long i)
{
	return g_strdup(tm_at(d, i)->all->str);
}

/* The page fetches and runs nothing: no script, no element that loads
 * something, no event attribute, no href or src, and no url() in the
 * stylesheet (the charts' fills name their own gradients, "url(#...)"). */
static void expect_self_contained(const tm_doc *d)
{
	static const char *const loaders[] = {"script", "link", "img", "iframe", "object", "embed", "image",
	                                      "use",    "audio", "video", "source", "base", "form"};
	for (size_t i = 0; i < G_N_ELEMENTS(loaders); i++)
		CU_ASSERT_EQUAL(tm_count(d, loaders[i], NULL, NULL), 0);
	for (guint i = 0; i < d->elements->len; i++) {
		const tm_element *e = tm_at(d, (long)i);
		for (size_t k = 0; e->names[k]; k++) {
			const char *n = e->names[k], *v = e->values[k];
			CU_ASSERT_FALSE(g_ascii_strncasecmp(n, "on", 2) == 0);
			CU_ASSERT_FALSE(strcmp(n, "href") == 0 || strcmp(n, "src") == 0 || strcmp(n, "xlink:href") == 0);
			CU_ASSERT_FALSE(strstr(v, "url(") && !g_str_has_prefix(v, "url(#"));
		}
	}
	long style = tm_find(d, "style", NULL, NULL, 0);
	CU_ASSERT_FATAL(style >= 0);
	CU_ASSERT_PTR_NULL(strstr(tm_at(d, style)->text->str, "url("));
	CU_ASSERT_PTR_NULL(strstr(tm_at(d, style)->text->str, "@import"));
	CU_ASSERT_PTR_NULL(strstr(tm_at(d, style)->text->str, "@font-face"));
}

static void test_page(void)
{
	page p;
	open_page(&p, NULL, "2021-12-01", 0);
	tm_doc *d = p.d;
	const char *html = p.html;
	CU_ASSERT(g_str_has_prefix(html, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""));
	CU_ASSERT_EQUAL(tm_count(d, "meta", "charset", "utf-8"), 1);
	expect_self_contained(d);
	/* Readable on paper: a print style, entries kept on one page. */
	const char *css = tm_at(d, tm_find(d, "style", NULL, NULL, 0))->text->str;
	CU_ASSERT_PTR_NOT_NULL(strstr(css, "@media print"));
	CU_ASSERT_PTR_NOT_NULL(strstr(css, "break-inside:avoid"));

	/* The heading: date, the dataset's title (escaped, read back as it
	 * is), what was known, the method. */
	tm_expect_text(tm_at(d, tm_find(d, "h1", NULL, NULL, 0))->text->str, "Situation report, 2021-12-01");
	tm_expect_text(tm_at(d, tm_find(d, "title", NULL, NULL, 0))->text->str, "Situation report, 2021-12-01: Border & <more>");
	tm_expect_text(tm_at(d, tm_find(d, "p", "class", "title", 0))->text->str, "Border & <more>");
	tm_expect_part(html, "<p class=\"title\">Border &amp; &lt;more&gt;</p>");
	/* c0..c5 were all reported by 12-01. */
	tm_expect_text(tm_at(d, tm_find(d, "p", "class", "known", 0))->text->str,
	            "As known on 2021-12-01: 6 of the dataset's 6 claims had been reported by then.");
	CU_ASSERT(g_str_has_prefix(tm_at(d, tm_find(d, "p", "class", "method", 0))->text->str, "Best figures are"));

	/* Two regions, crimea a level down and saying where it lies; three
	 * entries, in report order. */
	CU_ASSERT_EQUAL(tm_count(d, "section", NULL, NULL), 2);
	CU_ASSERT_EQUAL(tm_count(d, "section", "class", "region"), 1);
	CU_ASSERT_EQUAL(tm_count(d, "section", "class", "region depth-1"), 1);
	char *h2 = text_of(d, tm_find(d, "h2", NULL, NULL, 1));
	tm_expect_text(h2, "Crimea (crimea) within Near the border (border)");
	g_free(h2);
	CU_ASSERT_EQUAL(tm_count(d, "article", "class", "entry"), 3);
	static const char *const heads[] = {"Russia (RU), personnel", "Russia (RU), btg", "Russia (RU), personnel"};
	for (size_t i = 0; i < 3; i++)
		tm_expect_text(tm_at(d, tm_find(d, "h3", NULL, NULL, i))->text->str, heads[i]);
	/* The third entry lies in crimea's section. */
	CU_ASSERT(tm_within(d, tm_find(d, "article", NULL, NULL, 2), "section", "class", "region depth-1"));
	CU_ASSERT_FALSE(tm_within(d, tm_find(d, "article", NULL, NULL, 1), "section", "class", "region depth-1"));

	/* The legend at the end, each of words.c's sentences. */
	long footer = tm_find(d, "footer", NULL, NULL, 0);
	CU_ASSERT_FATAL(footer >= 0);
	size_t legend = 0;
	for (size_t k = 0; tm_find_in(d, footer, "li", k) >= 0; k++)
		legend++;
	CU_ASSERT_EQUAL(legend, 5);
	CU_ASSERT_EQUAL(tm_find(d, "footer", NULL, NULL, 1), -1);
	CU_ASSERT_EQUAL(tm_find(d, "article", NULL, NULL, 3), -1);
	CU_ASSERT(tm_find(d, "article", NULL, NULL, 2) < footer);
	tm_expect_part(html, "<li>CONTESTED: current claims of independent voices give ranges that do not meet");
	close_page(&p);
}

static void test_entry(void)
{
	page p;
	open_page(&p, NULL, "2021-12-01", -1);
	tm_doc *d = p.d;
	const char *html = p.html;

	/* The figure in words, and its numbers. */
	tm_expect_text(tm_at(d, tm_find(d, "span", "class", "words", 0))->text->str, "90,000 (range 80,000-110,000)");
	char *numbers = text_of(d, tm_find(d, "p", "class", "numbers", 0));
	tm_expect_text(numbers, "best 90,000 · low 80,000 · high 110,000 · 2 voices, 3 claims counted");
	g_free(numbers);
	/* Badges: CONTESTED with its one pair on the first entry, OPEN ABOVE
	 * on the second ("10 or more"), none on the third. */
	tm_expect_text(tm_at(d, tm_find(d, "span", "class", "badge alarm", 0))->text->str, "CONTESTED (1 pair)");
	CU_ASSERT_EQUAL(tm_count(d, "span", "class", "badge alarm"), 1);
	CU_ASSERT_EQUAL(tm_count(d, "span", "class", "badge"), 1);
	long open = tm_find(d, "span", "class", "badge", 0);
	tm_expect_text(tm_at(d, open)->text->str, "OPEN ABOVE");
	CU_ASSERT(tm_within(d, open, "article", NULL, NULL));
	CU_ASSERT(open > tm_find(d, "article", NULL, NULL, 1) && open < tm_find(d, "article", NULL, NULL, 2));
	tm_expect_text(tm_at(d, tm_find(d, "span", "class", "words", 1))->text->str, "10 or more");
	tm_expect_text(tm_at(d, tm_find(d, "span", "class", "words", 2))->text->str, "20,000");
	/* The changes: +40,000 on 50,000 since 11-24; nothing on 11-01. */
	tm_expect_text(tm_at(d, tm_find(d, "p", "class", "change", 0))->text->str,
	            "Change: +40,000 since 2021-11-24; no estimate 30 days before (2021-11-01)");
	/* The pair. */
	char *pair = text_of(d, tm_find_in(d, tm_find(d, "ul", "class", "pairs", 0), "li", 0));
	tm_expect_text(pair, "c1 (Source A) and c2 (Ministry of Defence): their ranges do not meet");
	g_free(pair);

	/* The counted claims of the first entry: c1, c2, c3 in dataset order,
	 * c3 saying where it counted; figure as said, weight, source, outlet,
	 * stance, grades, quote. */
	long table = tm_find(d, "table", "class", "claims", 0);
	CU_ASSERT_FATAL(table >= 0);
	static const char *const rows[][8] = {
	    {"c1", "about 100,000", "1.000", "Source A", "The Paper", "a third party", "A1", "some 100,000 troops"},
	    {"c2", "80,000", "0.640", "Ministry of Defence", "—", "speaking of its adversary", "B2", "\"80,000\" & <more>"},
	    {"c3in Crimea (crimea)", "20,000", "1.000", "Source A", "—", "a third party", "A1", ""},
	};
	for (size_t r = 0; r < 3; r++)
		for (size_t c = 0; c < 8; c++) {
			char *cell = text_of(d, tm_find_in(d, table, "td", r * 8 + c));
			tm_expect_text(cell, rows[r][c]);
			g_free(cell);
		}
	CU_ASSERT_EQUAL(tm_find_in(d, table, "td", 24), -1);
	/* The quote is escaped on the page. */
	tm_expect_part(html, "<td class=\"quote\">&quot;80,000&quot; &amp; &lt;more&gt;</td>");

	/* What was not counted and why, in ft__not_counted's order: the
	 * denial before the claim of the same voice. */
	long nc = tm_find(d, "ul", "class", "not-counted", 0);
	CU_ASSERT_FATAL(nc >= 0);
	char *first = text_of(d, tm_find_in(d, nc, "li", 0));
	char *second = text_of(d, tm_find_in(d, nc, "li", 1));
	CU_ASSERT(g_str_has_prefix(first, "c4, no figure (Ministry of Defence): denial"));
	tm_expect_text(second, "c0, 50,000 (Source A): same-voice, same voice as c1, which was observed later");
	CU_ASSERT_EQUAL(tm_find_in(d, nc, "li", 2), -1);
	g_free(first);
	g_free(second);

	/* No charts with chart_days < 0. */
	CU_ASSERT_EQUAL(tm_count(d, "svg", NULL, NULL), 0);
	CU_ASSERT_EQUAL(tm_count(d, "figure", NULL, NULL), 0);
	close_page(&p);
}

static void test_charts(void)
{
	ft_dataset *ds = tm_load_text(dataset_text, "html.json");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_error err;
	/* chart_days 0: 90 days, by (90 + 15) / 30 = 3, from 90 days before
	 * 12-01, 09-02: 31 points, the last on T. One chart per entry, each
	 * inside its entry, with ids of its own. */
	char *html = render(ds, "2021-12-01", NULL, 0, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(html);
	tm_doc *d = parse(html);
	CU_ASSERT_PTR_NULL_FATAL(d->error);
	CU_ASSERT_EQUAL(tm_count(d, "svg", NULL, NULL), 3);
	for (size_t i = 0; i < 3; i++) {
		long svg = tm_find(d, "svg", NULL, NULL, i);
		CU_ASSERT_EQUAL(tm_at(d, svg)->parent, tm_find(d, "figure", NULL, NULL, i));
		CU_ASSERT(tm_within(d, svg, "article", NULL, NULL));
		CU_ASSERT_STRING_EQUAL(tm_attr(tm_at(d, svg), "width"), "100%");
		char id[32];
		g_snprintf(id, sizeof id, "chart-1-%zu-title", i + 1);
		CU_ASSERT_EQUAL(tm_count(d, "title", "id", id), 1);
	}
	const char *title = tm_at(d, tm_find(d, "title", "id", "chart-1-1-title", 0))->text->str;
	tm_expect_part(title, ": 2021-09-02 to 2021-12-01 every 3 days, as known then");
	/* The chart's last point is the report's figure. */
	long points = tm_find(d, "g", "class", "points", 0);
	CU_ASSERT_FATAL(points > tm_find(d, "svg", NULL, NULL, 0) && points < tm_find(d, "svg", NULL, NULL, 1));
	long last = -1;
	for (size_t k = 0; tm_find_in(d, points, "circle", k) >= 0; k++)
		last = tm_find_in(d, points, "circle", k);
	CU_ASSERT_FATAL(last >= 0);
	tm_expect_text(tm_title_of(d, last), "2021-12-01: 90,000 (range 80,000-110,000); 2 voices, 3 claims; CONTESTED (1 pair)");
	tm_expect_part(html, "<figcaption>The 90 days to 2021-12-01, each point as known on its own date.");
	tm_free(d);
	ft_free(html);

	/* 10 days: by 1 day, 11-21 to 12-01. */
	html = render(ds, "2021-12-01", NULL, 10, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(html);
	tm_expect_part(html, ": 2021-11-21 to 2021-12-01 every 1 day, as known then</title>");
	ft_free(html);

	/* A report as known on a later K: every point of the chart knows K,
	 * as the report's own figure on T does. */
	html = render(ds, "2021-11-24", "2021-12-01", 0, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(html);
	tm_expect_part(html, "every 3 days, as known on 2021-12-01</title>");
	tm_expect_part(html, "<figcaption>The 90 days to 2021-11-24, every point as known on 2021-12-01.");
	ft_free(html);

	/* The longest span there is works (from 0001-01-01 at the earliest);
	 * one day more is refused. */
	html = render(ds, "2021-12-01", NULL, FT_DAYS_MAX, &err);
	CU_ASSERT_PTR_NOT_NULL(html);
	ft_free(html);
	html = render(ds, "2021-12-01", NULL, FT_DAYS_MAX + 1, &err);
	CU_ASSERT_PTR_NULL(html);
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "chart_days"));
	ft_dataset_free(ds);
}

/*
 * The golden report: examples/data/buildup-2021-12.json at 2021-12-03
 * (`forcetrack report examples/data/buildup-2021-12.json --at 2021-12-03
 * --format html` writes the same bytes, and remakes it). As the text
 * report of the same date says: RU in ua-border about 94,300
 * (84,870-103,730) from c-mod-94300, +2,300 since 11-26; btg about 50;
 * UA in UA and in donbas about 125,000.
 */
static void test_golden(void)
{
	page p;
	open_page(&p, "examples/data/buildup-2021-12.json", "2021-12-03", 0);
	tm_doc *d = p.d;
	const char *html = p.html;
	CU_ASSERT_EQUAL(tm_count(d, "article", NULL, NULL), 4);
	CU_ASSERT_EQUAL(tm_count(d, "svg", NULL, NULL), 4);
	tm_expect_part(html, "<span class=\"words\">about 94,300 (84,870-103,730)</span>");
	tm_expect_part(html, "Change: +2,300 since 2021-11-26");
	tm_expect_golden(html, "tests/data/reports/buildup-2021-12.html");
	close_page(&p);
}

/* The names and quotes of tests/data/reports/hostile.json reach the page
 * escaped; it stays well-formed and self-contained. */
static void test_hostile(void)
{
	page p;
	open_page(&p, "tests/data/reports/hostile.json", "2021-12-03", 0);
	tm_doc *d = p.d;
	const char *html = p.html;
	expect_self_contained(d);
	CU_ASSERT_PTR_NULL(strstr(html, "<script"));
	CU_ASSERT_PTR_NULL(strstr(html, "</svg><svg"));
	CU_ASSERT_PTR_NULL(strstr(html, "<img"));
	CU_ASSERT_PTR_NULL(strstr(html, "<b>&amp;"));
	/* One stylesheet and the page's own body: the quote's "</style>"
	 * did not end it. */
	CU_ASSERT_EQUAL(tm_count(d, "style", NULL, NULL), 1);
	CU_ASSERT_EQUAL(tm_count(d, "body", NULL, NULL), 1);
	CU_ASSERT_EQUAL(tm_count(d, "html", NULL, NULL), 1);
	/* Escaped where they stand, and read back as they are. */
	tm_expect_part(html, "<title>Situation report, 2021-12-03: &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; "
	                  "&amp; &quot;co&quot;</title>");
	tm_expect_part(html, "&lt;/title&gt;&lt;img src=x onerror=alert(2)&gt;");
	tm_expect_part(html, "=1+1 &quot;outlet&quot; &lt;b&gt;&amp;amp;&lt;/b&gt;");
	tm_expect_part(html, "@import url(evil.css); &lt;/style&gt;");
	/* The bell is gone; the C1 control and the override are shown as
	 * escapes, not obeyed. */
	CU_ASSERT_PTR_NULL(strchr(html, '\a'));
	CU_ASSERT_PTR_NULL(strstr(html, "\xE2\x80\xAE"));
	CU_ASSERT_PTR_NULL(strstr(html, "\xC2\x9B"));
	tm_expect_part(html, "bell \\u009b31m \\u202eevil (sub)");
	CU_ASSERT_PTR_NULL(strchr(html, '\r'));
	close_page(&p);
}

static const ft_test tests[] = {
    {"the page: heading, regions, entries, legend, nothing to fetch", test_page},
    {"an entry: figure, badges, changes, claims, not counted", test_entry},
    {"a chart per entry, and chart_days", test_charts},
    {"the golden report", test_golden},
    {"hostile names", test_hostile},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("report_html", tests);
}
