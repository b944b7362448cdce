/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a memory mapping uses of a file, after Linux's include/linux/fs.h:
 * the file's address_space, which owns its pages (page->mapping, page->index)
 * and says how a VMA mapping it fills them (its vm_operations_struct). Loam
 * has no struct file or inode for this yet: a VMA's vm_file refers to the
 * address_space itself, counted, and the last reference releases it (Linux:
 * the last fput() of the file, then the inode's eviction). Two kinds exist:
 * an executable of the initrd, read in place (kernel/initramfs.c), and a
 * shmem object behind MAP_SHARED|MAP_ANONYMOUS memory (mm/shmem.c).
 */
#ifndef LOAM_FS_H
#define LOAM_FS_H

#include <types.h>

struct address_space;
struct vm_operations_struct;

struct address_space_operations {
	/* The last reference is gone: free the pages and the address_space. */
	void (*release)(struct address_space *mapping);
};

struct address_space {
	int a_count; /* references: the VMAs mapping it, and its creator until it lets go */
	const struct address_space_operations *a_ops;
	/* What a VMA mapping this file gets (Linux's f_op->mmap sets vma->vm_ops). */
	const struct vm_operations_struct *vm_ops;
	unsigned long size; /* bytes (Linux's i_size) */
};

/* Linux's get_file(): one more reference. */
static inline void mapping_get(struct address_space *mapping)
{
	__atomic_fetch_add(&mapping->a_count, 1, __ATOMIC_RELAXED);
}

/* Linux's fput(): drop a reference; the last one releases the file. */
static inline void mapping_put(struct address_space *mapping)
{
	if (__atomic_sub_fetch(&mapping->a_count, 1, __ATOMIC_ACQ_REL) == 0)
		mapping->a_ops->release(mapping);
}

#endif
