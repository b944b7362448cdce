// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for mm/memblock.c.
 *
 * Every test starts from an empty memblock (see reset_memblock()) and checks
 * exact results: the whole region arrays (count, base, size, node, flags,
 * total size), the exact addresses allocations return, the exact ranges the
 * iterators report and the exact lines memblock_dump_all() prints.
 *
 * memblock_allow_resize() cannot be undone, so the one test that needs the
 * arrays to be unable to grow runs first; every later test may allow it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <asm/page.h>
#include <kernel.h>
#include <memblock.h>
#include <numa.h>
#include <uapi/errno.h>

#include "host_memblock.h"
#include "host_printk.h"

/* Sizes <kernel.h> does not define. */
#define SZ_128K 0x20000UL
#define SZ_4M 0x400000UL
#define SZ_8M 0x800000UL
#define SZ_16M 0x1000000UL
#define SZ_64M 0x4000000UL

/* An expected region; MEM() is a plain node-0 memory region, RSV() a reservation. */
struct region {
	phys_addr_t base;
	phys_addr_t size;
	int nid;
	enum memblock_flags flags;
};

#define MEM(b, s)                          \
	{                                  \
		(b), (s), 0, MEMBLOCK_NONE \
	}
#define MEM_NID(b, s, n)                     \
	{                                    \
		(b), (s), (n), MEMBLOCK_NONE \
	}
#define MEM_FLAGS(b, s, f)       \
	{                        \
		(b), (s), 0, (f) \
	}
#define RSV(b, s)                                     \
	{                                             \
		(b), (s), NUMA_NO_NODE, MEMBLOCK_NONE \
	}

/* An expected range from an iterator: [start, end) on node nid. */
struct range {
	phys_addr_t start;
	phys_addr_t end;
	int nid;
};

#define MAX_RANGES 16

static void print_regions(const char *what, const struct region *r, unsigned long n)
{
	unsigned long i;

	print_error("%s: %lu regions\n", what, n);
	for (i = 0; i < n; i++)
		print_error("  [%lu] base 0x%llx size 0x%llx nid %d flags 0x%x\n", i,
			    (unsigned long long)r[i].base, (unsigned long long)r[i].size, r[i].nid,
			    r[i].flags);
}

/*
 * Fail at the caller's line unless @type holds exactly the @n regions of
 * @exp and its total_size is their sum; on failure print both arrays.
 */
static void check_regions(struct memblock_type *type, const struct region *exp, unsigned long n,
			  const char *file, int line)
{
	struct region got[8];
	phys_addr_t total = 0;
	bool ok = type->cnt == n;
	unsigned long i;

	for (i = 0; i < n; i++) {
		const struct memblock_region *r = &type->regions[i];

		total += exp[i].size;
		if (ok && (r->base != exp[i].base || r->size != exp[i].size ||
			   r->nid != exp[i].nid || r->flags != exp[i].flags))
			ok = false;
	}
	if (ok && type->total_size == total)
		return;

	print_error("%s: regions differ (total_size 0x%llx, expected 0x%llx)\n", type->name,
		    (unsigned long long)type->total_size, (unsigned long long)total);
	print_regions("expected", exp, n);
	for (i = 0; i < type->cnt && i < ARRAY_SIZE(got); i++) {
		got[i].base = type->regions[i].base;
		got[i].size = type->regions[i].size;
		got[i].nid = type->regions[i].nid;
		got[i].flags = type->regions[i].flags;
	}
	print_regions("actual (first 8)", got, i);
	_fail(file, line);
}

/* assert_regions(type, MEM(...), ...): the exact contents of a region array. */
#define assert_regions(type, ...)                                                  \
	do {                                                                       \
		static const struct region __exp[] = { __VA_ARGS__ };              \
		check_regions(type, __exp, ARRAY_SIZE(__exp), __FILE__, __LINE__); \
	} while (0)

#define assert_no_regions(type) check_regions(type, NULL, 0, __FILE__, __LINE__)

/* One region of a (possibly long) array. */
static void assert_region(struct memblock_type *type, unsigned long idx, phys_addr_t base,
			  phys_addr_t size, int nid, enum memblock_flags flags)
{
	assert_true(idx < type->cnt);
	assert_int_equal(type->regions[idx].base, base);
	assert_int_equal(type->regions[idx].size, size);
	assert_int_equal(type->regions[idx].nid, nid);
	assert_int_equal(type->regions[idx].flags, flags);
}

/* Free ranges (memory minus reserved, no NOMAP) on @nid, ascending or descending. */
static unsigned long collect_free(int nid, bool reverse, struct range *out)
{
	phys_addr_t start, end;
	unsigned long n = 0;
	int rnid;
	u64 i;

	if (reverse) {
		for_each_free_mem_range_reverse(i, nid, MEMBLOCK_NONE, &start, &end, &rnid) {
			assert_true(n < MAX_RANGES);
			out[n++] = (struct range){ start, end, rnid };
		}
	} else {
		for_each_free_mem_range(i, nid, MEMBLOCK_NONE, &start, &end, &rnid) {
			assert_true(n < MAX_RANGES);
			out[n++] = (struct range){ start, end, rnid };
		}
	}
	return n;
}

/* Every memory range except NOMAP ones (for_each_mem_range reports no node). */
static unsigned long collect_mem(struct range *out)
{
	phys_addr_t start, end;
	unsigned long n = 0;
	u64 i;

	for_each_mem_range(i, &start, &end) {
		assert_true(n < MAX_RANGES);
		out[n++] = (struct range){ start, end, 0 };
	}
	return n;
}

static void check_ranges(const struct range *got, unsigned long n, const struct range *exp,
			 unsigned long n_exp, const char *file, int line)
{
	bool ok = n == n_exp;
	unsigned long i;

	for (i = 0; ok && i < n; i++)
		ok = got[i].start == exp[i].start && got[i].end == exp[i].end &&
		     got[i].nid == exp[i].nid;
	if (ok)
		return;

	print_error("expected %lu ranges:\n", n_exp);
	for (i = 0; i < n_exp; i++)
		print_error("  [0x%llx-0x%llx) nid %d\n", (unsigned long long)exp[i].start,
			    (unsigned long long)exp[i].end, exp[i].nid);
	print_error("got %lu ranges:\n", n);
	for (i = 0; i < n; i++)
		print_error("  [0x%llx-0x%llx) nid %d\n", (unsigned long long)got[i].start,
			    (unsigned long long)got[i].end, got[i].nid);
	_fail(file, line);
}

/* assert_ranges(got, n, { start, end, nid }, ...): the exact ranges, in order. */
#define assert_ranges(got, n, ...)                                                  \
	do {                                                                        \
		static const struct range __exp[] = { __VA_ARGS__ };                \
		check_ranges(got, n, __exp, ARRAY_SIZE(__exp), __FILE__, __LINE__); \
	} while (0)

/* Every test: empty arrays (the static ones), top-down, no limit, quiet. */
static int reset_memblock(void **state)
{
	host_memblock_reset();
	return 0;
}

/*
 * Must run first. Before memblock_allow_resize() a full array cannot grow:
 * the 129th reservation fails with -ENOMEM, says so, and changes nothing.
 */
