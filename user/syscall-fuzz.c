// SPDX-License-Identifier: GPL-2.0
/*
 * syscall-fuzz [seed [calls]]: 100 000 (or @calls) system calls with random
 * numbers and arguments, seeded. The kernel must survive, the program's own
 * memory must not change and no memory may leak.
 *
 * syscall-fuzz --children seed total per-child: the long run, as init. The
 * calls are made by children, each a fuzzer of its own (seed, seed + 1, ...)
 * with per-child calls, until children that finished have made @total. A
 * random MAP_POPULATE | MAP_NORESERVE mapping of 2 GiB fills memory and
 * swap: the OOM killer must then kill the child (init is never chosen), and
 * a new child takes over. Every child must exit 0 or die of the OOM
 * killer's SIGKILL; memory and swap come back once they are gone.
 *
 * What keeps it safe, on Loam and on Linux alike (where it runs as root
 * under qemu-riscv64, so a wild call could touch the host):
 * - numbers: the Linux riscv64 calls Loam implements, numbers Linux does not
 *   assign (1000-1999, 0x7fffffff, -1), never exit/exit_group;
 * - memory-changing calls (mmap, munmap, mprotect, madvise, mlock, mlock2,
 *   munlock, mincore, msync; never mlockall) take either an
 *   address in a sandbox reserved at the start, with a length that stays in
 *   it, or an address in the kernel half, which always fails; a
 *   mapping the kernel placed elsewhere is unmapped at once; brk stays within
 *   1 MiB of its start (nothing else lives there: this program does not
 *   malloc);
 * - pointers the kernel may write through point into a scratch buffer or
 *   nowhere valid (NULL, kernel addresses, a reserved hole); not into the
 *   sandbox, whose pages qemu-user 7.2 loses track of (a prlimit64 writing
 *   there hung it);
 * - write/writev only to a bad fd, or to stdout/stderr with a bad buffer, so
 *   the TAP output stays clean; read only from bad fds (a console read blocks);
 *   dup, dup3 and fcntl only of bad fds (dup3 checks the old one before it
 *   touches the new one), so no descriptor of ours closes; pipe2 only into
 *   the scratch buffer (qemu-user 7.2 leaks the pipe of a failed copy, and a
 *   read of a leaked pipe would block), its pipe closed at once;
 * - nanosleep only for up to 1 us, from a valid request, and mostly for 0: a
 *   kernel with a timer tick sleeps until the next one (Loam: 10 ms), which
 *   would make sleeping most of a long run; prlimit64 only reads, or is refused
 *   (rlim_cur > rlim_max), and only for itself or a pid that cannot exist;
 * - signals: actions only SIG_DFL or SIG_IGN (a random handler would run
 *   garbage), sent only to itself and only signals whose default is to
 *   ignore (SIGCHLD, SIGURG, SIGWINCH) or none (0, or invalid numbers),
 *   never to pid 0 or -1 (qemu-user would pass them to the host);
 *   setitimer only disarms or is refused (a SIGALRM would end the run);
 *   ppoll and rt_sigtimedwait only with a zero or invalid timeout, rt_sigsuspend only with a
 *   bad mask or size (both would sleep for ever); never rt_sigreturn.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define CALLS 100000
#define SANDBOX_LEN (16 * MiB)
#define CANARY_LEN (256 * 1024)
#define HOLE_LEN (16 * PAGE_SIZE)

static uintptr_t sandbox, canary_map, hole;
static unsigned long brk0;
static uint8_t scratch[3 * PAGE_SIZE];
static uint64_t canary_bss[8192];

static const unsigned long kernel_addrs[] = {
	0xffffffd800000000UL, 0xffffffff80000000UL, 0xffffffc000000000UL,
	0xffffffffffe00000UL, 0x8000000000000000UL,
};

static unsigned long kernel_addr(void)
{
	return kernel_addrs[rng_below(5)] + (rng_below(2) ? rng_below(1 << 20) : 0);
}

/*
 * A pointer no call can succeed with: the kernel half, or a hole reserved at
 * the start (mapped and unmapped again: a mapping the fuzzer makes there is
 * unmapped before the next call). Not low addresses: qemu-user reads host
 * memory behind guest page 0 (nanosleep slept for a time found at 0x87a).
 */
static unsigned long bad_ptr(void)
{
	return rng_below(2) ? kernel_addr() : hole + rng_below(HOLE_LEN);
}

