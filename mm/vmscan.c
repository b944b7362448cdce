// SPDX-License-Identifier: GPL-2.0
/*
 * Page reclaim, after Linux's mm/vmscan.c, for anonymous pages and shmem
 * pages (shared anonymous memory), which Linux keeps on the same LRU lists
 * (PageSwapBacked): the only pages Loam can reclaim (it has no page cache).
 * Kernel pages are never on an LRU list, so they are never swapped.
 * Anonymous pages that are not swap-backed (MADV_FREE's lazily freed pages,
 * MAP_DROPPABLE's) sit on the file lists and are dropped rather than
 * written (see <mmzone.h>).
 *
 * Aging. A new page goes on its node's inactive list (mm/swap.c). Reclaim
 * takes pages from the tail of the inactive list (isolate_lru_pages()):
 * a page whose PTE has A set was used since it was last looked at and moves
 * to the active list (a second chance); the others are written to swap and
 * freed. When the inactive list gets shorter than the active one, pages
 * from the active tail move back to the inactive list, their A bits cleared
 * (Linux's inactive_is_low() with the ratio of a machine below 1 GiB; for
 * anonymous pages Linux deactivates referenced pages too).
 *
 * Writing a page out (shrink_page_list()), in Linux's order: a page takes
 * a swap slot (add_to_swap()), its PTEs become swap entries
 * (try_to_unmap(), which moves a PTE's D bit to PG_dirty), the TLBs are
 * flushed, and a dirty page's write is started (pageout_list()): the page goes
 * under PG_writeback, unlocked, back to the inactive list marked
 * PG_reclaim, and reclaim moves on without waiting. The write's end moves
 * it to the inactive tail (rotate_reclaimable_page()), and the next pass
 * finds it clean and unmapped and frees it. A fault meanwhile finds it in
 * the swap cache. A write error makes it dirty again; the PTEs that name
 * its slot map it again and the slot is retired (swap_end_failed_writes()):
 * nothing is lost. When pages written by reclaim come round again before
 * their write has ended, kswapd waits for the disk (reclaim_throttle()).
 *
 * A shmem page goes the same way, through its file's reverse map: its PTEs
 * are cleared rather than given a swap entry (the object keeps the page
 * during the write, and its swap entry once the page is freed:
 * shmem_delete_from_page_cache()). One that nobody maps is still its
 * object's: it is written out, not freed.
 *
 * Who reclaims. kswapd, one kernel thread per node, is woken when an
 * allocation finds a zone below its low watermark and reclaims until the
 * node's zones are above the high one again. An allocation that finds
 * even the min watermark crossed reclaims itself (try_to_free_pages(),
 * "direct reclaim") before it fails or calls the OOM killer. Both shrink
 * SLUB's caches too.
 */
#include <blkdev.h>
#include <compaction.h>
#include <gfp.h>
#include <mm_inline.h>
#include <mmzone.h>
#include <pagemap.h>
#include <printk.h>
#include <rmap.h>
#include <sched.h>
#include <sched_clock.h>
#include <shmem_fs.h>
#include <slab.h>
#include <swap.h>
#include <timer.h>
#include <vmstat.h>

#include "internal.h"

/* Linux's DEF_PRIORITY: a round scans lru_size >> priority pages, priority 12 down to 0. */
#define DEF_PRIORITY 12

struct scan_control {
	unsigned long nr_to_reclaim;
	unsigned long nr_reclaimed;
	/*
	 * Pages met under writeback that reclaim had marked already (Linux's
	 * sc->nr.immediate): the LRU cycles faster than the disk writes.
	 */
	unsigned long nr_immediate;
	bool kswapd; /* which counters: pgscan_kswapd or pgscan_direct ... */
};

/*
 * Move up to @nr pages from the tail of @lru to @dst, each with a reference
 * and PG_lru cleared: "isolated", out of everyone else's reach but not
 * freed. A page whose last reference is being dropped is left alone.
 */
static unsigned long isolate_lru_pages(struct lruvec *lruvec, enum lru_list lru, unsigned long nr,
				       struct list_head *dst)
{
	struct list_head *src = &lruvec->lists[lru];
	unsigned long scanned, taken = 0, flags;