static void test_double_before_allow_resize_fails(void **state)
{
	phys_addr_t base = 0x80000000;
	unsigned long i;

	assert_int_equal(memblock_add(base, SZ_1G), 0);
	for (i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		assert_int_equal(memblock_reserve(base + i * 2 * SZ_4K, SZ_4K), 0);
	assert_int_equal(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS);

	assert_int_equal(memblock_reserve(base + i * 2 * SZ_4K, SZ_4K), -ENOMEM);
	assert_true(host_printk_contains(
		"memblock: Failed to double reserved array from 128 to 256 entries"));
	assert_int_equal(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS);
	assert_int_equal(memblock.reserved.max, INIT_MEMBLOCK_REGIONS);
	assert_ptr_equal(memblock.reserved.regions, host_memblock_pristine.reserved.regions);
	assert_int_equal(memblock.reserved.total_size, INIT_MEMBLOCK_REGIONS * SZ_4K);
	assert_region(&memblock.reserved, INIT_MEMBLOCK_REGIONS - 1,
		      base + (INIT_MEMBLOCK_REGIONS - 1) * 2 * SZ_4K, SZ_4K, NUMA_NO_NODE,
		      MEMBLOCK_NONE);

	/* Splitting a reservation needs two free slots: refused the same way. */
	host_printk_reset();
	assert_int_equal(memblock_phys_free(base, SZ_1K), -ENOMEM);
	assert_true(host_printk_contains("Failed to double reserved array"));
	assert_int_equal(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS);

	memblock_allow_resize();
}

/* ---- memblock_add ---- */

/* One region: node 0, no flags, counted in total_size. */
static void test_add_single(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_regions(&memblock.memory, MEM(0x80000000, 0x8000000));
	assert_no_regions(&memblock.reserved);
}

/* Disjoint regions are kept sorted by base, whatever the add order. */
static void test_add_disjoint_sorted(void **state)
{
	assert_int_equal(memblock_add(0x90000000, SZ_16M), 0);
	assert_int_equal(memblock_add(0x80000000, SZ_16M), 0);
	assert_int_equal(memblock_add(0x88000000, SZ_16M), 0);
	assert_regions(&memblock.memory, MEM(0x80000000, SZ_16M), MEM(0x88000000, SZ_16M),
		       MEM(0x90000000, SZ_16M));
}

/* Touching regions with the same node and flags merge, from either side. */
static void test_add_adjacent_merge(void **state)
{
	assert_int_equal(memblock_add(0x81000000, SZ_16M), 0);
	assert_int_equal(memblock_add(0x80000000, SZ_16M), 0); /* below */
	assert_int_equal(memblock_add(0x82000000, SZ_16M), 0); /* above */
	assert_regions(&memblock.memory, MEM(0x80000000, 3 * SZ_16M));

	/* A range closing the gap between two regions joins all three. */
	assert_int_equal(memblock_add(0x84000000, SZ_16M), 0);
	assert_regions(&memblock.memory, MEM(0x80000000, 3 * SZ_16M), MEM(0x84000000, SZ_16M));
	assert_int_equal(memblock_add(0x83000000, SZ_16M), 0);
	assert_regions(&memblock.memory, MEM(0x80000000, 5 * SZ_16M));
}

/* Touching regions on different nodes, or with different flags, stay apart. */
static void test_add_adjacent_different_nid(void **state)
{
	assert_int_equal(memblock_add_node(0x80000000, SZ_16M, 0, MEMBLOCK_NONE), 0);
	assert_int_equal(memblock_add_node(0x81000000, SZ_16M, 1, MEMBLOCK_NONE), 0);
	assert_int_equal(memblock_add_node(0x82000000, SZ_16M, 1, MEMBLOCK_HOTPLUG), 0);
	assert_regions(&memblock.memory, MEM_NID(0x80000000, SZ_16M, 0),
		       MEM_NID(0x81000000, SZ_16M, 1), { 0x82000000, SZ_16M, 1, MEMBLOCK_HOTPLUG });
}

/* Overlapping adds leave one region covering the union. */
static void test_add_overlapping_union(void **state)
{
	assert_int_equal(memblock_add(0x80000000, SZ_16M), 0);
	assert_int_equal(memblock_add(0x80800000, SZ_16M), 0);
	assert_regions(&memblock.memory, MEM(0x80000000, SZ_16M + SZ_8M));

	/* Overlapping from below and covering it entirely. */
	assert_int_equal(memblock_add(0x7f000000, 0x83000000 - 0x7f000000), 0);
	assert_regions(&memblock.memory, MEM(0x7f000000, 0x83000000 - 0x7f000000));
}

/* A range already covered changes nothing, not even the node of that part. */
static void test_add_inside_existing(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_add(0x81000000, SZ_1M), 0);
	assert_int_equal(memblock_add_node(0x82000000, SZ_1M, 1, MEMBLOCK_NONE), 0);
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_regions(&memblock.memory, MEM(0x80000000, 0x8000000));
}

/*
 * A range over several regions with gaps between them fills only the gaps,
 * on its own node; the existing regions keep theirs.
 */
static void test_add_fills_gaps(void **state)
{
	assert_int_equal(memblock_add_node(0x80000000, SZ_16M, 1, MEMBLOCK_NONE), 0);
	assert_int_equal(memblock_add_node(0x82000000, SZ_16M, 1, MEMBLOCK_NONE), 0);
	assert_int_equal(memblock_add_node(0x84000000, SZ_16M, 1, MEMBLOCK_NONE), 0);
	assert_int_equal(memblock_add_node(0x7f000000, 0x86000000 - 0x7f000000, 0, MEMBLOCK_NONE),
			 0);
	assert_regions(&memblock.memory, MEM_NID(0x7f000000, SZ_16M, 0),
		       MEM_NID(0x80000000, SZ_16M, 1), MEM_NID(0x81000000, SZ_16M, 0),
		       MEM_NID(0x82000000, SZ_16M, 1), MEM_NID(0x83000000, SZ_16M, 0),
		       MEM_NID(0x84000000, SZ_16M, 1), MEM_NID(0x85000000, SZ_16M, 0));
}

/* The same on a single node: everything merges into one region. */
static void test_add_fills_gaps_same_node(void **state)
{
	assert_int_equal(memblock_add(0x80000000, SZ_16M), 0);
	assert_int_equal(memblock_add(0x82000000, SZ_16M), 0);
	assert_int_equal(memblock_add(0x84000000, SZ_16M), 0);
	assert_int_equal(memblock_add(0x80800000, 0x84800000 - 0x80800000), 0);
	assert_regions(&memblock.memory, MEM(0x80000000, 5 * SZ_16M));
}

/* Size 0 is a no-op for add and reserve. */
static void test_add_size_zero(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0), 0);
	assert_int_equal(memblock_reserve(0x80000000, 0), 0);
	assert_no_regions(&memblock.memory);
	assert_no_regions(&memblock.reserved);
}

