/*
 * What the files of the estimator share: the working state of one
 * estimation (ft__est), its candidates (ft__cand) and the nodes of a
 * roll-up (ft__node), and the steps that estimate/estimate.c runs for one
 * date T and estimate/timeline.c for every date of a grid. The structs
 * live only while an estimate is computed; what the caller keeps is the
 * public ft_estimate.
 */
#ifndef FT_ESTIMATE_PRIVATE_H
#define FT_ESTIMATE_PRIVATE_H

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "base/arena-private.h"
#include "model/dataset-private.h"
#include "forcetrack/estimate.h"

#define US_PER_DAY INT64_C(86400000000)

/* The most (actor, region) nodes one roll-up may take (1,000,000). A claim
 * deep under both a long actor chain and a long region chain makes every
 * pair of their ancestors a node (depth x depth of them); past this many
 * the estimate is refused with FT_ELIMIT rather than left to run for
 * hours. A variable so that tests can try the limit on small trees. */
extern unsigned ft__max_nodes;

/* Copies the fields after `version` of a versioned public struct (options,
 * an estimate, a timeline), up to `covered` bytes: the size of the version
 * the caller set, since a caller built against an older header has less
 * room. */
static inline void ft__copy_after_version(void *out, const void *from, size_t covered)
{
	memcpy((char *)out + sizeof(unsigned), (const char *)from + sizeof(unsigned),
	       covered - sizeof(unsigned));
}

/*
 * What the estimator knows of one candidate claim. A tree's candidates
 * are one array that every step of an evaluation walks, and each worker
 * of ft_estimate_groups first touches its memory afresh: the fields that
 * make its contribution are kept here as their values (ft__cand_contribution
 * writes the contribution), in 144 bytes where a whole ft_contribution
 * made 208.
 */
typedef struct ft__cand {
	const ft_claim *claim;
	ft_contribution *out; /* its contribution in the result */
	struct ft__node *node;
	guint key; /* its node's key: an index into ft__est's keys */
	/* Of its contribution, with `voice` and the bounds below: */
	uint8_t stance;      /* ft_stance */
	uint8_t credible;    /* its source is not graded E and it is not graded 5 */
	uint8_t qualifier;   /* ft_qualifier */
	uint8_t has_central; /* `central` is set */
	size_t pos;          /* dataset order */
	/* What does not depend on the date T, worked out once by
	 * prepare_claim: a timeline reuses it at every point. */
	int64_t obs_start, obs_end, reported_start, reported_end;
	/* When the rules that depend on K apply (section 2): the end of its
	 * retraction (INT64_MAX: none) and of the earliest reported claim that
	 * supersedes it (INT64_MAX: none), so a timeline as known then finds
	 * each point's status without walking the supersession lists. */
	int64_t retracted_end, superseded_end;
	const ft_source *voice;      /* the root of its claim's source */
	uint64_t low, high, central; /* its bounds (section 5) and central figure */
	uint8_t projection, denial;  /* of its claim's kind (read again, a claim costs a miss) */
	uint8_t has_low, has_high;
	double base_weight; /* reliability x credibility, before decay */
	int known_status;   /* rules 1 to 5 of section 2 at the K set, or -1 */
	int current;        /* in its node's credible set, weighing half the heaviest */
} ft__cand;

/* The contribution of `cd` whatever the date: its claim, voice, stance,
 * credibility, hedge, bounds and central figure; no weight or status yet. */
static inline void ft__cand_contribution(const ft__cand *cd, ft_contribution *out)
{
	memset(out, 0, sizeof *out);
	out->claim = cd->claim;
	out->voice = cd->voice;
	out->stance = (ft_stance)cd->stance;
	out->credible = cd->credible;
	out->qualifier = (ft_qualifier)cd->qualifier;
	out->has_central = cd->has_central;
	out->central = cd->central;
	out->low = cd->low;
	out->high = cd->high;
}

/* A figure with its flags (docs/estimation.md sections 6 and 7). */
typedef struct ft__fig {
	int has;
	uint64_t best, low, high;
	int open_below, open_above, not_credible;
} ft__fig;

typedef struct ft__node_key {
	const ft_actor *actor;
	const ft_region *region;
} ft__node_key;

/*
 * A list of pointers that a node holds: its room lies in the arena of
 * the evaluation's nodes (ft__est's node_mem), grown by doubling, and is
 * let go with the nodes, all at once. A node had four GPtrArrays, each a
 * header and a buffer made, grown and freed on its own: at 10^5 claims a
 * fifth of the instructions of ft_estimate_groups went to malloc and free.
 */
