/*
 * Tests for the Markdown reports (report/markdown.c): the situation
 * report's headings, tables and details for the example dataset and for
 * tests/data/reports/markdown-cases.json (a region chain eight deep, a
 * contested pair, retraction, supersession, a denial and a projection),
 * the claims report, and the escaping of hostile text
 * (tests/data/reports/hostile.json). Two golden files hold whole reports
 * byte for byte; the figures the other tests look for are worked out by
 * hand beside them. tests/consumers/markdown.sh renders the same reports
 * with cmark-gfm, the real consumer.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "forcetrack.h"
#include "test-util.h"

#define BUILDUP "examples/data/buildup-2021-12.json"
#define SPRING  "examples/data/spring-2021.json"
#define CASES   "tests/data/reports/markdown-cases.json"
#define HOSTILE "tests/data/reports/hostile.json"

/* The head of every region's table: its header and delimiter rows. */
#define TABLE_HEAD                                                                                               \
	"| Actor | Measure | Best | Low | High | Flags | Voices | Claims | Change, 7 days | Change, 30 days |\n" \
	"| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | --- | --- |\n"

static ft_dataset *load(const char *relative)
{
	char *path = ft_test_source_path(relative);
	ft_error err;
	ft_dataset *ds = ft_dataset_load_file(path, NULL, &err);
	if (!ds) {
		char line[1024];
		ft_error_format(&err, line, sizeof line);
		fprintf(stderr, "\n    %s does not load: %s\n", relative, line);
	}
	g_free(path);
	return ds;
}

static ft_time day(const char *text)
{
	ft_time t;
	memset(&t, 0, sizeof t);
	CU_ASSERT_EQUAL_FATAL(ft_time_parse(text, &t, NULL), 0);
	return t;
}

/* The Markdown situation report of `ds` on `at` (NULL: the default day),
 * with `ro` (NULL: the defaults); ft_free. */
static char *situation(const ft_dataset *ds, const char *at, const ft_render_options *ro)
{
	ft_situation_options so = FT_SITUATION_OPTIONS_INIT;
	if (at)
		so.at = day(at);
	ft_situation *s = NULL;
	ft_error err;
	CU_ASSERT_EQUAL_FATAL(ft_situation_new(ds, &so, &s, &err), 0);
	char *text = ft_situation_render(s, FT_FORMAT_MARKDOWN, ro, &err);
	ft_situation_free(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	return text;
}

/* The lines of `text` that begin with `prefix`, each followed by a newline
 * (g_free). */
static char *lines_with_prefix(const char *text, const char *prefix)
{
	GString *out = g_string_new(NULL);
	char **lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++)
		if (g_str_has_prefix(*l, prefix))
			g_string_append_printf(out, "%s\n", *l);
	g_strfreev(lines);
	return g_string_free(out, FALSE);
}

/* Asserts that `text` holds `part`, showing the text when it does not. */
static void expect(const char *text, const char *part)
{
	const char *at = strstr(text, part);
	if (!at)
		fprintf(stderr, "\n    missing:\n%s\n    in:\n%s\n", part, text);
	CU_ASSERT_PTR_NOT_NULL(at);
}

/* Asserts that `got` is `want`, naming what differs. */
static void expect_equal(const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fprintf(stderr, "\n    got:\n%s\n    want:\n%s\n", got, want);
	CU_ASSERT_STRING_EQUAL(got, want);
}

/* The pipes of a line that are not backslash-escaped. */
static size_t bare_pipes(const char *line)
{
	size_t n = 0;
	for (const char *p = line; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		n += *p == '|';
	}
	return n;
}

/* 1 when every `c` in `text` has a backslash before it. */
static int always_escaped(const char *text, char c)
{
	for (const char *p = strchr(text, c); p; p = strchr(p + 1, c))
		if (p == text || p[-1] != '\\')
			return 0;
	return 1;
}

/*
 * The example dataset on 2021-12-03, as known then. RU in ua-border,
 * personnel: the ua-gov voice has c-hur-92k (observed 11-20), c-ua-94k
 * (12-01) and c-mod-94300 (reported 12-03, observed as reported); the
 * latest observed wins, the others are same-voice, and c-us-175k is a
 * projection: about 94,300, within 10% either way, 84,870-103,730, one
 * voice and one claim, weight C 0.6 x 2 0.8 = 0.480 at age 0. Seven days
 * before (11-26, as known then) only c-hur-92k was reported and observed:
 * at least 92,000, best 92,000, so +2,300. Thirty days before (11-03)
 * nothing was reported. Regions: ua-border and UA are roots (##), donbas
 * lies under UA (###); crimea, donetsk and luhansk have no claims and no
 * heading.
 */
