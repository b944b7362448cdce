/* SPDX-License-Identifier: GPL-2.0 */
/* The running hart's cpu_info: tp holds its address in the kernel. */
#ifndef LOAM_ASM_SMP_H
#define LOAM_ASM_SMP_H

struct cpu_info;

static inline struct cpu_info *this_cpu(void)
{
	struct cpu_info *ci;

	/* volatile: a task may resume on another hart after schedule(), tp is not to be cached. */
	__asm__ __volatile__("mv %0, tp" : "=r"(ci));
	return ci;
}

#endif
