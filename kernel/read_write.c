// SPDX-License-Identifier: GPL-2.0
/*
 * read(), pread64(), write(), pwrite64(), writev() and lseek() on a
 * descriptor, as Linux's fs/read_write.c: the descriptor must be open for
 * the access (-EBADF), the file must have the method (-EINVAL; lseek
 * without one: -ESPIPE), the buffer must lie in user space (-EFAULT, even
 * for 0 bytes, as access_ok() says); then the file's method does the copy,
 * and a fault on the way is its -EFAULT or a short count. The offset is
 * read before and stored after, around the method (write's too).
 */
#include <file.h>
#include <fs.h>
#include <kernel.h>
#include <slab.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uio.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Linux's MAX_RW_COUNT: one call moves at most this much (INT_MAX rounded to pages). */
#define MAX_RW_COUNT (0x7fffffffUL & PAGE_MASK)

/*
 * Linux's rw_verify_area(): an access must end at an offset a loff_t can
 * hold, or it is -EINVAL, unless the file takes unsigned offsets
 * (FMODE_UNSIGNED_OFFSET: /proc/PID/mem, whose offsets are addresses): then
 * it must not wrap past 2^64 (-EOVERFLOW). The console's offset stays 0.
 * @count is below 2^63: access_ok() passed.
 */
static int rw_verify_area(struct file *f, long pos, size_t count)
{
	if (pos < 0) {
		if (!(f->f_mode & FMODE_UNSIGNED_OFFSET))
			return -EINVAL;
		return count >= (unsigned long)-pos ? -EOVERFLOW : 0;
	}
	if ((long)(pos + count) < 0 && !(f->f_mode & FMODE_UNSIGNED_OFFSET))
		return -EINVAL;
	return 0;
}

static long file_pos_read(struct file *f)
{
	unsigned long flags;
	long pos;

	spin_lock_irqsave(&f->f_pos_lock, flags);
	pos = f->f_pos;
	spin_unlock_irqrestore(&f->f_pos_lock, flags);
	return pos;
}

/*
 * Linux's vfs_read(): read @count bytes of @f from *@ppos. The copy may
 * fault and sleep, so read() takes the offset before and stores it after,
 * not under f_pos_lock: two readers of one shared file at once may both
 * read from the same offset, as in Linux for files without FMODE_ATOMIC_POS.
 */
static long vfs_read(struct file *f, char __user *buf, size_t count, long *ppos)
{
	int ret;

	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->read)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	ret = rw_verify_area(f, *ppos, count);
	if (ret)
		return ret;
	return f->f_op->read(f, buf, min(count, MAX_RW_COUNT), ppos);
}

long sys_read(unsigned long fd, char __user *buf, unsigned long count)
{
	struct file *f = fget(fd);
	unsigned long flags;
	long pos, ret;

	if (!f)
		return -EBADF;
	pos = file_pos_read(f);
	ret = vfs_read(f, buf, count, &pos);
	if (ret >= 0) {
		spin_lock_irqsave(&f->f_pos_lock, flags);
		f->f_pos = pos;
		spin_unlock_irqrestore(&f->f_pos_lock, flags);
	}
	return ret;
}

/*
 * pread64's and pwrite64's checks, in Linux's order: a negative @pos is
 * -EINVAL, a bad @fd -EBADF, a file without a position (no llseek) -ESPIPE;
 * else 0 and the file in *@fp.
 */
static long fget_positional(unsigned long fd, long pos, struct file **fp)
{
	if (pos < 0)
		return -EINVAL;
	*fp = fget(fd);
	if (!*fp)
		return -EBADF;
	return (*fp)->f_op->llseek ? 0 : -ESPIPE;
}

/*
 * Linux's ksys_pread64(): read at @pos, the file's offset untouched. A
 * negative @pos is -EINVAL before the descriptor is looked up; a file
 * without FMODE_PREAD (Linux's nonseekable_open() clears it with
 * FMODE_LSEEK: in Loam, a file without llseek, such as the console) is
 * -ESPIPE before vfs_read()'s checks.
 */
