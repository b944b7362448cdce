// SPDX-License-Identifier: GPL-2.0
/*
 * make bench: guest instructions per allocation + free pair, for order 0
 * through the per-CPU lists and around them, and for orders 3 and 9. Each
 * loop is warmed up first, so the lists and the block it reuses are ready.
 */
#include <bench.h>
#include <mm.h>

#define WARMUP 64

static unsigned long alloc_free_loop(gfp_t gfp, unsigned int order, unsigned long ops)
{
	unsigned long i, start;

	for (i = 0; i < WARMUP; i++)
		__free_pages(alloc_pages(gfp, order), order);
	start = bench_instret();
	for (i = 0; i < ops; i++)
		__free_pages(alloc_pages(gfp, order), order);
	return bench_instret() - start;
}

static void page_alloc_bench(void)
{
	struct zone *zone;

	bench_report("page_alloc", "order0_pcp", alloc_free_loop(GFP_KERNEL, 0, 10000), 10000);
	for_each_zone(zone)
		zone_pcp_disable(zone);
	bench_report("page_alloc", "order0_nopcp", alloc_free_loop(GFP_KERNEL, 0, 10000), 10000);
	for_each_zone(zone)
		zone_pcp_enable(zone);
	bench_report("page_alloc", "order3", alloc_free_loop(GFP_KERNEL, 3, 10000), 10000);
	bench_report("page_alloc", "order9", alloc_free_loop(GFP_KERNEL, 9, 1000), 1000);
}
DEFINE_BENCH(page_alloc, page_alloc_bench);
