/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The user's floating-point state across context switches, Linux's lazy
 * scheme (arch/riscv/include/asm/switch_to.h). sstatus.FS (privileged spec
 * 4.1.1.6) of a user task lives in its pt_regs->status: Off, Initial
 * (exec: all zero), Clean (the FPU holds what thread.fstate holds) or
 * Dirty (the task wrote an f register or fcsr since). The outgoing task's
 * registers are saved only when Dirty; the incoming task's are loaded
 * whenever its FS is on. A kernel thread has no user state: neither.
 */
#ifndef LOAM_ASM_SWITCH_TO_H
#define LOAM_ASM_SWITCH_TO_H

#include <asm/csr.h>
#include <asm/hwcap.h>
#include <sched.h>
#include <string.h>

/* platform/riscv/kernel/fpu.S */
void __fstate_save(struct __riscv_d_ext_state *state);
void __fstate_restore(const struct __riscv_d_ext_state *state);

static inline void __fstate_clean(struct pt_regs *regs)
{
	regs->status = (regs->status & ~SR_FS) | SR_FS_CLEAN;
}

/* @p's registers from the FPU into p->thread.fstate, if they changed. */
static inline void fstate_save(struct task_struct *p, struct pt_regs *regs)
{
	if ((regs->status & SR_FS) == SR_FS_DIRTY) {
		__fstate_save(&p->thread.fstate);
		__fstate_clean(regs);
	}
}

/* p->thread.fstate into the FPU, if @p uses it. */
static inline void fstate_restore(struct task_struct *p, struct pt_regs *regs)
{
	if ((regs->status & SR_FS) != SR_FS_OFF) {
		__fstate_restore(&p->thread.fstate);
		__fstate_clean(regs);
	}
}

/* The FPU passes from @prev to @next (schedule(), before __switch_to()). */
static inline void __switch_to_fpu(struct task_struct *prev, struct task_struct *next)
{
	if (prev->mm)
		fstate_save(prev, task_pt_regs(prev));
	if (next->mm)
		fstate_restore(next, task_pt_regs(next));
}

/*
 * A new program starts with the FPU on, f0-f31 and fcsr zero (Linux's
 * flush_thread() and start_thread()): FS Initial in @regs, if the harts
 * have an FPU. @p is current.
 */
static inline void fstate_start(struct task_struct *p, struct pt_regs *regs)
{
	/* Harts without F and D: FS stays Off, and an FP instruction is SIGILL (Linux's). */
	regs->status &= ~SR_FS;
	if (!has_fpu())
		return;
	/* FS on first: a switch in between restores the zeroed state, too. */
	regs->status |= SR_FS_INITIAL;
	memset(&p->thread.fstate, 0, sizeof(p->thread.fstate));
	__fstate_restore(&p->thread.fstate);
}

#endif
