/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small block layer (kernel/blk_core.c), with Linux's names where they fit:
 * a struct block_device per disk, asynchronous requests that complete through
 * a callback (Linux's submit_bio() and bi_end_io), and a synchronous helper
 * that sleeps on a wait queue. Sectors are 512 bytes (SECTOR_SIZE), whatever
 * the device's block size.
 */
#ifndef LOAM_BLKDEV_H
#define LOAM_BLKDEV_H

#include <list.h>
#include <sched.h>
#include <types.h>

#define SECTOR_SHIFT 9
#define SECTOR_SIZE (1U << SECTOR_SHIFT)

typedef u64 sector_t;

enum req_op {
	REQ_OP_READ,
	REQ_OP_WRITE,
};

struct blk_request {
	enum req_op op;
	sector_t sector; /* the first 512-byte sector */
	/*
	 * len bytes (a multiple of SECTOR_SIZE) at buf, which must be
	 * physically contiguous memory of the direct map (page allocator or
	 * kmalloc), not a stack: the device reads or writes it by its physical
	 * address.
	 */
	void *buf;
	unsigned int len;
	/* Called once, maybe in interrupt context, when the request is done. */
	void (*end_io)(struct blk_request *rq);
	void *private; /* for end_io */
	int status; /* set before end_io: 0, -EIO (device error) or -EOPNOTSUPP */
	/*
	 * More requests follow at once: the driver may hold the device's
	 * notification until the one without it (Linux's !bd->last). The last
	 * of a batch must not be refused by blk_submit()'s checks.
	 */
	bool more;
	struct list_head queuelist; /* the driver's, while it owns the request */
};

struct block_device;

struct block_device_operations {
	/* Take a checked request; complete it later through rq->end_io. */
	void (*submit_request)(struct block_device *bdev, struct blk_request *rq);
};

struct block_device {
	char name[8]; /* "vda", "vdb", ... */
	sector_t nr_sectors; /* capacity in 512-byte sectors */
	bool read_only;
	const struct block_device_operations *fops;
	void *private_data; /* the driver's */
	struct list_head list; /* on the list of disks */
};

/* Make @bdev known to blkdev_get_by_name(). */
void add_disk(struct block_device *bdev);
/* The disk called @name, or NULL. */
struct block_device *blkdev_get_by_name(const char *name);
/*
 * Start @rq on @bdev. 0: accepted, rq->end_io will be called; or refused
 * at once, end_io never called: -EROFS (a write to a read-only disk),
 * -EINVAL (empty, not whole sectors, or beyond the end of the disk).
 */
int blk_submit(struct block_device *bdev, struct blk_request *rq);
/* blk_submit() and sleep until the request is done; its status, or the refusal. */
int blk_rw_sync(struct block_device *bdev, enum req_op op, sector_t sector, void *buf,
		unsigned int len);

/*
 * Requests submitted together and waited for together (swap writes,
 * blk_rw_sync()): blk_batch_submit() sets rq->end_io and rq->private and
 * counts the request, blk_batch_wait() sleeps until all are done; each
 * rq->status tells its result, a refused submission included (its error is
 * also returned). The batch and the requests must live until the wait
 * returns.
 */
struct blk_batch {
	struct wait_queue_head wait;
	int pending; /* submitted and not completed, under wait.lock */
};

/* An empty batch: no request pending, nobody waiting. */
void blk_batch_init(struct blk_batch *b);
/*
 * Submit @rq to @bdev as part of @b. 0, or blk_submit()'s error, which
 * also completes the request at once with that status (so that
 * blk_batch_wait() does not wait for it).
 */
int blk_batch_submit(struct block_device *bdev, struct blk_batch *b, struct blk_request *rq);
/* Sleep until every request submitted to @b has completed; each has its own status. */
void blk_batch_wait(struct blk_batch *b);

#endif
