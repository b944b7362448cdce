/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Swap areas, Linux's way and with Linux's names: the header util-linux's
 * mkswap writes (include/linux/swap.h), the per-area count map and its slot
 * allocator (mm/swapfile.c), swap entries (include/linux/swapops.h) and
 * their encoding in a non-present PTE (arch/riscv/include/asm/pgtable.h).
 *
 * swapon (mm/swapon.c) reads the first page of a device,
 * read_swap_header(), allocates si->max bytes for the map, setup_swap_map(),
 * swap_cache_init(), enable_swap_info(). Reclaim (mm/vmscan.c) takes slots
 * with add_to_swap() and writes pages out (mm/page_io.c); the fault path
 * (mm/memory.c) reads them back through the swap cache (mm/swap_state.c).
 *
 * Locking: si->lock guards an area's swap_map, inuse_pages, pages and
 * cluster_next; swap_lock (mm/swapfile.c) guards swap_info[] and
 * the type of an area. nr_swap_pages and total_swap_pages change atomically
 * and are read without a lock, as Linux's atomic_long_t nr_swap_pages.
 */
#ifndef LOAM_SWAP_H
#define LOAM_SWAP_H

#include <asm/pgtable.h>
#include <kernel.h>
#include <sched.h>
#include <spinlock.h>
#include <types.h>

/*
 * Pages per round of reclaim (mm/vmscan.c: also the writes in flight per
 * batch), and per lock hold when a batch of pages is freed (Linux's, 32).
 */
#define SWAP_CLUSTER_MAX 32

/*
 * The first page of a swap area. The signature is the last 10 bytes of the
 * page; version 1's fields follow 1 KiB left for a disk label. The fields
 * are in the byte order of the machine that ran mkswap: little-endian for
 * RISC-V. (Linux also accepts a byte-swapped header; Loam does not, so such
 * a header fails the version check.)
 */
union swap_header {
	struct {
		char reserved[PAGE_SIZE - 10];
		char magic[10]; /* SWAP-SPACE or SWAPSPACE2 */
	} magic;
	struct {
		char bootbits[1024]; /* Space for disklabel etc. */
		u32 version;
		u32 last_page;
		u32 nr_badpages;
		unsigned char sws_uuid[16];
		unsigned char sws_volume[16];
		u32 padding[117];
		u32 badpages[1];
	} info;
};

#define SWAP_HEADER_MAGIC "SWAPSPACE2"
/* Linux's bound: the bad-page list may run up to the signature (637 entries). */
#define MAX_SWAP_BADPAGES                                                                          \
	((offsetof(union swap_header, magic.magic) - offsetof(union swap_header, info.badpages)) / \
	 sizeof(u32))

/*
 * swap_map values (include/linux/swap.h): 0 is a free slot; otherwise the
 * low bits count the swap PTEs referring to the slot (up to SWAP_MAP_MAX)
 * and SWAP_HAS_CACHE says a page of the swap cache holds the slot's data
 * (or is being read into). A slot is born with SWAP_HAS_CACHE alone
 * (add_to_swap()), gains a count per PTE reclaim turns into its swap
 * entry (or one for the shmem object whose slot takes it), and is free
 * when both are gone. Linux's COUNT_CONTINUED (0x80)
 * comes with fork.
 */
#define SWAP_MAP_MAX 0x3e /* Max count */
#define SWAP_MAP_BAD 0x3f /* Note page is bad */
#define SWAP_HAS_CACHE 0x40 /* Flag page is cached, in first swap_map */

static inline unsigned char swap_count(unsigned char ent)
{
	return ent & ~SWAP_HAS_CACHE;
}

/*
 * Slots are handed out from a current cluster of SWAPFILE_CLUSTER aligned
 * slots, so that pages reclaimed one after the other go to consecutive
 * disk blocks (Linux: 256, the per-CPU cluster of scan_swap_map_slots()).
 */
#define SWAPFILE_CLUSTER 256

