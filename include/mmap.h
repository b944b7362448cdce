/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User address spaces: the mm_struct, its VMAs and the memory syscalls' VMA
 * logic (mm/mmap.c, mm/vma.c, mm/mprotect.c, mm/madvise.c), with Linux's
 * names and semantics; and the page-table hooks that logic calls, which the
 * architecture's page-table code provides (mm/memory.c).
 *
 * Locking. mm->mmap_lock (Linux's, a reader-writer semaphore: holders may
 * sleep) guards the VMAs, the layout fields and the counters of an mm.
 *  - ksys_brk(), ksys_mmap_pgoff(), ksys_munmap(), ksys_mprotect(),
 *    ksys_madvise() and exit_mmap() take it for writing themselves.
 *  - find_vma(), find_vma_prev(), find_vma_intersection() and
 *    expand_stack() need the caller to hold it. The page-fault handler
 *    holds it for reading (as Linux before 6.4; expand_stack() then only
 *    moves vm_start down, which Loam's single-threaded processes cannot
 *    race with): mmap_read_lock(mm); vma = find_vma(mm, addr); if
 *    (!vma || (addr < vma->vm_start && (!(vma->vm_flags & VM_GROWSDOWN) ||
 *    expand_stack(vma, addr)))) -> SIGSEGV; check the access against
 *    vma->vm_flags; map the page; mmap_read_unlock(mm).
 *  - The hooks below run with mmap_lock held and must not take it. They may
 *    allocate with GFP_KERNEL, and so sleep in direct reclaim.
 *  - mm->page_table_lock (a spinlock) guards the page tables themselves:
 *    reclaim changes PTEs without mmap_lock, through the reverse map
 *    (mm/rmap.c), so every PTE change and every table freed takes it too.
  */
#ifndef LOAM_MMAP_H
#define LOAM_MMAP_H

#include <mm.h>
#include <mm_types.h>
#include <mman.h>
#include <page-flags.h>
#include <rwsem.h>
#include <sched/coredump.h>
#include <asm/pgalloc.h>

static inline void mmap_read_lock(struct mm_struct *mm)
{
	down_read(&mm->mmap_lock);
}

static inline void mmap_read_unlock(struct mm_struct *mm)
{
	up_read(&mm->mmap_lock);
}

static inline void mmap_write_lock(struct mm_struct *mm)
{
	down_write(&mm->mmap_lock);
}

static inline void mmap_write_unlock(struct mm_struct *mm)
{
	up_write(&mm->mmap_lock);
}

/*
 * Sv39 user space: the lower half of the 512 GiB, Linux's TASK_SIZE for
 * riscv64 in Sv39 (256 GiB). The stack is at the top.
 */
#define TASK_SIZE 0x4000000000UL
#define STACK_TOP TASK_SIZE
/* Where bottom-up placement starts (the fallback of top-down placement). */
#define TASK_UNMAPPED_BASE PAGE_ALIGN(TASK_SIZE / 3)
/* Linux's CONFIG_DEFAULT_MMAP_MIN_ADDR: mm/mmap.c's mmap_min_addr (root may map below). */
#define MMAP_MIN_ADDR PAGE_SIZE
/* Kept free below a stack VMA (Linux's stack_guard_gap: 256 pages). */
#define STACK_GUARD_GAP (256UL << PAGE_SHIFT)
/* Linux's default RLIMIT_STACK (_STK_LIM). */
#define _STK_LIM (8UL << 20)
/* Linux's DEFAULT_MAX_MAP_COUNT: more VMAs than this in one mm is ENOMEM. */
#define DEFAULT_MAX_MAP_COUNT 65530
extern int sysctl_max_map_count;
/* The lowest address a mapping may have (/proc/sys/vm/mmap_min_addr; mm/mmap.c). */
extern unsigned long mmap_min_addr;

/* Create the vm_area_struct and mm_struct caches; at boot, after kmem_cache_init(). */
void vma_cache_init(void);

/*
 * A new, empty mm: one user and one reference, pgd from pgd_alloc(),
 * task_size TASK_SIZE and the layout arch_pick_mmap_layout() gives for the
 * caller's RLIMIT_STACK (the limits are the task's: current->signal). The
 * ELF loader then sets start_code .. start_stack (and start_brk = brk).
 * NULL if memory runs out.
 */
