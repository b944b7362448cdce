/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reverse map of anonymous pages (mm/rmap.c, Linux's include/linux/rmap.h):
 * from a page back to the address space and the address that map it, which
 * reclaim needs to unmap a page it chose from an LRU list.
 */
#ifndef LOAM_RMAP_H
#define LOAM_RMAP_H

#include <mm.h>

struct vm_area_struct;

/* A fresh anonymous page, mapped at @address of @vma for the first time. */
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address);
/* One page-table entry mapping @page is gone. */
void page_remove_rmap(struct page *page);

/* The mm owning an anonymous page (Loam has no fork(): exactly one, see <mm_types.h>). */
static inline struct mm_struct *page_anon_mm(const struct page *page)
{
	return (struct mm_struct *)((unsigned long)READ_ONCE(page->mapping) & ~PAGE_MAPPING_ANON);
}

#endif
