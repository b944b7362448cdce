// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the VMA code and the memory syscalls (mm/vma.c,
 * mm/mmap.c, mm/mprotect.c, mm/madvise.c) over mm/memory.c's real page
 * tables in fake memory, its hooks logged (mmap_fakes.c): exact layouts
 * after sequences of mmap, munmap, mprotect, madvise and brk; merges and
 * splits; Linux's error codes; top-down placement and hints against a
 * brute-force model; 20 000 VMAs; a seeded run of 100 000 operations
 * against a model of page states; rlimits and the map count limit; stack
 * growth; MAP_POPULATE; mlock, mlockall, msync and mincore's checks
 * (mm/mlock.c, mm/msync.c, mm/mincore.c); mseal and what it refuses
 * (mm/mseal.c), MDWE, process_mrelease() (mm/oom_kill.c); exit freeing
 * everything.
 *
 * One boot (64 MiB, SLUB, the VMA caches, the zero page) serves the program. Every test
 * makes its own mm, checks every invariant (mf_check()) as it goes, and
 * ends with mmput(): free pages and SLUB objects back to where they were.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fs.h>
#include <pagemap.h>
#include <sched/signal.h>

#include "mmap_helpers.h"
#include "sched_fakes.h"

#define PG PAGE_SIZE
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define FIXED (ANON | MAP_FIXED)

static unsigned long base_free;

static int group_setup(void **state)
{
	mf_boot(SZ_64M);
	return 0;
}

static struct kmem_cache *vma_cache(void)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		if (!strcmp(s->name, "vm_area_struct"))
			return s;
	fail_msg("no vm_area_struct cache");
	return NULL;
}

/* Nothing but the mm under test uses the VMA cache: after a settle, no slabs mean no VMAs. */
static unsigned long vma_slabs(void)
{
	sl_settle();
	return sl_nr_slabs(vma_cache());
}

static struct mm_struct *new_mm(void)
{
	struct mm_struct *mm;

	assert_int_equal(vma_slabs(), 0);
	base_free = sl_settle();
	host_reset_rlimits();
	mm = mm_alloc();
	assert_non_null(mm);
	mf_log_reset();
	mf_populate_fails = false;
	return mm;
}

/* mmput() and everything back: pages (tables, pgd, mm_struct included) and VMAs. */
static void put_mm(struct mm_struct *mm)
{
	mf_check(mm);
	mmput(mm);
	assert_int_equal(vma_slabs(), 0);
	assert_int_equal(sl_settle(), base_free);
}

static long mmap_(struct mm_struct *mm, unsigned long addr, unsigned long len, unsigned long prot,
		  unsigned long flags)
{
	long ret = ksys_mmap_pgoff(mm, addr, len, prot, flags, -1UL, 0);

	mf_check(mm);
	return ret;
}

/* The layout must be exactly @exp (start, end, flags). */
static void assert_layout(struct mm_struct *mm, const struct mf_vma *exp, int n)
{
	struct mf_vma got[64];
	int i, nr = mf_vmas(mm, got, 64);

	mf_check(mm);
	for (i = 0; i < min(n, nr); i++)
		if (got[i].start != exp[i].start || got[i].end != exp[i].end ||
		    got[i].flags != exp[i].flags)
			fail_msg("VMA %d: [%#lx, %#lx) %#lx, expected [%#lx, %#lx) %#lx", i,
				 got[i].start, got[i].end, got[i].flags, exp[i].start, exp[i].end,
				 exp[i].flags);
	assert_int_equal(nr, n);
}
#define LAYOUT(mm, ...)                                                            \
	do {                                                                       \
		const struct mf_vma __exp[] = { __VA_ARGS__ };                     \
		assert_layout(mm, __exp, (int)(sizeof(__exp) / sizeof(__exp[0]))); \
	} while (0)
#define V(s, e, prot)                         \
	{                                     \
		(s), (e), mf_anon_flags(prot) \
	}

static void assert_call(int i, enum mf_hook hook, unsigned long a, unsigned long b, unsigned long c,
			unsigned long d)
{
	assert_true(i < mf_nr_calls);
	assert_int_equal(mf_calls[i].hook, hook);
	assert_int_equal(mf_calls[i].a, a);
	assert_int_equal(mf_calls[i].b, b);
	assert_int_equal(mf_calls[i].c, c);
	assert_int_equal(mf_calls[i].d, d);
}

/* ============================================================ layouts */

static void test_mm_alloc_defaults(void **state)
{
	struct mm_struct *mm = new_mm();

	assert_int_equal(mm->task_size, TASK_SIZE);
	/* Linux's mmap_base(): 8 MiB + guard gap is under the 128 MiB minimum gap. */
	assert_int_equal(mm->mmap_base, TASK_SIZE - (128UL << 20));
	assert_int_equal(mm->map_count, 0);
	assert_null(find_vma(mm, 0));
	put_mm(mm);
}

/* Top-down placement: each new mapping right below the previous; same flags merge. */
static void test_topdown_and_merge(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long top = mm->mmap_base;

	assert_int_equal(mmap_(mm, 0, PG, RW, ANON), top - PG);
	assert_int_equal(mmap_(mm, 0, 3 * PG, RW, ANON), top - 4 * PG);
	LAYOUT(mm, V(top - 4 * PG, top, RW));
	assert_int_equal(mmap_(mm, 0, PG, PROT_READ, ANON), top - 5 * PG);
	assert_int_equal(mmap_(mm, 0, 2 * PG, RW, ANON), top - 7 * PG);
	LAYOUT(mm, V(top - 7 * PG, top - 5 * PG, RW), V(top - 5 * PG, top - 4 * PG, PROT_READ),
	       V(top - 4 * PG, top, RW));
	/* The hole after a munmap is taken again, highest first. */
	assert_int_equal(ksys_munmap(mm, top - 3 * PG, PG), 0);
	assert_int_equal(mmap_(mm, 0, PG, PROT_READ, ANON), top - 3 * PG);
	assert_int_equal(mmap_(mm, 0, 2 * PG, PROT_READ, ANON), top - 9 * PG);
	put_mm(mm);
}

static void test_mprotect_split_merge(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = 0x10000000;

	assert_int_equal(mmap_(mm, a, 10 * PG, RW, FIXED), a);
	assert_int_equal(mf_touch(mm, a + 4 * PG, true), 0);
	mf_log_reset();
	assert_int_equal(ksys_mprotect(mm, a + 3 * PG, 2 * PG, PROT_READ), 0);
	LAYOUT(mm, V(a, a + 3 * PG, RW), V(a + 3 * PG, a + 5 * PG, PROT_READ),
	       V(a + 5 * PG, a + 10 * PG, RW));
	assert_int_equal(mf_nr_calls, 0); /* no zap, no populate */
	assert_int_equal(mf_pte_prot(mm, a + 4 * PG), PROT_READ);
	assert_int_equal(mm->data_vm, 8);
	/* Widen the read-only part to the left: it merges into... nothing, it splits the left. */
	assert_int_equal(ksys_mprotect(mm, a + 2 * PG, PG, PROT_READ), 0);
	LAYOUT(mm, V(a, a + 2 * PG, RW), V(a + 2 * PG, a + 5 * PG, PROT_READ),
	       V(a + 5 * PG, a + 10 * PG, RW));
	/* Back to RW over all of it: one VMA again. */
	assert_int_equal(ksys_mprotect(mm, a + 2 * PG, 3 * PG, RW), 0);
	LAYOUT(mm, V(a, a + 10 * PG, RW));
	assert_int_equal(mf_pte_prot(mm, a + 4 * PG), RW);
	/* A whole-range change spanning VMAs; len is rounded up. */
	assert_int_equal(ksys_mprotect(mm, a, 10 * PG - 1, PROT_NONE), 0);
	LAYOUT(mm, V(a, a + 10 * PG, PROT_NONE));
	assert_int_equal(mm->data_vm, 0);
	assert_int_equal(mf_touch(mm, a + 4 * PG, false), -EFAULT);
	/* Errors. */
	assert_int_equal(ksys_mprotect(mm, a + 1, PG, RW), -EINVAL);
	assert_int_equal(ksys_mprotect(mm, a, 0, RW), 0);
	assert_int_equal(ksys_mprotect(mm, a, PG, 0x10), -EINVAL);
	assert_int_equal(ksys_mprotect(mm, a, PG, RW | PROT_GROWSDOWN | PROT_GROWSUP), -EINVAL);
	assert_int_equal(ksys_mprotect(mm, a, PG, RW | PROT_GROWSDOWN), -EINVAL);
	assert_int_equal(ksys_mprotect(mm, a, -PG, RW), -ENOMEM);
	assert_int_equal(ksys_mprotect(mm, a - PG, 2 * PG, RW), -ENOMEM);
	/* A hole in the middle: what comes before it changes, then -ENOMEM (Linux). */
	assert_int_equal(ksys_munmap(mm, a + 6 * PG, PG), 0);
	assert_int_equal(ksys_mprotect(mm, a + 4 * PG, 4 * PG, PROT_READ), -ENOMEM);
	LAYOUT(mm, V(a, a + 4 * PG, PROT_NONE), V(a + 4 * PG, a + 6 * PG, PROT_READ),
	       V(a + 7 * PG, a + 10 * PG, PROT_NONE));
	put_mm(mm);
}

