/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct page: one per physical page frame, kept in the vmemmap array (see
 * <mm.h>). Small on purpose: 1 GiB of RAM needs 262144 of them. Its middle
 * is a union, as in Linux: what the page is used for decides which fields
 * mean something.
 */
#ifndef LOAM_MM_TYPES_H
#define LOAM_MM_TYPES_H

#include <list.h>
#include <types.h>

struct kmem_cache;

struct page {
	/* PG_* bits from the bottom, the zone and node in the top bits (page-flags.h). */
	unsigned long flags;
	union {
		struct { /* the page allocator's, later the LRU's */
			/* While free: the free_area or per-CPU list the page heads. */
			struct list_head lru;
			/* While PageBuddy: the order of the free block this page heads. */
			unsigned long private;
		};
		struct { /* a slab's first page (PageSlab), see mm/slub.c */
			union {
				/* On its kmem_cache_node's partial (or, debugging, full) list. */
				struct list_head slab_list;
				struct { /* on a kmem_cache_cpu's partial list */
					struct page *next;
					int slabs; /* slabs from here to the end of that list */
				};
			};
			struct kmem_cache *slab_cache;
			void *freelist; /* first free object not on a CPU's freelist */
			union {
				unsigned long counters;
				struct {
					unsigned inuse : 16; /* objects out or on a CPU's freelist */
					unsigned objects : 15;
					unsigned frozen : 1; /* owned by a CPU: on no node list */
				};
			};
		};
		struct { /* the other pages of a compound page (PageHead's tail) */
			/* The head page's address + 1 (bit 0 says "tail"). */
			unsigned long compound_head;
			/* In the first tail page: the order of the compound page. */
			unsigned long compound_order;
		};
	};
	/* Users of the page: 1 after allocation, 0 while free. Atomic. */
	int _refcount;
};
#endif
