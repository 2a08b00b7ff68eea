/*
 * forcetrack export: a dataset's claims, estimates or a timeline as a table
 * for spreadsheets and pandas (CSV) or a map layer for QGIS and web maps
 * (GeoJSON). The estimates are the situation report's entries on one date,
 * or on every step of a series of dates (one table, or one collection whose
 * features a map's time slider plays in turn); a series is one situation
 * report per date, made and released here, which the library writes as
 * one. --to names the format, as `convert --to` names an encoding, so the
 * last date of a series is --until.
 */
#include "cli.h"

#include <limits.h>
#include <string.h>

/* What is exported; an option names the ones it applies to. */
enum { CLAIMS = 1, ESTIMATES = 2, TIMELINE = 4 };

static const char *const what_names[] = {"claims", "estimates", "timeline"};

/* A series longer than this is almost surely a mistake in --step, and
 * would hold as many reports at once; the library's timelines stop at the
 * same number of points. */
#define MAX_DATES 100000

/* The regions of `series` that have no geometry, on stderr: "3 regions
 * have no geometry and are not in the GeoJSON: ua-border, UA, donbas". */
static void say_without_geometry(ft_situation *const *series, size_t n)
{
	size_t total = 0;
	for (size_t k = 0; k < n; k++)
		total += ft_situation_regions_without_geometry(series[k]);
	if (total == 0)
		return;
	GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	GPtrArray *ids = g_ptr_array_new();
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < ft_situation_entry_count(series[k]); i++) {
			const ft_region *r = ft_situation_entry_at(series[k], i)->region;
			ft_region_desc d = FT_REGION_DESC_INIT;
			ft_region_describe(r, &d);
			if (d.geometry || !g_hash_table_add(seen, (gpointer)(uintptr_t)r))
				continue;
			g_ptr_array_add(ids, (gpointer)(uintptr_t)ft_region_id(r));
		}
	/* Ids hold only [A-Za-z0-9._:-]: nothing to make safe. */
	fprintf(stderr, "forcetrack export: %u region%s no geometry and %s not in the GeoJSON: ", ids->len,
	        ids->len == 1 ? " has" : "s have", ids->len == 1 ? "is" : "are");
	for (guint i = 0; i < ids->len && i < 5; i++)
		fprintf(stderr, "%s%s", i ? ", " : "", (const char *)g_ptr_array_index(ids, i));
	if (ids->len > 5)
		fprintf(stderr, " and %u more", ids->len - 5);
	fputc('\n', stderr);
	g_ptr_array_free(ids, TRUE);
	g_hash_table_destroy(seen);
}

/* The situation reports of the dates asked for (one, or the series of the
 * grid in `grid`), into `reports`. Returns -1 when made, or the exit
 * status. */
static int make_reports(ft_dataset *ds, const ft_time *at, const ft_timeline_options *grid, int series,
                        const ft_estimate_options *est, unsigned threads, GPtrArray *reports)
{
	ft_situation_options so = FT_SITUATION_OPTIONS_INIT;
	so.threads = threads;
	so.known_on = est->known_on;
	so.estimate = est;
	ft_error err;
	ft_error_clear(&err);
	int64_t step = (int64_t)grid->step_days * INT64_C(86400000000);
	int64_t first = series ? ft_time_start(&grid->from) : 0;
	int64_t last = series ? ft_time_start(&grid->to) : 0;
	for (int64_t day = first; day <= last; day += step) {
		if (series)
			ft_time_day_nearest(day, &so.at);
		else
			so.at = *at;
		ft_situation *s = NULL;
		if (ft_situation_new(ds, &so, &s, &err) != 0) {
			cli_report_failure("export", &err);
			return EXIT_INVALID;
		}
		g_ptr_array_add(reports, s);
		if (!series)
			break;
	}
	return -1;
}

/* What is written, once everything it needs is made. */
typedef struct export_job {
	int what;
	ft_format format;
	const ft_dataset *ds;
	GPtrArray *reports; /* ESTIMATES */
	const ft_timeline *tl; /* TIMELINE */
} export_job;

static int write_export(FILE *fp, void *payload, ft_error *err)
{
	const export_job *job = payload;
	switch (job->what) {
	case CLAIMS: return ft_dataset_write_claims(job->ds, job->format, NULL, fp, err);
	case TIMELINE: return ft_timeline_write(job->tl, job->format, NULL, fp, err);
	default:
		return ft_situation_series_write((const ft_situation *const *)job->reports->pdata, job->reports->len,
		                                 job->format, NULL, fp, err);
	}
}