static void test_munmap_splits_and_hooks(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = 0x40000000, i;

	assert_int_equal(mmap_(mm, a, 1024 * PG, RW, FIXED), a);
	for (i = 0; i < 1024; i += 100)
		assert_int_equal(mf_touch(mm, a + i * PG, true), 0);
	assert_int_equal(mm->rss, 11);
	mf_log_reset();
	/* A hole in the middle: two VMAs; the zap covers the hole, the tables stay (shared). */
	assert_int_equal(ksys_munmap(mm, a + 100 * PG, 3 * PG), 0);
	LAYOUT(mm, V(a, a + 100 * PG, RW), V(a + 103 * PG, a + 1024 * PG, RW));
	assert_int_equal(mf_nr_calls, 2);
	assert_call(0, MF_ZAP, a + 100 * PG, a + 103 * PG, 0, 0);
	assert_call(1, MF_FREE_PGD, a + 100 * PG, a + 103 * PG, a + 100 * PG, a + 103 * PG);
	assert_int_equal(mm->rss, 10);
	assert_int_equal(mm->total_vm, 1021);
	/* Across both VMAs and the hole: each remaining piece zapped. */
	mf_log_reset();
	assert_int_equal(ksys_munmap(mm, a + 50 * PG, 200 * PG), 0);
	LAYOUT(mm, V(a, a + 50 * PG, RW), V(a + 250 * PG, a + 1024 * PG, RW));
	assert_int_equal(mf_nr_calls, 3);
	assert_call(0, MF_ZAP, a + 50 * PG, a + 100 * PG, 0, 0);
	assert_call(1, MF_ZAP, a + 103 * PG, a + 250 * PG, 0, 0);
	assert_call(2, MF_FREE_PGD, a + 50 * PG, a + 250 * PG, a + 50 * PG, a + 250 * PG);
	/* Unmapping nothing is not an error; errors are Linux's. */
	assert_int_equal(ksys_munmap(mm, a + 60 * PG, PG), 0);
	assert_int_equal(ksys_munmap(mm, a + 1, PG), -EINVAL);
	assert_int_equal(ksys_munmap(mm, a, 0), -EINVAL);
	assert_int_equal(ksys_munmap(mm, TASK_SIZE, PG), -EINVAL);
	assert_int_equal(ksys_munmap(mm, TASK_SIZE - PG, 2 * PG), -EINVAL);
	assert_int_equal(ksys_munmap(mm, a, -1UL), -EINVAL);
	/* Everything: the tables go too (no neighbours: floor 0, ceiling 0). */
	mf_log_reset();
	assert_int_equal(ksys_munmap(mm, a, 1024 * PG), 0);
	assert_int_equal(mf_nr_calls, 3);
	assert_call(2, MF_FREE_PGD, a, a + 1024 * PG, 0, 0);
	assert_int_equal(sv39_nr_tables(mm), 0);
	assert_int_equal(mm->rss, 0);
	put_mm(mm);
}

static void test_map_fixed_replaces(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = 0x20000000;

	assert_int_equal(mmap_(mm, a, 4 * PG, PROT_READ, FIXED), a);
	assert_int_equal(mmap_(mm, a + 4 * PG, 4 * PG, RW, FIXED), a + 4 * PG);
	assert_int_equal(mf_touch(mm, a + 3 * PG, false), 0);
	assert_int_equal(mf_touch(mm, a + 5 * PG, true), 0);
	/* Over the end of one and the start of the other: the pages go, a new middle VMA. */
	assert_int_equal(mmap_(mm, a + 2 * PG, 4 * PG, PROT_EXEC, FIXED), a + 2 * PG);
	LAYOUT(mm, V(a, a + 2 * PG, PROT_READ), V(a + 2 * PG, a + 6 * PG, PROT_EXEC),
	       V(a + 6 * PG, a + 8 * PG, RW));
	assert_int_equal(mm->rss, 0);
	assert_int_equal(mm->exec_vm, 4);
	/* Same flags as both neighbours: all three merge. */
	assert_int_equal(mmap_(mm, a + 4 * PG, 2 * PG, RW, FIXED), a + 4 * PG);
	assert_int_equal(mmap_(mm, a + 2 * PG, 2 * PG, PROT_READ, FIXED), a + 2 * PG);
	LAYOUT(mm, V(a, a + 4 * PG, PROT_READ), V(a + 4 * PG, a + 8 * PG, RW));
	/* MAP_FIXED_NOREPLACE: -EEXIST over anything, fine in a hole; hints ignored otherwise. */
	assert_int_equal(mmap_(mm, a + 7 * PG, 2 * PG, RW, ANON | MAP_FIXED_NOREPLACE), -EEXIST);
	assert_int_equal(mmap_(mm, a + 8 * PG, 2 * PG, RW, ANON | MAP_FIXED_NOREPLACE), a + 8 * PG);
	LAYOUT(mm, V(a, a + 4 * PG, PROT_READ), V(a + 4 * PG, a + 10 * PG, RW));
	put_mm(mm);
}

static void test_mmap_errors(void **state)
{
	struct mm_struct *mm = new_mm();

	assert_int_equal(mmap_(mm, 0, 0, RW, ANON), -EINVAL);
	assert_int_equal(mmap_(mm, 0x10001, PG, RW, FIXED), -EINVAL);
	assert_int_equal(mmap_(mm, 0, PG, RW, MAP_ANONYMOUS), -EINVAL);
	assert_int_equal(mmap_(mm, 0, PG, RW, MAP_ANONYMOUS | MAP_SHARED | MAP_PRIVATE), -EINVAL);
	assert_int_equal(mmap_(mm, 0, PG, RW, MAP_ANONYMOUS | MAP_SHARED | MAP_GROWSDOWN), -EINVAL);
	assert_int_equal(mmap_(mm, 0, -PG + 1, RW, ANON), -ENOMEM);
	assert_int_equal(mmap_(mm, 0, TASK_SIZE, RW, ANON | MAP_NORESERVE), -ENOMEM);
	assert_int_equal(mmap_(mm, TASK_SIZE - PG, 2 * PG, RW, FIXED), -ENOMEM);
	/* Below mmap_min_addr: root has CAP_SYS_RAWIO (cap_mmap_addr()). */
	assert_int_equal(mmap_(mm, 0, PG, RW, FIXED), 0);
	assert_int_equal(ksys_munmap(mm, 0, PG), 0);
	assert_int_equal(ksys_mmap_pgoff(mm, 0, PG, RW, ANON, -1UL, -1UL), -EOVERFLOW);
	assert_int_equal(ksys_mmap_pgoff(mm, 0, PG, RW, MAP_PRIVATE, -1UL, 0), -EBADF);
	assert_int_equal(ksys_mmap_pgoff(mm, 0, PG, RW, MAP_PRIVATE, 7, 0), -EBADF);
	assert_int_equal(ksys_mmap_pgoff(mm, 0, PG, RW, MAP_SHARED, 1, 0), -ENODEV);
	assert_int_equal(ksys_mmap_pgoff(mm, 0, PG, RW, MAP_ANONYMOUS, 1, 0), -EINVAL);
	assert_int_equal(ksys_mmap_pgoff(mm, 0, PG, RW, MAP_PRIVATE, 0, 0), -ENODEV);
	/* A pool size (mm/hugetlb.c) but no huge page to map: hugetlb_reserve_pages()'s -ENOMEM. */
	assert_int_equal(mmap_(mm, 0, PG, RW, ANON | MAP_HUGETLB), -ENOMEM);
	assert_int_equal(mmap_(mm, 0, PG, RW, ANON | MAP_HUGETLB | 21 << MAP_HUGE_SHIFT), -ENOMEM);
	assert_int_equal(mmap_(mm, 0, 0, RW, ANON | MAP_HUGETLB), -EINVAL);
	/* hstate_sizelog(): no pool of 1 GiB pages. */
	assert_int_equal(mmap_(mm, 0, PG, RW, ANON | MAP_HUGETLB | 30 << MAP_HUGE_SHIFT), -EINVAL);
	assert_int_equal(ksys_mmap_pgoff(mm, 0, PG, RW, MAP_PRIVATE | MAP_HUGETLB, 0, 0), -EINVAL);
	/* File mappings: the flags are validated, offsets end at ULONG_MAX (file_mmap_ok()). */
	assert_int_equal(ksys_mmap_pgoff(mm, 0, PG, RW, MAP_SHARED_VALIDATE | 0x200000, 1, 0),
			 -EOPNOTSUPP);
	assert_int_equal(ksys_mmap_pgoff(mm, 0, PG, RW, MAP_SHARED | 0x200000, 1, 0), -ENODEV);
	assert_int_equal(ksys_mmap_pgoff(mm, 0, 2 * PG, RW, MAP_PRIVATE, 0, -1UL >> PAGE_SHIFT),
			 -EOVERFLOW);
	/* Private writable memory larger than RAM: refused unless MAP_NORESERVE. */
	assert_int_equal(mmap_(mm, 0, 1UL << 30, RW, ANON), -ENOMEM);
	assert_true(mmap_(mm, 0, 1UL << 30, PROT_READ, ANON) > 0);
	assert_true(mmap_(mm, 0, 1UL << 30, RW, ANON | MAP_NORESERVE) > 0);
	assert_int_equal(mm->map_count, 2);
	put_mm(mm);
}

/* ===================================================== placement, hints */

static void test_hints(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long top = mm->mmap_base, h = 0x30000000;

	/* A free hint is taken as is (rounded down to a page: round_hint_to_min()). */
	assert_int_equal(mmap_(mm, h + PG + 5, PG, RW, ANON), h + PG);
	assert_int_equal(mmap_(mm, h, PG, RW, ANON), h);
	/* An occupied hint: top-down from mmap_base instead. */
	assert_int_equal(mmap_(mm, h, 2 * PG, RW, ANON), top - 2 * PG);
	/* Within the first page: rounded down to 0, which is no hint at all. */
	assert_int_equal(mmap_(mm, 0x10, PG, PROT_READ, ANON), top - 3 * PG);
	/* Past the end of the address space: ignored. */
	assert_int_equal(mmap_(mm, TASK_SIZE - PG, 2 * PG, PROT_READ, ANON), top - 5 * PG);
	/* A stack's guard gap is not free for a hint (nor for placement). */
	assert_int_equal(mmap_(mm, 0x50000000, 4 * PG, RW, FIXED | MAP_GROWSDOWN), 0x50000000);
	assert_int_equal(mmap_(mm, 0x50000000 - 2 * PG, PG, PROT_READ, ANON), top - 6 * PG);
	assert_int_equal(mmap_(mm, 0x50000000 - STACK_GUARD_GAP - PG, PG, PROT_READ, ANON),
			 0x50000000 - STACK_GUARD_GAP - PG);
	put_mm(mm);
}

