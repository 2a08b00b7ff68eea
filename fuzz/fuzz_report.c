/*
 * Fuzz target for the report layer (libFuzzer's LLVMFuzzerTestOneInput).
 * What loads as a document is written through every format of every
 * report: the situation report (text, Markdown, HTML, JSON Lines, CSV,
 * GeoJSON), the claims (Markdown, CSV) and the timeline of the first entry
 * (text, JSON, CSV, SVG). No render may fail, and each must keep the rule
 * of its format that hostile data most easily breaks: the text holds no
 * escape sequence or C1 control; every JSON line and the GeoJSON parse as
 * JSON; the SVG and the HTML are well-formed XML with no element the data
 * could have made (a `<script`); every CSV row has the header's number of
 * cells. And every entry's figures as the reports read them off one
 * evaluation per group (lib/estimate/lattice.c) say what the estimates
 * computed alone say: the figure, its flags and counts, the statuses, and
 * which claims, parts and pairs are listed; and so does every group's
 * estimate from ft_estimate_groups. A broken rule aborts, which
 * the fuzzer reports as a crash.
 * tests/fuzz-replay.c feeds the stored corpus through the same function in
 * the normal test suite.
 */
#include <glib.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "estimate/estimate-private.h"
#include "forcetrack.h"
#include "report/report-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *text)
{
	fprintf(stderr, "fuzz_report: %s\n%s\n", what, text ? text : "(no text)");
	abort();
}

/* No ESC, no C0 control but tab and line feed, no C1 control (U+0080 to
 * U+009F, two bytes from 0xC2). */
static void check_terminal_safe(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f ||
		    (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			fail("a control character in the text report", text);
}

static void check_json_lines(const char *text)
{
	char **lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++) {
		if (!**l)
			continue;
		json_error_t jerr;
		json_t *v = json_loads(*l, 0, &jerr);
		if (!v)
			fail("a JSON line does not parse", *l);
		json_decref(v);
	}
	g_strfreev(lines);
}

static void check_json(const char *text)
{
	json_error_t jerr;
	json_t *v = json_loads(text, 0, &jerr);
	if (!v)
		fail("the JSON does not parse", text);
	json_decref(v);
}

/* Well-formed XML, as GMarkup reads it (the doctype passes through). */
static void check_xml(const char *what, const char *text)
{
	static const GMarkupParser parser = {NULL, NULL, NULL, NULL, NULL};
	GMarkupParseContext *ctx = g_markup_parse_context_new(&parser, 0, NULL, NULL);
	GError *error = NULL;
	if (!g_markup_parse_context_parse(ctx, text, -1, &error) ||
	    !g_markup_parse_context_end_parse(ctx, &error)) {
		fprintf(stderr, "fuzz_report: the %s is not well-formed: %s\n", what, error->message);
		fail("(the text follows)", text);
	}
	g_markup_parse_context_free(ctx);
	char *lower = g_ascii_strdown(text, -1);
	if (strstr(lower, "<script"))
		fail("a <script in the markup", text);
	g_free(lower);
}

/* Every row has the header's cells: quoted cells may hold commas, quotes
 * doubled and line breaks (RFC 4180). */
static void check_csv(const char *text)
{
	size_t cells = 1, header = 0, rows = 0;
	int quoted = 0;
	for (const char *p = text; *p; p++) {
		if (quoted) {
			if (*p == '"' && p[1] == '"')
				p++;
			else if (*p == '"')
				quoted = 0;
		} else if (*p == '"') {
			quoted = 1;
		} else if (*p == ',') {
			cells++;
		} else if (*p == '\r' && p[1] == '\n') {
			if (rows++ == 0)
				header = cells;
			else if (cells != header)
				fail("a CSV row whose cells are not the header's", text);
			cells = 1;
			p++;
		} else if (*p == '\r' || *p == '\n') {
			fail("a bare line break outside a quoted CSV cell", text);
		}
	}
	if (quoted || cells != 1)
		fail("a CSV that does not end with a whole row", text);
}

/* The rule of format `f`; a situation report's JSON is JSON Lines, a
 * timeline's one document. */
static void check(ft_format f, const char *text, int lines)
{
	switch (f) {
	case FT_FORMAT_TEXT: check_terminal_safe(text); break;
	case FT_FORMAT_JSON: lines ? check_json_lines(text) : check_json(text); break;
	case FT_FORMAT_GEOJSON: check_json(text); break;
	case FT_FORMAT_HTML: check_xml("HTML", text); break;
	case FT_FORMAT_SVG: check_xml("SVG", text); break;
	case FT_FORMAT_CSV: check_csv(text); break;
	case FT_FORMAT_MARKDOWN: break;
	}
}

