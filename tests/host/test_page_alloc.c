// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for the page allocator (mm/page_alloc.c, mm/mm_init.c):
 * exact results on small layouts whose free blocks are known. Bad frees and
 * the reports are in test_page_alloc_reports.c, the long random runs (churn,
 * per-CPU lists on 4 threads) in test_page_alloc_stress.c, zonelists,
 * watermarks and the per-CPU lists in test_page_alloc_zones.c; the layouts and
 * the invariant checker shared by all are in page_alloc_helpers.c.
 *
 * Every test boots its own layout (pa_boot(): memblock, free_area_init,
 * zonelists, memblock_free_all, per-CPU lists, watermarks) and runs the
 * checker after boot and at the end. Expected values come from the buddy
 * system's and Linux's rules, worked out by hand in the comments:
 *
 *  - memblock_free_all() frees each free range [s, e) in the largest aligned
 *    blocks: order min(10, ffs(s)), shrunk until it fits; memblock allocates
 *    top-down, so each node's pg_data_t and pageblock bitmaps take its last
 *    3 pages (PA_NODE_DATA_PAGES), which are never free;
 *  - allocation takes the smallest order that fits, the first block on the
 *    list (lists are LIFO), and splits it from the bottom: the upper halves
 *    go back, so an order-0 allocation from an order-3 block at P leaves
 *    P+1 (order 0), P+2 (order 1), P+4 (order 2);
 *  - fallback and pageblock stealing follow Linux's __rmqueue_fallback,
 *    can_steal_fallback and steal_suitable_fallback (pageblock = order 10);
 *  - watermarks: min_free_kbytes = isqrt(lowmem KiB * 16) clamped to
 *    [128, 262144]; a zone's min is its share of it, low = min + d,
 *    high = min + 2d with d = max(min / 4, managed / 1000).
 *
 * Layouts with exact expectations use pcp_off (order 0 straight to the buddy
 * lists) and no_watermarks, so that nothing but the buddy rules decides.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <mm.h>

#include "host_memblock.h"
#include "host_printk.h"
#include "host_vmemmap.h"
#include "page_alloc_helpers.h"

#define MAX_PAGES 40000
static struct page *pages[MAX_PAGES];
static u64 seed = 0x10a3c0ffeeULL;

/*
 * Where free_area_init() puts a node's data below @top, the end of the node's
 * highest free range (SMP_CACHE_BYTES-aligned in every layout here), with
 * @nr_bitmaps zones each taking a one-word pageblock bitmap. memblock
 * allocates top-down: first pg_data_t, SMP_CACHE_BYTES-aligned, so at
 * ALIGN_DOWN(top - sizeof(pg_data_t), SMP_CACHE_BYTES), which leaves a gap of
 * ALIGN(sizeof(pg_data_t), SMP_CACHE_BYTES) - sizeof(pg_data_t) bytes above
 * it; then the bitmaps, sizeof(long)-aligned, each at the highest place that
 * fits: in that gap from @top down while they fit, the rest right below
 * pg_data_t. Appends these ranges (unmerged) to @r at @n, returns the new
 * count and puts pg_data_t's address in *@pgdat. The lowest byte taken must
 * be in the third page from @top (PA_NODE_DATA_PAGES), whatever the size.
 */
static int node_data_ranges(struct pa_range *r, int n, phys_addr_t top, int nr_bitmaps,
			    phys_addr_t *pgdat)
{
	phys_addr_t base = ALIGN_DOWN(top - sizeof(pg_data_t), SMP_CACHE_BYTES);
	phys_addr_t gap = top - (base + sizeof(pg_data_t));
	int in_gap = min((int)(gap / sizeof(long)), nr_bitmaps);
	int below = nr_bitmaps - in_gap;

	assert_int_equal(top % SMP_CACHE_BYTES, 0);
	assert_int_equal(gap, ALIGN(sizeof(pg_data_t), SMP_CACHE_BYTES) - sizeof(pg_data_t));
	r[n++] = (struct pa_range){ base, sizeof(pg_data_t), 0 };
	if (in_gap)
		r[n++] = (struct pa_range){ top - in_gap * sizeof(long), in_gap * sizeof(long), 0 };
	if (below)
		r[n++] = (struct pa_range){ base - below * sizeof(long), below * sizeof(long), 0 };
	assert_int_equal(PFN_DOWN(base - below * sizeof(long)), PFN_DOWN(top) - PA_NODE_DATA_PAGES);
	*pgdat = base;
	return n;
}

