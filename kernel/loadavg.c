// SPDX-License-Identifier: GPL-2.0
/*
 * The load average, as Linux's kernel/sched/loadavg.c computes it: every
 * LOAD_FREQ the number of active tasks (running or runnable; Linux adds
 * the uninterruptible ones, which Loam does not have) is folded into three
 * exponentially decaying averages of 1, 5 and 15 minutes, in fixed point.
 * One CPU samples the whole system at its tick (Linux folds per-CPU
 * deltas for NO_HZ; with a tick on every CPU the sum is the same).
 */
#include <kernel_stat.h>
#include <timer.h>

#define LOAD_FREQ (5 * HZ + 1) /* 5 s intervals */
/* 1/exp(5 s / 1 min), 1/exp(5 s / 5 min), 1/exp(5 s / 15 min) in fixed point (Linux's EXP_n). */
#define EXP_1 1884
#define EXP_5 2014
#define EXP_15 2037

unsigned long avenrun[3];
static unsigned long calc_load_ticks;

/* Linux's calc_load(): a1 = a0 * e + a * (1 - e), rounded up while the load grows. */
static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

void calc_global_load(void)
{
	unsigned long active;

	if (++calc_load_ticks < LOAD_FREQ)
		return;
	calc_load_ticks = 0;
	active = (unsigned long)nr_running() * FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
}