struct mm_struct *mm_alloc(void);
/* mmap_base from @rlim_stack, as Linux's mmap_base() without randomisation. */
void arch_pick_mmap_layout(struct mm_struct *mm, const struct rlimit64 *rlim_stack);
/* Resident pages, anonymous and shmem (Linux's get_mm_rss(); Loam has no MM_FILEPAGES). */
static inline unsigned long get_mm_rss(const struct mm_struct *mm)
{
	return READ_ONCE(mm->rss) + READ_ONCE(mm->shmem_rss);
}

/* Linux's update_hiwater_rss(): before rss goes down (page_table_lock held). */
static inline void update_hiwater_rss(struct mm_struct *mm)
{
	unsigned long rss = get_mm_rss(mm);

	if (mm->hiwater_rss < rss)
		mm->hiwater_rss = rss;
}

/* Linux's update_hiwater_vm(): before total_vm goes down (mmap_lock held for writing). */
static inline void update_hiwater_vm(struct mm_struct *mm)
{
	if (mm->hiwater_vm < mm->total_vm)
		mm->hiwater_vm = mm->total_vm;
}

/*
 * Linux's get_task_mm(): @task's mm with a user reference (mmput()), or
 * NULL for a kernel thread or a task past exit_mm().
 */
struct task_struct;
struct mm_struct *get_task_mm(struct task_struct *task);

/* Linux's mmget_not_zero(): a user reference unless the mm is already gone. */
static inline bool mmget_not_zero(struct mm_struct *mm)
{
	int users = __atomic_load_n(&mm->mm_users, __ATOMIC_RELAXED);

	while (users)
		if (__atomic_compare_exchange_n(&mm->mm_users, &users, users + 1, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
	return false;
}

/* Users: the last mmput() unmaps everything (exit_mmap()) and drops the reference. */
void mmget(struct mm_struct *mm);
void mmput(struct mm_struct *mm);
/* References: the last mmdrop() frees the pgd (pgd_free()) and the mm_struct. */
void mmgrab(struct mm_struct *mm);
void mmdrop(struct mm_struct *mm);
/* Unmap every VMA, free every page and page-table page below the pgd, free the VMAs. */
void exit_mmap(struct mm_struct *mm);

/*
 * fork()'s copy of @oldmm's VMAs into @mm (new, empty): Linux's dup_mmap()
 * (kernel/fork.c in 6.12; mm/mmap.c since 6.15, where Loam has it, next
 * to the VMA code it uses). Every VMA but VM_DONTCOPY ones, linked to the
 * parent's anon_vmas with one of its own (anon_vma_fork()), its PTEs
 * copied (copy_page_range()); the counters follow. 0 or -ENOMEM: then
 * @mm holds what was copied so far, which mmput() undoes.
 */
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm);

/* The first VMA with vm_end > @addr (it may start above @addr), or NULL. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* find_vma(), and in *@pprev the VMA before it (the last VMA if none). */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
/* The first VMA overlapping [@start, @end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end);

/*
 * Extend the stack VMA @vma (VM_GROWSDOWN) down to the page of @addr. 0, or
 * -ENOMEM if that passes RLIMIT_STACK or RLIMIT_AS or comes within
 * STACK_GUARD_GAP of the VMA below, -EPERM below MMAP_MIN_ADDR.
 */
int expand_stack(struct vm_area_struct *vma, unsigned long addr);

/*
 * Where a mapping of @len bytes would go (MAP_FIXED: @addr itself, checked):
 * top-down from mm->mmap_base, @addr as a hint when the range is free
 * (stack guard gaps respected), bottom-up above TASK_UNMAPPED_BASE if
 * nothing is free below mmap_base. An address or -ENOMEM/-EINVAL/-EPERM.
 */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags);

/*
 * The memory syscalls, Linux's semantics and error codes (negative errno).
 * brk returns the break, changed or not. mmap's @pgoff is in pages: the
 * syscall (riscv's sys_mmap) first refuses an offset that is not page
 * aligned with -EINVAL, then passes offset >> PAGE_SHIFT. File mappings:
 * -EBADF for a descriptor other than the console's 0, 1, 2, -ENODEV for
 * those (a tty has no mmap).
 */
long ksys_brk(struct mm_struct *mm, unsigned long brk);
long ksys_mmap_pgoff(struct mm_struct *mm, unsigned long addr, unsigned long len,
		     unsigned long prot, unsigned long flags, unsigned long fd,
		     unsigned long pgoff);
