// SPDX-License-Identifier: GPL-2.0
/*
 * Shmem objects, after Linux's mm/shmem.c: memory that is a file. Shared
 * anonymous memory (MAP_SHARED|MAP_ANONYMOUS) is a file of its own
 * (shmem_kernel_file_setup()); memfd_create() (mm/memfd.c) gives one a
 * descriptor (shmem_file_setup()). The object owns the pages through its
 * address_space, the file's f_mapping; the VMAs only map them. So
 * MADV_DONTNEED, which unmaps, loses nothing: the next touch maps the same
 * page again. The VMAs made from one mapping (mprotect and munmap split it)
 * share the file, each with a reference; the object counts its files, and
 * the last reference (munmap of all of it, exit, close) frees it and its
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
 * Not done yet (issue 14): the pages are not on an LRU list, so reclaim
 * never sees them and they are not swapped; they count as Shmem in
 * /proc/meminfo and as nr_shmem in /proc/vmstat, and in the mapping mm's
 * shmem_rss (Linux's MM_SHMEMPAGES, RssShmem).
 */
#include <fs.h>
#include <initramfs.h>
#include <kernel.h>
#include <mm.h>
#include <mmap.h>
#include <rwsem.h>
#include <shmem_fs.h>
#include <slab.h>
#include <spinlock.h>
#include <string.h>
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
	spinlock_t lock; /* insertions into the tree, its growth; nrpages */
	unsigned int height; /* levels of tables below root: SHMEM_TABLE_SIZE^height pages */
	void **root; /* a table, or NULL while no page was touched */
	unsigned long nrpages;
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
 * are: the loser of a race frees its copy. NULL if memory ran out.
 */
static struct page **shmem_slot(struct shmem_inode_info *info, unsigned long index, bool create)
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

/* ------------------------------------------------- the object's life */

/*
 * Linux's shmem_get_inode() with shmem_evict_inode(): an object counts its
 * open files and its directory entry; the last reference frees it with its
 * pages (no VMA maps it then: each VMA holds a file).
 */
static struct shmem_inode_info *shmem_inode_alloc(unsigned int mode, char *name)
{
	struct shmem_inode_info *info = kzalloc(sizeof(*info), GFP_KERNEL);

	if (!info)
		return NULL;
	spin_lock_init(&info->lock);
	init_rwsem(&info->i_rwsem);
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
		shmem_free_table(info, info->root, info->height);
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
	struct page **slot = shmem_slot(info, index, false);

	return slot && READ_ONCE(*slot);
}

/*
 * Linux's shmem_file_read_iter(): from *@ppos up to the size; a hole reads
 * as zeroes without a page being allocated for it.
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
 * changes. A fault in @buf ends it short (-EFAULT if nothing was written).
 */
static long shmem_file_write(struct file *file, const char __user *buf, size_t count, long *ppos)
{
	struct shmem_inode_info *info = SHMEM_I(file->f_mapping);
	unsigned long pos, done = 0, n, left;
	struct page *page;
	int err = 0;

	down_write(&info->i_rwsem);
	pos = file->f_flags & O_APPEND ? info->mapping.size : (unsigned long)*ppos;
	/* generic_write_check_limits(): nothing at or past the largest size. */
	if (count && pos >= MAX_LFS_FILESIZE)
		err = -EFBIG;
	count = min(count, MAX_LFS_FILESIZE - pos);
	if (!err && count)
		err = shmem_grow_tree(info, PFN_UP(pos + count));
	while (!err && done < count) {
		unsigned long off = pos & ~PAGE_MASK;

		n = min(count - done, PAGE_SIZE - off);
		err = shmem_get_page(info, pos >> PAGE_SHIFT, &page);
		if (err)
			break;
		left = copy_from_user((char *)page_address(page) + off, buf + done, n);
		put_page(page);
		done += n - left;
		pos += n - left;
		if (pos > info->mapping.size)
			WRITE_ONCE(info->mapping.size, pos);
		if (left)
			err = -EFAULT;
	}
	up_write(&info->i_rwsem);
	*ppos = pos;
	return done ? (long)done : err;
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
	for (index = offset >> PAGE_SHIFT; index < PFN_UP(size); index++)
		if (shmem_present(info, index) == (whence == SEEK_DATA))
			return max(offset, (long)(index << PAGE_SHIFT));
	return whence == SEEK_DATA ? -ENXIO : size;
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

/*
 * Linux's unmap_mapping_range() of offsets [@start, @end) (in pages), for
 * a truncation or a punched hole. The object keeps no list of the VMAs
 * that map it (no i_mmap): only the caller's mm is searched; another mm's
 * PTE keeps its page (a reference of its own) out of the object. The
 * private copies go too if @even_cows (a truncation: past the end nothing
 * may stay mapped), as in Linux.
 */
static void shmem_unmap_range(struct shmem_inode_info *info, unsigned long start, unsigned long end,
			      bool even_cows)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;

	if (!mm)
		return;
	mmap_read_lock(mm);
	for (vma = mm->mmap; vma; vma = vma->vm_next) {
		unsigned long first = vma->vm_pgoff,
			      last = first + ((vma->vm_end - vma->vm_start) >> PAGE_SHIFT);

		if (!vma->vm_file || vma->vm_file->f_mapping != &info->mapping || last <= start ||
		    first >= end || (!even_cows && !(vma->vm_flags & VM_SHARED)))
			continue;
		zap_page_range(mm, vma->vm_start + ((max(first, start) - first) << PAGE_SHIFT),
			       vma->vm_start + ((min(last, end) - first) << PAGE_SHIFT));
	}
	mmap_read_unlock(mm);
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
		shmem_unmap_range(info, first, last, even_cows);
		shmem_punch_hole(&info->mapping, first, last);
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
 * size to cover them. Pages allocated before an -ENOMEM stay.
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
		err = shmem_get_page(info, index, &page);
		if (!err)
			put_page(page);
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

	if (vmf->pgoff >= PFN_UP(READ_ONCE(info->mapping.size)))
		return VM_FAULT_SIGBUS;
	if (shmem_get_page(info, vmf->pgoff, &page))
		return VM_FAULT_OOM;
	memcpy(page_address(vmf->cow_page), page_address(page), PAGE_SIZE);
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
