/*
 * The figure rule (docs/estimation.md, sections 4 and 6): the weight of a
 * claim (reliability x credibility x age decay), and from the counted
 * claims at one node, one per voice, the best figure (a weighted median of
 * the central figures, moved by the credible one-sided bounds; from the
 * bounds alone when no claim states a central figure; or the latest
 * credible claim), the low-high range from the credible set, and the
 * pairs of credible, independent voices whose ranges do not overlap.
 */
#include <math.h>
#include <stdlib.h>

#include "estimate/estimate-private.h"

double ft_reliability_weight(ft_reliability r)
{
	static const double w[] = {FT_WEIGHT_RELIABILITY_A, FT_WEIGHT_RELIABILITY_B, FT_WEIGHT_RELIABILITY_C,
	                           FT_WEIGHT_RELIABILITY_D, FT_WEIGHT_RELIABILITY_E, FT_WEIGHT_RELIABILITY_F};
	return r >= FT_RELIABILITY_A && r <= FT_RELIABILITY_F ? w[r - FT_RELIABILITY_A]
	                                                      : FT_WEIGHT_RELIABILITY_F;
}

double ft_credibility_weight(int credibility)
{
	static const double w[] = {FT_WEIGHT_CREDIBILITY_1, FT_WEIGHT_CREDIBILITY_2, FT_WEIGHT_CREDIBILITY_3,
	                           FT_WEIGHT_CREDIBILITY_4, FT_WEIGHT_CREDIBILITY_5, FT_WEIGHT_CREDIBILITY_6};
	return credibility >= 1 && credibility <= 6 ? w[credibility - 1] : FT_WEIGHT_CREDIBILITY_6;
}

/* The weight at T of a candidate whose base weight is set: halved for
 * every FT_HALF_LIFE_DAYS of age. */
double ft__weight_at(const ft__est *e, const ft__cand *cd)
{
	double w = cd->base_weight;
	if (cd->obs_end < INT64_MAX && cd->obs_end + 1 < e->t_start) {
		double age = (double)(e->t_start - (cd->obs_end + 1)) / (double)US_PER_DAY;
		w *= pow(0.5, age / FT_HALF_LIFE_DAYS);
	}
	return w;
}

typedef struct central {
	uint64_t value;
	double weight;
} central;

static int compare_central(const void *a, const void *b)
{
	uint64_t x = ((const central *)a)->value, y = ((const central *)b)->value;
	return x < y ? -1 : x > y;
}

static uint64_t midpoint(uint64_t a, uint64_t b)
{
	return (a + b + 1) / 2;
}

/* Rule 2 of "Best": from bounds alone. */
static int best_from_bounds(ft__cand *const *set, size_t n, uint64_t *best)
{
	int has_lo = 0, has_hi = 0;
	uint64_t lo = 0, hi = UINT64_MAX;
	for (size_t i = 0; i < n; i++) {
		if (set[i]->has_low && (!has_lo || set[i]->out->low > lo)) {
			lo = set[i]->out->low;
			has_lo = 1;
		}
		if (set[i]->has_high && (!has_hi || set[i]->out->high < hi)) {
			hi = set[i]->out->high;
			has_hi = 1;
		}
	}
	if (has_lo && has_hi)
		*best = midpoint(lo, hi);
	else if (has_lo)
		*best = lo;
	else if (has_hi)
		*best = hi;
	return has_lo || has_hi;
}

static uint64_t weighted_median(central *c, size_t n)
{
	qsort(c, n, sizeof *c, compare_central);
	double total = 0;
	for (size_t i = 0; i < n; i++)
		total += c[i].weight;
	if (total <= 0) { /* weights decayed to nothing: count each once */
		for (size_t i = 0; i < n; i++)
			c[i].weight = 1;
		total = (double)n;
	}
	double half = total / 2, run = 0;
	for (size_t i = 0; i < n; i++) {
		run += c[i].weight;
		if (fabs(run - half) <= 1e-9 * total && i + 1 < n)
			return midpoint(c[i].value, c[i + 1].value);
		if (run >= half)
			return c[i].value;
	}
	return c[n - 1].value;
}