long ksys_munmap(struct mm_struct *mm, unsigned long addr, size_t len);
long ksys_mprotect(struct mm_struct *mm, unsigned long start, size_t len, unsigned long prot);
/*
 * pkey_mprotect(2): mprotect() with protection key @pkey, which riscv64
 * does not have: only -1 (none) and 0 (the default key) are accepted,
 * anything else is -EINVAL (Linux's mm_pkey_is_allocated() without
 * ARCH_HAS_PKEYS).
 */
long do_mprotect_pkey(struct mm_struct *mm, unsigned long start, size_t len, unsigned long prot,
		      int pkey);
long ksys_madvise(struct mm_struct *mm, unsigned long start, size_t len, int advice);
/*
 * Linux's mremap (mm/mremap.c): [@addr, @addr + @old_len) shrinks, grows
 * or moves (MREMAP_MAYMOVE, MREMAP_FIXED to @new_addr, MREMAP_DONTUNMAP).
 * The mapping's new address, or a negative errno.
 */
long ksys_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
		 unsigned long new_len, unsigned long flags, unsigned long new_addr);

/*
 * mseal(2), as Linux 6.12's mm/mseal.c: every VMA of [@start, @start +
 * PAGE_ALIGN(@len)) gets VM_SEALED (split at the ends, merged with sealed
 * neighbours). -EINVAL for @flags, an unaligned @start or a range that
 * wraps; -ENOMEM, nothing sealed, if any of the range is unmapped; 0 for
 * an empty range. Sealing twice is no error; nothing unseals.
 */
long do_mseal(struct mm_struct *mm, unsigned long start, size_t len, unsigned long flags);
/*
 * May [@start, @end) of @mm be unmapped or mapped over? Not if a sealed VMA
 * lies in it (Linux 6.10's can_modify_mm(); mmap_lock held).
 */
bool can_modify_mm(struct mm_struct *mm, unsigned long start, unsigned long end);

/*
 * Linux's map_deny_write_exec(): after prctl(PR_SET_MDWE) (MMF_HAS_MDWE in
 * @mm->flags), a VMA may not become writable and executable, nor executable
 * when it was not (@oldflags: its flags before, @newflags: after). True:
 * refuse, with -EACCES (mmap_region() and mprotect).
 */
static inline bool map_deny_write_exec(struct mm_struct *mm, unsigned long oldflags,
				       unsigned long newflags)
{
	if (!test_bit(MMF_HAS_MDWE, &mm->flags) || !(newflags & VM_EXEC))
		return false;
	/* No new writable executable VMA, and no VMA gains execution. */
	return (newflags & VM_WRITE) || !(oldflags & VM_EXEC);
}

/*
 * mlock(2) (@flags 0) and mlock2(2) (MLOCK_ONFAULT), as Linux's mm/mlock.c:
 * the pages of [@start & PAGE_MASK, @start + @len) are locked in memory
 * (VM_LOCKED: reclaim never takes them) and faulted in now unless
 * MLOCK_ONFAULT. -EINVAL for other flags, -ENOMEM for a hole in the range
 * or over RLIMIT_MEMLOCK without CAP_IPC_LOCK, -EAGAIN if the pages could
 * not all be faulted in (the range stays locked).
 */
long ksys_mlock(struct mm_struct *mm, unsigned long start, size_t len, unsigned long flags);
/* munlock(2): the range's VMAs lose VM_LOCKED_MASK; -ENOMEM for a hole. */
long ksys_munlock(struct mm_struct *mm, unsigned long start, size_t len);
/*
 * mlockall(2): MCL_CURRENT locks every VMA now, MCL_FUTURE every later
 * mapping and brk (mm->def_flags), MCL_ONFAULT without populating. -EINVAL
 * for no flag, unknown flags or MCL_ONFAULT alone.
 */
long ksys_mlockall(struct mm_struct *mm, unsigned long flags);
/* munlockall(2): every VMA and mm->def_flags lose VM_LOCKED_MASK. */
long ksys_munlockall(struct mm_struct *mm);
/*
 * May @mm map @bytes more of @flags? Not if they are VM_LOCKED and would
 * pass RLIMIT_MEMLOCK without CAP_IPC_LOCK (Linux's mlock_future_ok()).
 */
