// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of reclaim and swap, end to end, over the real page
 * tables in fake memory: anonymous memory filled past the RAM of the
 * machine (32 MiB) makes the page allocator reclaim directly
 * (mm/vmscan.c), which unmaps pages through the reverse map (mm/rmap.c)
 * and writes them (mm/page_io.c, kernel/blk_core.c) to a swap area on a
 * disk that is a host file, a copy of mkswap's 16 MiB fixture, turned on by
 * swap_setup() (mm/swapon.c); every word is checked after the faults bring
 * the pages back (mm/swap_state.c), and in the file itself. Also: a clean
 * page read back from swap is dropped again without a write; mlocked
 * pages are never taken (mincore tells); a page
 * written to during its write-out stays; read and write errors; shared
 * anonymous memory (a shmem object) mapped by two mms, swapped out through
 * the file's reverse map and read back through both, a hole punched in it,
 * a read error; a seeded
 * random run against a model of every page; the OOM killer's choice among
 * fake tasks (mm/oom_kill.c); and memory and swap both full, where the OOM
 * killer picks the faulting task and its fault fails.
 *
 * One boot serves the program; every test leaves the free pages, the LRU
 * lists and the free swap slots as it found them (but for the slots a
 * write error retires, in the last test).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pagemap.h>
#include <swap.h>
#include <vmstat.h>

#include "blk_fakes.h"
#include "host_printk.h"
#include "mmap_helpers.h"
#include "sched_fakes.h"

#define PG PAGE_SIZE
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define WORDS (PG / sizeof(u64))
#define SWAP_SLOTS (SZ_16M / PG - 1) /* the header takes slot 0 */

static struct host_disk *disk;

static int group_setup(void **state)
{
	const char *dir = getenv("LOAM_SWAP_DIR");
	char path[4096];

	mf_boot(SZ_32M);
	snprintf(path, sizeof(path), "%s/mkswap-16M.img", dir && *dir ? dir : "build/tests/swap");
	disk = host_disk_create("vda", path, 0);
	host_disk_create("vdb", NULL, SZ_1M);
	host_printk_reset();
	swap_setup();
	return 0;
}

/* ============================================================ helpers */

struct baseline {
	unsigned long free, lru;
	long swap;
};

static unsigned long node_stat(enum node_stat_item item)
{
	return node_page_state(NODE_DATA(0), item);
}

static unsigned long lru_pages(void)
{
	return node_stat(NR_INACTIVE_ANON) + node_stat(NR_ACTIVE_ANON) +
	       node_stat(NR_INACTIVE_FILE) + node_stat(NR_ACTIVE_FILE);
}

static struct mm_struct *new_mm(struct baseline *b)
{
	struct mm_struct *mm;

	*b = (struct baseline){ sl_settle(), lru_pages(), get_nr_swap_pages() };
	mm = mm_alloc();
	assert_non_null(mm);
	return mm;
}

/* Every page, LRU entry and swap slot back (@retired: slots a write error took). */
static void put_mm(struct mm_struct *mm, const struct baseline *b, long retired)
{
	mf_check(mm);
	mmput(mm);
	assert_int_equal(lru_pages(), b->lru);
	assert_int_equal(get_nr_swap_pages(), b->swap - retired);
	assert_int_equal(sl_settle(), b->free);
}

static unsigned long map(struct mm_struct *mm, unsigned long pages, unsigned long flags)
{
	long ret = ksys_mmap_pgoff(mm, 0, pages * PG, RW, ANON | flags, -1UL, 0);

	assert_false(IS_ERR_VALUE(ret));
	return ret;
}

static u64 pattern(unsigned long va, unsigned long i, u64 tag)
{
	return (va * 0x9e3779b97f4a7c15ULL) ^ (i << 3) ^ (tag << 40);
}

/* The page a resident PTE maps, through the direct map. */
static u64 *page_words(struct mm_struct *mm, unsigned long va)
{
	u64 pte = sv39_pte(mm, va);

	assert_true(pte & SV39_V);
	return __va(SV39_PPN(pte) << PAGE_SHIFT);
}

/*
 * A user program's stores to every word of the page at @va: the first one
 * through user_store() (which faults as needed), the rest through the same
 * translation. 0, or the fault's error.
 */
static int fill_page(struct mm_struct *mm, unsigned long va, u64 tag)
{
	int err = user_store(mm, va, pattern(va, 0, tag));
	unsigned long i;
	u64 *w;

	if (err)
		return err;
	w = page_words(mm, va);
	for (i = 1; i < WORDS; i++)
		w[i] = pattern(va, i, tag);
	return 0;
}

