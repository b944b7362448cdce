// SPDX-License-Identifier: GPL-2.0
/*
 * pipe-test: pipes as Linux's fs/pipe.c makes them, with raw ecalls.
 * pipe2()'s errors (flags, a bad pointer leaving no descriptor behind,
 * RLIMIT_NOFILE), fstat's S_IFIFO, close-on-exec; 1 MiB from a forked
 * writer to its parent, every byte checked, then EOF; a write with no
 * reader: SIGPIPE kills by default, -EPIPE when ignored; O_NONBLOCK both
 * ways (from pipe2 and from fcntl F_SETFL), a full pipe of 64 KiB, FIONREAD;
 * two writers of PIPE_BUF-byte messages never interleaved; and a read
 * blocked on an empty pipe interrupted by SIGALRM: -EINTR, or restarted
 * under SA_RESTART and given the data a child writes later. vmsplice():
 * the writer's pages go in themselves (a write to them before the read is
 * read), 16 of them fill the pipe, its errors; from the read end, a copy
 * into the segments, EOF.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "../include/uapi/errno.h"
#include "../include/uapi/signal.h"
#include "../include/uapi/termios.h"
#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define PIPE_BUF 4096
#define PIPE_SIZE 65536 /* Linux's default: PIPE_DEF_BUFFERS (16) pages */
#define BULK (1 << 20)
#define CHUNK 7001 /* odd-sized writes: the ring's pages are crossed everywhere */
#define MESSAGES 64 /* per writer in the atomicity test */
#define S_IFMT 0170000
#define S_IFIFO 0010000

static volatile long hits;
static char buf[PIPE_SIZE];

static long pipe2(int fd[2], int flags)
{
	return syscall6(__NR_pipe2, (long)fd, flags, 0, 0, 0, 0);
}

static long do_fork(void)
{
	return sys_clone(LINUX_SIGCHLD, 0, NULL, 0, NULL);
}

static void set_handler(int sig, void *fn, unsigned long flags)
{
	struct sigaction sa = { .sa_handler = (__sighandler_t)fn, .sa_flags = flags };

	syscall6(__NR_rt_sigaction, sig, (long)&sa, 0, sizeof(sigset_t), 0, 0);
}

static void on_alarm(int sig)
{
	hits++;
}

static void arm_ms(long ms)
{
	syscall6(__NR_setitimer, ITIMER_REAL,
		 (long)&(struct __kernel_old_itimerval){ .it_value = { 0, ms * 1000 } }, 0, 0, 0,
		 0);
}

static void close_pair(int fd[2])
{
	sys_close(fd[0]);
	sys_close(fd[1]);
}

/* The exit status of child @pid (or -1). */
static int reap(long pid)
{
	int status = 0;

	return sys_wait4(pid, &status, 0, NULL) == pid ? status : -1;
}

static void errors(void)
{
	int fd[2], before = sys_dup(0);
	struct linux_rlimit64 lim, low;
	int *volatile bad = (int *)8;
	long r;

	sys_close(before);
	tap_ok(pipe2(fd, O_RDWR) == -EINVAL && pipe2(fd, O_APPEND) == -EINVAL,
	       "pipe2 with a flag other than O_CLOEXEC, O_NONBLOCK, O_DIRECT: -EINVAL");
	r = pipe2(bad, 0);
	tap_ok(r == -EFAULT && sys_dup(0) == before,
	       "pipe2 to a bad pointer: -EFAULT, and no descriptor left behind (%ld)", r);
	sys_close(before);
	sys_prlimit64(0, RLIMIT_NOFILE, NULL, &lim);
	low = lim;
	low.rlim_cur = before + 1;
	sys_prlimit64(0, RLIMIT_NOFILE, &low, NULL);
	tap_ok(pipe2(fd, 0) == -EMFILE && sys_dup(0) == before,
	       "pipe2 with room for one descriptor: -EMFILE, none left behind");
	sys_close(before);
	sys_prlimit64(0, RLIMIT_NOFILE, &lim, NULL);
}

