// SPDX-License-Identifier: GPL-2.0
/*
 * The buddy allocator (Linux's mm/page_alloc.c).
 *
 * Each zone keeps free blocks of 2^order pages, aligned to their size, on
 * free_area[order].free_list[migrate type]. Allocation takes the smallest
 * block that fits and splits the rest back (expand); freeing merges a block
 * with its buddy, the block at pfn ^ (1 << order), for as long as the buddy
 * is free, of the same order and in the same zone. Order-0 pages go through
 * small per-CPU lists first, so that most allocations touch no shared lock.
 *
 * Locking: a per-CPU list's lock, then the zone lock, in that order, both
 * with interrupts off (an interrupt handler may allocate with GFP_ATOMIC).
 */
#define pr_fmt(fmt) fmt

#include <compaction.h>
#include <kernel.h>
#include <memblock.h>
#include <mm.h>
#include <printk.h>
#include <sched.h>
#include <smp.h>
#include <string.h>
#include <swap.h>
#include <uapi/errno.h>
#include <vmstat.h>

#include "internal.h"

int min_free_kbytes = 1024;

/* The migrate types to steal from when a type runs out, in Linux's order. */
static const int fallbacks[MIGRATE_TYPES][MIGRATE_TYPES - 1] = {
	[MIGRATE_UNMOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
};

/* lowmem_reserve: 1/256 of the higher zones' pages kept back in DMA32, 1/32 in Normal. */
static const int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = { 256, 32, 0 };
int watermark_scale_factor = 10; /* 0.1% of a zone between watermarks */

static void mod_zone_freepage_state(struct zone *zone, long nr)
{
	__atomic_fetch_add(&zone->vm_stat[NR_FREE_PAGES], nr, __ATOMIC_RELAXED);
}

/* Pageblock migrate types: NR_PAGEBLOCK_BITS per block in zone->pageblock_flags. */
static unsigned long pfn_to_bitidx(const struct zone *zone, unsigned long pfn)
{
	pfn -= ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
	return (pfn >> pageblock_order) * NR_PAGEBLOCK_BITS;
}

static inline int get_pfnblock_migratetype(const struct zone *zone, unsigned long pfn)
{
	unsigned long bitidx = pfn_to_bitidx(zone, pfn);
	unsigned long word = READ_ONCE(zone->pageblock_flags[bitidx / 64]);

	return (word >> (bitidx % 64)) & MIGRATETYPE_MASK;
}

/**
 * get_pageblock_migratetype - the migrate type of a page's pageblock
 * @page: any page of the pageblock
 *
 * Return: MIGRATE_UNMOVABLE, MIGRATE_MOVABLE or MIGRATE_RECLAIMABLE, the
 * lists the block's free pages go back to.
 */
int get_pageblock_migratetype(const struct page *page)
{
	return get_pfnblock_migratetype(page_zone(page), page_to_pfn(page));
}

/**
 * set_pageblock_migratetype - give a page's pageblock a migrate type
 * @page: any page of the pageblock
 * @migratetype: the new type
 *
 * Context: the zone lock held, as the bits share words with other blocks.
 */
void set_pageblock_migratetype(struct page *page, int migratetype)
{
	struct zone *zone = page_zone(page);
	unsigned long bitidx = pfn_to_bitidx(zone, page_to_pfn(page));
	unsigned long *word = &zone->pageblock_flags[bitidx / 64];

	*word = (*word & ~(MIGRATETYPE_MASK << (bitidx % 64))) |
		((unsigned long)migratetype << (bitidx % 64));
}

static unsigned int buddy_order(const struct page *page)
{
	return page->private;
}

static void set_buddy_order(struct page *page, unsigned int order)
{
	page->private = order;
	__SetPageBuddy(page);
}

static void add_to_free_list(struct page *page, struct zone *zone, unsigned int order,
			     int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	set_buddy_order(page, order);
	list_add(&page->lru, &area->free_list[migratetype]);
	area->nr_free++;
}

static void move_to_free_list(struct page *page, struct zone *zone, unsigned int order,
			      int migratetype)
{
	list_move(&page->lru, &zone->free_area[order].free_list[migratetype]);
}

static void del_page_from_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	list_del(&page->lru);
	__ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
}

/* Is @buddy the free head of a block of @order in @page's zone? */
static bool page_is_buddy(const struct page *page, const struct page *buddy, unsigned int order)
{
	return PageBuddy(buddy) && buddy_order(buddy) == order &&
	       page_zone_id(page) == page_zone_id(buddy);
}

/*
 * Free 2^@order pages at @page onto the zone's lists, merging with free
 * buddies. The buddy's struct page always exists: the vmemmap is backed in
 * whole MAX_ORDER blocks, and hole pages there stay reserved, never buddies.
 */
static void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
			    unsigned int order, int migratetype)
{
	mod_zone_freepage_state(zone, 1L << order);
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy = page + (buddy_pfn - pfn);
		unsigned long combined_pfn;

		if (!page_is_buddy(page, buddy, order))
			break;
		del_page_from_free_list(buddy, zone, order);
		combined_pfn = buddy_pfn & pfn;
		page += combined_pfn - pfn;
		pfn = combined_pfn;
		order++;
	}
	add_to_free_list(page, zone, order, migratetype);
}

/* Split a block of order @high down to @low: the upper halves go back on the lists. */
static void expand(struct zone *zone, struct page *page, unsigned int low, unsigned int high,
		   int migratetype)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high, migratetype);
	}
}

static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order, int migratetype)
{
	unsigned int current_order;

	for (current_order = order; current_order < MAX_ORDER; current_order++) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page =
			list_first_entry_or_null(&area->free_list[migratetype], struct page, lru);

		if (!page)
			continue;
		del_page_from_free_list(page, zone, current_order);
		expand(zone, page, order, current_order, migratetype);
		return page;
	}
	return NULL;
}

/*
 * Move the free blocks of @page's pageblock to @migratetype's lists; count
 * the free pages moved and the in-use ones that look movable (on an LRU).
 */
static unsigned long move_freepages_block(struct zone *zone, struct page *page, int migratetype,
					  unsigned long *movable)
{
	unsigned long start = ALIGN_DOWN(page_to_pfn(page), pageblock_nr_pages);
	unsigned long end = start + pageblock_nr_pages, pfn, moved = 0;

	*movable = 0;
	/* A pageblock shared with another zone is left alone, as in Linux. */
	if (!zone_spans_pfn(zone, start) || !zone_spans_pfn(zone, end - 1))
		return 0;
	for (pfn = start; pfn < end;) {
		struct page *p = pfn_to_page(pfn);

		if (!PageBuddy(p)) {
			if (PageLRU(p))
				(*movable)++;
			pfn++;
			continue;
		}
		move_to_free_list(p, zone, buddy_order(p), migratetype);
		moved += 1UL << buddy_order(p);
		pfn += 1UL << buddy_order(p);
	}
	return moved;
}