typedef struct ft__ptrs {
	void **pdata;
	guint len, cap;
} ft__ptrs;

typedef struct ft__node {
	ft__node_key key; /* first: the node is its own key in the table */
	ft__ptrs running; /* ft__cand * reaching the voice rule */
	ft__ptrs counted; /* ft__cand *, one per voice */
	ft__fig own;
	ft__fig total;
	int relevant; /* it, or a node below it, has a counted claim */
	int done;
	int inconsistent;
	size_t pairs; /* its disagreeing pairs, all counted */
	/* The relevant nodes just below it in the roll-up, linked as they are
	 * marked (ft__mark_relevant). */
	ft__ptrs region_parts, actor_parts;
	/* The nodes just above it, those it is a part of, once linked. */
	struct ft__node *region_up, *actor_up;
	int expanded;      /* on the stack of ft__node_total */
	double max_weight; /* the heaviest claim of its credible set */
	/* A group evaluation's (estimate/lattice.c): what the node and what
	 * lies under it add up to, and the last voice that counted it. */
	struct ft__sums *sums;
	const ft_source *voice_mark;
	size_t voices;
	/* Its counted claims' ends in the order of the walk of "Best", when a
	 * timeline's sweep keeps them (NULL: sorted where needed). */
	const struct ft__entry_ref *sorted;
	size_t n_sorted;
} ft__node;

/* One end of a counted claim's interval (its high when `high`, else its
 * low), as the walk of "Best" takes them (estimate/figure.c). */
typedef struct ft__entry_ref {
	ft__cand *cd;
	int high;
} ft__entry_ref;

/* The order of that walk (for qsort): open below, the figures ascending,
 * open above; equal ends in dataset order of their claims, low first. */
int ft__compare_entry_refs(const void *a, const void *b);

typedef struct ft__est {
	const ft_dataset *ds;
	const ft_actor *actor;
	const ft_region *region;
	ft_estimate_options o;
	int64_t t_start, t_end, k_end;
	GHashTable *nodes;  /* ft__node_key -> ft__node *; keys live in the node */
	ft__arena node_mem; /* the nodes and their lists (ft__nodes_begin) */
	GStringChunk *text; /* rule strings, kept by the result */
	int counted_only;   /* keep (and explain) only counted claims */
	int pairs_only;     /* count the disagreeing pairs, list none */
	int over_limit;     /* the roll-up would take more than ft__max_nodes nodes */
	const char *measure;
	/* The candidates (ft__cand, in dataset order) and their nodes' keys
	 * (ft__node_key, in the order the candidates were collected): the same
	 * for every date T of a timeline. */
	GArray *cands;
	GArray *keys;
	/* A timeline's sweep keeps the parts of each candidate's rule that do
	 * not depend on the date (by index in cands, made when first needed;
	 * NULL: the rules are worded whole). */
	struct ft__rule_parts *rule_parts;
	GStringChunk *rule_chunk; /* their texts */
	/* A timeline's store, where its points' rule texts lie (NULL: each
	 * estimate keeps its own in `text`). */
	struct ft__store *rule_texts;
	/* The voices of the counted claims, when a timeline's sweep keeps
	 * their count (voices_known; else ft__evaluate_finish counts them). */
	int voices_known;
	size_t voices;
	/* The decays at T by the end of an observed span, made when first
	 * needed (ft__place_claim). */
	struct ft__decay_memo *decay;
} ft__est;

/* Dataset order of two entity positions, for qsort. */
static inline int ft__compare_pos(uint32_t x, uint32_t y)
{
	return x < y ? -1 : x > y;
}

/* What an ft_estimate holds behind `internal`: the arrays its accessors
 * hand out, its rule texts and what it was computed for. */
/* The number of statuses (ft_status). */
#define FT__N_STATUSES 9

