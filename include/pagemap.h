/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page lock (Linux's include/linux/pagemap.h, mm/filemap.c): PG_locked
 * held by whoever works on a page across a sleep. Reclaim holds it from
 * choosing an anonymous page until it is freed, put back, or its swap
 * write has started (then PG_writeback, as in Linux), a swap read holds it
 * until the data is in (its end unlocks it, maybe in an interrupt), and a
 * swap-in fault holds it while it maps the page, so that no two of them
 * work on one page at once. A shmem page's lock also keeps it in its
 * object: a lookup returns it locked and a fault maps it before unlocking
 * (mm/shmem.c). Slab pages use the same bit as a spinlock
 * (slab_lock()): the two uses never meet, a page is one or the other.
 */
#ifndef LOAM_PAGEMAP_H
#define LOAM_PAGEMAP_H

#include <mm.h>

static inline bool trylock_page(struct page *page)
{
	return !(__atomic_fetch_or(&page->flags, 1UL << PG_locked, __ATOMIC_ACQUIRE) &
		 (1UL << PG_locked));
}

/* mm/filemap.c: the page-lock wait queues, at boot (Linux's pagecache_init()). */
void pagecache_init(void);
/* Sleep until the page is ours. Process context only. */
void lock_page(struct page *page);
/* Release it and wake whoever waits for it; interrupt context too (a read's end). */
void unlock_page(struct page *page);

/*
 * A page's swap write (PG_writeback, Linux's folio_start_writeback() and
 * folio_end_writeback(), include/linux/pagemap.h): set_page_writeback()
 * marks it and counts it in NR_WRITEBACK before the request goes out;
 * end_page_writeback(), from the write's completion (interrupt context
 * too), moves a page reclaim marked PG_reclaim to the inactive tail,
 * clears the bit and wakes whoever sleeps in wait_on_page_writeback()
 * (process context only).
 */
void set_page_writeback(struct page *page);
void end_page_writeback(struct page *page);
void wait_on_page_writeback(struct page *page);

#endif
