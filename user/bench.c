// SPDX-License-Identifier: GPL-2.0
/*
 * bench: what the memory system calls, page faults and a signal cost, for `make bench`.
 * Under QEMU with -icount shift=0 every guest instruction is 1 ns of guest
 * time, so CLOCK_MONOTONIC differences are instruction counts (the clock's
 * resolution is 100 ns, 100 instructions, so each figure averages many
 * operations). Elsewhere (qemu-riscv64, a board) the figures are nanoseconds.
 * Lines: "bench: user <what> <per op> per op (<ops> ops)", which tests/bench reads.
 */
#include <stdbool.h>
#include <stdio.h>

#include "../include/uapi/signal.h"
#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define FAULT_PAGES 4096 /* 16 MiB */
#define BRK_BYTES (32 * MiB)
#define SMALL_MAP (64 * 1024)
#define SMALL_ROUNDS 500
#define NULL_CALLS 20000
#define FORK_BYTES (64 * MiB)
#define FORK_ROUNDS 4
#define SIGNALS 5000

static long now_ns(void)
{
	struct linux_timespec ts;

	sys_clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void report(const char *what, long ns, long ops)
{
	printf("bench: user %s %ld per op (%ld ops)\n", what, ns / ops, ops);
}

static void touch(unsigned long start, unsigned long len)
{
	unsigned long p;

	for (p = start; p < start + len; p += PAGE_SIZE)
		*(volatile char *)p = 1;
}

/* fork() of this process, the child exiting at once; its exit status, -1 if none. */
static int fork_exit(void)
{
	int status;
	long pid;

	fflush(stdout);
	pid = sys_clone(LINUX_SIGCHLD, 0, NULL, 0, NULL);
	if (pid == 0)
		sys_exit(0);
	if (pid < 0 || sys_wait4(pid, &status, 0, NULL) != pid)
		return -1;
	return status;
}

/*
 * With 64 MiB touched: fork + the child's exit + wait4, per round (every
 * PTE copied and write-protected, then zapped); and a COW fault, per page:
 * a child writes a word to each page of 16 MiB it shares with us (copy,
 * remap, old page's mapping dropped), measured and printed by the child.
 */
static bool bench_fork(void)
{
	unsigned long m =
		sys_mmap(0, FORK_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int i, status = -1;
	bool ok = !SYS_ERR(m);
	long t, pid;

	if (!ok)
		return false;
	touch(m, FORK_BYTES);
	t = now_ns();
	for (i = 0; i < FORK_ROUNDS; i++)
		ok &= fork_exit() == 0;
	report("fork_exit_64m", now_ns() - t, FORK_ROUNDS);
	fflush(stdout);
	pid = sys_clone(LINUX_SIGCHLD, 0, NULL, 0, NULL);
	if (pid == 0) {
		t = now_ns();
		touch(m, FAULT_PAGES * PAGE_SIZE);
		report("cow_fault", now_ns() - t, FAULT_PAGES);
		fflush(stdout);
		sys_exit(0);
	}
	ok &= pid > 0 && sys_wait4(pid, &status, 0, NULL) == pid && status == 0;
	ok &= !sys_munmap(m, FORK_BYTES);
	return ok;
}

static volatile long signals_handled;

static void on_usr1(int sig)
{
	signals_handled++;
}

/*
 * A signal round trip: kill(getpid(), SIGUSR1), the frame built on the way
 * out of kill, the handler, rt_sigreturn through the [vdso] page. False if
 * a signal went missing.
 */
static bool signal_round_trips(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	long pid = sys_getpid(), t, i;

	syscall6(__NR_rt_sigaction, SIGUSR1, (long)&sa, 0, sizeof(sigset_t), 0, 0);
	t = now_ns();
	for (i = 0; i < SIGNALS; i++)
		syscall6(__NR_kill, pid, SIGUSR1, 0, 0, 0, 0);
	report("signal_round_trip", now_ns() - t, SIGNALS);
	sa.sa_handler = SIG_DFL;
	syscall6(__NR_rt_sigaction, SIGUSR1, (long)&sa, 0, sizeof(sigset_t), 0, 0);
	return signals_handled == SIGNALS;
}

int main(void)
{
	unsigned long len = FAULT_PAGES * PAGE_SIZE, brk0, i;
	long m, t, ok = 1;

	tap_plan(1);
	t = now_ns();
	for (i = 0; i < NULL_CALLS; i++)
		sys_getpid();
	report("null_syscall", now_ns() - t, NULL_CALLS);

	m = sys_mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok &= !SYS_ERR(m);
	t = now_ns();
	touch(m, len);
	report("first_touch_fault", now_ns() - t, FAULT_PAGES);
	t = now_ns();
	ok &= !sys_madvise(m, len, MADV_DONTNEED);
	touch(m, len);
	report("dontneed_refault", now_ns() - t, FAULT_PAGES);
	ok &= !sys_munmap(m, len);

	brk0 = sys_brk(0);
	t = now_ns();
	ok &= (unsigned long)sys_brk(brk0 + BRK_BYTES) == brk0 + BRK_BYTES;
	touch(brk0, BRK_BYTES);
	ok &= (unsigned long)sys_brk(brk0) == brk0;
	report("brk_grow_touch_shrink", now_ns() - t, BRK_BYTES / PAGE_SIZE);

	t = now_ns();
	for (i = 0; i < SMALL_ROUNDS; i++) {
		m = sys_mmap(0, SMALL_MAP, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
			     0);
		ok &= !SYS_ERR(m);
		*(volatile char *)m = 1;
		*(volatile char *)(m + SMALL_MAP - 1) = 1;
		ok &= !sys_munmap(m, SMALL_MAP);
	}
	report("mmap64k_2touch_munmap", now_ns() - t, SMALL_ROUNDS);
	ok &= signal_round_trips();
	ok &= bench_fork();
	tap_ok(ok, "every measured call succeeded, every signal handled");
	return tap_done();
}
