/*
 * Tests for the model (model/dataset.c) through the public API: adding each
 * kind of entity, looking it up and reading it back, and every rule a
 * dataset enforces on add (docs/format.md sections 3-6): ids, duplicates,
 * unknown references with their suggestion, self loops, a claim's unit
 * against its subject, quantities, grades, times, extensions. A refused
 * add must leave the dataset exactly as it was.
 */
#include <glib.h>
#include <string.h>

#include "forcetrack.h"
#include "test-util.h"

static ft_time T(const char *text)
{
	ft_time t;
	CU_ASSERT_EQUAL_FATAL(ft_time_parse(text, &t, NULL), 0);
	return t;
}

/* A small world: RU with a child DPR, UA, a region tree border > donbas,
 * a ministry with a spokesman under it, an outlet, and 41CAA under RU. */
static ft_dataset *world(void)
{
	ft_dataset *ds = ft_dataset_new();
	ft_error err;
	static const char *const ru_opposes[] = {"UA"};
	ft_actor_desc a = FT_ACTOR_DESC_INIT;
	a.id = "UA";
	a.name = "Ukraine";
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_actor(ds, &a, &err));
	a.id = "RU";
	a.name = "Russia";
	a.opposes = ru_opposes;
	a.n_opposes = 1;
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_actor(ds, &a, &err));
	ft_actor_desc dpr = FT_ACTOR_DESC_INIT;
	dpr.id = "DPR";
	dpr.name = "DPR forces";
	dpr.kind = FT_ACTOR_ARMED_GROUP;
	dpr.parent = "RU";
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_actor(ds, &dpr, &err));

	ft_region_desc r = FT_REGION_DESC_INIT;
	r.id = "UA-border";
	r.name = "Near Ukraine's borders";
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_region(ds, &r, &err));
	r.id = "donbas";
	r.name = "Donbas";
	r.parent = "UA-border";
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_region(ds, &r, &err));

	ft_source_desc s = FT_SOURCE_DESC_INIT;
	s.id = "kremlin";
	s.name = "Kremlin";
	s.actor = "RU";
	s.reliability = FT_RELIABILITY_D;
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_source(ds, &s, &err));
	ft_source_desc peskov = FT_SOURCE_DESC_INIT;
	peskov.id = "peskov";
	peskov.name = "Dmitry Peskov";
	peskov.kind = FT_SOURCE_PERSON;
	peskov.parent = "kremlin";
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_source(ds, &peskov, &err));
	ft_source_desc mail = FT_SOURCE_DESC_INIT;
	mail.id = "daily-mail";
	mail.name = "Daily Mail";
	mail.kind = FT_SOURCE_MEDIA;
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_source(ds, &mail, &err));

	ft_unit_desc u = FT_UNIT_DESC_INIT;
	u.id = "41CAA";
	u.name = "41st Combined Arms Army";
	u.actor = "RU";
	u.echelon = FT_ECHELON_ARMY;
	u.has_strength = 1;
	u.strength = 25000;
	u.garrison = "UA-border";
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_unit(ds, &u, &err));
	return ds;
}

static ft_claim_desc claim_94k(void)
{
	ft_claim_desc c = FT_CLAIM_DESC_INIT;
	c.id = "c-ua-94k";
	c.source = "kremlin";
	c.subject = "RU";
	c.region = "UA-border";
	c.quantity.qualifier = FT_QUALIFIER_APPROX;
	c.quantity.has_value = 1;
	c.quantity.value = 94000;
	c.reported = T("2021-12-01");
	return c;
}

/* Expects `add` to have failed with `code`, `path` and a text containing
 * `fragment`, and the dataset to hold `claims` claims still. */
static void expect_refused(const void *added, const ft_error *err, int code, const char *path,
                           const char *fragment)
{
	CU_ASSERT_PTR_NULL(added);
	CU_ASSERT_EQUAL(err->code, code);
	CU_ASSERT_STRING_EQUAL(err->path, path);
	if (!strstr(err->text, fragment)) {
		fprintf(stderr, "\nexpected \"%s\" in \"%s\"\n", fragment, err->text);
		CU_FAIL("message does not name the rule");
	}
}

static void test_add_and_find(void)
{
	ft_dataset *ds = world();
	/* world() added 3 actors, 2 regions, 1 unit, 3 sources. */
	CU_ASSERT_EQUAL(ft_dataset_actor_count(ds), 3);
	CU_ASSERT_EQUAL(ft_dataset_region_count(ds), 2);
	CU_ASSERT_EQUAL(ft_dataset_unit_count(ds), 1);
	CU_ASSERT_EQUAL(ft_dataset_source_count(ds), 3);
	CU_ASSERT_EQUAL(ft_dataset_claim_count(ds), 0);
	const ft_actor *ru = ft_dataset_find_actor(ds, "RU");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ru);
	CU_ASSERT_STRING_EQUAL(ft_actor_name(ru), "Russia");
	CU_ASSERT_PTR_EQUAL(ft_dataset_actor_at(ds, 1), ru);
	CU_ASSERT_PTR_NULL(ft_dataset_actor_at(ds, 3));
	CU_ASSERT_PTR_NULL(ft_dataset_find_actor(ds, "ru")); /* ids are case-sensitive */
	/* Ids are unique per kind only: a region may be called RU too. */
	ft_region_desc r = FT_REGION_DESC_INIT;
	r.id = "RU";
	r.name = "Russia (territory)";
	ft_error err;
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_add_region(ds, &r, &err));

	ft_claim_desc c = claim_94k();
	const ft_claim *cl = ft_dataset_add_claim(ds, &c, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cl);
	CU_ASSERT_PTR_EQUAL(ft_claim_subject(cl), ru);
	CU_ASSERT_PTR_EQUAL(ft_claim_region(cl), ft_dataset_find_region(ds, "UA-border"));
	CU_ASSERT_STRING_EQUAL(ft_claim_measure(cl), "personnel"); /* the default */
	CU_ASSERT_EQUAL(ft_claim_quantity(cl).value, 94000);
	CU_ASSERT_EQUAL(ft_claim_credibility(cl), 6);
	ft_dataset_free(ds);
}

