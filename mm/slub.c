// SPDX-License-Identifier: GPL-2.0
/*
 * SLUB, Linux's slab allocator (mm/slub.c), in Loam's size: object caches
 * and kmalloc over the buddy allocator. Data structures: <slub_def.h>.
 *
 * Where an object comes from, fastest first (slab_alloc_node, ___slab_alloc):
 *   1. this CPU's freelist (kmem_cache_cpu.freelist): no shared lock;
 *   2. the CPU slab's own freelist, where other CPUs' frees went;
 *   3. the CPU's partial slabs (kmem_cache_cpu.partial);
 *   4. the node's partial list (kmem_cache_node.partial);
 *   5. a new slab from the buddy allocator: the preferred order first with
 *      __GFP_NOWARN, then the smallest order that holds one object.
 * A free to the CPU slab goes on the CPU freelist; any other goes to its
 * slab's freelist (__slab_free), which may put the slab on this CPU's
 * partial list (it was full), or give it back to the buddy allocator (it is
 * empty and the node already keeps min_partial slabs).
 *
 * Why the fast path is correct. A kmem_cache_cpu is used by its own CPU,
 * with interrupts masked, so an interrupt handler allocating from the same
 * cache cannot run in the middle of an update; its lock is taken only by
 * that CPU and by another CPU flushing it (flush_all(), for shrink and
 * destroy), so it is uncontended but makes the flush safe on SMP without
 * IPIs. (Linux reaches the same with a per-CPU transaction id and a double-
 * word cmpxchg; RISC-V has no double-word cmpxchg, and Linux's riscv port
 * takes the locked path too.) A slab owned by a CPU is "frozen": no node
 * list holds it, and other CPUs only push objects onto page->freelist under
 * the slab's bit lock. Lock order: kmem_cache_cpu.lock, then
 * kmem_cache_node.list_lock, then slab_lock(). The slow path drops all locks
 * before it asks the buddy allocator for pages, since that may one day sleep
 * to reclaim.
 *
 * Debugging caches (slub_debug=, SLAB_DEBUG_FLAGS: mm/slub_debug.c) take
 * none of this: they have no CPU slabs, and every allocation and free runs
 * the checks under the node's list_lock, as Linux (>= 6.2) does.
 */
#include <kernel.h>
#include <printk.h>
#include <string.h>
#include <uapi/errno.h>

#include "internal.h"
#include "slab.h"

/* The largest order SLUB prefers for a slab (Linux's slub_max_order = PAGE_ALLOC_COSTLY_ORDER). */
#define SLUB_MAX_ORDER 3
#define MAX_OBJS_PER_PAGE 32767 /* page->objects is 15 bits */
#define MIN_PARTIAL 5
#define MAX_PARTIAL 10

/* ---------------------------------------------------------------- slabs */

static inline unsigned int order_objects(unsigned int order, unsigned int size)
{
	return ((unsigned int)PAGE_SIZE << order) / size;
}

static inline struct kmem_cache_order_objects oo_make(unsigned int order, unsigned int size)
{
	struct kmem_cache_order_objects x = { (order << OO_SHIFT) + order_objects(order, size) };

	return x;
}

static inline bool kmem_cache_has_cpu_partial(struct kmem_cache *s)
{
	return !kmem_cache_debug(s);
}

static inline bool node_match(struct page *page, int node)
{
	return node == NUMA_NO_NODE || page_to_nid(page) == node;
}

static void inc_slabs_node(struct kmem_cache *s, int node, unsigned int objects)
{
	struct kmem_cache_node *n = get_node(s, node);

	__atomic_fetch_add(&n->nr_slabs, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&n->total_objects, objects, __ATOMIC_RELAXED);
}

static void dec_slabs_node(struct kmem_cache *s, int node, unsigned int objects)
{
	struct kmem_cache_node *n = get_node(s, node);

	__atomic_fetch_sub(&n->nr_slabs, 1, __ATOMIC_RELAXED);
	__atomic_fetch_sub(&n->total_objects, objects, __ATOMIC_RELAXED);
}

static struct page *alloc_slab_page(gfp_t gfp, int node, struct kmem_cache_order_objects oo)
{
	unsigned int order = oo_order(oo);
	struct page *page;

	if (node == NUMA_NO_NODE)
		page = alloc_pages(gfp, order);
	else
		page = alloc_pages_node(node, gfp, order);
	if (page && order)
		prep_compound_page(page, order);
	return page;
}

/*
 * A new slab, frozen, with all its objects on page->freelist in address
 * order and counted in inuse (its future owner takes the whole freelist).
 */
