/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page size and the two linear translations between kernel virtual and
 * physical addresses: the kernel image (linked at KERNEL_LINK_ADDR, loaded
 * wherever the boot loader put it) and the direct map at PAGE_OFFSET.
 */
#ifndef LOAM_ASM_PAGE_H
#define LOAM_ASM_PAGE_H

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_OFFSET 0xffffffd800000000UL
#define KERNEL_LINK_ADDR 0xffffffff80000000UL
/* User space: the lower half of Sv39, 256 GiB (Linux riscv64 with Sv39). */
#define TASK_SIZE 0x4000000000UL
/* struct page array: 4 GiB of it covers 2^26 pages of 64 bytes, 256 GiB of RAM. */
#define VMEMMAP_START 0xffffffc700000000UL
#define VMEMMAP_END 0xffffffc800000000UL

#ifndef __ASSEMBLER__
#include <types.h>

struct kernel_mapping {
	unsigned long virt_addr; /* KERNEL_LINK_ADDR */
	phys_addr_t phys_addr; /* where the image was loaded */
	unsigned long size; /* _end - _start */
	unsigned long va_kernel_pa_offset; /* virt_addr - phys_addr */
	unsigned long va_pa_offset; /* PAGE_OFFSET - phys_ram_base */
	phys_addr_t phys_ram_base; /* mapped at PAGE_OFFSET */
};
extern struct kernel_mapping kernel_map;

#define __va(pa) ((void *)((unsigned long)(pa) + kernel_map.va_pa_offset))
#define __pa_symbol(va) ((phys_addr_t)((unsigned long)(va)-kernel_map.va_kernel_pa_offset))
#define __pa(va)                                   \
	((unsigned long)(va) >= KERNEL_LINK_ADDR ? \
		 __pa_symbol(va) :                 \
		 (phys_addr_t)((unsigned long)(va)-kernel_map.va_pa_offset))
#define virt_to_phys(va) __pa(va)

/*
 * The struct page of pfn N is vmemmap[N]: the array is indexed from the
 * first pfn the direct map covers, as in Linux's riscv port. The base is a
 * variable (x86's vmemmap_base), set with phys_ram_base, rather than worked
 * out from phys_ram_base at every page_to_pfn(): every free needs one.
 */
extern unsigned long vmemmap_base;
#define vmemmap ((struct page *)vmemmap_base)
#define phys_to_virt(pa) __va(pa)
/* Is @va in the direct map (which spans at most 128 GiB of physical addresses)? */
#define is_linear_mapping(va) \
	((unsigned long)(va) >= PAGE_OFFSET && (unsigned long)(va) < PAGE_OFFSET + (1UL << 37))

#endif /* __ASSEMBLER__ */
#endif
