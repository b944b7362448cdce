/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for <asm/smp.h>: each test thread plays a CPU. A thread
 * calls host_set_cpu(n) first; the main thread is CPU 0.
 */
#ifndef HOST_ASM_SMP_H
#define HOST_ASM_SMP_H

struct cpu_info;

extern __thread struct cpu_info *host_this_cpu;
struct cpu_info *host_cpu_info(unsigned int cpu);

static inline struct cpu_info *this_cpu(void)
{
	return host_this_cpu ? host_this_cpu : host_cpu_info(0);
}

/* Make the calling thread CPU @cpu (< NR_CPUS). */
static inline void host_set_cpu(unsigned int cpu)
{
	host_this_cpu = host_cpu_info(cpu);
}

#endif
