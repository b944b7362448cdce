// SPDX-License-Identifier: GPL-2.0
/*
 * mseal(), as Linux 6.12's mm/mseal.c: a sealed VMA (VM_SEALED) keeps its
 * place, size and protection for the rest of the process's life. munmap,
 * mremap (of it, or onto it), mmap(MAP_FIXED) over it, mprotect and
 * pkey_mprotect, and brk shrinking into it fail with -EPERM; so does
 * madvise advice that would discard the pages of a sealed VMA that is
 * private, anonymous and read-only (to the process, zeroing them is a
 * write). The flag goes with the VMA through splits and merges (it is one
 * of its vm_flags: only VMAs that are both sealed, or both not, merge),
 * fork copies it, exec's new mm starts without.
 *
 * The checks live where Linux has them: can_modify_vma() in mm/vma.h,
 * called by mprotect_fixup() and mremap; can_modify_mm() (Linux 6.10's
 * name for the range check that 6.12 does while it gathers the VMAs to
 * unmap) by do_munmap() and mmap_region(); can_modify_vma_madv() by madvise.
 */
#include <uapi/errno.h>

#include "vma.h"

/* Linux's is_madv_discard(): the advice that can throw pages away. */
static bool is_madv_discard(int behavior)
{
	switch (behavior) {
	case MADV_FREE:
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
	case MADV_REMOVE:
	case MADV_DONTFORK:
	case MADV_WIPEONFORK:
		return true;
	default:
		return false;
	}
}

/*
 * Linux's is_ro_anon(): private anonymous memory the process may not write.
 * Linux also counts memory a protection key keeps from writing; riscv64 has
 * no protection keys.
 */
static bool is_ro_anon(const struct vm_area_struct *vma)
{
	if (vma->vm_file || (vma->vm_flags & VM_SHARED))
		return false;
	return !(vma->vm_flags & VM_WRITE);
}

bool can_modify_vma_madv(struct vm_area_struct *vma, int behavior)
{
	if (!is_madv_discard(behavior))
		return true;
	return can_modify_vma(vma) || !is_ro_anon(vma);
}

bool can_modify_mm(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;

	for (vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma->vm_next)
		if (!can_modify_vma(vma))
			return false;
	return true;
}

/*
 * Linux's check_mm_seal(): the first pass, so that a hole seals nothing.
 * 0 if VMAs cover all of [@start, @end), else -ENOMEM.
 */
static int check_mm_seal(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;

	for (vma = find_vma(mm, start); vma && vma->vm_start <= start; vma = vma->vm_next) {
		if (vma->vm_end >= end)
			return 0;
		start = vma->vm_end;
	}
	return -ENOMEM;
}

/*
 * Linux's mseal_fixup(), a vma_walk_fn: [@start, @end) of *@vmap sealed. A
 * split that finds no memory, or passes sysctl_max_map_count, is -ENOMEM
 * (what vma_modify_flags() says in Linux); what was sealed before stays.
 */
static int mseal_fixup(struct vm_area_struct **vmap, unsigned long start, unsigned long end,
		       void *arg)
{
	struct vm_area_struct *vma;

	vma = vma_modify_flags(*vmap, start, end, (*vmap)->vm_flags | VM_SEALED);
	if (!vma)
		return -ENOMEM;
	*vmap = vma;
	return 0;
}

long do_mseal(struct mm_struct *mm, unsigned long start, size_t len_in, unsigned long flags)
{
	size_t len = PAGE_ALIGN(len_in);
	unsigned long end;
	int ret;

	/* can_do_mseal(): no flag is defined yet. */
	if (flags)
		return -EINVAL;
	if (offset_in_page(start))
		return -EINVAL;
	/* A length within a page of the top rounds up to 0. */
	if (len_in && !len)
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;

	mmap_write_lock(mm);
	ret = check_mm_seal(mm, start, end);
	if (!ret)
		ret = vma_range_walk(mm, start, end, VMA_HOLE_STOP, mseal_fixup, NULL);
	mmap_write_unlock(mm);
	return ret;
}
