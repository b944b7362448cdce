// SPDX-License-Identifier: GPL-2.0
/*
 * socketpair-test: AF_UNIX socket pairs as Linux's net/unix/af_unix.c
 * makes them, with raw ecalls. socketpair()'s errors (flags, family, type,
 * protocol, a bad pointer leaving no descriptor behind); fstat's S_IFSOCK,
 * SOCK_CLOEXEC, SOCK_NONBLOCK, getsockopt; message boundaries of
 * SOCK_SEQPACKET and SOCK_DGRAM (a short read truncates, MSG_TRUNC, empty
 * messages) against SOCK_STREAM's byte stream, MSG_PEEK, sendmsg/recvmsg
 * with iovecs; EOF and -ECONNRESET after the peer's close, -ECONNREFUSED
 * for dgram; -EPIPE with SIGPIPE (stream) or without (seqpacket),
 * MSG_NOSIGNAL; readers and writers blocked until a forked child acts,
 * 1 MiB through a stream, the send buffer's bound, -EAGAIN; shutdown();
 * a blocked read interrupted by a signal; ppoll.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "../include/uapi/errno.h"
#include "../include/uapi/signal.h"
#include "../include/uapi/socket.h"
#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define BULK (1 << 20)
#define CHUNK 7001
#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define POLLIN 0x0001
#define POLLOUT 0x0004
#define POLLERR 0x0008
#define POLLHUP 0x0010

struct pollfd {
	int fd;
	short events, revents;
};

static volatile long hits;
static char buf[1 << 16];

static long socketpair(long family, long type, long protocol, int sv[2])
{
	return syscall6(__NR_socketpair, family, type, protocol, (long)sv, 0, 0);
}

static long sendto(int fd, const void *p, size_t len, int flags, const void *addr, int alen)
{
	return syscall6(__NR_sendto, fd, (long)p, len, flags, (long)addr, alen);
}

static long recv(int fd, void *p, size_t len, int flags)
{
	return syscall6(__NR_recvfrom, fd, (long)p, len, flags, 0, 0);
}

static long shutdown(int fd, int how)
{
	return syscall6(__NR_shutdown, fd, how, 0, 0, 0, 0);
}

static long getsockopt_int(int fd, int name, int *val)
{
	int len = sizeof(*val);

	return syscall6(__NR_getsockopt, fd, SOL_SOCKET, name, (long)val, (long)&len, 0);
}

static void set_handler(int sig, void *fn, unsigned long flags)
{
	struct sigaction sa = { .sa_handler = (__sighandler_t)fn, .sa_flags = flags };

	syscall6(__NR_rt_sigaction, sig, (long)&sa, 0, sizeof(sigset_t), 0, 0);
}

static void on_signal(int sig)
{
	hits++;
}

static void close_pair(int sv[2])
{
	sys_close(sv[0]);
	sys_close(sv[1]);
}

/* A pair of @type, or the test run ends. */
static void pair(int type, int sv[2])
{
	long r = socketpair(AF_UNIX, type, 0, sv);

	if (r) {
		tap_ok(false, "socketpair(AF_UNIX, %#x): %ld", type, r);
		sys_exit_group(tap_done());
	}
}

static void sleep_ms(long ms)
{
	struct linux_timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	sys_nanosleep(&ts, NULL);
}

/* The exit status of child @pid (or -1). */
static int reap(long pid)
{
	int status = 0;

	return sys_wait4(pid, &status, 0, NULL) == pid ? status : -1;
}

