// SPDX-License-Identifier: GPL-2.0
/*
 * signal-test: the signal system calls' ABI with raw ecalls (no libc
 * signal code): rt_sigaction's struct (handler, flags, mask: riscv has no
 * sa_restorer) and its flag filtering, rt_sigprocmask and rt_sigpending's
 * errors, the rt_sigframe a handler gets (siginfo, then the ucontext with
 * uc_sigmask and the registers) and that rt_sigreturn takes the registers
 * back from it, changes included; sigaltstack from inside a handler
 * (SS_ONSTACK, EPERM, SS_AUTODISARM); ppoll; nanosleep cut short by
 * SIGALRM; SIGCHLD ignored reaping children, a wait4 for them ending in
 * -ECHILD; wait4 for a sleeping child
 * (exit-with) interrupted by SIGALRM: -EINTR, or restarted under
 * SA_RESTART; as init, SIGTERM and SIGKILL ignored; and, in a child run
 * as "signal-test --bad-frame", a corrupted frame killing it with SIGSEGV.
 * Linux's numbers and structures come from the kernel's uapi headers.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "../include/uapi/asm/sigcontext.h"
#include "../include/uapi/errno.h"
#include "../include/uapi/siginfo.h"
#include "../include/uapi/signal.h"
#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define POLLIN 0x0001
#define POLLOUT 0x0004
#define POLLNVAL 0x0020

struct pollfd {
	int fd;
	short events, revents;
};

static volatile long hits, seen_pc, seen_gap, seen_mask, ss_flags_in, ss_err_in;
static char altstack[SIGSTKSZ];

static long sigaction_raw(int sig, const struct sigaction *act, struct sigaction *old, long size)
{
	return syscall6(__NR_rt_sigaction, sig, (long)act, (long)old, size, 0, 0);
}

static long procmask(int how, const sigset_t *set, sigset_t *old)
{
	return syscall6(__NR_rt_sigprocmask, how, (long)set, (long)old, sizeof(sigset_t), 0, 0);
}

static void set_handler(int sig, void *fn, unsigned long flags)
{
	struct sigaction sa = { .sa_handler = (__sighandler_t)fn, .sa_flags = flags };

	sigaction_raw(sig, &sa, NULL, sizeof(sigset_t));
}

static void sigaction_abi(void)
{
	struct sigaction sa = { .sa_handler = (__sighandler_t)2,
				.sa_flags = SA_SIGINFO | SA_RESTART | SA_UNSUPPORTED | 0x01000000,
				.sa_mask = { { 1UL << (SIGUSR2 - 1) } } },
			 old;

	_Static_assert(sizeof(struct sigaction) == 24, "handler, flags, mask");
	sigaction_raw(SIGUSR1, &sa, NULL, sizeof(sigset_t));
	tap_ok(!sigaction_raw(SIGUSR1, NULL, &old, sizeof(sigset_t)) &&
		       old.sa_handler == (__sighandler_t)2 &&
		       old.sa_mask.sig[0] == sa.sa_mask.sig[0],
	       "rt_sigaction: handler and mask read back");
	tap_ok(old.sa_flags == (SA_SIGINFO | SA_RESTART),
	       "rt_sigaction: unknown flags (SA_UNSUPPORTED) cleared, flags %#lx", old.sa_flags);
	set_handler(SIGUSR1, SIG_DFL, 0);
	tap_ok(sigaction_raw(0, NULL, &old, sizeof(sigset_t)) == -EINVAL &&
		       sigaction_raw(65, NULL, &old, sizeof(sigset_t)) == -EINVAL,
	       "rt_sigaction of signal 0 or 65: -EINVAL");
	tap_ok(sigaction_raw(SIGSTOP, &sa, NULL, sizeof(sigset_t)) == -EINVAL &&
		       !sigaction_raw(SIGKILL, NULL, &old, sizeof(sigset_t)),
	       "rt_sigaction: SIGSTOP cannot be caught, SIGKILL's action can be read");
	tap_ok(sigaction_raw(SIGUSR1, &sa, NULL, 4) == -EINVAL,
	       "rt_sigaction with sigsetsize 4: -EINVAL");
	tap_ok(sigaction_raw(SIGUSR1, (void *)8, NULL, sizeof(sigset_t)) == -EFAULT,
	       "rt_sigaction from a bad pointer: -EFAULT");
}

static void masks(void)
{
	sigset_t all = { { ~0UL } }, old, none = { { 0 } }, pend;

	tap_ok(procmask(3, &all, NULL) == -EINVAL, "rt_sigprocmask how 3: -EINVAL");
	procmask(SIG_SETMASK, &all, &old);
	procmask(SIG_SETMASK, &old, &all);
	tap_ok(!(all.sig[0] & (1UL << (SIGKILL - 1))) && !(all.sig[0] & (1UL << (SIGSTOP - 1))) &&
		       (all.sig[0] & (1UL << (SIGUSR1 - 1))),
	       "SIGKILL and SIGSTOP cannot be blocked");
	tap_ok(syscall6(__NR_rt_sigpending, (long)&pend, 9, 0, 0, 0, 0) == -EINVAL,
	       "rt_sigpending with sigsetsize 9: -EINVAL");
	procmask(SIG_SETMASK, &none, NULL);
}

/* SIGSEGV handler: what the frame says, then skip the 4-byte load and set a0 for the caller. */
static void skip_fault(int sig, struct siginfo *si, struct ucontext *uc)
{
	hits++;
	seen_pc = uc->uc_mcontext.sc_regs.pc;
	seen_gap = (char *)uc - (char *)si;
	seen_mask = uc->uc_sigmask.sig[0];
	uc->uc_mcontext.sc_regs.pc += 4;
	uc->uc_mcontext.sc_regs.a0 = 0x1234;
}

