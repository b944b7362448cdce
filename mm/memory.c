// SPDX-License-Identifier: GPL-2.0
/*
 * User page tables and demand paging, as in Linux's mm/memory.c: the Sv39
 * tables of a process (privileged spec 4.4), faults that fill them from its
 * VMAs, and tearing them down when ranges are unmapped.
 *
 * A process's root table shares the kernel half (entries 256..511, the
 * addresses with bit 38 set) with swapper_pg_dir, copied when the table is
 * made: the kernel's top-level entries are all created at boot, so the copies
 * never go stale. The user half holds only what faults put there:
 *
 *  - an anonymous page on first touch, zeroed (GFP_HIGHUSER_MOVABLE), with
 *    its reverse map set and on its node's inactive LRU list (mm/swap.c);
 *  - for a read of a page never written, the shared zero page, read-only;
 *    the first write replaces it with a page of its own;
 *  - in a VMA backed by a file (vm_ops: an executable's segment, or shared
 *    anonymous memory's shmem object), the page the file's ->fault gives:
 *    a private copy of the file's bytes, or the shmem object's own page
 *    (do_fault());
 *  - a page the kernel filled, in an executable VMA, only after fence.i
 *    (Zifencei): instruction fetches need not see stores without it
 *    (Linux's flush_icache_pte()). Only this hart's: a task that moves
 *    to another hart has it flushed there by switch_mm();
 *  - A and D set up front (D only with W): cores like the VisionFive's U74
 *    fault on a clear A or D instead of setting them (4.3.1);
 *  - W always with R: W without R is a reserved encoding (table 4.5), so
 *    PROT_WRITE alone maps readable, as on Linux.
 */
#include <asm/csr.h>
#include <asm/mmu_context.h>
#include <asm/pgalloc.h>
#include <fs.h>
#include <mm.h>
#include <mmap.h>
#include <pagemap.h>
#include <printk.h>
#include <rmap.h>
#include <string.h>
#include <swap.h>
#include <swapops.h>
#include <uapi/errno.h>
#include <vmstat.h>

#include "internal.h"

/* The pfn of the zero page every never-written anonymous page reads as. */
unsigned long zero_pfn;

void memory_init(void)
{
	unsigned long empty_zero_page = get_zeroed_page(GFP_KERNEL);

	if (!empty_zero_page)
		panic("no memory for the zero page");
	zero_pfn = PFN_DOWN(__pa(empty_zero_page));
}

/* ------------------------------------------------------------ tables */

int __pte_alloc(struct mm_struct *mm, pmd_t *pmd)
{
	pte_t *new = (pte_t *)get_zeroed_page(GFP_KERNEL);

	if (!new)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	if (pmd_none(*pmd)) {
		pmd_populate(mm, pmd, new);
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	free_page((unsigned long)new);
	return 0;
}

int __pmd_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long addr)
{
	pmd_t *new = (pmd_t *)get_zeroed_page(GFP_KERNEL);

	if (!new)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	if (pgd_none(*pgd)) {
		pgd_populate(mm, pgd, new);
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	free_page((unsigned long)new);
	return 0;
}

/*
 * The lock comes first: reclaim calls this holding no mmap_lock, and
 * free_pgd_range() frees tables under page_table_lock.
 */
static int __follow_pte(struct mm_struct *mm, unsigned long addr, pte_t **ptepp, spinlock_t **ptlp,
			pteval_t present)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	pmd_t *pmd;
	pte_t *ptep;

	spin_lock(&mm->page_table_lock);
	if (pgd_none(*pgd) || pgd_bad(*pgd))
		goto out;
	pmd = pmd_offset(pgd, addr);
	if (pmd_none(*pmd) || pmd_bad(*pmd))
		goto out;
	ptep = pte_offset_map(pmd, addr);
	if (!(pte_val(ptep_get(ptep)) & present)) {
		pte_unmap(ptep);
		goto out;
	}
	*ptepp = ptep;
	*ptlp = &mm->page_table_lock;
	return 0;
out:
	spin_unlock(&mm->page_table_lock);
	return -EINVAL;
}

int follow_pte(struct mm_struct *mm, unsigned long addr, pte_t **ptepp, spinlock_t **ptlp)
{
	return __follow_pte(mm, addr, ptepp, ptlp, _PAGE_PRESENT);
}

int follow_pte_protnone(struct mm_struct *mm, unsigned long addr, pte_t **ptepp, spinlock_t **ptlp)
{
	return __follow_pte(mm, addr, ptepp, ptlp, _PAGE_PRESENT | _PAGE_PROT_NONE);
}

int follow_pte_any(struct mm_struct *mm, unsigned long addr, pte_t **ptepp, spinlock_t **ptlp)
{
	return __follow_pte(mm, addr, ptepp, ptlp, ~(pteval_t)0);
}

