// SPDX-License-Identifier: GPL-2.0
/*
 * The hugetlb page pool, as Linux's mm/hugetlb.c keeps it: `echo N >
 * /proc/sys/vm/nr_hugepages` takes order-9 blocks (2 MiB, a PMD leaf's
 * worth) from the buddy allocator until the pool holds N or an allocation
 * fails, and a smaller N gives free pool pages back. This is how a user asks
 * Linux for high-order memory, and how Linux's own compaction_test does:
 * the number read back says how many blocks the allocator found, so it
 * measures fragmentation and what compaction does about it.
 *
 * The allocation is Linux's alloc_buddy_hugetlb_folio(): movable user
 * memory on one node (GFP_HIGHUSER_MOVABLE | __GFP_THISNODE), no warning on
 * failure, and __GFP_RETRY_MAYFAIL: the allocator's slow path compacts
 * (mm/compaction.c) and reclaims in rounds before it gives up, and never
 * calls the OOM killer. After a node failed once, the rest of that resize
 * asks it with __GFP_NORETRY (one round) instead, as Linux's
 * node_alloc_noretry does. The blocks are not compound pages (Loam has
 * none) and are not zeroed here: Linux zeroes a huge page when it is
 * mapped, which Loam does not do.
 *
 * Linux serialises resizes with a mutex (hstate's resize_lock) and drops
 * hugetlb_lock around each allocation. Loam has only the spinlock: every
 * writer steers toward the last size written (max_huge_pages), counting the
 * blocks being allocated by others (nr_allocating), so concurrent writers end
 * with the pool the last one asked for, or as much of it as memory gave; the
 * last writer to finish sets max_huge_pages to what the pool holds.
 * Unlike Linux, a resize does not stop for a signal: it ends when the pool
 * has its size or the allocator has failed once, which bounds it.
 */
#include <gfp.h>
#include <hugetlb.h>
#include <kernel.h>
#include <mm.h>
#include <mmzone.h>
#include <spinlock.h>
#include <uapi/errno.h>

struct hstate default_hstate = {
	.order = HUGETLB_PAGE_ORDER,
	.hugepage_freelist = LIST_HEAD_INIT(default_hstate.hugepage_freelist),
};

/* Linux's hugetlb_lock: the counters and the free list of every hstate. */
static DEFINE_SPINLOCK(hugetlb_lock);

/* Linux's htlb_alloc_mask() of a migratable size, with alloc_pool_huge_folio()'s bits. */
#define HUGETLB_POOL_GFP (GFP_HIGHUSER_MOVABLE | __GFP_THISNODE | __GFP_NOWARN)

/*
 * Linux's alloc_buddy_hugetlb_folio() on node @nid: try hard, unless the
 * node failed already in this resize (a bit of *@noretry).
 */
static struct page *alloc_buddy_huge_page(struct hstate *h, int nid, unsigned long *noretry)
{
	bool try_hard = !(*noretry & (1UL << nid));
	struct page *page;

	page = alloc_pages_node(
		nid, HUGETLB_POOL_GFP | (try_hard ? __GFP_RETRY_MAYFAIL : __GFP_NORETRY), h->order);
	if (!page && try_hard)
		*noretry |= 1UL << nid;
	if (page && !try_hard)
		*noretry &= ~(1UL << nid);
	return page;
}

/*
 * Linux's alloc_pool_huge_folio(): try each node with memory in turn,
 * starting where the last allocation left off, so the pool spreads over
 * the nodes. NULL if none has a free block, even after compaction and
 * reclaim.
 */
static struct page *alloc_pool_huge_page(struct hstate *h, unsigned long *noretry)
{
	int start = READ_ONCE(h->next_nid_to_alloc), i, nid;
	struct page *page;

	for (i = 0; i < MAX_NUMNODES; i++) {
		nid = (start + i) % MAX_NUMNODES;
		if (!node_online(nid))
			continue;
		page = alloc_buddy_huge_page(h, nid, noretry);
		if (page) {
			WRITE_ONCE(h->next_nid_to_alloc, (nid + 1) % MAX_NUMNODES);
			return page;
		}
	}
	return NULL;
}

