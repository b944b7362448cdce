/* SPDX-License-Identifier: GPL-2.0 */
/*
 * _start: the kernel enters here with sp at the Linux initial stack
 *   sp -> argc, argv[0..argc-1], NULL, envp[...], NULL, auxv pairs, AT_NULL
 * and every other register unspecified (Linux zeroes them, Loam need not).
 *
 * gp: the linker relaxes accesses near __global_pointer$ into gp-relative
 * ones, so gp must hold it before any C code runs; loading it must not itself
 * be relaxed (it would use the gp it is setting up).
 *
 * tp: picolibc keeps errno (and other per-thread state) in thread-local
 * storage reached through tp. A static single-threaded program needs one TLS
 * block: user.lds places .tdata/.tbss inside the data segment, where the ELF
 * loader already puts the initial values and zeroes the rest, so tp simply
 * points at it (RISC-V TLS variant I: offsets are from the block's start).
 * The kernel never touches the user's tp.
 */
	.section .text.startup, "ax"
	.globl _start
	.type _start, @function
_start:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	la	tp, __tls_base
	mv	a0, sp
	/* The ABI wants 16-byte alignment at calls; Linux gives it, be sure. */
	andi	sp, sp, -16
	call	__loam_start
	/* __loam_start never returns; trap if it ever did. */
	unimp
	.size _start, . - _start
