/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for the kernel's <asm/page.h>: "physical memory" is a large
 * lazily committed mapping (tests/host/fakemem.c); physical address P lives
 * at host_phys_base + P, so tests may use the real machines' addresses.
 */
#ifndef HOST_ASM_PAGE_H
#define HOST_ASM_PAGE_H

#include <types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
/* User space: the lower half of Sv39, 256 GiB (Linux riscv64 with Sv39). */
#define TASK_SIZE 0x4000000000UL

/* Physical addresses below this are backed on the host. */
#define HOST_PHYS_LIMIT (1ULL << 36)

extern char *host_phys_base;

/* The struct page array, indexed by pfn (a lazily committed mapping too). */
struct page;
extern struct page *host_vmemmap;
#define vmemmap host_vmemmap

#define __va(pa) ((void *)(host_phys_base + (phys_addr_t)(pa)))
#define __pa(va) ((phys_addr_t)((char *)(va)-host_phys_base))
#define is_linear_mapping(va) \
	((char *)(va) >= host_phys_base && (char *)(va) < host_phys_base + HOST_PHYS_LIMIT)

#endif
