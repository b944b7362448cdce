// SPDX-License-Identifier: GPL-2.0
/*
 * The /proc reports user programs read: /proc/meminfo, /proc/vmstat,
 * /proc/buddyinfo, /proc/pagetypeinfo, /proc/zoneinfo, /proc/slabinfo and
 * /proc/extfrag_index and unusable_index (Linux's debugfs files of those
 * names: Loam has no debugfs), rendered by the mm code into a seq_buf, the opener's own
 * /proc/self/maps and /proc/self/smaps (kernel/task_mmu.c), and the
 * /proc/PID/status, stat and cmdline of any task, /proc/self/'s the
 * caller's (kernel/array.c, kernel/base.c; a task reaped since the open
 * reads as -ESRCH, as in Linux), /proc/uptime, loadavg and stat
 * (kernel/proc_stat.c), /proc/diskstats (kernel/genhd.c). The directories list their entries and a
 * directory per process (proc_readdir(), for kernel/readdir.c). /proc/self/pagemap
 * is no report: kernel/task_mmu.c reads it live; nor is /proc/PID/mem, the
 * process's memory (kernel/base.c). Like Linux's seq_file on its
 * first read, the text is rendered once, at open: reads then walk that
 * snapshot (partial reads, lseek, pread64, EOF), so a reader sees one
 * consistent report however small its buffer. An lseek renders it anew
 * at the next read, as seq_lseek()'s traverse() does (rewind() and read
 * again: today's maps). They are files like any other
 * (struct file, kernel/file.c's descriptors) with proc_reg_file_ops.
 *
 * The files are 0444 root's, and Loam's one user is root, who may open them
 * for writing as in Linux: open succeeds, write() says -EIO, and so does
 * mmap() (no report has a proc_mmap). The sysctls min_free_kbytes,
 * watermark_scale_factor, nr_hugepages, extfrag_threshold and
 * compact_unevictable_allowed are 0644 and take a number; compact_memory is
 * 0200 and takes 1.
 */
#include <blkdev.h>
#include <compaction.h>
#include <file.h>
#include <fs.h>
#include <hugetlb.h>
#include <initramfs.h>
#include <kernel.h>
#include <mmzone.h>
#include <mmap.h>
#include <params.h>
#include <printk.h>
#include <proc_internal.h>
#include <proc_task_mmu.h>
#include <readdir.h>
#include <rwsem.h>
#include <sched.h>
#include <seq_buf.h>
#include <slab.h>
#include <spinlock.h>
#include <string.h>
#include <swap.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <vmstat.h>

/*
 * The largest report snapshot: slabinfo with every cache fits many times
 * over, and so do the smaps of a few hundred VMAs (about 900 bytes each).
 */
#define PROC_BUF_MAX (256 << 10)

/* An open report: the file and its snapshot. */
struct proc_file {
	struct file file;
	const struct proc_entry *entry;
	int pid; /* the task of a /proc/PID/ report */
	char *buf;
	size_t size;
	bool stale; /* lseek'd: render again before the next read */
	struct rw_semaphore
		lock; /* reads share @buf, a new rendering replaces it (seq_file's lock) */
};

/*
 * A report (@show, or @show_task for a task's /proc/PID/ report), or a file
 * with its own methods (@open, or @open_task for a task's; its mode:
 * @mode); a sysctl that takes a number (@write).
 */
struct proc_entry {
	const char *name;
	void (*show)(struct seq_buf *m);
	void (*show_task)(struct seq_buf *m, struct task_struct *task);
	struct file *(*open)(unsigned int flags, int *err);
	struct file *(*open_task)(struct task_struct *task, unsigned int flags, int *err);
	int (*write)(long val);
	unsigned int mode;
};

