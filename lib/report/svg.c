/*
 * The SVG chart of a timeline: the low-high band of its estimates with
 * the best line over it, each claim counted at any of its points as a
 * marker at its observed date, coloured and shaped by voice, the
 * build-up alerts as labelled rules, and axes of ISO dates and of counts
 * from 0. `forcetrack chart` writes it as a file of its own
 * (ft_timeline_write with FT_FORMAT_SVG); the HTML situation report puts
 * one inline per entry (report/html.c). Both come from ft__svg_chart,
 * which writes the <svg> element; only the file has the XML declaration.
 *
 * The drawing has a fixed viewBox of 720 x 360 and presentation
 * attributes only: no stylesheet, which inline in HTML would reach the
 * whole page, and no font or image to fetch. Ids begin with a prefix the
 * caller gives, so that the charts of one page do not share them. Every
 * figure and date is the library's (ft_estimate_format,
 * ft_quantity_format, the report count); every piece of dataset text
 * goes through ft__xml_text (report/xml.c), and the text people see is
 * cut to fit while the <title> elements, which readers and screen
 * readers show, hold it whole. Coordinates are written with one decimal
 * in the C locale, so that a test can work them out by hand from the
 * scale: x runs from the first grid day at PLOT_L to the last at PLOT_R,
 * y from 0 at PLOT_B to the top of the count axis at PLOT_T.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "report/report-private.h"
#include "values/time-private.h"

#define US_PER_DAY INT64_C(86400000000)

/* The plot area and the legend beside it, in viewBox units. */
#define VIEW_W   720
#define VIEW_H   360
#define PLOT_L   64.0
#define PLOT_R   520.0
#define PLOT_T   52.0
#define PLOT_B   312.0
#define LEGEND_X 548.0
#define LEGEND_Y 60.0
#define LEGEND_ROW 16.0
#define LEGEND_ROWS 18
/* At most this many date ticks and about this many count ticks. */
#define X_TICKS 6
#define Y_TICKS 6
/* How many characters of a name the visible text keeps. */
#define NAME_CHARS   28
#define LEGEND_CHARS 26

/* The Okabe-Ito colours, which stay apart for colour-blind readers and
 * in grey print, with a shape each cycling at another length, so that
 * the first thirty voices differ in both. */
static const char *const palette[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"};
#define N_COLOURS G_N_ELEMENTS(palette)
enum { SHAPE_CIRCLE, SHAPE_SQUARE, SHAPE_DIAMOND, SHAPE_CROSS, SHAPE_PLUS, N_SHAPES };

#define BAND_FILL "#c6d4e1"
#define BEST_INK  "#23415f"
#define ALERT_INK "#b00020"
#define GRID_INK  "#e0e0e0"
#define AXIS_INK  "#444444"
#define TEXT_INK  "#222222"

/* One claim marker: a counted claim and its voice's place in the legend. */
typedef struct mark {
	const ft_claim *claim;
	size_t voice;
} mark;

typedef struct chart {
	GString *out;
	const ft_timeline *tl;
	const char *id;      /* the prefix of every id */
	int64_t t0, t1;      /* the date axis, in microseconds (t1 > t0) */
	uint64_t top, step;  /* the count axis runs 0..top by step; top 0: nothing to draw */
	GPtrArray *voices;   /* const ft_source *, in order of first appearance */
	GArray *marks;       /* mark, in order of first appearance */
	int has_value;       /* some point has an estimate */
	int one_sided;       /* some marker is an at-least or at-most claim */
	int ranged;          /* some marker is a range */
} chart;

/* A coordinate, one decimal, C locale. */
static void num(GString *out, double v)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];
	g_string_append(out, g_ascii_formatd(buf, sizeof buf, "%.1f", v));
}

/* " name="v"" for a coordinate attribute. */
static void attr(GString *out, const char *name, double v)
{
	g_string_append_printf(out, " %s=\"", name);
	num(out, v);
	g_string_append_c(out, '"');
}

/* "x,y " of a polygon's or polyline's points. */
static void pt(GString *out, double x, double y)
{
	num(out, x);
	g_string_append_c(out, ',');
	num(out, y);
	g_string_append_c(out, ' ');
}

/* Ends a points="..." list begun with pt(): the last space goes. */
static void end_points(GString *out)
{
	if (out->len && out->str[out->len - 1] == ' ')
		g_string_truncate(out, out->len - 1);
	g_string_append_c(out, '"');
}

/* "Mx1 y1 Lx2 y2" of a path: one stroke. */
static void seg(GString *out, double x1, double y1, double x2, double y2)
{
	g_string_append_c(out, 'M');
	num(out, x1);
	g_string_append_c(out, ' ');
	num(out, y1);
	g_string_append(out, " L");
	num(out, x2);
	g_string_append_c(out, ' ');
	num(out, y2);
	g_string_append_c(out, ' ');
}

/* Dataset text as people see it, cut to `max` characters with an
 * ellipsis (whole in the titles). */
static void put_short(GString *out, const char *s, long max)
{
	char *valid = g_utf8_make_valid(s ? s : "", -1);
	if (g_utf8_strlen(valid, -1) > max) {
		char *cut = g_utf8_substring(valid, 0, max - 1);
		ft__xml_text(out, cut);
		g_string_append(out, "\xE2\x80\xA6");
		g_free(cut);
	} else {
		ft__xml_text(out, valid);
	}
	g_free(valid);
}