static void check_words(const u64 *w, unsigned long va, u64 tag, const char *where)
{
	unsigned long i;

	for (i = 0; i < WORDS; i++)
		if (w[i] != pattern(va, i, tag))
			fail_msg("%s: word %lu of the page at %#lx is %#llx, not %#llx", where, i,
				 va, (unsigned long long)w[i],
				 (unsigned long long)pattern(va, i, tag));
}

/* A user program's loads of every word of the page at @va (faulting it in). */
static void check_page(struct mm_struct *mm, unsigned long va, u64 tag)
{
	u64 v;

	assert_int_equal(user_load(mm, va, &v), 0);
	check_words(page_words(mm, va), va, tag, "memory");
}

/* The slot a swap PTE names; 0 if @va is not swapped out. */
static unsigned long swap_slot(struct mm_struct *mm, unsigned long va)
{
	swp_entry_t entry;

	return sv39_swap_entry(sv39_pte(mm, va), &entry) ? swp_offset(entry) : 0;
}

/* The copy of the page at @va in the swap file, which must be there. */
static void check_on_disk(struct mm_struct *mm, unsigned long va, u64 tag)
{
	static u64 buf[WORDS];
	unsigned long slot = swap_slot(mm, va);

	assert_true(slot);
	host_disk_pread(disk, buf, PG, slot * PG);
	check_words(buf, va, tag, "swap file");
}

/* ============================================================ tests */

static void assert_logged(const char *line)
{
	if (!host_printk_contains(line))
		fail_msg("no \"%s\" in the log:\n%s", line, host_printk_log());
}

static void test_swapon(void **state)
{
	/* Linux's line; the disk without a signature is left alone. */
	assert_logged("Adding 16380k swap on vda.  Priority:-2 extents:1 across:16380k");
	assert_logged("swap: vdb has no swap signature: left alone");
	assert_int_equal(total_swap_pages, SWAP_SLOTS);
	assert_int_equal(get_nr_swap_pages(), SWAP_SLOTS);
	/* The header was read, nothing written. */
	assert_int_equal(disk->reads, 1);
	assert_int_equal(disk->writes, 0);
}

/* Fill 8 MiB more than is free; everything comes back, twice. */
static void test_reclaim_and_swap_in(void **state)
{
	unsigned long out = vm_events[PSWPOUT], in = vm_events[PSWPIN];
	unsigned long steal = vm_events[PGSTEAL_DIRECT], writes = disk->writes;
	unsigned long write_requests = disk->write_requests;
	unsigned long n, a, va, checked = 0, reads;
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);

	n = sl_free_pages() + 2048;
	assert_true(n < SWAP_SLOTS + sl_free_pages());
	a = map(mm, n, 0);
	for (va = a; va < a + n * PG; va += PG)
		assert_int_equal(fill_page(mm, va, 1), 0);
	mf_check(mm);
	/* At least the excess went out, by direct reclaim, each page written once. */
	assert_true(vm_events[PSWPOUT] - out >= 2048);
	assert_true(vm_events[PGSTEAL_DIRECT] - steal >= 2048);
	assert_int_equal(disk->writes - writes, vm_events[PSWPOUT] - out);
	/* Reclaim's batches under a plug: neighbouring slots went out as one request. */
	assert_true((disk->write_requests - write_requests) * 4 <= disk->writes - writes);
	/* Every page is either resident or in a slot. */
	assert_true(mm->swapents >= 2048);
	assert_int_equal(mm->rss + mm->swapents, n);
	for (va = a; va < a + n * PG && checked < 64; va += PG)
		if (swap_slot(mm, va)) {
			check_on_disk(mm, va, 1);
			checked++;
		}
	assert_int_equal(checked, 64);

	/* Read back: swap-in faults (and more reclaim) bring every word back. */
	reads = disk->reads;
	for (va = a; va < a + n * PG; va += PG)
		check_page(mm, va, 1);
	mf_check(mm);
	assert_true(vm_events[PSWPIN] - in >= 2048);
	assert_int_equal(disk->reads - reads, vm_events[PSWPIN] - in);
	/* Written again: a copy in the swap cache is stale now, never to be read back. */
	for (va = a; va < a + n * PG; va += PG)
		assert_int_equal(fill_page(mm, va, 2), 0);
	for (va = a; va < a + n * PG; va += PG)
		check_page(mm, va, 2);
	put_mm(mm, &b, 0);
}

