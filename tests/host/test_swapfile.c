// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of mm/swapfile.c and include/swap.h: the swap header as
 * util-linux's mkswap writes it (fixtures made by mkswap itself into
 * $LOAM_SWAP_DIR, default build/tests/swap, by the Makefile) and edited
 * copies of it, with the error each kind of damage gets; the slot
 * allocator's cluster order, wrap-around, full areas, counts, the swap
 * cache's claim (SWAP_HAS_CACHE) and bad slots; the swap PTE encoding at
 * the edges of every field; and a seeded random churn of allocations,
 * duplicates, cache claims and frees checked against a model of the map.
 *
 * A slot from get_swap_page() is born with SWAP_HAS_CACHE and no count:
 * put_swap_page() gives it back, or swap PTEs take counts (swap_duplicate())
 * that swap_free() drops; it is free once the byte is 0.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <swap.h>

#include "host_fixture.h"
#include "host_printk.h"

/* An area of the tests: its header page, map and swap_info_struct. */
struct area {
	union swap_header header;
	struct swap_info_struct si;
	unsigned char *map;
};

static u64 rnd(u64 *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

/* Read the first page of $LOAM_SWAP_DIR/@name into @page; the file's size in pages. */
static unsigned long load_fixture(const char *name, union swap_header *page)
{
	size_t len;
	void *file = host_load_fixture("LOAM_SWAP_DIR", "build/tests/swap", name,
				       "make host-tests writes it with mkswap", &len);

	if (len < PAGE_SIZE)
		fail_msg("%s: shorter than a page", name);
	memcpy(page, file, PAGE_SIZE);
	free(file);
	return len / PAGE_SIZE;
}

/* A header as mkswap writes it, for an area of @last_page + 1 pages. */
static void make_header(union swap_header *h, u32 last_page)
{
	memset(h, 0, sizeof(*h));
	memcpy(h->magic.magic, SWAP_HEADER_MAGIC, 10);
	h->info.version = 1;
	h->info.last_page = last_page;
}

static void add_badpage(union swap_header *h, u32 page_nr)
{
	u32 *badpages = h->info.badpages;

	badpages[h->info.nr_badpages++] = page_nr;
}

/* read_swap_header() must refuse @h with -EINVAL and print @msg. */
static void refused(union swap_header *h, unsigned long dev_pages, const char *msg)
{
	struct swap_info_struct si = { 0 };

	host_printk_reset();
	assert_int_equal(read_swap_header(h, dev_pages, &si), -EINVAL);
	if (!host_printk_contains(msg))
		fail_msg("expected \"%s\", printed \"%s\"", msg, host_printk_log());
}

/* Check, set up and enable @a's header for a device of @dev_pages. */
static void area_on(struct area *a, unsigned long dev_pages)
{
	host_printk_reset();
	assert_int_equal(read_swap_header(&a->header, dev_pages, &a->si), 0);
	a->map = malloc(a->si.max);
	assert_non_null(a->map);
	assert_int_equal(setup_swap_map(&a->si, &a->header, a->map), 0);
	assert_int_equal(enable_swap_info(&a->si), 0);
	assert_string_equal(host_printk_log(), "");
}

static void area_new(struct area *a, u32 last_page)
{
	make_header(&a->header, last_page);
	area_on(a, last_page + 1);
}

/* Drop every reference left, disable, free: the counters must be back to 0. */
static void area_off(struct area *a)
{
	unsigned int i;

	for (i = 1; i < a->si.max; i++) {
		if (a->map[i] == SWAP_MAP_BAD)
			continue;
		/* The swap PTEs' counts, then the swap cache's claim. */
		while (swap_count(a->map[i]))
			swap_free(swp_entry(a->si.type, i));
		if (a->map[i] & SWAP_HAS_CACHE)
			put_swap_page(swp_entry(a->si.type, i));
		assert_int_equal(a->map[i], 0);
	}
	assert_int_equal(disable_swap_info(&a->si), 0);
	free(a->map);
}

/*
 * Give back a slot fresh from get_swap_page() (SWAP_HAS_CACHE alone) the way
 * reclaim does when a PTE takes it: a count for the PTE, the swap cache
 * lets go (the slot survives on the count), then the PTE goes.
 */
static void release_via_pte(swp_entry_t entry)
{
	long free_before = get_nr_swap_pages();

	assert_int_equal(swp_swapcount(entry), 0);
	assert_int_equal(swap_duplicate(entry), 0);
	put_swap_page(entry);
	assert_int_equal(swp_swapcount(entry), 1);
	assert_int_equal(get_nr_swap_pages(), free_before);
	swap_free(entry);
	assert_int_equal(swp_swapcount(entry), 0);
	assert_int_equal(get_nr_swap_pages(), free_before + 1);
}

static void assert_counters_zero(void)
{
	unsigned long total, free_pages;

	si_swapinfo(&total, &free_pages);
	assert_int_equal(total, 0);
	assert_int_equal(free_pages, 0);
}

static unsigned long alloc_offset(int type)
{
	swp_entry_t entry = get_swap_page();

	assert_int_not_equal(entry.val, 0);
	assert_int_equal(swp_type(entry), type);
	return swp_offset(entry);
}

/* ------------------------------------------------------------ header */

static void test_header_mkswap(void **state)
{
	struct swap_info_struct si = { 0 };
	union swap_header h;
	unsigned long dev_pages;
	static unsigned char map[256];

	/* A 1 MiB file: mkswap uses all of it. */
	dev_pages = load_fixture("mkswap-1M.img", &h);
	assert_int_equal(dev_pages, 256);
	assert_int_equal(h.info.last_page, 255);
	assert_int_equal(read_swap_header(&h, dev_pages, &si), 0);
	assert_int_equal(si.max, 256);
	assert_int_equal(setup_swap_map(&si, &h, map), 0);
	assert_int_equal(si.pages, 255);
	assert_int_equal(map[0], SWAP_MAP_BAD);

	/* The same file, but mkswap told to use 40 KiB of it. */
	dev_pages = load_fixture("mkswap-40k.img", &h);
	assert_int_equal(dev_pages, 256);
	assert_int_equal(read_swap_header(&h, dev_pages, &si), 0);
	assert_int_equal(si.max, 10);
	/* ... and the 40 KiB device that size is meant for. */
	assert_int_equal(read_swap_header(&h, 10, &si), 0);
	refused(&h, 9, "Swap area shorter than signature indicates");
}

static void test_header_valid(void **state)
{
	struct area a;

	make_header(&a.header, 1000);
	area_on(&a, 4096); /* a device larger than the area: the rest is unused */
	assert_int_equal(a.si.max, 1001);
	assert_int_equal(a.si.pages, 1000);
	assert_int_equal(total_swap_pages, 1000);
	assert_int_equal(get_nr_swap_pages(), 1000);
	area_off(&a);
	assert_counters_zero();
}

static void test_header_signature(void **state)
{
	union swap_header h;

	make_header(&h, 100);
	memcpy(h.magic.magic, "SWAP-SPACE", 10); /* version 0, gone since Linux 2.5.22 */
	refused(&h, 101, "Unable to find swap-space signature");
	make_header(&h, 100);
	h.magic.magic[9] = '3';
	refused(&h, 101, "Unable to find swap-space signature");
	memset(&h, 0, sizeof(h));
	refused(&h, 101, "Unable to find swap-space signature");
}

static void test_header_version(void **state)
{
	union swap_header h;

	make_header(&h, 100);
	h.info.version = 2;
	refused(&h, 101, "Unable to handle swap header version 2");
	/* Written by a big-endian mkswap: Loam does not swab it. */
	h.info.version = 0x01000000;
	refused(&h, 101, "Unable to handle swap header version 16777216");
	h.info.version = 0;
	refused(&h, 101, "Unable to handle swap header version 0");
}

static void test_header_truncated(void **state)
{
	struct swap_info_struct si = { 0 };
	union swap_header h;

	make_header(&h, 100);
	refused(&h, 100, "Swap area shorter than signature indicates");
	refused(&h, 1, "Swap area shorter than signature indicates");
	assert_int_equal(read_swap_header(&h, 101, &si), 0);

	/* A device of one page holds a header and no slot. */
	make_header(&h, 1);
	refused(&h, 1, "Swap area shorter than signature indicates");
	assert_int_equal(read_swap_header(&h, 2, &si), 0);
	assert_int_equal(si.max, 2);

	make_header(&h, 0);
	refused(&h, 1, "Empty swap-file");
	refused(&h, 100, "Empty swap-file");
}

static void test_header_badpages(void **state)
{
	struct swap_info_struct si = { 0 };
	static unsigned char map[101];
	union swap_header h;
	struct area a;
	unsigned int i;

	make_header(&h, 100);
	add_badpage(&h, 0);
	refused(&h, 101, "Bad page 0 of the swap header is outside 1..100");
	make_header(&h, 100);
	add_badpage(&h, 5);
	add_badpage(&h, 101);
	refused(&h, 101, "Bad page 101 of the swap header is outside 1..100");

	/* The list may fill the page up to the signature, and no further. */
	assert_int_equal(MAX_SWAP_BADPAGES, 637);
	make_header(&h, 2000);
	for (i = 0; i < MAX_SWAP_BADPAGES; i++)
		add_badpage(&h, 1 + i * 2);
	assert_memory_equal(h.magic.magic, SWAP_HEADER_MAGIC, 10);
	assert_int_equal(read_swap_header(&h, 2001, &si), 0);
	h.info.nr_badpages++;
	refused(&h, 2001, "Swap header lists 638 bad pages, more than 637");

	/* Every slot bad, one of them twice: nothing left to use. */
	make_header(&h, 100);
	for (i = 1; i <= 100; i++)
		add_badpage(&h, i);
	add_badpage(&h, 50);
	assert_int_equal(read_swap_header(&h, 101, &si), 0);
	host_printk_reset();
	assert_int_equal(setup_swap_map(&si, &h, map), -EINVAL);
	assert_true(host_printk_contains("Empty swap-file"));

	/* Honoured: the bad slots are never handed out. */
	make_header(&a.header, 600);
	add_badpage(&a.header, 1);
	add_badpage(&a.header, 2);
	add_badpage(&a.header, 300);
	add_badpage(&a.header, 600);
	area_on(&a, 601);
	assert_int_equal(a.si.pages, 596);
	assert_int_equal(a.map[0], SWAP_MAP_BAD);
	assert_int_equal(a.map[300], SWAP_MAP_BAD);
	for (i = 0; i < 596; i++) {
		unsigned long offset = alloc_offset(0);

		assert_true(offset != 1 && offset != 2 && offset != 300 && offset != 600);
	}
	assert_int_equal(get_swap_page().val, 0);
	assert_int_equal(swp_swapcount(swp_entry(0, 300)), 0);
	area_off(&a);
	assert_counters_zero();
}

/* ------------------------------------------------------------ slots */

static void test_alloc_sequential_clusters(void **state)
{
	struct area a;
	unsigned long i;

	area_new(&a, 1023); /* four clusters; slot 0 is the header */
	for (i = 1; i <= 300; i++)
		assert_int_equal(alloc_offset(0), i);
	/* Holes behind the current cluster do not pull allocations back. */
	for (i = 10; i < 20; i++)
		put_swap_page(swp_entry(0, i));
	for (i = 301; i < 1024; i++)
		assert_int_equal(alloc_offset(0), i);

	/*
	 * At the end, wrapping around: a wholly free cluster (1) before the
	 * holes of cluster 0, which come first in slot order.
	 */
	release_via_pte(swp_entry(0, 700));
	for (i = 256; i < 512; i++)
		put_swap_page(swp_entry(0, i));
	for (i = 256; i < 512; i++)
		assert_int_equal(alloc_offset(0), i);
	/* No free cluster left: the first free slot after the last one, wrapping. */
	assert_int_equal(alloc_offset(0), 700);
	for (i = 10; i < 20; i++)
		assert_int_equal(alloc_offset(0), i);
	assert_int_equal(get_swap_page().val, 0);
	assert_int_equal(a.si.inuse_pages, 1023);
	assert_int_equal(get_nr_swap_pages(), 0);
	area_off(&a);
	assert_counters_zero();
}

/*
 * Two CPUs reclaiming at once: each takes its own cluster, so that the
 * slots each hands out one after the other are neighbours, however the
 * two interleave; a CPU whose cluster is used up takes the next free one,
 * never the other's.
 */
static void test_alloc_percpu_clusters(void **state)
{
	struct area a;
	unsigned long i;

	area_new(&a, 1023); /* four clusters; slot 0 is the header */
	for (i = 0; i < 255; i++) {
		host_set_cpu(0);
		assert_int_equal(alloc_offset(0), 1 + i);
		host_set_cpu(1);
		assert_int_equal(alloc_offset(0), 256 + i);
	}
	/* CPU 0's cluster is full: the next wholly free one is 2, not CPU 1's. */
	host_set_cpu(0);
	assert_int_equal(alloc_offset(0), 512);
	host_set_cpu(1);
	assert_int_equal(alloc_offset(0), 511);
	assert_int_equal(alloc_offset(0), 768);
	host_set_cpu(0);
	assert_int_equal(alloc_offset(0), 513);
	assert_int_equal(a.si.inuse_pages, 514);
	area_off(&a);
	assert_counters_zero();
}

static void test_alloc_wrap_full_reuse(void **state)
{
	struct area a;
	unsigned long i;

	area_new(&a, 299); /* one cluster and a partial one */
	for (i = 1; i < 300; i++)
		assert_int_equal(alloc_offset(0), i);
	/* Full: the empty entry, every time, and nothing changes. */
	assert_int_equal(get_swap_page().val, 0);
	assert_int_equal(get_swap_page().val, 0);
	assert_int_equal(a.si.inuse_pages, 299);

	/* Free then reuse, wrapping past the end to the start. */
	put_swap_page(swp_entry(0, 250));
	release_via_pte(swp_entry(0, 5));
	assert_int_equal(get_nr_swap_pages(), 2);
	assert_int_equal(alloc_offset(0), 5);
	assert_int_equal(alloc_offset(0), 250);
	assert_int_equal(get_swap_page().val, 0);

	/* Cluster 1 (256..299) freed whole while cluster 0 is the current one. */
	for (i = 256; i < 300; i++) {
		if (i % 2)
			release_via_pte(swp_entry(0, i));
		else
			put_swap_page(swp_entry(0, i));
	}
	put_swap_page(swp_entry(0, 100));
	/* Cluster 0 has no free slot after 250; cluster 1 is wholly free. */
	assert_int_equal(alloc_offset(0), 256);
	assert_int_equal(alloc_offset(0), 257);
	area_off(&a);
	assert_counters_zero();
}

static void test_duplicate_and_free(void **state)
{
	struct area a;
	swp_entry_t entry;
	int i;

	area_new(&a, 99);
	entry = get_swap_page();
	/* Born held by the swap cache alone. */
	assert_int_equal(a.map[swp_offset(entry)], SWAP_HAS_CACHE);
	assert_int_equal(swp_swapcount(entry), 0);
	assert_int_equal(a.si.inuse_pages, 1);
	/* swap_free() drops PTE counts only: the cache's claim is not one. */
	host_printk_reset();
	swap_free(entry);
	assert_true(host_printk_contains("swap_free: Unused swap offset entry"));
	assert_int_equal(a.map[swp_offset(entry)], SWAP_HAS_CACHE);
	assert_int_equal(get_nr_swap_pages(), 98);

	for (i = 1; i <= SWAP_MAP_MAX; i++) {
		assert_int_equal(swap_duplicate(entry), 0);
		assert_int_equal(swp_swapcount(entry), i);
	}
	assert_int_equal(swap_duplicate(entry), -ENOMEM);
	assert_int_equal(swp_swapcount(entry), SWAP_MAP_MAX);
	assert_int_equal(a.map[swp_offset(entry)], SWAP_HAS_CACHE | SWAP_MAP_MAX);
	assert_int_equal(get_nr_swap_pages(), 98);
	/* The cache lets go; the counts keep the slot. */
	put_swap_page(entry);
	assert_int_equal(a.map[swp_offset(entry)], SWAP_MAP_MAX);
	assert_int_equal(swp_swapcount(entry), SWAP_MAP_MAX);
	assert_int_equal(get_nr_swap_pages(), 98);
	assert_int_equal(a.si.inuse_pages, 1);
	/* A second put: the cache no longer holds it. */
	host_printk_reset();
	put_swap_page(entry);
	assert_true(host_printk_contains("put_swap_page: Unused swap offset entry"));
	assert_int_equal(a.map[swp_offset(entry)], SWAP_MAP_MAX);
	for (i = SWAP_MAP_MAX - 1; i >= 1; i--) {
		swap_free(entry);
		assert_int_equal(swp_swapcount(entry), i);
		assert_int_equal(get_nr_swap_pages(), 98);
	}
	swap_free(entry);
	assert_int_equal(swp_swapcount(entry), 0);
	assert_int_equal(get_nr_swap_pages(), 99);
	assert_int_equal(a.si.inuse_pages, 0);

	/* Wrong frees and duplicates: reported, nothing changes. */
	host_printk_reset();
	swap_free(entry);
	assert_true(host_printk_contains("swap_free: Unused swap offset entry"));
	host_printk_reset();
	put_swap_page(entry);
	assert_true(host_printk_contains("put_swap_page: Unused swap offset entry"));
	assert_int_equal(swap_duplicate(entry), -ENOENT);
	assert_int_equal(swap_duplicate(swp_entry(0, 0)), -ENOENT); /* the header */
	host_printk_reset();
	swap_free(swp_entry(0, 100));
	assert_true(host_printk_contains("swap_free: Bad swap offset entry"));
	host_printk_reset();
	put_swap_page(swp_entry(0, 100));
	assert_true(host_printk_contains("put_swap_page: Bad swap offset entry"));
	host_printk_reset();
	swap_free(swp_entry(5, 1));
	assert_true(host_printk_contains("swap_free: Bad swap file entry"));
	host_printk_reset();
	put_swap_page(swp_entry(5, 1));
	assert_true(host_printk_contains("put_swap_page: Bad swap file entry"));
	assert_int_equal(swap_duplicate(swp_entry(MAX_SWAPFILES - 1, 1)), -EINVAL);
	assert_int_equal(swp_swapcount(swp_entry(5, 1)), 0);
	assert_int_equal(get_nr_swap_pages(), 99);
	assert_int_equal(a.si.inuse_pages, 0);
	area_off(&a);
	assert_counters_zero();
}

static void test_mark_bad(void **state)
{
	unsigned long total, free_pages, i;
	swp_entry_t entry, other;
	struct area a;

	area_new(&a, 20);
	entry = get_swap_page();
	other = get_swap_page();
	assert_int_equal(swp_offset(entry), 1);

	/* A swap PTE refers to it: not retired under it, cached or not. */
	assert_int_equal(swap_duplicate(other), 0);
	assert_int_equal(swap_mark_bad(other), -EBUSY);
	assert_int_equal(a.map[2], SWAP_HAS_CACHE | 1);
	put_swap_page(other);
	assert_int_equal(swap_mark_bad(other), -EBUSY);
	assert_int_equal(a.map[2], 1);
	/* Back to the swap cache alone: cache claimed again, the PTE gone. */
	assert_int_equal(swapcache_prepare(other), 0);
	swap_free(other);
	assert_int_equal(a.map[2], SWAP_HAS_CACHE);

	/* Free slots, the header and entries outside the area. */
	assert_int_equal(swap_mark_bad(swp_entry(0, 3)), -ENOENT);
	assert_int_equal(swap_mark_bad(swp_entry(0, 0)), -ENOENT);
	assert_int_equal(swap_mark_bad(swp_entry(0, 21)), -EINVAL);
	assert_int_equal(swap_mark_bad(swp_entry(5, 1)), -EINVAL);

	assert_int_equal(swap_mark_bad(entry), 0);
	assert_int_equal(a.map[1], SWAP_MAP_BAD);
	assert_int_equal(swp_swapcount(entry), 0);
	assert_int_equal(swap_mark_bad(entry), -ENOENT);
	assert_int_equal(swap_duplicate(entry), -ENOENT);
	assert_int_equal(swapcache_prepare(entry), -ENOENT);
	si_swapinfo(&total, &free_pages);
	assert_int_equal(total, 19);
	assert_int_equal(free_pages, 18);
	assert_int_equal(a.si.pages, 19);
	assert_int_equal(a.si.inuse_pages, 1);

	/* Never handed out again, even once everything else was used and freed. */
	put_swap_page(other);
	for (i = 0; i < 19; i++)
		assert_int_not_equal(alloc_offset(0), 1);
	assert_int_equal(get_swap_page().val, 0);
	for (i = 2; i <= 20; i++)
		put_swap_page(swp_entry(0, i));
	for (i = 0; i < 19; i++)
		assert_int_not_equal(alloc_offset(0), 1);
	area_off(&a);
	assert_counters_zero();
}

static void test_swapcache_prepare(void **state)
{
	swp_entry_t entry;
	struct area a;

	area_new(&a, 20);
	entry = get_swap_page();
	assert_int_equal(swp_offset(entry), 1);

	/* Cached, no PTE: nothing for a swap-in to claim. */
	assert_int_equal(swapcache_prepare(entry), -ENOENT);
	assert_int_equal(a.map[1], SWAP_HAS_CACHE);
	/* A PTE's count while still cached: the page is there already. */
	assert_int_equal(swap_duplicate(entry), 0);
	assert_int_equal(swapcache_prepare(entry), -EEXIST);
	assert_int_equal(a.map[1], SWAP_HAS_CACHE | 1);
	/* The cache let go: the count alone, so a swap-in may claim it, once. */
	put_swap_page(entry);
	assert_int_equal(a.map[1], 1);
	assert_int_equal(swapcache_prepare(entry), 0);
	assert_int_equal(a.map[1], SWAP_HAS_CACHE | 1);
	assert_int_equal(swp_swapcount(entry), 1);
	assert_int_equal(swapcache_prepare(entry), -EEXIST);
	assert_int_equal(a.map[1], SWAP_HAS_CACHE | 1);
	assert_int_equal(a.si.inuse_pages, 1);
	assert_int_equal(get_nr_swap_pages(), 19);
	/* More counts do not change the answer. */
	assert_int_equal(swap_duplicate(entry), 0);
	assert_int_equal(swapcache_prepare(entry), -EEXIST);
	put_swap_page(entry);
	assert_int_equal(swapcache_prepare(entry), 0);
	assert_int_equal(a.map[1], SWAP_HAS_CACHE | 2);
	put_swap_page(entry);
	swap_free(entry);
	swap_free(entry);
	assert_int_equal(a.map[1], 0);

	/* A free slot, the header, a bad slot, entries outside every area. */
	assert_int_equal(swapcache_prepare(entry), -ENOENT);
	assert_int_equal(swapcache_prepare(swp_entry(0, 7)), -ENOENT);
	assert_int_equal(swapcache_prepare(swp_entry(0, 0)), -ENOENT);
	assert_int_equal(swapcache_prepare(swp_entry(0, 21)), -EINVAL);
	assert_int_equal(swapcache_prepare(swp_entry(5, 1)), -EINVAL);
	assert_int_equal(a.map[1], 0);
	assert_int_equal(a.map[7], 0);
	assert_int_equal(a.map[0], SWAP_MAP_BAD);
	assert_int_equal(a.si.inuse_pages, 0);
	assert_int_equal(get_nr_swap_pages(), 20);
	area_off(&a);
	assert_counters_zero();
}

static void test_put_swap_page(void **state)
{
	swp_entry_t entry;
	struct area a;

	area_new(&a, 20);
	/* Count 0: put_swap_page() frees the slot, and it is handed out again. */
	entry = get_swap_page();
	assert_int_equal(swp_offset(entry), 1);
	assert_int_equal(get_nr_swap_pages(), 19);
	put_swap_page(entry);
	assert_int_equal(a.map[1], 0);
	assert_int_equal(a.si.inuse_pages, 0);
	assert_int_equal(get_nr_swap_pages(), 20);
	assert_int_equal(swp_swapcount(entry), 0);
	assert_int_equal(swap_duplicate(entry), -ENOENT);

	/* A count remains: the slot survives the cache and goes with the last PTE. */
	entry = get_swap_page();
	assert_int_equal(swp_offset(entry), 2);
	assert_int_equal(swap_duplicate(entry), 0);
	assert_int_equal(swap_duplicate(entry), 0);
	put_swap_page(entry);
	assert_int_equal(a.map[2], 2);
	assert_int_equal(a.si.inuse_pages, 1);
	assert_int_equal(get_nr_swap_pages(), 19);
	swap_free(entry);
	assert_int_equal(a.map[2], 1);
	assert_int_equal(get_nr_swap_pages(), 19);
	/* Not free: the allocator passes it by. */
	assert_int_equal(alloc_offset(0), 3);
	swap_free(entry);
	assert_int_equal(a.map[2], 0);
	assert_int_equal(a.si.inuse_pages, 1);
	assert_int_equal(get_nr_swap_pages(), 19);

	/* The PTEs go first, the cache last (the swap-in order): freed by the put. */
	entry = swp_entry(0, 3);
	assert_int_equal(swap_duplicate(entry), 0);
	swap_free(entry);
	assert_int_equal(a.map[3], SWAP_HAS_CACHE);
	assert_int_equal(a.si.inuse_pages, 1);
	put_swap_page(entry);
	assert_int_equal(a.map[3], 0);
	assert_int_equal(a.si.inuse_pages, 0);
	assert_int_equal(get_nr_swap_pages(), 20);
	area_off(&a);
	assert_counters_zero();
}

static void test_swap_info_and_full(void **state)
{
	struct area a, b;
	int i;

	area_new(&a, 10);
	area_new(&b, 20);
	assert_ptr_equal(swp_swap_info(swp_entry(0, 0)), &a.si);
	assert_ptr_equal(swp_swap_info(swp_entry(0, 10)), &a.si);
	assert_null(swp_swap_info(swp_entry(0, 11)));
	assert_ptr_equal(swp_swap_info(swp_entry(1, 20)), &b.si);
	assert_null(swp_swap_info(swp_entry(1, 21)));
	assert_null(swp_swap_info(swp_entry(2, 1)));
	assert_null(swp_swap_info(swp_entry(MAX_SWAPFILES - 1, 1)));

	/* Full: less than half of the 30 slots free. */
	for (i = 0; i < 15; i++) {
		assert_false(vm_swap_full());
		alloc_offset(0 + (i >= 10));
	}
	assert_int_equal(get_nr_swap_pages(), 15);
	assert_false(vm_swap_full());
	alloc_offset(1);
	assert_true(vm_swap_full());
	put_swap_page(swp_entry(1, 6));
	assert_false(vm_swap_full());

	area_off(&b);
	assert_null(swp_swap_info(swp_entry(1, 1)));
	area_off(&a);
	assert_null(swp_swap_info(swp_entry(0, 1)));
	assert_false(vm_swap_full());
	assert_counters_zero();
}

static void test_several_areas(void **state)
{
	static struct area more[MAX_SWAPFILES];
	struct area a, b;
	unsigned long total, free_pages;
	struct swap_info_struct extra;
	unsigned char extra_map[2];
	union swap_header h;
	int i;

	area_new(&a, 10);
	area_new(&b, 20);
	assert_int_equal(a.si.type, 0);
	assert_int_equal(b.si.type, 1);
	si_swapinfo(&total, &free_pages);
	assert_int_equal(total, 30);
	assert_int_equal(free_pages, 30);

	/* Type 0 first, then type 1. */
	for (i = 1; i <= 10; i++)
		assert_int_equal(alloc_offset(0), i);
	assert_int_equal(alloc_offset(1), 1);
	assert_int_equal(disable_swap_info(&b.si), -EBUSY);
	put_swap_page(swp_entry(1, 1));
	release_via_pte(swp_entry(0, 4));
	assert_int_equal(alloc_offset(0), 4);

	/* MAX_SWAPFILES at most. */
	for (i = 2; i < MAX_SWAPFILES; i++)
		area_new(&more[i], 1);
	make_header(&h, 1);
	extra = (struct swap_info_struct){ .max = 2 };
	assert_int_equal(setup_swap_map(&extra, &h, extra_map), 0);
	assert_int_equal(enable_swap_info(&extra), -EPERM);
	assert_int_equal(disable_swap_info(&extra), -EINVAL);
	for (i = 2; i < MAX_SWAPFILES; i++)
		area_off(&more[i]);

	area_off(&b);
	area_off(&a);
	assert_counters_zero();
}

/* ------------------------------------------------------------ PTE encoding */

static void check_pte(unsigned long type, unsigned long offset)
{
	swp_entry_t entry = swp_entry(type, offset), back;
	pte_t pte = swp_entry_to_pte(entry);

	assert_int_equal(swp_type(entry), type);
	assert_int_equal(swp_offset(entry), offset);
	/* Nothing the hardware or mm/memory.c reads as a mapping. */
	assert_false(pte_val(pte) & _PAGE_PRESENT);
	assert_false(pte_val(pte) & _PAGE_PROT_NONE);
	assert_false(pte_val(pte) & 0x1ff); /* V R W X U G A D and bit 8 */
	assert_false(pte_present(pte));
	back = pte_to_swp_entry(pte);
	assert_int_equal(back.val, entry.val);
	assert_int_equal(swp_type(back), type);
	assert_int_equal(swp_offset(back), offset);
	/* Only (0, 0), the header slot of type 0, is pte_none(). */
	assert_int_equal(is_swap_pte(pte), type || offset);
}

static void test_pte_encoding(void **state)
{
	const unsigned long offsets[] = {
		0,
		1,
		2,
		3,
		255,
		256,
		257,
		0x7fffffff,
		0x80000000,
		0xffffffff,
		0x100000000UL,
		(1UL << 49) - 1,
		1UL << 49,
		(1UL << 50) - 1,
	};
	unsigned long type, i, bit;
	u64 seed = 7;

	assert_int_equal(__SWP_OFFSET_BITS, 50);
	for (type = 0; type < MAX_SWAPFILES; type++)
		for (i = 0; i < ARRAY_SIZE(offsets); i++)
			check_pte(type, offsets[i]);
	/* Every single offset bit and every type bit lands in its own PTE bit. */
	for (bit = 0; bit < __SWP_OFFSET_BITS; bit++)
		assert_int_equal(pte_val(swp_entry_to_pte(swp_entry(0, 1UL << bit))),
				 1UL << (bit + __SWP_OFFSET_SHIFT));
	for (bit = 0; bit < MAX_SWAPFILES_SHIFT; bit++)
		assert_int_equal(pte_val(swp_entry_to_pte(swp_entry(1UL << bit, 0))),
				 1UL << (bit + __SWP_TYPE_SHIFT));
	for (i = 0; i < 100000; i++)
		check_pte(rnd(&seed) % MAX_SWAPFILES, rnd(&seed) >> (64 - __SWP_OFFSET_BITS));

	/* Mapped and PROT_NONE PTEs, and the empty one, are not swap PTEs. */
	assert_false(is_swap_pte(__pte(0)));
	assert_false(is_swap_pte(pfn_pte(0x80000, _PAGE_PRESENT | _PAGE_READ | _PAGE_USER)));
	assert_false(is_swap_pte(pfn_pte(0x80000, _PAGE_PROT_NONE)));
	assert_false(is_swap_pte(pfn_pte(0, _PAGE_PROT_NONE)));
}

/* ------------------------------------------------------------ churn */

#define CHURN_PAGES 3000

/* Remove @offset from used[] (it became free or bad). */
static void churn_unuse(unsigned long *used, unsigned long *nr_used, unsigned long offset)
{
	unsigned long k;

	for (k = 0; used[k] != offset; k++)
		assert_true(k + 1 < *nr_used);
	used[k] = used[--*nr_used];
}

/*
 * Random operations on a model of the map bytes: 0 free, SWAP_MAP_BAD, else
 * a count plus SWAP_HAS_CACHE. Each operation is checked for its result
 * (and its complaint, when it is a misuse) and the map for the model.
 */
static void test_random_churn(void **state)
{
	static unsigned char model[CHURN_PAGES];
	unsigned long used[CHURN_PAGES], nr_used = 0, pages, refs = 0, step, i;
	unsigned long fulls = 0, marked_bad = 0, busy = 0, misuses = 0, prepared = 0;
	u64 seed = 0x5eed;
	const u32 *badpages;
	struct area a;

	make_header(&a.header, CHURN_PAGES - 1);
	for (i = 0; i < 40; i++)
		add_badpage(&a.header, 1 + rnd(&seed) % (CHURN_PAGES - 1));
	area_on(&a, CHURN_PAGES);
	badpages = a.header.info.badpages;
	for (i = 0; i < a.header.info.nr_badpages; i++)
		model[badpages[i]] = SWAP_MAP_BAD;
	model[0] = SWAP_MAP_BAD;
	pages = a.si.pages;

	for (step = 0; step < 200000; step++) {
		unsigned long r = rnd(&seed) % 100, offset;
		/* Phases: filling up (the area full at times), then draining. */
		bool fill = (step / 20000) % 2 == 0;
		unsigned char m;
		swp_entry_t entry;
		int ret;

		if (r < (fill ? 55 : 20)) {
			entry = get_swap_page();
			if (nr_used == pages) {
				assert_int_equal(entry.val, 0);
				fulls++;
				continue;
			}
			offset = swp_offset(entry);
			assert_int_equal(swp_type(entry), 0);
			assert_true(offset > 0 && offset < CHURN_PAGES);
			assert_int_equal(model[offset], 0);
			model[offset] = SWAP_HAS_CACHE;
			used[nr_used++] = offset;
			refs++;
			continue;
		}
		if (!nr_used)
			continue;
		offset = used[rnd(&seed) % nr_used];
		entry = swp_entry(0, offset);
		m = model[offset];
		if (r < (fill ? 70 : 72)) {
			/* Let go of a reference: a PTE's, or the cache's. */
			if (swap_count(m) && (!(m & SWAP_HAS_CACHE) || rnd(&seed) % 2)) {
				swap_free(entry);
				m--;
			} else {
				put_swap_page(entry);
				m &= ~SWAP_HAS_CACHE;
			}
			model[offset] = m;
			refs--;
			if (!m)
				churn_unuse(used, &nr_used, offset);
		} else if (r < 84) {
			if (swap_count(m) == SWAP_MAP_MAX) {
				assert_int_equal(swap_duplicate(entry), -ENOMEM);
			} else {
				assert_int_equal(swap_duplicate(entry), 0);
				model[offset]++;
				refs++;
			}
		} else if (r < 92) {
			ret = swapcache_prepare(entry);
			if (!swap_count(m)) {
				assert_int_equal(ret, -ENOENT);
			} else if (m & SWAP_HAS_CACHE) {
				assert_int_equal(ret, -EEXIST);
			} else {
				assert_int_equal(ret, 0);
				model[offset] |= SWAP_HAS_CACHE;
				refs++;
				prepared++;
			}
		} else if (r < 97) {
			/* A reference that is not there: complained about, nothing changes. */
			host_printk_reset();
			if (!swap_count(m) || rnd(&seed) % 2 == 0) {
				if (swap_count(m))
					continue;
				swap_free(entry);
				assert_true(host_printk_contains(
					"swap_free: Unused swap offset entry"));
			} else {
				if (m & SWAP_HAS_CACHE)
					continue;
				put_swap_page(entry);
				assert_true(host_printk_contains(
					"put_swap_page: Unused swap offset entry"));
			}
			misuses++;
		} else if (r < 98) {
			/* A free slot: no reference to drop, duplicate or claim. */
			offset = 1 + rnd(&seed) % (CHURN_PAGES - 1);
			entry = swp_entry(0, offset);
			if (model[offset])
				continue;
			host_printk_reset();
			swap_free(entry);
			put_swap_page(entry);
			assert_true(host_printk_contains("swap_free: Unused swap offset entry"));
			assert_true(
				host_printk_contains("put_swap_page: Unused swap offset entry"));
			assert_int_equal(swap_duplicate(entry), -ENOENT);
			assert_int_equal(swapcache_prepare(entry), -ENOENT);
			assert_int_equal(swap_mark_bad(entry), -ENOENT);
			assert_int_equal(a.map[offset], 0);
		} else if (rnd(&seed) % 8 == 0) {
			/* A write error, now and then: only the cache may hold the slot. */
			ret = swap_mark_bad(entry);
			if (m == SWAP_HAS_CACHE) {
				assert_int_equal(ret, 0);
				model[offset] = SWAP_MAP_BAD;
				churn_unuse(used, &nr_used, offset);
				pages--;
				refs--;
				marked_bad++;
			} else {
				assert_int_equal(ret, -EBUSY);
				busy++;
			}
		}
		if (step % 997 == 0) {
			for (i = 0; i < CHURN_PAGES; i++) {
				assert_int_equal(a.map[i], model[i]);
				if (model[i] != SWAP_MAP_BAD)
					assert_int_equal(swp_swapcount(swp_entry(0, i)),
							 swap_count(model[i]));
			}
		}
		assert_int_equal(a.si.pages, pages);
		assert_int_equal(total_swap_pages, pages);
		assert_int_equal(a.si.inuse_pages, nr_used);
		assert_int_equal(get_nr_swap_pages(), pages - nr_used);
	}
	for (i = 0; i < CHURN_PAGES; i++)
		assert_int_equal(a.map[i], model[i]);
	/* Every kind of step happened. */
	assert_true(refs > 0);
	assert_true(fulls > 0);
	assert_true(marked_bad > 0 && busy > 0 && misuses > 0 && prepared > 0);
	area_off(&a);
	assert_counters_zero();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_mkswap),
		cmocka_unit_test(test_header_valid),
		cmocka_unit_test(test_header_signature),
		cmocka_unit_test(test_header_version),
		cmocka_unit_test(test_header_truncated),
		cmocka_unit_test(test_header_badpages),
		cmocka_unit_test(test_alloc_sequential_clusters),
		cmocka_unit_test(test_alloc_percpu_clusters),
		cmocka_unit_test(test_alloc_wrap_full_reuse),
		cmocka_unit_test(test_duplicate_and_free),
		cmocka_unit_test(test_mark_bad),
		cmocka_unit_test(test_swapcache_prepare),
		cmocka_unit_test(test_put_swap_page),
		cmocka_unit_test(test_swap_info_and_full),
		cmocka_unit_test(test_several_areas),
		cmocka_unit_test(test_pte_encoding),
		cmocka_unit_test(test_random_churn),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
