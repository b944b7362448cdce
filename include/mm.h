/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pages: from a pfn to its struct page and back, to its direct-map address,
 * its zone and node; reference counts. As in Linux's include/linux/mm.h.
 */
#ifndef LOAM_MM_H
#define LOAM_MM_H

#include <asm/page.h>
#include <asm/pgtable.h>
#include <gfp.h>
#include <mm_types.h>
#include <mman.h>
#include <mmzone.h>
#include <page-flags.h>

#define PFN_DOWN(x) ((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_UP(x) ((unsigned long)(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)
#define PAGE_ALIGN(x) ALIGN(x, PAGE_SIZE)

/* The order of the smallest block holding @size bytes. */
static inline unsigned int get_order(unsigned long size)
{
	return size <= PAGE_SIZE ? 0 : __fls((size - 1) >> PAGE_SHIFT) + 1;
}

/* vmemmap (asm/page.h) is backed only where memory is: see free_area_init(). */
#define pfn_to_page(pfn) (vmemmap + (pfn))
#define page_to_pfn(page) ((unsigned long)((page)-vmemmap))
#define page_to_phys(page) PFN_PHYS(page_to_pfn(page))
#define page_address(page) __va(page_to_phys(page))
#define virt_to_page(addr) pfn_to_page(PFN_DOWN(__pa(addr)))

/*
 * Does pfn have a struct page? (Memory, or a hole sharing a MAX_ORDER block
 * with memory.) One bit per MAX_ORDER block present, over 128 GiB from the
 * lowest pfn (mm/mm_init.c sets them); inline, since kfree() asks.
 */
#define MEMMAP_BLOCKS (SZ_128G >> (PAGE_SHIFT + MAX_ORDER - 1))
extern unsigned long memmap_base_pfn;
extern unsigned long memmap_present[MEMMAP_BLOCKS / 64];

static inline bool pfn_valid(unsigned long pfn)
{
	unsigned long block = (pfn - memmap_base_pfn) >> (MAX_ORDER - 1);

	return pfn >= memmap_base_pfn && block < MEMMAP_BLOCKS &&
	       (memmap_present[block / 64] >> (block % 64)) & 1;
}

/* Is @va a direct-map address with a struct page (what kfree() may be given)? */
static inline bool virt_addr_valid(const void *va)
{
	return is_linear_mapping(va) && pfn_valid(PFN_DOWN(__pa(va)));
}

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGSHIFT) & ZONES_MASK;
}

static inline int page_to_nid(const struct page *page)
{
	return (page->flags >> NODES_PGSHIFT) & NODES_MASK;
}

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(page_to_nid(page))->node_zones[page_zonenum(page)];
}

/* Node and zone as one number: equal for pages of the same zone. */
static inline unsigned long page_zone_id(const struct page *page)
{
	return page->flags >> ZONEID_PGSHIFT;
}

static inline void set_page_links(struct page *page, enum zone_type zone, int nid)
{
	page->flags &= (1UL << ZONES_PGSHIFT) - 1;
	page->flags |= ((unsigned long)nid << NODES_PGSHIFT) |
		       ((unsigned long)zone << ZONES_PGSHIFT);
}

static inline int page_ref_count(const struct page *page)
{
	return __atomic_load_n(&page->_refcount, __ATOMIC_RELAXED);
}

/* Page-table entries mapping @page (Linux's page_mapcount(), order 0). */
static inline int page_mapcount(const struct page *page)
{
	return __atomic_load_n(&page->_mapcount, __ATOMIC_RELAXED) + 1;
}

/* Linux's atomic_set(): a plain store (GCC 12 makes a relaxed atomic store an amoswap). */
static inline void set_page_count(struct page *page, int v)
{
	WRITE_ONCE(page->_refcount, v);
}

static inline void get_page(struct page *page)
{
	__atomic_fetch_add(&page->_refcount, 1, __ATOMIC_RELAXED);
}

