// SPDX-License-Identifier: GPL-2.0
/*
 * What does not depend on the slab allocator's design, as in Linux's
 * mm/slab_common.c: the list of caches, creating and destroying them, the
 * kmalloc size classes and large kmalloc, krealloc, and /proc/slabinfo. The
 * allocator itself (SLUB) is mm/slub.c.
 */
#include <kernel.h>
#include <printk.h>
#include <seq_buf.h>
#include <string.h>

#include "internal.h"
#include "slab.h"

LIST_HEAD(slab_caches);
/* Protects slab_caches; held while a shrink walks it, so no cache goes away under it. */
static DEFINE_SPINLOCK(slab_caches_lock);

struct kmem_cache *kmem_cache;
/* kmalloc-<size> by kmalloc_index(); [1] is kmalloc-96, [2] kmalloc-192. */
struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];

/* kmalloc_index() for sizes up to 192, by (size - 1) / 8: Linux's size_index[]. */
const u8 kmalloc_size_index[24] = {
	3, 4, 5, 5, 6, 6, 6, 6, /* 8, 16, 32, 32, 64 x4 */
	1, 1, 1, 1, 7, 7, 7, 7, /* 96 x4, 128 x4 */
	2, 2, 2, 2, 2, 2, 2, 2, /* 192 x8 */
};

static const char *const kmalloc_names[KMALLOC_SHIFT_HIGH + 1] = {
	[1] = "kmalloc-96",  [2] = "kmalloc-192", [3] = "kmalloc-8",   [4] = "kmalloc-16",
	[5] = "kmalloc-32",  [6] = "kmalloc-64",  [7] = "kmalloc-128", [8] = "kmalloc-256",
	[9] = "kmalloc-512", [10] = "kmalloc-1k", [11] = "kmalloc-2k", [12] = "kmalloc-4k",
	[13] = "kmalloc-8k",
};

/*
 * A cache on slab_caches. Walk the list with list_for_each() and this, not
 * list_for_each_entry(): that one's end test takes &pos->list of the
 * "entry" around the list head, which is no kmem_cache, and struct
 * kmem_cache is cache-line aligned (its kmem_cache_cpu array), so the member
 * access is misaligned: undefined behaviour (UBSan reports it on the host).
 */
static inline struct kmem_cache *slab_cache_entry(struct list_head *pos)
{
	return list_entry(pos, struct kmem_cache, list);
}

static void add_cache(struct kmem_cache *s)
{
	unsigned long flags;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_add_tail(&s->list, &slab_caches);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
}

static char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len = strlen(s) + 1;
	char *copy = kmalloc(len, gfp);

	if (copy)
		memcpy(copy, s, len);
	return copy;
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *))
{
	struct kmem_cache *s = NULL;
	char *copy = NULL;

	if (!name || !size || (align & (align - 1)))
		goto fail;
	s = kmem_cache_zalloc(kmem_cache, GFP_KERNEL);
	copy = kstrdup(name, GFP_KERNEL);
	if (!s || !copy || !__kmem_cache_create(s, copy, size, align, flags, ctor))
		goto fail;
	add_cache(s);
	return s;
fail:
	kfree(copy);
	if (s)
		kmem_cache_free(kmem_cache, s);
	if (flags & SLAB_PANIC)
		panic("kmem_cache_create: Failed to create slab '%s'", name ? name : "(null)");
	pr_warn("kmem_cache_create(%s) failed: size %u, align %u\n", name ? name : "(null)", size,
		align);
	return NULL;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	unsigned long flags;

	if (!s)
		return;
	if (__kmem_cache_shutdown(s)) {
		pr_err("kmem_cache_destroy %s: Slab cache still has objects when called from %#lx\n",
		       s->name, _RET_IP_);
		dump_stack();
		return; /* the cache stays, as in Linux: its objects may still be used */
	}
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_del(&s->list);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	kfree(s->name);
	kmem_cache_free(kmem_cache, s);
}

unsigned long kmem_cache_shrink_all(void)
{
	unsigned long flags, pages = 0;
	struct list_head *pos;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each(pos, &slab_caches)
		pages += __kmem_cache_shrink(slab_cache_entry(pos));
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return pages;
}

void create_boot_cache(struct kmem_cache *s, const char *name, unsigned int size,
		       slab_flags_t flags)
{
	/* Power-of-two sizes are naturally aligned, even with debugging metadata (Linux too). */
	unsigned int align = (size & (size - 1)) ? ARCH_KMALLOC_MINALIGN : size;

	if (!__kmem_cache_create(s, name, size, align, flags, NULL))
		panic("kmem_cache_init: cannot create %s", name);
	add_cache(s);
}

void create_kmalloc_caches(void)
{
	unsigned int i;

	for (i = 1; i <= KMALLOC_SHIFT_HIGH; i++) {
		unsigned int size = i == 1 ? 96 : i == 2 ? 192 : 1U << i;
		struct kmem_cache *s;

		if (i > 2 && i < KMALLOC_SHIFT_LOW)
			continue;
		s = kmem_cache_zalloc(kmem_cache, GFP_NOWAIT);
		if (!s)
			panic("kmem_cache_init: no memory for %s", kmalloc_names[i]);
		create_boot_cache(s, kmalloc_names[i], size, 0);
		kmalloc_caches[i] = s;
	}
}

void *kmalloc_large_node(size_t size, gfp_t gfp, int node)
{
	unsigned int order = get_order(size);
	struct page *page;

	if (order >= MAX_ORDER) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("kmalloc: %zu bytes is more than the buddy allocator's largest block\n",
				size);
		return NULL;
	}
	page = node == NUMA_NO_NODE ? alloc_pages(gfp, order) : alloc_pages_node(node, gfp, order);
	if (!page)
		return NULL;
	prep_compound_page(page, order);
	return page_address(page);
}

void *krealloc(const void *p, size_t new_size, gfp_t gfp)
{
	size_t ks = ksize(p);
	void *ret;

	if (unlikely(!new_size)) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (ks >= new_size)
		return (void *)p;
	ret = kmalloc(new_size, gfp & ~__GFP_ZERO);
	if (!ret)
		return NULL; /* @p stays as it was */
	if (ks)
		memcpy(ret, p, ks);
	if (gfp & __GFP_ZERO)
		memset((char *)ret + ks, 0, new_size - ks);
	kfree(p);
	return ret;
}

void slabinfo_show(struct seq_buf *m)
{
	unsigned long flags;
	struct list_head *pos;

	seq_buf_printf(m, "slabinfo - version: 2.1\n");
	seq_buf_printf(m, "# name            <active_objs> <num_objs> <objsize> <objperslab> "
			  "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
			  "slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each(pos, &slab_caches) {
		struct kmem_cache *s = slab_cache_entry(pos);
		struct slabinfo si;

		get_slabinfo(s, &si);
		seq_buf_printf(m, "%-17s %6lu %6lu %6u %4u %4d", s->name, si.active_objs,
			       si.num_objs, s->size, si.objects_per_slab, 1 << si.cache_order);
		seq_buf_printf(m, " : tunables %4u %4u %4u", 0, 0, 0);
		seq_buf_printf(m, " : slabdata %6lu %6lu %6lu\n", si.active_slabs, si.num_slabs,
			       0UL);
	}
	spin_unlock_irqrestore(&slab_caches_lock, flags);
}
