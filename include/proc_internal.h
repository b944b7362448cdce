/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The /proc/PID/ files of a task other than the caller's maps (Linux's
 * fs/proc/internal.h), for kernel/procfs.c.
 */
#ifndef LOAM_PROC_INTERNAL_H
#define LOAM_PROC_INTERNAL_H

#include <seq_buf.h>

struct task_struct;

/* /proc/PID/status of @task (a reference held): kernel/array.c, Linux's proc_pid_status(). */
void proc_pid_status(struct seq_buf *m, struct task_struct *task);

#endif
