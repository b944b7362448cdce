// SPDX-License-Identifier: GPL-2.0
/*
 * fork-cow: fork() with copy-on-write, as Linux's clone(SIGCHLD) makes it.
 *
 * A child gets a copy of the address space: every word of memory the parent
 * wrote reads the same in the child, and from then on neither sees the
 * other's writes (each word checked, both ways, while both run). Zero pages
 * stay zero; shared anonymous memory stays shared; MADV_DONTFORK leaves a
 * hole in the child, MADV_WIPEONFORK zeroes. wait4() reports each child's
 * status; grandchildren outlive their parent and still see their copy; a
 * child whose parent writes first, and one that writes first, both keep
 * their own data; glibc's fork() flags (CLONE_CHILD_SETTID | _CLEARTID)
 * write the child's tid in the child only. Many rounds of fork and exit
 * leave no memory behind.
 *
 * Children report through their exit status (0: all well, else the number
 * of the check that failed) or a shared page, never through stdout.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/wait.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define AREA_PAGES 256 /* 1 MiB */
#define WORDS_PER_PAGE (PAGE_SIZE / sizeof(uint64_t))
#define LEAK_ROUNDS 40

static uint64_t *area;

static inline uint64_t word_value(const uint64_t *p, uint64_t tag)
{
	uint64_t v = ((uintptr_t)p ^ tag) * 0x9e3779b97f4a7c15ULL;

	return v ^ (v >> 29);
}

static void fill(uint64_t *p, unsigned long words, uint64_t tag)
{
	unsigned long i;

	for (i = 0; i < words; i++)
		p[i] = word_value(&p[i], tag);
}

/* The number of words that do not read as @tag wrote them (tag 0: zero). */
static unsigned long check(const uint64_t *p, unsigned long words, uint64_t tag)
{
	unsigned long i, bad = 0;

	for (i = 0; i < words; i++)
		bad += p[i] != (tag ? word_value(&p[i], tag) : 0);
	return bad;
}

static void *map(unsigned long len, int flags)
{
	long r = sys_mmap(0, len, PROT_READ | PROT_WRITE, flags, -1, 0);

	return r < 0 ? NULL : (void *)r;
}

static void sleep_ms(long ms)
{
	struct linux_timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	sys_nanosleep(&ts, NULL);
}

/* The child sees the parent's data, writes its own, and neither sees the other's. */
static void test_isolation(void)
{
	unsigned long words = AREA_PAGES * WORDS_PER_PAGE;
	long pid, me = sys_getpid();

	fill(area, words, 1);
	pid = fork_child();
	if (pid == 0) {
		if (sys_getppid() != me)
			sys_exit(1);
		if (check(area, words, 1))
			sys_exit(2);
		fill(area, words, 2);
		sleep_ms(20); /* the parent writes meanwhile */
		sys_exit(check(area, words, 2) ? 3 : 0);
	}
	tap_ok(pid > 0, "fork returns the child's pid (%ld)", pid);
	/* Half the pages written by the parent while the child writes all of them. */
	fill(area, words / 2, 3);
	tap_ok(reap_exit(pid) == 0, "child: sees the parent's data, then only its own writes");
	tap_ok(!check(area, words / 2, 3) && !check(area + words / 2, words / 2, 1),
	       "parent: sees its own writes and none of the child's (every word)");
}

/* Pages read as zero (the zero page) and never-touched pages: zero in both, written apart. */
static void test_zero_pages(void)
{
	unsigned long words = AREA_PAGES * WORDS_PER_PAGE;
	uint64_t *z = map(AREA_PAGES * PAGE_SIZE, MAP_PRIVATE | MAP_ANONYMOUS);
	unsigned long i, sum = 0;
	long pid;

	for (i = 0; z && i < AREA_PAGES / 2; i++)
		sum += z[i * WORDS_PER_PAGE]; /* maps the zero page under half of them */
	pid = z ? fork_child() : -1;
	if (pid == 0) {
		if (check(z, words, 0))
			sys_exit(1);
		fill(z, words, 4);
		sys_exit(check(z, words, 4) ? 2 : 0);
	}
	tap_ok(z && !sum && reap_exit(pid) == 0, "child: zero pages read zero, then its writes");
	tap_ok(z && !check(z, words, 0), "parent: still all zero after the child wrote");
	if (z)
		sys_munmap((uintptr_t)z, AREA_PAGES * PAGE_SIZE);
}

/* MAP_SHARED | MAP_ANONYMOUS stays shared; MADV_DONTFORK and MADV_WIPEONFORK. */
static void test_shared_and_advice(void)
{
	uint64_t *shared = map(PAGE_SIZE, MAP_SHARED | MAP_ANONYMOUS);
	uint64_t *wipe = map(PAGE_SIZE, MAP_PRIVATE | MAP_ANONYMOUS);
	long pid, r1 = -1, r2 = -1;

	if (!shared || !wipe) {
		tap_ok(false, "map the shared and the wiped page");
		return;
	}
	fill(wipe, WORDS_PER_PAGE, 5);
	shared[0] = 1;
	r1 = sys_madvise((uintptr_t)wipe, PAGE_SIZE, MADV_WIPEONFORK);
	pid = fork_child();
	if (pid == 0) {
		shared[0] = 2;
		sys_exit(check(wipe, WORDS_PER_PAGE, 0) ? 1 : 0);
	}
	r2 = reap_exit(pid);
	tap_ok(shared[0] == 2, "MAP_SHARED|MAP_ANONYMOUS: the child's write is the parent's");
	tap_ok(!r1 && r2 == 0 && !check(wipe, WORDS_PER_PAGE, 5),
	       "MADV_WIPEONFORK: zero in the child, the parent's data kept (child %ld)", r2);
	sys_munmap((uintptr_t)shared, PAGE_SIZE);
	sys_munmap((uintptr_t)wipe, PAGE_SIZE);
}

