// SPDX-License-Identifier: GPL-2.0
/*
 * oom-test [program [signal [args...]]]: run as init, spawn a program that
 * must die of a signal (by default /bin/oom-hog, which allocates until the
 * OOM killer sends SIGKILL) and check that only it died: the parent lives on,
 * every swap slot and (within slack) every page the victim held is free
 * again, and the parent can still allocate and use memory.
 *
 * The same check serves a swap read error: "oom-test /bin/swap-thrash 7 ..."
 * expects SIGBUS for the process whose page could not be read back.
 *
 * Under Linux (qemu-user) the hog would eat the host: every case is skipped.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define AFTER_LEN (8 * MiB)
#define MAX_ARGS 16
/* More than this program (a few dozen pages) can have in swap. */
#define OWN_SWAP_SLACK (256 * 1024UL)

/* The cases, for the plan and for the skips outside Loam. */
static const char *const cases[] = {
	"spawn",
	"wait4 returns its pid",
	"killed by the signal",
	"every swap slot of the child free again",
	"free memory back",
	"the parent maps and uses 8 MiB",
	"munmap",
};

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/bin/oom-hog";
	int sig = argc > 2 ? atoi(argv[2]) : 9, status = 0, i;
	char *child_argv[MAX_ARGS + 2];
	struct linux_sysinfo si0, si1;
	unsigned long before, after, slack, used;
	long r, m;
	int pid;

	tap_plan(ARRAY_SIZE(cases));
	if (!on_loam()) {
		for (i = 0; i < (int)ARRAY_SIZE(cases); i++)
			tap_skip("runs a program that eats memory: Loam only", "%s", cases[i]);
		return tap_done();
	}
	child_argv[0] = (char *)path;
	for (i = 3; i < argc && i - 2 <= MAX_ARGS; i++)
		child_argv[i - 2] = argv[i];
	child_argv[i - 2] = NULL;

	sys_sysinfo(&si0);
	before = si0.freeram * si0.mem_unit;
	tap_diag("%s must die of signal %d; free memory %lu KiB, swap %lu of %lu KiB free", path,
		 sig, before >> 10, si0.freeswap * si0.mem_unit >> 10,
		 si0.totalswap * si0.mem_unit >> 10);

	/* The child's TAP is a subtest of ours: indented, not counted as our cases. */
	setenv("TAP_INDENT", "    ", 1);
	pid = spawn(path, child_argv);
	unsetenv("TAP_INDENT");
	if (!tap_ok(pid > 0, "spawn %s: pid %d", path, pid))
		return tap_done();
	r = sys_wait4(pid, &status, 0, NULL);
	tap_ok(r == pid, "wait4 returns its pid (%ld)", r);
	if (WIFSIGNALED(status))
		tap_ok(WTERMSIG(status) == sig, "%s killed by signal %d (status 0x%x)", path,
		       WTERMSIG(status), status);
	else
		tap_ok(false, "%s killed by signal %d (it exited with %d, status 0x%x)", path, sig,
		       WEXITSTATUS(status), status);

	sys_sysinfo(&si1);
	after = si1.freeram * si1.mem_unit;
	/*
	 * The child's slots are free again. Ours may not be: reclaim may have
	 * swapped out some of this small program's own pages meanwhile (the
	 * scenario checks that every slot is free once we have exited too).
	 */
	used = (si1.totalswap - si1.freeswap) * si1.mem_unit;
	tap_ok(used <= OWN_SWAP_SLACK,
	       "every swap slot of the child free again (%lu of %lu KiB, "
	       "%lu KiB in use, ours)",
	       si1.freeswap * si1.mem_unit >> 10, si1.totalswap * si1.mem_unit >> 10, used >> 10);
	/* Per-CPU lists and slab caches keep some pages out of freeram. */
	slack = 2 * MiB + before / 100;
	tap_ok((long)(before - after) <= (long)slack,
	       "free memory back: %lu KiB before, %lu KiB after (%lu KiB allowed)", before >> 10,
	       after >> 10, slack >> 10);

	m = sys_mmap(0, AFTER_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!SYS_ERR(m)) {
		pages_fill(m, AFTER_LEN, 0x00b);
		tap_ok(!pages_check(m, AFTER_LEN, 0x00b), "the parent maps and uses %lu MiB",
		       AFTER_LEN >> 20);
		tap_ok(!sys_munmap(m, AFTER_LEN), "munmap");
	} else {
		tap_ok(false, "the parent maps and uses %lu MiB (mmap: %ld)", AFTER_LEN >> 20, m);
		tap_skip("no mapping", "munmap");
	}
	return tap_done();
}