static void test_describe_round_trip(void)
{
	ft_dataset *ds = world();
	static const char *const via[] = {"daily-mail"};
	static const char *const tags[] = {"seed", "border"};
	static const ft_extension ext[] = {{"x-zeta", "[1,2]"}, {"x-alpha", "{\"a\":true}"}};
	ft_claim_desc c = claim_94k();
	c.via = via;
	c.n_via = 1;
	c.tags = tags;
	c.n_tags = 2;
	c.extensions = ext;
	c.n_extensions = 2;
	c.quote = "some 94,000 troops";
	c.observed_form = FT_OBSERVED_INTERVAL;
	c.observed.from = T("2021-11");
	c.observed.to = T("2021-12-01");
	ft_error err;
	const ft_claim *cl = ft_dataset_add_claim(ds, &c, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cl);
	ft_claim_desc back = FT_CLAIM_DESC_INIT;
	ft_claim_describe(cl, &back);
	CU_ASSERT_STRING_EQUAL(back.id, "c-ua-94k");
	CU_ASSERT_EQUAL(back.n_via, 1);
	CU_ASSERT_STRING_EQUAL(back.via[0], "daily-mail");
	CU_ASSERT_EQUAL(back.n_tags, 2);
	CU_ASSERT_STRING_EQUAL(back.tags[1], "border");
	CU_ASSERT_STRING_EQUAL(back.quote, "some 94,000 troops");
	CU_ASSERT_EQUAL(back.observed_form, FT_OBSERVED_INTERVAL);
	CU_ASSERT_EQUAL(back.observed.from.precision, FT_PRECISION_MONTH);
	/* Extensions come back sorted by key: x-alpha before x-zeta. */
	CU_ASSERT_EQUAL_FATAL(back.n_extensions, 2);
	CU_ASSERT_STRING_EQUAL(back.extensions[0].key, "x-alpha");
	CU_ASSERT_STRING_EQUAL(back.extensions[1].json, "[1,2]");
	CU_ASSERT_PTR_EQUAL(ft_claim_via_at(cl, 0), ft_dataset_find_source(ds, "daily-mail"));
	/* The copy is the dataset's own: the description's strings may go. */
	CU_ASSERT_PTR_NOT_EQUAL(back.quote, c.quote);
	ft_dataset_free(ds);
}

static void test_observed_defaults_to_reported(void)
{
	ft_dataset *ds = world();
	ft_claim_desc c = claim_94k();
	ft_error err;
	const ft_claim *cl = ft_dataset_add_claim(ds, &c, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cl);
	ft_interval iv = ft_claim_observed(cl);
	/* No observed given: the span is the reported day, 2021-12-01. */
	CU_ASSERT_EQUAL(ft_interval_start(&iv), ft_time_start(&c.reported));
	CU_ASSERT_EQUAL(ft_interval_end(&iv), ft_time_end(&c.reported));
	ft_dataset_free(ds);
}

static void test_duplicate_id_refused(void)
{
	ft_dataset *ds = world();
	ft_actor_desc a = FT_ACTOR_DESC_INIT;
	a.id = "RU";
	a.name = "Russia again";
	ft_error err;
	expect_refused(ft_dataset_add_actor(ds, &a, &err), &err, FT_EDUPLICATE, "actors[3].id",
	               "duplicate actor id \"RU\" (first at actors[1])");
	CU_ASSERT_EQUAL(ft_dataset_actor_count(ds), 3);
	CU_ASSERT_STRING_EQUAL(ft_actor_name(ft_dataset_find_actor(ds, "RU")), "Russia");
	ft_dataset_free(ds);
}

static void test_invalid_ids_refused(void)
{
	ft_dataset *ds = ft_dataset_new();
	ft_actor_desc a = FT_ACTOR_DESC_INIT;
	a.name = "Nameless";
	ft_error err;
	const char *bad[] = {"", "-RU", "R U", "Росія"};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		a.id = bad[i];
		expect_refused(ft_dataset_add_actor(ds, &a, &err), &err, FT_EFORMAT, "actors[0].id",
		               "invalid id");
	}
	a.id = NULL;
	expect_refused(ft_dataset_add_actor(ds, &a, &err), &err, FT_EFORMAT, "actors[0]",
	               "missing required key \"id\"");
	a.id = "RU";
	a.name = "";
	expect_refused(ft_dataset_add_actor(ds, &a, &err), &err, FT_EFORMAT, "actors[0].name",
	               "must not be empty");
	CU_ASSERT_EQUAL(ft_dataset_actor_count(ds), 0);
	ft_dataset_free(ds);
}

static void test_unknown_reference_suggests(void)
{
	ft_dataset *ds = world();
	ft_claim_desc c = claim_94k();
	c.region = "donbass";
	ft_error err;
	expect_refused(ft_dataset_add_claim(ds, &c, &err), &err, FT_EREF, "claims[0].region",
	               "unknown region \"donbass\" (did you mean \"donbas\"?)");
	/* Nothing close: no suggestion. */
	c.region = "crimea";
	expect_refused(ft_dataset_add_claim(ds, &c, &err), &err, FT_EREF, "claims[0].region",
	               "unknown region \"crimea\"");
	CU_ASSERT_PTR_NULL(strstr(err.text, "did you mean"));
	/* A reference names an entity of the right kind: a source is no actor. */
	c = claim_94k();
	c.subject = "kremlin";
	expect_refused(ft_dataset_add_claim(ds, &c, &err), &err, FT_EREF, "claims[0].subject",
	               "unknown actor");
	c = claim_94k();
	static const char *const via[] = {"daily-mail", "dailymail"};
	c.via = via;
	c.n_via = 2;
	expect_refused(ft_dataset_add_claim(ds, &c, &err), &err, FT_EREF, "claims[0].via[1]",
	               "unknown source \"dailymail\" (did you mean \"daily-mail\"?)");
	CU_ASSERT_EQUAL(ft_dataset_claim_count(ds), 0);
	/* The refused adds left nothing behind: the id is free. */
	c = claim_94k();
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_add_claim(ds, &c, &err));
	ft_dataset_free(ds);
}

static void test_self_parent_is_a_loop(void)
{
	ft_dataset *ds = world();
	ft_region_desc r = FT_REGION_DESC_INIT;
	r.id = "crimea";
	r.name = "Crimea";
	r.parent = "crimea";
	ft_error err;
	expect_refused(ft_dataset_add_region(ds, &r, &err), &err, FT_ELOOP, "regions[2].parent",
	               "parent chain loops: crimea -> crimea");
	ft_source_desc s = FT_SOURCE_DESC_INIT;
	s.id = "tass";
	s.name = "TASS";
	s.parent = "tass";
	expect_refused(ft_dataset_add_source(ds, &s, &err), &err, FT_ELOOP, "sources[3].parent", "loops");
	ft_dataset_free(ds);
}

static void test_claim_unit_must_belong_to_subject(void)
{
	ft_dataset *ds = world();
	ft_error err;
	/* 41CAA belongs to RU: fine for subject RU. */
	ft_claim_desc c = claim_94k();
	c.unit = "41CAA";
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_add_claim(ds, &c, &err));
	/* Subject UA: RU is not UA nor under it. */
	c.id = "c2";
	c.subject = "UA";
	expect_refused(
	    ft_dataset_add_claim(ds, &c, &err), &err, FT_EFORMAT, "claims[1].unit",
	    "unit \"41CAA\" belongs to actor \"RU\", which is neither the subject \"UA\" nor under it");
	/* Subject DPR (a child of RU): RU is above DPR, not under it, so refused too. */
	c.subject = "DPR";
	expect_refused(ft_dataset_add_claim(ds, &c, &err), &err, FT_EFORMAT, "claims[1].unit",
	               "neither the subject");
	/* A DPR unit under subject RU: DPR is a descendant of RU, accepted. */
	ft_unit_desc u = FT_UNIT_DESC_INIT;
	u.id = "1AC";
	u.name = "1st Army Corps";
	u.actor = "DPR";
	u.parent = "41CAA"; /* attached: a parent's actor may differ */
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_unit(ds, &u, &err));
	c.subject = "RU";
	c.unit = "1AC";
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_add_claim(ds, &c, &err));
	ft_dataset_free(ds);
}

