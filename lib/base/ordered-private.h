/*
 * An ordered pool: worker threads make the chunks 0, 1, ... n - 1 of some
 * work into a ring of slots, a few chunks ahead, while the thread that
 * owns the pool takes them back one by one in order. What the caller gets
 * is then the same, chunk for chunk, as making them itself in order, and
 * the memory held is the ring's whatever n is. Saving JSON Lines builds
 * the claims' lines this way (io/write-lines.c), the estimates of every
 * group are computed this way (estimate/groups.c), and so are a situation
 * report's figures ahead of its writer (report/prefetch.c).
 */
#ifndef FT_ORDERED_PRIVATE_H
#define FT_ORDERED_PRIVATE_H

#include <stddef.h>

/* Makes chunk `chunk` into `slot`, one of the caller's slots (see
 * ft__ordered_new); called on a worker thread, with no lock held. Two
 * calls may run at once, for different chunks and slots. */
typedef void (*ft__ordered_make)(void *payload, size_t chunk, void *slot);

typedef struct ft__ordered ft__ordered;

/* Starts `threads` workers (at least 1) on `n_chunks` chunks, with a ring
 * of `ring` slots (at least 1): slots[i] is the caller's state for the
 * i-th, which chunk k is made into when k % ring == i. */
ft__ordered *ft__ordered_new(size_t n_chunks, unsigned threads, size_t ring, void **slots,
                             ft__ordered_make make, void *payload);

/* Waits until the next chunk in order is made, and returns its slot. The
 * slot is the caller's until ft__ordered_give_back. Call it at most
 * n_chunks times. */
void *ft__ordered_take(ft__ordered *o);

/* Hands the slot taken last back, for a chunk further on. */
void ft__ordered_give_back(ft__ordered *o);

/* Stops the workers (a chunk being made is finished first; the rest are
 * not made) and frees the pool, not the slots. NULL is allowed. */
void ft__ordered_free(ft__ordered *o);

#endif
