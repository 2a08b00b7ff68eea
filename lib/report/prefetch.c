/*
 * The figures of a situation report's entries as its writers ask for them,
 * in entry order. With the report's `threads` at 0 or 1 each is computed
 * when asked for. With more, a pool of that many threads computes the
 * entries ahead of the one being written, in a window of slots (four per
 * thread), so that writing and estimating overlap and the estimates use
 * every core; the writer takes each entry's figures from its slot in
 * order, so the report is the same byte for byte. Estimating only reads
 * the dataset, which any number of threads may do at once (estimate.h).
 *
 * A writer may skip entries (it asks for entry 7 after entry 3); the
 * figures of the skipped ones are computed and dropped. The state lives in
 * the writer's ft__out, one per write call, so two threads may write one
 * report at once.
 */
#include <pthread.h>
#include <string.h>

#include "report/report-private.h"

typedef struct slot {
	size_t entry;
	int done;
	int rc;
	ft_error err;
	ft_estimate est[FT_SITUATION_COLUMNS];
} slot;

/*
 * The lock is POSIX's, not GMutex and GCond, as in io/read-lines.c: on
 * Linux those are built on futexes that ThreadSanitizer cannot see, so it
 * would report every slot handed over as a race (and so would GLib's
 * thread pool, whose queue is locked the same way).
 */
struct ft__prefetch {
	const ft_situation *s;
	ft__groups *groups; /* the writer's, or NULL */
	int all_columns; /* all three columns, or column 0 alone */
	size_t window;   /* slots */
	size_t taken;    /* the next entry the writer takes */
	size_t claimed;  /* the next entry a thread computes */
	size_t next;     /* the next entry to hand out: taken <= claimed <= next <= taken + window */
	slot *slots;     /* entry e lives in slots[e % window] */
	int stop;
	pthread_mutex_t lock;
	pthread_cond_t work;  /* an entry was handed out, or stop was set */
	pthread_cond_t ready; /* an entry's figures are done */
	GThread **threads;
	unsigned n_threads;
};


/* Computes the figures of one entry into its slot. */
static void compute(ft__prefetch *pf, slot *sl)
{
	ft_error_clear(&sl->err);
	sl->rc = ft__situation_figures(pf->s, pf->groups, sl->entry, pf->all_columns, sl->est, &sl->err);
}

/* A pool thread: computes the entries handed out, in order, until stopped. */
static gpointer worker(gpointer data)
{
	ft__prefetch *pf = data;
	pthread_mutex_lock(&pf->lock);
	for (;;) {
		while (!pf->stop && pf->claimed == pf->next)
			pthread_cond_wait(&pf->work, &pf->lock);
		if (pf->stop)
			break;
		slot *sl = &pf->slots[pf->claimed % pf->window];
		sl->entry = pf->claimed++;
		pthread_mutex_unlock(&pf->lock);
		compute(pf, sl);
		pthread_mutex_lock(&pf->lock);
		sl->done = 1;
		pthread_cond_broadcast(&pf->ready);
	}
	pthread_mutex_unlock(&pf->lock);
	return NULL;
}

/* Hands out the next entry, if there is one. Called with the lock held. */
static void hand_out(ft__prefetch *pf)
{
	if (pf->next < ft_situation_entry_count(pf->s)) {
		pf->next++;
		pthread_cond_signal(&pf->work);
	}
}

/* Starts computing from entry `first`, `window` entries ahead. */
static ft__prefetch *prefetch_new(const ft_situation *s, ft__groups *groups, int all_columns, size_t first)
{
	ft__prefetch *pf = g_new0(ft__prefetch, 1);
	pf->s = s;
	pf->groups = groups;
	pf->all_columns = all_columns;
	pf->n_threads = ft__situation_threads(s);
	pf->window = 4 * (size_t)pf->n_threads;
	pf->taken = pf->claimed = pf->next = first;
	pf->slots = g_new0(slot, pf->window);
	pthread_mutex_init(&pf->lock, NULL);
	pthread_cond_init(&pf->work, NULL);
	pthread_cond_init(&pf->ready, NULL);
	pthread_mutex_lock(&pf->lock);
	for (size_t i = 0; i < pf->window; i++)
		hand_out(pf);
	pthread_mutex_unlock(&pf->lock);
	pf->threads = g_new(GThread *, pf->n_threads);
	for (unsigned t = 0; t < pf->n_threads; t++)
		pf->threads[t] = g_thread_new("ft-report", worker, pf);
	return pf;
}

void ft__prefetch_free(ft__prefetch *pf)
{
	if (!pf)
		return;
	pthread_mutex_lock(&pf->lock);
	pf->stop = 1;
	pthread_cond_broadcast(&pf->work);
	pthread_mutex_unlock(&pf->lock);
	for (unsigned t = 0; t < pf->n_threads; t++)
		g_thread_join(pf->threads[t]);
	/* What was computed and not taken is dropped. */
	for (size_t i = 0; i < pf->window; i++)
		if (pf->slots[i].done)
			ft__situation_figures_clear(pf->slots[i].est);
	pthread_mutex_destroy(&pf->lock);
	pthread_cond_destroy(&pf->work);
	pthread_cond_destroy(&pf->ready);
	g_free(pf->threads);
	g_free(pf->slots);
	g_free(pf);
}

/* Waits for the figures of the next entry to take and moves them into
 * `est`; its slot then takes the next entry to hand out. */
static int take(ft__prefetch *pf, ft_estimate est[FT_SITUATION_COLUMNS], ft_error *err)
{
	slot *sl = &pf->slots[pf->taken % pf->window];
	pthread_mutex_lock(&pf->lock);
	while (!sl->done)
		pthread_cond_wait(&pf->ready, &pf->lock);
	pthread_mutex_unlock(&pf->lock);
	int rc = sl->rc;
	memcpy(est, sl->est, sizeof sl->est);
	if (rc != 0 && err)
		*err = sl->err;
	pthread_mutex_lock(&pf->lock);
	sl->done = 0;
	pf->taken++;
	hand_out(pf);
	pthread_mutex_unlock(&pf->lock);
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
	while (pf->taken < i && pf->taken < pf->next) {
		ft_estimate skip[FT_SITUATION_COLUMNS];
		take(pf, skip, NULL);
		ft__situation_figures_clear(skip);
	}
	if (pf->taken != i || pf->taken >= pf->next)
	{
		ft_estimate none = FT_ESTIMATE_INIT; /* out of range: its FT_EINVAL */
		return ft_situation_estimate(s, i, 0, &none, err);
	}
	return take(pf, est, err);
}
