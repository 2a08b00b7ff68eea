/*
 * The ordered pool of base/ordered-private.h. A worker takes the next
 * chunk while it is within the ring of the chunk being taken, makes it
 * with no lock held, and marks its slot made; the owner waits for the
 * chunk it takes next. The lock is POSIX's, not GMutex and GCond, as in
 * io/read-lines.c: on Linux those are built on futexes that
 * ThreadSanitizer cannot see, so it would report every slot handed over
 * as a race.
 */
#include "base/ordered-private.h"

#include <assert.h>
#include <glib.h>
#include <pthread.h>

struct ft__ordered {
	size_t n_chunks;
	size_t ring;
	void **slots;
	ft__ordered_make make;
	void *payload;
	size_t next;  /* the next chunk a worker makes */
	size_t taken; /* the next chunk the owner takes */
	size_t *made; /* by slot: 1 + the chunk made into it, 0: none */
	int holding;  /* the owner holds the slot of chunk taken - 1 */
	int stop;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	GThread **threads;
	unsigned n_threads;
};

static gpointer worker(gpointer data)
{
	ft__ordered *o = data;
	pthread_mutex_lock(&o->lock);
	for (;;) {
		/* The slot of chunk `next` is free once the owner has given back
		 * the chunk `ring` before it. */
		while (!o->stop && o->next < o->n_chunks &&
		       o->next >= o->taken - (size_t)o->holding + o->ring)
			pthread_cond_wait(&o->changed, &o->lock);
		if (o->stop || o->next >= o->n_chunks)
			break;
		size_t chunk = o->next++;
		size_t i = chunk % o->ring;
		pthread_mutex_unlock(&o->lock);
		o->make(o->payload, chunk, o->slots[i]);
		pthread_mutex_lock(&o->lock);
		o->made[i] = chunk + 1;
		pthread_cond_broadcast(&o->changed);
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
	o->slots = slots;
	o->make = make;
	o->payload = payload;
	o->made = g_new0(size_t, o->ring);
	pthread_mutex_init(&o->lock, NULL);
	pthread_cond_init(&o->changed, NULL);
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
	while (o->made[i] != chunk + 1)
		pthread_cond_wait(&o->changed, &o->lock);
	o->taken++;
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
	pthread_cond_broadcast(&o->changed);
	pthread_mutex_unlock(&o->lock);
}

void ft__ordered_free(ft__ordered *o)
{
	if (!o)
		return;
	pthread_mutex_lock(&o->lock);
	o->stop = 1;
	pthread_cond_broadcast(&o->changed);
	pthread_mutex_unlock(&o->lock);
	for (unsigned t = 0; t < o->n_threads; t++)
		g_thread_join(o->threads[t]);
	pthread_mutex_destroy(&o->lock);
	pthread_cond_destroy(&o->changed);
	g_free(o->threads);
	g_free(o->made);
	g_free(o);
}
