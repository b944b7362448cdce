// SPDX-License-Identifier: GPL-2.0
/*
 * brk-stress: the break moves up and down in random steps; every page below
 * it is touched and must keep its contents, every page newly exposed must
 * read zero (also after a shrink gave it back). Then the refusals: a break
 * below the start, a break over RLIMIT_DATA and a break into another mapping
 * leave the break where it was (brk returns the current break, not -errno).
 */
#include <stdint.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define STEPS 300
#define MAX_HEAP (16 * MiB)
#define DATA_LIMIT (4 * MiB)

static unsigned long page_up(unsigned long x)
{
	return (x + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

static unsigned long page_down(unsigned long x)
{
	return x & ~(PAGE_SIZE - 1);
}

extern char _end[];

int main(int argc, char **argv)
{
	unsigned long before = free_ram(), start, base, cur, want, lo, hi, bad;
	unsigned long moved = 0, zero_bad = 0, kept_bad = 0, grows = 0, shrinks = 0;
	struct linux_rlimit64 old, lim;
	long r, m;
	int i;

	tap_plan(13);
	seed_from_args(argc, argv, 5);
	start = sys_brk(0);
	tap_ok(start >= (uintptr_t)_end, "initial break 0x%lx is above the image end 0x%lx", start,
	       (unsigned long)(uintptr_t)_end);
	/* Pages wholly above the start are ours to check; the first may be shared with .bss. */
	base = page_up(start);
	cur = start;

	for (i = 0; i < STEPS; i++) {
		want = start + rng_below(MAX_HEAP);
		r = sys_brk(want);
		if (r != (long)want) {
			if (!moved++)
				tap_diag("step %d: brk(0x%lx) returned 0x%lx", i, want, r);
			continue;
		}
		if (want > cur) {
			grows++;
			/*
			 * Whole new pages read zero; the old last page keeps its
			 * bytes and is filled now if it just became whole.
			 */
			lo = page_up(cur);
			hi = page_down(want);
			if (hi > lo && (bad = pages_check_zero(lo, hi - lo))) {
				if (!zero_bad++)
					tap_diag("step %d: fresh heap word at 0x%lx not zero", i,
						 bad);
			}
			lo = page_down(cur) < base ? base : page_down(cur);
			if (hi > lo)
				pages_fill(lo, hi - lo, 0xb7c);
		} else {
			shrinks++;
		}
		cur = want;
		hi = page_down(cur);
		if (hi > base && (bad = pages_check(base, hi - base, 0xb7c))) {
			if (!kept_bad++)
				tap_diag("step %d: heap word at 0x%lx lost its value", i, bad);
		}
	}
	tap_diag("%lu grows, %lu shrinks, heap up to %lu KiB", grows, shrinks, MAX_HEAP >> 10);
	tap_ok(!moved, "%d random steps: brk moved the break each time", STEPS);
	tap_ok(!zero_bad, "newly exposed heap pages read zero");
	tap_ok(!kept_bad, "heap contents survive every grow and shrink");
	tap_ok(sys_brk(0) == (long)cur, "brk(0) reports the break");

	r = sys_brk(start - PAGE_SIZE);
	tap_ok(r == (long)cur, "brk below the start refused: returns the break 0x%lx (got 0x%lx)",
	       cur, r);
	r = sys_brk(1);
	tap_ok(r == (long)cur, "brk(1) refused: returns the break (got 0x%lx)", r);

	/* RLIMIT_DATA counts the heap (plus the data segment) against the limit. */
	sys_brk(start);
	cur = start;
	r = sys_prlimit64(0, RLIMIT_DATA, NULL, &old);
	lim.rlim_cur = DATA_LIMIT;
	lim.rlim_max = old.rlim_max;
	r = r ?: sys_prlimit64(0, RLIMIT_DATA, &lim, NULL);
	tap_ok(!r, "prlimit64 sets RLIMIT_DATA to %lu KiB", DATA_LIMIT >> 10);
	r = sys_brk(start + DATA_LIMIT / 2);
	tap_ok(r == (long)(start + DATA_LIMIT / 2), "brk within RLIMIT_DATA grows");
	cur = sys_brk(0);
	r = sys_brk(start + 2 * DATA_LIMIT);
	tap_ok(r == (long)cur, "brk over RLIMIT_DATA refused (returned 0x%lx, break 0x%lx)", r,
	       cur);
	sys_prlimit64(0, RLIMIT_DATA, &old, NULL);
	sys_brk(start);

	/* A mapping right above the heap: the break may not grow into it. */
	m = sys_mmap(base + MiB, PAGE_SIZE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (!SYS_ERR(m) && m == (long)(base + MiB)) {
		pages_fill(m, PAGE_SIZE, 0x77);
		r = sys_brk(base + 2 * MiB);
		tap_ok(r == (long)start, "brk into a mapping refused (returned 0x%lx)", r);
		tap_ok(!pages_check(m, PAGE_SIZE, 0x77), "the mapping above the heap is intact");
		sys_munmap(m, PAGE_SIZE);
	} else {
		tap_ok(false, "mmap MAP_FIXED above the heap at 0x%lx: %ld", base + MiB, m);
		tap_skip("no mapping", "the mapping above the heap is intact");
	}

	r = sys_brk(start);
	leak_check("brk back at its start", before, free_ram(), 2 * MiB);
	return tap_done();
}
