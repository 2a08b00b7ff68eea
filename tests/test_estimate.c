/*
 * Tests for the estimator (estimate/estimate.c) against the rules of
 * docs/estimation.md. Every expected figure below was worked out by hand
 * from those rules, and the working is written next to the assertion, so
 * that a failure says which rule the implementation and the document
 * disagree on. Datasets are small documents in the test itself, written
 * with single quotes for readability (turned into double quotes before
 * loading), over one shared world of actors, regions and sources.
 */
#include <glib.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "forcetrack.h"
#include "estimate-same.h"
#include "test-util.h"

/* ------------------------------------------------------------------ */
/* The shared world                                                     */
/* ------------------------------------------------------------------ */

/*
 * Actors: RU opposes UA (declared on RU's side only); DPR and LPR are
 * under RU; US and BY stand apart.
 * Regions: border > {crimea, north}; UA > donbas.
 * Sources and their effective reliability (section 4):
 *   a A=1.0, b B=0.8, c C=0.6, d D=0.4, e E=0.2, f F=0.5 (no parent):
 *   independent roots without an actor (third parties).
 *   ua-gov C (UA) > ua-mod F (UA) > ua-spox F (UA): ua-mod and ua-spox
 *   inherit C from ua-gov; ua-anon F, no actor, under ua-gov (C, UA).
 *   ru-gov D (RU) > ru-spox F (RU): ru-spox inherits D.
 *   dpr-hq E (DPR) > dpr-spox F, no actor: inherits E and DPR.
 *   us-gov B (US); by-gov C (BY); outlet B and outlet2 A (media).
 */
#define WORLD_HEAD                                                                                           \
	"{'forcetrack': '1.0',"                                                                              \
	" 'actors': ["                                                                                       \
	"  {'id': 'RU', 'name': 'Russia', 'opposes': ['UA']},"                                               \
	"  {'id': 'UA', 'name': 'Ukraine'},"                                                                 \
	"  {'id': 'DPR', 'name': 'DPR forces', 'parent': 'RU'},"                                             \
	"  {'id': 'LPR', 'name': 'LPR forces', 'parent': 'RU'},"                                             \
	"  {'id': 'US', 'name': 'United States'},"                                                           \
	"  {'id': 'BY', 'name': 'Belarus'}],"                                                                \
	" 'regions': ["                                                                                      \
	"  {'id': 'border', 'name': 'Near the border'},"                                                     \
	"  {'id': 'crimea', 'name': 'Crimea', 'parent': 'border'},"                                          \
	"  {'id': 'north', 'name': 'North', 'parent': 'border'},"                                            \
	"  {'id': 'UA', 'name': 'Ukraine'},"                                                                 \
	"  {'id': 'donbas', 'name': 'Donbas', 'parent': 'UA'}],"                                             \
	" 'sources': ["                                                                                      \
	"  {'id': 'a', 'name': 'Source A', 'reliability': 'A'},"                                             \
	"  {'id': 'b', 'name': 'Source B', 'reliability': 'B'},"                                             \
	"  {'id': 'c', 'name': 'Source C', 'reliability': 'C'},"                                             \
	"  {'id': 'd', 'name': 'Source D', 'reliability': 'D'},"                                             \
	"  {'id': 'e', 'name': 'Source E', 'reliability': 'E'},"                                             \
	"  {'id': 'f', 'name': 'Source F'},"                                                                 \
	"  {'id': 'ua-gov', 'name': 'UA government', 'actor': 'UA', 'reliability': 'C'},"                    \
	"  {'id': 'ua-mod', 'name': 'UA MoD', 'actor': 'UA', 'parent': 'ua-gov'},"                           \
	"  {'id': 'ua-spox', 'name': 'UA MoD spokesman', 'actor': 'UA', 'parent': 'ua-mod'},"                \
	"  {'id': 'ua-anon', 'name': 'UA official', 'parent': 'ua-gov'},"                                    \
	"  {'id': 'ru-gov', 'name': 'RU government', 'actor': 'RU', 'reliability': 'D'},"                    \
	"  {'id': 'ru-spox', 'name': 'RU spokesman', 'actor': 'RU', 'parent': 'ru-gov'},"                    \
	"  {'id': 'dpr-hq', 'name': 'DPR HQ', 'actor': 'DPR', 'reliability': 'E'},"                          \
	"  {'id': 'dpr-spox', 'name': 'DPR spokesman', 'parent': 'dpr-hq'},"                                 \
	"  {'id': 'us-gov', 'name': 'US government', 'actor': 'US', 'reliability': 'B'},"                    \
	"  {'id': 'by-gov', 'name': 'BY government', 'actor': 'BY', 'reliability': 'C'},"                    \
	"  {'id': 'outlet', 'name': 'An outlet', 'kind': 'media', 'reliability': 'B'},"                      \
	"  {'id': 'outlet2', 'name': 'Another outlet', 'kind': 'media', 'reliability': 'A'}],"               \
	" 'claims': ["
#define WORLD_TAIL "]}"

/* One claim: id, source, subject, region, then the rest of its members. */
#define CLAIM(id, source, subject, region, rest)                                                             \
	"{'id': '" id "', 'source': '" source "', 'subject': '" subject "', 'region': '" region "', " rest "}"

/* Loads the world with the claims given (each one single-quoted JSON, as
 * CLAIM makes), up to NULL; world() supplies the NULL. */
static ft_dataset *world_of(const char *first, ...)
{
	GString *text = g_string_new(WORLD_HEAD);
	va_list ap;
	va_start(ap, first);
	for (const char *c = first; c; c = va_arg(ap, const char *)) {
		if (c != first)
			g_string_append_c(text, ',');
		g_string_append(text, c);
	}
	va_end(ap);
	g_string_append(text, WORLD_TAIL);
	for (char *p = text->str; *p; p++)
		if (*p == '\'')
			*p = '"';
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer(text->str, text->len, "estimate.json", NULL, &err);
	if (!ds) {
		char line[1024];
		ft_error_format(&err, line, sizeof line);
		fprintf(stderr, "\n    world does not load: %s\n", line);
	}
	g_string_free(text, TRUE);
	return ds;
}
#define world(...) world_of(__VA_ARGS__, NULL)

static ft_dataset *example(void)
{
	char *path = ft_test_source_path("examples/data/buildup-2021-12.json");
	ft_error err;
	ft_dataset *ds = ft_dataset_load_file(path, NULL, &err);
	g_free(path);
	return ds;
}

static ft_time tm(const char *text)
{
	ft_time t;
	memset(&t, 0, sizeof t);
	int rc = ft_time_parse(text, &t, NULL);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	return t;
}

/* Options at T = `at`, known on K = `known` (NULL: everything known). */
static ft_estimate_options opts(const char *at, const char *known)
{
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	o.at = tm(at);
	if (known)
		o.known_on = tm(known);
	return o;
}

static void run(const ft_dataset *ds, const char *actor, const char *region, const char *measure,
                const ft_estimate_options *o, ft_estimate *e)
{
	ft_estimate_init(e);
	const ft_actor *a = ft_dataset_find_actor(ds, actor);
	const ft_region *r = ft_dataset_find_region(ds, region);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ft_error err;
	memset(&err, 0, sizeof err);
	int rc = ft_estimate_compute(ds, a, r, measure, o, e, &err);
	if (rc != 0) {
		char line[1024];
		ft_error_format(&err, line, sizeof line);
		fprintf(stderr, "\n    ft_estimate_compute(%s, %s) failed: %d %s\n", actor, region, rc, line);
	}
	CU_ASSERT_EQUAL_FATAL(rc, 0);
}

static const ft_contribution *contribution(const ft_estimate *e, const char *id)
{
	for (size_t i = 0; i < ft_estimate_contribution_count(e); i++)
		if (ft_estimate_contribution_at(e, i)->claim &&
		    strcmp(ft_claim_id(ft_estimate_contribution_at(e, i)->claim), id) == 0)
			return ft_estimate_contribution_at(e, i);
	return NULL;
}

static const char *status_text(ft_status s)
{
	const char *name = ft_status_name(s);
	return name ? name : "(null)";
}

static const ft_estimate_part *find_part(const ft_estimate *e, const char *actor, const char *region)
{
	for (size_t i = 0; i < ft_estimate_part_count(e); i++)
		if (ft_estimate_part_at(e, i)->actor && ft_estimate_part_at(e, i)->region &&
		    strcmp(ft_actor_id(ft_estimate_part_at(e, i)->actor), actor) == 0 &&
		    strcmp(ft_region_id(ft_estimate_part_at(e, i)->region), region) == 0)
			return ft_estimate_part_at(e, i);
	return NULL;
}

static int has_pair(const ft_estimate *e, const char *x, const char *y)
{
	for (size_t i = 0; i < ft_estimate_disagreement_count(e); i++) {
		const char *a = ft_estimate_disagreement_at(e, i)->a
		                    ? ft_claim_id(ft_estimate_disagreement_at(e, i)->a)
		                    : "";
		const char *b = ft_estimate_disagreement_at(e, i)->b
		                    ? ft_claim_id(ft_estimate_disagreement_at(e, i)->b)
		                    : "";
		if ((strcmp(a, x) == 0 && strcmp(b, y) == 0) || (strcmp(a, y) == 0 && strcmp(b, x) == 0))
			return 1;
	}
	return 0;
}

/* Each check prints what it got against what the rule gives, then asserts
 * (at the caller's line: these are macros). */
#define CHECK_U64(got, want)                                                                                 \
	do {                                                                                                 \
		uint64_t got_ = (uint64_t)(got), want_ = (uint64_t)(want);                                   \
		if (got_ != want_)                                                                           \
			fprintf(stderr, "\n    %s:%d: %s is %" PRIu64 ", expected %" PRIu64, __func__,       \
			        __LINE__, #got, got_, want_);                                                \
		CU_ASSERT(got_ == want_);                                                                    \
	} while (0)

#define CHECK_FLAG(got, want) CHECK_U64((got) ? 1 : 0, (want) ? 1 : 0)

/* has_value, best, low, high, claims, voices, contested, n_disagreements */
#define EXPECT(e, hv, b, lo, hi, ncl, nvo, cont, ndis)                                                       \
	do {                                                                                                 \
		CHECK_FLAG((e).has_value, hv);                                                               \
		CHECK_U64((e).best, b);                                                                      \
		CHECK_U64((e).low, lo);                                                                      \
		CHECK_U64((e).high, hi);                                                                     \
		CHECK_U64((e).claims, ncl);                                                                  \
		CHECK_U64((e).voices, nvo);                                                                  \
		CHECK_FLAG((e).contested, cont);                                                             \
		CHECK_U64(ft_estimate_disagreement_count(&(e)), ndis);                                       \
	} while (0)

#define WITH_CONTRIBUTION(e, id, body)                                                                       \
	do {                                                                                                 \
		const ft_contribution *c_ = contribution(&(e), id);                                          \
		if (!c_)                                                                                     \
			fprintf(stderr, "\n    %s:%d: no contribution for claim %s", __func__, __LINE__,     \
			        id);                                                                         \
		CU_ASSERT_PTR_NOT_NULL(c_);                                                                  \
		if (c_) {                                                                                    \
			body                                                                                 \
		}                                                                                            \
	} while (0)

#define EXPECT_STATUS(e, id, st)                                                                             \
	WITH_CONTRIBUTION(e, id, {                                                                           \
		if (c_->status != (st))                                                                      \
			fprintf(stderr, "\n    %s:%d: claim %s is %s (%d), expected %s", __func__, __LINE__, \
			        id, status_text(c_->status), (int)c_->status, status_text(st));              \
		CU_ASSERT_EQUAL(c_->status, st);                                                             \
	})

#define EXPECT_WEIGHT(e, id, w)                                                                              \
	WITH_CONTRIBUTION(e, id, {                                                                           \
		double want_ = (w);                                                                          \
		if (fabs(c_->weight - want_) > 1e-9)                                                         \
			fprintf(stderr, "\n    %s:%d: claim %s weighs %.12g, expected %.12g", __func__,      \
			        __LINE__, id, c_->weight, want_);                                            \
		CU_ASSERT(fabs(c_->weight - want_) <= 1e-9);                                                 \
	})

#define EXPECT_STANCE(e, id, s)                                                                              \
	WITH_CONTRIBUTION(e, id, {                                                                           \
		if (c_->stance != (s))                                                                       \
			fprintf(stderr, "\n    %s:%d: claim %s has stance %d, expected %d", __func__,        \
			        __LINE__, id, (int)c_->stance, (int)(s));                                    \
		CU_ASSERT_EQUAL(c_->stance, s);                                                              \
	})

#define EXPECT_CREDIBLE(e, id, want) WITH_CONTRIBUTION(e, id, { CHECK_FLAG(c_->credible, want); })

/* The bounds a claim states: has_central, central, low, high. */
#define EXPECT_FIGURE(e, id, hc, cen, lo, hi)                                                                \
	WITH_CONTRIBUTION(e, id, {                                                                           \
		CHECK_FLAG(c_->has_central, hc);                                                             \
		if (hc)                                                                                      \
			CHECK_U64(c_->central, cen);                                                         \
		CHECK_U64(c_->low, lo);                                                                      \
		CHECK_U64(c_->high, hi);                                                                     \
	})

#define EXPECT_PAIR(e, x, y)                                                                                 \
	do {                                                                                                 \
		int found_ = has_pair(&(e), x, y);                                                           \
		if (!found_)                                                                                 \
			fprintf(stderr, "\n    %s:%d: no disagreement %s / %s", __func__, __LINE__, x, y);   \
		CU_ASSERT(found_);                                                                           \
	} while (0)

#define EXPECT_PART(p, hown, ob, ol, oh, b, lo, hi, inc)                                                     \
	do {                                                                                                 \
		CU_ASSERT_PTR_NOT_NULL(p);                                                                   \
		if (p) {                                                                                     \
			CHECK_FLAG((p)->has_own, hown);                                                      \
			if (hown) {                                                                          \
				CHECK_U64((p)->own_best, ob);                                                \
				CHECK_U64((p)->own_low, ol);                                                 \
				CHECK_U64((p)->own_high, oh);                                                \
			}                                                                                    \
			CHECK_FLAG((p)->has_total, 1);                                                       \
			CHECK_U64((p)->best, b);                                                             \
			CHECK_U64((p)->low, lo);                                                             \
			CHECK_U64((p)->high, hi);                                                            \
			CHECK_FLAG((p)->inconsistent, inc);                                                  \
		}                                                                                            \
	} while (0)

/* The flags of an estimate (section 6) and the number of its disagreeing
 * pairs, every one counted: open_below, open_above, not_credible, pairs. */
#define EXPECT_FLAGS(e, ob, oa, nc, np)                                                                      \
	do {                                                                                                 \
		CHECK_FLAG((e).open_below, ob);                                                              \
		CHECK_FLAG((e).open_above, oa);                                                              \
		CHECK_FLAG((e).not_credible, nc);                                                            \
		CHECK_U64((e).pairs, np);                                                                    \
	} while (0)

/* Whether a claim is current: counted, in its node's credible set, and
 * weighing at least half the heaviest claim of that set (section 6). */
#define EXPECT_CURRENT(e, id, want) WITH_CONTRIBUTION(e, id, { CHECK_FLAG(c_->current, want); })

#define EXPECT_QUALIFIER(e, id, q) WITH_CONTRIBUTION(e, id, { CHECK_U64(c_->qualifier, q); })

/* The flags of a part's own figure and of its total (section 7):
 * own_open_below, own_open_above, own_not_credible, open_below,
 * open_above, not_credible. */
#define EXPECT_PART_FLAGS(p, oob, ooa, onc, ob, oa, nc)                                                      \
	do {                                                                                                 \
		CU_ASSERT_PTR_NOT_NULL(p);                                                                   \
		if (p) {                                                                                     \
			CHECK_FLAG((p)->own_open_below, oob);                                                \
			CHECK_FLAG((p)->own_open_above, ooa);                                                \
			CHECK_FLAG((p)->own_not_credible, onc);                                              \
			CHECK_FLAG((p)->open_below, ob);                                                     \
			CHECK_FLAG((p)->open_above, oa);                                                     \
			CHECK_FLAG((p)->not_credible, nc);                                                   \
		}                                                                                            \
	} while (0)

/* The disagreement listed at index i: claims x (a) and y (b), the product
 * of their weights, and whether one disputes the other and whether their
 * intervals are disjoint. */
#define EXPECT_DISAGREEMENT(e, i, x, y, w, disp, disj)                                                       \
	do {                                                                                                 \
		const ft_disagreement *d_ = ft_estimate_disagreement_at(&(e), i);                            \
		if (!d_)                                                                                     \
			fprintf(stderr, "\n    %s:%d: no disagreement %zu", __func__, __LINE__,              \
			        (size_t)(i));                                                                \
		CU_ASSERT_PTR_NOT_NULL(d_);                                                                  \
		if (d_) {                                                                                    \
			const char *a_ = d_->a ? ft_claim_id(d_->a) : "(null)";                              \
			const char *b_ = d_->b ? ft_claim_id(d_->b) : "(null)";                              \
			if (strcmp(a_, x) != 0 || strcmp(b_, y) != 0)                                        \
				fprintf(stderr,                                                              \
				        "\n    %s:%d: disagreement %zu is %s / %s, expected %s / %s",        \
				        __func__, __LINE__, (size_t)(i), a_, b_, x, y);                      \
			CU_ASSERT_STRING_EQUAL(a_, x);                                                       \
			CU_ASSERT_STRING_EQUAL(b_, y);                                                       \
			if (fabs(d_->weight - (w)) > 1e-9)                                                   \
				fprintf(stderr,                                                              \
				        "\n    %s:%d: disagreement %zu weighs %.12g, expected %.12g",        \
				        __func__, __LINE__, (size_t)(i), d_->weight, (double)(w));           \
			CU_ASSERT(fabs(d_->weight - (w)) <= 1e-9);                                           \
			CHECK_FLAG(d_->disputes, disp);                                                      \
			CHECK_FLAG(d_->disjoint, disj);                                                      \
		}                                                                                            \
	} while (0)

/* Day-precision claims reported and observed on T = 2021-12-01 have age 0
 * (observed.end + 1 us = 2021-12-02 > T.start), so D = 1. */
#define REP "'reported': '2021-12-01'"

/* ------------------------------------------------------------------ */
/* Tables, names and arguments                                          */
/* ------------------------------------------------------------------ */

static void test_weight_tables(void)
{
	/* Section 4: R A..F = 1.0 0.8 0.6 0.4 0.2 0.5; C 1..6 the same. */
	CU_ASSERT_DOUBLE_EQUAL(ft_reliability_weight(FT_RELIABILITY_A), 1.0, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(ft_reliability_weight(FT_RELIABILITY_B), 0.8, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(ft_reliability_weight(FT_RELIABILITY_C), 0.6, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(ft_reliability_weight(FT_RELIABILITY_D), 0.4, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(ft_reliability_weight(FT_RELIABILITY_E), 0.2, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(ft_reliability_weight(FT_RELIABILITY_F), 0.5, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(ft_credibility_weight(1), 1.0, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(ft_credibility_weight(2), 0.8, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(ft_credibility_weight(3), 0.6, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(ft_credibility_weight(4), 0.4, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(ft_credibility_weight(5), 0.2, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(ft_credibility_weight(6), 0.5, 1e-12);
	/* ... and the header's macros say the same. */
	CU_ASSERT_DOUBLE_EQUAL(ft_reliability_weight(FT_RELIABILITY_F), FT_WEIGHT_RELIABILITY_F, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(ft_credibility_weight(6), FT_WEIGHT_CREDIBILITY_6, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(ft_credibility_weight(5), FT_WEIGHT_CREDIBILITY_5, 1e-12);
	/* Changed: the half-life is 14 days (section 4, was 30); at most 20
	 * pairs are listed by default (section 6, new). */
	CU_ASSERT_EQUAL(FT_HALF_LIFE_DAYS, 14);
	CU_ASSERT_EQUAL(FT_MAX_PAIRS, 20);
	CU_ASSERT_EQUAL(FT_STALENESS_DAYS, 90);
	CU_ASSERT_DOUBLE_EQUAL(FT_APPROX_TOLERANCE, 0.10, 1e-12);
}

static void test_names(void)
{
	/* The spellings of the status table (section 2) and of the stances. */
	static const struct {
		ft_status s;
		const char *name;
	} statuses[] = {
	    {FT_STATUS_COUNTED, "counted"},
	    {FT_STATUS_SAME_VOICE, "same-voice"},
	    {FT_STATUS_SUPERSEDED, "superseded"},
	    {FT_STATUS_RETRACTED, "retracted"},
	    {FT_STATUS_NOT_YET_REPORTED, "not-yet-reported"},
	    {FT_STATUS_NOT_YET_OBSERVED, "not-yet-observed"},
	    {FT_STATUS_STALE, "stale"},
	    {FT_STATUS_DENIAL, "denial"},
	    {FT_STATUS_PROJECTION, "projection"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(statuses); i++) {
		const char *name = ft_status_name(statuses[i].s);
		CU_ASSERT_PTR_NOT_NULL(name);
		if (name)
			CU_ASSERT_STRING_EQUAL(name, statuses[i].name);
	}
	CU_ASSERT_STRING_EQUAL(ft_stance_name(FT_STANCE_OWN_SIDE), "own-side");
	CU_ASSERT_STRING_EQUAL(ft_stance_name(FT_STANCE_ADVERSARY), "adversary");
	CU_ASSERT_STRING_EQUAL(ft_stance_name(FT_STANCE_THIRD_PARTY), "third-party");

	/* Methods: name and parse are each other's inverse. */
	static const ft_method methods[] = {FT_METHOD_WEIGHTED, FT_METHOD_MEDIAN, FT_METHOD_LATEST};
	static const char *const method_names[] = {"weighted", "median", "latest"};
	for (size_t i = 0; i < G_N_ELEMENTS(methods); i++) {
		const char *name = ft_method_name(methods[i]);
		CU_ASSERT_PTR_NOT_NULL(name);
		if (name)
			CU_ASSERT_STRING_EQUAL(name, method_names[i]);
		ft_method m = (ft_method)99;
		CU_ASSERT_EQUAL(ft_method_parse(method_names[i], &m), 0);
		CU_ASSERT_EQUAL(m, methods[i]);
	}
	ft_method m = FT_METHOD_LATEST;
	CU_ASSERT_NOT_EQUAL(ft_method_parse("mean", &m), 0);
	CU_ASSERT_NOT_EQUAL(ft_method_parse("", &m), 0);
}

static void test_argument_errors(void)
{
	ft_dataset *ds = world(CLAIM("c1", "a", "RU", "border", "'value': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	const ft_actor *ru = ft_dataset_find_actor(ds, "RU");
	const ft_region *border = ft_dataset_find_region(ds, "border");
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	ft_error err;

	ft_estimate_init(&e);
	CU_ASSERT_EQUAL(ft_estimate_compute(NULL, ru, border, NULL, &o, &e, &err), FT_EINVAL);
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	ft_estimate_clear(&e); /* "release with ft_estimate_clear, also after a failure" */
	ft_estimate_init(&e);
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, NULL, border, NULL, &o, &e, &err), FT_EINVAL);
	ft_estimate_clear(&e);
	ft_estimate_init(&e);
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, ru, NULL, NULL, &o, &e, &err), FT_EINVAL);
	ft_estimate_clear(&e);
	ft_estimate_init(&e);
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, ru, border, NULL, &o, NULL, &err), FT_EINVAL);
	/* `at` is required. */
	ft_estimate_options unset = FT_ESTIMATE_OPTIONS_INIT;
	ft_estimate_init(&e);
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, ru, border, NULL, &unset, &e, &err), FT_EINVAL);
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	ft_estimate_clear(&e);
	ft_estimate_init(&e);
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, ru, border, NULL, NULL, &e, &err), FT_EINVAL);
	ft_estimate_clear(&e);
	/* err may be NULL. */
	ft_estimate_init(&e);
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, ru, border, NULL, &unset, &e, NULL), FT_EINVAL);
	ft_estimate_clear(&e);
	ft_estimate_clear(NULL); /* allowed */
	/* New: the half-life is "> 0: 0 means FT_HALF_LIFE_DAYS" (estimate.h):
	 * a negative one breaks its rule. */
	ft_estimate_options neg = o;
	neg.half_life_days = -1.0;
	ft_estimate_init(&e);
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, ru, border, NULL, &neg, &e, &err), FT_EINVAL);
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	ft_estimate_clear(&e);
	/* Spans past FT_DAYS_MAX (3,652,058 days, 0001-01-01 to 9999-12-31)
	 * are refused, not wrapped: 10^9 days x 8.64e10 us a day = 8.64e19 us
	 * overflows int64 (9.22e18), which made every claim "fresh" or none. */
	ft_estimate_options far = o;
	far.staleness_days = 1000000000;
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, ru, border, NULL, &far, &e, &err), FT_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "staleness"));
	ft_estimate_clear(&e);
	far = o;
	far.half_life_days = 1e300;
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, ru, border, NULL, &far, &e, &err), FT_EINVAL);
	ft_estimate_clear(&e);
	/* FT_DAYS_MAX itself is taken: with a horizon that long and a
	 * half-life of 3,652,058 days every claim counts. */
	far = o;
	far.staleness_days = FT_DAYS_MAX;
	far.half_life_days = FT_DAYS_MAX;
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, ru, border, NULL, &far, &e, &err), 0);
	ft_estimate_clear(&e);

	/* Timelines: a NULL dataset, and a step of -1 days (an out-of-range
	 * argument: common.h's FT_EINVAL; 0 is the default step). */
	ft_timeline_options to = FT_TIMELINE_OPTIONS_INIT;
	to.from = tm("2021-11-01");
	to.to = tm("2021-12-01");
	ft_timeline tl = FT_TIMELINE_INIT;
	CU_ASSERT_EQUAL(ft_timeline_compute(NULL, ru, border, NULL, &to, &tl, &err), FT_EINVAL);
	ft_timeline_clear(&tl);
	ft_timeline_init(&tl);
	/* A window of 2 x 10^9 days (past FT_DAYS_MAX). */
	to.window_days = 2000000000;
	CU_ASSERT_EQUAL(ft_timeline_compute(ds, ru, border, NULL, &to, &tl, &err), FT_EINVAL);
	ft_timeline_clear(&tl);
	ft_timeline_init(&tl);
	to.window_days = 0;
	to.step_days = -1;
	CU_ASSERT_EQUAL(ft_timeline_compute(ds, ru, border, NULL, &to, &tl, &err), FT_EINVAL);
	ft_timeline_clear(&tl);
	to.step_days = 7;
	/* Estimate options a timeline cannot use: the message names the
	 * function the caller called, not the one it calls inside. */
	to.estimate.approx_tolerance = 1.0;
	CU_ASSERT_EQUAL(ft_timeline_compute(ds, ru, border, NULL, &to, &tl, &err), FT_EINVAL);
	CU_ASSERT_EQUAL(strncmp(err.text, "ft_timeline_compute: ", 21), 0);
	CU_ASSERT_EQUAL(ft_timeline_point_count(&tl), 0);
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

/* ------------------------------------------------------------------ */
/* No value                                                             */
/* ------------------------------------------------------------------ */

