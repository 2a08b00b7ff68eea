/*
 * Reports: an estimate or a timeline written out, as text for people (what
 * `forcetrack estimate` and `forcetrack timeline` print) or as JSON for
 * programs (what they print with --json), so that the command-line
 * program, the examples and bindings give one shape. Everything a report
 * says comes from the estimate or timeline itself (ft_estimate_actor,
 * ft_estimate_options_of, ...). Text from the dataset is made safe for a
 * terminal (ft_text_sanitize_terminal); JSON strings are escaped by the JSON
 * rules.
 *
 * The JSON of an estimate is one object: actor, region, measure, at,
 * known_on (null: everything known), method, best, low, high (null when
 * there is no estimate), claims, voices, open_below, open_above,
 * not_credible, contested, pairs (all the disagreeing pairs; at most
 * max_pairs are listed), inconsistent, disagreements [{a, b, weight,
 * disputes, disjoint}], contributions [{claim, source, source_name, voice,
 * weight, status, stance, credible, current, qualifier, node {actor,
 * region}, low, high, central, rule}] (a side a claim does not state is
 * null) and parts [{actor, region, own, total, inconsistent}] (own and
 * total {best, low, high, open_below, open_above, not_credible} or null).
 * The JSON of a timeline: actor, region, measure, known_on, knowledge
 * ("then": each point as known on its own date, "fixed": known_on for
 * every point, "hindsight": everything), method, from, to (the first and
 * last grid days), step_days, window_days, threshold, points (estimate
 * objects, each with its own known_on) and alerts [{from, to, change,
 * relative, claims}] (relative null for a rise from 0). Two-space indent,
 * keys in that order, and a final newline.
 */
#ifndef FORCETRACK_REPORT_H
#define FORCETRACK_REPORT_H

#include <stdio.h>

#include "common.h"
#include "estimate.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a caller may choose about a report. Fields are only ever appended;
 * zero is the default of every field but `version`. */
typedef struct ft_render_options {
	unsigned version; /* FT_RENDER_OPTIONS_VERSION */
	/* Text only: one line of the caller's, printed under the heading (the
	 * CLI says there that it chose the date itself). NULL: none. Made safe
	 * for a terminal like the dataset's text. */
	const char *note;
} ft_render_options;

#define FT_RENDER_OPTIONS_VERSION 1
#define FT_RENDER_OPTIONS_INIT                                                                               \
	{                                                                                                    \
		FT_RENDER_OPTIONS_VERSION, NULL                                                              \
	}

/* The same as FT_RENDER_OPTIONS_INIT, for callers that cannot use macros.
 * NULL is allowed (nothing happens). */
FT_EXTERN void ft_render_options_init(ft_render_options *opts);

/*
 * Writes a report of `est` (or `tl`) to `fp`, as text or as JSON, with
 * `opts` (NULL: the defaults). Returns 0, or a negative code with `err`
 * filled: FT_EINVAL for a NULL `fp`, an estimate or timeline that holds
 * nothing, or options of version 0 or one this library does not know;
 * FT_EIO when the stream refused the text (part of it may be written).
 */
FT_EXTERN int ft_estimate_write_text(const ft_estimate *est, const ft_render_options *opts, FILE *fp,
                                     ft_error *err);
FT_EXTERN int ft_estimate_write_json(const ft_estimate *est, const ft_render_options *opts, FILE *fp,
                                     ft_error *err);
FT_EXTERN int ft_timeline_write_text(const ft_timeline *tl, const ft_render_options *opts, FILE *fp,
                                     ft_error *err);
FT_EXTERN int ft_timeline_write_json(const ft_timeline *tl, const ft_render_options *opts, FILE *fp,
                                     ft_error *err);

/*
 * The same report as one NUL-terminated string, byte for byte what the
 * write functions write; the caller releases it with ft_free. NULL, with
 * `err` filled, for the reasons above (but for the stream's).
 */
FT_EXTERN char *ft_estimate_render_text(const ft_estimate *est, const ft_render_options *opts, ft_error *err);
FT_EXTERN char *ft_estimate_render_json(const ft_estimate *est, const ft_render_options *opts, ft_error *err);
FT_EXTERN char *ft_timeline_render_text(const ft_timeline *tl, const ft_render_options *opts, ft_error *err);
FT_EXTERN char *ft_timeline_render_json(const ft_timeline *tl, const ft_render_options *opts, ft_error *err);

/*
 * An estimate's figure in words, with its hedges and flags: "94,000 (range
 * 84,600-103,400)", "92,000 or more" (open above), "up to 13,000" (open
 * below), "40,000 (range 35,000-48,000+), open above", "... (range up to
 * 175,000), open below", and ", NOT CREDIBLE" when it rests only on claims
 * graded E or 5. An estimate that rests on one claim is written as that
 * claim's source said it ("about 94,000 (84,600-103,400)"). "no estimate"
 * when it has no value (or `est` is NULL). Writes at most `size` bytes
 * with the final NUL into `buf` (NULL with size 0 to measure) and returns
 * the length of the whole text, as snprintf does.
 */
FT_EXTERN size_t ft_estimate_format(const ft_estimate *est, char *buf, size_t size);

/* The same for a part of a roll-up: its own figure (`own` not 0) or its
 * total; "none" when it has no such figure. */
FT_EXTERN size_t ft_estimate_part_format(const ft_estimate_part *p, int own, char *buf, size_t size);

/* How a source stands, in words for reports: "speaking of its own side",
 * "speaking of its adversary", "a third party"; NULL for a value outside
 * the enumeration. */
FT_EXTERN const char *ft_stance_phrase(ft_stance s);

#ifdef __cplusplus
}
#endif

#endif