long sys_pread64(unsigned long fd, char __user *buf, unsigned long count, long pos)
{
	struct file *f;
	long err = fget_positional(fd, pos, &f);

	return err ? err : vfs_read(f, buf, count, &pos);
}

/*
 * Linux's vfs_write(): write @count bytes of @buf to @f at *@ppos (the
 * method may take the end instead, for O_APPEND), as vfs_read().
 */
static long vfs_write(struct file *f, const char __user *buf, size_t count, long *ppos)
{
	int ret;

	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	ret = rw_verify_area(f, *ppos, count);
	if (ret)
		return ret;
	return f->f_op->write(f, buf, min(count, MAX_RW_COUNT), ppos);
}

static void file_pos_write(struct file *f, long pos)
{
	unsigned long flags;

	spin_lock_irqsave(&f->f_pos_lock, flags);
	f->f_pos = pos;
	spin_unlock_irqrestore(&f->f_pos_lock, flags);
}

long sys_write(unsigned long fd, const char __user *buf, unsigned long count)
{
	struct file *f = fget(fd);
	long pos, ret;

	if (!f)
		return -EBADF;
	pos = file_pos_read(f);
	ret = vfs_write(f, buf, count, &pos);
	if (ret >= 0)
		file_pos_write(f, pos);
	return ret;
}

/* Linux's ksys_pwrite64(): write at @pos, as pread64() reads. */
long sys_pwrite64(unsigned long fd, const char __user *buf, unsigned long count, long pos)
{
	struct file *f;
	long err = fget_positional(fd, pos, &f);

	return err ? err : vfs_write(f, buf, count, &pos);
}

/* The largest whence Linux knows (SEEK_HOLE): above it -EINVAL, whatever the file. */
#define SEEK_MAX 4

/*
 * Linux's import_iovec(): the whole vector is copied in and checked before
 * anything is written (-EFAULT, a negative length -EINVAL), and the total
 * is cut to MAX_RW_COUNT. Returns the total or -errno.
 */
long import_iovec(const struct iovec __user *uvec, unsigned long nr_segs, struct iovec *iov)
{
	unsigned long seg, total = 0;

	if (copy_from_user(iov, uvec, nr_segs * sizeof(*iov)))
		return -EFAULT;
	for (seg = 0; seg < nr_segs; seg++) {
		if ((long)iov[seg].iov_len < 0)
			return -EINVAL;
		/* One segment is cut first (Linux's import_ubuf()), several after access_ok(). */
		if (nr_segs == 1)
			iov[seg].iov_len = min(iov[seg].iov_len, MAX_RW_COUNT);
		if (!access_ok(iov[seg].iov_base, iov[seg].iov_len))
			return -EFAULT;
		iov[seg].iov_len = min(iov[seg].iov_len, MAX_RW_COUNT - total);
		total += iov[seg].iov_len;
	}
	return total;
}

/*
 * Linux's vfs_writev() with do_loop_readv_writev(): the descriptor is checked
 * first (-EBADF even for no segments), then the vector; the segments are
 * written in turn until one falls short or fails (its errno only if nothing
 * was written).
 */
long sys_writev(unsigned long fd, const void __user *vec, unsigned long vlen)
{
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	struct file *f = fget(fd);
	long ret = 0, n, pos;
	unsigned long i;

	if (!f || !(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write)
		return -EINVAL;
	if (!vlen)
		return 0;
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	if (vlen > UIO_FASTIOV) {
		iov = kmalloc(vlen * sizeof(*iov), GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
	}
	n = import_iovec(vec, vlen, iov);
	pos = file_pos_read(f);
	if (n > 0) {
		int err = rw_verify_area(f, pos, n);

		if (err)
			n = err;
	}
	for (i = 0; n > 0 && i < vlen; i++) {
		if (!iov[i].iov_len)
			continue;
		n = f->f_op->write(f, iov[i].iov_base, iov[i].iov_len, &pos);
		if (n < 0)
			break;
		ret += n;
		if ((size_t)n < iov[i].iov_len)
			break;
	}
	if (iov != fast)
		kfree(iov);
	if (ret)
		file_pos_write(f, pos);
	return ret ? ret : min(n, 0L);
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
