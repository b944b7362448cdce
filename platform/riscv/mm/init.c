// SPDX-License-Identifier: GPL-2.0
/*
 * From the memory map to the final kernel page table, in two steps:
 *
 * setup_early_linear_map() runs as soon as memblock knows the memory (and
 * mem= has been applied): it maps each gigabyte holding memory at PAGE_OFFSET
 * in early_pg_dir with 1 GiB leaves, which needs no table allocation. From
 * then on __va() works, memblock can grow its arrays and hand out memory.
 *
 * paging_init() builds swapper_pg_dir properly: the direct map of every
 * memory range except NOMAP ones, with the largest pages alignment allows,
 * the kernel image with W^X permissions, and the fixmap; then switches to it.
 * The identity mapping of early_pg_dir is not carried over.
 */
#define pr_fmt(fmt) "mm: " fmt

#include <asm/csr.h>
#include <asm/sbi.h>
#include <asm/pgtable.h>
#include <init.h>
#include <kernel.h>
#include <memblock.h>
#include <mm.h>
#include <of_fdt.h>
#include <uapi/errno.h>
#include <vmstat.h>
#include <params.h>
#include <printk.h>
#include <sections.h>

pgd_t swapper_pg_dir[PTRS_PER_PGD] __page_aligned_bss;
unsigned long swapper_satp;
/* The address of vmemmap[0], pfn 0's struct page (asm/page.h): set with phys_ram_base. */
unsigned long vmemmap_base;

static bool ptdump_enabled;

static int __init __init_ptdump(char *arg)
{
	ptdump_enabled = true;
	return 0;
}
early_param("ptdump", __init_ptdump);

void set_fixmap(enum fixed_addresses idx, phys_addr_t pa, unsigned long prot)
{
	unsigned long va = fix_to_virt(idx);

	set_pte(&fixmap_pte[pte_index(va)], pfn_pte(pa >> PAGE_SHIFT, prot));
	local_flush_tlb_page(va);
}

void __init setup_early_linear_map(void)
{
	struct memblock_region *r;
	phys_addr_t g, top;

	/*
	 * PAGE_OFFSET maps the gigabyte holding the lowest memory, so that
	 * physical and virtual addresses agree modulo 1 GiB and the direct map
	 * can use gigapages wherever memory is aligned.
	 */
	kernel_map.phys_ram_base = ALIGN_DOWN(memblock_start_of_DRAM(), PGDIR_SIZE);
	kernel_map.va_pa_offset = PAGE_OFFSET - kernel_map.phys_ram_base;
	vmemmap_base =
		VMEMMAP_START - (kernel_map.phys_ram_base >> PAGE_SHIFT) * sizeof(struct page);

	top = kernel_map.phys_ram_base + DIRECT_MAP_SIZE;
	if (memblock_end_of_DRAM() > top) {
		pr_warn("memory above 0x%llx is beyond the direct map's %lu GiB, ignored\n",
			(unsigned long long)top, DIRECT_MAP_SIZE >> 30);
		memblock_remove(top, PHYS_ADDR_MAX - top);
	}

	for_each_mem_region(r)
		for (g = ALIGN_DOWN(r->base, PGDIR_SIZE); g < r->base + r->size; g += PGDIR_SIZE)
			set_pgd(pgd_offset_pgd(early_pg_dir, (unsigned long)__va(g)),
				pfn_pgd(g >> PAGE_SHIFT, PAGE_KERNEL));
	local_flush_tlb_all();
}

/* mem=: the most memory to use (Linux's arch/riscv/mm/init.c); 0, none given. */
static phys_addr_t memory_limit;

static int __init early_mem(char *p)
{
	if (!p)
		return -1;
	memory_limit = memparse(p, &p);
	return *p ? -1 : 0;
}
early_param("mem", early_mem);

static phys_addr_t __init free_memory(void)
{
	phys_addr_t start, end, total = 0;
	u64 i;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL)
		total += end - start;
	return total;
}

