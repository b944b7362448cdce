// SPDX-License-Identifier: GPL-2.0
/* segv-read-none: a load from a PROT_NONE mapping must kill the program. */
#include "lib/util.h"
#include "syscall.h"

int main(void)
{
	const char *what = "read from a PROT_NONE mapping";
	long m = sys_mmap(0, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	bad_access_begin(what);
	(void)*(volatile int *)m;
	return bad_access_survived(what);
}
