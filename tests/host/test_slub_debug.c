// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of SLUB's debugging (mm/slub_debug.c) and of the checks
 * every cache makes: each detection is provoked on purpose and must be
 * caught with Linux's report text (red zone, poison, double free, invalid
 * object pointer, a kfree of memory kmalloc never gave, a free to the wrong
 * cache, a corrupt free pointer, the naive double-free check of the fast
 * path). After each the kernel must go on: later allocations work, hand out
 * distinct objects that keep their contents, and never the object that was
 * quarantined while it is bad.
 *
 * One boot serves the program (group setup) with slub_debug=FZPU,kmalloc-64,
 * so kmalloc-64 is a debugging cache and the other kmalloc caches are not;
 * the tests create their own caches with SLAB_* debug flags. A cache whose
 * slab was quarantined keeps objects forever (as in Linux): destroying it
 * reports them and keeps it, which those tests check instead of a clean
 * destroy.
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

#define FZPU SLAB_DEBUG_FLAGS

/* Linux's include/linux/poison.h, written out here rather than taken from mm/slab.h. */
#define POISON_FREE 0x6b
#define POISON_END 0xa5
#define SLUB_RED_INACTIVE 0xbb
#define SLUB_RED_ACTIVE 0xcc

static int group_setup(void **state)
{
	sl_boot(SZ_64M, "FZPU,kmalloc-64");
	return 0;
}

static struct kmem_cache *kmalloc_cache(size_t size)
{
	void *p = kmalloc(size, GFP_KERNEL);
	struct kmem_cache *s;

	assert_non_null(p);
	s = virt_to_head_page(p)->slab_cache;
	kfree(p);
	return s;
}

static struct kmem_cache *new_cache(const char *name, unsigned int size, slab_flags_t flags)
{
	struct kmem_cache *s = kmem_cache_create(name, size, 0, flags, NULL);

	assert_non_null(s);
	assert_int_equal(s->flags & SLAB_DEBUG_FLAGS, flags & SLAB_DEBUG_FLAGS);
	return s;
}

/* Destroy @s, which must have nothing left: no report. */
static void destroy_clean(struct kmem_cache *s)
{
	host_printk_reset();
	kmem_cache_destroy(s);
	if (host_printk_contains("still has objects"))
		fail_msg("destroy reported objects left:\n%s", host_printk_log());
}

static bool log_has_bug(void)
{
	return host_printk_contains("BUG ") || host_printk_contains("invalid pointer") ||
	       host_printk_contains("Wrong slab cache");
}

/*
 * The kernel goes on: @n objects from @s (NULL: kmalloc(@size)) are handed
 * out, none of them @bad (if not NULL), none overlapping, each keeping its
 * pattern; then freed. Nothing is reported meanwhile.
 */
static void check_goes_on(struct kmem_cache *s, size_t size, unsigned int n, const void *bad)
{
	struct sl_obj *objs = calloc(n, sizeof(*objs));
	unsigned int i;

	assert_non_null(objs);
	host_printk_reset();
	for (i = 0; i < n; i++) {
		objs[i] = (struct sl_obj){ .s = s, .size = s ? kmem_cache_size(s) : size };
		assert_true(sl_obj_alloc(&objs[i], GFP_KERNEL, i + 1));
		if (bad && objs[i].p == bad)
			fail_msg("%s handed out the quarantined object %p again",
				 s ? s->name : "kmalloc", bad);
	}
	assert_int_equal(sl_shadow_check(objs, n), n);
	for (i = 0; i < n; i++)
		assert_true(sl_obj_free(&objs[i]));
	if (log_has_bug())
		fail_msg("reports while going on:\n%s", host_printk_log());
	free(objs);
}

/* ============================================================= slub_debug */

