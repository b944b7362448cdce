/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Switching address spaces and flushing the TLB (privileged spec 4.1.11
 * satp, 4.2.1 sfence.vma; SBI spec chapter 8, RFENCE).
 *
 * Each process has an ASID where the hart has them (platform/riscv/mm/context.c).
 */
#ifndef LOAM_ASM_MMU_CONTEXT_H
#define LOAM_ASM_MMU_CONTEXT_H

#include <asm/csr.h>
#include <asm/pgtable.h>
#include <mm_types.h>

/* sfence.vma for one ASID, all addresses (4.2.1). */
static inline void local_flush_tlb_asid(unsigned long asid)
{
	__asm__ __volatile__("sfence.vma x0, %0" ::"r"(asid) : "memory");
}

/* Stores to memory that will be executed need fence.i before the fetch (Zifencei). */
static inline void local_flush_icache_all(void)
{
	__asm__ __volatile__("fence.i" ::: "memory");
}

/* platform/riscv/mm/context.c: detect the ASID bits, at boot on the boot hart. */
void asid_init(void);
/*
 * Run on @mm's page table (NULL: the kernel's own, swapper_pg_dir), with its
 * ASID, and fence.i: it may have run on another hart since, and freed pages
 * may now hold its code (QEMU forgives a missing one, cores like the U74 do
 * not).
 */
void switch_mm(struct mm_struct *mm);
/* Run on swapper_pg_dir, for a kernel thread (no flush: see platform/riscv/mm/context.c). */
void switch_to_kernel_mm(void);
/* @mm's page tables changed: its TLB entries go, on every hart that may hold them. */
void flush_tlb_mm(struct mm_struct *mm);
/* The same for one page (the whole ASID on other harts: SBI RFENCE by ASID). */
void flush_tlb_page(struct mm_struct *mm, unsigned long addr);
/* @mm is going: its ASID is flushed everywhere and given back. */
void destroy_context(struct mm_struct *mm);

#endif
