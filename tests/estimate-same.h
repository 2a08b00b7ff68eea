/*
 * Whether two estimates are the same in every field, in order: the
 * figures and their flags, what they were computed for, every
 * contribution with its rule, the disagreements and the parts. A timeline
 * prepares its candidates once and applies each date (estimate/timeline.c);
 * test_estimate.c and the fuzz target fuzz_load.c check with this that
 * each of its points is exactly the estimate computed alone at that date,
 * as known on the day the point asks about (docs/estimation.md section 9).
 * Also the rules every single estimate keeps, whatever its claims.
 */
#ifndef FT_TEST_ESTIMATE_SAME_H
#define FT_TEST_ESTIMATE_SAME_H

#include <stdio.h>
#include <string.h>

#include "forcetrack.h"

static int ft_test_same_contribution(const ft_contribution *x, const ft_contribution *y)
{
	return x->claim == y->claim && x->voice == y->voice && x->status == y->status &&
	       x->stance == y->stance && x->credible == y->credible && x->weight == y->weight &&
	       x->has_central == y->has_central && x->central == y->central && x->low == y->low &&
	       x->high == y->high && (x->rule == NULL) == (y->rule == NULL) &&
	       (!x->rule || strcmp(x->rule, y->rule) == 0) && x->current == y->current &&
	       x->qualifier == y->qualifier;
}

static int ft_test_same_disagreement(const ft_disagreement *x, const ft_disagreement *y)
{
	return x->a == y->a && x->b == y->b && x->weight == y->weight && x->disputes == y->disputes &&
	       x->disjoint == y->disjoint;
}

static int ft_test_same_part(const ft_estimate_part *x, const ft_estimate_part *y)
{
	return x->actor == y->actor && x->region == y->region && x->has_own == y->has_own &&
	       x->own_best == y->own_best && x->own_low == y->own_low && x->own_high == y->own_high &&
	       x->has_total == y->has_total && x->best == y->best && x->low == y->low && x->high == y->high &&
	       x->inconsistent == y->inconsistent && x->own_open_below == y->own_open_below &&
	       x->own_open_above == y->own_open_above && x->own_not_credible == y->own_not_credible &&
	       x->open_below == y->open_below && x->open_above == y->open_above &&
	       x->not_credible == y->not_credible;
}

/* What a timeline's point keeps of the estimate computed alone at its date
 * (docs/estimation.md section 9): by default only the counted
 * contributions, and the number of disagreeing pairs but not the pairs. */
enum {
	FT_TEST_SAME_EVERYTHING = 0,
	FT_TEST_SAME_COUNTED_ONLY = 1, /* `a` holds only the counted contributions of `b` */
	FT_TEST_SAME_NO_PAIRS = 2      /* `a` lists no pair, but counts as many as `b` */
};

/*
 * 1 when `a` and `b` are the same; else 0, with what differs in `why`.
 * `keep` (FT_TEST_SAME_...) says what `a` may have left out of `b`: with
 * FT_TEST_SAME_COUNTED_ONLY `a`'s contributions are compared with the
 * counted ones of `b` only, in order; with FT_TEST_SAME_NO_PAIRS `a` lists
 * no disagreement and counts as many (`pairs`) as `b`.
 */
static int ft_test_same_estimate_as(const ft_estimate *a, const ft_estimate *b, unsigned keep, char *why,
                                    size_t size)
{
	const int counted_of_b = (keep & FT_TEST_SAME_COUNTED_ONLY) != 0;
	const int no_pairs = (keep & FT_TEST_SAME_NO_PAIRS) != 0;
	if (a->has_value != b->has_value || a->best != b->best || a->low != b->low || a->high != b->high ||
	    a->claims != b->claims || a->voices != b->voices || a->contested != b->contested ||
	    a->inconsistent != b->inconsistent) {
		snprintf(why, size, "the figures differ");
		return 0;
	}
	if (a->open_below != b->open_below || a->open_above != b->open_above ||
	    a->not_credible != b->not_credible || a->pairs != b->pairs) {
		snprintf(why, size, "the flags or the number of pairs differ");
		return 0;
	}
	const ft_estimate_options *oa = ft_estimate_options_of(a), *ob = ft_estimate_options_of(b);
	if (!oa || !ob) {
		snprintf(why, size, "an estimate holds nothing");
		return 0;
	}
	if (ft_estimate_actor(a) != ft_estimate_actor(b) || ft_estimate_region(a) != ft_estimate_region(b) ||
	    strcmp(ft_estimate_measure(a), ft_estimate_measure(b)) != 0 ||
	    ft_time_compare(&oa->at, &ob->at) != 0 || ft_time_compare(&oa->known_on, &ob->known_on) != 0 ||
	    oa->no_rollup != ob->no_rollup || oa->staleness_days != ob->staleness_days ||
	    oa->approx_tolerance != ob->approx_tolerance ||
	    oa->include_projections != ob->include_projections || oa->method != ob->method ||
	    oa->half_life_days != ob->half_life_days || oa->max_pairs != ob->max_pairs) {
		snprintf(why, size, "what the estimates were computed for differs");
		return 0;
	}
	size_t n_b = 0;
	for (size_t i = 0; i < ft_estimate_contribution_count(b); i++)
		if (!counted_of_b || ft_estimate_contribution_at(b, i)->status == FT_STATUS_COUNTED)
			n_b++;
	size_t pairs_b = no_pairs ? 0 : ft_estimate_disagreement_count(b);
	if (ft_estimate_contribution_count(a) != n_b || ft_estimate_disagreement_count(a) != pairs_b ||
	    ft_estimate_part_count(a) != ft_estimate_part_count(b)) {
		snprintf(why, size, "the numbers of contributions, disagreements or parts differ");
		return 0;
	}
	for (size_t i = 0, j = 0; i < ft_estimate_contribution_count(a); i++, j++) {
		while (counted_of_b && ft_estimate_contribution_at(b, j)->status != FT_STATUS_COUNTED)
			j++;
		const ft_contribution *x = ft_estimate_contribution_at(a, i),
		                      *y = ft_estimate_contribution_at(b, j);
		if (!ft_test_same_contribution(x, y)) {
			snprintf(why, size, "contribution %zu (%s) differs", i, ft_claim_id(x->claim));
			return 0;
		}
	}
	for (size_t i = 0; i < ft_estimate_disagreement_count(a); i++) {
		if (!ft_test_same_disagreement(ft_estimate_disagreement_at(a, i),
		                               ft_estimate_disagreement_at(b, i))) {
			snprintf(why, size, "disagreement %zu differs", i);
			return 0;
		}
	}
	for (size_t i = 0; i < ft_estimate_part_count(a); i++) {
		if (!ft_test_same_part(ft_estimate_part_at(a, i), ft_estimate_part_at(b, i))) {
			snprintf(why, size, "part %zu differs", i);
			return 0;
		}
	}
	return 1;
}

