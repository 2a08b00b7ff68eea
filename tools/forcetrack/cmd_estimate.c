/*
 * forcetrack estimate: the estimate of an actor's forces in a region at a
 * date (by default the day of the dataset's latest report, which the text
 * then says), written by the library as text or, with --json, as JSON.
 */
#include "cli.h"

#include <limits.h>
#include <stdint.h>

/* The day that contains the end of the latest `reported` value of the
 * dataset; -1 when it has no claims. */
static int latest_reported_day(const ft_dataset *ds, ft_time *out)
{
	size_t n = ft_dataset_claim_count(ds);
	if (n == 0)
		return -1;
	int64_t latest = INT64_MIN;
	for (size_t i = 0; i < n; i++) {
		ft_time r = ft_claim_reported(ft_dataset_claim_at(ds, i));
		int64_t end = ft_time_end(&r);
		if (end > latest)
			latest = end;
	}
	return ft_time_day_nearest(latest, out);
}

int cmd_estimate(int argc, char **argv)
{
	cli_query_args a = {0};
	a.staleness = INT_MIN;
	char *at_text = NULL;
	GOptionEntry entries[] = {
	    {"actor", 'a', 0, G_OPTION_ARG_STRING, &a.actor, "The actor whose forces are counted (id)", "A"},
	    {"region", 'r', 0, G_OPTION_ARG_STRING, &a.region, "The region (id)", "R"},
	    {"measure", 'm', 0, G_OPTION_ARG_STRING, &a.measure, "What is counted (default personnel)", "M"},
	    {"at", 't', 0, G_OPTION_ARG_STRING, &at_text,
	     "The date of the estimate (default: the day of the latest report in FILE)", "T"},
	    {"known-on", 'k', 0, G_OPTION_ARG_STRING, &a.known_on,
	     "Use only what was reported by the end of K (default: everything)", "K"},
	    {"method", 0, 0, G_OPTION_ARG_STRING, &a.method, "weighted (default), median or latest",
	     "METHOD"},
	    {"no-rollup", 0, 0, G_OPTION_ARG_NONE, &a.no_rollup,
	     "Count only claims about exactly A in exactly R, not child actors or sub-regions", NULL},
	    {"include-projections", 0, 0, G_OPTION_ARG_NONE, &a.include_projections,
	     "Count projections (planned or expected forces) as well", NULL},
	    {"staleness", 0, 0, G_OPTION_ARG_INT, &a.staleness,
	     "Claims observed more than DAYS before T are stale (default 90; negative: never)", "DAYS"},
	    {"half-life", 0, 0, G_OPTION_ARG_DOUBLE, &a.half_life,
	     "A claim's weight halves for every DAYS of its age (default 14)", "DAYS"},
	    {"max-pairs", 0, 0, G_OPTION_ARG_INT, &a.max_pairs,
	     "List at most N disagreeing pairs, the heaviest first (default 20)", "N"},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &a.json, "Print one JSON object", NULL},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a.files, NULL, "FILE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	cli_query q = {NULL, NULL, NULL, NULL, FT_ESTIMATE_OPTIONS_INIT};
	ft_estimate est = FT_ESTIMATE_INIT;
	int status;

	if (!cli_parse_options(
	        "estimate",
	        "Estimates the forces of actor A in region R at date T from the claims of FILE:\n"
	        "a best figure with its range, the independent voices behind it, whether they\n"
	        "disagree, and every claim looked at with its weight and the rule that placed\n"
	        "it (docs/estimation.md).\n\n"
	        "--json prints one object: actor, region, measure, at, known_on, method, best,\n"
	        "low, high (null when there is no estimate), claims, voices, contested,\n"
	        "inconsistent, disagreements [{a, b}], contributions [{claim, source, voice,\n"
	        "weight, status, stance, credible, low, high, central, rule}] and parts\n"
	        "[{actor, region, own, total, inconsistent}].",
	        entries, &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (at_text && !cli_parse_time_arg("estimate", "--at", at_text, &q.opts.at)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	status = cli_prepare_query("estimate", &a, &q);
	if (status >= 0)
		goto cleanup;

	/* Historic data is about its own time, not today: without --at the
	 * estimate is for the day of the latest report, and says so. */
	int at_defaulted = !at_text;
	if (at_defaulted && latest_reported_day(q.ds, &q.opts.at) != 0) {
		status = cli_usage_error("estimate",
		                         "the dataset has no claims to date the estimate by: give --at");
		goto cleanup;
	}

	ft_error err;
	ft_error_clear(&err);
	int rc = ft_estimate_compute(q.ds, q.actor, q.region, q.measure, &q.opts, &est, &err);
	if (rc != 0) {
		cli_report_failure("estimate", &err);
		status = EXIT_INVALID;
		goto cleanup;
	}
	/* The library writes the report. Without --at the text says which
	 * date was chosen, in a note under its heading. A write that fails is
	 * reported once, by main, as every failed write to stdout is. */
	char at[FT_TIME_BUFSIZE];
	ft_time_format(&q.opts.at, at);
	char *note =
	    at_defaulted
	        ? g_strdup_printf("(%s is the latest reported date in the dataset; --at gives another)", at)
	        : NULL;
	ft_render_options ro = FT_RENDER_OPTIONS_INIT;
	ro.note = note;
	rc = a.json ? ft_estimate_write_json(&est, &ro, stdout, &err)
	            : ft_estimate_write_text(&est, &ro, stdout, &err);
	g_free(note);
	status = rc == 0 ? EXIT_SUCCESS : EXIT_INVALID;

cleanup:
	ft_estimate_clear(&est);
	ft_dataset_free(q.ds);
	g_free(at_text);
	cli_query_args_clear(&a);
	return status;
}
