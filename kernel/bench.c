// SPDX-License-Identifier: GPL-2.0
/*
 * make bench's boot milestones (see include/bench.h): markers that stay in
 * the product paths, like Linux's trace points, and print only when "bench"
 * is on the command line. The micro-benchmarks are in tests/kernel/bench.c.
 */
#include <bench.h>
#include <params.h>
#include <printk.h>
#include <smp.h>

extern unsigned long console_instret;

static bool bench_enabled;
static unsigned long entry_instret;

/* "bench" or "bench=boot": print the milestones (the value is for tests/kernel/bench.c). */
static int __init_bench(char *arg)
{
	bench_enabled = true;
	return 0;
}
early_param("bench", __init_bench);

void bench_start(void)
{
	entry_instret = bench_instret();
}

void bench_mark(const char *what)
{
	unsigned long now = bench_instret();

	unsigned long idle = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		idle += READ_ONCE(cpu_info[cpu].idle_instret);
	if (bench_enabled)
		pr_info("bench: %s instret=%lu kernel=%lu console=%lu idle=%lu\n", what, now,
			now - entry_instret, console_instret, idle);
}
