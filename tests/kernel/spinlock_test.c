// SPDX-License-Identifier: GPL-2.0
/* selftest=spinlock: the ticket lock under contention from every hart. */
#include <asm/csr.h>
#include <selftest.h>
#include <smp.h>
#include <spinlock.h>

#define HAMMER_ROUNDS 1000

static DEFINE_SPINLOCK(hammer_lock);
static unsigned long hammer_counter;

/*
 * A non-atomic read-modify-write with a delay inside: without mutual
 * exclusion, harts overwrite each other's increments and the total falls
 * short. The round count is modest on purpose: under QEMU, 4 vCPU threads
 * on 2 host cores make each ticket handoff wait for the next owner's host
 * thread to be scheduled, so 20000 rounds took from 0.1 s to over 2 minutes.
 */
static void hammer(void *arg)
{
	unsigned int *arrived = arg;
	int i, d;

	/* Start together: harts woken by IPI arrive late, and must overlap. */
	__atomic_fetch_add(arrived, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(arrived, __ATOMIC_ACQUIRE) != nr_cpus_online)
		;
	for (i = 0; i < HAMMER_ROUNDS; i++) {
		unsigned long v;

		spin_lock(&hammer_lock);
		v = READ_ONCE(hammer_counter);
		for (d = 0; d < 64; d++)
			barrier();
		WRITE_ONCE(hammer_counter, v + 1);
		spin_unlock(&hammer_lock);
	}
}

static void spinlock_selftest(struct ktap_suite *s)
{
	unsigned long flags, expect = (unsigned long)HAMMER_ROUNDS * nr_cpus_online;
	unsigned int arrived = 0;
	spinlock_t lock;
	bool ok;

	hammer_counter = 0;
	on_each_cpu(hammer, &arrived);
	ktap_case(s, hammer_counter == expect && !spin_is_locked(&hammer_lock), "hammer_all_harts",
		  "counter %lu, expected %lu on %u harts", hammer_counter, expect, nr_cpus_online);

	spin_lock_init(&lock);
	ok = spin_trylock(&lock) && spin_is_locked(&lock) && !spin_trylock(&lock);
	spin_unlock(&lock);
	ok = ok && !spin_is_locked(&lock) && spin_trylock(&lock);
	spin_unlock(&lock);
	ktap_case(s, ok, "trylock", "trylock took a held lock or refused a free one");

	/* sie is 0 on this hart, so setting sstatus.SIE lets no interrupt in. */
	csr_set(sstatus, SR_SIE);
	spin_lock_irqsave(&lock, flags);
	ok = !(csr_read(sstatus) & SR_SIE);
	spin_unlock_irqrestore(&lock, flags);
	ok = ok && (csr_read(sstatus) & SR_SIE);
	csr_clear(sstatus, SR_SIE);
	ktap_case(s, ok, "irqsave_masks_and_restores", "sstatus.SIE not masked or not restored");
}
DEFINE_SELFTEST(spinlock, 3, spinlock_selftest);
