// SPDX-License-Identifier: GPL-2.0
/*
 * Trap handling. So far the kernel expects no trap at all: interrupts are
 * masked and there is no user space, so any exception is a kernel bug and
 * ends in die(): Linux's "Oops" report with the decoded cause and the
 * registers, then panic.
 */
#include <asm/csr.h>
#include <asm/ptrace.h>
#include <kernel.h>
#include <printk.h>
#include <smp.h>

/* Privileged spec v1.12, table 4.2 (scause values for exceptions). */
static const char *const exception_names[] = {
	[EXC_INST_MISALIGNED] = "Instruction address misaligned",
	[EXC_INST_ACCESS] = "Instruction access fault",
	[EXC_ILLEGAL_INST] = "Illegal instruction",
	[EXC_BREAKPOINT] = "Breakpoint",
	[EXC_LOAD_MISALIGNED] = "Load address misaligned",
	[EXC_LOAD_ACCESS] = "Load access fault",
	[EXC_STORE_MISALIGNED] = "Store/AMO address misaligned",
	[EXC_STORE_ACCESS] = "Store/AMO access fault",
	[EXC_ECALL_U] = "Environment call from U-mode",
	[EXC_ECALL_S] = "Environment call from S-mode",
	[EXC_INST_PAGE_FAULT] = "Instruction page fault",
	[EXC_LOAD_PAGE_FAULT] = "Load page fault",
	[EXC_STORE_PAGE_FAULT] = "Store/AMO page fault",
};

static const char *cause_name(unsigned long cause)
{
	if (cause & CAUSE_IRQ_FLAG)
		return "Interrupt";
	if (cause < ARRAY_SIZE(exception_names) && exception_names[cause])
		return exception_names[cause];
	return "Unknown exception";
}

static void show_regs(struct pt_regs *r)
{
	pr_emerg("epc : %016lx ra : %016lx sp : %016lx\n", r->epc, r->ra, r->sp);
	pr_emerg(" gp : %016lx tp : %016lx t0 : %016lx\n", r->gp, r->tp, r->t0);
	pr_emerg(" t1 : %016lx t2 : %016lx s0 : %016lx\n", r->t1, r->t2, r->s0);
	pr_emerg(" s1 : %016lx a0 : %016lx a1 : %016lx\n", r->s1, r->a0, r->a1);
	pr_emerg(" a2 : %016lx a3 : %016lx a4 : %016lx\n", r->a2, r->a3, r->a4);
	pr_emerg(" a5 : %016lx a6 : %016lx a7 : %016lx\n", r->a5, r->a6, r->a7);
	pr_emerg(" s2 : %016lx s3 : %016lx s4 : %016lx\n", r->s2, r->s3, r->s4);
	pr_emerg(" s5 : %016lx s6 : %016lx s7 : %016lx\n", r->s5, r->s6, r->s7);
	pr_emerg(" s8 : %016lx s9 : %016lx s10: %016lx\n", r->s8, r->s9, r->s10);
	pr_emerg(" s11: %016lx t3 : %016lx t4 : %016lx\n", r->s11, r->t3, r->t4);
	pr_emerg(" t5 : %016lx t6 : %016lx\n", r->t5, r->t6);
	pr_emerg("status: %016lx badaddr: %016lx cause: %016lx\n", r->status, r->badaddr, r->cause);
}

static __noreturn void die(struct pt_regs *regs, const char *what)
{
	pr_emerg("Oops - %s at 0x%016lx [#1]\n", what, regs->badaddr);
	pr_emerg("CPU: %u hart: %lu\n", smp_processor_id(), this_cpu()->hartid);
	show_regs(regs);
	panic("%s at 0x%016lx, epc 0x%016lx", what, regs->badaddr, regs->epc);
}

void do_trap(struct pt_regs *regs)
{
	if (regs->cause & CAUSE_IRQ_FLAG) {
		pr_emerg("unexpected interrupt %lu\n", regs->cause & ~CAUSE_IRQ_FLAG);
		die(regs, "Unexpected interrupt");
	}
	die(regs, cause_name(regs->cause));
}