/* A range whose end would wrap past 2^64 stops at PHYS_ADDR_MAX. */
static void test_add_wrap_capped(void **state)
{
	const phys_addr_t base = 0xfffffffff0000000ULL;

	assert_int_equal(memblock_add(base, 0x20000000), 0);
	assert_regions(&memblock.memory, MEM(0xfffffffff0000000ULL, 0x0fffffffULL));
	assert_int_equal(memblock_reserve(0xffffffffff000000ULL, PHYS_ADDR_MAX), 0);
	assert_regions(&memblock.reserved, RSV(0xffffffffff000000ULL, 0x00ffffffULL));
}

/* ---- memblock_remove ---- */

/* A hole in the middle splits the region in two. */
static void test_remove_middle(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_remove(0x82000000, SZ_16M), 0);
	assert_regions(&memblock.memory, MEM(0x80000000, 0x2000000), MEM(0x83000000, 0x5000000));
}

/* Removing the start moves the base up. */
static void test_remove_start(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_remove(0x7ff00000, 0x300000), 0);
	assert_regions(&memblock.memory, MEM(0x80200000, 0x7e00000));
}

/* Removing the end shrinks the size. */
static void test_remove_end(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_remove(0x87e00000, 0x200000), 0);
	assert_regions(&memblock.memory, MEM(0x80000000, 0x7e00000));
}

/*
 * A range over several regions and the gaps between them: the inner regions
 * go, the outer ones are cut, and the pieces left keep their node.
 */
static void test_remove_spanning(void **state)
{
	assert_int_equal(memblock_add(0x80000000, SZ_16M), 0);
	assert_int_equal(memblock_add(0x82000000, SZ_16M), 0);
	assert_int_equal(memblock_add(0x84000000, SZ_16M), 0);
	assert_int_equal(memblock_add_node(0x86000000, SZ_16M, 1, MEMBLOCK_NONE), 0);
	assert_int_equal(memblock_remove(0x80800000, 0x86800000 - 0x80800000), 0);
	assert_regions(&memblock.memory, MEM(0x80000000, SZ_8M), MEM_NID(0x86800000, SZ_8M, 1));
}

/* Removing exactly, or more than, the whole region empties the array. */
static void test_remove_whole(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_add(0x90000000, 0x8000000), 0);
	assert_int_equal(memblock_remove(0x80000000, 0x8000000), 0);
	assert_regions(&memblock.memory, MEM(0x90000000, 0x8000000));
	assert_int_equal(memblock_remove(0x8f000000, 0x20000000), 0);
	assert_no_regions(&memblock.memory);
}

/* Removing a range in a hole, or of size 0, changes nothing. */
static void test_remove_nothing(void **state)
{
	assert_int_equal(memblock_add(0x80000000, SZ_16M), 0);
	assert_int_equal(memblock_add(0x82000000, SZ_16M), 0);
	assert_int_equal(memblock_remove(0x81000000, SZ_16M), 0);
	assert_int_equal(memblock_remove(0x80000000, 0), 0);
	assert_regions(&memblock.memory, MEM(0x80000000, SZ_16M), MEM(0x82000000, SZ_16M));
}

/* ---- memblock_reserve / memblock_phys_free ---- */

/*
 * Reservations do not follow the memory layout: one over two memory regions
 * and the hole between them is a single region, with no node.
 */
static void test_reserve_across_memory_regions(void **state)
{
	assert_int_equal(memblock_add(0x80000000, SZ_16M), 0);
	assert_int_equal(memblock_add(0x82000000, SZ_16M), 0);
	assert_int_equal(memblock_reserve(0x80f00000, 0x82100000 - 0x80f00000), 0);
	assert_regions(&memblock.reserved, RSV(0x80f00000, 0x82100000 - 0x80f00000));
	assert_regions(&memblock.memory, MEM(0x80000000, SZ_16M), MEM(0x82000000, SZ_16M));
}

/* Reserving over existing reservations leaves their merged union. */
static void test_reserve_over_existing(void **state)
{
	assert_int_equal(memblock_reserve(0x80100000, SZ_1M), 0);
	assert_int_equal(memblock_reserve(0x80400000, SZ_1M), 0);
	assert_int_equal(memblock_reserve(0x80700000, SZ_1M), 0);
	assert_int_equal(memblock_reserve(0x80000000, 0x80600000 - 0x80000000), 0);
	assert_regions(&memblock.reserved, RSV(0x80000000, 0x600000), RSV(0x80700000, SZ_1M));

	/* Overlapping the end of one and touching the next. */
	assert_int_equal(memblock_reserve(0x80580000, 0x180000), 0);
	assert_regions(&memblock.reserved, RSV(0x80000000, 0x800000));
}

/* Freeing part of a reservation splits it; memblock_free() takes a pointer. */
static void test_phys_free_split(void **state)
{
	assert_int_equal(memblock_reserve(0x80000000, SZ_4M), 0);
	assert_int_equal(memblock_phys_free(0x80100000, SZ_1M), 0);
	assert_regions(&memblock.reserved, RSV(0x80000000, SZ_1M), RSV(0x80200000, SZ_2M));

	memblock_free(__va(0x80300000), SZ_1M);
	assert_regions(&memblock.reserved, RSV(0x80000000, SZ_1M), RSV(0x80200000, SZ_1M));

	memblock_free(NULL, SZ_1M);
	assert_int_equal(memblock_phys_free(0x80000000, SZ_1M), 0);
	assert_regions(&memblock.reserved, RSV(0x80200000, SZ_1M));
}

/* ---- NOMAP and nodes ---- */

/* Marking the middle NOMAP splits the region in three, flags 0x4 in the middle. */
static void test_mark_nomap_split(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_mark_nomap(0x82000000, SZ_2M), 0);
	assert_regions(&memblock.memory, MEM(0x80000000, 0x2000000),
		       MEM_FLAGS(0x82000000, SZ_2M, MEMBLOCK_NOMAP), MEM(0x82200000, 0x5e00000));
	assert_int_equal(memblock.memory.regions[1].flags, 0x4);
	assert_int_equal(memblock_phys_mem_size(), 0x8000000);
}

/* Free-range iteration (both directions) skips the NOMAP part. */
static void test_nomap_free_range_skipped(void **state)
{
	struct range got[MAX_RANGES];
	unsigned long n;

	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_mark_nomap(0x82000000, SZ_2M), 0);
	assert_int_equal(memblock_reserve(0x80000000, SZ_1M), 0);

	n = collect_free(NUMA_NO_NODE, false, got);
	assert_ranges(got, n, { 0x80100000, 0x82000000, 0 }, { 0x82200000, 0x88000000, 0 });
	n = collect_free(NUMA_NO_NODE, true, got);
	assert_ranges(got, n, { 0x82200000, 0x88000000, 0 }, { 0x80100000, 0x82000000, 0 });
}

/* for_each_mem_range skips NOMAP too, and ignores reservations. */
static void test_nomap_mem_range_skipped(void **state)
{
	struct range got[MAX_RANGES];
	unsigned long n;

	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_add(0x90000000, SZ_16M), 0);
	assert_int_equal(memblock_mark_nomap(0x82000000, SZ_2M), 0);
	assert_int_equal(memblock_reserve(0x80000000, SZ_1M), 0);

	n = collect_mem(got);
	assert_ranges(got, n, { 0x80000000, 0x82000000, 0 }, { 0x82200000, 0x88000000, 0 },
		      { 0x90000000, 0x91000000, 0 });
}

