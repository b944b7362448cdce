// SPDX-License-Identifier: GPL-2.0
/*
 * Pipes, as Linux's fs/pipe.c: pipe2() makes a pipe (struct
 * pipe_inode_info) and two open files on it, a read end and a write end.
 * The pipe is a ring of PIPE_DEF_BUFFERS pipe_buffers, each a page with
 * the part of it that holds data. A write() fills pages of its own
 * (anonymous buffers), appending to the last one while the part of the
 * write that is not a whole page fits there; vmsplice() (fs/splice.c)
 * puts references to the writer's own pages in the ring instead, and
 * read() copies from those as from any other. A buffer read to its end
 * gives its page back; an anonymous one is kept for the next write
 * (Linux's tmp_page), so an idle pipe holds at most one page.
 *
 * A read waits for data, or returns 0 once no writer is left; a write
 * waits for a free buffer, and one of at most PIPE_BUF bytes goes into one
 * buffer whole, so that it is never interleaved with another writer's
 * (atomic, POSIX write(2)). A write with no reader left gets SIGPIPE and
 * -EPIPE. O_NONBLOCK makes a wait -EAGAIN; a signal during one ends the
 * call with what was done, or -ERESTARTSYS. pipe->mutex (an rw_semaphore
 * taken for writing: Loam has no mutex) serialises readers and writers,
 * and is held across the copies as Linux's is, never across a sleep for
 * data or room.
 *
 * Not there: O_DIRECT (packet mode) is -EINVAL, as are fcntl's
 * F_GETPIPE_SZ and F_SETPIPE_SZ (Linux's answer to commands it does not
 * know): the size is always PIPE_DEF_BUFFERS buffers. splice() and tee()
 * are not implemented (no file but a pipe could take part).
 */
#include <file.h>
#include <fs.h>
#include <gfp.h>
#include <initramfs.h>
#include <kernel.h>
#include <mm.h>
#include <poll.h>
#include <rwsem.h>
#include <sched.h>
#include <signal.h>
#include <slab.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uio.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/signal.h>
#include <uapi/splice.h>
#include <uapi/termios.h>

/* include/linux/pipe_fs_i.h: a pipe's default size in buffers (pages). */
#define PIPE_DEF_BUFFERS 16
/* include/uapi/linux/limits.h: writes up to this size are atomic. */
#define PIPE_BUF 4096

/* include/linux/pipe_fs_i.h: the buffer's page was given (SPLICE_F_GIFT). */
#define PIPE_BUF_FLAG_GIFT 0x04
/* ... and write() may append to it (an anonymous buffer). */
#define PIPE_BUF_FLAG_CAN_MERGE 0x10

struct pipe_inode_info;
struct pipe_buffer;

/* Linux's pipe_buf_operations: how a buffer's page goes once read. */
struct pipe_buf_operations {
	void (*release)(struct pipe_inode_info *pipe, struct pipe_buffer *buf);
};

/* Linux's struct pipe_buffer: @len bytes of @page from @offset. */
struct pipe_buffer {
	struct page *page;
	unsigned int offset, len;
	const struct pipe_buf_operations *ops;
	unsigned int flags; /* PIPE_BUF_FLAG_* */
};

/* Linux's struct pipe_inode_info. */
struct pipe_inode_info {
	struct rw_semaphore mutex; /* held for writing only */
	struct wait_queue_head rd_wait, wr_wait;
	unsigned int head, tail; /* buffers ever filled, ever emptied (head - tail in the ring) */
	unsigned int readers, writers; /* ends still open (under mutex) */
	struct page *tmp_page; /* a read anonymous buffer's page, for the next write */
	struct pipe_buffer bufs[PIPE_DEF_BUFFERS];
};

static unsigned int pipe_occupancy(struct pipe_inode_info *pipe)
{
	return READ_ONCE(pipe->head) - READ_ONCE(pipe->tail);
}