	spin_lock_irqsave(&lruvec->lru_lock, flags);
	for (scanned = 0; scanned < nr && !list_empty(src); scanned++) {
		struct page *page = list_last_entry(src, struct page, lru);

		if (!get_page_unless_zero(page)) {
			/* put_page() takes it off as soon as we release the lock. */
			list_move(&page->lru, src);
			continue;
		}
		del_page_from_lru_list(page, lruvec);
		ClearPageLRU(page);
		list_add(&page->lru, dst);
		taken++;
	}
	mod_node_page_state(lruvec_pgdat(lruvec), NR_ISOLATED_ANON, taken);
	spin_unlock_irqrestore(&lruvec->lru_lock, flags);
	return taken;
}

/* Back on the list its PG_active says, and our reference dropped (the last one frees it). */
static void putback_lru_pages(struct list_head *pages)
{
	struct page *page, *next;
	unsigned long flags;

	list_for_each_entry_safe(page, next, pages, lru) {
		struct lruvec *lruvec = node_lruvec(NODE_DATA(page_to_nid(page)));

		list_del(&page->lru);
		spin_lock_irqsave(&lruvec->lru_lock, flags);
		SetPageLRU(page);
		add_page_to_lru_list(page, lruvec);
		mod_node_page_state(lruvec_pgdat(lruvec), NR_ISOLATED_ANON, -1);
		spin_unlock_irqrestore(&lruvec->lru_lock, flags);
		put_page(page);
	}
}

/*
 * A page reclaim is done with: no PTE maps it, out of the swap cache, freed.
 * A shmem page (written out: in the swap cache) leaves its object first.
 */
static void free_isolated_page(struct page *page)
{
	mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_ISOLATED_ANON, -1);
	if (page_is_shmem(page))
		shmem_delete_from_page_cache(page);
	if (PageSwapCache(page))
		delete_from_swap_cache(page);
	ClearPageReclaim(page);
	unlock_page(page);
	put_page(page);
}

/*
 * An unmapped page that swap PTEs still need: in the swap cache, newer than
 * its slot (its write failed, or was never made), and the slot named.
 */
static bool page_needed_in_swap(struct page *page)
{
	return PageSwapCache(page) && PageDirty(page) &&
	       swp_swapcount((swp_entry_t){ page->private });
}

/*
 * An unmapped page of the swap cache (read in, or written out) that a
 * fault holds a reference to beyond ours and the cache's, about to map it
 * (Linux's __remove_mapping() fails to freeze the count): to be kept. A
 * swap write in flight holds no reference of its own (PG_writeback keeps
 * the page, and sort_pages() looks at that first), so the count tells of
 * faults only; a shmem page's object holds one more, and its lookups take
 * the page lock instead.
 */
static bool page_held_unmapped(struct page *page)
{
	return !page_mapped(page) && !page_is_shmem(page) && PageSwapCache(page) &&
	       page_ref_count(page) > 2;
}

/*
 * Reclaim keeps @page (locked): back to @keep, active if @activate (Linux's
 * activate_locked).
 */
static void keep_page(struct page *page, struct list_head *keep, bool activate)
{
	if (activate)
		SetPageActive(page);
	unlock_page(page);
	list_move_tail(&page->lru, keep);
}

/*
 * First look at each page, in Linux's shrink_folio_list() order: one under
 * writeback stays (marked PG_reclaim, so that the end of its write moves it
 * to the inactive tail; one marked already counts in sc->nr_immediate);
 * an unmapped one a fault is about to map stays (page_held_unmapped());
 * one used since it was last looked at stays, active; a swap-backed one
 * takes a slot (add_to_swap(), which makes it dirty), then is unmapped
 * (try_to_unmap(): its PTEs become swap entries, a D bit makes it dirty)
 * and goes to @unmapped, as do the ones that are not swap-backed (to be
 * dropped) once unmapped; one left mapped stays, active. The ones that can
 * go at once are freed. @ignore_references: MADV_PAGEOUT's reclaim, which
 * takes even a page used since it was last looked at (Linux's
 * reclaim_pages()). Returns the pages freed.
 */
