// SPDX-License-Identifier: GPL-2.0
/*
 * execve(), as Linux's fs/exec.c does it for an executable of the initrd,
 * in Linux's order, with Linux's errors; the binary formats load it
 * (kernel/binfmt_script.c, kernel/binfmt_elf.c):
 *
 *  1. The path is walked (kernel/initramfs.c) and opened for execution
 *     (do_open_execat): a directory, a file that is not regular or has no
 *     execute bit gives -EACCES (root needs one x bit: generic_permission).
 *  2. A new mm gets a one-page stack VMA at STACK_TOP (bprm_mm_init); the
 *     argument and environment counts are checked (MAX_ARG_STRINGS) and the
 *     room for the strings set (bprm_stack_limits: a quarter of
 *     RLIMIT_STACK, at most 3/4 of _STK_LIM, at least ARG_MAX, less the
 *     pointers); then the file name, the environment and the arguments are
 *     copied straight into the new mm's stack pages from the top down
 *     (copy_strings, get_arg_page), the stack VMA growing as they need;
 *     one string longer than MAX_ARG_STRLEN, or all of them past the
 *     room, is -E2BIG.
 *  3. exec_binprm() asks the formats in turn: a "#!" script names its
 *     interpreter, which is opened instead, with argv spliced
 *     (binfmt_script, at most MAX_INTERP_DEPTH deep); anything else is
 *     for binfmt_elf.
 *  4. The loader passes the point of no return (begin_new_exec()). Linux
 *     has thrown the old mm away there, so a failure from then on kills
 *     the caller with SIGSEGV. The loader grows the stack by 128 KiB
 *     (setup_arg_pages) and fills the new mm.
 *
 * Loam keeps the old mm until everything worked (the new one is built on
 * the side and switched to when the loader fills it), so the caller of a
 * failed exec is intact either way; sys_execve() then kills it past the
 * point of no return as Linux does. A vfork child's old mm is its
 * parent's, which lives on.
 */
#include <asm/mmu_context.h>
#include <binfmts.h>
#include <err.h>
#include <exec.h>
#include <fdtable.h>
#include <file.h>
#include <fs.h>
#include <initramfs.h>
#include <kernel.h>
#include <mm.h>
#include <mmap.h>
#include <mman.h>
#include <namei.h>
#include <printk.h>
#include <sched.h>
#include <sched/signal.h>
#include <slab.h>
#include <string.h>
#include <syscalls.h>
#include <traps.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/*
 * At least ARG_MAX bytes for all the strings however small RLIMIT_STACK is
 * (include/uapi/linux/limits.h).
 */
#define ARG_MAX 131072
/* What setup_arg_pages() grows the stack by beyond the strings (fs/exec.c). */
#define STACK_EXPAND 131072UL

/* How deep #! scripts may nest (fs/exec.c's exec_binprm()). */
#define MAX_INTERP_DEPTH 5

/* An argv or envp: user pointers from execve(), kernel ones from kernel_execve(). */
struct user_arg_ptr {
	bool is_kernel;
	union {
		const char *const *kernel;
		const char __user *const __user *user;
	} ptr;
};

/*
 * Linux's do_open_execat() on the initrd: the path's own errors, then
 * may_open() and generic_permission() as root sees them: a directory or
 * another file that is not regular is -EACCES, and so is a regular file
 * without any execute bit (root bypasses read and write checks, not this).
 */
struct file *open_exec(const char *path)
{
	struct initrd_file member;
	struct file *file;
	int err = initrd_lookup(path, &member);

	if (err)
		return ERR_PTR(err);
	if (!S_ISREG(member.mode) || !(member.mode & S_IXUGO))
		return ERR_PTR(-EACCES);
	file = initrd_file_open(&member, O_RDONLY);
	return file ?: ERR_PTR(-ENOMEM);
}

