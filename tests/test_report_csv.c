/*
 * Tests for the CSV exports (report/csv.c): the claims of a dataset, a
 * situation report and a series of them, and a timeline. Each table is
 * read back with a strict RFC 4180 reader written here (CRLF ends every
 * row, quotes only around a whole cell), so that the tests see the cells
 * a spreadsheet or pandas sees: their columns, their values, worked out by
 * hand from docs/estimation.md and checked against the library's own
 * estimate of the same query, the quoting of commas, quotes, CR and LF,
 * and the leading ' of every text cell a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR, LF), while numbers, a negative change
 * among them, stay numbers. The example tables are compared byte for byte
 * with their golden files in tests/data/reports/.
 */
#include <glib.h>
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

/* ---- A strict reader ------------------------------------------------------ */

/* A table read back: rows of cells (strings), and whether every row
 * ended in CRLF and every quote stood where RFC 4180 allows it. */
typedef struct table {
	GPtrArray *rows;
	int well_formed;
} table;

static void free_row(gpointer row)
{
	g_ptr_array_free(row, TRUE);
}

static table parse(const char *text)
{
	table t = {g_ptr_array_new_with_free_func(free_row), 1};
	GPtrArray *row = g_ptr_array_new_with_free_func(g_free);
	GString *cell = g_string_new(NULL);
	const char *p = text;
	while (*p) {
		if (*p == '"') {
			for (p++;; p++) {
				if (!*p) {
					t.well_formed = 0;
					break;
				}
				if (*p == '"' && p[1] == '"') {
					g_string_append_c(cell, '"');
					p++;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					g_string_append_c(cell, *p);
				}
			}
		} else {
			for (; *p && *p != ',' && *p != '\r' && *p != '\n'; p++) {
				if (*p == '"')
					t.well_formed = 0;
				g_string_append_c(cell, *p);
			}
		}
		g_ptr_array_add(row, g_string_free(cell, FALSE));
		cell = g_string_new(NULL);
		if (*p == ',') {
			p++;
			continue;
		}
		if (p[0] == '\r' && p[1] == '\n')
			p += 2;
		else if (*p)
			/* a bare CR or LF outside quotes, or text after a
			 * closing quote */
			t.well_formed = 0, p++;
		else
			t.well_formed = 0; /* no CRLF after the last row */
		g_ptr_array_add(t.rows, row);
		row = g_ptr_array_new_with_free_func(g_free);
	}
	g_string_free(cell, TRUE);
	g_ptr_array_free(row, TRUE);
	return t;
}

static void table_clear(table *t)
{
	g_ptr_array_free(t->rows, TRUE);
}

static const char *cell_at(const table *t, size_t row, size_t column)
{
	GPtrArray *r = g_ptr_array_index(t->rows, row);
	return column < r->len ? g_ptr_array_index(r, column) : NULL;
}

/* The index of a column of the header row; the test stops without it. */
static size_t column(const table *t, const char *name)
{
	GPtrArray *header = g_ptr_array_index(t->rows, 0);
	for (size_t i = 0; i < header->len; i++)
		if (strcmp(g_ptr_array_index(header, i), name) == 0)
			return i;
	fprintf(stderr, "\n    no column %s\n", name);
	CU_FAIL_FATAL("no such column");
	return 0;
}

/* The cell of row `row` in the column named `name`. */
static const char *get(const table *t, size_t row, const char *name)
{
	return cell_at(t, row, column(t, name));
}

/* The first row whose cell in column `name` is `value` and, when `name2`
 * is not NULL, whose cell in `name2` is `value2`; the test stops without
 * one. */
static size_t row_where(const table *t, const char *name, const char *value, const char *name2,
                        const char *value2)
{
	for (size_t r = 1; r < t->rows->len; r++)
		if (strcmp(get(t, r, name), value) == 0 && (!name2 || strcmp(get(t, r, name2), value2) == 0))
			return r;
	fprintf(stderr, "\n    no row with %s = %s\n", name, value);
	CU_FAIL_FATAL("no such row");
	return 0;
}

/* Every text cell of `t` (the header aside) that a spreadsheet would run
 * as a formula; 0 when none is left. */