static void attributes(void)
{
	unsigned int st[32];
	int fd[2], cl[2];

	tap_ok(!pipe2(fd, 0) && !pipe2(cl, O_CLOEXEC), "pipe2 with flags 0 and O_CLOEXEC");
	/* struct stat on riscv64: st_dev, st_ino (8 bytes each), then st_mode. */
	tap_ok(!syscall6(__NR_fstat, fd[0], (long)st, 0, 0, 0, 0) && (st[4] & S_IFMT) == S_IFIFO,
	       "fstat of a pipe: S_IFIFO (mode %#o)", st[4]);
	tap_ok(sys_fcntl(fd[0], F_GETFD, 0) == 0 && sys_fcntl(cl[0], F_GETFD, 0) == FD_CLOEXEC &&
		       sys_fcntl(cl[1], F_GETFD, 0) == FD_CLOEXEC,
	       "O_CLOEXEC sets FD_CLOEXEC on both ends, flags 0 on neither");
	tap_ok((sys_fcntl(fd[0], F_GETFL, 0) & O_ACCMODE) == O_RDONLY &&
		       (sys_fcntl(fd[1], F_GETFL, 0) & O_ACCMODE) == O_WRONLY &&
		       sys_write(fd[0], "x", 1) == -EBADF && sys_read(fd[1], buf, 1) == -EBADF,
	       "the read end is O_RDONLY, the write end O_WRONLY (-EBADF the other way)");
	close_pair(fd);
	close_pair(cl);
}

static unsigned char pattern(unsigned long i)
{
	return (i * 7 + (i >> 12)) & 0xff;
}

/* The writer: BULK bytes of the pattern in CHUNK-byte writes; exits 0 if all went in. */
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

/* Read until EOF, checking the pattern: the bytes read, or -1 at the first wrong one. */
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

static void bulk(void)
{
	int fd[2];
	long pid, got;

	pipe2(fd, 0);
	pid = do_fork();
	if (!pid) {
		sys_close(fd[0]);
		bulk_writer(fd[1]);
	}
	sys_close(fd[1]);
	got = bulk_reader(fd[0]);
	tap_ok(got == BULK, "1 MiB from a forked writer, every byte checked, then EOF (%ld)", got);
	tap_ok(reap(pid) == 0, "the writer's writes were all whole");
	tap_ok(sys_read(fd[0], buf, 1) == 0, "EOF again: no writer left");
	sys_close(fd[0]);
}

static void eof_and_epipe(void)
{
	int fd[2], status;
	long pid;

	pipe2(fd, 0);
	sys_write(fd[1], "abc", 3);
	sys_close(fd[1]);
	tap_ok(sys_read(fd[0], buf, 10) == 3 && sys_read(fd[0], buf, 10) == 0,
	       "data written before the writer closed is read, then EOF");
	sys_close(fd[0]);
	/* The read end closed before the fork: no reader anywhere when the child writes. */
	pipe2(fd, 0);
	sys_close(fd[0]);
	pid = do_fork();
	if (!pid) {
		sys_write(fd[1], "x", 1);
		sys_exit_group(0);
	}
	sys_close(fd[1]);
	status = reap(pid);
	tap_ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
	       "a write with no reader: SIGPIPE kills the writer (status %#x)", status);
	pipe2(fd, 0);
	sys_close(fd[0]);
	set_handler(SIGPIPE, SIG_IGN, 0);
	tap_ok(sys_write(fd[1], "x", 1) == -EPIPE, "SIGPIPE ignored: -EPIPE");
	set_handler(SIGPIPE, on_alarm, 0);
	hits = 0;
	tap_ok(sys_write(fd[1], "x", 1) == -EPIPE && hits == 1,
	       "SIGPIPE caught: the handler runs, the write is -EPIPE");
	set_handler(SIGPIPE, SIG_DFL, 0);
	sys_close(fd[1]);
}

/* Fill @fd with PIPE_BUF-byte writes until -EAGAIN: the bytes written. */
static long fill(int fd)
{
	long total = 0, r;

	memset(buf, 'f', PIPE_BUF);
	while ((r = sys_write(fd, buf, PIPE_BUF)) > 0)
		total += r;
	return r == -EAGAIN ? total : r;
}

