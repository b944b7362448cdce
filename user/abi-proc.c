// SPDX-License-Identifier: GPL-2.0
/*
 * abi-proc: the edge cases of the process calls, each with Linux 6.12's
 * answer: getpid/gettid/set_tid_address (kernel/sys.c, kernel/fork.c),
 * wait4's pids, options and pointers (kernel/exit.c: kernel_wait4(),
 * eligible_child(), do_wait()), exit_group's code (do_group_exit() keeps
 * its low byte), clone's invalid flag combinations (kernel/fork.c:
 * copy_process()). The children are vfork children that exit at once
 * (lib/vfork.S), so that it runs the same under qemu-riscv64; one of them
 * checks the resource limits are copied at clone (kernel/fork.c:
 * copy_signal(): shared only with CLONE_THREAD). Process groups and
 * sessions with forked children (kernel/sys.c: setpgid, getpgid, getsid,
 * setsid; kill and wait4 of a group). And sysinfo (kernel/sys.c:
 * do_sysinfo()); prctl's task name and dumpable state (kernel/sys.c);
 * pidfds (kernel/pid.c pidfd_open(), fs/pidfs.c pidfd_poll()) and
 * process_mrelease()'s errors (mm/oom_kill.c).
 */
/* Linux's numbers, not picolibc's (ENOSYS, EOVERFLOW differ). */
#include "../include/uapi/errno.h"
#include <stdint.h>

#include "../include/uapi/prctl.h"
#include "../include/uapi/unistd.h"
#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

/* <linux/wait.h>: wait4's option bits. */
#define WNOHANG 0x00000001
#define WEXITED 0x00000004
#define WNOWAIT 0x01000000
#define __WNOTHREAD 0x20000000
#define __WALL 0x40000000
#define __WCLONE 0x80000000
/* <uapi/linux/sched.h> flags Loam's syscall.h lacks. */
#define CLONE_FS 0x00000200
#define CLONE_SIGHAND 0x00000800
#define CLONE_THREAD 0x00010000
#define CLONE_NEWNS 0x00020000

/* asm-generic/signal.h */
#define SIGKILL 9

static long sys_kill(long pid, long sig)
{
	return syscall6(__NR_kill, pid, sig, 0, 0, 0, 0);
}

/* A forked child that sleeps until it is killed; its pid (or -errno). */
static long sleeper(void)
{
	struct linux_timespec ts = { 1, 0 };
	long pid = fork_child();

	if (pid)
		return pid;
	for (;;)
		sys_nanosleep(&ts, NULL);
}

/*
 * A forked child in a session of its own (setsid()): exits with 0 if the
 * new session and group are its pid and a second setsid() and a
 * setpgid() are -EPERM (a session leader), a bit set for each that was not.
 */
static void setsid_child(void)
{
	long pid = sys_getpid();
	int bad = 0;

	bad |= (sys_setsid() != pid) << 0;
	bad |= (sys_getsid(0) != pid || sys_getpgid(0) != pid) << 1;
	bad |= (sys_setsid() != -EPERM) << 2;
	bad |= (sys_setpgid(0, 0) != -EPERM) << 3;
	sys_exit_group(bad);
}

/*
 * Linux's setpgid() and setsid() (kernel/sys.c), kill() of a group
 * (kill_pgrp_info()) and wait4() of one (eligible_pid()).
 */
