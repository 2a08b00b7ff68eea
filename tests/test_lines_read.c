/*
 * Tests for the JSON Lines reader (io/read-lines.c): that a stream
 * loads to the same dataset as the equivalent document; that references
 * must point to earlier lines; that every problem names its line (syntax
 * errors their column too); the header's rules; blank lines, lines with no
 * or two entities, line-level x- keys; a torn last line refused and
 * recovered; the choice of encoding by content for buffers, files and
 * streams (a pipe included); and that parsing on several threads gives the
 * same dataset and the same problems, in the same order, as one thread.
 */
#include <glib.h>
#include <signal.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "forcetrack.h"
#include "io/read-private.h"
#include "test-util.h"

/* ---- helpers ------------------------------------------------------------- */

static void collect(const ft_error *err, void *payload)
{
	char line[1024];
	ft_error_format(err, line, sizeof line);
	g_ptr_array_add(payload, g_strdup(line));
}

static GPtrArray *new_lines(void)
{
	return g_ptr_array_new_with_free_func(g_free);
}

/* Loads `text` (a buffer named "t.jsonl") with problems collected in
 * `lines`; `opts` may be NULL. */
static ft_dataset *load(const char *text, GPtrArray *lines, ft_load_options *opts, ft_error *err)
{
	ft_load_options defaults = FT_LOAD_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	opts->on_error = lines ? collect : NULL;
	opts->payload = lines;
	return ft_dataset_load_buffer(text, strlen(text), "t.jsonl", opts, err);
}

static int same_lines(const GPtrArray *a, const GPtrArray *b)
{
	if (a->len != b->len)
		return 0;
	for (guint i = 0; i < a->len; i++)
		if (strcmp(g_ptr_array_index(a, i), g_ptr_array_index(b, i)) != 0)
			return 0;
	return 1;
}

/* Loads `text`, expecting refusal with exactly the problems `expected`
 * (NULL-terminated), in order. */
static void expect_problems(const char *text, const char *const *expected)
{
	GPtrArray *lines = new_lines();
	ft_error err;
	ft_dataset *ds = load(text, lines, NULL, &err);
	CU_ASSERT_PTR_NULL(ds);
	ft_dataset_free(ds);
	size_t n = 0;
	while (expected[n])
		n++;
	int same = lines->len == n;
	for (size_t i = 0; same && i < n; i++)
		same = strcmp(g_ptr_array_index(lines, i), expected[i]) == 0;
	if (!same) {
		fprintf(stderr, "\nexpected:\n");
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, "  %s\n", expected[i]);
		fprintf(stderr, "got:\n");
		for (guint i = 0; i < lines->len; i++)
			fprintf(stderr, "  %s\n", (char *)g_ptr_array_index(lines, i));
		CU_FAIL("problems differ");
	}
	if (n) {
		char first[1024];
		ft_error_format(&err, first, sizeof first);
		CU_ASSERT_STRING_EQUAL(first, expected[0]);
	}
	/* Parsed on three threads, even in batches this small: the same. */
	GPtrArray *parallel = new_lines();
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.threads = 3;
	ft__lines_parallel_min = 1;
	ds = load(text, parallel, &opts, &err);
	ft__lines_parallel_min = 64;
	CU_ASSERT_PTR_NULL(ds);
	ft_dataset_free(ds);
	CU_ASSERT_TRUE(same_lines(lines, parallel));
	g_ptr_array_free(parallel, TRUE);
	g_ptr_array_free(lines, TRUE);
}

#define EXPECT(text, ...)                                                                                    \
	do {                                                                                                 \
		const char *const expected_[] = {__VA_ARGS__, NULL};                                         \
		expect_problems(text, expected_);                                                            \
	} while (0)

/* A small stream, a line a macro. */
#define HDR "{\"forcetrack\": \"1.0\"}\n"
#define RU  "{\"actor\": {\"id\": \"RU\", \"name\": \"Russia\", \"kind\": \"state\"}}\n"
#define UA                                                                                                   \
	"{\"actor\": {\"id\": \"UA\", \"name\": \"Ukraine\", \"kind\": \"state\", \"opposes\": [\"RU\"]}}\n"
#define DONBAS "{\"region\": {\"id\": \"donbas\", \"name\": \"Donbas\"}}\n"
#define SRC                                                                                                  \
	"{\"source\": {\"id\": \"ua-mod\", \"name\": \"Ministry of Defence of Ukraine\", \"actor\": "        \
	"\"UA\"}}\n"
#define CLAIM_BODY(id)                                                                                       \
	"\"id\": \"" id "\", \"source\": \"ua-mod\", \"subject\": \"RU\", \"region\": \"donbas\", "          \
	"\"value\": 94000, \"reported\": \"2021-12-01\""
#define CLAIM(id) "{\"claim\": {" CLAIM_BODY(id) "}}\n"
/* Lines 1 to 5. */
#define PRELUDE HDR RU UA DONBAS SRC

static char *save(const ft_dataset *ds)
{
	ft_error err;
	char *text = ft_dataset_save_string(ds, &err);
	CU_ASSERT_PTR_NOT_NULL(text);
	return text;
}

/* ---- what loads ----------------------------------------------------------- */

