// SPDX-License-Identifier: GPL-2.0
/*
 * A disk driver for the host tests: see blk_fakes.h. Faked because the host
 * has no virtio-blk: a request is done at once with pread()/pwrite() on the
 * backing file, segment by segment, and completed (blk_mq_end_request())
 * before submit_request() returns, as if the device's interrupt came at
 * once. Errors are injected per kind of request.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mm.h>
#include <uapi/errno.h>

#include "blk_fakes.h"

/* One segment of a request at byte @off of the backing file; false on a short transfer. */
static bool host_disk_rw(struct host_disk *d, bool write, struct bio_vec *bv, off_t off)
{
	char *buf = (char *)page_address(bv->bv_page) + bv->bv_offset;

	return (write ? pwrite(d->fd, buf, bv->bv_len, off) : pread(d->fd, buf, bv->bv_len, off)) ==
	       (ssize_t)bv->bv_len;
}

static void host_disk_submit(struct block_device *bdev, struct blk_request *rq)
{
	struct host_disk *d = bdev->private_data;
	off_t off = (off_t)rq->sector << SECTOR_SHIFT;
	bool write = rq->op == REQ_OP_WRITE;
	struct blk_request *bio;
	int status = 0;
	unsigned int i;

	if (write) {
		d->write_requests++;
		d->writes += rq->nr_segments;
	} else {
		d->read_requests++;
		d->reads += rq->nr_segments;
	}
	if (write ? d->fail_writes : d->fail_reads) {
		status = -EIO;
	} else {
		rq_for_each_bio(
			bio, rq) for (i = 0; i < bio->vcnt;
				      off += bio->bvec[i++].bv_len) if (!host_disk_rw(d, write,
										      &bio->bvec[i],
										      off))
			status = -EIO;
		if (write && d->after_write)
			d->after_write(d, rq);
	}
	blk_mq_end_request(rq, status);
}

static const struct block_device_operations host_disk_ops = { .submit_request = host_disk_submit };

/* Copy @src into @fd, leaving holes where @src has runs of zeros; returns its size. */
static unsigned long copy_sparse(int fd, const char *src)
{
	static char buf[65536];
	static const char zeros[sizeof(buf)];
	unsigned long off = 0;
	ssize_t n;
	int in = open(src, O_RDONLY);

	if (in < 0)
		fail_msg("%s: %s (make host-tests makes it)", src, strerror(errno));
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		if (memcmp(buf, zeros, n) && pwrite(fd, buf, n, off) != n)
			fail_msg("copy of %s: %s", src, strerror(errno));
		off += n;
	}
	close(in);
	return off;
}

struct host_disk *host_disk_create(const char *name, const char *fixture, unsigned long size)
{
	struct host_disk *d = calloc(1, sizeof(*d));
	char path[] = "/tmp/loam-host-disk-XXXXXX";

	assert_non_null(d);
	d->fd = mkstemp(path);
	if (d->fd < 0)
		fail_msg("mkstemp: %s", strerror(errno));
	unlink(path);
	if (fixture)
		size = copy_sparse(d->fd, fixture);
	if (ftruncate(d->fd, size))
		fail_msg("ftruncate: %s", strerror(errno));
	strlcpy(d->bdev.name, name, sizeof(d->bdev.name));
	d->bdev.nr_sectors = size >> SECTOR_SHIFT;
	d->bdev.fops = &host_disk_ops;
	d->bdev.max_segments = HOST_DISK_MAX_SEGMENTS;
	d->bdev.private_data = d;
	add_disk(&d->bdev);
	return d;
}

void host_disk_pread(struct host_disk *d, void *buf, size_t len, unsigned long off)
{
	assert_int_equal(pread(d->fd, buf, len, off), len);
}
