// SPDX-License-Identifier: GPL-2.0
/*
 * Walking a user I/O vector as one stream of bytes, as Linux's
 * lib/iov_iter.c does for ITER_IOVEC: a socket's sendmsg() and recvmsg()
 * (kernel/af_unix.c) copy a message in and out in pieces that do not
 * follow the segments. The vector was checked by import_iovec(); a fault
 * in a segment stops the copy there, and the count says how far it got.
 */
#include <kernel.h>
#include <uaccess.h>
#include <uio.h>

/* Move @i on by @n bytes of its current segment, and past spent segments. */
static void iov_iter_advance_seg(struct iov_iter *i, size_t n)
{
	i->iov_offset += n;
	i->count -= n;
	while (i->nr_segs && i->iov_offset == i->iov->iov_len) {
		i->iov++;
		i->nr_segs--;
		i->iov_offset = 0;
	}
}

size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
	size_t done = 0;

	bytes = min(bytes, i->count);
	iov_iter_advance_seg(i, 0);
	while (done < bytes && i->nr_segs) {
		size_t n = min(bytes - done, i->iov->iov_len - i->iov_offset);
		size_t left = copy_to_user((char __user *)i->iov->iov_base + i->iov_offset,
					   (const char *)addr + done, n);

		iov_iter_advance_seg(i, n - left);
		done += n - left;
		if (left)
			break;
	}
	return done;
}

size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	size_t done = 0;

	bytes = min(bytes, i->count);
	iov_iter_advance_seg(i, 0);
	while (done < bytes && i->nr_segs) {
		size_t n = min(bytes - done, i->iov->iov_len - i->iov_offset);
		size_t left = copy_from_user((char *)addr + done,
					     (const char __user *)i->iov->iov_base + i->iov_offset,
					     n);

		iov_iter_advance_seg(i, n - left);
		done += n - left;
		if (left)
			break;
	}
	return done;
}