unsigned long vm_pgprot(unsigned long vm_flags, bool writable)
{
	unsigned long prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return _PAGE_PROT_NONE;

	if (vm_flags & (VM_READ | VM_WRITE))
		prot |= _PAGE_READ;
	if ((vm_flags & VM_WRITE) && writable)
		prot |= _PAGE_WRITE | _PAGE_DIRTY;
	if (vm_flags & VM_EXEC)
		prot |= _PAGE_EXEC;
	return prot;
}

/* ------------------------------------------------------------ faults */

/*
 * A fault on a present PTE that the access may use as it is, under
 * page_table_lock: set A, and D for a write (Linux's handle_pte_fault()
 * tail: cores like the U74 fault on a clear A or D rather than set them,
 * and reclaim clears them).
 */
static void fault_present(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep, pte_t pte,
			  unsigned int flags)
{
	pteval_t young = _PAGE_ACCESSED;

	if (flags & FAULT_FLAG_WRITE)
		young |= vm_pgprot(vma->vm_flags, true);
	ptep_set_access_flags(vma->vm_mm, addr, ptep, __pte(pte_val(pte) | young));
	local_flush_tlb_page(addr);
}

/*
 * Linux's wp_can_reuse_anon_folio(): may a write fault make @page writable
 * where it is, without a copy? Only if this PTE is its one mapping and its
 * one reference, and no swap PTE can read it back: a page left in the swap
 * cache by a swap-in gives its slot back first, if only the cache holds it
 * (the copy there is stale once written). The page lock keeps swap-ins and
 * reclaim out (reclaim holds it while it looks at the page: then copy).
 *
 * The reference count is Linux's test for a page not marked
 * PageAnonExclusive, and Loam marks none: a page that a pipe holds since
 * vmsplice() (get_user_pages_fast()) is copied, so the pipe keeps what was
 * there however the process, or a fork relative that now maps the page
 * alone, writes (CVE-2020-29374; the cow selftest's vmsplice() cases).
 * Any other passing reference (reclaim's) costs at most a copy.
 */
static bool wp_can_reuse_anon_page(struct page *page)
{
	bool reuse;

	if (!PageAnon(page) || page_mapcount(page) != 1 ||
	    page_ref_count(page) > 1 + PageSwapCache(page) || !trylock_page(page))
		return false;
	if (PageSwapCache(page) && !swp_swapcount((swp_entry_t){ page->private }))
		delete_from_swap_cache(page);
	reuse = !PageSwapCache(page) && page_mapcount(page) == 1 && page_ref_count(page) == 1;
	unlock_page(page);
	return reuse;
}

/*
 * Does the PTE still map what @orig_pte did, as it did? A and D aside:
 * reclaim clears A without mmap_lock (page_referenced()), and a write
 * fault that allocates under pressure often reclaims; comparing them too
 * would make such a fault retry for as long as reclaim keeps coming back.
 */
static bool pte_same_but_young(pte_t pte, pte_t orig_pte)
{
	return !((pte_val(pte) ^ pte_val(orig_pte)) & ~(_PAGE_ACCESSED | _PAGE_DIRTY));
}

/*
 * Linux's wp_page_copy(): the write fault's own copy of @old (the caller's
 * reference), or a zeroed page for the zero page, replacing @orig_pte
 * unless it changed meanwhile (then the write faults again).
 */
static int wp_page_copy(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep, pte_t orig_pte,
			struct page *old)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *new = NULL;

	if (!anon_vma_prepare(vma))
		new = alloc_page(GFP_HIGHUSER_MOVABLE | (old ? 0 : __GFP_ZERO));
	if (!new) {
		if (old)
			put_page(old);
		return -ENOMEM;
	}
	if (old)
		copy_page(page_address(new), page_address(old));
	if (vma->vm_flags & VM_EXEC)
		local_flush_icache_all();
	spin_lock(&mm->page_table_lock);
	if (!pte_same_but_young(ptep_get(ptep), orig_pte)) {
		spin_unlock(&mm->page_table_lock);
		put_page(new);
		if (old)
			put_page(old);
		return 0;
	}
	page_add_new_anon_rmap(new, vma, addr);
	lru_cache_add_anon(new);
	set_pte_at(mm, addr, ptep, pfn_pte(page_to_pfn(new), vm_pgprot(vma->vm_flags, true)));
	/* No hart may go on reading the old page through this mm once it can be freed. */
	flush_tlb_page(mm, addr);
	if (old) {
		page_remove_rmap(old);
		put_page(old); /* the PTE's reference */
	} else {
		mm->rss++;
	}
	spin_unlock(&mm->page_table_lock);
	/*
	 * Linux's free_swap_cache() of the old page: mapped by nobody now, it
	 * leaves the swap cache, or it would stay there, unmapped, for as long
	 * as someone else (a pipe, since vmsplice()) holds it.
	 */
	if (old)
		free_page_and_swap_cache(old);
	return 0;
}

