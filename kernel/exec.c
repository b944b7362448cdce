// SPDX-License-Identifier: GPL-2.0
/*
 * Starting a program from the initrd, as Linux's fs/binfmt_elf.c does for a
 * static executable: check the ELF header (ELF-64 spec, RISC-V psABI), map
 * each PT_LOAD segment's file bytes as a private mapping of the executable
 * (its pages are copied from the initrd when first touched, and again after
 * MADV_DONTNEED) and the rest, .bss, as anonymous memory, then build the
 * initial stack the way Linux lays it
 * out (argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL; the strings
 * and AT_RANDOM's 16 bytes above) and point the user registers at the entry.
 * The break starts right after the highest segment, not randomised.
 * Anything malformed is refused with -ENOEXEC before the old state is lost.
 *
 * execve() from user space first copies the path and the argument and
 * environment strings into the kernel (the old mm is still there to read
 * them from), then loads into a new mm; only when all of it worked does the
 * task let go of the old one, so a failed exec returns to the caller as if
 * nothing happened. A vfork child's old mm is its parent's, which lives on.
 */
#include <asm/mmu_context.h>
#include <exec.h>
#include <file.h>
#include <fs.h>
#include <initramfs.h>
#include <kernel.h>
#include <mm.h>
#include <mmap.h>
#include <mman.h>
#include <printk.h>
#include <sched.h>
#include <sched_clock.h>
#include <slab.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>

#define EI_NIDENT 16
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define ET_EXEC 2
#define EM_RISCV 243
#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define PF_R 4

struct elf64_hdr {
	unsigned char e_ident[EI_NIDENT];
	u16 e_type, e_machine;
	u32 e_version;
	u64 e_entry, e_phoff, e_shoff;
	u32 e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	u32 p_type, p_flags;
	u64 p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

/* Auxiliary vector types (include/uapi/linux/auxvec.h). */
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_RANDOM 25

/*
 * Loam's limits on what a program starts with, each of argv and envp, and
 * all their strings together: past them execve() fails with -E2BIG, as
 * Linux's does past its (larger, stack-size based) ones.
 */
#define MAX_ARG_STRINGS 64
#define MAX_ARG_BYTES 4096
#define PATH_MAX 4096

static int elf_check(const struct elf64_hdr *eh, size_t size)
{
	if (size < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4) ||
	    eh->e_ident[4] != ELFCLASS64 || eh->e_ident[5] != ELFDATA2LSB ||
	    eh->e_type != ET_EXEC || eh->e_machine != EM_RISCV ||
	    eh->e_phentsize != sizeof(struct elf64_phdr) || !eh->e_phnum || eh->e_phoff > size ||
	    eh->e_phnum > (size - eh->e_phoff) / sizeof(struct elf64_phdr))
		return -ENOEXEC;
	return 0;
}

static int phdr_check(const struct elf64_phdr *ph, size_t size)
{
	if (ph->p_filesz > ph->p_memsz || ph->p_offset > size ||
	    ph->p_filesz > size - ph->p_offset || ph->p_vaddr >= TASK_SIZE ||
	    ph->p_memsz > TASK_SIZE - ph->p_vaddr || (ph->p_vaddr - ph->p_offset) % PAGE_SIZE)
		return -ENOEXEC;
	return 0;
}

static unsigned long segment_prot(const struct elf64_phdr *ph)
{
	return (ph->p_flags & PF_R ? PROT_READ : 0) | (ph->p_flags & PF_W ? PROT_WRITE : 0) |
	       (ph->p_flags & PF_X ? PROT_EXEC : 0);
}

/*
 * One PT_LOAD, as Linux's elf_load(): the pages holding file bytes map the
 * executable privately at the matching offset, with the segment's
 * protection; in a writable segment, the rest of the last of them is
 * zeroed (Linux's padzero(): .bss starts there; a read-only segment keeps
 * the file's bytes, as Linux's failing padzero() leaves them); the pages
 * beyond are anonymous (Linux's vm_brk_flags()). A page shared with the
 * previous segment is mapped again, as Linux's MAP_FIXED does.
 */
