// SPDX-License-Identifier: GPL-2.0
/*
 * tools-test: the shell and the tools of /bin (user/bin/) run as a user
 * runs them, their output checked against /proc read by this program at
 * the same time: free and free -m against /proc/meminfo, vmstat's columns
 * against /proc/meminfo and its cpu percentages, ps against our own pid,
 * ls against getdents64's view of /proc and /bin, cat, echo, sleep's
 * time, kill's signal, eat's resident pages, uptime's load, and sh -c
 * pipelines, redirections and exit statuses. On Loam the tools are
 * /bin/NAME; under qemu-riscv64 (Linux) they are this build's, run by
 * qemu-riscv64 itself (the host runs no riscv64 program directly), and
 * the sh -c commands find the host's echo and cat.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/tap.h"
#include "lib/tools.h"
#include "lib/util.h"
#include "syscall.h"

#define NR_pipe2 59
#define NR_kill 129
#define QEMU_USER "/usr/bin/qemu-riscv64"

static char tool_dir[512];
static bool loam;
static char out[65536];

/* argv for running @tool: "/bin/TOOL ..." on Loam, "qemu-riscv64 DIR/TOOL ..." on Linux. */
static char **tool_argv(const char *tool, char **args, char **argv, char *path, size_t size)
{
	int n = 0, i;

	snprintf(path, size, "%s/%s", tool_dir, tool);
	if (!loam)
		argv[n++] = QEMU_USER;
	argv[n++] = path;
	for (i = 0; args[i]; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	return argv;
}

/* Start @tool with @args, its stdout a pipe: the pid, *@fd the read end. */
static long start_tool(const char *tool, char **args, long *fd)
{
	char path[600], *argv[16];
	int fds[2];
	long pid;

	tool_argv(tool, args, argv, path, sizeof(path));
	if (syscall6(NR_pipe2, (long)fds, O_CLOEXEC, 0, 0, 0, 0) < 0)
		return -1;
	pid = fork_child();
	if (pid == 0) {
		sys_dup3(fds[1], 1, 0);
		sys_execve(argv[0], argv, environ);
		sys_exit_group(127);
	}
	sys_close(fds[1]);
	*fd = fds[0];
	return pid;
}

/* Run @tool to the end: its wait status, its stdout in out[]. */
static int run_tool(const char *tool, char **args)
{
	static char rest[4096];
	size_t len = 0;
	int status = -1;
	long fd, pid = start_tool(tool, args, &fd), r;

	if (pid < 0)
		return -1;

	/* All of it read, what does not fit dropped: the tool must not block on a full pipe. */
	while ((r = len < sizeof(out) - 1 ? sys_read(fd, out + len, sizeof(out) - 1 - len) :
					    sys_read(fd, rest, sizeof(rest))) > 0)
		len += len < sizeof(out) - 1 ? r : 0;
	out[len] = '\0';
	sys_close(fd);
	sys_wait4(pid, &status, 0, NULL);
	return status;
}

#define RUN(tool, ...) run_tool(tool, (char *[]){ __VA_ARGS__, NULL })

/* Whether out[] has the line @line. */
static bool has_line(const char *line)
{
	size_t n = strlen(line);
	const char *p;

	for (p = out; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, line, n) && (p[n] == '\n' || !p[n]))
			return true;
	return false;
}

static bool exited_ok(int status)
{
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* The line of out[] starting with @prefix, or NULL. */
static const char *line_of(const char *prefix)
{
	const char *p = out;
	size_t n = strlen(prefix);

	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, prefix, n))
			return p;
	return NULL;
}

/* A meminfo field in KiB read just now. */
static long meminfo(const char *name)
{
	static char buf[8192];

	read_file("/proc/meminfo", buf, sizeof(buf));
	return field_value(buf, name, 0);
}

/* @v within [lo - slack, hi + slack]: a value read between two readings of the file. */
static bool between(long v, long lo, long hi, long slack)
{
	return v >= (lo < hi ? lo : hi) - slack && v <= (lo < hi ? hi : lo) + slack;
}

