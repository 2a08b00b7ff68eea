/*
 * The estimator's entry point (docs/estimation.md; section numbers in
 * estimate/ refer to it): ft_estimate_compute checks its options, then
 * runs the steps the other files hold for one date T: the candidates and
 * their statuses and voices (candidates.c), the figure at each node
 * (figure.c), the roll-up over the actor and region trees (rollup.c) and
 * the rule texts (explain.c), and assembles the result. Timelines run the
 * same steps for many dates (timeline.c). Also the names of statuses,
 * stances and methods.
 *
 * The estimator only reads the dataset and its indexes, so any number of
 * threads may estimate from one dataset at once.
 */
#include <stdint.h>
#include <string.h>

#include "estimate/estimate-private.h"

/* ---- names -------------------------------------------------------------- */

static const char *const status_names[] = {
    "counted",          "same-voice", "superseded", "retracted",  "not-yet-reported",
    "not-yet-observed", "stale",      "denial",     "projection",
};
static const char *const stance_names[] = {"third-party", "own-side", "adversary"};
static const char *const method_names[] = {"weighted", "median", "latest"};

const char *ft_status_name(ft_status s)
{
	return (unsigned)s < G_N_ELEMENTS(status_names) ? status_names[s] : NULL;
}

const char *ft_stance_name(ft_stance s)
{
	return (unsigned)s < G_N_ELEMENTS(stance_names) ? stance_names[s] : NULL;
}

const char *ft_method_name(ft_method m)
{
	return (unsigned)m < G_N_ELEMENTS(method_names) ? method_names[m] : NULL;
}

int ft_method_parse(const char *name, ft_method *out)
{
	if (!name || !out)
		return FT_EINVAL;
	for (size_t i = 0; i < G_N_ELEMENTS(method_names); i++) {
		if (strcmp(name, method_names[i]) == 0) {
			*out = (ft_method)i;
			return 0;
		}
	}
	return FT_EFORMAT;
}

/* Internal results kept alive by the estimate. */
typedef struct est_internal {
	GStringChunk *text;
} est_internal;

/* `fn`, the public function called, begins the message. */
int ft__check_options(const ft_estimate_options *o, const char *fn, ft_error *err)
{
	if (o->version >= 1 && o->version <= FT_ESTIMATE_OPTIONS_VERSION && ft_time_is_set(&o->at) &&
	    o->approx_tolerance >= 0 && o->approx_tolerance < 1 && ft_method_name(o->method))
		return 0;
	return ft__error_set(
	    err, FT_EINVAL, NULL,
	    "%s: options need a version, a time `at`, a tolerance in [0, 1) and a known method", fn);
}

/* By the first claim, then the second, in dataset order. */
static int compare_disagreements(const void *a, const void *b)
{
	const ft_disagreement *x = a, *y = b;
	int c = ft__compare_pos(x->a->e.pos, y->a->e.pos);
	return c ? c : ft__compare_pos(x->b->e.pos, y->b->e.pos);
}

/* Sets the date T of the estimates to come. */
void ft__est_set_at(ft__est *e, const ft_time *at)
{
	e->t_start = ft_time_start(at);
	e->t_end = ft_time_end(at);
}

/* Sets up an estimation of `actor` in `region` with checked options:
 * collects and prepares the candidates, for one date T or for many. */
void ft__est_begin(ft__est *e, const ft_dataset *ds, const ft_actor *actor, const ft_region *region,
                   const char *measure, const ft_estimate_options *opts, int counted_only)
{
	memset(e, 0, sizeof *e);
	e->ds = ds;
	e->actor = actor;
	e->region = region;
	e->o = *opts;
	ft__est_set_at(e, &opts->at);
	e->k_end = ft_time_is_set(&opts->known_on) ? ft_time_end(&opts->known_on) : INT64_MAX;
	e->counted_only = counted_only;
	ft__collect_candidates(e, measure ? measure : FT_MEASURE_DEFAULT);
}

void ft__est_end(ft__est *e)
{
	g_array_free(e->cands, TRUE);
	g_array_free(e->keys, TRUE);
}

/* The estimate at e's date T into `out` (zeroed by the caller): the
 * candidates' statuses, voices, node figures and roll-up. */
