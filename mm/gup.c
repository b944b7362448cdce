// SPDX-License-Identifier: GPL-2.0
/*
 * Taking references to user pages, as Linux's mm/gup.c: the kernel (a pipe
 * that vmsplice() fills) holds on to the pages a process maps, faulting in
 * the ones it does not map yet, so that it can read them later through
 * the direct map, whatever the process does with its mapping meanwhile.
 *
 * A reference, not a pin (FOLL_GET, not FOLL_PIN): that is what Linux's
 * vmsplice() takes (iov_iter_get_pages2()). What keeps the page's content
 * as it was at the call is the copy-on-write side: a write fault reuses an
 * anonymous page only when its mapping is the page's only reference
 * (wp_can_reuse_anon_page() in mm/memory.c), so a process that shares the
 * page with a fork relative, or with the pipe, writes to a copy.
 *
 * Loam has no lockless walk (Linux's gup_fast): get_user_pages_fast()
 * always goes the slow way, under mmap_lock.
 */
#include <mm.h>
#include <mmap.h>
#include <sched.h>
#include <uapi/errno.h>

#include "internal.h"

/*
 * Linux's check_vma_flags(): a write needs a writable VMA, a read a
 * readable one, else -EFAULT. FOLL_FORCE (ptrace, /proc/PID/mem) overrides
 * the missing VM_READ of a VMA that may be made readable (VM_MAYREAD), and
 * the missing VM_WRITE of a private mapping that may be made writable
 * (is_cow_mapping()): the write goes to the process's own copy, never to a
 * file or a shared page.
 */
static int check_vma_flags(struct vm_area_struct *vma, unsigned int gup_flags)
{
	unsigned long vm_flags = vma->vm_flags;

	if (gup_flags & FOLL_WRITE) {
		if (vm_flags & VM_WRITE)
			return 0;
		return (gup_flags & FOLL_FORCE) && is_cow_mapping(vm_flags) ? 0 : -EFAULT;
	}
	if (vm_flags & VM_READ)
		return 0;
	return (gup_flags & FOLL_FORCE) && (vm_flags & VM_MAYREAD) ? 0 : -EFAULT;
}

/*
 * Linux's can_follow_write_pte(): may a write go to the page of @pte? If
 * the PTE is writable; with FOLL_FORCE also in a private VMA without
 * VM_WRITE, once the write fault broke copy-on-write (it maps the copy
 * read-only there, as maybe_mkwrite()): the page must be anonymous and
 * this PTE's alone (Linux asks PageAnonExclusive; Loam, which marks none,
 * asks what the write fault asks before it reuses a page).
 */
static bool can_follow_write_pte(pte_t pte, struct vm_area_struct *vma, unsigned int gup_flags)
{
	struct page *page;

	if (pte_write(pte))
		return true;
	if (!(gup_flags & FOLL_FORCE) || !is_cow_mapping(vma->vm_flags) ||
	    (vma->vm_flags & VM_WRITE) || is_zero_pte(pte))
		return false;
	page = pfn_to_page(pte_pfn(pte));
	return PageAnon(page) && page_mapcount(page) == 1 && !PageSwapCache(page) &&
	       page_ref_count(page) == 1;
}

/*
 * Linux's follow_page_pte(): the page the PTE of @addr maps, with a new
 * reference, if it is there and allows the access (a write: see
 * can_follow_write_pte(); a copy-on-write page is broken first by the
 * caller's fault); else NULL. The zero page is returned as it is, for a
 * read. A PROT_NONE PTE is followed too, as Linux does without
 * FOLL_HONOR_NUMA_FAULT: check_vma_flags() decided.
 */
static struct page *follow_page_pte(struct vm_area_struct *vma, unsigned long addr,
				    unsigned int gup_flags)
{
	struct page *page = NULL;
	spinlock_t *ptl;
	pte_t *ptep;
	pte_t pte;

	if (follow_pte_protnone(vma->vm_mm, addr, &ptep, &ptl))
		return NULL;
	pte = ptep_get(ptep);
	if (!(gup_flags & FOLL_WRITE) || can_follow_write_pte(pte, vma, gup_flags)) {
		page = pfn_to_page(pte_pfn(pte));
		get_page(page);
	}
	pte_unmap_unlock(ptep, ptl);
	return page;
}

/*
 * Linux's __get_user_pages() (mmap_lock held for reading): a reference to
 * each of the @nr_pages pages from @start into @pages, faulting in what is
 * not mapped as @gup_flags needs. The number taken, or the errno if none
 * was: -EFAULT outside a VMA or where the VMA forbids the access, the
 * fault's -ENOMEM, -EFAULT or -EIO.
 */
static long __get_user_pages(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			     unsigned int gup_flags, struct page **pages)
{
	unsigned int fault_flags = (gup_flags & FOLL_WRITE) ? FAULT_FLAG_WRITE : 0;
	struct vm_area_struct *vma = NULL;
	unsigned long i;
	int err = 0;

	for (i = 0; i < nr_pages; i++) {
		unsigned long addr = start + i * PAGE_SIZE;

		if (!vma || addr >= vma->vm_end) {
			vma = find_vma(mm, addr);
			if (!vma || vma->vm_start > addr) {
				err = -EFAULT;
				break;
			}
			err = check_vma_flags(vma, gup_flags);
			if (err)
				break;
		}
		while (!(pages[i] = follow_page_pte(vma, addr, gup_flags))) {
			err = handle_mm_fault(vma, addr, fault_flags);
			if (err)
				break;
		}
		if (err)
			break;
	}
	return i ? (long)i : err;
}

long get_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages)
{
	return __get_user_pages(mm, start & PAGE_MASK, nr_pages, gup_flags, pages);
}

long get_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			 struct page **pages)
{
	struct mm_struct *mm = current->mm;
	long ret;

	if (nr_pages <= 0)
		return 0;
	mmap_read_lock(mm);
	ret = __get_user_pages(mm, start & PAGE_MASK, nr_pages, gup_flags, pages);
	mmap_read_unlock(mm);
	return ret;
}
