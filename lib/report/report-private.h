/*
 * What the report formats share (report/text.c, report/json.c): the
 * argument checks and the delivery of a report to a stream or as a string
 * (report/report.c), so that each format only appends its text to a
 * GString, and the few facts about an estimate both formats state the
 * same way. Each format escapes the dataset's text in one place of its
 * own: text.c for terminals, json.c through Jansson.
 */
#ifndef FT_REPORT_PRIVATE_H
#define FT_REPORT_PRIVATE_H

#include <glib.h>
#include <stdint.h>
#include <stdio.h>

#include "base/error-private.h"
#include "forcetrack/estimate.h"
#include "forcetrack/report.h"

/* A format's writer: appends the report of `est` (or `tl`) to `out`, with
 * checked options. */
typedef void (*ft__estimate_writer)(GString *out, const ft_estimate *est, const ft_render_options *opts);
typedef void (*ft__timeline_writer)(GString *out, const ft_timeline *tl, const ft_render_options *opts);

/*
 * The public functions of a format, over its writer: check the arguments
 * of the public function `fn`, run `write`, and deliver what it wrote to
 * `fp`, or as a new string (ft_free). They return what the public
 * function returns, with `err` filled on a failure.
 */
int ft__report_write_estimate(const char *fn, const ft_estimate *est, const ft_render_options *opts,
                              ft__estimate_writer write, FILE *fp, ft_error *err);
char *ft__report_render_estimate(const char *fn, const ft_estimate *est, const ft_render_options *opts,
                                 ft__estimate_writer write, ft_error *err);
int ft__report_write_timeline(const char *fn, const ft_timeline *tl, const ft_render_options *opts,
                              ft__timeline_writer write, FILE *fp, ft_error *err);
char *ft__report_render_timeline(const char *fn, const ft_timeline *tl, const ft_render_options *opts,
                                 ft__timeline_writer write, ft_error *err);

/* The writers of the first two formats (report/text.c, report/json.c),
 * which cannot fail. ft__estimate_json_line writes the JSON of an
 * estimate on one line (JSON Lines). */
void ft__estimate_text(GString *out, const ft_estimate *est, const ft_render_options *opts);
void ft__timeline_text(GString *out, const ft_timeline *tl, const ft_render_options *opts);
void ft__estimate_json(GString *out, const ft_estimate *est, const ft_render_options *opts);
void ft__timeline_json(GString *out, const ft_timeline *tl, const ft_render_options *opts);
void ft__estimate_json_line(GString *out, const ft_estimate *est, const char *dataset_sha256);

/* The caller's render options (NULL: the defaults) as this library's
 * version, checked; 0, or FT_EINVAL with `err` filled naming `fn`. */
int ft__render_options_check(const char *fn, const ft_render_options *opts, ft_render_options *out,
                             ft_error *err);

/* What every public write function checks first: it clears `err` and
 * `*text`, and checks the stream (NULL is allowed only with `text`) and
 * the options into `o`. 0, or FT_EINVAL naming `fn`. */
int ft__report_begin(const char *fn, FILE *fp, char **text, const ft_render_options *opts, ft_render_options *o,
                     ft_error *err);

/* Hands what a format wrote in `s` to `fp`, or as a new string in `*text`
 * when `fp` is NULL, and frees `s`. 0, or FT_EIO when the stream refused
 * it. */
int ft__report_deliver(const char *fn, GString *s, FILE *fp, char **text, ft_error *err);

/*
 * Where a situation report goes as it is written: the text so far, and
 * the stream when it is written to one. A writer appends to `s` and calls
 * ft__out_spill after each entry, which hands what has gathered to the
 * stream once it is large, so that a report of any size written to a
 * stream holds about one entry's text; without a stream the text is
 * returned whole. A stream that refuses the text is remembered (`errnum`,
 * -1 when errno said nothing) and written to no more.
 */
typedef struct ft__prefetch ft__prefetch;
typedef struct ft__groups ft__groups;

typedef struct ft__out {
	GString *s;
	FILE *fp;
	int failed;
	int errnum;
	ft__prefetch *prefetch; /* report/prefetch.c: NULL until figures are asked for */
	/* When `summary` is set the writer lists at most `max_listed` claims
	 * and parts of each kind, and its figures may be summaries read off
	 * group evaluations (ft__groups), kept here while it writes. */
	int summary;
	size_t max_listed;
	ft__groups *groups;
	/* The content hash of the reports' dataset (ft_dataset_content_hash),
	 * which every situation report cites, so that a figure names exactly
	 * the data it came from. */
	char hash[65];
} ft__out;

