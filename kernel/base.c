// SPDX-License-Identifier: GPL-2.0
/*
 * Linux's fs/proc/base.c, in part: /proc/PID/cmdline as
 * proc_pid_cmdline_read() gives it: the arguments exec gave the program,
 * each ending in NUL; nothing for a kernel thread or a zombie (no mm). And
 * /proc/PID/mem: the process's memory, the file offset its address, read
 * and written as ptrace does (FOLL_FORCE), as Linux's mem_rw().
 */
#include <file.h>
#include <fs.h>
#include <gfp.h>
#include <initramfs.h>
#include <kernel.h>
#include <mm.h>
#include <mm_types.h>
#include <mmap.h>
#include <proc_internal.h>
#include <sched.h>
#include <seq_buf.h>
#include <slab.h>
#include <spinlock.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

void proc_pid_cmdline(struct seq_buf *m, struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);
	const char *cmdline;

	if (!mm)
		return;
	/* exec writes the length before the pointer (set_mm_cmdline()). */
	cmdline = READ_ONCE(mm->cmdline);
	if (cmdline)
		seq_buf_putmem(m, cmdline, min(mm->cmdline_len, PAGE_SIZE));
	mmput(mm);
}

/* An open /proc/self/mem: the file and the mm it was opened on (mmgrab()), or NULL. */
struct mem_file {
	struct file file;
	struct mm_struct *mm;
};

/*
 * Linux's mem_rw(): @count bytes from the address *@ppos, through a bounce
 * page, a page at a time (access_remote_vm() with FOLL_FORCE). What was
 * done, or -EIO if nothing could be (an unmapped address, a VMA that even
 * FOLL_FORCE may not use: a shared read-only mapping for a write), -EFAULT
 * if @buf faults; 0 without an mm (a kernel thread's, or one that exited).
 * *@ppos moves past what was done.
 */
static long mem_rw(struct file *file, char __user *buf, size_t count, long *ppos, bool write)
{
	struct mm_struct *mm = container_of(file, struct mem_file, file)->mm;
	unsigned int flags = FOLL_FORCE | (write ? FOLL_WRITE : 0);
	unsigned long addr = *ppos;
	long copied = 0;
	char *page;

	if (!mm)
		return 0;
	page = (char *)__get_free_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	if (!mmget_not_zero(mm))
		goto free;
	while (count > 0) {
		int this_len = min(count, PAGE_SIZE);

		if (write && copy_from_user(page, buf, this_len)) {
			copied = -EFAULT;
			break;
		}
		this_len = access_remote_vm(mm, addr, page, this_len, flags);
		if (!this_len) {
			if (!copied)
				copied = -EIO;
			break;
		}
		if (!write && copy_to_user(buf, page, this_len)) {
			copied = -EFAULT;
			break;
		}
		buf += this_len;
		addr += this_len;
		copied += this_len;
		count -= this_len;
	}
	*ppos = addr;
	mmput(mm);
free:
	free_page((unsigned long)page);
	return copied;
}

static long mem_read(struct file *file, char __user *buf, size_t count, long *ppos)
{
	return mem_rw(file, buf, count, ppos, false);
}

static long mem_write(struct file *file, const char __user *buf, size_t count, long *ppos)
{
	return mem_rw(file, (char __user *)buf, count, ppos, true);
}

/* Linux's mem_lseek(): SEEK_SET or SEEK_CUR, to any address (FMODE_UNSIGNED_OFFSET). */
static long mem_lseek(struct file *file, long offset, unsigned int whence)
{
	unsigned long flags;
	long pos;

	if (whence != SEEK_SET && whence != SEEK_CUR)
		return -EINVAL;
	spin_lock_irqsave(&file->f_pos_lock, flags);
	file->f_pos = pos = whence == SEEK_SET ? offset : file->f_pos + offset;
	spin_unlock_irqrestore(&file->f_pos_lock, flags);
	return pos;
}

static void mem_release(struct file *file)
{
	struct mem_file *mf = container_of(file, struct mem_file, file);

	if (mf->mm)
		mmdrop(mf->mm);
	kfree(mf);
}

/* A regular file, rw------- (S_IRUSR | S_IWUSR, as Linux's), size 0, 1024-byte blocks. */
static void mem_getattr(struct file *file, struct kstat *stat)
{
	stat->mode = S_IFREG | 0600;
	stat->nlink = 1;
	stat->blksize = 1024;
}

/* Linux's proc_mem_operations; no mmap method: mmap() is -ENODEV. */
static const struct file_operations proc_mem_operations = {
	.read = mem_read,
	.write = mem_write,
	.llseek = mem_lseek,
	.release = mem_release,
	.getattr = mem_getattr,
};

struct file *proc_mem_open(struct task_struct *task, unsigned int flags, int *err)
{
	struct mem_file *mf;
	struct mm_struct *mm;

	*err = -ENOMEM;
	mf = kzalloc(sizeof(*mf), GFP_KERNEL);
	if (!mf)
		return NULL;
	/*
	 * Linux's proc_mem_open(): a task without an mm (a kernel thread, a
	 * zombie) opens, and reads nothing. Loam's one user is root, whom
	 * ptrace_may_access() lets at any task.
	 */
	task_lock(task);
	mm = task->mm;
	if (mm)
		mmgrab(mm);
	task_unlock(task);
	mf->mm = mm;
	init_file(&mf->file, &proc_mem_operations, flags);
	mf->file.f_mode |= FMODE_UNSIGNED_OFFSET;
	*err = 0;
	return &mf->file;
}
