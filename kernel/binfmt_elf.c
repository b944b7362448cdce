// SPDX-License-Identifier: GPL-2.0
/*
 * Static ELF executables, as Linux's fs/binfmt_elf.c loads them into the
 * exec that kernel/exec.c builds, in Linux's order, with Linux's errors:
 *
 *  1. Before the point of no return (load_elf_binary()'s checks): the ELF
 *     magic, ET_EXEC or ET_DYN, RISC-V ELF64, one page of program headers
 *     at most (-ENOEXEC); a PT_INTERP's interpreter is looked up and
 *     checked (its path's errors, -EIO, -ELIBBAD; Loam loads none).
 *  2. begin_new_exec() and setup_arg_pages() (kernel/exec.c); ET_DYN
 *     (static-pie) is placed where mmap would put it. Each PT_LOAD is
 *     checked as elf_load() would map it (-EINVAL, -ENOMEM, -EEXIST with
 *     Linux's "Uhuuh" line for a segment over the stack), then mapped: its
 *     file bytes as a private mapping of the executable (elf_load(); pages
 *     are copied from the initrd when first touched, and again after
 *     MADV_DONTNEED; past the end of the file, the rest of its last page
 *     reads zero and a page wholly beyond is SIGBUS), the rest, .bss,
 *     anonymous (padzero() clears the end of the last file page of a
 *     writable segment). The break starts right after the highest
 *     segment, not randomised.
 *  3. create_elf_tables(): below the strings, AT_RANDOM's 16 bytes, then
 *     argc, argv[], NULL, envp[], NULL and the auxv; the user registers
 *     enter at e_entry.
 *
 * A failure from step 2 on is past the point of no return: kernel/exec.c
 * gives the caller its old mm back and sys_execve() kills it.
 */
#include <asm/hwcap.h>
#include <asm/switch_to.h>
#include <asm/vdso.h>
#include <binfmts.h>
#include <err.h>
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
#include <traps.h>
#include <uaccess.h>
#include <uapi/errno.h>

/* include/uapi/linux/elf.h */
#define EI_NIDENT 16
#define EI_CLASS 4
#define ELFCLASS64 2
#define ET_EXEC 2
#define ET_DYN 3
#define EM_RISCV 243
#define PT_LOAD 1
#define PT_INTERP 3
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
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31
/* The auxv pairs create_elf_tables() writes here, AT_NULL included. */
#define NR_AUXV 18
/* USER_HZ: the clock ticks times() counts in (include/asm-generic/param.h). */
#define USER_HZ 100

/* The program headers one exec reads at most: one page of them (load_elf_phdrs()). */
#define ELF_MIN_ALIGN PAGE_SIZE
static unsigned long segment_prot(const struct elf64_phdr *ph)
{
	return (ph->p_flags & PF_R ? PROT_READ : 0) | (ph->p_flags & PF_W ? PROT_WRITE : 0) |
	       (ph->p_flags & PF_X ? PROT_EXEC : 0);
}

/*
 * One PT_LOAD, as Linux's elf_load(): the pages holding file bytes map the
 * executable, @file (bprm->file), privately at the matching offset with the
 * segment's protection (vm_mmap(), as Linux's elf_map()); in a writable segment, the rest of the last of them is
 * zeroed (Linux's padzero(): .bss starts there; a read-only segment keeps
 * the file's bytes, as Linux's failing padzero() leaves them); the pages
 * beyond are anonymous (Linux's vm_brk_flags()). A page shared with the
 * previous segment is mapped again, as Linux's MAP_FIXED does.
 */
static int load_segment(struct mm_struct *mm, struct file *file, const struct elf64_phdr *ph)
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

/*
 * Linux's load_elf_phdrs(): a copy of the program headers (one page of them
 * at most, all within the file), or NULL. A segment whose bytes lie past
 * the end of the file is mapped all the same, as Linux maps it: touching a
 * page wholly beyond the end raises SIGBUS (kernel/initramfs.c).
 */
