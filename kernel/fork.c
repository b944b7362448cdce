// SPDX-License-Identifier: GPL-2.0
/*
 * Creating processes, as Linux's kernel/fork.c, for now only the way vfork()
 * does: clone(CLONE_VM | CLONE_VFORK | SIGCHLD). The child runs in its
 * parent's address space (one more mm user) on its own kernel stack, from a
 * copy of the parent's user registers, while the parent sleeps until the
 * child has exec'd a program or exited (complete_vfork_done()). Nothing of
 * the address space is copied: only the descriptor table and the resource
 * limits (signal_struct), both before the task is created. A full
 * fork() needs copy-on-write address spaces: it comes with the fork issue,
 * and until then every other flag combination is refused with -EINVAL.
 *
 * How many: Linux's threads-max. A parent that never reaps its children
 * gets -EAGAIN once the tasks (zombies count) reach max_threads, sized so
 * that their kernel stacks could take at most an eighth of the memory.
 */
#include <asm/switch_to.h>
#include <fdtable.h>
#include <kernel.h>
#include <mm.h>
#include <mmap.h>
#include <sched.h>
#include <sched/signal.h>
#include <slab.h>
#include <syscalls.h>
#include <traps.h>
#include <uapi/errno.h>
#include <uapi/sched.h>

void ret_from_fork(void);

/* Linux's bounds on threads-max (kernel/fork.c; FUTEX_TID_MASK is the upper one). */
#define MIN_THREADS 20
#define MAX_THREADS 0x3fffffff

int nr_threads;
int max_threads;

static struct kmem_cache *signal_cachep;

/*
 * Linux's INIT_RLIMITS (asm-generic/resource.h) for the limits Loam knows
 * values of; RLIMIT_NPROC and RLIMIT_SIGPENDING come from threads-max in
 * fork_init(), as in Linux.
 */
struct signal_struct init_signals = {
	.rlim = {
		[RLIMIT_CPU] = { RLIM64_INFINITY, RLIM64_INFINITY },
		[RLIMIT_FSIZE] = { RLIM64_INFINITY, RLIM64_INFINITY },
		[RLIMIT_DATA] = { RLIM64_INFINITY, RLIM64_INFINITY },
		[RLIMIT_STACK] = { _STK_LIM, RLIM64_INFINITY },
		[RLIMIT_CORE] = { 0, RLIM64_INFINITY },
		[RLIMIT_RSS] = { RLIM64_INFINITY, RLIM64_INFINITY },
		[RLIMIT_NPROC] = { 0, 0 },
		[RLIMIT_NOFILE] = { 1024, 4096 },
		[RLIMIT_MEMLOCK] = { 8UL << 20, 8UL << 20 },
		[RLIMIT_AS] = { RLIM64_INFINITY, RLIM64_INFINITY },
		[RLIMIT_LOCKS] = { RLIM64_INFINITY, RLIM64_INFINITY },
		[RLIMIT_SIGPENDING] = { 0, 0 },
		[RLIMIT_MSGQUEUE] = { RLIM64_INFINITY, RLIM64_INFINITY },
		[RLIMIT_NICE] = { 0, 0 },
		[RLIMIT_RTPRIO] = { 0, 0 },
		[RLIMIT_RTTIME] = { RLIM64_INFINITY, RLIM64_INFINITY },
	},
};

int copy_signal(struct task_struct *p, const struct signal_struct *from)
{
	p->signal = kmem_cache_alloc(signal_cachep, GFP_KERNEL);
	if (!p->signal)
		return -ENOMEM;
	memcpy(p->signal->rlim, from->rlim, sizeof(p->signal->rlim));
	return 0;
}

void free_signal_struct(struct task_struct *p)
{
	kmem_cache_free(signal_cachep, p->signal);
	p->signal = NULL;
}

/* Linux's set_max_threads(): THREAD_SIZE * 8 bytes of memory per task. */
static void set_max_threads(unsigned int max_threads_suggested)
{
	u64 threads = (u64)totalram_pages() * PAGE_SIZE / (THREAD_SIZE * 8UL);

	if (threads > max_threads_suggested)
		threads = max_threads_suggested;
	max_threads = clamp(threads, (u64)MIN_THREADS, (u64)MAX_THREADS);
}

void fork_init(void)
{
	signal_cachep = kmem_cache_create("signal_cache", sizeof(struct signal_struct), 0,
					  SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL);
	set_max_threads(MAX_THREADS);
	init_signals.rlim[RLIMIT_NPROC].rlim_cur = max_threads / 2;
	init_signals.rlim[RLIMIT_NPROC].rlim_max = max_threads / 2;
	init_signals.rlim[RLIMIT_SIGPENDING] = init_signals.rlim[RLIMIT_NPROC];
}

long sys_clone(unsigned long clone_flags, unsigned long newsp, int *parent_tidptr,
	       unsigned long tls, int *child_tidptr)
{
	struct task_struct *parent = current, *p;
	struct files_struct *files;
	struct pt_regs *regs;
	unsigned long flags;
	int pid;

	if (clone_flags != (CLONE_VM | CLONE_VFORK | SIGCHLD))
		return -EINVAL;
	/*
	 * copy_process()'s limits, both -EAGAIN. RLIMIT_NPROC (by default
	 * max_threads / 2, see fork_init()) binds only users other than
	 * root that lack CAP_SYS_RESOURCE and CAP_SYS_ADMIN: every Loam process
	 * is root, so it binds none of them. threads-max binds everyone. As in
	 * Linux the count is read without the lock: racing clones may overshoot.
	 */
	if (READ_ONCE(nr_threads) >= max_threads)
		return -EAGAIN;
	/* The descriptors first: a task once made has no way back yet. */
	files = dup_fd(parent->files);
	if (!files)
		return -ENOMEM;
	/* Its own copy of the limits: Linux shares them only with CLONE_THREAD. */
	p = alloc_task(parent->comm, parent->signal);
	if (!p) {
		put_files_struct(files);
		return -ENOMEM;
	}
	/* The FPU's registers are the parent's: saved first (Linux's arch_dup_task_struct()). */
	fstate_save(parent, task_pt_regs(parent));
	p->thread.fstate = parent->thread.fstate;
	regs = task_pt_regs(p);
	*regs = *task_pt_regs(parent);
	regs->a0 = 0; /* the child's return value */
	if (newsp)
		regs->sp = newsp;
	/* The actions and the mask: vfork without CLONE_SIGHAND copies them. */
	copy_sighand(p, parent);
	p->mm = p->active_mm = parent->mm;
	mmget(p->mm);
	p->files = files;
	p->vfork_pending = true;
	/* One reference for the run (dropped at the switch after its death), one for wait4(). */
	get_task_struct(p);
	/* First run: ret_from_fork, straight to user mode from the copied registers. */
	p->thread.ra = (unsigned long)ret_from_fork;
	p->thread.sp = (unsigned long)regs;
	spin_lock_irqsave(&tasklist_lock, flags);
	p->parent = parent;
	list_add_tail(&p->sibling, &parent->children);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	pid = p->pid;
	/* Ours while we wait: a child whose exit we ignore (SIGCHLD) is reaped as it exits. */
	get_task_struct(p);
	wake_up_process(p);
	/*
	 * A kill ends the wait as in Linux's wait_for_vfork_done(); the child
	 * keeps its own reference to the mm.
	 */
	wait_event(parent->wait_chldexit,
		   !READ_ONCE(p->vfork_pending) || fatal_signal_pending(parent));
	put_task_struct(p);
	return pid;
}
