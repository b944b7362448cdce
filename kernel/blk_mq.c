// SPDX-License-Identifier: GPL-2.0
/*
 * The end of a request (Linux's block/blk-mq.c: blk_mq_end_request()) and
 * its accounting for /proc/diskstats (blk_account_io_start() and _done(),
 * update_io_ticks() of blk-core.c), on the kernel clock, sched_clock().
 */
#include <blkdev.h>
#include <sched_clock.h>

static enum stat_group op_stat_group(enum req_op op)
{
	return op == REQ_OP_WRITE ? STAT_WRITE : STAT_READ;
}

void update_io_ticks(struct block_device *bdev, u64 now)
{
	if (bdev->in_flight[STAT_READ] + bdev->in_flight[STAT_WRITE])
		bdev->stat.io_ticks += now - bdev->stamp;
	bdev->stamp = now;
}

void blk_account_io_start(struct blk_request *rq)
{
	struct block_device *bdev = rq->bdev;
	unsigned long flags;
	u64 now = sched_clock();

	rq->start_time_ns = now;
	spin_lock_irqsave(&bdev->stat_lock, flags);
	update_io_ticks(bdev, now);
	bdev->in_flight[op_stat_group(rq->op)]++;
	spin_unlock_irqrestore(&bdev->stat_lock, flags);
}

/* Linux's blk_account_io_done(): one request completed, all its sectors. */
static void blk_account_io_done(struct blk_request *rq)
{
	struct block_device *bdev = rq->bdev;
	enum stat_group sgrp = op_stat_group(rq->op);
	unsigned long flags;
	u64 now = sched_clock();

	spin_lock_irqsave(&bdev->stat_lock, flags);
	update_io_ticks(bdev, now);
	bdev->stat.ios[sgrp]++;
	bdev->stat.sectors[sgrp] += blk_rq_sectors(rq);
	bdev->stat.nsecs[sgrp] += now - rq->start_time_ns;
	bdev->in_flight[sgrp]--;
	spin_unlock_irqrestore(&bdev->stat_lock, flags);
}

void blk_mq_end_request(struct blk_request *rq, int status)
{
	struct blk_request *bio, *next;

	blk_account_io_done(rq);
	/* An end_io may free its request (a frame that returns): take the next first. */
	for (bio = rq; bio; bio = next) {
		next = bio->bi_next;
		bio->status = status;
		bio->end_io(bio);
	}
}
