/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Directories as open files and getdents64() (Linux's fs/readdir.c and
 * struct dir_context of include/linux/fs.h). A directory of Loam is
 * either a /proc directory (kernel/procfs.c) or one of the initrd
 * (kernel/initramfs.c), with the files created in it (kernel/libfs.c):
 * each lists its entries through dir_emit().
 */
#ifndef LOAM_READDIR_H
#define LOAM_READDIR_H

#include <types.h>

struct file;

/* d_type values (Linux's include/linux/fs_types.h: DT_* = S_IFMT >> 12). */
#define DT_DIR 4
#define DT_REG 8

/*
 * One pass over a directory's entries (Linux's struct dir_context): the
 * entries before @pos were returned by an earlier call and are skipped;
 * @actor takes the others until it says there is no room (@full).
 */
struct dir_context {
	bool (*actor)(struct dir_context *ctx, const char *name, int len, unsigned int type);
	long pos; /* the first entry to give: the directory file's offset */
	long seen; /* entries passed so far */
	bool full;
};

/*
 * Linux's dir_emit(): give one entry; false once the caller's buffer is
 * full, and for every entry after that, so that no later, smaller entry
 * jumps the queue.
 */
static inline bool dir_emit(struct dir_context *ctx, const char *name, int len, unsigned int type)
{
	if (ctx->full)
		return false;
	if (ctx->seen++ < ctx->pos)
		return true;
	if (!ctx->actor(ctx, name, len, type)) {
		ctx->full = true;
		return false;
	}
	ctx->pos++;
	return true;
}

/*
 * Open the directory at @path (absolute, found by the caller) for reading
 * its entries: -EISDIR for writing or O_CREAT, as Linux's may_open() and
 * do_open() say. NULL and *@err, or the file.
 */
struct file *dir_open(const char *path, unsigned int flags, int *err);
/* The path of the directory @f is open on, or NULL if @f is no directory. */
const char *dir_file_path(struct file *f);
/*
 * The entries of the /proc directory @path names ("/" gives "proc"): 0,
 * or -ENOENT if @path is no /proc directory (kernel/procfs.c).
 */
int proc_readdir(const char *path, struct dir_context *ctx);
/* The entries of the initrd's directory @path: 0 or -ENOENT (kernel/initramfs.c). */
int initrd_readdir(const char *path, struct dir_context *ctx);

#endif