static void process_groups(void)
{
	long pgrp = sys_getpgid(0), sid = sys_getsid(0), pid, other;
	int status = -1;

	tap_expect(sys_getpgid(sys_getpid()), pgrp, "getpgid(own pid) is getpgid(0)");
	tap_expect(sys_getsid(sys_getpid()), sid, "getsid(own pid) is getsid(0)");
	tap_expect(sys_getpgid(0x3ffffff0), -ESRCH, "getpgid of no process: -ESRCH");
	tap_expect(sys_getsid(0x3ffffff0), -ESRCH, "getsid of no process: -ESRCH");
	tap_expect(sys_setpgid(0, -1), -EINVAL, "setpgid to a negative group: -EINVAL");
	tap_expect(sys_setpgid(0x3ffffff0, 0), -ESRCH, "setpgid of no process: -ESRCH");
	tap_expect(sys_kill(0, 0), 0, "kill(0, 0): our group has us");
	pid = sleeper();
	other = sleeper();
	tap_ok(pid > 0 && other > 0, "two sleeping children: %ld, %ld", pid, other);
	tap_expect(sys_getpgid(pid), pgrp, "a forked child is in its parent's group");
	tap_expect(sys_setpgid(pid, 0), 0, "setpgid(child, 0): a group of its own");
	tap_expect(sys_getpgid(pid), pid, "named after the child");
	tap_expect(sys_getsid(pid), sid, "in its parent's session still");
	tap_expect(sys_setpgid(other, 0x3ffffff0), -EPERM,
		   "setpgid to a group nobody is in: -EPERM");
	tap_expect(sys_setpgid(other, pid), 0, "setpgid of the other child to the first's group");
	tap_expect(sys_wait4(-pid, &status, WNOHANG, NULL), 0,
		   "wait4(-pgid) finds the running members");
	tap_expect(sys_kill(-pid, SIGKILL), 0, "kill(-pgid, SIGKILL)");
	tap_expect(sys_wait4(-pid, &status, 0, NULL) + sys_wait4(-pid, &status, 0, NULL),
		   pid + other, "wait4(-pgid) reaps both members");
	tap_ok(status == SIGKILL, "killed by SIGKILL: status %#x", status);
	tap_expect(sys_kill(-pid, 0), -ESRCH, "kill of a group left empty: -ESRCH");
	tap_expect(sys_getpgid(0), pgrp, "the parent's group did not change");
	pid = fork_child();
	if (!pid)
		setsid_child();
	tap_expect(reap_exit(pid), 0,
		   "setsid() in a child: its own session and group, then -EPERM");
	pid = fork_child();
	if (!pid)
		sys_exit_group(sys_setpgid(0, 0) || sys_setsid() != -EPERM);
	tap_expect(reap_exit(pid), 0, "setsid() of a group leader: -EPERM");
}

/* A process is one thread: its tid is its pid (sys_gettid(), set_tid_address()). */
static void ids(void)
{
	int tid;
	long pid = sys_getpid();

	tap_expect(sys_gettid(), pid, "gettid of a single-threaded process is its pid");
	tap_expect(sys_set_tid_address(&tid), pid, "set_tid_address returns the caller's tid");
	tap_expect(sys_set_tid_address(NULL), pid, "set_tid_address(NULL) too");
	tap_expect(sys_sched_yield(), 0, "sched_yield");
}

/* kernel_wait4(): the options are checked first, then INT_MIN, then the children. */
static void wait_without_children(void)
{
	int status;

	tap_expect(sys_wait4(-1, &status, WNOHANG, NULL), -ECHILD, "wait4(-1) without children");
	tap_expect(sys_wait4(0, &status, 0, NULL), -ECHILD, "wait4(0) without children");
	tap_expect(sys_wait4(-1, &status, WEXITED, NULL), -EINVAL,
		   "wait4 with WEXITED (waitid's, not in wait4's mask)");
	tap_expect(sys_wait4(-1, &status, WNOWAIT, NULL), -EINVAL, "wait4 with WNOWAIT (waitid's)");
	tap_expect(sys_wait4(-1, &status, 0x10, NULL), -EINVAL, "wait4 with unknown option 0x10");
	tap_expect(sys_wait4(-1, &status, WNOHANG | __WALL | __WNOTHREAD, NULL), -ECHILD,
		   "wait4 with __WALL | __WNOTHREAD: valid, no children");
	tap_expect(sys_wait4(-2147483647 - 1, &status, WNOHANG, NULL), -ESRCH,
		   "wait4(INT_MIN): -ESRCH (no process group -INT_MIN)");
	tap_expect(sys_wait4(-2147483647 - 1, &status, 0x10, NULL), -EINVAL,
		   "wait4(INT_MIN) with a bad option: the options first");
}

