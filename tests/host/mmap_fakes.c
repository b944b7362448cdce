// SPDX-License-Identifier: GPL-2.0
/*
 * The page-table hooks of <mmap.h> for the host tests, single-threaded
 * rw_semaphores, and the checker: see mmap_helpers.h. The tables have Sv39's shape (a pgd, middle tables of
 * 2 MiB per entry, leaf tables of 4 KiB per entry); an entry holds the
 * direct-map address of the next table or of the page, and a leaf's low
 * bits its VM_READ|WRITE|EXEC plus a present bit.
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

#include "../../mm/internal.h"
#include "mmap_helpers.h"

#define PTRS 512
#define PMD_SPAN (1UL << 21)
#define PGD_SPAN (1UL << 30)
#define PRESENT 0x8UL

struct mf_call mf_calls[MF_MAX_CALLS];
int mf_nr_calls;
bool mf_populate_fails;

void mf_boot(void)
{
	sl_boot(SZ_64M, NULL);
	vma_cache_init();
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

/* mm/swap.c's put_page() without LRU lists (mm/shmem.c drops its pages' references). */
void put_page(struct page *page)
{
	if (put_page_testzero(page))
		free_unref_page(page, 0);
}

/* mm/rmap.c's barrier against reclaim walking a dying mm: no reclaim here. */
void rmap_exit_barrier(void)
{
}

static unsigned long *table(unsigned long entry)
{
	return (unsigned long *)(entry & PAGE_MASK);
}

/* The fake root table: entries in the fake format above, not Sv39's pgd_t. */
static unsigned long *root(struct mm_struct *mm)
{
	return (unsigned long *)mm->pgd;
}

pgd_t *pgd_alloc(struct mm_struct *mm)
{
	return (pgd_t *)get_zeroed_page(GFP_KERNEL);
}

void pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	int i;

	/* Everything below must be gone by now (exit_mmap()'s free_pgd_range()). */
	for (i = 0; i < PTRS; i++)
		assert_int_equal(((unsigned long *)pgd)[i], 0);
	free_page((unsigned long)pgd);
}

/* The leaf entry of @addr, made with its tables if @alloc; NULL if absent. */
static unsigned long *mf_walk(struct mm_struct *mm, unsigned long addr, bool alloc)
{
	unsigned long *e = &root(mm)[(addr >> 30) % PTRS];
	int level;

	for (level = 0; level < 2; level++) {
		if (!*e) {
			if (!alloc)
				return NULL;
			*e = get_zeroed_page(GFP_KERNEL);
			assert_true(*e);
		}
		e = &table(*e)[(addr >> (level ? 12 : 21)) % PTRS];
	}
	return e;
}

/* The hooks run under mmap_lock, for read (a fault) or write. */
static void assert_locked(struct mm_struct *mm)
{
	assert_true(mm->mmap_lock.count != 0);
}

static void map_page(struct vm_area_struct *vma, unsigned long addr)
{
	unsigned long *pte = mf_walk(vma->vm_mm, addr, true);

	if (*pte)
		return;
	*pte = get_zeroed_page(GFP_KERNEL) | (vma->vm_flags & VM_ACCESS_FLAGS) | PRESENT;
	assert_true(*pte & PAGE_MASK);
	vma->vm_mm->rss++;
}

/* Call @fn on every present leaf entry in [@start, @end). */
static void for_each_pte(struct mm_struct *mm, unsigned long start, unsigned long end,
			 void (*fn)(struct mm_struct *mm, unsigned long addr, unsigned long *pte,
				    unsigned long arg),
			 unsigned long arg)
{
	unsigned long addr = start;

	while (addr < end) {
		unsigned long g = root(mm)[(addr >> 30) % PTRS], m, *pte;

		if (!g) {
			addr = ALIGN_DOWN(addr, PGD_SPAN) + PGD_SPAN;
			continue;
		}
		m = table(g)[(addr >> 21) % PTRS];
		if (!m) {
			addr = ALIGN_DOWN(addr, PMD_SPAN) + PMD_SPAN;
			continue;
		}
		pte = &table(m)[(addr >> 12) % PTRS];
		if (*pte)
			fn(mm, addr, pte, arg);
		addr += PAGE_SIZE;
	}
}

static void zap_one(struct mm_struct *mm, unsigned long addr, unsigned long *pte, unsigned long arg)
{
	free_page(*pte & PAGE_MASK);
	*pte = 0;
	mm->rss--;
}

void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	assert_locked(mm);
	assert_true(start < end && !offset_in_page(start | end) && end <= mm->task_size);
	mf_log(MF_ZAP, start, end, 0, 0);
	for_each_pte(mm, start, end, zap_one, 0);
}

/* Does [t, t + span) lie within [floor, ceiling) (ceiling 0: no limit)? */
static bool within(unsigned long t, unsigned long span, unsigned long floor, unsigned long ceiling)
{
	return t >= floor && (!ceiling || t + span <= ceiling);
}

static bool table_empty(const unsigned long *t)
{
	int i;

	for (i = 0; i < PTRS; i++)
		if (t[i])
			return false;
	return true;
}

