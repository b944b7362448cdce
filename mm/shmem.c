// SPDX-License-Identifier: GPL-2.0
/*
 * Shared anonymous memory, after Linux's mm/shmem.c: MAP_SHARED|MAP_ANONYMOUS
 * memory is a file of its own (shmem_kernel_file_setup()), whose shmem
 * object owns the pages through its address_space, the file's f_mapping;
 * the VMAs only map them. So MADV_DONTNEED, which unmaps, loses nothing: the
 * next touch maps the same page again. The VMAs made from one mapping
 * (mprotect and munmap split it, fork copies it) share the file, each with a
 * reference and on the file's reverse map (i_mmap, <fs.h>), and the last
 * fput() (munmap of all of it, the last exit) frees the object and its pages.
 *
 * The pages are found by their offset in the object through a radix tree of
 * page-sized tables of 512 pointers (Linux uses an xarray, a radix tree with
 * 64-way nodes): the leaves point at pages, each level above at tables, as
 * many levels as the object's size needs (three for the largest mapping, 256
 * GiB), and a table exists only once a page below it was touched. Tables are
 * never taken out before the object goes, so a reader only needs the object
 * alive (a VMA, whose fault holds mmap_lock); insertions take the lock.
 *
 * Swap. The pages are PageSwapBacked and live on the anonymous LRU lists, as
 * in Linux, counted as Shmem in /proc/meminfo (nr_shmem in /proc/vmstat) and
 * in each mapping mm's shmem_rss. Reclaim (mm/vmscan.c) writes one to a swap
 * slot while it is still mapped, then clears its PTEs in every mm
 * (try_to_unmap() through the file's i_mmap: a file's PTE holds no swap
 * entry), then shmem_delete_from_page_cache() puts the swap entry in the
 * page's leaf slot, and the page is freed. A slot holding a swap entry holds
 * it as a value, not a pointer: (entry << 1) | 1, Linux's xa_mk_value() of
 * swp_to_radix_entry(); a page pointer is never odd. The object holds one
 * count of the swap slot (Linux's swap_shmem_alloc()). The next lookup
 * (shmem_get_page()) reads the slot back through the swap cache, as Linux's
 * shmem_swapin_folio(): the page takes the slot again and the swap slot is
 * freed. Truncation (MADV_REMOVE's hole) and the object's release free the
 * swap entries they meet (free_swap_and_cache()).
 *
 * Locking. The page lock keeps a page in its object: whoever takes a page
 * out (reclaim, a hole, the release) or puts one in (a new page, a swap-in)
 * holds it, and a lookup returns the page locked after checking that it is
 * still there (Linux's shmem_get_folio()), so a fault maps only a page of
 * the object and reclaim never swaps out a page being mapped. A shmem page
 * is in the swap cache only while reclaim holds it, or while a swap-in
 * holds it on its way back.
 */
#include <fs.h>
#include <kernel.h>
#include <mm.h>
#include <mmap.h>
#include <pagemap.h>
#include <shmem_fs.h>
#include <slab.h>
#include <spinlock.h>
#include <string.h>
#include <swap.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Pointers per table, and the index bits each level resolves. */
#define SHMEM_TABLE_SHIFT (PAGE_SHIFT - 3)
#define SHMEM_TABLE_SIZE (1UL << SHMEM_TABLE_SHIFT)

/*
 * A shmem object: Linux's shmem_inode_info with its inode, and the
 * address_space that owns its pages (Linux's inode->i_data).
 */
struct shmem_inode_info {
	struct address_space mapping;
	spinlock_t lock; /* the tree's tables and slots, nrpages, swapped */
	unsigned int height; /* levels of tables below root: SHMEM_TABLE_SIZE^height pages */
	void **root; /* a table, or NULL while no page was touched */
	unsigned long nrpages;
	unsigned long swapped; /* slots holding a swap entry (Linux's info->swapped) */
};

static struct shmem_inode_info *SHMEM_I(struct address_space *mapping)
{
	return container_of(mapping, struct shmem_inode_info, mapping);
}