static struct page *allocate_slab(struct kmem_cache *s, gfp_t gfp, int node)
{
	struct kmem_cache_order_objects oo = s->oo;
	gfp_t alloc_gfp = (gfp & ~__GFP_ZERO) | s->allocflags;
	struct page *page;
	unsigned int i;
	char *start, *p;

	/* The preferred order is a wish: try it without a warning or hard retries. */
	page = alloc_slab_page(alloc_gfp | __GFP_NOWARN | __GFP_NORETRY, node, oo);
	if (unlikely(!page) && oo.x != s->min.x) {
		oo = s->min;
		page = alloc_slab_page(alloc_gfp, node, oo);
	}
	if (unlikely(!page))
		return NULL;

	page->slab_cache = s;
	page->objects = oo_objects(oo);
	page->inuse = page->objects;
	page->frozen = 1;
	start = page_address(page);
	setup_slab_debug(s, page, start);
	for (i = 0, p = start; i < page->objects; i++, p += s->size) {
		if (kmem_cache_debug(s))
			setup_object_debug(s, p);
		if (s->ctor)
			s->ctor(p);
		set_freepointer(s, p, i + 1 < page->objects ? p + s->size : NULL);
	}
	page->freelist = start;
	__SetPageSlab(page);
	inc_slabs_node(s, page_to_nid(page), page->objects);
	return page;
}

static void discard_slab(struct kmem_cache *s, struct page *page)
{
	unsigned int order = compound_order(page);

	dec_slabs_node(s, page_to_nid(page), page->objects);
	__ClearPageSlab(page);
	page->slab_cache = NULL;
	page->freelist = NULL;
	page->counters = 0;
	if (order)
		destroy_compound_page(page, order);
	__free_pages(page, order);
}

/* Node partial lists; n->list_lock held. Fuller slabs go to the head (Linux's DEACTIVATE_TO_HEAD). */
static void add_partial(struct kmem_cache_node *n, struct page *page, bool tail)
{
	n->nr_partial++;
	if (tail)
		list_add_tail(&page->slab_list, &n->partial);
	else
		list_add(&page->slab_list, &n->partial);
}

static void remove_partial(struct kmem_cache_node *n, struct page *page)
{
	list_del(&page->slab_list);
	n->nr_partial--;
}

/* Empty slabs beyond what the node keeps go back to the buddy allocator. */
static bool keep_empty_slab(struct kmem_cache *s, struct kmem_cache_node *n)
{
	return n->nr_partial < s->min_partial;
}

/* ---------------------------------------------------------- CPU slabs */

/*
 * Unfreeze a CPU slab: the objects left on the CPU's @freelist go back to the
 * slab, which then joins its node's partial list, or is freed if it is empty
 * and the node keeps enough (Linux's deactivate_slab()). Returns the pages
 * given back to the buddy allocator (0 if the slab stayed).
 */
static unsigned long deactivate_slab(struct kmem_cache *s, struct page *page, void *freelist)
{
	struct kmem_cache_node *n = get_node(s, page_to_nid(page));
	unsigned int nr = 0, inuse;
	unsigned long pages = 1UL << compound_order(page);
	void *tail = NULL, *p;
	bool has_free;

	for (p = freelist; p; p = get_freepointer(s, p)) {
		tail = p;
		nr++;
	}
	spin_lock(&n->list_lock);
	slab_lock(page);
	if (tail) {
		set_freepointer(s, tail, page->freelist);
		page->freelist = freelist;
	}
	page->inuse -= nr;
	page->frozen = 0;
	inuse = page->inuse;
	has_free = page->freelist != NULL;
	slab_unlock(page);
	if (!inuse && !keep_empty_slab(s, n)) {
		spin_unlock(&n->list_lock);
		discard_slab(s, page);
		return pages;
	}
	if (has_free)
		add_partial(n, page, !inuse);
	/* A full slab is on no list: the free that makes room puts it back. */
	spin_unlock(&n->list_lock);
	return 0;
}

/*
 * Unfreeze a chain of CPU partial slabs onto their nodes' lists (interrupts
 * off). Returns the pages of the empty ones given back.
 */
static unsigned long unfreeze_partials(struct kmem_cache *s, struct page *page)
{
	unsigned long pages = 0;

	while (page) {
		struct page *next = page->next;

		pages += deactivate_slab(s, page, NULL);
		page = next;
	}
	return pages;
}