/*
 * May an allocation of @start_type steal a whole pageblock from a fallback
 * type? For large blocks always; for small ones only if the allocation is
 * not movable, so that unmovable data clusters instead of spreading.
 */
static bool can_steal_fallback(unsigned int order, int start_type)
{
	return order >= pageblock_order / 2 || start_type == MIGRATE_RECLAIMABLE ||
	       start_type == MIGRATE_UNMOVABLE;
}

/* Take over @page's block for @start_type, or just move the one free block. */
static void steal_suitable_fallback(struct zone *zone, struct page *page, unsigned int order,
				    int start_type, bool whole_block)
{
	int old_type = get_pageblock_migratetype(page);
	unsigned long free_pages, movable_pages, alike_pages;

	if (order >= pageblock_order) {
		set_pageblock_migratetype(page, start_type);
		goto single_page;
	}
	if (!whole_block)
		goto single_page;
	free_pages = move_freepages_block(zone, page, start_type, &movable_pages);
	if (!free_pages)
		goto single_page;
	/* Pages in use that belong to @start_type anyway. */
	if (start_type == MIGRATE_MOVABLE)
		alike_pages = movable_pages;
	else if (old_type == MIGRATE_MOVABLE)
		alike_pages = pageblock_nr_pages - (free_pages + movable_pages);
	else
		alike_pages = 0;
	/* Claim the block if at least half of it is free or alike. */
	if (free_pages + alike_pages >= (1UL << (pageblock_order - 1)))
		set_pageblock_migratetype(page, start_type);
	return;

single_page:
	move_to_free_list(page, zone, order, start_type);
}

int find_suitable_fallback(struct free_area *area, unsigned int order, int migratetype,
			   bool only_stealable, bool *can_steal)
{
	int i;

	for (i = 0; i < MIGRATE_TYPES - 1; i++) {
		int fallback_mt = fallbacks[migratetype][i];

		if (free_area_empty(area, fallback_mt))
			continue;
		*can_steal = can_steal_fallback(order, migratetype);
		if (only_stealable && !*can_steal)
			continue;
		return fallback_mt;
	}
	return -1;
}

/*
 * No block of @start_type: steal from another type, the largest block
 * first (Linux's __rmqueue_fallback), so that the types mix in as few
 * pageblocks as possible. A movable allocation that may not claim the whole
 * block takes the smallest instead: it would only scatter the block.
 */
static bool __rmqueue_fallback(struct zone *zone, unsigned int order, int start_type)
{
	struct free_area *area;
	int current_order, fallback_mt = -1;
	bool can_steal = false;
	struct page *page;

	for (current_order = MAX_ORDER - 1; current_order >= (int)order; current_order--) {
		area = &zone->free_area[current_order];
		fallback_mt =
			find_suitable_fallback(area, current_order, start_type, false, &can_steal);
		if (fallback_mt == -1)
			continue;
		if (!can_steal && start_type == MIGRATE_MOVABLE && current_order > (int)order)
			goto find_smallest;
		goto do_steal;
	}
	return false;

find_smallest:
	for (current_order = order; current_order < MAX_ORDER; current_order++) {
		area = &zone->free_area[current_order];
		fallback_mt =
			find_suitable_fallback(area, current_order, start_type, false, &can_steal);
		if (fallback_mt != -1)
			break;
	}
do_steal:
	page = list_first_entry(&area->free_list[fallback_mt], struct page, lru);
	steal_suitable_fallback(zone, page, current_order, start_type, can_steal);
	return true;
}

/*
 * No free block of @migratetype: steal from the other types until a block
 * of @order turns up, or there is nothing left to steal. Out of line, so
 * that the common __rmqueue() keeps no registers for it. Under the zone lock.
 */
static noinline struct page *__rmqueue_steal(struct zone *zone, unsigned int order, int migratetype)
{
	struct page *page = NULL;

	while (!page && __rmqueue_fallback(zone, order, migratetype))
		page = __rmqueue_smallest(zone, order, migratetype);
	return page;
}

/*
 * A block of @order, of @migratetype's lists if they have one. Inline, as
 * rmqueue_bulk() calls it for every page of a batch. Under the zone lock.
 */
static __always_inline struct page *__rmqueue(struct zone *zone, unsigned int order,
					      int migratetype)
{
	struct page *page = __rmqueue_smallest(zone, order, migratetype);

	if (likely(page))
		return page;
	return __rmqueue_steal(zone, order, migratetype);
}

static bool check_new_pages(struct page *page, unsigned int order);

/*
 * Fill @list with up to @count order-@order pages; returns how many it
 * added. Each page is checked here, on its way to the per-CPU list, and not
 * again when it is handed out (Linux's check_pcp_refill() without
 * CONFIG_DEBUG_VM): a page on a per-CPU list has passed either this check or
 * the one at free. A bad page is reported and left out of circulation.
 */
static int rmqueue_bulk(struct zone *zone, unsigned int order, int count, struct list_head *list,
			int migratetype)
{
	int i, alloced = 0;

	spin_lock(&zone->lock);
	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue(zone, order, migratetype);

		if (!page)
			break;
		if (unlikely(check_new_pages(page, order)))
			continue;
		/* The type the page goes back as, if it comes back through this list. */
		page->private = migratetype;
		list_add_tail(&page->lru, list);
		alloced++;
	}
	/* Bad pages are not free either: they left the buddy lists for good. */
	mod_zone_freepage_state(zone, -((long)i << order));
	spin_unlock(&zone->lock);
	return alloced;
}

/*
 * Give @count pages of @pcp back to the buddy lists, the coldest (list
 * tails) first, one list after the other.
 */
static void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	int mt = MIGRATE_PCPTYPES - 1;

	count = min(count, pcp->count);
	spin_lock(&zone->lock);
	while (count > 0) {
		struct list_head *list;

		/* The next list with pages (count <= pcp->count: there is one). */
		do {
			mt = (mt + 1) % MIGRATE_PCPTYPES;
			list = &pcp->lists[mt];
		} while (list_empty(list));
		/* Empty it before moving on, as far as @count goes (as Linux 6.12 does). */
		do {
			struct page *page = list_last_entry(list, struct page, lru);
			int page_mt = page->private;

			list_del(&page->lru);
			page->private = 0;
			pcp->count--;
			count--;
			__free_one_page(page, page_to_pfn(page), zone, 0, page_mt);
		} while (count > 0 && !list_empty(list));
	}
	spin_unlock(&zone->lock);
}

