// SPDX-License-Identifier: GPL-2.0
/*
 * User address spaces and the memory syscalls that shape them, with Linux's
 * semantics and error codes (mm/mmap.c, mm/util.c, kernel/sys.c): mm_struct
 * life cycle, rlimits and accounting, placement of new mappings
 * (get_unmapped_area), mmap, munmap, brk, stack growth and exit. The VMA tree
 * itself, merging and splitting are mm/vma.c's; mprotect and madvise have
 * their own files, as in Linux.
 *
 * The page tables are not touched here: the hooks of <mmap.h> are.
 */
#include <asm/mmu_context.h>
#include <capability.h>
#include <file.h>
#include <fs.h>
#include <hugetlb.h>
#include <printk.h>
#include <sched/signal.h>
#include <rmap.h>
#include <shmem_fs.h>
#include <slab.h>
#include <swap.h>
#include <uapi/errno.h>

#include "vma.h"

int sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
/*
 * Linux's mmap_min_addr (security/min_addr.c, sysctl vm.mmap_min_addr), set
 * from CONFIG_DEFAULT_MMAP_MIN_ADDR: 4096 in Loam, mm/Kconfig's default and
 * Debian's riscv64 value. Below it, only a task with CAP_SYS_RAWIO may map
 * (cap_mmap_addr()), which root's tasks, Loam's only ones, have.
 */
unsigned long mmap_min_addr = MMAP_MIN_ADDR;

static struct kmem_cache *mm_cachep;

void vma_cache_init(void)
{
	vm_area_cache_init();
	mm_cachep = kmem_cache_create("mm_struct", sizeof(struct mm_struct), 0,
				      SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL);
}

/* ------------------------------------------------------ mm life cycle */

/*
 * Linux's mmap_base() without randomisation: leave the stack its
 * RLIMIT_STACK and the guard gap below STACK_TOP, but at least 128 MiB and
 * at most 5/6 of the address space. (Linux switches to the bottom-up
 * legacy layout when RLIMIT_STACK is unlimited; Loam stays top-down.)
 */
void arch_pick_mmap_layout(struct mm_struct *mm, const struct rlimit64 *rlim_stack)
{
	unsigned long gap = rlim_stack->rlim_cur, pad = STACK_GUARD_GAP;
	unsigned long min_gap = 128UL << 20, max_gap = TASK_SIZE / 6 * 5;

	/* Values close to RLIM_INFINITY can overflow. */
	if (gap + pad > gap)
		gap += pad;
	gap = clamp(gap, min_gap, max_gap);
	mm->mmap_base = PAGE_ALIGN(STACK_TOP - gap);
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kmem_cache_zalloc(mm_cachep, GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->pgd = pgd_alloc(mm);
	if (!mm->pgd) {
		kmem_cache_free(mm_cachep, mm);
		return NULL;
	}
	mm->mm_rb = RB_ROOT;
	mm->mm_users = 1;
	mm->mm_count = 1;
	spin_lock_init(&mm->page_table_lock);
	init_rwsem(&mm->mmap_lock);
	mm->task_size = TASK_SIZE;
	arch_pick_mmap_layout(mm, &current->signal->rlim[RLIMIT_STACK]);
	/* Linux's mm_init(): fork's and exec's new mm inherit MDWE (unless NO_INHERIT). */
	if (current->mm)
		mm->flags = mmf_init_flags(current->mm->flags);
	return mm;
}

void mmget(struct mm_struct *mm)
{
	__atomic_fetch_add(&mm->mm_users, 1, __ATOMIC_RELAXED);
}

void mmput(struct mm_struct *mm)
{
	if (__atomic_sub_fetch(&mm->mm_users, 1, __ATOMIC_ACQ_REL) == 0) {
		exit_mmap(mm);
		kfree(mm->exe_path);
		kfree(mm->cmdline);
		mmdrop(mm);
	}
}

void mmgrab(struct mm_struct *mm)
{
	__atomic_fetch_add(&mm->mm_count, 1, __ATOMIC_RELAXED);
}

void mmdrop(struct mm_struct *mm)
{
	if (__atomic_sub_fetch(&mm->mm_count, 1, __ATOMIC_ACQ_REL) == 0) {
		pgd_free(mm, mm->pgd);
		kmem_cache_free(mm_cachep, mm);
	}
}

/* ---------------------------------------------------------- accounting */

void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages)
{
	/* Linux calls update_hiwater_vm() where it unmaps; every decrease comes here. */
	if (npages < 0)
		update_hiwater_vm(mm);
	mm->total_vm += npages;
	if (is_exec_mapping(flags))
		mm->exec_vm += npages;
	else if (is_stack_mapping(flags))
		mm->stack_vm += npages;
	else if (is_data_mapping(flags))
		mm->data_vm += npages;
}

