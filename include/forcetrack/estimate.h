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
 * ended before T (the default of `half_life_days`). */
#define FT_HALF_LIFE_DAYS 14
/* An estimate lists at most this many disagreeing pairs, the heaviest
 * first (the default of `max_pairs`); it counts them all. */
#define FT_MAX_PAIRS 20
/* "About N" means N within this fraction either way: [0.9 N, 1.1 N]. */
#define FT_APPROX_TOLERANCE 0.10
/* Claims whose observed span ended more than this many days before T are
 * stale. */
#define FT_STALENESS_DAYS 90
/* The longest span in days any option takes (staleness, timeline step and
 * window): the days from 0001-01-01 to 9999-12-31, the years a time value
 * can be written in. A longer span is refused with FT_EINVAL. */
#define FT_DAYS_MAX 3652058

/* The weight of a reliability grade and of a credibility grade (1-6). */
FT_EXTERN double ft_reliability_weight(ft_reliability r);
FT_EXTERN double ft_credibility_weight(int credibility);

/*
 * The options of an estimate. Zero is the default of every field but
 * `version` and `at`: a zero-filled struct with only those two set asks
 * for the default estimate, the same as FT_ESTIMATE_OPTIONS_INIT with
 * `at` set. Fields are only ever appended; the library reads only those
 * the caller's `version` covers.
 */
typedef struct ft_estimate_options {
	unsigned version; /* FT_ESTIMATE_OPTIONS_VERSION */
	/* T: the date the estimate is for. Required. */
	ft_time at;
	/* K: only what was reported by the end of this time value is known
	 * (precision NONE: everything in the dataset). */
	ft_time known_on;
	/* 0 (the default): roll up child actors and sub-regions. Not 0: only
	 * claims about exactly this actor and region count. */
	int no_rollup;
	/* Staleness horizon in days: 0 means FT_STALENESS_DAYS, < 0 no
	 * horizon; at most FT_DAYS_MAX. */
	int staleness_days;
	/* Tolerance of "about N", in [0, 1): 0 means FT_APPROX_TOLERANCE. (To
	 * read "about N" as exactly N, give a tolerance too small to round to
	 * a whole person, such as 1e-12.) */
	double approx_tolerance;
	/* Count projections as well (default 0). */
	int include_projections;
	ft_method method; /* default FT_METHOD_WEIGHTED (0) */
	/* The half-life of a claim's weight in days, > 0 and at most
	 * FT_DAYS_MAX: 0 means FT_HALF_LIFE_DAYS. */
	double half_life_days;
	/* List at most this many disagreeing pairs, the heaviest first (0:
	 * FT_MAX_PAIRS); `pairs` counts them all. */
	size_t max_pairs;
} ft_estimate_options;

#define FT_ESTIMATE_OPTIONS_VERSION 1
#define FT_ESTIMATE_OPTIONS_INIT                                                                             \
	{                                                                                                    \
		FT_ESTIMATE_OPTIONS_VERSION, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, 0, FT_STALENESS_DAYS,         \
		    FT_APPROX_TOLERANCE, 0, FT_METHOD_WEIGHTED, FT_HALF_LIFE_DAYS, FT_MAX_PAIRS              \
	}

/* The same as FT_ESTIMATE_OPTIONS_INIT, for callers that cannot use
 * macros. NULL is allowed (nothing happens). */
FT_EXTERN void ft_estimate_options_init(ft_estimate_options *opts);

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
 * was placed ("about 94,000: entries 84,600, 103,400, weight 0.480; current:
 * sets 84,600-103,400"). The element structs
 * of an estimate (this one, ft_disagreement, ft_estimate_part, ft_alert)
 * stay transparent; fields are only ever appended to them, and an
 * estimate hands them out by pointer, so a caller built against an older
 * header reads the fields it knows.
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
	/* Counted, in its node's credible set, and weighing at least half the
	 * heaviest claim of that set: it sets the range and can disagree
	 * (docs/estimation.md section 6). */
	int current;
	ft_qualifier qualifier; /* the hedge the source used */
} ft_contribution;

