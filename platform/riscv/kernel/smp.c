// SPDX-License-Identifier: GPL-2.0
/*
 * Bringing up the other harts (SBI HSM hart_start, SBI spec chapter 9) and
 * running a function on all of them. A started hart enters
 * secondary_start_sbi (head.S) with the MMU off, switches to swapper_pg_dir
 * on the stack and cpu_info we prepared, reports online, starts its tick
 * and enters the scheduler's idle loop: it runs tasks like the boot hart,
 * and an IPI (handle_ipi) runs on_each_cpu() calls.
 */
#define pr_fmt(fmt) "smp: " fmt

#include <asm/csr.h>
#include <asm/page.h>
#include <asm/sbi.h>
#include <mm.h>
#include <of_fdt.h>
#include <printk.h>
#include <sched_clock.h>
#include <smp.h>
#include <sched.h>
#include <spinlock.h>
#include <timer.h>
#include <uapi/errno.h>
#include <vmalloc.h>

struct cpu_info cpu_info[NR_CPUS];
_Static_assert(offsetof(struct cpu_info, kernel_sp) == CI_KERNEL_SP, "entry.S: CI_KERNEL_SP");
_Static_assert(offsetof(struct cpu_info, scratch_sp) == CI_SCRATCH_SP, "entry.S: CI_SCRATCH_SP");
_Static_assert(offsetof(struct cpu_info, overflow_sp) == CI_OVERFLOW_SP, "entry.S: CI_OVERFLOW_SP");
unsigned int nr_cpus_online = 1;
static unsigned int nr_cpu_ids = 1;

/* Read by secondary_start_sbi, indexed by logical CPU. */
unsigned long __cpu_up_stack_pointer[NR_CPUS];
struct cpu_info *__cpu_up_task_pointer[NR_CPUS];
/* Read by _start, for a hart that the firmware sent there (see head.S). */
unsigned long __cpu_up_hartid[NR_CPUS];

extern char secondary_start_sbi[];
extern unsigned int hart_lottery;

static struct {
	spinlock_t lock;
	void (*fn)(void *arg);
	void *arg;
	unsigned long gen; /* bumped for each call; CPUs run each gen once */
	unsigned int finished; /* CPUs done with the current gen */
} call;

/* The last on_each_cpu() call each CPU ran. */
static unsigned long call_seen[NR_CPUS];

/* The IPI (a supervisor software interrupt, sip.SSIP): run the on_each_cpu() call. */
void handle_ipi(void)
{
	unsigned int cpu = smp_processor_id();
	unsigned long gen;

	csr_clear(sip, IE_SSIE);
	gen = __atomic_load_n(&call.gen, __ATOMIC_ACQUIRE);
	if (gen == call_seen[cpu])
		return;
	call_seen[cpu] = gen;
	call.fn(call.arg);
	__atomic_fetch_add(&call.finished, 1, __ATOMIC_RELEASE);
}

