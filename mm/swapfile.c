// SPDX-License-Identifier: GPL-2.0
/*
 * Swap areas: the header check, the count map and the slot allocator, after
 * Linux's mm/swapfile.c. The API, the PTE encoding and the locking are
 * described in include/swap.h. Portable C: the host tests compile it too.
 */
#include <printk.h>
#include <smp.h>
#include <string.h>
#include <swap.h>
#include <uapi/errno.h>

/* Guards swap_info[]; taken before an area's si->lock. */
static DEFINE_SPINLOCK(swap_lock);
static struct swap_info_struct *swap_info[MAX_SWAPFILES];

/*
 * Free and usable slots over every enabled area. Both change atomically, so
 * that swap_mark_bad() needs no swap_lock under si->lock; Linux keeps
 * total_swap_pages under swap_lock.
 */
long nr_swap_pages;
long total_swap_pages;

static void add_swap_pages(long *counter, long nr)
{
	__atomic_add_fetch(counter, nr, __ATOMIC_RELAXED);
}

int read_swap_header(const void *page, unsigned long dev_pages, struct swap_info_struct *si)
{
	const union swap_header *header = page;
	/* Through a pointer: the list runs past badpages[1], up to the signature. */
	const u32 *badpages = header->info.badpages;
	unsigned long last_page;
	u32 i, nr_badpages;

	if (memcmp(SWAP_HEADER_MAGIC, header->magic.magic, sizeof(header->magic.magic))) {
		pr_err("Unable to find swap-space signature\n");
		return -EINVAL;
	}
	if (header->info.version != 1) {
		pr_err("Unable to handle swap header version %d\n", header->info.version);
		return -EINVAL;
	}
	last_page = header->info.last_page;
	if (!last_page) {
		pr_err("Empty swap-file\n");
		return -EINVAL;
	}
	/*
	 * Linux truncates an area longer than a swap PTE can address; 32 bits
	 * of last_page always fit (include/swap.h), so only the device's end
	 * limits it.
	 */
	if (last_page >= dev_pages) {
		pr_err("Swap area shorter than signature indicates\n");
		return -EINVAL;
	}
	/* Linux refuses the next two without a word; say why. */
	nr_badpages = header->info.nr_badpages;
	if (nr_badpages > MAX_SWAP_BADPAGES) {
		pr_err("Swap header lists %u bad pages, more than %zu\n", nr_badpages,
		       MAX_SWAP_BADPAGES);
		return -EINVAL;
	}
	for (i = 0; i < nr_badpages; i++) {
		if (badpages[i] == 0 || badpages[i] > last_page) {
			pr_err("Bad page %u of the swap header is outside 1..%lu\n", badpages[i],
			       last_page);
			return -EINVAL;
		}
	}
	si->max = last_page + 1;
	return 0;
}

int setup_swap_map(struct swap_info_struct *si, const void *page, unsigned char *swap_map)
{
	const union swap_header *header = page;
	const u32 *badpages = header->info.badpages;
	unsigned int i, nr_good_pages = 0;

	memset(swap_map, 0, si->max);
	swap_map[0] = SWAP_MAP_BAD; /* the header itself */
	for (i = 0; i < header->info.nr_badpages; i++)
		swap_map[badpages[i]] = SWAP_MAP_BAD;
	/* Counted, not subtracted: a bad page listed twice is one slot. */
	for (i = 1; i < si->max; i++)
		nr_good_pages += !swap_map[i];
	if (!nr_good_pages) {
		pr_err("Empty swap-file\n");
		return -EINVAL;
	}
	spin_lock_init(&si->lock);
	si->type = -1;
	si->swap_map = swap_map;
	si->pages = nr_good_pages;
	si->inuse_pages = 0;
	memset(si->percpu_cluster, 0, sizeof(si->percpu_cluster));
	return 0;
}

int enable_swap_info(struct swap_info_struct *si)
{
	int type;

	spin_lock(&swap_lock);
	for (type = 0; type < MAX_SWAPFILES && swap_info[type]; type++)
		;
	if (type == MAX_SWAPFILES) {
		spin_unlock(&swap_lock);
		return -EPERM; /* as Linux's alloc_swap_info() */
	}
	si->type = type;
	swap_info[type] = si;
	add_swap_pages(&total_swap_pages, si->pages);
	add_swap_pages(&nr_swap_pages, si->pages - si->inuse_pages);
	spin_unlock(&swap_lock);
	return 0;
}

int disable_swap_info(struct swap_info_struct *si)
{
	int err = 0;

	spin_lock(&swap_lock);
	spin_lock(&si->lock);
	if (si->type < 0 || swap_info[si->type] != si) {
		err = -EINVAL;
	} else if (si->inuse_pages) {
		err = -EBUSY;
	} else {
		swap_info[si->type] = NULL;
		si->type = -1;
		add_swap_pages(&total_swap_pages, -(long)si->pages);
		add_swap_pages(&nr_swap_pages, -(long)si->pages);
	}
	spin_unlock(&si->lock);
	spin_unlock(&swap_lock);
	return err;
}