/* Where Linux would put @len: brute force over the VMA list. */
static unsigned long model_place(struct mm_struct *mm, unsigned long len)
{
	struct mf_vma v[4096];
	int n = mf_vmas(mm, v, 4096), i;
	unsigned long lo, hi, best = 0;

	assert_true(n < 4096);
	/* Top-down below mmap_base: the highest gap end that fits. */
	for (i = 0; i <= n; i++) {
		lo = i ? v[i - 1].end : 0;
		hi = i < n ? v[i].start : ~0UL;
		if (i < n && (v[i].flags & VM_GROWSDOWN))
			hi = hi > STACK_GUARD_GAP ? hi - STACK_GUARD_GAP : 0;
		lo = max(lo, PAGE_SIZE);
		hi = min(hi, mm->mmap_base);
		if (hi >= lo + len && hi > lo)
			best = max(best, hi - len);
	}
	if (best)
		return best;
	for (i = 0; i <= n; i++) {
		lo = max(i ? v[i - 1].end : 0, TASK_UNMAPPED_BASE);
		hi = min(i < n ? v[i].start : ~0UL, mm->task_size);
		if (hi > lo && hi - lo >= len)
			return lo;
	}
	return -ENOMEM;
}

static void test_placement_model(void **state)
{
	struct mm_struct *mm = new_mm();
	u64 seed = 0x1234;
	int i;

	/* Narrow the top-down area so that the bottom-up fallback is hit too. */
	mm->mmap_base = TASK_UNMAPPED_BASE + 64 * SZ_1M;
	for (i = 0; i < 3000; i++) {
		unsigned long len = (pa_rand(&seed) % 64 + 1) * PG, expect, got;
		struct vm_area_struct *vma;

		if (pa_rand(&seed) % 5 == 0)
			len *= 1024;
		if (pa_rand(&seed) % 3 == 0 && mm->map_count) {
			/* Unmap a random part of a random VMA. */
			vma = find_vma(mm, pa_rand(&seed) % mm->task_size);
			if (vma)
				assert_int_equal(ksys_munmap(mm, vma->vm_start,
							     (vma_pages(vma) + 1) / 2 * PG),
						 0);
			continue;
		}
		expect = model_place(mm, len);
		/* NORESERVE: 256 MiB of private writable memory is more than RAM. */
		got = mmap_(mm, 0, len, pa_rand(&seed) % 2 ? RW : PROT_READ,
			    ANON | MAP_NORESERVE | (i % 7 ? 0 : MAP_GROWSDOWN));
		assert_int_equal(got, expect);
	}
	put_mm(mm);
}

/* 20 000 one-page mappings of alternating protection: 20 000 VMAs, lookups stay right. */
static void test_many_vmas(void **state)
{
	enum { N = 20000 };
	struct mm_struct *mm = new_mm();
	unsigned long top = mm->mmap_base, a, *model = calloc(N, sizeof(*model));
	struct vm_area_struct *vma, *prev;
	u64 seed = 99;
	int i;

	for (i = 0; i < N; i++) {
		assert_int_equal(ksys_mmap_pgoff(mm, 0, PG, i % 2 ? RW : PROT_READ, ANON, -1UL, 0),
				 top - (i + 1) * PG);
		model[i] = 1 + i % 2;
	}
	mf_check(mm);
	assert_int_equal(mm->map_count, N);
	/* Unmap a third at random, then look up random addresses against the model. */
	for (i = 0; i < N / 3; i++) {
		int k = pa_rand(&seed) % N;

		assert_int_equal(ksys_munmap(mm, top - (k + 1) * PG, PG), 0);
		model[k] = 0;
	}
	mf_check(mm);
	for (i = 0; i < 200000; i++) {
		int k = pa_rand(&seed) % N, j;

		a = top - (k + 1) * PG + pa_rand(&seed) % PG;
		vma = find_vma_prev(mm, a, &prev);
		if (model[k]) {
			assert_non_null(vma);
			assert_int_equal(vma->vm_start, top - (k + 1) * PG);
			assert_int_equal(vma->vm_flags & VM_WRITE, model[k] == 2 ? VM_WRITE : 0);
			continue;
		}
		/* Unmapped: the next VMA up is the first mapped k' < k. */
		for (j = k - 1; j >= 0 && !model[j]; j--)
			;
		if (j < 0)
			assert_null(vma);
		else
			assert_int_equal(vma->vm_start, top - (j + 1) * PG);
		assert_null(find_vma_intersection(mm, a & PAGE_MASK, (a & PAGE_MASK) + PG));
	}
	/* Placement fills the holes, highest first. */
	for (i = 0; i < N && model[i]; i++)
		;
	assert_int_equal(ksys_mmap_pgoff(mm, 0, PG, PROT_EXEC, ANON, -1UL, 0), top - (i + 1) * PG);
	free(model);
	put_mm(mm);
}

/* ================================================================== brk */

static void test_brk(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long sb = 0x100000 + 0x123, heap = PAGE_ALIGN(sb);

	mm->start_data = 0xf0000;
	mm->end_data = 0x100000 + 0x123;
	mm->start_brk = mm->brk = sb;
	assert_int_equal(ksys_brk(mm, 0), sb);
	assert_int_equal(ksys_brk(mm, sb - 1), sb);
	/* Within the page the break is in: no VMA. */
	assert_int_equal(ksys_brk(mm, heap), heap);
	assert_int_equal(mm->map_count, 0);
	assert_int_equal(ksys_brk(mm, heap + 3 * PG + 1), heap + 3 * PG + 1);
	LAYOUT(mm, { heap, heap + 4 * PG, VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT });
	assert_int_equal(mf_touch(mm, heap + 3 * PG, true), 0);
	assert_int_equal(ksys_brk(mm, heap + 8 * PG), heap + 8 * PG);
	LAYOUT(mm, { heap, heap + 8 * PG, VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT });
	/* Shrinking unmaps and frees. */
	mf_log_reset();
	assert_int_equal(ksys_brk(mm, heap + 2 * PG), heap + 2 * PG);
	assert_call(0, MF_ZAP, heap + 2 * PG, heap + 8 * PG, 0, 0);
	assert_int_equal(mm->rss, 0);
	LAYOUT(mm, { heap, heap + 2 * PG, VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT });
	/* Growing into another mapping, or within a page of it: refused. */
	assert_int_equal(mmap_(mm, heap + 10 * PG, PG, PROT_READ, FIXED), heap + 10 * PG);
	assert_int_equal(ksys_brk(mm, heap + 10 * PG), heap + 2 * PG);
	assert_int_equal(ksys_brk(mm, heap + 9 * PG + 1), heap + 2 * PG);
	assert_int_equal(ksys_brk(mm, heap + 9 * PG), heap + 9 * PG);
	/* RLIMIT_DATA counts the heap and the data segment. */
	host_signal.rlim[RLIMIT_DATA].rlim_cur =
		(mm->end_data - mm->start_data) + (heap + 5 * PG - sb);
	assert_int_equal(ksys_brk(mm, heap + 2 * PG), heap + 2 * PG);
	assert_int_equal(ksys_brk(mm, heap + 5 * PG + 1), heap + 2 * PG);
	assert_int_equal(ksys_brk(mm, heap + 5 * PG), heap + 5 * PG);
	/* Back to the start: no heap VMA left. */
	assert_int_equal(ksys_brk(mm, sb), sb);
	LAYOUT(mm, V(heap + 10 * PG, heap + 11 * PG, PROT_READ));
	put_mm(mm);
}

/* ============================================================ rlimits */

static void test_rlimits(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = 0x10000000;

	/* prlimit64's checks are kernel/sys.c's, tested by user/abi-sys.c. */
	host_signal.rlim[RLIMIT_AS].rlim_cur = 16 * PG;
	assert_int_equal(mmap_(mm, a, 16 * PG, PROT_READ, FIXED), a);
	assert_int_equal(mmap_(mm, 0, PG, PROT_READ, ANON), -ENOMEM);
	/* MAP_FIXED over existing pages counts only what it adds. */
	assert_int_equal(mmap_(mm, a + 8 * PG, 8 * PG, RW, FIXED), a + 8 * PG);
	assert_int_equal(mmap_(mm, a + 8 * PG, 9 * PG, RW, FIXED), -ENOMEM);
	LAYOUT(mm, V(a, a + 8 * PG, PROT_READ), V(a + 8 * PG, a + 16 * PG, RW));
	assert_int_equal(ksys_munmap(mm, a, 16 * PG), 0);

	/* RLIMIT_DATA: private writable mappings only. */
	host_signal.rlim[RLIMIT_AS].rlim_cur = RLIM64_INFINITY;
	host_signal.rlim[RLIMIT_DATA].rlim_cur = 4 * PG;
	assert_int_equal(mmap_(mm, a, 4 * PG, RW, FIXED), a);
	assert_int_equal(mmap_(mm, 0, PG, RW, ANON), -ENOMEM);
	assert_true(mmap_(mm, 0, PG, RW, MAP_SHARED | MAP_ANONYMOUS) > 0);
	assert_int_equal(mmap_(mm, a + 8 * PG, PG, PROT_READ, FIXED), a + 8 * PG);
	/* ... and mprotect making memory writable. */
	assert_int_equal(ksys_mprotect(mm, a + 8 * PG, PG, RW), -ENOMEM);
	assert_int_equal(ksys_mprotect(mm, a, PG, PROT_READ), 0);
	assert_int_equal(ksys_mprotect(mm, a + 8 * PG, PG, RW), 0);
	assert_int_equal(mm->data_vm, 4);
	put_mm(mm);
}