static void frame(void)
{
	sigset_t usr2 = { { 1UL << (SIGUSR2 - 1) } }, none = { { 0 } };
	long fault_pc, a0 = 0;

	set_handler(SIGSEGV, skip_fault, SA_SIGINFO);
	procmask(SIG_SETMASK, &usr2, NULL);
	/* a0 is stored by the instruction after the load, which the handler makes the next one. */
	__asm__ volatile(".option push\n\t.option norvc\n\tlla %1, 1f\n\tli a0, 0\n"
			 "1:\tld a0, 0(zero)\n\tsd a0, %0\n\t.option pop"
			 : "=m"(a0), "=&r"(fault_pc)
			 :
			 : "a0", "memory");
	procmask(SIG_SETMASK, &none, NULL);
	tap_ok(hits == 1 && seen_pc == fault_pc, "the frame's pc is the faulting load");
	tap_ok(seen_gap == 128, "the ucontext follows the 128-byte siginfo (rt_sigframe)");
	tap_ok(seen_mask == usr2.sig[0], "uc_sigmask is the mask at the fault");
	tap_ok(a0 == 0x1234, "rt_sigreturn took pc and a0 from the frame as the handler left them");
	set_handler(SIGSEGV, SIG_DFL, 0);
}

static void on_altstack(int sig)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) }, cur;

	hits++;
	syscall6(__NR_sigaltstack, 0, (long)&cur, 0, 0, 0, 0);
	ss_flags_in = cur.ss_flags;
	ss_err_in = syscall6(__NR_sigaltstack, (long)&ss, 0, 0, 0, 0, 0);
}

static void altstacks(void)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) }, cur;

	syscall6(__NR_sigaltstack, (long)&ss, 0, 0, 0, 0, 0);
	set_handler(SIGUSR1, on_altstack, SA_ONSTACK);
	hits = 0;
	syscall6(__NR_kill, sys_getpid(), SIGUSR1, 0, 0, 0, 0);
	tap_ok(hits == 1 && ss_flags_in == SS_ONSTACK, "in the handler: SS_ONSTACK");
	tap_ok(ss_err_in == -EPERM, "changing the alternate stack while on it: -EPERM");
	ss.ss_flags = SS_AUTODISARM;
	syscall6(__NR_sigaltstack, (long)&ss, 0, 0, 0, 0, 0);
	syscall6(__NR_kill, sys_getpid(), SIGUSR1, 0, 0, 0, 0);
	syscall6(__NR_sigaltstack, 0, (long)&cur, 0, 0, 0, 0);
	tap_ok(hits == 2 && ss_flags_in == SS_DISABLE && !ss_err_in,
	       "SS_AUTODISARM: off inside the handler (and may be set there)");
	tap_ok(cur.ss_flags == SS_AUTODISARM && cur.ss_sp == altstack,
	       "SS_AUTODISARM: back after rt_sigreturn");
	ss.ss_flags = SS_DISABLE;
	syscall6(__NR_sigaltstack, (long)&ss, 0, 0, 0, 0, 0);
	set_handler(SIGUSR1, SIG_DFL, 0);
}