/* Two current claims of different voices at one node whose intervals do
 * not overlap, or one of which lists the other in `disputes`: `a` comes
 * before `b` in the dataset. An estimate lists at most `max_pairs` of them,
 * the heaviest first (by the product of the weights, then in dataset order
 * of `a`, then of `b`). */
typedef struct ft_disagreement {
	const ft_claim *a;
	const ft_claim *b;
	double weight; /* a's weight x b's weight */
	int disputes;  /* one lists the other in `disputes` */
	int disjoint;  /* their intervals do not overlap */
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
	/* The flags of the own figure and of the total (section 7). */
	int own_open_below, own_open_above, own_not_credible;
	int open_below, open_above, not_credible;
} ft_estimate_part;

/*
 * An estimate, a caller-allocated struct: set it up with FT_ESTIMATE_INIT
 * or ft_estimate_init, which set `version` (fields are only ever appended,
 * and the library writes only those the caller's version covers). When
 * `has_value` is 0 no claim counted and best/low/high are 0: there is no
 * estimate, not an estimate of zero. The contributions, disagreements and
 * parts, and what the estimate was computed for, are read through the
 * functions below; what they hand out lives until ft_estimate_clear.
 */
typedef struct ft_estimate {
	unsigned version; /* FT_ESTIMATE_VERSION */
	int has_value;
	uint64_t best;
	uint64_t low;
	uint64_t high;
	size_t claims; /* claims counted */
	size_t voices; /* independent voices counted */
	int contested;
	int inconsistent;
	/* No current claim bounds that side: low is 0 (open below), or high is
	 * only the largest figure stated (open above). */
	int open_below;
	int open_above;
	/* The figure rests only on claims graded E or 5 (section 6). */
	int not_credible;
	size_t pairs;   /* disagreeing pairs, all counted (at most max_pairs listed) */
	void *internal; /* the library's: do not touch */
} ft_estimate;

#define FT_ESTIMATE_VERSION 1
#define FT_ESTIMATE_INIT                                                                                     \
	{                                                                                                    \
		FT_ESTIMATE_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL                                \
	}

/* The same as FT_ESTIMATE_INIT, for callers that cannot use macros. NULL is
 * allowed (nothing happens). */
FT_EXTERN void ft_estimate_init(ft_estimate *est);

/*
 * Computes the estimate for `actor` in `region` of `measure` (NULL:
 * personnel) with `opts` (its `at` is required) into `out`, set up with
 * FT_ESTIMATE_INIT or ft_estimate_init and not holding an estimate (clear
 * it first). Returns 0, or a negative code with `err` filled: FT_EINVAL for
 * a NULL argument, options that break their rules, or a `version` of `out`
 * or of `opts` that is 0 or unknown to this library (then `out` is not
 * written). Release `out` with ft_estimate_clear, also after a failure.
 */
FT_EXTERN int ft_estimate_compute(const ft_dataset *ds, const ft_actor *actor, const ft_region *region,
                                  const char *measure, const ft_estimate_options *opts, ft_estimate *out,
                                  ft_error *err);

/* Releases what an estimate holds and resets it to FT_ESTIMATE_INIT,
 * keeping its version, so that it can be computed into again. NULL, and an
 * estimate of version 0, are allowed (nothing happens). */
FT_EXTERN void ft_estimate_clear(ft_estimate *est);

/*
 * Every candidate claim looked at, with its weight, status and rule, in
 * dataset order (a timeline's points keep only the counted ones unless
 * `all_contributions`). The element `i`, or NULL when `i` is out of range
 * or `est` is NULL or holds no estimate; borrowed from the estimate.
 */
FT_EXTERN size_t ft_estimate_contribution_count(const ft_estimate *est);
FT_EXTERN const ft_contribution *ft_estimate_contribution_at(const ft_estimate *est, size_t i);