/*
 * Linux's do_wp_page(): a write to a present read-only PTE of a private
 * writable VMA (page_table_lock held, dropped here). The page is shared
 * with a fork relative, or with its swap slot: reuse it if nobody else can
 * see it any more, else copy it.
 */
static int do_wp_page(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep, pte_t pte)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *page = pfn_to_page(pte_pfn(pte));

	if (wp_can_reuse_anon_page(page)) {
		/* Linux's wp_page_reuse(). */
		fault_present(vma, addr, ptep, pte, FAULT_FLAG_WRITE);
		spin_unlock(&mm->page_table_lock);
		return 0;
	}
	get_page(page);
	spin_unlock(&mm->page_table_lock);
	return wp_page_copy(vma, addr, ptep, pte, page);
}

/*
 * The PTE holds a swap entry: bring the page back (Linux's do_swap_page()).
 * The page is exclusive when nobody else maps it, no other swap PTE names
 * its slot (swap count 0 once ours is given back) and nobody else holds a
 * reference (Linux's folio_ref_count() test). An exclusive page
 * is mapped writable for a write and leaves the swap cache then, or when
 * swap is more than half full; on a read it stays there with its slot, so
 * that reclaim can drop it again without writing if it stays clean. A
 * shared one (after fork) is mapped read-only and keeps its slot for the
 * others: a write then goes through do_wp_page().
 */
static int do_swap_page(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep, pte_t orig_pte,
			unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	swp_entry_t entry = pte_to_swp_entry(orig_pte);
	struct page *page;
	bool exclusive;
	int err;

	/* The page is being moved (mm/migrate.c): wait, then fault again. */
	if (is_migration_entry(entry)) {
		migration_entry_wait(mm, ptep);
		return 0;
	}
	if (anon_vma_prepare(vma))
		return -ENOMEM;
	page = swapin_page(entry, &err);
	if (!page)
		return pte_same(ptep_get(ptep), orig_pte) ? err : 0;

	spin_lock(&mm->page_table_lock);
	if (!pte_same(ptep_get(ptep), orig_pte)) {
		spin_unlock(&mm->page_table_lock);
		unlock_page(page);
		put_page(page);
		return 0;
	}
	swap_free(entry);
	/* Ours and the swap cache's references alone: no pipe holds it (wp_can_reuse_anon_page()). */
	exclusive = !page_mapped(page) && !swp_swapcount(entry) &&
		    page_ref_count(page) == 1 + PageSwapCache(page);
	get_page(page); /* the PTE's reference */
	page_add_anon_rmap(page, vma, addr);
	set_pte_at(mm, addr, ptep,
		   pfn_pte(page_to_pfn(page),
			   vm_pgprot(vma->vm_flags, exclusive && (flags & FAULT_FLAG_WRITE))));
	mm->rss++;
	mm->swapents--;
	/* Code read back by the device: the instruction fetch must see it (Zifencei). */
	if (vma->vm_flags & VM_EXEC)
		local_flush_icache_all();
	if (exclusive && ((flags & FAULT_FLAG_WRITE) || vm_swap_full()))
		delete_from_swap_cache(page);
	spin_unlock(&mm->page_table_lock);
	local_flush_tlb_page(addr);
	unlock_page(page);
	put_page(page);
	return 0;
}

/*
 * Linux's finish_fault() and set_pte_range(): map @page at @addr, unless the
 * PTE changed from @orig_pte while the page was being prepared (another
 * fault, or populate, got there first): then its reference goes back. A
 * new page, filled through the direct map, becomes the process's own
 * anonymous page (@anon: rmap, LRU, rss); otherwise it is a shared file's
 * page, whose reference from ->fault becomes the PTE's (shmem_rss).
 */
static void finish_fault(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
			 pte_t orig_pte, struct page *page, bool anon)
{
	struct mm_struct *mm = vma->vm_mm;

	/* Written through the direct map, or by another mapping: stale instructions may linger. */
	if (vma->vm_flags & VM_EXEC)
		local_flush_icache_all();
	spin_lock(&mm->page_table_lock);
	if (!pte_same(ptep_get(ptep), orig_pte)) {
		spin_unlock(&mm->page_table_lock);
		put_page(page);
		return;
	}
	/* rmap and LRU before the PTE makes the page visible (reclaim waits on the lock). */
	if (anon) {
		page_add_new_anon_rmap(page, vma, addr);
		lru_cache_add_anon(page);
		mm->rss++;
	} else {
		page_add_file_rmap(page);
		mm->shmem_rss++;
	}
	set_pte_at(mm, addr, ptep, pfn_pte(page_to_pfn(page), vm_pgprot(vma->vm_flags, true)));
	spin_unlock(&mm->page_table_lock);
	/* The PTE may have held the zero page: the old translation must go. */
	local_flush_tlb_page(addr);
}