ft__fig ft__node_figure(const ft__est *e, ft__node *n)
{
	ft__fig f = {0, 0, 0, 0};
	size_t count = n->counted->len;
	if (count == 0)
		return f;
	ft__cand **all = (ft__cand **)n->counted->pdata;
	/* The credible set, or every counted claim when none is credible. */
	GPtrArray *cred = g_ptr_array_new();
	for (size_t i = 0; i < count; i++)
		if (all[i]->out->credible)
			g_ptr_array_add(cred, all[i]);
	ft__cand **set = cred->len ? (ft__cand **)cred->pdata : all;
	size_t n_set = cred->len ? cred->len : count;

	/* With method latest, `set` ends up pointing here: it must outlive the
	 * branch. */
	ft__cand *latest = NULL;
	if (e->o.method == FT_METHOD_LATEST) {
		latest = set[0];
		for (size_t i = 1; i < n_set; i++)
			if (ft__wins_over(set[i], latest))
				latest = set[i];
		set = &latest;
		n_set = 1;
		if (latest->out->has_central)
			f.best = latest->out->central;
		else
			best_from_bounds(set, 1, &f.best);
	} else {
		central *c = g_new(central, count);
		size_t nc = 0;
		for (size_t i = 0; i < count; i++) {
			if (all[i]->out->has_central) {
				c[nc].value = all[i]->out->central;
				c[nc].weight = e->o.method == FT_METHOD_MEDIAN ? 1.0 : all[i]->out->weight;
				nc++;
			}
		}
		if (nc) {
			f.best = weighted_median(c, nc);
			/* One-sided claims of the credible set move it. */
			for (size_t i = 0; i < n_set; i++) {
				ft_quantity q = ft_claim_quantity(set[i]->out->claim);
				if (q.qualifier == FT_QUALIFIER_AT_LEAST && f.best < q.value)
					f.best = q.value;
			}
			for (size_t i = 0; i < n_set; i++) {
				ft_quantity q = ft_claim_quantity(set[i]->out->claim);
				if (q.qualifier == FT_QUALIFIER_AT_MOST && f.best > q.value)
					f.best = q.value;
			}
		} else {
			best_from_bounds(set, n_set, &f.best);
		}
		g_free(c);
	}
	int has_lo = 0, has_hi = 0;
	f.low = f.high = f.best;
	for (size_t i = 0; i < n_set; i++) {
		if (set[i]->has_low && (!has_lo || set[i]->out->low < f.low)) {
			f.low = set[i]->out->low;
			has_lo = 1;
		}
		if (set[i]->has_high && (!has_hi || set[i]->out->high > f.high)) {
			f.high = set[i]->out->high;
			has_hi = 1;
		}
	}
	if (f.low > f.best)
		f.low = f.best;
	if (f.high < f.best)
		f.high = f.best;
	f.has = 1;
	g_ptr_array_free(cred, TRUE);
	return f;
}

void ft__find_disagreements(ft__node *n, GArray *out)
{
	for (guint i = 0; i < n->counted->len; i++) {
		ft__cand *x = g_ptr_array_index(n->counted, i);
		for (guint j = i + 1; j < n->counted->len; j++) {
			ft__cand *y = g_ptr_array_index(n->counted, j);
			if (!x->out->credible || !y->out->credible || x->out->voice == y->out->voice)
				continue;
			if (x->out->high < y->out->low || y->out->high < x->out->low) {
				/* Keep dataset order inside the pair. */
				ft_disagreement d = {x->pos < y->pos ? x->out->claim : y->out->claim,
				                     x->pos < y->pos ? y->out->claim : x->out->claim};
				g_array_append_val(out, d);
			}
		}
	}
}
