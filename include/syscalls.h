/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The system calls Loam implements, with Linux's names and argument order.
 * Every argument is register-sized (long or a pointer): the registers come
 * from user space with any upper bits, and an int parameter would let the
 * compiler assume they are a sign extension. Each call truncates to
 * Linux's types itself, as SYSCALL_DEFINE's casts do.
 */
#ifndef LOAM_SYSCALLS_H
#define LOAM_SYSCALLS_H

#include <types.h>
#include <uapi/signal.h>

/*
 * Each is the system call of its name as man 2 NAME and Linux describe it,
 * Linux's errno for every case; kernel/syscall.c's table calls them with
 * the user's a0-a5, and their return value goes back in a0. The files they
 * live in: kernel/sys.c unless said below (read, write and writev:
 * kernel/read_write.c; exit: kernel/exit.c).
 */
long sys_read(unsigned long fd, char *buf, unsigned long count);
long sys_pread64(unsigned long fd, char *buf, unsigned long count, long pos);
long sys_write(unsigned long fd, const char *buf, unsigned long count);
long sys_writev(unsigned long fd, const void *vec, unsigned long vlen);
long sys_exit(long code);
long sys_set_tid_address(int *tidptr);
long sys_nanosleep(const void *rqtp, void *rmtp);
long sys_clock_gettime(long which, void *tp);
long sys_clock_getres(long which, void *tp);
long sys_clock_nanosleep(long which, long flags, const void *rqtp, void *rmtp);
long sys_sched_yield(void);
long sys_uname(void *name);
long sys_getpid(void);
long sys_getuid(void);
long sys_setpgid(long pid, long pgid);
long sys_getpgid(long pid);
long sys_getsid(long pid);
long sys_setsid(void);
long sys_gettid(void);
long sys_sysinfo(void *info);
long sys_brk(unsigned long brk);
long sys_munmap(unsigned long addr, unsigned long len);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	      unsigned long fd, unsigned long off);
long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot);
long sys_madvise(unsigned long start, unsigned long len, long behavior);
long sys_msync(unsigned long start, unsigned long len, long flags);
long sys_mlock(unsigned long start, unsigned long len);
long sys_mlock2(unsigned long start, unsigned long len, unsigned long flags);
long sys_munlock(unsigned long start, unsigned long len);
long sys_mlockall(unsigned long flags);
long sys_munlockall(void);
long sys_mincore(unsigned long start, unsigned long len, void *vec);
long sys_pkey_mprotect(unsigned long start, unsigned long len, unsigned long prot, long pkey);
long sys_pkey_alloc(unsigned long flags, unsigned long init_val);
long sys_pkey_free(long pkey);
long sys_mseal(unsigned long start, unsigned long len, unsigned long flags);
long sys_prctl(long option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5);
long sys_prlimit64(long pid, unsigned long resource, const void *new_rlim, void *old_rlim);
long sys_getrlimit(unsigned long resource, void *rlim);
long sys_setrlimit(unsigned long resource, const void *rlim);
/* kernel/futex.c, kernel/random.c */
long sys_set_robust_list(unsigned long head, unsigned long len);
long sys_getrandom(char *buf, unsigned long len, unsigned long flags);
/* Processes: kernel/fork.c, kernel/exec.c, kernel/exit.c. */
long sys_clone(unsigned long clone_flags, unsigned long newsp, int *parent_tidptr,
	       unsigned long tls, int *child_tidptr);
