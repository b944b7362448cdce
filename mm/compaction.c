// SPDX-License-Identifier: GPL-2.0
/*
 * Memory compaction, after Linux 6.12's mm/compaction.c: make a free block
 * of a high order out of scattered free pages by moving the pages in use
 * between them (page migration, mm/migrate.c, does the moving).
 *
 * A run works on one zone with two scanners. The migration scanner walks
 * up from the zone's start a pageblock at a time and isolates the pages
 * that can move: pages on an LRU list, not pinned, not free, not parts of
 * compound pages (isolate_migratepages_block()). The free scanner walks
 * down from the zone's end and takes free buddy blocks off their lists,
 * split into order-0 pages (isolate_freepages_block()): the frames the
 * isolated pages move to (compaction_alloc()). Pages from the bottom go to
 * the top, and free space gathers at the bottom, where the buddy allocator
 * merges it into larger blocks. The run ends when the scanners meet, or
 * when a block of the order asked for is free (compact_finished()).
 *
 * Pageblock types are respected as Linux respects them: the free scanner
 * takes targets only in MIGRATE_MOVABLE pageblocks (unless the last,
 * hardest direct compaction asks otherwise), so that compaction never
 * puts movable pages into an unmovable block; async direct compaction
 * moves pages only out of blocks of the allocation's own type.
 *
 * Who runs it: the allocator for a costly order, before and after
 * reclaim (try_to_compact_pages(), mm/page_alloc.c); kcompactd, one
 * thread per node that kswapd wakes when it has balanced a node for
 * order 0 and a high-order allocation still fails; and a write of 1 to
 * /proc/sys/vm/compact_memory, which compacts every zone completely.
 * A zone whose compaction failed is skipped for a while (deferred).
 *
 * Left out of Linux's design: the pageblock skip bits (PG_migrate_skip:
 * Loam's scanners look at every block again), the fast searches of the free
 * lists (fast_isolate_freepages(), fast_find_migrateblock(): Loam's
 * scanners are linear), capturing the block a compactor freed for itself
 * (capture_control), and proactive compaction (compaction_proactiveness).
 */
#include <compaction.h>
#include <kernel.h>
#include <migrate.h>
#include <mm_inline.h>
#include <pagemap.h>
#include <printk.h>
#include <rmap.h>
#include <sched.h>
#include <smp.h>
#include <swap.h>
#include <uapi/errno.h>
#include <vmstat.h>

#include "internal.h"

/* Pages isolated per batch, and pfns between lock breaks (Linux's COMPACT_CLUSTER_MAX). */
#define COMPACT_CLUSTER_MAX 32
/* At most 64 attempts are skipped after failures (Linux's). */
#define COMPACT_MAX_DEFER_SHIFT 6

#define pageblock_start_pfn(pfn) ALIGN_DOWN(pfn, pageblock_nr_pages)
#define pageblock_end_pfn(pfn) (pageblock_start_pfn(pfn) + pageblock_nr_pages)
#define block_start_pfn(pfn, order) ALIGN_DOWN(pfn, 1UL << (order))
#define block_end_pfn(pfn, order) ALIGN((pfn) + 1, 1UL << (order))

int sysctl_extfrag_threshold = 500;
int sysctl_compact_unevictable_allowed = 1;
int sysctl_compact_memory;

/*
 * Free pages compaction wants above the watermark: the 2^order pages of
 * the block, and as many again as targets (Linux's compact_gap()).
 */
static unsigned long compact_gap(unsigned int order)
{
	return 2UL << order;
}

void defer_compaction(struct zone *zone, int order)
{
	zone->compact_considered = 0;
	zone->compact_defer_shift++;
	if (order < zone->compact_order_failed)
		zone->compact_order_failed = order;
	if (zone->compact_defer_shift > COMPACT_MAX_DEFER_SHIFT)
		zone->compact_defer_shift = COMPACT_MAX_DEFER_SHIFT;
}

bool compaction_deferred(struct zone *zone, int order)
{
	unsigned long defer_limit = 1UL << zone->compact_defer_shift;

	if (order < zone->compact_order_failed)
		return false;
	if (++zone->compact_considered >= defer_limit) {
		zone->compact_considered = defer_limit;
		return false;
	}
	return true;
}

void compaction_defer_reset(struct zone *zone, int order, bool alloc_success)
{
	if (alloc_success) {
		zone->compact_considered = 0;
		zone->compact_defer_shift = 0;
	}
	if (order >= zone->compact_order_failed)
		zone->compact_order_failed = order + 1;
}

static void reset_cached_positions(struct zone *zone)
{
	zone->compact_cached_migrate_pfn[0] = zone->zone_start_pfn;
	zone->compact_cached_migrate_pfn[1] = zone->zone_start_pfn;
	zone->compact_cached_free_pfn = pageblock_start_pfn(zone_end_pfn(zone) - 1);
}

/* The migration scanner finished the blocks below @pfn: the next run starts there. */
static void update_cached_migrate(struct compact_control *cc, unsigned long pfn)
{
	struct zone *zone = cc->zone;

	if (pfn > zone->compact_cached_migrate_pfn[0])
		zone->compact_cached_migrate_pfn[0] = pfn;
	if (cc->mode != MIGRATE_ASYNC && pfn > zone->compact_cached_migrate_pfn[1])
		zone->compact_cached_migrate_pfn[1] = pfn;
}

/* Linux's cond_resched(): the kernel is not preempted, so long scans yield here. */
static void compact_cond_resched(void)
{
	if (READ_ONCE(this_cpu()->need_resched))
		schedule();
}

