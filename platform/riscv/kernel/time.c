// SPDX-License-Identifier: GPL-2.0
#include <sched_clock.h>

u64 riscv_timebase;

void time_init(u64 timebase_hz)
{
	riscv_timebase = timebase_hz;
}

u64 sched_clock(void)
{
	u64 ticks = get_cycles();

	if (!riscv_timebase)
		return 0;
	/* Split to avoid overflow: ticks * 1e9 overflows after ~30 min at 10 MHz. */
	return ticks / riscv_timebase * 1000000000ULL +
	       ticks % riscv_timebase * 1000000000ULL / riscv_timebase;
}
