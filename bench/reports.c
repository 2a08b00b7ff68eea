/*
 * The `reports` mode of ft-bench: what each report format costs on the
 * synthetic dataset of N claims. For each N it loads the dataset once (in
 * a child of its own, as `run` does), then times, one after another: the
 * situation report's model (ft_situation_new), the report in every format
 * a situation report has, the claims in every format they have, and the
 * timeline of the largest group over a year by weeks in every format a
 * timeline has. Each figure is the wall time of one render into a string
 * and the size of the text it made; a format this build of the library
 * does not have is listed as such, not timed.
 */
#include "bench.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* The report's date: the generator's claims are reported over 2021-2022. */
#define REPORT_AT "2022-06-30"

/* What one render measured. */
typedef struct render_row {
	char what[48];
	double seconds;
	double bytes; /* < 0: the format is not there, or the render failed */
	char note[160];
} render_row;

#define MAX_ROWS 24

typedef struct reports_result {
	double load_s;
	size_t entries;
	size_t n_rows;
	render_row rows[MAX_ROWS];
} reports_result;

typedef struct reports_args {
	const char *path;
} reports_args;

static render_row *add_row(reports_result *r, const char *what)
{
	render_row *row = &r->rows[r->n_rows++];
	memset(row, 0, sizeof *row);
	g_strlcpy(row->what, what, sizeof row->what);
	return row;
}

/* Times one render, `text` being what it gave (NULL: it failed). The
 * memory it freed is given back before the next render begins: otherwise
 * the allocator's clean-up after a render that freed millions of small
 * blocks (the JSON formats' trees) lands in the next render's time. */
static void finish_row(render_row *row, double t0, char *text, const ft_error *err)
{
	row->seconds = bench_now_s() - t0;
	if (!text) {
		row->bytes = -1;
		g_strlcpy(row->note, err->text, sizeof row->note);
		return;
	}
	row->bytes = (double)strlen(text);
	ft_free(text);
	bench_release_free_memory();
}

static void measure_reports(const void *argp, void *outp)
{
	const reports_args *a = argp;
	reports_result *r = outp;
	double t0 = bench_now_s();
	ft_dataset *ds = bench_load_with(a->path, FT_ENCODING_AUTO, 1);
	r->load_s = bench_now_s() - t0;
	ft_error err;

	ft_situation_options so = FT_SITUATION_OPTIONS_INIT;
	so.at = bench_parse_time(REPORT_AT);
	ft_situation *sit = NULL;
	render_row *row = add_row(r, "situation model");
	t0 = bench_now_s();
	if (ft_situation_new(ds, &so, &sit, &err) != 0)
		bench_die("ft_situation_new", &err);
	row->seconds = bench_now_s() - t0;
	r->entries = ft_situation_entry_count(sit);
	g_snprintf(row->note, sizeof row->note, "%zu entries", r->entries);

	static const ft_format situation_formats[] = {FT_FORMAT_TEXT, FT_FORMAT_MARKDOWN, FT_FORMAT_HTML,
	                                              FT_FORMAT_JSON, FT_FORMAT_CSV,      FT_FORMAT_GEOJSON};
	for (size_t i = 0; i < G_N_ELEMENTS(situation_formats); i++) {
		char what[48];
		g_snprintf(what, sizeof what, "situation %s", ft_format_name(situation_formats[i]));
		row = add_row(r, what);
		t0 = bench_now_s();
		finish_row(row, t0, ft_situation_render(sit, situation_formats[i], NULL, &err), &err);
	}
	ft_situation_free(sit);

	static const ft_format claims_formats[] = {FT_FORMAT_MARKDOWN, FT_FORMAT_CSV};
	for (size_t i = 0; i < G_N_ELEMENTS(claims_formats); i++) {
		char what[48];
		g_snprintf(what, sizeof what, "claims %s", ft_format_name(claims_formats[i]));
		row = add_row(r, what);
		t0 = bench_now_s();
		finish_row(row, t0, ft_dataset_render_claims(ds, claims_formats[i], NULL, &err), &err);
	}

	const ft_actor *actor = NULL;
	const ft_region *region = NULL;
	const char *measure = NULL;
	if (bench_largest_group(ds, &actor, &region, &measure)) {
		ft_timeline tl = FT_TIMELINE_INIT;
		ft_timeline_options to = FT_TIMELINE_OPTIONS_INIT;
		to.from = bench_parse_time("2021-07-01");
		to.to = bench_parse_time(REPORT_AT);
		row = add_row(r, "timeline (compute)");
		t0 = bench_now_s();
		if (ft_timeline_compute(ds, actor, region, measure, &to, &tl, &err) != 0)
			bench_die("ft_timeline_compute", &err);
		row->seconds = bench_now_s() - t0;
		g_snprintf(row->note, sizeof row->note, "%s in %s, %s: %zu points", ft_actor_id(actor),
		           ft_region_id(region), measure, ft_timeline_point_count(&tl));
		static const ft_format timeline_formats[] = {FT_FORMAT_TEXT, FT_FORMAT_JSON, FT_FORMAT_CSV,
		                                             FT_FORMAT_SVG};
		for (size_t i = 0; i < G_N_ELEMENTS(timeline_formats); i++) {
			char what[48];
			g_snprintf(what, sizeof what, "timeline %s", ft_format_name(timeline_formats[i]));
			row = add_row(r, what);
			t0 = bench_now_s();
			finish_row(row, t0, ft_timeline_render(&tl, timeline_formats[i], NULL, &err), &err);
		}
		ft_timeline_clear(&tl);
	}
	ft_dataset_free(ds);
}

