/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A process's working directory (Linux's struct fs_struct,
 * include/linux/fs_struct.h). Loam has no dentries: the directory is kept
 * as its absolute path, "." and ".." resolved, which is what it is in a
 * file system without symbolic links or renames (the initrd and /proc).
 * Every clone copies it (Loam has no CLONE_FS), exit frees it.
 */
#ifndef LOAM_FS_STRUCT_H
#define LOAM_FS_STRUCT_H

struct task_struct;

struct fs_struct {
	char *pwd; /* absolute, no "." or "..", no trailing "/" but for "/" itself */
};

/* Linux's copy_fs_struct(): a copy of @old for a new task (clone without CLONE_FS), or NULL. */
struct fs_struct *copy_fs_struct(const struct fs_struct *old);
/* Free @fs (NULL: nothing), one no task holds any more. */
void put_fs_struct(struct fs_struct *fs);
/* Linux's exit_fs(): @p's working directory goes. */
void exit_fs(struct task_struct *p);
/* The current task's working directory ("/" for a task that never changed it). */
const char *current_pwd(void);
/* Linux's set_fs_pwd(): the current task moves to @path (as current_pwd() says it); 0 or -ENOMEM. */
int set_fs_pwd(const char *path);

#endif