static void test_map_count_limit(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = 0x10000000;
	int saved = sysctl_max_map_count;

	sysctl_max_map_count = 3;
	assert_int_equal(mmap_(mm, a, 10 * PG, RW, FIXED), a);
	assert_int_equal(ksys_munmap(mm, a + 2 * PG, PG), 0);
	assert_int_equal(ksys_mprotect(mm, a + 5 * PG, PG, PROT_READ), -ENOMEM);
	assert_int_equal(ksys_mprotect(mm, a + 3 * PG, PG, PROT_READ), 0);
	/* map_count is 3 now: a split in the middle is refused, at an end it is not needed. */
	assert_int_equal(ksys_munmap(mm, a + 6 * PG, PG), -ENOMEM);
	assert_int_equal(ksys_munmap(mm, a + 9 * PG, PG), 0);
	assert_int_equal(ksys_madvise(mm, a + 6 * PG, PG, MADV_RANDOM), -EAGAIN);
	LAYOUT(mm, V(a, a + 2 * PG, RW), V(a + 3 * PG, a + 4 * PG, PROT_READ),
	       V(a + 4 * PG, a + 9 * PG, RW));
	/* Linux checks map_count > max before mapping: one more is still allowed. */
	assert_true(mmap_(mm, 0, PG, PROT_EXEC, ANON) > 0);
	assert_int_equal(mmap_(mm, 0, PG, PROT_EXEC, ANON), -ENOMEM);
	sysctl_max_map_count = saved;
	put_mm(mm);
}

/* ============================================================== stacks */

static void test_stack_growth(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long top = STACK_TOP, a;

	assert_int_equal(mmap_(mm, top - 4 * PG, 4 * PG, RW, FIXED | MAP_GROWSDOWN), top - 4 * PG);
	LAYOUT(mm, { top - 4 * PG, top, VM_STACK_FLAGS });
	assert_int_equal(mm->stack_vm, 4);
	/* A touch below grows it, to the page. */
	assert_int_equal(mf_touch(mm, top - 100 * PG + 8, true), 0);
	LAYOUT(mm, { top - 100 * PG, top, VM_STACK_FLAGS });
	assert_int_equal(mm->stack_vm, 100);
	/* Up to RLIMIT_STACK (8 MiB) and no further. */
	assert_int_equal(mf_touch(mm, top - (8UL << 20), true), 0);
	assert_int_equal(mf_touch(mm, top - (8UL << 20) - 1, true), -EFAULT);
	host_signal.rlim[RLIMIT_STACK].rlim_cur = 16UL << 20;
	/* A mapping below: growth stops a guard gap above it. */
	a = top - (12UL << 20);
	assert_int_equal(mmap_(mm, a - PG, PG, PROT_READ, FIXED), a - PG);
	assert_int_equal(mf_touch(mm, a + STACK_GUARD_GAP - 1, true), -EFAULT);
	assert_int_equal(mf_touch(mm, a + STACK_GUARD_GAP, true), 0);
	/* A PROT_NONE mapping needs no gap (Linux: vma_is_accessible()). */
	assert_int_equal(ksys_mprotect(mm, a - PG, PG, PROT_NONE), 0);
	assert_int_equal(mf_touch(mm, a, true), 0);
	assert_int_equal(find_vma(mm, a)->vm_start, a);
	/* mprotect with PROT_GROWSDOWN extends to the VMA's start. */
	assert_int_equal(ksys_mprotect(mm, top - PG, PG, PROT_READ | PROT_GROWSDOWN), 0);
	assert_int_equal(find_vma(mm, a)->vm_flags, VM_STACK_FLAGS & ~(VM_WRITE | VM_ACCOUNT));
	/* RLIMIT_AS applies to growth too. */
	assert_int_equal(ksys_munmap(mm, a - PG, PG), 0);
	host_signal.rlim[RLIMIT_AS].rlim_cur = mm->total_vm << PAGE_SHIFT;
	assert_int_equal(mf_touch(mm, a - PG, false), -EFAULT);
	put_mm(mm);
}

/* ===================================================== populate, advice */

static void test_populate(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = 0x10000000;

	assert_int_equal(mmap_(mm, a, 4 * PG, RW, FIXED | MAP_POPULATE), a);
	assert_int_equal(mf_nr_calls, 1);
	assert_call(0, MF_POPULATE, a, a + 4 * PG, 0, 0);
	assert_int_equal(mm->rss, 4);
	assert_int_equal(mf_pte_prot(mm, a + 3 * PG), RW);
	/* Merged with the VMA below: only the new range is populated. */
	mf_log_reset();
	assert_int_equal(mmap_(mm, a + 4 * PG, 2 * PG, RW, FIXED | MAP_POPULATE), a + 4 * PG);
	assert_call(0, MF_POPULATE, a + 4 * PG, a + 6 * PG, 0, 0);
	/* PROT_NONE is not populated; MAP_NONBLOCK cancels; failure is ignored. */
	mf_log_reset();
	assert_int_equal(mmap_(mm, a + 8 * PG, PG, PROT_NONE, FIXED | MAP_POPULATE), a + 8 * PG);
	assert_int_equal(mmap_(mm, a + 9 * PG, PG, RW, FIXED | MAP_POPULATE | MAP_NONBLOCK),
			 a + 9 * PG);
	assert_int_equal(mf_nr_calls, 0);
	mf_populate_fails = true;
	assert_int_equal(mmap_(mm, a + 10 * PG, PG, PROT_READ, FIXED | MAP_POPULATE), a + 10 * PG);
	assert_int_equal(mf_nr_calls, 1);
	assert_int_equal(mm->rss, 6);
	put_mm(mm);
}

static void test_madvise(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = 0x10000000, i;

	assert_int_equal(mmap_(mm, a, 8 * PG, RW, FIXED | MAP_POPULATE), a);
	mf_log_reset();
	assert_int_equal(ksys_madvise(mm, a + 2 * PG, 3 * PG, MADV_DONTNEED), 0);
	assert_call(0, MF_ZAP, a + 2 * PG, a + 5 * PG, 0, 0);
	for (i = 0; i < 8; i++)
		assert_int_equal(mf_pte_prot(mm, a + i * PG), i >= 2 && i < 5 ? -1 : RW);
	LAYOUT(mm, V(a, a + 8 * PG, RW));
	/* Read-ahead advice splits and merges like mprotect. */
	assert_int_equal(ksys_madvise(mm, a + PG, PG, MADV_RANDOM), 0);
	LAYOUT(mm, V(a, a + PG, RW), { a + PG, a + 2 * PG, mf_anon_flags(RW) | VM_RAND_READ },
	       V(a + 2 * PG, a + 8 * PG, RW));
	assert_int_equal(ksys_madvise(mm, a, 8 * PG, MADV_NORMAL), 0);
	LAYOUT(mm, V(a, a + 8 * PG, RW));
	assert_int_equal(ksys_madvise(mm, a, 8 * PG, MADV_WILLNEED), 0);
	/* Holes: the mapped parts get the advice, the result is -ENOMEM. */
	assert_int_equal(ksys_munmap(mm, a + 4 * PG, PG), 0);
	mf_log_reset();
	assert_int_equal(ksys_madvise(mm, a + 3 * PG, 4 * PG, MADV_DONTNEED), -ENOMEM);
	assert_int_equal(mf_nr_calls, 2);
	assert_call(0, MF_ZAP, a + 3 * PG, a + 4 * PG, 0, 0);
	assert_call(1, MF_ZAP, a + 5 * PG, a + 7 * PG, 0, 0);
	assert_int_equal(mf_pte_prot(mm, a + 7 * PG), RW);
	assert_int_equal(ksys_madvise(mm, a + 20 * PG, PG, MADV_NORMAL), -ENOMEM);
	assert_int_equal(ksys_madvise(mm, a + 7 * PG, 2 * PG, MADV_NORMAL), -ENOMEM);
	/* Errors. */
	assert_int_equal(ksys_madvise(mm, a, PG, 1000), -EINVAL);
	assert_int_equal(ksys_madvise(mm, a, PG, MADV_HWPOISON), -EINVAL);
	assert_int_equal(ksys_madvise(mm, a, PG, MADV_COLLAPSE), -EINVAL);
	assert_int_equal(ksys_madvise(mm, a, PG, MADV_REMOVE), -EINVAL);
	/* Flag advice: MADV_HUGEPAGE sets VM_HUGEPAGE on its piece, MADV_NOHUGEPAGE swaps it. */
	assert_int_equal(ksys_madvise(mm, a, PG, MADV_HUGEPAGE), 0);
	LAYOUT(mm, { a, a + PG, mf_anon_flags(RW) | VM_HUGEPAGE }, V(a + PG, a + 4 * PG, RW),
	       V(a + 5 * PG, a + 8 * PG, RW));
	assert_int_equal(ksys_madvise(mm, a, PG, MADV_NOHUGEPAGE), 0);
	LAYOUT(mm, { a, a + PG, mf_anon_flags(RW) | VM_NOHUGEPAGE }, V(a + PG, a + 4 * PG, RW),
	       V(a + 5 * PG, a + 8 * PG, RW));
	/* Populating: a hole is -ENOMEM, memory without the access -EINVAL. */
	assert_int_equal(ksys_madvise(mm, a + 4 * PG, PG, MADV_POPULATE_READ), -ENOMEM);
	assert_int_equal(ksys_mprotect(mm, a + 7 * PG, PG, PROT_READ), 0);
	assert_int_equal(ksys_madvise(mm, a + 7 * PG, PG, MADV_POPULATE_WRITE), -EINVAL);
	assert_int_equal(ksys_madvise(mm, a + 7 * PG, PG, MADV_POPULATE_READ), 0);
	assert_int_equal(ksys_madvise(mm, a + 1, PG, MADV_NORMAL), -EINVAL);
	assert_int_equal(ksys_madvise(mm, a, 0, MADV_DONTNEED), 0);
	assert_int_equal(ksys_madvise(mm, a, -1UL, MADV_DONTNEED), -EINVAL);
	assert_int_equal(ksys_madvise(mm, -PG, 2 * PG, MADV_DONTNEED), -EINVAL);
	/* MADV_FREE: private only. */
	assert_int_equal(mmap_(mm, a + 16 * PG, PG, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED),
			 a + 16 * PG);
	assert_int_equal(ksys_madvise(mm, a + 16 * PG, PG, MADV_FREE), -EINVAL);
	assert_int_equal(ksys_madvise(mm, a, PG, MADV_FREE), 0);
	put_mm(mm);
}

