/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The entry types of Sv39's three table levels (privileged spec 4.4.1), one
 * single-member struct each, as Linux's riscv port has them: a pmd_t where a
 * pte_t is wanted is a compile error, and the struct costs nothing (it is
 * passed and returned in a register like the bare word). pgd_val() and
 * __pgd() and the others convert to and from the word.
 *
 * Apart from mm_types.h (which needs pgd_t for mm->pgd), include
 * <asm/pgtable.h>, not this.
 */
#ifndef LOAM_ASM_PGTABLE_TYPES_H
#define LOAM_ASM_PGTABLE_TYPES_H

#include <types.h>

typedef struct {
	pteval_t pgd;
} pgd_t;

typedef struct {
	pteval_t pmd;
} pmd_t;

typedef struct {
	pteval_t pte;
} pte_t;

#define pgd_val(x) ((x).pgd)
#define pmd_val(x) ((x).pmd)
#define pte_val(x) ((x).pte)
#define __pgd(x) ((pgd_t){ (x) })
#define __pmd(x) ((pmd_t){ (x) })
#define __pte(x) ((pte_t){ (x) })

#endif
