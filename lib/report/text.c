/*
 * The text report, for people at a terminal: for an estimate the figure,
 * its support, the disagreements, the roll-up's parts and a table of every
 * claim looked at with the rule that placed it; for a timeline one line
 * per grid day and the alerts with the claims that moved them. This is
 * what `forcetrack estimate` and `forcetrack timeline` print. Text from
 * the dataset passes through clean(), the one place that makes it safe
 * for a terminal; numbers are written in the C locale's form whatever the
 * program's locale.
 */
#include <math.h>
#include <string.h>

#include "report/report-private.h"
#include "forcetrack/text.h"

/* A copy of text from the dataset that a terminal shows as plain text on
 * one line (g_free). */
static char *clean(const char *s)
{
	char *safe = ft_text_sanitize_terminal(s);
	char *copy = g_strdup(safe);
	ft_free(safe);
	return copy;
}

static void put(GString *out, const char *s)
{
	char *safe = clean(s);
	g_string_append(out, safe);
	g_free(safe);
}

/* A double as printf's `format` writes it in the C locale. */
static void put_double(GString *out, const char *format, double v)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];
	g_string_append(out, g_ascii_formatd(buf, sizeof buf, format, v));
}

/* "+12,000", "-3,000", "0". */
static void format_change(int64_t change, char *buf, size_t size)
{
	char n[32];
	uint64_t mag = change < 0 ? (uint64_t)(-(change + 1)) + 1 : (uint64_t)change;
	ft__report_count(n, sizeof n, mag);
	g_snprintf(buf, (gulong)size, "%s%s", change < 0 ? "-" : change > 0 ? "+" : "", n);
}

/* "RU in ua-border, personnel" */
static void put_subject(GString *out, const ft_actor *actor, const ft_region *region, const char *measure)
{
	put(out, ft_actor_id(actor));
	g_string_append(out, " in ");
	put(out, ft_region_id(region));
	g_string_append(out, ", ");
	put(out, measure);
}

/* "(known on: 2021-12-01)" or "(known on: everything)" */
static void put_known_on(GString *out, const ft_time *known_on)
{
	char k[FT_TIME_BUFSIZE];
	if (ft_time_is_set(known_on))
		ft_time_format(known_on, k);
	else
		g_strlcpy(k, "everything", sizeof k);
	g_string_append_printf(out, "(known on: %s)", k);
}

/* The caller's note, on a line of its own. */
static void put_note(GString *out, const ft_render_options *opts)
{
	if (!opts->note)
		return;
	put(out, opts->note);
	g_string_append_c(out, '\n');
}

/* The width a UTF-8 text takes in a terminal column (one per character:
 * good enough for the Latin, Cyrillic and Greek names of the data). */
static int text_width(const char *s)
{
	return (int)g_utf8_strlen(s, -1);
}

static void put_padded(GString *out, const char *s, int width)
{
	g_string_append(out, s);
	for (int w = text_width(s); w < width; w++)
		g_string_append_c(out, ' ');
}

/* "Kyrylo Budanov, chief of ... (voice ua-gov)": the source's name, and
 * the id of its voice when that is another source (names of voices would
 * make the column twice as wide). */
static char *source_label(const ft_contribution *c)
{
	const ft_source *src = ft_claim_source(c->claim);
	const ft_source *voice = ft__report_voice(c);
	char *s = clean(ft_source_name(src));
	if (voice && voice != src) {
		char *id = clean(ft_source_id(voice));
		char *both = g_strdup_printf("%s (voice %s)", s, id);
		g_free(id);
		g_free(s);
		s = both;
	}
	return s;
}

static void put_disagreements(GString *out, const ft_estimate *est)
{
	size_t n_pairs = ft_estimate_disagreement_count(est);
	g_string_append_printf(out, "CONTESTED: %zu pair%s of current claims of independent voices disagree",
	                       est->pairs, est->pairs == 1 ? "" : "s");
	if (n_pairs < est->pairs)
		g_string_append_printf(out, " (the %zu heaviest listed)", n_pairs);
	g_string_append_c(out, '\n');
	for (size_t i = 0; i < n_pairs; i++) {
		const ft_disagreement *d = ft_estimate_disagreement_at(est, i);
		g_string_append(out, "  ");
		put(out, ft_claim_id(d->a));
		g_string_append(out, " (");
		put(out, ft_source_name(ft_claim_source(d->a)));
		g_string_append(out, ") vs ");
		put(out, ft_claim_id(d->b));
		g_string_append(out, " (");
		put(out, ft_source_name(ft_claim_source(d->b)));
		g_string_append_c(out, ')');
		if (d->disputes)
			g_string_append(out, d->disjoint ? ": disputed, and their ranges do not meet"
			                                 : ": disputed");
		g_string_append_c(out, '\n');
	}
}