static void creation_errors(void)
{
	int sv[2] = { -1, -1 }, before = sys_dup(0);
	int *volatile bad = (int *)8;
	long r;

	sys_close(before);
	r = socketpair(AF_UNIX, SOCK_STREAM, 0, bad);
	tap_ok(r == -EFAULT && sys_dup(0) == before,
	       "socketpair to a bad pointer: -EFAULT, and no descriptor left behind (%ld)", r);
	sys_close(before);
	before = sys_dup(0);
	sys_close(before);
	r = socketpair(AF_UNIX, SOCK_STREAM | 0x100, 0, sv);
	tap_ok(r == -EINVAL, "a type flag other than SOCK_CLOEXEC, SOCK_NONBLOCK: -EINVAL (%ld)",
	       r);
	before = sys_dup(0);
	sys_close(before);
	tap_ok(socketpair(AF_UNIX, 15, 0, sv) == -EINVAL, "a type beyond SOCK_MAX: -EINVAL");
	tap_ok(socketpair(AF_MAX, SOCK_STREAM, 0, sv) == -EAFNOSUPPORT &&
		       socketpair(-1, SOCK_STREAM, 0, sv) == -EAFNOSUPPORT,
	       "a family beyond AF_MAX, or negative: -EAFNOSUPPORT");
	tap_ok(socketpair(AF_UNIX, SOCK_STREAM, 5, sv) == -EPROTONOSUPPORT,
	       "AF_UNIX with protocol 5: -EPROTONOSUPPORT");
	tap_ok(socketpair(AF_UNIX, SOCK_RDM, 0, sv) == -ESOCKTNOSUPPORT &&
		       socketpair(AF_UNIX, SOCK_PACKET, 0, sv) == -ESOCKTNOSUPPORT,
	       "AF_UNIX SOCK_RDM, SOCK_PACKET: -ESOCKTNOSUPPORT");
	r = socketpair(AF_INET, SOCK_STREAM, 0, sv);
	/* Linux's inet has no socketpair (sock_no_socketpair); Loam has no AF_INET at all. */
	tap_ok(r == (on_loam() ? -EAFNOSUPPORT : -EOPNOTSUPP),
	       "AF_INET: -EOPNOTSUPP on Linux, -EAFNOSUPPORT on Loam (%ld)", r);
	tap_ok(sys_dup(0) == before, "no descriptor left behind by the failures");
	sys_close(before);
	tap_ok(!socketpair(AF_UNIX, SOCK_STREAM, AF_UNIX, sv), "protocol PF_UNIX is accepted");
	close_pair(sv);
}

static void call_errors(void)
{
	int sv[2], fd[2];
	unsigned short addr[2] = { AF_UNIX, 0 };
	long r, r2, r3;

	pair(SOCK_SEQPACKET, sv);
	syscall6(__NR_pipe2, (long)fd, 0, 0, 0, 0, 0);
	tap_ok(sendto(fd[1], "x", 1, 0, NULL, 0) == -ENOTSOCK &&
		       recv(fd[0], buf, 1, 0) == -ENOTSOCK && shutdown(fd[0], SHUT_RD) == -ENOTSOCK,
	       "sendto, recvfrom, shutdown on a pipe: -ENOTSOCK");
	tap_ok(sendto(1000, "x", 1, 0, NULL, 0) == -EBADF, "sendto on a closed descriptor: -EBADF");
	tap_ok(shutdown(sv[0], 3) == -EINVAL && shutdown(sv[0], -1) == -EINVAL,
	       "shutdown with how 3 or -1: -EINVAL");
	tap_ok(sendto(sv[0], "x", 1, MSG_OOB, NULL, 0) == -EOPNOTSUPP,
	       "seqpacket send with MSG_OOB: -EOPNOTSUPP");
	r = sendto(sv[0], (void *)8, 1, 0, NULL, 0);
	sys_write(sv[0], "lost", 4);
	r2 = recv(sv[1], (void *)8, 4, MSG_DONTWAIT);
	r3 = recv(sv[1], buf, 4, MSG_DONTWAIT);
	tap_ok(r == -EFAULT && r2 == -EFAULT && r3 == -EAGAIN,
	       "sendto, recvfrom with a bad buffer: -EFAULT, the message gone (%ld, %ld, %ld)", r,
	       r2, r3);
	tap_ok(sendto(sv[0], "x", 1, 0, addr, 200) == -EINVAL,
	       "sendto with an address longer than sockaddr_storage: -EINVAL");
	close_pair(sv);
	close_pair(fd);
	pair(SOCK_STREAM, sv);
	tap_ok(sendto(sv[0], "x", 1, 0, addr, sizeof(addr)) == -EISCONN,
	       "stream sendto with an address: -EISCONN");
	close_pair(sv);
}

