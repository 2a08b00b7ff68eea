/*
 * The JSON report, for other programs: an estimate or a timeline as the
 * one object include/forcetrack/report.h describes, which is what
 * `forcetrack estimate --json` and `forcetrack timeline --json` print.
 * Jansson builds and writes it, and escapes every string by the JSON
 * rules: the one place this format escapes the dataset's text. A count is
 * an integer, a side a claim does not state is null, and a number JSON
 * cannot hold (a NaN, an infinity) is null too.
 */
#include "report/report-private.h"

#include <jansson.h>

#include "values/json-private.h"

/* How every report is written: two-space indent, keys in the order set. */
#define DUMP_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

static json_t *count(uint64_t v)
{
	return json_integer((json_int_t)v);
}

static json_t *string_or_null(const char *s)
{
	json_t *j = s ? json_string(s) : NULL;
	return j ? j : json_null();
}

static json_t *time_or_null(const ft_time *t)
{
	if (!t || !ft_time_is_set(t))
		return json_null();
	char buf[FT_TIME_BUFSIZE];
	ft_time_format(t, buf);
	return json_string(buf);
}

/* A real, or null for a NaN or an infinity (json_real refuses them). */
static json_t *real_or_null(double v)
{
	json_t *j = json_real(v);
	return j ? j : json_null();
}

/* {"best", "low", "high", "open_below", "open_above", "not_credible"} or
 * null. */
static json_t *figure(int has, uint64_t best, uint64_t low, uint64_t high, int open_below, int open_above,
                      int not_credible)
{
	if (!has)
		return json_null();
	json_t *o = json_object();
	json_object_set_new(o, "best", count(best));
	json_object_set_new(o, "low", count(low));
	json_object_set_new(o, "high", count(high));
	json_object_set_new(o, "open_below", json_boolean(open_below));
	json_object_set_new(o, "open_above", json_boolean(open_above));
	json_object_set_new(o, "not_credible", json_boolean(not_credible));
	return o;
}

static json_t *contribution(const ft_contribution *c)
{
	json_t *o = json_object();
	const ft_source *voice = ft__report_voice(c);
	/* A side the claim does not state is null: "at most" has no low,
	 * "at least" no high, a denial neither. */
	ft_quantity qty = ft_claim_quantity(c->claim);
	int has_low = qty.qualifier != FT_QUALIFIER_AT_MOST && qty.qualifier != FT_QUALIFIER_NONE;
	int has_high = qty.qualifier != FT_QUALIFIER_AT_LEAST && qty.qualifier != FT_QUALIFIER_NONE &&
	               c->high != UINT64_MAX;
	json_object_set_new(o, "claim", string_or_null(ft_claim_id(c->claim)));
	json_object_set_new(o, "source", string_or_null(ft_source_id(ft_claim_source(c->claim))));
	json_object_set_new(o, "source_name", string_or_null(ft_source_name(ft_claim_source(c->claim))));
	json_object_set_new(o, "voice", voice ? string_or_null(ft_source_id(voice)) : json_null());
	json_object_set_new(o, "weight", real_or_null(c->weight));
	json_object_set_new(o, "status", string_or_null(ft_status_name(c->status)));
	json_object_set_new(o, "stance", string_or_null(ft_stance_name(c->stance)));
	json_object_set_new(o, "credible", json_boolean(c->credible));
	json_object_set_new(o, "current", json_boolean(c->current));
	json_object_set_new(o, "qualifier", string_or_null(ft_qualifier_name(c->qualifier)));
	json_t *node = json_object();
	json_object_set_new(node, "actor", string_or_null(ft_actor_id(ft_claim_subject(c->claim))));
	json_object_set_new(node, "region", string_or_null(ft_region_id(ft_claim_region(c->claim))));
	json_object_set_new(o, "node", node);
	json_object_set_new(o, "low", has_low ? count(c->low) : json_null());
	json_object_set_new(o, "high", has_high ? count(c->high) : json_null());
	json_object_set_new(o, "central", c->has_central ? count(c->central) : json_null());
	json_object_set_new(o, "rule", string_or_null(c->rule));
	return o;
}

