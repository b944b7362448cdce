// SPDX-License-Identifier: GPL-2.0
/*
 * The virtio block driver (virtio spec v1.2, 5.2 Block Device), after
 * Linux's drivers/block/virtio_blk.c: one request queue, each request a
 * chain of descriptors (5.2.6: the header the device reads, one descriptor
 * per data segment, the status byte the device writes), as many in flight
 * as the queue holds; the rest wait on a list and go out as completions
 * free descriptors. The device says it is done with an interrupt; the
 * handler takes the used chains and completes their requests (no polling).
 *
 * Segments per request: the device's seg_max (5.2.4, VIRTIO_BLK_F_SEG_MAX;
 * 1 without it, as in Linux), and at most the ring's size less the header
 * and status, since the chain is made of the ring's own descriptors. Linux
 * puts a chain of more than one descriptor in an indirect table when the
 * device offers VIRTIO_RING_F_INDIRECT_DESC (2.7.5.3), so that a request
 * takes one ring slot; Loam does not negotiate it: its ring has 128
 * descriptors and swap's requests are at most 8 pages (readahead,
 * page-cluster 3) or a reclaim batch of 16, 10 to 18 descriptors, which
 * leaves room for several requests in flight without a table to allocate
 * (and free) per request.
 */
#define pr_fmt(fmt) "virtio_blk " fmt

#include <blkdev.h>
#include <kernel.h>
#include <list.h>
#include <mm.h>
#include <printk.h>
#include <slab.h>
#include <spinlock.h>
#include <uapi/errno.h>
#include <virtio.h>

/* 5.2.3 Feature bits. */
#define VIRTIO_BLK_F_SIZE_MAX 1 /* size_max: the largest segment */
#define VIRTIO_BLK_F_SEG_MAX 2 /* seg_max: the most segments in a request */
#define VIRTIO_BLK_F_RO 5 /* the device is read-only */

/* 5.2.4 Device configuration layout (struct virtio_blk_config): offsets. */
#define VIRTIO_BLK_CFG_CAPACITY 0 /* u64, 512-byte sectors */
#define VIRTIO_BLK_CFG_SIZE_MAX 8 /* u32, bytes */
#define VIRTIO_BLK_CFG_SEG_MAX 12 /* u32 */

/* 5.2.6 Device Operation: request types and status values. */
#define VIRTIO_BLK_T_IN 0
#define VIRTIO_BLK_T_OUT 1
#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_S_IOERR 1
#define VIRTIO_BLK_S_UNSUPP 2

/* The device-readable header of 5.2.6 (struct virtio_blk_req, up to data). */
struct virtio_blk_outhdr {
	u32 type;
	u32 ioprio; /* "reserved" in 5.2.6 */
	u64 sector;
};

/* What a request in flight needs the device to see: kept per head descriptor. */
struct virtblk_req {
	struct virtio_blk_outhdr out_hdr;
	u8 status;
	struct blk_request *rq;
};

struct virtio_blk {
	struct virtio_device *vdev;
	struct block_device disk;
	spinlock_t lock; /* the queue, reqs and pending */
	struct virtblk_req *reqs; /* one per descriptor (a head's slot) */
	struct virtio_buf *sg; /* a chain being put on the ring: max_segments + 2 */
	struct list_head pending; /* not on the ring yet: no descriptors free */
	bool unnotified; /* on the ring since the last notification (a batch in progress) */
};

/* Linux's PART_BITS: 16 minors a disk; the major as Linux 6.12 gets it on the virt machine. */
#define VIRTBLK_MAJOR 254

static unsigned int nr_disks;

/* The chain of @rq for the device: header, each segment of each merged request, status. */
static unsigned int virtblk_map_rq(struct virtio_blk *vblk, struct virtblk_req *vbr,
				   struct blk_request *rq)
{
	bool device_writes = rq->op == REQ_OP_READ;
	struct blk_request *bio;
	unsigned int n = 0, i;

	vblk->sg[n++] = (struct virtio_buf){ &vbr->out_hdr, sizeof(vbr->out_hdr), false };
	rq_for_each_bio(bio, rq) for (i = 0; i < bio->vcnt; i++)
	{
		struct bio_vec *bv = &bio->bvec[i];

		vblk->sg[n++] = (struct virtio_buf){ page_address(bv->bv_page) + bv->bv_offset,
						     bv->bv_len, device_writes };
	}
	vblk->sg[n++] = (struct virtio_buf){ &vbr->status, sizeof(vbr->status), true };
	return n;
}

