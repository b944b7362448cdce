// SPDX-License-Identifier: GPL-2.0
/*
 * Page migration, after Linux's mm/migrate.c: an anonymous or shmem page
 * moves to another frame while the processes that map it go on running.
 * What makes a pageblock of movable pages movable: compaction
 * (mm/compaction.c) empties blocks this way.
 *
 * One page (unmap_and_move(), Linux's migrate_folio_unmap() and
 * migrate_folio_move()):
 *
 *  1. lock it (MIGRATE_ASYNC only tries), and the new page, which nobody
 *     sees yet; a page under writeback (its swap write in flight) is waited
 *     for under MIGRATE_SYNC only, the other modes give it up for this
 *     call (-EBUSY), as Linux's migrate_folio_unmap();
 *  2. every PTE that maps it becomes a migration entry (try_to_migrate(),
 *     through the reverse map: the anon_vma, or the shmem file's i_mmap),
 *     which keeps the PTE's W, A and D; the TLBs forget the old frame;
 *     a fault there now waits for the page lock (migration_entry_wait());
 *  3. copy the contents, then move the page's slot in the swap cache or its
 *     shmem object to the new page, if nobody else holds a reference
 *     (Linux's folio_migrate_mapping(): the count is frozen where lookups
 *     take theirs), then the flags, mapping and index;
 *  4. every migration entry becomes a PTE of the new page
 *     (remove_migration_ptes()), which goes on the LRU list; both pages are
 *     unlocked, and the old one is freed.
 *
 * If step 3 finds the page held (by a pipe since vmsplice(), a swap-in or
 * lookup that got it first, a fault copying it), the entries become PTEs of
 * the old page again, as they were, and the page is tried again later.
 *
 * Where Loam differs from Linux 6.12:
 *  - order-0 pages only: Loam has no THP, hugetlb or large folios on its
 *    LRU lists; and only pages isolated from the LRU lists: Linux's
 *    movable_ops (non-LRU pages a driver lets move: zsmalloc, balloons)
 *    are out of scope, Loam has no such pages;
 *  - one page at a time: Linux unmaps up to 512 pages, flushes the TLBs
 *    once, then moves them (migrate_pages_batch()); Loam flushes per page;
 *  - mlock: Loam keeps it in the VMA (VM_LOCKED), not in the page, so there
 *    is no PG_mlocked to carry over; mlocked pages move, as in Linux.
 */
#include <asm/mmu_context.h>
#include <migrate.h>
#include <mmap.h>
#include <pagemap.h>
#include <rmap.h>
#include <shmem_fs.h>
#include <swap.h>
#include <swapops.h>
#include <uapi/errno.h>
#include <vmstat.h>

#include "internal.h"

/* Linux's: passes over the pages still to move before they count as failed. */
#define NR_MAX_MIGRATE_PAGES_RETRY 10
/* Linux's MIGRATEPAGE_SUCCESS. */
#define MIGRATEPAGE_SUCCESS 0

void migration_entry_wait(struct mm_struct *mm, pte_t *ptep)
{
	pte_t pte;

	spin_lock(&mm->page_table_lock);
	pte = ptep_get(ptep);
	if (!is_migration_pte(pte)) {
		/* Done meanwhile: the fault finds the page. */
		spin_unlock(&mm->page_table_lock);
		return;
	}
	migration_entry_wait_on_locked(pte_to_swp_entry(pte), &mm->page_table_lock);
}

/*
 * Linux's remove_migration_pte(), for the migration entry @ptep (locked)
 * at @addr of @vma: a PTE of @page, the new page or the old one, with the
 * VMA's protection as the entry allows: W if the entry is writable, A if
 * it says young, D if it says dirty and the page is (try_to_migrate_one()
 * gave PG_dirty to the page of a dirty PTE). One more reference and
 * mapping. (A PROT_NONE VMA's PTE stays PROT_NONE: vm_pgprot().) No flush:
 * the entry was not valid; a hart that faults on a stale one meanwhile
 * finds the PTE and flushes its own TLB (fault_present()).
 */
static int remove_migration_pte(struct page *page, struct vm_area_struct *vma, unsigned long addr,
				pte_t *ptep, void *arg)
{
	swp_entry_t entry = pte_to_swp_entry(ptep_get(ptep));
	pteval_t prot = vm_pgprot(vma->vm_flags, is_writable_migration_entry(entry)) &
			~(_PAGE_ACCESSED | _PAGE_DIRTY);

	if (is_migration_entry_young(entry))
		prot |= _PAGE_ACCESSED;
	if (is_migration_entry_dirty(entry) && PageDirty(page))
		prot |= _PAGE_DIRTY;
	get_page(page);
	if (PageAnon(page))
		page_add_anon_rmap(page, vma, addr);
	else
		page_add_file_rmap(page);
	/* Copied through the direct map: the instruction fetch must see it (Zifencei). */
	if (vma->vm_flags & VM_EXEC)
		local_flush_icache_all();
	set_pte_at(vma->vm_mm, addr, ptep, pfn_pte(page_to_pfn(page), prot));
	return 1;
}

