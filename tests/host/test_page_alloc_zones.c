// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for the page allocator (mm/page_alloc.c, mm/mm_init.c)
 * beyond one zone's buddy lists: NUMA zonelists, watermarks and lowmem
 * reserves, the per-CPU lists, movablecore. The buddy rules and how the
 * expected values are worked out are in test_page_alloc.c's header.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <mm.h>

#include "../../mm/internal.h"

#include "host_memblock.h"
#include "host_printk.h"
#include "host_vmemmap.h"
#include "page_alloc_helpers.h"

#define MAX_PAGES 40000
static struct page *pages[MAX_PAGES];
static u64 seed = 0x10a3c0ffeeULL;

/* ============================================================== NUMA */

/*
 * Three nodes: 0 at RAM (DMA32), 1 across 4G (DMA32 + Normal), 2 above
 * (Normal); distances 0-1 30, 0-2 20, 1-2 30. Fallback: node 0: 0 2 1;
 * node 1: 1, then 0 and 2 tie at 30, lower id first; node 2: 2 0 1.
 */
static const struct pa_range numa_mem[] = { { RAM, SZ_8M, 0 },
					    { SZ_4G - SZ_4M, SZ_8M, 1 },
					    { SZ_4G + SZ_4M, SZ_8M, 2 },
					    { 0 } };
static const struct pa_distance numa_dist[] = { { 0, 1, 30 }, { 1, 0, 30 }, { 0, 2, 20 },
						{ 2, 0, 20 }, { 1, 2, 30 }, { 2, 1, 30 },
						{ 0 } };

static void assert_zonelist(int nid, int list, const int (*want)[2], int n)
{
	struct zoneref *z = NODE_DATA(nid)->node_zonelists[list]._zonerefs;
	int i;

	for (i = 0; i < n; i++) {
		assert_ptr_equal(z[i].zone, ZONE(want[i][0], want[i][1]));
		assert_int_equal(z[i].zone_idx, want[i][1]);
	}
	assert_null(z[n].zone);
}

static void test_numa_zonelists(void **state)
{
	static const int fb0[][2] = {
		{ 0, ZONE_DMA32 }, { 2, ZONE_NORMAL }, { 1, ZONE_NORMAL }, { 1, ZONE_DMA32 }
	};
	static const int fb1[][2] = {
		{ 1, ZONE_NORMAL }, { 1, ZONE_DMA32 }, { 0, ZONE_DMA32 }, { 2, ZONE_NORMAL }
	};
	static const int fb2[][2] = {
		{ 2, ZONE_NORMAL }, { 0, ZONE_DMA32 }, { 1, ZONE_NORMAL }, { 1, ZONE_DMA32 }
	};

	pa_boot(&(struct pa_layout){ .mem = numa_mem, .dist = numa_dist });
	assert_int_equal(node_online_map, 7);
	assert_true(pa_log_has("Fallback order for Node 0: 0 2 1 \n"));
	assert_true(pa_log_has("Fallback order for Node 1: 1 0 2 \n"));
	assert_true(pa_log_has("Fallback order for Node 2: 2 0 1 \n"));
	assert_zonelist(0, ZONELIST_FALLBACK, fb0, 4);
	assert_zonelist(1, ZONELIST_FALLBACK, fb1, 4);
	assert_zonelist(2, ZONELIST_FALLBACK, fb2, 4);
	assert_zonelist(0, ZONELIST_NOFALLBACK, fb0, 1);
	assert_zonelist(1, ZONELIST_NOFALLBACK, fb1, 2);
	assert_zonelist(2, ZONELIST_NOFALLBACK, fb2, 1);
	assert_int_equal(node_distance(1, 2), 30);
	assert_int_equal(node_distance(2, 2), LOCAL_DISTANCE);
}

/*
 * __GFP_THISNODE stops at the node's own watermarks (each zone ends at
 * min + lowmem_reserve: node 1's DMA32 keeps 1021/256 = 3 more for
 * Normal-capable requests); without it the next node in order serves.
 */
