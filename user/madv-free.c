// SPDX-License-Identifier: GPL-2.0
/*
 * madv-free: MADV_FREE frees lazily and MAP_DROPPABLE drops, as in Linux 6.12
 * (mm/madvise.c madvise_free_pte_range(), mm/rmap.c try_to_unmap_one()):
 * after MADV_FREE the data stays until reclaim comes, smaps counts the pages
 * as LazyFree, and reclaim (here MADV_PAGEOUT, Linux's way to ask for it)
 * drops the pages not written since, which read back as zeroes, while the
 * ones written again keep every word, also in a fork child. MAP_DROPPABLE
 * (Linux 6.11): its checks (MAP_LOCKED, a file, MADV_KEEPONFORK and
 * MADV_DODUMP refused), its smaps flags (dp, wf, dd, nr), mlock ignored, and
 * its pages dropped by MADV_PAGEOUT even though written.
 *
 * qemu-user 7.2 ignores MADV_FREE and MADV_PAGEOUT and refuses MAP_DROPPABLE,
 * and its /proc files are the host's: the cases that need the kernel to act
 * run on Loam only (on_loam()); the rest hold on Linux too.
 *
 * With an argument N (booted with swap and less RAM than N MiB): N/2 MiB
 * freed with MADV_FREE, every fourth page written again, then N MiB more
 * written: reclaim must drop lazily freed pages (pglazyfreed grows, no swap
 * write for them) and keep the rewritten ones, every word of both regions
 * checked.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define MAP_DROPPABLE 0x08
#define MADV_FREE 8
#define MADV_PAGEOUT 21
#define MADV_KEEPONFORK 19
#define MADV_DODUMP 17
#define WORDS (PAGE_SIZE / sizeof(uint64_t))
#define NPAGES 64
#define REWRITTEN 16

static char text[65536];

static uint64_t word(uintptr_t page, unsigned long i, uint64_t tag)
{
	return (page * 0x9e3779b97f4a7c15ULL) ^ (i << 3) ^ (tag << 48);
}

static void fill(uintptr_t addr, unsigned long pages, uint64_t tag)
{
	unsigned long p, i;

	for (p = 0; p < pages; p++)
		for (i = 0; i < WORDS; i++)
			((volatile uint64_t *)(addr + p * PAGE_SIZE))[i] =
				word(addr + p * PAGE_SIZE, i, tag);
}

/* 1 if every word of the page holds @tag's pattern, 0 if every word is 0, else -1. */
static int page_state(uintptr_t page, uint64_t tag)
{
	const volatile uint64_t *w = (const volatile uint64_t *)page;
	unsigned long i, same = 0, zero = 0;

	for (i = 0; i < WORDS; i++) {
		same += w[i] == word(page, i, tag);
		zero += w[i] == 0;
	}
	return same == WORDS ? 1 : zero == WORDS ? 0 : -1;
}

/* All of /proc/self/smaps into text[]: its length, or -errno. */
static long slurp_smaps(void)
{
	long fd = sys_openat(AT_FDCWD, "/proc/self/smaps", O_RDONLY, 0), r;
	size_t len = 0;

	if (fd < 0)
		return fd;
	while (len < sizeof(text) - 1 && (r = sys_read(fd, text + len, sizeof(text) - 1 - len)) > 0)
		len += r;
	sys_close(fd);
	text[len] = '\0';
	return len;
}

/* The line starting with @field in the smaps block of the VMA at @start (text[]), or NULL. */
static const char *smaps_field(unsigned long start, const char *field)
{
	char prefix[32];
	char *p, *next;

	snprintf(prefix, sizeof(prefix), "%lx-", start);
	p = strstr(text, prefix);
	if (!p)
		return NULL;
	for (p = strchr(p, '\n'); p && p[1]; p = next) {
		p++;
		next = strchr(p, '\n');
		if (!strncmp(p, field, strlen(field)))
			return p;
		if (!strncmp(p, "VmFlags:", 8))
			return NULL;
	}
	return NULL;
}

/* smaps' LazyFree of the VMA at @start, in kB (-1 if not found). */
static long lazyfree_kb(unsigned long start)
{
	const char *line;

	if (slurp_smaps() < 0)
		return -1;
	line = smaps_field(start, "LazyFree:");
	return line ? strtol(line + 9, NULL, 10) : -1;
}