static struct elf64_phdr *load_elf_phdrs(const struct elf64_hdr *eh, const struct initrd_file *f)
{
	size_t size = sizeof(struct elf64_phdr) * eh->e_phnum;
	struct elf64_phdr *ph;

	if (eh->e_phentsize != sizeof(struct elf64_phdr) || !size || size > ELF_MIN_ALIGN ||
	    eh->e_phoff > f->size || size > f->size - eh->e_phoff)
		return NULL;
	ph = kmalloc(size, GFP_KERNEL);
	if (!ph)
		return NULL;
	memcpy(ph, (const char *)f->data + eh->e_phoff, size);
	return ph;
}

/* The ELF header of @f (zeroes past a short file, as Linux's bprm->buf has). */
static void read_elf_header(const struct initrd_file *f, struct elf64_hdr *eh)
{
	memset(eh, 0, sizeof(*eh));
	memcpy(eh, f->data, min(f->size, sizeof(*eh)));
}

/* Linux's elf_check_arch() for riscv64. */
static bool elf_check_arch(const struct elf64_hdr *eh)
{
	return eh->e_machine == EM_RISCV && eh->e_ident[EI_CLASS] == ELFCLASS64;
}

/*
 * load_elf_binary()'s PT_INTERP: the interpreter named by the first one is
 * opened and checked as Linux does (-ENOEXEC for a bad name, -EIO if it
 * lies past the end of the file, the lookup's errors, -EIO for an
 * interpreter shorter than an ELF header, -ELIBBAD if it is not a RISC-V
 * ELF64 with readable program headers). Loam has no dynamic loader and
 * does not load an interpreter: one that passes these checks is refused
 * with -ENOEXEC (Linux would map it and start there). 0 without PT_INTERP.
 */
static int check_interp(const char *path, const struct elf64_phdr *ph, int phnum,
			const struct initrd_file *f)
{
	const struct initrd_file *interp;
	struct file *file;
	struct elf64_hdr ieh;
	struct elf64_phdr *iph;
	const char *name;
	int i, err;

	for (i = 0; i < phnum && ph[i].p_type != PT_INTERP; i++)
		;
	if (i == phnum)
		return 0;
	if (ph[i].p_filesz > PATH_MAX || ph[i].p_filesz < 2 || ph[i].p_offset > f->size ||
	    ph[i].p_filesz > f->size - ph[i].p_offset) {
		pr_info("%s: PT_INTERP of %lu bytes at offset %lu: no interpreter name\n", path,
			(unsigned long)ph[i].p_filesz, (unsigned long)ph[i].p_offset);
		return ph[i].p_filesz > PATH_MAX || ph[i].p_filesz < 2 ? -ENOEXEC : -EIO;
	}
	name = (const char *)f->data + ph[i].p_offset;
	if (name[ph[i].p_filesz - 1]) {
		pr_info("%s: PT_INTERP's name does not end with a NUL\n", path);
		return -ENOEXEC;
	}
	file = open_exec(name);
	err = IS_ERR(file) ? PTR_ERR(file) : 0;
	interp = err ? NULL : initrd_file_member(file);
	if (!err && interp->size < sizeof(ieh))
		err = -EIO;
	if (err) {
		pr_info("%s: interpreter %s: error %d\n", path, name, err);
		goto out;
	}
	read_elf_header(interp, &ieh);
	iph = NULL;
	if (!memcmp(ieh.e_ident, "\177ELF", 4) && elf_check_arch(&ieh))
		iph = load_elf_phdrs(&ieh, interp);
	if (!iph) {
		pr_info("%s: interpreter %s is not a RISC-V ELF64 file\n", path, name);
		err = -ELIBBAD;
		goto out;
	}
	kfree(iph);
	pr_info("%s: needs the interpreter %s: Loam has no dynamic loader\n", path, name);
	err = -ENOEXEC;
out:
	if (!IS_ERR(file))
		fput(file);
	return err;
}

