// SPDX-License-Identifier: GPL-2.0
/*
 * Page-table dump in the format of Linux's arch/riscv/mm/ptdump.c: one line
 * per run of leaves with equal permissions and page size over contiguous
 * physical memory, with markers for the regions of the layout, e.g. this
 * line of QEMU virt's dump (the physical address is what the DTB said):
 *
 *   0xffffffd800000000-0xffffffd840000000    0x0000000080000000         1G PGD     D A G . . W R V
 */
#include <asm/pgtable.h>
#include <kernel.h>
#include <printk.h>

static const struct {
	unsigned long start;
	const char *name;
} markers[] = {
	{ FIXADDR_START, "Fixmap start" },	{ FIXADDR_TOP, "Fixmap end" },
	{ VMEMMAP_START, "vmemmap start" },	{ VMEMMAP_END, "vmemmap end" },
	{ VMALLOC_START, "vmalloc() area" },	{ VMALLOC_END, "vmalloc() end" },
	{ PAGE_OFFSET, "Linear mapping" },	{ DIRECT_MAP_END, "Linear mapping end" },
	{ KERNEL_LINK_ADDR, "Kernel mapping" },
};

static const struct {
	unsigned long mask;
	const char *set;
} pte_bits[] = {
	{ _PAGE_DIRTY, "D" }, { _PAGE_ACCESSED, "A" }, { _PAGE_GLOBAL, "G" },
	{ _PAGE_USER, "U" },  { _PAGE_EXEC, "X" },     { _PAGE_WRITE, "W" },
	{ _PAGE_READ, "R" },  { _PAGE_PRESENT, "V" },
};

static const char *const level_name[] = { "PGD", "PMD", "PTE" };
static const unsigned long level_size[] = { PGDIR_SIZE, PMD_SIZE, PAGE_SIZE };

struct ptdump_state {
	bool print;
	unsigned int marker;
	bool in_run;
	unsigned long start_va, next_va, prot;
	phys_addr_t start_pa, next_pa;
	int level;
	unsigned long wx_pages;
};

static void end_run(struct ptdump_state *st)
{
	unsigned long delta;
	const char *unit = "KMG";
	unsigned int i;
	char prot[2 * ARRAY_SIZE(pte_bits) + 1], *p = prot;

	if (!st->in_run)
		return;
	st->in_run = false;
	if (!st->print)
		return;
	delta = (st->next_va - st->start_va) >> 10;
	while (!(delta & 1023) && unit[1]) {
		delta >>= 10;
		unit++;
	}
	for (i = 0; i < ARRAY_SIZE(pte_bits); i++) {
		*p++ = ' ';
		*p++ = (st->prot & pte_bits[i].mask) ? pte_bits[i].set[0] : '.';
	}
	*p = '\0';
	pr_info("0x%016lx-0x%016lx   0x%016llx %9lu%c %s   %s\n", st->start_va, st->next_va,
		(unsigned long long)st->start_pa, delta, *unit, level_name[st->level], prot);
}

static void note_leaf(struct ptdump_state *st, unsigned long va, int level, pte_t pte)
{
	unsigned long prot = pte & ((1UL << _PAGE_PFN_SHIFT) - 1);
	phys_addr_t pa = pte_pfn(pte) << PAGE_SHIFT;

	if ((prot & _PAGE_WRITE) && (prot & _PAGE_EXEC))
		st->wx_pages += level_size[level] >> PAGE_SHIFT;

	if (st->in_run && va == st->next_va && pa == st->next_pa && prot == st->prot &&
	    level == st->level) {
		st->next_va += level_size[level];
		st->next_pa += level_size[level];
		return;
	}
	end_run(st);
	while (st->print && st->marker < ARRAY_SIZE(markers) && va >= markers[st->marker].start)
		pr_info("---[ %s ]---\n", markers[st->marker++].name);
	st->in_run = true;
	st->start_va = va;
	st->next_va = va + level_size[level];
	st->start_pa = pa;
	st->next_pa = pa + level_size[level];
	st->prot = prot;
	st->level = level;
}

/* Sv39 addresses are sign-extended from bit 38. */
static unsigned long sv39_va(unsigned long va)
{
	return (unsigned long)((long)(va << 25) >> 25);
}

static void walk(struct ptdump_state *st, pte_t *table, int level, unsigned long base)
{
	unsigned int i;

	for (i = 0; i < PTRS_PER_PT; i++) {
		unsigned long va = sv39_va(base + i * level_size[level]);
		pte_t pte = table[i];

		if (!pte_present(pte)) {
			end_run(st);
			continue;
		}
		if (pte_leaf(pte))
			note_leaf(st, va, level, pte);
		else if (level < 2)
			walk(st, __va(pte_pfn(pte) << PAGE_SHIFT), level + 1, va);
	}
}

unsigned long ptdump_walk(pte_t *pgd, bool print)
{
	struct ptdump_state st = { .print = print };

	if (print)
		pr_info("---[ Kernel page table (swapper_pg_dir) ]---\n");
	walk(&st, pgd, 0, 0);
	end_run(&st);
	return st.wx_pages;
}
