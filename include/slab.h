/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The slab allocator's interface, with Linux's names and meanings
 * (include/linux/slab.h): object caches and kmalloc. Loam's allocator is SLUB
 * (mm/slub.c); its data structures are in <slub_def.h>.
 */
#ifndef LOAM_SLAB_H
#define LOAM_SLAB_H

#include <gfp.h>
#include <types.h>

typedef unsigned int slab_flags_t;

/* Cache flags (Linux's values). The debugging ones can also come from slub_debug=. */
#define SLAB_CONSISTENCY_CHECKS 0x00000100U /* check objects and slabs on every alloc/free */
#define SLAB_RED_ZONE 0x00000400U /* guard bytes after each object */
#define SLAB_POISON 0x00000800U /* fill free objects with 0x6b, catch writes after free */
#define SLAB_HWCACHE_ALIGN 0x00002000U /* align objects to a cache line */
#define SLAB_STORE_USER 0x00010000U /* remember who allocated and freed each object */
#define SLAB_PANIC 0x00040000U /* creation failure is fatal */
#define SLAB_RECLAIM_ACCOUNT 0x00020000U /* objects are reclaimable: RECLAIMABLE pageblocks */

#define SLAB_DEBUG_FLAGS (SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

/* kmalloc() always returns memory aligned to this (and power-of-two sizes to their size). */
#define ARCH_KMALLOC_MINALIGN 8
/* Larger kmalloc() requests go straight to the page allocator. */
#define KMALLOC_SHIFT_HIGH 13
#define KMALLOC_MAX_CACHE_SIZE (1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_SHIFT_LOW 3
#define KMALLOC_MIN_SIZE (1UL << KMALLOC_SHIFT_LOW)

struct kmem_cache;
struct seq_buf;

/*
 * Create a cache of objects of @size bytes aligned to @align (0: the word
 * size; SLAB_HWCACHE_ALIGN: a cache line when the object is big enough).
 * @ctor, if any, runs once when an object is first created in a new slab, not
 * on every allocation: objects must be freed in their constructed state.
 * NULL on failure (or a panic with SLAB_PANIC).
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *));
/* Report objects still allocated (and keep the cache then), else free it. */
void kmem_cache_destroy(struct kmem_cache *s);
/* Give the cache's empty slabs back to the page allocator; 0 if it holds no objects. */
int kmem_cache_shrink(struct kmem_cache *s);

/*
 * An object of @s (zeroed with __GFP_ZERO), from the CPU's slab if it has a
 * free one, else from a partial slab or a new one (of @node's memory if
 * given, NUMA_NO_NODE for any); NULL if no memory. kmem_cache_free() gives
 * one back to the slab it came from; NULL is ignored, and a pointer that is
 * not an object of @s is reported, not freed.
 */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfp, int node);
void kmem_cache_free(struct kmem_cache *s, void *obj);

static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return kmem_cache_alloc(s, gfp | __GFP_ZERO);
}

/* Size of the objects @s hands out (what the caller may use). */
unsigned int kmem_cache_size(struct kmem_cache *s);

/*
 * kmalloc: @size bytes from the kmalloc-<size class> caches (8 .. 8192, with
 * 96 and 192), or whole pages from the buddy allocator above 8192. NULL
 * for size 0 is ZERO_SIZE_PTR, which kfree() accepts.
 */
void *kmalloc(size_t size, gfp_t gfp);
void *kmalloc_node(size_t size, gfp_t gfp, int node);
void *krealloc(const void *p, size_t new_size, gfp_t gfp);
/* Free what kmalloc() gave (NULL and ZERO_SIZE_PTR are no-ops). */
void kfree(const void *p);
/* Bytes really usable at @p (the size class, or the pages). */
size_t ksize(const void *p);

#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

/* An array of @n elements of @size bytes; NULL if n * size overflows. */
static inline void *kmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc(bytes, gfp);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	return kmalloc_array(n, size, gfp | __GFP_ZERO);
}

/* Set up the kmem_cache caches and kmalloc; after mm_core_init's page allocator. */
void kmem_cache_init(void);

/* Parse slub_debug= (Linux's syntax: "[FZPU][,cache,...]"); 0 or -EINVAL. */
int setup_slub_debug(const char *str);

/* Shrink every cache: the reclaim path's hook. Returns the pages given back. */
unsigned long kmem_cache_shrink_all(void);

/* Linux's /proc/slabinfo, version 2.1. */
void slabinfo_show(struct seq_buf *m);

#endif
