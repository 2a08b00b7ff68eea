/*
 * The ordered pool of base/ordered-private.h. A worker takes the next
 * chunk while it is within the ring of the chunk being taken, makes it
 * with no lock held, and marks its slot made; the owner waits for the
 * chunk it takes next. The lock is POSIX's, not GMutex and GCond, as in
 * io/read-lines.c: on Linux those are built on futexes that
 * ThreadSanitizer cannot see, so it would report every slot handed over
 * as a race.
 *
 * Waking a thread costs a system call, and on a machine whose cores the
 * workers keep busy it also takes a core from a worker for a moment: so
 * nobody is woken who is not waiting, and a waiting owner is woken for a
 * batch of chunks (half the ring), not for each one. With the ring's other
 * half still free, the workers go on meanwhile. Woken for each chunk, the
 * owner of ft_estimate_groups at 10^5 claims slept and woke about 370 times
 * a call, and two workers did a third more work between them than one.
 */
#include "base/ordered-private.h"

#include <assert.h>
#include <glib.h>
#include <pthread.h>

struct ft__ordered {
	size_t n_chunks;
	size_t ring;
	size_t batch; /* the chunks made in order that wake a waiting owner */
	void **slots;
	ft__ordered_make make;
	void *payload;
	size_t next;  /* the next chunk a worker makes */
	size_t taken; /* the next chunk the owner takes */
	size_t ready; /* chunks made in order from `taken`, as last counted */
	size_t *made; /* by slot: 1 + the chunk made into it, 0: none */
	int holding;  /* the owner holds the slot of chunk taken - 1 */
	int stop;
	int owner_waits;
	unsigned workers_wait;
	pthread_mutex_t lock;
	pthread_cond_t made_cond;  /* the owner waits on it */
	pthread_cond_t space_cond; /* the workers wait on it */
	GThread **threads;
	unsigned n_threads;
};

/* Whether chunk `chunk` is made and waits in its slot; under the lock. */
static int is_made(const ft__ordered *o, size_t chunk)
{
	return o->made[chunk % o->ring] == chunk + 1;
}

/* Counts on the chunks made in order from `taken`; under the lock. The
 * count is kept: a chunk made stays made until the owner takes it. */
static size_t count_ready(ft__ordered *o)
{
	while (o->taken + o->ready < o->next && is_made(o, o->taken + o->ready))
		o->ready++;
	return o->ready;
}

/* Whether the owner, waiting, has enough to go on with: a batch made in
 * order, or all there is left. */
static int owner_may_go(ft__ordered *o)
{
	size_t left = o->n_chunks - o->taken;
	return count_ready(o) >= MIN(o->batch, left);
}

static gpointer worker(gpointer data)
{
	ft__ordered *o = data;
	pthread_mutex_lock(&o->lock);
	for (;;) {
		/* The slot of chunk `next` is free once the owner has given back
		 * the chunk `ring` before it. */
		while (!o->stop && o->next < o->n_chunks &&
		       o->next >= o->taken - (size_t)o->holding + o->ring) {
			o->workers_wait++;
			pthread_cond_wait(&o->space_cond, &o->lock);
			o->workers_wait--;
		}
		if (o->stop || o->next >= o->n_chunks)
			break;
		size_t chunk = o->next++;
		size_t i = chunk % o->ring;
		pthread_mutex_unlock(&o->lock);
		o->make(o->payload, chunk, o->slots[i]);
		pthread_mutex_lock(&o->lock);
		o->made[i] = chunk + 1;
		if (o->owner_waits && owner_may_go(o))
			pthread_cond_signal(&o->made_cond);
	}
	pthread_mutex_unlock(&o->lock);
	return NULL;
}

ft__ordered *ft__ordered_new(size_t n_chunks, unsigned threads, size_t ring, void **slots,
                             ft__ordered_make make, void *payload)
{
	ft__ordered *o = g_new0(ft__ordered, 1);
	o->n_chunks = n_chunks;
	o->ring = ring ? ring : 1;
	o->batch = MAX(o->ring / 2, (size_t)1);
	o->slots = slots;
	o->make = make;
	o->payload = payload;
	o->made = g_new0(size_t, o->ring);
	pthread_mutex_init(&o->lock, NULL);
	pthread_cond_init(&o->made_cond, NULL);
	pthread_cond_init(&o->space_cond, NULL);
	o->n_threads = (unsigned)MIN((size_t)(threads ? threads : 1), n_chunks);
	o->threads = g_new(GThread *, o->n_threads ? o->n_threads : 1);
	for (unsigned t = 0; t < o->n_threads; t++)
		o->threads[t] = g_thread_new("ft-ordered", worker, o);
	return o;
}

void *ft__ordered_take(ft__ordered *o)
{
	assert(!o->holding && o->taken < o->n_chunks);
	size_t chunk = o->taken, i = chunk % o->ring;
	pthread_mutex_lock(&o->lock);
	if (!is_made(o, chunk)) {
		/* Not one slot is held now: the workers can fill the whole
		 * ring (each slot given back woke one waiting for it), so a
		 * batch of at most half of it comes. */
		o->owner_waits = 1;
		while (!owner_may_go(o))
			pthread_cond_wait(&o->made_cond, &o->lock);
		o->owner_waits = 0;
	}
	o->taken++;
	if (o->ready)
		o->ready--;
	o->holding = 1;
	pthread_mutex_unlock(&o->lock);
	return o->slots[i];
}

void ft__ordered_give_back(ft__ordered *o)
{
	assert(o->holding);
	pthread_mutex_lock(&o->lock);
	o->made[(o->taken - 1) % o->ring] = 0;
	o->holding = 0;
	if (o->workers_wait)
		pthread_cond_signal(&o->space_cond);
	pthread_mutex_unlock(&o->lock);
}

void ft__ordered_free(ft__ordered *o)
{
	if (!o)
		return;
	pthread_mutex_lock(&o->lock);
	o->stop = 1;
	pthread_cond_broadcast(&o->space_cond);
	pthread_mutex_unlock(&o->lock);
	for (unsigned t = 0; t < o->n_threads; t++)
		g_thread_join(o->threads[t]);
	pthread_mutex_destroy(&o->lock);
	pthread_cond_destroy(&o->made_cond);
	pthread_cond_destroy(&o->space_cond);
	g_free(o->threads);
	g_free(o->made);
	g_free(o);
}