static void test_numa_thisnode_and_fallback(void **state)
{
	struct zone *n1d, *n1n;
	struct zone *n0d, *n2n;
	unsigned long nr = 0, i, got;
	struct page *p;

	pa_boot(&(struct pa_layout){ .mem = numa_mem, .dist = numa_dist });
	n1d = ZONE(1, ZONE_DMA32);
	n1n = ZONE(1, ZONE_NORMAL);
	n0d = ZONE(0, ZONE_DMA32);
	n2n = ZONE(2, ZONE_NORMAL);
	assert_int_equal(n1d->lowmem_reserve[ZONE_NORMAL], 3);
	p = pa_alloc(NUMA_NO_NODE, GFP_KERNEL | NOWARN, 0); /* CPU 0 is on node 0 */
	assert_non_null(p);
	assert_int_equal(page_to_nid(p), 0);
	pa_free(p, 0);
	p = pa_alloc(5, GFP_KERNEL | NOWARN, 0); /* offline: the first node with memory */
	assert_non_null(p);
	assert_int_equal(page_to_nid(p), 0);
	pa_free(p, 0);
	drain_all_pages(NULL);

	got = pa_alloc_until_null(pages, MAX_PAGES, 1, GFP_KERNEL | __GFP_THISNODE, 0, &nr);
	assert_int_equal(zone_managed_pages(n1n), 1021);
	assert_int_equal(zone_managed_pages(n1d), 1024);
	assert_int_equal(got, (1021 - min_wmark_pages(n1n)) + (1024 - min_wmark_pages(n1d) - 3));
	assert_int_equal(page_zonenum(pages[0]), ZONE_NORMAL);
	for (i = 0; i < nr; i++)
		assert_int_equal(page_to_nid(pages[i]), 1);
	assert_int_equal(free_of(n1n), min_wmark_pages(n1n));
	assert_int_equal(free_of(n1d), min_wmark_pages(n1d) + 3);

	p = pa_alloc(1, GFP_KERNEL | NOWARN, 0);
	assert_non_null(p);
	assert_int_equal(page_to_nid(p), 0);
	pages[nr++] = p;
	got = pa_alloc_until_null(pages, MAX_PAGES, 0, GFP_KERNEL | __GFP_THISNODE, 0, &nr);
	assert_int_equal(free_of(n0d), min_wmark_pages(n0d));
	p = pa_alloc(1, GFP_KERNEL | NOWARN, 0);
	assert_non_null(p);
	assert_int_equal(page_to_nid(p), 2);
	pages[nr++] = p;

	/* DMA32 only, from node 2 (none): node 0's is at min, node 1's has the 3 reserved pages. */
	for (i = 0; i < 3; i++) {
		p = pa_alloc(2, GFP_KERNEL | __GFP_DMA32 | NOWARN, 0);
		assert_non_null(p);
		assert_int_equal(page_to_nid(p), 1);
		assert_int_equal(page_zonenum(p), ZONE_DMA32);
		pages[nr++] = p;
	}
	assert_null(pa_alloc(2, GFP_KERNEL | __GFP_DMA32 | NOWARN, 0));
	assert_int_equal(free_of(n2n), 2045 - 1);
	pa_check();

	pa_free_shuffled(&seed, pages, nr, 0, 0);
	drain_all_pages(NULL);
	assert_int_equal(nr_free_pages(), pa_boot_free);
	pa_check();
}

/* ======================================================== watermarks */

static unsigned long expected_min_free_kbytes(unsigned long lowmem_pages)
{
	return clamp(pa_isqrt(lowmem_pages * 4 * 16), 128UL, 262144UL);
}

/* Linux's __setup_per_zone_wmarks() for the zones other than ZONE_MOVABLE. */
static void assert_linux_wmarks(void)
{
	unsigned long lowmem = 0, pages_min = min_free_kbytes / 4;
	struct zone *zone;

	for_each_zone(zone)
		if (zone_idx(zone) != ZONE_MOVABLE)
			lowmem += zone_managed_pages(zone);
	assert_int_equal(min_free_kbytes, expected_min_free_kbytes(lowmem));
	for_each_zone(zone) {
		unsigned long managed = zone_managed_pages(zone);
		unsigned long tmp = pages_min * managed / lowmem;
		unsigned long d = max(tmp / 4, managed * 10 / 10000);

		if (zone_idx(zone) == ZONE_MOVABLE || !managed)
			continue;
		assert_int_equal(min_wmark_pages(zone), tmp);
		assert_int_equal(low_wmark_pages(zone), tmp + d);
		assert_int_equal(high_wmark_pages(zone), tmp + 2 * d);
	}
}

