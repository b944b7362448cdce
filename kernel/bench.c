// SPDX-License-Identifier: GPL-2.0
/* make bench: boot milestones and micro-benchmarks (see include/bench.h). */
#include <bench.h>
#include <params.h>
#include <printk.h>
#include <smp.h>
#include <string.h>

extern const struct bench __bench_start[], __bench_end[];
extern unsigned long console_instret;

static bool bench_enabled, bench_micro;
static unsigned long entry_instret;

/* "bench": milestones and micro-benchmarks; "bench=boot": milestones only, an undisturbed boot. */
static int __init_bench(char *arg)
{
	bench_enabled = true;
	bench_micro = !arg || strcmp(arg, "boot");
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

void bench_report(const char *bench, const char *what, unsigned long insns, unsigned long ops)
{
	pr_info("bench: %s %s %lu per op (%lu ops)\n", bench, what, insns / ops, ops);
}

void bench_report_bytes(const char *bench, const char *what, unsigned long used, unsigned long live)
{
	pr_info("bench: %s %s %lu bytes for %lu bytes\n", bench, what, used, live);
}

void run_benches(void)
{
	const struct bench *b;

	if (!bench_micro)
		return;
	for (b = __bench_start; b < __bench_end; b++)
		b->run();
}
