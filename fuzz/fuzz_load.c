/*
 * Fuzz target for the document loader (libFuzzer's LLVMFuzzerTestOneInput).
 * Any input must be refused with a one-line error or loaded; what loads
 * must save, load again and save to the same bytes, and must survive an
 * estimate. A broken property aborts, which the fuzzer reports as a crash.
 * tests/fuzz-replay.c feeds the stored corpus through the same function in
 * the normal test suite.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcetrack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void count_problem(const ft_error *err, void *payload)
{
	char line[1024];
	ft_error_format(err, line, sizeof line);
	/* Every problem is one line. */
	if (strchr(line, '\n') || err->code >= 0)
		abort();
	(*(size_t *)payload)++;
}

static void estimate_first_claim(const ft_dataset *ds)
{
	const ft_claim *c = ft_dataset_claim_at(ds, 0);
	if (!c)
		return;
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	o.at = ft_claim_reported(c);
	ft_estimate est;
	ft_error err;
	if (ft_estimate_compute(ds, ft_claim_subject(c), ft_claim_region(c), ft_claim_measure(c), &o, &est,
	                        &err) != 0)
		abort();
	if (est.has_value && !(est.low <= est.best && est.best <= est.high))
		abort();
	ft_estimate_clear(&est);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	size_t problems = 0;
	opts.on_error = count_problem;
	opts.payload = &problems;
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer((const char *)data, size, "fuzz.json", &opts, &err);
	if (!ds) {
		if (problems == 0 || err.code >= 0 || !err.text[0])
			abort();
		return 0;
	}
	if (problems != 0)
		abort();
	char *first = ft_dataset_save_string(ds, &err);
	if (!first)
		abort();
	ft_dataset *again = ft_dataset_load_buffer(first, strlen(first), "saved.json", NULL, &err);
	if (!again) {
		fprintf(stderr, "saved text does not load: %s: %s\n", err.path, err.text);
		abort();
	}
	char *second = ft_dataset_save_string(again, &err);
	if (!second || strcmp(first, second) != 0)
		abort();
	estimate_first_claim(again);
	ft_free(first);
	ft_free(second);
	ft_dataset_free(again);
	ft_dataset_free(ds);
	return 0;
}
