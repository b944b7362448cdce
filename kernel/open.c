// SPDX-License-Identifier: GPL-2.0
/*
 * openat(), chdir() and fchdir(), as Linux's fs/open.c: the path is copied
 * in (getname()), made absolute (path_at()), looked up (kernel/namei.c:
 * /proc, then the initrd), and the file gets the lowest free descriptor
 * (kernel/file.c). The access mode is checked by read() and write(), not
 * here: O_ACCMODE 3 opens a file for neither, as in Linux.
 */
#include <file.h>
#include <fs.h>
#include <initramfs.h>
#include <namei.h>
#include <readdir.h>
#include <fs_struct.h>
#include <sched.h>
#include <slab.h>
#include <string.h>
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

/* Linux's VALID_OPEN_FLAGS: openat() drops the others (build_open_how()). */
#define VALID_OPEN_FLAGS                                                                       \
	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC | \
	 FASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC |  \
	 __O_SYNC | O_PATH | __O_TMPFILE)
/* What O_PATH keeps (O_PATH_FLAGS): O_PATH beats everything else. */
#define O_PATH_FLAGS (O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC)

/* Linux's build_open_how() of openat()'s flags, O_LARGEFILE added first (force_o_largefile()). */
static unsigned int build_open_how(unsigned int flags)
{
	flags = (flags | O_LARGEFILE) & VALID_OPEN_FLAGS;
	return flags & O_PATH ? flags & O_PATH_FLAGS : flags;
}

long sys_openat(long udfd, const char __user *filename, long uflags, long mode)
{
	unsigned int flags = build_open_how(uflags);
	int dfd = udfd, fd, err;
	struct file *f = NULL;
	char *path;
	long len;

	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	len = getname(path, filename);
	err = len < 0 ? len : path_at(dfd, path);
	if (!err)
		f = do_filp_open(path, flags, &err);
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

/* Linux's set_fs_pwd() after the checks: @path (absolute, a directory) normalised. */
static int chdir_to(char *path)
{
	path_normalize(path);
	return set_fs_pwd(path);
}

long sys_chdir(const char __user *filename)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	struct file *f = NULL;
	long len;
	int err;

	if (!path)
		return -ENOMEM;
	len = getname(path, filename);
	err = len < 0 ? len : path_at(AT_FDCWD, path);
	/* Linux's user_path_at(LOOKUP_DIRECTORY): what is not a directory is -ENOTDIR. */
	if (!err)
		f = do_filp_open(path, O_RDONLY | O_DIRECTORY, &err);
	if (f) {
		fput(f);
		err = chdir_to(path);
	}
	kfree(path);
	return err;
}

long sys_fchdir(unsigned long fd)
{
	struct file *f = fget((unsigned int)fd);
	const char *dir = f ? dir_file_path(f) : NULL;
	char *path;
	long err;

	if (!f)
		return -EBADF;
	if (!dir)
		return -ENOTDIR;
	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	strlcpy(path, dir, PATH_MAX);
	err = chdir_to(path);
	kfree(path);
	return err;
}
