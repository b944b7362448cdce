/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Swap areas, Linux's way and with Linux's names: the header util-linux's
 * mkswap writes (include/linux/swap.h), the per-area count map and its slot
 * allocator (mm/swapfile.c), swap entries (include/linux/swapops.h) and
 * their encoding in a non-present PTE (arch/riscv/include/asm/pgtable.h).
 *
 * This is the foundation of the swap issue: nothing calls it yet. The block
 * device, the swap cache and reclaim build on it; swapon reads the first
 * page of a device, read_swap_header(), allocates si->max bytes for the
 * map, setup_swap_map(), enable_swap_info().
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
#include <spinlock.h>
#include <types.h>

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
 * swap_map values (include/linux/swap.h): 0 is a free slot, 1..SWAP_MAP_MAX
 * the number of references (PTEs, later the swap cache) to a used one.
 * Linux's SWAP_HAS_CACHE (0x40) and COUNT_CONTINUED (0x80) bits come with
 * the swap cache and with fork; the values below leave them free.
 */
#define SWAP_MAP_MAX 0x3e /* Max count */
#define SWAP_MAP_BAD 0x3f /* Note page is bad */

/*
 * Slots are handed out from a current cluster of SWAPFILE_CLUSTER aligned
 * slots, so that pages reclaimed one after the other go to consecutive
 * disk blocks (Linux: 256, the per-CPU cluster of scan_swap_map_slots()).
 */
#define SWAPFILE_CLUSTER 256

/* Swap types (areas) a swap entry can name: the PTE encoding's 5 bits. */
#define MAX_SWAPFILES_SHIFT 5
#define MAX_SWAPFILES (1 << MAX_SWAPFILES_SHIFT)

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
	struct block_device *bdev; /* where the slots are (slot N at byte N * PAGE_SIZE) */
};

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
#define __SWP_OFFSET_BITS (8 * sizeof(pte_t) - __SWP_OFFSET_SHIFT)

_Static_assert(!(((__SWP_TYPE_MASK << __SWP_TYPE_SHIFT) | (~0UL << __SWP_OFFSET_SHIFT)) &
		 (_PAGE_PRESENT | _PAGE_PROT_NONE)),
	       "swap PTE fields overlap V or _PAGE_PROT_NONE");
_Static_assert(__SWP_OFFSET_BITS >= 32, "a swap header's last_page must fit a swap PTE");

static inline bool is_swap_pte(pte_t pte)
{
	return pte && !(pte & (_PAGE_PRESENT | _PAGE_PROT_NONE));
}

static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	return swp_entry((pte >> __SWP_TYPE_SHIFT) & __SWP_TYPE_MASK, pte >> __SWP_OFFSET_SHIFT);
}

/* @entry's offset must fit __SWP_OFFSET_BITS: every offset below a swap area's max does. */
static inline pte_t swp_entry_to_pte(swp_entry_t entry)
{
	return ((pte_t)swp_type(entry) << __SWP_TYPE_SHIFT) |
	       ((pte_t)swp_offset(entry) << __SWP_OFFSET_SHIFT);
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
 * A free slot, its count set to 1: the next one of the current cluster,
 * else the first free slot of the next wholly free cluster, else any free
 * slot, searching forward and wrapping around. The empty entry (val 0) when
 * every area is full.
 */
swp_entry_t get_swap_page(void);
/* Drop a reference; the last one frees the slot. */
void swap_free(swp_entry_t entry);
/*
 * Take another reference (fork's copy of a swap PTE): 0, -ENOENT for a free
 * or bad slot, -EINVAL for an entry outside every area, -ENOMEM at
 * SWAP_MAP_MAX (Linux then chains a count continuation; Loam has none yet).
 */
int swap_duplicate(swp_entry_t entry);
/* The references to @entry's slot (0 if free or invalid). */
int swp_swapcount(swp_entry_t entry);
/*
 * Writing @entry's slot failed: retire it. The caller holds the only
 * reference (its page stays resident); the slot becomes SWAP_MAP_BAD, is
 * never handed out again and leaves the area's pages and total_swap_pages.
 * 0, -ENOENT for a free or bad slot, -EBUSY if others still refer to it,
 * -EINVAL for an entry outside every area.
 */
int swap_mark_bad(swp_entry_t entry);

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
 * The LRU lists (mm/swap.c; lruvec->lru_lock is taken with interrupts off,
 * as swap-write completions will move pages from interrupt context).
 */
struct page;
struct mm_struct;
/* A fresh anonymous page, just mapped: onto its node's inactive list, PG_lru set. */
void lru_cache_add_anon(struct page *page);
/* Off its LRU list, if on one, PG_lru and PG_active cleared: before the page is freed. */
void __page_cache_release(struct page *page);
/* Pages on the LRU lists that @mm owns (PageAnon, mapping @mm): a check for tests. */
unsigned long lru_pages_of_mm(struct mm_struct *mm);

/*
 * Boot-time swapon (mm/swapon.c; Loam has no swapon(2) yet): the disk named
 * by swap= on the command line, else every disk with a valid swap signature.
 */
void swap_setup(void);

#endif