/* Give up the CPU slab and the CPU partial slabs of @c (its lock held); pages given back. */
static unsigned long flush_cpu_slab(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	struct page *partial = c->partial;
	unsigned long pages = 0;

	if (c->page)
		pages = deactivate_slab(s, c->page, c->freelist);
	c->page = NULL;
	c->freelist = NULL;
	c->partial = NULL;
	return pages + unfreeze_partials(s, partial);
}

/*
 * Flush every CPU's slabs of @s, the way Linux's flush_all() does with IPIs.
 * Returns the pages of the empty slabs this gave back to the buddy allocator.
 */
static unsigned long flush_all(struct kmem_cache *s)
{
	unsigned long flags, pages = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct kmem_cache_cpu *c = &s->cpu_slab[cpu];

		if (!READ_ONCE(c->page) && !READ_ONCE(c->partial))
			continue;
		spin_lock_irqsave(&c->lock, flags);
		pages += flush_cpu_slab(s, c);
		spin_unlock_irqrestore(&c->lock, flags);
	}
	return pages;
}

static void push_cpu_partial(struct kmem_cache_cpu *c, struct page *page)
{
	page->slabs = (c->partial ? c->partial->slabs : 0) + 1;
	page->next = c->partial;
	c->partial = page;
}

/*
 * A frozen slab to the CPU's partial list (@c locked). A list already at
 * cpu_partial_slabs goes to the node first (Linux's put_cpu_partial()).
 */
static void __put_cpu_partial(struct kmem_cache *s, struct kmem_cache_cpu *c, struct page *page)
{
	if (c->partial && c->partial->slabs >= (int)s->cpu_partial_slabs) {
		unfreeze_partials(s, c->partial);
		c->partial = NULL;
	}
	push_cpu_partial(c, page);
}

static void put_cpu_partial(struct kmem_cache *s, struct page *page)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;

	flags = arch_local_irq_save();
	c = &s->cpu_slab[smp_processor_id()];
	spin_lock(&c->lock);
	__put_cpu_partial(s, c, page);
	spin_unlock(&c->lock);
	arch_local_irq_restore(flags);
}

/*
 * Take the slab's freelist for the CPU that owns it. The slab stays frozen
 * if there was something to take; else it is full and leaves the CPU.
 */
static void *get_freelist(struct page *page)
{
	void *freelist;

	slab_lock(page);
	freelist = page->freelist;
	page->freelist = NULL;
	page->inuse = page->objects;
	page->frozen = freelist != NULL;
	slab_unlock(page);
	return freelist;
}

/*
 * Slabs from the node's partial list (Linux's get_partial_node()): the first
 * becomes the CPU slab, whose freelist is returned; more go to the CPU
 * partial list, up to half of cpu_partial_slabs. @c locked.
 */
static void *get_partial_node(struct kmem_cache *s, struct kmem_cache_node *n,
			      struct kmem_cache_cpu *c)
{
	struct page *page, *next;
	void *object = NULL;
	unsigned int taken = 0;

	if (!READ_ONCE(n->nr_partial))
		return NULL;
	spin_lock(&n->list_lock);
	list_for_each_entry_safe(page, next, &n->partial, slab_list) {
		remove_partial(n, page);
		slab_lock(page);
		page->frozen = 1;
		if (!object) {
			object = page->freelist;
			page->freelist = NULL;
			page->inuse = page->objects;
		}
		slab_unlock(page);
		if (!c->page) {
			c->page = page;
		} else {
			push_cpu_partial(c, page); /* c->partial was empty: no limit to keep */
			taken++;
		}
		if (taken > s->cpu_partial_slabs / 2)
			break;
	}
	spin_unlock(&n->list_lock);
	return object;
}

static void slab_out_of_memory(struct kmem_cache *s, gfp_t gfp, int nid)
{
	int node;

	if (gfp & __GFP_NOWARN)
		return;
	pr_warn("SLUB: Unable to allocate memory on node %d, gfp=%#x\n", nid, gfp);
	pr_warn("  cache: %s, object size: %u, buffer size: %u, default order: %u, min order: %u\n",
		s->name, s->object_size, s->size, oo_order(s->oo), oo_order(s->min));
	for (node = 0; node < MAX_NUMNODES; node++) {
		struct kmem_cache_node *n = get_node(s, node);

		if (READ_ONCE(n->nr_slabs))
			pr_warn("  node %d: slabs: %lu, objs: %lu\n", node, READ_ONCE(n->nr_slabs),
				READ_ONCE(n->total_objects));
	}
}

