// SPDX-License-Identifier: GPL-2.0
/*
 * Host stress tests for the page allocator: long seeded random runs with the
 * invariant checker (page_alloc_helpers.c) in the loop.
 *
 *  - churn: one CPU, 100000 random allocations and frees of mixed orders,
 *    migrate types and nodes on a small two-node layout with a hole, the
 *    DMA32/Normal boundary and an unaligned node boundary; the checker runs
 *    after every step. Each allocated page carries a stamp (two words from
 *    its pfn and the step that allocated it) verified before it is freed, and
 *    __GFP_ZERO pages must come zeroed. At the end everything is freed, the
 *    per-CPU lists drained, and the free count and every free block must be
 *    exactly what the boot left.
 *
 *  - smp: 4 threads as CPUs 0..3 allocate and free concurrently through
 *    their per-CPU lists; at a barrier after each round (all threads
 *    paused) the main thread checks every stamp and runs the checker.
 *
 * The seeds are fixed and printed (as TAP comments), so a failure replays.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <mm.h>

#include "page_alloc_helpers.h"

static const gfp_t churn_gfp[] = { GFP_KERNEL, GFP_HIGHUSER_MOVABLE, GFP_KERNEL | __GFP_RECLAIMABLE,
				   GFP_ATOMIC };

/* Half order 0, then 1-3, 4-6, 7-10 ever rarer. */
static unsigned int random_order(u64 *seed)
{
	unsigned int r = pa_rand(seed) % 100;

	if (r < 50)
		return 0;
	if (r < 80)
		return 1 + pa_rand(seed) % 3;
	if (r < 92)
		return 4 + pa_rand(seed) % 3;
	return 7 + pa_rand(seed) % 4;
}

static bool page_is_zero(struct page *page, unsigned int order)
{
	const unsigned long *w = page_address(page);
	unsigned long i;

	for (i = 0; i < (PAGE_SIZE << order) / sizeof(long); i++)
		if (w[i])
			return false;
	return true;
}

/* ================================================================ churn */

/*
 * Node 0: [4G-8M, 4G-5M), a hole to 4G-4M (inside one MAX_ORDER block), then
 * [4G-4M, 4G+3M) across the DMA32/Normal boundary: zones of 1784 and 763
 * pages. Node 1: [4G+3M, 4G+40M), so the node boundary (pfn 0x100300) is
 * not MAX_ORDER aligned; 9213 pages, enough for a per-CPU list that caches
 * (batch 1, high 6; smaller zones pass pages straight through). Reservations
 * cut pages at odd places, one straddles 4G. 47 MiB in all.
 */
static const struct pa_range churn_mem[] = { { SZ_4G - SZ_8M, 3 * SZ_1M, 0 },
					     { SZ_4G - SZ_4M, 7 * SZ_1M, 0 },
					     { SZ_4G + 3 * SZ_1M, 37 * SZ_1M, 1 },
					     { 0 } };
static const struct pa_range churn_rsv[] = { { SZ_4G - SZ_8M + 0x41234, 0x5000, 0 },
					     { SZ_4G - SZ_8K, 4 * SZ_4K, 0 },
					     { SZ_4G + 5 * SZ_1M, SZ_1M, 0 },
					     { 0 } };

#define CHURN_STEPS 100000
#define CHURN_SLOTS 2048

struct slot {
	struct page *page;
	unsigned int order;
	unsigned long tag;
};

