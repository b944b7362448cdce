/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Descriptor tables, as Linux's include/linux/file.h and
 * include/linux/fdtable.h: a task's descriptors are a table of pointers to
 * open files (struct file, <fs.h>; struct files_struct, kernel/file.c) that
 * grows on demand up to RLIMIT_NOFILE; descriptors made by dup() or
 * inherited across clone share one struct file, and its offset.
 */
#ifndef LOAM_FILE_H
#define LOAM_FILE_H

#include <types.h>

/* The largest RLIMIT_NOFILE (Linux's default fs.nr_open, fs/file.c sysctl_nr_open). */
#define NR_OPEN_MAX (1024 * 1024)
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

/* The file behind the current task's descriptor @fd, or NULL (no reference taken). */
struct file *fget(unsigned int fd);
/* The lowest free descriptor of the current task, or -EMFILE (O_CLOEXEC in @flags). */
int get_unused_fd_flags(unsigned int flags);
/* Put @f (its reference passes to the table) at @fd, from get_unused_fd_flags(). */
void fd_install(unsigned int fd, struct file *f);
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
/* fcntl's helpers (kernel/file.c): F_DUPFD from @from, and the close-on-exec bit of @fd. */
long f_dupfd(unsigned int from, struct file *f, unsigned int flags);
bool get_close_on_exec(unsigned int fd);
void __set_close_on_exec(unsigned int fd, bool on);
/* The /proc report at @path opened (kernel/procfs.c), or NULL with *@err set. */
struct file *proc_open(const char *path, unsigned int flags, int *err);
/* The console as an open file (kernel/tty.c), for init's descriptors 0-2. */
struct file *tty_open(unsigned int flags);

#endif
