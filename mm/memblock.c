// SPDX-License-Identifier: GPL-2.0
/*
 * memblock: the boot-time memory manager.
 *
 * Loam follows Linux's design (mm/memblock.c): memory and reserved ranges in
 * sorted arrays of regions, adjacent regions with equal node and flags merged,
 * regions split when a range covers them partly, allocations carved from the
 * gaps (memory minus reserved) top-down unless asked for bottom-up. Once the
 * buddy allocator owns the free memory, memblock is no longer used.
 *
 * Every function here is plain C over physical addresses; the only arch hook
 * is __va(), used to zero allocations and to reach a grown region array.
 * memblock_free_all() ends memblock's life: it hands every free range to the
 * page allocator through memblock_free_pages() (mm_init.c).
 */
#include <asm/page.h>
#include <kernel.h>
#include <memblock.h>
#include <mm.h>
#include <params.h>
#include <printk.h>
#include <string.h>
#include <uapi/errno.h>

#include "internal.h"

static struct memblock_region memblock_memory_init_regions[INIT_MEMBLOCK_REGIONS];
static struct memblock_region memblock_reserved_init_regions[INIT_MEMBLOCK_REGIONS];

struct memblock memblock = {
	.memory.regions = memblock_memory_init_regions,
	.memory.max = INIT_MEMBLOCK_REGIONS,
	.memory.name = "memory",
	.reserved.regions = memblock_reserved_init_regions,
	.reserved.max = INIT_MEMBLOCK_REGIONS,
	.reserved.name = "reserved",
	.bottom_up = false,
	.current_limit = MEMBLOCK_ALLOC_ANYWHERE,
};

bool memblock_debug;
static bool memblock_can_resize;

/* memblock=debug: log every memblock call (memblock_dbg()). */
static int early_memblock(char *p)
{
	if (!p || strcmp(p, "debug"))
		return -1;
	memblock_debug = true;
	return 0;
}
early_param("memblock", early_memblock);

#define memblock_dbg(fmt, ...)                       \
	do {                                         \
		if (memblock_debug)                  \
			pr_info(fmt, ##__VA_ARGS__); \
	} while (0)

typedef unsigned long long ull;

/* Clamp @size so that base + size does not wrap around. */
static phys_addr_t memblock_cap_size(phys_addr_t base, phys_addr_t *size)
{
	return *size = min(*size, PHYS_ADDR_MAX - base);
}

static bool memblock_addrs_overlap(phys_addr_t base1, phys_addr_t size1, phys_addr_t base2,
				   phys_addr_t size2)
{
	return base1 < base2 + size2 && base2 < base1 + size1;
}

/**
 * memblock_overlaps_region() - does a range overlap a region of a type?
 * @type: memblock.memory or memblock.reserved
 * @base: physical start of the range
 * @size: its size in bytes (capped so that the range does not wrap)
 *
 * Return: true if some region of @type shares a byte with the range.
 */
bool memblock_overlaps_region(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	unsigned long i;

	memblock_cap_size(base, &size);
	for (i = 0; i < type->cnt; i++)
		if (memblock_addrs_overlap(base, size, type->regions[i].base,
					   type->regions[i].size))
			return true;
	return false;
}

/* Whether a region is skipped by an iteration asking for @nid and @flags. */
static bool should_skip_region(struct memblock_region *m, int nid, enum memblock_flags flags)
{
	if (nid != NUMA_NO_NODE && nid != m->nid)
		return true;
	/* Only a walk that asks for NOMAP regions sees them. */
	if (!(flags & MEMBLOCK_NOMAP) && (m->flags & MEMBLOCK_NOMAP))
		return true;
	return false;
}

/* Gap @j of @type: from the end of region j-1 (or 0) to region j (or the top). */
static phys_addr_t gap_start(struct memblock_type *type, unsigned long j)
{
	return j ? type->regions[j - 1].base + type->regions[j - 1].size : 0;
}

static phys_addr_t gap_end(struct memblock_type *type, unsigned long j)
{
	return j < type->cnt ? type->regions[j].base : PHYS_ADDR_MAX;
}

static void report_range(phys_addr_t start, phys_addr_t end, int nid, phys_addr_t *out_start,
			 phys_addr_t *out_end, int *out_nid)
{
	if (out_start)
		*out_start = start;
	if (out_end)
		*out_end = end;
	if (out_nid)
		*out_nid = nid;
}

/**
 * __next_mem_range() - the next range of one type not covered by another
 * @idx: iterator state, 0 to start; (u64)-1 when the walk is over
 * @nid: the node ranges must be on, or NUMA_NO_NODE for any
 * @flags: MEMBLOCK_NONE skips NOMAP regions of @type_a
 * @type_a: the type walked (memblock.memory)
 * @type_b: the type subtracted (memblock.reserved), or NULL to walk @type_a's regions
 * @out_start: if not NULL, the range's physical start
 * @out_end: if not NULL, its end (exclusive)
 * @out_nid: if not NULL, its node
 *
 * The step of for_each_free_mem_range(), in ascending order. @idx packs the
 * index into @type_a (low 32 bits) and into the gaps of @type_b (high 32
 * bits); gap j lies between regions j-1 and j of @type_b, gap 0 starting at
 * 0 and gap cnt ending at the top of the address space.
 */
void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags, struct memblock_type *type_a,
		      struct memblock_type *type_b, phys_addr_t *out_start, phys_addr_t *out_end,
		      int *out_nid)
{
	unsigned long idx_a = *idx & 0xffffffff;
	unsigned long idx_b = *idx >> 32;

	for (; idx_a < type_a->cnt; idx_a++) {
		struct memblock_region *m = &type_a->regions[idx_a];
		phys_addr_t m_start = m->base;
		phys_addr_t m_end = m->base + m->size;

		if (should_skip_region(m, nid, flags))
			continue;

		if (!type_b) {
			report_range(m_start, m_end, m->nid, out_start, out_end, out_nid);
			*idx = idx_a + 1;
			return;
		}

		for (; idx_b < type_b->cnt + 1; idx_b++) {
			phys_addr_t r_start = gap_start(type_b, idx_b);
			phys_addr_t r_end = gap_end(type_b, idx_b);

			/* The gaps are sorted: once past m, go to the next m. */
			if (r_start >= m_end)
				break;
			if (m_start < r_end) {
				report_range(max(m_start, r_start), min(m_end, r_end), m->nid,
					     out_start, out_end, out_nid);
				/* Advance whichever ends first; the other may overlap more. */
				if (m_end <= r_end)
					idx_a++;
				else
					idx_b++;
				*idx = (u64)idx_a | (u64)idx_b << 32;
				return;
			}
		}
	}
	*idx = (u64)-1;
}

