/*
 * The model of a situation report: which (region, actor, measure) entries
 * a report of a dataset on a date T has, in the order every format writes
 * them, and the dates and knowledge of its three columns (T, and 7 and 30
 * days before). The figures themselves are computed one entry at a time
 * by ft_situation_estimate, so that the formats stream and a report of
 * any size holds one entry's estimates at a time.
 *
 * An entry exists where a claim known on T is about the actor in the
 * region or in one under it. Every known claim marks its region and each
 * region above it for its (actor, measure) pair; a walk up stops at the
 * first region already marked for the pair, since everything above was
 * marked with it. So each entry is made once and a chain of regions costs
 * its length, not its length times the claims in it. Regions are ordered
 * as their trees read, a region then its sub-regions, depth first, with an
 * explicit stack: a chain is as deep as the input, too deep to recurse.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "estimate/estimate-private.h"
#include "report/report-private.h"

#define US_PER_DAY INT64_C(86400000000)

static const int days_before[FT_SITUATION_COLUMNS] = {0, 7, 30};

struct ft_situation {
	const ft_dataset *ds;
	ft_estimate_options est; /* checked; at and known_on set per figure */
	ft_time date[FT_SITUATION_COLUMNS];
	ft_time known[FT_SITUATION_COLUMNS];
	int has_date[FT_SITUATION_COLUMNS];
	size_t claims_known;
	GArray *entries; /* ft_situation_entry, in report order */
	size_t no_geometry;
	unsigned threads; /* that compute figures ahead while one is written */
};

static const size_t options_sizes[FT_SITUATION_OPTIONS_VERSION + 1] = {0, sizeof(ft_situation_options)};

void ft_situation_options_init(ft_situation_options *opts)
{
	static const ft_situation_options init = FT_SITUATION_OPTIONS_INIT;
	if (opts)
		*opts = init;
}

/* A (region, actor, measure) triple by position: regions by their place
 * in report order, actors in dataset order, measures in report order. */
typedef struct key {
	size_t region, actor, measure;
} key;

static int compare_key(const void *a, const void *b)
{
	const key *x = a, *y = b;
	if (x->region != y->region)
		return x->region < y->region ? -1 : 1;
	if (x->actor != y->actor)
		return x->actor < y->actor ? -1 : 1;
	return x->measure < y->measure ? -1 : x->measure > y->measure;
}

/* By actor, then measure, then region: the pairs together. */
static int compare_pair(const void *a, const void *b)
{
	const key *x = a, *y = b;
	if (x->actor != y->actor)
		return x->actor < y->actor ? -1 : 1;
	return x->measure < y->measure ? -1 : x->measure > y->measure;
}

/* What building the entries needs, released by index_clear. */
typedef struct index {
	GHashTable *region_pos;  /* region -> 1 + its position in report order */
	GHashTable *actor_pos;   /* actor -> 1 + its position in the dataset */
	GHashTable *measure_pos; /* measure string -> 1 + its position in report order */
	GPtrArray *measures;     /* the measures in report order (the dataset's strings) */
	GArray *order;           /* the regions in report order: their dataset positions */
	GArray *depth;           /* their depths, by report position */
	GArray *parent;          /* the report position of each one's parent, or (size_t)-1 */
} index;

static void index_clear(index *ix)
{
	if (ix->region_pos)
		g_hash_table_destroy(ix->region_pos);
	if (ix->actor_pos)
		g_hash_table_destroy(ix->actor_pos);
	if (ix->measure_pos)
		g_hash_table_destroy(ix->measure_pos);
	if (ix->measures)
		g_ptr_array_free(ix->measures, TRUE);
	if (ix->order)
		g_array_free(ix->order, TRUE);
	if (ix->depth)
		g_array_free(ix->depth, TRUE);
	if (ix->parent)
		g_array_free(ix->parent, TRUE);
}

static size_t lookup(GHashTable *t, const void *k)
{
	return (size_t)GPOINTER_TO_SIZE(g_hash_table_lookup(t, k)) - 1;
}

/* The regions in report order: roots in dataset order, each followed by
 * what lies under it, depth first, children in dataset order (a counting
 * sort by parent, then a walk with an explicit stack). */