static unsigned long sort_pages(struct list_head *pages, struct list_head *keep,
				struct list_head *unmapped, struct tlbflush_batch *batch,
				bool ignore_references, struct scan_control *sc)
{
	unsigned long nr_freed = 0;
	struct page *page, *next;

	list_for_each_entry_safe(page, next, pages, lru) {
		if (!trylock_page(page)) {
			/* A fault is reading or mapping it. */
			list_move_tail(&page->lru, keep);
			continue;
		}
		if (PageWriteback(page)) {
			if (PageReclaim(page) && sc)
				sc->nr_immediate++;
			SetPageReclaim(page);
			keep_page(page, keep, false);
			continue;
		}
		if (page_held_unmapped(page)) {
			keep_page(page, keep, false);
			continue;
		}
		if (!page_mapped(page) && !page_is_shmem(page) && !page_needed_in_swap(page)) {
			/*
			 * Unmapped while isolated (munmap, exit), written out, or
			 * read ahead and unused: ours to free.
			 */
			list_del(&page->lru);
			free_isolated_page(page);
			nr_freed++;
			continue;
		}
		if ((!ignore_references && page_referenced(page)) ||
		    (PageSwapBacked(page) && !PageSwapCache(page) && !add_to_swap(page))) {
			/* Used since we last looked, or no swap left: keep it, active. */
			keep_page(page, keep, true);
			continue;
		}
		if (page_mapped(page) && !try_to_unmap(page, batch)) {
			/*
			 * Mapped still: mlocked, at SWAP_MAP_MAX, or written to
			 * meanwhile. A lazily freed page written again is
			 * swap-backed now, outside the swap cache: it goes to the
			 * active anonymous list too.
			 */
			keep_page(page, keep, true);
			continue;
		}
		list_move_tail(&page->lru, unmapped);
	}
	return nr_freed;
}

/*
 * Linux's pageout() for each page of @unmapped (locked, no PTE maps it, the
 * TLBs flushed): a dirty swap-backed one is written (swap_writepage()
 * unlocks it; it goes to @writing, PG_reclaim set); one whose slot holds
 * its data already is freed, and so is one that is not swap-backed
 * ("pglazyfreed"). Returns the pages freed.
 */
static unsigned long pageout_list(struct list_head *unmapped, struct list_head *writing)
{
	struct blk_plug plug;
	unsigned long nr_freed = 0;
	struct page *page, *next;

	/* Neighbouring slots (the CPU's swap cluster) go to the disk as one request. */
	blk_start_plug(&plug);
	list_for_each_entry_safe(page, next, unmapped, lru) {
		if (PageSwapBacked(page) && PageDirty(page)) {
			list_move_tail(&page->lru, writing);
			ClearPageDirty(page);
			SetPageReclaim(page);
			swap_writepage(page);
			continue;
		}
		list_del(&page->lru);
		if (!PageSwapBacked(page))
			count_vm_event(PGLAZYFREED);
		free_isolated_page(page);
		nr_freed++;
	}
	blk_finish_plug(&plug);
	return nr_freed;
}

/*
 * The pages of @writing whose write has ended already (a fast disk) are
 * freed now, if still clean and unmapped (Linux's shrink_folio_list()
 * after pageout() returned PAGE_SUCCESS) unless a fault holds them; the
 * others go to @keep: the end of their write moves them to the inactive
 * tail. With @wait (MADV_PAGEOUT), each write is waited for first, so
 * that the pages leave the swap cache now, as Linux's do on a synchronous
 * swap device (zram); on a disk Linux leaves them there until reclaim
 * comes round. Returns the pages freed.
 */
static unsigned long free_written_pages(struct list_head *writing, struct list_head *keep,
					bool wait)
{
	unsigned long nr_freed = 0;
	struct page *page, *next;

	list_for_each_entry_safe(page, next, writing, lru) {
		if (wait)
			wait_on_page_writeback(page);
		if (!PageWriteback(page) && trylock_page(page)) {
			if (!PageWriteback(page) && !PageDirty(page) && !page_mapped(page) &&
			    !page_held_unmapped(page)) {
				list_del(&page->lru);
				free_isolated_page(page);
				nr_freed++;
				continue;
			}
			unlock_page(page);
		}
		list_move_tail(&page->lru, keep);
	}
	return nr_freed;
}

/*
 * Linux's shrink_folio_list() for a list of isolated inactive pages: unmap
 * them, start the writes of the dirty ones and free the others; pages that
 * are not swap-backed are dropped unwritten. The writes are not waited
 * for: a page under writeback goes back to the LRU, and the next pass
 * frees it once its write has ended. Returns the pages freed; the others
 * go back to an LRU list (see sort_pages() for @ignore_references; @sc
 * may be NULL).
 */
static unsigned long shrink_page_list(struct list_head *pages, bool ignore_references,
				      struct scan_control *sc)
{
	struct tlbflush_batch batch = { 0 };
	LIST_HEAD(keep);
	LIST_HEAD(unmapped);
	LIST_HEAD(writing);
	unsigned long nr_freed;