/**
 * __next_mem_range_rev() - __next_mem_range() from the top down
 * @idx: iterator state, (u64)-1 to start; (u64)-1 again when the walk is over
 * @nid: the node ranges must be on, or NUMA_NO_NODE for any
 * @flags: MEMBLOCK_NONE skips NOMAP regions of @type_a
 * @type_a: the type walked
 * @type_b: the type subtracted, or NULL
 * @out_start: if not NULL, the range's physical start
 * @out_end: if not NULL, its end (exclusive)
 * @out_nid: if not NULL, its node
 *
 * The step of for_each_free_mem_range_reverse(): top-down allocation looks
 * at the highest free ranges first.
 */
void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a, struct memblock_type *type_b,
			  phys_addr_t *out_start, phys_addr_t *out_end, int *out_nid)
{
	/* Same packing as the forward walk; an exhausted idx_a reads as -1. */
	long idx_a = (s32)(*idx & 0xffffffff);
	long idx_b = (s32)(*idx >> 32);

	if (*idx == (u64)-1) {
		idx_a = (long)type_a->cnt - 1;
		idx_b = type_b ? (long)type_b->cnt : 0;
	}

	for (; idx_a >= 0; idx_a--) {
		struct memblock_region *m = &type_a->regions[idx_a];
		phys_addr_t m_start = m->base;
		phys_addr_t m_end = m->base + m->size;

		if (should_skip_region(m, nid, flags))
			continue;

		if (!type_b) {
			report_range(m_start, m_end, m->nid, out_start, out_end, out_nid);
			*idx = (u32)(idx_a - 1);
			return;
		}

		for (; idx_b >= 0; idx_b--) {
			phys_addr_t r_start = gap_start(type_b, idx_b);
			phys_addr_t r_end = gap_end(type_b, idx_b);

			if (r_end <= m_start)
				break;
			if (m_end > r_start) {
				report_range(max(m_start, r_start), min(m_end, r_end), m->nid,
					     out_start, out_end, out_nid);
				if (m_start >= r_start)
					idx_a--;
				else
					idx_b--;
				*idx = (u32)idx_a | (u64)idx_b << 32;
				return;
			}
		}
	}
	*idx = (u64)-1;
}

