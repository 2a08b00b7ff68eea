/*
 * Tests for the trees of actors, regions and sources (lib/model/tree.c):
 * "is within", a source's root, its nearest graded source and actor, and
 * opposition between chains, each against a plain walk up the parents on
 * random forests; and estimates over chains deep enough to overflow a
 * recursive roll-up, which must finish and give the claim's figure.
 */
#include <forcetrack.h>

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "test-util.h"

/* Internal (estimate/estimate-private.h): the roll-up node limit. */
extern unsigned ft__max_nodes;
/* Internal (model/dataset-private.h): an actor's root, by jumps. */
const ft_actor *ft__actor_root(const ft_actor *a);

static ft_time T(const char *text)
{
	ft_time t;
	CU_ASSERT_EQUAL_FATAL(ft_time_parse(text, &t, NULL), 0);
	return t;
}

/* The plain walk the trees replace. */
static int naive_within(const ft_actor *a, const ft_actor *anc)
{
	for (; a; a = ft_actor_parent(a))
		if (a == anc)
			return 1;
	return 0;
}

static const ft_source *naive_root(const ft_source *s)
{
	while (ft_source_parent(s))
		s = ft_source_parent(s);
	return s;
}

/*
 * A random forest of 3,000 actors and 3,000 sources, written as a document
 * whose entities come in a shuffled order (so parents often come after
 * their children, as a document allows), loaded, then every answer checked
 * against the walk for 20,000 random pairs and every source.
 */
static void test_random_forests(void)
{
	enum { N = 3000 };
	GRand *rng = g_rand_new_with_seed(20211201);
	int parent[N], order[N];
	for (int i = 0; i < N; i++) {
		/* About one in twenty is a root; the others hang under an
		 * earlier one, often the one just before (long chains). */
		int r = g_rand_int_range(rng, 0, 20);
		parent[i] = i == 0 || r == 0 ? -1 : r < 10 ? i - 1 : g_rand_int_range(rng, 0, i);
		order[i] = i;
	}
	for (int i = N - 1; i > 0; i--) {
		int j = g_rand_int_range(rng, 0, i + 1);
		int t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	GString *doc = g_string_new("{\"forcetrack\": \"1.0\", \"actors\": [");
	for (int k = 0; k < N; k++) {
		int i = order[k];
		g_string_append_printf(doc, "%s{\"id\": \"a%d\", \"name\": \"A%d\"", k ? ", " : "", i, i);
		if (parent[i] >= 0)
			g_string_append_printf(doc, ", \"parent\": \"a%d\"", parent[i]);
		g_string_append(doc, "}");
	}
	g_string_append(doc, "], \"sources\": [");
	for (int k = 0; k < N; k++) {
		int i = order[k];
		g_string_append_printf(doc, "%s{\"id\": \"s%d\", \"name\": \"S%d\"", k ? ", " : "", i, i);
		if (parent[i] >= 0)
			g_string_append_printf(doc, ", \"parent\": \"s%d\"", parent[i]);
		/* Grades and actors on every seventh and eleventh source only, so
		 * that most sources inherit them from above. */
		if (i % 7 == 0)
			g_string_append(doc, ", \"reliability\": \"B\"");
		if (i % 11 == 0)
			g_string_append_printf(doc, ", \"actor\": \"a%d\"", i);
		g_string_append(doc, "}");
	}
	g_string_append(doc, "]}");
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer(doc->str, doc->len, "forest.json", NULL, &err);
	g_string_free(doc, TRUE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);

	size_t agree = 0, within = 0;
	for (int k = 0; k < 20000; k++) {
		const ft_actor *a = ft_dataset_actor_at(ds, (size_t)g_rand_int_range(rng, 0, N));
		/* Half the time an ancestor of a, so that "yes" is asked often. */
		const ft_actor *b = ft_dataset_actor_at(ds, (size_t)g_rand_int_range(rng, 0, N));
		if (k % 2) {
			b = a;
			for (int up = g_rand_int_range(rng, 0, 50); up > 0 && ft_actor_parent(b); up--)
				b = ft_actor_parent(b);
		}
		int want = naive_within(a, b);
		agree += ft_actor_is_within(a, b) == want ? 1u : 0u;
		within += want ? 1u : 0u;
	}
	CU_ASSERT_EQUAL(agree, 20000);
	CU_ASSERT(within > 5000); /* the "yes" answers were tested too */
	for (size_t i = 0; i < ft_dataset_source_count(ds); i++) {
		const ft_source *s = ft_dataset_source_at(ds, i);
		CU_ASSERT_PTR_EQUAL(ft_source_root(s), naive_root(s));
	}
	/* Every actor's root by jumps is the top of its walk up; the chains
	 * run long (nine in twenty hang under the one before), so a jump past
	 * the root or short of it would show. */
	size_t roots_agree = 0;
	for (size_t i = 0; i < ft_dataset_actor_count(ds); i++) {
		const ft_actor *a = ft_dataset_actor_at(ds, i), *top = a;
		while (ft_actor_parent(top))
			top = ft_actor_parent(top);
		roots_agree += ft__actor_root(a) == top ? 1u : 0u;
	}
	CU_ASSERT_EQUAL(roots_agree, N);
	CU_ASSERT_FALSE(ft_actor_is_within(NULL, ft_dataset_actor_at(ds, 0)));
	CU_ASSERT_FALSE(ft_actor_is_within(ft_dataset_actor_at(ds, 0), NULL));
	ft_dataset_free(ds);
	g_rand_free(rng);
}

/* Adds a chain of `n` actors (or regions) named prefix0 (the root) to
 * prefix<n-1>, each under the one before. */
static void add_actor_chain(ft_dataset *ds, const char *prefix, int n, const char *opposes)
{
	ft_error err;
	char id[32], parent[32];
	for (int i = 0; i < n; i++) {
		ft_actor_desc a = FT_ACTOR_DESC_INIT;
		g_snprintf(id, sizeof id, "%s%d", prefix, i);
		g_snprintf(parent, sizeof parent, "%s%d", prefix, i - 1);
		a.id = id;
		a.name = id;
		a.parent = i ? parent : NULL;
		const char *opp[] = {opposes};
		if (i == 0 && opposes) {
			a.opposes = opp;
			a.n_opposes = 1;
		}
		CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_actor(ds, &a, &err));
	}
}

