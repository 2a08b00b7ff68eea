/*
 * The `hostile` mode of ft-bench: what small hostile files cost. Each
 * shape is a dataset built to grow one cost worse than linearly (many
 * regions under one root, long parent chains, one claim superseded by
 * every other, references that do not resolve, one very long line ...);
 * each is built at sizes N (by default 10^3, 10^4 and 10^5) and every
 * phase that applies to it is measured in a forked child of its own under
 * a time limit: the build, the load, the validation, one estimate, one
 * timeline point, and the situation report (build/examples/situation-report,
 * a process of its own). A phase over the limit is killed and reported as
 * such, and is not run at larger sizes; a phase that crashes (a stack
 * overflow) is reported with its signal. Each figure is a time and the
 * most the resident size grew; after the table come the growth exponents
 * between the two largest sizes each phase finished at, so that a
 * quadratic cost reads as about 2 (bench/README.md says what each shape
 * stresses).
 */
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Every claim is reported on one day and estimated three weeks later,
 * well inside the staleness horizon, so that every claim is a candidate
 * that counts unless a rule of the shape drops it. */
#define REPORTED    "2022-01-10"
#define ESTIMATE_AT "2022-01-31"

/* deep-chain-stack: the depth of its chains, whatever N. */
#define DEEP_DEPTH 50000

/* long-line: bytes of small numbers in the claim's line per unit of N. */
#define LONG_LINE_UNIT 1024

/* The max_errors of the load that hears every problem. */
#define MANY_ERRORS 1000000000

/* ---- the phases ---------------------------------------------------------- */

typedef enum phase_kind {
	PHASE_BUILD = 0, /* writing the file: through the API and a save, or by hand */
	PHASE_LOAD,      /* ft_dataset_load_file, max_errors at its default */
	PHASE_LOAD_ALL,  /* the same with max_errors MANY_ERRORS */
	PHASE_VALIDATE,  /* ft_dataset_validate_file */
	PHASE_ESTIMATE,  /* one ft_estimate_compute, after a load that is not measured */
	PHASE_TIMELINE,  /* ft_timeline_compute of one point, the same way */
	PHASE_GROUPS,    /* ft_estimate_groups on one thread, the same way */
	PHASE_REPORT     /* situation-report FILE, a process of its own */
} phase_kind;

typedef struct phase {
	const char *name;
	phase_kind kind;
	const char *actor, *region; /* what an estimate or a timeline is for */
} phase;

#define MAX_PHASES 10

/* What a build is given. */
typedef struct build_args {
	size_t n;
	uint64_t seed;
	const char *path;
} build_args;

typedef struct shape {
	const char *name;
	const char *how; /* how the file is written: "API" or "by hand" */
	int lines;       /* the file is JSON Lines (else a document) */
	size_t only_n;   /* one size whatever N, or 0 */
	void (*build)(const build_args *a);
	phase phases[MAX_PHASES]; /* after the build; ends at a NULL name */
} shape;

/* ---- building through the API -------------------------------------------- */

static ft_dataset *new_dataset(const char *shape_name, size_t n)
{
	ft_dataset *ds = ft_dataset_new();
	char title[128];
	g_snprintf(title, sizeof title, "ft-bench hostile shape %s, N=%zu", shape_name, n);
	ft_dataset_info info = FT_DATASET_INFO_INIT;
	info.id = "ft-bench-hostile";
	info.title = title;
	ft_error err;
	ft_error_clear(&err);
	if (ft_dataset_set_info(ds, &info, &err) != 0)
		bench_die("setting the dataset's metadata", &err);
	return ds;
}

static void add_actor(ft_dataset *ds, const char *id, const char *parent, const char *opposes)
{
	char name[64];
	g_snprintf(name, sizeof name, "Actor %s", id);
	const char *opp[] = {opposes};
	ft_actor_desc d = FT_ACTOR_DESC_INIT;
	d.id = id;
	d.name = name;
	d.parent = parent;
	if (opposes) {
		d.opposes = opp;
		d.n_opposes = 1;
	}
	ft_error err;
	ft_error_clear(&err);
	if (!ft_dataset_add_actor(ds, &d, &err))
		bench_die("building an actor", &err);
}

static void add_region(ft_dataset *ds, const char *id, const char *parent)
{
	char name[64];
	g_snprintf(name, sizeof name, "Region %s", id);
	ft_region_desc d = FT_REGION_DESC_INIT;
	d.id = id;
	d.name = name;
	d.parent = parent;
	ft_error err;
	ft_error_clear(&err);
	if (!ft_dataset_add_region(ds, &d, &err))
		bench_die("building a region", &err);
}

static void add_source(ft_dataset *ds, const char *id, const char *parent, const char *actor,
                       ft_reliability reliability)
{
	char name[64];
	g_snprintf(name, sizeof name, "Source %s", id);
	ft_source_desc d = FT_SOURCE_DESC_INIT;
	d.id = id;
	d.name = name;
	d.parent = parent;
	d.actor = actor;
	d.reliability = reliability;
	ft_error err;
	ft_error_clear(&err);
	if (!ft_dataset_add_source(ds, &d, &err))
		bench_die("building a source", &err);
}

/* A claim of an exact figure reported on REPORTED; `desc` NULL for a
 * plain one, or a description to start from (supersedes, extensions). */
static void add_claim(ft_dataset *ds, const ft_claim_desc *desc, const char *id, const char *source,
                      const char *subject, const char *region, uint64_t value)
{
	ft_claim_desc d = FT_CLAIM_DESC_INIT;
	if (desc)
		d = *desc;
	d.id = id;
	d.source = source;
	d.subject = subject;
	d.region = region;
	d.quantity = (ft_quantity){FT_QUALIFIER_EXACT, 1, value, 0, 0};
	d.reported = bench_parse_time(REPORTED);
	ft_error err;
	ft_error_clear(&err);
	if (!ft_dataset_add_claim(ds, &d, &err))
		bench_die("building a claim", &err);
}

static void save_and_free(ft_dataset *ds, const char *path, int lines)
{
	ft_error err;
	ft_error_clear(&err);
	if ((lines ? ft_dataset_save_lines_file(ds, path, &err) : ft_dataset_save_file(ds, path, &err)) != 0)
		bench_die("saving the built dataset", &err);
	ft_dataset_free(ds);
}

/* A figure that varies from claim to claim. */
static uint64_t figure(size_t i)
{
	return 1000 + (uint64_t)(i % 500);
}

/* One subject, one source, and N regions under one root with a claim in
 * each (regions-flat, region-children). */
static void build_regions_flat(const build_args *a)
{
	ft_dataset *ds = new_dataset("regions-flat", a->n);
	add_actor(ds, "A", NULL, NULL);
	add_region(ds, "R", NULL);
	add_source(ds, "S", NULL, NULL, FT_RELIABILITY_B);
	char id[32], cid[32];
	for (size_t i = 1; i <= a->n; i++) {
		g_snprintf(id, sizeof id, "R.%zu", i);
		add_region(ds, id, "R");
		g_snprintf(cid, sizeof cid, "c.%zu", i);
		add_claim(ds, NULL, cid, "S", "A", id, figure(i));
	}
	save_and_free(ds, a->path, 0);
}

