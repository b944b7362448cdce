// SPDX-License-Identifier: GPL-2.0
/*
 * glibc-fpu-stress: the floating-point registers survive context switches.
 * Built by riscv64-linux-gnu-gcc -static (rv64gc). Run without arguments it
 * starts two workers (vfork + execve of itself, "worker SEED"), then works
 * itself. A worker first checks that exec gave it f0-f31 and fcsr zero
 * (its parent filled them with junk before the vfork). Then each of the
 * three loads f0-f31 and fcsr with values of its own,
 * and ROUNDS times gives the hart away (sched_yield) and spins long enough
 * for the timer to preempt it, then compares every register. On one hart
 * (-smp 1) the three take turns on the same FPU. The registers are kept in
 * one asm statement: no compiler code in between may touch them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 200
#define SPIN 20000
#define NR_SCHED_YIELD 124 /* Linux's asm-generic/unistd.h */

static int n;

static void ok(int cond, const char *what)
{
	printf("%sok %d - %s\n", cond ? "" : "not ", ++n, what);
}

#define FREGS(op, base)                                                                        \
	op " f0, 0*8(" base ")\n" op " f1, 1*8(" base ")\n" op " f2, 2*8(" base ")\n" op       \
	   " f3, 3*8(" base ")\n" op " f4, 4*8(" base ")\n" op " f5, 5*8(" base ")\n" op       \
	   " f6, 6*8(" base ")\n" op " f7, 7*8(" base ")\n" op " f8, 8*8(" base ")\n" op       \
	   " f9, 9*8(" base ")\n" op " f10, 10*8(" base ")\n" op " f11, 11*8(" base ")\n" op   \
	   " f12, 12*8(" base ")\n" op " f13, 13*8(" base ")\n" op " f14, 14*8(" base ")\n" op \
	   " f15, 15*8(" base ")\n" op " f16, 16*8(" base ")\n" op " f17, 17*8(" base ")\n" op \
	   " f18, 18*8(" base ")\n" op " f19, 19*8(" base ")\n" op " f20, 20*8(" base ")\n" op \
	   " f21, 21*8(" base ")\n" op " f22, 22*8(" base ")\n" op " f23, 23*8(" base ")\n" op \
	   " f24, 24*8(" base ")\n" op " f25, 25*8(" base ")\n" op " f26, 26*8(" base ")\n" op \
	   " f27, 27*8(" base ")\n" op " f28, 28*8(" base ")\n" op " f29, 29*8(" base ")\n" op \
	   " f30, 30*8(" base ")\n" op " f31, 31*8(" base ")\n"

/*
 * Load f0-f31 from @in and fcsr from in[32], ROUNDS times yield and spin,
 * store them to @out (fcsr in out[32]).
 */
static void hold_fregs(const unsigned long *in, unsigned long *out)
{
	asm volatile("ld t0, 32*8(%0)\n"
		     "fscsr t0\n" FREGS("fld", "%0") "li t1, %2\n"
						     "1: li a7, %3\n"
						     "ecall\n"
						     "li t2, %4\n"
						     "2: addi t2, t2, -1\n"
						     "bnez t2, 2b\n"
						     "addi t1, t1, -1\n"
						     "bnez t1, 1b\n" FREGS("fsd",
									   "%1") "frcsr t0\n"
										 "sd t0, 32*8(%1)\n"
		     :
		     : "r"(in), "r"(out), "i"(ROUNDS), "i"(NR_SCHED_YIELD), "i"(SPIN)
		     : "t0", "t1", "t2", "a0", "a7", "memory", "f0", "f1", "f2", "f3", "f4", "f5",
		       "f6", "f7", "f8", "f9", "f10", "f11", "f12", "f13", "f14", "f15", "f16",
		       "f17", "f18", "f19", "f20", "f21", "f22", "f23", "f24", "f25", "f26", "f27",
		       "f28", "f29", "f30", "f31");
}

