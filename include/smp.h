/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPUs (harts). Each online hart has a struct cpu_info, reached through the
 * tp register, holding its logical number and hart id. The boot hart is
 * always CPU 0, whatever its hart id; the others are numbered in DTB order.
 */
#ifndef LOAM_SMP_H
#define LOAM_SMP_H

/* Logical CPUs Loam supports; hart ids may be anything the DTB says. */
#define NR_CPUS 32

/* Offsets in struct cpu_info for entry.S (checked in platform/riscv/kernel/smp.c). */
#define CI_KERNEL_SP 24
#define CI_SCRATCH_SP 32
#define CI_OVERFLOW_SP 48

#ifndef __ASSEMBLER__
#include <asm/thread_info.h>
#include <types.h>

enum cpu_state {
	CPU_DOWN, /* not started, or being started */
	CPU_ONLINE, /* running, takes part in on_each_cpu() */
	CPU_ABANDONED, /* did not come up in time; parks itself if it ever does */
};

struct task_struct;

struct cpu_info {
	unsigned int cpu;
	unsigned long hartid;
	int node; /* NUMA node of the hart ("numa-node-id"), 0 without NUMA */
	int state; /* enum cpu_state, changed with atomics */
	/* Used by platform/riscv/kernel/entry.S (offsets below): Linux keeps these in thread_info. */
	unsigned long kernel_sp; /* top of the running task's kernel stack */
	unsigned long scratch_sp; /* the interrupted sp, while entry.S saves registers */
	struct task_struct *curr; /* the running task */
	unsigned long overflow_sp; /* top of the stack a kernel stack overflow is reported on */
	bool need_resched; /* a tick found others waiting: switch on the way to user mode */
	unsigned long idle_instret; /* instret spent in wfi (cpu_idle()): make bench's idle */
};

extern struct cpu_info cpu_info[NR_CPUS];
extern unsigned int nr_cpus_online;

/* This hart's cpu_info; the arch keeps a pointer to it at hand (tp on RISC-V). */
#include <asm/smp.h>

static inline unsigned int smp_processor_id(void)
{
	return this_cpu()->cpu;
}

static inline bool cpu_online(unsigned int cpu)
{
	return __atomic_load_n(&cpu_info[cpu].state, __ATOMIC_ACQUIRE) == CPU_ONLINE;
}

struct dt_boot_info;
/* Start every usable hart of @info other than the boot hart. */
void smp_init(const struct dt_boot_info *info);

/*
 * Run @fn(@arg) on every online CPU (the caller's included) and wait until
 * all have returned. Other CPUs are woken with an IPI.
 */
void on_each_cpu(void (*fn)(void *arg), void *arg);
/* The page a kernel stack overflow on @cpu is reported from (platform/riscv/kernel/entry.S). 0 or -ENOMEM. */
int init_overflow_stack(unsigned int cpu);
/* The IPI handler: runs the pending on_each_cpu() call on this CPU. */
void handle_ipi(void);

#endif /* __ASSEMBLER__ */
#endif
