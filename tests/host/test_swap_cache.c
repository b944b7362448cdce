// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the swap cache (mm/swap_state.c) over the real swap
 * map (mm/swapfile.c), the real page allocator and SLUB, and the real LRU
 * lists (mm/swap.c): add_to_swap(), lookup_swap_cache(),
 * delete_from_swap_cache() and its _bad() variant, free_swap_and_cache(),
 * swapin_readahead() (fresh read, cache hit, read error, a reader racing
 * for the slot; the readahead window and its counters, a failed readahead
 * read, a read that cannot start), read_swap_cache_async() with the last
 * PTE going during its read, swap_cache_init()/swap_cache_free(), and a
 * seeded random run checked against a model of the map bytes and the
 * cache.
 *
 * The rules (include/swap.h): a page in the cache has PG_swapcache,
 * page->private = its entry, one reference held by the cache, and
 * SWAP_HAS_CACHE in its slot's map byte, whose low bits count swap PTEs.
 *
 * Host fakes, below: the page lock (single-threaded: lock_page() of a
 * locked page is a failure), swap_readpage() (a "disk" of page-sized
 * buffers with an injectable read error, a request that cannot start, and
 * a read held in flight), schedule() (swapin_readahead() calls
 * it when another reader holds the slot: the fake lets that reader finish).
 *
 * One boot per program (SLUB's state is static): the group setup boots
 * 64 MiB and SLUB. Each test makes its own swap area and leaves the free
 * page count, the LRU and the swap counters as it found them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <blkdev.h>
#include <mm.h>
#include <mmzone.h>
#include <pagemap.h>
#include <printk.h>
#include <sched.h>
#include <swap.h>
#include <uapi/errno.h>
#include <vmstat.h>

#include "host_printk.h"
#include "slub_helpers.h"

/* ================================================================ fakes */

/* mm/filemap.c sleeps on a wait queue: single-threaded, a held lock is a bug. */
void lock_page(struct page *page)
{
	if (!trylock_page(page))
		fail_msg("lock_page() of a locked page (pfn %#lx): would sleep forever",
			 page_to_pfn(page));
}

void unlock_page(struct page *page)
{
	if (!PageLocked(page))
		fail_msg("unlock_page() of an unlocked page (pfn %#lx)", page_to_pfn(page));
	ClearPageLocked(page);
}

/* The disk: slot N of the one area the tests enable at a time. */
#define DISK_SLOTS 4096
static unsigned char (*disk)[PAGE_SIZE];
static unsigned long disk_reads;
static unsigned long disk_error_slot; /* 0: none (slot 0 is the header) */

static unsigned long disk_reads_of[DISK_SLOTS]; /* reads of each slot since base_take() */
static bool disk_no_request; /* swap_readpage() fails to start (-ENOMEM) */
/* (struct page *)1: the next read stays in flight, disk_deferred, until disk_complete(). */
static struct page *disk_deferred;
static swp_entry_t disk_deferred_entry;

/*
 * The block layer's plug (kernel/blk_core.c): readahead submits its window
 * inside one. The fake counts plugs and the reads started inside one.
 */
static int plug_depth;
static unsigned long plugs, plugged_reads;

void blk_start_plug(struct blk_plug *plug)
{
	if (plug_depth++ == 0)
		plugs++;
}

void blk_finish_plug(struct blk_plug *plug)
{
	if (--plug_depth < 0)
		fail_msg("blk_finish_plug() without blk_start_plug()");
}

/*
 * The device's end of a read (end_swap_read()): the page is filled and
 * uptodate (or the error reported and the flag left clear), unlocked, and
 * the reference handed over dropped. swap_readpage() calls it at once, as
 * if the device's interrupt came before the call returned.
 */
static void disk_end_read(struct page *page, swp_entry_t entry)
{
	unsigned long off = swp_offset(entry);

	disk_reads++;
	disk_reads_of[off]++;
	vm_events[PSWPIN]++;
	if (off == disk_error_slot) {
		pr_err("Read-error on swap-device (%u:%lu)\n", swp_type(entry), off);
	} else {
		memcpy(page_address(page), disk[off], PAGE_SIZE);
		SetPageUptodate(page);
	}
	unlock_page(page);
	put_page(page);
}

int swap_readpage(struct page *page, swp_entry_t entry)
{
	unsigned long off = swp_offset(entry);

	if (!PageLocked(page))
		fail_msg("swap_readpage() of an unlocked page");
	if (PageUptodate(page))
		fail_msg("swap_readpage() of an uptodate page");
	if (!PageSwapCache(page) || page->private != entry.val)
		fail_msg("swap_readpage() of a page not in the cache for its entry");
	if (off == 0 || off >= DISK_SLOTS)
		fail_msg("swap_readpage() of slot %lu", off);
	if (disk_no_request)
		return -ENOMEM;
	if (plug_depth)
		plugged_reads++;
	if (disk_deferred == (struct page *)1) {
		disk_deferred = page;
		disk_deferred_entry = entry;
		return 0;
	}
	disk_end_read(page, entry);
	return 0;
}

/* The device ends the read disk_deferred held in flight. */
static void disk_complete(void)
{
	struct page *page = disk_deferred;

	disk_deferred = NULL;
	disk_end_read(page, disk_deferred_entry);
}

/* Fill the disk's slot @off with a pattern from (@off, @tag). */
static void disk_fill(unsigned long off, u64 tag)
{
	u64 *w = (u64 *)disk[off];
	unsigned int i;

	for (i = 0; i < PAGE_SIZE / sizeof(u64); i++)
		w[i] = (off * 0x9e3779b97f4a7c15ULL) ^ (tag << 20) ^ i;
}

static bool page_equals_disk(struct page *page, unsigned long off)
{
	return !memcmp(page_address(page), disk[off], PAGE_SIZE);
}

/*
 * What the next schedule() does: the other reader that swapcache_prepare()
 * said holds the slot (-EEXIST) either completes its read (its page enters
 * the cache, unlocked) or fails it (it drops SWAP_HAS_CACHE).
 */
enum sched_action { SCHED_NONE, SCHED_OTHER_ADDS, SCHED_OTHER_FAILS };
static enum sched_action sched_action;
static swp_entry_t sched_entry;
static struct page *sched_page; /* SCHED_OTHER_ADDS: the other reader's page */
static struct swap_info_struct *sched_si;
static unsigned long schedule_calls;

void schedule(void)
{
	schedule_calls++;
	if (schedule_calls > 100)
		fail_msg("schedule() called %lu times: swapin_readahead() spins", schedule_calls);
	switch (sched_action) {
	case SCHED_OTHER_ADDS: {
		/* add_to_swap_cache() of the other reader, which holds SWAP_HAS_CACHE. */
		unsigned long off = swp_offset(sched_entry);

		get_page(sched_page);
		SetPageUptodate(sched_page); /* its read has ended */
		sched_page->private = sched_entry.val;
		SetPageSwapCache(sched_page);
		sched_si->swap_cache[off / SWAP_CACHE_CHUNK][off % SWAP_CACHE_CHUNK] = sched_page;
		break;
	}
	case SCHED_OTHER_FAILS:
		put_swap_page(sched_entry);
		break;
	case SCHED_NONE:
		break;
	}
	sched_action = SCHED_NONE;
}

/* ================================================================ areas */

struct area {
	union swap_header header;
	struct swap_info_struct si;
	unsigned char *map;
};

/* The tests' area (static: a failed test's teardown still finds it), enabled or not. */
static struct area the_area;
static bool area_live;

static void area_new(struct area *a, u32 last_page)
{
	assert_true(last_page < DISK_SLOTS);
	memset(&a->header, 0, sizeof(a->header));
	memcpy(a->header.magic.magic, SWAP_HEADER_MAGIC, 10);
	a->header.info.version = 1;
	a->header.info.last_page = last_page;
	assert_int_equal(read_swap_header(&a->header, last_page + 1, &a->si), 0);
	a->map = malloc(a->si.max);
	assert_non_null(a->map);
	assert_int_equal(setup_swap_map(&a->si, &a->header, a->map), 0);
	assert_int_equal(swap_cache_init(&a->si), 0);
	a->si.bdev = (struct block_device *)0x1; /* never used: swap_readpage() is faked */
	assert_int_equal(enable_swap_info(&a->si), 0);
	area_live = true;
}

/* Everything must already be free: every slot 0 (or bad), the cache empty. */
static void area_off(struct area *a)
{
	unsigned long i;

	for (i = 1; i < a->si.max; i++) {
		if (a->map[i] != SWAP_MAP_BAD && a->map[i])
			fail_msg("slot %lu left with map byte %#x", i, a->map[i]);
		if (a->si.swap_cache[i / SWAP_CACHE_CHUNK][i % SWAP_CACHE_CHUNK])
			fail_msg("slot %lu left in the swap cache", i);
	}
	assert_int_equal(a->si.inuse_pages, 0);
	assert_int_equal(disable_swap_info(&a->si), 0);
	area_live = false;
	swap_cache_free(&a->si);
	assert_null(a->si.swap_cache);
	free(a->map);
	assert_int_equal(get_nr_swap_pages(), 0);
	assert_int_equal(total_swap_pages, 0);
}

static unsigned long lru_anon(void)
{
	return node_page_state(NODE_DATA(0), NR_INACTIVE_ANON) +
	       node_page_state(NODE_DATA(0), NR_ACTIVE_ANON);
}

/* What each test starts from and must end with. */
struct baseline {
	unsigned long free_pages, lru;
};

static struct baseline base_take(void)
{
	host_printk_reset();
	disk_reads = 0;
	memset(disk_reads_of, 0, sizeof(disk_reads_of));
	disk_error_slot = 0;
	disk_no_request = false;
	disk_deferred = NULL;
	plugs = plugged_reads = 0;
	/* One page per fault unless a test asks for readahead. */
	page_cluster = 0;
	sched_action = SCHED_NONE;
	schedule_calls = 0;
	return (struct baseline){ sl_settle(), lru_anon() };
}

static void base_check(const struct baseline *b)
{
	assert_int_equal(lru_anon(), b->lru);
	assert_int_equal(sl_settle(), b->free_pages);
	if (host_printk_log()[0])
		fail_msg("unexpected kernel messages:\n%s", host_printk_log());
	pa_check();
}

/* A page as reclaim holds it: allocated, locked, unmapped. */
static struct page *new_locked_page(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE);

	assert_non_null(page);
	assert_int_equal(page->_mapcount, -1);
	assert_true(trylock_page(page));
	return page;
}

