// SPDX-License-Identifier: GPL-2.0
/*
 * Signals, the portable part, as Linux's kernel/signal.c: sending (kill,
 * tkill, tgkill, faults, timers), the masks (rt_sigprocmask, rt_sigsuspend,
 * rt_sigpending), waiting (rt_sigtimedwait), the actions (rt_sigaction),
 * the alternate stack (sigaltstack) and get_signal(), which picks the next
 * signal on the way to user mode and carries out default actions. The frame a handler runs on
 * is the arch's (platform/riscv/kernel/signal.c).
 *
 * Locking: a task's sighand->siglock (interrupts off: the timer tick sends
 * SIGALRM) covers its actions, blocked mask and pending set; tasklist_lock
 * the search for a pid. Every Loam process runs as root, so every kill is
 * permitted (Linux's check_kill_permission() for uid 0).
 */
#include <kernel.h>
#include <printk.h>
#include <sched.h>
#include <sched/signal.h>
#include <sched_clock.h>
#include <signal.h>
#include <slab.h>
#include <string.h>
#include <syscalls.h>
#include <traps.h>
#include <uaccess.h>
#include <uapi/errno.h>

#define NSEC_PER_SEC 1000000000LL

/* Linux's struct __kernel_timespec. */
struct __kernel_timespec {
	long long tv_sec;
	long long tv_nsec;
};

/*
 * Default actions (Linux's sig_kernel_ignore(), sig_kernel_stop(),
 * sig_kernel_only()); the rest terminate, the core-dump ones too (Loam
 * writes no core file).
 */
#define SIG_KERNEL_IGNORE_MASK \
	(sigmask(SIGCONT) | sigmask(SIGCHLD) | sigmask(SIGWINCH) | sigmask(SIGURG))
#define SIG_KERNEL_STOP_MASK \
	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define SIG_KERNEL_ONLY_MASK (sigmask(SIGKILL) | sigmask(SIGSTOP))
/* Faults: dequeued before the others (Linux's SYNCHRONOUS_MASK). */
#define SYNCHRONOUS_MASK                                                           \
	(sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | sigmask(SIGTRAP) | \
	 sigmask(SIGFPE) | sigmask(SIGSYS))

static bool sig_in(int sig, unsigned long mask)
{
	return sig < SIGRTMIN && (sigmask(sig) & mask);
}

/*
 * The default action of a stop signal is to stop the process until
 * SIGCONT. Loam has no job control: it ignores them instead (documented
 * in the README), like SIGCONT, whose default is to continue.
 */
static bool sig_default_ignored(int sig)
{
	return sig_in(sig, SIG_KERNEL_IGNORE_MASK | SIG_KERNEL_STOP_MASK);
}

int init_task_signals(struct task_struct *p)
{
	p->sighand = kmalloc(sizeof(*p->sighand), GFP_KERNEL);
	if (!p->sighand)
		return -ENOMEM;
	memset(p->sighand, 0, sizeof(*p->sighand));
	spin_lock_init(&p->sighand->siglock);
	p->sas_ss_flags = SS_DISABLE;
	INIT_LIST_HEAD(&p->it_real_list);
	return 0;
}

void copy_sighand(struct task_struct *p, struct task_struct *parent)
{
	unsigned long flags;

	spin_lock_irqsave(&parent->sighand->siglock, flags);
	memcpy(p->sighand->action, parent->sighand->action, sizeof(p->sighand->action));
	p->blocked = parent->blocked;
	spin_unlock_irqrestore(&parent->sighand->siglock, flags);
	/* CLONE_VM with CLONE_VFORK keeps the alternate stack (Linux's copy_process()). */
	p->sas_ss_sp = parent->sas_ss_sp;
	p->sas_ss_size = parent->sas_ss_size;
	p->sas_ss_flags = parent->sas_ss_flags;
}

void free_task_signals(struct task_struct *p)
{
	kfree(p->sighand);
}

void flush_signal_handlers(struct task_struct *p)
{
	struct k_sigaction *ka = p->sighand->action;
	unsigned long flags;
	int i;

	spin_lock_irqsave(&p->sighand->siglock, flags);
	for (i = 0; i < _NSIG; i++, ka++) {
		if (ka->sa.sa_handler != SIG_IGN)
			ka->sa.sa_handler = SIG_DFL;
		ka->sa.sa_flags = 0;
		ka->sa.sa_mask.sig[0] = 0;
	}
	spin_unlock_irqrestore(&p->sighand->siglock, flags);
	p->sas_ss_sp = p->sas_ss_size = 0;
	p->sas_ss_flags = SS_DISABLE;
}

