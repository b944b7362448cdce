// SPDX-License-Identifier: GPL-2.0
/* Placeholder smoke test, replaced by the full suite. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <memblock.h>
#include <mm.h>

#include "host_memblock.h"
#include "host_printk.h"

static void boot_one_node(void **state)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = { PFN_DOWN(0x90000000), PFN_DOWN(0x90000000) };
	struct page *p;
	unsigned long before;

	host_memblock_reset();
	memblock_allow_resize();
	memblock_add(0x80000000, 0x10000000);
	memblock_reserve(0x80000000, 0x200000);
	free_area_init(max_zone_pfn);
	build_all_zonelists();
	memblock_free_all();
	setup_per_cpu_pageset();
	init_per_zone_wmark_min();
	before = nr_free_pages();
	assert_int_equal(before, totalram_pages());
	p = alloc_pages(GFP_KERNEL, 3);
	assert_non_null(p);
	__free_pages(p, 3);
	assert_int_equal(nr_free_pages(), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(boot_one_node) };

	return cmocka_run_group_tests(tests, NULL, NULL);
}