bool may_expand_vm(struct mm_struct *mm, unsigned long flags, unsigned long npages)
{
	static bool warned;

	if (mm->total_vm + npages > rlimit(RLIMIT_AS) >> PAGE_SHIFT)
		return false;
	if (is_data_mapping(flags) && mm->data_vm + npages > rlimit(RLIMIT_DATA) >> PAGE_SHIFT) {
		/* Linux's workaround for Valgrind, which sets a soft limit of 0. */
		if (rlimit(RLIMIT_DATA) == 0 &&
		    mm->data_vm + npages <= rlimit_max(RLIMIT_DATA) >> PAGE_SHIFT)
			return true;
		if (!warned) {
			warned = true;
			pr_warn("VmData %lu exceed data ulimit %lu. Update limits.\n",
				(mm->data_vm + npages) << PAGE_SHIFT, rlimit(RLIMIT_DATA));
		}
		return false;
	}
	return true;
}

/*
 * Linux's default overcommit policy (OVERCOMMIT_GUESS): refuse only a single
 * request larger than all of RAM plus swap. MAP_NORESERVE mappings are not
 * asked about.
 */
int vm_enough_memory(unsigned long pages)
{
	return pages > totalram_pages() + __atomic_load_n(&total_swap_pages, __ATOMIC_RELAXED) ?
		       -ENOMEM :
		       0;
}

/* ----------------------------------------------------------- placement */

/*
 * The highest @length bytes within [@low, @high) that fit in the gap below
 * one VMA of the subtree at @node (gaps: from the previous VMA's end to this
 * one's start less its guard gap). In-order from the right, skipping
 * subtrees whose largest gap is too small: O(log n) nodes in practice.
 */
static unsigned long topdown_in(struct rb_node *node, unsigned long length, unsigned long low,
				unsigned long high)
{
	struct vm_area_struct *vma;
	unsigned long gap_start, gap_end, addr;

	if (!node || rb_entry(node, struct vm_area_struct, vm_rb)->rb_subtree_gap < length)
		return -ENOMEM;
	vma = rb_entry(node, struct vm_area_struct, vm_rb);
	gap_start = vma->vm_prev ? vm_end_gap(vma->vm_prev) : 0;
	/* The gaps on the right start above this one: none fits if this one starts too high. */
	if (gap_start <= high - length) {
		addr = topdown_in(node->rb_right, length, low, high);
		if (!IS_ERR_VALUE(addr))
			return addr;
	}
	gap_end = min(vm_start_gap(vma), high);
	if (gap_end >= low + length && gap_end >= gap_start + length)
		return gap_end - length;
	/*
	 * The gaps on the left end below the previous VMA's end (not below
	 * this gap's end: a stack's guard gap may reach below that).
	 */
	if (gap_start < low + length)
		return -ENOMEM;
	return topdown_in(node->rb_left, length, low, high);
}

