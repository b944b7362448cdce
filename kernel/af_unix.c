// SPDX-License-Identifier: GPL-2.0
/*
 * AF_UNIX socket pairs, as Linux's net/unix/af_unix.c makes them for
 * socketpair(). Loam's tree has no net/ directory: the sockets are here,
 * their system calls in kernel/socket.c (Linux's net/socket.c).
 *
 * Each end is a struct unix_sock behind an open file. A send puts its
 * bytes in a struct sk_buff on the peer's receive queue and charges the
 * buffer's size (truesize) to the sender's wmem_alloc until the peer has
 * read it; a send waits while the sender has sk_sndbuf (212992 bytes,
 * Linux's default) or more waiting unread (Linux's
 * sock_alloc_send_pskb()), and a waiting writer is woken once a quarter
 * of that is left (unix_writable()). SOCK_STREAM is a byte stream, sent in
 * buffers of at most 32 KiB and read across them; SOCK_DGRAM and
 * SOCK_SEQPACKET keep each send one message, larger than sk_sndbuf - 32
 * bytes is -EMSGSIZE, and a read shorter than the message gets its start,
 * the rest discarded (MSG_TRUNC asks for the whole length back).
 *
 * Closing one end shuts the other down for stream and seqpacket sockets:
 * its reads give what is queued, then 0, its sends -EPIPE (stream: with
 * SIGPIPE unless MSG_NOSIGNAL); if the closed end left data unread, one
 * read is -ECONNRESET (a stream's after the data, a seqpacket's before).
 * A dgram socket's send to a closed peer is -ECONNREFUSED once, which
 * disconnects it and drops what it had received, then -ENOTCONN.
 * shutdown() shuts a stream or seqpacket pair one way at a time. Readers and writers sleep on the socket's wait queue (Linux's
 * sk_sleep()), which ppoll also waits on; a signal ends a wait with what
 * was done or -ERESTARTSYS. u->iolock (an rw_semaphore taken for writing:
 * Loam has no mutex) lets one reader at a time take from a queue, and
 * unix_state_lock() guards the queue, the shutdown bits and the error.
 *
 * Not in Loam: names (bind, connect, listen, accept) and so socket() alone,
 * control messages (SCM_RIGHTS, SCM_CREDENTIALS), MSG_OOB (-EOPNOTSUPP
 * here; Linux's CONFIG_AF_UNIX_OOB takes it on stream sockets), peek
 * offsets, SO_RCVTIMEO/SO_SNDTIMEO, and the receive-queue limit of
 * net.unix.max_dgram_qlen (Linux does not apply it between a pair).
 */
#include <file.h>
#include <fs.h>
#include <gfp.h>
#include <initramfs.h>
#include <kernel.h>
#include <list.h>
#include <mm.h>
#include <net.h>
#include <poll.h>
#include <rwsem.h>
#include <sched.h>
#include <signal.h>
#include <slab.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/signal.h>
#include <uapi/socket.h>

/* include/net/sock.h: sk_shutdown's bits. */
#define RCV_SHUTDOWN 1
#define SEND_SHUTDOWN 2
#define SHUTDOWN_MASK 3
/* net.core.wmem_default: SK_WMEM_MAX, Linux's sk_sndbuf for a new socket. */
#define SK_WMEM_MAX 212992
/* The most a stream send puts in one buffer (Linux's UNIX_SKB_FRAGS_SZ, 32 KiB). */
#define UNIX_SKB_FRAGS_SZ 32768
/* A buffer up to this size (header and data) is one kmalloc; larger ones take pages. */
#define SKB_HEAD_MAX 2048
/* include/linux/socket.h: sockaddr_un's sun_path starts after sun_family. */
#define SUN_PATH_OFFSET 2

/* Linux's struct sk_buff, as a socket pair uses it: one message or piece of a stream. */
struct sk_buff {
	struct list_head list; /* in the receiver's receive_queue */
	struct unix_sock *sk; /* the sender, charged truesize (Linux's skb->sk) */
	unsigned int len;
	unsigned int consumed; /* stream: bytes read already (UNIXCB(skb).consumed) */
	unsigned int truesize;
	unsigned int nr_frags; /* 0: the bytes follow in head[]; else pages at frags */
	struct page **frags;
	char head[];
};

