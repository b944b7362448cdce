/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Wait queues (Linux's wait_queue_head, include/linux/wait.h): a task sleeps
 * until a condition holds, and whoever makes it hold calls wake_up().
 * wait_event() is the loop Linux's is: mark ourselves asleep, then test,
 * then schedule(), so that a wake_up() between the test and schedule() is
 * not lost. The types are here, for structures such as pg_data_t that embed
 * a queue; sleeping and waking (wait_event(), wake_up()) are in sched.h.
 */
#ifndef LOAM_WAIT_H
#define LOAM_WAIT_H

#include <list.h>
#include <spinlock.h>

struct task_struct;

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
};

static inline void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

#endif
