/*
 * Summaries read off lattice evaluations (lib/estimate/lattice.c) against
 * the estimates ft_estimate_compute gives pair by pair: for every entry
 * and column of situation reports on the example datasets and on random
 * datasets with deep, branching actor and region trees, voices with
 * several sources, every hedge, denials, projections, supersessions,
 * retractions and disputes, each summary must say what the full estimate
 * says wherever a report reads it: the figure and its flags, the counts,
 * the claims listed (which, with which weight and rule), the statuses
 * counted, the inconsistent parts and the disagreements. Then the formats
 * that use summaries against the same report from full estimates.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "estimate/estimate-private.h"
#include "forcetrack.h"
#include "report/report-private.h"
#include "lattice-util.h"
#include "test-util.h"

extern unsigned ft__max_nodes;

typedef struct tally {
	size_t entries, valued, listed, contested, inconsistent, voices_above_one;
} tally;

/* Every entry and column of the report of `ds` on `at` (NULL: its
 * default), summaries against full estimates. */
static void compare_report(const ft_dataset *ds, const char *at, int max, tally *t)
{
	ft_situation_options so = FT_SITUATION_OPTIONS_INIT;
	if (at)
		CU_ASSERT_EQUAL_FATAL(ft_time_parse(at, &so.at, NULL), 0);
	ft_situation *s = NULL;
	ft_error err;
	CU_ASSERT_EQUAL_FATAL(ft_situation_new(ds, &so, &s, &err), 0);
	ft_render_options ro = FT_RENDER_OPTIONS_INIT;
	ro.max_claims = max;
	ft__groups *groups = ft__groups_new(s, ft__render_max_claims(&ro));
	CU_ASSERT_PTR_NOT_NULL_FATAL(groups);
	for (size_t i = 0; i < ft_situation_entry_count(s); i++) {
		ft_estimate full[FT_SITUATION_COLUMNS], sum[FT_SITUATION_COLUMNS];
		CU_ASSERT_EQUAL_FATAL(ft__situation_figures(s, NULL, i, 1, full, &err), 0);
		CU_ASSERT_EQUAL_FATAL(ft__situation_figures(s, groups, i, 1, sum, &err), 0);
		for (size_t k = 0; k < FT_SITUATION_COLUMNS; k++) {
			t->listed += ft_test_same_summary(&full[k], &sum[k], max);
			t->valued += full[k].has_value != 0;
			t->contested += full[k].contested != 0;
			t->inconsistent += full[k].inconsistent != 0;
			t->voices_above_one += full[k].voices > 1;
		}
		t->entries++;
		ft__situation_figures_clear(full);
		ft__situation_figures_clear(sum);
	}
	ft__groups_free(groups);
	ft_situation_free(s);
}

static void test_examples(void)
{
	static const char *const files[] = {"examples/data/spring-2021.json",
	                                    "examples/data/buildup-2021-12.json",
	                                    "tests/data/reports/hostile.json"};
	static const char *const dates[] = {NULL, "2021-04-20", "2021-12-01"};
	for (size_t f = 0; f < G_N_ELEMENTS(files); f++) {
		char *path = ft_test_source_path(files[f]);
		ft_error err;
		ft_dataset *ds = ft_dataset_load_file(path, NULL, &err);
		CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
		tally t = {0};
		for (size_t d = 0; d < G_N_ELEMENTS(dates); d++) {
			compare_report(ds, dates[d], 0, &t);
			compare_report(ds, dates[d], 1, &t);
		}
		/* Each dataset has entries with figures and claims listed. */
		CU_ASSERT(t.entries > 0);
		CU_ASSERT(t.valued > 0);
		CU_ASSERT(t.listed > 0);
		ft_dataset_free(ds);
		g_free(path);
	}
}

/*
 * A random dataset: `n_actors` actors and `n_regions` regions in trees
 * whose parents are earlier ones (so roots, branches and chains), six
 * sources of which some share a root (one voice), and `n_claims` claims
 * over two measures and November 2021, in every hedge, with denials,
 * projections, supersessions of earlier claims, retractions and disputes.
 */
static void test_random(void)
{
	static const char *const dates[] = {"2021-11-10", "2021-11-20", "2021-11-30"};
	tally t = {0};
	for (guint32 seed = 1; seed <= 12; seed++) {
		/* Odd seeds grow chains, even ones branching trees. */
		ft_dataset *ds = ft_test_random_dataset(seed, 3 + (int)seed % 7, 4 + (int)seed % 9,
		                                        40 + 15 * (int)seed, seed & 1);
		CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
		for (size_t d = 0; d < G_N_ELEMENTS(dates); d++)
			compare_report(ds, dates[d], (int)(seed % 4), &t);
		ft_dataset_free(ds);
	}
	/* The datasets reach what the comparison is for: entries with and
	 * without figures, lists cut short, contested and inconsistent
	 * figures, several voices. */
	CU_ASSERT(t.entries > 500);
	CU_ASSERT(t.valued > 0 && t.valued < 3 * t.entries);
	CU_ASSERT(t.listed > 0);
	CU_ASSERT(t.contested > 0);
	CU_ASSERT(t.inconsistent > 0);
	CU_ASSERT(t.voices_above_one > 0);
}

