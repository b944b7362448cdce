// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/self/maps, /proc/self/smaps and /proc/self/pagemap, in the formats of
 * Linux 6.12's fs/proc/task_mmu.c (Documentation/filesystems/proc.rst and
 * admin-guide/mm/pagemap.rst). maps and smaps are reports like the others of
 * kernel/procfs.c, rendered from the opener's VMAs at open; pagemap is read
 * live: each 8-byte entry describes one virtual page of the mm it was opened
 * on, at the offset (page number * 8) read.
 *
 * Where Loam has less to say than Linux: its files have no inode or device
 * numbers (fstat says 0, so maps says 00:00 0); a struct file keeps no
 * path, but an initrd member knows its place in the archive, so a mapping
 * of an executable is named by its absolute path as in Linux (d_path()),
 * and a shmem object by its own name: shared anonymous memory is
 * "/dev/zero (deleted)" as in Linux, a memfd "/memfd:NAME (deleted)", a
 * tmpfs file "/tmp/NAME". There are no huge pages, no KSM and no
 * soft-dirty bits (Linux 6.12 has none on riscv64 either), so those fields
 * are 0; Locked counts the pages of VM_LOCKED VMAs (mlock, mlockall,
 * MAP_LOCKED: mm/mlock.c). smaps counts what the page tables hold, and for
 * a mapping of a shmem object the pages of the object in swap (Swap, as
 * Linux's shmem_swap_usage(): a swapped-out shmem page leaves no PTE).
 */
#include <fs.h>
#include <initramfs.h>
#include <kernel.h>
#include <mm.h>
#include <mmap.h>
#include <page-flags.h>
#include <proc_task_mmu.h>
#include <sched.h>
#include <seq_buf.h>
#include <shmem_fs.h>
#include <slab.h>
#include <spinlock.h>
#include <string.h>
#include <swap.h>
#include <swapops.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Linux's seq_setwidth() for a maps line: a name goes after this column. */
#define MAPS_NAME_COLUMN (25 + sizeof(void *) * 6 - 1)

/*
 * The name Linux's get_vma_name() gives @vma, or NULL (see the top of the
 * file); *@deleted if " (deleted)" follows it.
 */
static const char *vma_name(const struct vm_area_struct *vma, bool *deleted)
{
	const struct mm_struct *mm = vma->vm_mm;

	*deleted = false;
	if (vma->vm_file)
		return shmem_file_name(vma->vm_file, deleted);
	/* vma_is_initial_heap() and vma_is_initial_stack(). */
	if (vma->vm_start < mm->brk && vma->vm_end > mm->start_brk)
		return "[heap]";
	if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
		return "[stack]";
	return NULL;
}

/* Linux's show_map_vma(): "start-end perms offset dev inode", then the name at column 73. */
static void show_map_vma(struct seq_buf *m, const struct vm_area_struct *vma)
{
	unsigned long flags = vma->vm_flags;
	unsigned long pgoff = vma->vm_file ? vma->vm_pgoff << PAGE_SHIFT : 0;
	bool deleted;
	const char *name = vma_name(vma, &deleted);
	size_t start = m->len;

	seq_buf_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", vma->vm_start, vma->vm_end,
		       flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		       flags & VM_EXEC ? 'x' : '-', flags & VM_MAYSHARE ? 's' : 'p', pgoff, 0, 0,
		       0UL);
	if (name || (vma->vm_file && is_initrd_file(vma->vm_file))) {
		int pad = MAPS_NAME_COLUMN - (int)(m->len - start);
		const struct initrd_file *f;

		seq_buf_printf(m, "%*s ", pad > 0 ? pad : 0, "");
		if (name) {
			seq_buf_printf(m, "%s%s", name, deleted ? " (deleted)" : "");
		} else {
			f = initrd_file_member(vma->vm_file);
			seq_buf_printf(m, "/%.*s", (int)f->namelen, f->name);
		}
	}
	seq_buf_printf(m, "\n");
}