/* The lowest fit, the mirror image of topdown_in(). */
static unsigned long bottomup_in(struct rb_node *node, unsigned long length, unsigned long low,
				 unsigned long high)
{
	struct vm_area_struct *vma;
	unsigned long gap_start, gap_end, addr;

	if (!node || rb_entry(node, struct vm_area_struct, vm_rb)->rb_subtree_gap < length)
		return -ENOMEM;
	vma = rb_entry(node, struct vm_area_struct, vm_rb);
	gap_start = vma->vm_prev ? vm_end_gap(vma->vm_prev) : 0;
	/* The gaps on the left end below the previous VMA's end. */
	if (gap_start >= low + length) {
		addr = bottomup_in(node->rb_left, length, low, high);
		if (!IS_ERR_VALUE(addr))
			return addr;
	}
	gap_end = vm_start_gap(vma);
	gap_start = max(gap_start, low);
	/* The gaps on the right start above this one. */
	if (gap_start > high - length)
		return -ENOMEM;
	if (gap_end >= gap_start + length)
		return gap_start;
	return bottomup_in(node->rb_right, length, low, high);
}

/* Linux's vm_unmapped_area() for VM_UNMAPPED_AREA_TOPDOWN: [low, high). */
static unsigned long unmapped_area_topdown(struct mm_struct *mm, unsigned long length,
					   unsigned long low, unsigned long high)
{
	if (length > high || high - length < low)
		return -ENOMEM;
	/* Above every VMA. */
	if (mm->highest_vm_end <= high - length)
		return high - length;
	return topdown_in(mm->mm_rb.rb_node, length, low, high);
}

static unsigned long unmapped_area(struct mm_struct *mm, unsigned long length, unsigned long low,
				   unsigned long high)
{
	unsigned long addr;

	if (length > high || high - length < low)
		return -ENOMEM;
	addr = bottomup_in(mm->mm_rb.rb_node, length, low, high);
	if (!IS_ERR_VALUE(addr))
		return addr;
	addr = max(mm->highest_vm_end, low);
	return addr <= high - length ? addr : -ENOMEM;
}

/*
 * Linux's __get_unmapped_area() with generic_get_unmapped_area_topdown():
 * the same checks in the same order, so that the same errors come out.
 */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags)
{
	unsigned long mmap_end = mm->task_size;
	struct vm_area_struct *vma, *prev;

	if (len > mm->task_size || len > mmap_end - mmap_min_addr)
		return -ENOMEM;
	if (!(flags & MAP_FIXED)) {
		if (addr) {
			addr = PAGE_ALIGN(addr);
			vma = find_vma_prev(mm, addr, &prev);
			if (mmap_end - len >= addr && addr >= mmap_min_addr &&
			    (!vma || addr + len <= vm_start_gap(vma)) &&
			    (!prev || addr >= vm_end_gap(prev)))
				goto check;
		}
		addr = unmapped_area_topdown(mm, len, max(PAGE_SIZE, mmap_min_addr), mm->mmap_base);
		/* Nothing free below mmap_base: try bottom-up above TASK_UNMAPPED_BASE. */
		if (IS_ERR_VALUE(addr))
			addr = unmapped_area(mm, len, TASK_UNMAPPED_BASE, mmap_end);
		if (IS_ERR_VALUE(addr))
			return addr;
	}
check:
	if (addr > mm->task_size - len)
		return -ENOMEM;
	if (offset_in_page(addr))
		return -EINVAL;
	/* Linux's cap_mmap_addr(): root, Loam's only user, has CAP_SYS_RAWIO. */
	if (addr < mmap_min_addr && !capable(CAP_SYS_RAWIO))
		return -EPERM;
	return addr;
}

/* --------------------------------------------------------------- munmap */