/* Does the VMA at @start have VmFlags mnemonic @flag? */
static bool has_vmflag(unsigned long start, const char *flag)
{
	char want[8];
	const char *line;
	const char *end;

	if (slurp_smaps() < 0)
		return false;
	line = smaps_field(start, "VmFlags:");
	if (!line)
		return false;
	end = strchr(line, '\n');
	snprintf(want, sizeof(want), " %s ", flag);
	for (const char *p = strstr(line, want); p; p = strstr(p + 1, want))
		if (!end || p < end)
			return true;
	return false;
}

/* Pages of [@addr, +@pages) whose state is @state (see page_state()). */
static unsigned long count_state(uintptr_t addr, unsigned long pages, uint64_t tag, int state)
{
	unsigned long p, n = 0;

	for (p = 0; p < pages; p++)
		n += page_state(addr + p * PAGE_SIZE, tag) == state;
	return n;
}

static void test_madv_free(bool loam)
{
	long a = sys_mmap(0, NPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long freed = proc_counter("/proc/vmstat", "pglazyfreed");
	long lazy = proc_counter("/proc/vmstat", "pglazyfree");
	long pid;

	if (!tap_ok(a > 0, "mmap %d pages", NPAGES))
		return;
	fill(a, NPAGES, 1);
	tap_ok(sys_madvise(a, NPAGES * PAGE_SIZE, MADV_FREE) == 0, "MADV_FREE: 0");
	tap_ok(count_state(a, NPAGES, 1, 1) == NPAGES,
	       "before reclaim every word is still there (freed lazily)");
	if (!loam) {
		tap_skip("qemu-user ignores MADV_FREE and MADV_PAGEOUT", "the Loam-only cases");
		return;
	}
	tap_ok(proc_counter("/proc/vmstat", "pglazyfree") - lazy == NPAGES,
	       "vmstat pglazyfree counted %d pages", NPAGES);
	tap_ok(lazyfree_kb(a) == NPAGES * 4, "smaps LazyFree: %d kB", NPAGES * 4);
	fill(a, REWRITTEN, 2);
	tap_ok(lazyfree_kb(a) == (NPAGES - REWRITTEN) * 4,
	       "written again: %d pages no longer LazyFree", REWRITTEN);
	tap_ok(sys_madvise(a, NPAGES * PAGE_SIZE, MADV_PAGEOUT) == 0, "MADV_PAGEOUT: 0");
	tap_ok(proc_counter("/proc/vmstat", "pglazyfreed") - freed == NPAGES - REWRITTEN,
	       "vmstat pglazyfreed: the %d pages not written again dropped", NPAGES - REWRITTEN);
	tap_ok(count_state(a, REWRITTEN, 2, 1) == REWRITTEN,
	       "the pages written again keep every word");
	tap_ok(count_state(a + REWRITTEN * PAGE_SIZE, NPAGES - REWRITTEN, 1, 0) ==
		       NPAGES - REWRITTEN,
	       "the dropped pages read back as zeroes");
	tap_ok(lazyfree_kb(a) == 0, "smaps LazyFree 0 after reclaim");
	/* The child sees what the parent sees: zeroes where dropped, the data where written. */
	pid = fork_child();
	if (pid == 0)
		sys_exit(count_state(a, REWRITTEN, 2, 1) == REWRITTEN &&
					 count_state(a + REWRITTEN * PAGE_SIZE, NPAGES - REWRITTEN,
						     1, 0) == NPAGES - REWRITTEN ?
				 0 :
				 1);
	tap_ok(reap_exit(pid) == 0, "after fork: the child reads the kept data and the zeroes");
	sys_munmap(a, NPAGES * PAGE_SIZE);
}

static void test_droppable(bool loam)
{
	int flags = MAP_DROPPABLE | MAP_ANONYMOUS;
	long a = sys_mmap(0, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE, flags, -1, 0);
	long freed = proc_counter("/proc/vmstat", "pglazyfreed");

	if (!loam) {
		tap_skip("qemu-user 7.2 refuses MAP_DROPPABLE (Linux 6.11)", "MAP_DROPPABLE cases");
		if (a > 0)
			sys_munmap(a, 8 * PAGE_SIZE);
		return;
	}
	if (!tap_ok(a > 0, "mmap MAP_DROPPABLE | MAP_ANONYMOUS: %ld", a))
		return;
	tap_ok(sys_mmap(0, PAGE_SIZE, PROT_READ, flags | MAP_LOCKED, -1, 0) == -EINVAL,
	       "MAP_DROPPABLE | MAP_LOCKED: -EINVAL");
	tap_ok(sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_DROPPABLE, 0, 0) == -EINVAL,
	       "MAP_DROPPABLE of a file (the console): -EINVAL");
	tap_ok(has_vmflag(a, "dp") && has_vmflag(a, "wf") && has_vmflag(a, "dd") &&
		       has_vmflag(a, "nr"),
	       "smaps VmFlags: dp wf dd nr");
	tap_ok(sys_madvise(a, PAGE_SIZE, MADV_KEEPONFORK) == -EINVAL, "MADV_KEEPONFORK: -EINVAL");
	tap_ok(sys_madvise(a, PAGE_SIZE, MADV_DODUMP) == -EINVAL, "MADV_DODUMP: -EINVAL");
	tap_ok(sys_mlock(a, 8 * PAGE_SIZE) == 0 && !has_vmflag(a, "lo"),
	       "mlock: 0, and the mapping stays unlocked");
	fill(a, 8, 3);
	tap_ok(sys_madvise(a, 8 * PAGE_SIZE, MADV_PAGEOUT) == 0, "MADV_PAGEOUT: 0");
	tap_ok(count_state(a, 8, 3, 0) == 8, "every page dropped though written: zeroes");
	tap_ok(proc_counter("/proc/vmstat", "pglazyfreed") - freed == 8,
	       "vmstat pglazyfreed counted the 8 pages");
	sys_munmap(a, 8 * PAGE_SIZE);
}