/* "RU in crimea" for a part. */
static char *part_node(const ft_estimate_part *p)
{
	char *a = clean(ft_actor_id(p->actor)), *r = clean(ft_region_id(p->region));
	char *node = g_strdup_printf("%s in %s", a, r);
	g_free(a);
	g_free(r);
	return node;
}

static void part_figures(const ft_estimate_part *p, char *own, char *total, size_t size)
{
	ft_estimate_part_format(p, 1, own, size);
	ft_estimate_part_format(p, 0, total, size);
}

static void put_inconsistent(GString *out, const ft_estimate *est)
{
	g_string_append(out, "INCONSISTENT: claims about a whole say less than its parts add up to\n");
	for (size_t i = 0; i < ft_estimate_part_count(est); i++) {
		const ft_estimate_part *p = ft_estimate_part_at(est, i);
		if (!p->inconsistent)
			continue;
		char own[128], total[128];
		part_figures(p, own, total, sizeof own);
		char *node = part_node(p);
		g_string_append_printf(out, "  %s: own claims %s; with its parts %s\n", node, own, total);
		g_free(node);
	}
}

/* The nodes of a roll-up, so that the figure can be redone by hand. */
static void put_parts(GString *out, const ft_estimate *est)
{
	size_t n = ft_estimate_part_count(est);
	g_string_append(out, "parts:\n");
	char **nodes = g_new0(char *, n + 1);
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		nodes[i] = part_node(ft_estimate_part_at(est, i));
		if (text_width(nodes[i]) > w)
			w = text_width(nodes[i]);
	}
	for (size_t i = 0; i < n; i++) {
		const ft_estimate_part *p = ft_estimate_part_at(est, i);
		char own[128], total[128];
		part_figures(p, own, total, sizeof own);
		g_string_append(out, "  ");
		put_padded(out, nodes[i], w);
		g_string_append_printf(out, "  own %s; total %s%s\n", own, total,
		                       p->inconsistent ? "  INCONSISTENT" : "");
	}
	g_strfreev(nodes);
}

/* The table of contributions: claim, node (with a roll-up), source
 * (voice), stance, status, weight, figure, rule. Columns are as wide as
 * their widest cell; the rule, free text, goes last. */
enum { COL_CLAIM, COL_NODE, COL_SOURCE, COL_STANCE, COL_STATUS, COL_WEIGHT, COL_FIGURE, COL_RULE, N_COLS };

static void put_contributions(GString *out, const ft_estimate *est)
{
	static const char *const heads[N_COLS] = {"claim",  "node",   "source (voice)", "stance",
	                                          "status", "weight", "figure",         "rule"};
	int show_node = ft_estimate_part_count(est) > 1;
	size_t n = ft_estimate_contribution_count(est);
	char **cells = g_new0(char *, n *N_COLS + 1);
	int width[N_COLS];
	for (int k = 0; k < N_COLS; k++)
		width[k] = text_width(heads[k]);
	for (size_t i = 0; i < n; i++) {
		const ft_contribution *c = ft_estimate_contribution_at(est, i);
		char **row = cells + i * N_COLS;
		ft_quantity qty = ft_claim_quantity(c->claim);
		char fig[128], weight[G_ASCII_DTOSTR_BUF_SIZE];
		ft_quantity_format(&qty, fig, sizeof fig);
		char *actor = clean(ft_actor_id(ft_claim_subject(c->claim)));
		char *region = clean(ft_region_id(ft_claim_region(c->claim)));
		row[COL_CLAIM] = clean(ft_claim_id(c->claim));
		row[COL_NODE] = g_strdup_printf("%s/%s", actor, region);
		g_free(actor);
		g_free(region);
		row[COL_SOURCE] = source_label(c);
		row[COL_STANCE] = g_strdup(ft_stance_name(c->stance) ? ft_stance_name(c->stance) : "?");
		row[COL_STATUS] = g_strdup(ft_status_name(c->status) ? ft_status_name(c->status) : "?");
		row[COL_WEIGHT] = g_strdup(g_ascii_formatd(weight, sizeof weight, "%.3f", c->weight));
		row[COL_FIGURE] = g_strdup(fig);
		row[COL_RULE] = clean(c->rule ? c->rule : "");
		for (int k = 0; k < N_COLS; k++) {
			int w = text_width(row[k]);
			if (w > width[k])
				width[k] = w;
		}
	}
	g_string_append(out, "contributions:\n");
	for (size_t i = 0; i <= n; i++) {
		const char *const *row = i == 0 ? heads : (const char *const *)(cells + (i - 1) * N_COLS);
		g_string_append_c(out, ' ');
		for (int k = 0; k < N_COLS; k++) {
			if (k == COL_NODE && !show_node)
				continue;
			g_string_append_c(out, ' ');
			if (k == COL_WEIGHT) { /* numbers right-aligned */
				for (int w = text_width(row[k]); w < width[k]; w++)
					g_string_append_c(out, ' ');
				g_string_append(out, row[k]);
			} else if (k == COL_RULE) {
				g_string_append(out, row[k]);
			} else {
				put_padded(out, row[k], width[k]);
			}
			if (k != COL_RULE)
				g_string_append_c(out, ' ');
		}
		g_string_append_c(out, '\n');
	}
	g_strfreev(cells);
}

