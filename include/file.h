/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Open files (kernel/procfs.c): for now only the /proc reports, each a
 * snapshot taken at open. A task's descriptor table is a small array in
 * its task_struct; 0, 1 and 2 are always the console (kernel/sys.c).
 */
#ifndef LOAM_FILE_H
#define LOAM_FILE_H

#include <types.h>

/* Descriptors per task (Linux's RLIMIT_NOFILE is 1024; -EMFILE past this). */
#define NR_OPEN 16

struct file;
struct task_struct;

/* clone: @child gets @parent's descriptors, sharing the open files as dup() does. */
void dup_fd(struct task_struct *child, struct task_struct *parent);
/* exec: close the descriptors opened with O_CLOEXEC. */
void do_close_on_exec(struct task_struct *tsk);
/* exit: close every descriptor. */
void exit_files(struct task_struct *tsk);
/* read() and write() of a descriptor above 2. */
long file_read(unsigned int fd, char *buf, size_t count);
long file_write(unsigned int fd, const char *buf, size_t count);

#endif