/* slub_debug= applies its flags to the caches created after it, all or the named ones. */
static void test_slub_debug_flags(void **state)
{
	struct kmem_cache *s, *t;

	assert_int_equal(kmalloc_cache(64)->flags & SLAB_DEBUG_FLAGS, FZPU);
	assert_int_equal(kmalloc_cache(32)->flags & SLAB_DEBUG_FLAGS, 0);
	assert_int_equal(kmalloc_cache(128)->flags & SLAB_DEBUG_FLAGS, 0);

	assert_int_equal(setup_slub_debug("ZP"), 0);
	s = new_cache("dbg-zp", 40, SLAB_RED_ZONE | SLAB_POISON);
	destroy_clean(s);
	assert_int_equal(setup_slub_debug("U,dbg-named,dbg-named2"), 0);
	s = new_cache("dbg-named2", 40, SLAB_STORE_USER);
	t = new_cache("dbg-other", 40, 0);
	destroy_clean(s);
	destroy_clean(t);
	assert_int_equal(setup_slub_debug(""), 0); /* bare slub_debug: everything */
	s = new_cache("dbg-all", 40, FZPU);
	destroy_clean(s);
	host_printk_reset();
	assert_int_equal(setup_slub_debug("Fq"), 0);
	assert_true(pa_log_has("slub_debug option 'q' unknown. skipped"));
	s = new_cache("dbg-f", 40, SLAB_CONSISTENCY_CHECKS);
	destroy_clean(s);
	assert_int_equal(setup_slub_debug("-"), 0);
	s = new_cache("dbg-none", 40, 0);
	destroy_clean(s);
}

/* ============================================================== red zone */

static void assert_redzone_report(const char *cache, u8 got, u8 want, const void *obj)
{
	assert_true(pa_log_has("BUG %s (Not tainted): Redzone overwritten\n", cache));
	assert_true(pa_log_has("First byte %#x instead of %#x\n", got, want));
	assert_true(pa_log_has("FIX %s: Restoring Redzone ", cache));
	if (obj)
		assert_true(pa_log_has("FIX %s: Object at %p not freed\n", cache, obj));
}

/* A write past the object, caught when it is freed: reported, repaired, not freed. */
static void test_redzone_kmalloc(void **state)
{
	struct kmem_cache *s = kmalloc_cache(64);
	unsigned long base = sl_settle();
	u8 *p = kmalloc(64, GFP_KERNEL);

	assert_non_null(p);
	assert_int_equal(ksize(p), 64); /* the red zone is not the caller's */
	memset(p, 0x11, 64);
	p[64] = 0x22; /* one byte too far */
	host_printk_reset();
	kfree(p);
	assert_redzone_report("kmalloc-64", 0x22, SLUB_RED_ACTIVE, p);
	assert_true(pa_log_has("INFO: Allocated in 0x"));
	assert_true(pa_log_has("Redzone  "));
	/* Not freed: never handed out again while it is held. */
	check_goes_on(NULL, 64, 3 * sl_objperslab(s), p);
	assert_true(p[0] == 0x11 && p[63] == 0x11); /* its contents are untouched */
	/* The red zone was restored: now it frees normally. */
	host_printk_reset();
	kfree(p);
	assert_false(log_has_bug());
	assert_int_equal(sl_settle(), base);
}

/* The same on a created cache of an odd size (3 bytes of red zone up to the word). */
static void test_redzone_cache(void **state)
{
	struct kmem_cache *s = new_cache("rz-13", 13, SLAB_RED_ZONE);
	u8 *a, *b;

	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	assert_non_null(a);
	assert_non_null(b);
	a[15] = 0x33; /* the last red-zone byte */
	host_printk_reset();
	kmem_cache_free(s, a);
	assert_redzone_report("rz-13", 0x33, SLUB_RED_ACTIVE, a);
	check_goes_on(s, 0, 2 * sl_objperslab(s), a);
	host_printk_reset();
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	assert_false(log_has_bug());
	destroy_clean(s);
}

/*
 * A write into the red zone of a free object: caught when the object would
 * be handed out; its slab is quarantined (all objects marked used) and the
 * allocation comes from a new slab.
 */