/* N claims that all supersede the first. */
static void build_supersede_one(const build_args *a)
{
	ft_dataset *ds = new_dataset("supersede-one", a->n);
	add_actor(ds, "A", NULL, NULL);
	add_region(ds, "R", NULL);
	add_source(ds, "S", NULL, NULL, FT_RELIABILITY_B);
	add_claim(ds, NULL, "c.0", "S", "A", "R", figure(0));
	const char *first[] = {"c.0"};
	ft_claim_desc d = FT_CLAIM_DESC_INIT;
	d.supersedes = first;
	d.n_supersedes = 1;
	char cid[32];
	for (size_t i = 1; i < a->n; i++) {
		g_snprintf(cid, sizeof cid, "c.%zu", i);
		add_claim(ds, &d, cid, "S", "A", "R", figure(i));
	}
	save_and_free(ds, a->path, 0);
}

/* A region chain R.0 > R.1 > ... of depth N, a claim at every level. */
static void build_region_chain(const build_args *a)
{
	ft_dataset *ds = new_dataset("region-chain", a->n);
	add_actor(ds, "A", NULL, NULL);
	add_source(ds, "S", NULL, NULL, FT_RELIABILITY_B);
	char id[32], parent[32], cid[32];
	for (size_t i = 0; i < a->n; i++) {
		g_snprintf(id, sizeof id, "R.%zu", i);
		add_region(ds, id, i ? parent : NULL);
		g_snprintf(cid, sizeof cid, "c.%zu", i);
		add_claim(ds, NULL, cid, "S", "A", id, figure(i));
		g_strlcpy(parent, id, sizeof parent);
	}
	save_and_free(ds, a->path, 0);
}

/* An actor chain A.0 > A.1 > ... of depth N, a claim about every level. */
static void build_actor_chain(const build_args *a)
{
	ft_dataset *ds = new_dataset("actor-chain", a->n);
	add_region(ds, "R", NULL);
	add_source(ds, "S", NULL, NULL, FT_RELIABILITY_B);
	char id[32], parent[32], cid[32];
	for (size_t i = 0; i < a->n; i++) {
		g_snprintf(id, sizeof id, "A.%zu", i);
		add_actor(ds, id, i ? parent : NULL, NULL);
		g_snprintf(cid, sizeof cid, "c.%zu", i);
		add_claim(ds, NULL, cid, "S", id, "R", figure(i));
		g_strlcpy(parent, id, sizeof parent);
	}
	save_and_free(ds, a->path, 0);
}

/* A source chain S.0 > S.1 > ... of depth N, a claim by every source. Only
 * the root is graded and speaks for an actor, so that a claim's grade and
 * its speaker's actor are found at the top of its chain. */
static void build_source_chain(const build_args *a)
{
	ft_dataset *ds = new_dataset("source-chain", a->n);
	add_actor(ds, "A", NULL, NULL);
	add_region(ds, "R", NULL);
	char id[32], parent[32], cid[32];
	for (size_t i = 0; i < a->n; i++) {
		g_snprintf(id, sizeof id, "S.%zu", i);
		if (i == 0)
			add_source(ds, id, NULL, "A", FT_RELIABILITY_B);
		else
			add_source(ds, id, parent, NULL, FT_RELIABILITY_F);
		g_snprintf(cid, sizeof cid, "c.%zu", i);
		add_claim(ds, NULL, cid, id, "A", "R", figure(i));
		g_strlcpy(parent, id, sizeof parent);
	}
	save_and_free(ds, a->path, 0);
}

/* An actor chain PREFIX.0 > PREFIX.1 > ... > PREFIX.leaf of `depth`
 * actors, the root opposing `opposes`. */
static void add_actor_chain(ft_dataset *ds, const char *prefix, size_t depth, const char *opposes)
{
	char id[32], parent[32];
	for (size_t i = 0; i < depth; i++) {
		if (i + 1 == depth)
			g_snprintf(id, sizeof id, "%s.leaf", prefix);
		else
			g_snprintf(id, sizeof id, "%s.%zu", prefix, i);
		add_actor(ds, id, i ? parent : NULL, i ? NULL : opposes);
		g_strlcpy(parent, id, sizeof parent);
	}
}

/* One claim by a source of P.leaf about Q.leaf, at the bottoms of two
 * chains of depth N whose roots oppose each other. */
static void build_opposes_chains(const build_args *a)
{
	ft_dataset *ds = new_dataset("opposes-chains", a->n);
	add_region(ds, "R", NULL);
	add_actor_chain(ds, "P", a->n, NULL);
	add_actor_chain(ds, "Q", a->n, "P.0");
	add_source(ds, "S", NULL, "P.leaf", FT_RELIABILITY_B);
	add_claim(ds, NULL, "c.1", "S", "Q.leaf", "R", figure(1));
	save_and_free(ds, a->path, 0);
}

/* An actor chain X.0 > ... > X.leaf and a region chain Y.0 > ... > Y.leaf
 * of DEEP_DEPTH each, with a claim at the bottom of each: about X.leaf in
 * R, and about A in Y.leaf. */
static void build_deep_chains(const build_args *a)
{
	ft_dataset *ds = new_dataset("deep-chain-stack", DEEP_DEPTH);
	add_actor(ds, "A", NULL, NULL);
	add_region(ds, "R", NULL);
	add_source(ds, "S", NULL, NULL, FT_RELIABILITY_B);
	add_actor_chain(ds, "X", DEEP_DEPTH, NULL);
	char id[32], parent[32];
	for (size_t i = 0; i < DEEP_DEPTH; i++) {
		if (i + 1 == DEEP_DEPTH)
			g_strlcpy(id, "Y.leaf", sizeof id);
		else
			g_snprintf(id, sizeof id, "Y.%zu", i);
		add_region(ds, id, i ? parent : NULL);
		g_strlcpy(parent, id, sizeof parent);
	}
	add_claim(ds, NULL, "c.x", "S", "X.leaf", "R", figure(1));
	add_claim(ds, NULL, "c.y", "S", "A", "Y.leaf", figure(2));
	save_and_free(ds, a->path, 0);
}

/* One claim whose `x-samples` extension is an array of about N x
 * LONG_LINE_UNIT bytes of one-digit numbers, saved as JSON Lines: one line
 * of that length. */
