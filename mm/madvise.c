// SPDX-License-Identifier: GPL-2.0
/*
 * madvise(), as Linux's mm/madvise.c for the advice that means something
 * without files or swap: MADV_DONTNEED and MADV_FREE unmap the pages and free
 * those that are the process's own (private anonymous memory then reads back
 * as zeroes: MADV_FREE may do that lazily, Loam does it at once; a private
 * file mapping, an executable's segment, reads the file's bytes again; shared
 * anonymous memory keeps its contents in its shmem object),
 * MADV_NORMAL, MADV_RANDOM and MADV_SEQUENTIAL set the read-ahead flags
 * (splitting and merging VMAs like mprotect), MADV_WILLNEED, MADV_COLD and
 * MADV_PAGEOUT are accepted hints. Other advice is -EINVAL, as in a Linux
 * built without the features behind it. The advice applies to the mapped
 * parts of the range; holes make the result -ENOMEM.
 */
#include <uapi/errno.h>

#include "vma.h"

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_FREE:
	case MADV_COLD:
	case MADV_PAGEOUT:
		return true;
	default:
		return false;
	}
}

/* Advice for [@start, @end) of @vma; returns the VMA covering it (NULL with *@err set). */
static struct vm_area_struct *madvise_vma(struct vm_area_struct *vma, unsigned long start,
					  unsigned long end, int behavior, int *err)
{
	unsigned long newflags = vma->vm_flags & ~(VM_RAND_READ | VM_SEQ_READ);

	switch (behavior) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
		if (behavior == MADV_RANDOM)
			newflags |= VM_RAND_READ;
		else if (behavior == MADV_SEQUENTIAL)
			newflags |= VM_SEQ_READ;
		vma = vma_modify_flags(vma, start, end, newflags);
		/* Linux: "madvise() returns EAGAIN if kernel resources ... are temporarily unavailable". */
		if (!vma)
			*err = -EAGAIN;
		return vma;
	case MADV_FREE:
	case MADV_DONTNEED:
	case MADV_COLD:
	case MADV_PAGEOUT:
		/* MADV_FREE is for anonymous private memory only: no file, no shmem object. */
		if ((vma->vm_flags & VM_LOCKED) ||
		    (behavior == MADV_FREE && ((vma->vm_flags & VM_SHARED) || vma->vm_file)))
			goto einval;
		if (behavior == MADV_DONTNEED || behavior == MADV_FREE)
			zap_page_range(vma->vm_mm, start, end);
		return vma;
	default: /* MADV_WILLNEED: nothing to read ahead for anonymous memory */
		return vma;
	}
einval:
	*err = -EINVAL;
	return NULL;
}

long ksys_madvise(struct mm_struct *mm, unsigned long start, size_t len_in, int behavior)
{
	unsigned long end, len = PAGE_ALIGN(len_in);
	struct vm_area_struct *vma;
	int err = 0, unmapped_error = 0;

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
	vma = find_vma(mm, start);
	for (;;) {
		unsigned long tmp;

		if (!vma) {
			err = -ENOMEM;
			break;
		}
		/* A hole before this VMA: skip it, and say so at the end. */
		if (start < vma->vm_start) {
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				break;
		}
		tmp = min(vma->vm_end, end);
		vma = madvise_vma(vma, start, tmp, behavior, &err);
		if (!vma)
			break;
		start = tmp;
		if (start >= end)
			break;
		if (vma->vm_end <= start)
			vma = vma->vm_next;
	}
	mmap_write_unlock(mm);
	return err ? err : unmapped_error;
}
