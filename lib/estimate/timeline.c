/*
 * Timelines (docs/estimation.md, section 9): estimates on a grid of UTC
 * days, and build-up alerts where best moved by more than a threshold
 * within a window, with the claims that moved it. The candidates and what
 * does not depend on the date are worked out once (ft__est_begin); the
 * points are then estimated in one sweep over the candidates in date
 * order (estimate/sweep.c), each touching only those that can count at
 * its date, so that a point is exactly the estimate computed alone at that
 * date at a fraction of its cost.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "estimate/estimate-private.h"

#define FT_TIMELINE_MAX_POINTS 100000

/* What an ft_timeline holds behind `internal`. */
typedef struct timeline_data {
	ft_time *at;         /* the grid */
	ft_estimate *points; /* one estimate per grid time */
	ft__store *store;    /* what the points borrow (a sweep's), or NULL */
	size_t n_points;
	ft_alert *alerts;
	size_t n_alerts;
	const ft_actor *actor;
	const ft_region *region;
	char *measure;
	ft_timeline_options opts; /* defaults filled in */
} timeline_data;

/* As in estimate.c: the room each version of the public structs has. */
static const size_t options_sizes[FT_TIMELINE_OPTIONS_VERSION + 1] = {0, sizeof(ft_timeline_options)};
static const size_t timeline_sizes[FT_TIMELINE_VERSION + 1] = {0, sizeof(ft_timeline)};

void ft_timeline_options_init(ft_timeline_options *opts)
{
	static const ft_timeline_options init = FT_TIMELINE_OPTIONS_INIT;
	if (opts)
		*opts = init;
}

void ft_timeline_init(ft_timeline *tl)
{
	static const ft_timeline init = FT_TIMELINE_INIT;
	if (tl)
		*tl = init;
}

/* The alert from point j to point i: the claims counted at i, not at j,
 * and known at i's date (with hindsight a claim may count at i that was
 * reported later). */
static void add_alert(GArray *alerts, const timeline_data *tl, size_t j, size_t i)
{
	int64_t known_end = ft_time_end(&tl->at[i]);
	const ft_estimate *from = &tl->points[j], *to = &tl->points[i];
	ft_alert a;
	memset(&a, 0, sizeof a);
	a.from = j;
	a.to = i;
	a.change = (int64_t)to->best - (int64_t)from->best;
	a.relative = from->best ? (double)a.change / (double)from->best : INFINITY;
	GHashTable *before = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (size_t k = 0; k < ft_estimate_contribution_count(from); k++) {
		const ft_contribution *c = ft_estimate_contribution_at(from, k);
		if (c->status == FT_STATUS_COUNTED)
			g_hash_table_add(before, (gpointer)(uintptr_t)c->claim);
	}
	GPtrArray *moved = g_ptr_array_new();
	for (size_t k = 0; k < ft_estimate_contribution_count(to); k++) {
		const ft_contribution *c = ft_estimate_contribution_at(to, k);
		ft_time reported = ft_claim_reported(c->claim);
		if (c->status == FT_STATUS_COUNTED && !g_hash_table_contains(before, c->claim) &&
		    ft_time_end(&reported) <= known_end)
			g_ptr_array_add(moved, (gpointer)(uintptr_t)c->claim);
	}
	g_hash_table_destroy(before);
	a.n_claims = moved->len;
	a.claims = (const ft_claim **)(void *)g_ptr_array_free(moved, FALSE);
	g_array_append_val(alerts, a);
}

/* The caller's options with the fields its version does not cover, and
 * the zeros that mean a default, set to their defaults; checked. */
static int check_timeline_options(const ft_timeline_options *opts, ft_timeline_options *out, ft_error *err)
{
	if (opts->version == 0 || opts->version > FT_TIMELINE_OPTIONS_VERSION)
		return ft__error_set(err, FT_EINVAL, NULL,
		                     "ft_timeline_compute: options of version %u; set them up with "
		                     "FT_TIMELINE_OPTIONS_INIT or ft_timeline_options_init",
		                     opts->version);
	ft_timeline_options r = FT_TIMELINE_OPTIONS_INIT;
	ft__copy_after_version(&r, opts, options_sizes[opts->version]);
	if (r.step_days == 0)
		r.step_days = FT_TIMELINE_STEP_DAYS;
	if (r.threshold == 0)
		r.threshold = FT_TIMELINE_THRESHOLD;
	if (r.window_days == 0)
		r.window_days = FT_TIMELINE_WINDOW_DAYS;
	/* The estimate options are part of this struct: their layout is the
	 * one this version holds. */
	if (r.estimate.version == 0)
		r.estimate.version = FT_ESTIMATE_OPTIONS_VERSION;
	if (!ft_time_is_set(&r.from) || !ft_time_is_set(&r.to) || r.step_days < 1 || r.window_days < 1 ||
	    !(r.threshold > 0))
		return ft__error_set(err, FT_EINVAL, NULL,
		                     "ft_timeline_compute: needs from and to, and a step, a window and a "
		                     "threshold that are not negative");
	if (r.step_days > FT_DAYS_MAX || r.window_days > FT_DAYS_MAX || !isfinite(r.threshold))
		return ft__error_set(err, FT_EINVAL, NULL,
		                     "ft_timeline_compute: a step or window longer than the %d days time "
		                     "values can span, or a threshold that is not a number",
		                     FT_DAYS_MAX);
	*out = r;
	return 0;
}

