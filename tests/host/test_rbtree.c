// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the red-black tree (kernel/rbtree.c): seeded random
 * inserts and erases checked against the red-black properties (checked
 * here from their definition, not through the tree's code) and against a
 * sorted array of the keys; rb_first/last/next/prev; the augmented
 * interface keeping a subtree maximum through rotations and erases.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <rbtree.h>

struct item {
	struct rb_node node;
	unsigned long key;
	unsigned long val, subtree_max; /* for the augmented test */
	bool in;
};

#define item_of(n) rb_entry(n, struct item, node)

static u64 rnd(u64 *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static void link_item(struct rb_root *root, struct item *it)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = it->key < item_of(parent)->key ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&it->node, parent, link);
}

static void insert(struct rb_root *root, struct item *it)
{
	link_item(root, it);
	rb_insert_color(&it->node, root);
	it->in = true;
}

/* The properties; returns the black height, counts nodes into *n. */
static int check_subtree(const struct rb_node *node, const struct rb_node *parent, long *n,
			 unsigned long lo, unsigned long hi)
{
	int lh, rh;

	if (!node)
		return 1;
	assert_ptr_equal(rb_parent(node), parent);
	assert_true(item_of(node)->key >= lo && item_of(node)->key <= hi);
	if (rb_color(node) == RB_RED) {
		assert_true(!node->rb_left || rb_color(node->rb_left) == RB_BLACK);
		assert_true(!node->rb_right || rb_color(node->rb_right) == RB_BLACK);
	}
	lh = check_subtree(node->rb_left, node, n, lo, item_of(node)->key);
	rh = check_subtree(node->rb_right, node, n, item_of(node)->key, hi);
	assert_int_equal(lh, rh);
	(*n)++;
	return lh + (rb_color(node) == RB_BLACK);
}

