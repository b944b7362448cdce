/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pidfds (kernel/pid.c): a file that refers to a process, as Linux's
 * pidfd_open() makes them (include/linux/pid.h). Loam has no struct pid:
 * a pidfd holds a reference to the task_struct itself, which outlives the
 * process as long as the file does.
 */
#ifndef LOAM_PID_H
#define LOAM_PID_H

#include <sched.h>

/* pidfd_open()'s flags: Linux's PIDFD_NONBLOCK (O_NONBLOCK) and PIDFD_THREAD (O_EXCL). */
#define PIDFD_NONBLOCK 00004000
#define PIDFD_THREAD 00000200

/*
 * Linux's pidfd_get_task(): the process the pidfd @fd refers to, with a
 * reference (put_task_struct()), its f_flags in *@flags. ERR_PTR(-EBADF)
 * if @fd is no pidfd, ERR_PTR(-ESRCH) once the process has been reaped.
 */
struct task_struct *pidfd_get_task(int fd, unsigned int *flags);

/* @tsk has exited: wake its pidfds' pollers (tasklist_lock held; Linux's do_notify_pidfd()). */
void do_notify_pidfd(struct task_struct *tsk);

#endif
