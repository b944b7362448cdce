/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The code of the [vdso] page (platform/riscv/kernel/vdso.c): Linux's
 * __vdso_rt_sigreturn (arch/riscv/kernel/vdso/rt_sigreturn.S), where a
 * signal handler returns (ra) to call rt_sigreturn. Kept as data: exec
 * copies it into each process's page.
 */
#include <uapi/unistd.h>

	.section .rodata
	.balign	4
	.globl	vdso_start
vdso_start:
	.globl	__vdso_rt_sigreturn
__vdso_rt_sigreturn:
	li	a7, __NR_rt_sigreturn
	ecall
	.globl	vdso_end
vdso_end:
