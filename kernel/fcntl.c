// SPDX-License-Identifier: GPL-2.0
/*
 * fcntl(), as Linux's fs/fcntl.c, for the commands a shell needs:
 * duplicating a descriptor (F_DUPFD, F_DUPFD_CLOEXEC), its close-on-exec
 * flag (F_GETFD, F_SETFD) and the file's status flags (F_GETFL, F_SETFL).
 * Other commands are -EINVAL, Linux's answer to a command it does not know.
 */
#include <file.h>
#include <fs.h>
#include <syscalls.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* What F_SETFL may change (Linux's SETFL_MASK); Loam's files behave the same either way. */
#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME)

long sys_fcntl(unsigned long ufd, unsigned long ucmd, unsigned long arg)
{
	unsigned int fd = ufd, cmd = ucmd;
	struct file *f = fget_raw(fd);

	if (!f)
		return -EBADF;
	/* check_fcntl_cmd(): an O_PATH file has only the descriptor commands and F_GETFL. */
	if ((f->f_mode & FMODE_PATH) && cmd == F_SETFL)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
		return f_dupfd(arg, f, 0);
	case F_DUPFD_CLOEXEC:
		return f_dupfd(arg, f, O_CLOEXEC);
	case F_GETFD:
		return get_close_on_exec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		__set_close_on_exec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->f_flags;
	case F_SETFL:
		/* setfl(): no Loam file can do direct I/O (FMODE_CAN_ODIRECT). */
		if (arg & O_DIRECT)
			return -EINVAL;
		f->f_flags = (arg & SETFL_MASK) | (f->f_flags & ~SETFL_MASK);
		return 0;
	default:
		return -EINVAL;
	}
}
