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
	/* One line of the caller's, printed under the heading of a text,
	 * Markdown or HTML report (the CLI says there that it chose the date
	 * itself). NULL: none. Escaped for the format like the dataset's text. */
	const char *note;
	/* Version 2. Situation reports: the title under the heading (NULL: the
	 * dataset's title, else its id, else "the dataset"; the CLI gives the
	 * file's name). */
	const char *title;
	/* Version 2. HTML situation reports: the days each entry's timeline
	 * chart spans, ending on the report's date (0: 90; < 0: no charts; at
	 * most FT_DAYS_MAX). */
	int chart_days;
	/* Version 2. Situation reports: the most claims an entry lists of
	 * those counted, and of those not counted, the heaviest first (the
	 * rest are counted in a line of their own), so that a region over a
	 * long chain of sub-regions does not list every claim under it again
	 * at every level. 0: FT_RENDER_MAX_CLAIMS; < 0: all. */
	int max_claims;
} ft_render_options;

/* The default of ft_render_options::max_claims. */
#define FT_RENDER_MAX_CLAIMS 12

#define FT_RENDER_OPTIONS_VERSION 2
#define FT_RENDER_OPTIONS_INIT                                                                               \
	{                                                                                                    \
		FT_RENDER_OPTIONS_VERSION, NULL, NULL, 0, 0                                                    \
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

/* ---- Formats, situation reports and exports ------------------------------ */

/**
 * The formats a report can be written in. Not every report has every
 * format: ft_situation_write() takes text, Markdown, HTML, JSON, CSV and
 * GeoJSON; ft_timeline_write() text, JSON, CSV and SVG;
 * ft_dataset_write_claims() Markdown and CSV. Values are only ever
 * appended.
 */
typedef enum ft_format {
	FT_FORMAT_TEXT = 0, /**< plain text for a terminal ("text") */
	FT_FORMAT_MARKDOWN, /**< CommonMark with GitHub's tables ("md") */
	FT_FORMAT_HTML,     /**< one self-contained HTML file: no script, no external asset ("html") */
	FT_FORMAT_JSON,     /**< JSON, the shapes this header describes ("json") */
	FT_FORMAT_CSV,      /**< RFC 4180 CSV, UTF-8, with a header row ("csv") */
	FT_FORMAT_GEOJSON,  /**< an RFC 7946 FeatureCollection ("geojson") */
	FT_FORMAT_SVG       /**< an SVG 1.1 image ("svg") */
} ft_format;

/**
 * The name of a format.
 * @param f the format
 * @return "text", "md", "html", "json", "csv", "geojson" or "svg" (static);
 *         NULL for a value outside the enumeration
 */
FT_EXTERN const char *ft_format_name(ft_format f);

/**
 * The format of a name.
 * @param name a name as ft_format_name() gives it ("markdown" is taken for
 *        "md" too)
 * @param out the format
 * @return 0, or FT_EINVAL for a name it does not know or a NULL argument
 */
FT_EXTERN int ft_format_parse(const char *name, ft_format *out);

/** A situation report: what the claims of a dataset say about the forces
 * in every region on one date (see ft_situation_new()). Opaque; it borrows
 * the dataset, which must outlive it and not change while it lives. */
typedef struct ft_situation ft_situation;

/**
 * What a situation report is about. Zero is the default of every field but
 * `version`. Fields are only ever appended.
 */
typedef struct ft_situation_options {
	unsigned version; /**< FT_SITUATION_OPTIONS_VERSION */
	/** T, the date of the report: the UTC day this time value ends on
	 * ("2021-11" is 30 November). Unset (precision NONE): the day of the
	 * latest `reported` time of the dataset's claims. */
	ft_time at;
	/** K: unset, the report is as known on T (claims reported after T are
	 * left out), and each change is measured against the figure of that
	 * earlier day as known then. Set: every figure is as known by the end
	 * of K, the earlier ones as known on their own day when that comes
	 * first. */
	ft_time known_on;
	/** How the figures are made; its `at` and `known_on` are ignored (the
	 * report sets them per figure). NULL: FT_ESTIMATE_OPTIONS_INIT. */
	const ft_estimate_options *estimate;
	/** The threads that compute the next entries' figures while one is
	 * written (ft_situation_write() and the others): 0 or 1, none, the
	 * writing thread computes each in turn; at most 64. The report is the
	 * same byte for byte. */
	unsigned threads;
} ft_situation_options;

/** The current version of ft_situation_options. */
#define FT_SITUATION_OPTIONS_VERSION 1
/** ft_situation_options with every default. */
#define FT_SITUATION_OPTIONS_INIT                                                                            \
	{                                                                                                    \
		FT_SITUATION_OPTIONS_VERSION, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, NULL, 0                      \
	}

/**
 * The same as FT_SITUATION_OPTIONS_INIT, for callers that cannot use macros.
 * @param opts the options to set up; NULL is allowed (nothing happens)
 */
FT_EXTERN void ft_situation_options_init(ft_situation_options *opts);

/** The number of figures an entry has: now (column 0), and 7 and 30 days
 * before (columns 1 and 2). */
#define FT_SITUATION_COLUMNS 3

/**
 * One entry of a situation report: an actor in a region, for a measure,
 * where at least one claim known on the report's date is about that actor
 * (or one under it) in that region (or one under it). Entries come
 * regions first in the order of the dataset's region trees (a region,
 * then its sub-regions, depth first, each level in dataset order), then
 * actors in dataset order, then measures (personnel first, then in order
 * of first appearance).
 */
typedef struct ft_situation_entry {
	const ft_region *region; /**< borrowed from the dataset */
	size_t depth;            /**< 0 for a root region, 1 under it, ... */
	const ft_actor *actor;   /**< borrowed from the dataset */
	const char *measure;     /**< the dataset's string */
} ft_situation_entry;

/**
 * Works out which entries a situation report of `ds` has, with `opts`
 * (NULL: the defaults), into `*out`, which the caller releases with
 * ft_situation_free(). Figures are not computed here but by
 * ft_situation_estimate(), one at a time, so that a report of any size
 * needs the memory of one figure at a time. Returns 0, or a negative code
 * with `err` filled: FT_EINVAL for a NULL argument, options of a version
 * this library does not know or whose estimate options break their rules,
 * and for a dataset with no claims and no `at`.
 * @param ds the dataset, borrowed: it must outlive the report and not change
 *        while the report lives
 * @param opts the options, or NULL
 * @param out the new report (NULL on failure)
 * @param err filled on failure; NULL is allowed
 * @return 0 or a negative FT_E code
 */
FT_EXTERN int ft_situation_new(const ft_dataset *ds, const ft_situation_options *opts, ft_situation **out,
                               ft_error *err);

/**
 * Releases a situation report.
 * @param s the report; NULL is allowed
 */
FT_EXTERN void ft_situation_free(ft_situation *s);

/**
 * The dataset a report is of.
 * @param s the report
 * @return the dataset (borrowed), or NULL for a NULL report
 */
FT_EXTERN const ft_dataset *ft_situation_dataset(const ft_situation *s);

/**
 * The date of a column, a UTC day.
 * @param s the report
 * @param column 0: T; 1: 7 days before; 2: 30 days before
 * @param out the day (unset, precision NONE, on failure)
 * @return 0, or -1 for a column out of range or a day before 0001-01-01
 */
FT_EXTERN int ft_situation_date(const ft_situation *s, size_t column, ft_time *out);

/**
 * What the figures of a column know: K, a day or the caller's known_on.
 * @param s the report
 * @param column as for ft_situation_date()
 * @param out K (unset on failure)
 * @return 0, or -1 as ft_situation_date()
 */
FT_EXTERN int ft_situation_known_on(const ft_situation *s, size_t column, ft_time *out);

/**
 * How far a column lies before T.
 * @param column the column
 * @return 0, 7 or 30 days; -1 for a column out of range
 */
FT_EXTERN int ft_situation_days_before(size_t column);

/**
 * How many of the dataset's claims are known to the report.
 * @param s the report
 * @return the claims reported by K of column 0
 */
FT_EXTERN size_t ft_situation_claims_known(const ft_situation *s);

/**
 * The number of entries.
 * @param s the report
 * @return the entries (0 for a NULL report)
 */
FT_EXTERN size_t ft_situation_entry_count(const ft_situation *s);

/**
 * One entry.
 * @param s the report
 * @param i its index, in report order
 * @return the entry (borrowed: it lives as long as `s`); NULL out of range
 */
FT_EXTERN const ft_situation_entry *ft_situation_entry_at(const ft_situation *s, size_t i);

/**
 * How many distinct regions of the entries have no geometry (a GeoJSON
 * export leaves them out and says how many).
 * @param s the report
 * @return the number of such regions
 */
FT_EXTERN size_t ft_situation_regions_without_geometry(const ft_situation *s);

/**
 * Computes the figure of entry `i` in column `column` into `out`, set up as
 * for ft_estimate_compute() (which this calls). Returns 0, or a negative
 * code with `err` filled: FT_EINVAL for an entry or column out of range or
 * a column whose date is before 0001-01-01 (ft_situation_date() says
 * which), or what ft_estimate_compute() returns.
 * @param s the report
 * @param i the entry
 * @param column the column (0: T, 1: 7 days before, 2: 30 days before)
 * @param out the estimate, set up with FT_ESTIMATE_INIT; the caller clears it
 * @param err filled on failure; NULL is allowed
 * @return 0 or a negative FT_E code
 */
FT_EXTERN int ft_situation_estimate(const ft_situation *s, size_t i, size_t column, ft_estimate *out,
                                    ft_error *err);

/**
 * Writes the situation report `s` in format `f` to `fp`, with `opts` (NULL:
 * the defaults):
 *
 * - text: the terminal report `forcetrack report` prints;
 * - Markdown: a heading per region, a table of the entries with their
 *   figures, flags, voices and changes, and per entry the counted claims
 *   (source, outlet, hedge as the source said it, grades, quote) and what
 *   was not counted and why;
 * - HTML: the same as one self-contained page, with an SVG timeline chart
 *   of each entry's last 90 days inline;
 * - JSON: JSON Lines, one estimate object (the shape above) per entry;
 * - CSV: one row per entry (the columns of docs/reports.md);
 * - GeoJSON: one feature per entry whose region has a geometry.
 *
 * The report goes to the stream entry by entry, in pieces of about 64 KiB,
 * so that writing one of any size holds about one entry's text; a failure
 * may leave part of it written (ft_situation_render() gives it whole or
 * not at all).
 *
 * Returns 0, or a negative code with `err` filled: FT_EINVAL for a NULL
 * argument, a format a situation report does not have, or options of a
 * version this library does not know; FT_EIO when the stream refused the
 * text; what ft_situation_estimate() returns.
 * @param s the report
 * @param f the format
 * @param opts the render options, or NULL
 * @param fp the stream
 * @param err filled on failure; NULL is allowed
 * @return 0 or a negative FT_E code
 */
FT_EXTERN int ft_situation_write(const ft_situation *s, ft_format f, const ft_render_options *opts, FILE *fp,
                                 ft_error *err);

/**
 * The same report as one NUL-terminated string, byte for byte what
 * ft_situation_write() writes.
 * @param s the report
 * @param f the format
 * @param opts the render options, or NULL
 * @param err filled on failure; NULL is allowed
 * @return the text, released with ft_free(); NULL on the errors of
 *         ft_situation_write()
 */
FT_EXTERN char *ft_situation_render(const ft_situation *s, ft_format f, const ft_render_options *opts,
                                    ft_error *err);

/**
 * A series of situation reports, one per date (made by the caller, of one
 * dataset, in date order), written as one table: CSV (the rows of every
 * date under one header) or GeoJSON (one FeatureCollection holding each
 * date's features, which map tools with a time slider play in turn). For
 * `n` of 1 this is ft_situation_write(). Errors as ft_situation_write(), and
 * FT_EINVAL for reports of different datasets.
 * @param series the reports, in date order
 * @param n how many
 * @param f the format
 * @param opts the render options, or NULL
 * @param fp the stream
 * @param err filled on failure; NULL is allowed
 * @return 0 or a negative FT_E code
 */
FT_EXTERN int ft_situation_series_write(const ft_situation *const *series, size_t n, ft_format f,
                                        const ft_render_options *opts, FILE *fp, ft_error *err);

/**
 * Writes a timeline in format `f` (text and JSON as
 * ft_timeline_write_text() and ft_timeline_write_json(); CSV, one row per
 * point; SVG, a chart: the low-high band, the best line, each counted
 * claim as a point at its observed date marked by voice, one-sided claims
 * as open-ended markers and alerts as labelled rules). Errors as
 * ft_timeline_write_text(), and FT_EINVAL for a format a timeline does not
 * have.
 * @param tl the timeline
 * @param f the format
 * @param opts the render options, or NULL
 * @param fp the stream
 * @param err filled on failure; NULL is allowed
 * @return 0 or a negative FT_E code
 */
FT_EXTERN int ft_timeline_write(const ft_timeline *tl, ft_format f, const ft_render_options *opts, FILE *fp,
                                ft_error *err);

/**
 * The same as one string.
 * @param tl the timeline
 * @param f the format
 * @param opts the render options, or NULL
 * @param err filled on failure; NULL is allowed
 * @return the text, released with ft_free(); NULL on failure
 */
FT_EXTERN char *ft_timeline_render(const ft_timeline *tl, ft_format f, const ft_render_options *opts,
                                   ft_error *err);

/**
 * Writes every claim of `ds`, in dataset order: Markdown (a list item per
 * claim with its source, outlet, hedge, grades, ids, URL, retraction and
 * "superseded by", and its quote as a block quote) or CSV (one row per
 * claim with every field, the hedge as qualifier/low/high columns; the
 * columns of docs/reports.md). Errors as ft_situation_write().
 * @param ds the dataset
 * @param f the format
 * @param opts the render options, or NULL
 * @param fp the stream
 * @param err filled on failure; NULL is allowed
 * @return 0 or a negative FT_E code
 */
FT_EXTERN int ft_dataset_write_claims(const ft_dataset *ds, ft_format f, const ft_render_options *opts,
                                      FILE *fp, ft_error *err);

/**
 * The same as one string.
 * @param ds the dataset
 * @param f the format
 * @param opts the render options, or NULL
 * @param err filled on failure; NULL is allowed
 * @return the text, released with ft_free(); NULL on failure
 */
FT_EXTERN char *ft_dataset_render_claims(const ft_dataset *ds, ft_format f, const ft_render_options *opts,
                                         ft_error *err);

#ifdef __cplusplus
}
#endif

#endif
