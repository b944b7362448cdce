/* SPDX-License-Identifier: GPL-2.0 */
/* What run_boot_tests() (tests/kernel/boot_tests.c) runs, each only when asked on the command line. */
#ifndef LOAM_TESTS_KERNEL_BOOT_TESTS_H
#define LOAM_TESTS_KERNEL_BOOT_TESTS_H

/* "bench": every registered micro-benchmark (tests/kernel/bench.c). */
void run_benches(void);
/* selftest=: the suites it names (tests/kernel/selftest.c). */
void run_selftests(void);
/* crash=: fault on purpose to test the panic path (tests/kernel/crash.c). */
void crash_test(void);

#endif
