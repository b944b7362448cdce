// SPDX-License-Identifier: GPL-2.0
/*
 * read(), write(), writev() and lseek() on a descriptor, as Linux's
 * fs/read_write.c: the descriptor must be open for the access (-EBADF), the
 * file must have the method (-EINVAL; lseek without one: -ESPIPE), the
 * buffer must lie in user space (-EFAULT, even for 0 bytes, as access_ok()
 * says); then the file's method does the copy, and a fault on the way is
 * its -EFAULT or a short count.
 */
#include <file.h>
#include <fs.h>
#include <kernel.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Linux's MAX_RW_COUNT: one call moves at most this much (INT_MAX rounded to pages). */
#define MAX_RW_COUNT (0x7fffffffUL & PAGE_MASK)

long sys_read(unsigned long fd, char __user *buf, unsigned long count)
{
	struct file *f = fget(fd);

	if (!f || !(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->read)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	return f->f_op->read(f, buf, min(count, MAX_RW_COUNT));
}

long sys_write(unsigned long fd, const char __user *buf, unsigned long count)
{
	struct file *f = fget(fd);

	if (!f || !(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	return f->f_op->write(f, buf, min(count, MAX_RW_COUNT));
}

/* Linux's struct iovec. */
struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

#define UIO_MAXIOV 1024
/* The largest whence Linux knows (SEEK_HOLE): above it -EINVAL, whatever the file. */
#define SEEK_MAX 4

long sys_writev(unsigned long fd, const void __user *vec, unsigned long vlen)
{
	const struct iovec __user *uvec = vec;
	long total = 0;
	unsigned long i;

	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	for (i = 0; i < vlen; i++) {
		struct iovec iov;
		long n;

		if (copy_from_user(&iov, &uvec[i], sizeof(iov)))
			return total ? total : -EFAULT;
		if ((long)iov.iov_len < 0)
			return -EINVAL;
		n = sys_write(fd, iov.iov_base, iov.iov_len);
		if (n < 0)
			return total ? total : n;
		total += n;
		if ((size_t)n < iov.iov_len)
			break;
	}
	return total;
}

long sys_lseek(unsigned long fd, long offset, unsigned long whence)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (whence > SEEK_MAX)
		return -EINVAL;
	if (!f->f_op->llseek)
		return -ESPIPE;
	return f->f_op->llseek(f, offset, whence);
}
