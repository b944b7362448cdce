// SPDX-License-Identifier: GPL-2.0
/*
 * Address-space identifiers (privileged spec 4.1.11 satp.ASID, 4.2.1
 * sfence.vma), Linux's scheme (arch/riscv/mm/context.c) in a smaller form:
 * each mm gets an ASID tagged with a generation; when the ASIDs run out the
 * generation moves on, every hart flushes its whole TLB at its next switch,
 * and mms take new ASIDs as they next run. A hart without ASIDs (satp.ASID
 * reads back as 0) gets a full flush at every switch instead.
 *
 * TLB entries of an ASID can live on every hart an mm ran on (its cpumask).
 * A process is single-threaded, so its page tables change on the hart it
 * runs on, which flushes locally; a hart it comes back to flushes the ASID
 * once, in case the tables changed meanwhile. A change made elsewhere
 * (flush_tlb_mm() on a hart the mm is not on) reaches the hart the mm runs
 * or last ran on, and the release of an ASID every hart of its cpumask,
 * through SBI RFENCE (SBI spec v2.0, 8.2 and 8.3).
 */
#include <asm/mmu_context.h>
#include <asm/sbi.h>
#include <kernel.h>
#include <printk.h>
#include <smp.h>
#include <spinlock.h>
#include <string.h>

#define SATP_ASID_SHIFT 44
#define SATP_ASID_MASK 0xffffUL
#define MAX_ASIDS (SATP_ASID_MASK + 1)

static unsigned long asid_bits, nr_asids, asid_generation;
static unsigned long asid_map[MAX_ASIDS / 64];
static unsigned long flush_pending; /* harts to flush their whole TLB at the next switch */
static DEFINE_SPINLOCK(asid_lock);

void asid_init(void)
{
	unsigned long old = csr_read(satp);

	/* Write all ones into the ASID field: the bits that stick are implemented. */
	csr_write(satp, old | (SATP_ASID_MASK << SATP_ASID_SHIFT));
	asid_bits = __builtin_popcountl((csr_read(satp) >> SATP_ASID_SHIFT) & SATP_ASID_MASK);
	csr_write(satp, old);
	local_flush_tlb_all();
	/* ASID 0 is the kernel's; with fewer ASIDs than harts, flushing is cheaper. */
	if ((1UL << asid_bits) <= NR_CPUS)
		asid_bits = 0;
	nr_asids = 1UL << asid_bits;
	asid_generation = nr_asids;
	pr_info("ASID allocator using %lu bits (%lu entries)\n", asid_bits,
		asid_bits ? nr_asids : 0);
}

/* A fresh ASID for @mm (asid_lock held), moving to a new generation when none is left. */
static void new_context(struct mm_struct *mm)
{
	unsigned long asid;

	for (asid = 1; asid < nr_asids; asid++)
		if (!(asid_map[asid / 64] & (1UL << (asid % 64))))
			goto found;
	asid_generation += nr_asids;
	memset(asid_map, 0, sizeof(asid_map));
	flush_pending = ~0UL;
	asid = 1;
found:
	asid_map[asid / 64] |= 1UL << (asid % 64);
	mm->context.id = asid_generation | asid;
	mm->context.cpumask = 0;
}

static unsigned long mm_asid(struct mm_struct *mm)
{
	return mm->context.id & (nr_asids - 1);
}

void switch_mm(struct mm_struct *mm)
{
	unsigned int cpu = smp_processor_id();
	unsigned long flags, asid = 0;
	bool flush_all = !asid_bits, flush_asid = false;

	if (!mm) {
		csr_write(satp, swapper_satp);
		local_flush_tlb_all();
		return;
	}
	if (asid_bits) {
		spin_lock_irqsave(&asid_lock, flags);
		if ((mm->context.id & ~(nr_asids - 1)) != asid_generation)
			new_context(mm);
		if (flush_pending & (1UL << cpu)) {
			flush_pending &= ~(1UL << cpu);
			flush_all = true;
		}
		/* Back on a hart it ran on before: what it left there may be stale. */
		flush_asid = mm->context.last_cpu != cpu + 1 &&
			     (mm->context.cpumask & (1UL << cpu));
		mm->context.cpumask |= 1UL << cpu;
		WRITE_ONCE(mm->context.last_cpu, cpu + 1);
		asid = mm_asid(mm);
		spin_unlock_irqrestore(&asid_lock, flags);
		/* last_cpu before any walk of the tables: pairs with flush_tlb_mm()'s. */
		__sync_synchronize();
	}
	csr_write(satp, make_satp(__pa(mm->pgd)) | (asid << SATP_ASID_SHIFT));
	if (flush_all)
		local_flush_tlb_all();
	else if (flush_asid)
		local_flush_tlb_asid(asid);
	/* It may have run elsewhere since, and freed pages now hold its code. */
	local_flush_icache_all();
}

void switch_to_kernel_mm(void)
{
	/*
	 * No flush: the kernel's mappings are global, and the user entries
	 * left in the TLB belong to other ASIDs (or, without ASIDs, are
	 * flushed by the next switch_mm()); a kernel thread reaches no user
	 * address through them.
	 */
	csr_write(satp, swapper_satp);
}

/*
 * The other hart that must drop @mm's entries now: the one it runs on or last
 * ran on. Every other hart in its cpumask flushes the ASID when the mm comes
 * back to it (switch_mm()), so reclaim on one hart does not wake every idle
 * hart the process ever passed through. The fence orders the caller's PTE
 * changes before the read of last_cpu; switch_mm() orders its write of
 * last_cpu before its flush and walks: one of the two sees the other.
 */
static unsigned long stale_harts(struct mm_struct *mm)
{
	int last;

	__sync_synchronize();
	last = READ_ONCE(mm->context.last_cpu) - 1;
	if (last < 0 || last == (int)smp_processor_id())
		return 0;
	return 1UL << last;
}

void flush_tlb_mm(struct mm_struct *mm)
{
	unsigned long others = mm->context.cpumask & ~(1UL << smp_processor_id());

	if (!asid_bits) {
		local_flush_tlb_all();
		/* Reclaim changes other processes' tables: their harts must flush too. */
		if (others)
			sbi_remote_sfence_vma(0, ~0UL);
		return;
	}
	local_flush_tlb_asid(mm_asid(mm));
	others = stale_harts(mm);
	if (others)
		sbi_remote_sfence_vma_asid(others, mm_asid(mm));
}

void flush_tlb_page(struct mm_struct *mm, unsigned long addr)
{
	unsigned long others = mm->context.cpumask & ~(1UL << smp_processor_id());

	if (!asid_bits || others) {
		flush_tlb_mm(mm);
		return;
	}
	/* sfence.vma rs1=addr, rs2=asid: that page of that address space only (4.2.1). */
	__asm__ __volatile__("sfence.vma %0, %1" ::"r"(addr), "r"(mm_asid(mm)) : "memory");
}

void destroy_context(struct mm_struct *mm)
{
	unsigned long flags;

	if (!asid_bits || !mm->context.id)
		return;
	/* Its entries must be gone everywhere before another mm gets the ASID. */
	sbi_remote_sfence_vma_asid(mm->context.cpumask, mm_asid(mm));
	spin_lock_irqsave(&asid_lock, flags);
	if ((mm->context.id & ~(nr_asids - 1)) == asid_generation)
		asid_map[mm_asid(mm) / 64] &= ~(1UL << (mm_asid(mm) % 64));
	spin_unlock_irqrestore(&asid_lock, flags);
}