static size_t formula_cells(const table *t)
{
	size_t found = 0;
	for (size_t r = 1; r < t->rows->len; r++) {
		GPtrArray *row = g_ptr_array_index(t->rows, r);
		for (size_t c = 0; c < row->len; c++) {
			const char *v = g_ptr_array_index(row, c);
			if (v[0] && strchr("=+-@\t\r\n", v[0])) {
				fprintf(stderr, "\n    row %zu, column %zu runs as a formula: %s\n", r, c, v);
				found++;
			}
		}
	}
	return found;
}

static char *claims_csv(const ft_dataset *ds)
{
	ft_error err;
	char *text = ft_dataset_render_claims(ds, FT_FORMAT_CSV, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	return text;
}

static char *situation_csv(const ft_situation *s)
{
	ft_error err;
	char *text = ft_situation_render(s, FT_FORMAT_CSV, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	return text;
}

/* A timeline of RU in ua-border of the spring dataset, every 7 days from
 * 2021-03-01 to `to`, each point as known on its own date. */
static void spring_timeline(const ft_dataset *ds, const char *to, ft_timeline *tl)
{
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	o.from = report_time("2021-03-01");
	o.to = report_time(to);
	ft_error err;
	CU_ASSERT_EQUAL_FATAL(ft_timeline_compute(ds, ft_dataset_find_actor(ds, "RU"),
	                                          ft_dataset_find_region(ds, "ua-border"), NULL, &o, tl,
	                                          &err),
	                      0);
}

/* ---- The claims ------------------------------------------------------------ */

static const char claim_header[] =
    "id,subject,subject_name,region,region_name,unit,measure,qualifier,value,low,high,kind,date_start,"
    "date_end,date_prec,reported,source,source_original,source_office,reliability,credibility,supersedes,"
    "disputes,retracted,quote,url,note,tags\r\n";

static void test_claims_example(void)
{
	ft_dataset *ds = report_load(BUILDUP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	char *text = claims_csv(ds);
	report_golden("buildup-2021-12-claims.csv", text);
	/* No byte-order mark: the header is the first thing. */
	CU_ASSERT(g_str_has_prefix(text, claim_header));
	table t = parse(text);
	CU_ASSERT(t.well_formed);
	/* A header and the dataset's 7 claims, in dataset order, 28 cells a
	 * row. */
	CU_ASSERT_EQUAL(t.rows->len, 8);
	for (size_t r = 0; r < t.rows->len; r++)
		CU_ASSERT_EQUAL(((GPtrArray *)g_ptr_array_index(t.rows, r))->len, 28);
	CU_ASSERT_STRING_EQUAL(cell_at(&t, 1, 0), "c-ua-94k");
	CU_ASSERT_STRING_EQUAL(cell_at(&t, 7, 0), "c-us-50btg");

	/* "some 94,000": approx, the figure as said, no bounds stated (the
	 * 84,600-103,400 of "about" is the estimator's, not the source's). */
	size_t r = row_where(&t, "id", "c-ua-94k", NULL, NULL);
	CU_ASSERT_STRING_EQUAL(get(&t, r, "subject"), "RU");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "subject_name"), "Russia");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "region"), "ua-border");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "region_name"), "Near Ukraine's borders");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "unit"), "");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "measure"), "personnel");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "qualifier"), "approx");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "value"), "94000");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "low"), "");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "high"), "");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "kind"), "observation");
	/* Observed on the day 2021-12-01. */
	CU_ASSERT_STRING_EQUAL(get(&t, r, "date_start"), "2021-12-01");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "date_end"), "2021-12-01");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "date_prec"), "day");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "reported"), "2021-12-01");
	/* The claimant is UCDP's source_original, the outlet its
	 * source_office; the grades are the source's C and the claim's 2. */
	CU_ASSERT_STRING_EQUAL(get(&t, r, "source"), "ua-gov");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "source_original"), "Government of Ukraine");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "source_office"), "Daily Mail (MailOnline)");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "reliability"), "C");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "credibility"), "2");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "tags"), "seed-article; build-up");
	CU_ASSERT(g_str_has_prefix(get(&t, r, "quote"), "Vladimir Putin has sent some 94,000 troops"));
	/* The quote holds commas: it is quoted in the text. */
	CU_ASSERT_PTR_NOT_NULL(strstr(text, ",\"Vladimir Putin has sent some 94,000 troops"));

	/* "more than 92,000": at-least, its figure as `value`, no observed
	 * time of its own (as of reported): the three date cells empty. */
	r = row_where(&t, "id", "c-hur-92k", NULL, NULL);
	CU_ASSERT_STRING_EQUAL(get(&t, r, "qualifier"), "at-least");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "value"), "92000");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "low"), "");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "date_start"), "");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "date_end"), "");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "date_prec"), "");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "source_original"),
	                       "Kyrylo Budanov, chief of Defence Intelligence of Ukraine");

	/* A projection observed {"from": "2022-01", "to": "2022-03"}: from
	 * the first day of January to the last of March, to the month. */
	r = row_where(&t, "id", "c-us-175k", NULL, NULL);
	CU_ASSERT_STRING_EQUAL(get(&t, r, "kind"), "projection");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "qualifier"), "at-most");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "value"), "175000");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "date_start"), "2022-01-01");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "date_end"), "2022-03-31");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "date_prec"), "month");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "reliability"), "B");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "credibility"), "3");
	/* A measure other than personnel. */
	CU_ASSERT_STRING_EQUAL(get(&t, row_where(&t, "id", "c-us-50btg", NULL, NULL), "measure"), "btg");
	table_clear(&t);
	ft_free(text);
	ft_dataset_free(ds);
}