/*
 * load_elf_binary()'s checks before the point of no return, in its order:
 * ELF magic, ET_EXEC or ET_DYN, the architecture, the program headers,
 * PT_INTERP. A copy of the program headers, or an ERR_PTR.
 */
static struct elf64_phdr *elf_check(struct linux_binprm *bprm, struct elf64_hdr *eh)
{
	const struct initrd_file *f = initrd_file_member(bprm->file);
	struct elf64_phdr *ph;
	int err;

	read_elf_header(f, eh);
	ph = NULL;
	if (!memcmp(eh->e_ident, "\177ELF", 4) && (eh->e_type == ET_EXEC || eh->e_type == ET_DYN) &&
	    elf_check_arch(eh))
		ph = load_elf_phdrs(eh, f);
	if (!ph) {
		pr_err("%s: not a RISC-V ELF64 static executable\n", bprm->interp);
		return ERR_PTR(-ENOEXEC);
	}
	err = check_interp(bprm->interp, ph, eh->e_phnum, f);
	if (err) {
		kfree(ph);
		return ERR_PTR(err);
	}
	return ph;
}

/*
 * ET_DYN (static-pie, no interpreter): Linux's load_bias of 0 without
 * MAP_FIXED lets mmap place the whole image (total_mapping_size(): first
 * PT_LOAD's page to the end of the last), the first p_vaddr as the hint.
 * The offset to add to every p_vaddr and e_entry, or an error.
 */
static long elf_dyn_bias(struct mm_struct *mm, const struct elf64_phdr *ph, int phnum)
{
	int i, first = -1, last = -1;
	unsigned long start, total;
	long addr;

	for (i = 0; i < phnum; i++)
		if (ph[i].p_type == PT_LOAD) {
			first = first < 0 ? i : first;
			last = i;
		}
	if (first < 0)
		return 0;
	start = ALIGN_DOWN(ph[first].p_vaddr, PAGE_SIZE);
	total = ph[last].p_vaddr + ph[last].p_memsz - start;
	if (!total || ph[last].p_vaddr + ph[last].p_memsz < start)
		return -EINVAL;
	addr = ksys_mmap_pgoff(mm, start, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1UL, 0);
	if (addr < 0)
		return addr;
	ksys_munmap(mm, addr, total);
	return addr - start;
}

/*
 * Would [@start, @start + @len) map (get_unmapped_area() with MAP_FIXED)?
 * -ENOMEM beyond TASK_SIZE; -EEXIST over the stack, which elf_map()'s
 * MAP_FIXED_NOREPLACE refuses for the first segment with the "Uhuuh" line
 * (Linux maps a later one over it with MAP_FIXED and loses the arguments:
 * Loam refuses it the same way).
 */
static int elf_map_check(struct linux_binprm *bprm, unsigned long start, unsigned long len)
{
	struct vm_area_struct *vma;

	len = PAGE_ALIGN(len);
	if (len > TASK_SIZE || start > TASK_SIZE - len)
		return -ENOMEM;
	mmap_read_lock(bprm->mm);
	vma = find_vma_intersection(bprm->mm, start, start + len);
	mmap_read_unlock(bprm->mm);
	if (vma) {
		pr_info("%d (%s): Uhuuh, elf segment at %016lx requested but the memory is mapped already\n",
			current->pid, current->comm, start);
		return -EEXIST;
	}
	return 0;
}

/*
 * Past the point of no return: every PT_LOAD as load_elf_binary() and
 * elf_load() take it, in file order: the file part (its offset congruent
 * to its address modulo the page: -EINVAL), the .bss part, then the sizes
 * (-EINVAL); and the entry point (-EINVAL). @ph has the load bias applied.
 */