/* The listed pairs of current claims that disagree (at most max_pairs of
 * est->pairs), the heaviest first, then in dataset order of `a`, then `b`. */
FT_EXTERN size_t ft_estimate_disagreement_count(const ft_estimate *est);
FT_EXTERN const ft_disagreement *ft_estimate_disagreement_at(const ft_estimate *est, size_t i);

/* The nodes of the roll-up: part 0 is the asked-for pair; the other nodes
 * follow in dataset order of their actor, then of their region. */
FT_EXTERN size_t ft_estimate_part_count(const ft_estimate *est);
FT_EXTERN const ft_estimate_part *ft_estimate_part_at(const ft_estimate *est, size_t i);

/*
 * What the estimate was computed for: the actor, the region, the measure
 * ("personnel" when NULL was asked for; the string lives as long as the
 * estimate) and the options, defaults filled in (staleness_days 90 rather
 * than 0, the tolerance 0.10 rather than 0, and `at` the date of the
 * estimate, a timeline's point's own). NULL when `est` is NULL or holds no
 * estimate.
 */
FT_EXTERN const ft_actor *ft_estimate_actor(const ft_estimate *est);
FT_EXTERN const ft_region *ft_estimate_region(const ft_estimate *est);
FT_EXTERN const char *ft_estimate_measure(const ft_estimate *est);
FT_EXTERN const ft_estimate_options *ft_estimate_options_of(const ft_estimate *est);

/**
 * The options of ft_estimate_groups(). Zero is the default of every field
 * but `version`; fields are only ever appended.
 */
typedef struct ft_groups_options {
	unsigned version; /**< FT_GROUPS_OPTIONS_VERSION */
	/** Threads that estimate: 0 (the default) one per processor, 1 the
	 * caller's alone. The estimates are the same on any number. */
	unsigned threads;
	/** What each estimate lists. 0 (the default): no contribution and only
	 * the first part, the asked-for pair (the figures, flags and counts
	 * are all there, and the disagreements up to max_pairs). n from 1 to
	 * FT_GROUPS_MAX_LISTED: the n heaviest counted claims, the n heaviest
	 * of the others (but those not yet reported) and the first n
	 * inconsistent parts after the first. Negative or more than
	 * FT_GROUPS_MAX_LISTED: everything ft_estimate_compute() lists. */
	long max_listed;
} ft_groups_options;

/** The version of ft_groups_options this header describes. */
#define FT_GROUPS_OPTIONS_VERSION 1
/** The default options of ft_estimate_groups(). */
#define FT_GROUPS_OPTIONS_INIT                                                                               \
	{                                                                                                    \
		FT_GROUPS_OPTIONS_VERSION, 0, 0                                                              \
	}

/** The most contributions of each kind an estimate of every group lists
 * while it is still read off one evaluation per tree (see
 * ft_estimate_groups()). */
#define FT_GROUPS_MAX_LISTED 64

/**
 * The same as FT_GROUPS_OPTIONS_INIT, for callers that cannot use macros.
 * @param opts the options to set; NULL is allowed (nothing happens)
 */
FT_EXTERN void ft_groups_options_init(ft_groups_options *opts);

/**
 * Called by ft_estimate_groups() for each group, on the thread that
 * called it.
 * @param subject the claims' subject
 * @param region  the claims' region
 * @param measure the claims' measure (the dataset's string)
 * @param est     the group's estimate, borrowed for the call (copy what is
 *                kept); it holds no value when `problem` is set
 * @param problem NULL when the group was estimated; otherwise why it could
 *                not be (FT_ELIMIT: its roll-up is over the node limit)
 * @param payload what the caller gave ft_estimate_groups()
 * @return 0 to go on; anything else stops ft_estimate_groups(), which
 *         returns it
 */
typedef int (*ft_group_fn)(const ft_actor *subject, const ft_region *region, const char *measure,
                           const ft_estimate *est, const ft_error *problem, void *payload);