void ft__estimate_text(GString *out, const ft_estimate *est, const ft_render_options *opts)
{
	const ft_estimate_options *o = ft_estimate_options_of(est);
	char at[FT_TIME_BUFSIZE];
	ft_time_format(&o->at, at);
	put_subject(out, ft_estimate_actor(est), ft_estimate_region(est), ft_estimate_measure(est));
	g_string_append_printf(out, ", at %s ", at);
	put_known_on(out, &o->known_on);
	g_string_append_c(out, '\n');
	put_note(out, opts);

	if (est->has_value) {
		char fig[160];
		ft_estimate_format(est, fig, sizeof fig);
		g_string_append_printf(out, "best %s\n", fig);
	} else {
		g_string_append(out, "no estimate: no claim counts\n");
	}
	g_string_append_printf(out, "%zu voice%s, %zu claim%s counted; method %s, %s\n", est->voices,
	                       est->voices == 1 ? "" : "s", est->claims, est->claims == 1 ? "" : "s",
	                       ft_method_name(o->method), o->no_rollup ? "without roll-up" : "with roll-up");
	if (est->contested)
		put_disagreements(out, est);
	if (est->inconsistent)
		put_inconsistent(out, est);
	if (ft_estimate_part_count(est) > 1)
		put_parts(out, est);
	if (ft_estimate_contribution_count(est) == 0) {
		g_string_append(out, "no claim about it\n");
		return;
	}
	put_contributions(out, est);
}

/* One line per point: the date, the figure in words (a column as wide as
 * the widest), the voices and the flags. */
static void put_points(GString *out, const ft_timeline *tl)
{
	size_t n = ft_timeline_point_count(tl);
	char **fig = g_new0(char *, n + 1);
	int width = 0;
	for (size_t i = 0; i < n; i++) {
		const ft_estimate *e = ft_timeline_point_at(tl, i);
		size_t len = ft_estimate_format(e, NULL, 0);
		fig[i] = g_malloc(len + 1);
		ft_estimate_format(e, fig[i], len + 1);
		if (text_width(fig[i]) > width)
			width = text_width(fig[i]);
	}
	for (size_t i = 0; i < n; i++) {
		const ft_estimate *e = ft_timeline_point_at(tl, i);
		char date[FT_TIME_BUFSIZE];
		ft_time_format(ft_timeline_point_time(tl, i), date);
		GString *line = g_string_new(date);
		g_string_append(line, "  ");
		put_padded(line, fig[i], width);
		g_string_append_printf(line, "  %zu voice%s", e->voices, e->voices == 1 ? " " : "s");
		if (e->contested)
			g_string_append_printf(line, "  CONTESTED (%zu pair%s)", e->pairs,
			                       e->pairs == 1 ? "" : "s");
		if (e->inconsistent)
			g_string_append(line, "  INCONSISTENT");
		for (size_t k = 0; k < ft_timeline_alert_count(tl); k++)
			if (ft_timeline_alert_at(tl, k)->to == i)
				g_string_append(line, "  ALERT");
		/* No trailing blanks. */
		while (line->len && line->str[line->len - 1] == ' ')
			g_string_truncate(line, line->len - 1);
		g_string_append(out, line->str);
		g_string_append_c(out, '\n');
		g_string_free(line, TRUE);
	}
	g_strfreev(fig);
}

