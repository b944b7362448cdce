/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The harts' single-letter ISA extensions (Linux's asm/hwcap.h and
 * arch/riscv/kernel/cpufeature.c): bit (letter - 'a') for each, the same
 * bits user programs get as AT_HWCAP (Linux's uapi/asm/hwcap.h).
 */
#ifndef LOAM_ASM_HWCAP_H
#define LOAM_ASM_HWCAP_H

#include <types.h>

#define COMPAT_HWCAP_ISA(c) (1UL << ((c) - 'a'))

struct dt_boot_info;

/* The extensions every usable hart has: AT_HWCAP. */
extern unsigned long elf_hwcap;

/*
 * Linux's riscv_fill_hwcap(): elf_hwcap from the usable harts' "riscv,isa"
 * strings (the extensions all of them have), printed as Linux prints it.
 */
void riscv_fill_hwcap(const struct dt_boot_info *info);

/* User tasks get the FPU only if every hart has F and D (Linux's has_fpu()). */
static inline bool has_fpu(void)
{
	return elf_hwcap & COMPAT_HWCAP_ISA('d');
}

#endif