static json_t *part(const ft_estimate_part *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "actor", string_or_null(ft_actor_id(p->actor)));
	json_object_set_new(o, "region", string_or_null(ft_region_id(p->region)));
	json_object_set_new(o, "own",
	                    figure(p->has_own, p->own_best, p->own_low, p->own_high, p->own_open_below,
	                           p->own_open_above, p->own_not_credible));
	json_object_set_new(
	    o, "total",
	    figure(p->has_total, p->best, p->low, p->high, p->open_below, p->open_above, p->not_credible));
	json_object_set_new(o, "inconsistent", json_boolean(p->inconsistent));
	return o;
}

static json_t *estimate(const ft_estimate *est)
{
	const ft_estimate_options *opts = ft_estimate_options_of(est);
	json_t *o = json_object();
	json_object_set_new(o, "actor", string_or_null(ft_actor_id(ft_estimate_actor(est))));
	json_object_set_new(o, "region", string_or_null(ft_region_id(ft_estimate_region(est))));
	json_object_set_new(o, "measure", string_or_null(ft_estimate_measure(est)));
	json_object_set_new(o, "at", time_or_null(&opts->at));
	json_object_set_new(o, "known_on", time_or_null(&opts->known_on));
	json_object_set_new(o, "method", string_or_null(ft_method_name(opts->method)));
	json_object_set_new(o, "best", est->has_value ? count(est->best) : json_null());
	json_object_set_new(o, "low", est->has_value ? count(est->low) : json_null());
	json_object_set_new(o, "high", est->has_value ? count(est->high) : json_null());
	json_object_set_new(o, "claims", count(est->claims));
	json_object_set_new(o, "voices", count(est->voices));
	json_object_set_new(o, "open_below", json_boolean(est->has_value && est->open_below));
	json_object_set_new(o, "open_above", json_boolean(est->has_value && est->open_above));
	json_object_set_new(o, "not_credible", json_boolean(est->has_value && est->not_credible));
	json_object_set_new(o, "contested", json_boolean(est->contested));
	json_object_set_new(o, "pairs", count(est->pairs));
	json_object_set_new(o, "inconsistent", json_boolean(est->inconsistent));
	json_t *arr = json_array();
	for (size_t i = 0; i < ft_estimate_disagreement_count(est); i++) {
		const ft_disagreement *d = ft_estimate_disagreement_at(est, i);
		json_t *pair = json_object();
		json_object_set_new(pair, "a", string_or_null(ft_claim_id(d->a)));
		json_object_set_new(pair, "b", string_or_null(ft_claim_id(d->b)));
		json_object_set_new(pair, "weight", real_or_null(d->weight));
		json_object_set_new(pair, "disputes", json_boolean(d->disputes));
		json_object_set_new(pair, "disjoint", json_boolean(d->disjoint));
		json_array_append_new(arr, pair);
	}
	json_object_set_new(o, "disagreements", arr);
	arr = json_array();
	for (size_t i = 0; i < ft_estimate_contribution_count(est); i++)
		json_array_append_new(arr, contribution(ft_estimate_contribution_at(est, i)));
	json_object_set_new(o, "contributions", arr);
	arr = json_array();
	for (size_t i = 0; i < ft_estimate_part_count(est); i++)
		json_array_append_new(arr, part(ft_estimate_part_at(est, i)));
	json_object_set_new(o, "parts", arr);
	return o;
}

static json_t *alert(const ft_timeline *tl, const ft_alert *al)
{
	json_t *o = json_object();
	json_object_set_new(o, "from", time_or_null(ft_timeline_point_time(tl, al->from)));
	json_object_set_new(o, "to", time_or_null(ft_timeline_point_time(tl, al->to)));
	json_object_set_new(o, "change", json_integer((json_int_t)al->change));
	json_object_set_new(o, "relative", real_or_null(al->relative)); /* null for a rise from 0 */
	json_t *ids = json_array();
	for (size_t c = 0; c < al->n_claims; c++)
		json_array_append_new(ids, string_or_null(ft_claim_id(al->claims[c])));
	json_object_set_new(o, "claims", ids);
	return o;
}

