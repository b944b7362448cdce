// SPDX-License-Identifier: GPL-2.0
/*
 * The small system calls: process ids, the clocks, uname, sysinfo, prctl, with
 * Linux's structures (include/uapi/linux/) and error codes. Every user pointer goes through the copy helpers, so a
 * bad one yields -EFAULT.
 */
#include <gfp.h>
#include <kernel.h>
#include <kernel_stat.h>
#include <mm.h>
#include <file.h>
#include <sched.h>
#include <sched/signal.h>
#include <sched_clock.h>
#include <string.h>
#include <mmap.h>
#include <printk.h>
#include <swap.h>
#include <syscalls.h>
#include <timer.h>
#include <uaccess.h>
#include <sched/coredump.h>
#include <uapi/errno.h>
#include <uapi/prctl.h>
#include <uapi/time.h>

/*
 * Does process group @pgrp have a process in session @session (-1: in any
 * session)? Linux's pid_task(find_vpid(pgrp), PIDTYPE_PGID) and its
 * session check; tasklist_lock held.
 */
static bool pgrp_in_session(int pgrp, int session)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->signal->pgrp == pgrp && (session < 0 || p->signal->session == session))
			return true;
	return false;
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

/*
 * setpgid(2), Linux's: move process @upid (0: the caller) to process group
 * @upgid (0: its own pid, a new group). Only the caller or a child of its
 * that has not exec'd (-EACCES) and is in its session (-EPERM) may move;
 * -ESRCH for any other; a session leader cannot (-EPERM); an existing
 * group must be in the caller's session (-EPERM), a new one is named after
 * the process moved.
 */
