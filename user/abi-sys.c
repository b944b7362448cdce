// SPDX-License-Identifier: GPL-2.0
/*
 * abi-sys: the edge cases of the calls that are not about memory, each with
 * Linux 6.12's answer: read/write of 0 bytes, descriptors (O_ACCMODE 3, the
 * table growing to RLIMIT_NOFILE, close of 0, dup, dup3, fcntl), the clocks
 * (fs/read_write.c, fs/open.c, fs/file.c, fs/fcntl.c, kernel/time/posix-*.c),
 * pointers into the kernel, at unmapped or read-only memory (-EFAULT, never
 * a crash), numbers no call has (-ENOSYS), and what a C library's start-up
 * asks (set_robust_list, getrandom, readlinkat, newfstatat, fstat, ioctl:
 * kernel/futex/syscalls.c, drivers/char/random.c, fs/stat.c, fs/ioctl.c),
 * lseek of a /proc report (fs/seq_file.c), path walks (fs/namei.c), writev's
 * vector (lib/iov_iter.c), nanosleep's request and prlimit64's order.
 */
/* Linux's numbers, not picolibc's (ENOSYS, EOVERFLOW differ). */
#include "../include/uapi/errno.h"
#include <stdint.h>
#include <string.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define KERNEL_ADDR 0xffffffc000000000UL
#define NOFILE_SOFT 1024
#define NSEC_PER_SEC 1000000000L

static long open_report(int flags)
{
	return sys_openat(AT_FDCWD, "/proc/meminfo", flags, 0);
}

static void zero_counts(void)
{
	char buf[8];
	long fd = open_report(O_RDONLY);

	tap_expect(sys_read(fd, buf, 0), 0, "read of 0 bytes");
	tap_expect(sys_read(fd, NULL, 0), 0, "read of 0 bytes into NULL");
	/* access_ok() of 0 bytes still wants an address below TASK_SIZE. */
	tap_expect(sys_read(fd, (void *)KERNEL_ADDR, 0), -EFAULT,
		   "read of 0 bytes into the kernel");
	tap_expect(sys_read(0, buf, 0), 0, "read of 0 bytes from fd 0");
	tap_expect(sys_write(1, NULL, 0), 0, "write of 0 bytes from NULL to fd 1");
	tap_expect(sys_read(fd, buf, 1), 1, "then a read of 1 byte");
	sys_close(fd);

	/* O_ACCMODE 3: open succeeds, neither read nor write is allowed (OPEN_FMODE()). */
	fd = open_report(O_ACCMODE);
	tap_ok(fd >= 0, "open with O_ACCMODE 3: %ld", fd);
	tap_expect(sys_read(fd, buf, 1), -EBADF, "read of an O_ACCMODE 3 descriptor");
	tap_expect(sys_write(fd, "x", 1), -EBADF, "write of an O_ACCMODE 3 descriptor");
	sys_close(fd);
}

static void many_files(void)
{
	struct linux_rlimit64 old, lim = { NOFILE_SOFT, 0 };
	long fd, last = -1, err = 0;
	int n = 0, i;

	sys_prlimit64(0, RLIMIT_NOFILE, NULL, &old);
	lim.rlim_max = old.rlim_max;
	tap_expect(sys_prlimit64(0, RLIMIT_NOFILE, &lim, NULL), 0, "RLIMIT_NOFILE soft limit 1024");
	for (;;) {
		fd = open_report(O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			err = fd;
			break;
		}
		last = fd;
		n++;
	}
	tap_diag("%d descriptors opened", n);
	tap_ok(last == NOFILE_SOFT - 1 && err == -EMFILE,
	       "open until -EMFILE: the last descriptor is %ld (want 1023), then %ld", last, err);
	tap_expect(sys_dup3(3, NOFILE_SOFT, 0), -EBADF, "dup3 to a descriptor at RLIMIT_NOFILE");
	tap_expect(sys_fcntl(3, F_DUPFD, 0), -EMFILE, "F_DUPFD with the table full");
	for (i = 3; i <= last; i++)
		sys_close(i);
	lim.rlim_cur = 64;
	sys_prlimit64(0, RLIMIT_NOFILE, &lim, NULL);
	tap_expect(sys_dup3(0, 64, 0), -EBADF, "dup3 past a lowered limit");
	tap_expect(sys_fcntl(0, F_DUPFD, 64), -EINVAL, "F_DUPFD from the limit on");
	/* Past any fs.nr_open (at most INT_MAX rounded down to a multiple of 64). */
	lim.rlim_cur = NOFILE_SOFT;
	lim.rlim_max = 1UL << 31;
	tap_expect(sys_prlimit64(0, RLIMIT_NOFILE, &lim, NULL), -EPERM,
		   "RLIMIT_NOFILE hard limit above nr_open");
	sys_prlimit64(0, RLIMIT_NOFILE, &old, NULL);
}