/* A pointer the kernel may write through (or must refuse). */
static unsigned long any_ptr(void)
{
	switch (rng_below(5)) {
	case 0:
		return 0;
	case 1:
	case 2:
		return bad_ptr();
	default:
		return (uintptr_t)scratch + rng_below(PAGE_SIZE);
	}
}

static int bad_fd(void)
{
	static const int fds[] = { -1, -100, 4096, 1 << 20, 0x7fffffff };

	return fds[rng_below(5)];
}

static unsigned long any_len(void)
{
	static const unsigned long huge[] = { 1UL << 62, -1UL, -PAGE_SIZE, 1UL << 50, 0x7fffffff };

	switch (rng_below(5)) {
	case 0:
		return 0;
	case 1:
		return huge[rng_below(5)];
	case 2:
		return 1 + rng_below(64);
	default:
		return rng_below(4 * PAGE_SIZE);
	}
}

/*
 * An address and length for a memory-changing call: inside the sandbox
 * (maybe unaligned, maybe empty, maybe wrapping around), or in the kernel half.
 */
static void mem_range(unsigned long *addr, unsigned long *len)
{
	unsigned long room;

	if (!rng_below(5)) {
		*addr = kernel_addr();
		/*
		 * Not past the top of the address space: Linux refuses that
		 * (EINVAL or ENOMEM), qemu-user 7.2 aborts on an assertion.
		 */
		*len = any_len();
		if (*len > -*addr - PAGE_SIZE)
			*len = PAGE_SIZE;
		return;
	}
	*addr = sandbox + rng_below(SANDBOX_LEN / PAGE_SIZE) * PAGE_SIZE;
	if (!rng_below(8))
		*addr += 1 + rng_below(PAGE_SIZE - 1);
	room = sandbox + SANDBOX_LEN - *addr;
	switch (rng_below(5)) {
	case 0:
		*len = 0;
		break;
	case 1:
		*len = room;
		break;
	default:
		*len = 1 + rng_below(room < 64 * PAGE_SIZE ? room : 64 * PAGE_SIZE);
		break;
	}
}

static bool in_sandbox(unsigned long addr)
{
	return addr >= sandbox && addr < sandbox + SANDBOX_LEN;
}

/* Larger populates without PROT_WRITE are mostly dropped: see fuzz_mmap(). */
#define HUGE_POPULATE (64 * MiB)

static long fuzz_mmap(void)
{
	static unsigned int huge_populates;
	static const int flag_bits[] = { MAP_FIXED,    MAP_FIXED_NOREPLACE, MAP_ANONYMOUS,
					 MAP_POPULATE, MAP_NORESERVE,	    MAP_GROWSDOWN,
					 0x200000 };
	unsigned long addr, len;
	int flags = rng_below(4), prot = rng_below(8), fd = -1, i;
	long off = rng_below(8) ? 0 : (long)rng_below(1 << 20);
	long r;

	for (i = 0; i < 7; i++)
		if (rng_below(3) == 0 || (flag_bits[i] == MAP_ANONYMOUS && rng_below(4)))
			flags |= flag_bits[i];
	if (!rng_below(16))
		prot |= 1 << rng_below(32);
	if (!rng_below(8))
		fd = rng_below(2) ? bad_fd() : (int)rng_below(3);
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		mem_range(&addr, &len);
	} else {
		/* A hint anywhere; the kernel picks the place, but only for a sane length. */
		addr = rng_below(2) ? 0 : any_ptr();
		len = rng_below(4) ? 1 + rng_below(64 * PAGE_SIZE) : any_len();
	}
	/*
	 * A huge populate without PROT_WRITE maps the zero page up to half a
	 * million times, to be unmapped at once: 3 s under emulation, most of
	 * a long run if each one went through. One in 8 does; the writable
	 * ones all do, as they fill memory and swap for the OOM killer. A
	 * count, not a draw: each seed makes the same calls as before.
	 */
	if ((flags & MAP_POPULATE) && !(prot & PROT_WRITE) && len > HUGE_POPULATE &&
	    huge_populates++ % 8)
		flags &= ~MAP_POPULATE;
	r = sys_mmap(addr, len, prot, flags, fd, off);
	if (!SYS_ERR(r) && !in_sandbox(r))
		sys_munmap(r, len);
	return r;
}