static void attributes(void)
{
	unsigned int st[32];
	int sv[2], val = -1, val1 = -1;

	pair(SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, sv);
	/* struct stat on riscv64: st_dev, st_ino (8 bytes each), then st_mode. */
	tap_ok(!syscall6(__NR_fstat, sv[0], (long)st, 0, 0, 0, 0) && (st[4] & S_IFMT) == S_IFSOCK,
	       "fstat of a socket: S_IFSOCK (mode %#o)", st[4]);
	tap_ok(sys_fcntl(sv[0], F_GETFD, 0) == FD_CLOEXEC &&
		       sys_fcntl(sv[1], F_GETFD, 0) == FD_CLOEXEC,
	       "SOCK_CLOEXEC sets FD_CLOEXEC on both ends");
	tap_ok(sys_fcntl(sv[0], F_GETFL, 0) == (O_RDWR | O_NONBLOCK) &&
		       sys_fcntl(sv[1], F_GETFL, 0) == (O_RDWR | O_NONBLOCK),
	       "SOCK_NONBLOCK: both ends O_RDWR | O_NONBLOCK");
	tap_ok(!getsockopt_int(sv[0], SO_TYPE, &val) && val == SOCK_STREAM,
	       "getsockopt SO_TYPE: SOCK_STREAM (%d)", val);
	tap_ok(!getsockopt_int(sv[0], SO_SNDBUF, &val) && val >= 4096 &&
		       !getsockopt_int(sv[1], SO_RCVBUF, &val1) && val1 >= 4096,
	       "getsockopt SO_SNDBUF, SO_RCVBUF (%d, %d)", val, val1);
	tap_ok(getsockopt_int(sv[0], 9999, &val) == -ENOPROTOOPT,
	       "getsockopt of an unknown option: -ENOPROTOOPT");
	close_pair(sv);
	pair(SOCK_RAW, sv);
	tap_ok(!getsockopt_int(sv[0], SO_TYPE, &val) && val == SOCK_DGRAM,
	       "SOCK_RAW makes SOCK_DGRAM sockets (SO_TYPE %d)", val);
	close_pair(sv);
	pair(SOCK_SEQPACKET, sv);
	tap_ok(sys_fcntl(sv[0], F_GETFD, 0) == 0 && sys_fcntl(sv[0], F_GETFL, 0) == O_RDWR,
	       "without flags: no FD_CLOEXEC, no O_NONBLOCK");
	close_pair(sv);
}

/* Seqpacket or dgram: each write one message, a short read truncating it. */
static void boundaries(int type, const char *name)
{
	int sv[2];
	long a, b, c;

	pair(type, sv);
	sys_write(sv[0], "abc", 3);
	sys_write(sv[0], "defgh", 5);
	a = sys_read(sv[1], buf, sizeof(buf));
	b = sys_read(sv[1], buf + 10, sizeof(buf));
	tap_ok(a == 3 && b == 5 && !memcmp(buf, "abc", 3) && !memcmp(buf + 10, "defgh", 5),
	       "%s: two writes are two messages (%ld, %ld)", name, a, b);
	sys_write(sv[0], "hello world", 11);
	sys_write(sv[0], "next", 4);
	a = sys_read(sv[1], buf, 5);
	b = sys_read(sv[1], buf + 10, sizeof(buf));
	tap_ok(a == 5 && !memcmp(buf, "hello", 5) && b == 4 && !memcmp(buf + 10, "next", 4),
	       "%s: a short read gets the start, the rest is discarded (%ld, %ld)", name, a, b);
	sys_write(sv[0], "hello world", 11);
	a = recv(sv[1], buf, 5, MSG_PEEK | MSG_TRUNC);
	b = recv(sv[1], buf, 3, MSG_TRUNC);
	c = recv(sv[1], buf, 1, MSG_DONTWAIT);
	tap_ok(a == 11 && b == 11 && c == -EAGAIN,
	       "%s: MSG_TRUNC returns the whole length, MSG_PEEK leaves the message (%ld, %ld, %ld)",
	       name, a, b, c);
	a = sys_write(sv[0], "", 0);
	b = recv(sv[1], buf, 10, MSG_DONTWAIT);
	c = recv(sv[1], buf, 10, MSG_DONTWAIT);
	tap_ok(a == 0 && b == 0 && c == -EAGAIN,
	       "%s: an empty write is an empty message (%ld, %ld, %ld)", name, a, b, c);
	close_pair(sv);
}

