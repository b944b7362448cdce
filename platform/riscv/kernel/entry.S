/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Trap entry and exit (privileged spec 4.1.2 stvec, direct mode), Linux's
 * scheme (arch/riscv/kernel/entry.S). sscratch says where we came from:
 * while a hart runs user code it holds the kernel's tp (this hart's struct
 * cpu_info), while it runs the kernel it holds 0. So the first instruction
 * swaps tp and sscratch: non-zero means "from user mode": switch to the
 * task's kernel stack (cpu_info.kernel_sp); zero means "from the kernel":
 * stay on the current stack. Every register then goes into a struct pt_regs
 * (xN at offset N*8, see asm/ptrace.h), do_trap() handles the trap, and
 * ret_from_exception restores them; returning to user mode re-arms
 * sscratch and records where the kernel stack starts for the next entry.
 */
#include <asm/csr.h>
#include <asm/ptrace.h>
#include <asm/thread_info.h>
#include <smp.h>

	.text
	.balign	4
	.globl	handle_exception
handle_exception:
	csrrw	tp, CSR_SSCRATCH, tp
	bnez	tp, .Lfrom_user
	csrr	tp, CSR_SSCRATCH
	sd	sp, CI_SCRATCH_SP(tp)
	/*
	 * Would the pt_regs land below the stack? Stacks are aligned to
	 * 2 * THREAD_SIZE (mm/vmalloc.c): bit THREAD_SHIFT set means so.
	 */
	addi	sp, sp, -PT_SIZE
	srli	sp, sp, THREAD_SHIFT
	andi	sp, sp, 1
	bnez	sp, .Lstack_overflow
	ld	sp, CI_SCRATCH_SP(tp)
	j	.Lsave
.Lstack_overflow:
	/* Report from this hart's overflow stack; there is no way back. */
	ld	sp, CI_OVERFLOW_SP(tp)
	addi	sp, sp, -PT_SIZE
	sd	ra, 1*8(sp)
	ld	ra, CI_SCRATCH_SP(tp)
	sd	ra, 2*8(sp)
	csrr	ra, CSR_SEPC
	sd	ra, 0(sp)
	csrr	ra, CSR_STVAL
	sd	ra, PT_BADADDR(sp)
	csrr	ra, CSR_SCAUSE
	sd	ra, PT_CAUSE(sp)
	mv	a0, sp
	call	handle_bad_stack
.Lfrom_user:
	sd	sp, CI_SCRATCH_SP(tp)
	ld	sp, CI_KERNEL_SP(tp)
.Lsave:
	addi	sp, sp, -PT_SIZE
	sd	x1, 1*8(sp)
	sd	x3, 3*8(sp)
	sd	x5, 5*8(sp)
	sd	x6, 6*8(sp)
	sd	x7, 7*8(sp)
	sd	x8, 8*8(sp)
	sd	x9, 9*8(sp)
	sd	x10, 10*8(sp)
	sd	x11, 11*8(sp)
	sd	x12, 12*8(sp)
	sd	x13, 13*8(sp)
	sd	x14, 14*8(sp)
	sd	x15, 15*8(sp)
	sd	x16, 16*8(sp)
	sd	x17, 17*8(sp)
	sd	x18, 18*8(sp)
	sd	x19, 19*8(sp)
	sd	x20, 20*8(sp)
	sd	x21, 21*8(sp)
	sd	x22, 22*8(sp)
	sd	x23, 23*8(sp)
	sd	x24, 24*8(sp)
	sd	x25, 25*8(sp)
	sd	x26, 26*8(sp)
	sd	x27, 27*8(sp)
	sd	x28, 28*8(sp)
	sd	x29, 29*8(sp)
	sd	x30, 30*8(sp)
	sd	x31, 31*8(sp)
	ld	t0, CI_SCRATCH_SP(tp)
	sd	t0, 2*8(sp)		/* the interrupted sp */
	/* The interrupted tp, and sscratch = 0: we are in the kernel now. */
	csrrw	t0, CSR_SSCRATCH, x0
	sd	t0, 4*8(sp)
	csrr	t0, CSR_SEPC
	sd	t0, 0(sp)
	csrr	t0, CSR_SSTATUS
	sd	t0, PT_STATUS(sp)
	/*
	 * The interrupted FS stays in pt_regs->status (sret puts it back);
	 * the kernel itself runs with the FPU off, as Linux's does.
	 */
	li	t0, SR_FS
	csrc	CSR_SSTATUS, t0
	csrr	t0, CSR_STVAL
	sd	t0, PT_BADADDR(sp)
	csrr	t0, CSR_SCAUSE
	sd	t0, PT_CAUSE(sp)

	mv	a0, sp
	call	do_trap

	.globl	ret_from_exception
