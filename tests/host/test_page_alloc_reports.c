// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for what the page allocator reports: bad frees (Linux's
 * "BUG: Bad page state", after which the lists must be intact and the
 * valid pages still free normally), allocation-failure warnings with the
 * Mem-Info dump, and the /proc views of mm/vmstat.c (buddyinfo,
 * pagetypeinfo, zoneinfo) in Linux's exact formats.
 *
 * Layouts (page_alloc_helpers.h) have known free blocks; expected text is
 * written out in full where the state is known. A rejected free drops the
 * reference it was given, as in Linux: the tests put it back by hand before
 * freeing the page properly.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <compaction.h>
#include <mm.h>
#include <vmstat.h>

#include "../../mm/internal.h"
#include "host_printk.h"
#include "page_alloc_helpers.h"

static struct page *pages[8];

/* ========================================================== bad frees */

/* The report for @pfn, and nothing else changed. */
static void assert_bad_page(unsigned long pfn, const char *reason)
{
	assert_true(pa_log_has("BUG: Bad page state in process swapper/0  pfn:%05lx\n", pfn));
	assert_true(pa_log_has("page dumped because: %s\n", reason));
}

static const char *const REFCOUNT_0 = "freeing a page whose _refcount is 0 (double free?)";
static const char *const FLAGS = "PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
static const char *const NONZERO = "nonzero _refcount";
static const char *const UNALIGNED = "freed with an order its pfn is not aligned to";

/* An order-0 page freed twice: the second time it sits on this CPU's list. */
static void test_bad_double_free_pcp(void **state)
{
	struct zone *z;
	struct page *p, *q;
	int count;

	pa_boot_plain(SZ_64M);
	z = dma32();
	p = pa_alloc(NUMA_NO_NODE, GFP_KERNEL | NOWARN, 0);
	pa_free(p, 0);
	count = z->per_cpu_pageset[0].count;
	assert_true(count > 0);
	host_printk_reset();
	__free_pages(p, 0);
	assert_bad_page(page_to_pfn(p), REFCOUNT_0);
	assert_int_equal(z->per_cpu_pageset[0].count, count);
	assert_int_equal(free_of(z), pa_boot_free - count);
	pa_check();
	q = pa_alloc(NUMA_NO_NODE, GFP_KERNEL | NOWARN, 0);
	assert_ptr_equal(q, p);
	pa_free(q, 0);
	drain_all_pages(NULL);
	assert_int_equal(nr_free_pages(), pa_boot_free);
	pa_check();
}

/* An order-3 block freed twice: as a PG_buddy head, then as part of a merged block. */
static void test_bad_double_free_buddy(void **state)
{
	struct zone *z;
	struct page *a, *b;

	pa_boot_tiny(16, 32);
	z = dma32();
	a = pa_alloc(0, GFP_KERNEL | NOWARN, 3);
	b = pa_alloc(0, GFP_KERNEL | NOWARN, 3);
	assert_int_equal(pfn_of(a), 0x80010);
	assert_int_equal(pfn_of(b), 0x80018);
	pa_free(a, 3);
	host_printk_reset();
	__free_pages(a, 3);
	assert_bad_page(0x80010, FLAGS);
	assert_true(pa_log_has("(buddy|node=0|zone=0)"));
	PA_ASSERT_BLOCKS(z, BA(0x80010, 3));
	assert_int_equal(free_of(z), 8);
	pa_check();

	pa_free(b, 3);
	PA_ASSERT_BLOCKS(z, BA(0x80010, 4));
	host_printk_reset();
	__free_pages(b, 3); /* now the middle of an order-4 block */
	assert_bad_page(0x80018, REFCOUNT_0);
	PA_ASSERT_BLOCKS(z, BA(0x80010, 4));
	assert_int_equal(free_of(z), 16);
	pa_check();
}

/*
 * Reserved pages: the free drops the reference (as in Linux) but the page is
 * reported and stays out: still PG_reserved, on no list.
 */