static void descriptors(void)
{
	char a[8], b[8];
	long fd, fd2, r;

	fd = open_report(O_RDONLY);
	fd2 = sys_dup(fd);
	tap_ok(fd2 == fd + 1, "dup: the lowest free descriptor (%ld after %ld)", fd2, fd);
	sys_read(fd, a, 7);
	tap_expect(sys_lseek(fd2, 0, SEEK_CUR), 7, "a dup shares the offset");
	tap_expect(sys_dup(-1), -EBADF, "dup of -1");
	tap_expect(sys_dup(fd2 + 100), -EBADF, "dup of a closed descriptor");
	tap_expect(sys_dup3(fd, fd, 0), -EINVAL, "dup3 onto itself");
	tap_expect(sys_dup3(fd, 100, 1), -EINVAL, "dup3 with an unknown flag");
	tap_expect(sys_dup3(fd2 + 100, 100, 0), -EBADF, "dup3 of a closed descriptor");
	tap_expect(sys_dup3(fd, 100, O_CLOEXEC), 100, "dup3 to 100 with O_CLOEXEC");
	tap_expect(sys_fcntl(100, F_GETFD, 0), FD_CLOEXEC, "F_GETFD: FD_CLOEXEC");
	tap_expect(sys_fcntl(fd, F_GETFD, 0), 0, "F_GETFD of the original: 0");
	tap_expect(sys_fcntl(100, F_SETFD, 0), 0, "F_SETFD 0");
	tap_expect(sys_fcntl(100, F_GETFD, 0), 0, "F_GETFD after it: 0");
	tap_expect(sys_fcntl(100, F_GETFL, 0), O_RDONLY | O_LARGEFILE,
		   "F_GETFL: O_RDONLY|O_LARGEFILE");
	r = open_report(O_RDONLY | O_CLOEXEC);
	tap_ok(!(sys_fcntl(r, F_GETFL, 0) & O_CLOEXEC) && sys_fcntl(r, F_GETFD, 0) == FD_CLOEXEC,
	       "O_CLOEXEC is the descriptor's flag, not the file's (F_GETFD, not F_GETFL)");
	sys_close(r);
	tap_expect(sys_fcntl(fd, F_DUPFD, 50), 50, "F_DUPFD from 50");
	tap_expect(sys_fcntl(fd, F_DUPFD_CLOEXEC, 50), 51, "F_DUPFD_CLOEXEC from 50");
	tap_expect(sys_fcntl(51, F_GETFD, 0), FD_CLOEXEC, "and it is close-on-exec");
	tap_expect(sys_fcntl(fd, 12345, 0), -EINVAL, "fcntl with an unknown command");
	tap_expect(sys_fcntl(-1, F_GETFD, 0), -EBADF, "fcntl of -1");
	/* dup3 onto an open descriptor closes that one first. */
	tap_expect(sys_dup3(fd2, 100, 0), 100, "dup3 onto an open descriptor");
	tap_expect(sys_lseek(100, 0, SEEK_CUR), 7, "it now shares the offset");
	sys_close(fd);
	sys_close(fd2);
	sys_close(50);
	sys_close(51);
	sys_close(100);

	/* Descriptor 0 is a file like any other. */
	tap_expect(sys_close(0), 0, "close(0)");
	tap_expect(sys_read(0, a, 1), -EBADF, "read of fd 0 once closed");
	tap_expect(sys_close(0), -EBADF, "close(0) again");
	fd = open_report(O_RDONLY);
	tap_expect(fd, 0, "open takes the lowest free descriptor: 0");
	r = sys_read(0, b, 7);
	tap_expect(r, 7, "read of the new fd 0");
	tap_ok(r == 7 && !memcmp(a, b, 7), "it reads the report");
	sys_close(0);
}

static long cpu_ns(int clock)
{
	struct linux_timespec ts;

	if (sys_clock_gettime(clock, &ts))
		return -1;
	return ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

static void clocks(void)
{
	static const int ok[] = {
		CLOCK_REALTIME,		 CLOCK_MONOTONIC,     CLOCK_PROCESS_CPUTIME_ID,
		CLOCK_THREAD_CPUTIME_ID, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME_COARSE,
		CLOCK_MONOTONIC_COARSE,	 CLOCK_BOOTTIME,      CLOCK_TAI
	};
	struct linux_timespec ts, res;
	long p0, t0, p1, t1, m0, r;
	size_t i;
	int bad = 0;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		r = sys_clock_gettime(ok[i], &ts);
		if (r || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC) {
			tap_diag("clock %d: %ld", ok[i], r);
			bad++;
		}
	}
	tap_ok(!bad, "clock_gettime of clocks 0-7 and 11 (CLOCK_TAI)");
	tap_expect(sys_clock_gettime(10, &ts), -EINVAL, "clock_gettime of clock 10 (none)");
	tap_expect(sys_clock_gettime(16, &ts), -EINVAL, "clock_gettime of clock 16 (none)");
	tap_expect(sys_clock_gettime(CLOCK_MONOTONIC, NULL), -EFAULT, "clock_gettime into NULL");

	/* CPU time grows while we spin, no faster than the wall clock. */
	p0 = cpu_ns(CLOCK_PROCESS_CPUTIME_ID);
	t0 = cpu_ns(CLOCK_THREAD_CPUTIME_ID);
	m0 = cpu_ns(CLOCK_MONOTONIC);
	while (cpu_ns(CLOCK_MONOTONIC) - m0 < 50 * 1000 * 1000)
		;
	p1 = cpu_ns(CLOCK_PROCESS_CPUTIME_ID);
	t1 = cpu_ns(CLOCK_THREAD_CPUTIME_ID);
	tap_diag("50 ms spin: process CPU time +%ld us, thread +%ld us", (p1 - p0) / 1000,
		 (t1 - t0) / 1000);
	tap_ok(p1 > p0 && p1 - p0 <= cpu_ns(CLOCK_MONOTONIC) - m0,
	       "CLOCK_PROCESS_CPUTIME_ID grows while the process runs");
	tap_ok(t1 > t0 && t1 - t0 <= cpu_ns(CLOCK_MONOTONIC) - m0,
	       "CLOCK_THREAD_CPUTIME_ID grows while the thread runs");
	/* No TAI offset is set on Loam; a host's NTP daemon may set 37 s. */
	m0 = cpu_ns(CLOCK_REALTIME);
	r = cpu_ns(CLOCK_TAI);
	p0 = cpu_ns(CLOCK_REALTIME);
	tap_ok(r >= m0 && r - p0 < 60 * NSEC_PER_SEC,
	       "CLOCK_TAI is CLOCK_REALTIME plus the TAI offset (%ld ns)", r - p0);

	/* hrtimer_resolution: 1 ns with high-resolution timers, a tick without (Loam). */
	r = sys_clock_getres(CLOCK_MONOTONIC, &res);
	tap_ok(!r && res.tv_sec == 0 &&
		       (res.tv_nsec == 1 || (res.tv_nsec >= 1000000 && res.tv_nsec <= 10000000)),
	       "clock_getres(CLOCK_MONOTONIC): 1 ns or a tick (%ld ns)", res.tv_nsec);
	r = sys_clock_getres(CLOCK_PROCESS_CPUTIME_ID, &res);
	tap_ok(!r && res.tv_sec == 0 && res.tv_nsec == 1,
	       "clock_getres(CLOCK_PROCESS_CPUTIME_ID): 1 ns");
	r = sys_clock_getres(CLOCK_MONOTONIC_COARSE, &res);
	tap_ok(!r && res.tv_sec == 0 && res.tv_nsec >= 1000000 && res.tv_nsec <= 10000000,
	       "clock_getres(CLOCK_MONOTONIC_COARSE): a tick, 1-10 ms (%ld ns)", res.tv_nsec);
	tap_expect(sys_clock_getres(CLOCK_MONOTONIC, NULL), 0, "clock_getres into NULL");
	tap_expect(sys_clock_getres(16, &res), -EINVAL, "clock_getres of clock 16");
	tap_expect(sys_clock_getres(CLOCK_MONOTONIC, (void *)KERNEL_ADDR), -EFAULT,
		   "clock_getres into the kernel");
}

