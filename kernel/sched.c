// SPDX-License-Identifier: GPL-2.0
/*
 * The scheduler: one run queue for the whole machine, round robin, under one
 * lock (Loam's choice for now: simple to read and SMP-safe; Linux has a run
 * queue per CPU and balances them), shared by every hart: whichever hart is
 * free takes the next task. A task leaves its hart when it calls schedule()
 * (it sleeps, yields or exits) or, in user mode, when a timer tick found
 * others waiting (scheduler_tick(): HZ ticks a second). The kernel itself is
 * not preempted.
 *
 * The run queue lock is held across the switch itself and released by the
 * task that runs next (at the end of schedule(), or in schedule_tail() for
 * a task's first run), so that no other hart can pick a task whose registers
 * are still being saved.
 */
#include <asm/csr.h>
#include <asm/irqflags.h>
#include <asm/sbi.h>
#include <asm/switch_to.h>
#include <bench.h>
#include <blkdev.h>
#include <mm.h>
#include <asm/mmu_context.h>
#include <printk.h>
#include <sched.h>
#include <sched/signal.h>
#include <sched_clock.h>
#include <kernel_stat.h>
#include <slab.h>
#include <spinlock.h>
#include <uaccess.h>
#include <string.h>
#include <timer.h>
#include <vmalloc.h>

static DEFINE_SPINLOCK(rq_lock);
static LIST_HEAD(runqueue);
/* Each hart's idle task: the boot context on CPU 0. */
static struct task_struct idle_tasks[NR_CPUS];
static struct kmem_cache *task_cachep;
/* pid 1 is init's (start_init() gives it), as in Linux; other tasks count from 2. */
static int last_pid = 1;
static unsigned int task_count;

DEFINE_SPINLOCK(tasklist_lock);
LIST_HEAD(task_list);

struct kernel_cpustat kernel_cpustat[NR_CPUS];
/* Each CPU's context switches (Linux's rq->nr_switches), under rq_lock. */
static unsigned long long nr_switches[NR_CPUS];

unsigned long long nr_context_switches(void)
{
	unsigned long long sum = 0;
	int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		sum += READ_ONCE(nr_switches[cpu]);
	return sum;
}

unsigned int nr_running(void)
{
	struct task_struct *p;
	unsigned long flags;
	unsigned int n = 0, cpu;

	spin_lock_irqsave(&rq_lock, flags);
	list_for_each_entry(p, &runqueue, run_list)
		n++;
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu) && READ_ONCE(cpu_info[cpu].curr) != &idle_tasks[cpu])
			n++;
	spin_unlock_irqrestore(&rq_lock, flags);
	return n;
}

int last_pid_allocated(void)
{
	return __atomic_load_n(&last_pid, __ATOMIC_RELAXED);
}

unsigned int nr_tasks(void)
{
	return __atomic_load_n(&task_count, __ATOMIC_ACQUIRE);
}

struct task_struct *__switch_to(struct thread_struct *prev, struct thread_struct *next);
void ret_from_kernel_thread(void);

void sched_init(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct task_struct *idle = &idle_tasks[cpu];

		idle->state = TASK_RUNNING;
		idle->on_cpu = true;
		snprintf(idle->comm, sizeof(idle->comm), "swapper/%u", cpu);
		INIT_LIST_HEAD(&idle->run_list);
		idle->signal = &init_signals;
		cpu_info[cpu].curr = idle;
	}
	task_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct), 0,
					SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL);
}

static struct task_struct *idle_task(void)
{
	return &idle_tasks[smp_processor_id()];
}

/*
 * A task that died on this hart: its stack and its reference go once we are
 * off that stack (a zombie's parent holds the other until it reaps it).
 */
static struct task_struct *dead_task[NR_CPUS];

/* Its stack went when it died: put_task_stack(). */
static void free_task(struct task_struct *p)
{
	free_task_signals(p);
	free_signal_struct(p);
	kmem_cache_free(task_cachep, p);
	/* Last: who waits for nr_tasks() to drop also finds the memory back. */
	__atomic_fetch_sub(&task_count, 1, __ATOMIC_RELEASE);
}

