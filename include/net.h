/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sockets inside the kernel (Linux's include/linux/net.h, socket.h). The
 * system calls (kernel/socket.c, Linux's net/socket.c) check and copy the
 * user's arguments; the one family Loam has, AF_UNIX (kernel/af_unix.c,
 * Linux's net/unix/af_unix.c), moves the data. With one family there is no
 * struct proto_ops table: socket.c calls af_unix.c's methods directly.
 */
#ifndef LOAM_NET_H
#define LOAM_NET_H

#include <fs.h>
#include <types.h>
#include <uio.h>

/* A send's or a receive's arguments in the kernel (Linux's struct msghdr). */
struct msghdr {
	void *msg_name; /* send: the address, copied in (NULL: none) */
	int msg_namelen; /* its bytes; receive: the sender's address's, 0 for an unnamed one */
	struct iov_iter msg_iter; /* the data */
	unsigned int msg_flags; /* send: MSG_*; receive: MSG_TRUNC when a message was cut */
};

/*
 * Linux's unix_create() twice and unix_socketpair(): two AF_UNIX sockets of
 * @type (SOCK_STREAM, SOCK_DGRAM or its alias SOCK_RAW, SOCK_SEQPACKET)
 * joined to each other, as open files with @flags (O_NONBLOCK) in @files.
 * 0, -EPROTONOSUPPORT, -ESOCKTNOSUPPORT or -ENOMEM.
 */
int unix_socketpair(int type, int protocol, unsigned int flags, struct file *files[2]);
/* Is @f a socket (Linux's sock_from_file())? */
bool sock_from_file(struct file *f);
/* Linux's unix_*_sendmsg(): send @len bytes of @msg; the bytes sent or -errno. */
long unix_sendmsg(struct file *f, struct msghdr *msg, size_t len);
/* Linux's unix_*_recvmsg(): receive up to @size bytes into @msg; the bytes or -errno. */
long unix_recvmsg(struct file *f, struct msghdr *msg, size_t size, unsigned int flags);
/* Linux's unix_shutdown(): @how is SHUT_RD, SHUT_WR or SHUT_RDWR; 0 or -EINVAL. */
int unix_shutdown(struct file *f, int how);
/* Linux's sk_getsockopt() for the int options at SOL_SOCKET: 0 and *@val, or -ENOPROTOOPT. */
int unix_getsockopt(struct file *f, int optname, int *val);

#endif
