/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel entry. The firmware (OpenSBI fw_dynamic, or U-Boot's booti) jumps
 * to the start of the image in S-mode with the MMU off, a0 = hart id and
 * a1 = physical address of the DTB (SBI spec 2.0, and Linux's RISC-V boot
 * requirements). The image may be loaded at any 2 MiB-aligned address, so
 * everything before the MMU is on is position independent: medany code
 * reaches symbols PC-relatively, which gives their physical address.
 */
#include <asm/csr.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/thread_info.h>
#include <smp.h>

	.section .head.text, "ax"
	.globl _start
_start:
	/*
	 * Linux RISC-V image header (Documentation/arch/riscv/boot-image-header.rst),
	 * so that U-Boot's booti and other Linux loaders accept the image.
	 */
	.option push
	.option norvc
	j	_start_kernel		/* code0: a 4-byte jump */
	.word	0			/* code1 */
	.balign	8
	.dword	0x200000		/* text_offset from the start of RAM */
	.dword	_end - _start		/* image_size, bss included */
	.dword	0			/* flags: little endian */
	.word	2			/* version 0.2 */
	.word	0			/* res1 */
	.dword	0			/* res2 */
	.ascii	"RISCV\0\0\0"		/* magic (deprecated) */
	.ascii	"RSC\x05"		/* magic2 */
	.word	0			/* res3 */
	.option pop

_start_kernel:
	csrw	CSR_SIE, zero
	/* The kernel never uses the FPU: FS Off (the firmware may leave it on). */
	li	t0, SR_FS
	csrc	CSR_SSTATUS, t0
	csrw	CSR_SIP, zero
	lla	t0, early_trap
	csrw	CSR_STVEC, t0

	/*
	 * Hart lottery, as in Linux: only the first hart to get here boots.
	 * Another one arrives here when firmware sends a hart that smp_init()
	 * is starting to the cold-boot entry: OpenSBI 1.1's HSM hart_start
	 * marks the hart STARTING before it stores the start address and
	 * argument, so a hart that leaves wfi in between takes the stale ones
	 * (this entry, a1 = DTB). Send it where it was meant to go.
	 */
	lla	t0, hart_lottery
	li	t1, 1
	amoadd.w t1, t1, (t0)
	bnez	t1, .Lsecondary_from_start

	/* Clear .bss (the early page tables and the boot stack live there). */
	lla	t0, __bss_start
	lla	t1, __bss_stop
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	lla	sp, init_stack_top
	mv	s1, a0			/* hart id */
	mv	s2, a1			/* DTB physical address */

	/* Build early_pg_dir (identity + kernel + fixmap) at physical addresses. */
	mv	a0, s2
	call	setup_vm
	csrw	CSR_SATP, a0
	sfence.vma

	/* Still running from the identity mapping: jump to the link address. */
	ld	t0, .Lboot_high
	jr	t0
.Lboot_high_target:
	la	sp, init_stack_top
	la	tp, cpu_info		/* cpu_info[0]: the boot hart is CPU 0 */
	la	t0, handle_exception
	csrw	CSR_STVEC, t0
	csrw	CSR_SSCRATCH, zero	/* we are in the kernel: see entry.S */
	mv	a0, s1
	mv	a1, s2
	li	s0, 0			/* end of the frame-pointer chain */
	li	ra, 0
	tail	start_kernel

/*
 * A secondary hart that came in through _start (see the lottery): its
 * logical CPU is the entry of __cpu_up_hartid holding its hart id (a0).
 * smp_init() fills the entries in order, so the first match is the CPU
 * being started, even for hart id 0 among still-empty entries.
 */
.Lsecondary_from_start:
	lla	t0, __cpu_up_hartid
	li	a1, 1
	li	t2, NR_CPUS
1:	bgeu	a1, t2, .Lpark
	slli	t3, a1, 3
	add	t3, t0, t3
	ld	t4, 0(t3)
	beq	t4, a0, secondary_start_sbi
	addi	a1, a1, 1
	j	1b
.Lpark:
	wfi
	j	.Lpark

/*
 * Secondary harts, started with SBI HSM hart_start (SBI spec 9.1): a0 = hart
 * id, a1 = opaque = our logical CPU number, MMU off. They enter through
 * early_pg_dir, which still identity-maps the image, then switch to
 * swapper_pg_dir like the boot hart did.
 */
	.globl secondary_start_sbi
secondary_start_sbi:
	csrw	CSR_SIE, zero
	li	t0, SR_FS
	csrc	CSR_SSTATUS, t0
	csrw	CSR_SIP, zero
	lla	t0, early_trap
	csrw	CSR_STVEC, t0
	lla	t0, early_pg_dir
	srli	t0, t0, PAGE_SHIFT
	li	t1, SATP_MODE_SV39
	or	t0, t0, t1
	csrw	CSR_SATP, t0
	sfence.vma
	ld	t0, .Lsecondary_high
	jr	t0
.Lsecondary_high_target:
	la	t0, handle_exception
	csrw	CSR_STVEC, t0
	csrw	CSR_SSCRATCH, zero	/* we are in the kernel: see entry.S */
	slli	t1, a1, 3
	la	t0, __cpu_up_stack_pointer
	add	t0, t0, t1
	ld	sp, 0(t0)
	la	t0, __cpu_up_task_pointer
	add	t0, t0, t1
	ld	tp, 0(t0)
	la	t0, swapper_satp
	ld	t0, 0(t0)
	csrw	CSR_SATP, t0
	sfence.vma
	li	s0, 0
	li	ra, 0
	tail	secondary_start_kernel

/*
 * A trap before the kernel's own vector is installed (MMU off, or running
 * from the identity mapping): report it through the SBI console and shut
 * down with the failure reason, from a fresh stack.
 */
	.balign	4
early_trap:
	lla	sp, init_stack_top
	csrr	a0, CSR_SCAUSE
	csrr	a1, CSR_SEPC
	csrr	a2, CSR_STVAL
	call	early_trap_report

	/* In .data, not .bss: it is used before .bss is cleared. */
	.section .data
	.balign	4
	.globl	hart_lottery
hart_lottery:
	.word	0

	/* Boot stack of CPU 0; the other CPUs get theirs from memblock. */
	.section .bss
	/* Aligned like every kernel stack, for entry.S's overflow test (mm/vmalloc.c). */
	.balign	(2 * THREAD_SIZE)
init_stack:
	.space	THREAD_SIZE
init_stack_top:

	.section .rodata
	.balign	8
/* Link-time (virtual) addresses, loaded PC-relatively while at physical. */
.Lboot_high:
	.dword	.Lboot_high_target
.Lsecondary_high:
	.dword	.Lsecondary_high_target