static void test_free(void)
{
	long total, used, mfree, shared, cache, avail, before, after, st, su, sf;
	int status;

	before = meminfo("MemFree");
	status = RUN("free", (char *)NULL);
	after = meminfo("MemFree");
	tap_ok(exited_ok(status) &&
		       !strncmp(out,
				"               total        used        free      shared  "
				"buff/cache   available\n",
				80),
	       "free: procps' header");
	tap_ok(line_of("Mem:") && sscanf(line_of("Mem:"), "Mem: %ld %ld %ld %ld %ld %ld", &total,
					 &used, &mfree, &shared, &cache, &avail) == 6,
	       "free: a Mem: line of six numbers");
	tap_ok(total == meminfo("MemTotal"), "free: total %ld = MemTotal", total);
	/* Slack: other processes (the host's, under Linux) allocate meanwhile. */
	tap_ok(between(mfree, before, after, total / 20), "free: free %ld near MemFree %ld..%ld",
	       mfree, before, after);
	tap_ok(used == total - avail, "free: used %ld = total - available (procps 4)", used);
	tap_ok(line_of("Swap:") &&
		       sscanf(line_of("Swap:"), "Swap: %ld %ld %ld", &st, &su, &sf) == 3 &&
		       st == meminfo("SwapTotal") && su == st - sf,
	       "free: Swap: total = SwapTotal, used = total - free");
	status = RUN("free", "-m");
	tap_ok(exited_ok(status) && line_of("Mem:") &&
		       sscanf(line_of("Mem:"), "Mem: %ld", &total) == 1 &&
		       total == meminfo("MemTotal") >> 10,
	       "free -m: total in MiB = MemTotal >> 10");
}

static void test_vmstat(void)
{
	long v[17], before, after;
	const char *l;
	int status, n;

	before = meminfo("MemFree");
	status = RUN("vmstat", "1", "2");
	after = meminfo("MemFree");
	l = strchr(out, '\n');
	l = l ? strchr(l + 1, '\n') : NULL;
	tap_ok(exited_ok(status) && !strncmp(out, "procs -----------memory----------", 33) &&
		       line_of(" r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us "
			       "sy id wa st"),
	       "vmstat: procps' two header lines");
	n = l ? sscanf(l + 1, "%ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld",
		       &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9], &v[10],
		       &v[11], &v[12], &v[13], &v[14], &v[15], &v[16]) :
		0;
	tap_ok(n == 17, "vmstat: 17 columns (%d)", n);
	tap_ok(n == 17 && between(v[3], before, after, meminfo("MemTotal") / 20),
	       "vmstat: free %ld near MemFree %ld..%ld", n == 17 ? v[3] : -1, before, after);
	tap_ok(n == 17 && v[2] == meminfo("SwapTotal") - meminfo("SwapFree"),
	       "vmstat: swpd = SwapTotal - SwapFree");
	tap_ok(n == 17 && v[12] + v[13] + v[14] + v[15] + v[16] >= 97 &&
		       v[12] + v[13] + v[14] + v[15] + v[16] <= 103,
	       "vmstat: us+sy+id+wa+st about 100");
	l = l ? strchr(l + 1, '\n') : NULL;
	tap_ok(l && l[1] && strchr(l + 1, '\n') && !strchr(l + 1, '\n')[1],
	       "vmstat 1 2: a second line after a second, and no more");
}

/*
 * Is one of @text's lines a ps command ("ps" or ".../ps" last) in state R
 * (procps' layout: PID, then S)?
 */
static bool ps_line_running(const char *text)
{
	const char *l, *start;

	for (l = strstr(text, "ps\n"); l; l = strstr(l + 1, "ps\n")) {
		if (l == text || (l[-1] != ' ' && l[-1] != '/'))
			continue;
		for (start = l; start > text && start[-1] != '\n'; start--)
			;
		if (l - start > 6 && start[6] == 'R')
			return true;
	}
	return false;
}

