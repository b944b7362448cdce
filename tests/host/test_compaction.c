// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of memory compaction (mm/compaction.c) over the whole
 * memory manager in fake memory: a process maps nearly all free memory,
 * fills every page with a pattern, then gives back every other page
 * (MADV_DONTNEED), which leaves no free block of order 9; compaction, by
 * /proc/sys/vm/compact_memory's handler and by an order-9 allocation
 * (direct compaction), must then free such a block. A checker verifies
 * that no page is lost (the free count is the same before and after:
 * compaction only moves pages), that every word of every page the process
 * still maps is intact, that each PTE maps a live anonymous page of the
 * LRU, and that no page moved into a pageblock that is not movable. Also:
 * deferral after a failure (every page pinned), mlocked pages left alone
 * while compact_unevictable_allowed is 0, and the sysctls' ranges.
 *
 * One boot serves the program, without swap (reclaim frees nothing): the
 * pages are moved by mm/migrate.c, never written out.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include <compaction.h>
#include <gfp.h>
#include <vmstat.h>

#include "mmap_helpers.h"

#include "../../mm/internal.h" /* struct alloc_context */

#define PG PAGE_SIZE
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define WORDS (PG / sizeof(u64))
#define ORDER 9

static int group_setup(void **state)
{
	mf_boot(SZ_32M);
	return 0;
}

static struct zone *zone(void)
{
	return &NODE_DATA(0)->node_zones[ZONE_DMA32];
}

static u64 pattern(unsigned long va, unsigned long i, u64 tag)
{
	return (va * 0x9e3779b97f4a7c15ULL) ^ (i << 3) ^ (tag << 40);
}

/* The frame the PTE at @va maps (which must be present). */
static unsigned long pte_pfn_of(struct mm_struct *mm, unsigned long va)
{
	u64 pte = sv39_pte(mm, va);

	assert_true(pte & SV39_V);
	return SV39_PPN(pte);
}

static void fill_page(struct mm_struct *mm, unsigned long va, u64 tag)
{
	u64 *w;
	unsigned long i;

	assert_int_equal(user_store(mm, va, pattern(va, 0, tag)), 0);
	w = __va(pte_pfn_of(mm, va) << PAGE_SHIFT);
	for (i = 1; i < WORDS; i++)
		w[i] = pattern(va, i, tag);
}

static void check_page(struct mm_struct *mm, unsigned long va, u64 tag)
{
	const u64 *w = __va(pte_pfn_of(mm, va) << PAGE_SHIFT);
	unsigned long i;

	for (i = 0; i < WORDS; i++)
		if (w[i] != pattern(va, i, tag))
			fail_msg("word %lu of the page at %#lx is %#llx, not %#llx", i, va,
				 (unsigned long long)w[i], (unsigned long long)pattern(va, i, tag));
}

/* Free blocks of @order or larger in the zone. */
static unsigned long free_blocks_from(unsigned int order)
{
	unsigned long n = 0;

	for (; order < MAX_ORDER; order++)
		n += zone()->free_area[order].nr_free;
	return n;
}

/* The fragmented memory of one process: its pages at a, a + 2 PG, ... (n of them). */
struct frag {
	struct mm_struct *mm;
	unsigned long a, n, baseline;
	unsigned long *pfn; /* the frame of each page before compaction */
};

/*
 * Map all free memory but a margin above the high watermark (no reclaim),
 * fill it, give back every other page, and record where each page lives.
 * No free block of @order is left.
 */
static void fragment(struct frag *f, u64 tag)
{
	unsigned long total, va, i;

	f->baseline = sl_settle();
	total = f->baseline - high_wmark_pages(zone()) - 64;
	f->mm = mm_alloc();
	assert_non_null(f->mm);
	f->a = ksys_mmap_pgoff(f->mm, 0, total * PG, RW, ANON, -1UL, 0);
	assert_false(IS_ERR_VALUE(f->a));
	for (va = f->a; va < f->a + total * PG; va += PG)
		fill_page(f->mm, va, tag);
	for (va = f->a + PG; va < f->a + total * PG; va += 2 * PG)
		assert_int_equal(ksys_madvise(f->mm, va, PG, MADV_DONTNEED), 0);
	f->n = (total + 1) / 2;
	f->pfn = calloc(f->n, sizeof(*f->pfn));
	assert_non_null(f->pfn);
	for (i = 0; i < f->n; i++)
		f->pfn[i] = pte_pfn_of(f->mm, f->a + 2 * i * PG);
	sl_free_pages(); /* drained: the pages given back are on the buddy lists */
	assert_int_equal(free_blocks_from(ORDER), 0);
}

/*
 * Every page the process kept: its words intact, its PTE on an anonymous,
 * mapped, LRU page, and, if it moved, in a movable pageblock. Returns how
 * many moved.
 */
