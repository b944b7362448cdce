// SPDX-License-Identifier: GPL-2.0
/*
 * Signal frames and system-call restarts, as Linux's arch/riscv/kernel/
 * signal.c. A handler runs on a struct rt_sigframe built below the
 * interrupted sp (or at the top of the alternate stack): the siginfo, then
 * a ucontext with the mask to restore, the alternate stack's settings and
 * the interrupted registers with the FP state (struct sigcontext). The
 * handler is entered with a0 = signal, a1 = &info, a2 = &uc and ra = the
 * [vdso] page's rt_sigreturn call, which puts everything back from the
 * frame. A frame that cannot be written, or read back, costs the process a
 * SIGSEGV: the kernel trusts nothing in it.
 */
#include <asm/csr.h>
#include <asm/hwcap.h>
#include <asm/switch_to.h>
#include <asm/vdso.h>
#include <kernel.h>
#include <printk.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <syscalls.h>
#include <traps.h>
#include <uaccess.h>
#include <uapi/asm/sigcontext.h>
#include <uapi/errno.h>

struct rt_sigframe {
	struct siginfo info;
	struct ucontext uc;
};

/* The frame is the ABI: glibc's ucontext_t, and Linux's offsets. */
_Static_assert(sizeof(struct siginfo) == SI_MAX_SIZE, "siginfo is 128 bytes");
_Static_assert(offsetof(struct rt_sigframe, uc.uc_sigmask) == 128 + 40, "uc_sigmask");
_Static_assert(offsetof(struct rt_sigframe, uc.uc_mcontext) == 128 + 176, "uc_mcontext");
_Static_assert(sizeof(struct sigcontext) == 256 + 528, "sigcontext");
_Static_assert(offsetof(struct pt_regs, t6) == offsetof(struct user_regs_struct, t6),
	       "user_regs_struct is the start of pt_regs");

/* Linux's get_rt_frame_size() without vector state: 16-byte aligned. */
#define RT_FRAME_SIZE ALIGN(sizeof(struct rt_sigframe), 16)

/*
 * The FP state goes into the frame where the harts have an FPU (Linux's
 * has_fpu()): the registers the task has in the FPU, saved first if dirty.
 */
static long save_fp_state(struct pt_regs *regs, union __riscv_fp_state __user *sc_fpregs)
{
	fstate_save(current, regs);
	return copy_to_user(&sc_fpregs->d, &current->thread.fstate,
			    sizeof(struct __riscv_d_ext_state));
}

/* The frame's FP state into the task, and into the FPU if the task has it on. */
static long restore_fp_state(struct pt_regs *regs, union __riscv_fp_state __user *sc_fpregs)
{
	if (copy_from_user(&current->thread.fstate, &sc_fpregs->d,
			   sizeof(struct __riscv_d_ext_state)))
		return -EFAULT;
	fstate_restore(current, regs);
	return 0;
}

static long setup_sigcontext(struct rt_sigframe __user *frame, struct pt_regs *regs)
{
	struct sigcontext __user *sc = &frame->uc.uc_mcontext;
	struct __riscv_ctx_hdr end = { .magic = END_MAGIC, .size = END_HDR_SIZE };
	unsigned int zero = 0;
	long err;

	err = copy_to_user(&sc->sc_regs, regs, sizeof(sc->sc_regs));
	if (has_fpu())
		err |= save_fp_state(regs, &sc->sc_fpregs);
	/* No extension contexts: the reserved word is zero and the list is its END header. */
	err |= copy_to_user(&sc->sc_extdesc.reserved, &zero, sizeof(zero));
	err |= copy_to_user(&sc->sc_extdesc.hdr, &end, sizeof(end));
	return err;
}

/* Linux's restore_sigcontext(): -EINVAL for a reserved word or an extension Loam does not know. */
static long restore_sigcontext(struct pt_regs *regs, struct sigcontext __user *sc)
{
	struct __riscv_ctx_hdr hdr;
	unsigned int reserved;

	/* The user registers only: status (privilege, interrupts, FS) stays the kernel's. */
	if (copy_from_user(regs, &sc->sc_regs, sizeof(sc->sc_regs)))
		return -EFAULT;
	if (has_fpu() && restore_fp_state(regs, &sc->sc_fpregs))
		return -EFAULT;
	if (copy_from_user(&reserved, &sc->sc_extdesc.reserved, sizeof(reserved)) ||
	    copy_from_user(&hdr, &sc->sc_extdesc.hdr, sizeof(hdr)))
		return -EFAULT;
	if (reserved || hdr.magic != END_MAGIC || hdr.size != END_HDR_SIZE)
		return -EINVAL;
	return 0;
}

