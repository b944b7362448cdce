/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the user test programs. */
#ifndef _USER_UTIL_H
#define _USER_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PAGE_SIZE 4096UL
#define MiB (1UL << 20)

/* xorshift64*: seeded, so a failing run can be repeated with its seed. */
void rng_seed(uint64_t seed);
uint64_t rng_next(void);
/* Uniform in [0, n), n > 0. */
uint64_t rng_below(uint64_t n);
/* The seed from argv[1] if given, else @def; printed as a TAP diagnostic. */
uint64_t seed_from_args(int argc, char **argv, uint64_t def);

/*
 * Page patterns: the first and last word of every page get a value derived
 * from @tag and the word's address, so a page that moved, was replaced or
 * was lost reads back wrong. Checking two words instead of 512 keeps the
 * stress programs fast under emulation while still proving the page itself
 * is the one that was written.
 */
void pages_fill(uintptr_t addr, size_t len, uint64_t tag);
/* The address of the first wrong word, or 0 if all match. */
uintptr_t pages_check(uintptr_t addr, size_t len, uint64_t tag);
/* The same words must read zero (fresh or discarded pages). */
uintptr_t pages_check_zero(uintptr_t addr, size_t len);

/*
 * A fresh private anonymous read-write mapping of @pages pages; if mmap
 * fails, the diagnostic and the end of the test (tap_done()'s status).
 */
uintptr_t map_rw(size_t pages);

/* splitmix64's finaliser: every input bit moves every output bit (the stress tests' patterns). */
static inline uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* sysinfo's freeram in bytes. */
unsigned long free_ram(void);
/*
 * free_ram() plus the pages the per-CPU lists hold (/proc/zoneinfo's
 * pagesets "count:"), which freeram leaves out as Linux's does: what a
 * leak check compares when pages freed on another CPU may sit there.
 */
unsigned long free_ram_with_pcp(void);
unsigned long total_ram(void);
/*
 * Whether free memory is this program's alone to judge: it runs as init
 * (pid 1, Loam with one program), so the only other tasks are the kernel's
 * threads (kswapd, kcompactd), which sysinfo's procs counts as Linux's
 * does but which hold no memory a leak check would see. Under Linux
 * (qemu-user) hundreds of other tasks move freeram, so a leak check there
 * means nothing and is skipped.
 */
bool alone(void);
/* The TAP case "no memory leaked": skipped unless alone(). */
void leak_check(const char *what, unsigned long before, unsigned long after, unsigned long slack);

/*
 * The segv-* programs: bad_access_begin() prints the plan and what is about
 * to happen; the access must kill the program (SIGSEGV, exit status 139). If
 * it comes back, bad_access_survived() reports the failure: exit status 1.
 */
void bad_access_begin(const char *what);
int bad_access_survived(const char *what);

/*
 * Run @path with @argv (and this program's environment) in a child made
 * with vfork: the child's pid once it has exec'd, or -errno if there is no
 * child. If the exec fails the child exits with 127, as a shell's does.
 */
int spawn(const char *path, char *const argv[]);

/*
 * fork(): clone(SIGCHLD), what a C library without CLONE_CHILD_* passes,
 * stdout flushed first so that the child does not print the parent's
 * buffered lines again. The child's pid, 0 in the child, or -errno.
 */
long fork_child(void);
/* Reap @pid: its exit status, or -1 if it did not exit normally, -2 if wait4 failed. */
int reap_exit(long pid);
/*
 * A vfork child that exits with @code at once (lib/vfork.S): its pid, or
 * -errno if there is no child. It stays a zombie until it is reaped.
 */
long vfork_exit(int code);
/*
 * A vfork child that checks its soft limit of @resource is @expect_cur, then
 * sets the limit to *@new_lim (@scratch: memory for the check, not on the
 * stack) and exits (lib/vfork.S): 0 if both went as expected, bit 0 set if
 * it started with another limit, bit 1 if setting failed. Its pid, or -errno.
 */
struct linux_rlimit64;
long vfork_rlimit(long resource, unsigned long expect_cur, const struct linux_rlimit64 *new_lim,
		  struct linux_rlimit64 *scratch);
/*
 * Running on Loam (uname's sysname)? Not under Linux's qemu-riscv64, where
 * a program that eats memory would eat the host's, and /bin is the host's.
 */
bool on_loam(void);

/*
 * A number from a /proc file of "name value" lines (/proc/vmstat) or
 * "Name:   value kB" lines (/proc/meminfo: the value in kB); -1 if the file
 * or the line is not there.
 */
long proc_counter(const char *file, const char *name);

#endif /* _USER_UTIL_H */