/* MADV_DONTFORK: the child has no mapping there, and a touch kills it with SIGSEGV. */
static void test_dontfork(void)
{
	uint64_t *p = map(PAGE_SIZE, MAP_PRIVATE | MAP_ANONYMOUS);
	long pid, r = p ? sys_madvise((uintptr_t)p, PAGE_SIZE, MADV_DONTFORK) : -1;
	int status = 0;

	if (p)
		p[0] = 6;
	pid = p ? fork_child() : -1;
	if (pid == 0) {
		*(volatile uint64_t *)p = 7; /* no mapping here: SIGSEGV */
		sys_exit(0);
	}
	if (pid > 0)
		sys_wait4(pid, &status, 0, NULL);
	tap_ok(!r && WIFSIGNALED(status) && WTERMSIG(status) == 11 && p[0] == 6,
	       "MADV_DONTFORK: the child dies of SIGSEGV at it (status 0x%x)", status);
	if (p)
		sys_munmap((uintptr_t)p, PAGE_SIZE);
}

/*
 * A grandchild outlives its parent: the child forks it and exits at once;
 * the grandchild checks its copy after that and reports in a shared page.
 */
static void test_grandchild(void)
{
	unsigned long words = AREA_PAGES * WORDS_PER_PAGE;
	volatile uint64_t *report = map(PAGE_SIZE, MAP_SHARED | MAP_ANONYMOUS);
	long pid, i;

	if (!report) {
		tap_ok(false, "map the report page");
		return;
	}
	fill(area, words, 8);
	pid = fork_child();
	if (pid == 0) {
		fill(area, words / 2, 9);
		if (fork_child() == 0) {
			sleep_ms(30); /* its parent is gone by then */
			report[0] = (!check(area, words / 2, 9) &&
				     !check(area + words / 2, words / 2, 8)) ?
					    1 :
					    2;
			fill(area, words, 10);
			report[1] = check(area, words, 10) ? 2 : 1;
			sys_exit(0);
		}
		sys_exit(0);
	}
	tap_ok(reap_exit(pid) == 0, "child forks a grandchild and exits");
	for (i = 0; i < 500 && !report[1]; i++)
		sleep_ms(10);
	tap_ok(report[0] == 1 && report[1] == 1,
	       "grandchild, orphaned: sees its parent's copy, then its own writes (%lu, %lu)",
	       (unsigned long)report[0], (unsigned long)report[1]);
	tap_ok(!check(area, words, 8), "parent: untouched by child and grandchild (every word)");
	/* On Loam the test is init: the orphan is ours to reap (Linux: another reaper's). */
	if (on_loam())
		tap_ok(sys_wait4(-1, NULL, 0, NULL) > 0,
		       "the orphaned grandchild is reaped by init");
	else
		tap_skip("under Linux the orphan goes to another reaper", "orphan reaped by init");
	sys_munmap((uintptr_t)report, PAGE_SIZE);
}

/* glibc's fork(): clone(CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD, child_tid). */
static void test_child_settid(void)
{
	static int tid;
	long pid;

	tid = -1;
	fflush(stdout);
	pid = sys_clone(CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | LINUX_SIGCHLD, 0, NULL, 0,
			&tid);
	if (pid == 0)
		sys_exit(tid == sys_gettid() ? 0 : 1);
	tap_ok(pid > 0 && reap_exit(pid) == 0 && tid == -1,
	       "CLONE_CHILD_SETTID: the child's tid in the child's memory, not the parent's");
}

/* Fork and exit, again and again: every page and table comes back. */
static void test_no_leak(void)
{
	unsigned long words = AREA_PAGES * WORDS_PER_PAGE, before, after;
	int i, bad = 0;

	/* One round first: whatever is allocated once (slabs, tables) is there. */
	for (i = 0; i <= LEAK_ROUNDS; i++) {
		long pid = fork_child();

		if (pid == 0) {
			fill(area, words / 4, 11 + i);
			sys_exit(0);
		}
		bad += reap_exit(pid) != 0;
		if (i == 0)
			before = free_ram_with_pcp();
	}
	/* The last child, reaped, may still be leaving its hart with its stack and tables. */
	sys_nanosleep(&(struct linux_timespec){ .tv_nsec = 20000000 }, NULL);
	after = free_ram_with_pcp();
	tap_ok(!bad, "%d rounds of fork, write a quarter, exit", LEAK_ROUNDS);
	leak_check("fork and exit", before, after, 16 * PAGE_SIZE);
}

int main(void)
{
	tap_plan(15);
	area = map(AREA_PAGES * PAGE_SIZE, MAP_PRIVATE | MAP_ANONYMOUS);
	if (!area) {
		tap_ok(false, "map the test area");
		return tap_done();
	}
	test_isolation();
	test_zero_pages();
	test_shared_and_advice();
	test_dontfork();
	test_grandchild();
	test_child_settid();
	test_no_leak();
	return tap_done();
}