static void timeline_formats(const ft_dataset *ds, const ft_situation *s)
{
	const ft_situation_entry *e = ft_situation_entry_at(s, 0);
	ft_time at;
	if (!e || ft_situation_date(s, 0, &at) != 0)
		return;
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	o.to = at;
	if (ft_situation_date(s, 1, &o.from) != 0)
		o.from = at;
	o.step_days = 2;
	ft_timeline tl = FT_TIMELINE_INIT;
	ft_error err;
	if (ft_timeline_compute(ds, e->actor, e->region, e->measure, &o, &tl, &err) != 0)
		fail("the timeline of an entry fails", err.text);
	static const ft_format formats[] = {FT_FORMAT_TEXT, FT_FORMAT_JSON, FT_FORMAT_CSV, FT_FORMAT_SVG};
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		char *text = ft_timeline_render(&tl, formats[i], NULL, &err);
		if (!text)
			fail("a timeline format fails", err.text);
		/* The timeline's text is the estimate CLI's, whose names are
		 * sanitised the same way. */
		check(formats[i], text, 0);
		ft_free(text);
	}
	ft_timeline_clear(&tl);
}

/* The claims `est` lists of each kind and its inconsistent parts, as the
 * reports read them, in a string: ids, statuses, weights, rules. */
static char *listing(const ft_estimate *est, const ft_render_options *ro)
{
	GString *out = g_string_new(NULL);
	GPtrArray *l = g_ptr_array_new();
	for (int counted = 0; counted < 2; counted++) {
		size_t left = ft__listed_claims(est, counted, ro, l);
		g_string_append_printf(out, "[%zu left]", left);
		for (guint i = 0; i < l->len; i++) {
			const ft_contribution *c = g_ptr_array_index(l, i);
			g_string_append_printf(out, " %s/%d/%a/%s", ft_claim_id(c->claim), (int)c->status,
			                       c->weight, c->rule ? c->rule : "");
		}
	}
	g_string_append_printf(out, " parts [%zu left]", ft__inconsistent_parts(est, ro, l));
	for (guint i = 0; i < l->len; i++) {
		const ft_estimate_part *p = g_ptr_array_index(l, i);
		g_string_append_printf(out, " %s/%s/%" G_GUINT64_FORMAT, ft_actor_id(p->actor),
		                       ft_region_id(p->region), p->best);
	}
	for (size_t i = 0; i < ft_estimate_disagreement_count(est); i++) {
		const ft_disagreement *d = ft_estimate_disagreement_at(est, i);
		g_string_append_printf(out, " pair %s/%s/%a", ft_claim_id(d->a), ft_claim_id(d->b),
		                       d->weight);
	}
	for (int st = 0; st < FT__N_STATUSES; st++)
		g_string_append_printf(out, " s%d=%zu", st, ft__status_count(est, (ft_status)st));
	g_ptr_array_free(l, TRUE);
	return g_string_free(out, FALSE);
}

/* Every entry's summaries against its estimates computed alone. */
/* The figure, its flags and its counts. */
static int same_figure(const ft_estimate *f, const ft_estimate *m)
{
	return f->has_value == m->has_value && f->best == m->best && f->low == m->low && f->high == m->high &&
	       f->claims == m->claims && f->voices == m->voices && f->pairs == m->pairs &&
	       f->contested == m->contested && f->inconsistent == m->inconsistent &&
	       f->open_below == m->open_below && f->open_above == m->open_above &&
	       f->not_credible == m->not_credible;
}

static void check_summaries(const ft_situation *s, const ft_render_options *ro)
{
	ft__groups *groups = ft__groups_new(s, ft__render_max_claims(ro));
	if (!groups)
		return;
	ft_error err;
	for (size_t i = 0; i < ft_situation_entry_count(s); i++) {
		ft_estimate full[FT_SITUATION_COLUMNS], sum[FT_SITUATION_COLUMNS];
		int rf = ft__situation_figures(s, NULL, i, 1, full, &err);
		int rs = ft__situation_figures(s, groups, i, 1, sum, &err);
		if (rf != rs)
			fail("a summary fails where its estimate does not, or the other way", err.text);
		if (rf != 0)
			continue;
		for (size_t k = 0; k < FT_SITUATION_COLUMNS; k++) {
			const ft_estimate *f = &full[k], *m = &sum[k];
			if (!same_figure(f, m))
				fail("a summary's figure is not its estimate's",
				     ft_region_id(ft_situation_entry_at(s, i)->region));
			char *lf = listing(f, ro), *lm = listing(m, ro);
			if (strcmp(lf, lm) != 0) {
				fprintf(stderr, "estimate: %s\nsummary:  %s\n", lf, lm);
				fail("a summary lists other claims than its estimate",
				     ft_region_id(ft_situation_entry_at(s, i)->region));
			}
			g_free(lf);
			g_free(lm);
		}
		ft__situation_figures_clear(full);
		ft__situation_figures_clear(sum);
	}
	ft__groups_free(groups);
}

