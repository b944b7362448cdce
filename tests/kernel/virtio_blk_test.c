// SPDX-License-Identifier: GPL-2.0
/*
 * selftest=virtio_blk: the block layer and virtio-blk driver on vda, a
 * scratch disk the scenario attached, described by
 * virtio_blk_test=MODE:SECTORS[:WSECTOR:RSECTOR]: MODE "rw" (a writable
 * disk, overwritten), "ro" (attached readonly=on) or "eio" (writable, QEMU's
 * blkdebug failing writes covering WSECTOR and reads covering RSECTOR);
 * SECTORS is the capacity the scenario gave it.
 */
#include <asm/irqflags.h>
#include <asm/page.h>
#include <blkdev.h>
#include <gfp.h>
#include <kernel.h>
#include <params.h>
#include <printk.h>
#include <sched.h>
#include <slab.h>
#include <selftest.h>
#include <string.h>
#include <uapi/errno.h>

/* More than one request's worth of descriptors, fewer than the queue: all in flight at once. */
#define NR_REQS 32
#define REQ_SECTORS (PAGE_SIZE >> SECTOR_SHIFT)

static char test_mode[4];
static sector_t test_sectors, bad_write_sector, bad_read_sector;

static int __init_virtio_blk_test(char *arg)
{
	char *p = arg ? strchr(arg, ':') : NULL;

	if (!p || p - arg >= (long)sizeof(test_mode))
		return -1;
	memcpy(test_mode, arg, p - arg);
	test_sectors = memparse(p + 1, &p);
	if (*p == ':') {
		bad_write_sector = memparse(p + 1, &p);
		if (*p != ':')
			return -1;
		bad_read_sector = memparse(p + 1, &p);
	}
	return *p ? -1 : 0;
}
early_param("virtio_blk_test", __init_virtio_blk_test);

struct batch {
	struct wait_queue_head wq;
	unsigned int outstanding; /* submitted, not completed */
	unsigned int first_seen; /* outstanding when the first completion came (itself included) */
	struct blk_request rqs[NR_REQS];
	void *bufs[NR_REQS];
};

static void batch_end_io(struct blk_request *rq)
{
	struct batch *b = rq->private;
	struct wait_queue_entry *e;
	unsigned long flags;

	/* As blk_rw_sync(): the waiter may go once outstanding is 0, so wake under the lock. */
	spin_lock_irqsave(&b->wq.lock, flags);
	if (!b->first_seen)
		b->first_seen = b->outstanding;
	b->outstanding--;
	list_for_each_entry(e, &b->wq.head, entry)
		wake_up_process(e->task);
	spin_unlock_irqrestore(&b->wq.lock, flags);
}

/*
 * NR_REQS requests of one page each, to sectors i * REQ_SECTORS, submitted
 * with interrupts off on this CPU so that none completes here before the
 * last one is sent; then wait for all. 0 or the first refusal.
 */
static int run_batch(struct block_device *bdev, struct batch *b, enum req_op op)
{
	unsigned long flags;
	int i, err = 0;

	init_waitqueue_head(&b->wq);
	b->first_seen = 0;
	b->outstanding = NR_REQS;
	flags = arch_local_irq_save();
	for (i = 0; i < NR_REQS && !err; i++) {
		blk_rq_init(&b->rqs[i], op, i * REQ_SECTORS, b->bufs[i], PAGE_SIZE);
		b->rqs[i].end_io = batch_end_io;
		b->rqs[i].private = b;
		err = blk_submit(bdev, &b->rqs[i]);
	}
	if (err) {
		unsigned long wflags;

		/* The refused one and those never sent do not complete. */
		spin_lock_irqsave(&b->wq.lock, wflags);
		b->outstanding -= NR_REQS - i + 1;
		spin_unlock_irqrestore(&b->wq.lock, wflags);
	}
	arch_local_irq_restore(flags);
	wait_event(b->wq, READ_ONCE(b->outstanding) == 0);
	return err;
}

/* The pattern of request @i: its index and each word's offset, so misplaced data shows. */
static void fill(void *buf, unsigned int i)
{
	u64 *w = buf;
	unsigned int k;

	for (k = 0; k < PAGE_SIZE / sizeof(*w); k++)
		w[k] = 0x10adb10c00000000ULL | (u64)i << 16 | k;
}

static bool is_bad_write(unsigned int i)
{
	return !strcmp(test_mode, "eio") && bad_write_sector >= i * REQ_SECTORS &&
	       bad_write_sector < (i + 1) * REQ_SECTORS;
}

