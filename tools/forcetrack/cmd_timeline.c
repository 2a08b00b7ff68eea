/*
 * forcetrack timeline: estimates on a grid of UTC days with build-up
 * alerts, written by the library as text, JSON or an SVG chart; and what
 * it shares with forcetrack chart (cmd_chart.c), which asks for the same
 * timeline with the same options and checks and draws it:
 * cli_timeline_parse reads the options, and cli_timeline_run checks them,
 * loads the dataset, computes the timeline and writes it, for both; each
 * command checks its own options between the two, so that every usage
 * error comes before the dataset is read.
 */
#include "cli.h"

#include <limits.h>
#include <math.h>
#include <string.h>

void cli_timeline_args_clear(cli_timeline_args *t)
{
	ft_timeline_clear(&t->tl);
	ft_dataset_free(t->q.ds);
	t->q.ds = NULL;
	cli_grid_args_clear(&t->grid);
	g_free(t->out_path);
	cli_query_args_clear(&t->a);
}

/* The checks of the parsed options (exit 2), then the dataset and the
 * timeline (exit 1); -1 when the timeline is ready. */
static int compute(const char *command, cli_timeline_args *t)
{
	ft_timeline_options topts = FT_TIMELINE_OPTIONS_INIT;
	int status = cli_grid_args_check(command, "--to", &t->grid, &t->a, &topts);
	if (status >= 0)
		return status;
	status = cli_prepare_query(command, &t->a, &t->q);
	if (status >= 0)
		return status;
	topts.estimate = t->q.opts;
	ft_error err;
	ft_error_clear(&err);
	if (ft_timeline_compute(t->q.ds, t->q.actor, t->q.region, t->q.measure, &topts, &t->tl, &err) != 0) {
		cli_report_failure(command, &err);
		return EXIT_INVALID;
	}
	return -1;
}

/* What a timeline is written from. */
typedef struct timeline_job {
	const ft_timeline *tl;
	ft_format format;
} timeline_job;

static int write_timeline(FILE *fp, void *payload, ft_error *err)
{
	const timeline_job *job = payload;
	return ft_timeline_write(job->tl, job->format, NULL, fp, err);
}

int cli_timeline_run(const char *command, cli_timeline_args *t, ft_format format)
{
	int status = compute(command, t);
	if (status >= 0)
		return status;
	timeline_job job = {&t->tl, format};
	return cli_write_stream(command, t->out_path, write_timeline, &job);
}

