/*
 * Explanations: the rule text of each contribution, in words a person can
 * redo the figure by. Counted claims say how their figure entered (their
 * entries in the walk of "Best", their weight, whether they are current
 * and what they set of the range) and where a roll-up counted them; a claim outvoted by
 * its own voice names the claim that won. The reasons a claim drops out
 * before the voices are chosen (not yet reported, superseded, stale ...)
 * are worded beside the status rules that decide them, so that a reason
 * cannot drift from its test. The texts live in the estimate's string
 * chunk, released with it; a timeline's points borrow theirs from the
 * timeline's store (estimate/sweep.c), where a claim's rule that reads as
 * at the point before is the same line.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

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

/* Appends the pieces of `parts` (NULL-terminated) to `out`: the words of
 * a rule's pieces are put together without printf, which a timeline of
 * thousands of claims a point felt. */
static void append_all(GString *out, const char *const *parts)
{
	for (; *parts; parts++)
		g_string_append(out, *parts);
}

/* The claim's hedge in the words of the rules (docs/estimation.md section
 * 5): "about 94,000", "at least 92,000", "at most 175,000", "169,000-190,000". */
static void hedge_text(GString *out, ft_quantity q)
{
	char v[32], l[32], h[32];
	thousands(v, sizeof v, q.value);
	switch ((ft_qualifier)q.qualifier) {
	case FT_QUALIFIER_APPROX: append_all(out, (const char *const[]){"about ", v, NULL}); break;
	case FT_QUALIFIER_AT_LEAST: append_all(out, (const char *const[]){"at least ", v, NULL}); break;
	case FT_QUALIFIER_AT_MOST: append_all(out, (const char *const[]){"at most ", v, NULL}); break;
	case FT_QUALIFIER_RANGE:
		thousands(l, sizeof l, q.low);
		thousands(h, sizeof h, q.high);
		append_all(out, (const char *const[]){l, "-", h, NULL});
		if (q.has_value)
			append_all(out, (const char *const[]){" (about ", v, ")", NULL});
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
	/* The bounds do not depend on the date: the prepared ones. */
	char a[32], b[32];
	thousands(a, sizeof a, cd->low);
	thousands(b, sizeof b, cd->high);
	if (cd->has_low && cd->has_high)
		append_all(why, (const char *const[]){"sets ", cd->low == cd->high ? a : "", NULL});
	if (cd->has_low && cd->has_high && cd->low != cd->high)
		append_all(why, (const char *const[]){a, "-", b, NULL});
	else if (cd->has_low && !cd->has_high)
		append_all(why, (const char *const[]){"sets a low of ", a, NULL});
	else if (!cd->has_low && cd->has_high)
		append_all(why, (const char *const[]){"sets a high of ", b, NULL});
}

/*
 * A weight as "%.3f" writes it, without printf where the digits are
 * certain: a timeline writes one per counted claim and point. The
 * thousandths m are found with fma, whose one rounding keeps the sign of
 * w x 1000 - m exact; when w lies exactly halfway between two thousandths
 * (or is out of the plain range), printf itself decides.
 */
static size_t format_weight(char buf[32], double w)
{
	if (!signbit(w) && w < 1e9) {
		double m = floor(w * 1000.0);
		while (m > 0 && fma(w, 1000.0, -m) < 0)
			m -= 1;
		while (fma(w, 1000.0, -(m + 1)) >= 0)
			m += 1;
		double half = fma(w, 2000.0, -(2 * m + 1));
		if (half != 0) {
			uint64_t k = (uint64_t)m + (half > 0);
			char digits[24];
			size_t n = 0;
			for (uint64_t v = k / 1000; n == 0 || v; v /= 10)
				digits[n++] = (char)('0' + v % 10);
			size_t at = 0;
			while (n)
				buf[at++] = digits[--n];
			unsigned frac = (unsigned)(k % 1000);
			buf[at++] = '.';
			buf[at++] = (char)('0' + frac / 100);
			buf[at++] = (char)('0' + frac / 10 % 10);
			buf[at++] = (char)('0' + frac % 10);
			buf[at] = '\0';
			return at;
		}
	}
	return (size_t)g_snprintf(buf, 32, "%.3f", w);
}

/* The pieces of the rule of `cd` in an estimate of `actor` in `region`:
 * where it counted is said when that is another node. */
static void parts_for(const ft__est *e, const ft__cand *cd, const ft_actor *actor, const ft_region *region,
                      GStringChunk *chunk, ft__rule_parts *out)
{
	const ft__node_key *k = &g_array_index(e->keys, ft__node_key, cd->key);
	char lo[32], hi[32];
	out->memo_rule = NULL;
	out->memo_flags = 0;
	GString *s = g_string_new(NULL);
	hedge_text(s, ft_claim_quantity(cd->claim));
	out->hedge = g_string_chunk_insert_len(chunk, s->str, (gssize)s->len);
	out->hedge_len = s->len;
	g_string_truncate(s, 0);
	if (e->o.method == FT_METHOD_LATEST) {
		g_string_append(s, ": weight ");
	} else {
		entry_text(lo, sizeof lo, cd->has_low, cd->low, "open below");
		entry_text(hi, sizeof hi, cd->has_high, cd->high, "open above");
		append_all(s, (const char *const[]){": entries ", lo, ", ", hi, ", weight ", NULL});
	}
	out->entries = g_string_chunk_insert_len(chunk, s->str, (gssize)s->len);
	out->entries_len = s->len;
	g_string_truncate(s, 0);
	sets_text(s, cd);
	out->sets = g_string_chunk_insert_len(chunk, s->str, (gssize)s->len);
	out->sets_len = s->len;
	g_string_truncate(s, 0);
	if (k->actor != actor || k->region != region)
		append_all(s, (const char *const[]){"; counted at ", ft_actor_id(k->actor), " in ",
		                                    ft_region_id(k->region), NULL});
	out->where = g_string_chunk_insert_len(chunk, s->str, (gssize)s->len);
	out->where_len = s->len;
	g_string_free(s, TRUE);
}

void ft__explain_parts(const ft__est *e, const ft__cand *cd, GStringChunk *chunk, ft__rule_parts *out)
{
	parts_for(e, cd, e->actor, e->region, chunk, out);
}

/* What a counted claim's rule says that its pieces do not: whether it is
 * in its node's credible set, current, at a node with no credible claim,
 * its weight and its node's heaviest as written (the heaviest only where
 * the line names it, else ""). */
typedef struct wording {
	int in_set, current, not_credible;
	char weight[32], heaviest[32];
	size_t weight_len, heaviest_len;
} wording;

static void wording_of(const ft__est *e, const ft__cand *cd, wording *w)
{
	const ft__node *n = cd->node;
	w->in_set = cd->out->credible || n->own.not_credible;
	w->current = cd->current;
	w->not_credible = n->own.not_credible;
	w->weight_len = w->heaviest_len = 0;
	w->weight[0] = w->heaviest[0] = '\0';
	if (!w->in_set)
		return;
	w->weight_len = format_weight(w->weight, cd->out->weight);
	if (e->o.method != FT_METHOD_LATEST && !cd->current)
		w->heaviest_len = format_weight(w->heaviest, n->max_weight);
}

/*
 * The rule of a counted claim, in one line (docs/estimation.md section 8):
 * its hedge, its entries and weight, and whether it is current and what
 * it sets, or why it sets nothing; from the pieces that do not depend on
 * the date (ft__explain_parts) and this evaluation's wording.
 */
static const char *compose(const ft__est *e, const ft__rule_parts *p, const wording *w, GStringChunk *text,
                           ft__store *store)
{
	/* The pieces of the line with their lengths: a timeline words
	 * thousands of lines a point, and measuring them again shows. */
	struct {
		const char *s;
		size_t len;
	} piece[10];
	size_t n_pieces = 0;
#define PIECE(str, l)                                                                                        \
	do {                                                                                                 \
		piece[n_pieces].s = (str);                                                                   \
		piece[n_pieces++].len = (l);                                                                 \
	} while (0)
#define LITERAL(str) PIECE(str, sizeof(str) - 1)
	PIECE(p->hedge, p->hedge_len);
	if (!w->in_set) {
		LITERAL(": not credible (its source is graded E or it is graded 5), left out while credible "
		        "claims count");
	} else {
		PIECE(p->entries, p->entries_len);
		PIECE(w->weight, w->weight_len);
		LITERAL("; ");
		if (e->o.method == FT_METHOD_LATEST && w->current) {
			LITERAL("the latest of the credible claims: gives best and ");
			PIECE(p->sets, p->sets_len);
		} else if (e->o.method == FT_METHOD_LATEST) {
			LITERAL("not the latest: method latest leaves it out");
		} else if (w->current) {
			LITERAL("current: ");
			PIECE(p->sets, p->sets_len);
		} else {
			LITERAL("under half the heaviest (");
			PIECE(w->heaviest, w->heaviest_len);
			LITERAL("): sets no range");
		}
	}
	if (w->not_credible)
		LITERAL("; no credible claim here: the figure is not credible");
	PIECE(p->where, p->where_len);
#undef LITERAL
#undef PIECE
	if (store) {
		/* Put together in its place in the store. */
		size_t total = 0;
		for (size_t i = 0; i < n_pieces; i++)
			total += piece[i].len;
		char *line = ft__store_room(store, total + 1), *at = line;
		for (size_t i = 0; i < n_pieces; i++) {
			memcpy(at, piece[i].s, piece[i].len);
			at += piece[i].len;
		}
		*at = '\0';
		return line;
	}
	/* Put together where it fits, else in a string of its own. */
	char buf[512];
	GString *why = NULL;
	size_t len = 0;
	for (size_t i = 0; i < n_pieces; i++) {
		if (!why && len + piece[i].len >= sizeof buf) {
			why = g_string_new_len(buf, (gssize)len);
		}
		if (why) {
			g_string_append_len(why, piece[i].s, (gssize)piece[i].len);
		} else {
			memcpy(buf + len, piece[i].s, piece[i].len);
			len += piece[i].len;
		}
	}
	if (!why)
		return g_string_chunk_insert_len(text, buf, (gssize)len);
	const char *kept = g_string_chunk_insert_len(text, why->str, (gssize)why->len);
	g_string_free(why, TRUE);
	return kept;
}

/*
 * With a timeline's store (e->rule_texts), a claim worded as it was
 * worded last is given the same line: one point's weight often reads as
 * the point before's to the thousandth (a third of the lines of the bench's
 * year-long timeline), and the line depends on nothing else that changes.
 * The memo holds the words of the last line; a weight or heaviest too
 * long for it (written by printf, never a weight in [0, 1e9)) is not kept.
 */
void ft__explain_counted_from(ft__est *e, ft__cand *cd, ft__rule_parts *p)
{
	wording w;
	wording_of(e, cd, &w);
	if (!e->rule_texts) {
		cd->out->rule = compose(e, p, &w, e->text, NULL);
		return;
	}
	unsigned flags =
	    1u | (unsigned)w.in_set << 1 | (unsigned)w.current << 2 | (unsigned)w.not_credible << 3;
	if (p->memo_flags == flags && strcmp(p->memo_weight, w.weight) == 0 &&
	    strcmp(p->memo_heaviest, w.heaviest) == 0) {
		cd->out->rule = p->memo_rule;
		return;
	}
	cd->out->rule = compose(e, p, &w, NULL, e->rule_texts);
	if (w.weight_len < sizeof p->memo_weight && w.heaviest_len < sizeof p->memo_heaviest) {
		p->memo_rule = cd->out->rule;
		p->memo_flags = flags;
		memcpy(p->memo_weight, w.weight, w.weight_len + 1);
		memcpy(p->memo_heaviest, w.heaviest, w.heaviest_len + 1);
	} else {
		p->memo_flags = 0;
	}
}

const char *ft__counted_rule(const ft__est *e, const ft__cand *cd, const ft_actor *actor,
                             const ft_region *region, GStringChunk *text)
{
	GStringChunk *chunk = g_string_chunk_new(256);
	ft__rule_parts p;
	parts_for(e, cd, actor, region, chunk, &p);
	wording w;
	wording_of(e, cd, &w);
	const char *rule = compose(e, &p, &w, text, NULL);
	g_string_chunk_free(chunk);
	return rule;
}

void ft__explain_counted(ft__est *e, ft__cand *cd)
{
	GStringChunk *chunk = g_string_chunk_new(256);
	ft__rule_parts p;
	ft__explain_parts(e, cd, chunk, &p);
	ft__explain_counted_from(e, cd, &p);
	g_string_chunk_free(chunk);
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
