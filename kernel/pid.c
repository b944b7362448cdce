// SPDX-License-Identifier: GPL-2.0
/*
 * pidfds, as Linux 6.12 has them: pidfd_open() (kernel/pid.c),
 * pidfd_prepare() (kernel/fork.c) and the file itself (fs/pidfs.c). A
 * pidfd is close-on-exec and open for reading and writing; it cannot be
 * read or written (-EINVAL); ppoll() finds it readable once the process
 * has exited (POLLIN | POLLRDNORM), and hung up too once it has been reaped
 * (POLLHUP); process_mrelease() (mm/oom_kill.c) takes it to name a process.
 * The file holds a reference to the task_struct (get_task_struct()), so a
 * reaped process's pid is never confused with a new process that reuses
 * it (Loam does not reuse pids anyway). And finding a task by its pid, as
 * Linux's kernel/pid.c does for /proc and the system calls that name a
 * process: Loam has one pid namespace and no pid hash; the task list is
 * short, and walked under tasklist_lock.
 */
#include <err.h>
#include <file.h>
#include <fs.h>
#include <initramfs.h>
#include <mm.h>
#include <pid.h>
#include <poll.h>
#include <sched.h>
#include <slab.h>
#include <syscalls.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Has @p been reaped (kernel/exit.c's unhash_process())? tasklist_lock held. */
static bool task_reaped(struct task_struct *p)
{
	return list_empty(&p->tasks);
}

/* Linux's pidfd_poll(): readable once the process exited, hung up once it was reaped. */
static unsigned int pidfd_poll(struct file *f, poll_table *wait)
{
	struct task_struct *p = f->private_data;
	unsigned int mask = 0;
	unsigned long flags;

	poll_wait(f, &p->wait_pidfd, wait);
	spin_lock_irqsave(&tasklist_lock, flags);
	if (task_reaped(p))
		mask = POLLIN | POLLRDNORM | POLLHUP;
	else if (p->exit_state)
		mask = POLLIN | POLLRDNORM;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return mask;
}

static void pidfd_release(struct file *f)
{
	put_task_struct(f->private_data);
	kfree(f);
}

/* fstat(): pidfs' inode, a regular file, mode 0700 (prepare_anon_dentry(), pidfs_init_inode()). */
static void pidfd_getattr(struct file *f, struct kstat *stat)
{
	stat->mode = S_IFREG | 0700;
	stat->nlink = 1;
	stat->blksize = PAGE_SIZE;
}

static const struct file_operations pidfd_fops = {
	.poll = pidfd_poll,
	.release = pidfd_release,
	.getattr = pidfd_getattr,
};

struct task_struct *pidfd_get_task(int fd, unsigned int *flags)
{
	struct file *f = fget(fd);
	struct task_struct *p;
	unsigned long irqflags;

	if (!f || f->f_op != &pidfd_fops)
		return ERR_PTR(-EBADF);
	p = f->private_data;
	spin_lock_irqsave(&tasklist_lock, irqflags);
	if (task_reaped(p)) {
		spin_unlock_irqrestore(&tasklist_lock, irqflags);
		return ERR_PTR(-ESRCH);
	}
	get_task_struct(p);
	spin_unlock_irqrestore(&tasklist_lock, irqflags);
	*flags = f->f_flags;
	return p;
}

void do_notify_pidfd(struct task_struct *tsk)
{
	wake_up(&tsk->wait_pidfd);
}

struct task_struct *find_task_by_vpid(int nr)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->pid == nr)
			return p;
	return NULL;
}

struct task_struct *find_get_task_by_vpid(int nr)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_vpid(nr);
	if (p)
		get_task_struct(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

/*
 * Linux's pidfd_create(): a new pidfd for @p (whose reference it takes
 * over), close-on-exec, O_RDWR with @flags. The descriptor, or -EMFILE,
 * -ENOMEM (the reference is dropped then).
 */
static int pidfd_create(struct task_struct *p, unsigned int flags)
{
	int fd = get_unused_fd_flags(O_CLOEXEC);
	struct file *f;

	if (fd < 0)
		goto fail;
	f = kmalloc(sizeof(*f), GFP_KERNEL);
	if (!f) {
		fd = -ENOMEM;
		goto fail;
	}
	init_file(f, &pidfd_fops, O_RDWR | (flags & PIDFD_NONBLOCK));
	/* init_file() drops O_EXCL, open()'s flag, which is PIDFD_THREAD here. */
	f->f_flags |= flags & PIDFD_THREAD;
	f->private_data = p;
	fd_install(fd, f);
	return fd;
fail:
	put_task_struct(p);
	return fd;
}

long sys_pidfd_open(long upid, unsigned long uflags)
{
	unsigned int flags = uflags;
	int pid = upid;
	struct task_struct *p;

	if (flags & ~(PIDFD_NONBLOCK | PIDFD_THREAD))
		return -EINVAL;
	if (pid <= 0)
		return -EINVAL;
	p = find_get_task_by_vpid(pid);
	if (!p)
		return -ESRCH;
	return pidfd_create(p, flags);
}