/*
 * mlock, mlock2, munlock, mincore (its vector in the scratch buffer, which
 * holds a byte per page of the sandbox, or at a bad pointer) and msync, over
 * a memory range as above. Never mlockall: under qemu-riscv64 it would lock
 * all of qemu's own memory on the host.
 */
static long fuzz_mlock(void)
{
	unsigned long addr, len;

	mem_range(&addr, &len);
	switch (rng_below(5)) {
	case 0:
		return sys_mlock(addr, len);
	case 1:
		return sys_mlock2(addr, len, rng_below(4) ? rng_below(2) : rng_next());
	case 2:
		return sys_munlock(addr, len);
	case 3:
		return sys_mincore(addr, len, rng_below(4) ? scratch : (unsigned char *)bad_ptr());
	default:
		return sys_msync(addr, len, rng_below(4) ? (int)rng_below(8) : (int)rng_next());
	}
}

/* A signal number: one whose default is to ignore, 0, or an invalid one. */
static long any_sig(void)
{
	static const long sigs[] = { 17, 23, 28, 0, 65, -1, 1000 };

	return sigs[rng_below(7)];
}

static long fuzz_signal(void)
{
	unsigned long *sa = (void *)(scratch + 2 * PAGE_SIZE + 512);
	long *tv = (void *)(scratch + 2 * PAGE_SIZE + 1024);
	long size = rng_below(4) ? 8 : (long)rng_below(32);

	switch (rng_below(10)) {
	case 0:
		sa[0] = rng_below(2); /* SIG_DFL, SIG_IGN */
		sa[1] = rng_next();
		sa[2] = rng_next();
		return syscall6(__NR_rt_sigaction, rng_below(4) ? any_sig() : (long)rng_below(70),
				rng_below(2) ? (long)sa :
				rng_below(2) ? 0 :
					       (long)bad_ptr(),
				(long)any_ptr(), size, 0, 0);
	case 1:
		return syscall6(__NR_rt_sigprocmask,
				rng_below(4) ? (long)rng_below(3) : (long)rng_next(),
				(long)any_ptr(), (long)any_ptr(), size, 0, 0);
	case 2:
		return syscall6(__NR_rt_sigpending, (long)any_ptr(), size, 0, 0, 0, 0);
	case 3:
		return syscall6(__NR_rt_sigsuspend, (long)bad_ptr(), rng_below(2) ? 8 : 9, 0, 0, 0,
				0);
	case 4:
		if (rng_below(2))
			return syscall6(__NR_kill, rng_below(2) ? sys_getpid() : 0x7fffffff,
					any_sig(), 0, 0, 0, 0);
		if (rng_below(2))
			return syscall6(__NR_tkill, rng_below(2) ? sys_getpid() : 0x7fffffff,
					any_sig(), 0, 0, 0, 0);
		return syscall6(__NR_tgkill, sys_getpid(), rng_below(2) ? sys_getpid() : 0x7fffffff,
				any_sig(), 0, 0, 0);
	case 5:
		return syscall6(__NR_sigaltstack, rng_below(2) ? 0 : (long)any_ptr(),
				(long)any_ptr(), 0, 0, 0, 0);
	case 6:
		return syscall6(__NR_getitimer,
				rng_below(4) ? (long)rng_below(3) : (long)rng_next(),
				(long)any_ptr(), 0, 0, 0, 0);
	case 7:
		/* Disarm (all zero), or tv_usec out of range: -EINVAL before anything changes. */
		tv[0] = tv[1] = tv[2] = 0;
		tv[3] = rng_below(2) ? 0 : 1000000 + (long)rng_below(1000);
		return syscall6(__NR_setitimer, rng_below(2) ? 0 : 3 + (long)rng_below(100),
				rng_below(4) ? (long)tv : (long)bad_ptr(), (long)any_ptr(), 0, 0,
				0);
	case 8:
		/* A zero or invalid timeout: it returns at once. */
		tv[0] = 0;
		tv[1] = rng_below(2) ? 0 : -1;
		return syscall6(__NR_rt_sigtimedwait, (long)any_ptr(), (long)any_ptr(),
				rng_below(4) ? (long)tv : (long)bad_ptr(), size, 0, 0);
	default:
		tv[0] = 0;
		tv[1] = rng_below(2) ? 0 : -1;
		return syscall6(__NR_ppoll, (long)any_ptr(), rng_below(4), (long)tv,
				rng_below(2) ? 0 : (long)any_ptr(), size, 0);
	}
}

