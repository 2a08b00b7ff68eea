/*
 * The arena: a bump allocator that any layer may use (the readers do).
 */
#ifndef FT_ARENA_PRIVATE_H
#define FT_ARENA_PRIVATE_H

#include <glib.h>
#include <stddef.h>

/*
 * A bump allocator for what a description borrows besides the JSON (its
 * arrays, extension texts) and, on worker threads, its strings: a line's
 * few small allocations cost one pointer increment each instead of a
 * malloc and a free, and the memory is let go in a few large blocks (by
 * ft__arena_reset, which keeps them for reuse). GLib has no allocator of
 * this kind since GSlice went. An arena is used by one thread at a time.
 */
typedef struct ft__arena {
	GPtrArray *blocks; /* ARENA_BLOCK bytes each, kept across resets */
	GPtrArray *big;    /* allocations larger than a block's share, freed on reset */
	guint cur;         /* the block being filled */
	size_t used;       /* bytes of it taken */
} ft__arena;

void ft__arena_init(ft__arena *a);
/* Frees every block. */
void ft__arena_clear(ft__arena *a);
/* Forgets every allocation; keeps a few blocks for the next ones. */
void ft__arena_reset(ft__arena *a);
/* `size` bytes aligned for any type; never NULL. */
void *ft__arena_alloc(ft__arena *a, size_t size);
/* The same, zeroed. */
void *ft__arena_alloc0(ft__arena *a, size_t size);
/* A NUL-terminated copy of s[0..len). */
char *ft__arena_strndup(ft__arena *a, const char *s, size_t len);

/*
 * `n` items of `size` bytes, zero, as g_new0 gives them but written
 * rather than fresh from the kernel: a fresh page that is read before it
 * is written (a hash table's probes, a walk's colours) is mapped as the
 * shared zero page and copied on its first write, and each copy flushes
 * the TLB of every core the process's threads run on, which the loaders'
 * second threads made a tenth of a snapshot load. Freed with g_free.
 */
void *ft__new_zeroes(size_t n, size_t size);

#endif