/* Async compaction notes a contended lock (and stops at the block's end); then it locks. */
static void compact_lock_irqsave(spinlock_t *lock, unsigned long *flags, struct compact_control *cc)
{
	if (cc->mode == MIGRATE_ASYNC && !cc->contended) {
		*flags = arch_local_irq_save();
		if (spin_trylock(lock))
			return;
		arch_local_irq_restore(*flags);
		cc->contended = true;
	}
	spin_lock_irqsave(lock, *flags);
}

/*
 * Every COMPACT_CLUSTER_MAX pfns the scanners let go of their lock, so
 * that interrupts and other CPUs get a turn; true if a fatal signal says
 * stop (Linux's compact_unlock_should_abort()).
 */
static bool compact_unlock_should_abort(spinlock_t *lock, unsigned long flags, bool *locked,
					struct compact_control *cc)
{
	if (*locked) {
		spin_unlock_irqrestore(lock, flags);
		*locked = false;
	}
	if (fatal_signal_pending(current)) {
		cc->contended = true;
		return true;
	}
	compact_cond_resched();
	return false;
}

/*
 * The first page of the pageblock [@start_pfn, @end_pfn) if all of it has
 * struct pages of @zone, else NULL (Linux's pageblock_pfn_to_page()).
 */
static struct page *pageblock_pfn_to_page(unsigned long start_pfn, unsigned long end_pfn,
					  struct zone *zone)
{
	struct page *start_page, *end_page;

	if (!pfn_valid(start_pfn) || !pfn_valid(end_pfn - 1))
		return NULL;
	start_page = pfn_to_page(start_pfn);
	end_page = pfn_to_page(end_pfn - 1);
	if (page_zone(start_page) != zone || page_zone_id(start_page) != page_zone_id(end_page))
		return NULL;
	return start_page;
}

/* ------------------------------------------------------- the free scanner */

/*
 * Take the free blocks of [*@start_pfn, @end_pfn) off the buddy lists,
 * looking at every @stride-th pfn, onto @freelist (page->private: the
 * block's order), until there are as many free pages as pages to move.
 * *@start_pfn: where the scan stopped. Returns the pages taken.
 */
static unsigned long isolate_freepages_block(struct compact_control *cc, unsigned long *start_pfn,
					     unsigned long end_pfn, struct list_head *freelist,
					     unsigned int stride)
{
	unsigned long blockpfn = *start_pfn, nr_scanned = 0, total_isolated = 0, flags = 0;
	struct page *page = pfn_to_page(blockpfn);
	bool locked = false;

	for (; blockpfn < end_pfn; blockpfn += stride, page += stride) {
		unsigned int order;
		int isolated;

		if (!(blockpfn % COMPACT_CLUSTER_MAX) &&
		    compact_unlock_should_abort(&cc->zone->lock, flags, &locked, cc))
			break;
		nr_scanned++;
		/* A compound page (a slab, a huge page) is skipped whole. */
		if (PageHead(page)) {
			order = compound_order(page);
			if (order < MAX_ORDER) {
				blockpfn += (1UL << order) - 1;
				page += (1UL << order) - 1;
				nr_scanned += (1UL << order) - 1;
			}
			continue;
		}
		if (!PageBuddy(page))
			continue;
		if (!locked) {
			compact_lock_irqsave(&cc->zone->lock, &flags, cc);
			locked = true;
			if (!PageBuddy(page))
				continue;
		}
		order = page->private;
		isolated = __isolate_free_page(page, order);
		if (!isolated)
			break;
		page->private = order;
		nr_scanned += isolated - 1;
		total_isolated += isolated;
		cc->nr_freepages += isolated;
		list_add_tail(&page->lru, freelist);
		if (cc->nr_migratepages <= cc->nr_freepages) {
			blockpfn += isolated;
			break;
		}
		blockpfn += isolated - 1;
		page += isolated - 1;
	}
	if (locked)
		spin_unlock_irqrestore(&cc->zone->lock, flags);
	*start_pfn = min(blockpfn, end_pfn);
	cc->total_free_scanned += nr_scanned;
	if (total_isolated)
		count_vm_events(COMPACTISOLATED, total_isolated);
	return total_isolated;
}

/*
 * The blocks isolate_freepages_block() took become order-0 pages with a
 * reference each, as an allocation would hand them out (Linux's
 * split_map_pages()).
 */
static void split_map_pages(struct list_head *list)
{
	struct page *page, *next;
	LIST_HEAD(tmp);
	unsigned long i;

	list_for_each_entry_safe(page, next, list, lru) {
		unsigned int order = page->private;

		list_del(&page->lru);
		page->private = 0;
		set_page_count(page, 1);
		split_page(page, order);
		for (i = 0; i < (1UL << order); i++)
			list_add_tail(&page[i].lru, &tmp);
	}
	list_for_each_entry_safe(page, next, &tmp, lru)
		list_move_tail(&page->lru, list);
}

/* Free the targets not used; returns the highest pfn among them. */
static unsigned long release_freepages(struct list_head *freelist)
{
	unsigned long high_pfn = 0;
	struct page *page, *next;

	list_for_each_entry_safe(page, next, freelist, lru) {
		unsigned long pfn = page_to_pfn(page);

		list_del(&page->lru);
		__free_page(page);
		high_pfn = max(high_pfn, pfn);
	}
	return high_pfn;
}

/*
 * May the free scanner take targets from @page's pageblock? Not from a
 * block that is free as a whole (that is what compaction makes), and only
 * from a movable one, unless the last direct compaction says any.
 */
static bool suitable_migration_target(struct compact_control *cc, struct page *page)
{
	if (PageBuddy(page) && READ_ONCE(page->private) >= pageblock_order)
		return false;
	if (cc->ignore_block_suitable)
		return true;
	return get_pageblock_migratetype(page) == MIGRATE_MOVABLE;
}