/* ==================================================== mlock, msync, mincore */

#define LOCKED(s, e, extra)                                       \
	{                                                         \
		(s), (e), mf_anon_flags(RW) | VM_LOCKED | (extra) \
	}

static void test_mlock(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = 0x10000000;

	assert_int_equal(mmap_(mm, a, 8 * PG, RW, FIXED), a);
	/* An unaligned start rounds down, the length covers the bytes: 3 pages. */
	assert_int_equal(ksys_mlock(mm, a + 2 * PG + 1, 2 * PG, 0), 0);
	LAYOUT(mm, V(a, a + 2 * PG, RW), LOCKED(a + 2 * PG, a + 5 * PG, 0),
	       V(a + 5 * PG, a + 8 * PG, RW));
	assert_int_equal(mm->locked_vm, 3);
	assert_call(0, MF_POPULATE, a + 2 * PG, a + 5 * PG, 0, 0);
	/* MLOCK_ONFAULT: a VMA of its own, nothing populated. */
	mf_log_reset();
	assert_int_equal(ksys_mlock(mm, a + 5 * PG, PG, MLOCK_ONFAULT), 0);
	LAYOUT(mm, V(a, a + 2 * PG, RW), LOCKED(a + 2 * PG, a + 5 * PG, 0),
	       LOCKED(a + 5 * PG, a + 6 * PG, VM_LOCKONFAULT), V(a + 6 * PG, a + 8 * PG, RW));
	assert_int_equal(mm->locked_vm, 4);
	assert_int_equal(mf_nr_calls, 0);
	assert_int_equal(ksys_mlock(mm, a, PG, 2), -EINVAL);
	/* Locking all of it merges it back into one VMA; pages locked before count once. */
	assert_int_equal(ksys_mlock(mm, a, 8 * PG, 0), 0);
	LAYOUT(mm, LOCKED(a, a + 8 * PG, 0));
	assert_int_equal(mm->locked_vm, 8);
	assert_int_equal(ksys_munlock(mm, a + 3 * PG, PG), 0);
	assert_int_equal(mm->locked_vm, 7);
	/* A hole: what comes before it is done, the answer is -ENOMEM. */
	assert_int_equal(ksys_munmap(mm, a + 6 * PG, PG), 0);
	assert_int_equal(mm->locked_vm, 6);
	assert_int_equal(ksys_munlock(mm, a, 8 * PG), -ENOMEM);
	LAYOUT(mm, V(a, a + 6 * PG, RW), LOCKED(a + 7 * PG, a + 8 * PG, 0));
	assert_int_equal(ksys_mlock(mm, a + 6 * PG, PG, 0), -ENOMEM);
	assert_int_equal(ksys_mlock(mm, a, 0, 0), 0);
	/* Pages that cannot come in: locked all the same, -EAGAIN. */
	mf_populate_fails = true;
	assert_int_equal(ksys_mlock(mm, a, PG, 0), -EAGAIN);
	assert_int_equal(mm->locked_vm, 2);
	/* Locked read-only memory made writable is populated again (mprotect_fixup()). */
	mf_populate_fails = false;
	assert_int_equal(ksys_mprotect(mm, a, PG, PROT_READ), 0);
	mf_log_reset();
	assert_int_equal(ksys_mprotect(mm, a, PG, RW), 0);
	assert_call(mf_nr_calls - 1, MF_POPULATE, a, a + PG, 0, 0);
	put_mm(mm);
}

static void test_mlockall(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = 0x10000000, heap = 0x100000, s = a + 1024 * PG;

	mm->start_brk = mm->brk = heap;
	assert_int_equal(mmap_(mm, a, 2 * PG, RW, FIXED), a);
	assert_int_equal(mmap_(mm, a + 4 * PG, PG, PROT_NONE, FIXED), a + 4 * PG);
	assert_int_equal(ksys_mlockall(mm, 0), -EINVAL);
	assert_int_equal(ksys_mlockall(mm, MCL_ONFAULT), -EINVAL);
	assert_int_equal(ksys_mlockall(mm, 8), -EINVAL);
	assert_int_equal(ksys_mlockall(mm, MCL_CURRENT), 0);
	LAYOUT(mm, LOCKED(a, a + 2 * PG, 0),
	       { a + 4 * PG, a + 5 * PG, mf_anon_flags(PROT_NONE) | VM_LOCKED });
	assert_int_equal(mm->locked_vm, 3);
	assert_int_equal(mm->def_flags, 0);
	/* Only the accessible VMA is populated. */
	assert_int_equal(mm->rss, 2);
	/* MCL_FUTURE: new mappings and the heap come in locked and populated. */
	assert_int_equal(ksys_mlockall(mm, MCL_FUTURE), 0);
	assert_int_equal(mm->def_flags, VM_LOCKED);
	assert_int_equal(mmap_(mm, a + 8 * PG, PG, RW, FIXED), a + 8 * PG);
	assert_int_equal(ksys_brk(mm, heap + 2 * PG), heap + 2 * PG);
	assert_int_equal(mm->locked_vm, 6);
	assert_int_equal(mm->rss, 5);
	/* A locked stack that grows counts its new pages as locked. */
	assert_int_equal(mmap_(mm, s, PG, RW, FIXED | MAP_GROWSDOWN), s);
	assert_int_equal(mf_touch(mm, s - PG, true), 0);
	mf_check(mm);
	assert_int_equal(mm->locked_vm, 8);
	assert_int_equal(ksys_mlockall(mm, MCL_FUTURE | MCL_ONFAULT), 0);
	assert_int_equal(mm->def_flags, VM_LOCKED | VM_LOCKONFAULT);
	assert_int_equal(ksys_munlockall(mm), 0);
	assert_int_equal(mm->def_flags, 0);
	assert_int_equal(mm->locked_vm, 0);
	LAYOUT(mm, { heap, heap + 2 * PG, VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT },
	       V(a, a + 2 * PG, RW), { a + 4 * PG, a + 5 * PG, mf_anon_flags(PROT_NONE) },
	       V(a + 8 * PG, a + 9 * PG, RW), { s - PG, s + PG, mf_anon_flags(RW) | VM_GROWSDOWN });
	put_mm(mm);
}

static void test_msync(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = 0x10000000;

	assert_int_equal(mmap_(mm, a, 4 * PG, RW, FIXED), a);
	assert_int_equal(ksys_msync(mm, a, 4 * PG, MS_SYNC), 0);
	assert_int_equal(ksys_msync(mm, a, 4 * PG, MS_ASYNC | MS_INVALIDATE), 0);
	assert_int_equal(ksys_msync(mm, a, PG, MS_ASYNC | MS_SYNC), -EINVAL);
	assert_int_equal(ksys_msync(mm, a, PG, 8), -EINVAL);
	assert_int_equal(ksys_msync(mm, a + 1, PG, 0), -EINVAL);
	assert_int_equal(ksys_msync(mm, a, 0, 0), 0);
	assert_int_equal(ksys_msync(mm, a, -PG, 0), -ENOMEM);
	assert_int_equal(ksys_munmap(mm, a + PG, PG), 0);
	assert_int_equal(ksys_msync(mm, a, 4 * PG, MS_SYNC), -ENOMEM);
	assert_int_equal(ksys_msync(mm, a, 4 * PG, MS_ASYNC), -ENOMEM);
	assert_int_equal(ksys_msync(mm, a + PG, PG, MS_SYNC), -ENOMEM);
	assert_int_equal(ksys_mlock(mm, a + 3 * PG, PG, 0), 0);
	assert_int_equal(ksys_msync(mm, a + 2 * PG, 2 * PG, MS_SYNC), 0);
	assert_int_equal(ksys_msync(mm, a + 2 * PG, 2 * PG, MS_INVALIDATE), -EBUSY);
	/* The hole is met first, but -EBUSY wins: Linux's loop goes on past it. */
	assert_int_equal(ksys_msync(mm, a, 4 * PG, MS_INVALIDATE), -EBUSY);
	put_mm(mm);
}

/* mincore over the real page tables: a byte per page, then its checks. */
static void test_mincore(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = 0x10000000;
	unsigned char vec[4] = { 9, 9, 9, 9 };

	assert_int_equal(mmap_(mm, a, 4 * PG, RW, FIXED), a);
	assert_int_equal(ksys_mincore(mm, a, 3 * PG + 1, vec), 0);
	assert_memory_equal(vec, "\0\0\0\0", 4);
	/* A write fault maps a page, a read fault the zero page: both resident. */
	assert_int_equal(mf_touch(mm, a, true), 0);
	assert_int_equal(mf_touch(mm, a + 2 * PG, false), 0);
	assert_int_equal(ksys_mincore(mm, a, 4 * PG, vec), 0);
	assert_memory_equal(vec, "\1\0\1\0", 4);
	/* MADV_DONTNEED takes them away again. */
	assert_int_equal(ksys_madvise(mm, a, PG, MADV_DONTNEED), 0);
	assert_int_equal(ksys_mincore(mm, a, 4 * PG, vec), 0);
	assert_memory_equal(vec, "\0\0\1\0", 4);
	assert_int_equal(ksys_mincore(mm, a + 1, PG, vec), -EINVAL);
	assert_int_equal(ksys_mincore(mm, a, PG, MF_BAD_USER_PTR), -EFAULT);
	assert_int_equal(ksys_mincore(mm, a, 5 * PG, vec), -ENOMEM);
	assert_int_equal(ksys_mincore(mm, a - PG, PG, vec), -ENOMEM);
	assert_int_equal(ksys_mincore(mm, mm->task_size, PG, vec), -ENOMEM);
	assert_int_equal(ksys_mincore(mm, a, 0, vec), 0);
	put_mm(mm);
}

