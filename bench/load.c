/*
 * The `load` mode of ft-bench: one load of FILE, with the time, the CPU
 * time of every thread, the peak and the held memory, and nothing else
 * around it, so that it is the command to put under a profiler (perf,
 * heaptrack; bench/README.md shows how). --threads and --encoding pass
 * straight to ft_load_options.
 */
#include "bench.h"

#include <stdio.h>
#include <string.h>

/* One load of FILE, for a profiler: `perf record -g ft-bench load FILE`. */
int bench_cmd_load(int argc, char **argv)
{
	int threads = 1;
	char *encoding = NULL;
	char **rest = NULL;
	GOptionEntry entries[] = {
	    {"threads", 'T', 0, G_OPTION_ARG_INT, &threads,
	     "Parse JSON Lines on this many threads (default 1; 0: one per core)", "T"},
	    {"encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding,
	     "auto, document, lines or snapshot (default auto: by the content)", "E"},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, "FILE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	int status = EXIT_USAGE;
	if (!bench_parse_options("load",
	                         "Loads FILE once and prints the time and the peak memory (for profilers).",
	                         entries, &argc, &argv))
		goto cleanup;
	ft_encoding enc = FT_ENCODING_AUTO;
	if (encoding && strcmp(encoding, "document") == 0)
		enc = FT_ENCODING_DOCUMENT;
	else if (encoding && strcmp(encoding, "lines") == 0)
		enc = FT_ENCODING_LINES;
	else if (encoding && strcmp(encoding, "snapshot") == 0)
		enc = FT_ENCODING_SNAPSHOT;
	else if (encoding && strcmp(encoding, "auto") != 0)
		threads = -1;
	if (threads < 0 || !rest || !rest[0] || rest[1]) {
		fprintf(stderr,
		        "ft-bench load: give one FILE, --threads T >= 0, --encoding auto, document, lines "
		        "or snapshot\n");
		goto cleanup;
	}
	bench_release_free_memory();
	double before = bench_rss_bytes();
	double cpu0 = bench_cpu_seconds(), own0 = bench_thread_cpu_seconds();
	double t0 = bench_now_s();
	ft_dataset *ds = bench_load_with(rest[0], enc, (unsigned)threads);
	double seconds = bench_now_s() - t0;
	double cpu = bench_cpu_seconds() - cpu0, own = bench_thread_cpu_seconds() - own0;
	double peak = bench_peak_rss_bytes() - before;
	bench_release_free_memory();
	double held = bench_rss_bytes() - before;
	printf("%zu claims loaded in %.3f s (cpu %.3f s, of it the calling thread's %.3f s); peak RSS growth "
	       "%.1f MB, held %.1f MB\n",
	       ft_dataset_claim_count(ds), seconds, cpu, own, peak / MB, held / MB);
	ft_dataset_free(ds);
	status = EXIT_SUCCESS;

cleanup:
	g_free(encoding);
	g_strfreev(rest);
	return status;
}
