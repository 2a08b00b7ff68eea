/*
 * Candidates (docs/estimation.md, sections 1 to 3): the claims of the
 * measure about the actor and the region (and, with roll-up, the actors
 * and regions under them), in dataset order, each prepared once with what
 * does not depend on the date T (its spans, voice, stance, credibility,
 * base weight, bounds, and the statuses that depend only on the knowledge
 * date K); then at each date T the status of each (the first rule of
 * section 2 that applies, worded beside the test that decides it) and,
 * of the claims still running, one per voice at each node.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "estimate/estimate-private.h"

static void format_time(const ft_time *t, char buf[FT_TIME_BUFSIZE])
{
	if (!ft_time_format(t, buf))
		g_strlcpy(buf, "(open)", FT_TIME_BUFSIZE);
}

static int known_by_k(const ft__est *e, const ft_time *t)
{
	return ft_time_end(t) <= e->k_end;
}

/* The reliability of a source, or of the nearest graded source above it
 * (kept by the model with the source's tree: no walk up the chain). */
static ft_reliability effective_reliability(const ft_source *s)
{
	const ft_source *graded = ft__source_graded(s);
	return graded ? ft_source_reliability(graded) : FT_RELIABILITY_F;
}

static ft_stance stance_between(const ft_actor *speaker, const ft_actor *subject)
{
	if (!speaker)
		return FT_STANCE_THIRD_PARTY;
	if (ft_actor_is_within(speaker, subject) || ft_actor_is_within(subject, speaker))
		return FT_STANCE_OWN_SIDE;
	if (ft_actor_opposes(speaker, subject))
		return FT_STANCE_ADVERSARY;
	return FT_STANCE_THIRD_PARTY;
}

typedef struct stance_key {
	const ft_actor *speaker, *subject;
} stance_key;

static guint stance_hash(gconstpointer p)
{
	const stance_key *k = p;
	return g_direct_hash(k->speaker) * 31u + g_direct_hash(k->subject);
}

static gboolean stance_equal(gconstpointer a, gconstpointer b)
{
	const stance_key *x = a, *y = b;
	return x->speaker == y->speaker && x->subject == y->subject;
}

/* The slots of a preparation memo, a power of two: a look-up in a
 * GHashTable cost a tenth of preparing a claim, and working out a
 * month's or a year's end as much. */
#define MEMO_BITS  8
#define MEMO_SLOTS (1u << MEMO_BITS)

/* A slot of a memo, from a 64-bit hash. */
static guint memo_slot(guint64 h)
{
	return (guint)((h * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - MEMO_BITS));
}

/* What preparing the claims of an estimation remembers: the stances of
 * its (speaker, subject) pairs, in a table of all of them and the last
 * found in each of a few slots, and the ends of the time values last
 * seen in each of a few slots. A slot of zeros matches no claim, which
 * always has a subject, and no time value that has an end to work out. */
typedef struct prep_memo {
	GHashTable *all; /* stance_key -> stance */
	struct {
		stance_key k;
		ft_stance stance;
	} recent[MEMO_SLOTS];
	struct {
		int64_t start_us, end;
		uint8_t precision, frac_digits;
	} ends[MEMO_SLOTS];
} prep_memo;

/* ft_time_end of `t`, which reads its start, precision and digits. */
static int64_t time_end(prep_memo *memo, const ft_time *t)
{
	if (t->precision == FT_PRECISION_NONE)
		return ft_time_end(t);
	guint slot =
	    memo_slot((guint64)t->start_us ^ (guint64)t->precision << 56 ^ (guint64)t->frac_digits << 48);
	if (memo->ends[slot].start_us != t->start_us || memo->ends[slot].precision != t->precision ||
	    memo->ends[slot].frac_digits != t->frac_digits) {
		memo->ends[slot].start_us = t->start_us;
		memo->ends[slot].precision = t->precision;
		memo->ends[slot].frac_digits = t->frac_digits;
		memo->ends[slot].end = ft_time_end(t);
	}
	return memo->ends[slot].end;
}

/* The stance of a claim's source to its subject, worked out once per
 * (speaker, subject) pair of the estimation: the candidates of a group
 * share a few pairs, and each costs walks up two actor chains. */
