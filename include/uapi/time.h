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

#endif