static void test_bad_free_reserved(void **state)
{
	struct zone *z;

	pa_boot_tiny(8, 16);
	z = dma32();
	host_printk_reset();
	__free_pages(page_of(0x80000), 0);
	assert_bad_page(0x80000, FLAGS);
	assert_true(pa_log_has("(reserved|node=0|zone=0)"));
	assert_true(PageReserved(page_of(0x80000)));
	set_page_count(page_of(0x80000), 1);
	pa_check();

	host_printk_reset();
	__free_pages(page_of(0x803fe), 1); /* two pages of the node's data */
	assert_bad_page(0x803fe, FLAGS);
	assert_bad_page(0x803ff, NONZERO);
	set_page_count(page_of(0x803fe), 1);
	pa_assert_reserved_page(0x803fe);
	pa_assert_reserved_page(0x803ff);
	PA_ASSERT_BLOCKS(z, B(0x80008, 3, M));
	assert_int_equal(free_of(z), 8);
	pa_check();
}

/* An order-1 block whose tail still has a reference is not freed. */
static void test_bad_tail_refcount(void **state)
{
	struct zone *z;
	struct page *p;

	pa_boot_tiny(8, 16);
	z = dma32();
	p = pa_alloc(0, GFP_KERNEL | NOWARN, 1);
	assert_int_equal(pfn_of(p), 0x80008);
	get_page(p + 1);
	host_printk_reset();
	__free_pages(p, 1);
	assert_bad_page(0x80009, NONZERO);
	PA_ASSERT_BLOCKS(z, BA(0x8000a, 1), BA(0x8000c, 2));
	assert_int_equal(free_of(z), 6);
	pa_check();

	/* Undo the stray reference; the block frees normally. */
	assert_true(put_page_testzero(p + 1));
	set_page_count(p, 1);
	pa_free(p, 1);
	PA_ASSERT_BLOCKS(z, BA(0x80008, 3));
	pa_check();
}

/*
 * free_unref_page_list() (zap's batch free): the good pages of the list go
 * to this CPU's list, a bad one is reported and left out, and a list that
 * takes pcp->high past its mark gives a batch back to the buddy lists.
 */
static void test_free_unref_page_list(void **state)
{
	static struct page *many[1024];
	struct per_cpu_pages *pcp;
	unsigned int i, n;
	struct zone *z;
	int count;
	LIST_HEAD(list);

	pa_boot_plain(SZ_64M);
	z = dma32();
	pcp = &z->per_cpu_pageset[0];
	for (i = 0; i < 4; i++) {
		pages[i] = pa_alloc(NUMA_NO_NODE, GFP_KERNEL | NOWARN, 0);
		pa_disown(pages[i], 0);
	}
	count = pcp->count;
	for (i = 0; i < 4; i++) {
		/* As release_pages() hands them over: the last reference dropped. */
		if (i != 2)
			assert_true(put_page_testzero(pages[i]));
		list_add_tail(&pages[i]->lru, &list);
	}
	host_printk_reset();
	free_unref_page_list(&list);
	assert_true(list_empty(&list));
	assert_bad_page(page_to_pfn(pages[2]), NONZERO);
	assert_int_equal(pcp->count, count + 3);
	pa_check();
	assert_true(put_page_testzero(pages[2]));
	set_page_count(pages[2], 1);
	__free_pages(pages[2], 0);

	/* More than pcp->high at once: drained on the way, every page still free. */
	n = pcp->high + 8;
	assert_true(n <= ARRAY_SIZE(many));
	for (i = 0; i < n; i++) {
		many[i] = pa_alloc(NUMA_NO_NODE, GFP_KERNEL | NOWARN, 0);
		assert_non_null(many[i]);
		pa_disown(many[i], 0);
	}
	for (i = 0; i < n; i++) {
		assert_true(put_page_testzero(many[i]));
		list_add_tail(&many[i]->lru, &list);
	}
	host_printk_reset();
	free_unref_page_list(&list);
	assert_string_equal(host_printk_log(), "");
	assert_true(pcp->count < pcp->high);
	assert_int_equal(free_of(z) + pcp->count, pa_boot_free);
	drain_all_pages(NULL);
	assert_int_equal(nr_free_pages(), pa_boot_free);
	pa_check();
}

