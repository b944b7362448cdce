// SPDX-License-Identifier: GPL-2.0
/*
 * oom-hog [limit, in MiB or with a unit: 200M]: map and touch anonymous memory in 1 MiB chunks, never
 * freeing any, until the OOM killer ends it with SIGKILL (user/oom-test.c
 * spawns it and checks that). Progress goes straight to stdout with write()
 * every 16 MiB: nothing buffered is lost when the kill comes.
 *
 * Outside Loam (qemu-user runs every program as a reference) it would eat the
 * host, so there it skips unless a limit is given.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tap.h"
#include "lib/tools.h"
#include "lib/util.h"
#include "syscall.h"

#define CHUNK MiB
#define REPORT_EVERY (16 * MiB)

static void __attribute__((format(printf, 1, 2))) say(const char *fmt, ...)
{
	char line[96];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	sys_write(1, line, n);
}

int main(int argc, char **argv)
{
	unsigned long limit = argc > 1 ? size_arg(argv[1]) : 0, total = 0, p;
	long m;

	if (!limit && !on_loam()) {
		printf("1..0 # SKIP eats memory until the OOM killer comes: Loam only\n");
		return 0;
	}
	say("# oom-hog: touching memory in 1 MiB chunks until killed\n");
	while (!limit || total < limit) {
		m = sys_mmap(0, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (SYS_ERR(m)) {
			say("# oom-hog: mmap failed after %lu MiB: %ld\n", total >> 20, m);
			return 1;
		}
		for (p = m; p < m + CHUNK; p += PAGE_SIZE)
			*(volatile unsigned long *)p = p;
		total += CHUNK;
		if (!(total % REPORT_EVERY))
			say("# oom-hog: %lu MiB touched\n", total >> 20);
	}
	/* Only with a limit: the caller wanted a bounded hog, which is not an OOM. */
	say("# oom-hog: reached the limit of %lu MiB, not killed\n", total >> 20);
	return 1;
}