/* memblock_set_node on part of a region splits it; setting it back re-merges. */
static void test_set_node_part(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x10000000), 0);
	assert_int_equal(memblock_set_node(0x84000000, 0x4000000, &memblock.memory, 1), 0);
	assert_regions(&memblock.memory, MEM_NID(0x80000000, 0x4000000, 0),
		       MEM_NID(0x84000000, 0x4000000, 1), MEM_NID(0x88000000, 0x8000000, 0));

	/* From inside node 1 to the end: the tail joins node 1. */
	assert_int_equal(memblock_set_node(0x86000000, 0xa000000, &memblock.memory, 1), 0);
	assert_regions(&memblock.memory, MEM_NID(0x80000000, 0x4000000, 0),
		       MEM_NID(0x84000000, 0xc000000, 1));

	assert_int_equal(memblock_set_node(0x80000000, 0x10000000, &memblock.memory, 0), 0);
	assert_regions(&memblock.memory, MEM(0x80000000, 0x10000000));
}

/* ---- allocation ---- */

/* Top-down: the highest fitting address; the range is then reserved. */
static void test_alloc_top_down(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), 0x87fff000);
	assert_int_equal(memblock_phys_alloc(0x2000, SZ_4K), 0x87ffd000);
	assert_regions(&memblock.reserved, RSV(0x87ffd000, 0x3000));
}

/* The alignment is honoured: 2 MiB below a reservation that ends unaligned. */
static void test_alloc_align(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_reserve(0x87f01000, 0xff000), 0);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_2M), 0x87e00000);
	/* An unaligned free end: 0x87f01000 - 64K rounded down to 64K. */
	assert_int_equal(memblock_phys_alloc(SZ_64K, SZ_64K), 0x87ef0000);
	assert_regions(&memblock.reserved, RSV(0x87e00000, SZ_4K), RSV(0x87ef0000, SZ_64K),
		       RSV(0x87f01000, 0xff000));
}

/* memblock_phys_alloc_range stays inside [start, end), in both directions. */
static void test_alloc_range_limits(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_phys_alloc_range(SZ_64K, SZ_4K, 0x81000000, 0x82000000),
			 0x81ff0000);
	memblock_set_bottom_up(true);
	assert_int_equal(memblock_phys_alloc_range(SZ_64K, SZ_4K, 0x81000000, 0x82000000),
			 0x81000000);
	/* A window outside memory, or too small, gives nothing. */
	assert_int_equal(memblock_phys_alloc_range(SZ_4K, SZ_4K, 0x90000000, 0xa0000000), 0);
	assert_int_equal(memblock_phys_alloc_range(SZ_64K, SZ_4K, 0x83000000, 0x8300f000), 0);
	memblock_set_bottom_up(false);
	assert_int_equal(memblock_phys_alloc_range(SZ_64K, SZ_4K, 0x83000000, 0x8300f000), 0);
	assert_regions(&memblock.reserved, RSV(0x81000000, SZ_64K), RSV(0x81ff0000, SZ_64K));
}

/* Bottom-up: the lowest fitting address above what is reserved. */
static void test_alloc_bottom_up(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	memblock_set_bottom_up(true);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), 0x80000000);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), 0x80001000);
	assert_int_equal(memblock_reserve(0x80002000, 0x200000), 0);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_2M), 0x80400000);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), 0x80202000);
	assert_regions(&memblock.reserved, RSV(0x80000000, 0x203000), RSV(0x80400000, SZ_4K));
}

/* Allocation skips reservations and free gaps too small for the request. */
static void test_alloc_skips_reserved(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	/* A 64 KiB gap at the very top, then 30 MiB reserved. */
	assert_int_equal(memblock_reserve(0x86000000, 0x1ff0000), 0);
	assert_int_equal(memblock_phys_alloc(SZ_128K, SZ_4K), 0x85fe0000);
	assert_int_equal(memblock_phys_alloc(SZ_64K, SZ_4K), 0x87ff0000);

	memblock_set_bottom_up(true);
	assert_int_equal(memblock_reserve(0x80000000, SZ_4K), 0);
	assert_int_equal(memblock_reserve(0x80002000, SZ_4K), 0);
	assert_int_equal(memblock_phys_alloc(0x2000, SZ_4K), 0x80003000);
	assert_regions(&memblock.reserved, RSV(0x80000000, SZ_4K), RSV(0x80002000, 0x3000),
		       RSV(0x85fe0000, 0x2020000));
}

/* Allocation never returns NOMAP memory, in either direction. */
static void test_alloc_skips_nomap(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_mark_nomap(0x87000000, SZ_16M), 0);
	assert_int_equal(memblock_mark_nomap(0x80000000, SZ_1M), 0);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), 0x86fff000);
	memblock_set_bottom_up(true);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), 0x80100000);
	assert_regions(&memblock.reserved, RSV(0x80100000, SZ_4K), RSV(0x86fff000, SZ_4K));
}

/* memblock_set_current_limit caps every allocation, explicit max_addr too. */
static void test_alloc_current_limit(void **state)
{
	void *p;

	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	memblock_set_current_limit(0x84000000);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), 0x83fff000);
	p = memblock_alloc_try_nid(SZ_4K, SZ_4K, 0, 0x86000000, NUMA_NO_NODE);
	assert_ptr_equal(p, __va(0x83ffe000));
	p = memblock_alloc(SZ_4K, SZ_4K);
	assert_ptr_equal(p, __va(0x83ffd000));

	/* A limit below memory: nothing fits. */
	memblock_set_current_limit(0x80000000);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), 0);
	assert_regions(&memblock.reserved, RSV(0x83ffd000, 0x3000));
}

/* When nothing fits: 0 or NULL, and nothing reserved. */
static void test_alloc_fails_when_nothing_fits(void **state)
{
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), 0); /* no memory at all */
	assert_null(memblock_alloc(SZ_4K, SZ_4K));

	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_phys_alloc(0x8001000, SZ_4K), 0);
	assert_int_equal(memblock_phys_alloc(0, SZ_4K), 0);
	assert_null(memblock_alloc(0x8001000, SZ_4K));
	assert_int_equal(memblock_reserve(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), 0);
	assert_null(memblock_alloc_try_nid(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE, 0));
	assert_regions(&memblock.reserved, RSV(0x80000000, 0x8000000));
}

/* An alignment of 0 or not a power of two is refused. */
static void test_alloc_bad_align(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_phys_alloc(SZ_4K, 0), 0);
	assert_true(host_printk_contains("bad alignment 0x0"));
	assert_int_equal(memblock_phys_alloc(SZ_4K, 3), 0);
	assert_int_equal(memblock_phys_alloc_range(SZ_4K, 0x3000, 0, 0x84000000), 0);
	assert_null(memblock_alloc(SZ_4K, 0));
	assert_null(memblock_alloc(SZ_4K, 0x3000));
	assert_true(host_printk_contains("bad alignment 0x3000"));
	assert_no_regions(&memblock.reserved);
}