/* Writes then reads of distinct patterns, all in flight at once: cases 4 and 5. */
static void test_batches(struct ktap_suite *s, struct block_device *bdev, struct batch *b,
			 void *expect)
{
	unsigned int i, bad = 0, mismatches = 0;
	int err;

	for (i = 0; i < NR_REQS; i++)
		fill(b->bufs[i], i);
	err = run_batch(bdev, b, REQ_OP_WRITE);
	for (i = 0; i < NR_REQS; i++)
		bad += b->rqs[i].status != (is_bad_write(i) ? -EIO : 0);
	ktap_case(s, !err && !bad && b->first_seen > 1,
		  "writes with several in flight complete with the expected status",
		  "submit %d, %u unexpected statuses, %u in flight at the first completion", err,
		  bad, b->first_seen);

	for (i = 0; i < NR_REQS; i++)
		memset(b->bufs[i], 0, PAGE_SIZE);
	err = run_batch(bdev, b, REQ_OP_READ);
	bad = 0;
	for (i = 0; i < NR_REQS; i++) {
		fill(expect, i);
		if (b->rqs[i].status)
			bad++;
		else if (!is_bad_write(i) && memcmp(b->bufs[i], expect, PAGE_SIZE))
			mismatches++;
	}
	ktap_case(
		s, !err && !bad && !mismatches && b->first_seen > 1,
		"reads with several in flight give back what was written",
		"submit %d, %u failed, %u mismatching pages, %u in flight at the first completion",
		err, bad, mismatches, b->first_seen);
}

/*
 * The batch of run_batch() submitted under a plug: the block layer merges
 * the contiguous pages into requests of up to max_segments segments, each
 * request's end_io still called. The merges it counted, or -1 on a refusal.
 */
static long run_plugged(struct block_device *bdev, struct batch *b, enum req_op op)
{
	enum stat_group sgrp = op == REQ_OP_WRITE ? STAT_WRITE : STAT_READ;
	unsigned long merges = READ_ONCE(bdev->stat.merges[sgrp]);
	struct blk_plug plug;
	int i, err = 0;

	init_waitqueue_head(&b->wq);
	b->first_seen = 0;
	b->outstanding = NR_REQS;
	blk_start_plug(&plug);
	for (i = 0; i < NR_REQS && !err; i++) {
		blk_rq_init(&b->rqs[i], op, i * REQ_SECTORS, b->bufs[i], PAGE_SIZE);
		b->rqs[i].end_io = batch_end_io;
		b->rqs[i].private = b;
		b->rqs[i].status = 1;
		err = blk_submit(bdev, &b->rqs[i]);
	}
	if (err) {
		unsigned long flags;

		spin_lock_irqsave(&b->wq.lock, flags);
		b->outstanding -= NR_REQS - i + 1;
		spin_unlock_irqrestore(&b->wq.lock, flags);
	}
	blk_finish_plug(&plug);
	wait_event(b->wq, READ_ONCE(b->outstanding) == 0);
	return err ? -1 : (long)(READ_ONCE(bdev->stat.merges[sgrp]) - merges);
}

/*
 * Plugged requests are merged and complete each its own end_io: cases 6
 * and 7. Writable: new patterns written under a plug, read back under a
 * plug. Otherwise (read-only, or failing somewhere else): pages read under
 * a plug equal the same pages read one by one.
 */
static void test_plugged(struct ktap_suite *s, struct block_device *bdev, struct batch *b,
			 void *expect, bool writable)
{
	unsigned int i, bad = 0, mismatches = 0;
	long wmerges = 0, rmerges;
	int err = 0;

	for (i = 0; i < NR_REQS; i++)
		fill(b->bufs[i], writable ? i + NR_REQS : 0);
	if (writable)
		wmerges = run_plugged(bdev, b, REQ_OP_WRITE);
	for (i = 0; i < NR_REQS; i++) {
		bad += b->rqs[i].status != 0;
		memset(b->bufs[i], 0, PAGE_SIZE);
	}
	rmerges = run_plugged(bdev, b, REQ_OP_READ);
	for (i = 0; i < NR_REQS; i++)
		bad += b->rqs[i].status != 0;
	/* NR_REQS pages in requests of max_segments pages: all but one a request merged. */
	ktap_case(s,
		  !bad && rmerges == NR_REQS - DIV_ROUND_UP(NR_REQS, bdev->max_segments) &&
			  wmerges == (writable ? rmerges : 0),
		  "a plugged batch goes out merged, each request completed",
		  "%u failed, merges: %ld written, %ld read (max_segments %u)", bad, wmerges,
		  rmerges, bdev->max_segments);
	for (i = 0; i < NR_REQS && !err; i++) {
		if (writable)
			fill(expect, i + NR_REQS);
		else
			err = blk_rw_sync(bdev, REQ_OP_READ, i * REQ_SECTORS, expect, PAGE_SIZE);
		mismatches += memcmp(b->bufs[i], expect, PAGE_SIZE) != 0;
	}
	ktap_case(s, !err && !mismatches, "merged requests carry every page to its place",
		  "%u pages differ, read %d", mismatches, err);
}

