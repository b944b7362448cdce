// SPDX-License-Identifier: GPL-2.0
/*
 * Reclaim and the OOM killer for the host tests of the page allocator and
 * SLUB, which run without them (mm/vmscan.c and mm/oom_kill.c run in the
 * tests of the whole memory manager, HOST_SRCS_MM, over a fake scheduler):
 * their stress tests play CPUs with threads and run the allocator out of
 * memory on purpose. current_may_reclaim() says no, and the allocator's
 * slow path then fails an allocation rather than reclaiming or compacting
 * (mm/compaction.c runs in the tests of the whole memory manager too); the
 * calls behind it must never come. kswapd may be woken (below the low
 * watermark): that only counts.
 */
#include <stdio.h>
#include <stdlib.h>

#include <compaction.h>
#include <swap.h>

#include "page_alloc_helpers.h"

unsigned long host_kswapd_wakeups;

static void __attribute__((noreturn)) reclaim_fake_called(const char *fn)
{
	/* Maybe on a stress test's thread: abort rather than cmocka's fail(). */
	fprintf(stderr, "%s() called on the host: current_may_reclaim() is false\n", fn);
	abort();
}

void wakeup_kswapd(struct zone *zone, unsigned int gfp_flags, int order, int highest_zoneidx)
{
	__atomic_add_fetch(&host_kswapd_wakeups, 1, __ATOMIC_RELAXED);
}

bool current_may_reclaim(void)
{
	return false;
}

unsigned long try_to_free_pages(unsigned int order, unsigned int gfp)
{
	reclaim_fake_called(__func__);
}

bool out_of_memory(unsigned int gfp, unsigned int order)
{
	reclaim_fake_called(__func__);
}

void wait_for_oom_victim(void)
{
	reclaim_fake_called(__func__);
}

enum compact_result try_to_compact_pages(gfp_t gfp_mask, unsigned int order,
					 unsigned int alloc_flags, const struct alloc_context *ac,
					 enum compact_priority prio)
{
	reclaim_fake_called(__func__);
}

bool compaction_zonelist_suitable(struct alloc_context *ac, int order, int alloc_flags)
{
	reclaim_fake_called(__func__);
}

void compaction_defer_reset(struct zone *zone, int order, bool alloc_success)
{
	reclaim_fake_called(__func__);
}

/* should_compact_retry()'s check, after reclaim: never reached either. */
bool fatal_signal_pending(struct task_struct *p)
{
	reclaim_fake_called(__func__);
}