void ft__out_spill(ft__out *o);

/*
 * The figures of entry `i` of `s` for a writer that asks for them in entry
 * order (report/prefetch.c): all three columns, or column 0 alone (the
 * others left without a value), each set up here and released by
 * ft__situation_figures_clear. With the report's threads above 1 they are
 * computed ahead on a pool of that many threads; the same figures either
 * way. 0, or a negative code with `err` filled. ft__prefetch_free releases
 * what o->prefetch holds when the writer is done.
 */
int ft__out_figures(ft__out *o, const ft_situation *s, size_t i, int all_columns,
                    ft_estimate est[FT_SITUATION_COLUMNS], ft_error *err);
void ft__prefetch_free(ft__prefetch *pf);

/* Past this many claims listed of each kind (max_claims), an entry's
 * figures are computed on their own, not as summaries: a summary keeps
 * that many per node of its group (the same limit as ft_estimate_groups'). */
#define FT__MAX_SUMMARY_LISTED FT_GROUPS_MAX_LISTED

/* How many claims or parts of each kind a report lists: opts->max_claims,
 * its default for 0, or all (SIZE_MAX) when negative. */
size_t ft__render_max_claims(const ft_render_options *opts);

/*
 * The figures of a report's entries read off group evaluations
 * (estimate-private.h, ft__group): one per (actor root, region root,
 * measure) and column, built when its first entry is asked for and freed
 * when its last one has been read off it. A group whose roll-up is over
 * the node limit gives its entries' figures pair by pair. NULL from
 * ft__groups_new when the report's options do not roll up (each figure is
 * then its own). ft__situation_figures reads the figures off them, from
 * many threads at once if need be.
 */
ft__groups *ft__groups_new(const ft_situation *s, size_t max_listed);
/* Starts `threads` threads (none below 2) that build the groups of column
 * 0, or of all columns, ahead of the writer; ft__groups_free stops them. */
void ft__groups_build_ahead(ft__groups *g, int all_columns, unsigned threads);
const ft_situation *ft__groups_situation(const ft__groups *g);
void ft__groups_free(ft__groups *g);

/* Sets up o->groups for `s` when the writer takes summaries (o->summary),
 * replacing those of another report of a series, and starts building
 * them ahead on the report's threads: the figures of all columns, or of
 * column 0 alone. */
void ft__out_groups(ft__out *o, const ft_situation *s, int all_columns);

/*
 * The formats of the reports that can fail while they are written (a
 * situation report computes its figures as it goes): each appends to
 * `out` (a situation report's to o->s) and returns 0, or a negative code
 * with `err` filled. The options are checked; a series holds n >= 1
 * reports of one dataset.
 */
typedef int (*ft__situation_writer)(ft__out *o, const ft_situation *const *series, size_t n,
                                    const ft_render_options *opts, ft_error *err);
typedef int (*ft__timeline_format)(GString *out, const ft_timeline *tl, const ft_render_options *opts,
                                   ft_error *err);
typedef int (*ft__claims_writer)(GString *out, const ft_dataset *ds, const ft_render_options *opts,
                                 ft_error *err);

/* report/situation-text.c, situation-json.c, markdown.c, html.c, csv.c,
 * geojson.c, svg.c: one function per report and format. */
int ft__situation_text(ft__out *o, const ft_situation *const *series, size_t n, const ft_render_options *opts,
                       ft_error *err);
int ft__situation_json(ft__out *o, const ft_situation *const *series, size_t n, const ft_render_options *opts,
                       ft_error *err);
int ft__situation_markdown(ft__out *o, const ft_situation *const *series, size_t n,
                           const ft_render_options *opts, ft_error *err);
int ft__claims_markdown(GString *out, const ft_dataset *ds, const ft_render_options *opts, ft_error *err);
int ft__situation_csv(ft__out *o, const ft_situation *const *series, size_t n, const ft_render_options *opts,
                      ft_error *err);
int ft__situation_geojson(ft__out *o, const ft_situation *const *series, size_t n,
                          const ft_render_options *opts, ft_error *err);
int ft__timeline_csv(GString *out, const ft_timeline *tl, const ft_render_options *opts, ft_error *err);
int ft__claims_csv(GString *out, const ft_dataset *ds, const ft_render_options *opts, ft_error *err);
int ft__situation_html(ft__out *o, const ft_situation *const *series, size_t n, const ft_render_options *opts,
                       ft_error *err);
