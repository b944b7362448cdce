// SPDX-License-Identifier: GPL-2.0
/*
 * mprotect(), as Linux's mm/mprotect.c: the range's VMAs get the new
 * protection, split at the ends and merged with compatible neighbours, and
 * the page tables follow (change_protection()). A hole stops the walk with
 * -ENOMEM after the VMAs before it were changed, as in Linux.
 */
#include <uapi/errno.h>

#include "vma.h"

/* PROT_SEM is accepted and means nothing (asm-generic's arch_validate_prot()). */
#define PROT_SEM 0x8

/*
 * Linux's mprotect_fixup(): [@start, @end) of @vma to @newflags. Making
 * memory writable may pass RLIMIT_DATA (-ENOMEM) and charges it (VM_ACCOUNT).
 * Returns the VMA now covering the range, or NULL with *@err set.
 */
static struct vm_area_struct *mprotect_fixup(struct vm_area_struct *vma, unsigned long start,
					     unsigned long end, unsigned long newflags, int *err)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long oldflags = vma->vm_flags;
	long nrpages = (end - start) >> PAGE_SHIFT;

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
	return vma;
enomem:
	*err = -ENOMEM;
	return NULL;
}

long ksys_mprotect(struct mm_struct *mm, unsigned long start, size_t len, unsigned long prot)
{
	unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP), end, newflags;
	struct vm_area_struct *vma;
	int err = 0;

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

	err = 0;
	for (;;) {
		unsigned long tmp = min(end, vma->vm_end);

		newflags = calc_vm_prot_bits(prot) | (vma->vm_flags & ~VM_ACCESS_FLAGS);
		/* The VM_MAY* bits, four above, must allow what is asked. */
		if ((newflags & ~(newflags >> 4)) & VM_ACCESS_FLAGS) {
			err = -EACCES;
			break;
		}
		vma = mprotect_fixup(vma, start, tmp, newflags, &err);
		if (!vma)
			break;
		start = tmp;
		if (start >= end)
			break;
		/* A merge with the next VMA may already cover the next piece. */
		if (vma->vm_end <= start)
			vma = vma->vm_next;
		if (!vma || vma->vm_start > start) {
			err = -ENOMEM;
			break;
		}
	}
out:
	mmap_write_unlock(mm);
	return err;
}
