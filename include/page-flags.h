/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page flags, as in Linux's include/linux/page-flags.h. page->flags holds the
 * PG_* bits from bit 0 up and, in its top bits, the node and the zone the page
 * belongs to (set once at boot):
 *
 *   63    61 60  59 58                         0
 *   | node  | zone |  ...  | PG_swapbacked .. PG_reserved |
 *
 * SetPageX/ClearPageX are atomic; the __ variants are for pages nobody else
 * can see (a free page under the zone lock, a page being initialised).
 */
#ifndef LOAM_PAGE_FLAGS_H
#define LOAM_PAGE_FLAGS_H

#include <mm_types.h>
#include <numa.h>

enum pageflags {
	PG_reserved, /* not the buddy allocator's: firmware, kernel, memmap, holes */
	PG_buddy, /* heads a free block in a free_area; page->private is its order */
	PG_slab, /* owned by the slab allocator */
	PG_lru, /* on an LRU list, a candidate for reclaim */
	PG_head, /* first page of a compound page (a slab, a large kmalloc) */
	/*
	 * A slab's bit spinlock (slab_lock()); for an LRU page the page lock
	 * (<pagemap.h>): reclaim and swap-in hold it while they work on it.
	 */
	PG_locked,
	PG_waiters, /* someone may sleep on the page lock (mm/filemap.c) */
	PG_active, /* on the active LRU list rather than the inactive one */
	PG_swapbacked, /* backed by swap (anonymous or shmem): reclaim must write it out */
	PG_swapcache, /* in the swap cache: page->private is its swp_entry_t */
	/*
	 * Newer than its copy in swap: set when a PTE's D bit is gathered by
	 * reclaim (try_to_unmap() gathers a PTE's D bit) and not written yet,
	 * or its write failed.
	 */
	PG_dirty,
	/*
	 * Being written to swap (Linux's PG_writeback): set by
	 * swap_writepage() before the request goes out, cleared by its
	 * completion (end_page_writeback()). The page is unlocked meanwhile;
	 * whoever would free it or its slot waits or leaves it
	 * (wait_on_page_writeback()).
	 */
	PG_writeback,
	/*
	 * Reclaim wrote it out to free it (Linux's PG_reclaim): the end of the
	 * write moves it to the tail of the inactive list, where the next
	 * reclaim pass takes it first (rotate_reclaimable_page()).
	 */
	PG_reclaim,
	/*
	 * Holds its data: set once a swap read has filled it (or when it
	 * enters the swap cache through reclaim); a page of the swap cache
	 * without it is being read, or its read failed.
	 */
	PG_uptodate,
	/*
	 * Read ahead of need by swap readahead (mm/swap_state.c), not used
	 * since: the first fault that finds it counts a readahead hit. Linux
	 * keeps it in PG_reclaim's bit (told apart by PG_writeback); Loam gives
	 * each its own bit, which is simpler: no test needs to know which one
	 * the bit means, and an unused page flag costs nothing here.
	 */
	PG_readahead,
	__NR_PAGEFLAGS,
};

#define ZONES_SHIFT 2
#define NODES_PGSHIFT (64 - NODES_SHIFT)
#define ZONES_PGSHIFT (NODES_PGSHIFT - ZONES_SHIFT)
#define NODES_MASK ((1UL << NODES_SHIFT) - 1)
#define ZONES_MASK ((1UL << ZONES_SHIFT) - 1)
/* Node and zone together: pages with the same zone id are in the same zone. */
#define ZONEID_PGSHIFT ZONES_PGSHIFT

/*
 * Flags a page must not have when it is freed, or when it is handed out.
 * PG_swapbacked, PG_dirty, PG_uptodate and PG_readahead may stay on a page
 * until it is freed, as in Linux, and so may PG_reclaim (freed before its
 * write ended moved it) and a stale PG_waiters (a waiter that got the lock
 * at its first try leaves it): free_pages_prepare() clears them (Linux
 * clears every flag there).
 */
