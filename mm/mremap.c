// SPDX-License-Identifier: GPL-2.0
/*
 * mremap(), as Linux 6.12's mm/mremap.c (semantics and errnos from it and
 * mremap(2)): shrink in place (the tail is unmapped), grow in place when
 * the gap after the VMA allows, else (MREMAP_MAYMOVE) move: a copy of the
 * VMA at the new address keeping its vm_pgoff (Linux's copy_vma(), so the
 * anon_vma rmap still finds each page from its index), the PTEs moved table
 * by table (move_page_tables(): present, PROT_NONE, swap and migration entries alike),
 * then the old range unmapped, or left mapped and empty (MREMAP_DONTUNMAP).
 * Loam has no mlock yet: no locked_vm to account (a VM_LOCKED VMA simply
 * keeps its flag).
 */
#include <asm/mmu_context.h>
#include <asm/pgtable.h>
#include <err.h>
#include <fs.h>
#include <rmap.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#include "internal.h"
#include "vma.h"

/* Linux's get_extent(): how much of [old, old_end) fits in both PTE tables. */
static unsigned long get_extent(unsigned long old, unsigned long old_end, unsigned long new)
{
	unsigned long extent = pmd_addr_end(old, old_end) - old;
	unsigned long new_extent = ((new + PMD_SIZE) & PMD_MASK) - new;

	return min(extent, new_extent);
}

/* The address_space whose i_mmap lists @vma: NULL for anonymous memory and files without pages. */
static struct address_space *rmap_mapping(struct vm_area_struct *vma)
{
	return vma->vm_file ? vma->vm_file->f_mapping : NULL;
}

/*
 * Linux's take_rmap_locks() and drop_rmap_locks(): the reverse-map locks
 * of @vma (its file's i_mmap, then its anon_vma's root) held for writing,
 * so that no walk of the reverse map runs while PTEs move between two
 * VMAs. Linux takes them only when a walk could visit the destination
 * before the source (need_rmap_locks); Loam always takes them (mremap is
 * rare, and the order of its lists is not Linux's interval-tree order).
 * A walk that missed a moved migration entry would leave it behind, naming
 * a freed page (mm/migrate.c).
 */
static void take_rmap_locks(struct vm_area_struct *vma)
{
	if (rmap_mapping(vma))
		down_write(&rmap_mapping(vma)->i_mmap_rwsem);
	if (vma->anon_vma)
		down_write(&vma->anon_vma->root->rwsem);
}

static void drop_rmap_locks(struct vm_area_struct *vma)
{
	if (vma->anon_vma)
		up_write(&vma->anon_vma->root->rwsem);
	if (rmap_mapping(vma))
		up_write(&rmap_mapping(vma)->i_mmap_rwsem);
}

/*
 * Linux's move_ptes(): the PTEs of [@old, @old + @len) (inside one table)
 * of @vma move to @new (inside one table), under page_table_lock and the
 * reverse-map locks, so that reclaim and migration see each entry at one
 * place or the other. Swap, migration and PROT_NONE entries move as they
 * are; a page's index stays right (the new VMA kept vm_pgoff).
 */
static void move_ptes(struct vm_area_struct *vma, pmd_t *old_pmd, unsigned long old, pmd_t *new_pmd,
		      unsigned long new, unsigned long len)
{
	pte_t *old_start = pte_offset_map(old_pmd, old), *new_start = pte_offset_map(new_pmd, new);
	pte_t *old_pte = old_start, *new_pte = new_start;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long end = old + len;

	take_rmap_locks(vma);
	spin_lock(&mm->page_table_lock);
	for (; old != end; old_pte++, new_pte++, old += PAGE_SIZE, new += PAGE_SIZE) {
		if (pte_none(ptep_get(old_pte)))
			continue;
		set_pte_at(mm, new, new_pte, ptep_get_and_clear(mm, old, old_pte));
	}
	spin_unlock(&mm->page_table_lock);
	drop_rmap_locks(vma);
	pte_unmap(new_start);
	pte_unmap(old_start);
}

/* The PMD entry of @addr if its table exists, else NULL (Linux's get_old_pmd()). */
static pmd_t *get_old_pmd(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	pmd_t *pmd;

	if (pgd_none(pgdp_get(pgd)) || pgd_bad(pgdp_get(pgd)))
		return NULL;
	pmd = pmd_offset(pgd, addr);
	if (pmd_none(pmdp_get(pmd)) || pmd_bad(pmdp_get(pmd)))
		return NULL;
	return pmd;
}