/*
 * memblock.reserved right after free_area_init() (pa_boot_rsv) is exactly
 * @r[0..n): sorted by base, ranges that touch merged into one region.
 */
static void assert_boot_reserved(struct pa_range *r, int n)
{
	struct pa_range t;
	int i, j, m = 0;

	for (i = 1; i < n; i++) /* insertion sort */
		for (j = i; j > 0 && r[j - 1].base > r[j].base; j--) {
			t = r[j];
			r[j] = r[j - 1];
			r[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		if (m && r[m - 1].base + r[m - 1].size == r[i].base)
			r[m - 1].size += r[i].size;
		else
			r[m++] = r[i];
	}
	assert_int_equal(pa_boot_nr_rsv, m);
	for (i = 0; i < m; i++) {
		assert_int_equal(pa_boot_rsv[i].base, r[i].base);
		assert_int_equal(pa_boot_rsv[i].size, r[i].size);
	}
}

/* Pageblock 1 of pa_boot_two_blocks() (see page_alloc_helpers.h). */
#define TWO_BLOCKS_PB1(mt)                                                                  \
	B(0x80400, 9, mt), B(0x80600, 8, mt), B(0x80700, 7, mt), B(0x80780, 6, mt),         \
		B(0x807c0, 5, mt), B(0x807e0, 4, mt), B(0x807f0, 3, mt), B(0x807f8, 2, mt), \
		B(0x807fc, 0, mt)
/* Its orders, largest first, and where each block starts. */
static const unsigned int pb1_order[] = { 9, 8, 7, 6, 5, 4, 3, 2, 0 };
static const unsigned long pb1_pfn[] = { 0x80400, 0x80600, 0x80700, 0x80780, 0x807c0,
					 0x807e0, 0x807f0, 0x807f8, 0x807fc };

/* ================================================================ boot */

/*
 * pa_boot_awkward(): the free blocks are exactly the greedy decomposition of
 * the free ranges, all MOVABLE; managed_pages counts what was freed;
 * reserved pages keep PG_reserved and their one reference.
 */
static void test_boot_awkward_range(void **state)
{
	static const unsigned long reserved[] = { 0x80000, 0x80001, 0x80002, 0x80003, 0x80a02,
						  0x80a03, 0x80a04, 0x80ffd, 0x80ffe, 0x80fff };
	struct pa_range rsv[8] = { { RAM, 0x3234, 0 }, { 0x80a02ff0, 0x2010, 0 } };
	phys_addr_t pgdat;
	struct zone *z;
	unsigned long i;
	int n;

	pa_boot_awkward();
	z = dma32();
	/*
	 * The layout's two reservations, then pg_data_t at the top and the
	 * bitmap (4 pageblocks, 16 bits: one word) above or below it.
	 */
	n = node_data_ranges(rsv, 2, RAM + SZ_16M, 1, &pgdat);
	assert_boot_reserved(rsv, n);
	assert_ptr_equal(NODE_DATA(0), __va(pgdat));
	assert_int_equal(host_vmemmap_nr_calls, 1);
	assert_int_equal(host_vmemmap_calls[0].start, (unsigned long)page_of(0x80000));
	assert_int_equal(host_vmemmap_calls[0].end, (unsigned long)page_of(0x81000));

	PA_ASSERT_BLOCKS(z, B(0x80004, 2, M), B(0x80008, 3, M), B(0x80010, 4, M), B(0x80020, 5, M),
			 B(0x80040, 6, M), B(0x80080, 7, M), B(0x80100, 8, M), B(0x80200, 9, M),
			 B(0x80400, 10, M), B(0x80800, 9, M), B(0x80a00, 1, M), B(0x80a05, 0, M),
			 B(0x80a06, 1, M), B(0x80a08, 3, M), B(0x80a10, 4, M), B(0x80a20, 5, M),
			 B(0x80a40, 6, M), B(0x80a80, 7, M), B(0x80b00, 8, M), B(0x80c00, 9, M),
			 B(0x80e00, 8, M), B(0x80f00, 7, M), B(0x80f80, 6, M), B(0x80fc0, 5, M),
			 B(0x80fe0, 4, M), B(0x80ff0, 3, M), B(0x80ff8, 2, M), B(0x80ffc, 0, M));
	/* 0x80a02 - 0x80004 + 0x80ffd - 0x80a05 */
	assert_int_equal(pa_boot_freed, 4086);
	assert_int_equal(zone_managed_pages(z), 4086);
	assert_int_equal(free_of(z), 4086);
	assert_int_equal(z->present_pages, 4096);
	assert_int_equal(z->spanned_pages, 4096);
	assert_int_equal(totalram_pages(), 4086);
	for (i = 0; i < ARRAY_SIZE(reserved); i++) {
		pa_assert_reserved_page(reserved[i]);
		assert_int_equal(page_to_nid(page_of(reserved[i])), 0);
		assert_int_equal(page_zonenum(page_of(reserved[i])), ZONE_DMA32);
	}
	for (i = 0x80000; i < 0x81000; i += pageblock_nr_pages)
		assert_int_equal(pa_pageblock_mt(i), M);
	assert_false(populated_zone(ZONE(0, ZONE_NORMAL)));
	assert_false(populated_zone(ZONE(0, ZONE_MOVABLE)));
}

/* ====================================================== split and merge */

/* The only free pages are one order-3 block at 0x80008: split it and merge it back. */
static void test_split_and_merge(void **state)
{
	struct pa_range rsv[8] = { { RAM, 8 * PAGE_SIZE, 0 },
				   { RAM + 16 * PAGE_SIZE, SZ_4M - 16 * PAGE_SIZE - PA_TOP_FREE,
				     0 } };
	struct page *p, *q, *r, *s;
	phys_addr_t pgdat;
	struct zone *z;
	int n;

	pa_boot_tiny(8, 16);
	z = dma32();
	/* pa_boot_tiny()'s two reservations, and the node's data in its last 3 pages. */
	n = node_data_ranges(rsv, 2, RAM + SZ_4M, 1, &pgdat);
	assert_boot_reserved(rsv, n);
	assert_ptr_equal(NODE_DATA(0), __va(pgdat));
	PA_ASSERT_BLOCKS(z, B(0x80008, 3, M));
	assert_int_equal(free_of(z), 8);
	assert_int_equal(zone_managed_pages(z), 8);

	p = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, 0);
	assert_int_equal(pfn_of(p), 0x80008);
	PA_ASSERT_BLOCKS(z, B(0x80009, 0, M), B(0x8000a, 1, M), B(0x8000c, 2, M));
	assert_int_equal(z->free_area[0].nr_free, 1);
	assert_int_equal(z->free_area[1].nr_free, 1);
	assert_int_equal(z->free_area[2].nr_free, 1);
	assert_int_equal(z->free_area[3].nr_free, 0);
	assert_int_equal(free_of(z), 7);
	pa_check();

	q = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, 1); /* the order-1 block as it is */
	assert_int_equal(pfn_of(q), 0x8000a);
	PA_ASSERT_BLOCKS(z, B(0x80009, 0, M), B(0x8000c, 2, M));
	r = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, 0);
	assert_int_equal(pfn_of(r), 0x80009);
	s = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, 2);
	assert_int_equal(pfn_of(s), 0x8000c);
	PA_ASSERT_NO_BLOCKS(z);
	assert_int_equal(free_of(z), 0);
	assert_null(pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, 0));
	pa_check();

	pa_free(r, 0); /* its buddy 0x80008 is in use */
	PA_ASSERT_BLOCKS(z, B(0x80009, 0, M));
	pa_free(p, 0); /* 8 + 9 -> order 1; buddy 0x8000a in use */
	PA_ASSERT_BLOCKS(z, B(0x80008, 1, M));
	pa_free(s, 2); /* buddy 0x80008 is order 1, not 2: no merge */
	PA_ASSERT_BLOCKS(z, B(0x80008, 1, M), B(0x8000c, 2, M));
	pa_check();
	pa_free(q, 1); /* 8+a -> order 2, + c -> order 3; 0x80000 is reserved */
	PA_ASSERT_BLOCKS(z, B(0x80008, 3, M));
	assert_int_equal(free_of(z), 8);
	pa_check();
}