/* Every call that takes a pointer, given one it may not use. */
static void bad_pointers(void)
{
	struct linux_iovec iov = { (void *)KERNEL_ADDR, 10 };
	struct linux_rlimit64 lim, was;
	struct linux_timespec ts = { 0, 1000 };
	char *argv[] = { NULL };
	char *child_argv[] = { "no-such-program", NULL };
	uintptr_t ro, hole;
	long fd, r, pid;
	int status;

	ro = sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	hole = sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	sys_munmap(hole, PAGE_SIZE);

	fd = open_report(O_RDONLY);
	tap_expect(sys_read(fd, (void *)KERNEL_ADDR, 16), -EFAULT, "read into the kernel");
	tap_expect(sys_read(fd, (void *)hole, 16), -EFAULT, "read into unmapped memory");
	tap_expect(sys_read(fd, (void *)ro, 16), -EFAULT, "read into a read-only page");
	tap_expect(sys_lseek(fd, 0, SEEK_CUR), 0, "nothing was consumed");
	sys_close(fd);
	tap_expect(sys_write(1, (void *)KERNEL_ADDR, 16), -EFAULT, "write from the kernel");
	tap_expect(sys_write(1, (void *)hole, 16), -EFAULT, "write from unmapped memory");
	tap_expect(sys_writev(1, (void *)KERNEL_ADDR, 1), -EFAULT,
		   "writev of an iovec in the kernel");
	tap_expect(sys_writev(1, &iov, 1), -EFAULT, "writev of a buffer in the kernel");
	tap_expect(sys_uname((void *)KERNEL_ADDR), -EFAULT, "uname into the kernel");
	tap_expect(sys_uname((void *)ro), -EFAULT, "uname into a read-only page");
	tap_expect(sys_sysinfo((void *)hole), -EFAULT, "sysinfo into unmapped memory");
	tap_expect(sys_sysinfo((void *)ro), -EFAULT, "sysinfo into a read-only page");
	tap_expect(sys_clock_gettime(CLOCK_MONOTONIC, (void *)ro), -EFAULT,
		   "clock_gettime into a read-only page");
	tap_expect(sys_clock_gettime(CLOCK_MONOTONIC, (void *)KERNEL_ADDR), -EFAULT,
		   "clock_gettime into the kernel");
	if (on_loam())
		tap_expect(sys_nanosleep((void *)hole, NULL), -EFAULT,
			   "nanosleep of a request in unmapped memory");
	else
		tap_skip("qemu-user 7.2 ignores the failed copy and sleeps for whatever its"
			 " stack held",
			 "nanosleep of a request in unmapped memory");
	/* rem is written only when the sleep is interrupted. */
	tap_expect(sys_nanosleep(&ts, (void *)KERNEL_ADDR), 0, "nanosleep with rem in the kernel");
	sys_prlimit64(0, RLIMIT_NOFILE, NULL, &was);
	tap_expect(sys_prlimit64(0, RLIMIT_NOFILE, NULL, (void *)ro), -EFAULT,
		   "prlimit64 old limit into a read-only page");
	tap_expect(sys_prlimit64(0, RLIMIT_NOFILE, (void *)KERNEL_ADDR, NULL), -EFAULT,
		   "prlimit64 new limit from the kernel");
	r = sys_prlimit64(0, RLIMIT_NOFILE, NULL, &lim);
	tap_ok(!r && lim.rlim_cur == was.rlim_cur && lim.rlim_max == was.rlim_max,
	       "RLIMIT_NOFILE unchanged");
	tap_expect(sys_openat(AT_FDCWD, (void *)KERNEL_ADDR, O_RDONLY, 0), -EFAULT,
		   "openat of a path in the kernel");
	tap_expect(sys_openat(AT_FDCWD, NULL, O_RDONLY, 0), -EFAULT, "openat of a NULL path");
	tap_expect(sys_openat(AT_FDCWD, (void *)hole, O_RDONLY, 0), -EFAULT,
		   "openat of a path in unmapped memory");
	tap_expect(sys_execve((void *)KERNEL_ADDR, argv, argv), -EFAULT,
		   "execve of a path in the kernel");
	tap_expect(sys_wait4(-1, (void *)KERNEL_ADDR, 1 /* WNOHANG */, NULL), -ECHILD,
		   "wait4 without children does not touch the status pointer");
	/* A child whose exec fails exits with 127; kernel_wait4() reaps it, then faults. */
	pid = spawn("/no-such-program", child_argv);
	tap_ok(pid > 0, "a child to wait for: %ld", pid);
	tap_expect(sys_wait4(pid, (void *)KERNEL_ADDR, 0, NULL), -EFAULT,
		   "wait4 with the status pointer in the kernel");
	tap_expect(sys_wait4(pid, &status, 1 /* WNOHANG */, NULL), -ECHILD,
		   "that child was reaped all the same");
	sys_munmap(ro, PAGE_SIZE);
}