static void test_quantity_rules(void)
{
	ft_dataset *ds = world();
	ft_error err;
	ft_claim_desc c = claim_94k();
	c.quantity.qualifier = FT_QUALIFIER_RANGE;
	c.quantity.has_value = 0;
	c.quantity.low = 190000;
	c.quantity.high = 169000;
	expect_refused(ft_dataset_add_claim(ds, &c, &err), &err, FT_EFORMAT, "claims[0].low", "above high");
	c.quantity.low = 169000;
	c.quantity.high = 190000;
	c.quantity.has_value = 1;
	c.quantity.value = 200000;
	expect_refused(ft_dataset_add_claim(ds, &c, &err), &err, FT_EFORMAT, "claims[0].value",
	               "outside its range");
	/* 2^53 = 9007199254740992 is one past the largest allowed figure. */
	c = claim_94k();
	c.quantity.value = FT_QUANTITY_MAX + 1;
	expect_refused(ft_dataset_add_claim(ds, &c, &err), &err, FT_EFORMAT, "claims[0].value", "2^53");
	c.quantity.value = FT_QUANTITY_MAX;
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_add_claim(ds, &c, &err));
	/* No quantity: refused for an observation, accepted for a denial. */
	ft_claim_desc d = claim_94k();
	d.id = "deny";
	d.quantity.qualifier = FT_QUALIFIER_NONE;
	expect_refused(ft_dataset_add_claim(ds, &d, &err), &err, FT_EFORMAT, "claims[1]", "missing quantity");
	d.kind = FT_CLAIM_DENIAL;
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_add_claim(ds, &d, &err));
	ft_dataset_free(ds);
}

static void test_grades_and_measure(void)
{
	ft_dataset *ds = world();
	ft_error err;
	ft_claim_desc c = claim_94k();
	c.credibility = 7;
	expect_refused(ft_dataset_add_claim(ds, &c, &err), &err, FT_EFORMAT, "claims[0].credibility",
	               "1 to 6");
	c.credibility = -1;
	expect_refused(ft_dataset_add_claim(ds, &c, &err), &err, FT_EFORMAT, "claims[0].credibility",
	               "1 to 6");
	c.credibility = 2;
	c.measure = "Tanks";
	expect_refused(ft_dataset_add_claim(ds, &c, &err), &err, FT_EFORMAT, "claims[0].measure",
	               "invalid measure");
	c.measure = "btg";
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_add_claim(ds, &c, &err));
	ft_source_desc s = FT_SOURCE_DESC_INIT;
	s.id = "x";
	s.name = "X";
	s.reliability = (ft_reliability)7;
	expect_refused(ft_dataset_add_source(ds, &s, &err), &err, FT_EINVAL, "sources[3].reliability",
	               "enumeration");
	ft_dataset_free(ds);
}

/* Zero is every field's default: a zero-filled description with only its
 * version set takes the format's defaults, reliability F and credibility
 * 6, and describes back as if those had been given. */
static void test_zero_is_default(void)
{
	ft_dataset *ds = world();
	ft_error err;
	ft_source_desc s;
	memset(&s, 0, sizeof s);
	s.version = FT_DESC_VERSION;
	s.id = "zero-src";
	s.name = "Zero";
	const ft_source *src = ft_dataset_add_source(ds, &s, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(src);
	CU_ASSERT_EQUAL(ft_source_reliability(src), FT_RELIABILITY_F);
	ft_claim_desc c = claim_94k();
	c.id = "zero-claim";
	c.credibility = 0;
	const ft_claim *cl = ft_dataset_add_claim(ds, &c, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cl);
	CU_ASSERT_EQUAL(ft_claim_credibility(cl), 6);
	ft_claim_desc back;
	ft_claim_desc_init(&back);
	CU_ASSERT_EQUAL(ft_claim_describe(cl, &back), 0);
	CU_ASSERT_EQUAL(back.credibility, 6);
	/* The init functions give what the macros give. */
	ft_claim_desc by_macro = FT_CLAIM_DESC_INIT, by_function;
	memset(&by_function, 0xa5, sizeof by_function);
	ft_claim_desc_init(&by_function);
	CU_ASSERT_EQUAL(by_function.version, by_macro.version);
	CU_ASSERT_EQUAL(by_function.credibility, FT_CREDIBILITY_DEFAULT);
	CU_ASSERT_PTR_NULL(by_function.id);
	CU_ASSERT_EQUAL(by_function.n_tags, 0);
	ft_source_desc src_by_function;
	memset(&src_by_function, 0xa5, sizeof src_by_function);
	ft_source_desc_init(&src_by_function);
	CU_ASSERT_EQUAL(src_by_function.reliability, FT_RELIABILITY_F);
	CU_ASSERT_PTR_NULL(src_by_function.url);
	ft_load_options lo;
	memset(&lo, 0xa5, sizeof lo);
	ft_load_options_init(&lo);
	CU_ASSERT_EQUAL(lo.version, FT_LOAD_OPTIONS_VERSION);
	CU_ASSERT_EQUAL(lo.max_errors, 0);
	CU_ASSERT_PTR_NULL(lo.on_error);
	ft_dataset_free(ds);
}

/* describe writes only what the caller's version covers: version 0 or a
 * version from the future is refused and nothing is written; a NULL
 * entity gives the defaults and FT_EINVAL. */
static void test_describe_versions(void)
{
	ft_dataset *ds = world();
	const ft_actor *ru = ft_dataset_find_actor(ds, "RU");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ru);
	ft_actor_desc d;
	memset(&d, 0, sizeof d);
	CU_ASSERT_EQUAL(ft_actor_describe(ru, &d), FT_EINVAL); /* version 0 */
	CU_ASSERT_PTR_NULL(d.id);
	d.version = FT_DESC_VERSION + 1;
	CU_ASSERT_EQUAL(ft_actor_describe(ru, &d), FT_EINVAL);
	CU_ASSERT_PTR_NULL(d.id);
	CU_ASSERT_EQUAL(d.version, FT_DESC_VERSION + 1);
	d.version = FT_DESC_VERSION;
	CU_ASSERT_EQUAL(ft_actor_describe(ru, &d), 0);
	CU_ASSERT_STRING_EQUAL(d.id, "RU");
	ft_actor_desc none = FT_ACTOR_DESC_INIT;
	none.id = "left over";
	CU_ASSERT_EQUAL(ft_actor_describe(NULL, &none), FT_EINVAL);
	CU_ASSERT_PTR_NULL(none.id);
	CU_ASSERT_EQUAL(ft_actor_describe(ru, NULL), FT_EINVAL);
	ft_dataset_info info;
	memset(&info, 0, sizeof info);
	CU_ASSERT_EQUAL(ft_dataset_describe(ds, &info), FT_EINVAL);
	ft_dataset_free(ds);
}

