// SPDX-License-Identifier: GPL-2.0
/*
 * selftest=slub: SLUB on the real machine, every hart at once. Each hart
 * churns through random kmalloc/kfree of mixed sizes and kmem_cache_alloc/
 * free from two caches of the test's own (one with a constructor), stamping
 * every object it owns with a pattern made of the object's address and its
 * allocation's identity, and checking the stamp before it lets go: an
 * object handed out twice, or metadata written into a live object, changes
 * a stamp. Some objects go through a shared mailbox to be freed by another
 * hart, which is the remote free path (__slab_free) that a single hart
 * never takes while its CPU slab is the object's.
 *
 * Afterwards every slab the test made must be gone again: the free page
 * count and each cache's slab count back to what they were before, and
 * the test caches destroyable. The baselines are taken after
 * kmem_cache_shrink_all() and drain_all_pages(), so they count neither
 * empty slabs nor per-CPU pages left by whoever ran before; slabs that
 * hold older objects stay, and the test's objects leave them as they were.
 * Run with slub_debug, the same churn goes through the debugging path.
 */
#include <mm.h>
#include <printk.h>
#include <selftest.h>
#include <slub_def.h>
#include <smp.h>
#include <string.h>

#define CHURN_OPS 20000
/*
 * Debugging caches serialize every allocation and free on the node's
 * list_lock, with poison checks under it: four harts on two host cores spin
 * whenever its holder is descheduled. Fewer operations keep that to seconds.
 */
#define CHURN_OPS_DEBUG 1000
#define CHURN_SLOTS 64
#define MAILBOX_SLOTS 32
#define MAX_CACHES 32

enum obj_kind { KIND_KMALLOC, KIND_CTOR, KIND_ALIGNED, NR_KINDS };

/* The constructor cache's object: the constructed state is CTOR_MAGIC, then zeroes. */
struct ctor_obj {
	u64 magic;
	u64 body[5];
};
#define CTOR_MAGIC 0xc0175a11c0175a11UL
#define ALIGNED_SIZE 200 /* with SLAB_HWCACHE_ALIGN: one object per 256 bytes, 64-aligned */

/* Sizes at the edges of the kmalloc classes (8, 96, 192, 8192, page multiples). */
static const unsigned int edge_sizes[] = { 8,	9,   16,  17,	64,   95,   96,	  97,	128,  191,
					   192, 193, 256, 1024, 2048, 4095, 4096, 8191, 8192, 8193 };

struct churn {
	struct kmem_cache *cache[NR_KINDS];
	unsigned int ops, arrived;
	unsigned long mailbox[MAILBOX_SLOTS]; /* object | kind, or 0; atomic exchange */
	unsigned long ctor_calls;
	/* Per CPU: no shared counters in the hot loop. */
	unsigned long allocs[NR_CPUS];
	unsigned long failed_allocs[NR_CPUS];
	unsigned long bad_stamps[NR_CPUS];
	unsigned long bad_props[NR_CPUS]; /* alignment, ksize, __GFP_ZERO */
	unsigned long unconstructed[NR_CPUS];
	unsigned long remote_frees[NR_CPUS];
};

/* Who owns an object: a hart and its serial number, with the object's size and kind. */
struct owned {
	void *p;
	u64 hdr;
};

static struct churn c;

