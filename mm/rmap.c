// SPDX-License-Identifier: GPL-2.0
/*
 * The reverse map, after Linux's mm/rmap.c: anon_vmas and anon_vma_chains
 * for anonymous pages (see <rmap.h>), the file's i_mmap for a shmem
 * object's pages (see <fs.h>), the mapcount, and the walks reclaim makes
 * from a page to every PTE that maps it.
 *
 * Lifetime. Reclaim finds an anon_vma through page->mapping, holding no
 * lock of the mms that map the page: they may be exiting. Linux allocates
 * anon_vmas SLAB_TYPESAFE_BY_RCU and reads page->mapping under
 * rcu_read_lock(); Loam has no RCU, and anon_vma_lookup_lock stands in for
 * it: folio_get_anon_vma() reads the mapping, checks that the page is still
 * mapped and takes a reference under it, and the last put_anon_vma() takes
 * it once before freeing. A mapped page's anon_vma is linked to the VMA
 * mapping it (an anon_vma_chain holds a reference), and every PTE goes
 * before its VMA leaves the anon_vma (unlink_anon_vmas() in vm_area_free()).
 * So either the walker took its reference first, or it sees the page
 * unmapped, or the anon_vma it read is still alive because the free waits
 * for the lock the walker holds.
 *
 * A walk holds the root's rwsem for reading (walks run side by side):
 * VMAs cannot leave the anon_vma meanwhile, since unlinking takes it for
 * writing, so each VMA and its mm stay valid; the page tables are read
 * under the mm's page_table_lock (follow_pte()), under which they are
 * freed.
 *
 * A shmem page's walk (rmap_walk_file()) goes over the VMAs of its file's
 * i_mmap, under i_mmap_rwsem for reading; the caller holds the page lock,
 * which keeps the page in its object and so the object (its address_space)
 * alive: truncation and the object's release lock each page first.
 */
#include <fs.h>
#include <mm.h>
#include <mmap.h>
#include <rmap.h>
#include <slab.h>
#include <swap.h>
#include <swapops.h>
#include <asm/mmu_context.h>
#include <uapi/errno.h>

static struct kmem_cache *anon_vma_cachep;
static struct kmem_cache *anon_vma_chain_cachep;
static DEFINE_SPINLOCK(anon_vma_lookup_lock);

void anon_vma_init(void)
{
	anon_vma_cachep =
		kmem_cache_create("anon_vma", sizeof(struct anon_vma), 0, SLAB_PANIC, NULL);
	anon_vma_chain_cachep = kmem_cache_create("anon_vma_chain", sizeof(struct anon_vma_chain),
						  0, SLAB_PANIC, NULL);
}

/* A new root anon_vma, with no reference yet (the first chain takes one). */
static struct anon_vma *anon_vma_alloc(void)
{
	struct anon_vma *anon_vma = kmem_cache_zalloc(anon_vma_cachep, GFP_KERNEL);

	if (!anon_vma)
		return NULL;
	anon_vma->root = anon_vma;
	init_rwsem(&anon_vma->rwsem);
	INIT_LIST_HEAD(&anon_vma->head);
	return anon_vma;
}

static void get_anon_vma(struct anon_vma *anon_vma)
{
	__atomic_add_fetch(&anon_vma->refcount, 1, __ATOMIC_RELAXED);
}

void put_anon_vma(struct anon_vma *anon_vma)
{
	struct anon_vma *root = anon_vma->root;

	if (__atomic_sub_fetch(&anon_vma->refcount, 1, __ATOMIC_ACQ_REL))
		return;
	/* A walker that read page->mapping before we got here is done with it after this. */
	spin_lock(&anon_vma_lookup_lock);
	spin_unlock(&anon_vma_lookup_lock);
	kmem_cache_free(anon_vma_cachep, anon_vma);
	if (root != anon_vma)
		put_anon_vma(root);
}

struct anon_vma *folio_get_anon_vma(struct page *page)
{
	struct anon_vma *anon_vma = NULL;
	unsigned long mapping;
	int ref;

