// SPDX-License-Identifier: GPL-2.0
/* Boot layouts, the invariant checker and page records: see page_alloc_helpers.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_memblock.h"
#include "host_printk.h"
#include "host_vmemmap.h"
#include "page_alloc_helpers.h"

unsigned long pa_boot_freed, pa_boot_free;
struct memblock_region pa_boot_rsv[PA_MAX_RSV];
int pa_boot_nr_rsv;

/* Per-pfn maps over [map_lo, map_hi): the pfns of every populated zone. */
static unsigned long map_lo, map_hi;
static u8 *owned; /* 1: the test owns the page */
static u8 *seen; /* checker: SEEN_* */
static u8 *head_order; /* checker: order of a free head */

enum { SEEN_NONE, SEEN_HEAD, SEEN_TAIL, SEEN_PCP };

static void maps_reset(void)
{
	struct zone *zone;

	map_lo = -1UL;
	map_hi = 0;
	for_each_zone(zone) {
		if (!populated_zone(zone))
			continue;
		map_lo = min(map_lo, zone->zone_start_pfn);
		map_hi = max(map_hi, zone_end_pfn(zone));
	}
	if (map_hi <= map_lo)
		map_lo = map_hi = 0;
	free(owned);
	free(seen);
	free(head_order);
	owned = calloc(map_hi - map_lo + 1, 1);
	seen = calloc(map_hi - map_lo + 1, 1);
	head_order = calloc(map_hi - map_lo + 1, 1);
	assert_non_null(owned);
	assert_non_null(seen);
	assert_non_null(head_order);
}

static bool in_map(unsigned long pfn)
{
	return pfn >= map_lo && pfn < map_hi;
}

void pa_boot(const struct pa_layout *l)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = { 0 };
	phys_addr_t end = 0;
	const struct pa_range *r;
	const struct pa_distance *d;
	int a, b;

	host_memblock_reset();
	memblock_allow_resize();
	for (a = 0; a < MAX_NUMNODES; a++)
		for (b = 0; b < MAX_NUMNODES; b++)
			numa_set_distance(a, b, 0);
	for (d = l->dist; d && d->distance; d++)
		numa_set_distance(d->from, d->to, d->distance);
	for (r = l->mem; r->size; r++) {
		assert_int_equal(memblock_add_node(r->base, r->size, r->nid, MEMBLOCK_NONE), 0);
		end = max(end, r->base + r->size);
	}
	for (r = l->rsv; r && r->size; r++)
		assert_int_equal(memblock_reserve(r->base, r->size), 0);
	for (r = l->late; r && r->size; r++)
		assert_int_equal(memblock_reserve(r->base, r->size), 0);

	max_zone_pfn[ZONE_DMA32] = PFN_DOWN(min(end, (phys_addr_t)SZ_4G));
	max_zone_pfn[ZONE_NORMAL] = PFN_DOWN(end);
	required_movablecore = l->movablecore;
	host_vmemmap_nr_calls = 0;
	free_area_init(max_zone_pfn);
	required_movablecore = 0;

	assert_true(memblock.reserved.cnt <= PA_MAX_RSV);
	pa_boot_nr_rsv = memblock.reserved.cnt;
	memcpy(pa_boot_rsv, memblock.reserved.regions,
	       pa_boot_nr_rsv * sizeof(struct memblock_region));
	for (r = l->late; r && r->size; r++)
		assert_int_equal(memblock_phys_free(r->base, r->size), 0);

	build_all_zonelists();
	pa_boot_freed = memblock_free_all();
	setup_per_cpu_pageset();
	if (!l->no_watermarks)
		init_per_zone_wmark_min();
	if (l->pcp_off)
		pa_pcp_off();
	maps_reset();
	pa_boot_free = nr_free_pages();
	pa_check();
}

/* ------------------------------------------------------------ the checker */

