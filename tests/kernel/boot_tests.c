// SPDX-License-Identifier: GPL-2.0
/*
 * The one hook start_kernel() calls for the in-kernel tests and
 * benchmarks: everything under tests/kernel/ is reached from here (or from
 * the .init.selftest and .init.bench tables it walks).
 */
#include <selftest.h>

#include "boot_tests.h"

void run_boot_tests(void)
{
	run_benches();
	run_selftests();
	crash_test();
}
