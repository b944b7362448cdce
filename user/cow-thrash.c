// SPDX-License-Identifier: GPL-2.0
/*
 * cow-thrash [seed] [size (MiB, or 300M), 0 = RAM] [children] [rewrite_percent]: copy on
 * write under swap pressure. A leader process fills a mapping as big as RAM,
 * every word a value mixed from its address and a key, so that much of it
 * is in swap when it forks: the children share those swap slots (swap count
 * above 1) as well as the resident pages. Then the leader and each child, on
 * their own harts, go over every page in their own random order, check every
 * word, and rewrite a pseudo-random part of the pages with their own key;
 * then check every word once more, each against what it wrote or the
 * leader's original. Shared pages come back from swap for one process and
 * then another, copies are made while others' copies are being reclaimed.
 *
 * The leader exits before its children: they are orphans by then, reaped by
 * init (this program, on Loam). Each process reports in a page of shared
 * memory. The scenario then checks that every swap slot and page came back
 * (swap_free, "all memory back after exit"): nothing leaked, nothing lost.
 *
 * Under Linux (qemu-user) the size is capped at 16 MiB, where there is no
 * pressure, and the orphans go to another reaper: only the reports count.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "lib/tap.h"
#include "lib/tools.h"
#include "lib/util.h"
#include "syscall.h"

#define DEFAULT_SEED 1
#define DEFAULT_CHILDREN 3
#define DEFAULT_REWRITE 25
#define LINUX_CAP (16 * MiB)
#define MAX_PROCS 16
#define WORDS_PER_PAGE (PAGE_SIZE / sizeof(uint64_t))

/* One process's report, in shared memory. */
struct report {
	volatile long state; /* 0 running, 1 done */
	volatile long bad_words; /* words that read wrong */
	volatile long first_bad; /* the address of the first, or 0 */
	volatile long pid;
};

static uint64_t seed;
static unsigned long npages;
static uint64_t *area;
static struct report *reports;

/* Process @proc's key (0: the leader's original data). */
static inline uint64_t key_of(int proc)
{
	return mix(seed ^ ((uint64_t)(proc + 1) << 40));
}

static inline uint64_t word_value(const uint64_t *p, uint64_t key)
{
	uint64_t v = ((uintptr_t)p ^ key) * 0x9e3779b97f4a7c15ULL;

	return v ^ (v >> 29);
}

static void page_fill(unsigned long idx, uint64_t key)
{
	uint64_t *p = area + idx * WORDS_PER_PAGE;
	unsigned long i;

	for (i = 0; i < WORDS_PER_PAGE; i++)
		p[i] = word_value(&p[i], key);
}

/* Check every word of page @idx against @key; count the wrong ones in @r. */
static void page_check(unsigned long idx, uint64_t key, struct report *r)
{
	uint64_t *p = area + idx * WORDS_PER_PAGE;
	unsigned long i;

	for (i = 0; i < WORDS_PER_PAGE; i++) {
		if (p[i] == word_value(&p[i], key))
			continue;
		if (!r->bad_words++)
			r->first_bad = (long)&p[i];
	}
}

/* Does process @proc rewrite page @idx? About @percent of the pages, its own choice. */
static bool rewrites(int proc, unsigned long idx, int percent)
{
	return mix(seed ^ ((uint64_t)proc << 56) ^ idx) % 100 < (uint64_t)percent;
}

/*
 * The work of process @proc: check and rewrite in a random order, then
 * check every word again. Its report goes to reports[proc].
 */
static void thrash(int proc, int percent)
{
	struct report *r = &reports[proc];
	unsigned long i, j, *order = malloc(npages * sizeof(*order));

	r->pid = sys_getpid();
	if (!order) {
		r->bad_words = -1;
		r->state = 1;
		return;
	}
	rng_seed(seed * 31 + proc);
	for (i = 0; i < npages; i++)
		order[i] = i;
	for (i = npages - 1; i > 0; i--) {
		unsigned long t = order[i];

		j = rng_below(i + 1);
		order[i] = order[j];
		order[j] = t;
	}
	for (i = 0; i < npages; i++) {
		page_check(order[i], key_of(0), r);
		if (rewrites(proc, order[i], percent))
			page_fill(order[i], key_of(proc));
	}
	for (i = 0; i < npages; i++)
		page_check(i, rewrites(proc, i, percent) ? key_of(proc) : key_of(0), r);
	free(order);
	__atomic_store_n(&r->state, 1, __ATOMIC_RELEASE);
}

