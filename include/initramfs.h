/* SPDX-License-Identifier: GPL-2.0 */
/* The initrd, a newc cpio archive read in place (kernel/initramfs.c). */
#ifndef LOAM_INITRAMFS_H
#define LOAM_INITRAMFS_H

#include <types.h>

/* File types and permission bits of a cpio mode, as Linux's include/uapi/linux/stat.h. */
#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFREG 0100000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#define S_IFSOCK 0140000
#define S_ISDIR(m) (((m)&S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m)&S_IFMT) == S_IFREG)
#define S_ISFIFO(m) (((m)&S_IFMT) == S_IFIFO)
#define S_IXUSR 00100
#define S_IXGRP 00010
#define S_IXOTH 00001
#define S_IXUGO (S_IXUSR | S_IXGRP | S_IXOTH)
/* Longest path component (Linux's NAME_MAX) and path with its NUL (PATH_MAX). */
#define NAME_MAX 255
#define PATH_MAX 4096

/* What a path names in the initrd: a member's mode and bytes, or a directory. */
struct initrd_file {
	unsigned long mode;
	const void *data;
	size_t size;
	/* A member's path in the archive, without a leading "/" or "./" and no NUL (NULL: a directory). */
	const char *name;
	size_t namelen;
};

/* The archive at physical [start, end) (from /chosen); no initrd if start is 0. */
void initrd_init(phys_addr_t start, phys_addr_t end);
/*
 * Walk @path from the root of the archive as Linux's path walk would over
 * the unpacked initramfs: "." and ".." resolved, every component but the
 * last must be a directory (-ENOTDIR), a component longer than NAME_MAX
 * looked up in a directory is -ENAMETOOLONG, a missing one -ENOENT, a
 * trailing "/" needs a directory (-ENOTDIR). A directory is a member of
 * type S_IFDIR, or implied by members below it ("bin" by "bin/x"). 0 and
 * @f filled, or -errno (-EINVAL for a broken archive).
 */
int initrd_lookup(const char *path, struct initrd_file *f);

struct file;
/*
 * Open @member (a regular file from initrd_lookup()) read-only, with
 * open()'s @flags otherwise: a struct file with one reference, the
 * caller's (fput() when done), which reads, seeks, and maps privately
 * (vm_mmap(): faults copy its bytes, SIGBUS wholly past its end). NULL if
 * memory ran out.
 */
struct file *initrd_file_open(const struct initrd_file *member, unsigned int flags);
/*
 * The member @file, from initrd_file_open(), reads: the binary formats read
 * its bytes in place (Linux's copy them out with kernel_read()).
 */
const struct initrd_file *initrd_file_member(struct file *file);
/* Is @file an initrd member opened by initrd_file_open()? (Its path: initrd_file_member().) */
bool is_initrd_file(const struct file *file);

#endif
