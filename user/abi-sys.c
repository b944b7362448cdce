// SPDX-License-Identifier: GPL-2.0
/*
 * abi-sys: the edge cases of the calls that are not about memory, each with
 * Linux 6.12's answer: read/write of 0 bytes, descriptors (O_ACCMODE 3, the
 * table growing to RLIMIT_NOFILE, close of 0, dup, dup3, fcntl), the clocks
 * (fs/read_write.c, fs/open.c, fs/file.c, fs/fcntl.c, kernel/time/posix-*.c),
 * pointers into the kernel, at unmapped or read-only memory (-EFAULT, never
 * a crash), numbers no call has (-ENOSYS), and what a C library's start-up
 * asks (set_robust_list, getrandom, readlinkat, newfstatat, fstat, ioctl:
 * kernel/futex/syscalls.c, drivers/char/random.c, fs/stat.c, fs/ioctl.c).
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

static void expect(long r, long want, const char *what)
{
	tap_ok(r == want, "%s: %ld (want %ld)", what, r, want);
}

static long open_report(int flags)
{
	return sys_openat(AT_FDCWD, "/proc/meminfo", flags, 0);
}

static void zero_counts(void)
{
	char buf[8];
	long fd = open_report(O_RDONLY);

	expect(sys_read(fd, buf, 0), 0, "read of 0 bytes");
	expect(sys_read(fd, NULL, 0), 0, "read of 0 bytes into NULL");
	/* access_ok() of 0 bytes still wants an address below TASK_SIZE. */
	expect(sys_read(fd, (void *)KERNEL_ADDR, 0), -EFAULT, "read of 0 bytes into the kernel");
	expect(sys_read(0, buf, 0), 0, "read of 0 bytes from fd 0");
	expect(sys_write(1, NULL, 0), 0, "write of 0 bytes from NULL to fd 1");
	expect(sys_read(fd, buf, 1), 1, "then a read of 1 byte");
	sys_close(fd);

	/* O_ACCMODE 3: open succeeds, neither read nor write is allowed (OPEN_FMODE()). */
	fd = open_report(O_ACCMODE);
	tap_ok(fd >= 0, "open with O_ACCMODE 3: %ld", fd);
	expect(sys_read(fd, buf, 1), -EBADF, "read of an O_ACCMODE 3 descriptor");
	expect(sys_write(fd, "x", 1), -EBADF, "write of an O_ACCMODE 3 descriptor");
	sys_close(fd);
}