static unsigned long shmem_table_index(unsigned long index, unsigned int level)
{
	return (index >> (SHMEM_TABLE_SHIFT * level)) & (SHMEM_TABLE_SIZE - 1);
}

/*
 * The slot of the tree for offset @index, creating the tables on the way if
 * @create (else NULL where a table is missing). A table is allocated without
 * the lock (it may sleep in reclaim) and put in under it, as page tables
 * are: the loser of a race frees its copy. NULL if memory ran out. A slot
 * holds NULL, a page or a swap entry (a value: see the top of the file);
 * it changes under info->lock.
 */
static void **shmem_slot(struct shmem_inode_info *info, unsigned long index, bool create)
{
	void ***link = &info->root;
	unsigned int level;

	for (level = info->height;; level--) {
		void **table = READ_ONCE(*link);

		if (!table && !create)
			return NULL;
		if (!table) {
			void **fresh = (void **)get_zeroed_page(GFP_KERNEL);

			if (!fresh)
				return NULL;
			spin_lock(&info->lock);
			table = *link;
			if (!table) {
				WRITE_ONCE(*link, fresh);
				table = fresh;
				fresh = NULL;
			}
			spin_unlock(&info->lock);
			free_page((unsigned long)fresh);
		}
		if (level == 1)
			return &table[shmem_table_index(index, 0)];
		link = (void ***)&table[shmem_table_index(index, level - 1)];
	}
}

/*
 * A swap entry as a slot holds it (Linux's swp_to_radix_entry():
 * xa_mk_value()); a swap entry leaves the top bit free for the shift
 * (SWP_TYPE_SHIFT, <swap.h>).
 */
static void *swp_to_radix_entry(swp_entry_t entry)
{
	return (void *)((entry.val << 1) | 1);
}

static swp_entry_t radix_to_swp_entry(const void *arg)
{
	return (swp_entry_t){ (unsigned long)arg >> 1 };
}

/* Does a slot hold a value (a swap entry) rather than a page? (Linux's xa_is_value().) */
static bool xa_is_value(const void *entry)
{
	return (unsigned long)entry & 1;
}

/*
 * Linux's shmem_alloc_folio(): a zeroed page of the object at @index, locked
 * (not in the tree yet, nobody else sees it).
 */
static struct page *shmem_alloc_page(struct shmem_inode_info *info, unsigned long index)
{
	struct page *page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);

	if (page) {
		__SetPageSwapBacked(page);
		__SetPageLocked(page);
		page->mapping = &info->mapping;
		page->index = index;
	}
	return page;
}

/* @page (locked) takes the empty @slot: the object's reference is the allocation's. */
static int shmem_add_new_page(struct shmem_inode_info *info, void **slot, struct page *page)
{
	spin_lock(&info->lock);
	if (*slot) {
		/* Another fault put a page there first. */
		spin_unlock(&info->lock);
		page->mapping = NULL;
		__ClearPageLocked(page);
		put_page(page);
		return -EAGAIN;
	}
	WRITE_ONCE(*slot, page);
	info->nrpages++;
	mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_SHMEM, 1);
	get_page(page); /* the caller's */
	spin_unlock(&info->lock);
	/* On the anonymous LRU lists, as Linux's PageSwapBacked pages (locked: reclaim waits). */
	lru_cache_add_anon(page);
	return 0;
}

/*
 * A swap-in that lost a race (the slot changed): give @page back. If nothing
 * else needs its swap slot any more, it leaves the swap cache now, so that
 * the slot is free again without waiting for reclaim.
 */
static void shmem_swapin_abort(struct page *page, swp_entry_t entry)
{
	if (PageSwapCache(page) && page->private == entry.val && !page_mapped(page) &&
	    !swp_swapcount(entry))
		delete_from_swap_cache(page);
	unlock_page(page);
	put_page(page);
}