static unsigned long check_frag(struct frag *f, u64 tag)
{
	unsigned long i, moved = 0;

	for (i = 0; i < f->n; i++) {
		unsigned long va = f->a + 2 * i * PG, pfn = pte_pfn_of(f->mm, va);
		struct page *page = pfn_to_page(pfn);

		check_page(f->mm, va, tag);
		assert_true(PageAnon(page) && PageLRU(page) && !PageBuddy(page));
		assert_int_equal(page_mapcount(page), 1);
		assert_true(page_ref_count(page) >= 1);
		if (pfn == f->pfn[i])
			continue;
		moved++;
		if (get_pageblock_migratetype(page) != MIGRATE_MOVABLE)
			fail_msg("page %#lx moved from pfn %#lx into pfn %#lx of a %s pageblock",
				 va, f->pfn[i], pfn,
				 migratetype_names[get_pageblock_migratetype(page)]);
	}
	return moved;
}

/* Every page back: the free count of the start. */
static void unfragment(struct frag *f)
{
	mf_check(f->mm);
	mmput(f->mm);
	free(f->pfn);
	assert_int_equal(sl_settle(), f->baseline);
}

/* ============================================================ tests */

/* echo 1 > /proc/sys/vm/compact_memory: order-9 blocks come back, nothing lost or changed. */
static void test_compact_memory(void **state)
{
	unsigned long scanned = vm_events[COMPACTMIGRATE_SCANNED];
	unsigned long isolated = vm_events[COMPACTISOLATED], free, rss, moved;
	struct frag f;

	fragment(&f, 1);
	free = sl_free_pages();
	rss = f.mm->rss;
	assert_true(fragmentation_index(zone(), ORDER) > sysctl_extfrag_threshold);
	assert_int_equal(sysctl_compaction_handler(1), 0);
	assert_true(free_blocks_from(ORDER) > 0);
	assert_int_equal(fragmentation_index(zone(), ORDER), -1000);
	/* Moved, not freed nor allocated: the same free pages, the same resident set. */
	assert_int_equal(sl_free_pages(), free);
	assert_int_equal(f.mm->rss, rss);
	moved = check_frag(&f, 1);
	assert_true(moved >= 512);
	assert_true(vm_events[COMPACTMIGRATE_SCANNED] > scanned);
	/* Each page moved took one target and was one isolated page. */
	assert_true(vm_events[COMPACTISOLATED] - isolated >= 2 * moved);
	/* The writes land in the new frames. */
	for (unsigned long i = 0; i < f.n; i += 97)
		fill_page(f.mm, f.a + 2 * i * PG, 2);
	for (unsigned long i = 0; i < f.n; i += 97)
		check_page(f.mm, f.a + 2 * i * PG, 2);
	unfragment(&f);
}

/* An order-9 allocation that cannot be met from the free lists compacts and succeeds. */
static void test_direct_compaction(void **state)
{
	unsigned long stall = vm_events[COMPACTSTALL], success = vm_events[COMPACTSUCCESS];
	unsigned long fail = vm_events[COMPACTFAIL];
	struct page *page;
	struct frag f;

	fragment(&f, 3);
	assert_false(zone_watermark_ok(zone(), ORDER, low_wmark_pages(zone()), ZONE_DMA32, 0));
	page = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, ORDER);
	assert_non_null(page);
	assert_true(IS_ALIGNED(page_to_pfn(page), 1UL << ORDER));
	/* Async compaction first, maybe sync-light after it: the last one succeeded. */
	assert_true(vm_events[COMPACTSTALL] - stall >= 1);
	assert_int_equal(vm_events[COMPACTSUCCESS] - success, 1);
	assert_int_equal(vm_events[COMPACTFAIL] - fail, vm_events[COMPACTSTALL] - stall - 1);
	/* Not deferred: the allocation succeeded. */
	assert_int_equal(zone()->compact_defer_shift, 0);
	assert_true(zone()->compact_order_failed > ORDER);
	check_frag(&f, 3);
	__free_pages(page, ORDER);
	unfragment(&f);
}

/*
 * Every page pinned (an extra reference, as get_user_pages() takes):
 * nothing can move, sync compaction fails and is deferred; the next
 * attempts are skipped, and a lower order is not.
 */
