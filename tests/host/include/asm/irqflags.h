/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for <asm/irqflags.h>: threads have no interrupts to mask;
 * each only remembers whether it is in a section that masked them, for
 * arch_irqs_disabled() (mm/vmscan.c's current_may_reclaim()).
 */
#ifndef HOST_ASM_IRQFLAGS_H
#define HOST_ASM_IRQFLAGS_H

#include <types.h>

extern __thread bool host_irqs_off; /* host_cpu.c */

static inline unsigned long arch_local_irq_save(void)
{
	bool was = host_irqs_off;

	host_irqs_off = true;
	return was;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	host_irqs_off = flags;
}

static inline bool arch_irqs_disabled(void)
{
	return host_irqs_off;
}

#endif
