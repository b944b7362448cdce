/* SPDX-License-Identifier: GPL-2.0 */
/* Shmem objects (mm/shmem.c), as Linux's include/linux/shmem_fs.h. */
#ifndef LOAM_SHMEM_FS_H
#define LOAM_SHMEM_FS_H

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
 * (in pages) are freed and read back as zeroes (madvise MADV_REMOVE). The
 * caller has unmapped them.
 */
void shmem_punch_hole(struct address_space *mapping, unsigned long start, unsigned long end);

/*
 * Linux's shmem_file_setup() for memfd_create() (mm/memfd.c): a new empty
 * shmem object, regular with permission bits @mode, named @name (taken
 * over and freed with the object: "/memfd:NAME" as /proc shows it), and a
 * file open O_RDWR on it with one reference. NULL if memory ran out.
 */
struct file *shmem_file_setup(char *name, unsigned int mode);

/*
 * The path /proc/self/maps shows for a mapping of @file (Linux's d_path()),
 * or NULL if @file is not a shmem file; *@deleted if no directory names
 * the object (Linux appends " (deleted)").
 */
const char *shmem_file_name(struct file *file, bool *deleted);

#endif