/* @show for each VMA of the reader's mm, under its mmap_lock (Linux's m_start/m_next). */
static void show_each_vma(struct seq_buf *m,
			  void (*show)(struct seq_buf *m, const struct vm_area_struct *vma))
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;

	if (!mm)
		return;
	mmap_read_lock(mm);
	for (vma = mm->mmap; vma; vma = vma->vm_next)
		show(m, vma);
	mmap_read_unlock(mm);
}

void maps_show(struct seq_buf *m)
{
	show_each_vma(m, show_map_vma);
}

/*
 * Linux's mm_pgtables_bytes(): the PTE and PMD tables below @mm's pgd, as
 * Linux counts them (mm_inc_nr_ptes() and mm_inc_nr_pmds(); not the pgd
 * itself), counted here by walking the user half under page_table_lock
 * where Linux keeps a counter.
 */
static unsigned long mm_pgtables_bytes(struct mm_struct *mm)
{
	unsigned long tables = 0, i, j;
	pmd_t *pmd;

	spin_lock(&mm->page_table_lock);
	for (i = 0; i < USER_PTRS_PER_PGD; i++) {
		pgd_t pgd = pgdp_get(mm->pgd + i);

		if (pgd_none(pgd) || pgd_bad(pgd))
			continue;
		tables++;
		pmd = (pmd_t *)pgd_page_vaddr(pgd);
		for (j = 0; j < PTRS_PER_PMD; j++)
			tables += !pmd_none(pmdp_get(pmd + j)) && !pmd_bad(pmdp_get(pmd + j));
	}
	spin_unlock(&mm->page_table_lock);
	return tables * PAGE_SIZE;
}

/* Linux's SEQ_PUT_DEC() in task_mem(): the label, then pages as kB in 8 columns. */
static void put_pages_kb(struct seq_buf *m, const char *label, unsigned long pages)
{
	seq_buf_printf(m, "%s%8lu kB\n", label, pages << (PAGE_SHIFT - 10));
}

void task_mem(struct seq_buf *m, struct mm_struct *mm)
{
	unsigned long anon = READ_ONCE(mm->rss), shmem = READ_ONCE(mm->shmem_rss);
	unsigned long total_vm = READ_ONCE(mm->total_vm), exec_vm = READ_ONCE(mm->exec_vm);
	unsigned long hiwater_vm = max(total_vm, READ_ONCE(mm->hiwater_vm));
	unsigned long hiwater_rss = max(anon + shmem, READ_ONCE(mm->hiwater_rss));
	/* Executable memory split between the program's text and the rest (libraries). */
	unsigned long text = PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK);

	text = min(text, exec_vm << PAGE_SHIFT);
	put_pages_kb(m, "VmPeak:\t", hiwater_vm);
	put_pages_kb(m, "VmSize:\t", total_vm);
	put_pages_kb(m, "VmLck:\t", READ_ONCE(mm->locked_vm));
	/* No FOLL_PIN users (RDMA, io_uring buffers) in Loam: nothing is pinned. */
	put_pages_kb(m, "VmPin:\t", 0);
	put_pages_kb(m, "VmHWM:\t", hiwater_rss);
	put_pages_kb(m, "VmRSS:\t", anon + shmem);
	put_pages_kb(m, "RssAnon:\t", anon);
	/* No MM_FILEPAGES: Loam maps no page of a file privately (see <mm_types.h>). */
	put_pages_kb(m, "RssFile:\t", 0);
	put_pages_kb(m, "RssShmem:\t", shmem);
	put_pages_kb(m, "VmData:\t", READ_ONCE(mm->data_vm));
	put_pages_kb(m, "VmStk:\t", READ_ONCE(mm->stack_vm));
	seq_buf_printf(m, "VmExe:\t%8lu kB\n", text >> 10);
	seq_buf_printf(m, "VmLib:\t%8lu kB\n", ((exec_vm << PAGE_SHIFT) - text) >> 10);
	seq_buf_printf(m, "VmPTE:\t%8lu kB\n", mm_pgtables_bytes(mm) >> 10);
	put_pages_kb(m, "VmSwap:\t", READ_ONCE(mm->swapents));
	/* hugetlb_report_usage(): Linux with CONFIG_HUGETLB_PAGE, no huge page mapped here. */
	seq_buf_printf(m, "HugetlbPages:\t%8lu kB\n", 0UL);
}

