// SPDX-License-Identifier: GPL-2.0
/*
 * The virtio-mmio transport (virtio spec v1.2, 4.2 Virtio Over MMIO) and the
 * split virtqueue (2.7), after Linux's drivers/virtio/virtio_mmio.c and
 * virtio_ring.c. Devices come from the DTB (bindings/virtio/mmio.yaml:
 * compatible "virtio,mmio", "reg", "interrupts" on the PLIC). Both register
 * layouts are driven, chosen by the Version register: 1 is the legacy
 * interface (4.2.4: the queue is given as one page frame number), 2 the
 * modern one (4.2.2: the three parts of the queue are given apart).
 */
#define pr_fmt(fmt) "virtio-mmio: " fmt

#include <asm/io.h>
#include <asm/page.h>
#include <gfp.h>
#include <kernel.h>
#include <libfdt.h>
#include <of_fdt.h>
#include <plic.h>
#include <printk.h>
#include <slab.h>
#include <string.h>
#include <uapi/errno.h>
#include <virtio.h>
#include <vmalloc.h>

/* 4.2.2 MMIO Device Register Layout (legacy names of 4.2.4 where they differ). */
#define VIRTIO_MMIO_MAGIC_VALUE 0x000 /* "virt" */
#define VIRTIO_MMIO_VERSION 0x004
#define VIRTIO_MMIO_DEVICE_ID 0x008
#define VIRTIO_MMIO_DEVICE_FEATURES 0x010 /* legacy HostFeatures */
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL 0x014
#define VIRTIO_MMIO_DRIVER_FEATURES 0x020 /* legacy GuestFeatures */
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL 0x024
#define VIRTIO_MMIO_GUEST_PAGE_SIZE 0x028 /* legacy only */
#define VIRTIO_MMIO_QUEUE_SEL 0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX 0x034
#define VIRTIO_MMIO_QUEUE_NUM 0x038
#define VIRTIO_MMIO_QUEUE_ALIGN 0x03c /* legacy only */
#define VIRTIO_MMIO_QUEUE_PFN 0x040 /* legacy only */
#define VIRTIO_MMIO_QUEUE_READY 0x044 /* modern only */
#define VIRTIO_MMIO_QUEUE_NOTIFY 0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS 0x060
#define VIRTIO_MMIO_INTERRUPT_ACK 0x064
#define VIRTIO_MMIO_STATUS 0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW 0x080 /* modern only, to QUEUE_USED_HIGH */
#define VIRTIO_MMIO_QUEUE_DESC_HIGH 0x084
#define VIRTIO_MMIO_QUEUE_AVAIL_LOW 0x090 /* QueueDriver */
#define VIRTIO_MMIO_QUEUE_AVAIL_HIGH 0x094
#define VIRTIO_MMIO_QUEUE_USED_LOW 0x0a0 /* QueueDevice */
#define VIRTIO_MMIO_QUEUE_USED_HIGH 0x0a4
#define VIRTIO_MMIO_CONFIG_GENERATION 0x0fc /* modern only */
#define VIRTIO_MMIO_CONFIG 0x100

#define VIRTIO_MMIO_MAGIC 0x74726976 /* little-endian "virt" */
/* 4.2.2 InterruptStatus bit 0: the device used a buffer (Used Buffer Notification). */
#define VIRTIO_MMIO_INT_VRING 1

/* The largest queue Loam asks for (virtio_blk.c: a request takes 3 descriptors or more). */
#define VIRTQUEUE_MAX_NUM 128
/* 2.7.2 Legacy Interfaces: the used ring starts on this boundary (QueueAlign). */
#define VIRTIO_MMIO_VRING_ALIGN PAGE_SIZE

static unsigned int nr_virtio_devices;

static u32 vm_read(struct virtio_device *vdev, unsigned int reg)
{
	return readl(vdev->base + reg);
}

static void vm_write(struct virtio_device *vdev, unsigned int reg, u32 v)
{
	writel(v, vdev->base + reg);
}

static void vm_add_status(struct virtio_device *vdev, u32 status)
{
	vm_write(vdev, VIRTIO_MMIO_STATUS, vm_read(vdev, VIRTIO_MMIO_STATUS) | status);
}

void virtio_device_failed(struct virtio_device *vdev)
{
	vm_add_status(vdev, VIRTIO_CONFIG_S_FAILED);
}

void virtio_device_ready(struct virtio_device *vdev)
{
	vm_add_status(vdev, VIRTIO_CONFIG_S_DRIVER_OK);
}

