// SPDX-License-Identifier: GPL-2.0
/*
 * From memblock to nodes, zones and struct pages (Linux's mm/mm_init.c).
 *
 * free_area_init() sizes every node and zone from memblock.memory, carves
 * ZONE_MOVABLE out for movablecore=, backs the vmemmap where memory is and
 * initialises every struct page as reserved. Nothing is free yet:
 * memblock_free_all() (memblock.c) then hands memblock's free ranges over,
 * each block through memblock_free_pages() to the page allocator.
 *
 * The vmemmap is backed in whole MAX_ORDER blocks around each memory range,
 * so that a buddy (pfn ^ (1 << order), always in the same MAX_ORDER block)
 * has a struct page even when it falls in a hole: such pages stay reserved
 * and never merge. Holes larger than that cost no struct pages at all.
 */
#define pr_fmt(fmt) fmt

#include <asm/page.h>
#include <kernel.h>
#include <memblock.h>
#include <mm.h>
#include <params.h>
#include <printk.h>
#include <string.h>

#include "internal.h"

struct pglist_data *node_data[MAX_NUMNODES];
unsigned long node_online_map;

const char *const zone_names[MAX_NR_ZONES] = { "DMA32", "Normal", "Movable" };
const char *const migratetype_names[MIGRATE_TYPES] = { "Unmovable", "Movable", "Reclaimable" };

static u8 numa_distance[MAX_NUMNODES][MAX_NUMNODES];

/* Zone limits over all nodes, and where ZONE_MOVABLE starts in each node. */
static unsigned long arch_zone_lowest_possible_pfn[MAX_NR_ZONES];
static unsigned long arch_zone_highest_possible_pfn[MAX_NR_ZONES];
static unsigned long zone_movable_pfn[MAX_NUMNODES];
unsigned long required_movablecore;

static int __init_movablecore(char *arg)
{
	if (!arg)
		return -1;
	required_movablecore = PFN_DOWN(memparse(arg, &arg));
	return *arg ? -1 : 0;
}
early_param("movablecore", __init_movablecore);

int node_distance(int from, int to)
{
	if (!numa_distance[from][to])
		return from == to ? LOCAL_DISTANCE : REMOTE_DISTANCE;
	return numa_distance[from][to];
}

void numa_set_distance(int from, int to, int distance)
{
	numa_distance[from][to] = distance;
}

struct zone *first_zone(void)
{
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_online(nid))
			return NODE_DATA(nid)->node_zones;
	return NULL;
}

struct zone *next_zone(struct zone *zone)
{
	int nid = zone->node;

	if (zone_idx(zone) < MAX_NR_ZONES - 1)
		return zone + 1;
	while (++nid < MAX_NUMNODES)
		if (node_online(nid))
			return NODE_DATA(nid)->node_zones;
	return NULL;
}

/* The pfn span of node @nid's memory. */
static void get_pfn_range_for_nid(int nid, unsigned long *start_pfn, unsigned long *end_pfn)
{
	struct memblock_region *r;

	*start_pfn = -1UL;
	*end_pfn = 0;
	for_each_mem_region(r) {
		if (r->nid != nid)
			continue;
		*start_pfn = min(*start_pfn, PFN_UP(r->base));
		*end_pfn = max(*end_pfn, PFN_DOWN(r->base + r->size));
	}
	if (*start_pfn == -1UL)
		*start_pfn = 0;
}

/* Pages of memory node @nid has in [start_pfn, end_pfn). */
static unsigned long present_pages_in_range(int nid, unsigned long start_pfn, unsigned long end_pfn)
{
	struct memblock_region *r;
	unsigned long n = 0;

	for_each_mem_region(r) {
		unsigned long s = max(PFN_UP(r->base), start_pfn);
		unsigned long e = min(PFN_DOWN(r->base + r->size), end_pfn);

		if ((nid == NUMA_NO_NODE || r->nid == nid) && s < e)
			n += e - s;
	}
	return n;
}

/* ZONE_MOVABLE comes out of the highest zone that has memory. */
static enum zone_type movable_zone(void)
{
	int z;

	for (z = ZONE_MOVABLE - 1; z > 0; z--)
		if (arch_zone_highest_possible_pfn[z] > arch_zone_lowest_possible_pfn[z])
			break;
	return z;
}

static int nr_nodes_with_memory(void)
{
	return __builtin_popcountl(node_online_map);
}

/*
 * movablecore=: the last pages of each node's movable-capable zone become
 * ZONE_MOVABLE, the kernel's share spread evenly over the nodes, as Linux's
 * find_zone_movable_pfns_for_nodes() does.
 */