static __sighandler_t sig_handler(struct task_struct *p, int sig)
{
	return p->sighand->action[sig - 1].sa.sa_handler;
}

static bool sig_handler_ignored(__sighandler_t handler, int sig)
{
	return handler == SIG_IGN || (handler == SIG_DFL && sig_default_ignored(sig));
}

/* Linux's sig_task_ignored(): init takes only the signals it handles, or a fault's. */
static bool sig_task_ignored(struct task_struct *p, int sig, bool force)
{
	__sighandler_t handler = sig_handler(p, sig);

	if (p->pid == 1 && sig_in(sig, SIG_KERNEL_ONLY_MASK))
		return true;
	if ((p->signal_flags & SIGNAL_UNKILLABLE) && handler == SIG_DFL &&
	    !(force && sig_in(sig, SIG_KERNEL_ONLY_MASK)))
		return true;
	return sig_handler_ignored(handler, sig);
}

/* Linux's sig_ignored(): dropped at once. Blocked signals never are: the action may change. */
static bool sig_ignored(struct task_struct *p, int sig, bool force)
{
	if (sigismember(&p->blocked, sig) || sigismember(&p->real_blocked, sig))
		return false;
	return sig_task_ignored(p, sig, force);
}

bool signal_pending(struct task_struct *p)
{
	return READ_ONCE(p->pending.signal.sig[0]) & ~READ_ONCE(p->blocked.sig[0]);
}

bool fatal_signal_pending(struct task_struct *p)
{
	return READ_ONCE(p->pending.signal.sig[0]) & sigmask(SIGKILL);
}

bool unhandled_signal(int sig)
{
	__sighandler_t handler = sig_handler(current, sig);

	return handler == SIG_IGN || handler == SIG_DFL;
}

static void fill_siginfo(kernel_siginfo_t *to, int sig, kernel_siginfo_t *info)
{
	memset(to, 0, sizeof(*to));
	to->si_signo = sig;
	if (info == SEND_SIG_NOINFO) {
		to->si_code = SI_USER;
		to->si_pid = current->pid;
	} else if (info == SEND_SIG_PRIV) {
		to->si_code = SI_KERNEL;
	} else {
		*to = *info;
	}
}

/* Linux's __send_signal_locked() with complete_signal(); siglock held. */
static void send_signal_locked(int sig, kernel_siginfo_t *info, struct task_struct *p, bool force)
{
	if (sig_ignored(p, sig, force) || sigismember(&p->pending.signal, sig))
		return;
	fill_siginfo(&p->pending.info[sig - 1], sig, info);
	sigaddset(&p->pending.signal, sig);
	if (sig == SIGKILL || !sigismember(&p->blocked, sig))
		signal_wake_up(p);
}

int send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p)
{
	unsigned long flags;

	/* Kernel threads ignore signals; a task past exit_mm() is dying anyway. */
	if (!p->mm)
		return 0;
	spin_lock_irqsave(&p->sighand->siglock, flags);
	send_signal_locked(sig, info, p, info == SEND_SIG_PRIV);
	spin_unlock_irqrestore(&p->sighand->siglock, flags);
	return 0;
}

void send_sig_kill(struct task_struct *p)
{
	send_sig_info(SIGKILL, SEND_SIG_PRIV, p);
}

/* Linux's force_sig_info_to_task(): current cannot block or ignore it. */
static void force_sig_info(kernel_siginfo_t *info)
{
	struct task_struct *t = current;
	struct k_sigaction *action = &t->sighand->action[info->si_signo - 1];
	int sig = info->si_signo;
	unsigned long flags;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	if (action->sa.sa_handler == SIG_IGN || sigismember(&t->blocked, sig)) {
		action->sa.sa_handler = SIG_DFL;
		sigdelset(&t->blocked, sig);
	}
	/* A fault init does not handle kills it too (then the machine stops: kernel/exit.c). */
	if (action->sa.sa_handler == SIG_DFL)
		t->signal_flags &= ~SIGNAL_UNKILLABLE;
	send_signal_locked(sig, info, t, true);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	kernel_siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.si_addr = (void __user *)addr;
	force_sig_info(&info);
}

void force_sig(int sig)
{
	kernel_siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = SI_KERNEL;
	force_sig_info(&info);
}

