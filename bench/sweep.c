/*
 * The (subject, region, measure) groups that the claims of a dataset name,
 * and a sweep that estimates every one of them with given options, timing
 * it and counting the candidates it looked at: what `run` measures for
 * every group, with and without roll-up, and what `compare` computes
 * against the Python script. The groups come in a shuffled but fixed
 * order, so that a sweep cut short by --max-seconds measured a fair
 * sample.
 */
#include "bench.h"

#include <stdlib.h>
#include <string.h>

guint bench_group_hash(gconstpointer p)
{
	const bench_group *g = p;
	return g_direct_hash(g->actor) * 31u + g_direct_hash(g->region) * 17u + g_str_hash(g->measure);
}

gboolean bench_group_equal(gconstpointer pa, gconstpointer pb)
{
	const bench_group *a = pa, *b = pb;
	return a->actor == b->actor && a->region == b->region && strcmp(a->measure, b->measure) == 0;
}

static int group_order(const void *pa, const void *pb)
{
	const bench_group *a = pa, *b = pb;
	return a->first < b->first ? -1 : a->first > b->first;
}

/* The distinct groups of the claims, in a shuffled but fixed order: a run
 * cut short by --max-seconds then measured a fair sample, not only the
 * groups that happen to come first (the busiest ones). */
bench_group *bench_collect_groups(const ft_dataset *ds, uint64_t seed, size_t *n_out)
{
	GHashTable *seen = g_hash_table_new_full(bench_group_hash, bench_group_equal, g_free, NULL);
	size_t n = ft_dataset_claim_count(ds);
	for (size_t i = 0; i < n; i++) {
		const ft_claim *c = ft_dataset_claim_at(ds, i);
		bench_group key = {ft_claim_subject(c), ft_claim_region(c), ft_claim_measure(c), i};
		if (!g_hash_table_contains(seen, &key)) {
			bench_group *copy = g_new(bench_group, 1);
			*copy = key;
			g_hash_table_add(seen, copy);
		}
	}
	size_t count = g_hash_table_size(seen);
	bench_group *groups = g_new(bench_group, count ? count : 1);
	GHashTableIter it;
	gpointer k;
	size_t j = 0;
	g_hash_table_iter_init(&it, seen);
	while (g_hash_table_iter_next(&it, &k, NULL))
		groups[j++] = *(const bench_group *)k;
	g_hash_table_destroy(seen);
	qsort(groups, count, sizeof *groups, group_order);
	bench_rng r = {seed ^ UINT64_C(0x5eed)};
	for (size_t i = count; i > 1; i--) {
		size_t m = (size_t)bench_rng_below(&r, i);
		bench_group tmp = groups[i - 1];
		groups[i - 1] = groups[m];
		groups[m] = tmp;
	}
	*n_out = count;
	return groups;
}

/* Estimates every group with `opts` (its `at`, rollup, method, ...). When
 * `best` is not NULL it receives each group's best figure (UINT64_MAX:
 * no value), in the order of `groups`. */
void bench_run_sweep(const ft_dataset *ds, const bench_group *groups, size_t n,
                     const ft_estimate_options *base, double max_seconds, uint64_t *best, bench_sweep *out)
{
	memset(out, 0, sizeof *out);
	out->rollup = !base->no_rollup;
	out->total = n;
	ft_estimate_options opts = *base;
	gint64 t0 = g_get_monotonic_time();
	gint64 limit = (gint64)(max_seconds * 1e6);
	for (size_t i = 0; i < n; i++) {
		ft_estimate est = FT_ESTIMATE_INIT;
		ft_error err;
		ft_error_clear(&err);
		int rc = ft_estimate_compute(ds, groups[i].actor, groups[i].region, groups[i].measure, &opts,
		                             &est, &err);
		if (rc != 0) {
			if (out->failures++ == 0) {
				char line[FT_ERROR_TEXT_SIZE + 32];
				ft_error_format(&err, line, sizeof line);
				g_snprintf(out->first_failure, sizeof out->first_failure, "%s (%s)", line,
				           ft_strerror(rc));
			}
		} else {
			out->contributions += ft_estimate_contribution_count(&est);
			out->with_value += est.has_value ? 1 : 0;
		}
		if (best)
			best[i] = rc == 0 && est.has_value ? est.best : UINT64_MAX;
		ft_estimate_clear(&est);
		out->done = i + 1;
		if (max_seconds > 0 && g_get_monotonic_time() - t0 > limit && i + 1 < n) {
			out->capped = 1;
			break;
		}
	}
	out->seconds = (double)(g_get_monotonic_time() - t0) / 1e6;
	out->rss_after = bench_rss_bytes();
	out->peak_after = bench_peak_rss_bytes();
}

/* The group with the most claims, by (subject, region, measure): the
 * first to reach that count on a tie. */
int bench_largest_group(const ft_dataset *ds, const ft_actor **actor, const ft_region **region,
                        const char **measure)
{
	GHashTable *count = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	guint best = 0;
	for (size_t i = 0; i < ft_dataset_claim_count(ds); i++) {
		const ft_claim *c = ft_dataset_claim_at(ds, i);
		char *key = g_strdup_printf("%s\x1f%s\x1f%s", ft_actor_id(ft_claim_subject(c)),
		                            ft_region_id(ft_claim_region(c)), ft_claim_measure(c));
		guint n = GPOINTER_TO_UINT(g_hash_table_lookup(count, key)) + 1;
		g_hash_table_replace(count, key, GUINT_TO_POINTER(n));
		if (n > best) {
			best = n;
			*actor = ft_claim_subject(c);
			*region = ft_claim_region(c);
			*measure = ft_claim_measure(c);
		}
	}
	g_hash_table_destroy(count);
	return best > 0;
}
