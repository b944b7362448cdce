// SPDX-License-Identifier: GPL-2.0
/*
 * Host stress test of SLUB on several CPUs: 4 threads play CPUs 0..3 and
 * allocate and free at random (seeded) from five created caches (one with a
 * constructor, one SLAB_HWCACHE_ALIGN, one of order-3 slabs) and kmalloc of
 * every size class and large sizes. Each CPU has an inbox that the others
 * hand objects they allocated over to, so that a good part of the frees are
 * remote: the object's slab is another CPU's (SLUB's __slab_free path,
 * frozen and full slabs, CPU partial lists). Now and then a thread shrinks a cache, which
 * flushes the other CPUs' slabs under them.
 *
 * Every object carries a pattern from its address and its allocation, checked
 * before it is freed (on the freeing thread) and, at a barrier after each
 * round with all threads paused, by the main thread over every live object
 * with the shadow map (patterns intact, no two live objects overlapping),
 * together with the page allocator's invariant checker. At the end
 * everything is freed, every cache shrunk and destroyed, and the free page
 * count must be exactly what it was before the test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mm.h>

#include "host_printk.h"
#include "slub_helpers.h"

#define THREADS 4
#define ROUNDS 10
#ifndef OPS
#define OPS 30000
#endif
#define SLOTS 512
#define MBOX 256 /* per CPU */

#define CTOR_MAGIC 0x5eedc7045eedc704ULL

enum { C_32, C_CTOR, C_192_HW, C_1000, C_3000, NR_CACHES };

static struct kmem_cache *caches[NR_CACHES];
static unsigned long ctor_calls;

static void stress_ctor(void *p)
{
	*(u64 *)p = CTOR_MAGIC;
	__atomic_fetch_add(&ctor_calls, 1, __ATOMIC_RELAXED);
}

struct worker {
	unsigned int cpu;
	u64 seed;
	struct sl_obj slot[SLOTS];
	unsigned long allocs, frees, remote_frees, handed, shrinks, failed;
	/* Errors found on the thread (cmocka asserts only on the main one). */
	unsigned long bad_pattern, bad_ctor, bad_zero, bad_align;
	pthread_t thread;
};

static struct worker workers[THREADS];
static pthread_barrier_t barrier;

/*
 * Objects in transit: mbox[t] is CPU t's inbox, which other CPUs put objects
 * they allocated into and only CPU t takes (and frees) them from. A host
 * mutex, not a kernel lock.
 */
static struct sl_obj mbox[THREADS][MBOX];
static unsigned int mbox_cpu[THREADS][MBOX]; /* which CPU allocated it */
static pthread_mutex_t mbox_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * The constructed word of a C_CTOR object is not the test's: its sl_obj
 * covers the object from byte 8 (so the object stays in its constructed
 * state, as SLUB requires of objects with a constructor).
 */
static void *obj_base(const struct sl_obj *o)
{
	return o->s == caches[C_CTOR] ? (char *)o->p - 8 : o->p;
}

static size_t random_kmalloc_size(u64 *seed)
{
	unsigned int r = pa_rand(seed) % 100;

	if (r < 70)
		return 1 + pa_rand(seed) % 512;
	if (r < 98)
		return 1 + pa_rand(seed) % KMALLOC_MAX_CACHE_SIZE;
	return KMALLOC_MAX_CACHE_SIZE + 1 + pa_rand(seed) % (3 * PAGE_SIZE);
}

static bool all_zero(const void *p, size_t size)
{
	const u8 *b = p;
	size_t i;

	for (i = 0; i < size; i++)
		if (b[i])
			return false;
	return true;
}

static void worker_alloc(struct worker *w, struct sl_obj *o)
{
	unsigned int which = pa_rand(&w->seed) % (NR_CACHES + 2);
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;
	bool zero = which != C_CTOR && pa_rand(&w->seed) % 8 == 0;
	void *p;

	if (zero)
		gfp |= __GFP_ZERO;
	if (which < NR_CACHES) {
		struct kmem_cache *s = caches[which];

		p = kmem_cache_alloc(s, gfp);
		*o = (struct sl_obj){ .s = s, .p = p, .size = kmem_cache_size(s) };
	} else {
		size_t size = random_kmalloc_size(&w->seed);

		p = kmalloc(size, gfp);
		*o = (struct sl_obj){ .p = p, .size = size };
	}
	if (!p) {
		w->failed++;
		return;
	}
	if ((uintptr_t)p % 8 || (o->s == caches[C_192_HW] && (uintptr_t)p % 64))
		w->bad_align++;
	if (zero && !all_zero(p, o->size))
		w->bad_zero++;
	if (o->s == caches[C_CTOR]) {
		if (*(u64 *)p != CTOR_MAGIC)
			w->bad_ctor++;
		o->p = (char *)p + 8;
		o->size -= 8;
	}
	o->tag = ((u64)w->cpu << 48) ^ ++w->allocs;
	sl_fill(o->p, o->size, o->tag);
}