static int load_segment(struct mm_struct *mm, struct address_space *file,
			const struct elf64_phdr *ph)
{
	unsigned long start = ALIGN_DOWN(ph->p_vaddr, PAGE_SIZE);
	unsigned long file_end = ph->p_vaddr + ph->p_filesz;
	unsigned long end = PAGE_ALIGN(ph->p_vaddr + ph->p_memsz);
	unsigned long prot = segment_prot(ph);
	long ret;

	if (ph->p_filesz) {
		ret = vm_mmap(mm, file, start, PAGE_ALIGN(file_end) - start, prot,
			      MAP_FIXED | MAP_PRIVATE, ph->p_offset >> PAGE_SHIFT);
		if (ret < 0)
			return ret;
		if (ph->p_memsz > ph->p_filesz && (ph->p_flags & PF_W) && file_end % PAGE_SIZE &&
		    clear_user((void __user *)file_end, PAGE_SIZE - file_end % PAGE_SIZE))
			return -EFAULT;
		start = PAGE_ALIGN(file_end);
	}
	if (end > start) {
		ret = ksys_mmap_pgoff(mm, start, end - start, prot,
				      MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1UL, 0);
		if (ret < 0)
			return ret;
	}
	if (ph->p_vaddr + ph->p_memsz > mm->end_data) {
		mm->start_brk = mm->brk = max(end, mm->brk);
		mm->end_data = ph->p_vaddr + ph->p_memsz;
	}
	if (ph->p_flags & PF_X) {
		mm->start_code = ALIGN_DOWN(ph->p_vaddr, PAGE_SIZE);
		mm->end_code = ph->p_vaddr + ph->p_memsz;
	}
	return 0;
}

/* Push @len bytes at the top of the stack being built; the user address, or 0. */
static unsigned long push(unsigned long *sp, const void *data, size_t len)
{
	*sp -= len;
	return copy_to_user((void *)*sp, data, len) ? 0 : *sp;
}

static int create_stack(struct mm_struct *mm, const struct elf64_hdr *eh,
			const struct elf64_phdr *phdr_va, int argc, const char *const argv[],
			int envc, const char *const envp[], struct pt_regs *regs)
{
	unsigned long sp = STACK_TOP, str_argv[MAX_ARG_STRINGS], str_envp[MAX_ARG_STRINGS];
	unsigned long stack_size = PAGE_ALIGN(MAX_ARG_BYTES) + 32 * PAGE_SIZE;
	unsigned long random_va, *frame, words;
	int i, n;
	u64 rnd[2];
	long ret;

	ret = ksys_mmap_pgoff(mm, STACK_TOP - stack_size, stack_size, PROT_READ | PROT_WRITE,
			      MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, -1UL, 0);
	if (ret < 0)
		return ret;
	mm->start_stack = STACK_TOP;
	for (i = envc - 1; i >= 0; i--)
		if (!(str_envp[i] = push(&sp, envp[i], strlen(envp[i]) + 1)))
			return -EFAULT;
	for (i = argc - 1; i >= 0; i--)
		if (!(str_argv[i] = push(&sp, argv[i], strlen(argv[i]) + 1)))
			return -EFAULT;
	/* Not cryptographic: the time CSR mixed; Loam has no entropy source yet. */
	rnd[0] = get_cycles() * 0x9e3779b97f4a7c15ULL;
	rnd[1] = rnd[0] ^ (rnd[0] >> 29) ^ sched_clock();
	random_va = push(&sp, rnd, sizeof(rnd));
	if (!random_va)
		return -EFAULT;

	/* argc, argv + NULL, envp + NULL, 10 auxv pairs + AT_NULL; sp 16-byte aligned. */
	words = 1 + argc + 1 + envc + 1 + 2 * 11;
	sp = ALIGN_DOWN(sp - words * sizeof(long), 16);
	frame = kmalloc(words * sizeof(long), GFP_KERNEL);
	if (!frame)
		return -ENOMEM;
	n = 0;
	frame[n++] = argc;
	for (i = 0; i < argc; i++)
		frame[n++] = str_argv[i];
	frame[n++] = 0;
	for (i = 0; i < envc; i++)
		frame[n++] = str_envp[i];
	frame[n++] = 0;
#define AUX(type, val)               \
	do {                         \
		frame[n++] = (type); \
		frame[n++] = (val);  \
	} while (0)
	AUX(AT_PHDR, (unsigned long)phdr_va);
	AUX(AT_PHENT, sizeof(struct elf64_phdr));
	AUX(AT_PHNUM, eh->e_phnum);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_ENTRY, eh->e_entry);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_RANDOM, random_va);
	AUX(AT_NULL, 0);
#undef AUX
	ret = copy_to_user((void *)sp, frame, words * sizeof(long)) ? -EFAULT : 0;
	kfree(frame);
	memset(regs, 0, sizeof(*regs));
	regs->sp = sp;
	regs->epc = eh->e_entry;
	/* sret to U-mode (SPP 0) with interrupts on there (SPIE); SUM stays off. */
	regs->status = SR_SPIE;
	return ret;
}

/* Where the program headers are in user memory (AT_PHDR): inside the first segment's mapping. */
static unsigned long phdr_address(const struct elf64_hdr *eh, const struct elf64_phdr *ph)
{
	int i;

	for (i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_offset <= eh->e_phoff &&
		    eh->e_phoff < ph[i].p_offset + ph[i].p_filesz)
			return ph[i].p_vaddr + eh->e_phoff - ph[i].p_offset;
	return 0;
}

