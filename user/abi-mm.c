// SPDX-License-Identifier: GPL-2.0
/*
 * abi-mm: the edge cases of mmap, munmap, mprotect, madvise, brk, mlock,
 * mincore and msync that a careful reader of the man pages would try, each
 * with the value, errno and memory effect Linux 6.12 gives (mm/mmap.c
 * do_mmap() and ksys_mmap_pgoff(), mm/mprotect.c do_mprotect_pkey(),
 * mm/madvise.c madvise_behavior_valid() and do_madvise(), mm/mmap.c brk(),
 * mm/mlock.c do_mlock(), mm/mincore.c, mm/msync.c); mseal and what a
 * seal refuses (mm/mseal.c, Linux 6.10), pkey_mprotect without protection
 * keys, and last, since it cannot be undone, memory-deny-write-execute
 * (kernel/sys.c prctl_set_mdwe(), include/linux/mman.h
 * map_deny_write_exec()). Under qemu-riscv64, which emulates these calls
 * itself, tests/run lists the cases qemu-user 7.2 gets wrong.
 */
/* Linux's numbers, not picolibc's (ENOSYS, EOVERFLOW differ). */
#include "../include/uapi/errno.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../include/uapi/prctl.h"
#include "../include/uapi/unistd.h"
#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)
#define KERNEL_ADDR 0xffffffc000000000UL

static void lengths(void)
{
	uintptr_t m = map_rw(2);
	long r;

	tap_expect(sys_mmap(0, 0, RW, ANON, -1, 0), -EINVAL, "mmap of length 0");
	tap_expect(sys_mmap(0, -PAGE_SIZE, RW, ANON, -1, 0), -ENOMEM, "mmap of length -4096");
	tap_expect(sys_mmap(0, 1UL << 62, RW, ANON, -1, 0), -ENOMEM, "mmap of length 1<<62");
	tap_expect(sys_mmap(0, -1UL, RW, ANON, -1, 0), -ENOMEM,
		   "mmap of length -1 (rounds up to 0)");
	tap_expect(sys_munmap(m, -PAGE_SIZE), -EINVAL, "munmap of length -4096");
	tap_expect(sys_munmap(m, 1UL << 62), -EINVAL, "munmap of length 1<<62");
	tap_expect(sys_mprotect(m, -PAGE_SIZE, PROT_READ), -ENOMEM,
		   "mprotect of length -4096 (wraps)");
	tap_expect(sys_mprotect(m, 1UL << 62, PROT_READ), -ENOMEM, "mprotect of length 1<<62");
	tap_expect(sys_madvise(m, -PAGE_SIZE, MADV_NORMAL), -EINVAL,
		   "madvise of length -4096 (wraps)");
	tap_expect(sys_madvise(m, -1UL, MADV_NORMAL), -EINVAL,
		   "madvise of length -1 (rounds to 0)");

	/* An unaligned length covers the whole last page. */
	r = sys_mmap(0, 1, RW, ANON, -1, 0);
	tap_ok(!SYS_ERR(r) && !(r & (PAGE_SIZE - 1)), "mmap of 1 byte: a page at 0x%lx", r);
	if (!SYS_ERR(r)) {
		*(volatile char *)(r + PAGE_SIZE - 1) = 1;
		tap_expect(sys_munmap(r, 1), 0, "munmap of 1 byte");
		tap_expect(sys_mprotect(r, PAGE_SIZE, PROT_READ), -ENOMEM,
			   "the whole page went with it (mprotect: -ENOMEM)");
	}
	sys_munmap(m, 2 * PAGE_SIZE);
}

