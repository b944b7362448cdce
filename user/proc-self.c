// SPDX-License-Identifier: GPL-2.0
/*
 * proc-self: /proc/self/maps, smaps and pagemap describe this process's own
 * mappings as Linux's fs/proc/task_mmu.c does (Documentation/filesystems/
 * proc.rst, admin-guide/mm/pagemap.rst): a mapping's line, its split by
 * mprotect, shared anonymous memory as "/dev/zero (deleted)", [stack] and
 * [heap]; smaps' Size, Rss, Private_Dirty, Anonymous and VmFlags as pages
 * are written (the shared zero page is no one's Rss); pagemap's present,
 * exclusive and file bits and its errors. Under qemu-user, maps is qemu's
 * own rendering and smaps and pagemap are the host's, which map guest
 * memory at the same addresses: every check holds there too.
 *
 * /proc/self/status and /proc/PID/status (Linux's fs/proc/array.c): the
 * lines in Linux's order, Pid and PPid, VmLck after mlock and munmap, SigBlk
 * after sigprocmask, SigCgt after sigaction, voluntary switches after a
 * sleep, a forked child's status sleeping, then a zombie, then gone
 * (-ENOENT); on Loam also VmRSS and RssAnon growing by exactly the pages
 * touched and VmHWM keeping the peak after munmap. Under qemu-user the
 * file is the host's, for the qemu process: its name and threads are
 * qemu's (tests/run lists them), and its RSS moves with qemu's own
 * mappings, which outlive the guest's munmap, and Linux 6.2+ reads it
 * from per-CPU counters, approximately.
 *
 * With an argument N (booted with more than RAM of swap): N MiB written, more
 * than RAM, then every page of it is either present or swapped in pagemap
 * (swap entries: the swap bit, no present bit), smaps' Rss + Swap cover the
 * mapping and SwapPss = Swap (no slot shared), and status' VmSwap is not 0.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../include/uapi/signal.h"
#include "../include/uapi/unistd.h"
#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define NR_pread64 67
#define NR_pwrite64 68
#define MAP_PAGES 4
#define PM_PRESENT (1ULL << 63)
#define PM_SWAP (1ULL << 62)
#define PM_FILE (1ULL << 61)
#define PM_MMAP_EXCLUSIVE (1ULL << 56)
#define PM_PFRAME_MASK ((1ULL << 55) - 1)

static char text[65536];

/* All of @path into text[]; its length, or -errno. */
static long slurp(const char *path)
{
	long fd = sys_openat(AT_FDCWD, path, O_RDONLY, 0), r;
	size_t len = 0;

	if (fd < 0)
		return fd;
	while (len < sizeof(text) - 1 && (r = sys_read(fd, text + len, sizeof(text) - 1 - len)) > 0)
		len += r;
	sys_close(fd);
	text[len] = '\0';
	return len;
}

/* The maps/smaps line of the VMA starting at @start (in text[]), or NULL. */
static char *vma_line(unsigned long start)
{
	char prefix[32];
	char *p = text;
	size_t n = snprintf(prefix, sizeof(prefix), "%lx-", start);

	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		/* Linux pads to 8 digits; qemu-user does not: skip leading zeros. */
		char *q = p;

		while (*q == '0' && q[1] != '-')
			q++;
		if (!strncmp(q, prefix, n))
			return p;
	}
	return NULL;
}

/* The fields of a maps line: "start-end perms offset major:minor inode [name]". */
struct maps_line {
	unsigned long start, end, offset, inode;
	unsigned int major, minor;
	char perms[5], name[64];
};

static bool parse_line(const char *line, struct maps_line *m)
{
	int used = 0;

	if (!line || sscanf(line, "%lx-%lx %4s %lx %x:%x %lu%n", &m->start, &m->end, m->perms,
			    &m->offset, &m->major, &m->minor, &m->inode, &used) < 7)
		return false;
	line += used;
	while (*line == ' ')
		line++;
	m->name[0] = '\0';
	sscanf(line, "%63[^\n]", m->name);
	return true;
}