static void test_structure(void)
{
	ft_dataset *ds = load(BUILDUP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	char *text = situation(ds, "2021-12-03", NULL);

	CU_ASSERT(g_str_has_prefix(text,
	                           "# Situation report, 2021-12-03\n\nRussian build-up near Ukraine, "
	                           "December 2021\n\nAs known on 2021-12-03: 7 of the dataset's 7 claims"));
	char *headings = lines_with_prefix(text, "#");
	expect_equal(headings, "# Situation report, 2021-12-03\n"
	                       "## Near Ukraine's borders (ua-border)\n"
	                       "## Ukraine (UA)\n"
	                       "### Donbas (donbas)\n");
	g_free(headings);

	/* The same figures as the estimate of the same query (forcetrack
	 * estimate --at 2021-12-03 --known-on 2021-12-03). */
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	o.at = o.known_on = day("2021-12-03");
	ft_estimate est = FT_ESTIMATE_INIT;
	CU_ASSERT_EQUAL_FATAL(ft_estimate_compute(ds, ft_dataset_find_actor(ds, "RU"),
	                                          ft_dataset_find_region(ds, "ua-border"), NULL, &o, &est,
	                                          NULL),
	                      0);
	CU_ASSERT_EQUAL(est.best, 94300);
	CU_ASSERT_EQUAL(est.low, 84870);
	CU_ASSERT_EQUAL(est.high, 103730);
	CU_ASSERT_EQUAL(est.voices, 1);
	CU_ASSERT_EQUAL(est.claims, 1);
	ft_estimate_clear(&est);
	/* A table per region: RU's two measures in ua-border, UA in UA and
	 * in donbas. */
	static const char ru_rows[] =
	    "| Russia (RU) | personnel | 94,300 | 84,870 | 103,730 |  | 1 | 1 | +2,300 since 2021-11-26 | no "
	    "estimate 30 days before (2021-11-03) |\n"
	    "| Russia (RU) | btg | 50 | 45 | 55 |  | 1 | 1 | no estimate 7 days before (2021-11-26) | no "
	    "estimate 30 days before (2021-11-03) |\n";
	static const char ua_row[] =
	    "| Ukraine (UA) | personnel | 125,000 | 112,500 | 137,500 |  | 1 | 1 | no "
	    "estimate 7 days before (2021-11-26) | no estimate 30 days before (2021-11-03) |\n";
	char *want = g_strconcat(TABLE_HEAD, ru_rows, TABLE_HEAD, ua_row, TABLE_HEAD, ua_row, NULL);
	char *rows = lines_with_prefix(text, "| ");
	expect_equal(rows, want);
	g_free(want);
	g_free(rows);

	/* The details: the figure as its one claim said it, the claim with its
	 * grades (C2), and what was not counted in ft__not_counted's order
	 * (the projection before the same-voice claims, which keep dataset
	 * order). */
	expect(
	    text,
	    "\n**Russia (RU), personnel:** about 94,300 (84,870-103,730); 1 voice, 1 claim\n\nCounted:\n\n"
	    "- c-mod-94300: about 94,300, weight 0.480; Oleksii Reznikov, Minister of Defence of Ukraine; "
	    "speaking of its adversary; grades C2\n\nNot counted:\n\n"
	    "- c-us-175k (projection): a projection; projections were not asked for\n"
	    "- c-ua-94k (same-voice): same voice as c-mod-94300, which was observed later\n"
	    "- c-hur-92k (same-voice): same voice as c-mod-94300, which was observed later\n");
	/* c-ru-125k counts in UA rolled up from donbas, with its quote as a
	 * block quote in its list item: D 0.4 x 4 0.4 x 0.5^(1/14) = 0.152. */
	expect(
	    text,
	    "- c-ru-125k: about 125,000, weight 0.152; Kremlin spokesman (not named in the article) "
	    "via Daily Mail (MailOnline); speaking of its adversary; grades D4; rolled up from UA in "
	    "donbas\n  > Russia claimed today that Ukraine had sent half its standing army, or 125,000 troops,");
	/* The legend closes the report. */
	CU_ASSERT(g_str_has_suffix(text, "(half every 14 days).\n"));
	ft_free(text);
	ft_dataset_free(ds);
}

/*
 * markdown-cases.json on 2021-12-01. RU in r0: k1, about 100,000 from
 * ua-spox (graded F, so it speaks with its parent ua's C: 0.6 x 2 0.8 =
 * 0.48), entries 90,000 and 110,000; k2, 60,000 from us (B2: 0.64), entry
 * 60,000 twice. Half the weight of the entries, (2 x 0.48 + 2 x 0.64) / 2 =
 * 1.12, is reached at 60,000 (0.64, 1.28): best 60,000. Both are current
 * (0.48 >= 0.32): 60,000-110,000. Their ranges do not meet and k2 disputes
 * k1: contested, one pair of 0.48 x 0.64 = 0.3072. UA: k5, 1,000 in r7,
 * eight levels down, so an entry in every region of the chain: ## Alpha,
 * ### Beta, then #### with the path, whose middle is counted beyond six
 * names. RU in south: k3 retracted on 11-28, k7 a denial, k6 a projection,
 * k4 counted: 45,000, D3 0.24 x 0.5^(8/14) = 0.162 (reported 11-22, eight
 * days before T begins); on 11-24 k4 was already the figure (k3
 * superseded, not yet retracted): no change. The region "empty" has no
 * claim and no heading.
 */
static void test_levels_and_disagreement(void)
{
	ft_dataset *ds = load(CASES);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	char *text = situation(ds, "2021-12-01", NULL);
	char *headings = lines_with_prefix(text, "#");
	expect_equal(headings, "# Situation report, 2021-12-01\n"
	                       "## Alpha (r0)\n"
	                       "### Beta (r1)\n"
	                       "#### Alpha › Beta › Gamma (r2)\n"
	                       "#### Alpha › Beta › Gamma › Delta (r3)\n"
	                       "#### Alpha › Beta › Gamma › Delta › Epsilon (r4)\n"
	                       "#### Alpha › Beta › Gamma › Delta › Epsilon › Zeta (r5)\n"
	                       "#### Alpha › Beta › … 2 more › Epsilon › Zeta › Eta (r6)\n"
	                       "#### Alpha › Beta › … 3 more › Zeta › Eta › Theta (r7)\n"
	                       "## South (south)\n");
	g_free(headings);
	expect(text,
	       "\n| Russia (RU) | personnel | 60,000 | 60,000 | 110,000 | CONTESTED (1 pair) | 2 | 2 | no "
	       "estimate 7 days before (2021-11-24) | no estimate 30 days before (2021-11-01) |\n"
	       "| Ukraine (UA) | personnel | 1,000 | 1,000 | 1,000 |  | 1 | 1 |");
	expect(text,
	       "\n**Russia (RU), personnel:** 60,000 (range 60,000-110,000); 2 voices, 2 claims\n\n"
	       "Disagreeing pairs:\n\n"
	       "- k1 (Its spokesman) and k2 (US intelligence), weight 0.307; their ranges do not meet; one "
	       "disputes the other\n\nCounted:\n\n"
	       "- k1: about 100,000, weight 0.480; Its spokesman via The Paper; speaking of its adversary; "
	       "grades C2\n  > First line\n  > second line\n"
	       "- k2: 60,000, weight 0.640; US intelligence; a third party; grades B2\n");
	expect(
	    text,
	    "\n| Russia (RU) | personnel | 45,000 | 45,000 | 45,000 |  | 1 | 1 | no change since 2021-11-24 |");
	expect(
	    text,
	    "- k4: 45,000, weight 0.162; Ministry of Defence of Russia; speaking of its own side; grades D3\n\n"
	    "Not counted:\n\n"
	    "- k3 (retracted): retracted 2021-11-28\n"
	    "- k7 (denial): a denial states no figure\n"
	    "- k6 (projection): a projection; projections were not asked for\n");
	CU_ASSERT_PTR_NULL(strstr(text, "Nobody speaks of it"));
	ft_free(text);
	ft_dataset_free(ds);
}

/* Compares `text` with the golden file tests/data/reports/`name`, byte for
 * byte; on a difference it leaves the text beside the build's tests to be
 * compared by eye. */
static void expect_golden(const char *text, const char *name)
{
	char *relative = g_build_filename("tests", "data", "reports", name, NULL);
	char *path = ft_test_source_path(relative);
	char *want = ft_test_read_file(path, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(want);
	if (strcmp(text, want) != 0) {
		char *actual = g_strdup_printf("%s/tests/%s.actual", FT_BINARY_DIR, name);
		g_file_set_contents(actual, text, -1, NULL);
		fprintf(stderr, "\n    %s differs: diff %s %s\n", relative, path, actual);
		g_free(actual);
	}
	CU_ASSERT_STRING_EQUAL(text, want);
	g_free(want);
	g_free(path);
	g_free(relative);
}

/* The golden situation report: what `forcetrack report --at 2021-12-03
 * --format md` writes for the example dataset (its title is the
 * dataset's, as the defaults give it). */
static void test_golden_situation(void)
{
	ft_dataset *ds = load(BUILDUP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	char *text = situation(ds, "2021-12-03", NULL);
	expect_golden(text, "buildup-2021-12.md");
	ft_free(text);
	ft_dataset_free(ds);
}

/* The golden claims report: what examples/claims-report writes for the
 * spring dataset. */
static void test_golden_claims(void)
{
	ft_dataset *ds = load(SPRING);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_error err;
	char *text = ft_dataset_render_claims(ds, FT_FORMAT_MARKDOWN, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	expect_golden(text, "spring-2021-claims.md");
	/* c-borrell-100k lists c-borrell-150k in supersedes: each says so. */
	expect(
	    text,
	    "- **c-borrell-150k**: at least 150,000 personnel, reported 2021-04-19\n"
	    "  - source: Josep Borrell, EU High Representative for Foreign Affairs and Security Policy via "
	    "Reuters, Devdiscourse (carrying Reuters); reliability C; credibility 5\n"
	    "  - superseded by c-borrell-100k (reported 2021-04-19)\n");
	expect(text,
	       "- **c-borrell-100k**: at least 100,000 personnel, reported 2021-04-19\n"
	       "  - source: European External Action Service via TRT World; reliability C; credibility 3\n"
	       "  - supersedes c-borrell-150k\n");
	ft_free(text);
	ft_dataset_free(ds);
}

/*
 * The claims report of markdown-cases.json: a heading per (region,
 * subject), regions and actors in dataset order, so k5 (UA in r7) comes
 * between r0's claims and south's although it lies between k4 and k6 in
 * the dataset; each claim with what it says, the source with the grade it
 * is weighed with (ua-spox is graded F and speaks with ua's C), what
 * superseded it (k4 and k6 both list k3), its retraction, disputes, link
 * (a space and <> percent-encoded, & and () escaped) or a URL that is no
 * web link as text, tags, and its quote as a block quote over two lines.
 */
static void test_claims(void)
{
	ft_dataset *ds = load(CASES);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_error err;
	char *text = ft_dataset_render_claims(ds, FT_FORMAT_MARKDOWN, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT(g_str_has_prefix(text, "# Cases for the Markdown reports\n\n7 claims, "));
	char *headings = lines_with_prefix(text, "#");
	expect_equal(headings, "# Cases for the Markdown reports\n"
	                       "## Alpha (r0) — Russia (RU)\n"
	                       "## Theta (r7) — Ukraine (UA)\n"
	                       "## South (south) — Russia (RU)\n");
	g_free(headings);
	char *items = lines_with_prefix(text, "- **");
	expect_equal(
	    items,
	    "- **k1**: about 100,000 personnel, observed 2021-12-01, reported 2021-12-01\n"
	    "- **k2**: 60,000 personnel, reported 2021-12-01\n"
	    "- **k5**: 1,000 personnel, reported 2021-12-01\n"
	    "- **k3**: up to 40,000 personnel, reported 2021-11-20\n"
	    "- **k4**: 45,000 personnel, reported 2021-11-22\n"
	    "- **k6**: 42,000 personnel, a projection, observed 2022-01 to 2022-02, reported 2021-11-23\n"
	    "- **k7**: a denial (personnel), reported 2021-11-24\n");
	g_free(items);
	expect(text, "- **k1**: about 100,000 personnel, observed 2021-12-01, reported 2021-12-01\n"
	             "  - source: Its spokesman via The Paper; reliability C (of ua); credibility 2\n"
	             "  - link: [https\\://example.org/a b?x=\\<y\\>\\&z=(1)]"
	             "(https://example.org/a%20b?x=%3Cy%3E\\&z=\\(1\\))\n"
	             "  > First line\n"
	             "  > second line\n"
	             "- **k2**: 60,000 personnel, reported 2021-12-01\n"
	             "  - source: US intelligence; reliability B; credibility 2\n"
	             "  - disputes k1\n");
	expect(text, "- **k3**: up to 40,000 personnel, reported 2021-11-20\n"
	             "  - source: Ministry of Defence of Russia; reliability D; credibility 3\n"
	             "  - superseded by k4 (reported 2021-11-22), k6 (reported 2021-11-23)\n"
	             "  - retracted on 2021-11-28\n"
	             "  - tags: retracted, x\\*y\n"
	             "- **k4**: 45,000 personnel, reported 2021-11-22\n"
	             "  - source: Ministry of Defence of Russia; reliability D; credibility 3\n"
	             "  - supersedes k3\n");
	expect(text, "- **k7**: a denial (personnel), reported 2021-11-24\n"
	             "  - source: Ministry of Defence of Russia; reliability D; credibility 5\n"
	             "  - URL, not a web link: javascript:alert(1)\n");
	CU_ASSERT_PTR_NULL(strstr(text, "](javascript"));
	ft_free(text);

	/* The caller's title and note, escaped like the dataset's text. */
	ft_render_options ro = FT_RENDER_OPTIONS_INIT;
	ro.title = "A *title*";
	ro.note = "[a note](x)";
	text = ft_dataset_render_claims(ds, FT_FORMAT_MARKDOWN, &ro, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT(g_str_has_prefix(text, "# A \\*title\\*\n\n\\[a note\\](x)\n\n7 claims, "));
	ft_free(text);

	/* Punctuation that starts something only where it stands is escaped
	 * there alone: a list marker, a quote or an underline at the start of
	 * a text (which may begin a line), "1." or "2)" after digits at the
	 * start, the "://" and "www." that GitHub autolinks; elsewhere "-",
	 * "=", "+", "." and ":" read as written. */
	static const struct {
		const char *title, *want;
	} starts[] = {
	    {"- a list? no", "# \\- a list? no\n"},
	    {"+1 = 2 - 1", "# \\+1 = 2 - 1\n"},
	    {"> not a quote", "# \\> not a quote\n"},
	    {"=== not a rule", "# \\=== not a rule\n"},
	    {"1994. A year", "# 1994\\. A year\n"},
	    {"2) second", "# 2\\) second\n"},
	    {"see www.evil.example or WWW.x.org", "# see www\\.evil.example or WWW\\.x.org\n"},
	    {"at https://evil.example/a:b", "# at https\\://evil.example/a:b\n"},
	    {"build-up: 1.5 times, a-b=c", "# build-up: 1.5 times, a-b=c\n"},
	    {"awww.not-a-host", "# awww.not-a-host\n"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(starts); i++) {
		ro.title = starts[i].title;
		ro.note = NULL;
		text = ft_dataset_render_claims(ds, FT_FORMAT_MARKDOWN, &ro, &err);
		CU_ASSERT_PTR_NOT_NULL_FATAL(text);
		if (!g_str_has_prefix(text, starts[i].want))
			fprintf(stderr, "\n    title \"%s\": %.60s\n", starts[i].title, text);
		CU_ASSERT(g_str_has_prefix(text, starts[i].want));
		ft_free(text);
	}
	ft_dataset_free(ds);
}

/*
 * What every Markdown report of hostile.json must hold to: no raw HTML
 * (every < escaped), no entity (every & escaped), no code span (every `
 * escaped), no emphasis from the data, nothing that drives a terminal
 * or reorders the text (the bell and the bidi override shown as escapes),
 * and a table row of exactly its eleven cell borders however many pipes
 * the names hold.
 */
static void expect_safe(const char *text)
{
	expect(text, "\\<script\\>");
	CU_ASSERT(always_escaped(text, '<'));
	CU_ASSERT(always_escaped(text, '&'));
	CU_ASSERT(always_escaped(text, '`'));
	expect(text, "\\`code\\` \\*em\\* \\| pipe");
	/* The bell and U+009B of "\u0007bell \u009b31m \u202eevil". */
	expect(text, "\\u0007bell \\u009b31m \\u202eevil");
	CU_ASSERT_PTR_NULL(strstr(text, "\xe2\x80\xae"));
	CU_ASSERT_PTR_NULL(strstr(text, "\xc2\x9b"));
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f) {
			CU_FAIL("a control character");
			break;
		}
	/* The quote's tab is a space; its LF and its CR LF each continue the
	 * block quote. */
	expect(text, "\"qq\" tab\n  > newline\n  > crlf \\u0007 \\]\\]\\> --\\> ");
}

static void test_hostile(void)
{
	ft_dataset *ds = load(HOSTILE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_render_options ro = FT_RENDER_OPTIONS_INIT;
	ro.note = "*chosen* <b>for</b> you";
	char *text = situation(ds, NULL, &ro);
	expect_safe(text);
	CU_ASSERT(always_escaped(text, '['));
	CU_ASSERT(always_escaped(text, ']'));
	CU_ASSERT(g_str_has_prefix(text, "# Situation report, 2021-12-01\n\n"
	                                 "\\<script\\>alert('title')\\</script\\> \\& \"co\"\n\n"
	                                 "\\*chosen\\* \\<b\\>for\\</b\\> you\n"));
	/* A tab and a newline in a heading are spaces: one line. */
	expect(text, "\n## \\</svg\\>\\<svg onload=alert(1)\\> zone line2 (border)\n");
	char *rows = lines_with_prefix(text, "|");
	char **lines = g_strsplit(rows, "\n", -1);
	size_t n = 0;
	for (char **l = lines; *l && **l; l++, n++)
		if (bare_pipes(*l) != 11) {
			fprintf(stderr, "\n    not 10 cells: %s\n", *l);
			CU_FAIL("a table row of another shape");
		}
	/* Three regions: a header, a delimiter and one row each. */
	CU_ASSERT_EQUAL(n, 9);
	g_strfreev(lines);
	g_free(rows);
	expect(
	    text,
	    "| \\<script\\>alert(1)\\</script\\> \\& \"Russia\" 'x' (RU) | personnel | 124,000 |");
	ft_free(text);

	ft_error err;
	text = ft_dataset_render_claims(ds, FT_FORMAT_MARKDOWN, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	expect_safe(text);
	expect(
	    text,
	    "  - link: [https\\://example.org/a?b=1\\&c=\\<2\\>](https://example.org/a?b=1\\&c=%3C2%3E)\n");
	expect(
	    text,
	    "  - source: \\-2+3+cmd\\|' /C calc'!A0 via \\=1+1 \"outlet\" \\<b\\>\\&amp;\\</b\\>;");
	ft_free(text);
	ft_dataset_free(ds);
}

/* The string and the stream get the same bytes; a series writes each
 * report in turn; the claims have no text format, and say which they
 * have. */
static void test_delivery(void)
{
	ft_dataset *ds = load(BUILDUP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_situation_options so = FT_SITUATION_OPTIONS_INIT;
	ft_situation *s[2] = {NULL, NULL};
	so.at = day("2021-12-01");
	CU_ASSERT_EQUAL_FATAL(ft_situation_new(ds, &so, &s[0], NULL), 0);
	so.at = day("2021-12-03");
	CU_ASSERT_EQUAL_FATAL(ft_situation_new(ds, &so, &s[1], NULL), 0);
	ft_error err;
	char *text = ft_situation_render(s[1], FT_FORMAT_MARKDOWN, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	FILE *fp = tmpfile();
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	CU_ASSERT_EQUAL(ft_situation_write(s[1], FT_FORMAT_MARKDOWN, NULL, fp, &err), 0);
	CU_ASSERT_EQUAL(ftell(fp), (long)strlen(text));
	CU_ASSERT_EQUAL(
	    ft_situation_series_write((const ft_situation *const *)s, 2, FT_FORMAT_MARKDOWN, NULL, fp, &err),
	    0);
	fflush(fp);
	long size = ftell(fp);
	rewind(fp);
	char *all = g_malloc((size_t)size + 1);
	CU_ASSERT_EQUAL(fread(all, 1, (size_t)size, fp), (size_t)size);
	all[size] = '\0';
	fclose(fp);
	CU_ASSERT_EQUAL(memcmp(all, text, strlen(text)), 0);
	char *headings = lines_with_prefix(all + strlen(text), "# ");
	expect_equal(headings, "# Situation report, 2021-12-01\n# Situation report, 2021-12-03\n");
	g_free(headings);
	g_free(all);
	ft_free(text);
	ft_situation_free(s[0]);
	ft_situation_free(s[1]);

	CU_ASSERT_PTR_NULL(ft_dataset_render_claims(ds, FT_FORMAT_TEXT, NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	expect(err.text, "md");
	ft_dataset_free(ds);
}

int main(void)
{
	static const ft_test tests[] = {
	    {"situation report: headings, table row, details", test_structure},
	    {"situation report: deep regions, a contested pair", test_levels_and_disagreement},
	    {"situation report: golden file", test_golden_situation},
	    {"claims report: golden file, supersession", test_golden_claims},
	    {"claims report: groups, grades, links, retraction", test_claims},
	    {"hostile text escaped in both reports", test_hostile},
	    {"string, stream and series", test_delivery},
	    {NULL, NULL},
	};
	return ft_test_run("report_markdown", tests);
}
