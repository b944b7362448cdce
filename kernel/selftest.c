// SPDX-License-Identifier: GPL-2.0
/*
 * KTAP runner for in-kernel self-tests, and crash=, Loam's small version of
 * Linux's LKDTM: a deliberate kernel fault that must end in a clean panic
 * with the decoded cause (and, for store/exec, proves W^X is enforced).
 */
#include <params.h>
#include <printk.h>
#include <sections.h>
#include <sched.h>
#include <selftest.h>
#include <stdarg.h>
#include <string.h>

extern const struct selftest __selftest_start[], __selftest_end[];

static char selftest_names[128];
static char crash_kind[16];

static int __init_selftest(char *arg)
{
	if (!arg)
		return -1;
	strlcpy(selftest_names, arg, sizeof(selftest_names));
	return 0;
}
early_param("selftest", __init_selftest);

static int __init_crash(char *arg)
{
	if (!arg)
		return -1;
	strlcpy(crash_kind, arg, sizeof(crash_kind));
	return 0;
}
early_param("crash", __init_crash);

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

/* Something executable-looking in .data: jumping here must fault (NX). */
static u32 crash_data_insn[1] = { 0x00008067 /* ret */ };

/* Each call keeps a kilobyte on the stack: a 16 KiB stack lasts about 16 of them. */
static noinline unsigned long recurse(unsigned long depth)
{
	volatile char frame[1024];

	frame[0] = depth;
	return depth ? recurse(depth - 1) + frame[0] : 0;
}

static int overflow_thread(void *unused)
{
	return recurse(1000);
}

void crash_test(void)
{
	if (!crash_kind[0])
		return;
	pr_info("crash: %s, as requested on the command line\n", crash_kind);
	if (!strcmp(crash_kind, "load")) {
		unsigned long addr = 16; /* user space: nothing is mapped there */

		__asm__("" : "+r"(addr)); /* hide the constant from the compiler */
		(void)*(volatile unsigned long *)addr;
	} else if (!strcmp(crash_kind, "store-rodata"))
		*(volatile char *)__start_rodata = 0;
	else if (!strcmp(crash_kind, "exec-data"))
		((void (*)(void))crash_data_insn)();
	else if (!strcmp(crash_kind, "panic"))
		panic("crash=panic");
	else if (!strcmp(crash_kind, "stack-overflow")) {
		/* On a kthread's stack, which has a guard page below it (the boot stack has none). */
		struct task_struct *t = kthread_create(overflow_thread, NULL, "overflow");

		if (t) {
			wake_up_process(t);
			for (;;)
				schedule();
		}
	}
	pr_err("crash: unknown kind '%s' (load, store-rodata, exec-data, panic, stack-overflow)\n",
	       crash_kind);
}
