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

/* End the current run and start one with the leaf at @addr, printing the markers passed. */
static void start_run(struct ptdump_state *st, unsigned long addr, int level, unsigned long prot,
		      phys_addr_t pa)
{
	end_run(st);
	while (st->print && st->marker < ARRAY_SIZE(markers) && addr >= markers[st->marker].start)
		pr_info("---[ %s ]---\n", markers[st->marker++].name);
	st->in_run = true;
	st->start_va = addr;
	st->next_va = addr + level_size[level];
	st->start_pa = pa;
	st->next_pa = pa + level_size[level];
	st->prot = prot;
	st->level = level;
}

/* The leaf @val at @addr of @level: extend the current run (the common case), or start one. */
static inline void note_leaf(struct ptdump_state *st, unsigned long addr, int level, pteval_t val)
{
	unsigned long prot = val & ((1UL << _PAGE_PFN_SHIFT) - 1);
	phys_addr_t pa = pte_pfn(__pte(val)) << PAGE_SHIFT;

	if ((prot & _PAGE_WRITE) && (prot & _PAGE_EXEC))
		st->wx_pages += level_size[level] >> PAGE_SHIFT;
	if (st->in_run && addr == st->next_va && pa == st->next_pa && prot == st->prot &&
	    level == st->level) {
		st->next_va += level_size[level];
		st->next_pa += level_size[level];
		return;
	}
	start_run(st, addr, level, prot, pa);
}

/*
 * Linux's note_page(): the entry @val at @addr of @level (0 the pgd, 2 the
 * PTE) is a leaf, or not present (0 for none), which ends a run. Most
 * entries are not present: that case stays a test and a call.
 */
static inline void note_page(struct ptdump_state *st, unsigned long addr, int level, pteval_t val)
{
	if (val & _PAGE_PRESENT)
		note_leaf(st, addr, level, val);
	else
		end_run(st);
}

static void ptdump_pte_range(struct ptdump_state *st, pmd_t *pmd, unsigned long addr,
			     unsigned long end)
{
	pte_t *pte = pte_offset_kernel(pmd, addr);

	do {
		/* A non-leaf PTE is reserved (4.3.2 step 4): not a page. */
		if (!pte_present(*pte) || (pte_val(*pte) & _PAGE_LEAF))
			note_page(st, addr, 2, pte_val(*pte));
	} while (pte++, addr += PAGE_SIZE, addr != end);
}

static void ptdump_pmd_range(struct ptdump_state *st, pgd_t *pgd, unsigned long addr,
			     unsigned long end)
{
	pmd_t *pmd = pmd_offset(pgd, addr);
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		if (pmd_present(*pmd) && !pmd_leaf(*pmd))
			ptdump_pte_range(st, pmd, addr, next);
		else
			note_page(st, addr, 1, pmd_val(*pmd));
	} while (pmd++, addr = next, addr != end);
}

/* [addr, end) of the address space, in the table @pgdp; an @end of 0 is the top. */
static void ptdump_pgd_range(struct ptdump_state *st, pgd_t *pgdp, unsigned long addr,
			     unsigned long end)
{
	pgd_t *pgd = pgd_offset_pgd(pgdp, addr);
	unsigned long next;

	do {
		next = pgd_addr_end(addr, end);
		if (pgd_present(*pgd) && !pgd_leaf(*pgd))
			ptdump_pmd_range(st, pgd, addr, next);
		else
			note_page(st, addr, 0, pgd_val(*pgd));
	} while (pgd++, addr = next, addr != end);
}

/*
 * Sv39 addresses are bit 38 sign-extended (4.4.1): the user half is
 * [0, 2^38), the kernel half [-2^38, 0); the walk takes them in that order.
 */
#define SV39_KERNEL_START (~0UL << 38)

unsigned long ptdump_walk(pgd_t *pgd, bool print)
{
	struct ptdump_state st = { .print = print };

	if (print)
		pr_info("---[ Kernel page table (swapper_pg_dir) ]---\n");
	ptdump_pgd_range(&st, pgd, 0, 1UL << 38);
	ptdump_pgd_range(&st, pgd, SV39_KERNEL_START, 0);
	end_run(&st);
	return st.wx_pages;
}
