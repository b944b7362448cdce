// SPDX-License-Identifier: GPL-2.0
/*
 * Reader-writer semaphores: see include/rwsem.h for what Loam's are and are
 * not. The count changes with compare-and-swap, so the uncontended case (a
 * page fault's down_read/up_read) costs two atomics and no lock; the wait
 * queue is looked at only when someone sleeps on it.
 */
#include <rwsem.h>

int down_read_trylock(struct rw_semaphore *sem)
{
	long count = __atomic_load_n(&sem->count, __ATOMIC_RELAXED);

	do {
		if (count < 0)
			return 0;
	} while (!__atomic_compare_exchange_n(&sem->count, &count, count + 1, false,
					      __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
	return 1;
}

int down_write_trylock(struct rw_semaphore *sem)
{
	long count = 0;

	return __atomic_compare_exchange_n(&sem->count, &count, -1, false, __ATOMIC_SEQ_CST,
					   __ATOMIC_RELAXED);
}

void down_read(struct rw_semaphore *sem)
{
	if (!down_read_trylock(sem))
		wait_event(sem->wait, down_read_trylock(sem));
}

void down_write(struct rw_semaphore *sem)
{
	if (!down_write_trylock(sem))
		wait_event(sem->wait, down_write_trylock(sem));
}

/*
 * Wake the sleepers, if any. A sleeper puts itself on the queue before it
 * tries the count again (wait_event()), and the count changed with a full
 * barrier before we look at the queue: either we see it there, or its try
 * sees the count we left.
 */
static void rwsem_wake(struct rw_semaphore *sem)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!list_empty(&sem->wait.head))
		wake_up(&sem->wait);
}

void up_read(struct rw_semaphore *sem)
{
	/* Only a writer can be waiting while readers hold it: the last reader wakes it. */
	if (__atomic_sub_fetch(&sem->count, 1, __ATOMIC_SEQ_CST) == 0)
		rwsem_wake(sem);
}

void up_write(struct rw_semaphore *sem)
{
	__atomic_store_n(&sem->count, 0, __ATOMIC_SEQ_CST);
	rwsem_wake(sem);
}