static void build_long_line(const build_args *a)
{
	size_t numbers = a->n * LONG_LINE_UNIT / 2; /* "7," each */
	GString *json = g_string_sized_new(numbers * 2 + 2);
	g_string_append_c(json, '[');
	for (size_t i = 0; i < numbers; i++) {
		if (i)
			g_string_append_c(json, ',');
		g_string_append_c(json, (char)('0' + (char)(i % 10)));
	}
	g_string_append_c(json, ']');
	ft_dataset *ds = new_dataset("long-line", a->n);
	add_actor(ds, "A", NULL, NULL);
	add_region(ds, "R", NULL);
	add_source(ds, "S", NULL, NULL, FT_RELIABILITY_B);
	ft_extension ext = {"x-samples", json->str};
	ft_claim_desc d = FT_CLAIM_DESC_INIT;
	d.extensions = &ext;
	d.n_extensions = 1;
	add_claim(ds, &d, "c.1", "S", "A", "R", figure(1));
	g_string_free(json, TRUE);
	save_and_free(ds, a->path, 1);
}

/* The bench generator's dataset of N claims (bench/generate.c). */
static void build_generator(const build_args *a)
{
	bench_gen_report rep;
	memset(&rep, 0, sizeof rep);
	bench_generate_and_save(a->n, a->seed, a->path, NULL, &rep);
}

/* ---- building by hand ---------------------------------------------------- */

static void put(FILE *fp, const char *text)
{
	if (fputs(text, fp) < 0)
		bench_die("writing the built file", NULL);
}

/* N claims that each supersede a claim that does not exist: the library
 * refuses to hold such a dataset, so the document is written here. */
static void build_unknown_supersedes(const build_args *a)
{
	FILE *fp = fopen(a->path, "w");
	if (!fp)
		bench_die("cannot create the file to build", NULL);
	char line[256];
	g_snprintf(line, sizeof line,
	           "{\n  \"forcetrack\": \"1.0\",\n"
	           "  \"dataset\": {\"id\": \"ft-bench-hostile\", \"title\": \"ft-bench hostile shape "
	           "unknown-supersedes, N=%zu\"},\n",
	           a->n);
	put(fp, line);
	put(fp, "  \"actors\": [{\"id\": \"A\", \"name\": \"Actor A\"}],\n"
	        "  \"regions\": [{\"id\": \"R\", \"name\": \"Region R\"}],\n"
	        "  \"sources\": [{\"id\": \"S\", \"name\": \"Source S\", \"reliability\": \"B\"}],\n"
	        "  \"claims\": [\n");
	for (size_t i = 1; i <= a->n; i++) {
		g_snprintf(
		    line, sizeof line,
		    "    {\"id\": \"c.%zu\", \"source\": \"S\", \"subject\": \"A\", \"region\": \"R\", "
		    "\"value\": %" G_GUINT64_FORMAT ", \"reported\": \"" REPORTED
		    "\", \"supersedes\": [\"gone.%zu\"]}%s\n",
		    i, figure(i), i, i < a->n ? "," : "");
		put(fp, line);
	}
	put(fp, "  ]\n}\n");
	if (fclose(fp) != 0)
		bench_die("writing the built file", NULL);
}

/* ---- the shapes ---------------------------------------------------------- */

#define LOAD                                                                                                 \
	{                                                                                                    \
		"load", PHASE_LOAD, NULL, NULL                                                               \
	}
#define VALIDATE                                                                                             \
	{                                                                                                    \
		"validate", PHASE_VALIDATE, NULL, NULL                                                       \
	}
#define GROUPS                                                                                               \
	{                                                                                                    \
		"every group", PHASE_GROUPS, NULL, NULL                                                      \
	}
#define REPORT                                                                                               \
	{                                                                                                    \
		"report", PHASE_REPORT, NULL, NULL                                                           \
	}
#define END                                                                                                  \
	{                                                                                                    \
		NULL, PHASE_BUILD, NULL, NULL                                                                \
	}

static const shape shapes[] = {
    {"regions-flat",
     "API",
     0,
     0,
     build_regions_flat,
     {LOAD,
      VALIDATE,
      {"estimate", PHASE_ESTIMATE, "A", "R.1"},
      {"timeline point", PHASE_TIMELINE, "A", "R.1"},
      GROUPS,
      REPORT,
      END}},
    {"region-children",
     "API",
     0,
     0,
     build_regions_flat,
     {LOAD,
      VALIDATE,
      {"estimate", PHASE_ESTIMATE, "A", "R"},
      {"timeline point", PHASE_TIMELINE, "A", "R"},
      GROUPS,
      REPORT,
      END}},
    {"supersede-one",
     "API",
     0,
     0,
     build_supersede_one,
     {LOAD,
      VALIDATE,
      {"estimate", PHASE_ESTIMATE, "A", "R"},
      {"timeline point", PHASE_TIMELINE, "A", "R"},
      GROUPS,
      REPORT,
      END}},
    {"region-chain",
     "API",
     0,
     0,
     build_region_chain,
     {LOAD,
      VALIDATE,
      {"estimate", PHASE_ESTIMATE, "A", "R.0"},
      {"timeline point", PHASE_TIMELINE, "A", "R.0"},
      GROUPS,
      REPORT,
      END}},
    {"actor-chain",
     "API",
     0,
     0,
     build_actor_chain,
     {LOAD,
      VALIDATE,
      {"estimate", PHASE_ESTIMATE, "A.0", "R"},
      {"timeline point", PHASE_TIMELINE, "A.0", "R"},
      GROUPS,
      REPORT,
      END}},
    {"source-chain",
     "API",
     0,
     0,
     build_source_chain,
     {LOAD,
      VALIDATE,
      {"estimate", PHASE_ESTIMATE, "A", "R"},
      {"timeline point", PHASE_TIMELINE, "A", "R"},
      GROUPS,
      REPORT,
      END}},
    {"opposes-chains",
     "API",
     0,
     0,
     build_opposes_chains,
     {LOAD,
      VALIDATE,
      {"estimate", PHASE_ESTIMATE, "Q.leaf", "R"},
      {"timeline point", PHASE_TIMELINE, "Q.leaf", "R"},
      GROUPS,
      REPORT,
      END}},
    {"unknown-supersedes",
     "by hand",
     0,
     0,
     build_unknown_supersedes,
     {LOAD, {"load max_errors=1e9", PHASE_LOAD_ALL, NULL, NULL}, VALIDATE, END}},
    {"deep-chain-stack",
     "API",
     0,
     DEEP_DEPTH,
     build_deep_chains,
     {LOAD,
      VALIDATE,
      {"estimate actors", PHASE_ESTIMATE, "X.0", "R"},
      {"estimate regions", PHASE_ESTIMATE, "A", "Y.0"},
      {"timeline actors", PHASE_TIMELINE, "X.0", "R"},
      {"timeline regions", PHASE_TIMELINE, "A", "Y.0"},
      GROUPS,
      REPORT,
      END}},
    {"long-line", "API", 1, 0, build_long_line, {LOAD, VALIDATE, GROUPS, REPORT, END}},
    {"generator", "API", 0, 0, build_generator, {LOAD, GROUPS, REPORT, END}},
};