/* A reference, unless the page is on its way to being freed (Linux's get_page_unless_zero()). */
static inline bool get_page_unless_zero(struct page *page)
{
	int ref = __atomic_load_n(&page->_refcount, __ATOMIC_RELAXED);

	do {
		if (!ref)
			return false;
	} while (!__atomic_compare_exchange_n(&page->_refcount, &ref, ref + 1, false,
					      __ATOMIC_ACQUIRE, __ATOMIC_RELAXED));
	return true;
}

/*
 * Linux's page_ref_freeze(): the count from @count to 0 if it is @count, so
 * that nobody can take a reference meanwhile (get_page_unless_zero()
 * fails); page_ref_unfreeze() sets it to @count again. Page migration's
 * check that nobody else holds the page (mm/migrate.c).
 */
static inline bool page_ref_freeze(struct page *page, int count)
{
	return __atomic_compare_exchange_n(&page->_refcount, &count, 0, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

static inline void page_ref_unfreeze(struct page *page, int count)
{
	__atomic_store_n(&page->_refcount, count, __ATOMIC_RELEASE);
}

static inline bool page_mapped(const struct page *page)
{
	return page_mapcount(page) > 0;
}

/* Drop a reference; true if it was the last (the caller frees the page). */
static inline bool put_page_testzero(struct page *page)
{
	return __atomic_sub_fetch(&page->_refcount, 1, __ATOMIC_ACQ_REL) == 0;
}

/*
 * Compound pages, Linux's way: 2^order pages used as one (a slab, a large
 * kmalloc). The first page has PG_head; every other page points back to it
 * (compound_head, bit 0 set), and the first tail page holds the order.
 * Without this, virt_to_page() of an address inside a multi-page slab would
 * find a page that knows nothing of its slab.
 */
static inline bool PageTail(const struct page *page)
{
	return READ_ONCE(page->compound_head) & 1;
}

static inline struct page *compound_head(struct page *page)
{
	unsigned long head = READ_ONCE(page->compound_head);

	return unlikely(head & 1) ? (struct page *)(head - 1) : page;
}

#define virt_to_head_page(addr) compound_head(virt_to_page(addr))

static inline unsigned int compound_order(const struct page *page)
{
	return PageHead(page) ? page[1].compound_order : 0;
}

/* Undo prep_compound_page() (mm/internal.h) before the pages go back to the buddy allocator. */
static inline void destroy_compound_page(struct page *page, unsigned int order)
{
	unsigned long i;

	__ClearPageHead(page);
	for (i = 1; i < (1UL << order); i++) {
		page[i].compound_head = 0;
		page[i].compound_order = 0;
	}
}

/*
 * Zero one page, Linux's clear_page(): a page is zeroed on every first touch
 * of anonymous memory, so 512 bytes per loop iteration, 8 iterations a page
 * (memset()'s general loop costs four instructions per doubleword, this one
 * 66 for 64). Without Zicboz (cbo.zero) a store per doubleword is the floor.
 */
static inline void clear_page(void *addr)
{
	u64 *p = addr, *end = p + PAGE_SIZE / sizeof(u64);
	int i;

	for (; p < end; p += 64)
#pragma GCC unroll 64
		for (i = 0; i < 64; i++)
			p[i] = 0;
}

/*
 * Copy one page, Linux's copy_page(): a copy-on-write fault copies a whole
 * page, so 128 bytes per loop iteration as in clear_page() (memcpy()'s
 * general loop costs five instructions per doubleword).
 */
static inline void copy_page(void *to, const void *from)
{
	const u64 *s = from, *end = s + PAGE_SIZE / sizeof(u64);
	u64 *d = to;
	int i;

	for (; s < end; s += 16, d += 16)
#pragma GCC unroll 16
		for (i = 0; i < 16; i++)
			d[i] = s[i];
}

/* What a page fault asks for (handle_mm_fault()). */
#define FAULT_FLAG_WRITE 0x01
#define FAULT_FLAG_INSTRUCTION 0x02
#define FAULT_FLAG_USER 0x04

struct vm_area_struct;

/*
 * A page fault in a VMA backed by a file (Linux's struct vm_fault), for the
 * file's ->fault: the page at @pgoff of the file, for @address of @vma.
 */
struct vm_fault {
	struct vm_area_struct *vma;
	unsigned long address; /* page aligned */
	unsigned int flags; /* FAULT_FLAG_* */
	unsigned long pgoff; /* in the file, in pages */
	/* A private mapping's page, allocated by the caller: ->fault may fill it. */
	struct page *cow_page;
	/* Out: the file's own page, with a reference for the caller (and locked: VM_FAULT_LOCKED). */
	struct page *page;
};

/* What ->fault returns: 0 (vmf->page set) or Linux's VM_FAULT_* bits. */
typedef unsigned int vm_fault_t;
#define VM_FAULT_OOM 0x000001
#define VM_FAULT_SIGBUS 0x000002
/* ->fault returns vmf->page locked: the caller unlocks it once it is mapped (Linux's). */
#define VM_FAULT_LOCKED 0x000200
/* ->fault filled vmf->cow_page itself and set no vmf->page (Linux's, for DAX). */
#define VM_FAULT_DONE_COW 0x001000
#define VM_FAULT_ERROR (VM_FAULT_OOM | VM_FAULT_SIGBUS)

/* A file's operations on the VMAs that map it (Linux's vm_operations_struct). */
struct vm_operations_struct {
	/* Fill the page vmf->pgoff of the file for a fault in vmf->vma. */
	vm_fault_t (*fault)(struct vm_fault *vmf);
};

/*
 * mm/memory.c: fill the PTE of @addr for an access @vma allows. 0, -ENOMEM
 * (never for a MAP_DROPPABLE mapping: 0, and the access faults again),
 * -EFAULT where the file has no page (->fault's VM_FAULT_SIGBUS: past its
 * end, or a shmem page that could not be read back from swap), or -EIO when
 * an anonymous page could not be read back from swap.
 */
int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags);
/* What get_user_pages_fast() is asked for (Linux's enum in include/linux/mm_types.h). */
#define FOLL_WRITE 0x01 /* the pages will be written: break copy-on-write first */
#define FOLL_FORCE 0x08 /* as ptrace: past a VMA's missing VM_READ/VM_WRITE (mm/gup.c) */

/* Linux's vma_is_accessible(): not PROT_NONE. */
static inline bool vma_is_accessible(struct vm_area_struct *vma)
{
	return vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC);
}

