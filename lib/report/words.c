/*
 * What every format of a situation report says the same way: the title,
 * a change between two figures in words, the order the reasons for not
 * counting a claim are given in, and the legend of the flags. They hold
 * only figures, dates and the library's own words, which need no escaping
 * in any format, except the title, which each format escapes itself.
 */
#include <stdint.h>

#include "estimate/estimate-private.h"
#include "model/dataset-private.h"
#include "report/report-private.h"

const char *ft__situation_title(const ft_situation *s, const ft_render_options *opts)
{
	if (opts->title)
		return opts->title;
	ft_dataset_info info = FT_DATASET_INFO_INIT;
	ft_dataset_describe(ft_situation_dataset(s), &info);
	return info.title ? info.title : info.id ? info.id : "the dataset";
}

void ft__situation_dates(const ft_situation *s, char date[FT_TIME_BUFSIZE], char known[FT_TIME_BUFSIZE])
{
	ft_time t, k;
	ft_situation_date(s, 0, &t);
	ft_situation_known_on(s, 0, &k);
	ft_time_format(&t, date);
	ft_time_format(&k, known);
}

void ft__estimate_summary(GString *out, const ft_estimate *est)
{
	if (!est->has_value) {
		g_string_append(out, "no estimate: no claim counts");
		return;
	}
	char fig[160];
	ft_estimate_format(est, fig, sizeof fig);
	g_string_append_printf(out, "%s; %zu voice%s, %zu claim%s", fig, est->voices, est->voices == 1 ? "" : "s",
	                       est->claims, est->claims == 1 ? "" : "s");
}

void ft__situation_change(GString *out, const ft_situation *s, size_t column, const ft_estimate *now,
                          const ft_estimate *then)
{
	char date[FT_TIME_BUFSIZE], n[32];
	ft_time when;
	int days = ft_situation_days_before(column);
	if (ft_situation_date(s, column, &when) != 0) {
		g_string_append_printf(out, "no estimate %d days before (before 0001-01-01)", days);
		return;
	}
	ft_time_format(&when, date);
	if (!then->has_value) {
		g_string_append_printf(out, "no estimate %d days before (%s)", days, date);
		return;
	}
	if (!now->has_value) {
		ft__report_count(n, sizeof n, then->best);
		g_string_append_printf(out, "%s on %s, none now", n, date);
		return;
	}
	if (now->best == then->best) {
		g_string_append_printf(out, "no change since %s", date);
		return;
	}
	uint64_t diff = now->best > then->best ? now->best - then->best : then->best - now->best;
	ft__report_count(n, sizeof n, diff);
	g_string_append_printf(out, "%c%s since %s", now->best > then->best ? '+' : '-', n, date);
}

/* Statuses in the order docs/estimation.md applies them. Claims not yet
 * reported on K are left out: the report is as known then. */
const ft_status ft__not_counted[FT__N_NOT_COUNTED] = {
    FT_STATUS_RETRACTED,        FT_STATUS_SUPERSEDED, FT_STATUS_DENIAL,     FT_STATUS_PROJECTION,
    FT_STATUS_NOT_YET_OBSERVED, FT_STATUS_STALE,      FT_STATUS_SAME_VOICE,
};

size_t ft__status_count(const ft_estimate *est, ft_status status)
{
	size_t totals[FT__N_STATUSES];
	if (ft__estimate_listing(est, totals, NULL))
		return (unsigned)status < FT__N_STATUSES ? totals[status] : 0;
	size_t count = 0;
	for (size_t i = 0; i < ft_estimate_contribution_count(est); i++)
		count += ft_estimate_contribution_at(est, i)->status == status;
	return count;
}

const char *ft__situation_method(void)
{
	return "Best figures are the figures nearest the claims of independent voices, each "
	       "weighed by its grades and age; ranges run over the current claims (those "
	       "weighing at least half the heaviest); changes compare with 7 and 30 days "
	       "before, as known then (docs/estimation.md).";
}