void remove_migration_ptes(struct page *src, struct page *dst)
{
	struct rmap_walk_control rwc = {
		.rmap_one = remove_migration_pte,
		.flags = PVMW_MIGRATION,
		.target = src,
	};

	rmap_walk(dst, &rwc);
}

/*
 * Linux's folio_expected_refs(): the references a page being moved has
 * when nobody else holds it: the migration's, and its place's (the swap
 * cache's or the shmem object's). Its PTEs' are gone with them.
 */
static int migrate_expected_refs(struct page *page)
{
	return 1 + (page_is_shmem(page) || PageSwapCache(page));
}

/*
 * Linux's folio_migrate_mapping(): @newpage takes @page's place where it
 * is kept, if @page still has only its @expected references (checked with
 * the count frozen where the lookups take theirs). Then the mapping and
 * index, and PG_swapbacked. 0, or -EAGAIN with nothing changed.
 */
static int migrate_page_move_mapping(struct page *newpage, struct page *page, int expected)
{
	int err;

	if (page_is_shmem(page))
		return shmem_migrate_page(newpage, page, expected);
	if (PageSwapCache(page))
		err = swap_cache_migrate_page(newpage, page, expected);
	else
		err = page_ref_count(page) == expected ? 0 : -EAGAIN;
	if (err)
		return err;
	newpage->index = page->index;
	WRITE_ONCE(newpage->mapping, page->mapping);
	if (PageSwapBacked(page))
		SetPageSwapBacked(newpage);
	return 0;
}

/*
 * Linux's folio_migrate_flags(): the state that goes with the contents.
 * PG_dirty (newer than the swap copy, or written since MADV_FREE),
 * PG_active (which LRU list) and PG_readahead move, PG_uptodate is copied;
 * the old page keeps none of the others, nor PG_swapcache, which the free
 * checks refuse. PG_reclaim is not carried, as in Linux: the old page's
 * write has ended (unmap_and_move() waited or gave up), so the new page
 * has no write whose end would rotate it; the old page's flag goes when it
 * is freed. PG_writeback never needs carrying for the same reason.
 */
static void migrate_page_states(struct page *newpage, struct page *page)
{
	if (TestClearPageDirty(page))
		SetPageDirty(newpage);
	if (PageActive(page)) {
		ClearPageActive(page);
		SetPageActive(newpage);
	}
	/* A page of the swap cache: its data read in (or not), read ahead and not used yet. */
	if (PageUptodate(page))
		SetPageUptodate(newpage);
	if (TestClearPageReadahead(page))
		SetPageReadahead(newpage);
}

/*
 * Linux's move_to_new_folio() with __migrate_folio(): check the references,
 * copy, move the mapping, then the flags. 0, or -EAGAIN (@page is held by
 * someone else). The check before the copy is what makes the copy whole:
 * with no PTE left, a new reference can only come from a lookup of the
 * swap cache or the object, which waits for the page lock before it
 * touches the page; one taken before the unmap (get_user_pages(), which
 * may be writing through it) shows here. A shmem page that moved leaves
 * its object (mapping NULL); an anonymous one keeps its anon_vma until
 * freed, as in Linux.
 */
static int move_to_new_page(struct page *newpage, struct page *page)
{
	int expected = migrate_expected_refs(page);
	int err;

	if (page_ref_count(page) != expected)
		return -EAGAIN;
	copy_page(page_address(newpage), page_address(page));
	err = migrate_page_move_mapping(newpage, page, expected);
	if (err)
		return err;
	migrate_page_states(newpage, page);
	if (!PageAnon(page))
		WRITE_ONCE(page->mapping, NULL);
	return 0;
}

/* Linux's migrate_folio_done(): the old page, moved (or freed by its owner), goes. */
static void migrate_page_done(struct page *page)
{
	list_del(&page->lru);
	mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_ISOLATED_ANON, -1);
	put_page(page);
}

/*
 * Linux's free_swap_cache() for @page (locked), where the migration leaves
 * it: in the swap cache, mapped by nobody and named by no swap PTE, it
 * leaves the cache. While the migration held the page lock, the last swap
 * PTE of its slot may have gone (free_swap_and_cache() leaves a locked
 * page to its holder), or the last migration entry (zap_pte(): munmap,
 * exit), whose page_remove_rmap() would have freed it; nobody else frees
 * such a page but reclaim, and its slot with it. A page under writeback
 * stays (Linux's folio_free_swap() refuses it): reclaim frees it after.
 */
static void migrate_free_swap_cache(struct page *page)
{
	if (PageSwapCache(page) && !PageWriteback(page) && !page_mapped(page) &&
	    !swp_swapcount((swp_entry_t){ page->private }))
		delete_from_swap_cache(page);
}

/*
 * Step 2 and 3 for @page and @newpage, both locked: unmap, flush, move;
 * remap, to the new page or back to the old one. 0 or -EAGAIN.
 */