/*
 * Isolate free pages from the pageblocks below cc->free_pfn, down to the
 * migration scanner's block, until there are as many as pages to move
 * (Linux's isolate_freepages() without the fast search). In async mode
 * the stride starts at 32 pfns, drops to 1 after a block that gave pages
 * and doubles (up to 32) after one that gave none; sync modes look at
 * every pfn.
 */
static void isolate_freepages(struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	unsigned long isolate_start_pfn = cc->free_pfn;
	unsigned long block_start_pfn = pageblock_start_pfn(isolate_start_pfn);
	unsigned long block_end_pfn = min(block_start_pfn + pageblock_nr_pages, zone_end_pfn(zone));
	unsigned long low_pfn = pageblock_end_pfn(cc->migrate_pfn);
	unsigned int stride = cc->mode == MIGRATE_ASYNC ? COMPACT_CLUSTER_MAX : 1;

	for (; block_start_pfn >= low_pfn; block_end_pfn = block_start_pfn,
					   block_start_pfn -= pageblock_nr_pages,
					   isolate_start_pfn = block_start_pfn) {
		struct page *page = pageblock_pfn_to_page(block_start_pfn, block_end_pfn, zone);
		unsigned long nr_isolated;

		if (!page || !suitable_migration_target(cc, page))
			continue;
		nr_isolated = isolate_freepages_block(cc, &isolate_start_pfn, block_end_pfn,
						      &cc->freepages, stride);
		/* The whole block was scanned: the next run starts below it. */
		if (isolate_start_pfn == block_end_pfn &&
		    block_start_pfn - pageblock_nr_pages < zone->compact_cached_free_pfn)
			zone->compact_cached_free_pfn = block_start_pfn - pageblock_nr_pages;
		if (cc->nr_freepages >= cc->nr_migratepages) {
			if (isolate_start_pfn >= block_end_pfn)
				isolate_start_pfn = block_start_pfn - pageblock_nr_pages;
			break;
		} else if (isolate_start_pfn < block_end_pfn) {
			break; /* the zone is at its watermark, or a fatal signal came */
		}
		/*
		 * Linux widens the stride after a block that gave nothing, in
		 * every mode, to sample blocks that are full. Loam does so only
		 * in async mode: without the skip bits, a run meets again the
		 * blocks earlier runs emptied, and a stride of 2 or more on
		 * memory freed every other page sees only the pages held.
		 */
		if (nr_isolated || cc->mode != MIGRATE_ASYNC)
			stride = 1;
		else
			stride = min(COMPACT_CLUSTER_MAX, stride << 1);
	}
	cc->free_pfn = isolate_start_pfn;
	split_map_pages(&cc->freepages);
}

/* migrate_pages()'s allocator: a target from the free scanner. */
static struct page *compaction_alloc(struct page *src, unsigned long data)
{
	struct compact_control *cc = (struct compact_control *)data;
	struct page *dst;

	if (list_empty(&cc->freepages)) {
		isolate_freepages(cc);
		if (list_empty(&cc->freepages))
			return NULL;
	}
	dst = list_first_entry(&cc->freepages, struct page, lru);
	list_del(&dst->lru);
	cc->nr_freepages--;
	return dst;
}

/* migrate_pages()'s release of a target it did not use: back to the list. */
static void compaction_free(struct page *dst, unsigned long data)
{
	struct compact_control *cc = (struct compact_control *)data;

	list_add(&dst->lru, &cc->freepages);
	cc->nr_freepages++;
}

/* --------------------------------------------------- the migration scanner */

/*
 * Reclaim and compaction have too many pages off the LRU lists already
 * (Linux's too_many_isolated() for compaction): half the LRU, an eighth
 * of that for a caller that may enter file systems.
 */
static bool too_many_isolated(struct compact_control *cc)
{
	pg_data_t *pgdat = cc->zone->zone_pgdat;
	unsigned long lru =
		node_page_state(pgdat, NR_INACTIVE_ANON) + node_page_state(pgdat, NR_ACTIVE_ANON) +
		node_page_state(pgdat, NR_INACTIVE_FILE) + node_page_state(pgdat, NR_ACTIVE_FILE);

	if (cc->gfp_mask & __GFP_FS)
		lru >>= 3;
	return node_page_state(pgdat, NR_ISOLATED_ANON) > lru / 2;
}

static int page_mlocked_one(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			    pte_t *ptep, void *arg)
{
	return !!(vma->vm_flags & VM_LOCKED);
}

/*
 * Is @page mlocked: does a VM_LOCKED VMA map it? Linux keeps such pages on
 * the unevictable list (PG_unevictable, PG_mlocked); Loam keeps them on the
 * ordinary lists and asks the reverse map (the anon_vma's semaphore may
 * sleep: no spinlock held). A page locked by someone else counts as
 * mlocked: it is left alone this time.
 */
static bool page_mlocked(struct page *page)
{
	struct rmap_walk_control rwc = { .rmap_one = page_mlocked_one };
	bool mlocked;

	if (!trylock_page(page))
		return true;
	mlocked = rmap_walk(page, &rwc) > 0;
	unlock_page(page);
	return mlocked;
}

/*
 * Could @page move, judged before it is taken off its list (Linux's checks
 * ahead of the isolation)? Then it has a reference of ours. Not if it is
 * on no LRU list, on its way to being freed, an anonymous page pinned
 * beyond its mappings (get_user_pages), a shmem page for a caller that
 * may not enter file systems, an mlocked page while
 * compact_unevictable_allowed is 0 (the LRU @lock let go first if
 * *@locked, for the reverse-map walk), or, for MIGRATE_ASYNC, a page
 * under writeback, which only a wait would make movable (Linux's
 * ISOLATE_ASYNC_MIGRATE test). Our reference goes at once then,
 * with the LRU @lock let go first: put_page() may take it.
 */
