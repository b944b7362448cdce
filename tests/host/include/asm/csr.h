/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for <asm/csr.h>: the CSR numbers and bits are the kernel's
 * own header's; the instructions (sfence.vma, wfi) are not RISC-V's on the
 * host. The kernel's inline functions are included under other names and
 * never called, and a TLB flush only counts (tlb_fakes.c), so that a test
 * can check the page-table code flushes where it must.
 */
#ifndef HOST_ASM_CSR_H
#define HOST_ASM_CSR_H

#define local_flush_tlb_all riscv_local_flush_tlb_all
#define local_flush_tlb_page riscv_local_flush_tlb_page
#define wait_for_interrupt riscv_wait_for_interrupt
#include_next <asm/csr.h>
#undef local_flush_tlb_all
#undef local_flush_tlb_page
#undef wait_for_interrupt

/* sfence.vma of this hart: all of it, or of one address (tlb_fakes.c counts them). */
extern unsigned long host_tlb_flush_all, host_tlb_flush_page;

static inline void local_flush_tlb_all(void)
{
	host_tlb_flush_all++;
}

static inline void local_flush_tlb_page(unsigned long va)
{
	host_tlb_flush_page++;
}

#endif