	spin_lock(&anon_vma_lookup_lock);
	mapping = (unsigned long)READ_ONCE(page->mapping);
	if ((mapping & PAGE_MAPPING_ANON) && page_mapped(page)) {
		anon_vma = (struct anon_vma *)(mapping & ~PAGE_MAPPING_ANON);
		/* Linux's atomic_inc_not_zero(): a count at 0 is being freed. */
		ref = __atomic_load_n(&anon_vma->refcount, __ATOMIC_RELAXED);
		do {
			if (!ref) {
				anon_vma = NULL;
				break;
			}
		} while (!__atomic_compare_exchange_n(&anon_vma->refcount, &ref, ref + 1, false,
						      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	}
	spin_unlock(&anon_vma_lookup_lock);
	return anon_vma;
}

/* Link @vma to @anon_vma through @avc (the root's rwsem held for writing): one more reference. */
static void anon_vma_chain_link(struct vm_area_struct *vma, struct anon_vma_chain *avc,
				struct anon_vma *anon_vma)
{
	avc->vma = vma;
	avc->anon_vma = anon_vma;
	get_anon_vma(anon_vma);
	list_add_tail(&avc->same_vma, &vma->anon_vma_chain);
	list_add_tail(&avc->same_anon_vma, &anon_vma->head);
}

/*
 * Linux's reusable_anon_vma() and anon_vma_compatible(): the anon_vma of
 * @old, a neighbour of @vma, if @vma could be merged with it but for the
 * access flags, and @old links to nothing else (no fork ancestors).
 */
static struct anon_vma *reusable_anon_vma(struct vm_area_struct *old, struct vm_area_struct *vma)
{
	if (!old || !old->anon_vma || !list_is_singular(&old->anon_vma_chain))
		return NULL;
	if (old->vm_end != vma->vm_start && vma->vm_end != old->vm_start)
		return NULL;
	if (old->vm_file != vma->vm_file || ((old->vm_flags ^ vma->vm_flags) & ~VM_ACCESS_FLAGS) ||
	    (long)(vma->vm_pgoff - old->vm_pgoff) !=
		    (long)(vma->vm_start - old->vm_start) >> PAGE_SHIFT)
		return NULL;
	return old->anon_vma;
}

int __anon_vma_prepare(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	struct anon_vma *anon_vma, *allocated = NULL;
	struct anon_vma_chain *avc;

	avc = kmem_cache_alloc(anon_vma_chain_cachep, GFP_KERNEL);
	if (!avc)
		return -ENOMEM;
	/* Linux's find_mergeable_anon_vma(): share a neighbour's, so the two may merge later. */
	anon_vma = reusable_anon_vma(vma->vm_prev, vma);
	if (!anon_vma)
		anon_vma = reusable_anon_vma(vma->vm_next, vma);
	if (!anon_vma) {
		anon_vma = allocated = anon_vma_alloc();
		if (!anon_vma) {
			kmem_cache_free(anon_vma_chain_cachep, avc);
			return -ENOMEM;
		}
	}
	down_write(&anon_vma->root->rwsem);
	/* page_table_lock: a fault of another thread of the mm may be here too. */
	spin_lock(&mm->page_table_lock);
	if (!vma->anon_vma) {
		anon_vma_chain_link(vma, avc, anon_vma);
		WRITE_ONCE(vma->anon_vma, anon_vma);
		avc = NULL;
		allocated = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	up_write(&anon_vma->root->rwsem);
	if (allocated)
		kmem_cache_free(anon_vma_cachep, allocated);
	if (avc)
		kmem_cache_free(anon_vma_chain_cachep, avc);
	return 0;
}

int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	struct anon_vma_chain *avc, *pavc;

	list_for_each_entry(pavc, &src->anon_vma_chain, same_vma) {
		avc = kmem_cache_alloc(anon_vma_chain_cachep, GFP_KERNEL);
		if (!avc) {
			unlink_anon_vmas(dst);
			return -ENOMEM;
		}
		/* One fork tree: every anon_vma here has the same root. */
		down_write(&pavc->anon_vma->root->rwsem);
		anon_vma_chain_link(dst, avc, pavc->anon_vma);
		up_write(&pavc->anon_vma->root->rwsem);
	}
	dst->anon_vma = src->anon_vma;
	return 0;
}

int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma)
{
	struct anon_vma *anon_vma;
	struct anon_vma_chain *avc;

	vma->anon_vma = NULL;
	if (!pvma->anon_vma)
		return 0;
	if (anon_vma_clone(vma, pvma))
		return -ENOMEM;
	anon_vma = anon_vma_alloc();
	avc = kmem_cache_alloc(anon_vma_chain_cachep, GFP_KERNEL);
	if (!anon_vma || !avc) {
		if (anon_vma)
			kmem_cache_free(anon_vma_cachep, anon_vma);
		unlink_anon_vmas(vma);
		return -ENOMEM;
	}
	/* The child's own anon_vma: its new pages go there, the parent never sees them. */
	anon_vma->root = pvma->anon_vma->root;
	get_anon_vma(anon_vma->root);
	down_write(&anon_vma->root->rwsem);
	anon_vma_chain_link(vma, avc, anon_vma);
	up_write(&anon_vma->root->rwsem);
	vma->anon_vma = anon_vma;
	return 0;
}

void unlink_anon_vmas(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc, *next;

	list_for_each_entry_safe(avc, next, &vma->anon_vma_chain, same_vma) {
		struct anon_vma *anon_vma = avc->anon_vma;

		down_write(&anon_vma->root->rwsem);
		list_del(&avc->same_anon_vma);
		up_write(&anon_vma->root->rwsem);
		list_del(&avc->same_vma);
		kmem_cache_free(anon_vma_chain_cachep, avc);
		put_anon_vma(anon_vma);
	}
	vma->anon_vma = NULL;
}

/* ------------------------------------------------------------ mapcount */

void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address)
{
	/*
	 * Nobody else sees the page yet: no atomics for the flags and mapping.
	 * A MAP_DROPPABLE mapping's pages never go to swap: reclaim drops them.
	 */
	if (!(vma->vm_flags & VM_DROPPABLE))
		__SetPageSwapBacked(page);
	WRITE_ONCE(page->_mapcount, 0); /* one mapping: the count starts at -1 */
	page->index = linear_page_index(vma, address);
	WRITE_ONCE(page->mapping, (void *)((unsigned long)vma->anon_vma | PAGE_MAPPING_ANON));
	mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_ANON_MAPPED, 1);
}

