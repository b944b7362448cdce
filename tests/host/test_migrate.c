// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of page migration (mm/migrate.c) over the real page
 * tables, reverse map, swap cache and shmem objects in fake memory (32 MiB),
 * seen as a hart sees them (mmu_fakes.c): anonymous pages mapped by one mm
 * and, after fork, by two; pages in the swap cache, mapped or only there;
 * shmem pages mapped by two mms; mapped PROT_NONE, read-only, clean or
 * mlocked. After each move: every word of every page as it was, every PTE
 * names the new frame with the same permission, A and D bits as before,
 * the old frames are free again, the new pages are where the old ones were
 * (LRU list, swap cache slot, shmem slot, rmap) and the counters
 * (pgmigrate_success/_fail, NR_ISOLATED_ANON, rss) right. A page someone
 * holds a reference to, or that is locked under MIGRATE_ASYNC, fails and
 * stays as it was. The migration entries themselves: a fault on one waits
 * for the page lock and then finds the new page; munmap, fork, mprotect,
 * mremap, mincore and MADV_FREE meet them.
 *
 * One boot serves the program; every test makes its own mms and ends with
 * every page, LRU entry and swap slot back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <migrate.h>
#include <pagemap.h>
#include <rmap.h>
#include <swap.h>
#include <swapops.h>
#include <vmstat.h>

#include "blk_fakes.h"
#include "host_printk.h"
#include "mmap_helpers.h"
#include "sched_fakes.h"

#define PG PAGE_SIZE
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define WORDS (PG / sizeof(u64))
#define PPN_BITS (((1UL << 44) - 1) << 10)
#define NPAGES 16

static int group_setup(void **state)
{
	const char *dir = getenv("LOAM_SWAP_DIR");
	char path[4096];

	mf_boot(SZ_32M);
	snprintf(path, sizeof(path), "%s/mkswap-16M.img", dir && *dir ? dir : "build/tests/swap");
	host_disk_create("vda", path, 0);
	host_printk_reset();
	swap_setup();
	assert_true(total_swap_pages > 0);
	return 0;
}

/* ============================================================ helpers */

struct baseline {
	unsigned long free, lru, succeeded, failed;
	long swap;
};

static unsigned long node_stat(enum node_stat_item item)
{
	return node_page_state(NODE_DATA(0), item);
}

static unsigned long lru_pages(void)
{
	return node_stat(NR_INACTIVE_ANON) + node_stat(NR_ACTIVE_ANON) +
	       node_stat(NR_INACTIVE_FILE) + node_stat(NR_ACTIVE_FILE);
}

static struct mm_struct *new_mm(struct baseline *b)
{
	struct mm_struct *mm;

	*b = (struct baseline){ sl_settle(), lru_pages(), vm_events[PGMIGRATE_SUCCESS],
				vm_events[PGMIGRATE_FAIL], get_nr_swap_pages() };
	mm = mm_alloc();
	assert_non_null(mm);
	return mm;
}

/* Every page, LRU entry and swap slot back, nothing left isolated. */
static void put_mm(struct mm_struct *mm, const struct baseline *b)
{
	mf_check(mm);
	mmput(mm);
	assert_int_equal(node_stat(NR_ISOLATED_ANON), 0);
	assert_int_equal(lru_pages(), b->lru);
	assert_int_equal(get_nr_swap_pages(), b->swap);
	assert_int_equal(sl_settle(), b->free);
}

static unsigned long map(struct mm_struct *mm, unsigned long pages, unsigned long flags)
{
	long ret = ksys_mmap_pgoff(mm, 0, pages * PG, RW, flags, -1UL, 0);

	assert_false(IS_ERR_VALUE(ret));
	return ret;
}

static u64 pattern(unsigned long va, unsigned long i, u64 tag)
{
	return (va * 0x9e3779b97f4a7c15ULL) ^ (i << 3) ^ (tag << 40);
}

/* The page a PTE (present or PROT_NONE) names. */
static struct page *pte_page(u64 pte)
{
	return pfn_to_page(SV39_PPN(pte));
}

/* A program's stores to every word of the page at @va (the first one faults it in). */
static void fill_page(struct mm_struct *mm, unsigned long va, u64 tag)
{
	unsigned long i;
	u64 *w;

	assert_int_equal(user_store(mm, va, pattern(va, 0, tag)), 0);
	w = page_address(pte_page(sv39_pte(mm, va)));
	for (i = 1; i < WORDS; i++)
		w[i] = pattern(va, i, tag);
}

static void check_words(const u64 *w, unsigned long va, u64 tag)
{
	unsigned long i;

	for (i = 0; i < WORDS; i++)
		if (w[i] != pattern(va, i, tag))
			fail_msg("word %lu of the page at %#lx is %#llx, not %#llx", i, va,
				 (unsigned long long)w[i], (unsigned long long)pattern(va, i, tag));
}

