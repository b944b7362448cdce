/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the files of mm/ only, as Linux's mm/internal.h. */
#ifndef LOAM_MM_INTERNAL_H
#define LOAM_MM_INTERNAL_H

#include <asm/pgtable.h>
#include <mm.h>

/*
 * Rounds of reclaim without progress before the OOM killer is the only way
 * forward (the allocator's slow path), or before kswapd gives up until it
 * is woken again.
 */
#define MAX_RECLAIM_RETRIES 16

/* in mm/page_alloc.c */
extern int min_free_kbytes;

/* Where an allocation looks, set once by the allocator's entry. */
struct alloc_context {
	struct zonelist *zonelist;
	struct zoneref *preferred_zoneref; /* the first zone it may use */
	int highest_zoneidx;
	int migratetype;
};

/*
 * One compaction run over one zone (mm/compaction.c), Linux's struct
 * compact_control: the migration scanner walks up from migrate_pfn, the
 * free scanner down from free_pfn, and the run ends where they meet.
 */
struct compact_control {
	struct list_head freepages; /* order-0 free pages isolated, the targets */
	struct list_head migratepages; /* pages isolated from the LRU, to move */
	unsigned int nr_freepages;
	unsigned int nr_migratepages;
	unsigned long free_pfn; /* where the free scanner goes on, down */
	unsigned long migrate_pfn; /* where the migration scanner goes on, up */
	unsigned long total_migrate_scanned;
	unsigned long total_free_scanned;
	struct zone *zone;
	gfp_t gfp_mask;
	int order; /* the allocation's; -1: /proc/sys/vm/compact_memory, the whole zone */
	int migratetype; /* the allocation's */
	unsigned int alloc_flags;
	int highest_zoneidx;
	int mode; /* enum migrate_mode */
	bool ignore_block_suitable; /* targets in any pageblock, not only movable ones */
	bool direct_compaction; /* an allocation compacts, not kcompactd nor the sysctl */
	bool whole_zone; /* start at the zone's ends, not where the last run stopped */
	bool contended; /* a lock was contended (async) or a fatal signal came */
	bool finish_pageblock; /* scan the whole pageblock, it was just migrated from */
};

/*
 * The compaction free scanner's part of the buddy allocator (page_alloc.c),
 * under the zone lock: take a free block of @order off its list if the zone
 * stays above min + 2^@order free pages (pages counted as allocated), and
 * make a pageblock it spans (order >= pageblock_order - 1) movable. Returns
 * the pages taken, 0 or 1 << @order.
 */
int __isolate_free_page(struct page *page, unsigned int order);
/*
 * The first migrate type @migratetype's allocation of @order would steal
 * from on @area (with @only_stealable, only one whose block it may claim),
 * or -1; *@can_steal: may it claim the whole block?
 */
int find_suitable_fallback(struct free_area *area, unsigned int order, int migratetype,
			   bool only_stealable, bool *can_steal);

/* Make 2^@order pages fresh from alloc_pages() one compound page (order >= 1). */
static inline void prep_compound_page(struct page *page, unsigned int order)
{
	unsigned long i;

	__SetPageHead(page);
	for (i = 1; i < (1UL << order); i++)
		page[i].compound_head = (unsigned long)page + 1;
	page[1].compound_order = order;
}

/*
 * Boot: a reserved block of 2^@order pages becomes the buddy allocator's
 * and counts in its zone's managed_pages (page_alloc.c).
 */
void __free_pages_core(struct page *page, unsigned int order);
/* in mm/mm_init.c: memblock hands the block at @pfn over (memblock_free_all()). */
void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order);

/*
 * Free a block whose last reference the caller has just dropped (put_page()
 * in mm/swap.c, after taking the page off its LRU list).
 */
void free_unref_page(struct page *page, unsigned int order);
/* Free a list of order-0 pages whose last references are gone (mm/page_alloc.c). */
void free_unref_page_list(struct list_head *list);

/*
 * How an allocation may dip into the reserves: the watermark in the low
 * bits, then Linux's flags. ALLOC_HARDER and ALLOC_HIGH are the names
 * before Linux 6.3, which made them ALLOC_NON_BLOCK and ALLOC_MIN_RESERVE
 * along with dropping __GFP_ATOMIC; Loam's gfp.h still has __GFP_ATOMIC.
 */
#define ALLOC_WMARK_MIN WMARK_MIN
#define ALLOC_WMARK_LOW WMARK_LOW
#define ALLOC_WMARK_HIGH WMARK_HIGH
#define ALLOC_NO_WATERMARKS 0x04 /* don't check watermarks at all */
#define ALLOC_WMARK_MASK (ALLOC_NO_WATERMARKS - 1)
#define ALLOC_HARDER 0x10 /* try harder: a quarter below min (atomic callers) */
#define ALLOC_HIGH 0x20 /* __GFP_HIGH: half below min */

/* The shared zero page's frame (mm/memory.c), which every never-written anonymous page reads as. */
extern unsigned long zero_pfn;

/* Does @pte map the zero page? (Linux's is_zero_pfn(pte_pfn(pte)).) */
static inline bool is_zero_pte(pte_t pte)
{
	return pte_pfn(pte) == zero_pfn;
}

/* A page mapped, accessible or kept through PROT_NONE (Linux's riscv pte_present()). */
static inline bool pte_mapped(pte_t pte)
{
	return pte_present(pte) || pte_protnone(pte);
}

/*
 * The PTE bits for a VMA's flags, write only if @writable and the VMA has
 * VM_WRITE (Linux's vm_get_page_prot() with maybe_mkwrite(): a FOLL_FORCE
 * write fault in a VMA without VM_WRITE maps its page read-only; W always
 * with R: see the top of mm/memory.c).
 */
unsigned long vm_pgprot(unsigned long vm_flags, bool writable);

/* Linux's can_change_pte_writable() (mm/mprotect.c): see there. */
bool can_change_pte_writable(unsigned long vm_flags, pte_t pte);

#endif