/* Fills `d` (zeroed) with the grid and its estimates, and the alerts. */
static int compute(const ft_dataset *ds, const ft_actor *actor, const ft_region *region, const char *measure,
                   const ft_timeline_options *opts, timeline_data *d, ft_error *err)
{
	ft_timeline_options o;
	int rc = check_timeline_options(opts, &o, err);
	if (rc != 0)
		return rc;
	/* The grid is made of UTC days, from the day `from` begins in. */
	int64_t start = ft_time_start(&o.from);
	ft_time first_day = ft_time_day(start);
	/* A `from` written with an offset east of UTC on 0001-01-01 begins the
	 * day before, which no time value can name: the grid begins on
	 * 0001-01-01. */
	if (!ft_time_is_set(&first_day))
		first_day = ft_time_day(start + US_PER_DAY);
	int64_t first = first_day.start_us;
	int64_t last = ft_time_start(&o.to);
	if (last < first)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_timeline_compute: `to` is before `from`");
	int64_t step = (int64_t)o.step_days * US_PER_DAY;
	int64_t n64 = (last - first) / step + 1;
	if (n64 > FT_TIMELINE_MAX_POINTS)
		return ft__error_set(err, FT_ELIMIT, NULL,
		                     "a timeline of %" G_GINT64_FORMAT " points is over the limit of %d", n64,
		                     FT_TIMELINE_MAX_POINTS);
	/* Likewise a `to` west of UTC on 9999-12-31 can start on a day after
	 * it: the grid ends on the last day a time value can name. */
	while (n64 > 1) {
		ft_time end_day = ft_time_day(first + (n64 - 1) * step);
		if (ft_time_is_set(&end_day))
			break;
		n64--;
	}
	size_t n = (size_t)n64;
	ft_estimate_options eo = o.estimate;
	eo.at = ft_time_day(first);
	rc = ft__check_options(&eo, "ft_timeline_compute", &o.estimate, err);
	if (rc != 0)
		return rc;
	d->actor = actor;
	d->region = region;
	d->measure = g_strdup(measure ? measure : FT_MEASURE_DEFAULT);
	d->opts = o;
	d->n_points = n;
	d->at = g_new0(ft_time, n);
	d->points = g_new0(ft_estimate, n);
	/* The candidates and what does not depend on the date are worked out
	 * once; each point only applies its date. */
	/* Each point knows what was reported by its own date (as known
	 * then), unless one K is fixed for all or hindsight knows everything. */
	int as_known_then = !ft_time_is_set(&o.estimate.known_on) && !o.hindsight;
	ft__est e;
	ft__est_begin(&e, ds, actor, region, measure, &o.estimate, !o.all_contributions);
	e.pairs_only = !o.keep_pairs;
	for (size_t i = 0; i < n; i++)
		d->at[i] = ft_time_day(first + (int64_t)i * step);
	if (e.counted_only) {
		/* A point touches only the candidates that can count at its date. */
		size_t made = 0;
		rc = ft__sweep_timeline(&e, d->at, n, as_known_then, d->points, &made, &d->store, err);
		if (rc != 0)
			d->n_points = made; /* the points made so far are released with d */
	} else {
		/* Every candidate is in every point: each is evaluated whole. */
		for (size_t i = 0; i < n; i++) {
			static const ft_estimate init = FT_ESTIMATE_INIT;
			d->points[i] = init;
			ft__est_set_at(&e, &d->at[i]);
			if (as_known_then)
				ft__est_set_known(&e, &d->at[i]);
			rc = ft__evaluate(&e, &d->points[i], err);
			if (rc != 0) {
				d->n_points = i + 1; /* the points made so far are released with d */
				break;
			}
		}
	}
	ft__est_end(&e);
	if (rc != 0)
		return rc;
	/* Point i against the earliest point with an estimate in its window
	 * (from window_days before it up to the point before). The points with
	 * an estimate are kept in order, and `w` is the first of them that is
	 * still in the window: both only move forward. */
	GArray *alerts = g_array_new(FALSE, TRUE, sizeof(ft_alert));
	size_t *valued = g_new(size_t, n);
	size_t n_valued = 0, w = 0;
	int previous = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t since = ft_time_start(&d->at[i]) - (int64_t)o.window_days * US_PER_DAY;
		while (w < n_valued && ft_time_start(&d->at[valued[w]]) < since)
			w++;
		int alert = 0;
		const ft_estimate *b = &d->points[i];
		if (w < n_valued && b->has_value) {
			const ft_estimate *a = &d->points[valued[w]];
			double change = fabs((double)b->best - (double)a->best);
			alert = a->best == 0 ? b->best > 0 : change > o.threshold * (double)a->best;
		}
		if (alert && !previous)
			add_alert(alerts, d, valued[w], i);
		previous = alert;
		if (b->has_value)
			valued[n_valued++] = i;
	}
	g_free(valued);
	d->n_alerts = alerts->len;
	d->alerts = (ft_alert *)(void *)g_array_free(alerts, FALSE);
	return 0;
}