static void test_redzone_free_object(void **state)
{
	struct kmem_cache *s = new_cache("rz-free", 64, SLAB_RED_ZONE);
	u8 *a, *b, *c;

	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	assert_int_equal(a[64], SLUB_RED_INACTIVE);
	a[64] = 0x44;
	host_printk_reset();
	c = kmem_cache_alloc(s, GFP_KERNEL);
	assert_redzone_report("rz-free", 0x44, SLUB_RED_INACTIVE, NULL);
	assert_true(pa_log_has("FIX rz-free: Marking all objects used\n"));
	assert_non_null(c);
	assert_ptr_not_equal(c, a);
	assert_ptr_not_equal(virt_to_head_page(c), virt_to_head_page(a));
	kmem_cache_free(s, c);
	check_goes_on(s, 0, 3 * sl_objperslab(s), a);
	/* b, allocated before, still frees normally. */
	host_printk_reset();
	kmem_cache_free(s, b);
	assert_false(log_has_bug());
	check_goes_on(s, 0, 3 * sl_objperslab(s), a);
	/* The quarantined slab keeps the cache (Linux's behaviour). */
	host_printk_reset();
	kmem_cache_destroy(s);
	assert_true(pa_log_has("kmem_cache_destroy rz-free: Slab cache still has objects"));
	assert_true(pa_log_has("BUG rz-free (Not tainted): Objects remaining in rz-free"));
}

/* ================================================================ poison */

/*
 * A write into a freed, poisoned object (use after free): caught at the next
 * allocation that would hand it out, reported, repaired, its slab
 * quarantined; the allocation succeeds from another slab.
 */
static void test_use_after_free_poison(void **state)
{
	struct kmem_cache *s = new_cache("uaf-100", 100, SLAB_POISON | SLAB_RED_ZONE);
	u8 *a, *b, *c;
	unsigned int i;

	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	assert_non_null(a);
	assert_non_null(b);
	memset(a, 0, 100);
	kmem_cache_free(s, a);
	/* Freed: Linux's poison, 0x6b and a last 0xa5. */
	for (i = 0; i < 99; i++)
		assert_int_equal(a[i], POISON_FREE);
	assert_int_equal(a[99], POISON_END);

	a[10] = 0x42; /* use after free */
	host_printk_reset();
	c = kmem_cache_alloc(s, GFP_KERNEL);
	assert_true(pa_log_has("BUG uaf-100 (Not tainted): Poison overwritten\n"));
	assert_true(pa_log_has("First byte 0x42 instead of 0x6b\n"));
	assert_true(pa_log_has("FIX uaf-100: Restoring Poison "));
	assert_true(pa_log_has("FIX uaf-100: Marking all objects used\n"));
	assert_true(pa_log_has("Object   "));
	assert_non_null(c);
	assert_ptr_not_equal(c, a);
	assert_ptr_not_equal(virt_to_head_page(c), virt_to_head_page(a));
	assert_int_equal(a[10], POISON_FREE); /* repaired */
	check_goes_on(s, 0, 3 * sl_objperslab(s), a);
	host_printk_reset();
	kmem_cache_free(s, c);
	kmem_cache_free(s, b);
	assert_false(log_has_bug());
	check_goes_on(s, 0, 3 * sl_objperslab(s), a);
	host_printk_reset();
	kmem_cache_destroy(s);
	assert_true(pa_log_has("kmem_cache_destroy uaf-100: Slab cache still has objects"));
}

/* The same through kfree on the debugging kmalloc-64: the last poison byte. */
static void test_use_after_free_kmalloc(void **state)
{
	u8 *a = kmalloc(64, GFP_KERNEL), *b = kmalloc(64, GFP_KERNEL), *c;

	assert_non_null(a);
	assert_non_null(b);
	kfree(a);
	a[63] = 0; /* where POISON_END was */
	host_printk_reset();
	c = kmalloc(64, GFP_KERNEL);
	assert_true(pa_log_has("BUG kmalloc-64 (Not tainted): End Poison overwritten\n"));
	assert_true(pa_log_has("First byte 0 instead of 0xa5\n"));
	assert_non_null(c);
	assert_ptr_not_equal(c, a);
	check_goes_on(NULL, 64, 3 * sl_objperslab(kmalloc_cache(64)), a);
	host_printk_reset();
	kfree(b);
	kfree(c);
	assert_false(log_has_bug());
}