static void find_zone_movable_pfns_for_nodes(void)
{
	unsigned long totalpages = present_pages_in_range(NUMA_NO_NODE, 0, -1UL);
	unsigned long usable_startpfn = arch_zone_lowest_possible_pfn[movable_zone()];
	unsigned long required_kernelcore, kernelcore_node, movable;
	int usable_nodes = nr_nodes_with_memory(), nid;

	if (!required_movablecore)
		return;
	movable = min(ALIGN(required_movablecore, MAX_ORDER_NR_PAGES), totalpages);
	required_kernelcore = totalpages - movable;
	if (!required_kernelcore)
		required_kernelcore = MAX_ORDER_NR_PAGES; /* the kernel needs somewhere to live */

restart:
	kernelcore_node = required_kernelcore / usable_nodes;
	for_each_online_node(nid) {
		struct memblock_region *r;
		unsigned long remaining;

		if (required_kernelcore < kernelcore_node)
			kernelcore_node = required_kernelcore / usable_nodes;
		remaining = kernelcore_node;
		for_each_mem_region(r) {
			unsigned long start = max(PFN_UP(r->base), zone_movable_pfn[nid]);
			unsigned long end = PFN_DOWN(r->base + r->size), size;

			if (r->nid != nid || start >= end)
				continue;
			/* What lies below the movable-capable zone is kernel memory anyway. */
			if (start < usable_startpfn) {
				unsigned long kernel_pages = min(end, usable_startpfn) - start;

				remaining -= min(kernel_pages, remaining);
				required_kernelcore -= min(kernel_pages, required_kernelcore);
				if (end <= usable_startpfn) {
					zone_movable_pfn[nid] = end;
					continue;
				}
				start = usable_startpfn;
			}
			size = min(end - start, remaining);
			zone_movable_pfn[nid] = start + size;
			required_kernelcore -= min(required_kernelcore, size);
			remaining -= size;
			if (!remaining)
				break;
		}
	}
	/* Nodes too small for their share leave some over: spread it again. */
	usable_nodes--;
	if (usable_nodes && required_kernelcore > (unsigned long)usable_nodes)
		goto restart;

	for_each_online_node(nid) {
		unsigned long start, end;

		get_pfn_range_for_nid(nid, &start, &end);
		zone_movable_pfn[nid] = ALIGN(zone_movable_pfn[nid], MAX_ORDER_NR_PAGES);
		if (zone_movable_pfn[nid] >= end)
			zone_movable_pfn[nid] = 0; /* nothing movable left in this node */
	}
}

/* The part of zone @zone in node @nid: [*zone_start, *zone_end), maybe empty. */
static void zone_range_in_node(int nid, int zone, unsigned long node_start, unsigned long node_end,
			       unsigned long *zone_start, unsigned long *zone_end)
{
	unsigned long mz = movable_zone();

	if (zone == ZONE_MOVABLE) {
		*zone_start = zone_movable_pfn[nid];
		*zone_end = zone_movable_pfn[nid] ? arch_zone_highest_possible_pfn[mz] : 0;
	} else {
		*zone_start = arch_zone_lowest_possible_pfn[zone];
		*zone_end = arch_zone_highest_possible_pfn[zone];
		/* The movable part is no longer the zone's. */
		if (zone_movable_pfn[nid] && *zone_end > zone_movable_pfn[nid])
			*zone_end = max(*zone_start, zone_movable_pfn[nid]);
	}
	*zone_start = clamp(*zone_start, node_start, node_end);
	*zone_end = clamp(*zone_end, node_start, node_end);
	if (*zone_end <= *zone_start)
		*zone_start = *zone_end = 0;
}

/* Pages of struct page an area of @spanned pages (@present of them RAM) needs. */
static unsigned long calc_memmap_size(unsigned long spanned, unsigned long present)
{
	/* Holes larger than a MAX_ORDER block have no struct pages (see top). */
	return PFN_UP(min(spanned, ALIGN(present, MAX_ORDER_NR_PAGES)) * sizeof(struct page));
}

/* One pageblock's type bits in a word: every block starts MIGRATE_MOVABLE. */
#define PAGEBLOCK_FLAGS_ALL_MOVABLE (0x1111111111111111UL * MIGRATE_MOVABLE)

