// SPDX-License-Identifier: GPL-2.0
/*
 * Descriptor tables, as Linux's fs/file.c: a task's descriptors point at
 * open files (struct file, shared by dup() and across clone, counted);
 * the table starts with NR_OPEN_DEFAULT slots inside the files_struct and
 * grows in powers of two (expand_files()) as far as RLIMIT_NOFILE allows.
 * New descriptors are the lowest free ones. close(), dup() and dup3() are
 * here, as in Linux; a struct file's own life is kernel/file_table.c's.
 * Every task has its own table (no CLONE_FILES), and only that task
 * touches it: no lock is needed around the table itself.
 */
#include <fdtable.h>
#include <file.h>
#include <fs.h>
#include <kernel.h>
#include <mmap.h>
#include <sched.h>
#include <sched/signal.h>
#include <slab.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define BITS_PER_LONG 64

struct file *fget_raw(unsigned int fd)
{
	struct files_struct *files = current->files;

	return files && fd < files->max_fds ? files->fd[fd] : NULL;
}

struct file *fget(unsigned int fd)
{
	struct file *f = fget_raw(fd);

	return f && !(f->f_mode & FMODE_PATH) ? f : NULL;
}

static bool close_on_exec(struct files_struct *files, unsigned int fd)
{
	return files->close_on_exec[fd / BITS_PER_LONG] & (1UL << (fd % BITS_PER_LONG));
}

static void set_close_on_exec(struct files_struct *files, unsigned int fd, bool on)
{
	unsigned long bit = 1UL << (fd % BITS_PER_LONG);

	if (on)
		files->close_on_exec[fd / BITS_PER_LONG] |= bit;
	else
		files->close_on_exec[fd / BITS_PER_LONG] &= ~bit;
}

static void init_files(struct files_struct *files)
{
	memset(files, 0, sizeof(*files));
	files->max_fds = NR_OPEN_DEFAULT;
	files->fd = files->fd_array;
	files->close_on_exec = files->close_on_exec_init;
}

struct files_struct *alloc_files(void)
{
	struct files_struct *files = kmalloc(sizeof(*files), GFP_KERNEL);

	if (files)
		init_files(files);
	return files;
}

/* Linux's expand_fdtable(): room for descriptor @nr, in a table of a power of two. */
static int expand_fdtable(struct files_struct *files, unsigned int nr)
{
	unsigned int nfds = files->max_fds, words;
	unsigned long *bits;
	struct file **fd;

	while (nfds <= nr)
		nfds *= 2;
	words = nfds / BITS_PER_LONG;
	fd = kzalloc(nfds * sizeof(*fd), GFP_KERNEL);
	bits = kzalloc(words * sizeof(*bits), GFP_KERNEL);
	if (!fd || !bits) {
		kfree(fd);
		kfree(bits);
		return -ENOMEM;
	}
	memcpy(fd, files->fd, files->max_fds * sizeof(*fd));
	memcpy(bits, files->close_on_exec, files->max_fds / BITS_PER_LONG * sizeof(*bits));
	if (files->fd != files->fd_array) {
		kfree(files->fd);
		kfree(files->close_on_exec);
	}
	files->fd = fd;
	files->close_on_exec = bits;
	files->max_fds = nfds;
	return 0;
}

/* Linux's expand_files(): make descriptor @nr fit, -EMFILE past nr_open. */
static int expand_files(struct files_struct *files, unsigned int nr)
{
	if (nr < files->max_fds)
		return 0;
	if (nr >= NR_OPEN_MAX)
		return -EMFILE;
	return expand_fdtable(files, nr);
}

static unsigned int nofile_limit(void)
{
	return min(rlimit(RLIMIT_NOFILE), (unsigned long)NR_OPEN_MAX);
}

/* Linux's alloc_fd(): the lowest free descriptor in [@start, @end). */
static int alloc_fd(unsigned int start, unsigned int end, unsigned int flags)
{
	struct files_struct *files = current->files;
	unsigned int fd;
	int err;

	if (!files)
		return -EMFILE;
	for (fd = start; fd < files->max_fds && files->fd[fd]; fd++)
		;
	if (fd >= end)
		return -EMFILE;
	err = expand_files(files, fd);
	if (err)
		return err;
	set_close_on_exec(files, fd, flags & O_CLOEXEC);
	return fd;
}

int get_unused_fd_flags(unsigned int flags)
{
	return alloc_fd(0, nofile_limit(), flags);
}

void fd_install(unsigned int fd, struct file *f)
{
	current->files->fd[fd] = f;
}

void put_unused_fd(unsigned int fd)
{
	current->files->fd[fd] = NULL;
	set_close_on_exec(current->files, fd, false);
}