static bool pipe_full(struct pipe_inode_info *pipe)
{
	return pipe_occupancy(pipe) >= PIPE_DEF_BUFFERS;
}

/* Linux's pipe_readable(): data, or no writer left (EOF). */
static bool pipe_readable(struct pipe_inode_info *pipe)
{
	return pipe_occupancy(pipe) || !READ_ONCE(pipe->writers);
}

/* Linux's pipe_writable(): a free buffer, or no reader left (the write fails). */
static bool pipe_writable(struct pipe_inode_info *pipe)
{
	return !pipe_full(pipe) || !READ_ONCE(pipe->readers);
}

static void pipe_lock(struct pipe_inode_info *pipe)
{
	down_write(&pipe->mutex);
}

static void pipe_unlock(struct pipe_inode_info *pipe)
{
	up_write(&pipe->mutex);
}

static struct pipe_buffer *pipe_buf(struct pipe_inode_info *pipe, unsigned int slot)
{
	return &pipe->bufs[slot % PIPE_DEF_BUFFERS];
}

/* Linux's anon_pipe_buf_release(): keep the page for the next write if nobody else has it. */
static void anon_pipe_buf_release(struct pipe_inode_info *pipe, struct pipe_buffer *buf)
{
	if (page_ref_count(buf->page) == 1 && !pipe->tmp_page)
		pipe->tmp_page = buf->page;
	else
		put_page(buf->page);
}

static const struct pipe_buf_operations anon_pipe_buf_ops = {
	.release = anon_pipe_buf_release,
};

/* Linux's generic_pipe_buf_release(): a spliced page's reference goes back. */
static void generic_pipe_buf_release(struct pipe_inode_info *pipe, struct pipe_buffer *buf)
{
	put_page(buf->page);
}

/* fs/splice.c's user_page_pipe_buf_ops: a page of the writer's, from vmsplice(). */
static const struct pipe_buf_operations user_page_pipe_buf_ops = {
	.release = generic_pipe_buf_release,
};

/* The oldest buffer is read: it leaves the ring. */
static void pipe_consume_buf(struct pipe_inode_info *pipe, struct pipe_buffer *buf)
{
	buf->ops->release(pipe, buf);
	buf->page = NULL;
	WRITE_ONCE(pipe->tail, pipe->tail + 1);
}

/* Copy up to @count bytes out of the ring: the bytes copied, or -EFAULT. */
static long pipe_copy_out(struct pipe_inode_info *pipe, char __user *ubuf, size_t count)
{
	size_t done = 0;

	while (done < count && pipe->head != pipe->tail) {
		struct pipe_buffer *buf = pipe_buf(pipe, pipe->tail);
		size_t n = min(count - done, (size_t)buf->len);
		size_t left =
			copy_to_user(ubuf + done, (char *)page_address(buf->page) + buf->offset, n);

		buf->offset += n - left;
		buf->len -= n - left;
		done += n - left;
		if (!buf->len)
			pipe_consume_buf(pipe, buf);
		if (left)
			return done ? (long)done : -EFAULT;
	}
	return done;
}

/* Sleep until @cond, the mutex dropped: 0, or -ERESTARTSYS for a signal. */
#define pipe_wait(pipe, wq, cond)                           \
	({                                                  \
		int __err;                                  \
		pipe_unlock(pipe);                          \
		__err = wait_event_interruptible(wq, cond); \
		pipe_lock(pipe);                            \
		__err;                                      \
	})

/*
 * Wait for data, the mutex held: 0 once there is some (or no writer is
 * left), -EAGAIN if @nonblock, -ERESTARTSYS for a signal.
 */
static int pipe_wait_readable(struct pipe_inode_info *pipe, bool nonblock)
{
	int ret = 0;

	while (pipe->head == pipe->tail && pipe->writers && !ret) {
		if (nonblock)
			return -EAGAIN;
		wake_up(&pipe->wr_wait);
		ret = pipe_wait(pipe, pipe->rd_wait, pipe_readable(pipe));
	}
	return ret;
}

