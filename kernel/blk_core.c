// SPDX-License-Identifier: GPL-2.0
/*
 * The block layer's core (Linux's block/blk-core.c, much reduced): the list
 * of disks, the checks every request passes before a driver sees it
 * (bio_check_ro(), bio_check_eod() and the queue limits in Linux),
 * plugging (blk_start_plug() ... blk_finish_plug()), and synchronous I/O
 * (submit_bio_wait()) on top of the asynchronous path.
 */
#include <asm/irqflags.h>
#include <blkdev.h>
#include <mm.h>
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

	if (!bdev->max_segments)
		bdev->max_segments = 1;
	if (!bdev->max_segment_size)
		bdev->max_segment_size = PAGE_SIZE;
	spin_lock_init(&bdev->stat_lock);
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

struct block_device *blkdev_next(struct block_device *prev)
{
	struct block_device *next = NULL;
	unsigned long flags;

	spin_lock_irqsave(&bdev_lock, flags);
	if (!prev && !list_empty(&all_bdevs))
		next = list_first_entry(&all_bdevs, struct block_device, list);
	else if (prev && !list_is_last(&prev->list, &all_bdevs))
		next = list_next_entry(prev, list);
	spin_unlock_irqrestore(&bdev_lock, flags);
	return next;
}

void blk_rq_init(struct blk_request *rq, enum req_op op, sector_t sector, void *buf,
		 unsigned int len)
{
	*rq = (struct blk_request){
		.op = op,
		.sector = sector,
		.bvec = &rq->inline_vec,
		.vcnt = 1,
		.inline_vec = { virt_to_page(buf), len, (unsigned long)buf % PAGE_SIZE },
	};
}

/* The size of @rq's segments, or 0 if one breaks @bdev's limits. */
static unsigned int blk_rq_check_segments(struct block_device *bdev, struct blk_request *rq)
{
	unsigned int i, size = 0;

	if (!rq->vcnt || rq->vcnt > bdev->max_segments)
		return 0;
	for (i = 0; i < rq->vcnt; i++) {
		unsigned int len = rq->bvec[i].bv_len;

		if (!len || len % SECTOR_SIZE || len > bdev->max_segment_size)
			return 0;
		size += len;
	}
	return size;
}

int blk_submit(struct block_device *bdev, struct blk_request *rq)
{
	unsigned int size = blk_rq_check_segments(bdev, rq);
	sector_t nr = size >> SECTOR_SHIFT;
	struct blk_plug *plug;

	if (rq->op == REQ_OP_WRITE && bdev->read_only)
		return -EROFS;
	if (!size || rq->sector > bdev->nr_sectors || nr > bdev->nr_sectors - rq->sector)
		return -EINVAL;
	/* Linux's submit_bio(): the sectors read and written, for /proc/vmstat. */
	count_vm_events(rq->op == REQ_OP_WRITE ? PGPGOUT : PGPGIN, nr);
	rq->bdev = bdev;
	rq->bi_next = NULL;
	rq->data_len = size;
	rq->nr_segments = rq->vcnt;

	/* A plug is the task's: an interrupt handler's requests go out at once. */
	plug = arch_irqs_disabled() ? NULL : current->plug;
	if (plug && blk_attempt_plug_merge(plug, rq))
		return 0;
	blk_account_io_start(rq);
	if (!plug) {
		bdev->fops->submit_request(bdev, rq);
		return 0;
	}
	/* Linux's blk_add_rq_to_plug(): a full plug goes out before it takes more. */
	if (plug->rq_count >= BLK_MAX_REQUEST_COUNT ||
	    (plug->rq_count &&
	     list_last_entry(&plug->mq_list, struct blk_request, queuelist)->data_len >=
		     BLK_PLUG_FLUSH_SIZE))
		blk_flush_plug(plug, false);
	list_add_tail(&rq->queuelist, &plug->mq_list);
	plug->rq_count++;
	return 0;
}

void blk_start_plug(struct blk_plug *plug)
{
	if (current->plug)
		return;
	INIT_LIST_HEAD(&plug->mq_list);
	plug->rq_count = 0;
	current->plug = plug;
}

void blk_flush_plug(struct blk_plug *plug, bool from_schedule)
{
	struct list_head *list = plug ? &plug->mq_list : NULL;
	struct blk_request *rq, *next;

	(void)from_schedule; /* Linux hands this case to kblockd; Loam sends at once. */
	if (!plug || !plug->rq_count)
		return;
	plug->rq_count = 0;
	/* Only this task adds to the list (not its interrupts): no lock. */
	while (!list_empty(list)) {
		rq = list_first_entry(list, struct blk_request, queuelist);
		list_del(&rq->queuelist);
		next = list_empty(list) ? NULL :
					  list_first_entry(list, struct blk_request, queuelist);
		/* Each disk is notified once, after the last of its run. */
		rq->more = next && next->bdev == rq->bdev;
		rq->bdev->fops->submit_request(rq->bdev, rq);
	}
}

void blk_finish_plug(struct blk_plug *plug)
{
	if (plug != current->plug)
		return;
	blk_flush_plug(plug, false);
	current->plug = NULL;
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
	struct blk_request rq;
	struct blk_batch b;
	int err;

	blk_rq_init(&rq, op, sector, buf, len);
	blk_batch_init(&b);
	err = blk_batch_submit(bdev, &b, &rq);
	if (err)
		return err;
	blk_batch_wait(&b);
	return rq.status;
}