static phys_addr_t find_range_bottom_up(phys_addr_t start, phys_addr_t end, phys_addr_t size,
					phys_addr_t align, int nid)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range(i, nid, MEMBLOCK_NONE, &this_start, &this_end, NULL) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);
		cand = ALIGN(this_start, align);
		if (cand < this_end && this_end - cand >= size)
			return cand;
	}
	return 0;
}

static phys_addr_t find_range_top_down(phys_addr_t start, phys_addr_t end, phys_addr_t size,
				       phys_addr_t align, int nid)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range_reverse(i, nid, MEMBLOCK_NONE, &this_start, &this_end, NULL) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);
		if (this_end < size)
			continue;
		cand = ALIGN_DOWN(this_end - size, align);
		if (cand >= this_start)
			return cand;
	}
	return 0;
}

/* A free, aligned range of @size in [start, end), or 0. */
static phys_addr_t memblock_find_in_range_node(phys_addr_t size, phys_addr_t align,
					       phys_addr_t start, phys_addr_t end, int nid)
{
	/* memblock_discard() leaves nothing below the limit. */
	if (!memblock.current_limit) {
		pr_err("memblock: allocation after memblock_discard(): use the page allocator\n");
		return 0;
	}
	if (end == MEMBLOCK_ALLOC_ANYWHERE || end > memblock.current_limit)
		end = memblock.current_limit;
	/* Never hand out page 0: 0 is the failure value. */
	start = max(start, (phys_addr_t)PAGE_SIZE);
	if (!size || start >= end)
		return 0;
	if (memblock.bottom_up)
		return find_range_bottom_up(start, end, size, align, nid);
	return find_range_top_down(start, end, size, align, nid);
}

/*
 * Double @type's array. The new array comes from memblock itself, avoiding
 * [new_area_start, +new_area_size), the range being added: for the reserved
 * type it is not reserved yet, so it still looks free. Before the direct map
 * exists (memblock_allow_resize() not yet called) the new array could not be
 * reached, and the caller gets -ENOMEM.
 */
static int memblock_double_array(struct memblock_type *type, phys_addr_t new_area_start,
				 phys_addr_t new_area_size)
{
	struct memblock_region *new_array, *old_array = type->regions;
	phys_addr_t old_size = type->max * sizeof(struct memblock_region);
	phys_addr_t new_size = old_size * 2;
	phys_addr_t addr;
	bool old_is_static = old_array == memblock_memory_init_regions ||
			     old_array == memblock_reserved_init_regions;

	if (!memblock_can_resize) {
		pr_err("memblock: Failed to double %s array from %lu to %lu entries: too early\n",
		       type->name, type->max, type->max * 2);
		return -ENOMEM;
	}

	new_size = ALIGN(new_size, (phys_addr_t)PAGE_SIZE);
	addr = memblock_find_in_range_node(new_size, PAGE_SIZE, new_area_start + new_area_size,
					   memblock.current_limit, NUMA_NO_NODE);
	if (!addr && new_area_size)
		addr = memblock_find_in_range_node(new_size, PAGE_SIZE, 0,
						   min(new_area_start, memblock.current_limit),
						   NUMA_NO_NODE);
	if (!addr) {
		pr_err("memblock: Failed to double %s array from %lu to %lu entries !\n",
		       type->name, type->max, type->max * 2);
		return -ENOMEM;
	}

	memblock_dbg("%s is doubled to %lu at [0x%016llx-0x%016llx]\n", type->name, type->max * 2,
		     (ull)addr, (ull)(addr + new_size - 1));

	new_array = __va(addr);
	memcpy(new_array, old_array, old_size);
	memset((char *)new_array + old_size, 0, new_size - old_size);
	type->regions = new_array;
	type->max *= 2;

	/*
	 * Reserve the new array. When the memory array grew, this may grow the
	 * reserved array in turn, once: after that it has room. A grown old
	 * array goes back; the static ones stay in the image.
	 */
	BUG_ON(memblock_reserve(addr, new_size));
	if (!old_is_static)
		memblock_phys_free(__pa(old_array), ALIGN(old_size, (phys_addr_t)PAGE_SIZE));
	return 0;
}

/* Merge neighbours that touch and have the same node and flags. */
static void memblock_merge_regions(struct memblock_type *type)
{
	unsigned long i = 0;

	while (i + 1 < type->cnt) {
		struct memblock_region *this = &type->regions[i];
		struct memblock_region *next = &type->regions[i + 1];

		if (this->base + this->size != next->base || this->nid != next->nid ||
		    this->flags != next->flags) {
			i++;
			continue;
		}
		this->size += next->size;
		memmove(next, next + 1, (type->cnt - (i + 2)) * sizeof(*next));
		type->cnt--;
	}
}

