/*
 * The CSV exports, for spreadsheets and pandas: the claims of a dataset
 * with every field, a situation report (or a series of them under one
 * header) one row per entry, and a timeline one row per point. RFC 4180:
 * UTF-8 without a byte-order mark, CRLF line ends, a header row. Column
 * names follow UCDP's Georeferenced Event Dataset where a concept matches
 * (best, low, high, date_start, date_end, date_prec, source_original,
 * source_office, number_of_sources), so that analysts who know that
 * dataset know these columns.
 *
 * Every cell goes through cell(), the one place this format escapes. A
 * text cell that a spreadsheet would run as a formula (one beginning with
 * =, +, -, @, tab, CR or LF) gets OWASP's leading ' and is then quoted like
 * any other: a cell holding a comma, a quote, CR or LF is enclosed in
 * quotes with its quotes doubled. A number is never neutralised (a
 * negative change is a number, a name beginning with "-" is text), and an
 * absent value is an empty cell. Otherwise text is kept byte for byte: CSV
 * has no escapes, and the programs that read it take control characters
 * as data, so changing them would only lose the data.
 */
#include <inttypes.h>
#include <string.h>

#include "report/report-private.h"

/* A table being written: where to, and how many cells the row has. */
typedef struct csv {
	GString *out;
	size_t cells;
} csv;

/* What a cell holds: text from the dataset or the library, or a number
 * the library wrote. */
enum { TEXT, NUMBER };

/* Appends one cell (NULL: an empty one) to the row, escaped. */
static void cell(csv *c, const char *value, int kind)
{
	if (c->cells++ > 0)
		g_string_append_c(c->out, ',');
	if (!value || !value[0])
		return;
	int formula = kind == TEXT && strchr("=+-@\t\r\n", value[0]);
	int quoted = value[strcspn(value, ",\"\r\n")] != '\0';
	if (quoted)
		g_string_append_c(c->out, '"');
	if (formula)
		g_string_append_c(c->out, '\'');
	for (const char *p = value; *p; p++) {
		if (*p == '"')
			g_string_append_c(c->out, '"');
		g_string_append_c(c->out, *p);
	}
	if (quoted)
		g_string_append_c(c->out, '"');
}

static void end_row(csv *c)
{
	g_string_append(c->out, "\r\n");
	c->cells = 0;
}

static void text(csv *c, const char *value)
{
	cell(c, value, TEXT);
}

static void empty(csv *c)
{
	cell(c, NULL, NUMBER);
}

static void count(csv *c, uint64_t n)
{
	char buf[24];
	g_snprintf(buf, sizeof buf, "%" PRIu64, n);
	cell(c, buf, NUMBER);
}

static void signed_count(csv *c, int64_t n)
{
	char buf[24];
	g_snprintf(buf, sizeof buf, "%" PRId64, n);
	cell(c, buf, NUMBER);
}

static void flag(csv *c, int on)
{
	cell(c, on ? "1" : "0", NUMBER);
}

/* A time value as it was written; empty when it holds none. */
static void time_value(csv *c, const ft_time *t)
{
	char buf[FT_TIME_BUFSIZE];
	if (!t || !ft_time_is_set(t)) {
		empty(c);
		return;
	}
	ft_time_format(t, buf);
	text(c, buf);
}

/* The UTC day holding microsecond `us` (a bound of an observed span):
 * UCDP's date_start and date_end are days. */
static void day_of(csv *c, int64_t us)
{
	ft_time day;
	if (ft_time_day_nearest(us, &day) != 0) {
		empty(c);
		return;
	}
	time_value(c, &day);
}

static void header(csv *c, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		text(c, names[i]);
	end_row(c);
}

/* ---- The claims ---------------------------------------------------------- */

/* The columns as they read, not one a line: */
/* clang-format off */
static const char *const claim_columns[] = {
    "id", "subject", "subject_name", "region", "region_name", "unit", "measure", "qualifier", "value",
    "low", "high", "kind", "date_start", "date_end", "date_prec", "reported", "source",
    "source_original", "source_office", "reliability", "credibility", "supersedes", "disputes",
    "retracted", "quote", "url", "note", "tags",
};
/* clang-format on */

/* The spelling of a time value's precision (docs/format.md section 2). */
static const char *precision_name(unsigned p)
{
	static const char *const names[] = {NULL, "year", "month", "day", "minute", "second"};
	return p < G_N_ELEMENTS(names) ? names[p] : NULL;
}

