// SPDX-License-Identifier: GPL-2.0
/*
 * System call dispatch with Linux's riscv64 ABI (asm-generic/unistd.h
 * numbers): ecall with the number in a7, arguments in a0-a5, the result or
 * -errno back in a0. A number Loam does not implement returns -ENOSYS and is
 * logged once, so that a program's needs show up in the boot log.
 */
#include <kernel.h>
#include <printk.h>
#include <sched.h>
#include <syscalls.h>
#include <traps.h>
#include <uapi/errno.h>
#include <uapi/unistd.h>

typedef long (*syscall_fn_t)(unsigned long, unsigned long, unsigned long, unsigned long,
			     unsigned long, unsigned long);

/* All parameters are register-sized (see <syscalls.h>): one call type fits all. */
#define SYSCALL(nr, fn) [nr] = (syscall_fn_t)(void (*)(void))(fn)

static const syscall_fn_t sys_call_table[__NR_syscalls] = {
	SYSCALL(__NR_dup, sys_dup),
	SYSCALL(__NR_dup3, sys_dup3),
	SYSCALL(__NR_pipe2, sys_pipe2),
	SYSCALL(__NR_vmsplice, sys_vmsplice),
	SYSCALL(__NR_fcntl, sys_fcntl),
	SYSCALL(__NR_openat, sys_openat),
	SYSCALL(__NR_close, sys_close),
	SYSCALL(__NR_lseek, sys_lseek),
	SYSCALL(__NR_read, sys_read),
	SYSCALL(__NR_pread64, sys_pread64),
	SYSCALL(__NR_pwrite64, sys_pwrite64),
	SYSCALL(__NR_ftruncate, sys_ftruncate),
	SYSCALL(__NR_fallocate, sys_fallocate),
	SYSCALL(__NR_memfd_create, sys_memfd_create),
	SYSCALL(__NR_unlinkat, sys_unlinkat),
	SYSCALL(__NR_write, sys_write),
	SYSCALL(__NR_writev, sys_writev),
	SYSCALL(__NR_exit, sys_exit),
	SYSCALL(__NR_exit_group, sys_exit),
	SYSCALL(__NR_set_tid_address, sys_set_tid_address),
	SYSCALL(__NR_nanosleep, sys_nanosleep),
	SYSCALL(__NR_clock_gettime, sys_clock_gettime),
	SYSCALL(__NR_clock_getres, sys_clock_getres),
	SYSCALL(__NR_clock_nanosleep, sys_clock_nanosleep),
	SYSCALL(__NR_sched_yield, sys_sched_yield),
	SYSCALL(__NR_uname, sys_uname),
	SYSCALL(__NR_getpid, sys_getpid),
	SYSCALL(__NR_getppid, sys_getppid),
	SYSCALL(__NR_setpgid, sys_setpgid),
	SYSCALL(__NR_getpgid, sys_getpgid),
	SYSCALL(__NR_getsid, sys_getsid),
	SYSCALL(__NR_setsid, sys_setsid),
	SYSCALL(__NR_getuid, sys_getuid),
	SYSCALL(__NR_geteuid, sys_getuid),
	SYSCALL(__NR_getgid, sys_getuid),
	SYSCALL(__NR_getegid, sys_getuid),
	SYSCALL(__NR_gettid, sys_gettid),
	SYSCALL(__NR_sysinfo, sys_sysinfo),
	SYSCALL(__NR_brk, sys_brk),
	SYSCALL(__NR_munmap, sys_munmap),
	SYSCALL(__NR_mremap, sys_mremap),
	SYSCALL(__NR_clone, sys_clone),
	SYSCALL(__NR_execve, sys_execve),
	SYSCALL(__NR_mmap, sys_mmap),
	SYSCALL(__NR_mprotect, sys_mprotect),
	SYSCALL(__NR_msync, sys_msync),
	SYSCALL(__NR_mlock, sys_mlock),
	SYSCALL(__NR_munlock, sys_munlock),
	SYSCALL(__NR_mlockall, sys_mlockall),
	SYSCALL(__NR_munlockall, sys_munlockall),
	SYSCALL(__NR_mincore, sys_mincore),
	SYSCALL(__NR_madvise, sys_madvise),
	SYSCALL(__NR_mlock2, sys_mlock2),
	SYSCALL(__NR_wait4, sys_wait4),
	SYSCALL(__NR_prlimit64, sys_prlimit64),
	SYSCALL(__NR_getrlimit, sys_getrlimit),
	SYSCALL(__NR_setrlimit, sys_setrlimit),
	SYSCALL(__NR_set_robust_list, sys_set_robust_list),
	SYSCALL(__NR_getrandom, sys_getrandom),
	SYSCALL(__NR_ioctl, sys_ioctl),
	SYSCALL(__NR_readlinkat, sys_readlinkat),
	SYSCALL(__NR_newfstatat, sys_newfstatat),
	SYSCALL(__NR_fstat, sys_fstat),
	SYSCALL(__NR_kill, sys_kill),
	SYSCALL(__NR_tkill, sys_tkill),
	SYSCALL(__NR_tgkill, sys_tgkill),
	SYSCALL(__NR_sigaltstack, sys_sigaltstack),
	SYSCALL(__NR_rt_sigsuspend, sys_rt_sigsuspend),
	SYSCALL(__NR_rt_sigaction, sys_rt_sigaction),
	SYSCALL(__NR_rt_sigprocmask, sys_rt_sigprocmask),
	SYSCALL(__NR_rt_sigpending, sys_rt_sigpending),
	SYSCALL(__NR_rt_sigreturn, sys_rt_sigreturn),
	SYSCALL(__NR_rt_sigtimedwait, sys_rt_sigtimedwait),
	SYSCALL(__NR_getitimer, sys_getitimer),
	SYSCALL(__NR_setitimer, sys_setitimer),
	SYSCALL(__NR_ppoll, sys_ppoll),
	SYSCALL(__NR_getcwd, sys_getcwd),
	SYSCALL(__NR_chdir, sys_chdir),
	SYSCALL(__NR_fchdir, sys_fchdir),
	SYSCALL(__NR_getdents64, sys_getdents64),
	SYSCALL(__NR_reboot, sys_reboot),
	SYSCALL(__NR_prctl, sys_prctl),
	SYSCALL(__NR_pkey_mprotect, sys_pkey_mprotect),
	SYSCALL(__NR_pkey_alloc, sys_pkey_alloc),
	SYSCALL(__NR_pkey_free, sys_pkey_free),
	SYSCALL(__NR_mseal, sys_mseal),
	SYSCALL(__NR_pidfd_open, sys_pidfd_open),
	SYSCALL(__NR_process_mrelease, sys_process_mrelease),
	SYSCALL(__NR_socketpair, sys_socketpair),
	SYSCALL(__NR_sendto, sys_sendto),
	SYSCALL(__NR_recvfrom, sys_recvfrom),
	SYSCALL(__NR_getsockopt, sys_getsockopt),
	SYSCALL(__NR_shutdown, sys_shutdown),
	SYSCALL(__NR_sendmsg, sys_sendmsg),
	SYSCALL(__NR_recvmsg, sys_recvmsg),
};

/* One bit per number: "not implemented" is logged once each. */
static unsigned long enosys_logged[(__NR_syscalls + 63) / 64 + 1];

static long sys_ni_syscall(unsigned long nr)
{
	unsigned long bit = nr < __NR_syscalls ? nr : __NR_syscalls;

	if (!(__atomic_fetch_or(&enosys_logged[bit / 64], 1UL << (bit % 64), __ATOMIC_RELAXED) &
	      (1UL << (bit % 64))))
		pr_info("%s[%d]: syscall %lu not implemented\n", current->comm, current->pid, nr);
	return -ENOSYS;
}

void do_syscall(struct pt_regs *regs)
{
	unsigned long nr = regs->a7;
	syscall_fn_t fn = nr < __NR_syscalls ? sys_call_table[nr] : NULL;

	/* For a restart after a signal (platform/riscv/kernel/signal.c): the result overwrites a0. */
	regs->orig_a0 = regs->a0;
	if (!fn) {
		regs->a0 = sys_ni_syscall(nr);
		return;
	}
	regs->a0 = fn(regs->a0, regs->a1, regs->a2, regs->a3, regs->a4, regs->a5);
}
