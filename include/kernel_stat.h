/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What /proc/stat and /proc/uptime count (Linux's include/linux/kernel_stat.h):
 * each CPU's time by kind, sampled by the timer tick as Linux's tick-based
 * accounting does (account_process_tick(): the tick's whole TICK_NSEC goes
 * to user, system or idle), context switches, interrupts and forks.
 */
#ifndef LOAM_KERNEL_STAT_H
#define LOAM_KERNEL_STAT_H

#include <smp.h>
#include <types.h>

/* Linux's enum cpu_usage_stat, in /proc/stat's column order. */
enum cpu_usage_stat {
	CPUTIME_USER,
	CPUTIME_NICE,
	CPUTIME_SYSTEM,
	CPUTIME_SOFTIRQ,
	CPUTIME_IRQ,
	CPUTIME_IDLE,
	CPUTIME_IOWAIT,
	CPUTIME_STEAL,
	CPUTIME_GUEST,
	CPUTIME_GUEST_NICE,
	NR_STATS,
};

/* One CPU's times in ns (Linux's per-CPU kernel_cpustat), written by that CPU's tick only. */
struct kernel_cpustat {
	u64 cpustat[NR_STATS];
};

extern struct kernel_cpustat kernel_cpustat[NR_CPUS];
/* Interrupts each CPU took (Linux's kstat_irqs_sum; counted in do_irq()). */
extern unsigned long kstat_irqs_cpu[NR_CPUS];
/* Context switches so far, all CPUs (Linux's nr_context_switches()). */
unsigned long long nr_context_switches(void);
/* Tasks running or waiting for a CPU, the idle tasks not counted (Linux's nr_running()). */
unsigned int nr_running(void);
/* clone()s that made a process since boot (Linux's total_forks). */
extern unsigned long total_forks;
/* The last pid handed out (/proc/loadavg's last field). */
int last_pid_allocated(void);

/*
 * Linux's load averages (kernel/sched/loadavg.c): avenrun[] in fixed point
 * with FSHIFT bits, updated every LOAD_FREQ by calc_global_load() from the
 * number of running tasks (Loam has no uninterruptible sleep to add).
 */
#define FSHIFT 11
#define FIXED_1 (1 << FSHIFT)
#define LOAD_INT(x) ((x) >> FSHIFT)
#define LOAD_FRAC(x) LOAD_INT(((x) & (FIXED_1 - 1)) * 100)
extern unsigned long avenrun[3];
/* Called by CPU 0's timer tick: every LOAD_FREQ (5 s + 1 tick) a new sample. */
void calc_global_load(void);

#endif
