// SPDX-License-Identifier: GPL-2.0
/*
 * Page-table pages and kernel page-table construction (Sv39, privileged spec
 * 4.4): a process's root table, and mapping a range of the kernel's with the
 * largest leaves its alignment allows. A root entry may be a 1 GiB leaf, a
 * middle entry a 2 MiB leaf (4.4.1: "any level of PTE may be a leaf").
 * create_pgd_mapping() and the two below it are Linux's, from
 * arch/riscv/mm/init.c: one block of a given size, tables made on the way.
 */
#include <asm/mmu_context.h>
#include <asm/pgalloc.h>
#include <kernel.h>
#include <memblock.h>
#include <mm.h>
#include <printk.h>
#include <string.h>
#include <uapi/errno.h>

/*
 * The kernel half (the addresses with bit 38 set) is swapper_pg_dir's,
 * copied: the kernel's top-level entries are all made at boot, so the copies
 * never go stale.
 */
pgd_t *pgd_alloc(struct mm_struct *mm)
{
	pgd_t *pgd = (pgd_t *)get_zeroed_page(GFP_KERNEL);

	if (pgd)
		memcpy(pgd + USER_PTRS_PER_PGD, swapper_pg_dir + USER_PTRS_PER_PGD,
		       (PTRS_PER_PGD - USER_PTRS_PER_PGD) * sizeof(pgd_t));
	return pgd;
}

void pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	destroy_context(mm);
	free_page((unsigned long)pgd);
}

/* A zeroed table from memblock (the buddy allocator is not up yet), or NULL. */
static void *alloc_pgtable(void)
{
	return memblock_alloc(PAGE_SIZE, PAGE_SIZE);
}

static int create_pte_mapping(pte_t *ptep, unsigned long va, phys_addr_t pa, unsigned long prot)
{
	set_pte(ptep + pte_index(va), pfn_pte(pa >> PAGE_SHIFT, prot));
	return 0;
}

/* A 2 MiB leaf at @va in the middle table @pmdp if @sz says so, else a 4 KiB one below it. */
static int create_pmd_mapping(pmd_t *pmdp, unsigned long va, phys_addr_t pa, phys_addr_t sz,
			      unsigned long prot)
{
	pmd_t *pmd = pmdp + pmd_index(va);
	pte_t *pte;

	if (sz == PMD_SIZE) {
		if (!pmd_none(*pmd))
			return -ENOMEM;
		set_pmd(pmd, pfn_pmd(pa >> PAGE_SHIFT, prot));
		return 0;
	}
	if (pmd_none(*pmd)) {
		pte = alloc_pgtable();
		if (!pte)
			return -ENOMEM;
		pmd_populate_kernel(NULL, pmd, pte);
	}
	if (pmd_leaf(*pmd))
		return -ENOMEM;
	return create_pte_mapping((pte_t *)pmd_page_vaddr(*pmd), va, pa, prot);
}

/*
 * Map one block of @sz bytes (PGDIR_SIZE, PMD_SIZE or PAGE_SIZE) at @va to
 * @pa in the root table @pgdp; 0, or -ENOMEM without memory for a table or
 * where a leaf is in the way.
 */
static int create_pgd_mapping(pgd_t *pgdp, unsigned long va, phys_addr_t pa, phys_addr_t sz,
			      unsigned long prot)
{
	pgd_t *pgd = pgdp + pgd_index(va);
	pmd_t *pmd;

	if (sz == PGDIR_SIZE) {
		if (!pgd_none(*pgd))
			return -ENOMEM;
		set_pgd(pgd, pfn_pgd(pa >> PAGE_SHIFT, prot));
		return 0;
	}
	if (pgd_none(*pgd)) {
		pmd = alloc_pgtable();
		if (!pmd)
			return -ENOMEM;
		pgd_populate(NULL, pgd, pmd);
	}
	if (pgd_leaf(*pgd))
		return -ENOMEM;
	return create_pmd_mapping((pmd_t *)pgd_page_vaddr(*pgd), va, pa, sz, prot);
}

static bool fits(unsigned long va, phys_addr_t pa, unsigned long end, unsigned long sz)
{
	return IS_ALIGNED(va | pa, sz) && end - va >= sz;
}

/*
 * Linux's best_map_size(), which also asks that the entry be free: a large
 * leaf where a table already is would unmap what the table maps.
 */
static phys_addr_t best_map_size(pgd_t *pgdp, unsigned long va, phys_addr_t pa, unsigned long end)
{
	pgd_t *pgd = pgdp + pgd_index(va);

	if (fits(va, pa, end, PGDIR_SIZE) && !pgd_present(*pgd))
		return PGDIR_SIZE;
	if (!fits(va, pa, end, PMD_SIZE))
		return PAGE_SIZE;
	if (!pgd_present(*pgd) || pgd_leaf(*pgd))
		return PMD_SIZE;
	return pmd_present(*pmd_offset(pgd, va)) ? PAGE_SIZE : PMD_SIZE;
}

int create_mapping_range(pgd_t *pgdp, unsigned long va, phys_addr_t pa, phys_addr_t size,
			 unsigned long prot)
{
	unsigned long end = va + size;
	phys_addr_t sz;

	for (; va < end; va += sz, pa += sz) {
		sz = best_map_size(pgdp, va, pa, end);
		if (create_pgd_mapping(pgdp, va, pa, sz, prot)) {
			pr_err("cannot map 0x%lx: out of memory or already mapped by a large "
			       "page\n",
			       va);
			return -ENOMEM;
		}
	}
	return 0;
}