static const shape *find_shape(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(shapes); i++)
		if (strcmp(shapes[i].name, name) == 0)
			return &shapes[i];
	return NULL;
}

/* ---- the measurements, each in a child ---------------------------------- */

/* What a phase's child hands back. */
typedef struct phase_result {
	double seconds;
	double peak;       /* the most the resident size grew, bytes */
	double file_bytes; /* the build: the file's size */
	int refused;       /* a load: the library refused the file */
	char note[240];
} phase_result;

G_STATIC_ASSERT(sizeof(phase_result) <= PIPE_BUF);

typedef struct phase_args {
	const shape *sh;
	const phase *ph;
	size_t n;
	uint64_t seed;
	const char *path;
} phase_args;

/* Counts the problems a load reports and keeps the first. */
typedef struct problems {
	size_t count;
	ft_error first;
} problems;

static void count_problem(const ft_error *err, void *payload)
{
	problems *p = payload;
	if (p->count++ == 0)
		p->first = *err;
}

/* "claims[3].supersedes[0]: unknown claim ..." without the file's name,
 * which is a temporary one. */
static void describe_error(const ft_error *err, char *buf, size_t size)
{
	if (err->path[0])
		g_snprintf(buf, size, "%s: %s", err->path, err->text);
	else
		g_snprintf(buf, size, "%s", err->text);
}

static ft_load_options load_options(const shape *sh)
{
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.encoding = sh->lines ? FT_ENCODING_LINES : FT_ENCODING_DOCUMENT;
	opts.threads = 1; /* serial: a shared machine's other core does not change the figure */
	return opts;
}

static void build_work(const void *args, void *out)
{
	const phase_args *a = args;
	phase_result *r = out;
	double before = bench_child_ready();
	double t0 = bench_now_s();
	build_args b = {a->n, a->seed, a->path};
	a->sh->build(&b);
	r->seconds = bench_now_s() - t0;
	r->peak = bench_peak_rss_bytes() - before;
	r->file_bytes = bench_file_size(a->path);
	g_snprintf(r->note, sizeof r->note, "%s, %s %.1f MiB", a->sh->how,
	           a->sh->lines ? "JSON Lines" : "document", r->file_bytes / MB);
}

static void load_work(const void *args, void *out)
{
	const phase_args *a = args;
	phase_result *r = out;
	problems p;
	memset(&p, 0, sizeof p);
	ft_load_options opts = load_options(a->sh);
	opts.on_error = count_problem;
	opts.payload = &p;
	if (a->ph->kind == PHASE_LOAD_ALL)
		opts.max_errors = MANY_ERRORS;
	ft_error err;
	ft_error_clear(&err);
	double before = bench_child_ready();
	double t0 = bench_now_s();
	ft_dataset *ds = ft_dataset_load_file(a->path, &opts, &err);
	r->seconds = bench_now_s() - t0;
	r->peak = bench_peak_rss_bytes() - before;
	if (ds) {
		g_snprintf(r->note, sizeof r->note, "%zu claims, %zu actors, %zu regions, %zu sources",
		           ft_dataset_claim_count(ds), ft_dataset_actor_count(ds),
		           ft_dataset_region_count(ds), ft_dataset_source_count(ds));
	} else {
		char first[200];
		describe_error(&err, first, sizeof first);
		r->refused = 1;
		g_snprintf(r->note, sizeof r->note, "refused, %zu problems reported; the first: %s", p.count,
		           first);
	}
	/* The dataset goes with the process: freeing it is not what is measured. */
}

static void validate_work(const void *args, void *out)
{
	const phase_args *a = args;
	phase_result *r = out;
	problems p;
	memset(&p, 0, sizeof p);
	ft_load_options opts = load_options(a->sh);
	opts.on_error = count_problem;
	opts.payload = &p;
	double before = bench_child_ready();
	double t0 = bench_now_s();
	int rc = ft_dataset_validate_file(a->path, &opts);
	r->seconds = bench_now_s() - t0;
	r->peak = bench_peak_rss_bytes() - before;
	if (rc == 0) {
		g_strlcpy(r->note, "valid", sizeof r->note);
	} else {
		char first[200];
		describe_error(&p.first, first, sizeof first);
		g_snprintf(r->note, sizeof r->note, "%d problems; the first: %s", rc, first);
	}
}

/* The setup of an estimate or a timeline: the load, not measured, and the
 * actor and region the phase is for. */
static ft_dataset *load_for_phase(const phase_args *a, const ft_actor **actor, const ft_region **region)
{
	ft_load_options opts = load_options(a->sh);
	ft_error err;
	ft_error_clear(&err);
	ft_dataset *ds = ft_dataset_load_file(a->path, &opts, &err);
	if (!ds)
		bench_die("loading the built file before an estimate", &err);
	if (!actor)
		return ds; /* every group: no pair of its own */
	*actor = ft_dataset_find_actor(ds, a->ph->actor);
	*region = ft_dataset_find_region(ds, a->ph->region);
	if (!*actor || !*region)
		bench_die("the built file lacks the actor or the region to estimate", NULL);
	return ds;
}

static void estimate_work(const void *args, void *out)
{
	const phase_args *a = args;
	phase_result *r = out;
	const ft_actor *actor;
	const ft_region *region;
	ft_dataset *ds = load_for_phase(a, &actor, &region);
	ft_estimate_options opts = FT_ESTIMATE_OPTIONS_INIT;
	opts.at = bench_parse_time(ESTIMATE_AT);
	ft_estimate est = FT_ESTIMATE_INIT;
	ft_error err;
	ft_error_clear(&err);
	double before = bench_child_ready();
	double t0 = bench_now_s();
	int rc = ft_estimate_compute(ds, actor, region, NULL, &opts, &est, &err);
	r->seconds = bench_now_s() - t0;
	r->peak = bench_peak_rss_bytes() - before;
	if (rc != 0)
		bench_die("estimating", &err);
	g_snprintf(r->note, sizeof r->note,
	           "%s in %s: %zu candidates, %zu counted, %zu voices, %zu parts, best %" G_GUINT64_FORMAT,
	           a->ph->actor, a->ph->region, ft_estimate_contribution_count(&est), est.claims, est.voices,
	           ft_estimate_part_count(&est), est.best);
}

typedef struct groups_tally {
	size_t groups, valued, problems;
} groups_tally;

static int tally_group(const ft_actor *subject, const ft_region *region, const char *measure,
                       const ft_estimate *est, const ft_error *problem, void *payload)
{
	(void)subject, (void)region, (void)measure;
	groups_tally *t = payload;
	t->groups++;
	t->valued += est->has_value != 0;
	t->problems += problem != NULL;
	return 0;
}

/* Every group of the claims on one thread: its growth is the library's,
 * not the machine's. */
