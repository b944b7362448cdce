/* SPDX-License-Identifier: GPL-2.0 */
/* Small helpers every file uses, named as in Linux's include/linux/kernel.h. */
#ifndef LOAM_KERNEL_H
#define LOAM_KERNEL_H

#include <types.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define clamp(v, lo, hi) min(max(v, lo), hi)

/* Power-of-two alignment; @a must be a power of two. */
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define ALIGN(x, a) ALIGN_DOWN((x) + ((__typeof__(x))(a)-1), a)
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))

#define container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))

/* Cache-line size: no RISC-V spec fixes it; 64 bytes on the U74 and in QEMU. */
#define SMP_CACHE_BYTES 64

#define SZ_1K 0x400UL
#define SZ_4K 0x1000UL
#define SZ_64K 0x10000UL
#define SZ_1M 0x100000UL
#define SZ_2M 0x200000UL
#define SZ_1G 0x40000000UL
#define SZ_4G 0x100000000UL
#define SZ_128G 0x2000000000UL

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define __noreturn __attribute__((noreturn))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __aligned(x) __attribute__((aligned(x)))
#define __section(s) __attribute__((section(s)))
#define __used __attribute__((used))
#ifndef __always_inline /* glibc has it too, for the host build */
#define __always_inline inline __attribute__((always_inline))
#endif
#define noinline __attribute__((noinline))
#define __maybe_unused __attribute__((unused))
/* A switch case that goes on into the next on purpose (Linux's compiler_attributes.h). */
#define fallthrough __attribute__((__fallthrough__))
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
/* The caller's return address: who called the function this is used in. */
#define _RET_IP_ ((unsigned long)__builtin_return_address(0))
#define barrier() __asm__ __volatile__("" ::: "memory")
/*
 * Linux's OPTIMIZER_HIDE_VAR(): the compiler no longer knows how @var was
 * computed, so it keeps the value in a register instead of working it out
 * again from its parts after every barrier.
 */
#define OPTIMIZER_HIDE_VAR(var) __asm__("" : "=r"(var) : "0"(var))

/* Index of the lowest set bit; @x must not be zero. */
static inline unsigned long __ffs(unsigned long x)
{
	return (unsigned long)__builtin_ctzl(x);
}

/* Index of the highest set bit; @x must not be zero. */
static inline unsigned long __fls(unsigned long x)
{
	return 63 - (unsigned long)__builtin_clzl(x);
}

/*
 * Linux's panic(), for states the kernel cannot go on from: print "Kernel
 * panic - not syncing: " with the message and a call trace, then end the
 * machine as a failure (the test device's exit 1, else SBI system reset);
 * never returns. A hart that panics while another does just waits.
 */
__printf(1, 2) __noreturn void panic(const char *fmt, ...);

#define BUG_ON(cond)                                                          \
	do {                                                                  \
		if (unlikely(cond))                                           \
			panic("BUG at %s:%d: %s", __FILE__, __LINE__, #cond); \
	} while (0)

#endif
