// SPDX-License-Identifier: GPL-2.0
/*
 * frag [-v] [min_percent]: fragment memory on purpose, then ask the kernel
 * for order-9 blocks (2 MiB) the way a Linux user does, through the hugetlb
 * pool: `echo N > /proc/sys/vm/nr_hugepages`, and nr_hugepages read back
 * says how many it got.
 *
 * It maps nearly all free memory (MemFree less a margin above the
 * watermarks), writes every word of it with a value of its address, then
 * gives back every other page (MADV_DONTNEED of single pages): half of
 * memory is free again, but in single pages between pages still held, and
 * /proc/buddyinfo shows almost nothing at order 9 or above. Then it asks for
 * half as many huge pages as the free memory would hold in whole blocks,
 * twice: without compaction (extfrag_threshold 1000) the pool gets only the
 * few order-9 blocks that were still free, and must get no more; with
 * compaction the kernel moves the held pages together and assembles the
 * blocks. Every word of the pages still held must then read back right: a
 * page compaction moved kept its contents.
 *
 * It prints /proc/buddyinfo before and after, the compaction and migration
 * counters of /proc/vmstat (compact_*, pgmigrate_*) and, with -v,
 * /proc/pagetypeinfo. With min_percent above 0 it asserts that the pool got
 * at least that percentage of the pages asked for (the scenarios with
 * compaction); with 0 (the default) it only records the number.
 *
 * Under Linux (qemu-riscv64) it maps 16 MiB and leaves the host's hugetlb
 * pool alone: only the mapping and the check of every word count there.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tap.h"
#include "lib/tools.h"
#include "lib/util.h"
#include "syscall.h"

#define MARGIN (8 * MiB) /* left free: above the high watermark of any size Loam boots */
#define LINUX_SIZE (16 * MiB)
#define HPAGE_SIZE (2 * MiB)
#define HPAGE_ORDER 9
#define NR_HUGEPAGES "/proc/sys/vm/nr_hugepages"
#define EXTFRAG_THRESHOLD "/proc/sys/vm/extfrag_threshold"
#define WORDS_PER_PAGE (PAGE_SIZE / sizeof(uint64_t))

static char text[32768];

static inline uint64_t word_value(const uint64_t *p)
{
	uint64_t v = (uintptr_t)p * 0x9e3779b97f4a7c15ULL;

	return v ^ (v >> 29) ^ 0xf7a9;
}

/* Print a /proc file as TAP diagnostics, each line after @title. */
static void show_file(const char *title, const char *path)
{
	char *line, *next;

	if (read_file(path, text, sizeof(text)) < 0) {
		printf("# %s: %s not there\n", title, path);
		return;
	}
	printf("# %s (%s):\n", title, path);
	for (line = text; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		printf("#   %s\n", line);
	}
}

/* The compaction and migration counters of /proc/vmstat, on one line. */
static void show_counters(const char *when)
{
	char *line, *next;

	if (read_file("/proc/vmstat", text, sizeof(text)) < 0)
		return;
	printf("# vmstat %s:", when);
	for (line = text; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (!strncmp(line, "compact_", 8) || !strncmp(line, "pgmigrate_", 10))
			printf(" %s", line);
	}
	printf("\n");
}

/* Free memory in blocks of order 9 and above, counted in order-9 blocks (all zones). */
static long free_hpage_blocks(void)
{
	long n = 0, count;
	char *p, *end;
	int order;

	if (read_file("/proc/buddyinfo", text, sizeof(text)) < 0)
		return -1;
	for (p = strstr(text, "zone"); p; p = strstr(p, "zone")) {
		p += 4;
		while (*p == ' ')
			p++;
		while (*p && *p != ' ')
			p++; /* the zone's name */
		for (order = 0;; order++) {
			count = strtol(p, &end, 10);
			if (end == p)
				break;
			if (order >= HPAGE_ORDER)
				n += count << (order - HPAGE_ORDER);
			p = end;
		}
	}
	return n;
}

/* Write @val to a sysctl: 0, or -errno. */
static long write_sysctl(const char *path, long val)
{
	char buf[32];
	long fd = sys_openat(AT_FDCWD, path, O_WRONLY, 0), r;

	if (fd < 0)
		return fd;
	snprintf(buf, sizeof(buf), "%ld\n", val);
	r = write_all(fd, buf, strlen(buf));
	sys_close(fd);
	return r;
}

static long read_sysctl(const char *path)
{
	if (read_file(path, text, sizeof(text)) < 0)
		return -1;
	return strtol(text, NULL, 10);
}

static void fill(uint64_t *area, unsigned long npages)
{
	uint64_t *p, *end = area + npages * WORDS_PER_PAGE;

	for (p = area; p < end; p++)
		*p = word_value(p);
}

/* Words of the pages still held (the even ones) that read wrong; the first in *@first. */
static unsigned long check(uint64_t *area, unsigned long npages, uintptr_t *first)
{
	unsigned long bad = 0, pg, i;
	uint64_t *p;

	*first = 0;
	for (pg = 0; pg < npages; pg += 2)
		for (i = 0, p = area + pg * WORDS_PER_PAGE; i < WORDS_PER_PAGE; i++, p++)
			if (*p != word_value(p) && !bad++)
				*first = (uintptr_t)p;
	return bad;
}

/* Give back every odd page: single free pages between held ones. */
static bool free_every_other(uintptr_t area, unsigned long npages)
{
	unsigned long pg;

	for (pg = 1; pg < npages; pg += 2)
		if (sys_madvise(area + pg * PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED))
			return false;
	return true;
}

