// SPDX-License-Identifier: GPL-2.0
/*
 * dir-test: directories and the process files, with Linux's answers:
 * getdents64 of /, /proc, /proc/self and /proc/sys/vm (records, d_type,
 * resuming where the last call stopped, -EINVAL for a buffer too small,
 * -ENOTDIR for a file, -EBADF); chdir, fchdir and getcwd (-ERANGE,
 * -ENOTDIR, -ENOENT), paths relative to the working directory and to a
 * directory descriptor (openat, newfstatat, execve), read() of a directory
 * (-EISDIR); /proc/PID/stat against getpid/getppid and the comm,
 * /proc/PID/cmdline against argv, /proc/uptime, /proc/loadavg and
 * /proc/stat in Linux's formats; on Loam, /proc/sys/vm/min_free_kbytes
 * and watermark_scale_factor written (Linux's range checks) and read back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "lib/tap.h"
#include "lib/tools.h"
#include "lib/util.h"
#include "syscall.h"

#define NR_getcwd 17
#define NR_chdir 49
#define NR_fchdir 50
#define NR_getdents64 61
#define NR_newfstatat 79

struct dirent64 {
	unsigned long d_ino;
	long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static long getdents(long fd, void *buf, size_t len)
{
	return syscall6(NR_getdents64, fd, (long)buf, len, 0, 0, 0);
}

/* Whether directory @path lists @name with type @type, reading @chunk bytes at a time. */
static bool dir_has(const char *path, const char *name, int type, size_t chunk)
{
	static char buf[8192];
	bool found = false;
	long fd, n, off;
	struct dirent64 *d;

	fd = sys_openat(AT_FDCWD, path, O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return false;
	while ((n = getdents(fd, buf, chunk)) > 0)
		for (off = 0; off < n; off += d->d_reclen) {
			d = (struct dirent64 *)(buf + off);
			found |= !strcmp(d->d_name, name) && d->d_type == type;
		}
	sys_close(fd);
	return found && n == 0;
}

static void test_getdents(void)
{
	char buf[256], pid[16];
	long fd, n;

	tap_ok(dir_has("/", "proc", 4, 8192), "getdents64 /: proc, a directory");
	tap_ok(dir_has("/proc", "meminfo", 8, 8192), "getdents64 /proc: meminfo, a file");
	snprintf(pid, sizeof(pid), "%ld", sys_getpid());
	tap_ok(dir_has("/proc", pid, 4, 8192), "getdents64 /proc: our pid %s, a directory", pid);
	tap_ok(dir_has("/proc", "self", 4, 64) || dir_has("/proc", "self", 10, 64),
	       "getdents64 /proc 64 bytes at a time: self (Linux: a link)");
	tap_ok(dir_has("/proc/self", "stat", 8, 8192) && dir_has("/proc/self", "cmdline", 8, 8192),
	       "getdents64 /proc/self: stat and cmdline");
	tap_ok(dir_has("/proc/sys/vm", "min_free_kbytes", 8, 8192),
	       "getdents64 /proc/sys/vm: min_free_kbytes");
	fd = sys_openat(AT_FDCWD, "/proc", O_RDONLY | O_DIRECTORY, 0);
	tap_ok(getdents(fd, buf, 8) == -EINVAL, "getdents64 into 8 bytes: -EINVAL");
	n = getdents(fd, buf, sizeof(buf));
	tap_ok(n > 0 && ((struct dirent64 *)buf)->d_name[0] == '.', "then: \".\" first (%ld bytes)",
	       n);
	tap_ok(sys_read(fd, buf, sizeof(buf)) == -EISDIR, "read of a directory: -EISDIR");
	sys_close(fd);
	fd = sys_openat(AT_FDCWD, "/proc/meminfo", O_RDONLY, 0);
	tap_ok(getdents(fd, buf, sizeof(buf)) == -ENOTDIR, "getdents64 of a file: -ENOTDIR");
	sys_close(fd);
	tap_ok(getdents(999, buf, sizeof(buf)) == -EBADF, "getdents64 of a closed fd: -EBADF");
}

static void test_cwd(void)
{
	char cwd[256], st[128];
	long fd, r;

	tap_ok(syscall6(NR_chdir, (long)"/proc/self/../sys", 0, 0, 0, 0, 0) == 0 &&
		       syscall6(NR_getcwd, (long)cwd, sizeof(cwd), 0, 0, 0, 0) == 10 &&
		       !strcmp(cwd, "/proc/sys"),
	       "chdir /proc/self/../sys; getcwd: /proc/sys (10 bytes with the NUL)");
	tap_ok(syscall6(NR_getcwd, (long)cwd, 5, 0, 0, 0, 0) == -ERANGE,
	       "getcwd into 5 bytes: -ERANGE");
	fd = sys_openat(AT_FDCWD, "vm/min_free_kbytes", O_RDONLY, 0);
	tap_ok(fd >= 0, "open vm/min_free_kbytes from there");
	sys_close(fd);
	tap_ok(syscall6(NR_newfstatat, AT_FDCWD, (long)"vm", (long)st, 0, 0, 0) == 0 &&
		       (((unsigned int *)st)[4] & 0170000) == 0040000,
	       "newfstatat of vm: a directory");
	fd = sys_openat(AT_FDCWD, "/proc", O_RDONLY | O_DIRECTORY, 0);
	r = sys_openat(fd, "meminfo", O_RDONLY, 0);
	tap_ok(r >= 0, "openat meminfo relative to a /proc descriptor");
	sys_close(r);
	tap_ok(syscall6(NR_fchdir, fd, 0, 0, 0, 0, 0) == 0 &&
		       syscall6(NR_getcwd, (long)cwd, sizeof(cwd), 0, 0, 0, 0) > 0 &&
		       !strcmp(cwd, "/proc"),
	       "fchdir to it: getcwd /proc");
	sys_close(fd);
	tap_ok(syscall6(NR_chdir, (long)"meminfo", 0, 0, 0, 0, 0) == -ENOTDIR,
	       "chdir to a file: -ENOTDIR");
	tap_ok(syscall6(NR_chdir, (long)"no-such-dir", 0, 0, 0, 0, 0) == -ENOENT,
	       "chdir to nothing: -ENOENT");
	syscall6(NR_chdir, (long)"/", 0, 0, 0, 0, 0);
}

/* Field @n (1-based) of /proc/self/stat's line @s, after the comm. */
static long stat_field(const char *s, int n)
{
	const char *p = strrchr(s, ')');
	int i;

	for (i = 2; p && i < n; i++)
		p = strchr(p + 1, ' ');
	return p ? strtol(p + 1, NULL, 10) : -1;
}

/*
 * A child asleep in nanosleep, and its /proc/PID/stat once it says so (a
 * child's: qemu-user makes up /proc/self/stat, another process's is the
 * host's own). The child is killed and reaped after.
 */
static long sleeping_child(char *stat, size_t size)
{
	struct linux_timespec ts = { .tv_sec = 5 }, tick = { .tv_nsec = 10000000 };
	long pid = fork_child(), i;
	char path[64];

	if (pid == 0) {
		sys_nanosleep(&ts, NULL);
		sys_exit_group(0);
	}
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	for (i = 0; i < 200; i++) {
		if (read_file(path, stat, size) > 0 && strstr(stat, ") S "))
			break;
		sys_nanosleep(&tick, NULL);
	}
	return pid;
}

static void test_proc_pid(int argc, char **argv)
{
	char stat[1024], cmdline[256], want[256], path[64];
	long len, n = 0, child;
	int i, fields = 1, status;

	child = sleeping_child(stat, sizeof(stat));
	/* The comm has no blank: fields are the blanks plus one. */
	for (i = 0; stat[i]; i++)
		fields += stat[i] == ' ';
	tap_ok(atol(stat) == child && strstr(stat, ") S ") && stat_field(stat, 4) == sys_getpid() &&
		       (!on_loam() || strstr(stat, " (dir-test) ")),
	       "/proc/PID/stat of a sleeping child: pid, (comm), S, ppid");
	tap_ok(fields == 52 && stat[strlen(stat) - 1] == '\n', "/proc/PID/stat: 52 fields (%d)",
	       fields);
	tap_ok(stat_field(stat, 23) > 0 && stat_field(stat, 24) > 0,
	       "/proc/PID/stat: vsize %ld, rss %ld", stat_field(stat, 23), stat_field(stat, 24));
	syscall6(129 /* kill */, child, 9, 0, 0, 0, 0);
	sys_wait4(child, &status, 0, NULL);
	snprintf(path, sizeof(path), "/proc/%ld/cmdline", sys_getpid());
	len = read_file(path, cmdline, sizeof(cmdline));
	for (i = 0; i < argc; i++) {
		strcpy(want + n, argv[i]);
		n += strlen(argv[i]) + 1;
	}
	tap_ok(len == n && !memcmp(cmdline, want, n), "/proc/PID/cmdline: argv with NULs (%ld)",
	       len);
	tap_ok(read_file("/proc/999999/stat", stat, sizeof(stat)) == -ENOENT,
	       "/proc/999999/stat: -ENOENT");
}

static void test_proc_system(void)
{
	char buf[4096], a[16], b[16];
	unsigned int run, all;
	double up, idle;
	int last;

	read_file("/proc/uptime", buf, sizeof(buf));
	tap_ok(sscanf(buf, "%lf %lf", &up, &idle) == 2 && up > 0 && strchr(buf, '.')[3] == ' ',
	       "/proc/uptime: two numbers with two decimals");
	read_file("/proc/loadavg", buf, sizeof(buf));
	tap_ok(sscanf(buf, "%15s %15s %*s %u/%u %d", a, b, &run, &all, &last) == 5 && run >= 1 &&
		       all >= run && last > 0 && strchr(a, '.') && strlen(strchr(a, '.')) == 3,
	       "/proc/loadavg: three averages, running/all, last pid");
	read_file("/proc/vmstat", buf, sizeof(buf));
	tap_ok(field_value(buf, "pgpgin", -1) >= 0 && field_value(buf, "pgpgout", -1) >= 0,
	       "/proc/vmstat: pgpgin and pgpgout");
	read_file("/proc/stat", buf, sizeof(buf));
	tap_ok(!strncmp(buf, "cpu  ", 5) && strstr(buf, "\ncpu0 ") && strstr(buf, "\nctxt ") &&
		       strstr(buf, "\nprocesses ") && strstr(buf, "\nprocs_running ") &&
		       strstr(buf, "\nintr "),
	       "/proc/stat: cpu, cpu0, intr, ctxt, processes, procs_running");
}

/* Write @text to sysctl @path: the write's result. */
static long write_sysctl(const char *path, const char *text)
{
	long fd = sys_openat(AT_FDCWD, path, O_WRONLY, 0), r;

	if (fd < 0)
		return fd;
	r = sys_write(fd, text, strlen(text));
	sys_close(fd);
	return r;
}

/* The sum over the zones of /proc/zoneinfo's "        NAME  N" lines (min, low, high). */
static long zoneinfo_sum(const char *name)
{
	static char buf[16384];
	size_t n = strlen(name);
	const char *p;
	long sum = 0;

	read_file("/proc/zoneinfo", buf, sizeof(buf));
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, name, n) && p[n] == ' ')
			sum += strtol(p + n, NULL, 10);
	}
	return sum;
}

