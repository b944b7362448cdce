// SPDX-License-Identifier: GPL-2.0
/*
 * The VMAs of an mm: a red-black tree by address, augmented with the largest
 * free gap of each subtree, and a sorted list for neighbours, as Linux kept
 * them from 3.8 to 6.0 (before the maple tree). Lookups are O(log n);
 * finding a free range is O(log n) too, since subtrees whose largest gap is
 * too small are skipped (get_unmapped_area() in mm/mmap.c).
 *
 * Merging and splitting follow Linux's rules: adjacent VMAs with the same
 * flags are one VMA if they map the same thing contiguously: anonymous
 * memory (no vm_file), or the same struct file (a shmem file, an
 * executable) at consecutive offsets. So the pieces of one shared anonymous
 * mapping merge back, but two such mappings never do (each has its own
 * shmem file). Each VMA holds a reference to its file, and is on the
 * file's reverse map (its address_space's i_mmap, see <fs.h>) while it is
 * in an mm: vma_link() puts it there, vm_area_free() takes it off, so a
 * split, a merge, mremap's copy and fork's copy are all covered.
 *
 * vma_range_walk() is the one walk over the VMAs of a range that madvise
 * and mprotect share.
 */
#include <fs.h>
#include <rmap.h>
#include <slab.h>
#include <uapi/errno.h>

#include "vma.h"

static struct kmem_cache *vm_area_cachep;

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kmem_cache_zalloc(vm_area_cachep, GFP_KERNEL);

	if (vma) {
		vma->vm_mm = mm;
		INIT_LIST_HEAD(&vma->anon_vma_chain);
		INIT_LIST_HEAD(&vma->shared);
	}
	return vma;
}

struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
	struct vm_area_struct *new = vm_area_alloc(orig->vm_mm);

	if (!new)
		return NULL;
	new->vm_start = orig->vm_start;
	new->vm_end = orig->vm_end;
	new->vm_flags = orig->vm_flags;
	new->vm_file = orig->vm_file ? get_file(orig->vm_file) : NULL;
	new->vm_pgoff = orig->vm_pgoff;
	new->vm_ops = orig->vm_ops;
	return new;
}

/* The address_space whose i_mmap @vma goes on: its file's, if the file has pages. */
static struct address_space *vma_mapping(const struct vm_area_struct *vma)
{
	return vma->vm_file ? vma->vm_file->f_mapping : NULL;
}

/* Linux's vma_link_file(): @vma, entering its mm, goes on its file's reverse map. */
static void vma_link_file(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma_mapping(vma);

	if (!mapping)
		return;
	down_write(&mapping->i_mmap_rwsem);
	list_add_tail(&vma->shared, &mapping->i_mmap);
	up_write(&mapping->i_mmap_rwsem);
}

/* Linux's unlink_file_vma(): off the reverse map, if it was ever linked. */
static void unlink_file_vma(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma_mapping(vma);

	if (!mapping || list_empty(&vma->shared))
		return;
	down_write(&mapping->i_mmap_rwsem);
	list_del_init(&vma->shared);
	up_write(&mapping->i_mmap_rwsem);
}

void vm_area_free(struct vm_area_struct *vma)
{
	/* Its pages are unmapped by now: reclaim must not find it any more. */
	unlink_anon_vmas(vma);
	unlink_file_vma(vma);
	if (vma->vm_file)
		fput(vma->vm_file);
	kmem_cache_free(vm_area_cachep, vma);
}

void vm_area_cache_init(void)
{
	vm_area_cachep = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct), 0,
					   SLAB_PANIC, NULL);
}

/* ------------------------------------------------------- the gap tree */

#define vma_of(node) rb_entry(node, struct vm_area_struct, vm_rb)

/* The free gap below @vma, down to the previous VMA (guard gaps taken off). */
static unsigned long vma_gap(const struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_prev ? vm_end_gap(vma->vm_prev) : 0;
	unsigned long end = vm_start_gap(vma);

	return end > start ? end - start : 0;
}