/* pipe2 with random flags; a pipe it makes is closed at once. */
static long fuzz_pipe2(int *fd)
{
	long r = syscall6(__NR_pipe2, (long)fd, rng_below(2) ? (long)rng_next() : 0, 0, 0, 0, 0);

	if (!r) {
		sys_close(fd[0]);
		sys_close(fd[1]);
	}
	return r;
}

static long fuzz_one(void)
{
	static const long unknown[] = { 0x7fffffff, -1, 1000, 1999 };
	struct linux_timespec *ts = (void *)scratch;
	struct linux_rlimit64 *rl = (void *)(scratch + PAGE_SIZE);
	struct linux_iovec *iov = (void *)(scratch + 2 * PAGE_SIZE);
	unsigned long addr, len;
	int i;

	switch (rng_below(20)) {
	case 0:
		return sys_read(bad_fd(), (void *)any_ptr(), any_len());
	case 1:
		if (rng_below(2))
			return sys_write(bad_fd(), (void *)any_ptr(), any_len());
		return sys_write(1 + rng_below(2), (void *)bad_ptr(), any_len());
	case 2:
		for (i = 0; i < 4; i++) {
			iov[i].iov_base = (void *)bad_ptr();
			iov[i].iov_len = any_len();
		}
		if (rng_below(2))
			return sys_writev(bad_fd(), (void *)any_ptr(), (int)rng_next());
		return sys_writev(1 + rng_below(2), rng_below(2) ? iov : (void *)bad_ptr(),
				  rng_below(2) ? (int)rng_below(5) : (int)rng_next());
	case 3:
		/*
		 * Up to 1 us, or a bad value (nsec out of range, negative
		 * seconds). Never a bad request pointer: qemu-user 7.2 ignores
		 * the failed copy and sleeps for whatever its stack held.
		 */
		ts->tv_sec = rng_below(8) ? 0 : -1;
		ts->tv_nsec = rng_below(8) ? (long)rng_below(1000) : (long)rng_next();
		/* About one valid request in 64 sleeps; the same draws keep each seed's calls. */
		if (ts->tv_nsec >= 0 && ts->tv_nsec < 1000 && ts->tv_nsec % 64)
			ts->tv_nsec = 0;
		return sys_nanosleep(ts, (void *)(rng_below(2) ? 0 : any_ptr()));
	case 4:
		if (rng_below(2))
			return sys_clock_getres(rng_below(4) ? (int)rng_below(16) : (int)rng_next(),
						(void *)any_ptr());
		return sys_clock_gettime(rng_below(4) ? (int)rng_below(16) : (int)rng_next(),
					 (void *)any_ptr());
	case 5:
		return sys_uname((void *)any_ptr());
	case 6:
		return sys_sysinfo((void *)any_ptr());
	case 7:
		return sys_set_tid_address((void *)any_ptr());
	case 8:
		rl->rlim_max = rng_below(1 << 20);
		rl->rlim_cur = rl->rlim_max + 1 + rng_below(1 << 20);
		return sys_prlimit64(rng_below(2) ? 0 : 0x7fffffff,
				     rng_below(4) ? (int)rng_below(20) : (int)rng_next(),
				     rng_below(2) ? NULL :
				     rng_below(2) ? rl :
						    (void *)bad_ptr(),
				     (void *)(rng_below(2) ? 0 : any_ptr()));
	case 9:
		switch (rng_below(3)) {
		case 0:
			return sys_brk(brk0 + rng_below(MiB));
		case 1:
			return sys_brk(bad_ptr());
		default:
			return sys_brk(brk0 - rng_below(MiB));
		}
	case 10:
	case 11:
		return fuzz_mmap();
	case 12:
		mem_range(&addr, &len);
		return sys_munmap(addr, len);
	case 13:
		mem_range(&addr, &len);
		return sys_mprotect(addr, len, rng_below(8) ? (int)rng_below(8) : (int)rng_next());
	case 14:
		mem_range(&addr, &len);
		/* Linux's advice values, minus MADV_HWPOISON/SOFT_OFFLINE (100, 101), and junk. */
		return sys_madvise(addr, len,
				   rng_below(4) ? (int)rng_below(26) : 1000 + (int)rng_below(1000));
	case 15:
		return rng_below(2) ? sys_getpid() : rng_below(2) ? sys_gettid() : sys_getuid();
	case 16:
		if (!rng_below(16))
			return sys_sched_yield();
		switch (rng_below(4)) {
		case 0:
			return sys_dup(bad_fd());
		case 1:
			return sys_dup3(bad_fd(), (int)rng_below(1 << 20), (int)rng_next());
		case 2:
			return sys_fcntl(bad_fd(), (int)rng_below(1040), (long)rng_next());
		default:
			return fuzz_pipe2((int *)scratch);
		}
	case 17:
		return fuzz_signal();
	case 18:
		return fuzz_mlock();
	default:
		return syscall6(rng_below(2) ? 1000 + (long)rng_below(1000) : unknown[rng_below(4)],
				(long)rng_next(), (long)any_ptr(), (long)any_len(),
				(long)rng_next(), (long)kernel_addr(), (long)rng_next());
	}
}

