/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The writable directories (kernel/libfs.c): files created by name in /tmp
 * and the initrd's directories, each a shmem object.
 */
#ifndef LOAM_LIBFS_H
#define LOAM_LIBFS_H

struct dir_context;
struct file;
struct kstat;

/*
 * openat() of @path (from getname()) with build_open_how()'s @flags and
 * creation @mode, as far as the writable directories answer it: a created
 * file opened (O_TRUNC empties it), a new one made by O_CREAT, an O_TMPFILE
 * file, or Linux's errno for the flags or the path (-EINVAL, -EEXIST,
 * -ENOTDIR, -EISDIR, -ENAMETOOLONG, -ENOMEM) in *@err. NULL with *@err 0:
 * nothing of theirs is there, the other file systems (/proc) answer.
 */
struct file *libfs_open(const char *path, unsigned int flags, unsigned int mode, int *err);

/*
 * stat() of @path if a created file (or /tmp itself) is there: 0 and
 * @stat filled, or an errno of the path; -ENOENT: nothing of theirs.
 */
int libfs_getattr(const char *path, struct kstat *stat);

/*
 * getdents64()'s entries for the files created directly in directory
 * @path (absolute), as regular files: 0, or -ENOMEM.
 */
int libfs_readdir(const char *path, struct dir_context *ctx);

#endif