/* When the forces were there, as UCDP writes an event's date: the first
 * and last day of the observed span (a side left open is empty) and how
 * precisely it was given, the coarser of its bounds. All three are empty
 * for a claim that gives none ("as of reported"). */
static void observed(csv *c, const ft_claim_desc *d)
{
	const ft_interval *iv = &d->observed;
	if (d->observed_form == FT_OBSERVED_NONE) {
		empty(c);
		empty(c);
		empty(c);
		return;
	}
	if (ft_time_is_set(&iv->from))
		day_of(c, ft_time_start(&iv->from));
	else
		empty(c);
	if (ft_time_is_set(&iv->to))
		day_of(c, ft_time_end(&iv->to));
	else
		empty(c);
	unsigned p = ft_time_is_set(&iv->from) ? iv->from.precision : iv->to.precision;
	if (ft_time_is_set(&iv->to) && iv->to.precision < p)
		p = iv->to.precision;
	text(c, precision_name(p));
}

/* Items joined by `sep` in one cell: ids by " " (they hold no space),
 * names and tags by "; ". */
static void joined(csv *c, GString *scratch, const char *const *items, size_t n, const char *sep)
{
	g_string_truncate(scratch, 0);
	for (size_t i = 0; i < n; i++)
		g_string_append_printf(scratch, "%s%s", i ? sep : "", items[i]);
	text(c, scratch->str);
}

