/* SPDX-License-Identifier: GPL-2.0 */
/* The page allocator's reports, in Linux's /proc formats (mm/vmstat.c). */
#ifndef LOAM_VMSTAT_H
#define LOAM_VMSTAT_H

#include <seq_buf.h>

/* /proc/buddyinfo: free blocks per order, per populated zone. */
void buddyinfo_show(struct seq_buf *m);
/* /proc/pagetypeinfo: free blocks per order and migrate type; pageblocks per type. */
void pagetypeinfo_show(struct seq_buf *m);
/* /proc/zoneinfo, the part Loam has: free, watermarks, sizes, lowmem_reserve, pagesets. */
void zoneinfo_show(struct seq_buf *m);
/* Print the three at boot when "mm_report" is on the command line. */
void mm_report(void);

#endif