static void nonblock(void)
{
	int fd[2], nread = -1;
	long total;

	pipe2(fd, O_NONBLOCK);
	tap_ok(sys_read(fd[0], buf, 1) == -EAGAIN, "O_NONBLOCK read of an empty pipe: -EAGAIN");
	total = fill(fd[1]);
	tap_ok(total == PIPE_SIZE, "O_NONBLOCK writes fill 64 KiB, then -EAGAIN (%ld)", total);
	sys_read(fd[0], buf, 100);
	tap_ok(sys_write(fd[1], buf, PIPE_BUF) == -EAGAIN,
	       "a PIPE_BUF write with 100 bytes of room: -EAGAIN, not a part of it");
	tap_ok(!syscall6(__NR_ioctl, fd[0], FIONREAD, (long)&nread, 0, 0, 0) &&
		       nread == PIPE_SIZE - 100,
	       "FIONREAD: the bytes waiting (%d)", nread);
	close_pair(fd);
	pipe2(fd, 0);
	tap_ok(!sys_fcntl(fd[0], F_SETFL, O_NONBLOCK) &&
		       (sys_fcntl(fd[0], F_GETFL, 0) & O_NONBLOCK) &&
		       sys_read(fd[0], buf, 1) == -EAGAIN,
	       "fcntl F_SETFL O_NONBLOCK: the read is -EAGAIN");
	sys_fcntl(fd[1], F_SETFL, O_NONBLOCK);
	tap_ok(fill(fd[1]) == PIPE_SIZE,
	       "fcntl F_SETFL O_NONBLOCK on the write end: -EAGAIN when full");
	close_pair(fd);
}

/* A writer of MESSAGES PIPE_BUF-byte messages, each all @letter. */
static void message_writer(int fd, char letter)
{
	static char msg[PIPE_BUF];
	int i;

	memset(msg, letter, sizeof(msg));
	for (i = 0; i < MESSAGES; i++)
		if (sys_write(fd, msg, sizeof(msg)) != sizeof(msg))
			sys_exit_group(1);
	sys_exit_group(0);
}

/* Read to EOF: the bytes read, or -1 if a PIPE_BUF-byte block mixes two writers. */
static long read_messages(int fd)
{
	unsigned long pos = 0, i;
	char letter = 0;
	long n;

	while ((n = sys_read(fd, buf, 1000)) > 0) {
		for (i = 0; i < (unsigned long)n; i++, pos++) {
			if (pos % PIPE_BUF == 0)
				letter = buf[i];
			if (buf[i] != letter)
				return -1;
		}
	}
	return pos;
}

static void atomic_writes(void)
{
	long pid[2], got;
	int fd[2], i;

	pipe2(fd, 0);
	for (i = 0; i < 2; i++) {
		pid[i] = do_fork();
		if (!pid[i]) {
			sys_close(fd[0]);
			message_writer(fd[1], 'A' + i);
		}
	}
	sys_close(fd[1]);
	got = read_messages(fd[0]);
	tap_ok(got == 2L * MESSAGES * PIPE_BUF,
	       "two writers of PIPE_BUF bytes at a time: no message split (%ld bytes)", got);
	tap_ok(reap(pid[0]) == 0 && reap(pid[1]) == 0, "both writers' writes were whole");
	sys_close(fd[0]);
}

/* A child that sleeps @ms, then writes one byte to @fd. */
static long late_writer(int fd[2], long ms)
{
	struct linux_timespec ts = { 0, ms * 1000000 };
	long pid = do_fork();

	if (!pid) {
		sys_nanosleep(&ts, NULL);
		sys_write(fd[1], "y", 1);
		sys_exit_group(0);
	}
	return pid;
}

