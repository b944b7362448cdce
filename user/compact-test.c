// SPDX-License-Identifier: GPL-2.0
/*
 * compact-test [MiB]: memory compaction on demand, as a reader of /proc
 * sees it. The compaction sysctls read as Linux's (extfrag_threshold 0 to
 * 1000, compact_unevictable_allowed 0 or 1). Then, when this program is
 * init, the machine's only process (on Loam; not under qemu-user, where
 * compacting is the host's business), it maps MiB of memory (7/8 of the
 * free memory by default), writes every word, gives back every other page
 * (MADV_DONTNEED: the free memory is scattered in single pages), and
 * writes 1 to /proc/sys/vm/compact_memory: /proc/buddyinfo must then
 * show free blocks of order 9 and above for at least half of the memory
 * given back, /proc/vmstat the compaction's and migration's counters
 * grown, /proc/extfrag_index an order-9 index of -1.000 (a block is free),
 * and every word of every page kept must read as written. A write of 2
 * must fail with EINVAL. /proc/buddyinfo before and after is printed, and
 * for `make bench` (tests/bench boots it under -icount, where a nanosecond
 * of CLOCK_MONOTONIC is an instruction) two lines: the compaction's time
 * per page it moved, and per order-9 block it freed.
 */
#include "../include/uapi/errno.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tap.h"
#include "lib/tools.h"
#include "lib/util.h"
#include "syscall.h"

#define WORDS (PAGE_SIZE / sizeof(uint64_t))
#define HIGH_ORDER 9

static char text[16384];

static uint64_t word_value(uintptr_t addr)
{
	return (addr * 0x9e3779b97f4a7c15ULL) ^ 0x5a5a;
}

static long now_ns(void)
{
	struct linux_timespec ts;

	sys_clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* A sysctl's number, or LONG_MIN if it cannot be read. */
static long sysctl_value(const char *path)
{
	return read_file(path, text, sizeof(text)) > 0 ? strtol(text, NULL, 10) : -0x7fffffffL;
}

/* Free blocks of order HIGH_ORDER and above in /proc/buddyinfo, every zone (in order-9 units). */
static long high_order_blocks(const char *diag)
{
	long total = 0;
	char *line;

	if (read_file("/proc/buddyinfo", text, sizeof(text)) <= 0)
		return -1;
	for (line = text; line && *line;
	     line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		char *p = strstr(line, "zone");
		int order;

		if (!p)
			continue;
		tap_diag("%s: %.*s", diag,
			 (int)(strchr(line, '\n') ? strchr(line, '\n') - line : 80), line);
		p += 4 + strspn(p + 4, " ");
		p += strcspn(p, " "); /* the zone's name */
		for (order = 0; order < 11; order++) {
			long n = strtol(p, &p, 10);

			if (order >= HIGH_ORDER)
				total += n << (order - HIGH_ORDER);
		}
	}
	return total;
}

static long write_sysctl(const char *path, const char *value)
{
	long fd = sys_openat(AT_FDCWD, path, O_WRONLY, 0), r;

	if (fd < 0)
		return fd;
	r = sys_write(fd, value, strlen(value));
	sys_close(fd);
	return r;
}

/* The order-9 column of /proc/extfrag_index's first zone, as printed ("-1.000"). */
static bool extfrag_order9(char *out, size_t size)
{
	char *p;
	int i;

	if (read_file("/proc/extfrag_index", text, sizeof(text)) <= 0 ||
	    !(p = strstr(text, "zone")))
		return false;
	p += 4 + strspn(p + 4, " ");
	p += strcspn(p, " ");
	for (i = 0; i <= HIGH_ORDER; i++) {
		p += strspn(p, " ");
		if (i < HIGH_ORDER)
			p += strcspn(p, " ");
	}
	snprintf(out, size, "%.*s", (int)strcspn(p, " \n"), p);
	return true;
}

static bool fragment_and_compact(unsigned long pages)
{
	long before, after, scanned, migrated, t, moved;
	uintptr_t m = map_rw(pages), a, bad = 0;
	unsigned long i, w;
	char index[16];

	for (i = 0; i < pages; i++)
		for (w = 0; w < WORDS; w++) {
			a = m + i * PAGE_SIZE + w * 8;
			*(uint64_t *)a = word_value(a);
		}
	for (i = 1; i < pages; i += 2)
		if (sys_madvise(m + i * PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED))
			return tap_ok(false, "MADV_DONTNEED of every other page");
	before = high_order_blocks("before");
	read_file("/proc/vmstat", text, sizeof(text));
	scanned = field_value(text, "compact_migrate_scanned", -1);
	migrated = field_value(text, "pgmigrate_success", -1);
	t = now_ns();
	tap_expect(write_sysctl("/proc/sys/vm/compact_memory", "1"), 1, "echo 1 > compact_memory");
	t = now_ns() - t;
	after = high_order_blocks("after");
	tap_ok(after - before >= (long)(pages / 2 / 512 / 2),
	       "order-9 blocks %ld before, %ld after (%lu pages given back)", before, after,
	       pages / 2);
	read_file("/proc/vmstat", text, sizeof(text));
	tap_ok(field_value(text, "compact_migrate_scanned", -1) > scanned,
	       "compact_migrate_scanned grew");
	moved = field_value(text, "pgmigrate_success", -1) - migrated;
	tap_ok(moved > 0, "pgmigrate_success grew by %ld", moved);
	if (moved > 0 && after > before) {
		printf("bench: compaction per_page_moved %ld per op (%ld ops)\n", t / moved, moved);
		printf("bench: compaction per_order9_block %ld per op (%ld ops)\n",
		       t / (after - before), after - before);
	}
	tap_ok(extfrag_order9(index, sizeof(index)) && !strcmp(index, "-1.000"),
	       "extfrag_index of order 9: %s", index);
	for (i = 0; i < pages && !bad; i += 2)
		for (w = 0; w < WORDS; w++) {
			a = m + i * PAGE_SIZE + w * 8;
			if (*(uint64_t *)a != word_value(a)) {
				bad = a;
				break;
			}
		}
	sys_munmap(m, pages * PAGE_SIZE);
	return tap_ok(!bad, "every word of the pages kept intact (first bad: %#lx)",
		      (unsigned long)bad);
}

int main(int argc, char **argv)
{
	long threshold = sysctl_value("/proc/sys/vm/extfrag_threshold");
	long unevictable = sysctl_value("/proc/sys/vm/compact_unevictable_allowed");
	unsigned long pages = argc > 1 ? size_arg(argv[1]) / PAGE_SIZE :
					 free_ram() / 8 * 7 / PAGE_SIZE;

	tap_plan(9);
	tap_ok(threshold >= 0 && threshold <= 1000, "extfrag_threshold %ld", threshold);
	tap_ok(unevictable == 0 || unevictable == 1, "compact_unevictable_allowed %ld",
	       unevictable);
	if (sys_getpid() != 1) {
		for (int i = 0; i < 7; i++)
			tap_skip("not init: compacting the machine is not this program's to do",
				 "compaction case %d", i + 1);
		return tap_done();
	}
	tap_expect(write_sysctl("/proc/sys/vm/compact_memory", "2"), -EINVAL,
		   "echo 2 > compact_memory");
	fragment_and_compact(pages);
	return tap_done();
}
