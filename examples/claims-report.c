/*
 * claims-report: every claim of a dataset, grouped by region and by the
 * actor whose forces it counts, in the order the claims were made. It is
 * the first thing an analyst reads of a new dataset ("who said what about
 * whom, and when"), and a short tour of the public API: loading with an
 * error a person can act on, iterating entities, following references,
 * and formatting times and hedged quantities the way the library does.
 *
 *     claims-report examples/data/buildup-2021-12.json
 *     claims-report --help
 */
#include <forcetrack.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One claim with the positions that order the report. */
typedef struct entry {
	const ft_claim *claim;
	size_t region;  /* index of its region in the dataset */
	size_t subject; /* index of its subject actor */
	size_t seq;     /* index of the claim itself: keeps the sort stable */
} entry;

/*
 * Positions by linear search keep the example short; a program meant for
 * thousands of regions would build a hash table once.
 */
static size_t region_index(const ft_dataset *ds, const ft_region *r)
{
	size_t n = ft_dataset_region_count(ds);
	for (size_t i = 0; i < n; i++)
		if (ft_dataset_region_at(ds, i) == r)
			return i;
	return n;
}

static size_t actor_index(const ft_dataset *ds, const ft_actor *a)
{
	size_t n = ft_dataset_actor_count(ds);
	for (size_t i = 0; i < n; i++)
		if (ft_dataset_actor_at(ds, i) == a)
			return i;
	return n;
}

/* Region, then subject, in dataset order; then the date the claim was
 * made, then the start of what it describes. */
static int entry_order(const void *pa, const void *pb)
{
	const entry *a = pa, *b = pb;
	if (a->region != b->region)
		return a->region < b->region ? -1 : 1;
	if (a->subject != b->subject)
		return a->subject < b->subject ? -1 : 1;
	ft_time ra = ft_claim_reported(a->claim), rb = ft_claim_reported(b->claim);
	int c = ft_time_compare(&ra, &rb);
	if (c)
		return c;
	ft_interval oa = ft_claim_observed(a->claim), ob = ft_claim_observed(b->claim);
	int a_open = !ft_time_is_set(&oa.from), b_open = !ft_time_is_set(&ob.from);
	if (a_open != b_open)
		return a_open ? -1 : 1;
	if (!a_open && (c = ft_time_compare(&oa.from, &ob.from)) != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Text from a dataset may hold control characters and terminal escape
 * sequences; a report shown on a terminal leaves them out. */
static void print_clean(const char *s)
{
	char *safe = ft_text_sanitize_terminal(s);
	fputs(safe, stdout);
	ft_free(safe);
}

/* "observed 2021-12-01", "observed 2021-11 to 2022-02", "observed from
 * 2021-11"; nothing when the claim speaks of the day it was made. */
static void print_observed(const ft_claim *c)
{
	ft_claim_desc d = FT_CLAIM_DESC_INIT;
	ft_claim_describe(c, &d);
	if (d.observed_form == FT_OBSERVED_NONE)
		return;
	char from[FT_TIME_BUFSIZE], to[FT_TIME_BUFSIZE];
	ft_time_format(&d.observed.from, from);
	ft_time_format(&d.observed.to, to);
	if (d.observed_form == FT_OBSERVED_TIME || strcmp(from, to) == 0)
		printf(", observed %s", from);
	else if (!from[0])
		printf(", observed until %s", to);
	else if (!to[0])
		printf(", observed from %s", from);
	else
		printf(", observed %s to %s", from, to);
}

/* "2021-12-01  Ministry of Defence of Ukraine via Daily Mail: about
 * 94,000 personnel, observed 2021-11" and the quote below it. */
static void print_claim(const ft_claim *c)
{
	char date[FT_TIME_BUFSIZE];
	ft_time reported = ft_claim_reported(c);
	ft_time_format(&reported, date);
	printf("%s  ", date);
	print_clean(ft_source_name(ft_claim_source(c)));

	/* Outlets that carried the claim add no voice, but a reader wants
	 * to know where it was read. */
	size_t n_via = ft_claim_via_count(c);
	for (size_t i = 0; i < n_via; i++) {
		fputs(i == 0 ? " via " : ", ", stdout);
		print_clean(ft_source_name(ft_claim_via_at(c, i)));
	}

	ft_quantity q = ft_claim_quantity(c);
	char figure[96];
	ft_quantity_format(&q, figure, sizeof figure);
	printf(": %s", figure);
	if (q.qualifier != FT_QUALIFIER_NONE)
		printf(" %s", ft_claim_measure(c));
	ft_claim_kind kind = ft_claim_kind_of(c);
	if (kind != FT_CLAIM_OBSERVATION)
		printf(", %s", ft_claim_kind_name(kind));
	print_observed(c);
	putchar('\n');

	const char *quote = ft_claim_quote(c);
	if (quote) {
		fputs("    \"", stdout);
		print_clean(quote);
		fputs("\"\n", stdout);
	}
}

static const char usage_text[] = "usage: claims-report FILE\n"
                                 "\n"
                                 "Every claim of FILE, grouped by region and by the actor whose forces it\n"
                                 "counts, in the order the claims were made: the date, who said it and who\n"
                                 "carried it, the figure with its hedge, what it describes and when, and\n"
                                 "the words quoted.\n"
                                 "\n"
                                 "  --help   this text\n";

int main(int argc, char **argv)
{
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: claims-report FILE (--help for more)\n");
		return 2;
	}

	/* A load either gives a complete, checked dataset or NULL and the
	 * first problem, which ft_error_format turns into one line. That line
	 * can go to a terminal as it is: the data a message quotes has its
	 * control and bidirectional characters shown as escapes (\u202e). */
	ft_error err;
	ft_error_clear(&err);
	ft_dataset *ds = ft_dataset_load_file(argv[1], NULL, &err);
	if (!ds) {
		char line[1024];
		ft_error_format(&err, line, sizeof line);
		fprintf(stderr, "%s\n", line);
		return 1;
	}

	ft_dataset_info info = FT_DATASET_INFO_INIT;
	ft_dataset_describe(ds, &info);
	size_t n = ft_dataset_claim_count(ds);
	fputs("# ", stdout);
	print_clean(info.title ? info.title : argv[1]);
	printf("\n\n%zu claim%s\n", n, n == 1 ? "" : "s");

	entry *entries = calloc(n ? n : 1, sizeof *entries);
	if (!entries) {
		ft_dataset_free(ds);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		const ft_claim *c = ft_dataset_claim_at(ds, i);
		entries[i].claim = c;
		entries[i].region = region_index(ds, ft_claim_region(c));
		entries[i].subject = actor_index(ds, ft_claim_subject(c));
		entries[i].seq = i;
	}
	qsort(entries, n, sizeof *entries, entry_order);

	for (size_t i = 0; i < n; i++) {
		const ft_claim *c = entries[i].claim;
		/* A new heading whenever the (region, subject) pair changes. */
		if (i == 0 || entries[i].region != entries[i - 1].region ||
		    entries[i].subject != entries[i - 1].subject) {
			const ft_region *r = ft_claim_region(c);
			const ft_actor *a = ft_claim_subject(c);
			fputs("\n## ", stdout);
			print_clean(ft_region_name(r));
			printf(" (%s) \xe2\x80\x94 ", ft_region_id(r)); /* an em dash */
			print_clean(ft_actor_name(a));
			printf(" (%s)\n\n", ft_actor_id(a));
		}
		print_claim(c);
	}

	free(entries);
	ft_dataset_free(ds);
	return 0;
}
