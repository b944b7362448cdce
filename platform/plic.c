// SPDX-License-Identifier: GPL-2.0
/*
 * The RISC-V PLIC (riscv-plic-spec v1.0.0), as Linux's
 * drivers/irqchip/irq-sifive-plic.c drives it: each interrupt source has a
 * priority, each hart context an enable bit per source and a threshold; a
 * source that is pending, enabled and above the threshold raises the
 * context's external interrupt, and the hart claims it, handles it and
 * completes it.
 *
 * Everything comes from the DTB (bindings/interrupt-controller/
 * sifive,plic-1.0.0.yaml): the registers ("reg"), the number of sources
 * ("riscv,ndev") and the contexts ("interrupts-extended": one (hart
 * interrupt controller, cause) pair per context, in context order). Loam
 * uses the S-mode ones (cause 9, the supervisor external interrupt); the
 * M-mode ones (11) belong to the firmware.
 */
#define pr_fmt(fmt) "plic: " fmt

#include <asm/csr.h>
#include <asm/io.h>
#include <kernel.h>
#include <libfdt.h>
#include <of_fdt.h>
#include <plic.h>
#include <printk.h>
#include <slab.h>
#include <smp.h>
#include <spinlock.h>
#include <uapi/errno.h>
#include <vmalloc.h>

/* riscv-plic-spec, "Memory Map": 32-bit registers at these offsets. */
#define PRIORITY_BASE 0x0 /* 4 bytes per source; source 0 does not exist */
#define CONTEXT_ENABLE_BASE 0x2000 /* one bit per source ... */
#define CONTEXT_ENABLE_SIZE 0x80 /* ... 1024 bits per context */
#define CONTEXT_BASE 0x200000 /* threshold, then claim/complete ... */
#define CONTEXT_SIZE 0x1000 /* ... per context */
#define CONTEXT_THRESHOLD 0x0
#define CONTEXT_CLAIM 0x4

#define PLIC_MAX_SOURCES 1024 /* the spec's limit: sources 1..1023 */

struct irq_action {
	irq_handler_t handler;
	void *arg;
};

static void *plic_regs;
static u32 plic_ndev; /* sources 1..plic_ndev exist */
static u32 plic_phandle_val;
static int cpu_context[NR_CPUS]; /* each CPU's S-mode context, -1 if none */
static struct irq_action *irq_actions; /* indexed by source, plic_ndev + 1 entries */
static DEFINE_SPINLOCK(plic_lock);

u32 plic_phandle(void)
{
	return plic_phandle_val;
}

static void *context_regs(int ctx)
{
	return plic_regs + CONTEXT_BASE + ctx * CONTEXT_SIZE;
}

/* The logical CPU whose hart's interrupt controller is the node with @phandle, or -1. */
static int intc_to_cpu(const void *fdt, u32 phandle)
{
	int intc = fdt_node_offset_by_phandle(fdt, phandle), cpu_node, len;
	const fdt32_t *reg;
	unsigned int cpu;

	if (intc < 0)
		return -1;
	cpu_node = fdt_parent_offset(fdt, intc);
	reg = cpu_node < 0 ? NULL : fdt_getprop(fdt, cpu_node, "reg", &len);
	if (!reg || len < 4)
		return -1;
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu) && cpu_info[cpu].hartid == fdt32_to_cpu(*reg))
			return cpu;
	return -1;
}

/*
 * Record each online CPU's S-mode context from "interrupts-extended".
 * Returns how many were found (the contexts counted in @nr_contexts), or
 * -EINVAL.
 */
static int plic_parse_contexts(const void *fdt, int node, unsigned int *nr_contexts)
{
	const fdt32_t *p = fdt_getprop(fdt, node, "interrupts-extended", NULL);
	int len, ctx = 0, found = 0;
	const fdt32_t *end;

	if (!p)
		return -EINVAL;
	fdt_getprop(fdt, node, "interrupts-extended", &len);
	end = p + len / sizeof(*p);
	while (p < end) {
		u32 phandle = fdt32_to_cpu(*p++);
		int intc = fdt_node_offset_by_phandle(fdt, phandle);
		const fdt32_t *cells = intc < 0 ? NULL :
						  fdt_getprop(fdt, intc, "#interrupt-cells", NULL);
		u32 ncells = cells ? fdt32_to_cpu(*cells) : 1;
		int cpu;

		if (!ncells || p + ncells > end)
			return -EINVAL;
		/* The hart-local cause: 9 is the supervisor external interrupt. */
		if (fdt32_to_cpu(*p) == IRQ_S_EXT) {
			cpu = intc_to_cpu(fdt, phandle);
			if (cpu >= 0) {
				cpu_context[cpu] = ctx;
				found++;
			}
		}
		p += ncells;
		ctx++;
	}
	*nr_contexts = ctx;
	return found;
}

