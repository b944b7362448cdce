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
#include <vmstat.h>

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
	/* Linux's submit_bio(): the sectors read and written, for /proc/vmstat. */
	count_vm_events(rq->op == REQ_OP_WRITE ? PGPGOUT : PGPGIN, nr);
	bdev->fops->submit_request(bdev, rq);
	return 0;
}

void blk_batch_init(struct blk_batch *b)
{
	init_waitqueue_head(&b->wait);
	b->pending = 0;
}

/*
 * The batch lives in the waiter's frame, gone once blk_batch_wait() returns,
 * which cannot happen before finish_wait() has taken the lock: count down
 * and wake under the lock, and touch the batch no more after (wake_up()
 * would take the lock again, after pending reached 0).
 */
static void blk_batch_end_io(struct blk_request *rq)
{
	struct blk_batch *b = rq->private;
	struct wait_queue_entry *e;
	unsigned long flags;

	spin_lock_irqsave(&b->wait.lock, flags);
	if (--b->pending == 0)
		list_for_each_entry(e, &b->wait.head, entry)
			wake_up_process(e->task);
	spin_unlock_irqrestore(&b->wait.lock, flags);
}

int blk_batch_submit(struct block_device *bdev, struct blk_batch *b, struct blk_request *rq)
{
	unsigned long flags;
	int err;

	rq->end_io = blk_batch_end_io;
	rq->private = b;
	spin_lock_irqsave(&b->wait.lock, flags);
	b->pending++;
	spin_unlock_irqrestore(&b->wait.lock, flags);
	err = blk_submit(bdev, rq);
	if (err) {
		rq->status = err;
		blk_batch_end_io(rq);
	}
	return err;
}

void blk_batch_wait(struct blk_batch *b)
{
	wait_event(b->wait, !READ_ONCE(b->pending));
}

int blk_rw_sync(struct block_device *bdev, enum req_op op, sector_t sector, void *buf,
		unsigned int len)
{
	struct blk_request rq = {
		.op = op,
		.sector = sector,
		.buf = buf,
		.len = len,
	};
	struct blk_batch b;
	int err;

	blk_batch_init(&b);
	err = blk_batch_submit(bdev, &b, &rq);
	if (err)
		return err;
	blk_batch_wait(&b);
	return rq.status;
}