#define CHECK(cond, ...)                                       \
	do {                                                   \
		if (!(cond)) {                                 \
			print_error("pa_check: " __VA_ARGS__); \
			print_error("\n");                     \
			fail_msg("invariant: %s", #cond);      \
		}                                              \
	} while (0)

static bool owned_range(unsigned long pfn, unsigned long nr)
{
	return memchr(owned + (pfn - map_lo), 1, nr) != NULL;
}

/* One free block found on zone->free_area[order].free_list[mt]. */
static void check_free_block(struct zone *zone, struct page *page, unsigned int order, int mt)
{
	unsigned long pfn = page_to_pfn(page), nr = 1UL << order, i;

	CHECK(pfn >= zone->zone_start_pfn && pfn + nr <= zone_end_pfn(zone),
	      "node %d zone %s order %u type %d: block %#lx+%lu outside the span [%#lx, %#lx)",
	      zone->node, zone->name, order, mt, pfn, nr, zone->zone_start_pfn, zone_end_pfn(zone));
	CHECK(IS_ALIGNED(pfn, nr), "block %#lx on the order-%u list is not aligned", pfn, order);
	CHECK(PageBuddy(page), "block %#lx on the order-%u list without PG_buddy", pfn, order);
	CHECK(page->private == order, "block %#lx on the order-%u list has private %lu", pfn, order,
	      page->private);
	CHECK(page_ref_count(page) == 0, "free head %#lx has refcount %d", pfn,
	      page_ref_count(page));
	CHECK(page_zone(page) == zone, "free head %#lx is node %d zone %d's, listed in node %d %s",
	      pfn, page_to_nid(page), page_zonenum(page), zone->node, zone->name);
	CHECK(!owned_range(pfn, nr), "block %#lx order %u holds pages the test owns", pfn, order);
	for (i = 0; i < nr; i++) {
		struct page *p = page + i;

		CHECK(seen[pfn + i - map_lo] == SEEN_NONE,
		      "page %#lx (block %#lx order %u) is on two lists", pfn + i, pfn, order);
		seen[pfn + i - map_lo] = i ? SEEN_TAIL : SEEN_HEAD;
		CHECK(!PageReserved(p),
		      "page %#lx of free block %#lx order %u is reserved (a hole?)", pfn + i, pfn,
		      order);
		CHECK(page_zone_id(p) == page_zone_id(page),
		      "page %#lx of free block %#lx order %u is in another zone or node", pfn + i,
		      pfn, order);
		if (i) {
			CHECK(!PageBuddy(p),
			      "page %#lx inside free block %#lx order %u has PG_buddy", pfn + i,
			      pfn, order);
			CHECK(page_ref_count(p) == 0,
			      "page %#lx inside free block %#lx order %u has refcount %d", pfn + i,
			      pfn, order, page_ref_count(p));
		}
	}
	head_order[pfn - map_lo] = order;
}

/* Walk a list; every entry must link back. Returns its length. */
static unsigned long walk_list(struct zone *zone, struct list_head *head,
			       void (*fn)(struct zone *, struct page *, unsigned int, int),
			       unsigned int order, int mt)
{
	struct list_head *pos;
	unsigned long n = 0;

	for (pos = head->next; pos != head; pos = pos->next) {
		CHECK(++n <= zone->spanned_pages, "a list of node %d %s loops", zone->node,
		      zone->name);
		CHECK(pos->next->prev == pos && pos->prev->next == pos, "broken links at page %#lx",
		      page_to_pfn(list_entry(pos, struct page, lru)));
		fn(zone, list_entry(pos, struct page, lru), order, mt);
	}
	return n;
}

static void check_pcp_page(struct zone *zone, struct page *page, unsigned int cpu, int mt)
{
	unsigned long pfn = page_to_pfn(page);

	CHECK(zone_spans_pfn(zone, pfn) && page_zone(page) == zone,
	      "page %#lx on cpu %u's list of node %d %s is not the zone's", pfn, cpu, zone->node,
	      zone->name);
	CHECK(!PageBuddy(page), "page %#lx on cpu %u's list (type %d) has PG_buddy", pfn, cpu, mt);
	CHECK(!PageReserved(page), "page %#lx on cpu %u's list is reserved", pfn, cpu);
	CHECK(page_ref_count(page) == 0, "page %#lx on cpu %u's list has refcount %d", pfn, cpu,
	      page_ref_count(page));
	CHECK(!pa_owned(pfn), "page %#lx on cpu %u's list is owned by the test", pfn, cpu);
	CHECK(seen[pfn - map_lo] == SEEN_NONE, "page %#lx on cpu %u's list is also on another list",
	      pfn, cpu);
	seen[pfn - map_lo] = SEEN_PCP;
}

static void check_zone(struct zone *zone)
{
	unsigned long total = 0, pcp_total = 0;
	unsigned int order, cpu;
	int mt;

	for (order = 0; order < MAX_ORDER; order++) {
		unsigned long blocks = 0;

		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			blocks += walk_list(zone, &zone->free_area[order].free_list[mt],
					    check_free_block, order, mt);
		CHECK(zone->free_area[order].nr_free == blocks,
		      "node %d %s order %u: nr_free %lu, lists hold %lu", zone->node, zone->name,
		      order, zone->free_area[order].nr_free, blocks);
		total += blocks << order;
	}
	CHECK(zone->vm_stat[NR_FREE_PAGES] == (long)total,
	      "node %d %s: NR_FREE_PAGES %ld, lists hold %lu pages", zone->node, zone->name,
	      zone->vm_stat[NR_FREE_PAGES], total);

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];
		unsigned long n = 0;
		struct list_head *pos;

		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			for (pos = pcp->lists[mt].next; pos != &pcp->lists[mt]; pos = pos->next) {
				CHECK(++n <= zone->spanned_pages, "cpu %u's list loops", cpu);
				CHECK(pos->next->prev == pos, "broken pcp links");
				check_pcp_page(zone, list_entry(pos, struct page, lru), cpu, mt);
			}
		CHECK(pcp->count == (int)n, "node %d %s cpu %u: pcp count %d, lists hold %lu",
		      zone->node, zone->name, cpu, pcp->count, n);
		/* Linux never lets batch drop to 0 (pageset_set_batch: max(1, batch)). */
		CHECK(pcp->batch >= 1, "node %d %s cpu %u: pcp batch %d (high %d)", zone->node,
		      zone->name, cpu, pcp->batch, pcp->high);
		pcp_total += n;
	}
	CHECK(total + pcp_total <= zone_managed_pages(zone),
	      "node %d %s: %lu free + %lu on pcp lists > %lu managed", zone->node, zone->name,
	      total, pcp_total, zone_managed_pages(zone));
}

