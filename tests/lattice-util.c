/*
 * What the suites of summaries share (test_lattice.c, test_groups.c): a
 * random dataset with deep or branching actor and region trees, and the
 * comparison of a summary with the full estimate of the same pair.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "estimate/estimate-private.h"
#include "lattice-util.h"
#include "report/report-private.h"
#include "test-util.h"

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

void ft_test_same_figure(const ft_estimate *f, const ft_estimate *s)
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
}

void ft_test_same_disagreements(const ft_estimate *f, const ft_estimate *s)
{
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
}

/* The summary `s` says what the full estimate `f` says, listing at most
 * `max` of each kind. Returns the number of claims both listed. */
size_t ft_test_same_summary(const ft_estimate *f, const ft_estimate *s, int max)
{
	ft_test_same_figure(f, s);
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
	ft_test_same_disagreements(f, s);
	return listed;
}

ft_dataset *ft_test_random_dataset(guint32 seed, int n_actors, int n_regions, int n_claims, int chain)
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
