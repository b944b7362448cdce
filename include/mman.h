/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's side of memory mappings: the VMA flags (Linux's VM_* values,
 * include/linux/mm.h) and the translation from mmap's PROT_* and MAP_* bits
 * (include/linux/mman.h). The ABI itself is <uapi/mman.h>.
 */
#ifndef LOAM_MMAN_H
#define LOAM_MMAN_H

#include <uapi/mman.h>

/*
 * VM_READ/WRITE/EXEC/SHARED say what the VMA allows now; the VM_MAY* bits
 * what mprotect may turn on later (always all of them for anonymous memory).
 */
#define VM_NONE 0x00000000UL
#define VM_READ 0x00000001UL
#define VM_WRITE 0x00000002UL
#define VM_EXEC 0x00000004UL
#define VM_SHARED 0x00000008UL
#define VM_MAYREAD 0x00000010UL
#define VM_MAYWRITE 0x00000020UL
#define VM_MAYEXEC 0x00000040UL
#define VM_MAYSHARE 0x00000080UL
#define VM_GROWSDOWN 0x00000100UL /* a stack: page faults just below extend it */
#define VM_LOCKED 0x00002000UL
#define VM_LOCKONFAULT 0x00080000UL /* mlock2(MLOCK_ONFAULT): locked as pages fault in */
#define VM_SEQ_READ 0x00008000UL /* MADV_SEQUENTIAL */
#define VM_RAND_READ 0x00010000UL /* MADV_RANDOM */
#define VM_DONTCOPY 0x00020000UL /* MADV_DONTFORK: a fork's child does not get it */
#define VM_ACCOUNT 0x00100000UL /* charged to the commit count (private writable) */
#define VM_NORESERVE 0x00200000UL /* MAP_NORESERVE: not charged */
#define VM_WIPEONFORK 0x02000000UL /* MADV_WIPEONFORK: a fork's child gets zeroes */
#define VM_DONTDUMP 0x04000000UL /* MADV_DONTDUMP: left out of core dumps */
#define VM_HUGEPAGE 0x20000000UL /* MADV_HUGEPAGE (Loam has no huge pages to give) */
#define VM_NOHUGEPAGE 0x40000000UL /* MADV_NOHUGEPAGE */
#define VM_MERGEABLE 0x80000000UL /* MADV_MERGEABLE (Loam has no KSM to merge) */
/*
 * MAP_DROPPABLE (Linux 6.11, 64-bit only: VM_DROPPABLE_BIT 40): its pages are
 * never swapped, reclaim drops them and they read back as zeroes.
 */
#define VM_DROPPABLE (1UL << 40)
/*
 * mseal(): the VMA may not be unmapped, moved, resized, remapped over or
 * reprotected, nor its read-only private anonymous pages discarded (Linux
 * 6.12's VM_SEALED, bit 63 on 64-bit machines; mm/mseal.c).
 */
#define VM_SEALED (1UL << 63)

#define VM_ACCESS_FLAGS (VM_READ | VM_WRITE | VM_EXEC)
/* RISC-V stacks grow down (Linux's VM_STACK for !CONFIG_STACK_GROWSUP). */
/* mlock()'s two flags, which mlock_fixup() sets and clears together (Linux's VM_LOCKED_MASK). */
#define VM_LOCKED_MASK (VM_LOCKED | VM_LOCKONFAULT)

#define VM_STACK VM_GROWSDOWN
/* What exec gives the stack VMA (VM_STACK_DEFAULT_FLAGS on riscv, plus VM_STACK). */
#define VM_STACK_FLAGS \
	(VM_STACK | VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_ACCOUNT)
/* The brk heap: riscv's VM_DATA_DEFAULT_FLAGS (VM_DATA_FLAGS_NON_EXEC). */
#define VM_DATA_DEFAULT_FLAGS (VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

/* PROT_* to VM_* (the low three bits are equal, as in Linux). */
static inline unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
}

/* MAP_* bits that become VMA flags. */
static inline unsigned long calc_vm_flag_bits(unsigned long flags)
{
	return (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) | (flags & MAP_LOCKED ? VM_LOCKED : 0);
}

#endif
