/*
 * The situation report as text for a terminal (what `forcetrack report`
 * prints) and as JSON Lines (one estimate object per entry, the shape of
 * `forcetrack estimate --json` on one line). Text from the dataset passes
 * through put(), the one place that makes it safe for a terminal.
 */
#include <string.h>

#include "forcetrack/text.h"
#include "report/report-private.h"

/* The deepest level of sub-regions indented further than its parent. */
#define MAX_INDENT 8

static void put(GString *out, const char *s)
{
	char *safe = ft_text_sanitize_terminal(s);
	g_string_append(out, safe);
	ft_free(safe);
}

static void indent(GString *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		g_string_append_c(out, ' ');
}

/* `text` (the library's own words) broken into lines of at most 79
 * columns at spaces. */
static void wrapped(GString *out, const char *text)
{
	const char *line = text;
	while (strlen(line) > 79) {
		const char *cut = line + 79;
		while (cut > line && *cut != ' ')
			cut--;
		if (cut == line)
			break;
		g_string_append_len(out, line, cut - line);
		g_string_append_c(out, '\n');
		line = cut + 1;
	}
	g_string_append(out, line);
	g_string_append_c(out, '\n');
}

/* The counted claims, one line each with the outlets and the quote under
 * it, and the others with why they were not counted; at most
 * opts->max_claims of each, the heaviest, the rest counted. */
static void claims(GString *out, const ft_estimate *est, const ft_situation_entry *e, size_t margin,
                   const ft_render_options *opts)
{
	GPtrArray *listed = g_ptr_array_new();
	size_t left = ft__listed_claims(est, 1, opts, listed);
	int wid = 0, wfig = 0;
	for (guint i = 0; i < listed->len; i++) {
		const ft_contribution *c = g_ptr_array_index(listed, i);
		ft_quantity q = ft_claim_quantity(c->claim);
		int w = (int)strlen(ft_claim_id(c->claim));
		wid = w > wid ? w : wid;
		w = (int)ft_quantity_format(&q, NULL, 0);
		wfig = w > wfig ? w : wfig;
	}
	if (est->claims) {
		indent(out, margin - 2);
		g_string_append(out, "counted:\n");
	}
	for (guint i = 0; i < listed->len; i++) {
		const ft_contribution *c = g_ptr_array_index(listed, i);
		const ft_claim *cl = c->claim;
		ft_quantity q = ft_claim_quantity(cl);
		char fig[128], weight[G_ASCII_DTOSTR_BUF_SIZE], grades[FT__GRADES_SIZE];
		ft_quantity_format(&q, fig, sizeof fig);
		ft__claim_grades(cl, grades);
		indent(out, margin);
		/* Ids are ASCII by the format's rules: nothing a terminal acts on. */
		g_string_append_printf(out, "%-*s  %-*s  weight %s  ", wid, ft_claim_id(cl), wfig, fig,
		                       g_ascii_formatd(weight, sizeof weight, "%.3f", c->weight));
		put(out, ft_source_name(ft_claim_source(cl)));
		g_string_append_printf(out, ", %s, %s%s", grades, ft_stance_phrase(c->stance),
		                       c->credible ? "" : ", not credible");
		/* A claim rolled up from a sub-region or a child actor says where
		 * it counted. */
		const ft_region *r = ft_claim_region(cl);
		const ft_actor *a = ft_claim_subject(cl);
		if (r != e->region)
			g_string_append_printf(out, " [in %s]", ft_region_id(r));
		if (a != e->actor)
			g_string_append_printf(out, " [about %s]", ft_actor_id(a));
		g_string_append_c(out, '\n');
		/* Under it, lined up with the figure: the outlets, the quote. */
		size_t under = margin + (size_t)wid + 2;
		if (ft_claim_via_count(cl)) {
			indent(out, under);
			g_string_append(out, "via ");
			for (size_t k = 0; k < ft_claim_via_count(cl); k++) {
				if (k)
					g_string_append(out, ", ");
				put(out, ft_source_name(ft_claim_via_at(cl, k)));
			}
			g_string_append_c(out, '\n');
		}
		if (ft_claim_quote(cl)) {
			indent(out, under);
			g_string_append_c(out, '"');
			put(out, ft_claim_quote(cl));
			g_string_append(out, "\"\n");
		}
	}
	if (left) {
		indent(out, margin);
		g_string_append_printf(out, "and %zu more, lighter (listed under the sub-regions and child actors)\n",
		                       left);
	}
	int first = 1;
	for (size_t k = 0; k < FT__N_NOT_COUNTED; k++) {
		size_t count = ft__status_count(est, ft__not_counted[k]);
		if (!count)
			continue;
		if (first) {
			indent(out, margin - 2);
			g_string_append(out, "not counted: ");
		}
		g_string_append_printf(out, "%s%zu %s", first ? "" : ", ", count, ft_status_name(ft__not_counted[k]));
		first = 0;
	}
	if (!first)
		g_string_append_c(out, '\n');
	/* Each with why, in the order the rules apply. */
	left = ft__listed_claims(est, 0, opts, listed);
	wid = 0;
	for (guint i = 0; i < listed->len; i++) {
		int w = (int)strlen(ft_claim_id(((const ft_contribution *)g_ptr_array_index(listed, i))->claim));
		wid = w > wid ? w : wid;
	}
	for (size_t k = 0; k < FT__N_NOT_COUNTED; k++)
		for (guint i = 0; i < listed->len; i++) {
			const ft_contribution *c = g_ptr_array_index(listed, i);
			if (c->status != ft__not_counted[k])
				continue;
			indent(out, margin);
			g_string_append_printf(out, "%-*s  %s: ", wid, ft_claim_id(c->claim), ft_status_name(c->status));
			put(out, c->rule);
			g_string_append_c(out, '\n');
		}
	if (left) {
		indent(out, margin);
		g_string_append_printf(out, "and %zu more, lighter\n", left);
	}
	g_ptr_array_free(listed, TRUE);
}