/* Linux's pipe_read(): what is there (waiting for some), 0 at EOF. */
static long pipe_read(struct file *f, char __user *buf, size_t count, long *ppos)
{
	struct pipe_inode_info *pipe = f->private_data;
	long ret;

	if (!count)
		return 0;
	pipe_lock(pipe);
	ret = pipe_wait_readable(pipe, f->f_flags & O_NONBLOCK);
	if (!ret)
		ret = pipe_copy_out(pipe, buf, count);
	pipe_unlock(pipe);
	if (ret > 0)
		wake_up(&pipe->wr_wait);
	return ret;
}

/*
 * Linux's pipe_write() merge step: the part of a write that is not a whole
 * page (@chars of @buf) goes after the data of the newest buffer, if that
 * is an anonymous one with room for all of it. The bytes taken (0 or
 * @chars), or -EFAULT (nothing appended).
 */
static long pipe_merge(struct pipe_inode_info *pipe, const char __user *ubuf, size_t chars)
{
	struct pipe_buffer *buf = pipe_buf(pipe, pipe->head - 1);
	unsigned int offset = buf->offset + buf->len;

	if (!chars || pipe->head == pipe->tail || !(buf->flags & PIPE_BUF_FLAG_CAN_MERGE) ||
	    offset + chars > PAGE_SIZE)
		return 0;
	if (copy_from_user((char *)page_address(buf->page) + offset, ubuf, chars))
		return -EFAULT;
	buf->len += chars;
	return chars;
}

/*
 * A new anonymous buffer with the first page's worth of @ubuf (@count
 * bytes): the bytes taken, -ENOMEM, or -EFAULT (the buffer dropped, as
 * Linux drops it).
 */
static long pipe_fill_new_buf(struct pipe_inode_info *pipe, const char __user *ubuf, size_t count)
{
	struct page *page = pipe->tmp_page;
	struct pipe_buffer *buf;
	size_t n = min(count, PAGE_SIZE);

	if (!page)
		page = alloc_page(GFP_HIGHUSER);
	if (!page)
		return -ENOMEM;
	pipe->tmp_page = page;
	if (copy_from_user(page_address(page), ubuf, n))
		return -EFAULT;
	pipe->tmp_page = NULL;
	buf = pipe_buf(pipe, pipe->head);
	*buf = (struct pipe_buffer){
		.page = page, .len = n, .ops = &anon_pipe_buf_ops, .flags = PIPE_BUF_FLAG_CAN_MERGE
	};
	WRITE_ONCE(pipe->head, pipe->head + 1);
	return n;
}

/* No reader: SIGPIPE to the writer (Linux's send_sig(SIGPIPE, current, 0)) and -EPIPE. */
static long pipe_epipe(void)
{
	send_sig_info(SIGPIPE, SEND_SIG_NOINFO, current);
	return -EPIPE;
}

/*
 * Linux's pipe_write(): all of @buf, waiting for room as needed; the part
 * that is not a whole page first, appended to the newest buffer if it fits
 * there, then a new buffer for each page. A write of at most PIPE_BUF
 * bytes thus lands in one buffer. Cut short by a fault, a signal or
 * O_NONBLOCK, it returns what it wrote, or the errno.
 */