/* Eight order-0 allocations split in ascending order; the last block freed is the first reused. */
static void test_alloc_order_and_lifo(void **state)
{
	struct zone *z;
	unsigned long i;

	pa_boot_tiny(8, 16);
	z = dma32();
	for (i = 0; i < 8; i++) {
		pages[i] = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, 0);
		assert_int_equal(pfn_of(pages[i]), 0x80008 + i);
	}
	pa_free(pages[3], 0); /* 0x8000b: buddy 0x8000a in use */
	pa_free(pages[5], 0); /* 0x8000d: buddy 0x8000c in use */
	PA_ASSERT_BLOCKS(z, B(0x8000b, 0, M), B(0x8000d, 0, M));
	pages[5] = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, 0);
	assert_int_equal(pfn_of(pages[5]), 0x8000d);
	pages[3] = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, 0);
	assert_int_equal(pfn_of(pages[3]), 0x8000b);
	pa_check();
	pa_free_shuffled(&seed, pages, 8, 0, 1);
	PA_ASSERT_BLOCKS(z, B(0x80008, 3, M));
}

/* ========================================== fallback and pageblock stealing */

/*
 * UNMOVABLE from a MOVABLE-only zone whose largest block is order 3: can
 * steal (unmovable always may), and the whole pageblock is claimed because
 * free (8) + in-use non-LRU pages (1016, the reserved ones) >= 512.
 */