/*
 * Linux's page_add_anon_rmap(): a page of the swap cache mapped again by a
 * swap-in fault (page locked). One that kept its anon_vma while unmapped
 * keeps it: other processes' swap PTEs may name the same slot, and the
 * anon_vma it was first mapped through reaches them all. A page read from
 * disk has no mapping yet: it takes the root of @vma's anon_vma, which
 * every VMA of the fork tree links to, so that whoever else maps it later
 * is found too (Linux's __folio_set_anon() for a page not exclusive).
 */
void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address)
{
	if (!PageAnon(page)) {
		page->index = linear_page_index(vma, address);
		WRITE_ONCE(page->mapping,
			   (void *)((unsigned long)vma->anon_vma->root | PAGE_MAPPING_ANON));
	}
	if (__atomic_add_fetch(&page->_mapcount, 1, __ATOMIC_ACQ_REL) == 0)
		mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_ANON_MAPPED, 1);
}

/*
 * Linux's page_add_file_rmap(): one more PTE maps a page of a file (a shmem
 * object's). Its mapping and index are the file's, through which reclaim
 * finds the VMAs that may map it (rmap_walk_file()). (Linux counts them as
 * NR_FILE_MAPPED, "Mapped" in meminfo: Loam does not.)
 */
void page_add_file_rmap(struct page *page)
{
	__atomic_add_fetch(&page->_mapcount, 1, __ATOMIC_ACQ_REL);
}

/*
 * The mapping and index stay until the page is freed (free_pages_prepare()
 * drops an anonymous page's mapping), as in Linux: the page may still be on
 * its way out. A file's page keeps them while it is in its file.
 */
void page_remove_rmap(struct page *page)
{
	/* Linux's atomic_add_negative(): still mapped elsewhere unless it went below 0. */
	if (__atomic_add_fetch(&page->_mapcount, -1, __ATOMIC_ACQ_REL) >= 0)
		return;
	if (PageAnon(page))
		mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_ANON_MAPPED, -1);
}

/* ------------------------------------------------------------ rmap walk */

/*
 * Linux's page_vma_mapped_walk() for one address of an order-0 page: the
 * PTE of @addr in @vma's mm, locked (*@ptlp, page_table_lock), if it is
 * what @rwc looks for: a present PTE mapping @page; with PVMW_PROTNONE one
 * kept through PROT_NONE too (Linux's riscv pte_present() counts those;
 * reclaim's walks leave them mapped); with PVMW_MIGRATION a migration entry
 * naming rwc->target. NULL otherwise.
 */