int ft__timeline_svg(GString *out, const ft_timeline *tl, const ft_render_options *opts, ft_error *err);

/* The <svg> element of a timeline's chart (report/svg.c), as a file of
 * its own (`standalone`: a fixed size; the caller writes the XML
 * declaration) or inline in HTML (the width of its box); every id in it
 * begins with `id`, which is ASCII, unique on the page. */
void ft__svg_chart(GString *out, const ft_timeline *tl, const char *id, int standalone);

/* Appends dataset text escaped for XML 1.0 and polyglot HTML, element
 * content and quoted attributes alike (report/xml.c): the markup
 * characters as references, the controls XML forbids dropped, the bidi
 * and C1 controls as a visible "\u202e", noncharacters and bytes that are
 * not UTF-8 as U+FFFD. */
void ft__xml_text(GString *out, const char *s);

/*
 * The three figures of entry `i` of `s` (now, 7 and 30 days before), or
 * column 0's alone when not `all_columns`, into `est`, each set up here;
 * the other columns, and one whose day is before 0001-01-01, are left
 * without a value. Each is a summary read off `groups` (of `s`) when it
 * is given, else computed alone (ft_situation_estimate). 0, or a negative
 * code with `err` filled (the estimates are then cleared).
 * ft__situation_figures_clear releases them.
 */
int ft__situation_figures(const ft_situation *s, ft__groups *groups, size_t i, int all_columns,
                          ft_estimate est[FT_SITUATION_COLUMNS], ft_error *err);
void ft__situation_figures_clear(ft_estimate est[FT_SITUATION_COLUMNS]);

/* The checked estimate options of a report's figures (their `at` and
 * `known_on` are set per figure; a chart of an entry uses the rest). */
const ft_estimate_options *ft__situation_estimate_options(const ft_situation *s);

/* The threads a report's figures may be computed on (its options'). */
unsigned ft__situation_threads(const ft_situation *s);

/*
 * What every format of a situation report says the same way (report/words.c):
 * the report's title (not escaped), the change of column `column` against
 * column 0 in words ("+2,300 since 2021-11-26", "no estimate 30 days
 * before (2021-11-03)"), the reasons for not counting a claim in the order
 * reports list them, how many contributions of `est` have a status, and
 * the paragraph on method and the legend of the flags (plain sentences).
 */
const char *ft__situation_title(const ft_situation *s, const ft_render_options *opts);
/* "about 94,300 (84,870-103,730); 1 voice, 1 claim", or "no estimate: no
 * claim counts". */
void ft__estimate_summary(GString *out, const ft_estimate *est);
/* The report's date T and what its figures at T know, as text. */
void ft__situation_dates(const ft_situation *s, char date[FT_TIME_BUFSIZE], char known[FT_TIME_BUFSIZE]);
void ft__situation_change(GString *out, const ft_situation *s, size_t column, const ft_estimate *now,
                          const ft_estimate *then);
#define FT__N_NOT_COUNTED 7
extern const ft_status ft__not_counted[FT__N_NOT_COUNTED];
size_t ft__status_count(const ft_estimate *est, ft_status status);
const char *ft__situation_method(void);
#define FT__N_LEGEND 5
extern const char *const ft__situation_legend[FT__N_LEGEND];

/*
 * The contributions of `est` an entry of a situation report lists, into
 * `out` (emptied first; borrowed from `est`): the counted ones (`counted`
 * not 0) or the others, but for those not yet reported; at most
 * opts->max_claims of them, the heaviest, in the estimate's order. Returns
 * how many were left out.
 */
size_t ft__listed_claims(const ft_estimate *est, int counted, const ft_render_options *opts, GPtrArray *out);

/* The parts of a roll-up whose own claims say less than their parts add up
 * to, into `out` (as above): at most opts->max_claims, in the estimate's
 * order. Returns how many were left out. */
size_t ft__inconsistent_parts(const ft_estimate *est, const ft_render_options *opts, GPtrArray *out);

/* "C2": the reliability a claim was weighed with (its source's grade, or
 * when that is F the grade of the nearest graded source above it) and its
 * credibility, as every format shows a claim's grades. */
#define FT__GRADES_SIZE 8
void ft__claim_grades(const ft_claim *c, char buf[FT__GRADES_SIZE]);

/* "94,000": a count written the way the library writes figures. */
void ft__report_count(char *buf, size_t size, uint64_t n);

/* The voice of a contribution: the library's, or the root of its source. */
const ft_source *ft__report_voice(const ft_contribution *c);

#endif