	swap_end_failed_writes();
	nr_freed = sort_pages(pages, &keep, &unmapped, &batch, ignore_references, sc);
	/* No hart may store to a page through its TLB once its write starts, nor reach it once freed. */
	try_to_unmap_flush(&batch);
	nr_freed += pageout_list(&unmapped, &writing);
	/* MADV_PAGEOUT's reclaim_pages() comes without a scan_control. */
	nr_freed += free_written_pages(&writing, &keep, !sc);
	putback_lru_pages(&keep);
	return nr_freed;
}

static void shrink_inactive_list(struct lruvec *lruvec, enum lru_list lru, struct scan_control *sc)
{
	unsigned long nr_taken, nr_freed;
	LIST_HEAD(pages);

	nr_taken = isolate_lru_pages(lruvec, lru, SWAP_CLUSTER_MAX, &pages);
	if (!nr_taken)
		return;
	count_vm_events(sc->kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT, nr_taken);
	nr_freed = shrink_page_list(&pages, false, sc);
	count_vm_events(sc->kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, nr_freed);
	sc->nr_reclaimed += nr_freed;
}

/*
 * Clear the A bits of an active page's PTEs (Linux's folio_referenced() with
 * is_locked 0): a shmem page's walk needs the page lock, which keeps its
 * object alive; one locked by someone else is in use anyway.
 */
static void page_clear_referenced(struct page *page)
{
	if (PageAnon(page)) {
		page_referenced(page);
	} else if (trylock_page(page)) {
		page_referenced(page);
		unlock_page(page);
	}
}

/* Active tail to the inactive list, A cleared so that the next look sees only new uses. */
static void shrink_active_list(struct lruvec *lruvec, enum lru_list lru)
{
	struct page *page;
	LIST_HEAD(pages);

	isolate_lru_pages(lruvec, lru, SWAP_CLUSTER_MAX, &pages);
	list_for_each_entry(page, &pages, lru) {
		page_clear_referenced(page);
		ClearPageActive(page);
	}
	putback_lru_pages(&pages);
}

static unsigned long lru_size(pg_data_t *pgdat, enum lru_list lru)
{
	return node_page_state(pgdat, NR_LRU_BASE + lru);
}

/* Anonymous pages need a free slot (Linux's can_reclaim_anon_pages()). */
static bool can_reclaim_anon_pages(void)
{
	return get_nr_swap_pages() > 0;
}

/* Can anything be reclaimed at all? Pages on the file lists need no swap. */
static bool can_reclaim_pages(void)
{
	return can_reclaim_anon_pages() || global_node_page_state(NR_INACTIVE_FILE) ||
	       global_node_page_state(NR_ACTIVE_FILE);
}

/* Age the pair of lists from @inactive when it is the shorter, then reclaim from it. */
static void shrink_lru_pair(pg_data_t *pgdat, enum lru_list inactive, struct scan_control *sc)
{
	struct lruvec *lruvec = node_lruvec(pgdat);

	if (lru_size(pgdat, inactive) < lru_size(pgdat, inactive + LRU_ACTIVE))
		shrink_active_list(lruvec, inactive + LRU_ACTIVE);
	shrink_inactive_list(lruvec, inactive, sc);
}

/*
 * One round on a node: SWAP_CLUSTER_MAX inactive pages of each kind, after
 * aging if the inactive list is short. The file lists first: dropping a
 * lazily freed page costs no write; the anonymous ones only while swap has
 * room (Linux's get_scan_count() scans no anonymous list without swap).
 */
static void shrink_node(pg_data_t *pgdat, struct scan_control *sc)
{
	if (lru_size(pgdat, LRU_INACTIVE_FILE) + lru_size(pgdat, LRU_ACTIVE_FILE))
		shrink_lru_pair(pgdat, LRU_INACTIVE_FILE, sc);
	if (can_reclaim_anon_pages())
		shrink_lru_pair(pgdat, LRU_INACTIVE_ANON, sc);
}

/*
 * Linux's reclaim_throttle(VMSCAN_THROTTLE_WRITEBACK): sleep until
 * SWAP_CLUSTER_MAX more swap writes per throttled task have ended (or none
 * is left in flight), at most HZ/10 (Linux's timeout for this reason), or
 * a signal comes (an OOM kill).
 */