static void test_steal_claims_block(void **state)
{
	struct zone *z;
	struct page *p;

	pa_boot_tiny(8, 16);
	z = dma32();
	p = pa_alloc(0, GFP_KERNEL | NOWARN, 0);
	assert_int_equal(pfn_of(p), 0x80008);
	assert_int_equal(pa_pageblock_mt(0x80000), U);
	PA_ASSERT_BLOCKS(z, B(0x80009, 0, U), B(0x8000a, 1, U), B(0x8000c, 2, U));
	pa_free(p, 0);
	PA_ASSERT_BLOCKS(z, B(0x80008, 3, U));
	assert_int_equal(pa_pageblock_mt(0x80000), U);
	pa_check();
}

/*
 * An order-10 MOVABLE block is taken over whole by UNMOVABLE; RECLAIMABLE
 * then prefers UNMOVABLE blocks to MOVABLE ones (both have order 9 free) and
 * claims pageblock 0: 1022 free pages >= 512, nothing counted alike.
 */
static void test_steal_max_order_block(void **state)
{
	struct zone *z;
	struct page *u0, *u1, *r;

	pa_boot_two_blocks();
	z = dma32();
	PA_ASSERT_BLOCKS(z, B(0x80000, 10, M), TWO_BLOCKS_PB1(M));

	u0 = pa_alloc(0, GFP_KERNEL | NOWARN, 0);
	assert_int_equal(pfn_of(u0), 0x80000);
	assert_int_equal(pa_pageblock_mt(0x80000), U);
	assert_int_equal(pa_pageblock_mt(0x80400), M);
	PA_ASSERT_BLOCKS(z, B(0x80001, 0, U), B(0x80002, 1, U), B(0x80004, 2, U), B(0x80008, 3, U),
			 B(0x80010, 4, U), B(0x80020, 5, U), B(0x80040, 6, U), B(0x80080, 7, U),
			 B(0x80100, 8, U), B(0x80200, 9, U), TWO_BLOCKS_PB1(M));
	u1 = pa_alloc(0, GFP_KERNEL | NOWARN, 0);
	assert_int_equal(pfn_of(u1), 0x80001);

	r = pa_alloc(0, GFP_KERNEL | __GFP_RECLAIMABLE | NOWARN, 0);
	assert_int_equal(pfn_of(r), 0x80002);
	assert_int_equal(pa_pageblock_mt(0x80000), R);
	assert_int_equal(pa_pageblock_mt(0x80400), M);
	PA_ASSERT_BLOCKS(z, B(0x80003, 0, R), B(0x80004, 2, R), B(0x80008, 3, R), B(0x80010, 4, R),
			 B(0x80020, 5, R), B(0x80040, 6, R), B(0x80080, 7, R), B(0x80100, 8, R),
			 B(0x80200, 9, R), TWO_BLOCKS_PB1(M));
	pa_check();

	/* Freed pages go to their pageblock's type. */
	pa_free(u1, 0);
	pa_free(r, 0);
	pa_free(u0, 0);
	PA_ASSERT_BLOCKS(z, B(0x80000, 10, R), TWO_BLOCKS_PB1(M));
	pa_check();
}

