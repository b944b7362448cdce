// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel stacks in the vmalloc area, with a guard below each, as Linux's
 * CONFIG_VMAP_STACK: a stack that runs off its end faults on an unmapped page
 * instead of silently overwriting whatever lies below it.
 *
 * The first GiB of the vmalloc area is cut into slots of 2 * THREAD_SIZE. A
 * stack is mapped in the lower half of its slot; the upper half of the slot
 * below is never mapped, so it guards it. Because slots are aligned to
 * 2 * THREAD_SIZE, every address inside a stack has bit THREAD_SHIFT clear,
 * and one just below it has that bit set: that is how platform/riscv/kernel/entry.S spots an
 * overflow with a single test, before it pushes anything (Linux does the
 * same). The boot stack keeps the same alignment (platform/riscv/kernel/head.S).
 *
 * A stack is freed as soon as its task has died (kernel/sched.c), and the
 * PTE table of 64 slots goes with the last of them: see release_slot().
 * Nothing is allocated under vmap_lock, which is taken with interrupts off.
 *
 * The second GiB holds ioremap(): device registers (the PLIC, virtio-mmio),
 * which the direct map does not cover because it maps RAM only. Mappings
 * are handed out upwards and kept for good: drivers map their registers
 * once at boot and never let go of them.
 *
 * The middle-level tables of both GiBs are made at boot, before any
 * process: a process's root table copies the kernel's top-level entries
 * once (pgd_alloc()), so the vmalloc area must not need a new one later.
 */
#include <asm/mmu_context.h>
#include <asm/pgalloc.h>
#include <asm/sbi.h>
#include <mm.h>
#include <printk.h>
#include <sched.h>
#include <spinlock.h>
#include <uapi/errno.h>
#include <vmalloc.h>

#define STACK_SLOT (2 * THREAD_SIZE)
#define NR_STACK_SLOTS (PGDIR_SIZE / STACK_SLOT)

static DEFINE_SPINLOCK(vmap_lock);
static unsigned long slot_used[NR_STACK_SLOTS / 64];
#define IOREMAP_START (VMALLOC_START + PGDIR_SIZE)

static pmd_t *vmalloc_pmd; /* the middle-level table of the first vmalloc GiB */
static unsigned long ioremap_next = IOREMAP_START; /* the lowest unused address */

static pmd_t *pgd_table_at(unsigned long va)
{
	pmd_t *table = (pmd_t *)get_zeroed_page(GFP_KERNEL);

	if (!table)
		panic("vmalloc: no memory for the page table");
	pgd_populate(NULL, pgd_offset_k(va), table);
	return table;
}

void vmalloc_init(void)
{
	vmalloc_pmd = pgd_table_at(VMALLOC_START);
	pgd_table_at(IOREMAP_START);
	local_flush_tlb_all();
}

/* Linux's vmap_pte_range(): [addr, end) of one PTE table to [phys, ...), with @prot. */
static void vmap_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end, phys_addr_t phys,
			   unsigned long prot)
{
	pte_t *pte = pte_offset_kernel(pmd, addr);

	do {
		set_pte(pte, pfn_pte(PFN_DOWN(phys), prot));
		phys += PAGE_SIZE;
	} while (pte++, addr += PAGE_SIZE, addr != end);
}

/*
 * Linux's vmap_pmd_range() under an existing root entry, PTE tables made
 * where missing: 0, or -ENOMEM (what was mapped so far stays).
 */
static int vmap_pmd_range(pgd_t *pgd, unsigned long addr, unsigned long end, phys_addr_t phys,
			  unsigned long prot)
{
	pmd_t *pmd = pmd_offset(pgd, addr);
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		if (pmd_none(*pmd)) {
			pte_t *table = (pte_t *)get_zeroed_page(GFP_KERNEL);

			if (!table)
				return -ENOMEM;
			pmd_populate_kernel(NULL, pmd, table);
		}
		vmap_pte_range(pmd, addr, next, phys, prot);
		phys += next - addr;
	} while (pmd++, addr = next, addr != end);
	return 0;
}