/* memblock_alloc zeroes exactly what it returns, which is then reserved. */
static void test_alloc_zeroed_and_reserved(void **state)
{
	unsigned char *p;
	unsigned long i;

	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	memset(__va(0x87ff0000), 0xff, SZ_64K);
	p = memblock_alloc(0x3000, SZ_4K);
	assert_ptr_equal(p, __va(0x87ffd000));
	assert_int_equal(__pa(p), 0x87ffd000);
	for (i = 0; i < 0x3000; i++)
		if (p[i])
			fail_msg("byte %lu of the allocation is 0x%x", i, p[i]);
	assert_int_equal(*(unsigned char *)__va(0x87ffcfff), 0xff);
	assert_regions(&memblock.reserved, RSV(0x87ffd000, 0x3000));
	assert_true(memblock_is_region_reserved(0x87ffd000, 0x3000));
}

/* Page 0 is never handed out (0 means failure), even when memory starts there. */
static void test_alloc_never_page_zero(void **state)
{
	assert_int_equal(memblock_add(0, 0x3000), 0);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), 0x2000);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), 0x1000);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), 0);
	assert_regions(&memblock.reserved, RSV(0x1000, 0x2000));

	assert_int_equal(memblock_phys_free(0x1000, 0x2000), 0);
	memblock_set_bottom_up(true);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), 0x1000);
	assert_int_equal(memblock_phys_alloc_range(SZ_4K, SZ_4K, 0, 0x2000), 0);
	assert_regions(&memblock.reserved, RSV(0x1000, SZ_4K));
}

/* memblock_alloc_try_nid takes memory from the node asked for. */
static void test_alloc_try_nid_prefers_node(void **state)
{
	assert_int_equal(memblock_add_node(0x80000000, 0x8000000, 0, MEMBLOCK_NONE), 0);
	assert_int_equal(memblock_add_node(0x88000000, 0x8000000, 1, MEMBLOCK_NONE), 0);
	assert_ptr_equal(memblock_alloc_try_nid(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE, 0),
			 __va(0x87fff000));
	assert_ptr_equal(memblock_alloc_try_nid(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE, 1),
			 __va(0x8ffff000));
	assert_ptr_equal(memblock_alloc_try_nid(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE,
						NUMA_NO_NODE),
			 __va(0x8fffe000));
	memblock_set_bottom_up(true);
	assert_ptr_equal(memblock_alloc_try_nid(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE, 1),
			 __va(0x88000000));
	/* 0x87fff000 (node 0) and 0x88000000 (node 1) touch: reservations merge. */
	assert_regions(&memblock.reserved, RSV(0x87fff000, 0x2000), RSV(0x8fffe000, 0x2000));
}

/* When that node has no room (or does not exist), another node serves. */
static void test_alloc_try_nid_fallback(void **state)
{
	assert_int_equal(memblock_add_node(0x80000000, 0x8000000, 0, MEMBLOCK_NONE), 0);
	assert_int_equal(memblock_add_node(0x88000000, 0x8000000, 1, MEMBLOCK_NONE), 0);
	assert_int_equal(memblock_reserve(0x88000000, 0x8000000), 0);
	assert_ptr_equal(memblock_alloc_try_nid(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE, 1),
			 __va(0x87fff000));
	assert_int_equal(memblock_phys_free(0x8f000000, SZ_16M), 0);
	assert_ptr_equal(memblock_alloc_try_nid(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE, 5),
			 __va(0x8ffff000));
	assert_regions(&memblock.reserved, RSV(0x87fff000, 0x7000000 + SZ_4K),
		       RSV(0x8ffff000, SZ_4K));
}

/* ---- growing the arrays ---- */

#define GROW_N 300

/*
 * 300 separate reservations: the reserved array doubles to 256 entries (its
 * new array, found top-down, reserved at once), then to 512, which releases
 * the first grown array. Every reservation survives both moves.
 */
static void test_reserve_array_growth(void **state)
{
	const phys_addr_t base = 0x80000000, step = SZ_64K;
	const phys_addr_t first = 0x8fffe000, second = 0x8fffb000;
	unsigned long i;

	assert_int_equal(memblock_add(base, 0x10000000), 0);
	for (i = 0; i < GROW_N; i++) {
		/* Log the reservations that grow the array. */
		memblock_debug = i == INIT_MEMBLOCK_REGIONS || i == 255;
		assert_int_equal(memblock_reserve(base + i * step, SZ_4K), 0);
		memblock_debug = false;
		if (i == INIT_MEMBLOCK_REGIONS) {
			/* 2 * 128 entries, 6 KiB, in two pages at the top of memory. */
			assert_true(host_printk_contains(
				"reserved is doubled to 256 at [0x000000008fffe000-0x000000008fffffff]\n"));
			assert_int_equal(memblock.reserved.max, 256);
			assert_ptr_equal(memblock.reserved.regions, __va(first));
			assert_int_equal(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS + 2);
			assert_region(&memblock.reserved, INIT_MEMBLOCK_REGIONS + 1, first, 0x2000,
				      NUMA_NO_NODE, MEMBLOCK_NONE);
			assert_true(memblock_is_region_reserved(first, 0x2000));
		}
	}

	/* 512 entries, 12 KiB, just below the first; that one went back. */
	assert_true(host_printk_contains(
		"reserved is doubled to 512 at [0x000000008fffb000-0x000000008fffdfff]\n"));
	assert_true(host_printk_contains(
		"memblock_phys_free: [0x000000008fffe000-0x000000008fffffff] "));
	assert_int_equal(memblock.reserved.max, 512);
	assert_ptr_equal(memblock.reserved.regions, __va(second));
	assert_false(memblock_is_region_reserved(first, 0x2000));
	assert_int_equal(memblock.reserved.cnt, GROW_N + 1);
	for (i = 0; i < GROW_N; i++)
		assert_region(&memblock.reserved, i, base + i * step, SZ_4K, NUMA_NO_NODE,
			      MEMBLOCK_NONE);
	assert_region(&memblock.reserved, GROW_N, second, 0x3000, NUMA_NO_NODE, MEMBLOCK_NONE);
	assert_int_equal(memblock_reserved_size(), GROW_N * SZ_4K + 0x3000);
	assert_int_equal(memblock.memory.max, INIT_MEMBLOCK_REGIONS);
}

/*
 * 300 separate memory regions: the memory array doubles twice. Each new
 * array comes from the top of the memory present when it grew (the range
 * being added is not memory yet) and is reserved; the first is released.
 */
