/*
 * Explanations: the rule text of each contribution, in words a person can
 * redo the figure by. Counted claims say how their figure entered (their
 * entries in the walk of "Best", their weight, whether they are current
 * and what they set of the range) and where a roll-up counted them; a claim outvoted by
 * its own voice names the claim that won. The reasons a claim drops out
 * before the voices are chosen (not yet reported, superseded, stale ...)
 * are worded beside the status rules that decide them, so that a reason
 * cannot drift from its test. The texts live in the estimate's string
 * chunk, released with it.
 */
#include "estimate/estimate-private.h"

static void thousands(char *buf, size_t size, uint64_t v)
{
	ft_quantity q = {FT_QUALIFIER_EXACT, 1, v, 0, 0};
	ft_quantity_format(&q, buf, size);
}

const char *ft__keep(ft__est *e, GString *s)
{
	if (!s)
		return NULL;
	const char *kept = g_string_chunk_insert(e->text, s->str);
	g_string_free(s, TRUE);
	return kept;
}

/* The claim's hedge in the words of the rules (docs/estimation.md section
 * 5): "about 94,000", "at least 92,000", "at most 175,000", "169,000-190,000". */
static void hedge_text(GString *out, ft_quantity q)
{
	char v[32], l[32], h[32];
	thousands(v, sizeof v, q.value);
	switch ((ft_qualifier)q.qualifier) {
	case FT_QUALIFIER_APPROX: g_string_append_printf(out, "about %s", v); break;
	case FT_QUALIFIER_AT_LEAST: g_string_append_printf(out, "at least %s", v); break;
	case FT_QUALIFIER_AT_MOST: g_string_append_printf(out, "at most %s", v); break;
	case FT_QUALIFIER_RANGE:
		thousands(l, sizeof l, q.low);
		thousands(h, sizeof h, q.high);
		g_string_append_printf(out, "%s-%s", l, h);
		if (q.has_value)
			g_string_append_printf(out, " (about %s)", v);
		break;
	default: g_string_append(out, v); break;
	}
}

/* An entry of the walk: a figure, or an open side. */
static void entry_text(char *buf, size_t size, int has, uint64_t v, const char *open)
{
	if (has)
		thousands(buf, size, v);
	else
		g_strlcpy(buf, open, size);
}

/* What a current claim sets of the range: "108,000-132,000", "125,000", "a
 * low of 110,000", "a high of 90,000". */
static void sets_text(GString *why, const ft__cand *cd)
{
	char a[32], b[32];
	thousands(a, sizeof a, cd->out->low);
	thousands(b, sizeof b, cd->out->high);
	if (cd->has_low && cd->has_high)
		g_string_append_printf(why, "sets %s", cd->out->low == cd->out->high ? a : "");
	if (cd->has_low && cd->has_high && cd->out->low != cd->out->high)
		g_string_append_printf(why, "%s-%s", a, b);
	else if (cd->has_low && !cd->has_high)
		g_string_append_printf(why, "sets a low of %s", a);
	else if (!cd->has_low && cd->has_high)
		g_string_append_printf(why, "sets a high of %s", b);
}

/*
 * The rule of a counted claim, in one line (docs/estimation.md section 8):
 * its hedge, its entries and weight, and whether it is current and what
 * it sets, or why it sets nothing.
 */
void ft__explain_counted(ft__est *e, ft__cand *cd)
{
	cd->out->rule = ft__counted_rule(e, cd, e->actor, e->region, e->text);
}

const char *ft__counted_rule(const ft__est *e, const ft__cand *cd, const ft_actor *actor, const ft_region *region,
                             GStringChunk *text)
{
	const ft_contribution *c = cd->out;
	const ft__node *n = cd->node;
	char lo[32], hi[32], heaviest[32];
	GString *why = g_string_new(NULL);
	hedge_text(why, ft_claim_quantity(c->claim));
	int in_set = c->credible || n->own.not_credible;
	if (!in_set) {
		g_string_append(why, ": not credible (its source is graded E or it is graded 5), left out "
		                     "while credible claims count");
	} else if (e->o.method == FT_METHOD_LATEST) {
		g_string_append_printf(why, ": weight %.3f; ", c->weight);
		if (cd->current) {
			g_string_append(why, "the latest of the credible claims: gives best and ");
			sets_text(why, cd);
		} else {
			g_string_append(why, "not the latest: method latest leaves it out");
		}
	} else {
		entry_text(lo, sizeof lo, cd->has_low, c->low, "open below");
		entry_text(hi, sizeof hi, cd->has_high, c->high, "open above");
		g_string_append_printf(why, ": entries %s, %s, weight %.3f; ", lo, hi, c->weight);
		if (cd->current) {
			g_string_append(why, "current: ");
			sets_text(why, cd);
		} else {
			g_snprintf(heaviest, sizeof heaviest, "%.3f", n->max_weight);
			g_string_append_printf(why, "under half the heaviest (%s): sets no range", heaviest);
		}
	}
	if (n->own.not_credible)
		g_string_append(why, "; no credible claim here: the figure is not credible");
	if (n->key.actor != actor || n->key.region != region)
		g_string_append_printf(why, "; counted at %s in %s", ft_actor_id(n->key.actor),
		                       ft_region_id(n->key.region));
	const char *kept = g_string_chunk_insert(text, why->str);
	g_string_free(why, TRUE);
	return kept;
}

/* The rule of a claim its own voice outvoted: the claim that won, and by
 * which rule of section 3. */
void ft__explain_same_voice(ft__est *e, ft__cand *cd, const ft__cand *win)
{
	const char *why;
	if (win->projection != cd->projection)
		why = "an observation, where this is a projection";
	else if (win->obs_start != cd->obs_start)
		why = "which was observed later";
	else if (win->obs_end != cd->obs_end)
		why = "whose observation ends later";
	else if (win->reported_start != cd->reported_start)
		why = "which was reported later";
	else
		why = "which comes later in the dataset";
	GString *s = g_string_new(NULL);
	g_string_printf(s, "same voice as %s, %s", ft_claim_id(win->out->claim), why);
	cd->out->rule = ft__keep(e, s);
}