/* ============================================================ double free */

static void test_double_free_debug(void **state)
{
	unsigned long base = sl_settle();
	struct kmem_cache *s = new_cache("dfree-64", 64, FZPU);
	void *a, *b;

	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	assert_non_null(a);
	assert_non_null(b);
	kmem_cache_free(s, a);
	host_printk_reset();
	kmem_cache_free(s, a);
	assert_true(pa_log_has("BUG dfree-64 (Not tainted): Object already free\n"));
	assert_true(pa_log_has("FIX dfree-64: Object at %p not freed\n", a));
	/* Who allocated and freed it (SLAB_STORE_USER). */
	assert_true(pa_log_has("INFO: Allocated in 0x"));
	assert_true(pa_log_has("INFO: Freed in 0x"));
	/* a is free once: handed out once at most, never twice at the same time. */
	check_goes_on(s, 0, 3 * sl_objperslab(s), NULL);
	host_printk_reset();
	kmem_cache_free(s, b);
	assert_false(log_has_bug());
	assert_int_equal(kmem_cache_shrink(s), 0); /* nothing is lost */
	destroy_clean(s);
	assert_int_equal(sl_settle(), base);
}

static void test_double_free_kmalloc(void **state)
{
	void *a = kmalloc(64, GFP_KERNEL), *b = kmalloc(64, GFP_KERNEL);

	kfree(a);
	host_printk_reset();
	kfree(a);
	assert_true(pa_log_has("BUG kmalloc-64 (Not tainted): Object already free\n"));
	check_goes_on(NULL, 64, 2 * sl_objperslab(kmalloc_cache(64)), NULL);
	kfree(b);
}

/* A non-debugging cache: the fast path's naive check (the same object freed twice in a row). */
static void test_double_free_fast_path(void **state)
{
	struct kmem_cache *s = new_cache("naive-48", 48, 0);
	void *a, *b, *p1, *p2;

	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	host_printk_reset();
	kmem_cache_free(s, a);
	assert_true(pa_log_has("BUG naive-48 (Not tainted): Object already free\n"));
	assert_true(pa_log_has("FIX naive-48: Object at %p not freed\n", a));
	/* a is on the freelist once: the next two allocations differ. */
	p1 = kmem_cache_alloc(s, GFP_KERNEL);
	p2 = kmem_cache_alloc(s, GFP_KERNEL);
	assert_ptr_equal(p1, a);
	assert_ptr_not_equal(p2, a);
	kmem_cache_free(s, p1);
	kmem_cache_free(s, p2);
	check_goes_on(s, 0, 3 * sl_objperslab(s), NULL);
	kmem_cache_free(s, b);

	/* kfree on a non-debugging kmalloc cache. */
	a = kmalloc(32, GFP_KERNEL);
	kfree(a);
	host_printk_reset();
	kfree(a);
	assert_true(pa_log_has("BUG kmalloc-32 (Not tainted): Object already free\n"));
	p1 = kmalloc(32, GFP_KERNEL);
	p2 = kmalloc(32, GFP_KERNEL);
	assert_ptr_not_equal(p1, p2);
	kfree(p1);
	kfree(p2);
	destroy_clean(s);
}

/* ======================================================= invalid pointers */