/**
 * Estimates every (subject, region, measure) group that the claims of `ds`
 * name and calls `fn` with each, on the calling thread. Each estimate has
 * the figures, flags and counts that ft_estimate_compute() gives the
 * group, and lists what `gopts->max_listed` says, in the order
 * ft_estimate_compute() lists it.
 *
 * The groups come tree by tree: a tree is the groups whose subjects share
 * a root actor and whose regions share a root region, of one measure (with
 * `no_rollup`, each group is a tree of its own). Trees come in the order of
 * their first claims in the dataset, and within a tree its groups in the
 * order of theirs; the order is the same on any number of threads.
 *
 * With at most FT_GROUPS_MAX_LISTED listed, the estimates of a tree's
 * groups are read off a single evaluation at its roots, so a group costs
 * what it lists rather than what lies under it (a tree whose roll-up is
 * over the node limit is estimated group by group, each such estimate
 * listing everything). Threads evaluate different trees at once, a few
 * trees ahead of `fn`, so the memory held is that of a few trees' groups,
 * not of them all. The dataset must not change meanwhile (it is read from
 * several threads).
 *
 * @param ds      the dataset
 * @param opts    the estimates' options, `at` required (as for
 *                ft_estimate_compute())
 * @param gopts   threads and listing; NULL: FT_GROUPS_OPTIONS_INIT
 * @param fn      called with each group
 * @param payload handed to `fn`
 * @param err     filled on failure; NULL is allowed
 * @return 0, a non-zero return of `fn`, or a negative code: FT_EINVAL for
 *         a NULL `ds`, `opts` or `fn`, options that break their rules, or
 *         an unknown `version` of `opts` or `gopts`
 */
FT_EXTERN int ft_estimate_groups(const ft_dataset *ds, const ft_estimate_options *opts,
                                 const ft_groups_options *gopts, ft_group_fn fn, void *payload,
                                 ft_error *err);

/* A build-up alert: between points `from` and `to` of a timeline, best
 * moved by more than the threshold; `from` is the earliest point of the
 * window before `to` that has an estimate. `claims` are the claims counted
 * at `to` that were not counted at `from` and are known at `to`'s date:
 * the ones that moved it. */
typedef struct ft_alert {
	size_t from;
	size_t to;
	int64_t change;  /* best at `to` minus best at `from` */
	double relative; /* change / best at `from` */
	const ft_claim **claims;
	size_t n_claims;
} ft_alert;

/* The defaults of a timeline (section 9 of docs/estimation.md). */
#define FT_TIMELINE_STEP_DAYS   7
#define FT_TIMELINE_THRESHOLD   0.10
#define FT_TIMELINE_WINDOW_DAYS 30

/*
 * The options of a timeline. As for estimates, zero is the default of
 * every field but `version`, `from` and `to`.
 */
typedef struct ft_timeline_options {
	unsigned version; /* FT_TIMELINE_OPTIONS_VERSION */
	/* Estimates every `step_days` days (0: FT_TIMELINE_STEP_DAYS) from
	 * `from` to `to`, both required: the grid is made of UTC days, from the
	 * day `from` begins in to the last one at or before the start of `to`. */
	ft_time from;
	ft_time to;
	int step_days;
	/* The options of every point; `at` is ignored, and a `version` of 0
	 * means the one this struct's version holds. */
	ft_estimate_options estimate;
	/* An alert when best changes by more than this fraction (0:
	 * FT_TIMELINE_THRESHOLD) ... */
	double threshold;
	/* ... against the earliest point with an estimate among those from
	 * this many days earlier up to the point before (0:
	 * FT_TIMELINE_WINDOW_DAYS). */
	int window_days;
	/* Keep every candidate's contribution at every point (1), or only the
	 * counted ones (0, the default): a year of daily points over a large
	 * group would otherwise hold each candidate 365 times. */
	int all_contributions;
	/* Each point answers "as known then", with K = its own date, unless
	 * `estimate.known_on` fixes one K for every point, or `hindsight`
	 * (not 0) lets every point know everything in the dataset. */
	int hindsight;
	/* Keep the disagreeing pairs of every point (not 0), or only their
	 * number (0, the default). */
	int keep_pairs;
} ft_timeline_options;