static void stream_bytes(void)
{
	int sv[2];
	long a, b;

	pair(SOCK_STREAM, sv);
	sys_write(sv[0], "abc", 3);
	sys_write(sv[0], "defgh", 5);
	a = sys_read(sv[1], buf, sizeof(buf));
	tap_ok(a == 8 && !memcmp(buf, "abcdefgh", 8), "stream: two writes read as one (%ld)", a);
	sys_write(sv[0], "hello world", 11);
	a = sys_read(sv[1], buf, 5);
	b = sys_read(sv[1], buf + 5, sizeof(buf));
	tap_ok(a == 5 && b == 6 && !memcmp(buf, "hello world", 11),
	       "stream: a short read leaves the rest (%ld, %ld)", a, b);
	sys_write(sv[0], "peek", 4);
	a = recv(sv[1], buf, 2, MSG_PEEK);
	b = sys_read(sv[1], buf + 10, 10);
	tap_ok(a == 2 && b == 4 && !memcmp(buf + 10, "peek", 4), "stream: MSG_PEEK then read");
	a = sys_write(sv[0], "", 0);
	b = recv(sv[1], buf, 10, MSG_DONTWAIT);
	tap_ok(a == 0 && b == -EAGAIN, "stream: an empty write sends nothing (%ld, %ld)", a, b);
	close_pair(sv);
}

static void msg_calls(void)
{
	struct linux_iovec out[3] = { { "ab", 2 }, { "", 0 }, { "cdef", 4 } };
	char x[3], y[8];
	struct linux_iovec in[2] = { { x, sizeof(x) }, { y, sizeof(y) } };
	struct user_msghdr m = { .msg_iov = out, .msg_iovlen = 3 };
	int sv[2], alen = 99;
	long a, b;

	pair(SOCK_SEQPACKET, sv);
	a = syscall6(__NR_sendmsg, sv[0], (long)&m, 0, 0, 0, 0);
	m = (struct user_msghdr){ .msg_iov = in, .msg_iovlen = 2, .msg_flags = 0x1234 };
	b = syscall6(__NR_recvmsg, sv[1], (long)&m, 0, 0, 0, 0);
	tap_ok(a == 6 && b == 6 && !memcmp(x, "abc", 3) && !memcmp(y, "def", 3) && m.msg_flags == 0,
	       "sendmsg of three iovecs is one message, recvmsg scatters it (%ld, %ld, %.3s%.3s, %#x)",
	       a, b, x, y, m.msg_flags);
	sys_write(sv[0], "0123456789", 10);
	in[1].iov_len = 2;
	m = (struct user_msghdr){ .msg_iov = in, .msg_iovlen = 2 };
	b = syscall6(__NR_recvmsg, sv[1], (long)&m, 0, 0, 0, 0);
	tap_ok(b == 5 && m.msg_flags == MSG_TRUNC,
	       "recvmsg of a longer message: MSG_TRUNC in msg_flags (%ld, %#x)", b, m.msg_flags);
	m = (struct user_msghdr){ .msg_iov = in, .msg_iovlen = 2000 };
	tap_ok(syscall6(__NR_sendmsg, sv[0], (long)&m, 0, 0, 0, 0) == -EMSGSIZE,
	       "sendmsg with more than UIO_MAXIOV iovecs: -EMSGSIZE");
	tap_ok(syscall6(__NR_recvmsg, sv[1], 8, 0, 0, 0, 0) == -EFAULT,
	       "recvmsg of a bad header: -EFAULT");
	sys_write(sv[0], "zz", 2);
	a = syscall6(__NR_recvfrom, sv[1], (long)buf, 10, 0, (long)(buf + 100), (long)&alen);
	tap_ok(a == 2 && alen == 0, "recvfrom asking for the address: an unnamed sender, length 0");
	close_pair(sv);
}

