// SPDX-License-Identifier: GPL-2.0
/*
 * proc-test: the /proc reports as files. /proc/vmstat counts page faults
 * (pgfault grows when fresh pages are touched), /proc/meminfo has MemTotal;
 * reads come in pieces of any size and end at EOF; a bad path is -ENOENT,
 * a closed descriptor -EBADF. Under qemu-user these are the host's files,
 * so every check holds on Linux too.
 */
#include <errno.h>
#include <string.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define TOUCH_PAGES 64

/* Read all of @path @chunk bytes at a time into @buf; the length, or -errno. */
static long slurp(const char *path, char *buf, size_t size, size_t chunk)
{
	long fd = sys_openat(AT_FDCWD, path, O_RDONLY, 0), r;
	size_t len = 0;

	if (fd < 0)
		return fd;
	while (len + chunk < size && (r = sys_read(fd, buf + len, chunk)) > 0)
		len += r;
	sys_close(fd);
	buf[len] = '\0';
	return len;
}

int main(void)
{
	static char whole[16384], pieces[16384];
	const char *reports[] = { "/proc/meminfo", "/proc/vmstat", "/proc/buddyinfo",
				  "/proc/zoneinfo" };
	long before, after, fd, r, n;
	unsigned long map;
	char c;
	size_t i;

	tap_plan(14);
	before = proc_counter("/proc/vmstat", "pgfault");
	tap_ok(before > 0, "/proc/vmstat: pgfault %ld > 0", before);
	map = sys_mmap(0, TOUCH_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!SYS_ERR(map))
		pages_fill(map, TOUCH_PAGES * PAGE_SIZE, 1);
	after = proc_counter("/proc/vmstat", "pgfault");
	tap_ok(after >= before + TOUCH_PAGES,
	       "/proc/vmstat: pgfault grew by %ld after touching %d pages", after - before,
	       TOUCH_PAGES);
	if (!SYS_ERR(map))
		sys_munmap(map, TOUCH_PAGES * PAGE_SIZE);
	r = proc_counter("/proc/meminfo", "MemTotal");
	tap_ok(r > 0, "/proc/meminfo: MemTotal %ld kB", r);
	tap_ok(proc_counter("/proc/meminfo", "NoSuchLine") == -1,
	       "proc_counter: a missing line is -1");

	for (i = 0; i < sizeof(reports) / sizeof(reports[0]); i++) {
		/* The numbers move between two opens: the first word and the line ends do not. */
		n = slurp(reports[i], pieces, sizeof(pieces), 7);
		r = slurp(reports[i], whole, sizeof(whole), sizeof(whole) - 1);
		tap_ok(n > 0 && r > 0 && !memcmp(whole, pieces, strcspn(whole, " :")) &&
			       whole[r - 1] == '\n' && pieces[n - 1] == '\n',
		       "%s: read whole and in 7-byte pieces (%ld, %ld bytes)", reports[i], r, n);
	}

	fd = sys_openat(AT_FDCWD, "/proc/vmstat", O_RDONLY, 0);
	tap_ok(fd > 2, "open /proc/vmstat: descriptor %ld", fd);
	while ((r = sys_read(fd, whole, sizeof(whole))) > 0)
		;
	tap_ok(r == 0 && sys_read(fd, &c, 1) == 0, "read at the end: 0 (EOF), again");
	tap_ok(sys_write(fd, "x", 1) == -EBADF, "write to a descriptor opened O_RDONLY: -EBADF");
	tap_ok(sys_close(fd) == 0, "close: 0");
	tap_ok(sys_read(fd, &c, 1) == -EBADF && sys_close(fd) == -EBADF,
	       "read and close of a closed descriptor: -EBADF");
	r = sys_openat(AT_FDCWD, "/proc/no-such-report", O_RDONLY, 0);
	tap_ok(r == -ENOENT, "open of a missing /proc file: -ENOENT (%ld)", r);
	return tap_done();
}
