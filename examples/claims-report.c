/*
 * claims-report: every claim of a dataset as Markdown, under a heading per
 * region and per actor whose forces it counts: who said it and who carried
 * it, the figure as said, when, the grades, what superseded or retracted
 * it, its link, and its words as a block quote. It is the first thing an
 * analyst reads of a new dataset ("who said what about whom, and when"),
 * and it shows how little a program needs: load with an error a person can
 * act on, then hand the dataset to ft_dataset_write_claims(), which
 * escapes the dataset's text for Markdown.
 *
 *     claims-report examples/data/spring-2021.json > claims.md
 *     claims-report --help
 */
#include <forcetrack.h>

#include <stdio.h>
#include <string.h>

static const char usage_text[] =
    "usage: claims-report FILE\n"
    "\n"
    "Every claim of FILE as Markdown (CommonMark with GitHub's tables), under a\n"
    "heading per region and per actor whose forces it counts, in the order of\n"
    "FILE: a list item per claim with the figure as said, its measure and kind,\n"
    "when it was observed and reported, who said it and who carried it, the\n"
    "grades, what it supersedes and what superseded it, its retraction and\n"
    "disputes, its link and tags, and the words quoted as a block quote.\n"
    "\n"
    "  --help   this text\n";

int main(int argc, char **argv)
{
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: claims-report FILE (--help for more)\n");
		return 2;
	}

	/* A load either gives a complete, checked dataset or NULL and the
	 * first problem, which ft_error_format turns into one line. That line
	 * can go to a terminal as it is: the data a message quotes has its
	 * control and bidirectional characters shown as escapes (\u202e). */
	ft_error err;
	ft_error_clear(&err);
	ft_dataset *ds = ft_dataset_load_file(argv[1], NULL, &err);
	if (!ds) {
		char line[1024];
		ft_error_format(&err, line, sizeof line);
		fprintf(stderr, "%s\n", line);
		return 1;
	}

	/* A dataset without a title is named by its file. */
	ft_dataset_info info = FT_DATASET_INFO_INIT;
	ft_dataset_describe(ds, &info);
	ft_render_options opts = FT_RENDER_OPTIONS_INIT;
	opts.title = info.title ? info.title : argv[1];
	int status = 0;
	if (ft_dataset_write_claims(ds, FT_FORMAT_MARKDOWN, &opts, stdout, &err) != 0 ||
	    fflush(stdout) != 0) {
		char line[1024];
		ft_error_format(&err, line, sizeof line);
		fprintf(stderr, "claims-report: %s\n", err.code ? line : "cannot write the report");
		status = 1;
	}
	ft_dataset_free(ds);
	return status;
}
