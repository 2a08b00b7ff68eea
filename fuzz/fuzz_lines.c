/*
 * Fuzz target for the JSON Lines loader (libFuzzer's
 * LLVMFuzzerTestOneInput): any input, read as JSON Lines, must be refused
 * with one-line problems or loaded, and the outcome must not depend on the
 * number of threads that parse the lines: one and two threads load the
 * same dataset or refuse with the same problems. What loads must save as
 * a document that loads again and saves to the same bytes, and as JSON
 * Lines that load to the same dataset; with recover_torn it must load the
 * same. A broken property aborts, which the
 * fuzzer reports as a crash. tests/fuzz-replay.c feeds the stored corpus
 * through the same function in the normal test suite.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcetrack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Internal (io/read-private.h): let batches of any size use threads. */
extern unsigned ft__lines_parallel_min;

typedef struct outcome {
	size_t problems;
	char first[1024];
	char *saved; /* the dataset as a document, or NULL */
	int code;
} outcome;

static void count_problem(const ft_error *err, void *payload)
{
	outcome *o = payload;
	char line[1024];
	ft_error_format(err, line, sizeof line);
	/* Every problem is one line, with a failure code. */
	if (strchr(line, '\n') || err->code >= 0)
		abort();
	if (o->problems++ == 0)
		memcpy(o->first, line, sizeof line);
}

static void load(const uint8_t *data, size_t size, unsigned threads, int recover, outcome *o)
{
	memset(o, 0, sizeof *o);
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.encoding = FT_ENCODING_LINES;
	opts.threads = threads;
	opts.recover_torn = recover;
	opts.on_error = count_problem;
	opts.payload = o;
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer((const char *)data, size, "fuzz.jsonl", &opts, &err);
	o->code = err.code;
	if (!ds) {
		if (o->problems == 0 || err.code >= 0 || !err.text[0])
			abort();
		return;
	}
	/* A dataset comes back clean, or with its torn last line dropped. */
	if (o->problems != 0 && !(recover && o->problems == 1 && err.code == FT_ETORN))
		abort();
	o->saved = ft_dataset_save_string(ds, &err);
	if (!o->saved)
		abort();
	ft_dataset_free(ds);
}

static void same(const outcome *a, const outcome *b)
{
	if ((a->saved == NULL) != (b->saved == NULL) || a->problems != b->problems ||
	    strcmp(a->first, b->first) != 0)
		abort();
	if (a->saved && strcmp(a->saved, b->saved) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ft__lines_parallel_min = 1;
	outcome serial, parallel, recovered;
	load(data, size, 1, 0, &serial);
	load(data, size, 2, 0, &parallel);
	same(&serial, &parallel);
	load(data, size, 2, 1, &recovered);
	/* Recovery changes nothing unless the last line is torn. */
	if (recovered.code != FT_ETORN)
		same(&serial, &recovered);
	if (serial.saved) {
		ft_error err;
		ft_dataset *again =
		    ft_dataset_load_buffer(serial.saved, strlen(serial.saved), "saved.json", NULL, &err);
		if (!again) {
			fprintf(stderr, "saved text does not load: %s: %s\n", err.path, err.text);
			abort();
		}
		char *second = ft_dataset_save_string(again, &err);
		if (!second || strcmp(serial.saved, second) != 0)
			abort();
		/* And as JSON Lines: written, read back, the same dataset. */
		char *lines = ft_dataset_save_lines_string(again, &err);
		if (!lines)
			abort();
		outcome back;
		load((const uint8_t *)lines, strlen(lines), 1, 0, &back);
		if (!back.saved || strcmp(serial.saved, back.saved) != 0) {
			fprintf(stderr, "saved lines do not load the same: %s\n", back.first);
			abort();
		}
		ft_free(back.saved);
		ft_free(lines);
		ft_free(second);
		ft_dataset_free(again);
	}
	ft_free(serial.saved);
	ft_free(parallel.saved);
	ft_free(recovered.saved);
	return 0;
}
