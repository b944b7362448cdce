// SPDX-License-Identifier: GPL-2.0
/*
 * Swap I/O, after Linux's mm/page_io.c: a page goes to (or comes from) slot
 * N of its area's block device, which is bytes N * PAGE_SIZE onwards (slot
 * 0 is the header). Both directions are asynchronous, as Linux's. Writes
 * (__swap_writepage(), end_swap_bio_write()): reclaim starts them under a
 * plug and moves on, the page under PG_writeback and unlocked until the
 * completion ends it. Reads (swap_read_folio()): started with the page
 * locked, they end by marking it uptodate and unlocking it, so that a
 * fault sleeps on the page lock while other tasks run, and readahead
 * (mm/swap_state.c) starts several at once without waiting for any.
 *
 * The messages are Linux's ("Write-error on swap-device (major:minor:
 * sector)"), with virtio-blk's major, 254, and minors 0, 16, 32 ... for vda,
 * vdb, vdc as on Linux.
 */
#include <blkdev.h>
#include <mm.h>
#include <pagemap.h>
#include <rmap.h>
#include <printk.h>
#include <sched.h>
#include <slab.h>
#include <swap.h>
#include <uapi/errno.h>
#include <vmstat.h>

#define VIRTBLK_MAJOR 254

static sector_t swap_sector(swp_entry_t entry)
{
	return (sector_t)swp_offset(entry) << (PAGE_SHIFT - SECTOR_SHIFT);
}

static unsigned int swap_minor(const struct block_device *bdev)
{
	return (bdev->name[2] - 'a') * 16;
}

static void swap_io_error(const char *what, struct swap_info_struct *si, swp_entry_t entry)
{
	pr_alert("%s-error on swap-device (%u:%u:%llu)\n", what, VIRTBLK_MAJOR,
		 swap_minor(si->bdev), (unsigned long long)swap_sector(entry));
}

/*
 * Swap writes in flight at once, at most: Linux's BLKDEV_DEFAULT_RQ, the
 * default depth of a request queue (nr_requests). The requests live here,
 * not in reclaim's frame, since reclaim moves on once a write has started;
 * when all are in flight, the next writer waits for one to complete.
 */
#define SWAP_WRITE_RQS 128

static struct blk_request swap_write_rqs[SWAP_WRITE_RQS];
static unsigned int swap_write_rqs_used; /* swap_write_rqs[used..] were never handed out */
static LIST_HEAD(swap_write_free); /* done with, by queuelist */
static LIST_HEAD(swap_write_failed); /* completed with an error, for swap_end_failed_writes() */
/* Guards the above; taken with interrupts off (completions come in interrupt context). */
static DEFINE_SPINLOCK(swap_write_lock);
static struct wait_queue_head swap_write_wait = {
	.lock = __SPIN_LOCK_UNLOCKED,
	.head = LIST_HEAD_INIT(swap_write_wait.head),
};

static struct blk_request *swap_write_rq_take(void)
{
	struct blk_request *rq = NULL;
	unsigned long flags;

	spin_lock_irqsave(&swap_write_lock, flags);
	if (!list_empty(&swap_write_free)) {
		rq = list_first_entry(&swap_write_free, struct blk_request, queuelist);
		list_del(&rq->queuelist);
	} else if (swap_write_rqs_used < SWAP_WRITE_RQS) {
		rq = &swap_write_rqs[swap_write_rqs_used++];
	}
	spin_unlock_irqrestore(&swap_write_lock, flags);
	return rq;
}

static void swap_write_rq_put(struct blk_request *rq)
{
	unsigned long flags;

	spin_lock_irqsave(&swap_write_lock, flags);
	list_add(&rq->queuelist, &swap_write_free);
	spin_unlock_irqrestore(&swap_write_lock, flags);
	wake_up(&swap_write_wait);
}

/*
 * Linux's end_swap_bio_write(), in interrupt context: the write is done.
 * A failed one is left to swap_end_failed_writes(), in process context
 * (the message and the slot's retirement take locks an interrupt must
 * not): the page stays under writeback until then, with a reference for
 * it, and kswapd is woken (or its throttle ended) to get there soon.
 */
static void end_swap_bio_write(struct blk_request *rq)
{
	struct page *page = rq->private;
	pg_data_t *pgdat = NODE_DATA(page_to_nid(page));
	unsigned long flags;

	if (!rq->status) {
		end_page_writeback(page);
		swap_write_rq_put(rq);
		return;
	}
	get_page(page);
	spin_lock_irqsave(&swap_write_lock, flags);
	list_add_tail(&rq->queuelist, &swap_write_failed);
	spin_unlock_irqrestore(&swap_write_lock, flags);
	if (pgdat->kswapd) {
		WRITE_ONCE(pgdat->kswapd_woken, true);
		wake_up(&pgdat->kswapd_wait);
	}
	/* kswapd may be waiting for writes to end (reclaim_throttle()): this one is, nearly. */
	wake_up(&pgdat->reclaim_wait);
}