/* A fresh page for a PTE that was none, or the zero page (Linux's do_anonymous_page()). */
static int do_anonymous_page(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
			     pte_t orig_pte, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *page;

	if (!(flags & (FAULT_FLAG_WRITE | FAULT_FLAG_INSTRUCTION))) {
		spin_lock(&mm->page_table_lock);
		if (pte_none(ptep_get(ptep)))
			set_pte_at(mm, addr, ptep,
				   pfn_pte(zero_pfn, vm_pgprot(vma->vm_flags, false)));
		spin_unlock(&mm->page_table_lock);
		local_flush_tlb_page(addr);
		return 0;
	}
	if (anon_vma_prepare(vma))
		return -ENOMEM;
	page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
	if (!page)
		return -ENOMEM;
	finish_fault(vma, addr, ptep, orig_pte, page, true);
	return 0;
}

/* A ->fault that failed, as handle_mm_fault() reports it (Linux's vm_fault_to_errno()). */
static int vm_fault_to_errno(vm_fault_t ret)
{
	return ret & VM_FAULT_OOM ? -ENOMEM : -EFAULT;
}

/*
 * A private file mapping (an executable's segment). Linux maps the file's
 * page-cache page read-only on a read fault and copies it on the first
 * write (do_read_fault(), do_cow_fault()). Loam's files, the initrd's, have
 * no page cache: every fault, read or write, gets a private copy of the
 * file's bytes, which ->fault fills into the page allocated here (as
 * Linux's DAX files do, VM_FAULT_DONE_COW). From then on it is an anonymous
 * page: its own rmap, on the LRU, swapped under pressure (where Linux would
 * drop a clean page-cache page and read the file again). MADV_DONTNEED
 * frees it, and the next touch copies the file's bytes again.
 */
static int do_cow_fault(struct vm_fault *vmf, pte_t *ptep, pte_t orig_pte)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *page;
	vm_fault_t ret;

	if (anon_vma_prepare(vma))
		return -ENOMEM;
	page = alloc_page(GFP_HIGHUSER_MOVABLE);
	if (!page)
		return -ENOMEM;
	vmf->cow_page = page;
	ret = vma->vm_ops->fault(vmf);
	if (ret != VM_FAULT_DONE_COW) {
		put_page(page);
		return vm_fault_to_errno(ret);
	}
	finish_fault(vma, vmf->address, ptep, orig_pte, page, true);
	return 0;
}

/*
 * A shared mapping of a file (shared anonymous memory's shmem object): map
 * the file's own page, writable if the VMA is (shmem does no dirty
 * tracking), as Linux's do_shared_fault() and do_read_fault(). The page
 * stays the file's: unmapping it (munmap, MADV_DONTNEED) loses nothing.
 */
static int do_shared_fault(struct vm_fault *vmf, pte_t *ptep, pte_t orig_pte)
{
	vm_fault_t ret = vmf->vma->vm_ops->fault(vmf);
	struct page *page = vmf->page;

	if (ret & VM_FAULT_ERROR)
		return vm_fault_to_errno(ret);
	/*
	 * A locked page stays in its object until it is mapped (truncation and
	 * reclaim lock it first): the object's reference keeps it for the
	 * unlock even if finish_fault() drops ours.
	 */
	finish_fault(vmf->vma, vmf->address, ptep, orig_pte, page, false);
	if (ret & VM_FAULT_LOCKED)
		unlock_page(page);
	return 0;
}

/* Linux's do_fault(): a PTE that was none, in a VMA backed by a file. */
static int do_fault(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep, pte_t orig_pte,
		    unsigned int flags)
{
	struct vm_fault vmf = {
		.vma = vma,
		.address = addr,
		.flags = flags,
		.pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT),
	};

	if (vma->vm_flags & VM_SHARED)
		return do_shared_fault(&vmf, ptep, orig_pte);
	return do_cow_fault(&vmf, ptep, orig_pte);
}

/*
 * Linux's handle_pte_fault(): the PTE @ptep of @addr exists (it may be none);
 * fill or update it as the access @flags needs.
 */
