/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Signals, Linux's design (include/linux/signal.h, sched/signal.h,
 * kernel/signal.c): a task has a mask of blocked signals and a set of
 * pending ones, each with its siginfo; its actions (struct sighand_struct)
 * say what a delivered signal does. Signals are sent from anywhere (kill,
 * a fault, a timer tick) and delivered only on the way back to user mode
 * (exit_to_user_mode() -> arch_do_signal_or_restart() -> get_signal()),
 * either by running a handler on a frame the arch code builds
 * (platform/riscv/kernel/signal.c) or by the default action. A task running
 * user code on another hart notices at its next trap, the tick at the
 * latest (Linux kicks it with an IPI).
 *
 * Loam's processes are single-threaded, so the task is the thread group:
 * what Linux keeps in signal_struct for the group (shared_pending, the
 * itimers) is in the task. Each signal, real-time ones too, has one
 * pending instance: a second one sent while the first is pending is lost
 * (Linux queues real-time signals up to RLIMIT_SIGPENDING).
 */
#ifndef LOAM_SIGNAL_H
#define LOAM_SIGNAL_H

#include <spinlock.h>
#include <types.h>
#include <uapi/siginfo.h>
#include <uapi/signal.h>

#define __user /* a user-space pointer (as <uaccess.h>) */

struct task_struct;
struct pt_regs;

struct k_sigaction {
	struct sigaction sa;
};

/* A task's actions (Linux: shared by the threads of CLONE_SIGHAND; copied by fork and vfork). */
struct sighand_struct {
	spinlock_t siglock; /* the actions, and every task's blocked and pending sets */
	struct k_sigaction action[_NSIG];
};

/* The pending signals: the set, and the siginfo of each (one instance per signal). */
struct sigpending {
	sigset_t signal;
	kernel_siginfo_t info[_NSIG];
};

/* A signal get_signal() chose for a handler (Linux's struct ksignal). */
struct ksignal {
	struct k_sigaction ka;
	kernel_siginfo_t info;
	int sig;
};

/*
 * task->signal_flags: init (pid 1) gets no signal whose action is SIG_DFL
 * unless a fault of its own forces it (Linux's SIGNAL_UNKILLABLE, set for
 * the child reaper); SIGKILL and SIGSTOP never.
 */
#define SIGNAL_UNKILLABLE 0x00000040

/* send_sig_info()'s special infos: from user space without details, or from the kernel. */
#define SEND_SIG_NOINFO ((kernel_siginfo_t *)0)
#define SEND_SIG_PRIV ((kernel_siginfo_t *)1)

static inline unsigned long sigmask(int sig)
{
	return 1UL << (sig - 1);
}

static inline bool sigismember(const sigset_t *set, int sig)
{
	return set->sig[0] & sigmask(sig);
}

static inline void sigaddset(sigset_t *set, int sig)
{
	set->sig[0] |= sigmask(sig);
}

static inline void sigdelset(sigset_t *set, int sig)
{
	set->sig[0] &= ~sigmask(sig);
}

static inline bool valid_signal(unsigned long sig)
{
	return sig <= _NSIG;
}

/* A new task's signal state: its own actions (all SIG_DFL), nothing blocked or pending. -ENOMEM. */
int init_task_signals(struct task_struct *p);
/*
 * clone (Linux's copy_sighand(), and what dup_task_struct() and
 * copy_process() copy): the child's actions, mask and alternate stack are
 * copies of the parent's.
 */
void copy_sighand(struct task_struct *p, struct task_struct *parent);
/* The last reference to @p is gone: its actions go too. */
void free_task_signals(struct task_struct *p);
/* execve: handlers back to SIG_DFL (SIG_IGN stays), no alternate stack (Linux's flush_signal_handlers()). */
void flush_signal_handlers(struct task_struct *p);