long sys_setpgid(long upid, long upgid)
{
	struct task_struct *p;
	unsigned long flags;
	int pid = upid, pgid = upgid, err;

	if (!pid)
		pid = current->pid;
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	err = -ESRCH;
	p = find_task_by_vpid(pid);
	if (!p || (p != current && p->parent != current))
		goto out;
	err = -EPERM;
	if (p != current && p->signal->session != current->signal->session)
		goto out;
	err = -EACCES;
	if (p != current && !(p->flags & PF_FORKNOEXEC))
		goto out;
	err = -EPERM;
	if (p->signal->leader)
		goto out;
	if (pgid != pid && !pgrp_in_session(pgid, current->signal->session))
		goto out;
	p->signal->pgrp = pgid;
	err = 0;
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

/* A field of process @upid's signal_struct (0: the caller's), or -ESRCH. */
static long signal_field_of(long upid, bool session)
{
	struct task_struct *p;
	unsigned long flags;
	long ret = -ESRCH;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = (int)upid ? find_task_by_vpid(upid) : current;
	if (p)
		ret = session ? p->signal->session : p->signal->pgrp;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* getpgid(2): the process group of @pid (0: the caller), or -ESRCH. */
long sys_getpgid(long pid)
{
	return signal_field_of(pid, false);
}

/* getsid(2): the session of @pid (0: the caller), or -ESRCH. */
long sys_getsid(long pid)
{
	return signal_field_of(pid, true);
}

/*
 * setsid(2), Linux's ksys_setsid(): the caller leads a new session and a
 * new process group, both its pid, with no controlling terminal; -EPERM if
 * it leads a session already or a process group has its pid as id.
 */
long sys_setsid(void)
{
	struct task_struct *tsk = current;
	unsigned long flags;
	long ret = -EPERM;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (!tsk->signal->leader && !pgrp_in_session(tsk->pid, -1)) {
		tsk->signal->leader = true;
		tsk->signal->pgrp = tsk->signal->session = tsk->pid;
		tsk->signal->tty = NULL;
		ret = tsk->pid;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
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

#define NSEC_PER_SEC 1000000000LL
/* Linux's TICK_NSEC: a timer tick, the resolution of Loam's timers. */
#define TICK_NSEC (NSEC_PER_SEC / HZ)

/*
 * The clocks of Linux's posix_clocks[] that Loam can tell, in ns, or -EINVAL.
 * There is no real-time clock: the wall clocks count from boot, like the
 * others, and CLOCK_TAI is CLOCK_REALTIME plus a TAI offset of 0 (Linux's
 * until adjtimex sets one). The CPU-time clocks are the scheduler's
 * account of the caller (a process is one thread: both clocks agree).
 * @res: the resolution clock_getres() reports.
 */
static long long clock_read(int which, long long *res)
{
	switch (which) {
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		/* posix_cpu_clock_getres(): 1 ns for the scheduler's clock. */
		*res = 1;
		return task_sched_runtime(current);
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_TAI:
		/*
		 * Linux reports its timers' resolution: 1 ns with high-resolution
		 * timers, a tick without (LOW_RES_NSEC). Loam's timers are ticks.
		 */
		*res = TICK_NSEC;
		return sched_clock();
	default:
		return -EINVAL;
	}
}

long sys_clock_gettime(long uwhich, void __user *tp)
{
	long long res, ns = clock_read(uwhich, &res);
	struct timespec64 ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	if (ns < 0)
		return ns;
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* @tp may be NULL: the clock is only checked. */
long sys_clock_getres(long uwhich, void __user *tp)
{
	long long res;
	struct timespec64 ts = { 0, 0 };

	if (clock_read(uwhich, &res) < 0)
		return -EINVAL;
	ts.tv_nsec = res;
	if (tp && copy_to_user(tp, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

/* A sleep ends at the first timer tick past its end (HZ resolution, no hrtimers). */
/*
 * A signal cut the sleep short: the time left into *@rmtp, and -EINTR.
 * Linux returns -ERESTART_RESTARTBLOCK, which becomes -EINTR when a
 * handler runs and otherwise restarts the sleep for the time left; Loam
 * has no restart_syscall(), and a signal that interrupts runs a handler or
 * ends the process, so -EINTR is what a program sees in both.
 */
static long nanosleep_interrupted(void *rmtp, u64 end)
{
	u64 now = sched_clock(), left = end > now ? end - now : 0;
	struct timespec64 rem = { left / NSEC_PER_SEC, left % NSEC_PER_SEC };

	if (rmtp && copy_to_user(rmtp, &rem, sizeof(rem)))
		return -EFAULT;
	return -EINTR;
}

/* Sleep until sched_clock() reaches @end; a signal ends it (@rmtp: the time left, or NULL). */
static long do_nanosleep(u64 end, void *rmtp)
{
	while (sched_clock() < end) {
		if (signal_pending(current))
			return nanosleep_interrupted(rmtp, end);
		schedule_timeout_interruptible_until(end);
	}
	return 0;
}

/* The user's timespec at @rqtp, checked (Linux's timespec64_valid()): in ns, or -errno. */
static long long get_sleep_time(const void *rqtp)
{
	struct timespec64 ts;

	if (copy_from_user(&ts, rqtp, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	return ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

long sys_nanosleep(const void *rqtp, void *rmtp)
{
	long long ns = get_sleep_time(rqtp);

	if (ns < 0)
		return ns;
	return do_nanosleep(sched_clock() + ns, rmtp);
}

/* clock_nanosleep()'s flag: @rqtp is a time of the clock, not an interval. */
#define TIMER_ABSTIME 0x01

/*
 * clock_nanosleep(2) on the clocks Linux sleeps on with hrtimers
 * (common_nsleep()): realtime, monotonic, boottime and TAI, which all count
 * from boot in Loam (clock_read()), so an absolute time is one of
 * sched_clock(). The coarse and raw clocks cannot sleep (-EOPNOTSUPP), nor
 * a thread's CPU clock (-EINVAL), as in Linux; the process's CPU clock is
 * -EINVAL too, where Linux sleeps until the process has used that much CPU
 * time (posix_cpu_nsleep()). @flags is an int in Linux.
 */
long sys_clock_nanosleep(long which, long flags, const void *rqtp, void *rmtp)
{
	long long ns, res;

	switch ((int)which) {
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
		return -EOPNOTSUPP;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		return -EINVAL;
	}
	if (clock_read(which, &res) < 0)
		return -EINVAL;
	ns = get_sleep_time(rqtp);
	if (ns < 0)
		return ns;
	if ((int)flags & TIMER_ABSTIME)
		return do_nanosleep(ns, NULL);
	return do_nanosleep(sched_clock() + ns, rmtp);
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
	int i;

	memset(&si, 0, sizeof(si));
	/* do_sysinfo(): the boot time in seconds, rounded up. */
	si.uptime = DIV_ROUND_UP(sched_clock(), NSEC_PER_SEC);
	/* get_avenrun() in SI_LOAD_SHIFT (16) bits of fraction. */
	for (i = 0; i < 3; i++)
		si.loads[i] = READ_ONCE(avenrun[i]) << (16 - FSHIFT);
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

long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	return ksys_mremap(current->mm, addr, old_len, new_len, flags, new_addr);
}

long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	return ksys_mprotect(current->mm, start, len, prot);
}

long sys_madvise(unsigned long start, unsigned long len, long behavior)
{
	return ksys_madvise(current->mm, start, len, (int)behavior);
}

/* pkey_mprotect(2): @pkey is an int in Linux; see do_mprotect_pkey(). */
long sys_pkey_mprotect(unsigned long start, unsigned long len, unsigned long prot, long pkey)
{
	return do_mprotect_pkey(current->mm, start, len, prot, (int)pkey);
}

/* The access rights pkey_alloc() may start a key with (Linux's PKEY_ACCESS_MASK). */
#define PKEY_ACCESS_MASK 0x3

/*
 * pkey_alloc(2) where there are no protection keys (riscv64): the flags and
 * rights are checked, then no key is free, -ENOSPC (mm_pkey_alloc() is -1
 * without ARCH_HAS_PKEYS).
 */
long sys_pkey_alloc(unsigned long flags, unsigned long init_val)
{
	if (flags || (init_val & ~PKEY_ACCESS_MASK))
		return -EINVAL;
	return -ENOSPC;
}

/* pkey_free(2): no key was ever allocated (mm_pkey_free() without ARCH_HAS_PKEYS). */
long sys_pkey_free(long pkey)
{
	return -EINVAL;
}

/* mseal(2), see mm/mseal.c. */
long sys_mseal(unsigned long start, unsigned long len, unsigned long flags)
{
	return do_mseal(current->mm, start, len, flags);
}

/* The memory-locking calls: mm/mlock.c has their semantics. */
long sys_mlock(unsigned long start, unsigned long len)
{
	return ksys_mlock(current->mm, start, len, 0);
}

/* mlock2(2): @flags is an unsigned int in Linux's SYSCALL_DEFINE3. */
long sys_mlock2(unsigned long start, unsigned long len, unsigned long flags)
{
	return ksys_mlock(current->mm, start, len, (unsigned int)flags);
}

/* munlock(2), see mm/mlock.c. */
long sys_munlock(unsigned long start, unsigned long len)
{
	return ksys_munlock(current->mm, start, len);
}

/* mlockall(2): @flags is an int in Linux. */
long sys_mlockall(unsigned long flags)
{
	return ksys_mlockall(current->mm, (unsigned int)flags);
}

/* munlockall(2), see mm/mlock.c. */
long sys_munlockall(void)
{
	return ksys_munlockall(current->mm);
}

/* mincore(2), see mm/mincore.c. */
long sys_mincore(unsigned long start, unsigned long len, void *vec)
{
	return ksys_mincore(current->mm, start, len, vec);
}

/* msync(2), see mm/msync.c: @flags is an int in Linux. */
long sys_msync(unsigned long start, unsigned long len, long flags)
{
	return ksys_msync(current->mm, start, len, (int)flags);
}

int do_prlimit(struct task_struct *tsk, unsigned int resource, const struct rlimit64 *new_rlim,
	       struct rlimit64 *old_rlim)
{
	struct rlimit64 *rlim;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new_rlim && new_rlim->rlim_cur > new_rlim->rlim_max)
		return -EINVAL;
	/* Descriptors stop at fs.nr_open. */
	if (new_rlim && resource == RLIMIT_NOFILE && new_rlim->rlim_max > NR_OPEN_MAX)
		return -EPERM;
	rlim = &tsk->signal->rlim[resource];
	if (old_rlim)
		*old_rlim = *rlim;
	if (new_rlim) {
		WRITE_ONCE(rlim->rlim_cur, new_rlim->rlim_cur);
		WRITE_ONCE(rlim->rlim_max, new_rlim->rlim_max);
	}
	return 0;
}

/*
 * Limits of the calling process only (pid 0 or its own): another process's
 * pid is -ESRCH, where Linux lets root change any (see the README).
 */
long sys_prlimit64(long upid, unsigned long uresource, const void *new_rlim, void *old_rlim)
{
	int pid = upid;
	unsigned int resource = uresource;
	struct rlimit64 new, old;
	int err;

	/* Linux's order: the new limit is copied in before the task is looked up. */
	if (new_rlim && copy_from_user(&new, new_rlim, sizeof(new)))
		return -EFAULT;
	if (pid && pid != current->pid)
		return -ESRCH;
	err = do_prlimit(current, resource, new_rlim ? &new : NULL, old_rlim ? &old : NULL);
	if (!err && old_rlim && copy_to_user(old_rlim, &old, sizeof(old)))
		return -EFAULT;
	return err;
}

/*
 * getrlimit() and setrlimit() of the caller: on a 64-bit machine Linux's
 * struct rlimit is struct rlimit64 (two unsigned longs), and both go
 * through do_prlimit() as prlimit64 does.
 */
long sys_getrlimit(unsigned long resource, void __user *rlim)
{
	return sys_prlimit64(0, resource, NULL, rlim);
}

long sys_setrlimit(unsigned long resource, const void __user *rlim)
{
	return sys_prlimit64(0, resource, rlim, NULL);
}

/* Linux's get_current_mdwe(): the caller's PR_MDWE_* bits. */
static unsigned long get_current_mdwe(void)
{
	unsigned long ret = 0;

	if (test_bit(MMF_HAS_MDWE, &current->mm->flags))
		ret |= PR_MDWE_REFUSE_EXEC_GAIN;
	if (test_bit(MMF_HAS_MDWE_NO_INHERIT, &current->mm->flags))
		ret |= PR_MDWE_NO_INHERIT;
	return ret;
}

/*
 * Linux's prctl_set_mdwe(): memory-deny-write-execute on, for good. Other
 * bits, NO_INHERIT alone or a nonzero argument are -EINVAL; once set, any
 * other value is -EPERM.
 */
static long prctl_set_mdwe(unsigned long bits, unsigned long arg3, unsigned long arg4,
			   unsigned long arg5)
{
	unsigned long current_bits;

	if (arg3 || arg4 || arg5)
		return -EINVAL;
	if (bits & ~(PR_MDWE_REFUSE_EXEC_GAIN | PR_MDWE_NO_INHERIT))
		return -EINVAL;
	if ((bits & PR_MDWE_NO_INHERIT) && !(bits & PR_MDWE_REFUSE_EXEC_GAIN))
		return -EINVAL;
	current_bits = get_current_mdwe();
	if (current_bits && current_bits != bits)
		return -EPERM;
	if (bits & PR_MDWE_NO_INHERIT)
		set_bit(MMF_HAS_MDWE_NO_INHERIT, &current->mm->flags);
	if (bits & PR_MDWE_REFUSE_EXEC_GAIN)
		set_bit(MMF_HAS_MDWE, &current->mm->flags);
	return 0;
}

/* Linux's prctl_get_mdwe(): the bits, or -EINVAL for a nonzero argument. */
static long prctl_get_mdwe(unsigned long arg2, unsigned long arg3, unsigned long arg4,
			   unsigned long arg5)
{
	if (arg2 || arg3 || arg4 || arg5)
		return -EINVAL;
	return get_current_mdwe();
}

/* PR_SET_NAME: the task's name (comm, 15 bytes and a NUL) from the user's string. */
static long prctl_set_name(const char __user *name)
{
	char comm[TASK_COMM_LEN] = { 0 };

	if (strncpy_from_user(comm, name, sizeof(comm) - 1) < 0)
		return -EFAULT;
	memcpy(current->comm, comm, sizeof(comm));
	return 0;
}

/*
 * prctl(2), the options Loam has, with Linux's answers (kernel/sys.c):
 * the task's name (PR_SET_NAME, PR_GET_NAME: 16 bytes with the NUL), the
 * dumpable state (PR_GET_DUMPABLE, PR_SET_DUMPABLE with SUID_DUMP_DISABLE
 * or SUID_DUMP_USER), memory-deny-write-execute (PR_SET_MDWE,
 * PR_GET_MDWE). Any other option is -EINVAL, Linux's answer for an option
 * it does not know. @option is an int in Linux.
 */
long sys_prctl(long option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5)
{
	switch ((int)option) {
	case PR_SET_NAME:
		return prctl_set_name((const char __user *)arg2);
	case PR_GET_NAME:
		return copy_to_user((void __user *)arg2, current->comm, sizeof(current->comm)) ?
			       -EFAULT :
			       0;
	case PR_GET_DUMPABLE:
		return current->mm->flags & MMF_DUMPABLE_MASK;
	case PR_SET_DUMPABLE:
		if (arg2 != SUID_DUMP_DISABLE && arg2 != SUID_DUMP_USER)
			return -EINVAL;
		set_dumpable(current->mm, arg2);
		return 0;
	case PR_SET_MDWE:
		return prctl_set_mdwe(arg2, arg3, arg4, arg5);
	case PR_GET_MDWE:
		return prctl_get_mdwe(arg2, arg3, arg4, arg5);
	default:
		return -EINVAL;
	}
}