static int elf_check_segments(struct linux_binprm *bprm, const struct elf64_hdr *eh,
			      const struct elf64_phdr *ph, unsigned long entry)
{
	unsigned long k, pageoff, zero_start;
	int i, err;

	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		k = ph[i].p_vaddr;
		pageoff = k & ~PAGE_MASK;
		zero_start = ALIGN_DOWN(k, PAGE_SIZE);
		if (ph[i].p_filesz) {
			if (((ph[i].p_offset - pageoff) & ~PAGE_MASK) || ph[i].p_offset < pageoff)
				return -EINVAL;
			err = elf_map_check(bprm, zero_start, ph[i].p_filesz + pageoff);
			if (err)
				return err;
			zero_start = k + ph[i].p_filesz;
		}
		if (ph[i].p_memsz > ph[i].p_filesz && k + ph[i].p_memsz > PAGE_ALIGN(zero_start)) {
			err = elf_map_check(bprm, PAGE_ALIGN(zero_start),
					    k + ph[i].p_memsz - PAGE_ALIGN(zero_start));
			if (err)
				return err;
		}
		if (k >= TASK_SIZE || ph[i].p_filesz > ph[i].p_memsz || ph[i].p_memsz > TASK_SIZE ||
		    TASK_SIZE - ph[i].p_memsz < k)
			return -EINVAL;
	}
	return entry >= TASK_SIZE ? -EINVAL : 0;
}

/* The PT_LOADs in address order, as load_segment() wants them (stable: file order on ties). */
static void sort_segments(struct elf64_phdr *ph, int phnum)
{
	struct elf64_phdr tmp;
	int i, j;

	for (i = 1; i < phnum; i++) {
		tmp = ph[i];
		for (j = i; j > 0 && ph[j - 1].p_vaddr > tmp.p_vaddr; j--)
			ph[j] = ph[j - 1];
		ph[j] = tmp;
	}
}

/* Where the program headers are in user memory (AT_PHDR): inside the segment that holds them. */
static unsigned long phdr_address(const struct elf64_hdr *eh, const struct elf64_phdr *ph)
{
	int i;

	for (i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_offset <= eh->e_phoff &&
		    eh->e_phoff < ph[i].p_offset + ph[i].p_filesz)
			return ph[i].p_vaddr + eh->e_phoff - ph[i].p_offset;
	return 0;
}

/* Words written to the new stack a batch at a time. */
struct stack_writer {
	unsigned long words[64];
	int n;
	unsigned long sp; /* where words[0] goes */
};

static int put_word(struct stack_writer *w, unsigned long val)
{
	int ret = 0;

	w->words[w->n++] = val;
	if (w->n == ARRAY_SIZE(w->words)) {
		ret = copy_to_user((void __user *)w->sp, w->words, sizeof(w->words)) ? -EFAULT : 0;
		w->sp += sizeof(w->words);
		w->n = 0;
	}
	return ret;
}

static int flush_words(struct stack_writer *w)
{
	return copy_to_user((void __user *)w->sp, w->words, w->n * sizeof(long)) ? -EFAULT : 0;
}

/* The @n string pointers from @*p up (each string's length read back), then NULL. */
static int put_strings(struct linux_binprm *bprm, struct stack_writer *w, unsigned long *p, int n)
{
	size_t len;
	int err = 0;

	while (!err && n--) {
		err = put_word(w, *p);
		len = arg_strnlen(bprm->buf, (const char __user *)*p);
		if (!len || len > MAX_ARG_STRLEN)
			return -EFAULT;
		*p += len;
	}
	return err ?: put_word(w, 0);
}

/*
 * Linux's create_elf_tables(), in the new mm (current now): AT_RANDOM's
 * bytes below the strings, then argc, argv[], envp[] and the auxv at a
 * 16-byte aligned sp; the user registers enter at @entry.
 */
