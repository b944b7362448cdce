// SPDX-License-Identifier: GPL-2.0
/*
 * Directories open as files, and getdents64(), as Linux's fs/readdir.c:
 * the directory's entries ("." and ".." first, then its own) are passed
 * to filldir64(), which packs them as struct linux_dirent64 into the
 * user's buffer until it is full; the file's offset counts the entries
 * given, so the next call goes on where this one stopped (and lseek(fd, 0,
 * SEEK_SET) starts again, rewinddir()). Loam's directories have no inode
 * numbers: d_ino is the entry's position + 1 (Linux's readdir callers
 * skip d_ino 0 entries), d_off the position of the next one.
 */
#include <file.h>
#include <fs.h>
#include <initramfs.h>
#include <kernel.h>
#include <libfs.h>
#include <namei.h>
#include <readdir.h>
#include <slab.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* An open directory: its absolute path (kernel/namei.c normalised it). */
struct dir_file {
	struct file file;
	char path[];
};

/* Linux's struct linux_dirent64 (include/linux/dirent.h): the name follows, NUL-terminated. */
struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* filldir64()'s state: where the next record goes, and the room left. */
struct getdents_callback64 {
	struct dir_context ctx;
	char __user *current_dir;
	long count;
	int error;
};

/* Linux's filldir64(): one record, 8-byte aligned; false when it does not fit (or a fault). */
static bool filldir64(struct dir_context *ctx, const char *name, int namlen, unsigned int type)
{
	struct getdents_callback64 *buf = container_of(ctx, struct getdents_callback64, ctx);
	unsigned long reclen = ALIGN(offsetof(struct linux_dirent64, d_name) + namlen + 1, 8);
	struct linux_dirent64 *d;
	bool ok;

	if (reclen > (unsigned long)buf->count) {
		buf->error = -EINVAL; /* only if nothing at all fits: see sys_getdents64() */
		return false;
	}
	d = kzalloc(reclen, GFP_KERNEL);
	if (!d) {
		buf->error = -ENOMEM;
		return false;
	}
	d->d_ino = ctx->pos + 1;
	d->d_off = ctx->pos + 1;
	d->d_reclen = reclen;
	d->d_type = type;
	memcpy(d->d_name, name, namlen);
	ok = !copy_to_user(buf->current_dir, d, reclen);
	kfree(d);
	if (!ok) {
		buf->error = -EFAULT;
		return false;
	}
	buf->current_dir += reclen;
	buf->count -= reclen;
	return true;
}

/*
 * Linux's iterate_dir(): ".", "..", then /proc's entries, or the initrd's
 * followed by the files created there (all three for "/"; /tmp may be in
 * no initrd).
 */
static int iterate_dir(const char *path, struct dir_context *ctx)
{
	bool root = !strcmp(path, "/");
	int err;

	if (!dir_emit(ctx, ".", 1, DT_DIR) || !dir_emit(ctx, "..", 2, DT_DIR))
		return 0;
	err = proc_readdir(path, ctx);
	if (!err && !root)
		return 0;
	err = initrd_readdir(path, ctx);
	/* "/" is a directory even with no initrd (proc_readdir() gave "proc"), and so is /tmp. */
	if (err && !root && strcmp(path, "/tmp"))
		return err;
	return libfs_readdir(path, ctx);
}

long sys_getdents64(unsigned long fd, void __user *dirent, unsigned long count)
{
	struct getdents_callback64 buf = { .ctx.actor = filldir64, .current_dir = dirent };
	struct file *f = fget((unsigned int)fd);
	const char *path;
	int err;

	if (!f)
		return -EBADF;
	path = dir_file_path(f);
	if (!path)
		return -ENOTDIR;
	buf.count = min(count, 0x7fffffffUL) /* INT_MAX */;
	spin_lock(&f->f_pos_lock);
	buf.ctx.pos = f->f_pos;
	spin_unlock(&f->f_pos_lock);
	err = iterate_dir(path, &buf.ctx);
	/* What was given counts; an error only if nothing was (Linux's getdents64()). */
	if (buf.current_dir != dirent) {
		spin_lock(&f->f_pos_lock);
		f->f_pos = buf.ctx.pos;
		spin_unlock(&f->f_pos_lock);
		return buf.current_dir - (char __user *)dirent;
	}
	if (buf.ctx.full)
		return buf.error;
	return err;
}

/* Linux's generic_read_dir(): a directory is not read with read(). */
static long dir_read(struct file *file, char __user *buf, size_t count, long *ppos)
{
	return -EISDIR;
}

/* Only back to an earlier entry, or to the start (Linux's dcache_dir_lseek() for SEEK_SET/CUR). */
static long dir_llseek(struct file *file, long offset, unsigned int whence)
{
	long pos;

	spin_lock(&file->f_pos_lock);
	pos = whence == SEEK_SET ? offset : whence == SEEK_CUR ? file->f_pos + offset : -1;
	if (pos >= 0)
		file->f_pos = pos;
	spin_unlock(&file->f_pos_lock);
	return pos >= 0 ? pos : -EINVAL;
}

/* As Linux's ramfs and procfs directories: drwxr-xr-x (/proc's: dr-xr-xr-x), 2 links. */
static void dir_getattr(struct file *file, struct kstat *stat)
{
	const char *path = container_of(file, struct dir_file, file)->path;
	bool proc = !strncmp(path, "/proc", 5) && (!path[5] || path[5] == '/');

	stat->mode = S_IFDIR | (proc ? 0555 : 0755);
	stat->nlink = 2;
	stat->blksize = PAGE_SIZE;
}

static void dir_release(struct file *file)
{
	kfree(container_of(file, struct dir_file, file));
}

static const struct file_operations dir_file_ops = {
	.read = dir_read,
	.llseek = dir_llseek,
	.release = dir_release,
	.getattr = dir_getattr,
};

const char *dir_file_path(struct file *f)
{
	return f->f_op == &dir_file_ops ? container_of(f, struct dir_file, file)->path : NULL;
}

struct file *dir_open(const char *path, unsigned int flags, int *err)
{
	size_t len = strlen(path);
	struct dir_file *d;

	*err = -EISDIR;
	if ((flags & O_ACCMODE) == O_WRONLY || (flags & O_ACCMODE) == O_RDWR || (flags & O_CREAT))
		return NULL;
	*err = -ENOMEM;
	d = kmalloc(sizeof(*d) + len + 1, GFP_KERNEL);
	if (!d)
		return NULL;
	memcpy(d->path, path, len + 1);
	path_normalize(d->path);
	init_file(&d->file, &dir_file_ops, flags);
	*err = 0;
	return &d->file;
}