/* 1 MiB (clamped up to 128), 16 MiB, 1 GiB; each loses 3 pages to the node's data. */
static void test_min_free_kbytes_sizes(void **state)
{
	static const struct {
		unsigned long size, managed, kbytes;
	} cases[] = {
		{ SZ_1M, 253, 128 }, /* isqrt(16192) = 127 */
		{ SZ_16M, 4093, 511 }, /* isqrt(261952) */
		{ SZ_1G, 262141, 4095 }, /* isqrt(16777024) */
	};
	unsigned long i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		pa_boot_plain(cases[i].size);
		assert_int_equal(zone_managed_pages(dma32()), cases[i].managed);
		assert_int_equal(min_free_kbytes, cases[i].kbytes);
		assert_int_equal(expected_min_free_kbytes(cases[i].managed), cases[i].kbytes);
		assert_linux_wmarks();
	}
}

/*
 * DMA32 [4G-16M, 4G) 4096 pages, Normal [4G, 4G+64M) 16381 (the node's data
 * takes its last 3). min_free_kbytes = isqrt(20477 * 64) = 1144, pages_min
 * 286: DMA32 min 286*4096/20477 = 57, d 14; Normal 228, d 57.
 * lowmem_reserve of DMA32 against Normal (and Movable): 16381 / 256 = 63.
 */
static const struct pa_range two_zones_mem[] = { { SZ_4G - SZ_16M, SZ_16M + SZ_64M, 0 }, { 0 } };

static void test_watermarks_two_zones(void **state)
{
	struct zone *d, *n, *m;

	pa_boot(&(struct pa_layout){ .mem = two_zones_mem });
	d = dma32();
	n = ZONE(0, ZONE_NORMAL);
	m = ZONE(0, ZONE_MOVABLE);
	assert_int_equal(zone_managed_pages(d), 4096);
	assert_int_equal(zone_managed_pages(n), 16381);
	assert_int_equal(min_free_kbytes, 1144);
	assert_int_equal(min_wmark_pages(d), 57);
	assert_int_equal(low_wmark_pages(d), 71);
	assert_int_equal(high_wmark_pages(d), 85);
	assert_int_equal(min_wmark_pages(n), 228);
	assert_int_equal(low_wmark_pages(n), 285);
	assert_int_equal(high_wmark_pages(n), 342);
	assert_int_equal(min_wmark_pages(m), 0);
	assert_int_equal(d->lowmem_reserve[ZONE_DMA32], 0);
	assert_int_equal(d->lowmem_reserve[ZONE_NORMAL], 63);
	assert_int_equal(d->lowmem_reserve[ZONE_MOVABLE], 63);
	assert_int_equal(n->lowmem_reserve[ZONE_NORMAL], 0);
	assert_int_equal(n->lowmem_reserve[ZONE_MOVABLE], 0);
	assert_linux_wmarks();

	/* The reserve counts for requests that could have used Normal. */
	assert_true(zone_watermark_ok(d, 0, 4096 - 63 - 1, ZONE_NORMAL, 0));
	assert_false(zone_watermark_ok(d, 0, 4096 - 63, ZONE_NORMAL, 0));
	assert_true(zone_watermark_ok(d, 0, 4095, ZONE_DMA32, 0));
	assert_false(zone_watermark_ok(d, 0, 4096, ZONE_DMA32, 0));
}

