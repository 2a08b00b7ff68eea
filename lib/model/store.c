/*
 * The dataset's memory: entities and small arrays come from a bump
 * allocator of aligned blocks released with the dataset, through which an
 * entity finds its dataset (ARENA_BLOCK_SIZE in model/model-private.h);
 * strings are interned per dataset in a GStringChunk, or copied when they
 * are rarely shared.
 */
#include "model/model-private.h"

#include <stdlib.h>

/* A new block of `size` bytes (a multiple of ARENA_BLOCK_SIZE), aligned
 * to ARENA_BLOCK_SIZE, its header filled in. */
static char *arena_block(ft_dataset *ds, size_t size)
{
	void *mem = NULL;
	if (posix_memalign(&mem, ARENA_BLOCK_SIZE, size) != 0)
		g_error("libforcetrack: out of memory allocating %zu bytes", size);
	*(ft_dataset **)mem = ds;
	g_ptr_array_add(ds->blocks, mem);
	return mem;
}

void *ft__dataset_alloc(ft_dataset *ds, size_t size)
{
	size = ROUND8(size);
	if (size > ARENA_BLOCK_SIZE - ARENA_HEADER) {
		/* A block of its own: only its first ARENA_BLOCK_SIZE bytes find
		 * the header, so nothing else may start in the rest. */
		size_t block = ARENA_BLOCK_SIZE;
		while (block - ARENA_HEADER < size)
			block += ARENA_BLOCK_SIZE;
		char *p = arena_block(ds, block) + ARENA_HEADER;
		memset(p, 0, size);
		return p;
	}
	if (size > ds->block_left) {
		ds->block_next = arena_block(ds, ARENA_BLOCK_SIZE) + ARENA_HEADER;
		ds->block_left = ARENA_BLOCK_SIZE - ARENA_HEADER;
	}
	void *p = ds->block_next;
	ds->block_next += size;
	ds->block_left -= size;
	/* Zeroed here, not per block: a block's pages are touched as it fills. */
	memset(p, 0, size);
	return p;
}

const char *ft__dataset_intern(ft_dataset *ds, const char *s)
{
	return s ? g_string_chunk_insert_const(ds->strings, s) : NULL;
}

/* Text that is rarely shared (a quote, a note): copied without interning. */
const char *ft__dataset_copy_text(ft_dataset *ds, const char *s)
{
	return s ? g_string_chunk_insert(ds->strings, s) : NULL;
}

ft__strings ft__dataset_copy_strings(ft_dataset *ds, const char *const *src, size_t n)
{
	ft__strings out = {NULL, 0};
	if (!src || n == 0)
		return out;
	out.items = ft__dataset_alloc(ds, n * sizeof *out.items);
	for (size_t i = 0; i < n; i++)
		out.items[i] = ft__dataset_intern(ds, src[i]);
	out.n = n;
	return out;
}

ft__refs ft__dataset_copy_refs(ft_dataset *ds, const char *const *ids, size_t n)
{
	ft__refs out = {NULL, NULL, 0};
	if (!ids || n == 0)
		return out;
	out.ids = ft__dataset_alloc(ds, n * sizeof *out.ids);
	out.ptrs = ft__dataset_alloc(ds, n * sizeof *out.ptrs);
	for (size_t i = 0; i < n; i++)
		out.ids[i] = ft__dataset_intern(ds, ids[i]);
	out.n = n;
	return out;
}

static int compare_ext(const void *a, const void *b)
{
	return strcmp(((const ft_extension *)a)->key, ((const ft_extension *)b)->key);
}

/* Extension values are not interned: they are rarely shared and may be large. */
ft__exts ft__dataset_copy_exts(ft_dataset *ds, const ft_extension *src, size_t n)
{
	ft__exts out = {NULL, 0};
	if (!src || n == 0)
		return out;
	out.items = ft__dataset_alloc(ds, n * sizeof *out.items);
	for (size_t i = 0; i < n; i++) {
		out.items[i].key = ft__dataset_intern(ds, src[i].key);
		out.items[i].json = g_string_chunk_insert(ds->strings, src[i].json);
	}
	out.n = n;
	/* Sorted by key: the canonical order of extension members. */
	qsort(out.items, n, sizeof *out.items, compare_ext);
	return out;
}