/* 0 if every register came back as loaded; the first that did not is printed. */
static int check_fregs(unsigned long seed)
{
	unsigned long in[33], out[33];
	int i;

	for (i = 0; i < 32; i++)
		in[i] = seed * 0x9e3779b97f4a7c15UL + (unsigned long)i * 0x0101010101010101UL;
	/* frm (bits 7:5) and fflags (4:0): any 8-bit value the seed picks, frm 0-4 valid. */
	in[32] = ((seed % 5) << 5) | (seed % 32);
	memset(out, 0, sizeof(out));
	hold_fregs(in, out);
	for (i = 0; i < 33; i++)
		if (in[i] != out[i]) {
			printf("# seed %lu: %s%d was %#lx, now %#lx\n", seed,
			       i < 32 ? "f" : "fcsr ", i < 32 ? i : 0, in[i], out[i]);
			return 1;
		}
	return 0;
}

/* f0-f31 into out[0..31], fcsr into out[32]. */
static void read_fregs(unsigned long *out)
{
	asm volatile(FREGS("fsd", "%0") "frcsr t0\n"
					"sd t0, 32*8(%0)\n"
		     :
		     : "r"(out)
		     : "t0", "memory");
}

/* A worker's exit status: bit 0 registers lost at a switch, bit 1 not zero at exec. */
static int worker(unsigned long seed)
{
	unsigned long start[33];
	int i, status = 0;

	read_fregs(start);
	for (i = 0; i < 33; i++)
		if (start[i]) {
			printf("# worker %lu: %s%d is %#lx at exec\n", seed, i < 32 ? "f" : "fcsr ",
			       i < 32 ? i : 0, start[i]);
			status = 2;
			break;
		}
	return status | check_fregs(seed);
}

/*
 * vfork + execve of this program as a worker, with every f register and
 * fcsr (RTZ rounding, all flags) dirty here: exec must not pass them on.
 */
static pid_t spawn_worker(const char *self, const char *seed)
{
	char *argv[] = { (char *)self, "worker", (char *)seed, NULL };
	unsigned long junk[33], fcsr;
	pid_t pid;
	int i;

	for (i = 0; i < 32; i++)
		junk[i] = ~0UL - i;
	junk[32] = (1 << 5) | 0x1f;
	asm volatile("frcsr %0\n"
		     "ld t0, 32*8(%1)\n"
		     "fscsr t0\n" FREGS("fld", "%1")
		     : "=&r"(fcsr)
		     : "r"(junk)
		     : "t0", "memory", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9",
		       "f10", "f11", "f12", "f13", "f14", "f15", "f16", "f17", "f18", "f19", "f20",
		       "f21", "f22", "f23", "f24", "f25", "f26", "f27", "f28", "f29", "f30", "f31");
	pid = vfork();
	if (pid == 0) {
		execve(self, argv, NULL);
		_exit(127);
	}
	asm volatile("fscsr %0" : : "r"(fcsr));
	return pid;
}

static void reap(pid_t pid, const char *name)
{
	char what[128];
	int status = -1;

	if (pid <= 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		status = 0xff00;
	snprintf(what, sizeof(what), "%s: exec started it with f0-f31 and fcsr zero", name);
	ok(WIFEXITED(status) && !(WEXITSTATUS(status) & ~1), what);
	snprintf(what, sizeof(what), "%s: f0-f31 and fcsr survive switches", name);
	ok(WIFEXITED(status) && !(WEXITSTATUS(status) & ~2), what);
}

int main(int argc, char **argv)
{
	char self[256];
	ssize_t len;
	pid_t a, b;

	if (argc == 3 && !strcmp(argv[1], "worker"))
		return worker(strtoul(argv[2], NULL, 0));
	printf("1..5\n");
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	self[len > 0 ? len : 0] = '\0';
	a = spawn_worker(self, "1");
	b = spawn_worker(self, "2");
	ok(!check_fregs(3), "f0-f31 and fcsr survive switches (this process)");
	reap(a, "worker 1");
	reap(b, "worker 2");
	return 0;
}
