// SPDX-License-Identifier: GPL-2.0
/*
 * free [-b|-k|-m|-g]: procps-ng 4's table from /proc/meminfo, computed as
 * its meminfo library does (procps-ng 4.0.1 and later): buff/cache =
 * Buffers + Cached + SReclaimable, available = MemAvailable (MemFree
 * without it), used = total - available; a field the kernel does not have
 * counts 0.
 * Units: KiB by default, -m MiB, -g GiB, -b bytes.
 */
#include <stdio.h>
#include <string.h>

#include "../lib/tools.h"

/* One row: the label, then each value in the chosen unit (@shift from KiB; -10: bytes). */
static void row(const char *label, const long *kb, int n, int shift)
{
	int i;

	printf("%-8s", label);
	for (i = 0; i < n; i++)
		printf(" %11ld", shift < 0 ? kb[i] << 10 : kb[i] >> shift);
	printf("\n");
}

int main(int argc, char **argv)
{
	long total, mfree, cache, used, mem[6], swap[3];
	static char buf[8192];
	int shift = 0;

	if (argc > 1) {
		if (!strcmp(argv[1], "-m") || !strcmp(argv[1], "--mebi"))
			shift = 10;
		else if (!strcmp(argv[1], "-g") || !strcmp(argv[1], "--gibi"))
			shift = 20;
		else if (!strcmp(argv[1], "-b") || !strcmp(argv[1], "--bytes"))
			shift = -10;
		else if (strcmp(argv[1], "-k") && strcmp(argv[1], "--kibi")) {
			fprintf(stderr, "usage: free [-b|-k|-m|-g]\n");
			return 1;
		}
	}
	if (read_file("/proc/meminfo", buf, sizeof(buf)) < 0) {
		fprintf(stderr, "free: cannot read /proc/meminfo\n");
		return 1;
	}
	total = field_value(buf, "MemTotal", 0);
	mfree = field_value(buf, "MemFree", 0);
	cache = field_value(buf, "Buffers", 0) + field_value(buf, "Cached", 0) +
		field_value(buf, "SReclaimable", 0);
	mem[5] = field_value(buf, "MemAvailable", mfree);
	used = total - mem[5];
	mem[0] = total;
	mem[1] = used;
	mem[2] = mfree;
	mem[3] = field_value(buf, "Shmem", 0);
	mem[4] = cache;
	swap[0] = field_value(buf, "SwapTotal", 0);
	swap[2] = field_value(buf, "SwapFree", 0);
	swap[1] = swap[0] - swap[2];
	printf("               total        used        free      shared  buff/cache   available\n");
	row("Mem:", mem, 6, shift);
	row("Swap:", swap, 3, shift);
	return 0;
}