static unsigned long vma_subtree_gap(const struct vm_area_struct *vma)
{
	unsigned long gap = vma_gap(vma);
	const struct rb_node *l = vma->vm_rb.rb_left, *r = vma->vm_rb.rb_right;

	if (l && vma_of(l)->rb_subtree_gap > gap)
		gap = vma_of(l)->rb_subtree_gap;
	if (r && vma_of(r)->rb_subtree_gap > gap)
		gap = vma_of(r)->rb_subtree_gap;
	return gap;
}

/*
 * No early stop when a value comes out unchanged: after an erase the node
 * that took the erased one's place holds a copied value that may be stale
 * above such a point. The paths are O(log n) long anyway.
 */
static void vma_gap_propagate(struct rb_node *node, struct rb_node *stop)
{
	for (; node != stop; node = rb_parent(node))
		vma_of(node)->rb_subtree_gap = vma_subtree_gap(vma_of(node));
}

static void vma_gap_copy(struct rb_node *old, struct rb_node *new)
{
	vma_of(new)->rb_subtree_gap = vma_of(old)->rb_subtree_gap;
}

static void vma_gap_rotate(struct rb_node *old, struct rb_node *new)
{
	vma_of(new)->rb_subtree_gap = vma_of(old)->rb_subtree_gap;
	vma_of(old)->rb_subtree_gap = vma_subtree_gap(vma_of(old));
}

static const struct rb_augment_callbacks vma_gap_callbacks = {
	.propagate = vma_gap_propagate,
	.copy = vma_gap_copy,
	.rotate = vma_gap_rotate,
};

/* @vma's own gap changed (its start, or the end of the VMA before it). */
static void vma_gap_update(struct vm_area_struct *vma)
{
	vma_gap_propagate(&vma->vm_rb, NULL);
}

/* The end of the last VMA, or its successor's gap, follow a change of @vma's end. */
static void vma_next_gap_update(struct mm_struct *mm, struct vm_area_struct *vma)
{
	if (vma->vm_next)
		vma_gap_update(vma->vm_next);
	else
		mm->highest_vm_end = vm_end_gap(vma);
}

void vma_link(struct mm_struct *mm, struct vm_area_struct *vma, struct vm_area_struct *prev)
{
	struct vm_area_struct *next = prev ? prev->vm_next : mm->mmap;
	struct rb_node **link, *parent;

	vma->vm_prev = prev;
	vma->vm_next = next;
	if (prev)
		prev->vm_next = vma;
	else
		mm->mmap = vma;
	if (next)
		next->vm_prev = vma;

	/*
	 * The new node goes right after @prev in order: as next's left child
	 * if it has none, else as prev's right child (which is free: a right
	 * subtree of prev would hold next as its leftmost node, without a
	 * left child).
	 */
	if (next && !next->vm_rb.rb_left) {
		parent = &next->vm_rb;
		link = &parent->rb_left;
	} else if (prev) {
		parent = &prev->vm_rb;
		link = &parent->rb_right;
	} else {
		parent = NULL;
		link = &mm->mm_rb.rb_node;
	}
	rb_link_node(&vma->vm_rb, parent, link);
	vma_gap_update(vma);
	rb_insert_augmented(&vma->vm_rb, &mm->mm_rb, &vma_gap_callbacks);
	vma_next_gap_update(mm, vma);
	mm->map_count++;
	vma_link_file(vma);
}

void vma_unlink(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *prev = vma->vm_prev, *next = vma->vm_next;

	if (prev)
		prev->vm_next = next;
	else
		mm->mmap = next;
	if (next)
		next->vm_prev = prev;
	rb_erase_augmented(&vma->vm_rb, &mm->mm_rb, &vma_gap_callbacks);
	if (next)
		vma_gap_update(next);
	else
		mm->highest_vm_end = prev ? vm_end_gap(prev) : 0;
	mm->map_count--;
}

