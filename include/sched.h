/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tasks and the scheduler, with Linux's names (include/linux/sched.h). A task
 * is a kernel stack, a saved kernel context (struct thread_struct) and, for
 * a user process, an address space (struct mm_struct). The running task of
 * a hart is current, found through the hart's struct cpu_info (tp).
 */
#ifndef LOAM_SCHED_H
#define LOAM_SCHED_H

#include <asm/ptrace.h>
#include <asm/thread_info.h>
#include <fdtable.h>
#include <list.h>
#include <signal.h>
#include <smp.h>
#include <spinlock.h>
#include <types.h>
#include <wait.h>

/*
 * The kernel context __switch_to() saves and restores (platform/riscv/kernel/entry.S): ra,
 * sp, s0-s11; and the user's floating-point registers while another task
 * has the FPU (<asm/switch_to.h>).
 */
struct thread_struct {
	unsigned long ra, sp;
	unsigned long s[12];
	struct __riscv_d_ext_state fstate;
};

enum task_state {
	TASK_RUNNING,
	TASK_INTERRUPTIBLE, /* asleep until woken (a signal wakes it too) */
	TASK_DEAD,
	TASK_NEW, /* created, context not complete: only wake_up_process() starts it */
};

/* A process that has exited but not been waited for keeps its pid and status. */
#define EXIT_ZOMBIE 16

#define TASK_COMM_LEN 16

struct blk_plug;
struct fs_struct;
struct mm_struct;
struct signal_struct;

struct task_struct {
	struct thread_struct thread; /* first: __switch_to() takes its address */
	int state; /* enum task_state */
	/* THREAD_SIZE bytes, pt_regs of a user task at the top; NULL once it has died. */
	void *stack;
	struct mm_struct *mm; /* NULL for kernel threads */
	/* The page table in use: mm's (kernel threads run on swapper_pg_dir). */
	struct mm_struct *active_mm;
	int pid;
	char comm[TASK_COMM_LEN];
	int exit_code;
	struct list_head run_list; /* on the run queue while runnable and not running */
	bool on_cpu; /* running on a hart (or being switched out): not to be queued */
	/* clone(CLONE_CHILD_SETTID): where the child writes its tid first thing (schedule_tail()). */
	unsigned long set_child_tid;
	/* set_tid_address(), clone(CLONE_CHILD_CLEARTID): 0 there at exit, if the mm lives on. */
	unsigned long clear_child_tid;
	unsigned long robust_list; /* set_robust_list(); exec forgets it */
	u64 wake_at; /* sched_clock() time a sleep ends (schedule_timeout_until()) */
	/* Requests held back by blk_start_plug() (include/blkdev.h), or NULL. */
	struct blk_plug *plug;
	struct list_head sleep_list; /* on the sleepers' list while sleeping with a deadline */
	/* get_task_struct()/put_task_struct(): a zombie's stays until it is reaped. */
	int usage;
	/*
	 * The process tree (kernel/fork.c, kernel/exit.c), under tasklist_lock:
	 * parent is NULL for kernel threads and init, which nobody waits for.
	 */
	struct task_struct *parent;
	struct list_head children; /* alive or zombie, until reaped */
	struct list_head sibling; /* in the parent's children */
	struct list_head tasks; /* on the task list: for_each_process() */
	int exit_state; /* EXIT_ZOMBIE once exited with a parent to tell */
	/* A vfork child sharing its parent's mm: the parent sleeps in clone until it clears. */
	bool vfork_pending;
	/* Woken when a child exits or a vfork child lets go of the mm. */
	struct wait_queue_head wait_chldexit;
	/*
	 * Signals (kernel/signal.c, <signal.h>), under sighand->siglock: the
	 * actions, the blocked mask, the pending set; the mask sigsuspend()
	 * or ppoll() replaced, to put back on the way out (restore_sigmask:
	 * Linux's TIF_RESTORE_SIGMASK); the alternate stack (sigaltstack()).
	 */
	struct sighand_struct *sighand;
	sigset_t blocked, saved_sigmask;
	/* The mask rt_sigtimedwait() put aside while it waits (its signals are never ignored then). */
	sigset_t real_blocked;
	bool restore_sigmask;
	unsigned int signal_flags; /* SIGNAL_UNKILLABLE (Linux's signal->flags) */
	struct sigpending pending;
	unsigned long sas_ss_sp, sas_ss_size;
	unsigned int sas_ss_flags;
	/*
	 * ITIMER_REAL (kernel/itimer.c, Linux's signal_struct->real_timer):
	 * the sched_clock() time it fires (0: disarmed) and its interval in
	 * ns; on itimer_list while armed.
	 */
	u64 it_real_expires, it_real_incr;
	struct list_head it_real_list;
	/*
	 * ITIMER_PROF and ITIMER_VIRTUAL (Linux's signal_struct->it[]): the
	 * CPU time (all, or user only) at which each fires, 0 when disarmed,
	 * and its interval; utime is the user time the ticks sampled
	 * (Linux's without CONFIG_VIRT_CPU_ACCOUNTING), all in ns.
	 */
	u64 it_prof_expires, it_prof_incr, it_virt_expires, it_virt_incr;
	u64 utime;
	/* The descriptor table (kernel/file.c); NULL for kernel threads. */
	struct files_struct *files;
	/* The working directory (<fs_struct.h>); NULL: "/". */
	struct fs_struct *fs;
	/* The resource limits (include/sched/signal.h): the task's own, freed with it. */
	struct signal_struct *signal;
	/*
	 * CPU time (Linux's se.sum_exec_runtime and se.exec_start): the
	 * sched_clock() time spent running before the last switch in, and that
	 * switch's time.
	 */
	u64 sum_exec_runtime, exec_start;
	/* sched_clock() when the task was made (Linux's start_boottime): /proc/PID/stat's starttime. */
	u64 start_time;
	/*
	 * Switches away from the task (Linux's nvcsw and nivcsw): asleep, or
	 * still runnable (preempted at a tick, or yielding). /proc/PID/status.
	 */
	unsigned long nvcsw, nivcsw;
	/*
	 * Linux's alloc_lock (task_lock()): @mm and @files change under it
	 * (exec, exit), so that another task may read them (get_task_mm()).
	 */
	spinlock_t alloc_lock;
	unsigned int flags; /* PF_EXITING, PF_FORKNOEXEC */
	/*
	 * pidfds of this task are polled here: woken when it exits (Linux keeps
	 * it in struct pid, which Loam does not have; kernel/pid.c).
	 */
	struct wait_queue_head wait_pidfd;
};