static void groups_work(const void *args, void *out)
{
	const phase_args *a = args;
	phase_result *r = out;
	ft_dataset *ds = load_for_phase(a, NULL, NULL);
	ft_estimate_options opts = FT_ESTIMATE_OPTIONS_INIT;
	opts.at = bench_parse_time(ESTIMATE_AT);
	ft_groups_options go = FT_GROUPS_OPTIONS_INIT;
	go.threads = 1;
	groups_tally t = {0, 0, 0};
	ft_error err;
	ft_error_clear(&err);
	double before = bench_child_ready();
	double t0 = bench_now_s();
	int rc = ft_estimate_groups(ds, &opts, &go, tally_group, &t, &err);
	r->seconds = bench_now_s() - t0;
	r->peak = bench_peak_rss_bytes() - before;
	if (rc != 0)
		bench_die("estimating every group", &err);
	g_snprintf(r->note, sizeof r->note, "%zu groups, %zu with a figure, %zu over the node limit",
	           t.groups, t.valued, t.problems);
}

static void timeline_work(const void *args, void *out)
{
	const phase_args *a = args;
	phase_result *r = out;
	const ft_actor *actor;
	const ft_region *region;
	ft_dataset *ds = load_for_phase(a, &actor, &region);
	ft_timeline_options opts = FT_TIMELINE_OPTIONS_INIT;
	opts.from = opts.to = bench_parse_time(ESTIMATE_AT);
	opts.step_days = 1;
	ft_timeline tl = FT_TIMELINE_INIT;
	ft_error err;
	ft_error_clear(&err);
	double before = bench_child_ready();
	double t0 = bench_now_s();
	int rc = ft_timeline_compute(ds, actor, region, NULL, &opts, &tl, &err);
	r->seconds = bench_now_s() - t0;
	r->peak = bench_peak_rss_bytes() - before;
	if (rc != 0)
		bench_die("computing a timeline", &err);
	g_snprintf(r->note, sizeof r->note, "%s in %s: %zu point, %zu counted, best %" G_GUINT64_FORMAT,
	           a->ph->actor, a->ph->region, ft_timeline_point_count(&tl),
	           ft_timeline_point_count(&tl) ? ft_timeline_point_at(&tl, 0)->claims : 0,
	           ft_timeline_point_count(&tl) ? ft_timeline_point_at(&tl, 0)->best : 0);
}

/* ---- the situation report, a process of its own --------------------------- */

/* situation-report next to ft-bench in the build tree:
 * BUILD/bench/ft-bench and BUILD/examples/situation-report. */
static char *find_report_program(void)
{
	char *exe = g_file_read_link("/proc/self/exe", NULL);
	if (!exe)
		return NULL;
	char *bench_dir = g_path_get_dirname(exe);
	char *build_dir = g_path_get_dirname(bench_dir);
	char *program = g_build_filename(build_dir, "examples", "situation-report", NULL);
	g_free(exe);
	g_free(bench_dir);
	g_free(build_dir);
	if (!g_file_test(program, G_FILE_TEST_IS_EXECUTABLE)) {
		g_free(program);
		return NULL;
	}
	return program;
}

/* Milliseconds left until `deadline` (bench_now_s), for poll(); -1 (for
 * ever) when there is no deadline. */
static int ms_left(double deadline)
{
	if (deadline <= 0)
		return -1;
	double left = (deadline - bench_now_s()) * 1e3;
	return left <= 0 ? 0 : left > 1e9 ? 1000000000 : (int)left + 1;
}

/* How the report program ended. */
typedef struct report_run {
	bench_outcome outcome;
	int signal, exit_status;
	double seconds;
	double peak; /* the whole process's peak resident size, bytes */
} report_run;

/*
 * Runs PROGRAM FILE with its output thrown away and its errors into
 * `err_path`, killed after `limit` seconds (0: none). The parent learns
 * that the program ended when the write end of a pipe the program holds
 * (and never writes to) closes, so that it waits in poll() and not in a
 * loop of sleeps.
 */
static void run_report(const char *program, const char *path, const char *err_path, double limit,
                       report_run *out)
{
	memset(out, 0, sizeof *out);
	out->outcome = BENCH_FAILED;
	out->exit_status = -1;
	int alive[2];
	if (pipe(alive) != 0) {
		perror("ft-bench: pipe");
		return;
	}
	fflush(stdout);
	fflush(stderr);
	double t0 = bench_now_s();
	pid_t pid = fork();
	if (pid < 0) {
		perror("ft-bench: fork");
		close(alive[0]);
		close(alive[1]);
		return;
	}
	if (pid == 0) {
		close(alive[0]);
		struct rlimit no_core = {0, 0};
		setrlimit(RLIMIT_CORE, &no_core);
		int null_fd = open("/dev/null", O_RDWR);
		int err_fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (null_fd < 0 || err_fd < 0 || dup2(null_fd, STDIN_FILENO) < 0 ||
		    dup2(null_fd, STDOUT_FILENO) < 0 || dup2(err_fd, STDERR_FILENO) < 0)
			_exit(127);
		char *argv[] = {g_strdup(program), g_strdup(path), NULL};
		execv(program, argv);
		_exit(127);
	}
	close(alive[1]);
	double deadline = limit > 0 ? t0 + limit : 0;
	int killed = 0;
	for (;;) {
		struct pollfd p = {alive[0], POLLIN, 0};
		int rc = poll(&p, 1, ms_left(deadline));
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc == 0) {
			kill(pid, SIGKILL);
			killed = 1;
		}
		break;
	}
	close(alive[0]);
	int status = 0;
	struct rusage ru;
	memset(&ru, 0, sizeof ru);
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("ft-bench: wait4");
			return;
		}
	}
	out->seconds = bench_now_s() - t0;
	out->peak = (double)ru.ru_maxrss * 1024.0;
	if (killed) {
		out->outcome = BENCH_TIMED_OUT;
	} else if (WIFSIGNALED(status)) {
		out->outcome = BENCH_CRASHED;
		out->signal = WTERMSIG(status);
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		out->outcome = BENCH_DONE;
	} else {
		out->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	}
}

/* The first line of a file, for a note (g_free). */
static char *first_line(const char *path)
{
	char *text = NULL;
	if (!g_file_get_contents(path, &text, NULL, NULL))
		return g_strdup("");
	char *nl = strchr(text, '\n');
	if (nl)
		*nl = '\0';
	return text;
}

/* ---- the rows ------------------------------------------------------------- */

typedef enum row_status { ROW_DONE = 0, ROW_TIMED_OUT, ROW_CRASHED, ROW_FAILED, ROW_SKIPPED } row_status;

static const char *const row_status_names[] = {"done", "timed-out", "crashed", "failed", "skipped"};

typedef struct row {
	const shape *sh;
	const phase *ph; /* NULL for the build */
	size_t n;
	row_status status;
	double seconds;
	double peak_mb;    /* < 0: not known */
	int peak_at_least; /* the peak until the phase was stopped: at least this */
	int signal;
	int refused; /* a load that finished by refusing the file */
	double limit;
	char note[320];
} row;