static void order_regions(const ft_dataset *ds, index *ix)
{
	size_t n = ft_dataset_region_count(ds);
	GHashTable *pos = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (size_t i = 0; i < n; i++)
		g_hash_table_insert(pos, (gpointer)(uintptr_t)ft_dataset_region_at(ds, i),
		                    GSIZE_TO_POINTER(i + 1));
	/* Children of each region; the roots are "under" position n. */
	size_t *parent = g_new(size_t, n + 1), *start = g_new0(size_t, n + 2),
	       *children = g_new(size_t, n + 1);
	for (size_t i = 0; i < n; i++) {
		const ft_region *up = ft_region_parent(ft_dataset_region_at(ds, i));
		parent[i] = up ? lookup(pos, up) : n;
		start[parent[i] + 1]++;
	}
	for (size_t i = 1; i <= n + 1; i++)
		start[i] += start[i - 1];
	size_t *fill = g_new0(size_t, n + 1);
	for (size_t i = 0; i < n; i++)
		children[start[parent[i]] + fill[parent[i]]++] = i;
	g_free(fill);
	g_hash_table_destroy(pos);

	typedef struct frame {
		size_t region; /* n: the roots */
		size_t next;   /* the next of its children to visit */
		size_t depth;  /* of its children */
		size_t at;     /* its report position, or (size_t)-1 for the roots */
	} frame;
	frame *stack = g_new(frame, n + 1);
	size_t top = 0;
	stack[top++] = (frame){n, start[n], 0, (size_t)-1};
	ix->region_pos = g_hash_table_new(g_direct_hash, g_direct_equal);
	ix->order = g_array_sized_new(FALSE, FALSE, sizeof(size_t), (guint)n);
	ix->depth = g_array_sized_new(FALSE, FALSE, sizeof(size_t), (guint)n);
	ix->parent = g_array_sized_new(FALSE, FALSE, sizeof(size_t), (guint)n);
	while (top) {
		frame *f = &stack[top - 1];
		if (f->next == start[f->region + 1]) {
			top--;
			continue;
		}
		size_t child = children[f->next++];
		size_t at = ix->order->len;
		g_array_append_val(ix->order, child);
		g_array_append_val(ix->depth, f->depth);
		g_array_append_val(ix->parent, f->at);
		g_hash_table_insert(ix->region_pos, (gpointer)(uintptr_t)ft_dataset_region_at(ds, child),
		                    GSIZE_TO_POINTER(at + 1));
		stack[top] = (frame){child, start[child], f->depth + 1, at};
		top++;
	}
	g_free(stack);
	g_free(parent);
	g_free(start);
	g_free(children);
}

/* A claim is known when its `reported` span ends by the end of K. */
static int known(const ft_claim *c, const ft_time *k)
{
	ft_time reported = ft_claim_reported(c);
	return ft_time_end(&reported) <= ft_time_end(k);
}

/* The measures of the known claims: personnel first, then in order of
 * first appearance. */
static void order_measures(const ft_dataset *ds, const ft_time *k, index *ix)
{
	ix->measure_pos = g_hash_table_new(g_str_hash, g_str_equal);
	ix->measures = g_ptr_array_new();
	g_ptr_array_add(ix->measures, (gpointer)(uintptr_t)FT_MEASURE_DEFAULT);
	g_hash_table_insert(ix->measure_pos, (gpointer)(uintptr_t)FT_MEASURE_DEFAULT, GSIZE_TO_POINTER(1));
	for (size_t i = 0; i < ft_dataset_claim_count(ds); i++) {
		const ft_claim *c = ft_dataset_claim_at(ds, i);
		const char *m = ft_claim_measure(c);
		if (!known(c, k) || g_hash_table_contains(ix->measure_pos, m))
			continue;
		g_ptr_array_add(ix->measures, (gpointer)(uintptr_t)m);
		g_hash_table_insert(ix->measure_pos, (gpointer)(uintptr_t)m,
		                    GSIZE_TO_POINTER(ix->measures->len));
	}
}

