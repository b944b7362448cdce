// SPDX-License-Identifier: GPL-2.0
/*
 * Red-black trees, after CLRS chapter 13 (RB-INSERT-FIXUP, RB-TRANSPLANT,
 * RB-DELETE, RB-DELETE-FIXUP). The textbook's sentinel T.nil is a NULL
 * pointer here: a NULL child counts as black, and the deletion fixup carries
 * the parent of x along, since a NULL x cannot say where it is.
 *
 * The properties kept: every node is red or black, the root is black, a red
 * node has no red child, and every path from a node down to a NULL child
 * meets the same number of black nodes; so the height is at most
 * 2 log2(n + 1) and every operation is O(log n).
 */
#include <rbtree.h>

static inline void rb_set_parent(struct rb_node *node, struct rb_node *parent)
{
	node->__rb_parent_color = rb_color(node) | (unsigned long)parent;
}

static inline void rb_set_color(struct rb_node *node, unsigned long color)
{
	node->__rb_parent_color = (node->__rb_parent_color & ~1UL) | color;
}

/* NULL children are CLRS's black T.nil. */
static inline bool rb_is_red(const struct rb_node *node)
{
	return node && rb_color(node) == RB_RED;
}

static inline bool rb_is_black(const struct rb_node *node)
{
	return !rb_is_red(node);
}

/* Make @new take @old's place under @parent (or as the root). */
static void rb_change_child(struct rb_node *parent, struct rb_node *old, struct rb_node *new,
			    struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/* CLRS LEFT-ROTATE: @x's right child becomes @x's parent. */
static void rb_rotate_left(struct rb_node *x, struct rb_root *root,
			   const struct rb_augment_callbacks *augment)
{
	struct rb_node *y = x->rb_right, *parent = rb_parent(x);

	x->rb_right = y->rb_left;
	if (y->rb_left)
		rb_set_parent(y->rb_left, x);
	rb_set_parent(y, parent);
	rb_change_child(parent, x, y, root);
	y->rb_left = x;
	rb_set_parent(x, y);
	augment->rotate(x, y);
}

/* CLRS RIGHT-ROTATE, the mirror image. */
static void rb_rotate_right(struct rb_node *x, struct rb_root *root,
			    const struct rb_augment_callbacks *augment)
{
	struct rb_node *y = x->rb_left, *parent = rb_parent(x);

	x->rb_left = y->rb_right;
	if (y->rb_right)
		rb_set_parent(y->rb_right, x);
	rb_set_parent(y, parent);
	rb_change_child(parent, x, y, root);
	y->rb_right = x;
	rb_set_parent(x, y);
	augment->rotate(x, y);
}

static void dummy_propagate(struct rb_node *node, struct rb_node *stop)
{
}

static void dummy_copy(struct rb_node *old, struct rb_node *new)
{
}

static void dummy_rotate(struct rb_node *old, struct rb_node *new)
{
}

static const struct rb_augment_callbacks dummy_callbacks = {
	.propagate = dummy_propagate,
	.copy = dummy_copy,
	.rotate = dummy_rotate,
};

/*
 * RB-INSERT-FIXUP: the new node is red, so only "no red child of a red node"
 * can be broken, between @z and its parent. A red uncle: recolour and move
 * the problem two levels up (case 1). A black uncle: at most two rotations
 * end it (cases 2 and 3).
 */
void rb_insert_augmented(struct rb_node *z, struct rb_root *root,
			 const struct rb_augment_callbacks *augment)
{
	struct rb_node *parent, *gparent, *uncle;

	while ((parent = rb_parent(z)) && rb_is_red(parent)) {
		/* A red parent is not the root: the grandparent exists. */
		gparent = rb_parent(parent);
		if (parent == gparent->rb_left) {
			uncle = gparent->rb_right;
			if (rb_is_red(uncle)) {
				rb_set_color(parent, RB_BLACK);
				rb_set_color(uncle, RB_BLACK);
				rb_set_color(gparent, RB_RED);
				z = gparent;
				continue;
			}
			if (z == parent->rb_right) {
				z = parent;
				rb_rotate_left(z, root, augment);
				parent = rb_parent(z);
			}
			rb_set_color(parent, RB_BLACK);
			rb_set_color(gparent, RB_RED);
			rb_rotate_right(gparent, root, augment);
		} else {
			uncle = gparent->rb_left;
			if (rb_is_red(uncle)) {
				rb_set_color(parent, RB_BLACK);
				rb_set_color(uncle, RB_BLACK);
				rb_set_color(gparent, RB_RED);
				z = gparent;
				continue;
			}
			if (z == parent->rb_left) {
				z = parent;
				rb_rotate_right(z, root, augment);
				parent = rb_parent(z);
			}
			rb_set_color(parent, RB_BLACK);
			rb_set_color(gparent, RB_RED);
			rb_rotate_left(gparent, root, augment);
		}
	}
	rb_set_color(root->rb_node, RB_BLACK);
}

void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	rb_insert_augmented(node, root, &dummy_callbacks);
}

