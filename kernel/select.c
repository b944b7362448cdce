// SPDX-License-Identifier: GPL-2.0
/*
 * ppoll(), as Linux's fs/select.c (riscv64 has no poll(): glibc's poll()
 * and pause() are ppoll). No Loam file has a ->poll method, so each is
 * what Linux says of such a file, always ready for reading and writing
 * (DEFAULT_POLLMASK): the console's read never blocks (it returns what
 * the SBI console has, or 0), nor does anything else. A call that finds
 * nothing ready (only negative descriptors, or none) sleeps until its
 * timeout or a signal: -ERESTARTNOHAND, -EINTR for a handler. The optional
 * mask is in force during the call (set_user_sigmask()), and the
 * remaining time is written back, as Linux's poll_select_finish() does.
 */
#include <file.h>
#include <fs.h>
#include <kernel.h>
#include <sched.h>
#include <sched/signal.h>
#include <sched_clock.h>
#include <signal.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

/* include/uapi/asm-generic/poll.h */
#define POLLIN 0x0001
#define POLLOUT 0x0004
#define POLLERR 0x0008
#define POLLHUP 0x0010
#define POLLNVAL 0x0020
#define POLLRDNORM 0x0040
#define POLLWRNORM 0x0100
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

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

/* Linux's do_pollfd() for a file without ->poll. */
static short do_pollfd(const struct pollfd *pfd)
{
	if (pfd->fd < 0)
		return 0;
	if (!fget(pfd->fd))
		return POLLNVAL;
	return DEFAULT_POLLMASK & (pfd->events | POLLERR | POLLHUP);
}

/* One pass over the user's array: revents written back; the number of ready ones, or -EFAULT. */
static long poll_once(struct pollfd __user *ufds, unsigned long nfds)
{
	struct pollfd batch[POLLFD_BATCH];
	unsigned long done = 0, i, n;
	long count = 0;

	while (done < nfds) {
		n = min(nfds - done, (unsigned long)POLLFD_BATCH);
		if (copy_from_user(batch, ufds + done, n * sizeof(*batch)))
			return -EFAULT;
		for (i = 0; i < n; i++) {
			batch[i].revents = do_pollfd(&batch[i]);
			count += batch[i].revents != 0;
		}
		if (copy_to_user(ufds + done, batch, n * sizeof(*batch)))
			return -EFAULT;
		done += n;
	}
	return count;
}

/* Nothing ready: sleep until @end (0: for ever) or a signal. */
static long poll_sleep(u64 end)
{
	struct task_struct *t = current;

	for (;;) {
		if (signal_pending(t))
			return -ERESTARTNOHAND;
		if (end && sched_clock() >= end)
			return 0;
		if (end) {
			schedule_timeout_interruptible_until(end);
			continue;
		}
		WRITE_ONCE(t->state, TASK_INTERRUPTIBLE);
		if (!signal_pending(t))
			schedule();
		WRITE_ONCE(t->state, TASK_RUNNING);
	}
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
		ret = poll_once(ufds, nfds);
	if (!ret)
		ret = poll_sleep(end);
	restore_saved_sigmask_unless(ret == -ERESTARTNOHAND);
	if (tsp && end > 1)
		poll_select_finish((struct __kernel_timespec __user *)tsp, end);
	return ret;
}
