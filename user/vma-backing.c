// SPDX-License-Identifier: GPL-2.0
/*
 * vma-backing [pressure]: what stands behind a mapping once MADV_DONTNEED
 * has dropped its pages, as on Linux.
 *
 * The executable's own segments are private mappings of its file: after
 * MADV_DONTNEED, initialised data reads its initial values again (a value
 * written since is gone), text runs again (the code calling madvise() is
 * itself dropped), read-only data is intact, and .bss reads zero.
 * MAP_SHARED|MAP_ANONYMOUS memory is backed by a shmem object: its contents
 * survive MADV_DONTNEED, an mprotect that splits the mapping in three and
 * the one that merges it back, and a munmap of part of it; 64 MiB of it,
 * touched, dropped and unmapped, gives every page back (on Loam, /proc/meminfo's
 * Shmem counts exactly its pages meanwhile).
 *
 * With "pressure" (a QEMU scenario with little RAM and a swap disk), private
 * anonymous memory of 1.5 x RAM is filled after the data was refaulted, so
 * that reclaim takes the data pages too; then every word of the data, the
 * filler and the shared memory is checked.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define SHARED (MAP_SHARED | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)
#define SMALL_PAGES 16
#define BIG_SHARED (64 * MiB)

/* 64 pages of initialised data, each word its index + 1 (R16 .. R65536 spell them out). */
#define R16(b)                                                                                     \
	(b) + 1, (b) + 2, (b) + 3, (b) + 4, (b) + 5, (b) + 6, (b) + 7, (b) + 8, (b) + 9, (b) + 10, \
		(b) + 11, (b) + 12, (b) + 13, (b) + 14, (b) + 15, (b) + 16
#define R256(b)                                                                                \
	R16(b), R16((b) + 16), R16((b) + 32), R16((b) + 48), R16((b) + 64), R16((b) + 80),     \
		R16((b) + 96), R16((b) + 112), R16((b) + 128), R16((b) + 144), R16((b) + 160), \
		R16((b) + 176), R16((b) + 192), R16((b) + 208), R16((b) + 224), R16((b) + 240)
#define R4096(b)                                                                        \
	R256(b), R256((b) + 256), R256((b) + 512), R256((b) + 768), R256((b) + 1024),   \
		R256((b) + 1280), R256((b) + 1536), R256((b) + 1792), R256((b) + 2048), \
		R256((b) + 2304), R256((b) + 2560), R256((b) + 2816), R256((b) + 3072), \
		R256((b) + 3328), R256((b) + 3584), R256((b) + 3840)
#define DATA_WORDS 65536
static volatile uint32_t data_words[DATA_WORDS] __attribute__((aligned(4096))) = {
	R4096(0),     R4096(4096),  R4096(8192),  R4096(12288), R4096(16384), R4096(20480),
	R4096(24576), R4096(28672), R4096(32768), R4096(36864), R4096(40960), R4096(45056),
	R4096(49152), R4096(53248), R4096(57344), R4096(61440),
};

/* One page of its own: x = 42 as the reviewer's program had it. */
static volatile int data_page[1024] __attribute__((aligned(4096))) = { 42, [1023] = 4242 };
static volatile int bss_page[1024] __attribute__((aligned(4096)));
static const volatile uint64_t rodata_page[512]
	__attribute__((aligned(4096))) = { 0x0123456789abcdefULL, [511] = 0xfedcba9876543210ULL };

/* Code on a page of its own. */
__attribute__((noinline, aligned(4096))) static int text_fn(int a)
{
	return a * 3 + 1;
}

static uintptr_t page_of(const volatile void *p)
{
	return (uintptr_t)p & ~(PAGE_SIZE - 1);
}

static bool dontneed(uintptr_t addr, size_t len)
{
	return !sys_madvise(page_of((void *)addr), len, MADV_DONTNEED);
}

/* The first word of data_words that is not its index + 1, or -1. */
static long data_words_wrong(void)
{
	long i;

	for (i = 0; i < DATA_WORDS; i++)
		if (data_words[i] != (uint32_t)i + 1)
			return i;
	return -1;
}