static long pipe_write(struct file *f, const char __user *buf, size_t count, long *ppos)
{
	struct pipe_inode_info *pipe = f->private_data;
	long done = 0, ret = 0;

	if (!count)
		return 0;
	pipe_lock(pipe);
	if (pipe->readers) {
		ret = pipe_merge(pipe, buf, count % PAGE_SIZE);
		done = max(ret, 0L);
	}
	while ((size_t)done < count && ret >= 0) {
		if (!pipe->readers) {
			ret = pipe_epipe();
			break;
		}
		if (!pipe_full(pipe)) {
			ret = pipe_fill_new_buf(pipe, buf + done, count - done);
			done += max(ret, 0L);
			continue;
		}
		wake_up(&pipe->rd_wait);
		if (f->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		ret = pipe_wait(pipe, pipe->wr_wait, pipe_writable(pipe));
	}
	pipe_unlock(pipe);
	if (done)
		wake_up(&pipe->rd_wait);
	return done ? done : ret;
}

/* fstat() of a pipe: a FIFO, rw for its owner, as Linux's pipefs inodes (get_pipe_inode()). */
static void pipe_getattr(struct file *f, struct kstat *stat)
{
	stat->mode = S_IFIFO | 0600;
	stat->nlink = 1;
	stat->blksize = PAGE_SIZE;
}

/* Linux's pipe_ioctl(): FIONREAD, the bytes waiting to be read. */
static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned int slot;
	int count = 0;

	if (cmd != FIONREAD)
		return -ENOTTY;
	pipe_lock(pipe);
	for (slot = pipe->tail; slot != pipe->head; slot++)
		count += pipe_buf(pipe, slot)->len;
	pipe_unlock(pipe);
	return copy_to_user((int __user *)arg, &count, sizeof(count)) ? -EFAULT : 0;
}

/*
 * Linux's pipe_poll(), without the mutex (ppoll may ask with its state
 * set to sleep): the read end is readable with data, hung up with no
 * writer; the write end writable with a free buffer (a write of PIPE_BUF
 * bytes would not wait), in error with no reader.
 */
static unsigned int pipe_poll(struct file *f, poll_table *wait)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned int used = pipe_occupancy(pipe);
	unsigned int mask = 0;

	if (f->f_mode & FMODE_READ) {
		poll_wait(f, &pipe->rd_wait, wait);
		if (used)
			mask |= POLLIN | POLLRDNORM;
		if (!READ_ONCE(pipe->writers))
			mask |= POLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		poll_wait(f, &pipe->wr_wait, wait);
		if (used < PIPE_DEF_BUFFERS)
			mask |= POLLOUT | POLLWRNORM;
		if (!READ_ONCE(pipe->readers))
			mask |= POLLERR;
	}
	return mask;
}

static void free_pipe_info(struct pipe_inode_info *pipe)
{
	while (pipe->tail != pipe->head)
		pipe_consume_buf(pipe, pipe_buf(pipe, pipe->tail));
	if (pipe->tmp_page)
		put_page(pipe->tmp_page);
	kfree(pipe);
}

/*
 * Linux's pipe_release(): the last reference to one end. The other end's
 * sleepers wake to see EOF or EPIPE; the pipe goes with its last end.
 */
static void pipe_release(struct file *f)
{
	struct pipe_inode_info *pipe = f->private_data;
	bool last;

	pipe_lock(pipe);
	if (f->f_mode & FMODE_READ)
		WRITE_ONCE(pipe->readers, pipe->readers - 1);
	if (f->f_mode & FMODE_WRITE)
		WRITE_ONCE(pipe->writers, pipe->writers - 1);
	last = !pipe->readers && !pipe->writers;
	pipe_unlock(pipe);
	wake_up(&pipe->rd_wait);
	wake_up(&pipe->wr_wait);
	if (last)
		free_pipe_info(pipe);
	kfree(f);
}

static const struct file_operations pipefifo_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.release = pipe_release,
	.getattr = pipe_getattr,
	.unlocked_ioctl = pipe_ioctl,
	.poll = pipe_poll,
};

static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (!pipe)
		return NULL;
	init_rwsem(&pipe->mutex);
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	pipe->readers = pipe->writers = 1;
	return pipe;
}

/* One end of @pipe, open with @flags. */
static struct file *alloc_pipe_file(struct pipe_inode_info *pipe, unsigned int flags)
{
	struct file *f = kmalloc(sizeof(*f), GFP_KERNEL);