/*
 * MOVABLE falling back into an UNMOVABLE pageblock: with only blocks below
 * order 5 it may not steal, so it takes the smallest one alone and the block
 * stays UNMOVABLE; with an order-5 block it moves every free block of the
 * pageblock but claims it only once half of it (512 pages) is free.
 */
static void test_movable_fallback(void **state)
{
	struct zone *z;
	struct page *u0, *u[10], *mv[10], *m0, *m1, *m5, *m6;
	int o;

	pa_boot_two_blocks();
	z = dma32();
	u0 = pa_alloc(0, GFP_KERNEL | NOWARN, 0); /* pageblock 0 becomes UNMOVABLE */
	assert_int_equal(pfn_of(u0), 0x80000);
	for (o = 0; o < (int)ARRAY_SIZE(pb1_order); o++) { /* all of pageblock 1, as it is */
		mv[o] = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, pb1_order[o]);
		assert_int_equal(pfn_of(mv[o]), pb1_pfn[o]);
	}
	for (o = 9; o >= 5; o--) {
		u[o] = pa_alloc(0, GFP_KERNEL | NOWARN, o);
		assert_int_equal(pfn_of(u[o]), 0x80000 + (1UL << o));
	}
	PA_ASSERT_BLOCKS(z, B(0x80001, 0, U), B(0x80002, 1, U), B(0x80004, 2, U), B(0x80008, 3, U),
			 B(0x80010, 4, U));

	m0 = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, 0); /* largest is order 4: no steal */
	assert_int_equal(pfn_of(m0), 0x80001);
	assert_int_equal(pa_pageblock_mt(0x80000), U);
	PA_ASSERT_BLOCKS(z, B(0x80002, 1, U), B(0x80004, 2, U), B(0x80008, 3, U), B(0x80010, 4, U));
	m1 = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, 1);
	assert_int_equal(pfn_of(m1), 0x80002);
	assert_int_equal(pa_pageblock_mt(0x80000), U);
	pa_check();

	/* An order-5 block back: steal the pageblock's free blocks (60 pages), no claim. */
	pa_free(u[5], 5);
	PA_ASSERT_BLOCKS(z, B(0x80004, 2, U), B(0x80008, 3, U), B(0x80010, 4, U), B(0x80020, 5, U));
	m5 = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, 0);
	assert_int_equal(pfn_of(m5), 0x80004);
	assert_int_equal(pa_pageblock_mt(0x80000), U);
	PA_ASSERT_BLOCKS(z, B(0x80005, 0, M), B(0x80006, 1, M), B(0x80008, 3, M), B(0x80010, 4, M),
			 B(0x80020, 5, M));

	/* The order-9 block back: 571 free pages, more than half: claimed. */
	pa_free(u[9], 9);
	PA_ASSERT_BLOCKS(z, B(0x80005, 0, M), B(0x80006, 1, M), B(0x80008, 3, M), B(0x80010, 4, M),
			 B(0x80020, 5, M), B(0x80200, 9, U));
	m6 = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, 6);
	assert_int_equal(pfn_of(m6), 0x80200);
	assert_int_equal(pa_pageblock_mt(0x80000), M);
	PA_ASSERT_BLOCKS(z, B(0x80005, 0, M), B(0x80006, 1, M), B(0x80008, 3, M), B(0x80010, 4, M),
			 B(0x80020, 5, M), B(0x80240, 6, M), B(0x80280, 7, M), B(0x80300, 8, M));
	pa_check();

	pa_free(m6, 6);
	pa_free(m5, 0);
	pa_free(m1, 1);
	pa_free(m0, 0);
	for (o = 6; o <= 8; o++)
		pa_free(u[o], o);
	pa_free(u0, 0);
	for (o = 0; o < (int)ARRAY_SIZE(pb1_order); o++)
		pa_free(mv[o], pb1_order[o]);
	PA_ASSERT_BLOCKS(z, B(0x80000, 10, M), TWO_BLOCKS_PB1(M));
	pa_check();
}

