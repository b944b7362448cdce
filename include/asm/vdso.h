/* SPDX-License-Identifier: GPL-2.0 */
/* The [vdso] page (platform/riscv/kernel/vdso.c). */
#ifndef LOAM_ASM_VDSO_H
#define LOAM_ASM_VDSO_H

struct mm_struct;

/* exec (Linux's ARCH_SETUP_ADDITIONAL_PAGES): map the [vdso] page into the new @mm. 0 or -errno. */
int arch_setup_additional_pages(struct mm_struct *mm);
/* Where a handler returns to in @mm: __vdso_rt_sigreturn (Linux's VDSO_SYMBOL()). */
unsigned long vdso_rt_sigreturn(struct mm_struct *mm);

#endif
