// SPDX-License-Identifier: GPL-2.0
/* The system-call stubs declared in syscall.h. */
#include "syscall.h"

long syscall6(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	register long r_a0 asm("a0") = a0;
	register long r_a1 asm("a1") = a1;
	register long r_a2 asm("a2") = a2;
	register long r_a3 asm("a3") = a3;
	register long r_a4 asm("a4") = a4;
	register long r_a5 asm("a5") = a5;
	register long r_a7 asm("a7") = nr;

	/* The kernel may write any memory we passed a pointer to. */
	asm volatile("ecall"
		     : "+r"(r_a0)
		     : "r"(r_a1), "r"(r_a2), "r"(r_a3), "r"(r_a4), "r"(r_a5), "r"(r_a7)
		     : "memory");
	return r_a0;
}

#define SC0(nr) syscall6(nr, 0, 0, 0, 0, 0, 0)
#define SC1(nr, a) syscall6(nr, (long)(a), 0, 0, 0, 0, 0)
#define SC2(nr, a, b) syscall6(nr, (long)(a), (long)(b), 0, 0, 0, 0)
#define SC3(nr, a, b, c) syscall6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SC4(nr, a, b, c, d) syscall6(nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

long sys_read(int fd, void *buf, size_t len)
{
	return SC3(__NR_read, fd, buf, len);
}

long sys_write(int fd, const void *buf, size_t len)
{
	return SC3(__NR_write, fd, buf, len);
}

long sys_writev(int fd, const struct linux_iovec *iov, int iovcnt)
{
	return SC3(__NR_writev, fd, iov, iovcnt);
}

void sys_exit(int status)
{
	SC1(__NR_exit, status);
	__builtin_unreachable();
}

void sys_exit_group(int status)
{
	SC1(__NR_exit_group, status);
	__builtin_unreachable();
}

long sys_set_tid_address(int *tidptr)
{
	return SC1(__NR_set_tid_address, tidptr);
}

long sys_nanosleep(const struct linux_timespec *req, struct linux_timespec *rem)
{
	return SC2(__NR_nanosleep, req, rem);
}

long sys_clock_gettime(int clock, struct linux_timespec *ts)
{
	return SC2(__NR_clock_gettime, clock, ts);
}

long sys_sched_yield(void)
{
	return SC0(__NR_sched_yield);
}

long sys_uname(struct linux_utsname *buf)
{
	return SC1(__NR_uname, buf);
}

long sys_getpid(void)
{
	return SC0(__NR_getpid);
}

long sys_getuid(void)
{
	return SC0(__NR_getuid);
}

long sys_gettid(void)
{
	return SC0(__NR_gettid);
}

long sys_sysinfo(struct linux_sysinfo *info)
{
	return SC1(__NR_sysinfo, info);
}

long sys_brk(unsigned long brk)
{
	return SC1(__NR_brk, brk);
}

long sys_mmap(unsigned long addr, size_t len, int prot, int flags, int fd, long off)
{
	return syscall6(__NR_mmap, (long)addr, (long)len, prot, flags, fd, off);
}

long sys_munmap(unsigned long addr, size_t len)
{
	return SC2(__NR_munmap, addr, len);
}

long sys_mprotect(unsigned long addr, size_t len, int prot)
{
	return SC3(__NR_mprotect, addr, len, prot);
}

long sys_madvise(unsigned long addr, size_t len, int advice)
{
	return SC3(__NR_madvise, addr, len, advice);
}

long sys_mlock(unsigned long addr, size_t len)
{
	return SC2(__NR_mlock, addr, len);
}

long sys_mlock2(unsigned long addr, size_t len, unsigned int flags)
{
	return SC3(__NR_mlock2, addr, len, flags);
}

long sys_munlock(unsigned long addr, size_t len)
{
	return SC2(__NR_munlock, addr, len);
}

long sys_mlockall(int flags)
{
	return SC1(__NR_mlockall, flags);
}

long sys_munlockall(void)
{
	return SC0(__NR_munlockall);
}

long sys_mincore(unsigned long addr, size_t len, unsigned char *vec)
{
	return SC3(__NR_mincore, addr, len, vec);
}

long sys_msync(unsigned long addr, size_t len, int flags)
{
	return SC3(__NR_msync, addr, len, flags);
}

long sys_prlimit64(int pid, int resource, const struct linux_rlimit64 *new_limit,
		   struct linux_rlimit64 *old_limit)
{
	return SC4(__NR_prlimit64, pid, resource, new_limit, old_limit);
}

long sys_clone(unsigned long flags, unsigned long newsp, int *parent_tid, unsigned long tls,
	       int *child_tid)
{
	return syscall6(__NR_clone, (long)flags, (long)newsp, (long)parent_tid, (long)tls,
			(long)child_tid, 0);
}

long sys_execve(const char *path, char *const argv[], char *const envp[])
{
	return SC3(__NR_execve, path, argv, envp);
}

long sys_wait4(int pid, int *wstatus, int options, void *rusage)
{
	return SC4(__NR_wait4, pid, wstatus, options, rusage);
}

long sys_getppid(void)
{
	return SC0(__NR_getppid);
}

long sys_setpgid(long pid, long pgid)
{
	return SC2(__NR_setpgid, pid, pgid);
}

long sys_getpgid(long pid)
{
	return SC1(__NR_getpgid, pid);
}

long sys_getsid(long pid)
{
	return SC1(__NR_getsid, pid);
}

long sys_setsid(void)
{
	return SC0(__NR_setsid);
}

long sys_openat(int dfd, const char *path, int flags, int mode)
{
	return SC4(__NR_openat, dfd, path, flags, mode);
}

long sys_close(int fd)
{
	return SC1(__NR_close, fd);
}

long sys_lseek(int fd, long offset, int whence)
{
	return SC3(__NR_lseek, fd, offset, whence);
}

long sys_dup(int fd)
{
	return SC1(__NR_dup, fd);
}

long sys_dup3(int oldfd, int newfd, int flags)
{
	return SC3(__NR_dup3, oldfd, newfd, flags);
}

long sys_fcntl(int fd, int cmd, long arg)
{
	return SC3(__NR_fcntl, fd, cmd, arg);
}

long sys_clock_getres(int clock, struct linux_timespec *res)
{
	return SC2(__NR_clock_getres, clock, res);
}
