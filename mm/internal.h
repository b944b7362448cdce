/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the files of mm/ only. */
#ifndef LOAM_MM_INTERNAL_H
#define LOAM_MM_INTERNAL_H

#include <asm/pgtable.h>

/* The fixmap tables, linked into both early_pg_dir and swapper_pg_dir. */
extern pte_t fixmap_pmd[PTRS_PER_PT];
extern pte_t fixmap_pte[PTRS_PER_PT];

unsigned long setup_vm(phys_addr_t dtb_pa);

#endif
