/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sv39 paging (RISC-V privileged spec 4.4) and Loam's virtual memory layout,
 * which is Linux's Sv39 layout (Documentation/arch/riscv/vm-layout.rst):
 *
 *   0xffffffc6fea00000  6 MiB   fixmap (4 KiB slots, then the DTB window)
 *   0xffffffc700000000  4 GiB   vmemmap (struct page array, later)
 *   0xffffffc800000000  64 GiB  vmalloc / ioremap (later)
 *   0xffffffd800000000  124 GiB direct map of all physical memory
 *   0xffffffff80000000  2 GiB   kernel image
 *
 * Three levels of 512 entries: a root entry maps 1 GiB, a middle one 2 MiB, a
 * leaf 4 KiB. Any level may hold a leaf (R, W or X set).
 */
#ifndef LOAM_ASM_PGTABLE_H
#define LOAM_ASM_PGTABLE_H

#include <asm/csr.h>
#include <asm/page.h>

#define PGDIR_SHIFT 30
#define PMD_SHIFT 21
#define PGDIR_SIZE (1UL << PGDIR_SHIFT)
#define PMD_SIZE (1UL << PMD_SHIFT)
#define PTRS_PER_PT 512

#define pgd_index(va) (((va) >> PGDIR_SHIFT) & (PTRS_PER_PT - 1))
#define pmd_index(va) (((va) >> PMD_SHIFT) & (PTRS_PER_PT - 1))
#define pte_index(va) (((va) >> PAGE_SHIFT) & (PTRS_PER_PT - 1))

/* PTE bits (4.4.1, figure 4.21) */
#define _PAGE_PRESENT (1UL << 0) /* V */
#define _PAGE_READ (1UL << 1)
#define _PAGE_WRITE (1UL << 2)
#define _PAGE_EXEC (1UL << 3)
#define _PAGE_USER (1UL << 4)
#define _PAGE_GLOBAL (1UL << 5)
#define _PAGE_ACCESSED (1UL << 6)
#define _PAGE_DIRTY (1UL << 7)
#define _PAGE_LEAF (_PAGE_READ | _PAGE_WRITE | _PAGE_EXEC)
/*
 * Software (RSW, 4.4.1) bit: a page kept but made inaccessible by mprotect
 * PROT_NONE. V is clear, so any access faults; V set with R, W and X clear
 * would mean "next-level table". Swap PTEs (include/swap.h) keep clear of it.
 */
#define _PAGE_PROT_NONE (1UL << 8)
#define _PAGE_PFN_SHIFT 10
#define _PAGE_PFN_MASK (((1UL << 44) - 1) << _PAGE_PFN_SHIFT)

/*
 * Kernel protections. A and D are set up front: cores such as the U74 raise a
 * page fault on a clear A (or D, on a store) instead of setting it (4.3.1).
 */
#define _PAGE_KERNEL_BASE (_PAGE_PRESENT | _PAGE_GLOBAL | _PAGE_ACCESSED)
#define PAGE_KERNEL (_PAGE_KERNEL_BASE | _PAGE_READ | _PAGE_WRITE | _PAGE_DIRTY)
#define PAGE_KERNEL_READ (_PAGE_KERNEL_BASE | _PAGE_READ)
#define PAGE_KERNEL_READ_EXEC (_PAGE_KERNEL_BASE | _PAGE_READ | _PAGE_EXEC)
#define PAGE_KERNEL_EXEC (PAGE_KERNEL | _PAGE_EXEC)
#define PAGE_KERNEL_IO PAGE_KERNEL
#define PAGE_TABLE _PAGE_PRESENT /* a non-leaf entry */

#define FIXADDR_START 0xffffffc6fea00000UL
#define FIXADDR_TOP 0xffffffc6ff000000UL
#define VMALLOC_START 0xffffffc800000000UL
#define VMALLOC_END 0xffffffd800000000UL
#define DIRECT_MAP_SIZE (124UL << 30)
#define DIRECT_MAP_END (PAGE_OFFSET + DIRECT_MAP_SIZE)