static int handle_pte_fault(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
			    unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t pte = ptep_get(ptep);

	if (is_swap_pte(pte))
		return do_swap_page(vma, addr, ptep, pte, flags);
	if (pte_protnone(pte) && vma_is_accessible(vma)) {
		/* Kept through a PROT_NONE spell; the VMA allows access again. */
		spin_lock(&mm->page_table_lock);
		if (pte_same(ptep_get(ptep), pte))
			set_pte_at(mm, addr, ptep,
				   pfn_pte(pte_pfn(pte),
					   vm_pgprot(vma->vm_flags,
						     can_change_pte_writable(vma->vm_flags, pte))));
		spin_unlock(&mm->page_table_lock);
		local_flush_tlb_page(addr);
		return 0;
	}
	/*
	 * A PROT_NONE PTE in a VMA that is still PROT_NONE: only a FOLL_FORCE
	 * write (/proc/PID/mem) gets here, and breaks copy-on-write as in any
	 * private VMA (vm_pgprot() keeps the new PTE PROT_NONE).
	 */
	if (pte_mapped(pte)) {
		spin_lock(&mm->page_table_lock);
		pte = ptep_get(ptep);
		if (!pte_mapped(pte)) {
			spin_unlock(&mm->page_table_lock);
			return 0; /* reclaim got there first: fault again */
		}
		if ((flags & FAULT_FLAG_WRITE) && !pte_write(pte) && !(vma->vm_flags & VM_SHARED)) {
			if (!is_zero_pte(pte))
				return do_wp_page(vma, addr, ptep, pte);
			spin_unlock(&mm->page_table_lock);
			return wp_page_copy(vma, addr, ptep, pte, NULL);
		}
		if (!is_zero_pte(pte))
			fault_present(vma, addr, ptep, pte, flags);
		else
			local_flush_tlb_page(addr); /* a spurious fault: the TLB may be stale */
		spin_unlock(&mm->page_table_lock);
		return 0;
	}
	if (vma->vm_ops)
		return do_fault(vma, addr, ptep, pte, flags);
	return do_anonymous_page(vma, addr, ptep, pte, flags);
}

/* Linux's __handle_mm_fault(): down the tables to the PTE, making the missing ones. */
static int __handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	pgd_t *pgd = pgd_offset(mm, addr);
	pmd_t *pmd = pmd_alloc(mm, pgd, addr);
	pte_t *pte;
	int ret;

	if (!pmd || pte_alloc(mm, pmd))
		return -ENOMEM;
	pte = pte_offset_map(pmd, addr);
	ret = handle_pte_fault(vma, addr, pte, flags);
	pte_unmap(pte);
	return ret;
}

/*
 * Fill the PTE of @addr in @vma for an access of kind @flags (FAULT_FLAG_*),
 * which the caller checked the VMA allows (or FOLL_FORCE does, mm/gup.c: a
 * write to a private VMA without VM_WRITE maps the copy read-only, for
 * vm_pgprot() gives W only with VM_WRITE, as Linux's maybe_mkwrite());
 * mmap_lock held for reading. 0,
 * -ENOMEM, -EFAULT where a file mapping has no page (past the file's end),
 * or -EIO when the page could not be read back from swap.
 */
int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags)
{
	int ret;

	count_vm_event(PGFAULT);
	ret = __handle_mm_fault(vma, addr & PAGE_MASK, flags);
	/* Linux: "If the mapping is droppable, then errors due to OOM aren't fatal": fault again. */
	if (ret == -ENOMEM && (vma->vm_flags & VM_DROPPABLE))
		ret = 0;
	return ret;
}

int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len,
		     unsigned int gup_flags)
{
	int done = 0;

	mmap_read_lock(mm);
	while (done < len) {
		unsigned long offset = (addr + done) & ~PAGE_MASK;
		int bytes = min(len - done, (int)(PAGE_SIZE - offset));
		struct page *page;
		void *maddr;

		/* Linux returns what was done at a hole or a VMA that forbids the access. */
		if (get_user_pages_remote(mm, addr + done, 1, gup_flags, &page) != 1)
			break;
		maddr = page_address(page) + offset;
		if (gup_flags & FOLL_WRITE) {
			memcpy(maddr, buf + done, bytes);
			/* Linux's copy_to_user_page(): the process may run what was written. */
			if (find_vma(mm, addr + done)->vm_flags & VM_EXEC)
				local_flush_icache_all();
			SetPageDirty(page);
		} else {
			memcpy(buf + done, maddr, bytes);
		}
		put_page(page);
		done += bytes;
	}
	mmap_read_unlock(mm);
	return done;
}

int populate_vma_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	unsigned int flags = (vma->vm_flags & VM_WRITE) ? FAULT_FLAG_WRITE : 0;
	unsigned long addr;

	if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return 0; /* PROT_NONE: nothing to populate */
	for (addr = start; addr < end; addr += PAGE_SIZE)
		if (handle_mm_fault(vma, addr, flags))
			return -ENOMEM;
	return 0;
}

/* ------------------------------------------------------------ fork */

