// SPDX-License-Identifier: GPL-2.0
/*
 * The swap cache, after Linux's mm/swap_state.c: anonymous pages (and
 * shmem pages on their way out or back, mm/shmem.c) by swap entry. A page
 * enters it when reclaim gives it a slot (add_to_swap()) or when a fault
 * reads it back (swapin_readahead(), which reads the neighbouring slots
 * ahead too), and leaves when its data is no longer needed in both places:
 * reclaim freed the page after writing it, or the page was written again
 * (its slot's copy is stale), or the last swap PTE went. While it is
 * there, a fault on the slot finds the page instead of reading the slot a
 * second time, and a fault during the write finds the page instead of the
 * half-written slot. A page under writeback stays in the cache (with its
 * slot) until the write has ended. A page read ahead and never used stays
 * on the inactive list unmapped, and reclaim drops it like any clean page.
 *
 * The cache keeps one reference to each of its pages, and the slot's
 * SWAP_HAS_CACHE. Pages are entered and removed under the page lock and the
 * area's si->lock (the lookup needs only the latter); a read in flight
 * nobody needs any more leaves without the lock (free_swap_and_cache()).
 * PG_uptodate says the page holds the slot's data: a page being read, or
 * whose read failed, lacks it and is never mapped.
 */
#include <blkdev.h>
#include <mm.h>
#include <pagemap.h>
#include <printk.h>
#include <slab.h>
#include <swap.h>
#include <uapi/errno.h>
#include <vmstat.h>

int swap_cache_init(struct swap_info_struct *si)
{
	unsigned long i, nr = DIV_ROUND_UP(si->max, SWAP_CACHE_CHUNK);

	si->swap_cache = kcalloc(nr, sizeof(*si->swap_cache), GFP_KERNEL);
	if (!si->swap_cache)
		return -ENOMEM;
	for (i = 0; i < nr; i++) {
		si->swap_cache[i] = (struct page **)get_zeroed_page(GFP_KERNEL);
		if (!si->swap_cache[i]) {
			swap_cache_free(si);
			return -ENOMEM;
		}
	}
	return 0;
}

void swap_cache_free(struct swap_info_struct *si)
{
	unsigned long i, nr = DIV_ROUND_UP(si->max, SWAP_CACHE_CHUNK);

	if (!si->swap_cache)
		return;
	for (i = 0; i < nr; i++)
		free_page((unsigned long)si->swap_cache[i]);
	kfree(si->swap_cache);
	si->swap_cache = NULL;
}

static struct page **swap_cache_slot(struct swap_info_struct *si, swp_entry_t entry)
{
	unsigned long offset = swp_offset(entry);

	return &si->swap_cache[offset / SWAP_CACHE_CHUNK][offset % SWAP_CACHE_CHUNK];
}

struct page *lookup_swap_cache(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	struct page *page;

	if (!si)
		return NULL;
	spin_lock(&si->lock);
	page = *swap_cache_slot(si, entry);
	if (page)
		get_page(page);
	spin_unlock(&si->lock);
	return page;
}

/* @page (locked) takes @entry's slot, whose SWAP_HAS_CACHE the caller holds. */
static void add_to_swap_cache(struct page *page, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);

	get_page(page);
	page->private = entry.val;
	SetPageSwapCache(page);
	spin_lock(&si->lock);
	*swap_cache_slot(si, entry) = page;
	spin_unlock(&si->lock);
}

bool add_to_swap(struct page *page)
{
	swp_entry_t entry = get_swap_page();

	if (!entry.val)
		return false;
	/* The page holds the data (a read into the cache sets this when it ends). */
	SetPageUptodate(page);
	add_to_swap_cache(page, entry);
	/* The slot holds nothing yet: the page must be written (Linux marks it dirty too). */
	SetPageDirty(page);
	return true;
}

/*
 * Take @page out of the cache if it is still there, its entry in *@entry:
 * true if it was. The test and the removal are one step under si->lock,
 * so that of two removals (one may come without the page lock: see
 * free_swap_and_cache()) only one succeeds. The caller deals with the
 * slot's SWAP_HAS_CACHE and the cache's reference.
 */
static bool __delete_from_swap_cache(struct page *page, swp_entry_t *entry)
{
	struct swap_info_struct *si;
	struct page **slot;
	bool found;

	entry->val = READ_ONCE(page->private);
	si = swp_swap_info(*entry);
	if (!si)
		return false;
	spin_lock(&si->lock);
	slot = swap_cache_slot(si, *entry);
	found = *slot == page;
	if (found) {
		*slot = NULL;
		ClearPageSwapCache(page);
		page->private = 0;
	}
	spin_unlock(&si->lock);
	return found;
}

