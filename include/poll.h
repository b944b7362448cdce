/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Polling a file (Linux's include/linux/poll.h): a file's ->poll method
 * says which of the events below hold now and, given a poll_table, puts
 * the polling task on the wait queues whose wake_up() may change that
 * (poll_wait()). ppoll (kernel/select.c) owns the table.
 */
#ifndef LOAM_POLL_H
#define LOAM_POLL_H

#include <list.h>
#include <wait.h>

/* include/uapi/asm-generic/poll.h */
#define POLLIN 0x0001
#define POLLOUT 0x0004
#define POLLERR 0x0008
#define POLLHUP 0x0010
#define POLLNVAL 0x0020
#define POLLRDNORM 0x0040
#define POLLWRNORM 0x0100
/* What a file without ->poll is: always ready (Linux's DEFAULT_POLLMASK). */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct file;

/* One wait queue a poller is on (Linux's struct poll_table_entry). */
struct poll_table_entry {
	struct list_head list; /* in poll_table.entries */
	struct file *filp;
	unsigned int key; /* the events that end the wait */
	struct wait_queue_entry wait;
	struct wait_queue_head *wait_address;
};

/* Linux's poll_table with its poll_wqueues: the queues of one ppoll. */
typedef struct poll_table_struct {
	struct list_head entries;
	unsigned int _key; /* the events asked of the file being polled */
	int error; /* -ENOMEM: an entry could not be allocated */
} poll_table;

/*
 * Put the polling task on @wq, for @f: a wake_up(@wq) wakes it. @p NULL
 * (a poll that only asks): nothing (kernel/select.c).
 */
void poll_wait(struct file *f, struct wait_queue_head *wq, poll_table *p);

#endif