/*
 * Every field a claim can have, and every cell that needs quoting or
 * neutralising: names with a comma and with quotes, regions whose names
 * begin with a tab, a CR and an LF, a note beginning with "-", a quote with
 * "=" inside (not at the start: no formula), a note with CR and LF inside.
 */
static const char fields_text[] =
    "{\"forcetrack\": \"1.0\","
    " \"actors\": [{\"id\": \"RU\", \"name\": \"Smith, John\", \"opposes\": [\"UA\"]},"
    "  {\"id\": \"UA\", \"name\": \"He said \\\"no\\\"\"}],"
    " \"regions\": [{\"id\": \"r1\", \"name\": \"\\tTab region\"},"
    "  {\"id\": \"r2\", \"name\": \"\\rCR region\", \"parent\": \"r1\"},"
    "  {\"id\": \"r3\", \"name\": \"\\nLF region\", \"parent\": \"r1\"}],"
    " \"units\": [{\"id\": \"u1\", \"name\": \"Unit 1\", \"actor\": \"RU\"}],"
    " \"sources\": [{\"id\": \"s\", \"name\": \"Source\", \"reliability\": \"B\"},"
    "  {\"id\": \"o1\", \"name\": \"Outlet One\"}, {\"id\": \"o2\", \"name\": \"Outlet, Two\"}],"
    " \"claims\": ["
    "  {\"id\": \"k0\", \"source\": \"s\", \"subject\": \"RU\", \"region\": \"r3\", \"value\": 5000,"
    "   \"observed\": {\"from\": \"2021-10-05\", \"to\": \"2021-11\"}, \"reported\": \"2021-11-01\", \"note\": \"line\\rbreak, line\\nbreak\"},"
    "  {\"id\": \"k1\", \"source\": \"s\", \"via\": [\"o1\", \"o2\"], \"subject\": \"RU\", \"unit\": \"u1\","
    "   \"region\": \"r1\", \"measure\": \"tanks\", \"value\": 150, \"low\": 100, \"high\": 200,"
    "   \"observed\": {\"from\": \"2021-11-30T23:30-05:00\"}, \"reported\": \"2021-12-02\","
    "   \"credibility\": 3, \"quote\": \"a=b\", \"url\": \"https://x.example/?a=1,2\", \"note\": \"-note\","
    "   \"tags\": [\"a tag\", \"b\"]},"
    "  {\"id\": \"k2\", \"source\": \"s\", \"subject\": \"UA\", \"region\": \"r2\", \"kind\": \"denial\","
    "   \"reported\": \"2021-12-03\", \"supersedes\": [\"k0\", \"k1\"], \"disputes\": [\"k1\"],"
    "   \"retracted\": \"2021-12-05\"}]}";