void __init setup_bootmem(const void *fdt, struct dt_boot_info *info)
{
	phys_addr_t kstart = kernel_map.phys_addr, kend = kstart + kernel_map.size;

	if (memory_limit) {
		/* Without the "mm: " prefix, as Linux's file has no pr_fmt. */
		printk(KERN_NOTICE "Memory limited to %lluMB by mem=\n",
		       (unsigned long long)(memory_limit >> 20));
		memblock_enforce_memory_limit(memory_limit);
	}
	if (!memblock_is_memory(kstart) || !memblock_is_memory(kend - 1))
		panic("The kernel image [0x%llx-0x%llx] is not in memory (mem= too small?)",
		      (unsigned long long)kstart, (unsigned long long)(kend - 1));

	setup_early_linear_map();
	memblock_allow_resize();
	if (memblock_reserve(kstart, kernel_map.size) ||
	    early_init_fdt_reserve(fdt, dtb_early_pa, info))
		panic("Cannot reserve the kernel image and what the device tree describes");
	memblock_dump_all();
	if (!free_memory())
		panic("No usable memory: all 0x%llx bytes of memory are reserved",
		      (unsigned long long)memblock_phys_mem_size());
}

static void __init map_or_panic(unsigned long va, phys_addr_t pa, phys_addr_t size,
				unsigned long prot)
{
	if (size && create_mapping_range(swapper_pg_dir, va, pa, size, prot))
		panic("Failed to build the kernel page table");
}

/*
 * Direct map of [start, end). The image's text and rodata also appear here;
 * like Linux, map that alias read-only and non-executable so that no
 * writable mapping of kernel code exists.
 */
static void __init map_linear(phys_addr_t start, phys_addr_t end)
{
	phys_addr_t ro_start = __pa_symbol(_stext), ro_end = __pa_symbol(__end_rodata);
	phys_addr_t a = clamp(ro_start, start, end), b = clamp(ro_end, start, end);

	map_or_panic((unsigned long)__va(start), start, a - start, PAGE_KERNEL);
	map_or_panic((unsigned long)__va(a), a, b - a, PAGE_KERNEL_READ);
	map_or_panic((unsigned long)__va(b), b, end - b, PAGE_KERNEL);
}

static void __init map_kernel_section(char *start, char *end, unsigned long prot)
{
	map_or_panic((unsigned long)start, __pa_symbol(start), end - start, prot);
}

static void __init print_vm_layout(void)
{
	pr_info("Virtual kernel memory layout:\n");
	pr_info("      fixmap : 0x%016lx - 0x%016lx   (%5lu kB)\n", FIXADDR_START, FIXADDR_TOP,
		(FIXADDR_TOP - FIXADDR_START) >> 10);
	pr_info("     vmemmap : 0x%016lx - 0x%016lx   (%5lu MB)\n", VMEMMAP_START, VMEMMAP_END,
		(VMEMMAP_END - VMEMMAP_START) >> 20);
	pr_info("     vmalloc : 0x%016lx - 0x%016lx   (%5lu GB)\n", VMALLOC_START, VMALLOC_END,
		(VMALLOC_END - VMALLOC_START) >> 30);
	pr_info("      lowmem : 0x%016lx - 0x%016lx   (%5lu MB)\n", PAGE_OFFSET,
		(unsigned long)__va(memblock_end_of_DRAM()),
		(unsigned long)(memblock_end_of_DRAM() - kernel_map.phys_ram_base) >> 20);
	pr_info("      kernel : 0x%016lx - 0x%016lx   (%5lu kB)\n", kernel_map.virt_addr,
		(unsigned long)_end, kernel_map.size >> 10);
}

/*
 * Linux's debug_checkwx(): no kernel mapping may be writable and executable
 * (and with "ptdump", the whole table). Run when paging_init() has built
 * swapper_pg_dir and again when free_initmem() has changed it.
 */
static void debug_checkwx(void)
{
	unsigned long wx = ptdump_walk(swapper_pg_dir, ptdump_enabled);

	if (wx)
		pr_warn("Checked W+X mappings: failed, %lu W+X pages found\n", wx);
	else
		pr_info("Checked W+X mappings: passed, no W+X pages found\n");
}

void __init paging_init(void)
{
	phys_addr_t start, end;
	u64 i;

	for_each_mem_range(i, &start, &end)
		map_linear(start, end);

	map_kernel_section(_stext, _etext, PAGE_KERNEL_READ_EXEC);
	map_kernel_section(__start_rodata, __end_rodata, PAGE_KERNEL_READ);
	map_kernel_section(__init_text_begin, __init_text_end, PAGE_KERNEL_READ_EXEC);
	map_kernel_section(__init_data_begin, __init_data_end, PAGE_KERNEL);
	map_kernel_section(_sdata, _end, PAGE_KERNEL);

	set_pgd(pgd_offset_k(FIXADDR_START),
		pfn_pgd(__pa_symbol(fixmap_pmd) >> PAGE_SHIFT, PAGE_TABLE));

	swapper_satp = make_satp(__pa_symbol(swapper_pg_dir));
	csr_write(satp, swapper_satp);
	local_flush_tlb_all();

	print_vm_layout();
	debug_checkwx();
}

