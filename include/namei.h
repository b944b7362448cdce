/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Path lookup over Loam's two trees, the initrd (kernel/initramfs.c) and
 * /proc (kernel/procfs.c), as Linux's fs/namei.c walks a mounted tree:
 * where a relative path starts (path_init(): a directory descriptor or the
 * working directory) and opening what a path names (do_filp_open()).
 */
#ifndef LOAM_NAMEI_H
#define LOAM_NAMEI_H

#include <types.h>

struct file;

/*
 * @path (a PATH_MAX buffer, as getname() filled it) made absolute in
 * place: a relative path is put after @dfd's directory, or the working
 * directory for AT_FDCWD (Linux's path_init()). 0, -EBADF if @dfd is no
 * descriptor, -ENOTDIR if it is not a directory, -ENAMETOOLONG if the
 * result does not fit.
 */
int path_at(int dfd, char *path);
/*
 * The absolute @path with "." and ".." resolved and slashes collapsed, in
 * place ("/a/./b/../c/" is "/a/c"): what the walk found, for a path already
 * walked without error (Loam has no symbolic links, so this is exact).
 */
void path_normalize(char *path);
/*
 * Linux's do_filp_open() for openat(): the created file (made by O_CREAT
 * with permission bits @mode, kernel/libfs.c), /proc report, directory or
 * initrd file @path (absolute) names, opened with @flags; NULL and *@err
 * if it cannot be. The initrd's own files are read-only: writing them is
 * -EROFS.
 */
struct file *do_filp_open(const char *path, unsigned int flags, unsigned int mode, int *err);

#endif