/* The maps line of the VMA starting at @start, re-read from /proc/self/maps. */
static bool maps_of(unsigned long start, struct maps_line *m)
{
	return slurp("/proc/self/maps") > 0 && parse_line(vma_line(start), m);
}

/* The maps line of the VMA that holds @addr. */
static bool maps_holding(unsigned long addr, struct maps_line *m)
{
	char *p = text;

	if (slurp("/proc/self/maps") <= 0)
		return false;
	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (parse_line(p, m) && m->start <= addr && addr < m->end)
			return true;
	return false;
}

/* The value of @field ("Rss:") in the smaps block (in text[]) of the VMA starting at @start. */
static long field_kb(unsigned long start, const char *field)
{
	char *p = vma_line(start), *end;

	if (!p)
		return -1;
	end = strstr(p + 1, "VmFlags:");
	p = strstr(p, field);
	if (!p || !end || p > end)
		return -1;
	return strtol(p + strlen(field), NULL, 10);
}

/* The same from /proc/self/smaps read now; -1 if none. */
static long smaps_kb(unsigned long start, const char *field)
{
	return slurp("/proc/self/smaps") > 0 ? field_kb(start, field) : -1;
}

/* The VmFlags line (after "VmFlags: ") of the VMA starting at @start. */
static bool smaps_vmflags(unsigned long start, char *out, size_t size)
{
	char *p;

	if (slurp("/proc/self/smaps") <= 0 || !(p = vma_line(start)) ||
	    !(p = strstr(p, "VmFlags: ")))
		return false;
	snprintf(out, size, "%.*s", (int)strcspn(p + 9, "\n"), p + 9);
	return true;
}

/* The number after @field ("VmRSS:") in @path, a status file, in @base; -1 if none. */
static long status_field(const char *path, const char *field, int base)
{
	size_t n = strlen(field);
	char *p;

	if (slurp(path) <= 0)
		return -1;
	for (p = text; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, field, n))
			return strtol(p + n, NULL, base);
	return -1;
}

static long self_status(const char *field)
{
	return status_field("/proc/self/status", field, 10);
}

/* The text after "@field\t" in /proc/self/status (up to the line's end) into @out. */
static bool status_text(const char *path, const char *field, char *out, size_t size)
{
	char *p = slurp(path) > 0 ? strstr(text, field) : NULL;

	if (!p)
		return false;
	p += strlen(field);
	p += *p == '\t';
	snprintf(out, size, "%.*s", (int)strcspn(p, "\n"), p);
	return true;
}

/* Linux 6.12's proc_pid_status() lines, in order (riscv64, with hugetlb, seccomp, cpusets). */
static const char *const status_lines[] = {
	"Name:",
	"Umask:",
	"State:",
	"Tgid:",
	"Ngid:",
	"Pid:",
	"PPid:",
	"TracerPid:",
	"Uid:",
	"Gid:",
	"FDSize:",
	"Groups:",
	"NStgid:",
	"NSpid:",
	"NSpgid:",
	"NSsid:",
	"Kthread:",
	"VmPeak:",
	"VmSize:",
	"VmLck:",
	"VmPin:",
	"VmHWM:",
	"VmRSS:",
	"RssAnon:",
	"RssFile:",
	"RssShmem:",
	"VmData:",
	"VmStk:",
	"VmExe:",
	"VmLib:",
	"VmPTE:",
	"VmSwap:",
	"HugetlbPages:",
	"CoreDumping:",
	"THP_enabled:",
	"untag_mask:",
	"Threads:",
	"SigQ:",
	"SigPnd:",
	"ShdPnd:",
	"SigBlk:",
	"SigIgn:",
	"SigCgt:",
	"CapInh:",
	"CapPrm:",
	"CapEff:",
	"CapBnd:",
	"CapAmb:",
	"NoNewPrivs:",
	"Seccomp:",
	"Seccomp_filters:",
	"Speculation_Store_Bypass:",
	"SpeculationIndirectBranch:",
	"Cpus_allowed:",
	"Cpus_allowed_list:",
	"Mems_allowed:",
	"Mems_allowed_list:",
	"voluntary_ctxt_switches:",
	"nonvoluntary_ctxt_switches:",
};

