/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Registers saved on a trap. Register xN lives at offset N*8, with sepc in
 * the slot of x0 (which needs no saving): entry.S relies on this layout.
 */
#ifndef LOAM_ASM_PTRACE_H
#define LOAM_ASM_PTRACE_H

#include <uapi/asm/ptrace.h>

#define PT_STATUS (32 * 8)
#define PT_BADADDR (33 * 8)
#define PT_CAUSE (34 * 8)
#define PT_SIZE (36 * 8) /* keeps sp 16-byte aligned (psABI) */

#ifndef __ASSEMBLER__
struct pt_regs {
	unsigned long epc, ra, sp, gp, tp, t0, t1, t2, s0, s1;
	unsigned long a0, a1, a2, a3, a4, a5, a6, a7;
	unsigned long s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	unsigned long t3, t4, t5, t6;
	unsigned long status, badaddr, cause;
	/* a0 at a system call's entry: a restarted call gets it back (the result overwrote a0). */
	unsigned long orig_a0;
};

_Static_assert(sizeof(struct pt_regs) == PT_SIZE, "pt_regs layout");
#endif
#endif
