/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Figures for `make bench`, printed when "bench" is on the command line:
 * guest instruction counts (the instret CSR, which under QEMU's
 * -icount shift=0 is also guest time in ns) at boot milestones, and
 * micro-benchmarks registered with DEFINE_BENCH. tests/bench parses the
 * "bench: " lines. One hart, so instret counts every instruction run.
 * The milestones (bench_start(), bench_mark()) are markers in the product
 * paths, like Linux's trace points (kernel/bench.c); the benchmarks and
 * their reports are in tests/kernel/.
 */
#ifndef LOAM_BENCH_H
#define LOAM_BENCH_H

#include <kernel.h>

struct bench {
	const char *name;
	void (*run)(void);
};

#define DEFINE_BENCH(n, fn)                                                   \
	static const struct bench __bench_##n __used __section(".init.bench") \
		__aligned(8) = { #n, fn }

/* Remember where the kernel started counting (first thing start_kernel does). */
void bench_start(void);
/*
 * "bench: <what> instret=<since reset> kernel=<since start> console=<in SBI
 * console> idle=<in wfi, all harts>"
 */
void bench_mark(const char *what);
/* "bench: <bench> <what> <insns / ops> per op (<ops> ops)" */
void bench_report(const char *bench, const char *what, unsigned long insns, unsigned long ops);
/* "bench: <bench> <what> <used> bytes for <live> bytes": memory taken for @live bytes of data */
void bench_report_bytes(const char *bench, const char *what, unsigned long used,
			unsigned long live);

static inline unsigned long bench_instret(void)
{
	unsigned long v;

	__asm__ __volatile__("csrr %0, instret" : "=r"(v));
	return v;
}

#endif
