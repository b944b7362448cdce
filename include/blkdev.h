/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small block layer (kernel/blk_core.c, blk_merge.c, blk_mq.c, genhd.c),
 * with Linux's names where they fit: a struct block_device per disk,
 * asynchronous requests made of bio_vec segments that complete through a
 * callback (Linux's submit_bio() and bi_end_io), plugging (a task holds its
 * requests back and merges contiguous ones into multi-page requests, as
 * Linux's struct blk_plug), a synchronous helper that sleeps on a wait
 * queue, and Linux's /proc/diskstats. Sectors are 512 bytes (SECTOR_SIZE),
 * whatever the device's block size.
 */
#ifndef LOAM_BLKDEV_H
#define LOAM_BLKDEV_H

#include <list.h>
#include <sched.h>
#include <spinlock.h>
#include <types.h>

#define SECTOR_SHIFT 9
#define SECTOR_SIZE (1U << SECTOR_SHIFT)

typedef u64 sector_t;

struct page;
struct seq_buf;

enum req_op {
	REQ_OP_READ,
	REQ_OP_WRITE,
};

/*
 * Linux's struct bio_vec (include/linux/bvec.h): bv_len bytes from
 * bv_offset in bv_page, which may run on into the following pages of the
 * same physically contiguous allocation (Linux's multi-page bvec). The
 * memory is the direct map's (page allocator or kmalloc), never a stack:
 * the device reads or writes it by its physical address.
 */
struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len;
	unsigned int bv_offset;
};

/*
 * What a caller submits (Linux's struct bio) and what a driver is given
 * (Linux's struct request, a list of bios) in one: the caller fills the
 * first group; the block layer the rest. A request merged into another
 * (blk_merge.c) hangs off that one's bi_next chain; the driver sees only
 * the chain's head and its totals, and blk_mq_end_request() completes every
 * request of the chain, each through its own end_io.
 */
struct blk_request {
	sector_t sector; /* the first 512-byte sector */
	struct bio_vec *bvec; /* vcnt segments, in disk order */
	/* Called once, maybe in interrupt context, when the request is done. */
	void (*end_io)(struct blk_request *rq);
	void *private; /* for end_io */
	enum req_op op;
	int status; /* set before end_io: 0, -EIO (device error) or -EOPNOTSUPP */
	unsigned short vcnt;
	/*
	 * More requests follow at once: the driver may hold the device's
	 * notification until the one without it (Linux's !bd->last). The last
	 * of a batch must not be refused by blk_submit()'s checks. A plug
	 * sets it for the requests it holds (blk_flush_plug()).
	 */
	bool more;

	/* The block layer's; of a chain's head only (Linux's struct request) but bi_next. */
	unsigned short nr_segments; /* segments of the whole chain */
	unsigned int data_len; /* bytes of the whole chain (Linux's __data_len) */
	struct bio_vec inline_vec; /* bvec of blk_rq_init()'s single segment */
	struct block_device *bdev;
	struct blk_request *bi_next; /* the next request merged into the chain */
	u64 start_time_ns; /* sched_clock() at submission, for /proc/diskstats */
	struct list_head queuelist; /* the plug's, then the driver's */
};

/* The bytes of the chain headed by @rq, in sectors (Linux's blk_rq_sectors()). */
static inline unsigned int blk_rq_sectors(const struct blk_request *rq)
{
	return rq->data_len >> SECTOR_SHIFT;
}

/* Every request of the chain headed by @rq (Linux's __rq_for_each_bio()). */
#define rq_for_each_bio(bio, rq) for ((bio) = (rq); (bio); (bio) = (bio)->bi_next)

/*
 * Set up @rq as a request of one segment, @len bytes at @buf (direct map,
 * physically contiguous): the common case, a page of swap or a header.
 * end_io, private and more are left for the caller.
 */
void blk_rq_init(struct blk_request *rq, enum req_op op, sector_t sector, void *buf,
		 unsigned int len);

/* Linux's struct disk_stats (include/linux/part_stat.h), per STAT_READ/STAT_WRITE. */
enum stat_group { STAT_READ, STAT_WRITE, NR_STAT_GROUPS };

struct disk_stats {
	u64 nsecs[NR_STAT_GROUPS]; /* submission to completion, summed over requests */
	unsigned long sectors[NR_STAT_GROUPS];
	unsigned long ios[NR_STAT_GROUPS]; /* requests completed */
	unsigned long merges[NR_STAT_GROUPS]; /* requests merged into another */
	u64 io_ticks; /* ns with at least one request in flight */
};

struct block_device;

struct block_device_operations {
	/* Take a checked request chain; complete it later with blk_mq_end_request(). */
	void (*submit_request)(struct block_device *bdev, struct blk_request *rq);
};

