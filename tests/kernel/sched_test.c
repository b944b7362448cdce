// SPDX-License-Identifier: GPL-2.0
/*
 * selftest=sched: kernel threads on every hart, wait queues and the run
 * queue. Two threads pass a token back and forth through two wait queues;
 * a crowd of threads each do some work and exit while the boot context waits
 * for the last one; afterwards every task and its stack must be gone.
 */
#include <gfp.h>
#include <mm.h>
#include <sched.h>
#include <sched_clock.h>
#include <selftest.h>
#include <slab.h>
#include <smp.h>
#include <string.h>

#define PINGS 2000
#define CROWD 16

static struct wait_queue_head ping_wq, pong_wq, done_wq;
static unsigned long token; /* odd: pong's turn, even: ping's */
static unsigned int finished, ran_on[NR_CPUS];

static int ping_pong(void *arg)
{
	unsigned long parity = (unsigned long)arg, i;
	struct wait_queue_head *mine = parity ? &pong_wq : &ping_wq;
	struct wait_queue_head *theirs = parity ? &ping_wq : &pong_wq;

	for (i = 0; i < PINGS; i++) {
		wait_event(*mine, __atomic_load_n(&token, __ATOMIC_ACQUIRE) % 2 == parity);
		__atomic_fetch_add(&token, 1, __ATOMIC_ACQ_REL);
		wake_up(theirs);
	}
	__atomic_fetch_add(&finished, 1, __ATOMIC_ACQ_REL);
	wake_up(&done_wq);
	return 0;
}

static unsigned int harts_used(void)
{
	unsigned int cpu, n = 0;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		n += __atomic_load_n(&ran_on[cpu], __ATOMIC_RELAXED) != 0;
	return n;
}

static int crowd_member(void *arg)
{
	volatile unsigned long work = 0;
	int i;

	for (i = 0; i < 20000; i++)
		work += i;
	/*
	 * Stay until two harts have run members (one on a single-hart machine):
	 * idle harts are kicked when tasks are queued, so one must join us. A
	 * member may resume on another hart after schedule(): count it there.
	 */
	for (;;) {
		__atomic_fetch_add(&ran_on[smp_processor_id()], 1, __ATOMIC_RELAXED);
		if (harts_used() >= min(2U, nr_cpus_online))
			break;
		schedule();
	}
	__atomic_fetch_add(&finished, 1, __ATOMIC_ACQ_REL);
	wake_up(&done_wq);
	return 0;
}

static unsigned long settled_free_pages(void)
{
	kmem_cache_shrink_all();
	drain_all_pages(NULL);
	return nr_free_pages();
}

/*
 * Until only @tasks remain: exiting threads are freed by the hart they died on,
 * at its next switch, which a busy host may delay (a few seconds at most).
 */
static void wait_for_tasks(unsigned int tasks)
{
	u64 deadline = sched_clock() + 5000000000ULL;

	while (nr_tasks() != tasks && sched_clock() < deadline)
		schedule();
}

static u64 sleep_deadline, woke_at;

static int sleeper(void *unused)
{
	schedule_timeout_until(sleep_deadline);
	woke_at = sched_clock();
	__atomic_fetch_add(&finished, 1, __ATOMIC_ACQ_REL);
	wake_up(&done_wq);
	return 0;
}

static int nothing(void *unused)
{
	return 0;
}

static void sched_selftest(struct ktap_suite *s)
{
	unsigned long free_before, i;
	unsigned int harts, tasks_before = nr_tasks();
	struct task_struct *warm[CROWD + 2];
	bool created = true;

	/*
	 * First as many threads as the test will have at once, gone again: the
	 * page tables of their stack slots stay (vmalloc page tables are not
	 * freed, as in Linux), and must not count as lost below.
	 */
	for (i = 0; i < CROWD + 2; i++) {
		warm[i] = kthread_create(nothing, NULL, "warm-up");
	}
	for (i = 0; i < CROWD + 2; i++)
		if (warm[i])
			wake_up_process(warm[i]);
	wait_for_tasks(tasks_before);
	free_before = settled_free_pages();

	init_waitqueue_head(&ping_wq);
	init_waitqueue_head(&pong_wq);
	init_waitqueue_head(&done_wq);
	token = 0;
	finished = 0;
	memset(ran_on, 0, sizeof(ran_on));
	for (i = 0; i < 2; i++) {
		struct task_struct *t = kthread_create(ping_pong, (void *)i, "pingpong");

		created &= t != NULL;
		if (t)
			wake_up_process(t);
	}
	wait_event(done_wq, __atomic_load_n(&finished, __ATOMIC_ACQUIRE) == 2);
	ktap_case(s, created && token == 2 * PINGS, "ping_pong_wait_queues",
		  "token %lu, expected %d", token, 2 * PINGS);

	finished = 0;
	for (i = 0; i < CROWD; i++) {
		struct task_struct *t = kthread_create(crowd_member, NULL, "crowd");

		if (!t)
			break;
		wake_up_process(t);
	}
	wait_event(done_wq, __atomic_load_n(&finished, __ATOMIC_ACQUIRE) == i);
	harts = harts_used();
	ktap_case(s, i == CROWD && finished == CROWD, "kthreads_run_and_exit",
		  "%lu created, %u finished", i, finished);
	ktap_case(s, harts == min(2U, nr_cpus_online) || harts > 2, "ran_on_harts",
		  "ran on %u harts of %u", harts, nr_cpus_online);

	/* A sleep with a deadline: woken by a timer tick, not before its time. */
	finished = 0;
	sleep_deadline = sched_clock() + 30000000; /* 30 ms */
	created = kthread_run(sleeper, NULL, "sleeper") != NULL;
	wait_event(done_wq, __atomic_load_n(&finished, __ATOMIC_ACQUIRE) == 1 || !created);
	ktap_case(s, created && woke_at >= sleep_deadline, "sleep_until_deadline",
		  "woke at %llu ns, deadline %llu ns", (unsigned long long)woke_at,
		  (unsigned long long)sleep_deadline);

	wait_for_tasks(tasks_before);
	ktap_case(s, nr_tasks() == tasks_before && settled_free_pages() == free_before,
		  "tasks_and_pages_freed", "%u tasks left (%u before), %lu free pages (%lu before)",
		  nr_tasks(), tasks_before, settled_free_pages(), free_before);
}
DEFINE_SELFTEST(sched, 5, sched_selftest);
