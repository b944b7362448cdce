// SPDX-License-Identifier: GPL-2.0
/*
 * Interval timers, Linux's kernel/time/itimer.c: ITIMER_REAL sends SIGALRM
 * (SI_KERNEL) when its time comes, then again every it_interval if that is
 * set; glibc's alarm() is setitimer(ITIMER_REAL) on riscv64, which has no
 * alarm system call. Linux runs it on an hrtimer; Loam checks the armed
 * timers at each timer tick (run_itimers()), so a timer fires up to one
 * tick (10 ms) late, the resolution clock_getres() reports. An interval
 * timer is reloaded at the tick that fires it, from its previous expiry
 * (Linux reloads it when the SIGALRM is dequeued).
 *
 * ITIMER_PROF (SIGPROF) counts the process's CPU time, ITIMER_VIRTUAL
 * (SIGVTALRM) its user time, both checked at the ticks that interrupt it
 * (run_cpu_itimers()), as Linux's posix CPU timers are. User time is
 * sampled by those ticks (a tick that finds the task in user mode counts
 * whole), as in a Linux without CONFIG_VIRT_CPU_ACCOUNTING; the CPU time
 * is the scheduler's, exact to the nanosecond.
 */
#include <asm/irqflags.h>
#include <kernel.h>
#include <list.h>
#include <sched.h>
#include <sched_clock.h>
#include <signal.h>
#include <spinlock.h>
#include <string.h>
#include <syscalls.h>
#include <timer.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/time.h>

#define NSEC_PER_USEC 1000L
#define USEC_PER_SEC 1000000L
#define NSEC_PER_SEC 1000000000L

/* The tasks whose ITIMER_REAL is armed (task->it_real_list), under itimer_lock. */
static DEFINE_SPINLOCK(itimer_lock);
static LIST_HEAD(itimer_list);

void run_itimers(void)
{
	struct task_struct *p, *next;
	u64 now;

	if (list_empty(&itimer_list))
		return;
	now = sched_clock();
	spin_lock(&itimer_lock);
	list_for_each_entry_safe(p, next, &itimer_list, it_real_list) {
		if (p->it_real_expires > now)
			continue;
		send_sig_info(SIGALRM, SEND_SIG_PRIV, p);
		if (!p->it_real_incr) {
			p->it_real_expires = 0;
			list_del_init(&p->it_real_list);
			continue;
		}
		/* Missed intervals are skipped: one SIGALRM however late the tick (Linux's hrtimer_forward()). */
		while (p->it_real_expires <= now)
			p->it_real_expires += p->it_real_incr;
	}
	spin_unlock(&itimer_lock);
}

void exit_itimers(struct task_struct *p)
{
	unsigned long flags;

	spin_lock_irqsave(&itimer_lock, flags);
	p->it_real_expires = 0;
	list_del_init(&p->it_real_list);
	spin_unlock_irqrestore(&itimer_lock, flags);
}

static void ns_to_timeval(u64 ns, struct __kernel_old_timeval *tv)
{
	tv->tv_sec = ns / NSEC_PER_SEC;
	tv->tv_usec = ns % NSEC_PER_SEC / NSEC_PER_USEC;
}

static bool timeval_valid(const struct __kernel_old_timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < USEC_PER_SEC;
}

static u64 timeval_to_ns(const struct __kernel_old_timeval *tv)
{
	return (u64)tv->tv_sec * NSEC_PER_SEC + (u64)tv->tv_usec * NSEC_PER_USEC;
}

/* current's ITIMER_REAL (itimer_lock held): an armed timer due now says 1 us (Linux's itimer_get_remtime()). */
static void get_real_timer(struct __kernel_old_itimerval *v)
{
	struct task_struct *t = current;
	u64 now = sched_clock(), rem = 0;

	if (t->it_real_expires)
		rem = t->it_real_expires > now ? t->it_real_expires - now : NSEC_PER_USEC;
	ns_to_timeval(rem, &v->it_value);
	ns_to_timeval(t->it_real_incr, &v->it_interval);
}

/* The CPU time ITIMER_PROF (all of it) or ITIMER_VIRTUAL (user time) counts, for current. */
static u64 cpu_clock(int which)
{
	return which == ITIMER_PROF ? task_sched_runtime(current) : current->utime;
}