static void eof(void)
{
	int sv[2];
	long a, b, c;

	pair(SOCK_STREAM, sv);
	sys_write(sv[0], "xyz", 3);
	sys_close(sv[0]);
	a = sys_read(sv[1], buf, 10);
	b = sys_read(sv[1], buf, 10);
	tap_ok(a == 3 && b == 0, "stream: data before the close, then EOF (%ld, %ld)", a, b);
	sys_close(sv[1]);
	pair(SOCK_SEQPACKET, sv);
	sys_write(sv[0], "m1", 2);
	sys_close(sv[0]);
	a = sys_read(sv[1], buf, 10);
	b = sys_read(sv[1], buf, 10);
	c = recv(sv[1], buf, 10, MSG_DONTWAIT);
	tap_ok(a == 2 && b == 0 && c == 0, "seqpacket: the message, then EOF (%ld, %ld, %ld)", a, b,
	       c);
	sys_close(sv[1]);
	/* The closed end left data unread: its peer is told once. */
	pair(SOCK_STREAM, sv);
	sys_write(sv[1], "unread", 6);
	sys_write(sv[0], "ab", 2);
	sys_close(sv[0]);
	a = sys_read(sv[1], buf, 10);
	b = sys_read(sv[1], buf, 10);
	c = sys_read(sv[1], buf, 10);
	tap_ok(a == 2 && b == -ECONNRESET && c == 0,
	       "stream: peer closed with data unread: data, -ECONNRESET, EOF (%ld, %ld, %ld)", a, b,
	       c);
	sys_close(sv[1]);
	pair(SOCK_SEQPACKET, sv);
	sys_write(sv[1], "unread", 6);
	sys_write(sv[0], "ab", 2);
	sys_close(sv[0]);
	a = sys_read(sv[1], buf, 10);
	b = sys_read(sv[1], buf, 10);
	c = sys_read(sv[1], buf, 10);
	tap_ok(a == -ECONNRESET && b == 2 && c == 0,
	       "seqpacket: the same: -ECONNRESET first, then the message, EOF (%ld, %ld, %ld)", a,
	       b, c);
	sys_close(sv[1]);
	pair(SOCK_DGRAM, sv);
	sys_write(sv[0], "left", 4);
	sys_close(sv[0]);
	a = sys_write(sv[1], "x", 1);
	b = sys_write(sv[1], "x", 1);
	c = recv(sv[1], buf, 10, MSG_DONTWAIT);
	tap_ok(a == -ECONNREFUSED && b == -ENOTCONN && c == -EAGAIN,
	       "dgram: a send to a closed peer -ECONNREFUSED, then -ENOTCONN; what it had sent"
	       " is lost (%ld, %ld, %ld)",
	       a, b, c);
	sys_close(sv[1]);
	pair(SOCK_DGRAM, sv);
	sys_write(sv[0], "left", 4);
	sys_close(sv[0]);
	c = recv(sv[1], buf, 10, MSG_DONTWAIT);
	tap_ok(c == 4, "dgram: a closed peer's message is read while no send found it gone (%ld)",
	       c);
	sys_close(sv[1]);
}

static void epipe(void)
{
	int sv[2], status;
	long pid, r;

	pair(SOCK_STREAM, sv);
	sys_close(sv[1]);
	pid = fork_child();
	if (!pid) {
		sys_write(sv[0], "x", 1);
		sys_exit_group(0);
	}
	status = reap(pid);
	tap_ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
	       "stream: a write to a closed peer: SIGPIPE kills (status %#x)", status);
	set_handler(SIGPIPE, on_signal, 0);
	hits = 0;
	r = sys_write(sv[0], "x", 1);
	tap_ok(r == -EPIPE && hits == 1, "SIGPIPE caught: the handler runs, the write is -EPIPE");
	r = sendto(sv[0], "x", 1, MSG_NOSIGNAL, NULL, 0);
	tap_ok(r == -EPIPE && hits == 1, "MSG_NOSIGNAL: -EPIPE without SIGPIPE (%ld)", r);
	sys_close(sv[0]);
	pair(SOCK_SEQPACKET, sv);
	sys_close(sv[1]);
	r = sys_write(sv[0], "x", 1);
	tap_ok(r == -EPIPE && hits == 1, "seqpacket: -EPIPE, and no SIGPIPE (%ld, %ld)", r, hits);
	sys_close(sv[0]);
	set_handler(SIGPIPE, SIG_DFL, 0);
}

/* A child that sleeps @ms, then writes @n bytes of 'y' to @fd and exits. */
static long late_writer(int fd, long ms, size_t n)
{
	long pid = fork_child();

	if (!pid) {
		sleep_ms(ms);
		memset(buf, 'y', n);
		sys_exit_group(sys_write(fd, buf, n) == (long)n ? 0 : 1);
	}
	return pid;
}

static unsigned char pattern(unsigned long i)
{
	return (i * 7 + (i >> 12)) & 0xff;
}

static void bulk_writer(int fd)
{
	static unsigned char out[CHUNK];
	unsigned long pos = 0, i;

	while (pos < BULK) {
		unsigned long n = BULK - pos < CHUNK ? BULK - pos : CHUNK;

		for (i = 0; i < n; i++)
			out[i] = pattern(pos + i);
		if (sys_write(fd, out, n) != (long)n)
			sys_exit_group(1);
		pos += n;
	}
	sys_exit_group(0);
}