static bool compact_page_candidate(struct compact_control *cc, struct page *page, spinlock_t *lock,
				   unsigned long flags, bool *locked)
{
	if (!PageLRU(page) || PageTail(page) || !get_page_unless_zero(page))
		return false;
	if (PageAnon(page) && !PageSwapCache(page) &&
	    page_ref_count(page) - 1 > page_mapcount(page))
		goto put;
	if (!(cc->gfp_mask & __GFP_FS) && !PageAnon(page))
		goto put;
	if (!READ_ONCE(sysctl_compact_unevictable_allowed)) {
		if (*locked) {
			spin_unlock_irqrestore(lock, flags);
			*locked = false;
		}
		if (page_mlocked(page))
			goto put;
	}
	if (cc->mode == MIGRATE_ASYNC && PageWriteback(page))
		goto put;
	return true;
put:
	if (*locked) {
		spin_unlock_irqrestore(lock, flags);
		*locked = false;
	}
	put_page(page);
	return false;
}

/*
 * Take @page, a candidate with our reference, off its LRU list onto
 * cc->migratepages, as reclaim's isolate_lru_page() does; the LRU lock is
 * held. False if someone else took it off first.
 */
static bool compact_isolate_lru_page(struct compact_control *cc, struct page *page,
				     struct lruvec *lruvec)
{
	if (!PageLRU(page))
		return false;
	del_page_from_lru_list(page, lruvec);
	ClearPageLRU(page);
	mod_node_page_state(lruvec_pgdat(lruvec), NR_ISOLATED_ANON, 1);
	list_add(&page->lru, &cc->migratepages);
	cc->nr_migratepages++;
	return true;
}

/*
 * Pages to step over at @page that cannot be isolated: a free block or a
 * compound page, whole (their order read without the lock, as Linux does:
 * a bogus one only skips too much); 0 for any other page.
 */
static unsigned long compact_skip_pages(struct page *page)
{
	unsigned long order;

	if (PageBuddy(page))
		order = READ_ONCE(page->private);
	else if (PageHead(page))
		order = compound_order(page);
	else
		return 0;
	return order < MAX_ORDER ? (1UL << order) - 1 : 0;
}

/*
 * Async direct compaction gives up an order-aligned block at its first
 * page that cannot move: the pages isolated from it go back, and the scan
 * goes on at the next block (Linux's skip_on_failure). Returns the pfn the
 * loop continues from.
 */
static unsigned long compact_skip_failed_block(struct compact_control *cc, unsigned long low_pfn,
					       unsigned long *next_skip_pfn,
					       unsigned long *nr_isolated)
{
	if (*nr_isolated) {
		putback_movable_pages(&cc->migratepages);
		cc->nr_migratepages = 0;
		*nr_isolated = 0;
	}
	if (low_pfn < *next_skip_pfn) {
		low_pfn = *next_skip_pfn - 1;
		*next_skip_pfn += 1UL << cc->order;
	}
	return low_pfn;
}

/*
 * Isolate the pages of [@low_pfn, @end_pfn), within one pageblock, that
 * can move, onto cc->migratepages, COMPACT_CLUSTER_MAX at most; the LRU
 * lock is taken for the pages found and let go every COMPACT_CLUSTER_MAX
 * pfns (Linux's isolate_migratepages_block()). cc->migrate_pfn: where it
 * stopped. 0, -EAGAIN (too many isolated) or -EINTR (a fatal signal).
 */
static int isolate_migratepages_block(struct compact_control *cc, unsigned long low_pfn,
				      unsigned long end_pfn)
{
	struct lruvec *lruvec = node_lruvec(cc->zone->zone_pgdat);
	unsigned long nr_scanned = 0, nr_isolated = 0, next_skip_pfn = 0, flags = 0, skip;
	bool skip_on_failure = cc->direct_compaction && cc->mode == MIGRATE_ASYNC;
	bool locked = false;
	int ret = 0;

	cc->migrate_pfn = low_pfn;
	if (too_many_isolated(cc))
		return -EAGAIN;
	if (skip_on_failure)
		next_skip_pfn = block_end_pfn(low_pfn, cc->order);
	for (; low_pfn < end_pfn; low_pfn++) {
		struct page *page = pfn_to_page(low_pfn);

		if (skip_on_failure && low_pfn >= next_skip_pfn) {
			if (nr_isolated)
				break; /* a whole order-aligned block isolated: migrate it */
			next_skip_pfn = block_end_pfn(low_pfn, cc->order);
		}
		if (!(low_pfn % COMPACT_CLUSTER_MAX) &&
		    compact_unlock_should_abort(&lruvec->lru_lock, flags, &locked, cc)) {
			ret = -EINTR;
			break;
		}
		nr_scanned++;
		skip = compact_skip_pages(page);
		if (PageBuddy(page)) {
			low_pfn += skip;
			nr_scanned += skip;
			continue;
		}
		if (skip) {
			low_pfn += skip;
			nr_scanned += skip;
			goto isolate_fail;
		}
		if (!compact_page_candidate(cc, page, &lruvec->lru_lock, flags, &locked))
			goto isolate_fail;
		if (!locked) {
			compact_lock_irqsave(&lruvec->lru_lock, &flags, cc);
			locked = true;
		}
		if (!compact_isolate_lru_page(cc, page, lruvec)) {
			spin_unlock_irqrestore(&lruvec->lru_lock, flags);
			locked = false;
			put_page(page);
			goto isolate_fail;
		}
		nr_isolated++;
		if (cc->nr_migratepages >= COMPACT_CLUSTER_MAX && !cc->finish_pageblock &&
		    !cc->contended) {
			low_pfn++;
			break;
		}
		continue;
	isolate_fail:
		if (!skip_on_failure)
			continue;
		if (locked) {
			spin_unlock_irqrestore(&lruvec->lru_lock, flags);
			locked = false;
		}
		low_pfn = compact_skip_failed_block(cc, low_pfn, &next_skip_pfn, &nr_isolated);
	}
	if (locked)
		spin_unlock_irqrestore(&lruvec->lru_lock, flags);
	low_pfn = min(low_pfn, end_pfn);
	if (!ret && low_pfn == end_pfn && (!nr_isolated || cc->finish_pageblock))
		update_cached_migrate(cc, low_pfn);
	cc->total_migrate_scanned += nr_scanned;
	if (nr_isolated)
		count_vm_events(COMPACTISOLATED, nr_isolated);
	cc->migrate_pfn = low_pfn;
	return ret;
}

