// SPDX-License-Identifier: GPL-2.0
/*
 * Locking memory, as Linux's mm/mlock.c: mlock(), mlock2(), munlock(),
 * mlockall() and munlockall() set and clear VM_LOCKED (and VM_LOCKONFAULT)
 * on the VMAs of a range, splitting and merging them as mprotect does
 * (vma_range_walk()), count the locked pages in mm->locked_vm against
 * RLIMIT_MEMLOCK, and fault the pages in (mm_populate()) unless
 * MLOCK_ONFAULT / MCL_ONFAULT asks to wait for the faults.
 *
 * What keeps a locked page in memory: Linux moves it to the unevictable
 * LRU list (mlock_folio(), PG_mlocked) so that reclaim no longer sees it.
 * Loam keeps no unevictable list: reclaim's reverse-map walk sees the
 * VM_LOCKED VMA instead (page_referenced() answers "referenced", which puts
 * the page back on the active list, and try_to_unmap() keeps the PTE), as
 * Linux's folio_referenced() and try_to_unmap_one() also do for a page
 * mlocked after it was isolated. A locked page thus still costs a look per
 * pass of reclaim, which Linux's list saves; /proc/meminfo has no
 * Mlocked/Unevictable lines for the same reason.
 *
 * RLIMIT_MEMLOCK binds only tasks without CAP_IPC_LOCK. Every Loam process
 * is root and holds it (<capability.h>), so the limit is checked where
 * Linux checks it but never refuses anyone.
 */
#include <capability.h>
#include <sched/signal.h>
#include <uapi/errno.h>

#include "vma.h"

/* RLIMIT_MEMLOCK in pages (Linux: rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT). */
static unsigned long lock_limit_pages(void)
{
	return rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
}

bool mlock_future_ok(struct mm_struct *mm, unsigned long flags, unsigned long bytes)
{
	if (!(flags & VM_LOCKED) || capable(CAP_IPC_LOCK))
		return true;
	return mm->locked_vm + (bytes >> PAGE_SHIFT) <= lock_limit_pages();
}

/*
 * Linux's mlock_fixup(), a vma_walk_fn: give [@start, @end) of *@vmap the
 * lock flags *@arg and count the pages that became locked or unlocked.
 */
static int mlock_fixup(struct vm_area_struct **vmap, unsigned long start, unsigned long end,
		       void *arg)
{
	struct vm_area_struct *vma = *vmap;
	unsigned long oldflags = vma->vm_flags;
	unsigned long newflags = (oldflags & ~VM_LOCKED_MASK) | *(unsigned long *)arg;
	long nr_pages = (end - start) >> PAGE_SHIFT;

	/* A MAP_DROPPABLE mapping is never locked, and says nothing (Linux 6.11). */
	if (newflags == oldflags || (oldflags & VM_DROPPABLE))
		return 0;
	vma = vma_modify_flags(vma, start, end, newflags);
	if (!vma)
		return -ENOMEM; /* Linux's mlock_fixup() passes vma_modify_flags()'s -ENOMEM on */
	*vmap = vma;
	if (!(newflags & VM_LOCKED))
		nr_pages = -nr_pages;
	else if (oldflags & VM_LOCKED)
		nr_pages = 0; /* MLOCK_ONFAULT added or removed only */
	vma->vm_mm->locked_vm += nr_pages;
	return 0;
}

/* Pages of [@start, @end) already in VM_LOCKED VMAs (Linux's count_mm_mlocked_page_nr()). */
static unsigned long count_mm_mlocked_page_nr(struct mm_struct *mm, unsigned long start,
					      unsigned long end)
{
	struct vm_area_struct *vma;
	unsigned long count = 0;

	for (vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma->vm_next)
		if (vma->vm_flags & VM_LOCKED)
			count += (min(end, vma->vm_end) - max(start, vma->vm_start)) >> PAGE_SHIFT;
	return count;
}

