/*
 * The forcetrack command-line program: checks datasets (validate), rewrites
 * them in canonical form (fmt), summarises what they hold (stats), and
 * turns their claims into explained estimates (estimate) and timelines with
 * build-up alerts (timeline, and as an SVG chart: chart), writes situation
 * reports (report) and CSV and GeoJSON exports (export), converts between
 * the document and JSON Lines encodings (convert) and appends entity lines
 * to a JSON Lines file safely (append). Every command reads either
 * encoding, decided by the content.
 * This file holds the table of commands and runs the one asked for; each
 * lives in its own cmd_<name>.c, over the helpers of cli.c. Problems with
 * the data go to stdout, one line each, beginning with the file name, so
 * that they can be grepped and counted; mistakes in the command line go to
 * stderr, and so does an actor or region the dataset does not hold. Exit
 * status: 0 success, 1 a dataset is invalid, names something it does not
 * hold, or an operation failed, 2 the command line is wrong.
 */
#include "cli.h"

#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "Usage: forcetrack COMMAND [OPTION...] FILE...\n"
    "\n"
    "Commands:\n"
    "  validate [--quiet] [--strict] FILE...   check datasets: every problem, then warnings\n"
    "  fmt FILE [-o OUT | --in-place] [--check] rewrite a dataset in canonical form\n"
    "  stats FILE                              count what a dataset holds\n"
    "  estimate FILE --actor A --region R [--at T] [--known-on K] [--json]\n"
    "                                          best figure, range and the claims behind it\n"
    "  timeline FILE --actor A --region R --from T1 --to T2 [--step 7d]\n"
    "           [--known-on K | --hindsight] [--format text|json|csv|svg] [-o OUT]\n"
    "                                          estimates over time as known then, with alerts\n"
    "  chart FILE --actor A --region R --from T1 --to T2 [--step 7d]\n"
    "           [--known-on K | --hindsight] [-o OUT.svg]\n"
    "                                          the timeline as an SVG chart\n"
    "  convert IN OUT [--to lines|document]    rewrite a dataset in the other encoding\n"
    "  snapshot IN OUT.ftsnap                  save a dataset as a binary snapshot that loads fast\n"
    "  append FILE.jsonl LINES...              add entity lines to a JSON Lines file\n"
    "  report FILE [--at T] [--known-on K] [--format text|md|html|json] [-o OUT]\n"
    "                                          the situation report: every region and actor\n"
    "  export FILE --to csv|geojson [--what claims|estimates|timeline] [--at T]\n"
    "         [--from T1 --until T2 [--step 7d]] [--actor A --region R] [-o OUT]\n"
    "                                          CSV for spreadsheets, GeoJSON for map layers\n"
    "  help [COMMAND]                          this overview, or the options of COMMAND\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help\n"
    "  -V, --version  show the program and format versions\n"
    "\n"
    "Run 'forcetrack help COMMAND' or 'forcetrack COMMAND --help' for the options of one command.\n";

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
    {"validate", cmd_validate}, {"fmt", cmd_fmt},         {"stats", cmd_stats},   {"estimate", cmd_estimate},
    {"timeline", cmd_timeline}, {"convert", cmd_convert}, {"append", cmd_append},   {"report", cmd_report},
    {"export", cmd_export},
    {"chart", cmd_chart},
    {"snapshot", cmd_snapshot},
};

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

/* One line on stderr, with the command it is most likely a typo of. */
static int unknown_command(const char *name)
{
	const char *names[G_N_ELEMENTS(commands)];
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		names[i] = commands[i].name;
	const char *guess = ft_suggest(name, names, G_N_ELEMENTS(commands));
	fputs("forcetrack: unknown command '", stderr);
	cli_print_clean(stderr, name);
	fputc('\'', stderr);
	if (guess)
		fprintf(stderr, " (did you mean '%s'?)", guess);
	fputs("; 'forcetrack help' lists the commands\n", stderr);
	return EXIT_USAGE;
}

/* forcetrack help [COMMAND]: the overview, or what COMMAND --help prints
 * (GOption prints it and exits 0). */
static int help(int argc, char **argv)
{
	if (argc < 3 || strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0) {
		fputs(usage_text, stdout);
		return EXIT_SUCCESS;
	}
	if (argc > 3) {
		fputs("forcetrack help: one COMMAND at most\nTry 'forcetrack help'.\n", stderr);
		return EXIT_USAGE;
	}
	const struct command *c = find_command(argv[2]);
	if (!c)
		return unknown_command(argv[2]);
	char flag[] = "--help";
	char *args[] = {argv[2], flag, NULL};
	return c->run(2, args);
}

int main(int argc, char **argv)
{
	/* Under a file-size limit the kernel would kill the process in the
	 * middle of a save; ignored, the signal becomes an EFBIG write error
	 * that the library reports and recovers from (no partial file). */
#ifdef SIGXFSZ
	signal(SIGXFSZ, SIG_IGN);
#endif
	/* Only the character set: GLib then prints --help in the user's
	 * encoding, while numbers keep the C locale's form. */
	setlocale(LC_CTYPE, "");
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	int status;
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
		status = help(argc, argv);
	} else if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		printf("forcetrack %s (format %s)\n", ft_version(), FT_FORMAT_STRING);
		status = EXIT_SUCCESS;
	} else {
		const struct command *c = find_command(name);
		if (!c)
			return unknown_command(name);
		/* The command sees itself as argv[0], as GOption expects. */
		status = c->run(argc - 1, argv + 1);
	}

	/* Output that did not reach its destination (a full disk, a closed
	 * pipe) is a failure, not a silent success. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("forcetrack: error writing to standard output\n", stderr);
		return EXIT_INVALID;
	}
	return status;
}