/*
 * May the migration scanner take pages from @page's pageblock? Always,
 * but for async direct compaction: only blocks of the allocation's type
 * (Linux's suitable_migration_source()), where moving is cheap and helps.
 */
static bool suitable_migration_source(struct compact_control *cc, struct page *page)
{
	if (cc->mode != MIGRATE_ASYNC || !cc->direct_compaction)
		return true;
	return get_pageblock_migratetype(page) == cc->migratetype;
}

enum isolate_migrate {
	ISOLATE_ABORT, /* stop compacting now */
	ISOLATE_NONE, /* nothing isolated: scan on */
	ISOLATE_SUCCESS, /* pages isolated: migrate them */
};

/*
 * From cc->migrate_pfn up, isolate the pages of the first suitable
 * pageblock below the free scanner (Linux's isolate_migratepages(),
 * without fast_find_migrateblock()).
 */
static enum isolate_migrate isolate_migratepages(struct compact_control *cc)
{
	unsigned long low_pfn = cc->migrate_pfn;
	unsigned long block_start_pfn = max(pageblock_start_pfn(low_pfn), cc->zone->zone_start_pfn);
	unsigned long block_end_pfn = pageblock_end_pfn(low_pfn);

	for (; block_end_pfn <= cc->free_pfn; cc->migrate_pfn = low_pfn = block_end_pfn,
					      block_start_pfn = block_end_pfn,
					      block_end_pfn += pageblock_nr_pages) {
		struct page *page = pageblock_pfn_to_page(block_start_pfn, block_end_pfn, cc->zone);

		if (!(low_pfn % (COMPACT_CLUSTER_MAX * pageblock_nr_pages)))
			compact_cond_resched();
		if (!page)
			continue;
		if (!suitable_migration_source(cc, page)) {
			update_cached_migrate(cc, block_end_pfn);
			continue;
		}
		if (isolate_migratepages_block(cc, low_pfn, block_end_pfn))
			return ISOLATE_ABORT;
		break;
	}
	return cc->nr_migratepages ? ISOLATE_SUCCESS : ISOLATE_NONE;
}

/* /proc/sys/vm/compact_memory's runs ask for no order: the whole zone. */
static bool is_via_compact_memory(int order)
{
	return order == -1;
}

/* The free scanner is in the migration scanner's pageblock or below. */
static bool compact_scanners_met(struct compact_control *cc)
{
	return (cc->free_pfn >> pageblock_order) <= (cc->migrate_pfn >> pageblock_order);
}

/*
 * Is the run over (Linux's __compact_finished())? When the scanners met,
 * or for an order when, at a pageblock boundary, a block of the order is
 * free on the allocation's list or on one it may take over a whole block
 * from (the allocator's fallback rules, find_suitable_fallback()).
 */
static enum compact_result __compact_finished(struct compact_control *cc)
{
	int order;

	if (compact_scanners_met(cc)) {
		reset_cached_positions(cc->zone);
		return cc->whole_zone ? COMPACT_COMPLETE : COMPACT_PARTIAL_SKIPPED;
	}
	if (is_via_compact_memory(cc->order))
		return COMPACT_CONTINUE;
	/* A pageblock is finished first, so that fewer blocks end up mixed. */
	if (!IS_ALIGNED(cc->migrate_pfn, pageblock_nr_pages))
		return COMPACT_CONTINUE;
	for (order = cc->order; order < MAX_ORDER; order++) {
		struct free_area *area = &cc->zone->free_area[order];
		bool can_steal;

		if (!free_area_empty(area, cc->migratetype))
			return COMPACT_SUCCESS;
		if (find_suitable_fallback(area, order, cc->migratetype, true, &can_steal) != -1)
			return COMPACT_SUCCESS;
	}
	if (cc->contended || fatal_signal_pending(current))
		return COMPACT_CONTENDED;
	return COMPACT_NO_SUITABLE_PAGE;
}

static enum compact_result compact_finished(struct compact_control *cc)
{
	enum compact_result ret = __compact_finished(cc);

	return ret == COMPACT_NO_SUITABLE_PAGE ? COMPACT_CONTINUE : ret;
}

/*
 * Enough free pages for compaction to find targets, @free counting as
 * the zone's (Linux's __compaction_suitable()): the order-0 watermark
 * (low for a costly order, min otherwise) plus compact_gap(), above the
 * zone's reserve for @highest_zoneidx.
 */
