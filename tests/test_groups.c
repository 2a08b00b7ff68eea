/*
 * The estimate of every group (ft_estimate_groups, lib/estimate/groups.c):
 * which groups it hands over and in what order, each estimate against
 * ft_estimate_compute of the same group (whole when everything is listed,
 * as a summary otherwise), the same on 1, 2 and 3 threads, with and
 * without roll-up, a stop asked for by the callback, trees over the node
 * limit, and the refusals.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "estimate-same.h"
#include "estimate/estimate-private.h"
#include "forcetrack.h"
#include "lattice-util.h"
#include "test-util.h"

extern unsigned ft__max_nodes;

/* What a run handed over: each group's key and a line of its figures and
 * listings, in order, and how the estimates compared with those computed
 * alone. */
typedef struct run {
	const ft_dataset *ds;
	const ft_estimate_options *opts;
	long max_listed;
	GString *seen;     /* one line per group */
	GPtrArray *groups; /* "subject region measure", in the order handed over */
	size_t calls, problems, valued, listed, contested, several_voices;
	size_t stop_after; /* return 7 after this many calls (0: never) */
} run;

static void add_fingerprint(GString *out, const ft_estimate *est)
{
	g_string_append_printf(out,
	                       "%d %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
	                       " %zu %zu %zu %d%d%d%d%d%d",
	                       est->has_value, est->best, est->low, est->high, est->claims, est->voices,
	                       est->pairs, est->contested, est->inconsistent, est->open_below,
	                       est->open_above, est->not_credible, ft_estimate_options_of(est) != NULL);
	for (size_t i = 0; i < ft_estimate_contribution_count(est); i++) {
		const ft_contribution *c = ft_estimate_contribution_at(est, i);
		g_string_append_printf(out, " [%s %d %.17g %s]", ft_claim_id(c->claim), c->status, c->weight,
		                       c->rule ? c->rule : "");
	}
	for (size_t i = 0; i < ft_estimate_disagreement_count(est); i++) {
		const ft_disagreement *d = ft_estimate_disagreement_at(est, i);
		g_string_append_printf(out, " <%s %s>", ft_claim_id(d->a), ft_claim_id(d->b));
	}
	g_string_append_printf(out, " parts %zu\n", ft_estimate_part_count(est));
}

/* The callback: checks the group's estimate against ft_estimate_compute. */
static int check_group(const ft_actor *subject, const ft_region *region, const char *measure,
                       const ft_estimate *est, const ft_error *problem, void *payload)
{
	run *r = payload;
	r->calls++;
	g_ptr_array_add(r->groups,
	                g_strdup_printf("%s %s %s", ft_actor_id(subject), ft_region_id(region), measure));
	g_string_append_printf(r->seen, "%s %s %s: ", ft_actor_id(subject), ft_region_id(region), measure);
	ft_estimate full = FT_ESTIMATE_INIT;
	ft_error err;
	int rc = ft_estimate_compute(r->ds, subject, region, measure, r->opts, &full, &err);
	if (problem) {
		/* Only what the group alone cannot do either. */
		r->problems++;
		CU_ASSERT_EQUAL(problem->code, FT_ELIMIT);
		CU_ASSERT_EQUAL(rc, FT_ELIMIT);
		CU_ASSERT_FALSE(est->has_value);
		g_string_append_printf(r->seen, "problem %d\n", problem->code);
		ft_estimate_clear(&full);
		return 0;
	}
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	char why[256];
	if (r->max_listed < 0 || r->max_listed > FT_GROUPS_MAX_LISTED ||
	    !ft__estimate_listing(est, NULL, NULL)) {
		/* Everything listed (or the group was estimated alone, its
		 * tree over the node limit): the same estimate. */
		int same = ft_test_same_estimate(est, &full, why, sizeof why);
		if (!same)
			fprintf(stderr, "%s %s %s: %s\n", ft_actor_id(subject), ft_region_id(region), measure,
			        why);
		CU_ASSERT(same);
	} else if (r->max_listed > 0) {
		r->listed += ft_test_same_summary(&full, est, (int)r->max_listed);
	} else {
		/* The figures and counts, the first part, the disagreements
		 * (up to max_pairs), and no contribution. */
		ft_test_same_figure(&full, est);
		CU_ASSERT_EQUAL(ft_estimate_contribution_count(est), 0);
		CU_ASSERT_EQUAL_FATAL(ft_estimate_part_count(est), 1);
		CU_ASSERT(ft_test_same_part(ft_estimate_part_at(est, 0), ft_estimate_part_at(&full, 0)));
		ft_test_same_disagreements(&full, est);
	}
	CU_ASSERT_PTR_EQUAL(ft_estimate_actor(est), subject);
	CU_ASSERT_PTR_EQUAL(ft_estimate_region(est), region);
	r->valued += full.has_value != 0;
	r->contested += full.contested != 0;
	r->several_voices += full.voices > 1;
	add_fingerprint(r->seen, est);
	ft_estimate_clear(&full);
	return r->stop_after && r->calls == r->stop_after ? 7 : 0;
}

