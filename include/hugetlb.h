/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hugetlb page pool (Linux's include/linux/hugetlb.h, the pool part):
 * blocks of HUGETLB_PAGE_ORDER pages taken from the buddy allocator and held
 * until the pool shrinks. A user sizes it through /proc/sys/vm/nr_hugepages
 * and sees it in /proc/meminfo's HugePages_* lines, as on Linux. Loam maps no
 * huge page (no hugetlbfs, MAP_HUGETLB is refused: mm/mmap.c), so nothing
 * reserves pool pages and none is ever surplus.
 */
#ifndef LOAM_HUGETLB_H
#define LOAM_HUGETLB_H

#include <asm/pgtable.h>
#include <list.h>
#include <seq_buf.h>
#include <types.h>

/* arch/riscv/include/asm/page.h: a huge page is what a PMD leaf maps, 2 MiB in Sv39. */
#define HPAGE_SHIFT PMD_SHIFT
#define HPAGE_SIZE (1UL << HPAGE_SHIFT)
#define HUGETLB_PAGE_ORDER (HPAGE_SHIFT - PAGE_SHIFT)

/*
 * One huge page size and its pool (Linux's struct hstate, without the
 * per-node counts and the reservations). Loam has one, default_hstate.
 */
struct hstate {
	unsigned int order;
	unsigned long max_huge_pages; /* the pool size last asked for */
	unsigned long nr_huge_pages; /* pages in the pool */
	unsigned long free_huge_pages; /* of them, on hugepage_freelist */
	unsigned long nr_allocating; /* taken out of the buddy allocator, not yet in the pool */
	unsigned long nr_resizing; /* writers in set_max_huge_pages() */
	int next_nid_to_alloc; /* the node the next allocation tries first */
	struct list_head hugepage_freelist;
};

extern struct hstate default_hstate;

/*
 * The hstate of a MAP_HUGETLB or SHM_HUGETLB size, log2 of its bytes (0: the
 * default), as Linux's hstate_sizelog(); NULL for a size Loam has no pool
 * of. Linux riscv64 also has 1 GiB pages (PUD leaves), and 64 KiB ones with
 * Svnapot; Loam only the PMD size.
 */
static inline struct hstate *hstate_sizelog(int page_size_log)
{
	if (!page_size_log || page_size_log == HPAGE_SHIFT)
		return &default_hstate;
	return NULL;
}

/*
 * Grow or shrink the pool to @count huge pages (Linux's set_max_huge_pages()):
 * allocate until there are @count or an allocation fails, or give free pool
 * pages back to the buddy allocator. Fewer pages than asked is no error: the
 * caller reads nr_huge_pages back to learn how many it got.
 */
void set_max_huge_pages(struct hstate *h, unsigned long count);

/* /proc/sys/vm/nr_hugepages: show the pool size; a write resizes it (-EINVAL if negative). */
void hugetlb_sysctl_show(struct seq_buf *m);
int hugetlb_sysctl_handler(long val);

/* /proc/meminfo's HugePages_Total ... Hugetlb lines (Linux's hugetlb_report_meminfo()). */
void hugetlb_report_meminfo(struct seq_buf *m);

#endif