/* Take the page @pte maps off its LRU list onto @list, as compaction's scanner does. */
static struct page *isolate(u64 pte, struct list_head *list)
{
	struct page *page = pte_page(pte);

	assert_true(isolate_lru_page(page));
	list_add_tail(&page->lru, list);
	return page;
}

/*
 * What migrate_pages() asked of the callbacks; new pages fail after
 * @fail_after (0: never). The new pages come from @pool while it lasts
 * (filled before the move, as compaction's free scanner isolates its
 * pages first), so that an old frame freed by the move is not the next
 * new one: the test sees it free.
 */
struct target {
	unsigned long allocs, puts, fail_after;
	struct page *pool[NPAGES];
	int npool;
};

static void fill_pool(struct target *t)
{
	for (t->npool = 0; t->npool < NPAGES; t->npool++) {
		t->pool[t->npool] = alloc_page(GFP_HIGHUSER_MOVABLE);
		assert_non_null(t->pool[t->npool]);
	}
}

static struct page *new_page(struct page *page, unsigned long private)
{
	struct target *t = (struct target *)private;

	if (t->fail_after && t->allocs >= t->fail_after)
		return NULL;
	t->allocs++;
	return t->npool ? t->pool[--t->npool] : alloc_page(GFP_HIGHUSER_MOVABLE);
}

static void put_new_page(struct page *page, unsigned long private)
{
	((struct target *)private)->puts++;
	put_page(page);
}

static int migrate(struct list_head *list, enum migrate_mode mode, struct target *t,
		   unsigned int *succeeded)
{
	return migrate_pages(list, new_page, put_new_page, (unsigned long)t, mode, MR_COMPACTION,
			     succeeded);
}

/*
 * @after is @before moved: another frame, the same bits otherwise (V, R, W,
 * X, U, A, D and the PROT_NONE bit); the old frame free, the new one mapped
 * @maps times, with one reference per PTE plus @extra (swap cache, object).
 */
static void check_moved(u64 before, u64 after, int maps, int extra)
{
	struct page *old = pte_page(before), *new = pte_page(after);

	assert_int_not_equal(SV39_PPN(before), SV39_PPN(after));
	assert_int_equal(before & ~PPN_BITS, after & ~PPN_BITS);
	assert_int_equal(page_ref_count(old), 0);
	assert_int_equal(page_mapcount(old), 0);
	assert_int_equal(page_mapcount(new), maps);
	assert_int_equal(page_ref_count(new), maps + extra);
	assert_true(PageLRU(new));
	assert_false(PageLocked(new));
}

/* ============================================================ tests */

/*
 * Anonymous pages of one mm, with every kind of PTE: written (W, A, D),
 * written then cleaned (W and A without D), read-only (mprotect), PROT_NONE, old (A clear), mlocked.
 * Every page moves; PTEs, contents, rmap, LRU and counters follow.
 */
