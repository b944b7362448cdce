/* SPDX-License-Identifier: GPL-2.0 */
/* Local interrupt masking: sstatus.SIE (privileged spec 4.1.1). */
#ifndef LOAM_ASM_IRQFLAGS_H
#define LOAM_ASM_IRQFLAGS_H

#include <asm/csr.h>
#include <types.h>

static inline unsigned long arch_local_irq_save(void)
{
	return csr_read_clear(sstatus, SR_SIE);
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	csr_set(sstatus, flags & SR_SIE);
}

static inline void arch_local_irq_enable(void)
{
	csr_set(sstatus, SR_SIE);
}

static inline void arch_local_irq_disable(void)
{
	csr_clear(sstatus, SR_SIE);
}

/* Masked: in a trap handler (the hart masks on entry, 4.1.1) or in a critical section. */
static inline bool arch_irqs_disabled(void)
{
	return !(csr_read(sstatus) & SR_SIE);
}

#endif
