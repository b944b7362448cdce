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
 * ITIMER_VIRTUAL and ITIMER_PROF (CPU-time timers) are not implemented:
 * both are -EINVAL, which Linux answers only for an unknown timer.
 */
#include <kernel.h>
#include <list.h>
#include <sched.h>
#include <sched_clock.h>
#include <signal.h>
#include <spinlock.h>
#include <string.h>
#include <syscalls.h>
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

/* getitimer(2): what is left of ITIMER_REAL, and its interval. */
long sys_getitimer(long which, void __user *value)
{
	struct __kernel_old_itimerval v;
	unsigned long flags;

	if ((int)which != ITIMER_REAL)
		return -EINVAL;
	spin_lock_irqsave(&itimer_lock, flags);
	get_real_timer(&v);
	spin_unlock_irqrestore(&itimer_lock, flags);
	if (copy_to_user(value, &v, sizeof(v)))
		return -EFAULT;
	return 0;
}

/* setitimer(2): arm (or, with a zero it_value, disarm) ITIMER_REAL; the old setting to @ovalue. */
long sys_setitimer(long which, const void __user *value, void __user *ovalue)
{
	struct __kernel_old_itimerval new, old;
	struct task_struct *t = current;
	unsigned long flags;
	u64 expires;

	/* A NULL @value disarms (Linux still accepts it, with a warning). */
	memset(&new, 0, sizeof(new));
	if (value && copy_from_user(&new, value, sizeof(new)))
		return -EFAULT;
	if (!timeval_valid(&new.it_value) || !timeval_valid(&new.it_interval))
		return -EINVAL;
	if ((int)which != ITIMER_REAL)
		return -EINVAL;
	expires = timeval_to_ns(&new.it_value);
	spin_lock_irqsave(&itimer_lock, flags);
	get_real_timer(&old);
	list_del_init(&t->it_real_list);
	t->it_real_expires = 0;
	t->it_real_incr = 0;
	if (expires) {
		t->it_real_expires = sched_clock() + expires;
		t->it_real_incr = timeval_to_ns(&new.it_interval);
		list_add_tail(&t->it_real_list, &itimer_list);
	}
	spin_unlock_irqrestore(&itimer_lock, flags);
	if (ovalue && copy_to_user(ovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
