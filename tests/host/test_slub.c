// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of SLUB (mm/slub.c): kmalloc's size classes, odd and large
 * sizes, ksize(), ZERO_SIZE_PTR, kcalloc's overflow check, zeroing,
 * krealloc; object alignment of created caches; constructors run once per
 * object lifetime; a seeded random run over mixed caches with a shadow map
 * of live objects; kmem_cache_destroy with objects left; shrinking;
 * slabinfo.
 *
 * One boot serves the program (kmem_cache_init() has static state and runs
 * once): the group setup boots 64 MiB and SLUB. Each test destroys the
 * caches it creates and, where it says so, leaves the free page count
 * (per-CPU lists drained, empty slabs shrunk) exactly as it found it.
 * Everything runs on CPU 0 (the main thread).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mm.h>

#include "host_printk.h"
#include "slub_helpers.h"

static int group_setup(void **state)
{
	sl_boot(SZ_64M, NULL);
	return 0;
}

static bool all_bytes(const void *p, size_t size, u8 val)
{
	const u8 *b = p;
	size_t i;

	for (i = 0; i < size; i++)
		if (b[i] != val)
			return false;
	return true;
}

static struct kmem_cache *cache_of(const void *p)
{
	struct page *page = virt_to_head_page(p);

	assert_true(PageSlab(page));
	return page->slab_cache;
}

/* ======================================================== kmalloc sizes */

/* Every size class, all live at once: own cache, size, natural alignment, usable bytes. */
static void test_kmalloc_size_classes(void **state)
{
	static const struct {
		size_t size;
		const char *cache;
	} classes[] = {
		{ 8, "kmalloc-8" },	{ 16, "kmalloc-16" },	{ 32, "kmalloc-32" },
		{ 64, "kmalloc-64" },	{ 96, "kmalloc-96" },	{ 128, "kmalloc-128" },
		{ 192, "kmalloc-192" }, { 256, "kmalloc-256" }, { 512, "kmalloc-512" },
		{ 1024, "kmalloc-1k" }, { 2048, "kmalloc-2k" }, { 4096, "kmalloc-4k" },
		{ 8192, "kmalloc-8k" },
	};
	struct sl_obj objs[ARRAY_SIZE(classes) * 3];
	unsigned long base = sl_settle();
	unsigned int i, j, n = 0;

	for (i = 0; i < ARRAY_SIZE(classes); i++) {
		size_t size = classes[i].size;

		for (j = 0; j < 3; j++) {
			struct sl_obj *o = &objs[n++];
			unsigned long align = (size & (size - 1)) ? 8 : size;

			*o = (struct sl_obj){ .size = size };
			assert_true(sl_obj_alloc(o, GFP_KERNEL, n));
			assert_int_equal(ksize(o->p), size);
			if ((uintptr_t)o->p % align)
				fail_msg("kmalloc(%zu) = %p is not %lu-byte aligned", size, o->p,
					 align);
			assert_string_equal(cache_of(o->p)->name, classes[i].cache);
			assert_int_equal(kmem_cache_size(cache_of(o->p)), size);
		}
	}
	assert_int_equal(sl_shadow_check(objs, n), n);
	for (i = 0; i < n; i++)
		assert_true(sl_obj_free(&objs[i]));
	assert_int_equal(sl_settle(), base);
	pa_check();
}

