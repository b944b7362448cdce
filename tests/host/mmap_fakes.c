// SPDX-License-Identifier: GPL-2.0
/*
 * The log of the page-table hooks, single-threaded rw_semaphores (faked:
 * kernel/rwsem.c sleeps in the scheduler), the files the tests map (faked:
 * no file system on the host), and the checker: see mmap_helpers.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <file.h>
#include <fs.h>
#include <mm.h>
#include <pagemap.h>
#include <rmap.h>
#include <swap.h>
#include <swapops.h>
#include <uaccess.h>

#include "../../mm/internal.h"
#include "mmap_helpers.h"
#include "mmu_fakes.h"

struct mf_call mf_calls[MF_MAX_CALLS];
int mf_nr_calls;
bool mf_populate_fails;

void mf_boot(unsigned long mem)
{
	sl_boot(mem, NULL);
	vma_cache_init();
	anon_vma_init();
	memory_init();
	pagecache_init();
}

void mf_log_reset(void)
{
	mf_nr_calls = 0;
}

static void mf_log(enum mf_hook hook, unsigned long a, unsigned long b, unsigned long c,
		   unsigned long d)
{
	if (mf_nr_calls < MF_MAX_CALLS)
		mf_calls[mf_nr_calls] = (struct mf_call){ hook, a, b, c, d };
	mf_nr_calls++;
}

/* ------------------------------------------------------------- rwsems */

/*
 * kernel/rwsem.c sleeps on the scheduler's wait queues; the host tests are
 * single-threaded, so a lock that is held when it is taken can only be a
 * bug: the count says who holds it (readers, or -1 for the writer) and any
 * misuse fails the test.
 */
void down_read(struct rw_semaphore *sem)
{
	if (sem->count < 0)
		fail_msg("down_read() of an rwsem the writer holds");
	sem->count++;
}

void up_read(struct rw_semaphore *sem)
{
	if (sem->count <= 0)
		fail_msg("up_read() of an rwsem no reader holds (count %ld)", sem->count);
	sem->count--;
}

void down_write(struct rw_semaphore *sem)
{
	if (sem->count)
		fail_msg("down_write() of a held rwsem (count %ld)", sem->count);
	sem->count = -1;
}

void up_write(struct rw_semaphore *sem)
{
	if (sem->count != -1)
		fail_msg("up_write() of an rwsem the writer does not hold (count %ld)", sem->count);
	sem->count = 0;
}

int down_read_trylock(struct rw_semaphore *sem)
{
	if (sem->count < 0)
		return 0;
	sem->count++;
	return 1;
}

int down_write_trylock(struct rw_semaphore *sem)
{
	if (sem->count)
		return 0;
	sem->count = -1;
	return 1;
}

/*
 * The page-table hooks of <mmap.h> are mm/memory.c's own: the Makefile links
 * the mm tests with --wrap for each (HOST_LDFLAGS_MM), so that the calls
 * from the VMA code come here first, are checked and logged, and go on to
 * the real function (__real_*). change_protection() is not among them:
 * it is mm/mprotect.c's own, so its calls never leave the file.
 */
void __real_zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end);
void __real_free_pgd_range(struct mm_struct *mm, unsigned long addr, unsigned long end,
			   unsigned long floor, unsigned long ceiling);
int __real_populate_vma_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);

/* The hooks run under mmap_lock, for read (a fault) or write. */
static void assert_locked(struct mm_struct *mm)
{
	assert_true(mm->mmap_lock.count != 0);
}

void __wrap_zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	assert_locked(mm);
	assert_true(start < end && !offset_in_page(start | end) && end <= mm->task_size);
	mf_log(MF_ZAP, start, end, 0, 0);
	__real_zap_page_range(mm, start, end);
}

void __wrap_free_pgd_range(struct mm_struct *mm, unsigned long addr, unsigned long end,
			   unsigned long floor, unsigned long ceiling)
{
	assert_locked(mm);
	assert_true(addr < end && (!ceiling || end <= ceiling) && floor <= addr);
	mf_log(MF_FREE_PGD, addr, end, floor, ceiling);
	__real_free_pgd_range(mm, addr, end, floor, ceiling);
}

