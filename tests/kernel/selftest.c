// SPDX-License-Identifier: GPL-2.0
/* KTAP runner for in-kernel self-tests (selftest=, include/selftest.h). */
#include <params.h>
#include <printk.h>
#include <selftest.h>
#include <stdarg.h>
#include <string.h>

#include "boot_tests.h"

extern const struct selftest __selftest_start[], __selftest_end[];

static char selftest_names[128];

static int __init_selftest(char *arg)
{
	if (!arg)
		return -1;
	strlcpy(selftest_names, arg, sizeof(selftest_names));
	return 0;
}
early_param("selftest", __init_selftest);

void ktap_case(struct ktap_suite *s, bool ok, const char *name, const char *reason_fmt, ...)
{
	char reason[160] = "";
	va_list args;

	s->done++;
	if (ok) {
		pr_info("    ok %u - %s\n", s->done, name);
		return;
	}
	s->failed++;
	va_start(args, reason_fmt);
	vsnprintf(reason, sizeof(reason), reason_fmt, args);
	va_end(args);
	pr_info("    not ok %u - %s # %s\n", s->done, name, reason);
}

static bool selected(const char *name)
{
	size_t n = strlen(name);
	const char *p = selftest_names;

	if (!strcmp(p, "all"))
		return true;
	for (; p; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (!strncmp(p, name, n) && (p[n] == ',' || p[n] == '\0'))
			return true;
	}
	return false;
}

/* Names in selftest= that match no suite: reported as failures. */
static unsigned int count_unknown(bool report, unsigned int first)
{
	const char *p = selftest_names;
	unsigned int unknown = 0;

	if (!strcmp(p, "all"))
		return 0;
	while (*p) {
		const struct selftest *t;
		size_t n = strchr(p, ',') ? (size_t)(strchr(p, ',') - p) : strlen(p);
		bool known = false;

		for (t = __selftest_start; t < __selftest_end; t++)
			if (strlen(t->name) == n && !strncmp(t->name, p, n))
				known = true;
		if (!known) {
			if (report)
				pr_info("not ok %u - %.*s # no such selftest\n", first + unknown,
					(int)n, p);
			unknown++;
		}
		p += n + (p[n] == ',');
	}
	return unknown;
}

void run_selftests(void)
{
	const struct selftest *t;
	unsigned int plan = 0, n = 0;

	if (!selftest_names[0])
		return;
	for (t = __selftest_start; t < __selftest_end; t++)
		plan += selected(t->name);
	plan += count_unknown(false, 0);

	pr_info("KTAP version 1\n");
	pr_info("1..%u\n", plan);
	for (t = __selftest_start; t < __selftest_end; t++) {
		struct ktap_suite s = { .cases = t->cases };

		if (!selected(t->name))
			continue;
		pr_info("    KTAP version 1\n");
		pr_info("    # Subtest: %s\n", t->name);
		pr_info("    1..%u\n", t->cases);
		t->run(&s);
		if (s.done != s.cases)
			pr_info("    not ok %u - plan # %u cases planned, %u run\n", s.done + 1,
				s.cases, s.done);
		if (s.failed || s.done != s.cases)
			pr_info("not ok %u - %s\n", ++n, t->name);
		else
			pr_info("ok %u - %s\n", ++n, t->name);
	}
	count_unknown(true, n + 1);
}
