// SPDX-License-Identifier: GPL-2.0
/*
 * spawn-test: processes. Children come from spawn() (vfork and execve, see
 * lib/vfork.S) running exit-with and segv-null from this program's own
 * directory; wait4() must report how each ended, Linux's way: WEXITSTATUS
 * for an exit, WTERMSIG for a kill; and the error cases: -ECHILD without
 * children, 0 with WNOHANG while a child runs, -ENOENT from execve of a
 * file that is not there (the caller goes on), 127 from a child whose exec
 * failed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

static char dir[256];

/* A program next to this one: /bin/... on Loam, build/user/... under qemu-user. */
static const char *prog(const char *name)
{
	static char path[4][300];
	static int next;
	char *p = path[next++ % 4];

	snprintf(p, sizeof(path[0]), "%s/%s", dir, name);
	return p;
}

/*
 * Spawn @argv[0] from this directory and wait for it (@ru: its rusage): its
 * wait status, or -1. Nothing is printed until the child is gone: it shares
 * the console, and lines written at the same time would mix.
 */
static int run(char **argv, const char *what, void *ru)
{
	int status = -1;
	long pid = spawn(prog(argv[0]), argv), r = 0;

	if (pid > 0)
		r = sys_wait4(pid, &status, 0, ru);
	if (!tap_ok(pid > 0, "%s: spawned", what))
		tap_diag("spawn: %ld", pid);
	if (!tap_ok(pid > 0 && r == pid, "%s: wait4 returns its pid", what))
		tap_diag("wait4: %ld, pid %ld", r, pid);
	tap_diag("%s: status 0x%x", what, status);
	return status;
}

int main(int argc, char **argv)
{
	char *exit42[] = { "exit-with", "42", NULL };
	char *sleeper[] = { "exit-with", "0", "sleep", "300", NULL };
	char ppid[16], *args[] = { "exit-with", "3", "argv", ppid, "two words", "", NULL };
	char *segv[] = { "segv-null", NULL };
	char *missing[] = { "nothing-here", NULL };
	long r, pid;
	int status = -1;
	char rusage[144];

	tap_plan(24);
	snprintf(dir, sizeof(dir), "%s", argv[0]);
	*(strrchr(dir, '/') ? strrchr(dir, '/') : dir) = '\0';

	tap_ok(sys_wait4(-1, &status, 0, NULL) == -ECHILD, "wait4 without children: -ECHILD");
	tap_ok(sys_wait4(-1, &status, WNOHANG, NULL) == -ECHILD,
	       "wait4 WNOHANG without children: -ECHILD");
	tap_ok(sys_wait4(-1, &status, 0x100, NULL) == -EINVAL,
	       "wait4 with an unknown option: -EINVAL");
	r = sys_execve(prog("nothing-here"), missing, NULL);
	tap_ok(r == -ENOENT, "execve of a missing file returns -ENOENT (%ld)", r);

	status = run(exit42, "exit-with 42", NULL);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 42, "exit-with 42: exit status 42");

	pid = spawn(prog("exit-with"), sleeper);
	tap_ok(pid > 0, "sleeping child: spawned");
	r = sys_wait4(-1, &status, WNOHANG, NULL);
	tap_ok(r == 0, "sleeping child: wait4 WNOHANG returns 0 while it runs (%ld)", r);
	r = sys_wait4(-1, &status, 0, NULL);
	tap_ok(r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "sleeping child: wait4(-1) reaps it, exit status 0");

	snprintf(ppid, sizeof(ppid), "%ld", sys_getpid());
	status = run(args, "argv check", NULL);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 3,
	       "argv check: the child got its arguments and its parent's pid");

	status = run(segv, "segv-null", NULL);
	tap_ok(WIFSIGNALED(status) && WTERMSIG(status) == 11, "segv-null: killed by SIGSEGV (11)");

	memset(rusage, 0xff, sizeof(rusage));
	status = run(missing, "missing program", rusage);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 127,
	       "missing program: the child's exec failed, exit status 127");
	/* Its last field, ru_nivcsw, is a small count: the top byte is 0 once written. */
	tap_ok(rusage[sizeof(rusage) - 1] == 0, "missing program: rusage written");

	tap_ok(sys_wait4(-1, &status, WNOHANG, NULL) == -ECHILD, "all reaped: -ECHILD");
	tap_ok(sys_wait4(1 << 22, &status, 0, NULL) == -ECHILD,
	       "wait4 for a pid that is no child: -ECHILD");
	r = sys_getppid();
	tap_ok(r >= 0, "getppid: %ld", r);
	tap_ok(sys_wait4(-1, NULL, WNOHANG, NULL) == -ECHILD, "wait4 with a NULL status: -ECHILD");
	return tap_done();
}