/*
 * Swap types a swap entry can name: the PTE encoding's 5 bits. The top
 * SWP_MIGRATION_NUM types are not areas but migration entries, as in Linux
 * (include/linux/swap.h; Loam has no hwpoison, device or marker entries):
 * a PTE whose page is being moved names the page's pfn and the access it
 * allowed (<swapops.h>, mm/migrate.c). SWP_MIGRATION_READ_EXCLUSIVE keeps
 * Linux's numbering; Loam makes none (it marks no page PageAnonExclusive:
 * a read-only anonymous PTE's page is judged at its write fault).
 */
#define MAX_SWAPFILES_SHIFT 5
#define SWP_MIGRATION_NUM 3
#define MAX_SWAPFILES ((1 << MAX_SWAPFILES_SHIFT) - SWP_MIGRATION_NUM)
#define SWP_MIGRATION_READ MAX_SWAPFILES
#define SWP_MIGRATION_READ_EXCLUSIVE (MAX_SWAPFILES + 1)
#define SWP_MIGRATION_WRITE (MAX_SWAPFILES + 2)

struct block_device;

struct swap_info_struct {
	spinlock_t lock;
	signed char type; /* index in swap_info[]; -1 while not enabled */
	unsigned int max; /* slots, the header included: last_page + 1 */
	unsigned int pages; /* usable slots: max less the header and the bad ones */
	unsigned int inuse_pages; /* slots with a count */
	/*
	 * Where the next allocation looks first. Its cluster is the current
	 * one; a simplification of Linux's per-CPU clusters and free-cluster
	 * lists (one current cluster per area, free clusters found by
	 * scanning swap_map when the current one is used up).
	 */
	unsigned int cluster_next;
	unsigned char *swap_map; /* count per slot, max bytes */
	/*
	 * The swap cache of this area: the page holding each slot's data, if
	 * any, in chunks of SWAP_CACHE_CHUNK pointers (one page each,
	 * allocated at swapon). Guarded by si->lock. Linux keeps an XArray per
	 * 64 MiB of an area (swapper_spaces[]).
	 */
	struct page ***swap_cache;
	struct block_device *bdev; /* where the slots are (slot N at byte N * PAGE_SIZE) */
};

#define SWAP_CACHE_CHUNK (PAGE_SIZE / sizeof(struct page *))

/*
 * A swap entry: type (the area) and offset (the slot), Linux's generic
 * format (include/linux/swapops.h): type in the top bits of an XArray
 * value. val 0 (type 0, offset 0: a header slot) is no entry.
 */
typedef struct {
	unsigned long val;
} swp_entry_t;

#define SWP_TYPE_SHIFT (8 * sizeof(long) - 1 - MAX_SWAPFILES_SHIFT)
#define SWP_OFFSET_MASK ((1UL << SWP_TYPE_SHIFT) - 1)

static inline swp_entry_t swp_entry(unsigned long type, unsigned long offset)
{
	return (swp_entry_t){ (type << SWP_TYPE_SHIFT) | (offset & SWP_OFFSET_MASK) };
}

static inline unsigned int swp_type(swp_entry_t entry)
{
	return entry.val >> SWP_TYPE_SHIFT;
}

static inline unsigned long swp_offset(swp_entry_t entry)
{
	return entry.val & SWP_OFFSET_MASK;
}

/*
 * A swap PTE: neither none (0) nor mapped. Linux's riscv layout puts the
 * type in bits 7..11 and the offset from bit 12, with bit 5 (Linux's
 * _PAGE_PROT_NONE, which is _PAGE_GLOBAL) and bit 6 (_PAGE_SWP_EXCLUSIVE)
 * below them. Loam's _PAGE_PROT_NONE is bit 8 instead (an RSW bit, see
 * mm/memory.c), so the fields move above it:
 *
 *   bit  0      V, zero: the hardware ignores every other bit (priv. spec 4.4.1)
 *   bits 1..7   zero (bit 6 left for Linux's exclusive marker)
 *   bit  8      _PAGE_PROT_NONE, zero
 *   bits 9..13  swap type (MAX_SWAPFILES_SHIFT bits)
 *   bits 14..63 swap offset (50 bits; a header's last_page has 32)
 */
