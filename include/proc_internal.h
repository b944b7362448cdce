/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The /proc/PID/ files of a task other than the caller's maps, and the
 * system's uptime, loadavg and stat (Linux's fs/proc/internal.h), for
 * kernel/procfs.c.
 */
#ifndef LOAM_PROC_INTERNAL_H
#define LOAM_PROC_INTERNAL_H

#include <seq_buf.h>

struct task_struct;

/* /proc/PID/status of @task (a reference held): kernel/array.c, Linux's proc_pid_status(). */
void proc_pid_status(struct seq_buf *m, struct task_struct *task);
/* /proc/PID/stat: kernel/array.c, Linux's do_task_stat() line. */
void proc_pid_stat(struct seq_buf *m, struct task_struct *task);
/* /proc/PID/cmdline: kernel/base.c; the arguments, each ending in NUL; empty without an mm. */
void proc_pid_cmdline(struct seq_buf *m, struct task_struct *task);
/*
 * /proc/PID/mem opened on @task's mm (a reference held; kernel/base.c,
 * Linux's mem_open()): reads and writes at the offset's address, as
 * ptrace. NULL with *@err set if it cannot be.
 */
struct file;
struct file *proc_mem_open(struct task_struct *task, unsigned int flags, int *err);
/* /proc/uptime: seconds since boot and the CPUs' idle seconds (kernel/proc_stat.c). */
void uptime_show(struct seq_buf *m);
/* /proc/loadavg (kernel/proc_stat.c, Linux's fs/proc/loadavg.c). */
void loadavg_show(struct seq_buf *m);
/* /proc/stat (kernel/proc_stat.c, Linux's fs/proc/stat.c show_stat()). */
void proc_stat_show(struct seq_buf *m);

#endif