static void memblock_insert_region(struct memblock_type *type, unsigned long idx, phys_addr_t base,
				   phys_addr_t size, int nid, enum memblock_flags flags)
{
	struct memblock_region *rgn = &type->regions[idx];

	memmove(rgn + 1, rgn, (type->cnt - idx) * sizeof(*rgn));
	rgn->base = base;
	rgn->size = size;
	rgn->flags = flags;
	rgn->nid = nid;
	type->cnt++;
	type->total_size += size;
}

static void memblock_remove_region(struct memblock_type *type, unsigned long idx)
{
	type->total_size -= type->regions[idx].size;
	memmove(&type->regions[idx], &type->regions[idx + 1],
		(type->cnt - (idx + 1)) * sizeof(type->regions[idx]));
	type->cnt--;
}

/*
 * Add [base, base+size) to @type. Parts already covered keep their region
 * (and its node and flags); only the uncovered parts are inserted. The first
 * pass counts the insertions and grows the array if needed; the second
 * inserts. Then neighbours merge.
 */
static int memblock_add_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size,
			      int nid, enum memblock_flags flags)
{
	phys_addr_t obase = base, end;
	bool insert = false;
	unsigned long idx, nr_new;

	if (!size)
		return 0;
	end = base + memblock_cap_size(base, &size);

repeat:
	base = obase;
	nr_new = 0;
	for (idx = 0; idx < type->cnt; idx++) {
		struct memblock_region *rgn = &type->regions[idx];
		phys_addr_t rbase = rgn->base, rend = rbase + rgn->size;

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		if (rbase > base) {
			nr_new++;
			if (insert)
				memblock_insert_region(type, idx++, base, rbase - base, nid, flags);
		}
		base = min(rend, end);
	}
	if (base < end) {
		nr_new++;
		if (insert)
			memblock_insert_region(type, idx, base, end - base, nid, flags);
	}
	if (!nr_new)
		return 0;

	if (!insert) {
		while (type->cnt + nr_new > type->max)
			if (memblock_double_array(type, obase, size) < 0)
				return -ENOMEM;
		insert = true;
		goto repeat;
	}
	memblock_merge_regions(type);
	return 0;
}

/*
 * Split regions of @type at @base and @base+@size so that the range is made
 * of whole regions, [*start_rgn, *end_rgn). Needs at most two new slots.
 */
static int memblock_isolate_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size,
				  unsigned long *start_rgn, unsigned long *end_rgn)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	unsigned long idx;

	*start_rgn = *end_rgn = 0;
	if (!size)
		return 0;

	while (type->cnt + 2 > type->max)
		if (memblock_double_array(type, base, size) < 0)
			return -ENOMEM;

	for (idx = 0; idx < type->cnt; idx++) {
		struct memblock_region *rgn = &type->regions[idx];
		phys_addr_t rbase = rgn->base, rend = rbase + rgn->size;

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;

		if (rbase < base) {
			/* Starts before the range: split off the part below. */
			rgn->base = base;
			rgn->size -= base - rbase;
			type->total_size -= base - rbase;
			memblock_insert_region(type, idx, rbase, base - rbase, rgn->nid,
					       rgn->flags);
		} else if (rend > end) {
			/* Ends after the range: split off the part above. */
			rgn->base = end;
			rgn->size -= end - rbase;
			type->total_size -= end - rbase;
			memblock_insert_region(type, idx--, rbase, end - rbase, rgn->nid,
					       rgn->flags);
		} else {
			if (!*end_rgn)
				*start_rgn = idx;
			*end_rgn = idx + 1;
		}
	}
	return 0;
}

static int memblock_remove_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	unsigned long start_rgn, end_rgn;
	long i;
	int ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;
	for (i = (long)end_rgn - 1; i >= (long)start_rgn; i--)
		memblock_remove_region(type, i);
	return 0;
}

/**
 * memblock_add_node() - add a range of memory on a node
 * @base: physical start
 * @size: size in bytes
 * @nid: the node the memory is on
 * @flags: MEMBLOCK_* flags of the new regions
 *
 * What the DTB's memory nodes become (early_init_dt_scan_memory()). Overlaps
 * with memory already added are not added twice; adjacent regions with the
 * same node and flags merge.
 *
 * Return: 0, or -ENOMEM if memblock.memory's array is full and cannot double.
 */
int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid, enum memblock_flags flags)
{
	memblock_dbg("%s: [0x%016llx-0x%016llx] nid=%d flags=%x\n", __func__, (ull)base,
		     (ull)(base + size - 1), nid, flags);
	return memblock_add_range(&memblock.memory, base, size, nid, flags);
}

