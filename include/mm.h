/* SPDX-License-Identifier: GPL-2.0 */
/* Memory set-up at boot: from the DTB's memory map to the final page table. */
#ifndef LOAM_MM_H
#define LOAM_MM_H

#include <asm/pgtable.h>
#include <types.h>

/* Where setup_vm() found the DTB, and where it is mapped (the fixmap window). */
extern phys_addr_t dtb_early_pa;
extern void *dtb_early_va;
/* satp of swapper_pg_dir, for secondary harts. */
extern unsigned long swapper_satp;

/*
 * Early: map every gigabyte that holds memory at PAGE_OFFSET in early_pg_dir,
 * so that memblock allocations are reachable before paging_init().
 */
void setup_early_linear_map(void);
/* Build swapper_pg_dir (direct map, W^X kernel image, fixmap) and switch to it. */
void paging_init(void);

/* Walk @pgd: print it in Linux's ptdump format if @print, and count W+X pages. */
unsigned long ptdump_walk(pte_t *pgd, bool print);

#endif
