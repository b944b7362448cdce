// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

static int planned, ran, failed;
/* A program another one spawned prints its TAP as a subtest: indented, as KTAP nests. */
static const char *indent = "";

void tap_plan(int n)
{
	const char *env = getenv("TAP_INDENT");

	if (env)
		indent = env;
	planned = n;
	printf("%s1..%d\n", indent, n);
}

static void result(const char *verdict, const char *fmt, va_list ap, const char *directive)
{
	printf("%s%s %d - ", indent, verdict, ++ran);
	vprintf(fmt, ap);
	printf("%s\n", directive);
}

bool tap_ok(bool cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	result(cond ? "ok" : "not ok", fmt, ap, "");
	va_end(ap);
	if (!cond)
		failed++;
	return cond;
}

void tap_skip(const char *why, const char *fmt, ...)
{
	va_list ap;
	char directive[128];

	snprintf(directive, sizeof(directive), " # SKIP %s", why);
	va_start(ap, fmt);
	result("ok", fmt, ap, directive);
	va_end(ap);
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("%s# ", indent);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

int tap_done(void)
{
	if (ran != planned)
		tap_diag("planned %d tests but ran %d", planned, ran);
	if (failed)
		tap_diag("failed %d of %d", failed, ran);
	return failed || ran != planned;
}

bool tap_expect(long r, long want, const char *what)
{
	return tap_ok(r == want, "%s: %ld (want %ld)", what, r, want);
}