/* Linux's struct unix_sock with its struct sock. */
struct unix_sock {
	spinlock_t lock; /* unix_state_lock() */
	struct rw_semaphore iolock;
	struct wait_queue_head wait; /* sk_sleep(): readers, writers, ppoll */
	struct list_head receive_queue;
	long wmem_alloc; /* truesize sent and not yet read by the peer (atomic) */
	int sndbuf;
	int refcnt; /* the file, the peer's link (atomic) */
	int type;
	unsigned char shutdown; /* RCV_SHUTDOWN, SEND_SHUTDOWN */
	bool dead; /* SOCK_DEAD: its file is gone */
	int err; /* sk_err: a positive errno reported once */
	struct unix_sock *peer; /* unix_peer(): NULL once disconnected */
};

static const struct file_operations socket_file_ops;

static unsigned long unix_state_lock(struct unix_sock *u)
{
	unsigned long flags;

	spin_lock_irqsave(&u->lock, flags);
	return flags;
}

static void unix_state_unlock(struct unix_sock *u, unsigned long flags)
{
	spin_unlock_irqrestore(&u->lock, flags);
}

static void sock_hold(struct unix_sock *u)
{
	__atomic_fetch_add(&u->refcnt, 1, __ATOMIC_RELAXED);
}

static void sock_put(struct unix_sock *u)
{
	if (__atomic_sub_fetch(&u->refcnt, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(u);
}

/* Linux's unix_peer_get(): the peer with a reference, or NULL. */
static struct unix_sock *unix_peer_get(struct unix_sock *u)
{
	unsigned long flags = unix_state_lock(u);
	struct unix_sock *peer = u->peer;

	if (peer)
		sock_hold(peer);
	unix_state_unlock(u, flags);
	return peer;
}

/* Linux's sock_error(): the pending error as -errno, cleared; 0 if none. */
static int sock_error(struct unix_sock *u)
{
	return -__atomic_exchange_n(&u->err, 0, __ATOMIC_RELAXED);
}

static long sk_wmem_alloc(struct unix_sock *u)
{
	return __atomic_load_n(&u->wmem_alloc, __ATOMIC_RELAXED);
}

/* Linux's unix_writable(): a quarter or less of the send buffer in use. */
static bool unix_writable(struct unix_sock *u)
{
	return sk_wmem_alloc(u) << 2 <= u->sndbuf;
}

/* Where byte @off of @skb is, and how many follow it there. */
static char *skb_ptr(struct sk_buff *skb, unsigned int off, unsigned int *avail)
{
	if (!skb->nr_frags) {
		*avail = skb->len - off;
		return skb->head + off;
	}
	*avail = min(skb->len - off, (unsigned int)(PAGE_SIZE - off % PAGE_SIZE));
	return (char *)page_address(skb->frags[off / PAGE_SIZE]) + off % PAGE_SIZE;
}

static void free_skb_data(struct sk_buff *skb)
{
	unsigned int i;

	for (i = 0; i < skb->nr_frags; i++)
		if (skb->frags[i])
			__free_page(skb->frags[i]);
	kfree(skb);
}

/* A buffer for @len bytes: small ones inline, larger ones in pages (Linux's frags). */
static struct sk_buff *alloc_skb(unsigned int len)
{
	unsigned int nr =
		sizeof(struct sk_buff) + len <= SKB_HEAD_MAX ? 0 : DIV_ROUND_UP(len, PAGE_SIZE);
	size_t head = nr ? nr * sizeof(struct page *) : len;
	struct sk_buff *skb = kzalloc(sizeof(*skb) + head, GFP_KERNEL);
	unsigned int i;

	if (!skb)
		return NULL;
	skb->len = len;
	skb->nr_frags = nr;
	skb->frags = (struct page **)skb->head;
	skb->truesize = sizeof(*skb) + head + nr * PAGE_SIZE;
	for (i = 0; i < nr; i++) {
		skb->frags[i] = alloc_page(GFP_KERNEL);
		if (!skb->frags[i]) {
			free_skb_data(skb);
			return NULL;
		}
	}
	return skb;
}

/*
 * Linux's sock_wfree() and kfree_skb(): the sender's charge goes, and its
 * waiting writers wake once it can write again. A buffer holds its sender
 * (Linux: sk_wmem_alloc keeps the sock), which may be closed and
 * disconnected from the receiver by now.
 */
static void kfree_skb(struct sk_buff *skb)
{
	struct unix_sock *u = skb->sk;

	__atomic_fetch_sub(&u->wmem_alloc, skb->truesize, __ATOMIC_RELAXED);
	if (unix_writable(u))
		wake_up(&u->wait);
	free_skb_data(skb);
	sock_put(u);
}

static bool sock_can_alloc(struct unix_sock *u)
{
	return sk_wmem_alloc(u) < u->sndbuf || (READ_ONCE(u->shutdown) & SEND_SHUTDOWN) ||
	       READ_ONCE(u->err);
}

/*
 * Linux's sock_alloc_send_pskb(): a buffer for @len bytes charged to @u,
 * once @u has less than sk_sndbuf in flight. NULL and *@err: the pending
 * error, -EPIPE after SEND_SHUTDOWN, -EAGAIN for @noblock, -ERESTARTSYS
 * for a signal, -ENOBUFS without memory.
 */
static struct sk_buff *sock_alloc_send_skb(struct unix_sock *u, unsigned int len, bool noblock,
					   long *err)
{
	struct sk_buff *skb;

	for (;;) {
		*err = sock_error(u);
		if (*err)
			return NULL;
		*err = -EPIPE;
		if (READ_ONCE(u->shutdown) & SEND_SHUTDOWN)
			return NULL;
		if (sk_wmem_alloc(u) < u->sndbuf)
			break;
		*err = -EAGAIN;
		if (noblock)
			return NULL;
		*err = wait_event_interruptible(u->wait, sock_can_alloc(u));
		if (*err)
			return NULL;
	}
	skb = alloc_skb(len);
	*err = -ENOBUFS;
	if (!skb)
		return NULL;
	skb->sk = u;
	sock_hold(u);
	__atomic_fetch_add(&u->wmem_alloc, skb->truesize, __ATOMIC_RELAXED);
	return skb;
}

/* Linux's skb_copy_datagram_from_iter(): fill @skb from @msg; 0 or -EFAULT. */
static int skb_copy_from_msg(struct sk_buff *skb, struct msghdr *msg)
{
	unsigned int off = 0, n;

	while (off < skb->len) {
		char *p = skb_ptr(skb, off, &n);

		if (copy_from_iter(p, n, &msg->msg_iter) != n)
			return -EFAULT;
		off += n;
	}
	return 0;
}

/* Linux's skb_copy_datagram_msg(): @len bytes of @skb from @off to @msg; 0 or -EFAULT. */
static int skb_copy_to_msg(struct sk_buff *skb, unsigned int off, struct msghdr *msg,
			   unsigned int len)
{
	unsigned int end = off + len, n;

	while (off < end) {
		char *p = skb_ptr(skb, off, &n);

		n = min(n, end - off);
		if (copy_to_iter(p, n, &msg->msg_iter) != n)
			return -EFAULT;
		off += n;
	}
	return 0;
}

/*
 * Queue @skb on @other unless it is gone (-ECONNREFUSED) or shut for
 * reading (-EPIPE); on an error the caller frees @skb. @other's readers
 * wake (sk_data_ready()).
 */
static int unix_queue_skb(struct unix_sock *other, struct sk_buff *skb)
{
	unsigned long flags = unix_state_lock(other);
	int err = 0;

	if (other->dead)
		err = -ECONNREFUSED;
	else if (other->shutdown & RCV_SHUTDOWN)
		err = -EPIPE;
	else
		list_add_tail(&skb->list, &other->receive_queue);
	unix_state_unlock(other, flags);
	if (!err)
		wake_up(&other->wait);
	return err;
}

bool sock_from_file(struct file *f)
{
	return f->f_op == &socket_file_ops;
}

/* The send's -EPIPE: SIGPIPE too unless MSG_NOSIGNAL (Linux's pipe_err in unix_stream_sendmsg()). */
static long unix_epipe(struct msghdr *msg)
{
	if (!(msg->msg_flags & MSG_NOSIGNAL))
		send_sig_info(SIGPIPE, SEND_SIG_NOINFO, current);
	return -EPIPE;
}

/*
 * Linux's unix_stream_sendmsg(): all of @len in buffers of at most half
 * sk_sndbuf (and 32 KiB), each waiting for room. Cut short by a fault, a
 * signal or MSG_DONTWAIT, it returns what went, or the errno.
 */
static long unix_stream_sendmsg(struct unix_sock *u, struct msghdr *msg, size_t len)
{
	bool noblock = msg->msg_flags & MSG_DONTWAIT;
	struct unix_sock *other;
	size_t sent = 0;
	long err;

	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->msg_namelen)
		return -EISCONN;
	other = unix_peer_get(u);
	if (!other)
		return -ENOTCONN;
	err = 0;
	if (READ_ONCE(u->shutdown) & SEND_SHUTDOWN)
		goto pipe_err;
	while (sent < len) {
		unsigned int size =
			min(len - sent, (size_t)min((u->sndbuf >> 1) - 64, UNIX_SKB_FRAGS_SZ));
		struct sk_buff *skb = sock_alloc_send_skb(u, size, noblock, &err);

		if (!skb)
			goto out;
		err = skb_copy_from_msg(skb, msg);
		if (!err)
			err = unix_queue_skb(other, skb);
		if (err) {
			kfree_skb(skb);
			if (err != -EFAULT)
				goto pipe_err;
			goto out;
		}
		sent += size;
	}
	goto out;
pipe_err:
	err = sent ? -EPIPE : unix_epipe(msg);
out:
	sock_put(other);
	return sent ? (long)sent : err;
}

/* Take @u's queue off it: its buffers are freed after the lock is dropped. */
static void unix_take_queue(struct unix_sock *u, struct list_head *queue)
{
	struct sk_buff *skb, *next;

	list_for_each_entry_safe(skb, next, &u->receive_queue, list) {
		list_del(&skb->list);
		list_add_tail(&skb->list, queue);
	}
}

static void unix_purge_queue(struct list_head *queue)
{
	struct sk_buff *skb, *next;

	list_for_each_entry_safe(skb, next, queue, list)
		kfree_skb(skb);
}

/*
 * A dgram socket's peer is gone: it is disconnected, and what it had
 * received is lost (Linux's unix_dgram_disconnected(): "Messages are lost").
 */
static void unix_dgram_disconnect(struct unix_sock *u, struct unix_sock *other)
{
	unsigned long flags = unix_state_lock(u);
	bool was = u->peer == other;
	LIST_HEAD(queue);

	if (was) {
		u->peer = NULL;
		unix_take_queue(u, &queue);
	}
	unix_state_unlock(u, flags);
	unix_purge_queue(&queue);
	if (was)
		sock_put(other);
}

/* Linux's unix_validate_addr(): the address a dgram send names. */
static int unix_validate_addr(const unsigned short *sunaddr, int len)
{
	if (len < SUN_PATH_OFFSET || len > SUN_PATH_OFFSET + UNIX_PATH_MAX)
		return -EINVAL;
	return *sunaddr == AF_UNIX ? 0 : -EINVAL;
}

/*
 * Linux's unix_dgram_sendmsg() (and unix_seqpacket_sendmsg()): @len bytes
 * as one message to the peer. A dgram send naming an address finds no
 * socket there: Loam has no names (-ECONNREFUSED, as Linux for a name no
 * socket is bound to).
 */
static long unix_dgram_sendmsg(struct unix_sock *u, struct msghdr *msg, size_t len)
{
	bool noblock = msg->msg_flags & MSG_DONTWAIT;
	struct unix_sock *other;
	struct sk_buff *skb;
	long err;

	if (u->type == SOCK_SEQPACKET) {
		err = sock_error(u);
		if (err)
			return err;
		msg->msg_namelen = 0;
	}
	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->msg_namelen) {
		err = unix_validate_addr(msg->msg_name, msg->msg_namelen);
		return err ? err : -ECONNREFUSED;
	}
	other = unix_peer_get(u);
	if (!other)
		return -ENOTCONN;
	err = -EMSGSIZE;
	if (len > (size_t)u->sndbuf - 32)
		goto out;
	skb = sock_alloc_send_skb(u, len, noblock, &err);
	if (!skb)
		goto out;
	err = skb_copy_from_msg(skb, msg);
	if (!err)
		err = unix_queue_skb(other, skb);
	if (err)
		kfree_skb(skb);
	if (err == -ECONNREFUSED && u->type == SOCK_SEQPACKET)
		err = -EPIPE;
	else if (err == -ECONNREFUSED)
		unix_dgram_disconnect(u, other);
out:
	sock_put(other);
	return err ? err : (long)len;
}

