/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User I/O vectors (Linux's include/linux/uio.h): a vector of user
 * buffers, checked once by import_iovec() (kernel/read_write.c), and an
 * iov_iter that walks it as one stream of bytes (kernel/iov_iter.c, after
 * Linux's lib/iov_iter.c).
 */
#ifndef LOAM_UIO_H
#define LOAM_UIO_H

#include <types.h>

#ifndef __user
#define __user
#endif

/* Linux's struct iovec. */
struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

#define UIO_MAXIOV 1024
/* Linux's UIO_FASTIOV: this many segments fit on the stack, more are allocated. */
#define UIO_FASTIOV 8

/* A place in a checked vector: segment @iov, @iov_offset bytes in, @count bytes left in all. */
struct iov_iter {
	const struct iovec *iov;
	unsigned long nr_segs;
	size_t iov_offset;
	size_t count;
};

/*
 * Linux's import_iovec(): copy in and check the user's vector of @nr_segs
 * (at most UIO_MAXIOV) into @iov; the total (cut to MAX_RW_COUNT) or -errno.
 */
long import_iovec(const struct iovec __user *uvec, unsigned long nr_segs, struct iovec *iov);

/* Start @i at the first of @nr_segs checked segments holding @count bytes. */
static inline void iov_iter_init(struct iov_iter *i, const struct iovec *iov, unsigned long nr_segs,
				 size_t count)
{
	*i = (struct iov_iter){ .iov = iov, .nr_segs = nr_segs, .count = count };
}

/*
 * Copy @bytes to or from the user's buffers at @i and advance it: the bytes
 * copied, fewer at a fault (Linux's copy_to_iter(), copy_from_iter()).
 */
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);
size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i);

#endif