/* The first free slot of cluster @idx if none of its slots is in use, else 0. */
static unsigned int free_cluster_slot(struct swap_info_struct *si, unsigned int idx)
{
	unsigned int offset = idx * SWAPFILE_CLUSTER;
	unsigned int end = min(offset + SWAPFILE_CLUSTER, si->max);
	unsigned int first = 0;

	for (; offset < end; offset++) {
		if (!si->swap_map[offset]) {
			if (!first)
				first = offset;
		} else if (si->swap_map[offset] != SWAP_MAP_BAD) {
			return 0;
		}
	}
	return first;
}

/*
 * A free slot of @si, which has one (inuse_pages < pages), for the CPU
 * whose current cluster starts the search at *@next; si->lock held.
 * Sequential within the current cluster; then, like Linux, a free cluster
 * before a fragmented one, so that a run of allocations still goes to
 * consecutive blocks, and another CPU's current cluster, in use, is not
 * taken. Finding it scans swap_map (Linux keeps free-cluster lists),
 * which happens once per SWAPFILE_CLUSTER allocations.
 */
static unsigned int scan_swap_map(struct swap_info_struct *si, unsigned int next)
{
	unsigned int nr_clusters = DIV_ROUND_UP(si->max, SWAPFILE_CLUSTER);
	unsigned int cluster = next / SWAPFILE_CLUSTER;
	unsigned int end = min((cluster + 1) * SWAPFILE_CLUSTER, si->max);
	/*
	 * At a cluster's start (none yet, or the last one used up), that
	 * cluster is a candidate like the others: taken only if wholly free,
	 * so never another CPU's current one.
	 */
	unsigned int first = next % SWAPFILE_CLUSTER ? 1 : 0;
	unsigned int offset, i;

	for (offset = next; first && offset < end; offset++)
		if (!si->swap_map[offset])
			return offset;

	/* The current cluster comes last, in case all of it was freed meanwhile. */
	for (i = first; i < nr_clusters + first; i++) {
		offset = free_cluster_slot(si, (cluster + i) % nr_clusters);
		if (offset)
			return offset;
	}

	for (i = 0; i < si->max; i++) {
		offset = (next + i) % si->max;
		if (!si->swap_map[offset])
			return offset;
	}
	return 0;
}

swp_entry_t get_swap_page(void)
{
	swp_entry_t entry = { 0 };
	int type;

	/* Lockless first look, as Linux's get_swap_pages(). */
	if (get_nr_swap_pages() <= 0)
		return entry;

	spin_lock(&swap_lock);
	for (type = 0; type < MAX_SWAPFILES && !entry.val; type++) {
		struct swap_info_struct *si = swap_info[type];
		unsigned int offset;

		if (!si)
			continue;
		spin_lock(&si->lock);
		if (si->inuse_pages < si->pages) {
			struct percpu_cluster *pc = &si->percpu_cluster[smp_processor_id()];

			offset = scan_swap_map(si, pc->next);
			si->swap_map[offset] = SWAP_HAS_CACHE;
			si->inuse_pages++;
			pc->next = offset + 1;
			add_swap_pages(&nr_swap_pages, -1);
			entry = swp_entry(type, offset);
		}
		spin_unlock(&si->lock);
	}
	spin_unlock(&swap_lock);
	return entry;
}

/* The enabled area of swap type @type, or NULL (Linux's swap_type_to_swap_info()); swap_lock held. */
static struct swap_info_struct *swap_type_to_swap_info(unsigned int type)
{
	return type < MAX_SWAPFILES ? swap_info[type] : NULL;
}

/*
 * @entry's area with its lock held, or NULL for an entry that names no
 * enabled area or a slot beyond it; @func, if given, reports such an entry
 * in Linux's words (_swap_info_get()).
 */
static struct swap_info_struct *swap_info_get(swp_entry_t entry, const char *func)
{
	struct swap_info_struct *si;

	spin_lock(&swap_lock);
	si = swap_type_to_swap_info(swp_type(entry));
	if (si)
		spin_lock(&si->lock);
	spin_unlock(&swap_lock);

	if (!si) {
		if (func)
			pr_err("%s: Bad swap file entry %08lx\n", func, entry.val);
		return NULL;
	}
	if (swp_offset(entry) >= si->max) {
		spin_unlock(&si->lock);
		if (func)
			pr_err("%s: Bad swap offset entry %08lx\n", func, entry.val);
		return NULL;
	}
	return si;
}

/* Does slot @offset hold references (neither free nor bad)? */
static bool slot_in_use(struct swap_info_struct *si, unsigned long offset)
{
	return si->swap_map[offset] && si->swap_map[offset] != SWAP_MAP_BAD;
}

/* The slot's map byte became @map; at 0 it is free again. si->lock held. */
static void set_slot(struct swap_info_struct *si, unsigned long offset, unsigned char map)
{
	si->swap_map[offset] = map;
	if (!map) {
		si->inuse_pages--;
		add_swap_pages(&nr_swap_pages, 1);
	}
}