/**
 * memblock_add() - add a range of memory on node 0
 * @base: physical start
 * @size: size in bytes
 *
 * Return: 0, or -ENOMEM if the array cannot grow.
 */
int memblock_add(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_node(base, size, 0, MEMBLOCK_NONE);
}

/**
 * memblock_remove() - take a range out of memory
 * @base: physical start
 * @size: size in bytes
 *
 * For memory the kernel must not know about (mem=, beyond the direct map):
 * regions covering the range partly are split.
 *
 * Return: 0, or -ENOMEM if a split needs a slot the array cannot give.
 */
int memblock_remove(phys_addr_t base, phys_addr_t size)
{
	memblock_dbg("%s: [0x%016llx-0x%016llx]\n", __func__, (ull)base, (ull)(base + size - 1));
	return memblock_remove_range(&memblock.memory, base, size);
}

/**
 * memblock_reserve() - mark a range as in use
 * @base: physical start
 * @size: size in bytes
 *
 * The kernel image, the DTB, firmware ranges and every memblock allocation:
 * nothing allocates from a reserved range, and memblock_free_all() gives
 * the page allocator none of it.
 *
 * Return: 0, or -ENOMEM if memblock.reserved's array cannot grow.
 */
int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	memblock_dbg("%s: [0x%016llx-0x%016llx] %p\n", __func__, (ull)base, (ull)(base + size - 1),
		     __builtin_return_address(0));
	return memblock_add_range(&memblock.reserved, base, size, NUMA_NO_NODE, MEMBLOCK_NONE);
}

/**
 * memblock_phys_free() - undo memblock_reserve() for a range
 * @base: physical start
 * @size: size in bytes
 *
 * Return: 0, or -ENOMEM if a split needs a slot the array cannot give.
 */
int memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	memblock_dbg("%s: [0x%016llx-0x%016llx] %p\n", __func__, (ull)base, (ull)(base + size - 1),
		     __builtin_return_address(0));
	return memblock_remove_range(&memblock.reserved, base, size);
}

/**
 * memblock_free() - free memory memblock_alloc() returned
 * @ptr: its direct-map address; NULL does nothing
 * @size: the size allocated
 *
 * Before the page allocator runs only: the range is simply no longer
 * reserved (memblock_phys_free()).
 */
void memblock_free(void *ptr, size_t size)
{
	if (ptr)
		memblock_phys_free(__pa(ptr), size);
}

static int memblock_setclr_flag(phys_addr_t base, phys_addr_t size, bool set,
				enum memblock_flags flag)
{
	struct memblock_type *type = &memblock.memory;
	unsigned long i, start_rgn, end_rgn;
	int ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;
	for (i = start_rgn; i < end_rgn; i++) {
		if (set)
			type->regions[i].flags |= flag;
		else
			type->regions[i].flags &= ~flag;
	}
	memblock_merge_regions(type);
	return 0;
}

/**
 * memblock_mark_nomap() - keep a range of memory out of the direct map
 * @base: physical start
 * @size: size in bytes
 *
 * For /reserved-memory nodes with no-map: the range stays memory (it has
 * struct pages) but is never mapped or allocated, and the free-range
 * iterators skip it.
 *
 * Return: 0, or -ENOMEM if a split needs a slot the array cannot give.
 */
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size)
{
	memblock_dbg("%s: [0x%016llx-0x%016llx]\n", __func__, (ull)base, (ull)(base + size - 1));
	return memblock_setclr_flag(base, size, true, MEMBLOCK_NOMAP);
}

/**
 * memblock_set_node() - assign a range of a type to a node
 * @base: physical start
 * @size: size in bytes
 * @type: usually memblock.memory
 * @nid: the node
 *
 * For NUMA: the regions covering the range are split at its ends and take
 * @nid, then equal neighbours merge again.
 *
 * Return: 0, or -ENOMEM if a split needs a slot the array cannot give.
 */
int memblock_set_node(phys_addr_t base, phys_addr_t size, struct memblock_type *type, int nid)
{
	unsigned long i, start_rgn, end_rgn;
	int ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;
	for (i = start_rgn; i < end_rgn; i++)
		type->regions[i].nid = nid;
	memblock_merge_regions(type);
	return 0;
}