void pa_check(void)
{
	unsigned long pfn;
	struct zone *zone;

	memset(seen, 0, map_hi - map_lo);
	for_each_zone(zone)
		if (populated_zone(zone))
			check_zone(zone);

	/* Buddies both free at the same order (below the top) should have merged. */
	for (pfn = map_lo; pfn < map_hi; pfn++) {
		unsigned int order = head_order[pfn - map_lo];
		unsigned long buddy = pfn ^ (1UL << order);

		if (seen[pfn - map_lo] != SEEN_HEAD || order >= MAX_ORDER - 1 || !in_map(buddy))
			continue;
		CHECK(!(seen[buddy - map_lo] == SEEN_HEAD && head_order[buddy - map_lo] == order &&
			page_zone_id(pfn_to_page(buddy)) == page_zone_id(pfn_to_page(pfn))),
		      "free buddies %#lx and %#lx of order %u did not merge", pfn, buddy, order);
	}
}

/* ---------------------------------------------------------- page records */

bool pa_owned(unsigned long pfn)
{
	return in_map(pfn) && __atomic_load_n(&owned[pfn - map_lo], __ATOMIC_RELAXED);
}

bool pa_own(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), i;
	bool ok = true;

	for (i = 0; i < (1UL << order); i++) {
		if (!in_map(pfn + i) || pa_owned(pfn + i))
			ok = false;
		else
			__atomic_store_n(&owned[pfn + i - map_lo], 1, __ATOMIC_RELAXED);
	}
	return ok;
}

void pa_disown(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), i;

	for (i = 0; i < (1UL << order); i++)
		if (in_map(pfn + i))
			__atomic_store_n(&owned[pfn + i - map_lo], 0, __ATOMIC_RELAXED);
}

struct page *pa_alloc(int nid, gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages_node(nid, gfp, order);

	if (page) {
		if (!pa_own(page, order))
			fail_msg("pfn %#lx order %u handed out while the test owns part of it",
				 page_to_pfn(page), order);
		assert_int_equal(page_ref_count(page), 1);
	}
	return page;
}

