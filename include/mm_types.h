/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct page: one per physical page frame, kept in the vmemmap array (see
 * <mm.h>). Small on purpose: 1 GiB of RAM needs 262144 of them. Its middle
 * is a union, as in Linux: what the page is used for decides which fields
 * mean something.
 *
 * struct mm_struct and struct vm_area_struct: a user address space and its
 * mappings (mm/mmap.c, <mmap.h>).
 */
#ifndef LOAM_MM_TYPES_H
#define LOAM_MM_TYPES_H

#include <asm/pgtable_types.h>
#include <list.h>
#include <rbtree.h>
#include <rwsem.h>
#include <spinlock.h>
#include <types.h>
#include <uapi/mman.h>

struct address_space;
struct file;
struct kmem_cache;
struct vm_operations_struct;

struct page {
	/* PG_* bits from the bottom, the zone and node in the top bits (page-flags.h). */
	unsigned long flags;
	union {
		struct { /* the page allocator's, then the LRU's and the rmap's */
			/*
			 * While free: the free_area or per-CPU list the page heads.
			 * While PageLRU: its list in the node's lruvec (mm/swap.c).
			 */
			struct list_head lru;
			/* While PageBuddy: the order of the free block this page heads. */
			unsigned long private;
			/*
			 * For an anonymous page (PageAnon): its struct anon_vma,
			 * with PAGE_MAPPING_ANON (bit 0) set, through which reclaim
			 * finds every VMA that may map it, in this mm and in those
			 * fork() copied it to (<rmap.h>).
			 * For a page of a file (a shmem object's, mm/shmem.c): its
			 * address_space (the file's f_mapping), bit 0 clear.
			 */
			void *mapping;
			/*
			 * For an anonymous page: linear_page_index() of where it was
			 * first mapped (for anonymous memory, its user virtual
			 * address >> PAGE_SHIFT: such a VMA's vm_pgoff is vm_start's
			 * page). For a file's page: its offset in the file, in pages.
			 */
			unsigned long index;
		};
		struct { /* a slab's first page (PageSlab), see mm/slub.c */
			union {
				/* On its kmem_cache_node's partial (or, debugging, full) list. */
				struct list_head slab_list;
				struct { /* on a kmem_cache_cpu's partial list */
					struct page *next;
					int slabs; /* slabs from here to the end of that list */
				};
			};
			struct kmem_cache *slab_cache;
			void *freelist; /* first free object not on a CPU's freelist */
			union {
				unsigned long counters;
				struct {
					unsigned inuse : 16; /* objects out or on a CPU's freelist */
					unsigned objects : 15;
					unsigned frozen : 1; /* owned by a CPU: on no node list */
				};
			};
		};
		struct { /* the other pages of a compound page (PageHead's tail) */
			/* The head page's address + 1 (bit 0 says "tail"). */
			unsigned long compound_head;
			/* In the first tail page: the order of the compound page. */
			unsigned long compound_order;
		};
	};
	/*
	 * Page-table entries mapping the page, minus one, as in Linux: -1 while
	 * unmapped (page_mapcount() adds the one back). Atomic.
	 */
	int _mapcount;
	/* Users of the page: 1 after allocation, 0 while free. Atomic. */
	int _refcount;
};

struct mm_struct;

/*
 * A VMA: the pages [vm_start, vm_end) of one address space, all with the same
 * flags (VM_* in <mman.h>). The VMAs of an mm never overlap; they are kept
 * in a red-black tree by address and, as in Linux before the maple tree
 * (4.x-6.0), on a sorted list for O(1) neighbours. Allocated from
 * vm_area_cachep.
 */
struct vm_area_struct {
	unsigned long vm_start; /* page aligned */
	unsigned long vm_end; /* first address after, page aligned */
	struct vm_area_struct *vm_next, *vm_prev; /* address order; NULL at the ends */
	struct rb_node vm_rb;
	/*
	 * The largest free gap below any VMA of this subtree (this one's gap:
	 * from the end of the previous VMA to this one's start, guard gaps
	 * taken off), so get_unmapped_area() skips subtrees without room.
	 */
	unsigned long rb_subtree_gap;
	struct mm_struct *vm_mm;
	unsigned long vm_flags;
	/*
	 * A file mapping (an initrd executable, MAP_PRIVATE) or shared
	 * anonymous memory (its shmem file): the file, one reference per VMA
	 * (get_file()/fput(), see <fs.h>), and where vm_start lies in it, in
	 * pages. NULL for anonymous memory, whose vm_pgoff is vm_start >>
	 * PAGE_SHIFT, as in Linux (so linear_page_index() is the page's
	 * address, wherever the VMA is split or merged). vm_ops:
	 * how faults fill the VMA's pages, set by the file's f_op->mmap or
	 * shmem_zero_setup() (NULL: anonymous).
	 */
	struct file *vm_file;
	unsigned long vm_pgoff;
	const struct vm_operations_struct *vm_ops;
	/*
	 * On its file's f_mapping->i_mmap while it is in an mm (Linux's
	 * shared.rb, a node of the file's interval tree; an empty list
	 * otherwise, and for anonymous memory).
	 */
	struct list_head shared;
	/*
	 * Private VMAs with anonymous pages: the anon_vma new pages go to
	 * (anon_vma_prepare(), NULL until the first) and the anon_vma_chains
	 * linking this VMA to it and to its fork ancestors' (<rmap.h>).
	 */
	struct anon_vma *anon_vma;
	struct list_head anon_vma_chain;
};