int virtio_finalize_features(struct virtio_device *vdev, u64 wanted)
{
	u64 offered;

	/* 4.2.2 DeviceFeaturesSel/DriverFeaturesSel: 32 bits at a time. */
	vm_write(vdev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	offered = (u64)vm_read(vdev, VIRTIO_MMIO_DEVICE_FEATURES) << 32;
	vm_write(vdev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	offered |= vm_read(vdev, VIRTIO_MMIO_DEVICE_FEATURES);

	if (vdev->version == 2) {
		/* 6.1: a modern device offers VERSION_1, and a driver for it must accept it. */
		if (!(offered & (1ULL << VIRTIO_F_VERSION_1))) {
			pr_err("%s: modern device without VIRTIO_F_VERSION_1\n", vdev->name);
			return -ENODEV;
		}
		wanted |= 1ULL << VIRTIO_F_VERSION_1;
	} else {
		/* A legacy device knows only the first 32 bits (4.2.4). */
		wanted &= 0xffffffffULL;
	}
	vdev->features = offered & wanted;
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES, vdev->features >> 32);
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES, (u32)vdev->features);

	/* 3.1.1 steps 5-6; a legacy device has no FEATURES_OK (3.1.2). */
	if (vdev->version == 2) {
		vm_add_status(vdev, VIRTIO_CONFIG_S_FEATURES_OK);
		if (!(vm_read(vdev, VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_FEATURES_OK)) {
			pr_err("%s: device refused our features\n", vdev->name);
			return -ENODEV;
		}
	}
	return 0;
}

u64 virtio_cread64(struct virtio_device *vdev, unsigned int offset)
{
	void *cfg = vdev->base + VIRTIO_MMIO_CONFIG + offset;
	u32 gen;
	u64 v;

	/*
	 * 4.2.2: 64-bit fields are read as two aligned 32-bit halves; 2.5.1: a
	 * modern device changes ConfigGeneration when the configuration may
	 * have changed in between, so read again until it holds still.
	 */
	do {
		gen = vdev->version == 2 ? vm_read(vdev, VIRTIO_MMIO_CONFIG_GENERATION) : 0;
		v = readl(cfg) | (u64)readl(cfg + 4) << 32;
	} while (vdev->version == 2 && gen != vm_read(vdev, VIRTIO_MMIO_CONFIG_GENERATION));
	return v;
}

u32 virtio_cread32(struct virtio_device *vdev, unsigned int offset)
{
	/* 4.2.2: an aligned 32-bit read is one access, consistent by itself. */
	return readl(vdev->base + VIRTIO_MMIO_CONFIG + offset);
}

/* 2.7.2: the descriptor table and available ring, then the used ring, aligned. */
static size_t vring_used_offset(unsigned int num)
{
	return ALIGN(sizeof(struct vring_desc) * num + sizeof(struct vring_avail) +
			     sizeof(u16) * (num + 1),
		     VIRTIO_MMIO_VRING_ALIGN);
}

static size_t vring_size(unsigned int num)
{
	return vring_used_offset(num) + sizeof(struct vring_used) +
	       sizeof(struct vring_used_elem) * num + sizeof(u16);
}

int virtio_find_vq(struct virtio_device *vdev, unsigned int index,
		   void (*callback)(struct virtqueue *vq))
{
	struct virtqueue *vq;
	unsigned int num, order = 0, i;
	unsigned long pages;
	phys_addr_t pa;

	/* 4.2.3.2 Virtqueue Configuration. */
	vm_write(vdev, VIRTIO_MMIO_QUEUE_SEL, index);
	if (vdev->version == 2 ? vm_read(vdev, VIRTIO_MMIO_QUEUE_READY) :
				 vm_read(vdev, VIRTIO_MMIO_QUEUE_PFN))
		return -EBUSY;
	num = vm_read(vdev, VIRTIO_MMIO_QUEUE_NUM_MAX);
	if (!num)
		return -ENOENT;
	/* 2.7: a split queue's size is a power of 2. */
	num = 1U << __fls(min(num, VIRTQUEUE_MAX_NUM));

	vq = kzalloc(sizeof(*vq), GFP_KERNEL);
	if (!vq)
		return -ENOMEM;
	vq->data = kzalloc(num * sizeof(*vq->data), GFP_KERNEL);
	while ((PAGE_SIZE << order) < vring_size(num))
		order++;
	pages = vq->data ? __get_free_pages(GFP_KERNEL, order) : 0;
	if (!pages) {
		kfree(vq->data);
		kfree(vq);
		return -ENOMEM;
	}
	memset((void *)pages, 0, PAGE_SIZE << order);
	vq->vdev = vdev;
	vq->index = index;
	vq->num = num;
	vq->order = order;
	vq->desc = (struct vring_desc *)pages;
	vq->avail = (struct vring_avail *)(vq->desc + num);
	vq->used = (struct vring_used *)(pages + vring_used_offset(num));
	vq->callback = callback;
	/* All descriptors free, chained in order. */
	for (i = 0; i + 1 < num; i++)
		vq->desc[i].next = i + 1;
	vq->num_free = num;

	pa = __pa(pages);
	vm_write(vdev, VIRTIO_MMIO_QUEUE_NUM, num);
	if (vdev->version == 1) {
		/* 4.2.4: legacy, one page frame number for the whole queue. */
		vm_write(vdev, VIRTIO_MMIO_QUEUE_ALIGN, VIRTIO_MMIO_VRING_ALIGN);
		vm_write(vdev, VIRTIO_MMIO_QUEUE_PFN, pa >> PAGE_SHIFT);
	} else {
		vm_write(vdev, VIRTIO_MMIO_QUEUE_DESC_LOW, (u32)pa);
		vm_write(vdev, VIRTIO_MMIO_QUEUE_DESC_HIGH, pa >> 32);
		pa = __pa(vq->avail);
		vm_write(vdev, VIRTIO_MMIO_QUEUE_AVAIL_LOW, (u32)pa);
		vm_write(vdev, VIRTIO_MMIO_QUEUE_AVAIL_HIGH, pa >> 32);
		pa = __pa(vq->used);
		vm_write(vdev, VIRTIO_MMIO_QUEUE_USED_LOW, (u32)pa);
		vm_write(vdev, VIRTIO_MMIO_QUEUE_USED_HIGH, pa >> 32);
		vm_write(vdev, VIRTIO_MMIO_QUEUE_READY, 1);
	}
	vdev->vq = vq;
	return 0;
}

int virtqueue_add(struct virtqueue *vq, const struct virtio_buf *bufs, unsigned int n, void *data)
{
	u16 head = vq->free_head, i = head, last = head;
	unsigned int k;

	if (!n || n > vq->num_free)
		return -ENOSPC;
	/* 2.7.13.1: fill the descriptors, chained by NEXT (2.7.5). */
	for (k = 0; k < n; k++) {
		struct vring_desc *d = &vq->desc[i];

		d->addr = __pa(bufs[k].buf);
		d->len = bufs[k].len;
		d->flags = (bufs[k].device_writes ? VRING_DESC_F_WRITE : 0) |
			   (k + 1 < n ? VRING_DESC_F_NEXT : 0);
		last = i;
		i = d->next;
	}
	vq->free_head = vq->desc[last].next;
	vq->num_free -= n;
	vq->data[head] = data;

	/* 2.7.13.2-3: the head in the next ring slot, then (after a barrier) the index. */
	vq->avail->ring[vq->avail->idx & (vq->num - 1)] = head;
	wmb();
	WRITE_ONCE(vq->avail->idx, vq->avail->idx + 1);
	return 0;
}

bool virtqueue_kick_prepare(struct virtqueue *vq)
{
	/*
	 * 2.7.10: the device sets VRING_USED_F_NO_NOTIFY while it is working
	 * through the ring anyway (QEMU does, for the length of a notification);
	 * the new index must be visible before we look (a full fence). Loam does
	 * not negotiate VIRTIO_F_EVENT_IDX.
	 */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return !(READ_ONCE(vq->used->flags) & VRING_USED_F_NO_NOTIFY);
}

void virtqueue_notify(struct virtqueue *vq)
{
	/* 2.7.13.4: writel()'s fence w,o orders the index before the notification. */
	vm_write(vq->vdev, VIRTIO_MMIO_QUEUE_NOTIFY, vq->index);
}

void virtqueue_kick(struct virtqueue *vq)
{
	if (virtqueue_kick_prepare(vq))
		virtqueue_notify(vq);
}

void *virtqueue_get_buf(struct virtqueue *vq, u32 *len)
{
	struct vring_used_elem *e;
	void *data;
	u16 i;

	if (vq->last_used_idx == READ_ONCE(vq->used->idx))
		return NULL;
	/* 2.7.14: read the entry only after seeing the index that covers it. */
	rmb();
	e = &vq->used->ring[vq->last_used_idx & (vq->num - 1)];
	vq->last_used_idx++;
	*len = e->len;
	i = e->id;
	data = vq->data[i];
	vq->data[i] = NULL;
	/* Give the chain back to the free list. */
	for (;;) {
		vq->num_free++;
		if (!(vq->desc[i].flags & VRING_DESC_F_NEXT))
			break;
		i = vq->desc[i].next;
	}
	vq->desc[i].next = vq->free_head;
	vq->free_head = e->id;
	return data;
}

/* 4.2.3.4 Notifications From The Device: acknowledge, then look at the queue. */
static void vm_interrupt(unsigned int irq, void *arg)
{
	struct virtio_device *vdev = arg;
	u32 status = vm_read(vdev, VIRTIO_MMIO_INTERRUPT_STATUS);

	vm_write(vdev, VIRTIO_MMIO_INTERRUPT_ACK, status);
	if ((status & VIRTIO_MMIO_INT_VRING) && vdev->vq && vdev->vq->callback)
		vdev->vq->callback(vdev->vq);
}

/* 4.2.3.1 Device Initialization, then 3.1.1 steps 1-3; the driver does the rest. */
static void virtio_mmio_probe(const void *fdt, int node)
{
	const char *uname = fdt_get_name(fdt, node, NULL);
	const fdt32_t *irq_prop, *parent;
	struct virtio_device *vdev;
	phys_addr_t base, size;
	void *regs;
	u32 magic, version, id;
	int err;

	irq_prop = fdt_getprop(fdt, node, "interrupts", NULL);
	parent = fdt_getprop(fdt, node, "interrupt-parent", NULL);
	if (!parent)
		parent = fdt_getprop(fdt, fdt_parent_offset(fdt, node), "interrupt-parent", NULL);
	if (fdt_get_reg(fdt, node, 0, &base, &size) || !irq_prop) {
		pr_err("%s: malformed reg or interrupts\n", uname);
		return;
	}
	if (!parent || fdt32_to_cpu(*parent) != plic_phandle()) {
		pr_err("%s: interrupt parent is not the PLIC\n", uname);
		return;
	}
	regs = ioremap(base, size);
	if (!regs) {
		pr_err("%s: cannot map registers\n", uname);
		return;
	}
	magic = readl(regs + VIRTIO_MMIO_MAGIC_VALUE);
	version = readl(regs + VIRTIO_MMIO_VERSION);
	id = readl(regs + VIRTIO_MMIO_DEVICE_ID);
	if (magic != VIRTIO_MMIO_MAGIC) {
		pr_err("%s: wrong magic value 0x%08x\n", uname, magic);
		return;
	}
	if (version < 1 || version > 2) {
		pr_err("%s: version %u not supported\n", uname, version);
		return;
	}
	/* 4.2.3.1.1: device ID 0 is a placeholder without a device; QEMU has many. */
	if (!id)
		return;

	vdev = kzalloc(sizeof(*vdev), GFP_KERNEL);
	if (!vdev)
		return;
	vdev->index = nr_virtio_devices++;
	snprintf(vdev->name, sizeof(vdev->name), "virtio%u", vdev->index);
	vdev->base = regs;
	vdev->id = id;
	vdev->version = version;
	vdev->irq = fdt32_to_cpu(*irq_prop);

	/* 3.1.1 steps 1-3: reset, ACKNOWLEDGE, DRIVER. */
	vm_write(vdev, VIRTIO_MMIO_STATUS, 0);
	vm_add_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	if (version == 1)
		/* 4.2.4: legacy queue addresses are in units of this. */
		vm_write(vdev, VIRTIO_MMIO_GUEST_PAGE_SIZE, PAGE_SIZE);
	if (id != VIRTIO_ID_BLOCK) {
		pr_info("%s: device type %u, no driver\n", vdev->name, id);
		return;
	}
	vm_add_status(vdev, VIRTIO_CONFIG_S_DRIVER);
	err = request_irq(vdev->irq, vm_interrupt, vdev);
	if (!err)
		err = virtblk_probe(vdev);
	if (err) {
		pr_err("%s: probe failed: %d\n", vdev->name, err);
		virtio_device_failed(vdev);
	}
}

void virtio_mmio_init(const void *fdt)
{
	int node;

	if (!plic_phandle())
		return;
	for (node = fdt_node_offset_by_compatible(fdt, -1, "virtio,mmio"); node >= 0;
	     node = fdt_node_offset_by_compatible(fdt, node, "virtio,mmio"))
		if (fdt_node_is_available(fdt, node))
			virtio_mmio_probe(fdt, node);
}
