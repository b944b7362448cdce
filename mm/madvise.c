// SPDX-License-Identifier: GPL-2.0
/*
 * madvise(), as Linux's mm/madvise.c. Loam answers as a Linux 6.12 built
 * with KSM and transparent huge pages but without CONFIG_MEMORY_FAILURE:
 * - MADV_DONTNEED, MADV_DONTNEED_LOCKED and MADV_FREE unmap the pages and
 *   free those that are the process's own: private anonymous memory then
 *   reads back as zeroes (MADV_FREE may do that lazily, Loam does it at
 *   once), a private file mapping (an executable's segment) reads the file's
 *   bytes again, shared anonymous memory keeps its contents in its shmem
 *   object; MADV_FREE is for private anonymous memory only;
 * - MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_[DO|DONT]FORK,
 *   MADV_WIPEONFORK/KEEPONFORK, MADV_DODUMP/DONTDUMP, MADV_[UN]MERGEABLE and
 *   MADV_[NO]HUGEPAGE set or clear the VMA flag Linux keeps for them
 *   (splitting and merging VMAs like mprotect); nothing in Loam acts on the
 *   fork, dump, KSM and huge-page flags yet (no fork, core dumps, ksmd or
 *   huge pages), which Linux's hints do not promise anyway;
 * - MADV_WILLNEED, MADV_COLD and MADV_PAGEOUT are accepted hints;
 * - MADV_POPULATE_READ/WRITE fault the range in;
 * - MADV_REMOVE punches a hole in shared memory's shmem object (the pages
 *   read back as zeroes); a private file mapping is -EACCES, anonymous
 *   private memory -EINVAL; MADV_COLLAPSE needs a huge page's worth of
 *   memory that Loam never has: -EINVAL, Linux's answer in that case;
 * - MADV_HWPOISON, MADV_SOFT_OFFLINE and unknown advice: -EINVAL.
 * The advice applies to the mapped parts of the range; holes make the
 * result -ENOMEM (vma_range_walk(), shared with mprotect).
 */
#include <fs.h>
#include <shmem_fs.h>
#include <uapi/errno.h>

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

/* The advice that only changes VMA flags: @vma's flags after it, or -EINVAL. */
static long madvise_new_flags(struct vm_area_struct *vma, int behavior)
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
		return flags & VM_SHARED ? -EINVAL : (long)(flags | VM_WIPEONFORK);
	case MADV_KEEPONFORK:
		return flags & ~VM_WIPEONFORK;
	case MADV_DONTDUMP:
		return flags | VM_DONTDUMP;
	case MADV_DODUMP:
		return flags & ~VM_DONTDUMP;
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

/*
 * Advice *@arg for [@start, @end) of *@vmap (a vma_walk_fn): 0 or an errno;
 * *@vmap is left on the VMA covering the range.
 */
static int madvise_vma(struct vm_area_struct **vmap, unsigned long start, unsigned long end,
		       void *arg)
{
	struct vm_area_struct *vma = *vmap;
	int behavior = *(int *)arg;
	long newflags;

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
		if (behavior != MADV_COLD && behavior != MADV_PAGEOUT)
			zap_page_range(vma->vm_mm, start, end);
		return 0;
	case MADV_WILLNEED: /* nothing to read ahead for anonymous memory */
		return 0;
	default:
		newflags = madvise_new_flags(vma, behavior);
		if (newflags < 0)
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