/* The entries of the report, in report order (see the top of the file). */
static void make_entries(ft_situation *s)
{
	const ft_dataset *ds = s->ds;
	index ix;
	memset(&ix, 0, sizeof ix);
	order_regions(ds, &ix);
	order_measures(ds, &s->known[0], &ix);
	ix.actor_pos = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (size_t i = 0; i < ft_dataset_actor_count(ds); i++)
		g_hash_table_insert(ix.actor_pos, (gpointer)(uintptr_t)ft_dataset_actor_at(ds, i),
		                    GSIZE_TO_POINTER(i + 1));

	GArray *claims = g_array_new(FALSE, FALSE, sizeof(key));
	for (size_t i = 0; i < ft_dataset_claim_count(ds); i++) {
		const ft_claim *c = ft_dataset_claim_at(ds, i);
		if (!known(c, &s->known[0]))
			continue;
		key k = {lookup(ix.region_pos, ft_claim_region(c)), lookup(ix.actor_pos, ft_claim_subject(c)),
		         lookup(ix.measure_pos, ft_claim_measure(c))};
		g_array_append_val(claims, k);
	}
	s->claims_known = claims->len;
	g_array_sort(claims, compare_pair);

	size_t n_regions = ix.order->len;
	size_t *mark = g_new(size_t, n_regions ? n_regions : 1);
	for (size_t i = 0; i < n_regions; i++)
		mark[i] = (size_t)-1;
	GArray *keys = g_array_new(FALSE, FALSE, sizeof(key));
	const size_t *parent = (const size_t *)(void *)ix.parent->data;
	for (size_t i = 0, pair = 0; i < claims->len; i++) {
		const key *c = &g_array_index(claims, key, i);
		if (i > 0 && compare_pair(c - 1, c) != 0)
			pair++;
		for (size_t r = c->region; r != (size_t)-1 && mark[r] != pair; r = parent[r]) {
			mark[r] = pair;
			key k = {r, c->actor, c->measure};
			g_array_append_val(keys, k);
		}
	}
	g_free(mark);
	g_array_free(claims, TRUE);
	g_array_sort(keys, compare_key);

	s->entries = g_array_sized_new(FALSE, FALSE, sizeof(ft_situation_entry), keys->len);
	size_t last_region = (size_t)-1;
	for (size_t i = 0; i < keys->len; i++) {
		const key *k = &g_array_index(keys, key, i);
		const ft_region *region =
		    ft_dataset_region_at(ds, g_array_index(ix.order, size_t, k->region));
		ft_situation_entry e = {region, g_array_index(ix.depth, size_t, k->region),
		                        ft_dataset_actor_at(ds, k->actor),
		                        g_ptr_array_index(ix.measures, k->measure)};
		g_array_append_val(s->entries, e);
		if (k->region != last_region) {
			ft_region_desc d;
			ft_region_desc_init(&d);
			ft_region_describe(region, &d);
			s->no_geometry += d.geometry == NULL;
			last_region = k->region;
		}
	}
	g_array_free(keys, TRUE);
	index_clear(&ix);
}

/* The dates and knowledge of the columns: column k is the day `days` before
 * T, known on that day (or on K when K is set and ends first). */
static void set_columns(ft_situation *s, const ft_time *at, const ft_time *known_on)
{
	for (size_t k = 0; k < FT_SITUATION_COLUMNS; k++) {
		/* T is a day of the years 0001-9999: 30 days back cannot overflow. */
		s->has_date[k] =
		    ft_time_day_nearest(ft_time_start(at) - days_before[k] * US_PER_DAY, &s->date[k]) == 0;
		if (!s->has_date[k])
			continue;
		s->known[k] = s->date[k];
		if (ft_time_is_set(known_on) && (k == 0 || ft_time_end(known_on) < ft_time_end(&s->date[k])))
			s->known[k] = *known_on;
	}
}

int ft_situation_new(const ft_dataset *ds, const ft_situation_options *opts, ft_situation **out,
                     ft_error *err)
{
	ft_error_clear(err);
	if (out)
		*out = NULL;
	if (!ds || !out)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_situation_new: NULL %s",
		                     ds ? "out" : "dataset");
	ft_situation_options o = FT_SITUATION_OPTIONS_INIT;
	if (opts) {
		if (opts->version == 0 || opts->version > FT_SITUATION_OPTIONS_VERSION)
			return ft__error_set(err, FT_EINVAL, NULL,
			                     "ft_situation_new: options of version %u; set them up with "
			                     "FT_SITUATION_OPTIONS_INIT or ft_situation_options_init",
			                     opts->version);
		ft__copy_after_version(&o, opts, options_sizes[opts->version]);
	}
	ft_estimate_options est = FT_ESTIMATE_OPTIONS_INIT;
	if (o.estimate) {
		/* The report sets `at` and `known_on` per figure. */
		int rc = ft__check_options_for(o.estimate, "ft_situation_new", 0, &est, err);
		if (rc != 0)
			return rc;
	}

	/* T: the day `at` ends on, or the day of the latest report. */
	int64_t end = INT64_MIN;
	if (ft_time_is_set(&o.at)) {
		end = ft_time_end(&o.at);
	} else {
		for (size_t i = 0; i < ft_dataset_claim_count(ds); i++) {
			ft_time r = ft_claim_reported(ft_dataset_claim_at(ds, i));
			if (ft_time_end(&r) > end)
				end = ft_time_end(&r);
		}
	}
	ft_time at;
	if (end == INT64_MIN || ft_time_day_nearest(end, &at) != 0)
		return ft__error_set(
		    err, FT_EINVAL, NULL,
		    "ft_situation_new: the dataset has no claims to date the report by; give `at`");

	if (o.threads > 64)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_situation_new: %u threads; at most 64",
		                     o.threads);
	ft_situation *s = g_new0(ft_situation, 1);
	s->ds = ds;
	s->est = est;
	s->threads = o.threads;
	set_columns(s, &at, &o.known_on);
	make_entries(s);
	*out = s;
	return 0;
}

