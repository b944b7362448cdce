// SPDX-License-Identifier: GPL-2.0
/*
 * openat(), as Linux's fs/open.c: the path is copied in (getname()), looked
 * up (the /proc reports are the only files there are, kernel/procfs.c), and
 * the file gets the lowest free descriptor (kernel/file.c). The access mode
 * is checked by read() and write(), not here: O_ACCMODE 3 opens a file for
 * neither, as in Linux.
 */
#include <file.h>
#include <fs.h>
#include <initramfs.h>
#include <sched.h>
#include <slab.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

long getname(char *buf, const char __user *filename)
{
	long len = strncpy_from_user(buf, filename, PATH_MAX);

	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	return len ? len : -ENOENT;
}

long sys_openat(long udfd, const char __user *filename, long uflags, long mode)
{
	/* Linux's openat() on a 64-bit machine: every file is a large file (force_o_largefile()). */
	unsigned int flags = uflags | O_LARGEFILE;
	int dfd = udfd, fd, err;
	struct file *f = NULL;
	char *path;
	long len;

	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	len = getname(path, filename);
	err = len < 0 ? len : 0;
	/* Relative to another descriptor: none is a directory. */
	if (!err && path[0] != '/' && dfd != AT_FDCWD)
		err = fget(dfd) ? -ENOTDIR : -EBADF;
	if (!err)
		f = proc_open(path, flags, &err);
	kfree(path);
	if (err)
		return err;
	fd = get_unused_fd_flags(flags);
	if (fd < 0) {
		fput(f);
		return fd;
	}
	fd_install(fd, f);
	return fd;
}
