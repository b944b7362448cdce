// SPDX-License-Identifier: GPL-2.0
/*
 * swap-thrash [seed] [size, 0 = auto] [passes], or swap-thrash SIZE: map
 * more anonymous memory than the machine has RAM and prove that swap loses
 * nothing. A size is in MiB, or with its unit ("300M", "1G"): a first
 * argument with a unit is the size, with the default seed.
 *
 * Every 8-byte word gets a value mixed from its address, the seed and the
 * generation (the pass that last wrote its page), so a page that comes back
 * stale (an older generation), from the wrong slot (another address) or not
 * at all (zero) reads wrong. Pass 1 writes every page; each further pass
 * rewrites a pseudo-random half with a new generation, which dirties pages
 * that are already in swap. After each write phase every word is checked
 * twice: sequentially (reclaim can write out in LRU order, readahead helps)
 * and in random page order (every access a likely major fault).
 *
 * Auto size: 2.5 x RAM, at most RAM + 90% of free swap so that it fits. With
 * no swap, half of RAM; and never more than 64 MiB under Linux (qemu-user,
 * where sysinfo describes the host).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tap.h"
#include "lib/tools.h"
#include "lib/util.h"
#include "syscall.h"

#define DEFAULT_SEED 1
#define DEFAULT_PASSES 2
#define LINUX_CAP (64 * MiB)
#define MISMATCHES_SHOWN 5
#define WORDS_PER_PAGE (PAGE_SIZE / sizeof(uint64_t))

static uint64_t seed;
static unsigned long npages;

/* The key of one generation; a word's value is cheap to derive from it. */
static inline uint64_t gen_key(unsigned int gen)
{
	return mix(seed ^ ((uint64_t)gen << 48) ^ 0x5bd1e995);
}

static inline uint64_t word_value(uintptr_t addr, uint64_t key)
{
	uint64_t v = (addr ^ key) * 0x9e3779b97f4a7c15ULL;

	return v ^ (v >> 29);
}

/* Whether pass @pass (2 and later) rewrites page @idx: about half of them. */
static inline bool rewritten(unsigned long idx, unsigned int pass)
{
	return mix(seed + idx * 0x9e3779b97f4a7c15ULL + pass) & 1;
}

/* The generation page @idx holds after pass @pass: the last pass that wrote it. */
static unsigned int page_gen(unsigned long idx, unsigned int pass)
{
	for (; pass > 1; pass--)
		if (rewritten(idx, pass))
			return pass;
	return 1;
}

static void write_page(uintptr_t page, unsigned int gen)
{
	uint64_t key = gen_key(gen), *w = (uint64_t *)page;
	unsigned long i;

	for (i = 0; i < WORDS_PER_PAGE; i++)
		w[i] = word_value(page + i * sizeof(uint64_t), key);
}

/* Wrong words in one page; the first few of the phase are printed. */
static unsigned long check_page(uintptr_t page, unsigned int gen, unsigned long *shown)
{
	uint64_t key = gen_key(gen), want, got;
	volatile uint64_t *w = (volatile uint64_t *)page;
	unsigned long i, bad = 0;

	for (i = 0; i < WORDS_PER_PAGE; i++) {
		want = word_value(page + i * sizeof(uint64_t), key);
		got = w[i];
		if (got == want)
			continue;
		bad++;
		if ((*shown)++ < MISMATCHES_SHOWN)
			tap_diag(
				"mismatch at 0x%lx: expected 0x%016llx, got 0x%016llx (generation %u)",
				(unsigned long)(page + i * sizeof(uint64_t)),
				(unsigned long long)want, (unsigned long long)got, gen);
	}
	return bad;
}