/* DOWN -> @to, unless the other side got there first; true if we did. */
static bool cpu_state_claim(unsigned int cpu, int to)
{
	int expected = CPU_DOWN;

	return __atomic_compare_exchange_n(&cpu_info[cpu].state, &expected, to, false,
					   __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

/*
 * A secondary hart's C entry (head.S, after SBI HSM's hart_start and the
 * switch to swapper_pg_dir): come online unless the boot hart gave up on
 * this hart, start the tick and idle.
 */
void secondary_start_kernel(unsigned long hartid, unsigned long cpu)
{
	/*
	 * Too late: the boot hart gave up on us and does not count us in
	 * on_each_cpu(). Stay out of the way for good.
	 */
	if (!cpu_state_claim(cpu, CPU_ONLINE))
		for (;;)
			wait_for_interrupt();
	/* SEIE: the PLIC sends nothing to this hart's context until plic_init() enables sources. */
	csr_write(sie, IE_SSIE | IE_SEIE);
	timer_init_cpu();
	cpu_idle();
}

void on_each_cpu(void (*fn)(void *arg), void *arg)
{
	unsigned int cpu, others = nr_cpus_online - 1;

	spin_lock(&call.lock);
	call.fn = fn;
	call.arg = arg;
	call.finished = 0;
	__atomic_fetch_add(&call.gen, 1, __ATOMIC_RELEASE);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (cpu != smp_processor_id() &&
		    __atomic_load_n(&cpu_info[cpu].state, __ATOMIC_ACQUIRE) == CPU_ONLINE)
			sbi_send_ipi(cpu_info[cpu].hartid);
	fn(arg);
	call_seen[smp_processor_id()] = call.gen;
	while (__atomic_load_n(&call.finished, __ATOMIC_ACQUIRE) != others)
		;
	spin_unlock(&call.lock);
}

int init_overflow_stack(unsigned int cpu)
{
	unsigned long page = __get_free_page(GFP_KERNEL);

	if (!page)
		return -ENOMEM;
	cpu_info[cpu].overflow_sp = page + PAGE_SIZE;
	return 0;
}

/* Start one hart as logical CPU @cpu; true once it reported online. */
static bool cpu_up(unsigned int cpu, unsigned long hartid)
{
	void *stack = alloc_thread_stack();
	u64 deadline;
	int err;

	if (!stack || init_overflow_stack(cpu)) {
		pr_err("CPU%u: no memory for a stack\n", cpu);
		if (stack)
			free_thread_stack(stack);
		return false;
	}
	cpu_info[cpu].cpu = cpu;
	cpu_info[cpu].hartid = hartid;
	__cpu_up_stack_pointer[cpu] = (unsigned long)stack + THREAD_SIZE;
	__cpu_up_task_pointer[cpu] = &cpu_info[cpu];
	__cpu_up_hartid[cpu] = hartid;
	/* Make the above visible before the hart can run. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);

	err = sbi_hart_start(hartid, __pa_symbol(secondary_start_sbi), cpu);
	if (err) {
		pr_err("CPU%u: failed to start hart %lu: SBI error %d\n", cpu, hartid, err);
		return false;
	}
	/* One second of the time CSR; a started hart needs microseconds. */
	deadline = get_cycles() + riscv_timebase;
	while (__atomic_load_n(&cpu_info[cpu].state, __ATOMIC_ACQUIRE) != CPU_ONLINE) {
		/* Give up, unless the hart claims itself online at this very moment. */
		if (get_cycles() > deadline && cpu_state_claim(cpu, CPU_ABANDONED)) {
			pr_err("CPU%u: hart %lu failed to come online\n", cpu, hartid);
			return false;
		}
	}
	return true;
}

void smp_init(const struct dt_boot_info *info)
{
	unsigned long boot_hartid = this_cpu()->hartid;
	unsigned int i;

	pr_info("Bringing up secondary CPUs ...\n");
	for (i = 0; i < info->nr_cpus; i++) {
		unsigned long hartid = info->cpus[i].hartid;

		if (hartid == boot_hartid) {
			cpu_info[0].node = info->cpus[i].nid;
			continue;
		}
		cpu_info[nr_cpu_ids].node = info->cpus[i].nid;
		/* A hart that failed keeps its number: it may still wake up later. */
		if (cpu_up(nr_cpu_ids++, hartid))
			nr_cpus_online++;
	}
	/* head.S counts every hart that entered at _start; all but one were redirected. */
	if (READ_ONCE(hart_lottery) > 1)
		pr_info("%u hart(s) came in through the boot entry (firmware HSM race), redirected\n",
			READ_ONCE(hart_lottery) - 1);
	pr_info("Brought up %d node%s, %u CPU%s\n", info->nr_nodes, info->nr_nodes > 1 ? "s" : "",
		nr_cpus_online, nr_cpus_online > 1 ? "s" : "");
}
