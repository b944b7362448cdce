// SPDX-License-Identifier: GPL-2.0
/*
 * getrandom(), with Linux's interface (drivers/char/random.c) but not its
 * quality: Loam has no entropy source yet. The bytes come from a SplitMix64
 * sequence seeded by the time CSR at the first call and advanced by every
 * caller: different for every call, predictable to anyone who can guess
 * the boot's timing. Nothing here is fit for keys; it serves what a C
 * library wants at start-up (malloc's and the stack protector's cookies),
 * as exec's AT_RANDOM bytes do (kernel/binfmt_elf.c).
 */
#include <asm/page.h>
#include <kernel.h>
#include <sched_clock.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>

/* getrandom()'s flags (Linux's include/uapi/linux/random.h) */
#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM 0x0002
#define GRND_INSECURE 0x0004

/* Linux's MAX_RW_COUNT: one call moves at most INT_MAX rounded down to a page. */
#define MAX_RW_COUNT (0x7fffffffUL & ~(PAGE_SIZE - 1))

/* SplitMix64's increment and finaliser (Steele, Lea, Flood, OOPSLA 2014). */
#define SPLITMIX_GAMMA 0x9e3779b97f4a7c15ULL

static u64 random_state;

static u64 get_random_u64(void)
{
	u64 z = __atomic_add_fetch(&random_state, SPLITMIX_GAMMA, __ATOMIC_RELAXED);

	if (z == SPLITMIX_GAMMA) /* the first call: mix in the time */
		z = __atomic_add_fetch(&random_state, get_cycles(), __ATOMIC_RELAXED);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

long sys_getrandom(char __user *ubuf, unsigned long len, unsigned long uflags)
{
	unsigned int flags = uflags;
	unsigned long done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	/* Linux: insecure and blocking (the old GRND_RANDOM pool) at once makes no sense. */
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	/* import_ubuf(): cut to MAX_RW_COUNT, then the whole buffer in user space. */
	len = min(len, MAX_RW_COUNT);
	if (!access_ok(ubuf, len))
		return -EFAULT;
	/* get_random_bytes_user(): a fault ends it; the bytes copied count, else -EFAULT. */
	while (done < len) {
		u64 v = get_random_u64();
		unsigned long n = min(len - done, sizeof(v));
		unsigned long left = copy_to_user(ubuf + done, &v, n);

		done += n - left;
		if (left)
			return done ? (long)done : -EFAULT;
	}
	return done;
}