static unsigned char map_of(struct area *a, swp_entry_t entry)
{
	return a->map[swp_offset(entry)];
}

/* The end of a page's life in the tests: out of the cache, unlocked, freed by our reference. */
static void drop_cached_page(struct page *page)
{
	if (!PageLocked(page))
		assert_true(trylock_page(page));
	delete_from_swap_cache(page);
	unlock_page(page);
	assert_int_equal(page_ref_count(page), 1);
	put_page(page);
}

static int group_setup(void **state)
{
	disk = calloc(DISK_SLOTS, PAGE_SIZE);
	assert_non_null(disk);
	sl_boot(SZ_64M, NULL);
	return 0;
}

/*
 * After a failed test: take its area down by force (the pages it left in
 * the cache leak), so that the next tests start from no swap at all.
 */
static int test_teardown(void **state)
{
	struct area *a = &the_area;

	sched_action = SCHED_NONE;
	disk_error_slot = 0;
	if (!area_live)
		return 0;
	__atomic_add_fetch(&nr_swap_pages, a->si.inuse_pages, __ATOMIC_RELAXED);
	a->si.inuse_pages = 0;
	disable_swap_info(&a->si);
	swap_cache_free(&a->si);
	free(a->map);
	area_live = false;
	return 0;
}

static int group_teardown(void **state)
{
	free(disk);
	return 0;
}

/* ========================================================= add_to_swap */

static void test_add_to_swap(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *page, *found;
	swp_entry_t entry;
	long nr;

	area_new(a, 1000);
	nr = get_nr_swap_pages();
	assert_int_equal(nr, 1000);
	page = new_locked_page();
	assert_int_equal(page_ref_count(page), 1);

	assert_true(add_to_swap(page));
	assert_true(PageSwapCache(page));
	assert_true(PageDirty(page));
	assert_true(PageLocked(page));
	entry.val = page->private;
	assert_int_equal(swp_type(entry), a->si.type);
	assert_true(swp_offset(entry) >= 1 && swp_offset(entry) < a->si.max);
	assert_int_equal(map_of(a, entry), SWAP_HAS_CACHE);
	assert_int_equal(swp_swapcount(entry), 0);
	assert_int_equal(page_ref_count(page), 2);
	assert_int_equal(get_nr_swap_pages(), nr - 1);
	assert_int_equal(a->si.inuse_pages, 1);

	found = lookup_swap_cache(entry);
	assert_ptr_equal(found, page);
	assert_int_equal(page_ref_count(page), 3);
	put_page(found);
	assert_int_equal(page_ref_count(page), 2);

	/* A neighbouring slot and an entry outside the area are not in the cache. */
	assert_null(lookup_swap_cache(swp_entry(a->si.type, swp_offset(entry) + 1)));
	assert_null(lookup_swap_cache(swp_entry(a->si.type, a->si.max)));
	assert_null(lookup_swap_cache(swp_entry(a->si.type + 1, 1)));

	/* A second page gets another slot. */
	{
		struct page *p2 = new_locked_page();

		assert_true(add_to_swap(p2));
		assert_int_not_equal(p2->private, page->private);
		assert_ptr_equal(lookup_swap_cache((swp_entry_t){ p2->private }), p2);
		put_page(p2);
		assert_ptr_equal(lookup_swap_cache(entry), page);
		put_page(page);
		drop_cached_page(p2);
	}

	drop_cached_page(page);
	assert_int_equal(get_nr_swap_pages(), nr);
	area_off(a);
	base_check(&b);
}

