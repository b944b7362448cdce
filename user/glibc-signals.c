// SPDX-License-Identifier: GPL-2.0
/*
 * glibc-signals: signals as an ordinary glibc program uses them (built by
 * riscv64-linux-gnu-gcc -static, rv64gc): handlers with and without
 * SA_SIGINFO, raise/kill/tgkill and their si_code and si_pid, SIGSEGV from
 * an unmapped address (SEGV_MAPERR) and a PROT_NONE or read-only page
 * (SEGV_ACCERR) with si_addr, left with siglongjmp; f0-f31 and fcsr
 * surviving a handler that clobbers them; a stack overflow caught on the
 * alternate stack; SIGALRM from alarm() and setitimer() ending pause();
 * SIGPROF and SIGVTALRM from the CPU-time timers; a
 * blocked signal pending until unblocked; sigsuspend; sigwaitinfo,
 * sigtimedwait, sigwait; SA_RESETHAND,
 * SA_NODEFER; SIGCHLD and wait4's status for a child a default action
 * killed, or the SIGSEGV of a stack overflow whose handler has no room. TAP on stdout, the same under qemu-riscv64.
 *
 * Nothing here sends to pid 0 or -1, or to pids not its own: under
 * qemu-riscv64 those reach the host's processes.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int n;
static volatile sig_atomic_t hits, last_sig, last_code, last_pid, nested_blocked;
static void *volatile last_addr;
static sigjmp_buf env;
static char *volatile altstack;

static void ok(int cond, const char *what)
{
	printf("%sok %d - %s\n", cond ? "" : "not ", ++n, what);
}

static void on_sig(int sig)
{
	hits++;
	last_sig = sig;
}

static void on_info(int sig, siginfo_t *si, void *uc __attribute__((unused)))
{
	sigset_t now;

	hits++;
	last_sig = sig;
	last_code = si->si_code;
	last_pid = si->si_pid;
	last_addr = si->si_addr;
	sigprocmask(SIG_BLOCK, NULL, &now);
	nested_blocked = sigismember(&now, sig);
}

static void on_fault(int sig, siginfo_t *si, void *uc __attribute__((unused)))
{
	char here;

	last_sig = sig;
	last_code = si->si_code;
	last_addr = si->si_addr;
	/* Was this frame built on the alternate stack? */
	nested_blocked = altstack && &here > altstack && &here < altstack + SIGSTKSZ;
	siglongjmp(env, 1);
}

static void set_action(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

static void test_send(void)
{
	set_action(SIGUSR1, on_info, 0);
	hits = 0;
	raise(SIGUSR1);
	ok(hits == 1 && last_sig == SIGUSR1 && last_code == SI_TKILL && last_pid == getpid(),
	   "raise(SIGUSR1): handler ran once, SI_TKILL from our pid");
	ok(nested_blocked, "the signal is blocked while its handler runs");
	kill(getpid(), SIGUSR1);
	ok(hits == 2 && last_code == SI_USER && last_pid == getpid(),
	   "kill(getpid()): SI_USER from our pid");
	ok(syscall(SYS_tgkill, getpid(), getpid(), SIGUSR1) == 0 && hits == 3,
	   "tgkill(pid, pid, SIGUSR1) delivers");
	ok(syscall(SYS_tgkill, 0, getpid(), SIGUSR1) == -1 && errno == EINVAL,
	   "tgkill with tgid 0: EINVAL");
	ok(kill(getpid(), 0) == 0 && hits == 3, "kill(getpid(), 0) checks and sends nothing");
	ok(kill(getpid(), 65) == -1 && errno == EINVAL, "kill with signal 65: EINVAL");
	ok(sigaction(SIGKILL, &(struct sigaction){ .sa_handler = on_sig }, NULL) == -1 &&
		   errno == EINVAL,
	   "sigaction(SIGKILL): EINVAL");
	ok(syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 16) == -1 && errno == EINVAL,
	   "rt_sigaction with sigsetsize 16: EINVAL");
}

/* Touch @p for reading or writing; SIGSEGV's code and address, or 0 if nothing happened. */
static int fault_at(volatile char *p, int write)
{
	last_code = 0;
	last_addr = NULL;
	if (!sigsetjmp(env, 1)) {
		if (write)
			*p = 1;
		else
			(void)*p;
		return 0;
	}
	return last_code;
}

