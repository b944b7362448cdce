// SPDX-License-Identifier: GPL-2.0
/*
 * mremap-test: mremap(2) as Linux 6.12's mm/mremap.c does it. Every
 * argument errno (-EINVAL, -EFAULT, -ENOMEM); shrink in place (the tail is
 * gone); grow in place into a free gap; move with MREMAP_MAYMOVE when the
 * gap is taken, to a chosen address with MREMAP_FIXED (what was there is
 * replaced), and with MREMAP_DONTUNMAP (the old range stays mapped, empty);
 * contents preserved word by word each time, PROT_NONE pages included;
 * shared anonymous memory still shared with a child after a move; a fork
 * after a move sees the data at the new place.
 *
 * With arguments "swap MIB" it first writes MIB MiB (more than RAM: much of
 * it goes to swap), moves the whole mapping, checks every word at the new
 * address (faulting the swapped pages back through the moved swap entries),
 * then forks a child that checks it too.
 */
/* Linux's numbers, not picolibc's. */
#include "../include/uapi/errno.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)
#define WORDS_PER_PAGE (PAGE_SIZE / sizeof(uint64_t))
#define MiB (1UL << 20)

static long sys_mremap(unsigned long addr, size_t old_len, size_t new_len, int flags,
		       unsigned long new_addr)
{
	return syscall6(__NR_mremap, (long)addr, (long)old_len, (long)new_len, flags,
			(long)new_addr, 0);
}

/* A fresh mapping of @pages, or the end of the test. */
static uintptr_t map(size_t pages, int flags)
{
	long r = sys_mmap(0, pages * PAGE_SIZE, RW, flags, -1, 0);

	if (SYS_ERR(r)) {
		tap_diag("mmap of %zu pages: %ld", pages, r);
		sys_exit_group(tap_done() | 1);
	}
	return r;
}

/* The value of word @i of a region filled with @tag: independent of the address. */
static inline uint64_t word_value(unsigned long i, uint64_t tag)
{
	uint64_t v = (i ^ tag) * 0x9e3779b97f4a7c15ULL;

	return v ^ (v >> 29);
}

static void fill(uintptr_t addr, size_t pages, uint64_t tag)
{
	uint64_t *p = (uint64_t *)addr;
	unsigned long i;

	for (i = 0; i < pages * WORDS_PER_PAGE; i++)
		p[i] = word_value(i, tag);
}

/* Words of [addr, +pages) that do not read as fill(@tag) wrote them (tag 0: zero). */
static unsigned long bad_words(uintptr_t addr, size_t pages, uint64_t tag)
{
	const uint64_t *p = (const uint64_t *)addr;
	unsigned long i, bad = 0;

	for (i = 0; i < pages * WORDS_PER_PAGE; i++)
		bad += p[i] != (tag ? word_value(i, tag) : 0);
	return bad;
}

/* Is the page at @addr mapped? (mprotect of a hole: -ENOMEM.) */
static bool mapped(uintptr_t addr)
{
	return sys_mprotect(addr, PAGE_SIZE, PROT_READ | PROT_WRITE) == 0;
}

static void errnos(void)
{
	uintptr_t m = map(4, ANON), hole = map(1, ANON);

	sys_munmap(hole, PAGE_SIZE);
	tap_expect(sys_mremap(m, PAGE_SIZE, PAGE_SIZE, 8, 0), -EINVAL, "unknown flag 8");
	tap_expect(sys_mremap(m, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_FIXED, m + 8 * PAGE_SIZE),
		   -EINVAL, "MREMAP_FIXED without MREMAP_MAYMOVE");
	tap_expect(sys_mremap(m, PAGE_SIZE, PAGE_SIZE, MREMAP_DONTUNMAP, 0), -EINVAL,
		   "MREMAP_DONTUNMAP without MREMAP_MAYMOVE");
	tap_expect(sys_mremap(m, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0),
		   -EINVAL, "MREMAP_DONTUNMAP with new_len != old_len");
	tap_expect(sys_mremap(m + 1, PAGE_SIZE, PAGE_SIZE, 0, 0), -EINVAL, "unaligned address");
	tap_expect(sys_mremap(m, PAGE_SIZE, 0, MREMAP_MAYMOVE, 0), -EINVAL, "new_len 0");
	tap_expect(sys_mremap(m, 0, PAGE_SIZE, MREMAP_MAYMOVE, 0), -EINVAL,
		   "old_len 0 of a private mapping");
	tap_expect(sys_mremap(hole, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE, 0), -EFAULT,
		   "an unmapped address");
	tap_expect(sys_mremap(m, 5 * PAGE_SIZE, 6 * PAGE_SIZE, MREMAP_MAYMOVE, 0), -EFAULT,
		   "old range past the end of its VMA");
	tap_expect(sys_mremap(m, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, m + 1),
		   -EINVAL, "MREMAP_FIXED to an unaligned address");
	tap_expect(sys_mremap(m, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED,
			      m + PAGE_SIZE),
		   -EINVAL, "MREMAP_FIXED onto an overlapping range");
	tap_expect(sys_mremap(m, PAGE_SIZE, 2 * PAGE_SIZE, 0, 0), -ENOMEM,
		   "grow into the next page of the VMA without MREMAP_MAYMOVE");
	tap_ok(mapped(m + 3 * PAGE_SIZE), "after the errors the whole mapping is still there");
	sys_munmap(m, 4 * PAGE_SIZE);
}