/* Sizes between the classes round up to the next class; all usable at once. */
static void test_kmalloc_odd_sizes(void **state)
{
	static const struct {
		size_t size, ksize;
	} odd[] = {
		{ 1, 8 },     { 7, 8 },	      { 9, 16 },      { 17, 32 },     { 33, 64 },
		{ 65, 96 },   { 97, 128 },    { 100, 128 },   { 129, 192 },   { 193, 256 },
		{ 257, 512 }, { 1000, 1024 }, { 2047, 2048 }, { 4097, 8192 }, { 8191, 8192 },
	};
	struct sl_obj objs[ARRAY_SIZE(odd)];
	unsigned long base = sl_settle();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(odd); i++) {
		objs[i] = (struct sl_obj){ .size = odd[i].size };
		assert_true(sl_obj_alloc(&objs[i], GFP_KERNEL, i + 100));
		if (ksize(objs[i].p) != odd[i].ksize)
			fail_msg("ksize(kmalloc(%zu)) = %zu, expected %zu", odd[i].size,
				 ksize(objs[i].p), odd[i].ksize);
		assert_int_equal((uintptr_t)objs[i].p % ARCH_KMALLOC_MINALIGN, 0);
	}
	assert_int_equal(sl_shadow_check(objs, ARRAY_SIZE(odd)), ARRAY_SIZE(odd));
	/* The whole ksize() is usable: fill it and check neighbours are untouched. */
	for (i = 0; i < ARRAY_SIZE(odd); i++) {
		objs[i].size = ksize(objs[i].p);
		sl_fill(objs[i].p, objs[i].size, i + 200);
		objs[i].tag = i + 200;
	}
	assert_int_equal(sl_shadow_check(objs, ARRAY_SIZE(odd)), ARRAY_SIZE(odd));
	for (i = 0; i < ARRAY_SIZE(odd); i++)
		assert_true(sl_obj_free(&objs[i]));
	assert_int_equal(sl_settle(), base);
}

/* Above 8192 bytes: compound pages straight from the buddy allocator, and back. */
static void test_kmalloc_large(void **state)
{
	static const struct {
		size_t size;
		unsigned int order;
	} large[] = {
		{ 8193, 2 },
		{ 3 * PAGE_SIZE, 2 },
		{ 4 * PAGE_SIZE + 1, 3 },
		{ SZ_1M, 8 },
	};
	struct sl_obj objs[ARRAY_SIZE(large)];
	unsigned long base = sl_free_pages(), pages = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(large); i++) {
		struct page *page;

		objs[i] = (struct sl_obj){ .size = large[i].size };
		assert_true(sl_obj_alloc(&objs[i], GFP_KERNEL, i + 1));
		assert_int_equal((uintptr_t)objs[i].p % PAGE_SIZE, 0);
		assert_int_equal(ksize(objs[i].p), PAGE_SIZE << large[i].order);
		page = virt_to_page(objs[i].p);
		assert_false(PageSlab(page));
		assert_true(PageHead(page));
		assert_int_equal(compound_order(page), large[i].order);
		pages += 1UL << large[i].order;
		/* All of it is usable. */
		objs[i].size = ksize(objs[i].p);
		sl_fill(objs[i].p, objs[i].size, i + 1);
		objs[i].tag = i + 1;
	}
	assert_int_equal(sl_free_pages(), base - pages);
	assert_int_equal(sl_shadow_check(objs, ARRAY_SIZE(large)), ARRAY_SIZE(large));
	pa_check();
	for (i = 0; i < ARRAY_SIZE(large); i++) {
		pages -= 1UL << large[i].order;
		assert_true(sl_obj_free(&objs[i]));
		assert_int_equal(sl_free_pages(), base - pages);
	}
	pa_check();
	/* The buddy allocator can hand the pages out again, as plain pages. */
	{
		struct page *p = pa_alloc(NUMA_NO_NODE, GFP_KERNEL, 8);

		assert_non_null(p);
		assert_false(PageHead(p));
		pa_free(p, 8);
	}
	assert_int_equal(sl_free_pages(), base);
}

