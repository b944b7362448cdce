// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of demand paging (mm/memory.c) over real Sv39 page tables
 * in fake physical memory, seen as a hart sees them (mmu_fakes.c walks the
 * tables and sets A and D): the first touch maps a zeroed page; a read of a
 * page never written maps the shared zero page read-only, and the first
 * write replaces it; munmap frees pages and page tables, MADV_DONTNEED
 * frees pages only; mprotect changes the PTEs' bits, PROT_NONE keeps the
 * pages and the way back finds them; MAP_POPULATE; a private file mapping
 * (a copy of the file's page on each fault, read-only and executable for
 * code, fence.i after the fill, SIGSEGV past the end); the counters (rss,
 * PGFAULT, NR_ANON_MAPPED, the LRU) and the free-page count through it all.
 * Also the page lock (mm/filemap.c) and kernel stacks and ioremap in the
 * vmalloc area (mm/vmalloc.c), in the kernel's root table.
 *
 * One boot (64 MiB, SLUB, the VMA caches, the zero page, the vmalloc
 * area's tables) serves the program; every test makes its own mm, checks
 * it (mf_check()) and ends with every page back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <fs.h>
#include <initramfs.h>
#include <pagemap.h>
#include <rmap.h>
#include <uapi/fcntl.h>
#include <vmalloc.h>
#include <vmstat.h>

#include "mmap_helpers.h"
#include "sched_fakes.h"

#define PG PAGE_SIZE
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define WORDS (PG / sizeof(u64))

static unsigned long base_free;

static int group_setup(void **state)
{
	mf_boot(SZ_64M);
	vmalloc_init();
	return 0;
}

static struct mm_struct *new_mm(void)
{
	struct mm_struct *mm;

	base_free = sl_settle();
	mm = mm_alloc();
	assert_non_null(mm);
	mf_log_reset();
	return mm;
}

/* mmput(): every page back (data, tables, pgd, VMAs, the mm). */
static void put_mm(struct mm_struct *mm)
{
	mf_check(mm);
	mmput(mm);
	assert_int_equal(sl_settle(), base_free);
}

static unsigned long map(struct mm_struct *mm, unsigned long addr, unsigned long len,
			 unsigned long prot, unsigned long flags)
{
	long ret = ksys_mmap_pgoff(mm, addr, len, prot, flags, -1UL, 0);

	assert_false(IS_ERR_VALUE(ret));
	mf_check(mm);
	return ret;
}

static unsigned long node_stat(enum node_stat_item item)
{
	return node_page_state(NODE_DATA(0), item);
}

/* A value for word @i of the page at @va, different for every page and word. */
static u64 pattern(unsigned long va, unsigned long i)
{
	return (va * 0x9e3779b97f4a7c15ULL) ^ (i << 3) ^ 0x5a5a;
}

static void fill_page(struct mm_struct *mm, unsigned long va)
{
	unsigned long i;

	for (i = 0; i < WORDS; i++)
		assert_int_equal(user_store(mm, va + i * 8, pattern(va, i)), 0);
}

static void check_page(struct mm_struct *mm, unsigned long va)
{
	unsigned long i;
	u64 v;

	for (i = 0; i < WORDS; i++) {
		assert_int_equal(user_load(mm, va + i * 8, &v), 0);
		if (v != pattern(va, i))
			fail_msg("word %lu of the page at %#lx: %#llx", i, va,
				 (unsigned long long)v);
	}
}

static void check_zero(struct mm_struct *mm, unsigned long va)
{
	unsigned long i;
	u64 v;

	for (i = 0; i < WORDS; i++) {
		assert_int_equal(user_load(mm, va + i * 8, &v), 0);
		assert_int_equal(v, 0);
	}
}

static unsigned long pte_pfn_of(struct mm_struct *mm, unsigned long va)
{
	u64 pte = sv39_pte(mm, va);

	assert_true(pte & SV39_V);
	return SV39_PPN(pte);
}

/* ============================================================ faults */

/*
 * Pages of both kinds (tables: unmovable; user pages: movable) filled with
 * garbage and freed: the per-CPU lists give them back first, so the fault
 * that follows must zero what it takes.
 */
#define DIRTY 4
static void dirty_free_pages(unsigned long *pfns)
{
	struct page *pages[2 * DIRTY];
	int i;

	for (i = 0; i < 2 * DIRTY; i++) {
		pages[i] = alloc_page(i < DIRTY ? GFP_KERNEL : GFP_HIGHUSER_MOVABLE);
		assert_non_null(pages[i]);
		memset(page_address(pages[i]), 0xaa, PG);
		pfns[i] = page_to_pfn(pages[i]);
	}
	for (i = 0; i < 2 * DIRTY; i++)
		__free_page(pages[i]);
}

static bool in(unsigned long pfn, const unsigned long *pfns, int n)
{
	while (n--)
		if (pfns[n] == pfn)
			return true;
	return false;
}

static void test_first_touch_maps_zeroed_page(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = map(mm, 0, 4 * PG, RW, ANON), faults, anon, lru, flushes, pfns[2 * DIRTY];
	u64 pte, v;
	struct page *page;
	int i;

	faults = vm_events[PGFAULT];
	anon = node_stat(NR_ANON_MAPPED);
	lru = node_stat(NR_INACTIVE_ANON);
	flushes = host_tlb_flush_page;
	dirty_free_pages(pfns);

	assert_int_equal(user_store(mm, a + PG + 8, 0x1234), 0);
	pte = sv39_pte(mm, a + PG);
	assert_int_equal(pte & (SV39_V | SV39_R | SV39_W | SV39_X | SV39_U | SV39_A | SV39_D),
			 SV39_V | SV39_R | SV39_W | SV39_U | SV39_A | SV39_D);
	/* The page and both new tables came from the garbage, zeroed. */
	assert_true(in(SV39_PPN(pte), pfns + DIRTY, DIRTY));
	assert_true(in(SV39_PPN(((u64 *)mm->pgd)[(a >> 30) & 511]), pfns, DIRTY));
	assert_int_equal(sv39_nr_tables(mm), 2);
	for (i = 0; i < (int)WORDS; i++) {
		assert_int_equal(user_load(mm, a + PG + i * 8, &v), 0);
		assert_int_equal(v, i == 1 ? 0x1234 : 0);
	}
	/* One fault; the neighbours untouched. */
	assert_int_equal(vm_events[PGFAULT], faults + 1);
	assert_true(host_tlb_flush_page > flushes);
	assert_int_equal(sv39_pte(mm, a), 0);
	assert_int_equal(sv39_pte(mm, a + 2 * PG), 0);
	/* An anonymous page of this mm: rmap, the inactive LRU list, rss. */
	page = pfn_to_page(SV39_PPN(pte));
	assert_true(PageAnon(page));
	/* Its anon_vma is the VMA's, made at this first fault (anon_vma_prepare()). */
	assert_non_null(find_vma(mm, a)->anon_vma);
	assert_ptr_equal(page->mapping,
			 (void *)((unsigned long)find_vma(mm, a)->anon_vma | PAGE_MAPPING_ANON));
	assert_int_equal(page->index, (a + PG) >> PAGE_SHIFT);
	assert_true(page_mapped(page));
	assert_int_equal(mm->rss, 1);
	assert_int_equal(node_stat(NR_ANON_MAPPED), anon + 1);
	assert_int_equal(node_stat(NR_INACTIVE_ANON), lru + 1);
	put_mm(mm);
	assert_int_equal(node_stat(NR_ANON_MAPPED), anon);
	assert_int_equal(node_stat(NR_INACTIVE_ANON), lru);
}

static void test_read_maps_zero_page_write_replaces_it(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = map(mm, 0, 4 * PG, RW, ANON), zero, anon = node_stat(NR_ANON_MAPPED);
	u64 pte, v = 1;

	assert_int_equal(user_load(mm, a, &v), 0);
	assert_int_equal(v, 0);
	pte = sv39_pte(mm, a);
	assert_true((pte & (SV39_V | SV39_R | SV39_U)) == (SV39_V | SV39_R | SV39_U));
	assert_false(pte & (SV39_W | SV39_X));
	zero = SV39_PPN(pte);
	assert_false(PageAnon(pfn_to_page(zero)));
	/* Every never-written page reads the same page; none is counted as the mm's. */
	check_zero(mm, a + 3 * PG);
	assert_int_equal(pte_pfn_of(mm, a + 3 * PG), zero);
	assert_int_equal(mm->rss, 0);
	assert_int_equal(node_stat(NR_ANON_MAPPED), anon);
	mf_check(mm);

	/* The first write: a page of its own, writable; the other stays the zero page. */
	assert_int_equal(user_store(mm, a + 16, 77), 0);
	assert_int_not_equal(pte_pfn_of(mm, a), zero);
	assert_true(sv39_pte(mm, a) & SV39_W);
	assert_int_equal(user_load(mm, a + 16, &v), 0);
	assert_int_equal(v, 77);
	assert_int_equal(user_load(mm, a + 8, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(pte_pfn_of(mm, a + 3 * PG), zero);
	assert_int_equal(mm->rss, 1);
	assert_int_equal(node_stat(NR_ANON_MAPPED), anon + 1);
	/* The zero page itself was never written. */
	assert_int_equal(((u64 *)__va(zero << PAGE_SHIFT))[2], 0);
	put_mm(mm);
}

/* A read-only mapping gets the zero page; a write is a SIGSEGV, and no page. */
static void test_read_only_mapping(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = map(mm, 0, 2 * PG, PROT_READ, ANON);
	u64 v;

	assert_int_equal(user_store(mm, a, 1), -EFAULT);
	assert_int_equal(sv39_pte(mm, a), 0);
	assert_int_equal(user_load(mm, a, &v), 0);
	assert_int_equal(user_store(mm, a, 1), -EFAULT);
	assert_false(sv39_pte(mm, a) & SV39_W);
	assert_int_equal(mm->rss, 0);
	put_mm(mm);
}

/* ============================================================ zap */

static void test_munmap_frees_pages_and_tables(void **state)
{
	/* 4 MiB across a 1 GiB line: two middle tables, two leaf tables. */
	unsigned long a = 0x3fe00000, half = 2UL << 20, va, anon;
	struct mm_struct *mm = new_mm();

	anon = node_stat(NR_ANON_MAPPED);
	assert_int_equal(map(mm, a, 2 * half, RW, ANON | MAP_FIXED), a);
	for (va = a; va < a + 2 * half; va += PG)
		assert_int_equal(user_store(mm, va, va), 0);
	assert_int_equal(mm->rss, 1024);
	assert_int_equal(sv39_nr_tables(mm), 4);
	assert_int_equal(node_stat(NR_ANON_MAPPED), anon + 1024);

	/* The lower half: its pages, its leaf table and its middle table go. */
	assert_int_equal(ksys_munmap(mm, a, half), 0);
	mf_check(mm);
	assert_int_equal(mm->rss, 512);
	assert_int_equal(sv39_nr_tables(mm), 2);
	assert_null(sv39_walk(mm->pgd, a));
	assert_int_equal(node_stat(NR_ANON_MAPPED), anon + 512);
	for (va = a + half; va < a + 2 * half; va += 64 * PG) {
		u64 v;

		assert_int_equal(user_load(mm, va, &v), 0);
		assert_int_equal(v, va);
	}
	/* A hole inside the upper half: pages go, the tables stay (still in use). */
	assert_int_equal(ksys_munmap(mm, a + half + 8 * PG, 8 * PG), 0);
	mf_check(mm);
	assert_int_equal(mm->rss, 504);
	assert_int_equal(sv39_nr_tables(mm), 2);
	assert_int_equal(sv39_pte(mm, a + half + 8 * PG), 0);
	assert_int_equal(user_load(mm, a + half + 8 * PG, &(u64){ 0 }), -EFAULT);

	assert_int_equal(ksys_munmap(mm, a + half, half), 0);
	mf_check(mm);
	assert_int_equal(mm->rss, 0);
	assert_int_equal(sv39_nr_tables(mm), 0);
	assert_int_equal(node_stat(NR_ANON_MAPPED), anon);
	/* Nothing left but the empty mm: pages, tables and VMAs all back. */
	assert_int_equal(mm->map_count, 0);
	put_mm(mm);
}

static void test_madvise_dontneed(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = map(mm, 0, 16 * PG, RW, ANON), i, free, tables;

	for (i = 0; i < 16; i++)
		fill_page(mm, a + i * PG);
	tables = sv39_nr_tables(mm);
	free = sl_free_pages();
	assert_int_equal(ksys_madvise(mm, a + 4 * PG, 4 * PG, MADV_DONTNEED), 0);
	mf_check(mm);
	/* Exactly the four pages back; the tables and the VMA stay. */
	assert_int_equal(sl_free_pages(), free + 4);
	assert_int_equal(sv39_nr_tables(mm), tables);
	assert_int_equal(mm->rss, 12);
	for (i = 4; i < 8; i++)
		assert_int_equal(sv39_pte(mm, a + i * PG), 0);
	/* Zeros where the pages went, the data elsewhere. */
	for (i = 0; i < 16; i++) {
		if (i >= 4 && i < 8)
			check_zero(mm, a + i * PG);
		else
			check_page(mm, a + i * PG);
	}
	put_mm(mm);
}

/* ============================================================ mprotect */

static void test_mprotect_changes_ptes(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = map(mm, 0, 8 * PG, RW, ANON), pfn[6], zero, flushes, i;
	u64 v;

	for (i = 0; i < 6; i++) {
		fill_page(mm, a + i * PG);
		pfn[i] = pte_pfn_of(mm, a + i * PG);
	}
	assert_int_equal(user_load(mm, a + 6 * PG, &v), 0); /* the zero page */
	zero = pte_pfn_of(mm, a + 6 * PG);

	flushes = host_tlb_flush_mm;
	assert_int_equal(ksys_mprotect(mm, a, 8 * PG, PROT_READ), 0);
	mf_check(mm);
	assert_true(host_tlb_flush_mm > flushes);
	for (i = 0; i < 6; i++) {
		u64 pte = sv39_pte(mm, a + i * PG);

		assert_int_equal(pte & (SV39_V | SV39_R | SV39_W | SV39_X), SV39_V | SV39_R);
		/* A and D stay: reclaim's record of the page. */
		assert_int_equal(pte & (SV39_A | SV39_D), SV39_A | SV39_D);
	}
	assert_int_equal(user_store(mm, a, 1), -EFAULT);
	check_page(mm, a + 2 * PG);

	/* PROT_NONE: no access at all, but the pages stay. */
	assert_int_equal(ksys_mprotect(mm, a, 8 * PG, PROT_NONE), 0);
	mf_check(mm);
	for (i = 0; i < 6; i++) {
		assert_int_not_equal(sv39_pte(mm, a + i * PG), 0);
		assert_false(sv39_pte(mm, a + i * PG) & SV39_V);
	}
	assert_int_equal(sv39_pte(mm, a + 7 * PG), 0);
	assert_int_equal(user_load(mm, a, &v), -EFAULT);
	assert_int_equal(mm->rss, 6);

	/* And back: the same pages, with their data; the zero page still read-only. */
	assert_int_equal(ksys_mprotect(mm, a, 8 * PG, RW), 0);
	mf_check(mm);
	for (i = 0; i < 6; i++) {
		check_page(mm, a + i * PG);
		assert_int_equal(pte_pfn_of(mm, a + i * PG), pfn[i]);
	}
	assert_int_equal(pte_pfn_of(mm, a + 6 * PG), zero);
	assert_false(sv39_pte(mm, a + 6 * PG) & SV39_W);
	assert_int_equal(user_store(mm, a + 6 * PG, 5), 0);
	assert_int_not_equal(pte_pfn_of(mm, a + 6 * PG), zero);
	assert_int_equal(user_store(mm, a, pattern(a, 0)), 0);
	assert_int_equal(mm->rss, 7);

	/* Part of the range executable: X on those PTEs only, W gone with PROT_WRITE. */
	assert_int_equal(ksys_mprotect(mm, a + 2 * PG, 2 * PG, PROT_READ | PROT_EXEC), 0);
	mf_check(mm);
	for (i = 0; i < 6; i++) {
		u64 pte = sv39_pte(mm, a + i * PG);
		bool x = i == 2 || i == 3;

		assert_int_equal(!!(pte & SV39_X), x);
		assert_int_equal(!!(pte & SV39_W), !x);
	}
	put_mm(mm);
}

static void test_populate(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = map(mm, 0, 8 * PG, RW, ANON | MAP_POPULATE), i, faults;

	assert_int_equal(mm->rss, 8);
	faults = vm_events[PGFAULT];
	for (i = 0; i < 8; i++) {
		assert_true(sv39_pte(mm, a + i * PG) & SV39_W);
		check_zero(mm, a + i * PG);
	}
	/* Everything was there: no fault needed. */
	assert_int_equal(vm_events[PGFAULT], faults);
	put_mm(mm);
}

/* ============================================================ file */

/* A file of two pages and 100 bytes: each fault copies a page of it (do_cow_fault()). */
#define DATA_SIZE (2 * PG + 100)

static unsigned char data_byte(unsigned long off)
{
	return (off * 7 + 3) & 0xff;
}

static vm_fault_t data_fault(struct vm_fault *vmf)
{
	unsigned char *p = page_address(vmf->cow_page);
	unsigned long i, off = vmf->pgoff * PG;

	if (off >= DATA_SIZE)
		return VM_FAULT_SIGBUS;
	for (i = 0; i < PG; i++)
		p[i] = off + i < DATA_SIZE ? data_byte(off + i) : 0;
	return VM_FAULT_DONE_COW;
}

static const struct vm_operations_struct data_vm_ops = { .fault = data_fault };

static int data_mmap(struct file *f, struct vm_area_struct *vma)
{
	vma->vm_ops = &data_vm_ops;
	return 0;
}

static const struct file_operations data_fops = { .mmap = data_mmap };
static struct file data_file = { .f_count = 1, .f_mode = FMODE_READ, .f_op = &data_fops };

/* The byte at @va as the user program reads it. */
static unsigned char user_byte(struct mm_struct *mm, unsigned long va)
{
	u64 v;

	assert_int_equal(user_load(mm, va & ~7UL, &v), 0);
	return v >> (8 * (va & 7));
}

static void test_private_file_mapping(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long x, w, i, icache = host_icache_flushes;

	/* Code: read and executed, never written. */
	x = vm_mmap(mm, &data_file, 0, 4 * PG, PROT_READ | PROT_EXEC, MAP_PRIVATE, 0);
	assert_false(IS_ERR_VALUE(x));
	for (i = 0; i < PG; i += 61)
		assert_int_equal(user_byte(mm, x + i), data_byte(i));
	assert_int_equal(sv39_pte(mm, x) & (SV39_V | SV39_R | SV39_W | SV39_X),
			 SV39_V | SV39_R | SV39_X);
	/* Filled through the direct map: instruction fetches must see it (fence.i). */
	assert_true(host_icache_flushes > icache);
	/* The file's own copy: an anonymous page of the process from now on. */
	assert_true(PageAnon(pfn_to_page(pte_pfn_of(mm, x))));
	assert_int_equal(mm->rss, 1);
	/* The last page: the file's 100 bytes, then zeros; past the end, SIGSEGV's -EFAULT. */
	assert_int_equal(user_byte(mm, x + 2 * PG + 99), data_byte(2 * PG + 99));
	assert_int_equal(user_byte(mm, x + 2 * PG + 100), 0);
	assert_int_equal(user_load(mm, x + 3 * PG, &(u64){ 0 }), -EFAULT);
	assert_int_equal(sv39_pte(mm, x + 3 * PG), 0);

	/* Data: written privately; after MADV_DONTNEED the file's bytes again. */
	w = vm_mmap(mm, &data_file, 0, 2 * PG, RW, MAP_PRIVATE, 1);
	assert_false(IS_ERR_VALUE(w));
	assert_int_equal(user_byte(mm, w + 5), data_byte(PG + 5));
	assert_int_equal(user_store(mm, w, 0), 0);
	assert_int_equal(user_byte(mm, w + 5), 0);
	assert_int_equal(user_byte(mm, x + PG + 5), data_byte(PG + 5));
	assert_int_equal(ksys_madvise(mm, w, PG, MADV_DONTNEED), 0);
	assert_int_equal(user_byte(mm, w + 5), data_byte(PG + 5));
	mf_check(mm);
	put_mm(mm);
	assert_int_equal(data_file.f_count, 1);
}

/* ============================================================ memfd */

/* mm/memfd.c's system call (<syscalls.h> clashes with the host's signal types). */
long sys_memfd_create(const char *uname, unsigned long flags);

static void test_memfd_create_errors(void)
{
	char name[251];

	assert_int_equal(sys_memfd_create("x", 0x100), -EINVAL);
	assert_int_equal(sys_memfd_create("x", MFD_EXEC | MFD_NOEXEC_SEAL), -EINVAL);
	/* A page size without MFD_HUGETLB is an unknown flag. */
	assert_int_equal(sys_memfd_create("x", 21U << MFD_HUGE_SHIFT), -EINVAL);
	assert_int_equal(sys_memfd_create((const char *)MF_BAD_USER_PTR, 0), -EFAULT);
	memset(name, 'n', 250);
	name[250] = 0;
	assert_int_equal(sys_memfd_create(name, 0), -EINVAL);
	/* No hugetlbfs: Linux without CONFIG_HUGETLBFS, after the name and descriptor checks. */
	assert_int_equal(sys_memfd_create("x", MFD_HUGETLB | 21U << MFD_HUGE_SHIFT), -ENOSYS);
	assert_null(mf_installed);
}

/*
 * memfd_create() and its file's methods: a write 1 TiB in grows the
 * object's tree from one level to four, the hole before it reads zeroes
 * without a page; a shared mapping sees the object's page, a private one
 * copies it; truncation frees the pages past the end, unmaps them (the
 * caller's mm) and zeroes the last page's tail; the last reference frees
 * the object with its pages and tables.
 */
static void test_memfd_file(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long shmem0 = global_node_page_state(NR_SHMEM), sh, pr;
	char out[16], in[16];
	struct kstat stat = { 0 };
	struct file *f;
	long pos;

	test_memfd_create_errors();
	assert_int_equal(sys_memfd_create("test", MFD_CLOEXEC), MF_INSTALLED_FD);
	f = mf_installed;
	f->f_op->getattr(f, &stat);
	assert_int_equal(stat.mode, S_IFREG | 0777);
	assert_int_equal(stat.size, 0);

	pos = 1L << 40;
	assert_int_equal(f->f_op->write(f, "terabyte", 8, &pos), 8);
	assert_int_equal(pos, (1L << 40) + 8);
	assert_int_equal(global_node_page_state(NR_SHMEM), shmem0 + 1);
	pos = (1L << 40) - 4;
	memset(in, 0xff, sizeof(in));
	assert_int_equal(f->f_op->read(f, in, sizeof(in), &pos), 12);
	assert_memory_equal(in, "\0\0\0\0terabyte", 12);
	/* The hole was read, not filled. */
	assert_int_equal(global_node_page_state(NR_SHMEM), shmem0 + 1);
	assert_int_equal(f->f_op->llseek(f, 0, SEEK_DATA), 1L << 40);
	assert_int_equal(f->f_op->truncate(f, PG + 10), 0);
	assert_int_equal(global_node_page_state(NR_SHMEM), shmem0);

	pos = PG;
	assert_int_equal(f->f_op->write(f, "shared page", 11, &pos), 11);
	pos = 0;
	assert_int_equal(f->f_op->write(f, "abcdefgh", 8, &pos), 8);
	sh = vm_mmap(mm, f, 0, 2 * PG, RW, MAP_SHARED, 0);
	pr = vm_mmap(mm, f, 0, 2 * PG, RW, MAP_PRIVATE, 0);
	assert_false(IS_ERR_VALUE(sh) || IS_ERR_VALUE(pr));
	assert_int_equal(user_byte(mm, sh + PG), 's');
	assert_int_equal(user_byte(mm, pr + PG), 's');
	assert_int_equal(user_store(mm, sh + PG, 0x4c4c4c4c4c4c4c4cUL), 0);
	assert_int_equal(user_store(mm, pr + PG, 0), 0);
	pos = PG;
	assert_int_equal(f->f_op->read(f, out, 4, &pos), 4);
	assert_memory_equal(out, "LLLL", 4);
	assert_true(PageAnon(pfn_to_page(pte_pfn_of(mm, pr + PG))));
	assert_false(PageAnon(pfn_to_page(pte_pfn_of(mm, sh + PG))));

	/* Shrinking unmaps the pages past the end (current's mm), private copies too. */
	host_task.mm = mm;
	assert_int_equal(f->f_op->truncate(f, 4), 0);
	host_task.mm = NULL;
	assert_int_equal(sv39_pte(mm, sh + PG), 0);
	assert_int_equal(user_load(mm, sh + PG, &(u64){ 0 }), -EFAULT);
	assert_int_equal(sv39_pte(mm, pr + PG), 0);
	assert_int_equal(user_load(mm, pr + PG, &(u64){ 0 }), -EFAULT);
	assert_int_equal(f->f_op->truncate(f, PG), 0);
	assert_int_equal(user_byte(mm, sh + 3), 'd');
	assert_int_equal(user_byte(mm, sh + 4), 0);

	/* The object outlives the mm: the descriptor holds it. */
	mf_check(mm);
	mmput(mm);
	assert_true(sl_settle() < base_free);
	mf_installed = NULL;
	fput(f);
	assert_int_equal(global_node_page_state(NR_SHMEM), shmem0);
	assert_int_equal(sl_settle(), base_free);
}

/* ============================================================ page lock */

static struct page *held;

/* The other holder of the page lock runs, and lets it go. */
static void other_holder_unlocks(void)
{
	unlock_page(held);
}

static void test_lock_page_waits(void **state)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long calls = host_schedule_calls;

	assert_non_null(page);
	lock_page(page);
	assert_true(PageLocked(page));
	assert_false(trylock_page(page));
	assert_int_equal(host_schedule_calls, calls);
	/* Held by someone else: lock_page() sleeps until they unlock it. */
	held = page;
	host_schedule_hook = other_holder_unlocks;
	lock_page(page);
	host_schedule_hook = NULL;
	assert_int_equal(host_schedule_calls, calls + 1);
	assert_true(PageLocked(page));
	unlock_page(page);
	assert_false(PageLocked(page));
	__free_page(page);
}

/* ============================================================ vmalloc */

/* The kernel PTE of @va in swapper_pg_dir, 0 if none. */
static u64 kernel_pte(unsigned long va)
{
	u64 *p = sv39_walk(swapper_pg_dir, va);

	return p ? *p : 0;
}

static void test_thread_stacks(void **state)
{
	unsigned long free = sl_settle(), s[3], i, j;
	u64 pte;

	for (i = 0; i < 3; i++) {
		s[i] = (unsigned long)alloc_thread_stack();
		assert_true(s[i]);
		/* Aligned to twice the size: bit THREAD_SHIFT tells an overflow. */
		assert_int_equal(s[i] % (2 * THREAD_SIZE), 0);
		assert_true(s[i] >= VMALLOC_START && s[i] < VMALLOC_END);
		/* Mapped, kernel read-write, not user; the guard below is not. */
		for (j = 0; j < THREAD_SIZE / PG; j++) {
			pte = kernel_pte(s[i] + j * PG);
			assert_int_equal(pte & (SV39_V | SV39_R | SV39_W | SV39_X | SV39_U),
					 SV39_V | SV39_R | SV39_W);
			memset(__va(SV39_PPN(pte) << PAGE_SHIFT), (int)i, PG);
		}
		assert_false(kernel_pte(s[i] - PG) & SV39_V);
		assert_false(kernel_pte(s[i] + THREAD_SIZE) & SV39_V);
	}
	/* Distinct stacks, distinct pages: each still holds its own bytes. */
	for (i = 0; i < 3; i++)
		for (j = 0; j < THREAD_SIZE / PG; j++)
			assert_int_equal(*(unsigned char *)__va(SV39_PPN(kernel_pte(s[i] + j * PG))
								<< PAGE_SHIFT),
					 i);
	for (i = 0; i < 3; i++) {
		unsigned long fences = host_remote_sfence;

		free_thread_stack((void *)s[i]);
		assert_false(kernel_pte(s[i]) & SV39_V);
		/* Every hart forgets the translation before the pages are reused. */
		assert_true(host_remote_sfence > fences);
	}
	/* The pages and the PTE table are back. */
	assert_int_equal(sl_settle(), free);
}

static void test_ioremap(void **state)
{
	phys_addr_t regs = 0x10001000; /* virtio-mmio on QEMU's virt machine */
	unsigned long va = (unsigned long)ioremap(regs + 0x10, 0x2000);
	u64 pte;

	assert_true(va >= VMALLOC_START + PGDIR_SIZE && va < VMALLOC_END);
	assert_int_equal(va & (PG - 1), 0x10);
	/* 0x2000 bytes from an offset of 0x10: three pages. */
	pte = kernel_pte(va);
	assert_int_equal(SV39_PPN(pte), regs >> PAGE_SHIFT);
	assert_int_equal(SV39_PPN(kernel_pte(va + 2 * PG)), (regs >> PAGE_SHIFT) + 2);
	assert_false(kernel_pte(va + 3 * PG) & SV39_V);
	assert_int_equal(pte & (SV39_V | SV39_R | SV39_W | SV39_X | SV39_U),
			 SV39_V | SV39_R | SV39_W);
	/* The next mapping goes above. */
	assert_true((unsigned long)ioremap(regs, 8) >= (va & PAGE_MASK) + 3 * PG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_touch_maps_zeroed_page),
		cmocka_unit_test(test_read_maps_zero_page_write_replaces_it),
		cmocka_unit_test(test_read_only_mapping),
		cmocka_unit_test(test_munmap_frees_pages_and_tables),
		cmocka_unit_test(test_madvise_dontneed),
		cmocka_unit_test(test_mprotect_changes_ptes),
		cmocka_unit_test(test_populate),
		cmocka_unit_test(test_private_file_mapping),
		cmocka_unit_test(test_memfd_file),
		cmocka_unit_test(test_lock_page_waits),
		cmocka_unit_test(test_thread_stacks),
		cmocka_unit_test(test_ioremap),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
