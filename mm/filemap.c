// SPDX-License-Identifier: GPL-2.0
/*
 * Sleeping on the page lock, as Linux's mm/filemap.c
 * (folio_wait_bit_common(), folio_wake_bit()). Waiters are hashed by page
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

/* Linux's PAGE_WAIT_TABLE_BITS: 256 queues. */
#define PAGE_WAIT_TABLE_BITS 8
#define PAGE_WAIT_TABLE_SIZE (1 << PAGE_WAIT_TABLE_BITS)

static struct wait_queue_head folio_wait_table[PAGE_WAIT_TABLE_SIZE];

/* Linux's struct wait_page_queue: a task waiting for @page's lock. */
struct wait_page_queue {
	struct page *page;
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
 * Linux's __folio_lock() (folio_wait_bit_common()): queued, PG_waiters set
 * and asleep before the lock is tried again, all under the queue's lock,
 * so that an unlock between the try and schedule() sees PG_waiters and
 * wakes us (setting PG_waiters, the try and the unlock are atomic
 * operations on the one word page->flags: whichever comes later sees the
 * others).
 */
static void __lock_page(struct page *page)
{
	struct wait_queue_head *q = folio_waitqueue(page);
	struct wait_page_queue wait = { .page = page, .wait = { .task = current } };
	unsigned long flags;

	INIT_LIST_HEAD(&wait.wait.entry);
	for (;;) {
		spin_lock_irqsave(&q->lock, flags);
		if (list_empty(&wait.wait.entry))
			list_add_tail(&wait.wait.entry, &q->head);
		SetPageWaiters(page);
		WRITE_ONCE(current->state, TASK_INTERRUPTIBLE);
		spin_unlock_irqrestore(&q->lock, flags);
		if (trylock_page(page))
			break;
		schedule();
	}
	finish_wait(q, &wait.wait);
}

void lock_page(struct page *page)
{
	if (!trylock_page(page))
		__lock_page(page);
}

/*
 * Queued and PG_waiters set under the queue's lock, as __lock_page() does,
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
	struct wait_page_queue wait = { .page = page, .wait = { .task = current } };
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
 * Linux's folio_wake_bit(): wake @page's waiters, each taken off the queue
 * (it queues itself again if it loses the race for the lock), then clear
 * PG_waiters: none of the page's is left queued.
 */
static void wake_up_page(struct page *page)
{
	struct wait_queue_head *q = folio_waitqueue(page);
	struct wait_page_queue *w, *next;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	list_for_each_entry_safe(w, next, &q->head, wait.entry) {
		if (w->page != page)
			continue;
		list_del_init(&w->wait.entry);
		wake_up_process(w->wait.task);
	}
	ClearPageWaiters(page);
	spin_unlock_irqrestore(&q->lock, flags);
}

/* Linux's folio_unlock(): one atomic operation clears PG_locked and tells whether anyone waits. */
void unlock_page(struct page *page)
{
	unsigned long old = __atomic_fetch_and(&page->flags, ~(1UL << PG_locked), __ATOMIC_RELEASE);

	if (old & (1UL << PG_waiters))
		wake_up_page(page);
}
