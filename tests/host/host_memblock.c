// SPDX-License-Identifier: GPL-2.0
#include "host_memblock.h"
#include "host_printk.h"

#include <string.h>

struct memblock host_memblock_pristine;

/* Runs before main(), so before any test could change memblock. */
__attribute__((constructor)) static void host_memblock_save(void)
{
	host_memblock_pristine = memblock;
}

void host_memblock_reset(void)
{
	memblock = host_memblock_pristine;
	memblock.memory.cnt = 0;
	memblock.memory.total_size = 0;
	memblock.reserved.cnt = 0;
	memblock.reserved.total_size = 0;
	memset(memblock.memory.regions, 0, memblock.memory.max * sizeof(struct memblock_region));
	memset(memblock.reserved.regions, 0,
	       memblock.reserved.max * sizeof(struct memblock_region));
	memblock_debug = false;
	host_printk_reset();
}