/*
 * Linux's copy_present_pte(), for a PTE mapping a page or kept through
 * PROT_NONE (both page_table_locks held): the child maps the same page, one
 * more reference and mapping. In a private VMA a writable PTE becomes
 * read-only in both (is_cow_mapping()): the first write copies the page,
 * or takes it back if nobody else maps it by then (do_wp_page()). The
 * zero page is no one's: copied as it is.
 */
static void copy_present_pte(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			     pte_t *dst_pte, pte_t *src_pte, unsigned long addr)
{
	struct mm_struct *dst_mm = dst_vma->vm_mm;
	pte_t pte = ptep_get(src_pte);

	if (!is_zero_pte(pte)) {
		struct page *page = pfn_to_page(pte_pfn(pte));

		get_page(page);
		page_dup_rmap(page);
		if (PageAnon(page))
			dst_mm->rss++;
		else
			dst_mm->shmem_rss++;
	}
	if (!(src_vma->vm_flags & VM_SHARED) && pte_write(pte)) {
		ptep_set_wrprotect(src_vma->vm_mm, addr, src_pte);
		pte = pte_wrprotect(ptep_get(src_pte));
	}
	set_pte_at(dst_mm, addr, dst_pte, pte);
}

/*
 * Linux's copy_nonpresent_pte() for a migration entry (both
 * page_table_locks held): the child gets the entry too, and the page it
 * names counts in its rss (the move, when it ends, maps the page in both:
 * remove_migration_ptes() finds the child's entry through the reverse map,
 * which lists the child's VMA after the parent's, so it cannot miss it).
 * In a private VMA a writable entry becomes read-only in both, as a
 * writable PTE does in copy_present_pte().
 */
static void copy_migration_pte(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			       pte_t *dst_pte, pte_t *src_pte, unsigned long addr)
{
	pte_t pte = ptep_get(src_pte);
	swp_entry_t entry = pte_to_swp_entry(pte);

	if (PageAnon(pfn_swap_entry_to_page(entry)))
		dst_vma->vm_mm->rss++;
	else
		dst_vma->vm_mm->shmem_rss++;
	if (is_writable_migration_entry(entry) && is_cow_mapping(src_vma->vm_flags)) {
		pte = swp_entry_to_pte(make_readable_migration_entry(swp_offset(entry)));
		set_pte_at(src_vma->vm_mm, addr, src_pte, pte);
	}
	set_pte_at(dst_vma->vm_mm, addr, dst_pte, pte);
}

/*
 * Linux's copy_pte_range(): one PTE table's part of [addr, end). A swap
 * PTE is one more count of its slot (copy_nonpresent_pte()); at
 * SWAP_MAP_MAX, where Linux chains a count continuation
 * (add_swap_count_continuation()), the fork fails with -ENOMEM.
 */
static int copy_pte_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			  pmd_t *dst_pmd, pmd_t *src_pmd, unsigned long addr, unsigned long end)
{
	struct mm_struct *dst_mm = dst_vma->vm_mm, *src_mm = src_vma->vm_mm;
	pte_t *dst_start, *src_start, *dst_pte, *src_pte;
	int ret = 0;

	if (pte_alloc(dst_mm, dst_pmd))
		return -ENOMEM;
	dst_pte = dst_start = pte_offset_map(dst_pmd, addr);
	src_pte = src_start = pte_offset_map(src_pmd, addr);
	/* Parent first, then child: nothing else takes two page_table_locks. */
	spin_lock(&src_mm->page_table_lock);
	spin_lock(&dst_mm->page_table_lock);
	do {
		pte_t pte = ptep_get(src_pte);

		if (pte_none(pte))
			continue;
		if (is_migration_pte(pte)) {
			copy_migration_pte(dst_vma, src_vma, dst_pte, src_pte, addr);
			continue;
		}
		if (is_swap_pte(pte)) {
			if (swap_duplicate(pte_to_swp_entry(pte))) {
				ret = -ENOMEM;
				break;
			}
			dst_mm->swapents++;
			set_pte_at(dst_mm, addr, dst_pte, pte);
			continue;
		}
		copy_present_pte(dst_vma, src_vma, dst_pte, src_pte, addr);
	} while (dst_pte++, src_pte++, addr += PAGE_SIZE, addr != end);
	spin_unlock(&dst_mm->page_table_lock);
	spin_unlock(&src_mm->page_table_lock);
	pte_unmap(src_start);
	pte_unmap(dst_start);
	return ret;
}

static int copy_pmd_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			  pgd_t *dst_pgd, pgd_t *src_pgd, unsigned long addr, unsigned long end)
{
	pmd_t *src_pmd = pmd_offset(src_pgd, addr);
	pmd_t *dst_pmd = pmd_alloc(dst_vma->vm_mm, dst_pgd, addr);
	unsigned long next;

	if (!dst_pmd)
		return -ENOMEM;
	do {
		next = pmd_addr_end(addr, end);
		if (pmd_none(*src_pmd) || pmd_bad(*src_pmd))
			continue;
		if (copy_pte_range(dst_vma, src_vma, dst_pmd, src_pmd, addr, next))
			return -ENOMEM;
	} while (dst_pmd++, src_pmd++, addr = next, addr != end);
	return 0;
}

