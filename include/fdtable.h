/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Descriptor tables, as Linux's include/linux/fdtable.h: a task's
 * descriptors are a table of pointers to open files (struct file, <fs.h>)
 * that grows on demand up to RLIMIT_NOFILE (kernel/file.c); descriptors
 * made by dup() or inherited across clone share one struct file, and its
 * offset.
 */
#ifndef LOAM_FDTABLE_H
#define LOAM_FDTABLE_H

#include <types.h>

/* Descriptors held in the files_struct itself before the table grows (BITS_PER_LONG). */
#define NR_OPEN_DEFAULT 64

struct file;
struct task_struct;

/*
 * A task's descriptors: fd[i] is descriptor i's file or NULL, close_on_exec
 * one bit each. fd points at fd_array until more than NR_OPEN_DEFAULT are
 * needed (Linux's expand_files()). Only the owning task touches its table.
 */
struct files_struct {
	unsigned int max_fds;
	struct file **fd;
	unsigned long *close_on_exec;
	struct file *fd_array[NR_OPEN_DEFAULT];
	unsigned long close_on_exec_init[1];
};

/* An empty table for a task that has none (init, before the console is opened). */
struct files_struct *alloc_files(void);
/* clone: a copy of @oldf (NULL: empty) sharing its open files, as Linux's dup_fd(). */
struct files_struct *dup_fd(struct files_struct *oldf);
/* exec: close the descriptors marked close-on-exec. */
void do_close_on_exec(struct task_struct *tsk);
/* Close every descriptor of @files and free it (a table no task uses). */
void put_files_struct(struct files_struct *files);
/* exit: close every descriptor, free the table. */
void exit_files(struct task_struct *tsk);

#endif
