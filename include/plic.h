/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The RISC-V Platform-Level Interrupt Controller (platform/plic.c): device
 * interrupts, delivered to S-mode as the supervisor external interrupt.
 */
#ifndef LOAM_PLIC_H
#define LOAM_PLIC_H

#include <types.h>

typedef void (*irq_handler_t)(unsigned int irq, void *arg);

/*
 * Find the PLIC in the DTB, map it and give every online CPU's S-mode
 * context threshold 0, all sources masked. After smp_init(): contexts are
 * matched to logical CPUs by hart id. 0 or -errno (no PLIC: -ENODEV).
 */
int plic_init(const void *fdt);
/* The phandle of the PLIC found by plic_init() (for interrupt-parent checks), 0 if none. */
u32 plic_phandle(void);
/*
 * Call @handler(@irq, @arg) when source @irq interrupts, from interrupt
 * context on whichever CPU claims it; the source is enabled on every
 * online CPU. 0, -ENODEV without a PLIC, -EINVAL for a bad source, -EBUSY
 * if it already has a handler.
 */
int request_irq(unsigned int irq, irq_handler_t handler, void *arg);
/* The supervisor external interrupt (scause 9): claim, handle, complete. */
void plic_handle_irq(void);

#endif