/* A new slab becomes this CPU's, and the old one (if any) is deactivated. @c locked. */
static void *install_new_slab(struct kmem_cache *s, struct kmem_cache_cpu *c, struct page *page)
{
	void *freelist = page->freelist;

	page->freelist = NULL;
	if (c->page)
		flush_cpu_slab(s, c);
	c->page = page;
	return freelist;
}

/*
 * The slow path: steps 2-5 of the list at the top, with @c's lock held and
 * interrupts off on entry and on return. Returns the object and leaves the
 * rest of the slab's objects on c->freelist.
 */
static void *___slab_alloc(struct kmem_cache *s, gfp_t gfp, int node, struct kmem_cache_cpu **cp,
			   unsigned long *flags)
{
	struct kmem_cache_cpu *c = *cp;
	void *freelist;
	struct page *page;

redo:
	page = c->page;
	if (!page)
		goto new_slab;
	if (unlikely(!node_match(page, node))) {
		flush_cpu_slab(s, c);
		goto new_slab;
	}
	freelist = c->freelist;
	if (freelist)
		goto load_freelist;
	freelist = get_freelist(page);
	if (!freelist) {
		c->page = NULL;
		goto new_slab;
	}
load_freelist:
	c->freelist = get_freepointer(s, freelist);
	return freelist;

new_slab:
	if (c->partial) {
		page = c->partial;
		c->partial = page->next;
		c->page = page;
		c->freelist = NULL;
		goto redo;
	}
	freelist = get_partial_node(s, get_node(s, node == NUMA_NO_NODE ? numa_mem_id() : node), c);
	if (freelist)
		goto load_freelist;

	/* The buddy allocator, with no lock held and interrupts as the caller had them. */
	spin_unlock_irqrestore(&c->lock, *flags);
	page = allocate_slab(s, gfp, node);
	*flags = arch_local_irq_save();
	c = *cp = &s->cpu_slab[smp_processor_id()];
	spin_lock(&c->lock);
	if (unlikely(!page)) {
		slab_out_of_memory(s, gfp, node);
		return NULL;
	}
	freelist = install_new_slab(s, c, page);
	goto load_freelist;
}

/* ----------------------------------------------------- debugging caches */

/*
 * Debugging caches allocate one object at a time from a node's partial list,
 * under its list_lock, with the checks of mm/slub_debug.c; their slabs are
 * never frozen (Linux's alloc_single_from_partial()).
 */
static void *alloc_debug_single(struct kmem_cache *s, gfp_t gfp, int node, unsigned long addr)
{
	int nid = node == NUMA_NO_NODE ? numa_mem_id() : node;
	struct kmem_cache_node *n = get_node(s, nid);
	struct page *page, *fresh = NULL;
	unsigned long flags;
	void *object;

again:
	spin_lock_irqsave(&n->list_lock, flags);
	if (list_empty(&n->partial)) {
		if (!fresh) {
			spin_unlock_irqrestore(&n->list_lock, flags);
			fresh = allocate_slab(s, gfp, node);
			if (!fresh) {
				slab_out_of_memory(s, gfp, nid);
				return NULL;
			}
			/* The slab may be on another node than asked: that node's lists. */
			n = get_node(s, page_to_nid(fresh));
			fresh->frozen = 0;
			fresh->inuse = 0;
			goto again;
		}
		add_partial(n, fresh, false);
		fresh = NULL;
	}
	page = list_first_entry(&n->partial, struct page, slab_list);
	object = page->freelist;
	if (!alloc_debug_processing(s, page, object, addr)) {
		/* The freelist is corrupt: leave the slab alone, as full (quarantined). */
		remove_partial(n, page);
		page->freelist = NULL;
		page->inuse = page->objects;
		list_add(&page->slab_list, &n->full);
		spin_unlock_irqrestore(&n->list_lock, flags);
		goto again;
	}
	page->freelist = get_freepointer(s, object);
	page->inuse++;
	if (!page->freelist) {
		remove_partial(n, page);
		list_add(&page->slab_list, &n->full);
	}
	spin_unlock_irqrestore(&n->list_lock, flags);
	if (fresh) /* another CPU filled the list meanwhile */
		discard_slab(s, fresh);
	return object;
}

static void free_debug_single(struct kmem_cache *s, struct page *page, void *object,
			      unsigned long addr)
{
	struct kmem_cache_node *n = get_node(s, page_to_nid(page));
	unsigned long flags;
	bool was_full;

	spin_lock_irqsave(&n->list_lock, flags);
	if (!free_debug_processing(s, page, object, addr)) {
		spin_unlock_irqrestore(&n->list_lock, flags);
		return;
	}
	was_full = !page->freelist;
	set_freepointer(s, object, page->freelist);
	page->freelist = object;
	page->inuse--;
	if (was_full) {
		list_del(&page->slab_list);
		add_partial(n, page, true);
	}
	if (!page->inuse && !keep_empty_slab(s, n) && n->nr_partial > 1) {
		remove_partial(n, page);
		spin_unlock_irqrestore(&n->list_lock, flags);
		discard_slab(s, page);
		return;
	}
	spin_unlock_irqrestore(&n->list_lock, flags);
}

