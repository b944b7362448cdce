/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Putting pages on and taking them off a node's LRU lists, as Linux's
 * include/linux/mm_inline.h. The caller holds lruvec->lru_lock.
 */
#ifndef LOAM_MM_INLINE_H
#define LOAM_MM_INLINE_H

#include <mm.h>

/*
 * Linux's folio_is_file_lru(): does @page belong on a file list? Loam's are
 * the anonymous pages that are not swap-backed (see <mmzone.h>).
 */
static inline bool page_is_file_lru(const struct page *page)
{
	return !PageSwapBacked(page);
}

/* The list @page belongs on (Linux's folio_lru_list(), without the unevictable one). */
static inline enum lru_list page_lru(const struct page *page)
{
	enum lru_list lru = page_is_file_lru(page) ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON;

	return PageActive(page) ? lru + LRU_ACTIVE : lru;
}

static inline void update_lru_size(struct lruvec *lruvec, enum lru_list lru, long nr_pages)
{
	mod_node_page_state(lruvec_pgdat(lruvec), NR_LRU_BASE + lru, nr_pages);
}

/* New pages go to the head: reclaim takes from the tail (Linux's lruvec_add_folio()). */
static inline void add_page_to_lru_list(struct page *page, struct lruvec *lruvec)
{
	enum lru_list lru = page_lru(page);

	update_lru_size(lruvec, lru, 1);
	list_add(&page->lru, &lruvec->lists[lru]);
}

static inline void del_page_from_lru_list(struct page *page, struct lruvec *lruvec)
{
	list_del(&page->lru);
	update_lru_size(lruvec, page_lru(page), -1);
}

/* Off the LRU for good: the flags the page allocator refuses go (Linux's __folio_clear_lru_flags()). */
static inline void __clear_page_lru_flags(struct page *page)
{
	__ClearPageLRU(page);
	__ClearPageActive(page);
}

#endif