static const char *const pageflag_names[] = PAGEFLAG_NAMES;

/* "reserved|buddy": the PG_* flags of @flags, in Linux's %pGp style. */
static void format_page_flags(char *buf, size_t size, unsigned long flags)
{
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < __NR_PAGEFLAGS; i++)
		if (flags & (1UL << i))
			len += snprintf(buf + len, size - len, "%s%s", len ? "|" : "",
					pageflag_names[i]);
	snprintf(buf + len, size - len, "%snode=%lu|zone=%lu", len ? "|" : "",
		 (flags >> NODES_PGSHIFT) & NODES_MASK, (flags >> ZONES_PGSHIFT) & ZONES_MASK);
}

/**
 * bad_page - report a page in a state it must not be in
 * @page: the page
 * @reason: what is wrong with it, in Linux's words
 *
 * Prints Linux's "BUG: Bad page state" report and a stack dump. The page
 * is left as it is, out of circulation: a page that is still mapped or
 * referenced must not be handed out again.
 */
void bad_page(struct page *page, const char *reason)
{
	char flags[96];

	format_page_flags(flags, sizeof(flags), page->flags);
	pr_alert("BUG: Bad page state in process swapper/%u  pfn:%05lx\n", smp_processor_id(),
		 page_to_pfn(page));
	pr_alert("page:%p refcount:%d mapcount:%d mapping:%016lx index:%#lx pfn:%#lx\n",
		 (void *)page, page_ref_count(page), page_mapcount(page),
		 (unsigned long)page->mapping, page->index, page_to_pfn(page));
	pr_alert("flags: %#lx(%s)\n", page->flags, flags);
	pr_alert("page dumped because: %s\n", reason);
	dump_stack();
	/* The page is left as it is: on whatever list it is, and out of our hands. */
}

/*
 * Linux's free_pages_prepare() and check_free_page(): a page about to be freed
 * must be unmapped, in use and plain. An anonymous page keeps its mapping,
 * PG_swapbacked and PG_dirty (and maybe PG_waiters) until here, where
 * Linux drops them too.
 */
static inline bool free_page_is_bad(struct page *page)
{
	if (PageAnon(page))
		page->mapping = NULL;
	if (unlikely(page_mapcount(page) != 0))
		bad_page(page, "nonzero mapcount");
	else if (unlikely(page_ref_count(page) != 0))
		bad_page(page, "nonzero _refcount");
	else if (unlikely(page->flags & PAGE_FLAGS_CHECK_AT_FREE))
		bad_page(page, "PAGE_FLAGS_CHECK_AT_FREE flag(s) set");
	else {
		page->flags &= ~((1UL << PG_swapbacked) | (1UL << PG_dirty) | (1UL << PG_waiters));
		return false;
	}
	return true;
}

/* Check all 2^@order pages; any bad one and none are freed. */
static __always_inline bool free_pages_prepare(struct page *page, unsigned int order)
{
	unsigned long i, pfn = page_to_pfn(page);
	bool bad = false;

	if (unlikely(!IS_ALIGNED(pfn, 1UL << order))) {
		bad_page(page, "freed with an order its pfn is not aligned to");
		return false;
	}
	for (i = 0; i < (1UL << order); i++)
		bad |= free_page_is_bad(page + i);
	return !bad;
}

/* A checked block (or one the boot just made) onto its zone's free lists. */
static void free_one_block(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;
	int mt;

	spin_lock_irqsave(&zone->lock, flags);
	mt = get_pageblock_migratetype(page);
	__free_one_page(page, page_to_pfn(page), zone, order, mt);
	spin_unlock_irqrestore(&zone->lock, flags);
}

/* A block the per-CPU lists do not take, straight to the buddy lists. */
static noinline void __free_pages_ok(struct page *page, unsigned int order)
{
	if (free_pages_prepare(page, order))
		free_one_block(page, order);
}

/*
 * While a page is on a per-CPU list, page->private holds the migrate type of
 * the list, the one it goes back to the buddy lists as.
 */
static inline void set_pcppage_migratetype(struct page *page, int migratetype)
{
	page->private = migratetype;
}

/*
 * Lock this CPU's per-CPU lists of @zone with interrupts off, and return
 * them; *@flags gets the interrupt state to restore. Linux's pcp_spin_lock()
 * only pins the CPU and its allocations try the lock, backing off to the
 * zone lock when an interrupt handler on this CPU holds it; Loam masks
 * interrupts instead, so the lock is never found taken on its own CPU.
 */
static __always_inline struct per_cpu_pages *pcp_spin_lock_irqsave(struct zone *zone,
								   unsigned long *flags)
{
	struct per_cpu_pages *pcp;

	*flags = arch_local_irq_save();
	pcp = &zone->per_cpu_pageset[smp_processor_id()];
	OPTIMIZER_HIDE_VAR(pcp);
	spin_lock(&pcp->lock);
	return pcp;
}

/* Undo pcp_spin_lock_irqsave(). */
static __always_inline void pcp_spin_unlock_irqrestore(struct per_cpu_pages *pcp,
						       unsigned long flags)
{
	spin_unlock(&pcp->lock);
	arch_local_irq_restore(flags);
}

/*
 * @pcp reached @high: a batch goes back to the buddy lists. Entered with the
 * list lock held and interrupts off, and leaves both as free_unref_page()
 * would: out of line, so that the common free calls nothing and keeps no
 * callee-saved registers.
 */
static noinline void free_unref_page_drain(struct zone *zone, struct per_cpu_pages *pcp,
					   unsigned long flags)
{
	free_pcppages_bulk(zone, READ_ONCE(pcp->batch), pcp);
	pcp_spin_unlock_irqrestore(pcp, flags);
}

/**
 * free_unref_page - free a block whose last reference is gone
 * @page: the first page of the block
 * @order: the block's order
 *
 * Checks the pages (free_pages_prepare()) and puts an order-0 page on this
 * CPU's list for its migrate type (Linux's free_unref_page_commit()), which
 * gives a batch back to the buddy lists when it reaches pcp->high. Loam's
 * per-CPU lists hold order-0 pages only (Linux's also orders up to
 * PAGE_ALLOC_COSTLY_ORDER and THPs): larger blocks go to the buddy lists at
 * once. Interrupts are off while the list is locked, as an interrupt
 * handler may free too.
 */
