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
 * there is no estimate), claims, voices, contested, inconsistent,
 * disagreements [{a, b}], contributions [{claim, source, voice, weight,
 * status, stance, credible, low, high, central, rule}] (a side a claim
 * does not state is null) and parts [{actor, region, own, total,
 * inconsistent}] (own and total {best, low, high} or null). The JSON of a
 * timeline: actor, region, measure, known_on, method, from, to (the first
 * and last grid days), step_days, window_days, threshold, points (estimate
 * objects) and alerts [{from, to, change, relative, claims}] (relative
 * null for a rise from 0). Two-space indent, keys in that order, and a
 * final newline.
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

#ifdef __cplusplus
}
#endif

#endif
