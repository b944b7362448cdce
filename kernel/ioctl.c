// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl(), as Linux's fs/ioctl.c: first the commands every file answers
 * (do_vfs_ioctl(): the close-on-exec flag, O_NONBLOCK, FASYNC), then the
 * file's own unlocked_ioctl (the console's, kernel/tty.c); a file without
 * one is not a terminal nor anything else with ioctls: -ENOTTY.
 */
#include <file.h>
#include <fs.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/termios.h>

/*
 * Linux's ioctl_fionbio() and ioctl_fioasync(): *@argp says on or off. No
 * Loam file has a fasync method, so changing FASYNC is -ENOTTY.
 */
static long ioctl_set_flag(struct file *f, int __user *argp, unsigned int flag)
{
	int on;

	if (copy_from_user(&on, argp, sizeof(on)))
		return -EFAULT;
	if (flag == FASYNC)
		return !on != !(f->f_flags & FASYNC) ? -ENOTTY : 0;
	if (on)
		f->f_flags |= flag;
	else
		f->f_flags &= ~flag;
	return 0;
}

long sys_ioctl(unsigned long fd, unsigned long ucmd, unsigned long arg)
{
	struct file *f = fget(fd);
	unsigned int cmd = ucmd;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
		__set_close_on_exec(fd, true);
		return 0;
	case FIONCLEX:
		__set_close_on_exec(fd, false);
		return 0;
	case FIONBIO:
		return ioctl_set_flag(f, (int __user *)arg, O_NONBLOCK);
	case FIOASYNC:
		return ioctl_set_flag(f, (int __user *)arg, FASYNC);
	}
	if (!f->f_op->unlocked_ioctl)
		return -ENOTTY;
	return f->f_op->unlocked_ioctl(f, cmd, arg);
}