static void test_same_as_document(void)
{
	const char *stream =
	    "{\"forcetrack\": \"1.0\", \"dataset\": {\"title\": \"daily\", \"x-a\": 1}, \"x-top\": true}\n" RU
	        UA DONBAS
	    "{\"region\": {\"id\": \"donetsk\", \"name\": \"Donetsk\", \"parent\": \"donbas\"}}\n" SRC
	    "{\"unit\": {\"id\": \"u1\", \"name\": \"1st Tank Army\", \"actor\": \"RU\", \"garrison\": "
	    "\"donbas\"}}\n" CLAIM("c1") "{\"claim\": {\"id\": \"c2\", \"source\": \"ua-mod\", \"subject\": "
	                                 "\"RU\", \"unit\": \"u1\", "
	                                 "\"region\": \"donetsk\", \"low\": 90000, \"high\": 100000, "
	                                 "\"reported\": \"2021-12-02\", "
	                                 "\"supersedes\": [\"c1\"], \"observed\": {\"from\": \"2021-11\", "
	                                 "\"x-why\": \"est\"}}}\n";
	const char *document =
	    "{\"forcetrack\": \"1.0\", \"dataset\": {\"title\": \"daily\", \"x-a\": 1}, \"x-top\": true,\n"
	    " \"actors\": [{\"id\": \"RU\", \"name\": \"Russia\", \"kind\": \"state\"},\n"
	    "   {\"id\": \"UA\", \"name\": \"Ukraine\", \"kind\": \"state\", \"opposes\": [\"RU\"]}],\n"
	    " \"regions\": [{\"id\": \"donbas\", \"name\": \"Donbas\"},\n"
	    "   {\"id\": \"donetsk\", \"name\": \"Donetsk\", \"parent\": \"donbas\"}],\n"
	    " \"units\": [{\"id\": \"u1\", \"name\": \"1st Tank Army\", \"actor\": \"RU\", \"garrison\": "
	    "\"donbas\"}],\n"
	    " \"sources\": [{\"id\": \"ua-mod\", \"name\": \"Ministry of Defence of Ukraine\", \"actor\": "
	    "\"UA\"}],\n"
	    " \"claims\": [{" CLAIM_BODY(
	        "c1") "},\n"
	              "   {\"id\": \"c2\", \"source\": \"ua-mod\", \"subject\": \"RU\", \"unit\": \"u1\", "
	              "\"region\": \"donetsk\", \"low\": 90000, \"high\": 100000, \"reported\": "
	              "\"2021-12-02\", "
	              "\"supersedes\": [\"c1\"], \"observed\": {\"from\": \"2021-11\", \"x-why\": "
	              "\"est\"}}]}\n";
	ft_error err;
	ft_dataset *a = load(stream, NULL, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	ft_dataset *b = ft_dataset_load_buffer(document, strlen(document), "t.json", NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(ft_dataset_claim_count(a), 2);
	char *sa = save(a), *sb = save(b);
	CU_ASSERT_STRING_EQUAL(sa, sb);
	/* The header's extension is kept, as the document's top level is. */
	CU_ASSERT_PTR_NOT_NULL(strstr(sa, "\"x-top\": true"));
	/* The indexes are built as lines are added: c2 supersedes c1. */
	const ft_claim *c1 = ft_dataset_find_claim(a, "c1");
	CU_ASSERT_PTR_NOT_NULL(c1);
	CU_ASSERT_PTR_EQUAL(ft_region_parent(ft_dataset_find_region(a, "donetsk")),
	                    ft_dataset_find_region(a, "donbas"));
	ft_free(sa);
	ft_free(sb);
	ft_dataset_free(a);
	ft_dataset_free(b);
}

/*
 * A line longer than max_line is refused with FT_ELIMIT at its line,
 * before Jansson builds a tree of it. The actor line RU is 58 bytes
 * without its newline ({"actor": {"id": "RU", "name": "Russia", "kind":
 * "state"}}: 11 + 11 + 18 + 18): a limit of 57 refuses it (line 2), 58
 * takes it. Options of
 * version 1 do not have the field, so it is not read: the default (4 MiB)
 * holds.
 */
static void test_max_line(void)
{
	const char *text = HDR RU;
	CU_ASSERT_EQUAL(strlen(RU), 59); /* 58 and the newline */
	GPtrArray *lines = new_lines();
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.max_line = 57;
	ft_error err;
	CU_ASSERT_PTR_NULL(load(text, lines, &opts, &err));
	CU_ASSERT_EQUAL(err.code, FT_ELIMIT);
	CU_ASSERT_EQUAL(err.line, 2);
	CU_ASSERT_EQUAL_FATAL(lines->len, 1);
	CU_ASSERT_STRING_EQUAL(g_ptr_array_index(lines, 0),
	                       "t.jsonl:2: line of 58 bytes is over the limit of 57 bytes (max_line)");
	g_ptr_array_free(lines, TRUE);
	opts.max_line = 58;
	ft_dataset *ds = load(text, NULL, &opts, &err);
	CU_ASSERT_PTR_NOT_NULL(ds);
	ft_dataset_free(ds);
	opts.max_line = 57;
	opts.version = 1;
	ds = load(text, NULL, &opts, &err);
	CU_ASSERT_PTR_NOT_NULL(ds);
	ft_dataset_free(ds);
	/* The header line ({"forcetrack": "1.0"}, 21 bytes) is held to it too. */
	ft_load_options tiny = FT_LOAD_OPTIONS_INIT;
	tiny.max_line = 10;
	CU_ASSERT_PTR_NULL(load(text, NULL, &tiny, &err));
	CU_ASSERT_EQUAL(err.code, FT_ELIMIT);
	CU_ASSERT_EQUAL(err.line, 1);
}

/* 94000.000000000001 in a JSON Lines claim: the double is whole, the
 * number is not (as in test_io's documents); 94000.0 on the same line
 * is taken. */
static void test_fraction_rounding_to_whole(void)
{
	const char *bad = PRELUDE "{\"claim\": {\"id\": \"c\", \"source\": \"ua-mod\", \"subject\": \"RU\", "
	                          "\"region\": \"donbas\", \"value\": 94000.000000000001, \"reported\": "
	                          "\"2021-12-01\"}}\n";
	ft_error err;
	CU_ASSERT_PTR_NULL(load(bad, NULL, NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "a fraction that rounds to 94000"));
	const char *good = PRELUDE "{\"claim\": {\"id\": \"c\", \"source\": \"ua-mod\", \"subject\": \"RU\", "
	                           "\"region\": \"donbas\", \"value\": 94000.0, \"reported\": "
	                           "\"2021-12-01\"}}\n";
	ft_dataset *ds = load(good, NULL, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL(ds);
	ft_dataset_free(ds);
}

static void test_header_only(void)
{
	/* One header line is a dataset in either encoding. */
	const char *text = "{\"forcetrack\": \"1.0\", \"dataset\": {\"title\": \"empty\"}}\n";
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.encoding = FT_ENCODING_LINES;
	ft_error err;
	ft_dataset *a = load(text, NULL, &opts, &err);
	ft_dataset *b = load(text, NULL, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	char *sa = save(a), *sb = save(b);
	CU_ASSERT_STRING_EQUAL(sa, sb);
	ft_free(sa);
	ft_free(sb);
	ft_dataset_free(a);
	ft_dataset_free(b);
}

static void test_last_line_without_newline(void)
{
	/* A last line that parses whole is accepted without its "\n". */
	const char *text = PRELUDE "{\"claim\": {" CLAIM_BODY("c1") "}}";
	ft_error err;
	ft_dataset *ds = load(text, NULL, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	CU_ASSERT_EQUAL(ft_dataset_claim_count(ds), 1);
	ft_dataset_free(ds);
	/* CRLF line ends: "\r" is JSON whitespace. */
	text = "{\"forcetrack\": \"1.0\"}\r\n{\"actor\": {\"id\": \"RU\", \"name\": \"Russia\"}}\r\n";
	ds = load(text, NULL, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL(ds);
	CU_ASSERT_EQUAL(ft_dataset_actor_count(ds), 1);
	ft_dataset_free(ds);
}

static void test_line_extensions(void)
{
	/* x- keys beside the entity key join the entity's own. */
	const char *text = PRELUDE "{\"x-batch\": 7, \"claim\": {" CLAIM_BODY("c1") ", \"x-note\": \"n\"}}\n";
	ft_error err;
	ft_dataset *ds = load(text, NULL, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	char *s = save(ds);
	/* Sorted by key inside the claim object: x-batch before x-note. */
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"x-batch\": 7,\n      \"x-note\": \"n\"\n"));
	ft_free(s);
	ft_dataset_free(ds);

	EXPECT(PRELUDE "{\"x-note\": 1, \"claim\": {" CLAIM_BODY("c1") ", \"x-note\": 2}}\n",
	       "t.jsonl:6: x-note: repeated key: the claim has \"x-note\" too (x- keys beside an entity are "
	       "kept "
	       "in it)");
}

/* ---- what is refused ------------------------------------------------------ */

static void test_backward_references(void)
{
	/* The claim on line 4 names the source of line 5: the reference
	 * points forward, which a stream does not allow. The claim's id is
	 * kept known, so line 6 (which supersedes it) raises nothing. */
	EXPECT(HDR RU DONBAS CLAIM("c1") SRC
	       "{\"claim\": {" CLAIM_BODY("c2") ", \"supersedes\": [\"c1\"]}}\n",
	       "t.jsonl:4: claim.source: unknown source \"ua-mod\"",
	       /* and the source on line 5 names UA, which no line has ("RU"
	        * is two edits away, too far to suggest for a short id) */
	       "t.jsonl:5: source.actor: unknown actor \"UA\"");
	EXPECT(PRELUDE "{\"claim\": {\"id\": \"c1\", \"source\": \"ua-mod\", \"subject\": \"RU\", "
	               "\"region\": \"donbass\", \"value\": 1, \"reported\": \"2021-12-01\"}}\n",
	       "t.jsonl:6: claim.region: unknown region \"donbass\" (did you mean \"donbas\"?)");
	/* An actor whose parent comes later. */
	EXPECT(HDR "{\"actor\": {\"id\": \"DPR\", \"name\": \"DPR\", \"parent\": \"RU\"}}\n" RU,
	       "t.jsonl:2: actor.parent: unknown actor \"RU\"");
}

static void test_syntax_errors(void)
{
	/* Column 32 is the '}' where a value should be:
	 * {"actor": {"id": "UA", "name": }}
	 * 1        10        20        30 */
	EXPECT(HDR RU DONBAS "{\"actor\": {\"id\": \"UA\", \"name\": }}\n" SRC,
	       "t.jsonl:4:32: invalid JSON: unexpected token near '}'",
	       /* UA was never added: the source on line 5 names it */
	       "t.jsonl:5: source.actor: unknown actor \"UA\"");
	/* Cut short, not at the end of the file: "end of line" is where
	 * Jansson ran out, after the 9 characters of {"actor": (Jansson
	 * names the column of the last character it read). */
	EXPECT(HDR "{\"actor\":\n" RU, "t.jsonl:2:9: invalid JSON: unexpected token near end of line");
	/* Repeated keys within a line: the second "id" ends at column 27
	 * (1 + 7 "actor" + 1 + 1 + 1 + 4 + 1 + 1 + 4 + 1 + 1 = 23, then 24-27). */
	EXPECT(HDR "{\"actor\": {\"id\": \"RU\", \"id\": \"UA\", \"name\": \"x\"}}\n",
	       "t.jsonl:2:27: repeated key in an object (duplicate object key near '\"id\"')");
}

static void test_header_rules(void)
{
	EXPECT(RU UA,
	       "t.jsonl:1: missing header: the first line must be {\"forcetrack\": \"1.0\"}, before the "
	       "first actor");
	EXPECT("{\"forcetrack\": \"2.0\"}\n" RU,
	       "t.jsonl:1: forcetrack: format version 2.0 is not supported: this library reads version 1.0");
	EXPECT("{\"forcetrack\": \"1.9\"}\n" RU, "t.jsonl:1: forcetrack: format version 1.9 is newer than "
	                                         "this library's 1.0: update libforcetrack");
	EXPECT("{\"title\": \"x\"}\n" RU,
	       "t.jsonl:1: missing required key \"forcetrack\" (the format version, \"1.0\")");
	/* An entity on the header line; the rest of the stream is still read. */
	EXPECT("{\"forcetrack\": \"1.0\", \"actor\": {\"id\": \"RU\", \"name\": \"Russia\"}}\n" UA,
	       "t.jsonl:1: actor: an entity goes on a line of its own, after the header",
	       "t.jsonl:2: actor.opposes[0]: unknown actor \"RU\"");
	EXPECT("{\"forcetrack\": \"1.0\", \"datset\": {}}\n" RU,
	       "t.jsonl:1: datset: unknown key (did you mean \"dataset\"?)");
	/* A second header: two files joined. */
	EXPECT(HDR RU HDR, "t.jsonl:3: forcetrack: only the header, the first line, has this key");
	/* An empty input read as JSON Lines. */
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.encoding = FT_ENCODING_LINES;
	GPtrArray *lines = new_lines();
	ft_error err;
	CU_ASSERT_PTR_NULL(load("", lines, &opts, &err));
	CU_ASSERT_EQUAL(err.code, FT_ESYNTAX);
	CU_ASSERT_STRING_EQUAL(err.text, "empty file: expected the header line {\"forcetrack\": \"1.0\"}");
	g_ptr_array_free(lines, TRUE);
}

static void test_line_shape(void)
{
	EXPECT(PRELUDE "\n" CLAIM("c1"), "t.jsonl:6: blank line: JSON Lines has one object per line");
	/* Blank lines before the header too (only a forced encoding gets
	 * there: by content, this would be a document). */
	EXPECT(HDR RU " \n\n" UA, "t.jsonl:3: blank line: JSON Lines has one object per line",
	       "t.jsonl:4: blank line: JSON Lines has one object per line");
	EXPECT(HDR "{\"actor\": {\"id\": \"RU\", \"name\": \"Russia\"}, \"region\": {\"id\": \"r\", "
	           "\"name\": \"r\"}}\n" RU,
	       "t.jsonl:2: a line must hold one entity, this one holds 2 (\"actor\", \"region\")");
	EXPECT(HDR "{}\n" RU,
	       "t.jsonl:2: a line must hold one entity, under one of the keys \"actor\", \"region\", "
	       "\"unit\", \"source\", \"claim\"");
	EXPECT(HDR "{\"actors\": [{\"id\": \"RU\", \"name\": \"Russia\"}]}\n" RU,
	       "t.jsonl:2: actors: unknown key (did you mean \"actor\"?)");
	EXPECT(HDR "[1, 2]\n" RU, "t.jsonl:2: a line must be a JSON object, not an array");
	EXPECT(HDR "{\"actor\": \"RU\"}\n" RU, "t.jsonl:2: actor: expected an object, got a string");
	/* The entity's own rules, named by line and "kind.field". */
	EXPECT(PRELUDE "{\"claim\": {" CLAIM_BODY("c1") ", \"credibility\": 9}}\n",
	       "t.jsonl:6: claim.credibility: credibility 9 is not an Admiralty information grade (1 to 6)");
	EXPECT(PRELUDE "{\"claim\": {" CLAIM_BODY("c1") ", \"vlaue\": 1}}\n",
	       "t.jsonl:6: claim.vlaue: unknown key (did you mean \"value\"?)");
	EXPECT(PRELUDE CLAIM("c1") CLAIM("c1"),
	       "t.jsonl:7: claim.id: duplicate claim id \"c1\" (an earlier line has it)");
}

static void test_max_errors(void)
{
	/* Every line after the header is blank: the load stops at three. */
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.max_errors = 3;
	GPtrArray *lines = new_lines();
	ft_error err;
	CU_ASSERT_PTR_NULL(load(HDR RU "\n\n\n\n\n\n" UA, lines, &opts, &err));
	CU_ASSERT_EQUAL(lines->len, 3);
	CU_ASSERT_STRING_EQUAL(g_ptr_array_index(lines, 2),
	                       "t.jsonl:5: blank line: JSON Lines has one object per line");
	g_ptr_array_free(lines, TRUE);
}

/* ---- torn last lines ------------------------------------------------------- */

static void test_torn(void)
{
	const char *text = PRELUDE CLAIM("c1") "{\"claim\": {\"id\": \"c2\", \"sou";
	const char *torn =
	    "t.jsonl:7: line 7 is torn (the file ends in the middle of a line, as after a crash during "
	    "an append)";
	EXPECT(text, torn);

	/* Recovered: everything before it loads, the torn line is reported. */
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.recover_torn = 1;
	GPtrArray *lines = new_lines();
	ft_error err;
	ft_dataset *ds = load(text, lines, &opts, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	CU_ASSERT_EQUAL(ft_dataset_claim_count(ds), 1);
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_find_claim(ds, "c1"));
	CU_ASSERT_EQUAL(lines->len, 1);
	CU_ASSERT_STRING_EQUAL(g_ptr_array_index(lines, 0), torn);
	CU_ASSERT_EQUAL(err.code, FT_ETORN);
	CU_ASSERT_EQUAL(err.line, 7);
	ft_dataset_free(ds);
	g_ptr_array_free(lines, TRUE);

	/* recover_torn drops only a torn line: another problem still refuses. */
	lines = new_lines();
	CU_ASSERT_PTR_NULL(load(PRELUDE "\n" CLAIM("c1") "{\"claim\": {", lines, &opts, &err));
	CU_ASSERT_EQUAL(lines->len, 2);
	g_ptr_array_free(lines, TRUE);

	/* The same broken text followed by "\n" is not torn but invalid; the
	 * string "sou ends at column 27 (23 characters before it). */
	EXPECT(PRELUDE "{\"claim\": {\"id\": \"c2\", \"sou\n",
	       "t.jsonl:6:27: invalid JSON: premature end of input near '\"sou'");
}

/* Loads `len` bytes of `text` (which may hold NUL) with `threads`. */
static ft_dataset *load_len(const char *text, size_t len, int recover, unsigned threads, GPtrArray *lines,
                            ft_error *err)
{
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.recover_torn = recover;
	opts.threads = threads;
	opts.on_error = collect;
	opts.payload = lines;
	return ft_dataset_load_buffer(text, len, "t.jsonl", &opts, err);
}

static void test_uncommitted(void)
{
	/*
	 * An append that was never committed: its first line begins with NUL
	 * (io/append.c writes it so until the commit). Lines 1 to 5 are the
	 * prelude and 6 is c1; the batch is lines 7 and 8, whole, then a
	 * torn line 9: all of it is one problem, on line 7, and recovery
	 * loads c1 alone, serially and on 4 threads alike.
	 */
	static const char text[] = PRELUDE CLAIM("c1") "\0" CLAIM("c2") CLAIM("c3") "{\"claim\": {";
	size_t len = sizeof text - 1;
	const char *said = "t.jsonl:7: lines 7 to 9 are an append that was never committed (as after a crash "
	                   "during the append)";
	unsigned threads[] = {1, 4};
	for (size_t t = 0; t < G_N_ELEMENTS(threads); t++) {
		ft__lines_parallel_min = 1;
		GPtrArray *lines = new_lines();
		ft_error err;
		CU_ASSERT_PTR_NULL(load_len(text, len, 0, threads[t], lines, &err));
		CU_ASSERT_EQUAL(err.code, FT_ETORN);
		CU_ASSERT_EQUAL(lines->len, 1);
		if (lines->len)
			CU_ASSERT_STRING_EQUAL(g_ptr_array_index(lines, 0), said);
		g_ptr_array_free(lines, TRUE);

		lines = new_lines();
		ft_dataset *ds = load_len(text, len, 1, threads[t], lines, &err);
		CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
		CU_ASSERT_EQUAL(ft_dataset_claim_count(ds), 1);
		CU_ASSERT_PTR_NOT_NULL(ft_dataset_find_claim(ds, "c1"));
		CU_ASSERT_EQUAL(lines->len, 1);
		ft_dataset_free(ds);
		g_ptr_array_free(lines, TRUE);
		ft__lines_parallel_min = 64;
	}

	/* One line, ending in its newline: "line 7 is". */
	static const char one[] = PRELUDE CLAIM("c1") "\0" CLAIM("c2");
	GPtrArray *lines = new_lines();
	ft_error err;
	CU_ASSERT_PTR_NULL(load_len(one, sizeof one - 1, 0, 1, lines, &err));
	CU_ASSERT_STRING_EQUAL(
	    err.text, "line 7 is an append that was never committed (as after a crash during the append)");
	g_ptr_array_free(lines, TRUE);

	/* A NUL inside a line is not a batch marker: the line is invalid JSON,
	 * and recovery does not drop it. */
	static const char inside[] = PRELUDE "{\"claim\": \0}\n" CLAIM("c1");
	lines = new_lines();
	CU_ASSERT_PTR_NULL(load_len(inside, sizeof inside - 1, 1, 1, lines, &err));
	CU_ASSERT_EQUAL(err.code, FT_ESYNTAX);
	CU_ASSERT_EQUAL(err.line, 6);
	g_ptr_array_free(lines, TRUE);
}

/* ---- choosing the encoding ----------------------------------------------- */

#define LINES_TEXT PRELUDE CLAIM("c1") CLAIM("c2")
#define DOC_TEXT   "{\n  \"forcetrack\": \"1.0\",\n  \"actors\": [{\"id\": \"RU\", \"name\": \"Russia\"}]\n}\n"

static char *temp_file(const char *name, const char *text)
{
	char *dir = g_dir_make_tmp("ft-lines-XXXXXX", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	char *path = g_build_filename(dir, name, NULL);
	CU_ASSERT_TRUE_FATAL(g_file_set_contents(path, text, -1, NULL));
	g_free(dir);
	return path;
}

static void remove_temp(char *path)
{
	char *dir = g_path_get_dirname(path);
	g_unlink(path);
	g_rmdir(dir);
	g_free(dir);
	g_free(path);
}

static void test_detect_buffer(void)
{
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer(LINES_TEXT, strlen(LINES_TEXT), "named.json", NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	CU_ASSERT_EQUAL(ft_dataset_claim_count(ds), 2);
	ft_dataset_free(ds);
	/* Leading whitespace does not hide the first line. */
	ds = ft_dataset_load_buffer("\n  " LINES_TEXT, strlen("\n  " LINES_TEXT), NULL, NULL, &err);
	/* ... but by line numbers the first line is blank. */
	CU_ASSERT_PTR_NULL(ds);
	CU_ASSERT_EQUAL(err.line, 1);
	CU_ASSERT_STRING_EQUAL(err.text, "blank line: JSON Lines has one object per line");
	ds = ft_dataset_load_buffer(DOC_TEXT, strlen(DOC_TEXT), "named.jsonl", NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	CU_ASSERT_EQUAL(ft_dataset_actor_count(ds), 1);
	ft_dataset_free(ds);
	/* A compact document on one line is a document. */
	const char *one = "{\"forcetrack\": \"1.0\", \"actors\": [{\"id\": \"RU\", \"name\": \"Russia\"}]}\n";
	ds = ft_dataset_load_buffer(one, strlen(one), NULL, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL(ds);
	ft_dataset_free(ds);
	/* Forcing the document encoding on JSON Lines: a syntax error on
	 * line 2, where the first value ended. */
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.encoding = FT_ENCODING_DOCUMENT;
	CU_ASSERT_PTR_NULL(ft_dataset_load_buffer(LINES_TEXT, strlen(LINES_TEXT), NULL, &opts, &err));
	CU_ASSERT_EQUAL(err.code, FT_ESYNTAX);
	CU_ASSERT_EQUAL(err.line, 2);
	opts.encoding = (ft_encoding)7;
	CU_ASSERT_PTR_NULL(ft_dataset_load_buffer(LINES_TEXT, strlen(LINES_TEXT), NULL, &opts, &err));
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
}

static void test_detect_file(void)
{
	char *path = temp_file("data.json", LINES_TEXT);
	ft_error err;
	ft_dataset *ds = ft_dataset_load_file(path, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL(ds);
	CU_ASSERT_EQUAL(ft_dataset_claim_count(ds), 2);
	ft_dataset_free(ds);
	remove_temp(path);

	path = temp_file("data.jsonl", DOC_TEXT);
	ds = ft_dataset_load_file(path, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL(ds);
	CU_ASSERT_EQUAL(ft_dataset_actor_count(ds), 1);
	ft_dataset_free(ds);
	remove_temp(path);

	/* A file's problems name the file and the line. */
	path = temp_file("bad.jsonl", PRELUDE CLAIM("c1") "\n" CLAIM("c2"));
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	GPtrArray *lines = new_lines();
	opts.on_error = collect;
	opts.payload = lines;
	CU_ASSERT_EQUAL(ft_dataset_validate_file(path, &opts), 1);
	CU_ASSERT_EQUAL_FATAL(lines->len, 1);
	char *want = g_strdup_printf("%s:7: blank line: JSON Lines has one object per line", path);
	CU_ASSERT_STRING_EQUAL(g_ptr_array_index(lines, 0), want);
	g_free(want);
	g_ptr_array_free(lines, TRUE);
	remove_temp(path);
}

static void test_detect_stream(void)
{
	FILE *fp = tmpfile();
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs(LINES_TEXT, fp);
	rewind(fp);
	ft_error err;
	ft_dataset *ds = ft_dataset_load_stream(fp, NULL, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL(ds);
	CU_ASSERT_EQUAL(ft_dataset_claim_count(ds), 2);
	ft_dataset_free(ds);
	fclose(fp);

	fp = tmpfile();
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs(DOC_TEXT, fp);
	rewind(fp);
	ds = ft_dataset_load_stream(fp, NULL, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL(ds);
	CU_ASSERT_EQUAL(ft_dataset_actor_count(ds), 1);
	ft_dataset_free(ds);
	fclose(fp);
}

/* ---- a generated stream ---------------------------------------------------- */

/*
 * Header, 3 actors, 2 regions, 2 sources, then `n` claims (line 9 on).
 * Every 100th claim supersedes the one before it, which may sit in an
 * earlier batch. With `flaws`, problems are planted at fixed lines.
 */
static GString *generate(size_t n, int flaws)
{
	GString *s =
	    g_string_new("{\"forcetrack\": \"1.0\", \"dataset\": {\"title\": \"generated\"}}\n" RU UA
	                 "{\"actor\": {\"id\": \"BY\", \"name\": \"Belarus\"}}\n" DONBAS
	                 "{\"region\": {\"id\": \"crimea\", \"name\": \"Crimea\"}}\n" SRC
	                 "{\"source\": {\"id\": \"osint\", \"name\": \"OSINT\", \"kind\": \"osint\"}}\n");
	for (size_t i = 0; i < n; i++) {
		size_t line = 9 + i;
		if (flaws && (line == 10 || line == 1025)) {
			g_string_append(s, "{\"claim\": {\"id\": \"broken\",\n");
			continue;
		}
		if (flaws && (line == 1026 || line == 12000)) {
			g_string_append(s, "\n");
			continue;
		}
		g_string_append_printf(
		    s,
		    "{\"claim\": {\"id\": \"c%zu\", \"source\": \"%s\", \"subject\": \"%s\", "
		    "\"region\": \"%s\", \"value\": %zu, \"reported\": \"2021-%02zu-%02zu\"",
		    i, i % 3 ? "ua-mod" : "osint", i % 2 ? "RU" : "BY",
		    flaws && line == 5000 ? "donbass"
		    : i % 5               ? "donbas"
		                          : "crimea",
		    1000 + i * 7 % 9000, 1 + i % 12, 1 + i % 28);
		if (i % 100 == 99)
			g_string_append_printf(s, ", \"supersedes\": [\"c%zu\"]", i - 1);
		if (flaws && line == 19999)
			g_string_append(s, ", \"sorce\": \"x\"");
		if (flaws && line == 7777)
			g_string_append(s, ", \"x-a\": 1}, \"x-a\": 2}\n");
		else
			g_string_append(s, "}}\n");
	}
	return s;
}

/* Loads `text` on `threads` threads; returns the saved document (or
 * NULL) and fills `lines` with the problems. */
static char *load_on(const GString *text, unsigned threads, GPtrArray *lines)
{
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.threads = threads;
	opts.max_errors = 1000;
	opts.on_error = collect;
	opts.payload = lines;
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer(text->str, text->len, "g.jsonl", &opts, &err);
	char *saved = ds ? save(ds) : NULL;
	ft_dataset_free(ds);
	return saved;
}

static void test_parallel_equals_serial(void)
{
	GString *text = generate(20000, 0);
	GPtrArray *l1 = new_lines(), *l2 = new_lines(), *l4 = new_lines(), *l0 = new_lines();
	char *s1 = load_on(text, 1, l1);
	char *s2 = load_on(text, 2, l2);
	char *s4 = load_on(text, 4, l4);
	char *s0 = load_on(text, 0, l0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s1);
	CU_ASSERT_EQUAL(l1->len, 0);
	CU_ASSERT_PTR_NOT_NULL(s2);
	CU_ASSERT_PTR_NOT_NULL(s4);
	CU_ASSERT_PTR_NOT_NULL(s0);
	CU_ASSERT_TRUE(s2 && strcmp(s1, s2) == 0);
	CU_ASSERT_TRUE(s4 && strcmp(s1, s4) == 0);
	CU_ASSERT_TRUE(s0 && strcmp(s1, s0) == 0);
	/* The last claim made it, in its place. */
	CU_ASSERT_PTR_NOT_NULL(strstr(s1, "\"id\": \"c19999\""));
	ft_free(s1);
	ft_free(s2);
	ft_free(s4);
	ft_free(s0);
	g_ptr_array_free(l1, TRUE);
	g_ptr_array_free(l2, TRUE);
	g_ptr_array_free(l4, TRUE);
	g_ptr_array_free(l0, TRUE);
	g_string_free(text, TRUE);

	/* With problems planted across batches (1025 and 1026 straddle the
	 * first batch's end). */
	text = generate(20000, 1);
	l1 = new_lines();
	l2 = new_lines();
	l4 = new_lines();
	CU_ASSERT_PTR_NULL(load_on(text, 1, l1));
	CU_ASSERT_PTR_NULL(load_on(text, 2, l2));
	CU_ASSERT_PTR_NULL(load_on(text, 4, l4));
	CU_ASSERT_TRUE(same_lines(l1, l2));
	CU_ASSERT_TRUE(same_lines(l1, l4));
	/* Each planted problem, in line order. Claim i is on line 9 + i; no
	 * claim that supersedes another (i = 99, 199 ...) names a missing
	 * one, so each problem is reported once. A cut line ends at its
	 * comma, column 26: {"claim": {"id": "broken", is 26 characters. */
	const char *expected[] = {
	    "g.jsonl:10:26: invalid JSON: string or '}' expected near end of line",
	    "g.jsonl:1025:26: invalid JSON: string or '}' expected near end of line",
	    "g.jsonl:1026: blank line: JSON Lines has one object per line",
	    "g.jsonl:5000: claim.region: unknown region \"donbass\" (did you mean \"donbas\"?)",
	    "g.jsonl:7777: x-a: repeated key: the claim has \"x-a\" too (x- keys beside an entity are kept "
	    "in it)",
	    "g.jsonl:12000: blank line: JSON Lines has one object per line",
	    "g.jsonl:19999: claim.sorce: unknown key (did you mean \"source\"?)",
	};
	CU_ASSERT_EQUAL(l1->len, G_N_ELEMENTS(expected));
	for (guint i = 0; i < l1->len && i < G_N_ELEMENTS(expected); i++) {
		if (strcmp(g_ptr_array_index(l1, i), expected[i]) != 0) {
			fprintf(stderr, "\nexpected: %s\n     got: %s\n", expected[i],
			        (char *)g_ptr_array_index(l1, i));
			CU_FAIL("planted problem differs");
		}
	}
	g_ptr_array_free(l1, TRUE);
	g_ptr_array_free(l2, TRUE);
	g_ptr_array_free(l4, TRUE);
	g_string_free(text, TRUE);
}

/*
 * Loads the file at `path` on `threads` threads with the limits given,
 * as a stream (so that max_size is met while reading, not by the file's
 * size), problems collected in `lines`.
 */
static void load_stream_on(const char *path, unsigned threads, size_t max_size, size_t max_errors,
                           GPtrArray *lines)
{
	FILE *fp = fopen(path, "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.threads = threads;
	opts.max_size = max_size;
	opts.max_errors = max_errors;
	opts.on_error = collect;
	opts.payload = lines;
	ft_error err;
	CU_ASSERT_PTR_NULL(ft_dataset_load_stream(fp, "g.jsonl", &opts, &err));
	fclose(fp);
}

static void test_parallel_stops_as_serial(void)
{
	/* Batches read ahead of the one where the load stops are dropped:
	 * the same problems are reported, and counted, as serially. */
	GString *text = generate(20000, 1);
	char *path = NULL;
	int fd = g_file_open_tmp("ft-lines-XXXXXX.jsonl", &path, NULL);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_FATAL(write(fd, text->str, text->len) == (ssize_t)text->len);
	close(fd);
	GPtrArray *l1 = new_lines(), *l2 = new_lines();
	ft__lines_parallel_min = 1;
	/* Stopped by max_errors in the second batch (lines 1025-2048), at
	 * lines 10, 1025 and 1026: nothing after is read, or counted. */
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.max_errors = 3;
	opts.threads = 1;
	CU_ASSERT_EQUAL(ft_dataset_validate_file(path, &opts), 3);
	opts.threads = 2;
	CU_ASSERT_EQUAL(ft_dataset_validate_file(path, &opts), 3);
	load_stream_on(path, 1, 0, 3, l1);
	load_stream_on(path, 2, 0, 3, l2);
	CU_ASSERT_EQUAL(l1->len, 3);
	CU_ASSERT_TRUE(same_lines(l1, l2));
	g_ptr_array_set_size(l1, 0);
	g_ptr_array_set_size(l2, 0);
	/* Stopped by the size limit halfway: lines are about 125 bytes, so
	 * the limit is met reading the batch of lines 9217-10240. What came
	 * before is reported first, then the limit, then the problems of the
	 * lines its batch had read (none here). */
	size_t half = text->len / 2;
	load_stream_on(path, 1, half, 1000, l1);
	load_stream_on(path, 2, half, 1000, l2);
	CU_ASSERT_TRUE(same_lines(l1, l2));
	char limit[128];
	g_snprintf(limit, sizeof limit, "g.jsonl: input is over the limit of %zu bytes", half);
	CU_ASSERT_EQUAL_FATAL(l1->len, 6);
	CU_ASSERT_PTR_NOT_NULL(strstr(g_ptr_array_index(l1, 3), "g.jsonl:5000: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(g_ptr_array_index(l1, 4), "g.jsonl:7777: "));
	CU_ASSERT_STRING_EQUAL(g_ptr_array_index(l1, 5), limit);
	ft__lines_parallel_min = 64;
	g_unlink(path);
	g_free(path);
	g_ptr_array_free(l1, TRUE);
	g_ptr_array_free(l2, TRUE);
	g_string_free(text, TRUE);
}

/* Writes a generated stream into a pipe a few bytes at a time. */
typedef struct feeder {
	int fd;
	GString *text;
} feeder;

static gpointer feed(gpointer data)
{
	feeder *f = data;
	size_t done = 0;
	while (done < f->text->len) {
		size_t n = f->text->len - done < 777 ? f->text->len - done : 777;
		ssize_t w = write(f->fd, f->text->str + done, n);
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	close(f->fd);
	return NULL;
}

static void test_pipe(void)
{
	/* A pipe cannot be sized or rewound: the reader must stream it. */
	int fds[2];
	signal(SIGPIPE, SIG_IGN);
	CU_ASSERT_EQUAL_FATAL(pipe(fds), 0);
	feeder f = {fds[1], generate(5000, 0)};
	GThread *t = g_thread_new("feeder", feed, &f);
	FILE *fp = fdopen(fds[0], "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.threads = 2;
	ft_error err;
	ft_dataset *ds = ft_dataset_load_stream(fp, "pipe", &opts, &err);
	/* Closed before the join: should the load stop early, the feeder's
	 * next write fails (EPIPE, SIGPIPE ignored) instead of blocking the
	 * test for ever. */
	fclose(fp);
	g_thread_join(t);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	CU_ASSERT_EQUAL(ft_dataset_claim_count(ds), 5000);
	/* The same as from memory. */
	GPtrArray *lines = new_lines();
	char *from_memory = load_on(f.text, 1, lines);
	char *from_pipe = save(ds);
	CU_ASSERT_TRUE(from_memory && from_pipe && strcmp(from_memory, from_pipe) == 0);
	ft_free(from_memory);
	ft_free(from_pipe);
	g_ptr_array_free(lines, TRUE);
	ft_dataset_free(ds);
	g_string_free(f.text, TRUE);
}

static void test_limits(void)
{
	/* max_size bounds the whole stream, as it does a document. */
	FILE *fp = tmpfile();
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	GString *text = generate(2000, 0);
	fputs(text->str, fp);
	rewind(fp);
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.max_size = 100000;
	ft_error err;
	CU_ASSERT_PTR_NULL(ft_dataset_load_stream(fp, NULL, &opts, &err));
	CU_ASSERT_EQUAL(err.code, FT_ELIMIT);
	CU_ASSERT_STRING_EQUAL(err.text, "input is over the limit of 100000 bytes");
	fclose(fp);
	g_string_free(text, TRUE);
	/* max_string applies within lines. */
	opts.max_size = 0;
	opts.max_string = 4;
	GPtrArray *lines = new_lines();
	CU_ASSERT_PTR_NULL(load(HDR RU, lines, &opts, &err));
	CU_ASSERT_EQUAL_FATAL(lines->len, 1);
	CU_ASSERT_STRING_EQUAL(g_ptr_array_index(lines, 0),
	                       "t.jsonl:2: actor.name: string of 6 bytes is over the limit of 4 bytes");
	g_ptr_array_free(lines, TRUE);
}

static void test_lines_add(void)
{
	/* What an append checks: lines that follow a file's line 6. */
	ft_error err;
	ft_dataset *ds = load(PRELUDE CLAIM("c1"), NULL, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft__errlist errs;
	GPtrArray *lines = new_lines();
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.on_error = collect;
	opts.payload = lines;
	ft__errlist_init_load(&errs, "new.jsonl", &opts);
	const char *more = CLAIM("c2") CLAIM("c1") "{\"claim\": {" CLAIM_BODY("c3") "}}";
	CU_ASSERT_EQUAL(ft__lines_add(ds, more, strlen(more), 6, &opts, &errs), 3);
	CU_ASSERT_EQUAL_FATAL(lines->len, 1);
	CU_ASSERT_STRING_EQUAL(g_ptr_array_index(lines, 0),
	                       "new.jsonl:8: claim.id: duplicate claim id \"c1\" (an earlier line has it)");
	CU_ASSERT_EQUAL(ft_dataset_claim_count(ds), 3);
	g_ptr_array_free(lines, TRUE);
	ft_dataset_free(ds);
}

static void test_detect_encoding_public(void)
{
	/* The same rule as the load functions: a whole JSON object on the first
	 * line followed by more is JSON Lines, whatever the file is called. */
	char *dir = g_dir_make_tmp("ft-detect-XXXXXX", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	char *lines = g_build_filename(dir, "data.json", NULL);
	char *doc = g_build_filename(dir, "data.jsonl", NULL);
	CU_ASSERT_TRUE(g_file_set_contents(
	    lines, "{\"forcetrack\": \"1.0\"}\n{\"actor\": {\"id\": \"RU\", \"name\": \"R\"}}\n", -1, NULL));
	CU_ASSERT_TRUE(g_file_set_contents(doc, "{\n  \"forcetrack\": \"1.0\"\n}\n", -1, NULL));
	ft_encoding e = FT_ENCODING_AUTO;
	ft_error err;
	CU_ASSERT_EQUAL(ft_encoding_detect(lines, &e, &err), 0);
	CU_ASSERT_EQUAL(e, FT_ENCODING_LINES);
	CU_ASSERT_EQUAL(ft_encoding_detect(doc, &e, &err), 0);
	CU_ASSERT_EQUAL(e, FT_ENCODING_DOCUMENT);
	char *missing = g_build_filename(dir, "missing.json", NULL);
	CU_ASSERT_EQUAL(ft_encoding_detect(missing, &e, &err), FT_EIO);
	CU_ASSERT_STRING_EQUAL(err.text, "cannot open: No such file or directory");
	g_unlink(lines);
	g_unlink(doc);
	g_rmdir(dir);
	g_free(missing);
	g_free(lines);
	g_free(doc);
	g_free(dir);
}

int main(void)
{
	static const ft_test tests[] = {
	    {"ft_encoding_detect", test_detect_encoding_public},
	    {"same dataset as the document", test_same_as_document},
	    {"a header alone", test_header_only},
	    {"max_line", test_max_line},
	    {"fraction rounding to a whole number", test_fraction_rounding_to_whole},
	    {"last line without newline", test_last_line_without_newline},
	    {"line-level x- keys", test_line_extensions},
	    {"references point backward", test_backward_references},
	    {"syntax errors name line and column", test_syntax_errors},
	    {"header rules", test_header_rules},
	    {"line shape", test_line_shape},
	    {"max_errors", test_max_errors},
	    {"torn last line", test_torn},
	    {"an append never committed", test_uncommitted},
	    {"detection: buffer", test_detect_buffer},
	    {"detection: file", test_detect_file},
	    {"detection: stream", test_detect_stream},
	    {"parallel equals serial", test_parallel_equals_serial},
	    {"parallel stops as serial", test_parallel_stops_as_serial},
	    {"a pipe", test_pipe},
	    {"limits", test_limits},
	    {"lines added as by an append", test_lines_add},
	    {NULL, NULL},
	};
	return ft_test_run("lines_read", tests);
}
