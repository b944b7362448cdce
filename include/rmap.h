/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reverse map (mm/rmap.c, Linux's include/linux/rmap.h): from a page
 * back to every address space and address that map it, which reclaim needs
 * to unmap a page it chose from an LRU list. A shmem object's page is found
 * through its file's i_mmap, the VMAs that map the file (<fs.h>); an
 * anonymous page through its anon_vma:
 *
 * An anonymous page's mapping is an anon_vma. Every VMA that may map the
 * page is linked to that anon_vma through an anon_vma_chain: the VMA that
 * faulted it in, and after fork() each copy of that VMA in the children and
 * their children (anon_vma_fork()). A VMA is linked to its own anon_vma
 * (vma->anon_vma, where its new pages go) and to the anon_vmas of the VMAs
 * it was copied from, one anon_vma_chain each, on its anon_vma_chain list.
 */
#ifndef LOAM_RMAP_H
#define LOAM_RMAP_H

#include <list.h>
#include <mm.h>
#include <rwsem.h>

struct vm_area_struct;

/*
 * Linux's struct anon_vma. Linux keeps the chains in an interval tree by
 * page offset, so that a walk visits only the VMAs that cover the page;
 * Loam keeps them on a list (Linux's own layout before 3.7), since its
 * processes have few VMAs per anon_vma and a walk checks each VMA's range in
 * a few instructions. The lock is Linux's: a reader-writer semaphore, the
 * walks of reclaim readers, linking and unlinking VMAs writers.
 */
struct anon_vma {
	/* The first anon_vma of the fork tree: its rwsem guards every anon_vma of the tree. */
	struct anon_vma *root;
	struct rw_semaphore rwsem; /* the root's is the one used */
	/*
	 * References: one per anon_vma_chain linking it, one per anon_vma
	 * whose root it is, and the walkers' (folio_get_anon_vma()). Freed at 0.
	 */
	int refcount;
	/* The anon_vma_chains of the VMAs that may map its pages (same_anon_vma). */
	struct list_head head;
};

/* Linux's struct anon_vma_chain: one link between a VMA and an anon_vma. */
struct anon_vma_chain {
	struct vm_area_struct *vma;
	struct anon_vma *anon_vma;
	struct list_head same_vma; /* on vma->anon_vma_chain, under mmap_lock */
	struct list_head same_anon_vma; /* on anon_vma->head, under the root's rwsem */
};

/* Create the anon_vma and anon_vma_chain caches; at boot, after kmem_cache_init(). */
void anon_vma_init(void);
/* anon_vma_prepare()'s first time for @vma (mm/rmap.c). */
int __anon_vma_prepare(struct vm_area_struct *vma);

/*
 * Give @vma an anon_vma before its first anonymous page (Linux's
 * anon_vma_prepare(): a neighbour's, if it can share it, else a new one).
 * 0 or -ENOMEM. mmap_lock held. Inline, as Linux's: every anonymous fault
 * asks, and all but the first find one.
 */
static inline int anon_vma_prepare(struct vm_area_struct *vma)
{
	if (likely(READ_ONCE(vma->anon_vma)))
		return 0;
	return __anon_vma_prepare(vma);
}
/* @dst (a split or merged piece of @src) links to every anon_vma @src does. 0 or -ENOMEM. */
int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src);
/*
 * fork(): @vma, the child's copy of @pvma, links to @pvma's anon_vmas and
 * gets an anon_vma of its own, child of @pvma's. 0 (also when @pvma has no
 * anon_vma: nothing to link) or -ENOMEM, with nothing left linked.
 */
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma);
/* @vma is going (its pages unmapped): off every anon_vma, which may go too. */
void unlink_anon_vmas(struct vm_area_struct *vma);

/*
 * A fresh anonymous page, mapped at @address of @vma for the first time;
 * @vma has an anon_vma (anon_vma_prepare()).
 */
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address);
/* A page of the swap cache, mapped again at @address of @vma by a swap-in. */
void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address);
/* A page of a file (shmem), mapped by one more PTE. */
void page_add_file_rmap(struct page *page);
/*
 * fork() copied a PTE mapping @page: one more mapping, the same anon_vma
 * (Linux's page_dup_rmap(), folio_dup_file_rmap_pte() for a file's page).
 */
