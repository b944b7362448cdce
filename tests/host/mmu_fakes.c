// SPDX-License-Identifier: GPL-2.0
/*
 * The MMU for the host tests of the whole memory manager: see mmu_fakes.h.
 * Faked because the host's MMU is not Sv39 and the tables live in fake
 * physical memory: the TLB is not modelled (a flush only counts), the
 * kernel's root table (swapper_pg_dir) is an array here, and the hart's walk
 * and A/D updates are done by user_load()/user_store().
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <asm/mmu_context.h>
#include <asm/pgtable.h>
#include <asm/sbi.h>
#include <mmap.h>

#include "mmap_helpers.h"
#include "mmu_fakes.h"

unsigned long host_tlb_flush_all, host_tlb_flush_page, host_tlb_flush_mm, host_remote_sfence;
unsigned long host_icache_flushes;

/* The kernel's root table: its upper half is what pgd_alloc() copies. */
__typeof__(swapper_pg_dir) swapper_pg_dir;

void flush_tlb_mm(struct mm_struct *mm)
{
	host_tlb_flush_mm++;
}

void flush_tlb_page(struct mm_struct *mm, unsigned long addr)
{
	host_tlb_flush_page++;
}

void destroy_context(struct mm_struct *mm)
{
}

void sbi_remote_sfence_vma(unsigned long start, unsigned long size)
{
	host_remote_sfence++;
}

/* A table's entry: the next table, or NULL if invalid; a leaf above 4 KiB fails the test. */
static u64 *next_table(u64 entry)
{
	if (!(entry & SV39_V))
		return NULL;
	if (entry & (SV39_R | SV39_W | SV39_X))
		fail_msg("a superpage leaf (%#lx) where 4 KiB pages were expected",
			 (unsigned long)entry);
	return __va(SV39_PPN(entry) << PAGE_SHIFT);
}

u64 *sv39_walk(const void *pgd, unsigned long va)
{
	/* VPN[2] and VPN[1]: bits 38..30 and 29..21 (4.4.1, figure 4.19); VPN[0] below. */
	static const unsigned int vpn_shift[] = { 30, 21 };
	const u64 *table = pgd;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		table = next_table(table[(va >> vpn_shift[i]) & 511]);
		if (!table)
			return NULL;
	}
	return (u64 *)&table[(va >> PAGE_SHIFT) & 511];
}

unsigned long sv39_nr_tables(struct mm_struct *mm)
{
	const u64 *pgd = (const u64 *)mm->pgd;
	unsigned long n = 0;
	int i, j;

	for (i = 0; i < 256; i++) {
		const u64 *pmd = next_table(pgd[i]);

		if (!pmd)
			continue;
		n++;
		for (j = 0; j < 512; j++)
			n += next_table(pmd[j]) != NULL;
	}
	return n;
}

bool sv39_swap_entry(u64 raw, swp_entry_t *entry)
{
	pte_t pte;

	/* The entry as the kernel's type holds it (a word, or a struct of one). */
	_Static_assert(sizeof(pte) == sizeof(raw), "a PTE is one 64-bit word (4.4.1)");
	memcpy(&pte, &raw, sizeof(pte));
	if (!is_swap_pte(pte))
		return false;
	*entry = pte_to_swp_entry(pte);
	return true;
}

/* Would the hardware allow this access through @pte? (4.3.2 step 5; SUM and MXR off.) */
static bool pte_allows(u64 pte, bool write)
{
	if (!(pte & SV39_V) || !(pte & SV39_U))
		return false;
	return write ? (pte & SV39_W) : (pte & SV39_R);
}

/* The u64 @va stands for, faulting first as often as the kernel's handler asks. */
static int user_access(struct mm_struct *mm, unsigned long va, bool write, u64 **word)
{
	int tries, err;

	for (tries = 0; tries < 4; tries++) {
		u64 *ptep = sv39_walk(mm->pgd, va), pte;

		pte = ptep ? __atomic_load_n(ptep, __ATOMIC_RELAXED) : 0;
		if (pte_allows(pte, write)) {
			/* 4.3.2 step 7: A, and D on a store, set atomically with the walk. */
			__atomic_fetch_or(ptep, SV39_A | (write ? SV39_D : 0), __ATOMIC_RELAXED);
			*word = (u64 *)((char *)__va(SV39_PPN(pte) << PAGE_SHIFT) +
					(va & (PAGE_SIZE - 1)));
			return 0;
		}
		err = mf_touch(mm, va, write);
		if (err)
			return err;
	}
	fail_msg("%s at %#lx still faults after 4 page faults that succeeded",
		 write ? "store" : "load", va);
	return -EFAULT;
}

int user_load(struct mm_struct *mm, unsigned long va, u64 *val)
{
	u64 *word;
	int err = user_access(mm, va, false, &word);

	if (!err)
		*val = *word;
	return err;
}

int user_store(struct mm_struct *mm, unsigned long va, u64 val)
{
	u64 *word;
	int err = user_access(mm, va, true, &word);

	if (!err)
		*word = val;
	return err;
}
