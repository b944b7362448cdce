/* SPDX-License-Identifier: GPL-2.0 */
/* Host tests that use memblock start each test from its boot-time state. */
#ifndef HOST_MEMBLOCK_H
#define HOST_MEMBLOCK_H

#include <memblock.h>

/* memblock as it was before main(): empty static arrays, top-down, no limit. */
extern struct memblock host_memblock_pristine;

/*
 * Back to that state: empty arrays (cleared), memblock=debug off, printk
 * capture emptied. memblock_allow_resize() cannot be undone.
 */
void host_memblock_reset(void);

/* Pages memblock_free_all() handed over (memblock_fakes.c's memblock_free_pages()). */
extern unsigned long host_memblock_freed_pages;

#endif