#define PAGE_FLAGS_CHECK_AT_FREE                                                              \
	((1UL << PG_reserved) | (1UL << PG_buddy) | (1UL << PG_slab) | (1UL << PG_lru) |      \
	 (1UL << PG_head) | (1UL << PG_locked) | (1UL << PG_active) | (1UL << PG_swapcache) | \
	 (1UL << PG_writeback))
#define PAGE_FLAGS_CHECK_AT_PREP                                                 \
	(PAGE_FLAGS_CHECK_AT_FREE | (1UL << PG_swapbacked) | (1UL << PG_dirty) | \
	 (1UL << PG_uptodate) | (1UL << PG_readahead) | (1UL << PG_reclaim))

static inline bool test_bit(int nr, const unsigned long *addr)
{
	return (__atomic_load_n(addr, __ATOMIC_RELAXED) >> nr) & 1;
}

static inline void set_bit(int nr, unsigned long *addr)
{
	__atomic_fetch_or(addr, 1UL << nr, __ATOMIC_RELAXED);
}

static inline void clear_bit(int nr, unsigned long *addr)
{
	__atomic_fetch_and(addr, ~(1UL << nr), __ATOMIC_RELAXED);
}

static inline bool test_and_clear_bit(int nr, unsigned long *addr)
{
	return (__atomic_fetch_and(addr, ~(1UL << nr), __ATOMIC_ACQ_REL) >> nr) & 1;
}

#define PAGEFLAG(uname, lname)                                   \
	static inline bool Page##uname(const struct page *page)  \
	{                                                        \
		return test_bit(PG_##lname, &page->flags);       \
	}                                                        \
	static inline void SetPage##uname(struct page *page)     \
	{                                                        \
		set_bit(PG_##lname, &page->flags);               \
	}                                                        \
	static inline void ClearPage##uname(struct page *page)   \
	{                                                        \
		clear_bit(PG_##lname, &page->flags);             \
	}                                                        \
	static inline void __SetPage##uname(struct page *page)   \
	{                                                        \
		page->flags |= 1UL << PG_##lname;                \
	}                                                        \
	static inline void __ClearPage##uname(struct page *page) \
	{                                                        \
		page->flags &= ~(1UL << PG_##lname);             \
	}

PAGEFLAG(Reserved, reserved)
PAGEFLAG(Buddy, buddy)
PAGEFLAG(Slab, slab)
PAGEFLAG(LRU, lru)
PAGEFLAG(Head, head)
PAGEFLAG(Active, active)
PAGEFLAG(SwapBacked, swapbacked)
PAGEFLAG(SwapCache, swapcache)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(Locked, locked)
PAGEFLAG(Waiters, waiters)
PAGEFLAG(Writeback, writeback)
PAGEFLAG(Reclaim, reclaim)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Readahead, readahead)

static inline bool TestClearPageDirty(struct page *page)
{
	return test_and_clear_bit(PG_dirty, &page->flags);
}

static inline bool TestClearPageReadahead(struct page *page)
{
	return test_and_clear_bit(PG_readahead, &page->flags);
}

/*
 * Bit 0 of page->mapping says "anonymous": the rest is the page's anon_vma
 * (see <mm_types.h> and <rmap.h>), as in Linux (PAGE_MAPPING_ANON, PageAnon()).
 */
#define PAGE_MAPPING_ANON 0x1UL

static inline bool PageAnon(const struct page *page)
{
	return ((unsigned long)READ_ONCE(page->mapping) & PAGE_MAPPING_ANON) != 0;
}

/* Names for dumps, in Linux's %pGp style: "reserved|buddy". */
#define PAGEFLAG_NAMES                                                                          \
	{                                                                                       \
		"reserved", "buddy", "slab", "lru", "head", "locked", "waiters", "active",      \
			"swapbacked", "swapcache", "dirty", "writeback", "reclaim", "uptodate", \
			"readahead"                                                             \
	}

#endif