static bool __compaction_suitable(struct zone *zone, int order, int highest_zoneidx,
				  unsigned long free)
{
	unsigned long watermark;

	watermark = order > PAGE_ALLOC_COSTLY_ORDER ? low_wmark_pages(zone) : min_wmark_pages(zone);
	watermark += compact_gap(order);
	return free > watermark + zone->lowmem_reserve[highest_zoneidx];
}

bool compaction_suitable(struct zone *zone, int order, int highest_zoneidx)
{
	int fragindex;

	if (!__compaction_suitable(zone, order, highest_zoneidx,
				   zone_page_state(zone, NR_FREE_PAGES)))
		return false;
	/*
	 * For a costly order, compact only if a failure would be due to
	 * fragmentation (index above extfrag_threshold), not to a lack of
	 * memory (towards 0), which reclaim has to fix.
	 */
	if (order <= PAGE_ALLOC_COSTLY_ORDER)
		return true;
	fragindex = fragmentation_index(zone, order);
	return fragindex < 0 || fragindex > READ_ONCE(sysctl_extfrag_threshold);
}

/*
 * Reclaimable pages of @zone's node: the LRU lists, the anonymous ones
 * only while there is swap (Linux's zone_reclaimable_pages(), per node:
 * Loam's LRU lists are the node's).
 */
static unsigned long zone_reclaimable_pages(struct zone *zone)
{
	pg_data_t *pgdat = zone->zone_pgdat;
	unsigned long nr =
		node_page_state(pgdat, NR_INACTIVE_FILE) + node_page_state(pgdat, NR_ACTIVE_FILE);

	if (get_nr_swap_pages() > 0)
		nr += node_page_state(pgdat, NR_INACTIVE_ANON) +
		      node_page_state(pgdat, NR_ACTIVE_ANON);
	return nr;
}

bool compaction_zonelist_suitable(struct alloc_context *ac, int order, int alloc_flags)
{
	struct zoneref *z;

	for (z = ac->preferred_zoneref; z->zone; z++) {
		unsigned long available;

		if (z->zone_idx > ac->highest_zoneidx || !managed_zone(z->zone))
			continue;
		/* Not all the reclaimable memory: one allocation is not worth thrashing for. */
		available = zone_reclaimable_pages(z->zone) / order;
		available += zone_page_state(z->zone, NR_FREE_PAGES);
		if (__compaction_suitable(z->zone, order, ac->highest_zoneidx, available))
			return true;
	}
	return false;
}

/*
 * Where the scanners start: the zone's ends for a whole-zone run, else
 * where the last run of this mode stopped (reset when out of the zone).
 */
static void compact_zone_init_scanners(struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	unsigned long start_pfn = zone->zone_start_pfn, end_pfn = zone_end_pfn(zone);

	if (cc->whole_zone) {
		cc->migrate_pfn = start_pfn;
		cc->free_pfn = pageblock_start_pfn(end_pfn - 1);
		return;
	}
	cc->migrate_pfn = zone->compact_cached_migrate_pfn[cc->mode != MIGRATE_ASYNC];
	cc->free_pfn = zone->compact_cached_free_pfn;
	if (cc->free_pfn < start_pfn || cc->free_pfn >= end_pfn) {
		cc->free_pfn = pageblock_start_pfn(end_pfn - 1);
		zone->compact_cached_free_pfn = cc->free_pfn;
	}
	if (cc->migrate_pfn < start_pfn || cc->migrate_pfn >= end_pfn) {
		cc->migrate_pfn = start_pfn;
		zone->compact_cached_migrate_pfn[0] = start_pfn;
		zone->compact_cached_migrate_pfn[1] = start_pfn;
	}
	if (cc->migrate_pfn == start_pfn)
		cc->whole_zone = true;
}

/*
 * Move the pages isolated on cc->migratepages to the free scanner's
 * targets; the ones that did not move go back to their lists. Returns
 * COMPACT_CONTENDED if the run must stop (no target left before the
 * scanners met), else COMPACT_CONTINUE.
 */
static enum compact_result compact_migrate_isolated(struct compact_control *cc)
{
	unsigned int nr_succeeded = 0;
	int err;

	err = migrate_pages(&cc->migratepages, compaction_alloc, compaction_free, (unsigned long)cc,
			    cc->mode, MR_COMPACTION, &nr_succeeded);
	cc->nr_migratepages = 0;
	if (!err)
		return COMPACT_CONTINUE;
	putback_movable_pages(&cc->migratepages);
	/* No target: the zone is at its watermark (the scanners meeting ends the run anyway). */
	if (err == -ENOMEM && !compact_scanners_met(cc))
		return COMPACT_CONTENDED;
	return COMPACT_CONTINUE;
}

/*
 * Free the targets left over; the free scanner's next run starts no
 * lower than the highest of them.
 */
static void compact_zone_release(struct compact_control *cc)
{
	unsigned long free_pfn;

	if (!cc->nr_freepages)
		return;
	free_pfn = pageblock_start_pfn(release_freepages(&cc->freepages));
	cc->nr_freepages = 0;
	if (free_pfn > cc->zone->compact_cached_free_pfn)
		cc->zone->compact_cached_free_pfn = free_pfn;
}

/*
 * One compaction run over cc->zone (Linux's compact_zone()): isolate a
 * batch from below, migrate it to targets from above, until
 * compact_finished() says stop. Pages freed by the migration sit on this
 * CPU's per-CPU list until drained: once the migration scanner has left
 * the order-aligned block it freed, they are, so that they merge and the
 * next compact_finished() sees the block.
 */
static enum compact_result compact_zone(struct compact_control *cc)
{
	unsigned long last_migrated_pfn = 0;
	enum compact_result ret;