static double x_of(const chart *c, int64_t us)
{
	if (us < c->t0)
		us = c->t0;
	if (us > c->t1)
		us = c->t1;
	return PLOT_L + (double)(us - c->t0) / (double)(c->t1 - c->t0) * (PLOT_R - PLOT_L);
}

static double y_of(const chart *c, uint64_t v)
{
	return PLOT_B - (double)v / (double)c->top * (PLOT_B - PLOT_T);
}

static double point_x(const chart *c, size_t i)
{
	return x_of(c, ft_time_start(ft_timeline_point_time(c->tl, i)));
}

/* Where a claim's marker stands on the date axis: the start of its
 * observed span, or its reported date when the span has no start. */
static int64_t claim_date(const ft_claim *cl)
{
	ft_interval iv = ft_claim_observed(cl);
	int64_t start = ft_interval_start(&iv);
	if (start == INT64_MIN) {
		ft_time r = ft_claim_reported(cl);
		start = ft_time_start(&r);
	}
	return start;
}

/* The largest figure a claim states (for the count axis). */
static uint64_t claim_max(const ft_quantity *q)
{
	return q->qualifier == FT_QUALIFIER_RANGE ? q->high : q->value;
}

/* The counted claims of every point, each once, and their voices. */
static void collect(chart *c)
{
	GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	GHashTable *voice_at = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (size_t i = 0; i < ft_timeline_point_count(c->tl); i++) {
		const ft_estimate *e = ft_timeline_point_at(c->tl, i);
		c->has_value |= e->has_value;
		for (size_t k = 0; k < ft_estimate_contribution_count(e); k++) {
			const ft_contribution *ct = ft_estimate_contribution_at(e, k);
			ft_quantity q = ft_claim_quantity(ct->claim);
			if (ct->status != FT_STATUS_COUNTED || q.qualifier == FT_QUALIFIER_NONE ||
			    g_hash_table_contains(seen, ct->claim))
				continue;
			g_hash_table_add(seen, (gpointer)(uintptr_t)ct->claim);
			const ft_source *voice = ft__report_voice(ct);
			size_t at = (size_t)GPOINTER_TO_SIZE(g_hash_table_lookup(voice_at, voice));
			if (!at) {
				g_ptr_array_add(c->voices, (gpointer)(uintptr_t)voice);
				at = c->voices->len;
				g_hash_table_insert(voice_at, (gpointer)(uintptr_t)voice, GSIZE_TO_POINTER(at));
			}
			mark m = {ct->claim, at - 1};
			g_array_append_val(c->marks, m);
			c->one_sided |= q.qualifier == FT_QUALIFIER_AT_LEAST || q.qualifier == FT_QUALIFIER_AT_MOST;
			c->ranged |= q.qualifier == FT_QUALIFIER_RANGE;
		}
	}
	g_hash_table_destroy(voice_at);
	g_hash_table_destroy(seen);
}

/* The count axis: 0 to a round number a tenth above the largest figure
 * drawn, by steps of 1, 2 or 5 times a power of ten giving about Y_TICKS
 * ticks. */
static void set_scale(chart *c)
{
	uint64_t max = 0;
	for (size_t i = 0; i < ft_timeline_point_count(c->tl); i++) {
		const ft_estimate *e = ft_timeline_point_at(c->tl, i);
		if (e->has_value && e->high > max)
			max = e->high;
		if (e->has_value && e->best > max)
			max = e->best;
	}
	for (guint i = 0; i < c->marks->len; i++) {
		ft_quantity q = ft_claim_quantity(g_array_index(c->marks, mark, i).claim);
		if (claim_max(&q) > max)
			max = claim_max(&q);
	}
	if (!c->has_value && !c->marks->len) {
		c->top = c->step = 0;
		return;
	}
	/* Figures of 0 still need an axis to stand on. */
	if (max == 0)
		max = 1;
	uint64_t target = max + max / 10 + 1;
	uint64_t raw = (target + Y_TICKS - 1) / Y_TICKS, mag = 1;
	while (mag <= raw / 10)
		mag *= 10;
	static const uint64_t nice[] = {1, 2, 5, 10};
	c->step = mag * 10;
	for (size_t k = 0; k < G_N_ELEMENTS(nice); k++)
		if (nice[k] * mag >= raw) {
			c->step = nice[k] * mag;
			break;
		}
	c->top = (target + c->step - 1) / c->step * c->step;
}

/* The date axis: the first grid day to the last, a day either side of a
 * timeline of one point. */
static void set_dates(chart *c)
{
	size_t n = ft_timeline_point_count(c->tl);
	c->t0 = n ? ft_time_start(ft_timeline_point_time(c->tl, 0)) : 0;
	c->t1 = n ? ft_time_start(ft_timeline_point_time(c->tl, n - 1)) : 0;
	if (c->t1 <= c->t0) {
		c->t0 -= US_PER_DAY;
		c->t1 += US_PER_DAY;
	}
}

/* ---- the date ticks ---------------------------------------------------- */

/* Days as GDates and back come from values/time.c. The date axis of a
 * one-point timeline reaches a day either side, which may be beyond the
 * years a date can have: ft__time_date_of_us clamps. */

/* 1, 2, 5, 10, 20, 50, ...: the one after `n`. */
static int next_nice(int n)
{
	int p = 1;
	while (p <= n / 10)
		p *= 10;
	return n / p == 2 ? p * 5 : n * 2;
}