/* Fixmap: 4 KiB slots in the first 2 MiB, then a 4 MiB window for the DTB. */
#define fix_to_virt(idx) (FIXADDR_START + ((unsigned long)(idx) << PAGE_SHIFT))
#define FIX_FDT_ADDR (FIXADDR_START + PMD_SIZE)
#define FIX_FDT_SIZE (2 * PMD_SIZE)

#ifndef __ASSEMBLER__

enum fixed_addresses {
	FIX_HOLE,
	FIX_TEST_DEVICE, /* sifive,test: machine exit codes */
	__end_of_fixed_addresses
};

typedef pteval_t pte_t;

static inline pte_t pfn_pte(unsigned long pfn, unsigned long prot)
{
	return (pfn << _PAGE_PFN_SHIFT) | prot;
}

static inline unsigned long pte_pfn(pte_t pte)
{
	return (pte & _PAGE_PFN_MASK) >> _PAGE_PFN_SHIFT;
}

static inline bool pte_present(pte_t pte)
{
	return pte & _PAGE_PRESENT;
}

static inline bool pte_leaf(pte_t pte)
{
	return pte_present(pte) && (pte & _PAGE_LEAF);
}

extern pte_t swapper_pg_dir[PTRS_PER_PT];
extern pte_t early_pg_dir[PTRS_PER_PT];
/* The fixmap tables, linked into both early_pg_dir and swapper_pg_dir. */
extern pte_t fixmap_pmd[PTRS_PER_PT];
extern pte_t fixmap_pte[PTRS_PER_PT];

/* head.S, MMU off: build early_pg_dir; returns its satp value (platform/riscv/mm/early_pgtable.c). */
unsigned long setup_vm(phys_addr_t dtb_pa);

/* satp value that selects @pgd (physical address) in Sv39 mode. */
static inline unsigned long make_satp(phys_addr_t pgd_pa)
{
	return SATP_MODE_SV39 | (pgd_pa >> PAGE_SHIFT);
}

/* Map a device page into a fixmap slot, in every page table. */
void set_fixmap(enum fixed_addresses idx, phys_addr_t pa, unsigned long prot);

/*
 * Map [va, va+size) to [pa, ...) in the page table @pgd with @prot, using the
 * largest pages the alignment of va, pa and the size allow. Missing tables
 * come from memblock. Returns 0 or -ENOMEM.
 */
int create_pgd_mapping(pte_t *pgd, unsigned long va, phys_addr_t pa, phys_addr_t size,
		       unsigned long prot);

/* Where setup_vm() found the DTB, and where it is mapped (the fixmap window). */
extern phys_addr_t dtb_early_pa;
extern void *dtb_early_va;
/* satp of swapper_pg_dir, for secondary harts. */
extern unsigned long swapper_satp;

/*
 * Early: map every gigabyte that holds memory at PAGE_OFFSET in early_pg_dir,
 * so that memblock allocations are reachable before paging_init().
 */
void setup_early_linear_map(void);
struct dt_boot_info;
/*
 * Linux's setup_bootmem(): memblock cut to mem=, the early linear map, the
 * kernel image and what @fdt (found with @info) reserves kept out of
 * memblock's free memory; panics when nothing is left to run on.
 */
void setup_bootmem(const void *fdt, struct dt_boot_info *info);
/* Build swapper_pg_dir (direct map, W^X kernel image, fixmap) and switch to it. */
void paging_init(void);
/* Nodes, zones, struct pages (vmemmap), then memory to the buddy allocator. */
void misc_mem_init(void);
void mem_init(void);

/* Walk @pgd: print it in Linux's ptdump format if @print, and count W+X pages. */
unsigned long ptdump_walk(pte_t *pgd, bool print);

#endif /* __ASSEMBLER__ */
#endif