static void test_time_rules(void)
{
	ft_dataset *ds = world();
	ft_error err;
	ft_claim_desc c = claim_94k();
	c.reported.precision = FT_PRECISION_NONE;
	expect_refused(ft_dataset_add_claim(ds, &c, &err), &err, FT_EFORMAT, "claims[0]",
	               "missing required key \"reported\"");
	c = claim_94k();
	c.observed_form = FT_OBSERVED_INTERVAL;
	c.observed.from = T("2022-02");
	c.observed.to = T("2021-11");
	expect_refused(ft_dataset_add_claim(ds, &c, &err), &err, FT_EFORMAT, "claims[0].observed",
	               "later than");
	c = claim_94k();
	/* Retracted 2021-11-30, reported 2021-12-01: withdrawn before it was made. */
	c.retracted = T("2021-11-30");
	expect_refused(ft_dataset_add_claim(ds, &c, &err), &err, FT_EFORMAT, "claims[0].retracted",
	               "retracted \"2021-11-30\" is earlier than reported \"2021-12-01\"");
	/* Retracted within the reported day is fine. */
	c.retracted = T("2021-12-01T18:00Z");
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_add_claim(ds, &c, &err));
	ft_dataset_free(ds);
}

static void test_reference_lists(void)
{
	ft_dataset *ds = world();
	ft_error err;
	ft_claim_desc c = claim_94k();
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_claim(ds, &c, &err));
	static const char *const twice[] = {"daily-mail", "daily-mail"};
	ft_claim_desc c2 = claim_94k();
	c2.id = "c2";
	c2.via = twice;
	c2.n_via = 2;
	expect_refused(ft_dataset_add_claim(ds, &c2, &err), &err, FT_EFORMAT, "claims[1].via[1]",
	               "listed twice");
	static const char *const self[] = {"c2"};
	c2.via = NULL;
	c2.n_via = 0;
	c2.supersedes = self;
	c2.n_supersedes = 1;
	expect_refused(ft_dataset_add_claim(ds, &c2, &err), &err, FT_EFORMAT, "claims[1].supersedes[0]",
	               "refers to itself");
	static const char *const earlier[] = {"c-ua-94k"};
	c2.supersedes = earlier;
	const ft_claim *cl = ft_dataset_add_claim(ds, &c2, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cl);
	ft_dataset_free(ds);
}

static void test_extensions_checked(void)
{
	ft_dataset *ds = world();
	ft_error err;
	ft_actor_desc a = FT_ACTOR_DESC_INIT;
	a.id = "BY";
	a.name = "Belarus";
	ft_extension bad_key[] = {{"note", "1"}};
	a.extensions = bad_key;
	a.n_extensions = 1;
	expect_refused(ft_dataset_add_actor(ds, &a, &err), &err, FT_EFORMAT, "actors[3].note",
	               "must begin with \"x-\"");
	ft_extension bad_json[] = {{"x-note", "{not json"}};
	a.extensions = bad_json;
	CU_ASSERT_PTR_NULL(ft_dataset_add_actor(ds, &a, &err));
	CU_ASSERT_EQUAL(err.code, FT_EFORMAT);
	CU_ASSERT_STRING_EQUAL(err.path, "x-note");
	ft_extension good[] = {{"x-note", "\"Lukashenko\""}};
	a.extensions = good;
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_add_actor(ds, &a, &err));
	ft_dataset_free(ds);
}

static void test_geometry_checked(void)
{
	ft_dataset *ds = world();
	ft_error err;
	ft_region_desc r = FT_REGION_DESC_INIT;
	r.id = "crimea";
	r.name = "Crimea";
	r.geometry = "{\"type\": \"Point\", \"coordinates\": [34.1, 95.0]}";
	CU_ASSERT_PTR_NULL(ft_dataset_add_region(ds, &r, &err));
	CU_ASSERT_EQUAL(err.code, FT_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.path, "geometry"));
	r.geometry = "{\"type\": \"Point\", \"coordinates\": [34.1, 45.0]}";
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_add_region(ds, &r, &err));
	ft_dataset_free(ds);
}

static void test_invalid_utf8_refused(void)
{
	ft_dataset *ds = ft_dataset_new();
	ft_actor_desc a = FT_ACTOR_DESC_INIT;
	a.id = "RU";
	a.name = "Russia \xC3\x28"; /* 0xC3 needs a continuation byte; 0x28 is not one */
	ft_error err;
	CU_ASSERT_PTR_NULL(ft_dataset_add_actor(ds, &a, &err));
	CU_ASSERT_EQUAL(err.code, FT_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "UTF-8"));
	a.name = "Росія";
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_add_actor(ds, &a, &err));
	ft_dataset_free(ds);
}

static void test_hierarchy_queries(void)
{
	ft_dataset *ds = world();
	const ft_actor *ru = ft_dataset_find_actor(ds, "RU");
	const ft_actor *ua = ft_dataset_find_actor(ds, "UA");
	const ft_actor *dpr = ft_dataset_find_actor(ds, "DPR");
	CU_ASSERT_TRUE(ft_actor_is_within(dpr, ru));
	CU_ASSERT_FALSE(ft_actor_is_within(ru, dpr));
	CU_ASSERT_TRUE(ft_actor_is_within(ru, ru));
	/* RU declared opposes UA: symmetric, and DPR inherits it from RU. */
	CU_ASSERT_TRUE(ft_actor_opposes(ru, ua));
	CU_ASSERT_TRUE(ft_actor_opposes(ua, ru));
	CU_ASSERT_TRUE(ft_actor_opposes(dpr, ua));
	CU_ASSERT_FALSE(ft_actor_opposes(dpr, ru));
	const ft_region *donbas = ft_dataset_find_region(ds, "donbas");
	CU_ASSERT_TRUE(ft_region_is_within(donbas, ft_dataset_find_region(ds, "UA-border")));
	CU_ASSERT_PTR_EQUAL(ft_region_parent(donbas), ft_dataset_find_region(ds, "UA-border"));
	/* The spokesman and the ministry are one voice: same root. */
	const ft_source *peskov = ft_dataset_find_source(ds, "peskov");
	const ft_source *kremlin = ft_dataset_find_source(ds, "kremlin");
	CU_ASSERT_PTR_EQUAL(ft_source_root(peskov), kremlin);
	CU_ASSERT_PTR_EQUAL(ft_source_root(kremlin), kremlin);
	CU_ASSERT_EQUAL(ft_source_reliability(kremlin), FT_RELIABILITY_D);
	CU_ASSERT_EQUAL(ft_source_reliability(peskov), FT_RELIABILITY_F); /* the default */
	const ft_unit *caa = ft_dataset_find_unit(ds, "41CAA");
	CU_ASSERT_PTR_EQUAL(ft_unit_actor(caa), ru);
	ft_dataset_free(ds);
}

static void test_programmer_errors(void)
{
	ft_error err;
	ft_actor_desc a = FT_ACTOR_DESC_INIT;
	a.id = "RU";
	a.name = "Russia";
	CU_ASSERT_PTR_NULL(ft_dataset_add_actor(NULL, &a, &err));
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	ft_dataset *ds = ft_dataset_new();
	CU_ASSERT_PTR_NULL(ft_dataset_add_actor(ds, NULL, &err));
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	a.version = 0;
	CU_ASSERT_PTR_NULL(ft_dataset_add_actor(ds, &a, &err));
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	/* err may be NULL. */
	CU_ASSERT_PTR_NULL(ft_dataset_add_actor(ds, &a, NULL));
	CU_ASSERT_EQUAL(ft_dataset_actor_count(ds), 0);
	CU_ASSERT_EQUAL(ft_dataset_actor_count(NULL), 0);
	ft_dataset_free(ds);
	ft_dataset_free(NULL);
}

