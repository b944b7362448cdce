// SPDX-License-Identifier: GPL-2.0
/* Host CPUs: see tests/host/include/asm/smp.h. */
#include <asm/irqflags.h>
#include <smp.h>

struct cpu_info cpu_info[NR_CPUS];
__thread struct cpu_info *host_this_cpu;
/* Does this thread play a CPU with interrupts masked? (asm/irqflags.h) */
__thread bool host_irqs_off;

struct cpu_info *host_cpu_info(unsigned int cpu)
{
	cpu_info[cpu].cpu = cpu;
	cpu_info[cpu].state = CPU_ONLINE;
	return &cpu_info[cpu];
}
