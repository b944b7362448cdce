// SPDX-License-Identifier: GPL-2.0
/* segv-write-ro: a store to a PROT_READ mapping must kill the program. */
#include "lib/util.h"
#include "syscall.h"

int main(void)
{
	const char *what = "write to a read-only mapping";
	long m = sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	bad_access_begin(what);
	*(volatile int *)m = 1;
	return bad_access_survived(what);
}
