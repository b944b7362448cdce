// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>

#include "tap.h"

static int planned, ran, failed;

void tap_plan(int n)
{
	planned = n;
	printf("1..%d\n", n);
}

static void result(const char *verdict, const char *fmt, va_list ap, const char *directive)
{
	printf("%s %d - ", verdict, ++ran);
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

	printf("# ");
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
