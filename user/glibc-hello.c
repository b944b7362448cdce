// SPDX-License-Identifier: GPL-2.0
/*
 * glibc-hello: an ordinary C program, built by Debian's riscv64-linux-gnu-gcc
 * -static (rv64gc, lp64d) against glibc. glibc's static start-up asks the
 * kernel for set_robust_list, prlimit64, readlinkat(/proc/self/exe),
 * getrandom (malloc's tcache key) and newfstatat + ioctl(TCGETS) on stdout;
 * its setjmp saves f registers (fsd), so the FPU must be on for user code.
 * The checks use stdio, malloc (small: brk; large: mmap), setjmp/longjmp,
 * doubles printed with %f, strtod, and a SIGSEGV handler that siglongjmps
 * out. TAP on stdout, the same under qemu-riscv64.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/sysmacros.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static int n;

static void ok(int cond, const char *what)
{
	printf("%sok %d - %s\n", cond ? "" : "not ", ++n, what);
}

/* Sum of 1/k^2, k = 1..1000, in doubles: pi^2/6 - ~1/1000. */
static double basel(void)
{
	volatile double s = 0;
	int k;

	for (k = 1; k <= 1000; k++)
		s += 1.0 / ((double)k * k);
	return s;
}

static int jumped(void)
{
	jmp_buf env;
	volatile int count = 0;

	if (setjmp(env) < 3) {
		count++;
		longjmp(env, count + 1);
	}
	return count;
}

static sigjmp_buf segv_env;
/* An address no program maps (the first page): a variable, so that the compiler cannot know. */
static volatile int *volatile bad_addr = (int *)8;

static void on_segv(int sig)
{
	siglongjmp(segv_env, sig);
}

/* A store to address 8 lands in on_segv(), which jumps back here with the signal number. */
static int caught_segv(void)
{
	struct sigaction sa = { .sa_handler = on_segv };
	int sig;

	sigaction(SIGSEGV, &sa, NULL);
	sig = sigsetjmp(segv_env, 1);
	if (!sig)
		*bad_addr = 1;
	signal(SIGSEGV, SIG_DFL);
	return sig;
}

/*
 * Booted as init, stdout is /dev/console (5:1): a Linux tty's defaults, on
 * a serial line. Under tests/run it is a pipe: nothing to check.
 */
static void console_checks(const struct stat *st)
{
	struct winsize ws = { 1, 1, 1, 1 };
	struct termios t;
	int i;

	if (!S_ISCHR(st->st_mode) || st->st_rdev != makedev(5, 1)) {
		for (i = 0; i < 3; i++)
			printf("ok %d - # SKIP stdout is not /dev/console\n", ++n);
		return;
	}
	ok((st->st_mode & 07777) == 0620 && st->st_blksize == 1024,
	   "fstat(1): /dev/console, crw--w----, 1024-byte blocks");
	ok(!tcgetattr(1, &t) && (t.c_lflag & (ICANON | ECHO)) == (ICANON | ECHO) &&
		   (t.c_oflag & ONLCR) && (t.c_cflag & CSIZE) == CS8 && t.c_cc[VINTR] == 3,
	   "tcgetattr(1): canonical, echo, ONLCR, CS8, ^C");
	ok(!ioctl(1, TIOCGWINSZ, &ws) && !ws.ws_row && !ws.ws_col,
	   "TIOCGWINSZ: 0 rows, 0 columns (a serial console's size is unknown)");
}

int main(void)
{
	char buf[64], exe[256];
	unsigned char rnd[16] = { 0 };
	struct rlimit rl;
	struct stat st;
	char *small, *large;
	ssize_t len;
	size_t i;
	int zero = 1;

	printf("1..13\n");
	printf("# hello from glibc\n");
	snprintf(buf, sizeof(buf), "%f", strtod("2.5", NULL) * 3.0);
	ok(!strcmp(buf, "7.500000"), "strtod(\"2.5\") * 3.0 printed with %f is 7.500000");
	snprintf(buf, sizeof(buf), "%.6f", basel());
	ok(!strcmp(buf, "1.643935"), "sum of 1/k^2 to 1000 is 1.643935");
	small = malloc(100);
	large = malloc(1 << 20);
	if (small && large) {
		memset(small, 0x5a, 100);
		memset(large, 0xa5, 1 << 20);
	}
	ok(small && large && small[99] == 0x5a && large[(1 << 20) - 1] == (char)0xa5,
	   "malloc(100) and malloc(1 MiB) give writable memory");
	free(large);
	free(small);
	ok(jumped() == 2, "setjmp/longjmp: three returns from setjmp");
	ok(getrandom(rnd, sizeof(rnd), 0) == sizeof(rnd), "getrandom fills 16 bytes");
	for (i = 0; i < sizeof(rnd); i++)
		zero &= !rnd[i];
	ok(!zero, "getrandom's bytes are not all zero");
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len > 0)
		exe[len] = '\0';
	ok(len > 12 && !strcmp(exe + len - 12, "/glibc-hello"),
	   "/proc/self/exe names this program");
	ok(!getrlimit(RLIMIT_STACK, &rl) && rl.rlim_cur <= rl.rlim_max,
	   "getrlimit(RLIMIT_STACK): soft limit within the hard one");
	ok(!fstat(1, &st), "fstat(1) succeeds");
	console_checks(&st);
	ok(caught_segv() == SIGSEGV, "a SIGSEGV handler siglongjmps out of a bad store");
	return 0;
}
