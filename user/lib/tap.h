/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TAP output for the user programs (https://testanything.org):
 *   1..N            the plan, first
 *   ok 3 - name     or "not ok 3 - name", one per case
 *   # text          diagnostics
 * With TAP_INDENT in the environment (a parent running us as a subtest),
 * every line starts with it.
 * tap_done() gives main()'s exit status: 0 only if every planned case ran
 * and passed, so both the kernel's exit-status report and a TAP reader agree.
 */
#ifndef _USER_TAP_H
#define _USER_TAP_H

#include <stdbool.h>

void tap_plan(int n);
bool tap_ok(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tap_skip(const char *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int tap_done(void);
/* The case "@what: R (want W)": a system call's result @r (or -errno) must be @want. */
bool tap_expect(long r, long want, const char *what);

#endif /* _USER_TAP_H */