static void x_tick(chart *c, int64_t us)
{
	GString *out = c->out;
	double x = x_of(c, us);
	char label[FT_TIME_BUFSIZE];
	ft_time day = ft_time_day(us);
	ft_time_format(&day, label);
	g_string_append(out, "<line");
	attr(out, "x1", x);
	attr(out, "y1", PLOT_B);
	attr(out, "x2", x);
	attr(out, "y2", PLOT_B + 4);
	g_string_append(out, " stroke=\"" AXIS_INK "\"/>\n<text");
	attr(out, "x", x);
	attr(out, "y", PLOT_B + 17);
	g_string_append_printf(out, " text-anchor=\"middle\">%s</text>\n", label);
}

/* Ticks every 1, 2, 7 or 14 days from the first grid day; else on the
 * first of every 1, 2, 3 or 6 months; else on the first of January of
 * every 1, 2, 5, 10, ... years: the finest that gives at most X_TICKS. */
static void x_ticks(chart *c)
{
	static const int days[] = {1, 2, 7, 14};
	static const int months[] = {1, 2, 3, 6};
	int64_t span = (c->t1 - c->t0) / US_PER_DAY;
	g_string_append(c->out, "<g class=\"x-axis\" font-size=\"10\" fill=\"" TEXT_INK "\">\n");
	for (size_t k = 0; k < G_N_ELEMENTS(days); k++)
		if (span / days[k] + 1 <= X_TICKS) {
			for (int64_t t = c->t0; t <= c->t1; t += days[k] * US_PER_DAY)
				x_tick(c, t);
			g_string_append(c->out, "</g>\n");
			return;
		}
	GDate d, end;
	ft__time_date_of_us(c->t0, &d);
	ft__time_date_of_us(c->t1, &end);
	int first = g_date_get_year(&d) * 12 + (int)g_date_get_month(&d) - 1;
	int last = g_date_get_year(&end) * 12 + (int)g_date_get_month(&end) - 1;
	int step = 0;
	for (size_t k = 0; k < G_N_ELEMENTS(months) && !step; k++)
		if ((last - first) / months[k] + 1 <= X_TICKS)
			step = months[k];
	if (step) {
		for (int m = first; m <= last; m++) {
			if (m % step)
				continue;
			g_date_set_dmy(&d, 1, (GDateMonth)(m % 12 + 1), (GDateYear)(m / 12));
			if (ft__time_us_of_date(&d) >= c->t0)
				x_tick(c, ft__time_us_of_date(&d));
		}
	} else {
		int y0 = g_date_get_year(&d), y1 = g_date_get_year(&end);
		int years = 1;
		while ((y1 - y0) / years + 1 > X_TICKS)
			years = next_nice(years);
		for (int y = (y0 + years - 1) / years * years; y <= y1; y += years) {
			if (y < 1)
				continue;
			g_date_set_dmy(&d, 1, G_DATE_JANUARY, (GDateYear)y);
			if (ft__time_us_of_date(&d) >= c->t0)
				x_tick(c, ft__time_us_of_date(&d));
		}
	}
	g_string_append(c->out, "</g>\n");
}

/* The count axis: a grid line and a label with thousands separators at
 * every step, from 0. */
static void y_ticks(chart *c)
{
	GString *out = c->out;
	g_string_append(out, "<g class=\"y-axis\" font-size=\"10\" fill=\"" TEXT_INK "\" text-anchor=\"end\">\n");
	for (uint64_t v = 0;; v += c->step) {
		double y = c->top ? y_of(c, v) : PLOT_B;
		char label[32];
		ft__report_count(label, sizeof label, v);
		if (v > 0) {
			g_string_append(out, "<line");
			attr(out, "x1", PLOT_L);
			attr(out, "y1", y);
			attr(out, "x2", PLOT_R);
			attr(out, "y2", y);
			g_string_append(out, " stroke=\"" GRID_INK "\"/>\n");
		}
		g_string_append(out, "<text");
		attr(out, "x", PLOT_L - 6);
		attr(out, "y", y + 3.5);
		g_string_append_printf(out, ">%s</text>\n", label);
		if (c->step == 0 || v >= c->top)
			break;
	}
	g_string_append(out, "</g>\n");
}

/* ---- the band, the best line and the points ---------------------------- */

/* What a polygon over a run of points takes from each point: its upper
 * and lower edge. */
typedef enum edge { EDGE_TOP, EDGE_HIGH, EDGE_BAND_LOW, EDGE_BEST, EDGE_LOW } edge;

static double edge_y(const chart *c, const ft_estimate *e, edge which)
{
	switch (which) {
	case EDGE_TOP: return PLOT_T;
	case EDGE_HIGH: return y_of(c, e->high);
	/* Open below, the band's solid part ends at best: below it only
	 * the fade says that nothing bounds it. */
	case EDGE_BAND_LOW: return y_of(c, e->open_below ? e->best : e->low);
	case EDGE_BEST: return y_of(c, e->best);
	case EDGE_LOW: return y_of(c, e->low);
	}
	return PLOT_B;
}

/* A polygon over points [a, b): `upper` left to right, `lower` back. A
 * run of one point is drawn 6 units wide, so that it shows. */
static void run_polygon(chart *c, size_t a, size_t b, edge upper, edge lower, const char *fill)
{
	GString *out = c->out;
	double widen = b - a == 1 ? 3.0 : 0.0;
	g_string_append(out, "<polygon points=\"");
	for (size_t i = a; i < b; i++) {
		double x = point_x(c, i), y = edge_y(c, ft_timeline_point_at(c->tl, i), upper);
		if (widen > 0)
			pt(out, x - widen, y);
		pt(out, x + widen, y);
	}
	for (size_t i = b; i-- > a;) {
		double x = point_x(c, i), y = edge_y(c, ft_timeline_point_at(c->tl, i), lower);
		if (widen > 0)
			pt(out, x + widen, y);
		pt(out, x - widen, y);
	}
	end_points(out);
	g_string_append_printf(out, " fill=\"%s\"/>\n", fill);
}