static ft_dataset *load_fields(void)
{
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer(fields_text, strlen(fields_text), "fields.json", NULL, &err);
	if (!ds) {
		char line[1024];
		ft_error_format(&err, line, sizeof line);
		fprintf(stderr, "\n    the dataset does not load: %s\n", line);
	}
	return ds;
}

static void test_claims_every_field(void)
{
	ft_dataset *ds = load_fields();
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	char *text = claims_csv(ds);
	table t = parse(text);
	CU_ASSERT_FATAL(t.well_formed);
	CU_ASSERT_EQUAL_FATAL(t.rows->len, 4);

	/* A range with a central figure: value is the central one, low and
	 * high the bounds, as the dataset writes them. */
	size_t r = row_where(&t, "id", "k1", NULL, NULL);
	CU_ASSERT_STRING_EQUAL(get(&t, r, "qualifier"), "range");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "value"), "150");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "low"), "100");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "high"), "200");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "unit"), "u1");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "measure"), "tanks");
	/* Two outlets by name, one of them with a comma. */
	CU_ASSERT_STRING_EQUAL(get(&t, r, "source_office"), "Outlet One; Outlet, Two");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "tags"), "a tag; b");
	/* Observed from 2021-11-30T23:30-05:00, which is 2021-12-01T04:30Z:
	 * the UTC day 2021-12-01; open after it; given to the minute. */
	CU_ASSERT_STRING_EQUAL(get(&t, r, "date_start"), "2021-12-01");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "date_end"), "");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "date_prec"), "minute");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "credibility"), "3");
	/* "=" inside a cell runs nothing: left as it is. */
	CU_ASSERT_STRING_EQUAL(get(&t, r, "quote"), "a=b");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "url"), "https://x.example/?a=1,2");

	/* Observed from 2021-10-05 to the end of November: given to the
	 * month, the coarser of its bounds. Credibility left out: 6. */
	r = row_where(&t, "id", "k0", NULL, NULL);
	CU_ASSERT_STRING_EQUAL(get(&t, r, "qualifier"), "exact");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "value"), "5000");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "date_start"), "2021-10-05");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "date_end"), "2021-11-30");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "date_prec"), "month");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "credibility"), "6");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "reliability"), "B");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "note"), "line\rbreak, line\nbreak");

	/* A denial states no figure: no qualifier, no value. Its references
	 * are ids joined by spaces; it was retracted. */
	r = row_where(&t, "id", "k2", NULL, NULL);
	CU_ASSERT_STRING_EQUAL(get(&t, r, "kind"), "denial");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "qualifier"), "");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "value"), "");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "supersedes"), "k0 k1");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "disputes"), "k1");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "retracted"), "2021-12-05");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "source_office"), "");
	table_clear(&t);
	ft_free(text);
	ft_dataset_free(ds);
}

static void test_quoting(void)
{
	ft_dataset *ds = load_fields();
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	char *text = claims_csv(ds);
	/* A comma, quotes (doubled), CR and LF each quote the cell; a cell
	 * without them is bare. */
	CU_ASSERT_PTR_NOT_NULL(strstr(text, ",RU,\"Smith, John\",r3,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, ",UA,\"He said \"\"no\"\"\",r2,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, ",\"line\rbreak, line\nbreak\","));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, ",s,Source,\"Outlet One; Outlet, Two\",B,3,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, ",a=b,\"https://x.example/?a=1,2\","));
	/* Neutralised first, then quoted as any cell: a tab needs no quotes,
	 * a CR and an LF do. */
	CU_ASSERT_PTR_NOT_NULL(strstr(text, ",r1,'\tTab region,u1,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, ",r2,\"'\rCR region\","));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, ",r3,\"'\nLF region\","));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, ",'-note,"));

	table t = parse(text);
	CU_ASSERT(t.well_formed);
	CU_ASSERT_EQUAL(formula_cells(&t), 0);
	/* Read back, each cell is the dataset's text, after the ' where one
	 * was put. */
	CU_ASSERT_STRING_EQUAL(get(&t, row_where(&t, "id", "k2", NULL, NULL), "subject_name"),
	                       "He said \"no\"");
	CU_ASSERT_STRING_EQUAL(get(&t, row_where(&t, "id", "k1", NULL, NULL), "region_name"),
	                       "'\tTab region");
	CU_ASSERT_STRING_EQUAL(get(&t, row_where(&t, "id", "k2", NULL, NULL), "region_name"), "'\rCR region");
	CU_ASSERT_STRING_EQUAL(get(&t, row_where(&t, "id", "k0", NULL, NULL), "region_name"), "'\nLF region");
	table_clear(&t);
	ft_free(text);
	ft_dataset_free(ds);
}

