// SPDX-License-Identifier: GPL-2.0
/*
 * The socket system calls, as Linux's net/socket.c (Loam's tree has no
 * net/ directory): the user's arguments are checked and copied in the
 * order Linux does, then the socket's family moves the data. The one
 * family is AF_UNIX, and only as socketpair() makes it (kernel/af_unix.c):
 * socket(), bind(), connect(), listen() and accept() are not in Loam
 * (-ENOSYS), so every socket has its peer from the start.
 *
 * A descriptor that is not a socket is -ENOTSOCK; sendmsg() with control
 * messages (SCM_RIGHTS, SCM_CREDENTIALS) is -EINVAL, and recvmsg() never
 * returns any (msg_controllen 0). Sockets have no names: a receive that
 * asks for the sender's address gets an empty one (length 0), as Linux
 * gives for an unnamed sender.
 */
#include <file.h>
#include <fs.h>
#include <kernel.h>
#include <net.h>
#include <slab.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/socket.h>
#include <uio.h>

/* Linux's MAX_RW_COUNT: one call moves at most this much (INT_MAX rounded to pages). */
#define MAX_RW_COUNT (0x7fffffffUL & PAGE_MASK)

/* Linux's sockfd_lookup_light(): the socket open at @fd, or NULL and -EBADF / -ENOTSOCK. */
static struct file *sockfd_lookup(unsigned long fd, long *err)
{
	struct file *f = fget(fd);

	*err = -EBADF;
	if (!f)
		return NULL;
	*err = -ENOTSOCK;
	return sock_from_file(f) ? f : NULL;
}

/* Linux's move_addr_to_kernel(): the user's address of @ulen bytes into @kaddr. */
static int move_addr_to_kernel(const void __user *uaddr, int ulen, void *kaddr)
{
	if (ulen < 0 || ulen > _K_SS_MAXSIZE)
		return -EINVAL;
	if (ulen && copy_from_user(kaddr, uaddr, ulen))
		return -EFAULT;
	return 0;
}

/*
 * Linux's move_addr_to_user(): the address of @klen bytes (0: unnamed) to
 * the user's buffer, at most the *@ulen it has room for, and @klen to *@ulen.
 */
static int move_addr_to_user(const void *kaddr, int klen, void __user *uaddr, int __user *ulen)
{
	int len;

	if (copy_from_user(&len, ulen, sizeof(len)))
		return -EFAULT;
	if (len > klen)
		len = klen;
	if (len < 0)
		return -EINVAL;
	if (len && copy_to_user(uaddr, kaddr, len))
		return -EFAULT;
	return copy_to_user(ulen, &klen, sizeof(klen)) ? -EFAULT : 0;
}

/* Linux's __sock_create() twice and ->socketpair(): the family's range, the type's, the family. */
static long sock_create_pair(long family, long type, long protocol, unsigned int flags,
			     struct file *files[2])
{
	if ((int)family < 0 || (int)family >= AF_MAX)
		return -EAFNOSUPPORT;
	if (type >= SOCK_MAX)
		return -EINVAL;
	if ((int)family != AF_UNIX)
		return -EAFNOSUPPORT;
	return unix_socketpair(type, (int)protocol, flags, files);
}

/*
 * Linux's __sys_socketpair(): two descriptors for the two ends, installed
 * for good only once @usockvec took them (-EFAULT leaves the table as it
 * was). Loam's get_unused_fd_flags() reserves nothing, so the sockets are
 * made first and the first end holds its slot while the second is found
 * (as do_pipe2() does): the family's, type's and protocol's errors come
 * before -EMFILE and -EFAULT, where Linux reserves and stores first.
 */
long sys_socketpair(long family, long type, long protocol, int __user *usockvec)
{
	unsigned int flags = (unsigned int)type & ~SOCK_TYPE_MASK;
	struct file *files[2];
	long err;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	err = sock_create_pair(family, (unsigned int)type & SOCK_TYPE_MASK, protocol, flags, files);
	if (err)
		return err;
	return fd_install_pair(files, usockvec, flags);
}

