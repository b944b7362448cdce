/* SPDX-License-Identifier: GPL-2.0 */
/* Supervisor CSRs and their bits (RISC-V privileged spec v1.12, chapter 4). */
#ifndef LOAM_ASM_CSR_H
#define LOAM_ASM_CSR_H

#define CSR_SSTATUS 0x100
#define CSR_SIE 0x104
#define CSR_STVEC 0x105
#define CSR_SCOUNTEREN 0x106
#define CSR_SSCRATCH 0x140
#define CSR_SEPC 0x141
#define CSR_SCAUSE 0x142
#define CSR_STVAL 0x143
#define CSR_SIP 0x144
#define CSR_SATP 0x180
#define CSR_TIME 0xc01
#define CSR_INSTRET 0xc02

/* sstatus (4.1.1) */
#define SR_SIE (1UL << 1)
#define SR_SPIE (1UL << 5)
#define SR_SPP (1UL << 8)
#define SR_SUM (1UL << 18)
/* FS (4.1.1.6 "Extension Context Status"): Off, Initial, Clean, Dirty; SD sums them up */
#define SR_FS (3UL << 13)
#define SR_FS_OFF (0UL << 13)
#define SR_FS_INITIAL (1UL << 13)
#define SR_FS_CLEAN (2UL << 13)
#define SR_FS_DIRTY (3UL << 13)

/* sie / sip (4.1.3): software, timer and external interrupts */
#define IE_SSIE (1UL << 1)
#define IE_STIE (1UL << 5)
#define IE_SEIE (1UL << 9)

/* satp (4.1.11): MODE in bits 63:60, 8 = Sv39; PPN of the root table */
#define SATP_MODE_SV39 (8UL << 60)

/* scause (4.1.9, table 4.2): the interrupt bit and exception codes */
#define CAUSE_IRQ_FLAG (1UL << 63)
#define IRQ_S_SOFT 1
#define IRQ_S_TIMER 5
#define IRQ_S_EXT 9
#define EXC_INST_MISALIGNED 0
#define EXC_INST_ACCESS 1
#define EXC_ILLEGAL_INST 2
#define EXC_BREAKPOINT 3
#define EXC_LOAD_MISALIGNED 4
#define EXC_LOAD_ACCESS 5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS 7
#define EXC_ECALL_U 8
#define EXC_ECALL_S 9
#define EXC_INST_PAGE_FAULT 12
#define EXC_LOAD_PAGE_FAULT 13
#define EXC_STORE_PAGE_FAULT 15

#ifndef __ASSEMBLER__

#define csr_read(csr)                                                            \
	({                                                                       \
		unsigned long __v;                                               \
		__asm__ __volatile__("csrr %0, " #csr : "=r"(__v) : : "memory"); \
		__v;                                                             \
	})

#define csr_write(csr, val)                                                         \
	({                                                                          \
		unsigned long __v = (unsigned long)(val);                           \
		__asm__ __volatile__("csrw " #csr ", %0" : : "rK"(__v) : "memory"); \
	})

#define csr_read_clear(csr, val)                                                                   \
	({                                                                                         \
		unsigned long __v = (unsigned long)(val);                                          \
		__asm__ __volatile__("csrrc %0, " #csr ", %1" : "=r"(__v) : "rK"(__v) : "memory"); \
		__v;                                                                               \
	})

#define csr_set(csr, val)                                                           \
	({                                                                          \
		unsigned long __v = (unsigned long)(val);                           \
		__asm__ __volatile__("csrs " #csr ", %0" : : "rK"(__v) : "memory"); \
	})

#define csr_clear(csr, val)                                                         \
	({                                                                          \
		unsigned long __v = (unsigned long)(val);                           \
		__asm__ __volatile__("csrc " #csr ", %0" : : "rK"(__v) : "memory"); \
	})

static inline void local_flush_tlb_all(void)
{
	__asm__ __volatile__("sfence.vma" : : : "memory");
}

static inline void local_flush_tlb_page(unsigned long va)
{
	__asm__ __volatile__("sfence.vma %0" : : "r"(va) : "memory");
}

static inline void wait_for_interrupt(void)
{
	__asm__ __volatile__("wfi");
}

#endif /* __ASSEMBLER__ */
#endif