/* A full area: add_to_swap() says false and leaves the page as it was. */
static void test_add_to_swap_full(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *pages[3], *page;
	unsigned long flags;
	int i;

	area_new(a, 3);
	for (i = 0; i < 3; i++) {
		pages[i] = new_locked_page();
		assert_true(add_to_swap(pages[i]));
	}
	assert_int_equal(get_nr_swap_pages(), 0);
	page = new_locked_page();
	flags = page->flags;
	assert_false(add_to_swap(page));
	assert_int_equal(page->flags, flags);
	assert_int_equal(page->private, 0);
	assert_int_equal(page_ref_count(page), 1);
	unlock_page(page);
	put_page(page);
	for (i = 0; i < 3; i++)
		drop_cached_page(pages[i]);
	area_off(a);
	base_check(&b);
}

/* ============================================== delete_from_swap_cache */

static void test_delete_from_swap_cache(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *page;
	swp_entry_t entry;
	long nr;

	area_new(a, 1000);
	nr = get_nr_swap_pages();
	page = new_locked_page();
	assert_true(add_to_swap(page));
	entry.val = page->private;

	delete_from_swap_cache(page);
	assert_int_equal(map_of(a, entry), 0);
	assert_int_equal(get_nr_swap_pages(), nr);
	assert_int_equal(a->si.inuse_pages, 0);
	assert_false(PageSwapCache(page));
	assert_int_equal(page->private, 0);
	assert_int_equal(page_ref_count(page), 1);
	assert_null(lookup_swap_cache(entry));
	unlock_page(page);
	put_page(page);
	area_off(a);
	base_check(&b);
}

/* A swap PTE refers to the slot: it stays, with that count and without the cache's claim. */
static void test_delete_from_swap_cache_pte(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *page;
	swp_entry_t entry;
	long nr;

	area_new(a, 1000);
	nr = get_nr_swap_pages();
	page = new_locked_page();
	assert_true(add_to_swap(page));
	entry.val = page->private;
	assert_int_equal(swap_duplicate(entry), 0);
	assert_int_equal(swap_duplicate(entry), 0);
	assert_int_equal(map_of(a, entry), SWAP_HAS_CACHE | 2);

	delete_from_swap_cache(page);
	assert_int_equal(map_of(a, entry), 2);
	assert_int_equal(get_nr_swap_pages(), nr - 1);
	assert_false(PageSwapCache(page));
	assert_int_equal(page->private, 0);
	assert_int_equal(page_ref_count(page), 1);
	assert_null(lookup_swap_cache(entry));
	unlock_page(page);
	put_page(page);

	swap_free(entry);
	swap_free(entry);
	assert_int_equal(map_of(a, entry), 0);
	assert_int_equal(get_nr_swap_pages(), nr);
	area_off(a);
	base_check(&b);
}

/* ========================================== delete_from_swap_cache_bad */

static void test_delete_from_swap_cache_bad(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *page;
	swp_entry_t entry;
	long nr, total;
	unsigned int pages;

	area_new(a, 1000);
	nr = get_nr_swap_pages();
	total = total_swap_pages;
	pages = a->si.pages;
	page = new_locked_page();
	assert_true(add_to_swap(page));
	entry.val = page->private;

	delete_from_swap_cache_bad(page);
	assert_int_equal(map_of(a, entry), SWAP_MAP_BAD);
	assert_int_equal(total_swap_pages, total - 1);
	assert_int_equal(a->si.pages, pages - 1);
	assert_int_equal(a->si.inuse_pages, 0);
	/* Neither free nor in use: gone from both counts. */
	assert_int_equal(get_nr_swap_pages(), nr - 1);
	assert_false(PageSwapCache(page));
	assert_int_equal(page->private, 0);
	assert_int_equal(page_ref_count(page), 1);
	assert_null(lookup_swap_cache(entry));
	/* The page keeps its data and stays the caller's. */
	assert_true(PageLocked(page));

	/* Never handed out again: a new page gets another slot. */
	{
		struct page *p2 = new_locked_page();

		assert_true(add_to_swap(p2));
		assert_int_not_equal(p2->private, entry.val);
		drop_cached_page(p2);
	}
	unlock_page(page);
	put_page(page);
	area_off(a);
	base_check(&b);
}

/* With a swap PTE on the slot, the slot cannot be retired: only the cache's claim goes. */
static void test_delete_from_swap_cache_bad_pte(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *page;
	swp_entry_t entry;
	long nr, total;

	area_new(a, 1000);
	nr = get_nr_swap_pages();
	total = total_swap_pages;
	page = new_locked_page();
	assert_true(add_to_swap(page));
	entry.val = page->private;
	assert_int_equal(swap_duplicate(entry), 0);

	delete_from_swap_cache_bad(page);
	assert_int_equal(map_of(a, entry), 1);
	assert_int_equal(total_swap_pages, total);
	assert_int_equal(get_nr_swap_pages(), nr - 1);
	assert_false(PageSwapCache(page));
	assert_int_equal(page->private, 0);
	assert_int_equal(page_ref_count(page), 1);
	unlock_page(page);
	put_page(page);

	swap_free(entry);
	assert_int_equal(map_of(a, entry), 0);
	assert_int_equal(get_nr_swap_pages(), nr);
	area_off(a);
	base_check(&b);
}

/* ================================================== free_swap_and_cache */

/* A slot with one swap PTE and its page in the cache, unlocked and unmapped. */
static struct page *cached_with_pte(struct area *a, swp_entry_t *entry)
{
	struct page *page = new_locked_page();

	assert_true(add_to_swap(page));
	entry->val = page->private;
	assert_int_equal(swap_duplicate(*entry), 0);
	assert_int_equal(map_of(a, *entry), SWAP_HAS_CACHE | 1);
	unlock_page(page);
	return page;
}

