// SPDX-License-Identifier: GPL-2.0
/*
 * selftest=buddy: the page allocator on the real machine, every hart at
 * once. Each hart churns through random allocations and frees of mixed
 * orders and migrate types, stamping every page it owns and checking the
 * stamp before it lets go: a page handed out twice is caught by a stamp
 * that changed. Afterwards the free lists must be consistent and the free
 * page count exactly what it was before.
 */
#include <mm.h>
#include <printk.h>
#include <selftest.h>
#include <smp.h>
#include <spinlock.h>
#include <string.h>

#define CHURN_OPS 5000
#define CHURN_SLOTS 48

struct churn {
	unsigned int arrived;
	unsigned long bad_stamps[NR_CPUS];
	unsigned long failed_allocs[NR_CPUS];
	unsigned long allocs[NR_CPUS];
};

static const gfp_t churn_gfp[] = { GFP_KERNEL, GFP_HIGHUSER_MOVABLE, GFP_KERNEL | __GFP_RECLAIMABLE,
				   GFP_ATOMIC };

static u64 xorshift(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Mostly order 0 (the per-CPU lists), some small orders, now and then a large one. */
static unsigned int random_order(u64 *seed)
{
	unsigned int r = xorshift(seed) % 100;

	if (r < 70)
		return 0;
	if (r < 95)
		return 1 + xorshift(seed) % 3;
	return 4 + xorshift(seed) % (MAX_ORDER - 4);
}

static unsigned long stamp_of(struct page *page, unsigned int cpu)
{
	return page_to_pfn(page) * 0x9e3779b97f4a7c15UL ^ cpu;
}

/* First word of each page of the block: catches a page owned twice. */
static void stamp(struct page *page, unsigned int order, unsigned int cpu)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++)
		*(unsigned long *)page_address(page + i) = stamp_of(page + i, cpu);
}

static bool stamp_ok(struct page *page, unsigned int order, unsigned int cpu)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++)
		if (*(unsigned long *)page_address(page + i) != stamp_of(page + i, cpu))
			return false;
	return true;
}

static void churn_cpu(void *arg)
{
	struct churn *c = arg;
	unsigned int cpu = smp_processor_id(), i;
	struct page *slot[CHURN_SLOTS] = { NULL };
	unsigned int slot_order[CHURN_SLOTS];
	u64 seed = 0x5eed0000UL + cpu * 7919;

	/* Start together, so that the harts really contend. */
	__atomic_fetch_add(&c->arrived, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&c->arrived, __ATOMIC_ACQUIRE) != nr_cpus_online)
		;
	for (i = 0; i < CHURN_OPS + CHURN_SLOTS; i++) {
		unsigned int k = i < CHURN_OPS ? xorshift(&seed) % CHURN_SLOTS : i - CHURN_OPS;

		if (slot[k]) {
			if (!stamp_ok(slot[k], slot_order[k], cpu))
				c->bad_stamps[cpu]++;
			__free_pages(slot[k], slot_order[k]);
			slot[k] = NULL;
		} else if (i < CHURN_OPS) {
			gfp_t gfp = churn_gfp[xorshift(&seed) % ARRAY_SIZE(churn_gfp)];

			slot_order[k] = random_order(&seed);
			slot[k] = alloc_pages(gfp | __GFP_NOWARN, slot_order[k]);
			if (!slot[k]) {
				c->failed_allocs[cpu]++;
				continue;
			}
			c->allocs[cpu]++;
			stamp(slot[k], slot_order[k], cpu);
		}
	}
}