void vma_set_bounds(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct address_space *mapping = list_empty(&vma->shared) ? NULL : vma_mapping(vma);

	/* A walk of the file's reverse map sees the old bounds or the new ones (Linux's vma_prepare()). */
	if (mapping)
		down_write(&mapping->i_mmap_rwsem);
	/* vm_pgoff is where vm_start lies in the file: it moves with it. */
	if (start < vma->vm_start)
		vma->vm_pgoff -= (vma->vm_start - start) >> PAGE_SHIFT;
	else
		vma->vm_pgoff += (start - vma->vm_start) >> PAGE_SHIFT;
	vma->vm_start = start;
	vma->vm_end = end;
	if (mapping)
		up_write(&mapping->i_mmap_rwsem);
	vma_gap_update(vma);
	vma_next_gap_update(vma->vm_mm, vma);
}

/* ------------------------------------------------------------ lookups */

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *node = mm->mm_rb.rb_node;
	struct vm_area_struct *found = NULL;

	while (node) {
		struct vm_area_struct *vma = vma_of(node);

		if (vma->vm_end > addr) {
			found = vma;
			if (vma->vm_start <= addr)
				break;
			node = node->rb_left;
		} else {
			node = node->rb_right;
		}
	}
	return found;
}

struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (vma) {
		*pprev = vma->vm_prev;
	} else {
		struct rb_node *last = rb_last(&mm->mm_rb);

		*pprev = last ? vma_of(last) : NULL;
	}
	return vma;
}

struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return vma && vma->vm_start < end ? vma : NULL;
}

/* ------------------------------------------------- splitting, merging */

struct vm_area_struct *split_vma(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *new = vm_area_dup(vma);

	if (!new)
		return NULL;
	/* Both halves may map pages of the same anon_vmas. */
	if (anon_vma_clone(new, vma)) {
		vm_area_free(new);
		return NULL;
	}
	new->vm_start = addr;
	new->vm_pgoff = vma_pgoff_at(vma, addr);
	/* Linked before @vma shrinks: a walk of the file's reverse map always finds the range. */
	vma_link(vma->vm_mm, new, vma);
	vma_set_bounds(vma, vma->vm_start, addr);
	return new;
}

/*
 * Can @vma take in the pages of anon_vma @anon_vma (NULL: none)? Only if
 * they are its own already (Linux's is_mergeable_anon_vma(); where @vma has
 * none, Linux gives it @anon_vma's chains, dup_anon_vma(): Loam keeps the
 * two apart, so a merge never needs memory).
 */
static bool anon_vma_fits(const struct vm_area_struct *vma, const struct anon_vma *anon_vma)
{
	return !anon_vma || vma->anon_vma == anon_vma;
}

/*
 * Can @vma take in a neighbouring range of @flags mapping @file from @pgoff
 * (the page at the range's start), with anonymous pages of @anon_vma?
 * @after: the range comes after @vma, of @pages pages (Linux's
 * is_mergeable_vma() with can_vma_merge_after() and _before()). Shared
 * memory without a file is never merged: it gets its own shmem object.
 * Anonymous VMAs' vm_pgoff is linear, so the offsets check holds for them
 * too.
 */
static bool vma_can_merge(const struct vm_area_struct *vma, unsigned long flags, struct file *file,
			  unsigned long pgoff, bool after, unsigned long pages,
			  const struct anon_vma *anon_vma)
{
	if (vma->vm_flags != flags || vma->vm_file != file || ((flags & VM_SHARED) && !file))
		return false;
	if (!anon_vma_fits(vma, anon_vma))
		return false;
	return after ? vma->vm_pgoff + vma_pages(vma) == pgoff : pgoff + pages == vma->vm_pgoff;
}

/* @vma merged into a neighbour: out of the tree, freed. */
static void vma_remove(struct vm_area_struct *vma)
{
	vma_unlink(vma);
	vm_area_free(vma);
}

struct vm_area_struct *vma_merge_new(struct mm_struct *mm, struct vm_area_struct *prev,
				     unsigned long start, unsigned long end, unsigned long flags,
				     struct file *file, unsigned long pgoff)
{
	struct vm_area_struct *next = prev ? prev->vm_next : mm->mmap;
	unsigned long pages = (end - start) >> PAGE_SHIFT;
	bool merge_prev = prev && prev->vm_end == start &&
			  vma_can_merge(prev, flags, file, pgoff, true, pages, NULL);
	bool merge_next = next && next->vm_start == end &&
			  vma_can_merge(next, flags, file, pgoff, false, pages, NULL);

