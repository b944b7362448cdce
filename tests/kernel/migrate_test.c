// SPDX-License-Identifier: GPL-2.0
/*
 * selftest=migrate: page migration (mm/migrate.c) on the real machine, with
 * its TLB flushes, page-lock sleeps and harts. The boot context gives an
 * mm of its own MT_PAGES anonymous pages, each word a pattern; a kernel
 * thread moves them all, round after round, with migrate_pages(), while
 * another one reads and writes the same words through
 * access_remote_vm() (the /proc/PID/mem path: get_user_pages_remote(),
 * faults), so its faults meet migration entries and wait. Every page
 * moves each round to a new frame, or stays where it was and is counted
 * failed (held by the accessor), every word reads back, and the counters
 * say so.
 */
#include <err.h>
#include <migrate.h>
#include <mmap.h>
#include <printk.h>
#include <sched.h>
#include <selftest.h>
#include <swap.h>
#include <vmstat.h>

#define MT_PAGES 64
/* At least MT_ROUNDS, and until the accessor made MT_ACCESSES accesses, up to MT_MAX_ROUNDS. */
#define MT_ROUNDS 8
#define MT_ACCESSES 2000
#define MT_MAX_ROUNDS 256
#define MT_WORDS (PAGE_SIZE / sizeof(u64))

static struct mm_struct *mt_mm;
static unsigned long mt_addr, mt_accesses, mt_bad, mt_stop, mt_finished;
static struct wait_queue_head mt_done;

static u64 mt_pattern(unsigned long va)
{
	return va * 0x9e3779b97f4a7c15ULL;
}

/* The page mapped at @va of mt_mm (a present PTE), or NULL. */
static struct page *mt_page(unsigned long va)
{
	struct page *page;
	spinlock_t *ptl;
	pte_t *ptep;

	if (follow_pte(mt_mm, va, &ptep, &ptl))
		return NULL;
	page = pfn_to_page(pte_pfn(ptep_get(ptep)));
	pte_unmap_unlock(ptep, ptl);
	return page;
}

/* Every word of the mapping, faulted in for a write, its pattern stored through the direct map. */
static bool mt_fill(void)
{
	unsigned long p, i;
	struct page *page;
	u64 *w;

	for (p = 0; p < MT_PAGES; p++) {
		unsigned long va = mt_addr + p * PAGE_SIZE;

		mmap_read_lock(mt_mm);
		if (get_user_pages_remote(mt_mm, va, 1, FOLL_WRITE, &page) != 1) {
			mmap_read_unlock(mt_mm);
			return false;
		}
		mmap_read_unlock(mt_mm);
		w = page_address(page);
		for (i = 0; i < MT_WORDS; i++)
			w[i] = mt_pattern(va + i * sizeof(u64));
		put_page(page);
	}
	return true;
}

/*
 * The other hart's side: one word at a time, all over the mapping, read,
 * checked, written back (a write fault on a migration entry waits too).
 */
static int mt_accessor(void *unused)
{
	unsigned long n = 0;
	u64 v;

	while (!__atomic_load_n(&mt_stop, __ATOMIC_ACQUIRE)) {
		unsigned long va = mt_addr + (n * 8 * 521) % (MT_PAGES * PAGE_SIZE);

		if (access_remote_vm(mt_mm, va, &v, sizeof(v), 0) != sizeof(v) ||
		    v != mt_pattern(va) ||
		    access_remote_vm(mt_mm, va, &v, sizeof(v), FOLL_WRITE) != sizeof(v))
			__atomic_fetch_add(&mt_bad, 1, __ATOMIC_RELAXED);
		__atomic_store_n(&mt_accesses, ++n, __ATOMIC_RELEASE);
		/* No preemption: let the migrator run on this hart too. */
		if (!(n % 16))
			schedule();
	}
	__atomic_fetch_add(&mt_finished, 1, __ATOMIC_ACQ_REL);
	wake_up(&mt_done);
	return 0;
}

static struct page *mt_new_page(struct page *page, unsigned long private)
{
	return alloc_page(GFP_HIGHUSER_MOVABLE);
}

/*
 * One round: isolate every page, move them, check that each PTE of a page
 * moved names another frame and each other one the frame it had. A page
 * the accessor holds (its get_user_pages_remote() reference) through all
 * of migrate_pages()'s passes stays, counted failed, as in Linux. The pages
 * moved, *@failed the ones that were not; -1 when the counts disagree.
 */
static long mt_round(unsigned long *failed)
{
	unsigned long old_pfn[MT_PAGES], p, moved = 0, isolated = 0;
	unsigned int ok = 0;
	struct page *page;
	LIST_HEAD(pages);
	int ret;

	for (p = 0; p < MT_PAGES; p++) {
		page = mt_page(mt_addr + p * PAGE_SIZE);
		if (!page)
			return -1;
		old_pfn[p] = page_to_pfn(page);
		/* kswapd may hold it for a moment: then it stays for this round. */
		if (isolate_lru_page(page)) {
			list_add_tail(&page->lru, &pages);
			isolated++;
		}
	}
	ret = migrate_pages(&pages, mt_new_page, NULL, 0, MIGRATE_SYNC, MR_COMPACTION, &ok);
	putback_movable_pages(&pages);
	for (p = 0; p < MT_PAGES; p++) {
		page = mt_page(mt_addr + p * PAGE_SIZE);
		if (!page)
			return -1;
		moved += page_to_pfn(page) != old_pfn[p];
	}
	if (ret < 0 || moved != ok || ok + ret != isolated)
		return -1;
	*failed += MT_PAGES - moved;
	return moved;
}