static void test_churn(void **state)
{
	static struct slot slot[CHURN_SLOTS];
	static struct pa_block boot[256];
	static const int nids[] = { NUMA_NO_NODE, 0, 1 };
	unsigned long tries[MAX_ORDER] = { 0 }, got[MAX_ORDER] = { 0 };
	unsigned long step, frees = 0, drains = 0, checks = 0, zeroed = 0;
	u64 seed = 0xc0ffee5eed1234ULL;
	unsigned int i, o;
	int nb;

	print_message("# churn: seed %#llx, %d steps\n", (unsigned long long)seed, CHURN_STEPS);
	memset(slot, 0, sizeof(slot));
	pa_boot(&(struct pa_layout){ .mem = churn_mem, .rsv = churn_rsv });
	nb = pa_free_blocks(boot, ARRAY_SIZE(boot));
	assert_int_equal(zone_managed_pages(ZONE(0, ZONE_DMA32)), 1784);
	assert_int_equal(zone_managed_pages(ZONE(0, ZONE_NORMAL)), 763);
	assert_int_equal(zone_managed_pages(ZONE(1, ZONE_NORMAL)), 9213);
	assert_int_equal(ZONE(1, ZONE_NORMAL)->per_cpu_pageset[0].high, 6);

	for (step = 1; step <= CHURN_STEPS; step++) {
		u64 r = pa_rand(&seed);
		struct slot *s = &slot[r % CHURN_SLOTS];

		if ((r >> 32) % 500 == 0) {
			/* Now and then give the per-CPU pages back. */
			if ((r >> 40) & 1)
				drain_all_pages(NULL);
			else
				drain_local_pages(NULL);
			drains++;
		} else if (!s->page) {
			gfp_t gfp = churn_gfp[pa_rand(&seed) % ARRAY_SIZE(churn_gfp)] | NOWARN;
			int nid = nids[pa_rand(&seed) % ARRAY_SIZE(nids)];
			struct page *p;

			o = random_order(&seed);
			if (pa_rand(&seed) % 8 == 0)
				gfp |= __GFP_ZERO;
			tries[o]++;
			p = alloc_pages_node(nid, gfp, o);
			if (p) {
				if (!pa_own(p, o))
					fail_msg("step %lu: pfn %#lx order %u handed out twice",
						 step, page_to_pfn(p), o);
				assert_int_equal(page_ref_count(p), 1);
				if (gfp & __GFP_ZERO) {
					assert_true(page_is_zero(p, o));
					zeroed++;
				}
				pa_stamp(p, o, step);
				*s = (struct slot){ p, o, step };
				got[o]++;
			}
		} else {
			if (!pa_stamp_ok(s->page, s->order, s->tag))
				fail_msg("step %lu: stamp of pfn %#lx order %u (step %lu) changed",
					 step, page_to_pfn(s->page), s->order, s->tag);
			pa_free(s->page, s->order);
			s->page = NULL;
			frees++;
		}
		pa_check();
		checks++;
	}

	for (o = 0; o < MAX_ORDER; o++)
		print_message("# churn: order %2u: %6lu of %6lu allocations succeeded\n", o, got[o],
			      tries[o]);
	print_message("# churn: %lu frees, %lu drains, %lu zeroed, %lu checks\n", frees, drains,
		      zeroed, checks);
	assert_true(checks >= 100000);
	/* Small blocks must nearly always be found; the largest at least sometimes. */
	for (o = 0; o < MAX_ORDER; o++) {
		assert_true(got[o] > 0);
		if (o <= 3)
			assert_true(got[o] * 10 >= tries[o] * 9);
	}

	for (i = 0; i < CHURN_SLOTS; i++)
		if (slot[i].page) {
			assert_true(pa_stamp_ok(slot[i].page, slot[i].order, slot[i].tag));
			pa_free(slot[i].page, slot[i].order);
		}
	drain_all_pages(NULL);
	assert_int_equal(nr_free_pages(), pa_boot_free);
	pa_check();
	/* Fully merged again: the same blocks as after boot (their types may differ). */
	pa_assert_same_blocks(boot, nb);
}

/* ================================================================== smp */

/*
 * [4G-64M, 4G+64M): DMA32 16384 pages, Normal 16381, each with per-CPU
 * lists of batch 3 and high 18. Four threads play CPUs 0..3.
 */
static const struct pa_range smp_mem[] = { { SZ_4G - SZ_64M, 2 * SZ_64M, 0 }, { 0 } };

#define SMP_THREADS 4
#define SMP_ROUNDS 12
#define SMP_OPS 5000
#define SMP_SLOTS 128

static const gfp_t smp_gfp[] = { GFP_KERNEL, GFP_HIGHUSER_MOVABLE, GFP_KERNEL | __GFP_RECLAIMABLE,
				 GFP_ATOMIC, GFP_KERNEL | __GFP_DMA32 };

struct worker {
	unsigned int cpu;
	u64 seed;
	struct slot slot[SMP_SLOTS];
	unsigned long allocs, frees, failed;
	/* Errors found on the thread (cmocka asserts only on the main one). */
	unsigned long bad_stamp, twice, bad_ref;
	pthread_t thread;
};

static struct worker workers[SMP_THREADS];
static pthread_barrier_t barrier;

/* Stamps tell the CPU and the allocation apart, not just the pfn. */
static unsigned long smp_tag(const struct worker *w, unsigned long n)
{
	return ((unsigned long)w->cpu << 56) ^ n;
}