/* The last PTE goes: slot and cache entry both go, the page with the cache's reference. */
static void test_free_swap_and_cache(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *page;
	swp_entry_t entry;
	unsigned long free_with_area;
	long nr;

	area_new(a, 1000);
	nr = get_nr_swap_pages();

	/* We keep a reference: the page survives with it alone. */
	page = cached_with_pte(a, &entry);
	assert_int_equal(page_ref_count(page), 2);
	free_swap_and_cache(entry);
	assert_int_equal(map_of(a, entry), 0);
	assert_int_equal(get_nr_swap_pages(), nr);
	assert_null(lookup_swap_cache(entry));
	assert_false(PageSwapCache(page));
	assert_int_equal(page->private, 0);
	assert_false(PageLocked(page));
	assert_int_equal(page_ref_count(page), 1);
	put_page(page);

	/* Only the cache holds it: free_swap_and_cache() frees the page. */
	free_with_area = sl_settle();
	page = cached_with_pte(a, &entry);
	put_page(page);
	assert_int_equal(page_ref_count(page), 1);
	free_swap_and_cache(entry);
	assert_int_equal(map_of(a, entry), 0);
	assert_int_equal(get_nr_swap_pages(), nr);
	assert_null(lookup_swap_cache(entry));
	assert_int_equal(sl_settle(), free_with_area); /* the page is back in the allocator */

	area_off(a);
	base_check(&b);
}

/* Two PTEs: the first going leaves slot and page alone. */
static void test_free_swap_and_cache_two_ptes(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *page;
	swp_entry_t entry;

	area_new(a, 1000);
	page = cached_with_pte(a, &entry);
	assert_int_equal(swap_duplicate(entry), 0);
	free_swap_and_cache(entry);
	assert_int_equal(map_of(a, entry), SWAP_HAS_CACHE | 1);
	assert_true(PageSwapCache(page));
	assert_int_equal(page_ref_count(page), 2);
	free_swap_and_cache(entry);
	assert_int_equal(map_of(a, entry), 0);
	assert_false(PageSwapCache(page));
	assert_int_equal(page_ref_count(page), 1);
	put_page(page);
	area_off(a);
	base_check(&b);
}

/* Someone (reclaim) holds the page lock: the page stays for it, the PTE count goes. */
static void test_free_swap_and_cache_locked(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *page, *found;
	swp_entry_t entry;
	long nr;

	area_new(a, 1000);
	nr = get_nr_swap_pages();
	page = cached_with_pte(a, &entry);
	assert_true(trylock_page(page)); /* the lock holder */

	free_swap_and_cache(entry);
	assert_int_equal(map_of(a, entry), SWAP_HAS_CACHE);
	assert_int_equal(swp_swapcount(entry), 0);
	assert_int_equal(get_nr_swap_pages(), nr - 1);
	assert_true(PageSwapCache(page));
	assert_int_equal(page->private, entry.val);
	assert_true(PageLocked(page));
	assert_int_equal(page_ref_count(page), 2); /* lookup's reference given back */
	found = lookup_swap_cache(entry);
	assert_ptr_equal(found, page);
	put_page(found);

	/* The lock holder frees it later. */
	drop_cached_page(page);
	assert_int_equal(get_nr_swap_pages(), nr);
	area_off(a);
	base_check(&b);
}

/* A page still mapped somewhere stays in the cache too. */
static void test_free_swap_and_cache_mapped(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *page;
	swp_entry_t entry;

	area_new(a, 1000);
	page = cached_with_pte(a, &entry);
	page->_mapcount = 0; /* one PTE maps it */

	free_swap_and_cache(entry);
	assert_int_equal(map_of(a, entry), SWAP_HAS_CACHE);
	assert_true(PageSwapCache(page));
	assert_false(PageLocked(page)); /* trylock taken and given back */
	assert_int_equal(page_ref_count(page), 2);

	page->_mapcount = -1;
	drop_cached_page(page);
	area_off(a);
	base_check(&b);
}

/* ========================================================== swapin_page */

/*
 * A slot with @ptes swap PTEs and nothing cached, its data on the disk
 * (reclaim wrote the page and freed it).
 */
static swp_entry_t swapped_out(struct area *a, int ptes, u64 tag)
{
	struct page *page = new_locked_page();
	swp_entry_t entry;
	int i;

	assert_true(add_to_swap(page));
	entry.val = page->private;
	for (i = 0; i < ptes; i++)
		assert_int_equal(swap_duplicate(entry), 0);
	disk_fill(swp_offset(entry), tag);
	drop_cached_page(page);
	assert_int_equal(map_of(a, entry), ptes);
	return entry;
}

static void test_swapin_read(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *page;
	swp_entry_t entry;
	unsigned long majflt, lru;
	int err = 12345;

	area_new(a, 1000);
	entry = swapped_out(a, 1, 7);
	majflt = vm_events[PGMAJFAULT];
	lru = lru_anon();
	disk_reads = 0;

	page = swapin_readahead(entry, &err);
	assert_non_null(page);
	assert_int_equal(err, 0);
	assert_true(PageLocked(page));
	assert_true(PageSwapCache(page));
	assert_true(PageSwapBacked(page));
	assert_int_equal(page->private, entry.val);
	assert_int_equal(map_of(a, entry), SWAP_HAS_CACHE | 1);
	assert_int_equal(page_ref_count(page), 2); /* the cache's and ours */
	assert_true(page_equals_disk(page, swp_offset(entry)));
	assert_int_equal(disk_reads, 1);
	assert_int_equal(vm_events[PGMAJFAULT], majflt + 1);
	assert_true(PageLRU(page));
	assert_int_equal(lru_anon(), lru + 1);
	assert_int_equal(schedule_calls, 0);
	{
		struct page *found = lookup_swap_cache(entry);

		assert_ptr_equal(found, page);
		put_page(found);
	}

	/* The fault maps it and drops the PTE; later the page goes (put_page: off the LRU). */
	unlock_page(page);
	free_swap_and_cache(entry); /* unmapped, unlocked: page out of the cache */
	assert_int_equal(map_of(a, entry), 0);
	assert_false(PageSwapCache(page));
	assert_int_equal(page_ref_count(page), 1);
	put_page(page);
	area_off(a);
	base_check(&b);
}

/* Already in the cache: that page, locked, with a reference; no read. */
static void test_swapin_cached(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *page, *got;
	swp_entry_t entry;
	unsigned long majflt, lru;
	int err = 12345;

	area_new(a, 1000);
	page = cached_with_pte(a, &entry);
	majflt = vm_events[PGMAJFAULT];
	lru = lru_anon();
	disk_reads = 0;

	got = swapin_readahead(entry, &err);
	assert_ptr_equal(got, page);
	assert_true(PageLocked(page));
	assert_int_equal(page_ref_count(page), 3);
	assert_int_equal(disk_reads, 0);
	assert_int_equal(vm_events[PGMAJFAULT], majflt);
	assert_int_equal(lru_anon(), lru);
	assert_int_equal(map_of(a, entry), SWAP_HAS_CACHE | 1);
	put_page(got);

	unlock_page(page);
	swap_free(entry);
	drop_cached_page(page);
	area_off(a);
	base_check(&b);
}