/* Pages read back from swap stay clean in the swap cache: reclaim drops them without a write. */
static void test_clean_page_not_written_again(void **state)
{
	unsigned long a, va, r, writes, out, swapped = 0;
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);
	long slots;

	a = map(mm, 64, 0);
	for (va = a; va < a + 64 * PG; va += PG)
		assert_int_equal(fill_page(mm, va, 3), 0);
	assert_int_equal(lru_pages(), b.lru + 64);
	writes = disk->writes;
	r = try_to_free_pages(0, GFP_KERNEL);
	assert_true(r >= 32);
	assert_int_equal(mm->swapents, r);
	assert_int_equal(mm->rss, 64 - r);
	assert_int_equal(disk->writes - writes, r);

	/* A store to a page in swap: its own page again, the slot free at once. */
	for (va = a; !swap_slot(mm, va); va += PG)
		;
	slots = get_nr_swap_pages();
	assert_int_equal(fill_page(mm, va, 3), 0);
	assert_int_equal(get_nr_swap_pages(), slots + 1);
	assert_false(PageSwapCache(virt_to_page(page_words(mm, va))));
	assert_true(sv39_pte(mm, va) & SV39_W);
	r--;

	/* Read back: mapped read-only, still in the swap cache, the slot kept. */
	slots = get_nr_swap_pages();
	for (va = a; va < a + 64 * PG; va += PG) {
		bool was_out = swap_slot(mm, va);

		check_page(mm, va, 3);
		if (was_out) {
			assert_false(sv39_pte(mm, va) & SV39_W);
			assert_true(PageSwapCache(virt_to_page(page_words(mm, va))));
			swapped++;
		} else {
			assert_true(sv39_pte(mm, va) & SV39_W);
			/* Only the pages from swap stay: the others go. */
			assert_int_equal(ksys_munmap(mm, va, PG), 0);
		}
	}
	assert_int_equal(swapped, r);
	assert_int_equal(get_nr_swap_pages(), slots);
	mf_check(mm);

	writes = disk->writes;
	out = vm_events[PSWPOUT];
	assert_true(try_to_free_pages(0, GFP_KERNEL) > 0);
	assert_true(mm->swapents > 0);
	assert_int_equal(disk->writes, writes);
	assert_int_equal(vm_events[PSWPOUT], out);
	mf_check(mm);
	/* From the same slots, intact; a write frees the slot at once. */
	for (va = a; va < a + 64 * PG; va += PG) {
		if (!find_vma_intersection(mm, va, va + PG))
			continue;
		check_page(mm, va, 3);
		slots = get_nr_swap_pages();
		assert_int_equal(fill_page(mm, va, 4), 0);
		assert_int_equal(get_nr_swap_pages(), slots + 1);
		check_page(mm, va, 4);
	}
	put_mm(mm, &b, 0);
}

/*
 * mlock: reclaim never takes a page of a VM_LOCKED VMA (page_referenced()
 * and try_to_unmap() see the VMA); the unlocked half goes to swap, which
 * mincore reports, and everything comes back intact.
 */
static void test_mlock_never_reclaimed(void **state)
{
	unsigned char vec[64];
	unsigned long a, va, i, out = 0;
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);

	a = map(mm, 64, 0);
	for (va = a; va < a + 64 * PG; va += PG)
		assert_int_equal(fill_page(mm, va, 5), 0);
	assert_int_equal(ksys_mlock(mm, a, 32 * PG, 0), 0);
	for (i = 0; i < 4; i++)
		try_to_free_pages(0, GFP_KERNEL);
	assert_int_equal(ksys_mincore(mm, a, 64 * PG, vec), 0);
	for (i = 0; i < 64; i++) {
		if (i < 32) {
			assert_int_equal(vec[i], 1);
			assert_int_equal(swap_slot(mm, a + i * PG), 0);
		} else if (swap_slot(mm, a + i * PG)) {
			/* Written out and dropped from the swap cache: not resident. */
			assert_int_equal(vec[i], 0);
			out++;
		}
	}
	assert_true(out >= 16);
	for (va = a; va < a + 64 * PG; va += PG)
		check_page(mm, va, 5);
	assert_int_equal(ksys_munlock(mm, a, 32 * PG), 0);
	put_mm(mm, &b, 0);
}

/*
 * MADV_FREE: 64 pages move to the inactive file list, clean; reclaim drops
 * the 48 never written again (their PTEs none, reading zeroes, no slot
 * used) and keeps the 16 written since, swap-backed again with their data.
 */