/*
 * The hostile dataset's formulas: region names beginning with "+" (sub)
 * and "@" (nogeo), a source named "-2+3+cmd|..." (s1), an outlet named
 * "=1+1 ..." (out), quotes beginning with "=", "+" and "@". Each is read
 * back with a leading ', and nothing in either table runs.
 */
static void test_formulas_neutralised(void)
{
	ft_dataset *ds = report_load(HOSTILE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	char *text = claims_csv(ds);
	table t = parse(text);
	CU_ASSERT_FATAL(t.well_formed);
	CU_ASSERT_EQUAL(formula_cells(&t), 0);
	size_t c1 = row_where(&t, "id", "c1", NULL, NULL);
	size_t c2 = row_where(&t, "id", "c2", NULL, NULL);
	size_t c3 = row_where(&t, "id", "c3", NULL, NULL);
	CU_ASSERT_STRING_EQUAL(get(&t, c1, "region_name"), "'+cmd|' /C calc'!A0 \a"
	                                                   "bell \xc2\x9b"
	                                                   "31m \xe2\x80\xae"
	                                                   "evil");
	CU_ASSERT_STRING_EQUAL(get(&t, c2, "region_name"), "'@SUM(1+1)*cmd|' /C calc'!A0");
	CU_ASSERT_STRING_EQUAL(get(&t, c1, "source_original"), "'-2+3+cmd|' /C calc'!A0");
	CU_ASSERT_STRING_EQUAL(get(&t, c1, "source_office"), "'=1+1 \"outlet\" <b>&amp;</b>");
	CU_ASSERT(g_str_has_prefix(get(&t, c1, "quote"), "'=HYPERLINK(\"http://evil.example\")"));
	CU_ASSERT_STRING_EQUAL(get(&t, c2, "quote"), "'+cmd|' /C calc'!A0");
	CU_ASSERT_STRING_EQUAL(get(&t, c3, "quote"), "'@import url(evil.css); </style>");
	/* Cells that run nothing are the dataset's text as it is. */
	CU_ASSERT_STRING_EQUAL(get(&t, c3, "region_name"), "</svg><svg onload=alert(1)>\tzone\nline2");
	CU_ASSERT_STRING_EQUAL(get(&t, c1, "url"), "https://example.org/a?b=1&c=<2>");
	/* The bare form of a neutralised cell, where nothing needs quotes. */
	CU_ASSERT_PTR_NOT_NULL(strstr(text, ",nogeo,'@SUM(1+1)*cmd|' /C calc'!A0,"));
	table_clear(&t);
	ft_free(text);

	/* The situation report's table: sub's name again, from an entry. */
	ft_situation *s = report_situation(ds, "2021-12-03", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	text = situation_csv(s);
	t = parse(text);
	CU_ASSERT(t.well_formed);
	CU_ASSERT_EQUAL(formula_cells(&t), 0);
	CU_ASSERT(
	    g_str_has_prefix(get(&t, row_where(&t, "region", "sub", NULL, NULL), "region_name"), "'+cmd"));
	table_clear(&t);
	ft_free(text);
	ft_situation_free(s);
	ft_dataset_free(ds);
}

/*
 * A number is never neutralised, not even a negative one: RU in ua-border
 * in the spring of 2021, weekly from 2021-03-01 to 2021-06-30, falls from
 * 100,000 on 2021-04-26 to 88,000 on 2021-05-24 (the library's alert: -12%,
 * past the threshold of 10%), and the alert cell of that row is the bare
 * number -12000.
 */
static void test_numbers_stay_numbers(void)
{
	ft_dataset *ds = report_load(SPRING);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_timeline tl = FT_TIMELINE_INIT;
	spring_timeline(ds, "2021-06-30", &tl);
	CU_ASSERT_FATAL(ft_timeline_alert_count(&tl) >= 2);
	const ft_alert *fall = ft_timeline_alert_at(&tl, 1);
	CU_ASSERT_EQUAL(fall->change, -12000);
	CU_ASSERT_EQUAL(ft_timeline_point_at(&tl, fall->from)->best, 100000);
	CU_ASSERT_EQUAL(ft_timeline_point_at(&tl, fall->to)->best, 88000);
	ft_error err;
	char *text = ft_timeline_render(&tl, FT_FORMAT_CSV, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "2021-05-24,2021-05-24,RU,ua-border,personnel,88000,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, ",-12000\r\n"));
	CU_ASSERT_PTR_NULL(strstr(text, "'-12000"));
	table t = parse(text);
	CU_ASSERT_STRING_EQUAL(get(&t, row_where(&t, "date", "2021-05-24", NULL, NULL), "alert"), "-12000");
	table_clear(&t);
	ft_free(text);
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

/* ---- Situation reports --------------------------------------------------------- */

static const char situation_header[] =
    "date,known_on,actor,actor_name,region,region_name,depth,measure,best,low,high,open_below,open_above,"
    "credible,number_of_sources,claims,contested,pairs,inconsistent,method,dataset_sha256\r\n";

/*
 * The example dataset on 2021-12-03, as known then (docs/estimation.md):
 * RU in ua-border, personnel: the three Ukrainian claims are one voice
 * (ua-mod, ua-hur and budanov lie under ua-gov), of which the latest
 * observed, c-mod-94300 ("about 94,300", reported and so observed on
 * 12-03), wins; c-us-175k is a projection and does not count. About
 * 94,300 within 10%: 84,870-103,730, one voice, one claim, weight C x 2 =
 * 0.6 x 0.8 = 0.48 (age 0). btg: c-us-50btg, about 50: 45-55 (the 100
 * btg are a projection). UA in donbas: c-ru-125k, about 125,000:
 * 112,500-137,500, and the same in UA, the region donbas lies in.
 */
static void test_situation_example(void)
{
	ft_dataset *ds = NULL;
	ft_situation *s = report_open(BUILDUP, "2021-12-03", NULL, &ds);
	char *text = situation_csv(s);
	report_golden("buildup-2021-12-estimates.csv", text);
	CU_ASSERT(g_str_has_prefix(text, situation_header));
	table t = parse(text);
	CU_ASSERT_FATAL(t.well_formed);
	/* The header and the four entries, in report order. */
	CU_ASSERT_EQUAL_FATAL(t.rows->len, 5);
	size_t r = row_where(&t, "region", "ua-border", "measure", "personnel");
	CU_ASSERT_EQUAL(r, 1);
	CU_ASSERT_STRING_EQUAL(get(&t, r, "date"), "2021-12-03");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "known_on"), "2021-12-03");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "actor"), "RU");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "actor_name"), "Russia");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "region_name"), "Near Ukraine's borders");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "depth"), "0");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "best"), "94300");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "low"), "84870");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "high"), "103730");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "open_below"), "0");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "open_above"), "0");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "credible"), "1");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "number_of_sources"), "1");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "claims"), "1");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "contested"), "0");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "pairs"), "0");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "inconsistent"), "0");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "method"), "weighted");

	/* The same figure as ft_estimate_compute gives for the same query. */
	ft_estimate est = FT_ESTIMATE_INIT;
	report_estimate(ds, "RU", "ua-border", "2021-12-03", &est);
	char figure[64];
	g_snprintf(figure, sizeof figure, "%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT,
	           est.best, est.low, est.high);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, figure));
	CU_ASSERT_STRING_EQUAL(figure, "94300,84870,103730");
	CU_ASSERT_EQUAL(est.voices, 1);
	ft_estimate_clear(&est);

	r = row_where(&t, "region", "ua-border", "measure", "btg");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "best"), "50");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "low"), "45");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "high"), "55");
	/* Donbas lies under UA: depth 1, after it. */
	r = row_where(&t, "region", "donbas", NULL, NULL);
	CU_ASSERT_EQUAL(r, 4);
	CU_ASSERT_STRING_EQUAL(get(&t, r, "actor"), "UA");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "depth"), "1");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "best"), "125000");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "low"), "112500");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "high"), "137500");
	CU_ASSERT_STRING_EQUAL(get(&t, row_where(&t, "region", "UA", NULL, NULL), "best"), "125000");
	table_clear(&t);
	ft_free(text);
	ft_situation_free(s);
	ft_dataset_free(ds);
}

