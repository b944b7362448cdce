// SPDX-License-Identifier: GPL-2.0
/*
 * crash=, Loam's small version of Linux's LKDTM (drivers/misc/lkdtm): a
 * deliberate kernel fault that must end in a clean panic with the decoded
 * cause (and, for store/exec, proves W^X is enforced).
 */
#include <params.h>
#include <printk.h>
#include <sched.h>
#include <sections.h>
#include <string.h>

#include "boot_tests.h"

static char crash_kind[16];

static int __init_crash(char *arg)
{
	if (!arg)
		return -1;
	strlcpy(crash_kind, arg, sizeof(crash_kind));
	return 0;
}
early_param("crash", __init_crash);

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