static void test_lazyfree(void **state)
{
	unsigned long lazy = vm_events[PGLAZYFREE], freed = vm_events[PGLAZYFREED];
	unsigned long out = vm_events[PSWPOUT], a, va;
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);
	u64 v;

	a = map(mm, 64, 0);
	for (va = a; va < a + 64 * PG; va += PG)
		assert_int_equal(fill_page(mm, va, 7), 0);
	assert_int_equal(ksys_madvise(mm, a, 64 * PG, MADV_FREE), 0);
	assert_int_equal(vm_events[PGLAZYFREE] - lazy, 64);
	assert_int_equal(node_stat(NR_INACTIVE_FILE), 64);
	/* Still there until reclaim comes, D clear. */
	for (va = a; va < a + 64 * PG; va += PG)
		assert_false(sv39_pte(mm, va) & SV39_D);
	check_page(mm, a + 20 * PG, 7);
	for (va = a; va < a + 16 * PG; va += PG)
		assert_int_equal(fill_page(mm, va, 8), 0);
	/* MADV_PAGEOUT: reclaim whether used lately or not. */
	assert_int_equal(ksys_madvise(mm, a, 64 * PG, MADV_PAGEOUT), 0);
	assert_int_equal(vm_events[PGLAZYFREED] - freed, 48);
	assert_int_equal(vm_events[PSWPOUT], out);
	assert_int_equal(get_nr_swap_pages(), b.swap);
	assert_int_equal(mm->rss, 16);
	assert_int_equal(node_stat(NR_INACTIVE_FILE) + node_stat(NR_ACTIVE_FILE), 0);
	assert_int_equal(node_stat(NR_ACTIVE_ANON) + node_stat(NR_INACTIVE_ANON), b.lru + 16);
	for (va = a + 16 * PG; va < a + 64 * PG; va += PG) {
		assert_int_equal(sv39_pte(mm, va), 0);
		assert_int_equal(user_load(mm, va + 8, &v), 0);
		assert_int_equal(v, 0);
	}
	for (va = a; va < a + 16 * PG; va += PG)
		check_page(mm, va, 8);
	put_mm(mm, &b, 0);
}

/* MADV_FREE gives swap slots back at once; MADV_PAGEOUT had filled them. */
static void test_lazyfree_swap_entries(void **state)
{
	unsigned long a, va;
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);

	a = map(mm, 16, 0);
	for (va = a; va < a + 16 * PG; va += PG)
		assert_int_equal(fill_page(mm, va, 9), 0);
	assert_int_equal(ksys_madvise(mm, a, 16 * PG, MADV_PAGEOUT), 0);
	assert_int_equal(mm->swapents, 16);
	assert_int_equal(get_nr_swap_pages(), b.swap - 16);
	assert_int_equal(ksys_madvise(mm, a, 16 * PG, MADV_FREE), 0);
	assert_int_equal(mm->swapents, 0);
	assert_int_equal(get_nr_swap_pages(), b.swap);
	for (va = a; va < a + 16 * PG; va += PG)
		assert_int_equal(sv39_pte(mm, va), 0);
	put_mm(mm, &b, 0);
}

/* MAP_DROPPABLE: never swap-backed, dropped even when written; mlock does not hold it. */
static void test_droppable(void **state)
{
	unsigned long freed = vm_events[PGLAZYFREED], a, va;
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);
	long ret;

	ret = ksys_mmap_pgoff(mm, 0, 8 * PG, RW, MAP_DROPPABLE | MAP_ANONYMOUS, -1UL, 0);
	assert_false(IS_ERR_VALUE(ret));
	a = ret;
	assert_int_equal(ksys_mmap_pgoff(mm, 0, PG, RW, MAP_DROPPABLE, -1UL, 0), -EBADF);
	assert_int_equal(ksys_mmap_pgoff(mm, 0, PG, RW, MAP_DROPPABLE | MAP_ANONYMOUS | MAP_LOCKED,
					 -1UL, 0),
			 -EINVAL);
	assert_int_equal(ksys_mlock(mm, a, 8 * PG, 0), 0);
	assert_int_equal(mm->locked_vm, 0);
	for (va = a; va < a + 8 * PG; va += PG)
		assert_int_equal(fill_page(mm, va, 10), 0);
	assert_int_equal(node_stat(NR_INACTIVE_FILE), 8);
	assert_int_equal(ksys_madvise(mm, a, 8 * PG, MADV_PAGEOUT), 0);
	assert_int_equal(vm_events[PGLAZYFREED] - freed, 8);
	assert_int_equal(get_nr_swap_pages(), b.swap);
	for (va = a; va < a + 8 * PG; va += PG)
		assert_int_equal(sv39_pte(mm, va), 0);
	put_mm(mm, &b, 0);
}

/* The mm whose page is written to while it is being written out, and which page. */
static struct mm_struct *racing_mm;
static unsigned long racing_va;

/* Another hart's store to the page whose write just reached the disk. */
static void store_during_write(struct host_disk *d, struct blk_request *rq)
{
	if (racing_va)
		return;
	racing_va = rq->bvec[0].bv_page->index << PAGE_SHIFT;
	assert_int_equal(user_store(racing_mm, racing_va, 0xdead), 0);
}