static void reclaim_throttle(pg_data_t *pgdat)
{
	struct wait_queue_entry wait = { .task = current };

	INIT_LIST_HEAD(&wait.entry);
	if (!__atomic_fetch_add(&pgdat->nr_writeback_throttled, 1, __ATOMIC_ACQ_REL))
		WRITE_ONCE(pgdat->nr_reclaim_written, 0);
	prepare_to_wait(&pgdat->reclaim_wait, &wait, TASK_INTERRUPTIBLE);
	if (node_page_state(pgdat, NR_WRITEBACK))
		schedule_timeout_prepared_until(sched_clock() + 1000000000ULL / 10);
	finish_wait(&pgdat->reclaim_wait, &wait);
	__atomic_fetch_sub(&pgdat->nr_writeback_throttled, 1, __ATOMIC_ACQ_REL);
}

void acct_reclaim_writeback(struct page *page)
{
	pg_data_t *pgdat = NODE_DATA(page_to_nid(page));
	int nr_throttled = __atomic_load_n(&pgdat->nr_writeback_throttled, __ATOMIC_ACQUIRE);
	unsigned long written;

	if (!nr_throttled)
		return;
	written = __atomic_add_fetch(&pgdat->nr_reclaim_written, 1, __ATOMIC_RELAXED);
	if (written > SWAP_CLUSTER_MAX * nr_throttled || !node_page_state(pgdat, NR_WRITEBACK)) {
		WRITE_ONCE(pgdat->nr_reclaim_written, 0);
		wake_up(&pgdat->reclaim_wait);
	}
}

/*
 * Reclaim up to sc->nr_to_reclaim pages from @pgdat: rounds of
 * SWAP_CLUSTER_MAX, as many as lru_size >> priority allows, the priority
 * falling from DEF_PRIORITY to 0 (at 0 the whole list) until enough is free.
 * Between priorities, when kswapd met pages it had written come round
 * again before their write ended, it waits for the disk
 * (reclaim_throttle()) rather than scan harder, as Linux's kswapd does
 * (shrink_node()); direct reclaim goes on to the next priority.
 */
static void shrink_node_prio(pg_data_t *pgdat, struct scan_control *sc)
{
	unsigned long before = sc->nr_reclaimed;
	int priority;

	for (priority = DEF_PRIORITY; priority >= 0; priority--) {
		unsigned long nr_lru =
			lru_size(pgdat, LRU_INACTIVE_ANON) + lru_size(pgdat, LRU_ACTIVE_ANON) +
			lru_size(pgdat, LRU_INACTIVE_FILE) + lru_size(pgdat, LRU_ACTIVE_FILE);
		unsigned long rounds = DIV_ROUND_UP(nr_lru >> priority, SWAP_CLUSTER_MAX);

		while (rounds-- && sc->nr_reclaimed < sc->nr_to_reclaim)
			shrink_node(pgdat, sc);
		if (sc->nr_reclaimed >= sc->nr_to_reclaim || !can_reclaim_pages())
			break;
		if (sc->kswapd && sc->nr_immediate) {
			reclaim_throttle(pgdat);
			sc->nr_immediate = 0;
		}
	}
	/* The node is reclaimable again: kswapd may be woken (Linux's shrink_node()). */
	if (sc->nr_reclaimed > before)
		pgdat->kswapd_failures = 0;
}

bool isolate_lru_page(struct page *page)
{
	struct lruvec *lruvec = node_lruvec(NODE_DATA(page_to_nid(page)));
	unsigned long flags;
	bool taken = false;

	spin_lock_irqsave(&lruvec->lru_lock, flags);
	if (PageLRU(page) && get_page_unless_zero(page)) {
		del_page_from_lru_list(page, lruvec);
		ClearPageLRU(page);
		mod_node_page_state(lruvec_pgdat(lruvec), NR_ISOLATED_ANON, 1);
		taken = true;
	}
	spin_unlock_irqrestore(&lruvec->lru_lock, flags);
	return taken;
}

unsigned long reclaim_pages(struct list_head *pages)
{
	struct page *page;

	if (list_empty(pages))
		return 0;
	/* Taken off the active lists too: inactive now, as Linux's reclaim_pages() makes them. */
	list_for_each_entry(page, pages, lru)
		ClearPageActive(page);
	return shrink_page_list(pages, true, NULL);
}

/* ---------------------------------------------------------------- direct */

bool current_may_reclaim(void)
{
	/* Not in a trap handler nor a critical section, not an idle task (nor the boot). */
	return !arch_irqs_disabled() && current->pid;
}