static void addresses(void)
{
	uintptr_t m = map_rw(2);
	long r;

	tap_expect(sys_mmap(m + 1, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0), -EINVAL,
		   "mmap MAP_FIXED at an unaligned address");
	r = sys_mmap(m + 2 * PAGE_SIZE + 123, PAGE_SIZE, RW, ANON, -1, 0);
	tap_ok(!SYS_ERR(r) && !(r & (PAGE_SIZE - 1)),
	       "mmap with an unaligned hint: a page-aligned mapping (0x%lx)", r);
	if (!SYS_ERR(r))
		sys_munmap(r, PAGE_SIZE);
	tap_expect(sys_munmap(m + 1, PAGE_SIZE), -EINVAL, "munmap of an unaligned address");
	tap_expect(sys_mprotect(m + 1, PAGE_SIZE, PROT_READ), -EINVAL,
		   "mprotect of an unaligned address");
	tap_expect(sys_madvise(m + 1, PAGE_SIZE, MADV_NORMAL), -EINVAL,
		   "madvise of an unaligned address");
	tap_expect(sys_munmap(KERNEL_ADDR, PAGE_SIZE), -EINVAL, "munmap of a kernel address");
	tap_expect(sys_mprotect(KERNEL_ADDR, PAGE_SIZE, PROT_READ), -ENOMEM,
		   "mprotect of a kernel address");

	/* Root has CAP_SYS_RAWIO: mmap_min_addr does not apply (security/commoncap.c). */
	r = sys_mmap(0, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0);
	tap_expect(r, 0, "mmap MAP_FIXED at address 0 (root)");
	if (r == 0 && !on_loam()) {
		/* qemu-user puts guest page 0 at host page 0, which the host refuses. */
		tap_skip("qemu-user cannot back guest page 0", "page 0 holds what was written");
		tap_expect(sys_munmap(0, PAGE_SIZE), 0, "munmap of page 0");
	} else if (r == 0) {
		volatile long *page0 = (volatile long *)r;

		/* Hidden from the compiler, which would make a store to NULL a trap. */
		asm("" : "+r"(page0));
		*page0 = 42;
		tap_ok(*page0 == 42, "page 0 holds what was written");
		tap_expect(sys_munmap(0, PAGE_SIZE), 0, "munmap of page 0");
	} else {
		tap_skip("no page 0", "page 0 holds what was written");
		tap_skip("no page 0", "munmap of page 0");
	}
	sys_munmap(m, 2 * PAGE_SIZE);
}

static void flag_cases(void)
{
	long r;

	tap_expect(sys_mmap(0, PAGE_SIZE, RW, MAP_ANONYMOUS, -1, 0), -EINVAL,
		   "mmap with neither MAP_PRIVATE nor MAP_SHARED");
	tap_expect(sys_mmap(0, PAGE_SIZE, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS | 0x200000, -1,
			    0),
		   -EINVAL, "mmap MAP_SHARED_VALIDATE of anonymous memory with an unknown flag");
	/* Files: do_mmap() validates the flags (LEGACY_MAP_MASK) before anything else. */
	tap_expect(sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_SHARED_VALIDATE | 0x200000, 0, 0),
		   -EOPNOTSUPP, "mmap MAP_SHARED_VALIDATE of fd 0 with an unknown flag");
	/* Neither the console nor /dev/null (stdin under qemu-user) has an mmap method. */
	tap_expect(sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 0, 0), -ENODEV,
		   "mmap of fd 0 (a character device without mmap)");
	/* A /proc report has the method, and it says -EIO (proc_reg_mmap()). */
	r = sys_openat(AT_FDCWD, "/proc/meminfo", O_RDONLY, 0);
	tap_expect(sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, r, 0), -EIO,
		   "mmap of /proc/meminfo");
	sys_close(r);
	/* file_mmap_ok(): a character device's offsets end at ULONG_MAX. */
	tap_expect(sys_mmap(0, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE, 0, -PAGE_SIZE), -EOVERFLOW,
		   "mmap of fd 0 at offset -4096 (offset plus length overflows)");
	tap_expect(sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, -1, 0), -EBADF,
		   "mmap of fd -1 without MAP_ANONYMOUS");
	tap_expect(sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 12345, 0), -EBADF,
		   "mmap of a descriptor that is not open");
	r = sys_mmap(0, PAGE_SIZE, RW, ANON, 12345, 0);
	tap_ok(!SYS_ERR(r), "anonymous mmap ignores its fd (12345): 0x%lx", r);
	if (!SYS_ERR(r))
		sys_munmap(r, PAGE_SIZE);
	r = sys_mmap(0, PAGE_SIZE, RW, ANON, -1, -PAGE_SIZE);
	tap_ok(!SYS_ERR(r), "anonymous mmap ignores its offset (-4096): 0x%lx", r);
	if (!SYS_ERR(r))
		sys_munmap(r, PAGE_SIZE);
	/* No free page in the hugetlb pool (nr_hugepages 0): hugetlb_reserve_pages() fails. */
	tap_expect(sys_mmap(0, 2 * MiB, RW, ANON | MAP_HUGETLB, -1, 0), -ENOMEM,
		   "mmap MAP_HUGETLB (no free huge page in the pool)");
	tap_expect(sys_mmap(0, PAGE_SIZE, RW, MAP_PRIVATE | MAP_HUGETLB, 0, 0), -EINVAL,
		   "mmap MAP_HUGETLB of fd 0 (not a hugetlbfs file)");
	/* do_mmap() never looks at other bits of prot; mprotect refuses them. */
	r = sys_mmap(0, PAGE_SIZE, PROT_READ | 0x10, ANON, -1, 0);
	tap_ok(!SYS_ERR(r), "mmap with an unknown PROT bit (0x10): 0x%lx", r);
	if (!SYS_ERR(r))
		sys_munmap(r, PAGE_SIZE);
	r = map_rw(1);
	tap_expect(sys_mprotect(r, PAGE_SIZE, 0x10), -EINVAL, "mprotect with an unknown PROT bit");
	sys_munmap(r, PAGE_SIZE);
}