/*
 * A series under one header: 2021-11-19 and 2021-12-03, both as known on
 * 2021-12-03, so both have the entries of all seven claims. On 11-19 no
 * claim had been observed yet (the first, c-hur-92k, is of 11-20): no
 * estimate, so best, low and high are empty, no voice, no claim, and the
 * flags say nothing (credible 1). On 12-03 the figures above.
 */
static void test_situation_series(void)
{
	ft_dataset *ds = report_load(BUILDUP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	const ft_situation *series[2] = {report_situation(ds, "2021-11-19", "2021-12-03"),
	                                 report_situation(ds, "2021-12-03", "2021-12-03")};
	CU_ASSERT_PTR_NOT_NULL_FATAL(series[0]);
	CU_ASSERT_PTR_NOT_NULL_FATAL(series[1]);
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
	ft_error err;
	CU_ASSERT_EQUAL(ft_situation_series_write(series, 2, FT_FORMAT_CSV, NULL, mem, &err), 0);
	fclose(mem);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	/* One header, at the top only. */
	CU_ASSERT(g_str_has_prefix(text, situation_header));
	CU_ASSERT_PTR_NULL(strstr(text + 1, "date,known_on,"));
	table t = parse(text);
	CU_ASSERT(t.well_formed);
	CU_ASSERT_EQUAL_FATAL(t.rows->len, 9);
	for (size_t r = 1; r <= 4; r++) {
		CU_ASSERT_STRING_EQUAL(get(&t, r, "date"), "2021-11-19");
		CU_ASSERT_STRING_EQUAL(get(&t, r, "known_on"), "2021-12-03");
		CU_ASSERT_STRING_EQUAL(get(&t, r, "best"), "");
		CU_ASSERT_STRING_EQUAL(get(&t, r, "low"), "");
		CU_ASSERT_STRING_EQUAL(get(&t, r, "high"), "");
		CU_ASSERT_STRING_EQUAL(get(&t, r, "open_above"), "0");
		CU_ASSERT_STRING_EQUAL(get(&t, r, "credible"), "1");
		CU_ASSERT_STRING_EQUAL(get(&t, r, "number_of_sources"), "0");
		CU_ASSERT_STRING_EQUAL(get(&t, r, "claims"), "0");
	}
	size_t r = row_where(&t, "date", "2021-12-03", "measure", "personnel");
	CU_ASSERT_EQUAL(r, 5);
	CU_ASSERT_STRING_EQUAL(get(&t, r, "best"), "94300");
	/* The last row of the series is the last entry of its last report. */
	CU_ASSERT_STRING_EQUAL(get(&t, 8, "date"), "2021-12-03");
	CU_ASSERT_STRING_EQUAL(get(&t, 8, "region"), "donbas");
	table_clear(&t);
	free(text);
	ft_situation_free((ft_situation *)(uintptr_t)series[0]);
	ft_situation_free((ft_situation *)(uintptr_t)series[1]);
	ft_dataset_free(ds);
}

/* ---- Timelines ------------------------------------------------------------------ */

/*
 * RU in ua-border, 2021-03-01 to 2021-05-01 every 7 days: nine points
 * (03-01 ... 04-26), each as known on its own date. Nothing is observed
 * before 2021-03-30 (Khomchak's claims): no estimate up to 03-29. On 04-05
 * the one figure is Khomchak's about 32,700 in Crimea, rolled up (within
 * 10%: 29,430-35,970); on 04-12 80,000, a rise of 47,300 on 32,700 (145%,
 * past 10%): the alert, on the row of 04-12 only (the rise to 04-19 comes
 * right after it and makes no second alert).
 */
static void test_timeline_example(void)
{
	ft_dataset *ds = report_load(SPRING);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_timeline tl = FT_TIMELINE_INIT;
	spring_timeline(ds, "2021-05-01", &tl);
	ft_error err;
	char *text = ft_timeline_render(&tl, FT_FORMAT_CSV, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	report_golden("spring-2021-timeline.csv", text);
	CU_ASSERT(g_str_has_prefix(text,
	                           "date,known_on,actor,region,measure,best,low,high,open_below,"
	                           "open_above,credible,number_of_sources,claims,contested,pairs,alert\r\n"));
	table t = parse(text);
	CU_ASSERT_FATAL(t.well_formed);
	CU_ASSERT_EQUAL_FATAL(t.rows->len, 10);
	CU_ASSERT_STRING_EQUAL(get(&t, 1, "date"), "2021-03-01");
	CU_ASSERT_STRING_EQUAL(get(&t, 9, "date"), "2021-04-26");
	CU_ASSERT_STRING_EQUAL(get(&t, 5, "best"), "");
	size_t r = row_where(&t, "date", "2021-04-05", NULL, NULL);
	CU_ASSERT_STRING_EQUAL(get(&t, r, "known_on"), "2021-04-05");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "best"), "32700");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "low"), "29430");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "high"), "35970");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "alert"), "");
	CU_ASSERT_EQUAL_FATAL(ft_timeline_alert_count(&tl), 1);
	CU_ASSERT_EQUAL(ft_timeline_alert_at(&tl, 0)->change, 47300);
	size_t alerts = 0;
	for (size_t i = 1; i < t.rows->len; i++)
		alerts += get(&t, i, "alert")[0] != '\0';
	CU_ASSERT_EQUAL(alerts, 1);
	r = row_where(&t, "date", "2021-04-12", NULL, NULL);
	CU_ASSERT_STRING_EQUAL(get(&t, r, "best"), "80000");
	CU_ASSERT_STRING_EQUAL(get(&t, r, "alert"), "47300");
	/* The same figures as the timeline's points. */
	for (size_t i = 0; i < ft_timeline_point_count(&tl); i++) {
		const ft_estimate *p = ft_timeline_point_at(&tl, i);
		char best[24] = "";
		if (p->has_value)
			g_snprintf(best, sizeof best, "%" G_GUINT64_FORMAT, p->best);
		CU_ASSERT_STRING_EQUAL(get(&t, i + 1, "best"), best);
	}
	table_clear(&t);
	ft_free(text);
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

/* What has no CSV says so; a report written to a stream is the string. */
static void test_formats(void)
{
	ft_dataset *ds = report_load(BUILDUP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_error err;
	CU_ASSERT_PTR_NULL(ft_dataset_render_claims(ds, FT_FORMAT_GEOJSON, NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "csv"));
	ft_situation *s = report_situation(ds, "2021-12-03", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	char *text = situation_csv(s);
	char *streamed = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&streamed, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
	CU_ASSERT_EQUAL(ft_situation_write(s, FT_FORMAT_CSV, NULL, mem, &err), 0);
	fclose(mem);
	CU_ASSERT_STRING_EQUAL(streamed, text);
	free(streamed);
	ft_free(text);
	ft_situation_free(s);
	ft_dataset_free(ds);
}

static const ft_test tests[] = {
    {"claims of the example", test_claims_example},
    {"claims: every field", test_claims_every_field},
    {"quoting", test_quoting},
    {"formulas neutralised", test_formulas_neutralised},
    {"numbers stay numbers", test_numbers_stay_numbers},
    {"situation report of the example", test_situation_example},
    {"a series under one header", test_situation_series},
    {"timeline of the spring", test_timeline_example},
    {"formats", test_formats},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("report_csv", tests);
}