long sys_execve(const char *filename, const char *const *argv, const char *const *envp);
long sys_wait4(long pid, int *stat_addr, long options, void *ru);
long sys_getppid(void);
/* pidfds: kernel/pid.c; process_mrelease: mm/oom_kill.c. */
long sys_pidfd_open(long pid, unsigned long flags);
long sys_process_mrelease(long pidfd, unsigned long flags);
/* Signals: kernel/signal.c, kernel/itimer.c, platform/riscv/kernel/signal.c; kernel/select.c. */
long sys_kill(long pid, long sig);
long sys_tkill(long pid, long sig);
long sys_tgkill(long tgid, long pid, long sig);
long sys_sigaltstack(const stack_t *uss, stack_t *uoss);
long sys_rt_sigsuspend(const sigset_t *unewset, unsigned long sigsetsize);
long sys_rt_sigaction(long sig, const struct sigaction *act, struct sigaction *oact,
		      unsigned long sigsetsize);
long sys_rt_sigprocmask(long how, const sigset_t *nset, sigset_t *oset, unsigned long sigsetsize);
long sys_rt_sigpending(sigset_t *uset, unsigned long sigsetsize);
long sys_rt_sigreturn(void);
long sys_rt_sigtimedwait(const sigset_t *uthese, void *uinfo, const void *uts,
			 unsigned long sigsetsize);
long sys_getitimer(long which, void *value);
long sys_setitimer(long which, const void *value, void *ovalue);
long sys_ppoll(void *ufds, unsigned long nfds, const void *tsp, const sigset_t *sigmask,
	       unsigned long sigsetsize);
/* Files: kernel/open.c, kernel/file.c, kernel/fcntl.c, kernel/read_write.c. */
long sys_openat(long dfd, const char *filename, long flags, long mode);
long sys_close(unsigned long fd);
long sys_dup(unsigned long fd);
long sys_dup3(unsigned long oldfd, unsigned long newfd, unsigned long flags);
/* kernel/pipe.c */
long sys_pipe2(int *fildes, unsigned long flags);
long sys_vmsplice(unsigned long fd, const void *uiov, unsigned long nr_segs, unsigned long flags);
long sys_fcntl(unsigned long fd, unsigned long cmd, unsigned long arg);
long sys_lseek(unsigned long fd, long offset, unsigned long whence);
long sys_pwrite64(unsigned long fd, const char *buf, unsigned long count, long pos);
/* kernel/open.c; mm/memfd.c */
long sys_ftruncate(unsigned long fd, long length);
long sys_fallocate(unsigned long fd, long mode, long offset, long len);
long sys_memfd_create(const char *uname, unsigned long flags);
/* kernel/libfs.c */
long sys_unlinkat(long dfd, const char *pathname, long flag);
/* kernel/stat.c, kernel/ioctl.c */
long sys_fstat(unsigned long fd, void *statbuf);
long sys_newfstatat(long dfd, const char *filename, void *statbuf, long flag);
long sys_readlinkat(long dfd, const char *pathname, char *buf, long bufsiz);
long sys_ioctl(unsigned long fd, unsigned long cmd, unsigned long arg);
/* The working directory: kernel/open.c (chdir, fchdir), kernel/d_path.c (getcwd). */
long sys_chdir(const char *filename);
long sys_fchdir(unsigned long fd);
long sys_getcwd(char *buf, unsigned long size);
/* kernel/readdir.c */
long sys_getdents64(unsigned long fd, void *dirent, unsigned long count);
/* kernel/reboot.c */
long sys_reboot(long magic1, long magic2, unsigned long cmd, void *arg);
/* kernel/socket.c */
long sys_socketpair(long family, long type, long protocol, int *usockvec);
long sys_sendto(unsigned long fd, void *buff, unsigned long len, unsigned long flags, void *addr,
		long addr_len);
long sys_recvfrom(unsigned long fd, void *ubuf, unsigned long size, unsigned long flags, void *addr,
		  int *addr_len);
long sys_getsockopt(unsigned long fd, long level, long optname, void *optval, int *optlen);
long sys_shutdown(unsigned long fd, long how);
struct user_msghdr;
long sys_sendmsg(unsigned long fd, const struct user_msghdr *msg, unsigned long flags);
long sys_recvmsg(unsigned long fd, struct user_msghdr *msg, unsigned long flags);

#endif
