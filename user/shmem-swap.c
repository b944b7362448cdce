// SPDX-License-Identifier: GPL-2.0
/*
 * shmem-swap [seed] [size_MiB, 0 = 1.5 x RAM]: shared anonymous memory
 * (MAP_SHARED|MAP_ANONYMOUS, a shmem object) larger than RAM, shared by a
 * parent and its forked child, so that reclaim swaps its pages out and both
 * processes fault them back in. The parent writes every word of the first
 * half, the child every word of the second; then each checks every word of
 * the other's half and of its own, so that each reads, through the same
 * object, pages the other wrote and reclaim took from both (a swap-out
 * clears the PTEs in both processes, a swap-in serves both). Then the parent
 * punches a hole (MADV_REMOVE) in a quarter of it, in swap or not, and the
 * child sees zeroes there and the rest intact; the parent unmaps it all.
 *
 * On Loam it checks the swap traffic (/proc/vmstat's pswpout and pswpin rose),
 * /proc/self/smaps' Swap of the mapping once both halves are written (the
 * object's pages in swap, which leave no swap PTE), and that /proc/meminfo's
 * Shmem is back to what it was once the mapping is
 * gone; the scenario (swap-shmem) checks that every swap slot and page came
 * back. Under Linux (qemu-user) the size is capped at 16 MiB, where there is
 * no pressure.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define DEFAULT_SEED 1
#define LINUX_CAP (16 * MiB)
#define WORDS_PER_PAGE (PAGE_SIZE / sizeof(uint64_t))
#define SHARED (MAP_SHARED | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)

/* The two processes' progress and findings, in a shared page of its own. */
struct shared_state {
	volatile long written[2]; /* each side's half is written */
	volatile long checked; /* the child checked everything */
	volatile long holed; /* the parent punched the hole */
	volatile long bad[2]; /* wrong words each side found */
	volatile long first_bad[2]; /* the address of its first, or 0 */
	volatile long hole_bad; /* the child's wrong words after the hole */
};

static uint64_t seed;
static unsigned long npages;
static uint64_t *area;
static struct shared_state *st;

/* The value of the word at @p, written by side @side (0 parent, 1 child). */
static inline uint64_t word_value(const uint64_t *p, int side)
{
	uint64_t v = ((uintptr_t)p ^ seed ^ ((uint64_t)(side + 1) << 48)) * 0x9e3779b97f4a7c15ULL;

	return v ^ (v >> 29);
}

/* Which side writes page @idx: the parent the first half, the child the rest. */
static inline int writer_of(unsigned long idx)
{
	return idx < npages / 2 ? 0 : 1;
}

static void fill_half(int side)
{
	unsigned long idx, i;

	for (idx = 0; idx < npages; idx++) {
		uint64_t *p = area + idx * WORDS_PER_PAGE;

		if (writer_of(idx) != side)
			continue;
		for (i = 0; i < WORDS_PER_PAGE; i++)
			p[i] = word_value(&p[i], side);
	}
}

/* Wrong words in pages [@from, @to): each must hold its writer's value, or 0 with @zero. */
static long check_pages(unsigned long from, unsigned long to, bool zero, long *first_bad)
{
	unsigned long idx, i;
	long bad = 0;

	for (idx = from; idx < to; idx++) {
		uint64_t *p = area + idx * WORDS_PER_PAGE;

		for (i = 0; i < WORDS_PER_PAGE; i++) {
			if (p[i] == (zero ? 0 : word_value(&p[i], writer_of(idx))))
				continue;
			if (!bad++ && first_bad)
				*first_bad = (long)&p[i];
		}
	}
	return bad;
}

/* Side @side checks the other's half first, then its own: every word. */
static void check_all(int side)
{
	long first = 0, bad;

	if (side == 0)
		bad = check_pages(npages / 2, npages, false, &first) +
		      check_pages(0, npages / 2, false, first ? NULL : &first);
	else
		bad = check_pages(0, npages / 2, false, &first) +
		      check_pages(npages / 2, npages, false, first ? NULL : &first);
	st->bad[side] = bad;
	st->first_bad[side] = first;
}

/* The value of @field ("Swap:") in /proc/self/smaps for the VMA starting at @start; -1 if none. */
static long smaps_kb(unsigned long start, const char *field)
{
	static char text[16384];
	long fd = sys_openat(AT_FDCWD, "/proc/self/smaps", O_RDONLY, 0), r;
	char prefix[32], *p, *end;
	size_t len = 0;

	if (fd < 0)
		return -1;
	while (len < sizeof(text) - 1 && (r = sys_read(fd, text + len, sizeof(text) - 1 - len)) > 0)
		len += r;
	sys_close(fd);
	text[len] = '\0';
	snprintf(prefix, sizeof(prefix), "\n%lx-", start);
	p = strstr(text, prefix);
	if (!p)
		return -1;
	end = strstr(p, "VmFlags:");
	p = strstr(p, field);
	if (!p || !end || p > end)
		return -1;
	return strtol(p + strlen(field), NULL, 10);
}

static void sleep_ms(long ms)
{
	struct linux_timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	sys_nanosleep(&ts, NULL);
}