static uint64_t canary_value(size_t i)
{
	return 0xc0ffee0000000000ULL + i;
}

/*
 * The outcomes worth a count: success, the errnos the calls mostly get, and
 * the rest together (index 0 of errs: any other errno).
 */
static const int common_errnos[] = { 0, EINVAL, EFAULT, ENOMEM, EBADF, ENOSYS, EEXIST, EPERM };
#define NR_OUTCOMES (sizeof(common_errnos) / sizeof(common_errnos[0]))

static void report_outcomes(unsigned long calls, unsigned long ok, const unsigned long *errs)
{
	static const char *const names[] = { "other", "EINVAL", "EFAULT", "ENOMEM",
					     "EBADF", "ENOSYS", "EEXIST", "EPERM" };
	char line[256];
	int len, i;

	len = snprintf(line, sizeof(line), "%lu calls: %lu succeeded", calls, ok);
	for (i = 1; i < (int)NR_OUTCOMES; i++)
		len += snprintf(line + len, sizeof(line) - len, ", %s %lu", names[i], errs[i]);
	snprintf(line + len, sizeof(line) - len, ", other errnos %lu", errs[0]);
	tap_diag("%s", line);
}

/* One fuzzer: @calls calls from the seed in argv, and the checks after them. */
static int fuzz(int argc, char **argv, unsigned long calls)
{
	unsigned long before = free_ram(), ok = 0, errs[NR_OUTCOMES] = { 0 }, bad_canary = 0;
	uint64_t canary_stack[512];
	size_t i, e;
	long r;

	tap_plan(5);
	seed_from_args(argc, argv, 1);
	sandbox = sys_mmap(0, SANDBOX_LEN, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	canary_map =
		sys_mmap(0, CANARY_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!tap_ok(!SYS_ERR(sandbox) && !SYS_ERR(canary_map),
		    "sandbox of %lu MiB at 0x%lx, canary mapping at 0x%lx", SANDBOX_LEN >> 20,
		    sandbox, canary_map))
		return tap_done();
	hole = sys_mmap(0, HOLE_LEN, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	sys_munmap(hole, HOLE_LEN);
	brk0 = sys_brk(0);
	for (i = 0; i < 8192; i++)
		canary_bss[i] = canary_value(i);
	for (i = 0; i < 512; i++)
		canary_stack[i] = canary_value(i);
	pages_fill(canary_map, CANARY_LEN, 0xca);

	for (i = 0; i < calls; i++) {
		r = fuzz_one();
		if (!SYS_ERR(r)) {
			ok++;
			continue;
		}
		for (e = 1; e < NR_OUTCOMES && -r != common_errnos[e]; e++)
			;
		errs[e < NR_OUTCOMES ? e : 0]++;
	}
	sys_set_tid_address(NULL);
	report_outcomes(calls, ok, errs);
	tap_ok(true, "survived %lu random system calls", calls);

	for (i = 0; i < 8192; i++)
		bad_canary += canary_bss[i] != canary_value(i);
	for (i = 0; i < 512; i++)
		bad_canary += canary_stack[i] != canary_value(i);
	tap_ok(!bad_canary && !pages_check(canary_map, CANARY_LEN, 0xca),
	       "own memory intact: .bss, stack and a mapping outside the sandbox");

	r = sys_munmap(sandbox, SANDBOX_LEN) ?: sys_munmap(canary_map, CANARY_LEN);
	tap_ok(!r && sys_brk(brk0) == (long)brk0, "sandbox and canary unmapped, brk back at start");
	leak_check("after the fuzzing", before, free_ram(), 2 * MiB);
	return tap_done();
}

/* More kills than this and the run is not getting anywhere: it stops. */
#define MAX_KILLS 200
/* Swap init may hold: reclaim may have swapped out some of its few pages. */
#define OWN_SWAP_SLACK (256 * 1024UL)

/* How the children ended. */
struct fates {
	unsigned long exited, killed, other, calls;
};

/* Run one child fuzzer (seed @seed, @calls calls) to its end; count how it ended. */
static void run_child(const char *path, unsigned long seed, unsigned long calls, struct fates *f)
{
	char seed_arg[24], calls_arg[24];
	char *argv[] = { (char *)path, seed_arg, calls_arg, NULL };
	int status = 0;
	long pid, r;

	snprintf(seed_arg, sizeof(seed_arg), "%lu", seed);
	snprintf(calls_arg, sizeof(calls_arg), "%lu", calls);
	/* The child's TAP is a subtest of ours: indented, not counted as our cases. */
	setenv("TAP_INDENT", "    ", 1);
	pid = spawn(path, argv);
	unsetenv("TAP_INDENT");
	r = pid > 0 ? sys_wait4(pid, &status, 0, NULL) : pid;
	if (r == pid && WIFEXITED(status) && !WEXITSTATUS(status)) {
		f->exited++;
		f->calls += calls;
	} else if (r == pid && WIFSIGNALED(status) && WTERMSIG(status) == 9) {
		f->killed++;
	} else {
		f->other++;
		tap_diag("child with seed %lu: spawn %ld, wait4 %ld, status 0x%x", seed, pid, r,
			 status);
	}
}

static int children(const char *path, unsigned long seed, unsigned long total,
		    unsigned long per_child)
{
	struct fates f = { 0 };
	struct linux_sysinfo si0, si1;
	long oom0, oom1;
	unsigned long used, n, before, after, slack;

	tap_plan(5);
	if (!on_loam()) {
		tap_skip("fills memory and swap: Loam only", "children ended well");
		tap_skip("the same", "calls made");
		tap_skip("the same", "kills were the OOM killer's");
		tap_skip("the same", "swap slots free");
		tap_skip("the same", "free memory back");
		return tap_done();
	}
	sys_sysinfo(&si0);
	oom0 = proc_counter("/proc/vmstat", "oom_kill");
	while (f.calls < total && f.killed < MAX_KILLS && !f.other) {
		n = total - f.calls < per_child ? total - f.calls : per_child;
		run_child(path, seed++, n, &f);
	}
	oom1 = proc_counter("/proc/vmstat", "oom_kill");
	tap_diag("%lu children: %lu exited 0, %lu killed by the OOM killer, %lu otherwise",
		 f.exited + f.killed + f.other, f.exited, f.killed, f.other);
	tap_ok(!f.other, "every child exited 0 or was killed by SIGKILL");
	tap_ok(f.calls >= total, "%lu calls made by children that finished (%lu wanted)", f.calls,
	       total);
	tap_ok(oom1 - oom0 == (long)f.killed, "every SIGKILL was the OOM killer's (oom_kill %ld)",
	       oom1 - oom0);
	sys_sysinfo(&si1);
	used = (si1.totalswap - si1.freeswap) * si1.mem_unit;
	tap_ok(si1.totalswap && used <= OWN_SWAP_SLACK,
	       "swap slots free again (%lu KiB of %lu KiB in use, ours)", used >> 10,
	       si1.totalswap * si1.mem_unit >> 10);
	/* kswapd runs too (procs is 2): leak_check() would skip. Slack as oom-test's. */
	before = si0.freeram * si0.mem_unit;
	after = si1.freeram * si1.mem_unit;
	slack = 2 * MiB + before / 100;
	tap_ok((long)(before - after) <= (long)slack,
	       "free memory back: %lu KiB before, %lu KiB after (%lu KiB allowed)", before >> 10,
	       after >> 10, slack >> 10);
	return tap_done();
}

int main(int argc, char **argv)
{
	if (argc > 4 && !strcmp(argv[1], "--children"))
		return children(argv[0], strtoul(argv[2], NULL, 0), strtoul(argv[3], NULL, 0),
				strtoul(argv[4], NULL, 0));
	return fuzz(argc, argv, argc > 2 ? strtoul(argv[2], NULL, 0) : CALLS);
}
