// SPDX-License-Identifier: GPL-2.0
/* segv-null: a load from address 0, where nothing is mapped, must kill the program. */
#include "lib/util.h"

int main(void)
{
	const char *what = "read from NULL";
	volatile int *volatile null = 0;

	bad_access_begin(what);
	(void)*null;
	return bad_access_survived(what);
}
