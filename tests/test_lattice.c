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
#include "test-util.h"

extern unsigned ft__max_nodes;

static void same_contribution(const ft_contribution *a, const ft_contribution *b)
{
	CU_ASSERT_PTR_EQUAL(a->claim, b->claim);
	CU_ASSERT_EQUAL(a->status, b->status);
	CU_ASSERT(a->weight == b->weight);
	CU_ASSERT_EQUAL(a->low, b->low);
	CU_ASSERT_EQUAL(a->high, b->high);
	CU_ASSERT_PTR_EQUAL(a->voice, b->voice);
	CU_ASSERT_EQUAL(a->stance, b->stance);
	CU_ASSERT_EQUAL(a->credible, b->credible);
	CU_ASSERT_STRING_EQUAL(a->rule ? a->rule : "", b->rule ? b->rule : "");
}

/* The summary `s` says what the full estimate `f` says, listing at most
 * `max` of each kind. Returns the number of claims both listed. */
static size_t same_estimate(const ft_estimate *f, const ft_estimate *s, int max)
{
	CU_ASSERT_EQUAL(s->has_value, f->has_value);
	CU_ASSERT_EQUAL(s->best, f->best);
	CU_ASSERT_EQUAL(s->low, f->low);
	CU_ASSERT_EQUAL(s->high, f->high);
	CU_ASSERT_EQUAL(s->claims, f->claims);
	CU_ASSERT_EQUAL(s->voices, f->voices);
	CU_ASSERT_EQUAL(s->contested, f->contested);
	CU_ASSERT_EQUAL(s->inconsistent, f->inconsistent);
	CU_ASSERT_EQUAL(s->open_below, f->open_below);
	CU_ASSERT_EQUAL(s->open_above, f->open_above);
	CU_ASSERT_EQUAL(s->not_credible, f->not_credible);
	CU_ASSERT_EQUAL(s->pairs, f->pairs);
	CU_ASSERT_PTR_EQUAL(ft_estimate_actor(s), ft_estimate_actor(f));
	CU_ASSERT_PTR_EQUAL(ft_estimate_region(s), ft_estimate_region(f));
	CU_ASSERT_STRING_EQUAL(ft_estimate_measure(s), ft_estimate_measure(f));
	CU_ASSERT(ft__estimate_listing(s, NULL, NULL));
	CU_ASSERT(!ft__estimate_listing(f, NULL, NULL));
	for (int st = 0; st < FT__N_STATUSES; st++)
		CU_ASSERT_EQUAL(ft__status_count(s, (ft_status)st), ft__status_count(f, (ft_status)st));

	ft_render_options ro = FT_RENDER_OPTIONS_INIT;
	ro.max_claims = max;
	GPtrArray *lf = g_ptr_array_new(), *ls = g_ptr_array_new();
	size_t listed = 0;
	for (int counted = 0; counted < 2; counted++) {
		CU_ASSERT_EQUAL(ft__listed_claims(s, counted, &ro, ls),
		                ft__listed_claims(f, counted, &ro, lf));
		CU_ASSERT_EQUAL_FATAL(ls->len, lf->len);
		for (guint i = 0; i < lf->len; i++)
			same_contribution(g_ptr_array_index(lf, i), g_ptr_array_index(ls, i));
		listed += lf->len;
	}
	CU_ASSERT_EQUAL(ft__inconsistent_parts(s, &ro, ls), ft__inconsistent_parts(f, &ro, lf));
	CU_ASSERT_EQUAL_FATAL(ls->len, lf->len);
	for (guint i = 0; i < lf->len; i++)
		CU_ASSERT(memcmp(g_ptr_array_index(lf, i), g_ptr_array_index(ls, i),
		                 sizeof(ft_estimate_part)) == 0);
	/* The asked-for pair comes first in both. */
	CU_ASSERT(memcmp(ft_estimate_part_at(f, 0), ft_estimate_part_at(s, 0), sizeof(ft_estimate_part)) ==
	          0);
	g_ptr_array_free(lf, TRUE);
	g_ptr_array_free(ls, TRUE);

	CU_ASSERT_EQUAL_FATAL(ft_estimate_disagreement_count(s), ft_estimate_disagreement_count(f));
	for (size_t i = 0; i < ft_estimate_disagreement_count(f); i++) {
		const ft_disagreement *a = ft_estimate_disagreement_at(f, i),
		                      *b = ft_estimate_disagreement_at(s, i);
		CU_ASSERT_PTR_EQUAL(a->a, b->a);
		CU_ASSERT_PTR_EQUAL(a->b, b->b);
		CU_ASSERT(a->weight == b->weight);
		CU_ASSERT_EQUAL(a->disputes, b->disputes);
		CU_ASSERT_EQUAL(a->disjoint, b->disjoint);
	}
	return listed;
}

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
			t->listed += same_estimate(&full[k], &sum[k], max);
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
static ft_dataset *random_dataset(guint32 seed, int n_actors, int n_regions, int n_claims, int chain)
{
	GRand *r = g_rand_new_with_seed(seed);
	GString *j = g_string_new("{\"forcetrack\":\"1.0\",\"actors\":[");
	for (int i = 0; i < n_actors; i++) {
		g_string_append_printf(j, "%s{\"id\":\"a%d\",\"name\":\"A %d\"", i ? "," : "", i, i);
		if (i > 1)
			g_string_append_printf(j, ",\"parent\":\"a%d\"",
			                       chain ? i - 1 : g_rand_int_range(r, 0, i));
		g_string_append_c(j, '}');
	}
	g_string_append(j, "],\"regions\":[");
	for (int i = 0; i < n_regions; i++) {
		g_string_append_printf(j, "%s{\"id\":\"r%d\",\"name\":\"R %d\"", i ? "," : "", i, i);
		if (i > 1)
			g_string_append_printf(j, ",\"parent\":\"r%d\"",
			                       chain ? i - 1 : g_rand_int_range(r, 0, i));
		g_string_append_c(j, '}');
	}
	static const char *const grades[] = {"A", "B", "C", "D", "E", "F"};
	g_string_append(j, "],\"sources\":[");
	for (int i = 0; i < 6; i++) {
		g_string_append_printf(j, "%s{\"id\":\"s%d\",\"name\":\"S %d\",\"reliability\":\"%s\"",
		                       i ? "," : "", i, i, grades[g_rand_int_range(r, 0, 6)]);
		if (i >= 4)
			g_string_append_printf(j, ",\"parent\":\"s%d\"", i - 4);
		g_string_append_c(j, '}');
	}
	g_string_append(j, "],\"claims\":[");
	for (int i = 0; i < n_claims; i++) {
		int day = g_rand_int_range(r, 1, 29), lag = g_rand_int_range(r, 0, 3);
		g_string_append_printf(
		    j,
		    "%s{\"id\":\"c%d\",\"source\":\"s%d\",\"subject\":\"a%d\",\"region\":\"r%d\","
		    "\"measure\":\"%s\",\"observed\":\"2021-11-%02d\",\"reported\":\"2021-11-%02d\","
		    "\"credibility\":%d",
		    i ? "," : "", i, g_rand_int_range(r, 0, 6), g_rand_int_range(r, 0, n_actors),
		    g_rand_int_range(r, 0, n_regions), g_rand_int_range(r, 0, 4) ? "personnel" : "tanks", day,
		    day + lag, g_rand_int_range(r, 1, 7));
		guint64 v = (guint64)g_rand_int_range(r, 1, 200) * 500;
		int kind = g_rand_int_range(r, 0, 20);
		if (kind == 0)
			g_string_append(j, ",\"kind\":\"denial\"");
		else if (kind == 1)
			g_string_append(j, ",\"kind\":\"projection\"");
		switch (g_rand_int_range(r, 0, 5)) {
		case 0: g_string_append_printf(j, ",\"value\":%" G_GUINT64_FORMAT, v); break;
		case 1:
			g_string_append_printf(j, ",\"value\":%" G_GUINT64_FORMAT ",\"qualifier\":\"approx\"",
			                       v);
			break;
		case 2:
			g_string_append_printf(
			    j, ",\"value\":%" G_GUINT64_FORMAT ",\"qualifier\":\"at-least\"", v);
			break;
		case 3:
			g_string_append_printf(
			    j, ",\"value\":%" G_GUINT64_FORMAT ",\"qualifier\":\"at-most\"", v);
			break;
		default:
			g_string_append_printf(j,
			                       ",\"low\":%" G_GUINT64_FORMAT ",\"high\":%" G_GUINT64_FORMAT,
			                       v, v + (guint64)g_rand_int_range(r, 0, 50) * 100);
		}
		if (i > 0 && g_rand_int_range(r, 0, 10) == 0)
			g_string_append_printf(j, ",\"supersedes\":[\"c%d\"]", g_rand_int_range(r, 0, i));
		if (i > 0 && g_rand_int_range(r, 0, 8) == 0)
			g_string_append_printf(j, ",\"disputes\":[\"c%d\"]", g_rand_int_range(r, 0, i));
		if (g_rand_int_range(r, 0, 25) == 0)
			g_string_append_printf(j, ",\"retracted\":\"2021-11-%02d\"", MIN(day + lag + 1, 30));
		g_string_append_c(j, '}');
	}
	g_string_append(j, "]}");
	g_rand_free(r);
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer(j->str, j->len, "random", NULL, &err);
	if (!ds)
		fprintf(stderr, "random dataset %u: %s\n", seed, err.text);
	g_string_free(j, TRUE);
	return ds;
}

static void test_random(void)
{
	static const char *const dates[] = {"2021-11-10", "2021-11-20", "2021-11-30"};
	tally t = {0};
	for (guint32 seed = 1; seed <= 12; seed++) {
		/* Odd seeds grow chains, even ones branching trees. */
		ft_dataset *ds =
		    random_dataset(seed, 3 + (int)seed % 7, 4 + (int)seed % 9, 40 + 15 * (int)seed, seed & 1);
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
	ft_dataset *ds = random_dataset(7, 6, 8, 60, 1);
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
		ft_dataset *ds = random_dataset(seed, 5, 7, 30, seed & 1);
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
