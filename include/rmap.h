/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reverse map of anonymous pages (mm/rmap.c, Linux's include/linux/rmap.h):
 * from a page back to the address space and the address that map it, which
 * reclaim needs to unmap a page it chose from an LRU list.
 */
#ifndef LOAM_RMAP_H
#define LOAM_RMAP_H

#include <mm.h>

struct vm_area_struct;

/* A fresh anonymous page, mapped at @address of @vma for the first time. */
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address);
/* A page of the swap cache, mapped again at @address of @vma by a swap-in. */
void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address);
/* A page of a file (shmem), mapped by one more PTE. */
void page_add_file_rmap(struct page *page);
/* One page-table entry mapping @page (anonymous or a file's) is gone. */
void page_remove_rmap(struct page *page);

/*
 * Reclaim's side (callers hold the page lock and a reference): the number
 * of PTEs that had A set, cleared now; the same for D; unmap it, its PTE
 * becoming the swap entry page->private (the page must be in the swap
 * cache), true if no PTE maps it any more. The last two leave the TLB
 * flushes to try_to_unmap_flush(), once for a whole batch of pages: it must
 * run before the pages are written (mkclean) or freed (unmap).
 */
#define TLB_BATCH_MMS 8
struct tlbflush_batch {
	unsigned int nr;
	struct mm_struct *mm[TLB_BATCH_MMS]; /* each with a reference (mmgrab()) */
};
int page_referenced(struct page *page);
int page_mkclean(struct page *page, struct tlbflush_batch *batch);
bool try_to_unmap(struct page *page, struct tlbflush_batch *batch);
void try_to_unmap_flush(struct tlbflush_batch *batch);
/* exit_mmap(), after unmapping every page: see mm/rmap.c. */
void rmap_exit_barrier(void);

/* The mm owning an anonymous page (Loam has no fork(): exactly one, see <mm_types.h>). */
static inline struct mm_struct *page_anon_mm(const struct page *page)
{
	return (struct mm_struct *)((unsigned long)READ_ONCE(page->mapping) & ~PAGE_MAPPING_ANON);
}

#endif
