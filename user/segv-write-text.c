// SPDX-License-Identifier: GPL-2.0
/* segv-write-text: a store into the program's own code (R-X) must kill it. */
#include <stdint.h>

#include "lib/util.h"

int main(void)
{
	const char *what = "write to the text segment";

	bad_access_begin(what);
	*(volatile uint32_t *)(uintptr_t)main = 0;
	return bad_access_survived(what);
}
