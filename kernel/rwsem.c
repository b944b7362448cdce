// SPDX-License-Identifier: GPL-2.0
/* Reader-writer semaphores: see include/rwsem.h for what Loam's are and are not. */
#include <rwsem.h>

int down_read_trylock(struct rw_semaphore *sem)
{
	int ok;

	spin_lock(&sem->lock);
	ok = sem->count >= 0;
	if (ok)
		sem->count++;
	spin_unlock(&sem->lock);
	return ok;
}

int down_write_trylock(struct rw_semaphore *sem)
{
	int ok;

	spin_lock(&sem->lock);
	ok = sem->count == 0;
	if (ok)
		sem->count = -1;
	spin_unlock(&sem->lock);
	return ok;
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

void up_read(struct rw_semaphore *sem)
{
	bool last;

	spin_lock(&sem->lock);
	last = --sem->count == 0;
	spin_unlock(&sem->lock);
	/* Only a writer can be waiting while readers hold it. */
	if (last)
		wake_up(&sem->wait);
}

void up_write(struct rw_semaphore *sem)
{
	spin_lock(&sem->lock);
	sem->count = 0;
	spin_unlock(&sem->lock);
	wake_up(&sem->wait);
}
