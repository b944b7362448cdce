/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Spinlocks with Linux's API. spin_lock_irqsave() also masks interrupts on
 * this hart, for data an interrupt handler may touch.
 */
#ifndef LOAM_SPINLOCK_H
#define LOAM_SPINLOCK_H

#include <asm/irqflags.h>
#include <asm/spinlock.h>

typedef struct {
	arch_spinlock_t raw;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED              \
	{                                 \
		__ARCH_SPIN_LOCK_UNLOCKED \
	}
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *lock)
{
	lock->raw.val = 0;
}

static inline void spin_lock(spinlock_t *lock)
{
	arch_spin_lock(&lock->raw);
}

static inline bool spin_trylock(spinlock_t *lock)
{
	return arch_spin_trylock(&lock->raw);
}

static inline void spin_unlock(spinlock_t *lock)
{
	arch_spin_unlock(&lock->raw);
}

static inline bool spin_is_locked(spinlock_t *lock)
{
	return arch_spin_is_locked(&lock->raw);
}

#define spin_lock_irqsave(lock, flags)           \
	do {                                     \
		(flags) = arch_local_irq_save(); \
		spin_lock(lock);                 \
	} while (0)

static inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	spin_unlock(lock);
	arch_local_irq_restore(flags);
}

#endif