/* Linux's is_cow_mapping(): private and may be made writable: writes go to a copy. */
static inline bool is_cow_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/*
 * mm/gup.c: as get_user_pages_fast(), of @mm (mmap_lock held for reading,
 * a user reference held): Linux's get_user_pages_remote().
 */
long get_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages);

/*
 * mm/memory.c: copy @len bytes between @buf (a kernel buffer) and @mm's
 * memory at @addr, written if @gup_flags has FOLL_WRITE, page by page
 * through get_user_pages_remote() (Linux's access_remote_vm()). The bytes
 * done, 0 if the first page could not be had.
 */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len,
		     unsigned int gup_flags);

/*
 * mm/gup.c: a reference to each of the @nr_pages user pages from @start (the
 * current process's) into @pages, faulted in as needed; the caller drops
 * them with put_page(). The number taken (fewer at a bad address), or
 * -EFAULT (no VMA, or one that forbids the access), -ENOMEM, -EIO.
 */
long get_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			 struct page **pages);
/* mm/memory.c: the shared zero page; at boot, after the page allocator. */
void memory_init(void);

/*
 * mm/memory.c: give the empty middle (root) entry a new, empty table below
 * it, as Linux's __pte_alloc() (__pmd_alloc()): allocated without the lock,
 * for it may sleep in reclaim, and installed under page_table_lock; the
 * loser of a race frees its copy. 0 or -ENOMEM.
 */
int __pte_alloc(struct mm_struct *mm, pmd_t *pmd);
int __pmd_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long addr);

/* Make sure @pmd has a PTE table: 0, or -ENOMEM (Linux's pte_alloc()). */
static inline int pte_alloc(struct mm_struct *mm, pmd_t *pmd)
{
	return unlikely(pmd_none(pmdp_get(pmd))) && __pte_alloc(mm, pmd);
}