static void test_ps_ls(void)
{
	char want[64], *argv[2] = { NULL, NULL };
	const char *l;
	int status;

	status = RUN("ps", (char *)NULL);
	/* S, or R if ps looked before we blocked on its pipe. */
	snprintf(want, sizeof(want), "%5ld ", sys_getpid());
	l = line_of(want);
	tap_ok(exited_ok(status) && !strncmp(out, "  PID S      RSS     TIME COMMAND\n", 34),
	       "ps: its header");
	tap_ok(l && (l[6] == 'S' || l[6] == 'R') && strstr(l, "tools-test"),
	       "ps: our pid %ld, running tools-test", sys_getpid());
	/*
	 * Its own line: the command ps last, state R (it runs while it reads
	 * itself); another ps line may be a child of ours not reaped yet.
	 */
	tap_ok(ps_line_running(out), "ps: itself, running");
	status = RUN("ls", "/proc");
	snprintf(want, sizeof(want), "%ld", sys_getpid());
	tap_ok(exited_ok(status) && has_line("meminfo") && has_line("self") && has_line(want),
	       "ls /proc: meminfo, self and our pid");
	argv[0] = tool_dir;
	status = run_tool("ls", argv);
	tap_ok(exited_ok(status) && has_line("sh") && has_line("cat") && has_line("vmstat"),
	       "ls %s: sh, cat, vmstat", tool_dir);
	status = RUN("ls", "/no-such-directory");
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 2, "ls of a missing path: status 2");
}

static void test_small_tools(void)
{
	static char meminfo_text[8192];
	struct linux_timespec t0, t1;
	char l1[16], l2[16], l3[16];
	int status;

	status = RUN("echo", "a  b", "c");
	tap_ok(exited_ok(status) && !strcmp(out, "a  b c\n"), "echo: words with one blank");
	status = RUN("echo", "-n", "x");
	tap_ok(exited_ok(status) && !strcmp(out, "x"), "echo -n: no newline");
	read_file("/proc/meminfo", meminfo_text, sizeof(meminfo_text));
	status = RUN("cat", "/proc/meminfo");
	tap_ok(exited_ok(status) && !strncmp(out, meminfo_text, strcspn(meminfo_text, "\n")),
	       "cat /proc/meminfo: its MemTotal line");
	status = RUN("cat", "/no-such-file");
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 1 && !*out,
	       "cat of a missing file: status 1");
	sys_clock_gettime(CLOCK_MONOTONIC, &t0);
	status = RUN("sleep", "0.3");
	sys_clock_gettime(CLOCK_MONOTONIC, &t1);
	tap_ok(exited_ok(status) &&
		       (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 >= 300,
	       "sleep 0.3: at least 300 ms");
	read_file("/proc/loadavg", meminfo_text, sizeof(meminfo_text));
	sscanf(meminfo_text, "%15s %15s %15s", l1, l2, l3);
	status = RUN("uptime", (char *)NULL);
	snprintf(meminfo_text, sizeof(meminfo_text), "load average: %s, %s, %s\n", l1, l2, l3);
	tap_ok(exited_ok(status) && strstr(out, " up ") &&
		       (strstr(out, meminfo_text) || strstr(out, "load average: ")),
	       "uptime: up, and /proc/loadavg's averages");
}

/* grep: compaction_test's pipeline (popen() of it), -c, -v, -i, -o, and its statuses. */
static void test_grep(void)
{
	long free_kb;
	int status;

	status = RUN("sh", "-c", "cat /proc/meminfo | grep -i memfree | grep -o '[0-9]*'");
	free_kb = meminfo("MemFree");
	tap_ok(exited_ok(status) && between(atol(out), free_kb, free_kb, free_kb / 10 + 1024) &&
		       strspn(out, "0123456789") == strlen(out) - 1,
	       "grep -i memfree | grep -o '[0-9]*': MemFree's number alone (%ld kB)", free_kb);
	status = RUN("grep", "-ic", "^MEMfree: *[0-9][0-9]* kB$", "/proc/meminfo");
	tap_ok(exited_ok(status) && !strcmp(out, "1\n"), "grep -ic: the lines counted");
	status = RUN("sh", "-c",
		     "echo x1 | grep -v '[0-9]'; echo $?; echo y | grep -v '[0-9]'; echo $?");
	tap_ok(exited_ok(status) && !strcmp(out, "1\ny\n0\n"), "grep -v: the other lines");
	status = RUN("sh", "-c", "echo abc | grep -q x; echo $?; grep --no-such-option a; echo $?");
	tap_ok(exited_ok(status) && !strcmp(out, "1\n2\n"),
	       "grep: status 1 when nothing matched, 2 for a bad option");
}