static void zone_init(struct zone *zone, int nid, int idx, unsigned long start, unsigned long end)
{
	unsigned long nr_blocks, words, cpu, i;
	int order, t;

	zone->name = zone_names[idx];
	zone->node = nid;
	zone->zone_pgdat = NODE_DATA(nid);
	zone->zone_start_pfn = start;
	zone->spanned_pages = end - start;
	zone->present_pages = present_pages_in_range(nid, start, end);
	spin_lock_init(&zone->lock);
	for (order = 0; order < MAX_ORDER; order++)
		for (t = 0; t < MIGRATE_TYPES; t++)
			INIT_LIST_HEAD(&zone->free_area[order].free_list[t]);
	/* Until setup_per_cpu_pageset(): every page freed goes straight through. */
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

		spin_lock_init(&pcp->lock);
		pcp->batch = 1;
		for (t = 0; t < MIGRATE_PCPTYPES; t++)
			INIT_LIST_HEAD(&pcp->lists[t]);
	}
	if (!zone->spanned_pages)
		return;
	nr_blocks = (end - ALIGN_DOWN(start, pageblock_nr_pages) + pageblock_nr_pages - 1) >>
		    pageblock_order;
	words = DIV_ROUND_UP(nr_blocks * NR_PAGEBLOCK_BITS, 64);
	zone->pageblock_flags = memblock_alloc_try_nid(words * sizeof(long), sizeof(long), 0,
						       MEMBLOCK_ALLOC_ANYWHERE, nid);
	if (!zone->pageblock_flags)
		panic("Failed to allocate the pageblock bitmap of node %d zone %s", nid,
		      zone->name);
	for (i = 0; i < words; i++)
		zone->pageblock_flags[i] = PAGEBLOCK_FLAGS_ALL_MOVABLE;
}

/* Linux's zone_batchsize(): about a quarter of a MiB per 1 GiB, kept odd-ish. */
unsigned int zone_batchsize(unsigned long managed)
{
	unsigned long batch = min(managed >> 10, (512 * SZ_1K) / PAGE_SIZE) / 4;

	if (batch < 1)
		batch = 1;
	/* 2^n - 1: batches of a power of two would alias in caches (Linux's note). */
	return (1UL << __fls(batch + batch / 2)) - 1;
}

static void free_area_init_node(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	unsigned long start, end;
	int z;

	get_pfn_range_for_nid(nid, &start, &end);
	pgdat->node_id = nid;
	pgdat->node_start_pfn = start;
	pgdat->node_spanned_pages = end - start;
	pr_info("Initmem setup node %d [mem %#018llx-%#018llx]\n", nid,
		(unsigned long long)PFN_PHYS(start), (unsigned long long)PFN_PHYS(end) - 1);

	pgdat->node_present_pages = 0;
	pgdat->nr_zones = 0;
	lruvec_init(&pgdat->__lruvec);
	init_waitqueue_head(&pgdat->kswapd_wait); /* kswapd_init() starts kswapd later */
	init_waitqueue_head(&pgdat->kcompactd_wait); /* and kcompactd_init() kcompactd */
	for (z = 0; z < MAX_NR_ZONES; z++) {
		unsigned long zs, ze;

		zone_range_in_node(nid, z, start, end, &zs, &ze);
		zone_init(&pgdat->node_zones[z], nid, z, zs, ze);
		pgdat->node_present_pages += pgdat->node_zones[z].present_pages;
		if (pgdat->node_zones[z].present_pages)
			pgdat->nr_zones = z + 1;
	}

	pr_info("On node %d totalpages: %lu\n", nid, pgdat->node_present_pages);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		unsigned long memmap, freesize = zone->present_pages;

		if (!populated_zone(zone))
			continue;
		memmap = calc_memmap_size(zone->spanned_pages, zone->present_pages);
		freesize -= min(memmap, freesize);
		pr_info("  %s zone: %lu pages used for memmap\n", zone->name, memmap);
		pr_info("  %s zone: %lu pages reserved\n", zone->name, 0UL);
		/* An estimate until memblock_free_all() counts what it really frees. */
		zone->managed_pages = freesize;
		pr_info("  %s zone: %lu pages, LIFO batch:%u\n", zone->name, zone->present_pages,
			zone_batchsize(freesize));
	}
}

/* The zone of node @nid a pfn near (or in) the node belongs to. */
static enum zone_type zone_for_pfn(int nid, unsigned long pfn)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	int z, first = -1, last = 0;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (!zone->spanned_pages)
			continue;
		if (zone_spans_pfn(zone, pfn))
			return z;
		if (first < 0)
			first = z;
		last = z;
	}
	return pfn < pgdat->node_start_pfn ? max(first, 0) : last;
}