/* Linux's get_cpu_itimer(): a timer due but not yet fired says one tick. */
static void get_cpu_itimer(int which, u64 expires, u64 incr, struct __kernel_old_itimerval *v)
{
	u64 now = cpu_clock(which), rem = 0;

	if (expires)
		rem = expires > now ? expires - now : NSEC_PER_SEC / HZ;
	ns_to_timeval(rem, &v->it_value);
	ns_to_timeval(incr, &v->it_interval);
}

/* The current task's timer @which into @v; -EINVAL for an unknown one. */
static int do_getitimer(int which, struct __kernel_old_itimerval *v)
{
	struct task_struct *t = current;
	unsigned long flags;

	switch (which) {
	case ITIMER_REAL:
		spin_lock_irqsave(&itimer_lock, flags);
		get_real_timer(v);
		spin_unlock_irqrestore(&itimer_lock, flags);
		return 0;
	case ITIMER_VIRTUAL:
		get_cpu_itimer(which, t->it_virt_expires, t->it_virt_incr, v);
		return 0;
	case ITIMER_PROF:
		get_cpu_itimer(which, t->it_prof_expires, t->it_prof_incr, v);
		return 0;
	}
	return -EINVAL;
}

/* getitimer(2): what is left of timer @which, and its interval. */
long sys_getitimer(long which, void __user *value)
{
	struct __kernel_old_itimerval v;
	int err = do_getitimer(which, &v);

	if (err)
		return err;
	if (copy_to_user(value, &v, sizeof(v)))
		return -EFAULT;
	return 0;
}

static void set_real_timer(u64 value, u64 incr)
{
	struct task_struct *t = current;
	unsigned long flags;

	spin_lock_irqsave(&itimer_lock, flags);
	list_del_init(&t->it_real_list);
	t->it_real_expires = 0;
	t->it_real_incr = 0;
	if (value) {
		t->it_real_expires = sched_clock() + value;
		t->it_real_incr = incr;
		list_add_tail(&t->it_real_list, &itimer_list);
	}
	spin_unlock_irqrestore(&itimer_lock, flags);
}

/* Linux's set_cpu_itimer(): the tick on this hart reads them, so interrupts are off meanwhile. */
static void set_cpu_itimer(int which, u64 value, u64 incr)
{
	struct task_struct *t = current;
	u64 *expires = which == ITIMER_PROF ? &t->it_prof_expires : &t->it_virt_expires;
	u64 *interval = which == ITIMER_PROF ? &t->it_prof_incr : &t->it_virt_incr;
	unsigned long flags = arch_local_irq_save();

	*expires = value ? cpu_clock(which) + value : 0;
	*interval = value ? incr : 0;
	arch_local_irq_restore(flags);
}

/* setitimer(2): arm (or, with a zero it_value, disarm) timer @which; the old setting to @ovalue. */
long sys_setitimer(long which, const void __user *value, void __user *ovalue)
{
	struct __kernel_old_itimerval new, old;
	u64 ns, incr;
	int err;

	/* A NULL @value disarms (Linux still accepts it, with a warning). */
	memset(&new, 0, sizeof(new));
	if (value && copy_from_user(&new, value, sizeof(new)))
		return -EFAULT;
	if (!timeval_valid(&new.it_value) || !timeval_valid(&new.it_interval))
		return -EINVAL;
	err = do_getitimer(which, &old);
	if (err)
		return err;
	ns = timeval_to_ns(&new.it_value);
	incr = timeval_to_ns(&new.it_interval);
	if (which == ITIMER_REAL)
		set_real_timer(ns, incr);
	else
		set_cpu_itimer(which, ns, incr);
	if (ovalue && copy_to_user(ovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* Linux's check_cpu_itimer(): fire once, and move an interval timer on by one interval. */
static void check_cpu_itimer(struct task_struct *p, u64 *expires, u64 incr, u64 now, int sig)
{
	if (!*expires || now < *expires)
		return;
	*expires = incr ? *expires + incr : 0;
	send_sig_info(sig, SEND_SIG_PRIV, p);
}

void run_cpu_itimers(struct task_struct *p)
{
	if (p->it_prof_expires)
		check_cpu_itimer(p, &p->it_prof_expires, p->it_prof_incr, task_sched_runtime(p),
				 SIGPROF);
	if (p->it_virt_expires)
		check_cpu_itimer(p, &p->it_virt_expires, p->it_virt_incr, p->utime, SIGVTALRM);
}