/* A page written to during its write to swap keeps D and stays; the copy is stale. */
static void test_written_during_write(void **state)
{
	unsigned long a, va, r;
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);
	u64 v;
	int i;

	a = map(mm, 64, 0);
	for (va = a; va < a + 64 * PG; va += PG)
		assert_int_equal(fill_page(mm, va, 8), 0);
	racing_mm = mm;
	racing_va = 0;
	disk->after_write = store_during_write;
	r = try_to_free_pages(0, GFP_KERNEL);
	disk->after_write = NULL;
	assert_true(racing_va >= a && racing_va < a + 64 * PG);
	/* Still mapped, with the new word, and not counted as reclaimed. */
	assert_true(sv39_pte(mm, racing_va) & SV39_V);
	assert_int_equal(mm->swapents, r);
	assert_int_equal(page_words(mm, racing_va)[0], 0xdead);
	mf_check(mm);
	/* Reclaimed later, it is written again: swap-in returns the new word. */
	for (i = 0; i < 16 && !swap_slot(mm, racing_va); i++)
		try_to_free_pages(0, GFP_KERNEL);
	assert_true(swap_slot(mm, racing_va));
	assert_int_equal(user_load(mm, racing_va, &v), 0);
	assert_int_equal(v, 0xdead);
	for (i = 1; i < (int)WORDS; i++)
		assert_int_equal(page_words(mm, racing_va)[i], pattern(racing_va, i, 8));
	put_mm(mm, &b, 0);
}

static void test_read_error(void **state)
{
	unsigned long a, va, slot = 0;
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);
	char line[80];
	u64 pte, v;

	a = map(mm, 64, 0);
	for (va = a; va < a + 64 * PG; va += PG)
		assert_int_equal(fill_page(mm, va, 5), 0);
	assert_true(try_to_free_pages(0, GFP_KERNEL) >= 32);
	for (va = a; !slot; va += PG)
		slot = swap_slot(mm, va);
	va -= PG;
	pte = sv39_pte(mm, va);

	host_printk_reset();
	disk->fail_reads = true;
	assert_int_equal(user_load(mm, va, &v), -EIO);
	disk->fail_reads = false;
	/* Linux's line: virtio-blk's major 254, vda's minor 0, the slot's sector. */
	snprintf(line, sizeof(line), "Read-error on swap-device (254:0:%lu)", slot * 8);
	assert_logged(line);
	/* Nothing lost: the PTE still names the slot, and the next fault reads it. */
	assert_int_equal(sv39_pte(mm, va), pte);
	check_page(mm, va, 5);
	put_mm(mm, &b, 0);
}

/* xorshift64 (Marsaglia): the random run's choices, the same on every host. */
static u64 next_rand(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* The page at @va reads as @tag's pattern, or as zeros for tag 0 (never written). */
static void check_model(struct mm_struct *mm, unsigned long va, u64 tag)
{
	unsigned long i;
	u64 v, *w;

	if (tag) {
		check_page(mm, va, tag);
		return;
	}
	assert_int_equal(user_load(mm, va, &v), 0);
	w = page_words(mm, va);
	for (i = 0; i < WORDS; i++)
		if (w[i])
			fail_msg("word %lu of the never-written page at %#lx is %#llx", i, va,
				 (unsigned long long)w[i]);
}

/*
 * A seeded run of 20 000 random loads, stores, MADV_DONTNEEDs and reclaim
 * passes over 4 MiB more than is free, against a model of what each page
 * holds: pages go out and come back in every state (never written, clean
 * in the swap cache, written since), and every read is checked.
 */
static void test_random_model(void **state)
{
	unsigned long n, a, i, p, va;
	u64 seed = 0x1badcafe, tag = 100, *model;
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);

	n = sl_free_pages() + 1024;
	a = map(mm, n, 0);
	model = calloc(n, sizeof(*model));
	assert_non_null(model);
	for (i = 0; i < 20000; i++) {
		u64 r = next_rand(&seed);

		p = (r >> 8) % n;
		va = a + p * PG;
		switch (r % 20) {
		case 0: /* MADV_DONTNEED of up to 8 pages: zeros from now on */
			r = min(n - p, 1 + (r >> 40) % 8);
			assert_int_equal(ksys_madvise(mm, va, r * PG, MADV_DONTNEED), 0);
			while (r--)
				model[p + r] = 0;
			break;
		case 1:
			try_to_free_pages(0, GFP_KERNEL);
			break;
		case 2 ... 10:
			model[p] = ++tag;
			assert_int_equal(fill_page(mm, va, tag), 0);
			break;
		default:
			check_model(mm, va, model[p]);
		}
	}
	assert_true(mm->swapents > 0);
	mf_check(mm);
	for (p = 0; p < n; p++)
		check_model(mm, a + p * PG, model[p]);
	free(model);
	put_mm(mm, &b, 0);
}

