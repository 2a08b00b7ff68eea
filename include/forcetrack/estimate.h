/*
 * Estimates from conflicting claims (docs/estimation.md): for one actor,
 * region and measure at a date T, a best figure with a low-high range, the
 * independent voices behind it, whether they disagree, and every claim
 * that was looked at with its weight and the rule that placed it, so that
 * a person can redo the figure by hand. Also timelines of estimates with
 * build-up alerts.
 *
 * Estimating only reads the dataset: any number of threads may estimate
 * from one dataset at once, as long as none changes it.
 */
#ifndef FORCETRACK_ESTIMATE_H
#define FORCETRACK_ESTIMATE_H

#include "common.h"
#include "dataset.h"
#include "time.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ft_method {
	FT_METHOD_WEIGHTED = 0, /* weighted median of the voices (the default) */
	FT_METHOD_MEDIAN,       /* plain median: every voice weighs 1 */
	FT_METHOD_LATEST        /* the figure of the latest credible voice */
} ft_method;

/* The weight tables (docs/estimation.md, "Weights"). Grades that cannot be
 * judged (F, 6) are neutral: they weigh 0.5, not 0. */
#define FT_WEIGHT_RELIABILITY_A 1.0
#define FT_WEIGHT_RELIABILITY_B 0.8
#define FT_WEIGHT_RELIABILITY_C 0.6
#define FT_WEIGHT_RELIABILITY_D 0.4
#define FT_WEIGHT_RELIABILITY_E 0.2
#define FT_WEIGHT_RELIABILITY_F 0.5
#define FT_WEIGHT_CREDIBILITY_1 1.0
#define FT_WEIGHT_CREDIBILITY_2 0.8
#define FT_WEIGHT_CREDIBILITY_3 0.6
#define FT_WEIGHT_CREDIBILITY_4 0.4
#define FT_WEIGHT_CREDIBILITY_5 0.2
#define FT_WEIGHT_CREDIBILITY_6 0.5
/* A claim's weight halves for every FT_HALF_LIFE_DAYS its observed span
 * ended before T. */
#define FT_HALF_LIFE_DAYS 30
/* "About N" means N within this fraction either way: [0.9 N, 1.1 N]. */
#define FT_APPROX_TOLERANCE 0.10
/* Claims whose observed span ended more than this many days before T are
 * stale. */
#define FT_STALENESS_DAYS 90

/* The weight of a reliability grade and of a credibility grade (1-6). */
FT_EXTERN double ft_reliability_weight(ft_reliability r);
FT_EXTERN double ft_credibility_weight(int credibility);

typedef struct ft_estimate_options {
	unsigned version;
	/* T: the date the estimate is for. Required. */
	ft_time at;
	/* K: only what was reported by the end of this time value is known
	 * (precision NONE: everything in the dataset). */
	ft_time known_on;
	/* Roll up child actors and sub-regions (default 1). With 0 only claims
	 * about exactly this actor and region count. */
	int rollup;
	/* Staleness horizon in days (default FT_STALENESS_DAYS; < 0: none). */
	int staleness_days;
	/* Tolerance of "about N" (default FT_APPROX_TOLERANCE). */
	double approx_tolerance;
	/* Count projections as well (default 0). */
	int include_projections;
	ft_method method;
} ft_estimate_options;

#define FT_ESTIMATE_OPTIONS_VERSION 1
#define FT_ESTIMATE_OPTIONS_INIT                                                                             \
	{                                                                                                    \
		FT_ESTIMATE_OPTIONS_VERSION, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, 1, FT_STALENESS_DAYS,         \
		    FT_APPROX_TOLERANCE, 0, FT_METHOD_WEIGHTED                                               \
	}

/* What happened to a candidate claim. */
typedef enum ft_status {
	FT_STATUS_COUNTED = 0,      /* its voice's figure: it shaped the estimate */
	FT_STATUS_SAME_VOICE,       /* outvoted by a later claim of the same voice */
	FT_STATUS_SUPERSEDED,       /* a claim known by K lists it in supersedes */
	FT_STATUS_RETRACTED,        /* withdrawn by K */
	FT_STATUS_NOT_YET_REPORTED, /* reported after K */
	FT_STATUS_NOT_YET_OBSERVED, /* its observed span begins after T */
	FT_STATUS_STALE,            /* its observed span ended more than the horizon before T */
	FT_STATUS_DENIAL,           /* a denial: it states no figure */
	FT_STATUS_PROJECTION        /* a projection, and projections were not asked for */
} ft_status;

/* How a source stands to the actor it speaks about. */
typedef enum ft_stance {
	FT_STANCE_THIRD_PARTY = 0, /* neither (or the source has no actor) */
	FT_STANCE_OWN_SIDE,        /* its actor is the subject, or one lies under the other */
	FT_STANCE_ADVERSARY        /* its actor opposes the subject */
} ft_stance;

/* "counted", "same-voice", ... and "own-side", "adversary", "third-party". */
FT_EXTERN const char *ft_status_name(ft_status s);
FT_EXTERN const char *ft_stance_name(ft_stance s);
FT_EXTERN const char *ft_method_name(ft_method m);
FT_EXTERN int ft_method_parse(const char *name, ft_method *out);