/* The outlets that carried a claim, by name (UCDP's source_office). */
static void outlets(csv *c, GString *scratch, const ft_claim *claim)
{
	size_t n = ft_claim_via_count(claim);
	const char **names = g_new(const char *, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		names[i] = ft_source_name(ft_claim_via_at(claim, i));
	joined(c, scratch, names, n, "; ");
	g_free(names);
}

/* The hedge as the source said it, in the dataset's own fields: `value`
 * is the stated figure (a range's central one, when it has one), `low`
 * and `high` a range's bounds. */
static void quantity(csv *c, const ft_claim *claim)
{
	ft_quantity q = ft_claim_quantity(claim);
	text(c, ft_qualifier_name((ft_qualifier)q.qualifier));
	if (q.qualifier != FT_QUALIFIER_NONE && q.has_value)
		count(c, q.value);
	else
		empty(c);
	if (q.qualifier == FT_QUALIFIER_RANGE) {
		count(c, q.low);
		count(c, q.high);
	} else {
		empty(c);
		empty(c);
	}
}

static void claim_row(csv *c, GString *scratch, const ft_claim *claim)
{
	ft_claim_desc d = FT_CLAIM_DESC_INIT;
	ft_claim_describe(claim, &d);
	const ft_source *source = ft_claim_source(claim);
	text(c, d.id);
	text(c, ft_actor_id(ft_claim_subject(claim)));
	text(c, ft_actor_name(ft_claim_subject(claim)));
	text(c, ft_region_id(ft_claim_region(claim)));
	text(c, ft_region_name(ft_claim_region(claim)));
	text(c, d.unit);
	text(c, ft_claim_measure(claim));
	quantity(c, claim);
	text(c, ft_claim_kind_name(d.kind));
	observed(c, &d);
	time_value(c, &d.reported);
	text(c, ft_source_id(source));
	text(c, ft_source_name(source));
	outlets(c, scratch, claim);
	text(c, ft_reliability_name(ft_source_reliability(source)));
	count(c, (uint64_t)ft_claim_credibility(claim));
	joined(c, scratch, d.supersedes, d.n_supersedes, " ");
	joined(c, scratch, d.disputes, d.n_disputes, " ");
	time_value(c, &d.retracted);
	text(c, d.quote);
	text(c, d.url);
	text(c, d.note);
	joined(c, scratch, d.tags, d.n_tags, "; ");
	end_row(c);
}

int ft__claims_csv(GString *out, const ft_dataset *ds, const ft_render_options *opts, ft_error *err)
{
	(void)opts;
	(void)err;
	csv c = {out, 0};
	GString *scratch = g_string_new(NULL);
	header(&c, claim_columns, G_N_ELEMENTS(claim_columns));
	for (size_t i = 0; i < ft_dataset_claim_count(ds); i++)
		claim_row(&c, scratch, ft_dataset_claim_at(ds, i));
	g_string_free(scratch, TRUE);
	return 0;
}

/* ---- Estimates: situation reports and timelines ---------------------------- */

/* The columns of a figure, in the order both tables write them. */
#define FIGURE_COLUMNS                                                                                       \
	"best", "low", "high", "open_below", "open_above", "credible", "number_of_sources", "claims",        \
	    "contested", "pairs"

static void figure(csv *c, const ft_estimate *est)
{
	if (est->has_value) {
		count(c, est->best);
		count(c, est->low);
		count(c, est->high);
	} else {
		empty(c);
		empty(c);
		empty(c);
	}
	flag(c, est->has_value && est->open_below);
	flag(c, est->has_value && est->open_above);
	flag(c, !(est->has_value && est->not_credible));
	count(c, est->voices);
	count(c, est->claims);
	flag(c, est->contested);
	count(c, est->pairs);
}

static const char *const situation_columns[] = {
    "date",  "known_on", "actor",        "actor_name",   "region", "region_name",
    "depth", "measure",  FIGURE_COLUMNS, "inconsistent", "method", "dataset_sha256",
};

/* The rows of one situation report, each entry's figure on the report's
 * date computed, written and released before the next. */
static int situation_rows(csv *c, ft__out *o, const ft_situation *s, const char *hash, ft_error *err)
{
	ft_time date, known;
	ft_situation_date(s, 0, &date);
	ft_situation_known_on(s, 0, &known);
	for (size_t i = 0; i < ft_situation_entry_count(s); i++) {
		const ft_situation_entry *e = ft_situation_entry_at(s, i);
		ft_estimate figures[FT_SITUATION_COLUMNS];
		int rc = ft__out_figures(o, s, i, 0, figures, err);
		if (rc != 0)
			return rc;
		const ft_estimate *est = &figures[0];
		time_value(c, &date);
		time_value(c, &known);
		text(c, ft_actor_id(e->actor));
		text(c, ft_actor_name(e->actor));
		text(c, ft_region_id(e->region));
		text(c, ft_region_name(e->region));
		count(c, e->depth);
		text(c, e->measure);
		figure(c, est);
		flag(c, est->inconsistent);
		text(c, ft_method_name(ft_estimate_options_of(est)->method));
		text(c, hash);
		end_row(c);
		ft__situation_figures_clear(figures);
		ft__out_spill(o);
	}
	return 0;
}

int ft__situation_csv(ft__out *o, const ft_situation *const *series, size_t n,
                      const ft_render_options *opts, ft_error *err)
{
	(void)opts;
	csv c = {o->s, 0};
	header(&c, situation_columns, G_N_ELEMENTS(situation_columns));
	for (size_t k = 0; k < n; k++) {
		int rc = situation_rows(&c, o, series[k], o->hash, err);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static const char *const timeline_columns[] = {
    "date", "known_on", "actor", "region", "measure", FIGURE_COLUMNS, "alert",
};

int ft__timeline_csv(GString *out, const ft_timeline *tl, const ft_render_options *opts, ft_error *err)
{
	(void)opts;
	(void)err;
	csv c = {out, 0};
	header(&c, timeline_columns, G_N_ELEMENTS(timeline_columns));
	/* Alerts come in the order of the point that ends them, at most one
	 * a point: one walk along both. */
	size_t next_alert = 0, n_alerts = ft_timeline_alert_count(tl);
	for (size_t i = 0; i < ft_timeline_point_count(tl); i++) {
		const ft_estimate *est = ft_timeline_point_at(tl, i);
		time_value(&c, ft_timeline_point_time(tl, i));
		time_value(&c, &ft_estimate_options_of(est)->known_on);
		text(&c, ft_actor_id(ft_timeline_actor(tl)));
		text(&c, ft_region_id(ft_timeline_region(tl)));
		text(&c, ft_timeline_measure(tl));
		figure(&c, est);
		while (next_alert < n_alerts && ft_timeline_alert_at(tl, next_alert)->to < i)
			next_alert++;
		const ft_alert *al = next_alert < n_alerts ? ft_timeline_alert_at(tl, next_alert) : NULL;
		if (al && al->to == i)
			signed_count(&c, al->change);
		else
			empty(&c);
		end_row(&c);
	}
	return 0;
}