static int create_elf_tables(struct linux_binprm *bprm, const struct elf64_hdr *eh,
			     unsigned long phdr, unsigned long entry)
{
	struct stack_writer *w;
	unsigned long p = ALIGN_DOWN(bprm->p, 16), strings = bprm->p, sp, items;
	struct pt_regs *regs = task_pt_regs(current);
	u64 rnd[2];
	int err;

	/* Not cryptographic: the time CSR mixed; Loam has no entropy source yet. */
	rnd[0] = get_cycles() * 0x9e3779b97f4a7c15ULL;
	rnd[1] = rnd[0] ^ (rnd[0] >> 29) ^ sched_clock();
	p -= sizeof(rnd);
	if (copy_to_user((void __user *)p, rnd, sizeof(rnd)))
		return -EFAULT;
	items = (bprm->argc + 1) + (bprm->envc + 1) + 1 + 2 * NR_AUXV;
	sp = ALIGN_DOWN(p - items * sizeof(long), 16);
	mmap_write_lock(bprm->mm);
	err = sp < bprm->vma->vm_start ? expand_stack(bprm->vma, sp) : 0;
	mmap_write_unlock(bprm->mm);
	w = kmalloc(sizeof(*w), GFP_KERNEL);
	if (err || !w) {
		kfree(w);
		return -EFAULT;
	}
	w->n = 0;
	w->sp = sp;
	err = put_word(w, bprm->argc);
	err = err ?: put_strings(bprm, w, &strings, bprm->argc);
	err = err ?: put_strings(bprm, w, &strings, bprm->envc);
#define AUX(type, val) (err = err ?: put_word(w, (type)) ?: put_word(w, (val)))
	AUX(AT_HWCAP, elf_hwcap);
	AUX(AT_PHDR, phdr);
	AUX(AT_PHENT, sizeof(struct elf64_phdr));
	AUX(AT_PHNUM, eh->e_phnum);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, USER_HZ);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, entry);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, p);
	AUX(AT_EXECFN, bprm->exec);
	AUX(AT_NULL, 0);
#undef AUX
	err = err ?: flush_words(w);
	kfree(w);
	bprm->p = sp;
	memset(regs, 0, sizeof(*regs));
	regs->sp = sp;
	regs->epc = entry;
	/* sret to U-mode (SPP 0) with interrupts on there (SPIE); SUM stays off. */
	regs->status = SR_SPIE;
	fstate_start(current, regs);
	return err;
}

/*
 * Linux's load_elf_binary(): the checks (elf_check()), then from the point
 * of no return the stack's final size, the segments checked, then mapped
 * and filled in the new mm, which becomes current's, and the tables.
 */
int load_elf_binary(struct linux_binprm *bprm)
{
	struct mm_struct *mm = bprm->mm;
	struct elf64_phdr *ph;
	struct elf64_hdr eh;
	long bias = 0;
	int i, err;

	ph = elf_check(bprm, &eh);
	if (IS_ERR(ph))
		return PTR_ERR(ph);
	begin_new_exec(bprm);
	err = setup_arg_pages(bprm);
	if (!err && eh.e_type == ET_DYN)
		bias = elf_dyn_bias(mm, ph, eh.e_phnum);
	if (bias < 0)
		err = bias;
	for (i = 0; !err && i < eh.e_phnum; i++)
		ph[i].p_vaddr += bias;
	if (!err)
		err = elf_check_segments(bprm, &eh, ph, eh.e_entry + bias);
	if (err)
		goto out;
	sort_segments(ph, eh.e_phnum);
	/* From here the new mm is ours: copies go into it. */
	exec_mmap(bprm);
	for (i = 0; !err && i < eh.e_phnum; i++)
		if (ph[i].p_type == PT_LOAD)
			err = load_segment(mm, bprm->file, &ph[i]);
	/* Linux's ARCH_SETUP_ADDITIONAL_PAGES: the [vdso] page, where signal handlers return. */
	if (!err)
		err = arch_setup_additional_pages(mm);
	if (!err)
		err = create_elf_tables(bprm, &eh, phdr_address(&eh, ph), eh.e_entry + bias);
	/* As Linux's load_elf_binary(): /proc/self/maps names the VMA holding it [stack]. */
	mm->start_stack = bprm->p;
out:
	kfree(ph);
	return err;
}