/* An alert, and the claims that moved it with their figures and sources. */
static void put_alert(GString *out, const ft_timeline *tl, const ft_alert *al)
{
	char d1[FT_TIME_BUFSIZE], d2[FT_TIME_BUFSIZE], change[40], b1[32], b2[32];
	ft_time_format(ft_timeline_point_time(tl, al->from), d1);
	ft_time_format(ft_timeline_point_time(tl, al->to), d2);
	format_change(al->change, change, sizeof change);
	ft__report_count(b1, sizeof b1, ft_timeline_point_at(tl, al->from)->best);
	ft__report_count(b2, sizeof b2, ft_timeline_point_at(tl, al->to)->best);
	g_string_append_printf(out, "  %s to %s: %s", d1, d2, change);
	if (isfinite(al->relative)) {
		g_string_append(out, " (");
		put_double(out, "%+.1f", al->relative * 100.0);
		g_string_append(out, "%)");
	}
	g_string_append_printf(out, ", %s to %s; %zu claim%s moved it\n", b1, b2, al->n_claims,
	                       al->n_claims == 1 ? "" : "s");
	int wid = 0, wfig = 0;
	for (size_t c = 0; c < al->n_claims; c++) {
		ft_quantity qty = ft_claim_quantity(al->claims[c]);
		int w = (int)strlen(ft_claim_id(al->claims[c]));
		if (w > wid)
			wid = w;
		w = (int)ft_quantity_format(&qty, NULL, 0);
		if (w > wfig)
			wfig = w;
	}
	for (size_t c = 0; c < al->n_claims; c++) {
		const ft_claim *cl = al->claims[c];
		ft_quantity qty = ft_claim_quantity(cl);
		char fig[128];
		ft_quantity_format(&qty, fig, sizeof fig);
		char *id = clean(ft_claim_id(cl));
		g_string_append_printf(out, "    %-*s  %-*s  ", wid, id, wfig, fig);
		g_free(id);
		put(out, ft_source_name(ft_claim_source(cl)));
		g_string_append_c(out, '\n');
	}
}

void ft__timeline_text(GString *out, const ft_timeline *tl, const ft_render_options *opts)
{
	const ft_timeline_options *o = ft_timeline_options_of(tl);
	size_t n = ft_timeline_point_count(tl);
	char from[FT_TIME_BUFSIZE] = "", to[FT_TIME_BUFSIZE] = "";
	if (n) {
		ft_time_format(ft_timeline_point_time(tl, 0), from);
		ft_time_format(ft_timeline_point_time(tl, n - 1), to);
	}
	put_subject(out, ft_timeline_actor(tl), ft_timeline_region(tl), ft_timeline_measure(tl));
	g_string_append_printf(out, ", from %s to %s every %d day%s ", from, to, o->step_days,
	                       o->step_days == 1 ? "" : "s");
	if (o->hindsight)
		g_string_append(out, "(hindsight: everything known now)");
	else if (ft_time_is_set(&o->estimate.known_on))
		put_known_on(out, &o->estimate.known_on);
	else
		g_string_append(out, "(as known then: each point knows what was reported by its date)");
	g_string_append_c(out, '\n');
	put_note(out, opts);
	g_string_append(out, "alerts: best moves by more than ");
	put_double(out, "%g", o->threshold * 100.0);
	g_string_append_printf(out, "%% within %d day%s\n", o->window_days, o->window_days == 1 ? "" : "s");
	put_points(out, tl);
	if (ft_timeline_alert_count(tl) == 0) {
		g_string_append(out, "no alerts\n");
		return;
	}
	g_string_append(out, "alerts:\n");
	for (size_t k = 0; k < ft_timeline_alert_count(tl); k++)
		put_alert(out, tl, ft_timeline_alert_at(tl, k));
}

int ft_estimate_write_text(const ft_estimate *est, const ft_render_options *opts, FILE *fp, ft_error *err)
{
	return ft__report_write_estimate(__func__, est, opts, ft__estimate_text, fp, err);
}

char *ft_estimate_render_text(const ft_estimate *est, const ft_render_options *opts, ft_error *err)
{
	return ft__report_render_estimate(__func__, est, opts, ft__estimate_text, err);
}

int ft_timeline_write_text(const ft_timeline *tl, const ft_render_options *opts, FILE *fp, ft_error *err)
{
	return ft__report_write_timeline(__func__, tl, opts, ft__timeline_text, fp, err);
}

char *ft_timeline_render_text(const ft_timeline *tl, const ft_render_options *opts, ft_error *err)
{
	return ft__report_render_timeline(__func__, tl, opts, ft__timeline_text, err);
}
