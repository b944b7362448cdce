/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory compaction (mm/compaction.c), as Linux's include/linux/compaction.h:
 * the outcomes a compaction run reports, how hard a direct compactor tries,
 * the entry points of the allocator, kswapd, kcompactd and the sysctls.
 */
#ifndef LOAM_COMPACTION_H
#define LOAM_COMPACTION_H

#include <gfp.h>
#include <mmzone.h>

/*
 * How hard direct compaction tries, lower is harder (Linux's enum
 * compact_priority): async first, then sync-light; only the last priority
 * scans whole zones and ignores the pageblock types of the free scanner.
 */
enum compact_priority {
	COMPACT_PRIO_SYNC_FULL,
	MIN_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_FULL,
	COMPACT_PRIO_SYNC_LIGHT,
	MIN_COMPACT_COSTLY_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	DEF_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	COMPACT_PRIO_ASYNC,
	INIT_COMPACT_PRIORITY = COMPACT_PRIO_ASYNC
};

/* What a compaction run ended with, in Linux's order (a max() of them means "best"). */
enum compact_result {
	COMPACT_NOT_SUITABLE_ZONE, /* for more than the reason SKIPPED gives */
	COMPACT_SKIPPED, /* not tried: too few free pages for the targets */
	COMPACT_DEFERRED, /* not tried: it failed recently (defer_compaction()) */
	COMPACT_NO_SUITABLE_PAGE, /* internal: the order is not free yet */
	COMPACT_CONTINUE, /* internal: scan on */
	COMPACT_COMPLETE, /* the scanners met over the whole zone, no block of the order */
	COMPACT_PARTIAL_SKIPPED, /* the scanners met over part of the zone */
	COMPACT_CONTENDED, /* stopped: a lock was contended (async) or a fatal signal */
	COMPACT_SUCCESS, /* a block of the order is free */
};

/* /proc/sys/vm/extfrag_threshold: below this index, a costly order's failure is lack of memory. */
extern int sysctl_extfrag_threshold;
/* /proc/sys/vm/compact_memory: the last value written (only 1 is accepted). */
extern int sysctl_compact_memory;
/* /proc/sys/vm/compact_unevictable_allowed: may compaction move mlocked pages? (1) */
extern int sysctl_compact_unevictable_allowed;

/*
 * Linux's fragmentation index of @zone for @order (mm/vmstat.c), in
 * thousandths: -1000 if a block of @order is free; else towards 0 when an
 * allocation of @order fails for lack of memory, towards 1000 when it fails
 * for fragmentation.
 */
int fragmentation_index(struct zone *zone, unsigned int order);

/*
 * Direct compaction for an allocation of 2^@order pages (Linux's
 * try_to_compact_pages()): each zone the allocation may use, unless
 * deferred, until one has the order free. The best result of the zones.
 */
struct alloc_context;
enum compact_result try_to_compact_pages(gfp_t gfp_mask, unsigned int order,
					 unsigned int alloc_flags, const struct alloc_context *ac,
					 enum compact_priority prio);
/* Could reclaim make compaction of some zone of @ac worth it? (should_compact_retry()) */
bool compaction_zonelist_suitable(struct alloc_context *ac, int order, int alloc_flags);
/* Is compaction of @zone for @order worth running now (watermark, fragmentation index)? */
bool compaction_suitable(struct zone *zone, int order, int highest_zoneidx);
/* The allocation of @order from @zone succeeded (@alloc_success) or should: undo the deferral. */
void compaction_defer_reset(struct zone *zone, int order, bool alloc_success);
/* Skip compaction of @zone for @order this time? (counts the attempt) */
bool compaction_deferred(struct zone *zone, int order);
/* Compaction of @zone for @order failed: skip the next 1 << compact_defer_shift attempts. */
void defer_compaction(struct zone *zone, int order);

/*
 * Writes to /proc/sys/vm/compact_memory, extfrag_threshold and
 * compact_unevictable_allowed (Linux's handlers): 0 or -EINVAL.
 * compact_memory compacts every zone of every node, synchronously.
 */
int sysctl_compaction_handler(long val);
int sysctl_extfrag_threshold_handler(long val);
int sysctl_compact_unevictable_allowed_handler(long val);

/* Wake node @pgdat's kcompactd for @order up to @highest_zoneidx (kswapd's call). */
void wakeup_kcompactd(pg_data_t *pgdat, int order, int highest_zoneidx);
/* Start every node's kcompactd (after the scheduler is up, as kswapd_init()). */
void kcompactd_init(void);

#endif
