/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Time since reset from the `time` CSR (privileged spec 3.1.10 / Zicntr),
 * which ticks at the DTB's /cpus timebase-frequency on every hart.
 */
#ifndef LOAM_SCHED_CLOCK_H
#define LOAM_SCHED_CLOCK_H

#include <asm/csr.h>
#include <types.h>

extern u64 riscv_timebase;

static inline u64 get_cycles(void)
{
	return csr_read(time);
}

/* Until time_init() the timebase is unknown and the clock reads 0. */
void time_init(u64 timebase_hz);
u64 sched_clock(void);

#endif
