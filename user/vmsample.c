// SPDX-License-Identifier: GPL-2.0
/*
 * vmsample [-i MS] [--] PROGRAM [ARGS...]: run PROGRAM and, until it exits,
 * sample the memory manager every MS milliseconds (default 100) from the
 * files procps and Linux's own tools read: /proc/zoneinfo (each populated
 * zone's free pages and its min/low/high watermarks), /proc/buddyinfo (free
 * blocks per order) and /proc/vmstat (reclaim scanning, swap traffic). Each
 * sample is a few compact lines on standard output, which `make plot`
 * (tools/plot-vm.py) turns into a picture:
 *
 *   @vm T pgscan_kswapd pgscan_direct pgsteal_kswapd pgsteal_direct pswpin pswpout
 *   @zone T NODE NAME free min low high
 *   @buddy T NODE NAME n0 n1 ... n10
 *   @exit T STATUS
 *
 * T is CLOCK_MONOTONIC in milliseconds since the program started; counters
 * are /proc/vmstat's running totals (the plot takes their differences).
 * The samples cost the guest a few reads of /proc per interval, so the
 * picture shows the workload slightly perturbed, as `vmstat 1` does on Linux.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "lib/util.h"
#include "syscall.h"

#define DEFAULT_INTERVAL_MS 100
/* Each /proc report fits here (zoneinfo of a few zones on a few CPUs). */
#define REPORT_SIZE 16384

static char report[REPORT_SIZE];
static struct linux_timespec start;

/* /proc/<@name> into report[], NUL-terminated; its length, or -1. */
static long read_report(const char *name)
{
	long fd = sys_openat(AT_FDCWD, name, O_RDONLY, 0);
	long n, len = 0;

	if (fd < 0)
		return -1;
	while (len < REPORT_SIZE - 1 && (n = sys_read(fd, report + len, REPORT_SIZE - 1 - len)) > 0)
		len += n;
	sys_close(fd);
	report[len] = '\0';
	return len;
}

static long now_ms(void)
{
	struct linux_timespec ts;

	sys_clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec - start.tv_sec) * 1000 + (ts.tv_nsec - start.tv_nsec) / 1000000;
}

/* The value of "NAME value" in report[] (a /proc/vmstat line), 0 if absent. */
static unsigned long vmstat_value(const char *name)
{
	size_t len = strlen(name);
	const char *p = report;

	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, name, len) && p[len] == ' ')
			return strtoul(p + len + 1, NULL, 10);
	return 0;
}

static void sample_vmstat(long t)
{
	if (read_report("/proc/vmstat") < 0)
		return;
	printf("@vm %ld %lu %lu %lu %lu %lu %lu\n", t, vmstat_value("pgscan_kswapd"),
	       vmstat_value("pgscan_direct"), vmstat_value("pgsteal_kswapd"),
	       vmstat_value("pgsteal_direct"), vmstat_value("pswpin"), vmstat_value("pswpout"));
}

/* The number after "@key" (its first word) within one zone's text at @p. */
static unsigned long zone_field(const char *p, const char *end, const char *key)
{
	const char *q = strstr(p, key);

	return q && q < end ? strtoul(q + strlen(key), NULL, 10) : 0;
}

/*
 * /proc/zoneinfo: a "Node N, zone NAME" header per zone, then "pages free",
 * "min", "low", "high" lines (Linux's zoneinfo_show_print()). Zones that
 * manage no pages are left out, as they are of the picture.
 */
static void sample_zoneinfo(long t)
{
	char *p, *next, name[16];
	int node;

	if (read_report("/proc/zoneinfo") < 0)
		return;
	for (p = strstr(report, "Node "); p; p = next) {
		next = strstr(p + 1, "\nNode ");
		if (sscanf(p, "Node %d, zone %15s", &node, name) != 2)
			break;
		const char *end = next ? next : p + strlen(p);

		if (zone_field(p, end, "managed "))
			printf("@zone %ld %d %s %lu %lu %lu %lu\n", t, node, name,
			       zone_field(p, end, "pages free "), zone_field(p, end, "min "),
			       zone_field(p, end, "low "), zone_field(p, end, "high "));
		if (next)
			next++;
	}
}

/* /proc/buddyinfo: "Node N, zone NAME" then the free blocks of each order. */
static void sample_buddyinfo(long t)
{
	char *line, *save = NULL, name[16];
	int node, used;

	if (read_report("/proc/buddyinfo") < 0)
		return;
	for (line = strtok_r(report, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "Node %d, zone %15s%n", &node, name, &used) != 2)
			continue;
		printf("@buddy %ld %d %s%s\n", t, node, name, line + used);
	}
}

static void usage(void)
{
	printf("usage: vmsample [-i MS] [--] PROGRAM [ARGS...]\n");
	sys_exit(2);
}

/* Sample until the child @pid exits; its wait status. */
static int sample_until_exit(long pid, long interval)
{
	struct linux_timespec pause = { interval / 1000, (interval % 1000) * 1000000 };
	int status = 0;

	for (;;) {
		long t = now_ms();

		sample_vmstat(t);
		sample_zoneinfo(t);
		sample_buddyinfo(t);
		if (sys_wait4(pid, &status, WNOHANG, NULL) == pid)
			return status;
		sys_nanosleep(&pause, NULL);
	}
}

int main(int argc, char **argv)
{
	long interval = DEFAULT_INTERVAL_MS, pid;
	int i = 1, status;

	if (i + 1 < argc && !strcmp(argv[i], "-i")) {
		interval = strtol(argv[i + 1], NULL, 10);
		i += 2;
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (i >= argc || interval <= 0)
		usage();
	sys_clock_gettime(CLOCK_MONOTONIC, &start);
	pid = spawn(argv[i], argv + i);
	if (pid < 0) {
		printf("vmsample: %s: error %ld\n", argv[i], -pid);
		return 127;
	}
	status = sample_until_exit(pid, interval);
	/* One last sample shows the state the workload left behind. */
	sample_vmstat(now_ms());
	sample_zoneinfo(now_ms());
	sample_buddyinfo(now_ms());
	printf("@exit %ld %d\n", now_ms(), status);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
