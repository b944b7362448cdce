// SPDX-License-Identifier: GPL-2.0
/*
 * kill [-SIGNAL | -s SIGNAL | -l] PID...: send a signal (TERM by default),
 * as procps' kill; a negative PID is a process group.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/tools.h"
#include "../syscall.h"

static void list_signals(void)
{
	int sig;

	for (sig = 1; signal_name(sig); sig++)
		printf("%2d) SIG%-8s%s", sig, signal_name(sig), sig % 4 ? " " : "\n");
	printf("\n");
}

int main(int argc, char **argv)
{
	int sig = 15, i = 1, status = 0;
	char *end;
	long pid, r;

	if (argc > 1 && !strcmp(argv[1], "-l")) {
		list_signals();
		return 0;
	}
	if (argc > 2 && !strcmp(argv[1], "-s")) {
		sig = signal_number(argv[2]);
		i = 3;
	} else if (argc > 1 && argv[1][0] == '-' && argv[1][1] &&
		   (argv[1][1] < '0' || argv[1][1] > '9' || argc > 2)) {
		sig = signal_number(argv[1] + 1);
		i = 2;
	}
	if (!sig || i >= argc) {
		fprintf(stderr, "usage: kill [-SIGNAL | -s SIGNAL] PID... | kill -l\n");
		return 2;
	}
	for (; i < argc; i++) {
		pid = strtol(argv[i], &end, 10);
		r = *end || end == argv[i] ? -22 : syscall6(__NR_kill, pid, sig, 0, 0, 0, 0);
		if (r < 0) {
			fprintf(stderr, "kill: (%s) - %s\n", argv[i], strerror(-r));
			status = 1;
		}
	}
	return status;
}