/* Every free block where it belongs; counts add up to NR_FREE_PAGES. */
static bool free_lists_consistent(char *why, size_t size)
{
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long flags, pages = 0;
		unsigned int order;
		int mt;

		if (!populated_zone(zone))
			continue;
		spin_lock_irqsave(&zone->lock, flags);
		for (order = 0; order < MAX_ORDER; order++) {
			unsigned long blocks = 0;

			for (mt = 0; mt < MIGRATE_TYPES; mt++) {
				struct page *page;

				list_for_each_entry(page, &zone->free_area[order].free_list[mt],
						    lru) {
					unsigned long pfn = page_to_pfn(page);

					if (!PageBuddy(page) || page->private != order ||
					    !IS_ALIGNED(pfn, 1UL << order) ||
					    page_zone(page) != zone) {
						snprintf(why, size,
							 "bad free block pfn %#lx order %u", pfn,
							 order);
						spin_unlock_irqrestore(&zone->lock, flags);
						return false;
					}
					blocks++;
				}
			}
			if (blocks != zone->free_area[order].nr_free) {
				snprintf(why, size, "%s order %u: %lu blocks listed, nr_free %lu",
					 zone->name, order, blocks, zone->free_area[order].nr_free);
				spin_unlock_irqrestore(&zone->lock, flags);
				return false;
			}
			pages += blocks << order;
		}
		spin_unlock_irqrestore(&zone->lock, flags);
		if (pages != zone_page_state(zone, NR_FREE_PAGES)) {
			snprintf(why, size, "%s: %lu pages listed, NR_FREE_PAGES %lu", zone->name,
				 pages, zone_page_state(zone, NR_FREE_PAGES));
			return false;
		}
	}
	return true;
}

static void buddy_selftest(struct ktap_suite *s)
{
	static struct churn c;
	unsigned long before, after, bad = 0, failed = 0, allocs = 0, i;
	struct page *page;
	char why[96] = "";
	bool ok;

	drain_all_pages(NULL);
	before = nr_free_pages();
	memset(&c, 0, sizeof(c));
	on_each_cpu(churn_cpu, &c);
	for (i = 0; i < NR_CPUS; i++) {
		bad += c.bad_stamps[i];
		failed += c.failed_allocs[i];
		allocs += c.allocs[i];
	}
	ktap_case(s, !bad && !failed && allocs, "churn_all_harts",
		  "%lu blocks changed under their owner, %lu allocations failed, %lu done", bad,
		  failed, allocs);
	drain_all_pages(NULL);
	after = nr_free_pages();
	ktap_case(s, after == before, "free_pages_back_to_start", "%lu free before, %lu after",
		  before, after);
	ktap_case(s, free_lists_consistent(why, sizeof(why)), "free_lists_consistent", "%s", why);

	page = alloc_pages(GFP_KERNEL, 2);
	ok = page != NULL;
	if (ok) {
		memset(page_address(page), 0xa5, 4 * PAGE_SIZE);
		split_page(page, 2);
		for (i = 0; i < 4; i++)
			ok = ok && page_ref_count(page + i) == 1;
		for (i = 0; i < 4; i++)
			__free_pages(page + i, 0);
	}
	drain_all_pages(NULL);
	ktap_case(s, ok && nr_free_pages() == before, "split_page",
		  "split pages not referenced each, or not all freed");

	for (i = 0, ok = true; i < 8 && ok; i++) {
		unsigned long addr = get_zeroed_page(GFP_KERNEL), j;

		ok = addr != 0;
		for (j = 0; ok && j < PAGE_SIZE / sizeof(long); j++)
			ok = ((unsigned long *)addr)[j] == 0;
		if (addr) {
			memset((void *)addr, 0xff, PAGE_SIZE);
			free_page(addr);
		}
	}
	ktap_case(s, ok, "get_zeroed_page", "a page came back not zeroed");

	page = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	ok = page && IS_ALIGNED(page_to_pfn(page), MAX_ORDER_NR_PAGES);
	if (page)
		__free_pages(page, MAX_ORDER - 1);
	ktap_case(s, ok && !alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER), "order_limits",
		  "order %d failed or unaligned, or order %d succeeded", MAX_ORDER - 1, MAX_ORDER);
}
DEFINE_SELFTEST(buddy, 6, buddy_selftest);