static void worker_free(struct worker *w, struct slot *s)
{
	if (!pa_stamp_ok(s->page, s->order, s->tag))
		w->bad_stamp++;
	pa_free(s->page, s->order);
	s->page = NULL;
	w->frees++;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	unsigned int round, i;

	host_set_cpu(w->cpu);
	for (round = 0; round < SMP_ROUNDS; round++) {
		for (i = 0; i < SMP_OPS; i++) {
			u64 r = pa_rand(&w->seed);
			struct slot *s = &w->slot[r % SMP_SLOTS];
			unsigned int o;
			struct page *p;
			gfp_t gfp;

			if ((r >> 32) % 1000 == 0) {
				if ((r >> 40) & 1)
					drain_all_pages(NULL);
				else
					drain_local_pages(NULL);
				continue;
			}
			if (s->page) {
				worker_free(w, s);
				continue;
			}
			r = pa_rand(&w->seed);
			o = r % 100 < 75 ? 0 : r % 100 < 95 ? 1 + (r >> 8) % 3 : 4 + (r >> 8) % 7;
			gfp = smp_gfp[(r >> 16) % ARRAY_SIZE(smp_gfp)] | NOWARN;
			p = alloc_pages_node(NUMA_NO_NODE, gfp, o);
			if (!p) {
				w->failed++;
				continue;
			}
			if (!pa_own(p, o))
				w->twice++;
			if (page_ref_count(p) != 1)
				w->bad_ref++;
			*s = (struct slot){ p, o, smp_tag(w, w->allocs) };
			pa_stamp(p, o, s->tag);
			w->allocs++;
		}
		pthread_barrier_wait(&barrier); /* paused: the main thread checks */
		pthread_barrier_wait(&barrier);
	}
	for (i = 0; i < SMP_SLOTS; i++)
		if (w->slot[i].page)
			worker_free(w, &w->slot[i]);
	pthread_barrier_wait(&barrier);
	return NULL;
}

static void check_workers(void)
{
	unsigned int t, i;

	for (t = 0; t < SMP_THREADS; t++) {
		struct worker *w = &workers[t];

		assert_int_equal(w->bad_stamp, 0);
		assert_int_equal(w->twice, 0);
		assert_int_equal(w->bad_ref, 0);
		for (i = 0; i < SMP_SLOTS; i++) {
			struct slot *s = &w->slot[i];

			if (!s->page)
				continue;
			assert_true(pa_stamp_ok(s->page, s->order, s->tag));
			assert_int_equal(page_ref_count(s->page), 1);
		}
	}
}

static void test_smp_pcp(void **state)
{
	static struct pa_block boot[256];
	unsigned long allocs = 0, frees = 0, failed = 0;
	unsigned int t, round;
	int nb, pcp_max = 0;

	pa_boot(&(struct pa_layout){ .mem = smp_mem });
	nb = pa_free_blocks(boot, ARRAY_SIZE(boot));
	assert_int_equal(ZONE(0, ZONE_DMA32)->per_cpu_pageset[3].batch, 3);
	assert_int_equal(ZONE(0, ZONE_NORMAL)->per_cpu_pageset[3].high, 18);
	assert_int_equal(pthread_barrier_init(&barrier, NULL, SMP_THREADS + 1), 0);
	memset(workers, 0, sizeof(workers));
	for (t = 0; t < SMP_THREADS; t++) {
		workers[t].cpu = t;
		workers[t].seed = 0x5eed0000ULL + t * 7919;
		print_message("# smp: cpu %u seed %#llx\n", t, (unsigned long long)workers[t].seed);
		assert_int_equal(pthread_create(&workers[t].thread, NULL, worker_main, &workers[t]),
				 0);
	}
	for (round = 0; round < SMP_ROUNDS; round++) {
		struct zone *zone;

		pthread_barrier_wait(&barrier);
		check_workers();
		pa_check();
		for_each_zone(zone)
			for (t = 0; t < SMP_THREADS; t++)
				pcp_max = max(pcp_max, zone->per_cpu_pageset[t].count);
		pthread_barrier_wait(&barrier);
	}
	pthread_barrier_wait(&barrier); /* everything freed */
	for (t = 0; t < SMP_THREADS; t++) {
		assert_int_equal(pthread_join(workers[t].thread, NULL), 0);
		allocs += workers[t].allocs;
		frees += workers[t].frees;
		failed += workers[t].failed;
	}
	pthread_barrier_destroy(&barrier);
	check_workers();
	print_message("# smp: %lu allocations (%lu failed), %lu frees, largest pcp count %d\n",
		      allocs, failed, frees, pcp_max);
	assert_int_equal(allocs, frees);
	assert_true(pcp_max > 0); /* the per-CPU lists were used */
	pa_check();

	drain_all_pages(NULL);
	assert_int_equal(nr_free_pages(), pa_boot_free);
	for (t = 0; t < SMP_THREADS; t++)
		assert_int_equal(ZONE(0, ZONE_DMA32)->per_cpu_pageset[t].count, 0);
	pa_check();
	pa_assert_same_blocks(boot, nb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_churn),
		cmocka_unit_test(test_smp_pcp),
	};

	return cmocka_run_group_tests_name("page_alloc_stress", tests, NULL, NULL);
}