/*
 * Linux's shmem_swapin_folio(): the slot @slot of offset @index holds the
 * swap entry @radswap. Read it through the swap cache (the page there if
 * reclaim has not freed it yet, or another swap-in's; else a new page read
 * from the slot), put the page back in the object, and free the swap slot.
 * 0 with the page locked and a reference in *@pagep; -EAGAIN if the slot
 * changed meanwhile (look again); -EIO after a read error, -ENOMEM.
 */
static int shmem_swapin_page(struct shmem_inode_info *info, unsigned long index, void **slot,
			     void *radswap, struct page **pagep)
{
	swp_entry_t entry = radix_to_swp_entry(radswap);
	struct page *page;
	int err;

	page = swapin_page(entry, &err);
	if (!page)
		return READ_ONCE(*slot) == radswap ? err : -EAGAIN;
	spin_lock(&info->lock);
	if (*slot != radswap) {
		/* Another swap-in, or a hole punched, got there first. */
		spin_unlock(&info->lock);
		shmem_swapin_abort(page, entry);
		return -EAGAIN;
	}
	page->mapping = &info->mapping;
	page->index = index;
	WRITE_ONCE(*slot, page);
	info->nrpages++;
	info->swapped--;
	mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_SHMEM, 1);
	get_page(page); /* the object's */
	spin_unlock(&info->lock);
	/* The object holds the data again: the copy in swap is not needed any more. */
	delete_from_swap_cache(page);
	swap_free(entry);
	*pagep = page;
	return 0;
}

/*
 * Lock @page, which the caller found in @slot and holds a reference to:
 * 0 if it is still there, else -EAGAIN (reclaim swapped it out, or a hole
 * took it, while we waited), its reference dropped.
 */
static int shmem_lock_slot_page(struct shmem_inode_info *info, void **slot, struct page *page)
{
	lock_page(page);
	if (page->mapping == &info->mapping && READ_ONCE(*slot) == page)
		return 0;
	unlock_page(page);
	put_page(page);
	return -EAGAIN;
}

/*
 * Linux's shmem_get_folio(): the object's page at @index, allocated (zeroed)
 * on first touch or read back from swap, locked and with a reference for the
 * caller in *@pagep; the caller unlocks it when done (while it holds the
 * lock, reclaim cannot take the page out of the object, nor write it out
 * half-written). 0, -ENOMEM, or -EIO when it could
 * not be read back from swap. Every way to a shmem page (a fault, and any
 * read or write) goes through here.
 */
static int shmem_get_page(struct shmem_inode_info *info, unsigned long index, struct page **pagep)
{
	void **slot = shmem_slot(info, index, true);
	struct page *fresh;
	void *entry;
	int err;

	if (!slot)
		return -ENOMEM;
	do {
		spin_lock(&info->lock);
		entry = *slot;
		if (entry && !xa_is_value(entry))
			get_page(entry);
		spin_unlock(&info->lock);
		if (xa_is_value(entry)) {
			err = shmem_swapin_page(info, index, slot, entry, pagep);
		} else if (entry) {
			err = shmem_lock_slot_page(info, slot, entry);
			*pagep = entry;
		} else {
			fresh = shmem_alloc_page(info, index);
			if (!fresh)
				return -ENOMEM;
			err = shmem_add_new_page(info, slot, fresh);
			*pagep = fresh;
		}
	} while (err == -EAGAIN);
	return err;
}

/*
 * Linux's shmem_fault(): the object's page at vmf->pgoff (shmem_get_page()),
 * locked, with a reference for the PTE the caller makes. A page that could
 * not be read back from swap is VM_FAULT_SIGBUS, as in Linux.
 */
static vm_fault_t shmem_fault(struct vm_fault *vmf)
{
	struct shmem_inode_info *info = SHMEM_I(vmf->vma->vm_file->f_mapping);
	int err;

	/* Beyond the end: only a mapping larger than the object, which mmap never makes. */
	if (vmf->pgoff >= PFN_UP(info->mapping.size))
		return VM_FAULT_SIGBUS;
	err = shmem_get_page(info, vmf->pgoff, &vmf->page);
	if (err)
		return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	return VM_FAULT_LOCKED;
}

