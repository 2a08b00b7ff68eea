/*
 * The deterministic synthetic generator of ft-bench, and the `generate`
 * mode that writes its dataset to a file. It builds a world of actors,
 * regions and sources and then N claims through ft_dataset_add_*, so that
 * every entity passes the checks a loaded one passes, from a fixed-seed
 * generator: the same N and seed give the same dataset, byte for byte
 * once saved, on every platform (bench/README.md says what the claims
 * hold). The other modes generate in a forked child (bench_generate_in_child),
 * so that the generator's memory never counts as what they measure.
 */
#include "bench.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* ---- a fixed-seed generator ------------------------------------------------
 *
 * splitmix64 (Steele, Lea and Flood): one 64-bit state, good enough
 * statistics for test data, and the same sequence on every platform, which
 * rand() does not promise.
 */

static uint64_t rng_next(bench_rng *r)
{
	uint64_t z = (r->state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Uniform in [0, n); the modulo bias is below 2^-40 for every n used here. */
uint64_t bench_rng_below(bench_rng *r, uint64_t n)
{
	return n ? rng_next(r) % n : 0;
}

/* Uniform in [lo, hi], both inclusive. */
static uint64_t rng_between(bench_rng *r, uint64_t lo, uint64_t hi)
{
	return lo + bench_rng_below(r, hi - lo + 1);
}

/* 1 with probability per_mille / 1000. */
static int rng_chance(bench_rng *r, unsigned per_mille)
{
	return bench_rng_below(r, 1000) < per_mille;
}

/* Uniform in [0, 1). */
static double rng_unit(bench_rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Picks an index by weight: the weights need not sum to anything. */
static size_t rng_pick(bench_rng *r, const unsigned *weights, size_t n)
{
	uint64_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += weights[i];
	uint64_t x = bench_rng_below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}

/* ---- the calendar ---------------------------------------------------------
 *
 * Claims are reported over 2021-2022 (day 0 is 2021-01-01, day 729 is
 * 2022-12-31); observed times reach some weeks before, retractions some
 * weeks after. Day and month values are parsed once here, not per claim.
 */

#define CAL_BEFORE 128
#define CAL_DAYS   730
#define CAL_SPAN   (CAL_BEFORE + CAL_DAYS + CAL_BEFORE)

typedef struct calendar {
	ft_time day[CAL_SPAN];
	ft_time month[CAL_SPAN];
	char text[CAL_SPAN][11];
} calendar;

static calendar *calendar_new(void)
{
	calendar *cal = g_new0(calendar, 1);
	GDate *d = g_date_new_dmy(1, G_DATE_JANUARY, 2021);
	g_date_subtract_days(d, CAL_BEFORE);
	for (size_t k = 0; k < CAL_SPAN; k++) {
		g_snprintf(cal->text[k], sizeof cal->text[k], "%04d-%02d-%02d", (int)g_date_get_year(d),
		           (int)g_date_get_month(d), (int)g_date_get_day(d));
		cal->day[k] = bench_parse_time(cal->text[k]);
		char month[8];
		memcpy(month, cal->text[k], 7);
		month[7] = '\0';
		cal->month[k] = bench_parse_time(month);
		g_date_add_days(d, 1);
	}
	g_date_free(d);
	return cal;
}

/* The calendar slot of a day counted from 2021-01-01, kept inside the table. */
static size_t cal_slot(long day)
{
	long k = day + CAL_BEFORE;
	if (k < 0)
		k = 0;
	if (k >= CAL_SPAN)
		k = CAL_SPAN - 1;
	return (size_t)k;
}

/* ---- the synthetic world --------------------------------------------------
 *
 * 20 states in adversary pairs, each with 3-5 child actors (armed groups,
 * organisations); 4 theaters > 3-5 countries > 4-6 admin1 > 2-4 admin2
 * (about 340 regions); per state a ministry with 2-3 spokespeople, a
 * general staff and, for half of them, an intelligence service; 30 media
 * outlets, 12 think tanks (half with named analysts under them) and 8
 * OSINT accounts. Every reliability grade occurs. Each state has a home
 * theater where most claims about its forces are placed, and a few states
 * draw most of the attention, as in real collections.
 */

#define N_STATES   20
#define N_THEATERS 4
#define N_MEDIA    30
#define N_THINK    12
#define N_OSINT    8
#define N_LEVELS   4 /* theater, country, admin1, admin2 */

typedef struct gen_actor {
	const char *id;
	size_t state; /* index of the state it is or lies under */
} gen_actor;

typedef struct gen_region {
	const char *id;
	size_t theater;
	int level;
} gen_region;

typedef struct gen_source {
	const char *id;
	const ft_claim *last; /* its latest claim, for supersedes chains */
	size_t last_subject, last_region, last_measure;
} gen_source;

typedef struct world {
	GStringChunk *strings;
	GArray *actors;  /* gen_actor */
	GArray *regions; /* gen_region */
	GArray *sources; /* gen_source */
	/* Indices into the arrays above. */
	size_t state_actor[N_STATES];
	GArray *state_children[N_STATES];
	GArray *state_voices[N_STATES]; /* ministry, spokespeople, staff, intelligence */
	GArray *by_level[N_THEATERS][N_LEVELS];
	GArray *media;
	GArray *analysts; /* think tanks and their analysts */
	GArray *osint;
} world;

static GArray *index_array(void)
{
	return g_array_new(FALSE, FALSE, sizeof(size_t));
}

static size_t index_at(const GArray *a, size_t i)
{
	return g_array_index(a, size_t, i);
}

static size_t index_pick(bench_rng *r, const GArray *a)
{
	return index_at(a, (size_t)bench_rng_below(r, a->len));
}

static void index_push(GArray *a, size_t v)
{
	g_array_append_val(a, v);
}

static const char *world_str(world *w, const char *s)
{
	return g_string_chunk_insert(w->strings, s);
}

static world *world_new(void)
{
	world *w = g_new0(world, 1);
	w->strings = g_string_chunk_new(4096);
	w->actors = g_array_new(FALSE, FALSE, sizeof(gen_actor));
	w->regions = g_array_new(FALSE, FALSE, sizeof(gen_region));
	w->sources = g_array_new(FALSE, FALSE, sizeof(gen_source));
	for (size_t s = 0; s < N_STATES; s++) {
		w->state_children[s] = index_array();
		w->state_voices[s] = index_array();
	}
	for (size_t t = 0; t < N_THEATERS; t++)
		for (size_t l = 0; l < N_LEVELS; l++)
			w->by_level[t][l] = index_array();
	w->media = index_array();
	w->analysts = index_array();
	w->osint = index_array();
	return w;
}

static void world_free(world *w)
{
	if (!w)
		return;
	g_string_chunk_free(w->strings);
	g_array_free(w->actors, TRUE);
	g_array_free(w->regions, TRUE);
	g_array_free(w->sources, TRUE);
	for (size_t s = 0; s < N_STATES; s++) {
		g_array_free(w->state_children[s], TRUE);
		g_array_free(w->state_voices[s], TRUE);
	}
	for (size_t t = 0; t < N_THEATERS; t++)
		for (size_t l = 0; l < N_LEVELS; l++)
			g_array_free(w->by_level[t][l], TRUE);
	g_array_free(w->media, TRUE);
	g_array_free(w->analysts, TRUE);
	g_array_free(w->osint, TRUE);
	g_free(w);
}

/* Adversaries come in pairs (0-1, 2-3, ...) and a pair shares a theater. */
static size_t home_theater(size_t state)
{
	return (state / 2) % N_THEATERS;
}

static const gen_actor *actor_of(const world *w, size_t i)
{
	return &g_array_index(w->actors, gen_actor, i);
}

static const gen_region *region_of(const world *w, size_t i)
{
	return &g_array_index(w->regions, gen_region, i);
}

static gen_source *source_of(const world *w, size_t i)
{
	return &g_array_index(w->sources, gen_source, i);
}

static void add_actor(ft_dataset *ds, world *w, const ft_actor_desc *d, size_t state)
{
	ft_error err;
	ft_error_clear(&err);
	if (!ft_dataset_add_actor(ds, d, &err))
		bench_die("generating an actor", &err);
	gen_actor a = {world_str(w, d->id), state};
	g_array_append_val(w->actors, a);
}

static void build_actors(ft_dataset *ds, world *w, bench_rng *r)
{
	static const ft_actor_kind child_kinds[] = {FT_ACTOR_ARMED_GROUP, FT_ACTOR_ORGANIZATION,
	                                            FT_ACTOR_OTHER};
	char id[32], name[64], code[4], alias[64], opp[32];
	for (size_t s = 0; s < N_STATES; s++) {
		g_snprintf(id, sizeof id, "ST%02zu", s + 1);
		g_snprintf(name, sizeof name, "State %02zu", s + 1);
		g_snprintf(alias, sizeof alias, "Republic of State %02zu", s + 1);
		/* ISO 3166 keeps XAA-XZZ for user-assigned codes. */
		g_snprintf(code, sizeof code, "XA%c", (char)('A' + s));
		const char *aliases[] = {alias};
		const char *opposes[] = {opp};
		ft_actor_desc d = FT_ACTOR_DESC_INIT;
		d.id = id;
		d.name = name;
		d.kind = FT_ACTOR_STATE;
		d.code = code;
		d.aliases = aliases;
		d.n_aliases = 1;
		if (s % 2 == 1) {
			g_snprintf(opp, sizeof opp, "ST%02zu", s);
			d.opposes = opposes;
			d.n_opposes = 1;
		}
		w->state_actor[s] = w->actors->len;
		add_actor(ds, w, &d, s);
		char parent[32];
		g_strlcpy(parent, id, sizeof parent);
		size_t n_children = (size_t)rng_between(r, 3, 5);
		for (size_t c = 0; c < n_children; c++) {
			g_snprintf(id, sizeof id, "%s-F%zu", parent, c + 1);
			g_snprintf(name, sizeof name, "Force %zu of State %02zu", c + 1, s + 1);
			ft_actor_desc cd = FT_ACTOR_DESC_INIT;
			cd.id = id;
			cd.name = name;
			cd.kind = child_kinds[bench_rng_below(r, G_N_ELEMENTS(child_kinds))];
			cd.parent = parent;
			index_push(w->state_children[s], w->actors->len);
			add_actor(ds, w, &cd, s);
		}
	}
}

static void add_region(ft_dataset *ds, world *w, const ft_region_desc *d, size_t theater, int level)
{
	ft_error err;
	ft_error_clear(&err);
	if (!ft_dataset_add_region(ds, d, &err))
		bench_die("generating a region", &err);
	index_push(w->by_level[theater][level], w->regions->len);
	gen_region g = {world_str(w, d->id), theater, level};
	g_array_append_val(w->regions, g);
}

static void build_regions(ft_dataset *ds, world *w, bench_rng *r)
{
	char th[32], co[32], a1[32], a2[32], name[96], border[32];
	for (size_t t = 0; t < N_THEATERS; t++) {
		g_snprintf(th, sizeof th, "TH%zu", t + 1);
		g_snprintf(name, sizeof name, "Theater %zu", t + 1);
		/* The theater borders the territory of the pair at home in it. */
		g_snprintf(border, sizeof border, "ST%02zu", 2 * t + 1);
		const char *borders[] = {border};
		ft_region_desc d = FT_REGION_DESC_INIT;
		d.id = th;
		d.name = name;
		d.kind = FT_REGION_THEATER;
		d.borders = borders;
		d.n_borders = 1;
		add_region(ds, w, &d, t, 0);
		size_t n_co = (size_t)rng_between(r, 3, 5);
		for (size_t c = 0; c < n_co; c++) {
			g_snprintf(co, sizeof co, "%s-C%zu", th, c + 1);
			g_snprintf(name, sizeof name, "Country %zu of theater %zu", c + 1, t + 1);
			ft_region_desc cd = FT_REGION_DESC_INIT;
			cd.id = co;
			cd.name = name;
			cd.kind = FT_REGION_COUNTRY;
			cd.parent = th;
			add_region(ds, w, &cd, t, 1);
			size_t n_a1 = (size_t)rng_between(r, 4, 6);
			for (size_t i = 0; i < n_a1; i++) {
				g_snprintf(a1, sizeof a1, "%s-A%zu", co, i + 1);
				g_snprintf(name, sizeof name, "Province %zu, %s", i + 1, co);
				ft_region_desc ad = FT_REGION_DESC_INIT;
				ad.id = a1;
				ad.name = name;
				ad.kind = FT_REGION_ADMIN1;
				ad.code = a1;
				ad.parent = co;
				add_region(ds, w, &ad, t, 2);
				size_t n_a2 = (size_t)rng_between(r, 2, 4);
				for (size_t j = 0; j < n_a2; j++) {
					g_snprintf(a2, sizeof a2, "%s-D%zu", a1, j + 1);
					g_snprintf(name, sizeof name, "District %zu, %s", j + 1, a1);
					ft_region_desc dd = FT_REGION_DESC_INIT;
					dd.id = a2;
					dd.name = name;
					dd.kind = FT_REGION_ADMIN2;
					dd.parent = a1;
					add_region(ds, w, &dd, t, 3);
				}
			}
		}
	}
}

/* A grade from A to F; F (cannot be judged) is the commonest, as in practice. */
static ft_reliability random_reliability(bench_rng *r)
{
	static const unsigned weights[] = {5, 20, 25, 15, 10, 25};
	return (ft_reliability)(FT_RELIABILITY_A + (int)rng_pick(r, weights, G_N_ELEMENTS(weights)));
}

static size_t add_source(ft_dataset *ds, world *w, const ft_source_desc *d)
{
	ft_error err;
	ft_error_clear(&err);
	if (!ft_dataset_add_source(ds, d, &err))
		bench_die("generating a source", &err);
	gen_source g = {world_str(w, d->id), NULL, 0, 0, 0};
	g_array_append_val(w->sources, g);
	return w->sources->len - 1;
}

static void build_sources(ft_dataset *ds, world *w, bench_rng *r)
{
	char id[48], name[96], parent[48], actor[32], url[96];
	for (size_t s = 0; s < N_STATES; s++) {
		g_snprintf(actor, sizeof actor, "ST%02zu", s + 1);

		g_snprintf(parent, sizeof parent, "%s-mod", actor);
		g_snprintf(name, sizeof name, "Ministry of Defence of State %02zu", s + 1);
		g_snprintf(url, sizeof url, "https://mod.st%02zu.example/", s + 1);
		ft_source_desc d = FT_SOURCE_DESC_INIT;
		d.id = parent;
		d.name = name;
		d.kind = FT_SOURCE_GOVERNMENT;
		d.actor = actor;
		d.reliability = random_reliability(r);
		d.url = url;
		index_push(w->state_voices[s], add_source(ds, w, &d));

		/* Spokespeople are mostly ungraded: they speak with the
		 * ministry's reliability (estimation.md section 4). */
		size_t n_sp = (size_t)rng_between(r, 2, 3);
		for (size_t k = 0; k < n_sp; k++) {
			g_snprintf(id, sizeof id, "%s-sp%zu", parent, k + 1);
			g_snprintf(name, sizeof name, "Spokesperson %zu, Ministry of Defence of State %02zu",
			           k + 1, s + 1);
			ft_source_desc sd = FT_SOURCE_DESC_INIT;
			sd.id = id;
			sd.name = name;
			sd.kind = FT_SOURCE_PERSON;
			sd.actor = actor;
			sd.parent = parent;
			sd.reliability = rng_chance(r, 700) ? FT_RELIABILITY_F : random_reliability(r);
			index_push(w->state_voices[s], add_source(ds, w, &sd));
		}

		g_snprintf(id, sizeof id, "%s-gs", actor);
		g_snprintf(name, sizeof name, "General Staff of State %02zu", s + 1);
		ft_source_desc gd = FT_SOURCE_DESC_INIT;
		gd.id = id;
		gd.name = name;
		gd.kind = FT_SOURCE_MILITARY;
		gd.actor = actor;
		gd.reliability = random_reliability(r);
		index_push(w->state_voices[s], add_source(ds, w, &gd));

		if (s % 2 == 0) {
			g_snprintf(id, sizeof id, "%s-intel", actor);
			g_snprintf(name, sizeof name, "Intelligence Directorate of State %02zu", s + 1);
			ft_source_desc id_ = FT_SOURCE_DESC_INIT;
			id_.id = id;
			id_.name = name;
			id_.kind = FT_SOURCE_INTELLIGENCE;
			id_.actor = actor;
			id_.reliability = random_reliability(r);
			index_push(w->state_voices[s], add_source(ds, w, &id_));
		}
	}

	for (size_t m = 0; m < N_MEDIA; m++) {
		g_snprintf(id, sizeof id, "media-%02zu", m + 1);
		g_snprintf(name, sizeof name, "Media outlet %02zu", m + 1);
		g_snprintf(url, sizeof url, "https://news%02zu.example/", m + 1);
		g_snprintf(actor, sizeof actor, "ST%02zu", (size_t)bench_rng_below(r, N_STATES) + 1);
		ft_source_desc d = FT_SOURCE_DESC_INIT;
		d.id = id;
		d.name = name;
		d.kind = FT_SOURCE_MEDIA;
		/* State media speak for their state; the rest for no one. */
		d.actor = rng_chance(r, 300) ? actor : NULL;
		d.reliability = random_reliability(r);
		d.url = url;
		index_push(w->media, add_source(ds, w, &d));
	}

	for (size_t t = 0; t < N_THINK; t++) {
		g_snprintf(parent, sizeof parent, "tt-%02zu", t + 1);
		g_snprintf(name, sizeof name, "Think tank %02zu", t + 1);
		ft_source_desc d = FT_SOURCE_DESC_INIT;
		d.id = parent;
		d.name = name;
		d.kind = FT_SOURCE_THINK_TANK;
		d.reliability = random_reliability(r);
		index_push(w->analysts, add_source(ds, w, &d));
		if (t % 2 == 0) {
			for (size_t k = 0; k < 2; k++) {
				g_snprintf(id, sizeof id, "%s-analyst%zu", parent, k + 1);
				g_snprintf(name, sizeof name, "Analyst %zu, think tank %02zu", k + 1, t + 1);
				ft_source_desc ad = FT_SOURCE_DESC_INIT;
				ad.id = id;
				ad.name = name;
				ad.kind = FT_SOURCE_PERSON;
				ad.parent = parent;
				index_push(w->analysts, add_source(ds, w, &ad));
			}
		}
	}

	for (size_t o = 0; o < N_OSINT; o++) {
		g_snprintf(id, sizeof id, "osint-%02zu", o + 1);
		g_snprintf(name, sizeof name, "OSINT account %02zu", o + 1);
		ft_source_desc d = FT_SOURCE_DESC_INIT;
		d.id = id;
		d.name = name;
		d.kind = o % 2 ? FT_SOURCE_SOCIAL_MEDIA : FT_SOURCE_OSINT;
		d.reliability = random_reliability(r);
		index_push(w->osint, add_source(ds, w, &d));
	}
}

/* ---- claims ------------------------------------------------------------- */

static const char *const measures[] = {NULL /* personnel, the default */, "btg", "tanks"};

static const char *const quote_templates[] = {
    "Some %s troops are now deployed in the area, officials said.",
    "Satellite images show at least %s in the region.",
    "We estimate about %s, and the number keeps growing.",
    "A senior official put the figure at %s on Monday.",
};

/* A figure of the size a claim about this measure at this level states. */
static uint64_t random_figure(bench_rng *r, size_t measure, int level)
{
	static const uint64_t personnel[N_LEVELS][2] = {
	    {50000, 200000}, {10000, 100000}, {2000, 40000}, {500, 10000}};
	static const uint64_t btg[N_LEVELS][2] = {{20, 120}, {5, 60}, {1, 20}, {1, 6}};
	if (measure == 0)
		return rng_between(r, personnel[level][0] / 500, personnel[level][1] / 500) * 500;
	uint64_t b = rng_between(r, btg[level][0], btg[level][1]);
	return measure == 1 ? b : b * 10 + bench_rng_below(r, 10);
}

/* Every shape of docs/format.md section 6: exact, about, at least, at most, and
 * ranges with and without a central figure. */
static ft_quantity random_quantity(bench_rng *r, uint64_t v)
{
	static const unsigned weights[] = {20, 30, 15, 10, 12, 13};
	ft_quantity q = {FT_QUALIFIER_EXACT, 1, v, 0, 0};
	switch (rng_pick(r, weights, G_N_ELEMENTS(weights))) {
	case 0: q.qualifier = FT_QUALIFIER_EXACT; break;
	case 1: q.qualifier = FT_QUALIFIER_APPROX; break;
	case 2: q.qualifier = FT_QUALIFIER_AT_LEAST; break;
	case 3: q.qualifier = FT_QUALIFIER_AT_MOST; break;
	default:
		q.qualifier = FT_QUALIFIER_RANGE;
		q.low = v - v / 8;
		q.high = v + v / 8 + 1;
		if (q.high == q.low)
			q.high++;
		if (rng_chance(r, 480)) {
			q.has_value = 1;
		} else {
			q.has_value = 0;
			q.value = 0;
		}
	}
	return q;
}

typedef struct gen_stats {
	size_t claims, denials, projections, supersedes, retracted, via, disputes;
	size_t observed_time, observed_interval;
	size_t shape[6]; /* by ft_qualifier */
	double seconds;
} gen_stats;

/* The state whose forces a claim counts: a few states draw most claims. */
static size_t random_state(bench_rng *r)
{
	double u = rng_unit(r);
	size_t s = (size_t)(u * u * N_STATES);
	return s < N_STATES ? s : N_STATES - 1;
}

static size_t random_subject(bench_rng *r, const world *w, size_t state)
{
	if (rng_chance(r, 400))
		return w->state_actor[state];
	return index_pick(r, w->state_children[state]);
}

static size_t random_region(bench_rng *r, const world *w, size_t state)
{
	static const unsigned level_weights[N_LEVELS] = {10, 20, 35, 35};
	size_t t = rng_chance(r, 850) ? home_theater(state) : (size_t)bench_rng_below(r, N_THEATERS);
	size_t level = rng_pick(r, level_weights, N_LEVELS);
	return index_pick(r, w->by_level[t][level]);
}

static size_t random_speaker(bench_rng *r, const world *w, size_t state)
{
	static const unsigned weights[] = {45, 30, 15, 10};
	switch (rng_pick(r, weights, G_N_ELEMENTS(weights))) {
	case 0: {
		/* A government speaks about its own forces or its adversary's. */
		size_t s = rng_chance(r, 600) ? state : (state ^ 1);
		return index_pick(r, w->state_voices[s]);
	}
	case 1: return index_pick(r, w->media);
	case 2: return index_pick(r, w->analysts);
	default: return index_pick(r, w->osint);
	}
}

/* Reported day, precision by taste: mostly a day, some minutes, some months. */
static ft_time random_reported(bench_rng *r, const calendar *cal, size_t slot)
{
	uint64_t p = bench_rng_below(r, 100);
	if (p < 85)
		return cal->day[slot];
	if (p < 95) {
		char text[32];
		g_snprintf(text, sizeof text, "%sT%02d:%02dZ", cal->text[slot], (int)bench_rng_below(r, 24),
		           (int)bench_rng_below(r, 60));
		return bench_parse_time(text);
	}
	return cal->month[slot];
}

static void generate_claim(ft_dataset *ds, world *w, bench_rng *r, const calendar *cal, size_t i, size_t n,
                           gen_stats *st)
{
	char id[32], quote[160], figure[48], url[96];
	g_snprintf(id, sizeof id, "c%07zu", i + 1);

	/* Reported days rise through the dataset, with a little jitter. */
	long day = (long)((uint64_t)i * CAL_DAYS / n) + (long)bench_rng_below(r, 4);
	if (day >= CAL_DAYS)
		day = CAL_DAYS - 1;

	size_t state = random_state(r);
	size_t subject = random_subject(r, w, state);
	size_t region = random_region(r, w, state);
	size_t measure = rng_chance(r, 700) ? 0 : rng_chance(r, 600) ? 1 : 2;
	size_t speaker = random_speaker(r, w, state);
	gen_source *src = source_of(w, speaker);

	ft_claim_desc d = FT_CLAIM_DESC_INIT;
	d.id = id;
	d.source = src->id;

	/* Some claims update the source's previous figure for the same group. */
	const char *supersedes[1];
	if (src->last && rng_chance(r, 120)) {
		subject = src->last_subject;
		region = src->last_region;
		measure = src->last_measure;
		supersedes[0] = ft_claim_id(src->last);
		d.supersedes = supersedes;
		d.n_supersedes = 1;
		st->supersedes++;
	}
	d.subject = actor_of(w, subject)->id;
	d.region = region_of(w, region)->id;
	d.measure = measures[measure];

	const char *via[2];
	if (rng_chance(r, 380)) {
		via[0] = source_of(w, index_pick(r, w->media))->id;
		d.via = via;
		d.n_via = 1;
		if (rng_chance(r, 200)) {
			via[1] = source_of(w, index_pick(r, w->media))->id;
			if (strcmp(via[0], via[1]) != 0)
				d.n_via = 2;
		}
		st->via++;
	}

	const char *disputes[1];
	if (i > 0 && rng_chance(r, 10)) {
		size_t back = (size_t)bench_rng_below(r, MIN(i, (size_t)1000)) + 1;
		disputes[0] = ft_claim_id(ft_dataset_claim_at(ds, ft_dataset_claim_count(ds) - back));
		d.disputes = disputes;
		d.n_disputes = 1;
		st->disputes++;
	}

	uint64_t v = random_figure(r, measure, region_of(w, region)->level);
	uint64_t kind = bench_rng_below(r, 1000);
	if (kind < 40) {
		d.kind = FT_CLAIM_DENIAL;
		st->denials++;
		/* Most denials state no figure; some deny any presence: zero. */
		if (rng_chance(r, 150))
			d.quantity = (ft_quantity){FT_QUALIFIER_EXACT, 1, 0, 0, 0};
	} else {
		if (kind < 90) {
			d.kind = FT_CLAIM_PROJECTION;
			st->projections++;
		}
		d.quantity = random_quantity(r, v);
	}
	st->shape[d.quantity.qualifier]++;

	size_t rep = cal_slot(day);
	d.reported = random_reported(r, cal, rep);

	uint64_t obs = bench_rng_below(r, 100);
	if (obs < 40) {
		d.observed_form = FT_OBSERVED_TIME;
		long od = day - (long)bench_rng_below(r, 15);
		d.observed.from = rng_chance(r, 850) ? cal->day[cal_slot(od)] : cal->month[cal_slot(od)];
		st->observed_time++;
	} else if (obs < 65) {
		d.observed_form = FT_OBSERVED_INTERVAL;
		long from = day - (long)rng_between(r, 7, 60);
		long to = day - (long)bench_rng_below(r, 7);
		uint64_t open = bench_rng_below(r, 100);
		if (open >= 8)
			d.observed.from = cal->day[cal_slot(from)];
		if (open < 8 || open >= 15)
			d.observed.to = cal->day[cal_slot(to)];
		st->observed_interval++;
	}

	d.credibility = (int)rng_between(r, 1, 6);

	if (rng_chance(r, 15)) {
		d.retracted = cal->day[cal_slot(day + (long)rng_between(r, 1, 60))];
		st->retracted++;
	}

	if (rng_chance(r, 450)) {
		ft_quantity_format(&d.quantity, figure, sizeof figure);
		const char *tmpl = quote_templates[bench_rng_below(r, G_N_ELEMENTS(quote_templates))];
		/* The templates are literals of this file, each with one %s. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		g_snprintf(quote, sizeof quote, tmpl, figure);
#pragma GCC diagnostic pop
		d.quote = quote;
	}
	if (rng_chance(r, 120)) {
		g_snprintf(url, sizeof url, "https://news%02d.example/%s/%s",
		           (int)bench_rng_below(r, N_MEDIA) + 1, cal->text[rep], id);
		d.url = url;
	}
	static const char *const tags_one[] = {"build-up"};
	static const char *const tags_two[] = {"build-up", "satellite-imagery"};
	uint64_t tg = bench_rng_below(r, 100);
	if (tg < 15) {
		d.tags = tags_one;
		d.n_tags = 1;
	} else if (tg < 20) {
		d.tags = tags_two;
		d.n_tags = 2;
	}
	if (rng_chance(r, 60))
		d.note = "Figure from a briefing; not independently confirmed.";

	ft_error err;
	ft_error_clear(&err);
	const ft_claim *c = ft_dataset_add_claim(ds, &d, &err);
	if (!c)
		bench_die("generating a claim", &err);
	src->last = c;
	src->last_subject = subject;
	src->last_region = region;
	src->last_measure = measure;
	st->claims++;
}

/* The whole synthetic dataset of n claims; the same n and seed give the
 * same dataset, byte for byte once saved. */
static ft_dataset *generate_dataset(size_t n, uint64_t seed, gen_stats *st)
{
	gint64 t0 = g_get_monotonic_time();
	memset(st, 0, sizeof *st);
	bench_rng r = {seed};
	calendar *cal = calendar_new();
	world *w = world_new();
	ft_dataset *ds = ft_dataset_new();

	ft_dataset_info info = FT_DATASET_INFO_INIT;
	char title[96];
	g_snprintf(title, sizeof title, "ft-bench synthetic dataset, %zu claims, seed %" PRIu64, n, seed);
	info.id = "ft-bench";
	info.title = title;
	info.license = "CC0-1.0";
	ft_error err;
	ft_error_clear(&err);
	if (ft_dataset_set_info(ds, &info, &err) != 0)
		bench_die("setting the dataset's metadata", &err);

	build_actors(ds, w, &r);
	build_regions(ds, w, &r);
	build_sources(ds, w, &r);
	for (size_t i = 0; i < n; i++)
		generate_claim(ds, w, &r, cal, i, n, st);

	world_free(w);
	g_free(cal);
	st->seconds = (double)(g_get_monotonic_time() - t0) / 1e6;
	return ds;
}

/* ---- the generator in a child, and the generate mode -------------------- */

typedef struct gen_args {
	size_t n;
	uint64_t seed;
	const char *path, *lines_path;
} gen_args;

/* Generates the dataset of n claims and saves it as a document at `path`
 * and, when `lines_path` is not NULL, as JSON Lines there too; in the
 * calling process (bench_generate_in_child runs it in a child). */
void bench_generate_and_save(size_t n, uint64_t seed, const char *path, const char *lines_path,
                             bench_gen_report *r)
{
	gen_stats st;
	ft_dataset *ds = generate_dataset(n, seed, &st);
	g_printerr("[ft-bench] N=%zu: generated in %.2f s\n", n, st.seconds);
	ft_error err;
	ft_error_clear(&err);
	double t0 = bench_now_s();
	if (ft_dataset_save_file(ds, path, &err) != 0)
		bench_die("saving the generated dataset", &err);
	r->gen_s = st.seconds;
	r->save_s = bench_now_s() - t0;
	g_printerr("[ft-bench] N=%zu: saved in %.2f s\n", n, r->save_s);
	if (lines_path) {
		t0 = bench_now_s();
		if (ft_dataset_save_lines_file(ds, lines_path, &err) != 0)
			bench_die("saving the generated dataset as JSON Lines", &err);
		r->save_lines_s = bench_now_s() - t0;
		g_printerr("[ft-bench] N=%zu: saved as JSON Lines in %.2f s\n", n, r->save_lines_s);
	}
	ft_dataset_free(ds);
}

static void generate_work(const void *args, void *out)
{
	const gen_args *a = args;
	bench_generate_and_save(a->n, a->seed, a->path, a->lines_path, out);
}

/* Generates and saves in one child, as a document at `path` and, when
 * `lines_path` is not NULL, as JSON Lines there too; its timings come back
 * through a pipe. */
int bench_generate_in_child(size_t n, uint64_t seed, const char *path, const char *lines_path,
                            bench_gen_report *rep)
{
	gen_args a = {n, seed, path, lines_path};
	return bench_run_in_child(generate_work, &a, rep, sizeof *rep, "the generator", n);
}

int bench_cmd_generate(int argc, char **argv)
{
	char *seed_text = NULL;
	char **rest = NULL;
	gboolean lines = FALSE;
	GOptionEntry entries[] = {
	    bench_option_seed(&seed_text),
	    {"lines", 'l', 0, G_OPTION_ARG_NONE, &lines, "Write JSON Lines instead of a document", NULL},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, "N FILE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	int status = EXIT_USAGE;
	size_t n = 0;
	int ok = 1;
	if (!bench_parse_options("generate", "Writes the synthetic dataset of N claims to FILE.", entries,
	                         &argc, &argv))
		goto cleanup;
	uint64_t seed = bench_parse_seed(seed_text, &ok);
	if (!ok || !rest || !rest[0] || !rest[1] || rest[2] || !bench_parse_count(rest[0], &n)) {
		fprintf(stderr,
		        "ft-bench generate: give a claim count N and a FILE (and a numeric --seed)\n");
		goto cleanup;
	}
	gen_stats st;
	ft_dataset *ds = generate_dataset(n, seed, &st);
	ft_error err;
	ft_error_clear(&err);
	double t0 = bench_now_s();
	if ((lines ? ft_dataset_save_lines_file(ds, rest[1], &err)
	           : ft_dataset_save_file(ds, rest[1], &err)) != 0)
		bench_die("saving", &err);
	double save_s = bench_now_s() - t0;
	ft_dataset_free(ds);
	struct stat sb;
	if (stat(rest[1], &sb) != 0)
		bench_die("the saved file is missing", NULL);
	printf("%zu claims, %" PRIu64 " bytes, %.1f bytes/claim; generated in %.2f s, saved in %.2f s\n", n,
	       (uint64_t)sb.st_size, (double)sb.st_size / (double)n, st.seconds, save_s);
	printf("shapes: none %zu, exact %zu, approx %zu, at-least %zu, at-most %zu, range %zu; denials %zu, "
	       "projections %zu, supersedes %zu, retracted %zu, via %zu, disputes %zu, observed time %zu, "
	       "observed interval %zu\n",
	       st.shape[FT_QUALIFIER_NONE], st.shape[FT_QUALIFIER_EXACT], st.shape[FT_QUALIFIER_APPROX],
	       st.shape[FT_QUALIFIER_AT_LEAST], st.shape[FT_QUALIFIER_AT_MOST], st.shape[FT_QUALIFIER_RANGE],
	       st.denials, st.projections, st.supersedes, st.retracted, st.via, st.disputes, st.observed_time,
	       st.observed_interval);
	status = EXIT_SUCCESS;

cleanup:
	g_free(seed_text);
	g_strfreev(rest);
	return status;
}