ret_from_exception:
	/* Interrupts off from here to sret: sepc and sscratch must not change under us. */
	csrci	CSR_SSTATUS, SR_SIE
	ld	t0, PT_STATUS(sp)
	andi	t0, t0, SR_SPP
	bnez	t0, .Lto_kernel
	/* Back to user mode: the next trap finds this stack empty, and tp in sscratch. */
	addi	t0, sp, PT_SIZE
	sd	t0, CI_KERNEL_SP(tp)
	csrw	CSR_SSCRATCH, tp
	j	.Lrestore
.Lto_kernel:
	/*
	 * Back into the kernel: tp stays this hart's struct cpu_info. The
	 * saved one is the hart the trap came in on; a kernel-mode page fault
	 * (a copy to a swapped-out user page) may sleep and wake on another
	 * hart. (Linux's tp is the task, the same wherever it runs.)
	 */
	sd	tp, 4*8(sp)
.Lrestore:
	ld	t0, 0(sp)
	csrw	CSR_SEPC, t0
	ld	t0, PT_STATUS(sp)
	csrw	CSR_SSTATUS, t0
	ld	x1, 1*8(sp)
	ld	x3, 3*8(sp)
	ld	x4, 4*8(sp)
	ld	x5, 5*8(sp)
	ld	x6, 6*8(sp)
	ld	x7, 7*8(sp)
	ld	x8, 8*8(sp)
	ld	x9, 9*8(sp)
	ld	x10, 10*8(sp)
	ld	x11, 11*8(sp)
	ld	x12, 12*8(sp)
	ld	x13, 13*8(sp)
	ld	x14, 14*8(sp)
	ld	x15, 15*8(sp)
	ld	x16, 16*8(sp)
	ld	x17, 17*8(sp)
	ld	x18, 18*8(sp)
	ld	x19, 19*8(sp)
	ld	x20, 20*8(sp)
	ld	x21, 21*8(sp)
	ld	x22, 22*8(sp)
	ld	x23, 23*8(sp)
	ld	x24, 24*8(sp)
	ld	x25, 25*8(sp)
	ld	x26, 26*8(sp)
	ld	x27, 27*8(sp)
	ld	x28, 28*8(sp)
	ld	x29, 29*8(sp)
	ld	x30, 30*8(sp)
	ld	x31, 31*8(sp)
	ld	x2, 2*8(sp)
	sret

/*
 * __switch_to(prev, next): save the callee-saved registers of @prev's kernel
 * context in prev->thread, load @next's (struct thread_struct: ra, sp,
 * s0-s11, see <sched.h>). A new task "returns" to the ra its creator put
 * there: ret_from_kernel_thread.
 */
	.globl	__switch_to
__switch_to:
	sd	ra, 0*8(a0)
	sd	sp, 1*8(a0)
	sd	s0, 2*8(a0)
	sd	s1, 3*8(a0)
	sd	s2, 4*8(a0)
	sd	s3, 5*8(a0)
	sd	s4, 6*8(a0)
	sd	s5, 7*8(a0)
	sd	s6, 8*8(a0)
	sd	s7, 9*8(a0)
	sd	s8, 10*8(a0)
	sd	s9, 11*8(a0)
	sd	s10, 12*8(a0)
	sd	s11, 13*8(a0)
	ld	ra, 0*8(a1)
	ld	sp, 1*8(a1)
	ld	s0, 2*8(a1)
	ld	s1, 3*8(a1)
	ld	s2, 4*8(a1)
	ld	s3, 5*8(a1)
	ld	s4, 6*8(a1)
	ld	s5, 7*8(a1)
	ld	s6, 8*8(a1)
	ld	s7, 9*8(a1)
	ld	s8, 10*8(a1)
	ld	s9, 11*8(a1)
	ld	s10, 12*8(a1)
	ld	s11, 13*8(a1)
	ret

/*
 * A new task's first return from __switch_to: call its function (s0) with
 * its argument (s1). A kernel thread that execs a user program returns here
 * with its pt_regs filled in at the top of its stack, and goes to user mode.
 */
	.globl	ret_from_kernel_thread
ret_from_kernel_thread:
	call	schedule_tail
	mv	a0, s1
	jalr	s0
	/* fn returned: a thread that exec'd goes on, any other exits. */
	call	kthread_return
	/* To user mode, from the pt_regs at the stack top (s2). */
	mv	sp, s2
	j	.Lret_to_user

/*
 * A clone child's first return from __switch_to (kernel/fork.c): its sp is
 * the copy of its parent's pt_regs at the top of its own stack.
 */
	.globl	ret_from_fork
ret_from_fork:
	call	schedule_tail
.Lret_to_user:
	/* A switch or a kill may be pending before the first sret, too. */
	mv	a0, sp
	call	exit_to_user_mode
	j	ret_from_exception