static void test_segments(void)
{
	long wrong;

	tap_ok(dontneed((uintptr_t)data_page, PAGE_SIZE) && data_page[0] == 42 &&
		       data_page[1023] == 4242,
	       "initialised data reads 42 after MADV_DONTNEED (%d)", data_page[0]);
	data_page[0] = 7;
	tap_ok(dontneed((uintptr_t)data_page, PAGE_SIZE) && data_page[0] == 42,
	       "a value written to data reverts to the file's 42 after MADV_DONTNEED (%d)",
	       data_page[0]);
	wrong = data_words_wrong();
	tap_ok(wrong < 0, "64 pages of initialised data read right (first wrong word %ld)", wrong);
	data_words[100] = 0;
	data_words[DATA_WORDS - 1] = 0;
	wrong = dontneed((uintptr_t)data_words, sizeof(data_words)) ? data_words_wrong() : -2;
	tap_ok(wrong < 0, "... and again after writes and MADV_DONTNEED (first wrong word %ld)",
	       wrong);

	bss_page[0] = 5;
	bss_page[1023] = 6;
	tap_ok(dontneed((uintptr_t)bss_page, PAGE_SIZE) && !bss_page[0] && !bss_page[1023],
	       ".bss reads zero after MADV_DONTNEED");
	tap_ok(dontneed((uintptr_t)rodata_page, PAGE_SIZE) &&
		       rodata_page[0] == 0x0123456789abcdefULL &&
		       rodata_page[511] == 0xfedcba9876543210ULL,
	       "read-only data intact after MADV_DONTNEED");
	tap_ok(dontneed((uintptr_t)text_fn, PAGE_SIZE) && text_fn(14) == 43,
	       "text runs after MADV_DONTNEED of its page");
	/* The page that calls madvise() and the one it returns to. */
	tap_ok(dontneed((uintptr_t)test_segments, PAGE_SIZE) &&
		       dontneed((uintptr_t)dontneed, PAGE_SIZE) && text_fn(1) == 4,
	       "text runs after MADV_DONTNEED of the calling code's own page");
}

/* The words pages_fill() wrote with @tag, in [@addr, +@len): named in a TAP case. */
static void check_pages(uintptr_t addr, size_t len, uint64_t tag, const char *what)
{
	uintptr_t bad = pages_check(addr, len, tag);

	tap_ok(!bad, "%s (first wrong word at 0x%lx)", what, (unsigned long)bad);
}

static void test_shared_small(void)
{
	size_t len = SMALL_PAGES * PAGE_SIZE;
	long m = sys_mmap(0, len, RW, SHARED, -1, 0);

	if (!tap_ok(!SYS_ERR(m), "mmap MAP_SHARED|MAP_ANONYMOUS of %d pages", SMALL_PAGES))
		return;
	pages_fill(m, len, 0x5a5a);
	tap_ok(dontneed(m, len), "MADV_DONTNEED of shared anonymous memory");
	check_pages(m, len, 0x5a5a, "shared anonymous contents survive MADV_DONTNEED");
	tap_ok(!sys_mprotect(m + 4 * PAGE_SIZE, 4 * PAGE_SIZE, PROT_READ),
	       "mprotect of the middle: split in three");
	check_pages(m, len, 0x5a5a, "contents intact after the split");
	tap_ok(!sys_mprotect(m + 4 * PAGE_SIZE, 4 * PAGE_SIZE, RW), "mprotect back: merged again");
	pages_fill(m, len, 0xa5a5);
	dontneed(m, len);
	check_pages(m, len, 0xa5a5, "contents written after the merge survive MADV_DONTNEED");
	tap_ok(!sys_madvise(m + 2 * PAGE_SIZE, PAGE_SIZE, MADV_REMOVE) &&
		       !pages_check_zero(m + 2 * PAGE_SIZE, PAGE_SIZE) &&
		       !pages_check(m + PAGE_SIZE, PAGE_SIZE, 0xa5a5) &&
		       !pages_check(m + 3 * PAGE_SIZE, PAGE_SIZE, 0xa5a5),
	       "MADV_REMOVE punches a hole: that page reads zero, its neighbours are kept");
	tap_ok(!sys_munmap(m, 4 * PAGE_SIZE), "munmap of the first 4 pages");
	dontneed(m + 4 * PAGE_SIZE, len - 4 * PAGE_SIZE);
	check_pages(m + 4 * PAGE_SIZE, len - 4 * PAGE_SIZE, 0xa5a5,
		    "the rest keeps its contents through MADV_DONTNEED");
	sys_munmap(m + 4 * PAGE_SIZE, len - 4 * PAGE_SIZE);
}