typedef struct ft__result {
	/* Its contributions lie in the store of the timeline it is a point
	 * of (estimate/sweep.c), which frees them. */
	int borrowed;
	/* A summary (estimate/lattice.c) lists only some of its contributions
	 * and parts, and counts them all here. */
	int summary;
	size_t status_total[FT__N_STATUSES];
	size_t inconsistent_total;
	ft_contribution *contributions;
	size_t n_contributions;
	ft_disagreement *disagreements;
	size_t n_disagreements;
	ft_estimate_part *parts;
	size_t n_parts;
	GStringChunk *text; /* the rule texts and the measure */
	const ft_actor *actor;
	const ft_region *region;
	const char *measure;
	ft_estimate_options opts; /* defaults filled in, `at` the estimate's */
	/* The result and its lists lie in an arena that the one who asked for
	 * them lets go in bulk (estimate/groups.c); only `text` is freed. */
	int in_arena;
	/* Room for the parts in the same allocation, where a summary
	 * (estimate/lattice.c) keeps them (`parts` then points here): one
	 * malloc and one free fewer for each of ft_estimate_groups'
	 * estimates. */
	ft_estimate_part own_parts[];
} ft__result;

/* Checks estimate options and fills `out` with them, the fields the
 * caller's version does not cover and the zeros that mean a default set
 * to their defaults; `fn`, the public function called, begins the
 * message. */
int ft__check_options(const ft_estimate_options *o, const char *fn, ft_estimate_options *out, ft_error *err);
/* The same, without requiring `at` when `need_at` is 0 (a report that
 * sets it per figure). */
int ft__check_options_for(const ft_estimate_options *o, const char *fn, int need_at, ft_estimate_options *out,
                          ft_error *err);

/* Releases what an estimate of this library's version holds (not the
 * struct, nor its fields). */
void ft__estimate_release(ft_estimate *est);

/* Sets up an estimation of `actor` in `region` with checked options:
 * collects and prepares the candidates, for one date T or for many. */
void ft__est_begin(ft__est *e, const ft_dataset *ds, const ft_actor *actor, const ft_region *region,
                   const char *measure, const ft_estimate_options *opts, int counted_only);

/* Sets the date T of the estimates to come. */
void ft__est_set_at(ft__est *e, const ft_time *at);

/* Sets the knowledge date K of the estimates to come (precision NONE:
 * everything), and each candidate's statuses that depend on it. */
void ft__est_set_known(ft__est *e, const ft_time *known_on);

/* The estimate at e's date T into `out`, an FT_ESTIMATE_INIT of this
 * library's version. Returns 0, or FT_ELIMIT (with `err` filled) when the
 * roll-up would take more than ft__max_nodes nodes: `out` then holds no
 * value, and is released as any estimate is. */
int ft__evaluate(ft__est *e, ft_estimate *out, ft_error *err);

/* The two ends of ft__evaluate, for an evaluation that chooses the
 * counted claims its own way (a timeline's sweep, estimate/sweep.c):
 * _begin sets up the result behind `out`, the table of nodes and the node
 * of each key into `nodes` (room for e->keys->len); _finish takes the
 * nodes with counted claims (in e->keys order) and the counted claims (in
 * dataset order), each with its contribution, weight and node set, and
 * does the rest: figures, disagreements, roll-up, parts and rules. */
void ft__evaluate_begin(ft__est *e, ft_estimate *out, ft__node **nodes);
int ft__evaluate_finish(ft__est *e, ft_estimate *out, GPtrArray *counted_nodes, GPtrArray *counted,
                        ft_error *err);

void ft__est_end(ft__est *e);

/* The first steps of an evaluation (a lattice's, estimate/lattice.c):
 * the nodes (into e->nodes, a new table), each candidate placed with its
 * contribution in `contributions` (one per candidate), the voices and the
 * own figure of every node with counted claims. */
void ft__evaluate_nodes(ft__est *e, ft_contribution *contributions);

/*
 * A lattice evaluation (estimate/lattice.c): one evaluation at the roots of
 * an actor tree and a region tree for one measure, date and knowledge,
 * from which the estimate of every (actor, region) pair under them is
 * read in time proportional to what it lists, not to what lies under it.
 * Such an estimate is a summary: the scalars are those of
 * ft_estimate_compute; it lists the heaviest `max_listed` counted claims,
 * the heaviest `max_listed` of the others (those not yet reported aside),
 * the first `max_listed` inconsistent parts after the asked-for pair, and
 * the heaviest max_pairs disagreements, and counts all of them
 * (ft__estimate_listing). ft__lattice_new returns 0, or FT_ELIMIT when the
 * roll-up at the roots would take more than ft__max_nodes nodes (the
 * caller then asks ft_estimate_compute, pair by pair). ft__lattice_estimate
 * may be called from many threads at once. Its result lies in `arena`
 * when one is given (then the estimate must be cleared before the arena
 * is reset or cleared), in memory of its own otherwise.
 */