/* Do the lines of text[] (a status file) start with status_lines[], in order? */
static bool status_in_order(void)
{
	const char *p = text;
	size_t i;

	for (i = 0; i < sizeof(status_lines) / sizeof(status_lines[0]); i++) {
		if (strncmp(p, status_lines[i], strlen(status_lines[i])) || !(p = strchr(p, '\n')))
			return false;
		p++;
	}
	return !*p;
}

static long pread64(long fd, void *buf, long count, long pos)
{
	return syscall6(NR_pread64, fd, (long)buf, count, pos, 0, 0);
}

static uint64_t pagemap_entry(long fd, unsigned long addr)
{
	uint64_t e = ~0ULL;

	if (pread64(fd, &e, sizeof(e), addr / PAGE_SIZE * sizeof(e)) != sizeof(e))
		return ~0ULL;
	return e;
}

static void maps_checks(unsigned long map)
{
	struct maps_line m;
	char local;
	unsigned long shared, brk;

	tap_ok(maps_of(map, &m) && m.end == map + MAP_PAGES * PAGE_SIZE &&
		       !strcmp(m.perms, "rw-p") && !m.offset && !m.major && !m.minor && !m.inode &&
		       !m.name[0],
	       "maps: the mapping's line: rw-p, offset 0, 00:00, inode 0, no name");
	sys_mprotect(map + PAGE_SIZE, PAGE_SIZE, PROT_READ);
	tap_ok(maps_of(map, &m) && m.end == map + PAGE_SIZE && !strcmp(m.perms, "rw-p") &&
		       maps_of(map + PAGE_SIZE, &m) && m.end == map + 2 * PAGE_SIZE &&
		       !strcmp(m.perms, "r--p") && maps_of(map + 2 * PAGE_SIZE, &m) &&
		       m.end == map + MAP_PAGES * PAGE_SIZE && !strcmp(m.perms, "rw-p"),
	       "maps: mprotect of its second page splits it in three lines, rw-p r--p rw-p");
	sys_mprotect(map + PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE);
	tap_ok(maps_of(map, &m) && m.end == map + MAP_PAGES * PAGE_SIZE,
	       "maps: mprotect back: one line again");
	shared = sys_mmap(0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	tap_ok(!SYS_ERR(shared) && maps_of(shared, &m) && !strcmp(m.perms, "rw-s") &&
		       !strcmp(m.name, "/dev/zero (deleted)"),
	       "maps: shared anonymous memory: rw-s, /dev/zero (deleted) (%s)", m.name);
	if (!SYS_ERR(shared))
		sys_munmap(shared, PAGE_SIZE);
	tap_ok(maps_holding((unsigned long)&local, &m) && !strcmp(m.name, "[stack]"),
	       "maps: the VMA holding a local variable is [stack] (%s)", m.name);
	brk = sys_brk(0);
	sys_brk(brk + PAGE_SIZE);
	tap_ok(maps_holding(brk, &m) && !strcmp(m.name, "[heap]"),
	       "maps: the VMA holding the grown break is [heap] (%s)", m.name);
	sys_brk(brk);
}

static void smaps_checks(unsigned long map)
{
	char flags[128] = "";

	tap_ok(smaps_kb(map, "Size:") == MAP_PAGES * 4 && smaps_kb(map, "KernelPageSize:") == 4,
	       "smaps: Size 16 kB, KernelPageSize 4 kB");
	tap_ok(smaps_kb(map, "Rss:") == 0, "smaps: Rss 0 kB before a page is touched");
	*(volatile char *)map = 1;
	*(volatile char *)(map + 2 * PAGE_SIZE) = 1;
	tap_ok(smaps_kb(map, "Rss:") == 8 && smaps_kb(map, "Private_Dirty:") == 8 &&
		       smaps_kb(map, "Anonymous:") == 8 && smaps_kb(map, "Pss:") == 8 &&
		       smaps_kb(map, "Swap:") == 0,
	       "smaps: two pages written: Rss, Pss, Private_Dirty, Anonymous 8 kB, Swap 0");
	(void)*(volatile char *)(map + 3 * PAGE_SIZE);
	tap_ok(smaps_kb(map, "Rss:") == 8,
	       "smaps: a page only read (the zero page) is no one's Rss");
	tap_ok(smaps_vmflags(map, flags, sizeof(flags)) && !strcmp(flags, "rd wr mr mw me ac "),
	       "smaps: VmFlags of a private writable mapping: rd wr mr mw me ac (%s)", flags);
}

static void pagemap_checks(unsigned long map)
{
	long fd = sys_openat(AT_FDCWD, "/proc/self/pagemap", O_RDONLY, 0);
	unsigned long shared;
	uint64_t e, e1, e3;

	tap_ok(fd >= 0, "open /proc/self/pagemap: %ld", fd);
	e = pagemap_entry(fd, map);
	tap_ok((e & PM_PRESENT) && (e & PM_MMAP_EXCLUSIVE) && !(e & PM_FILE) &&
		       (e & PM_PFRAME_MASK),
	       "pagemap: a written page: present, exclusive, anonymous, a PFN (%#llx)",
	       (unsigned long long)e);
	e1 = pagemap_entry(fd, map + PAGE_SIZE);
	tap_ok(e1 == 0, "pagemap: a page never touched: 0 (%#llx)", (unsigned long long)e1);
	e3 = pagemap_entry(fd, map + 3 * PAGE_SIZE);
	tap_ok((e3 & PM_PRESENT) && !(e3 & (PM_MMAP_EXCLUSIVE | PM_FILE)),
	       "pagemap: a page only read (the zero page): present, no page flags (%#llx)",
	       (unsigned long long)e3);
	sys_madvise(map, PAGE_SIZE, MADV_DONTNEED);
	e = pagemap_entry(fd, map);
	tap_ok(e == 0, "pagemap: after MADV_DONTNEED: 0 (%#llx)", (unsigned long long)e);
	shared = sys_mmap(0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!SYS_ERR(shared))
		*(volatile char *)shared = 1;
	e = SYS_ERR(shared) ? 0 : pagemap_entry(fd, shared);
	tap_ok((e & PM_PRESENT) && (e & PM_FILE) && (e & PM_MMAP_EXCLUSIVE),
	       "pagemap: a written shared anonymous page: present, file (shmem), exclusive (%#llx)",
	       (unsigned long long)e);
	if (!SYS_ERR(shared))
		sys_munmap(shared, PAGE_SIZE);
	tap_ok(pread64(fd, &e, 8, 3) == -EINVAL && pread64(fd, &e, 7, 0) == -EINVAL,
	       "pagemap: an unaligned offset or count: -EINVAL");
	tap_ok(pread64(fd, &e, 8, 1L << 60) == 0, "pagemap: beyond user space: 0 (end of file)");
	tap_ok(sys_lseek(fd, 0, SEEK_END) == -EINVAL, "pagemap: lseek SEEK_END: -EINVAL");
	sys_close(fd);
}

static void on_signal(int sig)
{
}

static long pwrite64(long fd, const void *buf, long count, long pos)
{
	return syscall6(NR_pwrite64, fd, (long)buf, count, pos, 0, 0);
}

static volatile unsigned long segv_page;
static volatile int segv_count;
static volatile char segv_seen;

/*
 * The store into segv_page faulted: note what the page held then, and make
 * it writable so that the store, restarted, completes.
 */
static void on_segv(int sig)
{
	segv_count++;
	segv_seen = *(volatile char *)segv_page;
	sys_mprotect(segv_page, PAGE_SIZE, PROT_READ | PROT_WRITE);
}

/* Store @val at @page (mapped PROT_READ): did it fault, and what was there then? */
static bool store_faults(unsigned long page, char val, char *seen)
{
	struct sigaction sa = { .sa_handler = on_segv };
	struct sigaction old;

	segv_page = page;
	segv_count = 0;
	syscall6(__NR_rt_sigaction, SIGSEGV, (long)&sa, (long)&old, sizeof(sigset_t), 0, 0);
	*(volatile char *)page = val;
	syscall6(__NR_rt_sigaction, SIGSEGV, (long)&old, 0, sizeof(sigset_t), 0, 0);
	*seen = segv_seen;
	return segv_count == 1;
}

/* A private anonymous page of protection @prot; 0 if mmap failed. */
static unsigned long map_page(int prot, int flags)
{
	unsigned long p = sys_mmap(0, PAGE_SIZE, prot, flags | MAP_ANONYMOUS, -1, 0);

	return SYS_ERR(p) ? 0 : p;
}

/*
 * @page (readable) read, so that it maps the zero page, or written, then
 * made PROT_NONE: a write of @val through /proc/self/mem (@fd) into the
 * page it keeps copies the zero page or takes the written page; read back
 * through the mapping once readable again.
 */
static bool prot_none_kept_write(long fd, unsigned long page, char val)
{
	bool ok = true;
	int written;

	for (written = 0; written < 2; written++) {
		sys_mprotect(page, PAGE_SIZE, PROT_READ | PROT_WRITE);
		sys_madvise(page, PAGE_SIZE, MADV_DONTNEED);
		if (written)
			*(volatile char *)(page + 1) = 7;
		else
			(void)*(volatile char *)page;
		ok &= !sys_mprotect(page, PAGE_SIZE, PROT_NONE) &&
		      pwrite64(fd, &val, 1, page) == 1 &&
		      !sys_mprotect(page, PAGE_SIZE, PROT_READ) && *(volatile char *)page == val &&
		      *(volatile char *)(page + 1) == (written ? 7 : 0);
	}
	return ok;
}

/*
 * /proc/self/mem (Linux's fs/proc/base.c mem_rw()): the offset is the
 * address, accessed as ptrace does (FOLL_FORCE): past PROT_READ and
 * PROT_NONE in a private mapping, the write going to a private copy that
 * stays read-only (the mkdirty selftest's ptrace case), never into a
 * shared read-only mapping, -EIO at a hole.
 */
static void mem_checks(unsigned long map)
{
	long fd = sys_openat(AT_FDCWD, "/proc/self/mem", O_RDWR, 0);
	unsigned long ro, none, shared, hole, high = 1UL << 63;
	char buf[64], val = 0x5a, seen = 0;
	bool faulted;

	tap_ok(fd >= 0, "open /proc/self/mem O_RDWR: %ld", fd);
	memset((char *)map, 0x3c, 32);
	memcpy((char *)map + 32, "proc-self-mem", 14);
	tap_ok(pread64(fd, buf, sizeof(buf), map) == sizeof(buf) && !memcmp(buf, (char *)map, 64),
	       "mem: a read at a mapped address gives the memory there");
	ro = map_page(PROT_READ, MAP_PRIVATE);
	if (ro)
		(void)*(volatile char *)ro; /* the zero page, as mkdirty maps it */
	tap_ok(ro && pwrite64(fd, &val, 1, ro) == 1 && *(volatile char *)ro == val,
	       "mem: a write into a PROT_READ private page is seen through the mapping");
	faulted = ro && store_faults(ro, 0x11, &seen);
	tap_ok(faulted && seen == val,
	       "mem: ... and a store there still gets SIGSEGV, the page unchanged (%#x)", seen);
	none = map_page(PROT_NONE, MAP_PRIVATE);
	buf[0] = 0;
	tap_ok(none && pwrite64(fd, &val, 1, none + 5) == 1 && pread64(fd, buf, 1, none + 5) == 1 &&
		       buf[0] == val && !sys_mprotect(none, PAGE_SIZE, PROT_READ) &&
		       *(volatile char *)(none + 5) == val,
	       "mem: a write into a PROT_NONE private page: read back, and seen after mprotect");
	tap_ok(none && prot_none_kept_write(fd, none, val),
	       "mem: a write into a page made PROT_NONE, once the zero page, once written");
	shared = map_page(PROT_READ, MAP_SHARED);
	tap_ok(shared && pwrite64(fd, &val, 1, shared) == -EIO && !*(volatile char *)shared,
	       "mem: a write into a PROT_READ shared mapping: -EIO, nothing written");
	hole = map_page(PROT_READ, MAP_PRIVATE);
	if (hole)
		sys_munmap(hole, PAGE_SIZE);
	tap_ok(hole && pread64(fd, buf, 1, hole) == -EIO && pwrite64(fd, &val, 1, hole) == -EIO,
	       "mem: a read or write at an unmapped address: -EIO");
	tap_ok(sys_lseek(fd, high, SEEK_SET) == (long)high && sys_read(fd, buf, 1) == -EIO &&
		       sys_lseek(fd, 0, SEEK_CUR) == (long)high,
	       "mem: lseek to 2^63 (an unsigned offset), where a read is -EIO");
	tap_ok(sys_lseek(fd, 0, SEEK_END) == -EINVAL, "mem: lseek SEEK_END: -EINVAL");
	sys_close(fd);
	sys_munmap(ro, PAGE_SIZE);
	sys_munmap(none, PAGE_SIZE);
	sys_munmap(shared, PAGE_SIZE);
}

static void sleep_ms(long ms)
{
	struct linux_timespec ts = { 0, ms * 1000000 };

	sys_nanosleep(&ts, NULL);
}

/* The State of pid @pid, polled until it starts with @want (at most a second): true if so. */
static bool state_becomes(long pid, char want)
{
	char path[32], state[32];
	int i;

	snprintf(path, sizeof(path), "/proc/%ld/status", pid);
	for (i = 0; i < 100; i++, sleep_ms(10))
		if (status_text(path, "State:", state, sizeof(state)) && state[0] == want)
			return true;
	return false;
}

static volatile long child_word;

/* Poll the word at @flag until it is @want, for at most two seconds. */
static void wait_flag(unsigned long flag, long want)
{
	int i;

	for (i = 0; i < 200 && __atomic_load_n((long *)flag, __ATOMIC_ACQUIRE) != want; i++)
		sleep_ms(10);
}

/*
 * A forked child's /proc/PID/mem: a read gives its copy of a word, not the
 * parent's, and a write there is the child's to see.
 */
static void pid_mem_checks(void)
{
	unsigned long flag = map_page(PROT_READ | PROT_WRITE, MAP_SHARED);
	long pid, fd = -1, got = 0, val = 3;
	char path[32];

	child_word = 1;
	pid = flag ? fork_child() : -1;
	if (pid == 0) {
		child_word = 2;
		__atomic_store_n((long *)flag, 1, __ATOMIC_RELEASE);
		wait_flag(flag, 2);
		sys_exit(child_word == 3 ? 0 : 1);
	}
	if (pid > 0) {
		wait_flag(flag, 1);
		snprintf(path, sizeof(path), "/proc/%ld/mem", pid);
		fd = sys_openat(AT_FDCWD, path, O_RDWR, 0);
	}
	tap_ok(fd >= 0 && pread64(fd, &got, sizeof(got), (long)&child_word) == sizeof(got) &&
		       got == 2 && child_word == 1,
	       "/proc/PID/mem of a forked child: a read gives its copy of a word (%ld)", got);
	tap_ok(fd >= 0 && pwrite64(fd, &val, sizeof(val), (long)&child_word) == sizeof(val) &&
		       child_word == 1,
	       "/proc/PID/mem of a forked child: a write to its copy leaves ours");
	if (flag)
		__atomic_store_n((long *)flag, 2, __ATOMIC_RELEASE);
	tap_ok(pid > 0 && reap_exit(pid) == 0, "... and the child sees the word written");
	if (fd >= 0)
		sys_close(fd);
	if (flag)
		sys_munmap(flag, PAGE_SIZE);
}

/* A child's /proc/PID/status: its PPid, asleep, a zombie, and gone once reaped. */
static void status_child_checks(void)
{
	char path[32];
	long pid = fork_child(), fd;

	if (pid == 0) {
		sleep_ms(200);
		sys_exit(0);
	}
	snprintf(path, sizeof(path), "/proc/%ld/status", pid);
	tap_ok(status_field(path, "Pid:", 10) == pid &&
		       status_field(path, "PPid:", 10) == sys_getpid() && status_in_order(),
	       "status: a child's /proc/%ld/status: its Pid, our pid as PPid, Linux's lines", pid);
	tap_ok(state_becomes(pid, 'S'), "status: the child sleeping: S (sleeping)");
	tap_ok(state_becomes(pid, 'Z'), "status: the child exited, not reaped: Z (zombie)");
	reap_exit(pid);
	fd = sys_openat(AT_FDCWD, path, O_RDONLY, 0);
	tap_ok(fd == -ENOENT, "status: reaped: open says -ENOENT (%ld)", fd);
	if (fd >= 0)
		sys_close(fd);
}

static void status_checks(bool loam)
{
	unsigned long map, rss, anon, hwm, lck, vsw;
	long grew, anon_grew, path_pid;
	char name[64] = "", path[32];
	sigset_t set = { { 1UL << (SIGUSR1 - 1) } }, old;
	struct sigaction sa = { .sa_handler = on_signal };

	/* The reads below land in text[]: fault it in first, so they change no count. */
	memset(text, 0, sizeof(text));
	tap_ok(slurp("/proc/self/status") > 0 && status_in_order(),
	       "status: Linux 6.12's lines, in its order");
	tap_ok(status_text("/proc/self/status", "Name:", name, sizeof(name)) &&
		       !strcmp(name, "proc-self"),
	       "status: Name proc-self (%s)", name);
	tap_ok(self_status("Pid:") == sys_getpid() && self_status("Tgid:") == sys_getpid() &&
		       self_status("PPid:") == sys_getppid(),
	       "status: Pid and Tgid getpid(), PPid getppid()");
	tap_ok(self_status("Threads:") == 1, "status: Threads 1");
	map = sys_mmap(0, 16 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		       0);
	/*
	 * Run pages_fill() once before counting: Loam's private text pages are
	 * anonymous copies, and its first run may fault one in (by the layout).
	 */
	pages_fill((uintptr_t)text, PAGE_SIZE, 3);
	rss = self_status("VmRSS:");
	anon = self_status("RssAnon:");
	pages_fill(map, 16 * PAGE_SIZE, 3);
	grew = self_status("VmRSS:") - rss;
	anon_grew = self_status("RssAnon:") - anon;
	tap_ok(loam ? grew == 64 && anon_grew == 64 : rss > 0,
	       "status: 16 pages written: VmRSS grew %ld kB, RssAnon %ld kB", grew, anon_grew);
	hwm = self_status("VmHWM:");
	tap_ok(hwm >= rss + 64 && self_status("VmPeak:") >= self_status("VmSize:"),
	       "status: VmHWM %lu kB >= VmRSS, VmPeak >= VmSize", hwm);
	lck = self_status("VmLck:");
	sys_mlock(map, 4 * PAGE_SIZE);
	tap_ok(self_status("VmLck:") == lck + 16, "status: mlock of 4 pages: VmLck +16 kB");
	sys_munmap(map, 16 * PAGE_SIZE);
	tap_ok((!loam ||
		(self_status("VmRSS:") <= (long)hwm - 64 && self_status("VmHWM:") >= hwm)) &&
		       self_status("VmLck:") == lck,
	       "status: munmap: VmRSS down by 64 kB, VmHWM kept, VmLck back (%ld, %ld, %ld kB)",
	       self_status("VmRSS:"), self_status("VmHWM:"), self_status("VmLck:"));
	syscall6(__NR_rt_sigprocmask, SIG_BLOCK, (long)&set, (long)&old, sizeof(sigset_t), 0, 0);
	tap_ok(status_field("/proc/self/status", "SigBlk:", 16) == 1L << (SIGUSR1 - 1),
	       "status: SigBlk after blocking SIGUSR1: 0000000000000200");
	syscall6(__NR_rt_sigprocmask, SIG_SETMASK, (long)&old, 0, sizeof(sigset_t), 0, 0);
	syscall6(__NR_rt_sigaction, SIGUSR2, (long)&sa, 0, sizeof(sigset_t), 0, 0);
	tap_ok(status_field("/proc/self/status", "SigCgt:", 16) & 1L << (SIGUSR2 - 1),
	       "status: SigCgt has SIGUSR2 after sigaction");
	vsw = self_status("voluntary_ctxt_switches:");
	sleep_ms(20);
	tap_ok(self_status("voluntary_ctxt_switches:") > (long)vsw,
	       "status: a sleep is a voluntary context switch");
	snprintf(path, sizeof(path), "/proc/%ld/status", sys_getpid());
	path_pid = status_field(path, "Pid:", 10);
	tap_ok(path_pid == sys_getpid() && status_field("/proc/1/status", "Pid:", 10) == 1 &&
		       sys_openat(AT_FDCWD, "/proc/2147483647/status", O_RDONLY, 0) == -ENOENT,
	       "status: /proc/<our pid>/status and /proc/1/status; no such pid: -ENOENT");
	status_child_checks();
}

/* @mib MiB written (more than RAM), then seen through pagemap and smaps. */
static void swap_checks(unsigned long mib)
{
	unsigned long len = mib << 20, map, i, present = 0, swapped = 0, neither = 0;
	long fd = sys_openat(AT_FDCWD, "/proc/self/pagemap", O_RDONLY, 0);
	long rss, swap, size;
	uint64_t e;

	map = sys_mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (SYS_ERR(map) || fd < 0) {
		tap_ok(false, "mmap of %lu MiB (%#lx) and open pagemap (%ld)", mib, map, fd);
		return;
	}
	pages_fill(map, len, 7);
	/* 512 entries a read, into text[] (4 KiB of them). */
	for (i = 0; i < len / PAGE_SIZE; i++) {
		if (!(i % 512) && pread64(fd, text, 4096, (map / PAGE_SIZE + i) * 8) != 4096)
			break;
		e = ((uint64_t *)text)[i % 512] & (PM_PRESENT | PM_SWAP);
		present += e == PM_PRESENT;
		swapped += e == PM_SWAP;
		neither += !e;
	}
	sys_close(fd);
	tap_ok(i == len / PAGE_SIZE && swapped && present + swapped == i && !neither,
	       "pagemap: %lu MiB written: %lu pages present, %lu swapped, %lu neither", mib,
	       present, swapped, neither);
	/*
	 * One reading: reclaim goes on between two. The VMA may have merged
	 * with the first mapping, just above: its Size says.
	 */
	rss = slurp("/proc/self/smaps") > 0 ? field_kb(map, "Rss:") : -1;
	swap = field_kb(map, "Swap:");
	size = field_kb(map, "Size:");
	tap_ok(swap > 0 && size >= (long)(len >> 10) && rss + swap >= (long)(len >> 10) &&
		       rss + swap <= size,
	       "smaps: Rss %ld kB + Swap %ld kB cover the %lu kB written (Size %ld kB)", rss, swap,
	       len >> 10, size);
	tap_ok(field_kb(map, "SwapPss:") == swap, "smaps: SwapPss = Swap (no slot shared)");
	tap_ok(self_status("VmSwap:") > 0, "status: VmSwap %ld kB", self_status("VmSwap:"));
	sys_munmap(map, len);
}

int main(int argc, char **argv)
{
	unsigned long map, swap_mib = argc > 1 ? strtoul(argv[1], NULL, 0) : 0;

	tap_plan(50 + (swap_mib ? 4 : 0));
	map = sys_mmap(0, MAP_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!tap_ok(!SYS_ERR(map), "mmap of %d pages at %#lx", MAP_PAGES, map))
		return tap_done();
	maps_checks(map);
	smaps_checks(map);
	pagemap_checks(map);
	mem_checks(map);
	status_checks(on_loam());
	pid_mem_checks();
	if (swap_mib)
		swap_checks(swap_mib);
	return tap_done();
}