/* Freed with the wrong order: neighbour in use, neighbour free, pfn not aligned. */
static void test_bad_wrong_order(void **state)
{
	struct zone *z;
	struct page *a, *b;
	unsigned long i;

	pa_boot_tiny(8, 16);
	z = dma32();
	for (i = 0; i < 8; i++)
		pages[i] = pa_alloc(0, GFP_KERNEL | NOWARN, 0);
	assert_int_equal(pfn_of(pages[0]), 0x80008);
	pa_free(pages[3], 0); /* 0x8000b, a free order-0 head */

	host_printk_reset();
	__free_pages(pages[0], 1); /* 0x80009 is in use */
	assert_bad_page(0x80009, NONZERO);
	set_page_count(pages[0], 1);
	host_printk_reset();
	__free_pages(pages[2], 1); /* 0x8000b is free */
	assert_bad_page(0x8000b, FLAGS);
	set_page_count(pages[2], 1);
	host_printk_reset();
	__free_pages(pages[1], 1); /* 0x80009 as order 1 */
	assert_bad_page(0x80009, UNALIGNED);
	set_page_count(pages[1], 1);
	PA_ASSERT_BLOCKS(z, BA(0x8000b, 0));
	assert_int_equal(free_of(z), 1);
	pa_check();
	for (i = 0; i < 8; i++)
		if (i != 3)
			pa_free(pages[i], 0);
	PA_ASSERT_BLOCKS(z, BA(0x80008, 3));

	/* Order-2 blocks: one freed as order 3 (0x8000c is not 8-aligned), one through a tail. */
	a = pa_alloc(0, GFP_KERNEL | NOWARN, 2);
	b = pa_alloc(0, GFP_KERNEL | NOWARN, 2);
	assert_int_equal(pfn_of(b), 0x8000c);
	host_printk_reset();
	__free_pages(b, 3);
	assert_bad_page(0x8000c, UNALIGNED);
	set_page_count(b, 1);
	host_printk_reset();
	__free_pages(b + 2, 1);
	assert_bad_page(0x8000e, REFCOUNT_0);
	assert_int_equal(page_ref_count(b + 2), 0);
	PA_ASSERT_NO_BLOCKS(z);
	pa_check();
	pa_free(a, 2);
	pa_free(b, 2);
	PA_ASSERT_BLOCKS(z, BA(0x80008, 3));
	assert_int_equal(free_of(z), 8);
	pa_check();
}

/* ============================================================ reports */

static char report[16384];

static const char *show(void (*fn)(struct seq_buf *))
{
	struct seq_buf m;

	seq_buf_init(&m, report, sizeof(report));
	fn(&m);
	assert_false(seq_buf_has_overflowed(&m));
	return report;
}

static void test_buddyinfo(void **state)
{
	pa_boot_awkward();
	assert_string_equal(show(buddyinfo_show),
			    "Node 0, zone    DMA32      2      2      2      3 "
			    "     3      3      3      3      3      3      1 \n");
	pa_boot(&(struct pa_layout){ .mem = pa_hole_mem, .no_watermarks = true });
	assert_string_equal(show(buddyinfo_show),
			    "Node 0, zone    DMA32      0      0      0      0 "
			    "     0      0      0      0      1      1      0 \n"
			    "Node 0, zone   Normal      0      0      0      0 "
			    "     0      0      0      0      0      1      0 \n");
}

static void test_pagetypeinfo(void **state)
{
	struct page *p;

	pa_boot_awkward();
	assert_string_equal(
		show(pagetypeinfo_show),
		"Page block order: 10\n"
		"Pages per block:  1024\n"
		"\n"
		"Free pages count per migrate type at order       0      1      2      3      4      5 "
		"     6      7      8      9     10 \n"
		"Node    0, zone    DMA32, type    Unmovable      0      0      0      0      0      0 "
		"     0      0      0      0      0 \n"
		"Node    0, zone    DMA32, type      Movable      2      2      2      3      3      3 "
		"     3      3      3      3      1 \n"
		"Node    0, zone    DMA32, type  Reclaimable      0      0      0      0      0      0 "
		"     0      0      0      0      0 \n"
		"\n"
		"Number of blocks type     Unmovable      Movable  Reclaimable \n"
		"Node 0, zone    DMA32            0            4            0 \n"
		"\n"
		"Number of mixed blocks    Unmovable      Movable  Reclaimable \n"
		"Node 0, zone    DMA32            0            0            0 \n");

	pa_boot_two_blocks();
	p = pa_alloc(0, GFP_KERNEL | NOWARN, 0); /* claims pageblock 0 */
	assert_true(
		strstr(show(pagetypeinfo_show),
		       "Node    0, zone    DMA32, type    Unmovable      1      1      1      1 "
		       "     1      1      1      1      1      1      0 \n") != NULL);
	assert_true(
		strstr(report, "Node 0, zone    DMA32            1            1            0 \n"));
	/* A page that looks movable (on an LRU) in the unmovable block: that block is mixed. */
	SetPageLRU(p);
	assert_non_null(strstr(show(pagetypeinfo_show),
			       "Number of mixed blocks    Unmovable      Movable  Reclaimable \n"
			       "Node 0, zone    DMA32            1            0            0 \n"));
	ClearPageLRU(p);
	assert_non_null(strstr(show(pagetypeinfo_show),
			       "Node 0, zone    DMA32            0            0            0 \n"));
	/* A slab page, unmovable, in the movable block (made of a page of the node's data). */
	SetPageSlab(page_of(RAM_PFN + 0x7fd));
	assert_non_null(strstr(show(pagetypeinfo_show),
			       "Number of mixed blocks    Unmovable      Movable  Reclaimable \n"
			       "Node 0, zone    DMA32            0            1            0 \n"));
	ClearPageSlab(page_of(RAM_PFN + 0x7fd));
	pa_free(p, 0);
}