/* A read error: NULL, -EIO, the slot keeps its PTE count, nothing leaked; the next try reads. */
static void test_swapin_read_error(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *page;
	swp_entry_t entry;
	unsigned long majflt, lru, free_before;
	int err = 0;

	area_new(a, 1000);
	entry = swapped_out(a, 1, 9);
	majflt = vm_events[PGMAJFAULT];
	lru = lru_anon();
	free_before = sl_settle();
	disk_reads = 0;
	disk_error_slot = swp_offset(entry);
	host_printk_reset();

	page = swapin_readahead(entry, &err);
	assert_null(page);
	assert_int_equal(err, -EIO);
	assert_int_equal(disk_reads, 1);
	assert_int_equal(map_of(a, entry), 1);
	assert_null(lookup_swap_cache(entry));
	/* Linux's VM_FAULT_MAJOR: the fault had to read, whatever came of it. */
	assert_int_equal(vm_events[PGMAJFAULT], majflt + 1);
	assert_int_equal(lru_anon(), lru);
	assert_int_equal(sl_settle(), free_before);
	assert_true(host_printk_contains("Read-error on swap-device"));
	host_printk_reset();

	/* The error is gone: the next fault reads the slot's data. */
	disk_error_slot = 0;
	page = swapin_readahead(entry, &err);
	assert_non_null(page);
	assert_int_equal(err, 0);
	assert_true(page_equals_disk(page, swp_offset(entry)));
	unlock_page(page);
	free_swap_and_cache(entry);
	put_page(page);
	area_off(a);
	base_check(&b);
}

/* No PTE refers to the slot, or the entry names no area: NULL and the error, nothing leaked. */
static void test_swapin_bad_entry(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	int err = 0;

	area_new(a, 1000);
	assert_null(swapin_readahead(swp_entry(a->si.type, 5), &err));
	assert_int_equal(err, -ENOENT);
	assert_int_equal(a->map[5], 0);
	assert_null(swapin_readahead(swp_entry(a->si.type + 3, 5), &err));
	assert_int_equal(err, -EINVAL);
	assert_true(host_printk_contains("Bad swap file entry"));
	host_printk_reset();
	assert_int_equal(disk_reads, 0);
	area_off(a);
	base_check(&b);
}

/* Another reader holds the slot (-EEXIST) and finishes: its page is the one returned. */
static void test_swapin_race_other_adds(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *other, *got;
	swp_entry_t entry;
	int err = 12345;

	area_new(a, 1000);
	entry = swapped_out(a, 1, 3);
	assert_int_equal(swapcache_prepare(entry), 0); /* the other reader's claim */
	other = alloc_page(GFP_HIGHUSER_MOVABLE);
	assert_non_null(other);
	memcpy(page_address(other), disk[swp_offset(entry)], PAGE_SIZE);
	sched_action = SCHED_OTHER_ADDS;
	sched_entry = entry;
	sched_page = other;
	sched_si = &a->si;
	disk_reads = 0;

	got = swapin_readahead(entry, &err);
	assert_ptr_equal(got, other);
	/*
	 * *err is left at -EEXIST here (and untouched on a plain cache hit):
	 * include/swap.h promises it only with NULL, and mm/memory.c reads it
	 * only then, so it is not checked.
	 */
	assert_int_equal(schedule_calls, 1);
	assert_int_equal(disk_reads, 0);
	assert_true(PageLocked(got));
	assert_int_equal(page_ref_count(other), 3); /* the other reader's, the cache's, ours */
	assert_int_equal(map_of(a, entry), SWAP_HAS_CACHE | 1);
	put_page(got);

	unlock_page(other);
	free_swap_and_cache(entry);
	assert_int_equal(map_of(a, entry), 0);
	assert_int_equal(page_ref_count(other), 1);
	put_page(other);
	area_off(a);
	base_check(&b);
}

/* Another reader holds the slot and gives up (its read failed): we read it ourselves. */
static void test_swapin_race_other_fails(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *got;
	swp_entry_t entry;
	int err = 12345;

	area_new(a, 1000);
	entry = swapped_out(a, 1, 4);
	assert_int_equal(swapcache_prepare(entry), 0);
	sched_action = SCHED_OTHER_FAILS;
	sched_entry = entry;
	disk_reads = 0;

	got = swapin_readahead(entry, &err);
	assert_non_null(got);
	assert_int_equal(err, 0);
	assert_int_equal(schedule_calls, 1);
	assert_int_equal(disk_reads, 1);
	assert_true(page_equals_disk(got, swp_offset(entry)));
	assert_int_equal(map_of(a, entry), SWAP_HAS_CACHE | 1);
	unlock_page(got);
	free_swap_and_cache(entry);
	put_page(got);
	area_off(a);
	base_check(&b);
}

/* ============================================================ readahead */

/* Slots 1..@n swapped out, one PTE each, the disk holding tag @tag + slot. */
static void swapped_out_run(struct area *a, unsigned long n, u64 tag)
{
	unsigned long off;

	for (off = 1; off <= n; off++)
		assert_int_equal(swp_offset(swapped_out(a, 1, tag + off)), off);
}

/* A fault's end in the tests: the PTE goes (the page leaves the cache) and our reference. */
static void fault_done(struct page *page, swp_entry_t entry)
{
	unlock_page(page);
	free_swap_and_cache(entry);
	assert_false(PageSwapCache(page));
	assert_int_equal(page_ref_count(page), 1);
	put_page(page);
}

/* A page read ahead: in the cache, uptodate, unlocked, PG_readahead, the cache's reference alone. */
static void assert_read_ahead(struct area *a, unsigned long off)
{
	swp_entry_t entry = swp_entry(a->si.type, off);
	struct page *page = lookup_swap_cache(entry);

	if (!page)
		fail_msg("slot %lu not read ahead", off);
	assert_true(PageUptodate(page));
	assert_true(PageReadahead(page));
	assert_false(PageLocked(page));
	assert_true(PageLRU(page));
	assert_false(page_mapped(page));
	assert_true(page_equals_disk(page, off));
	assert_int_equal(page_ref_count(page), 2); /* the cache's and the lookup's */
	assert_int_equal(map_of(a, entry), SWAP_HAS_CACHE | 1);
	put_page(page);
}

