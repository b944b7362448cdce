// SPDX-License-Identifier: GPL-2.0
/* Fake physical memory and vmemmap for host tests: see tests/host/include/asm/page.h. */
#include <asm/page.h>
#include <mm_types.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

char *host_phys_base;
struct page *host_vmemmap;

static void *reserve(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		perror("fakemem: mmap");
		exit(2);
	}
	return p;
}

__attribute__((constructor)) static void fakemem_init(void)
{
	host_phys_base = reserve(HOST_PHYS_LIMIT);
	host_vmemmap = reserve((HOST_PHYS_LIMIT >> PAGE_SHIFT) * sizeof(struct page));
}