long unix_sendmsg(struct file *f, struct msghdr *msg, size_t len)
{
	struct unix_sock *u = f->private_data;

	if (u->type == SOCK_STREAM)
		return unix_stream_sendmsg(u, msg, len);
	return unix_dgram_sendmsg(u, msg, len);
}

/* Something for a reader: data, an error, or the end (the wait's condition). */
static bool unix_readable(struct unix_sock *u)
{
	return !list_empty(&u->receive_queue) || READ_ONCE(u->err) ||
	       (READ_ONCE(u->shutdown) & RCV_SHUTDOWN);
}

/*
 * Linux's __skb_try_recv_datagram() and __skb_wait_for_more_packets(): the
 * first message, taken off the queue unless MSG_PEEK, with u->iolock held.
 * NULL and *@err: the pending error, 0 at the end (RCV_SHUTDOWN), -EAGAIN
 * for MSG_DONTWAIT (0 for a seqpacket socket at its end), -ERESTARTSYS.
 */
static struct sk_buff *unix_dgram_dequeue(struct unix_sock *u, unsigned int flags, long *err)
{
	struct sk_buff *skb;
	unsigned long irq;
	bool shut;

	for (;;) {
		down_write(&u->iolock);
		irq = unix_state_lock(u);
		*err = sock_error(u);
		skb = *err ? NULL :
			     list_first_entry_or_null(&u->receive_queue, struct sk_buff, list);
		if (skb && !(flags & MSG_PEEK))
			list_del(&skb->list);
		unix_state_unlock(u, irq);
		if (skb)
			return skb;
		up_write(&u->iolock);
		if (*err)
			return NULL;
		shut = READ_ONCE(u->shutdown) & RCV_SHUTDOWN;
		if (flags & MSG_DONTWAIT) {
			*err = shut && u->type == SOCK_SEQPACKET ? 0 : -EAGAIN;
			return NULL;
		}
		if (shut)
			return NULL;
		*err = wait_event_interruptible(u->wait, unix_readable(u));
		if (*err)
			return NULL;
	}
}

