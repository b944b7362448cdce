// SPDX-License-Identifier: GPL-2.0
/*
 * ps: every process, as procps' "ps -e" columns with the memory ones of
 * "ps l"/"ps v": PID, state, RSS (KiB), CPU time, the command. Read from
 * /proc/PID/stat (Linux's do_task_stat() line) and /proc/PID/cmdline; a
 * kernel thread (empty cmdline) is shown as [name], as procps does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

#include "../lib/tools.h"
#include "../syscall.h"

#define NR_getdents64 61

struct dirent64 {
	unsigned long d_ino;
	long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* The command: cmdline's arguments joined by blanks, or [comm]. */
static void command_of(const char *pid, const char *comm, char *out, size_t size)
{
	char path[64];
	long len, i;

	snprintf(path, sizeof(path), "/proc/%s/cmdline", pid);
	len = read_file(path, out, size);
	if (len <= 0) {
		snprintf(out, size, "[%s]", comm);
		return;
	}
	for (i = 0; i < len - 1; i++)
		if (!out[i])
			out[i] = ' ';
}

/* One process's line, if it still exists. */
static void show_pid(const char *pid, long page_kb)
{
	char stat[1024], path[64], comm[64], cmd[256], state;
	unsigned long utime, stime, rss, t;
	const char *close_paren, *p;
	int i;

	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	if (read_file(path, stat, sizeof(stat)) <= 0)
		return;
	/* comm may hold blanks and parentheses: it ends at the last ')'. */
	close_paren = strrchr(stat, ')');
	p = strchr(stat, '(');
	if (!close_paren || !p)
		return;
	snprintf(comm, sizeof(comm), "%.*s", (int)(close_paren - p - 1), p + 1);
	state = close_paren[2];
	/* Fields 14, 15 (utime, stime) and 24 (rss) counted from the state, field 3. */
	for (p = close_paren + 2, i = 3; i < 14; i++)
		p = strchr(p, ' ') + 1;
	utime = strtoul(p, (char **)&p, 10);
	stime = strtoul(p, (char **)&p, 10);
	for (i = 16; i < 24; i++)
		p = strchr(p + 1, ' ');
	rss = strtoul(p, NULL, 10);
	command_of(pid, comm, cmd, sizeof(cmd));
	t = (utime + stime) / 100;
	printf("%5s %c %8lu %02lu:%02lu:%02lu %s\n", pid, state, rss * page_kb, t / 3600,
	       t / 60 % 60, t % 60, cmd);
}

static int by_pid(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int main(void)
{
	static char buf[8192];
	int pids[1024], n = 0, i;
	long fd, len, off;
	struct dirent64 *d;
	char name[16];

	fd = sys_openat(AT_FDCWD, "/proc", O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0) {
		fprintf(stderr, "ps: cannot open /proc: %s\n", strerror(-fd));
		return 1;
	}
	while ((len = syscall6(NR_getdents64, fd, (long)buf, sizeof(buf), 0, 0, 0)) > 0)
		for (off = 0; off < len; off += d->d_reclen) {
			d = (struct dirent64 *)(buf + off);
			if (d->d_name[0] >= '1' && d->d_name[0] <= '9' && n < 1024)
				pids[n++] = atoi(d->d_name);
		}
	sys_close(fd);
	qsort(pids, n, sizeof(*pids), by_pid);
	printf("  PID S      RSS     TIME COMMAND\n");
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%d", pids[i]);
		show_pid(name, getauxval(AT_PAGESZ) / 1024);
	}
	return 0;
}