static void shrink_and_grow(void)
{
	uintptr_t m = map(8, ANON);
	long r;

	fill(m, 8, 1);
	tap_expect(sys_mremap(m, 8 * PAGE_SIZE, 3 * PAGE_SIZE, 0, 0), (long)m,
		   "shrink 8 -> 3 pages");
	tap_ok(!mapped(m + 3 * PAGE_SIZE) && !mapped(m + 7 * PAGE_SIZE),
	       "shrink: the tail is unmapped");
	tap_ok(bad_words(m, 3, 1) == 0, "shrink: the head keeps its contents");
	tap_expect(sys_mremap(m, 3 * PAGE_SIZE, 6 * PAGE_SIZE, 0, 0), (long)m,
		   "grow 3 -> 6 pages in place (the gap is free)");
	tap_ok(bad_words(m, 3, 1) == 0 && bad_words(m + 3 * PAGE_SIZE, 3, 0) == 0,
	       "grow in place: old contents kept, the new pages zero");
	r = sys_mremap(m, 6 * PAGE_SIZE, 6 * PAGE_SIZE, 0, 0);
	tap_expect(r, (long)m, "same length: nothing to do");
	sys_munmap(m, 6 * PAGE_SIZE);
}

/* Grow a mapping whose next page is taken: -ENOMEM unless it may move. */
static void move(void)
{
	uintptr_t m = map(5, ANON);
	long r;

	sys_munmap(m + 4 * PAGE_SIZE, PAGE_SIZE);
	sys_mmap(m + 4 * PAGE_SIZE, PAGE_SIZE, PROT_READ, ANON | MAP_FIXED, -1, 0);
	fill(m, 2, 2);
	fill(m + 2 * PAGE_SIZE, 2, 12);
	tap_expect(sys_mremap(m, PAGE_SIZE, 2 * PAGE_SIZE, 0, 0), -ENOMEM,
		   "grow without MREMAP_MAYMOVE into a taken page");
	r = sys_mremap(m + 2 * PAGE_SIZE, 2 * PAGE_SIZE, 64 * PAGE_SIZE, MREMAP_MAYMOVE, 0);
	tap_ok(!SYS_ERR(r) && r != (long)(m + 2 * PAGE_SIZE), "MREMAP_MAYMOVE moves it: 0x%lx", r);
	if (SYS_ERR(r))
		return;
	tap_ok(bad_words(r, 2, 12) == 0, "move: contents preserved");
	tap_ok(!mapped(m + 2 * PAGE_SIZE) && !mapped(m + 3 * PAGE_SIZE),
	       "move: the old range is unmapped");
	tap_ok(bad_words(r + 2 * PAGE_SIZE, 62, 0) == 0, "move: the grown part is zero");
	/* PROT_NONE pages move as they are: readable again after mprotect. */
	sys_mprotect(m, 2 * PAGE_SIZE, PROT_NONE);
	r = sys_mremap(m, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, r);
	tap_ok(!SYS_ERR(r), "MREMAP_FIXED over the moved mapping replaces it: %ld", r);
	if (SYS_ERR(r))
		return;
	sys_mprotect(r, 2 * PAGE_SIZE, RW);
	tap_ok(bad_words(r, 2, 2) == 0, "MREMAP_FIXED: both PROT_NONE pages preserved");
	tap_ok(mapped(r + 2 * PAGE_SIZE) && bad_words(r + 2 * PAGE_SIZE, 62, 0) == 0,
	       "MREMAP_FIXED: only new_len of the mapping there was replaced");
	sys_munmap(r, 64 * PAGE_SIZE);
	sys_munmap(m, 5 * PAGE_SIZE);
}