/* Linux's struct mem_size_stats, the fields Loam can fill; PSS in bytes << PSS_SHIFT. */
struct mem_size_stats {
	unsigned long resident, shared_clean, shared_dirty, private_clean, private_dirty;
	unsigned long referenced, anonymous, lazyfree, swap;
	u64 pss, pss_dirty, pss_locked, swap_pss;
};

#define PSS_SHIFT 12

/* Linux's smaps_account() and smaps_page_accumulate() for one small page mapped by a PTE. */
static void smaps_account(struct mem_size_stats *mss, struct page *page, bool young, bool dirty,
			  bool locked)
{
	int mapcount = page_mapcount(page);
	u64 pss = (u64)PAGE_SIZE << PSS_SHIFT;
	bool private = mapcount < 2;

	dirty = dirty || PageDirty(page);
	if (PageAnon(page)) {
		mss->anonymous += PAGE_SIZE;
		if (!PageSwapBacked(page) && !dirty)
			mss->lazyfree += PAGE_SIZE;
	}
	mss->resident += PAGE_SIZE;
	if (young)
		mss->referenced += PAGE_SIZE;
	if (!private)
		pss /= mapcount;
	mss->pss += pss;
	if (dirty) {
		mss->pss_dirty += pss;
		*(private ? &mss->private_dirty : &mss->shared_dirty) += PAGE_SIZE;
	} else {
		*(private ? &mss->private_clean : &mss->shared_clean) += PAGE_SIZE;
	}
	if (locked)
		mss->pss_locked += pss;
}

/* A page is mapped (PROT_NONE keeps it mapped, inaccessible), as Linux's riscv pte_present(). */
static bool pte_mapped(pte_t pte)
{
	return pte_present(pte) || pte_protnone(pte);
}

typedef void (*pte_entry_fn)(pte_t pte, unsigned long addr, void *arg);

/* One table's entries in [@addr, @end), the last level of task_walk(). */
static void task_walk_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end, pte_entry_fn fn,
				void *arg)
{
	pte_t *pte = pte_offset_map(pmd, addr);

	do
		fn(ptep_get(pte), addr, arg);
	while (pte++, addr += PAGE_SIZE, addr != end);
	pte_unmap(pte - 1);
}

/*
 * Call @fn for each PTE of @mm in [@addr, @end), under page_table_lock, in
 * the per-level shape of Linux's walk_page_range() (mm/pagewalk.c) with only
 * a pte_entry: a missing table is a hole, skipped whole.
 */
static void task_walk(struct mm_struct *mm, unsigned long addr, unsigned long end, pte_entry_fn fn,
		      void *arg)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	unsigned long next, pmd_next;
	pmd_t *pmd;

	spin_lock(&mm->page_table_lock);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(pgdp_get(pgd)) || pgd_bad(pgdp_get(pgd)))
			continue;
		pmd = pmd_offset(pgd, addr);
		do {
			pmd_next = pmd_addr_end(addr, next);
			if (!pmd_none(pmdp_get(pmd)) && !pmd_bad(pmdp_get(pmd)))
				task_walk_pte_range(pmd, addr, pmd_next, fn, arg);
		} while (pmd++, addr = pmd_next, addr != next);
	} while (pgd++, addr = next, addr != end);
	spin_unlock(&mm->page_table_lock);
}

/*
 * Linux's vm_normal_page() for a mapped PTE: its page, or NULL for the
 * shared zero page (mm/memory.c's, which nothing owns). Every other page a
 * Loam user PTE maps is anonymous or a shmem object's: it has a mapping.
 */
static struct page *vm_normal_page(pte_t pte)
{
	struct page *page = pfn_to_page(pte_pfn(pte));

	return READ_ONCE(page->mapping) ? page : NULL;
}

/* Linux's smaps_pte_entry(): a page mapped, or a swap entry, or nothing. */
struct smaps_walk {
	struct mem_size_stats *mss;
	bool locked;
};

