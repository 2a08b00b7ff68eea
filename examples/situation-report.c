/*
 * situation-report: what the claims of a dataset say about the forces in
 * every region on one date, the way an analyst's morning report reads.
 * For each region (parents first, sub-regions indented under them) and
 * each actor that claims are about there, it gives the best estimate with
 * its range, how many independent voices stand behind it, whether they
 * disagree, how the figure moved over the last 7 and 30 days, and the
 * claims that produced it. It is also a tour of the estimating API:
 * ft_estimate_compute with its options, the contributions that explain an
 * estimate, disagreements and roll-up parts; with --json it writes each
 * estimate with the library's own renderer instead (ft_estimate_write_json),
 * one JSON object per entry, as `forcetrack estimate --json` does, for a
 * program (jq, pandas) to read.
 *
 *     situation-report examples/data/buildup-2021-12.json [--at 2021-12-03] [--json]
 *
 * The report is dated T (by default the day of the latest report in the
 * dataset) and written as known on T: claims reported after T are left
 * out, also from the figures for 7 and 30 days before, so that a change
 * is a change in the forces as seen on T, not news that arrived since.
 */
#include <forcetrack.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define US_PER_DAY ((int64_t)86400000000)

/* Text from a dataset may hold control characters and terminal escape
 * sequences; a report shown on a terminal leaves them out. */
static void print_clean(const char *s)
{
	char *safe = ft_text_sanitize_terminal(s);
	fputs(safe, stdout);
	ft_free(safe);
}

static void indent(int n)
{
	for (int i = 0; i < n; i++)
		putchar(' ');
}

/* "94,000": a count grouped the way the library writes figures. */
static void format_count(uint64_t n, char *buf, size_t size)
{
	ft_quantity q = {FT_QUALIFIER_EXACT, 1, n, 0, 0};
	ft_quantity_format(&q, buf, size);
}

/* The UTC day that contains the microsecond `us`, or the nearest day a
 * time value can name when `us` lies just outside the years 0001-9999 (an
 * offset puts the start or end of a value written on 0001-01-01 or
 * 9999-12-31 up to 23:59 beyond them); -1 further out. */
static int day_containing(int64_t us, ft_time *out)
{
	ft_time day = ft_time_day(us);
	if (!ft_time_is_set(&day) && us > INT64_MIN + US_PER_DAY && us < INT64_MAX - US_PER_DAY)
		day = ft_time_day(us < 0 ? us + US_PER_DAY : us - US_PER_DAY);
	if (!ft_time_is_set(&day))
		return -1;
	*out = day;
	return 0;
}

/* An entity's position, found from its address (sorted by address). */
typedef struct place {
	const void *entity;
	size_t index;
} place;

/* What a region of the report holds: the (actor, measure) pairs of the
 * known claims in it or under it, by position. */
typedef struct entry_key {
	size_t region, actor, measure;
} entry_key;

/* What the whole report shares. */
typedef struct report {
	const ft_dataset *ds;
	ft_time at;            /* T, a UTC day */
	const char **measures; /* personnel first, then in order of appearance */
	size_t n_measures;
	int json; /* each entry's estimate as JSON, and nothing else */
	/* Worked out once (index_report): which regions, actors and measures
	 * have known claims, so that the report asks each question in log
	 * time instead of reading every claim again. */
	place *regions, *actors; /* sorted by address */
	struct named *by_name;   /* the measures sorted by name, with their positions */
	entry_key *entries;      /* sorted, without repeats */
	size_t n_entries;
	size_t *child_start, *children; /* regions under each region, in order */
} report;

/* A claim is known on T when its `reported` span ends by the end of T
 * (docs/estimation.md, section 1). */
static int known(const report *rp, const ft_claim *c)
{
	ft_time reported = ft_claim_reported(c);
	return ft_time_end(&reported) <= ft_time_end(&rp->at);
}

