/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The user-copy loops (see <uaccess.h>). Each load or store that touches user
 * memory has an __ex_table entry: on a fault, do_page_fault() resumes at the
 * fixup, which clears SUM again and returns the bytes left. Byte at a time,
 * then doubleword at a time once both pointers are 8-byte aligned.
 */
#include <asm/csr.h>

#define EX(fixup, insn...)			\
	100: insn;				\
	.pushsection __ex_table, "a";		\
	.balign 8;				\
	.dword 100b, fixup;			\
	.popsection

	.text
/* __asm_copy(dst, src, n): a0 = dst, a1 = src, a2 = n; returns the bytes not copied. */
	.globl	__asm_copy_to_user
	.globl	__asm_copy_from_user
__asm_copy_to_user:
__asm_copy_from_user:
	li	t6, SR_SUM
	csrs	CSR_SSTATUS, t6
	or	t0, a0, a1
	andi	t0, t0, 7
	bnez	t0, 2f
1:	/* both aligned: doublewords */
	li	t1, 8
	bltu	a2, t1, 2f
	EX(.Lfault, ld	t2, 0(a1))
	EX(.Lfault, sd	t2, 0(a0))
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	j	1b
2:	/* bytes */
	beqz	a2, 3f
	EX(.Lfault, lb	t2, 0(a1))
	EX(.Lfault, sb	t2, 0(a0))
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	2b
3:
	csrc	CSR_SSTATUS, t6
	li	a0, 0
	ret
.Lfault:
	csrc	CSR_SSTATUS, t6
	mv	a0, a2
	ret

/* __clear_user(dst, n): returns the bytes not cleared. */
	.globl	__clear_user
__clear_user:
	li	t6, SR_SUM
	csrs	CSR_SSTATUS, t6
1:	beqz	a1, 2f
	EX(.Lcfault, sb	zero, 0(a0))
	addi	a0, a0, 1
	addi	a1, a1, -1
	j	1b
2:	csrc	CSR_SSTATUS, t6
	li	a0, 0
	ret
.Lcfault:
	csrc	CSR_SSTATUS, t6
	mv	a0, a1
	ret

/* __strncpy_from_user(dst, src, count): the length copied without NUL, count, or -1 on a fault. */
	.globl	__strncpy_from_user
__strncpy_from_user:
	li	t6, SR_SUM
	csrs	CSR_SSTATUS, t6
	li	t0, 0
1:	beq	t0, a2, 2f
	add	t1, a1, t0
	EX(.Lsfault, lb	t2, 0(t1))
	add	t1, a0, t0
	sb	t2, 0(t1)
	beqz	t2, 2f
	addi	t0, t0, 1
	j	1b
2:	csrc	CSR_SSTATUS, t6
	mv	a0, t0
	ret
.Lsfault:
	csrc	CSR_SSTATUS, t6
	li	a0, -1
	ret