#define __SWP_TYPE_SHIFT 9
#define __SWP_TYPE_BITS MAX_SWAPFILES_SHIFT
#define __SWP_TYPE_MASK ((1UL << __SWP_TYPE_BITS) - 1)
#define __SWP_OFFSET_SHIFT (__SWP_TYPE_SHIFT + __SWP_TYPE_BITS)
#define __SWP_OFFSET_BITS (8 * sizeof(pteval_t) - __SWP_OFFSET_SHIFT)

_Static_assert(!(((__SWP_TYPE_MASK << __SWP_TYPE_SHIFT) | (~0UL << __SWP_OFFSET_SHIFT)) &
		 (_PAGE_PRESENT | _PAGE_PROT_NONE)),
	       "swap PTE fields overlap V or _PAGE_PROT_NONE");
_Static_assert(__SWP_OFFSET_BITS >= 32, "a swap header's last_page must fit a swap PTE");

static inline bool is_swap_pte(pte_t pte)
{
	return !pte_none(pte) && !(pte_val(pte) & (_PAGE_PRESENT | _PAGE_PROT_NONE));
}

static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	return swp_entry((pte_val(pte) >> __SWP_TYPE_SHIFT) & __SWP_TYPE_MASK,
			 pte_val(pte) >> __SWP_OFFSET_SHIFT);
}

/* @entry's offset must fit __SWP_OFFSET_BITS: every offset below a swap area's max does. */
static inline pte_t swp_entry_to_pte(swp_entry_t entry)
{
	return __pte(((pteval_t)swp_type(entry) << __SWP_TYPE_SHIFT) |
		     ((pteval_t)swp_offset(entry) << __SWP_OFFSET_SHIFT));
}

/*
 * Check the header page @page of a device of @dev_pages pages, as Linux's
 * read_swap_header(): signature, version 1, a last_page above 0 and inside
 * the device, at most MAX_SWAP_BADPAGES bad pages, each in 1..last_page.
 * Sets si->max. 0, or -EINVAL after a pr_err() saying what is wrong.
 */
int read_swap_header(const void *page, unsigned long dev_pages, struct swap_info_struct *si);

/*
 * After read_swap_header() accepted @page: make @swap_map (si->max bytes,
 * the caller's, as swapon's vzalloc()) the area's map, slot 0 and the bad
 * pages SWAP_MAP_BAD, everything else free. 0, or -EINVAL ("Empty
 * swap-file") if no slot is usable.
 */
int setup_swap_map(struct swap_info_struct *si, const void *page, unsigned char *swap_map);

/*
 * Give the set-up area the lowest free type and its slots to get_swap_page(),
 * which tries areas by type (Linux: by priority, by default decreasing with
 * each swapon). 0, or -EPERM when MAX_SWAPFILES are enabled.
 */
int enable_swap_info(struct swap_info_struct *si);
/* Take the area back out (swapoff, once nothing uses it): 0, or -EBUSY. */
int disable_swap_info(struct swap_info_struct *si);

/*
 * A free slot for a page about to enter the swap cache: its map byte is
 * SWAP_HAS_CACHE. The next one of the current cluster, else the first free
 * slot of the next wholly free cluster, else any free slot, searching
 * forward and wrapping around. The empty entry (val 0) when every area is
 * full.
 */
swp_entry_t get_swap_page(void);
/* Drop a swap PTE's reference; the slot is free once no reference is left. */
void swap_free(swp_entry_t entry);
/* Drop the swap cache's claim (Linux's put_swap_folio()); the same. */
void put_swap_page(swp_entry_t entry);
/*
 * Claim a slot that swap PTEs refer to for a page about to be read into the
 * swap cache: 0, -EEXIST if another page has it (a read in flight, or the
 * page is already in the cache), -ENOENT for a slot no PTE refers to,
 * -EINVAL for an entry outside every area.
 */
int swapcache_prepare(swp_entry_t entry);
/*
 * Take another reference (a swap PTE; fork's copy): 0, -ENOENT for a free
 * or bad slot, -EINVAL for an entry outside every area, -ENOMEM at
 * SWAP_MAP_MAX (Linux then chains a count continuation; Loam has none yet).
 */
