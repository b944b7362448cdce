// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/uptime, /proc/loadavg and /proc/stat, in the formats of Linux's
 * fs/proc/uptime.c, fs/proc/loadavg.c and fs/proc/stat.c: what uptime,
 * top, vmstat and ps read. Times are in USER_HZ (100) ticks, Loam's HZ.
 */
#include <kernel.h>
#include <kernel_stat.h>
#include <printk.h>
#include <proc_internal.h>
#include <sched.h>
#include <sched_clock.h>
#include <seq_buf.h>
#include <smp.h>
#include <timer.h>

#define NSEC_PER_TICK (1000000000ULL / HZ)

/* The CPUs' idle time, in ns. */
static u64 idle_time_ns(void)
{
	u64 idle = 0;
	int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		idle += READ_ONCE(kernel_cpustat[cpu].cpustat[CPUTIME_IDLE]);
	return idle;
}

/* "%lu.%02lu %lu.%02lu\n": the time since boot and the idle time summed over the CPUs. */
void uptime_show(struct seq_buf *m)
{
	u64 up = sched_clock(), idle = idle_time_ns();

	seq_buf_printf(m, "%llu.%02llu %llu.%02llu\n", up / 1000000000ULL,
		       up % 1000000000ULL / 10000000ULL, idle / 1000000000ULL,
		       idle % 1000000000ULL / 10000000ULL);
}

/* The three averages (rounded: FIXED_1/200 added), running/all tasks, the last pid. */
void loadavg_show(struct seq_buf *m)
{
	unsigned long a[3];
	int i;

	for (i = 0; i < 3; i++)
		a[i] = READ_ONCE(avenrun[i]) + FIXED_1 / 200;
	seq_buf_printf(m, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%d %d\n", LOAD_INT(a[0]),
		       LOAD_FRAC(a[0]), LOAD_INT(a[1]), LOAD_FRAC(a[1]), LOAD_INT(a[2]),
		       LOAD_FRAC(a[2]), nr_running(), READ_ONCE(nr_threads), last_pid_allocated());
}

/* One "cpu" line: user nice system idle iowait irq softirq steal guest guest_nice, in ticks. */
static void show_cpu_line(struct seq_buf *m, const char *name, const u64 *t)
{
	seq_buf_printf(m, "%s %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu\n", name,
		       t[CPUTIME_USER] / NSEC_PER_TICK, t[CPUTIME_NICE] / NSEC_PER_TICK,
		       t[CPUTIME_SYSTEM] / NSEC_PER_TICK, t[CPUTIME_IDLE] / NSEC_PER_TICK,
		       t[CPUTIME_IOWAIT] / NSEC_PER_TICK, t[CPUTIME_IRQ] / NSEC_PER_TICK,
		       t[CPUTIME_SOFTIRQ] / NSEC_PER_TICK, t[CPUTIME_STEAL] / NSEC_PER_TICK,
		       t[CPUTIME_GUEST] / NSEC_PER_TICK, t[CPUTIME_GUEST_NICE] / NSEC_PER_TICK);
}

/*
 * show_stat(): the sum over the CPUs ("cpu  ", two blanks), each online
 * CPU, then the counters. "intr" gives the total only, without Linux's
 * count per interrupt number after it; btime is 0 (CLOCK_REALTIME counts
 * from boot, see the README); no task sleeps uninterruptibly
 * (procs_blocked 0) and Loam has no softirqs (all zero).
 */
void proc_stat_show(struct seq_buf *m)
{
	u64 sum[NR_STATS] = { 0 }, t[NR_STATS];
	unsigned long irqs = 0;
	char name[16];
	int cpu, i;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		for (i = 0; i < NR_STATS; i++)
			sum[i] += READ_ONCE(kernel_cpustat[cpu].cpustat[i]);
		irqs += READ_ONCE(kstat_irqs_cpu[cpu]);
	}
	show_cpu_line(m, "cpu ", sum);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		for (i = 0; i < NR_STATS; i++)
			t[i] = READ_ONCE(kernel_cpustat[cpu].cpustat[i]);
		snprintf(name, sizeof(name), "cpu%d", cpu);
		show_cpu_line(m, name, t);
	}
	seq_buf_printf(m, "intr %lu\nctxt %llu\nbtime 0\nprocesses %lu\n", irqs,
		       nr_context_switches(), READ_ONCE(total_forks));
	seq_buf_printf(m, "procs_running %u\nprocs_blocked 0\n", nr_running());
	seq_buf_printf(m, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
}