static pte_t *page_vma_mapped(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			      const struct rmap_walk_control *rwc, spinlock_t **ptlp)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *ptep;
	pte_t pte;

	if (rwc->flags & PVMW_MIGRATION) {
		if (follow_pte_any(mm, addr, &ptep, ptlp))
			return NULL;
		pte = ptep_get(ptep);
		if (is_migration_pte(pte) &&
		    swp_offset_pfn(pte_to_swp_entry(pte)) == page_to_pfn(rwc->target))
			return ptep;
	} else {
		if ((rwc->flags & PVMW_PROTNONE) ? follow_pte_protnone(mm, addr, &ptep, ptlp) :
						   follow_pte(mm, addr, &ptep, ptlp))
			return NULL;
		if (pte_pfn(ptep_get(ptep)) == page_to_pfn(page))
			return ptep;
	}
	pte_unmap_unlock(ptep, *ptlp);
	return NULL;
}

/*
 * Call rwc->rmap_one for the PTE of @vma that maps @page, if one does
 * (locked, its page_table_lock held): the one at the page's index, if
 * @vma's range holds it (vma_address()). What it returned, or 0.
 */
static int rmap_one_vma(struct page *page, struct vm_area_struct *vma,
			const struct rmap_walk_control *rwc)
{
	unsigned long pgoff = page->index;
	unsigned long addr = vma->vm_start + ((pgoff - vma->vm_pgoff) << PAGE_SHIFT);
	spinlock_t *ptl;
	pte_t *ptep;
	int ret;

	if (pgoff < vma->vm_pgoff || addr >= vma->vm_end)
		return 0;
	ptep = page_vma_mapped(page, vma, addr, rwc, &ptl);
	if (!ptep)
		return 0;
	ret = rwc->rmap_one(page, vma, addr, ptep, rwc->arg);
	pte_unmap_unlock(ptep, ptl);
	return ret;
}

/*
 * Linux's rmap_walk_anon(): rwc->rmap_one for each PTE that maps @page, in
 * every VMA of its anon_vma. The sum of what it returned. A walk for
 * migration entries (PVMW_MIGRATION) meets a page no PTE maps: its caller
 * holds a reference to the anon_vma (Linux's rmap_walk_anon_lock() without
 * folio_lock_anon_vma_read()'s mapped check).
 */
static int rmap_walk_anon(struct page *page, const struct rmap_walk_control *rwc)
{
	bool migration = rwc->flags & PVMW_MIGRATION;
	struct anon_vma *anon_vma;
	struct anon_vma_chain *avc;
	int ret = 0;

	anon_vma = migration ? page_anon_vma(page) : folio_get_anon_vma(page);
	if (!anon_vma)
		return 0;
	/* Linux's anon_vma_lock_read(): walks share it, links and unlinks wait. */
	down_read(&anon_vma->root->rwsem);
	list_for_each_entry(avc, &anon_vma->head, same_anon_vma)
		ret += rmap_one_vma(page, avc->vma, rwc);
	up_read(&anon_vma->root->rwsem);
	if (!migration)
		put_anon_vma(anon_vma);
	return ret;
}

/*
 * Linux's rmap_walk_file(): the same for a page of a file (a shmem
 * object's; locked, see the top), over every VMA of the file's i_mmap. A
 * page that left its object (mapping NULL) has no PTE left to find.
 */
static int rmap_walk_file(struct page *page, const struct rmap_walk_control *rwc)
{
	struct address_space *mapping = READ_ONCE(page->mapping);
	struct vm_area_struct *vma;
	int ret = 0;

	if (!mapping)
		return 0;
	/* Linux's i_mmap_lock_read(): walks share it, links and unlinks wait. */
	down_read(&mapping->i_mmap_rwsem);
	list_for_each_entry(vma, &mapping->i_mmap, shared)
		ret += rmap_one_vma(page, vma, rwc);
	up_read(&mapping->i_mmap_rwsem);
	return ret;
}

int rmap_walk(struct page *page, const struct rmap_walk_control *rwc)
{
	return PageAnon(page) ? rmap_walk_anon(page, rwc) : rmap_walk_file(page, rwc);
}

