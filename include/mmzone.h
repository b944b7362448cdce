/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Nodes, zones and free areas: how physical memory is organised, as in
 * Linux's include/linux/mmzone.h.
 *
 *   pg_data_t (one per NUMA node)
 *     node_zones[ZONE_DMA32, ZONE_NORMAL, ZONE_MOVABLE]
 *       free_area[order 0..MAX_ORDER-1]
 *         free_list[migrate type] -> struct page (head of a free 2^order block)
 *       per_cpu_pageset[cpu]: a small cache of order-0 pages per migrate type
 *       watermarks min/low/high, lowmem_reserve
 *     node_zonelists: where to look, in order, when this node is preferred
 */
#ifndef LOAM_MMZONE_H
#define LOAM_MMZONE_H

#include <list.h>
#include <numa.h>
#include <smp.h>
#include <spinlock.h>
#include <types.h>
#include <wait.h>

/* Blocks of 1 .. 1024 pages (4 KiB .. 4 MiB). */
#define MAX_ORDER 11
#define MAX_ORDER_NR_PAGES (1UL << (MAX_ORDER - 1))

/*
 * Pageblocks group pages by mobility: each carries a migrate type, and the
 * allocator prefers to keep a block's pages of that type. Linux makes a
 * pageblock a huge page; Loam has no huge pages, so it is the largest order.
 */
#define pageblock_order (MAX_ORDER - 1)
#define pageblock_nr_pages (1UL << pageblock_order)

enum migratetype {
	MIGRATE_UNMOVABLE, /* kernel data: page tables, slabs */
	MIGRATE_MOVABLE, /* user pages: can be moved or reclaimed */
	MIGRATE_RECLAIMABLE, /* caches the kernel can drop */
	MIGRATE_PCPTYPES, /* the types the per-CPU lists cache */
	MIGRATE_TYPES = MIGRATE_PCPTYPES,
};

/* Pageblock bits (Linux's pageblock-flags.h): 3 for the migrate type, 1 spare. */
#define PB_migratetype_bits 3
#define NR_PAGEBLOCK_BITS 4
#define MIGRATETYPE_MASK ((1UL << PB_migratetype_bits) - 1)

enum zone_type {
	ZONE_DMA32, /* below 4 GiB, for devices with 32-bit DMA */
	ZONE_NORMAL, /* everything else */
	ZONE_MOVABLE, /* only movable pages, carved out with movablecore= */
	MAX_NR_ZONES,
};

enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

enum zone_stat_item { NR_FREE_PAGES, NR_VM_ZONE_STAT_ITEMS };

/*
 * Per-node counters (Linux's enum node_stat_item), in pages: the LRU lists'
 * sizes first, in enum lru_list order, then the pages reclaim has taken off
 * them for a while (NR_ISOLATED_ANON: Loam counts every isolated page
 * there, the few lazily freed ones of the file lists too), then the
 * anonymous pages mapped (NR_ANON_MAPPED, "nr_anon_pages" in /proc/vmstat,
 * AnonPages in meminfo).
 */
enum node_stat_item {
	NR_LRU_BASE,
	NR_INACTIVE_ANON = NR_LRU_BASE,
	NR_ACTIVE_ANON,
	NR_INACTIVE_FILE,
	NR_ACTIVE_FILE,
	NR_ISOLATED_ANON,
	NR_ANON_MAPPED,
	NR_SHMEM, /* pages of shmem objects (mm/shmem.c): "nr_shmem", meminfo's Shmem */
	NR_VM_NODE_STAT_ITEMS,
};

/*
 * The LRU lists, Linux's enum lru_list without the unevictable list:
 * LRU_ACTIVE is the offset of a list's active twin, LRU_FILE of the file
 * lists, as in Linux. Loam has no page cache yet: the file lists hold only
 * anonymous pages that are not swap-backed (Linux's "lazyfree" pages, after
 * MADV_FREE, and the pages of MAP_DROPPABLE mappings), which reclaim
 * discards instead of writing them to swap, as Linux does.
 */
#define LRU_ACTIVE 1
#define LRU_FILE 2

enum lru_list {
	LRU_INACTIVE_ANON = 0,
	LRU_ACTIVE_ANON = LRU_INACTIVE_ANON + LRU_ACTIVE,
	LRU_INACTIVE_FILE = LRU_FILE,
	LRU_ACTIVE_FILE = LRU_FILE + LRU_ACTIVE,
	NR_LRU_LISTS,
};

#define for_each_lru(lru) for (lru = 0; lru < NR_LRU_LISTS; lru++)

/*
 * A node's LRU lists of user pages, the order reclaim ages them in (Linux's
 * struct lruvec, one per node without memory cgroups). Since Linux 5.11 the
 * lock lives here rather than in pg_data_t. The sizes are the node's
 * NR_{IN,}ACTIVE_{ANON,FILE} counters.
 */
struct lruvec {
	struct list_head lists[NR_LRU_LISTS];
	spinlock_t lru_lock;
};

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free; /* blocks of this order, all types */
};