/*
 * UNMOVABLE falling back into MOVABLE pageblock 1 where @lru pages are in use
 * on an LRU: it counts free + (1024 - free - lru) and claims the block at
 * >= 512. The order-9 block is in use (lru 512) plus, for 513, 0x807fc:
 * 509 free + 3 alike (the node's data) = 512 claims; 508 + 3 = 511 does not.
 * Either way the free blocks move to the UNMOVABLE lists.
 */
static void half_block_rule(unsigned int lru)
{
	struct zone *z;
	struct page *a, *b, *c = NULL, *u;
	unsigned long i;

	pa_boot_two_blocks();
	z = dma32();
	a = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, 10); /* pageblock 0, whole */
	assert_int_equal(pfn_of(a), 0x80000);
	b = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, 9);
	assert_int_equal(pfn_of(b), 0x80400);
	for (i = 0; i < 512; i++)
		SetPageLRU(b + i);
	if (lru == 513) {
		c = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, 0);
		assert_int_equal(pfn_of(c), 0x807fc);
		SetPageLRU(c);
	}

	u = pa_alloc(0, GFP_KERNEL | NOWARN, 0);
	if (lru == 512) {
		assert_int_equal(pfn_of(u), 0x807fc);
		assert_int_equal(pa_pageblock_mt(0x80400), U);
		PA_ASSERT_BLOCKS(z, B(0x80600, 8, U), B(0x80700, 7, U), B(0x80780, 6, U),
				 B(0x807c0, 5, U), B(0x807e0, 4, U), B(0x807f0, 3, U),
				 B(0x807f8, 2, U));
	} else {
		assert_int_equal(pfn_of(u), 0x807f8);
		assert_int_equal(pa_pageblock_mt(0x80400), M);
		PA_ASSERT_BLOCKS(z, B(0x80600, 8, U), B(0x80700, 7, U), B(0x80780, 6, U),
				 B(0x807c0, 5, U), B(0x807e0, 4, U), B(0x807f0, 3, U),
				 B(0x807f9, 0, U), B(0x807fa, 1, U));
	}
	pa_check();

	for (i = 0; i < 512; i++)
		ClearPageLRU(b + i);
	pa_free(u, 0);
	if (c) {
		ClearPageLRU(c);
		pa_free(c, 0);
	}
	pa_free(b, 9);
	pa_free(a, 10);
	PA_ASSERT_BLOCKS(z, B(0x80000, 10, M), TWO_BLOCKS_PB1(PA_ANY_MT));
	pa_check();
}

static void test_half_block_rule_claims(void **state)
{
	half_block_rule(512);
}

static void test_half_block_rule_no_claim(void **state)
{
	half_block_rule(513);
}

/* ============================================ holes and zone boundaries */

/*
 * Node 0: [4G-4M, +1M), a hole, [4G-2M, 4G+2M) across the DMA32/Normal
 * boundary, and 3 pages at 4G+4M (they take the node's data, so the blocks
 * are whole): DMA32 has order 8 at 0xffc00 and order 9 at 0xffe00, Normal
 * order 9 at 0x100000. Hole pages share MAX_ORDER blocks with memory and
 * stay reserved. Everything allocated and freed at random comes back the same.
 */