static u64 xorshift(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* hdr: size in bits 0-23, kind 24-27, allocating CPU 28-35, that CPU's serial 36-63. */
static u64 make_hdr(unsigned long size, unsigned int kind, unsigned int cpu, u64 serial)
{
	return size | (u64)kind << 24 | (u64)cpu << 28 | serial << 36;
}

static unsigned long hdr_size(u64 hdr)
{
	return hdr & 0xffffff;
}

static unsigned int hdr_kind(u64 hdr)
{
	return (hdr >> 24) & 0xf;
}

static unsigned int hdr_cpu(u64 hdr)
{
	return (hdr >> 28) & 0xff;
}

static u64 mix(const void *p, unsigned long word)
{
	return ((unsigned long)p + word * 8) * 0x9e3779b97f4a7c15UL;
}

/*
 * Word i of the object holds hdr ^ mix(address, i), the bytes past the last
 * whole word the low bits of hdr + their index: the first word alone gives
 * hdr back to whoever knows the address (a hart that got it from the mailbox).
 */
static void stamp(void *p, u64 hdr)
{
	unsigned long size = hdr_size(hdr), i;
	u64 *w = p;

	for (i = 0; i < size / 8; i++)
		w[i] = hdr ^ mix(p, i);
	for (i = size & ~7UL; i < size; i++)
		((u8 *)p)[i] = (u8)(hdr + i);
}

static bool stamp_ok(const void *p, u64 hdr)
{
	unsigned long size = hdr_size(hdr), i;
	const u64 *w = p;

	for (i = 0; i < size / 8; i++)
		if (w[i] != (hdr ^ mix(p, i)))
			return false;
	for (i = size & ~7UL; i < size; i++)
		if (((const u8 *)p)[i] != (u8)(hdr + i))
			return false;
	return true;
}

static void construct(struct ctor_obj *o)
{
	o->magic = CTOR_MAGIC;
	memset(o->body, 0, sizeof(o->body));
}

static void ctor(void *p)
{
	construct(p);
	__atomic_fetch_add(&c.ctor_calls, 1, __ATOMIC_RELAXED);
}

static bool constructed(const struct ctor_obj *o)
{
	unsigned int i;

	if (o->magic != CTOR_MAGIC)
		return false;
	for (i = 0; i < ARRAY_SIZE(o->body); i++)
		if (o->body[i])
			return false;
	return true;
}

/* Mostly small, some up to a page or two, a few past kmalloc's largest class. */
static unsigned long random_size(u64 *seed)
{
	unsigned int r = xorshift(seed) % 100;

	if (r < 10)
		return edge_sizes[xorshift(seed) % ARRAY_SIZE(edge_sizes)];
	if (r < 55)
		return 8 + xorshift(seed) % 249;
	if (r < 80)
		return 257 + xorshift(seed) % 1792;
	if (r < 97)
		return 2049 + xorshift(seed) % 6144;
	return KMALLOC_MAX_CACHE_SIZE + 1 + xorshift(seed) % (3 * KMALLOC_MAX_CACHE_SIZE);
}

/* Alignment and size promises of <slab.h> for one kmalloc'd object. */
static bool kmalloc_props_ok(const void *p, unsigned long size)
{
	unsigned long addr = (unsigned long)p;

	if (!IS_ALIGNED(addr, ARCH_KMALLOC_MINALIGN) || ksize(p) < size)
		return false;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return IS_ALIGNED(addr, PAGE_SIZE);
	return (size & (size - 1)) || IS_ALIGNED(addr, size);
}

static bool alloc_one(struct owned *o, unsigned int cpu, u64 serial, u64 *seed)
{
	unsigned int r = xorshift(seed) % 10, kind, i;
	unsigned long size;
	void *p;

	kind = r < 6 ? KIND_KMALLOC : r < 8 ? KIND_CTOR : KIND_ALIGNED;
	if (kind == KIND_KMALLOC) {
		bool zero = xorshift(seed) % 8 == 0;

		size = random_size(seed);
		p = zero ? kzalloc(size, GFP_KERNEL) : kmalloc(size, GFP_KERNEL);
		if (p && !kmalloc_props_ok(p, size))
			c.bad_props[cpu]++;
		for (i = 0; p && zero && i < size; i++)
			if (((u8 *)p)[i]) {
				c.bad_props[cpu]++;
				break;
			}
	} else {
		size = kind == KIND_CTOR ? sizeof(struct ctor_obj) : ALIGNED_SIZE;
		p = kmem_cache_alloc(c.cache[kind], GFP_KERNEL);
		if (p && kind == KIND_CTOR && !constructed(p))
			c.unconstructed[cpu]++;
		if (p && kind == KIND_ALIGNED && !IS_ALIGNED((unsigned long)p, SMP_CACHE_BYTES))
			c.bad_props[cpu]++;
	}
	if (!p) {
		c.failed_allocs[cpu]++;
		return false;
	}
	c.allocs[cpu]++;
	o->p = p;
	o->hdr = make_hdr(size, kind, cpu, serial);
	stamp(p, o->hdr);
	return true;
}

/* Check the stamp and free; a bad object is leaked rather than freed into a cache. */
static void free_one(const struct owned *o, unsigned int cpu)
{
	unsigned int kind = hdr_kind(o->hdr);

	if (!stamp_ok(o->p, o->hdr)) {
		c.bad_stamps[cpu]++;
		return;
	}
	if (hdr_cpu(o->hdr) != cpu)
		c.remote_frees[cpu]++;
	if (kind == KIND_KMALLOC) {
		kfree(o->p);
		return;
	}
	if (kind == KIND_CTOR)
		construct(o->p); /* objects go back in their constructed state */
	kmem_cache_free(c.cache[kind], o->p);
}

/* An object from the mailbox: its kind from the slot, the rest from its first word. */
static void free_mail(unsigned long mail, unsigned int cpu)
{
	struct owned o = { .p = (void *)(mail & ~7UL) };

	o.hdr = *(u64 *)o.p ^ mix(o.p, 0);
	if (hdr_kind(o.hdr) != (mail & 7) || !hdr_size(o.hdr) ||
	    hdr_size(o.hdr) > 4 * KMALLOC_MAX_CACHE_SIZE) {
		c.bad_stamps[cpu]++;
		return;
	}
	free_one(&o, cpu);
}

static void churn_cpu(void *arg)
{
	unsigned int cpu = smp_processor_id(), i;
	struct owned slot[CHURN_SLOTS] = { { NULL, 0 } };
	u64 seed = 0x51ab0000UL + cpu * 7919, serial = 0;

	/* Start together, so that the harts really contend. */
	__atomic_fetch_add(&c.arrived, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&c.arrived, __ATOMIC_ACQUIRE) != nr_cpus_online)
		;
	for (i = 0; i < c.ops + CHURN_SLOTS; i++) {
		unsigned int k = i < c.ops ? xorshift(&seed) % CHURN_SLOTS : i - c.ops;
		struct owned *o = &slot[k];

		if (o->p) {
			/* A quarter go to the mailbox; what was there is freed here instead. */
			if (xorshift(&seed) % 4 == 0) {
				unsigned long *box = &c.mailbox[xorshift(&seed) % MAILBOX_SLOTS];
				unsigned long mail = (unsigned long)o->p | hdr_kind(o->hdr);

				mail = __atomic_exchange_n(box, mail, __ATOMIC_ACQ_REL);
				if (mail)
					free_mail(mail, cpu);
			} else {
				free_one(o, cpu);
			}
			o->p = NULL;
		} else if (i < c.ops) {
			alloc_one(o, cpu, ++serial, &seed);
		}
	}
}

