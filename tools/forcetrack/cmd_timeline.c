/*
 * forcetrack timeline: estimates on a grid of UTC days with build-up
 * alerts, written by the library as text or, with --json, as JSON.
 */
#include "cli.h"

#include <limits.h>

int cmd_timeline(int argc, char **argv)
{
	cli_query_args a = {0};
	a.staleness = INT_MIN;
	cli_timeline_args t = CLI_TIMELINE_ARGS_INIT;
	GOptionEntry entries[] = {
	    {"actor", 'a', 0, G_OPTION_ARG_STRING, &a.actor, "The actor whose forces are counted (id)", "A"},
	    {"region", 'r', 0, G_OPTION_ARG_STRING, &a.region, "The region (id)", "R"},
	    {"measure", 'm', 0, G_OPTION_ARG_STRING, &a.measure, "What is counted (default personnel)", "M"},
	    {"from", 0, 0, G_OPTION_ARG_STRING, &t.from, "The first date (its first day)", "T1"},
	    {"to", 0, 0, G_OPTION_ARG_STRING, &t.to, "The last date (its last day)", "T2"},
	    {"step", 0, 0, G_OPTION_ARG_STRING, &t.step,
	     "Days between points: \"7d\", \"1w\" (default 7d)", "N"},
	    {"known-on", 'k', 0, G_OPTION_ARG_STRING, &a.known_on,
	     "Every point knows only what was reported by the end of K (default: what was reported "
	     "by its own date)",
	     "K"},
	    {"hindsight", 0, 0, G_OPTION_ARG_NONE, &t.hindsight,
	     "Every point uses everything in FILE, reported later or not", NULL},
	    {"keep-pairs", 0, 0, G_OPTION_ARG_NONE, &t.keep_pairs,
	     "List the disagreeing pairs of every point (default: count them)", NULL},
	    {"window", 0, 0, G_OPTION_ARG_STRING, &t.window,
	     "Compare each point with the earliest one with an estimate this long before (default 30d)", "N"},
	    {"threshold", 0, 0, G_OPTION_ARG_DOUBLE, &t.threshold,
	     "Alert when best moves by more than this fraction (default 0.1)", "F"},
	    {"method", 0, 0, G_OPTION_ARG_STRING, &a.method, "weighted (default), median or latest",
	     "METHOD"},
	    {"no-rollup", 0, 0, G_OPTION_ARG_NONE, &a.no_rollup,
	     "Count only claims about exactly A in exactly R", NULL},
	    {"include-projections", 0, 0, G_OPTION_ARG_NONE, &a.include_projections,
	     "Count projections as well", NULL},
	    {"staleness", 0, 0, G_OPTION_ARG_INT, &a.staleness,
	     "Claims observed more than DAYS before a point are stale (default 90; negative: never)", "DAYS"},
	    {"half-life", 0, 0, G_OPTION_ARG_DOUBLE, &a.half_life,
	     "A claim's weight halves for every DAYS of its age (default 14)", "DAYS"},
	    {"max-pairs", 0, 0, G_OPTION_ARG_INT, &a.max_pairs,
	     "List at most N disagreeing pairs, the heaviest first (default 20)", "N"},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &a.json, "Print one JSON object", NULL},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a.files, NULL, "FILE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	cli_query q = {NULL, NULL, NULL, NULL, FT_ESTIMATE_OPTIONS_INIT};
	ft_timeline tl = FT_TIMELINE_INIT;
	ft_timeline_options topts = FT_TIMELINE_OPTIONS_INIT;
	int status;

	if (!cli_parse_options(
	        "timeline",
	        "Estimates actor A in region R at every step from T1 to T2 (UTC days) and raises\n"
	        "an alert where best moved by more than the threshold within the window, with\n"
	        "the claims that moved it (docs/estimation.md, section 8).\n\n"
	        "--json prints one object: actor, region, measure, known_on, method, from, to,\n"
	        "step_days, window_days, threshold, points (estimates as printed by\n"
	        "'forcetrack estimate --json', each with its date in \"at\") and alerts [{from,\n"
	        "to, change, relative, claims}].",
	        entries, &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	status = cli_timeline_args_check("timeline", "--to", &t, &a, &topts);
	if (status >= 0)
		goto cleanup;
	status = cli_prepare_query("timeline", &a, &q);
	if (status >= 0)
		goto cleanup;

	topts.estimate = q.opts;
	ft_error err;
	ft_error_clear(&err);
	int rc = ft_timeline_compute(q.ds, q.actor, q.region, q.measure, &topts, &tl, &err);
	if (rc != 0) {
		cli_report_failure("timeline", &err);
		status = EXIT_INVALID;
		goto cleanup;
	}
	rc = a.json ? ft_timeline_write_json(&tl, NULL, stdout, &err)
	            : ft_timeline_write_text(&tl, NULL, stdout, &err);
	status = rc == 0 ? EXIT_SUCCESS : EXIT_INVALID;

cleanup:
	ft_timeline_clear(&tl);
	ft_dataset_free(q.ds);
	cli_timeline_args_clear(&t);
	cli_query_args_clear(&a);
	return status;
}