/*
 * Order-0 pages a CPU keeps for itself: allocation and freeing take only
 * this lock (uncontended but for a remote drain), not the zone lock. Filled
 * and emptied @batch pages at a time; a free that brings @count to @high
 * drains a batch (a refill may pass @high, as in Linux 5.x).
 */
struct per_cpu_pages {
	spinlock_t lock;
	int count;
	int high;
	int batch;
	struct list_head lists[MIGRATE_PCPTYPES];
};

struct pglist_data;

struct zone {
	unsigned long _watermark[NR_WMARK];
	/* Pages kept free for allocations that could have used a higher zone. */
	long lowmem_reserve[MAX_NR_ZONES];
	int node;
	struct pglist_data *zone_pgdat;
	/* NR_PAGEBLOCK_BITS per pageblock, from the one holding zone_start_pfn. */
	unsigned long *pageblock_flags;

	unsigned long zone_start_pfn;
	unsigned long spanned_pages; /* from the first to the last pfn, holes included */
	unsigned long present_pages; /* RAM pages in the span */
	long managed_pages; /* handed to the buddy allocator; atomic */
	const char *name;

	spinlock_t lock; /* the free areas and the pageblock bits */
	struct free_area free_area[MAX_ORDER];
	long vm_stat[NR_VM_ZONE_STAT_ITEMS]; /* atomic */
	/*
	 * Compaction (mm/compaction.c): where the free scanner and the two
	 * migration scanners (async, sync) resume, and the deferral after
	 * failures: 1 << compact_defer_shift attempts at compact_order_failed
	 * or above are skipped, compact_considered counts them.
	 */
	unsigned long compact_cached_free_pfn;
	unsigned long compact_cached_migrate_pfn[2];
	unsigned int compact_considered;
	unsigned int compact_defer_shift;
	int compact_order_failed;
	/*
	 * Last, so that the fields above are within reach of a load's 12-bit
	 * offset from the zone (NR_CPUS lists take 2 KiB at 32 CPUs).
	 */
	struct per_cpu_pages per_cpu_pageset[NR_CPUS];
};

/* A zonelist lists zones in the order an allocation tries them. */
#define MAX_ZONES_PER_ZONELIST (MAX_NUMNODES * MAX_NR_ZONES)

struct zoneref {
	struct zone *zone;
	int zone_idx;
};

struct zonelist {
	struct zoneref _zonerefs[MAX_ZONES_PER_ZONELIST + 1]; /* ends with zone NULL */
};

/*
 * The first zone of @zonelist an allocation up to @highest_zoneidx may use
 * (Linux's first_zones_zonelist()): the terminator, zone NULL, if none. The
 * terminator's zone_idx is 0, so the walk stops there at the latest.
 */
static inline struct zoneref *first_zones_zonelist(struct zonelist *zonelist, int highest_zoneidx)
{
	struct zoneref *z = zonelist->_zonerefs;

	while (z->zone_idx > highest_zoneidx)
		z++;
	return z;
}

enum {
	ZONELIST_FALLBACK, /* this node's zones, then the other nodes' by distance */
	ZONELIST_NOFALLBACK, /* this node's zones only, for __GFP_THISNODE */
	MAX_ZONELISTS,
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_ZONELISTS];
	int nr_zones; /* the highest populated zone + 1 */
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	int node_id;
	struct lruvec __lruvec; /* mem_cgroup_lruvec() without memory cgroups */
	long vm_stat[NR_VM_NODE_STAT_ITEMS]; /* atomic */
	/* kswapd's state (mm/vmscan.c), Linux's fields but for kswapd_woken. */
	struct wait_queue_head kswapd_wait;
	struct task_struct *kswapd;
	/*
	 * An allocation asked since kswapd last went to sleep. Linux instead
	 * tests waitqueue_active() and records the zone asked for too
	 * (kswapd_highest_zoneidx); Loam's kswapd balances the whole node for
	 * order 0, then hands kswapd_order, the largest order asked, to
	 * kcompactd.
	 */
	bool kswapd_woken;
	int kswapd_order;
	int kswapd_failures; /* balance_pgdat() runs that freed nothing */
	/*
	 * kcompactd's state (mm/compaction.c): the largest order and the
	 * lowest highest zone asked of it since it last ran.
	 */
	int kcompactd_max_order;
	int kcompactd_highest_zoneidx;
	struct wait_queue_head kcompactd_wait;
	struct task_struct *kcompactd;
} pg_data_t;

static inline struct lruvec *node_lruvec(struct pglist_data *pgdat)
{
	return &pgdat->__lruvec;
}

static inline struct pglist_data *lruvec_pgdat(struct lruvec *lruvec)
{
	return container_of(lruvec, struct pglist_data, __lruvec);
}

static inline void lruvec_init(struct lruvec *lruvec)
{
	enum lru_list lru;

	spin_lock_init(&lruvec->lru_lock);
	for_each_lru(lru)
		INIT_LIST_HEAD(&lruvec->lists[lru]);
}

/* Each node's pg_data_t lives in the node's own memory; NULL for nodes without memory. */
extern struct pglist_data *node_data[MAX_NUMNODES];
#define NODE_DATA(nid) (node_data[nid])