/*
 * A fault reads the aligned window of 2^page_cluster slots around its own
 * (the first readahead test: Linux's initial 4 hits make it 8), slot 0 and
 * free slots skipped; faults then find those pages without a read
 * (swap_ra_hit), and the hits keep the next window at 8. page-cluster 0
 * reads one page. Unused readahead pages go with their last PTE.
 */
static void test_swapin_readahead_window(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	static const unsigned long hits[] = { 4, 1, 2, 5, 7 };
	unsigned long off, ra, ra_hit, majflt, pswpin, lru;
	struct page *page;
	int err, i;

	area_new(a, 40);
	swapped_out_run(a, 20, 100);
	swap_free(swp_entry(a->si.type, 6)); /* slot 6 free: nothing to read */
	assert_int_equal(a->map[6], 0);
	ra = vm_events[SWAP_RA];
	ra_hit = vm_events[SWAP_RA_HIT];
	majflt = vm_events[PGMAJFAULT];
	pswpin = vm_events[PSWPIN];
	lru = lru_anon();
	page_cluster = 3;

	page = swapin_readahead(swp_entry(a->si.type, 3), &err);
	assert_non_null(page);
	assert_true(PageLocked(page));
	assert_true(PageUptodate(page));
	assert_false(PageReadahead(page));
	assert_true(page_equals_disk(page, 3));
	assert_int_equal(disk_reads, 6); /* 1..7 but 6 */
	assert_int_equal(plugs, 1); /* all submitted in one plug */
	assert_int_equal(plugged_reads, 6);
	assert_int_equal(plug_depth, 0);
	for (off = 0; off < DISK_SLOTS; off++)
		assert_int_equal(disk_reads_of[off], off >= 1 && off <= 7 && off != 6);
	assert_int_equal(vm_events[SWAP_RA], ra + 5);
	assert_int_equal(vm_events[SWAP_RA_HIT], ra_hit);
	assert_int_equal(vm_events[PGMAJFAULT], majflt + 1);
	assert_int_equal(vm_events[PSWPIN], pswpin + 6);
	assert_int_equal(lru_anon(), lru + 6);
	assert_null(lookup_swap_cache(swp_entry(a->si.type, 6)));
	assert_null(lookup_swap_cache(swp_entry(a->si.type, 8)));
	for (off = 1; off <= 7; off++)
		if (off != 3 && off != 6)
			assert_read_ahead(a, off);
	fault_done(page, swp_entry(a->si.type, 3));

	/* The neighbours' faults find their pages: hits, no read, no major fault. */
	for (i = 0; i < 5; i++) {
		swp_entry_t entry = swp_entry(a->si.type, hits[i]);

		page = swapin_readahead(entry, &err);
		assert_non_null(page);
		assert_false(PageReadahead(page));
		assert_true(page_equals_disk(page, hits[i]));
		fault_done(page, entry);
	}
	assert_int_equal(disk_reads, 6);
	assert_int_equal(vm_events[SWAP_RA_HIT], ra_hit + 5);
	assert_int_equal(vm_events[PGMAJFAULT], majflt + 1);

	/* 5 hits: the next window is 8 again, [8, 15]. */
	page = swapin_readahead(swp_entry(a->si.type, 9), &err);
	assert_non_null(page);
	assert_int_equal(disk_reads, 6 + 8);
	for (off = 8; off <= 15; off++)
		assert_int_equal(disk_reads_of[off], 1);
	assert_int_equal(disk_reads_of[16], 0);
	assert_int_equal(vm_events[SWAP_RA], ra + 5 + 7);
	fault_done(page, swp_entry(a->si.type, 9));

	/* page-cluster 0: the one page asked for. */
	page_cluster = 0;
	page = swapin_readahead(swp_entry(a->si.type, 17), &err);
	assert_non_null(page);
	assert_int_equal(disk_reads, 6 + 8 + 1);
	assert_int_equal(vm_events[SWAP_RA], ra + 5 + 7);
	fault_done(page, swp_entry(a->si.type, 17));

	/* Pages read ahead and never used go with the last PTE, and the slots. */
	for (off = 8; off <= 20; off++)
		if (off != 9 && off != 17)
			free_swap_and_cache(swp_entry(a->si.type, off));
	area_off(a);
	base_check(&b);
}

/*
 * A readahead read fails: the page stays in the cache, not uptodate,
 * unlocked; the fault that wants it drops it and reads the slot itself
 * (-EIO while the disk fails, the PTE's count intact), then reads it right.
 * The window stops at the area's end.
 */
static void test_swapin_readahead_read_error(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *page, *failed;
	unsigned long off, free_before;
	swp_entry_t e9;
	int err;

	area_new(a, 10);
	swapped_out_run(a, 10, 200);
	e9 = swp_entry(a->si.type, 9);
	disk_error_slot = 9;
	page_cluster = 3;

	/* After the last test's window of 8 and no hits since: a window of 4, [8, 11] cut at 10. */
	page = swapin_readahead(swp_entry(a->si.type, 8), &err);
	assert_non_null(page);
	assert_int_equal(disk_reads_of[9], 1);
	assert_int_equal(disk_reads_of[10], 1);
	assert_true(host_printk_contains("Read-error on swap-device"));
	host_printk_reset();
	failed = lookup_swap_cache(e9);
	assert_non_null(failed);
	assert_false(PageUptodate(failed));
	assert_false(PageLocked(failed));
	put_page(failed);
	fault_done(page, swp_entry(a->si.type, 8));

	free_before = sl_settle();
	assert_null(swapin_readahead(e9, &err));
	assert_int_equal(err, -EIO);
	assert_int_equal(disk_reads_of[9], 2);
	assert_null(lookup_swap_cache(e9));
	assert_int_equal(map_of(a, e9), 1);
	assert_int_equal(sl_settle(), free_before + 1); /* the failed page freed */
	assert_true(host_printk_contains("Read-error on swap-device"));
	host_printk_reset();

	disk_error_slot = 0;
	page = swapin_readahead(e9, &err);
	assert_non_null(page);
	assert_true(page_equals_disk(page, 9));
	fault_done(page, e9);
	for (off = 1; off <= 10; off++)
		if (off != 8 && off != 9)
			free_swap_and_cache(swp_entry(a->si.type, off));
	area_off(a);
	base_check(&b);
}