/* What must come back: free pages and every cache's slabs, after a shrink of everything. */
struct snapshot {
	unsigned long free_pages;
	unsigned int nr_caches;
	struct kmem_cache *cache[MAX_CACHES];
	unsigned long slabs[MAX_CACHES];
};

/* Only this hart runs (the others idle between on_each_cpu calls): the cache list holds still. */
static void take_snapshot(struct snapshot *snap)
{
	struct list_head *pos;

	kmem_cache_shrink_all();
	drain_all_pages(NULL);
	snap->free_pages = nr_free_pages();
	snap->nr_caches = 0;
	/* Not list_for_each_entry(): the list head is in no (cache-line aligned) kmem_cache. */
	list_for_each(pos, &slab_caches) {
		struct kmem_cache *s = list_entry(pos, struct kmem_cache, list);

		if (snap->nr_caches == MAX_CACHES)
			break;
		snap->cache[snap->nr_caches] = s;
		snap->slabs[snap->nr_caches++] = kmem_cache_nr_slabs(s);
	}
}

/* Same caches, each with as many slabs as before? */
static bool same_slabs(const struct snapshot *a, const struct snapshot *b, char *why, size_t len)
{
	unsigned int i;

	if (a->nr_caches != b->nr_caches) {
		snprintf(why, len, "%u caches before, %u after", a->nr_caches, b->nr_caches);
		return false;
	}
	for (i = 0; i < a->nr_caches; i++) {
		if (a->cache[i] != b->cache[i]) {
			snprintf(why, len, "cache %u is another one", i);
			return false;
		}
		if (a->slabs[i] != b->slabs[i]) {
			snprintf(why, len, "%s: %lu slabs before, %lu after", a->cache[i]->name,
				 a->slabs[i], b->slabs[i]);
			return false;
		}
	}
	return true;
}

