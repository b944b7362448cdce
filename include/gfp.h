/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Get-free-page flags and the page allocator's interface, with Linux's names,
 * bit values and meanings (include/linux/gfp_types.h, gfp.h).
 *
 * Zone modifiers pick the highest zone an allocation may use; mobility bits
 * pick the migrate type; the rest say how hard to try.
 */
#ifndef LOAM_GFP_H
#define LOAM_GFP_H

#include <mm_types.h>
#include <mmzone.h>
#include <types.h>

typedef unsigned int gfp_t;

#define __GFP_DMA32 0x04u /* only ZONE_DMA32 (below 4 GiB) */
#define __GFP_HIGHMEM 0x02u /* with __GFP_MOVABLE: ZONE_MOVABLE allowed */
#define __GFP_MOVABLE 0x08u /* migrate type MOVABLE */
#define __GFP_RECLAIMABLE 0x10u /* migrate type RECLAIMABLE */
#define __GFP_HIGH 0x20u /* high priority: may use half the min reserve */
#define __GFP_IO 0x40u /* may start I/O to free memory */
#define __GFP_FS 0x80u /* may call into file systems */
#define __GFP_ZERO 0x100u /* return zeroed pages */
#define __GFP_ATOMIC 0x200u /* cannot sleep: may dip a quarter further */
#define __GFP_DIRECT_RECLAIM 0x400u /* may sleep and reclaim */
#define __GFP_KSWAPD_RECLAIM 0x800u /* may wake kswapd at the low watermark */
#define __GFP_NOWARN 0x2000u /* no warning on failure */
#define __GFP_RETRY_MAYFAIL 0x4000u /* a costly order retries reclaim and compaction, may fail */
#define __GFP_NORETRY 0x10000u /* fail rather than retry hard */
#define __GFP_HARDWALL 0x100000u /* user allocation: stay in the allowed nodes */
#define __GFP_THISNODE 0x200000u /* the preferred node only, no fallback */

#define __GFP_RECLAIM (__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define GFP_MOVABLE_MASK (__GFP_RECLAIMABLE | __GFP_MOVABLE)
#define GFP_MOVABLE_SHIFT 3

#define GFP_ATOMIC (__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_NOWAIT (__GFP_KSWAPD_RECLAIM)
#define GFP_USER (__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA32 __GFP_DMA32
#define GFP_HIGHUSER (GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | __GFP_MOVABLE)

/* The migrate type an allocation asks for: UNMOVABLE, MOVABLE or RECLAIMABLE. */
static inline int gfp_migratetype(gfp_t gfp)
{
	return (gfp & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT;
}

/* The highest zone an allocation may come from. */
static inline enum zone_type gfp_zone(gfp_t gfp)
{
	if (gfp & __GFP_DMA32)
		return ZONE_DMA32;
	if ((gfp & (__GFP_HIGHMEM | __GFP_MOVABLE)) == (__GFP_HIGHMEM | __GFP_MOVABLE))
		return ZONE_MOVABLE;
	return ZONE_NORMAL;
}

/*
 * Allocate 2^@order contiguous pages, preferably on node @nid (NUMA_NO_NODE:
 * the node of the calling CPU, which is node 0 in Loam), falling back to other
 * zones and nodes in zonelist order. The pages come with a reference count of
 * 1. NULL on failure, with a warning unless __GFP_NOWARN.
 */
struct page *__alloc_pages(gfp_t gfp, unsigned int order, int nid);

/* Inline, as in Linux: the call goes straight to __alloc_pages(). */
static inline struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	return __alloc_pages(gfp, order, nid);
}

static inline struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	return __alloc_pages(gfp, order, NUMA_NO_NODE);
}
#define alloc_page(gfp) alloc_pages(gfp, 0)

/* The same, returning the direct-map address (0 on failure). */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
#define __get_free_page(gfp) __get_free_pages(gfp, 0)
unsigned long get_zeroed_page(gfp_t gfp);

/* Drop a reference to 2^@order pages from alloc_pages(); the last one frees them. */
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages(page, 0)
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages(addr, 0)

/* Turn an order-N allocation into 2^N order-0 pages, each with its own reference. */
void split_page(struct page *page, unsigned int order);

/* Give every CPU's per-CPU pages back to the buddy lists (all zones, or one). */
void drain_all_pages(struct zone *zone);
/* The same for the calling CPU only. */
void drain_local_pages(struct zone *zone);

/*
 * Bypass the per-CPU lists of @zone (Linux's zone_pcp_disable(): high 0,
 * batch 1, lists drained) and go back to the usual sizes.
 */
void zone_pcp_disable(struct zone *zone);
void zone_pcp_enable(struct zone *zone);

/* Free pages in all zones (not counting per-CPU lists). */
unsigned long nr_free_pages(void);

/* Boot: the per-CPU lists' batch and high of every zone. */
void setup_per_cpu_pageset(void);

#endif
