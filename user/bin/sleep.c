// SPDX-License-Identifier: GPL-2.0
/* sleep SECONDS: nanosleep that long (a decimal fraction allowed, as coreutils' sleep). */
#include <stdio.h>
#include <stdlib.h>

#include "../syscall.h"

int main(int argc, char **argv)
{
	struct linux_timespec ts;
	char *end;
	double s;

	if (argc != 2) {
		fprintf(stderr, "usage: sleep SECONDS\n");
		return 1;
	}
	s = strtod(argv[1], &end);
	if (*end || s < 0) {
		fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[1]);
		return 1;
	}
	ts.tv_sec = (long)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	/* A signal with a handler would end it early; sleep has none, so it runs to the end or dies. */
	while (sys_nanosleep(&ts, &ts) < 0)
		;
	return 0;
}