void put_task_struct(struct task_struct *p)
{
	if (__atomic_sub_fetch(&p->usage, 1, __ATOMIC_ACQ_REL) == 0)
		free_task(p);
}

/*
 * A dead task's kernel stack goes as soon as nothing runs on it, as Linux's
 * put_task_stack() from finish_task_switch() (CONFIG_THREAD_INFO_IN_TASK):
 * a zombie keeps only its task_struct, for wait4().
 */
static void put_task_stack(struct task_struct *p)
{
	free_thread_stack(p->stack);
	p->stack = NULL;
}

/* After a switch, on the new task's stack, the run queue still locked. */
static void finish_task_switch(void)
{
	struct task_struct *dead = dead_task[smp_processor_id()];

	dead_task[smp_processor_id()] = NULL;
	spin_unlock(&rq_lock);
	if (dead) {
		put_task_stack(dead);
		put_task_struct(dead);
	}
}

/*
 * A new task's first code after __switch_to() (ret_from_kernel_thread and
 * ret_from_fork in entry.S call it): finish the switch as schedule() would
 * have, and turn interrupts on.
 */
void schedule_tail(struct task_struct *prev)
{
	struct task_struct *tsk = current;

	finish_task_switch();
	arch_local_irq_enable();
	/* clone(CLONE_CHILD_SETTID): in the child's own memory; an error is ignored, as in Linux. */
	if (tsk->set_child_tid) {
		int pid = tsk->pid;

		copy_to_user((void __user *)tsk->set_child_tid, &pid, sizeof(pid));
	}
}

static DEFINE_SPINLOCK(sleep_lock);
static LIST_HEAD(sleepers);

/* The caller set TASK_INTERRUPTIBLE: a wake-up since makes schedule() return at once. */
static void __schedule_timeout_prepared(u64 deadline, bool interruptible)
{
	struct task_struct *tsk = current;
	unsigned long flags;

	spin_lock_irqsave(&sleep_lock, flags);
	tsk->wake_at = deadline;
	list_add_tail(&tsk->sleep_list, &sleepers);
	spin_unlock_irqrestore(&sleep_lock, flags);
	/* A signal sent before the state was set found us running: it ends the sleep now. */
	if (!interruptible || !signal_pending(tsk))
		schedule();
	spin_lock_irqsave(&sleep_lock, flags);
	if (!list_empty(&tsk->sleep_list))
		list_del_init(&tsk->sleep_list);
	WRITE_ONCE(tsk->state, TASK_RUNNING);
	spin_unlock_irqrestore(&sleep_lock, flags);
}

static void __schedule_timeout_until(u64 deadline, bool interruptible)
{
	WRITE_ONCE(current->state, TASK_INTERRUPTIBLE);
	__schedule_timeout_prepared(deadline, interruptible);
}

void schedule_timeout_until(u64 deadline)
{
	__schedule_timeout_until(deadline, false);
}

void schedule_timeout_interruptible_until(u64 deadline)
{
	__schedule_timeout_until(deadline, true);
}

void schedule_timeout_prepared_until(u64 deadline)
{
	__schedule_timeout_prepared(deadline, true);
}

static void wake_sleepers(void)
{
	struct task_struct *t, *next;
	u64 now = sched_clock();

	spin_lock(&sleep_lock);
	list_for_each_entry_safe(t, next, &sleepers, sleep_list)
		if (t->wake_at <= now) {
			list_del_init(&t->sleep_list);
			wake_up_process(t);
		}
	spin_unlock(&sleep_lock);
}

/*
 * A timer tick (interrupts off): wake the sleepers whose time has come; if
 * others wait for a hart, the running task gives way at its next chance.
 */
void scheduler_tick(void)
{
	if (smp_processor_id() == 0)
		calc_global_load();
	run_itimers();
	if (!list_empty(&sleepers))
		wake_sleepers();
	if (!list_empty(&runqueue))
		this_cpu()->need_resched = true;
}

