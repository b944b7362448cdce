/* SPDX-License-Identifier: GPL-2.0 */
/* Shmem objects (mm/shmem.c), as Linux's include/linux/shmem_fs.h. */
#ifndef LOAM_SHMEM_FS_H
#define LOAM_SHMEM_FS_H

#include <mm.h>
#include <types.h>

struct file;
struct vm_area_struct;

/*
 * Linux's shmem_zero_setup(): give the MAP_SHARED|MAP_ANONYMOUS VMA @vma
 * (bounds set, no vm_file) a new shmem file of its size as its vm_file (the
 * VMA holds the only reference), vm_pgoff 0 and the shmem fault handler
 * as its vm_ops. 0 or -ENOMEM.
 */
int shmem_zero_setup(struct vm_area_struct *vma);

struct address_space;

/*
 * Punch a hole: the pages of the shmem object whose address_space is
 * @mapping (a shmem file's f_mapping) at offsets [@start, @end)
 * (in pages) are unmapped from every mm, freed with their swap entries and
 * read back as zeroes (madvise MADV_REMOVE).
 */
void shmem_punch_hole(struct address_space *mapping, unsigned long start, unsigned long end);

/*
 * Linux's shmem_file_setup(), for memfd_create() (mm/memfd.c) and
 * O_TMPFILE (kernel/libfs.c): a new empty shmem object, regular with
 * permission bits @mode, named @name (taken over and freed with the
 * object: "/memfd:NAME" as /proc shows it), in no directory, and a file
 * open for open()'s @flags on it with one reference. NULL if memory ran out.
 */
struct file *shmem_file_setup(char *name, unsigned int mode, unsigned int flags);

/*
 * The objects of the writable directories (kernel/libfs.c), Linux's tmpfs
 * inodes. An object is counted: shmem_get_inode() gives a new one, empty,
 * regular with permission bits @mode, named @name (taken over, freed with
 * it: the path /proc shows), with one link and one reference, the
 * directory entry's (NULL if memory ran out); shmem_ihold() takes another
 * and shmem_inode_put() drops one, the last freeing the object and its
 * pages; shmem_unlink() drops the entry's link and its reference.
 * shmem_file_open() opens it for open()'s @flags (a new file holding a
 * reference; NULL if memory ran out). shmem_inode_truncate() empties it
 * (O_TRUNC); shmem_inode_getattr() is fstat()'s view of it.
 */
struct shmem_inode_info;
struct kstat;
struct shmem_inode_info *shmem_get_inode(unsigned int mode, char *name);
void shmem_ihold(struct shmem_inode_info *info);
void shmem_inode_put(struct shmem_inode_info *info);
void shmem_unlink(struct shmem_inode_info *info);
struct file *shmem_file_open(struct shmem_inode_info *info, unsigned int flags);
int shmem_inode_truncate(struct shmem_inode_info *info);
void shmem_inode_getattr(struct shmem_inode_info *info, struct kstat *stat);

/*
 * The path /proc/self/maps shows for a mapping of @file (Linux's d_path()),
 * or NULL if @file is not a shmem file; *@deleted if no directory names
 * the object (Linux appends " (deleted)").
 */
const char *shmem_file_name(struct file *file, bool *deleted);

/* Is @vma a mapping of a shmem object (Linux's vma_is_shmem())? */
bool vma_is_shmem(const struct vm_area_struct *vma);

/*
 * Linux's mincore_page() for the page at offset @index of @vma's shmem
 * object, which no PTE of the caller maps: 1 if the object has it, or has
 * its swap entry and the page is still in the swap cache; else 0.
 */
unsigned char shmem_mincore(const struct vm_area_struct *vma, unsigned long index);

/*
 * The bytes of @vma's range of its shmem object that are in swap (Linux's
 * shmem_swap_usage(), smaps' Swap: a swapped-out shmem page leaves no swap
 * PTE to count). Without the object's lock: a snapshot.
 */
unsigned long shmem_swap_usage(const struct vm_area_struct *vma);

struct page;

/*
 * Is @page a shmem object's (Linux's shmem_mapping() of its mapping)? Every
 * page with a file mapping is, in Loam: an initrd file's pages are copied
 * into anonymous ones (do_cow_fault()). Stable while the page is locked.
 */
static inline bool page_is_shmem(const struct page *page)
{
	return page->mapping && !PageAnon(page);
}

/*
 * Reclaim's last step for a shmem page (locked, in the swap cache, written
 * there, unmapped everywhere): the object's slot takes its swap entry and
 * the page leaves the object (its reference dropped, Shmem counted down);
 * the caller then takes it out of the swap cache and frees it. Linux's
 * shmem_writepage() does this before the write, on a page already
 * unmapped; Loam writes a page while it is mapped (see mm/vmscan.c).
 */
void shmem_delete_from_page_cache(struct page *page);

/*
 * Page migration (mm/migrate.c; Linux's __folio_migrate_mapping() for a
 * shmem page): @newpage, locked and seen by nobody, takes the slot of
 * @page (locked, in its object, out of the swap cache) with the object's
 * reference, mapping and index, if @page has exactly @expected references
 * (the object's and the migration's), checked with the count frozen under
 * the object's lock, where lookups take theirs. A lookup that got @page
 * before finds, once it has the page lock, that @page left its slot, and
 * looks again. 0, or -EAGAIN with nothing changed.
 */
int shmem_migrate_page(struct page *newpage, struct page *page, int expected);

#endif