/* String @nr of @argv: its address, NULL at the end, or an ERR_PTR (-EFAULT). */
static const char *get_user_arg_ptr(struct user_arg_ptr argv, int nr)
{
	const char __user *str;

	if (argv.is_kernel)
		return argv.ptr.kernel[nr];
	if (copy_from_user(&str, &argv.ptr.user[nr], sizeof(str)))
		return ERR_PTR(-EFAULT);
	return str;
}

/* Linux's count(): the strings of @argv (NULL: none), -E2BIG past @max, or -EFAULT. */
static int count(struct user_arg_ptr argv, int max)
{
	const char *p;
	int i = 0;

	if (!argv.ptr.kernel)
		return 0;
	for (;;) {
		p = get_user_arg_ptr(argv, i);
		if (!p)
			return i;
		if (IS_ERR(p))
			return -EFAULT;
		if (i >= max)
			return -E2BIG;
		++i;
		if (fatal_signal_pending(current))
			return -EINTR;
	}
}

/*
 * Linux's bprm_stack_limits(): the strings get a quarter of RLIMIT_STACK,
 * at most 3/4 of _STK_LIM and at least ARG_MAX, less the argv and envp
 * pointers (one argv pointer at least: argc 0 gets "").
 */
static int bprm_stack_limits(struct linux_binprm *bprm, unsigned long rlim_stack)
{
	unsigned long limit = max(min(_STK_LIM / 4 * 3, rlim_stack / 4), (unsigned long)ARG_MAX);
	unsigned long ptr_size = ((unsigned long)max(bprm->argc, 1) + bprm->envc) * sizeof(void *);

	if (limit <= ptr_size)
		return -E2BIG;
	bprm->argmin = bprm->p - (limit - ptr_size);
	return 0;
}

/* Linux's __bprm_mm_init(): the new mm and its one-page stack VMA just below STACK_TOP. */
static int bprm_mm_init(struct linux_binprm *bprm)
{
	struct mm_struct *mm = mm_alloc();
	long ret;

	if (!mm)
		return -ENOMEM;
	bprm->mm = mm;
	ret = ksys_mmap_pgoff(mm, STACK_TOP - PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE,
			      MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, -1UL, 0);
	if (ret < 0)
		return ret;
	mmap_read_lock(mm);
	bprm->vma = find_vma(mm, STACK_TOP - PAGE_SIZE);
	mmap_read_unlock(mm);
	bprm->p = STACK_TOP - sizeof(void *);
	return 0;
}

/*
 * Linux's get_arg_page() and the copy into it: @n bytes from @src to @pos
 * in the new mm's stack (within one page), the VMA grown down to @pos
 * first. The new mm is not current: the page is faulted in through its own
 * tables and written through the direct map, under page_table_lock so that
 * reclaim cannot take it away meanwhile. -E2BIG if the stack cannot grow
 * or the page cannot be had, as Linux's copy_strings() says then.
 */
static int write_arg_page(struct linux_binprm *bprm, unsigned long pos, const void *src, size_t n)
{
	struct mm_struct *mm = bprm->mm;
	int err = 0;
	spinlock_t *ptl;
	pte_t *ptep;
	bool done = false;

	mmap_write_lock(mm);
	if (pos < bprm->vma->vm_start)
		err = expand_stack(bprm->vma, pos);
	while (!err && !done) {
		err = handle_mm_fault(bprm->vma, pos, FAULT_FLAG_WRITE);
		if (err || follow_pte(mm, pos, &ptep, &ptl))
			continue;
		if (pte_write(ptep_get(ptep))) {
			memcpy(__va(pte_pfn(ptep_get(ptep)) << PAGE_SHIFT) + (pos & ~PAGE_MASK),
			       src, n);
			done = true;
		}
		pte_unmap_unlock(ptep, ptl);
	}
	mmap_write_unlock(mm);
	return err ? -E2BIG : 0;
}