	/* prev takes in next's pages too. */
	if (merge_prev && merge_next && !anon_vma_fits(prev, next->anon_vma))
		merge_next = false;
	/* prev grows before next goes: a reverse-map walk always finds next's pages. */
	if (merge_prev && merge_next) {
		vma_set_bounds(prev, prev->vm_start, next->vm_end);
		vma_remove(next);
		return prev;
	}
	if (merge_prev) {
		vma_set_bounds(prev, prev->vm_start, end);
		return prev;
	}
	if (merge_next) {
		vma_set_bounds(next, start, next->vm_end);
		return next;
	}
	return NULL;
}

struct vm_area_struct *vma_modify_flags(struct vm_area_struct *vma, unsigned long start,
					unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *prev = vma->vm_prev, *next = vma->vm_next;
	bool merge_prev, merge_next;

	if (vma->vm_flags == newflags)
		return vma;
	merge_prev = start == vma->vm_start && prev && prev->vm_end == start &&
		     vma_can_merge(prev, newflags, vma->vm_file, vma_pgoff_at(vma, start), true,
				   (end - start) >> PAGE_SHIFT, vma->anon_vma);
	merge_next = end == vma->vm_end && next && next->vm_start == end &&
		     vma_can_merge(next, newflags, vma->vm_file, vma_pgoff_at(vma, start), false,
				   (end - start) >> PAGE_SHIFT, vma->anon_vma);
	if (merge_prev && merge_next && !anon_vma_fits(prev, next->anon_vma))
		merge_next = false;

	/*
	 * The VMA taking a range in grows before the one giving it shrinks or
	 * goes, so that a walk of a file's reverse map always finds the pages
	 * there (it may see them twice for a moment).
	 */
	if (merge_prev && merge_next) {
		/* The range is all of @vma: prev swallows it and next. */
		vma_set_bounds(prev, prev->vm_start, next->vm_end);
		vma_remove(vma);
		vma_remove(next);
		return prev;
	}
	if (merge_prev) {
		vma_set_bounds(prev, prev->vm_start, end);
		if (end == vma->vm_end)
			vma_remove(vma);
		else
			vma_set_bounds(vma, end, vma->vm_end);
		return prev;
	}
	if (merge_next) {
		vma_set_bounds(next, start, next->vm_end);
		if (start == vma->vm_start)
			vma_remove(vma);
		else
			vma_set_bounds(vma, vma->vm_start, start);
		return next;
	}

	/*
	 * Splitting at both ends adds two VMAs: check the limit for both
	 * first, so that a failure changes nothing (Linux checks before each
	 * split and may leave the first one done).
	 */
	if (mm->map_count + (start != vma->vm_start) + (end != vma->vm_end) > sysctl_max_map_count)
		return NULL;
	if (start != vma->vm_start) {
		struct vm_area_struct *upper = split_vma(vma, start);

		if (!upper)
			return NULL;
		vma = upper;
	}
	if (end != vma->vm_end && !split_vma(vma, end))
		return NULL;
	vma->vm_flags = newflags;
	return vma;
}

/*
 * The walk of madvise (Linux's madvise_walk_vmas()) and of mprotect (the
 * loop of do_mprotect_pkey()) over the VMAs of a range, with the hole rule
 * of each.
 */
int vma_range_walk(struct mm_struct *mm, unsigned long start, unsigned long end,
		   enum vma_hole_policy hole, vma_walk_fn fn, void *arg)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	int err, unmapped_error = 0;

	for (;;) {
		unsigned long piece_end;

		if (!vma)
			return -ENOMEM;
		if (start < vma->vm_start) {
			if (hole == VMA_HOLE_STOP)
				return -ENOMEM;
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				return unmapped_error;
		}
		piece_end = min(vma->vm_end, end);
		err = fn(&vma, start, piece_end, arg);
		if (err)
			return err;
		start = piece_end;
		if (start >= end)
			return unmapped_error;
		/* A merge with the next VMA may already cover the next piece. */
		if (vma->vm_end <= start)
			vma = vma->vm_next;
	}
}
