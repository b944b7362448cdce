// SPDX-License-Identifier: GPL-2.0
/*
 * Creating processes, as Linux's kernel/fork.c: clone() as fork() and as
 * vfork().
 *
 * fork() (SIGCHLD alone, or with glibc's CLONE_CHILD_SETTID |
 * CLONE_CHILD_CLEARTID): the child gets a copy of the descriptor table and
 * of the address space (dup_mm()), whose anonymous pages parent and child
 * share read-only until one of them writes (copy on write: dup_mmap() and
 * copy_page_range() in mm/, do_wp_page() at the write). vfork()
 * (CLONE_VM | CLONE_VFORK | SIGCHLD): the child runs in its parent's
 * address space (one more mm user), while the parent sleeps until the
 * child has exec'd a program or exited (complete_vfork_done()). Either
 * way the child starts on its own kernel stack from a copy of the
 * parent's user registers and its own copy of the resource limits
 * (signal_struct). Threads (CLONE_THREAD and the sharing flags
 * without it) are refused with -EINVAL, as is an exit signal other than
 * SIGCHLD.
 *
 * How many: Linux's threads-max. A parent that never reaps its children
 * gets -EAGAIN once the tasks (zombies count) reach max_threads, sized so
 * that their kernel stacks could take at most an eighth of the memory.
 */
#include <asm/switch_to.h>
#include <fdtable.h>
#include <fs_struct.h>
#include <kernel.h>
#include <kernel_stat.h>
#include <mm.h>
#include <mmap.h>
#include <sched.h>
#include <sched/signal.h>
#include <slab.h>
#include <string.h>
#include <syscalls.h>
#include <traps.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/sched.h>

void ret_from_fork(void);

/* Linux's bounds on threads-max (kernel/fork.c; FUTEX_TID_MASK is the upper one). */
#define MIN_THREADS 20
#define MAX_THREADS 0x3fffffff

int nr_threads;
unsigned long total_forks;
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
	/* Group, session and terminal are inherited; leading a session is not (Linux's copy_signal()). */
	p->signal->pgrp = from->pgrp;
	p->signal->session = from->session;
	p->signal->tty = from->tty;
	p->signal->leader = false;
	return 0;
}

void set_special_pids(struct task_struct *p, struct tty_struct *tty)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p->signal->pgrp = p->signal->session = p->pid;
	p->signal->leader = true;
	p->signal->tty = tty;
	spin_unlock_irqrestore(&tasklist_lock, flags);
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

/* The exit signal every child reports (Linux's SIGCHLD, asm-generic/signal.h). */
#define CLONE_EXIT_SIGNAL 17
/* What fork() and vfork() may add: the thread-id addresses (Linux's copy_process()). */
#define CLONE_TID_FLAGS (CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)

/* A fork() or a vfork(), with the thread-id flags; nothing else (see the top). */
static bool clone_flags_ok(unsigned long clone_flags)
{
	unsigned long sharing = clone_flags & ~(CSIGNAL | CLONE_TID_FLAGS);

	if ((clone_flags & CSIGNAL) != CLONE_EXIT_SIGNAL)
		return false;
	return !sharing || sharing == (CLONE_VM | CLONE_VFORK);
}

/*
 * Linux's dup_mm(): a new mm with @oldmm's layout, program path
 * and a copy of its VMAs and pages (copy on write). NULL if memory ran
 * out: what was copied is undone (mmput()).
 */
static struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return NULL;
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->mmap_base = oldmm->mmap_base;
	mm->task_size = oldmm->task_size;
	if (oldmm->exe_path) {
		size_t len = strlen(oldmm->exe_path) + 1;

		mm->exe_path = kmalloc(len, GFP_KERNEL);
		if (!mm->exe_path) {
			mmput(mm);
			return NULL;
		}
		memcpy(mm->exe_path, oldmm->exe_path, len);
	}
	if (oldmm->cmdline) {
		mm->cmdline = kmalloc(oldmm->cmdline_len, GFP_KERNEL);
		if (!mm->cmdline) {
			mmput(mm);
			return NULL;
		}
		memcpy(mm->cmdline, oldmm->cmdline, oldmm->cmdline_len);
		mm->cmdline_len = oldmm->cmdline_len;
	}
	if (dup_mmap(mm, oldmm)) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

/* Linux's copy_mm(): the parent's mm shared (vfork), or copied. */
static struct mm_struct *copy_mm(unsigned long clone_flags, struct mm_struct *oldmm)
{
	if (clone_flags & CLONE_VM) {
		mmget(oldmm);
		return oldmm;
	}
	return dup_mm(oldmm);
}

