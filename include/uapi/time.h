/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The clock ids of clock_gettime() and clock_getres(), Linux's
 * include/uapi/linux/time.h: shared by the kernel and user programs.
 */
#ifndef LOAM_UAPI_TIME_H
#define LOAM_UAPI_TIME_H

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_TAI 11

/* setitimer()/getitimer(): which timer (include/uapi/linux/time.h). */
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

#ifndef __ASSEMBLER__
/* Linux's struct __kernel_old_timeval and __kernel_old_itimerval (64-bit longs on riscv64). */
struct __kernel_old_timeval {
	long tv_sec;
	long tv_usec;
};

struct __kernel_old_itimerval {
	struct __kernel_old_timeval it_interval; /* reloaded at each expiry; 0: once */
	struct __kernel_old_timeval it_value; /* until the next expiry; 0: disarmed */
};
#endif

#endif