/*
 * One child (a zombie on Loam; under qemu-user, whose vfork is a fork, maybe
 * still running): which wait4 calls see it (eligible_pid(), eligible_child()).
 */
static void wait_for_zombie(void)
{
	long pid = vfork_exit(0x100 | 42), r;
	int status = -1;

	tap_ok(pid > 0, "a child that exits with exit_group(0x12a): %ld", pid);
	tap_expect(sys_wait4(pid, &status, WNOHANG | __WCLONE, NULL), -ECHILD,
		   "wait4 __WCLONE: a SIGCHLD child is not a clone child");
	tap_expect(sys_wait4(-1, &status, WNOHANG | __WCLONE, NULL), -ECHILD,
		   "wait4(-1) __WCLONE: the same");
	tap_expect(sys_wait4(sys_getpid(), &status, WNOHANG, NULL), -ECHILD,
		   "wait4 of its own pid: not a child");
	tap_expect(sys_wait4(-0x3ffffff0, &status, WNOHANG, NULL), -ECHILD,
		   "wait4 of a process group nobody is in");
	tap_expect(sys_wait4(pid + 0x100000, &status, WNOHANG, NULL), -ECHILD,
		   "wait4 of a pid that does not exist");
	r = sys_wait4(pid, &status, __WALL | __WCLONE, NULL);
	tap_expect(r, pid, "wait4 __WALL | __WCLONE reaps it");
	tap_expect(status, 42 << 8, "exit_group(0x12a) gives status 42 << 8 (its low byte)");
	tap_expect(sys_wait4(pid, &status, WNOHANG, NULL), -ECHILD, "then it is gone");
}

/* kernel_wait4() stores the status, then sys_wait4() copies the rusage: -EFAULT, reaped. */
static void wait_bad_rusage(void)
{
	uintptr_t ro = sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long pid = vfork_exit(7);
	int status = -1;

	tap_ok(pid > 0, "a child that exits with 7: %ld", pid);
	tap_expect(sys_wait4(0, &status, 0, (void *)ro), -EFAULT,
		   "wait4(0) with the rusage in a read-only page");
	tap_expect(status, 7 << 8, "the status was stored before the rusage failed");
	tap_expect(sys_wait4(-1, &status, WNOHANG, NULL), -ECHILD, "and the child was reaped");
	pid = vfork_exit(3);
	tap_expect(sys_wait4(-1, NULL, 0, NULL), pid,
		   "wait4 with a NULL status reaps all the same");
	sys_munmap(ro, PAGE_SIZE);
}

/*
 * copy_signal(): a child starts with a copy of its parent's limits, so its
 * setrlimit is its own. A vfork child shares the parent's memory but not its
 * signal_struct (Linux shares that only with CLONE_THREAD); qemu-user's vfork
 * is a fork, where the same holds.
 */
static void rlimits_copied_at_clone(void)
{
	static struct linux_rlimit64 scratch;
	struct linux_rlimit64 mine, lower, after;
	int status = -1;
	long pid;

	sys_prlimit64(0, RLIMIT_NOFILE, NULL, &mine);
	lower = (struct linux_rlimit64){ mine.rlim_cur / 2, mine.rlim_max };
	pid = vfork_rlimit(RLIMIT_NOFILE, mine.rlim_cur, &lower, &scratch);
	tap_ok(pid > 0 && sys_wait4(pid, &status, 0, NULL) == pid && status == 0,
	       "a vfork child starts with its parent's RLIMIT_NOFILE (%llu) and lowers its own: "
	       "status 0x%x",
	       (unsigned long long)mine.rlim_cur, status);
	sys_prlimit64(0, RLIMIT_NOFILE, NULL, &after);
	tap_ok(after.rlim_cur == mine.rlim_cur && after.rlim_max == mine.rlim_max,
	       "the child's setrlimit leaves the parent's limit alone: %llu",
	       (unsigned long long)after.rlim_cur);
}

