// SPDX-License-Identifier: GPL-2.0
/*
 * Trap handling (platform/riscv/kernel/entry.S calls do_trap()): system calls and page
 * faults, from user mode and (for faults on user memory) from the kernel.
 * Any other exception from user mode sends the process Linux's signal for
 * it (Linux's "unhandled signal" line if no handler catches it); from the
 * kernel it is a bug and ends in die():
 * Linux's "Oops" report with the decoded cause and the registers, then panic.
 */
#include <kernel_stat.h>
#include <asm/csr.h>
#include <asm/page.h>
#include <asm/ptrace.h>
#include <kernel.h>
#include <plic.h>
#include <printk.h>
#include <sched.h>
#include <signal.h>
#include <smp.h>
#include <timer.h>
#include <traps.h>

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

const char *cause_name(unsigned long cause)
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

__noreturn void die(struct pt_regs *regs, const char *what)
{
	pr_emerg("Oops - %s at 0x%016lx [#1]\n", what, regs->badaddr);
	/* Linux's dump_stack_print_info() line (the task, once there are tasks), and the hart. */
	if (current)
		pr_emerg("CPU: %u UID: 0 PID: %d Comm: %.20s hart: %lu\n", smp_processor_id(),
			 current->pid, current->comm, this_cpu()->hartid);
	else
		pr_emerg("CPU: %u hart: %lu\n", smp_processor_id(), this_cpu()->hartid);
	show_regs(regs);
	panic("%s at 0x%016lx, epc 0x%016lx", what, regs->badaddr, regs->epc);
}

unsigned long kstat_irqs_cpu[NR_CPUS];

/* Interrupts (scause with bit 63 set): privileged spec table 4.2. */
static void do_irq(struct pt_regs *regs, unsigned long irq)
{
	kstat_irqs_cpu[smp_processor_id()]++;
	switch (irq) {
	case IRQ_S_SOFT:
		handle_ipi();
		return;
	case IRQ_S_TIMER:
		timer_interrupt();
		account_process_tick(current, user_mode(regs));
		scheduler_tick();
		return;
	case IRQ_S_EXT:
		plic_handle_irq();
		return;
	}
	pr_emerg("unexpected interrupt %lu\n", irq);
	die(regs, "Unexpected interrupt");
}

void do_trap_user(struct pt_regs *regs, int sig, int code, unsigned long addr)
{
	/* Linux's show_unhandled_signals line, when no handler will catch it. */
	if (unhandled_signal(sig))
		pr_info("%s[%d]: unhandled signal %d code 0x%x at 0x%016lx\n", current->comm,
			current->pid, sig, code, addr);
	force_sig_fault(sig, code, addr);
}

/* An exception from user mode other than a system call or a page fault (Linux's do_trap_*()). */
static void do_trap_exception(struct pt_regs *regs, unsigned long cause)
{
	switch (cause) {
	case EXC_ILLEGAL_INST:
		do_trap_user(regs, SIGILL, ILL_ILLOPC, regs->epc);
		return;
	case EXC_BREAKPOINT:
		do_trap_user(regs, SIGTRAP, TRAP_BRKPT, regs->epc);
		return;
	case EXC_INST_ACCESS:
	case EXC_LOAD_ACCESS:
	case EXC_STORE_ACCESS:
		do_trap_user(regs, SIGSEGV, SEGV_ACCERR, regs->epc);
		return;
	case EXC_INST_MISALIGNED:
	case EXC_LOAD_MISALIGNED:
	case EXC_STORE_MISALIGNED:
		do_trap_user(regs, SIGBUS, BUS_ADRALN, regs->epc);
		return;
	default:
		do_trap_user(regs, SIGILL, ILL_ILLTRP, regs->epc);
	}
}

/* platform/riscv/kernel/entry.S found a trap with too little stack left: report from the overflow stack. */
__noreturn void handle_bad_stack(struct pt_regs *regs)
{
	struct task_struct *tsk = current;

	pr_emerg("Insufficient stack space to handle exception!\n");
	pr_emerg("Task stack:     [0x%016lx..0x%016lx]\n", (unsigned long)tsk->stack,
		 (unsigned long)tsk->stack + THREAD_SIZE);
	pr_emerg("Overflow stack: [0x%016lx..0x%016lx]\n", this_cpu()->overflow_sp - PAGE_SIZE,
		 this_cpu()->overflow_sp);
	pr_emerg("epc : %016lx ra : %016lx sp : %016lx\n", regs->epc, regs->ra, regs->sp);
	pr_emerg("badaddr: %016lx cause: %016lx\n", regs->badaddr, regs->cause);
	panic("Kernel stack overflow");
}

void do_trap(struct pt_regs *regs)
{
	unsigned long cause = regs->cause;

	if (cause & CAUSE_IRQ_FLAG) {
		do_irq(regs, cause & ~CAUSE_IRQ_FLAG);
		goto out;
	}
	/*
	 * System calls and page faults may sleep (swap I/O, reclaim): with
	 * interrupts on, as Linux, if the interrupted context had them on
	 * (sstatus.SPIE, privileged spec 4.1.1); off again for the way out.
	 */
	switch (cause) {
	case EXC_ECALL_U:
		regs->epc += 4; /* past the ecall */
		arch_local_irq_enable();
		do_syscall(regs);
		arch_local_irq_disable();
		goto out;
	case EXC_INST_PAGE_FAULT:
	case EXC_LOAD_PAGE_FAULT:
	case EXC_STORE_PAGE_FAULT:
		if (regs->status & SR_SPIE)
			arch_local_irq_enable();
		do_page_fault(regs);
		arch_local_irq_disable();
		goto out;
	}
	if (user_mode(regs)) {
		do_trap_exception(regs, cause);
		goto out;
	}
	die(regs, cause_name(cause));
out:
	if (user_mode(regs))
		exit_to_user_mode(regs);
}

/*
 * Preemption happens here only, on the way back to user mode; so does
 * signal delivery (Linux's exit_to_user_mode_loop()): a handler's frame, or
 * a default action that ends the process; the kernel never unwinds a task
 * elsewhere. Each pass handles one signal, until none is left to act on.
 * platform/riscv/kernel/entry.S comes here too before a new task's first sret.
 */
void exit_to_user_mode(struct pt_regs *regs)
{
	for (;;) {
		if (this_cpu()->need_resched)
			schedule();
		if (!signal_pending(current))
			break;
		/* The frame's copies may fault and sleep (swap-in): with interrupts on, as Linux. */
		arch_local_irq_enable();
		arch_do_signal_or_restart(regs);
		arch_local_irq_disable();
	}
}
