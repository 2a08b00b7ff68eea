/*
 * forcetrack report: the situation report of a dataset on one date (by
 * default the day of its latest report): per region tree and actor, the
 * best figure with its range and flags, the voices, who disagrees, the
 * change over 7 and 30 days as known then, and the claims counted and not
 * counted. The library writes it, as text, Markdown, HTML or JSON Lines.
 */
#include "cli.h"

#include <limits.h>
#include <string.h>

/* What the report is written from. */
typedef struct report_job {
	const ft_situation *sit;
	ft_format format;
	const ft_render_options *ro;
} report_job;

static int write_report(FILE *fp, void *payload, ft_error *err)
{
	const report_job *job = payload;
	return ft_situation_write(job->sit, job->format, job->ro, fp, err);
}

int cmd_report(int argc, char **argv)
{
	cli_query_args a = {0};
	a.staleness = INT_MIN;
	char *at_text = NULL, *format_text = NULL, *out_path = NULL;
	int chart_days = 0, threads = 0;
	GOptionEntry entries[] = {
	    {"at", 't', 0, G_OPTION_ARG_STRING, &at_text,
	     "The date of the report, the day T ends on (default: the day of the latest report in FILE)", "T"},
	    {"known-on", 'k', 0, G_OPTION_ARG_STRING, &a.known_on,
	     "Use only what was reported by the end of K (default: what was known on T, and on each "
	     "earlier day for the changes)",
	     "K"},
	    {"format", 'f', 0, G_OPTION_ARG_STRING, &format_text, "text (default), md, html or json", "FORMAT"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path,
	     "Write the report to OUT, atomically (default: standard output)", "OUT"},
	    {"chart-days", 0, 0, G_OPTION_ARG_INT, &chart_days,
	     "HTML: the days each entry's chart spans, ending on T (default 90; negative: no charts)", "DAYS"},
	    {"threads", 'j', 0, G_OPTION_ARG_INT, &threads,
	     "Compute the figures on N threads while the report is written (default: one per core, at most "
	     "64; 1: none). The report is the same",
	     "N"},
	    {"method", 0, 0, G_OPTION_ARG_STRING, &a.method, "weighted (default), median or latest", "METHOD"},
	    {"include-projections", 0, 0, G_OPTION_ARG_NONE, &a.include_projections,
	     "Count projections (planned or expected forces) as well", NULL},
	    {"staleness", 0, 0, G_OPTION_ARG_INT, &a.staleness,
	     "Claims observed more than DAYS before T are stale (default 90; negative: never)", "DAYS"},
	    {"half-life", 0, 0, G_OPTION_ARG_DOUBLE, &a.half_life,
	     "A claim's weight halves for every DAYS of its age (default 14)", "DAYS"},
	    {"max-pairs", 0, 0, G_OPTION_ARG_INT, &a.max_pairs,
	     "List at most N disagreeing pairs, the heaviest first (default 20)", "N"},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a.files, NULL, "FILE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	ft_dataset *ds = NULL;
	ft_situation *sit = NULL;
	char *note = NULL;
	ft_estimate_options est = FT_ESTIMATE_OPTIONS_INIT;
	ft_situation_options so = FT_SITUATION_OPTIONS_INIT;
	ft_format format = FT_FORMAT_TEXT;
	int status;

	if (!cli_parse_options(
	        "report",
	        "The situation report of FILE on date T, as known on T: per region (sub-regions\n"
	        "under their parents) and actor, the best figure with its range and flags, the\n"
	        "independent voices, who disagrees, the change over 7 and 30 days as known\n"
	        "then, the claims counted (source, outlet, hedge, grades, quote) and what was\n"
	        "not counted and why (docs/reports.md).\n\n"
	        "--format md writes CommonMark with tables, html one self-contained page with\n"
	        "a chart per entry, json one estimate object per entry and line (JSON Lines).",
	        entries, &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (!a.files || !a.files[0] || a.files[1]) {
		status = cli_usage_error("report", "exactly one FILE is needed");
		goto cleanup;
	}
	if (format_text && (ft_format_parse(format_text, &format) != 0 ||
	                    (format != FT_FORMAT_TEXT && format != FT_FORMAT_MARKDOWN &&
	                     format != FT_FORMAT_HTML && format != FT_FORMAT_JSON))) {
		status = cli_usage_error("report", "--format: one of text, md, html, json");
		goto cleanup;
	}
	if (chart_days > FT_DAYS_MAX) {
		status = cli_usage_error("report", "--chart-days: at most 3652058 days (9999 years)");
		goto cleanup;
	}
	if (threads < 0 || threads > 64) {
		status = cli_usage_error("report", "--threads: from 1 to 64");
		goto cleanup;
	}
	so.threads = cli_threads(threads);
	if (at_text && !cli_parse_time_arg("report", "--at", at_text, &so.at)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	status = cli_estimate_args("report", &a, &est);
	if (status >= 0)
		goto cleanup;
	so.known_on = est.known_on;
	so.estimate = &est;

	ds = cli_load_reporting(a.files[0]);
	if (!ds) {
		status = EXIT_INVALID;
		goto cleanup;
	}
	ft_error err;
	ft_error_clear(&err);
	if (ft_situation_new(ds, &so, &sit, &err) != 0) {
		cli_report_failure("report", &err);
		status = EXIT_INVALID;
		goto cleanup;
	}

	/* Without --at the text says which date was chosen. A dataset with
	 * no title is named by its file. */
	ft_render_options ro = FT_RENDER_OPTIONS_INIT;
	ft_dataset_info info = FT_DATASET_INFO_INIT;
	ft_dataset_describe(ds, &info);
	ro.title = info.title ? info.title : a.files[0];
	ro.chart_days = chart_days;
	if (!at_text) {
		char day[FT_TIME_BUFSIZE];
		ft_time t;
		ft_situation_date(sit, 0, &t);
		ft_time_format(&t, day);
		ro.note = note =
		    g_strdup_printf("(%s is the latest reported date in the dataset; --at gives another)", day);
	}
	report_job job = {sit, format, &ro};
	status = cli_write_stream("report", out_path, write_report, &job);

cleanup:
	g_free(note);
	ft_situation_free(sit);
	ft_dataset_free(ds);
	g_free(at_text);
	g_free(format_text);
	g_free(out_path);
	cli_query_args_clear(&a);
	return status;
}
