// SPDX-License-Identifier: GPL-2.0
/*
 * fault-storm: one large anonymous mapping (64 MiB, or half of free memory
 * if that is less), every page touched once, as fast as possible: a minor
 * fault each. Then every page checked and the mapping unmapped; free memory
 * must come back.
 */
#include <stdint.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define MAX_LEN (64 * MiB)

static long now_ns(void)
{
	struct linux_timespec ts;

	sys_clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

int main(void)
{
	unsigned long before = free_ram(), len = MAX_LEN, pages, p;
	long m, t0, t1;

	tap_plan(5);
	if (len > before / 2)
		len = (before / 2) & ~(PAGE_SIZE - 1);
	pages = len / PAGE_SIZE;
	m = sys_mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!tap_ok(!SYS_ERR(m), "mmap of %lu MiB at 0x%lx", len >> 20, m))
		return tap_done();

	t0 = now_ns();
	for (p = m; p < m + len; p += PAGE_SIZE)
		*(volatile unsigned long *)p = p;
	t1 = now_ns();
	tap_diag("touched %lu pages in %ld ms (%ld ns per fault)", pages, (t1 - t0) / 1000000,
		 (t1 - t0) / (long)pages);
	tap_diag("free memory %lu KiB before, %lu KiB with the pages touched", before >> 10,
		 free_ram() >> 10);

	for (p = m; p < m + len; p += PAGE_SIZE)
		if (*(volatile unsigned long *)p != p)
			break;
	tap_ok(p == m + len, "all %lu pages hold what was written", pages);
	for (p = m; p < m + len; p += PAGE_SIZE)
		if (*(volatile unsigned long *)(p + PAGE_SIZE - sizeof(long)))
			break;
	tap_ok(p == m + len, "the rest of each page reads zero (its last word checked)");
	tap_ok(!sys_munmap(m, len), "munmap");
	leak_check("mapping unmapped", before, free_ram(), 2 * MiB);
	return tap_done();
}
