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
 *  - A and D set up front (D only with W): cores like the VisionFive's U74
 *    fault on a clear A or D instead of setting them (4.3.1);
 *  - W always with R: W without R is a reserved encoding (table 4.5), so
 *    PROT_WRITE alone maps readable, as on Linux.
 */
#include <asm/csr.h>
#include <asm/mmu_context.h>
#include <mm.h>
#include <mmap.h>
#include <printk.h>
#include <rmap.h>
#include <string.h>
#include <swap.h>
#include <uapi/errno.h>
#include <vmstat.h>

/* The zero page every never-written anonymous page reads as. */
static unsigned long empty_zero_page;

void memory_init(void)
{
	empty_zero_page = get_zeroed_page(GFP_KERNEL);
	if (!empty_zero_page)
		panic("no memory for the zero page");
}

/* ------------------------------------------------------------ tables */

static pte_t *table_of(pte_t entry)
{
	return __va(PFN_PHYS(pte_pfn(entry)));
}

static bool table_present(pte_t entry)
{
	return pte_present(entry) && !pte_leaf(entry);
}

unsigned long *pgd_alloc(struct mm_struct *mm)
{
	pte_t *pgd = (pte_t *)get_zeroed_page(GFP_KERNEL);

	if (pgd)
		memcpy(pgd + PTRS_PER_PT / 2, swapper_pg_dir + PTRS_PER_PT / 2,
		       PTRS_PER_PT / 2 * sizeof(pte_t));
	return (unsigned long *)pgd;
}

void pgd_free(struct mm_struct *mm, unsigned long *pgd)
{
	destroy_context(mm);
	free_page((unsigned long)pgd);
}

/* The PTE for @addr, creating the tables on the way if @alloc; NULL if absent or no memory. */
static pte_t *walk(struct mm_struct *mm, unsigned long addr, bool alloc)
{
	pte_t *table = (pte_t *)mm->pgd;
	unsigned int level;

	for (level = 2; level > 0; level--) {
		pte_t *entry = &table[(addr >> (PAGE_SHIFT + 9 * level)) & (PTRS_PER_PT - 1)];

		if (!table_present(*entry)) {
			unsigned long page;

			if (!alloc)
				return NULL;
			page = get_zeroed_page(GFP_KERNEL);
			if (!page)
				return NULL;
			WRITE_ONCE(*entry, pfn_pte(PFN_DOWN(__pa(page)), PAGE_TABLE));
		}
		table = table_of(*entry);
	}
	return &table[pte_index(addr)];
}

/* _PAGE_PROT_NONE (asm/pgtable.h): a page kept but made inaccessible by PROT_NONE. */

static bool pte_mapped(pte_t pte)
{
	return pte & (_PAGE_PRESENT | _PAGE_PROT_NONE);
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
	return pte_pfn(pte) == PFN_DOWN(__pa(empty_zero_page));
}

/* ------------------------------------------------------------ faults */

/*
 * Fill the PTE of @addr in @vma for an access of kind @flags (FAULT_FLAG_*),
 * which the caller checked the VMA allows. 0, or -ENOMEM.
 */
int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long page;
	struct page *new_page;
	pte_t *ptep, pte;

	count_vm_event(PGFAULT);
	addr &= PAGE_MASK;
	ptep = walk(mm, addr, true);
	if (!ptep)
		return -ENOMEM;
	pte = READ_ONCE(*ptep);
	if (pte & _PAGE_PROT_NONE) {
		/* Kept through a PROT_NONE spell; the VMA allows access again. */
		WRITE_ONCE(*ptep,
			   pfn_pte(pte_pfn(pte), vm_pgprot(vma->vm_flags, !is_zero_pte(pte))));
		local_flush_tlb_page(addr);
		return 0;
	}
	if (pte_present(pte) && !(is_zero_pte(pte) && (flags & FAULT_FLAG_WRITE))) {
		/* Another fault filled it (or a spurious fault): the TLB may be stale. */
		local_flush_tlb_page(addr);
		return 0;
	}
	if (!(flags & (FAULT_FLAG_WRITE | FAULT_FLAG_INSTRUCTION))) {
		WRITE_ONCE(*ptep, pfn_pte(PFN_DOWN(__pa(empty_zero_page)),
					  vm_pgprot(vma->vm_flags, false)));
		local_flush_tlb_page(addr);
		return 0;
	}
	page = __get_free_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
	if (!page)
		return -ENOMEM;
	if (flags & FAULT_FLAG_INSTRUCTION)
		local_flush_icache_all();
	/* Linux's do_anonymous_page(): rmap and LRU before the PTE makes it visible. */
	new_page = virt_to_page(page);
	page_add_new_anon_rmap(new_page, vma, addr);
	lru_cache_add_anon(new_page);
	WRITE_ONCE(*ptep, pfn_pte(PFN_DOWN(__pa(page)), vm_pgprot(vma->vm_flags, true)));
	/* Replacing the zero page: the old translation must go. */
	local_flush_tlb_page(addr);
	mm->rss++;
	return 0;
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

