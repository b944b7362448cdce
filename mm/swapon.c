// SPDX-License-Identifier: GPL-2.0
/*
 * Turning swap on at boot. Linux leaves this to user space (swapon(8) and
 * sys_swapon()); Loam has no file system and no swapon(2) yet, so the kernel
 * does it itself once the disks are found: the disk named by swap= (e.g.
 * swap=vda), else every disk whose first page carries a valid swap header,
 * as util-linux's mkswap writes it. A disk without one is left alone with a
 * message, so no data disk is ever written by mistake.
 */
#include <blkdev.h>
#include <mm.h>
#include <params.h>
#include <printk.h>
#include <slab.h>
#include <string.h>
#include <swap.h>
#include <uapi/errno.h>

static char swap_dev[8];

static int __init_swap(char *arg)
{
	if (arg)
		strlcpy(swap_dev, arg, sizeof(swap_dev));
	return 0;
}
early_param("swap", __init_swap);

/* Use @bdev for swap if its header says so; @named: asked for on the command line. */
static int try_swapon(struct block_device *bdev, bool named)
{
	unsigned long dev_pages = bdev->nr_sectors / (PAGE_SIZE / SECTOR_SIZE);
	struct swap_info_struct *si = NULL;
	unsigned char *swap_map = NULL;
	void *page;
	int err = -ENOMEM;

	if (bdev->read_only) {
		pr_info("swap: %s is read-only: not used for swap\n", bdev->name);
		return -EROFS;
	}
	page = (void *)__get_free_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	err = blk_rw_sync(bdev, REQ_OP_READ, 0, page, PAGE_SIZE);
	if (err) {
		pr_err("swap: %s: cannot read the swap header (error %d)\n", bdev->name, err);
		goto out;
	}
	/* Quietly check the signature first: an unnamed data disk is no error. */
	if (memcmp((char *)page + PAGE_SIZE - 10, "SWAPSPACE2", 10) && !named) {
		pr_info("swap: %s has no swap signature: left alone\n", bdev->name);
		err = -EINVAL;
		goto out;
	}
	err = -ENOMEM;
	si = kzalloc(sizeof(*si), GFP_KERNEL);
	if (!si)
		goto out;
	err = read_swap_header(page, dev_pages, si);
	if (err)
		goto out;
	swap_map = kzalloc(si->max, GFP_KERNEL);
	err = swap_map ? setup_swap_map(si, page, swap_map) : -ENOMEM;
	if (!err)
		err = swap_cache_init(si);
	/* Everything set before reclaim can see the area. */
	si->bdev = bdev;
	if (!err)
		err = enable_swap_info(si);
	if (err) {
		swap_cache_free(si);
		goto out;
	}
	/*
	 * Linux's line; Loam's areas are whole disks: one extent, no priority of
	 * their own, and the span is the usable pages, as setup_swap_extents()
	 * says for a block device.
	 */
	pr_info("Adding %luk swap on %s.  Priority:%d extents:1 across:%luk\n",
		(unsigned long)si->pages << (PAGE_SHIFT - 10), bdev->name, -2 - si->type,
		(unsigned long)si->pages << (PAGE_SHIFT - 10));
	free_page((unsigned long)page);
	return 0;
out:
	kfree(swap_map);
	kfree(si);
	free_page((unsigned long)page);
	return err;
}

void swap_setup(void)
{
	char name[8] = "vda";
	struct block_device *bdev;

	if (swap_dev[0]) {
		bdev = blkdev_get_by_name(swap_dev);
		if (!bdev)
			pr_err("swap: no disk %s\n", swap_dev);
		else
			try_swapon(bdev, true);
		return;
	}
	for (; name[2] <= 'z'; name[2]++) {
		bdev = blkdev_get_by_name(name);
		if (!bdev)
			break;
		try_swapon(bdev, false);
	}
}
