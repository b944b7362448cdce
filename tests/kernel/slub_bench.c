// SPDX-License-Identifier: GPL-2.0
/*
 * make bench: SLUB in guest instructions. The fast path (kmalloc(64) + kfree
 * on the CPU freelist), an allocation that needs a new slab, a free to a slab
 * that is not the CPU slab (__slab_free), and the memory SLUB takes for
 * 10 000 live objects of a few sizes.
 *
 * A free from another hart is not measured: under -icount shift=0 with two
 * harts, QEMU 7.2's round-robin vCPU loop does not run hart 1 while hart 0
 * spins waiting for it in smp_init(), so it never comes online ("CPU1: hart
 * 1 failed to come online"); shift=auto brings it up, but then instret is no
 * longer an instruction count. kfree_slab_free takes the path a remote free
 * takes (__slab_free: the slab's bit lock, the full slab moved to the CPU
 * partial list), from the same hart; QEMU models no cache-line transfer, so
 * a second hart would add nothing to the count.
 */
#include <bench.h>
#include <mm.h>
#include <printk.h>
#include <slub_def.h>

#define WARMUP 64
#define FAST_OPS 10000
#define SLOW_OBJS 4096 /* 64 slabs of the 64-byte cache */
#define FREE_OBJS 1024
#define LIVE_OBJS 10000

static void *objs[LIVE_OBJS];

static void fast_path(void)
{
	unsigned long i, start;

	for (i = 0; i < WARMUP; i++)
		kfree(kmalloc(64, GFP_KERNEL));
	start = bench_instret();
	for (i = 0; i < FAST_OPS; i++)
		kfree(kmalloc(64, GFP_KERNEL));
	bench_report("slub", "kmalloc64_fast", bench_instret() - start, FAST_OPS);
}

/*
 * A cache of its own, so that no older object's slab is there to fill:
 * every 64th allocation needs a new slab. Only those are counted (each
 * allocation timed on its own; the two instret reads cost a few instructions).
 */
static void new_slab(void)
{
	struct kmem_cache *s = kmem_cache_create("bench-64", 64, 0, 0, NULL);
	unsigned long i, slow = 0, insns = 0;

	if (!s)
		return;
	for (i = 0; i < SLOW_OBJS; i++) {
		unsigned long slabs = kmem_cache_nr_slabs(s), start = bench_instret();

		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (kmem_cache_nr_slabs(s) != slabs) {
			insns += bench_instret() - start;
			slow++;
		}
	}
	for (i = 0; i < SLOW_OBJS; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_destroy(s);
	if (slow)
		bench_report("slub", "alloc_new_slab", insns, slow);
}

/* Fill FREE_OBJS objects of kmalloc-64, then take the CPU slab away: no free finds it there. */
static void fill_and_flush(void)
{
	unsigned long i;

	for (i = 0; i < FREE_OBJS; i++)
		objs[i] = kmalloc(64, GFP_KERNEL);
	kmem_cache_shrink_all();
}

static void slab_free_local(void)
{
	unsigned long i, start;

	fill_and_flush();
	start = bench_instret();
	for (i = 0; i < FREE_OBJS; i++)
		kfree(objs[i]);
	bench_report("slub", "kfree_slab_free", bench_instret() - start, FREE_OBJS);
}

/* Pages SLUB takes from the buddy allocator for LIVE_OBJS objects of @size. */
static void overhead(unsigned int size)
{
	unsigned long before, after, i;
	char what[16];

	kmem_cache_shrink_all();
	drain_all_pages(NULL);
	before = nr_free_pages();
	for (i = 0; i < LIVE_OBJS; i++)
		objs[i] = kmalloc(size, GFP_KERNEL);
	drain_all_pages(NULL);
	after = nr_free_pages();
	for (i = 0; i < LIVE_OBJS; i++)
		kfree(objs[i]);
	kmem_cache_shrink_all();
	snprintf(what, sizeof(what), "kmalloc%u", size);
	bench_report_bytes("slub", what, (before - after) * PAGE_SIZE,
			   (unsigned long)LIVE_OBJS * size);
}

static void slub_bench(void)
{
	fast_path();
	new_slab();
	slab_free_local();
	overhead(32);
	overhead(200);
	overhead(3000);
}
DEFINE_BENCH(slub, slub_bench);