void account_process_tick(struct task_struct *p, bool user_tick)
{
	/* Linux's account_user_time(), account_system_time(), account_idle_time(). */
	int idx = user_tick ? CPUTIME_USER : p == idle_task() ? CPUTIME_IDLE : CPUTIME_SYSTEM;

	kernel_cpustat[smp_processor_id()].cpustat[idx] += 1000000000ULL / HZ; /* TICK_NSEC */
	/* Kernel threads (and the idle tasks) have no user time and no itimers. */
	if (!p->mm)
		return;
	if (user_tick)
		p->utime += 1000000000ULL / HZ; /* TICK_NSEC */
	run_cpu_itimers(p);
}

void schedule(void)
{
	struct task_struct *prev = current, *next;
	unsigned long flags;

	/*
	 * Linux's sched_submit_work(): a task going to sleep sends what its
	 * plug holds first, or it might wait for its own held request.
	 */
	if (prev->state != TASK_RUNNING && prev->plug)
		blk_flush_plug(prev->plug, true);
	spin_lock_irqsave(&rq_lock, flags);
	this_cpu()->need_resched = false;
	if (prev->state == TASK_RUNNING && prev != idle_task())
		list_add_tail(&prev->run_list, &runqueue);
	if (prev->state == TASK_DEAD)
		dead_task[smp_processor_id()] = prev;
	next = idle_task();
	if (!list_empty(&runqueue)) {
		next = list_first_entry(&runqueue, struct task_struct, run_list);
		list_del_init(&next->run_list);
	}
	if (next == prev) {
		spin_unlock_irqrestore(&rq_lock, flags);
		return;
	}
	nr_switches[smp_processor_id()]++;
	/* Linux's __schedule(): a task that gives way still runnable was preempted (or yielded). */
	if (prev->state == TASK_RUNNING)
		prev->nivcsw++;
	else
		prev->nvcsw++;
	/* Still on this hart until the switch is done: the lock keeps others off it. */
	prev->on_cpu = prev == idle_task();
	next->on_cpu = true;
	/*
	 * A kernel thread (idle included) runs on swapper_pg_dir. Linux lets it
	 * borrow the last process's tables (lazy TLB) with a reference; here
	 * a process's tables are freed as soon as it is gone, and a kernel
	 * thread touches no user address.
	 */
	if (next->mm)
		switch_mm(next->mm);
	else if (prev->mm)
		switch_to_kernel_mm();
	next->active_mm = next->mm;
	/* update_curr(): the time prev ran is its own from now on. */
	next->exec_start = sched_clock();
	prev->sum_exec_runtime += next->exec_start - prev->exec_start;
	this_cpu()->curr = next;
	__switch_to_fpu(prev, next);
	__switch_to(&prev->thread, &next->thread);
	finish_task_switch();
	arch_local_irq_restore(flags);
}

/* Wake an idle hart (out of wfi, with an IPI) to take a task just queued. */
static void kick_idle_cpu(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu != smp_processor_id() && cpu_online(cpu) &&
		    READ_ONCE(cpu_info[cpu].curr) == &idle_tasks[cpu]) {
			sbi_send_ipi(cpu_info[cpu].hartid);
			return;
		}
}

/* Make @p runnable if it sleeps or, with @start_new, if it is a new task. */
static void try_to_wake_up(struct task_struct *p, bool start_new)
{
	unsigned long flags;
	bool queued = false;

	spin_lock_irqsave(&rq_lock, flags);
	/* A dead task (send_sig_kill() may find one) stays dead. */
	if (p->state == TASK_INTERRUPTIBLE || (start_new && p->state == TASK_NEW)) {
		p->state = TASK_RUNNING;
		/* A task still on its hart queues itself when it calls schedule(). */
		if (!p->on_cpu) {
			list_add_tail(&p->run_list, &runqueue);
			queued = true;
		}
	}
	spin_unlock_irqrestore(&rq_lock, flags);
	if (queued)
		kick_idle_cpu();
}