void pa_free(struct page *page, unsigned int order)
{
	pa_disown(page, order);
	__free_pages(page, order);
}

/* --------------------------------------------------------- block listing */

static int block_cmp(const void *a, const void *b)
{
	const struct pa_block *x = a, *y = b;

	return x->pfn < y->pfn ? -1 : x->pfn > y->pfn;
}

static int zone_blocks(struct zone *zone, struct pa_block *out, int n, int max)
{
	unsigned int order;
	int mt;

	for (order = 0; order < MAX_ORDER; order++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *page;

			list_for_each_entry(page, &zone->free_area[order].free_list[mt], lru) {
				if (n < max)
					out[n] = (struct pa_block){ page_to_pfn(page), order, mt,
								    zone->node, zone_idx(zone) };
				n++;
			}
		}
	return n;
}

int pa_free_blocks(struct pa_block *out, int max)
{
	struct zone *zone;
	int n = 0;

	for_each_zone(zone)
		if (populated_zone(zone))
			n = zone_blocks(zone, out, n, max);
	assert_true(n <= max);
	qsort(out, n, sizeof(*out), block_cmp);
	return n;
}

static void print_blocks(const char *what, const struct pa_block *b, int n)
{
	int i;

	print_error("%s: %d blocks\n", what, n);
	for (i = 0; i < n; i++)
		print_error("  pfn %#lx order %u type %d\n", b[i].pfn, b[i].order, b[i].mt);
}

void pa_assert_zone_blocks(struct zone *zone, const struct pa_block *exp, int n)
{
	static struct pa_block got[4096];
	int nr = zone_blocks(zone, got, 0, ARRAY_SIZE(got)), i;
	bool ok = nr == n;

	assert_true(nr <= (int)ARRAY_SIZE(got));
	qsort(got, nr, sizeof(*got), block_cmp);
	for (i = 0; ok && i < n; i++)
		ok = got[i].pfn == exp[i].pfn && got[i].order == exp[i].order &&
		     (exp[i].mt == PA_ANY_MT || got[i].mt == exp[i].mt);
	if (!ok) {
		print_error("node %d zone %s:\n", zone->node, zone->name);
		print_blocks("expected", exp, n);
		print_blocks("found", got, nr);
		fail_msg("free blocks differ");
	}
}

unsigned long pa_list_len(struct zone *zone, unsigned int order, int mt)
{
	struct list_head *pos;
	unsigned long n = 0;

	list_for_each(pos, &zone->free_area[order].free_list[mt])
		n++;
	return n;
}

int pa_pageblock_mt(unsigned long pfn)
{
	return get_pageblock_migratetype(pfn_to_page(pfn));
}

void pa_pcp_off(void)
{
	struct zone *zone;

	for_each_zone(zone)
		if (populated_zone(zone))
			zone_pcp_disable(zone);
}

void pa_pcp_on(void)
{
	struct zone *zone;

	for_each_zone(zone)
		if (populated_zone(zone))
			zone_pcp_enable(zone);
}

/* ----------------------------------------------------------------- misc */

static unsigned long stamp_of(unsigned long pfn, unsigned long tag)
{
	return (pfn * 0x9e3779b97f4a7c15UL) ^ tag;
}

void pa_stamp(struct page *page, unsigned int order, unsigned long tag)
{
	unsigned long i, pfn = page_to_pfn(page);

	for (i = 0; i < (1UL << order); i++) {
		unsigned long *w = page_address(page + i);

		w[0] = stamp_of(pfn + i, tag);
		w[PAGE_SIZE / sizeof(long) - 1] = ~stamp_of(pfn + i, tag);
	}
}

bool pa_stamp_ok(struct page *page, unsigned int order, unsigned long tag)
{
	unsigned long i, pfn = page_to_pfn(page);

	for (i = 0; i < (1UL << order); i++) {
		unsigned long *w = page_address(page + i);

		if (w[0] != stamp_of(pfn + i, tag) ||
		    w[PAGE_SIZE / sizeof(long) - 1] != ~stamp_of(pfn + i, tag))
			return false;
	}
	return true;
}

