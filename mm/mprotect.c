// SPDX-License-Identifier: GPL-2.0
/*
 * mprotect(), as Linux's mm/mprotect.c: the range's VMAs get the new
 * protection, split at the ends and merged with compatible neighbours, and
 * the page tables follow (change_protection(), a per-level walk of the
 * range's PTEs). A hole stops the walk with -ENOMEM after the VMAs before it
 * were changed, as in Linux (the walk is vma_range_walk(), shared with
 * madvise).
 */
#include <asm/mmu_context.h>
#include <asm/pgtable.h>
#include <page-flags.h>
#include <swapops.h>
#include <uapi/errno.h>

#include "internal.h"
#include "vma.h"

/*
 * Linux's can_change_pte_writable(): may a PTE (page_table_lock held) be
 * writable at once where its VMA's flags @vm_flags allow writes? A shared
 * mapping's page, yes; the zero page never; a private page if it was
 * writable or is this PTE's alone: mapped once, out of the swap cache and
 * with no other reference, so no fork relative maps it nor can read it
 * back from a slot, and no pipe holds it since vmsplice() (Linux asks
 * PageAnonExclusive; Loam, which marks none, asks what do_wp_page() asks).
 * Otherwise the first write goes through do_wp_page().
 */
bool can_change_pte_writable(unsigned long vm_flags, pte_t pte)
{
	struct page *page;

	if (!(vm_flags & VM_WRITE) || is_zero_pte(pte))
		return false;
	if ((vm_flags & VM_SHARED) || pte_write(pte))
		return true;
	page = pfn_to_page(pte_pfn(pte));
	return PageAnon(page) && page_mapcount(page) == 1 && !PageSwapCache(page) &&
	       page_ref_count(page) == 1;
}

/*
 * Linux's change_pte_range() for a migration entry: a writable one becomes
 * readable, whatever the new protection ("A protection check is difficult
 * so just be safe and disable write"); the move then maps the page
 * read-only, and a write faults (do_wp_page()). Its A and D stay.
 */
static void change_migration_pte(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
				 pte_t pte)
{
	swp_entry_t entry = pte_to_swp_entry(pte);

	if (is_writable_migration_entry(entry))
		set_pte_at(vma->vm_mm, addr, ptep,
			   swp_entry_to_pte(make_readable_migration_entry(swp_offset(entry))));
}

/*
 * One PTE table's part of a change_protection(). Writable where the VMA is
 * and can_change_pte_writable() allows. A and D stay as they are
 * (reclaim's record of the page).
 */
static void change_pte_range(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr,
			     unsigned long end, unsigned long newflags)
{
	pte_t *start_pte = pte_offset_map(pmd, addr), *ptep = start_pte;

	do {
		pte_t pte = ptep_get(ptep);

		if (is_migration_pte(pte)) {
			change_migration_pte(vma, addr, ptep, pte);
			continue;
		}
		if (!pte_mapped(pte))
			continue;
		set_pte_at(vma->vm_mm, addr, ptep,
			   pte_modify(pte,
				      vm_pgprot(newflags, can_change_pte_writable(newflags, pte)) &
					      ~(_PAGE_ACCESSED | _PAGE_DIRTY)));
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	pte_unmap(start_pte);
}

static void change_pmd_range(struct vm_area_struct *vma, pgd_t *pgd, unsigned long addr,
			     unsigned long end, unsigned long newflags)
{
	pmd_t *pmd = pmd_offset(pgd, addr);
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		if (pmd_none(*pmd) || pmd_bad(*pmd))
			continue;
		change_pte_range(vma, pmd, addr, next, newflags);
	} while (pmd++, addr = next, addr != end);
}

void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	pgd_t *pgd = pgd_offset(mm, start);
	unsigned long addr = start, next;

	spin_lock(&mm->page_table_lock);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd) || pgd_bad(*pgd))
			continue;
		change_pmd_range(vma, pgd, addr, next, newflags);
	} while (pgd++, addr = next, addr != end);
	spin_unlock(&mm->page_table_lock);
	flush_tlb_mm(mm);
}

/* PROT_SEM is accepted and means nothing (asm-generic's arch_validate_prot()). */
#define PROT_SEM 0x8