static void print_result(size_t n, const reports_result *r, int json)
{
	for (size_t i = 0; i < r->n_rows; i++) {
		const render_row *row = &r->rows[i];
		if (json) {
			char *what = g_strescape(row->what, NULL), *note = g_strescape(row->note, NULL);
			printf("{\"n\": %zu, \"what\": \"%s\", \"seconds\": %.4f, \"bytes\": %.0f, \"note\": \"%s\"}\n", n,
			       what, row->seconds, row->bytes, note);
			g_free(what);
			g_free(note);
		} else if (row->bytes < 0) {
			printf("%9zu  %-22s  %9s  %10s  %s\n", n, row->what, "-", "-", row->note);
		} else {
			printf("%9zu  %-22s  %9.3f  %10.1f  %s\n", n, row->what, row->seconds, row->bytes / MB, row->note);
		}
	}
}

static int reports_each(const bench_options *o, const bench_files *f, void *payload)
{
	(void)payload;
	reports_args a = {f->doc_path};
	reports_result r;
	memset(&r, 0, sizeof r);
	if (!bench_run_in_child(measure_reports, &a, &r, sizeof r, "reports", f->n))
		return 0;
	g_printerr("[ft-bench] N=%zu: loaded in %.2f s, %zu entries\n", f->n, r.load_s, r.entries);
	print_result(f->n, &r, o->json);
	return 1;
}

int bench_cmd_reports(int argc, char **argv)
{
	bench_options o;
	bench_options_init(&o);
	GOptionEntry entries[] = {
	    bench_option_json(&o.json), bench_option_seed(&o.seed_text), bench_option_tmpdir(&o.tmpdir),
	    bench_option_keep(&o.keep), bench_option_counts(&o.rest),    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	static const size_t defaults[] = {10000, 100000};
	int status = EXIT_USAGE;
	int ok = 1;
	if (!bench_parse_options("reports",
	                         "Times every report format on synthetic datasets of N claims: the situation "
	                         "report on " REPORT_AT ", the claims, and the largest group's timeline.",
	                         entries, &argc, &argv))
		goto cleanup;
	o.seed = bench_parse_seed(o.seed_text, &ok);
	if (!ok) {
		fprintf(stderr, "ft-bench reports: --seed must be a number\n");
		goto cleanup;
	}
	if (!bench_parse_counts("reports", o.rest, defaults, G_N_ELEMENTS(defaults), o.counts))
		goto cleanup;
	if (!o.json) {
		printf("ft-bench %s reports: situation report on %s, timeline 2021-07-01 to %s by 7 days, seed %" PRIu64
		       "\n",
		       ft_version(), REPORT_AT, REPORT_AT, o.seed);
		printf("%9s  %-22s  %9s  %10s  %s\n", "N", "what", "seconds", "MB", "note");
	}
	status = bench_each_count(&o, 0, reports_each, NULL);

cleanup:
	bench_options_clear(&o);
	return status;
}
