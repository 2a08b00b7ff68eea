/*
 * Fuzz target for the estimator's options. The input is read as the
 * fields of ft_estimate_options and ft_timeline_options (staleness,
 * half-life, tolerance, method, flags, max_pairs, the dates T and K, step,
 * window, threshold), applied to a small fixed dataset (the article's
 * claims with a child actor, a sub-region, a retraction, a supersession
 * and a projection). Options inside their documented ranges must give an
 * estimate; options outside them FT_EINVAL; nothing else, and never a
 * crash. Every figure keeps low <= best <= high, and a timeline's points
 * lie between `from` and `to`.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcetrack.h"
#include "../tests/estimate-same.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char dataset_text[] =
    "{\"forcetrack\": \"1.0\","
    " \"actors\": [{\"id\": \"UA\", \"name\": \"Ukraine\", \"opposes\": [\"RU\"]},"
    "  {\"id\": \"RU\", \"name\": \"Russia\", \"opposes\": [\"UA\"]},"
    "  {\"id\": \"DPR\", \"name\": \"DPR forces\", \"parent\": \"RU\"}],"
    " \"regions\": [{\"id\": \"border\", \"name\": \"Border\"},"
    "  {\"id\": \"donbas\", \"name\": \"Donbas\", \"parent\": \"border\"}],"
    " \"sources\": [{\"id\": \"ua\", \"name\": \"Ukraine MoD\", \"actor\": \"UA\", \"reliability\": \"B\"},"
    "  {\"id\": \"ru\", \"name\": \"Kremlin\", \"actor\": \"RU\", \"reliability\": \"D\"},"
    "  {\"id\": \"press\", \"name\": \"Press\", \"reliability\": \"C\"}],"
    " \"claims\": ["
    "  {\"id\": \"c1\", \"source\": \"ua\", \"subject\": \"RU\", \"region\": \"border\", \"value\": 94000,"
    "   \"qualifier\": \"approx\", \"reported\": \"2021-12-01\", \"observed\": \"2021-11-30\"},"
    "  {\"id\": \"c2\", \"source\": \"ru\", \"subject\": \"UA\", \"region\": \"donbas\", \"value\": 125000,"
    "   \"reported\": \"2021-12-01\"},"
    "  {\"id\": \"c3\", \"source\": \"press\", \"subject\": \"DPR\", \"region\": \"donbas\", \"low\": 30000,"
    "   \"high\": 40000, \"reported\": \"2021-11-20\", \"credibility\": 3},"
    "  {\"id\": \"c4\", \"source\": \"ua\", \"subject\": \"RU\", \"region\": \"border\", \"value\": 92000,"
    "   \"qualifier\": \"at-least\", \"reported\": \"2021-11-20\", \"retracted\": \"2021-11-25\"},"
    "  {\"id\": \"c5\", \"source\": \"ua\", \"subject\": \"RU\", \"region\": \"border\", \"value\": 175000,"
    "   \"kind\": \"projection\", \"reported\": \"2021-12-03\", \"observed\": \"2022-01\"},"
    "  {\"id\": \"c6\", \"source\": \"press\", \"subject\": \"RU\", \"region\": \"donbas\", \"value\": 100000,"
    "   \"reported\": \"2021-12-02\", \"supersedes\": [\"c3\"], \"disputes\": [\"c2\"]}"
    " ]}";

/* Reads `n` bytes of the input (zeros past its end). */
static void take(const uint8_t **p, size_t *left, void *out, size_t n)
{
	memset(out, 0, n);
	size_t k = *left < n ? *left : n;
	memcpy(out, *p, k);
	*p += k;
	*left -= k;
}

/* A day of the years 0001-9999 chosen by `k`, or no value when `unset`. */
static ft_time day_of(uint32_t k, int unset)
{
	/* 0001-01-01 is 719,162 days before 1970; the years span 3,652,059 days. */
	int64_t day = (int64_t)(k % 3652059u) - 719162;
	ft_time t = ft_time_day(day * INT64_C(86400000000));
	if (unset)
		memset(&t, 0, sizeof t);
	return t;
}

