/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Saving and loading a task's f0-f31 and fcsr (Linux's
 * arch/riscv/kernel/fpu.S), for <asm/switch_to.h>. The kernel is built
 * without F and D, and runs with sstatus.FS Off: these two routines alone
 * turn the FPU on (privileged spec 4.1.1.6: FS Off makes every FP
 * instruction illegal), do their work and turn it off again.
 */
#include <asm/csr.h>

	.option	push
	.option	arch, +d

/* __fstate_save(struct __riscv_d_ext_state *state): the FPU's registers into @state. */
	.text
	.globl	__fstate_save
__fstate_save:
	li	t1, SR_FS
	csrs	CSR_SSTATUS, t1
	frcsr	t0
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fsd	f\n, \n*8(a0)
	.endr
	sw	t0, 32*8(a0)
	csrc	CSR_SSTATUS, t1
	ret

/* __fstate_restore(const struct __riscv_d_ext_state *state): @state into the FPU. */
	.globl	__fstate_restore
__fstate_restore:
	li	t1, SR_FS
	csrs	CSR_SSTATUS, t1
	lw	t0, 32*8(a0)
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fld	f\n, \n*8(a0)
	.endr
	fscsr	t0
	csrc	CSR_SSTATUS, t1
	ret

	.option	pop
