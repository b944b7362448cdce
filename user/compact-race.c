// SPDX-License-Identifier: GPL-2.0
/*
 * compact-race [seed] [size (MiB, or 80M; 0 = 9/8 of RAM)] [workers] [rounds]:
 * page migration racing with everything else that touches the same pages.
 *
 * Each worker process has its own share of the size, private anonymous
 * memory, every word a value mixed from its address, the worker and the
 * page's generation, so a word that moved wrong, came from another page or
 * from another writer reads back wrong. In each round a worker goes over its
 * pages in a random order, checks every word and rewrites a quarter of them
 * (a new generation); forks a child that checks every word of its
 * copy-on-write view, rewrites a quarter of the pages with its own key and
 * checks them, while the worker unmaps an eighth of its memory, maps it
 * again and writes it anew. With the size above RAM and a swap disk, pages
 * go out to swap and come back meanwhile. At the end each worker checks
 * every word once more.
 *
 * All the while a compactor process writes 1 to /proc/sys/vm/compact_memory
 * (compact every zone: migrate the pages the workers are touching) and,
 * without swap, sizes the hugetlb pool up and down through
 * /proc/sys/vm/nr_hugepages (order-9 allocations that compact). At the end, /proc/vmstat's
 * compact_isolated and pgmigrate_success must have grown: migration really
 * raced with the rest. The scenario then checks that every page and swap
 * slot came back.
 *
 * Under Linux (qemu-riscv64) the size is 8 MiB and the compactor leaves the
 * host's sysctls alone: only the workers' checks count there.
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

#define DEFAULT_SEED 1
#define DEFAULT_WORKERS 3
#define DEFAULT_ROUNDS 2
#define MAX_WORKERS 8
#define LINUX_SIZE (8 * MiB)
#define WORDS_PER_PAGE (PAGE_SIZE / sizeof(uint64_t))
#define COMPACT_MEMORY "/proc/sys/vm/compact_memory"
#define NR_HUGEPAGES "/proc/sys/vm/nr_hugepages"
#define POOL_EVERY 8 /* compactor rounds between two resizes of the hugetlb pool */
#define CHILD_GEN 0x80 /* a child's rewrites: generations a worker never writes */

/* One process's report, in shared memory. */
struct report {
	volatile long done;
	volatile long bad_words; /* words that read wrong */
	volatile long first_bad; /* the address of the first, or 0 */
	volatile long child_bad; /* children that found a wrong word or died */
	volatile long rounds; /* the compactor's */
	volatile long compact_writes; /* ... and its compact_memory writes that worked */
};

static uint64_t seed;
static unsigned long npages; /* each worker's */
static struct report *reports; /* MAX_WORKERS workers', then the compactor's */
static volatile long *stop;

/* The key of worker @w's generation @gen: who wrote the page, and when. */
static inline uint64_t key_of(int w, unsigned int gen)
{
	return mix(seed ^ ((uint64_t)(w + 1) << 48) ^ ((uint64_t)gen << 32));
}

static inline uint64_t word_value(const uint64_t *p, uint64_t key)
{
	uint64_t v = ((uintptr_t)p ^ key) * 0x9e3779b97f4a7c15ULL;

	return v ^ (v >> 29);
}

static void page_fill(uint64_t *area, unsigned long idx, uint64_t key)
{
	uint64_t *p = area + idx * WORDS_PER_PAGE;
	unsigned long i;

	for (i = 0; i < WORDS_PER_PAGE; i++)
		p[i] = word_value(&p[i], key);
}

/* Check every word of page @idx against @key; count the wrong ones in @r. */
static void page_check(uint64_t *area, unsigned long idx, uint64_t key, struct report *r)
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