static int unmap_and_move_locked(struct page *newpage, struct page *page)
{
	struct tlbflush_batch batch = { 0 };
	struct anon_vma *anon_vma = NULL;
	bool was_mapped = page_mapped(page);
	int err = -EAGAIN;

	/* The entries are found through it after the last PTE is gone. */
	if (was_mapped && PageAnon(page)) {
		anon_vma = folio_get_anon_vma(page);
		if (!anon_vma)
			return -EAGAIN; /* unmapped meanwhile: next pass */
	}
	if (was_mapped)
		try_to_migrate(page, &batch);
	/* No hart may write the old frame through its TLB once it is copied. */
	try_to_unmap_flush(&batch);
	if (!page_mapped(page))
		err = move_to_new_page(newpage, page);
	if (!err)
		lru_cache_add_anon(newpage); /* Linux's folio_add_lru(dst) */
	if (was_mapped)
		remove_migration_ptes(page, err ? page : newpage);
	if (anon_vma)
		put_anon_vma(anon_vma);
	return err;
}

/*
 * One page of @from (Linux's migrate_folio_unmap() and migrate_folio_move()
 * together). MIGRATEPAGE_SUCCESS (the old page freed, off the list),
 * -EAGAIN (try again on the next pass), -EBUSY (under writeback and not
 * MIGRATE_SYNC: not tried again), or -ENOMEM (no new page).
 */
static int unmap_and_move(new_page_t get_new_page, free_page_t put_new_page, unsigned long private,
			  struct page *page, enum migrate_mode mode)
{
	struct page *newpage;
	int err;

	if (page_ref_count(page) == 1) {
		/* Unmapped and freed by its owner: ours is the last reference. */
		ClearPageActive(page);
		migrate_page_done(page);
		return MIGRATEPAGE_SUCCESS;
	}
	newpage = get_new_page(page, private);
	if (!newpage)
		return -ENOMEM;
	err = -EAGAIN;
	if (!trylock_page(page)) {
		if (mode == MIGRATE_ASYNC)
			goto out;
		lock_page(page);
	}
	/*
	 * Linux: only a full synchronous migration waits for the write; for
	 * the others the retries are too short, or the stall too long.
	 */
	if (PageWriteback(page)) {
		if (mode != MIGRATE_SYNC) {
			unlock_page(page);
			err = -EBUSY;
			goto out;
		}
		wait_on_page_writeback(page);
	}
	/* Nobody sees it before remove_migration_ptes(): no atomic needed (Linux's trylock). */
	__SetPageLocked(newpage);
	err = unmap_and_move_locked(newpage, page);
	migrate_free_swap_cache(err ? page : newpage);
	unlock_page(newpage);
	unlock_page(page);
	if (!err) {
		put_page(newpage); /* the allocation's: its place and PTEs hold their own */
		migrate_page_done(page);
		return MIGRATEPAGE_SUCCESS;
	}
out:
	if (put_new_page)
		put_new_page(newpage, private);
	else
		put_page(newpage);
	return err;
}

int migrate_pages(struct list_head *from, new_page_t get_new_page, free_page_t put_new_page,
		  unsigned long private, enum migrate_mode mode, int reason,
		  unsigned int *ret_succeeded)
{
	unsigned int nr_succeeded = 0, nr_failed = 0, retry = 1, pass;
	struct page *page, *next;
	LIST_HEAD(ret_pages);
	int rc = 0;

	for (pass = 0; pass < NR_MAX_MIGRATE_PAGES_RETRY && retry; pass++) {
		retry = 0;
		list_for_each_entry_safe(page, next, from, lru) {
			rc = unmap_and_move(get_new_page, put_new_page, private, page, mode);
			switch (rc) {
			case -ENOMEM:
				nr_failed += 1 + retry;
				goto out;
			case -EAGAIN:
				retry++;
				break;
			case MIGRATEPAGE_SUCCESS:
				nr_succeeded++;
				break;
			default:
				/* Permanent (-EBUSY): off the list, not tried again (Linux's). */
				list_move_tail(&page->lru, &ret_pages);
				nr_failed++;
				break;
			}
		}
	}
	nr_failed += retry;
	rc = nr_failed;
out:
	/* The ones given up stay on @from for the caller (Linux's ret_folios). */
	while (!list_empty(&ret_pages))
		list_move_tail(ret_pages.next, from);
	if (list_empty(from))
		rc = 0;
	count_vm_events(PGMIGRATE_SUCCESS, nr_succeeded);
	count_vm_events(PGMIGRATE_FAIL, nr_failed);
	if (ret_succeeded)
		*ret_succeeded = nr_succeeded;
	return rc;
}

void putback_movable_pages(struct list_head *l)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, l, lru) {
		list_del(&page->lru);
		mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_ISOLATED_ANON, -1);
		/* Linux's folio_putback_lru(): folio_add_lru(), then the reference. */
		lru_cache_add_anon(page);
		put_page(page);
	}
}