/*
 * Linux's shmem_delete_from_page_cache() (filemap_remove_folio() with a
 * value left behind): @page (locked, unmapped) leaves its @slot, which
 * takes @radswap (a swap entry, or NULL), and the object drops its
 * reference.
 */
static void shmem_delete_page(struct shmem_inode_info *info, void **slot, struct page *page,
			      void *radswap)
{
	spin_lock(&info->lock);
	WRITE_ONCE(*slot, radswap);
	info->nrpages--;
	if (radswap)
		info->swapped++;
	spin_unlock(&info->lock);
	page->mapping = NULL;
	mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_SHMEM, -1);
	put_page(page);
}

void shmem_delete_from_page_cache(struct page *page)
{
	struct shmem_inode_info *info = SHMEM_I(page->mapping);
	swp_entry_t entry = { page->private };
	void **slot = shmem_slot(info, page->index, false);

	/*
	 * The object's count of the slot (Linux's swap_shmem_alloc()). It
	 * cannot fail: the swap cache's claim keeps the slot in use.
	 */
	swap_duplicate(entry);
	shmem_delete_page(info, slot, page, swp_to_radix_entry(entry));
}

/*
 * Linux's truncate of one offset (truncate_inode_folio(), and
 * shmem_free_swap() for a swap entry): whatever @slot of offset @index
 * holds leaves the object. A page is locked first (reclaim may be swapping
 * it out: then its swap entry goes instead), unmapped from any PTE a fault
 * made since the caller's unmap_mapping_pages(), and freed.
 */
static void shmem_free_slot(struct shmem_inode_info *info, unsigned long index, void **slot)
{
	struct page *page;
	void *entry;

	do {
		spin_lock(&info->lock);
		entry = *slot;
		if (xa_is_value(entry)) {
			WRITE_ONCE(*slot, NULL);
			info->swapped--;
		} else if (entry) {
			get_page(entry);
		}
		spin_unlock(&info->lock);
		if (!entry)
			return;
		if (xa_is_value(entry)) {
			free_swap_and_cache(radix_to_swp_entry(entry));
			return;
		}
		page = entry;
	} while (shmem_lock_slot_page(info, slot, page));
	/* A fault mapped it since the caller's unmap_mapping_pages() (Linux's truncate_cleanup_folio()). */
	if (page_mapped(page))
		unmap_mapping_pages(&info->mapping, index, 1);
	shmem_delete_page(info, slot, page, NULL);
	unlock_page(page);
	put_page(page);
}

/*
 * Linux's shmem_fallocate(FALLOC_FL_PUNCH_HOLE) for madvise(MADV_REMOVE):
 * the pages at offsets [@start, @end) are unmapped from every mm that maps
 * them (fork shares the object) and leave the object, as do the swap
 * entries there, so they read back as zeroes.
 */
void shmem_punch_hole(struct address_space *mapping, unsigned long start, unsigned long end)
{
	struct shmem_inode_info *info = SHMEM_I(mapping);
	void **slot;

	unmap_mapping_pages(mapping, start, end - start);
	for (; start < end; start++) {
		slot = shmem_slot(info, start, false);
		if (slot && READ_ONCE(*slot))
			shmem_free_slot(info, start, slot);
	}
}

/* The pages, swap entries and tables below @table, @level levels above the pages; then @table. */
static void shmem_free_table(struct shmem_inode_info *info, void **table, unsigned int level,
			     unsigned long index)
{
	unsigned long i, span = 1UL << (SHMEM_TABLE_SHIFT * (level - 1));

	for (i = 0; i < SHMEM_TABLE_SIZE; i++) {
		if (!table[i])
			continue;
		if (level > 1)
			shmem_free_table(info, table[i], level - 1, index + i * span);
		else
			shmem_free_slot(info, index + i, &table[i]);
	}
	free_page((unsigned long)table);
}

/*
 * The last reference to the file is gone, so no VMA maps it and no PTE a
 * page of it: the object goes with its pages and swap entries (Linux's last
 * __fput() drops the inode, and shmem_evict_inode() frees it). Reclaim may
 * still hold a page of it locked: shmem_free_slot() waits for it.
 */