/* RB-TRANSPLANT: @v (maybe NULL) replaces the subtree rooted at @u. */
static void rb_transplant(struct rb_node *u, struct rb_node *v, struct rb_root *root)
{
	rb_change_child(rb_parent(u), u, v, root);
	if (v)
		rb_set_parent(v, rb_parent(u));
}

/*
 * RB-DELETE-FIXUP: the paths through @x (NULL or a node, child of @parent)
 * lack one black node. A red @x simply turns black; otherwise the sibling w
 * decides: red (case 1) becomes black by a rotation; black with two black
 * children (case 2) turns red and the lack moves up; otherwise one or two
 * rotations (cases 3 and 4) end it. A NULL @x that is the right child has a
 * non-NULL left sibling (its subtree holds a black node), so comparing
 * with parent->rb_left tells the sides apart even when @x is NULL.
 */
static void rb_erase_fixup(struct rb_node *x, struct rb_node *parent, struct rb_root *root,
			   const struct rb_augment_callbacks *augment)
{
	struct rb_node *w;

	while (x != root->rb_node && rb_is_black(x)) {
		if (x == parent->rb_left) {
			w = parent->rb_right;
			if (rb_is_red(w)) {
				rb_set_color(w, RB_BLACK);
				rb_set_color(parent, RB_RED);
				rb_rotate_left(parent, root, augment);
				w = parent->rb_right;
			}
			if (rb_is_black(w->rb_left) && rb_is_black(w->rb_right)) {
				rb_set_color(w, RB_RED);
				x = parent;
				parent = rb_parent(x);
				continue;
			}
			if (rb_is_black(w->rb_right)) {
				rb_set_color(w->rb_left, RB_BLACK);
				rb_set_color(w, RB_RED);
				rb_rotate_right(w, root, augment);
				w = parent->rb_right;
			}
			rb_set_color(w, rb_color(parent));
			rb_set_color(parent, RB_BLACK);
			rb_set_color(w->rb_right, RB_BLACK);
			rb_rotate_left(parent, root, augment);
		} else {
			w = parent->rb_left;
			if (rb_is_red(w)) {
				rb_set_color(w, RB_BLACK);
				rb_set_color(parent, RB_RED);
				rb_rotate_right(parent, root, augment);
				w = parent->rb_left;
			}
			if (rb_is_black(w->rb_left) && rb_is_black(w->rb_right)) {
				rb_set_color(w, RB_RED);
				x = parent;
				parent = rb_parent(x);
				continue;
			}
			if (rb_is_black(w->rb_left)) {
				rb_set_color(w->rb_right, RB_BLACK);
				rb_set_color(w, RB_RED);
				rb_rotate_left(w, root, augment);
				w = parent->rb_left;
			}
			rb_set_color(w, rb_color(parent));
			rb_set_color(parent, RB_BLACK);
			rb_set_color(w->rb_left, RB_BLACK);
			rb_rotate_right(parent, root, augment);
		}
		x = root->rb_node;
	}
	if (x)
		rb_set_color(x, RB_BLACK);
}

/*
 * RB-DELETE: a node with at most one child is replaced by that child; a node
 * with two by its successor y (the leftmost node of its right subtree),
 * which takes its colour, so the black count changes where y was taken
 * from. x is the node that moved into the place that lost a black node.
 */
void rb_erase_augmented(struct rb_node *z, struct rb_root *root,
			const struct rb_augment_callbacks *augment)
{
	struct rb_node *x, *parent, *y;
	unsigned long removed_color = rb_color(z);

	if (!z->rb_left) {
		x = z->rb_right;
		parent = rb_parent(z);
		rb_transplant(z, x, root);
	} else if (!z->rb_right) {
		x = z->rb_left;
		parent = rb_parent(z);
		rb_transplant(z, x, root);
	} else {
		y = z->rb_right;
		while (y->rb_left)
			y = y->rb_left;
		removed_color = rb_color(y);
		x = y->rb_right;
		if (rb_parent(y) == z) {
			parent = y;
		} else {
			parent = rb_parent(y);
			rb_transplant(y, x, root);
			y->rb_right = z->rb_right;
			rb_set_parent(y->rb_right, y);
		}
		rb_transplant(z, y, root);
		y->rb_left = z->rb_left;
		rb_set_parent(y->rb_left, y);
		rb_set_color(y, rb_color(z));
		augment->copy(z, y);
	}
	/* Every node whose subtree lost @z is on the path from @parent up. */
	if (parent)
		augment->propagate(parent, NULL);
	if (removed_color == RB_BLACK)
		rb_erase_fixup(x, parent, root, augment);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	rb_erase_augmented(node, root, &dummy_callbacks);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_left)
		n = n->rb_left;
	return n;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_right)
		n = n->rb_right;
	return n;
}

/* TREE-SUCCESSOR: the leftmost node on the right, or the first ancestor we are left of. */
struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}

/* TREE-PREDECESSOR, the mirror image. */
struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}
