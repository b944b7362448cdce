/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Disks for the host tests (blk_fakes.c): a block device whose sectors are
 * a host file's bytes, for the real block layer (kernel/blk_core.c) and
 * swap (mm/swapon.c, mm/page_io.c) to use.
 */
#ifndef BLK_FAKES_H
#define BLK_FAKES_H

#include <blkdev.h>

/* The segments one request may have (virtio-blk's seg_max): merges stop there. */
#define HOST_DISK_MAX_SEGMENTS 16

struct host_disk {
	struct block_device bdev;
	int fd; /* the backing file, unlinked: gone when the program ends */
	unsigned long reads, writes; /* segments (pages) of the requests done (or failed) */
	/* The requests: fewer than their segments where the block layer merged them. */
	unsigned long read_requests, write_requests;
	/* Fail requests of this kind (-EIO) while set; the data stays as it was. */
	bool fail_reads, fail_writes;
	/* Called after each write reached the file, before it completes (another hart's turn). */
	void (*after_write)(struct host_disk *d, struct blk_request *rq);
};

/*
 * A disk called @name (vda, vdb, ...) backed by a new temporary file, a
 * copy of @fixture (NULL: @size bytes of zeros); added to the disks
 * blkdev_get_by_name() finds. A cmocka failure if the file cannot be made.
 */
struct host_disk *host_disk_create(const char *name, const char *fixture, unsigned long size);

/* Read @len bytes at byte @off of the backing file (the test's view of the disk). */
void host_disk_pread(struct host_disk *d, void *buf, size_t len, unsigned long off);

#endif