	cc->total_migrate_scanned = cc->total_free_scanned = 0;
	cc->nr_migratepages = cc->nr_freepages = 0;
	INIT_LIST_HEAD(&cc->freepages);
	INIT_LIST_HEAD(&cc->migratepages);
	cc->migratetype = gfp_migratetype(cc->gfp_mask);
	if (!is_via_compact_memory(cc->order)) {
		unsigned long watermark = wmark_pages(cc->zone, cc->alloc_flags & ALLOC_WMARK_MASK);

		if (zone_watermark_ok(cc->zone, cc->order, watermark, cc->highest_zoneidx,
				      cc->alloc_flags))
			return COMPACT_SUCCESS;
		if (!compaction_suitable(cc->zone, cc->order, cc->highest_zoneidx))
			return COMPACT_SKIPPED;
	}
	compact_zone_init_scanners(cc);
	while ((ret = compact_finished(cc)) == COMPACT_CONTINUE) {
		unsigned long iteration_start_pfn = cc->migrate_pfn;

		/* Rescanning the block just migrated from: finish it in one go. */
		cc->finish_pageblock = pageblock_start_pfn(last_migrated_pfn) ==
				       pageblock_start_pfn(iteration_start_pfn);
		switch (isolate_migratepages(cc)) {
		case ISOLATE_ABORT:
			ret = COMPACT_CONTENDED;
			putback_movable_pages(&cc->migratepages);
			cc->nr_migratepages = 0;
			goto out;
		case ISOLATE_NONE:
			break;
		case ISOLATE_SUCCESS:
			last_migrated_pfn = max(cc->zone->zone_start_pfn,
						pageblock_start_pfn(cc->migrate_pfn - 1));
			ret = compact_migrate_isolated(cc);
			if (ret != COMPACT_CONTINUE)
				goto out;
		}
		if (cc->order > 0 && last_migrated_pfn &&
		    last_migrated_pfn < block_start_pfn(cc->migrate_pfn, cc->order)) {
			drain_local_pages(cc->zone);
			last_migrated_pfn = 0;
		}
	}
out:
	compact_zone_release(cc);
	count_vm_events(COMPACTMIGRATE_SCANNED, cc->total_migrate_scanned);
	count_vm_events(COMPACTFREE_SCANNED, cc->total_free_scanned);
	return ret;
}

/*
 * Direct compaction of one zone at priority @prio (Linux's
 * compact_zone_order()): async first, then sync-light; the last priority
 * scans the whole zone and takes targets in any pageblock.
 */
static enum compact_result compact_zone_order(struct zone *zone, int order, gfp_t gfp_mask,
					      enum compact_priority prio, unsigned int alloc_flags,
					      int highest_zoneidx)
{
	struct compact_control cc = {
		.order = order,
		.gfp_mask = gfp_mask,
		.zone = zone,
		.mode = prio == COMPACT_PRIO_ASYNC ? MIGRATE_ASYNC : MIGRATE_SYNC_LIGHT,
		.alloc_flags = alloc_flags,
		.highest_zoneidx = highest_zoneidx,
		.direct_compaction = true,
		.whole_zone = prio == MIN_COMPACT_PRIORITY,
		.ignore_block_suitable = prio == MIN_COMPACT_PRIORITY,
	};

	return compact_zone(&cc);
}

enum compact_result try_to_compact_pages(gfp_t gfp_mask, unsigned int order,
					 unsigned int alloc_flags, const struct alloc_context *ac,
					 enum compact_priority prio)
{
	enum compact_result rc = COMPACT_SKIPPED;
	struct zoneref *z;

	/* GFP_NOIO: migration may have to wait for I/O. */
	if (!(gfp_mask & __GFP_IO))
		return COMPACT_SKIPPED;
	for (z = ac->preferred_zoneref; z->zone; z++) {
		struct zone *zone = z->zone;
		enum compact_result status;

		if (z->zone_idx > ac->highest_zoneidx || !managed_zone(zone))
			continue;
		if (prio > MIN_COMPACT_PRIORITY && compaction_deferred(zone, order)) {
			rc = max(rc, COMPACT_DEFERRED);
			continue;
		}
		status = compact_zone_order(zone, order, gfp_mask, prio, alloc_flags,
					    ac->highest_zoneidx);
		rc = max(status, rc);
		if (status == COMPACT_SUCCESS) {
			/* Likely, not certain: the allocator resets for good if it succeeds. */
			compaction_defer_reset(zone, order, false);
			break;
		}
		if (prio != COMPACT_PRIO_ASYNC &&
		    (status == COMPACT_COMPLETE || status == COMPACT_PARTIAL_SKIPPED))
			defer_compaction(zone, order);
		if (fatal_signal_pending(current))
			break;
	}
	return rc;
}

/*
 * Compact every zone of @pgdat completely and synchronously (Linux's
 * compact_node() for /proc/sys/vm/compact_memory). Loam then drains the
 * per-CPU lists, where migration left the freed pages, so that they merge
 * and /proc/buddyinfo shows the blocks at once.
 */
static int compact_node(pg_data_t *pgdat)
{
	struct compact_control cc = {
		.order = -1,
		.mode = MIGRATE_SYNC,
		.whole_zone = true,
		.gfp_mask = GFP_KERNEL,
	};
	int zoneid;

	for (zoneid = 0; zoneid < MAX_NR_ZONES; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];

		if (!populated_zone(zone))
			continue;
		if (fatal_signal_pending(current))
			return -EINTR;
		cc.zone = zone;
		compact_zone(&cc);
		drain_all_pages(zone);
	}
	return 0;
}