void wake_up_process(struct task_struct *p)
{
	try_to_wake_up(p, true);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait, int state)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&wait->entry))
		list_add_tail(&wait->entry, &wq->head);
	WRITE_ONCE(current->state, state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait)
{
	unsigned long flags;

	WRITE_ONCE(current->state, TASK_RUNNING);
	spin_lock_irqsave(&wq->lock, flags);
	list_del_init(&wait->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *wait)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_add_tail(&wait->entry, &wq->head);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *wait)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_del_init(&wait->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void wake_up(struct wait_queue_head *wq)
{
	struct wait_queue_entry *w;
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_for_each_entry(w, &wq->head, entry)
		wake_up_process(w->task);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void signal_wake_up(struct task_struct *p)
{
	/* Not a new task: whoever creates it starts it, and it acts on the signal on its way out. */
	try_to_wake_up(p, false);
}

u64 task_sched_runtime(struct task_struct *p)
{
	unsigned long flags;
	u64 ns;

	/* @p is current, running since exec_start: no switch may come between the reads. */
	flags = arch_local_irq_save();
	ns = p->sum_exec_runtime + sched_clock() - p->exec_start;
	arch_local_irq_restore(flags);
	return ns;
}

struct task_struct *alloc_task(const char *name, const struct signal_struct *signal)
{
	struct task_struct *p = kmem_cache_zalloc(task_cachep, GFP_KERNEL);
	unsigned long flags;

	if (!p)
		return NULL;
	if (copy_signal(p, signal)) {
		kmem_cache_free(task_cachep, p);
		return NULL;
	}
	p->stack = alloc_thread_stack();
	if (!p->stack) {
		free_signal_struct(p);
		kmem_cache_free(task_cachep, p);
		return NULL;
	}
	if (init_task_signals(p)) {
		free_thread_stack(p->stack);
		free_signal_struct(p);
		kmem_cache_free(task_cachep, p);
		return NULL;
	}
	__atomic_fetch_add(&task_count, 1, __ATOMIC_RELAXED);
	p->usage = 1;
	p->state = TASK_NEW;
	p->pid = __atomic_add_fetch(&last_pid, 1, __ATOMIC_RELAXED);
	p->start_time = sched_clock();
	spin_lock_init(&p->alloc_lock);
	strlcpy(p->comm, name, sizeof(p->comm));
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->sleep_list);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	init_waitqueue_head(&p->wait_chldexit);
	init_waitqueue_head(&p->wait_pidfd);
	spin_lock_irqsave(&tasklist_lock, flags);
	list_add_tail(&p->tasks, &task_list);
	nr_threads++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

struct task_struct *kthread_create(int (*fn)(void *), void *arg, const char *name)
{
	/* Linux's kernel threads come from kthreadd, with init_task's limits. */
	struct task_struct *p = alloc_task(name, &init_signals);

	if (!p)
		return NULL;
	/* First run: ret_from_kernel_thread(s0 = fn, s1 = arg, s2 = the user pt_regs). */
	p->thread.ra = (unsigned long)ret_from_kernel_thread;
	p->thread.sp = (unsigned long)task_pt_regs(p);
	p->thread.s[0] = (unsigned long)fn;
	p->thread.s[1] = (unsigned long)arg;
	p->thread.s[2] = (unsigned long)task_pt_regs(p);
	return p;
}

struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = kthread_create(fn, arg, name);

	if (p)
		wake_up_process(p);
	return p;
}

/* Called by ret_from_kernel_thread when fn returns: exec'd threads go on to user mode. */
void kthread_return(int ret)
{
	if (!current->mm)
		do_exit(ret);
}

__noreturn void cpu_idle(void)
{
	for (;;) {
		unsigned long t0;

		schedule();
		/*
		 * wfi with interrupts still off, as Linux's idle loop: a wake-up IPI
		 * that came after schedule() found nothing to run stays pending and
		 * ends the wfi at once (it resumes for a pending interrupt enabled
		 * in sie whatever sstatus.SIE says: privileged spec, "Wait for
		 * Interrupt"). Taken with interrupts on, it would be handled first
		 * and the wfi would then sleep until the next tick.
		 */
		t0 = bench_instret();
		wait_for_interrupt();
		arch_local_irq_enable();
		arch_local_irq_disable();
		/* Under -icount, instret jumps while a hart sleeps: make bench takes it out. */
		this_cpu()->idle_instret += bench_instret() - t0;
	}
}
