// SPDX-License-Identifier: GPL-2.0
/*
 * Merging requests into multi-page requests (Linux's block/blk-merge.c and
 * blk_attempt_plug_merge() of blk-mq.c): a request submitted under a plug
 * that continues a held one on the disk is appended to it (a back merge),
 * one that ends where a held one starts goes in front (a front merge), as
 * long as the device's segment limit allows. The merged request keeps its
 * own segments and end_io; the driver sees one request of all the segments.
 */
#include <blkdev.h>

/* Linux's blk_account_io_merge_bio(): /proc/diskstats's "merged" column. */
static void blk_account_io_merge_bio(struct blk_request *rq)
{
	struct block_device *bdev = rq->bdev;
	unsigned long flags;

	spin_lock_irqsave(&bdev->stat_lock, flags);
	bdev->stat.merges[rq->op == REQ_OP_WRITE ? STAT_WRITE : STAT_READ]++;
	spin_unlock_irqrestore(&bdev->stat_lock, flags);
}

/* Linux's blk_rq_merge_ok() and ll_new_hw_segment(): may @rq join @held at all? */
static bool blk_rq_merge_ok(const struct blk_request *held, const struct blk_request *rq)
{
	return held->bdev == rq->bdev && held->op == rq->op &&
	       held->nr_segments + rq->nr_segments <= rq->bdev->max_segments;
}

/* Linux's bio_attempt_back_merge(): @rq goes after the chain headed by @held. */
static void blk_back_merge(struct blk_request *held, struct blk_request *rq)
{
	struct blk_request *tail = held;

	while (tail->bi_next)
		tail = tail->bi_next;
	tail->bi_next = rq;
	held->data_len += rq->data_len;
	held->nr_segments += rq->nr_segments;
}

/*
 * Linux's bio_attempt_front_merge(): @rq goes before @held and becomes the
 * chain's head, in the plug in @held's place, with its start time.
 */
static void blk_front_merge(struct blk_request *held, struct blk_request *rq)
{
	rq->bi_next = held;
	rq->data_len += held->data_len;
	rq->nr_segments += held->nr_segments;
	rq->start_time_ns = held->start_time_ns;
	list_add(&rq->queuelist, &held->queuelist);
	list_del(&held->queuelist);
}

/*
 * Linux tries the request held last (all of them when the plug holds
 * several disks' requests); Loam tries all, newest first: a plug holds at
 * most BLK_MAX_REQUEST_COUNT, and readahead or reclaim may submit slots a
 * little out of order.
 */
bool blk_attempt_plug_merge(struct blk_plug *plug, struct blk_request *rq)
{
	sector_t end = rq->sector + blk_rq_sectors(rq);
	struct list_head *pos;

	for (pos = plug->mq_list.prev; pos != &plug->mq_list; pos = pos->prev) {
		struct blk_request *held = list_entry(pos, struct blk_request, queuelist);

		if (!blk_rq_merge_ok(held, rq))
			continue;
		if (held->sector + blk_rq_sectors(held) == rq->sector)
			blk_back_merge(held, rq);
		else if (end == held->sector)
			blk_front_merge(held, rq);
		else
			continue;
		blk_account_io_merge_bio(rq);
		return true;
	}
	return false;
}