static void test_memory_array_growth(void **state)
{
	const phys_addr_t base = 0x80000000, step = SZ_2M;
	const phys_addr_t first = base + 127 * step + SZ_1M - 0x2000;
	const phys_addr_t second = base + 255 * step + SZ_1M - 0x3000;
	unsigned long i;

	for (i = 0; i < GROW_N; i++) {
		assert_int_equal(memblock_add_node(base + i * step, SZ_1M, i & 1, MEMBLOCK_NONE),
				 0);
		if (i == INIT_MEMBLOCK_REGIONS) {
			assert_int_equal(memblock.memory.max, 256);
			assert_ptr_equal(memblock.memory.regions, __va(first));
			assert_regions(&memblock.reserved, RSV(first, 0x2000));
		}
	}

	assert_int_equal(memblock.memory.max, 512);
	assert_ptr_equal(memblock.memory.regions, __va(second));
	assert_regions(&memblock.reserved, RSV(second, 0x3000));
	assert_int_equal(memblock.memory.cnt, GROW_N);
	for (i = 0; i < GROW_N; i++)
		assert_region(&memblock.memory, i, base + i * step, SZ_1M, i & 1, MEMBLOCK_NONE);
	assert_int_equal(memblock_phys_mem_size(), GROW_N * SZ_1M);
	assert_int_equal(memblock.reserved.max, INIT_MEMBLOCK_REGIONS);
}

/*
 * The memory array grows while the reserved array is full: reserving the
 * new memory array grows the reserved array too (one level of recursion),
 * its new array placed just below the memory one, avoiding it.
 */
static void test_growth_both_arrays(void **state)
{
	const phys_addr_t base = 0x80000000, step = SZ_2M;
	const phys_addr_t mem_array = base + 127 * step + SZ_1M - 0x2000;
	const phys_addr_t rsv_array = mem_array - 0x2000;
	unsigned long i;

	for (i = 0; i < INIT_MEMBLOCK_REGIONS; i++) {
		assert_int_equal(memblock_add(base + i * step, SZ_1M), 0);
		assert_int_equal(memblock_reserve(base + i * step, SZ_4K), 0);
	}
	assert_int_equal(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	assert_int_equal(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS);

	assert_int_equal(memblock_add(base + i * step, SZ_1M), 0);
	assert_int_equal(memblock.memory.max, 256);
	assert_int_equal(memblock.reserved.max, 256);
	assert_ptr_equal(memblock.memory.regions, __va(mem_array));
	assert_ptr_equal(memblock.reserved.regions, __va(rsv_array));
	assert_int_equal(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS + 1);
	assert_int_equal(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS + 1);
	for (i = 0; i <= INIT_MEMBLOCK_REGIONS; i++)
		assert_region(&memblock.memory, i, base + i * step, SZ_1M, 0, MEMBLOCK_NONE);
	for (i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		assert_region(&memblock.reserved, i, base + i * step, SZ_4K, NUMA_NO_NODE,
			      MEMBLOCK_NONE);
	/* The two new arrays touch: one reservation. */
	assert_region(&memblock.reserved, i, rsv_array, 0x4000, NUMA_NO_NODE, MEMBLOCK_NONE);
	assert_int_equal(memblock_reserved_size(), INIT_MEMBLOCK_REGIONS * SZ_4K + 0x4000);
}

/* ---- free-range iteration ---- */

/*
 * Memory in two banks; reservations straddling the start of the first bank,
 * inside it, over the hole between the banks, inside the second, and outside
 * memory altogether.
 */
static void setup_two_banks(void)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_add(0x90000000, 0x8000000), 0);
	assert_int_equal(memblock_reserve(0x7ff00000, 0x200000), 0);
	assert_int_equal(memblock_reserve(0x80200000, SZ_2M), 0);
	assert_int_equal(memblock_reserve(0x87f00000, 0x90100000 - 0x87f00000), 0);
	assert_int_equal(memblock_reserve(0x97000000, SZ_4K), 0);
	assert_int_equal(memblock_reserve(0xa0000000, SZ_4K), 0);
}

/* Memory minus reserved, ascending, exactly. */
static void test_free_range_forward(void **state)
{
	struct range got[MAX_RANGES];
	unsigned long n;

	setup_two_banks();
	n = collect_free(NUMA_NO_NODE, false, got);
	assert_ranges(got, n, { 0x80100000, 0x80200000, 0 }, { 0x80400000, 0x87f00000, 0 },
		      { 0x90100000, 0x97000000, 0 }, { 0x97001000, 0x98000000, 0 });
}

/* The same ranges, descending. */
static void test_free_range_reverse(void **state)
{
	struct range got[MAX_RANGES];
	unsigned long n;

	setup_two_banks();
	n = collect_free(NUMA_NO_NODE, true, got);
	assert_ranges(got, n, { 0x97001000, 0x98000000, 0 }, { 0x90100000, 0x97000000, 0 },
		      { 0x80400000, 0x87f00000, 0 }, { 0x80100000, 0x80200000, 0 });
}

/* With no reservations, free ranges are the memory regions themselves. */
static void test_free_range_unreserved(void **state)
{
	struct range got[MAX_RANGES];
	unsigned long n;

	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_add(0x90000000, 0x8000000), 0);
	n = collect_free(NUMA_NO_NODE, false, got);
	assert_ranges(got, n, { 0x80000000, 0x88000000, 0 }, { 0x90000000, 0x98000000, 0 });
	n = collect_free(NUMA_NO_NODE, true, got);
	assert_ranges(got, n, { 0x90000000, 0x98000000, 0 }, { 0x80000000, 0x88000000, 0 });
}

/* The node filter: adjacent banks on nodes 0 and 1, a reservation across both. */
static void test_free_range_nid_filter(void **state)
{
	struct range got[MAX_RANGES];
	unsigned long n;

	assert_int_equal(memblock_add_node(0x80000000, 0x8000000, 0, MEMBLOCK_NONE), 0);
	assert_int_equal(memblock_add_node(0x88000000, 0x8000000, 1, MEMBLOCK_NONE), 0);
	assert_int_equal(memblock_reserve(0x80000000, SZ_1M), 0);
	assert_int_equal(memblock_reserve(0x87f00000, SZ_2M), 0);

	n = collect_free(0, false, got);
	assert_ranges(got, n, { 0x80100000, 0x87f00000, 0 });
	n = collect_free(1, false, got);
	assert_ranges(got, n, { 0x88100000, 0x90000000, 1 });
	n = collect_free(1, true, got);
	assert_ranges(got, n, { 0x88100000, 0x90000000, 1 });
	n = collect_free(2, false, got);
	assert_int_equal(n, 0);
	n = collect_free(NUMA_NO_NODE, false, got);
	assert_ranges(got, n, { 0x80100000, 0x87f00000, 0 }, { 0x88100000, 0x90000000, 1 });
	n = collect_free(NUMA_NO_NODE, true, got);
	assert_ranges(got, n, { 0x88100000, 0x90000000, 1 }, { 0x80100000, 0x87f00000, 0 });
}

/* No memory, or memory entirely reserved: no free ranges either way. */
static void test_free_range_empty(void **state)
{
	struct range got[MAX_RANGES];

	assert_int_equal(collect_free(NUMA_NO_NODE, false, got), 0);
	assert_int_equal(collect_free(NUMA_NO_NODE, true, got), 0);
	assert_int_equal(collect_mem(got), 0);

	assert_int_equal(memblock_reserve(0x80000000, SZ_1M), 0);
	assert_int_equal(collect_free(NUMA_NO_NODE, false, got), 0);
	assert_int_equal(collect_free(NUMA_NO_NODE, true, got), 0);

	assert_int_equal(memblock_add(0x80000000, SZ_1M), 0);
	assert_int_equal(collect_free(NUMA_NO_NODE, false, got), 0);
	assert_int_equal(collect_free(NUMA_NO_NODE, true, got), 0);
}

