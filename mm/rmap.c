// SPDX-License-Identifier: GPL-2.0
/*
 * The reverse map of anonymous pages, after Linux's mm/rmap.c. Linux points
 * page->mapping at an anon_vma, the root of every VMA that may map the page
 * after fork(); Loam has no fork() yet, so an anonymous page belongs to one
 * mm and page->mapping points at it directly, PAGE_MAPPING_ANON set. The
 * fork work replaces the mm with an anon_vma without changing the callers.
 */
#include <mm.h>
#include <mmap.h>
#include <rmap.h>

/*
 * Linux's page_add_new_anon_rmap() (folio_add_new_anon_rmap() since 6.2):
 * nobody else sees the page yet, so no atomics for the flags and mapping.
 */
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address)
{
	__SetPageSwapBacked(page);
	WRITE_ONCE(page->_mapcount, 0); /* one mapping: the count starts at -1 */
	/* Linux's linear_page_index(): a private anonymous VMA's vm_pgoff is vm_start's page. */
	page->index = address >> PAGE_SHIFT;
	WRITE_ONCE(page->mapping, (void *)((unsigned long)vma->vm_mm | PAGE_MAPPING_ANON));
	mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_ANON_MAPPED, 1);
}

/*
 * The mapping and index stay until the page is freed (free_pages_prepare()
 * drops the mapping), as in Linux: the page may still be on its way out.
 */
void page_remove_rmap(struct page *page)
{
	/* Linux's atomic_add_negative(): still mapped elsewhere unless it went below 0. */
	if (__atomic_add_fetch(&page->_mapcount, -1, __ATOMIC_ACQ_REL) >= 0)
		return;
	mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_ANON_MAPPED, -1);
}
