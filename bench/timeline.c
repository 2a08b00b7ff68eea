/*
 * The `timeline` mode of ft-bench: what a year-long daily timeline costs.
 * For each N it generates the synthetic dataset, then in a child of its
 * own loads it, finds the largest (subject, region, measure) group of the
 * claims and times one ft_timeline_compute of it with roll-up, "as known
 * then", daily from 2021-09-01 to 2022-08-31 (365 points, the timeline
 * `run` measures), with the timeline's own peak and held memory. With
 * --check it then computes every point alone (ft_estimate_compute at its
 * date) and counts the points that differ in any figure, flag or counted
 * claim: the timeline must be exactly the single estimates.
 */
#include "bench.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define TIMELINE_FROM "2021-09-01"
#define TIMELINE_TO   "2022-08-31"

typedef struct timeline_result {
	double load_s;
	char actor[48], region[48], measure[48];
	double seconds;
	double cpu; /* user + system seconds of the timeline: less moved by other work on the machine */
	size_t points, alerts;
	size_t candidates; /* the candidates of one estimate of the group */
	size_t counted;    /* the counted contributions over all points */
	double peak;       /* the resident growth at its highest during the timeline */
	double held;       /* the resident growth with the timeline held */
	int peak_reset;    /* the kernel reset the peak before the timeline */
	int checked;
	double check_s;     /* the single estimates of --check */
	size_t mismatches;  /* points that differ from their single estimate */
	size_t first_wrong; /* the first of them */
} timeline_result;

/* One read() of a pipe delivers a write of up to PIPE_BUF bytes whole. */
G_STATIC_ASSERT(sizeof(timeline_result) <= 512);

typedef struct timeline_args {
	const char *path;
	int check;
} timeline_args;

/* Does point `p` of a timeline (counted contributions only) say what the
 * estimate `s` computed alone at its date says? */
static int same_point(const ft_estimate *p, const ft_estimate *s)
{
	if (p->has_value != s->has_value || p->best != s->best || p->low != s->low || p->high != s->high ||
	    p->open_below != s->open_below || p->open_above != s->open_above ||
	    p->not_credible != s->not_credible || p->contested != s->contested ||
	    p->inconsistent != s->inconsistent || p->pairs != s->pairs || p->claims != s->claims ||
	    p->voices != s->voices || ft_estimate_part_count(p) != ft_estimate_part_count(s))
		return 0;
	size_t k = 0;
	for (size_t i = 0; i < ft_estimate_contribution_count(s); i++) {
		const ft_contribution *c = ft_estimate_contribution_at(s, i);
		if (c->status != FT_STATUS_COUNTED)
			continue;
		const ft_contribution *d = ft_estimate_contribution_at(p, k++);
		if (!d || d->claim != c->claim || d->weight != c->weight || d->current != c->current ||
		    strcmp(d->rule, c->rule) != 0)
			return 0;
	}
	if (k != ft_estimate_contribution_count(p))
		return 0;
	for (size_t i = 0; i < ft_estimate_part_count(s); i++) {
		const ft_estimate_part *x = ft_estimate_part_at(p, i), *y = ft_estimate_part_at(s, i);
		if (x->actor != y->actor || x->region != y->region || x->has_own != y->has_own ||
		    x->own_best != y->own_best || x->own_low != y->own_low || x->own_high != y->own_high ||
		    x->has_total != y->has_total || x->best != y->best || x->low != y->low ||
		    x->high != y->high || x->inconsistent != y->inconsistent ||
		    x->own_open_below != y->own_open_below || x->own_open_above != y->own_open_above ||
		    x->own_not_credible != y->own_not_credible || x->open_below != y->open_below ||
		    x->open_above != y->open_above || x->not_credible != y->not_credible)
			return 0;
	}
	return 1;
}