/* Linux's numbers (asm-generic/unistd.h) and flags, for calls syscall.h lacks. */
#define NR_ioctl 29
#define NR_readlinkat 78
#define NR_newfstatat 79
#define NR_fstat 80
#define NR_set_robust_list 99
#define NR_getrlimit 163
#define NR_getrandom 278
#define TCGETS 0x5401
#define FIONBIO 0x5421 /* asm-generic/ioctls.h */
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451
#define FIOASYNC 0x5452
#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#define GRND_INSECURE 4
#define STAT_MODE(st) (*(unsigned int *)((char *)(st) + 16)) /* asm-generic struct stat */
#define STAT_SIZE(st) ((st)[6])

static void startup_calls(void)
{
	unsigned long st[16], head[3] = { 0 }, buf[8];
	struct linux_rlimit64 lim, was;
	uintptr_t edge;
	long fd;

	tap_expect(syscall6(NR_set_robust_list, (long)head, 23, 0, 0, 0, 0), -EINVAL,
		   "set_robust_list of length 23");
	tap_expect(syscall6(NR_set_robust_list, (long)head, 24, 0, 0, 0, 0), 0,
		   "set_robust_list of length 24");
	tap_expect(syscall6(NR_getrandom, (long)buf, 16, 8, 0, 0, 0), -EINVAL,
		   "getrandom with an unknown flag");
	tap_expect(syscall6(NR_getrandom, (long)buf, 16, GRND_INSECURE | GRND_RANDOM, 0, 0, 0),
		   -EINVAL, "getrandom GRND_INSECURE | GRND_RANDOM");
	tap_expect(syscall6(NR_getrandom, (long)buf, 16, GRND_NONBLOCK, 0, 0, 0), 16,
		   "getrandom GRND_NONBLOCK of 16 bytes");
	tap_expect(syscall6(NR_getrandom, 0, 0, 0, 0, 0, 0), 0, "getrandom of 0 bytes into NULL");
	tap_expect(syscall6(NR_getrandom, KERNEL_ADDR, 16, 0, 0, 0, 0), -EFAULT,
		   "getrandom into the kernel");
	edge = sys_mmap(0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
			0);
	sys_munmap(edge + PAGE_SIZE, PAGE_SIZE);
	tap_expect(syscall6(NR_getrandom, edge + PAGE_SIZE - 5, 16, 0, 0, 0, 0), 5,
		   "getrandom across the end of the mapping: the 5 bytes that fit");
	sys_munmap(edge, PAGE_SIZE);
	tap_expect(syscall6(NR_readlinkat, AT_FDCWD, (long)"/proc/meminfo", (long)buf, 64, 0, 0),
		   -EINVAL, "readlinkat of a file that is no link");
	tap_expect(syscall6(NR_readlinkat, AT_FDCWD, (long)"/no-such-file", (long)buf, 64, 0, 0),
		   -ENOENT, "readlinkat of a missing file");
	tap_expect(syscall6(NR_readlinkat, AT_FDCWD, (long)"/no-such-file", (long)buf, 0, 0, 0),
		   -EINVAL, "readlinkat with bufsiz 0");
	tap_expect(syscall6(NR_readlinkat, AT_FDCWD, (long)"/proc/self/exe", (long)buf, 4, 0, 0), 4,
		   "readlinkat /proc/self/exe into 4 bytes: cut short");
	tap_ok(syscall6(NR_newfstatat, AT_FDCWD, (long)"/proc/meminfo", (long)st, 0, 0, 0) == 0 &&
		       STAT_MODE(st) == (0100000 | 0444) && STAT_SIZE(st) == 0,
	       "newfstatat /proc/meminfo: a regular file, 0444, size 0");
	tap_expect(syscall6(NR_newfstatat, AT_FDCWD, (long)"/proc/meminfo", (long)st, 1, 0, 0),
		   -EINVAL, "newfstatat with an unknown flag");
	tap_expect(syscall6(NR_newfstatat, AT_FDCWD, (long)"", (long)st, 0, 0, 0), -ENOENT,
		   "newfstatat of \"\" without AT_EMPTY_PATH");
	tap_expect(syscall6(NR_newfstatat, AT_FDCWD, (long)"/proc/meminfo/", (long)st, 0, 0, 0),
		   -ENOTDIR, "newfstatat /proc/meminfo/ (a trailing slash)");
	tap_expect(syscall6(NR_newfstatat, AT_FDCWD, (long)"/proc/../proc/./meminfo", (long)st, 0,
			    0, 0),
		   0, "newfstatat /proc/../proc/./meminfo");
	tap_expect(syscall6(NR_fstat, 1000, (long)st, 0, 0, 0, 0), -EBADF, "fstat of a closed fd");
	fd = open_report(O_RDONLY);
	tap_ok(fd >= 0 && syscall6(NR_fstat, fd, (long)st, 0, 0, 0, 0) == 0 &&
		       STAT_MODE(st) == (0100000 | 0444),
	       "fstat of an open /proc file: regular, 0444");
	tap_expect(syscall6(NR_ioctl, fd, TCGETS, (long)buf, 0, 0, 0), -ENOTTY,
		   "ioctl TCGETS on a /proc file");
	sys_close(fd);
	tap_expect(syscall6(NR_ioctl, 1000, TCGETS, (long)buf, 0, 0, 0), -EBADF,
		   "ioctl on a closed fd");
	sys_prlimit64(0, RLIMIT_NOFILE, NULL, &was);
	tap_ok(syscall6(NR_getrlimit, RLIMIT_NOFILE, (long)&lim, 0, 0, 0, 0) == 0 &&
		       lim.rlim_cur == was.rlim_cur && lim.rlim_max == was.rlim_max,
	       "getrlimit(RLIMIT_NOFILE) is prlimit64's");
}