static inline void page_dup_rmap(struct page *page)
{
	__atomic_add_fetch(&page->_mapcount, 1, __ATOMIC_ACQ_REL);
}
/* One page-table entry mapping @page (anonymous or a file's) is gone. */
void page_remove_rmap(struct page *page);

/*
 * Reclaim's side (callers hold the page lock and a reference; for an
 * anonymous page, page_referenced() needs only the reference): the number
 * of PTEs that had A set, cleared now; the same for D; unmap it, true if no
 * PTE maps it any more: an anonymous page's PTEs become its swap entry
 * page->private (it must be in the swap cache, or not be swap-backed: then
 * it is dropped, its PTEs none, unless it was written again), a shmem
 * page's are cleared (its object keeps it, or its swap entry). The last two
 * leave the TLB
 * flushes to try_to_unmap_flush(), once for a whole batch of pages: it must
 * run before the pages are written (mkclean) or freed (unmap).
 */
#define TLB_BATCH_MMS 8
struct tlbflush_batch {
	unsigned int nr;
	struct mm_struct *mm[TLB_BATCH_MMS]; /* each with a reference (mmgrab()) */
};
int page_referenced(struct page *page);
int page_mkclean(struct page *page, struct tlbflush_batch *batch);
bool try_to_unmap(struct page *page, struct tlbflush_batch *batch);
void try_to_unmap_flush(struct tlbflush_batch *batch);

/*
 * Page migration's side (mm/migrate.c; the page locked, a reference held):
 * try_to_migrate() turns every PTE mapping @page, present or kept through
 * PROT_NONE, into a migration entry (<swapops.h>), whatever the VMA (an
 * mlocked page moves too, as in Linux), leaving the TLB flush to @batch
 * (try_to_unmap_flush() before the page is copied). Linux's
 * try_to_migrate(); the caller checks page_mapped() after it.
 */
void try_to_migrate(struct page *page, struct tlbflush_batch *batch);

/*
 * Linux's rmap_walk(): rmap_one for each PTE that maps @page, through its
 * anon_vma or its file's i_mmap (the page locked; a file's page must be),
 * called under the PTE's page_table_lock; the sum of what it returned.
 * Which PTEs count: present ones mapping @page (flags 0); PVMW_PROTNONE
 * adds those kept through PROT_NONE; PVMW_MIGRATION takes instead the
 * migration entries naming @target at @page's place (@page is the new page
 * of a migration, or @target itself, and the caller holds a reference to
 * an anonymous page's anon_vma, since no PTE maps the page).
 */
typedef int (*rmap_one_fn)(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			   pte_t *ptep, void *arg);
#define PVMW_MIGRATION (1 << 1) /* Linux's value */
#define PVMW_PROTNONE (1 << 8) /* Loam's: reclaim's walks skip PROT_NONE PTEs */
struct rmap_walk_control {
	void *arg;
	rmap_one_fn rmap_one;
	unsigned int flags;
	struct page *target;
};
int rmap_walk(struct page *page, const struct rmap_walk_control *rwc);

/* An anonymous page's anon_vma, no reference taken (Linux's folio_anon_vma()); else NULL. */
static inline struct anon_vma *page_anon_vma(const struct page *page)
{
	unsigned long mapping = (unsigned long)READ_ONCE(page->mapping);

	if (!(mapping & PAGE_MAPPING_ANON))
		return NULL;
	return (struct anon_vma *)(mapping - PAGE_MAPPING_ANON);
}

/*
 * The anon_vma of a mapped anonymous page, with a reference (put_anon_vma()),
 * or NULL if the page is no longer mapped (Linux's folio_get_anon_vma()).
 */
struct anon_vma *folio_get_anon_vma(struct page *page);
/* Drop a reference; the last frees the anon_vma (and drops its root's). */
void put_anon_vma(struct anon_vma *anon_vma);

/* The page's offset in @vma's terms (Linux's linear_page_index()): vm_pgoff-based. */
static inline unsigned long linear_page_index(const struct vm_area_struct *vma,
					      unsigned long address)
{
	return ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
}

#endif
