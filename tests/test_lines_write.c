/*
 * The JSON Lines writer and the append (docs/format.md section 7): the exact
 * text a small dataset saves to, the order of lines where a dataset names
 * something it lists later, the symmetric relations written once on the
 * later line, the loop a stream cannot write, the round trip through the
 * reader, and appends that either add every line or leave the file's
 * bytes exactly as they were, even when the disk fills in the middle.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <jansson.h>

#include "forcetrack/dataset.h"
#include "forcetrack/io.h"
#include "io/write-private.h"
#include "test-util.h"

/* Compares texts and shows both when they differ. */
#define ASSERT_TEXT(got, want)                                                                               \
	do {                                                                                                 \
		const char *got_ = (got);                                                                    \
		const char *want_ = (want);                                                                  \
		int same_ = got_ && strcmp(got_, want_) == 0;                                                \
		if (!same_)                                                                                  \
			fprintf(stderr, "\n--- got ---\n%s\n--- want ---\n%s\n---\n",                        \
			        got_ ? got_ : "(null)", want_);                                              \
		CU_ASSERT(same_);                                                                            \
	} while (0)

#define ADD(call)                                                                                            \
	do {                                                                                                 \
		ft_error_clear(&err);                                                                        \
		const void *added_ = (call);                                                                 \
		if (!added_)                                                                                 \
			fprintf(stderr, "\n%s: %s: %s\n", #call, err.path, err.text);                        \
		CU_ASSERT_PTR_NOT_NULL_FATAL(added_);                                                        \
	} while (0)

static ft_time parse_time(const char *text)
{
	ft_time t;
	CU_ASSERT_EQUAL_FATAL(ft_time_parse(text, &t, NULL), 0);
	return t;
}

/* A document loaded from text; the test stops when it does not load. */
static ft_dataset *load_text(const char *text)
{
	ft_error err;
	ft_error_clear(&err);
	ft_dataset *ds = ft_dataset_load_buffer(text, strlen(text), "test", NULL, &err);
	if (!ds)
		fprintf(stderr, "\nload: %s: %s\n", err.path, err.text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	return ds;
}

/* JSON Lines text loaded as such. */
static ft_dataset *load_lines(const char *text)
{
	ft_error err;
	ft_error_clear(&err);
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.encoding = FT_ENCODING_LINES;
	ft_dataset *ds = ft_dataset_load_buffer(text, strlen(text), "test.jsonl", &opts, &err);
	if (!ds)
		fprintf(stderr, "\nload lines: %d: %s: %s\n", err.line, err.path, err.text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	return ds;
}

static char *lines_of(const ft_dataset *ds)
{
	ft_error err;
	ft_error_clear(&err);
	char *text = ft_dataset_save_lines_string(ds, &err);
	if (!text)
		fprintf(stderr, "\nsave lines: %s: %s\n", err.path, err.text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	return text;
}

static char *document_of(const ft_dataset *ds)
{
	char *text = ft_dataset_save_string(ds, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	return text;
}

/* ---- the exact text ---------------------------------------------------- */

/*
 * Every kind once, built with the public API, with fields set to their
 * defaults (measure "personnel", kind "observation", credibility 6,
 * reliability F, qualifier exact) that must be left out; UA opposes RU,
 * which comes before it, so the declaration stays where it is.
 */
static ft_dataset *small_dataset(void)
{
	ft_dataset *ds = ft_dataset_new();
	ft_error err;

	static const ft_extension doc_ext[] = {{"x-src", "\"field notes\""}};
	static const ft_extension info_ext[] = {{"x-b", "[1, 2]"}, {"x-a", "{}"}};
	ft_dataset_info info = FT_DATASET_INFO_INIT;
	info.title = "daily collection";
	info.extensions = info_ext;
	info.n_extensions = 2;
	info.document_extensions = doc_ext;
	info.n_document_extensions = 1;
	CU_ASSERT_EQUAL_FATAL(ft_dataset_set_info(ds, &info, &err), 0);

	ft_actor_desc ru = FT_ACTOR_DESC_INIT;
	ru.id = "RU";
	ru.name = "Russia";
	ru.kind = FT_ACTOR_STATE;
	ADD(ft_dataset_add_actor(ds, &ru, &err));
	static const char *const ua_opposes[] = {"RU"};
	ft_actor_desc ua = FT_ACTOR_DESC_INIT;
	ua.id = "UA";
	ua.name = "Ukraine";
	ua.kind = FT_ACTOR_STATE;
	ua.opposes = ua_opposes;
	ua.n_opposes = 1;
	ADD(ft_dataset_add_actor(ds, &ua, &err));

	ft_region_desc border = FT_REGION_DESC_INIT;
	border.id = "UA-border";
	border.name = "Near Ukraine's borders";
	border.kind = FT_REGION_THEATER;
	ADD(ft_dataset_add_region(ds, &border, &err));

	ft_unit_desc army = FT_UNIT_DESC_INIT;
	army.id = "1gta";
	army.name = "1st Guards Tank Army";
	army.actor = "RU";
	army.echelon = FT_ECHELON_ARMY;
	army.has_strength = 1;
	army.strength = 40000;
	ADD(ft_dataset_add_unit(ds, &army, &err));

	ft_source_desc mod = FT_SOURCE_DESC_INIT;
	mod.id = "ua-mod";
	mod.name = "Ministry of Defence of Ukraine";
	mod.actor = "UA";
	mod.reliability = FT_RELIABILITY_F;
	ADD(ft_dataset_add_source(ds, &mod, &err));

	ft_claim_desc c1 = FT_CLAIM_DESC_INIT;
	c1.id = "c1";
	c1.source = "ua-mod";
	c1.subject = "RU";
	c1.region = "UA-border";
	c1.measure = "personnel";
	c1.quantity.qualifier = FT_QUALIFIER_APPROX;
	c1.quantity.has_value = 1;
	c1.quantity.value = 94000;
	c1.kind = FT_CLAIM_OBSERVATION;
	c1.reported = parse_time("2021-12-01");
	c1.credibility = 6;
	ADD(ft_dataset_add_claim(ds, &c1, &err));

	static const char *const c2_supersedes[] = {"c1"};
	ft_claim_desc c2 = FT_CLAIM_DESC_INIT;
	c2.id = "c2";
	c2.source = "ua-mod";
	c2.subject = "RU";
	c2.unit = "1gta";
	c2.region = "UA-border";
	c2.quantity.qualifier = FT_QUALIFIER_EXACT;
	c2.quantity.has_value = 1;
	c2.quantity.value = 120000;
	c2.kind = FT_CLAIM_PROJECTION;
	c2.reported = parse_time("2021-12-03");
	c2.credibility = 3;
	c2.supersedes = c2_supersedes;
	c2.n_supersedes = 1;
	ADD(ft_dataset_add_claim(ds, &c2, &err));
	return ds;
}

/*
 * Worked out by hand from docs/format.md section 7 and docs/format.md 9g: the
 * header holds "forcetrack", "dataset" (its extensions sorted: x-a before
 * x-b) and then the top-level extension; the entities follow in kind
 * order, one compact object a line, keys in canonical order, without
 * c1's "measure", "kind" and "credibility", the source's "reliability"
 * and c2's "qualifier" (exact is the default).
 */
static const char small_lines[] =
    "{\"forcetrack\":\"1.0\",\"dataset\":{\"title\":\"daily collection\",\"x-a\":{},\"x-b\":[1,2]},"
    "\"x-src\":\"field notes\"}\n"
    "{\"actor\":{\"id\":\"RU\",\"name\":\"Russia\",\"kind\":\"state\"}}\n"
    "{\"actor\":{\"id\":\"UA\",\"name\":\"Ukraine\",\"kind\":\"state\",\"opposes\":[\"RU\"]}}\n"
    "{\"region\":{\"id\":\"UA-border\",\"name\":\"Near Ukraine's borders\",\"kind\":\"theater\"}}\n"
    "{\"unit\":{\"id\":\"1gta\",\"name\":\"1st Guards Tank Army\",\"actor\":\"RU\",\"echelon\":\"army\","
    "\"strength\":40000}}\n"
    "{\"source\":{\"id\":\"ua-mod\",\"name\":\"Ministry of Defence of Ukraine\",\"actor\":\"UA\"}}\n"
    "{\"claim\":{\"id\":\"c1\",\"source\":\"ua-mod\",\"subject\":\"RU\",\"region\":\"UA-border\","
    "\"value\":94000,\"qualifier\":\"approx\",\"reported\":\"2021-12-01\"}}\n"
    "{\"claim\":{\"id\":\"c2\",\"source\":\"ua-mod\",\"subject\":\"RU\",\"unit\":\"1gta\","
    "\"region\":\"UA-border\",\"value\":120000,\"kind\":\"projection\",\"reported\":\"2021-12-03\","
    "\"credibility\":3,\"supersedes\":[\"c1\"]}}\n";

static void test_exact_text(void)
{
	ft_dataset *ds = small_dataset();
	char *text = lines_of(ds);
	ASSERT_TEXT(text, small_lines);
	ft_free(text);
	ft_dataset_free(ds);
}

static void test_empty_dataset(void)
{
	/* Nothing but the header, and no "dataset" member: it has no field. */
	ft_dataset *ds = ft_dataset_new();
	char *text = lines_of(ds);
	ASSERT_TEXT(text, "{\"forcetrack\":\"1.0\"}\n");
	ft_free(text);
	ft_dataset_free(ds);
}

static void test_invalid_arguments(void)
{
	ft_error err;
	ft_error_clear(&err);
	CU_ASSERT_PTR_NULL(ft_dataset_save_lines_string(NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	ft_dataset *ds = ft_dataset_new();
	CU_ASSERT_EQUAL(ft_dataset_save_lines_file(ds, NULL, &err), FT_EINVAL);
	CU_ASSERT_EQUAL(ft_dataset_save_lines_file(NULL, "x.jsonl", NULL), FT_EINVAL);
	CU_ASSERT_EQUAL(ft_lines_file_append(NULL, "", 0, NULL, &err), FT_EINVAL);
	CU_ASSERT_EQUAL(ft_lines_file_append("x.jsonl", NULL, 3, NULL, &err), FT_EINVAL);
	ft_dataset_free(ds);
}

/* ---- the order of lines -------------------------------------------------- */

/* The ids of the lines of one kind, in order, joined by spaces. */
static char *ids_of_kind(const char *lines, const char *kind)
{
	GString *out = g_string_new(NULL);
	char **v = g_strsplit(lines, "\n", -1);
	for (char **l = v; *l; l++) {
		if (!**l)
			continue;
		json_t *obj = json_loads(*l, 0, NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(obj);
		json_t *e = json_object_get(obj, kind);
		if (e) {
			if (out->len)
				g_string_append_c(out, ' ');
			g_string_append(out, json_string_value(json_object_get(e, "id")));
		}
		json_decref(obj);
	}
	g_strfreev(v);
	return g_string_free(out, FALSE);
}

/*
 * Regions a, b, c, d, e where b's parent is d: b must follow d, the others
 * keep their places. Taking the smallest ready index each time: a; b
 * waits for d, so c; d, which frees b; b; e. Actors: NATO lists US in
 * members before US is listed, so US moves before NATO. Claims: c0
 * supersedes c2, so c0 follows c2 (c1, c2, c0), and c3 supersedes c0.
 */
static const char forward_doc[] =
    "{\"forcetrack\": \"1.0\","
    " \"actors\": [{\"id\": \"RU\", \"name\": \"Russia\"},"
    "  {\"id\": \"NATO\", \"name\": \"NATO\", \"members\": [\"US\"]},"
    "  {\"id\": \"BY\", \"name\": \"Belarus\"},"
    "  {\"id\": \"US\", \"name\": \"United States\"}],"
    " \"regions\": [{\"id\": \"a\", \"name\": \"A\"},"
    "  {\"id\": \"b\", \"name\": \"B\", \"parent\": \"d\"},"
    "  {\"id\": \"c\", \"name\": \"C\"},"
    "  {\"id\": \"d\", \"name\": \"D\"},"
    "  {\"id\": \"e\", \"name\": \"E\"}],"
    " \"sources\": [{\"id\": \"s\", \"name\": \"S\"}],"
    " \"claims\": ["
    "  {\"id\": \"c0\", \"source\": \"s\", \"subject\": \"RU\", \"region\": \"a\", \"value\": 1,"
    "   \"reported\": \"2021-12-02\", \"supersedes\": [\"c2\"]},"
    "  {\"id\": \"c1\", \"source\": \"s\", \"subject\": \"RU\", \"region\": \"a\", \"value\": 2,"
    "   \"reported\": \"2021-12-01\"},"
    "  {\"id\": \"c2\", \"source\": \"s\", \"subject\": \"RU\", \"region\": \"a\", \"value\": 3,"
    "   \"reported\": \"2021-12-01\"},"
    "  {\"id\": \"c3\", \"source\": \"s\", \"subject\": \"RU\", \"region\": \"a\", \"value\": 4,"
    "   \"reported\": \"2021-12-03\", \"supersedes\": [\"c0\"]}]}\n";

static void test_topological_order(void)
{
	ft_dataset *ds = load_text(forward_doc);
	char *text = lines_of(ds);
	char *ids;

	ids = ids_of_kind(text, "actor");
	CU_ASSERT_STRING_EQUAL(ids, "RU BY US NATO");
	g_free(ids);
	ids = ids_of_kind(text, "region");
	CU_ASSERT_STRING_EQUAL(ids, "a c d b e");
	g_free(ids);
	ids = ids_of_kind(text, "claim");
	CU_ASSERT_STRING_EQUAL(ids, "c1 c2 c0 c3");
	g_free(ids);
	/* The kinds come in their order, so the source line comes after the
	 * regions and before the claims: line 1 header, 4 actors, 5 regions,
	 * the source on line 11. */
	char **v = g_strsplit(text, "\n", -1);
	CU_ASSERT_EQUAL_FATAL(g_strv_length(v), 1 + 4 + 5 + 1 + 4 + 1);
	CU_ASSERT_STRING_EQUAL(v[10], "{\"source\":{\"id\":\"s\",\"name\":\"S\"}}");
	CU_ASSERT_STRING_EQUAL(v[15], "");
	g_strfreev(v);

	/* And the lines load as a stream, each reference pointing back. */
	ft_dataset *back = load_lines(text);
	CU_ASSERT_EQUAL(ft_dataset_region_count(back), 5);
	CU_ASSERT_STRING_EQUAL(ft_region_id(ft_region_parent(ft_dataset_find_region(back, "b"))), "d");
	ft_dataset_free(back);
	ft_free(text);
	ft_dataset_free(ds);
}

static void test_order_is_stable_for_long_chains(void)
{
	/* 2000 regions, each the parent of the one before it: r1999 must come
	 * first and r0 last, the reverse of the dataset's order. A wrong
	 * choice among ready entities would give another order; a quadratic
	 * one would still pass, which the benchmark, not a test, watches. */
	GString *doc = g_string_new("{\"forcetrack\": \"1.0\", \"regions\": [");
	for (int i = 0; i < 2000; i++) {
		if (i)
			g_string_append(doc, ", ");
		if (i < 1999)
			g_string_append_printf(doc, "{\"id\": \"r%d\", \"name\": \"R\", \"parent\": \"r%d\"}",
			                       i, i + 1);
		else
			g_string_append_printf(doc, "{\"id\": \"r%d\", \"name\": \"R\"}", i);
	}
	g_string_append(doc, "]}");
	ft_dataset *ds = load_text(doc->str);
	char *text = lines_of(ds);
	char *ids = ids_of_kind(text, "region");
	CU_ASSERT(g_str_has_prefix(ids, "r1999 r1998 r1997 "));
	CU_ASSERT(g_str_has_suffix(ids, " r2 r1 r0"));
	g_free(ids);
	ft_free(text);
	ft_dataset_free(ds);
	g_string_free(doc, TRUE);
}

/* ---- symmetric relations ----------------------------------------------- */

static json_t *meaning(const char *document);

/*
 * A opposes B and C; B opposes A (the same relation, declared twice); D
 * opposes C and A, in that order. On the lines (A, B, C, D) each relation
 * sits once on its later line: A none; B [A] (once, though declared on
 * both sides); C [A]; D [A, C] in line order, not declaration order.
 */
static const char opposes_doc[] = "{\"forcetrack\": \"1.0\", \"actors\": ["
                                  "{\"id\": \"A\", \"name\": \"A\", \"opposes\": [\"B\", \"C\"]},"
                                  "{\"id\": \"B\", \"name\": \"B\", \"opposes\": [\"A\"]},"
                                  "{\"id\": \"C\", \"name\": \"C\"},"
                                  "{\"id\": \"D\", \"name\": \"D\", \"opposes\": [\"C\", \"A\"]}]}";

static void test_opposes_once(void)
{
	ft_dataset *ds = load_text(opposes_doc);
	char *text = lines_of(ds);
	ASSERT_TEXT(text, "{\"forcetrack\":\"1.0\"}\n"
	                  "{\"actor\":{\"id\":\"A\",\"name\":\"A\"}}\n"
	                  "{\"actor\":{\"id\":\"B\",\"name\":\"B\",\"opposes\":[\"A\"]}}\n"
	                  "{\"actor\":{\"id\":\"C\",\"name\":\"C\",\"opposes\":[\"A\"]}}\n"
	                  "{\"actor\":{\"id\":\"D\",\"name\":\"D\",\"opposes\":[\"A\",\"C\"]}}\n");

	/* The relation survives the trip, whichever side declares it; B and
	 * C, and B and D, never opposed each other. */
	ft_dataset *back = load_lines(text);
	static const char *const yes[][2] = {{"A", "B"}, {"B", "A"}, {"A", "C"}, {"C", "A"},
	                                     {"D", "C"}, {"C", "D"}, {"D", "A"}, {"A", "D"}};
	static const char *const no[][2] = {{"B", "C"}, {"B", "D"}};
	for (size_t i = 0; i < G_N_ELEMENTS(yes); i++) {
		CU_ASSERT(ft_actor_opposes(ft_dataset_find_actor(ds, yes[i][0]),
		                           ft_dataset_find_actor(ds, yes[i][1])));
		CU_ASSERT(ft_actor_opposes(ft_dataset_find_actor(back, yes[i][0]),
		                           ft_dataset_find_actor(back, yes[i][1])));
	}
	for (size_t i = 0; i < G_N_ELEMENTS(no); i++)
		CU_ASSERT(!ft_actor_opposes(ft_dataset_find_actor(back, no[i][0]),
		                            ft_dataset_find_actor(back, no[i][1])));
	ft_dataset_free(back);
	ft_free(text);
	ft_dataset_free(ds);
}

/*
 * Claims k1, k2, k3: k1 disputes k2 and k3, k2 disputes k1. Lines: k1
 * none; k2 [k1] once; k3 [k1]. k0 supersedes k3 and disputes k1, and is
 * listed first: it moves after k3 and lists k1, now earlier.
 */
static void test_disputes_once(void)
{
	static const char doc[] =
	    "{\"forcetrack\": \"1.0\", \"actors\": [{\"id\": \"RU\", \"name\": \"Russia\"}],"
	    " \"regions\": [{\"id\": \"r\", \"name\": \"R\"}], \"sources\": [{\"id\": \"s\", \"name\": "
	    "\"S\"}],"
	    " \"claims\": ["
	    "{\"id\": \"k0\", \"source\": \"s\", \"subject\": \"RU\", \"region\": \"r\", \"value\": 1,"
	    " \"reported\": \"2021-12-05\", \"supersedes\": [\"k3\"], \"disputes\": [\"k1\"]},"
	    "{\"id\": \"k1\", \"source\": \"s\", \"subject\": \"RU\", \"region\": \"r\", \"value\": 1,"
	    " \"reported\": \"2021-12-01\", \"disputes\": [\"k2\", \"k3\"]},"
	    "{\"id\": \"k2\", \"source\": \"s\", \"subject\": \"RU\", \"region\": \"r\", \"value\": 2,"
	    " \"reported\": \"2021-12-01\", \"disputes\": [\"k1\"]},"
	    "{\"id\": \"k3\", \"source\": \"s\", \"subject\": \"RU\", \"region\": \"r\", \"value\": 3,"
	    " \"reported\": \"2021-12-01\"}]}";
	ft_dataset *ds = load_text(doc);
	char *text = lines_of(ds);
	char **v = g_strsplit(text, "\n", -1);
	CU_ASSERT_EQUAL_FATAL(g_strv_length(v), 9);
	CU_ASSERT_STRING_EQUAL(
	    v[4], "{\"claim\":{\"id\":\"k1\",\"source\":\"s\",\"subject\":\"RU\",\"region\":\"r\","
	          "\"value\":1,\"reported\":\"2021-12-01\"}}");
	CU_ASSERT_STRING_EQUAL(
	    v[5], "{\"claim\":{\"id\":\"k2\",\"source\":\"s\",\"subject\":\"RU\",\"region\":\"r\","
	          "\"value\":2,\"reported\":\"2021-12-01\",\"disputes\":[\"k1\"]}}");
	CU_ASSERT_STRING_EQUAL(
	    v[6], "{\"claim\":{\"id\":\"k3\",\"source\":\"s\",\"subject\":\"RU\",\"region\":\"r\","
	          "\"value\":3,\"reported\":\"2021-12-01\",\"disputes\":[\"k1\"]}}");
	CU_ASSERT_STRING_EQUAL(
	    v[7], "{\"claim\":{\"id\":\"k0\",\"source\":\"s\",\"subject\":\"RU\",\"region\":\"r\","
	          "\"value\":1,\"reported\":\"2021-12-05\",\"supersedes\":[\"k3\"],"
	          "\"disputes\":[\"k1\"]}}");
	g_strfreev(v);
	/* Loaded back, the document says the same, though k3 now declares
	 * its dispute with k1 instead of k1 declaring it. */
	ft_dataset *back = load_lines(text);
	char *before = document_of(ds);
	char *after = document_of(back);
	CU_ASSERT(strcmp(before, after) != 0);
	json_t *m1 = meaning(before);
	json_t *m2 = meaning(after);
	CU_ASSERT(json_equal(m1, m2));
	/* k0-k1, k1-k2 (declared on both sides), k1-k3: three pairs. */
	CU_ASSERT_EQUAL(json_array_size(json_object_get(json_object_get(m1, "claims"), "(relation)")), 3);
	json_decref(m1);
	json_decref(m2);
	ft_free(after);
	ft_free(before);
	ft_dataset_free(back);
	ft_free(text);
	ft_dataset_free(ds);
}

/* ---- what a stream cannot hold ---------------------------------------- */

static void test_members_cycle(void)
{
	/* A lists B as a member and B lists A: neither line can come first. */
	ft_dataset *ds = load_text("{\"forcetrack\": \"1.0\", \"actors\": ["
	                           "{\"id\": \"A\", \"name\": \"A\", \"members\": [\"B\"]},"
	                           "{\"id\": \"B\", \"name\": \"B\", \"members\": [\"A\"]},"
	                           "{\"id\": \"C\", \"name\": \"C\"}]}");
	ft_error err;
	ft_error_clear(&err);
	CU_ASSERT_PTR_NULL(ft_dataset_save_lines_string(ds, &err));
	CU_ASSERT_EQUAL(err.code, FT_ELOOP);
	CU_ASSERT_STRING_EQUAL(err.path, "actors[1].members");
	CU_ASSERT_STRING_EQUAL(err.text,
	                       "members of \"A\" and \"B\" name each other: a stream needs references to "
	                       "point backward");

	/* The file save fails the same way and leaves the old file alone. */
	char *dir = g_dir_make_tmp("ft-lines-XXXXXX", NULL);
	char *path = g_build_filename(dir, "out.jsonl", NULL);
	CU_ASSERT(g_file_set_contents(path, "old\n", -1, NULL));
	ft_error_clear(&err);
	CU_ASSERT_EQUAL(ft_dataset_save_lines_file(ds, path, &err), FT_ELOOP);
	size_t len = 0;
	char *after = ft_test_read_file(path, &len);
	CU_ASSERT_STRING_EQUAL(after, "old\n");
	g_free(after);
	g_unlink(path);
	CU_ASSERT_EQUAL(g_rmdir(dir), 0); /* no temporary file left */
	g_free(path);
	g_free(dir);
	ft_dataset_free(ds);
}

static void test_parent_and_members_loop(void)
{
	/* A's parent is B and B lists A as a member: no parent loop, no
	 * members loop, but a loop all the same. The walk starts at A. */
	ft_dataset *ds = load_text("{\"forcetrack\": \"1.0\", \"actors\": ["
	                           "{\"id\": \"A\", \"name\": \"A\", \"parent\": \"B\"},"
	                           "{\"id\": \"B\", \"name\": \"B\", \"members\": [\"A\"]}]}");
	ft_error err;
	ft_error_clear(&err);
	CU_ASSERT_PTR_NULL(ft_dataset_save_lines_string(ds, &err));
	CU_ASSERT_EQUAL(err.code, FT_ELOOP);
	CU_ASSERT_STRING_EQUAL(err.path, "actors[0]");
	CU_ASSERT_STRING_EQUAL(err.text,
	                       "actors name each other in a loop (\"A\" has parent \"B\", \"B\" lists "
	                       "\"A\" in members): a stream needs references to point backward");
	ft_dataset_free(ds);
}

/* ---- round trips --------------------------------------------------------- */

static void test_round_trip_exact(void)
{
	/* The small dataset is already in stream order and declares opposes
	 * on the later actor, so the trip changes nothing at all. */
	ft_dataset *ds = small_dataset();
	char *text = lines_of(ds);
	ft_dataset *back = load_lines(text);
	char *before = document_of(ds);
	char *after = document_of(back);
	ASSERT_TEXT(after, before);
	char *again = lines_of(back);
	ASSERT_TEXT(again, text);
	ft_free(again);
	ft_free(after);
	ft_free(before);
	ft_dataset_free(back);
	ft_free(text);
	ft_dataset_free(ds);
}

/* 1 when `text` holds none of the raw bytes that start DEL (7F), a C1
 * control (C2 80 to C2 9F) or U+202E (E2 80 AE). */
static int no_raw_controls(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (p[0] == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) ||
		    (p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xae))
			return 0;
	}
	return 1;
}

static void test_terminal_controls_escaped(void)
{
	/* A name holding U+009B (CSI, C2 9B), DEL (7F) and U+202E (RIGHT-TO-
	 * LEFT OVERRIDE, E2 80 AE): "Rus<CSI>2J<DEL>sia<RLO>ti". Both writers
	 * spell them as \u escapes in upper-case hex, as Jansson spells
	 * \u001B, and the reader gives back the same bytes. */
	static const char name[] = "Rus\xc2\x9b"
	                           "2J\x7fsia\xe2\x80\xae"
	                           "ti";
	ft_dataset *ds = ft_dataset_new();
	ft_error err;
	ft_actor_desc ru = FT_ACTOR_DESC_INIT;
	ru.id = "RU";
	ru.name = name;
	ADD(ft_dataset_add_actor(ds, &ru, &err));

	/* The one line of the actor: {"actor":{"id":"RU","name":"..."}} with
	 * C2 9B -> \u009B, 7F -> \u007F, E2 80 AE -> \u202E. */
	char *lines = lines_of(ds);
	CU_ASSERT_PTR_NOT_NULL(
	    strstr(lines, "{\"actor\":{\"id\":\"RU\",\"name\":\"Rus\\u009B2J\\u007Fsia\\u202Eti\"}}\n"));
	CU_ASSERT_TRUE(no_raw_controls(lines));
	char *doc = document_of(ds);
	CU_ASSERT_PTR_NOT_NULL(strstr(doc, "\"name\": \"Rus\\u009B2J\\u007Fsia\\u202Eti\""));
	CU_ASSERT_TRUE(no_raw_controls(doc));

	ft_dataset *from_lines = load_lines(lines);
	ft_dataset *from_doc = load_text(doc);
	CU_ASSERT_STRING_EQUAL(ft_actor_name(ft_dataset_find_actor(from_lines, "RU")), name);
	CU_ASSERT_STRING_EQUAL(ft_actor_name(ft_dataset_find_actor(from_doc, "RU")), name);
	/* And the escaped text is canonical: saved again, it is unchanged. */
	char *doc_again = document_of(from_doc);
	ASSERT_TEXT(doc_again, doc);
	char *lines_again = lines_of(from_lines);
	ASSERT_TEXT(lines_again, lines);
	ft_free(lines_again);
	ft_free(doc_again);
	ft_dataset_free(from_doc);
	ft_dataset_free(from_lines);
	ft_free(doc);
	ft_free(lines);
	ft_dataset_free(ds);
}

/* Adds "A|B" (sorted) for each declaration of `key` in the entities of
 * `array`, and takes `key` out of them. */
static void take_relation(json_t *array, const char *key, GPtrArray *pairs)
{
	size_t i;
	json_t *e;
	json_array_foreach (array, i, e) {
		const char *self = json_string_value(json_object_get(e, "id"));
		json_t *list = json_object_get(e, key);
		size_t j;
		json_t *other;
		json_array_foreach (list, j, other) {
			const char *o = json_string_value(other);
			g_ptr_array_add(pairs, strcmp(self, o) < 0 ? g_strdup_printf("%s|%s", self, o)
			                                           : g_strdup_printf("%s|%s", o, self));
		}
		json_object_del(e, key);
	}
}

static gint compare_strings(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * What a document means, independent of what a stream may change: each
 * entity array as an object by id (the order of entities is gone), and
 * opposes and disputes as sorted sets of pairs (the declaring side, and
 * a relation declared on both sides, are gone). Everything else must be equal.
 */
static json_t *meaning(const char *document)
{
	json_t *doc = json_loads(document, 0, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	static const char *const arrays[] = {"actors", "regions", "units", "sources", "claims"};
	for (size_t k = 0; k < G_N_ELEMENTS(arrays); k++) {
		json_t *array = json_object_get(doc, arrays[k]);
		if (!array)
			continue;
		GPtrArray *pairs = g_ptr_array_new_with_free_func(g_free);
		if (k == 0)
			take_relation(array, "opposes", pairs);
		if (k == 4)
			take_relation(array, "disputes", pairs);
		g_ptr_array_sort(pairs, compare_strings);
		json_t *set = json_array();
		for (guint i = 0; i < pairs->len; i++)
			if (i == 0 ||
			    strcmp(g_ptr_array_index(pairs, i), g_ptr_array_index(pairs, i - 1)) != 0)
				json_array_append_new(set, json_string(g_ptr_array_index(pairs, i)));
		g_ptr_array_free(pairs, TRUE);
		json_t *by_id = json_object();
		size_t i;
		json_t *e;
		json_array_foreach (array, i, e) {
			json_object_set(by_id, json_string_value(json_object_get(e, "id")), e);
		}
		json_object_set_new(by_id, "(relation)", set);
		json_object_set_new(doc, arrays[k], by_id);
	}
	return doc;
}

static void test_round_trip_example(void)
{
	/* The example declares RU opposes UA on the earlier actor and lists
	 * NATO's member US after NATO: the stream moves both, and the
	 * meaning stays the same. */
	char *path = ft_test_source_path("examples/data/buildup-2021-12.json");
	ft_error err;
	ft_error_clear(&err);
	ft_dataset *ds = ft_dataset_load_file(path, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	char *text = lines_of(ds);
	char *ids = ids_of_kind(text, "actor");
	CU_ASSERT_STRING_EQUAL(ids, "RU UA DPR LPR BY US NATO");
	g_free(ids);
	CU_ASSERT(strstr(text,
	                 "{\"actor\":{\"id\":\"UA\",\"name\":\"Ukraine\",\"kind\":\"state\",\"code\":\"UKR\","
	                 "\"aliases\":[\"Україна\"],\"opposes\":[\"RU\"]}}\n") != NULL);

	ft_dataset *back = load_lines(text);
	CU_ASSERT(ft_actor_opposes(ft_dataset_find_actor(back, "RU"), ft_dataset_find_actor(back, "UA")));
	char *before = document_of(ds);
	char *after = document_of(back);
	json_t *m1 = meaning(before);
	json_t *m2 = meaning(after);
	CU_ASSERT(json_equal(m1, m2));
	/* A meaning that ignored everything would pass too: check it sees a
	 * claim's figure and the opposes pair. */
	CU_ASSERT_PTR_NOT_NULL(json_object_get(json_object_get(m1, "claims"), "c-ua-94k"));
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(
	                           json_object_get(json_object_get(m1, "actors"), "(relation)"), 0)),
	                       "RU|UA");
	/* The stream of the stream is itself. */
	char *again = lines_of(back);
	ASSERT_TEXT(again, text);
	ft_free(again);
	json_decref(m1);
	json_decref(m2);
	ft_free(after);
	ft_free(before);
	ft_dataset_free(back);
	ft_free(text);
	ft_dataset_free(ds);
	g_free(path);
}

static void test_save_file(void)
{
	/* The file holds exactly the string, and replaces what was there. */
	char *dir = g_dir_make_tmp("ft-lines-XXXXXX", NULL);
	char *path = g_build_filename(dir, "out.jsonl", NULL);
	CU_ASSERT(g_file_set_contents(path, "old\n", -1, NULL));
	ft_dataset *ds = small_dataset();
	ft_error err;
	CU_ASSERT_EQUAL(ft_dataset_save_lines_file(ds, path, &err), 0);
	size_t len = 0;
	char *got = ft_test_read_file(path, &len);
	ASSERT_TEXT(got, small_lines);
	g_free(got);
	/* A load decides the encoding by the content. */
	ft_dataset *back = ft_dataset_load_file(path, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL(back);
	CU_ASSERT_EQUAL(ft_dataset_claim_count(back), 2);
	ft_dataset_free(back);
	ft_dataset_free(ds);
	g_unlink(path);
	CU_ASSERT_EQUAL(g_rmdir(dir), 0);
	g_free(path);
	g_free(dir);
}

/* ---- appending --------------------------------------------------------- */

typedef struct fixture {
	char *dir;
	char *path;
	char *before; /* the file's bytes before the test acts */
	size_t before_len;
} fixture;

/* A directory holding data.jsonl, the small dataset as lines. */
static void fixture_init(fixture *f)
{
	f->dir = g_dir_make_tmp("ft-append-XXXXXX", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->dir);
	f->path = g_build_filename(f->dir, "data.jsonl", NULL);
	CU_ASSERT_FATAL(g_file_set_contents(f->path, small_lines, -1, NULL));
	f->before = g_strdup(small_lines);
	f->before_len = strlen(small_lines);
}

static void fixture_clear(fixture *f)
{
	GDir *d = g_dir_open(f->dir, 0, NULL);
	const char *entry;
	int others = 0;
	while (d && (entry = g_dir_read_name(d))) {
		others += strcmp(entry, "data.jsonl") != 0;
		char *p = g_build_filename(f->dir, entry, NULL);
		g_unlink(p);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	CU_ASSERT_EQUAL(others, 0); /* an append leaves no file beside */
	g_rmdir(f->dir);
	g_free(f->dir);
	g_free(f->path);
	g_free(f->before);
}

static char *contents(const fixture *f, size_t *len)
{
	char *got = ft_test_read_file(f->path, len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	return got;
}

/* 1 when the file holds exactly what it held before. */
static int unchanged(const fixture *f)
{
	size_t len = 0;
	char *got = contents(f, &len);
	int same = len == f->before_len && memcmp(got, f->before, len) == 0;
	g_free(got);
	return same;
}

static void test_append(void)
{
	/*
	 * Two lines as a person might type them: spaces, keys out of order,
	 * defaults spelled out, no final newline. They are appended as the
	 * writer writes them: compact, canonical order, defaults gone. The
	 * actor comes first, and the claim names it: order is kept.
	 */
	static const char add[] =
	    "{\"actor\": {\"name\": \"Belarus\", \"id\": \"BY\", \"kind\": \"other\", \"opposes\": []}}\n"
	    "{ \"claim\" : {\"reported\": \"2021-12-05\", \"id\": \"c3\", \"region\": \"UA-border\","
	    " \"subject\": \"BY\", \"source\": \"ua-mod\", \"value\": 30000, \"qualifier\": \"exact\","
	    " \"credibility\": 6, \"disputes\": [\"c1\"]} }";
	fixture f;
	fixture_init(&f);
	ft_error err;
	ft_error_clear(&err);
	int rc = ft_lines_file_append(f.path, add, strlen(add), "new.jsonl", &err);
	if (rc)
		fprintf(stderr, "\nappend: %s:%d: %s: %s\n", err.file, err.line, err.path, err.text);
	CU_ASSERT_EQUAL(rc, 0);
	size_t len = 0;
	char *got = contents(&f, &len);
	char *want = g_strconcat(small_lines, "{\"actor\":{\"id\":\"BY\",\"name\":\"Belarus\"}}\n",
	                         "{\"claim\":{\"id\":\"c3\",\"source\":\"ua-mod\",\"subject\":\"BY\","
	                         "\"region\":\"UA-border\",\"value\":30000,\"reported\":\"2021-12-05\","
	                         "\"disputes\":[\"c1\"]}}\n",
	                         NULL);
	ASSERT_TEXT(got, want);
	/* What was there is a byte-identical prefix. */
	CU_ASSERT(len > f.before_len && memcmp(got, f.before, f.before_len) == 0);
	/* And the file still loads, with the dispute on both claims' side. */
	ft_dataset *ds = ft_dataset_load_file(f.path, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	CU_ASSERT_EQUAL(ft_dataset_claim_count(ds), 3);
	CU_ASSERT_EQUAL(ft_dataset_actor_count(ds), 3);
	ft_dataset_free(ds);
	g_free(want);
	g_free(got);
	fixture_clear(&f);
}

static void test_append_nothing(void)
{
	/* No lines: the file is checked and left as it was. */
	fixture f;
	fixture_init(&f);
	CU_ASSERT_EQUAL(ft_lines_file_append(f.path, "", 0, NULL, NULL), 0);
	CU_ASSERT(unchanged(&f));
	fixture_clear(&f);
}

static void test_append_bad_reference(void)
{
	/* The first line is good, the third names a region nobody listed: the
	 * error names the third line of the appended text, and nothing at
	 * all is written, not even the good first line. */
	static const char add[] = "{\"claim\": {\"id\": \"c3\", \"source\": \"ua-mod\", \"subject\": \"RU\", "
	                          "\"region\": \"UA-border\","
	                          " \"value\": 1, \"reported\": \"2021-12-05\"}}\n"
	                          "{\"actor\": {\"id\": \"BY\", \"name\": \"Belarus\"}}\n"
	                          "{\"claim\": {\"id\": \"c4\", \"source\": \"ua-mod\", \"subject\": \"RU\", "
	                          "\"region\": \"Donbass\","
	                          " \"value\": 1, \"reported\": \"2021-12-05\"}}\n";
	fixture f;
	fixture_init(&f);
	ft_error err;
	ft_error_clear(&err);
	CU_ASSERT_EQUAL(ft_lines_file_append(f.path, add, strlen(add), "claims.jsonl", &err), FT_EREF);
	CU_ASSERT_EQUAL(err.code, FT_EREF);
	CU_ASSERT_STRING_EQUAL(err.file, "claims.jsonl");
	CU_ASSERT_EQUAL(err.line, 3);
	CU_ASSERT_STRING_EQUAL(err.path, "claim.region");
	CU_ASSERT(g_str_has_prefix(err.text, "unknown region \"Donbass\""));
	char line[512];
	ft_error_format(&err, line, sizeof line);
	CU_ASSERT(g_str_has_prefix(line, "claims.jsonl:3: claim.region: unknown region \"Donbass\""));
	CU_ASSERT(unchanged(&f));

	/* A reference to a line appended after it is forward: refused. */
	static const char forward[] = "{\"claim\": {\"id\": \"c3\", \"source\": \"ua-mod\", \"subject\": "
	                              "\"BY\", \"region\": \"UA-border\","
	                              " \"value\": 1, \"reported\": \"2021-12-05\"}}\n"
	                              "{\"actor\": {\"id\": \"BY\", \"name\": \"Belarus\"}}\n";
	ft_error_clear(&err);
	CU_ASSERT_EQUAL(ft_lines_file_append(f.path, forward, strlen(forward), "claims.jsonl", &err),
	                FT_EREF);
	CU_ASSERT_EQUAL(err.line, 1);
	CU_ASSERT_STRING_EQUAL(err.path, "claim.subject");
	CU_ASSERT(unchanged(&f));
	fixture_clear(&f);
}

static void test_append_bad_lines(void)
{
	/* Each of these is refused with nothing written: a blank line, text
	 * that is not JSON, a header, two entities on one line, an id the
	 * file already holds. */
	static const struct {
		const char *text;
		int code;
		int line;
	} cases[] = {
	    {"{\"actor\": {\"id\": \"BY\", \"name\": \"Belarus\"}}\n\n", FT_ESYNTAX, 2},
	    {"{\"actor\": {\"id\": \"BY\", \"name\": ", FT_ESYNTAX, 1},
	    {"{\"forcetrack\": \"1.0\"}\n", FT_EFORMAT, 1},
	    {"{\"actor\": {\"id\": \"BY\", \"name\": \"B\"}, \"region\": {\"id\": \"r\", \"name\": \"R\"}}\n",
	     FT_EFORMAT, 1},
	    {"{\"actor\": {\"id\": \"BY\", \"name\": \"B\"}}\n{\"actor\": {\"id\": \"RU\", \"name\": "
	     "\"R\"}}\n",
	     FT_EDUPLICATE, 2},
	};
	fixture f;
	fixture_init(&f);
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		ft_error err;
		ft_error_clear(&err);
		int rc =
		    ft_lines_file_append(f.path, cases[i].text, strlen(cases[i].text), "new.jsonl", &err);
		if (rc != cases[i].code || err.line != cases[i].line)
			fprintf(stderr, "\ncase %zu: %d %s:%d: %s: %s\n", i, rc, err.file, err.line, err.path,
			        err.text);
		CU_ASSERT_EQUAL(rc, cases[i].code);
		CU_ASSERT_EQUAL(err.line, cases[i].line);
		CU_ASSERT_STRING_EQUAL(err.file, "new.jsonl");
		CU_ASSERT(unchanged(&f));
	}
	fixture_clear(&f);
}

static void test_append_torn(void)
{
	/* The file's last line lost its end: the header and 7 entity lines
	 * are whole, line 9 is torn. Nothing may be glued to it. */
	fixture f;
	fixture_init(&f);
	g_free(f.before);
	f.before = g_strconcat(small_lines, "{\"actor\":{\"id\":\"X", NULL);
	f.before_len = strlen(f.before);
	CU_ASSERT_FATAL(g_file_set_contents(f.path, f.before, -1, NULL));
	static const char add[] = "{\"actor\": {\"id\": \"BY\", \"name\": \"Belarus\"}}\n";
	ft_error err;
	ft_error_clear(&err);
	CU_ASSERT_EQUAL(ft_lines_file_append(f.path, add, strlen(add), "new.jsonl", &err), FT_ETORN);
	CU_ASSERT_EQUAL(err.code, FT_ETORN);
	CU_ASSERT_STRING_EQUAL(err.file, f.path);
	CU_ASSERT_EQUAL(err.line, 9);
	CU_ASSERT_STRING_EQUAL(err.text,
	                       "the file ends in a torn line 9 (an append that did not finish): drop "
	                       "it with recovery first (forcetrack append --recover)");
	CU_ASSERT(unchanged(&f));

	/* A last line that is whole and lacks only its newline (the reader
	 * accepts it) is refused too, but recovery would not help: the
	 * message says what would. The second claim is line 8. */
	g_free(f.before);
	f.before = g_strndup(small_lines, strlen(small_lines) - 1);
	f.before_len = strlen(f.before);
	CU_ASSERT_FATAL(g_file_set_contents(f.path, f.before, -1, NULL));
	ft_error_clear(&err);
	CU_ASSERT_EQUAL(ft_lines_file_append(f.path, add, strlen(add), "new.jsonl", &err), FT_ETORN);
	CU_ASSERT_EQUAL(err.line, 8);
	CU_ASSERT_STRING_EQUAL(
	    err.text, "the file's last line 8 does not end in a newline: add one before appending (recovery "
	              "adds it)");
	CU_ASSERT(unchanged(&f));
	fixture_clear(&f);
}

static void test_append_not_lines(void)
{
	/* A document is not a stream: appending lines would break it. */
	fixture f;
	fixture_init(&f);
	static const char doc[] = "{\n  \"forcetrack\": \"1.0\"\n}\n";
	g_free(f.before);
	f.before = g_strdup(doc);
	f.before_len = strlen(doc);
	CU_ASSERT_FATAL(g_file_set_contents(f.path, doc, -1, NULL));
	static const char add[] = "{\"actor\": {\"id\": \"BY\", \"name\": \"Belarus\"}}\n";
	ft_error err;
	ft_error_clear(&err);
	CU_ASSERT_EQUAL(ft_lines_file_append(f.path, add, strlen(add), "new.jsonl", &err), FT_EFORMAT);
	CU_ASSERT_STRING_EQUAL(err.file, f.path);
	CU_ASSERT_STRING_EQUAL(err.text,
	                       "this is a JSON document, not JSON Lines: lines can only be appended "
	                       "to a JSON Lines file (forcetrack convert writes one)");
	CU_ASSERT(unchanged(&f));
	/* Recovery has nothing to do with a document, and says what it is. */
	ft_error_clear(&err);
	CU_ASSERT_EQUAL(ft_lines_file_recover(f.path, NULL, &err), FT_EFORMAT);
	CU_ASSERT(g_str_has_prefix(err.text, "this is a JSON document"));
	CU_ASSERT(unchanged(&f));
	/* A document without its final newline is a document too, not a
	 * file whose last line lacks a newline: "}" is its last line. */
	g_free(f.before);
	f.before = g_strndup(doc, strlen(doc) - 1);
	f.before_len = strlen(f.before);
	CU_ASSERT_FATAL(g_file_set_contents(f.path, f.before, -1, NULL));
	ft_error_clear(&err);
	CU_ASSERT_EQUAL(ft_lines_file_append(f.path, add, strlen(add), "new.jsonl", &err), FT_EFORMAT);
	CU_ASSERT(g_str_has_prefix(err.text, "this is a JSON document"));
	CU_ASSERT_EQUAL(ft_lines_file_recover(f.path, NULL, &err), FT_EFORMAT);
	CU_ASSERT(unchanged(&f));
	/* An empty file, and one that is no JSON, are not documents: the
	 * load's own message is given. */
	static const char *const not_documents[] = {"", "garbage\n"};
	for (size_t i = 0; i < G_N_ELEMENTS(not_documents); i++) {
		CU_ASSERT_FATAL(g_file_set_contents(f.path, not_documents[i], -1, NULL));
		ft_error_clear(&err);
		CU_ASSERT_EQUAL(ft_lines_file_append(f.path, add, strlen(add), "new.jsonl", &err),
		                FT_ESYNTAX);
		CU_ASSERT(strstr(err.text, "document") == NULL);
	}
	/* A file that does not exist is not created. */
	char *missing = g_build_filename(f.dir, "missing.jsonl", NULL);
	CU_ASSERT_EQUAL(ft_lines_file_append(missing, add, strlen(add), "new.jsonl", &err), FT_EIO);
	CU_ASSERT(!g_file_test(missing, G_FILE_TEST_EXISTS));
	g_free(missing);
	fixture_clear(&f);
}

/* What the child of test_append_disk_full reports by its exit status. */
enum { CHILD_OK = 0, CHILD_SETUP = 10, CHILD_APPENDED = 11, CHILD_WRONG = 12 };

static int append_under_limit(const char *path, off_t limit, const char *add)
{
	struct rlimit lim = {(rlim_t)limit, (rlim_t)limit};
	if (signal(SIGXFSZ, SIG_IGN) == SIG_ERR || setrlimit(RLIMIT_FSIZE, &lim) < 0)
		return CHILD_SETUP;
	ft_error err;
	ft_error_clear(&err);
	int rc = ft_lines_file_append(path, add, strlen(add), "new.jsonl", &err);
	if (rc == 0)
		return CHILD_APPENDED;
	char *want = g_strdup_printf("cannot write \"%s\": %s", path, g_strerror(EFBIG));
	int same = rc == FT_EIO && strcmp(err.text, want) == 0;
	if (!same)
		fprintf(stderr, "\nchild: %d \"%s\", want \"%s\"\n", rc, err.text, want);
	g_free(want);
	return same ? CHILD_OK : CHILD_WRONG;
}

static void test_append_disk_full(void)
{
	/* The file may grow by 20 bytes only: the write stops in the middle of
	 * the first of two new lines. The append is undone: the file is
	 * byte-identical to what it was, and loads, and takes the next
	 * append. */
	static const char add[] = "{\"actor\": {\"id\": \"BY\", \"name\": \"Belarus\"}}\n"
	                          "{\"actor\": {\"id\": \"KZ\", \"name\": \"Kazakhstan\"}}\n";
	fixture f;
	fixture_init(&f);
	fflush(NULL);
	pid_t pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		int result = append_under_limit(f.path, (off_t)f.before_len + 20, add);
		g_free(f.dir);
		g_free(f.path);
		g_free(f.before);
		_exit(result);
	}
	int status = 0;
	CU_ASSERT_EQUAL_FATAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status));
	CU_ASSERT_EQUAL(WEXITSTATUS(status), CHILD_OK);
	CU_ASSERT(unchanged(&f));
	ft_error err;
	ft_error_clear(&err);
	ft_dataset *ds = ft_dataset_load_file(f.path, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL(ds);
	ft_dataset_free(ds);
	CU_ASSERT_EQUAL(ft_lines_file_append(f.path, add, strlen(add), NULL, &err), 0);
	fixture_clear(&f);
}

/* The hook of test_append_crash: the process dies where the hook is
 * called, as a crash there would leave the file. */
static const char *crash_at;

static void crash_hook(const char *point)
{
	if (strcmp(point, crash_at) == 0)
		_exit(0);
}

/* Runs `fn` in a child process that dies at `point`; 1 when it did. */
static int die_at(const char *point, void (*fn)(void *), void *arg)
{
	fflush(NULL);
	pid_t pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		crash_at = point;
		ft__io_hook = crash_hook;
		fn(arg);
		_exit(1); /* the point was never reached */
	}
	int status = 0;
	CU_ASSERT_EQUAL_FATAL(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static const char crash_add[] = "{\"actor\": {\"id\": \"BY\", \"name\": \"Belarus\"}}\n"
                                "{\"actor\": {\"id\": \"KZ\", \"name\": \"Kazakhstan\"}}\n";

static void append_crash_add(void *path)
{
	ft_lines_file_append(path, crash_add, strlen(crash_add), NULL, NULL);
}

static void test_append_crash(void)
{
	/*
	 * A crash after the batch is written and synced, before it is
	 * committed: the file holds both new lines whole, and they must not
	 * count. The header and 7 entity lines come first, so the batch is
	 * lines 9 and 10, 39 + 42 = 81 bytes: {"actor": 9, {"id": 6,
	 * "BY", 5, "name": 7, then "Belarus" 9 or "Kazakhstan" 12, }} 2
	 * and the newline 1.
	 */
	fixture f;
	fixture_init(&f);
	CU_ASSERT_FATAL(die_at("append:written", append_crash_add, f.path));
	size_t len = 0;
	char *got = contents(&f, &len);
	CU_ASSERT_EQUAL(len, f.before_len + 81);
	CU_ASSERT(memcmp(got, f.before, f.before_len) == 0);
	CU_ASSERT_EQUAL(got[f.before_len], '\0');
	g_free(got);

	/* A load refuses it, naming the lines; recovery loads what was
	 * committed (RU and UA, not BY or KZ). */
	ft_error err;
	ft_error_clear(&err);
	CU_ASSERT_PTR_NULL(ft_dataset_load_file(f.path, NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_ETORN);
	CU_ASSERT_EQUAL(err.line, 9);
	CU_ASSERT_STRING_EQUAL(err.text, "lines 9 to 10 are an append that was never committed (as after a "
	                                 "crash during the append)");
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.recover_torn = 1;
	ft_dataset *ds = ft_dataset_load_file(f.path, &opts, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	CU_ASSERT_EQUAL(ft_dataset_actor_count(ds), 2);
	CU_ASSERT_PTR_NULL(ft_dataset_find_actor(ds, "BY"));
	ft_dataset_free(ds);

	/* The next append refuses, and says how to get out. */
	static const char more[] = "{\"actor\": {\"id\": \"MD\", \"name\": \"Moldova\"}}\n";
	ft_error_clear(&err);
	CU_ASSERT_EQUAL(ft_lines_file_append(f.path, more, strlen(more), NULL, &err), FT_ETORN);
	CU_ASSERT_EQUAL(err.line, 9);
	CU_ASSERT_STRING_EQUAL(err.text, "lines 9 to 10 are an append that was never committed: drop them "
	                                 "with recovery first (forcetrack append --recover)");

	/* Recovery drops exactly the batch: the file is as before it. */
	ft_recovery rec;
	ft_error_clear(&err);
	CU_ASSERT_EQUAL(ft_lines_file_recover(f.path, &rec, &err), 0);
	CU_ASSERT_EQUAL(rec.first_line, 9);
	CU_ASSERT_EQUAL(rec.lines, 2);
	CU_ASSERT_EQUAL(rec.bytes, 81);
	CU_ASSERT_EQUAL(rec.newline_added, 0);
	CU_ASSERT(unchanged(&f));
	/* Again: nothing to do. */
	CU_ASSERT_EQUAL(ft_lines_file_recover(f.path, &rec, &err), 0);
	CU_ASSERT_EQUAL(rec.first_line, 0);
	CU_ASSERT_EQUAL(rec.bytes, 0);
	CU_ASSERT(unchanged(&f));
	/* And the same lines go in now. */
	CU_ASSERT_EQUAL(ft_lines_file_append(f.path, crash_add, strlen(crash_add), NULL, &err), 0);
	ds = ft_dataset_load_file(f.path, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL(ds);
	CU_ASSERT_EQUAL(ft_dataset_actor_count(ds), 4);
	ft_dataset_free(ds);
	fixture_clear(&f);
}

static void test_recover(void)
{
	/* A torn last line (line 9, 17 bytes: {"actor": 9, {"id": 6, "X 2) is dropped. */
	fixture f;
	fixture_init(&f);
	char *torn = g_strconcat(small_lines, "{\"actor\":{\"id\":\"X", NULL);
	CU_ASSERT_FATAL(g_file_set_contents(f.path, torn, -1, NULL));
	ft_recovery rec;
	ft_error err;
	ft_error_clear(&err);
	CU_ASSERT_EQUAL(ft_lines_file_recover(f.path, &rec, &err), 0);
	CU_ASSERT_EQUAL(rec.first_line, 9);
	CU_ASSERT_EQUAL(rec.lines, 1);
	CU_ASSERT_EQUAL(rec.bytes, 17);
	CU_ASSERT(unchanged(&f));

	/* A whole last line without its newline gets one; nothing dropped. */
	char *no_nl = g_strndup(small_lines, strlen(small_lines) - 1);
	CU_ASSERT_FATAL(g_file_set_contents(f.path, no_nl, -1, NULL));
	CU_ASSERT_EQUAL(ft_lines_file_recover(f.path, &rec, &err), 0);
	CU_ASSERT_EQUAL(rec.first_line, 8);
	CU_ASSERT_EQUAL(rec.lines, 0);
	CU_ASSERT_EQUAL(rec.bytes, 0);
	CU_ASSERT_EQUAL(rec.newline_added, 1);
	CU_ASSERT(unchanged(&f));

	/* Another problem before the torn end: nothing is changed. Line 9
	 * names a region nobody listed, line 10 is torn. */
	char *bad =
	    g_strconcat(small_lines, "{\"claim\":{\"id\":\"c9\",\"source\":\"ua-mod\",\"subject\":\"RU\",",
	                "\"region\":\"nowhere\",\"value\":1,\"reported\":\"2021-12-05\"}}\n{\"actor", NULL);
	CU_ASSERT_FATAL(g_file_set_contents(f.path, bad, -1, NULL));
	ft_error_clear(&err);
	CU_ASSERT_EQUAL(ft_lines_file_recover(f.path, &rec, &err), FT_EREF);
	CU_ASSERT_EQUAL(err.line, 9);
	CU_ASSERT_EQUAL(rec.first_line, 0);
	size_t len = 0;
	char *got = contents(&f, &len);
	CU_ASSERT(len == strlen(bad) && memcmp(got, bad, len) == 0);
	g_free(got);

	/* No such file: FT_EIO, and none is made. */
	char *missing = g_build_filename(f.dir, "missing.jsonl", NULL);
	CU_ASSERT_EQUAL(ft_lines_file_recover(missing, &rec, &err), FT_EIO);
	CU_ASSERT(!g_file_test(missing, G_FILE_TEST_EXISTS));
	CU_ASSERT_EQUAL(ft_lines_file_recover(NULL, &rec, &err), FT_EINVAL);
	CU_ASSERT_FATAL(g_file_set_contents(f.path, small_lines, -1, NULL));
	g_free(missing);
	g_free(bad);
	g_free(no_nl);
	g_free(torn);
	fixture_clear(&f);
}

/* ---- writers of one file at once ------------------------------------- */

/* How a child of test_append_concurrent ended, by its exit status. */
enum { APPEND_OK = 0, APPEND_DUPLICATE = 3, APPEND_OTHER = 4 };

/* Waits for the barrier to open (its write end closed), then appends. */
static int append_after(int barrier, const char *path, const char *text)
{
	char c;
	while (read(barrier, &c, 1) < 0 && errno == EINTR)
		;
	ft_error err;
	ft_error_clear(&err);
	int rc = ft_lines_file_append(path, text, strlen(text), NULL, &err);
	if (rc && rc != FT_EDUPLICATE)
		fprintf(stderr, "\nchild: %d %s\n", rc, err.text);
	return rc == 0 ? APPEND_OK : rc == FT_EDUPLICATE ? APPEND_DUPLICATE : APPEND_OTHER;
}

static void test_append_concurrent(void)
{
	/*
	 * Ten processes append at once, released together by a pipe: six with
	 * an id of their own (actor A<i> and region R<i>, two lines each), and
	 * two pairs with the same id (actor D<j> and region R-D<j>-<i>, which
	 * differs within the pair). Afterwards the file loads (every line
	 * whole, no id twice), each of the six is there once, and of each pair
	 * exactly one succeeded and the other was refused as a duplicate:
	 * 2 + 6 + 2 = 10 actors, 1 + 6 + 2 = 9 regions. Five rounds, for the
	 * races to have their chance.
	 */
	enum { N = 10, DISTINCT = 6 };
	for (int round = 0; round < 5; round++) {
		fixture f;
		fixture_init(&f);
		int barrier[2];
		CU_ASSERT_EQUAL_FATAL(pipe(barrier), 0);
		pid_t pids[N];
		fflush(NULL);
		for (int i = 0; i < N; i++) {
			char *text;
			if (i < DISTINCT)
				text = g_strdup_printf("{\"actor\": {\"id\": \"A%d\", \"name\": \"a\"}}\n"
				                       "{\"region\": {\"id\": \"R%d\", \"name\": \"r\"}}\n",
				                       i, i);
			else
				text =
				    g_strdup_printf("{\"actor\": {\"id\": \"D%d\", \"name\": \"d\"}}\n"
				                    "{\"region\": {\"id\": \"R-D%d-%d\", \"name\": \"r\"}}\n",
				                    (i - DISTINCT) / 2, (i - DISTINCT) / 2, i);
			pids[i] = fork();
			CU_ASSERT_FATAL(pids[i] >= 0);
			if (pids[i] == 0) {
				close(barrier[1]);
				_exit(append_after(barrier[0], f.path, text));
			}
			g_free(text);
		}
		close(barrier[0]);
		close(barrier[1]); /* go */
		int status[N];
		for (int i = 0; i < N; i++) {
			int st = 0;
			CU_ASSERT_EQUAL(waitpid(pids[i], &st, 0), pids[i]);
			status[i] = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
		}
		for (int i = 0; i < DISTINCT; i++)
			CU_ASSERT_EQUAL(status[i], APPEND_OK);
		for (int i = DISTINCT; i < N; i += 2) {
			int ok = (status[i] == APPEND_OK) + (status[i + 1] == APPEND_OK);
			int dup = (status[i] == APPEND_DUPLICATE) + (status[i + 1] == APPEND_DUPLICATE);
			CU_ASSERT_EQUAL(ok, 1);
			CU_ASSERT_EQUAL(dup, 1);
		}
		ft_error err;
		ft_error_clear(&err);
		ft_dataset *ds = ft_dataset_load_file(f.path, NULL, &err);
		if (!ds)
			fprintf(stderr, "\nload: %s:%d: %s\n", err.file, err.line, err.text);
		CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
		CU_ASSERT_EQUAL(ft_dataset_actor_count(ds), 10);
		CU_ASSERT_EQUAL(ft_dataset_region_count(ds), 9);
		for (int i = 0; i < DISTINCT; i++) {
			char id[16];
			g_snprintf(id, sizeof id, "A%d", i);
			CU_ASSERT_PTR_NOT_NULL(ft_dataset_find_actor(ds, id));
			g_snprintf(id, sizeof id, "R%d", i);
			CU_ASSERT_PTR_NOT_NULL(ft_dataset_find_region(ds, id));
		}
		CU_ASSERT_PTR_NOT_NULL(ft_dataset_find_actor(ds, "D0"));
		CU_ASSERT_PTR_NOT_NULL(ft_dataset_find_actor(ds, "D1"));
		ft_dataset_free(ds);
		fixture_clear(&f);
	}
}

/* The pipes of test_rewrite_during_append's paused child. */
static int paused_said[2], paused_go[2];

static void pause_hook(const char *point)
{
	if (strcmp(point, crash_at) != 0)
		return;
	char c = 'p';
	ssize_t n = write(paused_said[1], &c, 1);
	(void)n;
	while (read(paused_go[0], &c, 1) < 0 && errno == EINTR)
		;
}

/* Runs `fn` in a child that stops at `point` until told to go on; returns
 * once it has stopped there. */
static pid_t pause_at(const char *point, void (*fn)(void *), void *arg)
{
	CU_ASSERT_FATAL(pipe(paused_said) == 0 && pipe(paused_go) == 0);
	fflush(NULL);
	pid_t pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		crash_at = point;
		ft__io_hook = pause_hook;
		fn(arg);
		_exit(0);
	}
	/* Only the child writes: a child that ends without stopping ends
	 * the read. */
	close(paused_said[1]);
	paused_said[1] = -1;
	char c;
	CU_ASSERT_EQUAL_FATAL(read(paused_said[0], &c, 1), 1);
	return pid;
}

static void resume(pid_t pid)
{
	char c = 'g';
	CU_ASSERT_EQUAL(write(paused_go[1], &c, 1), 1);
	int st = 0;
	CU_ASSERT_EQUAL(waitpid(pid, &st, 0), pid);
	CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(paused_said[0]);
	close(paused_go[0]);
	close(paused_go[1]);
}

static void rewrite(void *path)
{
	ft_error err;
	if (ft_dataset_rewrite_file(path, NULL, &err) != 0) {
		fprintf(stderr, "\nrewrite: %s\n", err.text);
		_exit(1);
	}
}

/* 1 when the child `pid` is still running, 100 ms on. A child that does
 * not wait has ended by then; one that waits for a lock has not. */
static int still_running(pid_t pid)
{
	g_usleep(100 * 1000);
	int st;
	return waitpid(pid, &st, WNOHANG) == 0;
}

static void append_more(void *path)
{
	static const char more[] = "{\"actor\": {\"id\": \"MD\", \"name\": \"Moldova\"}}\n";
	ft_lines_file_append(path, more, strlen(more), NULL, NULL);
}

static void test_rewrite_during_append(void)
{
	/*
	 * A rewrite (fmt --in-place) has loaded the file and holds its lock
	 * when an append comes: the append waits, then goes into the new
	 * file. Without the lock it would go into the old file, which the
	 * rewrite then renames away: the line would be lost. The file is the
	 * small dataset with its header written non-canonically, so the
	 * rewrite is seen to have happened too.
	 */
	fixture f;
	fixture_init(&f);
	const char *nl = strchr(small_lines, '\n');
	char *spaced = g_strconcat("{\"forcetrack\": \"1.0\"}\n", nl + 1, NULL);
	gboolean written = g_file_set_contents(f.path, spaced, -1, NULL);
	/* Freed before the forks: under valgrind a child that exits holding
	 * it reports a leak and exits with valgrind's error code. */
	g_free(spaced);
	CU_ASSERT_FATAL(written);
	pid_t writer = pause_at("save:loaded", rewrite, f.path);
	static const char add[] = "{\"actor\": {\"id\": \"BY\", \"name\": \"Belarus\"}}\n";
	fflush(NULL);
	pid_t appender = fork();
	CU_ASSERT_FATAL(appender >= 0);
	if (appender == 0)
		_exit(ft_lines_file_append(f.path, add, strlen(add), NULL, NULL) == 0 ? 0 : 1);
	CU_ASSERT(still_running(appender));
	resume(writer);
	int st = 0;
	CU_ASSERT_EQUAL(waitpid(appender, &st, 0), appender);
	CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* Rewritten ({"forcetrack":"1.0"}, compact), then BY behind it. */
	size_t len = 0;
	char *got = contents(&f, &len);
	char *want = g_strconcat("{\"forcetrack\":\"1.0\"}\n", nl + 1,
	                         "{\"actor\":{\"id\":\"BY\",\"name\":\"Belarus\"}}\n", NULL);
	ASSERT_TEXT(got, want);
	g_free(want);
	g_free(got);

	/* The other way round: an append holds the lock (stopped before its
	 * commit) and the rewrite waits for it, then keeps the line. */
	pid_t a = pause_at("append:written", append_more, f.path);
	fflush(NULL);
	pid_t w = fork();
	CU_ASSERT_FATAL(w >= 0);
	if (w == 0) {
		rewrite(f.path);
		_exit(0);
	}
	CU_ASSERT(still_running(w));
	resume(a);
	CU_ASSERT_EQUAL(waitpid(w, &st, 0), w);
	CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	ft_error err;
	ft_dataset *ds = ft_dataset_load_file(f.path, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_find_actor(ds, "MD"));
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_find_actor(ds, "BY"));
	ft_dataset_free(ds);
	fixture_clear(&f);
}

static const ft_test tests[] = {
    {"the exact text of a small dataset", test_exact_text},
    {"an empty dataset is its header", test_empty_dataset},
    {"invalid arguments", test_invalid_arguments},
    {"references point backward, dataset order kept", test_topological_order},
    {"a long chain listed backward", test_order_is_stable_for_long_chains},
    {"opposes once, on the later line", test_opposes_once},
    {"disputes once, on the later line", test_disputes_once},
    {"members naming each other", test_members_cycle},
    {"a loop of parent and members", test_parent_and_members_loop},
    {"round trip: unchanged", test_round_trip_exact},
    {"round trip: the example dataset", test_round_trip_example},
    {"round trip: C1, DEL and bidi controls escaped", test_terminal_controls_escaped},
    {"save to a file", test_save_file},
    {"append", test_append},
    {"append nothing", test_append_nothing},
    {"append with a bad reference writes nothing", test_append_bad_reference},
    {"append lines that are not entities", test_append_bad_lines},
    {"append to a torn file", test_append_torn},
    {"append to a document or no file", test_append_not_lines},
    {"append when the disk fills", test_append_disk_full},
    {"a crash before the commit", test_append_crash},
    {"recover a torn end", test_recover},
    {"ten appends at once", test_append_concurrent},
    {"a rewrite and an append at once", test_rewrite_during_append},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("lines_write", tests);
}