__always_inline void free_unref_page(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	struct per_cpu_pages *pcp;
	unsigned long flags;
	int mt;

	if (unlikely(order)) {
		__free_pages_ok(page, order);
		return;
	}
	if (!free_pages_prepare(page, 0))
		return;
	/* Looked up before the lock is taken, and not loaded again after the barrier. */
	mt = get_pfnblock_migratetype(zone, page_to_pfn(page));
	set_pcppage_migratetype(page, mt);
	pcp = pcp_spin_lock_irqsave(zone, &flags);
	list_add(&page->lru, &pcp->lists[mt]);
	if (unlikely(++pcp->count >= pcp->high)) {
		free_unref_page_drain(zone, pcp, flags);
		return;
	}
	pcp_spin_unlock_irqrestore(pcp, flags);
}

/**
 * free_unref_page_list - free a list of order-0 pages whose last references are gone
 * @list: the pages, linked through page->lru; empty afterwards
 *
 * free_unref_page() for a batch (Linux's free_unref_page_list(), 6.12's
 * free_unref_folios()): every page is checked and its pageblock's migrate
 * type looked up first, then they go onto this CPU's lists with the list
 * lock taken once per zone and per SWAP_CLUSTER_MAX pages (so that
 * interrupts are never off for long), a batch going back to the buddy lists
 * whenever a list reaches pcp->high. A bad page is reported and left out.
 */
void free_unref_page_list(struct list_head *list)
{
	struct per_cpu_pages *pcp = NULL;
	struct zone *locked_zone = NULL;
	struct page *page, *next;
	unsigned long flags = 0;
	int batch_count = 0;

	list_for_each_entry_safe(page, next, list, lru) {
		if (!free_pages_prepare(page, 0)) {
			list_del(&page->lru);
			continue;
		}
		set_pcppage_migratetype(page, get_pfnblock_migratetype(page_zone(page),
								       page_to_pfn(page)));
	}
	/* Each page moves to a per-CPU list: @list is only walked forward, then reset. */
	list_for_each_entry_safe(page, next, list, lru) {
		struct zone *zone = page_zone(page);

		if (zone != locked_zone || batch_count == SWAP_CLUSTER_MAX) {
			if (pcp)
				pcp_spin_unlock_irqrestore(pcp, flags);
			pcp = pcp_spin_lock_irqsave(zone, &flags);
			locked_zone = zone;
			batch_count = 0;
		}
		list_add(&page->lru, &pcp->lists[page->private]);
		batch_count++;
		if (unlikely(++pcp->count >= pcp->high))
			free_pcppages_bulk(zone, READ_ONCE(pcp->batch), pcp);
	}
	if (pcp)
		pcp_spin_unlock_irqrestore(pcp, flags);
	INIT_LIST_HEAD(list);
}

/* A page handed out must be plain and unused; a bad one is reported and dropped. */
static bool check_new_pages(struct page *page, unsigned int order)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++) {
		struct page *p = page + i;

		if (unlikely(page_ref_count(p) != 0 || (p->flags & PAGE_FLAGS_CHECK_AT_PREP))) {
			bad_page(p, page_ref_count(p) ? "nonzero _refcount" :
							"PAGE_FLAGS_CHECK_AT_PREP flag(s) set");
			return true;
		}
	}
	return false;
}

/*
 * A block straight from the buddy lists (Linux's rmqueue_buddy()): every
 * order above 0, and order 0 when the per-CPU list could not be refilled.
 * Such blocks are checked here; pages from a per-CPU list were checked when
 * they went on it (at free, or in rmqueue_bulk()).
 */
static noinline struct page *rmqueue_buddy(struct zone *zone, unsigned int order, int migratetype)
{
	struct page *page;
	unsigned long flags;

	do {
		spin_lock_irqsave(&zone->lock, flags);
		page = __rmqueue(zone, order, migratetype);
		if (page)
			mod_zone_freepage_state(zone, -(1L << order));
		spin_unlock_irqrestore(&zone->lock, flags);
	} while (page && check_new_pages(page, order));
	return page;
}

/* Take the first page of @list (Linux's __rmqueue_pcplist()). Under @pcp's lock. */
static __always_inline struct page *__rmqueue_pcplist(struct per_cpu_pages *pcp,
						      struct list_head *list)
{
	struct page *page = list_first_entry(list, struct page, lru);

	list_del(&page->lru);
	page->private = 0;
	pcp->count--;
	return page;
}

/*
 * @list is empty: refill it with a batch from the buddy lists (NULL if the
 * zone has none) and take its first page. Entered with the list lock held
 * and interrupts off, and leaves both as rmqueue_pcplist() would: out of
 * line, so that the common allocation calls nothing under the lock.
 */
static noinline struct page *rmqueue_pcplist_refill(struct zone *zone, int migratetype,
						    struct per_cpu_pages *pcp,
						    struct list_head *list, unsigned long flags)
{
	struct page *page = NULL;

	pcp->count += rmqueue_bulk(zone, 0, READ_ONCE(pcp->batch), list, migratetype);
	if (!list_empty(list))
		page = __rmqueue_pcplist(pcp, list);
	pcp_spin_unlock_irqrestore(pcp, flags);
	return page;
}

/*
 * An order-0 page from this CPU's list of @zone for @migratetype, taken with
 * the list locked and interrupts off (Linux's rmqueue_pcplist()).
 */
static __always_inline struct page *rmqueue_pcplist(struct zone *zone, int migratetype)
{
	struct per_cpu_pages *pcp;
	struct list_head *list;
	struct page *page;
	unsigned long flags;

	pcp = pcp_spin_lock_irqsave(zone, &flags);
	list = &pcp->lists[migratetype];
	if (unlikely(list_empty(list)))
		return rmqueue_pcplist_refill(zone, migratetype, pcp, list, flags);
	page = __rmqueue_pcplist(pcp, list);
	pcp_spin_unlock_irqrestore(pcp, flags);
	return page;
}

/* A block of @order from @zone: order 0 through the per-CPU lists (Linux's rmqueue()). */
static __always_inline struct page *rmqueue(struct zone *zone, unsigned int order, int migratetype)
{
	if (likely(order == 0)) {
		struct page *page = rmqueue_pcplist(zone, migratetype);

		if (likely(page))
			return page;
	}
	return rmqueue_buddy(zone, order, migratetype);
}

static noinline __attribute__((returns_nonnull)) struct page *zero_new_page(struct page *page,
									    unsigned int order)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++)
		clear_page(page_address(page + i));
	return page;
}

/*
 * The page comes back, never NULL, so that zeroing it is a tail call of
 * __alloc_pages() (no test of the result, no callee-saved register for it).
 */