void delete_from_swap_cache(struct page *page)
{
	swp_entry_t entry;

	if (!__delete_from_swap_cache(page, &entry))
		return;
	put_swap_page(entry);
	put_page(page);
}

void delete_from_swap_cache_bad(struct page *page)
{
	swp_entry_t entry;

	if (!__delete_from_swap_cache(page, &entry))
		return;
	/* Retired only if no swap PTE needs it: the caller's page is still mapped. */
	if (swap_mark_bad(entry))
		put_swap_page(entry);
	put_page(page);
}

int swap_cache_migrate_page(struct page *newpage, struct page *page, int expected)
{
	swp_entry_t entry = { page->private };
	struct swap_info_struct *si = swp_swap_info(entry);

	spin_lock(&si->lock);
	/*
	 * Under the lock a lookup takes its reference under: frozen, nobody
	 * gets one. A read in flight may have left the cache meanwhile
	 * (free_swap_and_cache()): then its slot is not ours to fill.
	 */
	if (*swap_cache_slot(si, entry) != page || !page_ref_freeze(page, expected)) {
		spin_unlock(&si->lock);
		return -EAGAIN;
	}
	get_page(newpage); /* the cache's */
	newpage->private = entry.val;
	SetPageSwapCache(newpage);
	*swap_cache_slot(si, entry) = newpage;
	page_ref_unfreeze(page, expected - 1); /* the cache's reference went with the slot */
	spin_unlock(&si->lock);
	ClearPageSwapCache(page);
	page->private = 0;
	return 0;
}

void free_swap_and_cache(swp_entry_t entry)
{
	struct page *page;

	swap_free(entry);
	if (swp_swapcount(entry))
		return;
	/*
	 * No swap PTE is left: a page of the cache that nobody maps can go.
	 * If someone holds its lock, that someone frees it (reclaim drops
	 * unmapped pages, a fault finds its swap PTE gone), unless it is a
	 * read in flight (locked, not uptodate: readahead, MADV_WILLNEED),
	 * which nobody waits for: it leaves the cache at once, and the read's
	 * own reference frees the page when the read ends. A page being read
	 * is never mapped: no swap PTE is left to map it from. A page whose
	 * write is in flight (unlocked, uptodate) stays: the next reclaim pass
	 * frees it once the write has ended (Linux's folio_free_swap() refuses
	 * it too).
	 */
	page = lookup_swap_cache(entry);
	if (!page)
		return;
	if (trylock_page(page)) {
		if (PageSwapCache(page) && page->private == entry.val && !page_mapped(page) &&
		    !PageWriteback(page))
			delete_from_swap_cache(page);
		unlock_page(page);
	} else if (!PageUptodate(page)) {
		delete_from_swap_cache(page);
	}
	put_page(page);
}

/* Linux's page_cluster (mm/swap.c): swap readahead reads 2^page_cluster slots. */
int page_cluster = 3;

int page_cluster_sysctl_handler(long val)
{
	/* proc_dointvec_minmax() between SYSCTL_ZERO and page_cluster_max, 31. */
	if (val < 0 || val > 31)
		return -EINVAL;
	WRITE_ONCE(page_cluster, (int)val);
	return 0;
}

/*
 * Linux's swapin_readahead_hits, prev_offset and last_readahead_pages: the
 * readahead pages faults found since the last window was chosen, the
 * offset of the last fault that found none, and the last window.
 */
/* Linux starts with 4 hits: the first fault reads a whole window. */
static unsigned int swapin_readahead_hits = 4;
static unsigned long swapin_prev_offset;
static unsigned int last_readahead_pages;

/*
 * Linux's __swapin_nr_pages(): the window for a fault at @offset. Hits
 * since the last window grow it (hits + 2, rounded up to a power of two
 * from 4); without hits it is 2 pages next to the last fault's slot and 1
 * elsewhere. At most @max_pages, and never below half the last window.
 */
static unsigned int __swapin_nr_pages(unsigned long prev_offset, unsigned long offset,
				      unsigned int hits, unsigned int max_pages,
				      unsigned int prev_win)
{
	unsigned int pages = hits + 2, roundup = 4;

	if (pages == 2) {
		if (offset != prev_offset + 1 && offset != prev_offset - 1)
			pages = 1;
	} else {
		while (roundup < pages)
			roundup <<= 1;
		pages = roundup;
	}
	if (pages > max_pages)
		pages = max_pages;
	if (pages < prev_win / 2)
		pages = prev_win / 2;
	return pages;
}