void ft_situation_free(ft_situation *s)
{
	if (!s)
		return;
	g_array_free(s->entries, TRUE);
	g_free(s);
}

const ft_dataset *ft_situation_dataset(const ft_situation *s)
{
	return s ? s->ds : NULL;
}

static int column_ok(const ft_situation *s, size_t column)
{
	return s && column < FT_SITUATION_COLUMNS && s->has_date[column];
}

int ft_situation_date(const ft_situation *s, size_t column, ft_time *out)
{
	if (!out || !column_ok(s, column)) {
		if (out)
			memset(out, 0, sizeof *out);
		return -1;
	}
	*out = s->date[column];
	return 0;
}

int ft_situation_known_on(const ft_situation *s, size_t column, ft_time *out)
{
	if (!out || !column_ok(s, column)) {
		if (out)
			memset(out, 0, sizeof *out);
		return -1;
	}
	*out = s->known[column];
	return 0;
}

int ft_situation_days_before(size_t column)
{
	return column < FT_SITUATION_COLUMNS ? days_before[column] : -1;
}

unsigned ft__situation_threads(const ft_situation *s)
{
	return s->threads;
}

const ft_estimate_options *ft__situation_estimate_options(const ft_situation *s)
{
	return &s->est;
}

size_t ft_situation_claims_known(const ft_situation *s)
{
	return s ? s->claims_known : 0;
}

size_t ft_situation_entry_count(const ft_situation *s)
{
	return s ? s->entries->len : 0;
}

const ft_situation_entry *ft_situation_entry_at(const ft_situation *s, size_t i)
{
	return s && i < s->entries->len ? &g_array_index(s->entries, ft_situation_entry, i) : NULL;
}

size_t ft_situation_regions_without_geometry(const ft_situation *s)
{
	return s ? s->no_geometry : 0;
}

int ft_situation_estimate(const ft_situation *s, size_t i, size_t column, ft_estimate *out, ft_error *err)
{
	ft_error_clear(err);
	if (!s || !out)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_situation_estimate: NULL %s",
		                     s ? "estimate" : "report");
	if (i >= s->entries->len)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_situation_estimate: entry %zu of %u", i,
		                     s->entries->len);
	if (column >= FT_SITUATION_COLUMNS || !s->has_date[column])
		return ft__error_set(
		    err, FT_EINVAL, NULL,
		    column < FT_SITUATION_COLUMNS
		        ? "ft_situation_estimate: column %zu has no date: it would fall before "
		          "0001-01-01 (ft_situation_date says which columns have one)"
		        : "ft_situation_estimate: column %zu has no date: columns are 0 to 2",
		    column);
	const ft_situation_entry *e = &g_array_index(s->entries, ft_situation_entry, i);
	ft_estimate_options o = s->est;
	o.at = s->date[column];
	o.known_on = s->known[column];
	return ft_estimate_compute(s->ds, e->actor, e->region, e->measure, &o, out, err);
}

void ft__situation_figures_clear(ft_estimate est[FT_SITUATION_COLUMNS])
{
	for (size_t k = 0; k < FT_SITUATION_COLUMNS; k++)
		ft_estimate_clear(&est[k]);
}

/* ---- figures read off group evaluations (report-private.h) ------------- */

