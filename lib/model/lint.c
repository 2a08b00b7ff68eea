/*
 * Warnings: what a valid dataset says that is probably not what was meant
 * (ft_dataset_lint). A claim that supersedes a claim of another voice (a
 * source corrects itself, not others: another voice's figure is disputed,
 * not superseded), or one reported after it; a claim whose outlets name
 * its own source; a claim observed after it was reported. Each warning is
 * one record, code FT_ESUSPECT, its path the claim's place in the dataset
 * and its text the ids involved. One pass over the claims, each
 * reference looked up once.
 */
#include "model/model-private.h"

#include <stdarg.h>

/* Reports one warning about the claim at `pos`. */
static void warn(ft_error_fn fn, void *payload, uint32_t pos, const char *field, long index, const char *fmt,
                 ...) G_GNUC_PRINTF(6, 7);

static void warn(ft_error_fn fn, void *payload, uint32_t pos, const char *field, long index, const char *fmt,
                 ...)
{
	ft_error e;
	memset(&e, 0, sizeof e);
	e.code = FT_ESUSPECT;
	ft__entity_path(e.path, sizeof e.path, FT__CLAIM, pos, field, index);
	va_list ap;
	va_start(ap, fmt);
	g_vsnprintf(e.text, sizeof e.text, fmt, ap);
	va_end(ap);
	if (fn)
		fn(&e, payload);
}

int ft_dataset_lint(const ft_dataset *ds, ft_error_fn fn, void *payload)
{
	if (!ds)
		return FT_EINVAL;
	int n = 0;
	for (size_t i = 0; i < ft_dataset_claim_count(ds); i++) {
		const ft_claim *c = ft_dataset_claim_at(ds, i);
		uint32_t pos = c->e.pos;
		const ft_source *src = ft_claim_source(c);
		const ft_source *voice = ft_source_root(src);
		ft_time reported = ft_claim_reported(c);
		char when[FT_TIME_BUFSIZE], other[FT_TIME_BUFSIZE];

		ft__strings sup = ft__claim_strings(c, FT__CP_SUPERSEDES);
		for (size_t k = 0; k < sup.n; k++) {
			const ft_claim *old = ft_dataset_find_claim(ds, sup.items[k]);
			if (!old)
				continue;
			const ft_source *old_voice = ft_source_root(ft_claim_source(old));
			if (old_voice != voice) {
				warn(
				    fn, payload, pos, "supersedes", (long)k,
				    "claim \"%s\" supersedes \"%s\", a claim of another voice (%s, not %s): a source "
				    "corrects its own claims; another voice's figure is disputed (\"disputes\")",
				    FT__Q(c->e.id), FT__Q(old->e.id), ft_source_id(old_voice),
				    ft_source_id(voice));
				n++;
			}
			ft_time old_reported = ft_claim_reported(old);
			if (ft_time_start(&old_reported) > ft_time_end(&reported)) {
				ft_time_format(&reported, when);
				ft_time_format(&old_reported, other);
				warn(
				    fn, payload, pos, "supersedes", (long)k,
				    "claim \"%s\" (reported %s) supersedes \"%s\", which was reported later (%s)",
				    FT__Q(c->e.id), when, FT__Q(old->e.id), other);
				n++;
			}
		}
		for (size_t k = 0; k < ft_claim_via_count(c); k++) {
			if (ft_claim_via_at(c, k) == src) {
				warn(fn, payload, pos, "via", (long)k,
				     "claim \"%s\" names its own source \"%s\" as an outlet that carried it",
				     FT__Q(c->e.id), FT__Q(ft_source_id(src)));
				n++;
			}
		}
		if (c->e.observed_form != FT_OBSERVED_NONE) {
			ft_interval observed = ft_claim_observed(c);
			if (ft_time_is_set(&observed.from) &&
			    ft_time_start(&observed.from) > ft_time_end(&reported) &&
			    ft_claim_kind_of(c) != FT_CLAIM_PROJECTION) {
				ft_time_format(&observed.from, other);
				ft_time_format(&reported, when);
				warn(
				    fn, payload, pos, "observed", -1,
				    "claim \"%s\" is observed from %s, after it was reported (%s): a projection "
				    "should say \"kind\": \"projection\"",
				    FT__Q(c->e.id), other, when);
				n++;
			}
		}
	}
	return n;
}