/*
 * Linux's __unix_dgram_recvmsg(): one message, cut to @size (MSG_TRUNC in
 * msg_flags; the rest is gone). Its length for the MSG_TRUNC flag, else
 * the bytes copied; a fault is -EFAULT and the message is gone, as Linux.
 */
static long unix_dgram_recvmsg(struct unix_sock *u, struct msghdr *msg, size_t size,
			       unsigned int flags)
{
	struct sk_buff *skb;
	long err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	skb = unix_dgram_dequeue(u, flags, &err);
	if (!skb)
		return err;
	if (size > skb->len)
		size = skb->len;
	else if (size < skb->len)
		msg->msg_flags |= MSG_TRUNC;
	err = skb_copy_to_msg(skb, 0, msg, size);
	if (!err)
		err = flags & MSG_TRUNC ? skb->len : size;
	if (!(flags & MSG_PEEK))
		kfree_skb(skb);
	up_write(&u->iolock);
	return err;
}

/* The buffer after @skb in @u's queue (the first for NULL), or NULL. */
static struct sk_buff *unix_next_skb(struct unix_sock *u, struct sk_buff *skb)
{
	unsigned long irq = unix_state_lock(u);
	struct list_head *next = skb ? skb->list.next : u->receive_queue.next;

	unix_state_unlock(u, irq);
	return next == &u->receive_queue ? NULL : list_entry(next, struct sk_buff, list);
}