/*
 * Stack slots: 64 of them (one word of slot_used) fill exactly the 2 MiB
 * one PTE table maps, so a word of zero means that table maps nothing.
 */
_Static_assert(64 * STACK_SLOT == PMD_SIZE, "a word of slot_used is one PTE table");

/* Linux's vmap_pages_pte_range(): @pages, one after the other, from @addr to @end. */
static void vmap_pages_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end,
				 const unsigned long *pages)
{
	pte_t *pte = pte_offset_kernel(pmd, addr);

	do {
		set_pte(pte, pfn_pte(PFN_DOWN(__pa(*pages)), PAGE_KERNEL));
	} while (pte++, pages++, addr += PAGE_SIZE, addr != end);
}

/*
 * Map @pages at @base (vmap_lock held), with @spare as the PTE table if the
 * slot's 2 MiB has none yet: true if @spare was used.
 */
static bool map_stack(unsigned long base, const unsigned long *pages, unsigned long spare)
{
	pmd_t *pmd = &vmalloc_pmd[pmd_index(base)];
	bool used = false;

	if (!pmd_present(*pmd)) {
		pmd_populate_kernel(NULL, pmd, (pte_t *)spare);
		used = true;
	}
	vmap_pages_pte_range(pmd, base, base + THREAD_SIZE, pages);
	return used;
}

/* Linux's vunmap_pte_range(), which also says which pages were mapped, into @pages. */
static void vunmap_pages_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end,
				   unsigned long *pages)
{
	pte_t *pte = pte_offset_kernel(pmd, addr);

	do {
		*pages = (unsigned long)__va(PFN_PHYS(pte_pfn(ptep_get(pte))));
		pte_clear(NULL, addr, pte);
	} while (pte++, pages++, addr += PAGE_SIZE, addr != end);
}

/* Take a free slot (its bit set under vmap_lock): its index, or -1 if all are taken. */
static long reserve_slot(void)
{
	unsigned long slot, flags;

	spin_lock_irqsave(&vmap_lock, flags);
	for (slot = 0; slot < NR_STACK_SLOTS; slot++)
		if (!(slot_used[slot / 64] & (1UL << (slot % 64)))) {
			slot_used[slot / 64] |= 1UL << (slot % 64);
			spin_unlock_irqrestore(&vmap_lock, flags);
			return slot;
		}
	spin_unlock_irqrestore(&vmap_lock, flags);
	return -1;
}

/*
 * Give back slot @slot (vmap_lock held). The last slot of a PTE table to go
 * takes the table with it: its address is returned, to be freed once no
 * hart can walk it any more, else 0. Linux keeps the vmalloc area's page
 * tables for good; Loam gives them back so that a burst of processes leaves
 * every page free again, as init's report checks.
 */
static unsigned long release_slot(unsigned long slot)
{
	pmd_t *pmd = &vmalloc_pmd[pmd_index(VMALLOC_START + slot * STACK_SLOT)];
	unsigned long table;

	slot_used[slot / 64] &= ~(1UL << (slot % 64));
	if (slot_used[slot / 64])
		return 0;
	table = pmd_present(*pmd) ? pmd_page_vaddr(*pmd) : 0;
	pmd_clear(pmd);
	return table;
}

