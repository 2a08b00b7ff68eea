/*
 * ft-bench: the benchmark program of libforcetrack. It builds synthetic
 * datasets of N claims through the public API (a fixed-seed generator, so
 * every run measures the same data), saves them, and measures what a user
 * waits for: loading a document, one estimate, an estimate for every
 * (subject, region, measure) group found in the claims, and a year-long
 * daily timeline. Each N is measured in a forked child so that peak memory
 * belongs to that N alone; the dataset is generated in another child
 * first, so the generator's memory never counts as the loader's. Results
 * are an aligned table, or JSON lines with --json. Performance is measured
 * here and nowhere else: the tests assert no timings (STYLE.md).
 *
 * `lines` measures loading against the targets of the project's issue:
 * JSON Lines against Jansson parsing the same lines alone, serial against
 * two threads, and the document's peak memory against Jansson's own tree,
 * each figure in a fresh child; then `compare` times a plain Python script
 * (compare.py) against the library on the same data.
 *
 *     ft-bench run [--json] [--max-seconds S] [N...]
 *     ft-bench lines [--json] [--repeat R] [N...]
 *     ft-bench compare [--json] [N...]
 *     ft-bench generate [--lines] N FILE
 *     ft-bench load [--threads T] FILE
 */
#include "bench.h"

#include <glib.h>
#include <jansson.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
    "Usage: ft-bench COMMAND [OPTION...]\n"
    "\n"
    "Commands:\n"
    "  run [--json] [--max-seconds S] [--alert-threshold F] [--seed X] [N...]\n"
    "                                                    measure load, estimates, timelines\n"
    "                                                    (default N: 10000 100000 1000000)\n"
    "  lines [--json] [--repeat R] [--seed X] [N...]     JSON Lines and document loads against\n"
    "                                                    Jansson alone and the targets, then compare\n"
    "                                                    (default N: 100000 1000000)\n"
    "  compare [--json] [--seed X] [N...]                the library against bench/compare.py, a\n"
    "                                                    plain Python script, on the same JSON Lines\n"
    "  generate [--seed X] [--lines] N FILE              write the synthetic dataset of N claims\n"
    "  load [--threads T] [--encoding E] FILE            load FILE once (for profilers)\n"
    "\n"
    "Run 'ft-bench COMMAND --help' for the options of one command.\n";

/* ---- commands ------------------------------------------------------------- */

int main(int argc, char **argv)
{
	setlocale(LC_CTYPE, "");
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
		fputs(usage_text, stdout);
		return EXIT_SUCCESS;
	}
	int status;
	if (strcmp(name, "run") == 0) {
		status = bench_cmd_run(argc - 1, argv + 1);
	} else if (strcmp(name, "generate") == 0) {
		status = bench_cmd_generate(argc - 1, argv + 1);
	} else if (strcmp(name, "lines") == 0) {
		status = bench_cmd_lines(argc - 1, argv + 1);
	} else if (strcmp(name, "compare") == 0) {
		status = bench_cmd_compare(argc - 1, argv + 1);
	} else if (strcmp(name, "load") == 0) {
		status = bench_cmd_load(argc - 1, argv + 1);
	} else {
		fprintf(stderr, "ft-bench: unknown command '%s'\n%s", name, usage_text);
		return EXIT_USAGE;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("ft-bench: error writing to standard output\n", stderr);
		return EXIT_FAILED;
	}
	return status;
}