/* 1 when `a` and `b` are the same in every field. */
static inline int ft_test_same_estimate(const ft_estimate *a, const ft_estimate *b, char *why, size_t size)
{
	return ft_test_same_estimate_as(a, b, FT_TEST_SAME_EVERYTHING, why, size);
}

/*
 * 1 when point `i` of `tl`, computed for `actor` in `region` of `measure`
 * with `o`, is the estimate ft_estimate_compute gives alone at the point's
 * date, as the point knows: K is the point's own day ("as known then"),
 * unless `o` fixes `estimate.known_on` for every point or asks for
 * `hindsight` (everything known). Only what a point keeps is compared
 * (all_contributions, keep_pairs). Else 0, with what differs in `why`.
 */
static inline int ft_test_timeline_point_is_estimate(const ft_dataset *ds, const ft_actor *actor,
                                                     const ft_region *region, const char *measure,
                                                     const ft_timeline_options *o, const ft_timeline *tl,
                                                     size_t i, char *why, size_t size)
{
	const ft_time *day = ft_timeline_point_time(tl, i);
	const ft_estimate *point = ft_timeline_point_at(tl, i);
	if (!day || !point) {
		snprintf(why, size, "the timeline has no point %zu", i);
		return 0;
	}
	ft_estimate_options eo = o->estimate;
	if (eo.version == 0) /* "the one this struct's version holds" (estimate.h) */
		eo.version = FT_ESTIMATE_OPTIONS_VERSION;
	eo.at = *day;
	if (!ft_time_is_set(&o->estimate.known_on) && !o->hindsight)
		eo.known_on = *day;
	ft_estimate one = FT_ESTIMATE_INIT;
	ft_error err;
	memset(&err, 0, sizeof err);
	if (ft_estimate_compute(ds, actor, region, measure, &eo, &one, &err) != 0) {
		snprintf(why, size, "ft_estimate_compute refused the point's options: %.150s", err.text);
		ft_estimate_clear(&one);
		return 0;
	}
	unsigned keep = (o->all_contributions ? 0u : (unsigned)FT_TEST_SAME_COUNTED_ONLY) |
	                (o->keep_pairs ? 0u : (unsigned)FT_TEST_SAME_NO_PAIRS);
	int same = ft_test_same_estimate_as(point, &one, keep, why, size);
	ft_estimate_clear(&one);
	return same;
}

/*
 * 1 when `e` keeps the rules that hold for every estimate
 * (docs/estimation.md sections 6 and 7), else 0 with the broken one in
 * `why`: low <= best <= high; open below only with low 0 (no current claim
 * states a low, and a sum or total is open below only through such
 * figures); contested exactly when a pair is counted; at most max_pairs
 * listed, the heaviest first, each disjoint or disputed; no estimate only
 * with no claim counted, and then no figure.
 */
static inline int ft_test_estimate_invariants(const ft_estimate *e, char *why, size_t size)
{
	const ft_estimate_options *o = ft_estimate_options_of(e);
	if (!o) {
		snprintf(why, size, "the estimate holds nothing");
		return 0;
	}
	if (e->has_value && !(e->low <= e->best && e->best <= e->high)) {
		snprintf(why, size, "not low <= best <= high");
		return 0;
	}
	if (!e->has_value && (e->best || e->low || e->high || e->claims || e->voices)) {
		snprintf(why, size, "no estimate, but a figure or counted claims");
		return 0;
	}
	if (e->has_value && e->open_below && e->low != 0) {
		snprintf(why, size, "open below, but low is not 0");
		return 0;
	}
	if ((e->contested != 0) != (e->pairs > 0)) {
		snprintf(why, size, "contested does not match the number of pairs");
		return 0;
	}
	size_t listed = ft_estimate_disagreement_count(e);
	size_t max = o->max_pairs ? o->max_pairs : FT_MAX_PAIRS;
	if (listed != (e->pairs < max ? e->pairs : max)) {
		snprintf(why, size, "%zu pairs listed of %zu (at most %zu)", listed, e->pairs, max);
		return 0;
	}
	for (size_t i = 0; i < listed; i++) {
		const ft_disagreement *d = ft_estimate_disagreement_at(e, i);
		if (!d || !d->a || !d->b || d->a == d->b || !(d->disputes || d->disjoint)) {
			snprintf(why, size, "disagreement %zu is no pair that disagrees", i);
			return 0;
		}
		if (i > 0 && ft_estimate_disagreement_at(e, i - 1)->weight < d->weight) {
			snprintf(why, size, "disagreement %zu is heavier than the one before", i);
			return 0;
		}
	}
	return 1;
}

#endif