/* kmalloc(0) is ZERO_SIZE_PTR; kfree() of it or NULL does nothing, silently. */
static void test_kmalloc_zero_and_null(void **state)
{
	unsigned long base = sl_settle();

	host_printk_reset();
	assert_ptr_equal(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_ptr_equal(kzalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_ptr_equal(kcalloc(0, 8, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_ptr_equal(kcalloc(8, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	assert_int_equal(ksize(ZERO_SIZE_PTR), 0);
	assert_int_equal(ksize(NULL), 0);
	assert_ptr_equal(krealloc(NULL, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_string_equal(host_printk_log(), "");
	assert_int_equal(sl_settle(), base);
}

/* n * size overflowing size_t gives NULL (no allocation, no warning). */
static void test_kcalloc_overflow(void **state)
{
	unsigned long base = sl_settle();
	unsigned char *p;

	host_printk_reset();
	assert_null(kcalloc(SIZE_MAX / 2 + 1, 2, GFP_KERNEL));
	assert_null(kcalloc(2, SIZE_MAX / 2 + 1, GFP_KERNEL));
	assert_null(kcalloc(1UL << 32, 1UL << 32, GFP_KERNEL));
	assert_null(kmalloc_array(SIZE_MAX, SIZE_MAX, GFP_KERNEL));
	assert_string_equal(host_printk_log(), "");
	assert_int_equal(sl_free_pages(), base);
	p = kcalloc(3, 5, GFP_KERNEL);
	assert_non_null(p);
	assert_true(all_bytes(p, 15, 0));
	kfree(p);
	/* No overflow, just more than the buddy allocator's largest block. */
	assert_null(kmalloc_array(SIZE_MAX / 2 + 1, 1, GFP_KERNEL | __GFP_NOWARN));
	assert_int_equal(sl_settle(), base);
}

/* kzalloc/kcalloc/kmem_cache_zalloc zero what they return, even a reused dirty object. */
static void test_zeroing(void **state)
{
	static const size_t sizes[] = { 8, 24, 100, 512, 4096, 8192, 20000 };
	struct kmem_cache *s;
	unsigned long base = sl_settle();
	unsigned int i;
	void *p, *q;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		p = kmalloc(sizes[i], GFP_KERNEL);
		assert_non_null(p);
		memset(p, 0xa5, ksize(p));
		kfree(p);
		q = kzalloc(sizes[i], GFP_KERNEL);
		assert_non_null(q);
		/* The last freed object is the first handed out again: the dirty one. */
		if (sizes[i] <= KMALLOC_MAX_CACHE_SIZE)
			assert_ptr_equal(q, p);
		if (!all_bytes(q, sizes[i], 0))
			fail_msg("kzalloc(%zu) = %p is not zeroed", sizes[i], q);
		memset(q, 0x5a, ksize(q));
		kfree(q);
		q = kcalloc(sizes[i] / 4, 4, GFP_KERNEL);
		assert_non_null(q);
		if (!all_bytes(q, sizes[i] / 4 * 4, 0))
			fail_msg("kcalloc(%zu, 4) = %p is not zeroed", sizes[i] / 4, q);
		kfree(q);
	}

	s = kmem_cache_create("zero-test", 72, 0, 0, NULL);
	assert_non_null(s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	assert_non_null(p);
	memset(p, 0xee, 72);
	kmem_cache_free(s, p);
	q = kmem_cache_zalloc(s, GFP_KERNEL);
	assert_ptr_equal(q, p);
	assert_true(all_bytes(q, 72, 0));
	kmem_cache_free(s, q);
	kmem_cache_destroy(s);
	assert_int_equal(sl_settle(), base);
}

/* krealloc grows into a new object keeping the contents, shrinks (and grows within ksize) in place. */
static void test_krealloc(void **state)
{
	unsigned long base = sl_settle();
	u8 *p, *q, *r, *big;

	p = kmalloc(20, GFP_KERNEL);
	assert_non_null(p);
	sl_fill(p, 20, 1);
	assert_ptr_equal(krealloc(p, 32, GFP_KERNEL), p); /* within kmalloc-32 */
	assert_ptr_equal(krealloc(p, 5, GFP_KERNEL), p); /* shrinking */
	assert_true(sl_pattern_ok(p, 20, 1));

	{
		u8 orig[20];

		memcpy(orig, p, 20);
		q = krealloc(p, 100, GFP_KERNEL);
		assert_non_null(q);
		assert_ptr_not_equal(q, p);
		assert_int_equal(ksize(q), 128);
		assert_memory_equal(q, orig, 20);
	}
	/* The old object was freed: it is the next kmalloc-32 object again. */
	r = kmalloc(32, GFP_KERNEL);
	assert_ptr_equal(r, p);
	kfree(r);

	/* Into pages and between them: the contents go along. */
	{
		u8 orig[128];

		sl_fill(q, 128, 2);
		memcpy(orig, q, 128);
		big = krealloc(q, 3 * PAGE_SIZE, GFP_KERNEL);
		assert_non_null(big);
		assert_int_equal((uintptr_t)big % PAGE_SIZE, 0);
		assert_int_equal(ksize(big), 4 * PAGE_SIZE);
		assert_memory_equal(big, orig, 128);
		/* Large to smaller: in place (ksize is enough). */
		assert_ptr_equal(krealloc(big, 100, GFP_KERNEL), big);
		assert_memory_equal(big, orig, 128);
		/* Large to larger: new pages, contents kept. */
		big = krealloc(big, 40 * PAGE_SIZE, GFP_KERNEL);
		assert_non_null(big);
		assert_int_equal(ksize(big), 64 * PAGE_SIZE);
		assert_memory_equal(big, orig, 128);
	}

	/* __GFP_ZERO: what lies past the old ksize() comes zeroed. */
	p = kmalloc(24, GFP_KERNEL);
	assert_non_null(p);
	memset(p, 0x77, 32);
	q = krealloc(p, 200, GFP_KERNEL | __GFP_ZERO);
	assert_non_null(q);
	assert_true(all_bytes(q, 32, 0x77));
	assert_true(all_bytes(q + 32, 200 - 32, 0));

	/* NULL: a plain kmalloc. 0: a kfree, giving ZERO_SIZE_PTR. */
	r = krealloc(NULL, 50, GFP_KERNEL);
	assert_non_null(r);
	assert_int_equal(ksize(r), 64);
	assert_ptr_equal(krealloc(r, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_ptr_equal(kmalloc(64, GFP_KERNEL), r); /* r was freed */
	kfree(r);
	kfree(q);
	kfree(big);
	assert_int_equal(sl_settle(), base);
}

/* ============================================================ alignment */

static void check_cache_alignment(const char *name, unsigned int size, unsigned int align,
				  slab_flags_t flags, unsigned int want_align)
{
	struct kmem_cache *s = kmem_cache_create(name, size, align, flags, NULL);
	unsigned int n, i;
	struct sl_obj *objs;

	assert_non_null(s);
	assert_int_equal(kmem_cache_size(s), size);
	n = 2 * sl_objperslab(s) + 1;
	objs = calloc(n, sizeof(*objs));
	assert_non_null(objs);
	for (i = 0; i < n; i++) {
		objs[i] = (struct sl_obj){ .s = s, .size = size };
		assert_true(sl_obj_alloc(&objs[i], GFP_KERNEL, i));
		if ((uintptr_t)objs[i].p % want_align)
			fail_msg("%s (size %u, align %u, flags %#x): object %p is not %u-byte "
				 "aligned",
				 name, size, align, flags, objs[i].p, want_align);
	}
	assert_int_equal(sl_nr_slabs(s), 3);
	assert_int_equal(sl_shadow_check(objs, n), n);
	for (i = 0; i < n; i++)
		assert_true(sl_obj_free(&objs[i]));
	free(objs);
	kmem_cache_destroy(s);
}

static void test_cache_alignment(void **state)
{
	static const unsigned int sizes[] = { 1, 7, 13, 24, 100, 200, 1000, 3000 };
	static const unsigned int aligns[] = { 0, 8, 16, 64, 128 };
	unsigned long base = sl_settle();
	unsigned int i, j;
	char name[32];

	for (i = 0; i < ARRAY_SIZE(aligns); i++)
		for (j = 0; j < ARRAY_SIZE(sizes); j++) {
			snprintf(name, sizeof(name), "align-%u-%u", aligns[i], sizes[j]);
			check_cache_alignment(name, sizes[j], aligns[i], 0,
					      aligns[i] ? aligns[i] : 8);
		}
	/* SLAB_HWCACHE_ALIGN: a cache line, halved while two objects fit (Linux). */
	check_cache_alignment("hw-100", 100, 0, SLAB_HWCACHE_ALIGN, 64);
	check_cache_alignment("hw-64", 64, 0, SLAB_HWCACHE_ALIGN, 64);
	check_cache_alignment("hw-33", 33, 0, SLAB_HWCACHE_ALIGN, 64);
	check_cache_alignment("hw-20", 20, 0, SLAB_HWCACHE_ALIGN, 32);
	check_cache_alignment("hw-10", 10, 0, SLAB_HWCACHE_ALIGN, 16);
	check_cache_alignment("hw-20-a128", 20, 128, SLAB_HWCACHE_ALIGN, 128);
	check_cache_alignment("hw-1000", 1000, 0, SLAB_HWCACHE_ALIGN, 64);

	/* An alignment that is not a power of two is refused. */
	host_printk_reset();
	assert_null(kmem_cache_create("align-3", 24, 3, 0, NULL));
	assert_true(pa_log_has("kmem_cache_create(align-3) failed"));
	assert_null(kmem_cache_create("size-0", 0, 0, 0, NULL));
	assert_int_equal(sl_settle(), base);
}

/* ========================================================== constructor */

#define CTOR_MAGIC 0xc7042c7042c7042cULL
#define CTOR_MAX 4096

struct ctor_obj {
	u64 magic;
	u64 serial; /* which ctor call constructed it */
	char data[48];
};

static unsigned long ctor_calls;
static void *ctor_addr[CTOR_MAX]; /* by serial - 1 */

static void test_ctor(void *p)
{
	struct ctor_obj *o = p;

	/* The slab is being built: its page already belongs to it. */
	if (ctor_calls < CTOR_MAX)
		ctor_addr[ctor_calls] = p;
	o->magic = CTOR_MAGIC;
	o->serial = ++ctor_calls;
}

static int ptr_cmp(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The constructor runs for every object of a new slab when the slab is made,
 * once; not on allocation; an object freed and allocated again is not
 * constructed again (its slab stayed).
 */
static void test_ctor_once(void **state)
{
	struct kmem_cache *s;
	struct ctor_obj **objs;
	unsigned long base = sl_settle(), calls;
	unsigned int per, n, i;
	void *sorted[CTOR_MAX];

	ctor_calls = 0;
	s = kmem_cache_create("ctor-test", sizeof(struct ctor_obj), 0, 0, test_ctor);
	assert_non_null(s);
	assert_int_equal(ctor_calls, 0); /* no slab yet */
	per = sl_objperslab(s);
	n = 2 * per + per / 2; /* three slabs, the last half used */
	assert_true(3 * per <= CTOR_MAX);
	objs = calloc(n, sizeof(*objs));
	assert_non_null(objs);

	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		assert_non_null(objs[i]);
		assert_int_equal(objs[i]->magic, CTOR_MAGIC);
		assert_true(objs[i]->serial >= 1 && objs[i]->serial <= ctor_calls);
		assert_ptr_equal(ctor_addr[objs[i]->serial - 1], objs[i]);
		memset(objs[i]->data, 0x3c, sizeof(objs[i]->data));
	}
	/* Every object of the three slabs, the unallocated ones too, once each. */
	assert_int_equal(sl_nr_slabs(s), 3);
	assert_int_equal(ctor_calls, 3 * per);
	assert_int_equal(ctor_calls, sl_total_objects(s));
	memcpy(sorted, ctor_addr, ctor_calls * sizeof(void *));
	qsort(sorted, ctor_calls, sizeof(void *), ptr_cmp);
	for (i = 1; i < ctor_calls; i++)
		assert_ptr_not_equal(sorted[i - 1], sorted[i]);

	/* Freed (constructed state kept) and allocated again: no new constructor call. */
	for (i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	assert_int_equal(sl_nr_slabs(s), 3); /* a node keeps min_partial (5) empty slabs */
	calls = ctor_calls;
	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		assert_non_null(objs[i]);
		assert_int_equal(objs[i]->magic, CTOR_MAGIC);
		/* The same object as its constructor saw, not constructed again. */
		assert_ptr_equal(ctor_addr[objs[i]->serial - 1], objs[i]);
	}
	assert_int_equal(ctor_calls, calls);
	assert_int_equal(sl_nr_slabs(s), 3);

	/* All slabs given back: the next object comes from a new slab, constructed whole. */
	for (i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	assert_int_equal(kmem_cache_shrink(s), 0);
	assert_int_equal(sl_nr_slabs(s), 0);
	objs[0] = kmem_cache_alloc(s, GFP_KERNEL);
	assert_non_null(objs[0]);
	assert_int_equal(objs[0]->magic, CTOR_MAGIC);
	assert_int_equal(ctor_calls, calls + per);
	assert_int_equal(objs[0]->serial, calls + 1); /* the slab's first object */
	kmem_cache_free(s, objs[0]);
	free(objs);
	kmem_cache_destroy(s);
	assert_int_equal(sl_settle(), base);
}

/* ============================================================ shadow map */

#define MIX_SLOTS 3000
#define MIX_STEPS 40000

/* kmalloc sizes: mostly small, some up to 8192, a few large. */
static size_t random_kmalloc_size(u64 *seed)
{
	unsigned int r = pa_rand(seed) % 100;

	if (r < 60)
		return 1 + pa_rand(seed) % 256;
	if (r < 95)
		return 1 + pa_rand(seed) % KMALLOC_MAX_CACHE_SIZE;
	return KMALLOC_MAX_CACHE_SIZE + 1 + pa_rand(seed) % (4 * PAGE_SIZE);
}

/*
 * Thousands of live objects of kmalloc (every class and large) and three
 * created caches, allocated and freed at random: no two live objects
 * overlap, each keeps its pattern until freed. At the end everything is
 * freed and the free pages are exactly as before.
 */
static void test_shadow_mixed(void **state)
{
	static struct sl_obj slot[MIX_SLOTS];
	struct kmem_cache *caches[3];
	unsigned long base = sl_settle(), step, allocs = 0, frees = 0, checks = 0, max_live = 0;
	u64 seed = 0x51ab5eed2024ULL;
	unsigned int i;

	print_message("# shadow_mixed: seed %#llx\n", (unsigned long long)seed);
	memset(slot, 0, sizeof(slot));
	caches[0] = kmem_cache_create("mix-24", 24, 0, 0, NULL);
	caches[1] = kmem_cache_create("mix-100-hw", 100, 0, SLAB_HWCACHE_ALIGN, NULL);
	caches[2] = kmem_cache_create("mix-700-a64", 700, 64, 0, NULL);
	for (i = 0; i < 3; i++)
		assert_non_null(caches[i]);

	for (step = 1; step <= MIX_STEPS; step++) {
		struct sl_obj *o = &slot[pa_rand(&seed) % MIX_SLOTS];

		if (o->p) {
			if (!sl_obj_free(o))
				fail_msg("step %lu: an object lost its pattern before its free",
					 step);
			frees++;
		} else {
			unsigned int which = pa_rand(&seed) % 5;

			if (which < 3)
				*o = (struct sl_obj){ .s = caches[which],
						      .size = kmem_cache_size(caches[which]) };
			else
				*o = (struct sl_obj){ .size = random_kmalloc_size(&seed) };
			assert_true(sl_obj_alloc(o, GFP_KERNEL, step));
			allocs++;
		}
		if (step % 4000 == 0) {
			unsigned long live = sl_shadow_check(slot, MIX_SLOTS);

			max_live = max(max_live, live);
			checks++;
			pa_check();
		}
	}
	print_message("# shadow_mixed: %lu allocations, %lu frees, %lu checks, up to %lu live\n",
		      allocs, frees, checks, max_live);
	assert_true(max_live > MIX_SLOTS / 3);
	sl_shadow_check(slot, MIX_SLOTS);
	for (i = 0; i < MIX_SLOTS; i++)
		if (slot[i].p)
			assert_true(sl_obj_free(&slot[i]));
	for (i = 0; i < 3; i++)
		kmem_cache_destroy(caches[i]);
	assert_int_equal(sl_settle(), base);
	pa_check();
}

/* ======================================================== destroy/shrink */

/* Destroying a cache with an object left reports it and keeps the cache usable. */
static void test_destroy_with_objects(void **state)
{
	char buf[8192], want[128];
	struct sl_slabinfo si;
	struct kmem_cache *s;
	unsigned long base = sl_settle();
	void *a, *b, *c;

	s = kmem_cache_create("busy-cache", 128, 0, 0, NULL);
	assert_non_null(s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	assert_non_null(a);
	assert_non_null(b);
	sl_fill(a, 128, 7);
	kmem_cache_free(s, b);

	host_printk_reset();
	kmem_cache_destroy(s);
	assert_true(pa_log_has("kmem_cache_destroy busy-cache: Slab cache still has objects"));
	assert_true(pa_log_has("BUG busy-cache (Not tainted): Objects remaining in busy-cache on "
			       "__kmem_cache_shutdown()"));
	snprintf(want, sizeof(want), "Object %p @offset=%lu\n", a,
		 (unsigned long)((char *)a - (char *)page_address(virt_to_head_page(a))));
	assert_true(pa_log_has("%s", want));
	/* Only the live object is listed. */
	snprintf(want, sizeof(want), "Object %p @offset=", b);
	assert_false(host_printk_contains(want));

	/* Still there and working. */
	assert_true(sl_slabinfo(buf, sizeof(buf), "busy-cache", &si));
	assert_int_equal(si.active_objs, 1);
	assert_true(sl_pattern_ok(a, 128, 7));
	c = kmem_cache_alloc(s, GFP_KERNEL);
	assert_non_null(c);
	assert_ptr_not_equal(c, a);
	kmem_cache_free(s, c);
	kmem_cache_free(s, a);

	host_printk_reset();
	kmem_cache_destroy(s);
	assert_false(host_printk_contains("still has objects"));
	assert_false(sl_slabinfo(buf, sizeof(buf), "busy-cache", &si));
	assert_int_equal(sl_settle(), base);
}

/* kmem_cache_shrink gives empty slabs back; kmem_cache_shrink_all counts the pages. */
static void test_shrink(void **state)
{
	struct kmem_cache *s;
	unsigned long base, kept, pages;
	unsigned int n, i;
	void **objs;

	s = kmem_cache_create("shrink-test", 300, 0, 0, NULL);
	assert_non_null(s);
	base = sl_settle(); /* the cache itself (its struct, its name) allocated */
	n = 10 * sl_objperslab(s);
	objs = calloc(n, sizeof(*objs));
	assert_non_null(objs);

	for (i = 0; i < n; i++)
		assert_non_null(objs[i] = kmem_cache_alloc(s, GFP_KERNEL));
	assert_int_equal(sl_nr_slabs(s), 10);
	assert_int_equal(sl_free_pages(), base - 10 * sl_pagesperslab(s));
	assert_int_equal(kmem_cache_shrink(s), 1); /* nothing empty, objects held */
	assert_int_equal(sl_nr_slabs(s), 10);
	for (i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	/* Some empty slabs stay cached (the CPU's, the node's min_partial). */
	kept = sl_nr_slabs(s);
	assert_true(kept > 0);
	assert_int_equal(sl_free_pages(), base - kept * sl_pagesperslab(s));
	assert_int_equal(kmem_cache_shrink(s), 0);
	assert_int_equal(sl_nr_slabs(s), 0);
	assert_int_equal(sl_free_pages(), base);

	/* Again, through the reclaim hook: it returns exactly the pages given back. */
	for (i = 0; i < n; i++)
		assert_non_null(objs[i] = kmem_cache_alloc(s, GFP_KERNEL));
	for (i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	kept = sl_nr_slabs(s) * sl_pagesperslab(s);
	assert_true(kept > 0);
	assert_int_equal(sl_free_pages(), base - kept);
	pages = kmem_cache_shrink_all();
	assert_true(pages > 0);
	assert_int_equal(pages, kept);
	assert_int_equal(sl_free_pages(), base);
	/* Nothing left to give. */
	assert_int_equal(kmem_cache_shrink_all(), 0);

	/* One object left: its slab stays, the others go. */
	for (i = 0; i < n; i++)
		assert_non_null(objs[i] = kmem_cache_alloc(s, GFP_KERNEL));
	for (i = 1; i < n; i++)
		kmem_cache_free(s, objs[i]);
	assert_int_equal(kmem_cache_shrink(s), 1);
	assert_int_equal(sl_nr_slabs(s), 1);
	assert_int_equal(sl_free_pages(), base - sl_pagesperslab(s));
	kmem_cache_free(s, objs[0]);
	free(objs);
	kmem_cache_destroy(s);
	pa_check();
}

/* ============================================================ slabinfo */

static void test_slabinfo(void **state)
{
	static char buf[16384];
	struct sl_slabinfo si;
	struct kmem_cache *s;
	unsigned long base = sl_settle();
	void *objs[41];
	unsigned int i;

	s = kmem_cache_create("info-200", 200, 0, 0, NULL);
	assert_non_null(s);
	assert_true(sl_slabinfo(buf, sizeof(buf), "info-200", &si));
	assert_true(strncmp(buf, "slabinfo - version: 2.1\n", 24) == 0);
	assert_true(strstr(buf, "\n# name            <active_objs> <num_objs> <objsize> "
				"<objperslab> <pagesperslab> : tunables <limit> <batchcount> "
				"<sharedfactor> : slabdata <active_slabs> <num_slabs> "
				"<sharedavail>\n") != NULL);
	assert_int_equal(si.num_objs, 0);
	assert_int_equal(si.num_slabs, 0);
	/*
	 * 200 bytes: Linux's calculate_order() with min_objects 4 * (fls(32) + 1)
	 * = 28 objects (5600 bytes) wants order 1, which wastes 192 of 8192
	 * bytes (< 1/16): 40 objects in 2 pages.
	 */
	assert_int_equal(si.objsize, 200);
	assert_int_equal(si.objperslab, 40);
	assert_int_equal(si.pagesperslab, 2);
	/* The kmalloc caches are listed too. */
	assert_true(sl_slabinfo(buf, sizeof(buf), "kmalloc-8k", &si));
	assert_int_equal(si.objsize, 8192);
	assert_int_equal(si.objperslab, (PAGE_SIZE * si.pagesperslab) / 8192);

	for (i = 0; i < 41; i++)
		assert_non_null(objs[i] = kmem_cache_alloc(s, GFP_KERNEL));
	assert_true(sl_slabinfo(buf, sizeof(buf), "info-200", &si));
	assert_int_equal(si.num_slabs, 2);
	assert_int_equal(si.active_slabs, 2);
	assert_int_equal(si.num_objs, 80);
	/* The CPU slab's free objects count as active (Linux's way) ... */
	assert_int_equal(si.active_objs, 80);
	/* ... until the CPU slab goes back to the node. */
	assert_int_equal(kmem_cache_shrink(s), 1);
	assert_true(sl_slabinfo(buf, sizeof(buf), "info-200", &si));
	assert_int_equal(si.num_objs, 80);
	assert_int_equal(si.active_objs, 41);
	for (i = 0; i < 41; i++)
		kmem_cache_free(s, objs[i]);
	assert_int_equal(kmem_cache_shrink(s), 0);
	assert_true(sl_slabinfo(buf, sizeof(buf), "info-200", &si));
	assert_int_equal(si.num_objs, 0);
	assert_int_equal(si.active_objs, 0);
	kmem_cache_destroy(s);
	assert_false(sl_slabinfo(buf, sizeof(buf), "info-200", &si));
	assert_int_equal(sl_settle(), base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kmalloc_size_classes),
		cmocka_unit_test(test_kmalloc_odd_sizes),
		cmocka_unit_test(test_kmalloc_large),
		cmocka_unit_test(test_kmalloc_zero_and_null),
		cmocka_unit_test(test_kcalloc_overflow),
		cmocka_unit_test(test_zeroing),
		cmocka_unit_test(test_krealloc),
		cmocka_unit_test(test_cache_alignment),
		cmocka_unit_test(test_ctor_once),
		cmocka_unit_test(test_shadow_mixed),
		cmocka_unit_test(test_destroy_with_objects),
		cmocka_unit_test(test_shrink),
		cmocka_unit_test(test_slabinfo),
	};

	return cmocka_run_group_tests_name("slub", tests, group_setup, NULL);
}