/* One user buffer as a message's data (Linux's import_ubuf()). */
static long import_ubuf(void __user *buf, size_t len, struct iovec *iov, struct msghdr *msg)
{
	if (!access_ok(buf, len))
		return -EFAULT;
	iov->iov_base = buf;
	iov->iov_len = min(len, MAX_RW_COUNT);
	iov_iter_init(&msg->msg_iter, iov, 1, iov->iov_len);
	return 0;
}

/* Linux's __sys_sendto(): send @buff, to @addr if given (a connected stream: -EISCONN). */
long sys_sendto(unsigned long fd, void __user *buff, unsigned long len, unsigned long flags,
		void __user *addr, long addr_len)
{
	char address[_K_SS_MAXSIZE];
	struct msghdr msg = { 0 };
	struct iovec iov;
	struct file *f;
	long err = import_ubuf(buff, len, &iov, &msg);

	if (err)
		return err;
	f = sockfd_lookup(fd, &err);
	if (!f)
		return err;
	if (addr) {
		err = move_addr_to_kernel(addr, (int)addr_len, address);
		if (err)
			return err;
		msg.msg_name = address;
		msg.msg_namelen = (int)addr_len;
	}
	msg.msg_flags = (unsigned int)flags | (f->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0);
	return unix_sendmsg(f, &msg, iov.iov_len);
}

/* Linux's __sys_recvfrom(): receive into @ubuf; the sender's address (empty) to @addr if asked. */
long sys_recvfrom(unsigned long fd, void __user *ubuf, unsigned long size, unsigned long flags,
		  void __user *addr, int __user *addr_len)
{
	struct msghdr msg = { 0 };
	struct iovec iov;
	struct file *f;
	long err = import_ubuf(ubuf, size, &iov, &msg), err2;

	if (err)
		return err;
	f = sockfd_lookup(fd, &err);
	if (!f)
		return err;
	flags = (unsigned int)flags | (f->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0);
	err = unix_recvmsg(f, &msg, iov.iov_len, flags);
	if (err >= 0 && addr) {
		err2 = move_addr_to_user(NULL, msg.msg_namelen, addr, addr_len);
		if (err2 < 0)
			err = err2;
	}
	return err;
}

/*
 * Linux's copy_msghdr_from_user(): the header, its address (@kaddr for a
 * send, or the user's pointer kept in *@save_addr for a receive) and its
 * vector (into @iov, allocated past UIO_FASTIOV: the caller frees *@iovp
 * if it is not @iov). 0 or -errno.
 */
