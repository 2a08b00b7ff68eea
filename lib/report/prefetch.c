/*
 * The figures of a situation report's entries as its writers ask for them,
 * in entry order. With the report's `threads` at 0 or 1 each is computed
 * when asked for. With more, an ordered pool (base/ordered-private.h) of
 * that many threads computes the entries ahead of the one being written,
 * in a window of slots (four per thread), so that writing and estimating
 * overlap and the estimates use every core; the writer takes each entry's
 * figures from its slot in order, so the report is the same byte for byte.
 * A slot holds a run of ENTRIES entries: an entry read off its trees'
 * evaluations takes a few microseconds, and handing each over alone cost
 * more in the lock's wake-ups than the estimates (a report of 10^5 claims
 * took twice as long on two threads as on one).
 * Estimating only reads the dataset, which any number of threads may do at
 * once (estimate.h).
 *
 * A writer may skip entries (it asks for entry 7 after entry 3); the
 * figures of the skipped ones are computed and dropped. The state lives in
 * the writer's ft__out, one per write call, so two threads may write one
 * report at once.
 */
#include <string.h>

#include "base/ordered-private.h"
#include "report/report-private.h"

/* The entries of one chunk of the pool. */
#define ENTRIES 16

typedef struct slot {
	size_t n; /* entries in this chunk (the last may have fewer) */
	int rc[ENTRIES];
	ft_error err[ENTRIES];
	ft_estimate est[ENTRIES][FT_SITUATION_COLUMNS];
} slot;

struct ft__prefetch {
	const ft_situation *s;
	ft__groups *groups; /* the writer's, or NULL */
	int all_columns;    /* all three columns, or column 0 alone */
	size_t first;       /* the entry of the pool's chunk 0 */
	size_t taken;       /* the next entry the writer takes */
	size_t end;         /* the entries: first <= taken <= end */
	size_t window;      /* slots */
	slot *slots;
	void **slot_of; /* the slots as the pool hands them */
	ft__ordered *pool;
	slot *held;  /* the chunk being taken from (NULL: none) */
	size_t next; /* its next entry */
};

/* Computes the figures of the entries of chunk k into its slot. */
static void compute(void *payload, size_t k, void *data)
{
	const ft__prefetch *pf = payload;
	slot *sl = data;
	size_t from = pf->first + k * ENTRIES;
	sl->n = MIN((size_t)ENTRIES, pf->end - from);
	for (size_t j = 0; j < sl->n; j++) {
		ft_error_clear(&sl->err[j]);
		sl->rc[j] = ft__situation_figures(pf->s, pf->groups, from + j, pf->all_columns, sl->est[j],
		                                  &sl->err[j]);
	}
}

/* Starts computing from entry `first`, `window` entries ahead. */
static ft__prefetch *prefetch_new(const ft_situation *s, ft__groups *groups, int all_columns, size_t first)
{
	ft__prefetch *pf = g_new0(ft__prefetch, 1);
	pf->s = s;
	pf->groups = groups;
	pf->all_columns = all_columns;
	pf->first = pf->taken = first;
	pf->end = MAX(first, ft_situation_entry_count(s));
	unsigned threads = ft__situation_threads(s);
	pf->window = 4 * (size_t)threads;
	pf->slots = g_new0(slot, pf->window);
	pf->slot_of = g_new(void *, pf->window);
	for (size_t i = 0; i < pf->window; i++)
		pf->slot_of[i] = &pf->slots[i];
	size_t chunks = (pf->end - first + ENTRIES - 1) / ENTRIES;
	pf->pool = ft__ordered_new(chunks, threads, pf->window, pf->slot_of, compute, pf);
	return pf;
}

void ft__prefetch_free(ft__prefetch *pf)
{
	if (!pf)
		return;
	ft__ordered_free(pf->pool);
	/* What was computed and not taken is dropped; a taken entry was reset. */
	for (size_t i = 0; i < pf->window; i++)
		for (size_t j = 0; j < ENTRIES; j++)
			ft__situation_figures_clear(pf->slots[i].est[j]);
	g_free(pf->slot_of);
	g_free(pf->slots);
	g_free(pf);
}

/* Waits for the figures of the next entry to take and moves them into
 * `est`; its slot then takes an entry further on. */
static int take(ft__prefetch *pf, ft_estimate est[FT_SITUATION_COLUMNS], ft_error *err)
{
	if (!pf->held) {
		pf->held = ft__ordered_take(pf->pool);
		pf->next = 0;
	}
	slot *sl = pf->held;
	size_t j = pf->next++;
	int rc = sl->rc[j];
	memcpy(est, sl->est[j], sizeof sl->est[j]);
	for (size_t k = 0; k < FT_SITUATION_COLUMNS; k++)
		ft_estimate_init(&sl->est[j][k]);
	if (rc != 0 && err)
		*err = sl->err[j];
	pf->taken++;
	if (pf->next == sl->n) {
		pf->held = NULL;
		ft__ordered_give_back(pf->pool);
	}
	return rc;
}

void ft__out_groups(ft__out *o, const ft_situation *s, int all_columns)
{
	if (o->groups && ft__groups_situation(o->groups) == s)
		return;
	ft__groups_free(o->groups);
	o->groups = o->summary ? ft__groups_new(s, o->max_listed) : NULL;
	if (o->groups)
		ft__groups_build_ahead(o->groups, all_columns, ft__situation_threads(s));
}

int ft__out_figures(ft__out *o, const ft_situation *s, size_t i, int all_columns,
                    ft_estimate est[FT_SITUATION_COLUMNS], ft_error *err)
{
	/* A new report of a series, an entry already taken, or one past the
	 * end: start again from it. */
	ft__prefetch *pf = o->prefetch;
	if (pf && (pf->s != s || i < pf->taken || pf->all_columns != all_columns)) {
		ft__prefetch_free(pf);
		pf = o->prefetch = NULL;
	}
	/* The group evaluations are the report's: the prefetch that reads
	 * them was stopped first. */
	ft__out_groups(o, s, all_columns);
	if (ft__situation_threads(s) <= 1)
		return ft__situation_figures(s, o->groups, i, all_columns, est, err);
	if (!pf)
		pf = o->prefetch = prefetch_new(s, o->groups, all_columns, i);
	/* Entries skipped since the last one asked for are taken and dropped. */
	while (pf->taken < i && pf->taken < pf->end) {
		ft_estimate skip[FT_SITUATION_COLUMNS];
		take(pf, skip, NULL);
		ft__situation_figures_clear(skip);
	}
	if (pf->taken != i || pf->taken >= pf->end) {
		ft_estimate none = FT_ESTIMATE_INIT; /* out of range: its FT_EINVAL */
		return ft_situation_estimate(s, i, 0, &none, err);
	}
	return take(pf, est, err);
}