static void shuffle(uint32_t *order)
{
	unsigned long i, j;
	uint32_t t;

	for (i = 0; i < npages; i++)
		order[i] = i;
	for (i = npages - 1; i > 0; i--) {
		j = rng_below(i + 1);
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
}

static unsigned long auto_size(const struct linux_sysinfo *si)
{
	unsigned long ram = si->totalram * si->mem_unit, swap = si->freeswap * si->mem_unit;
	unsigned long len;

	if (!swap) {
		tap_diag("no swap: mapping half of RAM");
		len = ram / 2;
	} else {
		len = ram * 5 / 2;
		if (len > ram + swap / 10 * 9)
			len = ram + swap / 10 * 9;
	}
	if ((!si->totalswap || !on_loam()) && len > LINUX_CAP)
		len = LINUX_CAP;
	return len;
}

static long counter(const char *name)
{
	return proc_counter("/proc/vmstat", name);
}

int main(int argc, char **argv)
{
	unsigned long before = free_ram(), len, idx, bad, shown, order_len, ram, visits = 0;
	unsigned int passes, pass, gen;
	long out0, in0, maj0, out1, in1, maj1;
	struct linux_sysinfo si;
	uintptr_t base, page;
	uint32_t *order;
	long m;

	if (argc == 2 && strpbrk(argv[1], "kKmMgG")) {
		seed = seed_from_args(1, argv, DEFAULT_SEED);
		len = size_arg(argv[1]);
	} else {
		seed = seed_from_args(argc, argv, DEFAULT_SEED);
		len = argc > 2 ? size_arg(argv[2]) : 0;
	}
	passes = argc > 3 ? strtoul(argv[3], NULL, 0) : DEFAULT_PASSES;
	if (!passes)
		passes = 1;
	tap_plan(2 + 2 * passes + 2 + 2);

	sys_sysinfo(&si);
	ram = si.totalram * si.mem_unit;
	if (!len)
		len = auto_size(&si);
	len &= ~(PAGE_SIZE - 1);
	npages = len / PAGE_SIZE;
	tap_diag("RAM %lu MiB, swap %lu MiB (%lu MiB free): %lu MiB in %u passes", ram >> 20,
		 si.totalswap * si.mem_unit >> 20, si.freeswap * si.mem_unit >> 20, len >> 20,
		 passes);

	m = sys_mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!tap_ok(!SYS_ERR(m), "mmap of %lu MiB at 0x%lx", len >> 20, m))
		return tap_done();
	base = m;
	order_len = (npages * sizeof(*order) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	m = sys_mmap(0, order_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!tap_ok(!SYS_ERR(m), "mmap of the %lu KiB page-order array", order_len >> 10))
		return tap_done();
	order = (uint32_t *)m;

	out0 = counter("pswpout");
	in0 = counter("pswpin");
	maj0 = counter("pgmajfault");

	for (pass = 1; pass <= passes; pass++) {
		for (idx = 0; idx < npages; idx++)
			if (pass == 1 || rewritten(idx, pass)) {
				write_page(base + idx * PAGE_SIZE, pass);
				visits++;
			}
		visits += 2 * npages; /* the two checks below */

		bad = shown = 0;
		for (idx = 0; idx < npages; idx++)
			bad += check_page(base + idx * PAGE_SIZE, page_gen(idx, pass), &shown);
		tap_ok(!bad, "pass %u: every word right, sequential order (%lu wrong)", pass, bad);

		shuffle(order);
		bad = shown = 0;
		for (idx = 0; idx < npages; idx++) {
			page = base + (uintptr_t)order[idx] * PAGE_SIZE;
			gen = page_gen(order[idx], pass);
			bad += check_page(page, gen, &shown);
		}
		tap_ok(!bad, "pass %u: every word right, random page order (%lu wrong)", pass, bad);
	}

	/* make bench divides the instructions init retired by this. */
	tap_diag("%lu page visits", visits);
	out1 = counter("pswpout");
	in1 = counter("pswpin");
	maj1 = counter("pgmajfault");
	if (out0 >= 0 && in0 >= 0 && maj0 >= 0)
		tap_diag("vmstat deltas: pswpout %ld, pswpin %ld, pgmajfault %ld", out1 - out0,
			 in1 - in0, maj1 - maj0);
	else
		tap_diag("vmstat: no pswpout, pswpin or pgmajfault counter (%ld %ld %ld)", out0,
			 in0, maj0);
	if (!si.totalswap || len <= ram) {
		tap_skip("no swap traffic expected", "pages were swapped out");
		tap_skip("no swap traffic expected", "pages were swapped in");
	} else {
		tap_ok(out1 > out0, "pages were swapped out (pswpout +%ld)", out1 - out0);
		tap_ok(in1 > in0, "pages were swapped in (pswpin +%ld)", in1 - in0);
	}

	tap_ok(!sys_munmap(base, len) && !sys_munmap((uintptr_t)order, order_len), "munmap");
	leak_check("mappings unmapped", before, free_ram(), 2 * MiB);
	return tap_done();
}
