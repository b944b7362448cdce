// SPDX-License-Identifier: GPL-2.0
/*
 * panic() and the end of the machine. The first hart to panic prints the
 * reason, where it happened and a frame-pointer backtrace, then shuts the
 * machine down with the system-failure reason; a second hart that panics
 * meanwhile just stops.
 */
#include <asm/irqflags.h>
#include <asm/page.h>
#include <asm/sbi.h>
#include <printk.h>
#include <reboot.h>
#include <smp.h>

extern bool oops_in_progress;

static int panic_cpu = -1;

/*
 * Walk the frame-pointer chain (-fno-omit-frame-pointer): with the RISC-V
 * psABI frame layout, fp points just above the saved ra (fp - 8) and the
 * caller's fp (fp - 16). Resolve addresses with addr2line -e build/loam.elf.
 */
void dump_stack(void)
{
	unsigned long fp = (unsigned long)__builtin_frame_address(0), prev = 0;
	int depth;

	pr_emerg("Call Trace:\n");
	/*
	 * Kernel stacks only, growing up the chain: a trap frame's fp may be a
	 * user address, which must not be followed (it could fault, or lie).
	 */
	for (depth = 0; depth < 32 && fp >= PAGE_OFFSET && fp > prev && !(fp & 7); depth++) {
		unsigned long ra = ((unsigned long *)fp)[-1];

		if (!ra)
			break;
		pr_emerg("[<%016lx>]\n", ra);
		prev = fp;
		fp = ((unsigned long *)fp)[-2];
	}
}

void panic(const char *fmt, ...)
{
	static char buf[256];
	int me = (int)smp_processor_id(), expected = -1;
	va_list args;

	arch_local_irq_disable();
	if (!__atomic_compare_exchange_n(&panic_cpu, &expected, me, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		for (;;)
			wait_for_interrupt();
	WRITE_ONCE(oops_in_progress, true);

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	pr_emerg("CPU: %u hart: %lu\n", me, this_cpu()->hartid);
	dump_stack();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	machine_failure();
}

void machine_power_off(void)
{
	pr_emerg("reboot: Power down\n");
	sifive_test_exit(false, 0);
	sbi_shutdown(false);
}

void machine_failure(void)
{
	sifive_test_exit(true, 1);
	sbi_shutdown(true);
}
