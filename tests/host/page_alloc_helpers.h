/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the page allocator's host tests (test_page_alloc.c,
 * test_page_alloc_stress.c): booting a memory layout the way the kernel does,
 * an invariant checker that walks the allocator's structures directly, a
 * record of the pages a test owns, stamps and a seeded PRNG.
 *
 * The checker is written from the buddy system's rules (and Linux's), not
 * from mm/page_alloc.c: see pa_check().
 */
#ifndef PAGE_ALLOC_HELPERS_H
#define PAGE_ALLOC_HELPERS_H

#include <gfp.h>
#include <memblock.h>
#include <mm.h>

#define SZ_8K 0x2000UL
#define SZ_32K 0x8000UL
#define SZ_4M 0x400000UL
#define SZ_8M 0x800000UL
#define SZ_16M 0x1000000UL
#define SZ_32M 0x2000000UL
#define SZ_64M 0x4000000UL
#define SZ_256M 0x10000000UL

/* Where RAM starts on the RISC-V boards Loam runs on. */
#define RAM 0x80000000UL
#define RAM_PFN PFN_DOWN(RAM)
#define PFN_4G PFN_DOWN(SZ_4G)

/*
 * free_area_init() takes each node's pg_data_t (SMP_CACHE_BYTES-aligned),
 * then its zones' 8-byte pageblock bitmaps, from the top of the node's free
 * memory (test_page_alloc.c, node_data_ranges(), works out exactly where): in
 * every layout here that spans the last 3 pages of the node (or of the
 * highest free range in it), which are therefore never free.
 */
#define PA_NODE_DATA_PAGES 3
_Static_assert(sizeof(pg_data_t) + 8 > (PA_NODE_DATA_PAGES - 1) * PAGE_SIZE &&
		       sizeof(pg_data_t) + 8 * MAX_NR_ZONES <= PA_NODE_DATA_PAGES * PAGE_SIZE,
	       "the layouts assume pg_data_t and the bitmaps take exactly 3 pages");

/* A range of a layout; arrays of them end with a zero size. */
struct pa_range {
	phys_addr_t base;
	phys_addr_t size;
	int nid; /* memory only */
};

/* One entry of the distance map; arrays end with a zero distance. */
struct pa_distance {
	int from, to, distance;
};

struct pa_layout {
	const struct pa_range *mem; /* memblock_add_node() */
	const struct pa_range *rsv; /* memblock_reserve() */
	/* Reserved while free_area_init() allocates, released before the hand-over. */
	const struct pa_range *late;
	const struct pa_distance *dist;
	unsigned long movablecore; /* pages (required_movablecore) */
	bool no_watermarks; /* skip init_per_zone_wmark_min(): watermarks and reserves 0 */
	bool pcp_off; /* zone_pcp_disable() every zone: order 0 goes straight through */
};

/* What the last pa_boot() saw. */
extern unsigned long pa_boot_freed; /* memblock_free_all()'s return */
extern unsigned long pa_boot_free; /* nr_free_pages() at the end of the boot */
/* memblock.reserved right after free_area_init() (it is gone after the hand-over). */
#define PA_MAX_RSV 32
extern struct memblock_region pa_boot_rsv[PA_MAX_RSV];
extern int pa_boot_nr_rsv;

/*
 * Boot @l like the kernel: memblock, free_area_init(), zonelists, the
 * hand-over, per-CPU lists, watermarks; then check the invariants.
 */
void pa_boot(const struct pa_layout *l);

#define ZONE(nid, z) (&NODE_DATA(nid)->node_zones[z])

/* The invariant checker (a cmocka failure on the first violation). */
void pa_check(void);

/* Pages the test owns: the checker fails if one of them is on a free list. */
bool pa_own(struct page *page, unsigned int order); /* false: already owned */
void pa_disown(struct page *page, unsigned int order);
bool pa_owned(unsigned long pfn);

/* alloc_pages_node() + pa_own() (asserted), and pa_disown() + __free_pages(). */
struct page *pa_alloc(int nid, gfp_t gfp, unsigned int order);
void pa_free(struct page *page, unsigned int order);

/* A free block as the lists show it. */
struct pa_block {
	unsigned long pfn;
	unsigned int order;
	int mt; /* the list it is on; PA_ANY_MT in expectations: any */
	int nid;
	int zone;
};
#define PA_ANY_MT (-1)

/* Every free block of every zone, sorted by pfn; returns how many (at most @max). */
int pa_free_blocks(struct pa_block *out, int max);
/* The free blocks of one zone must be exactly @exp (pfn order), nid/zone not compared. */
void pa_assert_zone_blocks(struct zone *zone, const struct pa_block *exp, int n);
#define PA_ASSERT_BLOCKS(zone, ...)                                                          \
	do {                                                                                 \
		static const struct pa_block __exp[] = { __VA_ARGS__ };                      \
		pa_assert_zone_blocks(zone, __exp, (int)(sizeof(__exp) / sizeof(__exp[0]))); \
	} while (0)
