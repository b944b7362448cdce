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
#define PGDIR_MASK (~(PGDIR_SIZE - 1))
#define PMD_MASK (~(PMD_SIZE - 1))
/* A table is one page of 8-byte entries (4.4.1). */
#define PTRS_PER_PGD 512
#define PTRS_PER_PMD 512
#define PTRS_PER_PTE 512
/* The root entries of user space: the lower half, 256 GiB (asm/page.h's TASK_SIZE). */
#define USER_PTRS_PER_PGD (TASK_SIZE / PGDIR_SIZE)

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
/* What pte_modify() keeps: the PPN, and A and D (reclaim's record of the page). */
#define _PAGE_CHG_MASK (_PAGE_PFN_MASK | _PAGE_ACCESSED | _PAGE_DIRTY)

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

#include <asm/pgtable_types.h>
#include <kernel.h>

struct mm_struct;

/*
 * Sv39 has three levels, Linux's five less two: the p4d and the pud are
 * folded into the pgd, as Linux's pgtable-nop4d.h and pgtable-nopud.h fold
 * them for Sv39, so a walk goes pgd -> pmd -> pte and pmd_offset() takes the
 * pgd entry itself (Linux's folded pud_offset() would be the identity).
 * The index arithmetic of the three levels lives here and nowhere else.
 */
static inline unsigned long pgd_index(unsigned long addr)
{
	return (addr >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1);
}

static inline unsigned long pmd_index(unsigned long addr)
{
	return (addr >> PMD_SHIFT) & (PTRS_PER_PMD - 1);
}

static inline unsigned long pte_index(unsigned long addr)
{
	return (addr >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
}

/* The end of the pgd entry's (pmd entry's) span that holds @addr, or @end if that comes first. */
static inline unsigned long pgd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + PGDIR_SIZE) & PGDIR_MASK;

	/* "- 1" on both sides: an @end or a boundary of 0 is the top of the address space. */
	return boundary - 1 < end - 1 ? boundary : end;
}

static inline unsigned long pmd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + PMD_SIZE) & PMD_MASK;

	return boundary - 1 < end - 1 ? boundary : end;
}

/* ------------------------------------------------------------ entries */

static inline pte_t pfn_pte(unsigned long pfn, unsigned long prot)
{
	return __pte((pfn << _PAGE_PFN_SHIFT) | prot);
}

static inline pmd_t pfn_pmd(unsigned long pfn, unsigned long prot)
{
	return __pmd((pfn << _PAGE_PFN_SHIFT) | prot);
}

static inline pgd_t pfn_pgd(unsigned long pfn, unsigned long prot)
{
	return __pgd((pfn << _PAGE_PFN_SHIFT) | prot);
}

static inline unsigned long pte_pfn(pte_t pte)
{
	return (pte_val(pte) & _PAGE_PFN_MASK) >> _PAGE_PFN_SHIFT;
}

static inline unsigned long pmd_pfn(pmd_t pmd)
{
	return (pmd_val(pmd) & _PAGE_PFN_MASK) >> _PAGE_PFN_SHIFT;
}

static inline unsigned long pgd_pfn(pgd_t pgd)
{
	return (pgd_val(pgd) & _PAGE_PFN_MASK) >> _PAGE_PFN_SHIFT;
}

/*
 * A root or middle entry is none (zero), a leaf (V and any of R, W, X: a
 * 1 GiB or 2 MiB page, 4.4.1) or points at the next table (V alone). *_bad()
 * is Linux's riscv meaning: not a pointer to a table, where a walk wants one.
 */
static inline bool pgd_none(pgd_t pgd)
{
	return !pgd_val(pgd);
}

static inline bool pgd_present(pgd_t pgd)
{
	return pgd_val(pgd) & _PAGE_PRESENT;
}

static inline bool pgd_leaf(pgd_t pgd)
{
	return pgd_present(pgd) && (pgd_val(pgd) & _PAGE_LEAF);
}

static inline bool pgd_bad(pgd_t pgd)
{
	return !pgd_present(pgd) || (pgd_val(pgd) & _PAGE_LEAF);
}

static inline bool pmd_none(pmd_t pmd)
{
	return !pmd_val(pmd);
}

static inline bool pmd_present(pmd_t pmd)
{
	return pmd_val(pmd) & _PAGE_PRESENT;
}

