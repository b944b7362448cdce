// SPDX-License-Identifier: GPL-2.0
/*
 * getcwd(), as Linux's fs/d_path.c: the working directory's absolute path
 * (<fs_struct.h> keeps it as one), copied out with its NUL.
 */
#include <fs_struct.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>

long sys_getcwd(char __user *buf, unsigned long size)
{
	const char *pwd = current_pwd();
	unsigned long len = strlen(pwd) + 1;

	/* Linux: -ERANGE when the path and its NUL do not fit; the length on success. */
	if (len > size)
		return -ERANGE;
	return copy_to_user(buf, pwd, len) ? -EFAULT : (long)len;
}