static const ft_actor *actor_root(const ft_actor *a)
{
	while (ft_actor_parent(a))
		a = ft_actor_parent(a);
	return a;
}

static const ft_region *region_root(const ft_region *r)
{
	while (ft_region_parent(r))
		r = ft_region_parent(r);
	return r;
}

/* The order ft_estimate_groups promises, worked out the slow way: the
 * distinct groups in the order of their first claims (each claim against
 * every one before it), then tree by tree, the trees in the order of their
 * first groups (each group's tree against those of the groups before). */
static GPtrArray *groups_by_hand(const ft_dataset *ds, int rollup)
{
	GArray *first = g_array_new(FALSE, FALSE, sizeof(const ft_claim *));
	size_t n = ft_dataset_claim_count(ds);
	for (size_t i = 0; i < n; i++) {
		const ft_claim *c = ft_dataset_claim_at(ds, i);
		int is_first = 1;
		for (size_t k = 0; k < i && is_first; k++) {
			const ft_claim *d = ft_dataset_claim_at(ds, k);
			is_first = !(ft_claim_subject(d) == ft_claim_subject(c) &&
			             ft_claim_region(d) == ft_claim_region(c) &&
			             strcmp(ft_claim_measure(d), ft_claim_measure(c)) == 0);
		}
		if (is_first)
			g_array_append_val(first, c);
	}
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	unsigned char *done = g_new0(unsigned char, first->len + 1);
	for (guint t = 0; t < first->len; t++) {
		if (done[t])
			continue;
		/* Group t begins a tree: it and every later group of its tree. */
		const ft_claim *head = g_array_index(first, const ft_claim *, t);
		for (guint i = t; i < first->len; i++) {
			const ft_claim *c = g_array_index(first, const ft_claim *, i);
			int same =
			    strcmp(ft_claim_measure(c), ft_claim_measure(head)) == 0 &&
			    (rollup
			         ? actor_root(ft_claim_subject(c)) == actor_root(ft_claim_subject(head)) &&
			               region_root(ft_claim_region(c)) == region_root(ft_claim_region(head))
			         : ft_claim_subject(c) == ft_claim_subject(head) &&
			               ft_claim_region(c) == ft_claim_region(head));
			if (same && !done[i]) {
				done[i] = 1;
				g_ptr_array_add(out,
				                g_strdup_printf("%s %s %s", ft_actor_id(ft_claim_subject(c)),
				                                ft_region_id(ft_claim_region(c)),
				                                ft_claim_measure(c)));
			}
		}
	}
	g_free(done);
	g_array_free(first, TRUE);
	return out;
}

static void run_init(run *r, const ft_dataset *ds, const ft_estimate_options *opts, long max_listed)
{
	memset(r, 0, sizeof *r);
	r->ds = ds;
	r->opts = opts;
	r->max_listed = max_listed;
	r->seen = g_string_new(NULL);
	r->groups = g_ptr_array_new_with_free_func(g_free);
}

/* Runs ft_estimate_groups with `threads` and `max_listed`, checking every
 * group; returns what was seen (g_free), `r` keeps the counts. */
