// SPDX-License-Identifier: GPL-2.0
/*
 * ppoll(), as Linux's fs/select.c (riscv64 has no poll(): glibc's poll()
 * and pause() are ppoll). A file with a ->poll method (a pipe) says what
 * holds and, on the first pass, puts the caller on its wait queues
 * (poll_wait()); a file without one is what Linux says of such a file,
 * always ready for reading and writing (DEFAULT_POLLMASK): the console's
 * read never blocks (it returns what the SBI console has, or 0). A call
 * that finds nothing ready sleeps until a queue it is on is woken, its
 * timeout, or a signal: -ERESTARTNOHAND, -EINTR for a handler. The
 * optional mask is in force during the call (set_user_sigmask()), and the
 * remaining time is written back, as Linux's poll_select_finish() does.
 */
#include <file.h>
#include <fs.h>
#include <kernel.h>
#include <poll.h>
#include <sched.h>
#include <sched/signal.h>
#include <sched_clock.h>
#include <signal.h>
#include <slab.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#define NSEC_PER_SEC 1000000000LL
/* Pollfds copied at a time (Linux's POLLFD_PER_PAGE idea, on the stack). */
#define POLLFD_BATCH 32

struct pollfd {
	int fd;
	short events;
	short revents;
};

struct __kernel_timespec {
	long long tv_sec;
	long long tv_nsec;
};

void poll_wait(struct file *f, struct wait_queue_head *wq, poll_table *p)
{
	struct poll_table_entry *entry;

	if (!p)
		return;
	entry = kmalloc(sizeof(*entry), GFP_KERNEL);
	if (!entry) {
		p->error = -ENOMEM;
		return;
	}
	entry->filp = f;
	entry->key = p->_key;
	entry->wait_address = wq;
	entry->wait.task = current;
	INIT_LIST_HEAD(&entry->wait.entry);
	add_wait_queue(wq, &entry->wait);
	list_add_tail(&entry->list, &p->entries);
}

/* Linux's poll_freewait(): off every queue the call went on. */
static void poll_freewait(poll_table *p)
{
	struct poll_table_entry *entry, *next;

	list_for_each_entry_safe(entry, next, &p->entries, list) {
		remove_wait_queue(entry->wait_address, &entry->wait);
		kfree(entry);
	}
}

/* Linux's vfs_poll() of @f for @events (POLLERR, POLLHUP always), @pt NULL or not. */
static unsigned int vfs_poll(struct file *f, unsigned int events, poll_table *pt)
{
	events |= POLLERR | POLLHUP;
	if (!f->f_op->poll)
		return DEFAULT_POLLMASK & events;
	if (pt)
		pt->_key = events;
	return f->f_op->poll(f, pt) & events;
}

/* Linux's do_pollfd(). */
static short do_pollfd(const struct pollfd *pfd, poll_table *pt)
{
	struct file *f;

	if (pfd->fd < 0)
		return 0;
	f = fget(pfd->fd);
	if (!f)
		return POLLNVAL;
	return vfs_poll(f, (unsigned short)pfd->events, pt);
}

/*
 * One pass over the user's array, registering on @pt's queues if given:
 * revents written back; the number of ready ones, or -EFAULT.
 */
static long poll_once(struct pollfd __user *ufds, unsigned long nfds, poll_table *pt)
{
	struct pollfd batch[POLLFD_BATCH];
	unsigned long done = 0, i, n;
	long count = 0;

	while (done < nfds) {
		n = min(nfds - done, (unsigned long)POLLFD_BATCH);
		if (copy_from_user(batch, ufds + done, n * sizeof(*batch)))
			return -EFAULT;
		for (i = 0; i < n; i++) {
			batch[i].revents = do_pollfd(&batch[i], pt);
			count += batch[i].revents != 0;
		}
		if (copy_to_user(ufds + done, batch, n * sizeof(*batch)))
			return -EFAULT;
		done += n;
	}
	return count;
}

/* Has a file whose queue we are on become ready (no user memory touched)? */
static bool poll_triggered(poll_table *p)
{
	struct poll_table_entry *entry;

	list_for_each_entry(entry, &p->entries, list)
		if (vfs_poll(entry->filp, entry->key, NULL))
			return true;
	return false;
}

/*
 * Nothing ready: sleep until a queue of @p is woken, @end (0: for ever) or
 * a signal. The state is set before the last look, so that a wake-up in
 * between is not lost. 0 to poll again, or -ERESTARTNOHAND.
 */
static long poll_schedule(poll_table *p, u64 end)
{
	struct task_struct *t = current;

	WRITE_ONCE(t->state, TASK_INTERRUPTIBLE);
	if (signal_pending(t) || poll_triggered(p)) {
		WRITE_ONCE(t->state, TASK_RUNNING);
		return signal_pending(t) ? -ERESTARTNOHAND : 0;
	}
	if (end)
		schedule_timeout_prepared_until(end);
	else
		schedule();
	WRITE_ONCE(t->state, TASK_RUNNING);
	return signal_pending(t) ? -ERESTARTNOHAND : 0;
}

/* Linux's do_poll(): pass after pass until something is ready, the time is up or a signal. */
static long do_poll(struct pollfd __user *ufds, unsigned long nfds, u64 end)
{
	poll_table table = { .error = 0 };
	poll_table *pt = &table;
	long count;

	INIT_LIST_HEAD(&table.entries);
	for (;;) {
		count = poll_once(ufds, nfds, pt);
		pt = NULL;
		if (!count && table.error)
			count = table.error;
		if (count || (end && sched_clock() >= end))
			break;
		count = poll_schedule(&table, end);
		if (count)
			break;
	}
	poll_freewait(&table);
	return count;
}

/* Linux's poll_select_finish() for ppoll: the time left into *@utsp (a copy fault is ignored). */
static void poll_select_finish(struct __kernel_timespec __user *utsp, u64 end)
{
	struct __kernel_timespec ts = { 0, 0 };
	u64 now = sched_clock();

	if (end > now) {
		ts.tv_sec = (end - now) / NSEC_PER_SEC;
		ts.tv_nsec = (end - now) % NSEC_PER_SEC;
	}
	copy_to_user(utsp, &ts, sizeof(ts));
}

/* ppoll(2): the ready descriptors of @ufds, or a sleep until the timeout or a signal. */
long sys_ppoll(void __user *ufds, unsigned long unfds, const void __user *tsp,
	       const sigset_t __user *sigmask, unsigned long sigsetsize)
{
	unsigned int nfds = unfds;
	struct __kernel_timespec ts;
	u64 end = 0;
	long ret;

	if (tsp) {
		if (copy_from_user(&ts, tsp, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		/* A zero timeout polls once (end stays 1 ns in the past of any clock reading). */
		end = sched_clock() + ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
		if (!ts.tv_sec && !ts.tv_nsec)
			end = 1;
	}
	ret = set_user_sigmask(sigmask, sigsetsize);
	if (ret)
		return ret;
	if (nfds > rlimit(RLIMIT_NOFILE))
		ret = -EINVAL;
	else
		ret = do_poll(ufds, nfds, end);
	restore_saved_sigmask_unless(ret == -ERESTARTNOHAND);
	if (tsp && end > 1)
		poll_select_finish((struct __kernel_timespec __user *)tsp, end);
	return ret;
}
