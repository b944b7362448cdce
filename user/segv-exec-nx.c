// SPDX-License-Identifier: GPL-2.0
/*
 * segv-exec-nx: a jump into a readable, writable but not executable page
 * must kill the program (an instruction page fault), even though the page
 * holds a valid instruction.
 */
#include <stdint.h>

#include "lib/util.h"
#include "syscall.h"

int main(void)
{
	const char *what = "execute a page without PROT_EXEC";
	long m = sys_mmap(0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	*(volatile uint32_t *)m = 0x00008067; /* ret (jalr x0, 0(ra)) */
	bad_access_begin(what);
	((void (*)(void))m)();
	return bad_access_survived(what);
}