static inline void task_lock(struct task_struct *p)
{
	spin_lock(&p->alloc_lock);
}

static inline void task_unlock(struct task_struct *p)
{
	spin_unlock(&p->alloc_lock);
}

/* task->flags: in do_exit() (Linux's PF_EXITING, set by exit_signals()). */
#define PF_EXITING 0x00000004
/* task->flags: forked but not yet exec'd (Linux's PF_FORKNOEXEC; setpgid() checks it). */
#define PF_FORKNOEXEC 0x00000040

#define current (this_cpu()->curr)

/* The user registers of a task, at the top of its kernel stack. */
static inline struct pt_regs *task_pt_regs(struct task_struct *p)
{
	return (struct pt_regs *)((char *)p->stack + THREAD_SIZE) - 1;
}

/* Make the boot context CPU 0's idle task; tasks come from the task cache after this. */
void sched_init(void);
/*
 * A new kernel thread running @fn(@arg), not yet runnable: wake_up_process()
 * starts it. If @fn returns 0 after setting up task_pt_regs() (an exec), the
 * thread goes to user mode; kthreads that return otherwise exit.
 */
struct task_struct *kthread_create(int (*fn)(void *), void *arg, const char *name);
void wake_up_process(struct task_struct *p);
/* kthread_create() and wake_up_process(): a running thread, or NULL. */
struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name);
/*
 * Sleep until sched_clock() reaches @deadline (ns), or an earlier wake-up.
 * The timer tick does the waking: HZ resolution.
 */
void schedule_timeout_until(u64 deadline);
/*
 * The same, but a pending signal ends it (Linux's
 * schedule_timeout_interruptible()): nanosleep, ppoll. The caller checks
 * signal_pending() after it.
 */
void schedule_timeout_interruptible_until(u64 deadline);
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait, int state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait);
/*
 * Put @wait on @wq, or take it off, without touching the task's state
 * (Linux's add_wait_queue(), remove_wait_queue()): for a waiter such as
 * ppoll that sleeps on several queues at once.
 */
void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *wait);
void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *wait);
/*
 * schedule_timeout_interruptible_until() for a caller that has already set
 * TASK_INTERRUPTIBLE and checked its condition (Linux's schedule_timeout()
 * contract): a wake-up since then, or a pending signal, makes it return at
 * once instead of being lost.
 */
void schedule_timeout_prepared_until(u64 deadline);
/* Wake every task waiting on @wq. */
void wake_up(struct wait_queue_head *wq);

#define wait_event(wq, condition)                                            \
	do {                                                                 \
		struct wait_queue_entry __wait = { .task = current };        \
                                                                             \
		INIT_LIST_HEAD(&__wait.entry);                               \
		for (;;) {                                                   \
			prepare_to_wait(&(wq), &__wait, TASK_INTERRUPTIBLE); \
			if (condition)                                       \
				break;                                       \
			schedule();                                          \
		}                                                            \
		finish_wait(&(wq), &__wait);                                 \
	} while (0)

/*
 * wait_event() that a signal ends too: 0 once @condition holds, or
 * -ERESTARTSYS (Linux's wait_event_interruptible()).
 */