static void many_files(void)
{
	struct linux_rlimit64 old, lim = { NOFILE_SOFT, 0 };
	long fd, last = -1, err = 0;
	int n = 0, i;

	sys_prlimit64(0, RLIMIT_NOFILE, NULL, &old);
	lim.rlim_max = old.rlim_max;
	expect(sys_prlimit64(0, RLIMIT_NOFILE, &lim, NULL), 0, "RLIMIT_NOFILE soft limit 1024");
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
	expect(sys_dup3(3, NOFILE_SOFT, 0), -EBADF, "dup3 to a descriptor at RLIMIT_NOFILE");
	expect(sys_fcntl(3, F_DUPFD, 0), -EMFILE, "F_DUPFD with the table full");
	for (i = 3; i <= last; i++)
		sys_close(i);
	lim.rlim_cur = 64;
	sys_prlimit64(0, RLIMIT_NOFILE, &lim, NULL);
	expect(sys_dup3(0, 64, 0), -EBADF, "dup3 past a lowered limit");
	expect(sys_fcntl(0, F_DUPFD, 64), -EINVAL, "F_DUPFD from the limit on");
	/* Past any fs.nr_open (at most INT_MAX rounded down to a multiple of 64). */
	lim.rlim_cur = NOFILE_SOFT;
	lim.rlim_max = 1UL << 31;
	expect(sys_prlimit64(0, RLIMIT_NOFILE, &lim, NULL), -EPERM,
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
	expect(sys_lseek(fd2, 0, SEEK_CUR), 7, "a dup shares the offset");
	expect(sys_dup(-1), -EBADF, "dup of -1");
	expect(sys_dup(fd2 + 100), -EBADF, "dup of a closed descriptor");
	expect(sys_dup3(fd, fd, 0), -EINVAL, "dup3 onto itself");
	expect(sys_dup3(fd, 100, 1), -EINVAL, "dup3 with an unknown flag");
	expect(sys_dup3(fd2 + 100, 100, 0), -EBADF, "dup3 of a closed descriptor");
	expect(sys_dup3(fd, 100, O_CLOEXEC), 100, "dup3 to 100 with O_CLOEXEC");
	expect(sys_fcntl(100, F_GETFD, 0), FD_CLOEXEC, "F_GETFD: FD_CLOEXEC");
	expect(sys_fcntl(fd, F_GETFD, 0), 0, "F_GETFD of the original: 0");
	expect(sys_fcntl(100, F_SETFD, 0), 0, "F_SETFD 0");
	expect(sys_fcntl(100, F_GETFD, 0), 0, "F_GETFD after it: 0");
	expect(sys_fcntl(100, F_GETFL, 0), O_RDONLY | O_LARGEFILE, "F_GETFL: O_RDONLY|O_LARGEFILE");
	r = open_report(O_RDONLY | O_CLOEXEC);
	tap_ok(!(sys_fcntl(r, F_GETFL, 0) & O_CLOEXEC) && sys_fcntl(r, F_GETFD, 0) == FD_CLOEXEC,
	       "O_CLOEXEC is the descriptor's flag, not the file's (F_GETFD, not F_GETFL)");
	sys_close(r);
	expect(sys_fcntl(fd, F_DUPFD, 50), 50, "F_DUPFD from 50");
	expect(sys_fcntl(fd, F_DUPFD_CLOEXEC, 50), 51, "F_DUPFD_CLOEXEC from 50");
	expect(sys_fcntl(51, F_GETFD, 0), FD_CLOEXEC, "and it is close-on-exec");
	expect(sys_fcntl(fd, 12345, 0), -EINVAL, "fcntl with an unknown command");
	expect(sys_fcntl(-1, F_GETFD, 0), -EBADF, "fcntl of -1");
	/* dup3 onto an open descriptor closes that one first. */
	expect(sys_dup3(fd2, 100, 0), 100, "dup3 onto an open descriptor");
	expect(sys_lseek(100, 0, SEEK_CUR), 7, "it now shares the offset");
	sys_close(fd);
	sys_close(fd2);
	sys_close(50);
	sys_close(51);
	sys_close(100);

	/* Descriptor 0 is a file like any other. */
	expect(sys_close(0), 0, "close(0)");
	expect(sys_read(0, a, 1), -EBADF, "read of fd 0 once closed");
	expect(sys_close(0), -EBADF, "close(0) again");
	fd = open_report(O_RDONLY);
	expect(fd, 0, "open takes the lowest free descriptor: 0");
	r = sys_read(0, b, 7);
	expect(r, 7, "read of the new fd 0");
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
	expect(sys_clock_gettime(10, &ts), -EINVAL, "clock_gettime of clock 10 (none)");
	expect(sys_clock_gettime(16, &ts), -EINVAL, "clock_gettime of clock 16 (none)");
	expect(sys_clock_gettime(CLOCK_MONOTONIC, NULL), -EFAULT, "clock_gettime into NULL");

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
	expect(sys_clock_getres(CLOCK_MONOTONIC, NULL), 0, "clock_getres into NULL");
	expect(sys_clock_getres(16, &res), -EINVAL, "clock_getres of clock 16");
	expect(sys_clock_getres(CLOCK_MONOTONIC, (void *)KERNEL_ADDR), -EFAULT,
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
	expect(sys_read(fd, (void *)KERNEL_ADDR, 16), -EFAULT, "read into the kernel");
	expect(sys_read(fd, (void *)hole, 16), -EFAULT, "read into unmapped memory");
	expect(sys_read(fd, (void *)ro, 16), -EFAULT, "read into a read-only page");
	expect(sys_lseek(fd, 0, SEEK_CUR), 0, "nothing was consumed");
	sys_close(fd);
	expect(sys_write(1, (void *)KERNEL_ADDR, 16), -EFAULT, "write from the kernel");
	expect(sys_write(1, (void *)hole, 16), -EFAULT, "write from unmapped memory");
	expect(sys_writev(1, (void *)KERNEL_ADDR, 1), -EFAULT, "writev of an iovec in the kernel");
	expect(sys_writev(1, &iov, 1), -EFAULT, "writev of a buffer in the kernel");
	expect(sys_uname((void *)KERNEL_ADDR), -EFAULT, "uname into the kernel");
	expect(sys_uname((void *)ro), -EFAULT, "uname into a read-only page");
	expect(sys_sysinfo((void *)hole), -EFAULT, "sysinfo into unmapped memory");
	expect(sys_sysinfo((void *)ro), -EFAULT, "sysinfo into a read-only page");
	expect(sys_clock_gettime(CLOCK_MONOTONIC, (void *)ro), -EFAULT,
	       "clock_gettime into a read-only page");
	expect(sys_clock_gettime(CLOCK_MONOTONIC, (void *)KERNEL_ADDR), -EFAULT,
	       "clock_gettime into the kernel");
	if (on_loam())
		expect(sys_nanosleep((void *)hole, NULL), -EFAULT,
		       "nanosleep of a request in unmapped memory");
	else
		tap_skip("qemu-user 7.2 ignores the failed copy and sleeps for whatever its"
			 " stack held",
			 "nanosleep of a request in unmapped memory");
	/* rem is written only when the sleep is interrupted. */
	expect(sys_nanosleep(&ts, (void *)KERNEL_ADDR), 0, "nanosleep with rem in the kernel");
	sys_prlimit64(0, RLIMIT_NOFILE, NULL, &was);
	expect(sys_prlimit64(0, RLIMIT_NOFILE, NULL, (void *)ro), -EFAULT,
	       "prlimit64 old limit into a read-only page");
	expect(sys_prlimit64(0, RLIMIT_NOFILE, (void *)KERNEL_ADDR, NULL), -EFAULT,
	       "prlimit64 new limit from the kernel");
	r = sys_prlimit64(0, RLIMIT_NOFILE, NULL, &lim);
	tap_ok(!r && lim.rlim_cur == was.rlim_cur && lim.rlim_max == was.rlim_max,
	       "RLIMIT_NOFILE unchanged");
	expect(sys_openat(AT_FDCWD, (void *)KERNEL_ADDR, O_RDONLY, 0), -EFAULT,
	       "openat of a path in the kernel");
	expect(sys_openat(AT_FDCWD, NULL, O_RDONLY, 0), -EFAULT, "openat of a NULL path");
	expect(sys_openat(AT_FDCWD, (void *)hole, O_RDONLY, 0), -EFAULT,
	       "openat of a path in unmapped memory");
	expect(sys_execve((void *)KERNEL_ADDR, argv, argv), -EFAULT,
	       "execve of a path in the kernel");
	expect(sys_wait4(-1, (void *)KERNEL_ADDR, 1 /* WNOHANG */, NULL), -ECHILD,
	       "wait4 without children does not touch the status pointer");
	/* A child whose exec fails exits with 127; kernel_wait4() reaps it, then faults. */
	pid = spawn("/no-such-program", child_argv);
	tap_ok(pid > 0, "a child to wait for: %ld", pid);
	expect(sys_wait4(pid, (void *)KERNEL_ADDR, 0, NULL), -EFAULT,
	       "wait4 with the status pointer in the kernel");
	expect(sys_wait4(pid, &status, 1 /* WNOHANG */, NULL), -ECHILD,
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
#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#define GRND_INSECURE 4
#define STAT_MODE(st) (*(unsigned int *)((char *)(st) + 16)) /* asm-generic struct stat */
#define STAT_SIZE(st) ((st)[6])

static void startup_calls(void)
{
	unsigned long st[16], head[3] = { 0 }, buf[8];
	struct linux_rlimit64 lim, was;
	long fd;

	expect(syscall6(NR_set_robust_list, (long)head, 23, 0, 0, 0, 0), -EINVAL,
	       "set_robust_list of length 23");
	expect(syscall6(NR_set_robust_list, (long)head, 24, 0, 0, 0, 0), 0,
	       "set_robust_list of length 24");
	expect(syscall6(NR_getrandom, (long)buf, 16, 8, 0, 0, 0), -EINVAL,
	       "getrandom with an unknown flag");
	expect(syscall6(NR_getrandom, (long)buf, 16, GRND_INSECURE | GRND_RANDOM, 0, 0, 0), -EINVAL,
	       "getrandom GRND_INSECURE | GRND_RANDOM");
	expect(syscall6(NR_getrandom, (long)buf, 16, GRND_NONBLOCK, 0, 0, 0), 16,
	       "getrandom GRND_NONBLOCK of 16 bytes");
	expect(syscall6(NR_readlinkat, AT_FDCWD, (long)"/proc/meminfo", (long)buf, 64, 0, 0),
	       -EINVAL, "readlinkat of a file that is no link");
	expect(syscall6(NR_readlinkat, AT_FDCWD, (long)"/no-such-file", (long)buf, 64, 0, 0),
	       -ENOENT, "readlinkat of a missing file");
	expect(syscall6(NR_readlinkat, AT_FDCWD, (long)"/no-such-file", (long)buf, 0, 0, 0),
	       -EINVAL, "readlinkat with bufsiz 0");
	expect(syscall6(NR_readlinkat, AT_FDCWD, (long)"/proc/self/exe", (long)buf, 4, 0, 0), 4,
	       "readlinkat /proc/self/exe into 4 bytes: cut short");
	tap_ok(syscall6(NR_newfstatat, AT_FDCWD, (long)"/proc/meminfo", (long)st, 0, 0, 0) == 0 &&
		       STAT_MODE(st) == (0100000 | 0444) && STAT_SIZE(st) == 0,
	       "newfstatat /proc/meminfo: a regular file, 0444, size 0");
	expect(syscall6(NR_newfstatat, AT_FDCWD, (long)"/proc/meminfo", (long)st, 1, 0, 0), -EINVAL,
	       "newfstatat with an unknown flag");
	expect(syscall6(NR_newfstatat, AT_FDCWD, (long)"", (long)st, 0, 0, 0), -ENOENT,
	       "newfstatat of \"\" without AT_EMPTY_PATH");
	expect(syscall6(NR_fstat, 1000, (long)st, 0, 0, 0, 0), -EBADF, "fstat of a closed fd");
	fd = open_report(O_RDONLY);
	tap_ok(fd >= 0 && syscall6(NR_fstat, fd, (long)st, 0, 0, 0, 0) == 0 &&
		       STAT_MODE(st) == (0100000 | 0444),
	       "fstat of an open /proc file: regular, 0444");
	expect(syscall6(NR_ioctl, fd, TCGETS, (long)buf, 0, 0, 0), -ENOTTY,
	       "ioctl TCGETS on a /proc file");
	sys_close(fd);
	expect(syscall6(NR_ioctl, 1000, TCGETS, (long)buf, 0, 0, 0), -EBADF,
	       "ioctl on a closed fd");
	sys_prlimit64(0, RLIMIT_NOFILE, NULL, &was);
	tap_ok(syscall6(NR_getrlimit, RLIMIT_NOFILE, (long)&lim, 0, 0, 0, 0) == 0 &&
		       lim.rlim_cur == was.rlim_cur && lim.rlim_max == was.rlim_max,
	       "getrlimit(RLIMIT_NOFILE) is prlimit64's");
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
	tap_plan(106);
	zero_counts();
	many_files();
	descriptors();
	clocks();
	bad_pointers();
	startup_calls();
	unknown_numbers();
	return tap_done();
}