static void test_segv(void)
{
	char *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	sigset_t now;

	set_action(SIGSEGV, on_fault, 0);
	munmap(m + 4096, 4096);
	mprotect(m + 8192, 4096, PROT_NONE);
	ok(fault_at(m + 4096 + 8, 0) == SEGV_MAPERR && last_addr == m + 4096 + 8,
	   "read of an unmapped page: SEGV_MAPERR at its address");
	ok(fault_at(m + 8192 + 16, 1) == SEGV_ACCERR && last_addr == m + 8192 + 16,
	   "write to a PROT_NONE page: SEGV_ACCERR at its address");
	mprotect(m, 4096, PROT_READ);
	ok(fault_at(m + 24, 1) == SEGV_ACCERR && last_addr == m + 24,
	   "write to a read-only page: SEGV_ACCERR at its address");
	ok(fault_at(m + 24, 0) == 0, "a read of the read-only page is no fault");
	sigprocmask(SIG_BLOCK, NULL, &now);
	ok(!sigismember(&now, SIGSEGV), "siglongjmp out of the handler unblocked SIGSEGV");
	munmap(m, 3 * 4096);
}

static double fp_out[32];
static unsigned long fcsr_out;

static void clobber_fp(int sig __attribute__((unused)))
{
	__asm__ volatile("fcvt.d.w f0, zero\n\tfsflags %0" ::"r"(0x1f));
	__asm__ volatile(
		"fmv.d.x f1, %0\n\tfmv.d.x f8, %0\n\tfmv.d.x f9, %0\n\t"
		"fmv.d.x f18, %0\n\tfmv.d.x f27, %0\n\tfmv.d.x f31, %0\n\tfsrm %1" ::"r"(-1L),
		"r"(3L));
	hits++;
}

/*
 * f0-f31 = k + 0.5, fcsr's rounding mode 1, then a SIGUSR2 sent with a raw
 * ecall in the same asm block (no compiler code between), then the
 * registers stored: the handler's clobbers must not show.
 */
static void test_fp(void)
{
	static double in[32];
	int i, same = 1;

	for (i = 0; i < 32; i++)
		in[i] = i + 0.5;
	signal(SIGUSR2, clobber_fp);
	hits = 0;
#define LD(k) "fld f" #k ", " #k "*8(%[in])\n\t"
#define ST(k) "fsd f" #k ", " #k "*8(%[out])\n\t"
#define ALL(X)                                                                                \
	X(0)                                                                                  \
	X(1)                                                                                  \
	X(2)                                                                                  \
	X(3)                                                                                  \
	X(4)                                                                                  \
	X(5)                                                                                  \
	X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15) X(16) X(17) X(18) X(19) X(20) \
		X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31)
	register long a0 __asm__("a0") = getpid();
	register long a1 __asm__("a1") = a0;
	register long a2 __asm__("a2") = SIGUSR2;
	register long a7 __asm__("a7") = SYS_tgkill;
	__asm__ volatile(ALL(LD) "fsrmi 1\n\tfsflags zero\n\tecall\n\t" ALL(ST) "frcsr %[csr]"
			 : [csr] "=r"(fcsr_out), "+r"(a0)
			 : [in] "r"(in), [out] "r"(fp_out), "r"(a1), "r"(a2), "r"(a7)
			 : "memory", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9",
			   "f10", "f11", "f12", "f13", "f14", "f15", "f16", "f17", "f18", "f19",
			   "f20", "f21", "f22", "f23", "f24", "f25", "f26", "f27", "f28", "f29",
			   "f30", "f31");
	for (i = 0; i < 32; i++)
		same &= fp_out[i] == in[i];
	ok(hits == 1, "the handler that clobbers the FPU ran");
	ok(same, "f0-f31 are the interrupted code's after the handler");
	ok(fcsr_out == (1 << 5), "fcsr (rounding mode 1, no flags) survives the handler");
	signal(SIGUSR2, SIG_DFL);
}

static int depth(int k)
{
	volatile char pad[2048];

	pad[0] = k;
	return k > 1000000 ? pad[0] : depth(k + 1) + pad[0];
}