static void worker_free(struct worker *w, struct sl_obj *o, bool remote)
{
	void *p = obj_base(o);

	if (!sl_pattern_ok(o->p, o->size, o->tag))
		w->bad_pattern++;
	if (o->s == caches[C_CTOR] && *(u64 *)p != CTOR_MAGIC)
		w->bad_ctor++;
	if (o->s)
		kmem_cache_free(o->s, p);
	else
		kfree(p);
	o->p = NULL;
	w->frees++;
	w->remote_frees += remote;
}

/* Put @o in another CPU's inbox (true) or leave it (false: that slot was taken). */
static bool mbox_put(struct worker *w, struct sl_obj *o)
{
	unsigned int to = (w->cpu + 1 + pa_rand(&w->seed) % (THREADS - 1)) % THREADS;
	unsigned int i = pa_rand(&w->seed) % MBOX;
	bool done = false;

	pthread_mutex_lock(&mbox_lock);
	if (!mbox[to][i].p) {
		mbox[to][i] = *o;
		mbox_cpu[to][i] = w->cpu;
		o->p = NULL;
		done = true;
	}
	pthread_mutex_unlock(&mbox_lock);
	return done;
}

/* Take an object from this CPU's inbox into @o; false if that slot was empty. */
static bool mbox_take(struct worker *w, struct sl_obj *o, unsigned int *from)
{
	unsigned int i = pa_rand(&w->seed) % MBOX;
	bool done = false;

	pthread_mutex_lock(&mbox_lock);
	if (mbox[w->cpu][i].p) {
		*o = mbox[w->cpu][i];
		*from = mbox_cpu[w->cpu][i];
		mbox[w->cpu][i].p = NULL;
		done = true;
	}
	pthread_mutex_unlock(&mbox_lock);
	return done;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	unsigned int round, i;

	host_set_cpu(w->cpu);
	for (round = 0; round < ROUNDS; round++) {
		for (i = 0; i < OPS; i++) {
			u64 r = pa_rand(&w->seed);
			struct sl_obj *o = &w->slot[r % SLOTS];
			unsigned int from;

			r >>= 16;
			if (r % 3000 == 0) {
				/* Flushes every CPU's slabs of the cache, the others' included. */
				kmem_cache_shrink(caches[(r >> 16) % NR_CACHES]);
				w->shrinks++;
			} else if (o->p) {
				if (r % 3 == 0 && mbox_put(w, o))
					w->handed++;
				else
					worker_free(w, o, false);
			} else if (r % 2 == 0) {
				struct sl_obj t;

				if (mbox_take(w, &t, &from))
					worker_free(w, &t, from != w->cpu);
			} else {
				worker_alloc(w, o);
			}
		}
		pthread_barrier_wait(&barrier); /* paused: the main thread checks */
		pthread_barrier_wait(&barrier);
	}
	for (i = 0; i < SLOTS; i++)
		if (w->slot[i].p)
			worker_free(w, &w->slot[i], false);
	pthread_barrier_wait(&barrier);
	return NULL;
}

/* Every live object (threads' slots and the mailbox) with the shadow map. */
static unsigned long check_all(void)
{
	static struct sl_obj all[THREADS * (SLOTS + MBOX)];
	unsigned int t, n = 0;

	for (t = 0; t < THREADS; t++) {
		struct worker *w = &workers[t];

		assert_int_equal(w->bad_pattern, 0);
		assert_int_equal(w->bad_ctor, 0);
		assert_int_equal(w->bad_zero, 0);
		assert_int_equal(w->bad_align, 0);
		memcpy(all + n, w->slot, sizeof(w->slot));
		n += SLOTS;
	}
	memcpy(all + n, mbox, sizeof(mbox));
	n += THREADS * MBOX;
	return sl_shadow_check(all, n);
}

