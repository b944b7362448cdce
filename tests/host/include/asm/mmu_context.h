/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for <asm/mmu_context.h>: the declarations are the kernel's
 * own header's, its inline sfence.vma and fence.i are not the host's
 * instructions: included under other names and never called. fence.i only
 * counts; flush_tlb_mm() and the others are tlb_fakes.c's.
 */
#ifndef HOST_ASM_MMU_CONTEXT_H
#define HOST_ASM_MMU_CONTEXT_H

#define local_flush_tlb_asid riscv_local_flush_tlb_asid
#define local_flush_icache_all riscv_local_flush_icache_all
#include_next <asm/mmu_context.h>
#undef local_flush_tlb_asid
#undef local_flush_icache_all

extern unsigned long host_icache_flushes;

static inline void local_flush_icache_all(void)
{
	host_icache_flushes++;
}

#endif
