/*
 * The estimator: from the claims about an actor, a region and a measure,
 * a best figure with a low-high range, the voices behind it, their
 * disagreements, and the fate of every candidate claim, by the rules of
 * docs/estimation.md (section numbers below refer to it). Roll-ups work on
 * nodes, (actor, region) pairs: each claim counts at its own node, and a
 * node's total is the largest of its own figure and the sums of its parts.
 *
 * The estimator only reads the dataset and its indexes, so any number of
 * threads may estimate from one dataset at once.
 */
#include <math.h>
#include <stdarg.h>
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

static void format_time(const ft_time *t, char buf[FT_TIME_BUFSIZE])
{
	if (!ft_time_format(t, buf))
		g_strlcpy(buf, "(open)", FT_TIME_BUFSIZE);
}

/* ---- section 1 and 2: candidates and status ----------------------------- */

static int known_by_k(const ft__est *e, const ft_time *t)
{
	return ft_time_end(t) <= e->k_end;
}

/* The reliability of a source, or of the nearest graded source above it. */
static ft_reliability effective_reliability(const ft_source *s)
{
	for (const ft_source *p = s; p; p = ft_source_parent(p))
		if (ft_source_reliability(p) != FT_RELIABILITY_F)
			return ft_source_reliability(p);
	return FT_RELIABILITY_F;
}

static const ft_actor *speaking_actor(const ft_source *s)
{
	for (const ft_source *p = s; p; p = ft_source_parent(p))
		if (ft_source_actor(p))
			return ft_source_actor(p);
	return NULL;
}

static ft_stance stance_of(const ft_claim *c)
{
	const ft_actor *speaker = speaking_actor(ft_claim_source(c));
	const ft_actor *subject = ft_claim_subject(c);
	if (!speaker)
		return FT_STANCE_THIRD_PARTY;
	if (ft_actor_is_within(speaker, subject) || ft_actor_is_within(subject, speaker))
		return FT_STANCE_OWN_SIDE;
	if (ft_actor_opposes(speaker, subject))
		return FT_STANCE_ADVERSARY;
	return FT_STANCE_THIRD_PARTY;
}

/* Section 5: the claim's bounds and central figure. */
static void claim_figure(const ft__est *e, const ft_claim *c, ft_contribution *out, ft__cand *cd)
{
	ft_quantity q = ft_claim_quantity(c);
	out->low = 0;
	out->high = UINT64_MAX;
	out->has_central = 0;
	out->central = 0;
	cd->has_low = cd->has_high = 0;
	switch ((ft_qualifier)q.qualifier) {
	case FT_QUALIFIER_EXACT:
		out->low = out->high = out->central = q.value;
		out->has_central = cd->has_low = cd->has_high = 1;
		break;
	case FT_QUALIFIER_APPROX: {
		uint64_t d = (uint64_t)floor((double)q.value * e->o.approx_tolerance + 0.5);
		out->low = d < q.value ? q.value - d : 0;
		out->high = q.value + d;
		out->central = q.value;
		out->has_central = cd->has_low = cd->has_high = 1;
		break;
	}
	case FT_QUALIFIER_AT_LEAST:
		out->low = q.value;
		cd->has_low = 1;
		break;
	case FT_QUALIFIER_AT_MOST:
		out->high = q.value;
		cd->has_high = 1;
		break;
	case FT_QUALIFIER_RANGE:
		out->low = q.low;
		out->high = q.high;
		cd->has_low = cd->has_high = 1;
		if (q.has_value) {
			out->has_central = 1;
			out->central = q.value;
		}
		break;
	default: break;
	}
}