/* A line through `which` of points [a, b). */
static void run_line(chart *c, size_t a, size_t b, edge which, const char *style)
{
	GString *out = c->out;
	g_string_append(out, "<polyline points=\"");
	for (size_t i = a; i < b; i++)
		pt(out, point_x(c, i), edge_y(c, ft_timeline_point_at(c->tl, i), which));
	end_points(out);
	g_string_append_printf(out, " fill=\"none\" %s/>\n", style);
}

typedef enum side { SIDE_ANY, SIDE_ABOVE, SIDE_BELOW } side;

static int point_in(const chart *c, size_t i, side s)
{
	const ft_estimate *e = ft_timeline_point_at(c->tl, i);
	return e->has_value && (s == SIDE_ANY || (s == SIDE_ABOVE ? e->open_above : e->open_below));
}

/* Calls `draw` for every run of consecutive points that have an
 * estimate and, for SIDE_ABOVE or SIDE_BELOW, are open on that side. */
static void for_runs(chart *c, side s, void (*draw)(chart *c, size_t a, size_t b))
{
	size_t n = ft_timeline_point_count(c->tl);
	for (size_t i = 0; i < n;) {
		if (!point_in(c, i, s)) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && point_in(c, j, s))
			j++;
		draw(c, i, j);
		i = j;
	}
}

static void draw_band(chart *c, size_t a, size_t b)
{
	run_polygon(c, a, b, EDGE_HIGH, EDGE_BAND_LOW, BAND_FILL);
}

/* Open above: high is only the largest figure stated, so the band fades
 * from it to the top of the plot, under a dashed edge. */
static void draw_open_above(chart *c, size_t a, size_t b)
{
	char fill[64];
	g_snprintf(fill, sizeof fill, "url(#%s-up)", c->id);
	run_polygon(c, a, b, EDGE_TOP, EDGE_HIGH, fill);
	if (b - a > 1)
		run_line(c, a, b, EDGE_HIGH, "stroke=\"" BEST_INK "\" stroke-width=\"1\" stroke-dasharray=\"4 3\"");
}

/* Open below: low is 0 only because nothing bounds it; the band fades
 * from best down to the axis. */
static void draw_open_below(chart *c, size_t a, size_t b)
{
	char fill[64];
	g_snprintf(fill, sizeof fill, "url(#%s-down)", c->id);
	run_polygon(c, a, b, EDGE_BEST, EDGE_LOW, fill);
}

static void draw_best(chart *c, size_t a, size_t b)
{
	if (b - a > 1)
		run_line(c, a, b, EDGE_BEST, "stroke=\"" BEST_INK "\" stroke-width=\"2\"");
}

/* "2021-12-01: about 94,000 (84,600-103,400); 1 voice, 1 claim;
 * CONTESTED (2 pairs)" */
static void point_words(GString *out, const ft_timeline *tl, size_t i)
{
	const ft_estimate *e = ft_timeline_point_at(tl, i);
	char date[FT_TIME_BUFSIZE];
	ft_time_format(ft_timeline_point_time(tl, i), date);
	size_t len = ft_estimate_format(e, NULL, 0);
	char *fig = g_malloc(len + 1);
	ft_estimate_format(e, fig, len + 1);
	g_string_append_printf(out, "%s: %s; %zu voice%s, %zu claim%s", date, fig, e->voices,
	                       e->voices == 1 ? "" : "s", e->claims, e->claims == 1 ? "" : "s");
	g_free(fig);
	if (e->contested)
		g_string_append_printf(out, "; CONTESTED (%zu pair%s)", e->pairs, e->pairs == 1 ? "" : "s");
	if (e->inconsistent)
		g_string_append(out, "; INCONSISTENT");
}

/* A dot on the best line at every point with an estimate, titled with
 * the point's figure in words. */
static void draw_points(chart *c)
{
	GString *out = c->out;
	g_string_append(out, "<g class=\"points\" fill=\"" BEST_INK "\">\n");
	for (size_t i = 0; i < ft_timeline_point_count(c->tl); i++) {
		const ft_estimate *e = ft_timeline_point_at(c->tl, i);
		if (!e->has_value)
			continue;
		g_string_append(out, "<circle");
		attr(out, "cx", point_x(c, i));
		attr(out, "cy", y_of(c, e->best));
		g_string_append(out, " r=\"2.5\"><title>");
		point_words(out, c->tl, i);
		g_string_append(out, "</title></circle>\n");
	}
	g_string_append(out, "</g>\n");
}

/* ---- alerts ------------------------------------------------------------ */

/* "+12,000 (+15%)", "-3,000 (-12%)", "+5,000" for a rise from 0. */
static void alert_words(GString *out, const ft_alert *al)
{
	char n[32], pct[G_ASCII_DTOSTR_BUF_SIZE];
	uint64_t mag = al->change < 0 ? (uint64_t)(-(al->change + 1)) + 1 : (uint64_t)al->change;
	ft__report_count(n, sizeof n, mag);
	g_string_append_printf(out, "%s%s", al->change < 0 ? "-" : "+", n);
	if (isfinite(al->relative))
		g_string_append_printf(out, " (%s%%)", g_ascii_formatd(pct, sizeof pct, "%+.0f", al->relative * 100.0));
}

