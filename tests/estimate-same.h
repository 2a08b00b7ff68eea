/*
 * Whether two estimates are the same in every field, in order: the
 * figures, what they were computed for, every contribution with its rule,
 * the disagreements and the parts. A timeline prepares its candidates once and applies each date
 * (estimate/timeline.c); test_estimate.c and the fuzz target fuzz_load.c
 * check with this that each of its points is exactly the estimate
 * computed alone at that date.
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
	       (!x->rule || strcmp(x->rule, y->rule) == 0);
}

static int ft_test_same_part(const ft_estimate_part *x, const ft_estimate_part *y)
{
	return x->actor == y->actor && x->region == y->region && x->has_own == y->has_own &&
	       x->own_best == y->own_best && x->own_low == y->own_low && x->own_high == y->own_high &&
	       x->has_total == y->has_total && x->best == y->best && x->low == y->low && x->high == y->high &&
	       x->inconsistent == y->inconsistent;
}

/*
 * 1 when `a` and `b` are the same; else 0, with what differs in `why`. With
 * `counted_of_b`, `a`'s contributions are compared with the counted ones
 * of `b` only, in order: what a timeline point keeps by default.
 */
static int ft_test_same_estimate_as(const ft_estimate *a, const ft_estimate *b, int counted_of_b, char *why,
                                    size_t size)
{
	if (a->has_value != b->has_value || a->best != b->best || a->low != b->low || a->high != b->high ||
	    a->claims != b->claims || a->voices != b->voices || a->contested != b->contested ||
	    a->inconsistent != b->inconsistent) {
		snprintf(why, size, "the figures differ");
		return 0;
	}
	const ft_estimate_options *oa = ft_estimate_options_of(a), *ob = ft_estimate_options_of(b);
	if (ft_estimate_actor(a) != ft_estimate_actor(b) || ft_estimate_region(a) != ft_estimate_region(b) ||
	    strcmp(ft_estimate_measure(a), ft_estimate_measure(b)) != 0 ||
	    ft_time_compare(&oa->at, &ob->at) != 0 || ft_time_compare(&oa->known_on, &ob->known_on) != 0 ||
	    oa->no_rollup != ob->no_rollup || oa->staleness_days != ob->staleness_days ||
	    oa->approx_tolerance != ob->approx_tolerance ||
	    oa->include_projections != ob->include_projections || oa->method != ob->method) {
		snprintf(why, size, "what the estimates were computed for differs");
		return 0;
	}
	size_t n_b = 0;
	for (size_t i = 0; i < ft_estimate_contribution_count(b); i++)
		if (!counted_of_b || ft_estimate_contribution_at(b, i)->status == FT_STATUS_COUNTED)
			n_b++;
	if (ft_estimate_contribution_count(a) != n_b ||
	    ft_estimate_disagreement_count(a) != ft_estimate_disagreement_count(b) ||
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
		const ft_disagreement *x = ft_estimate_disagreement_at(a, i),
		                      *y = ft_estimate_disagreement_at(b, i);
		if (x->a != y->a || x->b != y->b) {
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
	return ft_test_same_estimate_as(a, b, 0, why, size);
}

#endif