int vmemmap_populate(unsigned long start, unsigned long end, int nid)
{
	/* Not zeroed: memmap_init() writes every struct page. */
	void *p =
		memblock_alloc_try_nid_raw(end - start, PAGE_SIZE, 0, MEMBLOCK_ALLOC_ANYWHERE, nid);

	if (!p)
		return -ENOMEM;
	return create_mapping_range(swapper_pg_dir, start, __pa(p), end - start, PAGE_KERNEL);
}

/* Zones: DMA32 is the memory below 4 GiB (physical), Normal the rest. */
void __init misc_mem_init(void)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = { 0 };
	phys_addr_t end = memblock_end_of_DRAM();

	max_zone_pfn[ZONE_DMA32] = PFN_DOWN(min(end, (phys_addr_t)SZ_4G));
	max_zone_pfn[ZONE_NORMAL] = PFN_DOWN(end);
	free_area_init(max_zone_pfn);
	pr_info("struct page: %zu bytes, vmemmap at 0x%lx\n", sizeof(struct page),
		(unsigned long)pfn_to_page(PFN_DOWN(memblock_start_of_DRAM())));
}

static void __init mem_init_print_info(void)
{
	unsigned long physpages = 0, total = totalram_pages();
	int nid;

	for_each_online_node(nid)
		physpages += NODE_DATA(nid)->node_present_pages;
	printk(KERN_INFO "Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, "
			 "%luK init, %luK bss, %luK reserved)\n",
	       total << (PAGE_SHIFT - 10), physpages << (PAGE_SHIFT - 10),
	       (unsigned long)(_etext - _stext) >> 10, (unsigned long)(_edata - _sdata) >> 10,
	       (unsigned long)(__end_rodata - __start_rodata) >> 10,
	       (unsigned long)(__init_end - __init_begin) >> 10,
	       (unsigned long)(__bss_stop - __bss_start) >> 10,
	       (physpages - total) << (PAGE_SHIFT - 10));
}

void __init mem_init(void)
{
	memblock_free_all();
	mem_init_print_info();
}

/*
 * Clear @clear in the kernel mapping's 4 KiB leaves over [start, end), a
 * range of the image that paging_init() mapped page by page (its sections
 * are page-aligned and far smaller than 2 MiB), then flush every hart's TLB:
 * Linux's set_memory_nx() (arch/riscv/mm/pageattr.c) for what Loam needs.
 */
static void clear_kernel_memory_prot(char *start, char *end, unsigned long clear)
{
	unsigned long va;

	for (va = (unsigned long)start; va < (unsigned long)end; va += PAGE_SIZE) {
		pgd_t *pgd = pgd_offset_k(va);
		pmd_t *pmd;
		pte_t *pte;

		if (pgd_bad(*pgd))
			panic("free_initmem: 0x%lx is not mapped by a page table", va);
		pmd = pmd_offset(pgd, va);
		if (pmd_bad(*pmd))
			panic("free_initmem: 0x%lx is not mapped by 4 KiB pages", va);
		pte = pte_offset_kernel(pmd, va);
		set_pte(pte, __pte(pte_val(ptep_get(pte)) & ~clear));
	}
	sbi_remote_sfence_vma((unsigned long)start, end - start);
	local_flush_tlb_all();
}

/*
 * As Linux's riscv free_initmem() (arch/riscv/mm/init.c): once the boot is
 * over, the image's init sections (the __init code, tests/kernel/ and their
 * tables) stop being executable in the kernel mapping (their direct-map
 * alias was never executable), and their pages go to the buddy allocator,
 * poisoned. Called by start_kernel() after run_boot_tests(): the self-tests
 * wait for the threads they start (tests/kernel/sched_test.c), and a crash=
 * test never returns.
 */
void free_initmem(void)
{
	clear_kernel_memory_prot(__init_begin, __init_end, _PAGE_EXEC);
	free_reserved_area(__init_begin, __init_end, POISON_FREE_INITMEM,
			   "unused kernel image (initmem)");
	debug_checkwx();
}