/* A dashed rule at the point an alert ends on, labelled at the top of
 * the plot; labels that would overlap go a row down (three rows). */
static void draw_alerts(chart *c)
{
	GString *out = c->out;
	size_t n = ft_timeline_alert_count(c->tl);
	if (!n)
		return;
	double row_end[3] = {-1e9, -1e9, -1e9};
	/* The labels have a white halo, to read clear of the rules they cross. */
	g_string_append(out, "<g class=\"alerts\" font-size=\"10\" font-weight=\"bold\" fill=\"" ALERT_INK "\">\n");
	for (size_t k = 0; k < n; k++) {
		const ft_alert *al = ft_timeline_alert_at(c->tl, k);
		double x = point_x(c, al->to);
		GString *label = g_string_new(NULL);
		alert_words(label, al);
		/* About 6 units a character at this size. */
		double width = 6.0 * (double)label->len;
		int right = x + 3 + width > PLOT_R;
		double from = right ? x - 3 - width : x + 3;
		size_t row = 0;
		while (row < 2 && row_end[row] > from - 4)
			row++;
		row_end[row] = from + width;
		g_string_append(out, "<g class=\"alert\"><title>");
		char d1[FT_TIME_BUFSIZE], d2[FT_TIME_BUFSIZE];
		ft_time_format(ft_timeline_point_time(c->tl, al->from), d1);
		ft_time_format(ft_timeline_point_time(c->tl, al->to), d2);
		g_string_append_printf(out, "Alert: %s from %s to %s, %zu claim%s moved it</title>\n<line", label->str,
		                       d1, d2, al->n_claims, al->n_claims == 1 ? "" : "s");
		attr(out, "x1", x);
		attr(out, "y1", PLOT_T);
		attr(out, "x2", x);
		attr(out, "y2", PLOT_B);
		g_string_append(out, " stroke=\"" ALERT_INK "\" stroke-width=\"1.2\" stroke-dasharray=\"6 3\"/>\n<text");
		attr(out, "x", right ? x - 3 : x + 3);
		attr(out, "y", PLOT_T + 11 + 12 * (double)row);
		g_string_append_printf(out, "%s stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">%s</text></g>\n",
		                       right ? " text-anchor=\"end\"" : "", label->str);
		g_string_free(label, TRUE);
	}
	g_string_append(out, "</g>\n");
}

/* ---- claim markers ----------------------------------------------------- */

/* Voice `v`'s shape at (x, y), filled with its colour. */
static void shape(GString *out, size_t v, double x, double y)
{
	const char *colour = palette[v % N_COLOURS];
	switch (v % N_SHAPES) {
	case SHAPE_CIRCLE:
		g_string_append(out, "<circle");
		attr(out, "cx", x);
		attr(out, "cy", y);
		g_string_append_printf(out, " r=\"4.5\" fill=\"%s\" stroke=\"#ffffff\"/>\n", colour);
		break;
	case SHAPE_SQUARE:
		g_string_append(out, "<rect");
		attr(out, "x", x - 4);
		attr(out, "y", y - 4);
		g_string_append_printf(out, " width=\"8\" height=\"8\" fill=\"%s\" stroke=\"#ffffff\"/>\n", colour);
		break;
	case SHAPE_DIAMOND:
		g_string_append(out, "<polygon points=\"");
		pt(out, x, y - 5.5);
		pt(out, x + 5.5, y);
		pt(out, x, y + 5.5);
		pt(out, x - 5.5, y);
		end_points(out);
		g_string_append_printf(out, " fill=\"%s\" stroke=\"#ffffff\"/>\n", colour);
		break;
	case SHAPE_CROSS:
	case SHAPE_PLUS:
		/* Two strokes, which stay apart from the filled shapes. */
		g_string_append(out, "<path d=\"");
		if (v % N_SHAPES == SHAPE_CROSS) {
			seg(out, x - 4, y - 4, x + 4, y + 4);
			seg(out, x - 4, y + 4, x + 4, y - 4);
		} else {
			seg(out, x - 5, y, x + 5, y);
			seg(out, x, y - 5, x, y + 5);
		}
		end_points(out);
		g_string_append_printf(out, " stroke=\"%s\" stroke-width=\"2.5\" fill=\"none\"/>\n", colour);
		break;
	}
}

/* A line in a voice's colour. */
static void stroke_line(GString *out, double x1, double y1, double x2, double y2, const char *colour)
{
	g_string_append(out, "<line");
	attr(out, "x1", x1);
	attr(out, "y1", y1);
	attr(out, "x2", x2);
	attr(out, "y2", y2);
	g_string_append_printf(out, " stroke=\"%s\" stroke-width=\"1.5\"/>\n", colour);
}

/* An arrow from (x, y) 16 units up (dir -1) or down (dir 1): the open
 * side of an at-least or at-most claim. */
static void arrow(GString *out, double x, double y, double dir, const char *colour)
{
	stroke_line(out, x, y, x, y + dir * 13, colour);
	g_string_append(out, "<polygon points=\"");
	pt(out, x - 3.5, y + dir * 12);
	pt(out, x + 3.5, y + dir * 12);
	pt(out, x, y + dir * 18);
	end_points(out);
	g_string_append_printf(out, " fill=\"%s\"/>\n", colour);
}

/* "c-ua-94k, Government of Ukraine: about 94,000, observed 2021-12-01
 * [in crimea]", "..., reported 2021-11-20 (no observed date)" */
