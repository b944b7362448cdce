// SPDX-License-Identifier: GPL-2.0
/*
 * mincore(), as Linux's mm/mincore.c: which pages of a range are in
 * memory, one byte per page (bit 0). A page is resident if its PTE maps it
 * (PROT_NONE keeps it mapped too), or if the PTE holds a swap entry whose
 * page is still in the swap cache (read back, or not yet freed after its
 * write); a PTE that was never filled is not. The walk goes down the page
 * tables level by level (pgd_offset(), pmd_offset(), pte_offset_map()),
 * a missing table meaning "not resident" for its whole span.
 *
 * For a page of a file mapping that this process has not mapped, Linux asks
 * the page cache. So does Loam for shared anonymous memory: its shmem
 * object has the page (1), or its swap entry (1 only while the page is
 * still in the swap cache), or nothing (0): shmem_mincore(). A program's
 * segment has no page cache (see do_cow_fault()): such a page reads 0 here
 * until this process maps it.
 */
#include <rmap.h>
#include <shmem_fs.h>
#include <string.h>
#include <swap.h>
#include <swapops.h>
#include <uaccess.h>
#include <uapi/errno.h>

#include "vma.h"

/* Pages done in one go: the kernel buffer fits the 2 KiB frame limit. */
#define MINCORE_BATCH 256

/* Linux's mincore_page() for a swap entry: is its page in the swap cache? */
static unsigned char mincore_swap(swp_entry_t entry)
{
	struct page *page = lookup_swap_cache(entry);

	if (!page)
		return 0;
	put_page(page);
	return 1;
}

/* Linux's mincore_pte_range(): the PTEs of [@addr, @end) under one pmd. */
static void mincore_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end, unsigned char *vec)
{
	pte_t *ptep = pte_offset_map(pmd, addr);

	for (; addr != end; ptep++, addr += PAGE_SIZE, vec++) {
		pte_t pte = ptep_get(ptep);

		if (pte_present(pte) || pte_protnone(pte))
			*vec = 1;
		else if (is_migration_pte(pte))
			*vec = 1; /* Linux's: "migration or hwpoison entries are always uptodate" */
		else if (is_swap_pte(pte))
			*vec = mincore_swap(pte_to_swp_entry(pte));
		else
			*vec = 0;
	}
	pte_unmap(ptep);
}

/* The pmds of [@addr, @end) under one pgd entry. */
static void mincore_pmd_range(pgd_t *pgd, unsigned long addr, unsigned long end, unsigned char *vec)
{
	pmd_t *pmd = pmd_offset(pgd, addr);
	unsigned long next;

	for (; addr != end; pmd++, vec += (next - addr) >> PAGE_SHIFT, addr = next) {
		next = pmd_addr_end(addr, end);
		if (pmd_none(pmdp_get(pmd)))
			memset(vec, 0, (next - addr) >> PAGE_SHIFT);
		else
			mincore_pte_range(pmd, addr, next, vec);
	}
}

/* Linux's walk_page_range() with mincore's callbacks, for [@addr, @end) of @mm. */
static void mincore_walk(struct mm_struct *mm, unsigned long addr, unsigned long end,
			 unsigned char *vec)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	unsigned long next;

	/* Reclaim changes PTEs under page_table_lock, not mmap_lock. */
	spin_lock(&mm->page_table_lock);
	for (; addr != end; pgd++, vec += (next - addr) >> PAGE_SHIFT, addr = next) {
		next = pgd_addr_end(addr, end);
		if (pgd_none(pgdp_get(pgd)))
			memset(vec, 0, (next - addr) >> PAGE_SHIFT);
		else
			mincore_pmd_range(pgd, addr, next, vec);
	}
	spin_unlock(&mm->page_table_lock);
}

/*
 * Linux's do_mincore(): up to @pages pages from @addr, within the VMA that
 * holds @addr, into @vec. The pages done, or -ENOMEM if no VMA holds @addr.
 */
static long do_mincore(struct mm_struct *mm, unsigned long addr, unsigned long pages,
		       unsigned char *vec)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long end, i;

	if (!vma || vma->vm_start > addr)
		return -ENOMEM;
	end = min(vma->vm_end, addr + (pages << PAGE_SHIFT));
	mincore_walk(mm, addr, end, vec);
	/* Linux's mincore_unmapped_range(): where no PTE maps a shmem page, its object says. */
	if (vma_is_shmem(vma))
		for (i = 0; i < (end - addr) >> PAGE_SHIFT; i++)
			if (!vec[i])
				vec[i] = shmem_mincore(vma, linear_page_index(vma, addr) + i);
	return (end - addr) >> PAGE_SHIFT;
}

long ksys_mincore(struct mm_struct *mm, unsigned long start, size_t len, unsigned char *vec)
{
	unsigned char tmp[MINCORE_BATCH];
	unsigned long pages;
	long done;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	/* Linux's access_ok() of the range: user space only. */
	if (start > mm->task_size || len > mm->task_size - start)
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + (offset_in_page(len) != 0);
	while (pages) {
		mmap_read_lock(mm);
		done = do_mincore(mm, start, min(pages, (unsigned long)MINCORE_BATCH), tmp);
		mmap_read_unlock(mm);
		if (done < 0)
			return done;
		if (copy_to_user(vec, tmp, done))
			return -EFAULT;
		pages -= done;
		vec += done;
		start += done << PAGE_SHIFT;
	}
	return 0;
}
