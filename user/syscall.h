/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Raw Linux riscv64 system calls: ecall with the number in a7, arguments in
 * a0-a5, the result or -errno in a0. The sys_*() stubs return exactly what the
 * kernel returned and never touch errno, so that tests can compare error codes
 * and run the same way under Loam and under Linux (qemu-riscv64).
 */
#ifndef _USER_SYSCALL_H
#define _USER_SYSCALL_H

#include <stddef.h>
#include <stdint.h>

/*
 * The numbers and the mmap/rlimit ABI are the kernel's own uapi headers, the
 * ones Loam's system calls are built with (Linux's values throughout).
 */
#include "../include/uapi/fcntl.h"
#include "../include/uapi/mman.h"
#include "../include/uapi/sched.h"
#include "../include/uapi/time.h"
#include "../include/uapi/unistd.h"

/* The exit signal vfork() asks for in clone's low byte (<sys/wait.h> decodes statuses). */
#define LINUX_SIGCHLD 17

#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_ENTRY 9
#define AT_RANDOM 25

struct linux_timespec {
	long tv_sec;
	long tv_nsec;
};

struct linux_iovec {
	const void *iov_base;
	size_t iov_len;
};

struct linux_rlimit64 {
	uint64_t rlim_cur;
	uint64_t rlim_max;
};

struct linux_utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};

/* struct sysinfo as Linux lays it out on a 64-bit machine. */
struct linux_sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram;
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs;
	unsigned short pad;
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit;
};

/* A result in [-4095, -1] is -errno; anything else (an address too) is success. */
#define SYS_ERR(r) ((unsigned long)(r) >= -4095UL)

long syscall6(long nr, long a0, long a1, long a2, long a3, long a4, long a5);

long sys_read(int fd, void *buf, size_t len);
long sys_write(int fd, const void *buf, size_t len);
long sys_writev(int fd, const struct linux_iovec *iov, int iovcnt);
void sys_exit(int status) __attribute__((noreturn));
void sys_exit_group(int status) __attribute__((noreturn));
long sys_set_tid_address(int *tidptr);
long sys_nanosleep(const struct linux_timespec *req, struct linux_timespec *rem);
long sys_clock_gettime(int clock, struct linux_timespec *ts);
long sys_sched_yield(void);
long sys_uname(struct linux_utsname *buf);
long sys_getpid(void);
long sys_getuid(void);
long sys_gettid(void);
long sys_sysinfo(struct linux_sysinfo *info);
long sys_brk(unsigned long brk);
long sys_mmap(unsigned long addr, size_t len, int prot, int flags, int fd, long off);
long sys_munmap(unsigned long addr, size_t len);
long sys_mprotect(unsigned long addr, size_t len, int prot);
long sys_madvise(unsigned long addr, size_t len, int advice);
long sys_mlock(unsigned long addr, size_t len);
long sys_mlock2(unsigned long addr, size_t len, unsigned int flags);
long sys_munlock(unsigned long addr, size_t len);
long sys_mlockall(int flags);
long sys_munlockall(void);
long sys_mincore(unsigned long addr, size_t len, unsigned char *vec);
long sys_msync(unsigned long addr, size_t len, int flags);
long sys_prlimit64(int pid, int resource, const struct linux_rlimit64 *new_limit,
		   struct linux_rlimit64 *old_limit);
/*
 * With CLONE_VM the child runs on this very stack: returning from this stub
 * in the child would corrupt the parent's frames. Use spawn() (lib/util.h),
 * whose child goes from clone to execve without touching the stack.
 */
long sys_clone(unsigned long flags, unsigned long newsp, int *parent_tid, unsigned long tls,
	       int *child_tid);
long sys_execve(const char *path, char *const argv[], char *const envp[]);
long sys_wait4(int pid, int *wstatus, int options, void *rusage);
long sys_getppid(void);
long sys_setpgid(long pid, long pgid);
long sys_getpgid(long pid);
long sys_getsid(long pid);
long sys_setsid(void);
long sys_openat(int dfd, const char *path, int flags, int mode);
long sys_close(int fd);
long sys_lseek(int fd, long offset, int whence);
long sys_dup(int fd);
long sys_dup3(int oldfd, int newfd, int flags);
long sys_fcntl(int fd, int cmd, long arg);
long sys_clock_getres(int clock, struct linux_timespec *res);

#endif /* _USER_SYSCALL_H */