static long bulk_reader(int fd)
{
	unsigned long pos = 0, size = 1, i;
	long n;

	while ((n = sys_read(fd, buf, size)) > 0) {
		for (i = 0; i < (unsigned long)n; i++)
			if ((unsigned char)buf[i] != pattern(pos + i))
				return -1;
		pos += n;
		size = size * 3 % (sizeof(buf) - 1) + 1;
	}
	return n ? n : (long)pos;
}

/* Nonblocking sends of @n bytes until -EAGAIN: the bytes sent, or the other error. */
static long fill(int fd, size_t n)
{
	long total = 0, r;

	memset(buf, 'f', n);
	while ((r = sendto(fd, buf, n, MSG_DONTWAIT, NULL, 0)) > 0)
		total += r;
	return r == -EAGAIN ? total : r;
}

static void blocking(void)
{
	int sv[2];
	long pid, r, total;

	pair(SOCK_SEQPACKET, sv);
	pid = late_writer(sv[0], 100, 7);
	r = sys_read(sv[1], buf, sizeof(buf));
	tap_ok(r == 7 && reap(pid) == 0, "a blocked read is woken by a forked child's write (%ld)",
	       r);
	close_pair(sv);
	pair(SOCK_STREAM, sv);
	pid = fork_child();
	if (!pid) {
		sys_close(sv[1]);
		bulk_writer(sv[0]);
	}
	sys_close(sv[0]);
	r = bulk_reader(sv[1]);
	tap_ok(r == BULK, "1 MiB through a stream from a forked writer, every byte checked (%ld)",
	       r);
	tap_ok(reap(pid) == 0, "the writer's writes were all whole");
	sys_close(sv[1]);
	pair(SOCK_STREAM, sv);
	total = fill(sv[0], 4096);
	tap_ok(total >= 65536 && total <= 1 << 20,
	       "stream: nonblocking sends stop at the send buffer's bound (%ld bytes)", total);
	tap_ok(recv(sv[0], buf, 1, MSG_DONTWAIT) == -EAGAIN && recv(sv[1], buf, 1, 0) == 1,
	       "MSG_DONTWAIT on an empty blocking socket: -EAGAIN");
	pid = fork_child();
	if (!pid) {
		sleep_ms(100);
		while (total > 0 && (r = sys_read(sv[1], buf, sizeof(buf))) > 0)
			total -= r;
		sys_exit_group(0);
	}
	r = sys_write(sv[0], buf, 60000);
	tap_ok(r == 60000, "a blocked writer is woken as a child reads (%ld)", r);
	sys_close(sv[0]);
	reap(pid);
	sys_close(sv[1]);
}