struct block_device {
	char name[8]; /* "vda", "vdb", ... */
	unsigned int major, first_minor; /* /proc/diskstats's first columns */
	sector_t nr_sectors; /* capacity in 512-byte sectors */
	bool read_only;
	/*
	 * The driver's limits (Linux's queue_limits): segments in one request,
	 * bytes in one segment. Merging never goes beyond them; blk_submit()
	 * refuses a request that does.
	 */
	unsigned int max_segments;
	unsigned int max_segment_size;
	const struct block_device_operations *fops;
	void *private_data; /* the driver's */
	struct list_head list; /* on the list of disks */
	/* /proc/diskstats, under stat_lock (completions come in interrupts). */
	spinlock_t stat_lock;
	struct disk_stats stat;
	unsigned int in_flight[NR_STAT_GROUPS]; /* submitted, not completed */
	u64 stamp; /* sched_clock() of the last io_ticks update (Linux's bd_stamp) */
};

/*
 * Make @bdev known to blkdev_get_by_name() and /proc/diskstats; the driver
 * has set its limits (0: one segment of at most a page).
 */
void add_disk(struct block_device *bdev);
/* The disk called @name, or NULL. */
struct block_device *blkdev_get_by_name(const char *name);
/* The disk after @prev (NULL: the first) in the order added, or NULL; disks never go. */
struct block_device *blkdev_next(struct block_device *prev);
/*
 * Start @rq on @bdev. 0: accepted, rq->end_io will be called; or refused
 * at once, end_io never called: -EROFS (a write to a read-only disk),
 * -EINVAL (no segment, a segment empty, not whole sectors or beyond the
 * device's limits, or a request beyond the end of the disk). Inside a plug
 * (blk_start_plug()) the request is held back, maybe merged into one held
 * before; otherwise it goes to the driver at once.
 */
int blk_submit(struct block_device *bdev, struct blk_request *rq);
/* blk_submit() and sleep until the request is done; its status, or the refusal. */
int blk_rw_sync(struct block_device *bdev, enum req_op op, sector_t sector, void *buf,
		unsigned int len);

/*
 * The driver is done with the chain headed by @rq: account it in
 * /proc/diskstats and complete each of its requests with @status (Linux's
 * blk_mq_end_request(): every bio's bi_end_io). Maybe in interrupt context.
 */
void blk_mq_end_request(struct blk_request *rq, int status);

/*
 * Linux's plugging (block/blk-core.c): between blk_start_plug() and
 * blk_finish_plug() the current task's requests wait in @plug, and one that
 * continues (or precedes) a waiting one on the disk, same disk, same op,
 * joins it (blk_attempt_plug_merge()). They go to the drivers, the device
 * notified once, at blk_finish_plug(), when BLK_MAX_REQUEST_COUNT wait or
 * the last holds BLK_PLUG_FLUSH_SIZE bytes, or when the task sleeps
 * (schedule(), Linux's sched_submit_work()), so that waiting for one's own
 * held request cannot deadlock. A request submitted with interrupts off
 * (an end_io's) bypasses the plug. A nested blk_start_plug() is ignored:
 * the outer plug holds everything. The plug lives in the caller's frame.
 */
struct blk_plug {
	struct list_head mq_list; /* held requests (chain heads), in submission order */
	unsigned short rq_count;
};

/* Linux's BLK_MAX_REQUEST_COUNT and BLK_PLUG_FLUSH_SIZE (block/blk-mq.c, blk.h). */
#define BLK_MAX_REQUEST_COUNT 32
#define BLK_PLUG_FLUSH_SIZE (128 * 1024)

/* Start holding the current task's requests in @plug (unless a plug is already on). */
void blk_start_plug(struct blk_plug *plug);
/* Send what @plug holds and stop plugging, if @plug is the task's plug. */
void blk_finish_plug(struct blk_plug *plug);
/* Send what @plug holds; it stays on (@from_schedule: the task is going to sleep). */
void blk_flush_plug(struct blk_plug *plug, bool from_schedule);
/*
 * blk_merge.c: merge @rq into a request @plug holds, if one is next to it;
 * true if it was (counted in /proc/diskstats's merges).
 */
bool blk_attempt_plug_merge(struct blk_plug *plug, struct blk_request *rq);

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

/* blk_mq.c: a new request (a chain's head) in /proc/diskstats: in flight from now. */
void blk_account_io_start(struct blk_request *rq);
/*
 * Linux's update_io_ticks(): the time up to @now counts as busy if a
 * request was in flight since the last update. Under bdev->stat_lock.
 */
void update_io_ticks(struct block_device *bdev, u64 now);
/* /proc/diskstats (Linux's diskstats_show(), block/genhd.c). */
void diskstats_show(struct seq_buf *m);
/* With "mm_report" on the command line: print /proc/diskstats (init's exit, as mm_report()). */
void diskstats_report(void);

#endif