/* Nodes with memory, as a bitmask. */
extern unsigned long node_online_map;
#define node_online(nid) ((node_online_map >> (nid)) & 1)
#define for_each_online_node(nid)                \
	for (nid = 0; nid < MAX_NUMNODES; nid++) \
		if (!node_online(nid)) {         \
		} else

/* The node allocations of the running CPU prefer (Linux's numa_mem_id()). */
static inline int numa_mem_id(void)
{
	return this_cpu()->node;
}

/* Every zone of every online node, populated or not. */
struct zone *first_zone(void);
struct zone *next_zone(struct zone *zone);
#define for_each_zone(zone) for (zone = first_zone(); zone; zone = next_zone(zone))

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline bool managed_zone(const struct zone *zone)
{
	return __atomic_load_n(&zone->managed_pages, __ATOMIC_RELAXED) != 0;
}

static inline unsigned long zone_managed_pages(const struct zone *zone)
{
	return __atomic_load_n(&zone->managed_pages, __ATOMIC_RELAXED);
}

static inline int zone_idx(const struct zone *zone)
{
	return zone - zone->zone_pgdat->node_zones;
}

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone);
}

static inline unsigned long zone_page_state(const struct zone *zone, enum zone_stat_item item)
{
	long x = __atomic_load_n(&zone->vm_stat[item], __ATOMIC_RELAXED);

	return x < 0 ? 0 : x;
}

static inline unsigned long node_page_state(const struct pglist_data *pgdat,
					    enum node_stat_item item)
{
	long x = __atomic_load_n(&pgdat->vm_stat[item], __ATOMIC_RELAXED);

	return x < 0 ? 0 : x;
}

static inline void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item,
				       long delta)
{
	__atomic_fetch_add(&pgdat->vm_stat[item], delta, __ATOMIC_RELAXED);
}

/* The sum over the online nodes (Linux keeps a global copy, vm_node_stat). */
unsigned long global_node_page_state(enum node_stat_item item);

#define min_wmark_pages(z) ((z)->_watermark[WMARK_MIN])
#define low_wmark_pages(z) ((z)->_watermark[WMARK_LOW])
#define high_wmark_pages(z) ((z)->_watermark[WMARK_HIGH])
#define wmark_pages(z, i) ((z)->_watermark[i])

static inline bool free_area_empty(const struct free_area *area, int migratetype)
{
	return list_empty(&area->free_list[migratetype]);
}

extern const char *const zone_names[MAX_NR_ZONES];
extern const char *const migratetype_names[MIGRATE_TYPES];

/* Distance between nodes (LOCAL_DISTANCE to itself), from the DTB's distance-map. */
int node_distance(int from, int to);
void numa_set_distance(int from, int to, int distance);

/*
 * Boot: size the nodes and zones from memblock (zones end at
 * @max_zone_pfn[zone], exclusive), give every page of memory a struct page,
 * print Linux's zone and node blocks. Every page starts reserved.
 */
void free_area_init(unsigned long *max_zone_pfn);
/* Zonelists of every node (after free_area_init). */
void build_all_zonelists(void);
/*
 * min_free_kbytes from the managed pages, then every zone's watermarks.
 * Linux declares it in mm/internal.h and runs it as a core_initcall; Loam
 * has no initcalls, and start_kernel() calls it.
 */
void init_per_zone_wmark_min(void);
/* /proc/sys/vm/min_free_kbytes: the min watermarks' sum over the zones, in KiB. */
extern int min_free_kbytes;
/* /proc/sys/vm/watermark_scale_factor (Linux's default 10: 0.1% of a zone between watermarks). */
extern int watermark_scale_factor;
/*
 * Writes to /proc/sys/vm/min_free_kbytes and watermark_scale_factor
 * (Linux's handlers of those names in mm/page_alloc.c): @val checked
 * against the sysctl's range (-EINVAL outside), then every zone's
 * watermarks set anew from it. 0 or -EINVAL.
 */
int min_free_kbytes_sysctl_handler(long val);
int watermark_scale_factor_sysctl_handler(long val);
/* movablecore=: pages to give ZONE_MOVABLE (0: no ZONE_MOVABLE). */
extern unsigned long required_movablecore;
/* Pages a per-CPU list moves at a time, for a zone of @managed pages. */
unsigned int zone_batchsize(unsigned long managed);

/*
 * The arch backs the vmemmap range [start, end) (virtual addresses of struct
 * pages) with memory, preferably from node @nid. 0 or -ENOMEM.
 */
int vmemmap_populate(unsigned long start, unsigned long end, int nid);

/* Larger blocks are not worth killing a process for (Linux's, include/linux/mmzone.h). */
#define PAGE_ALLOC_COSTLY_ORDER 3

/*
 * Is the watermark @mark (pages) met for an allocation of 2^order pages?
 * @alloc_flags: the ALLOC_* flags of mm/internal.h.
 */
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark, int highest_zoneidx,
		       unsigned int alloc_flags);

#endif
