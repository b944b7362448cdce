// SPDX-License-Identifier: GPL-2.0
/*
 * fork-limit: a parent that vforks children which exit at once and never
 * reaps them must be stopped the way Linux stops it: clone fails with
 * -EAGAIN when the tasks reach threads-max (kernel/fork.c), not with -ENOMEM
 * after the OOM killer found nothing to kill. Then wait4 reaps every child
 * (each pid once, exit status 0), and a second burst gets exactly as many:
 * a zombie left nothing behind (its kernel stack went when it died).
 *
 * threads-max is not readable here (Linux's /proc/sys/kernel/threads-max),
 * but RLIMIT_NPROC's default is half of it (Linux's fork_init()): the burst
 * plus the tasks already there must come to 2 * RLIMIT_NPROC, or one more.
 *
 * With the argument "fork" the children are made with fork() instead: each
 * gets a copy-on-write copy of the parent's address space (its page
 * tables copied, its pages shared), which it gives back as it exits, and
 * the bound is the same.
 *
 * Under Linux (qemu-user, often as root, whom RLIMIT_NPROC does not stop)
 * the children are host processes: there a burst is bounded to
 * HOST_CHILDREN and only the reaping is checked.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define HOST_CHILDREN 50
#define ROUNDS 2

static int *pids;
static long max_pids;
static bool use_fork;

/* A fork() child that exits at once: its pid, or -errno. */
static long fork_exit(int code)
{
	long r;

	fflush(stdout);
	r = sys_clone(LINUX_SIGCHLD, 0, NULL, 0, NULL);
	if (r == 0)
		sys_exit(code);
	return r;
}

/* vfork children until clone fails (or @bound of them): how many; *@err: its errno, or 0. */
static long burst(long bound, long *err)
{
	long n = 0, r = 0;

	while (n < bound && (r = use_fork ? fork_exit(0) : vfork_exit(0)) > 0)
		pids[n++] = r;
	*err = r > 0 ? 0 : r;
	return n;
}

/* wait4(-1) for @n children: each must be one of pids[], exactly once, exit status 0. */
static bool reap(long n, int round)
{
	long i, j, r, bad = 0;
	int status;

	for (i = 0; i < n; i++) {
		r = sys_wait4(-1, &status, 0, NULL);
		for (j = 0; j < n && pids[j] != r; j++)
			;
		if (r <= 0 || j == n || !WIFEXITED(status) || WEXITSTATUS(status)) {
			if (!bad++)
				tap_diag("round %d: wait4 returned %ld, status 0x%x", round, r,
					 status);
			continue;
		}
		pids[j] = 0;
	}
	tap_ok(!bad, "round %d: wait4 returns each of the %ld children once, exit status 0", round,
	       n);
	r = sys_wait4(-1, &status, WNOHANG, NULL);
	return tap_ok(r == -ECHILD, "round %d: then -ECHILD (%ld)", round, r);
}

int main(int argc, char **argv)
{
	struct linux_rlimit64 nproc;
	struct linux_sysinfo si;
	bool loam = on_loam();
	long n[ROUNDS], err, procs, oom0 = 0, oom1;
	unsigned long before;
	int round;

	use_fork = argc > 1 && !strcmp(argv[1], "fork");
	tap_plan(5 + 3 * ROUNDS);
	tap_diag("children made with %s", use_fork ? "fork" : "vfork");
	tap_ok(!sys_prlimit64(0, RLIMIT_NPROC, NULL, &nproc), "RLIMIT_NPROC: %llu (max %llu)",
	       (unsigned long long)nproc.rlim_cur, (unsigned long long)nproc.rlim_max);
	max_pids = loam ? 2 * (long)nproc.rlim_cur + 2 : HOST_CHILDREN;
	pids = malloc(max_pids * sizeof(*pids));
	sys_sysinfo(&si);
	procs = si.procs;
	before = free_ram();
	if (loam)
		oom0 = proc_counter("/proc/vmstat", "oom_kill");
	for (round = 1; round <= ROUNDS; round++) {
		n[round - 1] = burst(max_pids, &err);
		tap_diag("round %d: %ld children, then clone returned %ld", round, n[round - 1],
			 err);
		if (loam)
			tap_ok(err == -EAGAIN && n[round - 1] >= 20,
			       "round %d: clone fails with -EAGAIN (%ld) after %ld children", round,
			       err, n[round - 1]);
		else
			tap_skip("Linux's children are host processes: a bounded burst",
				 "round %d: clone fails with -EAGAIN", round);
		reap(n[round - 1], round);
	}
	if (loam) {
		long max = n[0] + procs;

		tap_ok(n[1] == n[0], "round 2: as many children as round 1 (%ld, %ld)", n[1], n[0]);

		tap_ok(max / 2 == (long)nproc.rlim_cur && nproc.rlim_max == nproc.rlim_cur,
		       "threads-max %ld (%ld children + %ld tasks) is 2 * RLIMIT_NPROC, or one more",
		       max, n[0], procs);
		oom1 = proc_counter("/proc/vmstat", "oom_kill");
		tap_ok(oom1 == oom0, "no OOM kill (oom_kill %ld, before %ld)", oom1, oom0);
	} else {
		tap_skip("a bounded burst", "round 2: as many children as round 1");
		tap_skip("threads-max and RLIMIT_NPROC are the host's", "threads-max");
		tap_skip("the host's counter", "no OOM kill");
	}
	free(pids);
	leak_check("after the bursts", before, free_ram(), 2 * MiB);
	return tap_done();
}
