// SPDX-License-Identifier: GPL-2.0
/*
 * madv-willneed: MADV_WILLNEED on swapped-out anonymous memory reads the
 * pages back into the swap cache without mapping them, as Linux 6.12's
 * madvise_willneed() (swapin_walk_pmd_entry(), read_swap_cache_async()):
 * 256 pages written and paged out with MADV_PAGEOUT (mincore: none
 * resident), then MADV_WILLNEED on the first half: pswpin grows by those
 * pages alone, pgmajfault not at all, mincore shows the first half resident
 * (in the swap cache) and the second not; then on the rest. Reading every
 * word afterwards reads nothing more from swap and takes no major fault.
 *
 * qemu-user 7.2 passes only MADV_DONTNEED to the host and returns 0 for the
 * other advice, and its /proc files are the host's: nothing is paged out
 * there, so the cases that need the kernel to act run on Loam only
 * (on_loam()), which needs a swap area (the scenario's disk).
 */
#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define MADV_WILLNEED 3
#define MADV_PAGEOUT 21
#define NPAGES 256
#define HALF (NPAGES / 2)

static unsigned char vec[NPAGES];

/* Pages of [@first, @first + @n) that mincore says are resident. */
static unsigned long resident(uintptr_t addr, unsigned long first, unsigned long n)
{
	unsigned long i, count = 0;

	if (sys_mincore(addr, NPAGES * PAGE_SIZE, vec))
		return ~0UL;
	for (i = first; i < first + n; i++)
		count += vec[i] & 1;
	return count;
}

static long vm(const char *name)
{
	return proc_counter("/proc/vmstat", name);
}

int main(void)
{
	bool loam = on_loam();
	uintptr_t addr;
	long in0, maj0, in1, maj1, in2, maj2;

	tap_plan(loam ? 11 : 4);
	addr = map_rw(NPAGES);
	pages_fill(addr, NPAGES * PAGE_SIZE, 0x77);
	tap_ok(sys_madvise(addr, NPAGES * PAGE_SIZE, MADV_PAGEOUT) == 0, "MADV_PAGEOUT: 0");
	if (loam)
		tap_ok(resident(addr, 0, NPAGES) == 0, "paged out: no page resident (mincore)");

	in0 = vm("pswpin");
	maj0 = vm("pgmajfault");
	tap_ok(sys_madvise(addr, HALF * PAGE_SIZE, MADV_WILLNEED) == 0,
	       "MADV_WILLNEED on the first half: 0");
	if (loam) {
		in1 = vm("pswpin");
		maj1 = vm("pgmajfault");
		tap_diag("pswpin +%ld, pgmajfault +%ld", in1 - in0, maj1 - maj0);
		tap_ok(in1 - in0 == HALF && maj1 == maj0,
		       "WILLNEED read the %d pages (pswpin) without a fault (pgmajfault)", HALF);
		tap_ok(resident(addr, 0, HALF) == HALF && resident(addr, HALF, HALF) == 0,
		       "mincore: the first half resident (swap cache), the second not");
	}
	tap_ok(sys_madvise(addr + HALF * PAGE_SIZE, HALF * PAGE_SIZE, MADV_WILLNEED) == 0,
	       "MADV_WILLNEED on the second half: 0");
	if (loam)
		tap_ok(resident(addr, 0, NPAGES) == NPAGES, "mincore: every page resident");

	in1 = vm("pswpin");
	maj1 = vm("pgmajfault");
	tap_ok(pages_check(addr, NPAGES * PAGE_SIZE, 0x77) == 0, "every page reads back right");
	if (loam) {
		in2 = vm("pswpin");
		maj2 = vm("pgmajfault");
		tap_diag("reading: pswpin +%ld, pgmajfault +%ld", in2 - in1, maj2 - maj1);
		tap_ok(in1 - in0 == NPAGES, "%d pages read by WILLNEED in all", NPAGES);
		tap_ok(in2 == in1 && maj2 == maj1,
		       "reading them read nothing from swap and took no major fault");
		tap_ok(sys_madvise(addr, NPAGES * PAGE_SIZE, MADV_WILLNEED) == 0 &&
			       vm("pswpin") == in2,
		       "MADV_WILLNEED on resident pages reads nothing");
	}
	return tap_done();
}
