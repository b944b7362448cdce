/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Virtio over MMIO (platform/virtio_mmio.c) and split virtqueues, after the
 * virtio spec v1.2 and Linux's include/linux/virtio*.h. Sections are v1.2's;
 * v1.1 numbers chapters 3-5 the same, but its 2.4 and 2.6.x are v1.2's 2.5
 * and 2.7.x. Drivers (platform/virtio_blk.c) see a struct
 * virtio_device and its virtqueues; the transport hides whether the device
 * uses the legacy (version 1) or the modern (version 2) register layout.
 */
#ifndef LOAM_VIRTIO_H
#define LOAM_VIRTIO_H

#include <types.h>

/* 2.1 Device Status Field. */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE 1
#define VIRTIO_CONFIG_S_DRIVER 2
#define VIRTIO_CONFIG_S_DRIVER_OK 4
#define VIRTIO_CONFIG_S_FEATURES_OK 8
#define VIRTIO_CONFIG_S_FAILED 128

/* 6 Reserved Feature Bits: the device is modern (not legacy). */
#define VIRTIO_F_VERSION_1 32

/* 5 Device Types. */
#define VIRTIO_ID_BLOCK 2

/* 2.7.5 The Virtqueue Descriptor Table (v1.2; 2.6.5 in v1.1): flags. */
#define VRING_DESC_F_NEXT 1 /* the chain continues in next */
#define VRING_DESC_F_WRITE 2 /* device-writable (else device-readable) */
#define VRING_USED_F_NO_NOTIFY 1 /* the device needs no notification now (2.7.10) */

/*
 * Ring and header fields are little-endian for a modern device (2.7) and
 * guest-endian for a legacy one (2.7.3): both little-endian on RISC-V, so
 * they are plain integers here.
 */
struct vring_desc {
	u64 addr; /* guest physical */
	u32 len;
	u16 flags;
	u16 next;
};

/* 2.7.6 The Virtqueue Available Ring. */
struct vring_avail {
	u16 flags;
	u16 idx; /* where the driver puts the next entry, free-running */
	u16 ring[];
};

/* 2.7.8 The Virtqueue Used Ring. */
struct vring_used_elem {
	u32 id; /* head of the descriptor chain used */
	u32 len; /* bytes written into the chain */
};

struct vring_used {
	u16 flags;
	u16 idx;
	struct vring_used_elem ring[];
};

struct virtio_device;

struct virtqueue {
	struct virtio_device *vdev;
	unsigned int index;
	unsigned int num; /* entries: a power of 2 (2.7) */
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	unsigned int order; /* of the pages holding the three parts */
	u16 free_head; /* first of the free descriptors, chained by next */
	u16 num_free;
	u16 last_used_idx; /* the next used entry to look at */
	void **data; /* per head descriptor: the caller's token */
	/* Called from the interrupt handler when the device used buffers. */
	void (*callback)(struct virtqueue *vq);
};

struct virtio_device {
	unsigned int index; /* virtioN */
	char name[12]; /* "virtioN" */
	u32 id; /* device type (5 Device Types) */
	u32 version; /* 1 legacy, 2 modern (4.2.2 Version) */
	void *base; /* the MMIO registers */
	unsigned int irq; /* PLIC source */
	u64 features; /* negotiated */
	struct virtqueue *vq; /* the one queue Loam's drivers use */
	void *priv; /* the driver's */
};

/* One buffer of a chain: @len bytes at @buf (direct map), device-writable or not. */
struct virtio_buf {
	void *buf;
	u32 len;
	bool device_writes;
};

/* Find virtio,mmio devices in the DTB and probe the drivers for them (after plic_init()). */
void virtio_mmio_init(const void *fdt);

/*
 * Driver side of 3.1.1 Driver Requirements: Device Initialization, steps
 * 4-5: accept the features in @wanted the device offers (VIRTIO_F_VERSION_1
 * is added for a modern device); 0 or -ENODEV if the device refuses them.
 */
int virtio_finalize_features(struct virtio_device *vdev, u64 wanted);
static inline bool virtio_has_feature(const struct virtio_device *vdev, unsigned int bit)
{
	return vdev->features & (1ULL << bit);
}
/* The 32-bit field at @offset of the device configuration space (5.2.4's seg_max ...). */
u32 virtio_cread32(struct virtio_device *vdev, unsigned int offset);
/* 4.2.2: the 64-bit field at @offset of the device configuration space, read consistently. */
u64 virtio_cread64(struct virtio_device *vdev, unsigned int offset);
/* Set up queue @index with @callback; 0 or -errno. vdev->vq is set. */
int virtio_find_vq(struct virtio_device *vdev, unsigned int index,
		   void (*callback)(struct virtqueue *vq));
/* 3.1.1 step 8: the driver is ready; the device may interrupt from here on. */
void virtio_device_ready(struct virtio_device *vdev);
/* 3.1.1 failure: tell the device we gave up (FAILED). */
void virtio_device_failed(struct virtio_device *vdev);

/*
 * Put a chain of @n buffers on the available ring with @data as its token
 * (2.7.13 Supplying Buffers to The Device). -ENOSPC if fewer than @n
 * descriptors are free. Caller serialises calls on one queue.
 */
int virtqueue_add(struct virtqueue *vq, const struct virtio_buf *bufs, unsigned int n, void *data);
/* Notify the device of new available buffers (2.7.13.4, 4.2.3.3). */
void virtqueue_kick(struct virtqueue *vq);
/*
 * The kick in two halves, as Linux's: whether the device wants to hear
 * about new buffers (under the driver's lock), and the notification itself
 * (an MMIO write, a trap into the hypervisor: better outside the lock).
 */
bool virtqueue_kick_prepare(struct virtqueue *vq);
void virtqueue_notify(struct virtqueue *vq);
/* The token of the next used chain, its descriptors freed; NULL if none (2.7.14). */
void *virtqueue_get_buf(struct virtqueue *vq, u32 *len);

/* The drivers: probe a device of their type; 0 or -errno. */
int virtblk_probe(struct virtio_device *vdev);

#endif
