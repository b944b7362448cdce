// SPDX-License-Identifier: GPL-2.0
/* Fake physical memory for host tests: see tests/host/include/asm/page.h. */
#include <asm/page.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

char *host_phys_base;

__attribute__((constructor)) static void fakemem_init(void)
{
	void *p = mmap(NULL, HOST_PHYS_LIMIT, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		perror("fakemem: mmap");
		exit(2);
	}
	host_phys_base = p;
}