/* ------------------------------------------------------------ allocate */

/* Everything but the fast path: debugging caches, and steps 2-5 of the list at the top. */
static noinline void *__slab_alloc(struct kmem_cache *s, gfp_t gfp, int node, unsigned long addr)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;
	void *object;

	if (kmem_cache_debug(s)) {
		object = alloc_debug_single(s, gfp, node, addr);
	} else {
		flags = arch_local_irq_save();
		c = &s->cpu_slab[smp_processor_id()];
		spin_lock(&c->lock);
		object = ___slab_alloc(s, gfp, node, &c, &flags);
		spin_unlock(&c->lock);
		arch_local_irq_restore(flags);
	}
	if (unlikely(gfp & __GFP_ZERO) && object)
		memset(object, 0, s->object_size);
	return object;
}

static __always_inline void *slab_alloc_node(struct kmem_cache *s, gfp_t gfp, int node,
					     unsigned long addr)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;
	void *object;

	if (unlikely(kmem_cache_debug(s)))
		return __slab_alloc(s, gfp, node, addr);
	flags = arch_local_irq_save();
	c = &s->cpu_slab[smp_processor_id()];
	spin_lock(&c->lock);
	object = c->freelist;
	if (unlikely(!object || !node_match(c->page, node))) {
		spin_unlock(&c->lock);
		arch_local_irq_restore(flags);
		return __slab_alloc(s, gfp, node, addr);
	}
	c->freelist = get_freepointer(s, object);
	spin_unlock(&c->lock);
	arch_local_irq_restore(flags);
	if (unlikely(gfp & __GFP_ZERO))
		memset(object, 0, s->object_size);
	return object;
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	return slab_alloc_node(s, gfp, NUMA_NO_NODE, _RET_IP_);
}

void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfp, int node)
{
	return slab_alloc_node(s, gfp, node, _RET_IP_);
}

unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}

/* ---------------------------------------------------------------- free */

/*
 * A free to a slab that is not this CPU's (Linux's __slab_free()). The object
 * joins page->freelist; if that makes a full slab partial, the slab goes on
 * this CPU's partial list; if it empties a slab no CPU owns, the slab may go
 * back to the buddy allocator.
 */
static void __slab_free(struct kmem_cache *s, struct page *page, void *object)
{
	struct kmem_cache_node *n = get_node(s, page_to_nid(page));
	bool locked = false, was_frozen, freeze = false;
	unsigned long flags;
	void *prior;
	unsigned int inuse;

	flags = arch_local_irq_save();
	slab_lock(page);
	prior = page->freelist;
	was_frozen = page->frozen;
	if (!was_frozen && page->inuse == 1) {
		/* List changes ahead: the node's lock comes first (lock order). */
		slab_unlock(page);
		spin_lock(&n->list_lock);
		locked = true;
		slab_lock(page);
		prior = page->freelist;
		was_frozen = page->frozen;
	}
	set_freepointer(s, object, prior);
	page->freelist = object;
	inuse = --page->inuse;
	if (!was_frozen && !prior && inuse) {
		/* It was full; now a CPU takes it (Linux: the CPU partial list). */
		page->frozen = 1;
		freeze = true;
	}
	slab_unlock(page);

	if (freeze) {
		if (locked)
			spin_unlock(&n->list_lock);
		arch_local_irq_restore(flags);
		put_cpu_partial(s, page);
		return;
	}
	if (locked && !was_frozen && !inuse) {
		if (prior)
			remove_partial(n, page);
		if (!keep_empty_slab(s, n)) {
			spin_unlock(&n->list_lock);
			arch_local_irq_restore(flags);
			discard_slab(s, page);
			return;
		}
		add_partial(n, page, true);
	}
	if (locked)
		spin_unlock(&n->list_lock);
	arch_local_irq_restore(flags);
}