int __wrap_populate_vma_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	assert_locked(vma->vm_mm);
	assert_true(vma->vm_start <= start && start < end && end <= vma->vm_end);
	assert_true(vma->vm_flags & VM_ACCESS_FLAGS);
	mf_log(MF_POPULATE, start, end, 0, 0);
	if (mf_populate_fails)
		return -ENOMEM;
	return __real_populate_vma_range(vma, start, end);
}

/* Does @vma forbid this access? (platform/riscv/mm/fault.c's access_error().) */
static bool access_error(struct vm_area_struct *vma, bool write)
{
	return !(vma->vm_flags & (write ? VM_WRITE : VM_READ | VM_WRITE));
}

int mf_touch(struct mm_struct *mm, unsigned long addr, bool write)
{
	struct vm_area_struct *vma;
	int ret = -EFAULT;

	mmap_read_lock(mm);
	vma = find_vma(mm, addr);
	if (vma && vma->vm_start > addr &&
	    (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, addr)))
		vma = NULL;
	if (vma && !access_error(vma, write))
		ret = handle_mm_fault(vma, addr, FAULT_FLAG_USER | (write ? FAULT_FLAG_WRITE : 0));
	mmap_read_unlock(mm);
	return ret;
}

int mf_pte_prot(struct mm_struct *mm, unsigned long addr)
{
	u64 pte = sv39_pte(mm, addr);
	swp_entry_t entry;
	int prot = 0;

	if (!pte || sv39_swap_entry(pte, &entry))
		return -1;
	if (!(pte & SV39_V))
		return 0; /* kept through PROT_NONE */
	if (pte & SV39_R)
		prot |= VM_READ;
	if (pte & SV39_W)
		prot |= VM_WRITE;
	if (pte & SV39_X)
		prot |= VM_EXEC;
	return prot;
}

int mf_vmas(struct mm_struct *mm, struct mf_vma *out, int max)
{
	struct vm_area_struct *vma;
	int n = 0;

	for (vma = mm->mmap; vma && n < max; vma = vma->vm_next)
		out[n++] = (struct mf_vma){ vma->vm_start, vma->vm_end, vma->vm_flags };
	return n;
}

/* ------------------------------------------------------------- checker */

#define vma_of(node) rb_entry(node, struct vm_area_struct, vm_rb)

static unsigned long own_gap(const struct vm_area_struct *vma)
{
	unsigned long lo = vma->vm_prev ? vma->vm_prev->vm_end : 0;
	unsigned long hi = vma->vm_start;

	if (vma->vm_flags & VM_GROWSDOWN)
		hi = hi > STACK_GUARD_GAP ? hi - STACK_GUARD_GAP : 0;
	return hi > lo ? hi - lo : 0;
}

/* Red-black properties and the gap of every subtree; returns the black height. */
static int check_node(struct rb_node *node, struct rb_node *parent, unsigned long *gap,
		      struct vm_area_struct ***inorder)
{
	unsigned long lgap = 0, rgap = 0;
	int lh, rh;

	if (!node) {
		*gap = 0;
		return 1;
	}
	assert_ptr_equal(rb_parent(node), parent);
	if (rb_color(node) == RB_RED)
		assert_true(!parent || rb_color(parent) == RB_BLACK);
	lh = check_node(node->rb_left, node, &lgap, inorder);
	*(*inorder)++ = vma_of(node);
	rh = check_node(node->rb_right, node, &rgap, inorder);
	assert_int_equal(lh, rh);
	*gap = max(own_gap(vma_of(node)), max(lgap, rgap));
	assert_int_equal(vma_of(node)->rb_subtree_gap, *gap);
	return lh + (rb_color(node) == RB_BLACK);
}

/*
 * A user PTE against its VMA: none; a swap entry; a migration entry (its
 * page counts as resident); a page kept through
 * PROT_NONE (V clear) in a PROT_NONE VMA; or a valid leaf with U, R when
 * the VMA reads or writes (W always with R), X as VM_EXEC, and W only where
 * the VMA writes (a write fault sets it: the zero page, and a page read
 * back from swap, are mapped read-only). Counts the resident pages by kind.
 */