/*
 * A user address space. Rlimits live here rather than in a signal_struct:
 * Loam's processes have one thread group each, so per-mm is per-process.
 */
struct mm_struct {
	struct vm_area_struct *mmap; /* the list of VMAs, lowest first */
	struct rb_root mm_rb;
	unsigned long highest_vm_end; /* vm_end of the last VMA (0: none) */
	int map_count; /* VMAs */
	/* The page-table root, from pgd_alloc() in mm_alloc(), pgd_free() at the end. */
	pgd_t *pgd;
	/* The address-space id and where it ran (platform/riscv/mm/context.c; zeroed by mm_alloc()). */
	struct {
		unsigned long id; /* ASID generation | ASID; 0: none yet */
		unsigned long cpumask; /* harts that may hold TLB entries of this ASID */
		int last_cpu; /* the hart it last ran on, + 1 (0: never ran) */
		/* Where exec mapped the [vdso] page: signal handlers return through it. */
		unsigned long vdso;
	} context;
	/* Users (threads, copies of the pointer that keep the mappings) and references. */
	int mm_users; /* mmget()/mmput(); the last mmput() runs exit_mmap() */
	int mm_count; /* mmgrab()/mmdrop(); all users together hold one */
	/* Every change of a PTE or a page table: see "Locking" in <mmap.h>. */
	spinlock_t page_table_lock;
	/* The VMAs and the layout below: see "Locking" in <mmap.h>. */
	struct rw_semaphore mmap_lock;
	/* Set by the ELF loader; start_brk == brk at exec (not randomised). */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long mmap_base; /* get_unmapped_area()'s top-down start */
	unsigned long task_size; /* user addresses are below */
	/* Pages mapped, by Linux's classes (vm_stat_account()). */
	unsigned long total_vm; /* all VMAs: RLIMIT_AS */
	unsigned long data_vm; /* private, writable, not stack: RLIMIT_DATA */
	unsigned long exec_vm; /* executable, not writable, not stack */
	unsigned long stack_vm; /* VM_STACK: the stack and MAP_GROWSDOWN */
	/*
	 * Resident pages and swap entries in the page tables (Linux's
	 * MM_ANONPAGES, MM_SHMEMPAGES and MM_SWAPENTS counters): faults,
	 * zap_page_range() and reclaim keep them, under page_table_lock. The
	 * OOM killer's measure. rss counts anonymous pages only (private
	 * copies of file pages included), shmem_rss the pages of shmem objects
	 * mapped here (both kinds are on the anonymous LRU lists). (No
	 * MM_FILEPAGES: Loam maps no page of a file privately, see
	 * do_cow_fault() in mm/memory.c.)
	 */
	long rss;
	long shmem_rss;
	long swapents;
	/*
	 * High-water marks (/proc/PID/status' VmHWM and VmPeak), as Linux's:
	 * raised just before rss or total_vm goes down (update_hiwater_rss(),
	 * update_hiwater_vm()), so the peak is the larger of them and now.
	 */
	unsigned long hiwater_rss;
	unsigned long hiwater_vm;
	/* Pages of VM_LOCKED VMAs (mlock, MAP_LOCKED, mlockall): RLIMIT_MEMLOCK's measure. */
	unsigned long locked_vm;
	/* Flags every new mapping and brk gets: VM_LOCKED_MASK after mlockall(MCL_FUTURE). */
	unsigned long def_flags;
	/*
	 * MMF_* bits (<sched/coredump.h>): MDWE, the dumpable state, reaped.
	 * Atomic bit operations (set_bit(), test_bit()).
	 */
	unsigned long flags;
	/*
	 * The program's path, as exec'd (Linux's exe_file, which /proc/self/exe
	 * names): kmalloc'd by begin_new_exec(), freed by the last mmput().
	 */
	char *exe_path;
	/*
	 * The arguments exec gave the program, each with its NUL, at most a
	 * page (/proc/PID/cmdline): Linux reads them from the process's own
	 * memory (arg_start..arg_end); Loam keeps this copy, made by exec and
	 * copied by fork, freed with exe_path.
	 */
	char *cmdline;
	unsigned long cmdline_len;
};

#endif