static void test_smp_slub(void **state)
{
	static const char *const names[NR_CACHES] = { "st-32", "st-ctor-80", "st-192-hw", "st-1000",
						      "st-3000" };
	unsigned long base = sl_settle(), with_caches, allocs = 0, frees = 0, remote = 0;
	unsigned long handed = 0;
	unsigned long shrinks = 0, failed = 0, live, max_live = 0;
	/* SLUB_STRESS_SEED=<n> replays or explores another run. */
	const char *env = getenv("SLUB_STRESS_SEED");
	u64 seed = env ? strtoull(env, NULL, 0) : 0x51ab0000ULL;
	unsigned int t, round, i;

	memset(workers, 0, sizeof(workers));
	memset(mbox, 0, sizeof(mbox));
	ctor_calls = 0;
	caches[C_32] = kmem_cache_create(names[C_32], 32, 0, 0, NULL);
	caches[C_CTOR] = kmem_cache_create(names[C_CTOR], 80, 0, 0, stress_ctor);
	caches[C_192_HW] = kmem_cache_create(names[C_192_HW], 192, 0, SLAB_HWCACHE_ALIGN, NULL);
	caches[C_1000] = kmem_cache_create(names[C_1000], 1000, 0, 0, NULL);
	caches[C_3000] = kmem_cache_create(names[C_3000], 3000, 0, 0, NULL);
	for (i = 0; i < NR_CACHES; i++)
		assert_non_null(caches[i]);
	assert_int_equal(sl_pagesperslab(caches[C_3000]), 8);
	with_caches = sl_settle();

	host_printk_reset();
	assert_int_equal(pthread_barrier_init(&barrier, NULL, THREADS + 1), 0);
	for (t = 0; t < THREADS; t++) {
		workers[t].cpu = t;
		workers[t].seed = seed + t * 104729;
		print_message("# smp_slub: cpu %u seed %#llx\n", t,
			      (unsigned long long)workers[t].seed);
		assert_int_equal(pthread_create(&workers[t].thread, NULL, worker_main, &workers[t]),
				 0);
	}
	for (round = 0; round < ROUNDS; round++) {
		pthread_barrier_wait(&barrier);
		live = check_all();
		max_live = max(max_live, live);
		pa_check();
		pthread_barrier_wait(&barrier);
	}
	pthread_barrier_wait(&barrier); /* the threads freed their slots */
	for (t = 0; t < THREADS; t++) {
		assert_int_equal(pthread_join(workers[t].thread, NULL), 0);
		allocs += workers[t].allocs;
		frees += workers[t].frees;
		remote += workers[t].remote_frees;
		handed += workers[t].handed;
		shrinks += workers[t].shrinks;
		failed += workers[t].failed;
	}
	pthread_barrier_destroy(&barrier);
	/* What is left in the mailbox: freed here, on CPU 0. */
	live = check_all();
	{
		struct worker w0 = { .cpu = 0 };

		for (t = 0; t < THREADS; t++)
			for (i = 0; i < MBOX; i++)
				if (mbox[t][i].p) {
					worker_free(&w0, &mbox[t][i], false);
					frees++;
				}
		assert_int_equal(w0.bad_pattern + w0.bad_ctor, 0);
		handed -= w0.frees; /* what was handed over is freed remotely or here */
	}
	print_message("# smp_slub: %lu allocations (%lu failed), %lu frees, %lu remote, %lu handed "
		      "over, %lu shrinks, up to %lu live, %lu constructor calls\n",
		      allocs, failed, frees, remote, handed, shrinks, max_live, ctor_calls);
	assert_int_equal(allocs, frees);
	assert_int_equal(failed, 0);
	/* Every hand-over ended in a free on another CPU. */
	assert_int_equal(remote, handed);
	/* Thousands of them, even if the host ran the threads one after another. */
	assert_true(remote >= ROUNDS * MBOX);
	assert_true(shrinks > 0);
	assert_true(max_live > THREADS * SLOTS / 4);
	/* Constructors ran for whole slabs only. */
	assert_int_equal(ctor_calls % sl_objperslab(caches[C_CTOR]), 0);
	if (host_printk_contains("BUG ") || host_printk_contains("invalid pointer"))
		fail_msg("SLUB reported errors:\n%s", host_printk_log());

	/*
	 * Nothing is left: every created cache shrinks to no slab at all, the
	 * kmalloc caches to what they held before, and the free pages are
	 * exactly as before the run; then the caches go, and with them the
	 * pages of their struct kmem_cache and names.
	 */
	for (i = 0; i < NR_CACHES; i++) {
		assert_int_equal(kmem_cache_shrink(caches[i]), 0);
		assert_int_equal(sl_nr_slabs(caches[i]), 0);
	}
	kmem_cache_shrink_all();
	assert_int_equal(sl_free_pages(), with_caches);
	pa_check();
	host_printk_reset();
	for (i = 0; i < NR_CACHES; i++)
		kmem_cache_destroy(caches[i]);
	assert_false(host_printk_contains("still has objects"));
	assert_int_equal(sl_settle(), base);
	for (t = 0; t < THREADS; t++)
		assert_int_equal(dma32()->per_cpu_pageset[t].count, 0);
	pa_check();
}

static int group_setup(void **state)
{
	sl_boot(SZ_64M, NULL);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_smp_slub),
	};

	return cmocka_run_group_tests_name("slub_stress", tests, group_setup, NULL);
}