static void smaps_pte_entry(pte_t pte, unsigned long addr, void *arg)
{
	struct smaps_walk *w = arg;
	struct mem_size_stats *mss = w->mss;
	struct page *page = pte_mapped(pte) ? vm_normal_page(pte) : NULL;

	if (page) {
		smaps_account(mss, page, pte_val(pte) & _PAGE_ACCESSED, pte_dirty(pte), w->locked);
	} else if (is_migration_pte(pte)) {
		/* A page on its way (mm/migrate.c) counts as resident, unmapped: private (Linux's). */
		smaps_account(mss, pfn_swap_entry_to_page(pte_to_swp_entry(pte)), false, false,
			      w->locked);
	} else if (is_swap_pte(pte)) {
		int count = swp_swapcount(pte_to_swp_entry(pte));
		u64 pss = (u64)PAGE_SIZE << PSS_SHIFT;

		mss->swap += PAGE_SIZE;
		mss->swap_pss += count >= 2 ? pss / count : pss;
	}
}

/* Every PTE of @vma into @mss. */
static void smap_gather_stats(const struct vm_area_struct *vma, struct mem_size_stats *mss)
{
	struct smaps_walk w = { mss, vma->vm_flags & VM_LOCKED };

	task_walk(vma->vm_mm, vma->vm_start, vma->vm_end, smaps_pte_entry, &w);
	/*
	 * Linux's smap_gather_stats(): a shmem page in swap leaves no PTE, its
	 * object counts it (Swap, not SwapPss). Linux walks a private writable
	 * mapping's holes instead (smaps_pte_hole()); Loam's shmem mappings are
	 * all shared.
	 */
	if (vma_is_shmem(vma) && ((vma->vm_flags & VM_SHARED) || !(vma->vm_flags & VM_WRITE)))
		mss->swap += shmem_swap_usage(vma);
}

/* Linux's SEQ_PUT_DEC(): a field name padded to 16, the kB value in 8 columns. */
static void put_kb(struct seq_buf *m, const char *field, unsigned long bytes)
{
	seq_buf_printf(m, "%-16s%8lu kB\n", field, bytes >> 10);
}

/*
 * Linux's show_smap_vma_flags(): two letters per VM_* flag set, in bit
 * order; Loam's flags have Linux's values, and these are the ones it has.
 */
static void show_smap_vma_flags(struct seq_buf *m, unsigned long flags)
{
	static const struct {
		unsigned long flag;
		char name[3];
	} mnemonics[] = {
		{ VM_READ, "rd" },	 { VM_WRITE, "wr" },	 { VM_EXEC, "ex" },
		{ VM_SHARED, "sh" },	 { VM_MAYREAD, "mr" },	 { VM_MAYWRITE, "mw" },
		{ VM_MAYEXEC, "me" },	 { VM_MAYSHARE, "ms" },	 { VM_GROWSDOWN, "gd" },
		{ VM_LOCKED, "lo" },	 { VM_SEQ_READ, "sr" },	 { VM_RAND_READ, "rr" },
		{ VM_DONTCOPY, "dc" },	 { VM_ACCOUNT, "ac" },	 { VM_NORESERVE, "nr" },
		{ VM_WIPEONFORK, "wf" }, { VM_DONTDUMP, "dd" },	 { VM_HUGEPAGE, "hg" },
		{ VM_NOHUGEPAGE, "nh" }, { VM_MERGEABLE, "mg" }, { VM_DROPPABLE, "dp" },
		{ VM_SEALED, "sl" },
	};
	size_t i;

	seq_buf_printf(m, "VmFlags: ");
	for (i = 0; i < ARRAY_SIZE(mnemonics); i++)
		if (flags & mnemonics[i].flag)
			seq_buf_printf(m, "%s ", mnemonics[i].name);
	seq_buf_printf(m, "\n");
}