/* [start, end) of node @nid's pages, all in zone @zone: reserved, unmapped, one reference. */
static void init_reserved_pages(unsigned long start, unsigned long end, enum zone_type zone,
				int nid)
{
	struct page tmpl = { .flags = 1UL << PG_reserved, ._mapcount = -1, ._refcount = 1 }, *page;
	unsigned long pfn;

	set_page_links(&tmpl, zone, nid);
	for (pfn = start; pfn < end; pfn++) {
		page = pfn_to_page(pfn);
		*page = tmpl;
		INIT_LIST_HEAD(&page->lru);
	}
}

/* The same for any [start, end) of node @nid, cut where zones begin and end. */
static void init_reserved_range(unsigned long start, unsigned long end, int nid)
{
	while (start < end) {
		enum zone_type z = zone_for_pfn(nid, start);
		struct zone *zone = &NODE_DATA(nid)->node_zones[z];
		unsigned long stop = end;

		if (zone_spans_pfn(zone, start))
			stop = min(end, zone_end_pfn(zone));
		else if (start < zone->zone_start_pfn)
			stop = min(end, zone->zone_start_pfn);
		init_reserved_pages(start, stop, z, nid);
		start = stop;
	}
}

/*
 * Which MAX_ORDER blocks have struct pages (Linux's present memory
 * sections), from the first block with memory: 128 GiB of physical span,
 * more than the direct map covers.
 */
unsigned long memmap_base_pfn;
unsigned long memmap_present[MEMMAP_BLOCKS / 64];

static void memmap_mark_present(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn, block;

	for (pfn = start_pfn; pfn < end_pfn; pfn += MAX_ORDER_NR_PAGES) {
		block = (pfn - memmap_base_pfn) >> (MAX_ORDER - 1);
		if (block >= MEMMAP_BLOCKS)
			panic("Memory at pfn %#lx is beyond the memory map's reach", pfn);
		memmap_present[block / 64] |= 1UL << (block % 64);
	}
}

/* Back the struct pages of each memory range, in whole MAX_ORDER blocks. */
static void memmap_populate(void)
{
	struct memblock_region *r, *first = NULL;
	unsigned long run_start = 0, run_end = 0;

	memset(memmap_present, 0, sizeof(memmap_present));
	memmap_base_pfn = ALIGN_DOWN(PFN_DOWN(memblock_start_of_DRAM()), MAX_ORDER_NR_PAGES);
	for_each_mem_region(r) {
		unsigned long s = ALIGN_DOWN(PFN_DOWN(r->base), MAX_ORDER_NR_PAGES);
		unsigned long e = ALIGN(PFN_UP(r->base + r->size), MAX_ORDER_NR_PAGES);

		memmap_mark_present(s, e);
		if (first && s <= run_end) {
			run_end = max(run_end, e);
			continue;
		}
		if (first && vmemmap_populate((unsigned long)pfn_to_page(run_start),
					      (unsigned long)pfn_to_page(run_end), first->nid))
			panic("Failed to back the struct pages of node %d", first->nid);
		first = r;
		run_start = s;
		run_end = e;
	}
	if (first && vmemmap_populate((unsigned long)pfn_to_page(run_start),
				      (unsigned long)pfn_to_page(run_end), first->nid))
		panic("Failed to back the struct pages of node %d", first->nid);
}

/*
 * Every struct page of memory, and of the hole pages sharing its MAX_ORDER
 * blocks, starts reserved with one reference (Linux's memmap_init()).
 */
static void memmap_init(void)
{
	struct memblock_region *r;
	unsigned long prev_end = 0;
	int i;

	for (i = 0; i < (int)memblock.memory.cnt; i++) {
		unsigned long start, end, lo, hi;

		r = &memblock.memory.regions[i];
		start = PFN_DOWN(r->base);
		end = PFN_UP(r->base + r->size);
		lo = max(ALIGN_DOWN(start, MAX_ORDER_NR_PAGES), prev_end);
		hi = ALIGN(end, MAX_ORDER_NR_PAGES);
		if (i + 1 < (int)memblock.memory.cnt)
			hi = min(hi, PFN_DOWN(memblock.memory.regions[i + 1].base));
		init_reserved_range(lo, hi, r->nid);
		prev_end = hi;
	}
}

static void print_zone_ranges(void)
{
	struct memblock_region *r;
	int z, nid;

	pr_info("Zone ranges:\n");
	for (z = 0; z < ZONE_MOVABLE; z++) {
		if (arch_zone_lowest_possible_pfn[z] == arch_zone_highest_possible_pfn[z])
			pr_info("  %-8s empty\n", zone_names[z]);
		else
			pr_info("  %-8s [mem %#018llx-%#018llx]\n", zone_names[z],
				(unsigned long long)PFN_PHYS(arch_zone_lowest_possible_pfn[z]),
				(unsigned long long)PFN_PHYS(arch_zone_highest_possible_pfn[z]) -
					1);
	}
	pr_info("Movable zone start for each node\n");
	for (nid = 0; nid < MAX_NUMNODES; nid++)
		if (zone_movable_pfn[nid])
			pr_info("  Node %d: %#018llx\n", nid,
				(unsigned long long)PFN_PHYS(zone_movable_pfn[nid]));
	pr_info("Early memory node ranges\n");
	for_each_mem_region(r)
		pr_info("  node %3d: [mem %#018llx-%#018llx]\n", r->nid,
			(unsigned long long)r->base, (unsigned long long)(r->base + r->size - 1));
}