static void test_altstack(void)
{
	static char mem[SIGSTKSZ];
	stack_t ss = { .ss_sp = mem, .ss_size = MINSIGSTKSZ - 1 }, old;

	ok(sigaltstack(&ss, NULL) == -1 && errno == ENOMEM,
	   "sigaltstack below MINSIGSTKSZ: ENOMEM");
	ss.ss_size = sizeof(mem);
	ss.ss_flags = 42;
	ok(sigaltstack(&ss, NULL) == -1 && errno == EINVAL, "sigaltstack with bad flags: EINVAL");
	ss.ss_flags = 0;
	ok(sigaltstack(&ss, NULL) == 0 && sigaltstack(NULL, &old) == 0 && old.ss_sp == mem &&
		   old.ss_size == sizeof(mem) && old.ss_flags == 0,
	   "sigaltstack set, and read back");
	altstack = mem;
	set_action(SIGSEGV, on_fault, SA_ONSTACK);
	nested_blocked = 0;
	if (!sigsetjmp(env, 1))
		depth(0);
	ok(last_sig == SIGSEGV && nested_blocked,
	   "stack overflow: the SIGSEGV handler ran on the alternate stack");
	ss.ss_flags = SS_DISABLE;
	ok(sigaltstack(&ss, NULL) == 0 && sigaltstack(NULL, &old) == 0 &&
		   old.ss_flags == SS_DISABLE,
	   "SS_DISABLE turns it off");
	altstack = NULL;
	signal(SIGSEGV, SIG_DFL);
}