static void shuffle(unsigned long *order, unsigned long n)
{
	unsigned long i, j, t;

	for (i = 0; i < n; i++)
		order[i] = i;
	for (i = n - 1; i > 0; i--) {
		j = rng_below(i + 1);
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
}

/*
 * A child of worker @w: check every word of the copy-on-write view, rewrite
 * every fourth page with its own key and check those. Exit status: 0 if all
 * was right, 1 if not.
 */
static void __attribute__((noreturn))
cow_child(int w, uint64_t *area, unsigned char *gen, unsigned int round)
{
	struct report mine = { 0 };
	unsigned long i;

	for (i = 0; i < npages; i++)
		page_check(area, i, key_of(w, gen[i]), &mine);
	for (i = round % 4; i < npages; i += 4)
		page_fill(area, i, key_of(w, CHILD_GEN + round));
	for (i = round % 4; i < npages; i += 4)
		page_check(area, i, key_of(w, CHILD_GEN + round), &mine);
	sys_exit(mine.bad_words ? 1 : 0);
}

/* Unmap an eighth of the memory at a random page, map it again and write it (generation @round). */
static void remap_part(int w, uint64_t *area, unsigned char *gen, unsigned int round)
{
	unsigned long len = npages / 8 ?: 1, start = rng_below(npages - len + 1), i;
	uintptr_t addr = (uintptr_t)(area + start * WORDS_PER_PAGE);
	long r;

	sys_munmap(addr, len * PAGE_SIZE);
	r = sys_mmap(addr, len * PAGE_SIZE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (r != (long)addr) {
		reports[w].bad_words = r < 0 ? r : -1;
		sys_exit(1);
	}
	for (i = start; i < start + len; i++) {
		gen[i] = round;
		page_fill(area, i, key_of(w, round));
	}
}

/* One round: check and rewrite in a random order, a forked child, a part remapped. */
static void worker_round(int w, uint64_t *area, unsigned char *gen, unsigned long *order,
			 unsigned int round)
{
	struct report *r = &reports[w];
	unsigned long i;
	long pid;

	shuffle(order, npages);
	for (i = 0; i < npages; i++) {
		page_check(area, order[i], key_of(w, gen[order[i]]), r);
		if (rng_below(4))
			continue;
		gen[order[i]] = round;
		page_fill(area, order[i], key_of(w, round));
	}
	fflush(stdout);
	pid = sys_clone(LINUX_SIGCHLD, 0, NULL, 0, NULL);
	if (pid == 0)
		cow_child(w, area, gen, round);
	remap_part(w, area, gen, round);
	if (pid < 0 || reap_exit(pid) != 0)
		r->child_bad++;
}

static void __attribute__((noreturn)) worker(int w, int rounds)
{
	uint64_t *area = (void *)sys_mmap(0, npages * PAGE_SIZE, PROT_READ | PROT_WRITE,
					  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *gen = calloc(npages, 1);
	unsigned long *order = malloc(npages * sizeof(*order)), i;
	struct report *r = &reports[w];
	int round;

	rng_seed(seed * 31 + w);
	if ((long)area < 0 || !gen || !order) {
		r->bad_words = -1;
		r->done = 1;
		sys_exit(1);
	}
	for (i = 0; i < npages; i++)
		page_fill(area, i, key_of(w, 0));
	for (round = 1; round <= rounds; round++) {
		worker_round(w, area, gen, order, round);
		tap_diag("worker %d: round %d done", w, round);
	}
	for (i = 0; i < npages; i++)
		page_check(area, i, key_of(w, gen[i]), r);
	__atomic_store_n(&r->done, 1, __ATOMIC_RELEASE);
	sys_exit(0);
}

static long write_sysctl(const char *path, const char *val)
{
	long fd = sys_openat(AT_FDCWD, path, O_WRONLY, 0), r;

	if (fd < 0)
		return fd;
	r = write_all(fd, val, strlen(val));
	sys_close(fd);
	return r;
}

static void sleep_ms(long ms)
{
	struct linux_timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	sys_nanosleep(&ts, NULL);
}

/*
 * Compact, and without swap size the hugetlb pool up and down, until the
 * workers are done (Loam only). Under swap pressure each order-9 request
 * reclaims megabytes in rounds before it gives up: there compact_memory
 * alone races with the workers, swap-out and swap-in.
 */
static void __attribute__((noreturn)) compactor(bool loam)
{
	struct report *r = &reports[MAX_WORKERS];
	bool pool = loam && proc_counter("/proc/meminfo", "SwapTotal") == 0;

	while (!__atomic_load_n(stop, __ATOMIC_ACQUIRE)) {
		if (loam && !write_sysctl(COMPACT_MEMORY, "1\n"))
			r->compact_writes++;
		/* Now and then only: each resize takes the compaction of 4 MiB. */
		if (pool && r->rounds % POOL_EVERY == 0)
			write_sysctl(NR_HUGEPAGES, r->rounds % (2 * POOL_EVERY) ? "0\n" : "2\n");
		r->rounds++;
		sleep_ms(20);
	}
	if (pool)
		write_sysctl(NR_HUGEPAGES, "0\n");
	r->done = 1;
	sys_exit(0);
}

static long fork_to(void (*fn)(int, int), int a, int b)
{
	long pid = fork_child();

	if (pid == 0)
		fn(a, b);
	return pid;
}

static void compactor_entry(int loam, int unused)
{
	compactor(loam);
}

/* compact_isolated and pgmigrate_success grew: migration raced with the workers. */
static void check_counters(bool loam, long isolated0, long migrated0)
{
	long isolated = proc_counter("/proc/vmstat", "compact_isolated");
	long migrated = proc_counter("/proc/vmstat", "pgmigrate_success");
	const char *why;

	tap_diag("compact_isolated %ld -> %ld, pgmigrate_success %ld -> %ld, pgmigrate_fail %ld",
		 isolated0, isolated, migrated0, migrated,
		 proc_counter("/proc/vmstat", "pgmigrate_fail"));
	if (!loam || !reports[MAX_WORKERS].compact_writes) {
		why = loam ? "no compaction (compact_memory not written)" :
			     "Linux: the host's counters";
		tap_skip(why, "compact_isolated grew");
		tap_skip(why, "pgmigrate_success grew");
		return;
	}
	tap_ok(isolated > isolated0 && isolated0 >= 0, "compact_isolated grew by %ld",
	       isolated - isolated0);
	tap_ok(migrated > migrated0 && migrated0 >= 0, "pgmigrate_success grew by %ld",
	       migrated - migrated0);
}

static unsigned long default_size(bool loam)
{
	return loam ? total_ram() / 8 * 9 : LINUX_SIZE;
}

int main(int argc, char **argv)
{
	bool loam = on_loam();
	unsigned long size = argc > 2 ? size_arg(argv[2]) : 0;
	int workers = argc > 3 ? atoi(argv[3]) : DEFAULT_WORKERS;
	int rounds = argc > 4 ? atoi(argv[4]) : DEFAULT_ROUNDS, w;
	long pids[MAX_WORKERS], cpid, isolated0, migrated0;

	if (workers < 1 || workers > MAX_WORKERS)
		workers = DEFAULT_WORKERS;
	tap_plan(1 + workers + 3);
	seed = seed_from_args(argc, argv, DEFAULT_SEED);
	size = size ? size : default_size(loam);
	npages = size / PAGE_SIZE / workers;
	tap_diag("%lu MiB in %d workers, %d rounds", size / MiB, workers, rounds);
	reports = (void *)sys_mmap(0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				   -1, 0);
	if (!tap_ok((long)reports > 0, "a shared report page"))
		return tap_done();
	stop = &reports[MAX_WORKERS + 1].done;
	isolated0 = proc_counter("/proc/vmstat", "compact_isolated");
	migrated0 = proc_counter("/proc/vmstat", "pgmigrate_success");
	cpid = fork_to(compactor_entry, loam, 0);
	for (w = 0; w < workers; w++)
		pids[w] = fork_to(worker, w, rounds);
	for (w = 0; w < workers; w++) {
		struct report *r = &reports[w];
		int status = pids[w] > 0 ? reap_exit(pids[w]) : -1;

		tap_ok(!status && r->done && !r->bad_words && !r->child_bad,
		       "worker %d: every word read back right (%ld wrong, first at %#lx; %ld children"
		       " wrong)",
		       w, r->bad_words, (unsigned long)r->first_bad, r->child_bad);
	}
	__atomic_store_n(stop, 1, __ATOMIC_RELEASE);
	tap_ok(cpid > 0 && reap_exit(cpid) == 0 && reports[MAX_WORKERS].rounds > 0,
	       "the compactor ran %ld rounds, %ld compact_memory writes",
	       reports[MAX_WORKERS].rounds, reports[MAX_WORKERS].compact_writes);
	check_counters(loam, isolated0, migrated0);
	return tap_done();
}
