/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Calls into the SBI firmware (RISC-V Supervisor Binary Interface spec v2.0):
 * ecall with a7 = extension id, a6 = function id, a0-a5 = arguments; the
 * firmware returns an error in a0 and a value in a1 (chapter 3).
 */
#ifndef LOAM_ASM_SBI_H
#define LOAM_ASM_SBI_H

#include <types.h>

/*
 * Extension ids (EIDs) and function ids (FIDs), with the names of Linux's
 * arch/riscv/include/asm/sbi.h and the spec section that defines each.
 * The legacy extensions (chapter 5) take no FID: Loam passes 0.
 */
#define SBI_EXT_0_1_CONSOLE_PUTCHAR 0x01 /* 5.2 */
#define SBI_EXT_0_1_CONSOLE_GETCHAR 0x02 /* 5.3 */
#define SBI_EXT_0_1_SHUTDOWN 0x08 /* 5.9 */

#define SBI_EXT_BASE 0x10 /* chapter 4 */
#define SBI_EXT_BASE_GET_SPEC_VERSION 0 /* 4.1 */
#define SBI_EXT_BASE_GET_IMP_ID 1 /* 4.2 */
#define SBI_EXT_BASE_GET_IMP_VERSION 2 /* 4.3 */
#define SBI_EXT_BASE_PROBE_EXT 3 /* 4.4 */

#define SBI_EXT_TIME 0x54494D45 /* "TIME", chapter 6 */
#define SBI_EXT_TIME_SET_TIMER 0 /* 6.1 */

#define SBI_EXT_IPI 0x735049 /* "sPI", chapter 7 */
#define SBI_EXT_IPI_SEND_IPI 0 /* 7.1 */

#define SBI_EXT_RFENCE 0x52464E43 /* "RFNC", chapter 8 */
#define SBI_EXT_RFENCE_REMOTE_SFENCE_VMA 1 /* 8.2 */
#define SBI_EXT_RFENCE_REMOTE_SFENCE_VMA_ASID 2 /* 8.3 */

#define SBI_EXT_HSM 0x48534D /* "HSM", chapter 9 */
#define SBI_EXT_HSM_HART_START 0 /* 9.1 */

#define SBI_EXT_SRST 0x53525354 /* "SRST", chapter 10 */
#define SBI_EXT_SRST_RESET 0 /* 10.1 */

#define SBI_EXT_DBCN 0x4442434E /* "DBCN", chapter 12 */
#define SBI_EXT_DBCN_CONSOLE_WRITE 0 /* 12.1 */

/* HSM hart states (chapter 9, the table of states) */
#define SBI_HSM_STATE_STARTED 0
#define SBI_HSM_STATE_STOPPED 1

/* SRST reset types and reasons (10.1) */
#define SBI_SRST_RESET_TYPE_SHUTDOWN 0
#define SBI_SRST_RESET_REASON_NONE 0
#define SBI_SRST_RESET_REASON_SYS_FAILURE 1

#define SBI_SUCCESS 0
#define SBI_ERR_ALREADY_AVAILABLE (-6)

struct sbiret {
	long error;
	long value;
};

/*
 * One SBI call (SBI spec, chapter 3 "Binary Encoding"): ecall with the
 * extension ID in a7, the function ID in a6, arguments in a0-a5; the
 * firmware's error (SBI_SUCCESS or an SBI_ERR_*) and value come back.
 */
struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long arg0,
			unsigned long arg1, unsigned long arg2, unsigned long arg3,
			unsigned long arg4, unsigned long arg5);

/* Probe the firmware: spec version and the extensions Loam uses. */
void sbi_init(void);
/* Print what sbi_init() found, in Linux's words. */
void sbi_print_info(void);
void sbi_console_write(const char *s, size_t len);
int sbi_hart_start(unsigned long hartid, phys_addr_t start, unsigned long opaque);
void sbi_send_ipi(unsigned long hartid);
/* sfence.vma of [start, start + size) on every hart (this one included). */
void sbi_remote_sfence_vma(unsigned long start, unsigned long size);
/* sfence.vma of one ASID on the harts of @hart_mask (logical CPU numbers). */
void sbi_remote_sfence_vma_asid(unsigned long hart_mask, unsigned long asid);
__attribute__((noreturn)) void sbi_shutdown(bool failure);

#endif