/* The PMD entry of @addr with a PTE table under it, or NULL (Linux's alloc_new_pmd()). */
static pmd_t *alloc_new_pmd(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = pmd_alloc(mm, pgd_offset(mm, addr), addr);

	if (!pmd || pte_alloc(mm, pmd))
		return NULL;
	return pmd;
}

/*
 * Linux's move_page_tables(): move the entries of [@old, @old + @len) to
 * @new, a PTE table's worth at a time, then flush the TLB of the old
 * addresses. How many bytes moved: less than @len only when a new table
 * found no memory.
 */
static unsigned long move_page_tables(struct vm_area_struct *vma, unsigned long old,
				      unsigned long new, unsigned long len)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long done, extent;
	pmd_t *old_pmd, *new_pmd;

	for (done = 0; done < len; done += extent) {
		extent = get_extent(old + done, old + len, new + done);
		old_pmd = get_old_pmd(mm, old + done);
		if (!old_pmd)
			continue;
		new_pmd = alloc_new_pmd(mm, new + done);
		if (!new_pmd)
			break;
		move_ptes(vma, old_pmd, old + done, new_pmd, new + done, extent);
	}
	flush_tlb_mm(mm);
	return min(done, len);
}

/*
 * Linux's copy_vma() without the merge: a VMA at [@addr, @addr + @len)
 * like @vma, whose page @pgoff it maps first, on @vma's anon_vmas (its
 * pages will be found there). NULL: no memory.
 */
static struct vm_area_struct *copy_vma(struct vm_area_struct *vma, unsigned long addr,
				       unsigned long len, unsigned long pgoff)
{
	struct vm_area_struct *new = vm_area_dup(vma), *prev;

	if (!new)
		return NULL;
	if (anon_vma_clone(new, vma)) {
		vm_area_free(new);
		return NULL;
	}
	new->vm_start = addr;
	new->vm_end = addr + len;
	new->vm_pgoff = pgoff;
	find_vma_prev(vma->vm_mm, addr, &prev);
	vma_link(vma->vm_mm, new, prev);
	return new;
}

/* Undo a copy_vma() whose pages are back at the old place. */
static void remove_copied_vma(struct vm_area_struct *new)
{
	vma_unlink(new);
	vm_area_free(new);
}

/*
 * Linux's move_vma(): [@old, @old + @old_len) of @vma moves to @new_addr
 * (free), @new_len long. The new address, or -ENOMEM with nothing changed.
 */
static long move_vma(struct vm_area_struct *vma, unsigned long old, unsigned long old_len,
		     unsigned long new_len, unsigned long new_addr, unsigned long flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long vm_flags = vma->vm_flags, moved;
	struct vm_area_struct *new;

	/* A split at each end of the old range and the new VMA (Linux keeps 4 in hand). */
	if (mm->map_count >= sysctl_max_map_count - 3)
		return -ENOMEM;
	new = copy_vma(vma, new_addr, new_len, vma_pgoff_at(vma, old));
	if (!new)
		return -ENOMEM;
	moved = move_page_tables(vma, old, new_addr, old_len);
	if (moved < old_len) {
		move_page_tables(new, new_addr, old, moved);
		remove_copied_vma(new);
		return -ENOMEM;
	}
	vm_stat_account(mm, vm_flags, new_len >> PAGE_SHIFT);
	if (flags & MREMAP_DONTUNMAP) {
		/* The old range stays, empty; a whole VMA left empty needs its anon_vmas no more. */
		if (vma->vm_start == old && vma->vm_end == old + old_len)
			unlink_anon_vmas(vma);
		return new_addr;
	}
	/* Its entries are gone: this frees no page, only the VMA and the tables. */
	do_munmap(mm, old, old_len);
	return new_addr;
}

