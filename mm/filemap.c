// SPDX-License-Identifier: GPL-2.0
/*
 * Sleeping on the page lock, as Linux's folio_wait_bit_common(). Linux
 * hashes waiters into a table of queues and wakes only the page's; Loam has
 * one queue and every waiter re-checks its page: page-lock waits are rare
 * (a fault meeting reclaim on the same page).
 */
#include <pagemap.h>
#include <sched.h>

static struct wait_queue_head page_wait_table = {
	.lock = __SPIN_LOCK_UNLOCKED,
	.head = LIST_HEAD_INIT(page_wait_table.head),
};

void lock_page(struct page *page)
{
	if (!trylock_page(page))
		wait_event(page_wait_table, trylock_page(page));
}

void unlock_page(struct page *page)
{
	__atomic_fetch_and(&page->flags, ~(1UL << PG_locked), __ATOMIC_RELEASE);
	wake_up(&page_wait_table);
}