#define FT_TIMELINE_OPTIONS_VERSION 1
#define FT_TIMELINE_OPTIONS_INIT                                                                             \
	{                                                                                                    \
		FT_TIMELINE_OPTIONS_VERSION, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, FT_TIMELINE_STEP_DAYS,        \
		    FT_ESTIMATE_OPTIONS_INIT, FT_TIMELINE_THRESHOLD, FT_TIMELINE_WINDOW_DAYS, 0, 0, 0        \
	}

/* The same as FT_TIMELINE_OPTIONS_INIT, for callers that cannot use
 * macros. NULL is allowed (nothing happens). */
FT_EXTERN void ft_timeline_options_init(ft_timeline_options *opts);

/* A timeline, caller-allocated like an estimate: set it up with
 * FT_TIMELINE_INIT or ft_timeline_init; its points and alerts are read
 * through the functions below and live until ft_timeline_clear. */
typedef struct ft_timeline {
	unsigned version; /* FT_TIMELINE_VERSION */
	void *internal;   /* the library's: do not touch */
} ft_timeline;

#define FT_TIMELINE_VERSION 1
#define FT_TIMELINE_INIT                                                                                     \
	{                                                                                                    \
		FT_TIMELINE_VERSION, NULL                                                                    \
	}

/* The same as FT_TIMELINE_INIT, for callers that cannot use macros. NULL is
 * allowed (nothing happens). */
FT_EXTERN void ft_timeline_init(ft_timeline *tl);

/*
 * Estimates `actor` in `region` of `measure` (NULL: personnel) on the grid
 * of `opts`. Returns 0 and fills `out` (set up with FT_TIMELINE_INIT or
 * ft_timeline_init, not holding a timeline; release with
 * ft_timeline_clear, also after a failure), or a negative code: FT_EINVAL
 * as for ft_estimate_compute, and for a `to` before `from` or a negative
 * step, window or threshold; FT_ELIMIT for more than 100,000 points.
 */
FT_EXTERN int ft_timeline_compute(const ft_dataset *ds, const ft_actor *actor, const ft_region *region,
                                  const char *measure, const ft_timeline_options *opts, ft_timeline *out,
                                  ft_error *err);

/* Releases what a timeline holds and resets it to FT_TIMELINE_INIT, keeping
 * its version. NULL, and a timeline of version 0, are allowed. */
FT_EXTERN void ft_timeline_clear(ft_timeline *tl);

/* The points: point `i` is the estimate at the UTC day
 * ft_timeline_point_time(tl, i). NULL when `i` is out of range (or `tl` is
 * NULL or holds no timeline); borrowed from the timeline. */
FT_EXTERN size_t ft_timeline_point_count(const ft_timeline *tl);
FT_EXTERN const ft_estimate *ft_timeline_point_at(const ft_timeline *tl, size_t i);
FT_EXTERN const ft_time *ft_timeline_point_time(const ft_timeline *tl, size_t i);

/* The build-up alerts, in the order of their `to` point. */
FT_EXTERN size_t ft_timeline_alert_count(const ft_timeline *tl);
FT_EXTERN const ft_alert *ft_timeline_alert_at(const ft_timeline *tl, size_t i);

/* What the timeline was computed for, as for an estimate: the options
 * with their defaults filled in (`estimate.at` is the first grid day). */
FT_EXTERN const ft_actor *ft_timeline_actor(const ft_timeline *tl);
FT_EXTERN const ft_region *ft_timeline_region(const ft_timeline *tl);
FT_EXTERN const char *ft_timeline_measure(const ft_timeline *tl);
FT_EXTERN const ft_timeline_options *ft_timeline_options_of(const ft_timeline *tl);

#ifdef __cplusplus
}
#endif

#endif
