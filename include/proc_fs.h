/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The /proc files beyond the memory reports (Linux's fs/proc/internal.h):
 * each process's stat and cmdline (kernel/proc_array.c), and the system's
 * uptime, loadavg and stat (kernel/proc_stat.c). kernel/procfs.c lists
 * them and renders them at open.
 */
#ifndef LOAM_PROC_FS_H
#define LOAM_PROC_FS_H

struct seq_buf;
struct task_struct;

/*
 * The task of @pid with a reference (put_task_struct() when done), or NULL
 * (Linux's get_proc_task()): zombies and kernel threads too (kernel/procfs.c).
 */
struct task_struct *get_proc_task(int pid);
/* /proc/PID/stat, Linux's do_task_stat() line (fs/proc/array.c). */
void proc_pid_stat(struct seq_buf *m, struct task_struct *task);
/* /proc/PID/cmdline: the arguments, each ending in NUL; empty for a kernel thread or zombie. */
void proc_pid_cmdline(struct seq_buf *m, struct task_struct *task);
/* /proc/uptime: seconds since boot and the CPUs' idle seconds (Linux's fs/proc/uptime.c). */
void uptime_show(struct seq_buf *m);
/* /proc/loadavg (Linux's fs/proc/loadavg.c). */
void loadavg_show(struct seq_buf *m);
/* /proc/stat (Linux's fs/proc/stat.c show_stat()). */
void proc_stat_show(struct seq_buf *m);

#endif
