/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Between SLUB's core (mm/slub.c) and its debugging (mm/slub_debug.c), as
 * Linux's mm/slab.h. Not for the rest of the kernel: that uses <slab.h>.
 */
#ifndef LOAM_MM_SLAB_H
#define LOAM_MM_SLAB_H

#include <mm.h>
#include <slub_def.h>

/* Byte values of Linux's include/linux/poison.h, so that dumps read the same. */
#define POISON_INUSE 0x5a /* a slab's bytes no object covers */
#define POISON_FREE 0x6b /* a free object */
#define POISON_END 0xa5 /* the last byte of a free object */
#define SLUB_RED_INACTIVE 0xbb /* the red zone of a free object */
#define SLUB_RED_ACTIVE 0xcc /* the red zone of an allocated object */

/* Who last allocated or freed an object (SLAB_STORE_USER): two of these follow its free pointer. */
struct track {
	unsigned long addr; /* the caller of kmem_cache_alloc/kfree ... */
	int cpu;
};
#define SLUB_TRACK_SIZE sizeof(struct track)
enum track_item { TRACK_ALLOC, TRACK_FREE };

static inline void *get_freepointer(struct kmem_cache *s, void *object)
{
	return *(void **)((char *)object + s->offset);
}

static inline void set_freepointer(struct kmem_cache *s, void *object, void *fp)
{
	*(void **)((char *)object + s->offset) = fp;
}

static inline struct kmem_cache_node *get_node(struct kmem_cache *s, int node)
{
	return &s->node[node];
}

/* Is @object (maybe NULL) the start of an object of @page's slab? */
static inline bool check_valid_pointer(struct kmem_cache *s, struct page *page, void *object)
{
	char *base = page_address(page);
	unsigned long off = (char *)object - base;

	if (!object)
		return true;
	return (char *)object >= base && off < (unsigned long)page->objects * s->size &&
	       off % s->size == 0;
}

/* A slab's bit spinlock: its freelist and counters change only under it. */
static inline void slab_lock(struct page *page)
{
	while (__atomic_fetch_or(&page->flags, 1UL << PG_locked, __ATOMIC_ACQUIRE) &
	       (1UL << PG_locked))
		while (READ_ONCE(page->flags) & (1UL << PG_locked))
			;
}

static inline void slab_unlock(struct page *page)
{
	__atomic_fetch_and(&page->flags, ~(1UL << PG_locked), __ATOMIC_RELEASE);
}

/* mm/slab_common.c */
extern struct kmem_cache *kmem_cache; /* the cache struct kmem_caches come from */
extern struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];
extern const u8 kmalloc_size_index[24];

/* Which kmalloc_caches[] entry serves @size (1 .. KMALLOC_MAX_CACHE_SIZE). */
static __always_inline unsigned int kmalloc_index(size_t size)
{
	if (size <= 192)
		return kmalloc_size_index[(size - 1) / 8];
	return __fls(size - 1) + 1;
}

/* Above KMALLOC_MAX_CACHE_SIZE: whole pages, a compound page remembering its order. */
void *kmalloc_large_node(size_t size, gfp_t gfp, int node);
/* Set up @s in static memory and list it; panics on failure (boot only). */
void create_boot_cache(struct kmem_cache *s, const char *name, unsigned int size,
		       slab_flags_t flags);
void create_kmalloc_caches(void);

/* mm/slub.c, for mm/slab_common.c */
/* Lay out and initialise @s (zeroed); false if @size cannot be served. */
bool __kmem_cache_create(struct kmem_cache *s, const char *name, unsigned int size,
			 unsigned int align, slab_flags_t flags, void (*ctor)(void *));
/* Flush the CPU slabs and free the empty slabs; the pages given back. */
unsigned long __kmem_cache_shrink(struct kmem_cache *s);
/* 0 if the cache holds no objects any more; else -EBUSY, after listing them. */
int __kmem_cache_shutdown(struct kmem_cache *s);

/* mm/slub_debug.c */
/* The debug flags slub_debug= gives the cache called @name, added to @flags. */
slab_flags_t kmem_cache_flags(const char *name, slab_flags_t flags);
/* A new object of a debugging cache: poison, inactive red zone, empty tracks. */
void setup_object_debug(struct kmem_cache *s, void *object);
/* A new slab of a poisoning cache: the whole slab POISON_INUSE first. */
void setup_slab_debug(struct kmem_cache *s, struct page *page, void *addr);
/*
 * Checks before an object of a debugging cache is handed out or freed, then
 * its red zone and poison are set and the caller recorded. False: the object
 * is bad, reported, and must not be used (or freed: it stays quarantined).
 */
bool alloc_debug_processing(struct kmem_cache *s, struct page *page, void *object,
			    unsigned long addr);
bool free_debug_processing(struct kmem_cache *s, struct page *page, void *object,
			   unsigned long addr);
/* Linux's slab_err(): a "BUG <cache> (Not tainted): <text>" report about a slab. */
__printf(3, 4) void slab_err(struct kmem_cache *s, struct page *page, const char *fmt, ...);
/* An object freed to the wrong cache, or a pointer that is in no slab. */
void slab_report_wrong_cache(struct kmem_cache *s, struct page *page, const void *object);
void slab_report_invalid_free(const void *object, unsigned long addr);

#endif