/* Linux's meaning, written from its definition: see <mmap.h>. */
void free_pgd_range(struct mm_struct *mm, unsigned long addr, unsigned long end,
		    unsigned long floor, unsigned long ceiling)
{
	unsigned long g, m;

	assert_locked(mm);
	assert_true(addr < end && (!ceiling || end <= ceiling) && floor <= addr);
	mf_log(MF_FREE_PGD, addr, end, floor, ceiling);
	for (g = ALIGN_DOWN(addr, PGD_SPAN); g < end; g += PGD_SPAN) {
		unsigned long *ge = &root(mm)[(g >> 30) % PTRS];

		if (!*ge)
			continue;
		for (m = max(g, ALIGN_DOWN(addr, PMD_SPAN)); m < min(end, g + PGD_SPAN);
		     m += PMD_SPAN) {
			unsigned long *me = &table(*ge)[(m >> 21) % PTRS];

			if (*me && within(m, PMD_SPAN, floor, ceiling)) {
				/* The pages are gone: zap_page_range() came first. */
				assert_true(table_empty(table(*me)));
				free_page((unsigned long)table(*me));
				*me = 0;
			}
		}
		if (within(g, PGD_SPAN, floor, ceiling)) {
			assert_true(table_empty(table(*ge)));
			free_page((unsigned long)table(*ge));
			*ge = 0;
		}
	}
}

static void chprot_one(struct mm_struct *mm, unsigned long addr, unsigned long *pte,
		       unsigned long newflags)
{
	*pte = (*pte & PAGE_MASK) | (newflags & VM_ACCESS_FLAGS) | PRESENT;
}

void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       unsigned long newflags)
{
	assert_locked(vma->vm_mm);
	assert_true(vma->vm_start <= start && start < end && end <= vma->vm_end);
	assert_int_equal(vma->vm_flags, newflags);
	mf_log(MF_CHPROT, start, end, newflags, 0);
	for_each_pte(vma->vm_mm, start, end, chprot_one, newflags);
}

int populate_vma_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	unsigned long addr;

	assert_locked(vma->vm_mm);
	assert_true(vma->vm_start <= start && start < end && end <= vma->vm_end);
	assert_true(vma->vm_flags & VM_ACCESS_FLAGS);
	mf_log(MF_POPULATE, start, end, 0, 0);
	if (mf_populate_fails)
		return -ENOMEM;
	for (addr = start; addr < end; addr += PAGE_SIZE)
		map_page(vma, addr);
	return 0;
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
	if (vma && (vma->vm_flags & (write ? VM_WRITE : VM_READ | VM_WRITE))) {
		map_page(vma, addr & PAGE_MASK);
		ret = 0;
	}
	mmap_read_unlock(mm);
	return ret;
}

int mf_pte_prot(struct mm_struct *mm, unsigned long addr)
{
	unsigned long *pte = mf_walk(mm, addr, false);

	return pte && *pte ? (int)(*pte & VM_ACCESS_FLAGS) : -1;
}

unsigned long mf_nr_tables(struct mm_struct *mm)
{
	unsigned long n = 0;
	int i, j;

	for (i = 0; i < PTRS; i++) {
		if (!root(mm)[i])
			continue;
		n++;
		for (j = 0; j < PTRS; j++)
			n += table(root(mm)[i])[j] != 0;
	}
	return n;
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

struct pt_check {
	struct mm_struct *mm;
	long ptes;
};

static struct pt_check ptc;

static void check_pte(struct mm_struct *mm, unsigned long addr, unsigned long *pte,
		      unsigned long arg)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma || vma->vm_start > addr)
		fail_msg("page mapped at %#lx outside every VMA", addr);
	assert_int_equal(*pte & VM_ACCESS_FLAGS, vma->vm_flags & VM_ACCESS_FLAGS);
	ptc.ptes++;
}

void mf_check(struct mm_struct *mm)
{
	struct vm_area_struct **all = calloc(mm->map_count + 1, sizeof(*all)), **p = all;
	struct vm_area_struct *vma, *prev = NULL;
	unsigned long total = 0, data = 0, stack = 0, exec = 0, gap;
	int n = 0, i, j;

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
	free(all);

	/* Pages only inside VMAs, with their protection; rss counts them. */
	ptc = (struct pt_check){ mm, 0 };
	for_each_pte(mm, 0, mm->task_size, check_pte, 0);
	assert_int_equal(ptc.ptes, mm->rss);
	/* No page table without a VMA in what it covers: unmapping freed them. */
	for (i = 0; i < PTRS; i++) {
		unsigned long g = (unsigned long)i << 30;

		if (!root(mm)[i])
			continue;
		if (!find_vma_intersection(mm, g, g + PGD_SPAN))
			fail_msg("middle table for %#lx outlived its VMAs", g);
		for (j = 0; j < PTRS; j++) {
			unsigned long m = g + ((unsigned long)j << 21);

			if (table(root(mm)[i])[j] && !find_vma_intersection(mm, m, m + PMD_SPAN))
				fail_msg("leaf table for %#lx outlived its VMAs", m);
		}
	}
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
	return fd == 3 ? &mf_file : fd == 4 ? &mf_proc : NULL;
}
