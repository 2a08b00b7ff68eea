/*
 * The threading contract: a loaded dataset may be read from many threads
 * at once. Eight threads estimate every actor in every region at several
 * dates, and save the dataset as text, all from one dataset at the same
 * time; each result must equal the one a single thread computed first.
 * Run under ThreadSanitizer (FT_SANITIZE=thread), the same test shows
 * that the readers share no unsynchronised state.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "forcetrack.h"
#include "test-util.h"

#define THREADS 8

static const char *const dates[] = {"2021-11-20", "2021-12-01", "2021-12-03", "2021-12-10", "2022-01-15"};

typedef struct job {
	const ft_dataset *ds;
	GString *reference; /* what one thread computed alone */
	char *reference_text;
	int mismatches;
} job;

/* Every estimate of the dataset, as one text that can be compared. */
static void describe_all(const ft_dataset *ds, GString *out)
{
	for (size_t d = 0; d < G_N_ELEMENTS(dates); d++) {
		ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
		ft_time_parse(dates[d], &o.at, NULL);
		for (size_t a = 0; a < ft_dataset_actor_count(ds); a++) {
			for (size_t r = 0; r < ft_dataset_region_count(ds); r++) {
				ft_estimate e = FT_ESTIMATE_INIT;
				ft_error err;
				if (ft_estimate_compute(ds, ft_dataset_actor_at(ds, a),
				                        ft_dataset_region_at(ds, r), NULL, &o, &e,
				                        &err) != 0) {
					g_string_append_printf(out, "error %s\n", err.text);
					continue;
				}
				g_string_append_printf(out,
				                       "%s %zu %zu %d %" G_GUINT64_FORMAT
				                       " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
				                       " %zu %zu %d %d %d %d %d %zu\n",
				                       dates[d], a, r, e.has_value, e.best, e.low, e.high,
				                       e.claims, e.voices, e.contested, e.inconsistent,
				                       e.open_below, e.open_above, e.not_credible, e.pairs);
				for (size_t i = 0; i < ft_estimate_contribution_count(&e); i++) {
					const ft_contribution *c = ft_estimate_contribution_at(&e, i);
					g_string_append_printf(out, "  %s %s %.17g %d %d %s\n",
					                       ft_claim_id(c->claim),
					                       ft_status_name(c->status), c->weight,
					                       c->current, (int)c->qualifier, c->rule);
				}
				for (size_t i = 0; i < ft_estimate_disagreement_count(&e); i++) {
					const ft_disagreement *p = ft_estimate_disagreement_at(&e, i);
					g_string_append_printf(out, "  pair %s %s %.17g %d %d\n",
					                       ft_claim_id(p->a), ft_claim_id(p->b),
					                       p->weight, p->disputes, p->disjoint);
				}
				ft_estimate_clear(&e);
			}
		}
	}
}

static gpointer worker(gpointer data)
{
	job *j = data;
	GString *mine = g_string_new(NULL);
	describe_all(j->ds, mine);
	ft_error err;
	char *text = ft_dataset_save_string(j->ds, &err);
	int bad = strcmp(mine->str, j->reference->str) != 0 || !text || strcmp(text, j->reference_text) != 0;
	if (bad)
		g_atomic_int_inc(&j->mismatches);
	ft_free(text);
	g_string_free(mine, TRUE);
	return NULL;
}

/* `with_pairs`: the dataset has voices that disagree at some date (the
 * example dataset's never do). */