static void check_pte(struct mm_struct *mm, unsigned long addr, u64 pte, unsigned long *anon,
		      unsigned long *shmem, unsigned long *swap)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	swp_entry_t entry;
	unsigned long vmf;
	struct page *page;

	if (!pte)
		return;
	if (!vma || vma->vm_start > addr)
		fail_msg("PTE %#lx at %#lx outside every VMA", (unsigned long)pte, addr);
	if (sv39_swap_entry(pte, &entry) && is_migration_entry(entry)) {
		/* A page on its way (mm/migrate.c): still resident, counted by kind. */
		page = pfn_swap_entry_to_page(entry);
		if (PageAnon(page))
			(*anon)++;
		else
			(*shmem)++;
		return;
	}
	if (sv39_swap_entry(pte, &entry)) {
		(*swap)++;
		return;
	}
	vmf = vma->vm_flags & VM_ACCESS_FLAGS;
	if (!(pte & SV39_V)) {
		assert_int_equal(vmf, 0);
	} else {
		assert_true(vmf && (pte & SV39_U));
		assert_int_equal(!!(pte & SV39_R), !!(vmf & (VM_READ | VM_WRITE)));
		assert_int_equal(!!(pte & SV39_X), !!(vmf & VM_EXEC));
		assert_true(!(pte & SV39_W) || (vmf & VM_WRITE));
	}
	page = pfn_to_page(SV39_PPN(pte));
	if (PageAnon(page))
		(*anon)++;
	else if (page->mapping)
		(*shmem)++;
}

/* Every user PTE checked; no table left without a VMA in what it covers. */
static void check_tables(struct mm_struct *mm)
{
	const u64 *pgd = (const u64 *)mm->pgd;
	unsigned long anon = 0, shmem = 0, swap = 0;
	int i, j, k;

	for (i = 0; i < 256; i++) {
		unsigned long g = (unsigned long)i << 30;
		const u64 *pmd;

		if (!(pgd[i] & SV39_V))
			continue;
		assert_false(pgd[i] & (SV39_R | SV39_W | SV39_X));
		if (!find_vma_intersection(mm, g, g + (1UL << 30)))
			fail_msg("middle table for %#lx outlived its VMAs", g);
		pmd = __va(SV39_PPN(pgd[i]) << PAGE_SHIFT);
		for (j = 0; j < 512; j++) {
			unsigned long m = g + ((unsigned long)j << 21);
			const u64 *pt;

			if (!(pmd[j] & SV39_V))
				continue;
			assert_false(pmd[j] & (SV39_R | SV39_W | SV39_X));
			if (!find_vma_intersection(mm, m, m + (1UL << 21)))
				fail_msg("leaf table for %#lx outlived its VMAs", m);
			pt = __va(SV39_PPN(pmd[j]) << PAGE_SHIFT);
			for (k = 0; k < 512; k++)
				check_pte(mm, m + ((unsigned long)k << PAGE_SHIFT), pt[k], &anon,
					  &shmem, &swap);
		}
	}
	assert_int_equal(anon, mm->rss);
	assert_int_equal(shmem, mm->shmem_rss);
	assert_int_equal(swap, mm->swapents);
}