#define wait_event_interruptible(wq, condition)                              \
	({                                                                   \
		struct wait_queue_entry __wait = { .task = current };        \
		int __ret = 0;                                               \
                                                                             \
		INIT_LIST_HEAD(&__wait.entry);                               \
		for (;;) {                                                   \
			prepare_to_wait(&(wq), &__wait, TASK_INTERRUPTIBLE); \
			if (condition)                                       \
				break;                                       \
			if (signal_pending(current)) {                       \
				__ret = -ERESTARTSYS;                        \
				break;                                       \
			}                                                    \
			schedule();                                          \
		}                                                            \
		finish_wait(&(wq), &__wait);                                 \
		__ret;                                                       \
	})

/*
 * Every task but the idle ones, zombies included: for_each_process(p) walks
 * them with tasklist_lock held (spin_lock_irqsave). A task found there
 * stays valid after the lock is dropped only with get_task_struct().
 */
extern spinlock_t tasklist_lock;
extern struct list_head task_list;
#define for_each_process(p) list_for_each_entry(p, &task_list, tasks)
/* Tasks on task_list (Linux's nr_threads), under tasklist_lock. */
extern int nr_threads;
/* threads-max: clone fails with -EAGAIN when nr_threads has reached it (kernel/fork.c). */
extern int max_threads;
/* Linux's fork_init(): threads-max from the memory size; at boot, after the page allocator. */
void fork_init(void);

/* References to a task_struct: the last put frees it with its stack. */
static inline void get_task_struct(struct task_struct *p)
{
	__atomic_fetch_add(&p->usage, 1, __ATOMIC_RELAXED);
}

/* Drop a reference; the last frees the task_struct (its stack went when it died). */
void put_task_struct(struct task_struct *p);
/*
 * The task of pid @nr, alive or a zombie, with a reference (put_task_struct()),
 * or NULL (Linux's find_get_task_by_vpid(), kernel/pid.c).
 */
struct task_struct *find_get_task_by_vpid(int nr);
/* The same without a reference, for a caller holding tasklist_lock (find_task_by_vpid()). */
struct task_struct *find_task_by_vpid(int nr);

/*
 * A new task (its own stack, a pid, on the task list, a copy of @signal's
 * resource limits), not yet runnable: the caller fills in its context.
 * kthread_create() and clone's part. NULL if memory runs out.
 */
struct task_struct *alloc_task(const char *name, const struct signal_struct *signal);

/*
 * Kill @p with SIGKILL from the kernel (the OOM killer): it exits ("killed
 * by signal 9") when it next returns to user mode, and a sleeping @p is
 * woken to get there. A task woken in a wait_event() loop re-checks only
 * its condition, so it may sleep again until that holds: acceptable while
 * every sleep in Loam is bounded (timeouts, I/O completions, children that
 * run); the sleeps that wait on other processes (wait4, vfork, pause)
 * check signal_pending() or fatal_signal_pending() too.
 */
void send_sig_kill(struct task_struct *p);
/* A signal for @p: wake it if it sleeps (interruptibly: every Loam sleep is). */
void signal_wake_up(struct task_struct *p);

/*
 * A signal is pending that @p does not block: it leaves any interruptible
 * sleep, and acts on the way back to user mode (Linux's TIF_SIGPENDING,
 * computed when asked; kernel/signal.c, out of line so that host tests,
 * whose C library has a sigset_t of its own, compile this header).
 */
bool signal_pending(struct task_struct *p);
/* A SIGKILL is pending: @p dies on its way back to user mode. */
bool fatal_signal_pending(struct task_struct *p);

/* The CPU time @p, the current task, has used until now, in ns (CLOCK_THREAD_CPUTIME_ID). */
u64 task_sched_runtime(struct task_struct *p);
/* Tasks that exist (not the idle tasks): sysinfo's procs. */
unsigned int nr_tasks(void);
/* The timer tick's part: wake sleepers whose time has come, ask for a switch if tasks wait. */
void scheduler_tick(void);
/*
 * The timer tick's accounting of the task it interrupted (Linux's
 * account_process_tick()): a tick of user time if @user_tick, then its CPU
 * interval timers (kernel/itimer.c).
 */
void account_process_tick(struct task_struct *p, bool user_tick);
/* Give the hart to the next runnable task (or this hart's idle task). */
void schedule(void);
/* The idle loop of a hart: run whatever is runnable, wfi otherwise. */
__noreturn void cpu_idle(void);
/* Record the free pages before init runs, for the report when it exits. */
void note_free_before_init(void);
/*
 * End the current task with Linux's exit code: (status & 0xff) << 8 for an
 * exit, the signal number for a kill. Its mm and files go, its children go
 * to init, its parent (if any) finds it a zombie; init's end powers the
 * machine off.
 */
__noreturn void do_exit(int code);
/* A vfork child is done with its parent's mm (exec or exit): the parent goes on. */
void complete_vfork_done(struct task_struct *tsk);

#endif