/*
 * The child's task, its limits and registers a copy of the parent's but a0 (0, the
 * child's return value) and sp (@newsp if given), first run through
 * ret_from_fork. NULL if there is no memory for it.
 */
static struct task_struct *copy_thread(struct task_struct *parent, unsigned long newsp)
{
	/* Its own copy of the limits: Linux shares them only with CLONE_THREAD. */
	struct task_struct *p = alloc_task(parent->comm, parent->signal);
	struct pt_regs *regs;

	if (!p)
		return NULL;
	/* The FPU's registers are the parent's: saved first (Linux's arch_dup_task_struct()). */
	fstate_save(parent, task_pt_regs(parent));
	p->thread.fstate = parent->thread.fstate;
	regs = task_pt_regs(p);
	*regs = *task_pt_regs(parent);
	regs->a0 = 0;
	if (newsp)
		regs->sp = newsp;
	p->thread.ra = (unsigned long)ret_from_fork;
	p->thread.sp = (unsigned long)regs;
	return p;
}

/* The parent side of a vfork() (holding a reference to @p): wait until the child lets go of the mm. */
static void wait_for_vfork_done(struct task_struct *parent, struct task_struct *p)
{
	/*
	 * A kill ends the wait as in Linux's wait_for_vfork_done(); the child
	 * keeps its own reference to the mm.
	 */
	wait_event(parent->wait_chldexit,
		   !READ_ONCE(p->vfork_pending) || fatal_signal_pending(parent));
}

long sys_clone(unsigned long clone_flags, unsigned long newsp, int *parent_tidptr,
	       unsigned long tls, int *child_tidptr)
{
	struct task_struct *parent = current, *p;
	struct files_struct *files;
	struct fs_struct *fs;
	struct mm_struct *mm;
	unsigned long flags;
	int pid;

	if (!clone_flags_ok(clone_flags))
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
	/* Descriptors and memory first: a task once made has no way back yet. */
	files = dup_fd(parent->files);
	if (!files)
		return -ENOMEM;
	/* Linux's copy_fs() without CLONE_FS: a copy of the working directory. */
	fs = parent->fs ? copy_fs_struct(parent->fs) : NULL;
	if (parent->fs && !fs) {
		put_files_struct(files);
		return -ENOMEM;
	}
	mm = copy_mm(clone_flags, parent->mm);
	if (!mm) {
		put_fs_struct(fs);
		put_files_struct(files);
		return -ENOMEM;
	}
	p = copy_thread(parent, newsp);
	if (!p) {
		mmput(mm);
		put_fs_struct(fs);
		put_files_struct(files);
		return -ENOMEM;
	}
	/* The actions and the mask: without CLONE_SIGHAND the child gets copies. */
	copy_sighand(p, parent);
	p->mm = p->active_mm = mm;
	p->files = files;
	p->fs = fs;
	p->vfork_pending = clone_flags & CLONE_VFORK;
	/* Until it execs, its parent may move it to another process group (setpgid()). */
	p->flags |= PF_FORKNOEXEC;
	if (clone_flags & CLONE_CHILD_SETTID)
		p->set_child_tid = (unsigned long)child_tidptr;
	if (clone_flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = (unsigned long)child_tidptr;
	/* One reference for the run (dropped at the switch after its death), one for wait4(). */
	get_task_struct(p);
	spin_lock_irqsave(&tasklist_lock, flags);
	/* The group and session as they are now: a setpgid() or setsid() since alloc_task() counts. */
	p->signal->pgrp = parent->signal->pgrp;
	p->signal->session = parent->signal->session;
	p->signal->tty = parent->signal->tty;
	p->parent = parent;
	list_add_tail(&p->sibling, &parent->children);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	pid = p->pid;
	/* Linux's kernel_clone(): written in the parent's memory only, an error ignored. */
	if (clone_flags & CLONE_PARENT_SETTID)
		copy_to_user(parent_tidptr, &pid, sizeof(pid));
	/* Ours while we wait: a child whose exit we ignore (SIGCHLD) is reaped as it exits. */
	if (clone_flags & CLONE_VFORK)
		get_task_struct(p);
	__atomic_fetch_add(&total_forks, 1, __ATOMIC_RELAXED);
	wake_up_process(p);
	if (clone_flags & CLONE_VFORK) {
		wait_for_vfork_done(parent, p);
		put_task_struct(p);
	}
	return pid;
}

struct mm_struct *get_task_mm(struct task_struct *task)
{
	struct mm_struct *mm;

	task_lock(task);
	mm = task->mm;
	if (mm)
		mmget(mm);
	task_unlock(task);
	return mm;
}
