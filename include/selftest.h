/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In-kernel self-tests, selected with selftest=NAME[,NAME...] (or "all") and
 * reported in KTAP (Documentation/dev-tools/ktap.rst): one subtest per suite,
 * one result line per case, which tests/run parses. The suites and their
 * runner live in tests/kernel/, out of the product code.
 */
#ifndef LOAM_SELFTEST_H
#define LOAM_SELFTEST_H

#include <kernel.h>

struct ktap_suite {
	unsigned int cases, done, failed;
};

struct selftest {
	const char *name;
	unsigned int cases; /* the plan: how many ktap_case() calls run() makes */
	void (*run)(struct ktap_suite *s);
};

#define DEFINE_SELFTEST(n, nr_cases, fn)                                               \
	static const struct selftest __selftest_##n __used __section(".init.selftest") \
		__aligned(8) = { #n, nr_cases, fn }

/* Report one case: "ok N - name" or "not ok N - name # reason". */
__printf(4, 5) void ktap_case(struct ktap_suite *s, bool ok, const char *name,
			      const char *reason_fmt, ...);

/*
 * start_kernel()'s one hook into tests/kernel/: the benchmarks ("bench"),
 * the suites named by selftest= and crash=, each only when asked for.
 */
void run_boot_tests(void);

#endif
