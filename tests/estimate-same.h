/*
 * Whether two estimates are the same in every field, in order: the
 * figures, every contribution with its rule, the disagreements and the
 * parts. A timeline prepares its candidates once and applies each date
 * (estimate/estimate.c); test_estimate.c and the fuzz target fuzz_load.c check
 * with this that each of its points is exactly the estimate computed
 * alone at that date.
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

/* 1 when `a` and `b` are the same; else 0, with what differs in `why`. */
static int ft_test_same_estimate(const ft_estimate *a, const ft_estimate *b, char *why, size_t size)
{
	if (a->has_value != b->has_value || a->best != b->best || a->low != b->low || a->high != b->high ||
	    a->claims != b->claims || a->voices != b->voices || a->contested != b->contested ||
	    a->inconsistent != b->inconsistent) {
		snprintf(why, size, "the figures differ");
		return 0;
	}
	if (a->n_contributions != b->n_contributions || a->n_disagreements != b->n_disagreements ||
	    a->n_parts != b->n_parts) {
		snprintf(why, size, "the numbers of contributions, disagreements or parts differ");
		return 0;
	}
	for (size_t i = 0; i < a->n_contributions; i++) {
		if (!ft_test_same_contribution(&a->contributions[i], &b->contributions[i])) {
			snprintf(why, size, "contribution %zu (%s) differs", i,
			         ft_claim_id(a->contributions[i].claim));
			return 0;
		}
	}
	for (size_t i = 0; i < a->n_disagreements; i++) {
		if (a->disagreements[i].a != b->disagreements[i].a ||
		    a->disagreements[i].b != b->disagreements[i].b) {
			snprintf(why, size, "disagreement %zu differs", i);
			return 0;
		}
	}
	for (size_t i = 0; i < a->n_parts; i++) {
		if (!ft_test_same_part(&a->parts[i], &b->parts[i])) {
			snprintf(why, size, "part %zu differs", i);
			return 0;
		}
	}
	return 1;
}

#endif
