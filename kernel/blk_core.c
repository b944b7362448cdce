// SPDX-License-Identifier: GPL-2.0
/*
 * The block layer's core (Linux's block/blk-core.c, much reduced): the list
 * of disks, the checks every request passes before a driver sees it
 * (bio_check_ro() and bio_check_eod() in Linux), and synchronous I/O
 * (submit_bio_wait()) on top of the asynchronous path.
 */
#include <blkdev.h>
#include <sched.h>
#include <spinlock.h>
#include <string.h>
#include <uapi/errno.h>

static LIST_HEAD(all_bdevs);
static DEFINE_SPINLOCK(bdev_lock);

void add_disk(struct block_device *bdev)
{
	unsigned long flags;

	spin_lock_irqsave(&bdev_lock, flags);
	list_add_tail(&bdev->list, &all_bdevs);
	spin_unlock_irqrestore(&bdev_lock, flags);
}

struct block_device *blkdev_get_by_name(const char *name)
{
	struct block_device *bdev, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&bdev_lock, flags);
	list_for_each_entry(bdev, &all_bdevs, list)
		if (!strcmp(bdev->name, name)) {
			found = bdev;
			break;
		}
	spin_unlock_irqrestore(&bdev_lock, flags);
	return found;
}

int blk_submit(struct block_device *bdev, struct blk_request *rq)
{
	sector_t nr = rq->len >> SECTOR_SHIFT;

	if (rq->op == REQ_OP_WRITE && bdev->read_only)
		return -EROFS;
	if (!rq->len || rq->len % SECTOR_SIZE || rq->sector > bdev->nr_sectors ||
	    nr > bdev->nr_sectors - rq->sector)
		return -EINVAL;
	bdev->fops->submit_request(bdev, rq);
	return 0;
}

struct blk_wait {
	struct wait_queue_head wq;
	bool done;
};

static void blk_end_sync(struct blk_request *rq)
{
	struct blk_wait *w = rq->private;
	struct wait_queue_entry *e;
	unsigned long flags;

	/*
	 * w lives in the waiter's frame, gone once it returns, and it cannot
	 * return before finish_wait() has taken the lock: set done and wake
	 * under the lock, and touch w no more after (wake_up() would take the
	 * lock again, after done became visible).
	 */
	spin_lock_irqsave(&w->wq.lock, flags);
	WRITE_ONCE(w->done, true);
	list_for_each_entry(e, &w->wq.head, entry)
		wake_up_process(e->task);
	spin_unlock_irqrestore(&w->wq.lock, flags);
}

int blk_rw_sync(struct block_device *bdev, enum req_op op, sector_t sector, void *buf,
		unsigned int len)
{
	struct blk_wait w = { .done = false };
	struct blk_request rq = {
		.op = op,
		.sector = sector,
		.buf = buf,
		.len = len,
		.end_io = blk_end_sync,
		.private = &w,
	};
	int err;

	init_waitqueue_head(&w.wq);
	err = blk_submit(bdev, &rq);
	if (err)
		return err;
	wait_event(w.wq, READ_ONCE(w.done));
	return rq.status;
}