static void test_hole_and_4g_boundary(void **state)
{
	static struct pa_block boot[16];
	struct pa_range rsv[4];
	phys_addr_t pgdat;
	struct zone *d, *n;
	unsigned long nr = 0, pfn;
	int nb, nr_rsv;

	pa_boot(&(struct pa_layout){ .mem = pa_hole_mem, .no_watermarks = true, .pcp_off = true });
	d = dma32();
	n = ZONE(0, ZONE_NORMAL);
	/* Nothing but pg_data_t and both bitmaps (DMA32, Normal) below 4G+4M+3 pages. */
	nr_rsv = node_data_ranges(rsv, 0, 0x100403000, 2, &pgdat);
	assert_boot_reserved(rsv, nr_rsv);
	assert_ptr_equal(NODE_DATA(0), __va(pgdat));
	assert_int_equal(host_vmemmap_nr_calls, 1);
	assert_int_equal(host_vmemmap_calls[0].start, (unsigned long)page_of(0xffc00));
	assert_int_equal(host_vmemmap_calls[0].end, (unsigned long)page_of(0x100800));
	assert_int_equal(d->zone_start_pfn, 0xffc00);
	assert_int_equal(d->spanned_pages, 1024);
	assert_int_equal(d->present_pages, 768);
	assert_int_equal(n->zone_start_pfn, PFN_4G);
	assert_int_equal(n->spanned_pages, 1027);
	assert_int_equal(n->present_pages, 515);
	assert_int_equal(zone_managed_pages(d), 768);
	assert_int_equal(zone_managed_pages(n), 512);
	PA_ASSERT_BLOCKS(d, B(0xffc00, 8, M), B(0xffe00, 9, M));
	PA_ASSERT_BLOCKS(n, B(0x100000, 9, M));
	for (pfn = 0xffd00; pfn < 0xffe00; pfn++)
		pa_assert_reserved_page(pfn);
	for (pfn = 0x100200; pfn < 0x100403; pfn++)
		pa_assert_reserved_page(pfn);
	assert_int_equal(page_zonenum(page_of(0xffd00)), ZONE_DMA32);
	assert_int_equal(page_zonenum(page_of(0x100200)), ZONE_NORMAL);
	nb = pa_free_blocks(boot, ARRAY_SIZE(boot));

	/* GFP_KERNEL: Normal first, then DMA32. */
	assert_int_equal(pa_alloc_until_null(pages, MAX_PAGES, NUMA_NO_NODE, GFP_KERNEL, 0, &nr),
			 1280);
	assert_int_equal(page_zonenum(pages[0]), ZONE_NORMAL);
	assert_int_equal(page_zonenum(pages[511]), ZONE_NORMAL);
	assert_int_equal(page_zonenum(pages[512]), ZONE_DMA32);
	pa_check();
	pa_free_shuffled(&seed, pages, nr, 0, 1);
	pa_assert_same_blocks(boot, nb);
	for (pfn = 0xffd00; pfn < 0xffe00; pfn++)
		pa_assert_reserved_page(pfn);
}

/*
 * Node 0 ends at RAM + 2M and node 1 starts there, so the order-9 blocks
 * 0x80000 (node 0) and 0x80200 (node 1) are buddies: they must never merge.
 * Node 0 also has [RAM-4M, RAM); [RAM, RAM+2M) is reserved while
 * free_area_init() places node 0's data (which so lands below RAM), then
 * released.
 */
