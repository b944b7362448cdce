// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/diskstats (Linux's diskstats_show() in block/genhd.c, described in
 * Documentation/admin-guide/iostats.rst): a line per disk, Linux's 20
 * columns. Loam's disks have no partitions, and Loam issues no discard or
 * flush requests, so those four and two columns are 0 as Linux prints them
 * for a disk without such requests.
 */
#include <blkdev.h>
#include <params.h>
#include <printk.h>
#include <sched_clock.h>
#include <seq_buf.h>

#define NSEC_PER_MSEC 1000000ULL

static bool diskstats_report_enabled;

/* "mm_report" on the command line: init's exit dumps /proc/diskstats after mm/vmstat.c's reports. */
static int __init_diskstats_report(char *arg)
{
	diskstats_report_enabled = true;
	return 0;
}
early_param("mm_report", __init_diskstats_report);

/*
 * A disk's figures at one instant; like Linux, an update of io_ticks first
 * while requests are in flight, so that a long request shows as it runs.
 */
static void part_stat_read_all(struct block_device *bdev, struct disk_stats *stat,
			       unsigned int *inflight)
{
	unsigned long flags;
	u64 now = sched_clock();

	spin_lock_irqsave(&bdev->stat_lock, flags);
	*inflight = bdev->in_flight[STAT_READ] + bdev->in_flight[STAT_WRITE];
	if (*inflight)
		update_io_ticks(bdev, now);
	*stat = bdev->stat;
	spin_unlock_irqrestore(&bdev->stat_lock, flags);
}

void diskstats_show(struct seq_buf *m)
{
	struct block_device *bdev = NULL;
	struct disk_stats st;
	unsigned int inflight;

	while ((bdev = blkdev_next(bdev))) {
		part_stat_read_all(bdev, &st, &inflight);
		/* Linux's format: "%4d %7d %pg " then 17 numbers (discard and flush: 0). */
		seq_buf_printf(m, "%4u %7u %s %lu %lu %lu %u %lu %lu %lu %u %u %u %u 0 0 0 0 0 0\n",
			       bdev->major, bdev->first_minor, bdev->name, st.ios[STAT_READ],
			       st.merges[STAT_READ], st.sectors[STAT_READ],
			       (unsigned int)(st.nsecs[STAT_READ] / NSEC_PER_MSEC),
			       st.ios[STAT_WRITE], st.merges[STAT_WRITE], st.sectors[STAT_WRITE],
			       (unsigned int)(st.nsecs[STAT_WRITE] / NSEC_PER_MSEC), inflight,
			       (unsigned int)(st.io_ticks / NSEC_PER_MSEC),
			       (unsigned int)((st.nsecs[STAT_READ] + st.nsecs[STAT_WRITE]) /
					      NSEC_PER_MSEC));
	}
}

void diskstats_report(void)
{
	static char buf[1024];
	struct seq_buf m;
	const char *line, *nl;

	if (!diskstats_report_enabled)
		return;
	seq_buf_init(&m, buf, sizeof(buf));
	diskstats_show(&m);
	pr_info("mm_report: /proc/diskstats%s\n", seq_buf_has_overflowed(&m) ? " (truncated)" : "");
	for (line = buf; *line; line = *nl ? nl + 1 : nl) {
		for (nl = line; *nl && *nl != '\n'; nl++)
			;
		pr_info("%.*s\n", (int)(nl - line), line);
	}
}
