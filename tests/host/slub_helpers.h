/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by SLUB's host tests (test_slub.c, test_slub_debug.c,
 * test_slub_stress.c): one boot per program (SLUB's kmalloc caches and
 * slab_caches list are static, and kmem_cache_init() cannot run twice, so a
 * program boots once in its cmocka group setup), free-page baselines, and a
 * shadow map of live objects: each one carries a pattern derived from its
 * address and a tag, and no two may overlap.
 *
 * The page allocator side (pa_boot(), pa_check(), pa_rand()) is
 * page_alloc_helpers.h's.
 */
#ifndef SLUB_HELPERS_H
#define SLUB_HELPERS_H

#include <slab.h>
#include <slub_def.h>

#include "page_alloc_helpers.h"

/*
 * Boot one zone of @mem bytes at RAM (pa_boot_plain(): watermarks and
 * per-CPU lists on), with slub_debug=@slub_debug (NULL: none) for the
 * caches kmem_cache_init() creates, then kmem_cache_init(); slub_debug is
 * off again on return.
 */
void sl_boot(unsigned long mem, const char *slub_debug);

/* nr_free_pages() with every CPU's per-CPU page lists drained first. */
unsigned long sl_free_pages(void);

/* kmem_cache_shrink_all(), then sl_free_pages(): what a baseline is taken after. */
unsigned long sl_settle(void);

/* Objects per slab and pages per slab of @s (its preferred order). */
static inline unsigned int sl_objperslab(struct kmem_cache *s)
{
	return oo_objects(s->oo);
}

static inline unsigned int sl_pagesperslab(struct kmem_cache *s)
{
	return 1U << oo_order(s->oo);
}

/* Slabs and objects of @s on every node (what slabinfo counts). */
unsigned long sl_nr_slabs(struct kmem_cache *s);
unsigned long sl_total_objects(struct kmem_cache *s);

/* ------------------------------------------------------------- patterns */

/* Fill @size bytes at @p with a pattern from (@p, @tag); check it is intact. */
void sl_fill(void *p, size_t size, u64 tag);
bool sl_pattern_ok(const void *p, size_t size, u64 tag);

/* ----------------------------------------------------------- shadow map */

/* A live object: its cache (NULL: kmalloc), address, usable size and pattern tag. */
struct sl_obj {
	struct kmem_cache *s;
	void *p;
	size_t size;
	u64 tag;
};

/*
 * Every object of @objs[0..n) (entries with p == NULL are skipped) keeps its
 * pattern and no two overlap; a cmocka failure naming the first that does
 * not. Returns how many live objects were checked.
 */
unsigned long sl_shadow_check(const struct sl_obj *objs, unsigned long n);

/* kmalloc/kmem_cache_alloc an object for @o (size, cache set) and fill it; false if NULL. */
bool sl_obj_alloc(struct sl_obj *o, gfp_t gfp, u64 tag);
/* Check @o's pattern (false: changed), free it and clear the entry. */
bool sl_obj_free(struct sl_obj *o);

/* ------------------------------------------------------------- slabinfo */

/* One line of slabinfo_show(). */
struct sl_slabinfo {
	unsigned long active_objs, num_objs;
	unsigned int objsize, objperslab, pagesperslab;
	unsigned long active_slabs, num_slabs;
};

/* Render slabinfo_show() into @buf and parse the line of cache @name; false if none. */
bool sl_slabinfo(char *buf, size_t size, const char *name, struct sl_slabinfo *out);

#endif
