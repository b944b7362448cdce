// SPDX-License-Identifier: GPL-2.0
/*
 * openat(), chdir() and fchdir(), as Linux's fs/open.c: the path is copied
 * in (getname()), made absolute (path_at()), looked up (kernel/namei.c:
 * the files created in /tmp and the initrd's directories, /proc, then the
 * initrd), and the file gets the lowest free descriptor (kernel/file.c).
 * The access mode is checked by read() and write(), not here: O_ACCMODE 3
 * opens a file for neither, as in Linux. ftruncate() and fallocate() too.
 */
#include <file.h>
#include <fs.h>
#include <fs_struct.h>
#include <initramfs.h>
#include <namei.h>
#include <readdir.h>
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
		f = do_filp_open(path, flags, mode, &err);
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
		f = do_filp_open(path, O_RDONLY | O_DIRECTORY, 0, &err);
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

/* Linux's MAX_LFS_FILESIZE on 64 bits (s_maxbytes of every Loam file). */
#define MAX_LFS_FILESIZE 0x7fffffffffffffffL

/* The fallocate() modes Linux knows (FALLOC_FL_SUPPORTED_MASK, linux/falloc.h). */
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#define FALLOC_FL_ZERO_RANGE 0x10
#define FALLOC_FL_INSERT_RANGE 0x20
#define FALLOC_FL_UNSHARE_RANGE 0x40
#define FALLOC_FL_SUPPORTED_MASK                                                 \
	(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | FALLOC_FL_COLLAPSE_RANGE | \
	 FALLOC_FL_ZERO_RANGE | FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE)

/*
 * vfs_fallocate()'s checks of the mode alone: which modes go together.
 * Only a file's fallocate method knows which of them it can do.
 */
static int fallocate_check_mode(int mode)
{
	if (mode & ~FALLOC_FL_SUPPORTED_MASK)
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && (mode & FALLOC_FL_ZERO_RANGE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_COLLAPSE_RANGE) && (mode & ~FALLOC_FL_COLLAPSE_RANGE))
		return -EINVAL;
	if ((mode & FALLOC_FL_INSERT_RANGE) && (mode & ~FALLOC_FL_INSERT_RANGE))
		return -EINVAL;
	if ((mode & FALLOC_FL_UNSHARE_RANGE) &&
	    (mode & ~(FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_KEEP_SIZE)))
		return -EINVAL;
	return 0;
}

/*
 * Linux's do_sys_ftruncate(): only a regular file open for writing whose
 * kind can change its size (a shmem file) is resized; any other is
 * -EINVAL, a negative length too.
 */
long sys_ftruncate(unsigned long fd, long length)
{
	struct file *f;

	if (length < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (!f->f_op->truncate || !(f->f_mode & FMODE_WRITE))
		return -EINVAL;
	return f->f_op->truncate(f, length);
}

/*
 * Linux's vfs_fallocate() checks, in its order: the range, the mode, the
 * access, the kind of file (a pipe -ESPIPE, another that is not regular
 * -ENODEV, as a character device), the end within MAX_LFS_FILESIZE, then
 * the file's method (none: -EOPNOTSUPP).
 */
long sys_fallocate(unsigned long fd, long umode, long offset, long len)
{
	struct file *f = fget(fd);
	struct kstat stat = { 0 };
	int mode = umode, err;

	if (!f)
		return -EBADF;
	if (offset < 0 || len <= 0)
		return -EINVAL;
	err = fallocate_check_mode(mode);
	if (err)
		return err;
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	f->f_op->getattr(f, &stat);
	if (S_ISFIFO(stat.mode))
		return -ESPIPE;
	if (!S_ISREG(stat.mode))
		return -ENODEV;
	if (len > MAX_LFS_FILESIZE - offset)
		return -EFBIG;
	if (!f->f_op->fallocate)
		return -EOPNOTSUPP;
	return f->f_op->fallocate(f, mode, offset, len);
}
