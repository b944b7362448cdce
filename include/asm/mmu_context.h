/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Switching address spaces and flushing the TLB (privileged spec 4.1.11
 * satp, 4.2.1 sfence.vma; SBI spec chapter 8, RFENCE).
 *
 * Loam does not use ASIDs yet: every process runs with ASID 0 and a switch
 * flushes the whole TLB. User processes run on the boot hart only so far,
 * so flushes are local; the RFENCE call for other harts comes with SMP
 * scheduling.
 */
#ifndef LOAM_ASM_MMU_CONTEXT_H
#define LOAM_ASM_MMU_CONTEXT_H

#include <asm/csr.h>
#include <asm/pgtable.h>
#include <mm_types.h>

static inline void flush_tlb_mm(struct mm_struct *mm)
{
	local_flush_tlb_all();
}

/* Stores to memory that will be executed need fence.i before the fetch (Zifencei). */
static inline void local_flush_icache_all(void)
{
	__asm__ __volatile__("fence.i" ::: "memory");
}

/*
 * Run on @mm's page table (NULL: the kernel's own, swapper_pg_dir). A process
 * may have run on another hart since this one last ran it, and pages freed
 * there may now hold its code: fence.i before its instructions are fetched
 * here (QEMU forgives a missing one, cores like the U74 do not).
 */
static inline void switch_mm(struct mm_struct *mm)
{
	csr_write(satp, mm ? make_satp(__pa(mm->pgd)) : swapper_satp);
	local_flush_tlb_all();
	if (mm)
		local_flush_icache_all();
}

#endif