int swap_writepage(struct page *page)
{
	swp_entry_t entry = { page->private };
	struct swap_info_struct *si = swp_swap_info(entry);
	struct blk_request *rq;

	/* All in flight: sleeping flushes our plug, so that ours complete too. */
	wait_event(swap_write_wait, (rq = swap_write_rq_take()) != NULL);
	blk_rq_init(rq, REQ_OP_WRITE, swap_sector(entry), page_address(page), PAGE_SIZE);
	rq->end_io = end_swap_bio_write;
	rq->private = page;
	set_page_writeback(page);
	unlock_page(page);
	rq->status = si ? blk_submit(si->bdev, rq) : -EINVAL;
	if (rq->status) {
		end_swap_bio_write(rq);
		return rq->status;
	}
	count_vm_event(PSWPOUT);
	return 0;
}

/*
 * The slot's copy is not the page's: make the page hold it alone again.
 * Its swap PTEs go back to mapping it (unuse_swap_ptes()), then the slot,
 * claimed by nobody but the cache, is retired (delete_from_swap_cache_bad()).
 * A slot some PTE still names (one the walk did not reach) stays, and
 * the page with it, dirty: the next reclaim writes it again.
 */
static void retire_failed_slot(struct page *page, swp_entry_t entry)
{
	if (!PageSwapCache(page) || page->private != entry.val)
		return;
	if (PageAnon(page))
		unuse_swap_ptes(page);
	if (!swp_swapcount(entry))
		delete_from_swap_cache_bad(page);
}

void swap_end_failed_writes(void)
{
	struct blk_request *rq;
	unsigned long flags;

	while (!list_empty(&swap_write_failed)) {
		struct page *page;
		swp_entry_t entry;

		spin_lock_irqsave(&swap_write_lock, flags);
		rq = list_first_entry_or_null(&swap_write_failed, struct blk_request, queuelist);
		if (rq)
			list_del(&rq->queuelist);
		spin_unlock_irqrestore(&swap_write_lock, flags);
		if (!rq)
			return;
		page = rq->private;
		entry = (swp_entry_t){ page->private };
		swap_io_error("Write", swp_swap_info(entry), entry);
		/* Linux's end_swap_bio_write(): dirty again, not to be rotated. */
		SetPageDirty(page);
		ClearPageReclaim(page);
		end_page_writeback(page);
		swap_write_rq_put(rq);
		/* Whoever holds the lock works on the page: it stays in the cache, dirty. */
		if (trylock_page(page)) {
			retire_failed_slot(page, entry);
			unlock_page(page);
		}
		put_page(page);
	}
}

/* A swap read in flight (Linux's bio for swap_read_folio()): the request and its page. */
struct swap_read {
	struct blk_request rq;
	struct page *page;
	swp_entry_t entry;
};

/*
 * Linux's end_swap_bio_read() and folio_end_read(): the page holds the
 * slot's data now (PG_uptodate), or the read failed (reported, the flag
 * left clear); either way it is unlocked, which wakes whoever waits for it,
 * and the reference handed to the read goes. Maybe in interrupt context.
 */
static void end_swap_read(struct blk_request *rq)
{
	struct swap_read *sr = container_of(rq, struct swap_read, rq);
	struct page *page = sr->page;

	if (rq->status)
		swap_io_error("Read", swp_swap_info(sr->entry), sr->entry);
	else
		SetPageUptodate(page);
	kfree(sr);
	unlock_page(page);
	put_page(page);
}

int swap_readpage(struct page *page, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	struct swap_read *sr;
	int err;

	if (!si)
		return -EINVAL;
	sr = kmalloc(sizeof(*sr), GFP_KERNEL);
	if (!sr)
		return -ENOMEM;
	blk_rq_init(&sr->rq, REQ_OP_READ, swap_sector(entry), page_address(page), PAGE_SIZE);
	sr->rq.end_io = end_swap_read;
	sr->rq.private = sr;
	sr->page = page;
	sr->entry = entry;
	count_vm_event(PSWPIN);
	err = blk_submit(si->bdev, &sr->rq);
	if (err) {
		swap_io_error("Read", si, entry);
		kfree(sr);
	}
	return err;
}
