/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The user registers as Linux's riscv uapi asm/ptrace.h gives them to user
 * space (signal frames, later ptrace and core dumps): struct
 * user_regs_struct is the start of the kernel's struct pt_regs, and the
 * floating-point state is f0-f31 then fcsr.
 */
#ifndef LOAM_UAPI_ASM_PTRACE_H
#define LOAM_UAPI_ASM_PTRACE_H

#ifndef __ASSEMBLER__
struct user_regs_struct {
	unsigned long pc, ra, sp, gp, tp, t0, t1, t2, s0, s1;
	unsigned long a0, a1, a2, a3, a4, a5, a6, a7;
	unsigned long s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	unsigned long t3, t4, t5, t6;
};

struct __riscv_f_ext_state {
	unsigned int f[32];
	unsigned int fcsr;
};

/* The D extension's state: f0-f31, then fcsr at byte 256 (platform/riscv/kernel/fpu.S's offsets). */
struct __riscv_d_ext_state {
	unsigned long long f[32];
	unsigned int fcsr;
};

struct __riscv_q_ext_state {
	unsigned long long f[64] __attribute__((aligned(16)));
	unsigned int fcsr;
	/* Zero in a signal frame, and must be zero at rt_sigreturn. */
	unsigned int reserved[3];
};

/* The header of each extension's context after the FP state (Linux: vector state). */
struct __riscv_ctx_hdr {
	unsigned int magic;
	unsigned int size;
};

struct __riscv_extra_ext_header {
	unsigned int __padding[129] __attribute__((aligned(16)));
	/* Zero in a signal frame, and must be zero at rt_sigreturn. */
	unsigned int reserved;
	struct __riscv_ctx_hdr hdr;
};

union __riscv_fp_state {
	struct __riscv_f_ext_state f;
	struct __riscv_d_ext_state d;
	struct __riscv_q_ext_state q;
};
#endif
#endif