static void test_shared_anonymous(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = 0x10000000,
		      sh = RW | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_SHARED | VM_MAYSHARE;

	assert_int_equal(mmap_(mm, a, 2 * PG, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED), a);
	assert_int_equal(mmap_(mm, a + 2 * PG, 2 * PG, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED),
			 a + 2 * PG);
	/* Each shared mapping is its own object in Linux (shmem): no merging. */
	LAYOUT(mm, { a, a + 2 * PG, sh }, { a + 2 * PG, a + 4 * PG, sh });
	assert_ptr_not_equal(find_vma(mm, a)->vm_file, find_vma(mm, a + 2 * PG)->vm_file);
	assert_int_equal(mm->data_vm, 0);
	assert_int_equal(ksys_mprotect(mm, a, PG, PROT_READ), 0);
	LAYOUT(mm, { a, a + PG, sh & ~VM_WRITE }, { a + PG, a + 2 * PG, sh },
	       { a + 2 * PG, a + 4 * PG, sh });
	put_mm(mm);
}

/*
 * A file with an mmap method: each VMA holds a reference (get_file() on
 * mmap and split, fput() on merge and unmap), the method sets vm_ops; a
 * shared mapping of a file not open for writing is private (VM_MAYSHARE
 * only); a method that refuses leaves a MAP_FIXED range as it was.
 */
static void test_file_mapping(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = 0x10000000, b, ro = PROT_READ | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	struct vm_area_struct *vma;

	assert_int_equal(ksys_mmap_pgoff(mm, a, 4 * PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, 3, 2),
			 a);
	vma = find_vma(mm, a);
	assert_ptr_equal(vma->vm_file, &mf_file);
	assert_ptr_equal(vma->vm_ops, &mf_file_vm_ops);
	assert_int_equal(vma->vm_pgoff, 2);
	assert_int_equal(mf_file.f_count, 2);
	assert_int_equal(ksys_mprotect(mm, a + PG, PG, PROT_NONE), 0);
	LAYOUT(mm, { a, a + PG, ro }, { a + PG, a + 2 * PG, ro & ~VM_READ },
	       { a + 2 * PG, a + 4 * PG, ro });
	assert_int_equal(mf_file.f_count, 4);
	assert_int_equal(find_vma(mm, a + 2 * PG)->vm_pgoff, 4);
	assert_ptr_equal(find_vma(mm, a + 2 * PG)->vm_ops, &mf_file_vm_ops);
	assert_int_equal(ksys_mprotect(mm, a + PG, PG, PROT_READ), 0);
	LAYOUT(mm, { a, a + 4 * PG, ro });
	assert_int_equal(mf_file.f_count, 2);

	assert_int_equal(ksys_mmap_pgoff(mm, 0, PG, RW, MAP_SHARED, 3, 0), -EACCES);
	b = ksys_mmap_pgoff(mm, 0, PG, PROT_READ, MAP_SHARED, 3, 0);
	assert_false(IS_ERR_VALUE(b));
	assert_int_equal(find_vma(mm, b)->vm_flags, (ro & ~VM_MAYWRITE) | VM_MAYSHARE);
	assert_int_equal(mf_file.f_count, 3);

	assert_int_equal(ksys_mmap_pgoff(mm, a, PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, 4, 0),
			 -EIO);
	assert_int_equal(mf_proc.f_count, 1);
	assert_ptr_equal(find_vma(mm, a)->vm_file, &mf_file);
	LAYOUT(mm, { a, a + 4 * PG, ro }, { b, b + PG, (ro & ~VM_MAYWRITE) | VM_MAYSHARE });
	put_mm(mm);
	assert_int_equal(mf_file.f_count, 1);
}

/* The shmem page at @addr, as memory.c's do_shared_fault() gets it, locked (no PTE made here). */
static struct page *shmem_page_at(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	struct vm_fault vmf = { .vma = vma, .address = addr };

	assert_true(vma && vma->vm_start <= addr && vma->vm_ops && vma->vm_ops->fault);
	vmf.pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	assert_int_equal(vma->vm_ops->fault(&vmf), VM_FAULT_LOCKED);
	assert_non_null(vmf.page);
	assert_true(PageLocked(vmf.page));
	assert_int_equal(vmf.page->index, vmf.pgoff);
	assert_ptr_equal(vmf.page->mapping, vma->vm_file->f_mapping);
	unlock_page(vmf.page);
	put_page(vmf.page); /* the reference a PTE would hold */
	return vmf.page;
}

static void test_shmem_object(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = 0x10000000, big, sz = 8UL << 20,
		      sh = RW | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_SHARED | VM_MAYSHARE;
	unsigned long shmem0 = global_node_page_state(NR_SHMEM);
	struct file *file;
	struct page *p0, *p3;

	assert_int_equal(mmap_(mm, a, 4 * PG, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED), a);
	assert_int_equal(mmap_(mm, a + 4 * PG, PG, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED),
			 a + 4 * PG);
	file = find_vma(mm, a)->vm_file;
	assert_non_null(file);
	assert_int_equal(file->f_count, 1);
	p0 = shmem_page_at(mm, a);
	p3 = shmem_page_at(mm, a + 3 * PG);
	assert_ptr_not_equal(p0, p3);
	memset(page_address(p3), 0x5a, PAGE_SIZE);
	assert_ptr_equal(shmem_page_at(mm, a), p0); /* found again, not a new page */
	assert_int_equal(global_node_page_state(NR_SHMEM), shmem0 + 2);

	/* Split in three: the pieces share the object at their offsets ... */
	assert_int_equal(ksys_mprotect(mm, a + PG, 2 * PG, PROT_READ), 0);
	LAYOUT(mm, { a, a + PG, sh }, { a + PG, a + 3 * PG, sh & ~VM_WRITE },
	       { a + 3 * PG, a + 4 * PG, sh }, { a + 4 * PG, a + 5 * PG, sh });
	assert_int_equal(file->f_count, 3);
	assert_int_equal(find_vma(mm, a + 3 * PG)->vm_pgoff, 3);
	assert_ptr_equal(shmem_page_at(mm, a + 3 * PG), p3);
	/* ... and merge back into one (not with the other mapping). */
	assert_int_equal(ksys_mprotect(mm, a + PG, 2 * PG, RW), 0);
	LAYOUT(mm, { a, a + 4 * PG, sh }, { a + 4 * PG, a + 5 * PG, sh });
	assert_int_equal(file->f_count, 1);
	assert_int_equal(find_vma(mm, a)->vm_pgoff, 0);

	/* munmap of the middle keeps the rest, with its pages. */
	assert_int_equal(ksys_munmap(mm, a + PG, 2 * PG), 0);
	assert_int_equal(file->f_count, 2);
	assert_ptr_equal(shmem_page_at(mm, a + 3 * PG), p3);
	assert_int_equal(((unsigned char *)page_address(p3))[PAGE_SIZE - 1], 0x5a);
	assert_int_equal(global_node_page_state(NR_SHMEM), shmem0 + 2);

	/* 8 MiB: a two-level index, pages at both ends and in between. */
	big = mmap_(mm, 0, sz, RW, MAP_SHARED | MAP_ANONYMOUS);
	assert_false(IS_ERR_VALUE(big));
	shmem_page_at(mm, big);
	shmem_page_at(mm, big + sz / 2 + 5 * PG);
	shmem_page_at(mm, big + sz - PG);
	assert_int_equal(global_node_page_state(NR_SHMEM), shmem0 + 5);
	assert_int_equal(ksys_munmap(mm, big, sz), 0);
	assert_int_equal(global_node_page_state(NR_SHMEM), shmem0 + 2);
	/* The last references go with the mm: every page and table back (put_mm()). */
	put_mm(mm);
	assert_int_equal(global_node_page_state(NR_SHMEM), shmem0);
}

/* ========================================================= random model */

/*
 * 100 000 seeded operations confined to a 1024-page sandbox, against a model
 * of page states (mapped, flags, populated). Private mappings only: then the
 * VMAs are exactly the maximal runs of pages with equal flags, but where
 * two parts of a run have different anon_vmas.
 */
enum { NP = 1024 };
struct mpage {
	bool mapped, present;
	unsigned long flags;
};

static unsigned long model_flags(unsigned long prot, bool noreserve, unsigned long madv)
{
	unsigned long f = prot | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | madv;

	if (noreserve)
		return f | VM_NORESERVE;
	return (prot & PROT_WRITE) ? f | VM_ACCOUNT : f;
}

