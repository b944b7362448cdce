// SPDX-License-Identifier: GPL-2.0
/*
 * Pipes, as Linux's fs/pipe.c: pipe2() makes a pipe (struct
 * pipe_inode_info) and two open files on it, a read end and a write end.
 * The buffer is PIPE_DEF_BUFFERS pages used as one byte ring: a page is
 * allocated when a write first reaches it and kept until the pipe goes
 * (Linux frees a page once read, keeping one spare), so an idle pipe costs
 * only the pages it has used. A byte ring rather than Linux's array of
 * pipe_buffers: every write, however small, packs up against the last
 * one, and no page is ever half used. Room is counted in bytes, so the
 * part of a page already read takes new data at once, where Linux's
 * pipe_write() wants a whole free slot: a non-blocking writer can get a
 * little more in than on Linux, never more than PIPE_DEF_BUFFERS pages.
 *
 * A read waits for data, or returns 0 once no writer is left; a write
 * waits for room, and one of at most PIPE_BUF bytes waits for room for all
 * of it, so that it is never interleaved with another writer's (atomic,
 * POSIX write(2)). A write with no reader left gets SIGPIPE and -EPIPE.
 * O_NONBLOCK makes a wait -EAGAIN; a signal during one ends the call with
 * what was done, or -ERESTARTSYS. pipe->mutex (an rw_semaphore taken for
 * writing: Loam has no mutex) serialises readers and writers, and is held
 * across the copies as Linux's is, never across a sleep for data or room.
 *
 * Not there: O_DIRECT (packet mode) is -EINVAL, as are fcntl's
 * F_GETPIPE_SZ and F_SETPIPE_SZ (Linux's answer to commands it does not
 * know): the size is always PIPE_DEF_BUFFERS pages.
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
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/signal.h>
#include <uapi/termios.h>

/* include/linux/pipe_fs_i.h: a pipe's default size in pages. */
#define PIPE_DEF_BUFFERS 16
#define PIPE_SIZE (PIPE_DEF_BUFFERS * PAGE_SIZE)
/* include/uapi/linux/limits.h: writes up to this size are atomic. */
#define PIPE_BUF 4096

/* Linux's struct pipe_inode_info, with a byte ring for its pipe_buffers. */
struct pipe_inode_info {
	struct rw_semaphore mutex; /* held for writing only */
	struct wait_queue_head rd_wait, wr_wait;
	unsigned long head, tail; /* bytes ever written, read (head - tail is in the ring) */
	unsigned int readers, writers; /* ends still open (under mutex) */
	struct page *pages[PIPE_DEF_BUFFERS];
};

static unsigned long pipe_occupancy(struct pipe_inode_info *pipe)
{
	return READ_ONCE(pipe->head) - READ_ONCE(pipe->tail);
}

/* Linux's pipe_readable(): data, or no writer left (EOF). */
static bool pipe_readable(struct pipe_inode_info *pipe)
{
	return pipe_occupancy(pipe) || !READ_ONCE(pipe->writers);
}

/* Room for @need bytes, or no reader left (the write fails). */
static bool pipe_writable(struct pipe_inode_info *pipe, size_t need)
{
	return PIPE_SIZE - pipe_occupancy(pipe) >= need || !READ_ONCE(pipe->readers);
}

static void pipe_lock(struct pipe_inode_info *pipe)
{
	down_write(&pipe->mutex);
}

static void pipe_unlock(struct pipe_inode_info *pipe)
{
	up_write(&pipe->mutex);
}

/* The ring's page for byte @pos and the offset in it. */
static char *pipe_addr(struct pipe_inode_info *pipe, unsigned long pos)
{
	struct page *page = pipe->pages[(pos / PAGE_SIZE) % PIPE_DEF_BUFFERS];

	return (char *)page_address(page) + pos % PAGE_SIZE;
}

/* Bytes from @pos to the end of its page, at most @n. */
static size_t page_chunk(unsigned long pos, size_t n)
{
	return min(n, PAGE_SIZE - pos % PAGE_SIZE);
}