static void claim_words(GString *out, const chart *c, const ft_claim *cl)
{
	ft_quantity q = ft_claim_quantity(cl);
	char fig[128], from[FT_TIME_BUFSIZE] = "", to[FT_TIME_BUFSIZE] = "";
	ft_quantity_format(&q, fig, sizeof fig);
	ft_claim_desc desc = FT_CLAIM_DESC_INIT;
	ft_claim_describe(cl, &desc);
	ft_time_format(&desc.observed.from, from);
	ft_time_format(&desc.observed.to, to);
	ft__xml_text(out, ft_claim_id(cl));
	g_string_append(out, ", ");
	ft__xml_text(out, ft_source_name(ft_claim_source(cl)));
	g_string_append_printf(out, ": %s, ", fig);
	/* A claim that says nothing of when stands at its reported date. */
	if (desc.observed_form == FT_OBSERVED_NONE) {
		ft_time_format(&desc.reported, from);
		g_string_append_printf(out, "reported %s (no observed date)", from);
	} else if (!from[0])
		g_string_append_printf(out, "observed until %s", to);
	else if (!to[0])
		g_string_append_printf(out, "observed from %s", from);
	else if (strcmp(from, to) == 0)
		g_string_append_printf(out, "observed %s", from);
	else
		g_string_append_printf(out, "observed %s to %s", from, to);
	if (ft_claim_region(cl) != ft_timeline_region(c->tl)) {
		g_string_append(out, " [in ");
		ft__xml_text(out, ft_region_id(ft_claim_region(cl)));
		g_string_append_c(out, ']');
	}
	if (ft_claim_subject(cl) != ft_timeline_actor(c->tl)) {
		g_string_append(out, " [about ");
		ft__xml_text(out, ft_actor_id(ft_claim_subject(cl)));
		g_string_append_c(out, ']');
	}
}

/* Each counted claim at its observed date and figure: the voice's shape
 * at the figure (a range's central figure, or its middle), a bar from
 * low to high for a range, an arrow to the open side of a one-sided
 * claim. */
static void draw_claims(chart *c)
{
	GString *out = c->out;
	if (!c->marks->len)
		return;
	g_string_append(out, "<g class=\"claims\">\n");
	for (guint i = 0; i < c->marks->len; i++) {
		const mark *m = &g_array_index(c->marks, mark, i);
		ft_quantity q = ft_claim_quantity(m->claim);
		const char *colour = palette[m->voice % N_COLOURS];
		double x = x_of(c, claim_date(m->claim));
		uint64_t at = q.value;
		g_string_append(out, "<g class=\"claim\"><title>");
		claim_words(out, c, m->claim);
		g_string_append(out, "</title>\n");
		if (q.qualifier == FT_QUALIFIER_RANGE) {
			if (!q.has_value)
				at = q.low + (q.high - q.low) / 2;
			stroke_line(out, x, y_of(c, q.low), x, y_of(c, q.high), colour);
			stroke_line(out, x - 3, y_of(c, q.low), x + 3, y_of(c, q.low), colour);
			stroke_line(out, x - 3, y_of(c, q.high), x + 3, y_of(c, q.high), colour);
		} else if (q.qualifier == FT_QUALIFIER_AT_LEAST || q.qualifier == FT_QUALIFIER_AT_MOST) {
			arrow(out, x, y_of(c, q.value), q.qualifier == FT_QUALIFIER_AT_LEAST ? -1.0 : 1.0, colour);
		}
		shape(out, m->voice, x, y_of(c, at));
		g_string_append(out, "</g>\n");
	}
	g_string_append(out, "</g>\n");
}

/* ---- the legend -------------------------------------------------------- */

static void legend_text(GString *out, double y, const char *words)
{
	g_string_append(out, "<text");
	attr(out, "x", LEGEND_X + 22);
	attr(out, "y", y + 4);
	g_string_append_printf(out, ">%s</text>\n", words);
}

/* A patch of the band's fill, or of its fade, in the legend. */
static void swatch(GString *out, double y, const char *fill)
{
	g_string_append(out, "<rect");
	attr(out, "x", LEGEND_X);
	attr(out, "y", y - 5);
	g_string_append_printf(out, " width=\"16\" height=\"10\" fill=\"%s\"/>\n", fill);
}

/* The keys of the band, the line, the open side, the alerts and the
 * claim shapes, then each voice with its marker, as many as there is
 * room for. */