int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	struct vm_area_struct *vma, *prev, *next, *last;
	unsigned long end, first_start, last_end = 0;

	if (offset_in_page(start) || start > mm->task_size || len > mm->task_size - start)
		return -EINVAL;
	end = start + PAGE_ALIGN(len);
	if (end == start)
		return -EINVAL;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;

	/* Cutting a hole in one VMA makes one more. */
	if (start > vma->vm_start && end < vma->vm_end && mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	/*
	 * Nothing sealed may go. Linux 6.12 finds out VMA by VMA as it gathers
	 * them, after it has split the first one (a split it leaves in place);
	 * Loam checks them all before it changes anything.
	 */
	if (!can_modify_mm(mm, start, end))
		return -EPERM;
	/* Split off what stays below, then what stays above; then nothing can fail. */
	if (start > vma->vm_start) {
		vma = split_vma(vma, start);
		if (!vma)
			return -ENOMEM;
	}
	last = find_vma(mm, end);
	if (last && last->vm_start < end && !split_vma(last, end))
		return -ENOMEM;

	prev = vma->vm_prev;
	first_start = vma->vm_start;
	while (vma && vma->vm_start < end) {
		next = vma->vm_next;
		vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
		if (vma->vm_flags & VM_LOCKED)
			mm->locked_vm -= vma_pages(vma);
		zap_page_range(mm, vma->vm_start, vma->vm_end);
		last_end = vma->vm_end;
		vma_unlink(vma);
		vm_area_free(vma);
		vma = next;
	}
	/* Page tables of the whole range, but none shared with the neighbours. */
	free_pgd_range(mm, first_start, last_end, prev ? prev->vm_end : 0, vma ? vma->vm_start : 0);
	return 0;
}

long ksys_munmap(struct mm_struct *mm, unsigned long addr, size_t len)
{
	int ret;

	mmap_write_lock(mm);
	ret = do_munmap(mm, addr, len);
	mmap_write_unlock(mm);
	return ret;
}

/* ----------------------------------------------------------------- mmap */

/* Pages of existing VMAs inside [@start, @end) (a MAP_FIXED mapping replaces them). */
static unsigned long count_vma_pages_range(struct mm_struct *mm, unsigned long start,
					   unsigned long end)
{
	struct vm_area_struct *vma;
	unsigned long pages = 0;

	for (vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma->vm_next)
		pages += (min(end, vma->vm_end) - max(start, vma->vm_start)) >> PAGE_SHIFT;
	return pages;
}

/*
 * Linux's mmap_region(): every check that can fail comes before the old
 * mappings in the range go, so a failed MAP_FIXED leaves them in place (as
 * Linux 6.12 does, which undoes the unmapping). @file (with a reference of
 * the caller's, not taken over) from page @pgoff, whose f_op->mmap sets up
 * the VMA (Linux's call_mmap()); or NULL: anonymous memory, which gets a
 * shmem file of its own if shared (shmem_zero_setup()).
 */
static unsigned long mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
				 unsigned long vm_flags, struct file *file, unsigned long pgoff)
{
	unsigned long end = addr + len, pglen = len >> PAGE_SHIFT;
	struct vm_area_struct *vma, *prev, *merged;
	bool charged;
	int err;

	if (map_deny_write_exec(mm, vm_flags, vm_flags))
		return -EACCES;
	/* MAP_FIXED over a sealed VMA: Linux 6.12 finds it before the limits are checked. */
	if (!can_modify_mm(mm, addr, end))
		return -EPERM;
	if (!may_expand_vm(mm, vm_flags, pglen) &&
	    !may_expand_vm(mm, vm_flags, pglen - count_vma_pages_range(mm, addr, end)))
		return -ENOMEM;
	/*
	 * Private writable memory is charged (Linux's accountable_mapping()); so
	 * is shared anonymous memory (shmem_acct_size()); neither if NORESERVE.
	 */
	charged = (vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE ||
		  (!file && (vm_flags & VM_SHARED));
	if (!(vm_flags & VM_NORESERVE) && charged && vm_enough_memory(pglen))
		return -ENOMEM;
	vm_flags |= vm_account_flag(vm_flags);

	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = end;
	vma->vm_flags = vm_flags;
	err = 0;
	if (file) {
		vma->vm_file = get_file(file);
		vma->vm_pgoff = pgoff;
		err = file->f_op->mmap(file, vma);
	} else if (vm_flags & VM_SHARED) {
		err = shmem_zero_setup(vma);
	} else {
		/* Linux's vma_set_anonymous() with mmap_region()'s pgoff: the page index. */
		vma->vm_pgoff = addr >> PAGE_SHIFT;
	}
	if (!err)
		err = do_munmap(mm, addr, len);
	if (err) {
		vm_area_free(vma);
		return err;
	}
	find_vma_prev(mm, addr, &prev);
	merged = vma_merge_new(mm, prev, addr, end, vm_flags, vma->vm_file, vma->vm_pgoff);
	if (merged)
		vm_area_free(vma);
	else
		vma_link(mm, vma, prev);
	vm_stat_account(mm, vm_flags, pglen);
	if (vm_flags & VM_LOCKED)
		mm->locked_vm += pglen;
	return addr;
}

/* Linux's round_hint_to_min(): a hint below mmap_min_addr becomes mmap_min_addr. */
static unsigned long round_hint_to_min(unsigned long hint)
{
	hint &= PAGE_MASK;
	if (hint && hint < mmap_min_addr)
		return PAGE_ALIGN(mmap_min_addr);
	return hint;
}

/*
 * The MAP_* flags Linux knew before MAP_SHARED_VALIDATE (LEGACY_MAP_MASK):
 * MAP_SHARED_VALIDATE refuses any other, MAP_SHARED drops them.
 */
#define MAP_UNINITIALIZED 0x4000000
#define LEGACY_MAP_MASK                                                                          \
	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE | MAP_EXECUTABLE | \
	 MAP_UNINITIALIZED | MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE |         \
	 MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB)