/* The walks of reclaim: present PTEs mapping @page, @one called for each. */
static int rmap_walk_present(struct page *page, rmap_one_fn one, void *arg)
{
	struct rmap_walk_control rwc = { .arg = arg, .rmap_one = one };

	return rmap_walk(page, &rwc);
}

/*
 * Test and clear A. Without a TLB flush, as Linux's riscv
 * ptep_clear_flush_young(): a hart may go on using a cached entry that says
 * "accessed" and not set A again for a while, so a page may look unused
 * when it is not; that costs a swap-in, never data, and a remote flush per
 * page would cost far more (an SBI call and an IPI to each hart).
 * A page in a VM_LOCKED VMA counts as referenced, so reclaim keeps it
 * (Linux's folio_referenced_one() reports VM_LOCKED: see mm/mlock.c).
 */
static int page_referenced_one(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			       pte_t *ptep, void *arg)
{
	if (vma->vm_flags & VM_LOCKED)
		return 1;
	return ptep_test_and_clear_young(ptep);
}

int page_referenced(struct page *page)
{
	return rmap_walk_present(page, page_referenced_one, NULL);
}

/* The mms whose TLBs must be flushed before a batch goes on (Linux's TTU_BATCH_FLUSH). */
static void tlb_batch_add(struct tlbflush_batch *batch, struct mm_struct *mm)
{
	unsigned int i;

	for (i = 0; i < batch->nr; i++)
		if (batch->mm[i] == mm)
			return;
	if (batch->nr == TLB_BATCH_MMS) {
		flush_tlb_mm(mm); /* no room: flush this one now */
		return;
	}
	mmgrab(mm);
	batch->mm[batch->nr++] = mm;
}

void try_to_unmap_flush(struct tlbflush_batch *batch)
{
	unsigned int i;

	for (i = 0; i < batch->nr; i++) {
		flush_tlb_mm(batch->mm[i]);
		mmdrop(batch->mm[i]);
	}
	batch->nr = 0;
}

/*
 * Clear D: a write after the flush sets it again (or faults, on the U74).
 * The flush must come before the page is written out, or a hart could
 * store through a cached dirty entry without setting D: @batch collects it.
 */
static int page_mkclean_one(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			    pte_t *ptep, void *batch)
{
	if (!ptep_test_and_clear_dirty(ptep))
		return 0;
	tlb_batch_add(batch, vma->vm_mm);
	return 1;
}

int page_mkclean(struct page *page, struct tlbflush_batch *batch)
{
	return rmap_walk_present(page, page_mkclean_one, batch);
}

/*
 * Linux's try_to_unmap_one() for a page that is not swap-backed (lazily
 * freed by MADV_FREE, or a MAP_DROPPABLE mapping's): drop it from this PTE,
 * which becomes none (the next touch reads zeroes), unless it was written
 * since MADV_FREE (D set, or PG_dirty) or someone holds a reference beyond
 * reclaim's and the PTEs' (Linux's ref_count == 1 + map_count). Then the
 * PTE stays, and a lazily freed page is swap-backed again, a normal
 * anonymous page from now on; a droppable one is dropped even when written
 * and never becomes swap-backed. The compare-and-swap fails if the hardware
 * set A or D meanwhile: the page stays for this round.
 */
static int try_to_discard_one(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			      pte_t *ptep, void *batch)
{
	bool droppable = vma->vm_flags & VM_DROPPABLE;
	pte_t old = ptep_get(ptep);

	/* Written again: an earlier PTE of this walk made it swap-backed. */
	if (PageSwapBacked(page))
		return 0;
	if (page_ref_count(page) != 1 + page_mapcount(page) ||
	    (!droppable && (pte_dirty(old) || PageDirty(page)))) {
		if (!droppable)
			SetPageSwapBacked(page);
		return 0;
	}
	if (!ptep_try_cmpxchg(ptep, &old, __pte(0)))
		return 0;
	tlb_batch_add(batch, vma->vm_mm);
	page_remove_rmap(page);
	update_hiwater_rss(vma->vm_mm);
	vma->vm_mm->rss--;
	put_page(page);
	return 1;
}