size_t arg_strnlen(char *buf, const char __user *str)
{
	size_t len = 0;
	long n;

	while (len <= MAX_ARG_STRLEN) {
		n = strncpy_from_user(buf, str + len, PAGE_SIZE);
		if (n < 0)
			return 0;
		len += n;
		if (n < PAGE_SIZE)
			return len + 1;
	}
	return len;
}

/*
 * Linux's copy_strings(): strings @argc-1 .. 0 of @argv pushed below
 * bprm->p, so that the first ends lowest. -E2BIG past MAX_ARG_STRLEN or
 * bprm->argmin, -EFAULT for a bad pointer.
 */
static int copy_strings(int argc, struct user_arg_ptr argv, struct linux_binprm *bprm)
{
	const char *str;
	size_t len, done, n;
	unsigned long pos;
	int err;

	while (argc-- > 0) {
		str = get_user_arg_ptr(argv, argc);
		if (IS_ERR(str))
			return -EFAULT;
		len = argv.is_kernel ? strlen(str) + 1 : arg_strnlen(bprm->buf, str);
		if (!len)
			return -EFAULT;
		if (len > MAX_ARG_STRLEN || bprm->p - len < bprm->argmin)
			return -E2BIG;
		bprm->p -= len;
		bprm->last_len = len;
		for (done = 0; done < len; done += n) {
			pos = bprm->p + done;
			n = min(len - done, PAGE_SIZE - (pos & ~PAGE_MASK));
			if (argv.is_kernel)
				memcpy(bprm->buf, str + done, n);
			else if (copy_from_user(bprm->buf, str + done, n))
				return -EFAULT;
			err = write_arg_page(bprm, pos, bprm->buf, n);
			if (err)
				return err;
		}
		if (fatal_signal_pending(current))
			return -EINTR;
	}
	return 0;
}

/* Linux's copy_string_kernel(): one kernel string, through copy_strings(). */
int copy_string_kernel(const char *arg, struct linux_binprm *bprm)
{
	const char *vec[] = { arg, NULL };

	return copy_strings(1, (struct user_arg_ptr){ .is_kernel = true, .ptr.kernel = vec }, bprm);
}

/*
 * Linux's setup_arg_pages() without relocation (Loam's stack is at
 * STACK_TOP already): the stack VMA grows by 128 KiB below the strings,
 * less if RLIMIT_STACK says so. -EFAULT if it cannot.
 */
int setup_arg_pages(struct linux_binprm *bprm)
{
	struct vm_area_struct *vma = bprm->vma;
	unsigned long rlim_stack = rlimit(RLIMIT_STACK) & PAGE_MASK;
	unsigned long stack_size = vma->vm_end - vma->vm_start, stack_base;
	int err;

	if (stack_size + STACK_EXPAND > rlim_stack)
		stack_base = vma->vm_end - rlim_stack;
	else
		stack_base = vma->vm_start - STACK_EXPAND;
	mmap_write_lock(bprm->mm);
	err = expand_stack(vma, stack_base);
	mmap_write_unlock(bprm->mm);
	return err ? -EFAULT : 0;
}

/*
 * Linux's begin_new_exec(), the part of it that comes before the new mm is
 * complete here: the point of no return, the new mm's exe_path (Linux's
 * set_mm_exe_file(): the file loaded, a #! script's interpreter; execve()
 * made the path absolute, a relative interpreter is taken from "/", with
 * no "." or ".." resolved; none if memory ran out), the task takes the new program's
 * name (Linux's "Uhuuh" line shows it) and its handlers are reset. The new
 * mm is dumpable.
 */
