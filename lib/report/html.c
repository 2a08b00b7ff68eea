/*
 * The situation report as one self-contained HTML page: what the text
 * report says (report/situation-text.c), laid out for reading on a screen
 * and on paper, with a timeline chart of each entry's last days inline
 * (report/svg.c). The page has no script, no event attribute and nothing
 * to fetch (no link, font or image), so that it can be mailed, archived
 * and opened offline without trusting it; it is written as polyglot
 * markup (every element closed, every attribute quoted, the XHTML
 * namespace) so that XML tools read it as well as browsers do. Dataset
 * text goes through ft__xml_text (report/xml.c), the one place the
 * markup formats escape it; the library's own words (figures, dates,
 * words.c) need none.
 *
 * A report streams: each entry's figures, and its chart's timeline, are
 * computed, written and freed before the next. Regions are written flat,
 * in entry order, indented by their depth (up to six levels; a deeper one
 * says which region it lies within), since a chain of regions is as deep
 * as the input and a page nested that deep would be more than a browser
 * builds.
 *
 * The stylesheet's rules name the HTML element of each class they style,
 * so that none reaches into the charts, whose elements have classes of
 * their own ("voice", "legend").
 */
#include <stdint.h>
#include <string.h>

#include "report/report-private.h"

#define US_PER_DAY INT64_C(86400000000)
/* The days a chart spans by default, and about how many points it has. */
#define CHART_DAYS   90
#define CHART_POINTS 30
/* Regions deeper than this are indented as this. */
#define MAX_INDENT 6

static const char style[] =
    "body{font-family:\"Helvetica Neue\",Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45;"
    "color:#111;background:#fff;max-width:62rem;margin:1.5rem auto;padding:0 1rem}\n"
    "h1{font-size:1.6rem;margin:0 0 .2rem}\n"
    "header p{margin:.3rem 0}\n"
    "p.title{font-size:1.2rem;font-weight:bold}\n"
    "p.method{color:#333}\n"
    "section.region{margin-top:1.6rem}\n"
    "section.region>h2{font-size:1.3rem;margin:0 0 .3rem;padding-top:.3rem;border-top:2px solid #222}\n"
    "span.within{font-weight:normal;font-size:.9rem;color:#333}\n"
    "section.depth-1{margin-left:1.5rem}section.depth-2{margin-left:3rem}section.depth-3{margin-left:4.5rem}\n"
    "section.depth-4{margin-left:6rem}section.depth-5{margin-left:7.5rem}section.depth-6{margin-left:9rem}\n"
    "article.entry{border:1px solid #888;border-radius:4px;padding:.4rem .9rem .6rem;margin:.8rem 0;"
    "break-inside:avoid;page-break-inside:avoid}\n"
    "article.entry h3{font-size:1.1rem;margin:.2rem 0 .3rem}\n"
    "article.entry h4{font-size:.95rem;margin:.7rem 0 .2rem}\n"
    "article.entry p{margin:.25rem 0}\n"
    "p.figure{font-size:1.2rem;font-weight:bold}\n"
    "span.badge{display:inline-block;font-size:.72rem;font-weight:bold;letter-spacing:.04em;"
    "border:2px solid #111;border-radius:3px;padding:0 .35rem;margin-left:.45rem;vertical-align:.15em}\n"
    "span.badge.alarm{border-color:#a0001c;color:#a0001c}\n"
    "p.numbers b{font-variant-numeric:tabular-nums}\n"
    "table.claims{border-collapse:collapse;width:100%;font-size:.85rem}\n"
    "table.claims th,table.claims td{border:1px solid #999;padding:.2rem .35rem;text-align:left;"
    "vertical-align:top}\n"
    "table.claims th{border-bottom:2px solid #111}\n"
    "td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "span.where,span.voice{display:block;font-size:.8rem;color:#333}\n"
    "td.quote{white-space:pre-line;font-style:italic}\n"
    "ul{margin:.2rem 0;padding-left:1.3rem}\n"
    "code{font-family:\"DejaVu Sans Mono\",Menlo,Consolas,monospace;font-size:.88em}\n"
    "figure.chart{margin:.6rem 0 0}\n"
    "figure.chart svg{display:block;max-width:48rem}\n"
    "figcaption{font-size:.8rem;color:#333}\n"
    "footer{margin-top:2rem;border-top:2px solid #222}\n"
    "footer h2{font-size:1.1rem}\n"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}"
    "span.badge,span.badge.alarm{color:#000;border-color:#000}"
    "article.entry{border-color:#000}"
    "figure.chart svg{max-width:100%}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/* "Russia (RU)": a name and its id. */