static const struct proc_entry proc_entries[] = {
	{ .name = "buddyinfo", .show = buddyinfo_show },
	{ .name = "diskstats", .show = diskstats_show },
	/* Linux's /sys/kernel/debug/extfrag/extfrag_index: Loam has no debugfs. */
	{ .name = "extfrag_index", .show = extfrag_show },
	{ .name = "loadavg", .show = loadavg_show },
	{ .name = "meminfo", .show = meminfo_show },
	{ .name = "pagetypeinfo", .show = pagetypeinfo_show },
	{ .name = "slabinfo", .show = slabinfo_show },
	{ .name = "stat", .show = proc_stat_show },
	/* ... and /sys/kernel/debug/extfrag/unusable_index. */
	{ .name = "unusable_index", .show = unusable_show },
	{ .name = "uptime", .show = uptime_show },
	{ .name = "vmstat", .show = vmstat_show },
	{ .name = "zoneinfo", .show = zoneinfo_show },
	{},
};

/* Linux's /proc/sys/vm/mmap_min_addr (kernel/sysctl.c's "%lu\n"): mm/mmap.c's value. */
static void mmap_min_addr_show(struct seq_buf *m)
{
	seq_buf_printf(m, "%lu\n", mmap_min_addr);
}

/* Linux's /proc/sys/vm/min_free_kbytes ("%d\n", proc_dointvec_minmax()). */
static void min_free_kbytes_show(struct seq_buf *m)
{
	seq_buf_printf(m, "%d\n", READ_ONCE(min_free_kbytes));
}

/* Linux's /proc/sys/vm/watermark_scale_factor ("%d\n"). */
static void watermark_scale_factor_show(struct seq_buf *m)
{
	seq_buf_printf(m, "%d\n", READ_ONCE(watermark_scale_factor));
}

/* Linux's /proc/sys/vm/page-cluster ("%d\n"): mm/swap_state.c's value. */
static void page_cluster_show(struct seq_buf *m)
{
	seq_buf_printf(m, "%d\n", READ_ONCE(page_cluster));
}

/*
 * Linux's /proc/sys/vm/compact_memory (write-only, 0200): Linux's read
 * prints the last value written when it was 1 and says -EINVAL otherwise;
 * Loam renders its reports at open, and a read gives the last value (0 until
 * a write).
 */
static void compact_memory_show(struct seq_buf *m)
{
	seq_buf_printf(m, "%d\n", READ_ONCE(sysctl_compact_memory));
}

/* Linux's /proc/sys/vm/compact_unevictable_allowed ("%d\n"). */
static void compact_unevictable_allowed_show(struct seq_buf *m)
{
	seq_buf_printf(m, "%d\n", READ_ONCE(sysctl_compact_unevictable_allowed));
}

/* Linux's /proc/sys/vm/extfrag_threshold ("%d\n"). */
static void extfrag_threshold_show(struct seq_buf *m)
{
	seq_buf_printf(m, "%d\n", READ_ONCE(sysctl_extfrag_threshold));
}

/*
 * /proc/sys/vm/: the sysctls (mmap_min_addr read-only in Loam; the others
 * with Linux's modes).
 */
static const struct proc_entry proc_sys_vm_entries[] = {
	{ .name = "compact_memory",
	  .show = compact_memory_show,
	  .write = sysctl_compaction_handler,
	  .mode = S_IFREG | 0200 },
	{ .name = "compact_unevictable_allowed",
	  .show = compact_unevictable_allowed_show,
	  .write = sysctl_compact_unevictable_allowed_handler,
	  .mode = S_IFREG | 0644 },
	{ .name = "extfrag_threshold",
	  .show = extfrag_threshold_show,
	  .write = sysctl_extfrag_threshold_handler,
	  .mode = S_IFREG | 0644 },
	{ .name = "min_free_kbytes",
	  .show = min_free_kbytes_show,
	  .write = min_free_kbytes_sysctl_handler,
	  .mode = S_IFREG | 0644 },
	{ .name = "mmap_min_addr", .show = mmap_min_addr_show },
	{ .name = "nr_hugepages",
	  .show = hugetlb_sysctl_show,
	  .write = hugetlb_sysctl_handler,
	  .mode = S_IFREG | 0644 },
	{ .name = "page-cluster",
	  .show = page_cluster_show,
	  .write = page_cluster_sysctl_handler,
	  .mode = S_IFREG | 0644 },
	{ .name = "watermark_scale_factor",
	  .show = watermark_scale_factor_show,
	  .write = watermark_scale_factor_sysctl_handler,
	  .mode = S_IFREG | 0644 },
	{},
};

