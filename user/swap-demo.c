// SPDX-License-Identifier: GPL-2.0
/*
 * swap-demo: what `make run` shows of swap. One mapping larger than RAM (all
 * of RAM plus half of the free swap), every page written, then every page
 * read back: the pages that did not fit went out to the swap device and came
 * back on the faults. /proc/vmstat's pswpout and pswpin tell how many.
 */
#include <stdio.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define TAG 0x5a17

static long pages_to_mib(long pages)
{
	return pages * PAGE_SIZE >> 20;
}

static long counter(const char *name)
{
	return proc_counter("/proc/vmstat", name);
}

int main(void)
{
	unsigned long ram, swap, len, before = free_ram();
	long out0, in0, out1, in1, out2, in2, m;
	struct linux_sysinfo si;
	uintptr_t bad;

	tap_plan(4);
	sys_sysinfo(&si);
	ram = si.totalram * si.mem_unit;
	swap = si.freeswap * si.mem_unit;
	if (!swap) {
		printf("# no swap area attached: nothing to show\n");
		tap_skip("no swap", "mmap of more than RAM");
		tap_skip("no swap", "every page read back right");
		tap_skip("no swap", "swap traffic");
		tap_skip("no swap", "munmap");
		return tap_done();
	}
	len = (ram + swap / 2) & ~(PAGE_SIZE - 1);
	printf("# swap-demo: %lu MiB of RAM, %lu MiB of swap free: mapping %lu MiB\n", ram >> 20,
	       swap >> 20, len >> 20);
	m = sys_mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!tap_ok(!SYS_ERR(m), "mmap of %lu MiB, more than RAM", len >> 20))
		return tap_done();

	out0 = counter("pswpout");
	in0 = counter("pswpin");
	pages_fill(m, len, TAG);
	out1 = counter("pswpout");
	in1 = counter("pswpin");
	printf("# written: %lu MiB; meanwhile %ld pages (%ld MiB) went out to swap\n", len >> 20,
	       out1 - out0, pages_to_mib(out1 - out0));
	bad = pages_check(m, len, TAG);
	out2 = counter("pswpout");
	in2 = counter("pswpin");
	printf("# read back: %ld pages (%ld MiB) came in from swap, %ld more went out\n", in2 - in1,
	       pages_to_mib(in2 - in1), out2 - out1);
	if (tap_ok(!bad, "every page read back right"))
		printf("# all %lu MiB verified\n", len >> 20);
	else
		printf("# wrong word at 0x%lx\n", (unsigned long)bad);
	tap_ok(out2 > out0 && in2 > in0, "swap traffic: pswpout +%ld, pswpin +%ld", out2 - out0,
	       in2 - in0);
	tap_ok(!sys_munmap(m, len), "munmap");
	printf("# free memory %lu MiB before, %lu MiB after\n", before >> 20, free_ram() >> 20);
	return tap_done();
}
