// SPDX-License-Identifier: GPL-2.0
/*
 * Swap I/O, after Linux's mm/page_io.c: a page goes to (or comes from) slot
 * N of its area's block device, which is bytes N * PAGE_SIZE onwards (slot
 * 0 is the header). Writes are started in batches by reclaim and waited for
 * together, so that the device has several requests in flight; reads are
 * synchronous, for the fault that waits on them anyway. Both go through the
 * block layer's batches (kernel/blk_core.c).
 *
 * The messages are Linux's ("Write-error on swap-device (major:minor:
 * sector)"), with virtio-blk's major, 254, and minors 0, 16, 32 ... for vda,
 * vdb, vdc as on Linux.
 */
#include <blkdev.h>
#include <mm.h>
#include <printk.h>
#include <sched.h>
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

int swap_writepage(struct page *page, struct blk_batch *batch, struct blk_request *rq, bool more)
{
	swp_entry_t entry = { page->private };
	struct swap_info_struct *si = swp_swap_info(entry);
	int err;

	blk_rq_init(rq, REQ_OP_WRITE, swap_sector(entry), page_address(page), PAGE_SIZE);
	rq->more = more;
	if (!si) {
		rq->status = -EINVAL;
		return -EINVAL;
	}
	err = blk_batch_submit(si->bdev, batch, rq);
	if (!err)
		count_vm_event(PSWPOUT);
	return err;
}

int swap_write_result(struct page *page, struct blk_request *rq)
{
	swp_entry_t entry = { page->private };

	if (!rq->status)
		return 0;
	swap_io_error("Write", swp_swap_info(entry), entry);
	return rq->status;
}

int swap_readpage(struct page *page, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	int err;

	if (!si)
		return -EINVAL;
	count_vm_event(PSWPIN);
	err = blk_rw_sync(si->bdev, REQ_OP_READ, swap_sector(entry), page_address(page), PAGE_SIZE);
	if (err)
		swap_io_error("Read", si, entry);
	return err;
}
