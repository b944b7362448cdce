/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct page: one per physical page frame, kept in the vmemmap array (see
 * <mm.h>). Small on purpose: 1 GiB of RAM needs 262144 of them.
 */
#ifndef LOAM_MM_TYPES_H
#define LOAM_MM_TYPES_H

#include <list.h>
#include <types.h>

struct page {
	/* PG_* bits from the bottom, the zone and node in the top bits (page-flags.h). */
	unsigned long flags;
	/* While free: the free_area or per-CPU list the page heads. */
	struct list_head lru;
	/* While PageBuddy: the order of the free block this page heads. */
	unsigned long private;
	/* Users of the page: 1 after allocation, 0 while free. Atomic. */
	int _refcount;
};

#endif