void ft__evaluate(ft__est *e, ft_estimate *out)
{
	e->nodes = ft__nodes_new();
	e->text = g_string_chunk_new(4096);
	/* The nodes of the candidates, in the order they were collected: the
	 * order the voices, disagreements and parts come in. (Walking the
	 * table instead followed the hashes of addresses, which change from
	 * run to run.) */
	ft__node **nodes = g_new(ft__node *, e->keys->len ? e->keys->len : 1);
	for (guint i = 0; i < e->keys->len; i++) {
		const ft__node_key *k = &g_array_index(e->keys, ft__node_key, i);
		nodes[i] = ft__node_get(e, k->actor, k->region, 1);
	}
	out->n_contributions = e->cands->len;
	out->contributions = g_new0(ft_contribution, e->cands->len ? e->cands->len : 1);
	for (guint i = 0; i < e->cands->len; i++) {
		ft__cand *cd = &g_array_index(e->cands, ft__cand, i);
		cd->out = &out->contributions[i];
		cd->node = nodes[cd->key];
		ft__place_claim(e, cd);
	}

	/* Voices, then each node's own figure, then the roll-up. */
	GPtrArray *counted_nodes = g_ptr_array_new();
	for (guint i = 0; i < e->keys->len; i++) {
		ft__choose_voices(e, nodes[i]);
		if (nodes[i]->counted->len)
			g_ptr_array_add(counted_nodes, nodes[i]);
	}
	g_free(nodes);
	GArray *disagreements = g_array_new(FALSE, FALSE, sizeof(ft_disagreement));
	GHashTable *voices = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (guint i = 0; i < counted_nodes->len; i++) {
		ft__node *n = g_ptr_array_index(counted_nodes, i);
		n->own = ft__node_figure(e, n);
		ft__mark_relevant(e, n);
		ft__find_disagreements(n, disagreements);
	}
	for (guint i = 0; i < e->cands->len; i++) {
		ft__cand *cd = &g_array_index(e->cands, ft__cand, i);
		if (cd->out->status != FT_STATUS_COUNTED)
			continue;
		ft__explain_counted(e, cd);
		out->claims++;
		g_hash_table_add(voices, (gpointer)(uintptr_t)cd->out->voice);
	}
	out->voices = g_hash_table_size(voices);
	g_hash_table_destroy(voices);

	ft__node *top = ft__node_get(e, e->actor, e->region, 1);
	top->relevant = 1;
	ft__fig total = ft__node_total(e, top);
	out->has_value = total.has;
	out->best = total.best;
	out->low = total.low;
	out->high = total.high;

	GArray *parts = ft__rollup_parts(e, top, &total, counted_nodes, &out->inconsistent);
	if (disagreements->len > 1)
		g_array_sort(disagreements, compare_disagreements);
	out->n_parts = parts->len;
	out->parts = (ft_estimate_part *)(void *)g_array_free(parts, FALSE);
	out->contested = disagreements->len > 0;
	out->n_disagreements = disagreements->len;
	out->disagreements = (ft_disagreement *)(void *)g_array_free(disagreements, FALSE);

	if (e->counted_only) {
		/* Only the counted contributions stay (in dataset order). */
		size_t kept = 0;
		for (size_t i = 0; i < out->n_contributions; i++)
			if (out->contributions[i].status == FT_STATUS_COUNTED)
				out->contributions[kept++] = out->contributions[i];
		out->n_contributions = kept;
		/* Give back the room of the others: a timeline keeps every point. */
		out->contributions = g_renew(ft_contribution, out->contributions, kept ? kept : 1);
	}

	est_internal *in = g_new0(est_internal, 1);
	in->text = e->text;
	out->internal = in;

	g_ptr_array_free(counted_nodes, TRUE);
	g_hash_table_destroy(e->nodes);
	e->nodes = NULL;
	e->text = NULL;
}

static int compute(const ft_dataset *ds, const ft_actor *actor, const ft_region *region, const char *measure,
                   const ft_estimate_options *opts, int counted_only, ft_estimate *out, ft_error *err)
{
	ft_error_clear(err);
	if (out)
		memset(out, 0, sizeof *out);
	if (!ds || !actor || !region || !opts || !out)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_estimate_compute: NULL argument");
	int rc = ft__check_options(opts, "ft_estimate_compute", err);
	if (rc != 0)
		return rc;
	ft__est e;
	ft__est_begin(&e, ds, actor, region, measure, opts, counted_only);
	ft__evaluate(&e, out);
	ft__est_end(&e);
	return 0;
}

int ft_estimate_compute(const ft_dataset *ds, const ft_actor *actor, const ft_region *region,
                        const char *measure, const ft_estimate_options *opts, ft_estimate *out, ft_error *err)
{
	return compute(ds, actor, region, measure, opts, 0, out, err);
}

void ft_estimate_clear(ft_estimate *est_out)
{
	if (!est_out)
		return;
	est_internal *in = est_out->internal;
	if (in) {
		g_string_chunk_free(in->text);
		g_free(in);
	}
	g_free(est_out->contributions);
	g_free(est_out->disagreements);
	g_free(est_out->parts);
	memset(est_out, 0, sizeof *est_out);
}