/* The boundaries of zone_watermark_ok(), with F = 16381 free pages. */
static void test_zone_watermark_ok_boundary(void **state)
{
	struct zone *z;
	unsigned long i;

	pa_boot_plain(SZ_64M);
	z = dma32();
	assert_int_equal(free_of(z), 16381);
	assert_true(zone_watermark_ok(z, 0, 16380, ZONE_DMA32, 0)); /* free > mark */
	assert_false(zone_watermark_ok(z, 0, 16381, ZONE_DMA32, 0));
	assert_true(zone_watermark_ok(z, 3, 16381 - 8, ZONE_DMA32, 0)); /* F - 7 > mark */
	assert_false(zone_watermark_ok(z, 3, 16381 - 7, ZONE_DMA32, 0));
	/*
	 * ALLOC_HIGH: mark - mark/2 (32760 -> 16380, 32761 -> 16381); ALLOC_HARDER:
	 * mark - mark/4 (21840 -> 16380, 21841 -> 16381); both: one after the
	 * other (43680 -> 21840 -> 16380, 43681 -> 21841 -> 16381).
	 */
	assert_true(zone_watermark_ok(z, 0, 32760, ZONE_DMA32, ALLOC_HIGH));
	assert_false(zone_watermark_ok(z, 0, 32761, ZONE_DMA32, ALLOC_HIGH));
	assert_true(zone_watermark_ok(z, 0, 21840, ZONE_DMA32, ALLOC_HARDER));
	assert_false(zone_watermark_ok(z, 0, 21841, ZONE_DMA32, ALLOC_HARDER));
	assert_true(zone_watermark_ok(z, 0, 43680, ZONE_DMA32, ALLOC_HIGH | ALLOC_HARDER));
	assert_false(zone_watermark_ok(z, 0, 43681, ZONE_DMA32, ALLOC_HIGH | ALLOC_HARDER));

	/* Enough pages but no block of the order: false. */
	pa_boot_tiny(8, 16);
	z = dma32();
	for (i = 0; i < 8; i++)
		pages[i] = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, 0);
	for (i = 0; i < 8; i += 2)
		pa_free(pages[i], 0);
	PA_ASSERT_BLOCKS(z, B(0x80008, 0, M), B(0x8000a, 0, M), B(0x8000c, 0, M), B(0x8000e, 0, M));
	assert_true(zone_watermark_ok(z, 0, 3, ZONE_DMA32, 0));
	assert_false(zone_watermark_ok(z, 0, 4, ZONE_DMA32, 0));
	assert_false(zone_watermark_ok(z, 1, 0, ZONE_DMA32, 0));
	pa_free(pages[1], 0);
	assert_true(zone_watermark_ok(z, 1, 0, ZONE_DMA32, 0));
	assert_false(zone_watermark_ok(z, 2, 0, ZONE_DMA32, 0));
	for (i = 3; i < 8; i += 2)
		pa_free(pages[i], 0);
	PA_ASSERT_BLOCKS(z, B(0x80008, 3, M));
}

/*
 * 64 MiB, 16381 pages: min_free_kbytes isqrt(65524*16) = 1023, min 255,
 * low 318, high 381. GFP_KERNEL (which drains the per-CPU lists before it
 * gives up) stops at exactly min; __GFP_HIGH goes to 255 - 127 = 128;
 * GFP_ATOMIC (high and harder) to 128 - 32 = 96. The per-CPU lists are off
 * for the last two, which never drain.
 */
static void test_min_watermark_kernel_vs_atomic(void **state)
{
	struct zone *z;
	unsigned long nr = 0;

	pa_boot_plain(SZ_64M);
	z = dma32();
	assert_int_equal(min_free_kbytes, 1023);
	assert_int_equal(min_wmark_pages(z), 255);
	assert_int_equal(low_wmark_pages(z), 318);
	assert_int_equal(high_wmark_pages(z), 381);

	assert_int_equal(pa_alloc_until_null(pages, MAX_PAGES, NUMA_NO_NODE, GFP_KERNEL, 0, &nr),
			 16381 - 255);
	assert_int_equal(free_of(z), 255);
	assert_int_equal(z->per_cpu_pageset[0].count, 0);
	pa_check();

	pa_pcp_off();
	assert_int_equal(pa_alloc_until_null(pages, MAX_PAGES, NUMA_NO_NODE,
					     GFP_NOWAIT | __GFP_HIGH, 0, &nr),
			 127);
	assert_int_equal(free_of(z), 128);
	assert_int_equal(pa_alloc_until_null(pages, MAX_PAGES, NUMA_NO_NODE, GFP_ATOMIC, 0, &nr),
			 32);
	assert_int_equal(free_of(z), 96);
	assert_null(pa_alloc(NUMA_NO_NODE, GFP_KERNEL | NOWARN, 0));
	pa_check();

	pa_free_shuffled(&seed, pages, nr, 0, 0);
	pa_pcp_on();
	assert_int_equal(free_of(z), 16381);
	pa_check();
}

/*
 * In the two-zone layout, GFP_KERNEL leaves DMA32 at min + 63 (its
 * lowmem_reserve against Normal) and Normal at min; only a DMA32-only
 * request gets the last 63 pages above DMA32's min.
 */
