// SPDX-License-Identifier: GPL-2.0
/*
 * eat SIZE: map SIZE of anonymous memory (300M, 64k, 1G, bytes), write
 * every page (a page pattern checked later), print progress every tenth,
 * then hold it until killed, reading it all back every few seconds so
 * that swapped-out pages come back (and a lost page is reported). A
 * memory hog to watch kswapd, swap and the OOM killer with.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../lib/tools.h"
#include "../lib/util.h"
#include "../syscall.h"

int main(int argc, char **argv)
{
	unsigned long size, done, step, tag = sys_getpid();
	struct linux_timespec ts = { .tv_sec = 5 };
	uintptr_t bad;
	long addr;

	if (argc != 2 || !parse_size(argv[1], &size) || !size) {
		fprintf(stderr, "usage: eat SIZE (bytes, or with k, M, G: 300M)\n");
		return 1;
	}
	size = (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	addr = sys_mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (SYS_ERR(addr)) {
		fprintf(stderr, "eat: mmap of %lu KiB: error %ld\n", size >> 10, -addr);
		return 1;
	}
	step = ((size / 10) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	for (done = 0; done < size; done += step) {
		if (step > size - done)
			step = size - done;
		pages_fill(addr + done, step, tag);
		printf("eat: %lu of %lu KiB touched\n", (done + step) >> 10, size >> 10);
	}
	printf("eat: holding %lu KiB (pid %ld); kill me to give it back\n", size >> 10,
	       sys_getpid());
	for (;;) {
		sys_nanosleep(&ts, NULL);
		bad = pages_check(addr, size, tag);
		if (bad) {
			printf("eat: the word at 0x%lx changed\n", (unsigned long)bad);
			return 1;
		}
	}
}
