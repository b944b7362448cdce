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
 * Writing a page out (shrink_page_list()). Linux unmaps a page, then writes
 * it. Loam writes it while it is still mapped, its D bit cleared first
 * (page_mkclean()), and unmaps it once the write succeeded and only if D is
 * still clear. A write error then needs nothing undone: the page was never
 * unmapped; its slot is retired and the page stays, dirty. A page written
 * to again during the write keeps D and stays too.
 *
 * A shmem page goes the same way, through its file's reverse map: its PTEs
 * are cleared rather than given a swap entry (the object keeps the page,
 * and once it is written out its swap entry: shmem_delete_from_page_cache()
 * before the page is freed). One that nobody maps is still its object's:
 * it is written out, not freed.
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
#include <pagemap.h>
#include <printk.h>
#include <rmap.h>
#include <sched.h>
#include <shmem_fs.h>
#include <slab.h>
#include <swap.h>
#include <vmstat.h>

#include "internal.h"

/* Linux's DEF_PRIORITY: a round scans lru_size >> priority pages, priority 12 down to 0. */
#define DEF_PRIORITY 12

struct scan_control {
	unsigned long nr_to_reclaim;
	unsigned long nr_reclaimed;
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
	unlock_page(page);
	put_page(page);
}

/*
 * First look at each page: the ones to write go to @writing, the ones whose
 * slot already holds their data to @clean, and so do the ones that are not
 * swap-backed (to be dropped, as Linux's shrink_folio_list() skips
 * add_to_swap() for them); the others go back to @keep (the ones that can
 * go at once are freed). @ignore_references: MADV_PAGEOUT's reclaim, which
 * takes even a page used since it was last looked at (Linux's
 * reclaim_pages()). Returns the pages freed.
 */
static unsigned long sort_pages(struct list_head *pages, struct list_head *keep,
				struct list_head *clean, struct list_head *writing,
				struct tlbflush_batch *batch, bool ignore_references)
{
	unsigned long nr_freed = 0;
	struct page *page, *next;

	list_for_each_entry_safe(page, next, pages, lru) {
		if (!trylock_page(page)) {
			/* A fault is reading or mapping it. */
			list_move_tail(&page->lru, keep);
			continue;
		}
		if (!page_mapped(page) && !page_is_shmem(page)) {
			/* Unmapped while isolated (munmap, exit): ours to free. */
			list_del(&page->lru);
			free_isolated_page(page);
			nr_freed++;
			continue;
		}
		if ((!ignore_references && page_referenced(page)) ||
		    (PageSwapBacked(page) && !PageSwapCache(page) && !add_to_swap(page))) {
			/* Used since we last looked, or no swap left: keep it, active. */
			SetPageActive(page);
			unlock_page(page);
			list_move_tail(&page->lru, keep);
			continue;
		}
		if (!PageSwapBacked(page)) {
			list_move_tail(&page->lru, clean);
			continue;
		}
		if (page_mkclean(page, batch))
			SetPageDirty(page);
		list_move_tail(&page->lru, PageDirty(page) ? writing : clean);
	}
	return nr_freed;
}

/*
 * Swap writes in flight at once: the requests live in pageout_list()'s
 * frame, and every kernel frame stays within 2 KiB (see the Makefile's
 * -Werror=frame-larger-than), so SWAP_CLUSTER_MAX pages go in two batches.
 */
#define SWAP_WRITE_BATCH 16

/*
 * Write the pages of @writing to their slots, SWAP_WRITE_BATCH at a time,
 * and wait for each batch: written ones go to @clean; after a write error a
 * page stays mapped and intact (its slot never used again) and goes back
 * to @keep, active.
 */
static void pageout_list(struct list_head *writing, struct list_head *clean, struct list_head *keep)
{
	struct blk_request rqs[SWAP_WRITE_BATCH];
	struct blk_batch batch_io;
	struct blk_plug plug;
	struct page *page, *next;
	LIST_HEAD(chunk);
	unsigned int nr;

	while (!list_empty(writing)) {
		blk_batch_init(&batch_io);
		/* Neighbouring slots go to the disk as one request. */
		blk_start_plug(&plug);
		for (nr = 0; nr < SWAP_WRITE_BATCH && !list_empty(writing); nr++) {
			page = list_first_entry(writing, struct page, lru);
			list_move_tail(&page->lru, &chunk);
			ClearPageDirty(page);
			/* A submit error is a write error: swap_write_result() reports it. */
			swap_writepage(page, &batch_io, &rqs[nr],
				       nr + 1 < SWAP_WRITE_BATCH && !list_empty(writing));
		}
		blk_finish_plug(&plug);
		blk_batch_wait(&batch_io);

		nr = 0;
		list_for_each_entry_safe(page, next, &chunk, lru) {
			if (swap_write_result(page, &rqs[nr++])) {
				delete_from_swap_cache_bad(page);
				SetPageDirty(page);
				SetPageActive(page);
				unlock_page(page);
				list_move_tail(&page->lru, keep);
			} else {
				list_move_tail(&page->lru, clean);
			}
		}
	}
}

/*
 * Linux's shrink_folio_list() for a list of isolated inactive pages: write
 * them out, unmap and free them; pages that are not swap-backed are dropped
 * unwritten ("pglazyfreed"). Returns the pages freed; the others go back to
 * an LRU list (see sort_pages() for @ignore_references).
 */
static unsigned long shrink_page_list(struct list_head *pages, bool ignore_references)
{
	struct tlbflush_batch batch = { 0 };
	LIST_HEAD(keep);
	LIST_HEAD(clean);
	LIST_HEAD(writing);
	LIST_HEAD(unmapped);
	unsigned long nr_freed;
	struct page *page, *next;

	nr_freed = sort_pages(pages, &keep, &clean, &writing, &batch, ignore_references);
	/* D is clear everywhere before the device reads the pages. */
	try_to_unmap_flush(&batch);
	pageout_list(&writing, &clean, &keep);
	list_for_each_entry_safe(page, next, &clean, lru) {
		if (try_to_unmap(page, &batch)) {
			list_move_tail(&page->lru, &unmapped);
		} else {
			/*
			 * Written to during the write: D is set again, the next
			 * round sees it. A shmem page leaves the swap cache (its
			 * object holds the page, never both). A lazily freed page
			 * written again is swap-backed now, outside the swap cache:
			 * it goes to the active anonymous list (Linux's
			 * activate_locked).
			 */
			if (page_is_shmem(page))
				delete_from_swap_cache(page);
			else if (PageSwapBacked(page) && !PageSwapCache(page))
				SetPageActive(page);
			unlock_page(page);
			list_move_tail(&page->lru, &keep);
		}
	}
	/* No hart may reach a page through its TLB once it is freed. */
	try_to_unmap_flush(&batch);
	list_for_each_entry_safe(page, next, &unmapped, lru) {
		list_del(&page->lru);
		if (!PageSwapBacked(page))
			count_vm_event(PGLAZYFREED);
		free_isolated_page(page);
		nr_freed++;
	}
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
	nr_freed = shrink_page_list(&pages, false);
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
 * Reclaim up to sc->nr_to_reclaim pages from @pgdat: rounds of
 * SWAP_CLUSTER_MAX, as many as lru_size >> priority allows, the priority
 * falling from DEF_PRIORITY to 0 (at 0 the whole list) until enough is free.
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
	return shrink_page_list(pages, true);
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