/*
 * Linux's vma_needs_copy(): only a VMA with anonymous pages needs its
 * PTEs copied; a shared or file VMA without them refills from its file
 * on the child's faults (shmem pages are the object's).
 */
static bool vma_needs_copy(struct vm_area_struct *src_vma)
{
	return src_vma->anon_vma != NULL;
}

int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma)
{
	unsigned long addr = src_vma->vm_start, end = src_vma->vm_end, next;
	pgd_t *src_pgd, *dst_pgd;

	if (!vma_needs_copy(src_vma))
		return 0;
	src_pgd = pgd_offset(src_vma->vm_mm, addr);
	dst_pgd = pgd_offset(dst_vma->vm_mm, addr);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*src_pgd) || pgd_bad(*src_pgd))
			continue;
		if (copy_pmd_range(dst_vma, src_vma, dst_pgd, src_pgd, addr, next))
			return -ENOMEM;
	} while (dst_pgd++, src_pgd++, addr = next, addr != end);
	return 0;
}

/* ---------------------------------------------------------- teardown */

/*
 * Pages unmapped but not yet freed: the TLB must forget them first, on every
 * hart, or one could still reach a page handed out again (Linux's
 * mmu_gather, much reduced).
 */
#define GATHER_PAGES 64

struct mmu_gather {
	struct mm_struct *mm;
	unsigned int nr;
	struct page *pages[GATHER_PAGES];
};

static void tlb_flush_mmu(struct mmu_gather *tlb)
{
	flush_tlb_mm(tlb->mm);
	free_pages_and_swap_cache(tlb->pages, tlb->nr);
	tlb->nr = 0;
}

/* One PTE of a table being zapped; page_table_lock held. */
static void zap_pte(struct mmu_gather *tlb, unsigned long addr, pte_t *ptep)
{
	struct mm_struct *mm = tlb->mm;
	pte_t pte = ptep_get(ptep);
	struct page *page;

	if (is_migration_pte(pte)) {
		/*
		 * A page on its way (mm/migrate.c): no swap slot to free; the
		 * move no longer finds this entry and leaves the page unmapped
		 * here. It still counted in rss (Linux's zap_nonpresent_ptes()).
		 */
		pte_clear(mm, addr, ptep);
		if (PageAnon(pfn_swap_entry_to_page(pte_to_swp_entry(pte))))
			mm->rss--;
		else
			mm->shmem_rss--;
		return;
	}
	if (is_swap_pte(pte)) {
		pte_clear(mm, addr, ptep);
		free_swap_and_cache(pte_to_swp_entry(pte));
		mm->swapents--;
		return;
	}
	if (!pte_mapped(pte))
		return;
	/* Swap (reclaim) clears A and D without the lock: take the last word atomically. */
	pte = ptep_get_and_clear(mm, addr, ptep);
	/* The zero page is never on an LRU list nor in the rmap. */
	if (is_zero_pte(pte))
		return;
	page = pfn_to_page(pte_pfn(pte));
	/* Linux's mm_counter(): anonymous (on the LRU) or a shmem object's. */
	if (PageAnon(page))
		mm->rss--;
	else
		mm->shmem_rss--;
	page_remove_rmap(page);
	tlb->pages[tlb->nr++] = page;
	if (tlb->nr == GATHER_PAGES)
		tlb_flush_mmu(tlb);
}

/* One PTE table's part of [addr, end), under page_table_lock (reclaim walks it too). */
static void zap_pte_range(struct mmu_gather *tlb, pmd_t *pmd, unsigned long addr, unsigned long end)
{
	pte_t *start_pte = pte_offset_map(pmd, addr), *pte = start_pte;

	spin_lock(&tlb->mm->page_table_lock);
	/* Linux's zap_pte_range() leaves it to its callers (unmap_vmas()): before rss goes down. */
	update_hiwater_rss(tlb->mm);
	do {
		zap_pte(tlb, addr, pte);
	} while (pte++, addr += PAGE_SIZE, addr != end);
	spin_unlock(&tlb->mm->page_table_lock);
	pte_unmap(start_pte);
}

static void zap_pmd_range(struct mmu_gather *tlb, pgd_t *pgd, unsigned long addr, unsigned long end)
{
	pmd_t *pmd = pmd_offset(pgd, addr);
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		if (pmd_none(*pmd) || pmd_bad(*pmd))
			continue;
		zap_pte_range(tlb, pmd, addr, next);
	} while (pmd++, addr = next, addr != end);
}

