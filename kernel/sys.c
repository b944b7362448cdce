// SPDX-License-Identifier: GPL-2.0
/*
 * The small system calls: the console as file descriptors 0-2 (the others
 * are kernel/procfs.c's), process ids,
 * time, uname and sysinfo, with Linux's structures (include/uapi/linux/)
 * and error codes. Every user pointer goes through the copy helpers, so a
 * bad one yields -EFAULT.
 */
#include <asm/sbi.h>
#include <file.h>
#include <gfp.h>
#include <kernel.h>
#include <mm.h>
#include <sched.h>
#include <sched_clock.h>
#include <string.h>
#include <mmap.h>
#include <printk.h>
#include <swap.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>

/* Console writes go out in pieces of this size (a buffer on the kernel stack). */
#define CONSOLE_CHUNK 256

long sys_write(unsigned long ufd, const char *buf, unsigned long count)
{
	unsigned int fd = ufd;
	char chunk[CONSOLE_CHUNK];
	size_t done = 0;

	if (fd > 2) /* 0, 1 and 2 are all the console */
		return file_write(fd, buf, count);
	if (!access_ok(buf, count))
		return -EFAULT;
	while (done < count) {
		size_t n = min(count - done, sizeof(chunk));

		if (copy_from_user(chunk, buf + done, n))
			return done ? (long)done : -EFAULT;
		/* Copied first, outside the console lock: the copy may fault and sleep. */
		console_write(chunk, n);
		done += n;
	}
	return done;
}

/* Linux's struct iovec. */
struct iovec {
	void *iov_base;
	size_t iov_len;
};

#define UIO_MAXIOV 1024

long sys_writev(unsigned long fd, const void *vec, unsigned long vlen)
{
	const struct iovec *uvec = vec;
	long total = 0;
	unsigned long i;

	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	for (i = 0; i < vlen; i++) {
		struct iovec iov;
		long n;

		if (copy_from_user(&iov, &uvec[i], sizeof(iov)))
			return total ? total : -EFAULT;
		if ((long)iov.iov_len < 0)
			return -EINVAL;
		n = sys_write(fd, iov.iov_base, iov.iov_len);
		if (n < 0)
			return total ? total : n;
		total += n;
	}
	return total;
}

/*
 * The console has no input buffer yet: what the SBI console has ready now
 * (the legacy getchar, SBI spec 5.3) is returned, 0 bytes meaning none.
 */
long sys_read(unsigned long ufd, char *buf, unsigned long count)
{
	unsigned int fd = ufd;
	size_t done = 0;

	if (fd > 2)
		return file_read(fd, buf, count);
	if (fd != 0)
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	while (done < count) {
		struct sbiret r = sbi_ecall(0x02, 0, 0, 0, 0, 0, 0, 0);
		char c = r.error;

		if (r.error < 0)
			break;
		if (copy_to_user(buf + done, &c, 1))
			return done ? (long)done : -EFAULT;
		done++;
		if (c == '\n')
			break;
	}
	return done;
}

long sys_getpid(void)
{
	return current->pid;
}

/* Processes are single-threaded: the thread id is the process id. */
long sys_gettid(void)
{
	return current->pid;
}

/* Loam has one user, root. */
long sys_getuid(void)
{
	return 0;
}

long sys_set_tid_address(int *tidptr)
{
	current->clear_child_tid = (unsigned long)tidptr;
	return current->pid;
}

long sys_sched_yield(void)
{
	schedule();
	return 0;
}

/* Linux's struct __kernel_timespec. */
struct timespec64 {
	long long tv_sec;
	long long tv_nsec;
};

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define NSEC_PER_SEC 1000000000LL

/* There is no real-time clock: every clock counts from boot. */
long sys_clock_gettime(long uwhich, void *tp)
{
	int which = uwhich;
	u64 ns = sched_clock();
	struct timespec64 ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		break;
	default:
		return -EINVAL;
	}
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* A sleep ends at the first timer tick past its end (HZ resolution, no hrtimers). */
long sys_nanosleep(const void *rqtp, void *rmtp)
{
	struct timespec64 ts;
	u64 end;

	if (copy_from_user(&ts, rqtp, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	end = sched_clock() + ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	while (sched_clock() < end) {
		/* Cut short by a kill, which takes effect on the way out (as Linux's -EINTR). */
		if (fatal_signal_pending(current))
			return -EINTR;
		schedule_timeout_until(end);
	}
	return 0;
}

/* Linux's struct new_utsname. */
struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

long sys_uname(void *name)
{
	struct new_utsname u = {
		.sysname = "Loam",
		.nodename = "loam",
		.release = "0.1",
		.version = "#1 SMP",
		.machine = "riscv64",
		.domainname = "(none)",
	};

	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

/* Linux's struct sysinfo (64-bit layout). */
struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

long sys_sysinfo(void *info)
{
	struct sysinfo si;

	memset(&si, 0, sizeof(si));
	si.uptime = sched_clock() / NSEC_PER_SEC;
	si.totalram = totalram_pages() * PAGE_SIZE;
	si.freeram = nr_free_pages() * PAGE_SIZE;
	si_swapinfo(&si.totalswap, &si.freeswap);
	si.totalswap *= PAGE_SIZE;
	si.freeswap *= PAGE_SIZE;
	si.procs = nr_tasks();
	si.mem_unit = 1;
	return copy_to_user(info, &si, sizeof(si)) ? -EFAULT : 0;
}

/* ------------------------------------------------- the memory calls */

long sys_brk(unsigned long brk)
{
	return ksys_brk(current->mm, brk);
}

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	      unsigned long fd, unsigned long off)
{
	/* riscv64 passes a byte offset; it must be page aligned (Linux's sys_mmap). */
	if (off & ~PAGE_MASK)
		return -EINVAL;
	return ksys_mmap_pgoff(current->mm, addr, len, prot, flags, fd, off >> PAGE_SHIFT);
}

long sys_munmap(unsigned long addr, unsigned long len)
{
	return ksys_munmap(current->mm, addr, len);
}

long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	return ksys_mprotect(current->mm, start, len, prot);
}

long sys_madvise(unsigned long start, unsigned long len, long behavior)
{
	return ksys_madvise(current->mm, start, len, (int)behavior);
}

/* Limits of the calling process only (pid 0 or its own): there are no others to change. */
long sys_prlimit64(long upid, unsigned long uresource, const void *new_rlim, void *old_rlim)
{
	int pid = upid;
	unsigned int resource = uresource;
	struct rlimit64 new, old;
	int err;

	if (pid && pid != current->pid)
		return -ESRCH;
	if (new_rlim && copy_from_user(&new, new_rlim, sizeof(new)))
		return -EFAULT;
	err = do_prlimit(current->mm, resource, new_rlim ? &new : NULL, old_rlim ? &old : NULL);
	if (!err && old_rlim && copy_to_user(old_rlim, &old, sizeof(old)))
		return -EFAULT;
	return err;
}