/* The middle entry of @addr under @pgd, its table made if missing; NULL without memory. */
static inline pmd_t *pmd_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long addr)
{
	return unlikely(pgd_none(pgdp_get(pgd))) && __pmd_alloc(mm, pgd, addr) ?
		       NULL :
		       pmd_offset(pgd, addr);
}

/*
 * mm/memory.c: the present PTE of @addr in @mm, found without making tables,
 * returned with *@ptlp (page_table_lock) held: 0, or -EINVAL if none is
 * present. Linux 6.9's follow_pte() (6.10 on takes the VMA instead of @mm;
 * here reclaim, which knows only the mm, uses it too, so the walk itself
 * is under the lock). pte_unmap_unlock() ends it.
 */
int follow_pte(struct mm_struct *mm, unsigned long addr, pte_t **ptepp, spinlock_t **ptlp);
/* As follow_pte(), or the PTE that PROT_NONE kept (pte_protnone()): for mm/gup.c. */
int follow_pte_protnone(struct mm_struct *mm, unsigned long addr, pte_t **ptepp, spinlock_t **ptlp);
/* As follow_pte(), for any PTE that is not none (a swap or migration entry too): for mm/rmap.c. */
int follow_pte_any(struct mm_struct *mm, unsigned long addr, pte_t **ptepp, spinlock_t **ptlp);

static inline void pte_unmap_unlock(pte_t *pte, spinlock_t *ptl)
{
	spin_unlock(ptl);
	pte_unmap(pte);
}

/*
 * Drop a reference to an order-0 page; the last one takes it off its LRU
 * list and frees it (mm/swap.c).
 */
void put_page(struct page *page);

/*
 * Report a page in a state it must not be in (Linux's "BUG: Bad page state")
 * and take it out of circulation: it is neither freed nor handed out again.
 */
void bad_page(struct page *page, const char *reason);

/* The migrate type of @page's pageblock; setting it needs the zone lock. */
int get_pageblock_migratetype(const struct page *page);
void set_pageblock_migratetype(struct page *page, int migratetype);

/* Linux's Mem-Info dump: free pages per zone and per order (after a failed allocation). */
void show_free_areas(void);

/* Pages the buddy allocator manages, over all zones. */
unsigned long totalram_pages(void);

/*
 * Linux's adjust_managed_page_count(): @count more (or, negative, fewer)
 * pages in @page's zone's managed_pages, which totalram_pages() and MemTotal
 * sum, for pages that join or leave the buddy allocator after boot.
 */
void adjust_managed_page_count(struct page *page, long count);

/*
 * Linux's free_reserved_page(): a page reserved since boot (PG_reserved, as
 * memmap_init() left every page memblock kept) to the buddy allocator, and
 * counted as managed from now on.
 */
static inline void free_reserved_page(struct page *page)
{
	ClearPageReserved(page);
	set_page_count(page, 1);
	__free_page(page);
	adjust_managed_page_count(page, 1);
}

/* Byte free_reserved_area() fills freed init memory with (Linux's poison.h). */
#define POISON_FREE_INITMEM 0xcc

/**
 * free_reserved_area() - free the reserved pages of a range of kernel memory
 * @start: first byte; the range starts at the first whole page
 * @end: end of the range; a partial last page is kept
 * @poison: byte to fill each page with before freeing it, or -1 for none
 * @s: what the range was, for "Freeing @s memory: NK"; NULL prints nothing
 *
 * Each page leaves PG_reserved and goes to the buddy allocator, counted in
 * its zone's managed pages (Linux's mm/page_alloc.c). memblock's record of
 * the reservation stays, as in Linux. Used by free_initmem() for the init
 * sections of the image; @start and @end may be image or direct-map
 * addresses, the pages are poisoned through the direct map.
 *
 * Return: the number of pages freed.
 */
unsigned long free_reserved_area(void *start, void *end, int poison, const char *s);

#endif
