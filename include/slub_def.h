/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SLUB's data structures, as in Linux's include/linux/slub_def.h and
 * mm/slab.h. A cache (struct kmem_cache) hands out objects of one size from
 * slabs: blocks of 2^order pages from the buddy allocator whose bookkeeping
 * lives in the first page's struct page (slab_cache, freelist, inuse,
 * objects, frozen: see <mm_types.h>). Each CPU has a kmem_cache_cpu with the
 * slab it allocates from; each node a kmem_cache_node with partly used slabs.
 *
 * An object of a cache looks like this (Linux's layout, mm/slub.c):
 *
 *   0            object_size   inuse              size
 *   | the object |  red zone   | free ptr | track  | (padding to align)
 *
 * The red zone (SLAB_RED_ZONE) is there only when debugging, and only on the
 * right: Linux also guards the left of each object, Loam does not. The free pointer
 * sits after the object when the object's contents must survive while it is
 * free (a constructor, poisoning), else at @offset inside the object, near
 * its middle, so that a small overflow from the object before does not hit
 * it; the two tracks (SLAB_STORE_USER) record the last allocation and free.
 */
#ifndef LOAM_SLUB_DEF_H
#define LOAM_SLUB_DEF_H

#include <list.h>
#include <numa.h>
#include <slab.h>
#include <smp.h>
#include <spinlock.h>

/*
 * Per CPU, per cache. Only its CPU uses it, with interrupts off, but for
 * flush_slab() from another CPU (kmem_cache_shrink, destroy): the lock makes
 * that safe. It is the CPU's own and uncontended, like Linux's local_lock.
 */
struct kmem_cache_cpu {
	spinlock_t lock;
	void **freelist; /* next free object of @page, for this CPU only */
	struct page *page; /* the slab allocated from (frozen), or NULL */
	struct page *partial; /* more frozen slabs with free objects */
} __aligned(SMP_CACHE_BYTES);

/* Per node, per cache: slabs no CPU owns. */
struct kmem_cache_node {
	spinlock_t list_lock;
	unsigned long nr_partial;
	struct list_head partial; /* slabs with free objects, fullest first */
	struct list_head full; /* full slabs of debugging caches, for validation */
	unsigned long nr_slabs; /* all slabs of the node, frozen or not */
	unsigned long total_objects;
};

/* A slab's order and object count packed in one word, as Linux's kmem_cache_order_objects. */
struct kmem_cache_order_objects {
	unsigned int x;
};

struct kmem_cache {
	/* The fast path's fields first, where short offsets reach them. */
	slab_flags_t flags;
	unsigned long min_partial; /* slabs a node keeps even when empty */
	unsigned int size; /* an object with its metadata: the stride in a slab */
	unsigned int object_size; /* what the user asked for */
	unsigned int offset; /* of the free pointer in an object */
	unsigned int cpu_partial_slabs; /* CPU partial slabs kept before flushing to the node */
	struct kmem_cache_order_objects oo; /* preferred slab order and its objects */
	struct kmem_cache_order_objects min; /* smallest order holding one object */
	gfp_t allocflags; /* added to every slab allocation */
	void (*ctor)(void *);
	unsigned int inuse; /* offset of the metadata after the object and red zone */
	unsigned int align;
	const char *name;
	struct list_head list; /* on slab_caches */
	struct kmem_cache_cpu cpu_slab[NR_CPUS];
	struct kmem_cache_node node[MAX_NUMNODES];
};

/* All caches, for slabinfo and shrinking (mm/slub.c locks it). */
extern struct list_head slab_caches;

#define OO_SHIFT 16
#define OO_MASK ((1U << OO_SHIFT) - 1)

static inline unsigned int oo_order(struct kmem_cache_order_objects x)
{
	return x.x >> OO_SHIFT;
}

static inline unsigned int oo_objects(struct kmem_cache_order_objects x)
{
	return x.x & OO_MASK;
}

/* Slabs the cache has now, on every node. */
unsigned long kmem_cache_nr_slabs(struct kmem_cache *s);

/* What /proc/slabinfo shows of a cache. */
struct slabinfo {
	unsigned long active_objs, num_objs, active_slabs, num_slabs;
	unsigned int objects_per_slab, cache_order;
};
void get_slabinfo(struct kmem_cache *s, struct slabinfo *sinfo);

static inline bool kmem_cache_debug(const struct kmem_cache *s)
{
	return s->flags & SLAB_DEBUG_FLAGS;
}

#endif
