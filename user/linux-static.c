// SPDX-License-Identifier: GPL-2.0
/*
 * linux-static: built by Debian's riscv64-linux-gnu-gcc (another toolchain,
 * its default Linux linker script, no libc, no Loam headers) with raw ecalls
 * only: write, brk, mmap, munmap, exit_group. If Loam runs this unchanged,
 * it runs what Linux toolchains produce.
 */
#define NR_write 64
#define NR_munmap 215
#define NR_exit_group 94
#define NR_brk 214
#define NR_mmap 222

static long sc(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	register long r0 asm("a0") = a0;
	register long r1 asm("a1") = a1;
	register long r2 asm("a2") = a2;
	register long r3 asm("a3") = a3;
	register long r4 asm("a4") = a4;
	register long r5 asm("a5") = a5;
	register long r7 asm("a7") = nr;

	asm volatile("ecall"
		     : "+r"(r0)
		     : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
		     : "memory");
	return r0;
}

static unsigned long len(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

static void put(const char *s)
{
	sc(NR_write, 1, (long)s, len(s), 0, 0, 0);
}

static int failed;

static void ok(int cond, const char *n, const char *name)
{
	if (!cond) {
		put("not ");
		failed = 1;
	}
	put("ok ");
	put(n);
	put(" - ");
	put(name);
	put("\n");
}

/* Writes then reads back one word per page: the pages exist and are ours. */
static int touch(unsigned long start, unsigned long size)
{
	unsigned long p;

	for (p = start; p < start + size; p += 4096)
		*(volatile unsigned long *)p = p;
	for (p = start; p < start + size; p += 4096)
		if (*(volatile unsigned long *)p != p)
			return 0;
	return 1;
}

static void __attribute__((noreturn, used)) start_c(void)
{
	long b0, b, m;

	put("1..5\n");
	ok(1, "1", "write to stdout");
	b0 = sc(NR_brk, 0, 0, 0, 0, 0, 0);
	b = sc(NR_brk, b0 + 65536, 0, 0, 0, 0, 0);
	ok(b == b0 + 65536 && touch((b0 + 4095) & ~4095L, 61440), "2",
	   "brk grows the heap by 64 KiB");
	ok(sc(NR_brk, b0, 0, 0, 0, 0, 0) == b0, "3", "brk shrinks it back");
	/* PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS */
	m = sc(NR_mmap, 0, 65536, 3, 0x22, -1, 0);
	ok(m > 0 && touch(m, 65536), "4", "mmap of 64 KiB, touched");
	ok(sc(NR_munmap, m, 65536, 0, 0, 0, 0) == 0, "5", "munmap");
	sc(NR_exit_group, failed, 0, 0, 0, 0, 0);
	__builtin_unreachable();
}

/*
 * The entry point: the default Linux linker script defines __global_pointer$
 * and the linker relaxes accesses against gp, so set it first (without
 * relaxing this very load).
 */
asm(".section .text._start, \"ax\"\n"
    ".globl _start\n"
    "_start:\n"
    ".option push\n"
    ".option norelax\n"
    "	la gp, __global_pointer$\n"
    ".option pop\n"
    "	andi sp, sp, -16\n"
    "	call start_c\n");