/*
 * Replace the PTE by the page's swap entry, unless it was written since
 * page_mkclean(): the hardware sets D without our lock, hence the
 * compare-and-swap. Each swap PTE holds a count of the slot
 * (swap_duplicate(): at SWAP_MAP_MAX the page stays mapped here). 1 when
 * unmapped. A VM_LOCKED VMA keeps its page mapped (Linux's
 * try_to_unmap_one() bails out there too): mlocked after reclaim chose it.
 * A page that is not swap-backed is dropped instead (try_to_discard_one()).
 */
static int try_to_unmap_one(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			    pte_t *ptep, void *batch)
{
	struct mm_struct *mm = vma->vm_mm;
	swp_entry_t entry = { page->private };
	pte_t old = ptep_get(ptep);

	if (vma->vm_flags & VM_LOCKED)
		return 0;
	/* An anonymous page outside the swap cache is not swap-backed, or was until this walk. */
	if (PageAnon(page) && !PageSwapCache(page))
		return try_to_discard_one(page, vma, addr, ptep, batch);
	if (pte_dirty(old))
		return 0;
	if (swap_duplicate(entry))
		return 0;
	if (!ptep_try_cmpxchg(ptep, &old, swp_entry_to_pte(entry))) {
		swap_free(entry);
		return 0;
	}
	tlb_batch_add(batch, mm);
	page_remove_rmap(page);
	/* Linux: "Update high watermark before we lower rss". */
	update_hiwater_rss(mm);
	mm->rss--;
	mm->swapents++;
	/* The PTE's reference to the page (the caller holds its own). */
	put_page(page);
	return 1;
}

/*
 * try_to_unmap_one() for a shmem page: the PTE is simply cleared, unless
 * written since page_mkclean(), as above. A file's PTE holds no swap entry:
 * the next fault finds the page, or its swap entry, in the object
 * (shmem_fault()). 1 when unmapped.
 */
static int try_to_unmap_file_one(struct page *page, struct vm_area_struct *vma, unsigned long addr,
				 pte_t *ptep, void *batch)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t old = ptep_get(ptep);

	if (pte_dirty(old) || (vma->vm_flags & VM_LOCKED))
		return 0;
	if (!ptep_try_cmpxchg(ptep, &old, __pte(0)))
		return 0;
	tlb_batch_add(batch, mm);
	page_remove_rmap(page);
	update_hiwater_rss(mm);
	mm->shmem_rss--;
	/* The PTE's reference to the page (the object and the caller hold their own). */
	put_page(page);
	return 1;
}

/*
 * Linux's try_to_migrate_one(): the PTE (present or PROT_NONE) becomes a
 * migration entry naming the page, with its W, A and D (<swapops.h>); a D
 * set goes to PG_dirty, as Linux's folio_mark_dirty(), so that the new page
 * gets it. The compare-and-swap keeps an A or D the hardware sets
 * meanwhile. The PTE's reference and mapping go; rss stays, as in Linux:
 * the page is still the process's, only on its way (zap_pte() and fork
 * count the entry).
 */
static int try_to_migrate_one(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			      pte_t *ptep, void *batch)
{
	pte_t old = ptep_get(ptep);
	swp_entry_t entry;

	do {
		entry = pte_write(old) ? make_writable_migration_entry(page_to_pfn(page)) :
					 make_readable_migration_entry(page_to_pfn(page));
		if (pte_val(old) & _PAGE_ACCESSED)
			entry = make_migration_entry_young(entry);
		if (pte_dirty(old))
			entry = make_migration_entry_dirty(entry);
	} while (!ptep_try_cmpxchg(ptep, &old, swp_entry_to_pte(entry)));
	if (pte_dirty(old))
		SetPageDirty(page);
	tlb_batch_add(batch, vma->vm_mm);
	page_remove_rmap(page);
	put_page(page);
	return 1;
}

void try_to_migrate(struct page *page, struct tlbflush_batch *batch)
{
	struct rmap_walk_control rwc = {
		.arg = batch,
		.rmap_one = try_to_migrate_one,
		.flags = PVMW_PROTNONE,
	};

	rmap_walk(page, &rwc);
}

bool try_to_unmap(struct page *page, struct tlbflush_batch *batch)
{
	rmap_walk_present(page, PageAnon(page) ? try_to_unmap_one : try_to_unmap_file_one, batch);
	return !page_mapped(page);
}