static void check_figure(const ft_estimate *e)
{
	if (e->has_value && (e->low > e->best || e->best > e->high))
		abort();
	if (!e->has_value && (e->best || e->claims))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static ft_dataset *ds;
	if (!ds) {
		ft_error err;
		ds = ft_dataset_load_buffer(dataset_text, strlen(dataset_text), "options.json", NULL, &err);
		if (!ds)
			abort();
	}
	const uint8_t *p = data;
	size_t left = size;
	int32_t staleness, step, window;
	double half_life, tolerance, threshold;
	uint8_t method, flags, which;
	uint32_t max_pairs, at_k, known_k, span;
	take(&p, &left, &staleness, sizeof staleness);
	take(&p, &left, &half_life, sizeof half_life);
	take(&p, &left, &tolerance, sizeof tolerance);
	take(&p, &left, &method, sizeof method);
	take(&p, &left, &flags, sizeof flags);
	take(&p, &left, &which, sizeof which);
	take(&p, &left, &max_pairs, sizeof max_pairs);
	take(&p, &left, &at_k, sizeof at_k);
	take(&p, &left, &known_k, sizeof known_k);
	take(&p, &left, &step, sizeof step);
	take(&p, &left, &window, sizeof window);
	take(&p, &left, &threshold, sizeof threshold);
	take(&p, &left, &span, sizeof span);

	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	o.staleness_days = staleness;
	o.half_life_days = half_life;
	o.approx_tolerance = tolerance;
	o.method = (ft_method)(method % 5); /* 3 and 4 are not methods */
	o.no_rollup = flags & 1;
	o.include_projections = (flags >> 1) & 1;
	o.max_pairs = max_pairs % 64;
	/* Half the time T lies around the claims (2021-11-01 + 0..63 days). */
	o.at = (flags & 4) ? day_of(at_k, flags & 8) : day_of(738094u + (at_k % 64u), 0);
	o.known_on = day_of(738094u + (known_k % 64u), !(flags & 16));

	/* What estimate.h documents as in range. */
	int in_range = ft_time_is_set(&o.at) && o.staleness_days <= FT_DAYS_MAX &&
	               (o.half_life_days == 0 || (o.half_life_days > 0 && o.half_life_days <= FT_DAYS_MAX)) &&
	               (o.approx_tolerance == 0 || (o.approx_tolerance > 0 && o.approx_tolerance < 1)) &&
	               ft_method_name(o.method) != NULL;

	static const char *const actors[] = {"RU", "UA", "DPR"};
	static const char *const regions[] = {"border", "donbas"};
	const ft_actor *a = ft_dataset_find_actor(ds, actors[which % 3]);
	const ft_region *r = ft_dataset_find_region(ds, regions[(which / 3) % 2]);
	ft_estimate e = FT_ESTIMATE_INIT;
	ft_error err;
	int rc = ft_estimate_compute(ds, a, r, NULL, &o, &e, &err);
	if (rc != (in_range ? 0 : FT_EINVAL))
		abort();
	if (rc == 0) {
		check_figure(&e);
		for (size_t i = 0; i < ft_estimate_contribution_count(&e); i++) {
			const ft_contribution *c = ft_estimate_contribution_at(&e, i);
			if (c->low > c->high || !(c->weight >= 0))
				abort();
		}
		if (ft_estimate_disagreement_count(&e) > e.pairs)
			abort();
	}
	ft_estimate_clear(&e);
	if (!in_range)
		return 0;

	/* A timeline of up to 64 days from T with the same point options. */
	ft_timeline_options to = FT_TIMELINE_OPTIONS_INIT;
	to.from = o.at;
	to.to = ft_time_day(ft_time_start(&o.at) + (int64_t)(span % 64u) * INT64_C(86400000000));
	if (!ft_time_is_set(&to.to))
		to.to = o.at;
	to.step_days = step;
	to.window_days = window;
	to.threshold = threshold;
	to.estimate = o;
	to.hindsight = (flags >> 5) & 1;
	int tl_in_range = step >= 0 && step <= FT_DAYS_MAX && window >= 0 && window <= FT_DAYS_MAX &&
	                  (threshold == 0 || (threshold > 0 && isfinite(threshold)));
	ft_timeline tl = FT_TIMELINE_INIT;
	rc = ft_timeline_compute(ds, a, r, NULL, &to, &tl, &err);
	if (rc != (tl_in_range ? 0 : FT_EINVAL))
		abort();
	if (rc == 0) {
		size_t n = ft_timeline_point_count(&tl);
		if (n == 0)
			abort();
		for (size_t i = 0; i < n; i++) {
			const ft_time *at = ft_timeline_point_time(&tl, i);
			if (ft_time_start(at) < ft_time_start(&o.at) - INT64_C(86400000000) ||
			    ft_time_start(at) > ft_time_start(&to.to))
				abort();
			check_figure(ft_timeline_point_at(&tl, i));
			/* Each point is the estimate computed alone at its date
			 * (the timeline's sweep, estimate/sweep.c, must not tell). */
			char why[256];
			if (!ft_test_timeline_point_is_estimate(ds, a, r, NULL, &to, &tl, i, why,
			                                        sizeof why)) {
				fprintf(stderr, "timeline point %zu differs from its estimate: %s\n", i, why);
				abort();
			}
		}
	}
	ft_timeline_clear(&tl);
	return 0;
}
