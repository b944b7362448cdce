// SPDX-License-Identifier: GPL-2.0
/*
 * The LRU lists of anonymous pages, after Linux's mm/swap.c: a page goes on
 * its node's inactive list when a fault first maps it (a shmem page: when
 * it enters its object, mm/shmem.c) and comes off when it is freed;
 * MADV_FREE moves it to the inactive file list, lazily freed. Reclaim (the
 * next step) ages the lists: referenced inactive pages
 * move to the active list, the others are written to swap. Linux batches
 * additions per CPU (the lru_add pagevec, later folio_batch); Loam takes the
 * lock for each page, one order-0 page per fault.
 */
#include <mm_inline.h>
#include <rmap.h>
#include <swap.h>
#include <vmstat.h>

#include "internal.h"

/*
 * Linux's lru_cache_add_inactive_or_unevictable() for a fresh anonymous
 * page. Linux 6.1 puts it on the inactive list (folio_add_lru(); the active
 * one only with the multi-gen LRU): since 5.9 (commit b518154e59aa,
 * "mm/vmscan: protect the workingset on anonymous LRU") a new anonymous page
 * must prove itself there before it can push the working set off the active
 * list. Loam has no mlock(), so nothing is unevictable.
 */
void lru_cache_add_anon(struct page *page)
{
	struct lruvec *lruvec = node_lruvec(NODE_DATA(page_to_nid(page)));
	unsigned long flags;

	spin_lock_irqsave(&lruvec->lru_lock, flags);
	SetPageLRU(page);
	add_page_to_lru_list(page, lruvec);
	spin_unlock_irqrestore(&lruvec->lru_lock, flags);
}

/* Linux's __page_cache_release(): off the LRU before the page is freed. */
void __page_cache_release(struct page *page)
{
	struct lruvec *lruvec;
	unsigned long flags;

	if (!PageLRU(page))
		return;
	lruvec = node_lruvec(NODE_DATA(page_to_nid(page)));
	spin_lock_irqsave(&lruvec->lru_lock, flags);
	del_page_from_lru_list(page, lruvec);
	__clear_page_lru_flags(page);
	spin_unlock_irqrestore(&lruvec->lru_lock, flags);
}

void mark_page_lazyfree(struct page *page)
{
	struct lruvec *lruvec = node_lruvec(NODE_DATA(page_to_nid(page)));
	unsigned long flags;

	spin_lock_irqsave(&lruvec->lru_lock, flags);
	/* Linux's lru_lazyfree_fn(): isolated by reclaim meanwhile, or lazyfree already: leave it. */
	if (PageLRU(page) && PageAnon(page) && PageSwapBacked(page) && !PageSwapCache(page)) {
		del_page_from_lru_list(page, lruvec);
		ClearPageActive(page);
		ClearPageSwapBacked(page);
		add_page_to_lru_list(page, lruvec);
		count_vm_event(PGLAZYFREE);
	}
	spin_unlock_irqrestore(&lruvec->lru_lock, flags);
}

/* Is @page mapped, and through the anon_vma of one of @mm's VMAs? */
static bool page_of_mm(struct page *page, struct mm_struct *mm)
{
	unsigned long mapping = (unsigned long)page->mapping;
	struct vm_area_struct *vma;

	if (!(mapping & PAGE_MAPPING_ANON) || !page_mapped(page))
		return false;
	for (vma = mm->mmap; vma; vma = vma->vm_next)
		if (vma->anon_vma && (unsigned long)vma->anon_vma == (mapping & ~PAGE_MAPPING_ANON))
			return true;
	return false;
}

unsigned long lru_pages_of_mm(struct mm_struct *mm, unsigned long *isolated)
{
	unsigned long nr = 0, flags;
	enum lru_list lru;
	int nid;

	*isolated = 0;
	for_each_online_node(nid) {
		struct lruvec *lruvec = node_lruvec(NODE_DATA(nid));
		struct page *page;

		spin_lock_irqsave(&lruvec->lru_lock, flags);
		for_each_lru(lru)
			list_for_each_entry(page, &lruvec->lists[lru], lru)
				nr += page_of_mm(page, mm);
		/* Under the same lock: a page leaves the lists and counts as isolated at once. */
		*isolated += node_page_state(NODE_DATA(nid), NR_ISOLATED_ANON);
		spin_unlock_irqrestore(&lruvec->lru_lock, flags);
	}
	return nr;
}

/*
 * Linux's put_page() of an order-0 page (__folio_put()): whoever drops the
 * last reference takes the page off its LRU list. Reclaim never takes a
 * reference from 0 (get_page_unless_zero()), so the page cannot come back.
 */
void put_page(struct page *page)
{
	if (!put_page_testzero(page))
		return;
	__page_cache_release(page);
	free_unref_page(page, 0);
}

/**
 * release_pages - drop a reference to each of a batch of order-0 pages
 * @pages: the pages
 * @nr: how many
 *
 * put_page() for a batch (Linux's release_pages(), folios_put_refs() in
 * 6.12): the pages whose last reference goes come off their LRU lists with
 * the lock taken once per node and per SWAP_CLUSTER_MAX pages, and are freed
 * together (free_unref_page_list()).
 */
void release_pages(struct page **pages, int nr)
{
	struct lruvec *lruvec = NULL;
	unsigned long flags = 0;
	LIST_HEAD(pages_to_free);
	int i, lock_batch = 0;

	for (i = 0; i < nr; i++) {
		struct page *page = pages[i];

		if (!put_page_testzero(page))
			continue;
		if (PageLRU(page)) {
			struct lruvec *page_lruvec = node_lruvec(NODE_DATA(page_to_nid(page)));

			if (page_lruvec != lruvec || lock_batch == SWAP_CLUSTER_MAX) {
				if (lruvec)
					spin_unlock_irqrestore(&lruvec->lru_lock, flags);
				lruvec = page_lruvec;
				spin_lock_irqsave(&lruvec->lru_lock, flags);
				lock_batch = 0;
			}
			del_page_from_lru_list(page, lruvec);
			__clear_page_lru_flags(page);
			lock_batch++;
		}
		list_add(&page->lru, &pages_to_free);
	}
	if (lruvec)
		spin_unlock_irqrestore(&lruvec->lru_lock, flags);
	free_unref_page_list(&pages_to_free);
}
