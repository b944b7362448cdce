// SPDX-License-Identifier: GPL-2.0
/*
 * The robust-futex list registration (Linux's kernel/futex/syscalls.c).
 * A C library registers the head of its list of held robust mutexes at
 * start-up (glibc in every thread); Linux walks the list when the thread
 * dies to wake waiters. Loam has no futex() yet, so no task can wait on
 * such a mutex: the head is recorded and nothing walks it.
 */
#include <sched.h>
#include <syscalls.h>
#include <uapi/errno.h>

/* sizeof(struct robust_list_head) on a 64-bit machine (Linux's include/uapi/linux/futex.h). */
#define ROBUST_LIST_HEAD_SIZE 24

long sys_set_robust_list(unsigned long head, unsigned long len)
{
	if (len != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	current->robust_list = head;
	return 0;
}
