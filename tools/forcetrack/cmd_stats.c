/*
 * forcetrack stats: what a dataset holds: the count of each kind of
 * entity, the claims per subject, region and measure (most first), and
 * the ranges of the reported and observed times, and the content hash
 * (ft_dataset_content_hash) that reports cite.
 */
#include "cli.h"

#include <stdint.h>
#include <string.h>

/* One row of a "claims per ..." table. */
typedef struct tally {
	const char *id;
	const char *name; /* NULL for measures */
	size_t count;
} tally;

static tally *tally_get(GHashTable *table, const char *id, const char *name)
{
	tally *t = g_hash_table_lookup(table, id);
	if (!t) {
		t = g_new0(tally, 1);
		t->id = id;
		t->name = name;
		g_hash_table_insert(table, (gpointer)(uintptr_t)id, t);
	}
	return t;
}

static gint tally_order(gconstpointer a, gconstpointer b)
{
	const tally *x = *(const tally *const *)a;
	const tally *y = *(const tally *const *)b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Prints a table sorted by count descending, then id, in aligned columns. */
static void print_tally(const char *heading, GHashTable *table)
{
	GPtrArray *rows = g_ptr_array_new();
	GHashTableIter iter;
	gpointer value;
	g_hash_table_iter_init(&iter, table);
	while (g_hash_table_iter_next(&iter, NULL, &value))
		g_ptr_array_add(rows, value);
	g_ptr_array_sort(rows, tally_order);
	int id_width = 0, count_width = 1;
	for (guint i = 0; i < rows->len; i++) {
		const tally *t = rows->pdata[i];
		int w = (int)strlen(t->id);
		if (w > id_width)
			id_width = w;
		w = snprintf(NULL, 0, "%zu", t->count);
		if (w > count_width)
			count_width = w;
	}
	printf("\nclaims per %s:\n", heading);
	for (guint i = 0; i < rows->len; i++) {
		const tally *t = rows->pdata[i];
		/* Ids are ASCII by the format's rules, so bytes are columns;
		 * names may be in any script and go last. */
		printf("  %-*s  %*zu", id_width, t->id, count_width, t->count);
		if (t->name) {
			fputs("  ", stdout);
			cli_print_clean(stdout, t->name);
		}
		fputc('\n', stdout);
	}
	g_ptr_array_free(rows, TRUE);
}

/* The earliest start and the latest end of a set of spans; an open bound
 * wins over every value. */
typedef struct span_range {
	int any;
	int open_start, open_end;
	ft_time first; /* the value with the earliest start */
	ft_time last;  /* the value with the latest end */
} span_range;

static void range_add(span_range *r, const ft_time *from, const ft_time *to)
{
	if (!ft_time_is_set(from))
		r->open_start = 1;
	else if (!r->any || !ft_time_is_set(&r->first) || ft_time_compare(from, &r->first) < 0)
		r->first = *from;
	if (!ft_time_is_set(to))
		r->open_end = 1;
	else if (!r->any || !ft_time_is_set(&r->last) || ft_time_end(to) > ft_time_end(&r->last))
		r->last = *to;
	r->any = 1;
}

static void print_range(const char *label, const span_range *r)
{
	char a[FT_TIME_BUFSIZE], b[FT_TIME_BUFSIZE];
	if (!r->any) {
		printf("%-9s none\n", label);
		return;
	}
	if (r->open_start || !ft_time_is_set(&r->first))
		g_strlcpy(a, "(open)", sizeof a);
	else
		ft_time_format(&r->first, a);
	if (r->open_end || !ft_time_is_set(&r->last))
		g_strlcpy(b, "(open)", sizeof b);
	else
		ft_time_format(&r->last, b);
	printf("%-9s %s to %s\n", label, a, b);
}

int cmd_stats(int argc, char **argv)
{
	char **files = NULL;
	GOptionEntry entries[] = {
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	int status = EXIT_INVALID;
	ft_dataset *ds = NULL;
	GHashTable *subjects = NULL, *regions = NULL, *measures = NULL;

	if (!cli_parse_options("stats", "Counts the entities and claims of a dataset.", entries, &argc,
	                       &argv)) {
		status = EXIT_USAGE;
		goto cleanup;
	}
	if (!files || !files[0] || files[1]) {
		status = cli_usage_error("stats", "exactly one FILE is needed");
		goto cleanup;
	}
	ds = cli_load_reporting(files[0]);
	if (!ds)
		goto cleanup;

	/* Keys are borrowed ids: they live as long as the dataset. */
	subjects = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	regions = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	measures = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	span_range reported = {0}, observed = {0};

	size_t n_claims = ft_dataset_claim_count(ds);
	for (size_t i = 0; i < n_claims; i++) {
		const ft_claim *c = ft_dataset_claim_at(ds, i);
		const ft_actor *subject = ft_claim_subject(c);
		const ft_region *region = ft_claim_region(c);
		tally_get(subjects, ft_actor_id(subject), ft_actor_name(subject))->count++;
		tally_get(regions, ft_region_id(region), ft_region_name(region))->count++;
		tally_get(measures, ft_claim_measure(c), NULL)->count++;
		ft_time rep = ft_claim_reported(c);
		range_add(&reported, &rep, &rep);
		ft_interval obs = ft_claim_observed(c);
		range_add(&observed, &obs.from, &obs.to);
	}

	ft_dataset_info info = FT_DATASET_INFO_INIT;
	ft_dataset_describe(ds, &info);
	cli_print_clean(stdout, files[0]);
	fputc('\n', stdout);
	if (info.title) {
		fputs("title     ", stdout);
		cli_print_clean(stdout, info.title);
		fputc('\n', stdout);
	}
	printf("actors    %zu\n", ft_dataset_actor_count(ds));
	printf("regions   %zu\n", ft_dataset_region_count(ds));
	printf("units     %zu\n", ft_dataset_unit_count(ds));
	printf("sources   %zu\n", ft_dataset_source_count(ds));
	printf("claims    %zu\n", n_claims);
	char hash[65];
	ft_error err;
	if (ft_dataset_content_hash(ds, hash, &err) != 0) {
		cli_print_error_line(&err, files[0]);
		goto cleanup;
	}
	printf("content sha256: %s\n", hash);
	if (n_claims) {
		print_tally("subject", subjects);
		print_tally("region", regions);
		print_tally("measure", measures);
		fputc('\n', stdout);
		print_range("reported", &reported);
		print_range("observed", &observed);
	}
	status = EXIT_SUCCESS;

cleanup:
	if (subjects)
		g_hash_table_destroy(subjects);
	if (regions)
		g_hash_table_destroy(regions);
	if (measures)
		g_hash_table_destroy(measures);
	ft_dataset_free(ds);
	g_strfreev(files);
	return status;
}