/*
 * Linux's fragmentation index and unusable-free index, against values
 * worked out by hand from the formulas of mm/vmstat.c: 8 free pages in 4
 * order-0 blocks and one order-2 block. Fragmentation index for order o
 * without a free block of o: 1000 - (1000 + 1000 * 8 / 2^o) / 5.
 */
static void test_fragmentation_index(void **state)
{
	struct page *pages[16];
	unsigned long n = 0, i;

	pa_boot_tiny(16, 32); /* one free order-4 block at RAM_PFN + 16 */
	assert_int_equal(pa_alloc_until_null(pages, 16, 0, GFP_KERNEL, 0, &n), 16);
	/* Every page in use: no free memory at all. */
	assert_int_equal(fragmentation_index(dma32(), 3), 0);
	assert_string_equal(show(unusable_show),
			    "Node 0, zone    DMA32 1.000 1.000 1.000 1.000 1.000 1.000 1.000 "
			    "1.000 1.000 1.000 1.000 \n");
	for (i = 0; i < 16; i++)
		if (pfn_of(pages[i]) - RAM_PFN < 24 ? !(pfn_of(pages[i]) & 1) :
						      pfn_of(pages[i]) - RAM_PFN < 28) {
			pa_free(pages[i], 0);
			pages[i] = NULL;
		}
	PA_ASSERT_BLOCKS(dma32(), BA(RAM_PFN + 16, 0), BA(RAM_PFN + 18, 0), BA(RAM_PFN + 20, 0),
			 BA(RAM_PFN + 22, 0), BA(RAM_PFN + 24, 2));
	assert_int_equal(fragmentation_index(dma32(), 0), -1000);
	assert_int_equal(fragmentation_index(dma32(), 2), -1000); /* the order-2 block */
	assert_int_equal(fragmentation_index(dma32(), 3), 600); /* 1000 - 2000 / 5 */
	assert_int_equal(fragmentation_index(dma32(), 4), 700); /* 1000 - 1500 / 5 */
	assert_int_equal(fragmentation_index(dma32(), 9), 797); /* 1000 - 1015 / 5 */
	assert_string_equal(
		show(extfrag_show),
		"Node 0, zone    DMA32 -1.000 -1.000 -1.000  0.600  0.700  0.750  0.775 "
		" 0.788  0.794  0.797  0.799 \n");
	/* Pages in blocks too small: none for order 0, 4 of 8 for orders 1 and 2, all above. */
	assert_string_equal(show(unusable_show),
			    "Node 0, zone    DMA32 0.000 0.500 0.500 1.000 1.000 1.000 1.000 "
			    "1.000 1.000 1.000 1.000 \n");
	for (i = 0; i < 16; i++)
		if (pages[i])
			pa_free(pages[i], 0);
	/* One order-4 block again: free for orders up to 4, lack of memory above. */
	assert_int_equal(fragmentation_index(dma32(), 4), -1000);
	assert_int_equal(fragmentation_index(dma32(), 5), 1000 - (1000 + 16000 / 32) / 1);
}

