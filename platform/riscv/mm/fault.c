// SPDX-License-Identifier: GPL-2.0
/*
 * Page faults, as Linux's arch/riscv/mm/fault.c: find the VMA, grow the
 * stack if the access is just below a stack VMA, check that the VMA allows
 * the access, and let handle_mm_fault() fill the page table. A bad access
 * from user mode is SIGSEGV with si_addr and SEGV_MAPERR or SEGV_ACCERR (a
 * process without a handler dies with Linux's "segfault at" line), a page
 * that cannot be had (past a mapped file's end, lost to a swap read error)
 * SIGBUS with BUS_ADRERR; from the kernel, only the user-copy helpers may
 * fault (their exception table entries resume them), anything else is a
 * kernel bug.
 */
#include <asm/csr.h>
#include <mm.h>
#include <mmap.h>
#include <printk.h>
#include <sched.h>
#include <signal.h>
#include <traps.h>
#include <uaccess.h>
#include <uapi/errno.h>

/* Does @vma forbid this kind of access? (Linux's access_error(): a write implies a read.) */
static bool access_error(unsigned long cause, struct vm_area_struct *vma)
{
	switch (cause) {
	case EXC_INST_PAGE_FAULT:
		return !(vma->vm_flags & VM_EXEC);
	case EXC_LOAD_PAGE_FAULT:
		return !(vma->vm_flags & (VM_READ | VM_WRITE));
	default:
		return !(vma->vm_flags & VM_WRITE);
	}
}

static void no_context(struct pt_regs *regs)
{
	unsigned long fixup = search_exception_tables(regs->epc);

	if (fixup) {
		regs->epc = fixup;
		return;
	}
	pr_alert("Unable to handle kernel %s at virtual address %016lx\n",
		 regs->badaddr < PAGE_SIZE ? "NULL pointer dereference" : "paging request",
		 regs->badaddr);
	die(regs, cause_name(regs->cause));
}

/*
 * A user access to no mapping (SEGV_MAPERR) or against the mapping's
 * protection (SEGV_ACCERR): SIGSEGV with the address. The line, x86's
 * show_signal_msg() (which tests read), only if no handler catches it.
 */
static void bad_area(struct pt_regs *regs, unsigned long addr, int code)
{
	if (!user_mode(regs)) {
		no_context(regs);
		return;
	}
	if (unhandled_signal(SIGSEGV))
		pr_info("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n", current->comm,
			current->pid, addr, regs->epc, regs->sp, regs->cause);
	force_sig_fault(SIGSEGV, code, addr);
}

void do_page_fault(struct pt_regs *regs)
{
	unsigned long addr = regs->badaddr, cause = regs->cause;
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned int flags = 0;
	int err;

	/* The kernel touches user memory only in the copy helpers (those have fixups). */
	if (!user_mode(regs) && (addr >= TASK_SIZE || !mm || !search_exception_tables(regs->epc))) {
		no_context(regs);
		return;
	}
	if (!mm) /* a user fault with no mm cannot be */
		die(regs, "user fault without an mm");
	if (cause == EXC_STORE_PAGE_FAULT)
		flags |= FAULT_FLAG_WRITE;
	else if (cause == EXC_INST_PAGE_FAULT)
		flags |= FAULT_FLAG_INSTRUCTION;
	if (user_mode(regs))
		flags |= FAULT_FLAG_USER;

	mmap_read_lock(mm);
	vma = find_vma(mm, addr);
	if (vma && vma->vm_start > addr &&
	    (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, addr)))
		vma = NULL;
	if (!vma) {
		mmap_read_unlock(mm);
		bad_area(regs, addr, SEGV_MAPERR);
		return;
	}
	if (access_error(cause, vma)) {
		mmap_read_unlock(mm);
		bad_area(regs, addr, SEGV_ACCERR);
		return;
	}
	err = handle_mm_fault(vma, addr, flags);
	mmap_read_unlock(mm);
	if (!err)
		return;
	/* A copy helper's fault: the system call fails with -EFAULT; a pending kill follows. */
	if (!user_mode(regs)) {
		no_context(regs);
		return;
	}
	/* Linux's VM_FAULT_SIGBUS (do_sigbus()): there is no page to give; this process only suffers. */
	if (err == -EIO) {
		pr_err("%s[%d]: SIGBUS: page at %lx could not be read back from swap\n",
		       current->comm, current->pid, addr);
		force_sig_fault(SIGBUS, BUS_ADRERR, addr);
		return;
	}
	if (err == -EFAULT) {
		/* A file mapping past the file's end, or a shmem page swap could not give back. */
		do_trap_user(regs, SIGBUS, BUS_ADRERR, addr);
		return;
	}
	/*
	 * No memory. Either the OOM killer chose us (we die silently: it said
	 * so), or there was no one to kill (only init, which the OOM killer
	 * spares): then the faulting process goes, the kernel stays.
	 */
	if (!fatal_signal_pending(current))
		pr_err("Out of memory: Killed process %d (%s) at page fault %lx\n", current->pid,
		       current->comm, addr);
	do_exit(SIGKILL);
}