static void test_migrate_anon(void **state)
{
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);
	unsigned long a = map(mm, NPAGES, ANON), p, active, inactive, anon, free;
	struct target t = { 0 };
	u64 before[NPAGES];
	unsigned int ok = 0;
	LIST_HEAD(list);

	for (p = 0; p < NPAGES; p++)
		fill_page(mm, a + p * PG, 1);
	active = node_stat(NR_ACTIVE_ANON) + 1; /* page 7 will be */
	inactive = node_stat(NR_INACTIVE_ANON) - 1;
	anon = node_stat(NR_ANON_MAPPED);
	*sv39_walk(mm->pgd, a + 1 * PG) &= ~SV39_D; /* cleaned */
	*sv39_walk(mm->pgd, a + 2 * PG) &= ~SV39_A; /* old */
	assert_int_equal(ksys_mprotect(mm, a + 3 * PG, 2 * PG, PROT_READ), 0);
	assert_int_equal(ksys_mprotect(mm, a + 5 * PG, PG, PROT_NONE), 0);
	assert_int_equal(ksys_mlock(mm, a + 6 * PG, PG, 0), 0);
	for (p = 0; p < NPAGES; p++) {
		before[p] = sv39_pte(mm, a + p * PG);
		isolate(before[p], &list);
	}
	assert_int_equal(node_stat(NR_ISOLATED_ANON), NPAGES);
	SetPageActive(pte_page(before[7])); /* as reclaim marks a referenced page it put back */
	assert_false(before[5] & SV39_V); /* PROT_NONE: V clear, the page kept */

	free = sl_settle();
	fill_pool(&t);
	assert_int_equal(migrate(&list, MIGRATE_SYNC, &t, &ok), 0);
	/* The old frames went back: as many free pages as before the new ones were taken. */
	assert_int_equal(sl_settle(), free);
	assert_true(list_empty(&list));
	assert_int_equal(ok, NPAGES);
	assert_int_equal(t.allocs, NPAGES);
	assert_int_equal(t.puts, 0);
	assert_int_equal(vm_events[PGMIGRATE_SUCCESS] - b.succeeded, NPAGES);
	assert_int_equal(vm_events[PGMIGRATE_FAIL] - b.failed, 0);
	assert_int_equal(node_stat(NR_ISOLATED_ANON), 0);
	assert_int_equal(node_stat(NR_ANON_MAPPED), anon);
	/* On the list the old page was on: the isolated ones count back, one active. */
	assert_int_equal(node_stat(NR_INACTIVE_ANON), inactive);
	assert_int_equal(node_stat(NR_ACTIVE_ANON), active);
	for (p = 0; p < NPAGES; p++) {
		u64 after = sv39_pte(mm, a + p * PG);
		struct page *new = pte_page(after);

		check_moved(before[p], after, 1, 0);
		check_words(page_address(new), a + p * PG, 1);
		assert_true(PageAnon(new) && PageSwapBacked(new));
		assert_int_equal(new->index, (a + p * PG) >> PAGE_SHIFT);
		assert_int_equal(PageActive(new), p == 7);
		/* D moved to PG_dirty (try_to_migrate_one()), so the PTE could keep it. */
		assert_int_equal(PageDirty(new), p != 1);
	}
	assert_int_equal(mm->rss, NPAGES);
	/* The moved pages work as pages: COW-free writes, PROT_NONE back to RW, munmap. */
	assert_int_equal(ksys_mprotect(mm, a, NPAGES * PG, RW), 0);
	for (p = 0; p < NPAGES; p++)
		fill_page(mm, a + p * PG, 2);
	for (p = 0; p < NPAGES; p++)
		check_words(page_address(pte_page(sv39_pte(mm, a + p * PG))), a + p * PG, 2);
	put_mm(mm, &b);
}

/*
 * After fork: each page is mapped by the parent and the child (read-only in
 * both, copy-on-write). One move remaps both, through the anon_vma; then a
 * write in the child copies, and the parent keeps what it had.
 */
static void test_migrate_forked(void **state)
{
	struct baseline b;
	struct mm_struct *mm = new_mm(&b), *child = mm_alloc();
	unsigned long a = map(mm, NPAGES, ANON), p;
	u64 before[NPAGES], cbefore[NPAGES];
	struct target t = { 0 };
	unsigned int ok;
	LIST_HEAD(list);
	u64 v;

	for (p = 0; p < NPAGES; p++)
		fill_page(mm, a + p * PG, 3);
	assert_non_null(child);
	assert_int_equal(dup_mmap(child, mm), 0);
	/* The child reads half the pages: A set there only. */
	for (p = 0; p < NPAGES; p += 2)
		assert_int_equal(user_load(child, a + p * PG, &v), 0);
	for (p = 0; p < NPAGES; p++) {
		before[p] = sv39_pte(mm, a + p * PG);
		cbefore[p] = sv39_pte(child, a + p * PG);
		assert_int_equal(SV39_PPN(before[p]), SV39_PPN(cbefore[p]));
		assert_false(before[p] & SV39_W);
		isolate(before[p], &list);
	}
	fill_pool(&t);
	assert_int_equal(migrate(&list, MIGRATE_SYNC, &t, &ok), 0);
	assert_int_equal(ok, NPAGES);
	for (p = 0; p < NPAGES; p++) {
		u64 after = sv39_pte(mm, a + p * PG), cafter = sv39_pte(child, a + p * PG);

		assert_int_equal(SV39_PPN(after), SV39_PPN(cafter));
		check_moved(before[p], after, 2, 0);
		assert_int_equal(cbefore[p] & ~PPN_BITS, cafter & ~PPN_BITS);
		check_words(page_address(pte_page(after)), a + p * PG, 3);
	}
	mf_check(mm);
	mf_check(child);
	/* Copy-on-write still works on the moved pages: the child's writes stay its own. */
	for (p = 0; p < NPAGES; p++)
		fill_page(child, a + p * PG, 4);
	for (p = 0; p < NPAGES; p++) {
		check_words(page_address(pte_page(sv39_pte(mm, a + p * PG))), a + p * PG, 3);
		check_words(page_address(pte_page(sv39_pte(child, a + p * PG))), a + p * PG, 4);
	}
	mf_check(child);
	mmput(child);
	put_mm(mm, &b);
}

/*
 * Pages in the swap cache: mapped (a slot taken, as reclaim's add_to_swap())
 * and only in the cache (their PTEs swap entries, as reclaim's
 * try_to_unmap() leaves them before the page is freed). The new page takes
 * the slot: a lookup finds it, the fault maps it, the old page is free.
 */
