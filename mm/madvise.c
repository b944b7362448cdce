// SPDX-License-Identifier: GPL-2.0
/*
 * madvise(), as Linux's mm/madvise.c. Loam answers as a Linux 6.12 built
 * with KSM and transparent huge pages but without CONFIG_MEMORY_FAILURE:
 * - MADV_DONTNEED and MADV_DONTNEED_LOCKED unmap the pages and free those
 *   that are the process's own: private anonymous memory then reads back as
 *   zeroes, a private file mapping (an executable's segment) reads the
 *   file's bytes again, shared anonymous memory keeps its contents in its
 *   shmem object;
 * - MADV_FREE, for private anonymous memory only, frees lazily as Linux
 *   does (madvise_free_pte_range()): swap entries go at once, and each page
 *   mapped by this PTE alone gets clean PTE bits and goes to the inactive
 *   file list (mark_page_lazyfree()); reclaim drops it there unless the
 *   program wrote it since, and a page dropped reads back as zeroes. A
 *   page mapped by a fork relative too is left as it is (Linux leaves it
 *   only when it is dirty or in the swap cache, <mm_inline.h>'s lists);
 * - MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_[DO|DONT]FORK,
 *   MADV_WIPEONFORK/KEEPONFORK, MADV_DODUMP/DONTDUMP, MADV_[UN]MERGEABLE and
 *   MADV_[NO]HUGEPAGE set or clear the VMA flag Linux keeps for them
 *   (splitting and merging VMAs like mprotect); nothing in Loam acts on the
 *   fork, dump, KSM and huge-page flags yet (no fork, core dumps, ksmd or
 *   huge pages), which Linux's hints do not promise anyway;
 * - MADV_PAGEOUT reclaims the private anonymous pages this process alone
 *   maps, used lately or not (madvise_cold_or_pageout_pte_range() and
 *   reclaim_pages()): written to swap, or dropped if not swap-backed;
 *   without swap a swap-backed page stays;
 * - MADV_WILLNEED and MADV_COLD are accepted hints;
 * - MADV_POPULATE_READ/WRITE fault the range in;
 * - MADV_REMOVE punches a hole in shared memory's shmem object (the pages
 *   read back as zeroes); a private file mapping is -EACCES, anonymous
 *   private memory -EINVAL; MADV_COLLAPSE needs a huge page's worth of
 *   memory that Loam never has: -EINVAL, Linux's answer in that case;
 * - MADV_HWPOISON, MADV_SOFT_OFFLINE and unknown advice: -EINVAL.
 * The advice applies to the mapped parts of the range; holes make the
 * result -ENOMEM (vma_range_walk(), shared with mprotect). Advice that
 * discards pages is -EPERM on a sealed read-only private anonymous VMA
 * (can_modify_vma_madv(), mm/mseal.c).
 */
#include <asm/mmu_context.h>
#include <fs.h>
#include <list.h>
#include <pagemap.h>
#include <rmap.h>
#include <shmem_fs.h>
#include <swap.h>
#include <swapops.h>
#include <uapi/errno.h>

#include "internal.h"
#include "vma.h"

/* Linux's madvise_behavior_valid() for the configuration above. */
static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_DOFORK:
	case MADV_DONTFORK:
	case MADV_NORMAL:
	case MADV_SEQUENTIAL:
	case MADV_RANDOM:
	case MADV_REMOVE:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
	case MADV_FREE:
	case MADV_COLD:
	case MADV_PAGEOUT:
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
	case MADV_MERGEABLE:
	case MADV_UNMERGEABLE:
	case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE:
	case MADV_COLLAPSE:
	case MADV_DONTDUMP:
	case MADV_DODUMP:
	case MADV_WIPEONFORK:
	case MADV_KEEPONFORK:
		return true;
	default:
		return false;
	}
}

/*
 * The advice that only changes VMA flags: @vma's flags after it (all 64
 * bits are flags: VM_SEALED is bit 63), or 0 for -EINVAL (a VMA always
 * keeps some flag: VM_MAYREAD at least).
 */
