/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memblock: the boot-time memory manager, as in Linux's mm/memblock.c.
 *
 * Two sorted arrays of physical ranges: "memory" (what the DTB says is RAM)
 * and "reserved" (what must not be handed out: the kernel, the DTB, firmware
 * regions, early allocations). Free memory is memory minus reserved minus
 * NOMAP regions. The arrays start static and double when full.
 */
#ifndef LOAM_MEMBLOCK_H
#define LOAM_MEMBLOCK_H

#include <numa.h>
#include <types.h>

#define INIT_MEMBLOCK_REGIONS 128

enum memblock_flags {
	MEMBLOCK_NONE = 0x0, /* no special request */
	MEMBLOCK_HOTPLUG = 0x1, /* hotpluggable region */
	MEMBLOCK_MIRROR = 0x2, /* mirrored region */
	MEMBLOCK_NOMAP = 0x4, /* not in the direct map, never allocated */
};

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	enum memblock_flags flags;
	int nid; /* NUMA_NO_NODE for reserved regions */
};

struct memblock_type {
	unsigned long cnt;
	unsigned long max;
	phys_addr_t total_size;
	struct memblock_region *regions;
	const char *name;
};

struct memblock {
	bool bottom_up; /* allocation direction */
	phys_addr_t current_limit;
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;
/* memblock=debug: log every add, remove, reserve and allocation. */
extern bool memblock_debug;

/* memblock_alloc*() limits: anywhere, or what the direct map can reach. */
#define MEMBLOCK_ALLOC_ANYWHERE (~(phys_addr_t)0)

int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid, enum memblock_flags flags);
int memblock_remove(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
int memblock_phys_free(phys_addr_t base, phys_addr_t size);
void memblock_free(void *ptr, size_t size);
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size);
int memblock_set_node(phys_addr_t base, phys_addr_t size, struct memblock_type *type, int nid);

/*
 * Allocation: the highest fitting free range below the limit (top-down), or
 * the lowest above @start when memblock_set_bottom_up(true). Returns 0 (a
 * physical address memblock never hands out) or NULL on failure.
 */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align, phys_addr_t start,
				      phys_addr_t end);
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr,
			     phys_addr_t max_addr, int nid);
void *memblock_alloc(phys_addr_t size, phys_addr_t align);
/* The same without zeroing, for memory the caller initialises itself. */
void *memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr,
				 phys_addr_t max_addr, int nid);

void memblock_set_bottom_up(bool enable);
void memblock_set_current_limit(phys_addr_t limit);
/* Arrays may double from now on: the memory they would grow into is mapped. */
void memblock_allow_resize(void);

/*
 * The arrays memblock grew into (0 when still the static ones): their
 * physical address in *@addr, their size returned.
 */
phys_addr_t get_allocated_memblock_memory_regions_info(phys_addr_t *addr);
phys_addr_t get_allocated_memblock_reserved_regions_info(phys_addr_t *addr);
/*
 * The page allocator owns memory from now on: memblock forgets everything
 * and refuses to allocate. Take the grown arrays' addresses first.
 */
void memblock_discard(void);

/*
 * Boot: memblock's free memory, then the arrays it grew into, to the buddy
 * allocator, and memblock retires (memblock_discard()); returns the pages
 * freed. Every zone's managed_pages counts what it really got from here on.
 */
unsigned long memblock_free_all(void);

/* mem=: keep the lowest @limit bytes of memory, drop the rest. */
void memblock_enforce_memory_limit(phys_addr_t limit);

phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
bool memblock_is_memory(phys_addr_t addr);
bool memblock_overlaps_region(struct memblock_type *type, phys_addr_t base, phys_addr_t size);
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size);

/* Print both arrays in Linux's memblock=debug format. */
void memblock_dump_all(void);

/*
 * Iterators. @idx is opaque state; a range is reported with its node.
 * for_each_free_mem_range walks memory minus reserved, skipping NOMAP
 * regions, in ascending order; the _reverse variant descends.
 */
void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags, struct memblock_type *type_a,
		      struct memblock_type *type_b, phys_addr_t *out_start, phys_addr_t *out_end,
		      int *out_nid);
void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a, struct memblock_type *type_b,
			  phys_addr_t *out_start, phys_addr_t *out_end, int *out_nid);

#define for_each_mem_range_type(i, type_a, type_b, nid, flags, p_start, p_end, p_nid)        \
	for (i = 0, __next_mem_range(&i, nid, flags, type_a, type_b, p_start, p_end, p_nid); \
	     i != (u64)-1;                                                                   \
	     __next_mem_range(&i, nid, flags, type_a, type_b, p_start, p_end, p_nid))

#define for_each_mem_range_type_rev(i, type_a, type_b, nid, flags, p_start, p_end, p_nid) \
	for (i = (u64)-1,                                                                 \
	    __next_mem_range_rev(&i, nid, flags, type_a, type_b, p_start, p_end, p_nid);  \
	     i != (u64)-1;                                                                \
	     __next_mem_range_rev(&i, nid, flags, type_a, type_b, p_start, p_end, p_nid))

#define for_each_free_mem_range(i, nid, flags, p_start, p_end, p_nid)                         \
	for_each_mem_range_type(i, &memblock.memory, &memblock.reserved, nid, flags, p_start, \
				p_end, p_nid)

#define for_each_free_mem_range_reverse(i, nid, flags, p_start, p_end, p_nid)                     \
	for_each_mem_range_type_rev(i, &memblock.memory, &memblock.reserved, nid, flags, p_start, \
				    p_end, p_nid)

/* Every memory range, reserved or not, except NOMAP ones (what the direct map maps). */
#define for_each_mem_range(i, p_start, p_end)                                                    \
	for_each_mem_range_type(i, &memblock.memory, NULL, NUMA_NO_NODE, MEMBLOCK_NONE, p_start, \
				p_end, NULL)

#define for_each_mem_region(region)            \
	for (region = memblock.memory.regions; \
	     region < memblock.memory.regions + memblock.memory.cnt; region++)

#define for_each_reserved_mem_region(region)     \
	for (region = memblock.reserved.regions; \
	     region < memblock.reserved.regions + memblock.reserved.cnt; region++)

#endif