/**
 * memblock_phys_alloc_range() - allocate and reserve physical memory in a window
 * @size: bytes wanted
 * @align: alignment, a power of two
 * @start: lowest acceptable address
 * @end: end of the window, or MEMBLOCK_ALLOC_ANYWHERE; never above memblock.current_limit
 *
 * Takes the highest fitting free range (the lowest with
 * memblock_set_bottom_up(true)), never page 0, and reserves it. The memory
 * is not zeroed.
 *
 * Return: its physical address, or 0 on failure (a bad @align too).
 */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align, phys_addr_t start,
				      phys_addr_t end)
{
	phys_addr_t found;

	if (!align || (align & (align - 1))) {
		pr_err("memblock: %s: bad alignment 0x%llx\n", __func__, (ull)align);
		return 0;
	}
	found = memblock_find_in_range_node(size, align, start, end, NUMA_NO_NODE);
	if (found && memblock_reserve(found, size))
		return 0;
	if (found)
		memblock_dbg("%s: %llu bytes align=0x%llx at 0x%016llx\n", __func__, (ull)size,
			     (ull)align, (ull)found);
	return found;
}

/**
 * memblock_phys_alloc() - allocate and reserve physical memory anywhere
 * @size: bytes wanted
 * @align: alignment, a power of two
 *
 * Return: the physical address, or 0 on failure.
 */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_phys_alloc_range(size, align, 0, MEMBLOCK_ALLOC_ANYWHERE);
}

/**
 * memblock_alloc_try_nid_raw() - allocate boot memory on a node, not zeroed
 * @size: bytes wanted
 * @align: alignment, a power of two
 * @min_addr: lowest acceptable physical address
 * @max_addr: end of the window, or MEMBLOCK_ALLOC_ANYWHERE
 * @nid: the preferred node, or NUMA_NO_NODE
 *
 * Memory on @nid if it has some in the window, else on any node; reserved.
 * For memory the caller initialises itself (the vmemmap).
 *
 * Return: its direct-map address, or NULL on failure.
 */
void *memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr,
				 phys_addr_t max_addr, int nid)
{
	phys_addr_t found = 0;

	if (!align || (align & (align - 1))) {
		pr_err("memblock: %s: bad alignment 0x%llx\n", __func__, (ull)align);
		return NULL;
	}
	if (nid != NUMA_NO_NODE)
		found = memblock_find_in_range_node(size, align, min_addr, max_addr, nid);
	if (!found)
		found = memblock_find_in_range_node(size, align, min_addr, max_addr, NUMA_NO_NODE);
	if (!found || memblock_reserve(found, size))
		return NULL;
	memblock_dbg("%s: %llu bytes align=0x%llx nid=%d at 0x%016llx\n", __func__, (ull)size,
		     (ull)align, nid, (ull)found);
	return __va(found);
}

/**
 * memblock_alloc_try_nid() - allocate zeroed boot memory on a node
 * @size: bytes wanted
 * @align: alignment, a power of two
 * @min_addr: lowest acceptable physical address
 * @max_addr: end of the window, or MEMBLOCK_ALLOC_ANYWHERE
 * @nid: the preferred node, or NUMA_NO_NODE
 *
 * memblock_alloc_try_nid_raw(), then the memory zeroed.
 *
 * Return: its direct-map address, or NULL on failure.
 */
void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr,
			     phys_addr_t max_addr, int nid)
{
	void *ptr = memblock_alloc_try_nid_raw(size, align, min_addr, max_addr, nid);

	if (ptr)
		memset(ptr, 0, size);
	return ptr;
}

/**
 * memblock_alloc() - allocate zeroed boot memory anywhere
 * @size: bytes wanted
 * @align: alignment, a power of two
 *
 * The early page tables, the node data, memblock's own grown arrays: what
 * the kernel needs before the buddy allocator exists.
 *
 * Return: its direct-map address, or NULL on failure.
 */
void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, 0, MEMBLOCK_ALLOC_ANYWHERE, NUMA_NO_NODE);
}

/**
 * memblock_set_bottom_up() - choose the allocation direction
 * @enable: true to allocate from low addresses up, false (the default) top-down
 */
void memblock_set_bottom_up(bool enable)
{
	memblock.bottom_up = enable;
}

/**
 * memblock_set_current_limit() - cap every later allocation
 * @limit: no allocation ends above this physical address
 *
 * Every allocation's window is cut at it (memblock_find_in_range_node()),
 * as Linux's while only part of memory is mapped. memblock_discard() sets
 * it to 0, which fails every allocation after it.
 */
void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

static phys_addr_t allocated_regions_info(struct memblock_type *type,
					  struct memblock_region *static_array, phys_addr_t *addr)
{
	if (type->regions == static_array)
		return 0;
	*addr = __pa(type->regions);
	return ALIGN(type->max * sizeof(struct memblock_region), (phys_addr_t)PAGE_SIZE);
}