static void test_empty(void)
{
	ft_dataset *ds = world("");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	/* No claim at all: no estimate, never a silent zero (section 7). */
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 0, 0, 0, 0, 0, 0, 0, 0);
	CHECK_U64(e.pairs, 0);
	CHECK_U64(ft_estimate_contribution_count(&e), 0);
	CHECK_FLAG(e.inconsistent, 0);
	ft_estimate_clear(&e);
	CU_ASSERT_PTR_NULL(e.internal); /* "releases ... and resets it" */
	CU_ASSERT_EQUAL(e.version, FT_ESTIMATE_VERSION);
	CHECK_U64(ft_estimate_contribution_count(&e), 0);
	ft_dataset_free(ds);

	/* Claims of another measure are not candidates. */
	ds = world(CLAIM("c1", "a", "RU", "border", "'value': 1000, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	run(ds, "RU", "border", "tanks", &o, &e);
	EXPECT(e, 0, 0, 0, 0, 0, 0, 0, 0);
	CHECK_U64(ft_estimate_contribution_count(&e), 0);
	ft_estimate_clear(&e);
	/* ... nor claims about another actor or region. */
	run(ds, "UA", "border", NULL, &o, &e);
	EXPECT(e, 0, 0, 0, 0, 0, 0, 0, 0);
	CHECK_U64(ft_estimate_contribution_count(&e), 0);
	ft_estimate_clear(&e);
	run(ds, "RU", "crimea", NULL, &o, &e);
	CHECK_U64(ft_estimate_contribution_count(&e), 0);
	CHECK_FLAG(e.has_value, 0);
	ft_estimate_clear(&e);
	/* The default measure is personnel, by name too. Exact 1,000 (A, 6:
	 * 0.5): entries 1,000 and 1,000; W = 0.5 is reached at the first with
	 * a next entry: (1,000 + 1,000 + 1) / 2 = 1,000. It states a low and
	 * a high: not open; credible. */
	run(ds, "RU", "border", "personnel", &o, &e);
	EXPECT(e, 1, 1000, 1000, 1000, 1, 1, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_every_claim_excluded(void)
{
	ft_dataset *ds =
	    world(CLAIM("x-denial", "ru-gov", "RU", "border", "'kind': 'denial', " REP),
	          CLAIM("x-proj", "us-gov", "RU", "border",
	                "'value': 100000, 'qualifier': 'approx', 'kind': 'projection', " REP),
	          CLAIM("x-later", "a", "RU", "border", "'value': 90000, 'reported': '2021-12-05'"),
	          CLAIM("x-old", "b", "RU", "border", "'value': 80000, 'reported': '2021-01-01'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* x-denial: rule 4. x-proj: rule 5 (projections not asked for).
	 * x-later: no observed, so observed = reported 2021-12-05, which begins
	 * after T.end 2021-12-01T23:59:59.999999: rule 6. x-old: observed =
	 * 2021-01-01, ends before T.start - 90 days = 2021-09-02: rule 7.
	 * Nothing counted: has_value 0, best/low/high 0, but all 4 listed. */
	EXPECT(e, 0, 0, 0, 0, 0, 0, 0, 0);
	CHECK_U64(ft_estimate_contribution_count(&e), 4);
	EXPECT_STATUS(e, "x-denial", FT_STATUS_DENIAL);
	EXPECT_STATUS(e, "x-proj", FT_STATUS_PROJECTION);
	EXPECT_STATUS(e, "x-later", FT_STATUS_NOT_YET_OBSERVED);
	EXPECT_STATUS(e, "x-old", FT_STATUS_STALE);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* ------------------------------------------------------------------ */
/* Quantity shapes (section 5)                                          */
/* ------------------------------------------------------------------ */

static void test_exact(void)
{
	ft_dataset *ds = world(CLAIM("c1", "a", "RU", "border", "'value': 100000, 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* exact 100000: the interval [100000, 100000], entries 100000 twice,
	 * weight 1.0 each; W = 1.0 is reached at the first with a next entry
	 * (an exact tie): (100000 + 100000 + 1) / 2 = 100000. The only claim
	 * is current; it states 100000: low = high = 100000, not open. */
	EXPECT(e, 1, 100000, 100000, 100000, 1, 1, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	CHECK_U64(ft_estimate_contribution_count(&e), 1);
	EXPECT_STATUS(e, "c1", FT_STATUS_COUNTED);
	EXPECT_FIGURE(e, "c1", 1, 100000, 100000, 100000);
	EXPECT_CURRENT(e, "c1", 1);
	EXPECT_QUALIFIER(e, "c1", FT_QUALIFIER_EXACT);
	/* a: A (1.0) x credibility 1 (1.0) x D 1 = 1.0 */
	EXPECT_WEIGHT(e, "c1", 1.0);
	EXPECT_CREDIBLE(e, "c1", 1);
	/* Source a has no actor: third party. */
	EXPECT_STANCE(e, "c1", FT_STANCE_THIRD_PARTY);
	WITH_CONTRIBUTION(e, "c1", {
		CU_ASSERT_PTR_EQUAL(c_->voice, ft_dataset_find_source(ds, "a"));
		CU_ASSERT_PTR_NOT_NULL(c_->rule);
	});
	CU_ASSERT_TRUE_FATAL(ft_estimate_part_count(&e) >= 1);
	CU_ASSERT_PTR_EQUAL(ft_estimate_part_at(&e, 0)->actor, ft_dataset_find_actor(ds, "RU"));
	CU_ASSERT_PTR_EQUAL(ft_estimate_part_at(&e, 0)->region, ft_dataset_find_region(ds, "border"));
	EXPECT_PART_FLAGS(ft_estimate_part_at(&e, 0), 0, 0, 0, 0, 0, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_approx_tolerance(void)
{
	ft_dataset *ds =
	    world(CLAIM("ap1", "a", "RU", "crimea", "'value': 1005, 'qualifier': 'approx', " REP),
	          CLAIM("ap2", "a", "RU", "north", "'value': 94000, 'qualifier': 'approx', " REP),
	          CLAIM("ap3", "a", "UA", "donbas", "'value': 10, 'qualifier': 'approx', " REP),
	          CLAIM("ap4", "a", "UA", "UA", "'value': 94, 'qualifier': 'approx', " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	o.no_rollup = 1;
	ft_estimate e = FT_ESTIMATE_INIT;

	/* A single "about N" has the entries N - d and N + d; W is reached at
	 * N - d exactly, with a next entry: best (N - d + N + d + 1) / 2 = N.
	 * d = floor(1005 x 0.10 + 0.5) = floor(101.0) = 101 (rounding half up,
	 * not to even, not truncating): 904-1106; (904 + 1106 + 1) / 2 = 1005. */
	run(ds, "RU", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 1005, 904, 1106, 1, 1, 0, 0);
	EXPECT_FIGURE(e, "ap1", 1, 1005, 904, 1106);
	EXPECT_QUALIFIER(e, "ap1", FT_QUALIFIER_APPROX);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	ft_estimate_clear(&e);

	/* The document's example: d = floor(9400 + 0.5) = 9400: 84,600-103,400;
	 * (84,600 + 103,400 + 1) / 2 = 94,000. */
	run(ds, "RU", "north", NULL, &o, &e);
	EXPECT(e, 1, 94000, 84600, 103400, 1, 1, 0, 0);
	EXPECT_FIGURE(e, "ap2", 1, 94000, 84600, 103400);
	ft_estimate_clear(&e);

	/* about 10, default t: d = floor(1.0 + 0.5) = 1: 9-11; (9 + 11 + 1) / 2
	 * = 10. */
	run(ds, "UA", "donbas", NULL, &o, &e);
	EXPECT(e, 1, 10, 9, 11, 1, 1, 0, 0);
	ft_estimate_clear(&e);

	/* t = 0.25: about 10 -> d = floor(2.5 + 0.5) = 3: 7-13; (7 + 13 + 1) / 2
	 * = 10. */
	o.approx_tolerance = 0.25;
	run(ds, "UA", "donbas", NULL, &o, &e);
	EXPECT(e, 1, 10, 7, 13, 1, 1, 0, 0);
	EXPECT_FIGURE(e, "ap3", 1, 10, 7, 13);
	ft_estimate_clear(&e);
	/* t = 0.25: about 94 -> d = floor(23.5 + 0.5) = 24: 70-118; (70 + 118
	 * + 1) / 2 = 94. */
	run(ds, "UA", "UA", NULL, &o, &e);
	EXPECT(e, 1, 94, 70, 118, 1, 1, 0, 0);
	EXPECT_FIGURE(e, "ap4", 1, 94, 70, 118);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_at_least_alone(void)
{
	ft_dataset *ds = world(CLAIM("c1", "c", "RU", "border",
	                             "'value': 92000, 'qualifier': 'at-least', 'credibility': 2, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* Entries 92000 and open above, 0.48 each; W = 0.48 is reached at
	 * 92000 exactly and the next entry is open above: best 92000 (step 4).
	 * The current claim states a low and no high: low 92000; high the
	 * largest figure stated, 92000, and open above (changed: the old rule
	 * showed it as an exact 92000-92000). */
	EXPECT(e, 1, 92000, 92000, 92000, 1, 1, 0, 0);
	EXPECT_FLAGS(e, 0, 1, 0, 0);
	EXPECT_STATUS(e, "c1", FT_STATUS_COUNTED);
	EXPECT_CURRENT(e, "c1", 1);
	EXPECT_QUALIFIER(e, "c1", FT_QUALIFIER_AT_LEAST);
	/* A missing high side is UINT64_MAX (estimate.h). */
	EXPECT_FIGURE(e, "c1", 0, 0, 92000, UINT64_MAX);
	/* c: C (0.6) x 2 (0.8) = 0.48 */
	EXPECT_WEIGHT(e, "c1", 0.48);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* Replaces "at least constrains without voting": the old rule clamped best
 * to the largest "at least" (best = min(max(best, LB), UB)); now a
 * one-sided claim pulls with its own weight and never clamps (section 6). */
static void test_at_least_pulls_never_clamps(void)
{
	ft_dataset *ds = world(
	    /* at crimea */
	    CLAIM("x1", "a", "RU", "crimea", "'value': 100000, 'credibility': 1, " REP),
	    CLAIM("x2", "b", "RU", "crimea",
	          "'value': 150000, 'qualifier': 'at-least', 'credibility': 2, " REP),
	    /* at north */
	    CLAIM("y1", "d", "RU", "north", "'value': 100000, 'credibility': 4, " REP),
	    CLAIM("y2", "a", "RU", "north",
	          "'value': 50000, 'qualifier': 'at-least', 'credibility': 1, " REP),
	    /* at (UA, donbas): a heavy floor pulls best up to it */
	    CLAIM("z1", "d", "UA", "donbas", "'value': 100000, 'credibility': 4, " REP),
	    CLAIM("z2", "a", "UA", "donbas",
	          "'value': 150000, 'qualifier': 'at-least', 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	o.no_rollup = 1;
	ft_estimate e = FT_ESTIMATE_INIT;

	/* x1 exact 100000 (A,1 = 1.0), x2 at least 150000 (B,2 = 0.64).
	 * Entries: 100000 (1.0), 100000 (1.0), 150000 (0.64), open above
	 * (0.64); W = 1.64; running 1.0, 2.0 >= 1.64 at the second 100000:
	 * best 100000 (the old clamp gave 150000). Heaviest 1.0: both current
	 * (0.64 >= 0.5); figures 100000, 150000: low 100000, high 150000; x1
	 * states a high: not open above. [100000, 100000] and [150000, open
	 * above] do not overlap, voices a and b: contested, one pair,
	 * 1.0 x 0.64 = 0.64, disjoint. */
	run(ds, "RU", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 100000, 100000, 150000, 2, 2, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	EXPECT_PAIR(e, "x1", "x2");
	EXPECT_DISAGREEMENT(e, 0, "x1", "x2", 0.64, 0, 1);
	EXPECT_WEIGHT(e, "x2", 0.64); /* B 0.8 x 2 0.8 */
	EXPECT_CURRENT(e, "x1", 1);
	EXPECT_CURRENT(e, "x2", 1);
	ft_estimate_clear(&e);

	/* y1 exact 100000 (D,4 = 0.16), y2 at least 50000 (A,1 = 1.0). Entries:
	 * 50000 (1.0), 100000 (0.16), 100000 (0.16), open above (1.0); W =
	 * 1.16; running 1.0, 1.16 reaches W at the first 100000 with a next
	 * entry 100000: (100000 + 100000 + 1) / 2 = 100000. The floor at 50000
	 * holds for 100000: it does not pull. Heaviest 1.0: y1 (0.16 < 0.5) is
	 * not current; y2 alone states 50000, a low, and no high: low 50000,
	 * high 50000 and open above, then high = max(50000, best) = 100000.
	 * One current claim: not contested. */
	run(ds, "RU", "north", NULL, &o, &e);
	EXPECT(e, 1, 100000, 50000, 100000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 1, 0, 0);
	EXPECT_WEIGHT(e, "y1", 0.16); /* D 0.4 x 4 0.4 */
	EXPECT_WEIGHT(e, "y2", 1.0);
	EXPECT_CURRENT(e, "y1", 0);
	EXPECT_CURRENT(e, "y2", 1);
	ft_estimate_clear(&e);

	/* z1 exact 100000 (0.16), z2 at least 150000 (1.0). Entries: 100000
	 * (0.16), 100000 (0.16), 150000 (1.0), open above (1.0); W = 1.16;
	 * running 0.16, 0.32, 1.32 >= 1.16 at 150000: best 150000 (pulled by
	 * its weight, not clamped). Only z2 is current: low 150000, high
	 * 150000 and open above. */
	run(ds, "UA", "donbas", NULL, &o, &e);
	EXPECT(e, 1, 150000, 150000, 150000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 1, 0, 0);
	EXPECT_CURRENT(e, "z1", 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_at_most(void)
{
	ft_dataset *ds = world(CLAIM("m1", "b", "RU", "crimea",
	                             "'value': 175000, 'qualifier': 'at-most', 'credibility': 3, " REP),
	                       CLAIM("n1", "a", "RU", "north", "'value': 200000, 'credibility': 1, " REP),
	                       CLAIM("n2", "b", "RU", "north",
	                             "'value': 175000, 'qualifier': 'at-most', 'credibility': 2, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	o.no_rollup = 1;
	ft_estimate e = FT_ESTIMATE_INIT;

	/* Alone: entries open below and 175000, 0.48 each; W = 0.48 is reached
	 * at open below exactly: best the next entry's figure, 175000 (step
	 * 4). No current claim states a low: low 0 and open below (changed:
	 * the old rule took low = best = 175000); high 175000. */
	run(ds, "RU", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 175000, 0, 175000, 1, 1, 0, 0);
	EXPECT_FLAGS(e, 1, 0, 0, 0);
	/* A missing low side is 0. */
	EXPECT_FIGURE(e, "m1", 0, 0, 0, 175000);
	EXPECT_QUALIFIER(e, "m1", FT_QUALIFIER_AT_MOST);
	EXPECT_WEIGHT(e, "m1", 0.48); /* B 0.8 x 3 0.6 */
	ft_estimate_clear(&e);

	/* No longer a cap (the old rule gave min(200000, 175000) = 175000):
	 * n1 exact 200000 (1.0), n2 at most 175000 (0.64). Entries: open below
	 * (0.64), 175000 (0.64), 200000 (1.0), 200000 (1.0); W = 1.64; running
	 * 0.64, 1.28, 2.28 >= 1.64 at the first 200000: best 200000. Both
	 * current (0.64 >= 0.5): figures 175000, 200000, low 175000, high
	 * 200000; n1 states a low: not open below. [200000, 200000] and [open
	 * below, 175000] do not overlap: contested, one pair. */
	run(ds, "RU", "north", NULL, &o, &e);
	EXPECT(e, 1, 200000, 175000, 200000, 2, 2, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	EXPECT_PAIR(e, "n1", "n2");
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_one_sided_only(void)
{
	ft_dataset *ds =
	    world(CLAIM("c1", "c", "RU", "border",
	                "'value': 92000, 'qualifier': 'at-least', 'credibility': 2, " REP),
	          CLAIM("c2", "b", "RU", "border",
	                "'value': 175001, 'qualifier': 'at-most', 'credibility': 3, " REP),
	          CLAIM("d1", "c", "RU", "crimea", "'value': 100000, 'qualifier': 'at-least', " REP),
	          CLAIM("d2", "b", "RU", "crimea", "'value': 120000, 'qualifier': 'at-least', " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	o.no_rollup = 1;
	ft_estimate e = FT_ESTIMATE_INIT;

	/* c1 at least 92000 (C,2 = 0.48), c2 at most 175001 (B,3 = 0.48).
	 * Entries: open below (0.48), 92000 (0.48), 175001 (0.48), open above
	 * (0.48); W = 0.96; running 0.48, 0.96 = W at 92000, next entry 175001:
	 * (92000 + 175001 + 1) / 2 = 267002 / 2 = 133501 (half up). Both
	 * current: figures 92000, 175001; c1 states a low, c2 a high: not
	 * open. [92000, open above] and [open below, 175001] overlap: not
	 * contested. */
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 133501, 92000, 175001, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	ft_estimate_clear(&e);

	/* Two floors: d1 100000 (C,6 = 0.3), d2 120000 (B,6 = 0.4). Entries:
	 * 100000 (0.3), 120000 (0.4), open above (0.3), open above (0.4); W =
	 * 0.7; running 0.3, 0.7 = W at 120000 and the next entry is open above:
	 * best 120000 (step 4). Both current (0.3 >= 0.2): low 100000; no
	 * current claim states a high: high the largest figure, 120000, and
	 * open above. Two ranges open above always overlap. */
	run(ds, "RU", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 120000, 100000, 120000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 1, 0, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_range_with_value(void)
{
	ft_dataset *ds = world(
	    CLAIM(
	        "r1", "a", "RU", "border",
	        "'low': 80000, 'high': 120000, 'value': 100000, 'qualifier': 'range', 'credibility': 1, " REP),
	    CLAIM("r2", "b", "RU", "border", "'low': 90000, 'high': 110000, 'credibility': 2, " REP),
	    CLAIM("r3", "a", "RU", "crimea",
	          "'low': 80000, 'high': 120000, 'value': 85000, 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	o.no_rollup = 1;
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* Ranges vote through their ends (changed: the old rule voted the
	 * central figure only). Entries: 80000 (r1, 1.0), 90000 (r2, 0.64),
	 * 110000 (0.64), 120000 (1.0); W = 1.64; running 1.0, 1.64 = W at
	 * 90000, next 110000: (90000 + 110000 + 1) / 2 = 100000. Both current
	 * (0.64 >= 0.5): low 80000, high 120000. Ranges overlap. */
	EXPECT(e, 1, 100000, 80000, 120000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	EXPECT_FIGURE(e, "r1", 1, 100000, 80000, 120000);
	EXPECT_FIGURE(e, "r2", 0, 0, 90000, 110000);
	EXPECT_QUALIFIER(e, "r1", FT_QUALIFIER_RANGE);
	EXPECT_QUALIFIER(e, "r2", FT_QUALIFIER_RANGE);
	EXPECT_WEIGHT(e, "r1", 1.0);
	EXPECT_WEIGHT(e, "r2", 0.64);
	ft_estimate_clear(&e);

	/* A range's central figure is no entry: r3 alone, 80000-120000 around
	 * 85000, has the entries 80000 and 120000: best (80000 + 120000 + 1) /
	 * 2 = 100000, not 85000 (which the old rule gave). Method latest uses
	 * it alone and takes its central figure (section 6): 85000, range
	 * 80000-120000. */
	run(ds, "RU", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 100000, 80000, 120000, 1, 1, 0, 0);
	EXPECT_FIGURE(e, "r3", 1, 85000, 80000, 120000);
	ft_estimate_clear(&e);
	o.method = FT_METHOD_LATEST;
	run(ds, "RU", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 85000, 80000, 120000, 1, 1, 0, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_range_without_value(void)
{
	ft_dataset *ds =
	    world(CLAIM("r1", "b", "RU", "border", "'low': 169000, 'high': 190000, 'credibility': 2, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* Entries 169000 and 190000 (0.64 each); W = 0.64 is reached at 169000
	 * exactly, next 190000: (169000 + 190000 + 1) / 2 = 359001 / 2 =
	 * 179500. It states both sides: 169000-190000, not open. */
	EXPECT(e, 1, 179500, 169000, 190000, 1, 1, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	EXPECT_FIGURE(e, "r1", 0, 0, 169000, 190000);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* ------------------------------------------------------------------ */
/* The best figure (section 6)                                          */
/* ------------------------------------------------------------------ */

static void test_weighted_median(void)
{
	ft_dataset *ds = world(CLAIM("w1", "a", "RU", "border", "'value': 94000, 'credibility': 2, " REP),
	                       CLAIM("w2", "f", "RU", "border", "'value': 125000, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* weights: A,2 -> 1.0 x 0.8 = 0.8; F,6 -> 0.5 x 0.5 = 0.25. Entries:
	 * 94000 (0.8), 94000 (0.8), 125000 (0.25), 125000 (0.25); W = 1.05;
	 * running 0.8, 1.6 >= 1.05 at the second 94000 -> best 94000. F and 6
	 * are credible (only E and 5 are not). Changed: the heaviest weighs
	 * 0.8, so w2 (0.25 < 0.4) is not current and sets no range: low =
	 * high = 94000 (the old rule took 94000-125000), and the one current
	 * claim cannot disagree: not contested (it was). */
	EXPECT(e, 1, 94000, 94000, 94000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	EXPECT_WEIGHT(e, "w1", 0.8);
	EXPECT_WEIGHT(e, "w2", 0.25);
	EXPECT_CREDIBLE(e, "w2", 1);
	EXPECT_CURRENT(e, "w1", 1);
	EXPECT_CURRENT(e, "w2", 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_weighted_tie(void)
{
	ft_dataset *ds = world(CLAIM("t1", "c", "RU", "border", "'value': 100000, 'credibility': 2, " REP),
	                       CLAIM("t2", "b", "RU", "border", "'value': 100001, 'credibility': 3, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* weights: C,2 = 0.6 x 0.8 = 0.48; B,3 = 0.8 x 0.6 = 0.48. Entries:
	 * 100000 (0.48) twice, 100001 (0.48) twice; W = 0.96; running 0.48,
	 * 0.96 = W at the second 100000 and a next entry 100001 exists ->
	 * (100000 + 100001 + 1) / 2 = 100001 (half up). Both current: low
	 * 100000, high 100001; disjoint exact figures -> contested, one pair
	 * of 0.48 x 0.48 = 0.2304. */
	EXPECT(e, 1, 100001, 100000, 100001, 2, 2, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	EXPECT_WEIGHT(e, "t1", 0.48);
	EXPECT_WEIGHT(e, "t2", 0.48);
	EXPECT_DISAGREEMENT(e, 0, "t1", "t2", 0.2304, 0, 1);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_methods(void)
{
	/* Four voices observed at different hours of T's day (age 0). */
	ft_dataset *ds = world(
	    CLAIM("m-c", "c", "RU", "border",
	          "'value': 100000, 'credibility': 3, 'observed': '2021-12-01T08:00Z', " REP),
	    CLAIM(
	        "m-d", "d", "RU", "border",
	        "'value': 110000, 'qualifier': 'approx', 'credibility': 3, 'observed': '2021-12-01T12:00Z', " REP),
	    CLAIM("m-a", "a", "RU", "border",
	          "'value': 150000, 'credibility': 1, 'observed': '2021-12-01T04:00Z', " REP),
	    CLAIM("m-e", "e", "RU", "border",
	          "'value': 500000, 'credibility': 1, 'observed': '2021-12-01T20:00Z', " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;

	/* weights: m-c C,3 0.36; m-d D,3 0.24; m-a A,1 1.0; m-e E,1 0.2 (not
	 * credible: changed, it no longer votes). m-d about 110000: d = 11000
	 * -> 99000-121000. Credible set {m-c, m-d, m-a}, entries: 99000
	 * (0.24), 100000 (0.36), 100000 (0.36), 121000 (0.24), 150000 (1.0),
	 * 150000 (1.0); W = 1.6; running 0.24, 0.6, 0.96, 1.2, 2.2 >= 1.6 at
	 * the first 150000 -> best 150000. Changed: the heaviest is 1.0, so
	 * only m-a (>= 0.5) is current: low = high = 150000 (was 99000), and a
	 * single current claim disagrees with no one: not contested (was 2
	 * pairs). */
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 150000, 150000, 150000, 4, 4, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	EXPECT_WEIGHT(e, "m-c", 0.36);
	EXPECT_WEIGHT(e, "m-d", 0.24);
	EXPECT_WEIGHT(e, "m-a", 1.0);
	EXPECT_WEIGHT(e, "m-e", 0.2);
	EXPECT_CREDIBLE(e, "m-e", 0);
	EXPECT_CURRENT(e, "m-a", 1);
	EXPECT_CURRENT(e, "m-c", 0);
	EXPECT_CURRENT(e, "m-e", 0);
	ft_estimate_clear(&e);

	/* median: the same walk with every weight 1: entries 99000, 100000,
	 * 100000, 121000, 150000, 150000; W = 3; running 1, 2, 3 = W at the
	 * second 100000, next 121000 -> (100000 + 121000 + 1) / 2 = 110500.
	 * READING: "median is the same with every weight 1" is said of best;
	 * the current claims are those whose weight (section 4: R x C x D, the
	 * weight each contribution reports) is at least half the heaviest, as
	 * for weighted: m-a alone, 150000; low = min(150000, 110500) = 110500,
	 * high 150000. Not contested. */
	o.method = FT_METHOD_MEDIAN;
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 110500, 110500, 150000, 4, 4, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	ft_estimate_clear(&e);

	/* latest: of the credible set, the latest observed start is m-d
	 * (12:00; m-e at 20:00 is not credible) -> best its central 110000;
	 * the current claim is only the one it takes: low/high its own
	 * figures 99000-121000. One current claim: not contested (was). */
	o.method = FT_METHOD_LATEST;
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 110000, 99000, 121000, 4, 4, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	EXPECT_CURRENT(e, "m-d", 1);
	EXPECT_CURRENT(e, "m-a", 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_weighted_tie_rounding_error(void)
{
	/* Changed data: the old f1 was graded E, which now leaves the credible
	 * set and no longer votes; ru-gov (D, credibility 6) weighs the same
	 * 0.2 and is credible. */
	ft_dataset *ds = world(CLAIM("f1", "ru-gov", "RU", "border", "'value': 100000, " REP),
	                       CLAIM("f2", "d", "RU", "border", "'value': 110000, 'credibility': 4, " REP),
	                       CLAIM("f3", "c", "RU", "border", "'value': 130001, 'credibility': 3, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* weights: D,6 0.4 x 0.5 = 0.2; D,4 0.4 x 0.4 = 0.16; C,3 0.6 x 0.6 =
	 * 0.36. W = 0.72. Entries: 100000 (0.2) twice, 110000 (0.16) twice,
	 * 130001 (0.36) twice; running 0.2, 0.4, 0.56, 0.72 at the second
	 * 110000: equal to W by hand (in doubles 0.4 x 0.4 is
	 * 0.16000000000000003, inside the relative 1e-9) -> midpoint with the
	 * next entry: (110000 + 130001 + 1) / 2 = 120001. The heaviest is 0.36:
	 * current at 0.18 or more, f1 and f3 but not f2 (0.16): low 100000,
	 * high 130001; f1/f3 disjoint -> contested, one pair (f2 is not
	 * current, so f1/f2 and f2/f3 are not judged). */
	EXPECT(e, 1, 120001, 100000, 130001, 3, 3, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	EXPECT_PAIR(e, "f1", "f3");
	EXPECT_CURRENT(e, "f2", 0);
	EXPECT_WEIGHT(e, "f1", 0.2);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_latest_from_bounds(void)
{
	ft_dataset *ds = world(
	    CLAIM("lb1", "a", "RU", "north",
	          "'value': 100000, 'credibility': 1, 'observed': '2021-12-01T08:00Z', " REP),
	    CLAIM("lb2", "b", "RU", "north",
	          "'low': 120000, 'high': 140000, 'credibility': 2, 'observed': '2021-12-01T12:00Z', " REP),
	    CLAIM("la1", "a", "RU", "crimea",
	          "'value': 100000, 'credibility': 1, 'observed': '2021-12-01T08:00Z', " REP),
	    CLAIM(
	        "la2", "c", "RU", "crimea",
	        "'value': 150000, 'qualifier': 'at-least', 'credibility': 2, 'observed': '2021-12-01T12:00Z', " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	o.method = FT_METHOD_LATEST;
	o.no_rollup = 1;
	ft_estimate e = FT_ESTIMATE_INIT;

	/* Latest credible: lb2 (12:00), a range without a central figure: its
	 * midpoint (120000 + 140000 + 1) / 2 = 130000; it is the only current
	 * claim (with latest, only the claim it takes): 120000-140000. lb1's
	 * 100000 does not overlap, but lb1 is not current. Changed: not
	 * contested (was one pair). */
	run(ds, "RU", "north", NULL, &o, &e);
	EXPECT(e, 1, 130000, 120000, 140000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	EXPECT_CURRENT(e, "lb1", 0);
	EXPECT_CURRENT(e, "lb2", 1);
	ft_estimate_clear(&e);

	/* Latest credible: la2, at least 150000: the N of a one-sided claim,
	 * 150000; it states a low and no high: low 150000, high 150000, open
	 * above (new). Not contested (was). */
	run(ds, "RU", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 150000, 150000, 150000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 1, 0, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* ------------------------------------------------------------------ */
/* Voices (section 3) and reliability                                   */
/* ------------------------------------------------------------------ */

static void test_one_voice_under_parent(void)
{
	ft_dataset *ds = world(CLAIM("v1", "ua-mod", "RU", "border",
	                             "'value': 90000, 'credibility': 2, 'observed': '2021-11-30', " REP),
	                       CLAIM("v2", "ua-spox", "RU", "border",
	                             "'value': 94000, 'credibility': 2, 'observed': '2021-12-01', " REP),
	                       CLAIM("v3", "b", "RU", "border", "'value': 100000, 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* ua-mod and ua-spox have the root ua-gov: one voice. v2's observed
	 * span starts later (12-01 > 11-30) -> v2 counted, v1 same-voice.
	 * weights: v2 C (inherited: ua-spox F -> ua-mod F -> ua-gov C) x 0.8
	 * = 0.48; v3 B,1 = 0.8. Entries 94000 (0.48) twice, 100000 (0.8)
	 * twice; W = 1.28; running 0.48, 0.96, 1.76 >= 1.28 at the first
	 * 100000 -> best 100000 (counting v1 as well would add 90000 twice
	 * with its weight and give 94000). Both current (0.48 >= 0.4): low
	 * 94000, high 100000; v2/v3 disjoint. */
	EXPECT(e, 1, 100000, 94000, 100000, 2, 2, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	EXPECT_STATUS(e, "v1", FT_STATUS_SAME_VOICE);
	EXPECT_STATUS(e, "v2", FT_STATUS_COUNTED);
	EXPECT_STATUS(e, "v3", FT_STATUS_COUNTED);
	EXPECT_WEIGHT(e, "v2", 0.48);
	EXPECT_PAIR(e, "v2", "v3");
	EXPECT_CURRENT(e, "v1", 0); /* not counted, so not current */
	const ft_source *ua_gov = ft_dataset_find_source(ds, "ua-gov");
	WITH_CONTRIBUTION(e, "v1", { CU_ASSERT_PTR_EQUAL(c_->voice, ua_gov); });
	WITH_CONTRIBUTION(e, "v2", { CU_ASSERT_PTR_EQUAL(c_->voice, ua_gov); });
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_same_voice_tie_breaks(void)
{
	ft_dataset *ds = world(
	    /* crimea: the later observed start beats the later report. */
	    CLAIM("s1", "ru-gov", "UA", "crimea",
	          "'value': 110000, 'observed': '2021-11-30', 'reported': '2021-12-02'"),
	    CLAIM("s2", "ru-spox", "UA", "crimea",
	          "'value': 120000, 'observed': '2021-12-01', 'reported': '2021-12-01'"),
	    /* north: same start, the later end wins. */
	    CLAIM(
	        "s3", "ru-gov", "UA", "north",
	        "'value': 130000, 'observed': {'from': '2021-12-01', 'to': '2021-12-02'}, 'reported': '2021-12-01'"),
	    CLAIM("s4", "ru-spox", "UA", "north",
	          "'value': 140000, 'observed': '2021-12-01', 'reported': '2021-12-02'"),
	    /* donbas: same span; the later report, then the later in the dataset. */
	    CLAIM("t1", "ru-gov", "UA", "donbas",
	          "'value': 150000, 'observed': '2021-12-01', 'reported': '2021-12-01'"),
	    CLAIM("t2", "ru-spox", "UA", "donbas",
	          "'value': 160000, 'observed': '2021-12-01', 'reported': '2021-12-02'"),
	    CLAIM("t3", "ru-gov", "UA", "donbas",
	          "'value': 170000, 'observed': '2021-12-01', 'reported': '2021-12-02'"),
	    CLAIM("t4", "ru-spox", "UA", "donbas",
	          "'value': 180000, 'observed': '2021-12-01', 'reported': '2021-11-30'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	o.no_rollup = 1;
	ft_estimate e = FT_ESTIMATE_INIT;

	/* s2 starts 12-01, s1 11-30: s2 wins though s1 was reported later. */
	run(ds, "UA", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 120000, 120000, 120000, 1, 1, 0, 0);
	EXPECT_STATUS(e, "s1", FT_STATUS_SAME_VOICE);
	EXPECT_STATUS(e, "s2", FT_STATUS_COUNTED);
	ft_estimate_clear(&e);

	/* Both start 2021-12-01T00:00; s3 ends 12-02T23:59:59.999999, s4
	 * 12-01T23:59:59.999999: s3 wins though s4 was reported later. */
	run(ds, "UA", "north", NULL, &o, &e);
	EXPECT(e, 1, 130000, 130000, 130000, 1, 1, 0, 0);
	EXPECT_STATUS(e, "s3", FT_STATUS_COUNTED);
	EXPECT_STATUS(e, "s4", FT_STATUS_SAME_VOICE);
	ft_estimate_clear(&e);

	/* Same observed span: reported 12-02 (t2, t3) beats 12-01 (t1) and
	 * 11-30 (t4); t3 comes after t2 in the dataset -> t3 (170000). */
	run(ds, "UA", "donbas", NULL, &o, &e);
	EXPECT(e, 1, 170000, 170000, 170000, 1, 1, 0, 0);
	EXPECT_STATUS(e, "t1", FT_STATUS_SAME_VOICE);
	EXPECT_STATUS(e, "t2", FT_STATUS_SAME_VOICE);
	EXPECT_STATUS(e, "t3", FT_STATUS_COUNTED);
	EXPECT_STATUS(e, "t4", FT_STATUS_SAME_VOICE);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_reliability_inherited(void)
{
	ft_dataset *ds =
	    world(CLAIM("ri1", "ua-spox", "RU", "crimea", "'value': 1000, " REP),
	          CLAIM("ri2", "f", "RU", "north", "'value': 1000, " REP),
	          CLAIM("ri3", "dpr-spox", "UA", "donbas", "'value': 1000, 'credibility': 1, " REP),
	          CLAIM("ri4", "ru-spox", "UA", "UA", "'value': 1000, 'credibility': 2, " REP),
	          CLAIM("ri5", "ua-anon", "UA", "donbas", "'value': 1000, 'credibility': 3, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;

	run(ds, "RU", "border", NULL, &o, &e);
	/* ri1: ua-spox F -> ua-mod F -> ua-gov C: 0.6 x 6 (0.5) = 0.3. ri2: f
	 * is F with no parent: 0.5 x 0.5 = 0.25 (neutral, not zero). */
	EXPECT_WEIGHT(e, "ri1", 0.3);
	EXPECT_WEIGHT(e, "ri2", 0.25);
	EXPECT_CREDIBLE(e, "ri1", 1);
	EXPECT_CREDIBLE(e, "ri2", 1);
	ft_estimate_clear(&e);

	run(ds, "UA", "UA", NULL, &o, &e);
	/* ri3: dpr-spox F -> dpr-hq E: 0.2 x 1.0 = 0.2, and not credible (its
	 * effective reliability is E). ri4: ru-spox F -> ru-gov D: 0.4 x 0.8 =
	 * 0.32. ri5: ua-anon F -> ua-gov C: 0.6 x 0.6 = 0.36. */
	EXPECT_WEIGHT(e, "ri3", 0.2);
	EXPECT_CREDIBLE(e, "ri3", 0);
	EXPECT_WEIGHT(e, "ri4", 0.32);
	EXPECT_CREDIBLE(e, "ri4", 1);
	EXPECT_WEIGHT(e, "ri5", 0.36);
	/* ri3 and ri5 are both at (UA, donbas), voices dpr-hq and ua-gov:
	 * both counted; ri4 at (UA, UA). */
	CHECK_U64(e.claims, 3);
	CHECK_U64(e.voices, 3);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_outlets_add_no_voice(void)
{
	ft_dataset *ds = world(
	    CLAIM("o1", "ua-gov", "RU", "border",
	          "'via': ['outlet', 'outlet2'], 'value': 94000, 'credibility': 2, " REP),
	    CLAIM("o2", "b", "RU", "border", "'via': ['outlet'], 'value': 96000, 'credibility': 2, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* Two voices (ua-gov, b); the outlets add none. o1 weighs its own
	 * source's C: 0.6 x 0.8 = 0.48 (not outlet's B or outlet2's A); o2
	 * 0.8 x 0.8 = 0.64. Entries 94000 (0.48) twice, 96000 (0.64) twice;
	 * W = 1.12; running 0.48, 0.96, 1.6 >= 1.12 at the first 96000 -> best
	 * 96000. Both current (0.48 >= 0.32); disjoint -> contested. */
	EXPECT(e, 1, 96000, 94000, 96000, 2, 2, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	EXPECT_WEIGHT(e, "o1", 0.48);
	EXPECT_WEIGHT(e, "o2", 0.64);
	WITH_CONTRIBUTION(e, "o1", { CU_ASSERT_PTR_EQUAL(c_->voice, ft_dataset_find_source(ds, "ua-gov")); });
	WITH_CONTRIBUTION(e, "o2", { CU_ASSERT_PTR_EQUAL(c_->voice, ft_dataset_find_source(ds, "b")); });
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* ------------------------------------------------------------------ */
/* Statuses (section 2)                                                 */
/* ------------------------------------------------------------------ */

static void test_supersession_chain(void)
{
	ft_dataset *ds = world(
	    CLAIM("s1", "b", "RU", "border", "'value': 80000, 'credibility': 1, 'reported': '2021-11-20'"),
	    CLAIM("s2", "b", "RU", "border",
	          "'value': 90000, 'credibility': 1, 'reported': '2021-11-25', 'supersedes': ['s1']"),
	    CLAIM(
	        "s3", "b", "RU", "border",
	        "'value': 100000, 'credibility': 1, 'observed': '2021-11-30', 'reported': '2021-12-05', 'supersedes': ['s2']"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate e = FT_ESTIMATE_INIT;

	/* K = 11-22: s2 (11-25) and s3 (12-05) not yet reported; s1 counted.
	 * s1 observed = reported 11-20: age = 12-01 - 11-21 = 10 days ->
	 * changed, half-life 14: weight 0.8 x 1.0 x 0.5^(10/14) = 0.48761. */
	ft_estimate_options o = opts("2021-12-01", "2021-11-22");
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 80000, 80000, 80000, 1, 1, 0, 0);
	EXPECT_STATUS(e, "s1", FT_STATUS_COUNTED);
	EXPECT_STATUS(e, "s2", FT_STATUS_NOT_YET_REPORTED);
	EXPECT_STATUS(e, "s3", FT_STATUS_NOT_YET_REPORTED);
	EXPECT_WEIGHT(e, "s1", 0.8 * pow(0.5, 10.0 / 14.0));
	ft_estimate_clear(&e);

	/* K = 12-01, before s3's report: s2 is known and supersedes s1; s3 is
	 * not known, so s2 stands. s2 observed 11-25: age 5 -> half-life 14:
	 * 0.8 x 0.5^(5/14) = 0.62457. */
	o = opts("2021-12-01", "2021-12-01");
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 90000, 90000, 90000, 1, 1, 0, 0);
	EXPECT_STATUS(e, "s1", FT_STATUS_SUPERSEDED);
	EXPECT_STATUS(e, "s2", FT_STATUS_COUNTED);
	EXPECT_STATUS(e, "s3", FT_STATUS_NOT_YET_REPORTED);
	EXPECT_WEIGHT(e, "s2", 0.8 * pow(0.5, 5.0 / 14.0));
	ft_estimate_clear(&e);

	/* K = 12-05 (s3's report day) and no K: s3 supersedes s2, s2 still
	 * supersedes s1 (s2's report is known, whatever became of s2). s3
	 * observed 11-30: age 0 -> 0.8. */
	for (int pass = 0; pass < 2; pass++) {
		o = opts("2021-12-01", pass == 0 ? "2021-12-05" : NULL);
		run(ds, "RU", "border", NULL, &o, &e);
		EXPECT(e, 1, 100000, 100000, 100000, 1, 1, 0, 0);
		EXPECT_STATUS(e, "s1", FT_STATUS_SUPERSEDED);
		EXPECT_STATUS(e, "s2", FT_STATUS_SUPERSEDED);
		EXPECT_STATUS(e, "s3", FT_STATUS_COUNTED);
		EXPECT_WEIGHT(e, "s3", 0.8);
		ft_estimate_clear(&e);
	}
	ft_dataset_free(ds);
}

static void test_retraction(void)
{
	ft_dataset *ds = world(CLAIM("r1", "a", "RU", "border",
	                             "'value': 100000, 'credibility': 1, 'observed': '2021-12-01', " REP
	                             ", 'retracted': '2021-12-03'"),
	                       CLAIM("r2", "b", "RU", "border", "'value': 90000, 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate e = FT_ESTIMATE_INIT;

	/* Retraction not yet known (K = 12-02, and K = 12-03T00:00Z whose span
	 * ends 00:00:59.999999, before the retraction day ends): r1 counts.
	 * Entries 90000 (0.8) twice, 100000 (1.0) twice; W = 1.8; running 0.8,
	 * 1.6, 2.6 >= 1.8 at the first 100000 -> 100000. Both current (0.8 >=
	 * 0.5): low 90000, high 100000; disjoint -> contested. */
	static const char *const before[] = {"2021-12-02", "2021-12-03T00:00Z"};
	for (size_t i = 0; i < G_N_ELEMENTS(before); i++) {
		ft_estimate_options o = opts("2021-12-01", before[i]);
		run(ds, "RU", "border", NULL, &o, &e);
		EXPECT(e, 1, 100000, 90000, 100000, 2, 2, 1, 1);
		EXPECT_FLAGS(e, 0, 0, 0, 1);
		EXPECT_STATUS(e, "r1", FT_STATUS_COUNTED);
		ft_estimate_clear(&e);
	}
	/* Known (K = 12-03, the month 2021-12, or no K): r1 retracted -> 90000. */
	static const char *const after[] = {"2021-12-03", "2021-12", NULL};
	for (size_t i = 0; i < G_N_ELEMENTS(after); i++) {
		ft_estimate_options o = opts("2021-12-01", after[i]);
		run(ds, "RU", "border", NULL, &o, &e);
		EXPECT(e, 1, 90000, 90000, 90000, 1, 1, 0, 0);
		EXPECT_STATUS(e, "r1", FT_STATUS_RETRACTED);
		EXPECT_STATUS(e, "r2", FT_STATUS_COUNTED);
		EXPECT_CURRENT(e, "r1", 0);
		ft_estimate_clear(&e);
	}
	ft_dataset_free(ds);
}

static void test_denials(void)
{
	ft_dataset *ds =
	    world(CLAIM("dn1", "ru-gov", "RU", "border", "'kind': 'denial', " REP),
	          CLAIM("dn2", "a", "RU", "border", "'value': 100000, " REP),
	          CLAIM("dn3", "b", "RU", "border", "'value': 90000, 'observed': '2021-11-30', " REP),
	          CLAIM("dn4", "b", "RU", "border", "'kind': 'denial', 'observed': '2021-12-01', " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* dn1, dn4: denials (rule 4), so they never reach rule 8: b's later
	 * denial does not outvote its figure dn3. Counted: dn2 (A,6: 0.5) and
	 * dn3 (B,6: 0.4). Entries 90000 (0.4) twice, 100000 (0.5) twice; W =
	 * 0.9; running 0.4, 0.8, 1.3 >= 0.9 at the first 100000 -> 100000.
	 * Both current (0.4 >= 0.25): low 90000, high 100000; contested. */
	EXPECT(e, 1, 100000, 90000, 100000, 2, 2, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	EXPECT_STATUS(e, "dn1", FT_STATUS_DENIAL);
	EXPECT_STATUS(e, "dn2", FT_STATUS_COUNTED);
	EXPECT_STATUS(e, "dn3", FT_STATUS_COUNTED);
	EXPECT_STATUS(e, "dn4", FT_STATUS_DENIAL);
	EXPECT_QUALIFIER(e, "dn1", FT_QUALIFIER_NONE);
	EXPECT_WEIGHT(e, "dn2", 0.5);
	EXPECT_WEIGHT(e, "dn3", 0.4);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_projections(void)
{
	/* Changed data: p0 has credibility 2 (was 3, which weighed exactly
	 * half the projection, 0.24 against 0.48, on the edge of "current"). */
	ft_dataset *ds = world(
	    CLAIM("p0", "d", "RU", "border", "'value': 100000, 'credibility': 2, " REP),
	    CLAIM(
	        "p1", "us-gov", "RU", "border",
	        "'value': 120000, 'qualifier': 'approx', 'kind': 'projection', 'credibility': 3, 'observed': {'from': '2021-11-15', 'to': '2021-12-15'}, 'reported': '2021-11-15'"),
	    CLAIM(
	        "p2", "a", "RU", "border",
	        "'value': 300000, 'kind': 'projection', 'observed': {'from': '2022-01', 'to': '2022-03'}, 'reported': '2021-11-20'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;

	/* Off: p1, p2 are projections (rule 5 comes before rule 6 for p2);
	 * only p0 (D,2 = 0.32) -> 100000. */
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 100000, 100000, 100000, 1, 1, 0, 0);
	EXPECT_STATUS(e, "p1", FT_STATUS_PROJECTION);
	EXPECT_STATUS(e, "p2", FT_STATUS_PROJECTION);
	EXPECT_WEIGHT(e, "p0", 0.32);
	ft_estimate_clear(&e);

	/* On: p2's observed span begins 2022-01-01, after T.end ->
	 * not-yet-observed. p1 begins 11-15, ends 12-15 (after T: age 0);
	 * B,3 = 0.48; about 120000 -> 108000-132000. Entries: 100000 (0.32)
	 * twice, 108000 (0.48), 132000 (0.48); W = 0.8; running 0.32, 0.64,
	 * 1.12 >= 0.8 at 108000 -> best 108000 (changed: the old rule voted
	 * the central 120000). Both current (0.32 >= 0.24): low 100000, high
	 * 132000. [100000] vs [108000, 132000] disjoint -> contested. */
	o.include_projections = 1;
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 108000, 100000, 132000, 2, 2, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	EXPECT_STATUS(e, "p0", FT_STATUS_COUNTED);
	EXPECT_STATUS(e, "p1", FT_STATUS_COUNTED);
	EXPECT_STATUS(e, "p2", FT_STATUS_NOT_YET_OBSERVED);
	EXPECT_WEIGHT(e, "p1", 0.48);
	EXPECT_STANCE(e, "p1", FT_STANCE_THIRD_PARTY);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_not_yet_observed(void)
{
	ft_dataset *ds = world(CLAIM("ny", "a", "RU", "border", "'value': 100000, 'reported': '2021-12-05'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate e = FT_ESTIMATE_INIT;

	/* No observed: the span of reported, 2021-12-05. Without K the claim
	 * is known. At T = 12-01 and 12-04 it begins after T.end. */
	static const char *const early[] = {"2021-12-01", "2021-12-04"};
	for (size_t i = 0; i < G_N_ELEMENTS(early); i++) {
		ft_estimate_options o = opts(early[i], NULL);
		run(ds, "RU", "border", NULL, &o, &e);
		EXPECT(e, 0, 0, 0, 0, 0, 0, 0, 0);
		CHECK_U64(ft_estimate_contribution_count(&e), 1);
		EXPECT_STATUS(e, "ny", FT_STATUS_NOT_YET_OBSERVED);
		ft_estimate_clear(&e);
	}
	/* T = 12-05, or the month 2021-12 (T.end = 12-31T23:59:59.999999): it
	 * counts. Age = max(0, T.start - 12-06T00:00) = 0 -> A,6 = 0.5. */
	static const char *const late[] = {"2021-12-05", "2021-12"};
	for (size_t i = 0; i < G_N_ELEMENTS(late); i++) {
		ft_estimate_options o = opts(late[i], NULL);
		run(ds, "RU", "border", NULL, &o, &e);
		EXPECT(e, 1, 100000, 100000, 100000, 1, 1, 0, 0);
		EXPECT_STATUS(e, "ny", FT_STATUS_COUNTED);
		EXPECT_WEIGHT(e, "ny", 0.5);
		ft_estimate_clear(&e);
	}
	ft_dataset_free(ds);
}

static void test_staleness(void)
{
	ft_dataset *ds = world(
	    CLAIM("old", "a", "RU", "border",
	          "'value': 100000, 'credibility': 1, 'observed': '2021-09-01', 'reported': '2021-11-01'"),
	    CLAIM("edge", "b", "RU", "border",
	          "'value': 110000, 'credibility': 1, 'observed': '2021-09-02', 'reported': '2021-11-01'"),
	    CLAIM("oct31", "c", "RU", "border",
	          "'value': 120000, 'credibility': 1, 'observed': '2021-10-31', 'reported': '2021-11-01'"),
	    CLAIM("nov1", "d", "RU", "border",
	          "'value': 130000, 'credibility': 1, 'observed': '2021-11-01', 'reported': '2021-11-01'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate e = FT_ESTIMATE_INIT;
	/* Ages at T.start 12-01 (from observed.end + 1 us = the next day):
	 * old 90 days, edge 89, oct31 30, nov1 29. Changed, half-life 14:
	 * old 1.0 x 0.5^(90/14) = 0.011609; edge 0.8 x 0.5^(89/14) = 0.009759;
	 * oct31 0.6 x 0.5^(30/14) = 0.135859; nov1 0.4 x 0.5^(29/14) =
	 * 0.095170. */
	const double w_old = pow(0.5, 90.0 / 14.0), w_edge = 0.8 * pow(0.5, 89.0 / 14.0),
	             w_oct31 = 0.6 * pow(0.5, 30.0 / 14.0), w_nov1 = 0.4 * pow(0.5, 29.0 / 14.0);

	/* Default 90 days: stale when observed.end < 12-01 - 90 d = 09-02T00:00.
	 * old ends 09-01T23:59:59.999999 -> stale; edge ends 09-02T23:59 -> not.
	 * Entries 110000 (0.009759) twice, 120000 (0.135859) twice, 130000
	 * (0.095170) twice; W = 0.240788; running 0.009759, 0.019518,
	 * 0.155376, 0.291235 >= W at the second 120000 -> best 120000. The
	 * heaviest is oct31 (0.135859): current at 0.067929 or more, oct31 and
	 * nov1, not edge. Changed: low 120000 (the stale-weight edge no longer
	 * sets 110000), high 130000; one pair (oct31, nov1), not three. */
	ft_estimate_options o = opts("2021-12-01", NULL);
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 120000, 120000, 130000, 3, 3, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	EXPECT_PAIR(e, "oct31", "nov1");
	EXPECT_STATUS(e, "old", FT_STATUS_STALE);
	EXPECT_STATUS(e, "edge", FT_STATUS_COUNTED);
	EXPECT_CURRENT(e, "edge", 0);
	EXPECT_WEIGHT(e, "edge", w_edge);
	EXPECT_WEIGHT(e, "oct31", w_oct31);
	EXPECT_WEIGHT(e, "nov1", w_nov1);
	ft_estimate_clear(&e);

	/* 30 days: stale when observed.end < 11-01T00:00: old, edge, oct31
	 * (ends 10-31T23:59:59.999999); nov1 counts alone -> 130000. */
	o.staleness_days = 30;
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 130000, 130000, 130000, 1, 1, 0, 0);
	EXPECT_STATUS(e, "edge", FT_STATUS_STALE);
	EXPECT_STATUS(e, "oct31", FT_STATUS_STALE);
	EXPECT_STATUS(e, "nov1", FT_STATUS_COUNTED);
	ft_estimate_clear(&e);

	/* < 0: no horizon. All four: entries 100000 (0.011609) twice, 110000
	 * (0.009759) twice, 120000 (0.135859) twice, 130000 (0.095170) twice;
	 * W = 0.252397; running 0.011609, 0.023219, 0.032977, 0.042736,
	 * 0.178595, 0.314453 >= W at the second 120000. Current as above
	 * (old's 0.011609 < 0.067929): low 120000, high 130000; one pair (was
	 * six). */
	o.staleness_days = -1;
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 120000, 120000, 130000, 4, 4, 1, 1);
	EXPECT_STATUS(e, "old", FT_STATUS_COUNTED);
	EXPECT_CURRENT(e, "old", 0);
	EXPECT_WEIGHT(e, "old", w_old);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_age_decay(void)
{
	ft_dataset *ds = world(
	    CLAIM("ag1", "a", "RU", "crimea",
	          "'value': 1000, 'credibility': 1, 'observed': '2021-12-01', " REP),
	    CLAIM("ag2", "a", "RU", "north",
	          "'value': 1000, 'credibility': 1, 'observed': '2021-11', 'reported': '2021-11-30'"),
	    CLAIM(
	        "ag3", "a", "UA", "donbas",
	        "'value': 1000, 'credibility': 1, 'observed': {'from': '2021-11-01'}, 'reported': '2021-11-01'"),
	    CLAIM(
	        "ag4", "b", "UA", "UA",
	        "'value': 1000, 'credibility': 2, 'observed': '2021-12-09T12:00Z', 'reported': '2021-12-09'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-10", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;

	/* ag1: observed 12-01 (day): end + 1 us = 12-02T00:00, age = 12-10 -
	 * 12-02 = 8 days -> changed, half-life 14: D = 0.5^(8/14) = 0.6730,
	 * the document's own example (section 4, which now says age 8); A,1
	 * -> 0.6730. ag2: observed the month 2021-11, end + 1 us = 12-01 ->
	 * age 9 -> 0.5^(9/14) = 0.6404. */
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT_WEIGHT(e, "ag1", pow(0.5, 8.0 / 14.0));
	EXPECT_WEIGHT(e, "ag2", pow(0.5, 9.0 / 14.0));
	EXPECT_STATUS(e, "ag1", FT_STATUS_COUNTED);
	EXPECT_STATUS(e, "ag2", FT_STATUS_COUNTED);
	ft_estimate_clear(&e);

	/* ag3: open end (INT64_MAX): age = max(0, negative) = 0 -> 1.0, never
	 * stale. ag4: observed the minute 12-09T12:00Z, end + 1 us = 12:01:00;
	 * age = 11 h 59 min = 719/1440 day -> 0.64 x 0.5^((719/1440)/14) =
	 * 0.62437. */
	run(ds, "UA", "UA", NULL, &o, &e);
	EXPECT_WEIGHT(e, "ag3", 1.0);
	EXPECT_WEIGHT(e, "ag4", 0.64 * pow(0.5, (719.0 / 1440.0) / 14.0));
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_not_yet_reported_month(void)
{
	ft_dataset *ds = world(
	    CLAIM("m1", "c", "RU", "border",
	          "'value': 100000, 'credibility': 2, 'observed': '2021-12-14', 'reported': '2021-12'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate e = FT_ESTIMATE_INIT;

	/* Reported 2021-12 ends 12-31T23:59:59.999999. Not known by K =
	 * 12-15, nor by 12-31T23:58Z (ends 23:58:59.999999): every claim is
	 * excluded, but listed. */
	static const char *const unknown[] = {"2021-12-15", "2021-12-01", "2021-12-31T23:58Z"};
	for (size_t i = 0; i < G_N_ELEMENTS(unknown); i++) {
		ft_estimate_options o = opts("2021-12-15", unknown[i]);
		run(ds, "RU", "border", NULL, &o, &e);
		EXPECT(e, 0, 0, 0, 0, 0, 0, 0, 0);
		CHECK_U64(ft_estimate_contribution_count(&e), 1);
		EXPECT_STATUS(e, "m1", FT_STATUS_NOT_YET_REPORTED);
		ft_estimate_clear(&e);
	}
	/* Known by K = 2021-12 (same end), 12-31 and 12-31T23:59Z (both end at
	 * 12-31T23:59:59.999999). Observed 12-14: age = 12-15 - 12-15 = 0 ->
	 * C,2 = 0.48. */
	static const char *const known[] = {"2021-12", "2021-12-31", "2021-12-31T23:59Z", "2022"};
	for (size_t i = 0; i < G_N_ELEMENTS(known); i++) {
		ft_estimate_options o = opts("2021-12-15", known[i]);
		run(ds, "RU", "border", NULL, &o, &e);
		EXPECT(e, 1, 100000, 100000, 100000, 1, 1, 0, 0);
		EXPECT_STATUS(e, "m1", FT_STATUS_COUNTED);
		EXPECT_WEIGHT(e, "m1", 0.48);
		ft_estimate_clear(&e);
	}
	ft_dataset_free(ds);
}

static void test_status_order(void)
{
	ft_dataset *ds = world(
	    CLAIM("o1", "a", "RU", "border",
	          "'value': 80000, 'reported': '2021-12-05', 'retracted': '2021-12-06'"),
	    CLAIM("o2", "b", "RU", "border",
	          "'value': 70000, 'reported': '2021-11-20', 'retracted': '2021-11-25'"),
	    CLAIM(
	        "o3", "b", "RU", "border",
	        "'value': 100000, 'observed': '2021-11-30', 'reported': '2021-11-22', 'supersedes': ['o2']"),
	    CLAIM("o4", "c", "RU", "border", "'kind': 'denial', 'reported': '2021-11-21'"),
	    CLAIM("o5", "c", "RU", "border",
	          "'kind': 'denial', 'reported': '2021-11-23', 'supersedes': ['o4']"),
	    CLAIM(
	        "o6", "d", "RU", "border",
	        "'value': 200000, 'qualifier': 'at-most', 'kind': 'projection', 'observed': {'from': '2022-01'}, 'reported': '2021-11-25'"),
	    CLAIM("o7", "e", "RU", "border",
	          "'value': 5000, 'observed': '2021-08-01', 'reported': '2021-11-01'"),
	    CLAIM("o8", "f", "RU", "border",
	          "'value': 60000, 'observed': '2021-12-02', 'reported': '2021-11-29'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", "2021-12-04");
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* The first rule that applies:
	 * o1 reported 12-05 > K (1), though also retracted later;
	 * o2 retracted 11-25, known (2), though o3 also supersedes it;
	 * o4 superseded by o5 (3), though a denial; o5 a denial (4);
	 * o6 a projection (5), though its span also begins after T;
	 * o7 ends 08-01 < 09-02: stale (7); o8 begins 12-02 > T.end (6).
	 * Only o3 counts: B,6 = 0.4, observed 11-30 -> age 0. */
	EXPECT(e, 1, 100000, 100000, 100000, 1, 1, 0, 0);
	CHECK_U64(ft_estimate_contribution_count(&e), 8);
	EXPECT_STATUS(e, "o1", FT_STATUS_NOT_YET_REPORTED);
	EXPECT_STATUS(e, "o2", FT_STATUS_RETRACTED);
	EXPECT_STATUS(e, "o3", FT_STATUS_COUNTED);
	EXPECT_STATUS(e, "o4", FT_STATUS_SUPERSEDED);
	EXPECT_STATUS(e, "o5", FT_STATUS_DENIAL);
	EXPECT_STATUS(e, "o6", FT_STATUS_PROJECTION);
	EXPECT_STATUS(e, "o7", FT_STATUS_STALE);
	EXPECT_STATUS(e, "o8", FT_STATUS_NOT_YET_OBSERVED);
	EXPECT_WEIGHT(e, "o3", 0.4);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* ------------------------------------------------------------------ */
/* Credibility, disagreement, stance (section 6)                        */
/* ------------------------------------------------------------------ */

static void test_low_high_from_credible(void)
{
	ft_dataset *ds =
	    world(CLAIM("x1", "d", "UA", "donbas", "'value': 100000, 'credibility': 4, " REP),
	          CLAIM("x3", "e", "UA", "donbas", "'value': 300000, 'credibility': 1, " REP),
	          CLAIM("x4", "a", "UA", "donbas", "'value': 250000, 'credibility': 5, " REP),
	          CLAIM("x5", "dpr-spox", "UA", "donbas", "'value': 10000, 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "UA", "donbas", NULL, &o, &e);
	/* Credible: x1 only (x3 source E; x4 credibility 5; x5 E inherited
	 * from dpr-hq). Changed: best is placed by the credible set only
	 * (section 6, "the sum over the credible set"), no longer by every
	 * counted claim (which gave 250000): entries 100000 (0.16) twice, W =
	 * 0.16 reached at the first with a next entry: 100000. x1 is current
	 * and states 100000: low = high = 100000 (not 300000, not 10000). The
	 * set did not fall back: credible. The claims outside it are not
	 * current and cannot disagree: not contested. */
	EXPECT(e, 1, 100000, 100000, 100000, 4, 4, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	EXPECT_CREDIBLE(e, "x1", 1);
	EXPECT_CREDIBLE(e, "x3", 0);
	EXPECT_CREDIBLE(e, "x4", 0);
	EXPECT_CREDIBLE(e, "x5", 0);
	EXPECT_CURRENT(e, "x1", 1);
	EXPECT_CURRENT(e, "x3", 0);
	EXPECT_CURRENT(e, "x4", 0);
	EXPECT_WEIGHT(e, "x1", 0.16);
	EXPECT_WEIGHT(e, "x3", 0.2);
	EXPECT_WEIGHT(e, "x4", 0.2);
	EXPECT_WEIGHT(e, "x5", 0.2);
	EXPECT_STATUS(e, "x3", FT_STATUS_COUNTED);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_no_credible_fallback(void)
{
	ft_dataset *ds = world(CLAIM("y1", "e", "UA", "donbas",
	                             "'value': 90000, 'qualifier': 'at-least', 'credibility': 1, " REP),
	                       CLAIM("y2", "a", "UA", "donbas", "'value': 80000, 'credibility': 5, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "UA", "donbas", NULL, &o, &e);
	/* No credible claim: the credible set is all counted claims, and the
	 * figure is not credible (new flag). y1 E,1 = 0.2, y2 A,5 = 0.2.
	 * Entries: 80000 (0.2) twice, 90000 (0.2), open above (0.2); W = 0.4;
	 * running 0.2, 0.4 = W at the second 80000, next 90000: (80000 + 90000
	 * + 1) / 2 = 85000 (changed: the old clamp to the "at least" gave
	 * 90000). Both current (equal weights): figures 80000, 90000; y2
	 * states a high: not open above. Changed: disagreement is judged among
	 * the current claims, credible or not: [80000, 80000] and [90000, open
	 * above] do not overlap, voices e and a: contested, one pair of 0.2 x
	 * 0.2 = 0.04 (the old rule needed two credible claims). */
	EXPECT(e, 1, 85000, 80000, 90000, 2, 2, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 1, 1);
	EXPECT_DISAGREEMENT(e, 0, "y1", "y2", 0.04, 0, 1);
	EXPECT_CURRENT(e, "y1", 1);
	EXPECT_CURRENT(e, "y2", 1);
	CU_ASSERT_TRUE_FATAL(ft_estimate_part_count(&e) >= 1);
	EXPECT_PART_FLAGS(ft_estimate_part_at(&e, 0), 0, 0, 1, 0, 0, 1);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_contested_ranges(void)
{
	ft_dataset *ds =
	    world(CLAIM("ca1", "a", "RU", "border", "'low': 80000, 'high': 90000, 'credibility': 2, " REP),
	          CLAIM("ca2", "b", "RU", "border", "'low': 100000, 'high': 120000, 'credibility': 2, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* Changed (ranges vote through their ends, no bounds-only midpoint):
	 * ca1 A,2 = 0.8, ca2 B,2 = 0.64. Entries: 80000 (0.8), 90000 (0.8),
	 * 100000 (0.64), 120000 (0.64); W = 1.44; running 0.8, 1.6 >= 1.44 at
	 * 90000 -> best 90000 (the old midpoint of the largest low and the
	 * smallest high gave 95000). Both current: low 80000, high 120000.
	 * [80000, 90000] and [100000, 120000] do not overlap: contested, the
	 * pair listed, 0.8 x 0.64 = 0.512. */
	EXPECT(e, 1, 90000, 80000, 120000, 2, 2, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	EXPECT_PAIR(e, "ca1", "ca2");
	EXPECT_DISAGREEMENT(e, 0, "ca1", "ca2", 0.512, 0, 1);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_not_contested(void)
{
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;

	/* Overlapping at one figure: [80000,100000] (A,2 0.8) and
	 * [100000,120000] (B,2 0.64). Entries 80000 (0.8), 100000 (0.8),
	 * 100000 (0.64), 120000 (0.64); W = 1.44; running 0.8, then 1.44 or
	 * 1.6 at the 100000s -> best 100000 either way; low 80000, high
	 * 120000. */
	ft_dataset *ds =
	    world(CLAIM("a1", "a", "RU", "border", "'low': 80000, 'high': 100000, 'credibility': 2, " REP),
	          CLAIM("a2", "b", "RU", "border", "'low': 100000, 'high': 120000, 'credibility': 2, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 100000, 80000, 120000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);

	/* One voice: ua-gov and ua-mod (root ua-gov) at one node; ua-mod's is
	 * observed later and wins, ua-gov's is same-voice, so the disjoint
	 * ranges never meet. 100000-120000 alone: (100000 + 120000 + 1) / 2 =
	 * 110000. */
	ds = world(CLAIM("b1", "ua-gov", "RU", "border",
	                 "'low': 80000, 'high': 90000, 'credibility': 2, 'observed': '2021-11-30', " REP),
	           CLAIM("b2", "ua-mod", "RU", "border",
	                 "'low': 100000, 'high': 120000, 'credibility': 2, 'observed': '2021-12-01', " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 110000, 100000, 120000, 1, 1, 0, 0);
	EXPECT_STATUS(e, "b1", FT_STATUS_SAME_VOICE);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);

	/* One not credible (source E, then credibility 5): both counted, the
	 * credible set is {c1}: (80000 + 90000 + 1) / 2 = 85000; low 80000,
	 * high 90000; c2 is outside the credible set, so not current: no
	 * pair. */
	static const char *const others[] = {
	    CLAIM("c2", "e", "RU", "border", "'low': 100000, 'high': 120000, 'credibility': 2, " REP),
	    CLAIM("c2", "b", "RU", "border", "'low': 100000, 'high': 120000, 'credibility': 5, " REP),
	};
	for (size_t i = 0; i < G_N_ELEMENTS(others); i++) {
		ds = world(
		    CLAIM("c1", "a", "RU", "border", "'low': 80000, 'high': 90000, 'credibility': 2, " REP),
		    others[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
		run(ds, "RU", "border", NULL, &o, &e);
		EXPECT(e, 1, 85000, 80000, 90000, 2, 2, 0, 0);
		EXPECT_FLAGS(e, 0, 0, 0, 0);
		EXPECT_CREDIBLE(e, "c2", 0);
		EXPECT_CURRENT(e, "c2", 0);
		ft_estimate_clear(&e);
		ft_dataset_free(ds);
	}
}

static void test_contested_one_sided(void)
{
	ft_dataset *ds = world(CLAIM("l1", "a", "RU", "border",
	                             "'value': 100000, 'qualifier': 'at-least', 'credibility': 2, " REP),
	                       CLAIM("l2", "b", "RU", "border",
	                             "'value': 90000, 'qualifier': 'at-most', 'credibility': 2, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* [100000, open above] and [open below, 90000] do not overlap:
	 * contested. l1 A,2 = 0.8, l2 B,2 = 0.64. Entries: open below (0.64),
	 * 90000 (0.64), 100000 (0.8), open above (0.8); W = 1.44; running
	 * 0.64, 1.28, 2.08 >= 1.44 at 100000 -> best 100000 (changed: the old
	 * bounds-only midpoint gave 95000). Both current: figures 90000 and
	 * 100000, low 90000, high 100000 (was 95000-95000); l1 states a low
	 * and l2 a high: not open. */
	EXPECT(e, 1, 100000, 90000, 100000, 2, 2, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	EXPECT_PAIR(e, "l1", "l2");
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_stance(void)
{
	ft_dataset *ds = world(CLAIM("st1", "ua-gov", "RU", "border", "'value': 100000, " REP),
	                       CLAIM("st2", "ru-spox", "RU", "border", "'value': 50000, " REP),
	                       CLAIM("st3", "dpr-hq", "RU", "crimea", "'value': 30000, " REP),
	                       CLAIM("st4", "us-gov", "RU", "border", "'value': 90000, " REP),
	                       CLAIM("st5", "ua-anon", "DPR", "crimea", "'value': 20000, " REP),
	                       CLAIM("st6", "a", "RU", "north", "'value': 10000, " REP),
	                       CLAIM("st7", "by-gov", "RU", "north", "'value': 12000, " REP),
	                       CLAIM("st8", "ru-gov", "DPR", "north", "'value': 5000, " REP),
	                       CLAIM("su1", "ru-gov", "UA", "donbas", "'value': 125000, " REP),
	                       CLAIM("su2", "dpr-spox", "UA", "donbas", "'value': 150000, " REP),
	                       CLAIM("su3", "ua-mod", "UA", "donbas", "'value': 60000, " REP),
	                       CLAIM("su4", "us-gov", "UA", "UA", "'value': 70000, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;

	run(ds, "RU", "border", NULL, &o, &e);
	CHECK_U64(ft_estimate_contribution_count(&e), 8);
	/* st1: UA about RU; RU declares it opposes UA (the other side). */
	EXPECT_STANCE(e, "st1", FT_STANCE_ADVERSARY);
	/* st2: ru-spox's actor RU is the subject. */
	EXPECT_STANCE(e, "st2", FT_STANCE_OWN_SIDE);
	/* st3: DPR about RU: DPR lies under RU. */
	EXPECT_STANCE(e, "st3", FT_STANCE_OWN_SIDE);
	/* st4: US about RU: no relation. */
	EXPECT_STANCE(e, "st4", FT_STANCE_THIRD_PARTY);
	/* st5: ua-anon has no actor -> ua-gov's UA; about DPR, under RU which
	 * opposes UA: adversary (child actors inherit). */
	EXPECT_STANCE(e, "st5", FT_STANCE_ADVERSARY);
	/* st6: no actor anywhere in a's chain; st7: BY, no relation. */
	EXPECT_STANCE(e, "st6", FT_STANCE_THIRD_PARTY);
	EXPECT_STANCE(e, "st7", FT_STANCE_THIRD_PARTY);
	/* st8: RU about DPR: DPR lies under RU. */
	EXPECT_STANCE(e, "st8", FT_STANCE_OWN_SIDE);
	for (size_t i = 0; i < ft_estimate_contribution_count(&e); i++)
		CU_ASSERT_EQUAL(ft_estimate_contribution_at(&e, i)->status, FT_STATUS_COUNTED);
	ft_estimate_clear(&e);

	run(ds, "UA", "UA", NULL, &o, &e);
	CHECK_U64(ft_estimate_contribution_count(&e), 4);
	/* su1: RU about UA, declared on the source's side. */
	EXPECT_STANCE(e, "su1", FT_STANCE_ADVERSARY);
	/* su2: dpr-spox -> dpr-hq's DPR, under RU, which opposes UA. */
	EXPECT_STANCE(e, "su2", FT_STANCE_ADVERSARY);
	EXPECT_STANCE(e, "su3", FT_STANCE_OWN_SIDE);
	EXPECT_STANCE(e, "su4", FT_STANCE_THIRD_PARTY);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* ------------------------------------------------------------------ */
/* Roll-ups (section 7)                                                 */
/* ------------------------------------------------------------------ */

static void test_rollup_region_parts_exceed_own(void)
{
	ft_dataset *ds = world(
	    CLAIM("own", "a", "RU", "border",
	          "'value': 100000, 'qualifier': 'approx', 'credibility': 1, " REP),
	    CLAIM("cr", "b", "RU", "crimea",
	          "'low': 60000, 'high': 80000, 'value': 70000, 'credibility': 1, " REP),
	    CLAIM("no", "b", "RU", "north", "'value': 60000, 'qualifier': 'approx', 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* own (RU, border): about 100000 -> 90000-110000, best (90000 +
	 * 110000 + 1) / 2 = 100000. (RU, crimea): the range 60000-80000 (its
	 * value 70000 is no entry), best (60000 + 80000 + 1) / 2 = 70000.
	 * (RU, north): about 60000 -> 54000-66000, best 60000. Region parts: best 130000, low 114000, high
	 * 146000. No actor parts (no claim about DPR or LPR). Total: best max(100000, 130000) = 130000; low
	 * max(90000, 114000) = 114000; high max(110000, 146000) = 146000. Own high 110000 < region parts' low
	 * 114000 -> inconsistent. Claims 3; voices a and b (b's two claims are at different nodes, so both
	 * count) = 2. One claim per node: not contested. */
	EXPECT(e, 1, 130000, 114000, 146000, 3, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	CHECK_FLAG(e.inconsistent, 1);
	EXPECT_STATUS(e, "cr", FT_STATUS_COUNTED);
	EXPECT_STATUS(e, "no", FT_STATUS_COUNTED);
	CU_ASSERT_TRUE_FATAL(ft_estimate_part_count(&e) >= 3);
	CU_ASSERT_PTR_EQUAL(ft_estimate_part_at(&e, 0)->actor, ft_dataset_find_actor(ds, "RU"));
	CU_ASSERT_PTR_EQUAL(ft_estimate_part_at(&e, 0)->region, ft_dataset_find_region(ds, "border"));
	EXPECT_PART(ft_estimate_part_at(&e, 0), 1, 100000, 90000, 110000, 130000, 114000, 146000, 1);
	EXPECT_PART_FLAGS(ft_estimate_part_at(&e, 0), 0, 0, 0, 0, 0, 0);
	const ft_estimate_part *p = find_part(&e, "RU", "crimea");
	EXPECT_PART(p, 1, 70000, 60000, 80000, 70000, 60000, 80000, 0);
	p = find_part(&e, "RU", "north");
	EXPECT_PART(p, 1, 60000, 54000, 66000, 60000, 54000, 66000, 0);
	ft_estimate_clear(&e);

	/* rollup = 0: only claims about exactly (RU, border): own alone. */
	o.no_rollup = 1;
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 100000, 90000, 110000, 1, 1, 0, 0);
	CHECK_U64(ft_estimate_contribution_count(&e), 1);
	CHECK_FLAG(e.inconsistent, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_rollup_own_exceeds_parts(void)
{
	ft_dataset *ds =
	    world(CLAIM("own", "a", "RU", "border",
	                "'low': 150000, 'high': 250000, 'value': 200000, 'credibility': 1, " REP),
	          CLAIM("cr", "b", "RU", "crimea", "'value': 70000, 'qualifier': 'approx', " REP),
	          CLAIM("no", "c", "RU", "north", "'value': 60000, 'qualifier': 'approx', " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* Parts: about 70000 (63000-77000) + about 60000 (54000-66000) =
	 * 130000, 117000-143000. Own: the range 150000-250000 votes through
	 * its ends, (150000 + 250000 + 1) / 2 = 200000 (its value 200000 is no
	 * entry). Total: best
	 * max(200000, 130000) = 200000; low max(150000, 117000) = 150000; high
	 * max(250000, 143000) = 250000. Own high 250000 >= parts' low 117000:
	 * consistent. */
	EXPECT(e, 1, 200000, 150000, 250000, 3, 3, 0, 0);
	CHECK_FLAG(e.inconsistent, 0);
	CU_ASSERT_TRUE_FATAL(ft_estimate_part_count(&e) >= 1);
	EXPECT_PART(ft_estimate_part_at(&e, 0), 1, 200000, 150000, 250000, 200000, 150000, 250000, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_rollup_child_actors(void)
{
	ft_dataset *ds =
	    world(CLAIM("ru", "a", "RU", "donbas", "'value': 50000, 'qualifier': 'approx', " REP),
	          CLAIM("dpr", "b", "DPR", "donbas", "'value': 30000, " REP),
	          CLAIM("lpr", "c", "LPR", "donbas", "'value': 25000, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "donbas", NULL, &o, &e);
	/* Own (RU, donbas): about 50000 -> 45000-55000. Actor parts: (DPR,
	 * donbas) 30000 + (LPR, donbas) 25000 = 55000 (low 55000, high 55000).
	 * Total: best max(50000, 55000) = 55000; low max(45000, 55000) =
	 * 55000; high max(55000, 55000) = 55000. Own high 55000 is not below
	 * the parts' low 55000: consistent. */
	EXPECT(e, 1, 55000, 55000, 55000, 3, 3, 0, 0);
	CHECK_FLAG(e.inconsistent, 0);
	CU_ASSERT_TRUE_FATAL(ft_estimate_part_count(&e) >= 3);
	EXPECT_PART(ft_estimate_part_at(&e, 0), 1, 50000, 45000, 55000, 55000, 55000, 55000, 0);
	EXPECT_PART(find_part(&e, "DPR", "donbas"), 1, 30000, 30000, 30000, 30000, 30000, 30000, 0);
	ft_estimate_clear(&e);

	/* Region UA (donbas's parent), no claim at UA itself: (RU, UA) gets
	 * region parts from (RU, donbas) = 55000 and actor parts from (DPR,
	 * UA) 30000 + (LPR, UA) 25000 = 55000: the largest, 55000, not the sum
	 * of both (110000). */
	run(ds, "RU", "UA", NULL, &o, &e);
	EXPECT(e, 1, 55000, 55000, 55000, 3, 3, 0, 0);
	ft_estimate_clear(&e);

	/* The child alone: DPR has no children; 30000. */
	run(ds, "DPR", "donbas", NULL, &o, &e);
	EXPECT(e, 1, 30000, 30000, 30000, 1, 1, 0, 0);
	CHECK_U64(ft_estimate_contribution_count(&e), 1);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_rollup_no_double_count(void)
{
	ft_dataset *ds = world(CLAIM("dc", "b", "DPR", "crimea", "'value': 20000, " REP),
	                       CLAIM("rn", "c", "RU", "north", "'value': 40000, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* Bottom up: (DPR, crimea) 20000. (DPR, border): region parts 20000.
	 * (RU, crimea): actor parts (DPR, crimea) 20000. (RU, north): own
	 * 40000. (RU, border): region parts (RU, crimea) 20000 + (RU, north)
	 * 40000 = 60000; actor parts (DPR, border) 20000; total = max(60000,
	 * 20000) = 60000, not 80000: dc counted once. Claims 2, voices 2. */
	EXPECT(e, 1, 60000, 60000, 60000, 2, 2, 0, 0);
	CHECK_U64(ft_estimate_contribution_count(&e), 2);
	CHECK_FLAG(e.inconsistent, 0);
	EXPECT_PART(find_part(&e, "RU", "crimea"), 0, 0, 0, 0, 20000, 20000, 20000, 0);
	EXPECT_PART(find_part(&e, "DPR", "border"), 0, 0, 0, 0, 20000, 20000, 20000, 0);
	ft_estimate_clear(&e);

	/* rollup = 0: no claim about exactly (RU, border): nothing at all. */
	o.no_rollup = 1;
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 0, 0, 0, 0, 0, 0, 0, 0);
	CHECK_U64(ft_estimate_contribution_count(&e), 0);
	ft_estimate_clear(&e);
	/* rollup = 0 at (DPR, crimea): dc alone. */
	run(ds, "DPR", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 20000, 20000, 20000, 1, 1, 0, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_rollup_child_node_flags(void)
{
	ft_dataset *ds = world(CLAIM("rc", "a", "RU", "crimea", "'value': 10000, " REP),
	                       CLAIM("dc", "b", "DPR", "crimea", "'value': 20000, " REP),
	                       CLAIM("n1", "c", "RU", "north", "'value': 40000, " REP),
	                       CLAIM("n2", "d", "RU", "north", "'value': 60000, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* (RU, crimea): own 10000; actor parts (DPR, crimea) 20000 -> total
	 * 20000; own high 10000 < actor parts' low 20000: inconsistent.
	 * (RU, north): n1 C,6 0.3 at 40000, n2 D,6 0.2 at 60000; entries
	 * 40000 (0.3) twice, 60000 (0.2) twice; W = 0.5; running 0.3, 0.6 >=
	 * 0.5 at the second 40000 -> 40000; low 40000, high 60000; n1/n2
	 * disjoint -> a disagreement at that node.
	 * (DPR, border): region parts 20000.
	 * (RU, border): no own; region parts 20000 + 40000 = 60000, low 20000
	 * + 40000 = 60000, high 20000 + 60000 = 80000; actor parts 20000.
	 * Total 60000, 60000-80000. The node (RU, border) is consistent (no
	 * own claims) but "the estimate is inconsistent when any node is".
	 * READING: section 6 says "the estimate is contested when any pair
	 * disagrees"; with a roll-up, pairs are formed at each node, so a pair
	 * at (RU, north) makes the (RU, border) estimate contested; section 7
	 * now says so ("contested when any node has one, counts the pairs of
	 * every node"). n1 and n2 are both current (0.2 >= 0.15): one pair,
	 * 0.3 x 0.2 = 0.06. */
	EXPECT(e, 1, 60000, 60000, 80000, 4, 4, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	EXPECT_DISAGREEMENT(e, 0, "n1", "n2", 0.06, 0, 1);
	CHECK_FLAG(e.inconsistent, 1);
	EXPECT_PAIR(e, "n1", "n2");
	CU_ASSERT_TRUE_FATAL(ft_estimate_part_count(&e) >= 1);
	EXPECT_PART(ft_estimate_part_at(&e, 0), 0, 0, 0, 0, 60000, 60000, 80000, 0);
	EXPECT_PART(find_part(&e, "RU", "crimea"), 1, 10000, 10000, 10000, 20000, 20000, 20000, 1);
	EXPECT_PART(find_part(&e, "RU", "north"), 1, 40000, 40000, 60000, 40000, 40000, 60000, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* ------------------------------------------------------------------ */
/* The example dataset                                                  */
/* ------------------------------------------------------------------ */

static void test_example_no_k(void)
{
	ft_dataset *ds = example();
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "ua-border", NULL, &o, &e);
	/* Section 10 (iii)(b). Personnel candidates about RU (or DPR/LPR) in
	 * ua-border (or crimea): c-ua-94k, c-hur-92k, c-mod-94300, c-us-175k
	 * (c-ru-125k is about UA; the btg claims are another measure).
	 * c-mod-94300: no observed, reported 12-03 -> begins after T.end:
	 * not-yet-observed. c-us-175k: projection. c-ua-94k (ua-gov) and
	 * c-hur-92k (budanov -> ua-hur -> ua-mod -> ua-gov) are one voice at
	 * (RU, ua-border): c-ua-94k observed 12-01 starts later than 11-20 ->
	 * counted, c-hur-92k same-voice (so its "at least" does not apply).
	 * c-ua-94k: C 0.6 x 2 0.8 x D 1 = 0.48; about 94000 -> entries 84600
	 * and 103400; W is reached at 84600 exactly, with a next entry:
	 * (84600 + 103400 + 1) / 2 = 94000; current, 84600-103400, not open. */
	EXPECT(e, 1, 94000, 84600, 103400, 1, 1, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	CHECK_U64(ft_estimate_contribution_count(&e), 4);
	EXPECT_STATUS(e, "c-ua-94k", FT_STATUS_COUNTED);
	EXPECT_STATUS(e, "c-hur-92k", FT_STATUS_SAME_VOICE);
	EXPECT_STATUS(e, "c-mod-94300", FT_STATUS_NOT_YET_OBSERVED);
	EXPECT_STATUS(e, "c-us-175k", FT_STATUS_PROJECTION);
	EXPECT_WEIGHT(e, "c-ua-94k", 0.48);
	EXPECT_STANCE(e, "c-ua-94k", FT_STANCE_ADVERSARY);
	EXPECT_CURRENT(e, "c-ua-94k", 1);
	EXPECT_CURRENT(e, "c-hur-92k", 0);
	EXPECT_QUALIFIER(e, "c-hur-92k", FT_QUALIFIER_AT_LEAST);
	WITH_CONTRIBUTION(e, "c-hur-92k",
	                  { CU_ASSERT_PTR_EQUAL(c_->voice, ft_dataset_find_source(ds, "ua-gov")); });
	ft_estimate_clear(&e);

	/* With projections: c-us-175k's span begins 2022-01 -> not yet observed. */
	o.include_projections = 1;
	run(ds, "RU", "ua-border", NULL, &o, &e);
	EXPECT(e, 1, 94000, 84600, 103400, 1, 1, 0, 0);
	EXPECT_STATUS(e, "c-us-175k", FT_STATUS_NOT_YET_OBSERVED);
	ft_estimate_clear(&e);

	/* btg: c-us-100btg a projection; c-us-50btg observed the month 2021-12
	 * (begins 12-01, ends 12-31: age 0), B 0.8 x 2 0.8 = 0.64; about 50 ->
	 * d = floor(5 + 0.5) = 5: 45-55, best (45 + 55 + 1) / 2 = 50. */
	o.include_projections = 0;
	run(ds, "RU", "ua-border", "btg", &o, &e);
	EXPECT(e, 1, 50, 45, 55, 1, 1, 0, 0);
	CHECK_U64(ft_estimate_contribution_count(&e), 2);
	EXPECT_STATUS(e, "c-us-100btg", FT_STATUS_PROJECTION);
	EXPECT_WEIGHT(e, "c-us-50btg", 0.64);
	EXPECT_STANCE(e, "c-us-50btg", FT_STANCE_THIRD_PARTY);
	ft_estimate_clear(&e);

	/* UA in donbas: c-ru-125k (kremlin-spokesman D, credibility 4: 0.16),
	 * no observed -> reported 12-01, age 0; about 125000 -> d = 12500:
	 * 112500-137500, best (112500 + 137500 + 1) / 2 = 125000. Russia about
	 * Ukraine: adversary. */
	run(ds, "UA", "donbas", NULL, &o, &e);
	EXPECT(e, 1, 125000, 112500, 137500, 1, 1, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	EXPECT_WEIGHT(e, "c-ru-125k", 0.16);
	EXPECT_STANCE(e, "c-ru-125k", FT_STANCE_ADVERSARY);
	ft_estimate_clear(&e);

	/* Section 10 (iii)(d): UA in UA rolls up (UA, donbas): (UA, UA) has
	 * no own figure, its region parts are the total of (UA, donbas):
	 * 125000 (112500-137500), 1 claim, 1 voice. */
	run(ds, "UA", "UA", NULL, &o, &e);
	EXPECT(e, 1, 125000, 112500, 137500, 1, 1, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	CU_ASSERT_TRUE_FATAL(ft_estimate_part_count(&e) >= 2);
	EXPECT_PART(ft_estimate_part_at(&e, 0), 0, 0, 0, 0, 125000, 112500, 137500, 0);
	EXPECT_PART(find_part(&e, "UA", "donbas"), 1, 125000, 112500, 137500, 125000, 112500, 137500, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_example_known_before(void)
{
	ft_dataset *ds = example();
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", "2021-11-30");
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "ua-border", NULL, &o, &e);
	/* Section 10 (iii)(a). K = 11-30: c-ua-94k (12-01), c-mod-94300 and
	 * c-us-175k (12-03) are not yet reported; c-hur-92k (11-20) is the
	 * only known claim and is counted. budanov is graded C himself: 0.6 x
	 * 0.8 = 0.48, observed 11-20 -> age 12-01 - 11-21 = 10 days; changed,
	 * half-life 14: 0.48 x 0.5^(10/14) = 0.48 x 0.6095 = 0.2926. "More
	 * than 92,000": entries 92000 and open above; W is reached at 92000
	 * exactly and the next entry is open above: best 92000. It states a
	 * low and no high: low 92000, high 92000, open above (new): "92,000 or
	 * more". */
	EXPECT(e, 1, 92000, 92000, 92000, 1, 1, 0, 0);
	EXPECT_FLAGS(e, 0, 1, 0, 0);
	CHECK_U64(ft_estimate_contribution_count(&e), 4);
	EXPECT_STATUS(e, "c-ua-94k", FT_STATUS_NOT_YET_REPORTED);
	EXPECT_STATUS(e, "c-hur-92k", FT_STATUS_COUNTED);
	EXPECT_STATUS(e, "c-mod-94300", FT_STATUS_NOT_YET_REPORTED);
	EXPECT_STATUS(e, "c-us-175k", FT_STATUS_NOT_YET_REPORTED);
	EXPECT_WEIGHT(e, "c-hur-92k", 0.48 * pow(0.5, 10.0 / 14.0));
	EXPECT_STANCE(e, "c-hur-92k", FT_STANCE_ADVERSARY);
	EXPECT_FIGURE(e, "c-hur-92k", 0, 0, 92000, UINT64_MAX);
	EXPECT_CURRENT(e, "c-hur-92k", 1);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_example_later_with_projections(void)
{
	ft_dataset *ds = example();
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate e = FT_ESTIMATE_INIT;

	/* Section 10 (iii)(c), T = 2022-01-15 with projections. Voice ua-gov:
	 * c-mod-94300 (observed 12-03) starts latest -> counted; c-ua-94k and
	 * c-hur-92k same-voice. Its age is 01-15 - 12-04 = 42 days: 0.48 x
	 * 0.5^(42/14) = 0.48 x 0.125 = 0.06; about 94300: d = floor(9430 +
	 * 0.5) = 9430, entries 84870 and 103730. c-us-175k (us-intel ->
	 * us-gov): its span 2022-01..03 contains T: age 0, B 0.8 x 3 0.6 =
	 * 0.48; entries open below and 175000. W = 0.54. Running: open below
	 * 0.48; 84870 0.54 = W, next entry 103730: (84870 + 103730 + 1) / 2 =
	 * 94300. The heaviest is 0.48: only c-us-175k is current (0.06 <
	 * 0.24); it states no low: low 0, open below; high 175000. 2 claims, 2
	 * voices; one current claim: not contested. */
	ft_estimate_options o = opts("2022-01-15", NULL);
	o.include_projections = 1;
	run(ds, "RU", "ua-border", NULL, &o, &e);
	EXPECT(e, 1, 94300, 0, 175000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 1, 0, 0, 0);
	EXPECT_WEIGHT(e, "c-mod-94300", 0.06);
	EXPECT_WEIGHT(e, "c-us-175k", 0.48);
	EXPECT_CURRENT(e, "c-mod-94300", 0);
	EXPECT_CURRENT(e, "c-us-175k", 1);
	EXPECT_STATUS(e, "c-ua-94k", FT_STATUS_SAME_VOICE);
	EXPECT_STATUS(e, "c-hur-92k", FT_STATUS_SAME_VOICE);
	ft_estimate_clear(&e);

	/* T = 2022-02-01: T.start - 90 d = 2021-11-03, nothing is stale.
	 * c-mod-94300: age = 2022-02-01 - 2021-12-04 = 28 + 31 = 59 days ->
	 * changed, half-life 14: 0.48 x 0.5^(59/14) = 0.025859. c-us-175k
	 * still 0.48 (age 0). Entries: open below (0.48), 84870 (0.025859),
	 * 103730 (0.025859), 175000 (0.48); W = 0.505859; running 0.48, then
	 * 0.505859 = W at 84870, next 103730: (84870 + 103730 + 1) / 2 =
	 * 94300 (the "at most 175000" holds up to 175000 and does not move
	 * it). Only c-us-175k is current (0.025859 < 0.24): low 0 and open
	 * below (changed: the old rule took 84870 from the stale-weight
	 * c-mod-94300), high 175000. [84870, 103730] and [open below, 175000]
	 * overlap anyway: not contested. */
	o = opts("2022-02-01", NULL);
	o.include_projections = 1;
	run(ds, "RU", "ua-border", NULL, &o, &e);
	EXPECT(e, 1, 94300, 0, 175000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 1, 0, 0, 0);
	EXPECT_STATUS(e, "c-mod-94300", FT_STATUS_COUNTED);
	EXPECT_STATUS(e, "c-ua-94k", FT_STATUS_SAME_VOICE);
	EXPECT_STATUS(e, "c-hur-92k", FT_STATUS_SAME_VOICE);
	EXPECT_STATUS(e, "c-us-175k", FT_STATUS_COUNTED);
	EXPECT_WEIGHT(e, "c-us-175k", 0.48);
	EXPECT_WEIGHT(e, "c-mod-94300", 0.48 * pow(0.5, 59.0 / 14.0));
	EXPECT_STANCE(e, "c-us-175k", FT_STANCE_THIRD_PARTY);
	EXPECT_QUALIFIER(e, "c-us-175k", FT_QUALIFIER_AT_MOST);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* ------------------------------------------------------------------ */
/* Timelines (section 9)                                                */
/* ------------------------------------------------------------------ */

static void run_timeline(const ft_dataset *ds, const char *from, const char *to, int step,
                         const ft_timeline_options *o, ft_timeline *tl)
{
	ft_timeline_init(tl);
	ft_timeline_options with_grid = *o;
	with_grid.from = tm(from);
	with_grid.to = tm(to);
	with_grid.step_days = step;
	ft_error err;
	int rc = ft_timeline_compute(ds, ft_dataset_find_actor(ds, "RU"),
	                             ft_dataset_find_region(ds, "border"), NULL, &with_grid, tl, &err);
	if (rc != 0) {
		char line[1024];
		ft_error_format(&err, line, sizeof line);
		fprintf(stderr, "\n    ft_timeline_compute failed: %d %s\n", rc, line);
	}
	CU_ASSERT_EQUAL_FATAL(rc, 0);
}

static int alert_has_claim(const ft_alert *a, const char *id)
{
	for (size_t i = 0; i < a->n_claims; i++)
		if (a->claims[i] && strcmp(ft_claim_id(a->claims[i]), id) == 0)
			return 1;
	return 0;
}

/* Two claims of voice b: 90000 observed 10-25, then 120000 observed 11-20
 * (not yet observed before 11-20; from then on it wins the voice). */
#define BUILDUP                                                                                              \
	CLAIM("k1", "b", "RU", "border",                                                                     \
	      "'value': 90000, 'observed': '2021-10-25', 'reported': '2021-10-25'"),                         \
	    CLAIM("k2", "b", "RU", "border",                                                                 \
	          "'value': 120000, 'observed': '2021-11-20', 'reported': '2021-11-20'")

/* Point `i` of `tl` is the estimate ft_estimate_compute gives alone at its
 * date, as the point knows (K its own day, unless the options fix K or ask
 * for hindsight), in what the point keeps (estimate-same.h); says where
 * not. */
static void expect_point_is_estimate(const ft_dataset *ds, const char *actor, const char *region,
                                     const ft_timeline_options *o, const ft_timeline *tl, size_t i)
{
	char why[256];
	int same = ft_test_timeline_point_is_estimate(ds, ft_dataset_find_actor(ds, actor),
	                                              ft_dataset_find_region(ds, region), NULL, o, tl, i, why,
	                                              sizeof why);
	if (!same) {
		char at[FT_TIME_BUFSIZE] = "?";
		if (ft_timeline_point_time(tl, i))
			ft_time_format(ft_timeline_point_time(tl, i), at);
		fprintf(stderr, "\n    at %s: the timeline's point differs from ft_estimate_compute: %s", at,
		        why);
	}
	CU_ASSERT(same);
}

/* The claims of a sweep over time: k1 and k2 (BUILDUP) pass from not yet
 * observed to counted to same voice and stale; s2 supersedes s1 once
 * reported; r1 is retracted on 11-10; p1 is a projection; n1 a denial; the
 * others sit in sub-regions and child actors for the roll-up, with every
 * quantity shape, and voices that disagree. */
#define SWEEP_CLAIMS                                                                                           \
	BUILDUP,                                                                                               \
	    CLAIM(                                                                                             \
	        "s1", "c", "RU", "border",                                                                     \
	        "'value': 100000, 'qualifier': 'approx', 'observed': '2021-10-01', 'reported': '2021-10-02'"), \
	    CLAIM(                                                                                             \
	        "s2", "c", "RU", "border",                                                                     \
	        "'value': 110000, 'observed': '2021-11-05', 'reported': '2021-11-12', 'supersedes': ['s1']"),  \
	    CLAIM("r1", "d", "RU", "crimea",                                                                   \
	          "'low': 30000, 'high': 40000, 'observed': {'from': '2021-10-20', 'to': '2021-11-02'}, "      \
	          "'reported': '2021-11-03', 'retracted': '2021-11-10'"),                                      \
	    CLAIM(                                                                                             \
	        "p1", "us-gov", "RU", "border",                                                                \
	        "'value': 175000, 'qualifier': 'at-most', 'kind': 'projection', 'reported': '2021-11-15', "    \
	        "'credibility': 3"),                                                                           \
	    CLAIM("n1", "ru-spox", "RU", "border", "'kind': 'denial', 'reported': '2021-11-16'"),              \
	    CLAIM(                                                                                             \
	        "m1", "ua-spox", "RU", "north",                                                                \
	        "'value': 20000, 'qualifier': 'at-least', 'observed': '2021-11', 'reported': '2021-11-18', "   \
	        "'credibility': 2"),                                                                           \
	    CLAIM("m2", "e", "DPR", "crimea",                                                                  \
	          "'value': 15000, 'observed': '2021-11-21', 'reported': '2021-11-21', 'credibility': 5"),     \
	    CLAIM("m3", "a", "LPR", "border",                                                                  \
	          "'value': 5000, 'observed': '2021-10-28', 'reported': '2021-10-29'"),                        \
	    CLAIM("m4", "f", "RU", "border",                                                                   \
	          "'low': 150000, 'high': 160000, 'value': 155000, 'observed': '2021-11-25', "                 \
	          "'reported': '2021-11-26', 'via': ['outlet']")

/* A timeline works out what does not depend on the date once, then
 * applies each date: every point must be exactly the estimate computed on
 * its own at that date, as known on that day unless the options say
 * otherwise, under every option that changes a status, a weight, a
 * figure or what a point keeps. */
static void test_timeline_points_are_estimates(void)
{
	ft_dataset *ds = world(SWEEP_CLAIMS);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	const ft_actor *ru = ft_dataset_find_actor(ds, "RU");
	const ft_region *border = ft_dataset_find_region(ds, "border");
	for (int variant = 0; variant < 12; variant++) {
		ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
		o.from = tm("2021-09-25");
		o.to = tm("2022-01-10");
		o.step_days = 2;
		o.all_contributions = 1;
		switch (variant) {
		case 1: o.estimate.known_on = tm("2021-11-14"); break;
		case 2: o.estimate.include_projections = 1; break;
		case 3: o.estimate.staleness_days = 20; break;
		case 4: o.estimate.method = FT_METHOD_LATEST; break;
		case 5: o.estimate.no_rollup = 1; break;
		case 6: o.all_contributions = 0; break;
		case 7: o.hindsight = 1; break;
		case 8: o.keep_pairs = 1; break;
		case 9: o.estimate.half_life_days = 7; break;
		case 10:
			o.estimate.max_pairs = 1;
			o.keep_pairs = 1;
			break;
		case 11:
			o.hindsight = 1;
			o.all_contributions = 0;
			o.keep_pairs = 1;
			o.estimate.include_projections = 1;
			break;
		default: break;
		}
		ft_timeline tl = FT_TIMELINE_INIT;
		ft_error err;
		CU_ASSERT_EQUAL_FATAL(ft_timeline_compute(ds, ru, border, NULL, &o, &tl, &err), 0);
		/* 09-25 to 01-10 is 5 + 31 + 30 + 31 + 10 = 107 days: by 2
		 * days, 107 / 2 + 1 = 54 points. */
		CHECK_U64(ft_timeline_point_count(&tl), 54);
		size_t counted = 0, dropped = 0, contested = 0, listed = 0;
		for (size_t i = 0; i < ft_timeline_point_count(&tl); i++) {
			const ft_estimate *p = ft_timeline_point_at(&tl, i);
			CU_ASSERT_PTR_NOT_NULL_FATAL(p);
			contested += p->contested ? 1 : 0;
			listed += ft_estimate_disagreement_count(p);
			for (size_t k = 0; k < ft_estimate_contribution_count(p); k++)
				ft_estimate_contribution_at(p, k)->status == FT_STATUS_COUNTED ? counted++
				                                                               : dropped++;
			expect_point_is_estimate(ds, "RU", "border", &o, &tl, i);
		}
		/* The grid meets counted and dropped claims, and disagreements
		 * (k2's 120,000 or k1's 90,000 against s2's 110,000 or m4's
		 * 150,000-160,000, all current at some points), or it tests
		 * little. With latest only the claim it takes is current, so
		 * no point is contested. A point without all_contributions
		 * keeps the counted ones only; one without keep_pairs lists no
		 * pair. */
		CU_ASSERT(counted > 0);
		if (o.estimate.method == FT_METHOD_LATEST) {
			CHECK_U64(contested, 0);
		} else {
			CU_ASSERT(contested > 0);
		}
		if (o.all_contributions) {
			CU_ASSERT(dropped > 0);
		} else {
			CHECK_U64(dropped, 0);
		}
		if (o.keep_pairs && contested > 0) {
			CU_ASSERT(listed > 0);
		} else {
			CHECK_U64(listed, 0);
		}
		ft_timeline_clear(&tl);
	}
	ft_dataset_free(ds);
}

/* ------------------------------------------------------------------ */
/* The result's accessors, versions and defaults                        */
/* ------------------------------------------------------------------ */

static void test_accessors(void)
{
	/* Changed data: w2 is c's, graded C 2 (0.48; was f's F 6, 0.25, which
	 * is now under half the heaviest and would neither set the range nor
	 * disagree). */
	ft_dataset *ds = world(CLAIM("w1", "a", "RU", "border", "'value': 94000, 'credibility': 2, " REP),
	                       CLAIM("w2", "c", "RU", "border", "'value': 125000, 'credibility': 2, " REP),
	                       CLAIM("w3", "b", "RU", "crimea", "'value': 30000, 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	const ft_actor *ru = ft_dataset_find_actor(ds, "RU");
	const ft_region *border = ft_dataset_find_region(ds, "border");
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;

	/* An estimate that holds nothing, and NULL, have nothing to give. */
	CHECK_U64(ft_estimate_contribution_count(&e), 0);
	CU_ASSERT_PTR_NULL(ft_estimate_contribution_at(&e, 0));
	CU_ASSERT_PTR_NULL(ft_estimate_part_at(&e, 0));
	CU_ASSERT_PTR_NULL(ft_estimate_actor(&e));
	CU_ASSERT_PTR_NULL(ft_estimate_options_of(&e));
	CHECK_U64(ft_estimate_part_count(NULL), 0);
	CU_ASSERT_PTR_NULL(ft_estimate_disagreement_at(NULL, 0));
	CU_ASSERT_PTR_NULL(ft_estimate_measure(NULL));

	run(ds, "RU", "border", NULL, &o, &e);
	/* (RU, border): w1 A,2 = 0.8 at 94,000, w2 C,2 = 0.48 at 125,000;
	 * entries 94,000 (0.8) twice, 125,000 (0.48) twice; W = 1.28 is
	 * reached at the second 94,000 (1.6); both current (0.48 >= 0.4): low
	 * 94,000, high 125,000; disjoint: one pair, 0.8 x 0.48 = 0.384.
	 * Voices a, c, b. (RU, crimea): w3 30,000. Total:
	 * the larger of own (94,000-125,000) and region parts (30,000):
	 * 94,000 (94,000-125,000). Three contributions, one disagreement, two
	 * parts, the asked-for pair first. */
	EXPECT(e, 1, 94000, 94000, 125000, 3, 3, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	CHECK_U64(ft_estimate_contribution_count(&e), 3);
	CHECK_U64(ft_estimate_disagreement_count(&e), 1);
	CHECK_U64(ft_estimate_part_count(&e), 2);
	CU_ASSERT_PTR_NULL(ft_estimate_contribution_at(&e, 3));
	CU_ASSERT_PTR_NULL(ft_estimate_disagreement_at(&e, 1));
	CU_ASSERT_PTR_NULL(ft_estimate_part_at(&e, 2));
	CU_ASSERT_PTR_NULL(ft_estimate_contribution_at(&e, SIZE_MAX));
	/* In dataset order: w1, w2, w3. */
	static const char *const ids[] = {"w1", "w2", "w3"};
	for (size_t i = 0; i < 3; i++) {
		const ft_contribution *c = ft_estimate_contribution_at(&e, i);
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		CU_ASSERT_STRING_EQUAL(ft_claim_id(c->claim), ids[i]);
	}
	const ft_disagreement *d = ft_estimate_disagreement_at(&e, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_STRING_EQUAL(ft_claim_id(d->a), "w1");
	CU_ASSERT_STRING_EQUAL(ft_claim_id(d->b), "w2");
	CU_ASSERT_DOUBLE_EQUAL(d->weight, 0.384, 1e-9);
	CHECK_FLAG(d->disjoint, 1);
	CHECK_FLAG(d->disputes, 0);
	EXPECT_PART(ft_estimate_part_at(&e, 0), 1, 94000, 94000, 125000, 94000, 94000, 125000, 0);
	EXPECT_PART(ft_estimate_part_at(&e, 1), 1, 30000, 30000, 30000, 30000, 30000, 30000, 0);
	CU_ASSERT_PTR_EQUAL(ft_estimate_part_at(&e, 1)->region, ft_dataset_find_region(ds, "crimea"));

	/* What it was computed for: NULL measure is personnel; the options
	 * with their defaults. */
	CU_ASSERT_PTR_EQUAL(ft_estimate_actor(&e), ru);
	CU_ASSERT_PTR_EQUAL(ft_estimate_region(&e), border);
	CU_ASSERT_STRING_EQUAL(ft_estimate_measure(&e), "personnel");
	const ft_estimate_options *of = ft_estimate_options_of(&e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(of);
	CU_ASSERT_EQUAL(ft_time_compare(&of->at, &o.at), 0);
	CU_ASSERT_FALSE(ft_time_is_set(&of->known_on));
	CU_ASSERT_EQUAL(of->staleness_days, FT_STALENESS_DAYS);
	CU_ASSERT_DOUBLE_EQUAL(of->approx_tolerance, FT_APPROX_TOLERANCE, 1e-12);
	CU_ASSERT_EQUAL(of->method, FT_METHOD_WEIGHTED);
	CU_ASSERT_DOUBLE_EQUAL(of->half_life_days, FT_HALF_LIFE_DAYS, 1e-12);
	CHECK_U64(of->max_pairs, FT_MAX_PAIRS);
	ft_estimate_clear(&e);
	CHECK_U64(ft_estimate_contribution_count(&e), 0);
	CU_ASSERT_PTR_NULL(ft_estimate_options_of(&e));

	/* A timeline of the same: 11-15 to 12-01 by 7 days is 11-15, 11-22,
	 * 11-29; nothing is observed before 12-01, so no point has a value and
	 * no alert is raised. */
	ft_timeline_options to = FT_TIMELINE_OPTIONS_INIT;
	to.from = tm("2021-11-15");
	to.to = tm("2021-12-01");
	ft_timeline tl = FT_TIMELINE_INIT;
	CHECK_U64(ft_timeline_point_count(&tl), 0);
	CU_ASSERT_PTR_NULL(ft_timeline_point_at(&tl, 0));
	CU_ASSERT_PTR_NULL(ft_timeline_options_of(&tl));
	CHECK_U64(ft_timeline_alert_count(NULL), 0);
	ft_error err;
	CU_ASSERT_EQUAL_FATAL(ft_timeline_compute(ds, ru, border, "personnel", &to, &tl, &err), 0);
	CHECK_U64(ft_timeline_point_count(&tl), 3);
	CHECK_U64(ft_timeline_alert_count(&tl), 0);
	CU_ASSERT_PTR_NULL(ft_timeline_point_at(&tl, 3));
	CU_ASSERT_PTR_NULL(ft_timeline_point_time(&tl, 3));
	CU_ASSERT_PTR_NULL(ft_timeline_alert_at(&tl, 0));
	ft_time day = tm("2021-11-29");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_timeline_point_time(&tl, 2));
	CU_ASSERT_EQUAL(ft_time_compare(ft_timeline_point_time(&tl, 2), &day), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_timeline_point_at(&tl, 2));
	CHECK_FLAG(ft_timeline_point_at(&tl, 2)->has_value, 0);
	/* A point knows its own date. */
	CU_ASSERT_EQUAL(ft_time_compare(&ft_estimate_options_of(ft_timeline_point_at(&tl, 2))->at, &day), 0);
	CU_ASSERT_PTR_EQUAL(ft_timeline_actor(&tl), ru);
	CU_ASSERT_PTR_EQUAL(ft_timeline_region(&tl), border);
	CU_ASSERT_STRING_EQUAL(ft_timeline_measure(&tl), "personnel");
	const ft_timeline_options *tof = ft_timeline_options_of(&tl);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tof);
	CU_ASSERT_EQUAL(tof->step_days, 7);
	CU_ASSERT_EQUAL(tof->window_days, 30);
	CU_ASSERT_DOUBLE_EQUAL(tof->threshold, 0.10, 1e-12);
	CU_ASSERT_EQUAL(ft_time_compare(&tof->from, &to.from), 0);
	/* Neither known_on nor hindsight: as known then, and the pairs of a
	 * point counted but not kept. */
	CU_ASSERT_FALSE(ft_time_is_set(&tof->estimate.known_on));
	CU_ASSERT_EQUAL(tof->hindsight, 0);
	CU_ASSERT_EQUAL(tof->keep_pairs, 0);
	/* ... so each point is known on its own day. */
	CU_ASSERT_EQUAL(
	    ft_time_compare(&ft_estimate_options_of(ft_timeline_point_at(&tl, 2))->known_on, &day), 0);
	ft_timeline_clear(&tl);
	CHECK_U64(ft_timeline_point_count(&tl), 0);
	ft_dataset_free(ds);
}

static void test_versions(void)
{
	ft_dataset *ds = world(CLAIM("c1", "a", "RU", "border", "'value': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	const ft_actor *ru = ft_dataset_find_actor(ds, "RU");
	const ft_region *border = ft_dataset_find_region(ds, "border");
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_error err;

	/* An estimate of version 0 (not set up) or of a version this library
	 * does not know is refused and left as it was. */
	static const unsigned bad[] = {0, FT_ESTIMATE_VERSION + 1};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		ft_estimate e;
		memset(&e, 0, sizeof e);
		e.version = bad[i];
		e.best = 777;
		CU_ASSERT_EQUAL(ft_estimate_compute(ds, ru, border, NULL, &o, &e, &err), FT_EINVAL);
		CU_ASSERT_EQUAL(err.code, FT_EINVAL);
		CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "FT_ESTIMATE_INIT"));
		CU_ASSERT_EQUAL(e.best, 777);
		CU_ASSERT_PTR_NULL(e.internal);
		ft_estimate_clear(&e); /* allowed, and does nothing */
		CU_ASSERT_EQUAL(e.best, 777);
		CU_ASSERT_EQUAL(e.version, bad[i]);
	}
	/* Options of version 0 or unknown: refused; the estimate is reset. */
	static const unsigned bad_opts[] = {0, FT_ESTIMATE_OPTIONS_VERSION + 1};
	for (size_t i = 0; i < G_N_ELEMENTS(bad_opts); i++) {
		ft_estimate e = FT_ESTIMATE_INIT;
		ft_estimate_options b = o;
		b.version = bad_opts[i];
		CU_ASSERT_EQUAL(ft_estimate_compute(ds, ru, border, NULL, &b, &e, &err), FT_EINVAL);
		CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "FT_ESTIMATE_OPTIONS_INIT"));
		CHECK_FLAG(e.has_value, 0);
		ft_estimate_clear(&e);
	}
	/* The same for timelines. */
	ft_timeline_options to = FT_TIMELINE_OPTIONS_INIT;
	to.from = tm("2021-11-01");
	to.to = tm("2021-12-01");
	static const unsigned bad_tl[] = {0, FT_TIMELINE_VERSION + 1};
	for (size_t i = 0; i < G_N_ELEMENTS(bad_tl); i++) {
		ft_timeline tl = {bad_tl[i], NULL};
		CU_ASSERT_EQUAL(ft_timeline_compute(ds, ru, border, NULL, &to, &tl, &err), FT_EINVAL);
		CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "FT_TIMELINE_INIT"));
		CU_ASSERT_PTR_NULL(tl.internal);
		ft_timeline_clear(&tl);
	}
	static const unsigned bad_tl_opts[] = {0, FT_TIMELINE_OPTIONS_VERSION + 1};
	for (size_t i = 0; i < G_N_ELEMENTS(bad_tl_opts); i++) {
		ft_timeline tl = FT_TIMELINE_INIT;
		ft_timeline_options b = to;
		b.version = bad_tl_opts[i];
		CU_ASSERT_EQUAL(ft_timeline_compute(ds, ru, border, NULL, &b, &tl, &err), FT_EINVAL);
		CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "FT_TIMELINE_OPTIONS_INIT"));
		CHECK_U64(ft_timeline_point_count(&tl), 0);
		ft_timeline_clear(&tl);
	}
	/* The init functions are the macros. */
	ft_estimate_options io;
	memset(&io, 0xff, sizeof io);
	ft_estimate_options_init(&io);
	ft_estimate_options im = FT_ESTIMATE_OPTIONS_INIT;
	CU_ASSERT_EQUAL(io.version, im.version);
	CU_ASSERT_EQUAL(io.no_rollup, im.no_rollup);
	CU_ASSERT_EQUAL(io.staleness_days, im.staleness_days);
	CU_ASSERT_DOUBLE_EQUAL(io.half_life_days, 14.0, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(im.half_life_days, 14.0, 1e-12);
	CHECK_U64(io.max_pairs, 20);
	CHECK_U64(im.max_pairs, 20);
	CU_ASSERT_FALSE(ft_time_is_set(&io.at));
	ft_timeline_options tio;
	memset(&tio, 0xff, sizeof tio);
	ft_timeline_options_init(&tio);
	CU_ASSERT_EQUAL(tio.version, FT_TIMELINE_OPTIONS_VERSION);
	CU_ASSERT_EQUAL(tio.step_days, FT_TIMELINE_STEP_DAYS);
	CU_ASSERT_EQUAL(tio.estimate.version, FT_ESTIMATE_OPTIONS_VERSION);
	CU_ASSERT_EQUAL(tio.hindsight, 0);
	CU_ASSERT_EQUAL(tio.keep_pairs, 0);
	CU_ASSERT_FALSE(ft_time_is_set(&tio.estimate.known_on));
	ft_estimate ie;
	memset(&ie, 0xff, sizeof ie);
	ft_estimate_init(&ie);
	CU_ASSERT_EQUAL(ie.version, FT_ESTIMATE_VERSION);
	CU_ASSERT_PTR_NULL(ie.internal);
	CHECK_FLAG(ie.has_value, 0);
	EXPECT_FLAGS(ie, 0, 0, 0, 0);
	ft_timeline itl;
	memset(&itl, 0xff, sizeof itl);
	ft_timeline_init(&itl);
	CU_ASSERT_EQUAL(itl.version, FT_TIMELINE_VERSION);
	CU_ASSERT_PTR_NULL(itl.internal);
	ft_estimate_options_init(NULL);
	ft_timeline_options_init(NULL);
	ft_estimate_init(NULL);
	ft_timeline_init(NULL);
	ft_dataset_free(ds);
}

/* A claim whose range a tolerance of 0 would shrink, one 60 days old that
 * a horizon of 0 days would make stale, and one stale at 90 days. */
#define DEFAULTS_CLAIMS                                                                                      \
	CLAIM("z-about", "a", "RU", "border",                                                                \
	      "'value': 100000, 'qualifier': 'approx', 'observed': '2021-12-01', " REP),                     \
	    CLAIM("z-60", "b", "RU", "border", "'value': 95000, 'observed': '2021-10-01', " REP),            \
	    CLAIM("z-old", "c", "RU", "border", "'value': 50000, 'observed': '2021-08-01', " REP)

static void test_zero_is_default(void)
{
	ft_dataset *ds = world(DEFAULTS_CLAIMS);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options zero;
	memset(&zero, 0, sizeof zero);
	zero.version = FT_ESTIMATE_OPTIONS_VERSION;
	zero.at = tm("2021-12-01");
	ft_estimate_options init = opts("2021-12-01", NULL);
	ft_estimate z = FT_ESTIMATE_INIT, i = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &zero, &z);
	run(ds, "RU", "border", NULL, &init, &i);
	/* z-about: A,6 = 0.5, age 0, about 100,000: d = 10,000, 90,000-110,000.
	 * z-60: B,6 = 0.4, observed 10-01, age 12-01 - 10-02 = 60 days;
	 * changed, half-life 14: 0.4 x 0.5^(60/14) = 0.020508. z-old ends
	 * 08-01 < 12-01 - 90 d = 09-02: stale. Entries: 90,000 (0.5), 95,000
	 * (0.020508) twice, 110,000 (0.5); W = 0.520508; running 0.5, then
	 * 0.520508 = W at the first 95,000 with a next entry 95,000: best
	 * (95,000 + 95,000 + 1) / 2 = 95,000 (changed: was 100,000; z-about
	 * holds anywhere in its range, z-60 pulls to 95,000). Heaviest 0.5:
	 * z-60 is not current; low 90,000, high 110,000 from z-about; one
	 * current claim: not contested. (A tolerance of 0 would make z-about
	 * exactly 100,000 and best 100,000; a horizon of 0 days would make
	 * z-60 stale and best 100,000; a half-life of 0 days would not
	 * compute.) */
	EXPECT(z, 1, 95000, 90000, 110000, 2, 2, 0, 0);
	EXPECT_FLAGS(z, 0, 0, 0, 0);
	EXPECT_STATUS(z, "z-old", FT_STATUS_STALE);
	EXPECT_WEIGHT(z, "z-60", 0.4 * pow(0.5, 60.0 / 14.0));
	char why[256];
	int same = ft_test_same_estimate(&z, &i, why, sizeof why);
	if (!same)
		fprintf(stderr, "\n    zero-filled options and FT_ESTIMATE_OPTIONS_INIT differ: %s", why);
	CU_ASSERT(same);
	CU_ASSERT_EQUAL(ft_estimate_options_of(&z)->staleness_days, FT_STALENESS_DAYS);
	CU_ASSERT_DOUBLE_EQUAL(ft_estimate_options_of(&z)->approx_tolerance, FT_APPROX_TOLERANCE, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(ft_estimate_options_of(&z)->half_life_days, 14.0, 1e-12);
	CHECK_U64(ft_estimate_options_of(&z)->max_pairs, 20);
	ft_estimate_clear(&z);
	ft_estimate_clear(&i);

	/* Timelines: zero-filled but for version, from and to, against
	 * FT_TIMELINE_OPTIONS_INIT: the same grid (step 7), points and
	 * alerts. */
	ft_timeline_options tz;
	memset(&tz, 0, sizeof tz);
	tz.version = FT_TIMELINE_OPTIONS_VERSION;
	tz.from = tm("2021-10-01");
	tz.to = tm("2021-12-31");
	ft_timeline_options ti = FT_TIMELINE_OPTIONS_INIT;
	ti.from = tz.from;
	ti.to = tz.to;
	const ft_actor *ru = ft_dataset_find_actor(ds, "RU");
	const ft_region *border = ft_dataset_find_region(ds, "border");
	ft_timeline a = FT_TIMELINE_INIT, b = FT_TIMELINE_INIT;
	ft_error err;
	CU_ASSERT_EQUAL_FATAL(ft_timeline_compute(ds, ru, border, NULL, &tz, &a, &err), 0);
	CU_ASSERT_EQUAL_FATAL(ft_timeline_compute(ds, ru, border, NULL, &ti, &b, &err), 0);
	/* 10-01 to 12-31 by 7 days: 91 days, 91 / 7 + 1 = 14 points. */
	CHECK_U64(ft_timeline_point_count(&a), 14);
	CHECK_U64(ft_timeline_point_count(&b), 14);
	CHECK_U64(ft_timeline_alert_count(&a), ft_timeline_alert_count(&b));
	for (size_t k = 0; k < ft_timeline_point_count(&a) && k < ft_timeline_point_count(&b); k++) {
		same = ft_test_same_estimate(ft_timeline_point_at(&a, k), ft_timeline_point_at(&b, k), why,
		                             sizeof why);
		if (!same)
			fprintf(stderr, "\n    point %zu differs: %s", k, why);
		CU_ASSERT(same);
	}
	for (size_t k = 0; k < ft_timeline_alert_count(&a) && k < ft_timeline_alert_count(&b); k++) {
		CU_ASSERT_EQUAL(ft_timeline_alert_at(&a, k)->from, ft_timeline_alert_at(&b, k)->from);
		CU_ASSERT_EQUAL(ft_timeline_alert_at(&a, k)->to, ft_timeline_alert_at(&b, k)->to);
	}
	ft_timeline_clear(&a);
	ft_timeline_clear(&b);
	ft_dataset_free(ds);
}

static size_t actor_pos(const ft_dataset *ds, const ft_actor *a)
{
	size_t i = 0;
	while (i < ft_dataset_actor_count(ds) && ft_dataset_actor_at(ds, i) != a)
		i++;
	return i;
}

static size_t region_pos(const ft_dataset *ds, const ft_region *r)
{
	size_t i = 0;
	while (i < ft_dataset_region_count(ds) && ft_dataset_region_at(ds, i) != r)
		i++;
	return i;
}

/* Parts come in dataset order (estimate.h), whatever the addresses the
 * entities have in a run; disagreements the heaviest first (section 6). */
static void test_order_of_parts_and_disagreements(void)
{
	ft_dataset *ds = world(SWEEP_CLAIMS);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-11-27", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* At (RU, border) k2 120,000 (voice b; k1 is same-voice), s2 110,000
	 * (c; s1 superseded) and m4 150,000-160,000 (f) are counted, all
	 * credible. Changed, half-life 14 and current claims: k2 B,6 = 0.4,
	 * observed 11-20, age 6: 0.4 x 0.5^(6/14) = 0.29720; s2 C,6 = 0.3,
	 * observed 11-05, age 21: 0.3 x 0.5^(21/14) = 0.10607; m4 F,6 = 0.25,
	 * observed 11-25, age 1: 0.25 x 0.5^(1/14) = 0.23792. The heaviest is
	 * k2: current at 0.14860 or more, k2 and m4 but not s2. Of the three
	 * disjoint pairs of old only (k2, m4) is judged: one pair, of
	 * 0.29720 x 0.23792 = 0.070711, disjoint. */
	const double w_k2 = 0.4 * pow(0.5, 6.0 / 14.0), w_m4 = 0.25 * pow(0.5, 1.0 / 14.0);
	CHECK_U64(ft_estimate_disagreement_count(&e), 1);
	CHECK_U64(e.pairs, 1);
	EXPECT_DISAGREEMENT(e, 0, "k2", "m4", w_k2 * w_m4, 0, 1);
	EXPECT_CURRENT(e, "s2", 0);
	EXPECT_WEIGHT(e, "s2", 0.3 * pow(0.5, 21.0 / 14.0));
	/* Counted below the top: m1 at (RU, north), m2 at (DPR, crimea), m3 at
	 * (LPR, border); the nodes between them and the top are (RU, crimea)
	 * and (DPR, border). Actors in dataset order RU UA DPR LPR, regions
	 * border crimea north: after (RU, border), (RU, crimea) (RU, north)
	 * (DPR, border) (DPR, crimea) (LPR, border). */
	static const char *const nodes[][2] = {{"RU", "border"},  {"RU", "crimea"},  {"RU", "north"},
	                                       {"DPR", "border"}, {"DPR", "crimea"}, {"LPR", "border"}};
	CHECK_U64(ft_estimate_part_count(&e), 6);
	for (size_t i = 0; i < 6 && i < ft_estimate_part_count(&e); i++) {
		CU_ASSERT_STRING_EQUAL(ft_actor_id(ft_estimate_part_at(&e, i)->actor), nodes[i][0]);
		CU_ASSERT_STRING_EQUAL(ft_region_id(ft_estimate_part_at(&e, i)->region), nodes[i][1]);
	}
	/* And in general, under roll-up with projections (more nodes). */
	ft_estimate_clear(&e);
	o.include_projections = 1;
	o.staleness_days = -1;
	run(ds, "RU", "border", NULL, &o, &e);
	for (size_t i = 2; i < ft_estimate_part_count(&e); i++) {
		size_t pa = actor_pos(ds, ft_estimate_part_at(&e, i - 1)->actor),
		       a = actor_pos(ds, ft_estimate_part_at(&e, i)->actor);
		CU_ASSERT(pa < a || (pa == a && region_pos(ds, ft_estimate_part_at(&e, i - 1)->region) <
		                                    region_pos(ds, ft_estimate_part_at(&e, i)->region)));
	}
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

static void test_timeline_grid(void)
{
	ft_dataset *ds = world(BUILDUP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	ft_timeline tl = FT_TIMELINE_INIT;
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	/* 11-01, 11-08, 11-15, 11-22, 11-29 (the next, 12-06, is past 12-01). */
	static const char *const days[] = {"2021-11-01", "2021-11-08", "2021-11-15", "2021-11-22",
	                                   "2021-11-29"};
	CHECK_U64(ft_timeline_point_count(&tl), 5);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 5);
	for (size_t i = 0; i < 5; i++) {
		ft_time want = tm(days[i]);
		CU_ASSERT_EQUAL(ft_time_start(ft_timeline_point_time(&tl, i)), ft_time_start(&want));
		CU_ASSERT_EQUAL(ft_time_end(ft_timeline_point_time(&tl, i)),
		                ft_time_end(&want)); /* a whole UTC day */
	}
	/* Best at each point: k1 alone until k2 is observed (11-20), then k2
	 * wins voice b: 90000 x3, then 120000 x2. */
	static const uint64_t best[] = {90000, 90000, 90000, 120000, 120000};
	for (size_t i = 0; i < 5; i++) {
		CHECK_FLAG(ft_timeline_point_at(&tl, i)->has_value, 1);
		CHECK_U64(ft_timeline_point_at(&tl, i)->best, best[i]);
	}
	/* By default a point keeps only its counted contributions: at 11-22
	 * that is k2 alone (k1 is same-voice). */
	CHECK_U64(ft_estimate_contribution_count(ft_timeline_point_at(&tl, 3)), 1);
	EXPECT_STATUS(*ft_timeline_point_at(&tl, 3), "k2", FT_STATUS_COUNTED);
	ft_timeline_clear(&tl);
	/* With all_contributions every candidate is kept with its status.
	 * Changed: a timeline answers as known then, so at 11-01 (K = 11-01)
	 * k2, reported 11-20, is not yet reported (rule 1 comes before rule
	 * 6); with hindsight it is known and only not yet observed. */
	o.all_contributions = 1;
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 5);
	CHECK_U64(ft_estimate_contribution_count(ft_timeline_point_at(&tl, 3)), 2);
	EXPECT_STATUS(*ft_timeline_point_at(&tl, 0), "k2", FT_STATUS_NOT_YET_REPORTED);
	EXPECT_STATUS(*ft_timeline_point_at(&tl, 3), "k1", FT_STATUS_SAME_VOICE);
	EXPECT_STATUS(*ft_timeline_point_at(&tl, 3), "k2", FT_STATUS_COUNTED);
	ft_timeline_clear(&tl);
	o.hindsight = 1;
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 5);
	EXPECT_STATUS(*ft_timeline_point_at(&tl, 0), "k2", FT_STATUS_NOT_YET_OBSERVED);
	ft_timeline_clear(&tl);
	o.hindsight = 0;
	o.all_contributions = 0;

	/* Step 1 over 11-01..11-03: 3 points; a one-day grid of from == to: 1. */
	run_timeline(ds, "2021-11-01", "2021-11-03", 1, &o, &tl);
	CHECK_U64(ft_timeline_point_count(&tl), 3);
	ft_timeline_clear(&tl);
	run_timeline(ds, "2021-11-01", "2021-11-01", 7, &o, &tl);
	CHECK_U64(ft_timeline_point_count(&tl), 1);
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

static void test_timeline_alert(void)
{
	ft_dataset *ds = world(BUILDUP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	ft_timeline tl = FT_TIMELINE_INIT;
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	/* Window 30 days; j is the earliest point with an estimate at or
	 * after at[i] - 30 days and before i (section 9). i=0 (11-01): no
	 * point before it, so no j (changed: the old rule compared it with
	 * itself). i=1,2: j = 0, no change. i=3 (11-22): j = first >= 10-23 =
	 * 0; 120000 - 90000 = 30000 > 10% of 90000 -> alert 0 -> 3, relative
	 * 1/3, claims counted at 3 and not at 0 and known on 11-22 (k2 was
	 * reported 11-20): k2. i=4 (11-29): j = first >= 10-30 = 0; it exceeds
	 * too, but so did point 3: no second alert. */
	CHECK_U64(ft_timeline_alert_count(&tl), 1);
	if (ft_timeline_alert_count(&tl) >= 1) {
		const ft_alert *a = ft_timeline_alert_at(&tl, 0);
		CHECK_U64(a->from, 0);
		CHECK_U64(a->to, 3);
		CU_ASSERT_EQUAL(a->change, 30000);
		CU_ASSERT_DOUBLE_EQUAL(a->relative, 1.0 / 3.0, 1e-9);
		CHECK_U64(a->n_claims, 1);
		CU_ASSERT(alert_has_claim(a, "k2"));
		CU_ASSERT(!alert_has_claim(a, "k1"));
	}
	ft_timeline_clear(&tl);

	/* Window 7: i=3 compares with 11-15 (point 2): alert 2 -> 3; i=4 with
	 * point 3: no change. */
	o.window_days = 7;
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	CHECK_U64(ft_timeline_alert_count(&tl), 1);
	if (ft_timeline_alert_count(&tl) >= 1) {
		CHECK_U64(ft_timeline_alert_at(&tl, 0)->from, 2);
		CHECK_U64(ft_timeline_alert_at(&tl, 0)->to, 3);
	}
	ft_timeline_clear(&tl);

	/* Threshold 50%: a 33% rise raises nothing. */
	o.window_days = 30;
	o.threshold = 0.5;
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	CHECK_U64(ft_timeline_alert_count(&tl), 0);
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

static void test_timeline_edges(void)
{
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	ft_timeline tl = FT_TIMELINE_INIT;

	/* A rise from 0 counts: b says 0 (observed 10-25), then 500 (11-20):
	 * point 3 (11-22) against point 0 -> one alert, change 500. */
	ft_dataset *ds = world(CLAIM("z0", "b", "RU", "border",
	                             "'value': 0, 'observed': '2021-10-25', 'reported': '2021-10-25'"),
	                       CLAIM("z1", "b", "RU", "border",
	                             "'value': 500, 'observed': '2021-11-20', 'reported': '2021-11-20'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 5);
	CHECK_FLAG(ft_timeline_point_at(&tl, 0)->has_value, 1); /* an estimate of zero, not none */
	CHECK_U64(ft_timeline_point_at(&tl, 0)->best, 0);
	CHECK_U64(ft_timeline_alert_count(&tl), 1);
	if (ft_timeline_alert_count(&tl) >= 1) {
		CHECK_U64(ft_timeline_alert_at(&tl, 0)->from, 0);
		CHECK_U64(ft_timeline_alert_at(&tl, 0)->to, 3);
		CU_ASSERT_EQUAL(ft_timeline_alert_at(&tl, 0)->change, 500);
		CU_ASSERT(alert_has_claim(ft_timeline_alert_at(&tl, 0), "z1"));
	}
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);

	/* k2 alone: points 0-2 have no estimate, 3 and 4 have 120000. i=3:
	 * no point in its window (10-23 to 11-15) has an estimate, so there
	 * is no j and no change; i=4: j is the earliest point with one in
	 * 10-30 to 11-22, point 3: 120000 against 120000, no change. No alert
	 * (a claim that appears is no rise: see test_timeline_rise_from_none
	 * for a rise after it). */
	ds = world(CLAIM("k2", "b", "RU", "border",
	                 "'value': 120000, 'observed': '2021-11-20', 'reported': '2021-11-20'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 5);
	CHECK_FLAG(ft_timeline_point_at(&tl, 0)->has_value, 0);
	CHECK_FLAG(ft_timeline_point_at(&tl, 2)->has_value, 0);
	CHECK_FLAG(ft_timeline_point_at(&tl, 3)->has_value, 1);
	CHECK_U64(ft_timeline_point_at(&tl, 3)->best, 120000);
	CHECK_U64(ft_timeline_alert_count(&tl), 0);
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

static void test_timeline_alert_rules(void)
{
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	ft_timeline tl = FT_TIMELINE_INIT;

	/* A fall is a change too: 120000 then 90000 (observed 11-20). Point 3
	 * against point 0: change -30000, |change| > 10% of 120000 = 12000 ->
	 * alert, relative -30000 / 120000 = -0.25, claims [dd2]. */
	ft_dataset *ds = world(CLAIM("dd1", "b", "RU", "border",
	                             "'value': 120000, 'observed': '2021-10-25', 'reported': '2021-10-25'"),
	                       CLAIM("dd2", "b", "RU", "border",
	                             "'value': 90000, 'observed': '2021-11-20', 'reported': '2021-11-20'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	CHECK_U64(ft_timeline_alert_count(&tl), 1);
	if (ft_timeline_alert_count(&tl) >= 1) {
		CHECK_U64(ft_timeline_alert_at(&tl, 0)->from, 0);
		CHECK_U64(ft_timeline_alert_at(&tl, 0)->to, 3);
		CU_ASSERT_EQUAL(ft_timeline_alert_at(&tl, 0)->change, -30000);
		CU_ASSERT_DOUBLE_EQUAL(ft_timeline_alert_at(&tl, 0)->relative, -0.25, 1e-9);
		CU_ASSERT(alert_has_claim(ft_timeline_alert_at(&tl, 0), "dd2"));
	}
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);

	/* Exactly the threshold is not "more than": 100000 -> 110000 is 10%. */
	ds = world(CLAIM("tt1", "b", "RU", "border",
	                 "'value': 100000, 'observed': '2021-10-25', 'reported': '2021-10-25'"),
	           CLAIM("tt2", "b", "RU", "border",
	                 "'value': 110000, 'observed': '2021-11-20', 'reported': '2021-11-20'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 5);
	CHECK_U64(ft_timeline_point_at(&tl, 3)->best, 110000);
	CHECK_U64(ft_timeline_alert_count(&tl), 0);
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);

	/* A chain of rises with window 7 (j = the previous point): 100000
	 * (11-01), 200000 (11-08), 400000 (11-15), 800000 (11-22), 800000
	 * (11-29). i=0 has no j, so it does not exceed. i=1: +100% and i=0 did
	 * not exceed -> alert 0 -> 1. i=2: +100%, but i=1 exceeded -> none.
	 * i=3: +100%, but i=2 exceeded -> none (changed: section 9 now says
	 * "exceeds the threshold at i but did not at i-1", which settles the
	 * old ambiguity: one alert in all). i=4: no change -> none. */
	ds = world(CLAIM("g1", "b", "RU", "border",
	                 "'value': 100000, 'observed': '2021-11-01', 'reported': '2021-11-01'"),
	           CLAIM("g2", "b", "RU", "border",
	                 "'value': 200000, 'observed': '2021-11-08', 'reported': '2021-11-08'"),
	           CLAIM("g3", "b", "RU", "border",
	                 "'value': 400000, 'observed': '2021-11-15', 'reported': '2021-11-15'"),
	           CLAIM("g4", "b", "RU", "border",
	                 "'value': 800000, 'observed': '2021-11-22', 'reported': '2021-11-22'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	o.window_days = 7;
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 5);
	static const uint64_t best[] = {100000, 200000, 400000, 800000, 800000};
	for (size_t i = 0; i < 5; i++)
		CHECK_U64(ft_timeline_point_at(&tl, i)->best, best[i]);
	CHECK_U64(ft_timeline_alert_count(&tl), 1);
	if (ft_timeline_alert_count(&tl) >= 1) {
		CHECK_U64(ft_timeline_alert_at(&tl, 0)->from, 0);
		CHECK_U64(ft_timeline_alert_at(&tl, 0)->to, 1);
		CU_ASSERT_EQUAL(ft_timeline_alert_at(&tl, 0)->change, 100000);
		CU_ASSERT(alert_has_claim(ft_timeline_alert_at(&tl, 0), "g2"));
		CHECK_U64(ft_timeline_alert_at(&tl, 0)->n_claims, 1);
	}
	for (size_t i = 0; i < ft_timeline_alert_count(&tl); i++) {
		CU_ASSERT(ft_timeline_alert_at(&tl, i)->to != 2); /* point 1 exceeded too */
		CU_ASSERT(ft_timeline_alert_at(&tl, i)->to != 3); /* point 2 exceeded too */
		CU_ASSERT(ft_timeline_alert_at(&tl, i)->to != 4); /* no change */
	}
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

/* ------------------------------------------------------------------ */
/* Estimates 2.0: the worked examples and the new rules                */
/* ------------------------------------------------------------------ */

/* A document of its own (single-quoted like the world's), for the worked
 * example whose regions the shared world does not have. */
static ft_dataset *doc_of(const char *text)
{
	char *json = g_strdup(text);
	for (char *p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer(json, strlen(json), "doc.json", NULL, &err);
	if (!ds) {
		char line[1024];
		ft_error_format(&err, line, sizeof line);
		fprintf(stderr, "\n    document does not load: %s\n", line);
	}
	g_free(json);
	return ds;
}

/* Section 10 (i): four voices at one node, T = K = 2022-03-01, every claim
 * credibility 6 (C = 0.5). */
static void test_worked_example_i(void)
{
	ft_dataset *ds = world(
	    /* B, observed 01-31: end + 1 us = 02-01, age 28 days */
	    CLAIM(
	        "x1", "b", "RU", "border",
	        "'value': 90000, 'qualifier': 'at-most', 'observed': '2022-01-31', 'reported': '2022-01-31'"),
	    /* C, age 0 */
	    CLAIM(
	        "x2", "c", "RU", "border",
	        "'value': 120000, 'qualifier': 'approx', 'observed': '2022-03-01', 'reported': '2022-03-01'"),
	    /* B, observed 02-14: end + 1 us = 02-15, age 14 days */
	    CLAIM(
	        "x3", "us-gov", "RU", "border",
	        "'value': 110000, 'qualifier': 'at-least', 'observed': '2022-02-14', 'reported': '2022-02-14'"),
	    /* C, age 0 */
	    CLAIM("x4", "by-gov", "RU", "border",
	          "'value': 125000, 'observed': '2022-03-01', 'reported': '2022-03-01'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2022-03-01", "2022-03-01");
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* Weights: x1 0.8 x 0.5 x 0.5^(28/14) = 0.8 x 0.5 x 0.25 = 0.1; x2
	 * 0.6 x 0.5 = 0.3; x3 0.8 x 0.5 x 0.5^(14/14) = 0.2; x4 0.3. x2's d =
	 * floor(12,000 + 0.5) = 12,000: [108,000, 132,000]. W = 0.9. Entries
	 * with the running sum: open below 0.1; 90,000 0.2; 108,000 0.5;
	 * 110,000 0.7; 125,000 1.0 >= 0.9 (x4's first entry), no tie: best
	 * 125,000. Current: at least 0.15 (half of 0.3): x2, x3, x4; x1 is
	 * not. Figures of the current claims: 108,000, 132,000, 110,000,
	 * 125,000: low 108,000, high 132,000; a current claim states a low
	 * and one a high: not open. x2, x3, x4 overlap pairwise; x1 overlaps
	 * no one but is not current: not contested, 0 pairs. */
	EXPECT(e, 1, 125000, 108000, 132000, 4, 4, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	EXPECT_WEIGHT(e, "x1", 0.1);
	EXPECT_WEIGHT(e, "x2", 0.3);
	EXPECT_WEIGHT(e, "x3", 0.2);
	EXPECT_WEIGHT(e, "x4", 0.3);
	EXPECT_CURRENT(e, "x1", 0);
	EXPECT_CURRENT(e, "x2", 1);
	EXPECT_CURRENT(e, "x3", 1);
	EXPECT_CURRENT(e, "x4", 1);
	EXPECT_FIGURE(e, "x1", 0, 0, 0, 90000);
	EXPECT_FIGURE(e, "x2", 1, 120000, 108000, 132000);
	EXPECT_FIGURE(e, "x3", 0, 0, 110000, UINT64_MAX);
	CHECK_FLAG(e.inconsistent, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* Section 10 (ii): the flags travel through a roll-up. */
static void test_worked_example_ii(void)
{
	ft_dataset *ds =
	    doc_of("{'forcetrack': '1.0',"
	           " 'actors': [{'id': 'RU', 'name': 'Russia'}],"
	           " 'regions': [{'id': 'UA', 'name': 'Ukraine'},"
	           "  {'id': 'donbas', 'name': 'Donbas', 'parent': 'UA'},"
	           "  {'id': 'crimea', 'name': 'Crimea', 'parent': 'UA'}],"
	           " 'sources': [{'id': 'c', 'name': 'Source C', 'reliability': 'C'},"
	           "  {'id': 'e', 'name': 'Source E', 'reliability': 'E'},"
	           "  {'id': 'b', 'name': 'Source B', 'reliability': 'B'}],"
	           " 'claims': ["
	           "  {'id': 'don', 'source': 'c', 'subject': 'RU', 'region': 'donbas', 'value': 30000,"
	           "   'qualifier': 'at-least', 'credibility': 2, 'reported': '2021-12-01'},"
	           "  {'id': 'cri', 'source': 'e', 'subject': 'RU', 'region': 'crimea', 'value': 13000,"
	           "   'qualifier': 'at-most', 'credibility': 6, 'reported': '2021-12-01'},"
	           "  {'id': 'ua', 'source': 'b', 'subject': 'RU', 'region': 'UA', 'value': 40000,"
	           "   'qualifier': 'approx', 'credibility': 2, 'reported': '2021-12-01'}]}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", "2021-12-01");
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "UA", NULL, &o, &e);
	/* (RU, donbas): at least 30,000 (C 2 = 0.48): 30,000, range
	 * 30,000-30,000, open above. (RU, crimea): up to 13,000 (E 6 = 0.1),
	 * not credible, so the credible set falls back to it: entries open
	 * below and 13,000, best 13,000, range 0-13,000, open below, not
	 * credible. (RU, UA): about 40,000 (B 2 = 0.64), d = 4,000: best
	 * 40,000, 36,000-44,000. Region parts of (RU, UA): best 30,000 +
	 * 13,000 = 43,000, low 30,000 + 0 = 30,000, high 30,000 + 13,000 =
	 * 43,000; open below only if both terms are (donbas is not): no; open
	 * above, as donbas is; not credible, as crimea is. Total: best
	 * max(40,000, 43,000) = 43,000 from the parts, not credible; low
	 * max(36,000, 30,000) = 36,000 from own, not open below; high
	 * max(44,000, 43,000) = 44,000 from own, not open above. 43,000
	 * (36,000-44,000), NOT CREDIBLE. Own high 44,000 >= parts' low
	 * 30,000: consistent. 3 claims, 3 voices, no pair. */
	EXPECT(e, 1, 43000, 36000, 44000, 3, 3, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 1, 0);
	CHECK_FLAG(e.inconsistent, 0);
	EXPECT_WEIGHT(e, "don", 0.48);
	EXPECT_WEIGHT(e, "cri", 0.1);
	EXPECT_WEIGHT(e, "ua", 0.64);
	EXPECT_CREDIBLE(e, "cri", 0);
	/* Each claim is current at its node, alone in its credible set. */
	EXPECT_CURRENT(e, "cri", 1);
	CU_ASSERT_TRUE_FATAL(ft_estimate_part_count(&e) >= 3);
	CU_ASSERT_PTR_EQUAL(ft_estimate_part_at(&e, 0)->region, ft_dataset_find_region(ds, "UA"));
	const ft_estimate_part *p = ft_estimate_part_at(&e, 0);
	EXPECT_PART(p, 1, 40000, 36000, 44000, 43000, 36000, 44000, 0);
	EXPECT_PART_FLAGS(p, 0, 0, 0, 0, 0, 1);
	p = find_part(&e, "RU", "donbas");
	EXPECT_PART(p, 1, 30000, 30000, 30000, 30000, 30000, 30000, 0);
	EXPECT_PART_FLAGS(p, 0, 1, 0, 0, 1, 0);
	p = find_part(&e, "RU", "crimea");
	EXPECT_PART(p, 1, 13000, 0, 13000, 13000, 0, 13000, 0);
	EXPECT_PART_FLAGS(p, 1, 0, 1, 1, 0, 1);
	ft_estimate_clear(&e);

	/* The child nodes on their own keep their own flags. */
	run(ds, "RU", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 13000, 0, 13000, 1, 1, 0, 0);
	EXPECT_FLAGS(e, 1, 0, 1, 0);
	ft_estimate_clear(&e);
	run(ds, "RU", "donbas", NULL, &o, &e);
	EXPECT(e, 1, 30000, 30000, 30000, 1, 1, 0, 0);
	EXPECT_FLAGS(e, 0, 1, 0, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* More of section 7: a sum is open below only when every term is; the
 * total takes open above with a high it takes from the parts; an own
 * figure open above is never inconsistent. */
static void test_rollup_flags(void)
{
	ft_dataset *ds = world(
	    /* (RU, border) has no own claim; both children are "up to" */
	    CLAIM("rb1", "a", "RU", "crimea",
	          "'value': 10000, 'qualifier': 'at-most', 'credibility': 1, " REP),
	    CLAIM("rb2", "b", "RU", "north",
	          "'value': 20000, 'qualifier': 'at-most', 'credibility': 1, " REP),
	    /* (UA, UA): own "at least 5,000"; (UA, donbas) exactly 20,000 */
	    CLAIM("ua1", "a", "UA", "UA", "'value': 5000, 'qualifier': 'at-least', 'credibility': 1, " REP),
	    CLAIM("ua2", "b", "UA", "donbas", "'value': 20000, 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;

	/* (RU, crimea): up to 10,000: best 10,000, 0-10,000, open below;
	 * (RU, north): up to 20,000: 20,000, 0-20,000, open below. Region
	 * parts of (RU, border): best 30,000, low 0 + 0 = 0, high 30,000;
	 * every term open below: open below. No own figure: the total is the
	 * parts: 30,000 (0-30,000), open below. */
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 30000, 0, 30000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 1, 0, 0, 0);
	CU_ASSERT_TRUE_FATAL(ft_estimate_part_count(&e) >= 1);
	EXPECT_PART(ft_estimate_part_at(&e, 0), 0, 0, 0, 0, 30000, 0, 30000, 0);
	EXPECT_PART_FLAGS(ft_estimate_part_at(&e, 0), 0, 0, 0, 1, 0, 0);
	EXPECT_PART_FLAGS(find_part(&e, "RU", "crimea"), 1, 0, 0, 1, 0, 0);
	ft_estimate_clear(&e);

	/* (UA, UA) own: at least 5,000: 5,000 (5,000-5,000), open above.
	 * Region parts: (UA, donbas) 20,000 (20,000-20,000), not open. Total:
	 * best max(5,000, 20,000) = 20,000, low max(5,000, 20,000) = 20,000,
	 * high max(5,000, 20,000) = 20,000, all three from the parts: not
	 * open above (the own figure's flag goes with the own high, which the
	 * total does not take). Own high 5,000 < parts' low 20,000, but an own
	 * figure open above is never inconsistent (new). */
	run(ds, "UA", "UA", NULL, &o, &e);
	EXPECT(e, 1, 20000, 20000, 20000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	CHECK_FLAG(e.inconsistent, 0);
	CU_ASSERT_TRUE_FATAL(ft_estimate_part_count(&e) >= 1);
	EXPECT_PART(ft_estimate_part_at(&e, 0), 1, 5000, 5000, 5000, 20000, 20000, 20000, 0);
	EXPECT_PART_FLAGS(ft_estimate_part_at(&e, 0), 0, 1, 0, 0, 0, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);

	/* One bounded term bounds the sum from below; the total takes open
	 * above with the high it takes from the parts. */
	ds = world(CLAIM("own", "a", "RU", "border", "'value': 10000, 'credibility': 1, " REP),
	           CLAIM("cr", "a", "RU", "crimea",
	                 "'value': 30000, 'qualifier': 'at-least', 'credibility': 1, " REP),
	           CLAIM("no", "b", "RU", "north",
	                 "'value': 20000, 'qualifier': 'at-most', 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	/* (RU, crimea): at least 30,000: 30,000 (30,000-30,000), open above.
	 * (RU, north): up to 20,000: 20,000 (0-20,000), open below. Region
	 * parts: best 50,000, low 30,000 + 0 = 30,000, high 30,000 + 20,000
	 * = 50,000; open below only if every term is (crimea is not): no;
	 * open above, as crimea is. Own (RU, border): exactly 10,000. Total:
	 * best max(10,000, 50,000) = 50,000, low max(10,000, 30,000) =
	 * 30,000, high max(10,000, 50,000) = 50,000 from the parts, open
	 * above. Own high 10,000 < parts' low 30,000 and own is not open
	 * above: inconsistent. 3 claims, voices a and b. */
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 50000, 30000, 50000, 3, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 1, 0, 0);
	CHECK_FLAG(e.inconsistent, 1);
	CU_ASSERT_TRUE_FATAL(ft_estimate_part_count(&e) >= 1);
	EXPECT_PART(ft_estimate_part_at(&e, 0), 1, 10000, 10000, 10000, 50000, 30000, 50000, 1);
	EXPECT_PART_FLAGS(ft_estimate_part_at(&e, 0), 0, 0, 0, 0, 1, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* Section 7: when own, region parts or actor parts are equal in a figure,
 * the first of them keeps its flag ("the first of own, region parts and
 * actor parts keeps it"). */
static void test_rollup_flag_ties(void)
{
	ft_estimate_options o = opts("2021-12-01", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;

	/* Own exactly 30,000 (A 1) against region parts (RU, crimea) "at
	 * least 30,000" (B 1: 30,000, 30,000-30,000, open above). Every figure
	 * ties at 30,000: own keeps each, so the high is not open above. */
	ft_dataset *ds = world(CLAIM("own", "a", "RU", "border", "'value': 30000, 'credibility': 1, " REP),
	                       CLAIM("cr", "b", "RU", "crimea",
	                             "'value': 30000, 'qualifier': 'at-least', 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 30000, 30000, 30000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	CHECK_FLAG(e.inconsistent, 0); /* own high 30,000 is not below 30,000 */
	ft_estimate_clear(&e);
	ft_dataset_free(ds);

	/* The other way round: own "at least 30,000" (open above), the parts
	 * exactly 30,000: own keeps the tied high, open above. */
	ds = world(CLAIM("own", "a", "RU", "border",
	                 "'value': 30000, 'qualifier': 'at-least', 'credibility': 1, " REP),
	           CLAIM("cr", "b", "RU", "crimea", "'value': 30000, 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 30000, 30000, 30000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 1, 0, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);

	/* No own figure: region parts (RU, crimea) exactly 20,000 and actor
	 * parts (DPR, border) "at least 20,000" (open above) tie: region parts
	 * come first and keep the high: not open above. */
	ds = world(CLAIM("cr", "a", "RU", "crimea", "'value': 20000, 'credibility': 1, " REP),
	           CLAIM("dp", "b", "DPR", "border",
	                 "'value': 20000, 'qualifier': 'at-least', 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 20000, 20000, 20000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);

	/* Swapped: region parts open above, actor parts exact: open above. */
	ds = world(CLAIM("cr", "a", "RU", "crimea",
	                 "'value': 20000, 'qualifier': 'at-least', 'credibility': 1, " REP),
	           CLAIM("dp", "b", "DPR", "border", "'value': 20000, 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 20000, 20000, 20000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 1, 0, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);

	/* Best ties: own 13,000 from a claim graded E (not credible: "up to
	 * 13,000" alone, best 13,000, 0-13,000) against the parts' credible
	 * exactly 13,000: own keeps best and its flag: not credible; the low
	 * is the parts' 13,000 (larger than own's 0), the high ties and own's
	 * is not open above. */
	ds = world(CLAIM("own", "e", "RU", "border", "'value': 13000, 'qualifier': 'at-most', " REP),
	           CLAIM("cr", "b", "RU", "crimea", "'value': 13000, 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 13000, 13000, 13000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 1, 0);
	CU_ASSERT_TRUE_FATAL(ft_estimate_part_count(&e) >= 1);
	EXPECT_PART_FLAGS(ft_estimate_part_at(&e, 0), 1, 0, 1, 0, 0, 1);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* Section 6, "Best", step 4 and 5: the tie rules, and weights of 0. */
static void test_best_tie_rules(void)
{
	ft_dataset *ds = world(
	    /* crimea: two exact figures of equal weight */
	    CLAIM("t1", "c", "RU", "crimea", "'value': 100000, 'credibility': 2, " REP),
	    CLAIM("t2", "b", "RU", "crimea", "'value': 100003, 'credibility': 3, " REP),
	    /* north: two "up to", the walk stops at open below */
	    CLAIM("o1", "a", "RU", "north", "'value': 90000, 'qualifier': 'at-most', " REP),
	    CLAIM("o2", "outlet2", "RU", "north", "'value': 120000, 'qualifier': 'at-most', " REP),
	    /* (UA, donbas): two "at least", the next entry is open above */
	    CLAIM("a1", "a", "UA", "donbas", "'value': 100000, 'qualifier': 'at-least', " REP),
	    CLAIM("a2", "b", "UA", "donbas", "'value': 120000, 'qualifier': 'at-least', " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	o.no_rollup = 1;
	ft_estimate e = FT_ESTIMATE_INIT;

	/* t1 C,2 = 0.48, t2 B,3 = 0.48. Entries 100000 (0.48) twice, 100003
	 * (0.48) twice; W = 0.96 = the running sum at the second 100000, and a
	 * next entry exists: the midpoint rounded half up, (100000 + 100003 +
	 * 1) / 2 = 200004 / 2 = 100002 (100001.5 up). */
	run(ds, "RU", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 100002, 100000, 100003, 2, 2, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	ft_estimate_clear(&e);

	/* o1 A,6 = 0.5, o2 A,6 = 0.5. Entries: open below (0.5), open below
	 * (0.5), 90000, 120000; W = 1.0 = the running sum at the second open
	 * below: the stopping entry is open below, so best is the next
	 * entry's figure, 90000 (not a midpoint). No current claim states a
	 * low: low 0, open below; high 120000. Open sides overlap: not
	 * contested. */
	run(ds, "RU", "north", NULL, &o, &e);
	EXPECT(e, 1, 90000, 0, 120000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 1, 0, 0, 0);
	ft_estimate_clear(&e);

	/* a1 A,6 = 0.5, a2 B,6 = 0.4. Entries: 100000 (0.5), 120000 (0.4),
	 * open above twice; W = 0.9 = the running sum at 120000, and the next
	 * entry is open above: best the stopping figure, 120000. Both current
	 * (0.4 >= 0.25): low 100000; no high stated: high 120000, open above. */
	run(ds, "UA", "donbas", NULL, &o, &e);
	EXPECT(e, 1, 120000, 100000, 120000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 1, 0, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);

	/* Step 5: every weight 0, each claim weighs 1. Observed in 2015, with
	 * no horizon and a half-life of 1 day, their age of some 2,500 days
	 * makes D = 0.5^2500, which is 0 in a double: weight 0 exactly. */
	ds = world(CLAIM("z1", "a", "RU", "border", "'value': 100000, 'observed': '2015-01-01', " REP),
	           CLAIM("z2", "b", "RU", "border",
	                 "'value': 120000, 'qualifier': 'approx', 'observed': '2015-01-01', " REP),
	           CLAIM("z3", "c", "RU", "border",
	                 "'value': 150000, 'qualifier': 'at-least', 'observed': '2015-01-01', " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	o = opts("2021-12-01", NULL);
	o.staleness_days = -1;
	o.half_life_days = 1;
	run(ds, "RU", "border", NULL, &o, &e);
	/* Entries, weight 1 each: 100000, 100000, 108000, 132000 (about
	 * 120000, d = 12000), 150000, open above; W = 3 = the running sum at
	 * 108000, next 132000: (108000 + 132000 + 1) / 2 = 120000. Every claim
	 * is current (all weigh the same): low 100000, high 150000 (z3's
	 * figure; z1 and z2 state a high: not open above). Disjoint: z1/z2,
	 * z1/z3, z2/z3: three pairs of weight 0, listed in dataset order. */
	EXPECT(e, 1, 120000, 100000, 150000, 3, 3, 1, 3);
	EXPECT_FLAGS(e, 0, 0, 0, 3);
	EXPECT_WEIGHT(e, "z1", 0.0);
	EXPECT_WEIGHT(e, "z3", 0.0);
	EXPECT_CURRENT(e, "z1", 1);
	EXPECT_CURRENT(e, "z2", 1);
	EXPECT_CURRENT(e, "z3", 1);
	EXPECT_DISAGREEMENT(e, 0, "z1", "z2", 0.0, 0, 1);
	EXPECT_DISAGREEMENT(e, 1, "z1", "z3", 0.0, 0, 1);
	EXPECT_DISAGREEMENT(e, 2, "z2", "z3", 0.0, 0, 1);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* The failure modes of the old rules (the issue behind estimates 2.0). */
static void test_old_failure_modes(void)
{
	ft_dataset *ds = world(
	    /* border: an old "up to 100,000" against fresh counts */
	    CLAIM(
	        "u1", "a", "RU", "border",
	        "'value': 100000, 'qualifier': 'at-most', 'credibility': 2, 'observed': '2021-10-01', " REP),
	    CLAIM("f1", "b", "RU", "border", "'value': 127000, 'credibility': 2, " REP),
	    CLAIM("f2", "c", "RU", "border", "'value': 147000, 'credibility': 2, " REP),
	    /* crimea: a floor above a ceiling, the floor heavier */
	    CLAIM("fl1", "a", "RU", "crimea",
	          "'value': 110000, 'qualifier': 'at-least', 'credibility': 2, " REP),
	    CLAIM("ce1", "b", "RU", "crimea",
	          "'value': 90000, 'qualifier': 'at-most', 'credibility': 2, " REP),
	    /* north: the same, the ceiling heavier */
	    CLAIM("fl2", "b", "RU", "north",
	          "'value': 110000, 'qualifier': 'at-least', 'credibility': 2, " REP),
	    CLAIM("ce2", "a", "RU", "north",
	          "'value': 90000, 'qualifier': 'at-most', 'credibility': 2, " REP),
	    /* (UA, donbas): a range without a central figure, and a count */
	    CLAIM("rr", "b", "UA", "donbas", "'low': 169000, 'high': 190000, 'credibility': 2, " REP),
	    CLAIM("rx", "c", "UA", "donbas", "'value': 195000, 'credibility': 2, " REP),
	    /* (UA, UA) and (DPR, crimea): one-sided claims alone */
	    CLAIM("m35", "c", "UA", "UA", "'value': 35000, 'qualifier': 'at-least', 'credibility': 2, " REP),
	    CLAIM("u13", "c", "DPR", "crimea",
	          "'value': 13000, 'qualifier': 'at-most', 'credibility': 2, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	o.no_rollup = 1;
	ft_estimate e = FT_ESTIMATE_INIT;

	/* u1 A,2 observed 10-01, age 12-01 - 10-02 = 60 days: 0.8 x
	 * 0.5^(60/14) = 0.041017; f1 B,2 = 0.64; f2 C,2 = 0.48. Entries: open
	 * below (0.041017), 100000 (0.041017), 127000 (0.64) twice, 147000
	 * (0.48) twice; W = 1.161017; running 0.041, 0.082, 0.722, 1.362 >= W
	 * at the second 127000: best 127000, not clamped to 100000. Current:
	 * 0.32 or more, f1 and f2: 127000-147000; u1 sets no range. f1/f2
	 * disjoint: one pair, 0.64 x 0.48 = 0.3072. */
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 127000, 127000, 147000, 3, 3, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	EXPECT_WEIGHT(e, "u1", 0.8 * pow(0.5, 60.0 / 14.0));
	EXPECT_CURRENT(e, "u1", 0);
	EXPECT_DISAGREEMENT(e, 0, "f1", "f2", 0.3072, 0, 1);
	ft_estimate_clear(&e);

	/* fl1 A,2 = 0.8 at least 110000, ce1 B,2 = 0.64 at most 90000.
	 * Entries: open below (0.64), 90000 (0.64), 110000 (0.8), open above
	 * (0.8); W = 1.44; running 0.64, 1.28, 2.08 >= W at 110000: best
	 * 110000. Both current: the range holds both figures, 90000-110000,
	 * not open (one states a low, the other a high). Disjoint: contested. */
	run(ds, "RU", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 110000, 90000, 110000, 2, 2, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	EXPECT_DISAGREEMENT(e, 0, "fl1", "ce1", 0.512, 0, 1);
	ft_estimate_clear(&e);
	/* fl2 B,2 = 0.64, ce2 A,2 = 0.8: open below (0.8), 90000 (0.8),
	 * 110000 (0.64), open above (0.64); running 0.8, 1.6 >= 1.44 at 90000:
	 * best 90000; range 90000-110000. */
	run(ds, "RU", "north", NULL, &o, &e);
	EXPECT(e, 1, 90000, 90000, 110000, 2, 2, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	ft_estimate_clear(&e);

	/* "169,000 to 190,000" (B,2 = 0.64) votes through its ends: entries
	 * 169000 (0.64), 190000 (0.64), 195000 (C,2 0.48) twice; W = 1.12;
	 * running 0.64, 1.28 >= W at 190000: best 190000, the range's end
	 * nearest the other count. Both current (0.48 >= 0.32): low 169000,
	 * high 195000; [169000, 190000] and [195000] disjoint: contested. */
	run(ds, "UA", "donbas", NULL, &o, &e);
	EXPECT(e, 1, 190000, 169000, 195000, 2, 2, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	ft_estimate_clear(&e);

	/* "More than 35,000" alone: entries 35000 and open above; W reached at
	 * 35000 with open above next: best 35000; low 35000, high 35000, open
	 * above: "35,000 or more", not a zero-width figure shown as exact. */
	run(ds, "UA", "UA", NULL, &o, &e);
	EXPECT(e, 1, 35000, 35000, 35000, 1, 1, 0, 0);
	EXPECT_FLAGS(e, 0, 1, 0, 0);
	ft_estimate_clear(&e);
	/* "Up to 13,000" alone: open below and 13000; the walk stops at open
	 * below with a tie: best the next figure, 13000; low 0, open below;
	 * high 13000: "up to 13,000". */
	run(ds, "DPR", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 13000, 0, 13000, 1, 1, 0, 0);
	EXPECT_FLAGS(e, 1, 0, 0, 0);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* Section 6, "Current claims, low and high" and "Disagreement". */
static void test_current_claims(void)
{
	ft_dataset *ds = world(
	    /* border: a stale-weight wire-service range and two fresh claims */
	    CLAIM("wire", "outlet", "RU", "border",
	          "'low': 50000, 'high': 150000, 'credibility': 2, 'observed': '2021-10-01', " REP),
	    CLAIM("fc", "c", "RU", "border", "'value': 120000, 'credibility': 2, " REP),
	    CLAIM("fb", "b", "RU", "border",
	          "'value': 125000, 'qualifier': 'approx', 'credibility': 2, " REP),
	    /* crimea: an old claim that disagrees with a fresh one */
	    CLAIM("nw", "c", "RU", "crimea", "'value': 120000, 'credibility': 2, " REP),
	    CLAIM("ol", "b", "RU", "crimea",
	          "'value': 90000, 'credibility': 2, 'observed': '2021-10-01', " REP),
	    /* north: exactly half the heaviest is current */
	    CLAIM("h1", "a", "RU", "north", "'value': 100000, " REP),
	    CLAIM("h2", "f", "RU", "north", "'value': 104000, " REP),
	    CLAIM("h3", "ru-gov", "RU", "north", "'value': 90000, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	o.no_rollup = 1;
	ft_estimate e = FT_ESTIMATE_INIT;

	/* wire (outlet B,2, observed 10-01, age 60): 0.64 x 0.5^(60/14) =
	 * 0.032813; fc C,2 = 0.48; fb B,2 = 0.64, about 125000 (d = 12500):
	 * 112500-137500. Entries: 50000 (0.033), 112500 (0.64), 120000 (0.48)
	 * twice, 137500 (0.64), 150000 (0.033); W = 1.152813 = the running sum
	 * at the first 120000, next 120000: best 120000. Current: 0.32 or
	 * more, fc and fb; the wire range does not set the range: low 112500
	 * (not 50000), high 137500 (not 150000). fc lies inside fb: not
	 * contested. */
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 120000, 112500, 137500, 3, 3, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	EXPECT_CURRENT(e, "wire", 0);
	EXPECT_CURRENT(e, "fc", 1);
	EXPECT_CURRENT(e, "fb", 1);
	EXPECT_WEIGHT(e, "wire", 0.64 * pow(0.5, 60.0 / 14.0));
	ft_estimate_clear(&e);

	/* nw C,2 = 0.48 at 120000; ol B,2 aged 60 days, 0.032813, at 90000.
	 * Entries 90000 (0.033) twice, 120000 (0.48) twice; W = 0.512813;
	 * running 0.033, 0.066, 0.546 >= W: best 120000. Only nw is current
	 * (0.033 < 0.24): 120000-120000. The two do not overlap, but ol is not
	 * current: not contested, 0 pairs. */
	run(ds, "RU", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 120000, 120000, 120000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	EXPECT_CURRENT(e, "ol", 0);
	ft_estimate_clear(&e);

	/* h1 A,6 = 0.5; h2 F,6 = 0.5 x 0.5 = 0.25, exactly half the heaviest
	 * (both exact in binary): "at least half", so current; h3 D,6 = 0.2:
	 * not. Entries 90000 (0.2) twice, 100000 (0.5) twice, 104000 (0.25)
	 * twice; W = 0.95; running 0.2, 0.4, 0.9, 1.4 >= W at the second
	 * 100000: best 100000. Low 100000, high 104000; h1/h2 disjoint: one
	 * pair, 0.5 x 0.25 = 0.125. */
	run(ds, "RU", "north", NULL, &o, &e);
	EXPECT(e, 1, 100000, 100000, 104000, 3, 3, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	EXPECT_CURRENT(e, "h2", 1);
	EXPECT_CURRENT(e, "h3", 0);
	EXPECT_DISAGREEMENT(e, 0, "h1", "h2", 0.125, 0, 1);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* Two current claims disagree when one lists the other in `disputes`,
 * overlapping or not (section 6). */
static void test_disputes(void)
{
	ft_dataset *ds = world(
	    CLAIM("d1", "b", "RU", "crimea",
	          "'value': 100000, 'qualifier': 'approx', 'credibility': 2, " REP),
	    CLAIM("d2", "c", "RU", "crimea", "'value': 105000, 'credibility': 2, 'disputes': ['d1'], " REP),
	    CLAIM("e1", "b", "RU", "north", "'value': 100000, 'credibility': 2, " REP),
	    CLAIM("e2", "c", "RU", "north", "'value': 120000, 'credibility': 2, 'disputes': ['e1'], " REP),
	    /* at another node than the claim it disputes: no pair */
	    CLAIM("e3", "a", "DPR", "north", "'value': 1000, 'disputes': ['e1'], " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	o.no_rollup = 1;
	ft_estimate e = FT_ESTIMATE_INIT;

	/* d1 B,2 = 0.64, about 100000: 90000-110000; d2 C,2 = 0.48, 105000,
	 * inside it. Entries 90000 (0.64), 105000 (0.48) twice, 110000 (0.64);
	 * W = 1.12 = the running sum at the first 105000, next 105000: best
	 * 105000. Both current: 90000-110000. They overlap, but d2 disputes
	 * d1: contested, one pair (d1 first in the dataset), 0.64 x 0.48 =
	 * 0.3072, disputes 1, disjoint 0. */
	run(ds, "RU", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 105000, 90000, 110000, 2, 2, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 1);
	EXPECT_DISAGREEMENT(e, 0, "d1", "d2", 0.3072, 1, 0);
	ft_estimate_clear(&e);

	/* e1 100000 (0.64), e2 120000 (0.48), disputing e1 and disjoint from
	 * it: one pair, disputes 1 and disjoint 1. Entries 100000 (0.64)
	 * twice, 120000 (0.48) twice; W = 1.12; running 0.64, 1.28 >= W: best
	 * 100000; 100000-120000. */
	run(ds, "RU", "north", NULL, &o, &e);
	EXPECT(e, 1, 100000, 100000, 120000, 2, 2, 1, 1);
	EXPECT_DISAGREEMENT(e, 0, "e1", "e2", 0.3072, 1, 1);
	ft_estimate_clear(&e);

	/* With roll-up, (RU, north) holds the pair e1/e2 and (DPR, north) e3
	 * alone: pairs are found within each node, so e3's dispute of e1 makes
	 * none. */
	o.no_rollup = 0;
	run(ds, "RU", "north", NULL, &o, &e);
	CHECK_U64(e.pairs, 1);
	CHECK_U64(ft_estimate_disagreement_count(&e), 1);
	CU_ASSERT(!has_pair(&e, "e1", "e3"));
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* Section 6: every disagreeing pair is counted, at most max_pairs are
 * listed, the heaviest first (by the product of the weights, then in
 * dataset order); with a roll-up, the heaviest of all nodes. */
static void test_pairs_counted_and_listed(void)
{
	ft_dataset *ds =
	    world(CLAIM("q1", "a", "RU", "border", "'value': 100000, 'credibility': 1, " REP),
	          CLAIM("q2", "b", "RU", "border", "'value': 120000, 'credibility': 1, " REP),
	          CLAIM("q3", "outlet", "RU", "border", "'value': 100000, 'credibility': 2, " REP),
	          CLAIM("q4", "c", "RU", "border", "'value': 140000, 'credibility': 1, " REP),
	          CLAIM("q5", "us-gov", "RU", "border", "'value': 120000, 'credibility': 2, " REP),
	          CLAIM("q6", "outlet2", "RU", "border", "'value': 100000, 'credibility': 3, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	o.max_pairs = 2;
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "RU", "border", NULL, &o, &e);
	/* Six voices, weights q1 A,1 1.0; q2 B,1 0.8; q3 B,2 0.64; q4 C,1 0.6;
	 * q5 B,2 0.64; q6 A,3 0.6: all current (0.6 >= 0.5). Exact figures:
	 * 100000 {q1, q3, q6}, 120000 {q2, q5}, 140000 {q4}; two disagree when
	 * their figures differ: 3 x 2 + 3 x 1 + 2 x 1 = 11 pairs. By product:
	 * (q1,q2) 0.8, (q1,q5) 0.64, (q1,q4) 0.6, (q2,q3) 0.512, (q2,q4) 0.48,
	 * (q2,q6) 0.48, (q3,q5) 0.4096, (q3,q4) 0.384, (q4,q5) 0.384, (q5,q6)
	 * 0.384, (q4,q6) 0.36 (ties in dataset order of a, then b). With
	 * max_pairs 2: 11 counted, the first two listed. Best: W = 4.28, the
	 * six entries at 100000 weigh 2.0 + 1.28 + 1.2 = 4.48 >= W, the four
	 * before the last 3.88 < W: 100000; low 100000, high 140000. */
	EXPECT(e, 1, 100000, 100000, 140000, 6, 6, 1, 2);
	EXPECT_FLAGS(e, 0, 0, 0, 11);
	EXPECT_DISAGREEMENT(e, 0, "q1", "q2", 0.8, 0, 1);
	EXPECT_DISAGREEMENT(e, 1, "q1", "q5", 0.64, 0, 1);
	CHECK_U64(ft_estimate_options_of(&e)->max_pairs, 2);
	ft_estimate_clear(&e);

	/* max_pairs 0 is 20, more than 11: all listed, in the order above. */
	o.max_pairs = 0;
	run(ds, "RU", "border", NULL, &o, &e);
	static const struct {
		const char *a, *b;
		double w;
	} order[] = {{"q1", "q2", 0.8},   {"q1", "q5", 0.64},  {"q1", "q4", 0.6},    {"q2", "q3", 0.512},
	             {"q2", "q4", 0.48},  {"q2", "q6", 0.48},  {"q3", "q5", 0.4096}, {"q3", "q4", 0.384},
	             {"q4", "q5", 0.384}, {"q5", "q6", 0.384}, {"q4", "q6", 0.36}};
	CHECK_U64(e.pairs, 11);
	CHECK_U64(ft_estimate_disagreement_count(&e), 11);
	for (size_t i = 0; i < G_N_ELEMENTS(order) && i < ft_estimate_disagreement_count(&e); i++)
		EXPECT_DISAGREEMENT(e, i, order[i].a, order[i].b, order[i].w, 0, 1);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);

	/* Two nodes with a pair each: (RU, crimea) r1 1000 (A,1 1.0), r2
	 * 2000 (B,1 0.8): a pair of 0.8; (RU, north) r3 1000 (C,1 0.6), r4
	 * 2000 (D,1 0.4, current: 0.4 >= 0.3): a pair of 0.24. With roll-up
	 * at (RU, border) and max_pairs 1: 2 pairs counted, the heavier of all
	 * listed. Crimea: entries 1000 (1.0) twice, 2000 (0.8) twice, W 1.8
	 * reached at the second 1000: 1000 (1000-2000); north: 1000 (0.6)
	 * twice, 2000 (0.4) twice, W 1.0 reached at the second 1000: 1000
	 * (1000-2000). Region parts: 2000 (2000-4000). */
	ds = world(CLAIM("r1", "a", "RU", "crimea", "'value': 1000, 'credibility': 1, " REP),
	           CLAIM("r2", "b", "RU", "crimea", "'value': 2000, 'credibility': 1, " REP),
	           CLAIM("r3", "c", "RU", "north", "'value': 1000, 'credibility': 1, " REP),
	           CLAIM("r4", "d", "RU", "north", "'value': 2000, 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	o = opts("2021-12-01", NULL);
	o.max_pairs = 1;
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 2000, 2000, 4000, 4, 4, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 0, 2);
	EXPECT_DISAGREEMENT(e, 0, "r1", "r2", 0.8, 0, 1);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* max_pairs 0 means 20 (section 6 and the options' defaults). */
static void test_max_pairs_default(void)
{
	/* Seven voices, pairwise disjoint, all current: weights (credibility
	 * 1) a 1.0, outlet2 1.0, b 0.8, outlet 0.8, us-gov 0.8, c 0.6, ua-gov
	 * 0.6 (>= 0.5). 7 x 6 / 2 = 21 pairs; the lightest, and the only one
	 * of 0.36, is (p6, p7). */
	ft_dataset *ds = world(CLAIM("p1", "a", "UA", "UA", "'value': 1000, 'credibility': 1, " REP),
	                       CLAIM("p2", "outlet2", "UA", "UA", "'value': 2000, 'credibility': 1, " REP),
	                       CLAIM("p3", "b", "UA", "UA", "'value': 3000, 'credibility': 1, " REP),
	                       CLAIM("p4", "outlet", "UA", "UA", "'value': 4000, 'credibility': 1, " REP),
	                       CLAIM("p5", "us-gov", "UA", "UA", "'value': 5000, 'credibility': 1, " REP),
	                       CLAIM("p6", "c", "UA", "UA", "'value': 6000, 'credibility': 1, " REP),
	                       CLAIM("p7", "ua-gov", "UA", "UA", "'value': 7000, 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	o.max_pairs = 0;
	ft_estimate e = FT_ESTIMATE_INIT;
	run(ds, "UA", "UA", NULL, &o, &e);
	/* Best: W = 5.6; entries 1000 (1.0) x2, 2000 (1.0) x2, 3000 (0.8) x2,
	 * ...; the running sum is 5.6 = W at the second 3000, next 4000:
	 * (3000 + 4000 + 1) / 2 = 3500. Low 1000, high 7000. 21 pairs counted,
	 * 20 listed: the heaviest (p1, p2) of 1.0 first, (p6, p7) left out. */
	EXPECT(e, 1, 3500, 1000, 7000, 7, 7, 1, 20);
	EXPECT_FLAGS(e, 0, 0, 0, 21);
	CHECK_U64(ft_estimate_options_of(&e)->max_pairs, 20);
	EXPECT_DISAGREEMENT(e, 0, "p1", "p2", 1.0, 0, 1);
	CU_ASSERT(!has_pair(&e, "p6", "p7"));
	char why[256];
	CU_ASSERT(ft_test_estimate_invariants(&e, why, sizeof why));
	ft_estimate_clear(&e);
	/* Room for all: 21 listed, the lightest last. */
	o.max_pairs = 100;
	run(ds, "UA", "UA", NULL, &o, &e);
	CHECK_U64(ft_estimate_disagreement_count(&e), 21);
	EXPECT_DISAGREEMENT(e, 20, "p6", "p7", 0.36, 0, 1);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* Section 6: the figure is not credible when the credible set falls back. */
static void test_not_credible(void)
{
	ft_dataset *ds = world(CLAIM("e1", "e", "RU", "crimea", "'value': 50000, " REP),
	                       CLAIM("e2", "e", "RU", "north", "'value': 50000, " REP),
	                       CLAIM("c2", "c", "RU", "north", "'value': 60000, " REP),
	                       CLAIM("a5", "a", "UA", "UA", "'value': 40000, 'credibility': 5, " REP),
	                       CLAIM("d5", "dpr-spox", "UA", "UA", "'value': 45000, 'credibility': 1, " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	o.no_rollup = 1;
	ft_estimate e = FT_ESTIMATE_INIT;

	/* Only a claim of a source graded E (E,6 = 0.1): the set falls back to
	 * it: 50000 (50000-50000), not credible. */
	run(ds, "RU", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 50000, 50000, 50000, 1, 1, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 1, 0);
	EXPECT_CURRENT(e, "e1", 1);
	CU_ASSERT_TRUE_FATAL(ft_estimate_part_count(&e) >= 1);
	EXPECT_PART_FLAGS(ft_estimate_part_at(&e, 0), 0, 0, 1, 0, 0, 1);
	ft_estimate_clear(&e);

	/* With one credible claim besides (c C,6 = 0.3 at 60000): the credible
	 * set is {c2}: 60000 (60000-60000), credible; e2 neither votes nor is
	 * current. */
	run(ds, "RU", "north", NULL, &o, &e);
	EXPECT(e, 1, 60000, 60000, 60000, 2, 2, 0, 0);
	EXPECT_FLAGS(e, 0, 0, 0, 0);
	EXPECT_CURRENT(e, "e2", 0);
	ft_estimate_clear(&e);

	/* Credibility 5 (A,5 = 0.2) and a source E by inheritance (dpr-spox ->
	 * dpr-hq, E,1 = 0.2): nothing credible, so both: entries 40000 (0.2)
	 * twice, 45000 (0.2) twice; W = 0.4 = the running sum at the second
	 * 40000, next 45000: (40000 + 45000 + 1) / 2 = 42500; both current:
	 * 40000-45000; disjoint, different voices: contested; not credible. */
	run(ds, "UA", "UA", NULL, &o, &e);
	EXPECT(e, 1, 42500, 40000, 45000, 2, 2, 1, 1);
	EXPECT_FLAGS(e, 0, 0, 1, 1);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* Section 3: of one voice at one node, an observation wins over a
 * projection, even one observed later. */
static void test_observation_beats_projection(void)
{
	ft_dataset *ds = world(
	    CLAIM("obs", "ua-mod", "RU", "border",
	          "'value': 100000, 'observed': '2021-11-25', 'reported': '2021-11-25'"),
	    CLAIM(
	        "proj", "ua-spox", "RU", "border",
	        "'value': 150000, 'kind': 'projection', 'observed': {'from': '2021-11-30', 'to': '2021-12-31'}, "
	        "'reported': '2021-11-28'"),
	    /* two projections of the voice at crimea: the usual order */
	    CLAIM(
	        "pa", "ua-mod", "RU", "crimea",
	        "'value': 130000, 'kind': 'projection', 'observed': {'from': '2021-11-20', 'to': '2021-12-31'}, "
	        "'reported': '2021-11-20'"),
	    CLAIM(
	        "pb", "ua-spox", "RU", "crimea",
	        "'value': 140000, 'kind': 'projection', 'observed': {'from': '2021-11-25', 'to': '2021-12-31'}, "
	        "'reported': '2021-11-25'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-01", NULL);
	o.no_rollup = 1;
	ft_estimate e = FT_ESTIMATE_INIT;

	/* Without projections: proj is `projection`, obs counts. */
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 100000, 100000, 100000, 1, 1, 0, 0);
	EXPECT_STATUS(e, "proj", FT_STATUS_PROJECTION);
	ft_estimate_clear(&e);

	/* With them: both reach rule 8, one voice (ua-gov) at one node. The
	 * projection's span starts later (11-30 > 11-25), which used to win;
	 * now an observation beats a projection: obs counted, proj
	 * same-voice. obs: ua-mod F -> ua-gov C, 0.6 x 0.5, observed 11-25,
	 * age 12-01 - 11-26 = 5: 0.3 x 0.5^(5/14) = 0.23421; 100000. */
	o.include_projections = 1;
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT(e, 1, 100000, 100000, 100000, 1, 1, 0, 0);
	EXPECT_STATUS(e, "obs", FT_STATUS_COUNTED);
	EXPECT_STATUS(e, "proj", FT_STATUS_SAME_VOICE);
	EXPECT_WEIGHT(e, "obs", 0.3 * pow(0.5, 5.0 / 14.0));
	ft_estimate_clear(&e);

	/* Two projections: the later observed start wins (pb, 11-25 over
	 * 11-20); its span contains T: age 0; 140000. */
	run(ds, "RU", "crimea", NULL, &o, &e);
	EXPECT(e, 1, 140000, 140000, 140000, 1, 1, 0, 0);
	EXPECT_STATUS(e, "pa", FT_STATUS_SAME_VOICE);
	EXPECT_STATUS(e, "pb", FT_STATUS_COUNTED);
	ft_estimate_clear(&e);
	ft_dataset_free(ds);
}

/* half_life_days (section 4): D = 0.5^(age / H), 0 meaning 14. */
static void test_half_life_option(void)
{
	ft_dataset *ds = world(CLAIM("h", "a", "RU", "border",
	                             "'value': 1000, 'credibility': 1, 'observed': '2021-12-01', " REP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_estimate_options o = opts("2021-12-10", NULL);
	ft_estimate e = FT_ESTIMATE_INIT;
	/* Observed 12-01 at T = 12-10: age 8 (section 4). H = 7: A,1 x
	 * 0.5^(8/7) = 0.45286. */
	o.half_life_days = 7;
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT_WEIGHT(e, "h", pow(0.5, 8.0 / 7.0));
	CU_ASSERT_DOUBLE_EQUAL(ft_estimate_options_of(&e)->half_life_days, 7.0, 1e-12);
	ft_estimate_clear(&e);
	/* H = 0: the default 14: 0.5^(8/14) = 0.67295, and the options say 14. */
	o.half_life_days = 0;
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT_WEIGHT(e, "h", pow(0.5, 8.0 / 14.0));
	CU_ASSERT_DOUBLE_EQUAL(ft_estimate_options_of(&e)->half_life_days, 14.0, 1e-12);
	ft_estimate_clear(&e);
	/* H = 2.5, a fraction of a day: 0.5^(8/2.5) = 0.5^3.2 = 0.10882. */
	o.half_life_days = 2.5;
	run(ds, "RU", "border", NULL, &o, &e);
	EXPECT_WEIGHT(e, "h", pow(0.5, 3.2));
	ft_estimate_clear(&e);

	/* A timeline passes it to every point: at 12-10, 0.5^(8/7) again. */
	ft_timeline_options to = FT_TIMELINE_OPTIONS_INIT;
	to.estimate.half_life_days = 7;
	ft_timeline tl = FT_TIMELINE_INIT;
	run_timeline(ds, "2021-12-10", "2021-12-10", 1, &to, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 1);
	EXPECT_WEIGHT(*ft_timeline_point_at(&tl, 0), "h", pow(0.5, 8.0 / 7.0));
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

/* Section 9: a timeline answers as known then (K = each point's date), or
 * with one fixed K, or with hindsight. */
static void test_timeline_as_known_then(void)
{
	/* kt3 is observed 11-21 but reported 11-23, the day after the point
	 * dated 11-22. */
	ft_dataset *ds = world(CLAIM("kt1", "b", "RU", "border",
	                             "'value': 90000, 'observed': '2021-10-25', 'reported': '2021-10-25'"),
	                       CLAIM("kt3", "c", "RU", "border",
	                             "'value': 120000, 'observed': '2021-11-21', 'reported': '2021-11-23'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	o.all_contributions = 1;
	ft_timeline tl = FT_TIMELINE_INIT;
	ft_time d22 = tm("2021-11-22"), d23 = tm("2021-11-23");

	/* Points 11-01, 11-08, 11-15, 11-22, 11-29. As known then: at 11-22
	 * (K = 11-22) kt3 is not yet reported: kt1 alone, 90000. At 11-29
	 * both: kt1 B,6 0.4, age 11-29 - 10-26 = 34: 0.4 x 0.5^(34/14) =
	 * 0.07422; kt3 C,6 0.3, age 11-29 - 11-22 = 7: 0.3 x 0.5^(7/14) =
	 * 0.21213; entries 90000 (0.074) twice, 120000 (0.212) twice, W =
	 * 0.28635, running 0.074, 0.148, 0.361 >= W at the first 120000:
	 * 120000; only kt3 current (0.074 < 0.106): 120000-120000. Alert: at
	 * i=4 against point 0 (90000): +33%: 0 -> 4, claims kt3. */
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 5);
	CHECK_U64(ft_timeline_point_at(&tl, 3)->best, 90000);
	EXPECT_STATUS(*ft_timeline_point_at(&tl, 3), "kt3", FT_STATUS_NOT_YET_REPORTED);
	CU_ASSERT_EQUAL(
	    ft_time_compare(&ft_estimate_options_of(ft_timeline_point_at(&tl, 3))->known_on, &d22), 0);
	CHECK_U64(ft_timeline_point_at(&tl, 4)->best, 120000);
	CHECK_U64(ft_timeline_point_at(&tl, 4)->low, 120000);
	CHECK_U64(ft_timeline_alert_count(&tl), 1);
	if (ft_timeline_alert_count(&tl) >= 1) {
		CHECK_U64(ft_timeline_alert_at(&tl, 0)->from, 0);
		CHECK_U64(ft_timeline_alert_at(&tl, 0)->to, 4);
		CU_ASSERT(alert_has_claim(ft_timeline_alert_at(&tl, 0), "kt3"));
	}
	for (size_t i = 0; i < ft_timeline_point_count(&tl); i++)
		expect_point_is_estimate(ds, "RU", "border", &o, &tl, i);
	ft_timeline_clear(&tl);

	/* Hindsight: at 11-22 everything is known: kt1 0.4 x 0.5^(27/14) =
	 * 0.10506 (age 11-22 - 10-26 = 27), kt3 0.3 (age 0); entries 90000
	 * (0.105) twice, 120000 (0.3) twice; W = 0.40506; running 0.105,
	 * 0.210, 0.510 >= W: 120000; kt1 not current (0.105 < 0.15):
	 * 120000-120000. The alert moves to 0 -> 3. No K on the points. */
	o.hindsight = 1;
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 5);
	CHECK_U64(ft_timeline_point_at(&tl, 3)->best, 120000);
	CHECK_U64(ft_timeline_point_at(&tl, 3)->low, 120000);
	EXPECT_STATUS(*ft_timeline_point_at(&tl, 3), "kt3", FT_STATUS_COUNTED);
	EXPECT_WEIGHT(*ft_timeline_point_at(&tl, 3), "kt1", 0.4 * pow(0.5, 27.0 / 14.0));
	CU_ASSERT_FALSE(ft_time_is_set(&ft_estimate_options_of(ft_timeline_point_at(&tl, 3))->known_on));
	CHECK_U64(ft_timeline_alert_count(&tl), 1);
	if (ft_timeline_alert_count(&tl) >= 1)
		CHECK_U64(ft_timeline_alert_at(&tl, 0)->to, 3);
	for (size_t i = 0; i < ft_timeline_point_count(&tl); i++)
		expect_point_is_estimate(ds, "RU", "border", &o, &tl, i);
	ft_timeline_clear(&tl);
	o.hindsight = 0;

	/* A fixed K = 11-23 for every point: at 11-22 kt3 is known: 120000,
	 * as with hindsight; the point's K is 11-23. */
	o.estimate.known_on = d23;
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 5);
	CHECK_U64(ft_timeline_point_at(&tl, 3)->best, 120000);
	CU_ASSERT_EQUAL(
	    ft_time_compare(&ft_estimate_options_of(ft_timeline_point_at(&tl, 3))->known_on, &d23), 0);
	for (size_t i = 0; i < ft_timeline_point_count(&tl); i++)
		expect_point_is_estimate(ds, "RU", "border", &o, &tl, i);
	ft_timeline_clear(&tl);

	/* A fixed K = 11-22: kt3 is never known, even at 11-29: kt1 alone,
	 * 90000 at every point, no alert. */
	o.estimate.known_on = d22;
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 5);
	CHECK_U64(ft_timeline_point_at(&tl, 4)->best, 90000);
	EXPECT_STATUS(*ft_timeline_point_at(&tl, 4), "kt3", FT_STATUS_NOT_YET_REPORTED);
	CHECK_U64(ft_timeline_alert_count(&tl), 0);
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

/* Section 9: a rise that starts from no estimate is compared with the
 * first point that had one. */
static void test_timeline_rise_from_none(void)
{
	ft_dataset *ds = world(CLAIM("ra1", "b", "RU", "border",
	                             "'value': 100000, 'observed': '2021-11-05', 'reported': '2021-11-05'"),
	                       CLAIM("ra2", "b", "RU", "border",
	                             "'value': 150000, 'observed': '2021-11-20', 'reported': '2021-11-20'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	ft_timeline tl = FT_TIMELINE_INIT;
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	/* Points: 11-01 none (ra1 observed 11-05); 11-08, 11-15: ra1, 100000;
	 * 11-22, 11-29: ra2 wins voice b, 150000. i=1: its window 10-09 to
	 * 11-01 holds point 0 only, which has no estimate: no j. i=2: j = 1,
	 * no change. i=3: window from 10-23: points 0, 1, 2, the earliest with
	 * an estimate is 1: +50000 on 100000 = 50% > 10%, and i=2 did not
	 * exceed: alert 1 -> 3 (changed: the old rule compared with point 0,
	 * which had none, and raised nothing). Claims counted at 3, not at 1,
	 * known on 11-22: ra2. i=4: j = 1, exceeds, but so did i=3: none. */
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 5);
	CHECK_FLAG(ft_timeline_point_at(&tl, 0)->has_value, 0);
	static const uint64_t best[] = {0, 100000, 100000, 150000, 150000};
	for (size_t i = 0; i < 5; i++)
		CHECK_U64(ft_timeline_point_at(&tl, i)->best, best[i]);
	CHECK_U64(ft_timeline_alert_count(&tl), 1);
	if (ft_timeline_alert_count(&tl) >= 1) {
		const ft_alert *a = ft_timeline_alert_at(&tl, 0);
		CHECK_U64(a->from, 1);
		CHECK_U64(a->to, 3);
		CU_ASSERT_EQUAL(a->change, 50000);
		CU_ASSERT_DOUBLE_EQUAL(a->relative, 0.5, 1e-9);
		CHECK_U64(a->n_claims, 1);
		CU_ASSERT(alert_has_claim(a, "ra2"));
	}
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

/* Section 9: an alert lists the claims that moved it and are known at
 * its point's date. */
static void test_timeline_alert_claims_known(void)
{
	ft_dataset *ds = world(CLAIM("hk1", "b", "RU", "border",
	                             "'value': 90000, 'observed': '2021-10-25', 'reported': '2021-10-25'"),
	                       CLAIM("hk2", "b", "RU", "border",
	                             "'value': 120000, 'observed': '2021-11-20', 'reported': '2021-12-10'"),
	                       CLAIM("hk3", "a", "RU", "border",
	                             "'value': 120000, 'observed': '2021-11-21', 'reported': '2021-11-21'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	o.hindsight = 1;
	ft_timeline tl = FT_TIMELINE_INIT;
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	/* Hindsight: points 0-2 have hk1 alone, 90000; at 11-22 hk2 (observed
	 * 11-20) wins voice b over hk1, and hk3 counts for a: both say 120000
	 * exactly, so best 120000 whatever the weights. Alert 0 -> 3 (+33%);
	 * counted at 3 and not at 0: hk2 and hk3, but hk2 was reported 12-10,
	 * after 11-22: the alert lists hk3 only. */
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 5);
	CHECK_U64(ft_timeline_point_at(&tl, 3)->best, 120000);
	EXPECT_STATUS(*ft_timeline_point_at(&tl, 3), "hk2", FT_STATUS_COUNTED);
	CHECK_U64(ft_timeline_alert_count(&tl), 1);
	if (ft_timeline_alert_count(&tl) >= 1) {
		const ft_alert *a = ft_timeline_alert_at(&tl, 0);
		CHECK_U64(a->from, 0);
		CHECK_U64(a->to, 3);
		CHECK_U64(a->n_claims, 1);
		CU_ASSERT(alert_has_claim(a, "hk3"));
		CU_ASSERT(!alert_has_claim(a, "hk2"));
	}
	ft_timeline_clear(&tl);

	/* As known then: at 11-22 hk2 is unknown; hk1 (B,6, age 27: 0.4 x
	 * 0.5^(27/14) = 0.105) and hk3 (A,6 0.5, age 0): entries 90000 (0.105)
	 * twice, 120000 (0.5) twice, W = 0.605, running 0.105, 0.210, 0.710:
	 * 120000. Alert 0 -> 3, moved by hk3 alone (hk1 counted at both). */
	o.hindsight = 0;
	run_timeline(ds, "2021-11-01", "2021-12-01", 7, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 5);
	CHECK_U64(ft_timeline_point_at(&tl, 3)->best, 120000);
	CHECK_U64(ft_timeline_alert_count(&tl), 1);
	if (ft_timeline_alert_count(&tl) >= 1) {
		CHECK_U64(ft_timeline_alert_at(&tl, 0)->to, 3);
		CHECK_U64(ft_timeline_alert_at(&tl, 0)->n_claims, 1);
		CU_ASSERT(alert_has_claim(ft_timeline_alert_at(&tl, 0), "hk3"));
	}
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

/* Section 9: a point keeps the number of its disagreeing pairs, and the
 * pairs only with keep_pairs. */
static void test_timeline_keep_pairs(void)
{
	ft_dataset *ds = world(CLAIM("kp1", "b", "RU", "border",
	                             "'value': 90000, 'observed': '2021-11-20', 'reported': '2021-11-20'"),
	                       CLAIM("kp2", "c", "RU", "border",
	                             "'value': 120000, 'observed': '2021-11-20', 'reported': '2021-11-20'"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	ft_timeline tl = FT_TIMELINE_INIT;
	/* One point, 11-22: age 11-22 - 11-21 = 1 for both; kp1 B,6 0.4 x
	 * 0.5^(1/14), kp2 C,6 0.3 x 0.5^(1/14): both current (0.3 >= 0.2);
	 * disjoint: one pair of 0.12 x 0.5^(2/14) = 0.108687. */
	run_timeline(ds, "2021-11-22", "2021-11-22", 7, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 1);
	const ft_estimate *p = ft_timeline_point_at(&tl, 0);
	CHECK_FLAG(p->contested, 1);
	CHECK_U64(p->pairs, 1);
	CHECK_U64(ft_estimate_disagreement_count(p), 0);
	ft_timeline_clear(&tl);
	o.keep_pairs = 1;
	run_timeline(ds, "2021-11-22", "2021-11-22", 7, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 1);
	p = ft_timeline_point_at(&tl, 0);
	CHECK_U64(p->pairs, 1);
	CHECK_U64(ft_estimate_disagreement_count(p), 1);
	EXPECT_DISAGREEMENT(*p, 0, "kp1", "kp2", 0.12 * pow(0.5, 2.0 / 14.0), 0, 1);
	CU_ASSERT_EQUAL(ft_timeline_options_of(&tl)->keep_pairs, 1);
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

/* The claims of SWEEP_CLAIMS and two more for the sweep's edges: q1 is
 * live on 12-01 and 12-02 only with a staleness horizon of 1 day (stale
 * once T begins more than a day after its observed end), which a grid by
 * 3 days from 09-25 steps over (11-30, then 12-03: 66 and 69 days on); q2,
 * in a sub-region, supersedes m3 of a child actor's node from 12-10. */
#define SWEEP_EDGES                                                                                          \
	SWEEP_CLAIMS,                                                                                        \
	    CLAIM("q1", "a", "RU", "border",                                                                 \
	          "'value': 50000, 'observed': '2021-12-01', 'reported': '2021-12-01'"),                     \
	    CLAIM("q2", "b", "LPR", "north",                                                                 \
	          "'value': 7000, 'observed': '2021-12-08', 'reported': '2021-12-10', 'supersedes': ['m3']")

/* A timeline that keeps only counted claims (the default) walks its
 * candidates once in date order (estimate/sweep.c): claims enter and
 * leave the live set as the grid advances. Every point of every variant
 * must be exactly the estimate computed alone at its date, field by field
 * (estimate-same.h), and every counted claim's rule must print the point's
 * own weight as printf's "%.3f" does: as known then, with a fixed K and
 * with hindsight; by 1, 2, 3 and 7 days; with staleness horizons that
 * fall on and between grid days; with every method, without roll-up, with
 * pairs kept and projections included. */
static void test_sweep_points_are_estimates(void)
{
	ft_dataset *ds = world(SWEEP_EDGES);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	const ft_actor *ru = ft_dataset_find_actor(ds, "RU");
	const ft_region *border = ft_dataset_find_region(ds, "border");
	const ft_claim *q1 = ft_dataset_find_claim(ds, "q1");
	const ft_claim *m3 = ft_dataset_find_claim(ds, "m3");
	for (int variant = 0; variant < 14; variant++) {
		ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
		o.from = tm("2021-09-25");
		o.to = tm("2022-03-31");
		o.step_days = 1;
		switch (variant) {
		case 1: o.step_days = 3; break;
		case 2: o.step_days = 7; break;
		case 3: o.estimate.known_on = tm("2021-11-14"); break;
		case 4: o.hindsight = 1; break;
		case 5: o.estimate.staleness_days = 20; break;
		case 6:
			o.estimate.staleness_days = 1;
			o.step_days = 3;
			break;
		case 7: o.estimate.staleness_days = -1; break;
		case 8: o.estimate.method = FT_METHOD_LATEST; break;
		case 9: o.estimate.method = FT_METHOD_MEDIAN; break;
		case 10: o.estimate.no_rollup = 1; break;
		case 11:
			o.keep_pairs = 1;
			o.estimate.max_pairs = 1;
			break;
		case 12: o.estimate.include_projections = 1; break;
		case 13:
			o.estimate.half_life_days = 7;
			o.step_days = 2;
			break;
		default: break;
		}
		ft_timeline tl = FT_TIMELINE_INIT;
		ft_error err;
		CU_ASSERT_EQUAL_FATAL(ft_timeline_compute(ds, ru, border, NULL, &o, &tl, &err), 0);
		size_t counted = 0, valued = 0, q1_counted = 0, m3_counted = 0;
		for (size_t i = 0; i < ft_timeline_point_count(&tl); i++) {
			const ft_estimate *p = ft_timeline_point_at(&tl, i);
			CU_ASSERT_PTR_NOT_NULL_FATAL(p);
			valued += p->has_value ? 1 : 0;
			for (size_t k = 0; k < ft_estimate_contribution_count(p); k++) {
				const ft_contribution *c = ft_estimate_contribution_at(p, k);
				CU_ASSERT_EQUAL(c->status, FT_STATUS_COUNTED);
				counted++;
				q1_counted += c->claim == q1;
				m3_counted += c->claim == m3;
				char weight[64];
				g_snprintf(weight, sizeof weight, "weight %.3f", c->weight);
				CU_ASSERT_PTR_NOT_NULL(strstr(c->rule, weight));
			}
			expect_point_is_estimate(ds, "RU", "border", &o, &tl, i);
		}
		/* The grid meets counted claims and points without an estimate
		 * (09-25, before any claim is reported), or it tests little. */
		CU_ASSERT(counted > 0);
		CU_ASSERT(valued > 0 && valued < ft_timeline_point_count(&tl));
		/* q1 counts on 12-01 and 12-02 only with a 1-day horizon: the grid
		 * by 3 days steps over both. With 90 days, from 12-01 until
		 * 12-02 + 90 days = 03-02 begins after its span: 31 + 31 + 28 +
		 * 1 = 91 days. */
		if (variant == 6) {
			CHECK_U64(q1_counted, 0);
		}
		if (variant == 0) {
			CHECK_U64(q1_counted, 91);
		}
		/* m3 (LPR in border, observed 10-28) counts from 10-29 until q2
		 * supersedes it on 12-10, 42 days; with hindsight never, as q2 is
		 * known from the first point. */
		if (variant == 0) {
			CHECK_U64(m3_counted, 42);
		}
		if (variant == 4) {
			CHECK_U64(m3_counted, 0);
		}
		ft_timeline_clear(&tl);
	}
	ft_dataset_free(ds);
}

/* The counted claim of `id` at a point, or NULL. */
static const ft_contribution *counted_at(const ft_estimate *p, const char *id)
{
	const ft_contribution *c = contribution(p, id);
	return c && c->status == FT_STATUS_COUNTED ? c : NULL;
}

/*
 * A daily timeline worked by hand through entries, leaves, a voice's
 * change of claim, a retraction and a staleness horizon that passes on a
 * grid day, as known then, with a fixed K and with hindsight. Staleness 4
 * days: a claim is stale once T begins more than 4 days after its observed
 * span ends. Weights (section 4): b and c graded 2 (0.8); h1 and h3 of
 * source b, 0.8 x 0.8 = 0.64; h2 of c, 0.6 x 0.8 = 0.48.
 */
static void test_sweep_by_hand(void)
{
	ft_dataset *ds = world(
	    CLAIM("h1", "b", "RU", "border",
	          "'value': 100000, 'observed': '2021-11-01', 'reported': '2021-11-03', 'credibility': 2"),
	    CLAIM("h2", "c", "RU", "border",
	          "'value': 130000, 'observed': '2021-11-04', 'reported': '2021-11-04', 'retracted': "
	          "'2021-11-06', 'credibility': 2"),
	    CLAIM("h3", "b", "RU", "border",
	          "'value': 90000, 'observed': '2021-11-05', 'reported': '2021-11-05', 'credibility': 2"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	const double d1 = pow(0.5, 1.0 / 14), d2 = pow(0.5, 2.0 / 14), d3 = pow(0.5, 3.0 / 14);
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	o.estimate.staleness_days = 4;
	ft_timeline tl;

	/* As known then, 11-02 to 11-07 by days. */
	run_timeline(ds, "2021-11-02", "2021-11-07", 1, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 6);
	/* 11-02: h1 is reported on 11-03, after K: no estimate. */
	EXPECT(*ft_timeline_point_at(&tl, 0), 0, 0, 0, 0, 0, 0, 0, 0);
	/* 11-03: h1 alone, age 11-03 - 11-02 = 1 day: 0.64 x 0.5^(1/14) =
	 * 0.6091; exact 100,000. */
	const ft_estimate *p = ft_timeline_point_at(&tl, 1);
	EXPECT(*p, 1, 100000, 100000, 100000, 1, 1, 0, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(counted_at(p, "h1"));
	CU_ASSERT_DOUBLE_EQUAL(counted_at(p, "h1")->weight, 0.64 * d1, 1e-12);
	CU_ASSERT_PTR_NOT_NULL(strstr(counted_at(p, "h1")->rule, "weight 0.609;"));
	/* 11-04: h1 age 2, 0.64 x 0.5^(2/14) = 0.5797; h2 enters, age 0,
	 * 0.48. W = 1.0597; entries 100,000 (0.5797) twice, then 130,000:
	 * the second 100,000 reaches 1.1593 >= W: best 100,000. Both weigh
	 * at least 0.5797 / 2: low 100,000, high 130,000; disjoint, of two
	 * voices: contested, one pair. */
	p = ft_timeline_point_at(&tl, 2);
	EXPECT(*p, 1, 100000, 100000, 130000, 2, 2, 1, 0);
	CHECK_U64(p->pairs, 1);
	CU_ASSERT_DOUBLE_EQUAL(counted_at(p, "h1")->weight, 0.64 * d2, 1e-12);
	CU_ASSERT_PTR_NOT_NULL(strstr(counted_at(p, "h1")->rule, "weight 0.580;"));
	CU_ASSERT_DOUBLE_EQUAL(counted_at(p, "h2")->weight, 0.48, 1e-12);
	/* 11-05: h3 (observed 11-05) outvotes h1 for voice b; h3 age 0,
	 * 0.64; h2 still age 0 (its span ends as 11-05 begins), 0.48. W =
	 * 1.12; 90,000 twice reaches 1.28: best 90,000; both current (0.48 >= 0.32):
	 * 90,000-130,000, contested. h1 is not stale yet: 11-05 - 4 days is
	 * 11-01, where its span ends. */
	p = ft_timeline_point_at(&tl, 3);
	EXPECT(*p, 1, 90000, 90000, 130000, 2, 2, 1, 0);
	CU_ASSERT_PTR_NULL(counted_at(p, "h1"));
	CU_ASSERT_DOUBLE_EQUAL(counted_at(p, "h2")->weight, 0.48, 1e-12);
	CU_ASSERT_PTR_NOT_NULL(strstr(counted_at(p, "h2")->rule, "weight 0.480;"));
	/* 11-06: h2's retraction is known; h1 is stale (11-06 - 4 days =
	 * 11-02 begins after its span); h3, age 0: 90,000 alone. */
	p = ft_timeline_point_at(&tl, 4);
	EXPECT(*p, 1, 90000, 90000, 90000, 1, 1, 0, 0);
	CU_ASSERT_DOUBLE_EQUAL(counted_at(p, "h3")->weight, 0.64, 1e-12);
	/* 11-07: h3, age 1, 0.6091. */
	p = ft_timeline_point_at(&tl, 5);
	EXPECT(*p, 1, 90000, 90000, 90000, 1, 1, 0, 0);
	CU_ASSERT_DOUBLE_EQUAL(counted_at(p, "h3")->weight, 0.64 * d1, 1e-12);
	for (size_t i = 0; i < 6; i++)
		expect_point_is_estimate(ds, "RU", "border", &o, &tl, i);
	ft_timeline_clear(&tl);

	/* K fixed on 11-04: h3 is never known, nor h2's retraction. 11-05:
	 * h1 age 3, 0.64 x 0.5^(3/14) = 0.5517, and h2 age 0, 0.48: W =
	 * 1.0317, the second 100,000 reaches 1.1033: best 100,000. 11-06: h1
	 * is stale, h2 (age 1, 0.4568, "0.457") alone: 130,000. */
	o.estimate.known_on = tm("2021-11-04");
	run_timeline(ds, "2021-11-05", "2021-11-06", 1, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 2);
	p = ft_timeline_point_at(&tl, 0);
	EXPECT(*p, 1, 100000, 100000, 130000, 2, 2, 1, 0);
	CU_ASSERT_DOUBLE_EQUAL(counted_at(p, "h1")->weight, 0.64 * d3, 1e-12);
	p = ft_timeline_point_at(&tl, 1);
	EXPECT(*p, 1, 130000, 130000, 130000, 1, 1, 0, 0);
	CU_ASSERT_DOUBLE_EQUAL(counted_at(p, "h2")->weight, 0.48 * d1, 1e-12);
	CU_ASSERT_PTR_NOT_NULL(strstr(counted_at(p, "h2")->rule, "weight 0.457;"));
	for (size_t i = 0; i < 2; i++)
		expect_point_is_estimate(ds, "RU", "border", &o, &tl, i);
	ft_timeline_clear(&tl);

	/* Hindsight: everything is known, h2 is retracted at every point.
	 * 11-02: h1, age 0, 100,000; 11-05: h3 outvotes it, 90,000. */
	o.estimate.known_on = tm("2021-11-04");
	memset(&o.estimate.known_on, 0, sizeof o.estimate.known_on);
	o.hindsight = 1;
	run_timeline(ds, "2021-11-02", "2021-11-05", 3, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 2);
	p = ft_timeline_point_at(&tl, 0);
	EXPECT(*p, 1, 100000, 100000, 100000, 1, 1, 0, 0);
	CU_ASSERT_DOUBLE_EQUAL(counted_at(p, "h1")->weight, 0.64, 1e-12);
	p = ft_timeline_point_at(&tl, 1);
	EXPECT(*p, 1, 90000, 90000, 90000, 1, 1, 0, 0);
	for (size_t i = 0; i < 2; i++)
		expect_point_is_estimate(ds, "RU", "border", &o, &tl, i);
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

/*
 * A timeline's points share a claim's rule with the point before when it
 * reads the same, and only then. None of q1, q2, q3 decays on the grid
 * (their observed spans run to 12-31), so q1 weighs the same 0.4 x 0.8 =
 * 0.32 (source d graded 2) at every point, while what its rule says about
 * the range changes: q2 (source a graded 1: 1.0) comes on 11-04 and is
 * retracted on 11-06, when q3 (source b graded 1: 0.8) comes.
 */
static void test_sweep_shared_rules(void)
{
	ft_dataset *ds = world(
	    CLAIM("q1", "d", "RU", "border",
	          "'value': 100000, 'observed': {'from': '2021-11-01', 'to': '2021-12-31'}, 'reported': "
	          "'2021-11-01', 'credibility': 2"),
	    CLAIM("q2", "a", "RU", "border",
	          "'value': 120000, 'observed': {'from': '2021-11-04', 'to': '2021-12-31'}, 'reported': "
	          "'2021-11-04', 'retracted': '2021-11-06', 'credibility': 1"),
	    CLAIM("q3", "b", "RU", "border",
	          "'value': 110000, 'observed': {'from': '2021-11-06', 'to': '2021-12-31'}, 'reported': "
	          "'2021-11-06', 'credibility': 1"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	ft_timeline tl;
	run_timeline(ds, "2021-11-02", "2021-11-06", 1, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 5);
	const char *rule[5];
	for (size_t i = 0; i < 5; i++) {
		const ft_contribution *c = counted_at(ft_timeline_point_at(&tl, i), "q1");
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		CU_ASSERT_DOUBLE_EQUAL(c->weight, 0.32, 1e-12);
		rule[i] = c->rule;
		expect_point_is_estimate(ds, "RU", "border", &o, &tl, i);
	}
	/* 11-02 and 11-03: q1 alone, current: one line for both. */
	EXPECT(*ft_timeline_point_at(&tl, 0), 1, 100000, 100000, 100000, 1, 1, 0, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(rule[0], "weight 0.320; current: sets 100,000"));
	CU_ASSERT_PTR_EQUAL(rule[1], rule[0]);
	/* 11-04: q2 weighs 1.0, and q1's 0.32 is under its half: the same
	 * weight, but no longer current, so a line of its own. W = 1.32; the
	 * entries 100,000 (0.32) twice reach 0.64, then 120,000 reaches 1.64:
	 * best 120,000, the range q2's alone. 11-05 reads as 11-04. */
	EXPECT(*ft_timeline_point_at(&tl, 2), 1, 120000, 120000, 120000, 2, 2, 0, 0);
	CU_ASSERT(rule[2] != rule[1]);
	CU_ASSERT_PTR_NOT_NULL(
	    strstr(rule[2], "weight 0.320; under half the heaviest (1.000): sets no range"));
	CU_ASSERT_PTR_EQUAL(rule[3], rule[2]);
	/* 11-06: q2's retraction is known and q3 (0.8) is the heaviest; q1 is
	 * still under its half (0.4), but the heaviest it names changed. W =
	 * 1.12; 100,000 twice reaches 0.64, then 110,000 reaches 1.44: best
	 * 110,000. */
	EXPECT(*ft_timeline_point_at(&tl, 4), 1, 110000, 110000, 110000, 2, 2, 0, 0);
	CU_ASSERT(rule[4] != rule[3]);
	CU_ASSERT_PTR_NOT_NULL(
	    strstr(rule[4], "weight 0.320; under half the heaviest (0.800): sets no range"));
	ft_timeline_clear(&tl);

	/* Method latest: q1 is the latest claim up to 11-03, then q2 (observed
	 * from 11-04) is: the same weight and no heaviest named, but q1 is no
	 * longer the claim the method takes. */
	o.estimate.method = FT_METHOD_LATEST;
	run_timeline(ds, "2021-11-02", "2021-11-05", 1, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 4);
	for (size_t i = 0; i < 4; i++) {
		rule[i] = counted_at(ft_timeline_point_at(&tl, i), "q1")->rule;
		expect_point_is_estimate(ds, "RU", "border", &o, &tl, i);
	}
	CU_ASSERT_PTR_NOT_NULL(strstr(rule[0], "weight 0.320; the latest of the credible claims"));
	CU_ASSERT_PTR_EQUAL(rule[1], rule[0]);
	CU_ASSERT_PTR_NOT_NULL(strstr(rule[2], "weight 0.320; not the latest"));
	CU_ASSERT_PTR_EQUAL(rule[3], rule[2]);
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

/*
 * A point larger than the store's first block: 800 voices, each with one
 * claim of RU in border, all counted at every point of a week, so that
 * each point's 800 contributions (76,800 bytes at 96 bytes each) are more
 * than the first block's 64 KiB and the store must make a block to fit
 * them. Each point is still its estimate alone.
 */
static void test_sweep_wide_point(void)
{
	GString *json =
	    g_string_new("{\"forcetrack\": \"1.0\", \"actors\": [{\"id\": \"RU\", \"name\": \"Russia\"}], "
	                 "\"regions\": [{\"id\": \"border\", \"name\": \"Border\"}], \"sources\": [");
	for (int i = 0; i < 800; i++)
		g_string_append_printf(json,
		                       "%s{\"id\": \"s%d\", \"name\": \"Source %d\", \"reliability\": \"B\"}",
		                       i ? ", " : "", i, i);
	g_string_append(json, "], \"claims\": [");
	for (int i = 0; i < 800; i++)
		g_string_append_printf(
		    json,
		    "%s{\"id\": \"c%d\", \"source\": \"s%d\", \"subject\": \"RU\", \"region\": "
		    "\"border\", \"value\": %d, \"observed\": \"2021-11-01\", \"reported\": "
		    "\"2021-11-01\"}",
		    i ? ", " : "", i, i, 1000 + i);
	g_string_append(json, "]}");
	ft_error err;
	ft_dataset *ds = ft_dataset_load_buffer(json->str, json->len, "wide.json", NULL, &err);
	g_string_free(json, TRUE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	ft_timeline tl;
	run_timeline(ds, "2021-11-02", "2021-11-08", 1, &o, &tl);
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 7);
	for (size_t i = 0; i < 7; i++) {
		/* All 800 count, of 800 voices. */
		CHECK_U64(ft_estimate_contribution_count(ft_timeline_point_at(&tl, i)), 800);
		CHECK_U64(ft_timeline_point_at(&tl, i)->voices, 800);
		expect_point_is_estimate(ds, "RU", "border", &o, &tl, i);
	}
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

/*
 * A long timeline: six years of daily points (2021-09-25 to 2027-09-24,
 * 2,191 points) with no staleness horizon, so that every claim counts to
 * the end, decaying: its points keep some 2 MB of contributions and rules,
 * in many blocks of the timeline's store, and every point is still its
 * estimate alone (a point whose contributions or rules crossed a block's
 * end, or lay in a block given back, would not be; ASan and valgrind read
 * them all).
 */
static void test_sweep_long(void)
{
	ft_dataset *ds = world(SWEEP_CLAIMS);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	ft_timeline_options o = FT_TIMELINE_OPTIONS_INIT;
	o.estimate.staleness_days = -1;
	ft_timeline tl;
	run_timeline(ds, "2021-09-25", "2027-09-24", 1, &o, &tl);
	/* 2021-09-25 to 2027-09-25 is 6 x 365 days and 2024-02-29: 2,191
	 * days, a point on each up to 2027-09-24. */
	CU_ASSERT_FATAL(ft_timeline_point_count(&tl) == 2191);
	size_t counted = 0;
	for (size_t i = 0; i < ft_timeline_point_count(&tl); i++) {
		counted += ft_estimate_contribution_count(ft_timeline_point_at(&tl, i));
		expect_point_is_estimate(ds, "RU", "border", &o, &tl, i);
	}
	/* From 2021-11-26 (62 days after 09-25) on, k2, s2, m1, m2, m3 and
	 * m4 count at every point: more than 4 claims at each of 2,191 - 62 =
	 * 2,129 points. */
	CU_ASSERT(counted > 4 * 2129);
	ft_timeline_clear(&tl);
	ft_dataset_free(ds);
}

/* Every estimate of the example dataset, for each actor in each region at
 * several dates, known now and known then, with and without projections,
 * keeps the rules of every estimate: low <= best <= high, open below only
 * with low 0, and the rest of ft_test_estimate_invariants. */
static void test_example_invariants(void)
{
	ft_dataset *ds = example();
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	static const char *const dates[] = {"2021-11-20", "2021-11-30", "2021-12-01", "2021-12-03",
	                                    "2021-12-10", "2022-01-15", "2022-02-01", "2022-06-01"};
	size_t valued = 0, open_below = 0, open_above = 0;
	for (size_t d = 0; d < G_N_ELEMENTS(dates); d++)
		for (int known = 0; known < 2; known++)
			for (int proj = 0; proj < 2; proj++)
				for (size_t a = 0; a < ft_dataset_actor_count(ds); a++)
					for (size_t r = 0; r < ft_dataset_region_count(ds); r++) {
						ft_estimate_options o =
						    opts(dates[d], known ? dates[d] : NULL);
						o.include_projections = proj;
						ft_estimate e = FT_ESTIMATE_INIT;
						ft_error err;
						CU_ASSERT_EQUAL_FATAL(
						    ft_estimate_compute(ds, ft_dataset_actor_at(ds, a),
						                        ft_dataset_region_at(ds, r), NULL, &o,
						                        &e, &err),
						    0);
						char why[256];
						int ok = ft_test_estimate_invariants(&e, why, sizeof why);
						if (!ok)
							fprintf(stderr, "\n    %s in %s at %s: %s",
							        ft_actor_id(ft_dataset_actor_at(ds, a)),
							        ft_region_id(ft_dataset_region_at(ds, r)),
							        dates[d], why);
						CU_ASSERT(ok);
						if (e.has_value) {
							valued++;
							CU_ASSERT(e.low <= e.best && e.best <= e.high);
							if (e.open_below) {
								open_below++;
								CHECK_U64(e.low, 0);
							}
							open_above += e.open_above ? 1 : 0;
						}
						ft_estimate_clear(&e);
					}
	/* It met estimates, and both hedges: (a) is open above, (c) open below. */
	CU_ASSERT(valued > 0 && open_below > 0 && open_above > 0);
	ft_dataset_free(ds);
}

static const ft_test tests[] = {
    {"weight tables", test_weight_tables},
    {"names and parse", test_names},
    {"argument errors", test_argument_errors},
    {"empty", test_empty},
    {"every claim excluded", test_every_claim_excluded},
    {"exact", test_exact},
    {"approx tolerance", test_approx_tolerance},
    {"at least alone", test_at_least_alone},
    {"at least pulls, never clamps", test_at_least_pulls_never_clamps},
    {"at most", test_at_most},
    {"one-sided only", test_one_sided_only},
    {"range with value", test_range_with_value},
    {"range without value", test_range_without_value},
    {"weighted median", test_weighted_median},
    {"weighted tie", test_weighted_tie},
    {"weighted tie within rounding", test_weighted_tie_rounding_error},
    {"methods", test_methods},
    {"latest from bounds", test_latest_from_bounds},
    {"one voice under a parent", test_one_voice_under_parent},
    {"same-voice tie-breaks", test_same_voice_tie_breaks},
    {"reliability inherited", test_reliability_inherited},
    {"outlets add no voice", test_outlets_add_no_voice},
    {"supersession chain", test_supersession_chain},
    {"retraction", test_retraction},
    {"denials", test_denials},
    {"projections", test_projections},
    {"not yet observed", test_not_yet_observed},
    {"staleness", test_staleness},
    {"age decay", test_age_decay},
    {"not yet reported, K a month", test_not_yet_reported_month},
    {"status order", test_status_order},
    {"low/high from credible", test_low_high_from_credible},
    {"no credible fallback", test_no_credible_fallback},
    {"contested ranges", test_contested_ranges},
    {"not contested", test_not_contested},
    {"contested one-sided", test_contested_one_sided},
    {"stance", test_stance},
    {"roll-up: region parts exceed own", test_rollup_region_parts_exceed_own},
    {"roll-up: own exceeds parts", test_rollup_own_exceeds_parts},
    {"roll-up: child actors", test_rollup_child_actors},
    {"roll-up: no double count", test_rollup_no_double_count},
    {"roll-up: flags of child nodes", test_rollup_child_node_flags},
    {"example, no K", test_example_no_k},
    {"example, K before", test_example_known_before},
    {"example, later, projections", test_example_later_with_projections},
    {"order of parts and disagreements", test_order_of_parts_and_disagreements},
    {"timeline grid", test_timeline_grid},
    {"timeline points are estimates", test_timeline_points_are_estimates},
    {"timeline alert", test_timeline_alert},
    {"timeline edges", test_timeline_edges},
    {"timeline alert rules", test_timeline_alert_rules},
    {"accessors", test_accessors},
    {"versions", test_versions},
    {"zero is the default", test_zero_is_default},
    {"worked example (i): four voices at one node", test_worked_example_i},
    {"worked example (ii): flags through a roll-up", test_worked_example_ii},
    {"roll-up flags", test_rollup_flags},
    {"roll-up flags of ties", test_rollup_flag_ties},
    {"best: the tie rules and weights of 0", test_best_tie_rules},
    {"the old failure modes", test_old_failure_modes},
    {"current claims", test_current_claims},
    {"disputes", test_disputes},
    {"pairs counted and listed", test_pairs_counted_and_listed},
    {"max_pairs 0 is 20", test_max_pairs_default},
    {"not credible", test_not_credible},
    {"an observation beats a projection", test_observation_beats_projection},
    {"half-life option", test_half_life_option},
    {"timeline as known then", test_timeline_as_known_then},
    {"timeline rise from no estimate", test_timeline_rise_from_none},
    {"timeline alert lists known claims", test_timeline_alert_claims_known},
    {"timeline keep_pairs", test_timeline_keep_pairs},
    {"sweep: every point is its estimate", test_sweep_points_are_estimates},
    {"sweep: worked by hand", test_sweep_by_hand},
    {"sweep: a rule read the same is shared", test_sweep_shared_rules},
    {"sweep: a point wider than a block", test_sweep_wide_point},
    {"sweep: a long timeline", test_sweep_long},
    {"example dataset invariants", test_example_invariants},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("estimate", tests);
}
