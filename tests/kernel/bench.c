// SPDX-License-Identifier: GPL-2.0
/* make bench's micro-benchmarks (see include/bench.h): the runner and the report lines. */
#include <bench.h>
#include <params.h>
#include <printk.h>
#include <string.h>

#include "boot_tests.h"

extern const struct bench __bench_start[], __bench_end[];

static bool bench_micro;

/* "bench": run the micro-benchmarks; "bench=boot": milestones only, an undisturbed boot. */
static int __init_bench_micro(char *arg)
{
	bench_micro = !arg || strcmp(arg, "boot");
	return 0;
}
early_param("bench", __init_bench_micro);

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
