// SPDX-License-Identifier: GPL-2.0
/*
 * msync(), as Linux's mm/msync.c. It writes a shared file mapping's dirty
 * pages back to the file; Loam maps no file shared but shmem objects
 * (shared anonymous memory), which have no file to write to, and private
 * mappings are never written back, in Linux either. So msync checks its
 * arguments and the range, with Linux's errnos, and has nothing to do.
 */
#include <uapi/errno.h>

#include "vma.h"

/* Linux's msync() loop over the VMAs: -ENOMEM for a hole, -EBUSY as below. */
static long msync_check_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			      int flags)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	long unmapped_error = 0;

	for (;;) {
		if (!vma)
			return -ENOMEM;
		/* Here start < vma->vm_end. */
		if (start < vma->vm_start) {
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				return unmapped_error;
		}
		/* Invalidating locked pages would drop what mlock promised to keep. */
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED))
			return -EBUSY;
		start = vma->vm_end;
		if (start >= end)
			return unmapped_error;
		vma = vma->vm_next;
	}
}

long ksys_msync(struct mm_struct *mm, unsigned long start, size_t len, int flags)
{
	unsigned long end;
	long err;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (offset_in_page(start))
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = (len + ~PAGE_MASK) & PAGE_MASK;
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	mmap_read_lock(mm);
	err = msync_check_range(mm, start, end, flags);
	mmap_read_unlock(mm);
	return err;
}
