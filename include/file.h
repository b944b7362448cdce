/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The current task's descriptors, as Linux's include/linux/file.h: looking
 * one up, allocating and installing one, close-on-exec; and the openers of
 * the files there are (/proc reports, the console). The table itself is
 * <fdtable.h>'s, the open files <fs.h>'s.
 */
#ifndef LOAM_FILE_H
#define LOAM_FILE_H

#include <fs.h>
#include <types.h>

/* The largest RLIMIT_NOFILE (Linux's default fs.nr_open, fs/file.c sysctl_nr_open). */
#define NR_OPEN_MAX (1024 * 1024)

struct file;

/*
 * The file behind the current task's descriptor @fd, or NULL (no reference
 * taken). fget() does not see O_PATH files (Linux's __fget(fd, FMODE_PATH)):
 * the calls that do I/O use it; fget_raw() sees every file, for close, dup,
 * fcntl, fstat and a directory descriptor.
 */
struct file *fget(unsigned int fd);
struct file *fget_raw(unsigned int fd);
/* The lowest free descriptor of the current task, or -EMFILE (O_CLOEXEC in @flags). */
int get_unused_fd_flags(unsigned int flags);
/* Put @f (its reference passes to the table) at @fd, from get_unused_fd_flags(). */
void fd_install(unsigned int fd, struct file *f);
/*
 * Linux's put_unused_fd(): @fd, from get_unused_fd_flags(), is free again.
 * Loam's get_unused_fd_flags() marks nothing, so a caller that needs two
 * descriptors (pipe2) holds the first with fd_install() while it takes the
 * second, and gives it back with this (the file stays the caller's).
 */
void put_unused_fd(unsigned int fd);
/*
 * The two new files of pipe2() and socketpair() into the two lowest free
 * descriptors (O_CLOEXEC in @flags), whose numbers go to the user's @ufd;
 * 0, or -EMFILE or -EFAULT with both descriptors free again and both files
 * released. Each file's reference passes to its descriptor or is dropped.
 */
int fd_install_pair(struct file *files[2], int __user *ufd, unsigned int flags);
/* fcntl's helpers (kernel/file.c): F_DUPFD from @from, and the close-on-exec bit of @fd. */
long f_dupfd(unsigned int from, struct file *f, unsigned int flags);
bool get_close_on_exec(unsigned int fd);
void __set_close_on_exec(unsigned int fd, bool on);
/*
 * The /proc report at @path opened (kernel/procfs.c), or /proc/self/pagemap
 * (kernel/task_mmu.c) or /proc/PID/mem (kernel/base.c); NULL with *@err set.
 */
struct file *proc_open(const char *path, unsigned int flags, int *err);
/*
 * readlink() of a /proc path (Linux's proc_pid_readlink()): /proc/self/exe
 * copies the program's path, at most @buflen bytes, no NUL; its length.
 * Another /proc file is -EINVAL (not a link); a path /proc does not have
 * is -ENOENT. kernel/procfs.c.
 */
long proc_readlink(const char *path, char __user *buf, int buflen);
/*
 * stat() of a /proc path (kernel/procfs.c): 0, or the walk's errno: -ENOENT,
 * -ENOTDIR past a report, -EISDIR for /, /proc and /proc/self (not reports).
 */
int proc_getattr(const char *path, struct kstat *stat);
/* The console as an open file (kernel/tty.c), for init's descriptors 0-2. */
struct file *tty_open(unsigned int flags);

#endif
