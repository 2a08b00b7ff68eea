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
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "estimate/estimate-private.h"

/* ---- names -------------------------------------------------------------- */

static const char *const status_names[] = {
    "counted",          "same-voice", "superseded", "retracted",  "not-yet-reported",
    "not-yet-observed", "stale",      "denial",     "projection",
};
G_STATIC_ASSERT(G_N_ELEMENTS(status_names) == FT__N_STATUSES);
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

/*
 * The size of each version of the public structs, indexed by version: what
 * a caller that set that version has room for. Version 1 is every field
 * there is today; when a version 2 appends fields, version 1's entry
 * becomes the offset of the first of them.
 */
static const size_t options_sizes[FT_ESTIMATE_OPTIONS_VERSION + 1] = {0, sizeof(ft_estimate_options)};
static const size_t estimate_sizes[FT_ESTIMATE_VERSION + 1] = {0, sizeof(ft_estimate)};

void ft_estimate_options_init(ft_estimate_options *opts)
{
	static const ft_estimate_options init = FT_ESTIMATE_OPTIONS_INIT;
	if (opts)
		*opts = init;
}

void ft_estimate_init(ft_estimate *est)
{
	static const ft_estimate init = FT_ESTIMATE_INIT;
	if (est)
		*est = init;
}

int ft__check_options(const ft_estimate_options *o, const char *fn, ft_estimate_options *out, ft_error *err)
{
	return ft__check_options_for(o, fn, 1, out, err);
}

int ft__check_options_for(const ft_estimate_options *o, const char *fn, int need_at, ft_estimate_options *out,
                          ft_error *err)
{
	if (o->version == 0 || o->version > FT_ESTIMATE_OPTIONS_VERSION)
		return ft__error_set(
		    err, FT_EINVAL, NULL,
		    "%s: options of version %u; set them up with FT_ESTIMATE_OPTIONS_INIT or "
		    "ft_estimate_options_init",
		    fn, o->version);
	/* The fields the caller's version covers; the others keep their
	 * defaults. */
	ft_estimate_options r = FT_ESTIMATE_OPTIONS_INIT;
	ft__copy_after_version(&r, o, options_sizes[o->version]);
	if (r.staleness_days == 0)
		r.staleness_days = FT_STALENESS_DAYS;
	if (r.approx_tolerance == 0)
		r.approx_tolerance = FT_APPROX_TOLERANCE;
	if (r.half_life_days == 0)
		r.half_life_days = FT_HALF_LIFE_DAYS;
	if (r.max_pairs == 0)
		r.max_pairs = FT_MAX_PAIRS;
	if (!(r.half_life_days > 0) || !(r.half_life_days <= FT_DAYS_MAX))
		return ft__error_set(err, FT_EINVAL, NULL,
		                     "%s: the half-life must be a positive number of days, at most %d", fn,
		                     FT_DAYS_MAX);
	if (r.staleness_days > FT_DAYS_MAX)
		return ft__error_set(err, FT_EINVAL, NULL,
		                     "%s: a staleness horizon of %d days is longer than the %d days time "
		                     "values can span (give a negative one for no horizon)",
		                     fn, r.staleness_days, FT_DAYS_MAX);
	if (need_at && !ft_time_is_set(&r.at))
		return ft__error_set(err, FT_EINVAL, NULL, "%s: options need a time `at`", fn);
	if (!(r.approx_tolerance > 0 && r.approx_tolerance < 1))
		return ft__error_set(err, FT_EINVAL, NULL,
		                     "%s: the tolerance of \"about\" must lie in [0, 1)", fn);
	if (!ft_method_name(r.method))
		return ft__error_set(err, FT_EINVAL, NULL, "%s: unknown method %d", fn, (int)r.method);
	*out = r;
	return 0;
}

/* Sets the date T of the estimates to come. */
void ft__est_set_at(ft__est *e, const ft_time *at)
{
	e->o.at = *at;
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
	e->counted_only = counted_only;
	e->measure = measure ? measure : FT_MEASURE_DEFAULT;
	/* K first: each candidate is judged at it as it is prepared, rather
	 * than at no K and then again in a pass over them all. */
	ft__est_set_known(e, &opts->known_on);
	ft__collect_candidates(e, e->measure);
}