/* A node's pg_data_t, from its own memory if it can (Linux's alloc_node_data()). */
static void alloc_node_data(int nid)
{
	node_data[nid] = memblock_alloc_try_nid(sizeof(pg_data_t), SMP_CACHE_BYTES, 0,
						MEMBLOCK_ALLOC_ANYWHERE, nid);
	if (!node_data[nid])
		panic("Cannot allocate %zu bytes for node %d data", sizeof(pg_data_t), nid);
}

void free_area_init(unsigned long *max_zone_pfn)
{
	unsigned long start_pfn = PFN_DOWN(memblock_start_of_DRAM());
	struct memblock_region *r;
	int z, nid;

	memset(arch_zone_lowest_possible_pfn, 0, sizeof(arch_zone_lowest_possible_pfn));
	memset(arch_zone_highest_possible_pfn, 0, sizeof(arch_zone_highest_possible_pfn));
	memset(zone_movable_pfn, 0, sizeof(zone_movable_pfn));
	memset(node_data, 0, sizeof(node_data));
	node_online_map = 0;
	for_each_mem_region(r)
		node_online_map |= 1UL << r->nid;
	for_each_online_node(nid)
		alloc_node_data(nid);

	for (z = 0; z < ZONE_MOVABLE; z++) {
		unsigned long end_pfn = max(max_zone_pfn[z], start_pfn);

		arch_zone_lowest_possible_pfn[z] = start_pfn;
		arch_zone_highest_possible_pfn[z] = end_pfn;
		start_pfn = end_pfn;
	}
	find_zone_movable_pfns_for_nodes();
	print_zone_ranges();

	for_each_online_node(nid)
		free_area_init_node(nid);
	memmap_populate();
	memmap_init();
}

/*
 * Linux's: where a deferred struct page init would hold a block back;
 * Loam initialises every struct page in free_area_init(), so each block
 * goes straight to the page allocator.
 */
void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order)
{
	__free_pages_core(page, order);
}

/*
 * For each node: its own zones from the highest down, then every other
 * node's, nearest first (ties: lower node id), as Linux's build_zonelists().
 */
/* Does node @a come before node @b in @local's fallback order? */
static bool node_before(int local, int a, int b)
{
	int da = node_distance(local, a), db = node_distance(local, b);

	if (a == local || b == local)
		return a == local;
	return da < db || (da == db && a < b);
}

static void build_zonelists(pg_data_t *pgdat)
{
	int local = pgdat->node_id, order[MAX_NUMNODES], n = 0, i, j, nid;
	struct zoneref *fb = pgdat->node_zonelists[ZONELIST_FALLBACK]._zonerefs;
	struct zoneref *nf = pgdat->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs;
	char line[80];
	int len;

	for_each_online_node(nid)
		order[n++] = nid;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (node_before(local, order[j], order[i])) {
				nid = order[i];
				order[i] = order[j];
				order[j] = nid;
			}

	len = snprintf(line, sizeof(line), "Fallback order for Node %d: ", local);
	for (i = 0; i < n; i++) {
		len += snprintf(line + len, sizeof(line) - len, "%d ", order[i]);
		for (j = MAX_NR_ZONES - 1; j >= 0; j--) {
			struct zone *zone = &NODE_DATA(order[i])->node_zones[j];

			if (!populated_zone(zone))
				continue;
			*fb++ = (struct zoneref){ zone, j };
			if (order[i] == local)
				*nf++ = (struct zoneref){ zone, j };
		}
	}
	*fb = (struct zoneref){ NULL, 0 };
	*nf = (struct zoneref){ NULL, 0 };
	pr_info("%s\n", line);
}

void build_all_zonelists(void)
{
	unsigned long total = 0;
	struct zone *zone;
	int nid;

	for_each_online_node(nid)
		build_zonelists(NODE_DATA(nid));
	for_each_zone(zone)
		total += zone_managed_pages(zone);
	pr_info("Built %d zonelists, mobility grouping on.  Total pages: %lu\n",
		nr_nodes_with_memory(), total);
}