static void test_migrate_swapcache(void **state)
{
	struct tlbflush_batch batch = { 0 };
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);
	unsigned long a = map(mm, NPAGES, ANON), p;
	struct page *old[NPAGES], *page;
	swp_entry_t entry[NPAGES];
	struct target t = { 0 };
	u64 before[NPAGES];
	unsigned int ok;
	LIST_HEAD(list);
	u64 v;

	for (p = 0; p < NPAGES; p++) {
		fill_page(mm, a + p * PG, 5);
		page = old[p] = pte_page(sv39_pte(mm, a + p * PG));
		lock_page(page);
		assert_true(add_to_swap(page));
		entry[p].val = page->private;
		if (p % 2) {
			/* Only in the cache: the PTE becomes the swap entry (D cleared: "written"). */
			*sv39_walk(mm->pgd, a + p * PG) &= ~SV39_D;
			assert_true(try_to_unmap(page, &batch));
		}
		unlock_page(page);
	}
	try_to_unmap_flush(&batch);
	for (p = 0; p < NPAGES; p++) {
		before[p] = sv39_pte(mm, a + p * PG);
		assert_true(isolate_lru_page(old[p]));
		list_add_tail(&old[p]->lru, &list);
	}
	fill_pool(&t);
	assert_int_equal(migrate(&list, MIGRATE_SYNC, &t, &ok), 0);
	assert_int_equal(ok, NPAGES);
	for (p = 0; p < NPAGES; p++) {
		page = lookup_swap_cache(entry[p]);
		assert_non_null(page);
		assert_ptr_not_equal(page, old[p]);
		assert_true(PageSwapCache(page) && page->private == entry[p].val);
		assert_false(PageSwapCache(old[p]));
		assert_int_equal(page_ref_count(old[p]), 0);
		check_words(page_address(page), a + p * PG, 5);
		if (p % 2) {
			/* The swap PTE was left alone; the fault finds the new page in the cache. */
			assert_int_equal(sv39_pte(mm, a + p * PG), before[p]);
			assert_int_equal(page_ref_count(page),
					 1 + 1); /* the cache's, the lookup's */
			assert_int_equal(user_load(mm, a + p * PG, &v), 0);
			assert_ptr_equal(pte_page(sv39_pte(mm, a + p * PG)), page);
		} else {
			check_moved(before[p], sv39_pte(mm, a + p * PG), 1, 1 + 1);
		}
		put_page(page);
		check_words(page_address(pte_page(sv39_pte(mm, a + p * PG))), a + p * PG, 5);
	}
	put_mm(mm, &b);
}

/*
 * Shared anonymous memory (a shmem object) mapped by two mms: the new page
 * takes the old one's slot in the object (a lookup through a fault after
 * MADV_DONTNEED finds it), both mms' PTEs are remapped through the file's
 * i_mmap, Shmem stays as it was.
 */
static void test_migrate_shmem(void **state)
{
	struct baseline b;
	struct mm_struct *mm = new_mm(&b), *child = mm_alloc();
	unsigned long shmem0 = node_stat(NR_SHMEM), a, p;
	u64 before[NPAGES], cbefore[NPAGES];
	struct target t = { 0 };
	unsigned int ok;
	LIST_HEAD(list);
	u64 v;

	a = map(mm, NPAGES, MAP_SHARED | MAP_ANONYMOUS);
	assert_non_null(child);
	assert_int_equal(dup_mmap(child, mm), 0);
	for (p = 0; p < NPAGES; p++)
		fill_page(p % 2 ? mm : child, a + p * PG, 6);
	/* Both map every page (the other one reads it). */
	for (p = 0; p < NPAGES; p++)
		assert_int_equal(user_load(p % 2 ? child : mm, a + p * PG, &v), 0);
	for (p = 0; p < NPAGES; p++) {
		before[p] = sv39_pte(mm, a + p * PG);
		cbefore[p] = sv39_pte(child, a + p * PG);
		isolate(before[p], &list);
	}
	fill_pool(&t);
	assert_int_equal(migrate(&list, MIGRATE_SYNC, &t, &ok), 0);
	assert_int_equal(ok, NPAGES);
	assert_int_equal(node_stat(NR_SHMEM), shmem0 + NPAGES);
	for (p = 0; p < NPAGES; p++) {
		u64 after = sv39_pte(mm, a + p * PG), cafter = sv39_pte(child, a + p * PG);
		struct page *new = pte_page(after);

		check_moved(before[p], after, 2, 1);
		assert_int_equal(SV39_PPN(after), SV39_PPN(cafter));
		assert_int_equal(cbefore[p] & ~PPN_BITS, cafter & ~PPN_BITS);
		assert_false(PageAnon(new));
		assert_non_null(new->mapping);
		assert_null(pte_page(before[p])->mapping);
		assert_int_equal(new->index, p);
		check_words(page_address(new), a + p * PG, 6);
	}
	/* Unmapped everywhere, then faulted in again: the object gives the new page. */
	assert_int_equal(ksys_madvise(mm, a, NPAGES * PG, MADV_DONTNEED), 0);
	for (p = 0; p < NPAGES; p++) {
		assert_int_equal(user_load(mm, a + p * PG, &v), 0);
		assert_int_equal(SV39_PPN(sv39_pte(mm, a + p * PG)),
				 SV39_PPN(sv39_pte(child, a + p * PG)));
		check_words(page_address(pte_page(sv39_pte(mm, a + p * PG))), a + p * PG, 6);
	}
	mf_check(child);
	mmput(child);
	put_mm(mm, &b);
	assert_int_equal(node_stat(NR_SHMEM), shmem0);
}