/* Linux's swapin_nr_pages(): the window (a power of two, at most 2^page_cluster) for @offset. */
static unsigned int swapin_nr_pages(unsigned long offset)
{
	unsigned int max_pages = 1U << READ_ONCE(page_cluster), hits, pages;

	if (max_pages <= 1)
		return 1;
	hits = __atomic_exchange_n(&swapin_readahead_hits, 0, __ATOMIC_RELAXED);
	pages = __swapin_nr_pages(READ_ONCE(swapin_prev_offset), offset, hits, max_pages,
				  READ_ONCE(last_readahead_pages));
	if (!hits)
		WRITE_ONCE(swapin_prev_offset, offset);
	WRITE_ONCE(last_readahead_pages, pages);
	return pages;
}

/*
 * Linux's swap_cache_get_folio(): lookup_swap_cache() for a fault, which
 * counts a readahead page found (SWAP_RA_HIT) and lets it grow the window.
 */
static struct page *swap_cache_get_page(swp_entry_t entry)
{
	struct page *page = lookup_swap_cache(entry);

	if (page && TestClearPageReadahead(page)) {
		count_vm_event(SWAP_RA_HIT);
		__atomic_fetch_add(&swapin_readahead_hits, 1, __ATOMIC_RELAXED);
	}
	return page;
}

/*
 * Linux's __read_swap_cache_async(): the page of @entry's slot, with a
 * reference: the one in the cache, or a new one (*@new_page) allocated with
 * @gfp, locked, in the cache and on the inactive list, to be read. NULL
 * with *@err: -ENOENT (no swap PTE refers to the slot, or it is bad),
 * -ENOMEM, -EINVAL (no such area).
 */
static struct page *__read_swap_cache_async(swp_entry_t entry, unsigned int gfp, bool *new_page,
					    int *err)
{
	struct page *page;

	*new_page = false;
	for (;;) {
		page = lookup_swap_cache(entry);
		if (page)
			return page;
		/* A free slot needs no page (Linux skips them the same way). */
		if (!swp_swapcount(entry)) {
			*err = swp_swap_info(entry) ? -ENOENT : -EINVAL;
			return NULL;
		}
		page = alloc_page(gfp);
		if (!page) {
			*err = -ENOMEM;
			return NULL;
		}
		*err = swapcache_prepare(entry);
		if (!*err)
			break;
		put_page(page);
		if (*err != -EEXIST)
			return NULL;
		/* Another reader claimed it: its page is about to be in the cache. */
		schedule();
	}
	__SetPageLocked(page);
	__SetPageSwapBacked(page);
	add_to_swap_cache(page, entry);
	/*
	 * The last swap PTE went after swapcache_prepare() and before the
	 * page was in the cache, where free_swap_and_cache() would have found
	 * it: nobody needs the slot, and the page would stay in the cache
	 * unused (Linux leaves such a page to reclaim).
	 */
	if (!swp_swapcount(entry)) {
		delete_from_swap_cache(page);
		unlock_page(page);
		put_page(page);
		*err = -ENOENT;
		return NULL;
	}
	/* On the LRU while locked, as Linux's folio_add_lru(): reclaim's trylock skips it. */
	lru_cache_add_anon(page);
	*new_page = true;
	return page;
}

/*
 * Start the read of @page, new in the cache for @entry and locked, handing
 * it the caller's reference (swap_readpage()). If the read cannot start the
 * page leaves the cache and that reference goes: *@err, false.
 */
static bool swap_read_start(struct page *page, swp_entry_t entry, int *err)
{
	*err = swap_readpage(page, entry);
	if (!*err)
		return true;
	delete_from_swap_cache(page);
	unlock_page(page);
	put_page(page);
	return false;
}

struct page *read_swap_cache_async(swp_entry_t entry, unsigned int gfp, bool *new_page, int *err)
{
	struct page *page = __read_swap_cache_async(entry, gfp, new_page, err);

	if (!page || !*new_page)
		return page;
	get_page(page); /* the read's */
	if (swap_read_start(page, entry, err))
		return page;
	put_page(page);
	return NULL;
}

