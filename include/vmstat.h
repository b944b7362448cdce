/* SPDX-License-Identifier: GPL-2.0 */
/* The memory-management reports, in Linux's /proc formats (mm/vmstat.c); event counters. */
#ifndef LOAM_VMSTAT_H
#define LOAM_VMSTAT_H

#include <seq_buf.h>

/* /proc/buddyinfo: free blocks per order, per populated zone. */
void buddyinfo_show(struct seq_buf *m);
/* /proc/pagetypeinfo: free blocks per order and migrate type; pageblocks per type. */
void pagetypeinfo_show(struct seq_buf *m);
/*
 * Linux's /sys/kernel/debug/extfrag/extfrag_index and unusable_index
 * (Loam has no debugfs: /proc/extfrag_index and /proc/unusable_index), per
 * populated zone and order, in thousandths printed as "0.500".
 */
void extfrag_show(struct seq_buf *m);
void unusable_show(struct seq_buf *m);
/* /proc/zoneinfo, the part Loam has: free, watermarks, sizes, lowmem_reserve, pagesets. */
void zoneinfo_show(struct seq_buf *m);
/*
 * /proc/meminfo, the lines Loam can fill: MemTotal, MemFree, MemAvailable,
 * Active(anon), Inactive(anon), Active(file), Inactive(file), SwapTotal,
 * SwapFree, AnonPages, Shmem.
 */
void meminfo_show(struct seq_buf *m);
/* /proc/vmstat, the counters Loam keeps. */
void vmstat_show(struct seq_buf *m);
/* Print the reports at boot when "mm_report" is on the command line. */
void mm_report(void);

/*
 * Events counted since boot, Linux's enum vm_event_item (in its order, which
 * /proc/vmstat follows). Linux counts them per CPU and sums on reading; Loam
 * adds atomically to one counter.
 */
enum vm_event_item {
	PGPGIN, /* 512-byte sectors read from block devices (submit_bio()); /proc shows KiB */
	PGPGOUT, /* ... and written */
	PSWPIN, /* pages read from swap */
	PSWPOUT, /* pages written to swap */
	PGLAZYFREE, /* pages MADV_FREE made lazily freed (mark_page_lazyfree()) */
	PGFAULT, /* every handle_mm_fault(), as Linux counts it */
	PGMAJFAULT, /* faults that waited for a swap read */
	PGLAZYFREED, /* lazily freed or droppable pages reclaim dropped unwritten */
	PGSTEAL_KSWAPD, /* pages reclaimed by kswapd */
	PGSTEAL_DIRECT, /* ... and by allocations reclaiming themselves */
	PGSCAN_KSWAPD, /* inactive pages kswapd looked at */
	PGSCAN_DIRECT,
	OOM_KILL, /* processes the OOM killer killed */
	PGMIGRATE_SUCCESS, /* pages migrate_pages() moved (mm/migrate.c) */
	PGMIGRATE_FAIL, /* ... and could not move */
	/* Compaction (mm/compaction.c), Linux's COMPACT* and KCOMPACTD_* events. */
	COMPACTMIGRATE_SCANNED, /* pages the migration scanners looked at */
	COMPACTFREE_SCANNED, /* ... and the free scanners */
	COMPACTISOLATED, /* pages isolated: free pages as targets and pages to move */
	COMPACTSTALL, /* direct compactions (an allocation compacted itself) */
	COMPACTFAIL, /* ... after which the allocation still failed */
	COMPACTSUCCESS, /* ... and succeeded */
	KCOMPACTD_WAKE, /* kcompactd runs */
	KCOMPACTD_MIGRATE_SCANNED, /* the part of compact_migrate_scanned that was kcompactd's */
	KCOMPACTD_FREE_SCANNED,
	NR_VM_EVENT_ITEMS,
};

extern unsigned long vm_events[NR_VM_EVENT_ITEMS];

static inline void count_vm_event(enum vm_event_item item)
{
	__atomic_fetch_add(&vm_events[item], 1, __ATOMIC_RELAXED);
}

static inline void count_vm_events(enum vm_event_item item, unsigned long delta)
{
	__atomic_fetch_add(&vm_events[item], delta, __ATOMIC_RELAXED);
}

#endif