/*
 * A page someone else holds (a reference, as vmsplice()'s pipe holds one)
 * fails every pass, is counted failed once and stays on the list, mapped as
 * it was; its neighbours move. A locked page under MIGRATE_ASYNC fails the
 * same way without sleeping. putback_movable_pages() gives both back.
 */
static void test_migrate_held(void **state)
{
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);
	unsigned long a = map(mm, 3, ANON), p, calls = host_schedule_calls;
	struct page *pinned, *locked;
	struct target t = { 0 };
	unsigned int ok;
	LIST_HEAD(list);
	u64 before[3];

	for (p = 0; p < 3; p++) {
		fill_page(mm, a + p * PG, 7);
		before[p] = sv39_pte(mm, a + p * PG);
	}
	pinned = isolate(before[0], &list);
	isolate(before[1], &list);
	get_page(pinned);
	assert_int_equal(migrate(&list, MIGRATE_SYNC, &t, &ok), 1);
	assert_int_equal(ok, 1);
	assert_int_equal(vm_events[PGMIGRATE_SUCCESS] - b.succeeded, 1);
	assert_int_equal(vm_events[PGMIGRATE_FAIL] - b.failed, 1);
	/* Ten passes, each with a new page given back unused. */
	assert_int_equal(t.allocs, 1 + 10);
	assert_int_equal(t.puts, 10);
	assert_true(list_is_singular(&list));
	assert_ptr_equal(list_first_entry(&list, struct page, lru), pinned);
	assert_int_equal(sv39_pte(mm, a), before[0]);
	assert_int_equal(page_mapcount(pinned), 1);
	assert_int_equal(page_ref_count(pinned), 3); /* the PTE's, the isolation's, ours */
	check_words(page_address(pinned), a, 7);
	check_moved(before[1], sv39_pte(mm, a + PG), 1, 0);
	putback_movable_pages(&list);
	assert_true(PageLRU(pinned));
	put_page(pinned);

	locked = isolate(before[2], &list);
	assert_true(trylock_page(locked));
	t = (struct target){ 0 };
	assert_int_equal(migrate(&list, MIGRATE_ASYNC, &t, &ok), 1);
	assert_int_equal(ok, 0);
	assert_int_equal(host_schedule_calls, calls);
	assert_int_equal(t.allocs, t.puts);
	assert_int_equal(sv39_pte(mm, a + 2 * PG), before[2]);
	unlock_page(locked);
	putback_movable_pages(&list);
	assert_int_equal(node_stat(NR_ISOLATED_ANON), 0);
	for (p = 0; p < 3; p++)
		check_words(page_address(pte_page(sv39_pte(mm, a + p * PG))), a + p * PG, 7);
	put_mm(mm, &b);
}

static struct mm_struct *orphan_mm;
static unsigned long orphan_va;
static struct page *orphan_page[2];

/*
 * munmap while the pages are locked (free_swap_and_cache() and
 * free_swap_cache() leave them to the holder), then the holder lets go:
 * the migration, asleep on the first page's lock, gets both.
 */
static void unmap_while_locked(void)
{
	host_schedule_hook = NULL;
	assert_int_equal(ksys_munmap(orphan_mm, orphan_va, 2 * PG), 0);
	assert_true(PageSwapCache(orphan_page[0]) && PageSwapCache(orphan_page[1]));
	unlock_page(orphan_page[0]);
	unlock_page(orphan_page[1]);
}

/*
 * Pages of the swap cache that lose their last PTE and swap PTE while
 * isolated and locked (by a fault, or by the migration itself): one only in
 * the cache (its PTE a swap entry), one mapped with a slot no swap PTE
 * names (as a swap-in leaves it). The munmap cannot take them out of the
 * cache, locked as they are; the migration, which holds them next, does:
 * else the new pages would stay there, with their slots, unmapped and
 * named by nobody, until reclaim came by. Every page and slot comes back.
 */