static void interrupted(void)
{
	int fd[2];
	long pid, r;

	pipe2(fd, 0);
	hits = 0;
	set_handler(SIGALRM, on_alarm, 0);
	arm_ms(20);
	r = sys_read(fd[0], buf, 1);
	tap_ok(r == -EINTR && hits == 1, "a blocked read and a handler without SA_RESTART: -EINTR");
	set_handler(SIGALRM, on_alarm, SA_RESTART);
	pid = late_writer(fd, 300);
	arm_ms(20);
	r = sys_read(fd[0], buf, 10);
	tap_ok(r == 1 && buf[0] == 'y' && hits == 2,
	       "with SA_RESTART the read is restarted and gets the later write (%ld)", r);
	reap(pid);
	set_handler(SIGALRM, SIG_DFL, 0);
	close_pair(fd);
}

#define POLLIN 0x0001
#define POLLOUT 0x0004
#define POLLERR 0x0008
#define POLLHUP 0x0010

struct pollfd {
	int fd;
	short events, revents;
};

/* ppoll of @fd for @events, @ms long (0: just a look): revents, or -errno. */
static long poll1(int fd, short events, long ms)
{
	struct linux_timespec ts = { ms / 1000, ms % 1000 * 1000000 };
	struct pollfd pfd = { fd, events, 0 };
	long r = syscall6(__NR_ppoll, (long)&pfd, 1, (long)&ts, 0, 0, 0);

	return r < 0 ? r : pfd.revents;
}