/* Take a read buffer off @u's queue and free it (the sender's room comes back). */
static void unix_consume_skb(struct unix_sock *u, struct sk_buff *skb)
{
	unsigned long irq = unix_state_lock(u);

	list_del(&skb->list);
	unix_state_unlock(u, irq);
	kfree_skb(skb);
}

/* No data for a stream reader: 0 to wait, or why not (-errno, or 1 for the end). */
static long unix_stream_nodata(struct unix_sock *u, unsigned int flags)
{
	long err = sock_error(u);

	if (err)
		return err;
	if (READ_ONCE(u->shutdown) & RCV_SHUTDOWN)
		return 1;
	return flags & MSG_DONTWAIT ? -EAGAIN : 0;
}

/*
 * Linux's unix_stream_read_generic(): bytes across buffers, up to @size,
 * waiting only until there is one (all of @size with MSG_WAITALL). A
 * signal during a wait ends the call with what was read, or -ERESTARTSYS;
 * after the data comes the pending error, then 0 at the end.
 */
static long unix_stream_recvmsg(struct unix_sock *u, struct msghdr *msg, size_t size,
				unsigned int flags)
{
	size_t target = flags & MSG_WAITALL ? size : 1;
	struct sk_buff *skb = NULL;
	long copied = 0, err = 0;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	down_write(&u->iolock);
	do {
		unsigned int chunk;

		skb = unix_next_skb(u, skb);
		if (!skb) {
			if ((size_t)copied >= max(target, (size_t)1))
				break;
			err = unix_stream_nodata(u, flags);
			if (err)
				break;
			up_write(&u->iolock);
			err = wait_event_interruptible(u->wait, unix_readable(u));
			if (err)
				return copied ? copied : err;
			down_write(&u->iolock);
			continue;
		}
		chunk = min(skb->len - skb->consumed, size);
		if (skb_copy_to_msg(skb, skb->consumed, msg, chunk)) {
			copied = copied ? copied : -EFAULT;
			break;
		}
		copied += chunk;
		size -= chunk;
		if (flags & MSG_PEEK)
			continue;
		skb->consumed += chunk;
		if (skb->consumed < skb->len)
			break;
		unix_consume_skb(u, skb);
		skb = NULL;
	} while (size);
	up_write(&u->iolock);
	if (err == 1)
		err = 0;
	return copied ? copied : err;
}