/*
 * do_mmap()'s checks of a file mapping, in Linux's order, and its VM_SHARED:
 * a shared mapping of a file not open for writing is private (it cannot
 * write the file), Linux's VM_MAYSHARE without VM_SHARED. A file without an
 * mmap method (the console) is -ENODEV here; one whose method refuses (the
 * /proc reports: -EIO) says so from mmap_region().
 */
static long mmap_file_checks(struct file *file, unsigned long len, unsigned long prot,
			     unsigned long flags, unsigned long pgoff, unsigned long *vm_flags)
{
	/* file_mmap_ok() with file_mmap_size_max() of a character device: ULONG_MAX. */
	if (pgoff > (~0UL - len) >> PAGE_SHIFT)
		return -EOVERFLOW;
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		flags &= LEGACY_MAP_MASK;
		fallthrough;
	case MAP_SHARED_VALIDATE:
		if (flags & ~LEGACY_MAP_MASK)
			return -EOPNOTSUPP;
		if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return -EACCES;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (!(file->f_mode & FMODE_WRITE))
			*vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		fallthrough;
	case MAP_PRIVATE:
		if (!(file->f_mode & FMODE_READ))
			return -EACCES;
		if (!file->f_op->mmap)
			return -ENODEV;
		if (*vm_flags & VM_GROWSDOWN)
			return -EINVAL;
		return 0;
	default:
		return -EINVAL;
	}
}

/*
 * Linux's do_mmap(), its checks in its order. @file: the open file to map,
 * or NULL for anonymous memory. *@populate: bytes to fault in.
 */