static int cmp_ul(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/* Properties, height bound, in-order keys == the sorted keys of the live items. */
static void check_tree(const struct rb_root *root, struct item *items, long nitems)
{
	unsigned long *keys = malloc(sizeof(*keys) * (nitems + 1));
	const struct rb_node *node;
	long n = 0, live = 0, i;

	assert_true(!root->rb_node || rb_color(root->rb_node) == RB_BLACK);
	check_subtree(root->rb_node, NULL, &n, 0, ~0UL);
	for (i = 0; i < nitems; i++)
		if (items[i].in)
			keys[live++] = items[i].key;
	assert_int_equal(n, live);
	qsort(keys, live, sizeof(*keys), cmp_ul);
	i = 0;
	for (node = rb_first(root); node; node = rb_next(node))
		assert_int_equal(item_of(node)->key, keys[i++]);
	assert_int_equal(i, live);
	for (node = rb_last(root); node; node = rb_prev(node))
		assert_int_equal(item_of(node)->key, keys[--i]);
	assert_int_equal(i, 0);
	free(keys);
}

static void test_empty_and_single(void **state)
{
	struct rb_root root = RB_ROOT;
	struct item it = { .key = 5 };

	assert_null(rb_first(&root));
	assert_null(rb_last(&root));
	insert(&root, &it);
	assert_ptr_equal(rb_first(&root), &it.node);
	assert_ptr_equal(rb_last(&root), &it.node);
	assert_null(rb_next(&it.node));
	assert_null(rb_prev(&it.node));
	assert_int_equal(rb_color(&it.node), RB_BLACK);
	rb_erase(&it.node, &root);
	assert_true(RB_EMPTY_ROOT(&root));
}

/* Ascending and descending insertion: the classic degenerate cases of an unbalanced tree. */
static void test_sorted_inserts(void **state)
{
	enum { N = 4096 };
	struct item *items = calloc(N, sizeof(*items));
	struct rb_root root = RB_ROOT;
	int pass, i, height;
	struct rb_node *node;

	for (pass = 0; pass < 2; pass++) {
		root = RB_ROOT;
		for (i = 0; i < N; i++) {
			items[i].key = pass ? N - i : i;
			items[i].in = false;
			insert(&root, &items[i]);
		}
		check_tree(&root, items, N);
		/* Height <= 2 log2(n + 1): at most 24 for 4096 nodes. */
		for (i = 0; i < N; i++) {
			height = 0;
			for (node = &items[i].node; node; node = rb_parent(node))
				height++;
			assert_true(height <= 24);
		}
		for (i = 0; i < N; i += 2) {
			rb_erase(&items[i].node, &root);
			items[i].in = false;
		}
		check_tree(&root, items, N);
	}
	free(items);
}

/* Random keys (duplicates included), random erases: checked after every step, then in bulk. */
static void test_random(void **state)
{
	enum { N = 600, BIG = 100000 };
	struct item *items = calloc(BIG, sizeof(*items));
	struct rb_root root = RB_ROOT;
	u64 seed = 0x5eed1234abcdULL;
	long i, step;

	for (step = 0; step < 20000; step++) {
		struct item *it = &items[rnd(&seed) % N];

		if (it->in) {
			rb_erase(&it->node, &root);
			it->in = false;
		} else {
			it->key = rnd(&seed) % 500;
			insert(&root, it);
		}
		if (step < 4000 || step % 97 == 0)
			check_tree(&root, items, N);
	}
	check_tree(&root, items, N);

	root = RB_ROOT;
	memset(items, 0, BIG * sizeof(*items));
	for (i = 0; i < BIG; i++) {
		items[i].key = rnd(&seed);
		insert(&root, &items[i]);
	}
	check_tree(&root, items, BIG);
	for (i = 0; i < BIG; i++) {
		if (rnd(&seed) % 3) {
			rb_erase(&items[i].node, &root);
			items[i].in = false;
		}
	}
	check_tree(&root, items, BIG);
	free(items);
}

/* ------------------------------------------------------------ augmented */

static unsigned long compute_max(struct item *it)
{
	unsigned long m = it->val;

	if (it->node.rb_left && item_of(it->node.rb_left)->subtree_max > m)
		m = item_of(it->node.rb_left)->subtree_max;
	if (it->node.rb_right && item_of(it->node.rb_right)->subtree_max > m)
		m = item_of(it->node.rb_right)->subtree_max;
	return m;
}

static void aug_propagate(struct rb_node *node, struct rb_node *stop)
{
	for (; node != stop; node = rb_parent(node))
		item_of(node)->subtree_max = compute_max(item_of(node));
}

static void aug_copy(struct rb_node *old, struct rb_node *new)
{
	item_of(new)->subtree_max = item_of(old)->subtree_max;
}

static void aug_rotate(struct rb_node *old, struct rb_node *new)
{
	item_of(new)->subtree_max = item_of(old)->subtree_max;
	item_of(old)->subtree_max = compute_max(item_of(old));
}

static const struct rb_augment_callbacks aug = { aug_propagate, aug_copy, aug_rotate };

static unsigned long check_aug(struct rb_node *node)
{
	unsigned long l, r, m;

	if (!node)
		return 0;
	/* Not max(f(), g()): the macro would call them twice. */
	l = check_aug(node->rb_left);
	r = check_aug(node->rb_right);
	m = max(item_of(node)->val, max(l, r));
	assert_int_equal(item_of(node)->subtree_max, m);
	return m;
}

static void test_augmented(void **state)
{
	enum { N = 2000 };
	struct item *items = calloc(N, sizeof(*items));
	struct rb_root root = RB_ROOT;
	u64 seed = 77;
	long step;

	for (step = 0; step < 30000; step++) {
		struct item *it = &items[rnd(&seed) % N];

		if (it->in) {
			rb_erase_augmented(&it->node, &root, &aug);
			it->in = false;
		} else {
			it->key = rnd(&seed) % 100000;
			it->val = rnd(&seed) % 1000000;
			link_item(&root, it);
			aug_propagate(&it->node, NULL);
			rb_insert_augmented(&it->node, &root, &aug);
			it->in = true;
		}
		if (step % 7 == 0)
			check_aug(root.rb_node);
	}
	check_tree(&root, items, N);
	check_aug(root.rb_node);
	free(items);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_single),
		cmocka_unit_test(test_sorted_inserts),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_augmented),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