static __always_inline struct page *prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	set_page_count(page, 1);
	if (gfp & __GFP_ZERO)
		return zero_new_page(page, order);
	return page;
}

/**
 * zone_watermark_ok - may an allocation take a block from this zone?
 * @z: the zone
 * @order: the block's order
 * @mark: the watermark, in pages (min, low or high)
 * @highest_zoneidx: the highest zone the allocation may use; the zone keeps
 *	its lowmem_reserve for that zone back
 * @alloc_flags: ALLOC_HIGH and ALLOC_HARDER lower @mark
 *
 * Return: true if the zone's free pages, less 2^@order - 1, are above @mark
 * (lowered by @alloc_flags) plus the reserve, and, for @order above 0, a
 * block of @order or larger is free.
 */
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark, int highest_zoneidx,
		       unsigned int alloc_flags)
{
	long min = mark, free_pages = zone_page_state(z, NR_FREE_PAGES);
	unsigned int o;
	int mt;

	/* Pages of smaller blocks cannot serve this order. */
	free_pages -= (1L << order) - 1;
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_flags & ALLOC_HARDER)
		min -= min / 4;
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;
	/* Enough pages, but is there a block large enough? */
	for (o = order; o < MAX_ORDER; o++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			if (!free_area_empty(&z->free_area[o], mt))
				return true;
	return false;
}

/*
 * The order-0 common case in a few instructions, as Linux's
 * zone_watermark_fast(). The counter is read raw: a negative value (a
 * transient of the unlocked counter) fails the test here, and
 * zone_watermark_ok() takes it as 0.
 */
static __always_inline bool zone_watermark_fast(struct zone *z, unsigned int order,
						unsigned long mark, int highest_zoneidx,
						unsigned int alloc_flags)
{
	long free_pages = __atomic_load_n(&z->vm_stat[NR_FREE_PAGES], __ATOMIC_RELAXED);

	if (likely(!order && free_pages > (long)(mark + z->lowmem_reserve[highest_zoneidx])))
		return true;
	return zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags);
}

static __always_inline struct page *get_page_from_freelist(gfp_t gfp, unsigned int order,
							   unsigned int alloc_flags,
							   const struct alloc_context *ac)
{
	struct zoneref *z;

	for (z = ac->preferred_zoneref; z->zone; z++) {
		struct zone *zone = z->zone;
		struct page *page;

		/* A zone with nothing managed has no free pages: the watermark check skips it. */
		if (z->zone_idx > ac->highest_zoneidx)
			continue;
		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !zone_watermark_fast(zone, order,
					 wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK),
					 ac->highest_zoneidx, alloc_flags))
			continue;
		page = rmqueue(zone, order, ac->migratetype);
		if (page)
			return prep_new_page(page, order, gfp);
	}
	return NULL;
}

static void show_gfp_flags(char *buf, size_t size, gfp_t gfp);

static void warn_alloc(gfp_t gfp, unsigned int order)
{
	char flags[160];

	show_gfp_flags(flags, sizeof(flags), gfp);
	pr_warn("swapper/%u: page allocation failure: order:%u, mode:%#x(%s), nodemask=(null)\n",
		smp_processor_id(), order, gfp, flags);
	dump_stack();
	show_free_areas();
}

/* Every kswapd of the zones this allocation may use (Linux's wake_all_kswapds()). */
static void wake_all_kswapds(unsigned int order, gfp_t gfp, const struct alloc_context *ac)
{
	struct zoneref *z;

	for (z = ac->zonelist->_zonerefs; z->zone; z++)
		if (z->zone_idx <= ac->highest_zoneidx && managed_zone(z->zone))
			wakeup_kswapd(z->zone, gfp, order, ac->highest_zoneidx);
}

/*
 * Compact, then try the free lists (Linux's __alloc_pages_direct_compact(),
 * without capturing the block compaction freed: another CPU may take it
 * first). A run that was not skipped is a compaction stall, counted as a
 * success or a failure by the allocation's outcome.
 */
static struct page *__alloc_pages_direct_compact(gfp_t gfp, unsigned int order,
						 unsigned int alloc_flags,
						 const struct alloc_context *ac,
						 enum compact_priority prio,
						 enum compact_result *compact_result)
{
	struct page *page;

	if (!order)
		return NULL;
	*compact_result = try_to_compact_pages(gfp, order, alloc_flags, ac, prio);
	if (*compact_result == COMPACT_SKIPPED)
		return NULL;
	count_vm_event(COMPACTSTALL);
	page = get_page_from_freelist(gfp, order, alloc_flags, ac);
	if (page) {
		compaction_defer_reset(page_zone(page), order, true);
		count_vm_event(COMPACTSUCCESS);
		return page;
	}
	count_vm_event(COMPACTFAIL);
	return NULL;
}

/* Compaction retries after success, before the allocation gives up on it (Linux's). */
#define MAX_COMPACT_RETRIES 16

/*
 * Reclaim alone is not making the order free: compact again? (Linux's
 * should_compact_retry()). If compaction was skipped for lack of free
 * pages, when reclaim could give it enough; if it succeeded but the block
 * went to someone else, a few times; if it failed, once per priority,
 * each harder than the last (down to sync-light for a costly order).
 */
static bool should_compact_retry(struct alloc_context *ac, int order, int alloc_flags,
				 enum compact_result compact_result,
				 enum compact_priority *compact_priority, int *compaction_retries)
{
	int max_retries = MAX_COMPACT_RETRIES, min_priority;

	if (!order || fatal_signal_pending(current))
		return false;
	if (compact_result == COMPACT_SKIPPED)
		return compaction_zonelist_suitable(ac, order, alloc_flags);
	if (compact_result == COMPACT_SUCCESS) {
		if (order > PAGE_ALLOC_COSTLY_ORDER)
			max_retries /= 4;
		if (++(*compaction_retries) <= max_retries)
			return true;
	}
	min_priority = order > PAGE_ALLOC_COSTLY_ORDER ? MIN_COMPACT_COSTLY_PRIORITY :
							 MIN_COMPACT_PRIORITY;
	if (*compact_priority > min_priority) {
		(*compact_priority)--;
		*compaction_retries = 0;
		return true;
	}
	return false;
}

/*
 * The rounds of reclaim and compaction (Linux's retry: loop): until the
 * allocation succeeds, or gives up. A costly order gives up after one
 * round unless __GFP_RETRY_MAYFAIL, and never calls the OOM killer;
 * reclaim's progress keeps only a small order going (a costly one may stay
 * fragmented whatever reclaim frees, should_reclaim_retry()); after
 * MAX_RECLAIM_RETRIES rounds without, compaction may get more tries, then
 * the OOM killer is called and its victim waited for.
 */
