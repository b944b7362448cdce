// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel page-table construction (Sv39, privileged spec 4.4): map a range with
 * the largest leaves its alignment allows. A root entry may be a 1 GiB leaf, a
 * middle entry a 2 MiB leaf (4.4.1: "any level of PTE may be a leaf").
 */
#include <asm/pgtable.h>
#include <kernel.h>
#include <memblock.h>
#include <printk.h>
#include <uapi/errno.h>

/* The next-level table of a non-leaf entry, created if missing; NULL on conflict. */
static pte_t *pt_next(pte_t *entry)
{
	if (!pte_present(*entry)) {
		pte_t *table = memblock_alloc(PAGE_SIZE, PAGE_SIZE);

		if (!table)
			return NULL;
		*entry = pfn_pte(__pa(table) >> PAGE_SHIFT, PAGE_TABLE);
		return table;
	}
	if (pte_leaf(*entry))
		return NULL;
	return __va(pte_pfn(*entry) << PAGE_SHIFT);
}

static bool fits(unsigned long va, phys_addr_t pa, unsigned long end, unsigned long sz)
{
	return IS_ALIGNED(va | pa, sz) && end - va >= sz;
}

/* Map one leaf at @va, as large as fits; returns its size, or 0 on failure. */
static unsigned long map_one(pte_t *pgd, unsigned long va, phys_addr_t pa, unsigned long end,
			     unsigned long prot)
{
	pte_t *pgdp = &pgd[pgd_index(va)], *pmd, *pte;

	if (fits(va, pa, end, PGDIR_SIZE) && !pte_present(*pgdp)) {
		*pgdp = pfn_pte(pa >> PAGE_SHIFT, prot);
		return PGDIR_SIZE;
	}
	pmd = pt_next(pgdp);
	if (!pmd)
		return 0;
	if (fits(va, pa, end, PMD_SIZE) && !pte_present(pmd[pmd_index(va)])) {
		pmd[pmd_index(va)] = pfn_pte(pa >> PAGE_SHIFT, prot);
		return PMD_SIZE;
	}
	pte = pt_next(&pmd[pmd_index(va)]);
	if (!pte)
		return 0;
	pte[pte_index(va)] = pfn_pte(pa >> PAGE_SHIFT, prot);
	return PAGE_SIZE;
}

int create_pgd_mapping(pte_t *pgd, unsigned long va, phys_addr_t pa, phys_addr_t size,
		       unsigned long prot)
{
	unsigned long end = va + size, step;

	for (; va < end; va += step, pa += step) {
		step = map_one(pgd, va, pa, end, prot);
		if (!step) {
			pr_err("cannot map 0x%lx: out of memory or already mapped by a large "
			       "page\n",
			       va);
			return -ENOMEM;
		}
	}
	return 0;
}