/* Writes a reason when reasons are wanted (`why` is NULL when not). */
static void say(GString *why, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void say(GString *why, const char *fmt, ...)
{
	if (!why)
		return;
	va_list ap;
	va_start(ap, fmt);
	g_string_vprintf(why, fmt, ap);
	va_end(ap);
}

/*
 * Rules 1 to 5 of section 2, which depend on the knowledge date K but not
 * on the date T; returns -1 when none applies. Says why only when asked
 * (`why` is NULL when not).
 */
static int known_status(const ft__est *e, const ft_claim *c, GString *why)
{
	char when[FT_TIME_BUFSIZE];
	ft_time reported = ft_claim_reported(c);
	if (!known_by_k(e, &reported)) {
		if (why)
			format_time(&reported, when);
		say(why, "reported %s, after the knowledge date", when);
		return FT_STATUS_NOT_YET_REPORTED;
	}
	ft_time retracted = ft__claim_retracted(c);
	if (ft_time_is_set(&retracted) && known_by_k(e, &retracted)) {
		if (why)
			format_time(&retracted, when);
		say(why, "retracted %s", when);
		return FT_STATUS_RETRACTED;
	}
	for (uint32_t link = ft__claim_superseded_first(e->ds, c); link;) {
		const ft_claim *s = ft__claim_superseded_next(e->ds, &link);
		ft_time s_reported = ft_claim_reported(s);
		if (known_by_k(e, &s_reported)) {
			if (why)
				format_time(&s_reported, when);
			say(why, "superseded by %s (reported %s)", s->e.id, when);
			return FT_STATUS_SUPERSEDED;
		}
	}
	if (ft_claim_kind_of(c) == FT_CLAIM_DENIAL) {
		say(why, "a denial states no figure");
		return FT_STATUS_DENIAL;
	}
	if (ft_claim_kind_of(c) == FT_CLAIM_PROJECTION && !e->o.include_projections) {
		say(why, "a projection; projections were not asked for");
		return FT_STATUS_PROJECTION;
	}
	return -1;
}

/* Rules 6 and 7 of section 2, which depend on the date T, for a
 * candidate prepared by prepare_claim; -1 when neither applies. */
static int time_status(const ft__est *e, const ft__cand *cd, GString *why)
{
	char when[FT_TIME_BUFSIZE];
	if (cd->obs_start > e->t_end) {
		if (why) {
			ft_interval iv = ft_claim_observed(cd->claim);
			format_time(&iv.from, when);
		}
		say(why, "observed from %s, after the estimate's date", when);
		return FT_STATUS_NOT_YET_OBSERVED;
	}
	if (e->o.staleness_days >= 0 &&
	    cd->obs_end < e->t_start - (int64_t)e->o.staleness_days * US_PER_DAY) {
		if (why) {
			ft_interval iv = ft_claim_observed(cd->claim);
			format_time(ft_time_is_set(&iv.to) ? &iv.to : &iv.from, when);
		}
		say(why, "observed until %s, more than %d days before the estimate's date", when,
		    e->o.staleness_days);
		return FT_STATUS_STALE;
	}
	return -1;
}

/* Section 3: does `a` win over `b` for their voice? */
int ft__wins_over(const ft__cand *a, const ft__cand *b)
{
	if (a->obs_start != b->obs_start)
		return a->obs_start > b->obs_start;
	if (a->obs_end != b->obs_end)
		return a->obs_end > b->obs_end;
	if (a->reported_start != b->reported_start)
		return a->reported_start > b->reported_start;
	return a->pos > b->pos;
}

/* ---- the estimate ---------------------------------------------------------------- */

static int compare_cand_pos(const void *a, const void *b)
{
	size_t x = ((const ft__cand *)a)->pos, y = ((const ft__cand *)b)->pos;
	return x < y ? -1 : x > y;
}

/* What a candidate is whatever the date T (see cand). */
static void prepare_claim(const ft__est *e, ft__cand *cd)
{
	const ft_claim *c = cd->claim;
	ft_interval observed = ft_claim_observed(c);
	cd->obs_start = ft_time_start(&observed.from);
	cd->obs_end = ft_time_end(&observed.to);
	ft_time reported = ft_claim_reported(c);
	cd->reported_start = ft_time_start(&reported);
	const ft_source *source = ft_claim_source(c);
	ft_reliability rel = effective_reliability(source);
	int credibility = ft_claim_credibility(c);
	ft_contribution *f = &cd->fixed;
	f->claim = c;
	f->voice = ft_source_root(source);
	f->stance = stance_of(c);
	f->credible = rel != FT_RELIABILITY_E && credibility != 5;
	cd->base_weight = ft_reliability_weight(rel) * ft_credibility_weight(credibility);
	claim_figure(e, c, f, cd);
	cd->known_status = known_status(e, c, NULL);
}

/*
 * The candidates of section 2, in dataset order, prepared, into e->cands,
 * and their nodes' keys into e->keys. Candidates are held in one array,
 * which does not move once collected: one allocation instead of one per
 * candidate, and a sort that reads the positions in place.
 */
static void collect_candidates(ft__est *e, const char *measure)
{
	e->cands = g_array_new(FALSE, TRUE, sizeof(ft__cand));
	e->keys = g_array_new(FALSE, FALSE, sizeof(ft__node_key));
	GPtrArray *stack = g_ptr_array_new();
	g_ptr_array_add(stack, (gpointer)(uintptr_t)e->actor);
	while (stack->len) {
		const ft_actor *a = g_ptr_array_steal_index_fast(stack, stack->len - 1);
		const GPtrArray *groups = ft__dataset_groups(e->ds, a, measure);
		for (guint g = 0; groups && g < groups->len; g++) {
			const ft__group *grp = g_ptr_array_index(groups, g);
			int in = e->o.rollup ? ft_region_is_within(grp->region, e->region)
			                     : grp->region == e->region;
			if (!in || grp->n == 0)
				continue;
			ft__node_key k = {a, grp->region};
			guint key = e->keys->len;
			g_array_append_val(e->keys, k);
			guint first = e->cands->len;
			g_array_set_size(e->cands, first + grp->n);
			for (uint32_t i = 0; i < grp->n; i++) {
				ft__cand *cd = &g_array_index(e->cands, ft__cand, first + i);
				cd->pos = grp->claims[i];
				cd->claim = ft_dataset_claim_at(e->ds, cd->pos);
				cd->key = key;
			}
		}
		const GPtrArray *children = e->o.rollup ? ft__actor_children(a) : NULL;
		for (guint i = 0; children && i < children->len; i++)
			g_ptr_array_add(stack, g_ptr_array_index(children, i));
	}
	g_ptr_array_free(stack, TRUE);
	g_array_sort(e->cands, compare_cand_pos);
	for (guint i = 0; i < e->cands->len; i++)
		prepare_claim(e, &g_array_index(e->cands, ft__cand, i));
}

/* A prepared candidate at the date T: its weight, and its status when a
 * rule of section 2 drops it; else it runs for its voice. */
static void place_claim(ft__est *e, ft__cand *cd)
{
	ft_contribution *out = cd->out;
	*out = cd->fixed;
	out->weight = ft__weight_at(e, cd);
	int status = cd->known_status >= 0 ? cd->known_status : time_status(e, cd, NULL);
	if (status < 0) {
		g_ptr_array_add(cd->node->running, cd);
		return;
	}
	out->status = (ft_status)status;
	if (e->counted_only)
		return;
	/* The reason is worded again only where it is kept. */
	GString *why = g_string_new(NULL);
	if (cd->known_status >= 0)
		known_status(e, cd->claim, why);
	else
		time_status(e, cd, why);
	out->rule = ft__keep(e, why);
}

/* Section 3: one claim per voice at each node. */
static void choose_voices(ft__est *e, ft__node *n)
{
	GHashTable *winners = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (guint i = 0; i < n->running->len; i++) {
		ft__cand *cd = g_ptr_array_index(n->running, i);
		ft__cand *prev = g_hash_table_lookup(winners, cd->out->voice);
		if (!prev || ft__wins_over(cd, prev))
			g_hash_table_insert(winners, (gpointer)(uintptr_t)cd->out->voice, cd);
	}
	for (guint i = 0; i < n->running->len; i++) {
		ft__cand *cd = g_ptr_array_index(n->running, i);
		ft__cand *win = g_hash_table_lookup(winners, cd->out->voice);
		if (win == cd) {
			cd->out->status = FT_STATUS_COUNTED;
			g_ptr_array_add(n->counted, cd);
			continue;
		}
		cd->out->status = FT_STATUS_SAME_VOICE;
		if (e->counted_only)
			continue;
		ft__explain_same_voice(e, cd, win);
	}
	g_hash_table_destroy(winners);
}

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
	collect_candidates(e, measure ? measure : FT_MEASURE_DEFAULT);
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
		place_claim(e, cd);
	}

	/* Voices, then each node's own figure, then the roll-up. */
	GPtrArray *counted_nodes = g_ptr_array_new();
	for (guint i = 0; i < e->keys->len; i++) {
		choose_voices(e, nodes[i]);
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

/* ---- section 8: timelines ---------------------------------------------------------- */
