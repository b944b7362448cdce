// SPDX-License-Identifier: GPL-2.0
/*
 * Open files and the /proc reports user programs read: /proc/meminfo,
 * /proc/vmstat, /proc/buddyinfo, /proc/pagetypeinfo, /proc/zoneinfo and
 * /proc/slabinfo, rendered by the mm code into a seq_buf. Like Linux's
 * seq_file on its first read, the text is rendered once, at open: reads
 * then walk that snapshot (partial reads, lseek, EOF), so a reader sees
 * one consistent report however small its buffer.
 *
 * A task's descriptors are a small array in its task_struct (0-2 are the
 * console, kernel/sys.c). clone copies the table and shares the open files
 * (and their offsets), as Linux does for a child without CLONE_FILES;
 * O_CLOEXEC descriptors close at exec, all of them at exit.
 *
 * The files are 0444 root's, and Loam's one user is root, who may open them
 * for writing as in Linux: open succeeds, and write() says -EIO.
 */
#include <file.h>
#include <kernel.h>
#include <sched.h>
#include <seq_buf.h>
#include <slab.h>
#include <spinlock.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <vmstat.h>

/* The largest report snapshot: slabinfo with every cache fits many times over. */
#define PROC_BUF_MAX (64 << 10)
#define PATH_MAX 4096

struct file {
	int f_count; /* descriptors (in any task) that refer to it */
	unsigned int f_flags; /* open()'s O_ACCMODE bits */
	spinlock_t f_pos_lock;
	long f_pos;
	char *buf; /* the snapshot */
	size_t size;
};

static const struct proc_entry {
	const char *name;
	void (*show)(struct seq_buf *m);
} proc_entries[] = {
	{ "buddyinfo", buddyinfo_show },
	{ "meminfo", meminfo_show },
	{ "pagetypeinfo", pagetypeinfo_show },
	{ "slabinfo", slabinfo_show },
	{ "vmstat", vmstat_show },
	{ "zoneinfo", zoneinfo_show },
};

/* Render @e into a buffer just large enough (doubling from one page). */
static int proc_render(const struct proc_entry *e, struct file *f)
{
	struct seq_buf m;
	size_t size;

	for (size = PAGE_SIZE; size <= PROC_BUF_MAX; size *= 2) {
		f->buf = kmalloc(size, GFP_KERNEL);
		if (!f->buf)
			return -ENOMEM;
		seq_buf_init(&m, f->buf, size);
		e->show(&m);
		if (!seq_buf_has_overflowed(&m)) {
			f->size = m.len;
			return 0;
		}
		kfree(f->buf);
	}
	return -ENOMEM;
}

static void fput(struct file *f)
{
	if (__atomic_sub_fetch(&f->f_count, 1, __ATOMIC_ACQ_REL) == 0) {
		kfree(f->buf);
		kfree(f);
	}
}

/* The file behind descriptor @fd of the current task, or NULL. */
static struct file *fget(unsigned int fd)
{
	return fd < NR_OPEN ? current->files[fd] : NULL;
}

/*
 * The one directory there is, /proc: an absolute path, or one relative to
 * the working directory, which is always / in Loam. NULL: not a /proc report.
 */
static const struct proc_entry *proc_lookup(const char *path)
{
	size_t i;

	while (*path == '/')
		path++;
	if (strncmp(path, "proc/", 5))
		return NULL;
	for (path += 5; *path == '/';)
		path++;
	for (i = 0; i < ARRAY_SIZE(proc_entries); i++)
		if (!strcmp(path, proc_entries[i].name))
			return &proc_entries[i];
	return NULL;
}

/* Linux's getname(): the path into @buf (PATH_MAX bytes); its length or -errno. */
static long getname(char *buf, const char __user *filename)
{
	long len = strncpy_from_user(buf, filename, PATH_MAX);

	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	return len ? len : -ENOENT;
}

/* The lowest free descriptor above the console, or -EMFILE. */
static int get_unused_fd(struct task_struct *tsk)
{
	int fd;

	for (fd = 3; fd < NR_OPEN; fd++)
		if (!tsk->files[fd])
			return fd;
	return -EMFILE;
}

static struct file *proc_open(const char *path, unsigned int flags, int *err)
{
	const struct proc_entry *e = proc_lookup(path);
	struct file *f;

	*err = -ENOENT;
	if (!e)
		return NULL;
	*err = -ENOTDIR;
	if (flags & O_DIRECTORY)
		return NULL;
	*err = -EEXIST;
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return NULL;
	*err = -ENOMEM;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return NULL;
	f->f_count = 1;
	f->f_flags = flags & O_ACCMODE;
	spin_lock_init(&f->f_pos_lock);
	*err = proc_render(e, f);
	if (*err) {
		kfree(f);
		return NULL;
	}
	return f;
}