static void unmap_page_range(struct mmu_gather *tlb, unsigned long addr, unsigned long end)
{
	pgd_t *pgd = pgd_offset(tlb->mm, addr);
	unsigned long next;

	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd) || pgd_bad(*pgd))
			continue;
		zap_pmd_range(tlb, pgd, addr, next);
	} while (pgd++, addr = next, addr != end);
}

/* Unmap and free the pages of [start, end); the tables stay (free_pgd_range frees them). */
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct mmu_gather tlb = { .mm = mm };

	unmap_page_range(&tlb, start, end);
	if (tlb.nr)
		tlb_flush_mmu(&tlb);
}

/*
 * Linux's unmap_mapping_pages(): take the pages at file offsets [@start,
 * @start + @nr) out of every VMA of @mapping's i_mmap, in every mm (a hole
 * punched in a shmem object, which fork shares between processes, or a
 * truncation). A private VMA holds only private copies (see
 * do_cow_fault()): they stay unless @even_cows (a truncation: nothing may
 * stay mapped past the end of the file). The VMAs, and so their page tables
 * (vm_area_free() unlinks a VMA before its tables go), stay while
 * i_mmap_rwsem is held; no mmap_lock of theirs is needed: their PTEs change
 * under page_table_lock.
 */
void unmap_mapping_pages(struct address_space *mapping, unsigned long start, unsigned long nr,
			 bool even_cows)
{
	unsigned long end = start + nr;
	struct vm_area_struct *vma;

	down_read(&mapping->i_mmap_rwsem);
	list_for_each_entry(vma, &mapping->i_mmap, shared) {
		unsigned long first = max(start, vma->vm_pgoff);
		unsigned long last =
			min(end, vma->vm_pgoff + ((vma->vm_end - vma->vm_start) >> PAGE_SHIFT));

		if ((!even_cows && !(vma->vm_flags & VM_SHARED)) || first >= last)
			continue;
		zap_page_range(vma->vm_mm, vma->vm_start + ((first - vma->vm_pgoff) << PAGE_SHIFT),
			       vma->vm_start + ((last - vma->vm_pgoff) << PAGE_SHIFT));
	}
	up_read(&mapping->i_mmap_rwsem);
}

/* Is [addr, addr + size) wholly inside [floor, ceiling)? (ceiling 0: the top.) */
static bool inside(unsigned long addr, unsigned long size, unsigned long floor,
		   unsigned long ceiling)
{
	return addr >= floor && (!ceiling || addr + size <= ceiling);
}

/* The PTE tables of the 2 MiB spans in [addr, end) that lie inside [floor, ceiling) go. */
static void free_pmd_range(struct list_head *tables, pgd_t *pgd, unsigned long addr,
			   unsigned long end, unsigned long floor, unsigned long ceiling)
{
	pmd_t *pmd = pmd_offset(pgd, addr);
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		if (pmd_none(*pmd) || pmd_bad(*pmd) ||
		    !inside(addr & PMD_MASK, PMD_SIZE, floor, ceiling))
			continue;
		list_add(&virt_to_page(pmd_page_vaddr(*pmd))->lru, tables);
		pmd_clear(pmd);
	} while (pmd++, addr = next, addr != end);
}

/*
 * Free the page tables that only map [addr, end), as Linux's free_pgd_range():
 * a table is freed when all it covers lies between @floor and @ceiling (the
 * neighbouring VMAs' ends), so nothing still mapped loses its table.
 */
void free_pgd_range(struct mm_struct *mm, unsigned long addr, unsigned long end,
		    unsigned long floor, unsigned long ceiling)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	LIST_HEAD(tables);
	struct page *table, *tmp;
	unsigned long next;

	/* Reclaim walks the tables under the lock: they leave under it. */
	spin_lock(&mm->page_table_lock);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd) || pgd_bad(*pgd))
			continue;
		free_pmd_range(&tables, pgd, addr, next, floor, ceiling);
		/* The kernel half's middle tables are swapper_pg_dir's: never freed. */
		if (pgd_index(addr) >= USER_PTRS_PER_PGD ||
		    !inside(addr & PGDIR_MASK, PGDIR_SIZE, floor, ceiling))
			continue;
		list_add(&virt_to_page(pgd_page_vaddr(*pgd))->lru, &tables);
		pgd_clear(pgd);
	} while (pgd++, addr = next, addr != end);
	spin_unlock(&mm->page_table_lock);
	/* The harts' page-walk caches may hold the tables: flush before they are reused. */
	flush_tlb_mm(mm);
	list_for_each_entry_safe(table, tmp, &tables, lru) {
		list_del(&table->lru);
		__free_page(table);
	}
}