static __always_inline void do_slab_free(struct kmem_cache *s, struct page *page, void *object,
					 unsigned long addr)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;

	if (unlikely(kmem_cache_debug(s))) {
		free_debug_single(s, page, object, addr);
		return;
	}
	flags = arch_local_irq_save();
	c = &s->cpu_slab[smp_processor_id()];
	spin_lock(&c->lock);
	if (likely(page == c->page)) {
		/* Linux's naive double-free check (CONFIG_SLAB_FREELIST_HARDENED). */
		if (unlikely(object == (void *)c->freelist)) {
			spin_unlock(&c->lock);
			arch_local_irq_restore(flags);
			slab_err(s, page, "Object already free");
			pr_err("FIX %s: Object at %p not freed\n", s->name, object);
			return;
		}
		set_freepointer(s, object, c->freelist);
		c->freelist = object;
		spin_unlock(&c->lock);
		arch_local_irq_restore(flags);
		return;
	}
	spin_unlock(&c->lock);
	arch_local_irq_restore(flags);
	__slab_free(s, page, object);
}

void kmem_cache_free(struct kmem_cache *s, void *object)
{
	struct page *page;

	if (unlikely(!object))
		return;
	if (unlikely(!virt_addr_valid(object))) {
		slab_report_invalid_free(object, _RET_IP_);
		return;
	}
	page = virt_to_head_page(object);
	if (unlikely(!PageSlab(page) || page->slab_cache != s)) {
		slab_report_wrong_cache(s, page, object);
		return;
	}
	do_slab_free(s, page, object, _RET_IP_);
}

/* -------------------------------------------------------------- caches */

/* Linux's calculate_order(): the smallest order wasting at most 1/16 .. 1/4 of a slab. */
static unsigned int slab_order(unsigned int size, unsigned int min_objects, unsigned int max_order,
			       unsigned int fract_leftover)
{
	unsigned int order;

	if (order_objects(0, size) > MAX_OBJS_PER_PAGE)
		return get_order(size * MAX_OBJS_PER_PAGE) - 1;
	for (order = get_order(min_objects * size); order <= max_order; order++) {
		unsigned int slab_size = (unsigned int)PAGE_SIZE << order;

		if (slab_size % size <= slab_size / fract_leftover)
			break;
	}
	return order;
}

static int calculate_order(unsigned int size)
{
	/*
	 * Linux asks for 4 * (fls(CPUs) + 1) objects per slab. At this point of
	 * the boot Loam has not counted its harts yet, so it assumes NR_CPUS.
	 */
	unsigned int min_objects = 4 * (__fls(NR_CPUS) + 2);
	unsigned int order, fraction;

	min_objects = min(min_objects, order_objects(SLUB_MAX_ORDER, size));
	for (; min_objects > 1; min_objects--)
		for (fraction = 16; fraction >= 4; fraction /= 2) {
			order = slab_order(size, min_objects, SLUB_MAX_ORDER, fraction);
			if (order <= SLUB_MAX_ORDER)
				return order;
		}
	order = slab_order(size, 1, SLUB_MAX_ORDER, 1);
	if (order <= SLUB_MAX_ORDER)
		return order;
	order = slab_order(size, 1, MAX_ORDER - 1, 1);
	return order < MAX_ORDER ? (int)order : -1;
}

/* Linux's calculate_alignment(): SLAB_HWCACHE_ALIGN halves the line while two objects fit. */
static unsigned int calculate_alignment(slab_flags_t flags, unsigned int align, unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = SMP_CACHE_BYTES;

		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	return ALIGN(max(align, (unsigned int)sizeof(void *)), sizeof(void *));
}

/* Where the red zone, free pointer and tracks go: see the picture in <slub_def.h>. */
static bool calculate_sizes(struct kmem_cache *s)
{
	unsigned int size = ALIGN(s->object_size, sizeof(void *));
	int order;

	if ((s->flags & SLAB_RED_ZONE) && size == s->object_size)
		size += sizeof(void *); /* room for a red zone */
	s->inuse = size;
	if ((s->flags & SLAB_POISON) || s->ctor ||
	    ((s->flags & SLAB_RED_ZONE) && s->object_size < sizeof(void *))) {
		s->offset = size;
		size += sizeof(void *);
	} else {
		s->offset = ALIGN_DOWN(s->object_size / 2, sizeof(void *));
	}
	if (s->flags & SLAB_STORE_USER)
		size += 2 * SLUB_TRACK_SIZE;
	size = ALIGN(size, s->align);
	s->size = size;
	order = calculate_order(size);
	if (order < 0)
		return false;
	s->allocflags = (s->flags & SLAB_RECLAIM_ACCOUNT) ? __GFP_RECLAIMABLE : 0;
	s->oo = oo_make(order, size);
	s->min = oo_make(get_order(size), size);
	return true;
}

