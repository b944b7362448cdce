// SPDX-License-Identifier: GPL-2.0
/*
 * Sleeping on the page lock and on a page's swap write, as Linux's
 * mm/filemap.c (folio_wait_bit_common(), folio_wake_bit(),
 * folio_end_writeback()). Waiters are hashed by page
 * into a table of PAGE_WAIT_TABLE_SIZE wait queues (folio_waitqueue()), and
 * an unlock wakes only the waiters of its own page: a swap-in that several
 * processes fault on at once, or reclaim meeting a fault, wakes nobody else,
 * and harts unlocking different pages rarely meet on one queue's lock.
 * PG_waiters says that someone may sleep on the page: an unlock with it
 * clear (the common case: a write fault's trylock_page(), reclaim's pages)
 * takes no lock at all.
 *
 * Unlike Linux, which wakes one waiter and hands the lock over
 * (WQ_FLAG_EXCLUSIVE), every waiter of the page is woken and races for the
 * lock; the losers sleep again.
 */
#include <pagemap.h>
#include <sched.h>
#include <swapops.h>
#include <vmstat.h>

#include "internal.h"

/* Linux's PAGE_WAIT_TABLE_BITS: 256 queues. */
#define PAGE_WAIT_TABLE_BITS 8
#define PAGE_WAIT_TABLE_SIZE (1 << PAGE_WAIT_TABLE_BITS)

static struct wait_queue_head folio_wait_table[PAGE_WAIT_TABLE_SIZE];

/* Linux's struct wait_page_queue: a task waiting for a bit of @page to change. */
struct wait_page_queue {
	struct page *page;
	int bit_nr; /* PG_locked (to take it) or PG_writeback (to see it clear) */
	struct wait_queue_entry wait;
};

/* include/linux/hash.h: hash_64() with GOLDEN_RATIO_64, the top @bits bits. */
static unsigned int hash_ptr(const void *ptr, unsigned int bits)
{
	return ((unsigned long)ptr * 0x61C8864680B583EBULL) >> (64 - bits);
}

static struct wait_queue_head *folio_waitqueue(struct page *page)
{
	return &folio_wait_table[hash_ptr(page, PAGE_WAIT_TABLE_BITS)];
}

void pagecache_init(void)
{
	unsigned int i;

	for (i = 0; i < PAGE_WAIT_TABLE_SIZE; i++)
		init_waitqueue_head(&folio_wait_table[i]);
}

/*
 * Linux's folio_wait_bit_common(): queued, PG_waiters set and asleep before
 * the bit is tried again, all under the queue's lock, so that an unlock
 * (or the end of a write) between the try and schedule() sees PG_waiters
 * and wakes us: setting PG_waiters, the try and the clearing of the bit
 * are atomic operations on the one word page->flags, whichever comes later
 * sees the others. For PG_locked the try takes the lock; for PG_writeback
 * it only looks.
 */
static void folio_wait_bit_common(struct page *page, int bit_nr)
{
	struct wait_queue_head *q = folio_waitqueue(page);
	struct wait_page_queue wait = { .page = page,
					.bit_nr = bit_nr,
					.wait = { .task = current } };
	unsigned long flags;

	INIT_LIST_HEAD(&wait.wait.entry);
	for (;;) {
		spin_lock_irqsave(&q->lock, flags);
		if (list_empty(&wait.wait.entry))
			list_add_tail(&wait.wait.entry, &q->head);
		SetPageWaiters(page);
		WRITE_ONCE(current->state, TASK_INTERRUPTIBLE);
		spin_unlock_irqrestore(&q->lock, flags);
		if (bit_nr == PG_locked ? trylock_page(page) : !test_bit(bit_nr, &page->flags))
			break;
		schedule();
	}
	finish_wait(q, &wait.wait);
}

void lock_page(struct page *page)
{
	if (!trylock_page(page))
		folio_wait_bit_common(page, PG_locked);
}

/*
 * Queued and PG_waiters set under the queue's lock, as folio_wait_bit_common() does,
 * while the caller's *@ptl still keeps the page named by @entry locked
 * (mm/migrate.c unlocks it only after every migration entry is gone, which
 * needs *@ptl); then *@ptl is dropped and we sleep unless the page is
 * unlocked by now. Its first unlock after this sees PG_waiters and wakes
 * us; later the page may be freed and reused, which costs at most one
 * spurious wake-up. The caller faults again either way.
 */
void migration_entry_wait_on_locked(swp_entry_t entry, spinlock_t *ptl)
{
	struct page *page = pfn_swap_entry_to_page(entry);
	struct wait_queue_head *q = folio_waitqueue(page);
	struct wait_page_queue wait = { .page = page,
					.bit_nr = PG_locked,
					.wait = { .task = current } };
	unsigned long flags;

	INIT_LIST_HEAD(&wait.wait.entry);
	spin_lock_irqsave(&q->lock, flags);
	list_add_tail(&wait.wait.entry, &q->head);
	SetPageWaiters(page);
	WRITE_ONCE(current->state, TASK_INTERRUPTIBLE);
	spin_unlock_irqrestore(&q->lock, flags);
	spin_unlock(ptl);
	if (PageLocked(page))
		schedule();
	finish_wait(q, &wait.wait);
}

/*
 * Linux's folio_wake_bit(): wake @page's waiters for @bit_nr, each taken
 * off the queue (a lock waiter queues itself again if it loses the race),
 * then clear PG_waiters unless a waiter of the page for the other bit is
 * still queued.
 */
static void folio_wake_bit(struct page *page, int bit_nr)
{
	struct wait_queue_head *q = folio_waitqueue(page);
	struct wait_page_queue *w, *next;
	unsigned long flags;
	bool others = false;

	spin_lock_irqsave(&q->lock, flags);
	list_for_each_entry_safe(w, next, &q->head, wait.entry) {
		if (w->page != page)
			continue;
		if (w->bit_nr != bit_nr) {
			others = true;
			continue;
		}
		list_del_init(&w->wait.entry);
		wake_up_process(w->wait.task);
	}
	if (!others)
		ClearPageWaiters(page);
	spin_unlock_irqrestore(&q->lock, flags);
}

/* Linux's folio_unlock(): one atomic operation clears PG_locked and tells whether anyone waits. */
void unlock_page(struct page *page)
{
	unsigned long old = __atomic_fetch_and(&page->flags, ~(1UL << PG_locked), __ATOMIC_RELEASE);

	if (old & (1UL << PG_waiters))
		folio_wake_bit(page, PG_locked);
}

void wait_on_page_writeback(struct page *page)
{
	if (PageWriteback(page))
		folio_wait_bit_common(page, PG_writeback);
}

void set_page_writeback(struct page *page)
{
	SetPageWriteback(page);
	mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_WRITEBACK, 1);
}

/*
 * Linux's folio_end_writeback(): the rotation first, while PG_writeback
 * still keeps the page from being freed; then one atomic operation clears
 * PG_writeback and tells whether anyone waits. The page may be freed from
 * then on: folio_wake_bit() only compares its address, and leaves
 * PG_waiters to a new owner's waiters.
 */
void end_page_writeback(struct page *page)
{
	unsigned long old;

	if (PageReclaim(page)) {
		ClearPageReclaim(page);
		rotate_reclaimable_page(page);
	}
	mod_node_page_state(NODE_DATA(page_to_nid(page)), NR_WRITEBACK, -1);
	acct_reclaim_writeback(page);
	old = __atomic_fetch_and(&page->flags, ~(1UL << PG_writeback), __ATOMIC_ACQ_REL);
	if (old & (1UL << PG_waiters))
		folio_wake_bit(page, PG_writeback);
}