/* Linux's show_smap() and __show_smap() for one VMA. */
static void show_smap(struct seq_buf *m, const struct vm_area_struct *vma)
{
	struct mem_size_stats mss = { 0 };

	smap_gather_stats(vma, &mss);
	show_map_vma(m, vma);
	put_kb(m, "Size:", vma->vm_end - vma->vm_start);
	put_kb(m, "KernelPageSize:", PAGE_SIZE);
	put_kb(m, "MMUPageSize:", PAGE_SIZE);
	put_kb(m, "Rss:", mss.resident);
	put_kb(m, "Pss:", mss.pss >> PSS_SHIFT);
	put_kb(m, "Pss_Dirty:", mss.pss_dirty >> PSS_SHIFT);
	put_kb(m, "Shared_Clean:", mss.shared_clean);
	put_kb(m, "Shared_Dirty:", mss.shared_dirty);
	put_kb(m, "Private_Clean:", mss.private_clean);
	put_kb(m, "Private_Dirty:", mss.private_dirty);
	put_kb(m, "Referenced:", mss.referenced);
	put_kb(m, "Anonymous:", mss.anonymous);
	put_kb(m, "KSM:", 0);
	put_kb(m, "LazyFree:", mss.lazyfree);
	put_kb(m, "AnonHugePages:", 0);
	put_kb(m, "ShmemPmdMapped:", 0);
	put_kb(m, "FilePmdMapped:", 0);
	put_kb(m, "Shared_Hugetlb:", 0);
	/* Linux prints this one name in 17 columns and the value in 7. */
	seq_buf_printf(m, "Private_Hugetlb: %7lu kB\n", 0UL);
	put_kb(m, "Swap:", mss.swap);
	put_kb(m, "SwapPss:", mss.swap_pss >> PSS_SHIFT);
	put_kb(m, "Locked:", mss.pss_locked >> PSS_SHIFT);
	seq_buf_printf(m, "THPeligible:    %8u\n", 0);
	show_smap_vma_flags(m, vma->vm_flags);
}

void smaps_show(struct seq_buf *m)
{
	show_each_vma(m, show_smap);
}

/* pagemap entry bits (Linux's PM_* in fs/proc/task_mmu.c, pagemap.rst). */
#define PM_ENTRY_BYTES sizeof(u64)
#define PM_PFRAME_MASK ((1ULL << 55) - 1)
#define PM_MMAP_EXCLUSIVE (1ULL << 56)
#define PM_FILE (1ULL << 61)
#define PM_SWAP (1ULL << 62)
#define PM_PRESENT (1ULL << 63)
/* Linux's MAX_SWAPFILES_SHIFT: a swap entry's frame is type | offset << 5. */
#define PM_SWAP_TYPE_BITS 5

/* Linux's pte_to_pagemap_entry() for @pte (0: nothing there). */
static u64 pte_to_pagemap_entry(pte_t pte)
{
	struct page *page = NULL;
	u64 frame = 0, flags = 0;

	if (pte_mapped(pte)) {
		/* show_pfn: the opener may read PFNs (CAP_SYS_ADMIN, every Loam task). */
		frame = pte_pfn(pte);
		flags |= PM_PRESENT;
		page = vm_normal_page(pte);
	} else if (is_swap_pte(pte)) {
		swp_entry_t entry = pte_to_swp_entry(pte);
		/* A migration entry's frame is the pfn without its A and D bits (Linux's). */
		unsigned long offset = is_migration_entry(entry) ? swp_offset_pfn(entry) :
								   swp_offset(entry);

		frame = swp_type(entry) | ((u64)offset << PM_SWAP_TYPE_BITS);
		flags |= PM_SWAP;
		if (is_migration_entry(entry))
			page = pfn_swap_entry_to_page(entry);
	}
	if (page && !PageAnon(page))
		flags |= PM_FILE;
	if (page && (flags & PM_PRESENT) && page_mapcount(page) == 1)
		flags |= PM_MMAP_EXCLUSIVE;
	return (frame & PM_PFRAME_MASK) | flags;
}

struct pagemap_walk {
	unsigned long start;
	u64 *buf;
};

static void pagemap_pte_entry(pte_t pte, unsigned long addr, void *arg)
{
	struct pagemap_walk *w = arg;

	w->buf[(addr - w->start) >> PAGE_SHIFT] = pte_to_pagemap_entry(pte);
}