static void add_region_chain(ft_dataset *ds, const char *prefix, int n)
{
	ft_error err;
	char id[32], parent[32];
	for (int i = 0; i < n; i++) {
		ft_region_desc r = FT_REGION_DESC_INIT;
		g_snprintf(id, sizeof id, "%s%d", prefix, i);
		g_snprintf(parent, sizeof parent, "%s%d", prefix, i - 1);
		r.id = id;
		r.name = id;
		r.parent = i ? parent : NULL;
		CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_region(ds, &r, &err));
	}
}

static void add_claim(ft_dataset *ds, const char *id, const char *source, const char *subject,
                      const char *region, uint64_t value)
{
	ft_error err;
	ft_claim_desc c = FT_CLAIM_DESC_INIT;
	c.id = id;
	c.source = source;
	c.subject = subject;
	c.region = region;
	c.quantity.qualifier = FT_QUALIFIER_EXACT;
	c.quantity.has_value = 1;
	c.quantity.value = value;
	c.reported = T("2022-01-01");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_claim(ds, &c, &err));
}

/*
 * Chains of 50,000: an actor chain with a claim about its deepest actor in
 * the root region, and a region chain with a claim about the root actor in
 * its deepest region. A recursive roll-up took a stack frame per level and
 * crashed; the estimate at the roots must be the claim's figure, exact
 * 1,000 (2,000): one claim at the bottom of a chain of parts, each total
 * the one below it. The speaker's chain opposes the subject's root: the
 * stance says so, found without walking depth x depth.
 */
