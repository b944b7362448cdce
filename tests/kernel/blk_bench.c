// SPDX-License-Identifier: GPL-2.0
/*
 * make bench: how fast can the kernel write a disk, 4 KiB at a time, the way
 * reclaim writes swap (batches of 32 requests in flight, the device told
 * once per batch)? The limit swap-out can approach. Only with
 * "bench_disk=vdX" on the command line: the disk's contents are lost.
 *
 * The figure is pages per second of sched_clock(). Run without -icount,
 * sched_clock() follows the host's clock, so the rate is the host's; under
 * -icount it is meaningless (idle time is skipped). No instruction count:
 * the bench runs at boot, on the idle context, which waits by spinning.
 */
#include <bench.h>
#include <blkdev.h>
#include <gfp.h>
#include <mm.h>
#include <params.h>
#include <printk.h>
#include <sched.h>
#include <sched_clock.h>
#include <string.h>

#define BATCH 32
#define NR_PAGES 8192 /* 32 MiB */

static char bench_disk[8];

static int __init_bench_disk(char *arg)
{
	strlcpy(bench_disk, arg ? arg : "", sizeof(bench_disk));
	return 0;
}
early_param("bench_disk", __init_bench_disk);

/*
 * Not on the stack: 32 requests would take the frame past what one addi
 * allocates (the Makefile's -Werror=frame-larger-than says why that
 * matters). The bench runs once, from one task, at boot.
 */
static struct blk_request rqs[BATCH];

static void blk_bench(void)
{
	struct block_device *bdev = bench_disk[0] ? blkdev_get_by_name(bench_disk) : NULL;
	unsigned long done, i;
	struct page *pages;
	struct blk_batch b;
	int errors = 0;
	u64 t0, ns;

	if (!bdev || bdev->nr_sectors < (u64)NR_PAGES << (PAGE_SHIFT - SECTOR_SHIFT)) {
		if (bench_disk[0])
			pr_err("bench: blk: no writable disk %s of %u pages\n", bench_disk,
			       NR_PAGES);
		return;
	}
	/* 32 distinct pages, so the device copies as much as for swap. */
	pages = alloc_pages(GFP_KERNEL, 5);
	if (!pages)
		return;
	memset(page_address(pages), 0x5a, BATCH * PAGE_SIZE);
	blk_batch_init(&b);
	t0 = sched_clock();
	for (done = 0; done < NR_PAGES; done += BATCH) {
		for (i = 0; i < BATCH; i++) {
			blk_rq_init(&rqs[i], REQ_OP_WRITE, (done + i) << (PAGE_SHIFT - SECTOR_SHIFT),
				    page_address(pages) + i * PAGE_SIZE, PAGE_SIZE);
			rqs[i].more = i + 1 < BATCH;
			blk_batch_submit(bdev, &b, &rqs[i]);
		}
		blk_batch_wait(&b);
		for (i = 0; i < BATCH; i++)
			errors += rqs[i].status != 0;
	}
	ns = sched_clock() - t0;
	__free_pages(pages, 5);
	pr_info("bench: blk seq_write_4k_rate %lu pages/s (%d errors)\n",
		(unsigned long)(NR_PAGES * 1000000000ULL / (ns ? ns : 1)), errors);
}
DEFINE_BENCH(blk, blk_bench);
