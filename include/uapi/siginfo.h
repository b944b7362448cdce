/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a signal says about itself (Linux's include/uapi/asm-generic/siginfo.h):
 * struct siginfo, 128 bytes, and the si_code values Loam sends. A handler
 * installed with SA_SIGINFO finds it as its second argument.
 */
#ifndef LOAM_UAPI_SIGINFO_H
#define LOAM_UAPI_SIGINFO_H

#define SI_MAX_SIZE 128

/* si_code: who sent it (<= 0: user space; SI_KERNEL: the kernel). */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_QUEUE -1
#define SI_TIMER -2
#define SI_TKILL -6

/* SIGILL */
#define ILL_ILLOPC 1
#define ILL_ILLTRP 11
/* SIGSEGV */
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
/* SIGBUS */
#define BUS_ADRALN 1
#define BUS_ADRERR 2
/* SIGTRAP */
#define TRAP_BRKPT 1
/* SIGCHLD */
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3

#ifndef __ASSEMBLER__
/* The union of what each kind of signal carries (Linux's __sifields, the parts Loam fills). */
union __sifields {
	struct {
		int _pid;
		unsigned int _uid;
	} _kill;
	struct {
		int _tid;
		int _overrun;
		long _sigval;
		int _sys_private;
	} _timer;
	struct {
		int _pid;
		unsigned int _uid;
		int _status;
		long _utime;
		long _stime;
	} _sigchld;
	struct {
		void *_addr;
	} _sigfault;
};

/* The kernel's own copy: the header and the union, without user space's padding to 128 bytes. */
typedef struct kernel_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	union __sifields _sifields;
} kernel_siginfo_t;

typedef struct siginfo {
	union {
		struct {
			int si_signo;
			int si_errno;
			int si_code;
			union __sifields _sifields;
		};
		int _si_pad[SI_MAX_SIZE / sizeof(int)];
	};
} siginfo_t;

#define si_pid _sifields._kill._pid
#define si_uid _sifields._kill._uid
#define si_status _sifields._sigchld._status
#define si_addr _sifields._sigfault._addr
#endif
#endif
