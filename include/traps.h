/* SPDX-License-Identifier: GPL-2.0 */
/* What platform/riscv/kernel/traps.c dispatches to, and how it ends a process or the kernel. */
#ifndef LOAM_TRAPS_H
#define LOAM_TRAPS_H

#include <asm/csr.h>
#include <asm/ptrace.h>
#include <kernel.h>

#include <uapi/siginfo.h>
#include <uapi/signal.h>

static inline bool user_mode(const struct pt_regs *regs)
{
	return !(regs->status & SR_SPP);
}

/*
 * Every trap's C handler, called by the entry code (entry.S) with the saved
 * registers: interrupts, system calls, page faults; any other exception
 * from user mode kills the task, from the kernel it is an oops.
 */
void do_trap(struct pt_regs *regs);
/* kernel/syscall.c: a7 the number, a0-a5 the arguments, the result in a0. */
void do_syscall(struct pt_regs *regs);
/* platform/riscv/mm/fault.c: a page fault from user mode, or from the kernel touching user memory. */
void do_page_fault(struct pt_regs *regs);
/*
 * A fault of current's user code (Linux's do_trap()): signal @sig with
 * @code and si_addr @addr, and Linux's "unhandled signal" line if no
 * handler catches it.
 */
void do_trap_user(struct pt_regs *regs, int sig, int code, unsigned long addr);
/* The last step before user mode: a pending switch, pending signals. */
void exit_to_user_mode(struct pt_regs *regs);
/* "Load page fault", ...: privileged spec table 4.2's names for scause. */
const char *cause_name(unsigned long cause);
/* A kernel bug: the Oops report, then panic. */
__noreturn void die(struct pt_regs *regs, const char *what);

#endif
