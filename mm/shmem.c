// SPDX-License-Identifier: GPL-2.0
/*
 * Shared anonymous memory, after Linux's mm/shmem.c: MAP_SHARED|MAP_ANONYMOUS
 * memory is a file of its own (shmem_kernel_file_setup()), whose shmem
 * object owns the pages through its address_space, the file's f_mapping;
 * the VMAs only map them. So MADV_DONTNEED, which unmaps, loses nothing: the
 * next touch maps the same page again. The VMAs made from one mapping
 * (mprotect and munmap split it) share the file, each with a reference, and
 * the last fput() (munmap of all of it, exit) frees the object and its pages.
 *
 * The pages are found by their offset in the object through a radix tree of
 * page-sized tables of 512 pointers (Linux uses an xarray, a radix tree with
 * 64-way nodes): the leaves point at pages, each level above at tables, as
 * many levels as the object's size needs (three for the largest mapping, 256
 * GiB), and a table exists only once a page below it was touched. Tables are
 * never taken out before the object goes, so a reader only needs the object
 * alive (a VMA, whose fault holds mmap_lock); insertions take the lock.
 *
 * Not done yet (issue 14): the pages are not on an LRU list, so reclaim
 * never sees them and they are not swapped; they count as Shmem in
 * /proc/meminfo and as nr_shmem in /proc/vmstat, and in the mapping mm's
 * shmem_rss (Linux's MM_SHMEMPAGES, RssShmem).
 */
#include <fs.h>
#include <kernel.h>
#include <mm.h>
#include <mmap.h>
#include <shmem_fs.h>
#include <slab.h>
#include <spinlock.h>
#include <string.h>
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
	spinlock_t lock; /* insertions into the tree; nrpages */
	unsigned int height; /* levels of tables below root: SHMEM_TABLE_SIZE^height pages */
	void **root; /* a table, or NULL while no page was touched */
	unsigned long nrpages;
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
 * are: the loser of a race frees its copy. NULL if memory ran out.
 */
static struct page **shmem_slot(struct shmem_inode_info *info, unsigned long index, bool create)
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
			return (struct page **)&table[shmem_table_index(index, 0)];
		link = (void ***)&table[shmem_table_index(index, level - 1)];
	}
}

/* Linux's shmem_alloc_folio(): a zeroed page of the object at @index (not in the tree yet). */
static struct page *shmem_alloc_page(struct shmem_inode_info *info, unsigned long index)
{
	struct page *page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);

	if (page) {
		__SetPageSwapBacked(page);
		page->mapping = &info->mapping;
		page->index = index;
	}
	return page;
}

/*
 * Linux's shmem_get_folio(): the object's page at @index, allocated (zeroed)
 * on first touch, with a reference for the caller in *@pagep. 0 or -ENOMEM.
 * Every way to a shmem page (a fault, and any future read or write) goes
 * through here.
 */
static int shmem_get_page(struct shmem_inode_info *info, unsigned long index, struct page **pagep)
{
	struct page **slot, *page, *fresh = NULL;

	slot = shmem_slot(info, index, true);
	if (!slot)
		return -ENOMEM;
	if (!READ_ONCE(*slot)) {
		fresh = shmem_alloc_page(info, index);
		if (!fresh)
			return -ENOMEM;
	}
	spin_lock(&info->lock);
	page = *slot;
	if (!page && fresh) {
		WRITE_ONCE(*slot, fresh);
		page = fresh;
		fresh = NULL;
		info->nrpages++;
		mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_SHMEM, 1);
	}
	get_page(page);
	spin_unlock(&info->lock);
	if (fresh) {
		/* Another fault put a page there first. */
		fresh->mapping = NULL;
		put_page(fresh);
	}
	*pagep = page;
	return 0;
}

/*
 * Linux's shmem_fault(): the object's page at vmf->pgoff (shmem_get_page()),
 * with a reference for the PTE the caller makes.
 */
static vm_fault_t shmem_fault(struct vm_fault *vmf)
{
	struct shmem_inode_info *info = SHMEM_I(vmf->vma->vm_file->f_mapping);

	/* Beyond the end: only a mapping larger than the object, which mmap never makes. */
	if (vmf->pgoff >= PFN_UP(info->mapping.size))
		return VM_FAULT_SIGBUS;
	if (shmem_get_page(info, vmf->pgoff, &vmf->page))
		return VM_FAULT_OOM;
	return 0;
}

/* Linux's filemap_remove_folio(): @page leaves the object, which drops its reference. */
static void shmem_delete_page(struct shmem_inode_info *info, struct page *page)
{
	info->nrpages--;
	page->mapping = NULL;
	mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_SHMEM, -1);
	put_page(page);
}

/*
 * Linux's shmem_fallocate(FALLOC_FL_PUNCH_HOLE) for madvise(MADV_REMOVE):
 * the pages at offsets [@start, @end) leave the object, so they read back as
 * zeroes. The caller has unmapped them (only one mm maps an object: there is
 * no fork yet, so zapping the caller's range is Linux's unmap_mapping_range()).
 */
void shmem_punch_hole(struct address_space *mapping, unsigned long start, unsigned long end)
{
	struct shmem_inode_info *info = SHMEM_I(mapping);
	struct page **slot, *page;

	for (; start < end; start++) {
		slot = shmem_slot(info, start, false);
		if (!slot || !READ_ONCE(*slot))
			continue;
		spin_lock(&info->lock);
		page = *slot;
		WRITE_ONCE(*slot, NULL);
		spin_unlock(&info->lock);
		if (page)
			shmem_delete_page(info, page);
	}
}

/* The pages and tables below @table, @level levels above the pages; then @table. */
static void shmem_free_table(struct shmem_inode_info *info, void **table, unsigned int level)
{
	unsigned long i;

	for (i = 0; i < SHMEM_TABLE_SIZE; i++) {
		if (!table[i])
			continue;
		if (level > 1) {
			shmem_free_table(info, table[i], level - 1);
		} else {
			shmem_delete_page(info, table[i]);
		}
	}
	free_page((unsigned long)table);
}

/*
 * The last reference to the file is gone, so no VMA maps it and no PTE a
 * page of it: the object goes with its pages (Linux's last __fput() drops
 * the inode, and shmem_evict_inode() frees it).
 */
static void shmem_release(struct file *file)
{
	struct shmem_inode_info *info = SHMEM_I(file->f_mapping);

	if (info->root)
		shmem_free_table(info, info->root, info->height);
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