int plic_init(const void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "sifive,plic-1.0.0");
	phys_addr_t base, size;
	const fdt32_t *ndev;
	unsigned int cpu, i, nr_contexts;
	int handlers;

	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "riscv,plic0");
	if (node < 0 || !fdt_node_is_available(fdt, node))
		return -ENODEV;
	ndev = fdt_getprop(fdt, node, "riscv,ndev", NULL);
	if (!ndev || fdt_get_reg(fdt, node, 0, &base, &size) ||
	    fdt32_to_cpu(*ndev) >= PLIC_MAX_SOURCES) {
		pr_err("%s: malformed reg or riscv,ndev\n", fdt_get_name(fdt, node, NULL));
		return -EINVAL;
	}
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		cpu_context[cpu] = -1;
	handlers = plic_parse_contexts(fdt, node, &nr_contexts);
	if (handlers <= 0) {
		pr_err("%s: no S-mode context for any online hart\n",
		       fdt_get_name(fdt, node, NULL));
		return handlers ? handlers : -ENODEV;
	}
	plic_ndev = fdt32_to_cpu(*ndev);
	irq_actions = kzalloc((plic_ndev + 1) * sizeof(*irq_actions), GFP_KERNEL);
	plic_regs = irq_actions ? ioremap(base, size) : NULL;
	if (!plic_regs) {
		kfree(irq_actions);
		irq_actions = NULL;
		return -ENOMEM;
	}

	/*
	 * Start from a known state, whatever the firmware left: every source
	 * masked in our contexts, threshold 0 (riscv-plic-spec "Priority
	 * Thresholds": priority > threshold interrupts, so any source with a
	 * non-zero priority).
	 */
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (cpu_context[cpu] < 0)
			continue;
		for (i = 0; i <= plic_ndev / 32; i++)
			writel(0, plic_regs + CONTEXT_ENABLE_BASE +
					  cpu_context[cpu] * CONTEXT_ENABLE_SIZE + i * 4);
		writel(0, context_regs(cpu_context[cpu]) + CONTEXT_THRESHOLD);
	}
	plic_phandle_val = fdt_get_phandle(fdt, node);
	/* Linux's line (irq-sifive-plic.c), "riscv-plic: " there. */
	pr_info("%s: mapped %u interrupts with %d handlers for %u contexts.\n",
		fdt_get_name(fdt, node, NULL), plic_ndev, handlers, nr_contexts);
	return 0;
}

int request_irq(unsigned int irq, irq_handler_t handler, void *arg)
{
	unsigned long flags;
	unsigned int cpu;

	if (!plic_regs)
		return -ENODEV;
	if (!irq || irq > plic_ndev)
		return -EINVAL;
	spin_lock_irqsave(&plic_lock, flags);
	if (irq_actions[irq].handler) {
		spin_unlock_irqrestore(&plic_lock, flags);
		return -EBUSY;
	}
	irq_actions[irq].arg = arg;
	irq_actions[irq].handler = handler;
	/* riscv-plic-spec "Interrupt Priorities": 0 means never interrupt; 1 is the lowest. */
	writel(1, plic_regs + PRIORITY_BASE + irq * 4);
	/* "Interrupt Enables": any CPU may take it; the first claim wins, the others get 0. */
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		void *enable;

		if (cpu_context[cpu] < 0)
			continue;
		enable = plic_regs + CONTEXT_ENABLE_BASE + cpu_context[cpu] * CONTEXT_ENABLE_SIZE +
			 (irq / 32) * 4;
		writel(readl(enable) | (1U << (irq % 32)), enable);
	}
	spin_unlock_irqrestore(&plic_lock, flags);
	return 0;
}

void plic_handle_irq(void)
{
	int ctx = cpu_context[smp_processor_id()];
	void *claim;
	u32 irq;

	if (ctx < 0 || !plic_regs) {
		/* Not ours to take: mask it rather than loop on it forever. */
		csr_clear(sie, IE_SEIE);
		return;
	}
	claim = context_regs(ctx) + CONTEXT_CLAIM;
	/*
	 * "Interrupt Claim Process": reading claim returns the highest-priority
	 * pending source and clears its pending bit (0: none left, another
	 * context took it). "Interrupt Completion": writing the source back lets
	 * the gateway forward it again.
	 */
	while ((irq = readl(claim))) {
		if (irq <= plic_ndev && irq_actions[irq].handler)
			irq_actions[irq].handler(irq, irq_actions[irq].arg);
		else
			pr_warn("spurious interrupt %u\n", irq);
		writel(irq, claim);
	}
}
