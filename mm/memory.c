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
#include <mm.h>
#include <mmap.h>
#include <pagemap.h>
#include <printk.h>
#include <rmap.h>
#include <string.h>
#include <swap.h>
#include <uapi/errno.h>
#include <vmstat.h>

/* The pfn of the zero page every never-written anonymous page reads as. */
static unsigned long zero_pfn;

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
int follow_pte(struct mm_struct *mm, unsigned long addr, pte_t **ptepp, spinlock_t **ptlp)
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
	if (!pte_present(ptep_get(ptep))) {
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

/* A page mapped, accessible or kept through PROT_NONE (Linux's riscv pte_present()). */
static bool pte_mapped(pte_t pte)
{
	return pte_present(pte) || pte_protnone(pte);
}

/* The PTE bits for a VMA's flags (W always with R: see the top of the file). */
static unsigned long vm_pgprot(unsigned long vm_flags, bool writable)
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

static bool is_zero_pte(pte_t pte)
{
	return pte_pfn(pte) == zero_pfn;
}

/* ------------------------------------------------------------ faults */

/*
 * A fault on a present PTE, under page_table_lock: set A, and D for a
 * write (Linux's handle_pte_fault() tail: cores like the U74 fault on a
 * clear A or D rather than set them, and reclaim clears them). A write to
 * a page mapped read-only because its swap slot still holds a copy
 * (do_swap_page()) makes the copy stale: the slot is given back now,
 * Linux's do_wp_page() on an exclusive anonymous page.
 */
static void fault_present(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep, pte_t pte,
			  unsigned int flags)
{
	pteval_t young = _PAGE_ACCESSED;

	if (flags & FAULT_FLAG_WRITE) {
		struct page *page = pfn_to_page(pte_pfn(pte));

		if (!pte_write(pte) && PageSwapCache(page) && trylock_page(page)) {
			if (PageSwapCache(page))
				delete_from_swap_cache(page);
			unlock_page(page);
		}
		young |= vm_pgprot(vma->vm_flags, true);
	}
	ptep_set_access_flags(vma->vm_mm, addr, ptep, __pte(pte_val(pte) | young));
	local_flush_tlb_page(addr);
}

/*
 * The PTE holds a swap entry: bring the page back (Linux's do_swap_page()).
 * A read maps it read-only and leaves it in the swap cache with its slot,
 * so that reclaim can drop it again without writing if it stays clean;
 * a write, or swap more than half full, frees the slot at once.
 */
static int do_swap_page(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep, pte_t orig_pte,
			unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	swp_entry_t entry = pte_to_swp_entry(orig_pte);
	bool write = flags & FAULT_FLAG_WRITE;
	struct page *page;
	int err;

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
	get_page(page); /* the PTE's reference */
	page_add_anon_rmap(page, vma, addr);
	set_pte_at(mm, addr, ptep, pfn_pte(page_to_pfn(page), vm_pgprot(vma->vm_flags, write)));
	mm->rss++;
	mm->swapents--;
	swap_free(entry);
	/* Code read back by the device: the instruction fetch must see it (Zifencei). */
	if (vma->vm_flags & VM_EXEC)
		local_flush_icache_all();
	if (write || vm_swap_full())
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

	if (ret)
		return vm_fault_to_errno(ret);
	finish_fault(vmf->vma, vmf->address, ptep, orig_pte, vmf->page, false);
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
	if (pte_protnone(pte)) {
		/* Kept through a PROT_NONE spell; the VMA allows access again. */
		spin_lock(&mm->page_table_lock);
		if (pte_same(ptep_get(ptep), pte))
			set_pte_at(mm, addr, ptep,
				   pfn_pte(pte_pfn(pte),
					   vm_pgprot(vma->vm_flags, !is_zero_pte(pte))));
		spin_unlock(&mm->page_table_lock);
		local_flush_tlb_page(addr);
		return 0;
	}
	if (pte_present(pte) && !(is_zero_pte(pte) && (flags & FAULT_FLAG_WRITE))) {
		spin_lock(&mm->page_table_lock);
		pte = ptep_get(ptep);
		if (pte_present(pte) && !is_zero_pte(pte))
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
 * which the caller checked the VMA allows; mmap_lock held for reading. 0,
 * -ENOMEM, -EFAULT where a file mapping has no page (past the file's end),
 * or -EIO when the page could not be read back from swap.
 */
int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags)
{
	count_vm_event(PGFAULT);
	return __handle_mm_fault(vma, addr & PAGE_MASK, flags);
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
	unsigned int i;

	flush_tlb_mm(tlb->mm);
	for (i = 0; i < tlb->nr; i++)
		free_page_and_swap_cache(tlb->pages[i]);
	tlb->nr = 0;
}

/* One PTE of a table being zapped; page_table_lock held. */
static void zap_pte(struct mmu_gather *tlb, unsigned long addr, pte_t *ptep)
{
	struct mm_struct *mm = tlb->mm;
	pte_t pte = ptep_get(ptep);
	struct page *page;

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

/*
 * One PTE table's part of a change_protection(). The zero page stays
 * read-only: the next write still faults. A and D stay as they are
 * (reclaim's record of the page).
 */
static void change_pte_range(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr,
			     unsigned long end, unsigned long newflags)
{
	pte_t *start_pte = pte_offset_map(pmd, addr), *ptep = start_pte;

	do {
		pte_t pte = ptep_get(ptep);

		if (!pte_mapped(pte))
			continue;
		set_pte_at(vma->vm_mm, addr, ptep,
			   pte_modify(pte, vm_pgprot(newflags, !is_zero_pte(pte)) &
						   ~(_PAGE_ACCESSED | _PAGE_DIRTY)));
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	pte_unmap(start_pte);
}

static void change_pmd_range(struct vm_area_struct *vma, pgd_t *pgd, unsigned long addr,
			     unsigned long end, unsigned long newflags)
{
	pmd_t *pmd = pmd_offset(pgd, addr);
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		if (pmd_none(*pmd) || pmd_bad(*pmd))
			continue;
		change_pte_range(vma, pmd, addr, next, newflags);
	} while (pmd++, addr = next, addr != end);
}

void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	pgd_t *pgd = pgd_offset(mm, start);
	unsigned long addr = start, next;

	spin_lock(&mm->page_table_lock);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd) || pgd_bad(*pgd))
			continue;
		change_pmd_range(vma, pgd, addr, next, newflags);
	} while (pgd++, addr = next, addr != end);
	spin_unlock(&mm->page_table_lock);
	flush_tlb_mm(mm);
}