static void virtio_blk_selftest(struct ktap_suite *s)
{
	struct block_device *bdev = blkdev_get_by_name("vda");
	bool ro = !strcmp(test_mode, "ro"), eio = !strcmp(test_mode, "eio");
	void *expect = (void *)__get_free_page(GFP_KERNEL);
	struct batch *b = kzalloc(sizeof(*b), GFP_KERNEL);
	unsigned int i;
	int err;

	ktap_case(s, bdev && expect && b && (ro || eio || !strcmp(test_mode, "rw")), "vda present",
		  "no vda, no memory, or virtio_blk_test= missing");
	if (!bdev || !expect || !b)
		goto out;
	ktap_case(s, bdev->nr_sectors == test_sectors, "capacity as attached",
		  "%llu sectors, the scenario attached %llu", (unsigned long long)bdev->nr_sectors,
		  (unsigned long long)test_sectors);
	ktap_case(s, bdev->read_only == ro, "read-only flag as attached", "read_only %d",
		  bdev->read_only);
	for (i = 0; i < NR_REQS; i++) {
		b->bufs[i] = (void *)__get_free_page(GFP_KERNEL);
		if (!b->bufs[i])
			goto out;
	}

	if (ro) {
		err = blk_rw_sync(bdev, REQ_OP_WRITE, 0, expect, PAGE_SIZE);
		ktap_case(s, err == -EROFS, "a write is refused with -EROFS", "got %d", err);
		err = blk_rw_sync(bdev, REQ_OP_READ, bdev->nr_sectors - REQ_SECTORS, expect,
				  PAGE_SIZE);
		ktap_case(s, !err, "the last page reads", "got %d", err);
	} else {
		test_batches(s, bdev, b, expect);
	}
	test_plugged(s, bdev, b, expect, !ro && !eio);

	err = blk_rw_sync(bdev, REQ_OP_READ, bdev->nr_sectors - 1, expect, 2 * SECTOR_SIZE);
	ktap_case(s, err == -EINVAL, "a request beyond the end is refused with -EINVAL", "got %d",
		  err);

	if (eio) {
		err = blk_rw_sync(bdev, REQ_OP_READ, bad_read_sector, expect, SECTOR_SIZE);
		ktap_case(s, err == -EIO, "a read the device fails ends in -EIO", "got %d", err);
	} else {
		/* A synchronous round trip through the last page (read back only when writable). */
		fill(expect, NR_REQS);
		err = ro ? blk_rw_sync(bdev, REQ_OP_READ, 0, expect, PAGE_SIZE) :
			   blk_rw_sync(bdev, REQ_OP_WRITE, bdev->nr_sectors - REQ_SECTORS, expect,
				       PAGE_SIZE);
		if (!err && !ro) {
			memset(expect, 0, PAGE_SIZE);
			err = blk_rw_sync(bdev, REQ_OP_READ, bdev->nr_sectors - REQ_SECTORS, expect,
					  PAGE_SIZE);
			memcpy(b->bufs[0], expect, PAGE_SIZE);
			fill(expect, NR_REQS);
			if (!err && memcmp(b->bufs[0], expect, PAGE_SIZE))
				err = 1;
		}
		ktap_case(s, !err, "synchronous I/O", "got %d (1: the data differs)", err);
	}
out:
	if (b)
		for (i = 0; i < NR_REQS; i++)
			if (b->bufs[i])
				free_page((unsigned long)b->bufs[i]);
	kfree(b);
	if (expect)
		free_page((unsigned long)expect);
}
DEFINE_SELFTEST(virtio_blk, 9, virtio_blk_selftest);