/* Every group through ft_estimate_groups, three claims listed, on two
 * threads: each must say what ft_estimate_compute says of it, and the
 * groups must be those the claims name, each once. */
typedef struct groups_check {
	const ft_dataset *ds;
	const ft_estimate_options *o;
	const ft_render_options *ro;
	GHashTable *seen;
} groups_check;

static int check_group(const ft_actor *subject, const ft_region *region, const char *measure,
                       const ft_estimate *m, const ft_error *problem, void *payload)
{
	groups_check *g = payload;
	char *key = g_strdup_printf("%s\x1f%s\x1f%s", ft_actor_id(subject), ft_region_id(region), measure);
	if (!g_hash_table_add(g->seen, key))
		fail("a group is handed over twice", key);
	ft_estimate f = FT_ESTIMATE_INIT;
	ft_error err;
	int rc = ft_estimate_compute(g->ds, subject, region, measure, g->o, &f, &err);
	if ((rc != 0) != (problem != NULL))
		fail("a group fails where its estimate does not, or the other way",
		     problem ? problem->text : err.text);
	if (rc == 0 && !same_figure(&f, m))
		fail("a group's figure is not its estimate's", key);
	if (rc == 0 && ft__estimate_listing(m, NULL, NULL)) {
		char *lf = listing(&f, g->ro), *lm = listing(m, g->ro);
		if (strcmp(lf, lm) != 0) {
			fprintf(stderr, "estimate: %s\ngroup:    %s\n", lf, lm);
			fail("a group lists other claims than its estimate", key);
		}
		g_free(lf);
		g_free(lm);
	}
	ft_estimate_clear(&f);
	return 0;
}

static void check_groups(const ft_dataset *ds, const ft_situation *s, const ft_render_options *ro)
{
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	if (ft_situation_date(s, 0, &o.at) != 0)
		return;
	groups_check g = {ds, &o, ro, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
	ft_groups_options go = FT_GROUPS_OPTIONS_INIT;
	go.threads = 2;
	go.max_listed = ro->max_claims;
	ft_error err;
	if (ft_estimate_groups(ds, &o, &go, check_group, &g, &err) != 0)
		fail("ft_estimate_groups fails", err.text);
	/* Each group the claims name, once. */
	for (size_t i = 0; i < ft_dataset_claim_count(ds); i++) {
		const ft_claim *c = ft_dataset_claim_at(ds, i);
		char *key = g_strdup_printf("%s\x1f%s\x1f%s", ft_actor_id(ft_claim_subject(c)),
		                            ft_region_id(ft_claim_region(c)), ft_claim_measure(c));
		if (!g_hash_table_contains(g.seen, key))
			fail("a group of the claims is not handed over", key);
		g_free(key);
	}
	g_hash_table_destroy(g.seen);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer((const char *)data, size, "fuzz.json", NULL, &err);
	if (!ds)
		return 0;
	ft_situation_options so = FT_SITUATION_OPTIONS_INIT;
	ft_situation *s = NULL;
	if (ft_situation_new(ds, &so, &s, &err) != 0) {
		/* Only a dataset without claims has no date of its own. */
		if (ft_dataset_claim_count(ds) != 0)
			fail("ft_situation_new fails on a dataset with claims", err.text);
		ft_dataset_free(ds);
		return 0;
	}
	/* Short charts and lists keep an input's cost in milliseconds. */
	ft_render_options ro = FT_RENDER_OPTIONS_INIT;
	ro.chart_days = 6;
	ro.max_claims = 3;
	static const ft_format situation[] = {FT_FORMAT_TEXT, FT_FORMAT_MARKDOWN, FT_FORMAT_HTML,
	                                      FT_FORMAT_JSON, FT_FORMAT_CSV,      FT_FORMAT_GEOJSON};
	for (size_t i = 0; i < sizeof situation / sizeof situation[0]; i++) {
		char *text = ft_situation_render(s, situation[i], &ro, &err);
		if (!text)
			fail("a situation report format fails", err.text);
		check(situation[i], text, 1);
		ft_free(text);
	}
	static const ft_format claims[] = {FT_FORMAT_MARKDOWN, FT_FORMAT_CSV};
	for (size_t i = 0; i < sizeof claims / sizeof claims[0]; i++) {
		char *text = ft_dataset_render_claims(ds, claims[i], &ro, &err);
		if (!text)
			fail("a claims format fails", err.text);
		check(claims[i], text, 1);
		ft_free(text);
	}
	timeline_formats(ds, s);
	check_summaries(s, &ro);
	check_groups(ds, s, &ro);
	ft_situation_free(s);
	ft_dataset_free(ds);
	return 0;
}