/*
 * One candidate claim and what became of it. `low`/`high` are the bounds
 * the claim states (a missing side is 0 / UINT64_MAX), `central` the
 * central figure when `has_central`. `rule` says in words how the claim
 * was placed ("central 94,000; about: 84,600-103,400").
 */
typedef struct ft_contribution {
	const ft_claim *claim;
	const ft_source *voice; /* the root of the claim's source */
	ft_status status;
	ft_stance stance;
	int credible;  /* its source is not graded E and it is not graded 5 */
	double weight; /* reliability x credibility x age decay */
	int has_central;
	uint64_t central;
	uint64_t low;
	uint64_t high;
	const char *rule;
} ft_contribution;

/* Two credible, independent voices whose stated ranges do not overlap:
 * `a` comes before `b` in the dataset. An estimate lists its
 * disagreements in dataset order of `a`, then of `b`. */
typedef struct ft_disagreement {
	const ft_claim *a;
	const ft_claim *b;
} ft_disagreement;

/*
 * The estimate of one node of a roll-up: an (actor, region) pair with the
 * figure from the claims made about exactly that pair (`own_*`) and the
 * total after adding its parts.
 */
typedef struct ft_estimate_part {
	const ft_actor *actor;
	const ft_region *region;
	int has_own;
	uint64_t own_best, own_low, own_high;
	int has_total;
	uint64_t best, low, high;
	int inconsistent; /* its own claims say less than its parts add up to */
} ft_estimate_part;

/*
 * An estimate. When `has_value` is 0 no claim counted and best/low/high
 * are 0: there is no estimate, not an estimate of zero. Arrays belong to
 * the estimate and are released by ft_estimate_clear.
 */
typedef struct ft_estimate {
	int has_value;
	uint64_t best;
	uint64_t low;
	uint64_t high;
	size_t claims; /* claims counted */
	size_t voices; /* independent voices counted */
	int contested;
	int inconsistent;
	ft_contribution *contributions;
	size_t n_contributions;
	ft_disagreement *disagreements;
	size_t n_disagreements;
	/* parts[0] is the asked-for pair; the other nodes follow in dataset
	 * order of their actor, then of their region. */
	ft_estimate_part *parts;
	size_t n_parts;
	void *internal;
} ft_estimate;

/*
 * Computes the estimate for `actor` in `region` of `measure` (NULL:
 * personnel) with `opts` (its `at` is required). Returns 0 and fills `out`
 * (release with ft_estimate_clear, also after a failure), or a negative
 * code with `err` filled.
 */
FT_EXTERN int ft_estimate_compute(const ft_dataset *ds, const ft_actor *actor, const ft_region *region,
                                  const char *measure, const ft_estimate_options *opts, ft_estimate *out,
                                  ft_error *err);

/* Releases what an estimate holds and zeroes it. NULL is allowed. */
FT_EXTERN void ft_estimate_clear(ft_estimate *est);

/* A build-up alert: between points `from` and `to` of a timeline, best
 * moved by more than the threshold. `claims` are the claims counted at
 * `to` that were not counted at `from`: the ones that moved it. */
typedef struct ft_alert {
	size_t from;
	size_t to;
	int64_t change;  /* best at `to` minus best at `from` */
	double relative; /* change / best at `from` */
	const ft_claim **claims;
	size_t n_claims;
} ft_alert;

typedef struct ft_timeline {
	ft_time *at;         /* the grid */
	ft_estimate *points; /* one estimate per grid time (see all_contributions) */
	size_t n_points;
	ft_alert *alerts;
	size_t n_alerts;
} ft_timeline;

typedef struct ft_timeline_options {
	unsigned version;
	ft_estimate_options estimate; /* `at` is ignored */
	/* An alert when best changes by more than this fraction ... */
	double threshold;
	/* ... against the point this many days earlier (the nearest grid point at
	 * or after that date). */
	int window_days;
	/* Keep every candidate's contribution at every point (1), or only the
	 * counted ones (0, the default): a year of daily points over a large
	 * group would otherwise hold each candidate 365 times. */
	int all_contributions;
} ft_timeline_options;

#define FT_TIMELINE_OPTIONS_VERSION 1
#define FT_TIMELINE_OPTIONS_INIT                                                                             \
	{                                                                                                    \
		FT_TIMELINE_OPTIONS_VERSION, FT_ESTIMATE_OPTIONS_INIT, 0.10, 30, 0                           \
	}

/*
 * Estimates at every `step_days` from `from` to `to` (both at day
 * precision or finer; the grid times are UTC days). Returns 0 and fills
 * `out` (release with ft_timeline_clear), or a negative code.
 */
FT_EXTERN int ft_timeline_compute(const ft_dataset *ds, const ft_actor *actor, const ft_region *region,
                                  const char *measure, const ft_time *from, const ft_time *to, int step_days,
                                  const ft_timeline_options *opts, ft_timeline *out, ft_error *err);

FT_EXTERN void ft_timeline_clear(ft_timeline *tl);

#ifdef __cplusplus
}
#endif

#endif