static void test_deep_chains(void)
{
	enum { DEPTH = 50000 };
	ft_dataset *ds = ft_dataset_new();
	ft_error err;
	add_actor_chain(ds, "b", 3, NULL);
	add_actor_chain(ds, "a", DEPTH, "b0");
	add_region_chain(ds, "r", DEPTH);
	ft_source_desc s = FT_SOURCE_DESC_INIT;
	s.id = "s";
	s.name = "S";
	s.actor = "b2"; /* under b0, which a0 opposes */
	s.reliability = FT_RELIABILITY_B;
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_source(ds, &s, &err));
	add_claim(ds, "deep-actor", "s", "a49999", "r0", 1000);
	add_claim(ds, "deep-region", "s", "a0", "r49999", 2000);
	CU_ASSERT_TRUE(
	    ft_actor_is_within(ft_dataset_find_actor(ds, "a49999"), ft_dataset_find_actor(ds, "a0")));
	CU_ASSERT_FALSE(ft_actor_is_within(ft_dataset_find_actor(ds, "a0"), ft_dataset_find_actor(ds, "a1")));
	CU_ASSERT_TRUE(
	    ft_actor_opposes(ft_dataset_find_actor(ds, "b2"), ft_dataset_find_actor(ds, "a49999")));
	CU_ASSERT_TRUE(
	    ft_actor_opposes(ft_dataset_find_actor(ds, "a49999"), ft_dataset_find_actor(ds, "b2")));

	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	o.at = T("2022-01-01");
	ft_estimate e = FT_ESTIMATE_INIT;
	/* a0 in r0: both claims are under it, at the nodes (a49999, r0) and
	 * (a0, r49999). (a0, r0)'s actor parts are the first (1,000), its
	 * region parts the second (2,000): the larger, 2,000. */
	CU_ASSERT_EQUAL_FATAL(ft_estimate_compute(ds, ft_dataset_find_actor(ds, "a0"),
	                                          ft_dataset_find_region(ds, "r0"), NULL, &o, &e, &err),
	                      0);
	CU_ASSERT_TRUE(e.has_value);
	CU_ASSERT_EQUAL(e.best, 2000);
	CU_ASSERT_EQUAL(e.claims, 2);
	/* Every node of the two chains is a part: 1 + 49,999 + 49,999. */
	CU_ASSERT_EQUAL(ft_estimate_part_count(&e), 99999);
	const ft_contribution *c = ft_estimate_contribution_at(&e, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->stance, FT_STANCE_ADVERSARY);
	ft_estimate_clear(&e);

	/* A timeline over the actor chain alone: one point, 1,000. */
	ft_timeline_options to = FT_TIMELINE_OPTIONS_INIT;
	to.from = to.to = T("2022-01-01");
	ft_timeline tl = FT_TIMELINE_INIT;
	CU_ASSERT_EQUAL_FATAL(ft_timeline_compute(ds, ft_dataset_find_actor(ds, "a0"),
	                                          ft_dataset_find_region(ds, "r49999"), NULL, &to, &tl, &err),
	                      0);
	CU_ASSERT_EQUAL(ft_timeline_point_at(&tl, 0)->best, 2000);
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

/*
 * A claim deep under both an actor chain and a region chain makes every
 * pair of their ancestors a node of the roll-up. With the limit at 10,000
 * nodes (ft__max_nodes, 1,000,000 outside tests) and chains of 150: asked
 * at the roots, 150 x 150 = 22,500 nodes, over the limit: refused with
 * FT_ELIMIT and a message that says what to do, and no value; from region
 * r75, 150 x 75 = 11,250, still over; from r100, 150 x 50 = 7,500, under:
 * it answers 500; and without roll-up at the claim's own node too.
 */
static void test_roll_up_limit(void)
{
	enum { DEPTH = 150 };
	unsigned saved = ft__max_nodes;
	ft__max_nodes = 10000;
	ft_dataset *ds = ft_dataset_new();
	ft_error err;
	add_actor_chain(ds, "a", DEPTH, NULL);
	add_region_chain(ds, "r", DEPTH);
	ft_source_desc s = FT_SOURCE_DESC_INIT;
	s.id = "s";
	s.name = "S";
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_source(ds, &s, &err));
	add_claim(ds, "deep", "s", "a149", "r149", 500);
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	o.at = T("2022-01-01");
	ft_estimate e = FT_ESTIMATE_INIT;
	const ft_actor *a0 = ft_dataset_find_actor(ds, "a0");
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, a0, ft_dataset_find_region(ds, "r0"), NULL, &o, &e, &err),
	                FT_ELIMIT);
	CU_ASSERT_FALSE(e.has_value);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "more than 10000 (actor, region) nodes"));
	ft_estimate_clear(&e);
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, a0, ft_dataset_find_region(ds, "r75"), NULL, &o, &e, &err),
	                FT_ELIMIT);
	ft_estimate_clear(&e);
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, a0, ft_dataset_find_region(ds, "r100"), NULL, &o, &e, &err),
	                0);
	CU_ASSERT_EQUAL(e.best, 500);
	ft_estimate_clear(&e);
	ft_timeline_options to = FT_TIMELINE_OPTIONS_INIT;
	to.from = to.to = T("2022-01-01");
	ft_timeline tl = FT_TIMELINE_INIT;
	CU_ASSERT_EQUAL(ft_timeline_compute(ds, a0, ft_dataset_find_region(ds, "r0"), NULL, &to, &tl, &err),
	                FT_ELIMIT);
	ft_timeline_clear(&tl);
	o.no_rollup = 1;
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, ft_dataset_find_actor(ds, "a149"),
	                                    ft_dataset_find_region(ds, "r149"), NULL, &o, &e, &err),
	                0);
	CU_ASSERT_EQUAL(e.best, 500);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
	ft__max_nodes = saved;
}

static const ft_test tests[] = {
    {"random forests", test_random_forests},
    {"deep chains", test_deep_chains},
    {"roll-up limit", test_roll_up_limit},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("tree", tests);
}
