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
 * and one just below it has that bit set: that is how kernel/entry.S spots an
 * overflow with a single test, before it pushes anything (Linux does the
 * same). The boot stack keeps the same alignment (kernel/head.S).
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
#include <asm/sbi.h>
#include <mm.h>
#include <printk.h>
#include <sched.h>
#include <spinlock.h>
#include <vmalloc.h>

#define STACK_SLOT (2 * THREAD_SIZE)
#define NR_STACK_SLOTS (PGDIR_SIZE / STACK_SLOT)

static DEFINE_SPINLOCK(vmap_lock);
static unsigned long slot_used[NR_STACK_SLOTS / 64];
#define IOREMAP_START (VMALLOC_START + PGDIR_SIZE)

static pte_t *vmalloc_pmd; /* the middle-level table of the first vmalloc GiB */
static pte_t *ioremap_pmd; /* the middle-level table of the ioremap GiB */
static unsigned long ioremap_next = IOREMAP_START; /* the lowest unused address */

static pte_t *pgd_table_at(unsigned long va)
{
	unsigned long table = get_zeroed_page(GFP_KERNEL);

	if (!table)
		panic("vmalloc: no memory for the page table");
	swapper_pg_dir[pgd_index(va)] = pfn_pte(PFN_DOWN(__pa(table)), PAGE_TABLE);
	return (pte_t *)table;
}

void vmalloc_init(void)
{
	vmalloc_pmd = pgd_table_at(VMALLOC_START);
	ioremap_pmd = pgd_table_at(IOREMAP_START);
	local_flush_tlb_all();
}

/* The PTE of @va under the middle-level table @pmd; made if missing. NULL without memory. */
static pte_t *pmd_pte(pte_t *pmd, unsigned long va)
{
	pte_t *pmde = &pmd[pmd_index(va)];

	if (!pte_present(*pmde)) {
		unsigned long table = get_zeroed_page(GFP_KERNEL);

		if (!table)
			return NULL;
		WRITE_ONCE(*pmde, pfn_pte(PFN_DOWN(__pa(table)), PAGE_TABLE));
	}
	return (pte_t *)__va(PFN_PHYS(pte_pfn(*pmde))) + pte_index(va);
}

static pte_t *vmalloc_pte(unsigned long va)
{
	return pmd_pte(vmalloc_pmd, va);
}

static void unmap_stack(unsigned long base, unsigned int pages)
{
	unsigned int i;

	for (i = 0; i < pages; i++) {
		pte_t *ptep = vmalloc_pte(base + i * PAGE_SIZE);

		free_page((unsigned long)__va(PFN_PHYS(pte_pfn(*ptep))));
		WRITE_ONCE(*ptep, 0);
	}
	/* Other harts may still hold the translations: the slot is reused later. */
	sbi_remote_sfence_vma(base, THREAD_SIZE);
}

void *alloc_thread_stack(void)
{
	unsigned long slot, base, flags;
	unsigned int i;

	spin_lock_irqsave(&vmap_lock, flags);
	for (slot = 0; slot < NR_STACK_SLOTS; slot++)
		if (!(slot_used[slot / 64] & (1UL << (slot % 64))))
			break;
	if (slot == NR_STACK_SLOTS) {
		spin_unlock_irqrestore(&vmap_lock, flags);
		return NULL;
	}
	slot_used[slot / 64] |= 1UL << (slot % 64);
	spin_unlock_irqrestore(&vmap_lock, flags);

	base = VMALLOC_START + slot * STACK_SLOT;
	for (i = 0; i < THREAD_SIZE / PAGE_SIZE; i++) {
		unsigned long page = __get_free_page(GFP_KERNEL);
		pte_t *ptep;

		spin_lock_irqsave(&vmap_lock, flags);
		ptep = page ? vmalloc_pte(base + i * PAGE_SIZE) : NULL;
		if (ptep)
			WRITE_ONCE(*ptep, pfn_pte(PFN_DOWN(__pa(page)), PAGE_KERNEL));
		spin_unlock_irqrestore(&vmap_lock, flags);
		if (!ptep) {
			if (page)
				free_page(page);
			free_thread_stack((void *)base, i);
			return NULL;
		}
	}
	return (void *)base;
}

void free_thread_stack(void *stack, unsigned int mapped_pages)
{
	unsigned long base = (unsigned long)stack, slot = (base - VMALLOC_START) / STACK_SLOT;
	unsigned long flags;

	unmap_stack(base, mapped_pages);
	spin_lock_irqsave(&vmap_lock, flags);
	slot_used[slot / 64] &= ~(1UL << (slot % 64));
	spin_unlock_irqrestore(&vmap_lock, flags);
}

void *ioremap(phys_addr_t phys, size_t size)
{
	phys_addr_t start = ALIGN_DOWN(phys, PAGE_SIZE), end = ALIGN(phys + size, PAGE_SIZE);
	unsigned long base, va, flags;
	phys_addr_t pa;

	spin_lock_irqsave(&vmap_lock, flags);
	base = ioremap_next;
	if (end - start > IOREMAP_START + PGDIR_SIZE - base) {
		spin_unlock_irqrestore(&vmap_lock, flags);
		return NULL;
	}
	for (va = base, pa = start; pa < end; va += PAGE_SIZE, pa += PAGE_SIZE) {
		pte_t *ptep = pmd_pte(ioremap_pmd, va);

		/* The pages mapped so far stay unused: ioremap space is never given back. */
		if (!ptep) {
			spin_unlock_irqrestore(&vmap_lock, flags);
			return NULL;
		}
		WRITE_ONCE(*ptep, pfn_pte(PFN_DOWN(pa), PAGE_KERNEL_IO));
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