static unsigned long do_mmap(struct mm_struct *mm, struct file *file, unsigned long addr,
			     unsigned long len, unsigned long prot, unsigned long flags,
			     unsigned long pgoff, unsigned long *populate)
{
	unsigned long vm_flags;
	long err;

	*populate = 0;
	if (!len)
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	if (!(flags & MAP_FIXED))
		addr = round_hint_to_min(addr);
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;
	addr = get_unmapped_area(mm, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;

	vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) | mm->def_flags |
		   VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	/* Locked memory (MAP_LOCKED, mlockall(MCL_FUTURE)) counts against RLIMIT_MEMLOCK. */
	if (!mlock_future_ok(mm, vm_flags, len))
		return -EAGAIN;
	if (file) {
		err = mmap_file_checks(file, len, prot, flags, pgoff, &vm_flags);
		if (err)
			return err;
	} else {
		switch (flags & MAP_TYPE) {
		case MAP_SHARED:
			if (vm_flags & VM_GROWSDOWN)
				return -EINVAL;
			vm_flags |= VM_SHARED | VM_MAYSHARE;
			break;
		case MAP_DROPPABLE:
			/*
			 * Linux 6.11's checks: no locked, huge or stack mapping;
			 * never reserved, wiped at fork, left out of core dumps.
			 */
			if ((flags & (MAP_LOCKED | MAP_HUGETLB)) || (vm_flags & VM_GROWSDOWN))
				return -EINVAL;
			vm_flags |= VM_DROPPABLE | VM_NORESERVE | VM_WIPEONFORK | VM_DONTDUMP;
			break;
		case MAP_PRIVATE:
			break;
		default:
			return -EINVAL;
		}
		pgoff = 0;
	}
	if (flags & MAP_NORESERVE)
		vm_flags |= VM_NORESERVE;

	addr = mmap_region(mm, addr, len, vm_flags, file, pgoff);
	if (!IS_ERR_VALUE(addr) &&
	    ((vm_flags & VM_LOCKED) || (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE))
		*populate = len;
	return addr;
}

int mm_populate(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	unsigned long end = start + len;
	struct vm_area_struct *vma;
	int err, ret = 0;

	for (vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma->vm_next) {
		/* populate_vma_pages_range(): mlock2(MLOCK_ONFAULT) memory waits for its faults. */
		if (!(vma->vm_flags & VM_ACCESS_FLAGS) || (vma->vm_flags & VM_LOCKONFAULT))
			continue;
		err = populate_vma_range(vma, max(start, vma->vm_start), min(end, vma->vm_end));
		if (err && !ret)
			ret = err;
	}
	return ret;
}

/* Linux's vm_mmap_pgoff(): do_mmap() under the lock, then mm_populate(). */
unsigned long vm_mmap(struct mm_struct *mm, struct file *file, unsigned long addr,
		      unsigned long len, unsigned long prot, unsigned long flags,
		      unsigned long pgoff)
{
	unsigned long ret, populate;

	mmap_write_lock(mm);
	ret = do_mmap(mm, file, addr, len, prot, flags, pgoff, &populate);
	if (populate)
		mm_populate(mm, ret, populate);
	mmap_write_unlock(mm);
	return ret;
}

long ksys_mmap_pgoff(struct mm_struct *mm, unsigned long addr, unsigned long len,
		     unsigned long prot, unsigned long flags, unsigned long fd, unsigned long pgoff)
{
	struct file *file = NULL;

	if (!(flags & MAP_ANONYMOUS)) {
		file = fget(fd);
		if (!file)
			return -EBADF;
		/* No Loam file is a hugetlbfs file (is_file_hugepages()). */
		if (flags & MAP_HUGETLB)
			return -EINVAL;
	} else if (flags & MAP_HUGETLB) {
		if (!hstate_sizelog((flags >> MAP_HUGE_SHIFT) & MAP_HUGE_MASK))
			return -EINVAL;
		/*
		 * Loam maps no huge pages (no hugetlbfs): -ENOMEM, the answer of
		 * Linux's hugetlb_reserve_pages() when the pool (mm/hugetlb.c)
		 * has too few free pages. Of do_mmap()'s checks, which Linux
		 * makes first, only the length's (-EINVAL for 0) is made here.
		 */
		return len ? -ENOMEM : -EINVAL;
	}
	return vm_mmap(mm, file, addr, len, prot, flags, pgoff);
}

/* ------------------------------------------------------------------ brk */

/* Linux's check_data_rlimit(): the heap plus the data segment within RLIMIT_DATA. */
static bool brk_over_rlimit(struct mm_struct *mm, unsigned long brk)
{
	unsigned long rlim = rlimit(RLIMIT_DATA);

	return rlim < RLIM_INFINITY &&
	       (brk - mm->start_brk) + (mm->end_data - mm->start_data) > rlim;
}

/* Linux's do_brk_flags(): [@addr, +@len) after @brkvma, the heap's VMA (or NULL). */
static int do_brk_flags(struct mm_struct *mm, struct vm_area_struct *brkvma, unsigned long addr,
			unsigned long len)
{
	unsigned long flags = VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT | mm->def_flags;
	unsigned long pages = len >> PAGE_SHIFT;
	struct vm_area_struct *vma;

	if (!may_expand_vm(mm, flags, pages))
		return -ENOMEM;
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;
	if (vm_enough_memory(pages))
		return -ENOMEM;
	if (brkvma && brkvma->vm_end == addr && brkvma->vm_flags == flags) {
		vma_set_bounds(brkvma, brkvma->vm_start, addr + len);
	} else {
		vma = vm_area_alloc(mm);
		if (!vma)
			return -ENOMEM;
		vma->vm_start = addr;
		vma->vm_end = addr + len;
		vma->vm_pgoff = addr >> PAGE_SHIFT;
		vma->vm_flags = flags;
		find_vma_prev(mm, addr, &brkvma);
		vma_link(mm, vma, brkvma);
	}
	vm_stat_account(mm, flags, pages);
	if (flags & VM_LOCKED)
		mm->locked_vm += pages;
	return 0;
}

/*
 * Linux's brk(): the break moves to @brk unless that is below start_brk,
 * over RLIMIT_DATA, or into (or within a page plus the guard gap of)
 * another mapping; the return is the break, moved or not. The break itself
 * is kept unaligned, the heap VMA ends at its page. Shrinking unmaps, which
 * frees the pages. The break is not randomised: the ELF loader puts
 * start_brk right after the data segment.
 */
long ksys_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long origbrk, newbrk, oldbrk;
	struct vm_area_struct *next, *brkvma;

	mmap_write_lock(mm);
	origbrk = mm->brk;
	if (brk < mm->start_brk || brk_over_rlimit(mm, brk))
		goto out;
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (oldbrk == newbrk)
		goto success;

	/* Always allow shrinking, if there is a heap to shrink. */
	if (brk <= mm->brk) {
		if (!find_vma_intersection(mm, newbrk, oldbrk) ||
		    do_munmap(mm, newbrk, oldbrk - newbrk))
			goto out;
		goto success;
	}

	if (IS_ERR_VALUE(get_unmapped_area(mm, oldbrk, newbrk - oldbrk, 0, MAP_FIXED)))
		goto out;
	/* Keep a page, and a stack's guard gap, before the next mapping. */
	next = find_vma(mm, oldbrk);
	if (next && newbrk + PAGE_SIZE > vm_start_gap(next))
		goto out;
	/* The heap's VMA: the one ending at the old break, if it is above start_brk. */
	find_vma_prev(mm, oldbrk, &brkvma);
	if (brkvma && brkvma->vm_start < mm->start_brk)
		brkvma = NULL;
	if (do_brk_flags(mm, brkvma, oldbrk, newbrk - oldbrk))
		goto out;
	/* After mlockall(MCL_FUTURE) the heap comes in locked, as Linux's brk() populates it. */
	if (mm->def_flags & VM_LOCKED)
		mm_populate(mm, oldbrk, newbrk - oldbrk);
success:
	mm->brk = brk;
	mmap_write_unlock(mm);
	return brk;
out:
	mm->brk = origbrk;
	mmap_write_unlock(mm);
	return origbrk;
}