static void test_migrate_orphaned_swapcache(void **state)
{
	struct tlbflush_batch batch = { 0 };
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);
	unsigned long a = map(mm, 2, ANON), p, calls = host_schedule_calls;
	struct target t = { 0 };
	unsigned int ok;
	LIST_HEAD(list);

	for (p = 0; p < 2; p++) {
		fill_page(mm, a + p * PG, 10);
		orphan_page[p] = isolate(sv39_pte(mm, a + p * PG), &list);
		lock_page(orphan_page[p]);
		assert_true(add_to_swap(orphan_page[p]));
	}
	/* The first only in the cache: its PTE the swap entry, the data written. */
	*sv39_walk(mm->pgd, a) &= ~SV39_D;
	assert_true(try_to_unmap(orphan_page[0], &batch));
	try_to_unmap_flush(&batch);
	assert_int_equal(mm->swapents, 1);
	orphan_mm = mm;
	orphan_va = a;
	host_schedule_hook = unmap_while_locked;
	assert_int_equal(migrate(&list, MIGRATE_SYNC, &t, &ok), 0);
	assert_int_equal(host_schedule_calls, calls + 1);
	assert_int_equal(ok, 2);
	for (p = 0; p < 2; p++) {
		assert_int_equal(page_ref_count(orphan_page[p]), 0);
		assert_false(PageSwapCache(orphan_page[p]));
	}
	assert_int_equal(mm->swapents, 0);
	assert_int_equal(mm->rss, 0);
	put_mm(mm, &b);
}

/*
 * No new page: -ENOMEM at once, the pages not tried stay on the list
 * untouched, the one that was tried counted failed.
 */
static void test_migrate_nomem(void **state)
{
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);
	unsigned long a = map(mm, 4, ANON), p;
	struct target t = { .fail_after = 2 };
	unsigned int ok;
	LIST_HEAD(list);

	for (p = 0; p < 4; p++) {
		fill_page(mm, a + p * PG, 8);
		isolate(sv39_pte(mm, a + p * PG), &list);
	}
	assert_int_equal(migrate(&list, MIGRATE_SYNC, &t, &ok), -ENOMEM);
	assert_int_equal(ok, 2);
	assert_int_equal(vm_events[PGMIGRATE_FAIL] - b.failed, 1);
	assert_int_equal(node_stat(NR_ISOLATED_ANON), 2);
	putback_movable_pages(&list);
	for (p = 0; p < 4; p++)
		check_words(page_address(pte_page(sv39_pte(mm, a + p * PG))), a + p * PG, 8);
	put_mm(mm, &b);
}

/*
 * Pages whose swap write is in flight (PG_writeback): MIGRATE_SYNC_LIGHT
 * gives them up at once, -EBUSY, a permanent failure tried once, not on
 * ten passes (Linux's migrate_folio_unmap()), while a page beside them
 * moves; once the writes have ended, MIGRATE_SYNC moves them, and
 * PG_reclaim does not go with them (Linux's folio_migrate_flags()).
 */
static void test_migrate_writeback(void **state)
{
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);
	unsigned long a = map(mm, 3, ANON), p;
	struct page *old[3];
	struct target t = { 0 };
	unsigned int ok;
	LIST_HEAD(list);
	u64 before[3];

	for (p = 0; p < 3; p++) {
		fill_page(mm, a + p * PG, 9);
		before[p] = sv39_pte(mm, a + p * PG);
		old[p] = isolate(before[p], &list);
	}
	for (p = 0; p < 2; p++) {
		lock_page(old[p]);
		assert_true(add_to_swap(old[p]));
		set_page_writeback(old[p]);
		SetPageReclaim(old[p]);
		unlock_page(old[p]);
	}
	assert_int_equal(node_stat(NR_WRITEBACK), 2);
	assert_int_equal(migrate(&list, MIGRATE_SYNC_LIGHT, &t, &ok), 2);
	assert_int_equal(ok, 1);
	assert_int_equal(vm_events[PGMIGRATE_FAIL] - b.failed, 2);
	assert_int_equal(t.allocs, 3);
	assert_int_equal(t.puts, 2);
	for (p = 0; p < 2; p++) {
		assert_int_equal(sv39_pte(mm, a + p * PG), before[p]);
		assert_true(PageWriteback(old[p]) && PageSwapCache(old[p]));
	}
	check_moved(before[2], sv39_pte(mm, a + 2 * PG), 1, 0);

	/* The writes end (the pages are isolated: nothing to rotate); SetPageReclaim as a race leaves it. */
	for (p = 0; p < 2; p++) {
		end_page_writeback(old[p]);
		assert_false(PageReclaim(old[p]));
		SetPageReclaim(old[p]);
	}
	assert_int_equal(node_stat(NR_WRITEBACK), 0);
	t = (struct target){ 0 };
	fill_pool(&t);
	assert_int_equal(migrate(&list, MIGRATE_SYNC, &t, &ok), 0);
	assert_int_equal(ok, 2);
	for (p = 0; p < 2; p++) {
		struct page *new = pte_page(sv39_pte(mm, a + p * PG));

		check_moved(before[p], sv39_pte(mm, a + p * PG), 1, 1);
		assert_false(PageReclaim(new));
		assert_false(PageWriteback(new));
		assert_true(PageSwapCache(new));
		check_words(page_address(new), a + p * PG, 9);
	}
	while (t.npool)
		put_page(t.pool[--t.npool]);
	assert_int_equal(node_stat(NR_ISOLATED_ANON), 0);
	put_mm(mm, &b);
}