/*
 * seq_lseek() of a /proc report: SEEK_SET and SEEK_CUR only, never below 0,
 * past the end allowed (read then says 0); ksys_lseek() refuses a whence
 * above SEEK_MAX first; a terminal or pipe has no llseek (-ESPIPE).
 */
static void seeks(void)
{
	char buf[8];
	long fd = open_report(O_RDONLY);

	tap_expect(sys_lseek(fd, 5, SEEK_SET), 5, "lseek SEEK_SET 5 of a /proc report");
	tap_expect(sys_lseek(fd, 0, SEEK_END), -EINVAL,
		   "lseek SEEK_END of a /proc report (seq_lseek)");
	tap_expect(sys_lseek(fd, 0, 3), -EINVAL, "lseek SEEK_DATA of a /proc report");
	tap_expect(sys_lseek(fd, 0, 4), -EINVAL, "lseek SEEK_HOLE of a /proc report");
	tap_expect(sys_lseek(fd, 0, 5), -EINVAL, "lseek whence 5 (above SEEK_MAX)");
	tap_expect(sys_lseek(fd, -1, SEEK_SET), -EINVAL, "lseek SEEK_SET -1");
	tap_expect(sys_lseek(fd, -6, SEEK_CUR), -EINVAL, "lseek SEEK_CUR below 0");
	tap_expect(sys_lseek(fd, 0, SEEK_CUR), 5, "failed seeks left the offset at 5");
	tap_expect(sys_lseek(fd, 1 << 20, SEEK_SET), 1 << 20, "lseek past the end of the report");
	tap_expect(sys_read(fd, buf, sizeof(buf)), 0, "read there: end of file");
	tap_expect(sys_lseek(fd, 0x7fffffffffffffffL, SEEK_SET), 0x7fffffffffffffffL,
		   "lseek to LLONG_MAX");
	tap_expect(sys_read(fd, buf, 0), 0, "read of 0 bytes there");
	tap_expect(sys_read(fd, buf, 1), -EINVAL, "read past LLONG_MAX (rw_verify_area)");
	sys_close(fd);
	fd = open_report(O_RDWR);
	if (fd >= 0) {
		sys_lseek(fd, 0x7fffffffffffffffL, SEEK_SET);
		tap_expect(sys_write(fd, "x", 1), -EINVAL,
			   "write past LLONG_MAX: -EINVAL before -EIO");
		sys_close(fd);
	} else {
		tap_skip("not root", "write past LLONG_MAX: -EINVAL before -EIO");
	}
	tap_expect(sys_lseek(1000, 0, SEEK_SET), -EBADF, "lseek of a closed descriptor");
	tap_expect(sys_lseek(1000, 0, 5), -EBADF,
		   "lseek of a closed descriptor, whence 5: -EBADF first");
	tap_expect(sys_lseek(1, 0, SEEK_CUR), -ESPIPE, "lseek of fd 1 (a terminal or pipe)");
	tap_expect(sys_lseek(1, 0, 5), -EINVAL, "lseek of fd 1, whence 5: -EINVAL first");
}

#define NR_pread64 67

static long pread64(long fd, void *buf, long count, long pos)
{
	return syscall6(NR_pread64, fd, (long)buf, count, pos, 0, 0);
}

