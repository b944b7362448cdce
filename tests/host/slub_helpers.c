// SPDX-License-Identifier: GPL-2.0
/* Boot, baselines, patterns and the shadow map of SLUB's host tests: see slub_helpers.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <seq_buf.h>

#include "slub_helpers.h"

void sl_boot(unsigned long mem, const char *slub_debug)
{
	pa_boot_plain(mem);
	if (slub_debug)
		assert_int_equal(setup_slub_debug(slub_debug), 0);
	kmem_cache_init();
	assert_int_equal(setup_slub_debug("-"), 0);
	pa_check();
}

unsigned long sl_free_pages(void)
{
	drain_all_pages(NULL);
	return nr_free_pages();
}

unsigned long sl_settle(void)
{
	kmem_cache_shrink_all();
	return sl_free_pages();
}

unsigned long sl_nr_slabs(struct kmem_cache *s)
{
	return kmem_cache_nr_slabs(s);
}

unsigned long sl_total_objects(struct kmem_cache *s)
{
	struct slabinfo si;

	get_slabinfo(s, &si);
	return si.num_objs;
}

/* ------------------------------------------------------------- patterns */

static u64 pattern_seed(const void *p, u64 tag)
{
	return ((u64)(uintptr_t)p * 0x9e3779b97f4a7c15ULL) ^ (tag * 0xbf58476d1ce4e5b9ULL) ^
	       0x94d049bb133111ebULL;
}

static u64 pattern_word(u64 seed, size_t k)
{
	u64 x = seed + k * 0x2545f4914f6cdd1dULL;

	x ^= x >> 31;
	return x;
}

void sl_fill(void *p, size_t size, u64 tag)
{
	u64 seed = pattern_seed(p, tag), w;
	size_t k;

	for (k = 0; k < size / 8; k++) {
		w = pattern_word(seed, k);
		memcpy((char *)p + 8 * k, &w, 8);
	}
	if (size % 8) {
		w = pattern_word(seed, k);
		memcpy((char *)p + 8 * k, &w, size % 8);
	}
}

bool sl_pattern_ok(const void *p, size_t size, u64 tag)
{
	u64 seed = pattern_seed(p, tag), w;
	size_t k;

	for (k = 0; k < size / 8; k++) {
		w = pattern_word(seed, k);
		if (memcmp((const char *)p + 8 * k, &w, 8))
			return false;
	}
	if (size % 8) {
		w = pattern_word(seed, k);
		if (memcmp((const char *)p + 8 * k, &w, size % 8))
			return false;
	}
	return true;
}

/* ----------------------------------------------------------- shadow map */

static int obj_cmp(const void *a, const void *b)
{
	const struct sl_obj *x = *(const struct sl_obj *const *)a;
	const struct sl_obj *y = *(const struct sl_obj *const *)b;

	return (uintptr_t)x->p < (uintptr_t)y->p ? -1 : (uintptr_t)x->p > (uintptr_t)y->p;
}

static const char *cache_name(const struct sl_obj *o)
{
	return o->s ? o->s->name : "kmalloc";
}

unsigned long sl_shadow_check(const struct sl_obj *objs, unsigned long n)
{
	const struct sl_obj **live = malloc((n ? n : 1) * sizeof(*live));
	unsigned long i, nr = 0;

	assert_non_null(live);
	for (i = 0; i < n; i++) {
		if (!objs[i].p)
			continue;
		if (!sl_pattern_ok(objs[i].p, objs[i].size, objs[i].tag))
			fail_msg("object %p (%s, %zu bytes, tag %#llx) lost its pattern", objs[i].p,
				 cache_name(&objs[i]), objs[i].size,
				 (unsigned long long)objs[i].tag);
		live[nr++] = &objs[i];
	}
	qsort(live, nr, sizeof(*live), obj_cmp);
	for (i = 1; i < nr; i++)
		if ((char *)live[i - 1]->p + live[i - 1]->size > (char *)live[i]->p)
			fail_msg("live objects overlap: %p+%zu (%s) and %p+%zu (%s)",
				 live[i - 1]->p, live[i - 1]->size, cache_name(live[i - 1]),
				 live[i]->p, live[i]->size, cache_name(live[i]));
	free(live);
	return nr;
}

bool sl_obj_alloc(struct sl_obj *o, gfp_t gfp, u64 tag)
{
	o->p = o->s ? kmem_cache_alloc(o->s, gfp) : kmalloc(o->size, gfp);
	if (!o->p)
		return false;
	o->tag = tag;
	sl_fill(o->p, o->size, tag);
	return true;
}

bool sl_obj_free(struct sl_obj *o)
{
	bool ok = sl_pattern_ok(o->p, o->size, o->tag);

	if (o->s)
		kmem_cache_free(o->s, o->p);
	else
		kfree(o->p);
	o->p = NULL;
	return ok;
}

/* ------------------------------------------------------------- slabinfo */

bool sl_slabinfo(char *buf, size_t size, const char *name, struct sl_slabinfo *out)
{
	struct seq_buf m;
	char *line;
	size_t len = strlen(name);

	seq_buf_init(&m, buf, size);
	slabinfo_show(&m);
	assert_false(seq_buf_has_overflowed(&m));
	for (line = buf; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		unsigned long limit, batch, shared, avail;

		if (strncmp(line, name, len) || line[len] != ' ')
			continue;
		if (sscanf(line + len,
			   " %lu %lu %u %u %u : tunables %lu %lu %lu : slabdata %lu %lu %lu",
			   &out->active_objs, &out->num_objs, &out->objsize, &out->objperslab,
			   &out->pagesperslab, &limit, &batch, &shared, &out->active_slabs,
			   &out->num_slabs, &avail) != 11)
			fail_msg("slabinfo line of %s does not parse: %.200s", name, line);
		return true;
	}
	return false;
}