/* A pointer into a debugging cache's object, not at its start. */
static void test_invalid_object_pointer(void **state)
{
	struct kmem_cache *s = new_cache("inval-64", 64, FZPU);
	u8 *a, *k;

	a = kmem_cache_alloc(s, GFP_KERNEL);
	assert_non_null(a);
	sl_fill(a, 64, 9);
	host_printk_reset();
	kmem_cache_free(s, a + 8);
	assert_true(pa_log_has("BUG inval-64 (Not tainted): Invalid object pointer %p\n", a + 8));
	assert_true(pa_log_has("FIX inval-64: Object at %p not freed\n", a + 8));
	assert_true(sl_pattern_ok(a, 64, 9)); /* the object is untouched and still allocated */
	check_goes_on(s, 0, 2 * sl_objperslab(s), a);

	k = kmalloc(64, GFP_KERNEL);
	assert_non_null(k);
	host_printk_reset();
	kfree(k + 16);
	assert_true(
		pa_log_has("BUG kmalloc-64 (Not tainted): Invalid object pointer %p\n", k + 16));
	check_goes_on(NULL, 64, 2 * sl_objperslab(kmalloc_cache(64)), k);

	host_printk_reset();
	kfree(k);
	kmem_cache_free(s, a);
	assert_false(log_has_bug());
	destroy_clean(s);
}

static long not_from_kmalloc = 0x1234;

/* kfree of memory kmalloc never gave: reported, nothing freed, nothing changed. */
static void test_kfree_invalid_pointer(void **state)
{
	struct kmem_cache *s = new_cache("inval-cache", 64, 0);
	unsigned long base = sl_settle();
	struct page *page;
	u8 *big;

	/* A page from the buddy allocator. */
	page = pa_alloc(NUMA_NO_NODE, GFP_KERNEL, 0);
	assert_non_null(page);
	host_printk_reset();
	kfree(page_address(page));
	assert_true(pa_log_has("kfree: invalid pointer %p from 0x", page_address(page)));
	assert_true(pa_log_has("not from kmalloc or a slab cache, not freed\n"));
	assert_int_equal(page_ref_count(page), 1);
	host_printk_reset();
	kfree((char *)page_address(page) + 100);
	assert_true(pa_log_has("kfree: invalid pointer %p", (char *)page_address(page) + 100));
	assert_int_equal(ksize(page_address(page)), 0);
	/* Freed to a cache: it is no slab's. */
	host_printk_reset();
	kmem_cache_free(s, page_address(page));
	assert_true(
		pa_log_has("kmem_cache_free: Object is not a Slab page! (inval-cache, object %p)",
			   page_address(page)));
	assert_int_equal(page_ref_count(page), 1);
	pa_check(); /* the page is still the test's: on no free list */
	pa_free(page, 0);

	/* A static variable: not even in the direct map. */
	host_printk_reset();
	kfree(&not_from_kmalloc);
	assert_true(pa_log_has("kfree: invalid pointer %p", (void *)&not_from_kmalloc));
	host_printk_reset();
	kmem_cache_free(s, &not_from_kmalloc);
	assert_true(pa_log_has("kfree: invalid pointer %p", (void *)&not_from_kmalloc));
	assert_int_equal(not_from_kmalloc, 0x1234);

	/* Inside a large kmalloc, not at its start: the pages stay allocated. */
	big = kmalloc(5 * PAGE_SIZE, GFP_KERNEL);
	assert_non_null(big);
	sl_fill(big, 5 * PAGE_SIZE, 3);
	host_printk_reset();
	kfree(big + PAGE_SIZE);
	assert_true(pa_log_has("kfree: invalid pointer %p", big + PAGE_SIZE));
	assert_int_equal(sl_free_pages(), base - 8);
	assert_true(sl_pattern_ok(big, 5 * PAGE_SIZE, 3));
	kfree(big);
	assert_int_equal(sl_free_pages(), base);

	check_goes_on(s, 0, 2 * sl_objperslab(s), NULL);
	check_goes_on(NULL, 100, 100, NULL);
	destroy_clean(s);
}

/* ============================================================ wrong cache */

