// SPDX-License-Identifier: GPL-2.0
/*
 * uptime: procps' line, " HH:MM:SS up T,  N user,  load average: a, b, c",
 * from /proc/uptime and /proc/loadavg. The clock is the time since boot
 * (Loam's CLOCK_REALTIME starts there); Loam has no logins: 0 users.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../lib/tools.h"
#include "../syscall.h"

int main(void)
{
	char up[128], load[128], when[32], l1[16], l5[16], l15[16];
	struct linux_timespec now;
	long secs, days, hours, mins;

	/* The averages as /proc/loadavg has them: already procps' "%.2f". */
	if (read_file("/proc/uptime", up, sizeof(up)) < 0 ||
	    read_file("/proc/loadavg", load, sizeof(load)) < 0 ||
	    sscanf(load, "%15s %15s %15s", l1, l5, l15) != 3) {
		fprintf(stderr, "uptime: cannot read /proc/uptime or /proc/loadavg\n");
		return 1;
	}
	secs = strtol(up, NULL, 10);
	sys_clock_gettime(CLOCK_REALTIME, &now);
	snprintf(when, sizeof(when), "%02ld:%02ld:%02ld", now.tv_sec / 3600 % 24,
		 now.tv_sec / 60 % 60, now.tv_sec % 60);
	days = secs / 86400;
	hours = secs / 3600 % 24;
	mins = secs / 60 % 60;
	printf(" %s up ", when);
	if (days)
		printf("%ld day%s, ", days, days > 1 ? "s" : "");
	if (hours)
		printf("%2ld:%02ld, ", hours, mins);
	else
		printf("%ld min, ", mins);
	printf(" 0 user,  load average: %s, %s, %s\n", l1, l5, l15);
	return 0;
}