/* A read that cannot start (no request: -ENOMEM): the fault's error, nothing lost. */
static void test_swapin_no_request(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	unsigned long off, free_before = sl_settle();
	int err;

	area_new(a, 20);
	swapped_out_run(a, 12, 300);
	page_cluster = 3;
	disk_no_request = true;
	assert_null(swapin_readahead(swp_entry(a->si.type, 5), &err));
	assert_int_equal(err, -ENOMEM);
	for (off = 1; off <= 12; off++) {
		assert_int_equal(a->map[off], 1);
		assert_null(lookup_swap_cache(swp_entry(a->si.type, off)));
	}
	disk_no_request = false;
	for (off = 1; off <= 12; off++)
		free_swap_and_cache(swp_entry(a->si.type, off));
	area_off(a);
	assert_int_equal(sl_settle(), free_before);
	base_check(&b);
}

/*
 * read_swap_cache_async() (MADV_WILLNEED's) starts a read and does not
 * wait. The last PTE goes while it is in flight: the page leaves the cache
 * and the slot is free at once; the read's end frees the page.
 */
static void test_free_swap_and_cache_read_in_flight(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	struct page *page;
	swp_entry_t entry;
	bool new_page;
	int err;

	area_new(a, 20);
	entry = swapped_out(a, 1, 400);
	disk_deferred = (struct page *)1;
	page = read_swap_cache_async(entry, GFP_HIGHUSER_MOVABLE, &new_page, &err);
	assert_non_null(page);
	assert_true(new_page);
	assert_ptr_equal(disk_deferred, page);
	assert_true(PageLocked(page));
	assert_false(PageUptodate(page));
	assert_int_equal(page_ref_count(page), 3); /* ours, the cache's, the read's */
	put_page(page);

	free_swap_and_cache(entry);
	assert_int_equal(map_of(a, entry), 0);
	assert_null(lookup_swap_cache(entry));
	assert_false(PageSwapCache(page));
	assert_int_equal(page_ref_count(page), 1); /* the read's */
	disk_complete();
	area_off(a);
	base_check(&b);
}

/* ============================================ swap_cache_init and _free */

static void test_swap_cache_init_free(void **state)
{
	static const u32 sizes[] = { 1, SWAP_CACHE_CHUNK - 1, SWAP_CACHE_CHUNK,
				     3 * SWAP_CACHE_CHUNK + 7 };
	struct baseline b = base_take();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		union swap_header *h = calloc(1, sizeof(*h));
		struct swap_info_struct si = { 0 };
		unsigned char *map;
		unsigned long nr, j, k;

		assert_non_null(h);
		memcpy(h->magic.magic, SWAP_HEADER_MAGIC, 10);
		h->info.version = 1;
		h->info.last_page = sizes[i];
		assert_int_equal(read_swap_header(h, sizes[i] + 1, &si), 0);
		map = malloc(si.max);
		assert_int_equal(setup_swap_map(&si, h, map), 0);
		nr = DIV_ROUND_UP(si.max, SWAP_CACHE_CHUNK);

		assert_int_equal(swap_cache_init(&si), 0);
		assert_non_null(si.swap_cache);
		for (j = 0; j < nr; j++) {
			assert_non_null(si.swap_cache[j]);
			for (k = 0; k < SWAP_CACHE_CHUNK; k++)
				assert_null(si.swap_cache[j][k]);
		}
		/* At least a page per chunk is in use. */
		assert_true(sl_free_pages() + nr <= b.free_pages);
		swap_cache_free(&si);
		assert_null(si.swap_cache);
		swap_cache_free(&si); /* twice is harmless */
		assert_int_equal(sl_settle(), b.free_pages);
		free(map);
		free(h);
	}
	base_check(&b);
}

/* Memory runs out part-way: -ENOMEM, swap_cache NULL, every chunk taken so far given back. */
static void test_swap_cache_init_nomem(void **state)
{
	struct baseline b = base_take();
	unsigned long cap = b.free_pages + 64, n = 0, i;
	struct page **pages = calloc(cap, sizeof(*pages));
	union swap_header *h = calloc(1, sizeof(*h));
	struct swap_info_struct si = { 0 };
	unsigned char *map;
	int left, ret;

	assert_non_null(pages);
	assert_non_null(h);
	memcpy(h->magic.magic, SWAP_HEADER_MAGIC, 10);
	h->info.version = 1;
	h->info.last_page = 8 * SWAP_CACHE_CHUNK; /* 9 chunks */
	assert_int_equal(read_swap_header(h, h->info.last_page + 1, &si), 0);
	map = malloc(si.max);
	assert_int_equal(setup_swap_map(&si, h, map), 0);

	/* Leave 0, 1, 2, 4 pages: never enough for 9 chunks. */
	for (left = 0; left <= 4; left += left ? left : 1) {
		n = 0;
		while (n < cap && (pages[n] = alloc_page(GFP_KERNEL | __GFP_NOWARN)))
			n++;
		assert_true(n < cap);
		for (i = 0; i < (unsigned long)left && n; i++)
			put_page(pages[--n]);
		ret = swap_cache_init(&si);
		assert_int_equal(ret, -ENOMEM);
		assert_null(si.swap_cache);
		while (n)
			put_page(pages[--n]);
		assert_int_equal(sl_settle(), b.free_pages);
	}
	free(map);
	free(h);
	free(pages);
	host_printk_reset(); /* allocation failures may be reported */
	base_check(&b);
}

/* ============================================================= model */

#define MODEL_STEPS 6000
#define MODEL_MAX 1000

struct slot_model {
	int count; /* swap PTEs */
	struct page *page; /* the cached page (we hold a reference besides the cache's) */
	u64 tag; /* the disk's contents */
};

static struct slot_model model[MODEL_MAX + 1];

static void model_check_slot(struct area *a, unsigned long off)
{
	struct slot_model *m = &model[off];
	swp_entry_t entry = swp_entry(a->si.type, off);
	unsigned char want = m->count | (m->page ? SWAP_HAS_CACHE : 0);
	struct page *found;

	if (a->map[off] != want)
		fail_msg("slot %lu: map byte %#x, model %#x", off, a->map[off], want);
	found = lookup_swap_cache(entry);
	if (found != m->page)
		fail_msg("slot %lu: cache has %p, model %p", off, (void *)found, (void *)m->page);
	if (found) {
		assert_true(PageSwapCache(found));
		assert_int_equal(found->private, entry.val);
		assert_int_equal(page_ref_count(found), 3); /* cache, ours, lookup's */
		put_page(found);
	}
}

static void model_check_all(struct area *a)
{
	unsigned long off, used = 0;

	for (off = 1; off < a->si.max; off++) {
		model_check_slot(a, off);
		used += model[off].count || model[off].page;
	}
	assert_int_equal(a->si.inuse_pages, used);
	assert_int_equal(get_nr_swap_pages(), a->si.pages - used);
}