/*
 * Drop a reference of kind @usage from @entry's slot: 1, a swap PTE's count,
 * or SWAP_HAS_CACHE, the swap cache's claim; the slot is free once neither
 * is left. Linux splits this into _swap_info_get(), which complains about
 * an unused slot, and __swap_entry_free_locked(), which BUGs on a missing
 * cache claim; Loam complains about both in @func's name and changes
 * nothing.
 */
static void __swap_entry_free(swp_entry_t entry, unsigned char usage, const char *func)
{
	struct swap_info_struct *si = swap_info_get(entry, func);
	unsigned long offset = swp_offset(entry);
	unsigned char map;

	if (!si)
		return;
	map = si->swap_map[offset];
	if (!slot_in_use(si, offset) || !(usage == SWAP_HAS_CACHE ? map & usage : swap_count(map)))
		pr_err("%s: Unused swap offset entry %08lx\n", func, entry.val);
	else
		set_slot(si, offset, usage == SWAP_HAS_CACHE ? map & ~usage : map - usage);
	spin_unlock(&si->lock);
}

void swap_free(swp_entry_t entry)
{
	__swap_entry_free(entry, 1, __func__);
}

void put_swap_page(swp_entry_t entry)
{
	__swap_entry_free(entry, SWAP_HAS_CACHE, __func__);
}

/*
 * Add a reference of kind @usage to @entry's slot, as Linux 6.12's
 * __swap_duplicate(): 1, a swap PTE's count (swap_duplicate()), or
 * SWAP_HAS_CACHE, the claim of a page about to be read into the swap cache
 * (swapcache_prepare()). -EINVAL for an entry outside every area, -ENOENT
 * for a free or bad slot, -EEXIST for a second cache claim, -ENOMEM for a
 * count at SWAP_MAP_MAX. Linux's takes a run of @nr slots for a large
 * folio and chains count continuations past SWAP_MAP_MAX; Loam swaps
 * single pages and has no continuations. For a slot that only the cache
 * holds, Linux's swapcache_prepare() answers -EEXIST (its page is there);
 * Loam's answers -ENOENT, since no swap PTE is left to read it in for.
 */
static int __swap_duplicate(swp_entry_t entry, unsigned char usage)
{
	struct swap_info_struct *si = swap_info_get(entry, __func__);
	unsigned long offset = swp_offset(entry);
	unsigned char count, has_cache;
	int err = 0;

	if (!si)
		return -EINVAL;
	count = swap_count(si->swap_map[offset]);
	has_cache = si->swap_map[offset] & SWAP_HAS_CACHE;
	if (count == SWAP_MAP_BAD || (!count && (usage == SWAP_HAS_CACHE || !has_cache)))
		err = -ENOENT;
	else if (usage == SWAP_HAS_CACHE && has_cache)
		err = -EEXIST;
	else if (usage == SWAP_HAS_CACHE)
		has_cache = SWAP_HAS_CACHE;
	else if (count == SWAP_MAP_MAX)
		err = -ENOMEM;
	else
		count += usage;
	if (!err)
		si->swap_map[offset] = count | has_cache;
	spin_unlock(&si->lock);
	return err;
}

int swapcache_prepare(swp_entry_t entry)
{
	return __swap_duplicate(entry, SWAP_HAS_CACHE);
}

int swap_duplicate(swp_entry_t entry)
{
	return __swap_duplicate(entry, 1);
}

int swp_swapcount(swp_entry_t entry)
{
	struct swap_info_struct *si = swap_info_get(entry, NULL);
	unsigned long offset = swp_offset(entry);
	int count;

	if (!si)
		return 0;
	count = slot_in_use(si, offset) ? swap_count(si->swap_map[offset]) : 0;
	spin_unlock(&si->lock);
	return count;
}

int swap_mark_bad(swp_entry_t entry)
{
	struct swap_info_struct *si = swap_info_get(entry, __func__);
	unsigned long offset = swp_offset(entry);
	int err = 0;

	if (!si)
		return -EINVAL;
	if (!slot_in_use(si, offset)) {
		err = -ENOENT;
	} else if (si->swap_map[offset] != SWAP_HAS_CACHE) {
		err = -EBUSY;
	} else {
		si->swap_map[offset] = SWAP_MAP_BAD;
		si->inuse_pages--;
		si->pages--;
		add_swap_pages(&total_swap_pages, -1);
	}
	spin_unlock(&si->lock);
	return err;
}

struct swap_info_struct *swp_swap_info(swp_entry_t entry)
{
	struct swap_info_struct *si;

	spin_lock(&swap_lock);
	si = swap_type_to_swap_info(swp_type(entry));
	spin_unlock(&swap_lock);
	return si && swp_offset(entry) < si->max ? si : NULL;
}

bool vm_swap_full(void)
{
	return get_nr_swap_pages() * 2 < __atomic_load_n(&total_swap_pages, __ATOMIC_RELAXED);
}

void si_swapinfo(unsigned long *totalswap, unsigned long *freeswap)
{
	*totalswap = __atomic_load_n(&total_swap_pages, __ATOMIC_RELAXED);
	*freeswap = get_nr_swap_pages();
}