/* One actor in one region, for one measure. */
static void entry(GString *out, const ft_situation *s, const ft_situation_entry *e, const ft_estimate est[],
                  size_t margin, const ft_render_options *opts)
{
	const ft_estimate *now = &est[0];
	/* "Russia (RU), personnel: 94,300 (range 84,870-103,730); 1 voice, 1 claim" */
	indent(out, margin);
	put(out, ft_actor_name(e->actor));
	g_string_append_printf(out, " (%s), ", ft_actor_id(e->actor));
	put(out, e->measure);
	g_string_append(out, ": ");
	ft__estimate_summary(out, now);
	if (now->contested)
		g_string_append_printf(out, "  CONTESTED (%zu pair%s)", now->pairs, now->pairs == 1 ? "" : "s");
	if (now->inconsistent)
		g_string_append(out, "  INCONSISTENT");
	g_string_append_c(out, '\n');

	indent(out, margin + 2);
	g_string_append(out, "change: ");
	ft__situation_change(out, s, 1, now, &est[1]);
	g_string_append(out, "; ");
	ft__situation_change(out, s, 2, now, &est[2]);
	g_string_append_c(out, '\n');

	/* Who disagrees with whom: the heaviest pairs. */
	for (size_t i = 0; i < ft_estimate_disagreement_count(now); i++) {
		const ft_disagreement *d = ft_estimate_disagreement_at(now, i);
		indent(out, margin + 2);
		g_string_append_printf(out, "disagree: %s (", ft_claim_id(d->a));
		put(out, ft_source_name(ft_claim_source(d->a)));
		g_string_append_printf(out, ") and %s (", ft_claim_id(d->b));
		put(out, ft_source_name(ft_claim_source(d->b)));
		g_string_append(out, d->disputes ? "), disputed\n" : ")\n");
	}
	/* Where a whole and its parts do not agree, the parts that break it. */
	GPtrArray *parts = g_ptr_array_new();
	size_t left = ft__inconsistent_parts(now, opts, parts);
	for (guint i = 0; i < parts->len; i++) {
		const ft_estimate_part *p = g_ptr_array_index(parts, i);
		char own[32], total[32];
		ft__report_count(own, sizeof own, p->own_high);
		ft__report_count(total, sizeof total, p->low);
		indent(out, margin + 2);
		g_string_append_printf(out,
		                       "inconsistent: claims about %s in %s say at most %s; its parts add up to at "
		                       "least %s\n",
		                       ft_actor_id(p->actor), ft_region_id(p->region), own, total);
	}
	if (left) {
		indent(out, margin + 2);
		g_string_append_printf(out, "inconsistent: and %zu more parts\n", left);
	}
	g_ptr_array_free(parts, TRUE);
	claims(out, now, e, margin + 4, opts);
}

