// SPDX-License-Identifier: GPL-2.0
/*
 * mmap-stress: anonymous mappings against a model of what they must hold.
 *
 * Part 1: thousands of mappings at addresses the kernel picks, random sizes
 * and protections; fresh pages read zero, written ones keep their contents
 * (so no two mappings overlap), then holes punched in them (splits), and all
 * unmapped.
 * Part 2: an arena reserved with PROT_NONE, in which random MAP_FIXED maps,
 * MAP_FIXED_NOREPLACE, munmaps, mprotects and MADV_DONTNEED run against a
 * per-page model (mapped or not, protection, contents); readable pages are
 * checked against the model throughout.
 * Part 3: the error cases, with Linux's exact errno.
 * At the end everything is unmapped and free memory must be back.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define NR_MAPS 3000
#define MAX_MAP_PAGES 8
#define ARENA_PAGES 4096
#define ARENA_OPS 6000
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static const int prots[] = { PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE };

struct map {
	uintptr_t addr;
	size_t pages;
	int prot;
	uint64_t tag; /* 0: never written, reads zero */
};

static struct map maps[2 * NR_MAPS];
static int nr_maps;
static unsigned long errors;

static void fail(const char *what, uintptr_t addr, long r)
{
	if (errors++ < 5)
		tap_diag("%s at 0x%lx: %ld", what, (unsigned long)addr, r);
}

static void check_map(const struct map *m)
{
	uintptr_t bad;

	if (!(m->prot & PROT_READ))
		return;
	bad = m->tag ? pages_check(m->addr, m->pages * PAGE_SIZE, m->tag) :
		       pages_check_zero(m->addr, m->pages * PAGE_SIZE);
	if (bad)
		fail("wrong contents", bad, 0);
}

static void many_mappings(void)
{
	struct map *m, *rest;
	size_t hole;
	long r;
	int i, n;

	for (i = 0; i < NR_MAPS; i++) {
		m = &maps[nr_maps];
		m->pages = 1 + rng_below(MAX_MAP_PAGES);
		m->prot = prots[rng_below(3)];
		r = sys_mmap(0, m->pages * PAGE_SIZE, m->prot, ANON, -1, 0);
		if (SYS_ERR(r)) {
			fail("mmap", 0, r);
			continue;
		}
		m->addr = r;
		m->tag = 0;
		check_map(m);
		if (m->prot & PROT_WRITE) {
			m->tag = 1000 + i;
			pages_fill(m->addr, m->pages * PAGE_SIZE, m->tag);
		}
		nr_maps++;
	}
	tap_ok(!errors, "%d mappings at kernel-chosen addresses, fresh pages zero", NR_MAPS);

	/* Every mapping still holds its own pattern: none overlapped another. */
	for (i = 0; i < nr_maps; i++)
		check_map(&maps[i]);
	tap_ok(!errors, "every mapping kept its contents");

	/* Punch a one-page hole inside the larger ones: a split into two. */
	n = nr_maps;
	for (i = 0; i < n; i++) {
		m = &maps[i];
		if (m->pages < 3)
			continue;
		hole = 1 + rng_below(m->pages - 2);
		r = sys_munmap(m->addr + hole * PAGE_SIZE, PAGE_SIZE);
		if (r) {
			fail("munmap of a hole", m->addr + hole * PAGE_SIZE, r);
			continue;
		}
		rest = &maps[nr_maps++];
		*rest = *m;
		rest->addr = m->addr + (hole + 1) * PAGE_SIZE;
		rest->pages = m->pages - hole - 1;
		m->pages = hole;
	}
	for (i = 0; i < nr_maps; i++)
		check_map(&maps[i]);
	tap_ok(!errors, "holes punched: %d pieces, all intact", nr_maps);

	for (i = 0; i < nr_maps; i++) {
		r = sys_munmap(maps[i].addr, maps[i].pages * PAGE_SIZE);
		if (r)
			fail("munmap", maps[i].addr, r);
	}
	tap_ok(!errors, "all unmapped");
}

/* Part 2: the arena and its model. */
#define UNMAPPED (-1)

static uintptr_t arena;
static signed char page_prot[ARENA_PAGES];
static uint32_t page_tag[ARENA_PAGES];

static uintptr_t page_addr(int p)
{
	return arena + (uintptr_t)p * PAGE_SIZE;
}

static bool all_mapped(int p, int n)
{
	while (n--)
		if (page_prot[p++] == UNMAPPED)
			return false;
	return true;
}

static bool none_mapped(int p, int n)
{
	while (n--)
		if (page_prot[p++] != UNMAPPED)
			return false;
	return true;
}

/* A new mapping: protection @prot, contents zero. */
static void model_map(int p, int n, int prot)
{
	for (; n--; p++) {
		page_prot[p] = prot;
		page_tag[p] = 0;
	}
}

static void model_protect(int p, int n, int prot)
{
	while (n--)
		page_prot[p++] = prot;
}

static void model_drop(int p, int n)
{
	while (n--)
		page_tag[p++] = 0;
}