static unsigned long madvise_new_flags(struct vm_area_struct *vma, int behavior)
{
	unsigned long flags = vma->vm_flags;

	switch (behavior) {
	case MADV_NORMAL:
		return flags & ~(VM_RAND_READ | VM_SEQ_READ);
	case MADV_RANDOM:
		return (flags & ~VM_SEQ_READ) | VM_RAND_READ;
	case MADV_SEQUENTIAL:
		return (flags & ~VM_RAND_READ) | VM_SEQ_READ;
	case MADV_DONTFORK:
		return flags | VM_DONTCOPY;
	case MADV_DOFORK:
		return flags & ~VM_DONTCOPY;
	case MADV_WIPEONFORK:
		/* Private anonymous memory only. */
		return flags & VM_SHARED ? 0 : flags | VM_WIPEONFORK;
	case MADV_KEEPONFORK:
		/* A MAP_DROPPABLE mapping is always wiped at fork and never dumped (Linux 6.11). */
		return flags & VM_DROPPABLE ? 0 : flags & ~VM_WIPEONFORK;
	case MADV_DONTDUMP:
		return flags | VM_DONTDUMP;
	case MADV_DODUMP:
		return flags & VM_DROPPABLE ? 0 : flags & ~VM_DONTDUMP;
	case MADV_MERGEABLE:
		/* ksm_madvise(): shared memory is never merged, and says nothing. */
		return flags & (VM_SHARED | VM_MAYSHARE) ? flags : flags | VM_MERGEABLE;
	case MADV_UNMERGEABLE:
		return flags & ~VM_MERGEABLE;
	case MADV_HUGEPAGE:
		return (flags & ~VM_NOHUGEPAGE) | VM_HUGEPAGE;
	default: /* MADV_NOHUGEPAGE */
		return (flags & ~VM_HUGEPAGE) | VM_NOHUGEPAGE;
	}
}

/*
 * Linux's madvise_remove(): punch a hole in the file behind [@start, @end),
 * which must be a shared, writable mapping of it (shared anonymous memory's
 * shmem object; -EACCES for a private file mapping, -EINVAL without a file).
 */
static int madvise_remove(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	unsigned long pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);

	if ((vma->vm_flags & VM_LOCKED) || !vma->vm_file)
		return -EINVAL;
	if (!(vma->vm_flags & VM_SHARED))
		return -EACCES;
	/* It unmaps the pages from every mm that maps them: this one and fork's relatives. */
	shmem_punch_hole(vma->vm_file->f_mapping, pgoff, pgoff + ((end - start) >> PAGE_SHIFT));
	return 0;
}

typedef void (*madvise_pte_fn)(struct mm_struct *mm, unsigned long addr, pte_t *ptep, void *arg);

/*
 * Call @fn for each PTE of [@start, @end) in @mm, under page_table_lock
 * (Linux's walk_page_range() with a pte_entry): a missing table is skipped.
 */
static void madvise_walk_ptes(struct mm_struct *mm, unsigned long start, unsigned long end,
			      madvise_pte_fn fn, void *arg)
{
	pgd_t *pgd = pgd_offset(mm, start);
	unsigned long addr = start, next, pmd_next;
	pte_t *ptep;
	pmd_t *pmd;

	spin_lock(&mm->page_table_lock);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(pgdp_get(pgd)) || pgd_bad(pgdp_get(pgd)))
			continue;
		pmd = pmd_offset(pgd, addr);
		do {
			pmd_next = pmd_addr_end(addr, next);
			if (pmd_none(pmdp_get(pmd)) || pmd_bad(pmdp_get(pmd)))
				continue;
			ptep = pte_offset_map(pmd, addr);
			for (; addr != pmd_next; addr += PAGE_SIZE, ptep++)
				fn(mm, addr, ptep, arg);
			pte_unmap(ptep - 1);
		} while (pmd++, addr = pmd_next, addr != next);
	} while (pgd++, addr = next, addr != end);
	spin_unlock(&mm->page_table_lock);
}

/* The anonymous page @pte maps and no other PTE does, or NULL. */
static struct page *madvise_own_page(pte_t pte)
{
	struct page *page;

	if (!pte_mapped(pte) || is_zero_pte(pte))
		return NULL;
	page = pfn_to_page(pte_pfn(pte));
	return PageAnon(page) && page_mapcount(page) == 1 ? page : NULL;
}

/*
 * Linux's madvise_free_pte_range() for one PTE; *@arg: set when a PTE lost
 * A or D, so the TLBs must forget them before the program writes again
 * (a hart could otherwise store through a cached dirty entry, and reclaim
 * would drop what it wrote).
 */
static void madvise_free_pte(struct mm_struct *mm, unsigned long addr, pte_t *ptep, void *arg)
{
	pte_t pte = ptep_get(ptep);
	struct page *page;
	bool *flush = arg;

	/* A page on its way (mm/migrate.c) is left alone, as Linux's non_swap_entry() is. */
	if (is_migration_pte(pte))
		return;
	if (is_swap_pte(pte)) {
		pte_clear(mm, addr, ptep);
		free_swap_and_cache(pte_to_swp_entry(pte));
		mm->swapents--;
		return;
	}
	page = madvise_own_page(pte);
	if (!page)
		return;
	if (PageSwapCache(page) || PageDirty(page)) {
		/* A fault or reclaim works on it: leave it (Linux's folio_trylock()). */
		if (!trylock_page(page))
			return;
		/* Linux's folio_free_swap(): only if no swap PTE of a fork relative needs the slot. */
		if (PageSwapCache(page) && swp_swapcount((swp_entry_t){ page->private })) {
			unlock_page(page);
			return;
		}
		if (PageSwapCache(page))
			delete_from_swap_cache(page);
		ClearPageDirty(page);
		unlock_page(page);
	}
	if (ptep_test_and_clear_dirty(ptep) | ptep_test_and_clear_young(ptep))
		*flush = true;
	mark_page_lazyfree(page);
}