/* The heading: what, when, and how the figures are made. */
static void heading(GString *out, const ft_situation *s, const char *hash, const ft_render_options *opts)
{
	char date[FT_TIME_BUFSIZE], known[FT_TIME_BUFSIZE];
	ft__situation_dates(s, date, known);
	g_string_append_printf(out, "SITUATION REPORT, %s\n", date);
	put(out, ft__situation_title(s, opts));
	g_string_append_c(out, '\n');
	if (opts->note) {
		put(out, opts->note);
		g_string_append_c(out, '\n');
	}
	g_string_append_printf(out, "As known on %s: %zu of the dataset's %zu claims had been reported by then.\n",
	                       known, ft_situation_claims_known(s), ft_dataset_claim_count(ft_situation_dataset(s)));
	g_string_append_printf(out, "Data SHA-256: %s\n", hash);
	wrapped(out, ft__situation_method());
}

int ft__situation_text(ft__out *o, const ft_situation *const *series, size_t n, const ft_render_options *opts,
                       ft_error *err)
{
	GString *out = o->s;
	for (size_t k = 0; k < n; k++) {
		const ft_situation *s = series[k];
		if (k > 0)
			g_string_append_c(out, '\n');
		heading(out, s, o->hash, opts);
		const ft_region *last = NULL;
		for (size_t i = 0; i < ft_situation_entry_count(s); i++) {
			const ft_situation_entry *e = ft_situation_entry_at(s, i);
			ft_estimate est[FT_SITUATION_COLUMNS];
			int rc = ft__out_figures(o, s, i, 1, est, err);
			if (rc != 0)
				return rc;
			/* Sub-regions are indented under their parents, up to
			 * MAX_INDENT levels; deeper ones say their level, so that a
			 * long chain does not push the text off every screen. */
			size_t margin = 4 * (e->depth < MAX_INDENT ? e->depth : MAX_INDENT);
			if (e->region != last) {
				g_string_append_c(out, '\n');
				indent(out, margin);
				put(out, ft_region_name(e->region));
				g_string_append_printf(out, " (%s)", ft_region_id(e->region));
				if (e->depth > MAX_INDENT)
					g_string_append_printf(out, ", level %zu", e->depth);
				g_string_append_c(out, '\n');
				last = e->region;
			}
			entry(out, s, e, est, margin + 2, opts);
			ft__situation_figures_clear(est);
			ft__out_spill(o);
		}
		g_string_append_c(out, '\n');
		for (size_t i = 0; i < FT__N_LEGEND; i++)
			wrapped(out, ft__situation_legend[i]);
	}
	return 0;
}

int ft__situation_json(ft__out *o, const ft_situation *const *series, size_t n, const ft_render_options *opts,
                       ft_error *err)
{
	GString *out = o->s;
	(void)opts;
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < ft_situation_entry_count(series[k]); i++) {
			ft_estimate est[FT_SITUATION_COLUMNS];
			int rc = ft__out_figures(o, series[k], i, 0, est, err);
			if (rc != 0)
				return rc;
			ft__estimate_json_line(out, &est[0], o->hash);
			ft__situation_figures_clear(est);
			ft__out_spill(o);
		}
	return 0;
}