static void dontunmap(void)
{
	uintptr_t m = map(4, ANON);
	long r;

	fill(m, 4, 3);
	r = sys_mremap(m, 4 * PAGE_SIZE, 4 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
	tap_ok(!SYS_ERR(r) && r != (long)m, "MREMAP_DONTUNMAP moves: 0x%lx", r);
	if (SYS_ERR(r))
		return;
	tap_ok(bad_words(r, 4, 3) == 0, "MREMAP_DONTUNMAP: the new range has the contents");
	tap_ok(mapped(m) && bad_words(m, 4, 0) == 0,
	       "MREMAP_DONTUNMAP: the old range stays mapped and reads zero");
	fill(m, 4, 4);
	tap_ok(bad_words(m, 4, 4) == 0 && bad_words(r, 4, 3) == 0,
	       "MREMAP_DONTUNMAP: the two ranges are separate");
	sys_munmap(r, 4 * PAGE_SIZE);
	sys_munmap(m, 4 * PAGE_SIZE);
}

/* A child checks @pages at @addr hold @tag, then writes @child_tag: its exit status. */
static int fork_check(uintptr_t addr, size_t pages, uint64_t tag, uint64_t child_tag)
{
	long pid = fork_child();

	if (pid == 0) {
		int bad = bad_words(addr, pages, tag) != 0;

		fill(addr, pages, child_tag);
		sys_exit_group(bad);
	}
	return pid < 0 ? -3 : reap_exit(pid);
}

static void moved_then_forked(void)
{
	uintptr_t p = map(16, ANON), s = map(16, MAP_SHARED | MAP_ANONYMOUS);
	long rp, rs;

	fill(p, 16, 5);
	fill(s, 16, 6);
	rp = sys_mremap(p, 16 * PAGE_SIZE, 32 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED,
			p + 64 * MiB);
	/* A shmem object keeps its size: pages past it would raise SIGBUS. */
	rs = sys_mremap(s, 16 * PAGE_SIZE, 16 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED,
			s + 64 * MiB);
	tap_ok(rp == (long)(p + 64 * MiB) && rs == (long)(s + 64 * MiB),
	       "private and shared mappings moved: %ld, %ld", rp, rs);
	if (SYS_ERR(rp) || SYS_ERR(rs))
		return;
	tap_ok(bad_words(rs, 16, 6) == 0 && !mapped(s), "shared: contents preserved, moved");
	tap_expect(fork_check(rp, 16, 5, 7), 0,
		   "fork after a move: the child sees the private data");
	tap_ok(bad_words(rp, 16, 5) == 0, "the child's writes stay its own (copy on write)");
	tap_expect(fork_check(rs, 16, 6, 8), 0,
		   "fork after a move: the child sees the shared data");
	tap_ok(bad_words(rs, 16, 8) == 0, "the child's writes to the moved shared memory are ours");
	sys_munmap(rp, 32 * PAGE_SIZE);
	sys_munmap(rs, 16 * PAGE_SIZE);
}

/* @mib MiB written (much of it swapped out), moved, checked, checked again by a child. */
static void swapped_move(unsigned long mib)
{
	size_t pages = mib * MiB / PAGE_SIZE;
	uintptr_t m = map(pages, ANON);
	long r;

	fill(m, pages, 9);
	r = sys_mremap(m, pages * PAGE_SIZE, (pages + 1) * PAGE_SIZE, MREMAP_MAYMOVE, 0);
	tap_ok(!SYS_ERR(r), "%lu MiB moved: 0x%lx", mib, r);
	if (SYS_ERR(r))
		return;
	tap_ok(bad_words(r, pages, 9) == 0, "every word read back at the new address");
	tap_expect(fork_check(r, pages, 9, 10), 0, "a child sees every word too");
	tap_ok(bad_words(r, pages, 9) == 0, "and its writes did not reach the parent");
	sys_munmap(r, (pages + 1) * PAGE_SIZE);
}

int main(int argc, char **argv)
{
	tap_plan(argc == 3 ? 4 : 41);
	if (argc == 3 && !strcmp(argv[1], "swap")) {
		swapped_move(strtoul(argv[2], NULL, 0));
		return tap_done();
	}
	errnos();
	shrink_and_grow();
	move();
	dontunmap();
	moved_then_forked();
	swapped_move(4);
	return tap_done();
}
