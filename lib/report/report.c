/*
 * The plumbing every report format shares: checking what a public report
 * function was given, and handing the text a format wrote to a stream or
 * to the caller as a string, so that the two always hold the same bytes.
 * The formats themselves live in report/text.c and report/json.c.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "report/report-private.h"

static const size_t options_sizes[FT_RENDER_OPTIONS_VERSION + 1] = {
    0, offsetof(ft_render_options, title), sizeof(ft_render_options)};

void ft_render_options_init(ft_render_options *opts)
{
	static const ft_render_options init = FT_RENDER_OPTIONS_INIT;
	if (opts)
		*opts = init;
}

/* The caller's options (NULL: the defaults) as this library's version,
 * the fields the caller's version does not cover at their defaults. */
int ft__render_options_check(const char *fn, const ft_render_options *opts, ft_render_options *out,
                             ft_error *err)
{
	ft_render_options r = FT_RENDER_OPTIONS_INIT;
	if (opts) {
		if (opts->version == 0 || opts->version > FT_RENDER_OPTIONS_VERSION)
			return ft__error_set(
			    err, FT_EINVAL, NULL,
			    "%s: options of version %u; set them up with FT_RENDER_OPTIONS_INIT "
			    "or ft_render_options_init",
			    fn, opts->version);
		memcpy((char *)&r + sizeof r.version, (const char *)opts + sizeof r.version,
		       options_sizes[opts->version] - sizeof r.version);
	}
	if (r.chart_days > FT_DAYS_MAX)
		return ft__error_set(err, FT_EINVAL, NULL, "%s: chart_days %d is more than %d days", fn,
		                     r.chart_days, FT_DAYS_MAX);
	*out = r;
	return 0;
}

/* Sends what was written where it was asked for, and frees `s`. */
int ft__report_deliver(const char *fn, GString *s, FILE *fp, char **text, ft_error *err)
{
	if (!fp) {
		*text = g_string_free(s, FALSE);
		return 0;
	}
	int rc = 0;
	errno = 0;
	if (fwrite(s->str, 1, s->len, fp) != s->len || fflush(fp) != 0) {
		int errnum = errno;
		rc = ft__error_set(err, FT_EIO, NULL, "%s: cannot write the report: %s", fn,
		                   errnum ? g_strerror(errnum) : "the stream refused it");
	}
	g_string_free(s, TRUE);
	return rc;
}

int ft__report_begin(const char *fn, FILE *fp, char **text, const ft_render_options *opts, ft_render_options *o,
                     ft_error *err)
{
	ft_error_clear(err);
	if (text)
		*text = NULL;
	if (!fp && !text)
		return ft__error_set(err, FT_EINVAL, NULL, "%s: NULL stream", fn);
	return ft__render_options_check(fn, opts, o, err);
}

/* The checks both kinds of report make before writing. */
static int check(const char *fn, int holds, const ft_render_options *opts, ft_render_options *o, FILE *fp,
                 char **text, ft_error *err)
{
	if (!holds) {
		ft_error_clear(err);
		if (text)
			*text = NULL;
		return ft__error_set(err, FT_EINVAL, NULL, "%s: NULL, or nothing computed to report", fn);
	}
	return ft__report_begin(fn, fp, text, opts, o, err);
}

/* Runs a writer over an estimate or a timeline, whichever is set. */
static int report(const char *fn, const ft_estimate *est, ft__estimate_writer est_write,
                  const ft_timeline *tl, ft__timeline_writer tl_write, const ft_render_options *opts,
                  FILE *fp, char **text, ft_error *err)
{
	ft_render_options o;
	int holds = est_write ? ft_estimate_options_of(est) != NULL : ft_timeline_options_of(tl) != NULL;
	int rc = check(fn, holds, opts, &o, fp, text, err);
	if (rc != 0)
		return rc;
	GString *s = g_string_new(NULL);
	if (est_write)
		est_write(s, est, &o);
	else
		tl_write(s, tl, &o);
	return ft__report_deliver(fn, s, fp, text, err);
}

int ft__report_write_estimate(const char *fn, const ft_estimate *est, const ft_render_options *opts,
                              ft__estimate_writer write, FILE *fp, ft_error *err)
{
	return report(fn, est, write, NULL, NULL, opts, fp, NULL, err);
}

char *ft__report_render_estimate(const char *fn, const ft_estimate *est, const ft_render_options *opts,
                                 ft__estimate_writer write, ft_error *err)
{
	char *text = NULL;
	report(fn, est, write, NULL, NULL, opts, NULL, &text, err);
	return text;
}

int ft__report_write_timeline(const char *fn, const ft_timeline *tl, const ft_render_options *opts,
                              ft__timeline_writer write, FILE *fp, ft_error *err)
{
	return report(fn, NULL, NULL, tl, write, opts, fp, NULL, err);
}

char *ft__report_render_timeline(const char *fn, const ft_timeline *tl, const ft_render_options *opts,
                                 ft__timeline_writer write, ft_error *err)
{
	char *text = NULL;
	report(fn, NULL, NULL, tl, write, opts, NULL, &text, err);
	return text;
}

void ft__report_count(char *buf, size_t size, uint64_t n)
{
	ft_quantity q = {FT_QUALIFIER_EXACT, 1, n, 0, 0};
	ft_quantity_format(&q, buf, size);
}

const ft_source *ft__report_voice(const ft_contribution *c)
{
	return c->voice ? c->voice : ft_source_root(ft_claim_source(c->claim));
}
