/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MMIO accessors with Linux's names and ordering (arch/riscv/include/asm/mmio.h):
 * a write is ordered after earlier memory writes (fence w,o: a device told to
 * look at a ring sees what was written there), a read before later memory
 * reads (fence i,r: data a status register vouches for is read after it).
 * Registers are accessed with their own width: the PLIC accepts 32-bit
 * accesses only.
 */
#ifndef LOAM_ASM_IO_H
#define LOAM_ASM_IO_H

#include <types.h>

static inline u32 readl(const volatile void *addr)
{
	u32 v = *(const volatile u32 *)addr;

	__asm__ __volatile__("fence i,r" : : : "memory");
	return v;
}

static inline u8 readb(const volatile void *addr)
{
	u8 v = *(const volatile u8 *)addr;

	__asm__ __volatile__("fence i,r" : : : "memory");
	return v;
}

static inline void writel(u32 v, volatile void *addr)
{
	__asm__ __volatile__("fence w,o" : : : "memory");
	*(volatile u32 *)addr = v;
}

static inline void writeb(u8 v, volatile void *addr)
{
	__asm__ __volatile__("fence w,o" : : : "memory");
	*(volatile u8 *)addr = v;
}

/* Ordering between normal memory accesses, seen by a device (virtio rings). */
#define rmb() __asm__ __volatile__("fence r,r" : : : "memory")
#define wmb() __asm__ __volatile__("fence w,w" : : : "memory")

#endif
