// SPDX-License-Identifier: GPL-2.0
/*
 * The scheduler for the host tests of the whole memory manager
 * (HOST_SRCS_MM in the Makefile). kernel/sched.c switches kernel stacks in
 * assembly; the host tests run on one thread, which is CPU 0's current task
 * (host_task, pid 2: not init, so the OOM killer may pick it, and reclaim
 * may run in it: current_may_reclaim() wants a pid), with resource limits
 * of its own (host_signal). Wait queues are real lists; nobody else can
 * run, so a schedule() that would sleep is a deadlock and fails the test,
 * unless the test set host_schedule_hook, which plays the other side (the
 * task that makes the condition true) and returns. The task list holds
 * what the test adds (the OOM killer's candidates); send_sig_kill() only
 * records the kill, for fatal_signal_pending() (kernel/signal.c is not
 * built here). kswapd is not started on the host: tests call the reclaim
 * entry points themselves.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <blkdev.h>
#include <err.h>
#include <mmap.h>
#include <pid.h>
#include <sched.h>
#include <uapi/errno.h>
#include <smp.h>

#include "sched_fakes.h"

struct signal_struct host_signal;
struct task_struct host_task = {
	.pid = 2,
	.comm = "host-test",
	.usage = 1,
	.signal = &host_signal,
};
void (*host_schedule_hook)(void);
unsigned long host_schedule_calls, host_wakeups, host_kills;

DEFINE_SPINLOCK(tasklist_lock);
LIST_HEAD(task_list);
int nr_threads;

void host_reset_rlimits(void)
{
	unsigned int i;

	for (i = 0; i < RLIM_NLIMITS; i++)
		host_signal.rlim[i] = (struct rlimit64){ RLIM64_INFINITY, RLIM64_INFINITY };
	host_signal.rlim[RLIMIT_STACK].rlim_cur = _STK_LIM;
}

__attribute__((constructor)) static void sched_fakes_init(void)
{
	host_reset_rlimits();
	host_cpu_info(0)->curr = &host_task;
}

void schedule(void)
{
	/* As the kernel's: a task about to sleep sends what its plug holds. */
	blk_flush_plug(current->plug, true);
	host_schedule_calls++;
	if (!host_schedule_hook)
		fail_msg("schedule() on the host with nobody else to run: would sleep forever");
	host_schedule_hook();
}

void schedule_timeout_until(u64 deadline)
{
	schedule();
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait, int state)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&wait->entry))
		list_add_tail(&wait->entry, &wq->head);
	wait->task->state = state;
	spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	wait->task->state = TASK_RUNNING;
	list_del_init(&wait->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void wake_up_process(struct task_struct *p)
{
	host_wakeups++;
	p->state = TASK_RUNNING;
}

void wake_up(struct wait_queue_head *wq)
{
	struct wait_queue_entry *e;
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_for_each_entry(e, &wq->head, entry)
		wake_up_process(e->task);
	spin_unlock_irqrestore(&wq->lock, flags);
}

struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name)
{
	fail_msg("kthread_run(\"%s\") on the host: no kernel threads (kswapd_init())", name);
	return NULL;
}

void put_task_struct(struct task_struct *p)
{
	if (__atomic_sub_fetch(&p->usage, 1, __ATOMIC_ACQ_REL) < 0)
		fail_msg("put_task_struct() of pid %d below zero", p->pid);
}

/* The tasks with a SIGKILL pending (kernel/signal.c keeps it in p->pending, a kernel sigset_t). */
#define MAX_KILLED 16
static struct task_struct *killed[MAX_KILLED];

void send_sig_kill(struct task_struct *p)
{
	int i;

	host_kills++;
	if (fatal_signal_pending(p))
		return;
	for (i = 0; i < MAX_KILLED; i++)
		if (!killed[i]) {
			killed[i] = p;
			return;
		}
	fail_msg("more than %d tasks killed at once", MAX_KILLED);
}

bool fatal_signal_pending(struct task_struct *p)
{
	int i;

	for (i = 0; i < MAX_KILLED; i++)
		if (killed[i] == p)
			return true;
	return false;
}

/* The only signal the host tests send is send_sig_kill()'s SIGKILL. */
bool signal_pending(struct task_struct *p)
{
	return fatal_signal_pending(p);
}

/* kernel/pid.c is not built here: descriptor HOST_PIDFD is a pidfd of host_pidfd_task. */
struct task_struct *host_pidfd_task;

struct task_struct *pidfd_get_task(int fd, unsigned int *flags)
{
	if (fd != HOST_PIDFD || !host_pidfd_task)
		return ERR_PTR(-EBADF);
	get_task_struct(host_pidfd_task);
	*flags = 0;
	return host_pidfd_task;
}

void host_clear_kill(struct task_struct *p)
{
	int i;

	for (i = 0; i < MAX_KILLED; i++)
		if (killed[i] == p)
			killed[i] = NULL;
}

u64 sched_clock(void)
{
	return 0;
}
