/*
 * The dataset's memory: entities and small arrays come from a bump
 * allocator of aligned blocks released with the dataset, through which an
 * entity finds its dataset (ARENA_BLOCK_SIZE in model/model-private.h);
 * strings are interned per dataset in a GStringChunk, or copied when they
 * are rarely shared.
 */
/* madvise's MADV_HUGEPAGE, which _POSIX_C_SOURCE alone does not declare. */
#define _DEFAULT_SOURCE
#include "model/model-private.h"

#include <stdlib.h>
#include <sys/mman.h>

/*
 * Past this many blocks a dataset's blocks come two at a time, in a region
 * of 2 MiB aligned to 2 MiB that the kernel is asked to back with one huge
 * page: a million claims' arena taken in 4 KiB pages cost 40,000 page
 * faults, an eighth of the snapshot load's main thread. A small dataset
 * keeps single blocks, of which it touches only the pages it uses (a huge
 * page is all resident or not at all).
 */
#define HUGE_AFTER  8
#define REGION_SIZE (2 * ARENA_BLOCK_SIZE)

static void *aligned_alloc_or_die(size_t align, size_t size)
{
	void *mem = NULL;
	if (posix_memalign(&mem, align, size) != 0)
		g_error("libforcetrack: out of memory allocating %zu bytes", size);
	return mem;
}

/* A block of ARENA_BLOCK_SIZE bytes: the second half of the last region,
 * or the first of a new one. */
static char *paired_block(ft_dataset *ds)
{
	char *mem = ds->spare_block;
	if (mem) {
		ds->spare_block = NULL;
		return mem;
	}
	mem = aligned_alloc_or_die(REGION_SIZE, REGION_SIZE);
#ifdef MADV_HUGEPAGE
	(void)madvise(mem, REGION_SIZE, MADV_HUGEPAGE);
#endif
	g_ptr_array_add(ds->blocks, mem);
	ds->spare_block = mem + ARENA_BLOCK_SIZE;
	return mem;
}

/* A new block of `size` bytes (a multiple of ARENA_BLOCK_SIZE), aligned
 * to ARENA_BLOCK_SIZE, its header filled in. */
static char *arena_block(ft_dataset *ds, size_t size)
{
	char *mem;
	if (size == ARENA_BLOCK_SIZE && ds->blocks->len >= HUGE_AFTER) {
		mem = paired_block(ds);
	} else {
		mem = aligned_alloc_or_die(ARENA_BLOCK_SIZE, size);
		g_ptr_array_add(ds->blocks, mem);
	}
	*(ft_dataset **)(void *)mem = ds;
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