/* Writable pages get a new pattern, so later checks prove the page is the same one. */
static void write_pages(int p, int n, uint32_t tag)
{
	for (; n--; p++) {
		if (page_prot[p] == UNMAPPED || !(page_prot[p] & PROT_WRITE))
			continue;
		page_tag[p] = tag;
		pages_fill(page_addr(p), PAGE_SIZE, tag);
	}
}

static void check_pages(int p, int n)
{
	uintptr_t bad;

	for (; n--; p++) {
		if (page_prot[p] == UNMAPPED || !(page_prot[p] & PROT_READ))
			continue;
		bad = page_tag[p] ? pages_check(page_addr(p), PAGE_SIZE, page_tag[p]) :
				    pages_check_zero(page_addr(p), PAGE_SIZE);
		if (bad)
			fail("arena page wrong", bad, page_tag[p]);
	}
}

/* Counted apart from errors: qemu-user 7.2 gets this one wrong, see tests/run. */
static unsigned long nr_op[6], nr_eexist, nr_noreplace_bad;

static void arena_op(uint32_t tag)
{
	int op = rng_below(6), prot = prots[rng_below(3)];
	int n = rng_below(8) ? 1 + rng_below(16) : 1 + rng_below(256);
	int p = rng_below(ARENA_PAGES - n + 1);
	uintptr_t a = page_addr(p);
	long r;

	switch (op) {
	case 0: /* MAP_FIXED replaces whatever was there with zero pages. */
		r = sys_mmap(a, n * PAGE_SIZE, prot, ANON | MAP_FIXED, -1, 0);
		if (r != (long)a)
			return fail("mmap MAP_FIXED", a, r);
		model_map(p, n, prot);
		write_pages(p, n, tag);
		break;
	case 1: /* MAP_FIXED_NOREPLACE: only where nothing is mapped. */
		r = sys_mmap(a, n * PAGE_SIZE, prot, ANON | MAP_FIXED_NOREPLACE, -1, 0);
		if (none_mapped(p, n)) {
			if (r != (long)a)
				return fail("mmap MAP_FIXED_NOREPLACE into a hole", a, r);
			model_map(p, n, prot);
			write_pages(p, n, tag);
		} else if (r == -EEXIST) {
			nr_eexist++;
		} else if (!nr_noreplace_bad++) {
			tap_diag("mmap MAP_FIXED_NOREPLACE over a mapping at 0x%lx: %ld", a, r);
		}
		break;
	case 2: /* munmap of anything, mapped or not, succeeds. */
		r = sys_munmap(a, n * PAGE_SIZE);
		if (r)
			return fail("munmap", a, r);
		model_map(p, n, UNMAPPED);
		break;
	case 3: /* mprotect splits a mapping or merges neighbours. */
		if (!all_mapped(p, n))
			return;
		r = sys_mprotect(a, n * PAGE_SIZE, prot);
		if (r)
			return fail("mprotect", a, r);
		model_protect(p, n, prot);
		write_pages(p, n, tag);
		break;
	case 4: /* MADV_DONTNEED drops the pages: they read zero again. */
		if (!all_mapped(p, n))
			return;
		r = sys_madvise(a, n * PAGE_SIZE, MADV_DONTNEED);
		if (r)
			return fail("madvise MADV_DONTNEED", a, r);
		model_drop(p, n);
		check_pages(p, n);
		break;
	default:
		check_pages(p, n);
		break;
	}
	nr_op[op]++;
}

static void arena_ops(void)
{
	long r;
	int i;

	r = sys_mmap(0, ARENA_PAGES * PAGE_SIZE, PROT_NONE, ANON, -1, 0);
	if (!tap_ok(!SYS_ERR(r), "arena of %lu KiB reserved with PROT_NONE at 0x%lx",
		    ARENA_PAGES * PAGE_SIZE >> 10, r))
		exit(tap_done());
	arena = r;
	model_map(0, ARENA_PAGES, PROT_NONE);
	errors = 0;
	for (i = 0; i < ARENA_OPS; i++) {
		arena_op(i + 1);
		if (i % 500 == 499)
			check_pages(0, ARENA_PAGES);
	}
	check_pages(0, ARENA_PAGES);
	tap_diag("%lu MAP_FIXED, %lu MAP_FIXED_NOREPLACE (%lu -EEXIST), %lu munmap, %lu mprotect,"
		 " %lu MADV_DONTNEED, %lu checks",
		 nr_op[0], nr_op[1], nr_eexist, nr_op[2], nr_op[3], nr_op[4], nr_op[5]);
	tap_ok(!errors, "%d random arena operations agree with the model", ARENA_OPS);
	tap_ok(!nr_noreplace_bad, "MAP_FIXED_NOREPLACE over a mapping: -EEXIST each time");
}