static void test_sysctl(void)
{
	long low;
	const char *mfk = "/proc/sys/vm/min_free_kbytes",
		   *wsf = "/proc/sys/vm/watermark_scale_factor";
	char old[32], old_wsf[32], now[32];

	if (!on_loam()) {
		tap_skip("would change the host's settings", "min_free_kbytes written and read");
		tap_skip("would change the host's settings", "min_free_kbytes -1: -EINVAL");
		tap_skip("would change the host's settings",
			 "watermark_scale_factor 3001: -EINVAL");
		tap_skip("would change the host's settings", "watermark_scale_factor written");
		tap_skip("would change the host's settings",
			 "min watermarks follow min_free_kbytes");
		tap_skip("would change the host's settings", "low watermarks follow the factor");
		return;
	}
	read_file(mfk, old, sizeof(old));
	read_file(wsf, old_wsf, sizeof(old_wsf));
	tap_ok(write_sysctl(mfk, "3000\n") == 5 && read_file(mfk, now, sizeof(now)) > 0 &&
		       !strcmp(now, "3000\n"),
	       "min_free_kbytes written and read: 3000");
	/* Each zone's share rounds down: the sum is at most one page per zone short. */
	tap_ok(zoneinfo_sum("min") <= 3000 / 4 && zoneinfo_sum("min") >= 3000 / 4 - 4,
	       "min watermarks follow min_free_kbytes: %ld pages", zoneinfo_sum("min"));
	tap_ok(write_sysctl(mfk, "-1") == -EINVAL, "min_free_kbytes -1: -EINVAL");
	low = zoneinfo_sum("low");
	tap_ok(write_sysctl(wsf, "3001") == -EINVAL, "watermark_scale_factor 3001: -EINVAL");
	tap_ok(write_sysctl(wsf, "200") == 3 && read_file(wsf, now, sizeof(now)) > 0 &&
		       !strcmp(now, "200\n"),
	       "watermark_scale_factor written and read: 200");
	tap_ok(zoneinfo_sum("low") > low, "low watermarks follow the factor: %ld -> %ld pages", low,
	       zoneinfo_sum("low"));
	write_sysctl(mfk, old);
	write_sysctl(wsf, old_wsf);
}

int main(int argc, char **argv)
{
	tap_plan(34);
	test_getdents();
	test_cwd();
	test_proc_pid(argc, argv);
	test_proc_system();
	test_sysctl();
	return tap_done();
}