static long copy_msghdr_from_user(struct msghdr *kmsg, struct user_msghdr *msg,
				  const struct user_msghdr __user *umsg, void *kaddr,
				  void __user **save_addr, struct iovec **iovp)
{
	long err;

	if (copy_from_user(msg, umsg, sizeof(*msg)))
		return -EFAULT;
	if (!msg->msg_name)
		msg->msg_namelen = 0;
	if (msg->msg_namelen < 0)
		return -EINVAL;
	kmsg->msg_namelen = min(msg->msg_namelen, _K_SS_MAXSIZE);
	if (save_addr)
		*save_addr = msg->msg_name;
	else if (kmsg->msg_namelen) {
		err = move_addr_to_kernel(msg->msg_name, kmsg->msg_namelen, kaddr);
		if (err)
			return err;
		kmsg->msg_name = kaddr;
	}
	if (msg->msg_iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	if (msg->msg_iovlen > UIO_FASTIOV) {
		*iovp = kmalloc(msg->msg_iovlen * sizeof(struct iovec), GFP_KERNEL);
		if (!*iovp)
			return -ENOMEM;
	}
	err = import_iovec(msg->msg_iov, msg->msg_iovlen, *iovp);
	if (err < 0)
		return err;
	iov_iter_init(&kmsg->msg_iter, *iovp, msg->msg_iovlen, err);
	return 0;
}

/* Linux's ____sys_sendmsg(): the message; control data of a cmsghdr or more is -EINVAL. */
long sys_sendmsg(unsigned long fd, const struct user_msghdr __user *umsg, unsigned long flags)
{
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	char address[_K_SS_MAXSIZE];
	struct msghdr kmsg = { 0 };
	struct user_msghdr msg;
	struct file *f;
	long err;

	f = sockfd_lookup(fd, &err);
	if (!f)
		return err;
	err = copy_msghdr_from_user(&kmsg, &msg, umsg, address, NULL, &iov);
	if (!err && msg.msg_controllen > 0x7fffffff)
		err = -ENOBUFS;
	else if (!err && msg.msg_controllen >= sizeof(struct cmsghdr))
		err = -EINVAL;
	if (!err) {
		kmsg.msg_flags = (unsigned int)flags | (f->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0);
		err = unix_sendmsg(f, &kmsg, kmsg.msg_iter.count);
	}
	if (iov != fast)
		kfree(iov);
	return err;
}

/*
 * Linux's ____sys_recvmsg(): the message, then the sender's address
 * (empty), msg_flags (MSG_TRUNC for a cut message) and msg_controllen (0)
 * written back to the user's header.
 */
long sys_recvmsg(unsigned long fd, struct user_msghdr __user *umsg, unsigned long flags)
{
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	struct msghdr kmsg = { 0 };
	struct user_msghdr msg;
	void __user *uaddr;
	unsigned long zero = 0;
	struct file *f;
	long err, len;

	f = sockfd_lookup(fd, &err);
	if (!f)
		return err;
	err = copy_msghdr_from_user(&kmsg, &msg, umsg, NULL, &uaddr, &iov);
	if (err)
		goto out;
	kmsg.msg_namelen = 0;
	flags = (unsigned int)flags | (f->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0);
	err = len = unix_recvmsg(f, &kmsg, kmsg.msg_iter.count, flags);
	if (err < 0)
		goto out;
	err = 0;
	if (uaddr)
		err = move_addr_to_user(NULL, kmsg.msg_namelen, uaddr, &umsg->msg_namelen);
	if (!err && (copy_to_user(&umsg->msg_flags, &kmsg.msg_flags, sizeof(kmsg.msg_flags)) ||
		     copy_to_user(&umsg->msg_controllen, &zero, sizeof(zero))))
		err = -EFAULT;
	if (!err)
		err = len;
out:
	if (iov != fast)
		kfree(iov);
	return err;
}

/* Linux's __sys_shutdown(). */
long sys_shutdown(unsigned long fd, long how)
{
	struct file *f;
	long err;

	f = sockfd_lookup(fd, &err);
	return f ? unix_shutdown(f, (int)how) : err;
}

/*
 * Linux's __sys_getsockopt() with sk_getsockopt(): the int options at
 * SOL_SOCKET (SO_TYPE, SO_ERROR, SO_SNDBUF, SO_RCVBUF, SO_DOMAIN), cut to
 * the *@optlen the user has room for; another level is the family's,
 * which for AF_UNIX has none (-EOPNOTSUPP).
 */
long sys_getsockopt(unsigned long fd, long level, long optname, void __user *optval,
		    int __user *optlen)
{
	struct file *f;
	int len, val;
	long err;

	f = sockfd_lookup(fd, &err);
	if (!f)
		return err;
	if ((int)level != SOL_SOCKET)
		return -EOPNOTSUPP;
	if (copy_from_user(&len, optlen, sizeof(len)))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	err = unix_getsockopt(f, (int)optname, &val);
	if (err)
		return err;
	len = min(len, (int)sizeof(val));
	if (copy_to_user(optval, &val, len) || copy_to_user(optlen, &len, sizeof(len)))
		return -EFAULT;
	return 0;
}