static void test_zoneinfo(void **state)
{
	pa_boot_plain(SZ_64M);
	show(zoneinfo_show);
	assert_true(strstr(report, "Node 0, zone    DMA32\n"
				   "  pages free     16381\n"
				   "        boost    0\n"
				   "        min      255\n"
				   "        low      318\n"
				   "        high     381\n"
				   "        spanned  16384\n"
				   "        present  16384\n"
				   "        managed  16381\n"
				   "        cma      0\n"
				   "        protection: (0, 0, 0)\n"
				   "      nr_free_pages 16381\n"
				   "  pagesets\n"
				   "    cpu: 0\n"
				   "              count: 0\n"
				   "              high:  18\n"
				   "              batch: 3") == report);
	assert_non_null(strstr(report, "\n  node_unreclaimable:  0\n"
				       "  start_pfn:           524288\n"
				       "Node 0, zone   Normal\n"
				       "  pages free     0\n"
				       "        boost    0\n"
				       "        min      0\n"
				       "        low      0\n"
				       "        high     0\n"
				       "        spanned  0\n"
				       "        present  0\n"
				       "        managed  0\n"
				       "        cma      0\n"
				       "        protection: (0, 0, 0)\n"
				       "Node 0, zone  Movable\n"));
}

/* Without __GFP_NOWARN a failure prints Linux's warning and the Mem-Info dump. */
static void test_alloc_failure_report(void **state)
{
	pa_boot_tiny(8, 16);
	host_printk_reset();
	assert_null(alloc_pages(GFP_KERNEL | NOWARN, 4));
	assert_string_equal(host_printk_log(), "");

	assert_null(alloc_pages(GFP_KERNEL, 4));
	assert_true(pa_log_has("swapper/0: page allocation failure: order:4, "
			       "mode:0xcc0(GFP_KERNEL), nodemask=(null)\n"));
	assert_true(pa_log_has("Mem-Info:\n free:8 free_pcp:0 free_cma:0\n"));
	assert_true(pa_log_has("Node 0 DMA32 free:32kB boost:0kB min:0kB low:0kB high:0kB "
			       "present:4096kB managed:32kB free_pcp:0kB local_pcp:0kB "
			       "free_cma:0kB\nlowmem_reserve[]: 0 0 0\n"));
	assert_true(pa_log_has("Node 0 DMA32: 0*4kB 0*8kB 0*16kB 1*32kB (M) 0*64kB 0*128kB 0*256kB "
			       "0*512kB 0*1024kB 0*2048kB 0*4096kB = 32kB\n"));
	assert_int_equal(free_of(dma32()), 8);
	pa_check();
}

/* Order MAX_ORDER and above: NULL (a warning unless __GFP_NOWARN); MAX_ORDER - 1 works. */
static void test_order_too_large(void **state)
{
	struct page *p;

	pa_boot_two_blocks();
	host_printk_reset();
	assert_null(alloc_pages(GFP_KERNEL | NOWARN, MAX_ORDER));
	assert_null(alloc_pages(GFP_KERNEL | NOWARN, 40));
	assert_string_equal(host_printk_log(), "");
	assert_null(alloc_pages(GFP_KERNEL, MAX_ORDER));
	assert_true(pa_log_has("page allocation failure: order:11, mode:0xcc0(GFP_KERNEL)"));
	assert_int_equal(nr_free_pages(), 2045);
	p = pa_alloc(0, GFP_HIGHUSER_MOVABLE | NOWARN, MAX_ORDER - 1);
	assert_int_equal(pfn_of(p), 0x80000);
	pa_free(p, MAX_ORDER - 1);
	pa_check();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_double_free_pcp),
		cmocka_unit_test(test_bad_double_free_buddy),
		cmocka_unit_test(test_bad_free_reserved),
		cmocka_unit_test(test_bad_tail_refcount),
		cmocka_unit_test(test_bad_wrong_order),
		cmocka_unit_test(test_free_unref_page_list),
		cmocka_unit_test(test_buddyinfo),
		cmocka_unit_test(test_pagetypeinfo),
		cmocka_unit_test(test_fragmentation_index),
		cmocka_unit_test(test_zoneinfo),
		cmocka_unit_test(test_alloc_failure_report),
		cmocka_unit_test(test_order_too_large),
	};

	return cmocka_run_group_tests_name("page_alloc_reports", tests, NULL, NULL);
}