/* ============================================================ shmem */

/* The tag of shmem page @p of @n: the first half is written through one mm, the rest through the other. */
static u64 shmem_tag(unsigned long p, unsigned long n)
{
	return p < n / 2 ? 11 : 12;
}

/* Every word of every page of [@a, +@n pages), read through @mm (swapping in as needed). */
static void check_shmem(struct mm_struct *mm, unsigned long a, unsigned long n)
{
	unsigned long p;

	for (p = 0; p < n; p++)
		check_page(mm, a + p * PG, shmem_tag(p, n));
}

/* Pages of [@a, +@n pages) that @mm maps now. */
static unsigned long shmem_resident(struct mm_struct *mm, unsigned long a, unsigned long n)
{
	unsigned long p, nr = 0;

	for (p = 0; p < n; p++)
		nr += !!(sv39_pte(mm, a + p * PG) & SV39_V);
	return nr;
}

/*
 * mincore through @child once it dropped its PTEs (MADV_DONTNEED): the
 * object answers (Linux's mincore_page()): 1 for a page it holds (every
 * page @mm maps), 0 for a page in swap (no longer in the swap cache) and
 * for the hole. Both kinds must be there.
 */
static void check_shmem_mincore(struct mm_struct *mm, struct mm_struct *child, unsigned long a,
				unsigned long n)
{
	unsigned long p, in = 0, out = 0;
	unsigned char vec;

	assert_int_equal(ksys_madvise(child, a, n * PG, MADV_DONTNEED), 0);
	for (p = 0; p < n; p++) {
		bool held = sv39_pte(mm, a + p * PG) & SV39_V;

		assert_int_equal(ksys_mincore(child, a + p * PG, PG, &vec), 0);
		assert_int_equal(vec, held);
		in += held;
		out += !held;
	}
	assert_true(in > 0 && out > 0);
}

/*
 * MAP_SHARED|MAP_ANONYMOUS memory, 8 MiB more than is free, shared by two
 * mms (fork's copy): each writes half of it, which pushes the other half
 * out to swap through the file's reverse map (no swap PTE: the object keeps
 * the swap entries); every word then reads back right through both mms, a
 * page read through one is the page the other maps, a hole punched through
 * one is zeroes for the other with its swap slots freed, mincore through
 * one says what the object holds, a read error is
 * the fault's error with nothing lost, and everything comes back at the
 * end.
 */
static void test_shmem_swap(void **state)
{
	unsigned long out = vm_events[PSWPOUT], in = vm_events[PSWPIN], reads;
	unsigned long shmem0 = node_stat(NR_SHMEM), n, a, p, va, hole;
	struct baseline b;
	struct mm_struct *mm = new_mm(&b), *child = mm_alloc();
	long slots;
	u64 v;

	n = sl_free_pages() + 2048;
	assert_true(n < SWAP_SLOTS + sl_free_pages());
	a = ksys_mmap_pgoff(mm, 0, n * PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1UL, 0);
	assert_false(IS_ERR_VALUE(a));
	assert_non_null(child);
	assert_int_equal(dup_mmap(child, mm), 0);
	for (p = 0; p < n; p++)
		assert_int_equal(fill_page(p < n / 2 ? mm : child, a + p * PG, shmem_tag(p, n)), 0);
	mf_check(mm);
	mf_check(child);
	/* Out through the reverse map: fewer resident than written, none anonymous or a swap PTE. */
	assert_true(vm_events[PSWPOUT] - out >= 2048);
	assert_true(node_stat(NR_SHMEM) - shmem0 <= n - 2048);
	assert_int_equal(mm->swapents + child->swapents + mm->rss + child->rss, 0);
	assert_int_equal(mm->shmem_rss, shmem_resident(mm, a, n));
	assert_true(get_nr_swap_pages() <= b.swap - 2048);

	/* Read back through both: every word, and both map the one page. */
	reads = disk->reads;
	check_shmem(child, a, n);
	check_shmem(mm, a, n);
	assert_true(vm_events[PSWPIN] - in >= 2048);
	assert_int_equal(disk->reads - reads, vm_events[PSWPIN] - in);
	va = a + (n - 1) * PG;
	assert_int_equal(user_load(child, va, &v), 0);
	assert_ptr_equal(page_words(mm, va), page_words(child, va));
	mf_check(mm);
	mf_check(child);

	/* A hole through one mm: zeroes for both, its swap slots free again. */
	hole = a;
	/* mm mapped every page, the first ones first: those it maps no more went out since. */
	out = n / 2 - shmem_resident(mm, hole, n / 2);
	assert_true(out > 0);
	slots = get_nr_swap_pages();
	assert_int_equal(ksys_madvise(mm, hole, n / 2 * PG, MADV_REMOVE), 0);
	assert_int_equal(get_nr_swap_pages(), slots + out);
	assert_int_equal(shmem_resident(mm, hole, n / 2) + shmem_resident(child, hole, n / 2), 0);
	check_shmem_mincore(mm, child, a, n);
	for (va = hole; va < hole + n / 2 * PG; va += 64 * PG) {
		assert_false(sv39_pte(child, va) & SV39_V);
		check_model(child, va, 0);
	}
	mf_check(mm);
	mf_check(child);

	/* A read error is the fault's error (SIGBUS); the slot keeps the data for the next try. */
	try_to_free_pages(0, GFP_KERNEL);
	for (p = n / 2; p < n && sv39_pte(mm, a + p * PG); p++)
		;
	assert_true(p < n);
	va = a + p * PG;
	host_printk_reset();
	disk->fail_reads = true;
	assert_int_equal(user_load(mm, va, &v), -EFAULT);
	disk->fail_reads = false;
	assert_logged("Read-error on swap-device (254:0:");
	check_page(mm, va, shmem_tag(p, n));

	mmput(child);
	put_mm(mm, &b, 0);
	assert_int_equal(node_stat(NR_SHMEM), shmem0);
}