int fd_install_pair(struct file *files[2], int __user *ufd, unsigned int flags)
{
	int fd[2], err;

	err = fd[0] = get_unused_fd_flags(flags);
	if (fd[0] >= 0) {
		fd_install(fd[0], files[0]);
		err = fd[1] = get_unused_fd_flags(flags);
		if (fd[1] >= 0 && copy_to_user(ufd, fd, sizeof(fd)))
			err = -EFAULT;
		if (err >= 0) {
			fd_install(fd[1], files[1]);
			return 0;
		}
		put_unused_fd(fd[0]);
	}
	fput(files[0]);
	fput(files[1]);
	return err;
}

static void filp_close(struct files_struct *files, unsigned int fd)
{
	struct file *f = files->fd[fd];

	files->fd[fd] = NULL;
	set_close_on_exec(files, fd, false);
	fput(f);
}

struct files_struct *dup_fd(struct files_struct *oldf)
{
	struct files_struct *newf = alloc_files();
	unsigned int fd;

	if (!newf || !oldf)
		return newf;
	if (oldf->max_fds > NR_OPEN_DEFAULT && expand_fdtable(newf, oldf->max_fds - 1)) {
		kfree(newf);
		return NULL;
	}
	for (fd = 0; fd < oldf->max_fds; fd++) {
		newf->fd[fd] = oldf->fd[fd];
		if (newf->fd[fd])
			get_file(newf->fd[fd]);
	}
	memcpy(newf->close_on_exec, oldf->close_on_exec,
	       oldf->max_fds / BITS_PER_LONG * sizeof(unsigned long));
	return newf;
}

void do_close_on_exec(struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;
	unsigned int fd;

	for (fd = 0; files && fd < files->max_fds; fd++)
		if (files->fd[fd] && close_on_exec(files, fd))
			filp_close(files, fd);
}

void put_files_struct(struct files_struct *files)
{
	unsigned int fd;

	for (fd = 0; fd < files->max_fds; fd++)
		if (files->fd[fd])
			filp_close(files, fd);
	if (files->fd != files->fd_array) {
		kfree(files->fd);
		kfree(files->close_on_exec);
	}
	kfree(files);
}

void exit_files(struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;

	task_lock(tsk);
	tsk->files = NULL;
	task_unlock(tsk);
	if (files)
		put_files_struct(files);
}

long sys_close(unsigned long ufd)
{
	unsigned int fd = ufd;

	if (!fget_raw(fd))
		return -EBADF;
	filp_close(current->files, fd);
	return 0;
}

/* Linux's do_dup2(): @newfd (made to fit) becomes @f, closing what it was. */
static long do_dup2(struct file *f, unsigned int newfd, unsigned int flags)
{
	struct files_struct *files = current->files;
	struct file *old = files->fd[newfd];

	get_file(f);
	files->fd[newfd] = f;
	set_close_on_exec(files, newfd, flags & O_CLOEXEC);
	if (old)
		fput(old);
	return newfd;
}

long sys_dup3(unsigned long uoldfd, unsigned long unewfd, unsigned long uflags)
{
	unsigned int oldfd = uoldfd, newfd = unewfd, flags = uflags;
	struct file *f;
	int err;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd >= nofile_limit())
		return -EBADF;
	f = fget_raw(oldfd);
	if (!f)
		return -EBADF;
	err = expand_files(current->files, newfd);
	if (err)
		return err == -EMFILE ? -EBADF : err;
	return do_dup2(f, newfd, flags);
}

long sys_dup(unsigned long ufd)
{
	struct file *f = fget_raw(ufd);
	int fd;

	if (!f)
		return -EBADF;
	fd = get_unused_fd_flags(0);
	if (fd >= 0) {
		get_file(f);
		fd_install(fd, f);
	}
	return fd;
}

/* Linux's f_dupfd() (fcntl F_DUPFD): the lowest free descriptor from @from. */
long f_dupfd(unsigned int from, struct file *f, unsigned int flags)
{
	unsigned int limit = nofile_limit();
	int fd;

	if (from >= limit)
		return -EINVAL;
	fd = alloc_fd(from, limit, flags);
	if (fd >= 0) {
		get_file(f);
		fd_install(fd, f);
	}
	return fd;
}

/* fcntl F_GETFD and F_SETFD: the close-on-exec flag of @fd (an open descriptor). */
bool get_close_on_exec(unsigned int fd)
{
	return close_on_exec(current->files, fd);
}

void __set_close_on_exec(unsigned int fd, bool on)
{
	set_close_on_exec(current->files, fd, on);
}