/**
 * get_allocated_memblock_memory_regions_info() - where memblock.memory's grown array is
 * @addr: set to its physical address, if it grew
 *
 * Return: its size rounded up to whole pages, or 0 if it is still the static array.
 */
phys_addr_t get_allocated_memblock_memory_regions_info(phys_addr_t *addr)
{
	return allocated_regions_info(&memblock.memory, memblock_memory_init_regions, addr);
}

/**
 * get_allocated_memblock_reserved_regions_info() - where memblock.reserved's grown array is
 * @addr: set to its physical address, if it grew
 *
 * Return: its size rounded up to whole pages, or 0 if it is still the static array.
 */
phys_addr_t get_allocated_memblock_reserved_regions_info(phys_addr_t *addr)
{
	return allocated_regions_info(&memblock.reserved, memblock_reserved_init_regions, addr);
}

/**
 * memblock_discard() - retire memblock
 *
 * Both types go back to their empty static arrays and the allocation limit
 * to 0: the page allocator owns memory from now on. Callers take the grown
 * arrays' addresses first (get_allocated_memblock_*_regions_info()).
 */
void memblock_discard(void)
{
	memblock.memory.regions = memblock_memory_init_regions;
	memblock.memory.max = INIT_MEMBLOCK_REGIONS;
	memblock.memory.cnt = 0;
	memblock.memory.total_size = 0;
	memblock.reserved.regions = memblock_reserved_init_regions;
	memblock.reserved.max = INIT_MEMBLOCK_REGIONS;
	memblock.reserved.cnt = 0;
	memblock.reserved.total_size = 0;
	memblock.current_limit = 0;
}

/* [start, end) (pfns) in the largest naturally aligned blocks. */
static void __free_pages_memory(unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned int order = min(MAX_ORDER - 1UL, __ffs(start));

		while (start + (1UL << order) > end)
			order--;
		memblock_free_pages(pfn_to_page(start), start, order);
		start += 1UL << order;
	}
}

/* The whole pages of the free range [start, end); their number. */
static unsigned long __free_memory_core(phys_addr_t start, phys_addr_t end)
{
	unsigned long start_pfn = PFN_UP(start), end_pfn = PFN_DOWN(end);

	if (start_pfn >= end_pfn)
		return 0;
	__free_pages_memory(start_pfn, end_pfn);
	return end_pfn - start_pfn;
}

static unsigned long free_low_memory_core_early(void)
{
	unsigned long count = 0;
	phys_addr_t start, end;
	u64 i;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL)
		count += __free_memory_core(start, end);
	return count;
}

/* Until now managed_pages held free_area_init()'s estimate. */
static void reset_all_zones_managed_pages(void)
{
	struct zone *zone;

	for_each_zone(zone)
		zone->managed_pages = 0;
}

/* A grown array's pages, one by one, as Linux's memblock_free_late(). */
static void memblock_free_late(phys_addr_t base, phys_addr_t size)
{
	unsigned long pfn;

	for (pfn = PFN_UP(base); pfn < PFN_DOWN(base + size); pfn++)
		memblock_free_pages(pfn_to_page(pfn), pfn, 0);
}

/*
 * memblock retires; the arrays it grew into, if any, become free pages
 * (Linux frees them in memblock_discard(), later in boot).
 */
static unsigned long memblock_free_arrays(void)
{
	phys_addr_t mem_addr = 0, rsv_addr = 0;
	phys_addr_t mem_size = get_allocated_memblock_memory_regions_info(&mem_addr);
	phys_addr_t rsv_size = get_allocated_memblock_reserved_regions_info(&rsv_addr);

	memblock_discard();
	memblock_free_late(mem_addr, mem_size);
	memblock_free_late(rsv_addr, rsv_size);
	return PFN_DOWN(mem_size + rsv_size);
}

/**
 * memblock_free_all() - release free memory to the buddy allocator
 *
 * At the end of boot (mem_init()): every zone's managed_pages is reset,
 * every free range goes to the page allocator in the largest naturally
 * aligned blocks (memblock_free_pages()), memblock retires
 * (memblock_discard()) and the arrays it grew into are freed page by page.
 * From then on managed_pages counts what each zone really got.
 *
 * Return: the number of pages released.
 */
unsigned long memblock_free_all(void)
{
	unsigned long pages;

	reset_all_zones_managed_pages();
	pages = free_low_memory_core_early();
	return pages + memblock_free_arrays();
}