static struct page *__alloc_pages_reclaim_compact(gfp_t gfp, unsigned int order,
						  unsigned int alloc_flags,
						  struct alloc_context *ac,
						  enum compact_priority compact_priority,
						  enum compact_result compact_result)
{
	bool costly_order = order > PAGE_ALLOC_COSTLY_ORDER;
	int no_progress = 0, compaction_retries = 0;
	unsigned long progress;
	struct page *page;

	for (;;) {
		progress = try_to_free_pages(order, gfp);
		page = get_page_from_freelist(gfp, order, alloc_flags, ac);
		if (page)
			return page;
		page = __alloc_pages_direct_compact(gfp, order, alloc_flags, ac, compact_priority,
						    &compact_result);
		if (page)
			return page;
		if (costly_order &&
		    (gfp & (__GFP_NORETRY | __GFP_RETRY_MAYFAIL)) != __GFP_RETRY_MAYFAIL)
			return NULL;
		if (progress && !costly_order) {
			no_progress = 0;
			continue;
		}
		drain_all_pages(NULL);
		page = get_page_from_freelist(gfp, order, alloc_flags, ac);
		if (page || ++no_progress < MAX_RECLAIM_RETRIES)
			continue;
		if (progress && should_compact_retry(ac, order, alloc_flags, compact_result,
						     &compact_priority, &compaction_retries))
			continue;
		if ((gfp & __GFP_NORETRY) || costly_order || !out_of_memory(gfp, order))
			return NULL;
		/* A victim is dying: its memory comes back when it has exited. */
		wait_for_oom_victim();
		no_progress = 0;
	}
}

/*
 * Below the low watermark everywhere, as Linux's __alloc_pages_slowpath():
 * wake kswapd, allow the min watermark (less for __GFP_HIGH and atomic
 * callers), take back the pages other CPUs keep on their lists; then, if
 * the caller may sleep, compact first for a costly order or a high order
 * that is not movable (async: likely enough base pages are free, just
 * scattered), then reclaim and compact in rounds
 * (__alloc_pages_reclaim_compact()).
 */
static noinline struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order,
						    struct alloc_context *ac)
{
	enum compact_priority compact_priority = DEF_COMPACT_PRIORITY;
	enum compact_result compact_result = COMPACT_SKIPPED;
	bool costly_order = order > PAGE_ALLOC_COSTLY_ORDER;
	unsigned int alloc_flags = ALLOC_WMARK_MIN;
	struct page *page;

	if (gfp & __GFP_HIGH)
		alloc_flags |= ALLOC_HIGH;
	if (gfp & __GFP_ATOMIC)
		alloc_flags |= ALLOC_HARDER;
	if (gfp & __GFP_KSWAPD_RECLAIM)
		wake_all_kswapds(order, gfp, ac);
	page = get_page_from_freelist(gfp, order, alloc_flags, ac);
	if (page || !(gfp & __GFP_DIRECT_RECLAIM))
		goto out;
	drain_all_pages(NULL);
	page = get_page_from_freelist(gfp, order, alloc_flags, ac);
	if (page || !current_may_reclaim())
		goto out;
	if (costly_order || (order && ac->migratetype != MIGRATE_MOVABLE)) {
		page = __alloc_pages_direct_compact(gfp, order, alloc_flags, ac,
						    INIT_COMPACT_PRIORITY, &compact_result);
		if (page)
			goto out;
		if (costly_order && (gfp & __GFP_NORETRY)) {
			/* Compaction cannot run, or failed recently: reclaim will not make a block. */
			if (compact_result == COMPACT_SKIPPED || compact_result == COMPACT_DEFERRED)
				goto out;
			compact_priority = INIT_COMPACT_PRIORITY;
		}
	}
	page = __alloc_pages_reclaim_compact(gfp, order, alloc_flags, ac, compact_priority,
					     compact_result);
out:
	if (!page && !(gfp & __GFP_NOWARN))
		warn_alloc(gfp, order);
	return page;
}

/*
 * Where the allocation looks (Linux's prepare_alloc_pages()): the zonelist of
 * the preferred node, the highest zone and the migrate type @gfp allows, and
 * the first zone of the list the allocation may use. NUMA_NO_NODE is the
 * running CPU's node; a node without memory (or a bogus nid) the first one
 * with memory.
 */
static __always_inline void prepare_alloc_pages(gfp_t gfp, int preferred_nid,
						struct alloc_context *ac)
{
	pg_data_t *pgdat;

	if (preferred_nid == NUMA_NO_NODE)
		preferred_nid = numa_mem_id();
	else if (unlikely((unsigned int)preferred_nid >= MAX_NUMNODES))
		preferred_nid = __ffs(node_online_map);
	pgdat = NODE_DATA(preferred_nid);
	if (unlikely(!pgdat))
		pgdat = NODE_DATA(__ffs(node_online_map));
	ac->highest_zoneidx = gfp_zone(gfp);
	ac->zonelist = &pgdat->node_zonelists[ZONELIST_FALLBACK];
	if (unlikely(gfp & __GFP_THISNODE))
		ac->zonelist = &pgdat->node_zonelists[ZONELIST_NOFALLBACK];
	ac->migratetype = gfp_migratetype(gfp);
	ac->preferred_zoneref = first_zones_zonelist(ac->zonelist, ac->highest_zoneidx);
}

/**
 * __alloc_pages - allocate 2^@order contiguous pages
 * @gfp: how and where (zone, migrate type, whether it may sleep, reclaim, warn)
 * @order: the block's order, below MAX_ORDER
 * @preferred_nid: the node to try first, or NUMA_NO_NODE for this CPU's
 *
 * The first attempt takes a block from the first zone of the zonelist that
 * is above its low watermark, order 0 from the CPU's list for the migrate
 * type (get_page_from_freelist()); when none is, __alloc_pages_slowpath()
 * wakes kswapd, dips into the reserves, reclaims and, last, calls the OOM
 * killer, as far as @gfp allows.
 *
 * Return: the first page, with a reference count of 1, or NULL (with a
 * warning unless __GFP_NOWARN).
 */
struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid)
{
	struct alloc_context ac;
	struct page *page;

	if (unlikely(order >= MAX_ORDER)) {
		if (!(gfp & __GFP_NOWARN))
			warn_alloc(gfp, order);
		return NULL;
	}
	prepare_alloc_pages(gfp, preferred_nid, &ac);
	page = get_page_from_freelist(gfp, order, ALLOC_WMARK_LOW, &ac);
	if (likely(page))
		return page;
	return __alloc_pages_slowpath(gfp, order, &ac);
}