static long now_ms(void)
{
	struct linux_timespec ts;

	sys_clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_alarm(int sig)
{
	hits++;
}

static void sleeps(void)
{
	struct pollfd fds[3] = { { 0, POLLIN, 0 }, { 1, POLLOUT, 0 }, { 999, POLLIN, 0 } };
	struct linux_timespec zero = { 0, 0 }, ten = { 0, 10000000 }, long_ = { 5, 0 }, rem;
	struct pollfd none = { -1, POLLIN, 0 };
	/* stdin: /dev/null under tests/run (readable); on Loam the console, nothing typed. */
	bool loam = on_loam();
	long t0, r;

	tap_ok(syscall6(__NR_ppoll, (long)fds, 3, (long)&zero, 0, 0, 0) == (loam ? 2 : 3) &&
		       fds[0].revents == (loam ? 0 : POLLIN) && fds[1].revents == POLLOUT &&
		       fds[2].revents == POLLNVAL,
	       "ppoll: stdin readable (unless the console, with nothing typed), stdout writable,"
	       " fd 999 POLLNVAL");
	t0 = now_ms();
	tap_ok(syscall6(__NR_ppoll, (long)&none, 1, (long)&ten, 0, 0, 0) == 0 &&
		       now_ms() - t0 >= 10 && !ten.tv_sec && !ten.tv_nsec,
	       "ppoll of fd -1 for 10 ms: 0 after the timeout, no time left");
	set_handler(SIGALRM, on_alarm, 0);
	hits = 0;
	syscall6(__NR_setitimer, ITIMER_REAL,
		 (long)&(struct __kernel_old_itimerval){ .it_value = { 0, 20000 } }, 0, 0, 0, 0);
	r = sys_nanosleep(&long_, &rem);
	tap_ok(r == -EINTR && hits == 1 && rem.tv_sec < 5 && rem.tv_sec >= 4,
	       "SIGALRM cuts nanosleep short: -EINTR and the time left (%ld)", r);
	syscall6(__NR_setitimer, ITIMER_REAL,
		 (long)&(struct __kernel_old_itimerval){ .it_value = { 0, 20000 } }, 0, 0, 0, 0);
	r = syscall6(__NR_ppoll, 0, 0, 0, 0, 0, 0);
	tap_ok(r == -EINTR && hits == 2, "SIGALRM ends ppoll() with nothing to wait for: -EINTR");
	set_handler(SIGALRM, SIG_DFL, 0);
}

/* exit-with, next to this program: /bin on Loam, build/user under qemu-user. */
static const char *exit_with(const char *self)
{
	static char path[300];

	snprintf(path, sizeof(path), "%s", self);
	*(strrchr(path, '/') ? strrchr(path, '/') + 1 : path) = '\0';
	strncat(path, "exit-with", sizeof(path) - strlen(path) - 1);
	return path;
}

static void arm_20ms(void)
{
	syscall6(__NR_setitimer, ITIMER_REAL,
		 (long)&(struct __kernel_old_itimerval){ .it_value = { 0, 20000 } }, 0, 0, 0, 0);
}

/*
 * wait4 for a child that sleeps 200 ms, with a SIGALRM after 20 ms: -EINTR
 * without SA_RESTART; restarted (the child's pid) with it.
 */
static void restarts(const char *self)
{
	char *argv[] = { (char *)exit_with(self), "5", "sleep", "200", NULL };
	int status = 0;
	long pid, r;

	pid = spawn(argv[0], argv);
	hits = 0;
	set_handler(SIGALRM, on_alarm, 0);
	arm_20ms();
	r = sys_wait4(pid, &status, 0, NULL);
	tap_ok(r == -EINTR && hits == 1,
	       "wait4 interrupted by a handler without SA_RESTART: -EINTR");
	set_handler(SIGALRM, on_alarm, SA_RESTART);
	arm_20ms();
	r = sys_wait4(pid, &status, 0, NULL);
	tap_ok(r == pid && hits == 2 && WIFEXITED(status) && WEXITSTATUS(status) == 5,
	       "with SA_RESTART wait4 is restarted after the handler and reaps the child");
	syscall6(__NR_setitimer, ITIMER_REAL, 0, 0, 0, 0, 0);
	set_handler(SIGALRM, SIG_DFL, 0);
	if (r != pid)
		sys_wait4(-1, &status, 0, NULL);
}

static void children(const char *self)
{
	const char *sleeper = exit_with(self);
	char *sleep_argv[] = { (char *)sleeper, "0", "sleep", "50", NULL };
	char *argv[] = { (char *)self, "--bad-frame", NULL };
	int status = 0;
	long pid;

	set_handler(SIGCHLD, SIG_IGN, 0);
	pid = vfork_exit(3);
	tap_ok(pid > 0 && sys_wait4(-1, &status, 0, NULL) == -ECHILD,
	       "SIGCHLD ignored: the exited child was reaped already (-ECHILD)");
	pid = spawn(sleeper, sleep_argv);
	tap_ok(pid > 0 && sys_wait4(-1, &status, 0, NULL) == -ECHILD,
	       "SIGCHLD ignored: wait4 for a running child ends with -ECHILD when it exits");
	set_handler(SIGCHLD, SIG_DFL, 0);
	pid = spawn(self, argv);
	tap_ok(pid > 0 && sys_wait4(pid, &status, 0, NULL) == pid && WIFSIGNALED(status) &&
		       WTERMSIG(status) == SIGSEGV,
	       "a frame with a reserved word set: rt_sigreturn kills with SIGSEGV (status %#x)",
	       status);
}

/* The child: a handler that corrupts its frame's reserved word, which rt_sigreturn checks. */
static void corrupt(int sig, struct siginfo *si, struct ucontext *uc)
{
	uc->uc_mcontext.sc_extdesc.reserved = 1;
}

static int bad_frame(void)
{
	set_handler(SIGUSR1, corrupt, SA_SIGINFO);
	syscall6(__NR_kill, sys_getpid(), SIGUSR1, 0, 0, 0, 0);
	return 0;
}

/*
 * As init (pid 1: booted as init on Loam), signals left at SIG_DFL do
 * nothing, SIGKILL too; and kill() of groups.
 */
static void init_unkillable(void)
{
	sigset_t none = { { 0 } };

	/* Not under qemu-riscv64 either: pid 0 and -1 would reach the host's processes. */
	if (sys_getpid() != 1) {
		tap_skip("not init", "init ignores SIGTERM and SIGKILL left at SIG_DFL");
		tap_skip("not init", "kill(-1), kill(0), kill(-5)");
		return;
	}
	procmask(SIG_SETMASK, &none, NULL);
	tap_ok(!syscall6(__NR_kill, 1, SIGTERM, 0, 0, 0, 0) &&
		       !syscall6(__NR_kill, 1, SIGKILL, 0, 0, 0, 0),
	       "init ignores SIGTERM and SIGKILL left at SIG_DFL (kill says 0, we live)");
	tap_ok(!syscall6(__NR_kill, -1, SIGUSR2, 0, 0, 0, 0) &&
		       !syscall6(__NR_kill, 0, 0, 0, 0, 0, 0) &&
		       syscall6(__NR_kill, -5, 0, 0, 0, 0, 0) == -ESRCH,
	       "kill(-1) and kill(0) find processes (kernel threads), kill(-5): -ESRCH");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--bad-frame"))
		return bad_frame();
	tap_plan(28);
	sigaction_abi();
	masks();
	frame();
	altstacks();
	sleeps();
	children(argv[0]);
	restarts(argv[0]);
	init_unkillable();
	return tap_done();
}