static void name_id(GString *out, const char *name, const char *id)
{
	ft__xml_text(out, name);
	g_string_append(out, " (");
	ft__xml_text(out, id);
	g_string_append_c(out, ')');
}

static void badge(GString *out, const char *cls, const char *words)
{
	g_string_append_printf(out, " <span class=\"badge%s%s\">%s</span>", cls ? " " : "", cls ? cls : "", words);
}

/* The figure in words, its numbers, its flags as badges and its support. */
static void figure(GString *out, const ft_estimate *now)
{
	if (!now->has_value) {
		g_string_append(out, "<p class=\"figure none\">no estimate: no claim counts</p>\n");
		return;
	}
	size_t len = ft_estimate_format(now, NULL, 0);
	char *words = g_malloc(len + 1);
	ft_estimate_format(now, words, len + 1);
	g_string_append_printf(out, "<p class=\"figure\"><span class=\"words\">%s</span>", words);
	g_free(words);
	if (now->open_below)
		badge(out, NULL, "OPEN BELOW");
	if (now->open_above)
		badge(out, NULL, "OPEN ABOVE");
	if (now->contested) {
		char pairs[48];
		g_snprintf(pairs, sizeof pairs, "CONTESTED (%zu pair%s)", now->pairs, now->pairs == 1 ? "" : "s");
		badge(out, "alarm", pairs);
	}
	if (now->inconsistent)
		badge(out, "alarm", "INCONSISTENT");
	if (now->not_credible)
		badge(out, "alarm", "NOT CREDIBLE");
	char best[32], low[32], high[32];
	ft__report_count(best, sizeof best, now->best);
	ft__report_count(low, sizeof low, now->low);
	ft__report_count(high, sizeof high, now->high);
	g_string_append_printf(out,
	                       "</p>\n<p class=\"numbers\">best <b>%s</b> · low <b>%s</b>%s · high <b>%s</b>%s · "
	                       "%zu voice%s, %zu claim%s counted</p>\n",
	                       best, low, now->open_below ? " (open below)" : "", high,
	                       now->open_above ? " (open above)" : "", now->voices, now->voices == 1 ? "" : "s",
	                       now->claims, now->claims == 1 ? "" : "s");
}

/* The pairs that disagree, and the parts a whole does not add up to. */
static void disagreements(GString *out, const ft_estimate *now, const ft_render_options *opts)
{
	size_t n = ft_estimate_disagreement_count(now);
	if (n) {
		g_string_append_printf(out, "<h4>Disagreeing: %zu pair%s of current claims of independent voices", now->pairs,
		                       now->pairs == 1 ? "" : "s");
		if (n < now->pairs)
			g_string_append_printf(out, " (the %zu heaviest listed)", n);
		g_string_append(out, "</h4>\n<ul class=\"pairs\">\n");
	}
	for (size_t i = 0; i < n; i++) {
		const ft_disagreement *d = ft_estimate_disagreement_at(now, i);
		g_string_append(out, "<li><code>");
		ft__xml_text(out, ft_claim_id(d->a));
		g_string_append(out, "</code> (");
		ft__xml_text(out, ft_source_name(ft_claim_source(d->a)));
		g_string_append(out, ") and <code>");
		ft__xml_text(out, ft_claim_id(d->b));
		g_string_append(out, "</code> (");
		ft__xml_text(out, ft_source_name(ft_claim_source(d->b)));
		g_string_append_printf(out, ")%s</li>\n",
		                       d->disputes ? (d->disjoint ? ": disputed, and their ranges do not meet" : ": disputed")
		                                   : ": their ranges do not meet");
	}
	if (n)
		g_string_append(out, "</ul>\n");
	GPtrArray *parts = g_ptr_array_new();
	size_t left = ft__inconsistent_parts(now, opts, parts);
	if (parts->len)
		g_string_append(out, "<h4>Inconsistent: claims about a whole say less than its parts add up "
		                     "to</h4>\n<ul class=\"inconsistent\">\n");
	for (guint i = 0; i < parts->len; i++) {
		const ft_estimate_part *p = g_ptr_array_index(parts, i);
		char own[32], total[32];
		ft__report_count(own, sizeof own, p->own_high);
		ft__report_count(total, sizeof total, p->low);
		g_string_append(out, "<li>claims about <code>");
		ft__xml_text(out, ft_actor_id(p->actor));
		g_string_append(out, "</code> in <code>");
		ft__xml_text(out, ft_region_id(p->region));
		g_string_append_printf(out, "</code> say at most %s; its parts add up to at least %s</li>\n", own, total);
	}
	if (left)
		g_string_append_printf(out, "<li>and %zu more parts</li>\n", left);
	if (parts->len)
		g_string_append(out, "</ul>\n");
	g_ptr_array_free(parts, TRUE);
}