	if (f) {
		init_file(f, &pipefifo_fops, flags);
		f->private_data = pipe;
	}
	return f;
}

/* Linux's create_pipe_files(): @res[0] the read end, @res[1] the write end. */
static int create_pipe_files(struct file **res, unsigned int flags)
{
	struct pipe_inode_info *pipe = alloc_pipe_info();

	if (!pipe)
		return -ENOMEM;
	res[0] = alloc_pipe_file(pipe, O_RDONLY | (flags & O_NONBLOCK));
	res[1] = alloc_pipe_file(pipe, O_WRONLY | (flags & O_NONBLOCK));
	if (res[0] && res[1])
		return 0;
	kfree(res[0]);
	kfree(res[1]);
	kfree(pipe);
	return -ENOMEM;
}

/*
 * Linux's __do_pipe_flags() and do_pipe2(): two descriptors for the two
 * ends, installed for good only once @fildes took them (-EFAULT leaves the
 * table as it was).
 */
static long do_pipe2(int __user *fildes, unsigned int flags)
{
	struct file *files[2];
	int err;

	if (flags & O_DIRECT)
		return -EINVAL; /* packet mode: not in Loam */
	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	return fd_install_pair(files, fildes, flags);
}

/* pipe2(2): a new pipe, its read end at @fildes[0], its write end at @fildes[1]. */
long sys_pipe2(int __user *fildes, unsigned long flags)
{
	return do_pipe2(fildes, flags);
}

/* ------------------------------------------------------------ vmsplice */

/*
 * fs/splice.c's wait_for_space(), the mutex held: 0 once a buffer is free;
 * -EPIPE (and SIGPIPE) with no reader, -EAGAIN for SPLICE_F_NONBLOCK (the
 * file's O_NONBLOCK does not count, as on Linux), -ERESTARTSYS.
 */
static long wait_for_space(struct pipe_inode_info *pipe, unsigned int flags)
{
	long ret = 0;

	while (!ret) {
		if (!pipe->readers)
			return pipe_epipe();
		if (!pipe_full(pipe))
			return 0;
		if (flags & SPLICE_F_NONBLOCK)
			return -EAGAIN;
		ret = pipe_wait(pipe, pipe->wr_wait, pipe_writable(pipe));
	}
	return ret;
}

/*
 * fs/splice.c's iter_to_pipe(): the pages under @len bytes at @addr, each
 * with a reference (get_user_pages_fast(), read-only), become buffers
 * until the ring is full. The bytes queued, or the errno if none were
 * (-EAGAIN: no free buffer).
 */
static long user_range_to_pipe(struct pipe_inode_info *pipe, unsigned long addr, size_t len)
{
	struct page *pages[PIPE_DEF_BUFFERS];
	long total = 0, nr, i;

	while (len) {
		unsigned int start = addr % PAGE_SIZE;

		nr = min(DIV_ROUND_UP(start + len, PAGE_SIZE),
			 (unsigned long)(PIPE_DEF_BUFFERS - pipe_occupancy(pipe)));
		if (!nr)
			return total ? total : -EAGAIN;
		nr = get_user_pages_fast(addr, nr, 0, pages);
		if (nr < 0)
			return total ? total : nr;
		for (i = 0; i < nr; i++, start = 0) {
			size_t n = min(len, PAGE_SIZE - start);

			*pipe_buf(pipe, pipe->head) =
				(struct pipe_buffer){ .page = pages[i],
						      .offset = start,
						      .len = n,
						      .ops = &user_page_pipe_buf_ops };
			WRITE_ONCE(pipe->head, pipe->head + 1);
			addr += n;
			len -= n;
			total += n;
		}
	}
	return total;
}