static void timeline_data_free(timeline_data *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_points; i++)
		ft__estimate_release(&d->points[i]);
	if (d->store)
		ft__store_free(d->store);
	for (size_t i = 0; i < d->n_alerts; i++)
		g_free(d->alerts[i].claims);
	g_free(d->alerts);
	g_free(d->points);
	g_free(d->at);
	g_free(d->measure);
	g_free(d);
}

int ft_timeline_compute(const ft_dataset *ds, const ft_actor *actor, const ft_region *region,
                        const char *measure, const ft_timeline_options *opts, ft_timeline *out, ft_error *err)
{
	ft_error_clear(err);
	if (!out)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_timeline_compute: NULL argument");
	if (out->version == 0 || out->version > FT_TIMELINE_VERSION)
		return ft__error_set(err, FT_EINVAL, NULL,
		                     "ft_timeline_compute: a timeline of version %u; set it up with "
		                     "FT_TIMELINE_INIT or ft_timeline_init",
		                     out->version);
	ft_timeline full = FT_TIMELINE_INIT;
	int rc = 0;
	if (!ds || !actor || !region || !opts) {
		rc = ft__error_set(err, FT_EINVAL, NULL, "ft_timeline_compute: NULL argument");
	} else if (!ft__dataset_owns(ds, actor) || !ft__dataset_owns(ds, region)) {
		rc = ft__error_set(err, FT_EINVAL, NULL,
		                   "ft_timeline_compute: the actor or the region belongs to another dataset");
	} else {
		timeline_data *d = g_new0(timeline_data, 1);
		rc = compute(ds, actor, region, measure, opts, d, err);
		if (rc == 0)
			full.internal = d;
		else
			timeline_data_free(d);
	}
	ft__copy_after_version(out, &full, timeline_sizes[out->version]);
	return rc;
}

void ft_timeline_clear(ft_timeline *tl)
{
	if (!tl || tl->version == 0 || tl->version > FT_TIMELINE_VERSION)
		return;
	timeline_data_free(tl->internal);
	ft_timeline init = FT_TIMELINE_INIT;
	ft__copy_after_version(tl, &init, timeline_sizes[tl->version]);
}

/* What the timeline holds, or NULL. */
static const timeline_data *data_of(const ft_timeline *tl)
{
	return tl && tl->version >= 1 && tl->version <= FT_TIMELINE_VERSION ? tl->internal : NULL;
}

size_t ft_timeline_point_count(const ft_timeline *tl)
{
	const timeline_data *d = data_of(tl);
	return d ? d->n_points : 0;
}

const ft_estimate *ft_timeline_point_at(const ft_timeline *tl, size_t i)
{
	const timeline_data *d = data_of(tl);
	return d && i < d->n_points ? &d->points[i] : NULL;
}

const ft_time *ft_timeline_point_time(const ft_timeline *tl, size_t i)
{
	const timeline_data *d = data_of(tl);
	return d && i < d->n_points ? &d->at[i] : NULL;
}

size_t ft_timeline_alert_count(const ft_timeline *tl)
{
	const timeline_data *d = data_of(tl);
	return d ? d->n_alerts : 0;
}

const ft_alert *ft_timeline_alert_at(const ft_timeline *tl, size_t i)
{
	const timeline_data *d = data_of(tl);
	return d && i < d->n_alerts ? &d->alerts[i] : NULL;
}

const ft_actor *ft_timeline_actor(const ft_timeline *tl)
{
	const timeline_data *d = data_of(tl);
	return d ? d->actor : NULL;
}

const ft_region *ft_timeline_region(const ft_timeline *tl)
{
	const timeline_data *d = data_of(tl);
	return d ? d->region : NULL;
}

const char *ft_timeline_measure(const ft_timeline *tl)
{
	const timeline_data *d = data_of(tl);
	return d ? d->measure : NULL;
}

const ft_timeline_options *ft_timeline_options_of(const ft_timeline *tl)
{
	const timeline_data *d = data_of(tl);
	return d ? &d->opts : NULL;
}
