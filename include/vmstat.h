/* SPDX-License-Identifier: GPL-2.0 */
/* The memory-management reports, in Linux's /proc formats (mm/vmstat.c); event counters. */
#ifndef LOAM_VMSTAT_H
#define LOAM_VMSTAT_H

#include <seq_buf.h>

/* /proc/buddyinfo: free blocks per order, per populated zone. */
void buddyinfo_show(struct seq_buf *m);
/* /proc/pagetypeinfo: free blocks per order and migrate type; pageblocks per type. */
void pagetypeinfo_show(struct seq_buf *m);
/* /proc/zoneinfo, the part Loam has: free, watermarks, sizes, lowmem_reserve, pagesets. */
void zoneinfo_show(struct seq_buf *m);
/*
 * /proc/meminfo, the lines Loam can fill: MemTotal, MemFree, MemAvailable,
 * SwapTotal, SwapFree, AnonPages, Active(anon), Inactive(anon).
 */
void meminfo_show(struct seq_buf *m);
/* /proc/vmstat, the counters Loam keeps. */
void vmstat_show(struct seq_buf *m);
/* Print the reports at boot when "mm_report" is on the command line. */
void mm_report(void);

/*
 * Events counted since boot, Linux's enum vm_event_item. Linux counts them
 * per CPU and sums on reading; Loam adds atomically to one counter. Still to
 * come with swap and reclaim: pgmajfault, pswpin, pswpout, pgscan_kswapd,
 * pgscan_direct, pgsteal_kswapd, pgsteal_direct; until they can be counted
 * /proc/vmstat leaves them out rather than print a zero that means nothing.
 */
enum vm_event_item {
	PGFAULT, /* every handle_mm_fault(), as Linux counts it */
	NR_VM_EVENT_ITEMS,
};

extern unsigned long vm_events[NR_VM_EVENT_ITEMS];

static inline void count_vm_event(enum vm_event_item item)
{
	__atomic_fetch_add(&vm_events[item], 1, __ATOMIC_RELAXED);
}

#endif