static void measure_timeline(const void *argp, void *outp)
{
	const timeline_args *a = argp;
	timeline_result *r = outp;
	double t0 = bench_now_s();
	ft_dataset *ds = bench_load_with(a->path, FT_ENCODING_AUTO, 1);
	r->load_s = bench_now_s() - t0;
	const ft_actor *actor = NULL;
	const ft_region *region = NULL;
	const char *measure = NULL;
	if (!bench_largest_group(ds, &actor, &region, &measure))
		bench_die("the generated dataset has no claim", NULL);
	g_strlcpy(r->actor, ft_actor_id(actor), sizeof r->actor);
	g_strlcpy(r->region, ft_region_id(region), sizeof r->region);
	g_strlcpy(r->measure, measure, sizeof r->measure);

	ft_timeline_options to = FT_TIMELINE_OPTIONS_INIT;
	to.from = bench_parse_time(TIMELINE_FROM);
	to.to = bench_parse_time(TIMELINE_TO);
	to.step_days = 1;
	ft_timeline tl = FT_TIMELINE_INIT;
	ft_error err;
	bench_release_free_memory();
	double before = bench_rss_bytes();
	r->peak_reset = bench_reset_peak_rss();
	double cpu0 = bench_cpu_seconds();
	t0 = bench_now_s();
	if (ft_timeline_compute(ds, actor, region, measure, &to, &tl, &err) != 0)
		bench_die("ft_timeline_compute", &err);
	r->seconds = bench_now_s() - t0;
	r->cpu = bench_cpu_seconds() - cpu0;
	r->peak = bench_peak_rss_bytes() - before;
	r->held = bench_rss_bytes() - before;
	r->points = ft_timeline_point_count(&tl);
	r->alerts = ft_timeline_alert_count(&tl);
	for (size_t i = 0; i < r->points; i++)
		r->counted += ft_estimate_contribution_count(ft_timeline_point_at(&tl, i));

	ft_estimate_options eo = to.estimate;
	eo.at = to.to;
	ft_estimate one = FT_ESTIMATE_INIT;
	if (ft_estimate_compute(ds, actor, region, measure, &eo, &one, &err) != 0)
		bench_die("ft_estimate_compute", &err);
	r->candidates = ft_estimate_contribution_count(&one);
	ft_estimate_clear(&one);

	if (a->check) {
		r->checked = 1;
		t0 = bench_now_s();
		for (size_t i = 0; i < r->points; i++) {
			/* As known then: each point knows what was reported by its date. */
			eo.at = *ft_timeline_point_time(&tl, i);
			eo.known_on = eo.at;
			ft_estimate s = FT_ESTIMATE_INIT;
			if (ft_estimate_compute(ds, actor, region, measure, &eo, &s, &err) != 0)
				bench_die("ft_estimate_compute", &err);
			if (!same_point(ft_timeline_point_at(&tl, i), &s) && r->mismatches++ == 0)
				r->first_wrong = i;
			ft_estimate_clear(&s);
		}
		r->check_s = bench_now_s() - t0;
	}
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

static void print_result(size_t n, const timeline_result *r, int json)
{
	if (json) {
		printf(
		    "{\"n\": %zu, \"load_s\": %.3f, \"actor\": \"%s\", \"region\": \"%s\", \"measure\": \"%s\", "
		    "\"seconds\": %.4f, \"cpu_s\": %.4f, \"points\": %zu, \"alerts\": %zu, \"candidates\": %zu, "
		    "\"counted\": %zu, \"peak_mb\": %.1f, \"held_mb\": %.1f",
		    n, r->load_s, r->actor, r->region, r->measure, r->seconds, r->cpu, r->points, r->alerts,
		    r->candidates, r->counted, r->peak / MB, r->held / MB);
		if (r->checked)
			printf(", \"check_s\": %.3f, \"mismatches\": %zu", r->check_s, r->mismatches);
		printf("}\n");
		return;
	}
	printf("%9zu %-8s %9.3f %9.3f %7zu %7zu %10zu %11zu %8.1f%s %8.1f", n, r->actor, r->seconds, r->cpu,
	       r->points, r->alerts, r->candidates, r->counted, r->peak / MB, r->peak_reset ? "" : "*",
	       r->held / MB);
	if (r->checked && r->mismatches)
		printf("  CHECK: %zu points differ from single estimates, the first at %zu", r->mismatches,
		       r->first_wrong);
	else if (r->checked)
		printf("  check: every point equals its single estimate (%.1f s)", r->check_s);
	printf("\n          group %s in %s, %s; load %.2f s\n", r->actor, r->region, r->measure, r->load_s);
}

static int timeline_each(const bench_options *o, const bench_files *f, void *payload)
{
	const int *check = payload;
	timeline_args a = {f->doc_path, *check};
	timeline_result r;
	memset(&r, 0, sizeof r);
	if (!bench_run_in_child(measure_timeline, &a, &r, sizeof r, "the timeline", f->n))
		return 0;
	g_printerr("[ft-bench] N=%zu: timeline of %zu points in %.3f s\n", f->n, r.points, r.seconds);
	print_result(f->n, &r, o->json);
	return !r.mismatches;
}

int bench_cmd_timeline(int argc, char **argv)
{
	bench_options o;
	bench_options_init(&o);
	gboolean check = FALSE;
	GOptionEntry entries[] = {
	    bench_option_json(&o.json),
	    {"check", 'c', 0, G_OPTION_ARG_NONE, &check,
	     "Then compute every point alone and count those that differ (fails when any does)", NULL},
	    bench_option_seed(&o.seed_text),
	    bench_option_tmpdir(&o.tmpdir),
	    bench_option_keep(&o.keep),
	    bench_option_counts(&o.rest),
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	static const size_t defaults[] = {100000, 1000000};
	int status = EXIT_USAGE;
	int ok = 1;
	if (!bench_parse_options("timeline",
	                         "Times a daily timeline from " TIMELINE_FROM " to " TIMELINE_TO
	                         " of the largest group of synthetic datasets of N claims.",
	                         entries, &argc, &argv))
		goto cleanup;
	o.seed = bench_parse_seed(o.seed_text, &ok);
	if (!ok) {
		fprintf(stderr, "ft-bench timeline: --seed must be a number\n");
		goto cleanup;
	}
	if (!bench_parse_counts("timeline", o.rest, defaults, G_N_ELEMENTS(defaults), o.counts))
		goto cleanup;
	int check_flag = check;
	if (!o.json) {
		printf(
		    "ft-bench %s timeline: the largest group, with roll-up, as known then, daily from %s to "
		    "%s, seed %" PRIu64 "\n",
		    ft_version(), TIMELINE_FROM, TIMELINE_TO, o.seed);
		printf("%9s %-8s %9s %9s %7s %7s %10s %11s %8s %8s\n", "N", "subject", "seconds", "cpu s",
		       "points", "alerts", "candidates", "counted", "peak MB", "held MB");
	}
	status = bench_each_count(&o, 0, timeline_each, &check_flag);

cleanup:
	bench_options_clear(&o);
	return status;
}