bool mlock_future_ok(struct mm_struct *mm, unsigned long flags, unsigned long bytes);
/*
 * Linux's __mm_populate() for mmap and mlock: fault in the accessible VMAs
 * of [@start, +@len), but not VM_LOCKONFAULT ones. The first error
 * (-ENOMEM, ...) or 0; what was faulted in stays.
 */
int mm_populate(struct mm_struct *mm, unsigned long start, unsigned long len);

/*
 * mincore(2), as Linux's mm/mincore.c: one byte per page of [@start, +@len)
 * into the user buffer @vec, bit 0 set if the page is resident (mapped, or
 * a swap entry whose page is in the swap cache). -EINVAL for an unaligned
 * @start, -ENOMEM for a hole or a range past user space, -EFAULT for @vec.
 */
long ksys_mincore(struct mm_struct *mm, unsigned long start, size_t len,
		  unsigned char *vec);

/*
 * msync(2), as Linux's mm/msync.c for memory without a file to write back
 * (anonymous and shmem): the range is checked, nothing to do. -EINVAL for
 * bad flags, an unaligned @start or MS_ASYNC with MS_SYNC; -ENOMEM for a
 * hole; -EBUSY for MS_INVALIDATE over a VM_LOCKED VMA.
 */
long ksys_msync(struct mm_struct *mm, unsigned long start, size_t len, int flags);

/*
 * Linux's vm_mmap() for the kernel's own mappings (the ELF loader's
 * elf_map()): mmap() of @len bytes of the open file @file from page @pgoff
 * into @mm, with mmap's checks and answers. The VMA takes its own
 * reference to @file. The address, or a negative errno. Takes mmap_lock.
 */
struct file;
unsigned long vm_mmap(struct mm_struct *mm, struct file *file, unsigned long addr,
		      unsigned long len, unsigned long prot, unsigned long flags,
		      unsigned long pgoff);

/*
 * ----------------------------------------------------------------------
 * Page-table hooks: called by the code above, with mm->mmap_lock held;
 * implemented by the page-table code (mm/memory.c; fakes in tests/host/).
 */

/* pgd_alloc() and pgd_free(): <asm/pgalloc.h>. */

/*
 * Unmap and free the pages mapped in [@start, @end) (page aligned, within
 * one VMA that is being unmapped or MADV_DONTNEED'd), lower mm->rss (or
 * shmem_rss: a shmem object's page only loses a mapping, the object keeps
 * it), flush the TLB. Page tables stay.
 */
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end);

/*
 * Zap the pages at file offsets [@start, @start + @nr) (in pages) in every
 * shared VMA that maps @mapping, and in the private ones too if
 * @even_cows, in whichever mm (Linux's unmap_mapping_pages(); the one hook
 * called without those mms' mmap_lock: see mm/memory.c).
 */
struct address_space;
void unmap_mapping_pages(struct address_space *mapping, unsigned long start, unsigned long nr,
			 bool even_cows);

/*
 * Free the page-table pages that map only addresses in [@addr, @end) (no
 * page is mapped there any more), as Linux's free_pgd_range(): a table is
 * freed only if everything it covers lies at or above @floor and below
 * @ceiling, which are the end of the VMA below and the start of the VMA
 * above (0 and 0 when there is none: @ceiling 0 means the top of the
 * address space). Never the pgd itself.
 */
void free_pgd_range(struct mm_struct *mm, unsigned long addr, unsigned long end,
		    unsigned long floor, unsigned long ceiling);

/*
 * Make the pages mapped in [@start, @end) of @vma follow @newflags (already
 * in vma->vm_flags): PTE permissions, TLB flush. On RISC-V, VM_WRITE
 * without VM_READ maps readable (W without R is reserved; Linux does so).
 */
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       unsigned long newflags);

/*
 * fork(): copy the PTEs of @src_vma (the parent's) into @dst_vma (its
 * copy in the child), if it has anonymous pages (Linux's vma_needs_copy()):
 * the pages are shared, read-only in both where the VMA is private and
 * writable (copy on write, do_wp_page()); swap PTEs take one more count
 * of their slot. 0 or -ENOMEM (what was copied stays, for mmput()).
 */
int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma);

/*
 * MAP_POPULATE: fault in every page of [@start, @end) of @vma (accessible,
 * range inside it) as a write fault if the VMA is private and writable, a
 * read fault otherwise. 0 or -ENOMEM; mmap ignores the error, as Linux's
 * mm_populate() does (the pages then come on first touch, or not at all).
 */
int populate_vma_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);

#endif