/* A random slot that is in use (count or cache), or 0 if none after a few tries. */
static unsigned long pick_used(u64 *seed, struct area *a, bool need_count, bool need_page)
{
	int tries;

	for (tries = 0; tries < 64; tries++) {
		unsigned long off = 1 + pa_rand(seed) % (a->si.max - 1);
		struct slot_model *m = &model[off];

		if (!m->count && !m->page)
			continue;
		if (need_count && !m->count)
			continue;
		if (need_page && !m->page)
			continue;
		return off;
	}
	return 0;
}

static void test_random_model(void **state)
{
	struct baseline b = base_take();
	struct area *a = &the_area;
	u64 seed = 0x5eed5eed1234ULL;
	unsigned long step, off, lru0 = lru_anon();
	int err;

	memset(model, 0, sizeof(model));
	area_new(a, 700); /* two cache chunks */

	for (step = 0; step < MODEL_STEPS; step++) {
		unsigned int op = pa_rand(&seed) % 8;
		struct slot_model *m;
		struct page *page;
		swp_entry_t entry;

		off = 0;
		switch (op) {
		case 0: /* reclaim: a new page into the cache, written out */
		case 1:
			page = new_locked_page();
			if (!add_to_swap(page)) {
				assert_int_equal(get_nr_swap_pages(), 0);
				unlock_page(page);
				put_page(page);
				break;
			}
			off = swp_offset((swp_entry_t){ page->private });
			m = &model[off];
			if (m->count || m->page)
				fail_msg("step %lu: add_to_swap() took slot %lu, in use", step,
					 off);
			m->page = page;
			m->tag = step;
			disk_fill(off, step);
			unlock_page(page);
			break;
		case 2: /* a PTE takes a count */
			off = pick_used(&seed, a, false, false);
			if (!off)
				break;
			m = &model[off];
			err = swap_duplicate(swp_entry(a->si.type, off));
			if (m->count == SWAP_MAP_MAX) {
				assert_int_equal(err, -ENOMEM);
			} else {
				assert_int_equal(err, 0);
				m->count++;
			}
			break;
		case 3: /* a PTE goes, plainly */
			off = pick_used(&seed, a, true, false);
			if (!off)
				break;
			swap_free(swp_entry(a->si.type, off));
			model[off].count--;
			break;
		case 4: /* a PTE goes by munmap */
			off = pick_used(&seed, a, true, false);
			if (!off)
				break;
			m = &model[off];
			free_swap_and_cache(swp_entry(a->si.type, off));
			m->count--;
			if (!m->count && m->page) {
				/* Unmapped and unlocked: out of the cache; our reference is left. */
				page = m->page;
				m->page = NULL;
				assert_false(PageSwapCache(page));
				assert_int_equal(page_ref_count(page), 1);
				put_page(page);
			}
			break;
		case 5: /* reclaim frees a written page */
			off = pick_used(&seed, a, false, true);
			if (!off)
				break;
			m = &model[off];
			page = m->page;
			m->page = NULL;
			if (pa_rand(&seed) % 2) {
				drop_cached_page(page);
			} else {
				/* The data stays on the disk when PTEs need it. */
				assert_true(trylock_page(page));
				delete_from_swap_cache(page);
				unlock_page(page);
				put_page(page);
			}
			break;
		case 6: /* a fault */
			off = pick_used(&seed, a, true, false);
			if (!off)
				break;
			m = &model[off];
			entry = swp_entry(a->si.type, off);
			disk_reads = 0;
			page = swapin_readahead(entry, &err);
			assert_non_null(page);
			assert_int_equal(err, 0);
			assert_true(PageLocked(page));
			if (m->page) {
				assert_ptr_equal(page, m->page);
				assert_int_equal(disk_reads, 0);
				put_page(page);
			} else {
				assert_int_equal(disk_reads, 1);
				if (!page_equals_disk(page, off))
					fail_msg("step %lu: slot %lu read wrong data", step, off);
				m->page = page; /* swapin's reference is ours now */
			}
			unlock_page(page);
			break;
		case 7: /* a lookup of any slot */
			off = 1 + pa_rand(&seed) % (a->si.max - 1);
			break;
		}
		if (off)
			model_check_slot(a, off);
		if (step % 500 == 499)
			model_check_all(a);
	}
	model_check_all(a);

	/* Everything goes. */
	for (off = 1; off < a->si.max; off++) {
		struct slot_model *m = &model[off];

		while (m->count) {
			swap_free(swp_entry(a->si.type, off));
			m->count--;
		}
		if (m->page) {
			drop_cached_page(m->page);
			m->page = NULL;
		}
		model_check_slot(a, off);
	}
	assert_int_equal(lru_anon(), lru0);
	area_off(a);
	base_check(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_add_to_swap, test_teardown),
		cmocka_unit_test_teardown(test_add_to_swap_full, test_teardown),
		cmocka_unit_test_teardown(test_delete_from_swap_cache, test_teardown),
		cmocka_unit_test_teardown(test_delete_from_swap_cache_pte, test_teardown),
		cmocka_unit_test_teardown(test_delete_from_swap_cache_bad, test_teardown),
		cmocka_unit_test_teardown(test_delete_from_swap_cache_bad_pte, test_teardown),
		cmocka_unit_test_teardown(test_free_swap_and_cache, test_teardown),
		cmocka_unit_test_teardown(test_free_swap_and_cache_two_ptes, test_teardown),
		cmocka_unit_test_teardown(test_free_swap_and_cache_locked, test_teardown),
		cmocka_unit_test_teardown(test_free_swap_and_cache_mapped, test_teardown),
		cmocka_unit_test_teardown(test_swapin_read, test_teardown),
		cmocka_unit_test_teardown(test_swapin_cached, test_teardown),
		cmocka_unit_test_teardown(test_swapin_read_error, test_teardown),
		cmocka_unit_test_teardown(test_swapin_bad_entry, test_teardown),
		cmocka_unit_test_teardown(test_swapin_race_other_adds, test_teardown),
		cmocka_unit_test_teardown(test_swapin_race_other_fails, test_teardown),
		/* In this order: the readahead window depends on the faults before. */
		cmocka_unit_test_teardown(test_swapin_readahead_window, test_teardown),
		cmocka_unit_test_teardown(test_swapin_readahead_read_error, test_teardown),
		cmocka_unit_test_teardown(test_swapin_no_request, test_teardown),
		cmocka_unit_test_teardown(test_free_swap_and_cache_read_in_flight, test_teardown),
		cmocka_unit_test_teardown(test_swap_cache_init_free, test_teardown),
		cmocka_unit_test_teardown(test_swap_cache_init_nomem, test_teardown),
		cmocka_unit_test_teardown(test_random_model, test_teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