static void replace_and_protect(void)
{
	uintptr_t m = map_rw(3), noreplace_at;
	long r;

	pages_fill(m, 3 * PAGE_SIZE, 0x11);
	r = sys_mmap(m + PAGE_SIZE, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0);
	tap_ok(r == (long)(m + PAGE_SIZE) && !pages_check_zero(m + PAGE_SIZE, PAGE_SIZE) &&
		       !pages_check(m, PAGE_SIZE, 0x11) &&
		       !pages_check(m + 2 * PAGE_SIZE, PAGE_SIZE, 0x11),
	       "mmap MAP_FIXED over a mapping: that page reads zero, its neighbours kept");
	noreplace_at = m + 2 * PAGE_SIZE;
	r = sys_mmap(noreplace_at, PAGE_SIZE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	tap_expect(r, -EEXIST, "mmap MAP_FIXED_NOREPLACE over a mapping");
	if (!SYS_ERR(r) && r != (long)noreplace_at)
		sys_munmap(r, PAGE_SIZE);
	tap_ok(!pages_check(noreplace_at, PAGE_SIZE, 0x11),
	       "the mapping MAP_FIXED_NOREPLACE met is intact");

	pages_fill(m, 3 * PAGE_SIZE, 0x22);
	tap_expect(sys_mprotect(m, 3 * PAGE_SIZE, PROT_NONE), 0, "mprotect PROT_NONE");
	tap_expect(sys_mprotect(m, 3 * PAGE_SIZE, RW), 0, "mprotect back to read-write");
	tap_ok(!pages_check(m, 3 * PAGE_SIZE, 0x22), "contents kept through PROT_NONE");

	/* The middle page alone: one VMA becomes three, then one again. */
	tap_expect(sys_mprotect(m + PAGE_SIZE, PAGE_SIZE, PROT_READ), 0,
		   "mprotect of the middle page (a split in three)");
	pages_fill(m, PAGE_SIZE, 0x33);
	pages_fill(m + 2 * PAGE_SIZE, PAGE_SIZE, 0x33);
	tap_ok(!pages_check(m + PAGE_SIZE, PAGE_SIZE, 0x22) && !pages_check(m, PAGE_SIZE, 0x33) &&
		       !pages_check(m + 2 * PAGE_SIZE, PAGE_SIZE, 0x33),
	       "the three pieces hold their own contents");
	tap_expect(sys_mprotect(m, 3 * PAGE_SIZE, RW), 0, "mprotect of all three (merged back)");
	pages_fill(m + PAGE_SIZE, PAGE_SIZE, 0x44);
	tap_ok(!pages_check(m + PAGE_SIZE, PAGE_SIZE, 0x44) && !pages_check(m, PAGE_SIZE, 0x33),
	       "the merged mapping is writable throughout");
	tap_expect(sys_munmap(m, 3 * PAGE_SIZE), 0, "munmap of the whole range");
	tap_expect(sys_munmap(m, 3 * PAGE_SIZE), 0, "munmap of a hole");
	tap_expect(sys_mprotect(m, PAGE_SIZE, PROT_READ), -ENOMEM, "mprotect of a hole");
}

static void advice(void)
{
	static const struct {
		int advice;
		const char *name;
	} hints[] = {
		{ MADV_NORMAL, "MADV_NORMAL" },
		{ MADV_RANDOM, "MADV_RANDOM" },
		{ MADV_SEQUENTIAL, "MADV_SEQUENTIAL" },
		{ MADV_WILLNEED, "MADV_WILLNEED" },
		{ MADV_DONTFORK, "MADV_DONTFORK" },
		{ MADV_DOFORK, "MADV_DOFORK" },
		{ MADV_MERGEABLE, "MADV_MERGEABLE" },
		{ MADV_UNMERGEABLE, "MADV_UNMERGEABLE" },
		{ MADV_HUGEPAGE, "MADV_HUGEPAGE" },
		{ MADV_NOHUGEPAGE, "MADV_NOHUGEPAGE" },
		{ MADV_DONTDUMP, "MADV_DONTDUMP" },
		{ MADV_DODUMP, "MADV_DODUMP" },
		{ MADV_WIPEONFORK, "MADV_WIPEONFORK" },
		{ MADV_KEEPONFORK, "MADV_KEEPONFORK" },
		{ MADV_COLD, "MADV_COLD" },
		{ MADV_PAGEOUT, "MADV_PAGEOUT" },
	};
	uintptr_t m = map_rw(4);
	size_t i;

	pages_fill(m, 4 * PAGE_SIZE, 0x55);
	for (i = 0; i < sizeof(hints) / sizeof(hints[0]); i++) {
		/* Pages 1-2 only: the advice that sets VMA flags splits the mapping. */
		tap_expect(sys_madvise(m + PAGE_SIZE, 2 * PAGE_SIZE, hints[i].advice), 0,
			   hints[i].name);
	}
	tap_ok(!pages_check(m, 4 * PAGE_SIZE, 0x55), "contents kept through every hint");
	tap_expect(sys_madvise(m, PAGE_SIZE, MADV_POPULATE_READ), 0, "MADV_POPULATE_READ");
	tap_expect(sys_madvise(m, PAGE_SIZE, MADV_POPULATE_WRITE), 0, "MADV_POPULATE_WRITE");
	tap_expect(sys_madvise(m, 4 * PAGE_SIZE, MADV_DONTNEED_LOCKED), 0, "MADV_DONTNEED_LOCKED");
	tap_expect(sys_madvise(m, 4 * PAGE_SIZE, MADV_FREE), 0, "MADV_FREE");

	tap_expect(sys_madvise(m, PAGE_SIZE, MADV_REMOVE), -EINVAL,
		   "MADV_REMOVE of private anonymous memory");
	tap_expect(sys_madvise(m, PAGE_SIZE, MADV_COLLAPSE), -EINVAL,
		   "MADV_COLLAPSE of a mapping smaller than a huge page");
	tap_expect(sys_madvise(m, PAGE_SIZE, 26), -EINVAL, "madvise with advice 26 (none)");
	tap_expect(sys_madvise(m, PAGE_SIZE, 99), -EINVAL, "madvise with advice 99 (none)");
	sys_mprotect(m + 3 * PAGE_SIZE, PAGE_SIZE, PROT_READ);
	tap_expect(sys_madvise(m + 3 * PAGE_SIZE, PAGE_SIZE, MADV_POPULATE_WRITE), -EINVAL,
		   "MADV_POPULATE_WRITE of read-only memory");
	sys_munmap(m + 2 * PAGE_SIZE, PAGE_SIZE);
	tap_expect(sys_madvise(m + 2 * PAGE_SIZE, PAGE_SIZE, MADV_POPULATE_READ), -ENOMEM,
		   "MADV_POPULATE_READ of a hole");
	tap_expect(sys_madvise(m, 4 * PAGE_SIZE, MADV_NORMAL), -ENOMEM,
		   "MADV_NORMAL over a hole (the rest is advised)");
	sys_munmap(m, 4 * PAGE_SIZE);
}

/*
 * do_mprotect_pkey(): PROT_GROWSDOWN needs a VM_GROWSDOWN VMA, PROT_GROWSUP
 * a VM_GROWSUP one (none on RISC-V), both at once -EINVAL; a hole in the
 * range -ENOMEM. do_vmi_munmap(): one call unmaps several VMAs and the holes
 * between them.
 */
static void vma_ranges(void)
{
	uintptr_t m = map_rw(4), g;

	tap_expect(sys_mprotect(m, PAGE_SIZE, PROT_READ | PROT_GROWSDOWN), -EINVAL,
		   "mprotect PROT_GROWSDOWN of a mapping that does not grow down");
	tap_expect(sys_mprotect(m, PAGE_SIZE, PROT_READ | PROT_GROWSUP), -EINVAL,
		   "mprotect PROT_GROWSUP (no VMA grows up)");
	tap_expect(sys_mprotect(m, PAGE_SIZE, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP), -EINVAL,
		   "mprotect PROT_GROWSDOWN | PROT_GROWSUP");
	sys_munmap(m + PAGE_SIZE, PAGE_SIZE);
	tap_expect(sys_mprotect(m + 2 * PAGE_SIZE, PAGE_SIZE, PROT_READ), 0,
		   "mprotect of the third page (a VMA of its own)");
	tap_expect(sys_mprotect(m, 4 * PAGE_SIZE, RW), -ENOMEM, "mprotect over a hole");
	tap_expect(sys_munmap(m, 4 * PAGE_SIZE), 0, "munmap of three VMAs and a hole");
	tap_expect(sys_mprotect(m + 3 * PAGE_SIZE, PAGE_SIZE, RW), -ENOMEM,
		   "the last VMA is gone too");
	g = sys_mmap(0, 4 * PAGE_SIZE, RW, ANON | MAP_GROWSDOWN, -1, 0);
	tap_ok(!SYS_ERR(g), "mmap MAP_GROWSDOWN: %lx", g);
	tap_expect(sys_mprotect(g + 3 * PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_GROWSDOWN), 0,
		   "mprotect PROT_GROWSDOWN of its top page");
	sys_munmap(g, 4 * PAGE_SIZE);
}

/* mlock, munlock, mincore and msync at the edges (mm/mlock.c, mm/mincore.c, mm/msync.c). */
static void locking(void)
{
	uintptr_t m = map_rw(2);
	unsigned char vec[2];

	tap_expect(sys_mlock(m, -PAGE_SIZE), -EINVAL, "mlock of length -4096 (wraps)");
	tap_expect(sys_munlock(m, -PAGE_SIZE), -EINVAL, "munlock of length -4096 (wraps)");
	tap_expect(sys_mlock(KERNEL_ADDR, PAGE_SIZE), -ENOMEM, "mlock of a kernel address");
	/* Alone: qemu-user 7.2 drops unknown bits, and would lock all of itself with more. */
	tap_expect(sys_mlockall(16), -EINVAL, "mlockall with only an unknown flag");
	tap_expect(sys_mincore(m, -PAGE_SIZE, vec), -ENOMEM, "mincore of length -4096 (wraps)");
	tap_expect(sys_mincore(KERNEL_ADDR, PAGE_SIZE, vec), -ENOMEM,
		   "mincore of a kernel address");
	tap_expect(sys_msync(m, PAGE_SIZE, -1), -EINVAL, "msync with flags -1");
	tap_expect(sys_msync(KERNEL_ADDR, PAGE_SIZE, MS_SYNC), -ENOMEM,
		   "msync of a kernel address");
	/* The memory effect: a locked page is resident and keeps its data when unlocked. */
	tap_expect(sys_mlock(m, PAGE_SIZE), 0, "mlock of a fresh page");
	tap_expect(sys_mincore(m, 2 * PAGE_SIZE, vec) || (vec[0] & 1) != 1 || (vec[1] & 1) != 0, 0,
		   "mincore: the locked page resident, its neighbour not");
	*(volatile char *)m = 42;
	tap_expect(sys_munlock(m, 2 * PAGE_SIZE), 0, "munlock of it and the page after");
	tap_expect(*(volatile char *)m, 42, "the page kept its data");
	sys_munmap(m, 2 * PAGE_SIZE);
}

static void brk_cases(void)
{
	unsigned long cur = sys_brk(0);

	tap_expect(sys_brk(cur - 64 * MiB), cur, "brk far below the start: the break, unchanged");
	tap_expect(sys_brk(1UL << 62), cur, "brk far above (1<<62): the break, unchanged");
	tap_expect(sys_brk(KERNEL_ADDR), cur, "brk at a kernel address: the break, unchanged");
	tap_expect(sys_brk(-PAGE_SIZE), cur, "brk at -4096: the break, unchanged");
	tap_expect(sys_brk(0), cur, "brk(0) still reports it");
}

static long sys_mremap(unsigned long addr, size_t old_len, size_t new_len, unsigned long flags,
		       unsigned long new_addr)
{
	return syscall6(__NR_mremap, addr, old_len, new_len, flags, new_addr, 0);
}

static long sys_mseal(unsigned long start, size_t len, unsigned long flags)
{
	return syscall6(__NR_mseal, start, len, flags, 0, 0, 0);
}

static long sys_pkey_mprotect(unsigned long start, size_t len, int prot, int pkey)
{
	return syscall6(__NR_pkey_mprotect, start, len, prot, pkey, 0, 0);
}

/* do_mseal()'s own checks: nothing is sealed when they fail. */
static void seal_errors(void)
{
	uintptr_t m = map_rw(4);

	tap_expect(sys_mseal(m, PAGE_SIZE, 1), -EINVAL, "mseal with flags 1");
	tap_expect(sys_mseal(m + 1, PAGE_SIZE, 0), -EINVAL, "mseal at an unaligned address");
	tap_expect(sys_mseal(m, -PAGE_SIZE, 0), -EINVAL, "mseal of length -4096 (wraps)");
	tap_expect(sys_mseal(m, -1UL, 0), -EINVAL, "mseal of length -1 (rounds up to 0)");
	tap_expect(sys_mseal(m, 0, 0), 0, "mseal of length 0");
	tap_expect(sys_munmap(m + 2 * PAGE_SIZE, PAGE_SIZE), 0, "a hole in the third page");
	tap_expect(sys_mseal(m, 4 * PAGE_SIZE, 0), -ENOMEM, "mseal over the hole");
	tap_expect(sys_mseal(m + 2 * PAGE_SIZE, 2 * PAGE_SIZE, 0), -ENOMEM,
		   "mseal from the hole into the fourth page");
	tap_expect(sys_munmap(m, 4 * PAGE_SIZE), 0, "nothing was sealed: munmap works");
}

/* Does smaps' VmFlags line of the VMA that starts at @start have flag @flag? */
static bool smaps_has_flag(unsigned long start, const char *flag)
{
	static char text[64 * 1024];
	char prefix[32], want[8], *p, *end;
	long fd = sys_openat(AT_FDCWD, "/proc/self/smaps", O_RDONLY, 0), r;
	size_t len = 0;

	if (fd < 0)
		return false;
	while (len < sizeof(text) - 1 && (r = sys_read(fd, text + len, sizeof(text) - 1 - len)) > 0)
		len += r;
	sys_close(fd);
	text[len] = '\0';
	snprintf(prefix, sizeof(prefix), "%08lx-", start);
	snprintf(want, sizeof(want), " %s ", flag);
	p = strstr(text, prefix);
	p = p ? strstr(p, "VmFlags:") : NULL;
	end = p ? strchr(p, '\n') : NULL;
	if (end)
		*end = '\0';
	return p && strstr(p, want);
}

/* brk() shrinking into a sealed heap page: the break stays where it is. */
static void sealed_heap(void)
{
	unsigned long cur = sys_brk(0), top = (cur + 3 * PAGE_SIZE) & ~(PAGE_SIZE - 1);

	tap_expect(sys_brk(cur + 3 * PAGE_SIZE), cur + 3 * PAGE_SIZE, "brk grows the heap 3 pages");
	tap_expect(sys_mseal(top - PAGE_SIZE, PAGE_SIZE, 0), 0, "mseal of the heap's last page");
	tap_expect(sys_brk(cur), cur + 3 * PAGE_SIZE,
		   "brk back down: the sealed page does not go, nor the break");
}

/* What a sealed VMA refuses (-EPERM), and what it allows. */
static void sealed(void)
{
	uintptr_t m = map_rw(3), ro, gap;

	*(volatile char *)m = 7;
	tap_expect(sys_mseal(m, PAGE_SIZE + 1, 0), 0, "mseal of a page and a byte (two pages)");
	tap_ok(smaps_has_flag(m, "sl"), "smaps: the sealed VMA's VmFlags say sl");
	tap_ok(!smaps_has_flag(m + 2 * PAGE_SIZE, "sl"), "smaps: not the third page's");
	tap_expect(sys_mseal(m, PAGE_SIZE, 0), 0, "mseal again: no error");
	tap_expect(sys_munmap(m, PAGE_SIZE), -EPERM, "munmap of a sealed page");
	tap_expect(sys_munmap(m + 2 * PAGE_SIZE, PAGE_SIZE), 0,
		   "munmap of the unsealed third page");
	tap_expect(sys_munmap(m + PAGE_SIZE, 2 * PAGE_SIZE), -EPERM,
		   "munmap of a range that starts sealed");
	tap_expect(sys_mprotect(m, PAGE_SIZE, RW), -EPERM, "mprotect of it, to what it has");
	tap_expect(sys_mprotect(m, PAGE_SIZE, PROT_READ), -EPERM, "mprotect to read-only");
	tap_expect(sys_pkey_mprotect(m, PAGE_SIZE, PROT_READ, -1), -EPERM, "pkey_mprotect, no key");
	tap_expect(sys_mremap(m, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE, 0), -EPERM,
		   "mremap to grow it");
	tap_expect(sys_mremap(m, 2 * PAGE_SIZE, PAGE_SIZE, 0, 0), -EPERM, "mremap to shrink it");
	tap_expect(sys_mmap(m, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0), -EPERM,
		   "mmap MAP_FIXED over it");
	gap = map_rw(1);
	tap_expect(sys_mremap(gap, PAGE_SIZE, PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, m), -EPERM,
		   "mremap MREMAP_FIXED onto it");
	sys_munmap(gap, PAGE_SIZE);
	tap_expect(sys_madvise(m, PAGE_SIZE, MADV_DONTNEED), 0,
		   "MADV_DONTNEED of sealed writable memory: allowed");
	tap_expect(sys_madvise(m, 2 * PAGE_SIZE, MADV_RANDOM), 0, "MADV_RANDOM of it");
	tap_expect(*(volatile char *)m, 0, "its page was discarded: zero");

	ro = sys_mmap(0, 2 * PAGE_SIZE, PROT_READ, ANON, -1, 0);
	tap_expect(sys_mseal(ro, 2 * PAGE_SIZE, 0), 0, "mseal of read-only anonymous memory");
	tap_expect(sys_madvise(ro, PAGE_SIZE, MADV_DONTNEED), -EPERM, "MADV_DONTNEED of it");
	tap_expect(sys_madvise(ro, PAGE_SIZE, MADV_FREE), -EPERM, "MADV_FREE of it");
	tap_expect(sys_madvise(ro, PAGE_SIZE, MADV_DONTFORK), -EPERM, "MADV_DONTFORK of it");
	tap_expect(sys_madvise(ro, PAGE_SIZE, MADV_WIPEONFORK), -EPERM, "MADV_WIPEONFORK of it");
	tap_expect(sys_madvise(ro, PAGE_SIZE, MADV_WILLNEED), 0, "MADV_WILLNEED of it");
}

/* Without protection keys (riscv64) pkey_mprotect knows key 0 and -1 only. */
static void pkeys(void)
{
	uintptr_t m = map_rw(1);

	tap_expect(sys_pkey_mprotect(m, PAGE_SIZE, PROT_READ, 1), -EINVAL,
		   "pkey_mprotect with key 1");
	tap_expect(sys_pkey_mprotect(m, PAGE_SIZE, PROT_READ, 0), 0, "pkey_mprotect with key 0");
	tap_expect(syscall6(__NR_pkey_alloc, 0, 0, 0, 0, 0, 0), -ENOSPC, "pkey_alloc: no key free");
	tap_expect(syscall6(__NR_pkey_alloc, 1, 0, 0, 0, 0, 0), -EINVAL, "pkey_alloc with flags 1");
	tap_expect(syscall6(__NR_pkey_free, 1, 0, 0, 0, 0, 0), -EINVAL, "pkey_free of key 1");
	sys_munmap(m, PAGE_SIZE);
}

static long prctl(int option, unsigned long a2, unsigned long a3, unsigned long a4,
		  unsigned long a5)
{
	return syscall6(__NR_prctl, option, a2, a3, a4, a5, 0);
}

/* Memory-deny-write-execute: for good, so this comes last. */
static void mdwe(void)
{
	uintptr_t m = map_rw(1), rx;

	tap_expect(prctl(PR_GET_MDWE, 0, 0, 0, 0), 0, "PR_GET_MDWE: off");
	tap_expect(prctl(PR_SET_MDWE, 4, 0, 0, 0), -EINVAL, "PR_SET_MDWE with an unknown bit");
	tap_expect(prctl(PR_SET_MDWE, PR_MDWE_NO_INHERIT, 0, 0, 0), -EINVAL,
		   "PR_SET_MDWE with NO_INHERIT alone");
	tap_expect(prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 1, 0, 0), -EINVAL,
		   "PR_SET_MDWE with a third argument");
	tap_expect(prctl(PR_GET_MDWE, 1, 0, 0, 0), -EINVAL, "PR_GET_MDWE with an argument");
	tap_expect(prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0), 0, "PR_SET_MDWE");
	tap_expect(prctl(PR_GET_MDWE, 0, 0, 0, 0), PR_MDWE_REFUSE_EXEC_GAIN, "PR_GET_MDWE: on");
	tap_expect(prctl(PR_SET_MDWE, 0, 0, 0, 0), -EPERM, "PR_SET_MDWE 0: it cannot be undone");
	tap_expect(sys_mmap(0, PAGE_SIZE, RW | PROT_EXEC, ANON, -1, 0), -EACCES,
		   "mmap writable and executable");
	rx = sys_mmap(0, PAGE_SIZE, PROT_READ | PROT_EXEC, ANON, -1, 0);
	tap_ok(!SYS_ERR(rx), "mmap readable and executable: allowed (%ld)", (long)rx);
	tap_expect(sys_mprotect(rx, PAGE_SIZE, PROT_READ | PROT_EXEC), 0,
		   "mprotect of it to what it has");
	tap_expect(sys_mprotect(m, PAGE_SIZE, PROT_READ | PROT_EXEC), -EACCES,
		   "mprotect of writable memory to executable");
	tap_expect(sys_mprotect(m, PAGE_SIZE, PROT_READ), 0, "mprotect of it to read-only");
	tap_expect(sys_mprotect(m, PAGE_SIZE, PROT_READ | PROT_EXEC), -EACCES,
		   "then to executable: no VMA gains execution");
	sys_munmap(m, PAGE_SIZE);
	sys_munmap(rx, PAGE_SIZE);
}

int main(void)
{
	unsigned long before = free_ram();

	tap_plan(159);
	lengths();
	addresses();
	flag_cases();
	replace_and_protect();
	advice();
	vma_ranges();
	brk_cases();
	locking();
	seal_errors();
	pkeys();
	leak_check("every mapping gone", before, free_ram(), 2 * MiB);
	/* After the check: sealed memory stays until exit. */
	sealed();
	sealed_heap();
	mdwe();
	return tap_done();
}