long unix_recvmsg(struct file *f, struct msghdr *msg, size_t size, unsigned int flags)
{
	struct unix_sock *u = f->private_data;

	if (u->type == SOCK_STREAM)
		return unix_stream_recvmsg(u, msg, size, flags);
	return unix_dgram_recvmsg(u, msg, size, flags);
}

/* Linux's sock_read_iter(): read() as a recv with no flags (O_NONBLOCK: MSG_DONTWAIT). */
static long sock_read(struct file *f, char __user *buf, size_t count, long *ppos)
{
	struct iovec iov = { .iov_base = buf, .iov_len = count };
	struct msghdr msg = { .msg_flags = 0 };

	if (!count)
		return 0;
	iov_iter_init(&msg.msg_iter, &iov, 1, count);
	return unix_recvmsg(f, &msg, count, f->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0);
}

/* Linux's sock_write_iter(): write() as a send with no flags (even of 0 bytes: an empty message). */
static long sock_write(struct file *f, const char __user *buf, size_t count, long *ppos)
{
	struct iovec iov = { .iov_base = (void __user *)buf, .iov_len = count };
	struct msghdr msg = { .msg_flags = f->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0 };

	iov_iter_init(&msg.msg_iter, &iov, 1, count);
	return unix_sendmsg(f, &msg, count);
}

/*
 * Linux's unix_poll() and unix_dgram_poll(), without locks: readable with
 * data or once shut for reading (POLLIN), hung up when shut both ways (and
 * a stream or seqpacket socket whose peer is gone), in error with an error
 * pending, writable while unix_writable().
 */
