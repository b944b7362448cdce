/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a riscv64 signal frame holds (Linux's uapi asm/sigcontext.h and
 * asm/ucontext.h): the interrupted registers and FP state (struct
 * sigcontext) inside the struct ucontext a handler's third argument points
 * to. After the FP state comes a list of extension contexts, each with a
 * struct __riscv_ctx_hdr; Loam has no vector state, so the list is the END
 * header alone.
 */
#ifndef LOAM_UAPI_ASM_SIGCONTEXT_H
#define LOAM_UAPI_ASM_SIGCONTEXT_H

#include "ptrace.h"
#include "../signal.h"

#define RISCV_V_MAGIC 0x53465457
#define END_MAGIC 0x0
#define END_HDR_SIZE 0x0

struct sigcontext {
	struct user_regs_struct sc_regs;
	union {
		union __riscv_fp_state sc_fpregs;
		struct __riscv_extra_ext_header sc_extdesc;
	};
};

struct ucontext {
	unsigned long uc_flags;
	struct ucontext *uc_link;
	stack_t uc_stack;
	sigset_t uc_sigmask;
	/*
	 * Room for a larger sigset_t: the mask and the padding are 1024 bits
	 * together. Linux's __unused, a name C libraries take as a macro.
	 */
	unsigned char __sigmask_room[1024 / 8 - sizeof(sigset_t)];
	struct sigcontext uc_mcontext;
};

#endif
