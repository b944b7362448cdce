// SPDX-License-Identifier: GPL-2.0
/*
 * mlock-test [pressure_MiB]: mlock, mlock2, munlock, mlockall, munlockall,
 * mincore and msync on anonymous memory, with Linux 6.12's values and errnos
 * (mm/mlock.c, mm/mincore.c, mm/msync.c): what mincore reports as resident
 * before and after touching, locking and MLOCK_ONFAULT; the flags and holes
 * each call refuses.
 *
 * With @pressure_MiB (on Loam, as init, with little RAM and a swap disk): a
 * locked region is filled, then @pressure_MiB of other memory is written,
 * which pushes much of it out to swap. The locked pages must all still be
 * resident (mincore; present and not swapped in /proc/self/pagemap), and
 * hold what was written; some unlocked page must have left (else there was
 * no pressure and the test proves nothing).
 *
 * mlockall(MCL_CURRENT) without MCL_ONFAULT runs on Loam only: under
 * qemu-riscv64 it would lock and fault in all of qemu's own memory on the
 * host (its code buffer alone is a gigabyte).
 */
#include "../include/uapi/errno.h"
#include <stdint.h>
#include <stdlib.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)
#define LOCKED_PAGES 256 /* 1 MiB locked during the pressure run */

/* mincore of @pages at @addr, as a bit mask of bit 0 (page 0 = bit 0); -1 on error. */
static long resident_mask(uintptr_t addr, size_t pages)
{
	unsigned char vec[16];
	long mask = 0;
	size_t i;

	if (sys_mincore(addr, pages * PAGE_SIZE, vec))
		return -1;
	for (i = 0; i < pages; i++)
		mask |= (long)(vec[i] & 1) << i;
	return mask;
}

/* Pages of [@addr, +@pages) mincore calls resident, or -1. */
static long resident_count(uintptr_t addr, size_t pages)
{
	static unsigned char vec[LOCKED_PAGES * 64];
	long n = 0;
	size_t i;

	if (pages > sizeof(vec) || sys_mincore(addr, pages * PAGE_SIZE, vec))
		return -1;
	for (i = 0; i < pages; i++)
		n += vec[i] & 1;
	return n;
}

static void mincore_cases(void)
{
	uintptr_t m = map_rw(4);
	unsigned char vec[4];

	tap_expect(resident_mask(m, 4), 0, "mincore of a fresh mapping: nothing resident");
	*(volatile char *)m = 1;
	(void)*(volatile char *)(m + 2 * PAGE_SIZE);
	/* A read fault of fresh anonymous memory maps the zero page: resident too. */
	tap_expect(resident_mask(m, 4), 0x5, "mincore after touching pages 0 and 2: 0b0101");
	tap_expect(sys_mincore(m + 1, PAGE_SIZE, vec), -EINVAL, "mincore of an unaligned start");
	tap_expect(sys_mincore(m, 4 * PAGE_SIZE, (unsigned char *)8), -EFAULT,
		   "mincore into a bad vector");
	tap_expect(sys_mincore(m, 0, vec), 0, "mincore of length 0");
	sys_munmap(m + PAGE_SIZE, PAGE_SIZE);
	tap_expect(sys_mincore(m, 4 * PAGE_SIZE, vec), -ENOMEM, "mincore over a hole");
	tap_expect(sys_mincore(m + PAGE_SIZE, PAGE_SIZE, vec), -ENOMEM,
		   "mincore of an unmapped page");
	tap_expect(sys_mincore(0xffffffc000000000UL, PAGE_SIZE, vec), -ENOMEM,
		   "mincore of a kernel address");
	sys_munmap(m, 4 * PAGE_SIZE);
}