/*
 * Send @sig to @p with @info (or SEND_SIG_NOINFO / SEND_SIG_PRIV): pending,
 * and @p woken if it sleeps and does not block it. Ignored signals are
 * dropped; kernel threads ignore every signal. Any context, interrupts too.
 */
int send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p);
/*
 * Send @sig to every process of group @pgrp (kernel/signal.c, Linux's
 * kill_pgrp()): from the kernel (SI_KERNEL) if @priv, else as from current
 * (SI_USER). 0, or -ESRCH if the group has no process. The tty sends ^C's
 * SIGINT this way. __kill_pgrp_info() is the same with tasklist_lock held.
 */
int kill_pgrp(int pgrp, int sig, int priv);
int __kill_pgrp_info(int sig, kernel_siginfo_t *info, int pgrp);
/*
 * A synchronous signal from a fault of current (Linux's force_sig_fault()):
 * blocked or ignored, it is unblocked and its action reset to SIG_DFL, so
 * that the process dies rather than loop on the fault.
 */
void force_sig_fault(int sig, int code, unsigned long addr);
/* Linux's force_sig(): a kernel signal (SI_KERNEL) current cannot block or ignore. */
void force_sig(int sig);
/* Is @sig's action for current the default or "ignore"? (Linux's unhandled_signal().) */
bool unhandled_signal(int sig);

/*
 * The next signal for current to act on (Linux's get_signal()): false if
 * none is left. Default actions happen here: ignored ones are skipped, a
 * fatal one ends the process (do_exit() with the signal number).
 */
bool get_signal(struct ksignal *ksig);
/*
 * The arch code built (@failed == 0) or could not build the frame of
 * @ksig: block what the handler asks, or kill the process with SIGSEGV.
 */
void signal_setup_done(int failed, struct ksignal *ksig);
/* The mask a handler's frame restores: the one sigsuspend()/ppoll() replaced, if any. */
sigset_t *sigmask_to_save(void);
/* No handler ran: put back the mask sigsuspend()/ppoll() replaced. */
void restore_saved_sigmask(void);
/* current's blocked mask becomes @set, less SIGKILL and SIGSTOP. */
void set_current_blocked(const sigset_t *set);
/* Linux's set_user_sigmask() for ppoll(): swap in the user's mask until the call returns. */
int set_user_sigmask(const sigset_t __user *umask, unsigned long sigsetsize);
/* The end of a call that set_user_sigmask(): keep the temporary mask for a handler if interrupted. */
void restore_saved_sigmask_unless(bool interrupted);

/* The alternate signal stack of current. */
bool on_sig_stack(unsigned long sp);
/* Where a frame for @ksig goes: the top of the alternate stack if asked and usable, or @sp. */
unsigned long sigsp(unsigned long sp, struct ksignal *ksig);
/* Into a frame: the alternate stack's settings (SS_AUTODISARM disarms it). */
int __save_altstack(stack_t __user *uss, unsigned long sp);
/* rt_sigreturn: the alternate stack's settings from the frame; only -EFAULT fails. */
int restore_altstack(const stack_t __user *uss);

/*
 * Linux's internal system-call restart codes, never seen by user space:
 * restart after a handler with SA_RESTART (ERESTARTSYS), always
 * (ERESTARTNOINTR), or only when no handler ran (ERESTARTNOHAND); -EINTR
 * otherwise. Loam has no restart_syscall() (ERESTART_RESTARTBLOCK).
 */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514

/* platform/riscv/kernel/signal.c: deliver a pending signal, restart an interrupted call. */
void arch_do_signal_or_restart(struct pt_regs *regs);

/* kernel/itimer.c: the tick's part: send SIGALRM to each process whose ITIMER_REAL expired. */
void run_itimers(void);
/* kernel/itimer.c: at a tick while @p runs, SIGPROF or SIGVTALRM if its CPU time reached the timer. */
void run_cpu_itimers(struct task_struct *p);
/* kernel/itimer.c: a task going away disarms its timer. */
void exit_itimers(struct task_struct *p);

#endif