void ft__est_end(ft__est *e)
{
	g_array_free(e->cands, TRUE);
	g_array_free(e->keys, TRUE);
	if (e->nodes)
		g_hash_table_destroy(e->nodes);
	ft__arena_clear(&e->node_mem);
	g_free(e->decay);
}

/* The start of an evaluation: the result behind `out`, the table of
 * nodes, and the node of each key (in e->keys order) into `nodes`, which
 * has room for them all. */
/* The nodes of the candidates, in the order they were collected: the
 * order the voices, disagreements and parts come in. (Walking the table
 * instead followed the hashes of addresses, which change from run to
 * run.) */
static void key_nodes(ft__est *e, ft__node **nodes)
{
	for (guint i = 0; i < e->keys->len; i++) {
		const ft__node_key *k = &g_array_index(e->keys, ft__node_key, i);
		nodes[i] = ft__node_get(e, k->actor, k->region, 1);
	}
}

/* Each candidate placed with its contribution in `contributions`, then
 * the voices of every node; returns the nodes with counted claims, in
 * e->keys order. */
static GPtrArray *place_and_vote(ft__est *e, ft__node **nodes, ft_contribution *contributions)
{
	for (guint i = 0; i < e->cands->len; i++) {
		ft__cand *cd = &g_array_index(e->cands, ft__cand, i);
		cd->out = &contributions[i];
		cd->node = nodes[cd->key];
		ft__place_claim(e, cd);
	}
	GPtrArray *counted_nodes = g_ptr_array_new();
	for (guint i = 0; i < e->keys->len; i++) {
		ft__choose_voices(e, nodes[i]);
		if (nodes[i]->counted.len)
			g_ptr_array_add(counted_nodes, nodes[i]);
	}
	return counted_nodes;
}

void ft__evaluate_nodes(ft__est *e, ft_contribution *contributions)
{
	ft__nodes_begin(e);
	ft__node **nodes = g_new(ft__node *, e->keys->len ? e->keys->len : 1);
	key_nodes(e, nodes);
	GPtrArray *counted_nodes = place_and_vote(e, nodes, contributions);
	g_free(nodes);
	for (guint i = 0; i < counted_nodes->len; i++) {
		ft__node *n = g_ptr_array_index(counted_nodes, i);
		n->own = ft__node_figure(e, n);
	}
	g_ptr_array_free(counted_nodes, TRUE);
}

void ft__evaluate_begin(ft__est *e, ft_estimate *out, ft__node **nodes)
{
	ft__result *res = g_new0(ft__result, 1);
	out->internal = res;
	ft__nodes_begin(e);
	e->text = g_string_chunk_new(4096);
	res->text = e->text;
	res->actor = e->actor;
	res->region = e->region;
	res->measure = g_string_chunk_insert_const(e->text, e->measure);
	res->opts = e->o;
	key_nodes(e, nodes);
}

/* The estimate at e's date T into `out` (FT_ESTIMATE_INIT): the
 * candidates' statuses, voices, node figures and roll-up. */
int ft__evaluate(ft__est *e, ft_estimate *out, ft_error *err)
{
	ft__node **nodes = g_new(ft__node *, e->keys->len ? e->keys->len : 1);
	ft__evaluate_begin(e, out, nodes);
	ft__result *res = out->internal;
	res->n_contributions = e->cands->len;
	res->contributions = g_new0(ft_contribution, e->cands->len ? e->cands->len : 1);
	/* Voices; then each node's own figure and the roll-up. */
	GPtrArray *counted_nodes = place_and_vote(e, nodes, res->contributions);
	g_free(nodes);
	GPtrArray *counted = g_ptr_array_new();
	for (guint i = 0; i < e->cands->len; i++) {
		ft__cand *cd = &g_array_index(e->cands, ft__cand, i);
		if (cd->out->status == FT_STATUS_COUNTED)
			g_ptr_array_add(counted, cd);
	}
	int rc = ft__evaluate_finish(e, out, counted_nodes, counted, err);
	g_ptr_array_free(counted, TRUE);
	g_ptr_array_free(counted_nodes, TRUE);
	return rc;
}

/* The end of an evaluation whose counted claims are chosen: the figure of
 * each node of `counted_nodes` (in e->keys order), the disagreements, the
 * roll-up and the parts, and the rules of `counted` (ft__cand *, in
 * dataset order). */