static char *run_groups(const ft_dataset *ds, const ft_estimate_options *opts, unsigned threads,
                        long max_listed, run *r)
{
	run_init(r, ds, opts, max_listed);
	ft_groups_options go = FT_GROUPS_OPTIONS_INIT;
	go.threads = threads;
	go.max_listed = max_listed;
	ft_error err;
	CU_ASSERT_EQUAL(ft_estimate_groups(ds, opts, &go, check_group, r, &err), 0);
	GPtrArray *expect = groups_by_hand(ds, !opts->no_rollup);
	CU_ASSERT_EQUAL_FATAL(r->groups->len, expect->len);
	for (guint i = 0; i < expect->len; i++)
		CU_ASSERT_STRING_EQUAL(g_ptr_array_index(r->groups, i), g_ptr_array_index(expect, i));
	g_ptr_array_free(expect, TRUE);
	g_ptr_array_free(r->groups, TRUE);
	r->groups = NULL;
	return g_string_free(r->seen, FALSE);
}

/* Every group of `ds` on 1, 2 and 3 threads, each the same as on one. */
static void check_threads(const ft_dataset *ds, const ft_estimate_options *opts, long max_listed, run *total)
{
	run r;
	char *one = run_groups(ds, opts, 1, max_listed, &r);
	for (unsigned t = 2; t <= 3; t++) {
		run again;
		char *many = run_groups(ds, opts, t, max_listed, &again);
		CU_ASSERT_STRING_EQUAL(many, one);
		g_free(many);
	}
	g_free(one);
	total->calls += r.calls;
	total->valued += r.valued;
	total->listed += r.listed;
	total->contested += r.contested;
	total->several_voices += r.several_voices;
	total->problems += r.problems;
}

static ft_dataset *load_example(const char *name)
{
	char *rel = g_strdup_printf("examples/data/%s", name);
	char *path = ft_test_source_path(rel);
	ft_error err;
	ft_dataset *ds = ft_dataset_load_file(path, NULL, &err);
	g_free(path);
	g_free(rel);
	return ds;
}