/* Copy up to @count bytes out of the ring: the bytes copied, or -EFAULT. */
static long pipe_copy_out(struct pipe_inode_info *pipe, char __user *buf, size_t count)
{
	size_t done = 0;

	while (done < count && pipe->head != pipe->tail) {
		size_t n = page_chunk(pipe->tail, min(count - done, pipe->head - pipe->tail));
		size_t left = copy_to_user(buf + done, pipe_addr(pipe, pipe->tail), n);

		WRITE_ONCE(pipe->tail, pipe->tail + n - left);
		done += n - left;
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

/* Linux's pipe_read(): what is there (waiting for some), 0 at EOF. */
static long pipe_read(struct file *f, char __user *buf, size_t count, long *ppos)
{
	struct pipe_inode_info *pipe = f->private_data;
	long ret = 0;

	if (!count)
		return 0;
	pipe_lock(pipe);
	while (pipe->head == pipe->tail && pipe->writers) {
		if (f->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		wake_up(&pipe->wr_wait);
		ret = pipe_wait(pipe, pipe->rd_wait, pipe_readable(pipe));
		if (ret)
			break;
	}
	if (!ret)
		ret = pipe_copy_out(pipe, buf, count);
	pipe_unlock(pipe);
	if (ret > 0)
		wake_up(&pipe->wr_wait);
	return ret;
}

/* Copy up to @count bytes into the ring's free room: the bytes copied, or -EFAULT, -ENOMEM. */
static long pipe_copy_in(struct pipe_inode_info *pipe, const char __user *buf, size_t count)
{
	size_t done = 0;

	while (done < count && pipe->head - pipe->tail < PIPE_SIZE) {
		size_t room = PIPE_SIZE - (pipe->head - pipe->tail);
		size_t n = page_chunk(pipe->head, min(count - done, room));
		struct page **page = &pipe->pages[(pipe->head / PAGE_SIZE) % PIPE_DEF_BUFFERS];
		size_t left;

		if (!*page)
			*page = alloc_page(GFP_KERNEL);
		if (!*page)
			return done ? (long)done : -ENOMEM;
		left = copy_from_user(pipe_addr(pipe, pipe->head), buf + done, n);
		WRITE_ONCE(pipe->head, pipe->head + n - left);
		done += n - left;
		if (left)
			return done ? (long)done : -EFAULT;
	}
	return done;
}

/* No reader: SIGPIPE to the writer (Linux's send_sig(SIGPIPE, current, 0)) and -EPIPE. */
static long pipe_epipe(void)
{
	send_sig_info(SIGPIPE, SEND_SIG_NOINFO, current);
	return -EPIPE;
}

/*
 * Linux's pipe_write(): all of @buf, waiting for room as needed; a write of
 * at most PIPE_BUF bytes goes in at once or not at all. Cut short by a
 * fault, a signal or O_NONBLOCK, it returns what it wrote, or the errno.
 */
static long pipe_write(struct file *f, const char __user *buf, size_t count, long *ppos)
{
	struct pipe_inode_info *pipe = f->private_data;
	size_t need = count <= PIPE_BUF ? count : 1;
	long done = 0, ret = 0;

	if (!count)
		return 0;
	pipe_lock(pipe);
	while ((size_t)done < count) {
		if (!pipe->readers) {
			ret = pipe_epipe();
			break;
		}
		if (PIPE_SIZE - (pipe->head - pipe->tail) >= need) {
			ret = pipe_copy_in(pipe, buf + done, count - done);
			if (ret < 0)
				break;
			done += ret;
			continue;
		}
		wake_up(&pipe->rd_wait);
		if (f->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		ret = pipe_wait(pipe, pipe->wr_wait, pipe_writable(pipe, need));
		if (ret)
			break;
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
	int count;

	if (cmd != FIONREAD)
		return -ENOTTY;
	count = pipe_occupancy(pipe);
	return copy_to_user((int __user *)arg, &count, sizeof(count)) ? -EFAULT : 0;
}

/*
 * Linux's pipe_poll(), without the mutex (ppoll may ask with its state
 * set to sleep): the read end is readable with data, hung up with no
 * writer; the write end writable with room for PIPE_BUF bytes (a write
 * that size would not wait), in error with no reader.
 */
static unsigned int pipe_poll(struct file *f, poll_table *wait)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned long used = pipe_occupancy(pipe);
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
		if (PIPE_SIZE - used >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!READ_ONCE(pipe->readers))
			mask |= POLLERR;
	}
	return mask;
}

static void free_pipe_info(struct pipe_inode_info *pipe)
{
	unsigned int i;

	for (i = 0; i < PIPE_DEF_BUFFERS; i++)
		if (pipe->pages[i])
			__free_page(pipe->pages[i]);
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
	int fd[2], err;

	if (flags & O_DIRECT)
		return -EINVAL; /* packet mode: not in Loam */
	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	err = fd[0] = get_unused_fd_flags(flags);
	if (fd[0] >= 0) {
		fd_install(fd[0], files[0]);
		err = fd[1] = get_unused_fd_flags(flags);
		if (fd[1] >= 0 && copy_to_user(fildes, fd, sizeof(fd)))
			err = -EFAULT;
		if (err >= 0) {
			fd_install(fd[1], files[1]);
			return 0;
		}
		put_unused_fd(fd[0]);
	}
	fput(files[0]);
	fput(files[1]);
	return err;
}

/* pipe2(2): a new pipe, its read end at @fildes[0], its write end at @fildes[1]. */
long sys_pipe2(int __user *fildes, unsigned long flags)
{
	return do_pipe2(fildes, flags);
}
