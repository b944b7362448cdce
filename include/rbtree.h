/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Red-black trees with Linux's API (include/linux/rbtree.h), written from the
 * textbook algorithm (Cormen, Leiserson, Rivest, Stein, "Introduction to
 * Algorithms", chapter 13). As in Linux the tree is intrusive and knows no
 * keys: the caller walks down to the leaf where a node belongs, links it with
 * rb_link_node() and lets rb_insert_color() rebalance:
 *
 *	struct rb_node **link = &root->rb_node, *parent = NULL;
 *
 *	while (*link) {
 *		parent = *link;
 *		link = key < rb_entry(parent, struct thing, node)->key ?
 *			&parent->rb_left : &parent->rb_right;
 *	}
 *	rb_link_node(&new->node, parent, link);
 *	rb_insert_color(&new->node, root);
 *
 * The parent pointer and the colour share a word (nodes are word aligned, so
 * bit 0 is free), which keeps a node at three words, as in Linux.
 *
 * Augmented trees keep a value per node computed from its subtree (the VMA
 * tree keeps the largest free gap, see mm/vma.c); the callbacks recompute it
 * where the tree's shape changes, as Linux's rb_augment_callbacks do.
 */
#ifndef LOAM_RBTREE_H
#define LOAM_RBTREE_H

#include <kernel.h>

struct rb_node {
	unsigned long __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __aligned(sizeof(long));

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_RED 0
#define RB_BLACK 1

#define RB_ROOT          \
	(struct rb_root) \
	{                \
		NULL,    \
	}

#define rb_parent(r) ((struct rb_node *)((r)->__rb_parent_color & ~3UL))
#define rb_color(r) ((r)->__rb_parent_color & 1)
#define rb_entry(ptr, type, member) container_of(ptr, type, member)
#define rb_entry_safe(ptr, type, member) ((ptr) ? rb_entry(ptr, type, member) : NULL)
#define RB_EMPTY_ROOT(root) (READ_ONCE((root)->rb_node) == NULL)

/* Put @node, a new red leaf, in the empty slot @rb_link under @parent. */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent; /* red */
	node->rb_left = node->rb_right = NULL;
	*rb_link = node;
}

/* Restore the red-black properties after rb_link_node(). */
void rb_insert_color(struct rb_node *node, struct rb_root *root);
/* Take @node out of the tree (it may be linked again afterwards). */
void rb_erase(struct rb_node *node, struct rb_root *root);

/* In-order neighbours and ends; NULL past the ends or in an empty tree. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/*
 * Augmented trees. @propagate recomputes the value of @node and of its
 * ancestors up to (not including) @stop, NULL meaning the root inclusive.
 * @copy gives @new the value @old had (@new takes @old's place). @rotate is
 * called after @new became the parent of @old by a rotation: @new takes
 * @old's former value (same subtree), @old is recomputed.
 */
struct rb_augment_callbacks {
	void (*propagate)(struct rb_node *node, struct rb_node *stop);
	void (*copy)(struct rb_node *old, struct rb_node *new);
	void (*rotate)(struct rb_node *old, struct rb_node *new);
};

/*
 * As Linux: before rb_insert_augmented() the caller links the node and
 * brings the values on the path from it to the root up to date.
 */
void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment);
/* Erase and recompute every value the removal changed. */
void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *augment);

#endif
