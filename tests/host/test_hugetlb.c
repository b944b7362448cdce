// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the hugetlb page pool (mm/hugetlb.c) over the real page
 * allocator on fake memory: the pool grows by order-9 blocks, as far as the
 * free memory allows and no further, shrinks back, shows itself in
 * /proc/meminfo's lines and nr_hugepages as Linux does; in memory held in
 * every other page by unmovable allocations it gets nothing, and all of it
 * once they are freed. No reclaim here (reclaim_fakes.c): a block the free
 * lists do not have is not found.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <hugetlb.h>
#include <mm.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#include "page_alloc_helpers.h"

#define NOWARN __GFP_NOWARN
#define HPAGE_NR (1UL << HUGETLB_PAGE_ORDER)

static struct hstate *h = &default_hstate;

/* The pool's blocks: each order-9 aligned, none twice, the counters agreeing. */
static void check_pool(unsigned long nr)
{
	unsigned long n = 0;
	struct page *p, *q;

	assert_int_equal(h->nr_huge_pages, nr);
	assert_int_equal(h->free_huge_pages, nr);
	assert_int_equal(h->max_huge_pages, nr);
	assert_int_equal(h->nr_allocating, 0);
	list_for_each_entry(p, &h->hugepage_freelist, lru) {
		assert_int_equal(page_to_pfn(p) % HPAGE_NR, 0);
		assert_false(PageBuddy(p));
		list_for_each_entry(q, &h->hugepage_freelist, lru)
			assert_true(p == q || page_to_pfn(p) != page_to_pfn(q));
		n++;
	}
	assert_int_equal(n, nr);
}

/* Free order-9-or-larger blocks in the zone, counted in order-9 units. */
static unsigned long free_hpage_blocks(struct zone *z)
{
	unsigned long n = 0;
	unsigned int order;

	drain_all_pages(NULL);
	for (order = HUGETLB_PAGE_ORDER; order < MAX_ORDER; order++)
		n += z->free_area[order].nr_free << (order - HUGETLB_PAGE_ORDER);
	return n;
}

/* Grow, shrink, empty: nr_free_pages() moves by 512 pages a block, and comes all back. */
static void test_grow_shrink(void **state)
{
	unsigned long before;

	pa_boot_plain(SZ_64M);
	drain_all_pages(NULL);
	before = nr_free_pages();
	set_max_huge_pages(h, 5);
	check_pool(5);
	drain_all_pages(NULL);
	assert_int_equal(nr_free_pages(), before - 5 * HPAGE_NR);
	set_max_huge_pages(h, 2);
	check_pool(2);
	drain_all_pages(NULL);
	assert_int_equal(nr_free_pages(), before - 2 * HPAGE_NR);
	set_max_huge_pages(h, 0);
	check_pool(0);
	drain_all_pages(NULL);
	assert_int_equal(nr_free_pages(), before);
	pa_check();
}

/* More than memory holds: every free block it may take (above min), and then none is left. */
static void test_as_many_as_possible(void **state)
{
	unsigned long blocks;

	pa_boot_plain(SZ_64M);
	blocks = free_hpage_blocks(dma32());
	assert_true(blocks >= 20);
	set_max_huge_pages(h, 1000);
	assert_true(h->nr_huge_pages >= blocks - 1 && h->nr_huge_pages <= blocks);
	check_pool(h->nr_huge_pages);
	assert_null(alloc_pages(GFP_HIGHUSER_MOVABLE | NOWARN, HUGETLB_PAGE_ORDER));
	set_max_huge_pages(h, 0);
	check_pool(0);
	assert_int_equal(free_hpage_blocks(dma32()), blocks);
	pa_check();
}

/*
 * Every other page held by an unmovable allocation: not one 2 MiB block is
 * free, so the pool gets nothing, and all of them once the pages go.
 */
static void test_fragmented(void **state)
{
	static struct page *held[SZ_8M / PAGE_SIZE];
	unsigned long n = 0, i, blocks;
	struct page *p;

	pa_boot_plain(SZ_8M);
	blocks = free_hpage_blocks(dma32());
	assert_true(blocks >= 2);
	while ((p = alloc_pages(GFP_KERNEL | NOWARN, 0)))
		held[n++] = p;
	for (i = 0; i < n; i++)
		if (page_to_pfn(held[i]) & 1) {
			__free_pages(held[i], 0);
			held[i] = NULL;
		}
	drain_all_pages(NULL);
	assert_true(nr_free_pages() >= n / 2 - 64);
	set_max_huge_pages(h, 4);
	check_pool(0);
	for (i = 0; i < n; i++)
		if (held[i])
			__free_pages(held[i], 0);
	set_max_huge_pages(h, 4);
	assert_int_equal(h->nr_huge_pages, min(4UL, blocks));
	check_pool(h->nr_huge_pages);
	set_max_huge_pages(h, 0);
	pa_check();
}

/* /proc/meminfo's lines and /proc/sys/vm/nr_hugepages, in Linux's formats. */
static void test_reports(void **state)
{
	char buf[512];
	struct seq_buf m;

	pa_boot_plain(SZ_64M);
	assert_int_equal(hugetlb_sysctl_handler(3), 0);
	seq_buf_init(&m, buf, sizeof(buf));
	hugetlb_report_meminfo(&m);
	assert_string_equal(buf, "HugePages_Total:       3\n"
				 "HugePages_Free:        3\n"
				 "HugePages_Rsvd:        0\n"
				 "HugePages_Surp:        0\n"
				 "Hugepagesize:       2048 kB\n"
				 "Hugetlb:            6144 kB\n");
	seq_buf_init(&m, buf, sizeof(buf));
	hugetlb_sysctl_show(&m);
	assert_string_equal(buf, "3\n");
	/* proc_doulongvec_minmax(): no negative number; the pool stays. */
	assert_int_equal(hugetlb_sysctl_handler(-1), -EINVAL);
	check_pool(3);
	assert_int_equal(hugetlb_sysctl_handler(0), 0);
	check_pool(0);
	pa_check();
}

/* MAP_HUGETLB's sizes: the default (0) and 2 MiB have a pool, 1 GiB and 64 KiB not. */
static void test_hstate_sizelog(void **state)
{
	assert_ptr_equal(hstate_sizelog(0), h);
	assert_ptr_equal(hstate_sizelog(21), h);
	assert_null(hstate_sizelog(30));
	assert_null(hstate_sizelog(16));
	assert_int_equal(HPAGE_SIZE, 2UL << 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow_shrink),    cmocka_unit_test(test_as_many_as_possible),
		cmocka_unit_test(test_fragmented),     cmocka_unit_test(test_reports),
		cmocka_unit_test(test_hstate_sizelog),
	};

	return cmocka_run_group_tests_name("hugetlb", tests, NULL, NULL);
}