static inline bool pmd_leaf(pmd_t pmd)
{
	return pmd_present(pmd) && (pmd_val(pmd) & _PAGE_LEAF);
}

static inline bool pmd_bad(pmd_t pmd)
{
	return !pmd_present(pmd) || (pmd_val(pmd) & _PAGE_LEAF);
}

/* The direct-map address of the table a root (middle) entry points at. */
static inline unsigned long pgd_page_vaddr(pgd_t pgd)
{
	return (unsigned long)__va((phys_addr_t)pgd_pfn(pgd) << PAGE_SHIFT);
}

static inline unsigned long pmd_page_vaddr(pmd_t pmd)
{
	return (unsigned long)__va((phys_addr_t)pmd_pfn(pmd) << PAGE_SHIFT);
}

static inline bool pte_none(pte_t pte)
{
	return !pte_val(pte);
}

/*
 * V set: the hardware may use the entry. Linux's riscv pte_present() also
 * counts a PROT_NONE entry; Loam keeps that apart (pte_protnone()), since
 * reclaim and the fault path treat the two differently.
 */
static inline bool pte_present(pte_t pte)
{
	return pte_val(pte) & _PAGE_PRESENT;
}

/* A page kept but made inaccessible by PROT_NONE (_PAGE_PROT_NONE above). */
static inline bool pte_protnone(pte_t pte)
{
	return pte_val(pte) & _PAGE_PROT_NONE;
}

static inline bool pte_write(pte_t pte)
{
	return pte_val(pte) & _PAGE_WRITE;
}

static inline bool pte_dirty(pte_t pte)
{
	return pte_val(pte) & _PAGE_DIRTY;
}

/* @pte read-only (Linux's pte_wrprotect()): D stays, the page's record of a write. */
static inline pte_t pte_wrprotect(pte_t pte)
{
	return __pte(pte_val(pte) & ~_PAGE_WRITE);
}

/* @pte without A (Linux's pte_mkold()). */
static inline pte_t pte_mkold(pte_t pte)
{
	return __pte(pte_val(pte) & ~_PAGE_ACCESSED);
}

static inline bool pte_same(pte_t a, pte_t b)
{
	return pte_val(a) == pte_val(b);
}

/* @pte with the protection @newprot: its page, A and D stay (Linux's pte_modify()). */
static inline pte_t pte_modify(pte_t pte, unsigned long newprot)
{
	return __pte((pte_val(pte) & _PAGE_CHG_MASK) | newprot);
}

/* ---------------------------------------------------- reading, writing */

/*
 * One load or store per entry: the hardware walks the tables concurrently
 * (and sets A and D itself on cores that do, 4.3.1), so an entry is never
 * read or written piecemeal.
 */
static inline pte_t ptep_get(pte_t *ptep)
{
	return READ_ONCE(*ptep);
}

static inline pmd_t pmdp_get(pmd_t *pmdp)
{
	return READ_ONCE(*pmdp);
}

static inline pgd_t pgdp_get(pgd_t *pgdp)
{
	return READ_ONCE(*pgdp);
}

static inline void set_pte(pte_t *ptep, pte_t pte)
{
	WRITE_ONCE(*ptep, pte);
}

/* Linux's signature; @mm and @addr say where, for arches that need it. */
static inline void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep, pte_t pte)
{
	set_pte(ptep, pte);
}

static inline void pte_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	set_pte(ptep, __pte(0));
}

static inline void set_pmd(pmd_t *pmdp, pmd_t pmd)
{
	WRITE_ONCE(*pmdp, pmd);
}

static inline void pmd_clear(pmd_t *pmdp)
{
	set_pmd(pmdp, __pmd(0));
}

static inline void set_pgd(pgd_t *pgdp, pgd_t pgd)
{
	WRITE_ONCE(*pgdp, pgd);
}

static inline void pgd_clear(pgd_t *pgdp)
{
	set_pgd(pgdp, __pgd(0));
}

/*
 * The entry's last value, cleared in one atomic swap: a hart may set A or D
 * (4.3.1) and reclaim clear them (mm/rmap.c) without page_table_lock.
 */
static inline pte_t ptep_get_and_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	return __pte(__atomic_exchange_n(&pte_val(*ptep), 0, __ATOMIC_ACQ_REL));
}