/*
 * ksys_pread64(): a negative position is -EINVAL before the descriptor is
 * looked up, a file without FMODE_PREAD (a terminal or pipe) -ESPIPE before
 * vfs_read()'s checks (-EBADF without FMODE_READ, -EFAULT, rw_verify_area()'s
 * -EINVAL); it reads at the position and leaves the file's offset alone.
 * MemTotal is the report's first line, the same in every rendering.
 */
static void preads(void)
{
	char a[16] = "", b[16] = "";
	long fd = open_report(O_RDONLY), wfd;

	tap_expect(sys_read(fd, a, 4), 4, "read 4 bytes of a /proc report");
	tap_expect(pread64(fd, b, 9, 0), 9, "pread64 of 9 bytes at 0");
	tap_ok(!memcmp(b, "MemTotal:", 9), "pread64 at 0 reads the first line: %.9s", b);
	tap_expect(sys_lseek(fd, 0, SEEK_CUR), 4, "pread64 left the file's offset at 4");
	tap_expect(sys_read(fd, a, 4), 4, "read goes on from 4");
	tap_ok(!memcmp(a, "otal", 4), "read after pread64 reads bytes 4-7: %.4s", a);
	tap_expect(pread64(fd, b, 3, 3), 3, "pread64 of 3 bytes at 3");
	tap_ok(!memcmp(b, "Tot", 3), "pread64 at 3 reads bytes 3-5: %.3s", b);
	tap_expect(pread64(fd, b, 8, 1 << 20), 0, "pread64 past the end: end of file");
	tap_expect(pread64(fd, b, 1, 0x7fffffffffffffffL), -EINVAL,
		   "pread64 past LLONG_MAX (rw_verify_area)");
	tap_expect(pread64(fd, b, 1, -1), -EINVAL, "pread64 at -1");
	tap_expect(pread64(fd, (void *)KERNEL_ADDR, 8, 0), -EFAULT, "pread64 into the kernel");
	tap_expect(sys_lseek(fd, 0, SEEK_CUR), 8, "failed pread64s left the offset at 8");
	sys_close(fd);
	tap_expect(pread64(1000, b, 1, 0), -EBADF, "pread64 of a closed descriptor");
	tap_expect(pread64(1000, b, 1, -1), -EINVAL,
		   "pread64 of a closed descriptor at -1: -EINVAL first");
	tap_expect(pread64(1, b, 1, 0), -ESPIPE, "pread64 of fd 1 (a terminal or pipe)");
	wfd = open_report(O_WRONLY);
	if (wfd >= 0) {
		tap_expect(pread64(wfd, b, 1, 0), -EBADF, "pread64 of a write-only descriptor");
		sys_close(wfd);
	} else {
		tap_skip("not root", "pread64 of a write-only descriptor");
	}
}

static long open_close(const char *path, int flags)
{
	long fd = sys_openat(AT_FDCWD, path, flags, 0);

	if (fd >= 0) {
		sys_close(fd);
		return 0;
	}
	return fd;
}

/* path_openat() and link_path_walk() (fs/namei.c), do_open() and may_open(). */
static void paths(void)
{
	static char longpath[4200];
	long fd, fd2;

	tap_expect(open_close("//proc//meminfo", O_RDONLY), 0, "open //proc//meminfo");
	tap_expect(open_close("/proc/./meminfo", O_RDONLY), 0, "open /proc/./meminfo");
	tap_expect(open_close("/proc/../proc/meminfo", O_RDONLY), 0, "open /proc/../proc/meminfo");
	tap_expect(open_close("/../proc/meminfo", O_RDONLY), 0,
		   "open /../proc/meminfo (.. of / is /)");
	if (on_loam())
		tap_expect(open_close("proc/meminfo", O_RDONLY), 0,
			   "open proc/meminfo from the cwd /");
	else
		tap_skip("the working directory is the runner's",
			 "open proc/meminfo from the cwd /");
	tap_expect(open_close("/proc/meminfo/", O_RDONLY), -ENOTDIR,
		   "open /proc/meminfo/ (a trailing slash)");
	tap_expect(open_close("/proc/meminfo/.", O_RDONLY), -ENOTDIR, "open /proc/meminfo/.");
	tap_expect(open_close("/proc/meminfo/x", O_RDONLY), -ENOTDIR, "open /proc/meminfo/x");
	tap_expect(open_close("/proc/no-such-report", O_RDONLY), -ENOENT,
		   "open a missing /proc file");
	tap_expect(open_close("/no-such-dir/x", O_RDONLY), -ENOENT,
		   "open under a missing directory");
	tap_expect(open_close("", O_RDONLY), -ENOENT, "open of \"\"");
	tap_expect(open_close("/proc/meminfo", O_RDONLY | O_DIRECTORY), -ENOTDIR,
		   "open O_DIRECTORY of a file");
	tap_expect(open_close("/proc/meminfo", O_RDONLY | O_CREAT | O_EXCL), -EEXIST,
		   "open O_CREAT | O_EXCL of an existing file");
	tap_expect(open_close("/proc", O_WRONLY), -EISDIR, "open /proc for writing (may_open)");
	tap_expect(open_close("/", O_RDWR), -EISDIR, "open / for reading and writing");
	memset(longpath, '/', sizeof(longpath) - 1);
	tap_expect(open_close(longpath, O_RDONLY), -ENAMETOOLONG, "open of a 4199-byte path");
	fd = open_report(O_RDONLY);
	tap_expect(sys_openat(fd, "meminfo", O_RDONLY, 0), -ENOTDIR, "openat relative to a file");
	fd2 = sys_openat(fd, "/proc/meminfo", O_RDONLY, 0);
	tap_ok(fd2 >= 0, "openat of an absolute path ignores the descriptor: %ld", fd2);
	sys_close(fd2);
	sys_close(fd);
	tap_expect(sys_openat(1000, "meminfo", O_RDONLY, 0), -EBADF,
		   "openat relative to a closed fd");
	if (sys_getuid()) {
		tap_skip("not root", "open O_WRONLY of a 0444 /proc file");
		tap_skip("not root", "write to it: -EIO");
		return;
	}
	fd = open_report(O_WRONLY);
	tap_ok(fd >= 0, "open O_WRONLY of a 0444 /proc file: root may (%ld)", fd);
	tap_expect(sys_write(fd, "x", 1), -EIO,
		   "write to it: -EIO (proc_reg_write without a method)");
	sys_close(fd);
}