/* Linux's force_sigsegv(): a frame could not be built; a SIGSEGV handler would fail the same way. */
static void force_sigsegv(int sig)
{
	if (sig == SIGSEGV)
		current->sighand->action[SIGSEGV - 1].sa.sa_handler = SIG_DFL;
	force_sig(SIGSEGV);
}

/* The next pending signal of @wanted (faults first) off the pending set, or 0; siglock held. */
static int dequeue_signal(struct task_struct *t, unsigned long wanted, kernel_siginfo_t *info)
{
	unsigned long ready = t->pending.signal.sig[0] & wanted;
	int sig;

	if (!ready)
		return 0;
	if (ready & SYNCHRONOUS_MASK)
		ready &= SYNCHRONOUS_MASK;
	sig = __builtin_ctzl(ready) + 1;
	sigdelset(&t->pending.signal, sig);
	*info = t->pending.info[sig - 1];
	return sig;
}

bool get_signal(struct ksignal *ksig)
{
	struct task_struct *t = current;
	struct k_sigaction *ka;
	unsigned long flags;
	int sig;

	/* A SIGKILL goes before anything else (Linux's SIGNAL_GROUP_EXIT check). */
	if (fatal_signal_pending(t))
		do_exit(SIGKILL);
	spin_lock_irqsave(&t->sighand->siglock, flags);
	for (;;) {
		sig = dequeue_signal(t, ~t->blocked.sig[0], &ksig->info);
		if (!sig) {
			spin_unlock_irqrestore(&t->sighand->siglock, flags);
			return false;
		}
		ka = &t->sighand->action[sig - 1];
		if (ka->sa.sa_handler == SIG_IGN)
			continue;
		if (ka->sa.sa_handler != SIG_DFL) {
			ksig->ka = *ka;
			ksig->sig = sig;
			if (ka->sa.sa_flags & SA_RESETHAND)
				ka->sa.sa_handler = SIG_DFL;
			spin_unlock_irqrestore(&t->sighand->siglock, flags);
			return true;
		}
		/* init gets no default action it did not ask for (SIGNAL_UNKILLABLE). */
		if (!sig_default_ignored(sig) &&
		    !((t->signal_flags & SIGNAL_UNKILLABLE) && !sig_in(sig, SIG_KERNEL_ONLY_MASK)))
			break;
	}
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	/*
	 * Terminate, with or without a core dump: Loam writes no core file
	 * (Linux with RLIMIT_CORE 0, its default), so the status has no 0x80.
	 */
	do_exit(sig);
}