/* ---- memblock_enforce_memory_limit ---- */

/*
 * Two 128 MiB banks, a 192 MiB limit: the second bank is cut at 64 MiB;
 * reservations above the cut go, one across it is truncated.
 */
static void test_enforce_limit_truncates(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_add(0x90000000, 0x8000000), 0);
	assert_int_equal(memblock_reserve(0x80000000, SZ_2M), 0);
	assert_int_equal(memblock_reserve(0x93f00000, SZ_2M), 0);
	assert_int_equal(memblock_reserve(0x96000000, SZ_4K), 0);

	memblock_enforce_memory_limit(0xc000000);
	assert_regions(&memblock.memory, MEM(0x80000000, 0x8000000), MEM(0x90000000, 0x4000000));
	assert_regions(&memblock.reserved, RSV(0x80000000, SZ_2M), RSV(0x93f00000, SZ_1M));
	assert_int_equal(memblock_end_of_DRAM(), 0x94000000);
}

/* A limit inside the first bank drops the second bank entirely. */
static void test_enforce_limit_first_bank(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_add_node(0x90000000, 0x8000000, 1, MEMBLOCK_NONE), 0);
	assert_int_equal(memblock_reserve(0x90000000, SZ_1M), 0);

	memblock_enforce_memory_limit(SZ_64M);
	assert_regions(&memblock.memory, MEM(0x80000000, SZ_64M));
	assert_no_regions(&memblock.reserved);
}

/* Limit 0, or one at or above the total, changes nothing. */
static void test_enforce_limit_noop(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_add(0x90000000, 0x8000000), 0);
	assert_int_equal(memblock_reserve(0x97000000, SZ_1M), 0);

	memblock_enforce_memory_limit(0);
	memblock_enforce_memory_limit(0x20000000);
	memblock_enforce_memory_limit(0x10000000);
	assert_regions(&memblock.memory, MEM(0x80000000, 0x8000000), MEM(0x90000000, 0x8000000));
	assert_regions(&memblock.reserved, RSV(0x97000000, SZ_1M));
}

/* ---- queries ---- */

/* Start/end of DRAM and the two sizes, empty and with two banks. */
static void test_dram_bounds_and_sizes(void **state)
{
	assert_int_equal(memblock_start_of_DRAM(), 0);
	assert_int_equal(memblock_end_of_DRAM(), 0);
	assert_int_equal(memblock_phys_mem_size(), 0);
	assert_int_equal(memblock_reserved_size(), 0);

	assert_int_equal(memblock_add(0x90000000, 0x8000000), 0);
	assert_int_equal(memblock_add(0x80000000, 0x4000000), 0);
	assert_int_equal(memblock_reserve(0x80000000, SZ_2M), 0);
	assert_int_equal(memblock_reserve(0x97fff000, SZ_4K), 0);
	assert_int_equal(memblock_start_of_DRAM(), 0x80000000);
	assert_int_equal(memblock_end_of_DRAM(), 0x98000000);
	assert_int_equal(memblock_phys_mem_size(), 0xc000000);
	assert_int_equal(memblock_reserved_size(), SZ_2M + SZ_4K);
}

/* memblock_is_memory at, inside and just past every boundary. */
static void test_is_memory(void **state)
{
	assert_false(memblock_is_memory(0x80000000));

	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_add(0x90000000, 0x8000000), 0);
	assert_false(memblock_is_memory(0));
	assert_false(memblock_is_memory(0x7fffffff));
	assert_true(memblock_is_memory(0x80000000));
	assert_true(memblock_is_memory(0x87ffffff));
	assert_false(memblock_is_memory(0x88000000));
	assert_false(memblock_is_memory(0x8fffffff));
	assert_true(memblock_is_memory(0x90000000));
	assert_true(memblock_is_memory(0x97ffffff));
	assert_false(memblock_is_memory(0x98000000));
	assert_false(memblock_is_memory(PHYS_ADDR_MAX));
}

/* memblock_is_region_reserved: any overlap counts, touching does not. */
static void test_is_region_reserved(void **state)
{
	assert_false(memblock_is_region_reserved(0x80000000, 0x10000000));

	assert_int_equal(memblock_reserve(0x80200000, SZ_2M), 0);
	assert_int_equal(memblock_reserve(0x81000000, SZ_4K), 0);
	assert_false(memblock_is_region_reserved(0x80100000, SZ_1M));
	assert_true(memblock_is_region_reserved(0x80100000, SZ_1M + 1));
	assert_true(memblock_is_region_reserved(0x803ff000, SZ_4K));
	assert_false(memblock_is_region_reserved(0x80400000, SZ_4K));
	assert_false(memblock_is_region_reserved(0x80400000, 0xc00000));
	assert_true(memblock_is_region_reserved(0x80400000, 0xc00001));
	assert_true(memblock_is_region_reserved(0x80000000, 0x10000000));
	assert_true(memblock_is_region_reserved(0x80300000, PHYS_ADDR_MAX)); /* capped */
	assert_false(memblock_is_region_reserved(0x81001000, PHYS_ADDR_MAX));
}

/* ---- output ---- */

/* memblock_dump_all prints Linux's format, node only for memory regions. */
static void test_dump_all(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_int_equal(memblock_reserve(0x80200000, SZ_2M), 0);
	assert_int_equal(memblock_reserve(0x87e00000, 0x1234), 0);

	host_printk_reset();
	memblock_dump_all();
	assert_string_equal(
		host_printk_log(),
		"MEMBLOCK configuration:\n"
		" memory size = 0x0000000008000000 reserved size = 0x0000000000201234\n"
		" memory.cnt  = 0x1\n"
		" memory[0x0]\t[0x0000000080000000-0x0000000087ffffff], 0x0000000008000000 bytes on node 0 flags: 0x0\n"
		" reserved.cnt  = 0x2\n"
		" reserved[0x0]\t[0x0000000080200000-0x00000000803fffff], 0x0000000000200000 bytes flags: 0x0\n"
		" reserved[0x1]\t[0x0000000087e00000-0x0000000087e01233], 0x0000000000001234 bytes flags: 0x0\n");
}

/* memblock_dump_all on a NOMAP split, a second node and no reservations. */
static void test_dump_all_nomap_nodes(void **state)
{
	assert_int_equal(memblock_add(0x80000000, SZ_16M), 0);
	assert_int_equal(memblock_add_node(0x81000000, SZ_16M, 1, MEMBLOCK_NONE), 0);
	assert_int_equal(memblock_mark_nomap(0x80000000, SZ_1M), 0);

	host_printk_reset();
	memblock_dump_all();
	assert_string_equal(
		host_printk_log(),
		"MEMBLOCK configuration:\n"
		" memory size = 0x0000000002000000 reserved size = 0x0000000000000000\n"
		" memory.cnt  = 0x3\n"
		" memory[0x0]\t[0x0000000080000000-0x00000000800fffff], 0x0000000000100000 bytes on node 0 flags: 0x4\n"
		" memory[0x1]\t[0x0000000080100000-0x0000000080ffffff], 0x0000000000f00000 bytes on node 0 flags: 0x0\n"
		" memory[0x2]\t[0x0000000081000000-0x0000000081ffffff], 0x0000000001000000 bytes on node 1 flags: 0x0\n"
		" reserved.cnt  = 0x0\n");
}