/* vfs_writev(): the descriptor first, then import_iovec() checks the whole vector. */
static void vectors(void)
{
	static struct linux_iovec many[1025];
	struct linux_iovec iov[2] = { { "# writev\n", 9 }, { "# more\n", 7 } };
	long fd;

	tap_expect(sys_writev(1000, NULL, 0), -EBADF, "writev of 0 segments to a closed fd");
	tap_expect(sys_writev(1000, many, 1025), -EBADF, "writev of 1025 segments to a closed fd");
	fd = open_report(O_RDONLY);
	tap_expect(sys_writev(fd, iov, 1), -EBADF, "writev to a read-only fd");
	sys_close(fd);
	tap_expect(sys_writev(1, NULL, 0), 0, "writev of 0 segments from NULL");
	tap_expect(sys_writev(1, many, 1025), -EINVAL, "writev of 1025 segments (UIO_MAXIOV 1024)");
	tap_expect(sys_writev(1, many, 1024), 0, "writev of 1024 empty segments");
	iov[1].iov_len = -1UL;
	tap_expect(sys_writev(1, iov, 2), -EINVAL,
		   "writev with a negative second length: nothing written");
	iov[1].iov_len = 7;
	iov[1].iov_base = (void *)KERNEL_ADDR;
	tap_expect(sys_writev(1, iov, 2), -EFAULT,
		   "writev with a second buffer in the kernel: nothing written");
	iov[1].iov_base = "# more\n";
	tap_expect(sys_writev(1, iov, 2), 16, "writev of two segments");
}

/* do_nanosleep(): a timespec64_valid() request or -EINVAL. */
static void sleeps(void)
{
	struct linux_timespec ts = { 0, NSEC_PER_SEC };

	tap_expect(sys_nanosleep(&ts, NULL), -EINVAL, "nanosleep of tv_nsec 10^9");
	ts.tv_nsec = -1;
	tap_expect(sys_nanosleep(&ts, NULL), -EINVAL, "nanosleep of tv_nsec -1");
	ts.tv_sec = -1;
	ts.tv_nsec = 0;
	tap_expect(sys_nanosleep(&ts, NULL), -EINVAL, "nanosleep of tv_sec -1");
	ts.tv_sec = 0;
	tap_expect(sys_nanosleep(&ts, NULL), 0, "nanosleep of 0");
}

/* prlimit64(): the new limit copied in, the task found (-ESRCH), then do_prlimit(). */
static void limits(void)
{
	struct linux_rlimit64 lim, was;

	sys_prlimit64(0, RLIMIT_NOFILE, NULL, &was);
	tap_expect(sys_prlimit64(0, 16, NULL, &lim), -EINVAL,
		   "prlimit64 of resource 16 (RLIM_NLIMITS)");
	tap_expect(sys_prlimit64(0, -1, NULL, &lim), -EINVAL, "prlimit64 of resource -1");
	lim.rlim_cur = was.rlim_max;
	lim.rlim_max = was.rlim_max - 1;
	tap_expect(sys_prlimit64(0, RLIMIT_NOFILE, &lim, NULL), -EINVAL,
		   "prlimit64 soft above hard");
	tap_expect(sys_prlimit64(0x3ffffff0, RLIMIT_NOFILE, NULL, &lim), -ESRCH,
		   "prlimit64 of a pid that does not exist");
	tap_expect(sys_prlimit64(0x3ffffff0, 16, (void *)KERNEL_ADDR, NULL), -EFAULT,
		   "prlimit64: the new limit is copied in before the pid is looked up");
	tap_expect(sys_prlimit64(sys_getpid(), RLIMIT_NOFILE, NULL, &lim), 0,
		   "prlimit64 of its own pid");
	tap_ok(lim.rlim_cur == was.rlim_cur && lim.rlim_max == was.rlim_max,
	       "RLIMIT_NOFILE unchanged by the refusals");
}

/*
 * build_open_how(): unknown bits dropped, O_PATH keeps only O_PATH_FLAGS;
 * do_dentry_open(): no creation flags in F_GETFL, O_DIRECT -EINVAL without
 * FMODE_CAN_ODIRECT (setfl() says the same). An O_PATH descriptor is for
 * close, dup, fcntl's descriptor commands and F_GETFL, fstat: I/O on it is
 * -EBADF (fdget() does not see FMODE_PATH files; check_fcntl_cmd()).
 */