/* The PTE table covering @addr, or NULL if there is none. */
static pte_t *pte_table(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pgde = &((pte_t *)mm->pgd)[pgd_index(addr)], *pmde;

	if (!table_present(*pgde))
		return NULL;
	pmde = &table_of(*pgde)[pmd_index(addr)];
	return table_present(*pmde) ? table_of(*pmde) : NULL;
}

/* Unmap and free the pages of [start, end); the tables stay (free_pgd_range frees them). */
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long addr = start, next;
	bool flushed = false;

	/* One PTE table (2 MiB) at a time: no walk from the root for each page. */
	for (; addr < end; addr = next) {
		pte_t *table = pte_table(mm, addr);

		next = min(ALIGN_DOWN(addr, PMD_SIZE) + PMD_SIZE, end);
		if (next <= addr) /* wrapped at the top of the address space */
			next = end;
		if (!table)
			continue;
		for (; addr < next; addr += PAGE_SIZE) {
			pte_t *ptep = &table[pte_index(addr)], pte = READ_ONCE(*ptep);

			if (!pte_mapped(pte))
				continue;
			WRITE_ONCE(*ptep, 0);
			flushed = true;
			/* The zero page is never on an LRU list nor in the rmap. */
			if (!is_zero_pte(pte)) {
				struct page *page = pfn_to_page(pte_pfn(pte));

				page_remove_rmap(page);
				__page_cache_release(page);
				__free_page(page);
				mm->rss--;
			}
		}
	}
	if (flushed)
		flush_tlb_mm(mm);
}

/* Is [addr, addr + size) wholly inside [floor, ceiling)? (ceiling 0: the top.) */
static bool inside(unsigned long addr, unsigned long size, unsigned long floor,
		   unsigned long ceiling)
{
	return addr >= floor && (!ceiling || addr + size <= ceiling);
}

/*
 * Free the page tables that only map [addr, end), as Linux's free_pgd_range():
 * a table is freed when all it covers lies between @floor and @ceiling (the
 * neighbouring VMAs' ends), so nothing still mapped loses its table.
 */
void free_pgd_range(struct mm_struct *mm, unsigned long addr, unsigned long end,
		    unsigned long floor, unsigned long ceiling)
{
	pte_t *pgd = (pte_t *)mm->pgd;
	unsigned long a;

	for (a = ALIGN_DOWN(addr, PMD_SIZE); a < end && a >= ALIGN_DOWN(addr, PMD_SIZE);
	     a += PMD_SIZE) {
		pte_t *pgde = &pgd[pgd_index(a)], *pmde;

		if (!table_present(*pgde))
			continue;
		pmde = &table_of(*pgde)[pmd_index(a)];
		if (table_present(*pmde) && inside(a, PMD_SIZE, floor, ceiling)) {
			free_page((unsigned long)table_of(*pmde));
			WRITE_ONCE(*pmde, 0);
		}
	}
	for (a = ALIGN_DOWN(addr, PGDIR_SIZE); a < end && a >= ALIGN_DOWN(addr, PGDIR_SIZE);
	     a += PGDIR_SIZE) {
		pte_t *pgde = &pgd[pgd_index(a)];

		if (pgd_index(a) >= PTRS_PER_PT / 2 || !table_present(*pgde) ||
		    !inside(a, PGDIR_SIZE, floor, ceiling))
			continue;
		free_page((unsigned long)table_of(*pgde));
		WRITE_ONCE(*pgde, 0);
	}
	flush_tlb_mm(mm);
}

void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *ptep = walk(mm, addr, false);
		pte_t pte;

		if (!ptep || !pte_mapped(pte = READ_ONCE(*ptep)))
			continue;
		/* The zero page stays read-only: the next write still faults. */
		WRITE_ONCE(*ptep, pfn_pte(pte_pfn(pte), vm_pgprot(newflags, !is_zero_pte(pte))));
	}
	flush_tlb_mm(mm);
}