/* The outlets that carried a claim, or a dash. */
static void outlets(GString *out, const ft_claim *cl)
{
	size_t n = ft_claim_via_count(cl);
	if (!n)
		g_string_append(out, "—");
	for (size_t i = 0; i < n; i++) {
		if (i)
			g_string_append(out, ", ");
		ft__xml_text(out, ft_source_name(ft_claim_via_at(cl, i)));
	}
}

/* The table of the counted claims, one row each (at most opts->max_claims,
 * the heaviest; the rest are counted under the table). */
static void counted(GString *out, const ft_estimate *now, const ft_situation_entry *e,
                    const ft_render_options *opts)
{
	if (!now->claims)
		return;
	GPtrArray *listed = g_ptr_array_new();
	size_t left = ft__listed_claims(now, 1, opts, listed);
	g_string_append(out, "<h4>Counted</h4>\n<table class=\"claims\">\n<thead><tr><th>claim</th><th>figure as "
	                     "said</th><th>weight</th><th>source</th><th>outlet</th><th>stance</th><th>grades</th>"
	                     "<th>quote</th></tr></thead>\n<tbody>\n");
	for (guint i = 0; i < listed->len; i++) {
		const ft_contribution *c = g_ptr_array_index(listed, i);
		const ft_claim *cl = c->claim;
		const ft_source *src = ft_claim_source(cl), *voice = ft__report_voice(c);
		ft_quantity q = ft_claim_quantity(cl);
		char fig[128], weight[G_ASCII_DTOSTR_BUF_SIZE];
		ft_quantity_format(&q, fig, sizeof fig);
		g_string_append(out, "<tr><td><code>");
		ft__xml_text(out, ft_claim_id(cl));
		g_string_append(out, "</code>");
		/* A claim rolled up from a sub-region or a child actor says
		 * where it counted. */
		if (ft_claim_region(cl) != e->region) {
			g_string_append(out, "<span class=\"where\">in ");
			name_id(out, ft_region_name(ft_claim_region(cl)), ft_region_id(ft_claim_region(cl)));
			g_string_append(out, "</span>");
		}
		if (ft_claim_subject(cl) != e->actor) {
			g_string_append(out, "<span class=\"where\">about ");
			name_id(out, ft_actor_name(ft_claim_subject(cl)), ft_actor_id(ft_claim_subject(cl)));
			g_string_append(out, "</span>");
		}
		g_string_append_printf(out, "</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td>", fig,
		                       g_ascii_formatd(weight, sizeof weight, "%.3f", c->weight));
		ft__xml_text(out, ft_source_name(src));
		if (voice && voice != src) {
			g_string_append(out, "<span class=\"voice\">voice: ");
			ft__xml_text(out, ft_source_name(voice));
			g_string_append(out, "</span>");
		}
		g_string_append(out, "</td><td>");
		outlets(out, cl);
		char grades[FT__GRADES_SIZE];
		ft__claim_grades(cl, grades);
		g_string_append_printf(out, "</td><td>%s%s</td><td>%s</td><td class=\"quote\">",
		                       ft_stance_phrase(c->stance), c->credible ? "" : ", not credible", grades);
		ft__xml_text(out, ft_claim_quote(cl));
		g_string_append(out, "</td></tr>\n");
	}
	g_string_append(out, "</tbody>\n</table>\n");
	if (left)
		g_string_append_printf(out, "<p class=\"more\">and %zu more, lighter (listed under the sub-regions "
		                            "and child actors)</p>\n",
		                       left);
	g_ptr_array_free(listed, TRUE);
}

/* What was not counted and why, in the order of ft__not_counted (at most
 * opts->max_claims, the heaviest). */