/*
 * Linux's swap_cluster_readahead(): read the aligned window of
 * swapin_nr_pages() slots around @entry's (within the area, the header
 * skipped) into the cache, every read started before any is waited for;
 * the slots that no swap PTE refers to, or whose page is in the cache
 * already, are skipped, and the reads go out together at the end (a plug),
 * neighbours merged into one request. The pages besides @entry's get PG_readahead
 * (counted in SWAP_RA). Returns @entry's page with a reference, its read
 * maybe still in flight (*@new_page: started here), or NULL with *@err.
 */
static struct page *swap_cluster_readahead(swp_entry_t entry, struct swap_info_struct *si,
					   bool *new_page, int *err)
{
	unsigned long offset = swp_offset(entry), mask = swapin_nr_pages(offset) - 1;
	unsigned long start = offset & ~mask, end = offset | mask, off;
	struct page *page, *target = NULL;
	bool ra_new, target_read = false;
	struct blk_plug plug;
	int ra_err;

	if (!start)
		start = 1;
	if (end >= si->max)
		end = si->max - 1;
	/*
	 * In slot order, @entry's among them, under a plug: the block layer
	 * merges neighbouring reads into one request (Linux's swap_cluster_readahead()).
	 */
	blk_start_plug(&plug);
	for (off = start; off <= end && mask; off++) {
		swp_entry_t ra_entry = swp_entry(swp_type(entry), off);

		if (off == offset) {
			target = read_swap_cache_async(entry, GFP_HIGHUSER_MOVABLE, new_page, err);
			target_read = true;
			continue;
		}
		page = __read_swap_cache_async(ra_entry, GFP_SWAP_READAHEAD, &ra_new, &ra_err);
		if (!page) {
			if (ra_err == -ENOMEM)
				break;
			continue;
		}
		if (!ra_new) {
			put_page(page);
			continue;
		}
		/* Before the read, which may end (and free an orphan) at once. */
		SetPageReadahead(page);
		if (swap_read_start(page, ra_entry, &ra_err))
			count_vm_event(SWAP_RA);
	}
	if (!target_read)
		target = read_swap_cache_async(entry, GFP_HIGHUSER_MOVABLE, new_page, err);
	blk_finish_plug(&plug);
	return target;
}

struct page *swapin_readahead(swp_entry_t entry, int *err)
{
	struct swap_info_struct *si;
	struct page *page;
	bool new_page = false;

	for (;;) {
		page = swap_cache_get_page(entry);
		if (!page) {
			si = swp_swap_info(entry);
			if (!si) {
				/* Linux's get_swap_device() says so. */
				pr_err("get_swap_device: Bad swap file entry %08lx\n", entry.val);
				*err = -EINVAL;
				return NULL;
			}
			/*
			 * Linux's VM_FAULT_MAJOR: the fault had to read, whatever
			 * the result; counted per read started, as Linux counts
			 * the fault again when it retries where this loops.
			 */
			count_vm_event(PGMAJFAULT);
			page = swap_cluster_readahead(entry, si, &new_page, err);
			if (!page)
				return NULL;
		}
		/* Sleeps until the read in flight, if any, has ended. */
		lock_page(page);
		if (PageSwapCache(page) && page->private == entry.val) {
			if (PageUptodate(page)) {
				*err = 0;
				return page;
			}
			/* The read failed: the slot keeps its data (what there is of it) for the next try. */
			delete_from_swap_cache(page);
			if (new_page) {
				unlock_page(page);
				put_page(page);
				*err = -EIO;
				return NULL;
			}
		}
		/*
		 * Reclaim freed it from the cache meanwhile, or someone else's
		 * read of it failed (a readahead's: then ours is tried): again.
		 */
		unlock_page(page);
		put_page(page);
		new_page = false;
	}
}

/* Linux's free_swap_cache(): an unmapped page in the swap cache leaves it, if it can be locked. */
static void free_swap_cache(struct page *page)
{
	if (PageSwapCache(page) && !page_mapped(page) && trylock_page(page)) {
		if (PageSwapCache(page) && !page_mapped(page) && !PageWriteback(page))
			delete_from_swap_cache(page);
		unlock_page(page);
	}
}

void free_page_and_swap_cache(struct page *page)
{
	free_swap_cache(page);
	put_page(page);
}

void free_pages_and_swap_cache(struct page **pages, int nr)
{
	int i;

	for (i = 0; i < nr; i++)
		free_swap_cache(pages[i]);
	release_pages(pages, nr);
}