/* /proc/self/: the opener's own (Linux's /proc/PID/ of the caller). */
static const struct proc_entry proc_self_entries[] = {
	{ .name = "cmdline", .show_task = proc_pid_cmdline },
	{ .name = "maps", .show = maps_show },
	/* 0600 (S_IRUSR | S_IWUSR) as in Linux. */
	{ .name = "mem", .open_task = proc_mem_open, .mode = S_IFREG | 0600 },
	/* 0400 (S_IRUSR) as in Linux: it shows physical addresses. */
	{ .name = "pagemap", .open = pagemap_open, .mode = S_IFREG | 0400 },
	{ .name = "smaps", .show = smaps_show },
	{ .name = "stat", .show_task = proc_pid_stat },
	{ .name = "status", .show_task = proc_pid_status },
	{},
};

/* /proc/PID/: what Loam shows of any task (Linux's tid_base_stuff, in part). */
static const struct proc_entry proc_pid_entries[] = {
	{ .name = "cmdline", .show_task = proc_pid_cmdline },
	{ .name = "mem", .open_task = proc_mem_open, .mode = S_IFREG | 0600 },
	{ .name = "stat", .show_task = proc_pid_stat },
	{ .name = "status", .show_task = proc_pid_status },
	{},
};

/* Render a task's report: -ESRCH once the task is gone (Linux's proc_single_show()). */
static int proc_show_task(const struct proc_entry *e, int pid, struct seq_buf *m)
{
	struct task_struct *task = find_get_task_by_vpid(pid);

	if (!task)
		return -ESRCH;
	e->show_task(m, task);
	put_task_struct(task);
	return 0;
}

/* Render @e into a buffer just large enough (doubling from one page). */
static int proc_render(const struct proc_entry *e, struct proc_file *f)
{
	struct seq_buf m;
	size_t size;
	int err = 0;

	for (size = PAGE_SIZE; size <= PROC_BUF_MAX; size *= 2) {
		f->buf = kmalloc(size, GFP_KERNEL);
		if (!f->buf)
			return -ENOMEM;
		seq_buf_init(&m, f->buf, size);
		if (e->show_task)
			err = proc_show_task(e, f->pid, &m);
		else
			e->show(&m);
		if (err) {
			kfree(f->buf);
			return err;
		}
		if (!seq_buf_has_overflowed(&m)) {
			f->size = m.len;
			return 0;
		}
		kfree(f->buf);
	}
	return -ENOMEM;
}

/* Where a path walk stands: in /, in /proc, in /proc/self or /proc/PID, or on a report (a file). */
enum proc_walk_state {
	WALK_ROOT,
	WALK_PROC,
	WALK_SELF,
	WALK_PID,
	WALK_SYS,
	WALK_SYS_VM,
	WALK_FILE
};

/* The directory @state is in after "..". */
static enum proc_walk_state proc_walk_up(enum proc_walk_state state)
{
	switch (state) {
	case WALK_SELF:
	case WALK_PID:
	case WALK_SYS:
		return WALK_PROC;
	case WALK_SYS_VM:
		return WALK_SYS;
	default:
		return WALK_ROOT;
	}
}

/*
 * Linux's name_to_int(): the pid a /proc directory name spells (decimal,
 * no sign, no leading zero), or -1.
 */
