/* SPDX-License-Identifier: GPL-2.0 */
/* The host's scheduler (sched_fakes.c): what the tests see of it. */
#ifndef SCHED_FAKES_H
#define SCHED_FAKES_H

#include <sched.h>
#include <sched/signal.h>

/* The test thread's task: CPU 0's current; its limits (current->signal). */
extern struct task_struct host_task;
extern struct signal_struct host_signal;
/*
 * host_signal back to Linux's defaults for the limits mm/mmap.c checks:
 * RLIMIT_STACK 8 MiB soft, everything else unlimited.
 */
void host_reset_rlimits(void);
/* Called by schedule() instead of failing the test: plays whoever would run. */
extern void (*host_schedule_hook)(void);
/* The SIGKILL send_sig_kill() left pending for @p is taken back (@p died, or the test is done). */
void host_clear_kill(struct task_struct *p);
/* pidfd_get_task() of HOST_PIDFD gives host_pidfd_task (NULL: -EBADF, as any other fd). */
#define HOST_PIDFD 3
extern struct task_struct *host_pidfd_task;
/* schedule() calls, wake_up_process() calls and send_sig_kill() calls so far. */
extern unsigned long host_schedule_calls, host_wakeups, host_kills;

#endif