void set_current_blocked(const sigset_t *set)
{
	struct task_struct *t = current;
	unsigned long flags;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	t->blocked.sig[0] = set->sig[0] & ~SIG_KERNEL_ONLY_MASK;
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

void signal_setup_done(int failed, struct ksignal *ksig)
{
	sigset_t blocked = current->blocked;

	if (failed) {
		force_sigsegv(ksig->sig);
		return;
	}
	/* Linux's signal_delivered(): the saved mask is in the frame now. */
	current->restore_sigmask = false;
	blocked.sig[0] |= ksig->ka.sa.sa_mask.sig[0];
	if (!(ksig->ka.sa.sa_flags & SA_NODEFER))
		sigaddset(&blocked, ksig->sig);
	set_current_blocked(&blocked);
}

sigset_t *sigmask_to_save(void)
{
	return current->restore_sigmask ? &current->saved_sigmask : &current->blocked;
}

void restore_saved_sigmask(void)
{
	if (current->restore_sigmask) {
		current->restore_sigmask = false;
		set_current_blocked(&current->saved_sigmask);
	}
}

int set_user_sigmask(const sigset_t __user *umask, unsigned long sigsetsize)
{
	sigset_t kmask;

	if (!umask)
		return 0;
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&kmask, umask, sizeof(kmask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	set_current_blocked(&kmask);
	return 0;
}

void restore_saved_sigmask_unless(bool interrupted)
{
	/* Interrupted: the handler runs with the temporary mask, its frame restores the old one. */
	if (!interrupted)
		restore_saved_sigmask();
}

/* Linux's __on_sig_stack(): the stack grows down, so its top belongs to it and its bottom not. */
static bool __on_sig_stack(unsigned long sp)
{
	return sp > current->sas_ss_sp && sp - current->sas_ss_sp <= current->sas_ss_size;
}

bool on_sig_stack(unsigned long sp)
{
	/* SS_AUTODISARM: by construction we cannot be on it unless user code put us there. */
	if (current->sas_ss_flags & SS_AUTODISARM)
		return false;
	return __on_sig_stack(sp);
}

static int sas_ss_flags(unsigned long sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

unsigned long sigsp(unsigned long sp, struct ksignal *ksig)
{
	if ((ksig->ka.sa.sa_flags & SA_ONSTACK) && !sas_ss_flags(sp))
		return current->sas_ss_sp + current->sas_ss_size;
	return sp;
}

/* Linux's do_sigaltstack(): @sp is the user's stack pointer at the call. */
static int do_sigaltstack(const stack_t *ss, stack_t *oss, unsigned long sp)
{
	struct task_struct *t = current;
	unsigned int mode;

	if (oss) {
		memset(oss, 0, sizeof(*oss));
		oss->ss_sp = (void __user *)t->sas_ss_sp;
		oss->ss_size = t->sas_ss_size;
		oss->ss_flags = sas_ss_flags(sp) | (t->sas_ss_flags & SS_FLAG_BITS);
	}
	if (!ss)
		return 0;
	if (on_sig_stack(sp))
		return -EPERM;
	mode = ss->ss_flags & ~SS_FLAG_BITS;
	if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		t->sas_ss_sp = t->sas_ss_size = 0;
	} else {
		/* The frame must fit too (CONFIG_DYNAMIC_SIGFRAME): it is smaller than MINSIGSTKSZ. */
		if (ss->ss_size < MINSIGSTKSZ)
			return -ENOMEM;
		t->sas_ss_sp = (unsigned long)ss->ss_sp;
		t->sas_ss_size = ss->ss_size;
	}
	t->sas_ss_flags = ss->ss_flags;
	return 0;
}

int __save_altstack(stack_t __user *uss, unsigned long sp)
{
	struct task_struct *t = current;
	stack_t st = {
		.ss_sp = (void __user *)t->sas_ss_sp,
		.ss_flags = t->sas_ss_flags,
		.ss_size = t->sas_ss_size,
	};

	if (copy_to_user(uss, &st, sizeof(st)))
		return -EFAULT;
	/* SS_AUTODISARM: the handler runs with the alternate stack off (Linux's sas_ss_reset()). */
	if (t->sas_ss_flags & SS_AUTODISARM) {
		t->sas_ss_sp = t->sas_ss_size = 0;
		t->sas_ss_flags = SS_DISABLE;
	}
	return 0;
}

int restore_altstack(const stack_t __user *uss)
{
	stack_t new;

	if (copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	/* Linux squashes every error but -EFAULT here. */
	do_sigaltstack(&new, NULL, task_pt_regs(current)->sp);
	return 0;
}

/* sigaltstack(2): set and/or read current's alternate signal stack. */
long sys_sigaltstack(const stack_t __user *uss, stack_t __user *uoss)
{
	stack_t new, old;
	int err;

	if (uss && copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	err = do_sigaltstack(uss ? &new : NULL, uoss ? &old : NULL, task_pt_regs(current)->sp);
	if (!err && uoss && copy_to_user(uoss, &old, sizeof(old)))
		err = -EFAULT;
	return err;
}

/* Linux's do_sigaction(); @sig checked by the caller. */
static void do_sigaction(int sig, struct k_sigaction *act, struct k_sigaction *oact)
{
	const unsigned long uapi_sa_flags = SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK |
					    SA_RESTART | SA_NODEFER | SA_RESETHAND |
					    SA_EXPOSE_TAGBITS;
	struct task_struct *t = current;
	struct k_sigaction *k = &t->sighand->action[sig - 1];
	unsigned long flags;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	if (oact) {
		*oact = *k;
		/* Unknown flag bits are cleared: user space can tell what the kernel knows. */
		oact->sa.sa_flags &= uapi_sa_flags;
	}
	if (act) {
		act->sa.sa_flags &= uapi_sa_flags;
		act->sa.sa_mask.sig[0] &= ~SIG_KERNEL_ONLY_MASK;
		*k = *act;
		/* POSIX 3.3.1.3: a pending signal now ignored is discarded, blocked or not. */
		if (sig_handler_ignored(k->sa.sa_handler, sig))
			sigdelset(&t->pending.signal, sig);
	}
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

/* rt_sigaction(2): read and/or set the action of @usig; @sigsetsize must be 8. */
long sys_rt_sigaction(long usig, const struct sigaction __user *act, struct sigaction __user *oact,
		      unsigned long sigsetsize)
{
	struct k_sigaction new, old;
	int sig = usig;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (!valid_signal(sig) || sig < 1 || (act && sig_in(sig, SIG_KERNEL_ONLY_MASK)))
		return -EINVAL;
	if (act && copy_from_user(&new.sa, act, sizeof(new.sa)))
		return -EFAULT;
	do_sigaction(sig, act ? &new : NULL, oact ? &old : NULL);
	if (oact && copy_to_user(oact, &old.sa, sizeof(old.sa)))
		return -EFAULT;
	return 0;
}

/* rt_sigprocmask(2): SIG_BLOCK, SIG_UNBLOCK or SIG_SETMASK the blocked mask; the old one to @oset. */
long sys_rt_sigprocmask(long how, const sigset_t __user *nset, sigset_t __user *oset,
			unsigned long sigsetsize)
{
	sigset_t old = current->blocked, new;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&new, nset, sizeof(new)))
			return -EFAULT;
		switch ((int)how) {
		case SIG_BLOCK:
			new.sig[0] |= old.sig[0];
			break;
		case SIG_UNBLOCK:
			new.sig[0] = old.sig[0] & ~new.sig[0];
			break;
		case SIG_SETMASK:
			break;
		default:
			return -EINVAL;
		}
		set_current_blocked(&new);
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* rt_sigpending(2): the signals pending while blocked (up to @sigsetsize bytes of them). */
long sys_rt_sigpending(sigset_t __user *uset, unsigned long sigsetsize)
{
	sigset_t set;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	/* Linux's do_sigpending(): pending and blocked, the ones still waiting. */
	set.sig[0] = current->pending.signal.sig[0] & current->blocked.sig[0];
	if (copy_to_user(uset, &set, sigsetsize))
		return -EFAULT;
	return 0;
}

/*
 * rt_sigsuspend(2): wait for a signal with @unewset blocked instead; it
 * always ends interrupted (-EINTR once the handler ran).
 */
long sys_rt_sigsuspend(const sigset_t __user *unewset, unsigned long sigsetsize)
{
	struct task_struct *t = current;
	sigset_t new;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&new, unewset, sizeof(new)))
		return -EFAULT;
	t->saved_sigmask = t->blocked;
	set_current_blocked(&new);
	for (;;) {
		WRITE_ONCE(t->state, TASK_INTERRUPTIBLE);
		if (signal_pending(t))
			break;
		schedule();
	}
	WRITE_ONCE(t->state, TASK_RUNNING);
	/* The handler runs with @new; its frame restores the old mask (Linux's set_restore_sigmask()). */
	t->restore_sigmask = true;
	return -ERESTARTNOHAND;
}

/* Send @sig with @info to pid @pid: -ESRCH if there is none; @sig 0 only checks. */
static int kill_pid_info(int sig, kernel_siginfo_t *info, int pid)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_vpid(pid);
	if (p && sig)
		send_sig_info(sig, info, p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p ? 0 : -ESRCH;
}

/*
 * kill(-1): every process but init and the caller (Linux's
 * kill_something_info()). Kernel threads count but ignore the signal, as
 * in Linux; -ESRCH if none was found.
 */
static int kill_all(int sig, kernel_siginfo_t *info)
{
	struct task_struct *p;
	unsigned long flags;
	int count = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(p) {
		if (p->pid == 1 || p == current)
			continue;
		if (sig)
			send_sig_info(sig, info, p);
		count++;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return count ? 0 : -ESRCH;
}

int __kill_pgrp_info(int sig, kernel_siginfo_t *info, int pgrp)
{
	struct task_struct *p;
	bool found = false;

	for_each_process(p) {
		if (p->signal->pgrp != pgrp)
			continue;
		if (sig)
			send_sig_info(sig, info, p);
		found = true;
	}
	return found ? 0 : -ESRCH;
}

int kill_pgrp(int pgrp, int sig, int priv)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&tasklist_lock, flags);
	ret = __kill_pgrp_info(sig, priv ? SEND_SIG_PRIV : SEND_SIG_NOINFO, pgrp);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* kill(-@pgrp) and kill(0): every process of the group (Linux's kill_pgrp_info()). */
static int kill_pgrp_info(int sig, kernel_siginfo_t *info, int pgrp)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&tasklist_lock, flags);
	ret = __kill_pgrp_info(sig, info, pgrp);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/*
 * kill(2): @upid > 0 one process, 0 the caller's process group, -1 all but
 * init and us, < -1 process group -@upid.
 */
long sys_kill(long upid, long usig)
{
	kernel_siginfo_t info;
	int pid = upid, sig = usig;

	if (!valid_signal(sig) || sig < 0)
		return -EINVAL;
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = SI_USER;
	info.si_pid = current->pid;
	if (pid > 0)
		return kill_pid_info(sig, &info, pid);
	/* INT_MIN has no positive process group (Linux's check). */
	if (pid == -__INT_MAX__ - 1)
		return -ESRCH;
	if (pid == -1)
		return kill_all(sig, &info);
	/* The group is read without the lock: only we change our own. */
	return kill_pgrp_info(sig, &info, pid ? -pid : READ_ONCE(current->signal->pgrp));
}

/* Linux's do_tkill(): a thread of @tgid (any, if @tgid is 0); a process is its only thread. */
static long do_tkill(int tgid, int pid, int sig)
{
	kernel_siginfo_t info;

	if (!valid_signal(sig) || sig < 0)
		return -EINVAL;
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = SI_TKILL;
	info.si_pid = current->pid;
	if (tgid > 0 && tgid != pid)
		return -ESRCH;
	return kill_pid_info(sig, &info, pid);
}

/* tgkill(2): thread @pid of process @tgid (every Loam process is one thread). */
long sys_tgkill(long tgid, long pid, long sig)
{
	if ((int)pid <= 0 || (int)tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, pid, sig);
}

/* tkill(2): thread @pid, whichever its process. */
long sys_tkill(long pid, long sig)
{
	if ((int)pid <= 0)
		return -EINVAL;
	return do_tkill(0, pid, sig);
}

/* Sleep until a signal is pending or @end (sched_clock() ns) passes; 0: no end. */
static void sigtimedwait_sleep(u64 end)
{
	struct task_struct *t = current;

	if (end) {
		schedule_timeout_interruptible_until(end);
		return;
	}
	WRITE_ONCE(t->state, TASK_INTERRUPTIBLE);
	if (!signal_pending(t))
		schedule();
	WRITE_ONCE(t->state, TASK_RUNNING);
}

/*
 * Linux's do_sigtimedwait(): take a pending signal of @wanted, blocked or
 * not, or wait for one, its members unblocked meanwhile: the signal,
 * -EAGAIN at the timeout @end (1: none, do not wait; 0: wait for ever), or
 * -EINTR if another signal came.
 */
static int do_sigtimedwait(unsigned long wanted, kernel_siginfo_t *info, u64 end)
{
	struct task_struct *t = current;
	unsigned long flags;
	int sig;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	sig = dequeue_signal(t, wanted, info);
	if (!sig && end != 1) {
		t->real_blocked = t->blocked;
		t->blocked.sig[0] &= ~wanted;
		spin_unlock_irqrestore(&t->sighand->siglock, flags);
		sigtimedwait_sleep(end);
		spin_lock_irqsave(&t->sighand->siglock, flags);
		t->blocked = t->real_blocked;
		t->real_blocked.sig[0] = 0;
		sig = dequeue_signal(t, wanted, info);
	}
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	if (sig)
		return sig;
	return end && sched_clock() >= end ? -EAGAIN : -EINTR;
}

/*
 * rt_sigtimedwait(2): wait for a signal of @uthese (sigwait(), sigwaitinfo(),
 * sigtimedwait()); its number, its siginfo to @uinfo.
 */
long sys_rt_sigtimedwait(const sigset_t __user *uthese, void __user *uinfo, const void __user *uts,
			 unsigned long sigsetsize)
{
	struct __kernel_timespec ts;
	kernel_siginfo_t info;
	struct siginfo uinf;
	sigset_t these;
	u64 end = 0;
	int sig;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		/* A zero timeout only polls (1: a time always past). */
		end = ts.tv_sec || ts.tv_nsec ?
			      sched_clock() + ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec :
			      1;
	}
	sig = do_sigtimedwait(these.sig[0] & ~SIG_KERNEL_ONLY_MASK, &info, end);
	if (sig > 0 && uinfo) {
		memset(&uinf, 0, sizeof(uinf));
		memcpy(&uinf, &info, sizeof(info));
		if (copy_to_user(uinfo, &uinf, sizeof(uinf)))
			return -EFAULT;
	}
	return sig;
}
