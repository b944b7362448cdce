/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel stacks mapped in the vmalloc area with guard pages, and device
 * registers mapped with ioremap() (mm/vmalloc.c).
 */
#ifndef LOAM_VMALLOC_H
#define LOAM_VMALLOC_H

#include <asm/thread_info.h>
#include <types.h>

/* Make the vmalloc area's page table; at boot, before the first process. */
void vmalloc_init(void);
/* A THREAD_SIZE stack (its lowest address), unmapped memory below it; NULL if none. */
void *alloc_thread_stack(void);
/* Give back a stack from alloc_thread_stack(), and its PTE table if no other stack uses it. */
void free_thread_stack(void *stack);

/*
 * Map @size bytes of device registers at physical @phys (uncached I/O
 * attributes come from the PMAs); the mapping lasts for good. NULL if the
 * ioremap GiB is full or no page table can be had.
 */
void *ioremap(phys_addr_t phys, size_t size);

#endif
