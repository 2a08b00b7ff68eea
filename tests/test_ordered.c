/*
 * Tests for the ordered pool (lib/base/ordered.c) that saving JSON Lines,
 * the estimates of every group and a situation report's figures run on:
 * chunks come back in order, each made once, never more than the ring's
 * worth ahead of the owner; an owner that stops early or that is slower
 * than its workers, workers slower than their owner, and rings of one and
 * two slots all finish. A pool that loses a wake-up hangs here, and CTest's
 * time limit names the suite.
 */
#include <glib.h>
#include <string.h>

#include "base/ordered-private.h"
#include "test-util.h"

typedef struct work {
	size_t ring;
	gint given_back;  /* chunks the owner has given back */
	gint out_of_ring; /* chunks made before their slot was free */
	gint *made_times; /* by chunk: how many times it was made */
	gulong make_us;   /* each chunk's making takes this long */
} work;

/* A slot: the chunk made into it, and a word of its own made from it. */
typedef struct slot {
	size_t chunk;
	guint64 word;
} slot;

static guint64 word_of(size_t chunk)
{
	return (guint64)chunk * 2654435761u + 17;
}

static void make(void *payload, size_t chunk, void *sl)
{
	work *w = payload;
	/* Chunk k's slot is free once the owner has given back chunk
	 * k - ring: k < given_back + ring. */
	if (chunk >= (size_t)g_atomic_int_get(&w->given_back) + w->ring)
		g_atomic_int_inc(&w->out_of_ring);
	if (w->make_us)
		g_usleep(w->make_us);
	slot *s = sl;
	s->chunk = chunk;
	s->word = word_of(chunk);
	g_atomic_int_inc(&w->made_times[chunk]);
}

/*
 * Runs a pool of `n` chunks on `threads` workers with a ring of `ring`,
 * the owner taking `take` of them (sleeping `owner_us` over each), and
 * checks what it got: chunk k, with its word, k-th; each chunk made at
 * most once, and every taken one exactly once; none made outside the ring.
 */
static void run_pool(size_t n, unsigned threads, size_t ring, size_t take, gulong make_us, gulong owner_us)
{
	work w = {ring, 0, 0, g_new0(gint, n ? n : 1), make_us};
	slot *slots = g_new0(slot, ring);
	void **slot_of = g_new(void *, ring);
	for (size_t i = 0; i < ring; i++)
		slot_of[i] = &slots[i];
	ft__ordered *o = ft__ordered_new(n, threads, ring, slot_of, make, &w);
	size_t in_order = 0;
	for (size_t k = 0; k < take; k++) {
		slot *s = ft__ordered_take(o);
		if (s->chunk == k && s->word == word_of(k))
			in_order++;
		if (owner_us)
			g_usleep(owner_us);
		g_atomic_int_inc(&w.given_back);
		ft__ordered_give_back(o);
	}
	ft__ordered_free(o);
	CU_ASSERT_EQUAL(in_order, take);
	CU_ASSERT_EQUAL(g_atomic_int_get(&w.out_of_ring), 0);
	size_t once = 0, more = 0;
	for (size_t k = 0; k < n; k++) {
		once += w.made_times[k] == 1;
		more += w.made_times[k] > 1;
	}
	CU_ASSERT_EQUAL(more, 0);
	/* Every chunk taken was made; with all taken, every chunk. */
	CU_ASSERT(once >= take);
	if (take == n)
		CU_ASSERT_EQUAL(once, n);
	g_free(w.made_times);
	g_free(slot_of);
	g_free(slots);
}

/* Many quick chunks: the owner is woken for batches of half the ring. */
static void test_in_order(void)
{
	run_pool(5000, 2, 16, 5000, 0, 0);
	run_pool(5000, 3, 8, 5000, 0, 0);
	/* Fewer chunks than a batch, and than the threads. */
	run_pool(3, 2, 16, 3, 0, 0);
	run_pool(1, 4, 16, 1, 0, 0);
	run_pool(0, 2, 16, 0, 0, 0);
}

/* Rings of one and two slots: a batch is a single chunk. */
static void test_small_rings(void)
{
	run_pool(500, 2, 1, 500, 0, 0);
	run_pool(500, 2, 2, 500, 0, 0);
	run_pool(500, 1, 1, 500, 0, 0);
	/* A ring larger than the chunks. */
	run_pool(5, 2, 64, 5, 0, 0);
}

/* A slow owner: the workers fill the ring and wait for room. */
static void test_slow_owner(void)
{
	run_pool(200, 2, 8, 200, 0, 200);
	run_pool(100, 3, 1, 100, 0, 200);
}

/* Slow workers: the owner waits, for a batch or for what is left (50 is
 * not a multiple of the batch of 4). */
static void test_slow_workers(void)
{
	run_pool(50, 2, 8, 50, 300, 0);
	run_pool(50, 1, 3, 50, 200, 0);
}

/* An owner that stops early: what was made ahead is dropped, the rest not
 * made, and freeing the pool returns. */
static void test_stop_early(void)
{
	run_pool(10000, 2, 16, 10, 0, 0);
	run_pool(10000, 2, 16, 0, 0, 0);
	run_pool(100, 2, 4, 7, 200, 0);
}

static const ft_test tests[] = {
    {"in order", test_in_order},
    {"small rings", test_small_rings},
    {"slow owner", test_slow_owner},
    {"slow workers", test_slow_workers},
    {"stop early", test_stop_early},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("ordered", tests);
}
