/*
 * Timelines (docs/estimation.md, section 8): estimates on a grid of UTC
 * days, and build-up alerts where best moved by more than a threshold
 * within a window, with the claims that moved it. The candidates and what
 * does not depend on the date are worked out once (ft__est_begin); each
 * grid point only applies its date, so that a point is exactly the
 * estimate computed alone at that date.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "estimate/estimate-private.h"

#define FT_TIMELINE_MAX_POINTS 100000

static void add_alert(GArray *alerts, const ft_timeline *tl, size_t j, size_t i)
{
	const ft_estimate *from = &tl->points[j], *to = &tl->points[i];
	ft_alert a;
	memset(&a, 0, sizeof a);
	a.from = j;
	a.to = i;
	a.change = (int64_t)to->best - (int64_t)from->best;
	a.relative = from->best ? (double)a.change / (double)from->best : INFINITY;
	GHashTable *before = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (size_t k = 0; k < from->n_contributions; k++)
		if (from->contributions[k].status == FT_STATUS_COUNTED)
			g_hash_table_add(before, (gpointer)(uintptr_t)from->contributions[k].claim);
	GPtrArray *moved = g_ptr_array_new();
	for (size_t k = 0; k < to->n_contributions; k++) {
		const ft_contribution *c = &to->contributions[k];
		if (c->status == FT_STATUS_COUNTED && !g_hash_table_contains(before, c->claim))
			g_ptr_array_add(moved, (gpointer)(uintptr_t)c->claim);
	}
	g_hash_table_destroy(before);
	a.n_claims = moved->len;
	a.claims = (const ft_claim **)(void *)g_ptr_array_free(moved, FALSE);
	g_array_append_val(alerts, a);
}

int ft_timeline_compute(const ft_dataset *ds, const ft_actor *actor, const ft_region *region,
                        const char *measure, const ft_time *from, const ft_time *to, int step_days,
                        const ft_timeline_options *opts, ft_timeline *out, ft_error *err)
{
	ft_error_clear(err);
	if (out)
		memset(out, 0, sizeof *out);
	if (!ds || !actor || !region || !from || !to || !opts || !out || opts->version < 1 ||
	    opts->version > FT_TIMELINE_OPTIONS_VERSION)
		return ft__error_set(err, FT_EINVAL, NULL,
		                     "ft_timeline_compute: NULL argument or unknown options version");
	if (!ft_time_is_set(from) || !ft_time_is_set(to) || step_days < 1 || opts->window_days < 0 ||
	    opts->threshold < 0)
		return ft__error_set(err, FT_EINVAL, NULL,
		                     "ft_timeline_compute: needs from and to, a step of at least 1 day, and "
		                     "a window and threshold of 0 or more");
	/* The grid is made of UTC days, from the day `from` begins in. */
	int64_t start = ft_time_start(from);
	int64_t first = ft_time_day(start).start_us;
	int64_t last = ft_time_start(to);
	if (last < first)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_timeline_compute: `to` is before `from`");
	int64_t step = (int64_t)step_days * US_PER_DAY;
	int64_t n64 = (last - first) / step + 1;
	if (n64 > FT_TIMELINE_MAX_POINTS)
		return ft__error_set(err, FT_ELIMIT, NULL,
		                     "a timeline of %" G_GINT64_FORMAT " points is over the limit of %d", n64,
		                     FT_TIMELINE_MAX_POINTS);
	size_t n = (size_t)n64;
	ft_estimate_options eo = opts->estimate;
	eo.at = ft_time_day(first);
	int rc = ft__check_options(&eo, "ft_timeline_compute", err);
	if (rc != 0)
		return rc;
	out->n_points = n;
	out->at = g_new0(ft_time, n);
	out->points = g_new0(ft_estimate, n);
	/* The candidates and what does not depend on the date are worked out
	 * once; each point only applies its date. */
	ft__est e;
	ft__est_begin(&e, ds, actor, region, measure, &eo, !opts->all_contributions);
	for (size_t i = 0; i < n; i++) {
		out->at[i] = ft_time_day(first + (int64_t)i * step);
		ft__est_set_at(&e, &out->at[i]);
		ft__evaluate(&e, &out->points[i]);
	}
	ft__est_end(&e);
	GArray *alerts = g_array_new(FALSE, TRUE, sizeof(ft_alert));
	int previous = 0;
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t since = ft_time_start(&out->at[i]) - (int64_t)opts->window_days * US_PER_DAY;
		while (ft_time_start(&out->at[j]) < since)
			j++;
		int alert = 0;
		const ft_estimate *a = &out->points[j], *b = &out->points[i];
		if (j < i && a->has_value && b->has_value) {
			double change = fabs((double)b->best - (double)a->best);
			alert = a->best == 0 ? b->best > 0 : change > opts->threshold * (double)a->best;
		}
		if (alert && !previous)
			add_alert(alerts, out, j, i);
		previous = alert;
	}
	out->n_alerts = alerts->len;
	out->alerts = (ft_alert *)(void *)g_array_free(alerts, FALSE);
	return 0;
}

void ft_timeline_clear(ft_timeline *tl)
{
	if (!tl)
		return;
	for (size_t i = 0; i < tl->n_points; i++)
		ft_estimate_clear(&tl->points[i]);
	for (size_t i = 0; i < tl->n_alerts; i++)
		g_free(tl->alerts[i].claims);
	g_free(tl->alerts);
	g_free(tl->points);
	g_free(tl->at);
	memset(tl, 0, sizeof *tl);
}