static const char *phase_name(const row *r)
{
	return r->ph ? r->ph->name : "build";
}

/* A row from how a limited child ended. */
static void row_from_child(row *r, const bench_limited *st, const phase_result *res)
{
	r->peak_mb = -1;
	switch (st->outcome) {
	case BENCH_DONE:
		r->status = ROW_DONE;
		r->seconds = res->seconds;
		r->peak_mb = res->peak / MB;
		r->refused = res->refused;
		g_strlcpy(r->note, res->note, sizeof r->note);
		return;
	case BENCH_TIMED_OUT: r->status = ROW_TIMED_OUT; break;
	case BENCH_CRASHED: r->status = ROW_CRASHED; break;
	case BENCH_FAILED: r->status = ROW_FAILED; break;
	}
	r->signal = st->signal;
	r->seconds = st->seconds;
	if (st->in_setup) {
		g_snprintf(r->note, sizeof r->note, "%s in the load before the phase",
		           st->outcome == BENCH_TIMED_OUT ? "timed out" : "ended");
		return;
	}
	/* The child's peak until it died, from wait4: since the reset at
	 * bench_child_ready, so it is the phase's own. */
	if (st->peak_reset) {
		r->peak_mb = st->peak_rss > st->rss_before ? (st->peak_rss - st->rss_before) / MB : 0;
		r->peak_at_least = st->outcome == BENCH_TIMED_OUT;
	}
	if (st->outcome == BENCH_CRASHED)
		g_snprintf(r->note, sizeof r->note, "killed by signal %d (%s) after %.4f s", st->signal,
		           g_strsignal(st->signal), st->seconds);
	else if (st->outcome == BENCH_TIMED_OUT)
		g_snprintf(r->note, sizeof r->note, "killed at the limit; peak until then");
	else
		g_snprintf(r->note, sizeof r->note, "exited with status %d (its message is above)",
		           st->exit_status);
}

static void print_table_header(void)
{
	printf("%-18s %7s %-20s %19s %10s  %s\n", "shape", "N", "phase", "seconds", "peak MiB", "note");
}

static void format_seconds(const row *r, char *buf, size_t size)
{
	switch (r->status) {
	case ROW_DONE: g_snprintf(buf, size, "%.4f", r->seconds); break;
	case ROW_TIMED_OUT: g_snprintf(buf, size, "> %g s", r->limit); break;
	case ROW_CRASHED: g_snprintf(buf, size, "crashed (signal %d)", r->signal); break;
	case ROW_FAILED: g_strlcpy(buf, "failed", size); break;
	case ROW_SKIPPED: g_strlcpy(buf, "skipped", size); break;
	}
}

static void format_peak(const row *r, char *buf, size_t size)
{
	if (r->peak_mb < 0)
		g_strlcpy(buf, "-", size);
	else
		g_snprintf(buf, size, "%s%.1f", r->peak_at_least ? ">= " : "", r->peak_mb);
}

static void print_row(const row *r, int json)
{
	char seconds[48], peak[48];
	format_seconds(r, seconds, sizeof seconds);
	format_peak(r, peak, sizeof peak);
	if (!json) {
		printf("%-18s %7zu %-20s %19s %10s  %s\n", r->sh->name, r->n, phase_name(r), seconds, peak,
		       r->note);
		return;
	}
	json_t *o = json_object();
	json_object_set_new(o, "row", json_string("phase"));
	json_object_set_new(o, "shape", json_string(r->sh->name));
	json_object_set_new(o, "n", json_integer((json_int_t)r->n));
	json_object_set_new(o, "phase", json_string(phase_name(r)));
	json_object_set_new(o, "status", json_string(row_status_names[r->status]));
	json_object_set_new(o, "seconds", r->status == ROW_DONE ? json_real(r->seconds) : json_null());
	json_object_set_new(o, "limit_seconds", json_real(r->limit));
	json_object_set_new(o, "peak_mib", r->peak_mb >= 0 ? json_real(r->peak_mb) : json_null());
	json_object_set_new(o, "peak_at_least", json_boolean(r->peak_at_least));
	json_object_set_new(o, "signal", r->status == ROW_CRASHED ? json_integer(r->signal) : json_null());
	json_object_set_new(o, "note", json_string(r->note));
	char *text = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6));
	puts(text);
	free(text);
	json_decref(o);
}

/* ---- the growth exponents ------------------------------------------------- */

/*
 * Per phase of a shape: between the two largest sizes at which it
 * finished, log(t2/t1) / log(n2/n1); and when it ran over the limit at a
 * larger size n3, the least exponent that can take t2 to the limit by n3.
 */
static void print_growth(const row *rows, size_t n_rows, const shape *sh, const phase *ph, double limit,
                         int json)
{
	const row *r1 = NULL, *r2 = NULL, *over = NULL;
	for (size_t i = 0; i < n_rows; i++) {
		const row *r = &rows[i];
		if (r->sh != sh || r->ph != ph)
			continue;
		if (r->status == ROW_DONE) {
			if (!r2 || r->n > r2->n) {
				r1 = r2;
				r2 = r;
			} else if (r->n < r2->n && (!r1 || r->n > r1->n)) {
				r1 = r;
			}
		} else if (r->status == ROW_TIMED_OUT && (!over || r->n < over->n)) {
			over = r;
		}
	}
	if (!r2 && !over)
		return;
	int has_exp = r1 && r2 && r1->seconds > 0 && r2->seconds > 0;
	double exponent = has_exp ? log(r2->seconds / r1->seconds) / log((double)r2->n / (double)r1->n) : 0;
	int has_bound = over && r2 && over->n > r2->n && r2->seconds > 0 && limit > r2->seconds;
	double bound = has_bound ? log(limit / r2->seconds) / log((double)over->n / (double)r2->n) : 0;
	char note[256] = "";
	size_t len = 0;
	if (has_exp)
		len += (size_t)g_snprintf(note + len, sizeof note - len, "N %zu -> %zu: %.4f s -> %.4f s",
		                          r1->n, r2->n, r1->seconds, r2->seconds);
	else if (r2)
		len += (size_t)g_snprintf(note + len, sizeof note - len, "finished at one size only (N %zu)",
		                          r2->n);
	if (has_exp && r1->seconds < 1e-3)
		len += (size_t)g_snprintf(note + len, sizeof note - len, "; under 1 ms: noise");
	if (has_bound)
		len += (size_t)g_snprintf(note + len, sizeof note - len, "; > %g s at N %zu: at least %.2f",
		                          limit, over->n, bound);
	else if (over && !r2)
		len +=
		    (size_t)g_snprintf(note + len, sizeof note - len, "over the limit from N %zu", over->n);
	if (!json) {
		char exp_text[32];
		if (has_exp)
			g_snprintf(exp_text, sizeof exp_text, "%.2f", exponent);
		else
			g_strlcpy(exp_text, "-", sizeof exp_text);
		printf("%-18s %-20s %8s  %s\n", sh->name, ph ? ph->name : "build", exp_text, note);
		return;
	}
	json_t *o = json_object();
	json_object_set_new(o, "row", json_string("growth"));
	json_object_set_new(o, "shape", json_string(sh->name));
	json_object_set_new(o, "phase", json_string(ph ? ph->name : "build"));
	json_object_set_new(o, "growth_exponent", has_exp ? json_real(exponent) : json_null());
	json_object_set_new(o, "n1", has_exp ? json_integer((json_int_t)r1->n) : json_null());
	json_object_set_new(o, "n2", r2 ? json_integer((json_int_t)r2->n) : json_null());
	json_object_set_new(o, "seconds1", has_exp ? json_real(r1->seconds) : json_null());
	json_object_set_new(o, "seconds2", r2 ? json_real(r2->seconds) : json_null());
	json_object_set_new(o, "at_least", has_bound ? json_real(bound) : json_null());
	json_object_set_new(o, "over_limit_at_n", over ? json_integer((json_int_t)over->n) : json_null());
	char *text = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6));
	puts(text);
	free(text);
	json_decref(o);
}

