// SPDX-License-Identifier: GPL-2.0
/*
 * /init: a short tour of the memory path. The heap grows with brk, a mapping
 * comes and goes with mmap/munmap, and free memory (sysinfo) is printed at
 * each step, so a reader sees pages being allocated on first touch and given
 * back on shrink and unmap. Then /bin/swap-demo maps more than all of RAM:
 * what did not fit went to the swap device and came back (its own TAP, a
 * subtest of ours, says how much).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <sys/auxv.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define HEAP_GROWTH (4 * MiB)
#define MAP_LEN (2 * MiB)

extern char _start[];

static void show(const char *when)
{
	printf("# %-28s free memory %6lu KiB\n", when, free_ram() >> 10);
}

/* More than RAM, through swap: /bin/swap-demo, run as a subtest. */
static void run_swap_demo(void)
{
	char *argv[] = { "/bin/swap-demo", NULL };
	int status = 0;
	long pid;

	if (!on_loam()) {
		tap_skip("/bin is the host's here", "%s exits with 0", argv[0]);
		return;
	}
	setenv("TAP_INDENT", "    ", 1);
	pid = spawn(argv[0], argv);
	unsetenv("TAP_INDENT");
	if (pid > 0 && sys_wait4(pid, &status, 0, NULL) != pid)
		pid = -1;
	tap_ok(pid > 0 && WIFEXITED(status) && !WEXITSTATUS(status), "%s exits with 0 (status %#x)",
	       argv[0], status);
}

int main(void)
{
	unsigned long before = free_ram(), start, end;
	long r;

	tap_plan(10);
	printf("# Loam init: %lu KiB of memory, %lu KiB free\n", total_ram() >> 10, before >> 10);
	tap_ok(getauxval(AT_PAGESZ) == PAGE_SIZE, "auxv: AT_PAGESZ is %lu", getauxval(AT_PAGESZ));
	tap_ok(getauxval(AT_ENTRY) == (uintptr_t)_start, "auxv: AT_ENTRY is _start (0x%lx)",
	       getauxval(AT_ENTRY));

	/* The heap: brk(0) reports the break; the pages come on first touch. */
	start = sys_brk(0);
	end = (start + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	r = sys_brk(end + HEAP_GROWTH);
	tap_ok(r == end + HEAP_GROWTH, "brk grows the heap by %lu KiB from 0x%lx",
	       HEAP_GROWTH >> 10, start);
	show("heap grown, not touched:");
	pages_fill(end, HEAP_GROWTH, 1);
	printf("# touched %lu heap pages\n", HEAP_GROWTH / PAGE_SIZE);
	show("heap touched:");
	tap_ok(!pages_check(end, HEAP_GROWTH, 1), "heap pages hold what was written");
	tap_ok(sys_brk(start) == (long)start, "brk shrinks the heap back to 0x%lx", start);
	show("heap shrunk:");

	/* An anonymous mapping: the same, through mmap and munmap. */
	r = sys_mmap(0, MAP_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!tap_ok(!SYS_ERR(r), "mmap of %lu KiB at 0x%lx", MAP_LEN >> 10, r))
		return tap_done();
	tap_ok(!pages_check_zero(r, MAP_LEN), "fresh anonymous pages read zero");
	pages_fill(r, MAP_LEN, 2);
	printf("# touched %lu mapped pages\n", MAP_LEN / PAGE_SIZE);
	show("mapping touched:");
	tap_ok(!pages_check(r, MAP_LEN, 2), "mapped pages hold what was written");
	tap_ok(!sys_munmap(r, MAP_LEN), "munmap");
	show("mapping unmapped:");
	printf("# free memory: %lu KiB at start, %lu KiB at the end\n", before >> 10,
	       free_ram() >> 10);
	run_swap_demo();
	return tap_done();
}