/* The leader: fill, fork the children, do its own part, exit without waiting. */
static void leader(int children, int percent)
{
	unsigned long i;
	int c;

	for (i = 0; i < npages; i++)
		page_fill(i, key_of(0));
	for (c = 1; c <= children; c++) {
		long pid = sys_clone(LINUX_SIGCHLD, 0, NULL, 0, NULL);

		if (pid == 0) {
			thrash(c, percent);
			sys_exit(0);
		}
		if (pid < 0) {
			reports[c].bad_words = pid;
			reports[c].state = 1;
		}
	}
	thrash(0, percent);
	sys_exit(0);
}

static void sleep_ms(long ms)
{
	struct linux_timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	sys_nanosleep(&ts, NULL);
}

static unsigned long default_size(bool loam)
{
	unsigned long size = total_ram();

	return loam ? size : (size < LINUX_CAP ? size : LINUX_CAP);
}

int main(int argc, char **argv)
{
	bool loam = on_loam();
	unsigned long size = argc > 2 ? size_arg(argv[2]) : 0;
	int children = argc > 3 ? atoi(argv[3]) : DEFAULT_CHILDREN;
	int percent = argc > 4 ? atoi(argv[4]) : DEFAULT_REWRITE;
	long pid, swap_before;
	int c, waited = 0, i;

	tap_plan(3 + children + 1);
	seed = seed_from_args(argc, argv, DEFAULT_SEED);
	if (children < 1 || children + 1 > MAX_PROCS)
		children = DEFAULT_CHILDREN;
	size = size ? size : default_size(loam);
	npages = size / PAGE_SIZE;
	tap_diag("%lu MiB, %d children, %d%% of the pages rewritten by each", size / MiB, children,
		 percent);
	area = (void *)sys_mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
				0);
	reports = (void *)sys_mmap(0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				   -1, 0);
	if (!tap_ok((long)area > 0 && (long)reports > 0, "map %lu MiB and a report page",
		    size / MiB))
		return tap_done();
	swap_before = proc_counter("/proc/meminfo", "SwapFree");
	fflush(stdout);
	pid = sys_clone(LINUX_SIGCHLD, 0, NULL, 0, NULL);
	if (pid == 0)
		leader(children, percent);
	tap_ok(pid > 0, "fork the leader (%ld)", pid);
	/* Our own copy of the area was never touched: the leader's pages are its own. */
	for (i = 0; i < 3000; i++) {
		for (c = 0; c <= children && reports[c].state; c++)
			;
		if (c > children)
			break;
		sleep_ms(100);
	}
	for (c = 0; c <= children; c++) {
		struct report *r = &reports[c];

		tap_ok(r->state && !r->bad_words,
		       "%s %ld: every word read back right (%ld wrong, first at %#lx)",
		       c ? "child" : "leader", r->pid, r->bad_words, (unsigned long)r->first_bad);
	}
	/* On Loam we are init: the leader and its orphans are all ours to reap. */
	while (loam && sys_wait4(-1, NULL, 0, NULL) > 0)
		waited++;
	if (!loam)
		sys_wait4(pid, NULL, 0, NULL);
	/* Not equal: our own pages may be in swap now (the scenario checks every slot at the end). */
	tap_diag("reaped %d, SwapFree %ld kB before the fork, %ld kB after every exit", waited,
		 swap_before, proc_counter("/proc/meminfo", "SwapFree"));
	if (loam)
		tap_ok(waited == children + 1, "the leader and its %d orphans reaped", children);
	else
		tap_skip("under Linux the orphans go to another reaper", "orphans reaped");
	return tap_done();
}