/* /proc/meminfo's Shmem in kB on Loam (nothing else maps shared memory there), or -1. */
static long shmem_kb(void)
{
	return on_loam() ? proc_counter("/proc/meminfo", "Shmem") : -1;
}

static void test_shared_big(size_t len)
{
	unsigned long before = free_ram();
	long shmem0 = shmem_kb(), shmem1;
	long m = sys_mmap(0, len, RW, SHARED, -1, 0);

	if (!tap_ok(!SYS_ERR(m), "mmap MAP_SHARED|MAP_ANONYMOUS of %lu MiB", len >> 20))
		return;
	pages_fill(m, len, 0x64);
	shmem1 = shmem_kb();
	if (shmem0 < 0)
		tap_skip("under Linux other processes share memory",
			 "meminfo Shmem grows by the mapping");
	else
		tap_ok(shmem1 - shmem0 == (long)(len >> 10), "meminfo Shmem grows by %lu kB (%ld)",
		       len >> 10, shmem1 - shmem0);
	tap_ok(dontneed(m, len), "MADV_DONTNEED of all of it");
	check_pages(m, len, 0x64, "every page survives MADV_DONTNEED");
	tap_ok(!sys_munmap(m, len), "munmap");
	if (shmem0 < 0)
		tap_skip("under Linux other processes share memory", "meminfo Shmem back");
	else
		tap_ok(shmem_kb() == shmem0, "meminfo Shmem back to %ld kB", shmem0);
	leak_check("shared memory unmapped", before, free_ram(), 2 * MiB);
}

/* Reclaim takes the data pages while 1.5 x RAM of private memory is filled. */
static void test_pressure(void)
{
	size_t len = (total_ram() / 2 * 3) & ~(PAGE_SIZE - 1);
	long m, wrong;

	data_words[7] = 0;
	dontneed((uintptr_t)data_words, sizeof(data_words));
	tap_ok(data_words_wrong() < 0, "data refaulted before the pressure");
	m = sys_mmap(0, len, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!tap_ok(!SYS_ERR(m), "mmap of %lu MiB (1.5 x RAM)", len >> 20))
		return;
	pages_fill(m, len, 0x77);
	check_pages(m, len, 0x77, "every page of the filler reads back");
	wrong = data_words_wrong();
	tap_ok(wrong < 0, "every word of the data reads back (first wrong word %ld)", wrong);
	tap_ok(text_fn(2) == 7 && data_page[0] == 42, "text and data still right");
	tap_diag("pswpout %ld, pswpin %ld", proc_counter("/proc/vmstat", "pswpout"),
		 proc_counter("/proc/vmstat", "pswpin"));
	tap_ok(!sys_munmap(m, len), "munmap of the filler");
}

int main(int argc, char **argv)
{
	bool pressure = argc > 1 && !strcmp(argv[1], "pressure");
	size_t big = BIG_SHARED;

	tap_plan(pressure ? 31 : 25);
	test_segments();
	test_shared_small();
	/* Shared memory is not swapped yet: at most a third of what is free. */
	if (big > free_ram() / 3)
		big = (free_ram() / 3) & ~(MiB - 1);
	test_shared_big(big);
	if (pressure)
		test_pressure();
	return tap_done();
}