/* ====================================================== migration entries */

static struct page *hook_page;

/* The migration's side while the fault sleeps: entries back to the page, page unlocked. */
static void finish_migration(void)
{
	remove_migration_ptes(hook_page, hook_page);
	unlock_page(hook_page);
}

/*
 * Migration entries made by hand (try_to_migrate() under the page lock) and
 * what meets them: a fault sleeps on the page lock and finds the page once
 * it is mapped again; fork copies the entry, read-only for a private
 * mapping; mprotect makes a writable entry readable; mincore says resident;
 * MADV_FREE leaves it; munmap drops it with rss and no swap slot.
 */
static void test_migration_entries(void **state)
{
	struct tlbflush_batch batch = { 0 };
	struct baseline b;
	struct mm_struct *mm = new_mm(&b), *child = mm_alloc();
	unsigned long a = map(mm, 4, ANON), p, calls;
	struct anon_vma *anon_vma;
	struct page *page[4];
	swp_entry_t entry;
	unsigned char vec;
	u64 pte, v;

	/* Locked and held, as migrate_pages() holds the pages it isolated. */
	for (p = 0; p < 4; p++) {
		fill_page(mm, a + p * PG, 9);
		page[p] = pte_page(sv39_pte(mm, a + p * PG));
		get_page(page[p]);
		lock_page(page[p]);
	}
	anon_vma = folio_get_anon_vma(page[0]);
	assert_non_null(anon_vma);
	for (p = 0; p < 4; p++)
		try_to_migrate(page[p], &batch);
	try_to_unmap_flush(&batch);
	for (p = 0; p < 4; p++) {
		pte = sv39_pte(mm, a + p * PG);
		assert_true(sv39_swap_entry(pte, &entry) && is_migration_entry(entry));
		assert_true(is_writable_migration_entry(entry));
		assert_true(is_migration_entry_young(entry) && is_migration_entry_dirty(entry));
		assert_int_equal(swp_offset_pfn(entry), page_to_pfn(page[p]));
		assert_false(page_mapped(page[p]));
	}
	mf_check(mm); /* rss still counts them */
	assert_int_equal(mm->rss, 4);
	assert_int_equal(mm->swapents, 0);

	/* mincore: resident. MADV_FREE: left alone. */
	assert_int_equal(ksys_mincore(mm, a, PG, &vec), 0);
	assert_int_equal(vec, 1);
	pte = sv39_pte(mm, a);
	assert_int_equal(ksys_madvise(mm, a, PG, MADV_FREE), 0);
	assert_int_equal(sv39_pte(mm, a), pte);

	/* fork: the child gets the entry, both read-only now. */
	assert_non_null(child);
	assert_int_equal(dup_mmap(child, mm), 0);
	assert_int_equal(child->rss, 4);
	assert_true(sv39_swap_entry(sv39_pte(child, a + PG), &entry));
	assert_false(is_writable_migration_entry(entry));
	assert_true(sv39_swap_entry(sv39_pte(mm, a + PG), &entry));
	assert_false(is_writable_migration_entry(entry));
	assert_true(is_migration_entry_dirty(entry));
	mf_check(child);
	mmput(child);

	/* munmap of one entry: rss down, no swap slot freed. */
	assert_int_equal(ksys_munmap(mm, a + 3 * PG, PG), 0);
	assert_int_equal(mm->rss, 3);
	assert_int_equal(get_nr_swap_pages(), b.swap);

	/* A fault sleeps until the move is done, then finds the page. */
	hook_page = page[2];
	host_schedule_hook = finish_migration;
	calls = host_schedule_calls;
	assert_int_equal(user_load(mm, a + 2 * PG, &v), 0);
	host_schedule_hook = NULL;
	assert_int_equal(host_schedule_calls, calls + 1);
	assert_int_equal(v, pattern(a + 2 * PG, 0, 9));
	assert_ptr_equal(pte_page(sv39_pte(mm, a + 2 * PG)), page[2]);
	/* Read-only now: fork made the entry so. */
	assert_false(sv39_pte(mm, a + 2 * PG) & SV39_W);

	for (p = 0; p < 2; p++) {
		remove_migration_ptes(page[p], page[p]);
		unlock_page(page[p]);
		assert_int_equal(page_mapcount(page[p]), 1);
		check_words(page_address(pte_page(sv39_pte(mm, a + p * PG))), a + p * PG, 9);
	}
	/* page[3] was unmapped meanwhile: no entry left for it, nothing maps it. */
	remove_migration_ptes(page[3], page[3]);
	assert_int_equal(page_mapcount(page[3]), 0);
	unlock_page(page[3]);
	for (p = 0; p < 4; p++)
		put_page(page[p]);
	put_anon_vma(anon_vma);
	mf_check(mm);
	put_mm(mm, &b);
}