/* Every word of every page as mt_fill() stored it, read through the direct map. */
static unsigned long mt_bad_words(void)
{
	unsigned long p, i, bad = 0;

	for (p = 0; p < MT_PAGES; p++) {
		unsigned long va = mt_addr + p * PAGE_SIZE;
		struct page *page = mt_page(va);
		const u64 *w;

		if (!page) {
			bad += MT_WORDS;
			continue;
		}
		w = page_address(page);
		for (i = 0; i < MT_WORDS; i++)
			bad += w[i] != mt_pattern(va + i * sizeof(u64));
	}
	return bad;
}

/* What the migrator thread did, for the boot context's checks. */
static unsigned long mt_moved, mt_failed, mt_rounds;
static bool mt_counted;

/*
 * The rounds, in a thread of their own: the boot context is hart 0's idle
 * task, which runs only while no thread is runnable, so it could wait
 * behind the accessor for as long as the accessor runs. Then the accessor
 * is told to stop.
 */
static int mt_migrator(void *unused)
{
	long ret;

	for (mt_rounds = 0; mt_rounds < MT_MAX_ROUNDS; mt_rounds++) {
		if (mt_rounds >= MT_ROUNDS &&
		    __atomic_load_n(&mt_accesses, __ATOMIC_ACQUIRE) >= MT_ACCESSES)
			break;
		ret = mt_round(&mt_failed);
		mt_counted &= ret >= 0;
		mt_moved += ret > 0 ? ret : 0;
	}
	__atomic_store_n(&mt_stop, 1, __ATOMIC_RELEASE);
	__atomic_fetch_add(&mt_finished, 1, __ATOMIC_ACQ_REL);
	wake_up(&mt_done);
	return 0;
}

static void migrate_selftest(struct ktap_suite *s)
{
	unsigned long success = vm_events[PGMIGRATE_SUCCESS], fail = vm_events[PGMIGRATE_FAIL];
	unsigned long threads = 0;
	bool ready;

	mt_mm = mm_alloc();
	ready = mt_mm != NULL;
	if (ready) {
		mt_addr = ksys_mmap_pgoff(mt_mm, 0, MT_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
					  MAP_PRIVATE | MAP_ANONYMOUS, -1UL, 0);
		ready = !IS_ERR_VALUE(mt_addr) && mt_fill();
	}
	ktap_case(s, ready, "mm_filled", "no memory for the test's mm");
	if (!ready)
		return;

	init_waitqueue_head(&mt_done);
	mt_counted = true;
	threads += kthread_run(mt_accessor, NULL, "migrate-access") != NULL;
	if (kthread_run(mt_migrator, NULL, "migrate-rounds"))
		threads++;
	else
		__atomic_store_n(&mt_stop, 1, __ATOMIC_RELEASE);
	wait_event(mt_done, __atomic_load_n(&mt_finished, __ATOMIC_ACQUIRE) == threads);

	/* A KTAP diagnostic: how much the two threads met. */
	pr_info("    # %lu rounds: %lu moved, %lu failed; %lu accesses\n", mt_rounds, mt_moved,
		mt_failed, mt_accesses);
	/* Most pages move: the accessor holds one page at a time, briefly. */
	ktap_case(s,
		  threads == 2 && mt_counted && mt_moved + mt_failed == MT_PAGES * mt_rounds &&
			  mt_moved >= MT_PAGES * mt_rounds / 2,
		  "pages_moved_or_counted_failed", "%lu moved, %lu failed of %lu", mt_moved,
		  mt_failed, MT_PAGES * mt_rounds);
	ktap_case(s, mt_bad_words() == 0, "contents_intact", "%lu words differ", mt_bad_words());
	ktap_case(s, threads == 2 && mt_accesses && !mt_bad, "concurrent_access_saw_every_word",
		  "%lu accesses, %lu wrong", mt_accesses, mt_bad);
	ktap_case(s,
		  vm_events[PGMIGRATE_SUCCESS] - success == mt_moved &&
			  vm_events[PGMIGRATE_FAIL] - fail == mt_failed,
		  "pgmigrate_counted", "pgmigrate_success +%lu, pgmigrate_fail +%lu",
		  vm_events[PGMIGRATE_SUCCESS] - success, vm_events[PGMIGRATE_FAIL] - fail);
	mmput(mt_mm);
	ktap_case(s, global_node_page_state(NR_ISOLATED_ANON) == 0, "nothing_left_isolated",
		  "nr_isolated_anon %lu", global_node_page_state(NR_ISOLATED_ANON));
}
DEFINE_SELFTEST(migrate, 6, migrate_selftest);