static void model_compare(struct mm_struct *mm, unsigned long sb, const struct mpage *m)
{
	struct vm_area_struct *vma = find_vma(mm, sb);
	int i = 0;

	mf_check(mm);
	while (i < NP) {
		int j = i;

		if (!m[i].mapped) {
			i++;
			continue;
		}
		while (j < NP && m[j].mapped && m[j].flags == m[i].flags)
			j++;
		assert_non_null(vma);
		/*
		 * A run may be several VMAs where their anon_vmas differ (Linux's
		 * is_mergeable_anon_vma()), or differed when they met: Loam keeps
		 * one without an anon_vma apart from one with (mm/vma.c's
		 * anon_vma_fits()), and a fault may then give the first the
		 * other's (anon_vma_prepare()). Never without an anon_vma.
		 */
		while (vma && vma->vm_end < sb + j * PG && vma->vm_next &&
		       vma->vm_next->vm_start == vma->vm_end &&
		       (vma->anon_vma || vma->vm_next->anon_vma) && vma->vm_flags == m[i].flags &&
		       vma->vm_start == sb + i * PG) {
			i = (vma->vm_end - sb) / PG;
			vma = vma->vm_next;
		}
		if (vma->vm_start != sb + i * PG || vma->vm_end != sb + j * PG ||
		    vma->vm_flags != m[i].flags)
			fail_msg(
				"VMA [%#lx, %#lx) %#lx anon_vma %p (next's %p), model [%#lx, %#lx) %#lx",
				vma->vm_start, vma->vm_end, vma->vm_flags, (void *)vma->anon_vma,
				vma->vm_next ? (void *)vma->vm_next->anon_vma : NULL, sb + i * PG,
				sb + j * PG, m[i].flags);
		vma = vma->vm_next;
		i = j;
	}
	assert_true(!vma || vma->vm_start >= sb + NP * PG);
	for (i = 0; i < NP; i++)
		assert_int_equal(mf_pte_prot(mm, sb + i * PG) >= 0, m[i].present);
}

static void test_random_model(void **state)
{
	struct mm_struct *mm = new_mm();
	struct mpage *m = calloc(NP, sizeof(*m));
	unsigned long sb = 0x7000000000UL >> 4;
	static const int advs[] = { MADV_DONTNEED,   MADV_NORMAL,   MADV_RANDOM,
				    MADV_SEQUENTIAL, MADV_WILLNEED, MADV_FREE };
	u64 seed = 0xc0ffee;
	long step;

	for (step = 0; step < 100000; step++) {
		int op = pa_rand(&seed) % 8, s = pa_rand(&seed) % NP, i, first_hole = -1;
		int n = 1 + pa_rand(&seed) % (pa_rand(&seed) % 4 ? 16 : 256);
		unsigned long prot = pa_rand(&seed) % 8, addr = sb + s * PG;
		bool any_mapped = false, noreserve = pa_rand(&seed) % 4 == 0;
		bool populate = pa_rand(&seed) % 4 == 0;
		long ret, expect = 0;

		if (s + n > NP)
			n = NP - s;
		for (i = s; i < s + n; i++) {
			any_mapped |= m[i].mapped;
			if (!m[i].mapped && first_hole < 0)
				first_hole = i;
		}
		switch (op) {
		case 0:
		case 1: /* mmap MAP_FIXED or MAP_FIXED_NOREPLACE */
			ret = ksys_mmap_pgoff(mm, addr, n * PG, prot,
					      (op ? MAP_FIXED_NOREPLACE : MAP_FIXED) | ANON |
						      (noreserve ? MAP_NORESERVE : 0) |
						      (populate ? MAP_POPULATE : 0),
					      -1UL, 0);
			expect = op && any_mapped ? -EEXIST : (long)addr;
			if (ret == expect && ret > 0)
				for (i = s; i < s + n; i++)
					m[i] = (struct mpage){ true, populate && prot,
							       model_flags(prot, noreserve, 0) };
			break;
		case 2: /* munmap */
			ret = ksys_munmap(mm, addr, n * PG);
			for (i = s; i < s + n; i++)
				m[i] = (struct mpage){ 0 };
			break;
		case 3:
		case 4: /* mprotect: up to the first hole, then -ENOMEM */
			ret = ksys_mprotect(mm, addr, n * PG, prot);
			expect = first_hole >= 0 ? -ENOMEM : 0;
			for (i = s; i < (first_hole >= 0 ? first_hole : s + n); i++)
				m[i].flags = model_flags(prot, m[i].flags & VM_NORESERVE,
							 m[i].flags & (VM_RAND_READ | VM_SEQ_READ));
			break;
		case 5: { /* madvise: the mapped parts, -ENOMEM if any hole */
			int adv = advs[pa_rand(&seed) % ARRAY_SIZE(advs)];

			ret = ksys_madvise(mm, addr, n * PG, adv);
			expect = first_hole >= 0 ? -ENOMEM : 0;
			for (i = s; i < s + n; i++) {
				if (!m[i].mapped)
					continue;
				/* MADV_FREE frees lazily: the pages stay until reclaim comes. */
				if (adv == MADV_DONTNEED)
					m[i].present = false;
				if (adv <= MADV_SEQUENTIAL)
					m[i].flags = (m[i].flags & ~(VM_RAND_READ | VM_SEQ_READ)) |
						     (adv == MADV_RANDOM     ? VM_RAND_READ :
						      adv == MADV_SEQUENTIAL ? VM_SEQ_READ :
									       0);
			}
			break;
		}
		default: { /* a fault */
			bool write = pa_rand(&seed) % 2;
			unsigned long need = write ? VM_WRITE : VM_READ | VM_WRITE;

			ret = mf_touch(mm, addr + pa_rand(&seed) % PG, write);
			expect = m[s].mapped && (m[s].flags & need) ? 0 : -EFAULT;
			if (!expect)
				m[s].present = true;
			break;
		}
		}
		if (ret != expect)
			fail_msg(
				"step %ld: op %d at page %d, %d pages, prot %lu: %ld, expected %ld",
				step, op, s, n, prot, ret, expect);
		if (step % 64 == 0)
			model_compare(mm, sb, m);
	}
	model_compare(mm, sb, m);
	free(m);
	put_mm(mm);
}

/* ================================================================= exit */

static void test_exit_frees_everything(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a;
	int i;

	for (i = 0; i < 3000; i++) {
		a = ksys_mmap_pgoff(mm, 0, (i % 5 + 1) * PG, i % 3 ? RW : PROT_READ, ANON, -1UL, 0);
		assert_false(IS_ERR_VALUE(a));
		assert_int_equal(mf_touch(mm, a, false), 0);
	}
	assert_int_equal(mmap_(mm, STACK_TOP - PG, PG, RW, FIXED | MAP_GROWSDOWN), STACK_TOP - PG);
	assert_int_equal(mf_touch(mm, STACK_TOP - 64 * PG, true), 0);
	assert_true(sv39_nr_tables(mm) > 0);
	assert_true(sl_nr_slabs(vma_cache()) > 0);
	mmget(mm);
	mmput(mm); /* not the last user */
	mf_check(mm);
	put_mm(mm); /* the last: exit_mmap(), then pgd and mm_struct freed */
}

/* mremap (mm/mremap.c): errnos, no room without MAYMOVE, a move keeps the PTEs, grow, shrink. */
static void test_mremap(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = 0x10000000, b = 0x20000000;

	assert_int_equal(mmap_(mm, a, 4 * PG, RW, FIXED), a);
	assert_int_equal(mmap_(mm, a + 4 * PG, PG, PROT_READ, FIXED), a + 4 * PG);
	assert_int_equal(mf_touch(mm, a + PG, true), 0);
	assert_int_equal(ksys_mremap(mm, a, 4 * PG, 8 * PG, 0, 0), -ENOMEM);
	assert_int_equal(ksys_mremap(mm, a, 4 * PG, 4 * PG, 8, 0), -EINVAL);
	assert_int_equal(ksys_mremap(mm, a, 4 * PG, 0, MREMAP_MAYMOVE, 0), -EINVAL);
	assert_int_equal(ksys_mremap(mm, a + 1, PG, PG, 0, 0), -EINVAL);
	assert_int_equal(ksys_mremap(mm, a, 0, PG, MREMAP_MAYMOVE, 0), -EINVAL);
	assert_int_equal(ksys_mremap(mm, b, PG, 2 * PG, MREMAP_MAYMOVE, 0), -EFAULT);
	assert_int_equal(ksys_mremap(mm, a, 5 * PG, 6 * PG, MREMAP_MAYMOVE, 0), -EFAULT);
	assert_int_equal(ksys_mremap(mm, a, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, a + PG),
			 -EINVAL);
	LAYOUT(mm, V(a, a + 4 * PG, RW), V(a + 4 * PG, a + 5 * PG, PROT_READ));

	/* The written page's PTE moves to the new address; the old one is gone. */
	assert_int_equal(ksys_mremap(mm, a, 4 * PG, 6 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, b), b);
	LAYOUT(mm, V(a + 4 * PG, a + 5 * PG, PROT_READ), V(b, b + 6 * PG, RW));
	assert_int_equal(mf_pte_prot(mm, a + PG), -1);
	assert_int_equal(mf_pte_prot(mm, b + PG), VM_READ | VM_WRITE);
	assert_int_equal(mf_pte_prot(mm, b), -1);

	/* Grow in place into the free gap, shrink in place. */
	assert_int_equal(ksys_mremap(mm, b, 6 * PG, 8 * PG, 0, 0), b);
	LAYOUT(mm, V(a + 4 * PG, a + 5 * PG, PROT_READ), V(b, b + 8 * PG, RW));
	assert_int_equal(ksys_mremap(mm, b, 8 * PG, 2 * PG, 0, 0), b);
	LAYOUT(mm, V(a + 4 * PG, a + 5 * PG, PROT_READ), V(b, b + 2 * PG, RW));
	assert_int_equal(mf_pte_prot(mm, b + PG), VM_READ | VM_WRITE);

	/* DONTUNMAP: both stay, the old one empty. */
	assert_int_equal(ksys_mremap(mm, b, 2 * PG, 2 * PG,
				     MREMAP_MAYMOVE | MREMAP_DONTUNMAP | MREMAP_FIXED, a),
			 a);
	LAYOUT(mm, V(a, a + 2 * PG, RW), V(a + 4 * PG, a + 5 * PG, PROT_READ),
	       V(b, b + 2 * PG, RW));
	assert_int_equal(mf_pte_prot(mm, a + PG), VM_READ | VM_WRITE);
	assert_int_equal(mf_pte_prot(mm, b + PG), -1);
	put_mm(mm);
}

#define S(s, e, prot)                                     \
	{                                                 \
		(s), (e), mf_anon_flags(prot) | VM_SEALED \
	}