static int proc_name_to_pid(const char *name, size_t len)
{
	unsigned int pid = 0;
	size_t i;

	if (!len || len > 10 || (len > 1 && name[0] == '0'))
		return -1;
	for (i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9' || pid > (__INT_MAX__ - (name[i] - '0')) / 10)
			return -1;
		pid = pid * 10 + (name[i] - '0');
	}
	return pid;
}

/* Is there a task (alive or a zombie) of pid @pid? */
static bool proc_pid_exists(int pid)
{
	struct task_struct *task = pid > 0 ? find_get_task_by_vpid(pid) : NULL;

	if (task)
		put_task_struct(task);
	return task;
}

/*
 * The subdirectory @name (@len bytes) of @state, or WALK_FILE if there is
 * none; for /proc/PID, *@pid is set.
 */
static enum proc_walk_state proc_walk_down(enum proc_walk_state state, const char *name, size_t len,
					   int *pid)
{
	if (state == WALK_PROC && proc_pid_exists(proc_name_to_pid(name, len))) {
		*pid = proc_name_to_pid(name, len);
		return WALK_PID;
	}
	if (state == WALK_ROOT && len == 4 && !strncmp(name, "proc", 4))
		return WALK_PROC;
	if (state == WALK_PROC && len == 4 && !strncmp(name, "self", 4))
		return WALK_SELF;
	if (state == WALK_PROC && len == 3 && !strncmp(name, "sys", 3))
		return WALK_SYS;
	if (state == WALK_SYS && len == 2 && !strncmp(name, "vm", 2))
		return WALK_SYS_VM;
	return WALK_FILE;
}

/* The files of directory @state. */
static const struct proc_entry *proc_dir_entries(enum proc_walk_state state)
{
	switch (state) {
	case WALK_PROC:
		return proc_entries;
	case WALK_SELF:
		return proc_self_entries;
	case WALK_PID:
		return proc_pid_entries;
	case WALK_SYS_VM:
		return proc_sys_vm_entries;
	default:
		return NULL;
	}
}

static const struct proc_entry *proc_entry_named(const struct proc_entry *e, const char *name,
						 size_t len)
{
	for (; e->name; e++)
		if (strlen(e->name) == len && !strncmp(name, e->name, len))
			return e;
	return NULL;
}

/*
 * Walk @path (absolute: kernel/namei.c made it so) from / as
 * Linux's link_path_walk() does: empty components and "." stay, ".." goes
 * up (and stays at /), and a report followed by any component or a
 * trailing slash is -ENOTDIR. Returns the report, or NULL with *@err:
 * -ENOENT for what is not there, -EISDIR for /, /proc and its directories
 * themselves (kernel/readdir.c opens them as directories). *@pid: the task
 * of a report under /proc/self or /proc/PID; *@where: where the walk ended.
 */
static const struct proc_entry *__proc_walk(const char *path, int *pid, int *err,
					    enum proc_walk_state *where)
{
	enum proc_walk_state state = WALK_ROOT, next;
	const struct proc_entry *e = NULL;
	size_t len;

	*pid = current->pid;
	for (; *path; path += len) {
		if (*path == '/') {
			len = 1;
			if (state == WALK_FILE)
				goto notdir;
			continue;
		}
		for (len = 0; path[len] && path[len] != '/';)
			len++;
		if (state == WALK_FILE)
			goto notdir;
		if (len == 1 && path[0] == '.')
			continue;
		if (len == 2 && path[0] == '.' && path[1] == '.') {
			state = proc_walk_up(state);
			continue;
		}
		next = proc_walk_down(state, path, len, pid);
		if (next != WALK_FILE) {
			state = next;
			if (state == WALK_SELF)
				*pid = current->pid;
			continue;
		}
		e = proc_dir_entries(state);
		e = e ? proc_entry_named(e, path, len) : NULL;
		if (!e) {
			*err = -ENOENT;
			return NULL;
		}
		state = WALK_FILE;
	}
	*err = state == WALK_FILE ? 0 : -EISDIR;
	*where = state;
	return e;
notdir:
	*err = -ENOTDIR;
	return NULL;
}

