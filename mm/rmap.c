// SPDX-License-Identifier: GPL-2.0
/*
 * The reverse map of anonymous pages, after Linux's mm/rmap.c. Linux points
 * page->mapping at an anon_vma, the root of every VMA that may map the page
 * after fork(); Loam has no fork() yet, so an anonymous page belongs to one
 * mm and page->mapping points at it directly, PAGE_MAPPING_ANON set. The
 * fork work replaces the mm with an anon_vma without changing the callers.
 */
#include <mm.h>
#include <mmap.h>
#include <rmap.h>
#include <swap.h>
#include <asm/mmu_context.h>

/*
 * Linux's page_add_new_anon_rmap() (folio_add_new_anon_rmap() since 6.2):
 * nobody else sees the page yet, so no atomics for the flags and mapping.
 */
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address)
{
	__SetPageSwapBacked(page);
	WRITE_ONCE(page->_mapcount, 0); /* one mapping: the count starts at -1 */
	/* Linux's linear_page_index(): a private anonymous VMA's vm_pgoff is vm_start's page. */
	page->index = address >> PAGE_SHIFT;
	WRITE_ONCE(page->mapping, (void *)((unsigned long)vma->vm_mm | PAGE_MAPPING_ANON));
	mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_ANON_MAPPED, 1);
}

/*
 * Linux's page_add_anon_rmap(): a page of the swap cache mapped again by a
 * swap-in fault. A page read from disk has no mapping yet; one reclaim had
 * unmapped still names its mm.
 */
void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address)
{
	page->index = address >> PAGE_SHIFT;
	WRITE_ONCE(page->mapping, (void *)((unsigned long)vma->vm_mm | PAGE_MAPPING_ANON));
	if (__atomic_add_fetch(&page->_mapcount, 1, __ATOMIC_ACQ_REL) == 0)
		mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_ANON_MAPPED, 1);
}

/*
 * Linux's page_add_file_rmap(): one more PTE maps a page of a file (a shmem
 * object's). Its mapping and index are the file's; no walk from the page
 * is needed, since reclaim never takes such a page (it is on no LRU list).
 * (Linux counts them as NR_FILE_MAPPED, "Mapped" in meminfo: Loam does not.)
 */
void page_add_file_rmap(struct page *page)
{
	__atomic_add_fetch(&page->_mapcount, 1, __ATOMIC_ACQ_REL);
}

/*
 * The mapping and index stay until the page is freed (free_pages_prepare()
 * drops an anonymous page's mapping), as in Linux: the page may still be on
 * its way out. A file's page keeps them while it is in its file.
 */
void page_remove_rmap(struct page *page)
{
	/* Linux's atomic_add_negative(): still mapped elsewhere unless it went below 0. */
	if (__atomic_add_fetch(&page->_mapcount, -1, __ATOMIC_ACQ_REL) >= 0)
		return;
	if (PageAnon(page))
		mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_ANON_MAPPED, -1);
}

/* ------------------------------------------------------------ rmap walk */

/*
 * Reclaim finds the mm of a page it isolated through page->mapping, without
 * the mm's locks: the mm may be exiting. Linux keeps the anon_vma alive with
 * RCU (SLAB_TYPESAFE_BY_RCU) and its lock; Loam uses one spinlock. Reclaim
 * checks under it that the page is still mapped and takes a reference to
 * the mm; exit_mmap() takes it once after unmapping everything
 * (rmap_exit_barrier()). So either reclaim looked first, and the mm cannot
 * be freed before reclaim's mmdrop(), or the page is seen unmapped.
 */
static DEFINE_SPINLOCK(anon_rmap_lock);

void rmap_exit_barrier(void)
{
	spin_lock(&anon_rmap_lock);
	spin_unlock(&anon_rmap_lock);
}

/*
 * Linux's rmap_walk_anon() for Loam's one-mm anonymous pages: call @one
 * with the PTE mapping @page (locked, page_table_lock held), if a PTE does.
 * The fork issue turns this into a walk over the anon_vma's VMAs.
 */
