// SPDX-License-Identifier: GPL-2.0
/*
 * exit-with CODE [sleep MS | argv PPID WORD...]: a child for spawn-test. It
 * exits with CODE; "sleep" waits MS milliseconds first (a child still
 * running), "argv" checks what it was given: exactly the words
 * "two words" and "" after PPID, and PPID its parent's pid (exit 99 if not).
 * Without arguments it exits 0, so that it also passes as a test of its own.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "syscall.h"

int main(int argc, char **argv)
{
	int code = argc > 1 ? atoi(argv[1]) : 0;

	if (argc == 4 && !strcmp(argv[2], "sleep")) {
		long ms = atol(argv[3]);
		struct linux_timespec ts = { ms / 1000, ms % 1000 * 1000000 };

		sys_nanosleep(&ts, NULL);
	} else if (argc > 2 && !strcmp(argv[2], "argv")) {
		bool ok = argc == 6 && sys_getppid() == atol(argv[3]) &&
			  !strcmp(argv[4], "two words") && !strcmp(argv[5], "") && !argv[6];

		if (!ok)
			code = 99;
	}
	return code;
}
