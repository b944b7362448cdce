/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reader-writer semaphores (Linux's include/linux/rwsem.h): sleeping locks
 * that many readers or one writer hold. mm->mmap_lock is one, because a
 * page fault holding it may sleep: on a swap read, on a page reclaim has
 * locked, in direct reclaim. Never taken in interrupt context.
 *
 * Loam's version is an atomic count and a wait queue (Linux's adds an
 * ordered queue of waiters and optimistic spinning): sleepers are all woken
 * on release and race for the lock again. Writers
 * are not favoured, so a stream of readers could starve one; Loam's
 * processes are single-threaded, so an mm has one reader at a time anyway.
 */
#ifndef LOAM_RWSEM_H
#define LOAM_RWSEM_H

#include <sched.h>
#include <spinlock.h>

struct rw_semaphore {
	long count; /* readers holding it, or -1 for a writer (atomic) */
	struct wait_queue_head wait;
};

static inline void init_rwsem(struct rw_semaphore *sem)
{
	sem->count = 0;
	init_waitqueue_head(&sem->wait);
}

/*
 * Take @sem shared (down_read) or exclusive (down_write), sleeping until it
 * is free; up_read/up_write release it and wake the sleepers when it may
 * have become free for them.
 */
void down_read(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
/* 1 if the lock was taken, 0 if it is held. */
int down_read_trylock(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);

#endif