/* --------------------------------------------------------------- stacks */

/* Linux's expand_downwards() and acct_stack_growth(). */
int expand_stack(struct vm_area_struct *vma, unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *prev = vma->vm_prev;
	unsigned long grow;

	addr &= PAGE_MASK;
	if (addr < mmap_min_addr)
		return -EPERM;
	/* Keep the guard gap above an accessible mapping that is not itself a stack. */
	if (prev && !(prev->vm_flags & VM_GROWSDOWN) && (prev->vm_flags & VM_ACCESS_FLAGS) &&
	    addr - prev->vm_end < STACK_GUARD_GAP)
		return -ENOMEM;
	if (!(vma->vm_flags & VM_GROWSDOWN))
		return -EFAULT;
	if (addr >= vma->vm_start)
		return 0;
	grow = (vma->vm_start - addr) >> PAGE_SHIFT;
	/* acct_stack_growth(): a locked stack grows within RLIMIT_MEMLOCK. */
	if (!mlock_future_ok(mm, vma->vm_flags, grow << PAGE_SHIFT))
		return -ENOMEM;
	if (!may_expand_vm(mm, vma->vm_flags, grow) || vma->vm_end - addr > rlimit(RLIMIT_STACK) ||
	    vm_enough_memory(grow))
		return -ENOMEM;
	vma_set_bounds(vma, addr, vma->vm_end);
	vm_stat_account(mm, vma->vm_flags, grow);
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm += grow;
	return 0;
}

