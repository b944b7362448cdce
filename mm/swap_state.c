// SPDX-License-Identifier: GPL-2.0
/*
 * The swap cache, after Linux's mm/swap_state.c: anonymous pages (and
 * shmem pages on their way out or back, mm/shmem.c) by swap entry. A page enters it when reclaim gives it a slot (add_to_swap()) or
 * when a fault reads it back (swapin_page()), and leaves when its data is
 * no longer needed in both places: reclaim freed the page after writing
 * it, or the page was written again (its slot's copy is stale), or the last
 * swap PTE went. While it is there, a fault on the slot finds the page
 * instead of reading the slot a second time, and a fault during the write
 * finds the page instead of the half-written slot.
 *
 * The cache keeps one reference to each of its pages, and the slot's
 * SWAP_HAS_CACHE. Pages are entered and removed under the page lock and the
 * area's si->lock (the lookup needs only the latter).
 */
#include <mm.h>
#include <pagemap.h>
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
	add_to_swap_cache(page, entry);
	/* The slot holds nothing yet: the page must be written (Linux marks it dirty too). */
	SetPageDirty(page);
	return true;
}

/* Out of the cache; the caller deals with the slot's SWAP_HAS_CACHE. */
static swp_entry_t __delete_from_swap_cache(struct page *page)
{
	swp_entry_t entry = { page->private };
	struct swap_info_struct *si = swp_swap_info(entry);

	spin_lock(&si->lock);
	*swap_cache_slot(si, entry) = NULL;
	spin_unlock(&si->lock);
	ClearPageSwapCache(page);
	page->private = 0;
	return entry;
}

void delete_from_swap_cache(struct page *page)
{
	put_swap_page(__delete_from_swap_cache(page));
	put_page(page);
}

void delete_from_swap_cache_bad(struct page *page)
{
	swp_entry_t entry = __delete_from_swap_cache(page);

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
	/* Under the lock a lookup takes its reference under: frozen, nobody gets one. */
	if (!page_ref_freeze(page, expected)) {
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
	 * If someone holds its lock (reclaim), that someone frees it: reclaim
	 * drops unmapped pages.
	 */
	page = lookup_swap_cache(entry);
	if (!page)
		return;
	if (trylock_page(page)) {
		if (PageSwapCache(page) && page->private == entry.val && !page_mapped(page))
			delete_from_swap_cache(page);
		unlock_page(page);
	}
	put_page(page);
}

struct page *swapin_page(swp_entry_t entry, int *err)
{
	struct page *page;

	for (;;) {
		page = lookup_swap_cache(entry);
		if (page) {
			lock_page(page);
			if (PageSwapCache(page) && page->private == entry.val) {
				*err = 0;
				return page;
			}
			/* Reclaim freed it from the cache meanwhile: look again. */
			unlock_page(page);
			put_page(page);
			continue;
		}
		page = alloc_page(GFP_HIGHUSER_MOVABLE);
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
	*err = swap_readpage(page, entry);
	if (*err) {
		/* The slot keeps its data (what there is of it) for the next try. */
		delete_from_swap_cache(page);
		unlock_page(page);
		put_page(page);
		return NULL;
	}
	count_vm_event(PGMAJFAULT);
	/*
	 * On the LRU now, while locked: the fault maps it next. A page found
	 * in the cache above is on a list already, or isolated by reclaim,
	 * which puts it back.
	 */
	lru_cache_add_anon(page);
	return page;
}

/* Linux's free_swap_cache(): an unmapped page in the swap cache leaves it, if it can be locked. */
static void free_swap_cache(struct page *page)
{
	if (PageSwapCache(page) && !page_mapped(page) && trylock_page(page)) {
		if (PageSwapCache(page) && !page_mapped(page))
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