int swap_duplicate(swp_entry_t entry);
/* The swap PTEs referring to @entry's slot (0 if free or invalid). */
int swp_swapcount(swp_entry_t entry);
/*
 * Writing @entry's slot failed: retire it. Only the swap cache may refer to
 * it (its page stays resident); the slot becomes SWAP_MAP_BAD, is never
 * handed out again and leaves the area's pages and total_swap_pages. 0,
 * -ENOENT for a free or bad slot, -EBUSY if PTEs still refer to it,
 * -EINVAL for an entry outside every area.
 */
int swap_mark_bad(swp_entry_t entry);
/* The enabled area @entry names, if its offset is inside it; NULL otherwise. */
struct swap_info_struct *swp_swap_info(swp_entry_t entry);
/* Less than half of the swap space free: swap-in then gives slots back early. */
bool vm_swap_full(void);

/* Free slots and usable slots over every enabled area, in pages (atomic). */
extern long nr_swap_pages;
extern long total_swap_pages;

static inline long get_nr_swap_pages(void)
{
	return __atomic_load_n(&nr_swap_pages, __ATOMIC_RELAXED);
}

/*
 * sysinfo's totalswap and freeswap, in pages (Linux's si_swapinfo(); the
 * struct sysinfo is kernel/sys.c's).
 */
void si_swapinfo(unsigned long *totalswap, unsigned long *freeswap);

/*
 * The LRU lists (mm/swap.c; lruvec->lru_lock is taken with interrupts off).
 */
struct page;
struct mm_struct;
struct vm_area_struct;
/*
 * A fresh or swapped-in anonymous page, just mapped, or a shmem page just
 * put in its object (PageSwapBacked, as Linux keeps it on the anonymous
 * lists): onto its node's inactive list.
 */
void lru_cache_add_anon(struct page *page);
/*
 * MADV_FREE of @page, mapped by one PTE whose A and D the caller cleared
 * (Linux's folio_mark_lazyfree(), at once where Linux batches per CPU): a
 * private anonymous page on an LRU list and in no swap cache stops being
 * swap-backed and goes to the inactive file list, where reclaim meets it
 * and drops it unless it was written again (counted in "pglazyfree").
 */
void mark_page_lazyfree(struct page *page);
/* Off its LRU list, if on one, PG_lru and PG_active cleared: before the page is freed. */
void __page_cache_release(struct page *page);
/* put_page() for each of @nr pages, the LRU lock and the per-CPU list lock taken once a batch. */
void release_pages(struct page **pages, int nr);
/*
 * Pages on the LRU lists mapped through the anon_vma of one of @mm's VMAs (a
 * check for tests, when @mm is the last of its fork tree: its pages all are),
 * and in *@isolated the pages reclaim holds off the lists, counted at the
 * same moment.
 */
unsigned long lru_pages_of_mm(struct mm_struct *mm, unsigned long *isolated);

/*
 * The swap cache (mm/swap_state.c): pages by swap entry, so that a page
 * being written out or read in is found, not read a second time. A page in
 * it has PG_swapcache, page->private = its entry, a reference held by the
 * cache, and SWAP_HAS_CACHE in its slot. Callers hold the page lock.
 */
/* Give a set-up area its (empty) cache: 0 or -ENOMEM. */
int swap_cache_init(struct swap_info_struct *si);
void swap_cache_free(struct swap_info_struct *si);
/* The page of @entry, with a reference taken, or NULL. */
struct page *lookup_swap_cache(swp_entry_t entry);
/* Take a slot for @page (locked, not in the cache): false when swap is full. */
bool add_to_swap(struct page *page);
/*
 * Page migration (mm/migrate.c; Linux's __folio_migrate_mapping() for the
 * swap cache): @newpage, locked and seen by nobody, takes the slot of
 * @page (locked, in the cache), with the cache's reference, PG_swapcache
 * and page->private, if @page has exactly @expected references (the
 * cache's and the migration's), checked with the count frozen under
 * si->lock, where lookups take theirs. 0, or -EAGAIN with nothing changed.
 */