/* Linux's madvise_free_single_vma() for [@start, @end) of @vma, private anonymous memory. */
static void madvise_free_single_vma(struct vm_area_struct *vma, unsigned long start,
				    unsigned long end)
{
	bool flush = false;

	madvise_walk_ptes(vma->vm_mm, start, end, madvise_free_pte, &flush);
	if (flush)
		flush_tlb_mm(vma->vm_mm);
}

/* Linux's madvise_cold_or_pageout_pte_range() for one PTE, paging out: isolate the page. */
static void madvise_pageout_pte(struct mm_struct *mm, unsigned long addr, pte_t *ptep, void *arg)
{
	struct page *page = madvise_own_page(ptep_get(ptep));

	if (page && isolate_lru_page(page))
		list_add(&page->lru, arg);
}

/* Linux's madvise_pageout(): the pages of [@start, @end) this process alone maps, reclaimed. */
static void madvise_pageout(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	LIST_HEAD(pages);

	madvise_walk_ptes(vma->vm_mm, start, end, madvise_pageout_pte, &pages);
	reclaim_pages(&pages);
}

/*
 * Advice *@arg for [@start, @end) of *@vmap (a vma_walk_fn): 0 or an errno;
 * *@vmap is left on the VMA covering the range.
 */
static int madvise_vma(struct vm_area_struct **vmap, unsigned long start, unsigned long end,
		       void *arg)
{
	struct vm_area_struct *vma = *vmap;
	int behavior = *(int *)arg;
	unsigned long newflags;

	if (!can_modify_vma_madv(vma, behavior))
		return -EPERM;
	switch (behavior) {
	case MADV_REMOVE:
		return madvise_remove(vma, start, end);
	case MADV_COLLAPSE:
		/* thp_vma_allowable_order(): no huge page fits where Loam has none. */
		return -EINVAL;
	case MADV_FREE:
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
	case MADV_COLD:
	case MADV_PAGEOUT:
		/* MADV_FREE is for anonymous private memory only: no file, no shmem object. */
		if (((vma->vm_flags & VM_LOCKED) && behavior != MADV_DONTNEED_LOCKED) ||
		    (behavior == MADV_FREE && ((vma->vm_flags & VM_SHARED) || vma->vm_file)))
			return -EINVAL;
		if (behavior == MADV_FREE)
			madvise_free_single_vma(vma, start, end);
		else if (behavior == MADV_PAGEOUT)
			madvise_pageout(vma, start, end);
		else if (behavior != MADV_COLD)
			zap_page_range(vma->vm_mm, start, end);
		return 0;
	case MADV_WILLNEED: /* nothing to read ahead for anonymous memory */
		return 0;
	default:
		newflags = madvise_new_flags(vma, behavior);
		if (!newflags)
			return -EINVAL;
		vma = vma_modify_flags(vma, start, end, newflags);
		/* Linux: "madvise() returns EAGAIN if kernel resources ... are temporarily unavailable". */
		if (!vma)
			return -EAGAIN;
		*vmap = vma;
		return 0;
	}
}

/*
 * Linux's madvise_populate(), a vma_walk_fn: fault [@start, @end) in,
 * readable or writable as *@arg says. Memory without the access is -EINVAL
 * (what __get_user_pages() says with FOLL_MADV_POPULATE).
 */
static int madvise_populate(struct vm_area_struct **vmap, unsigned long start, unsigned long end,
			    void *arg)
{
	unsigned long need = *(int *)arg == MADV_POPULATE_WRITE ? VM_WRITE : VM_READ;

	if (!((*vmap)->vm_flags & need))
		return -EINVAL;
	return populate_vma_range(*vmap, start, end);
}

long ksys_madvise(struct mm_struct *mm, unsigned long start, size_t len_in, int behavior)
{
	unsigned long end, len = PAGE_ALIGN(len_in);
	int err;

	if (!madvise_behavior_valid(behavior))
		return -EINVAL;
	if (offset_in_page(start))
		return -EINVAL;
	if (len_in && !len)
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;

	mmap_write_lock(mm);
	/* Populating stops at a hole with -ENOMEM, as __get_user_pages() does. */
	if (behavior == MADV_POPULATE_READ || behavior == MADV_POPULATE_WRITE)
		err = vma_range_walk(mm, start, end, VMA_HOLE_STOP, madvise_populate, &behavior);
	else
		err = vma_range_walk(mm, start, end, VMA_HOLE_SKIP, madvise_vma, &behavior);
	mmap_write_unlock(mm);
	return err;
}
