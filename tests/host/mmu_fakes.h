/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The MMU for the host tests of the whole memory manager (mmu_fakes.c): TLB
 * flushes that count, and a hart's Sv39 page walk and loads and stores of
 * a user program, done on the page tables mm/memory.c builds in fake
 * physical memory. The walk reads the tables as the hardware does
 * (privileged spec v1.12, 4.3.2 and 4.4.1), not through mm/memory.c, so it
 * checks what the kernel wrote rather than repeating it.
 */
#ifndef MMU_FAKES_H
#define MMU_FAKES_H

#include <mm_types.h>
#include <swap.h>
#include <types.h>

/* PTE bits, from the spec's figure 4.21. */
#define SV39_V (1UL << 0)
#define SV39_R (1UL << 1)
#define SV39_W (1UL << 2)
#define SV39_X (1UL << 3)
#define SV39_U (1UL << 4)
#define SV39_A (1UL << 6)
#define SV39_D (1UL << 7)
#define SV39_PPN(pte) (((pte) >> 10) & ((1UL << 44) - 1))

/* sfence.vma counts: whole TLB, one page (this hart); flush_tlb_mm(), sbi_remote_sfence_vma(). */
extern unsigned long host_tlb_flush_all, host_tlb_flush_page, host_tlb_flush_mm, host_remote_sfence;
extern unsigned long host_icache_flushes;

/*
 * The leaf PTE of @va in the table rooted at @pgd as the hardware finds
 * it, or NULL when a level on the way is invalid (user memory, kernel
 * stacks and ioremap() are mapped with 4 KiB pages: a superpage fails the
 * test).
 */
u64 *sv39_walk(const void *pgd, unsigned long va);

/* The PTE @va maps to in @mm (0: none), and whether the page is resident. */
static inline u64 sv39_pte(struct mm_struct *mm, unsigned long va)
{
	u64 *p = sv39_walk(mm->pgd, va);

	return p ? *p : 0;
}

/*
 * Does @pte hold a swap entry (a software encoding the hardware ignores,
 * include/swap.h's)? If so, the entry in *@entry.
 */
bool sv39_swap_entry(u64 pte, swp_entry_t *entry);

/* Page-table pages below @mm's root that map user addresses (the lower half). */
unsigned long sv39_nr_tables(struct mm_struct *mm);

/*
 * A user load or store of the u64 at @va, as a hart in U-mode does it: the
 * walk, a page fault (mf_touch(): the kernel's handler) if the PTE does not
 * allow it, then the access, setting A (and D for a store) as QEMU's
 * hardware updating does. 0, or the fault's error (-EFAULT: SIGSEGV).
 */
int user_load(struct mm_struct *mm, unsigned long va, u64 *val);
int user_store(struct mm_struct *mm, unsigned long va, u64 val);

#endif