/* Wait (at most about 200 s) for *@flag to be set by the other side. */
static bool wait_for(volatile long *flag)
{
	int i;

	for (i = 0; i < 20000 && !__atomic_load_n(flag, __ATOMIC_ACQUIRE); i++)
		sleep_ms(10);
	return __atomic_load_n(flag, __ATOMIC_ACQUIRE);
}

/* The hole: the second quarter of the pages. */
static unsigned long hole_start(void)
{
	return npages / 4;
}

static unsigned long hole_end(void)
{
	return npages / 2;
}

/* The child: write its half, check everything, then the hole the parent punches. */
static int child(void)
{
	fill_half(1);
	__atomic_store_n(&st->written[1], 1, __ATOMIC_RELEASE);
	if (!wait_for(&st->written[0]))
		return 2;
	check_all(1);
	__atomic_store_n(&st->checked, 1, __ATOMIC_RELEASE);
	if (!wait_for(&st->holed))
		return 2;
	st->hole_bad = check_pages(hole_start(), hole_end(), true, NULL) +
		       check_pages(0, hole_start(), false, NULL) +
		       check_pages(hole_end(), npages, false, NULL);
	return st->bad[1] || st->hole_bad ? 1 : 0;
}

static unsigned long default_size(bool loam)
{
	unsigned long size = total_ram() / 2 * 3;

	return loam ? size : (size < LINUX_CAP ? size : LINUX_CAP);
}

/* The parent's checks after the child wrote: every word, then the hole. */
static void parent_checks(long pid, bool loam)
{
	bool ok = wait_for(&st->written[1]);
	long ret, swap = smaps_kb((unsigned long)area, "Swap:");

	if (loam)
		tap_ok(swap > 0 && swap <= (long)(npages * 4),
		       "smaps: Swap %ld kB of the mapping once both halves are written", swap);
	else
		tap_skip("no memory pressure under Linux (16 MiB)", "smaps Swap");
	check_all(0);
	tap_ok(ok && !st->bad[0], "parent: every word read back right (%ld wrong, first at %#lx)",
	       st->bad[0], (unsigned long)st->first_bad[0]);
	ok = wait_for(&st->checked);
	tap_ok(ok && !st->bad[1], "child: every word read back right (%ld wrong, first at %#lx)",
	       st->bad[1], (unsigned long)st->first_bad[1]);
	ret = sys_madvise((unsigned long)(area + hole_start() * WORDS_PER_PAGE),
			  (hole_end() - hole_start()) * PAGE_SIZE, MADV_REMOVE);
	__atomic_store_n(&st->holed, 1, __ATOMIC_RELEASE);
	tap_ok(ret == 0, "MADV_REMOVE of a quarter (%ld)", ret);
	ret = reap_exit(pid);
	tap_ok(ret == 0 && !st->hole_bad,
	       "the child sees zeroes in the hole and the rest intact (exit %ld, %ld wrong)", ret,
	       st->hole_bad);
	tap_ok(check_pages(hole_start(), hole_end(), true, NULL) == 0,
	       "the parent sees zeroes in the hole");
}

int main(int argc, char **argv)
{
	bool loam = on_loam();
	unsigned long size = argc > 2 ? strtoul(argv[2], NULL, 0) * MiB : 0;
	long out0, in0, shmem0, pid;

	tap_plan(10);
	seed = seed_from_args(argc, argv, DEFAULT_SEED);
	size = size ? size : default_size(loam);
	npages = size / PAGE_SIZE;
	tap_diag("%lu MiB of shared anonymous memory, %lu MiB of RAM", size / MiB,
		 total_ram() / MiB);
	out0 = proc_counter("/proc/vmstat", "pswpout");
	in0 = proc_counter("/proc/vmstat", "pswpin");
	shmem0 = proc_counter("/proc/meminfo", "Shmem");
	st = (void *)sys_mmap(0, PAGE_SIZE, RW, SHARED, -1, 0);
	area = (void *)sys_mmap(0, size, RW, SHARED, -1, 0);
	if (!tap_ok((long)area > 0 && (long)st > 0, "map %lu MiB shared and a state page",
		    size / MiB))
		return tap_done();
	pid = fork_child();
	if (pid == 0)
		sys_exit(child());
	if (!tap_ok(pid > 0, "fork (%ld)", pid))
		return tap_done();
	fill_half(0);
	__atomic_store_n(&st->written[0], 1, __ATOMIC_RELEASE);
	parent_checks(pid, loam);
	if (loam) {
		long out = proc_counter("/proc/vmstat", "pswpout") - out0;
		long in = proc_counter("/proc/vmstat", "pswpin") - in0;

		tap_ok(out > 0 && in > 0,
		       "pages went to swap and came back (pswpout +%ld, pswpin +%ld)", out, in);
	} else {
		tap_skip("no memory pressure under Linux (16 MiB)", "swap traffic");
	}
	sys_munmap((unsigned long)area, size);
	sys_munmap((unsigned long)st, PAGE_SIZE);
	if (loam)
		tap_ok(proc_counter("/proc/meminfo", "Shmem") == shmem0,
		       "Shmem back to %ld kB once unmapped", shmem0);
	else
		tap_skip("Linux's Shmem counts other processes' memory too", "Shmem back");
	return tap_done();
}