static void draw_legend(chart *c)
{
	GString *out = c->out;
	double y = LEGEND_Y;
	int rows = 0;
	g_string_append(out, "<g class=\"legend\" font-size=\"10\" fill=\"" TEXT_INK "\">\n");
	if (c->has_value) {
		g_string_append(out, "<line");
		attr(out, "x1", LEGEND_X);
		attr(out, "y1", y);
		attr(out, "x2", LEGEND_X + 16);
		attr(out, "y2", y);
		g_string_append(out, " stroke=\"" BEST_INK "\" stroke-width=\"2\"/>\n");
		legend_text(out, y, "best figure");
		y += LEGEND_ROW;
		swatch(out, y, BAND_FILL);
		legend_text(out, y, "range, low to high");
		y += LEGEND_ROW;
		char fade[64];
		g_snprintf(fade, sizeof fade, "url(#%s-up)", c->id);
		swatch(out, y, fade);
		legend_text(out, y, "open side: no bound");
		y += LEGEND_ROW;
		rows += 3;
	}
	if (ft_timeline_alert_count(c->tl)) {
		g_string_append(out, "<line");
		attr(out, "x1", LEGEND_X + 8);
		attr(out, "y1", y - 6);
		attr(out, "x2", LEGEND_X + 8);
		attr(out, "y2", y + 6);
		g_string_append(out, " stroke=\"" ALERT_INK "\" stroke-width=\"1.2\" stroke-dasharray=\"6 3\"/>\n");
		legend_text(out, y, "build-up alert");
		y += LEGEND_ROW;
		rows++;
	}
	if (c->one_sided) {
		arrow(out, LEGEND_X + 8, y + 5, -1.0, AXIS_INK);
		legend_text(out, y, "at least \xE2\x86\x91, at most \xE2\x86\x93");
		y += LEGEND_ROW;
		rows++;
	}
	if (c->ranged) {
		stroke_line(out, LEGEND_X + 8, y - 6, LEGEND_X + 8, y + 6, AXIS_INK);
		legend_text(out, y, "a range claimed");
		y += LEGEND_ROW;
		rows++;
	}
	if (c->voices->len) {
		g_string_append(out, "<text");
		attr(out, "x", LEGEND_X);
		attr(out, "y", y + 4);
		g_string_append(out, " font-weight=\"bold\">Claims by voice</text>\n");
		y += LEGEND_ROW;
		rows++;
	}
	for (guint v = 0; v < c->voices->len; v++, y += LEGEND_ROW, rows++) {
		if (rows == LEGEND_ROWS - 1 && v + 1 < c->voices->len) {
			g_string_append(out, "<text");
			attr(out, "x", LEGEND_X);
			attr(out, "y", y + 4);
			g_string_append_printf(out, ">and %u more voices</text>\n", c->voices->len - v);
			break;
		}
		const ft_source *voice = g_ptr_array_index(c->voices, v);
		g_string_append(out, "<g class=\"voice\"><title>");
		ft__xml_text(out, ft_source_name(voice));
		g_string_append(out, " (");
		ft__xml_text(out, ft_source_id(voice));
		g_string_append(out, ")</title>\n");
		shape(out, v, LEGEND_X + 8, y);
		g_string_append(out, "<text");
		attr(out, "x", LEGEND_X + 22);
		attr(out, "y", y + 4);
		g_string_append_c(out, '>');
		put_short(out, ft_source_name(voice), LEGEND_CHARS);
		g_string_append(out, "</text></g>\n");
	}
	g_string_append(out, "</g>\n");
}

/* ---- the whole chart --------------------------------------------------- */

/* "as known then", "as known on 2021-12-01", "with hindsight". */
static const char *knowledge(const ft_timeline *tl, char known[FT_TIME_BUFSIZE])
{
	const ft_timeline_options *o = ft_timeline_options_of(tl);
	if (o->hindsight)
		return "with hindsight (everything known now)";
	if (ft_time_is_set(&o->estimate.known_on)) {
		ft_time_format(&o->estimate.known_on, known);
		return NULL;
	}
	return "as known then";
}

/* "2021-11-01 to 2021-12-03 every 2 days, as known then" */
static void span_words(GString *out, const ft_timeline *tl)
{
	size_t n = ft_timeline_point_count(tl);
	char from[FT_TIME_BUFSIZE] = "", to[FT_TIME_BUFSIZE] = "", known[FT_TIME_BUFSIZE];
	if (n) {
		ft_time_format(ft_timeline_point_time(tl, 0), from);
		ft_time_format(ft_timeline_point_time(tl, n - 1), to);
	}
	int step = ft_timeline_options_of(tl)->step_days;
	const char *k = knowledge(tl, known);
	g_string_append_printf(out, "%s to %s every %d day%s, ", from, to, step, step == 1 ? "" : "s");
	if (k)
		g_string_append(out, k);
	else
		g_string_append_printf(out, "as known on %s", known);
}

/* The latest point with an estimate, or the last point. */
static size_t latest_point(const ft_timeline *tl)
{
	size_t n = ft_timeline_point_count(tl);
	for (size_t i = n; i-- > 0;)
		if (ft_timeline_point_at(tl, i)->has_value)
			return i;
	return n ? n - 1 : 0;
}

/* <title> and <desc>: what the chart shows, in words, for a reader who
 * cannot see it. */
static void describe(chart *c)
{
	GString *out = c->out;
	const ft_timeline *tl = c->tl;
	const ft_actor *a = ft_timeline_actor(tl);
	const ft_region *r = ft_timeline_region(tl);
	g_string_append_printf(out, "<title id=\"%s-title\">", c->id);
	ft__xml_text(out, ft_actor_name(a));
	g_string_append(out, " (");
	ft__xml_text(out, ft_actor_id(a));
	g_string_append(out, ") in ");
	ft__xml_text(out, ft_region_name(r));
	g_string_append(out, " (");
	ft__xml_text(out, ft_region_id(r));
	g_string_append(out, "), ");
	ft__xml_text(out, ft_timeline_measure(tl));
	g_string_append(out, ": ");
	span_words(out, tl);
	g_string_append_printf(out, "</title>\n<desc id=\"%s-desc\">", c->id);
	if (!c->has_value) {
		g_string_append(out, "No estimate at any point: no claim counts.");
	} else {
		g_string_append(out, "Latest estimate, ");
		point_words(out, tl, latest_point(tl));
		g_string_append_c(out, '.');
	}
	if (c->marks->len)
		g_string_append_printf(out, " %u claim%s counted, from %u voice%s, each marked at its observed date.",
		                       c->marks->len, c->marks->len == 1 ? "" : "s", c->voices->len,
		                       c->voices->len == 1 ? "" : "s");
	size_t n = ft_timeline_alert_count(tl);
	if (!n)
		g_string_append(out, " No build-up alerts.");
	for (size_t k = 0; k < n; k++) {
		const ft_alert *al = ft_timeline_alert_at(tl, k);
		char d1[FT_TIME_BUFSIZE], d2[FT_TIME_BUFSIZE];
		ft_time_format(ft_timeline_point_time(tl, al->from), d1);
		ft_time_format(ft_timeline_point_time(tl, al->to), d2);
		g_string_append(out, k == 0 ? " Build-up alerts: " : "; ");
		alert_words(out, al);
		g_string_append_printf(out, " from %s to %s", d1, d2);
		if (k + 1 == n)
			g_string_append_c(out, '.');
	}
	g_string_append(out, "</desc>\n");
}