static void not_counted(GString *out, const ft_estimate *now, const ft_render_options *opts)
{
	GPtrArray *listed = g_ptr_array_new();
	size_t left = ft__listed_claims(now, 0, opts, listed);
	int first = 1;
	for (size_t k = 0; k < FT__N_NOT_COUNTED; k++) {
		for (guint i = 0; i < listed->len; i++) {
			const ft_contribution *c = g_ptr_array_index(listed, i);
			if (c->status != ft__not_counted[k])
				continue;
			if (first)
				g_string_append(out, "<h4>Not counted</h4>\n<ul class=\"not-counted\">\n");
			first = 0;
			ft_quantity q = ft_claim_quantity(c->claim);
			char fig[128];
			ft_quantity_format(&q, fig, sizeof fig);
			g_string_append(out, "<li><code>");
			ft__xml_text(out, ft_claim_id(c->claim));
			g_string_append_printf(out, "</code>, %s (", fig);
			ft__xml_text(out, ft_source_name(ft_claim_source(c->claim)));
			g_string_append_printf(out, "): <strong>%s</strong>", ft_status_name(c->status));
			if (c->rule) {
				g_string_append(out, ", ");
				ft__xml_text(out, c->rule);
			}
			g_string_append(out, "</li>\n");
		}
	}
	if (left)
		g_string_append_printf(out, "<li>and %zu more, lighter</li>\n", left);
	if (!first)
		g_string_append(out, "</ul>\n");
	g_ptr_array_free(listed, TRUE);
}

/*
 * The chart of entry `i`: a timeline of chart_days days (0: CHART_DAYS)
 * ending on T, by a step that keeps it near CHART_POINTS points, with the
 * report's estimate options. Unless the report fixes what is known (K),
 * each point is as known on its own date; with K, every point knows K,
 * which the report's own figure on T does too (the timeline has no "K or
 * the point's date, whichever is first").
 */
static int chart(GString *out, const ft_situation *s, size_t i, const ft_render_options *opts, const char *id,
                 ft_error *err)
{
	int days = opts->chart_days ? opts->chart_days : CHART_DAYS;
	if (days < 0)
		return 0;
	const ft_situation_entry *e = ft_situation_entry_at(s, i);
	int step = (days + CHART_POINTS / 2) / CHART_POINTS;
	if (step < 1)
		step = 1;
	ft_time t, k, first;
	ft_situation_date(s, 0, &t);
	ft_situation_known_on(s, 0, &k);
	/* Whole steps back from T, so that the last point is T; not before
	 * the first day a time value can name. */
	int64_t from = ft_time_start(&t) - (int64_t)((days + step - 1) / step) * step * US_PER_DAY;
	ft_time_parse("0001-01-01", &first, NULL);
	if (from < ft_time_start(&first))
		from = ft_time_start(&first);

	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	o.estimate = *ft__situation_estimate_options(s);
	memset(&o.estimate.at, 0, sizeof o.estimate.at);
	memset(&o.estimate.known_on, 0, sizeof o.estimate.known_on);
	if (ft_time_end(&k) != ft_time_end(&t))
		o.estimate.known_on = k;
	o.from = ft_time_day(from);
	o.to = t;
	o.step_days = step;
	ft_timeline tl = FT_TIMELINE_INIT;
	int rc = ft_timeline_compute(ft_situation_dataset(s), e->actor, e->region, e->measure, &o, &tl, err);
	if (rc == 0) {
		g_string_append(out, "<figure class=\"chart\">\n");
		ft__svg_chart(out, &tl, id, 0);
		g_string_append_printf(out, "<figcaption>The %d days to ", days);
		char date[FT_TIME_BUFSIZE];
		ft_time_format(&t, date);
		g_string_append(out, date);
		if (ft_time_is_set(&o.estimate.known_on)) {
			ft_time_format(&k, date);
			g_string_append_printf(out, ", every point as known on %s", date);
		} else {
			g_string_append(out, ", each point as known on its own date");
		}
		g_string_append(out, ". The band runs from low to high, the line is the best figure, each marker a "
		                     "claim counted at its observed date.</figcaption>\n</figure>\n");
	}
	ft_timeline_clear(&tl);
	return rc;
}

