/*
 * ft-bench, the benchmark program of libforcetrack: performance is
 * measured here, with its own command, and nowhere else (the tests assert
 * no timings, STYLE.md). It builds synthetic datasets through the public
 * API, as an outside program would, and measures what a user waits for.
 * This file holds the table of modes, the usage text and the dispatch;
 * each mode has a file of its own (run.c, lines.c, compare.c, duckdb.c,
 * generate.c, load.c, hostile.c, reports.c, timeline.c, snapshot.c), and
 * what several of them share is declared in bench.h.
 * `ft-bench help MODE` and `ft-bench MODE --help` print the options of
 * one mode.
 */
#include "bench.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

/* Every mode, in the order of the usage text, with its lines there. */
static const struct mode {
	const char *name;
	const char *usage;
	int (*run)(int argc, char **argv);
} modes[] = {
    {"run",
     "  run [--json] [--max-seconds S] [--alert-threshold F] [--seed X] [N...]\n"
     "                                                    measure load, estimates, timelines\n"
     "                                                    (default N: 10000 100000 1000000)\n",
     bench_cmd_run},
    {"lines",
     "  lines [--json] [--repeat R] [--seed X] [N...]     JSON Lines and document loads against\n"
     "                                                    Jansson alone and the targets, then compare\n"
     "                                                    (default N: 100000 1000000)\n",
     bench_cmd_lines},
    {"compare",
     "  compare [--json] [--seed X] [N...]                the library against bench/compare.py, a\n"
     "                                                    plain Python script, on the same JSON Lines\n",
     bench_cmd_compare},
    {"duckdb",
     "  duckdb [--json] [--repeat R] [--seed X] [N...]    the library against DuckDB on the same JSON\n"
     "                                                    Lines: load, every group on 1 and 2 threads\n"
     "                                                    (best of R, default 5), the targets\n"
     "                                                    (default N: 100000 1000000)\n",
     bench_cmd_duckdb},
    {"generate",
     "  generate [--seed X] [--lines] N FILE              write the synthetic dataset of N claims\n",
     bench_cmd_generate},
    {"load", "  load [--threads T] [--encoding E] FILE            load FILE once (for profilers)\n",
     bench_cmd_load},
    {"hostile",
     "  hostile [--json] [--max-seconds S] [--only NAME] [N...]\n"
     "                                                    what hostile shapes of input cost, phase by\n"
     "                                                    phase, with growth exponents\n"
     "                                                    (default N: 1000 10000 100000)\n",
     bench_cmd_hostile},
    {"reports",
     "  reports [--json] [--seed X] [N...]                the time and size of every report format\n"
     "                                                    (default N: 10000 100000)\n",
     bench_cmd_reports},
    {"timeline",
     "  timeline [--json] [--check] [--seed X] [N...]     a daily timeline of a year of the largest group\n"
     "                                                    (default N: 100000 1000000)\n",
     bench_cmd_timeline},
    {"snapshot",
     "  snapshot [--json] [--repeat R] [--seed X] [N...]  the snapshot load against the JSON Lines\n"
     "                                                    load on two threads, and the targets\n"
     "                                                    (default N: 100000 1000000)\n",
     bench_cmd_snapshot},
};

static void print_usage(FILE *fp)
{
	fputs("Usage: ft-bench COMMAND [OPTION...]\n"
	      "\n"
	      "Commands:\n",
	      fp);
	for (size_t i = 0; i < G_N_ELEMENTS(modes); i++)
		fputs(modes[i].usage, fp);
	fputs("\n"
	      "Run 'ft-bench help COMMAND' or 'ft-bench COMMAND --help' for the options of one command.\n",
	      fp);
}

static const struct mode *find_mode(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(modes); i++) {
		if (strcmp(name, modes[i].name) == 0)
			return &modes[i];
	}
	return NULL;
}

static int unknown_mode(const char *name)
{
	fprintf(stderr, "ft-bench: unknown command '%s'; 'ft-bench help' lists them\n", name);
	return EXIT_USAGE;
}

/* `ft-bench help [MODE]`: the overview, or one mode's options. */
static int help(int argc, char **argv)
{
	if (argc == 1) {
		print_usage(stdout);
		return EXIT_SUCCESS;
	}
	if (argc > 2) {
		fputs("ft-bench help: give one command at most\n", stderr);
		return EXIT_USAGE;
	}
	const struct mode *m = find_mode(argv[1]);
	if (!m)
		return unknown_mode(argv[1]);
	/* The mode's own --help, so that the two forms print the same text:
	 * GOption prints it and exits with status 0. */
	static char help_option[] = "--help";
	char *mode_argv[] = {argv[1], help_option, NULL};
	return m->run(2, mode_argv);
}

int main(int argc, char **argv)
{
	setlocale(LC_CTYPE, "");
	if (argc < 2) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
		print_usage(stdout);
		return EXIT_SUCCESS;
	}
	int status;
	if (strcmp(name, "help") == 0) {
		status = help(argc - 1, argv + 1);
	} else {
		const struct mode *m = find_mode(name);
		if (!m)
			return unknown_mode(name);
		/* The mode sees itself as argv[0], as GOption expects. */
		status = m->run(argc - 1, argv + 1);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("ft-bench: error writing to standard output\n", stderr);
		return EXIT_FAILED;
	}
	return status;
}