/* The entries of @n pages from @addr into @buf: 0 where no VMA or page table is. */
static void pagemap_fill(struct mm_struct *mm, unsigned long addr, size_t n, u64 *buf)
{
	unsigned long end = addr + n * PAGE_SIZE;
	struct pagemap_walk w = { addr, buf };
	struct vm_area_struct *vma;

	memset(buf, 0, n * sizeof(*buf));
	for (vma = find_vma(mm, addr); vma && vma->vm_start < end; vma = vma->vm_next)
		task_walk(mm, max(addr, vma->vm_start), min(end, vma->vm_end), pagemap_pte_entry,
			  &w);
}

/* An open /proc/self/pagemap: the file and the mm it was opened on (mmgrab()). */
struct pagemap_file {
	struct file file;
	struct mm_struct *mm;
};

/*
 * Linux's pagemap_read(): the entries of the pages from (*@ppos / 8) on, as
 * many as fit in @count (a multiple of 8 from an offset that is, or
 * -EINVAL), up to the end of user space; 0 once the mm has exited. A fault
 * copying out is -EFAULT, the offset left where it was.
 */
static long pagemap_read(struct file *file, char __user *buf, size_t count, long *ppos)
{
	struct mm_struct *mm = container_of(file, struct pagemap_file, file)->mm;
	unsigned long addr, end = mm->task_size;
	size_t n, done = 0;
	u64 *entries;

	if (!mmget_not_zero(mm))
		return 0;
	/* Linux's pagemap_read(): whole, aligned entries only. */
	if ((*ppos % PM_ENTRY_BYTES) || (count % PM_ENTRY_BYTES)) {
		mmput(mm);
		return -EINVAL;
	}
	entries = (u64 *)__get_free_page(GFP_KERNEL);
	if (!entries) {
		mmput(mm);
		return -ENOMEM;
	}
	addr = *ppos / PM_ENTRY_BYTES > end >> PAGE_SHIFT ? end :
							    (*ppos / PM_ENTRY_BYTES) << PAGE_SHIFT;
	while (done < count && addr < end) {
		n = min(min((count - done) / PM_ENTRY_BYTES, PAGE_SIZE / PM_ENTRY_BYTES),
			(end - addr) >> PAGE_SHIFT);
		mmap_read_lock(mm);
		pagemap_fill(mm, addr, n, entries);
		mmap_read_unlock(mm);
		/* As Linux: the copy out is done without mmap_lock (it may fault). */
		if (copy_to_user(buf + done, entries, n * PM_ENTRY_BYTES))
			break;
		done += n * PM_ENTRY_BYTES;
		addr += n << PAGE_SHIFT;
	}
	free_page((unsigned long)entries);
	mmput(mm);
	if (done < count && addr < end)
		return -EFAULT;
	*ppos += done;
	return done;
}

/* Linux's mem_lseek(): SEEK_SET or SEEK_CUR, any offset. */
static long pagemap_llseek(struct file *file, long offset, unsigned int whence)
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

static void pagemap_release(struct file *file)
{
	struct pagemap_file *pf = container_of(file, struct pagemap_file, file);

	mmdrop(pf->mm);
	kfree(pf);
}

/* A regular file, r-------- (S_IRUSR, as Linux's), size 0, 1024-byte blocks. */
static void pagemap_getattr(struct file *file, struct kstat *stat)
{
	stat->mode = S_IFREG | 0400;
	stat->nlink = 1;
	stat->blksize = 1024;
}

/*
 * Linux's proc_pagemap_operations without PAGEMAP_SCAN (ioctl: -ENOTTY, as
 * before Linux 6.7) and, having no write or mmap method, with those calls'
 * answers for such a file: -EINVAL and -ENODEV.
 */
static const struct file_operations proc_pagemap_operations = {
	.read = pagemap_read,
	.llseek = pagemap_llseek,
	.release = pagemap_release,
	.getattr = pagemap_getattr,
};

struct file *pagemap_open(unsigned int flags, int *err)
{
	struct mm_struct *mm = current->mm;
	struct pagemap_file *pf;

	*err = -ESRCH;
	if (!mm)
		return NULL;
	*err = -ENOMEM;
	pf = kzalloc(sizeof(*pf), GFP_KERNEL);
	if (!pf)
		return NULL;
	mmgrab(mm);
	pf->mm = mm;
	init_file(&pf->file, &proc_pagemap_operations, flags);
	*err = 0;
	return &pf->file;
}