typedef struct ft__lattice ft__lattice;
int ft__lattice_new(const ft_dataset *ds, const ft_actor *actor_root, const ft_region *region_root,
                    const char *measure, const ft_estimate_options *checked, size_t max_listed,
                    ft__lattice **out);
void ft__lattice_estimate(const ft__lattice *g, const ft_actor *actor, const ft_region *region,
                          ft__arena *arena, ft_estimate *out);
void ft__lattice_free(ft__lattice *g);

/*
 * Group evaluations that threads share: for each group, the evaluation at
 * the roots of an actor and a region for one measure, in each column
 * (options checked, a date and knowledge of their own), built by the first
 * thread that reads it (the others wait) or ahead by ft__lattices_build,
 * and freed after the last read expected of it. Set up on one thread:
 * ft__lattices_group names the group of an (actor, region, measure), then
 * ft__lattices_seal says how many reads each group expects in every
 * column. ft__lattices_read may then be called from many threads at once;
 * it returns 0, or FT_ELIMIT when that evaluation is over the node limit
 * (`out` untouched: the caller estimates the pair alone). A read not
 * `expected` (an entry read again) builds a freed evaluation again.
 * ft__lattices_build_ahead starts `threads` threads that build the
 * evaluations of the columns in the mask `columns` in group order, until
 * all are built or the set is freed. Without roll-up (the columns'
 * no_rollup) a group is one (actor, region) pair.
 */
typedef struct ft__lattices ft__lattices;
ft__lattices *ft__lattices_new(const ft_dataset *ds, const ft_estimate_options *columns, size_t n_columns,
                               size_t max_listed);
size_t ft__lattices_group(ft__lattices *s, const ft_actor *actor, const ft_region *region,
                          const char *measure);
size_t ft__lattices_count(const ft__lattices *s);
/* The roots and the measure of a group. */
void ft__lattices_roots(const ft__lattices *s, size_t group, const ft_actor **actor, const ft_region **region,
                        const char **measure);
void ft__lattices_seal(ft__lattices *s, const size_t *reads);
void ft__lattices_build(ft__lattices *s, size_t group, size_t column);
void ft__lattices_build_ahead(ft__lattices *s, unsigned columns, unsigned threads);
int ft__lattices_read(ft__lattices *s, size_t group, size_t column, const ft_actor *actor,
                      const ft_region *region, int expected, ft_estimate *out);
void ft__lattices_free(ft__lattices *s);

/* Whether `est` is a summary; if so its totals by status and of
 * inconsistent parts (either may be NULL). */
int ft__estimate_listing(const ft_estimate *est, size_t status_total[FT__N_STATUSES],
                         size_t *inconsistent_total);
/* The points of a timeline at the `n` times `at` (ascending UTC days) into
 * `points`, for an estimation that keeps only counted claims, in one sweep
 * (estimate/sweep.c); K is each point's date when `as_known_then`, else
 * the one set. `*made` is the number of points set up (to be released),
 * `*store` what the points borrow, their contributions and rule texts
 * (to be freed after them); returns 0 or the first point's error. */
typedef struct ft__store ft__store;
int ft__sweep_timeline(ft__est *e, const ft_time *at, size_t n, int as_known_then, ft_estimate *points,
                       size_t *made, ft__store **store, ft_error *err);
/* Room for `size` bytes of text in the store; frees what it holds. */
char *ft__store_room(ft__store *st, size_t size);
void ft__store_free(ft__store *st);

/* The candidates of section 2, in dataset order, prepared, into e->cands,
 * and their nodes' keys into e->keys. */
void ft__collect_candidates(ft__est *e, const char *measure);

/* A prepared candidate at the date T: its weight, and its status when a
 * rule of section 2 drops it; else it runs for its voice at its node. */
void ft__place_claim(ft__est *e, ft__cand *cd);

/* Sorts 64-bit keys by their high halves (a position), keys of equal high
 * halves kept in the order given. */
void ft__sort_by_high(guint64 *keys, size_t n);

/* Section 3: one claim per voice at each node. */
void ft__choose_voices(ft__est *e, ft__node *n);

/* Section 3: does `a` win over `b` for their voice? */
int ft__wins_over(const ft__cand *a, const ft__cand *b);

/* The decay at T of a claim observed up to `obs_end`: halved for every
 * half-life of age (1 when it has none). A candidate's weight at T is its
 * base weight times this; weight_at (candidates.c, sweep.c) memoises it. */