static long now_ms(void)
{
	struct linux_timespec ts;

	sys_clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void polls(void)
{
	int fd[2];
	long pid, r, t0;

	pipe2(fd, O_NONBLOCK);
	tap_ok(poll1(fd[0], POLLIN, 0) == 0 && poll1(fd[1], POLLOUT, 0) == POLLOUT,
	       "ppoll of an empty pipe: the read end not ready, the write end POLLOUT");
	fill(fd[1]);
	tap_ok(poll1(fd[0], POLLIN, 0) == POLLIN && poll1(fd[1], POLLOUT, 0) == 0,
	       "ppoll of a full pipe: POLLIN, and no POLLOUT");
	close_pair(fd);
	pipe2(fd, 0);
	pid = late_writer(fd, 100);
	t0 = now_ms();
	r = poll1(fd[0], POLLIN, 5000);
	tap_ok(r == POLLIN && now_ms() - t0 < 2500,
	       "ppoll sleeps until a writer's data comes (%ld after %ld ms)", r, now_ms() - t0);
	reap(pid);
	sys_close(fd[1]);
	r = poll1(fd[0], POLLIN, 0);
	tap_ok(r == (POLLIN | POLLHUP), "the writer gone, data left: POLLIN | POLLHUP (%#lx)", r);
	sys_close(fd[0]);
	pipe2(fd, 0);
	sys_close(fd[0]);
	r = poll1(fd[1], POLLOUT, 0);
	tap_ok(r == (POLLOUT | POLLERR),
	       "the reader gone: POLLOUT | POLLERR on the write end (%#lx)", r);
	sys_close(fd[1]);
}

/* vmsplice(2) flags (include/uapi/linux/splice.h). */
#define SPLICE_F_NONBLOCK 0x02
#define SPLICE_F_GIFT 0x08

struct iov {
	void *base;
	unsigned long len;
};

static long vmsplice(int fd, const struct iov *iov, unsigned long nr, unsigned long flags)
{
	return syscall6(__NR_vmsplice, fd, (long)iov, nr, flags, 0, 0);
}

/* Read exactly @n bytes of @fd into @to: true if they all came. */
static bool read_all(int fd, char *to, long n)
{
	long r;

	while (n > 0 && (r = sys_read(fd, to, n)) > 0) {
		to += r;
		n -= r;
	}
	return n == 0;
}

/* vmsplice() into a pipe: the pages themselves, read later; its errors. */
static void vmsplice_to_pipe(void)
{
	unsigned long len = 2 * PIPE_BUF + 50;
	char *mem = (char *)sys_mmap(0, 20 * PIPE_BUF, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct iov iov = { mem + 100, len }, big = { mem, 17 * PIPE_BUF };
	int fd[2], file = sys_openat(AT_FDCWD, "/proc/self/maps", O_RDONLY, 0);
	long r;

	for (r = 0; r < 20 * PIPE_BUF; r++)
		mem[r] = pattern(r);
	pipe2(fd, 0);
	r = vmsplice(fd[1], &iov, 1, SPLICE_F_GIFT);
	/* The pipe holds the pages: what is written to them before the read is read. */
	mem[100] = 'A';
	mem[100 + len - 1] = 'Z';
	tap_ok(r == (long)len && read_all(fd[0], buf, len) && buf[0] == 'A' &&
		       buf[len - 1] == 'Z' && !memcmp(buf + 1, mem + 101, len - 2),
	       "vmsplice of 2 pages and 50 bytes from offset 100: the pages' bytes at read time (%ld)",
	       r);
	r = vmsplice(fd[1], &big, 1, 0);
	tap_ok(r == 16 * PIPE_BUF && vmsplice(fd[1], &iov, 1, SPLICE_F_NONBLOCK) == -EAGAIN,
	       "vmsplice of 17 pages fills the 16 buffers (%ld); then SPLICE_F_NONBLOCK: -EAGAIN",
	       r);
	tap_ok(read_all(fd[0], buf, PIPE_SIZE) && !memcmp(buf, mem, PIPE_SIZE),
	       "the 16 pages read back");
	tap_ok(vmsplice(fd[1], &iov, 1, 0x10) == -EINVAL &&
		       vmsplice(fd[1], &iov, 1025, 0) == -EINVAL,
	       "vmsplice with an unknown flag, or more than UIO_MAXIOV segments: -EINVAL");
	tap_ok(vmsplice(-1, &iov, 1, 0) == -EBADF && vmsplice(file, &iov, 1, 0) == -EBADF &&
		       vmsplice(file, &iov, 0, 0) == 0,
	       "vmsplice on no descriptor, or on a file not a pipe: -EBADF (no segments: 0)");
	iov.base = (char *)mem + 20 * PIPE_BUF;
	sys_munmap((unsigned long)iov.base, PIPE_BUF);
	tap_ok(vmsplice(fd[1], (struct iov *)8, 1, 0) == -EFAULT &&
		       vmsplice(fd[1], &iov, 1, 0) == -EFAULT,
	       "vmsplice of a bad vector, or of unmapped memory: -EFAULT");
	sys_close(fd[0]);
	set_handler(SIGPIPE, SIG_IGN, 0);
	tap_ok(vmsplice(fd[1], &big, 1, 0) == -EPIPE, "vmsplice with no reader: -EPIPE");
	set_handler(SIGPIPE, SIG_DFL, 0);
	sys_close(fd[1]);
	sys_close(file);
	sys_munmap((unsigned long)mem, 20 * PIPE_BUF);
}

/* vmsplice() out of a pipe: a copy into the segments, as readv(). */
static void vmsplice_to_user(void)
{
	char a[10], b[10];
	struct iov iov[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	int fd[2];
	long r;

	pipe2(fd, 0);
	tap_ok(vmsplice(fd[0], iov, 2, SPLICE_F_NONBLOCK) == -EAGAIN,
	       "vmsplice from an empty pipe with SPLICE_F_NONBLOCK: -EAGAIN");
	sys_write(fd[1], "0123456789abcde", 15);
	r = vmsplice(fd[0], iov, 2, 0);
	tap_ok(r == 15 && !memcmp(a, "0123456789", 10) && !memcmp(b, "abcde", 5),
	       "vmsplice from the read end: the bytes across both segments (%ld)", r);
	sys_close(fd[1]);
	tap_ok(vmsplice(fd[0], iov, 2, 0) == 0, "vmsplice from a pipe with no writer: 0 (EOF)");
	sys_close(fd[0]);
}

int main(void)
{
	tap_plan(39);
	errors();
	attributes();
	bulk();
	eof_and_epipe();
	nonblock();
	atomic_writes();
	interrupted();
	polls();
	vmsplice_to_pipe();
	vmsplice_to_user();
	return tap_done();
}
