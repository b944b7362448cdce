// SPDX-License-Identifier: GPL-2.0
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../syscall.h"
#include "tap.h"
#include "util.h"

static uint64_t rng_state = 1;

uintptr_t map_rw(size_t pages)
{
	long r = sys_mmap(0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);

	if (SYS_ERR(r)) {
		tap_diag("mmap of %zu pages: %ld", pages, r);
		sys_exit_group(tap_done() | 1);
	}
	return r;
}

void rng_seed(uint64_t seed)
{
	/* xorshift never leaves 0. */
	rng_state = seed ? seed : 0x9e3779b97f4a7c15ULL;
}

uint64_t rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

uint64_t rng_below(uint64_t n)
{
	return rng_next() % n;
}

uint64_t seed_from_args(int argc, char **argv, uint64_t def)
{
	uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : def;

	tap_diag("seed %llu (pass another as the first argument)", (unsigned long long)seed);
	rng_seed(seed);
	return seed;
}

static uint64_t pattern(uintptr_t where, uint64_t tag)
{
	return (where * 0x9e3779b97f4a7c15ULL) ^ tag;
}

void pages_fill(uintptr_t addr, size_t len, uint64_t tag)
{
	uintptr_t p, last;

	for (p = addr; p < addr + len; p += PAGE_SIZE) {
		last = p + PAGE_SIZE - sizeof(uint64_t);
		*(volatile uint64_t *)p = pattern(p, tag);
		*(volatile uint64_t *)last = pattern(last, tag);
	}
}

uintptr_t pages_check(uintptr_t addr, size_t len, uint64_t tag)
{
	uintptr_t p, last;

	for (p = addr; p < addr + len; p += PAGE_SIZE) {
		last = p + PAGE_SIZE - sizeof(uint64_t);
		if (*(volatile uint64_t *)p != pattern(p, tag))
			return p;
		if (*(volatile uint64_t *)last != pattern(last, tag))
			return last;
	}
	return 0;
}

uintptr_t pages_check_zero(uintptr_t addr, size_t len)
{
	uintptr_t p, last;

	for (p = addr; p < addr + len; p += PAGE_SIZE) {
		last = p + PAGE_SIZE - sizeof(uint64_t);
		if (*(volatile uint64_t *)p)
			return p;
		if (*(volatile uint64_t *)last)
			return last;
	}
	return 0;
}

static void sysinfo_or_die(struct linux_sysinfo *si)
{
	long r = sys_sysinfo(si);

	if (r) {
		tap_diag("sysinfo failed: %ld", r);
		exit(1);
	}
}

unsigned long free_ram(void)
{
	struct linux_sysinfo si;

	sysinfo_or_die(&si);
	return si.freeram * si.mem_unit;
}

unsigned long free_ram_with_pcp(void)
{
	static char text[16384];
	long fd = sys_openat(AT_FDCWD, "/proc/zoneinfo", O_RDONLY, 0), r;
	unsigned long pages = 0, len = 0;
	const char *p;

	if (fd < 0)
		return free_ram();
	while (len < sizeof(text) - 1 && (r = sys_read(fd, text + len, sizeof(text) - 1 - len)) > 0)
		len += r;
	sys_close(fd);
	text[len] = 0;
	for (p = text; (p = strstr(p, "count:")); p += 6)
		pages += strtoul(p + 6, NULL, 10);
	return free_ram() + pages * PAGE_SIZE;
}

unsigned long total_ram(void)
{
	struct linux_sysinfo si;

	sysinfo_or_die(&si);
	return si.totalram * si.mem_unit;
}

bool alone(void)
{
	return sys_getpid() == 1;
}

void leak_check(const char *what, unsigned long before, unsigned long after, unsigned long slack)
{
	long lost = (long)(before - after);

	tap_diag("%s: free memory %lu KiB before, %lu KiB after (%+ld KiB)", what, before >> 10,
		 after >> 10, -lost / 1024);
	if (!alone()) {
		tap_skip("other processes share free memory", "%s: nothing leaked", what);
		return;
	}
	tap_ok(lost <= (long)slack, "%s: nothing leaked (%ld KiB lost, %lu KiB allowed)", what,
	       lost / 1024, slack >> 10);
}

void bad_access_begin(const char *what)
{
	tap_plan(1);
	tap_diag("%s: this must kill the program with SIGSEGV", what);
}

int bad_access_survived(const char *what)
{
	tap_ok(false, "%s: still alive", what);
	return tap_done();
}

extern char **environ;
long vfork_exec(const char *path, char *const argv[], char *const envp[]);

bool on_loam(void)
{
	struct linux_utsname u;

	return !sys_uname(&u) && !strcmp(u.sysname, "Loam");
}

int spawn(const char *path, char *const argv[])
{
	return vfork_exec(path, argv, environ);
}

long proc_counter(const char *file, const char *name)
{
	static char buf[16384];
	size_t len = 0, n = strlen(name);
	long fd = sys_openat(AT_FDCWD, file, O_RDONLY | O_CLOEXEC, 0), r;
	char *line;

	if (fd < 0)
		return -1;
	while (len < sizeof(buf) - 1 && (r = sys_read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += r;
	sys_close(fd);
	buf[len] = '\0';
	for (line = buf; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL)
		if (!strncmp(line, name, n) && (line[n] == ' ' || line[n] == ':'))
			return strtol(line + n + 1, NULL, 10);
	return -1;
}

long fork_child(void)
{
	fflush(stdout);
	return sys_clone(LINUX_SIGCHLD, 0, NULL, 0, NULL);
}

int reap_exit(long pid)
{
	int status;

	if (sys_wait4(pid, &status, 0, NULL) != pid)
		return -2;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
