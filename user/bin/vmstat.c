// SPDX-License-Identifier: GPL-2.0
/*
 * vmstat [DELAY [COUNT]]: procps' table, one line at start (averages since
 * boot) and one every DELAY seconds (the change over that interval), COUNT
 * lines in all (without COUNT: for ever, with DELAY; one line without).
 * As procps reads them: r, b from /proc/stat's procs_running and
 * procs_blocked; swpd = SwapTotal - SwapFree, free = MemFree, buff =
 * Buffers, cache = Cached + SReclaimable (/proc/meminfo, KiB); si, so =
 * pswpin, pswpout in KiB/s and bi, bo = pgpgin, pgpgout (/proc/vmstat);
 * in, cs = intr, ctxt per second; us sy id wa st = the cpu line's user +
 * nice, system + irq + softirq, idle, iowait, steal, in percent of the
 * interval's ticks. A field the kernel does not have counts 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

#include "../lib/tools.h"
#include "../syscall.h"

/* The counters one line is computed from. */
struct sample {
	unsigned long long cpu[8]; /* user nice system idle iowait irq softirq steal */
	unsigned long long intr, ctxt, pswpin, pswpout, pgpgin, pgpgout;
	unsigned long running, blocked, ticks;
};

static char buf[16384];

static void read_sample(struct sample *s)
{
	const char *p;
	int i;

	memset(s, 0, sizeof(*s));
	if (read_file("/proc/stat", buf, sizeof(buf)) > 0 && !strncmp(buf, "cpu ", 4)) {
		for (p = buf + 4, i = 0; i < 8; i++) {
			s->cpu[i] = strtoull(p, (char **)&p, 10);
			s->ticks += s->cpu[i];
		}
		s->intr = field_value(buf, "intr", 0);
		s->ctxt = field_value(buf, "ctxt", 0);
		s->running = field_value(buf, "procs_running", 0);
		s->blocked = field_value(buf, "procs_blocked", 0);
	}
	if (read_file("/proc/vmstat", buf, sizeof(buf)) > 0) {
		s->pswpin = field_value(buf, "pswpin", 0);
		s->pswpout = field_value(buf, "pswpout", 0);
		s->pgpgin = field_value(buf, "pgpgin", 0);
		s->pgpgout = field_value(buf, "pgpgout", 0);
	}
}

/* @part of @total ticks in percent, rounded as procps does (+ half). */
static unsigned int pct(unsigned long long part, unsigned long long total)
{
	return total ? (unsigned int)((100 * part + total / 2) / total) : 0;
}

/* One line: the change from @a to @b over @secs seconds (@ncpu CPUs share the ticks). */
static void show_line(const struct sample *a, const struct sample *b, unsigned long secs)
{
	unsigned long long d[8], total = b->ticks - a->ticks;
	unsigned long page_kb = getauxval(AT_PAGESZ) / 1024;
	long swpd, mfree, buff, cache;
	int i;

	for (i = 0; i < 8; i++)
		d[i] = b->cpu[i] - a->cpu[i];
	read_file("/proc/meminfo", buf, sizeof(buf));
	swpd = field_value(buf, "SwapTotal", 0) - field_value(buf, "SwapFree", 0);
	mfree = field_value(buf, "MemFree", 0);
	buff = field_value(buf, "Buffers", 0);
	cache = field_value(buf, "Cached", 0) + field_value(buf, "SReclaimable", 0);
	if (!secs)
		secs = 1;
	printf("%2lu %2lu %6ld %6ld %6ld %6ld %4llu %4llu %5llu %5llu %4llu %4llu %2u %2u %2u %2u %2u\n",
	       b->running, b->blocked, swpd, mfree, buff, cache,
	       (b->pswpin - a->pswpin) * page_kb / secs, (b->pswpout - a->pswpout) * page_kb / secs,
	       (b->pgpgin - a->pgpgin) / secs, (b->pgpgout - a->pgpgout) / secs,
	       (b->intr - a->intr) / secs, (b->ctxt - a->ctxt) / secs, pct(d[0] + d[1], total),
	       pct(d[2] + d[5] + d[6], total), pct(d[3], total), pct(d[4], total),
	       pct(d[7], total));
	fflush(stdout);
}

int main(int argc, char **argv)
{
	struct sample boot = { 0 }, prev, cur;
	long delay = 0, count = 1, i;
	struct linux_timespec ts;
	char up[64];

	if (argc > 1)
		delay = strtol(argv[1], NULL, 10);
	count = argc > 2 ? strtol(argv[2], NULL, 10) : delay ? -1 : 1;
	if (argc > 3 || delay < 0 || (argc > 1 && !delay)) {
		fprintf(stderr, "usage: vmstat [DELAY [COUNT]]\n");
		return 1;
	}
	read_sample(&cur);
	read_file("/proc/uptime", up, sizeof(up));
	printf("procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n");
	printf(" r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n");
	show_line(&boot, &cur, strtoul(up, NULL, 10));
	for (i = 1; count < 0 || i < count; i++) {
		prev = cur;
		ts = (struct linux_timespec){ .tv_sec = delay };
		sys_nanosleep(&ts, NULL);
		read_sample(&cur);
		show_line(&prev, &cur, delay);
	}
	return 0;
}