/* Linux's set_cpu_partial(): about twice these many objects' worth of slabs. */
static void set_cpu_partial(struct kmem_cache *s)
{
	unsigned int nr_objects;

	if (!kmem_cache_has_cpu_partial(s))
		nr_objects = 0;
	else if (s->size >= PAGE_SIZE)
		nr_objects = 6;
	else if (s->size >= 1024)
		nr_objects = 24;
	else if (s->size >= 256)
		nr_objects = 52;
	else
		nr_objects = 120;
	s->cpu_partial_slabs = DIV_ROUND_UP(nr_objects * 2, oo_objects(s->oo));
}

bool __kmem_cache_create(struct kmem_cache *s, const char *name, unsigned int size,
			 unsigned int align, slab_flags_t flags, void (*ctor)(void *))
{
	unsigned int i;

	s->name = name;
	s->object_size = size;
	s->ctor = ctor;
	s->flags = kmem_cache_flags(name, flags);
	/* A constructed object must keep its contents while free: no poison (Linux too). */
	if (ctor)
		s->flags &= ~SLAB_POISON;
	s->align = calculate_alignment(s->flags, align, size);
	if (!calculate_sizes(s))
		return false;
	s->min_partial = clamp(__fls(s->size) / 2, MIN_PARTIAL, MAX_PARTIAL);
	set_cpu_partial(s);
	for (i = 0; i < NR_CPUS; i++)
		spin_lock_init(&s->cpu_slab[i].lock);
	for (i = 0; i < MAX_NUMNODES; i++) {
		spin_lock_init(&s->node[i].list_lock);
		INIT_LIST_HEAD(&s->node[i].partial);
		INIT_LIST_HEAD(&s->node[i].full);
	}
	return true;
}

/* Free the empty slabs on the node lists; how many pages went back. @s flushed. */
static unsigned long shrink_nodes(struct kmem_cache *s)
{
	unsigned long flags, pages = 0;
	int node;

	for (node = 0; node < MAX_NUMNODES; node++) {
		struct kmem_cache_node *n = get_node(s, node);
		struct page *page, *next;
		LIST_HEAD(discard);

		spin_lock_irqsave(&n->list_lock, flags);
		list_for_each_entry_safe(page, next, &n->partial, slab_list)
			if (!page->inuse) {
				remove_partial(n, page);
				list_add(&page->slab_list, &discard);
			}
		spin_unlock_irqrestore(&n->list_lock, flags);
		list_for_each_entry_safe(page, next, &discard, slab_list) {
			pages += 1UL << compound_order(page);
			discard_slab(s, page);
		}
	}
	return pages;
}

unsigned long kmem_cache_nr_slabs(struct kmem_cache *s)
{
	unsigned long nr = 0;
	int node;

	for (node = 0; node < MAX_NUMNODES; node++)
		nr += READ_ONCE(get_node(s, node)->nr_slabs);
	return nr;
}

unsigned long __kmem_cache_shrink(struct kmem_cache *s)
{
	/* Flushing may free empty CPU slabs already: those pages count too. */
	unsigned long pages = flush_all(s);

	return pages + shrink_nodes(s);
}

int kmem_cache_shrink(struct kmem_cache *s)
{
	__kmem_cache_shrink(s);
	return kmem_cache_nr_slabs(s) != 0;
}

/* The live objects of a slab left at destroy (Linux's list_slab_objects()). */
static void list_slab_objects(struct kmem_cache *s, struct page *page)
{
	char *base = page_address(page), *p;
	unsigned int i;

	slab_err(s, page, "Objects remaining in %s on __kmem_cache_shutdown()", s->name);
	for (i = 0, p = base; i < page->objects; i++, p += s->size) {
		void *q;
		bool free = false;

		for (q = page->freelist; q && !free; q = get_freepointer(s, q))
			free = q == p;
		if (!free)
			pr_err("Object %p @offset=%lu\n", p, (unsigned long)(p - base));
	}
}

int __kmem_cache_shutdown(struct kmem_cache *s)
{
	unsigned long flags;
	struct page *page;
	int node;

	kmem_cache_shrink(s);
	if (!kmem_cache_nr_slabs(s))
		return 0;
	for (node = 0; node < MAX_NUMNODES; node++) {
		struct kmem_cache_node *n = get_node(s, node);

		spin_lock_irqsave(&n->list_lock, flags);
		list_for_each_entry(page, &n->partial, slab_list)
			list_slab_objects(s, page);
		list_for_each_entry(page, &n->full, slab_list)
			list_slab_objects(s, page);
		spin_unlock_irqrestore(&n->list_lock, flags);
	}
	return -EBUSY;
}