/* Put waiting requests on the ring, in order, while descriptors last; true if any went. Under vblk->lock. */
static bool virtblk_dispatch(struct virtio_blk *vblk)
{
	struct virtqueue *vq = vblk->vdev->vq;
	bool added = false;

	while (!list_empty(&vblk->pending)) {
		struct blk_request *rq =
			list_first_entry(&vblk->pending, struct blk_request, queuelist);
		/* virtqueue_add() takes the free head: its slot carries header and status. */
		struct virtblk_req *vbr = &vblk->reqs[vq->free_head];

		if (vq->num_free < rq->nr_segments + 2)
			break;
		list_del(&rq->queuelist);
		vbr->out_hdr.type = rq->op == REQ_OP_WRITE ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN;
		vbr->out_hdr.ioprio = 0;
		vbr->out_hdr.sector = rq->sector;
		/* Anything but OK if the device never writes it. */
		vbr->status = VIRTIO_BLK_S_IOERR;
		vbr->rq = rq;
		virtqueue_add(vq, vblk->sg, virtblk_map_rq(vblk, vbr, rq), vbr);
		added = true;
	}
	return added;
}

/*
 * On the ring at once, but the device hears of it only with the last of a
 * batch (rq->more clear), as Linux's virtio_queue_rq() with bd->last: one
 * notification, one trap into the hypervisor, for a batch of swap writes.
 */
static void virtblk_submit_request(struct block_device *bdev, struct blk_request *rq)
{
	struct virtio_blk *vblk = bdev->private_data;
	unsigned long flags;
	bool notify;

	spin_lock_irqsave(&vblk->lock, flags);
	list_add_tail(&rq->queuelist, &vblk->pending);
	vblk->unnotified |= virtblk_dispatch(vblk);
	notify = !rq->more && vblk->unnotified && virtqueue_kick_prepare(vblk->vdev->vq);
	if (!rq->more)
		vblk->unnotified = false;
	spin_unlock_irqrestore(&vblk->lock, flags);
	if (notify)
		virtqueue_notify(vblk->vdev->vq);
}

static const struct block_device_operations virtblk_fops = {
	.submit_request = virtblk_submit_request,
};

static int virtblk_result(u8 status)
{
	switch (status) {
	case VIRTIO_BLK_S_OK:
		return 0;
	case VIRTIO_BLK_S_UNSUPP:
		return -EOPNOTSUPP;
	default:
		return -EIO;
	}
}

/* The used-buffer interrupt: complete what the device has done, send what waits. */
static void virtblk_done(struct virtqueue *vq)
{
	struct virtio_blk *vblk = vq->vdev->priv;
	struct virtblk_req *vbr;
	unsigned long flags;
	LIST_HEAD(done);
	bool notify;
	u32 len;

	spin_lock_irqsave(&vblk->lock, flags);
	while ((vbr = virtqueue_get_buf(vq, &len))) {
		vbr->rq->status = virtblk_result(READ_ONCE(vbr->status));
		list_add_tail(&vbr->rq->queuelist, &done);
	}
	notify = virtblk_dispatch(vblk) && virtqueue_kick_prepare(vq);
	spin_unlock_irqrestore(&vblk->lock, flags);
	if (notify)
		virtqueue_notify(vq);

	/* Outside the lock: a callback may submit the next request. */
	while (!list_empty(&done)) {
		struct blk_request *rq = list_first_entry(&done, struct blk_request, queuelist);

		list_del(&rq->queuelist);
		blk_mq_end_request(rq, rq->status);
	}
}

