/*
 * An estimate's figure in words, with the hedges and flags it carries
 * (docs/estimation.md section 6): "94,000 (range 84,600-103,400)",
 * "92,000 or more", "up to 13,000", "40,000 (range 35,000-48,000+), open
 * above", "43,000 (range 36,000-44,000), NOT CREDIBLE". An estimate that
 * rests on one claim says it as the source did ("about 94,000
 * (84,600-103,400)"), so that the tolerance of "about" is not read as
 * sources that disagree. Every text renderer, and the examples, use it.
 */
#include <string.h>

#include "report/report-private.h"

typedef struct figure {
	uint64_t best, low, high;
	int open_below, open_above, not_credible;
} figure;

static void figure_text(GString *out, const figure *f)
{
	char b[32], l[32], h[32];
	ft__report_count(b, sizeof b, f->best);
	ft__report_count(l, sizeof l, f->low);
	ft__report_count(h, sizeof h, f->high);
	int point = f->low == f->best && f->high == f->best;
	if (f->open_above && !f->open_below && point) {
		g_string_append_printf(out, "%s or more", b);
	} else if (f->open_below && !f->open_above && f->high == f->best) {
		g_string_append_printf(out, "up to %s", b);
	} else {
		g_string_append_printf(out, "%s (range ", b);
		if (f->open_below)
			g_string_append_printf(out, "up to %s", h);
		else
			g_string_append_printf(out, "%s-%s", l, h);
		g_string_append_printf(out, "%s)", f->open_above ? "+" : "");
		if (f->open_below)
			g_string_append(out, ", open below");
		if (f->open_above)
			g_string_append(out, ", open above");
	}
	if (f->not_credible)
		g_string_append(out, ", NOT CREDIBLE");
}

static size_t deliver(GString *out, char *buf, size_t size)
{
	size_t n = out->len;
	if (buf && size) {
		size_t k = n < size - 1 ? n : size - 1;
		memcpy(buf, out->str, k);
		buf[k] = '\0';
	}
	g_string_free(out, TRUE);
	return n;
}

/* The one counted claim of an estimate that rests on one, else NULL. */
static const ft_contribution *single_claim(const ft_estimate *est)
{
	if (est->claims != 1)
		return NULL;
	const ft_contribution *found = NULL;
	for (size_t i = 0; i < ft_estimate_contribution_count(est); i++) {
		const ft_contribution *c = ft_estimate_contribution_at(est, i);
		if (c->status == FT_STATUS_COUNTED)
			found = c;
	}
	return found;
}

size_t ft_estimate_format(const ft_estimate *est, char *buf, size_t size)
{
	GString *out = g_string_new(NULL);
	if (!est || !est->has_value) {
		g_string_append(out, "no estimate");
		return deliver(out, buf, size);
	}
	const ft_contribution *one = single_claim(est);
	if (one && est->best >= one->low && est->best <= one->high) {
		/* As the source said it; the figure is its own. */
		ft_quantity q = ft_claim_quantity(one->claim);
		char said[96];
		ft_quantity_format(&q, said, sizeof said);
		if (q.qualifier == FT_QUALIFIER_AT_LEAST) {
			char b[32];
			ft__report_count(b, sizeof b, q.value);
			g_string_append_printf(out, "%s or more", b);
		} else {
			g_string_append(out, said);
		}
		if (q.qualifier == FT_QUALIFIER_APPROX) {
			char l[32], h[32];
			ft__report_count(l, sizeof l, one->low);
			ft__report_count(h, sizeof h, one->high);
			g_string_append_printf(out, " (%s-%s)", l, h);
		}
		if (est->not_credible)
			g_string_append(out, ", NOT CREDIBLE");
		return deliver(out, buf, size);
	}
	figure f = {est->best, est->low, est->high, est->open_below, est->open_above, est->not_credible};
	figure_text(out, &f);
	return deliver(out, buf, size);
}

size_t ft_estimate_part_format(const ft_estimate_part *p, int own, char *buf, size_t size)
{
	GString *out = g_string_new(NULL);
	if (!p || !(own ? p->has_own : p->has_total)) {
		g_string_append(out, "none");
		return deliver(out, buf, size);
	}
	figure f = own ? (figure){p->own_best,       p->own_low,        p->own_high,
	                          p->own_open_below, p->own_open_above, p->own_not_credible}
	               : (figure){p->best, p->low, p->high, p->open_below, p->open_above, p->not_credible};
	figure_text(out, &f);
	return deliver(out, buf, size);
}

const char *ft_stance_phrase(ft_stance s)
{
	switch (s) {
	case FT_STANCE_OWN_SIDE: return "speaking of its own side";
	case FT_STANCE_ADVERSARY: return "speaking of its adversary";
	case FT_STANCE_THIRD_PARTY: return "a third party";
	default: return NULL;
	}
}