/*
 * Under pressure: the lazily freed half goes first, without a swap write;
 * each page is then intact or zero (dropped), the rewritten ones intact.
 */
static void test_pressure(unsigned long mib)
{
	unsigned long lazy = mib / 2 * MiB / PAGE_SIZE, hog = mib * MiB / PAGE_SIZE, p;
	long freed = proc_counter("/proc/vmstat", "pglazyfreed");
	long a = sys_mmap(0, lazy * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	long h = sys_mmap(0, hog * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	unsigned long bad = 0, dropped = 0, kept = 0;

	if (!tap_ok(a > 0 && h > 0, "mmap %lu + %lu MiB", mib / 2, mib))
		return;
	fill(a, lazy, 4);
	tap_ok(sys_madvise(a, lazy * PAGE_SIZE, MADV_FREE) == 0, "MADV_FREE of %lu MiB", mib / 2);
	for (p = 0; p < lazy; p += 4)
		fill(a + p * PAGE_SIZE, 1, 5);
	fill(h, hog, 6);
	tap_ok(proc_counter("/proc/vmstat", "pglazyfreed") > freed,
	       "vmstat pglazyfreed grew under pressure (%ld)",
	       proc_counter("/proc/vmstat", "pglazyfreed") - freed);
	for (p = 0; p < lazy; p++) {
		int s = page_state(a + p * PAGE_SIZE, p % 4 ? 4 : 5);

		if (s < 0 || (p % 4 == 0 && s != 1))
			bad++;
		dropped += s == 0;
		kept += s == 1 && p % 4;
	}
	tap_ok(bad == 0, "every rewritten page intact, every other one intact or zero (%lu bad)",
	       bad);
	tap_diag("%lu lazily freed pages dropped, %lu still there", dropped, kept);
	tap_ok(dropped > 0, "some lazily freed pages were dropped");
	tap_ok(count_state(h, hog, 6, 1) == hog, "every word of the %lu MiB written after", mib);
}

int main(int argc, char **argv)
{
	bool loam = on_loam();

	/* Cases: 6 under pressure; 22 on Loam, where qemu-user has 3 and 2 skips. */
	tap_plan(argc > 1 ? 6 : loam ? 22 : 5);
	if (argc > 1) {
		test_pressure(strtoul(argv[1], NULL, 0));
		return tap_done();
	}
	test_madv_free(loam);
	test_droppable(loam);
	return tap_done();
}
