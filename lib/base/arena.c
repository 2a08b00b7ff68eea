/*
 * A bump allocator for many small, short-lived allocations that are let go
 * together (base/arena-private.h): the readers keep what a description
 * borrows in one, a batch of lines at a time.
 */
#include "base/arena-private.h"

#include <string.h>

#define ARENA_BLOCK ((size_t)64 << 10)

#define ARENA_KEEP 64 /* blocks kept by a reset: 4 MiB, a batch's strings */

void ft__arena_init(ft__arena *a)
{
	a->blocks = g_ptr_array_new_with_free_func(g_free);
	a->big = g_ptr_array_new_with_free_func(g_free);
	a->cur = 0;
	a->used = 0;
}

void ft__arena_clear(ft__arena *a)
{
	if (a->blocks)
		g_ptr_array_free(a->blocks, TRUE);
	if (a->big)
		g_ptr_array_free(a->big, TRUE);
	memset(a, 0, sizeof *a);
}

void ft__arena_reset(ft__arena *a)
{
	if (a->blocks->len > ARENA_KEEP)
		g_ptr_array_set_size(a->blocks, ARENA_KEEP);
	if (a->big->len)
		g_ptr_array_set_size(a->big, 0);
	a->cur = 0;
	a->used = 0;
}

void *ft__arena_alloc(ft__arena *a, size_t size)
{
	size = (size + 15) & ~(size_t)15;
	/* Large items get their own block, so a block is never mostly wasted. */
	if (size > ARENA_BLOCK / 8) {
		void *p = g_malloc(size);
		g_ptr_array_add(a->big, p);
		return p;
	}
	if (a->cur < a->blocks->len && a->used + size > ARENA_BLOCK) {
		a->cur++;
		a->used = 0;
	}
	if (a->cur == a->blocks->len)
		g_ptr_array_add(a->blocks, g_malloc(ARENA_BLOCK));
	char *p = (char *)g_ptr_array_index(a->blocks, a->cur) + a->used;
	a->used += size;
	return p;
}

void *ft__arena_alloc0(ft__arena *a, size_t size)
{
	return memset(ft__arena_alloc(a, size), 0, size);
}

char *ft__arena_strndup(ft__arena *a, const char *s, size_t len)
{
	char *p = ft__arena_alloc(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void *ft__new_zeroes(size_t n, size_t size)
{
	void *p = g_malloc_n(n ? n : 1, size);
	memset(p, 0, (n ? n : 1) * size);
	return p;
}