/*
 * A fault found *@ptep lacking A, or D and W: @entry is *@ptep with them
 * added, ORed in atomically so that a D a hart sets meanwhile stays (Linux's
 * ptep_set_access_flags(), which on riscv also only ever adds bits).
 */
static inline void ptep_set_access_flags(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
					 pte_t entry)
{
	__atomic_fetch_or(&pte_val(*ptep), pte_val(entry), __ATOMIC_RELAXED);
}

/* Clear A; was it set? (Linux's ptep_test_and_clear_young(), atomic as riscv's.) */
static inline bool ptep_test_and_clear_young(pte_t *ptep)
{
	return __atomic_fetch_and(&pte_val(*ptep), ~_PAGE_ACCESSED, __ATOMIC_RELAXED) &
	       _PAGE_ACCESSED;
}

/* Clear D; was it set? (What Linux's madvise_free_pte_range() gets from pte_mkclean().) */
static inline bool ptep_test_and_clear_dirty(pte_t *ptep)
{
	return __atomic_fetch_and(&pte_val(*ptep), ~_PAGE_DIRTY, __ATOMIC_RELAXED) & _PAGE_DIRTY;
}

/*
 * Clear W, atomically: the hardware may be setting A or D meanwhile
 * (Linux's riscv ptep_set_wrprotect()). The TLB may still hold W: flush.
 */
static inline void ptep_set_wrprotect(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	__atomic_fetch_and(&pte_val(*ptep), ~_PAGE_WRITE, __ATOMIC_RELAXED);
}

/* *@ptep becomes @new if it still is *@old; else false, with *@old the value found. */
static inline bool ptep_try_cmpxchg(pte_t *ptep, pte_t *old, pte_t new)
{
	return __atomic_compare_exchange_n(&pte_val(*ptep), &pte_val(*old), pte_val(new), false,
					   __ATOMIC_ACQ_REL, __ATOMIC_RELAXED);
}

/* ------------------------------------------------------------- walking */

static inline pgd_t *pgd_offset_pgd(pgd_t *pgd, unsigned long addr)
{
	return pgd + pgd_index(addr);
}

/* The root entry of @addr in @mm's tables, or in the kernel's (swapper_pg_dir). */
#define pgd_offset(mm, addr) pgd_offset_pgd((mm)->pgd, (addr))
#define pgd_offset_k(addr) pgd_offset_pgd(swapper_pg_dir, (addr))

/* The middle entry of @addr under the root entry @pgd, which points at a table. */
static inline pmd_t *pmd_offset(pgd_t *pgd, unsigned long addr)
{
	return (pmd_t *)pgd_page_vaddr(*pgd) + pmd_index(addr);
}

static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long addr)
{
	return (pte_t *)pmd_page_vaddr(*pmd) + pte_index(addr);
}

/*
 * Linux maps a PTE table that may sit in highmem and may fail if the pmd
 * changed under it (a THP collapse). Neither happens here: every table is
 * in the direct map, and tables go only under mmap_lock held for writing,
 * so this is pte_offset_kernel() and pte_unmap() does nothing.
 */
static inline pte_t *pte_offset_map(pmd_t *pmd, unsigned long addr)
{
	return pte_offset_kernel(pmd, addr);
}

static inline void pte_unmap(pte_t *pte)
{
}

extern pgd_t swapper_pg_dir[PTRS_PER_PGD];
extern pgd_t early_pg_dir[PTRS_PER_PGD];
/* The fixmap tables, linked into both early_pg_dir and swapper_pg_dir. */
extern pmd_t fixmap_pmd[PTRS_PER_PMD];
extern pte_t fixmap_pte[PTRS_PER_PTE];

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
 * Map [va, va+size) to [pa, ...) in the page table @pgdp with @prot, in the
 * largest blocks (1 GiB, 2 MiB, 4 KiB) the alignment of va, pa and the size
 * allow where the entry is still free, each one by create_pgd_mapping()
 * (platform/riscv/mm/pgtable.c). Missing tables come from memblock. Returns
 * 0, or -ENOMEM without memory or where a larger leaf is in the way.
 */
int create_mapping_range(pgd_t *pgdp, unsigned long va, phys_addr_t pa, phys_addr_t size,
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
unsigned long ptdump_walk(pgd_t *pgd, bool print);

#endif /* __ASSEMBLER__ */
#endif