/* The caption over the plot, for people: the subject, and the span with
 * the latest figure. */
static void caption(chart *c)
{
	GString *out = c->out;
	const ft_timeline *tl = c->tl;
	g_string_append(out, "<text x=\"12\" y=\"20\" font-size=\"13\" font-weight=\"bold\">");
	put_short(out, ft_actor_name(ft_timeline_actor(tl)), NAME_CHARS);
	g_string_append(out, " in ");
	put_short(out, ft_region_name(ft_timeline_region(tl)), NAME_CHARS);
	g_string_append(out, ", ");
	ft__xml_text(out, ft_timeline_measure(tl));
	g_string_append(out, "</text>\n<text x=\"12\" y=\"37\" font-size=\"11\">");
	span_words(out, tl);
	if (c->has_value) {
		size_t i = latest_point(tl);
		char date[FT_TIME_BUFSIZE];
		ft_time_format(ft_timeline_point_time(tl, i), date);
		size_t len = ft_estimate_format(ft_timeline_point_at(tl, i), NULL, 0);
		char *fig = g_malloc(len + 1);
		ft_estimate_format(ft_timeline_point_at(tl, i), fig, len + 1);
		g_string_append_printf(out, "; %s: %s", date, fig);
		g_free(fig);
	}
	g_string_append(out, "</text>\n");
}

void ft__svg_chart(GString *out, const ft_timeline *tl, const char *id, int standalone)
{
	chart c;
	memset(&c, 0, sizeof c);
	c.out = out;
	c.tl = tl;
	c.id = id;
	c.voices = g_ptr_array_new();
	c.marks = g_array_new(FALSE, FALSE, sizeof(mark));
	collect(&c);
	set_scale(&c);
	set_dates(&c);

	g_string_append_printf(out,
	                       "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" %s viewBox=\"0 0 %d %d\" "
	                       "role=\"img\" aria-labelledby=\"%s-title %s-desc\" font-family=\"sans-serif\">\n",
	                       standalone ? "width=\"720\" height=\"360\"" : "width=\"100%\"", VIEW_W, VIEW_H, id,
	                       id);
	describe(&c);
	g_string_append_printf(out,
	                       "<defs>\n"
	                       "<linearGradient id=\"%s-up\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">"
	                       "<stop offset=\"0\" stop-color=\"" BAND_FILL "\" stop-opacity=\"1\"/>"
	                       "<stop offset=\"1\" stop-color=\"" BAND_FILL "\" stop-opacity=\"0\"/></linearGradient>\n"
	                       "<linearGradient id=\"%s-down\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">"
	                       "<stop offset=\"0\" stop-color=\"" BAND_FILL "\" stop-opacity=\"1\"/>"
	                       "<stop offset=\"1\" stop-color=\"" BAND_FILL "\" stop-opacity=\"0\"/></linearGradient>\n"
	                       "</defs>\n"
	                       "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
	                       id, id, VIEW_W, VIEW_H);
	caption(&c);
	y_ticks(&c);
	x_ticks(&c);
	if (c.has_value) {
		g_string_append(out, "<g class=\"band\">\n");
		for_runs(&c, SIDE_ANY, draw_band);
		for_runs(&c, SIDE_ABOVE, draw_open_above);
		for_runs(&c, SIDE_BELOW, draw_open_below);
		g_string_append(out, "</g>\n<g class=\"best\">\n");
		for_runs(&c, SIDE_ANY, draw_best);
		g_string_append(out, "</g>\n");
	} else {
		g_string_append(out, "<text");
		attr(out, "x", (PLOT_L + PLOT_R) / 2);
		attr(out, "y", (PLOT_T + PLOT_B) / 2);
		g_string_append(out, " font-size=\"14\" fill=\"" AXIS_INK "\" text-anchor=\"middle\">no estimate</text>\n");
	}
	/* The axes over the band, the markers over everything. */
	g_string_append(out, "<path d=\"M");
	num(out, PLOT_L);
	g_string_append_c(out, ' ');
	num(out, PLOT_T);
	g_string_append(out, " V");
	num(out, PLOT_B);
	g_string_append(out, " H");
	num(out, PLOT_R);
	g_string_append(out, "\" fill=\"none\" stroke=\"" AXIS_INK "\"/>\n");
	draw_alerts(&c);
	if (c.has_value)
		draw_points(&c);
	draw_claims(&c);
	draw_legend(&c);
	g_string_append(out, "</svg>\n");
	g_array_free(c.marks, TRUE);
	g_ptr_array_free(c.voices, TRUE);
}

int ft__timeline_svg(GString *out, const ft_timeline *tl, const ft_render_options *opts, ft_error *err)
{
	(void)opts;
	(void)err;
	g_string_append(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	ft__svg_chart(out, tl, "chart", 1);
	return 0;
}
