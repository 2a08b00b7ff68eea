/*
 * The formats, by name, and the public functions that write a report in
 * one of them: each looks its format up in the table of its kind of
 * report (a situation report, a timeline, the claims of a dataset),
 * checks what it was given, runs the format's writer into a GString and
 * hands the text to the stream or the caller (report.c). A format a kind
 * of report does not have is a NULL in its table and an FT_EINVAL that
 * names the formats it has.
 */
#include <errno.h>
#include <string.h>

#include "forcetrack/io.h"
#include "report/report-private.h"

static const char *const format_names[] = {
    [FT_FORMAT_TEXT] = "text", [FT_FORMAT_MARKDOWN] = "md",     [FT_FORMAT_HTML] = "html",
    [FT_FORMAT_JSON] = "json", [FT_FORMAT_CSV] = "csv",         [FT_FORMAT_GEOJSON] = "geojson",
    [FT_FORMAT_SVG] = "svg",
};

#define N_FORMATS (sizeof format_names / sizeof format_names[0])

const char *ft_format_name(ft_format f)
{
	return (unsigned)f < N_FORMATS ? format_names[f] : NULL;
}

int ft_format_parse(const char *name, ft_format *out)
{
	if (!name || !out)
		return FT_EINVAL;
	if (strcmp(name, "markdown") == 0) {
		*out = FT_FORMAT_MARKDOWN;
		return 0;
	}
	for (size_t i = 0; i < N_FORMATS; i++)
		if (strcmp(name, format_names[i]) == 0) {
			*out = (ft_format)i;
			return 0;
		}
	return FT_EINVAL;
}

/* The text and JSON of a timeline were written before any format could
 * fail; they join the table through these. */
static int timeline_as_text(GString *out, const ft_timeline *tl, const ft_render_options *opts, ft_error *err)
{
	(void)err;
	ft__timeline_text(out, tl, opts);
	return 0;
}

static int timeline_as_json(GString *out, const ft_timeline *tl, const ft_render_options *opts, ft_error *err)
{
	(void)err;
	ft__timeline_json(out, tl, opts);
	return 0;
}

static const ft__situation_writer situation_writers[N_FORMATS] = {
    [FT_FORMAT_TEXT] = ft__situation_text,
    [FT_FORMAT_JSON] = ft__situation_json,
    [FT_FORMAT_MARKDOWN] = ft__situation_markdown,
    [FT_FORMAT_CSV] = ft__situation_csv,
    [FT_FORMAT_GEOJSON] = ft__situation_geojson,
    [FT_FORMAT_HTML] = ft__situation_html,
};

static const ft__timeline_format timeline_writers[N_FORMATS] = {
    [FT_FORMAT_TEXT] = timeline_as_text,
    [FT_FORMAT_JSON] = timeline_as_json,
    [FT_FORMAT_CSV] = ft__timeline_csv,
    [FT_FORMAT_SVG] = ft__timeline_svg,
};

static const ft__claims_writer claims_writers[N_FORMATS] = {
    [FT_FORMAT_MARKDOWN] = ft__claims_markdown,
    [FT_FORMAT_CSV] = ft__claims_csv,
};

/* 0 when format `f` is one `have` marks, or FT_EINVAL naming the formats
 * it marks ("ft_timeline_write: no geojson for a timeline; it has text,
 * json, csv, svg"). */
static int check_format(const char *fn, const char *what, const int have[N_FORMATS], ft_format f,
                        ft_error *err)
{
	if ((unsigned)f < N_FORMATS && have[f])
		return 0;
	GString *list = g_string_new(NULL);
	for (size_t i = 0; i < N_FORMATS; i++)
		if (have[i])
			g_string_append_printf(list, "%s%s", list->len ? ", " : "", format_names[i]);
	int rc;
	if ((unsigned)f < N_FORMATS)
		rc = ft__error_set(err, FT_EINVAL, NULL, "%s: no %s for %s; it has %s", fn, format_names[f],
		                   what, list->str);
	else
		rc = ft__error_set(err, FT_EINVAL, NULL, "%s: %d is not a format; %s has %s", fn, (int)f, what,
		                   list->str);
	g_string_free(list, TRUE);
	return rc;
}

/* Which formats a table has. */
#define HAVE(table, have)                                                                                    \
	for (size_t i_ = 0; i_ < N_FORMATS; i_++)                                                            \
	(have)[i_] = (table)[i_] != NULL

/* Runs a writer that may fail, and delivers its text only when it did
 * not: a report cut short is never handed out as if it were whole. */
static int finish(const char *fn, int rc, GString *s, FILE *fp, char **text, ft_error *err)
{
	if (rc != 0) {
		g_string_free(s, TRUE);
		return rc;
	}
	return ft__report_deliver(fn, s, fp, text, err);
}

/* What a writer gathered is handed to the stream in pieces of about this
 * size: large enough that a report is a few writes, small enough that it
 * never holds much more than one entry's text. */
#define SPILL_BYTES (64 * 1024)


void ft__out_spill(ft__out *o)
{
	if (!o->fp || o->s->len < SPILL_BYTES)
		return;
	if (!o->failed) {
		errno = 0;
		if (fwrite(o->s->str, 1, o->s->len, o->fp) != o->s->len) {
			o->failed = 1;
			o->errnum = errno ? errno : -1;
		}
	}
	g_string_truncate(o->s, 0);
}