static void test_failure_defers(void **state)
{
	struct alloc_context ac = { .zonelist = &NODE_DATA(0)->node_zonelists[ZONELIST_FALLBACK],
				    .highest_zoneidx = ZONE_DMA32,
				    .migratetype = MIGRATE_MOVABLE };
	enum compact_result rc;
	unsigned long i;
	struct frag f;

	ac.preferred_zoneref = first_zones_zonelist(ac.zonelist, ac.highest_zoneidx);
	fragment(&f, 4);
	for (i = 0; i < f.n; i++)
		get_page(pfn_to_page(f.pfn[i]));
	rc = try_to_compact_pages(GFP_HIGHUSER_MOVABLE, ORDER, ALLOC_WMARK_MIN, &ac,
				  COMPACT_PRIO_SYNC_LIGHT);
	assert_true(rc == COMPACT_COMPLETE || rc == COMPACT_PARTIAL_SKIPPED);
	assert_int_equal(free_blocks_from(ORDER), 0);
	assert_int_equal(zone()->compact_defer_shift, 1);
	assert_int_equal(zone()->compact_order_failed, ORDER);
	/* 1 << 1 attempts: the first is skipped, the second runs again. */
	rc = try_to_compact_pages(GFP_HIGHUSER_MOVABLE, ORDER, ALLOC_WMARK_MIN, &ac,
				  COMPACT_PRIO_SYNC_LIGHT);
	assert_int_equal(rc, COMPACT_DEFERRED);
	assert_false(compaction_deferred(zone(), ORDER));
	assert_false(compaction_deferred(zone(), ORDER - 1));
	for (i = 0; i < f.n; i++)
		assert_int_equal(pte_pfn_of(f.mm, f.a + 2 * i * PG), f.pfn[i]);
	for (i = 0; i < f.n; i++)
		put_page(pfn_to_page(f.pfn[i]));
	check_frag(&f, 4);
	compaction_defer_reset(zone(), ORDER, true);
	unfragment(&f);
}

/*
 * compact_unevictable_allowed 0: mlocked pages (mapped by a VM_LOCKED VMA)
 * stay where they are, and nothing else can move here; 1 (Linux's
 * default): they move, still locked.
 */
static void test_unevictable(void **state)
{
	struct frag f;
	unsigned long i;

	fragment(&f, 5);
	assert_int_equal(ksys_mlock(f.mm, f.a, (2 * f.n - 1) * PG, MLOCK_ONFAULT), 0);
	assert_int_equal(sysctl_compact_unevictable_allowed_handler(0), 0);
	assert_int_equal(sysctl_compaction_handler(1), 0);
	for (i = 0; i < f.n; i++)
		assert_int_equal(pte_pfn_of(f.mm, f.a + 2 * i * PG), f.pfn[i]);
	assert_int_equal(free_blocks_from(ORDER), 0);
	assert_int_equal(sysctl_compact_unevictable_allowed_handler(1), 0);
	assert_int_equal(sysctl_compaction_handler(1), 0);
	assert_true(check_frag(&f, 5) >= 512);
	assert_true(free_blocks_from(ORDER) > 0);
	unfragment(&f);
}

/* Linux's deferral arithmetic: 1, 2, 4 ... 64 attempts skipped, reset by a success. */
static void test_defer_arithmetic(void **state)
{
	struct zone *z = zone();
	int round, skipped;

	for (round = 1; round <= 8; round++) {
		defer_compaction(z, 5);
		for (skipped = 0; compaction_deferred(z, 5); skipped++)
			assert_false(compaction_deferred(z, 4)); /* below the failed order */
		assert_int_equal(skipped, (1 << min(round, 6)) - 1);
	}
	compaction_defer_reset(z, 5, true);
	assert_int_equal(z->compact_defer_shift, 0);
	assert_int_equal(z->compact_order_failed, 6);
	assert_false(compaction_deferred(z, 5));
}

/* The sysctls take Linux's ranges, -EINVAL outside. */
static void test_sysctls(void **state)
{
	assert_int_equal(sysctl_extfrag_threshold, 500);
	assert_int_equal(sysctl_compact_unevictable_allowed, 1);
	assert_int_equal(sysctl_extfrag_threshold_handler(1001), -EINVAL);
	assert_int_equal(sysctl_extfrag_threshold_handler(-1), -EINVAL);
	assert_int_equal(sysctl_extfrag_threshold_handler(1000), 0);
	assert_int_equal(sysctl_extfrag_threshold, 1000);
	assert_int_equal(sysctl_extfrag_threshold_handler(500), 0);
	assert_int_equal(sysctl_compact_unevictable_allowed_handler(2), -EINVAL);
	assert_int_equal(sysctl_compact_unevictable_allowed_handler(0), 0);
	assert_int_equal(sysctl_compact_unevictable_allowed_handler(1), 0);
	/* compact_memory accepts 1 only (and keeps the value written). */
	assert_int_equal(sysctl_compaction_handler(2), -EINVAL);
	assert_int_equal(sysctl_compact_memory, 2);
	assert_int_equal(sysctl_compaction_handler(0x80000000L), -EINVAL);
	assert_int_equal(sysctl_compaction_handler(1), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compact_memory),	 cmocka_unit_test(test_direct_compaction),
		cmocka_unit_test(test_failure_defers),	 cmocka_unit_test(test_unevictable),
		cmocka_unit_test(test_defer_arithmetic), cmocka_unit_test(test_sysctls),
	};

	return cmocka_run_group_tests_name("compaction", tests, group_setup, NULL);
}
