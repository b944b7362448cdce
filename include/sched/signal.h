/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A process's shared state, Linux's struct signal_struct
 * (include/linux/sched/signal.h): its resource limits, which Linux keeps
 * here, not in the mm, and its process group, session and controlling
 * terminal. A task gets its own copy of its parent's at clone (Linux shares
 * it only between the threads of a CLONE_THREAD group, which Loam does not
 * create: a vfork child gets a copy too), keeps it across execve, and frees
 * it with its task_struct. Kernel threads start from init_signals, Linux's
 * INIT_RLIMITS, in process group and session 0 (Linux's init_struct_pid).
 */
#ifndef LOAM_SCHED_SIGNAL_H
#define LOAM_SCHED_SIGNAL_H

#include <sched.h>
#include <uapi/mman.h>

struct tty_struct;

struct signal_struct {
	/*
	 * Indexed by RLIMIT_*. DATA, STACK, AS and NOFILE are enforced, the
	 * others kept for prlimit64. Only the task itself changes them
	 * (prlimit64 of another pid is -ESRCH), so they are read and written
	 * without a lock.
	 */
	struct rlimit64 rlim[RLIM_NLIMITS];
	/*
	 * The process group and session ids (Linux keeps struct pids,
	 * pids[PIDTYPE_PGID] and pids[PIDTYPE_SID]; Loam's pids are never
	 * reused while a group may name them, see sys_setpgid()); leader: this
	 * process made the session (setsid(), Linux's signal->leader); tty:
	 * the controlling terminal, NULL if none. All under tasklist_lock.
	 */
	int pgrp, session;
	bool leader;
	struct tty_struct *tty;
};

/* The limits of the idle tasks, and what every kernel thread starts with (kernel/fork.c). */
extern struct signal_struct init_signals;

/* The soft limit of @limit (RLIMIT_*) for @task, in bytes for the memory limits. */
static inline unsigned long task_rlimit(const struct task_struct *task, unsigned int limit)
{
	return READ_ONCE(task->signal->rlim[limit].rlim_cur);
}

/* The hard limit of @limit for @task: the most prlimit64 may raise the soft one to. */
static inline unsigned long task_rlimit_max(const struct task_struct *task, unsigned int limit)
{
	return READ_ONCE(task->signal->rlim[limit].rlim_max);
}

/* The calling task's soft limit of @limit (Linux's rlimit()). */
static inline unsigned long rlimit(unsigned int limit)
{
	return task_rlimit(current, limit);
}

/* The calling task's hard limit of @limit (Linux's rlimit_max()). */
static inline unsigned long rlimit_max(unsigned int limit)
{
	return task_rlimit_max(current, limit);
}

/*
 * Linux's copy_signal() for what Loam keeps: a new signal_struct for @p
 * with @from's limits (the parent's at clone, init_signals for a kernel
 * thread). 0, or -ENOMEM.
 */
int copy_signal(struct task_struct *p, const struct signal_struct *from);
/*
 * Make @p (init, before it runs) the leader of a new session and process
 * group of its own, with @tty as its controlling terminal (see kernel/setup.c).
 */
void set_special_pids(struct task_struct *p, struct tty_struct *tty);
/* Free @p's signal_struct with its task_struct (free_task()). */
void free_signal_struct(struct task_struct *p);

/*
 * prlimit64's work on @tsk (kernel/sys.c): store the old limit in
 * @old_rlim (if non-NULL), then set @new_rlim (if non-NULL). -EINVAL for an unknown resource
 * or cur > max, -EPERM for an RLIMIT_NOFILE above fs.nr_open. (Raising a
 * hard limit needs CAP_SYS_RESOURCE, which every Loam task has.)
 */
int do_prlimit(struct task_struct *tsk, unsigned int resource, const struct rlimit64 *new_rlim,
	       struct rlimit64 *old_rlim);

#endif