/* Part 3: each error case once, with the errno Linux returns. */
static void error_cases(void)
{
	const unsigned long kaddr = 0xffffffd800000000UL;
	long r, m;

	m = sys_mmap(0, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, ANON, -1, 0);
	if (!tap_ok(!SYS_ERR(m), "a 4-page mapping for the error cases at 0x%lx", m))
		exit(tap_done());
	/* Page 2 becomes a hole; pages 0, 1 and 3 stay mapped. */
	sys_munmap(m + 2 * PAGE_SIZE, PAGE_SIZE);

	tap_expect(sys_mmap(m + 1, PAGE_SIZE, PROT_READ, ANON | MAP_FIXED, -1, 0), -EINVAL,
		   "mmap MAP_FIXED at an unaligned address");
	tap_expect(sys_mmap(0, 0, PROT_READ, ANON, -1, 0), -EINVAL, "mmap of length 0");
	tap_expect(sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_ANONYMOUS, -1, 0), -EINVAL,
		   "mmap with neither MAP_PRIVATE nor MAP_SHARED");
	tap_expect(sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_ANONYMOUS | MAP_TYPE, -1, 0), -EINVAL,
		   "mmap with map type 0xf");
	/* Validation is for files: an anonymous mapping knows only SHARED and PRIVATE (do_mmap). */
	tap_expect(sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS | 0x200000,
			    -1, 0),
		   -EINVAL, "mmap MAP_SHARED_VALIDATE, anonymous");
	tap_expect(sys_mmap(0, PAGE_SIZE, PROT_READ, ANON, -1, 1), -EINVAL,
		   "mmap with an unaligned offset");
	tap_expect(sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, -1, 0), -EBADF,
		   "mmap of fd -1 without MAP_ANONYMOUS");
	tap_expect(sys_mmap(0, 1UL << 62, PROT_READ, ANON, -1, 0), -ENOMEM, "mmap of 2^62 bytes");
	tap_expect(sys_mmap(0, -PAGE_SIZE, PROT_READ, ANON, -1, 0), -ENOMEM,
		   "mmap of length -4096");
	tap_expect(sys_mmap(kaddr, PAGE_SIZE, PROT_READ, ANON | MAP_FIXED, -1, 0), -ENOMEM,
		   "mmap MAP_FIXED at a kernel address");
	tap_expect(sys_mmap(m, PAGE_SIZE, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0), -EEXIST,
		   "mmap MAP_FIXED_NOREPLACE over a mapping");
	r = sys_mmap(m + 2 * PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE, ANON, -1, 0);
	tap_ok(r == (long)(m + 2 * PAGE_SIZE), "mmap with a free hint address gets it (0x%lx)", r);
	if (r != (long)(m + 2 * PAGE_SIZE) && !SYS_ERR(r))
		sys_munmap(r, PAGE_SIZE);
	sys_munmap(m + 2 * PAGE_SIZE, PAGE_SIZE);

	tap_expect(sys_munmap(m + 1, PAGE_SIZE), -EINVAL, "munmap of an unaligned address");
	tap_expect(sys_munmap(m, 0), -EINVAL, "munmap of length 0");
	tap_expect(sys_munmap(kaddr, PAGE_SIZE), -EINVAL, "munmap of a kernel address");

	tap_expect(sys_mprotect(m + 1, PAGE_SIZE, PROT_READ), -EINVAL,
		   "mprotect of an unaligned address");
	tap_expect(sys_mprotect(m, 0, PROT_READ), 0, "mprotect of length 0");
	tap_expect(sys_mprotect(m + PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ), -ENOMEM,
		   "mprotect over a hole");
	tap_expect(sys_mprotect(m, PAGE_SIZE, 0x10), -EINVAL, "mprotect with an unknown PROT bit");

	tap_expect(sys_madvise(m + 1, PAGE_SIZE, MADV_DONTNEED), -EINVAL,
		   "madvise of an unaligned address");
	tap_expect(sys_madvise(m, PAGE_SIZE, 12345), -EINVAL, "madvise with an unknown advice");
	tap_expect(sys_madvise(m + 2 * PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED), -ENOMEM,
		   "madvise MADV_DONTNEED of a hole");
	tap_expect(sys_madvise(m, 0, MADV_DONTNEED), 0, "madvise of length 0");
	tap_expect(sys_madvise(m, PAGE_SIZE, MADV_WILLNEED), 0, "madvise MADV_WILLNEED");
	tap_expect(sys_madvise(m, PAGE_SIZE, MADV_NORMAL), 0, "madvise MADV_NORMAL");

	pages_fill(m, PAGE_SIZE, 0x5a);
	sys_madvise(m, PAGE_SIZE, MADV_DONTNEED);
	tap_ok(!pages_check_zero(m, PAGE_SIZE), "a written page reads zero after MADV_DONTNEED");

	sys_munmap(m, 4 * PAGE_SIZE);
}

int main(int argc, char **argv)
{
	unsigned long before = free_ram();

	tap_plan(36);
	seed_from_args(argc, argv, 7);
	many_mappings();
	arena_ops();
	error_cases();
	tap_ok(!sys_munmap(arena, ARENA_PAGES * PAGE_SIZE), "arena unmapped");
	leak_check("everything unmapped", before, free_ram(), 2 * MiB);
	return tap_done();
}