/* memblock=debug logs each call; off (the default) it logs nothing. */
static void test_debug_log(void **state)
{
	assert_int_equal(memblock_add(0x80000000, 0x8000000), 0);
	assert_string_equal(host_printk_log(), "");

	memblock_debug = true;
	assert_int_equal(memblock_add_node(0x90000000, SZ_1M, 1, MEMBLOCK_NONE), 0);
	assert_int_equal(memblock_remove(0x90000000, SZ_4K), 0);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), 0x900ff000);
	memblock_debug = false;

	assert_true(host_printk_contains(
		"memblock_add_node: [0x0000000090000000-0x00000000900fffff] nid=1 flags=0\n"));
	assert_true(
		host_printk_contains("memblock_remove: [0x0000000090000000-0x0000000090000fff]\n"));
	assert_true(
		host_printk_contains("memblock_reserve: [0x00000000900ff000-0x00000000900fffff] "));
	assert_true(host_printk_contains(
		"memblock_phys_alloc_range: 4096 bytes align=0x1000 at 0x00000000900ff000\n"));
}

/*
 * memblock_free_all(): the whole pages of every free range go to the page
 * allocator (memblock_fakes.c counts them), and memblock retires.
 */
static void test_free_all(void **state)
{
	host_memblock_freed_pages = 0;
	assert_int_equal(memblock_add(0x80000000, 0x1000000), 0);
	assert_int_equal(memblock_reserve(0x80000000, SZ_2M), 0);
	/* Half a page reserved: the page is not free. */
	assert_int_equal(memblock_reserve(0x80400800, 0x800), 0);
	/* 512 pages below it, 3071 above. */
	assert_int_equal(memblock_free_all(), 512 + 3071);
	assert_int_equal(host_memblock_freed_pages, 512 + 3071);
	assert_int_equal(memblock.memory.cnt, 0);
	assert_int_equal(memblock.reserved.cnt, 0);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), 0);
	assert_true(host_printk_contains("allocation after memblock_discard()"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* First: it needs memblock_allow_resize() not to have been called. */
		cmocka_unit_test_setup(test_double_before_allow_resize_fails, reset_memblock),

		cmocka_unit_test_setup(test_add_single, reset_memblock),
		cmocka_unit_test_setup(test_add_disjoint_sorted, reset_memblock),
		cmocka_unit_test_setup(test_add_adjacent_merge, reset_memblock),
		cmocka_unit_test_setup(test_add_adjacent_different_nid, reset_memblock),
		cmocka_unit_test_setup(test_add_overlapping_union, reset_memblock),
		cmocka_unit_test_setup(test_add_inside_existing, reset_memblock),
		cmocka_unit_test_setup(test_add_fills_gaps, reset_memblock),
		cmocka_unit_test_setup(test_add_fills_gaps_same_node, reset_memblock),
		cmocka_unit_test_setup(test_add_size_zero, reset_memblock),
		cmocka_unit_test_setup(test_add_wrap_capped, reset_memblock),

		cmocka_unit_test_setup(test_remove_middle, reset_memblock),
		cmocka_unit_test_setup(test_remove_start, reset_memblock),
		cmocka_unit_test_setup(test_remove_end, reset_memblock),
		cmocka_unit_test_setup(test_remove_spanning, reset_memblock),
		cmocka_unit_test_setup(test_remove_whole, reset_memblock),
		cmocka_unit_test_setup(test_remove_nothing, reset_memblock),

		cmocka_unit_test_setup(test_reserve_across_memory_regions, reset_memblock),
		cmocka_unit_test_setup(test_reserve_over_existing, reset_memblock),
		cmocka_unit_test_setup(test_phys_free_split, reset_memblock),

		cmocka_unit_test_setup(test_mark_nomap_split, reset_memblock),
		cmocka_unit_test_setup(test_nomap_free_range_skipped, reset_memblock),
		cmocka_unit_test_setup(test_nomap_mem_range_skipped, reset_memblock),
		cmocka_unit_test_setup(test_set_node_part, reset_memblock),

		cmocka_unit_test_setup(test_alloc_top_down, reset_memblock),
		cmocka_unit_test_setup(test_alloc_align, reset_memblock),
		cmocka_unit_test_setup(test_alloc_range_limits, reset_memblock),
		cmocka_unit_test_setup(test_alloc_bottom_up, reset_memblock),
		cmocka_unit_test_setup(test_alloc_skips_reserved, reset_memblock),
		cmocka_unit_test_setup(test_alloc_skips_nomap, reset_memblock),
		cmocka_unit_test_setup(test_alloc_current_limit, reset_memblock),
		cmocka_unit_test_setup(test_alloc_fails_when_nothing_fits, reset_memblock),
		cmocka_unit_test_setup(test_alloc_bad_align, reset_memblock),
		cmocka_unit_test_setup(test_alloc_zeroed_and_reserved, reset_memblock),
		cmocka_unit_test_setup(test_alloc_never_page_zero, reset_memblock),
		cmocka_unit_test_setup(test_alloc_try_nid_prefers_node, reset_memblock),
		cmocka_unit_test_setup(test_alloc_try_nid_fallback, reset_memblock),

		cmocka_unit_test_setup(test_reserve_array_growth, reset_memblock),
		cmocka_unit_test_setup(test_memory_array_growth, reset_memblock),
		cmocka_unit_test_setup(test_growth_both_arrays, reset_memblock),

		cmocka_unit_test_setup(test_free_range_forward, reset_memblock),
		cmocka_unit_test_setup(test_free_range_reverse, reset_memblock),
		cmocka_unit_test_setup(test_free_range_unreserved, reset_memblock),
		cmocka_unit_test_setup(test_free_range_nid_filter, reset_memblock),
		cmocka_unit_test_setup(test_free_range_empty, reset_memblock),

		cmocka_unit_test_setup(test_enforce_limit_truncates, reset_memblock),
		cmocka_unit_test_setup(test_enforce_limit_first_bank, reset_memblock),
		cmocka_unit_test_setup(test_enforce_limit_noop, reset_memblock),

		cmocka_unit_test_setup(test_dram_bounds_and_sizes, reset_memblock),
		cmocka_unit_test_setup(test_is_memory, reset_memblock),
		cmocka_unit_test_setup(test_is_region_reserved, reset_memblock),

		cmocka_unit_test_setup(test_dump_all, reset_memblock),
		cmocka_unit_test_setup(test_dump_all_nomap_nodes, reset_memblock),
		cmocka_unit_test_setup(test_debug_log, reset_memblock),
		cmocka_unit_test_setup(test_free_all, reset_memblock),
	};

	return cmocka_run_group_tests_name("memblock", tests, NULL, NULL);
}