static void test_alarm(void)
{
	struct itimerval it = { .it_value = { 0, 20000 } }, cur;
	unsigned int left;

	signal(SIGALRM, on_sig);
	alarm(5);
	left = alarm(0);
	ok(left == 5 || left == 4, "alarm(5) then alarm(0): 5 seconds were left");
	hits = 0;
	alarm(1);
	ok(pause() == -1 && errno == EINTR && hits == 1 && last_sig == SIGALRM,
	   "alarm(1): SIGALRM ends pause() with EINTR");
	setitimer(ITIMER_REAL, &it, NULL);
	ok(getitimer(ITIMER_REAL, &cur) == 0 && cur.it_value.tv_usec > 0 &&
		   cur.it_value.tv_usec <= 20000,
	   "getitimer: the 20 ms ITIMER_REAL is running");
	ok(pause() == -1 && errno == EINTR && hits == 2, "the 20 ms ITIMER_REAL ends pause()");
	ok(getitimer(ITIMER_REAL, &cur) == 0 && !cur.it_value.tv_sec && !cur.it_value.tv_usec,
	   "a one-shot timer is disarmed after it fired");
	ok(setitimer(ITIMER_REAL, &(struct itimerval){ .it_value = { 0, 1000000 } }, NULL) == -1 &&
		   errno == EINVAL,
	   "setitimer with tv_usec 1000000: EINVAL");
	signal(SIGALRM, SIG_DFL);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A CPU-time timer of 30 ms fires while we spin (given up after 5 s of wall time). */
static int cpu_timer_fires(int which, int sig)
{
	struct itimerval it = { .it_value = { 0, 30000 } }, cur;
	double end = now_s() + 5;
	volatile unsigned long spin = 0;
	int armed;

	signal(sig, on_sig);
	hits = 0;
	setitimer(which, &it, NULL);
	/* Armed, with up to 30 ms left: a Linux host may add up to a tick (34000 seen). */
	armed = !getitimer(which, &cur) && !cur.it_value.tv_sec && cur.it_value.tv_usec > 0 &&
		cur.it_value.tv_usec <= 40000;
	while (!hits && now_s() < end)
		spin++;
	signal(sig, SIG_DFL);
	return armed && hits == 1 && last_sig == sig;
}

static void test_masks(void)
{
	sigset_t set, pend;

	set_action(SIGUSR1, on_info, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	hits = 0;
	raise(SIGUSR1);
	ok(hits == 0 && !sigpending(&pend) && sigismember(&pend, SIGUSR1),
	   "a blocked SIGUSR1 stays pending");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	ok(hits == 1, "unblocked, it is delivered before sigprocmask returns");
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR1);
	sigemptyset(&pend);
	ok(sigsuspend(&pend) == -1 && errno == EINTR && hits == 2,
	   "sigsuspend with an empty mask takes the pending SIGUSR1: EINTR");
	sigprocmask(SIG_BLOCK, NULL, &pend);
	ok(sigismember(&pend, SIGUSR1), "after sigsuspend the old mask is back");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	set_action(SIGUSR1, on_info, SA_NODEFER);
	raise(SIGUSR1);
	ok(hits == 3 && !nested_blocked, "SA_NODEFER: not blocked in its own handler");
	set_action(SIGUSR1, on_info, SA_RESETHAND);
	raise(SIGUSR1);
	{
		struct sigaction now;

		sigaction(SIGUSR1, NULL, &now);
		ok(hits == 4 && now.sa_handler == SIG_DFL,
		   "SA_RESETHAND: the action is SIG_DFL after one delivery");
	}
	signal(SIGUSR1, SIG_IGN);
	raise(SIGUSR1);
	ok(hits == 4, "SIG_IGN: raise does nothing");
	signal(SIGUSR1, SIG_DFL);
}

static void test_sigwait(void)
{
	struct itimerval it = { .it_value = { 0, 20000 } };
	struct timespec zero = { 0, 0 }, ms20 = { 0, 20000000 };
	sigset_t set;
	siginfo_t si;
	double t0;
	int sig = 0;

	set_action(SIGUSR1, on_info, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	hits = 0;
	raise(SIGUSR1);
	/* glibc's sigtimedwait() folds raise()'s SI_TKILL into SI_USER. */
	ok(sigwaitinfo(&set, &si) == SIGUSR1 && si.si_code == SI_USER && si.si_pid == getpid() &&
		   !hits,
	   "sigwaitinfo takes the blocked SIGUSR1 from our pid, no handler runs");
	ok(sigtimedwait(&set, &si, &zero) == -1 && errno == EAGAIN,
	   "sigtimedwait, nothing pending, zero timeout: EAGAIN");
	t0 = now_s();
	ok(sigtimedwait(&set, &si, &ms20) == -1 && errno == EAGAIN && now_s() - t0 >= 0.019,
	   "sigtimedwait, nothing pending, 20 ms: EAGAIN after 20 ms");
	setitimer(ITIMER_REAL, &it, NULL);
	ok(!sigwait(&set, &sig) && sig == SIGALRM, "sigwait: the blocked SIGALRM 20 ms later");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	signal(SIGUSR1, SIG_DFL);
}

static volatile sig_atomic_t chld_code, chld_status, chld_pid;

static void on_chld(int sig __attribute__((unused)), siginfo_t *si,
		    void *uc __attribute__((unused)))
{
	chld_code = si->si_code;
	chld_status = si->si_status;
	chld_pid = si->si_pid;
}

/*
 * A vfork child that dies of @sig's default action (@overflow: a stack
 * overflow with a SIGSEGV handler whose frame cannot be built); the
 * parent's view of it.
 */
static void test_child_death(int sig, const char *what, int overflow)
{
	char name[160];
	int status = 0;
	pid_t pid;

	chld_code = chld_status = chld_pid = 0;
	pid = vfork();
	if (pid == 0) {
		signal(sig, SIG_DFL);
		if (sig == SIGSEGV && overflow) {
			/* A handler, but no room for its frame: the kernel's SIGSEGV kills. */
			set_action(SIGSEGV, on_fault, 0);
			depth(0);
		}
		if (sig == SIGSEGV)
			*(volatile int *)0 = 1;
		kill(getpid(), sig);
		_exit(99);
	}
	snprintf(name, sizeof(name), "%s: wait4 says WIFSIGNALED, WTERMSIG %d", what, sig);
	ok(pid > 0 && wait4(pid, &status, 0, NULL) == pid && WIFSIGNALED(status) &&
		   WTERMSIG(status) == sig,
	   name);
	snprintf(name, sizeof(name), "%s: SIGCHLD with CLD_KILLED, the signal and the pid", what);
	ok(chld_code == CLD_KILLED && chld_status == sig && chld_pid == pid, name);
}

int main(void)
{
	printf("1..49\n");
	test_send();
	test_segv();
	test_fp();
	test_altstack();
	test_alarm();
	ok(cpu_timer_fires(ITIMER_PROF, SIGPROF), "ITIMER_PROF: SIGPROF after 30 ms of CPU time");
	ok(cpu_timer_fires(ITIMER_VIRTUAL, SIGVTALRM),
	   "ITIMER_VIRTUAL: SIGVTALRM after 30 ms of user time");
	test_masks();
	test_sigwait();
	set_action(SIGCHLD, on_chld, 0);
	test_child_death(SIGTERM, "SIGTERM", 0);
	test_child_death(SIGSEGV, "SIGSEGV", 0);
	test_child_death(SIGABRT, "SIGABRT", 0);
	test_child_death(SIGSEGV, "stack overflow, handler without an alternate stack", 1);
	return 0;
}