/* Expects the claim `c` to be refused with FT_EINVAL at `path`, the dataset unchanged. */
static void expect_misuse(ft_dataset *ds, const ft_claim_desc *c, const char *path)
{
	ft_error err;
	size_t before = ft_dataset_claim_count(ds);
	CU_ASSERT_PTR_NULL(ft_dataset_add_claim(ds, c, &err));
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	CU_ASSERT_STRING_EQUAL(err.path, path);
	CU_ASSERT_EQUAL(ft_dataset_claim_count(ds), before);
}

/*
 * Misuse caught at the boundary: a count without its array (which the
 * checks would read through NULL), time values the parser could never
 * produce (which would be saved into a file that does not load), and an
 * actor of another dataset given to an estimate.
 */
static void test_api_misuse(void)
{
	ft_dataset *ds = world();
	ft_claim_desc c = claim_94k();
	c.n_via = 3; /* via stays NULL */
	expect_misuse(ds, &c, "via");
	c = claim_94k();
	c.n_tags = 1;
	expect_misuse(ds, &c, "tags");
	c = claim_94k();
	c.n_extensions = 2;
	expect_misuse(ds, &c, "extensions");

	/* An offset of 30000 minutes: offsets stop at 23:59 (1439 minutes). */
	c = claim_94k();
	c.reported.precision = FT_PRECISION_MINUTE;
	c.reported.offset_min = 30000;
	expect_misuse(ds, &c, "reported");
	/* A day that begins at 2021-12-01T01:00Z, not at midnight: 3,600 s
	 * after the day's start. */
	c = claim_94k();
	c.reported.start_us += INT64_C(3600000000);
	expect_misuse(ds, &c, "reported");
	/* A start of 2^62 us, some 146,000 years after 1970, past 9999. */
	c = claim_94k();
	c.reported.start_us = INT64_C(1) << 62;
	expect_misuse(ds, &c, "reported");
	/* Seven fraction digits: the parser keeps at most six. */
	c = claim_94k();
	c.observed_form = FT_OBSERVED_TIME;
	c.observed.from = ft_time_from_us(0);
	c.observed.from.frac_digits = 7;
	expect_misuse(ds, &c, "observed");
	/* The same claim with a well-formed time is taken. */
	c = claim_94k();
	ft_error err;
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_add_claim(ds, &c, &err));

	/* RU of another dataset, with an identical world: FT_EINVAL, not "no
	 * estimate". */
	ft_dataset *other = world();
	ft_estimate est = FT_ESTIMATE_INIT;
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	o.at = T("2021-12-01");
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, ft_dataset_find_actor(other, "RU"),
	                                    ft_dataset_find_region(ds, "UA-border"), NULL, &o, &est, &err),
	                FT_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "another dataset"));
	ft_estimate_clear(&est);
	ft_timeline tl = FT_TIMELINE_INIT;
	ft_timeline_options to = FT_TIMELINE_OPTIONS_INIT;
	to.from = T("2021-11-01");
	to.to = T("2021-12-01");
	CU_ASSERT_EQUAL(ft_timeline_compute(ds, ft_dataset_find_actor(ds, "RU"),
	                                    ft_dataset_find_region(other, "UA-border"), NULL, &to, &tl, &err),
	                FT_EINVAL);
	ft_timeline_clear(&tl);
	/* With its own actor the estimate is the 94,000 claim. */
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, ft_dataset_find_actor(ds, "RU"),
	                                    ft_dataset_find_region(ds, "UA-border"), NULL, &o, &est, &err),
	                0);
	CU_ASSERT_EQUAL(est.best, 94000);
	ft_estimate_clear(&est);
	ft_dataset_free(other);

	/* Metadata: authors counted but not given. */
	ft_dataset_info info = FT_DATASET_INFO_INIT;
	info.n_authors = 2;
	CU_ASSERT_EQUAL(ft_dataset_set_info(ds, &info, &err), FT_EINVAL);
	CU_ASSERT_STRING_EQUAL(err.path, "authors");
	ft_dataset_free(ds);
}

static void test_info(void)
{
	ft_dataset *ds = ft_dataset_new();
	static const char *const authors[] = {"A. Analyst"};
	ft_dataset_info info = FT_DATASET_INFO_INIT;
	info.title = "Build-up";
	info.created = T("2021-12-01");
	info.authors = authors;
	info.n_authors = 1;
	ft_error err;
	CU_ASSERT_EQUAL(ft_dataset_set_info(ds, &info, &err), 0);
	ft_dataset_info back = FT_DATASET_INFO_INIT;
	ft_dataset_describe(ds, &back);
	CU_ASSERT_STRING_EQUAL(back.title, "Build-up");
	CU_ASSERT_EQUAL(back.created.precision, FT_PRECISION_DAY);
	CU_ASSERT_EQUAL(back.n_authors, 1);
	CU_ASSERT_PTR_NULL(back.license);
	ft_extension bad[] = {{"note", "1"}};
	info.document_extensions = bad;
	info.n_document_extensions = 1;
	CU_ASSERT_EQUAL(ft_dataset_set_info(ds, &info, &err), FT_EFORMAT);
	ft_dataset_free(ds);
}

static int same_time(ft_time a, ft_time b)
{
	return a.start_us == b.start_us && a.offset_min == b.offset_min && a.precision == b.precision &&
	       a.frac_digits == b.frac_digits && a.zulu == b.zulu;
}

/*
 * A claim keeps only the parts it has, and time values packed into 8
 * bytes unless one of them has a fraction of a second. Every part, alone
 * and together, and every kind of time value (before 1970, offsets at the
 * extremes, fractions) must come back exactly as given.
 */