double ft__decay_at(const ft__est *e, int64_t obs_end);

/* The figure of a node from its counted claims (section 6). */
ft__fig ft__node_figure(const ft__est *e, ft__node *n);

/* Counts the disagreeing pairs of a node's current claims into n->pairs
 * and appends to `out` (ft_disagreement) the heaviest `max` of them. */
void ft__find_disagreements(const ft__est *e, ft__node *n, size_t max, GArray *out);

/* The order disagreements are listed in: heaviest first, then in dataset
 * order of a, then of b (for qsort). */
int ft__compare_disagreements(const void *a, const void *b);

/* A new table of the nodes of one evaluation into e->nodes, their memory
 * in e->node_mem; _end lets both go. The node of (a, r) in it, created on
 * demand when `create`. */
void ft__nodes_begin(ft__est *e);
void ft__nodes_end(ft__est *e);
ft__node *ft__node_get(ft__est *e, const ft_actor *a, const ft_region *r, int create);

/* Room in e->node_mem for `size` bytes, zeroed. */
void *ft__node_mem(ft__est *e, size_t size);

/* Room in `l` for `need` items at least; appends `p` to `l`; sets the
 * length of `l` (the items added undefined). */
void ft__ptrs_grow(ft__est *e, ft__ptrs *l, guint need);
static inline void ft__ptrs_add(ft__est *e, ft__ptrs *l, void *p)
{
	if (l->len == l->cap)
		ft__ptrs_grow(e, l, l->len + 1);
	l->pdata[l->len++] = p;
}
static inline void ft__ptrs_set_size(ft__est *e, ft__ptrs *l, guint len)
{
	if (len > l->cap)
		ft__ptrs_grow(e, l, len);
	l->len = len;
}

/* The total of a node with its parts, worked out once. The second also
 * appends to `order` each node it finishes, parts before the nodes above
 * them. */
ft__fig ft__node_total(ft__est *e, ft__node *n);
ft__fig ft__node_total_order(ft__est *e, ft__node *n, GPtrArray *order);

/* Marks the node of a counted claim and every node above it, up to the
 * asked-for pair, as relevant to the roll-up. */
void ft__mark_relevant(ft__est *e, ft__node *n);

/* The part of the estimate a node is. */
ft_estimate_part ft__part_of(const ft_actor *a, const ft_region *r, const ft__fig *own, const ft__fig *total,
                             int inconsistent);

/* The parts of the estimate (ft_estimate_part), the asked-for pair first;
 * sets `inconsistent` when a node is. */
GArray *ft__rollup_parts(ft__est *e, ft__node *top, const ft__fig *total, int *inconsistent);

/* Keeps the text of `s` in the estimate (and frees `s`); NULL stays NULL. */
const char *ft__keep(ft__est *e, GString *s);

/* The rule of a counted claim: how its figure entered. The second words
 * it for an estimate of `actor` in `region`, kept in `text`, and changes
 * nothing. */
void ft__explain_counted(ft__est *e, ft__cand *cd);
const char *ft__counted_rule(const ft__est *e, const ft__cand *cd, const ft_actor *actor,
                             const ft_region *region, GStringChunk *text);

/* The pieces of a counted claim's rule that do not depend on the date:
 * its hedge, its entries up to its weight, what it sets when current, and
 * the node it counts at (empty at the asked-for pair); and the last line
 * worded from them into e->rule_texts, with the words it was worded from
 * (memo_flags 0: none). */
typedef struct ft__rule_parts {
	const char *hedge, *entries, *sets, *where;
	size_t hedge_len, entries_len, sets_len, where_len;
	const char *memo_rule;
	unsigned memo_flags;
	char memo_weight[16], memo_heaviest[16];
} ft__rule_parts;

/* Fills `out` for `cd`, the texts in `chunk`. */
void ft__explain_parts(const ft__est *e, const ft__cand *cd, GStringChunk *chunk, ft__rule_parts *out);

/* The rule of a counted claim from its pieces (ft__explain_counted): in
 * e->rule_texts, the last line worded from them when its words are the
 * same, when that is set. */
void ft__explain_counted_from(ft__est *e, ft__cand *cd, ft__rule_parts *p);

/* The rule of a claim its voice's winner `win` outvoted. */
void ft__explain_same_voice(ft__est *e, ft__cand *cd, const ft__cand *win);

#endif