/* mprotect PROT_READ turns a writable migration entry into a readable one. */
static void test_migration_entry_mprotect(void **state)
{
	struct tlbflush_batch batch = { 0 };
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);
	unsigned long a = map(mm, 1, ANON);
	struct anon_vma *anon_vma;
	struct page *page;
	swp_entry_t entry;

	fill_page(mm, a, 10);
	page = pte_page(sv39_pte(mm, a));
	get_page(page);
	lock_page(page);
	anon_vma = folio_get_anon_vma(page);
	try_to_migrate(page, &batch);
	try_to_unmap_flush(&batch);
	assert_true(sv39_swap_entry(sv39_pte(mm, a), &entry) && is_writable_migration_entry(entry));
	assert_int_equal(ksys_mprotect(mm, a, PG, PROT_READ), 0);
	assert_true(sv39_swap_entry(sv39_pte(mm, a), &entry) && is_migration_entry(entry));
	assert_false(is_writable_migration_entry(entry));
	assert_true(is_migration_entry_young(entry) && is_migration_entry_dirty(entry));
	remove_migration_ptes(page, page);
	unlock_page(page);
	put_page(page);
	put_anon_vma(anon_vma);
	assert_int_equal(mf_pte_prot(mm, a), VM_READ);
	check_words(page_address(page), a, 10);
	put_mm(mm, &b);
}

/*
 * mremap moves migration entries with the other PTEs: the move, when it
 * ends, finds them at the new address through the reverse map; a store
 * there waits for it, then writes the page.
 */
static void test_migration_entry_mremap(void **state)
{
	struct tlbflush_batch batch = { 0 };
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);
	unsigned long a = map(mm, 4, ANON), to, p, calls;
	struct anon_vma *anon_vma;
	struct page *page[4];
	swp_entry_t entry;

	for (p = 0; p < 4; p++) {
		fill_page(mm, a + p * PG, 11);
		page[p] = pte_page(sv39_pte(mm, a + p * PG));
		get_page(page[p]);
		lock_page(page[p]);
	}
	anon_vma = folio_get_anon_vma(page[0]);
	for (p = 0; p < 4; p++)
		try_to_migrate(page[p], &batch);
	try_to_unmap_flush(&batch);
	/* To another mapping's place: a new VMA, a copy of the old one. */
	to = map(mm, 4, ANON);
	assert_int_equal(ksys_mremap(mm, a, 4 * PG, 4 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, to), to);
	for (p = 0; p < 4; p++) {
		assert_int_equal(sv39_pte(mm, a + p * PG), 0);
		assert_true(sv39_swap_entry(sv39_pte(mm, to + p * PG), &entry));
		assert_true(is_migration_entry(entry) &&
			    swp_offset_pfn(entry) == page_to_pfn(page[p]));
	}
	mf_check(mm);
	hook_page = page[0];
	host_schedule_hook = finish_migration;
	calls = host_schedule_calls;
	assert_int_equal(user_store(mm, to, pattern(a, 0, 11)), 0);
	host_schedule_hook = NULL;
	assert_int_equal(host_schedule_calls, calls + 1);
	assert_ptr_equal(pte_page(sv39_pte(mm, to)), page[0]);
	for (p = 1; p < 4; p++) {
		remove_migration_ptes(page[p], page[p]);
		unlock_page(page[p]);
	}
	for (p = 0; p < 4; p++) {
		assert_int_equal(page_mapcount(page[p]), 1);
		put_page(page[p]);
		check_words(page_address(pte_page(sv39_pte(mm, to + p * PG))), a + p * PG, 11);
	}
	put_anon_vma(anon_vma);
	put_mm(mm, &b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_anon),
		cmocka_unit_test(test_migrate_forked),
		cmocka_unit_test(test_migrate_swapcache),
		cmocka_unit_test(test_migrate_shmem),
		cmocka_unit_test(test_migrate_held),
		cmocka_unit_test(test_migrate_orphaned_swapcache),
		cmocka_unit_test(test_migrate_nomem),
		cmocka_unit_test(test_migrate_writeback),
		cmocka_unit_test(test_migration_entries),
		cmocka_unit_test(test_migration_entry_mprotect),
		cmocka_unit_test(test_migration_entry_mremap),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