void mf_check(struct mm_struct *mm)
{
	struct vm_area_struct **all = calloc(mm->map_count + 1, sizeof(*all)), **p = all;
	struct vm_area_struct *vma, *prev = NULL;
	unsigned long total = 0, data = 0, stack = 0, exec = 0, locked = 0, gap;
	int n = 0;

	assert_non_null(all);
	assert_true(!mm->mm_rb.rb_node || rb_color(mm->mm_rb.rb_node) == RB_BLACK);
	check_node(mm->mm_rb.rb_node, NULL, &gap, &p);
	for (vma = mm->mmap; vma; prev = vma, vma = vma->vm_next, n++) {
		assert_true(n < mm->map_count);
		assert_ptr_equal(all[n], vma);
		assert_ptr_equal(vma->vm_prev, prev);
		assert_ptr_equal(vma->vm_mm, mm);
		assert_true(vma->vm_start < vma->vm_end && !offset_in_page(vma->vm_start) &&
			    !offset_in_page(vma->vm_end) && vma->vm_end <= mm->task_size);
		assert_true(!prev || prev->vm_end <= vma->vm_start);
		total += vma_pages(vma);
		if (vma->vm_flags & VM_LOCKED)
			locked += vma_pages(vma);
		if ((vma->vm_flags & (VM_EXEC | VM_WRITE | VM_STACK)) == VM_EXEC)
			exec += vma_pages(vma);
		else if (vma->vm_flags & VM_STACK)
			stack += vma_pages(vma);
		else if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			data += vma_pages(vma);
	}
	assert_int_equal(n, mm->map_count);
	assert_int_equal(p - all, n);
	assert_int_equal(mm->highest_vm_end, prev ? prev->vm_end : 0);
	assert_int_equal(mm->total_vm, total);
	assert_int_equal(mm->data_vm, data);
	assert_int_equal(mm->stack_vm, stack);
	assert_int_equal(mm->exec_vm, exec);
	assert_int_equal(mm->locked_vm, locked);
	free(all);

	/* Pages only inside VMAs, with their protection; rss counts them. */
	check_tables(mm);
}

/* ------------------------------------------------------- descriptors */

/* Descriptors 0-2: a console-like file opened for reading and writing, without mmap. */
static const struct file_operations mf_tty_fops;
static struct file mf_tty = { .f_count = 1,
			      .f_mode = FMODE_READ | FMODE_WRITE,
			      .f_op = &mf_tty_fops };

const struct vm_operations_struct mf_file_vm_ops;

static int mf_file_mmap(struct file *f, struct vm_area_struct *vma)
{
	vma->vm_ops = &mf_file_vm_ops;
	return 0;
}

static int mf_proc_mmap(struct file *f, struct vm_area_struct *vma)
{
	return -EIO;
}

static const struct file_operations mf_file_fops = { .mmap = mf_file_mmap };
static const struct file_operations mf_proc_fops = { .mmap = mf_proc_mmap };
struct file mf_file = { .f_count = 1, .f_mode = FMODE_READ, .f_op = &mf_file_fops };
struct file mf_proc = { .f_count = 1, .f_mode = FMODE_READ, .f_op = &mf_proc_fops };

struct file *fget(unsigned int fd)
{
	if (fd <= 2)
		return &mf_tty;
	if (fd == MF_INSTALLED_FD)
		return mf_installed;
	return fd == 3 ? &mf_file : fd == 4 ? &mf_proc : NULL;
}

/* User memory is host memory here; MF_BAD_USER_PTR stands for an unmapped address. */
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if ((unsigned char *)to == MF_BAD_USER_PTR)
		return n;
	memcpy(to, from, n);
	return 0;
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if ((const unsigned char *)from == MF_BAD_USER_PTR)
		return n;
	memcpy(to, from, n);
	return 0;
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	if ((unsigned char *)to == MF_BAD_USER_PTR)
		return n;
	memset(to, 0, n);
	return 0;
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long len;

	if ((const unsigned char *)src == MF_BAD_USER_PTR)
		return -EFAULT;
	len = strnlen(src, count);
	memcpy(dst, src, len < count ? len + 1 : count);
	return len;
}

/* The descriptor table: one slot, MF_INSTALLED_FD, for what a call installs (memfd_create). */
struct file *mf_installed;

int get_unused_fd_flags(unsigned int flags)
{
	return mf_installed ? -EMFILE : MF_INSTALLED_FD;
}

void fd_install(unsigned int fd, struct file *f)
{
	assert_int_equal(fd, MF_INSTALLED_FD);
	mf_installed = f;
}

void put_unused_fd(unsigned int fd)
{
	assert_int_equal(fd, MF_INSTALLED_FD);
}
