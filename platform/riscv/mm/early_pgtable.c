// SPDX-License-Identifier: GPL-2.0
/*
 * The first page table, built by setup_vm() while the MMU is still off and
 * the kernel runs at its physical load address. Everything here must be
 * position independent: globals are reached PC-relatively (medany), which
 * yields their physical addresses; no jump tables, no absolute pointers (the
 * Makefile builds this file with -fno-jump-tables).
 *
 * early_pg_dir maps:
 *  - the gigabyte(s) holding the image at their own address (identity), for
 *    the instructions between the satp write and the jump to the link address;
 *  - the image at KERNEL_LINK_ADDR in 2 MiB pages (early_pmd);
 *  - the fixmap (fixmap_pmd/fixmap_pte) with the DTB's 4 MiB window, so that
 *    start_kernel() can read the DTB before any memory is known.
 */
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/sbi.h>
#include <kernel.h>
#include <asm/pgtable.h>
#include <sections.h>

struct kernel_mapping kernel_map;
phys_addr_t dtb_early_pa;
void *dtb_early_va;

pgd_t early_pg_dir[PTRS_PER_PGD] __page_aligned_bss;
static pmd_t early_pmd[PTRS_PER_PMD] __page_aligned_bss;
pmd_t fixmap_pmd[PTRS_PER_PMD] __page_aligned_bss;
pte_t fixmap_pte[PTRS_PER_PTE] __page_aligned_bss;

/* Nothing is set up yet: print through the legacy SBI console and stop. */
static void early_puts(const char *msg)
{
	while (*msg)
		sbi_ecall(SBI_EXT_0_1_CONSOLE_PUTCHAR, 0, (unsigned char)*msg++, 0, 0, 0, 0, 0);
}

static __noreturn void early_die(const char *msg)
{
	early_puts(msg);
	sbi_ecall(SBI_EXT_SRST, SBI_EXT_SRST_RESET, SBI_SRST_RESET_TYPE_SHUTDOWN,
		  SBI_SRST_RESET_REASON_SYS_FAILURE, 0, 0, 0, 0);
	for (;;)
		;
}

static void early_puthex(unsigned long v)
{
	int shift;

	early_puts("0x");
	for (shift = 60; shift >= 0; shift -= 4)
		sbi_ecall(SBI_EXT_0_1_CONSOLE_PUTCHAR, 0, "0123456789abcdef"[(v >> shift) & 15], 0,
			  0, 0, 0, 0);
}

/* head.S's trap vector until start_kernel() installs the real one. */
__noreturn void early_trap_report(unsigned long cause, unsigned long epc, unsigned long tval)
{
	early_puts("Loam: trap during early boot: scause=");
	early_puthex(cause);
	early_puts(" sepc=");
	early_puthex(epc);
	early_puts(" stval=");
	early_puthex(tval);
	early_die("\n");
}

static unsigned long pa_pfn(const void *p)
{
	return (unsigned long)p >> PAGE_SHIFT;
}

unsigned long setup_vm(phys_addr_t dtb_pa)
{
	phys_addr_t pa = (phys_addr_t)_start; /* PC-relative: the load address */
	unsigned long size = (unsigned long)(_end - _start);
	phys_addr_t g, fdt_base;
	unsigned long off;

	if (pa & (PMD_SIZE - 1))
		early_die("Loam: the image must be loaded at a 2 MiB-aligned address\n");
	/* Sv39 virtual addresses have 39 bits: an identity map needs PA < 2^38. */
	if ((pa + size) >> 38)
		early_die("Loam: loaded above 256 GiB, cannot identity-map the image\n");

	kernel_map.phys_addr = pa;
	kernel_map.virt_addr = KERNEL_LINK_ADDR;
	kernel_map.size = size;
	kernel_map.va_kernel_pa_offset = KERNEL_LINK_ADDR - pa;

	for (g = ALIGN_DOWN(pa, PGDIR_SIZE); g < pa + size; g += PGDIR_SIZE)
		set_pgd(pgd_offset_pgd(early_pg_dir, g),
			pfn_pgd(g >> PAGE_SHIFT, PAGE_KERNEL_EXEC));

	set_pgd(pgd_offset_pgd(early_pg_dir, KERNEL_LINK_ADDR),
		pfn_pgd(pa_pfn(early_pmd), PAGE_TABLE));
	for (off = 0; off < size; off += PMD_SIZE)
		set_pmd(&early_pmd[pmd_index(KERNEL_LINK_ADDR + off)],
			pfn_pmd((pa + off) >> PAGE_SHIFT, PAGE_KERNEL_EXEC));

	set_pgd(pgd_offset_pgd(early_pg_dir, FIXADDR_START),
		pfn_pgd(pa_pfn(fixmap_pmd), PAGE_TABLE));
	set_pmd(&fixmap_pmd[pmd_index(FIXADDR_START)], pfn_pmd(pa_pfn(fixmap_pte), PAGE_TABLE));

	/* Two 2 MiB pages hold any DTB of up to 2 MiB, wherever it starts. */
	fdt_base = ALIGN_DOWN(dtb_pa, PMD_SIZE);
	set_pmd(&fixmap_pmd[pmd_index(FIX_FDT_ADDR)],
		pfn_pmd(fdt_base >> PAGE_SHIFT, PAGE_KERNEL_READ));
	set_pmd(&fixmap_pmd[pmd_index(FIX_FDT_ADDR + PMD_SIZE)],
		pfn_pmd((fdt_base + PMD_SIZE) >> PAGE_SHIFT, PAGE_KERNEL_READ));
	dtb_early_pa = dtb_pa;
	dtb_early_va = (void *)(FIX_FDT_ADDR + (dtb_pa - fdt_base));

	return make_satp((phys_addr_t)early_pg_dir);
}