/**
 * memblock_allow_resize() - let the region arrays double from now on
 *
 * Called once the direct map reaches the memory a doubled array would come
 * from (setup_bootmem()); before that a full array is -ENOMEM.
 */
void memblock_allow_resize(void)
{
	memblock_can_resize = true;
}

/* The address below which memory adds up to @limit bytes. */
static phys_addr_t find_max_addr(phys_addr_t limit)
{
	phys_addr_t max_addr = PHYS_ADDR_MAX;
	unsigned long i;

	for (i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];

		if (limit <= r->size) {
			max_addr = r->base + limit;
			break;
		}
		limit -= r->size;
	}
	return max_addr;
}

/**
 * memblock_enforce_memory_limit() - keep only the lowest bytes of memory (mem=)
 * @limit: how many bytes of memory to keep, counted over the regions from
 *         the bottom; 0 keeps everything
 *
 * Memory and reservations above the address where @limit is reached are
 * removed.
 */
void memblock_enforce_memory_limit(phys_addr_t limit)
{
	phys_addr_t max_addr;

	if (!limit)
		return;
	max_addr = find_max_addr(limit);
	if (max_addr == PHYS_ADDR_MAX)
		return;
	memblock_remove_range(&memblock.memory, max_addr, PHYS_ADDR_MAX);
	memblock_remove_range(&memblock.reserved, max_addr, PHYS_ADDR_MAX);
}

/**
 * memblock_phys_mem_size() - how much memory memblock knows
 *
 * Return: the bytes of memblock.memory, NOMAP regions included.
 */
phys_addr_t memblock_phys_mem_size(void)
{
	return memblock.memory.total_size;
}

/**
 * memblock_reserved_size() - how much memory is reserved
 *
 * Return: the bytes of memblock.reserved.
 */
phys_addr_t memblock_reserved_size(void)
{
	return memblock.reserved.total_size;
}

/**
 * memblock_start_of_DRAM() - the lowest memory address
 *
 * Return: the base of the first memory region, or 0 if there is none.
 */
phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.cnt ? memblock.memory.regions[0].base : 0;
}

/**
 * memblock_end_of_DRAM() - the end of the highest memory
 *
 * Return: the end (exclusive) of the last memory region, or 0 if there is none.
 */
phys_addr_t memblock_end_of_DRAM(void)
{
	struct memblock_region *last;

	if (!memblock.memory.cnt)
		return 0;
	last = &memblock.memory.regions[memblock.memory.cnt - 1];
	return last->base + last->size;
}

/**
 * memblock_is_memory() - is an address memory?
 * @addr: a physical address
 *
 * Return: true if a region of memblock.memory holds @addr.
 */
bool memblock_is_memory(phys_addr_t addr)
{
	return memblock_overlaps_region(&memblock.memory, addr, 1);
}

/**
 * memblock_is_region_reserved() - is any of a range reserved?
 * @base: physical start
 * @size: size in bytes
 *
 * Return: true if a reserved region overlaps the range.
 */
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size)
{
	return memblock_overlaps_region(&memblock.reserved, base, size);
}

static void memblock_dump(struct memblock_type *type)
{
	unsigned long idx;

	pr_info(" %s.cnt  = 0x%lx\n", type->name, type->cnt);
	for (idx = 0; idx < type->cnt; idx++) {
		struct memblock_region *rgn = &type->regions[idx];
		char nid_buf[32] = "";

		if (rgn->nid != NUMA_NO_NODE)
			snprintf(nid_buf, sizeof(nid_buf), " on node %d", rgn->nid);
		pr_info(" %s[0x%lx]\t[0x%016llx-0x%016llx], 0x%016llx bytes%s flags: 0x%x\n",
			type->name, idx, (ull)rgn->base, (ull)(rgn->base + rgn->size - 1),
			(ull)rgn->size, nid_buf, rgn->flags);
	}
}

/**
 * memblock_dump_all() - print memblock's arrays
 *
 * In Linux's memblock=debug format ("MEMBLOCK configuration:", the sizes,
 * then every region of memory and reserved with its range, size, node and
 * flags); setup_bootmem() prints it at every boot, once the reservations
 * are made.
 */
void memblock_dump_all(void)
{
	pr_info("MEMBLOCK configuration:\n");
	pr_info(" memory size = 0x%016llx reserved size = 0x%016llx\n",
		(ull)memblock.memory.total_size, (ull)memblock.reserved.total_size);
	memblock_dump(&memblock.memory);
	memblock_dump(&memblock.reserved);
}