/* ============================================================ OOM */

struct fake_task {
	struct task_struct t;
	struct mm_struct mm;
};

static void add_task(struct fake_task *f, int pid, const char *comm, unsigned long rss,
		     unsigned long shmem, unsigned long swap)
{
	memset(f, 0, sizeof(*f));
	f->t.pid = pid;
	f->t.usage = 1;
	snprintf(f->t.comm, sizeof(f->t.comm), "%s", comm);
	f->mm.rss = rss;
	f->mm.shmem_rss = shmem;
	f->mm.swapents = swap;
	f->mm.total_vm = 1000;
	f->t.mm = &f->mm;
	list_add_tail(&f->t.tasks, &task_list);
}

/* The victim has exited: a zombie now, and its OOM reference back. */
static void victim_exits(struct fake_task *f)
{
	f->t.exit_state = EXIT_ZOMBIE;
	host_clear_kill(&f->t);
	exit_oom_victim(&f->t);
	assert_int_equal(f->t.usage, 1);
}

static void test_oom_select(void **state)
{
	struct fake_task init, kthread, zombie, dying, small, big, mid;
	unsigned long kills = vm_events[OOM_KILL];

	host_printk_reset();
	add_task(&init, 1, "init", 5000, 0, 0);
	add_task(&kthread, 3, "kthreadd", 0, 0, 0);
	kthread.t.mm = NULL;
	add_task(&zombie, 4, "zombie", 4000, 0, 0);
	zombie.t.exit_state = EXIT_ZOMBIE;
	add_task(&dying, 5, "dying", 3000, 0, 0);
	send_sig_kill(&dying.t);
	add_task(&small, 6, "small", 10, 5, 5);
	/* 350 only with its swap entries and shmem pages counted. */
	add_task(&big, 7, "big", 100, 50, 200);
	add_task(&mid, 8, "mid", 300, 0, 0);

	assert_true(out_of_memory(GFP_KERNEL, 0));
	assert_true(fatal_signal_pending(&big.t));
	assert_false(fatal_signal_pending(&mid.t) || fatal_signal_pending(&small.t) ||
		     fatal_signal_pending(&init.t));
	assert_int_equal(big.t.usage, 2);
	assert_int_equal(vm_events[OOM_KILL], kills + 1);
	assert_logged("host-test invoked oom-killer: gfp_mask=0x");
	assert_logged("Out of memory: Killed process 7 (big) total-vm:4000kB, anon-rss:400kB, "
		      "file-rss:0kB, shmem-rss:200kB, UID:0 pgtables:0kB oom_score_adj:0");
	/* One victim at a time: until it has exited, nobody else is killed. */
	assert_true(out_of_memory(GFP_KERNEL, 0));
	assert_false(fatal_signal_pending(&mid.t));
	assert_int_equal(vm_events[OOM_KILL], kills + 1);

	victim_exits(&big);
	assert_true(out_of_memory(GFP_KERNEL, 0));
	assert_true(fatal_signal_pending(&mid.t));
	victim_exits(&mid);
	assert_true(out_of_memory(GFP_KERNEL, 0));
	assert_true(fatal_signal_pending(&small.t));
	victim_exits(&small);
	assert_int_equal(vm_events[OOM_KILL], kills + 3);

	/* Only init, a kernel thread, zombies and the dying are left: nobody to kill. */
	assert_false(out_of_memory(GFP_KERNEL, 0));
	assert_logged("Out of memory and no killable processes...");
	assert_false(fatal_signal_pending(&init.t));
	/* A victim that asks does not wait for itself. */
	send_sig_kill(&host_task);
	host_printk_reset();
	assert_false(out_of_memory(GFP_KERNEL, 0));
	assert_false(host_printk_contains("invoked oom-killer"));
	host_clear_kill(&host_task);
	assert_int_equal(vm_events[OOM_KILL], kills + 3);
	host_clear_kill(&dying.t);
	INIT_LIST_HEAD(&task_list);
}

