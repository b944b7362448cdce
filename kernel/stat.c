// SPDX-License-Identifier: GPL-2.0
/*
 * fstat(), newfstatat() and readlinkat(), as Linux's fs/stat.c. A file's
 * attributes come from its getattr (struct kstat, <fs.h>); a path names a
 * created file (kernel/libfs.c), a /proc report (kernel/procfs.c) or a
 * member of the initrd. Loam keeps no times, inode numbers, file-system
 * device numbers (st_dev) or owners: those fields are 0 (owners: root's).
 */
#include <file.h>
#include <fs.h>
#include <fs_struct.h>
#include <initramfs.h>
#include <namei.h>
#include <kernel.h>
#include <libfs.h>
#include <sched.h>
#include <slab.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* newfstatat()'s flags (Linux's include/uapi/linux/fcntl.h) */
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000
#define AT_STATX_SYNC_TYPE 0x6000

/* The initrd's files, as the unpacked initramfs (ramfs) shows them: PAGE_SIZE blocks. */
#define RAMFS_BLKSIZE 4096

/* The user's struct stat (Linux's asm-generic/stat.h, riscv64's): 128 bytes. */
struct stat {
	unsigned long st_dev, st_ino;
	unsigned int st_mode, st_nlink, st_uid, st_gid;
	unsigned long st_rdev, __pad1;
	long st_size;
	int st_blksize, __pad2;
	long st_blocks;
	long st_atime;
	unsigned long st_atime_nsec;
	long st_mtime;
	unsigned long st_mtime_nsec;
	long st_ctime;
	unsigned long st_ctime_nsec;
	unsigned int __unused4, __unused5;
};

_Static_assert(sizeof(struct stat) == 128, "asm-generic struct stat");

/*
 * Linux's cp_new_stat(): st_blocks in 512-byte units, what the file holds
 * (a shmem file's pages) or, for a getattr that says nothing, its size.
 */
static long cp_new_stat(const struct kstat *stat, void __user *statbuf)
{
	struct stat tmp = {
		.st_mode = stat->mode,
		.st_nlink = stat->nlink,
		.st_rdev = stat->rdev,
		.st_size = stat->size,
		.st_blksize = stat->blksize,
		.st_blocks = stat->blocks >= 0 ? stat->blocks : (stat->size + 511) / 512,
	};

	return copy_to_user(statbuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

/* The attributes of descriptor @fd, or -EBADF. */
static int vfs_fstat(unsigned int fd, struct kstat *stat)
{
	struct file *f = fget_raw(fd);

	if (!f)
		return -EBADF;
	stat->blocks = -1;
	f->f_op->getattr(f, stat);
	return 0;
}

/*
 * The attributes of @path: a file created in a writable directory (or /tmp,
 * kernel/libfs.c), a /proc report, else an initrd member (its cpio mode and
 * size; a directory has 2 links, Linux's ramfs counts its subdirectories
 * too).
 */
static int vfs_stat_path(const char *path, struct kstat *stat)
{
	struct initrd_file member;
	int err;

	stat->blocks = -1;
	err = libfs_getattr(path, stat);
	if (err != -ENOENT)
		return err;
	/* Past a report (-ENOTDIR) there is nothing in the initrd either. */
	err = proc_getattr(path, stat);
	if (!err || err == -ENOTDIR)
		return err;
	err = initrd_lookup(path, &member);
	if (err)
		return err;
	stat->mode = member.mode;
	stat->nlink = S_ISDIR(member.mode) ? 2 : 1;
	stat->size = S_ISDIR(member.mode) ? 0 : member.size;
	stat->blksize = RAMFS_BLKSIZE;
	return 0;
}

long sys_fstat(unsigned long fd, void __user *statbuf)
{
	struct kstat stat = { 0 };
	int err = vfs_fstat(fd, &stat);

	return err ?: cp_new_stat(&stat, statbuf);
}

long sys_newfstatat(long udfd, const char __user *filename, void __user *statbuf, long uflag)
{
	unsigned int flag = uflag;
	struct kstat stat = { 0 };
	int dfd = udfd;
	char *path;
	long len;
	int err;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	len = getname(path, filename);
	/* "" with AT_EMPTY_PATH: @dfd itself (the working directory for AT_FDCWD). */
	if (len == -ENOENT && (flag & AT_EMPTY_PATH)) {
		len = 0;
		if (dfd == AT_FDCWD)
			strlcpy(path, current_pwd(), PATH_MAX);
	}
	err = len < 0 ? len : 0;
	if (!err && !len && dfd != AT_FDCWD)
		err = vfs_fstat(dfd, &stat);
	else if (!err)
		err = path_at(dfd, path) ?: vfs_stat_path(path, &stat);
	kfree(path);
	return err ?: cp_new_stat(&stat, statbuf);
}

/*
 * Linux's do_readlinkat(): the only link there is, /proc/self/exe; any
 * other file is not a link (-EINVAL).
 */
long sys_readlinkat(long udfd, const char __user *pathname, char __user *buf, long bufsiz)
{
	struct initrd_file member;
	int dfd = udfd, len = bufsiz;
	char *path;
	long err;

	if (len <= 0)
		return -EINVAL;
	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	err = getname(path, pathname);
	if (err >= 0)
		err = path_at(dfd, path);
	if (!err)
		err = proc_readlink(path, buf, len);
	if (err == -ENOENT) {
		struct kstat stat;

		err = libfs_getattr(path, &stat);
		if (err == -ENOENT)
			err = initrd_lookup(path, &member);
		err = err ?: -EINVAL;
	}
	kfree(path);
	return err;
}