static int write_series(const char *fn, const ft_situation *const *series, size_t n, ft_format f,
                        const ft_render_options *opts, FILE *fp, char **text, ft_error *err)
{
	ft_render_options ro;
	int rc = ft__report_begin(fn, fp, text, opts, &ro, err);
	if (rc != 0)
		return rc;
	if (!series || n == 0)
		return ft__error_set(err, FT_EINVAL, NULL, "%s: no situation report to write", fn);
	for (size_t i = 0; i < n; i++) {
		if (!series[i])
			return ft__error_set(err, FT_EINVAL, NULL, "%s: situation report %zu of %zu is NULL", fn,
			                     i + 1, n);
		if (ft_situation_dataset(series[i]) != ft_situation_dataset(series[0]))
			return ft__error_set(err, FT_EINVAL, NULL,
			                     "%s: situation report %zu of %zu is of another dataset than the first", fn,
			                     i + 1, n);
	}
	int have[N_FORMATS];
	HAVE(situation_writers, have);
	if ((rc = check_format(fn, "a situation report", have, f, err)) != 0)
		return rc;
	/* To a stream the report goes entry by entry (ft__out_spill); as a
	 * string it is returned whole, or not at all. */
	ft__out o = {g_string_new(NULL), fp, 0, 0, NULL, 0, 0, NULL, {0}};
	/* Every format but JSON lists at most max_claims claims and parts of
	 * each kind: their figures can be summaries, read off one evaluation
	 * per group rather than one per entry (a chain of regions would
	 * otherwise cost its length squared). JSON lists every contribution. */
	o.max_listed = ft__render_max_claims(&ro);
	o.summary = f != FT_FORMAT_JSON && o.max_listed <= FT__MAX_SUMMARY_LISTED;
	/* CSV and GeoJSON write figures and counts, no claims, of column 0. */
	int figures_only = f == FT_FORMAT_CSV || f == FT_FORMAT_GEOJSON;
	if (figures_only) {
		o.summary = 1;
		o.max_listed = 0;
	}
	/* The groups are built from now on, on the report's threads, while
	 * this thread works out the content hash (it reads the whole
	 * dataset). */
	ft__out_groups(&o, series[0], !figures_only);
	rc = ft_dataset_content_hash(ft_situation_dataset(series[0]), o.hash, err);
	if (rc == 0)
		rc = situation_writers[f](&o, series, n, &ro, err);
	ft__prefetch_free(o.prefetch);
	ft__groups_free(o.groups);
	if (rc == 0 && o.failed)
		rc = ft__error_set(err, FT_EIO, NULL, "%s: cannot write the report: %s", fn,
		                   o.errnum > 0 ? g_strerror(o.errnum) : "the stream refused it");
	return finish(fn, rc, o.s, fp, text, err);
}

int ft_situation_write(const ft_situation *s, ft_format f, const ft_render_options *opts, FILE *fp,
                       ft_error *err)
{
	return write_series("ft_situation_write", &s, 1, f, opts, fp, NULL, err);
}

char *ft_situation_render(const ft_situation *s, ft_format f, const ft_render_options *opts, ft_error *err)
{
	char *text = NULL;
	write_series("ft_situation_render", &s, 1, f, opts, NULL, &text, err);
	return text;
}

int ft_situation_series_write(const ft_situation *const *series, size_t n, ft_format f,
                              const ft_render_options *opts, FILE *fp, ft_error *err)
{
	return write_series("ft_situation_series_write", series, n, f, opts, fp, NULL, err);
}

static int write_timeline(const char *fn, const ft_timeline *tl, ft_format f, const ft_render_options *opts,
                          FILE *fp, char **text, ft_error *err)
{
	ft_render_options o;
	int rc = ft__report_begin(fn, fp, text, opts, &o, err);
	if (rc != 0)
		return rc;
	if (!ft_timeline_options_of(tl))
		return ft__error_set(err, FT_EINVAL, NULL, "%s: NULL, or nothing computed to report", fn);
	int have[N_FORMATS];
	HAVE(timeline_writers, have);
	if ((rc = check_format(fn, "a timeline", have, f, err)) != 0)
		return rc;
	GString *s = g_string_new(NULL);
	return finish(fn, timeline_writers[f](s, tl, &o, err), s, fp, text, err);
}

int ft_timeline_write(const ft_timeline *tl, ft_format f, const ft_render_options *opts, FILE *fp,
                      ft_error *err)
{
	return write_timeline("ft_timeline_write", tl, f, opts, fp, NULL, err);
}

char *ft_timeline_render(const ft_timeline *tl, ft_format f, const ft_render_options *opts, ft_error *err)
{
	char *text = NULL;
	write_timeline("ft_timeline_render", tl, f, opts, NULL, &text, err);
	return text;
}

static int write_claims(const char *fn, const ft_dataset *ds, ft_format f, const ft_render_options *opts,
                        FILE *fp, char **text, ft_error *err)
{
	ft_render_options o;
	int rc = ft__report_begin(fn, fp, text, opts, &o, err);
	if (rc != 0)
		return rc;
	if (!ds)
		return ft__error_set(err, FT_EINVAL, NULL, "%s: NULL dataset", fn);
	int have[N_FORMATS];
	HAVE(claims_writers, have);
	if ((rc = check_format(fn, "the claims", have, f, err)) != 0)
		return rc;
	GString *s = g_string_new(NULL);
	return finish(fn, claims_writers[f](s, ds, &o, err), s, fp, text, err);
}

int ft_dataset_write_claims(const ft_dataset *ds, ft_format f, const ft_render_options *opts, FILE *fp,
                            ft_error *err)
{
	return write_claims("ft_dataset_write_claims", ds, f, opts, fp, NULL, err);
}

char *ft_dataset_render_claims(const ft_dataset *ds, ft_format f, const ft_render_options *opts, ft_error *err)
{
	char *text = NULL;
	write_claims("ft_dataset_render_claims", ds, f, opts, NULL, &text, err);
	return text;
}