static void test_lowmem_reserve_protects_dma32(void **state)
{
	struct zone *d, *n;
	unsigned long nr = 0, i;

	pa_boot(&(struct pa_layout){ .mem = two_zones_mem });
	d = dma32();
	n = ZONE(0, ZONE_NORMAL);
	assert_int_equal(pa_alloc_until_null(pages, MAX_PAGES, NUMA_NO_NODE, GFP_KERNEL, 0, &nr),
			 (16381 - 228) + (4096 - 57 - 63));
	assert_int_equal(free_of(n), 228);
	assert_int_equal(free_of(d), 57 + 63);
	assert_null(pa_alloc(NUMA_NO_NODE, GFP_HIGHUSER_MOVABLE | NOWARN, 0));
	i = nr;
	assert_int_equal(pa_alloc_until_null(pages, MAX_PAGES, NUMA_NO_NODE,
					     GFP_KERNEL | __GFP_DMA32, 0, &nr),
			 63);
	for (; i < nr; i++)
		assert_int_equal(page_zonenum(pages[i]), ZONE_DMA32);
	assert_int_equal(free_of(d), 57);
	pa_check();
	pa_free_shuffled(&seed, pages, nr, 0, 0);
	drain_all_pages(NULL);
	assert_int_equal(nr_free_pages(), 16381 + 4096);
	pa_check();
}

/* ===================================================== per-CPU lists */

/*
 * Linux's zone_batchsize() is 0 for zones under 8192 pages; Linux then
 * uses batch max(1, 0) = 1 and high 0 (pageset_set_batch()), i.e. order-0
 * pages go straight through. A 16 MiB zone must serve order-0 allocations.
 * The boot is spelled out (no pa_boot(), whose checker would stop at the
 * batch first) so that this reads as a reproducer.
 */
static void test_pcp_small_zone(void **state)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = { PFN_DOWN(RAM + SZ_16M),
						     PFN_DOWN(RAM + SZ_16M) };
	struct per_cpu_pages *pcp;
	unsigned long i, before;

	host_memblock_reset();
	memblock_allow_resize();
	assert_int_equal(memblock_add(RAM, SZ_16M), 0);
	free_area_init(max_zone_pfn);
	build_all_zonelists();
	memblock_free_all();
	setup_per_cpu_pageset();
	init_per_zone_wmark_min();
	before = nr_free_pages();
	assert_int_equal(before, 4093);
	assert_int_equal(min_wmark_pages(dma32()), 127);
	assert_int_equal(zone_batchsize(4093), 0);

	pages[0] = alloc_pages(GFP_KERNEL | NOWARN, 0); /* 4093 free, min 127 */
	assert_non_null(pages[0]);
	pcp = &dma32()->per_cpu_pageset[0];
	assert_int_equal(pcp->batch, 1);
	assert_int_equal(pcp->high, 0);
	for (i = 1; i < 10; i++) {
		pages[i] = alloc_pages(GFP_KERNEL | NOWARN, 0);
		assert_non_null(pages[i]);
	}
	for (i = 0; i < 10; i++) {
		__free_pages(pages[i], 0);
		assert_true(pcp->count <= pcp->high);
	}
	assert_int_equal(nr_free_pages(), before);
}

/*
 * 256 MiB (65533 pages): batch min(63, 128) / 4 = 15 -> 2^4 - 1 = 15, high
 * 90. An empty list is refilled with a batch; a free that brings the count
 * to high sends a batch back, so the count never reaches high.
 */
static void test_pcp_high_and_batch(void **state)
{
	struct per_cpu_pages *pcp;
	long c = 0, f = 65533;
	struct zone *z;
	struct page *q;
	unsigned long i;

	pa_boot_plain(SZ_256M);
	z = dma32();
	pcp = &z->per_cpu_pageset[0];
	assert_int_equal(zone_managed_pages(z), 65533);
	assert_int_equal(zone_batchsize(65533), 15);
	assert_int_equal(pcp->batch, 15);
	assert_int_equal(pcp->high, 90);
	for (i = 0; i < 300; i++) {
		pages[i] = pa_alloc(NUMA_NO_NODE, GFP_HIGHUSER_MOVABLE | NOWARN, 0);
		assert_non_null(pages[i]);
		if (c == 0) {
			c = 15;
			f -= 15;
		}
		c--;
		assert_int_equal(pcp->count, c);
		assert_int_equal(free_of(z), f);
	}
	pa_check();
	for (i = 0; i < 300; i++) {
		pa_free(pages[i], 0);
		if (++c >= 90) {
			c -= 15;
			f += 15;
		}
		assert_int_equal(pcp->count, c);
		assert_true(pcp->count < pcp->high);
		assert_int_equal(free_of(z), f);
	}
	pa_check();

	q = pa_alloc(NUMA_NO_NODE, GFP_HIGHUSER_MOVABLE | NOWARN, 0); /* the hottest page */
	assert_ptr_equal(q, pages[299]);
	drain_local_pages(NULL);
	assert_int_equal(pcp->count, 0);
	assert_int_equal(free_of(z), 65533 - 1);

	zone_pcp_disable(z);
	assert_int_equal(pcp->high, 0);
	assert_int_equal(pcp->batch, 1);
	pa_free(q, 0);
	assert_int_equal(pcp->count, 0);
	assert_int_equal(free_of(z), 65533);
	q = pa_alloc(NUMA_NO_NODE, GFP_HIGHUSER_MOVABLE | NOWARN, 0);
	assert_int_equal(pcp->count, 0);
	assert_int_equal(free_of(z), 65532);
	zone_pcp_enable(z);
	assert_int_equal(pcp->high, 90);
	assert_int_equal(pcp->batch, 15);
	pa_free(q, 0);
	drain_all_pages(z);
	assert_int_equal(free_of(z), 65533);
	pa_check();
}

