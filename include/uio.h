/* SPDX-License-Identifier: GPL-2.0 */
/* Vectors of user buffers (Linux's include/linux/uio.h and uapi/linux/uio.h). */
#ifndef LOAM_UIO_H
#define LOAM_UIO_H

#include <types.h>

/* Linux's struct iovec. */
struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

/* uapi/linux/uio.h: the most segments one call takes (-EINVAL above). */
#define UIO_MAXIOV 1024
/* Linux's UIO_FASTIOV: this many segments fit on the stack, more are allocated. */
#define UIO_FASTIOV 8

/*
 * kernel/read_write.c, Linux's import_iovec() (lib/iov_iter.c): @nr_segs
 * (at most UIO_MAXIOV) segments from @uvec into @iov, checked before
 * anything is moved (-EFAULT, a negative length -EINVAL), the total cut to
 * MAX_RW_COUNT. Returns the total or -errno.
 */
long import_iovec(const struct iovec __user *uvec, unsigned long nr_segs, struct iovec *iov);

#endif