static int compare_place(const void *a, const void *b)
{
	const place *x = a, *y = b;
	return x->entity < y->entity ? -1 : x->entity > y->entity;
}

static size_t position(const place *sorted, size_t n, const void *entity)
{
	place key = {entity, 0};
	const place *p = bsearch(&key, sorted, n, sizeof *p, compare_place);
	return p ? p->index : (size_t)-1;
}

static int compare_entry(const void *a, const void *b)
{
	const entry_key *x = a, *y = b;
	if (x->region != y->region)
		return x->region < y->region ? -1 : 1;
	if (x->actor != y->actor)
		return x->actor < y->actor ? -1 : 1;
	return x->measure < y->measure ? -1 : x->measure > y->measure;
}

/* By actor, then measure: the order the entries are made in. */
static int compare_pair(const void *a, const void *b)
{
	const entry_key *x = a, *y = b;
	if (x->actor != y->actor)
		return x->actor < y->actor ? -1 : 1;
	return x->measure < y->measure ? -1 : x->measure > y->measure;
}

/* A measure and its position in rp->measures. */
struct named {
	const char *name;
	size_t index;
};

static int compare_name(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

static size_t measure_position(const report *rp, const char *m)
{
	struct named key = {m, 0};
	const struct named *p = bsearch(&key, rp->by_name, rp->n_measures, sizeof *p, compare_name);
	return p ? p->index : (size_t)-1;
}

/* Sorts `n` entities of the dataset by address, with their positions. */
static place *places(size_t n, const void *(*at)(const ft_dataset *, size_t), const ft_dataset *ds)
{
	place *p = malloc((n ? n : 1) * sizeof *p);
	if (!p)
		return NULL;
	for (size_t i = 0; i < n; i++)
		p[i] = (place){at(ds, i), i};
	qsort(p, n, sizeof *p, compare_place);
	return p;
}

static const void *region_at(const ft_dataset *ds, size_t i)
{
	return ft_dataset_region_at(ds, i);
}

static const void *actor_at(const ft_dataset *ds, size_t i)
{
	return ft_dataset_actor_at(ds, i);
}

/* The indexes of the report (see struct report); 0, or -1 out of memory. */
static int index_report(report *rp)
{
	const ft_dataset *ds = rp->ds;
	size_t n_regions = ft_dataset_region_count(ds), n_claims = ft_dataset_claim_count(ds);
	rp->regions = places(n_regions, region_at, ds);
	rp->actors = places(ft_dataset_actor_count(ds), actor_at, ds);
	rp->by_name = malloc(rp->n_measures * sizeof *rp->by_name);
	rp->child_start = calloc(n_regions + 2, sizeof *rp->child_start);
	rp->children = malloc((n_regions ? n_regions : 1) * sizeof *rp->children);
	if (!rp->regions || !rp->actors || !rp->by_name || !rp->child_start || !rp->children)
		return -1;
	for (size_t i = 0; i < rp->n_measures; i++)
		rp->by_name[i] = (struct named){rp->measures[i], i};
	qsort(rp->by_name, rp->n_measures, sizeof *rp->by_name, compare_name);

	/* The children of each region, in dataset order (a counting sort by
	 * parent; roots are "under" position n_regions). */
	size_t *parent = malloc((n_regions ? n_regions : 1) * sizeof *parent);
	if (!parent)
		return -1;
	for (size_t i = 0; i < n_regions; i++) {
		const ft_region *up = ft_region_parent(ft_dataset_region_at(ds, i));
		parent[i] = up ? position(rp->regions, n_regions, up) : n_regions;
		rp->child_start[parent[i] + 1]++;
	}
	for (size_t i = 1; i <= n_regions + 1; i++)
		rp->child_start[i] += rp->child_start[i - 1];
	size_t *fill = calloc(n_regions + 1, sizeof *fill);
	if (!fill) {
		free(parent);
		return -1;
	}
	for (size_t i = 0; i < n_regions; i++)
		rp->children[rp->child_start[parent[i]] + fill[parent[i]]++] = i;
	free(fill);

	/* Every known claim counts in its region and every region above it.
	 * The claims are taken by (actor, measure), and a walk up stops at
	 * the first region already marked for the pair: the regions above it
	 * were marked with it. So each (region, actor, measure) entry is made
	 * once, and a chain of regions costs its length, not its length
	 * times the claims in it. */
	entry_key *claims = malloc((n_claims ? n_claims : 1) * sizeof *claims);
	size_t *mark = malloc((n_regions ? n_regions : 1) * sizeof *mark);
	size_t n_known = 0;
	for (size_t i = 0; claims && i < n_claims; i++) {
		const ft_claim *c = ft_dataset_claim_at(ds, i);
		if (!known(rp, c))
			continue;
		claims[n_known++] = (entry_key){
		    position(rp->regions, n_regions, ft_claim_region(c)),
		    position(rp->actors, ft_dataset_actor_count(ds), ft_claim_subject(c)),
		    measure_position(rp, ft_claim_measure(c)),
		};
	}
	if (claims)
		qsort(claims, n_known, sizeof *claims, compare_pair);
	size_t cap = 1024, n = 0, pair = 0;
	entry_key *e = claims && mark ? malloc(cap * sizeof *e) : NULL;
	for (size_t i = 0; i < n_regions && mark; i++)
		mark[i] = (size_t)-1;
	for (size_t i = 0; e && i < n_known; i++) {
		if (i > 0 && compare_pair(&claims[i - 1], &claims[i]) != 0)
			pair++;
		for (size_t r = claims[i].region; r < n_regions && mark[r] != pair; r = parent[r]) {
			mark[r] = pair;
			if (n == cap) {
				entry_key *more = realloc(e, 2 * cap * sizeof *e);
				if (!more) {
					free(e);
					e = NULL;
					break;
				}
				e = more;
				cap *= 2;
			}
			e[n++] = (entry_key){r, claims[i].actor, claims[i].measure};
		}
	}
	free(claims);
	free(mark);
	free(parent);
	if (!e)
		return -1;
	qsort(e, n, sizeof *e, compare_entry);
	size_t k = n;
	rp->entries = e;
	rp->n_entries = k;
	return 0;
}

static void free_report(report *rp)
{
	free(rp->regions);
	free(rp->actors);
	free(rp->by_name);
	free(rp->entries);
	free(rp->child_start);
	free(rp->children);
	free(rp->measures);
}

/* The first entry of region `r` (or where it would be), by bisection. */
static size_t first_entry(const report *rp, size_t r)
{
	size_t lo = 0, hi = rp->n_entries;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rp->entries[mid].region < r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Estimates at T minus `days_before` days, as known then: on that day. */
static int estimate_at(const report *rp, const ft_actor *actor, const ft_region *region, const char *measure,
                       int days_before, ft_estimate *est, ft_time *when)
{
	ft_estimate_options opts = FT_ESTIMATE_OPTIONS_INIT;
	/* Days before 0001-01-01 have no estimate, and no date: `when` is
	 * left without a value for print_change to say so. */
	memset(when, 0, sizeof *when);
	if (day_containing(ft_time_start(&rp->at) - days_before * US_PER_DAY, when) != 0)
		return days_before ? 0 : -1;
	opts.at = *when;
	opts.known_on = days_before ? *when : rp->at;
	ft_error err;
	ft_error_clear(&err);
	if (ft_estimate_compute(rp->ds, actor, region, measure, &opts, est, &err) != 0) {
		char line[512];
		ft_error_format(&err, line, sizeof line);
		fprintf(stderr, "situation-report: %s\n", line);
		return -1;
	}
	return 0;
}

/* "+2,300 since 2021-11-26", "no estimate 30 days before (2021-11-03)". */
static void print_change(const ft_estimate *now, const ft_estimate *then, const ft_time *when, int days)
{
	char date[FT_TIME_BUFSIZE], n[32];
	if (!ft_time_is_set(when)) {
		printf("no estimate %d days before (before 0001-01-01)", days);
		return;
	}
	ft_time_format(when, date);
	if (!then->has_value) {
		printf("no estimate %d days before (%s)", days, date);
		return;
	}
	if (!now->has_value) {
		format_count(then->best, n, sizeof n);
		printf("%s on %s, none now", n, date);
		return;
	}
	if (now->best == then->best) {
		printf("no change since %s", date);
		return;
	}
	uint64_t diff = now->best > then->best ? now->best - then->best : then->best - now->best;
	format_count(diff, n, sizeof n);
	printf("%c%s since %s", now->best > then->best ? '+' : '-', n, date);
}

/* The counted claims, one line each, and the others summarised by what
 * happened to them ("2 same-voice, 1 projection"). */
static void print_claims(const ft_estimate *est, const ft_actor *actor, const ft_region *region, int margin)
{
	int wid = 0, wfig = 0;
	for (size_t i = 0; i < ft_estimate_contribution_count(est); i++) {
		const ft_contribution *c = ft_estimate_contribution_at(est, i);
		if (c->status != FT_STATUS_COUNTED)
			continue;
		ft_quantity q = ft_claim_quantity(c->claim);
		int w = (int)strlen(ft_claim_id(c->claim));
		wid = w > wid ? w : wid;
		w = (int)ft_quantity_format(&q, NULL, 0);
		wfig = w > wfig ? w : wfig;
	}
	if (est->claims) {
		indent(margin - 2);
		puts("counted:");
	}
	for (size_t i = 0; i < ft_estimate_contribution_count(est); i++) {
		const ft_contribution *c = ft_estimate_contribution_at(est, i);
		if (c->status != FT_STATUS_COUNTED)
			continue;
		ft_quantity q = ft_claim_quantity(c->claim);
		char fig[128];
		ft_quantity_format(&q, fig, sizeof fig);
		indent(margin);
		printf("%-*s  %-*s  weight %.3f  ", wid, ft_claim_id(c->claim), wfig, fig, c->weight);
		print_clean(ft_source_name(ft_claim_source(c->claim)));
		printf(", %s%s", ft_stance_phrase(c->stance), c->credible ? "" : ", not credible");
		/* A claim rolled up from a sub-region or a child actor says where
		 * it counted. */
		const ft_region *r = ft_claim_region(c->claim);
		const ft_actor *a = ft_claim_subject(c->claim);
		if (r != region)
			printf(" [in %s]", ft_region_id(r));
		if (a != actor)
			printf(" [about %s]", ft_actor_id(a));
		putchar('\n');
	}

	/* Statuses in the order docs/estimation.md applies them. Claims not yet
	 * reported on T are left out: the report is as known on T. */
	static const ft_status order[] = {
	    FT_STATUS_RETRACTED,        FT_STATUS_SUPERSEDED, FT_STATUS_DENIAL,     FT_STATUS_PROJECTION,
	    FT_STATUS_NOT_YET_OBSERVED, FT_STATUS_STALE,      FT_STATUS_SAME_VOICE,
	};
	int first = 1;
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		size_t count = 0;
		for (size_t i = 0; i < ft_estimate_contribution_count(est); i++)
			count += ft_estimate_contribution_at(est, i)->status == order[k];
		if (!count)
			continue;
		if (first) {
			indent(margin - 2);
			fputs("not counted: ", stdout);
		}
		printf("%s%zu %s", first ? "" : ", ", count, ft_status_name(order[k]));
		first = 0;
	}
	if (!first)
		putchar('\n');
}

/* One actor in one region, for one measure. */
static void report_entry(const report *rp, const ft_actor *actor, const ft_region *region,
                         const char *measure, int margin)
{
	ft_estimate now = FT_ESTIMATE_INIT, week = FT_ESTIMATE_INIT, month = FT_ESTIMATE_INIT;
	ft_time t_now, t_week, t_month;
	if (estimate_at(rp, actor, region, measure, 0, &now, &t_now) != 0 ||
	    estimate_at(rp, actor, region, measure, 7, &week, &t_week) != 0 ||
	    estimate_at(rp, actor, region, measure, 30, &month, &t_month) != 0)
		goto done;
	if (rp->json) {
		/* The estimate knows what it is about and when: the renderer
		 * needs nothing else. */
		ft_error err;
		if (ft_estimate_write_json(&now, NULL, stdout, &err) != 0)
			fprintf(stderr, "situation-report: %s\n", err.text);
		goto done;
	}

	/* "Russia (RU), personnel: 94,300 (range 84,870-103,730); 1 voice, 1 claim" */
	indent(margin);
	print_clean(ft_actor_name(actor));
	printf(" (%s), %s: ", ft_actor_id(actor), measure);
	if (now.has_value) {
		char fig[160];
		ft_estimate_format(&now, fig, sizeof fig);
		printf("%s; %zu voice%s, %zu claim%s", fig, now.voices, now.voices == 1 ? "" : "s",
		       now.claims, now.claims == 1 ? "" : "s");
	} else {
		fputs("no estimate: no claim counts", stdout);
	}
	if (now.contested)
		printf("  CONTESTED (%zu pair%s)", now.pairs, now.pairs == 1 ? "" : "s");
	if (now.inconsistent)
		fputs("  INCONSISTENT", stdout);
	putchar('\n');

	indent(margin + 2);
	fputs("change: ", stdout);
	print_change(&now, &week, &t_week, 7);
	fputs("; ", stdout);
	print_change(&now, &month, &t_month, 30);
	putchar('\n');

	/* Who disagrees with whom: the heaviest pairs of current claims of
	 * independent voices whose ranges do not meet, or that dispute each
	 * other. */
	for (size_t i = 0; i < ft_estimate_disagreement_count(&now); i++) {
		const ft_disagreement *d = ft_estimate_disagreement_at(&now, i);
		indent(margin + 2);
		printf("disagree: %s (", ft_claim_id(d->a));
		print_clean(ft_source_name(ft_claim_source(d->a)));
		printf(") and %s (", ft_claim_id(d->b));
		print_clean(ft_source_name(ft_claim_source(d->b)));
		puts(d->disputes ? "), disputed" : ")");
	}
	/* Where a whole and its parts do not agree, the parts that break it. */
	for (size_t i = 0; i < ft_estimate_part_count(&now); i++) {
		const ft_estimate_part *p = ft_estimate_part_at(&now, i);
		if (!p->inconsistent)
			continue;
		char own[32], total[32];
		format_count(p->own_high, own, sizeof own);
		format_count(p->low, total, sizeof total);
		indent(margin + 2);
		printf(
		    "inconsistent: claims about %s in %s say at most %s; its parts add up to at least %s\n",
		    ft_actor_id(p->actor), ft_region_id(p->region), own, total);
	}
	print_claims(&now, actor, region, margin + 4);

done:
	ft_estimate_clear(&now);
	ft_estimate_clear(&week);
	ft_estimate_clear(&month);
}

/* A region, then its sub-regions indented under it. A region no known
 * claim is about (nor about any place under it) is left out. */
/* One region: its heading and an entry per (actor, measure) of the known
 * claims in it or under it, in dataset order of actor, then measure. */
static void report_one_region(const report *rp, size_t r, int depth)
{
	const ft_region *region = ft_dataset_region_at(rp->ds, r);
	int margin = 4 * depth;
	if (!rp->json) {
		putchar('\n');
		indent(margin);
		print_clean(ft_region_name(region));
		printf(" (%s)\n", ft_region_id(region));
	}
	for (size_t i = first_entry(rp, r); i < rp->n_entries && rp->entries[i].region == r; i++)
		report_entry(rp, ft_dataset_actor_at(rp->ds, rp->entries[i].actor), region,
		             rp->measures[rp->entries[i].measure], margin + 2);
}

/*
 * The regions in dataset order, each root followed by what lies under it,
 * depth first, with an explicit stack: a chain of regions is as deep as the
 * input, too deep to recurse. A region no known claim is about (nor about
 * any place under it) is left out, with everything under it.
 */
static int report_regions(const report *rp)
{
	size_t n_regions = ft_dataset_region_count(rp->ds);
	typedef struct frame {
		size_t region; /* n_regions: the roots */
		size_t next;   /* the next of its children to visit */
		int depth;
	} frame;
	frame *stack = malloc((n_regions + 1) * sizeof *stack);
	if (!stack)
		return -1;
	size_t top = 0;
	stack[top++] = (frame){n_regions, rp->child_start[n_regions], -1};
	while (top) {
		frame *f = &stack[top - 1];
		if (f->next == rp->child_start[f->region + 1]) {
			top--;
			continue;
		}
		size_t child = rp->children[f->next++];
		size_t e = first_entry(rp, child);
		if (e == rp->n_entries || rp->entries[e].region != child)
			continue; /* no known claim in it or under it */
		report_one_region(rp, child, f->depth + 1);
		stack[top++] = (frame){child, rp->child_start[child], f->depth + 1};
	}
	free(stack);
	return 0;
}

/* By name, then by first appearance. */
static int compare_appearance_name(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : x->index < y->index ? -1 : x->index > y->index;
}

static int compare_appearance(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* The measures claims use: personnel first, then in order of appearance
 * (sorted by name to drop repeats, then back into order: n log n).
 * Measure strings are the dataset's own and live as long as it does. */
static const char **collect_measures(const ft_dataset *ds, size_t *count)
{
	size_t n = ft_dataset_claim_count(ds);
	struct named *all = malloc((n + 1) * sizeof *all);
	const char **out = malloc((n + 1) * sizeof *out);
	if (!all || !out) {
		free(all);
		free(out);
		return NULL;
	}
	all[0] = (struct named){FT_MEASURE_DEFAULT, 0}; /* first, whatever comes */
	for (size_t i = 0; i < n; i++)
		all[i + 1] = (struct named){ft_claim_measure(ft_dataset_claim_at(ds, i)), i + 1};
	qsort(all, n + 1, sizeof *all, compare_appearance_name);
	size_t k = 0;
	for (size_t i = 0; i <= n; i++)
		if (k == 0 || strcmp(all[k - 1].name, all[i].name) != 0)
			all[k++] = all[i];
	qsort(all, k, sizeof *all, compare_appearance);
	for (size_t i = 0; i < k; i++)
		out[i] = all[i].name;
	free(all);
	*count = k;
	return out;
}

static const char usage_text[] = "usage: situation-report FILE [--at T] [--json]\n"
                                 "\n"
                                 "What the claims of FILE say about the forces in every region on one\n"
                                 "date T, as known on T: per region and actor, the best estimate with its\n"
                                 "range and voices, its change over 7 and 30 days, and the claims behind\n"
                                 "it. T is the day --at ends on, by default the day of the latest report.\n"
                                 "\n"
                                 "  --at T   the date of the report\n"
                                 "  --json   each estimate as the library writes it in JSON, one object an\n"
                                 "           entry (the shape of 'forcetrack estimate --json')\n"
                                 "  --help   this text\n";

static int usage(void)
{
	fprintf(stderr, "usage: situation-report FILE [--at T] [--json] (--help for more)\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *path = NULL, *at_text = NULL;
	int json = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--at") == 0 && i + 1 < argc)
			at_text = argv[++i];
		else if (strncmp(argv[i], "--at=", 5) == 0)
			at_text = argv[i] + 5;
		else if (argv[i][0] == '-' || path)
			return usage();
		else
			path = argv[i];
	}
	if (!path)
		return usage();

	ft_time at = {0, 0, 0, 0, 0};
	ft_error err;
	ft_error_clear(&err);
	if (at_text && ft_time_parse(at_text, &at, &err) != 0) {
		char *safe = ft_text_sanitize_terminal(at_text);
		fprintf(stderr, "situation-report: --at \"%s\": %s\n", safe, err.text);
		ft_free(safe);
		return 2;
	}

	ft_dataset *ds = ft_dataset_load_file(path, NULL, &err);
	if (!ds) {
		char line[1024];
		ft_error_format(&err, line, sizeof line);
		fprintf(stderr, "%s\n", line);
		return 1;
	}

	/* T is a UTC day: the day --at ends on ("--at 2021-11" is the report
	 * for 30 November), or by default the day of the latest report, so
	 * that historic data is reported as of its own time, not today's. */
	size_t n_claims = ft_dataset_claim_count(ds);
	int64_t end = INT64_MIN;
	if (at_text) {
		end = ft_time_end(&at);
	} else {
		for (size_t i = 0; i < n_claims; i++) {
			ft_time r = ft_claim_reported(ft_dataset_claim_at(ds, i));
			if (ft_time_end(&r) > end)
				end = ft_time_end(&r);
		}
	}
	report rp;
	memset(&rp, 0, sizeof rp);
	rp.ds = ds;
	rp.json = json;
	if (end == INT64_MIN || day_containing(end, &rp.at) != 0) {
		fprintf(stderr, "situation-report: %s: no claims to date the report by; give --at\n", path);
		ft_dataset_free(ds);
		return 1;
	}
	rp.measures = collect_measures(ds, &rp.n_measures);
	if (!rp.measures || index_report(&rp) != 0) {
		fprintf(stderr, "situation-report: out of memory\n");
		free_report(&rp);
		ft_dataset_free(ds);
		return 1;
	}

	/* The heading: what, when, and how the figures are made (text only:
	 * JSON is the estimates alone). */
	if (!rp.json) {
		char date[FT_TIME_BUFSIZE];
		ft_time_format(&rp.at, date);
		size_t n_known = 0;
		for (size_t i = 0; i < n_claims; i++)
			if (known(&rp, ft_dataset_claim_at(ds, i)))
				n_known++;
		ft_dataset_info info = FT_DATASET_INFO_INIT;
		ft_dataset_describe(ds, &info);
		printf("SITUATION REPORT, %s\n", date);
		print_clean(info.title ? info.title : path);
		printf("\nAs known on %s: %zu of the dataset's %zu claims had been reported by then.\n", date,
		       n_known, n_claims);
		printf("Best figures are the figures nearest the claims of independent voices, each\n"
		       "weighed by its grades and age; ranges run over the current claims (those\n"
		       "weighing at least half the heaviest); changes compare with 7 and 30 days\n"
		       "before, as known then (docs/estimation.md).\n");
	}

	if (report_regions(&rp) != 0) {
		fprintf(stderr, "situation-report: out of memory\n");
		free_report(&rp);
		ft_dataset_free(ds);
		return 1;
	}

	if (!rp.json)
		printf(
		    "\nCONTESTED: current claims of independent voices give ranges that do not meet,\n"
		    "or one disputes the other.\n"
		    "INCONSISTENT: claims about a whole say less than its parts add up to.\n"
		    "NOT CREDIBLE: the figure rests only on claims graded E or 5.\n"
		    "\"or more\", \"up to\", \"+\" and \"open below\" mark a side no current claim bounds.\n"
		    "A voice is a source and everything under it (a ministry and its spokesmen);\n"
		    "a weight is reliability x credibility x age decay (half every %d days).\n",
		    FT_HALF_LIFE_DAYS);

	free_report(&rp);
	ft_dataset_free(ds);
	return 0;
}