void *alloc_thread_stack(void)
{
	unsigned long pages[THREAD_SIZE / PAGE_SIZE], spare, table, base, flags;
	long slot = reserve_slot();
	unsigned int i, got;
	bool used;

	if (slot < 0)
		return NULL;
	base = VMALLOC_START + slot * STACK_SLOT;
	/* Everything is allocated before vmap_lock is taken: no allocation under a spinlock. */
	for (got = 0; got < THREAD_SIZE / PAGE_SIZE; got++) {
		pages[got] = __get_free_page(GFP_KERNEL);
		if (!pages[got])
			break;
	}
	/* Our slot's bit is set: nobody frees its PTE table while we look. */
	spare = pmd_present(pmdp_get(&vmalloc_pmd[pmd_index(base)])) ? 0 :
								       get_zeroed_page(GFP_KERNEL);
	spin_lock_irqsave(&vmap_lock, flags);
	if (got < THREAD_SIZE / PAGE_SIZE ||
	    (!spare && !pmd_present(vmalloc_pmd[pmd_index(base)]))) {
		table = release_slot(slot);
		spin_unlock_irqrestore(&vmap_lock, flags);
		/* Our pages were never mapped; a table others used may still be cached. */
		if (table) {
			sbi_remote_sfence_vma(0, -1UL);
			free_page(table);
		}
		for (i = 0; i < got; i++)
			free_page(pages[i]);
		if (spare)
			free_page(spare);
		return NULL;
	}
	used = map_stack(base, pages, spare);
	spin_unlock_irqrestore(&vmap_lock, flags);
	/*
	 * A new table where a freed one was: a hart may still have the old
	 * middle-level entry cached, which only a full fence drops.
	 */
	if (used)
		sbi_remote_sfence_vma(0, -1UL);
	else if (spare)
		free_page(spare);
	return (void *)base;
}

void free_thread_stack(void *stack)
{
	unsigned long base = (unsigned long)stack, slot = (base - VMALLOC_START) / STACK_SLOT;
	unsigned long pages[THREAD_SIZE / PAGE_SIZE], table, flags;
	unsigned int i;

	spin_lock_irqsave(&vmap_lock, flags);
	vunmap_pages_pte_range(&vmalloc_pmd[pmd_index(base)], base, base + THREAD_SIZE, pages);
	spin_unlock_irqrestore(&vmap_lock, flags);
	/*
	 * Other harts may still hold the translations (the hart that made the
	 * task wrote its first registers there): every hart forgets them
	 * before the slot can be taken again or its pages reused.
	 */
	sbi_remote_sfence_vma(base, THREAD_SIZE);
	spin_lock_irqsave(&vmap_lock, flags);
	table = release_slot(slot);
	spin_unlock_irqrestore(&vmap_lock, flags);
	/*
	 * A fence for an address covers the leaf entries only (privileged spec
	 * v1.12, 4.2.1): before the table is reused, the full one, as walks may
	 * have cached the entry that pointed at it.
	 */
	if (table) {
		sbi_remote_sfence_vma(0, -1UL);
		free_page(table);
	}
	for (i = 0; i < THREAD_SIZE / PAGE_SIZE; i++)
		free_page(pages[i]);
}

void *ioremap(phys_addr_t phys, size_t size)
{
	phys_addr_t start = ALIGN_DOWN(phys, PAGE_SIZE), end = ALIGN(phys + size, PAGE_SIZE);
	unsigned long base, va, flags;

	spin_lock_irqsave(&vmap_lock, flags);
	base = ioremap_next;
	if (end - start > IOREMAP_START + PGDIR_SIZE - base) {
		spin_unlock_irqrestore(&vmap_lock, flags);
		return NULL;
	}
	va = base + (end - start);
	/* On failure what was mapped stays unused: ioremap space is never given back. */
	if (end > start && vmap_pmd_range(pgd_offset_k(base), base, va, start, PAGE_KERNEL_IO)) {
		spin_unlock_irqrestore(&vmap_lock, flags);
		return NULL;
	}
	ioremap_next = va;
	spin_unlock_irqrestore(&vmap_lock, flags);
	/*
	 * Invalid entries may be cached too, so even new mappings need a fence
	 * (privileged spec v1.12, 4.2.1), on every hart that may use them.
	 */
	sbi_remote_sfence_vma(base, va - base);
	return (void *)(base + (phys - start));
}