static void nonblock(void)
{
	int sv[2], sndbuf = 0;
	unsigned long big;
	long r;

	pair(SOCK_DGRAM | SOCK_NONBLOCK, sv);
	tap_ok(sys_read(sv[0], buf, 1) == -EAGAIN,
	       "SOCK_NONBLOCK read of an empty socket: -EAGAIN");
	getsockopt_int(sv[0], SO_SNDBUF, &sndbuf);
	r = sys_write(sv[0], buf, sizeof(buf));
	tap_ok(r == sizeof(buf), "dgram: a 64 KiB message (%ld)", r);
	r = fill(sv[0], 65536);
	tap_ok(r > 0 && r < 1 << 20,
	       "dgram: nonblocking sends stop at the send buffer's bound (%ld)", r);
	close_pair(sv);
	pair(SOCK_SEQPACKET, sv);
	big = sys_mmap(0, sndbuf, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	r = sendto(sv[0], (void *)big, sndbuf, 0, NULL, 0);
	sys_munmap(big, sndbuf);
	tap_ok(r == -EMSGSIZE, "seqpacket: a message of SO_SNDBUF bytes: -EMSGSIZE (%ld)", r);
	sys_fcntl(sv[1], F_SETFL, O_NONBLOCK);
	tap_ok(sys_read(sv[1], buf, 1) == -EAGAIN, "fcntl F_SETFL O_NONBLOCK: the read is -EAGAIN");
	close_pair(sv);
}

static void shutdowns(void)
{
	int sv[2];
	long a, b, c;

	set_handler(SIGPIPE, SIG_IGN, 0);
	pair(SOCK_STREAM, sv);
	sys_write(sv[0], "abc", 3);
	tap_ok(!shutdown(sv[0], SHUT_WR), "shutdown SHUT_WR");
	a = sys_read(sv[1], buf, 10);
	b = sys_read(sv[1], buf, 10);
	c = sys_write(sv[0], "x", 1);
	tap_ok(a == 3 && b == 0 && c == -EPIPE,
	       "after SHUT_WR: the peer reads the data, then EOF; a write is -EPIPE (%ld, %ld, %ld)",
	       a, b, c);
	a = sys_write(sv[1], "back", 4);
	b = sys_read(sv[0], buf, 10);
	tap_ok(a == 4 && b == 4, "the other way still works (%ld, %ld)", a, b);
	tap_ok(!shutdown(sv[0], SHUT_RD), "shutdown SHUT_RD");
	a = sys_write(sv[1], "x", 1);
	b = sys_read(sv[0], buf, 10);
	tap_ok(a == -EPIPE && b == 0,
	       "after SHUT_RD: the peer's write -EPIPE, a read EOF (%ld, %ld)", a, b);
	close_pair(sv);
	pair(SOCK_DGRAM, sv);
	shutdown(sv[0], SHUT_RDWR);
	a = sys_write(sv[1], "x", 1);
	b = sys_write(sv[0], "x", 1);
	c = sys_read(sv[0], buf, 1);
	tap_ok(a == -EPIPE && b == -EPIPE && c == 0,
	       "dgram SHUT_RDWR: sends to it and from it -EPIPE, its read 0 (%ld, %ld, %ld)", a, b,
	       c);
	close_pair(sv);
	set_handler(SIGPIPE, SIG_DFL, 0);
}

static void arm_ms(long ms)
{
	syscall6(__NR_setitimer, ITIMER_REAL,
		 (long)&(struct __kernel_old_itimerval){ .it_value = { 0, ms * 1000 } }, 0, 0, 0,
		 0);
}

static void interrupted(void)
{
	int sv[2];
	long pid, r;

	pair(SOCK_STREAM, sv);
	hits = 0;
	set_handler(SIGALRM, on_signal, 0);
	arm_ms(20);
	r = sys_read(sv[0], buf, 1);
	tap_ok(r == -EINTR && hits == 1, "a blocked read and a handler without SA_RESTART: -EINTR");
	set_handler(SIGALRM, on_signal, SA_RESTART);
	pid = late_writer(sv[1], 300, 1);
	arm_ms(20);
	r = sys_read(sv[0], buf, 10);
	tap_ok(r == 1 && buf[0] == 'y' && hits == 2,
	       "with SA_RESTART the read is restarted and gets the later write (%ld)", r);
	reap(pid);
	set_handler(SIGALRM, SIG_DFL, 0);
	close_pair(sv);
}

static long poll1(int fd, short events, long ms)
{
	struct linux_timespec ts = { ms / 1000, ms % 1000 * 1000000 };
	struct pollfd pfd = { fd, events, 0 };
	long r = syscall6(__NR_ppoll, (long)&pfd, 1, (long)&ts, 0, 0, 0);

	return r < 0 ? r : pfd.revents;
}

static void polls(void)
{
	int sv[2];
	long pid, r;

	pair(SOCK_STREAM, sv);
	r = poll1(sv[0], POLLIN | POLLOUT, 0);
	tap_ok(r == POLLOUT, "ppoll of a fresh stream: POLLOUT only (%#lx)", r);
	pid = late_writer(sv[1], 100, 1);
	r = poll1(sv[0], POLLIN, 5000);
	tap_ok(r == POLLIN, "ppoll sleeps until a child writes (%#lx)", r);
	reap(pid);
	sys_close(sv[1]);
	r = poll1(sv[0], POLLIN | POLLOUT, 0);
	tap_ok((r & (POLLIN | POLLHUP)) == (POLLIN | POLLHUP),
	       "the peer closed: POLLIN | POLLHUP (%#lx)", r);
	sys_close(sv[0]);
}

int main(void)
{
	tap_plan(73);
	creation_errors();
	call_errors();
	attributes();
	boundaries(SOCK_SEQPACKET, "seqpacket");
	boundaries(SOCK_DGRAM, "dgram");
	stream_bytes();
	msg_calls();
	eof();
	epipe();
	blocking();
	nonblock();
	shutdowns();
	interrupted();
	polls();
	return tap_done();
}
