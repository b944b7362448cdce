/* SPDX-License-Identifier: GPL-2.0 */
/* System call numbers: Linux's asm-generic/unistd.h, which riscv64 uses. */
#ifndef LOAM_UAPI_UNISTD_H
#define LOAM_UAPI_UNISTD_H

#define __NR_dup 23
#define __NR_dup3 24
#define __NR_fcntl 25
#define __NR_ioctl 29
#define __NR_openat 56
#define __NR_close 57
#define __NR_pipe2 59
#define __NR_lseek 62
#define __NR_read 63
#define __NR_write 64
#define __NR_writev 66
#define __NR_pread64 67
#define __NR_ppoll 73
#define __NR_readlinkat 78
#define __NR_newfstatat 79
#define __NR_fstat 80
#define __NR_exit 93
#define __NR_exit_group 94
#define __NR_set_tid_address 96
#define __NR_set_robust_list 99
#define __NR_nanosleep 101
#define __NR_getitimer 102
#define __NR_setitimer 103
#define __NR_clock_gettime 113
#define __NR_clock_getres 114
#define __NR_sched_yield 124
#define __NR_kill 129
#define __NR_tkill 130
#define __NR_tgkill 131
#define __NR_sigaltstack 132
#define __NR_rt_sigsuspend 133
#define __NR_rt_sigaction 134
#define __NR_rt_sigprocmask 135
#define __NR_rt_sigpending 136
#define __NR_rt_sigtimedwait 137
#define __NR_rt_sigreturn 139
#define __NR_setpgid 154
#define __NR_getpgid 155
#define __NR_getsid 156
#define __NR_setsid 157
#define __NR_uname 160
#define __NR_getrlimit 163
#define __NR_setrlimit 164
#define __NR_getpid 172
#define __NR_getppid 173
#define __NR_getuid 174
#define __NR_geteuid 175
#define __NR_getgid 176
#define __NR_getegid 177
#define __NR_gettid 178
#define __NR_sysinfo 179
#define __NR_brk 214
#define __NR_munmap 215
#define __NR_mremap 216
#define __NR_clone 220
#define __NR_execve 221
#define __NR_mmap 222
#define __NR_mprotect 226
#define __NR_msync 227
#define __NR_mlock 228
#define __NR_munlock 229
#define __NR_mlockall 230
#define __NR_munlockall 231
#define __NR_mincore 232
#define __NR_madvise 233
#define __NR_wait4 260
#define __NR_prlimit64 261
#define __NR_getrandom 278
#define __NR_mlock2 284
#define __NR_syscalls 451

#endif