int sysctl_compaction_handler(long val)
{
	int nid;

	/* proc_dointvec(): an int; then only 1 is accepted (Linux's handler). */
	if (val < -0x80000000L || val > 0x7fffffff)
		return -EINVAL;
	WRITE_ONCE(sysctl_compact_memory, (int)val);
	if (val != 1)
		return -EINVAL;
	for_each_online_node(nid)
		if (compact_node(NODE_DATA(nid)))
			return -EINTR;
	return 0;
}

int sysctl_extfrag_threshold_handler(long val)
{
	/* proc_dointvec_minmax() between SYSCTL_ZERO and SYSCTL_ONE_THOUSAND. */
	if (val < 0 || val > 1000)
		return -EINVAL;
	WRITE_ONCE(sysctl_extfrag_threshold, (int)val);
	return 0;
}

int sysctl_compact_unevictable_allowed_handler(long val)
{
	/* proc_dointvec_minmax() between SYSCTL_ZERO and SYSCTL_ONE. */
	if (val < 0 || val > 1)
		return -EINVAL;
	WRITE_ONCE(sysctl_compact_unevictable_allowed, (int)val);
	return 0;
}

/* ------------------------------------------------------------ kcompactd */

static bool kcompactd_work_requested(pg_data_t *pgdat)
{
	return READ_ONCE(pgdat->kcompactd_max_order) > 0;
}

/* A zone where the order asked fails and compaction could help (Linux's kcompactd_node_suitable()). */
static bool kcompactd_node_suitable(pg_data_t *pgdat)
{
	int highest_zoneidx = READ_ONCE(pgdat->kcompactd_highest_zoneidx);
	int order = READ_ONCE(pgdat->kcompactd_max_order), zoneid;

	for (zoneid = 0; zoneid <= highest_zoneidx; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];

		if (!populated_zone(zone))
			continue;
		if (zone_watermark_ok(zone, order, min_wmark_pages(zone), highest_zoneidx, 0))
			continue;
		if (compaction_suitable(zone, order, highest_zoneidx))
			return true;
	}
	return false;
}

/* kcompactd_do_work()'s run over one zone: deferred like sync direct compaction. */
static void kcompactd_compact_zone(struct compact_control *cc)
{
	enum compact_result status = compact_zone(cc);

	if (status == COMPACT_SUCCESS) {
		compaction_defer_reset(cc->zone, cc->order, false);
	} else if (status == COMPACT_PARTIAL_SKIPPED || status == COMPACT_COMPLETE) {
		/* Freed pages may wait on per-CPU lists instead of merging. */
		drain_all_pages(cc->zone);
		defer_compaction(cc->zone, cc->order);
	}
	count_vm_events(KCOMPACTD_MIGRATE_SCANNED, cc->total_migrate_scanned);
	count_vm_events(KCOMPACTD_FREE_SCANNED, cc->total_free_scanned);
}

/*
 * Compact the node's zones up to the highest asked, sync-light, until a
 * block of the order asked is free in each (Linux's kcompactd_do_work()).
 */
static void kcompactd_do_work(pg_data_t *pgdat)
{
	struct compact_control cc = {
		.order = READ_ONCE(pgdat->kcompactd_max_order),
		.highest_zoneidx = READ_ONCE(pgdat->kcompactd_highest_zoneidx),
		.mode = MIGRATE_SYNC_LIGHT,
		.gfp_mask = GFP_KERNEL,
	};
	int zoneid;

	count_vm_event(KCOMPACTD_WAKE);
	for (zoneid = 0; zoneid <= cc.highest_zoneidx; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];

		if (!populated_zone(zone) || compaction_deferred(zone, cc.order))
			continue;
		if (zone_watermark_ok(zone, cc.order, min_wmark_pages(zone), zoneid, 0))
			continue;
		if (!compaction_suitable(zone, cc.order, zoneid))
			continue;
		cc.zone = zone;
		kcompactd_compact_zone(&cc);
	}
	/* Done until woken again, unless a larger order or lower zone was asked meanwhile. */
	if (READ_ONCE(pgdat->kcompactd_max_order) <= cc.order)
		WRITE_ONCE(pgdat->kcompactd_max_order, 0);
	if (READ_ONCE(pgdat->kcompactd_highest_zoneidx) >= cc.highest_zoneidx)
		WRITE_ONCE(pgdat->kcompactd_highest_zoneidx, pgdat->nr_zones - 1);
}

void wakeup_kcompactd(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	if (!order || !pgdat->kcompactd)
		return;
	if (READ_ONCE(pgdat->kcompactd_max_order) < order)
		WRITE_ONCE(pgdat->kcompactd_max_order, order);
	if (READ_ONCE(pgdat->kcompactd_highest_zoneidx) > highest_zoneidx)
		WRITE_ONCE(pgdat->kcompactd_highest_zoneidx, highest_zoneidx);
	if (!kcompactd_node_suitable(pgdat))
		return;
	wake_up(&pgdat->kcompactd_wait);
}

/* The background compaction thread of a node (Linux's kcompactd(), without the proactive part). */
static int kcompactd(void *arg)
{
	pg_data_t *pgdat = arg;

	for (;;) {
		wait_event(pgdat->kcompactd_wait, kcompactd_work_requested(pgdat));
		kcompactd_do_work(pgdat);
	}
	return 0;
}

void kcompactd_init(void)
{
	int nid;

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);
		char name[TASK_COMM_LEN];

		pgdat->kcompactd_max_order = 0;
		pgdat->kcompactd_highest_zoneidx = pgdat->nr_zones - 1;
		snprintf(name, sizeof(name), "kcompactd%d", nid);
		pgdat->kcompactd = kthread_run(kcompactd, pgdat, name);
		if (!pgdat->kcompactd)
			pr_err("Failed to start kcompactd on node %d\n", nid);
	}
}