static void test_wrong_cache(void **state)
{
	struct kmem_cache *a_cache = new_cache("wrong-a", 64, 0);
	struct kmem_cache *b_cache = new_cache("wrong-b", 64, 0);
	struct kmem_cache *d_cache = new_cache("wrong-dbg", 64, FZPU);
	u8 *a, *k, *d;

	a = kmem_cache_alloc(a_cache, GFP_KERNEL);
	assert_non_null(a);
	sl_fill(a, 64, 1);
	host_printk_reset();
	kmem_cache_free(b_cache, a);
	assert_true(pa_log_has("kmem_cache_free: Wrong slab cache. wrong-b but object is from "
			       "wrong-a\n"));
	assert_true(pa_log_has("FIX wrong-b: Object at %p not freed\n", a));
	assert_true(sl_pattern_ok(a, 64, 1));
	check_goes_on(a_cache, 0, 3 * sl_objperslab(a_cache), a);
	check_goes_on(b_cache, 0, 3 * sl_objperslab(b_cache), a);

	/* A kmalloc object to a created cache, and a debugging cache's to another. */
	k = kmalloc(64, GFP_KERNEL);
	d = kmem_cache_alloc(d_cache, GFP_KERNEL);
	host_printk_reset();
	kmem_cache_free(a_cache, k);
	assert_true(pa_log_has("Wrong slab cache. wrong-a but object is from kmalloc-64\n"));
	host_printk_reset();
	kmem_cache_free(a_cache, d);
	assert_true(pa_log_has("Wrong slab cache. wrong-a but object is from wrong-dbg\n"));
	check_goes_on(d_cache, 0, 2 * sl_objperslab(d_cache), d);

	host_printk_reset();
	kfree(k);
	kmem_cache_free(d_cache, d);
	kmem_cache_free(a_cache, a);
	assert_false(log_has_bug());
	destroy_clean(a_cache);
	destroy_clean(b_cache);
	destroy_clean(d_cache);
}

/* ======================================================= free pointer */

/*
 * The free pointer of a free object (inside it: no poison, no constructor)
 * overwritten: caught when the object is handed out; the slab is quarantined.
 */
static void test_freepointer_corrupt(void **state)
{
	struct kmem_cache *s = new_cache("fp-64", 64, SLAB_RED_ZONE);
	void *a, *b, *c;

	assert_true(s->offset < 64);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	*(unsigned long *)((char *)a + s->offset) = 0xdead0000beefUL;
	host_printk_reset();
	c = kmem_cache_alloc(s, GFP_KERNEL);
	assert_true(pa_log_has("BUG fp-64 (Not tainted): Freepointer corrupt\n"));
	assert_true(pa_log_has("FIX fp-64: Marking all objects used\n"));
	assert_non_null(c);
	assert_ptr_not_equal(c, a);
	assert_ptr_not_equal(virt_to_head_page(c), virt_to_head_page(a));
	check_goes_on(s, 0, 3 * sl_objperslab(s), a);
	host_printk_reset();
	kmem_cache_free(s, b);
	kmem_cache_free(s, c);
	assert_false(log_has_bug());
	check_goes_on(s, 0, 3 * sl_objperslab(s), a);
	host_printk_reset();
	kmem_cache_destroy(s);
	assert_true(pa_log_has("kmem_cache_destroy fp-64: Slab cache still has objects"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slub_debug_flags),
		cmocka_unit_test(test_redzone_kmalloc),
		cmocka_unit_test(test_redzone_cache),
		cmocka_unit_test(test_redzone_free_object),
		cmocka_unit_test(test_use_after_free_poison),
		cmocka_unit_test(test_use_after_free_kmalloc),
		cmocka_unit_test(test_double_free_debug),
		cmocka_unit_test(test_double_free_kmalloc),
		cmocka_unit_test(test_double_free_fast_path),
		cmocka_unit_test(test_invalid_object_pointer),
		cmocka_unit_test(test_kfree_invalid_pointer),
		cmocka_unit_test(test_wrong_cache),
		cmocka_unit_test(test_freepointer_corrupt),
	};

	return cmocka_run_group_tests_name("slub_debug", tests, group_setup, NULL);
}