/* Linux's string_get_size(): three significant digits, decimal or binary units. */
static void string_get_size(u64 bytes, unsigned int base, char *buf, size_t len)
{
	static const char *const units_10[] = { "B", "kB", "MB", "GB", "TB", "PB" };
	static const char *const units_2[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
	unsigned int i = 0, digits, div = 1, d;
	u64 rem = 0, v;

	while (bytes >= base && i < ARRAY_SIZE(units_10) - 1) {
		rem = bytes % base;
		bytes /= base;
		i++;
	}
	digits = bytes >= 100 ? 0 : bytes >= 10 ? 1 : 2;
	for (d = 0; d < digits; d++)
		div *= 10;
	/* The value times div, rounded. */
	v = bytes * div + (rem * div * 2 + base) / (2 * base);
	if (digits)
		snprintf(buf, len, "%llu.%0*llu %s", (unsigned long long)(v / div), digits,
			 (unsigned long long)(v % div), (base == 1000 ? units_10 : units_2)[i]);
	else
		snprintf(buf, len, "%llu %s", (unsigned long long)v,
			 (base == 1000 ? units_10 : units_2)[i]);
}

/*
 * The queue limits (Linux's virtblk_probe()): seg_max segments of at most
 * size_max bytes, both optional (5.2.4), the chain within the ring. Like
 * Linux's block layer, a size_max below a page is refused: a page is the
 * smallest segment the block layer hands out. 0 or -EINVAL.
 */
static int virtblk_set_limits(struct virtio_blk *vblk)
{
	struct virtio_device *vdev = vblk->vdev;
	u32 seg_max = 1, size_max = ~0U; /* no limit but a descriptor's u32 */

	if (virtio_has_feature(vdev, VIRTIO_BLK_F_SEG_MAX))
		seg_max = virtio_cread32(vdev, VIRTIO_BLK_CFG_SEG_MAX) ?: 1;
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_SIZE_MAX))
		size_max = virtio_cread32(vdev, VIRTIO_BLK_CFG_SIZE_MAX);
	if (size_max < PAGE_SIZE) {
		pr_err("%s: size_max %u is below a page\n", vdev->name, size_max);
		return -EINVAL;
	}
	vblk->disk.max_segments = min(seg_max, vdev->vq->num - 2);
	vblk->disk.max_segment_size = size_max;
	return 0;
}

int virtblk_probe(struct virtio_device *vdev)
{
	struct virtio_blk *vblk;
	char size_10[16], size_2[16];
	u64 bytes;
	int err;

	err = virtio_finalize_features(vdev, 1ULL << VIRTIO_BLK_F_RO |
						     1ULL << VIRTIO_BLK_F_SEG_MAX |
						     1ULL << VIRTIO_BLK_F_SIZE_MAX);
	if (err)
		return err;
	vblk = kzalloc(sizeof(*vblk), GFP_KERNEL);
	if (!vblk)
		return -ENOMEM;
	vblk->vdev = vdev;
	vdev->priv = vblk;
	spin_lock_init(&vblk->lock);
	INIT_LIST_HEAD(&vblk->pending);
	err = virtio_find_vq(vdev, 0, virtblk_done);
	if (err)
		return err;
	err = virtblk_set_limits(vblk);
	if (err)
		return err;
	vblk->reqs = kzalloc(vdev->vq->num * sizeof(*vblk->reqs), GFP_KERNEL);
	vblk->sg = kmalloc((vblk->disk.max_segments + 2) * sizeof(*vblk->sg), GFP_KERNEL);
	if (!vblk->reqs || !vblk->sg)
		return -ENOMEM;

	snprintf(vblk->disk.name, sizeof(vblk->disk.name), "vd%c", 'a' + nr_disks++);
	vblk->disk.nr_sectors = virtio_cread64(vdev, VIRTIO_BLK_CFG_CAPACITY);
	/* Linux's major for virtio-blk is dynamic, 254 on the virt machine; 16 minors a disk. */
	vblk->disk.major = VIRTBLK_MAJOR;
	vblk->disk.first_minor = (nr_disks - 1) * 16;
	vblk->disk.read_only = virtio_has_feature(vdev, VIRTIO_BLK_F_RO);
	vblk->disk.fops = &virtblk_fops;
	vblk->disk.private_data = vblk;
	virtio_device_ready(vdev);

	bytes = vblk->disk.nr_sectors << SECTOR_SHIFT;
	string_get_size(bytes, 1000, size_10, sizeof(size_10));
	string_get_size(bytes, 1024, size_2, sizeof(size_2));
	/* Linux's line (virtblk_update_capacity()); the second is Loam's. */
	pr_info("%s: [%s] %llu 512-byte logical blocks (%s/%s)\n", vdev->name, vblk->disk.name,
		(unsigned long long)vblk->disk.nr_sectors, size_10, size_2);
	if (vblk->disk.read_only)
		pr_info("%s: [%s] write protected (VIRTIO_BLK_F_RO)\n", vdev->name,
			vblk->disk.name);
	add_disk(&vblk->disk);
	return 0;
}
