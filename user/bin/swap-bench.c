// SPDX-License-Identifier: GPL-2.0
/*
 * swap-bench PROG [ARG...]: run PROG (e.g. /bin/swap-thrash) as a child and
 * report, for make bench (tests/bench), what its run cost in time and disk
 * requests, read from the kernel's own files so that the same program
 * measures Loam and Linux (tools/linux-bench.sh): elapsed CLOCK_MONOTONIC
 * time, the idle time of /proc/stat's cpu line (idle + iowait: the harts
 * had nothing to run, waiting for the disk), /proc/diskstats' vda line
 * before and after, /proc/vmstat's pswpin and pswpout, and the
 * /proc/sys/vm/page-cluster in force, as "swap-bench: NAME VALUE" lines.
 *
 * Linux does not swap on by itself: as init there, swap-bench mounts proc
 * on /proc if it is not there, and with no swap in /proc/meminfo (SwapTotal
 * 0) devtmpfs on /dev, and calls swapon on /dev/vda, as a Linux init would
 * (Loam takes a disk with a swap signature at boot).
 */
#include <stdio.h>
#include <string.h>

#include "../lib/tools.h"
#include "../lib/util.h"
#include "../syscall.h"

/* Linux's include/uapi/asm-generic/unistd.h (Loam answers -ENOSYS: it swaps on at boot). */
#define NR_MOUNT 40
#define NR_SWAPON 224

struct io_sample {
	long long ns; /* CLOCK_MONOTONIC */
	long long idle_ticks; /* /proc/stat cpu: idle + iowait, USER_HZ */
	unsigned long long disk[11]; /* /proc/diskstats vda: reads ... time_in_queue */
	long pswpin, pswpout; /* /proc/vmstat */
};

static long long now_ns(void)
{
	struct linux_timespec ts;

	sys_clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sample(struct io_sample *s)
{
	static char buf[16384]; /* /proc/vmstat whole, Linux's included */
	unsigned long long user, nice, sys, idle, iowait = 0;
	const char *line;

	memset(s, 0, sizeof(*s));
	s->ns = now_ns();
	if (read_file("/proc/stat", buf, sizeof(buf)) > 0 &&
	    sscanf(buf, "cpu %llu %llu %llu %llu %llu", &user, &nice, &sys, &idle, &iowait) >= 4)
		s->idle_ticks = idle + iowait;
	if (read_file("/proc/vmstat", buf, sizeof(buf)) > 0) {
		s->pswpin = field_value(buf, "pswpin", 0);
		s->pswpout = field_value(buf, "pswpout", 0);
	}
	if (read_file("/proc/diskstats", buf, sizeof(buf)) <= 0)
		return;
	line = strstr(buf, " vda ");
	if (line)
		sscanf(line + 5, "%llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu",
		       &s->disk[0], &s->disk[1], &s->disk[2], &s->disk[3], &s->disk[4], &s->disk[5],
		       &s->disk[6], &s->disk[7], &s->disk[8], &s->disk[9], &s->disk[10]);
}

/*
 * Linux as init: proc on /proc, devtmpfs on /dev, swapon /dev/vda. A message
 * if swapon fails; the run goes on.
 */
static void swap_on(void)
{
	static char buf[4096];
	long err;

	if (read_file("/proc/meminfo", buf, sizeof(buf)) < 0)
		syscall6(NR_MOUNT, (long)"proc", (long)"/proc", (long)"proc", 0, 0, 0);
	if (read_file("/proc/meminfo", buf, sizeof(buf)) > 0 && field_value(buf, "SwapTotal", 0))
		return;
	syscall6(NR_MOUNT, (long)"devtmpfs", (long)"/dev", (long)"devtmpfs", 0, 0, 0);
	err = syscall6(NR_SWAPON, (long)"/dev/vda", 0, 0, 0, 0, 0);
	printf("swap-bench: swapon /dev/vda %ld\n", err);
}

static void report(const struct io_sample *a, const struct io_sample *b)
{
	static const char *const names[] = { "reads",		"reads_merged",	   "sectors_read",
					     "ms_reading",	"writes",	   "writes_merged",
					     "sectors_written", "ms_writing",	   "in_flight",
					     "io_ticks_ms",	"time_in_queue_ms" };
	char buf[64];
	unsigned int i;

	printf("swap-bench: elapsed_ns %lld\n", b->ns - a->ns);
	printf("swap-bench: idle_ticks %lld\n", b->idle_ticks - a->idle_ticks);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		printf("swap-bench: %s %llu\n", names[i],
		       i == 8 ? b->disk[i] : b->disk[i] - a->disk[i]);
	printf("swap-bench: pswpin %ld\nswap-bench: pswpout %ld\n", b->pswpin - a->pswpin,
	       b->pswpout - a->pswpout);
	printf("swap-bench: page_cluster %s",
	       read_file("/proc/sys/vm/page-cluster", buf, sizeof(buf)) > 0 ? buf : "none\n");
}

int main(int argc, char **argv)
{
	struct io_sample before, after;
	int pid, status;

	if (argc < 2) {
		fprintf(stderr, "usage: swap-bench PROG [ARG...]\n");
		return 2;
	}
	swap_on();
	sample(&before);
	pid = spawn(argv[1], argv + 1);
	if (pid < 0) {
		fprintf(stderr, "swap-bench: %s: cannot run it (%d)\n", argv[1], pid);
		return 1;
	}
	status = reap_exit(pid);
	sample(&after);
	report(&before, &after);
	printf("swap-bench: status %d\n", status);
	return status ? 1 : 0;
}
