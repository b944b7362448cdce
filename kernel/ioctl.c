// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl(), as Linux's fs/ioctl.c: the file's own unlocked_ioctl answers
 * (the console's, kernel/tty.c); a file without one is not a terminal nor
 * anything else with ioctls: -ENOTTY.
 */
#include <file.h>
#include <fs.h>
#include <syscalls.h>
#include <uapi/errno.h>

long sys_ioctl(unsigned long fd, unsigned long cmd, unsigned long arg)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!f->f_op->unlocked_ioctl)
		return -ENOTTY;
	return f->f_op->unlocked_ioctl(f, cmd, arg);
}