struct ft__groups {
	const ft_situation *s;
	ft__lattices *lattices; /* its groups in every column */
	size_t *group_of;       /* by entry */
	unsigned char *read;    /* by entry, then column: read off its group */
	pthread_mutex_t lock;   /* guards `read` */
	int ahead;              /* built ahead */
};

ft__groups *ft__groups_new(const ft_situation *s, size_t max_listed)
{
	if (s->est.no_rollup)
		return NULL;
	size_t n = s->entries->len;
	ft__groups *g = g_new0(ft__groups, 1);
	g->s = s;
	ft_estimate_options columns[FT_SITUATION_COLUMNS];
	for (size_t c = 0; c < FT_SITUATION_COLUMNS; c++) {
		columns[c] = s->est;
		columns[c].at = s->date[c];
		columns[c].known_on = s->known[c];
	}
	g->lattices = ft__lattices_new(s->ds, columns, FT_SITUATION_COLUMNS, max_listed);
	g->group_of = g_new(size_t, n ? n : 1);
	g->read = g_new0(unsigned char, n *FT_SITUATION_COLUMNS + 1);
	pthread_mutex_init(&g->lock, NULL);
	for (size_t i = 0; i < n; i++) {
		const ft_situation_entry *e = &g_array_index(s->entries, ft_situation_entry, i);
		g->group_of[i] = ft__lattices_group(g->lattices, e->actor, e->region, e->measure);
	}
	size_t *reads = g_new0(size_t, ft__lattices_count(g->lattices) + 1);
	for (size_t i = 0; i < n; i++)
		reads[g->group_of[i]]++;
	ft__lattices_seal(g->lattices, reads);
	g_free(reads);
	return g;
}

const ft_situation *ft__groups_situation(const ft__groups *g)
{
	return g->s;
}

void ft__groups_free(ft__groups *g)
{
	if (!g)
		return;
	ft__lattices_free(g->lattices);
	pthread_mutex_destroy(&g->lock);
	g_free(g->group_of);
	g_free(g->read);
	g_free(g);
}

/* The groups' evaluations are built ahead, in the order the report first
 * needs them, so that they are built on every core rather than by
 * whichever writer or prefetch thread asks first while the others wait. */
void ft__groups_build_ahead(ft__groups *gs, int all_columns, unsigned threads)
{
	if (gs->ahead || threads < 2)
		return;
	unsigned columns = 0;
	for (size_t c = 0; c < (all_columns ? FT_SITUATION_COLUMNS : 1); c++)
		if (gs->s->has_date[c])
			columns |= 1u << c;
	ft__lattices_build_ahead(gs->lattices, columns, threads);
	gs->ahead = 1;
}

/* The figure of entry `i` in `column` into `out` (FT_ESTIMATE_INIT): read
 * off its group, or alone when the group is over the node limit. */
static int group_figure(ft__groups *gs, size_t i, size_t column, ft_estimate *out, ft_error *err)
{
	const ft_situation *s = gs->s;
	const ft_situation_entry *e = &g_array_index(s->entries, ft_situation_entry, i);
	/* The first read of an entry is one its group expects; one read
	 * again (a writer may ask twice) is not. */
	pthread_mutex_lock(&gs->lock);
	unsigned char *read = &gs->read[i * FT_SITUATION_COLUMNS + column];
	int first = !*read;
	*read = 1;
	pthread_mutex_unlock(&gs->lock);
	if (ft__lattices_read(gs->lattices, gs->group_of[i], column, e->actor, e->region, first, out) != 0)
		return ft_situation_estimate(s, i, column, out, err);
	return 0;
}

int ft__situation_figures(const ft_situation *s, ft__groups *groups, size_t i, int all_columns,
                          ft_estimate est[FT_SITUATION_COLUMNS], ft_error *err)
{
	for (size_t k = 0; k < FT_SITUATION_COLUMNS; k++)
		ft_estimate_init(&est[k]);
	/* An entry past the end: ft_situation_estimate says so. */
	if (i >= s->entries->len)
		groups = NULL;
	for (size_t k = 0; k < (all_columns ? FT_SITUATION_COLUMNS : 1); k++) {
		if (!s->has_date[k])
			continue;
		int rc = groups ? group_figure(groups, i, k, &est[k], err)
		                : ft_situation_estimate(s, i, k, &est[k], err);
		if (rc != 0) {
			ft__situation_figures_clear(est);
			return rc;
		}
	}
	return 0;
}