/* One actor in one region, for one measure. */
static int entry(ft__out *o, const ft_situation *s, size_t k, size_t i, const ft_render_options *opts,
                 ft_error *err)
{
	GString *out = o->s;
	const ft_situation_entry *e = ft_situation_entry_at(s, i);
	ft_estimate est[FT_SITUATION_COLUMNS];
	int rc = ft__out_figures(o, s, i, 1, est, err);
	if (rc != 0)
		return rc;
	const ft_estimate *now = &est[0];
	g_string_append(out, "<article class=\"entry\">\n<h3>");
	name_id(out, ft_actor_name(e->actor), ft_actor_id(e->actor));
	g_string_append(out, ", ");
	ft__xml_text(out, e->measure);
	g_string_append(out, "</h3>\n");
	figure(out, now);
	g_string_append(out, "<p class=\"change\">Change: ");
	ft__situation_change(out, s, 1, now, &est[1]);
	g_string_append(out, "; ");
	ft__situation_change(out, s, 2, now, &est[2]);
	g_string_append(out, "</p>\n");
	disagreements(out, now, opts);
	counted(out, now, e, opts);
	not_counted(out, now, opts);
	ft__situation_figures_clear(est);
	char id[64];
	g_snprintf(id, sizeof id, "chart-%zu-%zu", k + 1, i + 1);
	rc = chart(out, s, i, opts, id, err);
	g_string_append(out, "</article>\n");
	return rc;
}

/* The heading of a region; a sub-region says which region it lies within. */
static void region_heading(GString *out, const ft_situation_entry *e)
{
	size_t depth = e->depth < MAX_INDENT ? e->depth : MAX_INDENT;
	g_string_append(out, "<section class=\"region");
	if (depth)
		g_string_append_printf(out, " depth-%zu", depth);
	g_string_append(out, "\">\n<h2>");
	name_id(out, ft_region_name(e->region), ft_region_id(e->region));
	const ft_region *up = ft_region_parent(e->region);
	if (up) {
		g_string_append(out, " <span class=\"within\">within ");
		name_id(out, ft_region_name(up), ft_region_id(up));
		g_string_append(out, "</span>");
	}
	g_string_append(out, "</h2>\n");
}

/* The heading of one report: its date, title, note, knowledge, method. */
static void heading(GString *out, const ft_situation *s, const char *hash, const ft_render_options *opts)
{
	char date[FT_TIME_BUFSIZE], known[FT_TIME_BUFSIZE];
	ft__situation_dates(s, date, known);
	g_string_append_printf(out, "<header>\n<h1>Situation report, %s</h1>\n<p class=\"title\">", date);
	ft__xml_text(out, ft__situation_title(s, opts));
	g_string_append(out, "</p>\n");
	if (opts->note) {
		g_string_append(out, "<p class=\"note\">");
		ft__xml_text(out, opts->note);
		g_string_append(out, "</p>\n");
	}
	g_string_append_printf(out,
	                       "<p class=\"known\">As known on %s: %zu of the dataset's %zu claims had been reported "
	                       "by then.</p>\n<p class=\"data\">Data SHA-256: <code>%s</code></p>\n"
	                       "<p class=\"method\">%s</p>\n</header>\n",
	                       known, ft_situation_claims_known(s), ft_dataset_claim_count(ft_situation_dataset(s)),
	                       hash, ft__situation_method());
}

int ft__situation_html(ft__out *o, const ft_situation *const *series, size_t n, const ft_render_options *opts,
                       ft_error *err)
{
	GString *out = o->s;
	char date[FT_TIME_BUFSIZE];
	ft_time t;
	ft_situation_date(series[0], 0, &t);
	ft_time_format(&t, date);
	g_string_append_printf(out,
	                       "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" "
	                       "xml:lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" "
	                       "content=\"width=device-width, initial-scale=1\"/>\n<title>Situation report, %s: ",
	                       date);
	ft__xml_text(out, ft__situation_title(series[0], opts));
	g_string_append_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
	for (size_t k = 0; k < n; k++) {
		const ft_situation *s = series[k];
		g_string_append(out, "<div class=\"report\">\n");
		heading(out, s, o->hash, opts);
		const ft_region *last = NULL;
		for (size_t i = 0; i < ft_situation_entry_count(s); i++) {
			const ft_situation_entry *e = ft_situation_entry_at(s, i);
			if (e->region != last) {
				if (last)
					g_string_append(out, "</section>\n");
				region_heading(out, e);
				last = e->region;
			}
			int rc = entry(o, s, k, i, opts, err);
			if (rc != 0)
				return rc;
			ft__out_spill(o);
		}
		if (last)
			g_string_append(out, "</section>\n");
		g_string_append(out, "<footer>\n<h2>Legend</h2>\n<ul class=\"legend\">\n");
		for (size_t i = 0; i < FT__N_LEGEND; i++)
			g_string_append_printf(out, "<li>%s</li>\n", ft__situation_legend[i]);
		g_string_append(out, "</ul>\n</footer>\n</div>\n");
	}
	g_string_append(out, "</body>\n</html>\n");
	return 0;
}
