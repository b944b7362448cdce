/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for <asm/spinlock.h>: a test-and-set lock on GCC atomics, so
 * pthreads can play CPUs contending for the kernel's locks.
 */
#ifndef HOST_ASM_SPINLOCK_H
#define HOST_ASM_SPINLOCK_H

#include <types.h>

/* <sched.h>'s, declared here: include/sched.h, the kernel's, shadows the C library's. */
int sched_yield(void);

typedef struct {
	u32 val;
} arch_spinlock_t;

#define __ARCH_SPIN_LOCK_UNLOCKED \
	{                         \
		0                 \
	}

static inline bool arch_spin_trylock(arch_spinlock_t *lock)
{
	return !__atomic_exchange_n(&lock->val, 1, __ATOMIC_ACQUIRE);
}

static inline void arch_spin_lock(arch_spinlock_t *lock)
{
	while (!arch_spin_trylock(lock))
		sched_yield();
}

static inline void arch_spin_unlock(arch_spinlock_t *lock)
{
	__atomic_store_n(&lock->val, 0, __ATOMIC_RELEASE);
}

static inline bool arch_spin_is_locked(arch_spinlock_t *lock)
{
	return __atomic_load_n(&lock->val, __ATOMIC_RELAXED);
}

#endif
