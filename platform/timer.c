// SPDX-License-Identifier: GPL-2.0
/*
 * The scheduler tick: each hart asks the SBI for a timer interrupt HZ times a
 * second (SBI spec chapter 6, TIME extension: set_timer programs the next
 * supervisor timer interrupt, sip.STIP, at an absolute time CSR value). The
 * Sstc extension's stimecmp would save the SBI call; Loam does not use it yet.
 */
#include <asm/csr.h>
#include <asm/sbi.h>
#include <sched_clock.h>
#include <timer.h>

static void program_next_tick(void)
{
	sbi_ecall(SBI_EXT_TIME, SBI_EXT_TIME_SET_TIMER, get_cycles() + riscv_timebase / HZ, 0, 0, 0,
		  0, 0);
}

void timer_init_cpu(void)
{
	csr_set(sie, IE_STIE);
	program_next_tick();
}

void timer_interrupt(void)
{
	/* Setting the next deadline also clears the pending interrupt (SBI spec 6.1). */
	program_next_tick();
}