/* Linux's apply_vma_lock_flags(): a hole stops the walk with -ENOMEM. */
static int apply_vma_lock_flags(struct mm_struct *mm, unsigned long start, unsigned long end,
				unsigned long flags)
{
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	return vma_range_walk(mm, start, end, VMA_HOLE_STOP, mlock_fixup, &flags);
}

/* Linux's do_mlock(): lock, within RLIMIT_MEMLOCK, then fault in. */
static long do_mlock(struct mm_struct *mm, unsigned long start, size_t len, unsigned long flags)
{
	unsigned long locked, end;
	long err = -ENOMEM;

	len = PAGE_ALIGN(len + offset_in_page(start));
	start &= PAGE_MASK;
	end = start + len;
	mmap_write_lock(mm);
	locked = (len >> PAGE_SHIFT) + mm->locked_vm;
	/* Pages locked already count once (end < start: apply_vma_lock_flags() says -EINVAL). */
	if (locked > lock_limit_pages() && end > start)
		locked -= count_mm_mlocked_page_nr(mm, start, end);
	if (locked <= lock_limit_pages() || capable(CAP_IPC_LOCK))
		err = apply_vma_lock_flags(mm, start, end, flags);
	/* __mlock_posix_error_return(): a page that could not come in is -EAGAIN. */
	if (!err && mm_populate(mm, start, len))
		err = -EAGAIN;
	mmap_write_unlock(mm);
	return err;
}

long ksys_mlock(struct mm_struct *mm, unsigned long start, size_t len, unsigned long flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(mm, start, len, VM_LOCKED | (flags & MLOCK_ONFAULT ? VM_LOCKONFAULT : 0));
}

long ksys_munlock(struct mm_struct *mm, unsigned long start, size_t len)
{
	long err;

	len = PAGE_ALIGN(len + offset_in_page(start));
	start &= PAGE_MASK;
	mmap_write_lock(mm);
	err = apply_vma_lock_flags(mm, start, start + len, 0);
	mmap_write_unlock(mm);
	return err;
}

/*
 * Linux's apply_mlockall_flags(): mm->def_flags for MCL_FUTURE, and with
 * MCL_CURRENT (or for munlockall(), @flags 0) every VMA's lock flags; a VMA
 * that cannot be split or merged keeps its flags, as in Linux.
 */
static void apply_mlockall_flags(struct mm_struct *mm, unsigned long flags)
{
	unsigned long to_add = 0;
	struct vm_area_struct *vma;

	mm->def_flags &= ~VM_LOCKED_MASK;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED | (flags & MCL_ONFAULT ? VM_LOCKONFAULT : 0);
		if (!(flags & MCL_CURRENT))
			return;
	}
	if (flags & MCL_CURRENT)
		to_add = VM_LOCKED | (flags & MCL_ONFAULT ? VM_LOCKONFAULT : 0);
	for (vma = mm->mmap; vma; vma = vma->vm_next) {
		mlock_fixup(&vma, vma->vm_start, vma->vm_end, &to_add);
		/* vma now covers what it covered before, merged perhaps: go on after it. */
	}
}

long ksys_mlockall(struct mm_struct *mm, unsigned long flags)
{
	long err = -ENOMEM;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	mmap_write_lock(mm);
	if (!(flags & MCL_CURRENT) || mm->total_vm <= lock_limit_pages() || capable(CAP_IPC_LOCK)) {
		apply_mlockall_flags(mm, flags);
		err = 0;
	}
	/* Linux populates all of user space and ignores what could not come in. */
	if (!err && (flags & MCL_CURRENT))
		mm_populate(mm, 0, mm->task_size);
	mmap_write_unlock(mm);
	return err;
}

long ksys_munlockall(struct mm_struct *mm)
{
	mmap_write_lock(mm);
	apply_mlockall_flags(mm, 0);
	mmap_write_unlock(mm);
	return 0;
}