/* ----------------------------------------------------------------- fork */

/* The child's copy of @mpnt, linked after @prev, its PTEs copied; -ENOMEM. */
static int dup_vma(struct mm_struct *mm, struct vm_area_struct *mpnt, struct vm_area_struct **prev)
{
	struct vm_area_struct *tmp = vm_area_dup(mpnt);

	if (!tmp)
		return -ENOMEM;
	tmp->vm_mm = mm;
	/* mlock is not inherited (Linux's dup_mmap() clears VM_LOCKED_MASK). */
	tmp->vm_flags &= ~VM_LOCKED_MASK;
	/* MADV_WIPEONFORK: the child starts with nothing there, as after a fresh mmap. */
	if (!(tmp->vm_flags & VM_WIPEONFORK) && anon_vma_fork(tmp, mpnt)) {
		vm_area_free(tmp);
		return -ENOMEM;
	}
	vma_link(mm, tmp, *prev);
	*prev = tmp;
	if (tmp->vm_flags & VM_WIPEONFORK)
		return 0;
	return copy_page_range(tmp, mpnt);
}

int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *mpnt, *prev = NULL;
	int err = 0;

	/* No fault of the parent's while its PTEs become read-only (Linux takes it too). */
	mmap_write_lock(oldmm);
	mm->total_vm = oldmm->total_vm;
	mm->data_vm = oldmm->data_vm;
	mm->exec_vm = oldmm->exec_vm;
	mm->stack_vm = oldmm->stack_vm;
	for (mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) {
		if (mpnt->vm_flags & VM_DONTCOPY) {
			vm_stat_account(mm, mpnt->vm_flags, -(long)vma_pages(mpnt));
			continue;
		}
		err = dup_vma(mm, mpnt, &prev);
		if (err)
			break;
	}
	/* Every hart forgets the parent's writable entries before it runs again. */
	flush_tlb_mm(oldmm);
	mmap_write_unlock(oldmm);
	return err;
}

/* ----------------------------------------------------------------- exit */

void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *next;
	unsigned long start, end;

	mmap_write_lock(mm);
	start = mm->mmap ? mm->mmap->vm_start : 0;
	end = mm->highest_vm_end;
	for (vma = mm->mmap; vma; vma = vma->vm_next)
		zap_page_range(mm, vma->vm_start, vma->vm_end);
	/*
	 * The VMAs leave their files' reverse maps before the tables go, as in
	 * do_munmap() (Linux's free_pgtables() unlinks them first too):
	 * unmap_mapping_pages() walks the tables of the mms it finds there.
	 */
	for (vma = mm->mmap; vma; vma = next) {
		next = vma->vm_next;
		vm_area_free(vma);
	}
	if (end)
		free_pgd_range(mm, start, end, 0, 0);
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->highest_vm_end = 0;
	mm->map_count = 0;
	mm->total_vm = mm->data_vm = mm->exec_vm = mm->stack_vm = 0;
	/* Nothing is left for process_mrelease() to reap (Linux sets it in exit_mmap() too). */
	set_bit(MMF_OOM_SKIP, &mm->flags);
	mmap_write_unlock(mm);
}