static void test_claim_parts_round_trip(void)
{
	ft_dataset *ds = world();
	static const char *const via[] = {"daily-mail", "peskov"};
	static const char *const tags[] = {"seed"};
	static const ft_extension ext[] = {{"x-a", "1"}};
	static const char *const times[] = {
	    "2021-12-01",
	    "1944-06-06T06:30:00+01:00",
	    "0001-01-01",
	    "9999-12-31T23:59:59Z",
	    "2021-12-01T10:00:05.250+03:00",
	    "2021-12-01T10:00-23:59",
	    "1969-12-31T23:59:59.999999+23:59",
	};
	ft_error err;
	char id[32];
	int n = 0;
	/* Parts: bit 0 observed time, 1 interval, 2 retracted, 3 range, 4 measure,
	 * 5 quote/url/note, 6 unit, 7 extensions, 8 via, 9 tags, 10 supersedes. */
	for (unsigned mask = 0; mask < (1u << 11); mask += 1 + (mask % 7)) {
		for (size_t t = 0; t < G_N_ELEMENTS(times); t++) {
			ft_claim_desc c = claim_94k();
			g_snprintf(id, sizeof id, "c%d", n);
			c.id = id;
			c.reported = T(times[t]);
			if (mask & 1) {
				c.observed_form = FT_OBSERVED_TIME;
				c.observed.from = T(times[(t + 1) % G_N_ELEMENTS(times)]);
			} else if (mask & 2) {
				c.observed_form = FT_OBSERVED_INTERVAL;
				c.observed.to = T(times[t]); /* an open from */
			}
			if (mask & 4)
				c.retracted = T("9999-12-31T23:59:59.5Z");
			if (mask & 8) {
				c.quantity.qualifier = FT_QUALIFIER_RANGE;
				c.quantity.has_value = 0;
				c.quantity.value = 0;
				c.quantity.low = 90000;
				c.quantity.high = FT_QUANTITY_MAX;
			}
			/* Values beyond 32 bits are kept apart from the others. */
			if (!(mask & 8) && t % 2 == 1)
				c.quantity.value = FT_QUANTITY_MAX - t;
			if (mask & 16)
				c.measure = "btg";
			if (mask & 32) {
				c.quote = "some 94,000";
				c.url = "https://example.org/a";
				c.note = "n";
			}
			if (mask & 64) {
				c.unit = "41CAA";
			}
			if (mask & 128) {
				c.extensions = ext;
				c.n_extensions = 1;
				c.observed_extensions = ext;
				c.n_observed_extensions = (mask & 2) ? 1 : 0;
			}
			if (mask & 256) {
				c.via = via;
				c.n_via = 2;
			}
			if (mask & 512) {
				c.tags = tags;
				c.n_tags = 1;
			}
			char prev[32];
			const char *sup[] = {prev};
			if ((mask & 1024) && n > 0) {
				g_snprintf(prev, sizeof prev, "c%d", n - 1);
				c.supersedes = sup;
				c.n_supersedes = 1;
			}
			const ft_claim *cl = ft_dataset_add_claim(ds, &c, &err);
			if (!cl)
				fprintf(stderr, "\nmask %u time %s: %s\n", mask, times[t], err.text);
			CU_ASSERT_PTR_NOT_NULL_FATAL(cl);
			n++;
			ft_claim_desc b = FT_CLAIM_DESC_INIT;
			ft_claim_describe(cl, &b);
			CU_ASSERT_STRING_EQUAL(b.id, id);
			CU_ASSERT(same_time(b.reported, c.reported));
			CU_ASSERT(same_time(ft_claim_reported(cl), c.reported));
			CU_ASSERT_EQUAL(b.observed_form, c.observed_form);
			if (c.observed_form != FT_OBSERVED_NONE) {
				CU_ASSERT(same_time(b.observed.from, c.observed.from));
				CU_ASSERT(same_time(b.observed.to, c.observed_form == FT_OBSERVED_TIME
				                                       ? c.observed.from
				                                       : c.observed.to));
			}
			CU_ASSERT(same_time(b.retracted, c.retracted));
			CU_ASSERT_EQUAL(b.quantity.qualifier, c.quantity.qualifier);
			CU_ASSERT_EQUAL(b.quantity.has_value, c.quantity.has_value);
			CU_ASSERT_EQUAL(b.quantity.value, c.quantity.value);
			CU_ASSERT_EQUAL(b.quantity.low, c.quantity.low);
			CU_ASSERT_EQUAL(b.quantity.high, c.quantity.high);
			CU_ASSERT_STRING_EQUAL(b.measure, (mask & 16) ? "btg" : "personnel");
			CU_ASSERT_STRING_EQUAL(ft_claim_measure(cl), b.measure);
			CU_ASSERT_EQUAL(b.quote == NULL, c.quote == NULL);
			CU_ASSERT_EQUAL(b.url == NULL, c.url == NULL);
			CU_ASSERT_EQUAL(b.note == NULL, c.note == NULL);
			if (c.note)
				CU_ASSERT_STRING_EQUAL(b.note, "n");
			CU_ASSERT_EQUAL(ft_claim_unit(cl) != NULL, c.unit != NULL);
			if (c.unit)
				CU_ASSERT_STRING_EQUAL(b.unit, "41CAA");
			CU_ASSERT_EQUAL(b.n_extensions, c.n_extensions);
			CU_ASSERT_EQUAL(b.n_observed_extensions, c.n_observed_extensions);
			CU_ASSERT_EQUAL(b.n_via, c.n_via);
			CU_ASSERT_EQUAL(ft_claim_via_count(cl), c.n_via);
			if (c.n_via) {
				CU_ASSERT_STRING_EQUAL(b.via[1], "peskov");
				CU_ASSERT_PTR_EQUAL(ft_claim_via_at(cl, 1),
				                    ft_dataset_find_source(ds, "peskov"));
			}
			CU_ASSERT_PTR_NULL(ft_claim_via_at(cl, c.n_via));
			CU_ASSERT_EQUAL(b.n_tags, c.n_tags);
			CU_ASSERT_EQUAL(b.n_supersedes, c.n_supersedes);
			if (c.n_supersedes)
				CU_ASSERT_STRING_EQUAL(b.supersedes[0], prev);
		}
	}
	CU_ASSERT_EQUAL(ft_dataset_claim_count(ds), (size_t)n);
	ft_dataset_free(ds);
}

/*
 * The id index removes a refused claim's id again. With thousands of
 * claims, some refused between the others, every added id must still be
 * found (at its own position) and no refused one, whichever slot its
 * removal emptied.
 */
static void test_id_index_with_refused_adds(void)
{
	ft_dataset *ds = world();
	ft_error err;
	char id[32];
	size_t added = 0;
	for (int i = 0; i < 5000; i++) {
		ft_claim_desc c = claim_94k();
		g_snprintf(id, sizeof id, "c%d", i);
		c.id = id;
		/* Every third claim names an unknown region: refused after its id
		 * went into the index. */
		if (i % 3 == 1)
			c.region = "nowhere";
		const ft_claim *cl = ft_dataset_add_claim(ds, &c, &err);
		CU_ASSERT_EQUAL(cl != NULL, i % 3 != 1);
		added += cl != NULL;
	}
	/* 5000 claims, of which i % 3 == 1 for 1667 (1, 4, ..., 4999): 3333 added. */
	CU_ASSERT_EQUAL(added, 3333);
	CU_ASSERT_EQUAL(ft_dataset_claim_count(ds), added);
	size_t pos = 0;
	for (int i = 0; i < 5000; i++) {
		g_snprintf(id, sizeof id, "c%d", i);
		const ft_claim *cl = ft_dataset_find_claim(ds, id);
		if (i % 3 == 1) {
			CU_ASSERT_PTR_NULL(cl);
			continue;
		}
		CU_ASSERT_PTR_EQUAL(cl, ft_dataset_claim_at(ds, pos));
		pos++;
	}
	/* A refused id is free again. */
	ft_claim_desc c = claim_94k();
	c.id = "c1";
	CU_ASSERT_PTR_NOT_NULL(ft_dataset_add_claim(ds, &c, &err));
	ft_dataset_free(ds);
}