/* The examples, listing everything, a few claims and nothing. */
static void test_examples(void)
{
	static const char *const files[] = {"buildup-2021-12.json", "spring-2021.json"};
	static const long listed[] = {-1, 0, 2, FT_GROUPS_MAX_LISTED, FT_GROUPS_MAX_LISTED + 1};
	run total = {0};
	for (size_t f = 0; f < G_N_ELEMENTS(files); f++) {
		ft_dataset *ds = load_example(files[f]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
		ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
		CU_ASSERT_EQUAL_FATAL(ft_time_parse(f == 0 ? "2021-12-03" : "2021-04-20", &o.at, NULL), 0);
		for (size_t m = 0; m < G_N_ELEMENTS(listed); m++)
			check_threads(ds, &o, listed[m], &total);
		ft_dataset_free(ds);
	}
	CU_ASSERT(total.calls > 0);
	CU_ASSERT(total.valued > 0);
	CU_ASSERT(total.listed > 0);
}

/* Random datasets with chained and branching trees, with and without
 * roll-up, at three dates and several listings. */
static void test_random(void)
{
	static const char *const dates[] = {"2021-11-10", "2021-11-30"};
	static const long listed[] = {0, 1, 3, -1};
	run total = {0};
	for (guint32 seed = 1; seed <= 8; seed++) {
		ft_dataset *ds = ft_test_random_dataset(seed, 3 + (int)seed % 7, 4 + (int)seed % 9,
		                                        40 + 15 * (int)seed, seed & 1);
		CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
		for (size_t d = 0; d < G_N_ELEMENTS(dates); d++)
			for (int rollup = 0; rollup < 2; rollup++) {
				ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
				CU_ASSERT_EQUAL_FATAL(ft_time_parse(dates[d], &o.at, NULL), 0);
				o.no_rollup = !rollup;
				check_threads(ds, &o,
				              listed[(seed + d + (size_t)rollup) % G_N_ELEMENTS(listed)],
				              &total);
			}
		ft_dataset_free(ds);
	}
	/* The data reach what the comparison is for. */
	CU_ASSERT(total.calls > 200);
	CU_ASSERT(total.valued > 0 && total.valued < total.calls);
	CU_ASSERT(total.listed > 0);
	CU_ASSERT(total.contested > 0);
	CU_ASSERT(total.several_voices > 0);
	CU_ASSERT_EQUAL(total.problems, 0);
}

/*
 * Worked by hand, after the article: RU in the border region B and in its
 * part B1, UA in B, personnel, on 2021-12-01.
 *   c1: S1 says RU has 94,000 in B1 (exact);
 *   c3: S2 says UA has 125,000 in B (exact);
 *   c2: S2 says RU has 100,000 in B (exact).
 * The groups' first claims come in the order (RU, B1), (UA, B), (RU, B);
 * (RU, B1) and (RU, B) are one tree (RU's, B's), which comes first, so
 * the groups are handed over as (RU, B1), (RU, B), (UA, B).
 * (RU, B1) is c1 alone: 94,000, 1 claim, 1 voice. (RU, B) rolls B1 up:
 * its own 100,000 is not less than the 94,000 under it, so it totals
 * 100,000 from 2 claims of 2 voices, consistent. (UA, B): 125,000.
 */
typedef struct by_hand {
	size_t n;
	char key[3][32];
	uint64_t best[3];
	size_t claims[3], voices[3];
	int inconsistent[3];
} by_hand;

static int note_group(const ft_actor *subject, const ft_region *region, const char *measure,
                      const ft_estimate *est, const ft_error *problem, void *payload)
{
	by_hand *h = payload;
	CU_ASSERT_PTR_NULL(problem);
	if (h->n < 3) {
		g_snprintf(h->key[h->n], sizeof h->key[0], "%s %s %s", ft_actor_id(subject),
		           ft_region_id(region), measure);
		h->best[h->n] = est->best;
		h->claims[h->n] = est->claims;
		h->voices[h->n] = est->voices;
		h->inconsistent[h->n] = est->inconsistent;
	}
	h->n++;
	return 0;
}

static void test_by_hand(void)
{
	static const char doc[] =
	    "{\"forcetrack\":\"1.0\",\"actors\":[{\"id\":\"RU\",\"name\":\"Russia\"},{\"id\":\"UA\",\"name\":\"Ukraine\"}],"
	    "\"regions\":[{\"id\":\"B\",\"name\":\"Border\"},{\"id\":\"B1\",\"name\":\"Part\",\"parent\":\"B\"}],"
	    "\"sources\":[{\"id\":\"S1\",\"name\":\"S1\"},{\"id\":\"S2\",\"name\":\"S2\"}],\"claims\":["
	    "{\"id\":\"c1\",\"source\":\"S1\",\"subject\":\"RU\",\"region\":\"B1\",\"value\":94000,\"reported\":\"2021-12-01\"},"
	    "{\"id\":\"c3\",\"source\":\"S2\",\"subject\":\"UA\",\"region\":\"B\",\"value\":125000,\"reported\":\"2021-12-01\"},"
	    "{\"id\":\"c2\",\"source\":\"S2\",\"subject\":\"RU\",\"region\":\"B\",\"value\":100000,\"reported\":\"2021-12-01\"}]}";
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer(doc, sizeof doc - 1, "by-hand", NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	CU_ASSERT_EQUAL_FATAL(ft_time_parse("2021-12-01", &o.at, NULL), 0);
	for (unsigned threads = 1; threads <= 2; threads++) {
		by_hand h;
		memset(&h, 0, sizeof h);
		ft_groups_options go = FT_GROUPS_OPTIONS_INIT;
		go.threads = threads;
		CU_ASSERT_EQUAL(ft_estimate_groups(ds, &o, &go, note_group, &h, &err), 0);
		CU_ASSERT_EQUAL_FATAL(h.n, 3);
		CU_ASSERT_STRING_EQUAL(h.key[0], "RU B1 personnel");
		CU_ASSERT_STRING_EQUAL(h.key[1], "RU B personnel");
		CU_ASSERT_STRING_EQUAL(h.key[2], "UA B personnel");
		CU_ASSERT_EQUAL(h.best[0], 94000);
		CU_ASSERT_EQUAL(h.claims[0], 1);
		CU_ASSERT_EQUAL(h.voices[0], 1);
		CU_ASSERT_EQUAL(h.best[1], 100000);
		CU_ASSERT_EQUAL(h.claims[1], 2);
		CU_ASSERT_EQUAL(h.voices[1], 2);
		CU_ASSERT_FALSE(h.inconsistent[1]);
		CU_ASSERT_EQUAL(h.best[2], 125000);
		CU_ASSERT_EQUAL(h.claims[2], 1);
	}
	ft_dataset_free(ds);
}

/* A non-zero return stops the run, which returns it, on any number of
 * threads, with nothing leaked of what was made ahead (valgrind). */
static void test_stop(void)
{
	ft_dataset *ds = ft_test_random_dataset(5, 6, 9, 400, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	CU_ASSERT_EQUAL_FATAL(ft_time_parse("2021-11-30", &o.at, NULL), 0);
	for (unsigned threads = 1; threads <= 3; threads++) {
		run r;
		run_init(&r, ds, &o, 0);
		r.stop_after = 2;
		ft_groups_options go = FT_GROUPS_OPTIONS_INIT;
		go.threads = threads;
		ft_error err;
		CU_ASSERT_EQUAL(ft_estimate_groups(ds, &o, &go, check_group, &r, &err), 7);
		CU_ASSERT_EQUAL(r.calls, 2);
		g_string_free(r.seen, TRUE);
		g_ptr_array_free(r.groups, TRUE);
	}
	ft_dataset_free(ds);
}

/* A tree over the node limit is estimated group by group: with the limit
 * at 6 nodes, the chained trees' roots are over it, some groups alone are
 * not (their estimates are then whole), and the others are the problems
 * ft_estimate_compute has too. */
static void test_over_limit(void)
{
	ft_dataset *ds = ft_test_random_dataset(3, 6, 8, 120, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	CU_ASSERT_EQUAL_FATAL(ft_time_parse("2021-11-30", &o.at, NULL), 0);
	unsigned saved = ft__max_nodes;
	ft__max_nodes = 6;
	run total = {0};
	check_threads(ds, &o, 0, &total);
	ft__max_nodes = saved;
	CU_ASSERT(total.problems > 0);
	CU_ASSERT(total.problems < total.calls);
	ft_dataset_free(ds);
}

static int never(const ft_actor *subject, const ft_region *region, const char *measure,
                 const ft_estimate *est, const ft_error *problem, void *payload)
{
	(void)subject, (void)region, (void)measure, (void)est, (void)problem, (void)payload;
	CU_FAIL("called");
	return 0;
}

static void test_refusals(void)
{
	ft_dataset *ds = load_example("buildup-2021-12.json");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	CU_ASSERT_EQUAL_FATAL(ft_time_parse("2021-12-03", &o.at, NULL), 0);
	ft_error err;
	CU_ASSERT_EQUAL(ft_estimate_groups(NULL, &o, NULL, never, NULL, &err), FT_EINVAL);
	CU_ASSERT_EQUAL(ft_estimate_groups(ds, NULL, NULL, never, NULL, &err), FT_EINVAL);
	CU_ASSERT_EQUAL(ft_estimate_groups(ds, &o, NULL, NULL, NULL, &err), FT_EINVAL);
	CU_ASSERT_STRING_EQUAL(err.text, "ft_estimate_groups: NULL argument");
	ft_groups_options go = FT_GROUPS_OPTIONS_INIT;
	go.version = 0;
	CU_ASSERT_EQUAL(ft_estimate_groups(ds, &o, &go, never, NULL, &err), FT_EINVAL);
	CU_ASSERT(strstr(err.text, "version 0") != NULL);
	/* No date: the options' own rule, named for this function. */
	ft_estimate_options no_date = FT_ESTIMATE_OPTIONS_INIT;
	CU_ASSERT_EQUAL(ft_estimate_groups(ds, &no_date, NULL, never, NULL, &err), FT_EINVAL);
	CU_ASSERT(strncmp(err.text, "ft_estimate_groups", 18) == 0);
	ft_groups_options init;
	ft_groups_options_init(&init);
	CU_ASSERT_EQUAL(init.version, FT_GROUPS_OPTIONS_VERSION);
	CU_ASSERT_EQUAL(init.threads, 0);
	CU_ASSERT_EQUAL(init.max_listed, 0);
	ft_groups_options_init(NULL);
	ft_dataset_free(ds);
}

static const ft_test tests[] = {
    {"groups of the examples against estimates alone", test_examples},
    {"groups of random datasets, 1 to 3 threads, with and without roll-up", test_random},
    {"groups worked by hand", test_by_hand},
    {"a callback stops the run", test_stop},
    {"trees over the node limit", test_over_limit},
    {"refusals", test_refusals},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("groups", tests);
}
