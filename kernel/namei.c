// SPDX-License-Identifier: GPL-2.0
/*
 * Where a path starts and what opening it gives, as Linux's fs/namei.c
 * (path_init(), do_filp_open()) for Loam's trees: the files created in /tmp
 * and the initrd's directories first (kernel/libfs.c), /proc (its walk
 * knows its own directories, kernel/procfs.c), then the initrd
 * (initrd_lookup(), kernel/initramfs.c), and any directory of either as a
 * directory file (kernel/readdir.c).
 */
#include <file.h>
#include <fs.h>
#include <fs_struct.h>
#include <initramfs.h>
#include <libfs.h>
#include <namei.h>
#include <readdir.h>
#include <string.h>
#include <syscalls.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

int path_at(int dfd, char *path)
{
	const char *base;
	size_t blen, plen;
	struct file *dir;

	if (path[0] == '/')
		return 0;
	if (dfd == AT_FDCWD) {
		base = current_pwd();
	} else {
		dir = fget_raw(dfd);
		if (!dir)
			return -EBADF;
		base = dir_file_path(dir);
		if (!base)
			return -ENOTDIR;
	}
	/* "/" and "bin/sh" make "/bin/sh" (exec's exe_path keeps what this gives). */
	blen = strlen(base);
	if (base[blen - 1] == '/')
		blen--;
	plen = strlen(path);
	if (blen + 1 + plen + 1 > PATH_MAX)
		return -ENAMETOOLONG;
	memmove(path + blen + 1, path, plen + 1);
	memcpy(path, base, blen);
	path[blen] = '/';
	return 0;
}

void path_normalize(char *path)
{
	char *out = path + 1;
	const char *in = path;
	size_t len;

	for (; *in; in += len) {
		while (*in == '/')
			in++;
		for (len = 0; in[len] && in[len] != '/'; len++)
			;
		if (!len || (len == 1 && in[0] == '.'))
			continue;
		if (len == 2 && in[0] == '.' && in[1] == '.') {
			/* Back to the slash before the last component ("/.." stays "/"). */
			while (out > path + 1 && *--out != '/')
				;
			continue;
		}
		if (out > path + 1)
			*out++ = '/';
		memmove(out, in, len);
		out += len;
	}
	*out = '\0';
}

/*
 * An initrd member: its directory, or the file read-only (Linux's
 * may_open() on a read-only mount says -EROFS to writing; O_CREAT|O_EXCL
 * of what exists is -EEXIST first, as in Linux's open_last_lookups()).
 */
static struct file *initrd_open(const char *path, unsigned int flags, int *err)
{
	struct initrd_file member;
	struct file *f;

	*err = initrd_lookup(path, &member);
	if (*err == -ENOENT && (flags & O_CREAT))
		*err = -EROFS;
	if (*err)
		return NULL;
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
		*err = -EEXIST;
		return NULL;
	}
	if (S_ISDIR(member.mode))
		return dir_open(path, flags, err);
	*err = -ENOTDIR;
	if (flags & O_DIRECTORY)
		return NULL;
	*err = -EROFS;
	if ((flags & O_ACCMODE) == O_WRONLY || (flags & O_ACCMODE) == O_RDWR || (flags & O_TRUNC))
		return NULL;
	f = initrd_file_open(&member, flags);
	*err = f ? 0 : -ENOMEM;
	return f;
}

struct file *do_filp_open(const char *path, unsigned int flags, unsigned int mode, int *err)
{
	struct file *f = libfs_open(path, flags, mode, err);

	if (f || *err)
		return f;
	f = proc_open(path, flags, err);

	if (f || (*err != -ENOENT && *err != -EISDIR))
		return f;
	if (*err == -EISDIR)
		return dir_open(path, flags, err);
	return initrd_open(path, flags, err);
}