/* mseal (mm/mseal.c): its errors, splits and merges, and every call a seal refuses. */
static void test_mseal(void **state)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = 0x10000000;

	assert_int_equal(mmap_(mm, a, 4 * PG, PROT_READ, FIXED), a);
	assert_int_equal(mmap_(mm, a + 5 * PG, PG, PROT_READ, FIXED), a + 5 * PG);
	assert_int_equal(do_mseal(mm, a, PG, 1), -EINVAL);
	assert_int_equal(do_mseal(mm, a + 1, PG, 0), -EINVAL);
	assert_int_equal(do_mseal(mm, a, -PG, 0), -EINVAL);
	assert_int_equal(do_mseal(mm, a, 0, 0), 0);
	/* A hole seals nothing, wherever it is. */
	assert_int_equal(do_mseal(mm, a, 6 * PG, 0), -ENOMEM);
	assert_int_equal(do_mseal(mm, a - PG, 2 * PG, 0), -ENOMEM);
	LAYOUT(mm, V(a, a + 4 * PG, PROT_READ), V(a + 5 * PG, a + 6 * PG, PROT_READ));

	/* Split off the middle, then merge: sealed VMAs merge with sealed neighbours only. */
	assert_int_equal(do_mseal(mm, a + PG, PG + 1, 0), 0);
	LAYOUT(mm, V(a, a + PG, PROT_READ), S(a + PG, a + 3 * PG, PROT_READ),
	       V(a + 3 * PG, a + 4 * PG, PROT_READ), V(a + 5 * PG, a + 6 * PG, PROT_READ));
	assert_int_equal(do_mseal(mm, a, 4 * PG, 0), 0);
	assert_int_equal(do_mseal(mm, a, 4 * PG, 0), 0);
	LAYOUT(mm, S(a, a + 4 * PG, PROT_READ), V(a + 5 * PG, a + 6 * PG, PROT_READ));

	mf_log_reset();
	assert_int_equal(ksys_munmap(mm, a + PG, PG), -EPERM);
	/* From the unsealed VMA across the hole into the sealed one: nothing goes. */
	assert_int_equal(ksys_munmap(mm, a + 3 * PG, 3 * PG), -EPERM);
	assert_int_equal(ksys_mprotect(mm, a, PG, PROT_READ), -EPERM);
	assert_int_equal(do_mprotect_pkey(mm, a, PG, PROT_NONE, -1), -EPERM);
	assert_int_equal(do_mprotect_pkey(mm, a + 5 * PG, PG, PROT_NONE, 1), -EINVAL);
	assert_int_equal(ksys_mremap(mm, a, PG, 2 * PG, MREMAP_MAYMOVE, 0), -EPERM);
	assert_int_equal(ksys_mremap(mm, a + 5 * PG, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, a),
			 -EPERM);
	assert_int_equal(mmap_(mm, a + 3 * PG, 2 * PG, RW, FIXED), -EPERM);
	assert_int_equal(ksys_madvise(mm, a, PG, MADV_DONTNEED), -EPERM);
	assert_int_equal(ksys_madvise(mm, a, PG, MADV_WIPEONFORK), -EPERM);
	assert_int_equal(mf_nr_calls, 0); /* nothing zapped */
	LAYOUT(mm, S(a, a + 4 * PG, PROT_READ), V(a + 5 * PG, a + 6 * PG, PROT_READ));
	/* Advice that keeps the pages: allowed, the flag goes with the split. */
	assert_int_equal(ksys_madvise(mm, a, PG, MADV_RANDOM), 0);
	LAYOUT(mm, { a, a + PG, mf_anon_flags(PROT_READ) | VM_SEALED | VM_RAND_READ },
	       S(a + PG, a + 4 * PG, PROT_READ), V(a + 5 * PG, a + 6 * PG, PROT_READ));

	/* Writable sealed memory may still drop its pages. */
	assert_int_equal(mmap_(mm, a + 8 * PG, PG, RW, FIXED), a + 8 * PG);
	assert_int_equal(do_mseal(mm, a + 8 * PG, PG, 0), 0);
	assert_int_equal(mf_touch(mm, a + 8 * PG, true), 0);
	assert_int_equal(ksys_madvise(mm, a + 8 * PG, PG, MADV_DONTNEED), 0);
	assert_int_equal(mf_pte_prot(mm, a + 8 * PG), -1);
	put_mm(mm);
}

/* MDWE (map_deny_write_exec()): no W+X, no X gained; fork and exec inherit it but NO_INHERIT. */
static void test_mdwe(void **state)
{
	struct mm_struct *mm = new_mm(), *child;
	unsigned long a = 0x10000000;

	set_bit(MMF_HAS_MDWE, &mm->flags);
	assert_int_equal(mmap_(mm, a, PG, RW | PROT_EXEC, FIXED), -EACCES);
	assert_int_equal(mmap_(mm, a, PG, PROT_READ | PROT_EXEC, FIXED), a);
	assert_int_equal(ksys_mprotect(mm, a, PG, PROT_READ | PROT_EXEC), 0);
	assert_int_equal(ksys_mprotect(mm, a, PG, PROT_READ), 0);
	assert_int_equal(ksys_mprotect(mm, a, PG, PROT_READ | PROT_EXEC), -EACCES);
	assert_int_equal(mmap_(mm, a + PG, PG, RW, FIXED), a + PG);
	assert_int_equal(ksys_mprotect(mm, a + PG, PG, RW | PROT_EXEC), -EACCES);
	/* Replacing a mapping with MAP_FIXED makes a new VMA: R+X is allowed. */
	assert_int_equal(mmap_(mm, a + PG, PG, PROT_READ | PROT_EXEC, FIXED), a + PG);

	/* mm_alloc() copies the caller's MDWE (mmf_init_flags()), unless NO_INHERIT. */
	host_task.mm = mm;
	child = mm_alloc();
	assert_true(test_bit(MMF_HAS_MDWE, &child->flags));
	mmput(child);
	set_bit(MMF_HAS_MDWE_NO_INHERIT, &mm->flags);
	child = mm_alloc();
	assert_false(test_bit(MMF_HAS_MDWE, &child->flags));
	mmput(child);
	host_task.mm = NULL;
	put_mm(mm);
}

/* <syscalls.h>'s, whose uapi sigset_t the host's C library has too. */
long sys_process_mrelease(long pidfd, unsigned long flags);

/* process_mrelease() (mm/oom_kill.c): a dying process's private pages go, its VMAs stay. */
static void test_process_mrelease(void **state)
{
	struct mm_struct *mm = new_mm();
	struct task_struct t = { .pid = 10, .usage = 1, .comm = "dying" };
	unsigned long a = 0x10000000, b = 0x20000000, p;

	assert_int_equal(mmap_(mm, a, 8 * PG, RW, FIXED), a);
	assert_int_equal(mmap_(mm, b, 2 * PG, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED), b);
	for (p = 0; p < 8; p++)
		assert_int_equal(mf_touch(mm, a + p * PG, true), 0);
	assert_int_equal(mf_touch(mm, b, true), 0);
	assert_int_equal(mm->rss, 8);
	assert_int_equal(mm->shmem_rss, 1);
	t.mm = mm;
	list_add_tail(&t.tasks, &task_list);
	host_pidfd_task = &t;

	assert_int_equal(sys_process_mrelease(HOST_PIDFD, 1), -EINVAL);
	assert_int_equal(sys_process_mrelease(HOST_PIDFD + 1, 0), -EBADF);
	/* Alive, no SIGKILL: not dying. */
	assert_int_equal(sys_process_mrelease(HOST_PIDFD, 0), -EINVAL);
	assert_int_equal(mm->rss, 8);
	send_sig_kill(&t);
	assert_int_equal(sys_process_mrelease(HOST_PIDFD, 0), 0);
	assert_int_equal(mm->rss, 0);
	assert_int_equal(mm->shmem_rss, 1);
	assert_int_equal(mf_pte_prot(mm, a), -1);
	LAYOUT(mm, V(a, a + 8 * PG, RW),
	       { b, b + 2 * PG, mf_anon_flags(PROT_READ) | VM_WRITE | VM_SHARED | VM_MAYSHARE });
	/* Past exit_mm(): no mm, -ESRCH. */
	t.mm = NULL;
	assert_int_equal(sys_process_mrelease(HOST_PIDFD, 0), -ESRCH);
	assert_int_equal(t.usage, 1);

	host_clear_kill(&t);
	list_del(&t.tasks);
	host_pidfd_task = NULL;
	put_mm(mm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mm_alloc_defaults),
		cmocka_unit_test(test_topdown_and_merge),
		cmocka_unit_test(test_mprotect_split_merge),
		cmocka_unit_test(test_mremap),
		cmocka_unit_test(test_mseal),
		cmocka_unit_test(test_mdwe),
		cmocka_unit_test(test_process_mrelease),
		cmocka_unit_test(test_munmap_splits_and_hooks),
		cmocka_unit_test(test_map_fixed_replaces),
		cmocka_unit_test(test_mmap_errors),
		cmocka_unit_test(test_hints),
		cmocka_unit_test(test_placement_model),
		cmocka_unit_test(test_many_vmas),
		cmocka_unit_test(test_brk),
		cmocka_unit_test(test_rlimits),
		cmocka_unit_test(test_map_count_limit),
		cmocka_unit_test(test_stack_growth),
		cmocka_unit_test(test_populate),
		cmocka_unit_test(test_madvise),
		cmocka_unit_test(test_mlock),
		cmocka_unit_test(test_mlockall),
		cmocka_unit_test(test_msync),
		cmocka_unit_test(test_mincore),
		cmocka_unit_test(test_file_mapping),
		cmocka_unit_test(test_shared_anonymous),
		cmocka_unit_test(test_shmem_object),
		cmocka_unit_test(test_random_model),
		cmocka_unit_test(test_exit_frees_everything),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