#define PA_ASSERT_NO_BLOCKS(zone) pa_assert_zone_blocks(zone, NULL, 0)
/* Blocks on free_area[order].free_list[mt], counted by walking the list. */
unsigned long pa_list_len(struct zone *zone, unsigned int order, int mt);

/* The zone's pageblock type at @pfn. */
int pa_pageblock_mt(unsigned long pfn);

/* zone_pcp_disable() / zone_pcp_enable() on every populated zone. */
void pa_pcp_off(void);
void pa_pcp_on(void);

/* Stamps: two words in each page, from its pfn and @tag; checked before freeing. */
void pa_stamp(struct page *page, unsigned int order, unsigned long tag);
bool pa_stamp_ok(struct page *page, unsigned int order, unsigned long tag);

/* ------------------------------------------------------------ layouts */

/* The top of a node left free for its pg_data_t and bitmaps, and no more. */
#define PA_TOP_FREE (PA_NODE_DATA_PAGES * PAGE_SIZE)

/*
 * One 4 MiB node at RAM whose only free pages are RAM_PFN + [s, e): the rest
 * is reserved but for the last 3 pages, where free_area_init() puts the
 * node's data (leaving no whole page free). No watermarks, no pcp caching.
 */
void pa_boot_tiny(unsigned long s, unsigned long e);

/*
 * 8 MiB at RAM, nothing reserved: two pageblocks. The node's data takes the
 * last 3 pages, so: order 10 at 0x80000, then [0x80400, 0x807fd) in orders
 * 9 down to 2 and a last order-0 page at 0x807fc. No watermarks, no pcp.
 */
void pa_boot_two_blocks(void);

/* One zone of @size at RAM, watermarks and per-CPU lists on. */
void pa_boot_plain(unsigned long size);

/*
 * 16 MiB at RAM with reservations that cut pages: [RAM, +0x3234) leaves the
 * free memory starting at pfn 0x80004, [0x80a02ff0, 0x80a05000) ends the
 * first free range at 0x80a02 and starts the second at 0x80a05, and the
 * node's data takes 0x80ffd-0x80fff. The free blocks are the greedy
 * decomposition of [0x80004, 0x80a02) and [0x80a05, 0x80ffd): 2, 2, 2, 3,
 * 3, 3, 3, 3, 3, 3 and 1 blocks of orders 0..10.
 */
void pa_boot_awkward(void);

/*
 * Node 0: [4G-4M, +1M), a hole, [4G-2M, 4G+2M) across the DMA32/Normal
 * boundary, and 3 pages at 4G+4M (they take the node's data, so the blocks
 * are whole): DMA32 has order 8 at 0xffc00 and order 9 at 0xffe00, Normal
 * order 9 at 0x100000.
 */
extern const struct pa_range pa_hole_mem[];

/* ---------------------------------------------------------- assertions */

static inline struct zone *dma32(void)
{
	return ZONE(0, ZONE_DMA32);
}

static inline unsigned long pfn_of(struct page *page)
{
	return page ? page_to_pfn(page) : 0;
}

static inline struct page *page_of(unsigned long pfn)
{
	return pfn_to_page(pfn);
}

static inline unsigned long free_of(struct zone *zone)
{
	return zone_page_state(zone, NR_FREE_PAGES);
}

/* Did printk capture the formatted text? (Prints the log when not.) */
__printf(1, 2) bool pa_log_has(const char *fmt, ...);

/* Every zone's free blocks equal @want (from pa_free_blocks()), types aside. */
void pa_assert_same_blocks(const struct pa_block *want, int n);

/* PG_reserved, not PG_buddy, one reference: a page the allocator never had. */
void pa_assert_reserved_page(unsigned long pfn);

/* xorshift64*: a small, seeded, reproducible generator. */
static inline u64 pa_rand(u64 *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

/* The integer square root, by bisection (independent of the kernel's int_sqrt()). */
unsigned long pa_isqrt(unsigned long x);

/*
 * Allocate with @gfp | __GFP_NOWARN until NULL, storing from pages[*n] (at
 * most @cap in all); returns how many.
 */
unsigned long pa_alloc_until_null(struct page **pages, unsigned long cap, int nid, gfp_t gfp,
				  unsigned int order, unsigned long *n);

/* Free pages[0..n) (order @order) in a seeded random order, checking every @check_every. */
void pa_free_shuffled(u64 *seed, struct page **pages, unsigned long n, unsigned int order,
		      unsigned long check_every);

/* wakeup_kswapd() calls so far (tests/host/reclaim_fakes.c: the host has no reclaim). */
extern unsigned long host_kswapd_wakeups;

/* Shorthands for expected free blocks. */
#define U MIGRATE_UNMOVABLE
#define M MIGRATE_MOVABLE
#define R MIGRATE_RECLAIMABLE
#define B(p, o, t)                                  \
	{                                           \
		.pfn = (p), .order = (o), .mt = (t) \
	}
#define BA(p, o) B(p, o, PA_ANY_MT)
#define NOWARN __GFP_NOWARN

#endif
