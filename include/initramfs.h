/* SPDX-License-Identifier: GPL-2.0 */
/* The initrd, a newc cpio archive read in place (kernel/initramfs.c). */
#ifndef LOAM_INITRAMFS_H
#define LOAM_INITRAMFS_H

#include <types.h>

/* The archive at physical [start, end) (from /chosen); no initrd if start is 0. */
void initrd_init(phys_addr_t start, phys_addr_t end);
/* Find the regular file @path: 0 and its bytes, -ENOENT, or -EINVAL for a broken archive. */
int initrd_find(const char *path, const void **data, size_t *size);

/*
 * The file @data, @size bytes (from initrd_find()), as a file to map
 * privately (vm_mmap()): faults copy its bytes. One reference, the
 * caller's (mapping_put() when done); NULL if memory ran out.
 */
struct address_space;
struct address_space *initrd_file_mapping(const void *data, size_t size);

#endif