/* Put a fresh block in the pool (Linux's enqueue_hugetlb_folio()). Under hugetlb_lock. */
static void enqueue_huge_page(struct hstate *h, struct page *page)
{
	list_add(&page->lru, &h->hugepage_freelist);
	h->nr_huge_pages++;
	h->free_huge_pages++;
}

/* Take a free block out of the pool (remove_pool_hugetlb_folio()); NULL if none. */
static struct page *remove_pool_huge_page(struct hstate *h)
{
	struct page *page = list_first_entry_or_null(&h->hugepage_freelist, struct page, lru);

	if (!page)
		return NULL;
	list_del(&page->lru);
	h->nr_huge_pages--;
	h->free_huge_pages--;
	return page;
}

/* Allocate blocks while the pool and those on their way are short of the target. */
static void grow_pool(struct hstate *h)
{
	unsigned long noretry = 0;
	struct page *page;

	spin_lock(&hugetlb_lock);
	while (h->nr_huge_pages + h->nr_allocating < h->max_huge_pages) {
		h->nr_allocating++;
		spin_unlock(&hugetlb_lock);
		page = alloc_pool_huge_page(h, &noretry);
		spin_lock(&hugetlb_lock);
		h->nr_allocating--;
		if (!page)
			break;
		enqueue_huge_page(h, page);
	}
	spin_unlock(&hugetlb_lock);
}

/* Give free blocks back to the buddy allocator while the pool is over the target. */
static void shrink_pool(struct hstate *h)
{
	struct page *page;

	spin_lock(&hugetlb_lock);
	while (h->nr_huge_pages > h->max_huge_pages) {
		page = remove_pool_huge_page(h);
		if (!page)
			break;
		spin_unlock(&hugetlb_lock);
		__free_pages(page, h->order);
		spin_lock(&hugetlb_lock);
	}
	spin_unlock(&hugetlb_lock);
}

void set_max_huge_pages(struct hstate *h, unsigned long count)
{
	spin_lock(&hugetlb_lock);
	h->max_huge_pages = count;
	h->nr_resizing++;
	spin_unlock(&hugetlb_lock);
	grow_pool(h);
	shrink_pool(h);
	/* The last writer out says what the pool holds, as Linux's "out:" does. */
	spin_lock(&hugetlb_lock);
	if (!--h->nr_resizing)
		h->max_huge_pages = h->nr_huge_pages;
	spin_unlock(&hugetlb_lock);
}

/* Linux's hugetlb_sysctl_handler() reads max_huge_pages ("%lu\n", proc_doulongvec_minmax()). */
void hugetlb_sysctl_show(struct seq_buf *m)
{
	seq_buf_printf(m, "%lu\n", READ_ONCE(default_hstate.max_huge_pages));
}

/* proc_doulongvec_minmax() takes no negative number: -EINVAL. */
int hugetlb_sysctl_handler(long val)
{
	if (val < 0)
		return -EINVAL;
	set_max_huge_pages(&default_hstate, val);
	return 0;
}

void hugetlb_report_meminfo(struct seq_buf *m)
{
	struct hstate *h = &default_hstate;
	unsigned long total, free, kb = (PAGE_SIZE << h->order) / 1024;

	spin_lock(&hugetlb_lock);
	total = h->nr_huge_pages;
	free = h->free_huge_pages;
	spin_unlock(&hugetlb_lock);
	/* Nothing maps pool pages in Loam: none is reserved, none surplus. */
	seq_buf_printf(m,
		       "HugePages_Total:   %5lu\nHugePages_Free:    %5lu\nHugePages_Rsvd:    %5lu\n"
		       "HugePages_Surp:    %5lu\nHugepagesize:   %8lu kB\n",
		       total, free, 0UL, 0UL, kb);
	seq_buf_printf(m, "Hugetlb:        %8lu kB\n", total * kb);
}