static void test_node_boundary_unaligned(void **state)
{
	static const struct pa_range mem[] = { { RAM - SZ_4M, 6 * SZ_1M, 0 },
					       { RAM + SZ_2M, 6 * SZ_1M, 1 },
					       { 0 } };
	static const struct pa_range late[] = { { RAM, SZ_2M, 0 }, { 0 } };
	static struct pa_block boot[32];
	struct pa_range rsv[8] = { { RAM, SZ_2M, 0 } };
	phys_addr_t pgdat0, pgdat1;
	struct zone *z0, *z1;
	struct page *a, *b, *c;
	unsigned long nr = 0;
	int nb, n;

	pa_boot(&(struct pa_layout){
		.mem = mem, .late = late, .no_watermarks = true, .pcp_off = true });
	z0 = ZONE(0, ZONE_DMA32);
	z1 = ZONE(1, ZONE_DMA32);
	/*
	 * Node 0's data just below RAM (touching the late reservation if a
	 * bitmap lands right below RAM), node 1's at the top of RAM + 8M.
	 */
	n = node_data_ranges(rsv, 1, RAM, 1, &pgdat0);
	n = node_data_ranges(rsv, n, RAM + SZ_8M, 1, &pgdat1);
	assert_boot_reserved(rsv, n);
	assert_ptr_equal(NODE_DATA(0), __va(pgdat0));
	assert_ptr_equal(NODE_DATA(1), __va(pgdat1));
	assert_int_equal(z0->zone_start_pfn, 0x7fc00);
	assert_int_equal(z0->spanned_pages, 0x600);
	assert_int_equal(z1->zone_start_pfn, 0x80200);
	assert_int_equal(z1->spanned_pages, 0x600);
	PA_ASSERT_BLOCKS(z0, B(0x7fc00, 9, M), B(0x7fe00, 8, M), B(0x7ff00, 7, M), B(0x7ff80, 6, M),
			 B(0x7ffc0, 5, M), B(0x7ffe0, 4, M), B(0x7fff0, 3, M), B(0x7fff8, 2, M),
			 B(0x7fffc, 0, M), B(0x80000, 9, M));
	PA_ASSERT_BLOCKS(z1, B(0x80200, 9, M), TWO_BLOCKS_PB1(M));
	nb = pa_free_blocks(boot, ARRAY_SIZE(boot));

	/* Take both order-9 buddies (lists are LIFO: the last freed first), give them back. */
	a = pa_alloc(0, GFP_HIGHUSER_MOVABLE | __GFP_THISNODE | NOWARN, 9);
	c = pa_alloc(1, GFP_HIGHUSER_MOVABLE | __GFP_THISNODE | NOWARN, 9);
	b = pa_alloc(1, GFP_HIGHUSER_MOVABLE | __GFP_THISNODE | NOWARN, 9);
	assert_int_equal(pfn_of(a), 0x80000);
	assert_int_equal(pfn_of(c), 0x80400);
	assert_int_equal(pfn_of(b), 0x80200);
	pa_free(b, 9);
	pa_free(a, 9);
	pa_free(c, 9);
	PA_ASSERT_BLOCKS(z0, BA(0x7fc00, 9), BA(0x7fe00, 8), BA(0x7ff00, 7), BA(0x7ff80, 6),
			 BA(0x7ffc0, 5), BA(0x7ffe0, 4), BA(0x7fff0, 3), BA(0x7fff8, 2),
			 BA(0x7fffc, 0), BA(0x80000, 9));
	PA_ASSERT_BLOCKS(z1, BA(0x80200, 9), TWO_BLOCKS_PB1(PA_ANY_MT));
	assert_int_equal(z0->free_area[10].nr_free, 0);
	assert_int_equal(z1->free_area[10].nr_free, 0);

	assert_int_equal(pa_alloc_until_null(pages, MAX_PAGES, 0, GFP_KERNEL | __GFP_THISNODE, 0,
					     &nr),
			 1533);
	assert_int_equal(pa_alloc_until_null(pages, MAX_PAGES, 1, GFP_KERNEL | __GFP_THISNODE, 0,
					     &nr),
			 1533);
	pa_check();
	pa_free_shuffled(&seed, pages, nr, 0, 1);
	pa_assert_same_blocks(boot, nb);
	assert_int_equal(z0->free_area[10].nr_free, 0);
	assert_int_equal(z1->free_area[10].nr_free, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boot_awkward_range),
		cmocka_unit_test(test_split_and_merge),
		cmocka_unit_test(test_alloc_order_and_lifo),
		cmocka_unit_test(test_steal_claims_block),
		cmocka_unit_test(test_steal_max_order_block),
		cmocka_unit_test(test_movable_fallback),
		cmocka_unit_test(test_half_block_rule_claims),
		cmocka_unit_test(test_half_block_rule_no_claim),
		cmocka_unit_test(test_hole_and_4g_boundary),
		cmocka_unit_test(test_node_boundary_unaligned),
	};

	return cmocka_run_group_tests_name("page_alloc", tests, NULL, NULL);
}