/*
 * copy_process()'s refusals, checked before anything is made (and refused
 * by qemu-user's do_fork() as well). A child, were one made, exits at once.
 */
static void clone_invalid(void)
{
	static const struct {
		unsigned long flags;
		const char *what;
	} cases[] = {
		{ CLONE_NEWNS | CLONE_FS | LINUX_SIGCHLD, "clone CLONE_NEWNS | CLONE_FS" },
		{ CLONE_THREAD | LINUX_SIGCHLD, "clone CLONE_THREAD without CLONE_SIGHAND" },
		{ CLONE_SIGHAND | LINUX_SIGCHLD, "clone CLONE_SIGHAND without CLONE_VM" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long r = sys_clone(cases[i].flags, 0, NULL, 0, NULL);

		if (!r)
			sys_exit_group(0);
		tap_expect(r, -EINVAL, cases[i].what);
	}
	tap_expect(sys_wait4(-1, NULL, WNOHANG, NULL), -ECHILD, "no child was made");
}

static long boot_seconds_up(void)
{
	struct linux_timespec ts;

	sys_clock_gettime(CLOCK_BOOTTIME, &ts);
	return ts.tv_sec + (ts.tv_nsec ? 1 : 0);
}

/* do_sysinfo(): uptime is CLOCK_BOOTTIME rounded up; si_meminfo() normalised to mem_unit 1. */
static void system_info(void)
{
	struct linux_sysinfo si;
	long before, after;

	before = boot_seconds_up();
	tap_expect(sys_sysinfo(&si), 0, "sysinfo");
	after = boot_seconds_up();
	tap_ok(si.uptime >= before && si.uptime <= after,
	       "sysinfo uptime is CLOCK_BOOTTIME rounded up: %ld in [%ld, %ld]", si.uptime, before,
	       after);
	tap_expect(si.mem_unit, 1, "sysinfo mem_unit 1 (the sizes in bytes)");
	tap_ok(si.totalram && si.freeram <= si.totalram && si.freeswap <= si.totalswap,
	       "sysinfo free memory and swap within their totals");
	tap_ok(si.procs >= 1, "sysinfo procs counts the caller: %u", si.procs);
}

static long prctl(int option, unsigned long a2)
{
	return syscall6(__NR_prctl, option, a2, 0, 0, 0, 0);
}

/* PR_SET_NAME/PR_GET_NAME: comm, 15 bytes and a NUL; the dumpable state; unknown options. */
static void prctl_cases(void)
{
	char name[16] = "";
	int i, same;

	tap_expect(prctl(PR_SET_NAME, (unsigned long)"abi-proc-renamed-twice"), 0,
		   "PR_SET_NAME of 22 bytes");
	tap_expect(prctl(PR_GET_NAME, (unsigned long)name), 0, "PR_GET_NAME");
	for (same = 1, i = 0; i < 16; i++)
		same &= name[i] == "abi-proc-rename"[i];
	tap_ok(same, "PR_GET_NAME: the first 15 bytes and a NUL (%.16s)", name);
	tap_expect(prctl(PR_SET_NAME, 0xffffffc000000000UL), -EFAULT,
		   "PR_SET_NAME from a kernel address");
	tap_expect(prctl(PR_GET_DUMPABLE, 0), 1, "PR_GET_DUMPABLE after exec: SUID_DUMP_USER");
	tap_expect(prctl(PR_SET_DUMPABLE, 2), -EINVAL, "PR_SET_DUMPABLE 2 (SUID_DUMP_ROOT)");
	tap_expect(prctl(PR_SET_DUMPABLE, 0), 0, "PR_SET_DUMPABLE 0");
	tap_expect(prctl(PR_GET_DUMPABLE, 0), 0, "PR_GET_DUMPABLE: 0");
	prctl(PR_SET_DUMPABLE, 1);
	tap_expect(prctl(0x7fff, 0), -EINVAL, "prctl of an unknown option");
}

/* include/uapi/asm-generic/poll.h, and Linux's struct pollfd. */
#define POLLIN 0x0001
#define POLLHUP 0x0010
struct linux_pollfd {
	int fd;
	short events, revents;
};

/* ppoll() of @fd for POLLIN, up to 5 s: the events it reports (POLLIN, POLLHUP), or -errno. */
static long poll_in(int fd)
{
	struct linux_pollfd p = { fd, POLLIN, 0 };
	struct linux_timespec ts = { 5, 0 };
	long r = syscall6(__NR_ppoll, (long)&p, 1, (long)&ts, 0, 8, 0);

	return r < 0 ? r : p.revents;
}

static long pidfd_open(long pid, unsigned long flags)
{
	return syscall6(__NR_pidfd_open, pid, flags, 0, 0, 0, 0);
}

static long process_mrelease(long fd, unsigned long flags)
{
	return syscall6(__NR_process_mrelease, fd, flags, 0, 0, 0, 0);
}

/* pidfd_open()'s and process_mrelease()'s errors, on this process. */
static void pidfd_errors(void)
{
	long fd;

	tap_expect(pidfd_open(0, 0), -EINVAL, "pidfd_open of pid 0");
	tap_expect(pidfd_open(-1, 0), -EINVAL, "pidfd_open of pid -1");
	tap_expect(pidfd_open(sys_getpid(), 1), -EINVAL, "pidfd_open with flag 1");
	tap_expect(pidfd_open(0x3ffffff0, 0), -ESRCH, "pidfd_open of a pid nobody has");
	fd = pidfd_open(sys_getpid(), O_NONBLOCK);
	tap_ok(fd >= 0, "pidfd_open of itself, PIDFD_NONBLOCK: %ld", fd);
	tap_expect(sys_fcntl(fd, F_GETFL, 0), O_RDWR | O_NONBLOCK, "F_GETFL: O_RDWR | O_NONBLOCK");
	tap_expect(process_mrelease(-1, 0), -EBADF, "process_mrelease of fd -1");
	tap_expect(process_mrelease(1, 0), -EBADF, "process_mrelease of a descriptor not a pidfd");
	tap_expect(process_mrelease(fd, 1), -EINVAL, "process_mrelease with flag 1");
	tap_expect(process_mrelease(fd, 0), -EINVAL, "process_mrelease of a live process");
	sys_close(fd);
}

/* A pidfd of a child: readable once it exited, hung up too once reaped. */
static void pidfd_of_child(void)
{
	long pid = vfork_exit(5), fd;
	char c;

	tap_ok(pid > 0, "a child that exits with 5: %ld", pid);
	fd = pidfd_open(pid, 0);
	tap_ok(fd >= 0, "pidfd_open of it: %ld", fd);
	tap_expect(sys_fcntl(fd, F_GETFD, 0), FD_CLOEXEC, "a pidfd is close-on-exec");
	tap_expect(sys_fcntl(fd, F_GETFL, 0), O_RDWR, "F_GETFL: O_RDWR");
	tap_expect(sys_read(fd, &c, 1), -EINVAL, "read of a pidfd");
	tap_expect(poll_in(fd), POLLIN, "ppoll: readable once it exited");
	tap_expect(process_mrelease(fd, 0), -ESRCH, "process_mrelease of the zombie: no mm");
	tap_expect(sys_wait4(pid, NULL, 0, NULL), pid, "wait4 reaps it");
	tap_expect(poll_in(fd), POLLIN | POLLHUP, "ppoll: hung up once reaped");
	tap_expect(process_mrelease(fd, 0), -ESRCH, "process_mrelease of the reaped child");
	sys_close(fd);
}

int main(void)
{
	tap_plan(88);
	ids();
	wait_without_children();
	wait_for_zombie();
	wait_bad_rusage();
	clone_invalid();
	rlimits_copied_at_clone();
	process_groups();
	system_info();
	prctl_cases();
	pidfd_errors();
	pidfd_of_child();
	return tap_done();
}