/*
 * A chain of regions r0 > r1 > r2 > r3, a claim by one source at every
 * level (r_i: 1,000 x (i + 1), exact), worked by hand: the total of r_i
 * is the largest of its own figure and the total under it, so r0..r3 all
 * total 4,000 (r3's own); r0, r1 and r2 are inconsistent (their own
 * figures, 1,000, 2,000 and 3,000, say less than the 4,000 under them).
 * The summary of r1 counts 3 claims (c1, c2, c3) of one voice; of its two
 * inconsistent parts, r1 and r2, it lists one with max_claims 1: r1, the
 * asked-for pair, which comes first.
 */
static void test_chain_by_hand(void)
{
	static const char doc[] =
	    "{\"forcetrack\":\"1.0\",\"actors\":[{\"id\":\"A\",\"name\":\"A\"}],"
	    "\"regions\":[{\"id\":\"r0\",\"name\":\"r0\"},{\"id\":\"r1\",\"name\":\"r1\",\"parent\":\"r0\"},"
	    "{\"id\":\"r2\",\"name\":\"r2\",\"parent\":\"r1\"},{\"id\":\"r3\",\"name\":\"r3\",\"parent\":\"r2\"}],"
	    "\"sources\":[{\"id\":\"S\",\"name\":\"S\"}],\"claims\":["
	    "{\"id\":\"c0\",\"source\":\"S\",\"subject\":\"A\",\"region\":\"r0\",\"value\":1000,\"reported\":\"2021-11-01\"},"
	    "{\"id\":\"c1\",\"source\":\"S\",\"subject\":\"A\",\"region\":\"r1\",\"value\":2000,\"reported\":\"2021-11-01\"},"
	    "{\"id\":\"c2\",\"source\":\"S\",\"subject\":\"A\",\"region\":\"r2\",\"value\":3000,\"reported\":\"2021-11-01\"},"
	    "{\"id\":\"c3\",\"source\":\"S\",\"subject\":\"A\",\"region\":\"r3\",\"value\":4000,\"reported\":\"2021-11-01\"}]}";
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer(doc, sizeof doc - 1, "chain", NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_situation *s = NULL;
	CU_ASSERT_EQUAL_FATAL(ft_situation_new(ds, NULL, &s, &err), 0);
	CU_ASSERT_EQUAL_FATAL(ft_situation_entry_count(s), 4);
	ft__groups *groups = ft__groups_new(s, 1);
	ft_estimate est[FT_SITUATION_COLUMNS];
	CU_ASSERT_EQUAL_FATAL(ft__situation_figures(s, groups, 1, 1, est, &err), 0);
	CU_ASSERT_STRING_EQUAL(ft_region_id(ft_estimate_region(&est[0])), "r1");
	CU_ASSERT_EQUAL(est[0].best, 4000);
	CU_ASSERT_EQUAL(est[0].claims, 3);
	CU_ASSERT_EQUAL(est[0].voices, 1);
	CU_ASSERT(est[0].inconsistent);
	ft_render_options ro = FT_RENDER_OPTIONS_INIT;
	ro.max_claims = 1;
	GPtrArray *parts = g_ptr_array_new();
	/* r1 and r2 are inconsistent under r1: one listed, one left. */
	CU_ASSERT_EQUAL(ft__inconsistent_parts(&est[0], &ro, parts), 1);
	CU_ASSERT_EQUAL_FATAL(parts->len, 1);
	CU_ASSERT_STRING_EQUAL(ft_region_id(((const ft_estimate_part *)g_ptr_array_index(parts, 0))->region),
	                       "r1");
	/* Three counted claims, all weighing the same: c1, the first in
	 * dataset order, is listed; two are left. Its rule says nothing of
	 * where it was counted: at r1, the pair asked for. The heaviest-first
	 * order of equal weights is dataset order. */
	CU_ASSERT_EQUAL(ft__listed_claims(&est[0], 1, &ro, parts), 2);
	CU_ASSERT_EQUAL_FATAL(parts->len, 1);
	const ft_contribution *c = g_ptr_array_index(parts, 0);
	CU_ASSERT_STRING_EQUAL(ft_claim_id(c->claim), "c1");
	CU_ASSERT_PTR_NULL(strstr(c->rule, "counted at"));
	g_ptr_array_free(parts, TRUE);
	ft__situation_figures_clear(est);
	ft__groups_free(groups);
	ft_situation_free(s);
	ft_dataset_free(ds);
}

/* Over the node limit, the figures are computed pair by pair: the same
 * FT_ELIMIT where an estimate is over it, figures where it is not. */
static void test_over_limit(void)
{
	ft_dataset *ds = ft_test_random_dataset(7, 6, 8, 60, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_situation *s = NULL;
	ft_error err;
	ft_situation_options so = FT_SITUATION_OPTIONS_INIT;
	CU_ASSERT_EQUAL_FATAL(ft_time_parse("2021-11-30", &so.at, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(ft_situation_new(ds, &so, &s, &err), 0);
	unsigned saved = ft__max_nodes;
	ft__max_nodes = 12;
	ft__groups *groups = ft__groups_new(s, 12);
	size_t limited = 0, valued = 0;
	for (size_t i = 0; i < ft_situation_entry_count(s); i++) {
		ft_estimate full[FT_SITUATION_COLUMNS], sum[FT_SITUATION_COLUMNS];
		ft_error e1, e2;
		int rf = ft__situation_figures(s, NULL, i, 1, full, &e1);
		int rs = ft__situation_figures(s, groups, i, 1, sum, &e2);
		CU_ASSERT_EQUAL(rs, rf);
		if (rf == 0) {
			valued += full[0].has_value != 0;
			CU_ASSERT_EQUAL(sum[0].best, full[0].best);
			CU_ASSERT_EQUAL(sum[0].claims, full[0].claims);
			ft__situation_figures_clear(full);
			ft__situation_figures_clear(sum);
		} else {
			CU_ASSERT_EQUAL(rf, FT_ELIMIT);
			CU_ASSERT_STRING_EQUAL(e1.text, e2.text);
			limited++;
		}
	}
	ft__max_nodes = saved;
	/* Some entries are over 12 nodes, some under. */
	CU_ASSERT(limited > 0);
	CU_ASSERT(valued > 0);
	ft__groups_free(groups);
	ft_situation_free(s);
	ft_dataset_free(ds);
}

/* The formats that use summaries write what they write from full
 * estimates: max_claims one past the summaries' limit makes every figure
 * a full estimate, and at the limit and past it the reports list every
 * claim of the random datasets (30 claims), so both say the same. On three threads, which build
 * the groups ahead and read entries off them at once, the same bytes. */
static void test_formats_same(void)
{
	static const ft_format formats[] = {FT_FORMAT_TEXT, FT_FORMAT_MARKDOWN, FT_FORMAT_HTML,
	                                    FT_FORMAT_CSV};
	for (guint32 seed = 1; seed <= 4; seed++) {
		ft_dataset *ds = ft_test_random_dataset(seed, 5, 7, 30, seed & 1);
		CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
		ft_situation *s = NULL, *s3 = NULL;
		ft_error err;
		CU_ASSERT_EQUAL_FATAL(ft_situation_new(ds, NULL, &s, &err), 0);
		ft_situation_options so = FT_SITUATION_OPTIONS_INIT;
		so.threads = 3;
		CU_ASSERT_EQUAL_FATAL(ft_situation_new(ds, &so, &s3, &err), 0);
		for (size_t f = 0; f < G_N_ELEMENTS(formats); f++) {
			ft_render_options a = FT_RENDER_OPTIONS_INIT, b = FT_RENDER_OPTIONS_INIT;
			a.max_claims = FT__MAX_SUMMARY_LISTED;     /* summaries */
			b.max_claims = FT__MAX_SUMMARY_LISTED + 1; /* full estimates */
			char *sa = ft_situation_render(s, formats[f], &a, &err);
			char *sb = ft_situation_render(s, formats[f], &b, &err);
			CU_ASSERT_PTR_NOT_NULL_FATAL(sa);
			CU_ASSERT_PTR_NOT_NULL_FATAL(sb);
			CU_ASSERT_STRING_EQUAL(sa, sb);
			char *s3a = ft_situation_render(s3, formats[f], &a, &err);
			CU_ASSERT_PTR_NOT_NULL_FATAL(s3a);
			CU_ASSERT_STRING_EQUAL(s3a, sa);
			free(sa);
			free(sb);
			free(s3a);
		}
		ft_situation_free(s3);
		ft_situation_free(s);
		ft_dataset_free(ds);
	}
}

static const ft_test tests[] = {
    {"summaries of the example datasets", test_examples},
    {"summaries of random datasets", test_random},
    {"a chain worked by hand", test_chain_by_hand},
    {"over the node limit: pair by pair", test_over_limit},
    {"formats from summaries and from full estimates", test_formats_same},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("lattice", tests);
}