/**
 * __get_free_pages - allocate 2^@order pages and return their address
 * @gfp: as for __alloc_pages()
 * @order: the block's order
 *
 * Return: the block's address in the direct map, or 0.
 */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

/**
 * get_zeroed_page - allocate one zeroed page and return its address
 * @gfp: as for __alloc_pages()
 *
 * Return: the page's address in the direct map, or 0.
 */
unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

/**
 * __free_pages - drop a reference to pages from alloc_pages()
 * @page: the first page, as alloc_pages() returned it
 * @order: the order it was allocated with
 *
 * The last reference frees the block (free_unref_page()). A page that is
 * already free (the head of a free block, or on a per-CPU list, its count
 * 0) is reported as a bad page and left alone, so that a double free does
 * not put the page on two lists.
 */
void __free_pages(struct page *page, unsigned int order)
{
	if (unlikely(PageBuddy(page) || page_ref_count(page) <= 0)) {
		bad_page(page, PageBuddy(page) ?
				       "PAGE_FLAGS_CHECK_AT_FREE flag(s) set" :
				       "freeing a page whose _refcount is 0 (double free?)");
		return;
	}
	if (put_page_testzero(page))
		free_unref_page(page, order);
}

/**
 * free_pages - __free_pages() by address
 * @addr: the address __get_free_pages() returned, or 0 (nothing to do)
 * @order: the order it was allocated with
 */
void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page(addr), order);
}

/**
 * split_page - make a block from alloc_pages() 2^@order order-0 pages
 * @page: the block's first page
 * @order: its order
 *
 * Each page gets its own reference, so that each can be freed on its own.
 */
void split_page(struct page *page, unsigned int order)
{
	unsigned long i;

	for (i = 1; i < (1UL << order); i++)
		set_page_count(page + i, 1);
}

int __isolate_free_page(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long watermark = min_wmark_pages(zone) + (1UL << order), movable;
	struct page *endpage = page + (1UL << order);

	if (!zone_watermark_ok(zone, 0, watermark, 0, 0))
		return 0;
	del_page_from_free_list(page, zone, order);
	mod_zone_freepage_state(zone, -(1L << order));
	/* At least half a pageblock: the rest of the block will be movable pages too. */
	if (order >= pageblock_order - 1)
		for (; page < endpage; page += pageblock_nr_pages) {
			if (get_pageblock_migratetype(page) == MIGRATE_MOVABLE)
				continue;
			move_freepages_block(zone, page, MIGRATE_MOVABLE, &movable);
			set_pageblock_migratetype(page, MIGRATE_MOVABLE);
		}
	return 1 << order;
}

static void drain_pages_zone(unsigned int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];
	unsigned long flags;

	spin_lock_irqsave(&pcp->lock, flags);
	if (pcp->count)
		free_pcppages_bulk(zone, pcp->count, pcp);
	spin_unlock_irqrestore(&pcp->lock, flags);
}

static void drain_pages(unsigned int cpu, struct zone *zone)
{
	if (zone) {
		drain_pages_zone(cpu, zone);
		return;
	}
	for_each_zone(zone)
		if (populated_zone(zone))
			drain_pages_zone(cpu, zone);
}

/**
 * drain_local_pages - give this CPU's per-CPU pages back to the buddy lists
 * @zone: the zone, or NULL for all
 */
void drain_local_pages(struct zone *zone)
{
	drain_pages(smp_processor_id(), zone);
}

/**
 * drain_all_pages - give every CPU's per-CPU pages back to the buddy lists
 * @zone: the zone, or NULL for all
 *
 * Each list has its own lock, so the other CPUs' lists are drained from
 * here, without asking those CPUs, as in Linux 6.12.
 */
void drain_all_pages(struct zone *zone)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		drain_pages(cpu, zone);
}

/**
 * nr_free_pages - free pages in the buddy lists of every zone
 *
 * Return: the sum of the zones' NR_FREE_PAGES; pages on the per-CPU lists
 * are not counted, as in Linux.
 */
unsigned long nr_free_pages(void)
{
	unsigned long n = 0;
	struct zone *zone;

	for_each_zone(zone)
		n += zone_page_state(zone, NR_FREE_PAGES);
	return n;
}

/**
 * totalram_pages - pages the buddy allocator manages, in every zone
 *
 * Return: the sum of the zones' managed_pages: RAM less what the boot kept
 * (the kernel, the memmap, reserved regions).
 */
unsigned long totalram_pages(void)
{
	unsigned long n = 0;
	struct zone *zone;

	for_each_zone(zone)
		n += zone_managed_pages(zone);
	return n;
}

/**
 * __free_pages_core - hand a block of boot memory to the buddy allocator
 * @page: the block's first page, reserved since memmap_init()
 * @order: the block's order
 *
 * The pages stop being reserved and count in their zone's managed_pages.
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned long i, nr = 1UL << order;

	for (i = 0; i < nr; i++) {
		__ClearPageReserved(page + i);
		set_page_count(page + i, 0);
	}
	__atomic_fetch_add(&page_zone(page)->managed_pages, nr, __ATOMIC_RELAXED);
	/* Fresh from memmap_init(): nothing for the free-time checks to find (Linux skips them too). */
	free_one_block(page, order);
}

void adjust_managed_page_count(struct page *page, long count)
{
	__atomic_fetch_add(&page_zone(page)->managed_pages, count, __ATOMIC_RELAXED);
}

unsigned long free_reserved_area(void *start, void *end, int poison, const char *s)
{
	unsigned long pages = 0;
	char *pos = (char *)PAGE_ALIGN((unsigned long)start);

	for (; pos + PAGE_SIZE <= (char *)end; pos += PAGE_SIZE, pages++) {
		struct page *page = virt_to_page(pos);

		/* Through the direct map: @start may be the image's mapping, no longer writable. */
		if (poison >= 0)
			memset(page_address(page), poison, PAGE_SIZE);
		free_reserved_page(page);
	}
	if (pages && s)
		pr_info("Freeing %s memory: %luK\n", s, pages << (PAGE_SHIFT - 10));
	return pages;
}

static void zone_set_pageset_high_and_batch(struct zone *zone, int high, int batch)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

		/* A small zone's batch is 0 (Linux too): refill one page at a time. */
		WRITE_ONCE(pcp->batch, max(1, batch));
		WRITE_ONCE(pcp->high, high);
	}
}

/**
 * setup_per_cpu_pageset - size every zone's per-CPU lists
 *
 * Linux 5.x's rule, which Loam keeps (Linux 6.7 and later tune high at run
 * time): the batch from the zone's size (zone_batchsize()), high six batches.
 */