int cmd_export(int argc, char **argv)
{
	cli_query_args a = {0};
	a.staleness = INT_MIN;
	cli_grid_args t = CLI_GRID_ARGS_INIT;
	int threads = 0;
	char *format_text = NULL, *what_text = NULL, *at_text = NULL, *out_path = NULL;
	GOptionEntry entries[] = {
	    {"to", 0, 0, G_OPTION_ARG_STRING, &format_text, "The format: csv or geojson (required)",
	     "FORMAT"},
	    {"what", 'w', 0, G_OPTION_ARG_STRING, &what_text,
	     "claims (CSV), estimates (the default: every region and actor, as the situation report "
	     "has them) or timeline (CSV, of --actor in --region)",
	     "WHAT"},
	    {"at", 't', 0, G_OPTION_ARG_STRING, &at_text,
	     "Estimates: the date T (default: the day of the latest report in FILE)", "T"},
	    {"from", 0, 0, G_OPTION_ARG_STRING, &t.from,
	     "Estimates: a series of dates from T1 (its first day); timeline: the first date", "T1"},
	    {"until", 0, 0, G_OPTION_ARG_STRING, &t.to,
	     "The last date of a series or timeline (its last day)", "T2"},
	    {"step", 0, 0, G_OPTION_ARG_STRING, &t.step, "Days between dates: \"7d\", \"1w\" (default 7d)",
	     "N"},
	    {"known-on", 'k', 0, G_OPTION_ARG_STRING, &a.known_on,
	     "Use only what was reported by the end of K (default: each date as known on that date)", "K"},
	    {"actor", 'a', 0, G_OPTION_ARG_STRING, &a.actor,
	     "Timeline: the actor whose forces are counted (id)", "A"},
	    {"region", 'r', 0, G_OPTION_ARG_STRING, &a.region, "Timeline: the region (id)", "R"},
	    {"measure", 'm', 0, G_OPTION_ARG_STRING, &a.measure,
	     "Timeline: what is counted (default personnel)", "M"},
	    {"hindsight", 0, 0, G_OPTION_ARG_NONE, &t.hindsight,
	     "Timeline: every point uses everything in FILE, reported later or not", NULL},
	    {"window", 0, 0, G_OPTION_ARG_STRING, &t.window,
	     "Timeline: alerts compare each point with the earliest one with an estimate this long before "
	     "(default 30d)",
	     "N"},
	    {"threshold", 0, 0, G_OPTION_ARG_DOUBLE, &t.threshold,
	     "Timeline: alert when best moves by more than this fraction (default 0.1)", "F"},
	    {"no-rollup", 0, 0, G_OPTION_ARG_NONE, &a.no_rollup,
	     "Timeline: count only claims about exactly A in exactly R", NULL},
	    {"method", 0, 0, G_OPTION_ARG_STRING, &a.method, "weighted (default), median or latest",
	     "METHOD"},
	    {"include-projections", 0, 0, G_OPTION_ARG_NONE, &a.include_projections,
	     "Count projections (planned or expected forces) as well", NULL},
	    {"staleness", 0, 0, G_OPTION_ARG_INT, &a.staleness,
	     "Claims observed more than DAYS before a date are stale (default 90; negative: never)", "DAYS"},
	    {"half-life", 0, 0, G_OPTION_ARG_DOUBLE, &a.half_life,
	     "A claim's weight halves for every DAYS of its age (default 14)", "DAYS"},
	    {"threads", 'j', 0, G_OPTION_ARG_INT, &threads,
	     "Estimates: compute the figures on N threads while the table is written (default: one per "
	     "core, at most 64; 1: none). The table is the same",
	     "N"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path,
	     "Write to OUT, atomically (default: standard output)", "OUT"},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a.files, NULL, "FILE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	cli_query q = {NULL, NULL, NULL, NULL, FT_ESTIMATE_OPTIONS_INIT};
	ft_timeline tl = FT_TIMELINE_INIT;
	ft_timeline_options topts = FT_TIMELINE_OPTIONS_INIT;
	ft_format format = FT_FORMAT_CSV;
	GPtrArray *reports = g_ptr_array_new_with_free_func((GDestroyNotify)ft_situation_free);
	size_t what_index = 1;
	int what = ESTIMATES;
	int status;

	if (!cli_parse_options(
	        "export",
	        "Writes the claims of FILE, the estimates of every region and actor on a date or a\n"
	        "series of dates, or a timeline of one actor in one region, as CSV (RFC 4180,\n"
	        "UTF-8, CRLF, a header row; a cell a spreadsheet would run as a formula begins\n"
	        "with ') or as GeoJSON (RFC 7946: a feature per estimate whose region has a\n"
	        "geometry, with start and end times for a map's time slider). The columns and\n"
	        "properties are in docs/reports.md.",
	        entries, &argc, &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (!a.files || !a.files[0] || a.files[1]) {
		status = cli_usage_error("export", "exactly one FILE is needed");
		goto cleanup;
	}
	if (!format_text) {
		status = cli_usage_error("export", "--to is needed: csv or geojson");
		goto cleanup;
	}
	if (ft_format_parse(format_text, &format) != 0 ||
	    (format != FT_FORMAT_CSV && format != FT_FORMAT_GEOJSON)) {
		status = cli_usage_error("export", "--to: csv or geojson");
		goto cleanup;
	}
	if (what_text) {
		for (what_index = 0; what_index < G_N_ELEMENTS(what_names); what_index++)
			if (strcmp(what_text, what_names[what_index]) == 0)
				break;
		what = 1 << what_index;
		if (what_index == G_N_ELEMENTS(what_names)) {
			status = cli_usage_error("export", "--what: claims, estimates or timeline");
			goto cleanup;
		}
	}
	if (format == FT_FORMAT_GEOJSON && what != ESTIMATES) {
		status =
		    cli_usage_error("export", "--to geojson maps the estimates: --what claims and timeline "
		                              "are CSV only");
		goto cleanup;
	}
	/* An option that does not apply to what is exported is a mistake to
	 * say, not one to ignore. */
	const struct {
		const char *name;
		int given;
		int applies;
	} options[] = {
	    {"--at", at_text != NULL, ESTIMATES},
	    {"--from", t.from != NULL, ESTIMATES | TIMELINE},
	    {"--until", t.to != NULL, ESTIMATES | TIMELINE},
	    {"--step", t.step != NULL, ESTIMATES | TIMELINE},
	    {"--known-on", a.known_on != NULL, ESTIMATES | TIMELINE},
	    {"--actor", a.actor != NULL, TIMELINE},
	    {"--region", a.region != NULL, TIMELINE},
	    {"--measure", a.measure != NULL, TIMELINE},
	    {"--hindsight", t.hindsight, TIMELINE},
	    {"--window", t.window != NULL, TIMELINE},
	    {"--threshold", t.threshold != FT_TIMELINE_THRESHOLD, TIMELINE},
	    {"--no-rollup", a.no_rollup, TIMELINE},
	    {"--method", a.method != NULL, ESTIMATES | TIMELINE},
	    {"--include-projections", a.include_projections, ESTIMATES | TIMELINE},
	    {"--staleness", a.staleness != INT_MIN, ESTIMATES | TIMELINE},
	    {"--half-life", a.half_life != 0, ESTIMATES | TIMELINE},
	    {"--threads", threads != 0, ESTIMATES},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(options); i++)
		if (options[i].given && !(options[i].applies & what)) {
			char *message = g_strdup_printf("%s does not apply to --what %s", options[i].name,
			                                what_names[what_index]);
			status = cli_usage_error("export", message);
			g_free(message);
			goto cleanup;
		}

	ft_error err;
	ft_error_clear(&err);
	if (what == TIMELINE) {
		status = cli_grid_args_check("export", "--until", &t, &a, &topts);
		if (status >= 0)
			goto cleanup;
		status = cli_prepare_query("export", &a, &q);
		if (status >= 0)
			goto cleanup;
		topts.estimate = q.opts;
		if (ft_timeline_compute(q.ds, q.actor, q.region, q.measure, &topts, &tl, &err) != 0) {
			cli_report_failure("export", &err);
			status = EXIT_INVALID;
			goto cleanup;
		}
	} else {
		/* Claims and estimates take FILE alone. */
		ft_time at = {0, 0, 0, 0, 0};
		int series = t.from || t.to || t.step;
		if (at_text && series) {
			status = cli_usage_error(
			    "export", "--at gives one date, --from and --until a series: give one");
			goto cleanup;
		}
		if (series && (status = cli_grid_args_check("export", "--until", &t, &a, &topts)) >= 0)
			goto cleanup;
		if (series && (ft_time_start(&topts.to) - ft_time_start(&topts.from)) / INT64_C(86400000000) /
		                      topts.step_days >=
		                  MAX_DATES) {
			status = cli_usage_error("export",
			                         "--from, --until and --step make more than 100000 dates");
			goto cleanup;
		}
		if (at_text && !cli_parse_time_arg("export", "--at", at_text, &at)) {
			status = EXIT_USAGE;
			goto cleanup;
		}
		if ((status = cli_estimate_args("export", &a, &q.opts)) >= 0)
			goto cleanup;
		if (threads < 0 || threads > 64) {
			status = cli_usage_error("export", "--threads: from 1 to 64");
			goto cleanup;
		}
		q.ds = cli_load_reporting(a.files[0]);
		if (!q.ds) {
			status = EXIT_INVALID;
			goto cleanup;
		}
		if (what == ESTIMATES && (status = make_reports(q.ds, &at, &topts, series, &q.opts, cli_threads(threads), reports)) >= 0)
			goto cleanup;
	}
	export_job job = {what, format, q.ds, reports, &tl};
	status = cli_write_stream("export", out_path, write_export, &job);
	if (status == EXIT_SUCCESS && what == ESTIMATES && format == FT_FORMAT_GEOJSON)
		say_without_geometry((ft_situation *const *)reports->pdata, reports->len);

cleanup:
	g_ptr_array_free(reports, TRUE);
	ft_timeline_clear(&tl);
	ft_dataset_free(q.ds);
	g_free(format_text);
	g_free(what_text);
	g_free(at_text);
	g_free(out_path);
	cli_grid_args_clear(&t);
	cli_query_args_clear(&a);
	return status;
}