/* __proc_walk() for a caller that needs no directory. */
static const struct proc_entry *proc_walk(const char *path, int *pid, int *err)
{
	enum proc_walk_state where;

	return __proc_walk(path, pid, err, &where);
}

/* NULL: @path is not a /proc report. */
static const struct proc_entry *proc_lookup(const char *path)
{
	int err, pid;

	return proc_walk(path, &pid, &err);
}

/* Up to @count bytes of the snapshot from @pos: how many, 0 at the end, or -EFAULT. */
static long proc_copy_out(struct proc_file *f, char __user *buf, size_t count, long pos)
{
	size_t n, left;

	if (pos >= f->size)
		return 0;
	n = min(count, f->size - pos);
	if (!n)
		return 0;
	left = copy_to_user(buf, f->buf + pos, n);
	return left == n ? -EFAULT : (long)(n - left);
}

/* After an lseek: the report rendered anew (a reader of the old one may still be copying). */
static int proc_rerender(struct proc_file *f)
{
	char *old;
	int err = 0;

	down_write(&f->lock);
	if (f->stale) {
		old = f->buf;
		err = proc_render(f->entry, f);
		if (err)
			f->buf = old;
		else
			kfree(old);
		f->stale = err != 0;
	}
	up_write(&f->lock);
	return err;
}

static long proc_reg_read(struct file *file, char __user *buf, size_t count, long *ppos)
{
	struct proc_file *f = container_of(file, struct proc_file, file);
	long pos = *ppos, ret;

	if (READ_ONCE(f->stale)) {
		ret = proc_rerender(f);
		if (ret)
			return ret;
	}
	down_read(&f->lock);
	ret = proc_copy_out(f, buf, count, pos);
	up_read(&f->lock);
	if (ret > 0)
		*ppos = pos + ret;
	return ret;
}

/*
 * Linux's proc_get_long() for a sysctl's one number: blanks, an optional
 * '-', decimal digits, then only blanks. 0 and *@val, or -EINVAL.
 */
static int proc_get_long(const char *s, long *val)
{
	bool neg = false, digits = false;
	long v = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s == '-') {
		neg = true;
		s++;
	}
	for (; *s >= '0' && *s <= '9'; s++, digits = true) {
		if (v > (0x7fffffffffffffffL - (*s - '0')) / 10)
			return -EINVAL;
		v = v * 10 + (*s - '0');
	}
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (!digits || *s)
		return -EINVAL;
	*val = neg ? -v : v;
	return 0;
}

/*
 * A write to a sysctl (proc_sys_write() through proc_dointvec_minmax()):
 * the whole number in one write, checked and applied by its handler; the
 * reports have no write method: -EIO, proc_reg_write()'s answer.
 */
static long proc_reg_write(struct file *file, const char __user *buf, size_t count, long *ppos)
{
	const struct proc_entry *e = container_of(file, struct proc_file, file)->entry;
	char kbuf[32]; /* Linux's TMPBUFLEN is 22: a longer number is -EINVAL */
	long val;
	int err;

	if (!e->write)
		return -EIO;
	if (!count)
		return 0;
	if (count >= sizeof(kbuf))
		return -EINVAL;
	if (copy_from_user(kbuf, buf, count))
		return -EFAULT;
	kbuf[count] = '\0';
	err = proc_get_long(kbuf, &val) ?: e->write(val);
	return err ?: (long)count;
}

/*
 * One "sysctl.<path>=<value>" (or "sysctl/<path>=<value>") word of the
 * command line (Linux's process_sysctl_arg()): <path> under /proc/sys, '.'
 * or '/' separating its parts; the value written as a write() to the file would be, the
 * failures reported in Linux's words.
 */