/* The strings of a NULL-terminated vector, within Loam's limits: the count, or -E2BIG. */
static int count_strings(const char *const vec[], size_t *bytes)
{
	int n;

	for (n = 0; vec[n]; n++) {
		*bytes += strlen(vec[n]) + 1;
		if (n == MAX_ARG_STRINGS || *bytes > MAX_ARG_BYTES)
			return -E2BIG;
	}
	return n;
}

int kernel_execve(const char *path, const char *const argv[], const char *const envp[])
{
	const struct elf64_hdr *eh;
	const struct elf64_phdr *ph;
	struct task_struct *tsk = current;
	struct mm_struct *mm, *old = tsk->mm;
	struct address_space *mapping;
	int err, i, argc, envc;
	size_t size, bytes = 0;
	const void *file;

	argc = count_strings(argv, &bytes);
	envc = count_strings(envp, &bytes);
	if (argc < 0 || envc < 0)
		return -E2BIG;
	err = initrd_find(path, &file, &size);
	if (err)
		return err;
	eh = file;
	err = elf_check(eh, size);
	ph = (const void *)((const char *)file + eh->e_phoff);
	for (i = 0; !err && i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD)
			err = phdr_check(&ph[i], size);
	if (err) {
		pr_err("%s: not a RISC-V ELF64 static executable\n", path);
		return err;
	}
	mapping = initrd_file_mapping(file, size);
	if (!mapping)
		return -ENOMEM;
	mm = mm_alloc();
	if (!mm) {
		mapping_put(mapping);
		return -ENOMEM;
	}
	/* From here the new mm is ours: copies go into it. */
	tsk->mm = tsk->active_mm = mm;
	switch_mm(mm);
	for (i = 0; !err && i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD)
			err = load_segment(mm, mapping, &ph[i]);
	/* The segments' VMAs hold their own references. */
	mapping_put(mapping);
	if (!err)
		err = create_stack(mm, eh, (const void *)phdr_address(eh, ph), argc, argv, envc,
				   envp, task_pt_regs(tsk));
	if (err) {
		tsk->mm = tsk->active_mm = old;
		switch_mm(old);
		mmput(mm);
		pr_err("%s: exec failed: %d\n", path, err);
		return err;
	}
	if (old)
		mmput(old);
	/* Linux's exec_mm_release(): a vfork parent gets its mm back now. */
	complete_vfork_done(tsk);
	do_close_on_exec(tsk);
	strlcpy(tsk->comm, strrchr(path, '/') ? strrchr(path, '/') + 1 : path, sizeof(tsk->comm));
	return 0;
}

/* What execve() copied from user space: the path, then the strings, and vectors into them. */
struct exec_args {
	char path[PATH_MAX];
	char strings[MAX_ARG_BYTES];
	size_t used;
	const char *argv[MAX_ARG_STRINGS + 1];
	const char *envp[MAX_ARG_STRINGS + 1];
};

/* Linux's copy_strings(): a user vector (NULL: empty) into @kvec; 0, -EFAULT or -E2BIG. */
static int copy_strings(struct exec_args *a, const char *const __user *uvec, const char **kvec)
{
	const char __user *ustr;
	int n = 0;
	long len;

	for (; uvec; n++) {
		if (copy_from_user(&ustr, &uvec[n], sizeof(ustr)))
			return -EFAULT;
		if (!ustr)
			break;
		if (n == MAX_ARG_STRINGS)
			return -E2BIG;
		len = strncpy_from_user(a->strings + a->used, ustr, sizeof(a->strings) - a->used);
		if (len < 0)
			return len;
		if (len == sizeof(a->strings) - a->used) /* no room for its NUL */
			return -E2BIG;
		kvec[n] = a->strings + a->used;
		a->used += len + 1;
	}
	kvec[n] = NULL;
	return 0;
}

long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp)
{
	struct exec_args *a = kmalloc(sizeof(*a), GFP_KERNEL);
	long len;
	int err;

	if (!a)
		return -ENOMEM;
	a->used = 0;
	len = strncpy_from_user(a->path, filename, sizeof(a->path));
	err = len < 0 ? len : len == sizeof(a->path) ? -ENAMETOOLONG : !len ? -ENOENT : 0;
	if (!err)
		err = copy_strings(a, argv, a->argv);
	if (!err)
		err = copy_strings(a, envp, a->envp);
	/* Linux since 5.18: a program never starts with argc 0; argv[0] is "". */
	if (!err && !a->argv[0]) {
		a->argv[0] = "";
		a->argv[1] = NULL;
	}
	if (!err)
		err = kernel_execve(a->path, a->argv, a->envp);
	kfree(a);
	return err;
}