static unsigned long sum(const unsigned long *v)
{
	unsigned long n = 0, i;

	for (i = 0; i < NR_CPUS; i++)
		n += v[i];
	return n;
}

static void slub_selftest(struct ktap_suite *s)
{
	static struct snapshot before, created, after;
	struct kmem_cache *ctor_cache, *aligned_cache;
	unsigned long remote, i;
	int shrunk_ctor, shrunk_aligned;
	char why[96] = "";
	bool ok;

	take_snapshot(&before);
	memset(&c, 0, sizeof(c));
	ctor_cache = kmem_cache_create("slub_test_ctor", sizeof(struct ctor_obj), 0, 0, ctor);
	aligned_cache =
		kmem_cache_create("slub_test_aligned", ALIGNED_SIZE, 0, SLAB_HWCACHE_ALIGN, NULL);
	if (!ctor_cache || !aligned_cache) {
		ktap_case(s, false, "create_caches", "kmem_cache_create failed");
		return;
	}
	c.cache[KIND_CTOR] = ctor_cache;
	c.cache[KIND_ALIGNED] = aligned_cache;
	c.ops = kmem_cache_debug(aligned_cache) ? CHURN_OPS_DEBUG : CHURN_OPS;
	take_snapshot(&created);

	on_each_cpu(churn_cpu, &c);
	/* What is left in the mailbox was mostly allocated on other harts: remote frees too. */
	for (i = 0; i < MAILBOX_SLOTS; i++)
		if (c.mailbox[i])
			free_mail(__atomic_exchange_n(&c.mailbox[i], 0, __ATOMIC_ACQ_REL),
				  smp_processor_id());
	ktap_case(s, sum(c.allocs) && !sum(c.failed_allocs) && !sum(c.bad_stamps),
		  "churn_all_harts",
		  "%lu objects changed under their owner, %lu allocations failed, %lu done",
		  sum(c.bad_stamps), sum(c.failed_allocs), sum(c.allocs));
	ktap_case(s, !sum(c.bad_props), "alignment_ksize_zeroing",
		  "%lu objects misaligned, smaller than asked, or not zeroed", sum(c.bad_props));
	ktap_case(
		s, !sum(c.unconstructed) && c.ctor_calls, "constructed_objects",
		"%lu of the constructor cache's objects handed out not in the constructed state (%lu constructor calls)",
		sum(c.unconstructed), c.ctor_calls);
	remote = sum(c.remote_frees);
	ktap_case(s, remote || nr_cpus_online == 1, "remote_frees",
		  "no object was freed by a hart other than the one that allocated it");

	shrunk_ctor = kmem_cache_shrink(ctor_cache);
	shrunk_aligned = kmem_cache_shrink(aligned_cache);
	ktap_case(s,
		  !shrunk_ctor && !shrunk_aligned && !kmem_cache_nr_slabs(ctor_cache) &&
			  !kmem_cache_nr_slabs(aligned_cache),
		  "shrink_test_caches", "kmem_cache_shrink %d/%d, %lu/%lu slabs left", shrunk_ctor,
		  shrunk_aligned, kmem_cache_nr_slabs(ctor_cache),
		  kmem_cache_nr_slabs(aligned_cache));

	take_snapshot(&after);
	ktap_case(s, same_slabs(&created, &after, why, sizeof(why)), "slabs_back_to_baseline", "%s",
		  why);
	ktap_case(s, after.free_pages == created.free_pages, "free_pages_back_to_baseline",
		  "%lu free before, %lu after", created.free_pages, after.free_pages);

	/* Destroying a cache with objects would keep it listed: the snapshot tells. */
	kmem_cache_destroy(ctor_cache);
	kmem_cache_destroy(aligned_cache);
	take_snapshot(&after);
	ok = same_slabs(&before, &after, why, sizeof(why));
	if (ok && after.free_pages != before.free_pages) {
		snprintf(why, sizeof(why), "%lu free before the test, %lu after", before.free_pages,
			 after.free_pages);
		ok = false;
	}
	ktap_case(s, ok, "destroy_test_caches", "%s", why);
}
DEFINE_SELFTEST(slub, 8, slub_selftest);