static void process_sysctl_arg(const char *param, const char *val)
{
	char path[64] = "/proc/sys/";
	const struct proc_entry *e;
	size_t i, n = strlen("/proc/sys/");
	long v;

	for (i = strlen("sysctl/"); param[i] && n < sizeof(path) - 1; i++)
		path[n++] = param[i] == '.' ? '/' : param[i];
	path[n] = '\0';
	e = param[i] ? NULL : proc_lookup(path);
	if (!e)
		pr_err("Failed to set sysctl parameter '%s=%s': parameter not found\n", param, val);
	else if (!e->write)
		pr_err("Failed to set sysctl parameter '%s=%s': permission denied (read-only?)\n",
		       param, val);
	else if (proc_get_long(val, &v) || e->write(v))
		pr_err("Failed to set sysctl parameter '%s=%s': invalid value\n", param, val);
}

void do_sysctl_args(void)
{
	static char tmp[COMMAND_LINE_SIZE];
	char *p = tmp, *param, *val;

	strlcpy(tmp, boot_command_line, sizeof(tmp));
	while (*(p = skip_spaces(p))) {
		p = next_arg(p, &param, &val);
		if ((!strncmp(param, "sysctl.", 7) || !strncmp(param, "sysctl/", 7)) && val && *val)
			process_sysctl_arg(param, val);
	}
}

/* seq_lseek(): from the start or the current offset; the end is unknown to seq_file. */
static long proc_reg_llseek(struct file *file, long offset, unsigned int whence)
{
	unsigned long flags;
	long pos;

	spin_lock_irqsave(&file->f_pos_lock, flags);
	pos = whence == SEEK_SET ? offset : whence == SEEK_CUR ? file->f_pos + offset : -1;
	if (pos >= 0) {
		file->f_pos = pos;
		WRITE_ONCE(container_of(file, struct proc_file, file)->stale, true);
	}
	spin_unlock_irqrestore(&file->f_pos_lock, flags);
	return pos >= 0 ? pos : -EINVAL;
}

/* proc_reg_mmap() of an entry without proc_mmap (every seq_file report): -EIO. */
static int proc_reg_mmap(struct file *file, struct vm_area_struct *vma)
{
	return -EIO;
}

static void proc_reg_release(struct file *file)
{
	struct proc_file *f = container_of(file, struct proc_file, file);

	kfree(f->buf);
	kfree(f);
}

/*
 * As Linux's /proc files: regular, r--r--r-- (these are all read-only),
 * size 0 (the size is unknown until read), 1024-byte blocks.
 */
static void proc_reg_getattr(struct file *file, struct kstat *stat)
{
	const struct proc_entry *e =
		file ? container_of(file, struct proc_file, file)->entry : NULL;

	stat->mode = e && e->mode ? e->mode : S_IFREG | 0444;
	stat->nlink = 1;
	stat->blksize = 1024;
}

static const struct file_operations proc_reg_file_ops = {
	.read = proc_reg_read,
	.write = proc_reg_write,
	.llseek = proc_reg_llseek,
	.mmap = proc_reg_mmap,
	.release = proc_reg_release,
	.getattr = proc_reg_getattr,
};

long proc_readlink(const char *path, char __user *buf, int buflen)
{
	const char *exe = current->mm ? current->mm->exe_path : NULL;
	int len;

	while (*path == '/')
		path++;
	if (proc_lookup(path))
		return -EINVAL;
	if (strcmp(path, "proc/self/exe") || !exe)
		return -ENOENT;
	len = min((int)strlen(exe), buflen);
	return copy_to_user(buf, exe, len) ? -EFAULT : len;
}

