/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in for <asm/irqflags.h>: threads have no interrupts to mask. */
#ifndef HOST_ASM_IRQFLAGS_H
#define HOST_ASM_IRQFLAGS_H

static inline unsigned long arch_local_irq_save(void)
{
	return 0;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
}

#endif