/* ---- the mode ------------------------------------------------------------- */

typedef struct hostile_options {
	bench_options o;
	double max_seconds;
	char **only;
	char *report;
} hostile_options;

/* The load before an estimate takes about as long as the load phase, which
 * finished within the limit: this much leaves room for a loaded machine. */
static double setup_limit(double max_seconds)
{
	return max_seconds > 0 ? 3 * max_seconds + 30 : 0;
}

/* Runs one phase of one size, or says why it is skipped. */
static void run_phase(const hostile_options *h, const shape *sh, const phase *ph, size_t n, const char *path,
                      const char *report_program, const char *err_path, row *r)
{
	r->peak_mb = -1;
	r->limit = h->max_seconds;
	phase_args a = {sh, ph, n, h->o.seed, path};
	phase_result res;
	memset(&res, 0, sizeof res);
	bench_limited st;
	if (!ph) {
		/* A build is not what is measured, but what makes the rest possible:
		 * it gets the longer limit of a setup. */
		r->limit = setup_limit(h->max_seconds);
		bench_run_in_child_limited(build_work, &a, &res, sizeof res, 0, r->limit, &st);
		row_from_child(r, &st, &res);
		return;
	}
	switch (ph->kind) {
	case PHASE_BUILD: g_assert_not_reached();
	case PHASE_LOAD:
	case PHASE_LOAD_ALL:
		bench_run_in_child_limited(load_work, &a, &res, sizeof res, 0, h->max_seconds, &st);
		break;
	case PHASE_VALIDATE:
		bench_run_in_child_limited(validate_work, &a, &res, sizeof res, 0, h->max_seconds, &st);
		break;
	case PHASE_ESTIMATE:
		bench_run_in_child_limited(estimate_work, &a, &res, sizeof res, setup_limit(h->max_seconds),
		                           h->max_seconds, &st);
		break;
	case PHASE_TIMELINE:
		bench_run_in_child_limited(timeline_work, &a, &res, sizeof res, setup_limit(h->max_seconds),
		                           h->max_seconds, &st);
		break;
	case PHASE_GROUPS:
		bench_run_in_child_limited(groups_work, &a, &res, sizeof res, setup_limit(h->max_seconds),
		                           h->max_seconds, &st);
		break;
	case PHASE_REPORT: {
		if (!report_program) {
			r->status = ROW_SKIPPED;
			g_strlcpy(r->note, "no situation-report: build it or give --report", sizeof r->note);
			return;
		}
		report_run rr;
		run_report(report_program, path, err_path, h->max_seconds, &rr);
		r->seconds = rr.seconds;
		r->peak_mb = rr.peak / MB;
		r->signal = rr.signal;
		switch (rr.outcome) {
		case BENCH_DONE:
			r->status = ROW_DONE;
			g_strlcpy(r->note, "whole process: its load and the report; peak is its whole RSS",
			          sizeof r->note);
			break;
		case BENCH_TIMED_OUT:
			r->status = ROW_TIMED_OUT;
			r->peak_at_least = 1;
			g_strlcpy(r->note, "killed at the limit; peak is its whole RSS until then",
			          sizeof r->note);
			break;
		case BENCH_CRASHED:
			r->status = ROW_CRASHED;
			g_snprintf(r->note, sizeof r->note, "killed by signal %d (%s) after %.4f s",
			           rr.signal, g_strsignal(rr.signal), rr.seconds);
			break;
		case BENCH_FAILED: {
			r->status = ROW_FAILED;
			char *line = first_line(err_path);
			g_snprintf(r->note, sizeof r->note, "exited with status %d: %s", rr.exit_status,
			           line);
			g_free(line);
			break;
		}
		}
		return;
	}
	}
	row_from_child(r, &st, &res);
}

/* Every size of one shape; the rows go to `rows` and to stdout as they
 * come. Returns 0 when a phase failed (not a time-out nor a crash: those
 * are figures). */
static int run_shape(const hostile_options *h, const shape *sh, const char *report_program, GArray *rows)
{
	int ok = 1;
	size_t n_phases = 0;
	while (sh->phases[n_phases].name)
		n_phases++;
	/* The size at which each phase (the build first) went over the limit. */
	size_t over_at[MAX_PHASES + 1] = {0};
	size_t n_sizes = sh->only_n ? 1 : h->o.counts->len;
	const char *dir = h->o.tmpdir ? h->o.tmpdir : g_get_tmp_dir();
	for (size_t k = 0; k < n_sizes; k++) {
		size_t n = sh->only_n ? sh->only_n : g_array_index(h->o.counts, size_t, k);
		char name[128];
		g_snprintf(name, sizeof name, "ft-bench-hostile-%ld-%s-%zu.%s", (long)getpid(), sh->name, n,
		           sh->lines ? "jsonl" : "json");
		char *path = g_build_filename(dir, name, NULL);
		char *err_path = g_strconcat(path, ".report-err", NULL);
		int have_file = 0, loaded = 1;
		for (size_t p = 0; p <= n_phases; p++) {
			const phase *ph = p ? &sh->phases[p - 1] : NULL;
			row r;
			memset(&r, 0, sizeof r);
			r.sh = sh;
			r.ph = ph;
			r.n = n;
			r.peak_mb = -1;
			r.limit = h->max_seconds;
			int needs_load = ph && (ph->kind == PHASE_ESTIMATE || ph->kind == PHASE_TIMELINE);
			if (over_at[p]) {
				r.status = ROW_SKIPPED;
				g_snprintf(r.note, sizeof r.note, "over the limit at N %zu", over_at[p]);
			} else if (p > 0 && !have_file) {
				r.status = ROW_SKIPPED;
				g_strlcpy(r.note, "no file: the build did not finish", sizeof r.note);
			} else if (needs_load && !loaded) {
				r.status = ROW_SKIPPED;
				g_strlcpy(r.note, "the load did not finish", sizeof r.note);
			} else {
				run_phase(h, sh, ph, n, path, report_program, err_path, &r);
				if (r.status == ROW_TIMED_OUT)
					over_at[p] = n;
				if (r.status == ROW_FAILED)
					ok = 0;
			}
			if (!ph)
				have_file = r.status == ROW_DONE;
			else if (ph->kind == PHASE_LOAD)
				loaded = r.status == ROW_DONE && !r.refused;
			char seconds[48];
			format_seconds(&r, seconds, sizeof seconds);
			g_printerr("[ft-bench] %s N=%zu: %s %s\n", sh->name, n, phase_name(&r), seconds);
			print_row(&r, h->o.json);
			fflush(stdout);
			g_array_append_val(rows, r);
		}
		if (h->o.keep && have_file)
			g_printerr("[ft-bench] %s N=%zu: kept %s\n", sh->name, n, path);
		else
			unlink(path);
		unlink(err_path);
		g_free(path);
		g_free(err_path);
	}
	return ok;
}