void begin_new_exec(struct linux_binprm *bprm)
{
	struct task_struct *tsk = current;
	const char *name = strrchr(bprm->filename, '/');
	size_t len = strlen(bprm->interp);
	char *exe = kmalloc(len + 2, GFP_KERNEL);

	bprm->point_of_no_return = true;
	if (exe) {
		exe[0] = '/';
		memcpy(exe + (bprm->interp[0] != '/'), bprm->interp, len + 1);
	}
	bprm->mm->exe_path = exe;
	/* Linux's exec_mm_release(): the old program's robust futex list goes. */
	tsk->robust_list = 0;
	/* Not a set-user-ID program (Loam has none): dumpable. */
	set_dumpable(bprm->mm, SUID_DUMP_USER);
	/* The old program's handlers and alternate stack go; the mask and pending signals stay. */
	flush_signal_handlers(tsk);
	/* Its parent may no longer move it to another process group (setpgid()'s -EACCES). */
	tsk->flags &= ~PF_FORKNOEXEC;
	strlcpy(tsk->comm, name ? name + 1 : bprm->filename, sizeof(tsk->comm));
}

/*
 * Linux's exec_mmap() (begin_new_exec() calls it there): current takes
 * @bprm's new mm, so that the loader fills it through the user-copy
 * helpers. Loam keeps the old mm meanwhile: do_execve() gives it back if
 * the loader fails after this.
 */
void exec_mmap(struct linux_binprm *bprm)
{
	struct task_struct *tsk = current;

	task_lock(tsk);
	tsk->mm = tsk->active_mm = bprm->mm;
	task_unlock(tsk);
	switch_mm(bprm->mm);
}

/* Linux's remove_arg_zero(): copy_strings() noted the lowest string's length. */
void remove_arg_zero(struct linux_binprm *bprm)
{
	bprm->p += bprm->last_len;
	bprm->argc--;
}

/*
 * Linux's exec_binprm() and search_binary_handler() for the formats Loam
 * has: #! scripts (at most MAX_INTERP_DEPTH deep: -ELOOP), whose
 * interpreter replaces the file (the script's is put), then ELF, whose
 * answer is the exec's.
 */
static int exec_binprm(struct linux_binprm *bprm)
{
	int depth, err;

	for (depth = 0;; depth++) {
		if (depth > MAX_INTERP_DEPTH)
			return -ELOOP;
		err = load_script(bprm);
		if (err != -ENOEXEC) {
			if (err)
				return err;
			fput(bprm->file);
			bprm->file = bprm->interpreter;
			bprm->interpreter = NULL;
			continue;
		}
		return load_elf_binary(bprm);
	}
}

static bool warned_null_argv;

/*
 * The new program's arguments, as its stack holds them (argc, then argv),
 * copied into mm->cmdline for /proc/PID/cmdline: at most a page, as Linux
 * before 4.2 showed; none if memory ran out.
 */
static void set_mm_cmdline(struct mm_struct *mm, unsigned long sp)
{
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	unsigned long argc, argv, len = 0, i;
	long n;

	if (!buf)
		return;
	if (copy_from_user(&argc, (void __user *)sp, sizeof(argc)))
		argc = 0;
	for (i = 0; i < argc && len < PAGE_SIZE; i++) {
		if (copy_from_user(&argv, (void __user *)(sp + 8 * (i + 1)), sizeof(argv)))
			break;
		n = strncpy_from_user(buf + len, (const char __user *)argv, PAGE_SIZE - len);
		if (n < 0)
			break;
		/* A string that did not fit is cut at the page's end, without its NUL. */
		len += min((unsigned long)n + 1, PAGE_SIZE - len);
	}
	/* The length first: a /proc reader that sees the pointer sees its length. */
	mm->cmdline_len = len;
	WRITE_ONCE(mm->cmdline, buf);
}

/*
 * Linux's do_execveat_common(), its steps in its order (see the top of the
 * file). *@ponr: whether it failed past the point of no return.
 */