/*
 * rt_sigreturn(2), from the [vdso] trampoline: the registers, FP state,
 * mask and alternate stack from the frame at sp; a bad frame is SIGSEGV.
 */
long sys_rt_sigreturn(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct rt_sigframe __user *frame = (struct rt_sigframe __user *)regs->sp;
	sigset_t set;

	if (!access_ok(frame, RT_FRAME_SIZE) ||
	    copy_from_user(&set, &frame->uc.uc_sigmask, sizeof(set)))
		goto badframe;
	set_current_blocked(&set);
	if (restore_sigcontext(regs, &frame->uc.uc_mcontext) ||
	    restore_altstack(&frame->uc.uc_stack))
		goto badframe;
	/* Not a system call any more: no restart on the way out. */
	regs->cause = -1UL;
	return regs->a0;

badframe:
	pr_info("%s[%d]: bad frame in %s: frame=%p pc=%p sp=%p\n", current->comm, current->pid,
		__func__, frame, (void *)regs->epc, (void *)regs->sp);
	force_sig(SIGSEGV);
	return 0;
}

/* Linux's get_sigframe(): the frame below sp (or the alternate stack's top), 16-byte aligned. */
static void __user *get_sigframe(struct ksignal *ksig, struct pt_regs *regs, size_t size)
{
	unsigned long sp = regs->sp;

	/* On the alternate stack and it would overflow: an address sure to fail, so SIGSEGV. */
	if (on_sig_stack(sp) && !on_sig_stack(sp - size))
		return (void __user *)-1UL;
	sp = sigsp(sp, ksig) - size;
	return (void __user *)(sp & ~0xfUL);
}

static int setup_rt_frame(struct ksignal *ksig, sigset_t *set, struct pt_regs *regs)
{
	struct rt_sigframe __user *frame = get_sigframe(ksig, regs, RT_FRAME_SIZE);
	struct ucontext uc_head;
	struct siginfo info;
	long err = 0;

	if (!access_ok(frame, RT_FRAME_SIZE))
		return -EFAULT;
	memset(&info, 0, sizeof(info));
	memcpy(&info, &ksig->info, sizeof(ksig->info));
	err |= copy_to_user(&frame->info, &info, sizeof(info));
	/* uc_flags, uc_link, uc_stack and uc_sigmask (with its padding) */
	memset(&uc_head, 0, offsetof(struct ucontext, uc_mcontext));
	uc_head.uc_sigmask = *set;
	err |= copy_to_user(&frame->uc, &uc_head, offsetof(struct ucontext, uc_mcontext));
	err |= __save_altstack(&frame->uc.uc_stack, regs->sp);
	err |= setup_sigcontext(frame, regs);
	if (err)
		return -EFAULT;
	/*
	 * The handler's registers: those not set here keep the interrupted
	 * values. siginfo and ucontext go in whatever SA_SIGINFO says, as
	 * Linux does (glibc's debug/segfault.c relies on it).
	 */
	regs->ra = vdso_rt_sigreturn(current->mm);
	regs->epc = (unsigned long)ksig->ka.sa.sa_handler;
	regs->sp = (unsigned long)frame;
	regs->a0 = ksig->sig;
	regs->a1 = (unsigned long)&frame->info;
	regs->a2 = (unsigned long)&frame->uc;
	return 0;
}

void arch_do_signal_or_restart(struct pt_regs *regs)
{
	bool syscall = regs->cause == EXC_ECALL_U;
	unsigned long continue_addr = 0, restart_addr = 0;
	long retval = 0;
	struct ksignal ksig;

	if (syscall) {
		continue_addr = regs->epc;
		restart_addr = continue_addr - 4;
		retval = regs->a0;
		/* Once only: a second pass on this way out must not restart again. */
		regs->cause = -1UL;
		switch (retval) {
		case -ERESTARTNOHAND:
		case -ERESTARTSYS:
		case -ERESTARTNOINTR:
			regs->a0 = regs->orig_a0;
			regs->epc = restart_addr;
			break;
		}
	}
	if (get_signal(&ksig)) {
		/* A handler runs: the call fails with -EINTR unless SA_RESTART allows a restart. */
		if (regs->epc == restart_addr &&
		    (retval == -ERESTARTNOHAND ||
		     (retval == -ERESTARTSYS && !(ksig.ka.sa.sa_flags & SA_RESTART)))) {
			regs->a0 = -EINTR;
			regs->epc = continue_addr;
		}
		signal_setup_done(setup_rt_frame(&ksig, sigmask_to_save(), regs), &ksig);
		return;
	}
	restore_saved_sigmask();
}