/* drain_local_pages() empties this CPU's lists only; drain_all_pages() every CPU's. */
static void test_pcp_drain_local_and_remote(void **state)
{
	static struct pa_block boot[128];
	struct zone *z;
	unsigned long i;
	int nb;

	pa_boot_plain(SZ_256M);
	z = dma32();
	nb = pa_free_blocks(boot, ARRAY_SIZE(boot));
	for (i = 0; i < 40; i++) /* refills of 15 at 0, 15, 30: 5 left */
		pages[i] = pa_alloc(NUMA_NO_NODE, GFP_HIGHUSER_MOVABLE | NOWARN, 0);
	assert_int_equal(z->per_cpu_pageset[0].count, 5);
	host_set_cpu(1);
	for (i = 0; i < 20; i++)
		pa_free(pages[i], 0);
	host_set_cpu(0);
	for (i = 20; i < 40; i++)
		pa_free(pages[i], 0);
	assert_int_equal(z->per_cpu_pageset[0].count, 25);
	assert_int_equal(z->per_cpu_pageset[1].count, 20);
	assert_int_equal(free_of(z), 65533 - 45);
	pa_check();

	drain_local_pages(NULL);
	assert_int_equal(z->per_cpu_pageset[0].count, 0);
	assert_int_equal(z->per_cpu_pageset[1].count, 20);
	assert_int_equal(free_of(z), 65533 - 20);
	drain_all_pages(NULL);
	assert_int_equal(z->per_cpu_pageset[1].count, 0);
	assert_int_equal(free_of(z), 65533);
	pa_assert_same_blocks(boot, nb);
	pa_check();
}

/* ======================================================== movablecore */

/*
 * Node 0 [4G-32M, 4G+32M), node 1 [4G+32M, 4G+96M): 32768 pages;
 * movablecore=61M rounds up to 16384 pages, the kernel's 16384 split 8192
 * per node. Node 0's DMA32 (below the movable-capable Normal range) is all
 * kernel, so its ZONE_MOVABLE starts at 4G; node 1 keeps 8192 Normal pages
 * and ZONE_MOVABLE starts at 4G+64M. Each node's data lands in its last 3
 * pages, which are in ZONE_MOVABLE: 8189 managed there.
 */