long sys_openat(long udfd, const char __user *filename, long uflags, long mode)
{
	struct task_struct *tsk = current;
	unsigned int flags = uflags;
	int dfd = udfd, fd, err;
	struct file *f = NULL;
	char *path;
	long len;

	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	len = getname(path, filename);
	err = len < 0 ? len : 0;
	/* Relative to another descriptor: ours are never directories. */
	if (!err && path[0] != '/' && dfd != AT_FDCWD)
		err = dfd >= 0 && dfd <= 2 ? -ENOTDIR : fget(dfd) ? -ENOTDIR : -EBADF;
	if (!err)
		f = proc_open(path, flags, &err);
	kfree(path);
	if (err)
		return err;
	fd = get_unused_fd(tsk);
	if (fd < 0) {
		fput(f);
		return fd;
	}
	tsk->files[fd] = f;
	if (flags & O_CLOEXEC)
		tsk->close_on_exec |= 1UL << fd;
	else
		tsk->close_on_exec &= ~(1UL << fd);
	return fd;
}

static void close_fd(struct task_struct *tsk, unsigned int fd)
{
	struct file *f = tsk->files[fd];

	tsk->files[fd] = NULL;
	tsk->close_on_exec &= ~(1UL << fd);
	fput(f);
}

/* The console stays open whatever happens: closing 0-2 succeeds and changes nothing. */
long sys_close(unsigned long ufd)
{
	unsigned int fd = ufd;

	if (fd <= 2)
		return 0;
	if (!fget(fd))
		return -EBADF;
	close_fd(current, fd);
	return 0;
}

long file_read(unsigned int fd, char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	unsigned long flags;
	size_t n;
	long pos;

	if (!f || f->f_flags == O_WRONLY)
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	/*
	 * The copy may fault and sleep: not under the lock. Two readers of one
	 * shared file at once may both read from the same offset, as in Linux
	 * for files without FMODE_ATOMIC_POS.
	 */
	spin_lock_irqsave(&f->f_pos_lock, flags);
	pos = f->f_pos;
	spin_unlock_irqrestore(&f->f_pos_lock, flags);
	if (pos >= f->size)
		return 0;
	n = min(count, f->size - pos);
	n -= copy_to_user(buf, f->buf + pos, n);
	if (!n)
		return -EFAULT;
	spin_lock_irqsave(&f->f_pos_lock, flags);
	f->f_pos = pos + n;
	spin_unlock_irqrestore(&f->f_pos_lock, flags);
	return n;
}

long file_write(unsigned int fd, const char __user *buf, size_t count)
{
	struct file *f = fget(fd);

	if (!f || f->f_flags == O_RDONLY)
		return -EBADF;
	/* /proc reports have no write method: proc_reg_write()'s answer. */
	return -EIO;
}

/* seq_lseek(): from the start or the current offset; the end is unknown to seq_file. */
long sys_lseek(unsigned long ufd, long offset, unsigned long uwhence)
{
	unsigned int fd = ufd, whence = uwhence;
	struct file *f;
	unsigned long flags;
	long pos;

	if (fd <= 2)
		return -ESPIPE; /* the console is a character device without seek */
	f = fget(fd);
	if (!f)
		return -EBADF;
	spin_lock_irqsave(&f->f_pos_lock, flags);
	pos = whence == SEEK_SET ? offset : whence == SEEK_CUR ? f->f_pos + offset : -1;
	if (pos >= 0)
		f->f_pos = pos;
	spin_unlock_irqrestore(&f->f_pos_lock, flags);
	return pos >= 0 ? pos : -EINVAL;
}

void dup_fd(struct task_struct *child, struct task_struct *parent)
{
	unsigned int fd;

	for (fd = 3; fd < NR_OPEN; fd++) {
		child->files[fd] = parent->files[fd];
		if (child->files[fd])
			__atomic_fetch_add(&child->files[fd]->f_count, 1, __ATOMIC_RELAXED);
	}
	child->close_on_exec = parent->close_on_exec;
}

void do_close_on_exec(struct task_struct *tsk)
{
	unsigned int fd;

	for (fd = 3; fd < NR_OPEN; fd++)
		if (tsk->files[fd] && (tsk->close_on_exec & (1UL << fd)))
			close_fd(tsk, fd);
}

void exit_files(struct task_struct *tsk)
{
	unsigned int fd;

	for (fd = 3; fd < NR_OPEN; fd++)
		if (tsk->files[fd])
			close_fd(tsk, fd);
}
