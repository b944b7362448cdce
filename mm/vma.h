/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What mm/mmap.c, mm/mprotect.c and mm/madvise.c share about VMAs (Linux's
 * mm/vma.h): the tree and list, gaps, merging and splitting, accounting.
 * Everything here runs with mm->mmap_lock held.
 */
#ifndef LOAM_MM_VMA_H
#define LOAM_MM_VMA_H

#include <mmap.h>

/* Addresses and errors share a return value, as in Linux's <linux/err.h>. */
#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)
#define offset_in_page(p) ((unsigned long)(p) & ~PAGE_MASK)

/* vm_area_cachep: vma_cache_init() creates it at boot. */
void vm_area_cache_init(void);
/* A zeroed VMA of @mm, its anon_vma_chain list empty. */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
/*
 * A copy of @orig's range, flags, file (one more reference) and offset,
 * for @orig's mm (fork() moves it): no anon_vma, no chains, not linked.
 */
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig);
/* Free @vma (out of its mm, its pages unmapped): off its anon_vmas, its file put. */
void vm_area_free(struct vm_area_struct *vma);

/* The lowest address a stack VMA's guard gap leaves free below it (0 if it underflows). */
static inline unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_start;

	if (vma->vm_flags & VM_GROWSDOWN) {
		start -= STACK_GUARD_GAP;
		if (start > vma->vm_start)
			start = 0;
	}
	return start;
}

/* No RISC-V VMA grows up: the end needs no gap. */
static inline unsigned long vm_end_gap(const struct vm_area_struct *vma)
{
	return vma->vm_end;
}

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

/* Where @addr (inside @vma) lies in the VMA's file, in pages (Linux's linear_page_index()). */
static inline unsigned long vma_pgoff_at(const struct vm_area_struct *vma, unsigned long addr)
{
	return vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
}

/* Linux's classes of mappings, for the counters and RLIMIT_DATA. */
static inline bool is_data_mapping(unsigned long flags)
{
	return (flags & (VM_WRITE | VM_SHARED | VM_STACK)) == VM_WRITE;
}

static inline bool is_stack_mapping(unsigned long flags)
{
	return (flags & VM_STACK) == VM_STACK;
}

static inline bool is_exec_mapping(unsigned long flags)
{
	return (flags & (VM_EXEC | VM_WRITE | VM_STACK)) == VM_EXEC;
}

/*
 * Linux charges private writable memory to the commit count (VM_ACCOUNT).
 * Loam keeps no commit count but the flag, so that merging behaves the same;
 * it is a function of the other flags (Linux keeps it on a VMA made
 * read-only once it had pages: Loam has no anon_vma to tell).
 */
static inline unsigned long vm_account_flag(unsigned long flags)
{
	return (flags & (VM_WRITE | VM_SHARED | VM_NORESERVE)) == VM_WRITE ? VM_ACCOUNT : 0;
}

/* Add @npages (negative: remove) to the counters of the classes of @flags. */
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages);
/* May @mm map @npages more pages of @flags under RLIMIT_AS and RLIMIT_DATA? */
bool may_expand_vm(struct mm_struct *mm, unsigned long flags, unsigned long npages);
/* The heuristic overcommit check (OVERCOMMIT_GUESS): 0 or -ENOMEM. */
int vm_enough_memory(unsigned long pages);

/* Put @vma (bounds set, not overlapping any) in @mm after @prev (NULL: first). */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma, struct vm_area_struct *prev);
/* Take @vma out of its mm (it is not freed). */
void vma_unlink(struct vm_area_struct *vma);
/* Change @vma's bounds (no overlap, order kept) and the gaps that depend on them. */
void vma_set_bounds(struct vm_area_struct *vma, unsigned long start, unsigned long end);

/*
 * Split @vma at @addr (strictly inside, page aligned): @vma keeps
 * [vm_start, addr), the new VMA returned gets [addr, vm_end). NULL: no
 * memory (nothing changed).
 */
struct vm_area_struct *split_vma(struct vm_area_struct *vma, unsigned long addr);

/*
 * A new range [@start, @end) of @flags, mapping @file from page @pgoff
 * (NULL: anonymous), in the hole after @prev (NULL: before the first VMA):
 * extend @prev and/or the VMA after it if they are adjacent and compatible
 * (merging all three if both are). The VMA now covering the range, or NULL
 * if neither neighbour fits.
 */
struct vm_area_struct *vma_merge_new(struct mm_struct *mm, struct vm_area_struct *prev,
				     unsigned long start, unsigned long end, unsigned long flags,
				     struct file *file, unsigned long pgoff);

/*
 * Give [@start, @end), inside @vma, the flags @newflags: merge into the
 * neighbours when compatible, else split off the range. The VMA now
 * covering the range, or NULL if a split found no memory or passed
 * sysctl_max_map_count (nothing changed then).
 */
struct vm_area_struct *vma_modify_flags(struct vm_area_struct *vma, unsigned long start,
					unsigned long end, unsigned long newflags);

/* What vma_range_walk() does at a hole (no VMA) inside the range. */
enum vma_hole_policy {
	VMA_HOLE_SKIP, /* madvise: go on with the next VMA, -ENOMEM at the end */
	VMA_HOLE_STOP, /* mprotect: stop there with -ENOMEM, keeping what was done */
};

/*
 * Called by vma_range_walk() for [@start, @end), inside *@vmap: 0 or an
 * errno, which ends the walk. It may merge or split the VMA; it leaves in
 * *@vmap the VMA that now covers the piece.
 */
typedef int (*vma_walk_fn)(struct vm_area_struct **vmap, unsigned long start, unsigned long end,
			   void *arg);

/*
 * Call @fn, with @arg, on each piece of [@start, @end) (page aligned, not
 * empty) that one VMA of @mm maps, in address order; holes as @hole says.
 * The first error of @fn is the answer, then a hole's -ENOMEM, else 0.
 */
int vma_range_walk(struct mm_struct *mm, unsigned long start, unsigned long end,
		   enum vma_hole_policy hole, vma_walk_fn fn, void *arg);

/*
 * May @vma be unmapped, moved, resized or reprotected? Not once mseal()
 * sealed it (Linux's can_modify_vma(); mm/mseal.c).
 */
static inline bool can_modify_vma(const struct vm_area_struct *vma)
{
	return !(vma->vm_flags & VM_SEALED);
}

/*
 * May madvise(@behavior) act on @vma? Not advice that discards pages
 * (MADV_DONTNEED, MADV_FREE, MADV_REMOVE, MADV_DONTFORK, MADV_WIPEONFORK,
 * ...) on a sealed VMA of private anonymous memory without VM_WRITE
 * (Linux's can_modify_vma_madv(), mm/mseal.c).
 */
bool can_modify_vma_madv(struct vm_area_struct *vma, int behavior);

/* munmap's work (mmap_lock held): 0, -EINVAL, -EPERM (sealed) or -ENOMEM (map count). */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);

#endif