static unsigned int sock_poll(struct file *f, poll_table *wait)
{
	struct unix_sock *u = f->private_data;
	unsigned char shutdown = READ_ONCE(u->shutdown);
	unsigned int mask = 0;

	poll_wait(f, &u->wait, wait);
	if (READ_ONCE(u->err))
		mask |= POLLERR;
	if (shutdown == SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (shutdown & RCV_SHUTDOWN)
		mask |= POLLIN | POLLRDNORM;
	if (!list_empty(&u->receive_queue))
		mask |= POLLIN | POLLRDNORM;
	if (unix_writable(u))
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

/* fstat() of a socket: S_IFSOCK, rwx for all, as Linux's sock_alloc() inode. */
static void sock_getattr(struct file *f, struct kstat *stat)
{
	stat->mode = S_IFSOCK | 0777;
	stat->nlink = 1;
	stat->blksize = PAGE_SIZE;
}

/*
 * Linux's unix_release_sock(): the last reference to an end. A stream or
 * seqpacket peer is shut down both ways (and told -ECONNRESET if data was
 * left unread here) and woken; what was queued here is freed, which gives
 * the peer its room back.
 */
static void sock_release(struct file *f)
{
	struct unix_sock *u = f->private_data, *peer;
	unsigned long irq;
	LIST_HEAD(queue);

	irq = unix_state_lock(u);
	u->dead = true;
	WRITE_ONCE(u->shutdown, SHUTDOWN_MASK);
	peer = u->peer;
	u->peer = NULL;
	unix_take_queue(u, &queue);
	unix_state_unlock(u, irq);
	if (peer && u->type != SOCK_DGRAM) {
		irq = unix_state_lock(peer);
		WRITE_ONCE(peer->shutdown, SHUTDOWN_MASK);
		if (!list_empty(&queue))
			WRITE_ONCE(peer->err, ECONNRESET);
		unix_state_unlock(peer, irq);
	}
	if (peer)
		wake_up(&peer->wait);
	unix_purge_queue(&queue);
	if (peer)
		sock_put(peer);
	sock_put(u);
	kfree(f);
}

static const struct file_operations socket_file_ops = {
	.read = sock_read,
	.write = sock_write,
	.release = sock_release,
	.getattr = sock_getattr,
	.poll = sock_poll,
};

int unix_shutdown(struct file *f, int how)
{
	struct unix_sock *u = f->private_data, *other;
	int mode = how + 1, peer_mode = 0;
	unsigned long irq;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	irq = unix_state_lock(u);
	WRITE_ONCE(u->shutdown, u->shutdown | mode);
	unix_state_unlock(u, irq);
	wake_up(&u->wait);
	other = unix_peer_get(u);
	if (!other)
		return 0;
	if (u->type != SOCK_DGRAM) {
		if (mode & RCV_SHUTDOWN)
			peer_mode |= SEND_SHUTDOWN;
		if (mode & SEND_SHUTDOWN)
			peer_mode |= RCV_SHUTDOWN;
		irq = unix_state_lock(other);
		WRITE_ONCE(other->shutdown, other->shutdown | peer_mode);
		unix_state_unlock(other, irq);
		wake_up(&other->wait);
	}
	sock_put(other);
	return 0;
}

int unix_getsockopt(struct file *f, int optname, int *val)
{
	struct unix_sock *u = f->private_data;

	switch (optname) {
	case SO_TYPE:
		*val = u->type;
		return 0;
	case SO_ERROR:
		*val = -sock_error(u);
		return 0;
	case SO_SNDBUF:
		*val = u->sndbuf;
		return 0;
	case SO_RCVBUF:
		*val = SK_WMEM_MAX; /* net.core.rmem_default, the same 212992 */
		return 0;
	case SO_DOMAIN:
		*val = AF_UNIX;
		return 0;
	}
	return -ENOPROTOOPT;
}

/* Linux's unix_create1(): one unconnected end of @type. */
static struct unix_sock *unix_create1(int type)
{
	struct unix_sock *u = kzalloc(sizeof(*u), GFP_KERNEL);

	if (!u)
		return NULL;
	spin_lock_init(&u->lock);
	init_rwsem(&u->iolock);
	init_waitqueue_head(&u->wait);
	INIT_LIST_HEAD(&u->receive_queue);
	u->sndbuf = SK_WMEM_MAX;
	u->refcnt = 1;
	u->type = type;
	return u;
}

/* Linux's sock_alloc_file(): @u as an open file, read-write, with @flags' O_NONBLOCK. */
static struct file *sock_alloc_file(struct unix_sock *u, unsigned int flags)
{
	struct file *f = kmalloc(sizeof(*f), GFP_KERNEL);

	if (f) {
		init_file(f, &socket_file_ops, O_RDWR | (flags & O_NONBLOCK));
		f->private_data = u;
	}
	return f;
}

int unix_socketpair(int type, int protocol, unsigned int flags, struct file *files[2])
{
	struct unix_sock *a, *b;

	if (protocol && protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	if (type == SOCK_RAW)
		type = SOCK_DGRAM; /* "Believe it or not BSD has AF_UNIX, SOCK_RAW" (Linux) */
	if (type != SOCK_STREAM && type != SOCK_DGRAM && type != SOCK_SEQPACKET)
		return -ESOCKTNOSUPPORT;
	a = unix_create1(type);
	b = unix_create1(type);
	files[0] = a ? sock_alloc_file(a, flags) : NULL;
	files[1] = b ? sock_alloc_file(b, flags) : NULL;
	if (!files[0] || !files[1]) {
		kfree(files[0]);
		kfree(files[1]);
		kfree(a);
		kfree(b);
		return -ENOMEM;
	}
	/* Back to back (Linux's unix_socketpair()): each holds the other. */
	a->peer = b;
	b->peer = a;
	a->refcnt = b->refcnt = 2;
	return 0;
}