static int do_execve(const char *filename, struct user_arg_ptr argv, struct user_arg_ptr envp,
		     bool *ponr)
{
	struct linux_binprm bprm = { .filename = filename, .interp = filename };
	struct task_struct *tsk = current;
	struct mm_struct *old = tsk->mm;
	int err;

	bprm.file = open_exec(filename);
	if (IS_ERR(bprm.file))
		return PTR_ERR(bprm.file);
	bprm.buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	err = bprm.buf ? bprm_mm_init(&bprm) : -ENOMEM;
	if (!err) {
		bprm.argc = err = count(argv, MAX_ARG_STRINGS);
		if (!err && !warned_null_argv) {
			warned_null_argv = true; /* Linux's pr_warn_once() */
			pr_warn("process '%s' launched '%s' with NULL argv: empty string added\n",
				tsk->comm, filename);
		}
	}
	if (err >= 0)
		bprm.envc = err = count(envp, MAX_ARG_STRINGS);
	if (err >= 0)
		err = bprm_stack_limits(&bprm, rlimit(RLIMIT_STACK));
	if (!err)
		err = copy_string_kernel(filename, &bprm);
	bprm.exec = bprm.p;
	if (!err)
		err = copy_strings(bprm.envc, envp, &bprm);
	if (!err)
		err = copy_strings(bprm.argc, argv, &bprm);
	/* Linux since 5.18: a program never starts with argc 0; argv[0] is "". */
	if (!err && !bprm.argc) {
		err = copy_string_kernel("", &bprm);
		bprm.argc = 1;
	}
	if (!err)
		err = exec_binprm(&bprm);
	*ponr = bprm.point_of_no_return;
	kfree(bprm.buf);
	/* Linux's free_bprm(): the mapped segments hold their own references. */
	fput(bprm.file);
	if (err) {
		/* The loader's exec_mmap() happened: the caller gets its old mm back. */
		if (tsk->mm != old) {
			task_lock(tsk);
			tsk->mm = tsk->active_mm = old;
			task_unlock(tsk);
			switch_mm(old);
		}
		if (bprm.mm)
			mmput(bprm.mm);
		return err;
	}
	set_mm_cmdline(tsk->mm, task_pt_regs(tsk)->sp);
	if (old)
		mmput(old);
	/* Linux's exec_mm_release(): a vfork parent gets its mm back now. */
	complete_vfork_done(tsk);
	do_close_on_exec(tsk);
	return 0;
}

int kernel_execve(const char *path, const char *const argv[], const char *const envp[])
{
	bool ponr;

	return do_execve(path, (struct user_arg_ptr){ .is_kernel = true, .ptr.kernel = argv },
			 (struct user_arg_ptr){ .is_kernel = true, .ptr.kernel = envp }, &ponr);
}

/*
 * Linux's getname() (-ENOENT for "", -ENAMETOOLONG without a NUL within
 * PATH_MAX) and do_execveat_common(). A failure past the point of no return
 * kills the caller with SIGSEGV, as Linux's bprm_execve() does: the program
 * it was is gone there.
 */
long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	bool ponr = false;
	long len;
	int err;

	if (!path)
		return -ENOMEM;
	len = strncpy_from_user(path, filename, PATH_MAX);
	err = len < 0 ? len : len == PATH_MAX ? -ENAMETOOLONG : !len ? -ENOENT : 0;
	/* A relative path starts at the working directory (Linux's do_execveat_common(AT_FDCWD)). */
	if (!err)
		err = path_at(AT_FDCWD, path);
	if (!err)
		err = do_execve(path, (struct user_arg_ptr){ .ptr.user = argv },
				(struct user_arg_ptr){ .ptr.user = envp }, &ponr);
	if (err && ponr) {
		pr_info("%s[%d]: exec of %s failed past the point of no return (error %d): SIGSEGV\n",
			current->comm, current->pid, path, err);
		kfree(path);
		do_exit(SIGSEGV);
	}
	kfree(path);
	return err;
}
void set_dumpable(struct mm_struct *mm, int value)
{
	unsigned long old = READ_ONCE(mm->flags), new;

	do
		new = (old & ~MMF_DUMPABLE_MASK) | value;
	while (!__atomic_compare_exchange_n(&mm->flags, &old, new, false, __ATOMIC_RELAXED,
					    __ATOMIC_RELAXED));
}
