// SPDX-License-Identifier: GPL-2.0
/*
 * The [vdso] page (Linux's arch/riscv/kernel/vdso.c): every program gets a
 * page of kernel-provided code, mapped read and execute by exec, where a
 * signal handler returns to call rt_sigreturn. riscv has no SA_RESTORER, so
 * glibc and musl give no trampoline of their own and rely on it.
 *
 * Linux's is a real shared object (ELF headers, a dynamic symbol table,
 * __vdso_gettimeofday and friends) announced by AT_SYSINFO_EHDR. Loam's
 * page holds only the sigreturn code and is not announced: glibc looks at
 * AT_SYSINFO_EHDR only to find the fast clock functions, and goes to the
 * system calls without it. The page is a private mapping of a kernel
 * "file" whose every fault copies the code (as an initrd file's do), so it
 * follows the rules of any private file mapping.
 */
#include <asm/vdso.h>
#include <fs.h>
#include <kernel.h>
#include <mm.h>
#include <mman.h>
#include <mmap.h>
#include <string.h>
#include <err.h>

extern const char vdso_start[], vdso_end[], __vdso_rt_sigreturn[];

static vm_fault_t vdso_fault(struct vm_fault *vmf)
{
	char *dst = page_address(vmf->cow_page);

	if (vmf->pgoff)
		return VM_FAULT_SIGBUS;
	memset(dst, 0, PAGE_SIZE);
	memcpy(dst, vdso_start, vdso_end - vdso_start);
	return VM_FAULT_DONE_COW;
}

static const struct vm_operations_struct vdso_vm_ops = {
	.fault = vdso_fault,
};

static int vdso_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &vdso_vm_ops;
	return 0;
}

/* The file stays referenced by this structure itself: its count never drops to 0. */
static void vdso_release(struct file *file)
{
}

static const struct file_operations vdso_fops = {
	.mmap = vdso_mmap,
	.release = vdso_release,
};

static struct file vdso_file = {
	.f_count = 1,
	.f_mode = FMODE_READ,
	.f_op = &vdso_fops,
};

int arch_setup_additional_pages(struct mm_struct *mm)
{
	unsigned long addr =
		vm_mmap(mm, &vdso_file, 0, PAGE_SIZE, PROT_READ | PROT_EXEC, MAP_PRIVATE, 0);

	if (IS_ERR_VALUE(addr))
		return (long)addr;
	mm->context.vdso = addr;
	return 0;
}

unsigned long vdso_rt_sigreturn(struct mm_struct *mm)
{
	return mm->context.vdso + (__vdso_rt_sigreturn - vdso_start);
}
