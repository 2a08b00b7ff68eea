/*
 * Explanations: the rule text of each contribution, in words a person can
 * redo the figure by. Counted claims say how their figure entered (a vote,
 * a bound, a range) and where a roll-up counted them; a claim outvoted by
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

/* The rule of a counted claim: how its figure entered. */
void ft__explain_counted(ft__est *e, ft__cand *cd)
{
	ft_contribution *c = cd->out;
	char a[32], b[32], x[32];
	GString *why = g_string_new(NULL);
	ft_quantity q = ft_claim_quantity(c->claim);
	thousands(a, sizeof a, c->low);
	thousands(b, sizeof b, c->high);
	switch ((ft_qualifier)q.qualifier) {
	case FT_QUALIFIER_EXACT:
		thousands(x, sizeof x, c->central);
		g_string_printf(why, "votes %s (exact)", x);
		break;
	case FT_QUALIFIER_APPROX:
		thousands(x, sizeof x, c->central);
		g_string_printf(why, "votes %s; about: %s-%s", x, a, b);
		break;
	case FT_QUALIFIER_AT_LEAST:
		g_string_printf(why, "lower bound %s (at least): a constraint, not a vote", a);
		break;
	case FT_QUALIFIER_AT_MOST:
		g_string_printf(why, "upper bound %s (at most): a constraint, not a vote", b);
		break;
	default:
		if (c->has_central) {
			thousands(x, sizeof x, c->central);
			g_string_printf(why, "votes %s; range %s-%s", x, a, b);
		} else {
			g_string_printf(why, "range %s-%s: bounds, no vote", a, b);
		}
	}
	if (!c->credible)
		g_string_append(why, "; not credible: sets no bound");
	if (cd->node->key.actor != e->actor || cd->node->key.region != e->region)
		g_string_append_printf(why, "; counted at %s in %s", ft_actor_id(cd->node->key.actor),
		                       ft_region_id(cd->node->key.region));
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