static void open_flags(void)
{
	unsigned long st[16];
	long fd, fd2;

	fd = open_report(O_RDONLY | O_CREAT | O_NOCTTY | 0x40000000);
	tap_expect(sys_fcntl(fd, F_GETFL, 0) & ~O_LARGEFILE, O_RDONLY,
		   "F_GETFL after O_CREAT | O_NOCTTY | an unknown bit: O_RDONLY");
	tap_expect(sys_fcntl(fd, F_SETFL, O_DIRECT), -EINVAL, "F_SETFL O_DIRECT of a /proc file");
	tap_expect(sys_fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK | O_WRONLY), 0,
		   "F_SETFL O_APPEND | O_NONBLOCK | O_WRONLY");
	tap_expect(sys_fcntl(fd, F_GETFL, 0) & ~O_LARGEFILE, O_APPEND | O_NONBLOCK,
		   "F_GETFL: O_APPEND | O_NONBLOCK, the access mode unchanged");
	sys_close(fd);
	tap_expect(open_report(O_RDONLY | O_DIRECT), -EINVAL, "open O_DIRECT of a /proc file");
	fd = open_report(O_PATH | O_RDWR | O_CREAT | O_EXCL | O_DIRECT);
	tap_ok(fd >= 0, "open O_PATH, the other flags ignored: %ld", fd);
	tap_expect(sys_fcntl(fd, F_GETFL, 0), O_PATH, "F_GETFL of an O_PATH file: O_PATH alone");
	tap_expect(sys_read(fd, st, 8), -EBADF, "read of an O_PATH file");
	tap_expect(sys_write(fd, "x", 1), -EBADF, "write of an O_PATH file");
	tap_expect(sys_lseek(fd, 0, SEEK_SET), -EBADF, "lseek of an O_PATH file");
	tap_expect(sys_fcntl(fd, F_SETFL, 0), -EBADF, "F_SETFL of an O_PATH file");
	tap_expect(syscall6(NR_ioctl, fd, TCGETS, (long)st, 0, 0, 0), -EBADF,
		   "ioctl of an O_PATH file");
	tap_expect(sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0), -EBADF,
		   "mmap of an O_PATH file");
	tap_expect(syscall6(NR_fstat, fd, (long)st, 0, 0, 0, 0), 0, "fstat of an O_PATH file");
	fd2 = sys_dup(fd);
	tap_ok(fd2 > fd, "dup of an O_PATH file: %ld", fd2);
	tap_expect(sys_fcntl(fd2, F_GETFD, 0), 0, "F_GETFD of it");
	tap_expect(sys_close(fd2), 0, "close of the dup");
	tap_expect(sys_close(fd), 0, "close of an O_PATH file");
}

/* do_vfs_ioctl(): the commands every file answers, before the file's own ioctl. */
static void generic_ioctls(void)
{
	int on = 1, off = 0;
	long fd = open_report(O_RDONLY);

	tap_expect(syscall6(NR_ioctl, fd, FIOCLEX, 0, 0, 0, 0), 0, "ioctl FIOCLEX of a /proc file");
	tap_expect(sys_fcntl(fd, F_GETFD, 0), FD_CLOEXEC, "it set FD_CLOEXEC");
	tap_expect(syscall6(NR_ioctl, fd, FIONCLEX, 0, 0, 0, 0), 0, "ioctl FIONCLEX");
	tap_expect(sys_fcntl(fd, F_GETFD, 0), 0, "it cleared FD_CLOEXEC");
	tap_expect(syscall6(NR_ioctl, fd, FIONBIO, (long)&on, 0, 0, 0), 0, "ioctl FIONBIO on");
	tap_expect(sys_fcntl(fd, F_GETFL, 0) & O_NONBLOCK, O_NONBLOCK, "it set O_NONBLOCK");
	tap_expect(syscall6(NR_ioctl, fd, FIONBIO, (long)&off, 0, 0, 0), 0, "ioctl FIONBIO off");
	tap_expect(sys_fcntl(fd, F_GETFL, 0) & O_NONBLOCK, 0, "it cleared O_NONBLOCK");
	tap_expect(syscall6(NR_ioctl, fd, FIONBIO, KERNEL_ADDR, 0, 0, 0), -EFAULT,
		   "ioctl FIONBIO of a pointer into the kernel");
	tap_expect(syscall6(NR_ioctl, fd, FIOASYNC, (long)&on, 0, 0, 0), -ENOTTY,
		   "ioctl FIOASYNC on of a file without fasync");
	tap_expect(syscall6(NR_ioctl, fd, FIOASYNC, (long)&off, 0, 0, 0), 0,
		   "ioctl FIOASYNC off: no change, 0");
	sys_close(fd);
	tap_expect(syscall6(NR_ioctl, 1000, FIOCLEX, 0, 0, 0, 0), -EBADF,
		   "ioctl FIOCLEX of a closed fd");
}

static void unknown_numbers(void)
{
	static const long nrs[] = { 244, 463, 500, 1000, 0x7fffffff, -1 };
	size_t i;

	for (i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
		long r = syscall6(nrs[i], 1, 2, 3, 4, 5, 6);

		tap_ok(r == -ENOSYS, "system call %ld: %ld (want -ENOSYS)", nrs[i], r);
	}
}

int main(void)
{
	tap_plan(217);
	zero_counts();
	many_files();
	descriptors();
	clocks();
	bad_pointers();
	startup_calls();
	seeks();
	preads();
	paths();
	vectors();
	sleeps();
	limits();
	open_flags();
	generic_ioctls();
	unknown_numbers();
	return tap_done();
}