int swap_cache_migrate_page(struct page *newpage, struct page *page, int expected);
/* Take @page out of the cache; its slot loses the cache's claim. */
void delete_from_swap_cache(struct page *page);
/* The same, retiring the slot (a write error): the page keeps its data. */
void delete_from_swap_cache_bad(struct page *page);
/*
 * Drop a PTE's reference to @page, unmapped now; if it is in the swap cache
 * and nothing maps it, take it out (Linux's free_page_and_swap_cache()).
 */
void free_page_and_swap_cache(struct page *page);
/* The same for a batch of pages (Linux's free_pages_and_swap_cache(); release_pages()). */
void free_pages_and_swap_cache(struct page **pages, int nr);
/*
 * A swap PTE of @entry is gone (munmap, exit): drop its reference and, if
 * only the swap cache still holds the slot and its page is unmapped, free
 * both (Linux's free_swap_and_cache()).
 */
void free_swap_and_cache(swp_entry_t entry);
/*
 * Read @entry in for a fault (the part of Linux's swapin_readahead() that
 * reads the one page asked for; Loam reads no neighbouring slots ahead): the
 * page, locked, in the swap cache, with a reference; or NULL with *err set
 * (-ENOMEM, or -EIO after a read error). It waits for the read.
 */
struct page *swapin_page(swp_entry_t entry, int *err);

/*
 * Swap I/O (mm/page_io.c): a page to or from its slot. swap_writepage()
 * starts the write of a page of the swap cache to its slot as part of
 * @batch (<blkdev.h>), with @rq (which must live until the write is done;
 * @more: others follow at once, the device is told with the last): reclaim
 * starts a batch, waits for all of it with blk_batch_wait(), then asks
 * swap_write_result() for each page (0, or the error, reported in Linux's
 * words). swap_readpage() reads synchronously: 0, or -EIO (reported).
 */
struct blk_request;
struct blk_batch;
int swap_writepage(struct page *page, struct blk_batch *batch, struct blk_request *rq, bool more);
int swap_write_result(struct page *page, struct blk_request *rq);
int swap_readpage(struct page *page, swp_entry_t entry);

/*
 * Reclaim (mm/vmscan.c): kswapd, one thread per node, woken when an
 * allocation finds a zone below its low watermark; direct reclaim by an
 * allocation below min. Both return the pages freed.
 */
struct zone;
/*
 * An allocation of 2^@order pages up to zone @highest_zoneidx found @zone
 * low: wake its node's kswapd; if the node is balanced but the order
 * fails, and the caller will not compact itself, kcompactd.
 */
void wakeup_kswapd(struct zone *zone, unsigned int gfp_flags, int order, int highest_zoneidx);
/* May the caller reclaim (sleep)? Not in a trap handler, with interrupts masked, or at boot. */
bool current_may_reclaim(void);
unsigned long try_to_free_pages(unsigned int order, unsigned int gfp);
/* Start the kswapd threads: once the scheduler runs. */
void kswapd_init(void);
/*
 * MADV_PAGEOUT's side of reclaim. isolate_lru_page() (Linux's
 * folio_isolate_lru()): take @page, mapped by the caller's PTE, off its LRU
 * list with a reference, false if reclaim has it already or it is on none.
 * reclaim_pages() (Linux's): reclaim such isolated @pages whether used
 * lately or not, putting back what stays; the pages freed.
 */
struct list_head;
bool isolate_lru_page(struct page *page);
unsigned long reclaim_pages(struct list_head *pages);
/*
 * The OOM killer (mm/oom_kill.c): nothing more can be reclaimed for an
 * allocation; kill the biggest process. True if a victim was chosen (or
 * one is still dying): the allocation may retry.
 */
bool out_of_memory(unsigned int gfp, unsigned int order);
/* Give the victim a tick to exit. */
void wait_for_oom_victim(void);
/* @tsk, exiting, has given its memory back: the next OOM kill may come (Linux's name). */
struct task_struct;
void exit_oom_victim(struct task_struct *tsk);

/*
 * Boot-time swapon (mm/swapon.c; Loam has no swapon(2) yet): the disk named
 * by swap= on the command line, else every disk with a valid swap signature.
 */
void swap_setup(void);

#endif
