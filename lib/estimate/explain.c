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
	ft_contribution *c = cd->out;
	const ft__node *n = cd->node;
	char hedge[96], lo[32], hi[32], heaviest[32];
	ft_quantity q = ft_claim_quantity(c->claim);
	ft_quantity_format(&q, hedge, sizeof hedge);
	GString *why = g_string_new(hedge);
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
	if (n->key.actor != e->actor || n->key.region != e->region)
		g_string_append_printf(why, "; counted at %s in %s", ft_actor_id(n->key.actor),
		                       ft_region_id(n->key.region));
	c->rule = ft__keep(e, why);
}

/* The rule of a claim its own voice outvoted: the claim that won. */
void ft__explain_same_voice(ft__est *e, ft__cand *cd, const ft__cand *win)
{
	GString *why = g_string_new(NULL);
	g_string_printf(why, "outvoted by %s, a later claim of the same voice (%s)",
	                ft_claim_id(win->out->claim), ft_source_id(cd->out->voice));
	cd->out->rule = ft__keep(e, why);
}
