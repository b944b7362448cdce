// SPDX-License-Identifier: GPL-2.0
/*
 * The working directory of a process, as Linux's fs/fs_struct.c keeps it
 * (struct fs_struct, <fs_struct.h>): a task that never called chdir() has
 * none and is at "/", like init, whose fs_struct is init_fs ("/").
 */
#include <fs_struct.h>
#include <sched.h>
#include <slab.h>
#include <string.h>
#include <uapi/errno.h>

static struct fs_struct *alloc_fs(const char *pwd)
{
	struct fs_struct *fs = kmalloc(sizeof(*fs), GFP_KERNEL);
	size_t len = strlen(pwd) + 1;

	if (!fs)
		return NULL;
	fs->pwd = kmalloc(len, GFP_KERNEL);
	if (!fs->pwd) {
		kfree(fs);
		return NULL;
	}
	memcpy(fs->pwd, pwd, len);
	return fs;
}

struct fs_struct *copy_fs_struct(const struct fs_struct *old)
{
	return alloc_fs(old->pwd);
}

void put_fs_struct(struct fs_struct *fs)
{
	if (fs) {
		kfree(fs->pwd);
		kfree(fs);
	}
}

void exit_fs(struct task_struct *p)
{
	struct fs_struct *fs = p->fs;

	p->fs = NULL;
	put_fs_struct(fs);
}

const char *current_pwd(void)
{
	return current->fs ? current->fs->pwd : "/";
}

int set_fs_pwd(const char *path)
{
	struct fs_struct *fs = alloc_fs(path);

	if (!fs)
		return -ENOMEM;
	exit_fs(current);
	current->fs = fs;
	return 0;
}