static void mlock_cases(void)
{
	uintptr_t m = map_rw(4);

	tap_expect(sys_mlock(m + 123, PAGE_SIZE), 0, "mlock of an unaligned start (rounded down)");
	tap_expect(resident_mask(m, 4), 0x3, "it locked and faulted in the two pages it touches");
	tap_expect(sys_mlock2(m, PAGE_SIZE, 2), -EINVAL, "mlock2 with flag 2");
	tap_expect(sys_mlock2(m + 2 * PAGE_SIZE, PAGE_SIZE, MLOCK_ONFAULT), 0,
		   "mlock2 MLOCK_ONFAULT");
	tap_expect(resident_mask(m, 4), 0x3, "MLOCK_ONFAULT faults nothing in");
	tap_expect(sys_mlock(m, 4 * PAGE_SIZE), 0, "mlock over locked and on-fault pages");
	tap_expect(resident_mask(m, 4), 0xf, "now all four are resident");
	tap_expect(sys_msync(m, PAGE_SIZE, MS_INVALIDATE), -EBUSY,
		   "msync MS_INVALIDATE of locked pages");
	tap_expect(sys_munlock(m + PAGE_SIZE, 2 * PAGE_SIZE), 0, "munlock of the middle");
	tap_expect(sys_msync(m + PAGE_SIZE, 2 * PAGE_SIZE, MS_INVALIDATE), 0,
		   "msync MS_INVALIDATE of the unlocked middle");
	tap_expect(sys_munmap(m + 3 * PAGE_SIZE, PAGE_SIZE), 0, "munmap of a locked page");
	tap_expect(sys_mlock(m, 4 * PAGE_SIZE), -ENOMEM, "mlock over a hole at the end");
	tap_expect(sys_munlock(m, 4 * PAGE_SIZE), -ENOMEM, "munlock over a hole at the end");
	tap_expect(sys_mlock(m + 3 * PAGE_SIZE, PAGE_SIZE), -ENOMEM, "mlock of an unmapped page");
	tap_expect(sys_mlock(m, 0), 0, "mlock of length 0");
	tap_expect(sys_munlock(m, 3 * PAGE_SIZE), 0, "munlock of the rest");
	sys_munmap(m, 4 * PAGE_SIZE);
}

static void msync_cases(void)
{
	uintptr_t m = map_rw(2);

	tap_expect(sys_msync(m, 2 * PAGE_SIZE, MS_SYNC), 0, "msync MS_SYNC");
	tap_expect(sys_msync(m, 2 * PAGE_SIZE, MS_ASYNC | MS_INVALIDATE), 0,
		   "msync MS_ASYNC|MS_INVALIDATE");
	tap_expect(sys_msync(m, 2 * PAGE_SIZE, 0), 0, "msync with no flag");
	tap_expect(sys_msync(m, PAGE_SIZE, MS_ASYNC | MS_SYNC), -EINVAL, "msync MS_ASYNC|MS_SYNC");
	tap_expect(sys_msync(m, PAGE_SIZE, 8), -EINVAL, "msync with flag 8");
	tap_expect(sys_msync(m + 1, PAGE_SIZE, MS_SYNC), -EINVAL, "msync of an unaligned start");
	tap_expect(sys_msync(m, 0, MS_SYNC), 0, "msync of length 0");
	sys_munmap(m + PAGE_SIZE, PAGE_SIZE);
	tap_expect(sys_msync(m, 2 * PAGE_SIZE, MS_SYNC), -ENOMEM, "msync MS_SYNC over a hole");
	tap_expect(sys_msync(m, 2 * PAGE_SIZE, MS_ASYNC), -ENOMEM, "msync MS_ASYNC over a hole");
	tap_expect(sys_msync(m, -PAGE_SIZE, MS_SYNC), -ENOMEM, "msync of length -4096 (wraps)");
	sys_munmap(m, PAGE_SIZE);
}