static void shmem_release(struct file *file)
{
	struct shmem_inode_info *info = SHMEM_I(file->f_mapping);

	if (info->root)
		shmem_free_table(info, info->root, info->height, 0);
	kfree(info);
	kfree(file);
}

/*
 * No mmap method: no descriptor reaches a shmem file (there is no tmpfs
 * or memfd); shmem_zero_setup() sets up the one VMA it is made for.
 */
static const struct file_operations shmem_file_operations = {
	.release = shmem_release,
};

/* Linux's shmem_anon_vm_ops, of shared anonymous memory. */
static const struct vm_operations_struct shmem_anon_vm_ops = {
	.fault = shmem_fault,
};

bool vma_is_shmem(const struct vm_area_struct *vma)
{
	return vma->vm_ops == &shmem_anon_vm_ops;
}

unsigned char shmem_mincore(const struct vm_area_struct *vma, unsigned long index)
{
	struct shmem_inode_info *info = SHMEM_I(vma->vm_file->f_mapping);
	void **slot = shmem_slot(info, index, false);
	void *entry = slot ? READ_ONCE(*slot) : NULL;
	struct page *page;

	if (!xa_is_value(entry))
		return entry != NULL;
	page = lookup_swap_cache(radix_to_swp_entry(entry));
	if (!page)
		return 0;
	put_page(page);
	return 1;
}

/* Linux's shmem_partial_swap_usage(): the bytes of offsets [@start, @end) in swap. */
static unsigned long shmem_partial_swap_usage(struct shmem_inode_info *info, unsigned long start,
					      unsigned long end)
{
	unsigned long swapped = 0;
	void **slot;

	for (; start < end; start++) {
		slot = shmem_slot(info, start, false);
		if (slot && xa_is_value(READ_ONCE(*slot)))
			swapped++;
	}
	return swapped << PAGE_SHIFT;
}

unsigned long shmem_swap_usage(const struct vm_area_struct *vma)
{
	struct shmem_inode_info *info = SHMEM_I(vma->vm_file->f_mapping);
	unsigned long swapped = READ_ONCE(info->swapped);

	/* Nothing in swap, or the VMA maps the whole object: the count says it all. */
	if (!swapped)
		return 0;
	if (!vma->vm_pgoff && vma->vm_end - vma->vm_start >= info->mapping.size)
		return swapped << PAGE_SHIFT;
	return shmem_partial_swap_usage(
		info, vma->vm_pgoff, vma->vm_pgoff + ((vma->vm_end - vma->vm_start) >> PAGE_SHIFT));
}

/*
 * Linux's shmem_kernel_file_setup(): a new shmem object of @size bytes and
 * a file open for reading and writing whose f_mapping is its address_space,
 * with one reference. NULL if memory ran out.
 */
static struct file *shmem_kernel_file_setup(unsigned long size)
{
	unsigned long pages = size >> PAGE_SHIFT;
	struct shmem_inode_info *info = kzalloc(sizeof(*info), GFP_KERNEL);
	struct file *file = kmalloc(sizeof(*file), GFP_KERNEL);

	if (!info || !file) {
		kfree(info);
		kfree(file);
		return NULL;
	}
	spin_lock_init(&info->lock);
	info->mapping.size = size;
	address_space_init_once(&info->mapping);
	/* A mapping is below TASK_SIZE: at most 2^26 pages, three levels. */
	info->height = 1;
	while (pages > 1UL << (info->height * SHMEM_TABLE_SHIFT))
		info->height++;
	init_file(file, &shmem_file_operations, O_RDWR);
	file->f_mapping = &info->mapping;
	return file;
}

int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct file *file = shmem_kernel_file_setup(vma->vm_end - vma->vm_start);

	if (!file)
		return -ENOMEM;
	vma->vm_file = file;
	vma->vm_pgoff = 0;
	vma->vm_ops = &shmem_anon_vm_ops;
	return 0;
}