static int rmap_walk_anon(struct page *page,
			  int (*one)(struct page *page, struct mm_struct *mm, unsigned long addr,
				     pte_t *ptep, void *arg),
			  void *arg)
{
	unsigned long addr = page->index << PAGE_SHIFT;
	struct mm_struct *mm = NULL;
	spinlock_t *ptl;
	int ret = 0;
	pte_t *ptep;

	spin_lock(&anon_rmap_lock);
	if (page_mapped(page)) {
		mm = page_anon_mm(page);
		mmgrab(mm);
	}
	spin_unlock(&anon_rmap_lock);
	if (!mm)
		return 0;

	/* Linux's page_vma_mapped_walk() for one address: is @page still mapped there? */
	if (!follow_pte(mm, addr, &ptep, &ptl)) {
		if (pte_pfn(ptep_get(ptep)) == page_to_pfn(page))
			ret = one(page, mm, addr, ptep, arg);
		pte_unmap_unlock(ptep, ptl);
	}
	mmdrop(mm);
	return ret;
}

/*
 * Test and clear A. Without a TLB flush, as Linux's riscv
 * ptep_clear_flush_young(): a hart may go on using a cached entry that says
 * "accessed" and not set A again for a while, so a page may look unused
 * when it is not; that costs a swap-in, never data, and a remote flush per
 * page would cost far more (an SBI call and an IPI to each hart).
 */
static int page_referenced_one(struct page *page, struct mm_struct *mm, unsigned long addr,
			       pte_t *ptep, void *arg)
{
	return ptep_test_and_clear_young(ptep);
}

int page_referenced(struct page *page)
{
	return rmap_walk_anon(page, page_referenced_one, NULL);
}

/* The mms whose TLBs must be flushed before a batch goes on (Linux's TTU_BATCH_FLUSH). */
static void tlb_batch_add(struct tlbflush_batch *batch, struct mm_struct *mm)
{
	unsigned int i;

	for (i = 0; i < batch->nr; i++)
		if (batch->mm[i] == mm)
			return;
	if (batch->nr == TLB_BATCH_MMS) {
		flush_tlb_mm(mm); /* no room: flush this one now */
		return;
	}
	mmgrab(mm);
	batch->mm[batch->nr++] = mm;
}

void try_to_unmap_flush(struct tlbflush_batch *batch)
{
	unsigned int i;

	for (i = 0; i < batch->nr; i++) {
		flush_tlb_mm(batch->mm[i]);
		mmdrop(batch->mm[i]);
	}
	batch->nr = 0;
}

/*
 * Clear D: a write after the flush sets it again (or faults, on the U74).
 * The flush must come before the page is written out, or a hart could
 * store through a cached dirty entry without setting D: @batch collects it.
 */
static int page_mkclean_one(struct page *page, struct mm_struct *mm, unsigned long addr,
			    pte_t *ptep, void *batch)
{
	if (!ptep_test_and_clear_dirty(ptep))
		return 0;
	tlb_batch_add(batch, mm);
	return 1;
}

int page_mkclean(struct page *page, struct tlbflush_batch *batch)
{
	return rmap_walk_anon(page, page_mkclean_one, batch);
}

/*
 * Replace the PTE by the page's swap entry, unless it was written since
 * page_mkclean(): the hardware sets D without our lock, hence the
 * compare-and-swap. 1 when unmapped.
 */
static int try_to_unmap_one(struct page *page, struct mm_struct *mm, unsigned long addr,
			    pte_t *ptep, void *batch)
{
	swp_entry_t entry = { page->private };
	pte_t old = ptep_get(ptep);

	if (pte_dirty(old))
		return 0;
	if (swap_duplicate(entry))
		return 0;
	if (!ptep_try_cmpxchg(ptep, &old, swp_entry_to_pte(entry))) {
		swap_free(entry);
		return 0;
	}
	tlb_batch_add(batch, mm);
	page_remove_rmap(page);
	mm->rss--;
	mm->swapents++;
	/* The PTE's reference to the page (the caller holds its own). */
	put_page(page);
	return 1;
}

bool try_to_unmap(struct page *page, struct tlbflush_batch *batch)
{
	rmap_walk_anon(page, try_to_unmap_one, batch);
	return !page_mapped(page);
}
