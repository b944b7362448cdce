/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sockets' constants (Linux's include/linux/socket.h, include/linux/net.h,
 * asm-generic/socket.h, include/uapi/linux/un.h); shared with user space.
 */
#ifndef LOAM_UAPI_SOCKET_H
#define LOAM_UAPI_SOCKET_H

/* Address families: the only one Loam has is AF_UNIX (AF_LOCAL). */
#define AF_UNIX 1
#define AF_LOCAL AF_UNIX
#define AF_INET 2
#define AF_MAX 46 /* Linux's NPROTO: a family at or above it is -EAFNOSUPPORT */

/* Socket types (include/linux/net.h), and the flags or'ed into socket()'s type. */
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_RDM 4
#define SOCK_SEQPACKET 5
#define SOCK_DCCP 6
#define SOCK_PACKET 10
#define SOCK_MAX (SOCK_PACKET + 1)
#define SOCK_TYPE_MASK 0xf
#define SOCK_CLOEXEC 02000000 /* O_CLOEXEC */
#define SOCK_NONBLOCK 00004000 /* O_NONBLOCK */

/* send and receive flags (include/linux/socket.h). */
#define MSG_OOB 0x1
#define MSG_PEEK 0x2
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_EOR 0x80
#define MSG_WAITALL 0x100
#define MSG_NOSIGNAL 0x4000

/* shutdown()'s how. */
#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2

/* getsockopt() at SOL_SOCKET (asm-generic/socket.h). */
#define SOL_SOCKET 1
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_DOMAIN 39

/* struct sockaddr_un's sun_path starts here; the whole is 110 bytes (un.h). */
#define UNIX_PATH_MAX 108
/* The largest address a call copies in (struct __kernel_sockaddr_storage). */
#define _K_SS_MAXSIZE 128

/* sendmsg()'s and recvmsg()'s header, as a 64-bit process lays it out. */
struct user_msghdr {
	void *msg_name;
	int msg_namelen;
	void *msg_iov; /* struct iovec [] */
	unsigned long msg_iovlen;
	void *msg_control;
	unsigned long msg_controllen;
	unsigned int msg_flags;
};

/* A control message's header (struct cmsghdr). */
struct cmsghdr {
	unsigned long cmsg_len;
	int cmsg_level;
	int cmsg_type;
};

#endif