/* The --only names, which may also be given as NAME,NAME. */
static int select_shapes(char **only, GPtrArray *out)
{
	if (!only || !only[0]) {
		for (size_t i = 0; i < G_N_ELEMENTS(shapes); i++)
			g_ptr_array_add(out, (gpointer)(uintptr_t)&shapes[i]);
		return 1;
	}
	/* In the table's order, each once, whatever the order given. */
	int chosen[G_N_ELEMENTS(shapes)] = {0};
	for (size_t i = 0; only[i]; i++) {
		char **names = g_strsplit(only[i], ",", -1);
		for (size_t j = 0; names[j]; j++) {
			const shape *sh = find_shape(names[j]);
			if (!sh) {
				fprintf(stderr, "ft-bench hostile: no shape '%s'; the shapes are:", names[j]);
				for (size_t k = 0; k < G_N_ELEMENTS(shapes); k++)
					fprintf(stderr, " %s", shapes[k].name);
				fputc('\n', stderr);
				g_strfreev(names);
				return 0;
			}
			chosen[sh - shapes] = 1;
		}
		g_strfreev(names);
	}
	for (size_t i = 0; i < G_N_ELEMENTS(shapes); i++)
		if (chosen[i])
			g_ptr_array_add(out, (gpointer)(uintptr_t)&shapes[i]);
	return 1;
}

int bench_cmd_hostile(int argc, char **argv)
{
	hostile_options h;
	memset(&h, 0, sizeof h);
	bench_options_init(&h.o);
	h.max_seconds = 20;
	GOptionEntry entries[] = {
	    {"json", 'j', 0, G_OPTION_ARG_NONE, &h.o.json,
	     "Print one JSON object per row instead of the table", NULL},
	    {"max-seconds", 'm', 0, G_OPTION_ARG_DOUBLE, &h.max_seconds,
	     "Kill a phase after S seconds and skip it at larger sizes (default 20; 0: no limit)", "S"},
	    {"only", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &h.only,
	     "Only this shape (again, or NAME,NAME, for more)", "NAME"},
	    {"report", 'r', 0, G_OPTION_ARG_FILENAME, &h.report,
	     "The situation-report program (default: BUILD/examples/situation-report beside BUILD/bench/ft-bench)",
	     "PROGRAM"},
	    bench_option_seed(&h.o.seed_text),
	    bench_option_tmpdir(&h.o.tmpdir),
	    bench_option_keep(&h.o.keep),
	    bench_option_counts(&h.o.rest),
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	static const size_t defaults[] = {1000, 10000, 100000};
	int status = EXIT_USAGE;
	int ok = 1;
	GPtrArray *chosen = g_ptr_array_new();
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(row));
	char *report_program = NULL;
	GString *summary =
	    g_string_new("Measures what hostile shapes of input cost, phase by phase, at sizes N.\n\n"
	                 "Shapes (bench/README.md says what each stresses):");
	for (size_t i = 0; i < G_N_ELEMENTS(shapes); i++)
		g_string_append_printf(summary, "%s %s", i % 6 == 0 ? "\n " : "", shapes[i].name);
	if (!bench_parse_options("hostile", summary->str, entries, &argc, &argv))
		goto cleanup;
	h.o.seed = bench_parse_seed(h.o.seed_text, &ok);
	if (!ok || h.max_seconds < 0) {
		fprintf(stderr, "ft-bench hostile: --seed must be a number, --max-seconds not negative\n");
		goto cleanup;
	}
	if (!bench_parse_counts("hostile", h.o.rest, defaults, G_N_ELEMENTS(defaults), h.o.counts) ||
	    !select_shapes(h.only, chosen))
		goto cleanup;
	if (h.report) {
		if (!g_file_test(h.report, G_FILE_TEST_IS_EXECUTABLE)) {
			fprintf(stderr, "ft-bench hostile: --report %s is not a program\n", h.report);
			goto cleanup;
		}
		report_program = g_strdup(h.report);
	} else {
		report_program = find_report_program();
		if (!report_program)
			g_printerr(
			    "[ft-bench] no situation-report beside ft-bench: the report phases are skipped "
			    "(build the target situation-report, or give --report)\n");
	}

	if (!h.o.json) {
		printf("ft-bench %s hostile: limit %g s a phase, estimates at " ESTIMATE_AT ", report %s\n",
		       ft_version(), h.max_seconds, report_program ? report_program : "(none)");
		print_table_header();
	}
	status = EXIT_SUCCESS;
	for (guint i = 0; i < chosen->len; i++)
		if (!run_shape(&h, g_ptr_array_index(chosen, i), report_program, rows))
			status = EXIT_FAILED;

	if (!h.o.json)
		printf("\ngrowth exponents: log(t2/t1) / log(N2/N1) between the two largest sizes a phase "
		       "finished at\n%-18s %-20s %8s  %s\n",
		       "shape", "phase", "exponent", "from");
	for (guint i = 0; i < chosen->len; i++) {
		const shape *sh = g_ptr_array_index(chosen, i);
		if (sh->only_n)
			continue; /* one size: no growth to speak of */
		print_growth((const row *)(void *)rows->data, rows->len, sh, NULL, h.max_seconds, h.o.json);
		for (size_t p = 0; sh->phases[p].name; p++)
			print_growth((const row *)(void *)rows->data, rows->len, sh, &sh->phases[p],
			             h.max_seconds, h.o.json);
	}

cleanup:
	g_string_free(summary, TRUE);
	g_free(report_program);
	g_ptr_array_free(chosen, TRUE);
	g_array_free(rows, TRUE);
	g_strfreev(h.only);
	g_free(h.report);
	bench_options_clear(&h.o);
	return status;
}