/*
 * fs/splice.c's vmsplice_to_pipe(): the writer's pages themselves go into
 * the pipe, as many buffers as are free once one is (the call waits for
 * one only). A later read() copies what the pages hold then: a process
 * that writes to them before the pipe is read is seen (vmsplice(2): the
 * pages must be left alone), but a copy-on-write page stays as it was,
 * however its other sharers write (mm/memory.c's do_wp_page()).
 * SPLICE_F_GIFT and SPLICE_F_MOVE change nothing: only splice() to a
 * file, not in Loam, would take a gift. The bytes queued, or the errno.
 */
static long vmsplice_to_pipe(struct pipe_inode_info *pipe, const struct iovec *iov,
			     unsigned long nr_segs, unsigned int flags)
{
	long total = 0, ret, n;
	unsigned long seg;

	pipe_lock(pipe);
	ret = wait_for_space(pipe, flags);
	for (seg = 0; !ret && seg < nr_segs; seg++) {
		n = user_range_to_pipe(pipe, (unsigned long)iov[seg].iov_base, iov[seg].iov_len);
		if (n < 0)
			ret = n;
		else
			total += n;
		if (n < 0 || (size_t)n < iov[seg].iov_len)
			break;
	}
	pipe_unlock(pipe);
	if (total)
		wake_up(&pipe->rd_wait);
	return total ? total : ret;
}

/*
 * fs/splice.c's vmsplice_to_user(): read the pipe into the segments, as
 * readv() would, waiting for data only before the first byte (not at all
 * with SPLICE_F_NONBLOCK: -EAGAIN; the file's O_NONBLOCK does not count).
 * The bytes read, 0 at EOF, or the errno.
 */
static long vmsplice_to_user(struct pipe_inode_info *pipe, const struct iovec *iov,
			     unsigned long nr_segs, unsigned int flags)
{
	long total = 0, ret = 0;
	unsigned long seg;

	pipe_lock(pipe);
	for (seg = 0; seg < nr_segs; seg++) {
		size_t len = iov[seg].iov_len;

		if (!len)
			continue;
		if (!total) {
			ret = pipe_wait_readable(pipe, flags & SPLICE_F_NONBLOCK);
			if (ret)
				break;
		}
		ret = pipe_copy_out(pipe, iov[seg].iov_base, len);
		if (ret < 0)
			break;
		total += ret;
		if ((size_t)ret < len)
			break;
	}
	pipe_unlock(pipe);
	if (total)
		wake_up(&pipe->wr_wait);
	return total ? total : min(ret, 0L);
}

/*
 * vmsplice(2), Linux's fs/splice.c: @nr_segs segments at @uiov into the
 * pipe @fd (its write end: the pages themselves, see vmsplice_to_pipe()),
 * or out of it (its read end: a copy). -EINVAL for an unknown flag or
 * more than UIO_MAXIOV segments, -EBADF for a descriptor that is not open
 * (or, once there is something to move, not a pipe), -EFAULT or -EINVAL
 * for a bad vector; no bytes: 0.
 */
long sys_vmsplice(unsigned long fd, const void __user *uiov, unsigned long nr_segs,
		  unsigned long flags)
{
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	struct file *f;
	long ret;

	if ((unsigned int)flags & ~SPLICE_F_ALL)
		return -EINVAL;
	f = fget((unsigned int)fd);
	if (!f || !(f->f_mode & (FMODE_READ | FMODE_WRITE)))
		return -EBADF;
	if (nr_segs > UIO_MAXIOV)
		return -EINVAL;
	if (nr_segs > UIO_FASTIOV) {
		iov = kmalloc(nr_segs * sizeof(*iov), GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
	}
	ret = import_iovec(uiov, nr_segs, iov);
	if (ret > 0 && f->f_op != &pipefifo_fops)
		ret = -EBADF;
	else if (ret > 0 && (f->f_mode & FMODE_WRITE))
		ret = vmsplice_to_pipe(f->private_data, iov, nr_segs, flags);
	else if (ret > 0)
		ret = vmsplice_to_user(f->private_data, iov, nr_segs, flags);
	if (iov != fast)
		kfree(iov);
	return ret;
}
