/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the host tests of the whole memory manager (test_mmap.c,
 * test_memory.c, test_reclaim.c): a log of the calls of the page-table
 * hooks of <mmap.h> (mm/memory.c's, reached through the linker's --wrap);
 * a page fault as the kernel's handler takes it; and a checker of every
 * invariant of an mm (tree, list, gaps, counters, and the Sv39 tables
 * mm/memory.c built against the VMAs).
 */
#ifndef MMAP_HELPERS_H
#define MMAP_HELPERS_H

#include <mmap.h>
#include <uapi/errno.h>

#include "../../mm/vma.h" /* vma_pages(), IS_ERR_VALUE(), offset_in_page() */
#include "mmu_fakes.h"
#include "slub_helpers.h"

/* Boot @mem bytes, SLUB, the VMA caches and the zero page (once per program). */
void mf_boot(unsigned long mem);

/* One recorded hook call. */
enum mf_hook { MF_ZAP, MF_FREE_PGD, MF_POPULATE };
struct mf_call {
	enum mf_hook hook;
	unsigned long a, b, c, d; /* start, end, then floor, ceiling or newflags */
};
#define MF_MAX_CALLS 64
extern struct mf_call mf_calls[MF_MAX_CALLS];
extern int mf_nr_calls; /* all calls since mf_log_reset(), even past MF_MAX_CALLS */
void mf_log_reset(void);

/* populate_vma_range() fails with -ENOMEM, populating nothing, while set (before the real one). */
extern bool mf_populate_fails;

/* A page fault at @addr as platform/riscv/mm/fault.c takes it: 0, or -EFAULT (SIGSEGV). */
int mf_touch(struct mm_struct *mm, unsigned long addr, bool write);
/*
 * Is a page mapped at @addr, and with which VM_READ|WRITE|EXEC bits as its
 * PTE allows them (0: kept through PROT_NONE; -1: none, or swapped out)?
 */
int mf_pte_prot(struct mm_struct *mm, unsigned long addr);

/*
 * Descriptor 3: mf_file, open read-only, whose mmap method sets vm_ops to
 * mf_file_vm_ops; 4: mf_proc, open read-only, whose mmap says -EIO (a /proc
 * report's). Each starts with one reference, the descriptor's.
 */
extern struct file mf_file, mf_proc;
extern const struct vm_operations_struct mf_file_vm_ops;

/*
 * Descriptor 5: what get_unused_fd_flags() offers and fd_install() fills
 * (memfd_create()'s file), NULL while free; a test that takes it closes it
 * with fput() and sets mf_installed back to NULL.
 */
#define MF_INSTALLED_FD 5
extern struct file *mf_installed;

/* A user pointer the fake user-copy helpers refuse (mincore's -EFAULT). */
#define MF_BAD_USER_PTR ((unsigned char *)8)

/* Every invariant of @mm (a cmocka failure on the first broken one). */
void mf_check(struct mm_struct *mm);

/* The VMAs as a list of [start, end, flags]; returns how many (at most @max). */
struct mf_vma {
	unsigned long start, end, flags;
};
int mf_vmas(struct mm_struct *mm, struct mf_vma *out, int max);

/* Flags an anonymous private mapping of @prot gets (VM_ACCOUNT when writable). */
static inline unsigned long mf_anon_flags(unsigned long prot)
{
	unsigned long f = prot | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

	return (prot & PROT_WRITE) ? f | VM_ACCOUNT : f;
}

#endif