/*
 * Linux's vma_to_resize(): the VMA holding [@addr, @addr + @old_len), if it
 * may become @new_len long; an ERR_PTR otherwise.
 */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm, unsigned long addr,
					    unsigned long old_len, unsigned long new_len)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long pgoff;

	if (!vma || vma->vm_start > addr)
		return ERR_PTR(-EFAULT);
	/* old_len 0 "duplicates" a mapping: meaningless for a private one. */
	if (!old_len && !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE)))
		return ERR_PTR(-EINVAL);
	if (old_len > vma->vm_end - addr)
		return ERR_PTR(-EFAULT);
	if (new_len == old_len)
		return vma;
	pgoff = vma_pgoff_at(vma, addr);
	if (pgoff + (new_len >> PAGE_SHIFT) < pgoff)
		return ERR_PTR(-EINVAL);
	if (!may_expand_vm(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
		return ERR_PTR(-ENOMEM);
	return vma;
}

/* Where a moved mapping may go: get_unmapped_area() with the VMA's sharing. */
static unsigned long mremap_area(struct vm_area_struct *vma, unsigned long addr,
				 unsigned long new_addr, unsigned long new_len, unsigned long flags)
{
	unsigned long map_flags = (vma->vm_flags & VM_MAYSHARE) ? MAP_SHARED : 0;

	if (flags & MREMAP_FIXED)
		map_flags |= MAP_FIXED;
	return get_unmapped_area(vma->vm_mm, new_addr, new_len, vma_pgoff_at(vma, addr), map_flags);
}

/* Linux's mremap_to(): MREMAP_FIXED or MREMAP_DONTUNMAP. */
static long mremap_to(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
		      unsigned long new_addr, unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *vma;
	unsigned long area;
	long ret;

	if (offset_in_page(new_addr) || new_len > mm->task_size ||
	    new_addr > mm->task_size - new_len)
		return -EINVAL;
	/* The two ranges may not overlap. */
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;
	if (mm->map_count + 2 >= sysctl_max_map_count - 3)
		return -ENOMEM;
	if (flags & MREMAP_FIXED) {
		ret = do_munmap(mm, new_addr, new_len);
		if (ret)
			return ret;
	}
	if (old_len > new_len) {
		ret = do_munmap(mm, addr + new_len, old_len - new_len);
		if (ret)
			return ret;
		old_len = new_len;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	/* DONTUNMAP keeps the old range: the address space grows by all of it. */
	if ((flags & MREMAP_DONTUNMAP) && !may_expand_vm(mm, vma->vm_flags, old_len >> PAGE_SHIFT))
		return -ENOMEM;
	area = mremap_area(vma, addr, new_addr, new_len, flags);
	if (IS_ERR_VALUE(area))
		return area;
	return move_vma(vma, addr, old_len, new_len, area, flags);
}

/* Can @vma grow by @delta bytes where it is? (Linux's vma_expandable().) */
static bool vma_expandable(struct vm_area_struct *vma, unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end || end > vma->vm_mm->task_size)
		return false;
	return !vma->vm_next || end <= vm_start_gap(vma->vm_next);
}

/*
 * Linux's vma_merge_extend(): @vma takes in the next @delta bytes (free),
 * and the VMA after them too if it is compatible (vma_merge_new() with
 * @vma as the one before).
 */
static void vma_merge_extend(struct vm_area_struct *vma, unsigned long delta)
{
	unsigned long end = vma->vm_end + delta, flags = vma->vm_flags;

	if (!vma_merge_new(vma->vm_mm, vma, vma->vm_end, end, flags, vma->vm_file,
			   vma_pgoff_at(vma, vma->vm_end)))
		vma_set_bounds(vma, vma->vm_start, end);
	vm_stat_account(vma->vm_mm, flags, delta >> PAGE_SHIFT);
}

/* Grow [@addr, @addr + @old_len) to @new_len: in place, else move if allowed. */
static long mremap_grow(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
			unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *vma = vma_to_resize(mm, addr, old_len, new_len);
	unsigned long delta = new_len - old_len, area;

	if (IS_ERR(vma))
		return PTR_ERR(vma);
	if (old_len == vma->vm_end - addr && vma_expandable(vma, delta)) {
		vma_merge_extend(vma, delta);
		return addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	area = mremap_area(vma, addr, 0, new_len, flags);
	if (IS_ERR_VALUE(area))
		return area;
	return move_vma(vma, addr, old_len, new_len, area, flags);
}

/* mremap()'s work, mmap_lock held; the checks in Linux's order. */
static long do_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
		      unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma || vma->vm_start > addr)
		return -EFAULT;
	/* A sealed VMA neither moves nor changes size (a sealed target: do_munmap()). */
	if (!can_modify_vma(vma))
		return -EPERM;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return mremap_to(mm, addr, old_len, new_addr, new_len, flags);
	/* Shrinking always works: the tail goes (even past this VMA, as in Linux). */
	if (old_len >= new_len) {
		long ret = old_len == new_len ? 0 :
						do_munmap(mm, addr + new_len, old_len - new_len);

		return ret ? ret : (long)addr;
	}
	return mremap_grow(mm, addr, old_len, new_len, flags);
}

long ksys_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
		 unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	long ret;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	/* DONTUNMAP always moves, and never resizes. */
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (offset_in_page(addr))
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;
	mmap_write_lock(mm);
	ret = do_mremap(mm, addr, old_len, new_len, flags, new_addr);
	mmap_write_unlock(mm);
	return ret;
}