int ft__evaluate_finish(ft__est *e, ft_estimate *out, GPtrArray *counted_nodes, GPtrArray *counted,
                        ft_error *err)
{
	ft__result *res = out->internal;
	GArray *disagreements = g_array_new(FALSE, FALSE, sizeof(ft_disagreement));
	GHashTable *voices = e->voices_known ? NULL : g_hash_table_new(g_direct_hash, g_direct_equal);
	size_t listed = e->pairs_only ? 0 : e->o.max_pairs;
	for (guint i = 0; i < counted_nodes->len; i++) {
		ft__node *n = g_ptr_array_index(counted_nodes, i);
		n->own = ft__node_figure(e, n);
		ft__mark_relevant(e, n);
		ft__find_disagreements(e, n, listed, disagreements);
		out->pairs += n->pairs;
	}
	if (e->over_limit) {
		/* What was built is released with the estimate; it has no value. */
		g_array_free(disagreements, TRUE);
		if (voices)
			g_hash_table_destroy(voices);
		ft__nodes_end(e);
		e->text = NULL;
		return ft__error_set(
		    err, FT_ELIMIT, NULL,
		    "the roll-up of %s in %s would take more than %u (actor, region) nodes: ask "
		    "about an actor or a region lower in its tree, or without roll-up",
		    ft_actor_id(e->actor), ft_region_id(e->region), ft__max_nodes);
	}
	for (guint i = 0; i < counted->len; i++) {
		ft__cand *cd = g_ptr_array_index(counted, i);
		if (e->rule_parts) {
			ft__rule_parts *rp = &e->rule_parts[cd - &g_array_index(e->cands, ft__cand, 0)];
			if (!rp->hedge)
				ft__explain_parts(e, cd, e->rule_chunk, rp);
			ft__explain_counted_from(e, cd, rp);
		} else {
			ft__explain_counted(e, cd);
		}
		out->claims++;
		if (voices)
			g_hash_table_add(voices, (gpointer)(uintptr_t)cd->out->voice);
	}
	out->voices = voices ? g_hash_table_size(voices) : e->voices;
	if (voices)
		g_hash_table_destroy(voices);

	ft__node *top = ft__node_get(e, e->actor, e->region, 1);
	top->relevant = 1;
	ft__fig total = ft__node_total(e, top);
	out->has_value = total.has;
	out->best = total.best;
	out->low = total.low;
	out->high = total.high;
	out->open_below = total.open_below;
	out->open_above = total.open_above;
	out->not_credible = total.not_credible;

	GArray *parts = ft__rollup_parts(e, top, &total, &out->inconsistent);
	/* Each node gave its heaviest; the estimate lists the heaviest of all. */
	if (disagreements->len > 1)
		g_array_sort(disagreements, ft__compare_disagreements);
	if (disagreements->len > listed)
		g_array_set_size(disagreements, (guint)listed);
	res->n_parts = parts->len;
	res->parts = (ft_estimate_part *)(void *)g_array_free(parts, FALSE);
	out->contested = out->pairs > 0;
	res->n_disagreements = disagreements->len;
	res->disagreements = (ft_disagreement *)(void *)g_array_free(disagreements, FALSE);

	if (e->counted_only) {
		/* Only the counted contributions stay (in dataset order). */
		size_t kept = 0;
		for (size_t i = 0; i < res->n_contributions; i++)
			if (res->contributions[i].status == FT_STATUS_COUNTED && kept++ != i)
				res->contributions[kept - 1] = res->contributions[i];
		/* Give back the room of the others: a timeline keeps every point. */
		if (kept < res->n_contributions)
			res->contributions = g_renew(ft_contribution, res->contributions, kept ? kept : 1);
		res->n_contributions = kept;
	}

	ft__nodes_end(e);
	e->text = NULL;
	return 0;
}

