// SPDX-License-Identifier: GPL-2.0
/*
 * The page allocator as mm/memblock.c's memblock_free_all() sees it, for the
 * host tests that link memblock.c without mm_init.c and page_alloc.c (Linux's
 * tools/testing/memblock stubs memblock_free_pages() the same way): no
 * zones, and a block handed over is only counted.
 */
#include <mm.h>

#include "../../mm/internal.h"

unsigned long host_memblock_freed_pages;

struct zone *first_zone(void)
{
	return NULL;
}

struct zone *next_zone(struct zone *zone)
{
	return NULL;
}

void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order)
{
	host_memblock_freed_pages += 1UL << order;
}
