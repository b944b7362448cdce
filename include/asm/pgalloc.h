/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page-table pages: a process's root table, and linking a new table into the
 * entry above it (Linux's arch/riscv/include/asm/pgalloc.h). A table is one
 * zeroed page in the direct map; Loam keeps no per-table struct page state
 * (Linux's pgtable_t and its constructor), so a table is known by its address.
 * The kernel's own tables have no mm_struct (Linux's init_mm): for them @mm
 * is NULL, and the functions here never look at it.
 */
#ifndef LOAM_ASM_PGALLOC_H
#define LOAM_ASM_PGALLOC_H

#include <asm/pgtable.h>

/* Point the middle entry @pmdp at the PTE table @pte (4.4.1: V alone, a non-leaf). */
static inline void pmd_populate(struct mm_struct *mm, pmd_t *pmdp, pte_t *pte)
{
	set_pmd(pmdp, pfn_pmd(__pa(pte) >> PAGE_SHIFT, PAGE_TABLE));
}

/* The same in the kernel's tables. */
static inline void pmd_populate_kernel(struct mm_struct *mm, pmd_t *pmdp, pte_t *pte)
{
	pmd_populate(mm, pmdp, pte);
}

/* Point the root entry @pgdp at the middle table @pmd (Linux's folded p4d/pud_populate()). */
static inline void pgd_populate(struct mm_struct *mm, pgd_t *pgdp, pmd_t *pmd)
{
	set_pgd(pgdp, pfn_pgd(__pa(pmd) >> PAGE_SHIFT, PAGE_TABLE));
}

/*
 * A new root table for @mm: the user half empty, the kernel half copied from
 * swapper_pg_dir (platform/riscv/mm/pgtable.c). NULL without memory.
 */
pgd_t *pgd_alloc(struct mm_struct *mm);
/* Free @mm's root table, and give its ASID back: @mm is going. */
void pgd_free(struct mm_struct *mm, pgd_t *pgd);

#endif