int ft_estimate_compute(const ft_dataset *ds, const ft_actor *actor, const ft_region *region,
                        const char *measure, const ft_estimate_options *opts, ft_estimate *out, ft_error *err)
{
	ft_error_clear(err);
	if (!out)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_estimate_compute: NULL argument");
	if (out->version == 0 || out->version > FT_ESTIMATE_VERSION)
		return ft__error_set(err, FT_EINVAL, NULL,
		                     "ft_estimate_compute: an estimate of version %u; set it up with "
		                     "FT_ESTIMATE_INIT or ft_estimate_init",
		                     out->version);
	/* Built whole, then the fields the caller's version covers are
	 * copied: a caller built against an older header has less room. */
	ft_estimate full = FT_ESTIMATE_INIT;
	ft_estimate_options o;
	int rc = 0;
	if (!ds || !actor || !region || !opts)
		rc = ft__error_set(err, FT_EINVAL, NULL, "ft_estimate_compute: NULL argument");
	else if (!ft__dataset_owns(ds, actor) || !ft__dataset_owns(ds, region))
		rc = ft__error_set(err, FT_EINVAL, NULL,
		                   "ft_estimate_compute: the actor or the region belongs to another dataset");
	else
		rc = ft__check_options(opts, "ft_estimate_compute", &o, err);
	if (rc == 0) {
		ft__est e;
		ft__est_begin(&e, ds, actor, region, measure, &o, 0);
		rc = ft__evaluate(&e, &full, err);
		ft__est_end(&e);
	}
	ft__copy_after_version(out, &full, estimate_sizes[out->version]);
	return rc;
}

void ft__estimate_release(ft_estimate *est)
{
	ft__result *res = est->internal;
	if (res) {
		if (res->text)
			g_string_chunk_free(res->text);
		if (res->in_arena)
			return;
		if (!res->borrowed)
			g_free(res->contributions);
		g_free(res->disagreements);
		if (res->parts != res->own_parts)
			g_free(res->parts);
		g_free(res);
	}
}

void ft_estimate_clear(ft_estimate *est)
{
	if (!est || est->version == 0 || est->version > FT_ESTIMATE_VERSION)
		return;
	ft__estimate_release(est);
	ft_estimate init = FT_ESTIMATE_INIT;
	ft__copy_after_version(est, &init, estimate_sizes[est->version]);
}

/* What the estimate holds, or NULL. */
static const ft__result *result_of(const ft_estimate *est)
{
	return est && est->version >= 1 && est->version <= FT_ESTIMATE_VERSION ? est->internal : NULL;
}

int ft__estimate_listing(const ft_estimate *est, size_t status_total[FT__N_STATUSES],
                         size_t *inconsistent_total)
{
	const ft__result *r = result_of(est);
	if (!r || !r->summary)
		return 0;
	if (status_total)
		memcpy(status_total, r->status_total, sizeof r->status_total);
	if (inconsistent_total)
		*inconsistent_total = r->inconsistent_total;
	return 1;
}

size_t ft_estimate_contribution_count(const ft_estimate *est)
{
	const ft__result *r = result_of(est);
	return r ? r->n_contributions : 0;
}

const ft_contribution *ft_estimate_contribution_at(const ft_estimate *est, size_t i)
{
	const ft__result *r = result_of(est);
	return r && i < r->n_contributions ? &r->contributions[i] : NULL;
}

size_t ft_estimate_disagreement_count(const ft_estimate *est)
{
	const ft__result *r = result_of(est);
	return r ? r->n_disagreements : 0;
}

const ft_disagreement *ft_estimate_disagreement_at(const ft_estimate *est, size_t i)
{
	const ft__result *r = result_of(est);
	return r && i < r->n_disagreements ? &r->disagreements[i] : NULL;
}

size_t ft_estimate_part_count(const ft_estimate *est)
{
	const ft__result *r = result_of(est);
	return r ? r->n_parts : 0;
}

const ft_estimate_part *ft_estimate_part_at(const ft_estimate *est, size_t i)
{
	const ft__result *r = result_of(est);
	return r && i < r->n_parts ? &r->parts[i] : NULL;
}

const ft_actor *ft_estimate_actor(const ft_estimate *est)
{
	const ft__result *r = result_of(est);
	return r ? r->actor : NULL;
}

const ft_region *ft_estimate_region(const ft_estimate *est)
{
	const ft__result *r = result_of(est);
	return r ? r->region : NULL;
}

const char *ft_estimate_measure(const ft_estimate *est)
{
	const ft__result *r = result_of(est);
	return r ? r->measure : NULL;
}

const ft_estimate_options *ft_estimate_options_of(const ft_estimate *est)
{
	const ft__result *r = result_of(est);
	return r ? &r->opts : NULL;
}