int proc_getattr(const char *path, struct kstat *stat)
{
	enum proc_walk_state where = WALK_ROOT;
	const struct proc_entry *e;
	int err, pid;

	e = __proc_walk(path, &pid, &err, &where);
	/* A /proc directory: dr-xr-xr-x, as Linux's; "/" as the initrd's root, rwxr-xr-x. */
	if (err == -EISDIR) {
		stat->mode = S_IFDIR | (where == WALK_ROOT ? 0755 : 0555);
		stat->nlink = 2;
		stat->blksize = 1024;
		return 0;
	}
	if (!e)
		return err;
	proc_reg_getattr(NULL, stat);
	if (e->mode)
		stat->mode = e->mode;
	return 0;
}

/* A task's file with its own methods: -ESRCH once the task is gone. */
static struct file *proc_open_task(const struct proc_entry *e, int pid, unsigned int flags,
				   int *err)
{
	struct task_struct *task = find_get_task_by_vpid(pid);
	struct file *file;

	*err = -ESRCH;
	if (!task)
		return NULL;
	file = e->open_task(task, flags, err);
	put_task_struct(task);
	return file;
}

struct file *proc_open(const char *path, unsigned int flags, int *err)
{
	struct proc_file *f;
	int pid;
	const struct proc_entry *e = proc_walk(path, &pid, err);

	if (!e)
		return NULL;
	*err = -ENOTDIR;
	if (flags & O_DIRECTORY)
		return NULL;
	*err = -EEXIST;
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return NULL;
	/* do_dentry_open(): a report cannot do direct I/O (no FMODE_CAN_ODIRECT). */
	*err = -EINVAL;
	if (flags & O_DIRECT)
		return NULL;
	if (e->open)
		return e->open(flags, err);
	if (e->open_task)
		return proc_open_task(e, pid, flags, err);
	*err = -ENOMEM;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return NULL;
	f->entry = e;
	f->pid = pid;
	init_rwsem(&f->lock);
	*err = proc_render(e, f);
	if (*err) {
		kfree(f);
		return NULL;
	}
	init_file(&f->file, &proc_reg_file_ops, flags);
	return &f->file;
}

/* Every pid there is, for listing /proc: how many of at most @max went into @pids. */
static int proc_pids(int *pids, int max)
{
	struct task_struct *p;
	unsigned long flags;
	int n = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(p)
		if (n < max)
			pids[n++] = p->pid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

/* /proc's own entries, then a directory per process (Linux's proc_pid_readdir()). */
static void proc_root_readdir(struct dir_context *ctx)
{
	int max = nr_tasks() + 16, n, i, len;
	const struct proc_entry *e;
	char name[12];
	int *pids;

	for (e = proc_entries; e->name; e++)
		if (!dir_emit(ctx, e->name, strlen(e->name), DT_REG))
			return;
	if (!dir_emit(ctx, "self", 4, DT_DIR) || !dir_emit(ctx, "sys", 3, DT_DIR))
		return;
	pids = kmalloc(max * sizeof(*pids), GFP_KERNEL);
	if (!pids)
		return;
	n = proc_pids(pids, max);
	for (i = 0; i < n; i++) {
		len = snprintf(name, sizeof(name), "%d", pids[i]);
		if (!dir_emit(ctx, name, len, DT_DIR))
			break;
	}
	kfree(pids);
}

int proc_readdir(const char *path, struct dir_context *ctx)
{
	enum proc_walk_state where = WALK_ROOT;
	const struct proc_entry *e;
	int err, pid;

	__proc_walk(path, &pid, &err, &where);
	if (err != -EISDIR)
		return -ENOENT;
	switch (where) {
	case WALK_ROOT:
		dir_emit(ctx, "proc", 4, DT_DIR);
		return 0;
	case WALK_PROC:
		proc_root_readdir(ctx);
		return 0;
	case WALK_SYS:
		dir_emit(ctx, "vm", 2, DT_DIR);
		return 0;
	default:
		break;
	}
	for (e = proc_dir_entries(where); e && e->name; e++)
		if (!dir_emit(ctx, e->name, strlen(e->name), DT_REG))
			break;
	return 0;
}
