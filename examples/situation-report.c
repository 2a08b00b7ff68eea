/*
 * situation-report: what the claims of a dataset say about the forces in
 * every region on one date, the way an analyst's morning report reads.
 * For each region (parents first, sub-regions indented under them) and
 * each actor that claims are about there, it gives the best estimate with
 * its range, how many independent voices stand behind it, whether they
 * disagree, how the figure moved over the last 7 and 30 days, and the
 * claims that produced it.
 *
 *     situation-report examples/data/buildup-2021-12.json [--at 2021-12-03]
 *                      [--known-on K] [--format text|md|html|json]
 *
 * It is a tour of the report API: ft_situation_new works out which
 * (region, actor, measure) entries the report has, and ft_situation_write
 * writes them in a format, computing each entry's figures as it goes
 * (ft_situation_estimate gives them to a program that wants its own
 * layout: see print_summary). The report is dated T (by default the day of
 * the latest report in the dataset) and written as known on T: claims
 * reported after T are left out, also from the figures for 7 and 30 days
 * before, so that a change is a change in the forces as seen on T, not news
 * that arrived since.
 */
#include <forcetrack.h>

#include <stdio.h>
#include <string.h>

static const char usage_text[] =
    "usage: situation-report FILE [--at T] [--known-on K] [--format text|md|html|json] [--summary]\n"
    "\n"
    "What the claims of FILE say about the forces in every region on one\n"
    "date T, as known on T: per region and actor, the best estimate with its\n"
    "range and voices, its change over 7 and 30 days, and the claims behind\n"
    "it. T is the day --at ends on, by default the day of the latest report.\n"
    "\n"
    "  --at T         the date of the report\n"
    "  --known-on K   every figure as known by the end of K\n"
    "  --format F     text (default), md (Markdown), html (one page with charts)\n"
    "                 or json (one estimate object per entry and line)\n"
    "  --json         the same as --format json\n"
    "  --summary      one line per entry, laid out by this program\n"
    "  --help         this text\n";

static int usage(void)
{
	fprintf(stderr, "usage: situation-report FILE [--at T] [--known-on K] [--format F] (--help for more)\n");
	return 2;
}

/* A time value given on the command line; 0, or 2 after saying why. */
static int parse_time(const char *option, const char *text, ft_time *out)
{
	ft_error err;
	if (ft_time_parse(text, out, &err) == 0)
		return 0;
	char *safe = ft_text_sanitize_terminal(text);
	fprintf(stderr, "situation-report: %s \"%s\": %s\n", option, safe, err.text);
	ft_free(safe);
	return 2;
}

/*
 * A layout of the program's own, from the same entries: one line each,
 * "ua-border  RU  personnel  94,300 (range 84,870-103,730)", indented by
 * depth. It shows what a tool that wants its own table does: read the
 * entries and ask for the figures it needs.
 */
static int print_summary(const ft_situation *sit)
{
	for (size_t i = 0; i < ft_situation_entry_count(sit); i++) {
		const ft_situation_entry *e = ft_situation_entry_at(sit, i);
		ft_estimate est = FT_ESTIMATE_INIT;
		ft_error err;
		if (ft_situation_estimate(sit, i, 0, &est, &err) != 0) {
			fprintf(stderr, "situation-report: %s\n", err.text);
			return 1;
		}
		char fig[160];
		ft_estimate_format(&est, fig, sizeof fig);
		/* Ids and measures are plain ASCII by the format's rules. */
		printf("%*s%s  %s  %s  %s\n", (int)(2 * e->depth), "", ft_region_id(e->region),
		       ft_actor_id(e->actor), e->measure, fig);
		ft_estimate_clear(&est);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = NULL, *at_text = NULL, *known_text = NULL, *format_text = "text";
	int summary = 0;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (strcmp(arg, "--json") == 0)
			format_text = "json";
		else if (strcmp(arg, "--summary") == 0)
			summary = 1;
		else if (strcmp(arg, "--at") == 0 && i + 1 < argc)
			at_text = argv[++i];
		else if (strcmp(arg, "--known-on") == 0 && i + 1 < argc)
			known_text = argv[++i];
		else if (strcmp(arg, "--format") == 0 && i + 1 < argc)
			format_text = argv[++i];
		else if (arg[0] == '-' || path)
			return usage();
		else
			path = arg;
	}
	ft_format format;
	if (!path || ft_format_parse(format_text, &format) != 0)
		return usage();

	ft_situation_options opts = FT_SITUATION_OPTIONS_INIT;
	if ((at_text && parse_time("--at", at_text, &opts.at) != 0) ||
	    (known_text && parse_time("--known-on", known_text, &opts.known_on) != 0))
		return 2;

	ft_error err;
	ft_dataset *ds = ft_dataset_load_file(path, NULL, &err);
	if (!ds) {
		char line[1024];
		ft_error_format(&err, line, sizeof line);
		fprintf(stderr, "%s\n", line);
		return 1;
	}
	ft_situation *sit = NULL;
	int status = 1;
	if (ft_situation_new(ds, &opts, &sit, &err) != 0) {
		fprintf(stderr, "situation-report: %s: %s\n", path, err.text);
		goto done;
	}
	if (summary) {
		status = print_summary(sit);
		goto done;
	}
	/* A dataset without a title is named by its file. */
	ft_dataset_info info = FT_DATASET_INFO_INIT;
	ft_dataset_describe(ds, &info);
	ft_render_options ro = FT_RENDER_OPTIONS_INIT;
	ro.title = info.title ? info.title : path;
	if (ft_situation_write(sit, format, &ro, stdout, &err) != 0) {
		fprintf(stderr, "situation-report: %s\n", err.text);
		goto done;
	}
	status = 0;
done:
	ft_situation_free(sit);
	ft_dataset_free(ds);
	return status;
}