/*
 * Ask the pool for @want huge pages as a user does and read back how many it
 * got; show what it left, and put the pool back to empty. -1 if the write
 * failed.
 */
static long ask_pool(long want, const char *how, bool verbose)
{
	long got;

	show_counters("before");
	if (write_sysctl(NR_HUGEPAGES, want))
		return -1;
	got = read_sysctl(NR_HUGEPAGES);
	printf("# %s: %ld of %ld huge pages obtained\n", how, got, want);
	show_file("buddyinfo with the pool", "/proc/buddyinfo");
	if (verbose)
		show_file("pagetypeinfo with the pool", "/proc/pagetypeinfo");
	show_counters("after");
	if (proc_counter("/proc/meminfo", "HugePages_Total") != got ||
	    write_sysctl(NR_HUGEPAGES, 0) || read_sysctl(NR_HUGEPAGES) ||
	    proc_counter("/proc/meminfo", "HugePages_Total"))
		return -1;
	return got;
}

/*
 * Half as many huge pages as the free memory would hold: first without
 * compaction (extfrag_threshold 1000: the fragmentation index never says
 * compact, so only the blocks already free come), then with it (the
 * threshold as it was, Linux's default 500). A kernel without compaction
 * has no extfrag_threshold, and with swap reclaim can free whole blocks
 * too: then the second request only is made.
 */
static void ask_twice(long min_percent, bool verbose)
{
	long want, blocks = free_hpage_blocks(), free_kb = proc_counter("/proc/meminfo", "MemFree");
	long without = -2, with, threshold = read_sysctl(EXTFRAG_THRESHOLD);
	bool compaction = threshold >= 0, swap = proc_counter("/proc/meminfo", "SwapTotal") > 0;

	want = free_kb / (HPAGE_SIZE >> 10) / 2;
	printf("# %ld MiB free, %ld of it in blocks of 2 MiB or more: asking for %ld huge pages\n",
	       free_kb >> 10, blocks * (HPAGE_SIZE >> 20), want);
	if (compaction && !swap && !write_sysctl(EXTFRAG_THRESHOLD, 1000)) {
		without = ask_pool(want, "without compaction (extfrag_threshold 1000)", verbose);
		write_sysctl(EXTFRAG_THRESHOLD, threshold);
	}
	with = ask_pool(want, compaction ? "with compaction" : "no compaction in this kernel",
			verbose);
	if (swap)
		tap_skip("with swap, reclaim can free whole blocks too", "without compaction");
	else if (compaction)
		tap_ok(without >= 0 && without <= blocks,
		       "without compaction: %ld huge pages, no more than the %ld blocks free",
		       without, blocks);
	else
		tap_skip("no extfrag_threshold: a kernel without compaction", "without compaction");
	if (min_percent)
		tap_ok(with >= 0 && with * 100 >= want * min_percent,
		       "%ld of %ld huge pages: at least %ld%%", with, want, min_percent);
	else
		tap_ok(with >= 0 && with <= want, "%ld of %ld huge pages (recorded)", with, want);
	tap_ok(with >= 0, "nr_hugepages written, meminfo's HugePages_Total the same, pool emptied");
}

int main(int argc, char **argv)
{
	bool loam = on_loam(), verbose = argc > 1 && !strcmp(argv[1], "-v");
	long min_percent = argc > 1 + verbose ? strtol(argv[1 + verbose], NULL, 10) : 0;
	unsigned long len, npages, bad, blocks;
	uintptr_t first;
	long m;

	tap_plan(7);
	len = loam ? (free_ram() - MARGIN) & ~(HPAGE_SIZE - 1) : LINUX_SIZE;
	npages = len / PAGE_SIZE;
	show_file("buddyinfo at the start", "/proc/buddyinfo");
	m = sys_mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!tap_ok(!SYS_ERR(m), "mmap of %lu MiB", len >> 20))
		return tap_done();
	fill((uint64_t *)m, npages);
	show_file("buddyinfo with every page written", "/proc/buddyinfo");
	tap_ok(free_every_other(m, npages), "MADV_DONTNEED of every other page (%lu pages)",
	       npages / 2);
	show_file("buddyinfo with every other page free", "/proc/buddyinfo");
	blocks = free_hpage_blocks();
	if (verbose)
		show_file("pagetypeinfo", "/proc/pagetypeinfo");
	if (loam) {
		tap_ok(blocks * HPAGE_SIZE < len / 4,
		       "fragmented: %lu MiB free in blocks of order 9 and above, of %lu MiB freed",
		       blocks * (HPAGE_SIZE >> 20), len >> 21);
		ask_twice(min_percent, verbose);
	} else {
		tap_skip("Linux: the host's free lists", "fragmented");
		tap_skip("Linux: the host's hugetlb pool", "without compaction");
		tap_skip("Linux: the host's hugetlb pool", "huge pages obtained");
		tap_skip("Linux: the host's hugetlb pool", "nr_hugepages written, pool emptied");
	}
	bad = check((uint64_t *)m, npages, &first);
	tap_ok(!bad, "every word of the %lu pages held reads back right (%lu wrong, first at %#lx)",
	       (npages + 1) / 2, bad, (unsigned long)first);
	sys_munmap(m, len);
	show_file("buddyinfo at the end", "/proc/buddyinfo");
	return tap_done();
}