int cli_timeline_parse(const char *command, const char *summary, const GOptionEntry *extra, int *argc,
                         char ***argv, cli_timeline_args *t)
{
	t->a.staleness = INT_MIN;
	t->grid = (cli_grid_args)CLI_GRID_ARGS_INIT;
	cli_query_args *a = &t->a;
	const GOptionEntry shared[] = {
	    {"actor", 'a', 0, G_OPTION_ARG_STRING, &a->actor, "The actor whose forces are counted (id)", "A"},
	    {"region", 'r', 0, G_OPTION_ARG_STRING, &a->region, "The region (id)", "R"},
	    {"measure", 'm', 0, G_OPTION_ARG_STRING, &a->measure, "What is counted (default personnel)", "M"},
	    {"from", 0, 0, G_OPTION_ARG_STRING, &t->grid.from, "The first date (its first day)", "T1"},
	    {"to", 0, 0, G_OPTION_ARG_STRING, &t->grid.to, "The last date (its last day)", "T2"},
	    {"step", 0, 0, G_OPTION_ARG_STRING, &t->grid.step, "Days between points: \"7d\", \"1w\" (default 7d)",
	     "N"},
	    {"known-on", 'k', 0, G_OPTION_ARG_STRING, &a->known_on,
	     "Every point knows only what was reported by the end of K (default: what was reported "
	     "by its own date)",
	     "K"},
	    {"hindsight", 0, 0, G_OPTION_ARG_NONE, &t->grid.hindsight,
	     "Every point uses everything in FILE, reported later or not", NULL},
	    {"keep-pairs", 0, 0, G_OPTION_ARG_NONE, &t->grid.keep_pairs,
	     "List the disagreeing pairs of every point (default: count them)", NULL},
	    {"window", 0, 0, G_OPTION_ARG_STRING, &t->grid.window,
	     "Compare each point with the earliest one with an estimate this long before (default 30d)", "N"},
	    {"threshold", 0, 0, G_OPTION_ARG_DOUBLE, &t->grid.threshold,
	     "Alert when best moves by more than this fraction (default 0.1)", "F"},
	    {"method", 0, 0, G_OPTION_ARG_STRING, &a->method, "weighted (default), median or latest", "METHOD"},
	    {"no-rollup", 0, 0, G_OPTION_ARG_NONE, &a->no_rollup, "Count only claims about exactly A in exactly R",
	     NULL},
	    {"include-projections", 0, 0, G_OPTION_ARG_NONE, &a->include_projections, "Count projections as well",
	     NULL},
	    {"staleness", 0, 0, G_OPTION_ARG_INT, &a->staleness,
	     "Claims observed more than DAYS before a point are stale (default 90; negative: never)", "DAYS"},
	    {"half-life", 0, 0, G_OPTION_ARG_DOUBLE, &a->half_life,
	     "A claim's weight halves for every DAYS of its age (default 14)", "DAYS"},
	    {"max-pairs", 0, 0, G_OPTION_ARG_INT, &a->max_pairs,
	     "List at most N disagreeing pairs, the heaviest first (default 20)", "N"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &t->out_path,
	     "Write to OUT, atomically (default: standard output)", "OUT"},
	};
	/* The shared options, the command's own, the FILE, the end. */
	GArray *entries = g_array_new(TRUE, TRUE, sizeof(GOptionEntry));
	g_array_append_vals(entries, shared, G_N_ELEMENTS(shared));
	for (const GOptionEntry *e = extra; e && e->long_name; e++)
		g_array_append_vals(entries, e, 1);
	const GOptionEntry files = {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a->files, NULL, "FILE"};
	g_array_append_vals(entries, &files, 1);
	int ok = cli_parse_options(command, summary, (GOptionEntry *)(void *)entries->data, argc, argv);
	g_array_free(entries, TRUE);
	return ok ? -1 : EXIT_USAGE;
}

int cmd_timeline(int argc, char **argv)
{
	cli_timeline_args t;
	memset(&t, 0, sizeof t);
	ft_timeline_init(&t.tl);
	char *format_text = NULL;
	gboolean json = FALSE;
	const GOptionEntry own[] = {
	    {"format", 'f', 0, G_OPTION_ARG_STRING, &format_text, "text (default), json, csv or svg", "FORMAT"},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "Print one JSON object (--format json)", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	int status = cli_timeline_parse(
	    "timeline",
	    "Estimates actor A in region R at every step from T1 to T2 (UTC days) and raises\n"
	    "an alert where best moved by more than the threshold within the window, with\n"
	    "the claims that moved it (docs/estimation.md, section 8).\n\n"
	    "--json prints one object: actor, region, measure, known_on, method, from, to,\n"
	    "step_days, window_days, threshold, points (estimates as printed by\n"
	    "'forcetrack estimate --json', each with its date in \"at\") and alerts [{from,\n"
	    "to, change, relative, claims}]. --format svg draws the chart that\n"
	    "'forcetrack chart' draws.",
	    own, &argc, &argv, &t);
	if (status >= 0)
		goto cleanup;
	ft_format format = json ? FT_FORMAT_JSON : FT_FORMAT_TEXT;
	if (format_text && (ft_format_parse(format_text, &format) != 0 ||
	                    (format != FT_FORMAT_TEXT && format != FT_FORMAT_JSON && format != FT_FORMAT_CSV &&
	                     format != FT_FORMAT_SVG))) {
		status = cli_usage_error("timeline", "--format: one of text, json, csv, svg");
		goto cleanup;
	}
	if (json && format != FT_FORMAT_JSON) {
		status = cli_usage_error("timeline", "--json and --format ask for two formats: give one");
		goto cleanup;
	}
	status = cli_timeline_run("timeline", &t, format);

cleanup:
	g_free(format_text);
	cli_timeline_args_clear(&t);
	return status;
}