unsigned long pa_isqrt(unsigned long x)
{
	unsigned long lo = 0, hi = 1UL << 32;

	/* Largest r with r * r <= x. */
	while (hi - lo > 1) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (mid * mid <= x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* ------------------------------------------------------------ layouts */

void pa_boot_tiny(unsigned long s, unsigned long e)
{
	const struct pa_range mem[] = { { RAM, SZ_4M, 0 }, { 0 } };
	const struct pa_range rsv[] = { { RAM, s * PAGE_SIZE, 0 },
					{ RAM + e * PAGE_SIZE, SZ_4M - e * PAGE_SIZE - PA_TOP_FREE,
					  0 },
					{ 0 } };

	pa_boot(&(struct pa_layout){
		.mem = mem, .rsv = rsv, .no_watermarks = true, .pcp_off = true });
}

void pa_boot_two_blocks(void)
{
	const struct pa_range mem[] = { { RAM, SZ_8M, 0 }, { 0 } };

	pa_boot(&(struct pa_layout){ .mem = mem, .no_watermarks = true, .pcp_off = true });
}

void pa_boot_plain(unsigned long size)
{
	const struct pa_range mem[] = { { RAM, size, 0 }, { 0 } };

	pa_boot(&(struct pa_layout){ .mem = mem });
}

void pa_boot_awkward(void)
{
	static const struct pa_range mem[] = { { RAM, SZ_16M, 0 }, { 0 } };
	static const struct pa_range rsv[] = { { RAM, 0x3234, 0 },
					       { 0x80a02ff0, 0x2010, 0 },
					       { 0 } };

	pa_boot(&(struct pa_layout){ .mem = mem, .rsv = rsv });
}

const struct pa_range pa_hole_mem[] = { { 0xffc00000, SZ_1M, 0 },
					{ 0xffe00000, SZ_4M, 0 },
					{ 0x100400000, PA_TOP_FREE, 0 },
					{ 0 } };

/* ---------------------------------------------------------- assertions */

bool pa_log_has(const char *fmt, ...)
{
	char want[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(want, sizeof(want), fmt, ap);
	va_end(ap);
	if (!host_printk_contains(want)) {
		print_error("log lacks \"%s\"; log:\n%s\n", want, host_printk_log());
		return false;
	}
	return true;
}

void pa_assert_same_blocks(const struct pa_block *want, int n)
{
	static struct pa_block now[4096];
	int got = pa_free_blocks(now, ARRAY_SIZE(now)), i;

	if (got != n)
		fail_msg("%d free blocks, %d expected", got, n);
	for (i = 0; i < n; i++)
		if (now[i].pfn != want[i].pfn || now[i].order != want[i].order ||
		    now[i].nid != want[i].nid || now[i].zone != want[i].zone)
			fail_msg("free block %d: pfn %#lx order %u node %d zone %d, expected pfn "
				 "%#lx order %u node %d zone %d",
				 i, now[i].pfn, now[i].order, now[i].nid, now[i].zone, want[i].pfn,
				 want[i].order, want[i].nid, want[i].zone);
}

void pa_assert_reserved_page(unsigned long pfn)
{
	struct page *p = pfn_to_page(pfn);

	if (!PageReserved(p) || PageBuddy(p) || page_ref_count(p) != 1)
		fail_msg("pfn %#lx: reserved %d buddy %d refcount %d", pfn, PageReserved(p),
			 PageBuddy(p), page_ref_count(p));
}

unsigned long pa_alloc_until_null(struct page **pages, unsigned long cap, int nid, gfp_t gfp,
				  unsigned int order, unsigned long *n)
{
	unsigned long start = *n;
	struct page *p;

	while ((p = pa_alloc(nid, gfp | __GFP_NOWARN, order))) {
		assert_true(*n < cap);
		pages[(*n)++] = p;
	}
	return *n - start;
}

void pa_free_shuffled(u64 *seed, struct page **pages, unsigned long n, unsigned int order,
		      unsigned long check_every)
{
	unsigned long i;

	for (i = n; i > 1; i--) {
		unsigned long j = pa_rand(seed) % i;
		struct page *t = pages[i - 1];

		pages[i - 1] = pages[j];
		pages[j] = t;
	}
	for (i = 0; i < n; i++) {
		pa_free(pages[i], order);
		if (check_every && i % check_every == 0)
			pa_check();
	}
}