/*
 * A claim larger than the allocator's 1 MiB blocks gets a block of its
 * own, and must still find its dataset (and so its source, subject and
 * region) from its address: 150,000 tags take 1.2 MB.
 */
static void test_claim_larger_than_a_block(void)
{
	ft_dataset *ds = world();
	enum { N_TAGS = 150000 };
	const char **tags = g_new(const char *, N_TAGS);
	for (size_t i = 0; i < N_TAGS; i++)
		tags[i] = i % 2 ? "odd" : "even";
	ft_claim_desc c = claim_94k();
	c.tags = tags;
	c.n_tags = N_TAGS;
	ft_error err;
	const ft_claim *big = ft_dataset_add_claim(ds, &c, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	/* And one after it, in a new ordinary block. */
	ft_claim_desc d = claim_94k();
	d.id = "after";
	d.source = "daily-mail";
	const ft_claim *after = ft_dataset_add_claim(ds, &d, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(after);
	CU_ASSERT_PTR_EQUAL(ft_claim_source(big), ft_dataset_find_source(ds, "kremlin"));
	CU_ASSERT_PTR_EQUAL(ft_claim_subject(big), ft_dataset_find_actor(ds, "RU"));
	CU_ASSERT_PTR_EQUAL(ft_claim_region(big), ft_dataset_find_region(ds, "UA-border"));
	CU_ASSERT_PTR_EQUAL(ft_claim_source(after), ft_dataset_find_source(ds, "daily-mail"));
	ft_claim_desc back = FT_CLAIM_DESC_INIT;
	ft_claim_describe(big, &back);
	CU_ASSERT_EQUAL(back.n_tags, N_TAGS);
	CU_ASSERT_STRING_EQUAL(back.tags[N_TAGS - 1], "odd");
	CU_ASSERT_EQUAL(ft_claim_quantity(big).value, 94000);
	g_free(tags);
	ft_dataset_free(ds);
}

/*
 * A claim keeps its measure as an index into the dataset's measures, of
 * which there is room for 65,535 (the default "personnel" among them);
 * claims with yet other measures keep theirs in full. 65,540 distinct
 * measures: the first 65,534 beside the default are indexed, the last 6
 * are not, and every claim must give its own back.
 */
static void test_many_measures(void)
{
	ft_dataset *ds = world();
	ft_error err;
	char id[32], measure[32];
	enum { N = 65540 };
	for (int i = 0; i < N; i++) {
		ft_claim_desc c = claim_94k();
		g_snprintf(id, sizeof id, "c%d", i);
		g_snprintf(measure, sizeof measure, "m%d", i);
		c.id = id;
		c.measure = measure;
		CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_claim(ds, &c, &err));
	}
	for (int i = 0; i < N; i += 1 + i / 7) {
		g_snprintf(measure, sizeof measure, "m%d", i);
		CU_ASSERT_STRING_EQUAL(ft_claim_measure(ft_dataset_claim_at(ds, (size_t)i)), measure);
	}
	/* The last one, past the index's room. */
	CU_ASSERT_STRING_EQUAL(ft_claim_measure(ft_dataset_claim_at(ds, N - 1)), "m65539");
	ft_claim_desc back = FT_CLAIM_DESC_INIT;
	CU_ASSERT_EQUAL_FATAL(ft_claim_describe(ft_dataset_claim_at(ds, N - 1), &back), 0);
	CU_ASSERT_STRING_EQUAL(back.measure, "m65539");
	/* An estimate finds a measure kept in full: one claim, about 94,000. */
	ft_estimate est = FT_ESTIMATE_INIT;
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	o.at = T("2021-12-01");
	CU_ASSERT_EQUAL_FATAL(ft_estimate_compute(ds, ft_dataset_find_actor(ds, "RU"),
	                                          ft_dataset_find_region(ds, "UA-border"), "m65539", &o, &est,
	                                          &err),
	                      0);
	CU_ASSERT_EQUAL(est.claims, 1);
	CU_ASSERT_EQUAL(est.best, 94000);
	ft_estimate_clear(&est);
	ft_dataset_free(ds);
}

/* The estimate of RU over `region` (roll-up unless `own_only`), of `measure`. */
static ft_estimate estimate_ru(ft_dataset *ds, const char *region, const char *measure, int own_only)
{
	ft_estimate est = FT_ESTIMATE_INIT;
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	ft_error err;
	o.at = T("2021-12-31");
	o.no_rollup = own_only;
	CU_ASSERT_EQUAL(ft_estimate_compute(ds, ft_dataset_find_actor(ds, "RU"),
	                                    ft_dataset_find_region(ds, region), measure, &o, &est, &err),
	                0);
	return est;
}

/*
 * A subject with claims in more regions than the index scans (it looks
 * them up by region past 8), and a claim that many later claims supersede
 * (each appended to the end of its list). A wrong lookup loses or mixes up
 * regions; a wrong list order names another superseder.
 */
static void test_many_regions_and_superseders(void)
{
	ft_dataset *ds = world();
	ft_error err;
	char id[32];
	enum { REGIONS = 20, LATER = 12 };
	for (int i = 0; i < REGIONS; i++) {
		ft_region_desc r = FT_REGION_DESC_INIT;
		g_snprintf(id, sizeof id, "r%d", i);
		r.id = id;
		r.name = id;
		r.parent = "donbas";
		CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_region(ds, &r, &err));
		ft_claim_desc c = claim_94k();
		char cid[32];
		g_snprintf(cid, sizeof cid, "g%d", i);
		c.id = cid;
		c.region = id;
		c.quantity.qualifier = FT_QUALIFIER_EXACT;
		c.quantity.value = 1000u * (unsigned)(i + 1);
		CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_claim(ds, &c, &err));
	}
	/* r5 alone: its one claim, 6 x 1,000. */
	ft_estimate est = estimate_ru(ds, "r5", NULL, 0);
	CU_ASSERT_EQUAL(est.claims, 1);
	CU_ASSERT_EQUAL(est.best, 6000);
	ft_estimate_clear(&est);
	/* Donbas has no claim of its own: its total adds up its 20 parts,
	 * 1,000 x (1 + 2 + ... + 20) = 1,000 x 210 = 210,000. */
	est = estimate_ru(ds, "donbas", NULL, 0);
	CU_ASSERT_EQUAL(est.claims, REGIONS);
	CU_ASSERT_EQUAL(est.best, 210000);
	ft_estimate_clear(&est);
	/* Without roll-up, r19 has its own claim (20,000) and donbas none. */
	est = estimate_ru(ds, "r19", NULL, 1);
	CU_ASSERT_EQUAL(est.best, 20000);
	ft_estimate_clear(&est);
	est = estimate_ru(ds, "donbas", NULL, 1);
	CU_ASSERT_FALSE(est.has_value);
	ft_estimate_clear(&est);

	/* s0, then s1..s12 reported a day apart, each superseding s0: s0 is
	 * superseded by the first of them, s1; the last, s12 (13,000 as
	 * 1,000 x 13), is the only one not superseded... */
	static const char *const first[] = {"s0"};
	for (int i = 0; i <= LATER; i++) {
		ft_claim_desc c = claim_94k();
		g_snprintf(id, sizeof id, "s%d", i);
		c.id = id;
		c.measure = "sup";
		c.quantity.qualifier = FT_QUALIFIER_EXACT;
		c.quantity.value = 1000u * (unsigned)(i + 1);
		char day[16];
		g_snprintf(day, sizeof day, "2021-12-%02d", i + 1);
		c.reported = T(day);
		if (i > 0) {
			c.supersedes = first;
			c.n_supersedes = 1;
		}
		CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_claim(ds, &c, &err));
	}
	est = estimate_ru(ds, "UA-border", "sup", 0);
	size_t found = 0;
	for (size_t i = 0; i < ft_estimate_contribution_count(&est); i++) {
		const ft_contribution *k = ft_estimate_contribution_at(&est, i);
		if (strcmp(ft_claim_id(k->claim), "s0") != 0)
			continue;
		found++;
		CU_ASSERT_EQUAL(k->status, FT_STATUS_SUPERSEDED);
		CU_ASSERT_PTR_NOT_NULL_FATAL(k->rule);
		CU_ASSERT_PTR_NOT_NULL(strstr(k->rule, "superseded by s1 "));
	}
	CU_ASSERT_EQUAL(found, 1);
	/* ...and the twelve later ones are one voice, so the latest counts. */
	CU_ASSERT_EQUAL(est.best, 13000);
	ft_estimate_clear(&est);
	ft_dataset_free(ds);
}