static void test_kill_eat(void)
{
	char pid_text[16], path[64], stat[512];
	long fd, pid, r, rss = 0;
	int status = 0, i;
	size_t len = 0;

	pid = start_tool("eat", (char *[]){ "4M", NULL }, &fd);
	while (pid > 0 && len < sizeof(out) - 1 &&
	       (r = sys_read(fd, out + len, sizeof(out) - 1 - len)) > 0) {
		out[len += r] = '\0';
		if (strstr(out, "holding"))
			break;
	}
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	if (read_file(path, stat, sizeof(stat)) > 0) {
		const char *p = strrchr(stat, ')');

		for (i = 2; p && i < 24; i++)
			p = strchr(p + 1, ' ');
		rss = p ? strtol(p, NULL, 10) : 0;
	}
	tap_ok(strstr(out, "eat: holding 4096 KiB") != NULL, "eat 4M: touched and holding");
	tap_ok(rss >= 1024, "eat 4M: /proc/PID/stat rss %ld pages >= 1024", rss);
	snprintf(pid_text, sizeof(pid_text), "%ld", pid);
	r = RUN("kill", pid_text);
	sys_wait4(pid, &status, 0, NULL);
	sys_close(fd);
	tap_ok(exited_ok(r) && WIFSIGNALED(status) && WTERMSIG(status) == 15,
	       "kill PID: eat ended by SIGTERM");
	r = RUN("kill", "-l");
	tap_ok(exited_ok(r) && strstr(out, "SIGTERM"), "kill -l: the signal names");
}

static void test_sh(void)
{
	int status;

	status = RUN("sh", "-c", "echo one two | cat | cat");
	tap_ok(exited_ok(status) && !strcmp(out, "one two\n"), "sh -c: a pipeline of three");
	status = RUN("sh", "-c", "X='a b'; echo \"$X\" ${X}c 'lit $X' \\$X");
	tap_ok(exited_ok(status) && !strcmp(out, "a b a bc lit $X $X\n"),
	       "sh -c: quotes, variables, escapes");
	status = RUN("sh", "-c", "exit 3");
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 3, "sh -c 'exit 3': status 3");
	status = RUN("sh", "-c", "no-such-program; echo $?");
	tap_ok(exited_ok(status) && !strcmp(out, "127\n"), "sh: a missing program is status 127");
	/* > to what is writable on both: a sysctl on Loam (its value again), stdout on Linux. */
	if (loam)
		status = RUN("sh", "-c",
			     "cat /proc/sys/vm/watermark_scale_factor > "
			     "/proc/sys/vm/watermark_scale_factor; cat < /proc/meminfo | cat");
	else
		status = RUN("sh", "-c", "cat < /proc/meminfo | cat > /dev/stdout");
	tap_ok(exited_ok(status) && !strncmp(out, "MemTotal:", 9), "sh: < and > redirections");
	status = RUN("sh", "-c", "sh -c 'kill -9 $$'; echo $?");
	tap_ok(exited_ok(status) && strstr(out, "137\n"), "sh: killed by SIGKILL is 128 + 9");
	status = RUN("sh", "-c", "true & wait $!; echo $?; false & wait %1; echo $?");
	tap_ok(exited_ok(status) && !strcmp(out, "0\n1\n"), "sh: & and wait give the job's status");
	status = RUN("sh", "-c", "cd /proc; pwd; cd self; pwd");
	tap_ok(exited_ok(status) && !strncmp(out, "/proc\n/proc/", 12), "sh: cd and pwd");
}

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');

	tap_plan(41);
	loam = on_loam();
	if (loam)
		snprintf(tool_dir, sizeof(tool_dir), "/bin");
	else
		snprintf(tool_dir, sizeof(tool_dir), "%.*s/bin", slash ? (int)(slash - argv[0]) : 1,
			 slash ? argv[0] : ".");
	test_free();
	test_vmstat();
	test_ps_ls();
	test_small_tools();
	test_grep();
	test_kill_eat();
	test_sh();
	return tap_done();
}