/* ------------------------------------------------------------- kmalloc */

void *kmalloc_node(size_t size, gfp_t gfp, int node)
{
	if (unlikely(size > KMALLOC_MAX_CACHE_SIZE))
		return kmalloc_large_node(size, gfp, node);
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	return slab_alloc_node(kmalloc_caches[kmalloc_index(size)], gfp, node, _RET_IP_);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	if (unlikely(size > KMALLOC_MAX_CACHE_SIZE))
		return kmalloc_large_node(size, gfp, NUMA_NO_NODE);
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	return slab_alloc_node(kmalloc_caches[kmalloc_index(size)], gfp, NUMA_NO_NODE, _RET_IP_);
}

/* The head page of a kmalloc'd pointer; NULL (reported) if it is not one. */
static __always_inline struct page *kmalloc_page(const void *object, unsigned long addr)
{
	struct page *page;

	if (unlikely(!virt_addr_valid(object)))
		goto bad;
	page = virt_to_head_page(object);
	if (likely(PageSlab(page)))
		return page;
	if (PageHead(page) && page_address(page) == object)
		return page;
bad:
	slab_report_invalid_free(object, addr);
	return NULL;
}

void kfree(const void *object)
{
	struct page *page;

	if (unlikely(ZERO_OR_NULL_PTR(object)))
		return;
	page = kmalloc_page(object, _RET_IP_);
	if (unlikely(!page))
		return;
	if (likely(PageSlab(page))) {
		do_slab_free(page->slab_cache, page, (void *)object, _RET_IP_);
	} else {
		unsigned int order = compound_order(page);

		destroy_compound_page(page, order);
		__free_pages(page, order);
	}
}

size_t ksize(const void *object)
{
	struct page *page;
	struct kmem_cache *s;

	if (ZERO_OR_NULL_PTR(object))
		return 0;
	page = kmalloc_page(object, _RET_IP_);
	if (!page)
		return 0;
	if (!PageSlab(page))
		return PAGE_SIZE << compound_order(page);
	s = page->slab_cache;
	/* Bytes past object_size are the red zone or poison's when debugging. */
	if (s->flags & (SLAB_RED_ZONE | SLAB_POISON))
		return s->object_size;
	if (s->flags & SLAB_STORE_USER)
		return s->inuse;
	return s->offset >= s->object_size ? s->object_size : s->size;
}

static struct kmem_cache kmem_cache_boot;

/* The kmem_cache cache first, in static memory; the other caches come from it. */
void kmem_cache_init(void)
{
	kmem_cache = &kmem_cache_boot;
	create_boot_cache(kmem_cache, "kmem_cache", sizeof(struct kmem_cache), SLAB_HWCACHE_ALIGN);
	create_kmalloc_caches();
	pr_info("SLUB: HWalign=%d, Order=0-%d, MinObjects=%d, CPUs=%d, Nodes=%d\n", SMP_CACHE_BYTES,
		SLUB_MAX_ORDER, (int)(4 * (__fls(NR_CPUS) + 2)), NR_CPUS, MAX_NUMNODES);
}

/* ------------------------------------------------------------ slabinfo */

/* Free objects on a node's partial list (Linux's count_partial(n, count_free)). */
static unsigned long count_partial_free(struct kmem_cache_node *n)
{
	unsigned long flags, x = 0;
	struct page *page;

	spin_lock_irqsave(&n->list_lock, flags);
	list_for_each_entry(page, &n->partial, slab_list)
		x += page->objects - page->inuse;
	spin_unlock_irqrestore(&n->list_lock, flags);
	return x;
}

void get_slabinfo(struct kmem_cache *s, struct slabinfo *sinfo)
{
	unsigned long nr_slabs = 0, nr_objs = 0, nr_free = 0;
	int node;

	/* As in Linux, objects on CPU freelists count as active. */
	for (node = 0; node < MAX_NUMNODES; node++) {
		struct kmem_cache_node *n = get_node(s, node);

		nr_slabs += READ_ONCE(n->nr_slabs);
		nr_objs += READ_ONCE(n->total_objects);
		nr_free += count_partial_free(n);
	}
	sinfo->active_objs = nr_objs - nr_free;
	sinfo->num_objs = nr_objs;
	sinfo->active_slabs = nr_slabs;
	sinfo->num_slabs = nr_slabs;
	sinfo->objects_per_slab = oo_objects(s->oo);
	sinfo->cache_order = oo_order(s->oo);
}