/* The victim is this task: wait_for_oom_victim() lets it go on, to fail and exit. */
static void victim_runs(void)
{
}

/* Memory and swap full: the OOM killer picks the faulting task, whose fault then fails. */
static void test_oom_when_swap_full(void **state)
{
	unsigned long n, a, va, kills = vm_events[OOM_KILL];
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);
	int err = 0;

	n = sl_free_pages() + get_nr_swap_pages() + 1024;
	a = map(mm, n, MAP_NORESERVE); /* more than RAM and swap */
	host_task.mm = mm;
	list_add_tail(&host_task.tasks, &task_list);
	host_schedule_hook = victim_runs;
	host_printk_reset();
	for (va = a; va < a + n * PG && !err; va += PG)
		err = fill_page(mm, va, 6);
	host_schedule_hook = NULL;
	assert_int_equal(err, -ENOMEM);
	/* Swap was used to the last slot before the kill. */
	assert_int_equal(get_nr_swap_pages(), 0);
	assert_true(fatal_signal_pending(&host_task));
	assert_int_equal(vm_events[OOM_KILL], kills + 1);
	assert_logged("Out of memory: Killed process 2 (host-test)");
	mf_check(mm);

	list_del(&host_task.tasks);
	host_task.mm = NULL;
	host_clear_kill(&host_task);
	exit_oom_victim(&host_task);
	assert_int_equal(host_task.usage, 1);
	put_mm(mm, &b, 0);
}

/* ============================================================ write error */

/* A failed write retires its slot; the page stays mapped, dirty and intact. */
static void test_write_error(void **state)
{
	unsigned long a, va, writes;
	long total = total_swap_pages, failed;
	struct baseline b;
	struct mm_struct *mm = new_mm(&b);

	a = map(mm, 64, 0);
	for (va = a; va < a + 64 * PG; va += PG)
		assert_int_equal(fill_page(mm, va, 7), 0);
	writes = disk->writes;
	host_printk_reset();
	disk->fail_writes = true;
	assert_int_equal(try_to_free_pages(0, GFP_KERNEL), 0);
	disk->fail_writes = false;
	failed = disk->writes - writes;
	assert_true(failed > 0);
	assert_logged("Write-error on swap-device (254:0:");
	assert_int_equal(mm->rss, 64);
	assert_int_equal(mm->swapents, 0);
	assert_int_equal(get_nr_swap_pages(), b.swap - failed);
	assert_int_equal(total_swap_pages, total - failed);
	mf_check(mm);
	for (va = a; va < a + 64 * PG; va += PG)
		check_page(mm, va, 7);

	/* The disk works again: the same pages go out and come back. */
	assert_true(try_to_free_pages(0, GFP_KERNEL) >= 32);
	assert_true(mm->swapents >= 32);
	for (va = a; va < a + 64 * PG; va += PG)
		if (swap_slot(mm, va))
			check_on_disk(mm, va, 7);
	for (va = a; va < a + 64 * PG; va += PG)
		check_page(mm, va, 7);
	put_mm(mm, &b, failed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_swapon),
		cmocka_unit_test(test_reclaim_and_swap_in),
		cmocka_unit_test(test_clean_page_not_written_again),
		cmocka_unit_test(test_mlock_never_reclaimed),
		cmocka_unit_test(test_lazyfree),
		cmocka_unit_test(test_lazyfree_swap_entries),
		cmocka_unit_test(test_droppable),
		cmocka_unit_test(test_written_during_write),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_random_model),
		cmocka_unit_test(test_shmem_swap),
		cmocka_unit_test(test_oom_select),
		cmocka_unit_test(test_oom_when_swap_full),
		cmocka_unit_test(test_write_error),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
