/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Migration entries, as Linux's include/linux/swapops.h: while
 * migrate_pages() (mm/migrate.c) moves a page, each PTE that mapped it
 * holds a swap entry of type SWP_MIGRATION_READ or SWP_MIGRATION_WRITE
 * (<swap.h>: the types above the swap areas') whose offset is the page's
 * pfn. A fault that meets one waits until the page lock is released
 * (migration_entry_wait()) and tries again; remove_migration_ptes() turns
 * each entry back into a PTE, of the new page or, if the move failed, of
 * the old one.
 *
 * The entry keeps what the PTE said: write (the type), A and D (two bits
 * above the pfn, Linux's SWP_MIG_YOUNG_BIT and SWP_MIG_DIRTY_BIT, which
 * Linux keeps wherever migration_entry_supports_ad(): Sv39's 44-bit PPN
 * leaves room). Linux 6.12 has no soft-dirty bit on riscv64 and Loam no
 * userfaultfd, so there is nothing more to keep.
 */
#ifndef LOAM_SWAPOPS_H
#define LOAM_SWAPOPS_H

#include <mm.h>
#include <swap.h>

/* Linux's SWP_PFN_BITS: MAX_PHYSMEM_BITS (56 on riscv64) - PAGE_SHIFT, the PPN's 44 bits. */
#define SWP_PFN_BITS 44
#define SWP_PFN_MASK ((1UL << SWP_PFN_BITS) - 1)
#define SWP_MIG_YOUNG_BIT SWP_PFN_BITS
#define SWP_MIG_DIRTY_BIT (SWP_PFN_BITS + 1)
#define SWP_MIG_YOUNG (1UL << SWP_MIG_YOUNG_BIT)
#define SWP_MIG_DIRTY (1UL << SWP_MIG_DIRTY_BIT)

_Static_assert(SWP_MIG_DIRTY_BIT < __SWP_OFFSET_BITS, "a migration entry must fit a swap PTE");

/* Is @entry a migration entry rather than a swap area's (Linux's non_swap_entry())? */
static inline bool non_swap_entry(swp_entry_t entry)
{
	return swp_type(entry) >= MAX_SWAPFILES;
}

static inline bool is_migration_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_MIGRATION_READ ||
	       swp_type(entry) == SWP_MIGRATION_READ_EXCLUSIVE ||
	       swp_type(entry) == SWP_MIGRATION_WRITE;
}

static inline bool is_writable_migration_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_MIGRATION_WRITE;
}

static inline swp_entry_t make_readable_migration_entry(unsigned long offset)
{
	return swp_entry(SWP_MIGRATION_READ, offset);
}

static inline swp_entry_t make_writable_migration_entry(unsigned long offset)
{
	return swp_entry(SWP_MIGRATION_WRITE, offset);
}

static inline swp_entry_t make_migration_entry_young(swp_entry_t entry)
{
	return swp_entry(swp_type(entry), swp_offset(entry) | SWP_MIG_YOUNG);
}

static inline bool is_migration_entry_young(swp_entry_t entry)
{
	return swp_offset(entry) & SWP_MIG_YOUNG;
}

static inline swp_entry_t make_migration_entry_dirty(swp_entry_t entry)
{
	return swp_entry(swp_type(entry), swp_offset(entry) | SWP_MIG_DIRTY);
}

static inline bool is_migration_entry_dirty(swp_entry_t entry)
{
	return swp_offset(entry) & SWP_MIG_DIRTY;
}

/* The pfn a migration entry names, without its A and D bits (Linux's swp_offset_pfn()). */
static inline unsigned long swp_offset_pfn(swp_entry_t entry)
{
	return swp_offset(entry) & SWP_PFN_MASK;
}

/* The page being migrated (Linux's pfn_swap_entry_to_page()). */
static inline struct page *pfn_swap_entry_to_page(swp_entry_t entry)
{
	return pfn_to_page(swp_offset_pfn(entry));
}

/* Is @pte a migration entry (Linux's is_migration_entry(pte_to_swp_entry()) after is_swap_pte())? */
static inline bool is_migration_pte(pte_t pte)
{
	return is_swap_pte(pte) && is_migration_entry(pte_to_swp_entry(pte));
}

/*
 * mm/migrate.c: a fault met the migration entry @ptep of @mm held: wait
 * until the move is done (the page lock of the page it names is
 * released), then return; the caller faults again. Linux's
 * migration_entry_wait() takes the pmd and the address; Loam's fault path
 * has the PTE at hand. mmap_lock held for reading, no spinlock.
 */
void migration_entry_wait(struct mm_struct *mm, pte_t *ptep);

/*
 * mm/filemap.c (Linux's): *@ptl held and the PTE seen holding @entry under
 * it: sleep until the page @entry names is unlocked, dropping *@ptl. No
 * reference is taken: the entry keeps the page from being freed while
 * *@ptl is held, and the page's first unlock after we are queued wakes us.
 */
void migration_entry_wait_on_locked(swp_entry_t entry, spinlock_t *ptl);

#endif