unsigned long try_to_free_pages(unsigned int order, unsigned int gfp)
{
	struct scan_control sc = { .nr_to_reclaim = SWAP_CLUSTER_MAX << order };
	int nid;

	kmem_cache_shrink_all();
	if (!can_reclaim_pages())
		return 0;
	for_each_online_node(nid) {
		shrink_node_prio(NODE_DATA(nid), &sc);
		if (sc.nr_reclaimed >= sc.nr_to_reclaim)
			break;
	}
	return sc.nr_reclaimed;
}

unsigned long shrink_all_memory(unsigned long nr_to_reclaim)
{
	struct scan_control sc = { .nr_to_reclaim = nr_to_reclaim };
	int nid;

	for (;;) {
		swap_end_failed_writes();
		if (!global_node_page_state(NR_WRITEBACK))
			break;
		schedule_timeout_until(sched_clock() + 1000000000ULL / HZ);
	}
	for_each_online_node(nid)
		shrink_node_prio(NODE_DATA(nid), &sc);
	return sc.nr_reclaimed;
}

/* ---------------------------------------------------------------- kswapd */

/* Some zone of the node with memory is above its high watermark (Linux's pgdat_balanced()). */
static bool pgdat_balanced(pg_data_t *pgdat)
{
	int i;

	for (i = 0; i < pgdat->nr_zones; i++) {
		struct zone *zone = &pgdat->node_zones[i];

		if (managed_zone(zone) && zone_watermark_ok(zone, 0, high_wmark_pages(zone), i, 0))
			return true;
	}
	return false;
}

void wakeup_kswapd(struct zone *zone, unsigned int gfp_flags, int order, int highest_zoneidx)
{
	pg_data_t *pgdat = zone->zone_pgdat;

	if (!pgdat->kswapd)
		return;
	if (READ_ONCE(pgdat->kswapd_order) < order)
		WRITE_ONCE(pgdat->kswapd_order, order);
	if (READ_ONCE(pgdat->kswapd_woken))
		return;
	/*
	 * Hopeless until memory is freed some other way (Linux's
	 * kswapd_failures), or balanced: a high order may still fail for
	 * fragmentation, kcompactd's work, unless the caller compacts itself.
	 */
	if (pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES || pgdat_balanced(pgdat)) {
		if (!(gfp_flags & __GFP_DIRECT_RECLAIM))
			wakeup_kcompactd(pgdat, order, highest_zoneidx);
		return;
	}
	if (!can_reclaim_pages())
		return;
	WRITE_ONCE(pgdat->kswapd_woken, true);
	wake_up(&pgdat->kswapd_wait);
}

static void balance_pgdat(pg_data_t *pgdat)
{
	unsigned long progress = 0;

	kmem_cache_shrink_all();
	while (!pgdat_balanced(pgdat) && can_reclaim_pages()) {
		struct scan_control sc = { .nr_to_reclaim = SWAP_CLUSTER_MAX, .kswapd = true };

		shrink_node_prio(pgdat, &sc);
		progress += sc.nr_reclaimed;
		if (!sc.nr_reclaimed)
			break;
		/* The kernel is not preempted: let the tasks waiting for memory run. */
		schedule();
	}
	if (progress)
		pgdat->kswapd_failures = 0;
	else
		pgdat->kswapd_failures++;
}

static int kswapd(void *arg)
{
	pg_data_t *pgdat = arg;

	for (;;) {
		int order;

		wait_event(pgdat->kswapd_wait, READ_ONCE(pgdat->kswapd_woken));
		/* Woken by a failed swap write too (end_swap_bio_write()). */
		swap_end_failed_writes();
		balance_pgdat(pgdat);
		order = __atomic_exchange_n(&pgdat->kswapd_order, 0, __ATOMIC_RELAXED);
		WRITE_ONCE(pgdat->kswapd_woken, false);
		/* Balanced for order 0: a higher order still failing is kcompactd's (kswapd_try_to_sleep()). */
		wakeup_kcompactd(pgdat, order, pgdat->nr_zones - 1);
	}
	return 0;
}

void kswapd_init(void)
{
	int nid;

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);
		char name[TASK_COMM_LEN];

		snprintf(name, sizeof(name), "kswapd%d", nid);
		pgdat->kswapd = kthread_run(kswapd, pgdat, name);
		if (!pgdat->kswapd)
			pr_err("Failed to start kswapd on node %d\n", nid);
	}
}