void setup_per_cpu_pageset(void)
{
	struct zone *zone;

	for_each_zone(zone) {
		int batch = zone_batchsize(zone_managed_pages(zone));

		zone_set_pageset_high_and_batch(zone, 6 * batch, batch);
	}
}

/**
 * zone_pcp_disable - make @zone's allocations and frees bypass the per-CPU lists
 * @zone: the zone
 *
 * As Linux's: high 0 and batch 1, so that a free drains at once and an
 * allocation refills one page, then every list drained.
 */
void zone_pcp_disable(struct zone *zone)
{
	zone_set_pageset_high_and_batch(zone, 0, 1);
	drain_all_pages(zone);
}

/**
 * zone_pcp_enable - give @zone's per-CPU lists their usual sizes back
 * @zone: the zone
 */
void zone_pcp_enable(struct zone *zone)
{
	int batch = zone_batchsize(zone_managed_pages(zone));

	zone_set_pageset_high_and_batch(zone, 6 * batch, batch);
}

/* Free pages needed in the lower zones so that higher-zone allocations leave them room. */
static void setup_per_zone_lowmem_reserve(void)
{
	int nid, i, j;

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);

		for (i = 0; i < MAX_NR_ZONES - 1; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			int ratio = sysctl_lowmem_reserve_ratio[i];
			bool clear = !ratio || !zone_managed_pages(zone);
			unsigned long managed = 0;

			zone->lowmem_reserve[i] = 0;
			for (j = i + 1; j < MAX_NR_ZONES; j++) {
				managed += zone_managed_pages(&pgdat->node_zones[j]);
				zone->lowmem_reserve[j] = clear ? 0 : managed / ratio;
			}
		}
	}
}

/* min_free_kbytes split over the zones by size; low and high above it (Linux's rule). */
static void setup_per_zone_wmarks(void)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;

	for_each_zone(zone)
		if (zone_idx(zone) != ZONE_MOVABLE)
			lowmem_pages += zone_managed_pages(zone);
	for_each_zone(zone) {
		unsigned long managed = zone_managed_pages(zone), tmp, flags;

		tmp = lowmem_pages ? pages_min * managed / lowmem_pages : 0;
		spin_lock_irqsave(&zone->lock, flags);
		if (!managed)
			zone->_watermark[WMARK_MIN] = 0;
		else if (zone_idx(zone) == ZONE_MOVABLE)
			/* No kernel allocation uses ZONE_MOVABLE: a token reserve. */
			zone->_watermark[WMARK_MIN] = clamp(managed / 1024, 32UL, 128UL);
		else
			zone->_watermark[WMARK_MIN] = tmp;
		tmp = max(tmp >> 2, managed * watermark_scale_factor / 10000);
		zone->_watermark[WMARK_LOW] = min_wmark_pages(zone) + tmp;
		zone->_watermark[WMARK_HIGH] = low_wmark_pages(zone) + tmp;
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << 62;

	while (bit > x)
		bit >>= 2;
	for (; bit; bit >>= 2) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
	}
	return r;
}

/*
 * min_free_kbytes = sqrt(lowmem_kbytes * 16), clamped to [128, 262144]
 * (Linux's calculate_min_free_kbytes()): 16 MiB of RAM -> 512 KiB,
 * 1 GiB -> 4 MiB, 16 GiB -> 16 MiB.
 */
void init_per_zone_wmark_min(void)
{
	unsigned long lowmem_kbytes = 0;
	struct zone *zone;

	for_each_zone(zone)
		if (zone_idx(zone) != ZONE_MOVABLE)
			lowmem_kbytes += zone_managed_pages(zone) * (PAGE_SIZE >> 10);
	min_free_kbytes = clamp(int_sqrt(lowmem_kbytes * 16), 128UL, 262144UL);
	setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
}

int min_free_kbytes_sysctl_handler(long val)
{
	/* proc_dointvec_minmax() with extra1 SYSCTL_ZERO: an int, at least 0. */
	if (val < 0 || val > 0x7fffffff)
		return -EINVAL;
	WRITE_ONCE(min_free_kbytes, (int)val);
	setup_per_zone_wmarks();
	return 0;
}

int watermark_scale_factor_sysctl_handler(long val)
{
	/* proc_dointvec_minmax() between SYSCTL_ONE and SYSCTL_THREE_THOUSAND. */
	if (val < 1 || val > 3000)
		return -EINVAL;
	WRITE_ONCE(watermark_scale_factor, (int)val);
	setup_per_zone_wmarks();
	return 0;
}

/* "GFP_KERNEL|__GFP_ZERO": the names of @gfp, composites first (Linux's %pGg). */
static void show_gfp_flags(char *buf, size_t size, gfp_t gfp)
{
	static const struct {
		gfp_t mask;
		const char *name;
	} names[] = {
		{ GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
		{ GFP_HIGHUSER, "GFP_HIGHUSER" },
		{ GFP_USER, "GFP_USER" },
		{ GFP_KERNEL, "GFP_KERNEL" },
		{ GFP_ATOMIC, "GFP_ATOMIC" },
		{ GFP_NOWAIT, "GFP_NOWAIT" },
		{ __GFP_DMA32, "__GFP_DMA32" },
		{ __GFP_HIGHMEM, "__GFP_HIGHMEM" },
		{ __GFP_MOVABLE, "__GFP_MOVABLE" },
		{ __GFP_RECLAIMABLE, "__GFP_RECLAIMABLE" },
		{ __GFP_HIGH, "__GFP_HIGH" },
		{ __GFP_IO, "__GFP_IO" },
		{ __GFP_FS, "__GFP_FS" },
		{ __GFP_ZERO, "__GFP_ZERO" },
		{ __GFP_ATOMIC, "__GFP_ATOMIC" },
		{ __GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
		{ __GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
		{ __GFP_NOWARN, "__GFP_NOWARN" },
		{ __GFP_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL" },
		{ __GFP_NORETRY, "__GFP_NORETRY" },
		{ __GFP_HARDWALL, "__GFP_HARDWALL" },
		{ __GFP_THISNODE, "__GFP_THISNODE" },
	};
	size_t len = 0, i;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(names) && gfp; i++) {
		if ((gfp & names[i].mask) != names[i].mask)
			continue;
		len += snprintf(buf + len, size - len, "%s%s", len ? "|" : "", names[i].name);
		gfp &= ~names[i].mask;
	}
	if (gfp)
		snprintf(buf + len, size - len, "%s%#x", len ? "|" : "", gfp);
}