static ft_stance stance_of(prep_memo *memo, const ft_source *source, const ft_actor *subject)
{
	stance_key k = {ft__source_speaker(source), subject};
	guint slot = memo_slot((guint64)(uintptr_t)k.speaker ^ (guint64)(uintptr_t)k.subject * 31u);
	if (stance_equal(&memo->recent[slot].k, &k))
		return memo->recent[slot].stance;
	gpointer found;
	ft_stance st;
	if (g_hash_table_lookup_extended(memo->all, &k, NULL, &found)) {
		st = (ft_stance)GPOINTER_TO_INT(found);
	} else {
		st = stance_between(k.speaker, k.subject);
		stance_key *kept = g_new(stance_key, 1);
		*kept = k;
		g_hash_table_insert(memo->all, kept, GINT_TO_POINTER((int)st));
	}
	memo->recent[slot].k = k;
	memo->recent[slot].stance = st;
	return st;
}

/* Section 5: the claim's bounds and central figure. */
static void claim_figure(const ft__est *e, ft_quantity q, ft__cand *cd)
{
	cd->qualifier = (uint8_t)q.qualifier;
	cd->low = 0;
	cd->high = UINT64_MAX;
	cd->has_central = 0;
	cd->central = 0;
	cd->has_low = cd->has_high = 0;
	switch ((ft_qualifier)q.qualifier) {
	case FT_QUALIFIER_EXACT:
		cd->low = cd->high = cd->central = q.value;
		cd->has_central = cd->has_low = cd->has_high = 1;
		break;
	case FT_QUALIFIER_APPROX: {
		uint64_t d = (uint64_t)floor((double)q.value * e->o.approx_tolerance + 0.5);
		cd->low = d < q.value ? q.value - d : 0;
		cd->high = q.value + d;
		cd->central = q.value;
		cd->has_central = cd->has_low = cd->has_high = 1;
		break;
	}
	case FT_QUALIFIER_AT_LEAST:
		cd->low = q.value;
		cd->has_low = 1;
		break;
	case FT_QUALIFIER_AT_MOST:
		cd->high = q.value;
		cd->has_high = 1;
		break;
	case FT_QUALIFIER_RANGE:
		cd->low = q.low;
		cd->high = q.high;
		cd->has_low = cd->has_high = 1;
		if (q.has_value) {
			cd->has_central = 1;
			cd->central = q.value;
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
		say(why, "stale: observed until %s, more than %d days before T", when, e->o.staleness_days);
		return FT_STATUS_STALE;
	}
	return -1;
}

/* Section 3: does `a` win over `b` for their voice? An observation over
 * a projection, then the latest observed. */
int ft__wins_over(const ft__cand *a, const ft__cand *b)
{
	if (a->projection != b->projection)
		return b->projection;
	if (a->obs_start != b->obs_start)
		return a->obs_start > b->obs_start;
	if (a->obs_end != b->obs_end)
		return a->obs_end > b->obs_end;
	if (a->reported_start != b->reported_start)
		return a->reported_start > b->reported_start;
	return a->pos > b->pos;
}

/* Below this many keys an insertion sort beats the passes of a radix
 * sort, whose histograms cost the same however few keys there are. */
#define RADIX_MIN 48

/*
 * Sorts `keys` by their high 32 bits, keys of equal high halves kept in
 * the order given: a least significant digit radix sort, a byte a pass,
 * that skips the bytes every key shares (positions under 2^24 take three
 * passes at most). The keys sorted here are a position and an index, and
 * qsort's merge sort with a comparison called through a pointer cost ten
 * times as much: a quarter of the instructions of ft_estimate_groups went
 * to it at 10^5 claims.
 */
void ft__sort_by_high(guint64 *keys, size_t n)
{
	if (n < RADIX_MIN) {
		for (size_t i = 1; i < n; i++) {
			guint64 k = keys[i];
			size_t j = i;
			for (; j > 0 && keys[j - 1] >> 32 > k >> 32; j--)
				keys[j] = keys[j - 1];
			keys[j] = k;
		}
		return;
	}
	/* The four bytes' counts in one pass; a byte every key shares then
	 * costs nothing. */
	size_t count[4][256];
	memset(count, 0, sizeof count);
	for (size_t i = 0; i < n; i++) {
		guint32 high = (guint32)(keys[i] >> 32);
		count[0][high & 0xff]++;
		count[1][(high >> 8) & 0xff]++;
		count[2][(high >> 16) & 0xff]++;
		count[3][high >> 24]++;
	}
	guint64 *tmp = g_new(guint64, n), *from = keys, *to = tmp;
	for (unsigned b = 0; b < 4; b++) {
		unsigned shift = 32 + 8 * b;
		if (count[b][(from[0] >> shift) & 0xff] == n)
			continue; /* every key has this byte */
		size_t at = 0;
		for (unsigned d = 0; d < 256; d++) {
			size_t c = count[b][d];
			count[b][d] = at;
			at += c;
		}
		for (size_t i = 0; i < n; i++)
			to[count[b][(from[i] >> shift) & 0xff]++] = from[i];
		guint64 *t = from;
		from = to;
		to = t;
	}
	if (from != keys)
		memcpy(keys, from, n * sizeof *keys);
	g_free(tmp);
}

static int status_at_k(const ft__est *e, const ft__cand *cd);

/* What a candidate is whatever the date T (see cand). */
static void prepare_claim(const ft__est *e, prep_memo *memo, ft__cand *cd)
{
	const ft_claim *c = cd->claim;
	ft_interval observed = ft_claim_observed(c);
	cd->obs_start = ft_time_start(&observed.from);
	cd->obs_end = time_end(memo, &observed.to);
	ft_time reported = ft_claim_reported(c);
	cd->reported_start = ft_time_start(&reported);
	cd->reported_end = time_end(memo, &reported);
	/* Few claims are retracted: the others hold no such part. */
	cd->retracted_end = INT64_MAX;
	if (ft__claim_has(c, FT__CP_RETRACTED)) {
		ft_time retracted = ft__claim_retracted(c);
		if (ft_time_is_set(&retracted))
			cd->retracted_end = ft_time_end(&retracted);
	}
	cd->superseded_end = INT64_MAX;
	for (uint32_t link = ft__claim_superseded_first(e->ds, c); link;) {
		const ft_claim *s = ft__claim_superseded_next(e->ds, &link);
		ft_time s_reported = ft_claim_reported(s);
		if (ft_time_end(&s_reported) < cd->superseded_end)
			cd->superseded_end = ft_time_end(&s_reported);
	}
	ft_claim_kind kind = ft_claim_kind_of(c);
	cd->projection = kind == FT_CLAIM_PROJECTION;
	cd->denial = kind == FT_CLAIM_DENIAL;
	const ft_source *source = ft_claim_source(c);
	ft_reliability rel = effective_reliability(source);
	int credibility = ft_claim_credibility(c);
	cd->voice = ft_source_root(source);
	cd->stance = (uint8_t)stance_of(memo, source, ft_claim_subject(c));
	cd->credible = rel != FT_RELIABILITY_E && credibility != 5;
	cd->base_weight = ft_reliability_weight(rel) * ft_credibility_weight(credibility);
	claim_figure(e, ft_claim_quantity(c), cd);
	cd->known_status = status_at_k(e, cd);
}

/* Rules 1 to 5 of section 2 at the K set, from what prepare_claim found:
 * the same as known_status, without walking the supersession list. */
static int status_at_k(const ft__est *e, const ft__cand *cd)
{
	if (cd->reported_end > e->k_end)
		return FT_STATUS_NOT_YET_REPORTED;
	/* INT64_MAX marks "none": no time value ends there. */
	if (cd->retracted_end < INT64_MAX && cd->retracted_end <= e->k_end)
		return FT_STATUS_RETRACTED;
	if (cd->superseded_end < INT64_MAX && cd->superseded_end <= e->k_end)
		return FT_STATUS_SUPERSEDED;
	if (cd->denial)
		return FT_STATUS_DENIAL;
	if (cd->projection && !e->o.include_projections)
		return FT_STATUS_PROJECTION;
	return -1;
}

void ft__est_set_known(ft__est *e, const ft_time *known_on)
{
	e->o.known_on = *known_on;
	e->k_end = ft_time_is_set(known_on) ? ft_time_end(known_on) : INT64_MAX;
	for (guint i = 0; e->cands && i < e->cands->len; i++) {
		ft__cand *cd = &g_array_index(e->cands, ft__cand, i);
		cd->known_status = status_at_k(e, cd);
	}
}

/*
 * The candidates of section 2, in dataset order, prepared, into e->cands,
 * and their nodes' keys into e->keys. Candidates are held in one array,
 * which does not move once collected: one allocation instead of one per
 * candidate, and a sort that reads the positions in place.
 */
static int compare_group_first(gconstpointer a, gconstpointer b)
{
	const ft__group *x = *(const ft__group *const *)a, *y = *(const ft__group *const *)b;
	return (x->claims[0] > y->claims[0]) - (x->claims[0] < y->claims[0]);
}

/*
 * The regions at or under e->region, into `out`, when there are at most
 * `budget` of them; returns 0 (and leaves `out` in any state) when there
 * are more. A walk with a budget: the cost is the smaller of the subtree
 * and the subject's groups.
 */
static int regions_under(const ft__est *e, guint budget, GPtrArray *out)
{
	g_ptr_array_set_size(out, 0);
	g_ptr_array_add(out, (gpointer)(uintptr_t)e->region);
	for (guint i = 0; i < out->len; i++) {
		const GPtrArray *children = ft__region_children(g_ptr_array_index(out, i));
		if (children && out->len + children->len > budget)
			return 0;
		for (guint c = 0; children && c < children->len; c++)
			g_ptr_array_add(out, g_ptr_array_index(children, c));
	}
	return 1;
}

/* A group looked up by its region costs some four times a group tested
 * for lying under the estimate's region (295 instructions to 66). */
#define LOOKUP_COST 4

/*
 * The groups of actor `a` whose region counts for the estimate, into
 * `out` in the order the subject's groups were made. A subject with claims
 * in many regions has its groups looked up region by region under the
 * estimate's region, when that subtree is the cheaper to walk, by a
 * quarter of the subject's groups.
 */
static void groups_in_range(const ft__est *e, const ft_actor *a, const char *measure, GPtrArray *regions,
                            GPtrArray *out)
{
	g_ptr_array_set_size(out, 0);
	const GPtrArray *groups = ft__dataset_groups(e->ds, a, measure);
	if (!groups)
		return;
	if (e->o.no_rollup || regions_under(e, groups->len / LOOKUP_COST, regions)) {
		guint n = e->o.no_rollup ? 1 : regions->len;
		for (guint i = 0; i < n; i++) {
			const ft_region *r = e->o.no_rollup ? e->region : g_ptr_array_index(regions, i);
			const ft__group *grp = ft__dataset_group(e->ds, a, measure, r);
			if (grp && grp->n)
				g_ptr_array_add(out, (gpointer)(uintptr_t)grp);
		}
		g_ptr_array_sort(out, compare_group_first);
		return;
	}
	for (guint g = 0; g < groups->len; g++) {
		const ft__group *grp = g_ptr_array_index(groups, g);
		if (grp->n && ft_region_is_within(grp->region, e->region))
			g_ptr_array_add(out, (gpointer)(uintptr_t)grp);
	}
}

/* How many candidates ahead a claim is asked of the memory: preparing a
 * candidate takes some hundreds of instructions, and a miss as long. */
#define PREFETCH_AHEAD 4

/*
 * The candidates of section 2, in dataset order, prepared, into e->cands,
 * and their nodes' keys into e->keys. Candidates are held in one array,
 * which does not move once collected: one allocation instead of one per
 * candidate, and a sort that reads the positions in place.
 */
void ft__collect_candidates(ft__est *e, const char *measure)
{
	e->keys = g_array_new(FALSE, FALSE, sizeof(ft__node_key));
	GPtrArray *stack = g_ptr_array_new();
	GPtrArray *regions = g_ptr_array_new();
	GPtrArray *in_range = g_ptr_array_new();
	/* The groups first; then their claims put in dataset order as 8-byte
	 * keys, and the candidates made in one array of the right size (grown
	 * claim by claim and then sorted, a large roll-up's array of whole
	 * structs was copied and moved many times over). */
	GPtrArray *found = g_ptr_array_new();
	size_t total = 0;
	g_ptr_array_add(stack, (gpointer)(uintptr_t)e->actor);
	while (stack->len) {
		const ft_actor *a = g_ptr_array_steal_index_fast(stack, stack->len - 1);
		groups_in_range(e, a, measure, regions, in_range);
		for (guint g = 0; g < in_range->len; g++) {
			const ft__group *grp = g_ptr_array_index(in_range, g);
			ft__node_key k = {a, grp->region};
			g_array_append_val(e->keys, k);
			g_ptr_array_add(found, (gpointer)(uintptr_t)grp);
			total += grp->n;
		}
		const GPtrArray *children = !e->o.no_rollup ? ft__actor_children(a) : NULL;
		for (guint i = 0; children && i < children->len; i++)
			g_ptr_array_add(stack, g_ptr_array_index(children, i));
	}
	guint64 *order = g_new(guint64, total ? total : 1);
	size_t next = 0;
	for (guint key = 0; key < found->len; key++) {
		const ft__group *grp = g_ptr_array_index(found, key);
		for (uint32_t i = 0; i < grp->n; i++)
			order[next++] = (guint64)grp->claims[i] << 32 | key;
	}
	g_ptr_array_free(found, TRUE);
	g_ptr_array_free(in_range, TRUE);
	g_ptr_array_free(regions, TRUE);
	g_ptr_array_free(stack, TRUE);
	/* A candidate's place while they are put in dataset order: its
	 * position in the high 32 bits, its node's key in the low ones, so
	 * that sorting moves 8 bytes a candidate rather than the whole
	 * struct. */
	ft__sort_by_high(order, total);
	/* The claims are found first, in a loop short enough that the
	 * processor has many of their addresses in flight at once; then each
	 * candidate is set whole and prepared, the claim PREFETCH_AHEAD
	 * candidates on asked of the memory meanwhile. A tree's claims lie
	 * scattered over the dataset: at 10^6 claims, reaching them was a
	 * quarter of the time of ft_estimate_groups. (An array cleared first
	 * was written twice, and a large tree's does not stay in the cache
	 * between the two.) */
	const ft_claim **claims = g_new(const ft_claim *, total ? total : 1);
	for (size_t i = 0; i < total; i++)
		claims[i] = ft_dataset_claim_at(e->ds, (size_t)(order[i] >> 32));
	e->cands = g_array_sized_new(FALSE, FALSE, sizeof(ft__cand), (guint)total);
	g_array_set_size(e->cands, (guint)total);
	prep_memo *memo = g_new0(prep_memo, 1);
	memo->all = g_hash_table_new_full(stance_hash, stance_equal, g_free, NULL);
	for (size_t i = 0; i < total; i++) {
		if (i + PREFETCH_AHEAD < total)
			__builtin_prefetch(claims[i + PREFETCH_AHEAD]);
		ft__cand *cd = &g_array_index(e->cands, ft__cand, i);
		*cd = (ft__cand){.claim = claims[i],
		                 .key = (guint)(order[i] & 0xffffffffu),
		                 .pos = (size_t)(order[i] >> 32)};
		prepare_claim(e, memo, cd);
	}
	g_free(claims);
	g_free(order);
	g_hash_table_destroy(memo->all);
	g_free(memo);
}

/* The decays of the date T by the end of an observed span, as a timeline's
 * sweep keeps them (estimate/sweep.c): claims observed on one day share
 * one pow(), a seventh of the instructions of placing a claim. A slot
 * holds the decay of its end at its T. */
#define DECAY_BITS 8

struct ft__decay_memo {
	int64_t obs_end, t_start;
	double factor;
	int set;
};

/* A candidate's weight at T: its base weight times ft__decay_at, the
 * decay found once per end and date T. */
static double weight_at(ft__est *e, const ft__cand *cd)
{
	if (!e->decay)
		e->decay = g_new0(struct ft__decay_memo, 1u << DECAY_BITS);
	guint h = (guint)(((guint64)cd->obs_end * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - DECAY_BITS));
	struct ft__decay_memo *d = &e->decay[h];
	if (!d->set || d->obs_end != cd->obs_end || d->t_start != e->t_start) {
		d->set = 1;
		d->obs_end = cd->obs_end;
		d->t_start = e->t_start;
		d->factor = ft__decay_at(e, cd->obs_end);
	}
	return cd->base_weight * d->factor;
}

/* A prepared candidate at the date T: its weight, and its status when a
 * rule of section 2 drops it; else it runs for its voice. */
void ft__place_claim(ft__est *e, ft__cand *cd)
{
	ft_contribution *out = cd->out;
	ft__cand_contribution(cd, out);
	out->weight = weight_at(e, cd);
	cd->current = 0;
	int status = cd->known_status >= 0 ? cd->known_status : time_status(e, cd, NULL);
	if (status < 0) {
		ft__ptrs_add(e, &cd->node->running, cd);
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

/* Section 3: one claim per voice at each node. A node has few voices:
 * up to VOICES_SCANNED candidates, each one's voice's winner so far is
 * found by a scan; more are put in order of their voices (a radix sort
 * of 8-byte keys), where a GHashTable made for the node cost a seventh of
 * ft_estimate_groups at 10^6 claims. */
#define VOICES_SCANNED 16

/* The outcome for each candidate running at `n`, in the order they run,
 * given the index (in that order) of each one's voice's winner. */
static void count_winners(ft__est *e, ft__node *n, ft__cand **cands, guint len, const guint *winner)
{
	for (guint i = 0; i < len; i++) {
		ft__cand *cd = cands[i];
		const ft__cand *win = cands[winner[i]];
		if (win == cd) {
			cd->out->status = FT_STATUS_COUNTED;
			ft__ptrs_add(e, &n->counted, cd);
			continue;
		}
		cd->out->status = FT_STATUS_SAME_VOICE;
		if (e->counted_only)
			continue;
		ft__explain_same_voice(e, cd, win);
	}
}

void ft__choose_voices(ft__est *e, ft__node *n)
{
	guint len = n->running.len;
	ft__cand **cands = (ft__cand **)n->running.pdata;
	guint small_winner[VOICES_SCANNED];
	guint *winner = len > VOICES_SCANNED ? g_new(guint, len) : small_winner;
	if (len > VOICES_SCANNED) {
		/* Voice by voice, each voice's candidates in the order they run
		 * (the sort keeps it): the winner is the one that wins over each
		 * that ran before it, as a scan in that order finds it. */
		guint64 *keys = g_new(guint64, len);
		for (guint i = 0; i < len; i++)
			keys[i] = (guint64)cands[i]->out->voice->e.pos << 32 | i;
		ft__sort_by_high(keys, len);
		for (guint a = 0; a < len;) {
			guint w = (guint)(keys[a] & 0xffffffffu), b = a + 1;
			for (; b < len && keys[b] >> 32 == keys[a] >> 32; b++) {
				guint i = (guint)(keys[b] & 0xffffffffu);
				if (ft__wins_over(cands[i], cands[w]))
					w = i;
			}
			for (; a < b; a++)
				winner[keys[a] & 0xffffffffu] = w;
		}
		g_free(keys);
	} else {
		/* The winner of each voice, in the order its candidates run. */
		guint small[VOICES_SCANNED];
		size_t n_small = 0;
		for (guint i = 0; i < len; i++) {
			ft__cand *cd = cands[i];
			size_t k = 0;
			while (k < n_small && cands[small[k]]->out->voice != cd->out->voice)
				k++;
			if (k == n_small)
				small[n_small++] = i;
			else if (ft__wins_over(cd, cands[small[k]]))
				small[k] = i;
		}
		for (guint i = 0; i < len; i++) {
			size_t k = 0;
			while (cands[small[k]]->out->voice != cands[i]->out->voice)
				k++;
			winner[i] = small[k];
		}
	}
	count_winners(e, n, cands, len, winner);
	if (winner != small_winner)
		g_free(winner);
}