static void test_movablecore_two_nodes(void **state)
{
	static const struct pa_range mem[] = { { SZ_4G - SZ_32M, SZ_64M, 0 },
					       { SZ_4G + SZ_32M, SZ_64M, 1 },
					       { 0 } };
	struct zone *d0, *m0;
	struct zone *n1, *m1;
	unsigned long nr = 0, i, got;
	struct page *p;

	pa_boot(&(struct pa_layout){ .mem = mem, .movablecore = PFN_DOWN(61 * SZ_1M) });
	d0 = ZONE(0, ZONE_DMA32);
	m0 = ZONE(0, ZONE_MOVABLE);
	n1 = ZONE(1, ZONE_NORMAL);
	m1 = ZONE(1, ZONE_MOVABLE);
	assert_int_equal(required_movablecore, 0);
	assert_true(pa_log_has("Movable zone start for each node\n"
			       "  Node 0: 0x0000000100000000\n"
			       "  Node 1: 0x0000000104000000\n"));
	assert_int_equal(d0->zone_start_pfn, 0xfe000);
	assert_int_equal(d0->spanned_pages, 0x2000);
	assert_int_equal(ZONE(0, ZONE_NORMAL)->spanned_pages, 0);
	assert_int_equal(m0->zone_start_pfn, 0x100000);
	assert_int_equal(m0->spanned_pages, 0x2000);
	assert_int_equal(ZONE(1, ZONE_DMA32)->spanned_pages, 0);
	assert_int_equal(n1->zone_start_pfn, 0x102000);
	assert_int_equal(n1->spanned_pages, 0x2000);
	assert_int_equal(m1->zone_start_pfn, 0x104000);
	assert_int_equal(m1->spanned_pages, 0x2000);
	assert_true(IS_ALIGNED(m0->zone_start_pfn, MAX_ORDER_NR_PAGES));
	assert_true(IS_ALIGNED(m1->zone_start_pfn, MAX_ORDER_NR_PAGES));
	assert_int_equal(zone_managed_pages(d0), 8192);
	assert_int_equal(zone_managed_pages(m0), 8189);
	assert_int_equal(zone_managed_pages(n1), 8192);
	assert_int_equal(zone_managed_pages(m1), 8189);

	/* Movable pages don't count as lowmem: isqrt(16384 * 4 * 16) = 1024. */
	assert_int_equal(min_free_kbytes, 1024);
	assert_linux_wmarks();
	assert_int_equal(min_wmark_pages(d0), 128);
	assert_int_equal(min_wmark_pages(m0), 32); /* clamp(8189 / 1024, 32, 128) */
	assert_int_equal(low_wmark_pages(m0), 63); /* + max(127 / 4, 8) */
	assert_int_equal(high_wmark_pages(m0), 94);
	assert_int_equal(d0->lowmem_reserve[ZONE_NORMAL], 0);
	assert_int_equal(d0->lowmem_reserve[ZONE_MOVABLE], 31); /* 8189 / 256 */
	assert_int_equal(n1->lowmem_reserve[ZONE_MOVABLE], 255); /* 8189 / 32 */

	p = pa_alloc(NUMA_NO_NODE, GFP_HIGHUSER_MOVABLE | NOWARN, 0);
	assert_non_null(p);
	assert_ptr_equal(page_zone(p), m0);
	pa_free(p, 0);
	drain_all_pages(NULL);

	/* GFP_KERNEL never touches ZONE_MOVABLE: DMA32 and node 1's Normal down to min. */
	got = pa_alloc_until_null(pages, MAX_PAGES, NUMA_NO_NODE, GFP_KERNEL, 0, &nr);
	assert_int_equal(got, (8192 - 128) * 2);
	for (i = 0; i < nr; i++)
		assert_int_not_equal(page_zonenum(pages[i]), ZONE_MOVABLE);
	assert_int_equal(free_of(m0), 8189);
	assert_int_equal(free_of(m1), 8189);

	/* GFP_HIGHUSER_MOVABLE: both ZONE_MOVABLEs down to their min; the rest is reserved. */
	i = nr;
	got = pa_alloc_until_null(pages, MAX_PAGES, NUMA_NO_NODE, GFP_HIGHUSER_MOVABLE, 0, &nr);
	assert_int_equal(got, (8189 - 32) * 2);
	for (; i < nr; i++)
		assert_int_equal(page_zonenum(pages[i]), ZONE_MOVABLE);
	assert_int_equal(free_of(d0), 128);
	assert_int_equal(free_of(n1), 128);
	pa_check();

	pa_free_shuffled(&seed, pages, nr, 0, 0);
	drain_all_pages(NULL);
	assert_int_equal(nr_free_pages(), pa_boot_free);
	pa_check();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numa_zonelists),
		cmocka_unit_test(test_numa_thisnode_and_fallback),
		cmocka_unit_test(test_min_free_kbytes_sizes),
		cmocka_unit_test(test_watermarks_two_zones),
		cmocka_unit_test(test_zone_watermark_ok_boundary),
		cmocka_unit_test(test_min_watermark_kernel_vs_atomic),
		cmocka_unit_test(test_lowmem_reserve_protects_dma32),
		cmocka_unit_test(test_pcp_small_zone),
		cmocka_unit_test(test_pcp_high_and_batch),
		cmocka_unit_test(test_pcp_drain_local_and_remote),
		cmocka_unit_test(test_movablecore_two_nodes),
	};

	return cmocka_run_group_tests_name("page_alloc_zones", tests, NULL, NULL);
}