static void mlockall_cases(void)
{
	uintptr_t m;

	tap_expect(sys_mlockall(0), -EINVAL, "mlockall with no flag");
	tap_expect(sys_mlockall(MCL_ONFAULT), -EINVAL, "mlockall MCL_ONFAULT alone");
	tap_expect(sys_mlockall(8), -EINVAL, "mlockall with flag 8");
	tap_expect(sys_mlockall(MCL_FUTURE), 0, "mlockall MCL_FUTURE");
	m = map_rw(4);
	tap_expect(resident_mask(m, 4), 0xf,
		   "a mapping after MCL_FUTURE comes in locked and resident");
	tap_expect(sys_munlockall(), 0, "munlockall");
	sys_munmap(m, 4 * PAGE_SIZE);
	m = map_rw(4);
	tap_expect(resident_mask(m, 4), 0, "after munlockall a new mapping waits for its faults");
	tap_expect(sys_mlockall(MCL_CURRENT | MCL_ONFAULT), 0, "mlockall MCL_CURRENT|MCL_ONFAULT");
	tap_expect(resident_mask(m, 4), 0, "MCL_ONFAULT faults nothing in");
	tap_expect(sys_munlockall(), 0, "munlockall");
	if (on_loam()) {
		tap_expect(sys_mlockall(MCL_CURRENT), 0, "mlockall MCL_CURRENT");
		tap_expect(resident_mask(m, 4), 0xf, "MCL_CURRENT faulted every page in");
		tap_expect(sys_munlockall(), 0, "munlockall");
	} else {
		tap_skip("qemu-user", "mlockall MCL_CURRENT (would lock qemu's own memory)");
		tap_skip("qemu-user", "MCL_CURRENT faulted every page in");
		tap_skip("qemu-user", "munlockall");
	}
	sys_munmap(m, 4 * PAGE_SIZE);
}

/*
 * Pages of [@addr, +@pages) that /proc/self/pagemap shows present and not
 * swapped (bits 63 and 62, admin-guide/mm/pagemap.rst), or -1.
 */
static long pagemap_present(uintptr_t addr, size_t pages)
{
	long fd = sys_openat(AT_FDCWD, "/proc/self/pagemap", O_RDONLY, 0), n = 0;
	uint64_t e;
	size_t i;

	if (fd < 0)
		return -1;
	for (i = 0; i < pages; i++) {
		if (syscall6(__NR_pread64, fd, (long)&e, sizeof(e),
			     (long)((addr / PAGE_SIZE + i) * sizeof(e)), 0, 0) != sizeof(e)) {
			n = -1;
			break;
		}
		n += (e >> 62) == 2; /* present, not swapped */
	}
	sys_close(fd);
	return n;
}

/* Fill @mib MiB of fresh memory, a word per page: the locked pages must stay. */
static void pressure(unsigned long mib)
{
	size_t pages = mib * MiB / PAGE_SIZE;
	uintptr_t locked = map_rw(LOCKED_PAGES), other;

	pages_fill(locked, LOCKED_PAGES * PAGE_SIZE, 0x10c);
	tap_expect(sys_mlock(locked, LOCKED_PAGES * PAGE_SIZE), 0, "mlock of 1 MiB");
	other = map_rw(pages);
	pages_fill(other, pages * PAGE_SIZE, 0x0e);
	tap_expect(resident_count(locked, LOCKED_PAGES), LOCKED_PAGES,
		   "every locked page is still resident");
	tap_expect(pagemap_present(locked, LOCKED_PAGES), LOCKED_PAGES,
		   "pagemap: every locked page present, none swapped");
	tap_ok(resident_count(other, pages) < (long)pages - LOCKED_PAGES,
	       "some unlocked page went to swap (%ld of %zu resident)",
	       resident_count(other, pages), pages);
	tap_ok(!pages_check(locked, LOCKED_PAGES * PAGE_SIZE, 0x10c),
	       "the locked pages hold their data");
	tap_ok(!pages_check(other, pages * PAGE_SIZE, 0x0e), "so do the others, back from swap");
	tap_expect(sys_munlock(locked, LOCKED_PAGES * PAGE_SIZE), 0, "munlock");
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		tap_plan(7);
		pressure(strtoul(argv[1], NULL, 0));
		return tap_done();
	}
	tap_plan(47);
	mincore_cases();
	mlock_cases();
	msync_cases();
	mlockall_cases();
	return tap_done();
}
