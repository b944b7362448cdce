// SPDX-License-Identifier: GPL-2.0
/*
 * malloc-stress: picolibc's malloc, realloc, calloc and free in random order
 * and sizes, every byte of every live block checked against what was written.
 * picolibc's malloc grows its arena with sbrk(), which libc.c implements over
 * brk: the break must have moved.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define SLOTS 512
#define OPS 20000

struct block {
	uint8_t *p;
	size_t size;
	uint8_t seed;
};

static struct block blocks[SLOTS];
static unsigned long bad_bytes, failed_allocs;

/* Mostly small blocks, some medium, a few large ones (which picolibc takes from sbrk too). */
static size_t random_size(void)
{
	uint64_t r = rng_below(100);

	if (r < 70)
		return 1 + rng_below(256);
	if (r < 95)
		return 257 + rng_below(16 * 1024);
	return 16 * 1024 + rng_below(256 * 1024);
}

static void fill(uint8_t *p, size_t from, size_t to, uint8_t seed)
{
	for (size_t i = from; i < to; i++)
		p[i] = (uint8_t)(i * 31 + seed);
}

static void check(const struct block *b, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (b->p[i] != (uint8_t)(i * 31 + b->seed)) {
			if (!bad_bytes++)
				tap_diag("block %p byte %zu is 0x%02x", (void *)b->p, i, b->p[i]);
			return;
		}
	}
}

int main(int argc, char **argv)
{
	unsigned long brk0 = sys_brk(0), nr_malloc = 0, nr_realloc = 0, nr_free = 0;
	struct block *b;
	uint8_t *p, *z;
	size_t size, i;
	int op, bad_zero = 0;

	tap_plan(6);
	seed_from_args(argc, argv, 11);
	for (op = 0; op < OPS; op++) {
		b = &blocks[rng_below(SLOTS)];
		if (!b->p) {
			size = random_size();
			b->p = malloc(size);
			if (!b->p) {
				failed_allocs++;
				continue;
			}
			b->size = size;
			b->seed = (uint8_t)rng_next();
			fill(b->p, 0, size, b->seed);
			nr_malloc++;
			continue;
		}
		check(b, b->size);
		if (rng_below(2)) {
			free(b->p);
			b->p = NULL;
			nr_free++;
			continue;
		}
		/* realloc keeps the common prefix; the new tail gets written. */
		size = random_size();
		p = realloc(b->p, size);
		if (!p) {
			failed_allocs++;
			continue;
		}
		b->p = p;
		check(b, size < b->size ? size : b->size);
		fill(b->p, b->size, size, b->seed);
		b->size = size;
		nr_realloc++;
	}
	for (i = 0; i < SLOTS; i++)
		if (blocks[i].p)
			check(&blocks[i], blocks[i].size);
	tap_diag("%lu malloc, %lu realloc, %lu free", nr_malloc, nr_realloc, nr_free);
	tap_ok(!failed_allocs, "%d random operations: no allocation failed", OPS);
	tap_ok(!bad_bytes, "every byte of every block kept its value");

	for (i = 0; i < SLOTS; i++) {
		free(blocks[i].p);
		blocks[i].p = NULL;
	}
	z = calloc(1000, 100);
	for (i = 0; z && i < 100000; i++)
		bad_zero |= z[i];
	tap_ok(z && !bad_zero, "calloc memory reads zero, even reused");
	free(z);
	free(NULL);
	p = realloc(NULL, 100);
	tap_ok(p != NULL, "realloc(NULL, n) allocates");
	free(p);
	/* Nothing else may have moved the break: it was sbrk, driven by malloc. */
	tap_ok(sys_brk(0) > (long)brk0, "malloc grew the heap through brk: 0x%lx -> 0x%lx", brk0,
	       sys_brk(0));
	tap_ok(malloc((size_t)1 << 40) == NULL, "malloc of 1 TiB fails cleanly");
	return tap_done();
}