/* Collects the warnings of ft_dataset_lint. */
typedef struct warnings {
	int n;
	char path[8][FT_ERROR_PATH_SIZE];
	char text[8][FT_ERROR_TEXT_SIZE];
	int code[8];
} warnings;

static void keep_warning(const ft_error *e, void *payload)
{
	warnings *w = payload;
	if (w->n < 8) {
		g_strlcpy(w->path[w->n], e->path, sizeof w->path[0]);
		g_strlcpy(w->text[w->n], e->text, sizeof w->text[0]);
		w->code[w->n] = e->code;
	}
	w->n++;
}

/* Each warning of ft_dataset_lint, once, at the place that causes it; a
 * dataset without any gives none. In world(), peskov is under kremlin
 * (one voice) and daily-mail is a voice of its own. */
static void test_lint(void)
{
	ft_dataset *ds = world();
	ft_error err;
	warnings w = {0};
	ft_claim_desc c = claim_94k(); /* claims[0]: kremlin, reported 2021-12-01 */
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_claim(ds, &c, &err));
	CU_ASSERT_EQUAL(ft_dataset_lint(ds, keep_warning, &w), 0);
	CU_ASSERT_EQUAL(w.n, 0);

	/* claims[1]: peskov (voice kremlin) supersedes claims[0]: its own
	 * voice, reported later: no warning. */
	static const char *const sup0[] = {"c-ua-94k"};
	ft_claim_desc own = claim_94k();
	own.id = "c-peskov";
	own.source = "peskov";
	own.reported = T("2021-12-02");
	own.supersedes = sup0;
	own.n_supersedes = 1;
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_claim(ds, &own, &err));
	CU_ASSERT_EQUAL(ft_dataset_lint(ds, NULL, NULL), 0);

	/* claims[2]: the Daily Mail supersedes the Kremlin's claims[0]:
	 * another voice. Reported 2021-11-30, before claims[0] (2021-12-01):
	 * a second warning on the same reference. It names its own source in
	 * via: a third. */
	static const char *const via_self[] = {"daily-mail"};
	ft_claim_desc other = claim_94k();
	other.id = "c-mail";
	other.source = "daily-mail";
	other.reported = T("2021-11-30");
	other.supersedes = sup0;
	other.n_supersedes = 1;
	other.via = via_self;
	other.n_via = 1;
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_claim(ds, &other, &err));
	/* claims[3]: an observation observed from 2021-12-05, reported
	 * 2021-12-01: a fourth; the same as a projection: none. */
	ft_claim_desc later = claim_94k();
	later.id = "c-later";
	later.observed_form = FT_OBSERVED_TIME;
	later.observed.from = later.observed.to = T("2021-12-05");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_claim(ds, &later, &err));
	later.id = "c-forecast";
	later.kind = FT_CLAIM_PROJECTION;
	CU_ASSERT_PTR_NOT_NULL_FATAL(ft_dataset_add_claim(ds, &later, &err));

	memset(&w, 0, sizeof w);
	CU_ASSERT_EQUAL(ft_dataset_lint(ds, keep_warning, &w), 4);
	CU_ASSERT_EQUAL_FATAL(w.n, 4);
	for (int i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(w.code[i], FT_ESUSPECT);
	CU_ASSERT_STRING_EQUAL(w.path[0], "claims[2].supersedes[0]");
	CU_ASSERT_PTR_NOT_NULL(strstr(w.text[0], "another voice (kremlin, not daily-mail)"));
	CU_ASSERT_STRING_EQUAL(w.path[1], "claims[2].supersedes[0]");
	CU_ASSERT_PTR_NOT_NULL(strstr(w.text[1], "reported later (2021-12-01)"));
	CU_ASSERT_STRING_EQUAL(w.path[2], "claims[2].via[0]");
	CU_ASSERT_PTR_NOT_NULL(strstr(w.text[2], "its own source \"daily-mail\""));
	CU_ASSERT_STRING_EQUAL(w.path[3], "claims[3].observed");
	CU_ASSERT_PTR_NOT_NULL(strstr(w.text[3], "after it was reported"));
	CU_ASSERT_EQUAL(ft_dataset_lint(NULL, NULL, NULL), FT_EINVAL);
	ft_dataset_free(ds);
}

static const ft_test tests[] = {
    {"add and find", test_add_and_find},
    {"describe round trip", test_describe_round_trip},
    {"observed defaults to reported", test_observed_defaults_to_reported},
    {"duplicate id refused", test_duplicate_id_refused},
    {"invalid ids refused", test_invalid_ids_refused},
    {"unknown reference suggests", test_unknown_reference_suggests},
    {"self parent is a loop", test_self_parent_is_a_loop},
    {"claim unit belongs to subject", test_claim_unit_must_belong_to_subject},
    {"quantity rules", test_quantity_rules},
    {"grades and measure", test_grades_and_measure},
    {"zero is the default", test_zero_is_default},
    {"describe versions", test_describe_versions},
    {"lint", test_lint},
    {"time rules", test_time_rules},
    {"reference lists", test_reference_lists},
    {"extensions checked", test_extensions_checked},
    {"geometry checked", test_geometry_checked},
    {"invalid UTF-8 refused", test_invalid_utf8_refused},
    {"hierarchy queries", test_hierarchy_queries},
    {"programmer errors", test_programmer_errors},
    {"API misuse", test_api_misuse},
    {"dataset info", test_info},
    {"claim parts round trip", test_claim_parts_round_trip},
    {"id index with refused adds", test_id_index_with_refused_adds},
    {"claim larger than a block", test_claim_larger_than_a_block},
    {"many measures", test_many_measures},
    {"many regions and superseders", test_many_regions_and_superseders},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("dataset", tests);
}