/*
 * Linux's mprotect_fixup(): [@start, @end) of @vma to @newflags. A sealed
 * VMA is -EPERM, even for the flags it has. Making memory writable may pass
 * RLIMIT_DATA (-ENOMEM) and charges it (VM_ACCOUNT). Returns the VMA now
 * covering the range, or NULL with *@err set.
 */
static struct vm_area_struct *mprotect_fixup(struct vm_area_struct *vma, unsigned long start,
					     unsigned long end, unsigned long newflags, int *err)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long oldflags = vma->vm_flags;
	long nrpages = (end - start) >> PAGE_SHIFT;

	if (!can_modify_vma(vma)) {
		*err = -EPERM;
		return NULL;
	}
	newflags = (newflags & ~VM_ACCOUNT) | vm_account_flag(newflags);
	if (newflags == oldflags)
		return vma;
	if (newflags & VM_WRITE) {
		/* Check space limits when the area turns into data. */
		if (!may_expand_vm(mm, newflags, nrpages) && may_expand_vm(mm, oldflags, nrpages))
			goto enomem;
		if ((newflags & VM_ACCOUNT) && !(oldflags & VM_ACCOUNT) &&
		    vm_enough_memory(nrpages))
			goto enomem;
	}
	vma = vma_modify_flags(vma, start, end, newflags);
	if (!vma)
		goto enomem;
	vm_stat_account(mm, oldflags, -nrpages);
	vm_stat_account(mm, newflags, nrpages);
	change_protection(vma, start, end, newflags);
	/*
	 * Locked private memory made writable gets its own pages now, as
	 * Linux's mprotect_fixup() populates it (the result is ignored there too).
	 */
	if ((oldflags & (VM_WRITE | VM_SHARED | VM_LOCKED)) == VM_LOCKED &&
	    (newflags & (VM_WRITE | VM_LOCKONFAULT)) == VM_WRITE)
		populate_vma_range(vma, start, end);
	return vma;
enomem:
	*err = -ENOMEM;
	return NULL;
}

/*
 * [@start, @end) of *@vmap to the protection *@arg (a vma_walk_fn): -EACCES
 * if the VMA's VM_MAY* bits, four above the access bits, do not allow it,
 * or if MDWE does not (map_deny_write_exec()).
 */
static int mprotect_vma(struct vm_area_struct **vmap, unsigned long start, unsigned long end,
			void *arg)
{
	unsigned long newflags = calc_vm_prot_bits(*(unsigned long *)arg) |
				 ((*vmap)->vm_flags & ~VM_ACCESS_FLAGS);
	int err = 0;

	if ((newflags & ~(newflags >> 4)) & VM_ACCESS_FLAGS)
		return -EACCES;
	if (map_deny_write_exec((*vmap)->vm_mm, (*vmap)->vm_flags, newflags))
		return -EACCES;
	*vmap = mprotect_fixup(*vmap, start, end, newflags, &err);
	return err;
}

long do_mprotect_pkey(struct mm_struct *mm, unsigned long start, size_t len, unsigned long prot,
		      int pkey)
{
	unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP), end;
	struct vm_area_struct *vma;
	int err;

	prot &= ~grows;
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (offset_in_page(start))
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;

	mmap_write_lock(mm);
	/*
	 * Without protection keys (riscv64), mm_pkey_is_allocated() knows only
	 * key 0, the default; -1 is "no key", mprotect()'s.
	 */
	err = -EINVAL;
	if (pkey != -1 && pkey != 0)
		goto out;
	vma = find_vma(mm, start);
	err = -ENOMEM;
	if (!vma)
		goto out;
	if (grows & PROT_GROWSDOWN) {
		/* From the start of the stack VMA the range ends in. */
		if (vma->vm_start >= end)
			goto out;
		start = vma->vm_start;
		err = -EINVAL;
		if (!(vma->vm_flags & VM_GROWSDOWN))
			goto out;
	} else {
		if (vma->vm_start > start)
			goto out;
		/* No VMA grows up on RISC-V. */
		err = -EINVAL;
		if (grows & PROT_GROWSUP)
			goto out;
	}

	err = vma_range_walk(mm, start, end, VMA_HOLE_STOP, mprotect_vma, &prot);
out:
	mmap_write_unlock(mm);
	return err;
}

long ksys_mprotect(struct mm_struct *mm, unsigned long start, size_t len, unsigned long prot)
{
	return do_mprotect_pkey(mm, start, len, prot, -1);
}