static json_t *timeline(const ft_timeline *tl)
{
	const ft_timeline_options *opts = ft_timeline_options_of(tl);
	size_t n = ft_timeline_point_count(tl);
	json_t *o = json_object();
	json_object_set_new(o, "actor", string_or_null(ft_actor_id(ft_timeline_actor(tl))));
	json_object_set_new(o, "region", string_or_null(ft_region_id(ft_timeline_region(tl))));
	json_object_set_new(o, "measure", string_or_null(ft_timeline_measure(tl)));
	json_object_set_new(o, "known_on", time_or_null(&opts->estimate.known_on));
	/* "then": each point as known on its own date; "fixed": known_on;
	 * "hindsight": everything. */
	json_object_set_new(o, "knowledge",
	                    json_string(opts->hindsight                            ? "hindsight"
	                                : ft_time_is_set(&opts->estimate.known_on) ? "fixed"
	                                                                           : "then"));
	json_object_set_new(o, "method", string_or_null(ft_method_name(opts->estimate.method)));
	json_object_set_new(o, "from", time_or_null(ft_timeline_point_time(tl, 0)));
	json_object_set_new(o, "to", n ? time_or_null(ft_timeline_point_time(tl, n - 1)) : json_null());
	json_object_set_new(o, "step_days", json_integer(opts->step_days));
	json_object_set_new(o, "window_days", json_integer(opts->window_days));
	json_object_set_new(o, "threshold", real_or_null(opts->threshold));
	json_t *points = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(points, estimate(ft_timeline_point_at(tl, i)));
	json_object_set_new(o, "points", points);
	json_t *alerts = json_array();
	for (size_t k = 0; k < ft_timeline_alert_count(tl); k++)
		json_array_append_new(alerts, alert(tl, ft_timeline_alert_at(tl, k)));
	json_object_set_new(o, "alerts", alerts);
	return o;
}

static int append(const char *buffer, size_t size, void *data)
{
	g_string_append_len(data, buffer, (gssize)size);
	return 0;
}

/* Writes `doc` and a final newline, and lets it go. Names and notes from
 * the dataset are escaped as the canonical writer escapes them, so that a
 * report piped to a terminal cannot carry C1 or bidirectional controls. */
static void dump_with(GString *out, json_t *doc, size_t flags)
{
	GString *raw = g_string_new(NULL);
	json_dump_callback(doc, append, raw, flags);
	ft__json_append_safe(out, raw->str, raw->len);
	g_string_append_c(out, '\n');
	g_string_free(raw, TRUE);
	json_decref(doc);
}

static void dump(GString *out, json_t *doc)
{
	dump_with(out, doc, DUMP_FLAGS);
}

void ft__estimate_json_line(GString *out, const ft_estimate *est, const char *dataset_sha256)
{
	json_t *o = estimate(est);
	if (dataset_sha256)
		json_object_set_new(o, "dataset_sha256", json_string(dataset_sha256));
	dump_with(out, o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
}

void ft__estimate_json(GString *out, const ft_estimate *est, const ft_render_options *opts)
{
	(void)opts;
	dump(out, estimate(est));
}

void ft__timeline_json(GString *out, const ft_timeline *tl, const ft_render_options *opts)
{
	(void)opts;
	dump(out, timeline(tl));
}

int ft_estimate_write_json(const ft_estimate *est, const ft_render_options *opts, FILE *fp, ft_error *err)
{
	return ft__report_write_estimate(__func__, est, opts, ft__estimate_json, fp, err);
}

char *ft_estimate_render_json(const ft_estimate *est, const ft_render_options *opts, ft_error *err)
{
	return ft__report_render_estimate(__func__, est, opts, ft__estimate_json, err);
}

int ft_timeline_write_json(const ft_timeline *tl, const ft_render_options *opts, FILE *fp, ft_error *err)
{
	return ft__report_write_timeline(__func__, tl, opts, ft__timeline_json, fp, err);
}

char *ft_timeline_render_json(const ft_timeline *tl, const ft_render_options *opts, ft_error *err)
{
	return ft__report_render_timeline(__func__, tl, opts, ft__timeline_json, err);
}