const char *const ft__situation_legend[FT__N_LEGEND] = {
    "CONTESTED: current claims of independent voices give ranges that do not meet, or one "
    "disputes the other.",
    "INCONSISTENT: claims about a whole say less than its parts add up to.",
    "NOT CREDIBLE: the figure rests only on claims graded E or 5.",
    "\"or more\", \"up to\", \"+\" and \"open below\" mark a side no current claim bounds.",
    "A voice is a source and everything under it (a ministry and its spokesmen); a weight is "
    "reliability x credibility x age decay (half every " G_STRINGIFY(FT_HALF_LIFE_DAYS) " days).",
};

/* Heaviest first, then in the estimate's order. */
static int heavier_first(const void *a, const void *b)
{
	const ft_contribution *x = *(const ft_contribution *const *)a, *y = *(const ft_contribution *const *)b;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return x < y ? -1 : x > y;
}

static int in_order(const void *a, const void *b)
{
	const ft_contribution *x = *(const ft_contribution *const *)a, *y = *(const ft_contribution *const *)b;
	return x < y ? -1 : x > y;
}

/* opts->max_claims as a count. */
size_t ft__render_max_claims(const ft_render_options *opts)
{
	return opts->max_claims == 0 ? FT_RENDER_MAX_CLAIMS : opts->max_claims < 0 ? SIZE_MAX : (size_t)opts->max_claims;
}

size_t ft__inconsistent_parts(const ft_estimate *est, const ft_render_options *opts, GPtrArray *out)
{
	g_ptr_array_set_size(out, 0);
	size_t max = ft__render_max_claims(opts), left = 0, total = 0;
	for (size_t i = 0; i < ft_estimate_part_count(est); i++) {
		const ft_estimate_part *p = ft_estimate_part_at(est, i);
		if (!p->inconsistent)
			continue;
		if (out->len < max)
			g_ptr_array_add(out, (gpointer)(uintptr_t)p);
		else
			left++;
	}
	/* A summary holds the first of them and counts them all. */
	if (ft__estimate_listing(est, NULL, &total))
		left = total - out->len;
	return left;
}

size_t ft__listed_claims(const ft_estimate *est, int counted, const ft_render_options *opts, GPtrArray *out)
{
	g_ptr_array_set_size(out, 0);
	for (size_t i = 0; i < ft_estimate_contribution_count(est); i++) {
		const ft_contribution *c = ft_estimate_contribution_at(est, i);
		/* A claim not yet reported is not in a report as known then. */
		if (c->status == FT_STATUS_NOT_YET_REPORTED || (c->status == FT_STATUS_COUNTED) != (counted != 0))
			continue;
		g_ptr_array_add(out, (gpointer)(uintptr_t)c);
	}
	/* A summary holds the heaviest of each kind and counts them all. */
	size_t all = out->len, totals[FT__N_STATUSES];
	if (ft__estimate_listing(est, totals, NULL)) {
		all = counted ? totals[FT_STATUS_COUNTED] : 0;
		for (size_t s = 0; !counted && s < FT__N_STATUSES; s++)
			if (s != FT_STATUS_COUNTED && s != FT_STATUS_NOT_YET_REPORTED)
				all += totals[s];
	}
	size_t max = ft__render_max_claims(opts);
	if (out->len > max) {
		g_ptr_array_sort(out, heavier_first);
		g_ptr_array_set_size(out, (gint)max); /* max < out->len */
		g_ptr_array_sort(out, in_order);
	}
	return all - out->len;
}

void ft__claim_grades(const ft_claim *c, char buf[FT__GRADES_SIZE])
{
	const ft_source *graded = ft__source_graded(ft_claim_source(c));
	ft_reliability r = graded ? ft_source_reliability(graded) : FT_RELIABILITY_F;
	g_snprintf(buf, FT__GRADES_SIZE, "%s%d", ft_reliability_name(r), ft_claim_credibility(c));
}