static void run_threads(const char *relative, int with_pairs)
{
	char *path = ft_test_source_path(relative);
	ft_error err;
	ft_dataset *ds = ft_dataset_load_file(path, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	job j = {ds, g_string_new(NULL), NULL, 0};
	describe_all(ds, j.reference);
	j.reference_text = ft_dataset_save_string(ds, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(j.reference_text);
	/* The reference holds real estimates, not only errors or empties. */
	CU_ASSERT_PTR_NOT_NULL(strstr(j.reference->str, "counted"));
	if (with_pairs)
		CU_ASSERT_PTR_NOT_NULL(strstr(j.reference->str, "  pair "));
	CU_ASSERT_PTR_NULL(strstr(j.reference->str, "error"));
	GThread *threads[THREADS];
	for (int i = 0; i < THREADS; i++)
		threads[i] = g_thread_new("reader", worker, &j);
	for (int i = 0; i < THREADS; i++)
		g_thread_join(threads[i]);
	CU_ASSERT_EQUAL(j.mismatches, 0);
	ft_free(j.reference_text);
	g_string_free(j.reference, TRUE);
	ft_dataset_free(ds);
	g_free(path);
}

static void test_example_dataset(void)
{
	run_threads("examples/data/buildup-2021-12.json", 0);
}

static void test_estimate_fixture(void)
{
	run_threads("tests/data/cli/estimate.json", 1);
}

/* The claims' JSON Lines are built on two threads in chunks
 * (io/write-lines.c, ft__lines_chunk): whatever the chunk, the bytes are
 * those of one thread, in a string, in a file and in the content hash
 * (computed at the first size, then kept by the dataset).
 * 997 claims (a prime, so the last chunk is short), every third disputing
 * an earlier one, so that pairs cross the chunks' edges. */
extern unsigned ft__lines_chunk;

static void test_lines_in_chunks(void)
{
	GString *j = g_string_new("{\"forcetrack\":\"1.0\",\"actors\":[{\"id\":\"A\",\"name\":\"A\"}],"
	                          "\"regions\":[{\"id\":\"R\",\"name\":\"R\"}],"
	                          "\"sources\":[{\"id\":\"S\",\"name\":\"S\"}],\"claims\":[");
	for (int i = 0; i < 997; i++) {
		g_string_append_printf(j,
		                       "%s{\"id\":\"c%d\",\"source\":\"S\",\"subject\":\"A\",\"region\":\"R\","
		                       "\"value\":%d,\"reported\":\"2021-11-%02d\"",
		                       i ? "," : "", i, 1000 + i, 1 + i % 28);
		if (i % 3 == 2)
			g_string_append_printf(j, ",\"disputes\":[\"c%d\"]", i / 2);
		g_string_append_c(j, '}');
	}
	g_string_append(j, "]}");
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer(j->str, j->len, "chunks", NULL, &err);
	g_string_free(j, TRUE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	unsigned saved = ft__lines_chunk;
	ft__lines_chunk = 0; /* one thread */
	char *one = ft_dataset_save_lines_string(ds, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(one);
	gchar *want = g_compute_checksum_for_string(G_CHECKSUM_SHA256, one, -1);
	static const unsigned sizes[] = {1, 7, 64, 996, 4096};
	char *path = g_build_filename(g_get_tmp_dir(), "ft-test-chunks.jsonl", NULL);
	for (size_t k = 0; k < G_N_ELEMENTS(sizes); k++) {
		ft__lines_chunk = sizes[k];
		char *text = ft_dataset_save_lines_string(ds, &err);
		CU_ASSERT_PTR_NOT_NULL_FATAL(text);
		CU_ASSERT_STRING_EQUAL(text, one);
		ft_free(text);
		char hash[65];
		CU_ASSERT_EQUAL(ft_dataset_content_hash(ds, hash, &err), 0);
		CU_ASSERT_STRING_EQUAL(hash, want);
		CU_ASSERT_EQUAL_FATAL(ft_dataset_save_lines_file(ds, path, &err), 0);
		gchar *saved_text = NULL;
		CU_ASSERT_FATAL(g_file_get_contents(path, &saved_text, NULL, NULL));
		CU_ASSERT_STRING_EQUAL(saved_text, one);
		g_free(saved_text);
	}
	g_unlink(path);
	g_free(path);
	ft__lines_chunk = saved;
	g_free(want);
	ft_free(one);
	ft_dataset_free(ds);
}

static const ft_test tests[] = {
    {"8 readers of the example dataset", test_example_dataset},
    {"8 readers of the estimate fixture", test_estimate_fixture},
    {"JSON Lines built in chunks on two threads", test_lines_in_chunks},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("threads", tests);
}
