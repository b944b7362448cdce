/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ticket spinlock on RISC-V atomics (unprivileged spec, "A" extension and
 * RVWMO, chapter 17 / appendix A).
 *
 * The 32-bit word holds two 16-bit counters: owner (low half, the ticket
 * being served) and next (high half, the next ticket to hand out). Taking a
 * ticket is one amoadd.w.aq on the whole word; the .aq bit orders the
 * critical section after it when the lock was free. A waiter spins with
 * plain loads and, once served, a "fence r,rw" gives the same acquire
 * ordering. Unlock is a release: "fence rw,w" then a 16-bit store to owner
 * (only the holder writes owner, so no AMO is needed). Tickets make the lock
 * fair: harts get it in the order they asked.
 */
#ifndef LOAM_ASM_SPINLOCK_H
#define LOAM_ASM_SPINLOCK_H

#include <types.h>

typedef struct {
	union {
		u32 val;
		struct {
			u16 owner;
			u16 next;
		};
	};
} arch_spinlock_t;

#define __ARCH_SPIN_LOCK_UNLOCKED \
	{                         \
		.val = 0          \
	}

static inline void arch_spin_lock(arch_spinlock_t *lock)
{
	u32 old, inc = 1U << 16;
	u16 ticket;

	__asm__ __volatile__("amoadd.w.aq %0, %2, %1"
			     : "=r"(old), "+A"(lock->val)
			     : "r"(inc)
			     : "memory");
	ticket = old >> 16;
	if ((u16)old == ticket)
		return;
	while (*(volatile u16 *)&lock->owner != ticket)
		;
	__asm__ __volatile__("fence r, rw" : : : "memory");
}

static inline bool arch_spin_trylock(arch_spinlock_t *lock)
{
	u32 old, tmp;
	int fail;

	/* Take a ticket only if it would be served at once: owner == next. */
	__asm__ __volatile__("1:	lr.w.aq	%0, %3\n"
			     "	srliw	%1, %0, 16\n"
			     "	slli	%2, %0, 48\n"
			     "	srli	%2, %2, 48\n"
			     "	bne	%1, %2, 2f\n"
			     "	li	%2, 1 << 16\n"
			     "	addw	%1, %0, %2\n"
			     "	sc.w	%2, %1, %3\n"
			     "	bnez	%2, 1b\n"
			     "	li	%2, 0\n"
			     "	j	3f\n"
			     "2:	li	%2, 1\n"
			     "3:\n"
			     : "=&r"(old), "=&r"(tmp), "=&r"(fail), "+A"(lock->val)
			     :
			     : "memory");
	return !fail;
}

static inline void arch_spin_unlock(arch_spinlock_t *lock)
{
	/* Not a u16: sh stores the low half anyway, so no zero-extension is needed. */
	u32 owner = lock->owner + 1;

	__asm__ __volatile__("fence rw, w\n"
			     "	sh	%1, %0"
			     : "=m"(lock->owner)
			     : "r"(owner)
			     : "memory");
}

static inline bool arch_spin_is_locked(arch_spinlock_t *lock)
{
	arch_spinlock_t v = { { *(volatile u32 *)&lock->val } };

	return v.owner != v.next;
}

#endif
