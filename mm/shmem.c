// SPDX-License-Identifier: GPL-2.0
/*
 * Shmem objects, after Linux's mm/shmem.c: memory that is a file. Shared
 * anonymous memory (MAP_SHARED|MAP_ANONYMOUS) is a file of its own
 * (shmem_kernel_file_setup()); memfd_create() (mm/memfd.c) gives one a
 * descriptor (shmem_file_setup()). The object owns the pages through its
 * address_space, the file's f_mapping; the VMAs only map them. So
 * MADV_DONTNEED, which unmaps, loses nothing: the next touch maps the same
 * page again. The VMAs made from one mapping (mprotect and munmap split it,
 * fork copies it) share the file, each with a reference and on the file's
 * reverse map (i_mmap, <fs.h>); the object counts its files, and the last
 * reference (munmap of all of it, the last exit, close) frees it and its
 * pages.
 *
 * A file reads and writes the object's pages, page by page, through
 * shmem_get_page() like a fault: read(), write(), pread64(), pwrite64(),
 * lseek() with SEEK_DATA and SEEK_HOLE, ftruncate(), fallocate(), fstat(),
 * mmap(), shared (the object's pages) or private (a copy at each fault).
 * Its size is what was written or truncated to; a mapping past it gets
 * SIGBUS.
 *
 * The pages are found by their offset in the object through a radix tree of
 * page-sized tables of 512 pointers (Linux uses an xarray, a radix tree with
 * 64-way nodes): the leaves point at pages, each level above at tables, as
 * many levels as the object's size needs, grown with it (shmem_grow_tree():
 * one for 2 MiB, six for the largest file, 2^63 bytes), and a table exists
 * only once a page below it was touched. Tables are never taken out before
 * the object goes (a truncation frees pages, not tables), so a reader only
 * needs the object alive (a VMA, whose fault holds mmap_lock, or an open
 * file); insertions and growth take the lock.
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
#include <initramfs.h>
#include <kernel.h>
#include <mm.h>
#include <mmap.h>
#include <pagemap.h>
#include <rwsem.h>
#include <shmem_fs.h>
#include <slab.h>
#include <spinlock.h>
#include <string.h>
#include <swap.h>
#include <uaccess.h>
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
	spinlock_t lock; /* the tree's tables and slots, its growth; nrpages, swapped */
	unsigned int height; /* levels of tables below root: SHMEM_TABLE_SIZE^height pages */
	void **root; /* a table, or NULL while no page was touched */
	unsigned long nrpages;
	unsigned long swapped; /* slots holding a swap entry (Linux's info->swapped) */
	/* The object as a file (memfd_create(), the root and /tmp): see shmem_file_setup(). */
	struct rw_semaphore i_rwsem; /* write() and size changes (Linux's inode_lock()) */
	int i_count; /* references: open files, the directory entry while linked (atomic) */
	unsigned int i_nlink; /* 1 while a directory entry names it (kernel/libfs.c), else 0 */
	unsigned int i_mode; /* S_IFREG and the permission bits */
	char *name; /* "/memfd:NAME", "/tmp/NAME"...; NULL for shared anonymous memory */
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
	unsigned int level, height;
	void **top;

	/* Root and height together: the tree may grow a level meanwhile (shmem_grow_tree()). */
	spin_lock(&info->lock);
	height = info->height;
	top = info->root;
	spin_unlock(&info->lock);
	if (index >> (SHMEM_TABLE_SHIFT * height))
		return NULL;
	for (level = height;; level--) {
		void **table = level == height ? top : READ_ONCE(*link);

		if (!table && !create)
			return NULL;
		if (!table) {
			void **fresh = (void **)get_zeroed_page(GFP_KERNEL);
			bool grew;

			if (!fresh)
				return NULL;
			spin_lock(&info->lock);
			grew = level == height && info->height != height;
			table = grew ? NULL : *link;
			if (!table && !grew) {
				WRITE_ONCE(*link, fresh);
				table = fresh;
				fresh = NULL;
			}
			spin_unlock(&info->lock);
			free_page((unsigned long)fresh);
			if (grew)
				return shmem_slot(info, index, create);
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

int shmem_migrate_page(struct page *newpage, struct page *page, int expected)
{
	struct shmem_inode_info *info = SHMEM_I(page->mapping);
	void **slot = shmem_slot(info, page->index, false);

	spin_lock(&info->lock);
	/* Lookups take their reference under info->lock: frozen, nobody gets one. */
	if (!page_ref_freeze(page, expected)) {
		spin_unlock(&info->lock);
		return -EAGAIN;
	}
	get_page(newpage); /* the object's */
	newpage->mapping = page->mapping;
	newpage->index = page->index;
	WRITE_ONCE(*slot, newpage);
	page_ref_unfreeze(page, expected - 1); /* the object's reference went with the slot */
	spin_unlock(&info->lock);
	mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_SHMEM, -1);
	mod_node_page_state(NODE_DATA(page_to_nid(newpage)), NR_SHMEM, 1);
	return 0;
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
		unmap_mapping_pages(&info->mapping, index, 1, false);
	shmem_delete_page(info, slot, page, NULL);
	unlock_page(page);
	put_page(page);
}

static void shmem_free_range(struct shmem_inode_info *info, unsigned long first,
			     unsigned long last);

/*
 * Linux's shmem_fallocate(FALLOC_FL_PUNCH_HOLE) for madvise(MADV_REMOVE):
 * the pages at offsets [@start, @end) are unmapped from every mm that maps
 * them (fork shares the object) and leave the object, as do the swap
 * entries there, so they read back as zeroes.
 */
void shmem_punch_hole(struct address_space *mapping, unsigned long start, unsigned long end)
{
	unmap_mapping_pages(mapping, start, end - start, false);
	shmem_free_range(SHMEM_I(mapping), start, end);
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

/* ------------------------------------------------- the object's life */

/*
 * Linux's shmem_get_inode() with shmem_evict_inode(): an object counts its
 * open files and its directory entry; the last reference frees it with its
 * pages and swap entries (no VMA maps it then: each VMA holds a file).
 * Reclaim may still hold a page of it locked: shmem_free_slot() waits for it.
 */
static struct shmem_inode_info *shmem_inode_alloc(unsigned int mode, char *name)
{
	struct shmem_inode_info *info = kzalloc(sizeof(*info), GFP_KERNEL);

	if (!info)
		return NULL;
	spin_lock_init(&info->lock);
	init_rwsem(&info->i_rwsem);
	address_space_init_once(&info->mapping);
	info->height = 1;
	info->i_count = 1;
	info->i_mode = mode;
	info->name = name;
	return info;
}

void shmem_inode_put(struct shmem_inode_info *info)
{
	if (__atomic_sub_fetch(&info->i_count, 1, __ATOMIC_ACQ_REL))
		return;
	if (info->root)
		shmem_free_table(info, info->root, info->height, 0);
	kfree(info->name);
	kfree(info);
}

/*
 * Linux's xarray growing a level (xas_expand()): the tree covers @pages
 * pages. A new root takes the old one as its first table, so a walk that
 * started from the old root (shmem_slot()) still finds its pages. The tree
 * never shrinks: its tables go with the object. 0 or -ENOMEM.
 */
static int shmem_grow_tree(struct shmem_inode_info *info, unsigned long pages)
{
	void **fresh = NULL;
	bool need;

	for (;;) {
		spin_lock(&info->lock);
		while (pages > 1UL << (SHMEM_TABLE_SHIFT * info->height)) {
			/* An empty tree only counts its levels; a root needs a new table above it. */
			if (info->root && !fresh)
				break;
			if (info->root) {
				fresh[0] = info->root;
				WRITE_ONCE(info->root, fresh);
				fresh = NULL;
			}
			WRITE_ONCE(info->height, info->height + 1);
		}
		need = pages > 1UL << (SHMEM_TABLE_SHIFT * info->height);
		spin_unlock(&info->lock);
		if (!need)
			break;
		fresh = (void **)get_zeroed_page(GFP_KERNEL);
		if (!fresh)
			return -ENOMEM;
	}
	free_page((unsigned long)fresh);
	return 0;
}

/*
 * The last reference to the file is gone: the object loses one (Linux's
 * last __fput() drops the dentry and with it the inode).
 */
static void shmem_release(struct file *file)
{
	shmem_inode_put(SHMEM_I(file->f_mapping));
	kfree(file);
}

static const struct file_operations shmem_file_operations;

struct file *shmem_file_open(struct shmem_inode_info *info, unsigned int flags)
{
	struct file *file = kmalloc(sizeof(*file), GFP_KERNEL);

	if (!file)
		return NULL;
	__atomic_add_fetch(&info->i_count, 1, __ATOMIC_RELAXED);
	init_file(file, &shmem_file_operations, flags);
	file->f_mapping = &info->mapping;
	return file;
}

/* ------------------------------------------------ the object as a file */

/* Linux's MAX_LFS_FILESIZE on 64 bits: the largest size and offset. */
#define MAX_LFS_FILESIZE 0x7fffffffffffffffL

/* Is there a page (or anything shmem_get_page() finds) at @index? Holes read as zeroes. */
static bool shmem_present(struct shmem_inode_info *info, unsigned long index)
{
	void **slot = shmem_slot(info, index, false);

	return slot && READ_ONCE(*slot);
}

/*
 * The first offset from @index below @end that holds a page, or @end: a
 * missing table skips all it would cover, so a sparse file of any size is
 * crossed in as many steps as it has tables.
 */
static unsigned long shmem_next_present(struct shmem_inode_info *info, unsigned long index,
					unsigned long end)
{
	unsigned int level, height;
	void **table;

	while (index < end) {
		spin_lock(&info->lock);
		height = info->height;
		table = info->root;
		spin_unlock(&info->lock);
		if (index >> (SHMEM_TABLE_SHIFT * height))
			return end;
		for (level = height; table && level > 1; level--)
			table = READ_ONCE(table[shmem_table_index(index, level - 1)]);
		if (table && READ_ONCE(table[shmem_table_index(index, 0)]))
			return index;
		/* Past the missing table at @level (or the empty slot: level 0). */
		level = table ? 0 : level;
		index = ((index >> (SHMEM_TABLE_SHIFT * level)) + 1) << (SHMEM_TABLE_SHIFT * level);
	}
	return end;
}

/*
 * What the object holds at offsets [@first, @last) leaves it (shmem_free_slot()),
 * offset by offset where there is something: the holes of a sparse file are
 * skipped. The caller has unmapped the range.
 */
static void shmem_free_range(struct shmem_inode_info *info, unsigned long first,
			     unsigned long last)
{
	void **slot;

	for (first = shmem_next_present(info, first, last); first < last;
	     first = shmem_next_present(info, first + 1, last)) {
		slot = shmem_slot(info, first, false);
		if (slot && READ_ONCE(*slot))
			shmem_free_slot(info, first, slot);
	}
}

/*
 * Linux's shmem_file_read_iter(): from *@ppos up to the size; a hole reads
 * as zeroes without a page being allocated for it. As in Linux, a page is
 * copied out unlocked, held by its reference only: the copy may fault, even
 * on a mapping of this very page.
 */
static long shmem_file_read(struct file *file, char __user *buf, size_t count, long *ppos)
{
	struct shmem_inode_info *info = SHMEM_I(file->f_mapping);
	unsigned long pos = *ppos, done = 0, n, left;
	struct page *page;
	int err = 0;

	while (done < count) {
		unsigned long size = READ_ONCE(info->mapping.size), off = pos & ~PAGE_MASK;

		if (pos >= size)
			break;
		n = min(min(count - done, PAGE_SIZE - off), size - pos);
		if (!shmem_present(info, pos >> PAGE_SHIFT)) {
			left = clear_user(buf + done, n);
		} else {
			err = shmem_get_page(info, pos >> PAGE_SHIFT, &page);
			if (err)
				break;
			unlock_page(page);
			left = copy_to_user(buf + done, (char *)page_address(page) + off, n);
			put_page(page);
		}
		done += n - left;
		pos += n - left;
		if (left) {
			err = -EFAULT;
			break;
		}
	}
	*ppos = pos;
	return done ? (long)done : err;
}

/*
 * Linux's generic_perform_write() through shmem_write_begin(): page by
 * page, each got with shmem_get_page(); the size grows to what was
 * written. i_rwsem makes a write whole against other writes and size
 * changes. The bytes go into the page while it is locked, so that reclaim
 * never writes half of them to swap; they are copied from the user into
 * @bounce first, without the lock, because that copy may fault, even on a
 * mapping of this very page (Linux faults the source in first and copies
 * with page faults disabled). A fault in @buf ends it short (-EFAULT if
 * nothing was written), as a fatal signal does (-EINTR).
 */
static long shmem_write_pages(struct shmem_inode_info *info, const char __user *buf,
			      size_t count, unsigned long *ppos, char *bounce)
{
	unsigned long pos = *ppos, done = 0, n, left;
	struct page *page;
	int err = shmem_grow_tree(info, PFN_UP(pos + count));

	while (!err && done < count) {
		unsigned long off = pos & ~PAGE_MASK;

		n = min(count - done, PAGE_SIZE - off);
		if (fatal_signal_pending(current)) {
			err = -EINTR;
			break;
		}
		left = copy_from_user(bounce, buf + done, n);
		if (left == n) {
			err = -EFAULT;
			break;
		}
		n -= left;
		err = shmem_get_page(info, pos >> PAGE_SHIFT, &page);
		if (err)
			break;
		memcpy((char *)page_address(page) + off, bounce, n);
		unlock_page(page);
		put_page(page);
		done += n;
		pos += n;
		if (pos > info->mapping.size)
			WRITE_ONCE(info->mapping.size, pos);
		if (left)
			err = -EFAULT;
	}
	*ppos = pos;
	return done ? (long)done : err;
}

/* write() and pwrite64(): O_APPEND, the size limit, then shmem_write_pages(). */
static long shmem_file_write(struct file *file, const char __user *buf, size_t count, long *ppos)
{
	struct shmem_inode_info *info = SHMEM_I(file->f_mapping);
	unsigned long pos;
	char *bounce;
	long ret = 0;

	down_write(&info->i_rwsem);
	pos = file->f_flags & O_APPEND ? info->mapping.size : (unsigned long)*ppos;
	/* generic_write_check_limits(): nothing at or past the largest size. */
	if (count && pos >= MAX_LFS_FILESIZE)
		ret = -EFBIG;
	count = min(count, MAX_LFS_FILESIZE - pos);
	if (!ret && count) {
		bounce = (char *)__get_free_page(GFP_KERNEL);
		ret = bounce ? shmem_write_pages(info, buf, count, &pos, bounce) : -ENOMEM;
		free_page((unsigned long)bounce);
	}
	up_write(&info->i_rwsem);
	*ppos = pos;
	return ret;
}

/*
 * Linux's mapping_seek_hole_data() by pages: from @offset, the first byte of
 * data (a page, SEEK_DATA) or of a hole (SEEK_HOLE; the end counts as one);
 * -ENXIO at or past the end, or for no data after @offset.
 */
static long shmem_seek_hole_data(struct shmem_inode_info *info, long offset, long size,
				 unsigned int whence)
{
	unsigned long index;

	if (offset < 0 || offset >= size)
		return -ENXIO;
	index = offset >> PAGE_SHIFT;
	if (whence == SEEK_DATA)
		index = shmem_next_present(info, index, PFN_UP(size));
	else
		while (index < PFN_UP(size) && shmem_present(info, index))
			index++;
	if (index >= PFN_UP(size))
		return whence == SEEK_DATA ? -ENXIO : size;
	return max(offset, (long)(index << PAGE_SHIFT));
}

/*
 * Linux's shmem_file_llseek(): SEEK_SET, SEEK_CUR and SEEK_END as
 * generic_file_llseek_size() does them, SEEK_DATA and SEEK_HOLE by
 * pages. A result below 0 or above MAX_LFS_FILESIZE is -EINVAL.
 */
static long shmem_file_llseek(struct file *file, long offset, unsigned int whence)
{
	struct shmem_inode_info *info = SHMEM_I(file->f_mapping);
	long size = READ_ONCE(info->mapping.size);
	unsigned long flags;

	if (whence == SEEK_DATA || whence == SEEK_HOLE) {
		offset = shmem_seek_hole_data(info, offset, size, whence);
		if (offset < 0)
			return offset;
	}
	spin_lock_irqsave(&file->f_pos_lock, flags);
	if (whence == SEEK_CUR)
		offset = __builtin_add_overflow(offset, file->f_pos, &offset) ? -1 : offset;
	else if (whence == SEEK_END)
		offset = __builtin_add_overflow(offset, size, &offset) ? -1 : offset;
	if (offset >= 0)
		file->f_pos = offset;
	spin_unlock_irqrestore(&file->f_pos_lock, flags);
	return offset < 0 ? -EINVAL : offset;
}

/* Linux's shmem_getattr(). */
static void shmem_getattr(struct file *file, struct kstat *stat)
{
	shmem_inode_getattr(SHMEM_I(file->f_mapping), stat);
}

/* Bytes [@start, @end) of one page zeroed, if the page is there (not a hole). */
static int shmem_zero_partial(struct shmem_inode_info *info, unsigned long start, unsigned long end)
{
	struct page *page;

	if (!shmem_present(info, start >> PAGE_SHIFT))
		return 0;
	if (shmem_get_page(info, start >> PAGE_SHIFT, &page))
		return -ENOMEM;
	memset((char *)page_address(page) + (start & ~PAGE_MASK), 0, end - start);
	unlock_page(page);
	put_page(page);
	return 0;
}

/*
 * Linux's shmem_truncate_range(): bytes [@start, @end) read back as
 * zeroes: whole pages leave the object (unmapped first, with the private
 * copies if @even_cows), the partial pages at either end are zeroed where
 * they are.
 */
static int shmem_truncate_range(struct shmem_inode_info *info, unsigned long start,
				unsigned long end, bool even_cows)
{
	unsigned long first = PFN_UP(start), last = end >> PAGE_SHIFT;
	int err = 0;

	if (start >= end)
		return 0;
	if (first < last) {
		unmap_mapping_pages(&info->mapping, first, last - first, even_cows);
		shmem_free_range(info, first, last);
	}
	if (start & ~PAGE_MASK)
		err = shmem_zero_partial(info, start, min(end, PAGE_ALIGN(start)));
	if (!err && (end & ~PAGE_MASK) && (end & PAGE_MASK) >= PAGE_ALIGN(start))
		err = shmem_zero_partial(info, end & PAGE_MASK, end);
	return err;
}

/*
 * Linux's shmem_setattr() of the size (i_rwsem held): growing only grows
 * the tree (the new bytes are holes); shrinking unmaps and frees the pages
 * past the end, and zeroes the tail of the last page, so that a later
 * growth reads zeroes there. A mapping past the new end gets SIGBUS.
 */
static int shmem_setsize(struct shmem_inode_info *info, unsigned long size)
{
	unsigned long old = info->mapping.size;
	int err;

	if (size > old) {
		err = shmem_grow_tree(info, PFN_UP(size));
		if (!err)
			WRITE_ONCE(info->mapping.size, size);
		return err;
	}
	WRITE_ONCE(info->mapping.size, size);
	return shmem_truncate_range(info, size, PAGE_ALIGN(old), true);
}

/* ftruncate() (do_truncate() to shmem_setattr()): -EFBIG past MAX_LFS_FILESIZE. */
static int shmem_truncate(struct file *file, long length)
{
	struct shmem_inode_info *info = SHMEM_I(file->f_mapping);
	int err;

	if (length > MAX_LFS_FILESIZE)
		return -EFBIG;
	down_write(&info->i_rwsem);
	err = shmem_setsize(info, length);
	up_write(&info->i_rwsem);
	return err;
}

/*
 * Linux's shmem_fallocate(): FALLOC_FL_PUNCH_HOLE (with KEEP_SIZE, which
 * vfs_fallocate() required) reads [@offset, @offset + @len) back as zeroes;
 * mode 0 or KEEP_SIZE gives every page there a page (so a later write or
 * fault does not run out of memory) and, without KEEP_SIZE, grows the
 * size to cover them. Pages allocated before an -ENOMEM or a signal's
 * -EINTR stay.
 */
static long shmem_fallocate(struct file *file, int mode, long offset, long len)
{
	struct shmem_inode_info *info = SHMEM_I(file->f_mapping);
	unsigned long index, end = offset + len;
	struct page *page;
	long err = 0;

	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	down_write(&info->i_rwsem);
	if (mode & FALLOC_FL_PUNCH_HOLE) {
		err = shmem_truncate_range(info, offset, min(end, info->mapping.size), false);
		goto out;
	}
	err = shmem_grow_tree(info, PFN_UP(end));
	for (index = offset >> PAGE_SHIFT; !err && index < PFN_UP(end); index++) {
		/* A signal stops it (the OOM killer's, when the range outgrows memory). */
		if (signal_pending(current)) {
			err = -EINTR;
			break;
		}
		err = shmem_get_page(info, index, &page);
		if (!err) {
			unlock_page(page);
			put_page(page);
		}
	}
	if (!err && !(mode & FALLOC_FL_KEEP_SIZE) && end > info->mapping.size)
		WRITE_ONCE(info->mapping.size, end);
out:
	up_write(&info->i_rwsem);
	return err;
}

/*
 * ->fault of a private mapping: the object's page copied into the page
 * do_cow_fault() allocated. Linux maps the object's page read-only until
 * the first write; Loam copies at the first touch (see do_cow_fault()),
 * so a private page read before the object changes keeps the old bytes.
 */
static vm_fault_t shmem_cow_fault(struct vm_fault *vmf)
{
	struct shmem_inode_info *info = SHMEM_I(vmf->vma->vm_file->f_mapping);
	struct page *page;
	int err;

	if (vmf->pgoff >= PFN_UP(READ_ONCE(info->mapping.size)))
		return VM_FAULT_SIGBUS;
	err = shmem_get_page(info, vmf->pgoff, &page);
	if (err)
		return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	copy_page(page_address(vmf->cow_page), page_address(page));
	unlock_page(page);
	put_page(page);
	return VM_FAULT_DONE_COW;
}

/* Linux's shmem_vm_ops, of a mapped memfd or /tmp file. */
static const struct vm_operations_struct shmem_vm_ops = {
	.fault = shmem_fault,
};

static const struct vm_operations_struct shmem_private_vm_ops = {
	.fault = shmem_cow_fault,
};

/* Linux's shmem_mmap(): shared mappings map the object's pages, private ones copy them. */
static int shmem_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = vma->vm_flags & VM_SHARED ? &shmem_vm_ops : &shmem_private_vm_ops;
	return 0;
}

static const struct file_operations shmem_file_operations = {
	.read = shmem_file_read,
	.write = shmem_file_write,
	.llseek = shmem_file_llseek,
	.mmap = shmem_mmap,
	.release = shmem_release,
	.getattr = shmem_getattr,
	.truncate = shmem_truncate,
	.fallocate = shmem_fallocate,
};

struct shmem_inode_info *shmem_get_inode(unsigned int mode, char *name)
{
	struct shmem_inode_info *info = shmem_inode_alloc(S_IFREG | mode, name);

	if (info)
		info->i_nlink = 1;
	else
		kfree(name);
	return info;
}

void shmem_ihold(struct shmem_inode_info *info)
{
	__atomic_add_fetch(&info->i_count, 1, __ATOMIC_RELAXED);
}

void shmem_unlink(struct shmem_inode_info *info)
{
	WRITE_ONCE(info->i_nlink, 0);
	shmem_inode_put(info);
}

int shmem_inode_truncate(struct shmem_inode_info *info)
{
	int err;

	down_write(&info->i_rwsem);
	err = shmem_setsize(info, 0);
	up_write(&info->i_rwsem);
	return err;
}

void shmem_inode_getattr(struct shmem_inode_info *info, struct kstat *stat)
{
	stat->mode = info->i_mode;
	stat->nlink = READ_ONCE(info->i_nlink);
	stat->size = READ_ONCE(info->mapping.size);
	stat->blocks = READ_ONCE(info->nrpages) << (PAGE_SHIFT - 9);
	stat->blksize = PAGE_SIZE;
}

const char *shmem_file_name(struct file *file, bool *deleted)
{
	struct shmem_inode_info *info;

	if (file->f_op != &shmem_file_operations)
		return NULL;
	info = SHMEM_I(file->f_mapping);
	*deleted = !READ_ONCE(info->i_nlink);
	/* shmem_zero_setup()'s object: Linux names it after /dev/zero, which makes it. */
	return info->name ? info->name : "/dev/zero";
}

struct file *shmem_file_setup(char *name, unsigned int mode, unsigned int flags)
{
	struct shmem_inode_info *info = shmem_inode_alloc(S_IFREG | mode, name);
	struct file *file;

	if (!info) {
		kfree(name);
		return NULL;
	}
	file = shmem_file_open(info, flags);
	shmem_inode_put(info);
	return file;
}

/* Linux's shmem_anon_vm_ops, of shared anonymous memory. */
static const struct vm_operations_struct shmem_anon_vm_ops = {
	.fault = shmem_fault,
};

bool vma_is_shmem(const struct vm_area_struct *vma)
{
	return vma->vm_ops == &shmem_anon_vm_ops || vma->vm_ops == &shmem_vm_ops ||
	       vma->vm_ops == &shmem_private_vm_ops;
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
	struct shmem_inode_info *info = shmem_inode_alloc(S_IFREG | 0777, NULL);
	struct file *file = NULL;

	/* No table yet: growing the tree only counts its levels. */
	if (info && !shmem_grow_tree(info, PFN_UP(size))) {
		info->mapping.size = size;
		file = shmem_file_open(info, O_RDWR);
	}
	if (info)
		shmem_inode_put(info);
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
