// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for the early DTB scanner (platform/fdt_scan.c, interface in
 * include/of_fdt.h) over the fixtures tests/mkdtbs.sh writes into
 * $LOAM_DTB_DIR (default build/tests/dtb): QEMU virt dumps, the VisionFive
 * boards' DTBs and edited or broken variants of qemu-128M.
 *
 * Every expectation comes from the fixture's contents (dtc -I dtb -O dts)
 * and from what of_fdt.h promises, not from the implementation. memblock
 * allocates top-down, so dynamic reserved-memory regions land at the highest
 * free aligned address of their range.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include <kernel.h>
#include <memblock.h>
#include <numa.h>
#include <of_fdt.h>
#include <uapi/errno.h>

#include "host_fixture.h"
#include "host_memblock.h"
#include "host_printk.h"

#define QEMU_TIMEBASE 10000000
#define QEMU_ISA "rv64imafdch_zicsr_zifencei_zihintpause_zba_zbb_zbc_zbs_sstc"
#define QEMU_MODEL "riscv-virtio,qemu"
#define QEMU_STDOUT "/soc/serial@10000000"
#define QEMU_RAM 0x80000000ULL
/* Where fw_dynamic puts the DTB: 0x87e00000 for 128M, 0xbfe00000 for 1G+. */
#define QEMU_FDT_128M 0x87e00000ULL
#define QEMU_FDT_BIG 0xbfe00000ULL

/* The fixture the current test reads, and its file size. */
static void *blob;
static size_t blob_size;

static struct dt_boot_info info;

static int setup(void **state)
{
	host_memblock_reset();
	memset(&info, 0, sizeof(info));
	return 0;
}

static int teardown(void **state)
{
	free(blob);
	blob = NULL;
	blob_size = 0;
	return 0;
}

/* Read $LOAM_DTB_DIR/@name.dtb into a buffer of exactly its size. */
static void load(const char *name)
{
	char file[256];

	snprintf(file, sizeof(file), "%s.dtb", name);
	blob = host_load_fixture("LOAM_DTB_DIR", "build/tests/dtb", file,
				 "generate the fixtures with tests/mkdtbs.sh", &blob_size);
}

/* Load, verify (must pass) and scan @name; the scan's return code. */
static int load_and_scan(const char *name)
{
	load(name);
	assert_int_equal(early_init_dt_verify(blob, blob_size), 0);
	return early_init_dt_scan_nodes(blob, &info);
}

static void scan_ok(const char *name)
{
	assert_int_equal(load_and_scan(name), 0);
}

static phys_addr_t blob_totalsize(void)
{
	return fdt_totalsize(blob);
}

/* Whether @p points into the fixture (strings "point into the DTB"). */
static bool in_blob(const void *p)
{
	return (const char *)p >= (const char *)blob &&
	       (const char *)p < (const char *)blob + blob_size;
}

static void dump_type(const char *what, const struct memblock_type *type)
{
	unsigned long i;

	print_error("# %s: memblock.%s has %lu regions:\n", what, type->name, type->cnt);
	for (i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		print_error("#   [%lu] base 0x%llx size 0x%llx nid %d flags 0x%x\n", i,
			    (unsigned long long)r->base, (unsigned long long)r->size, r->nid,
			    r->flags);
	}
}

static void _assert_regions(const struct memblock_type *type, const struct memblock_region *exp,
			    size_t n, const char *file, int line)
{
	unsigned long i;
	bool ok = type->cnt == n;

	for (i = 0; ok && i < n; i++) {
		const struct memblock_region *r = &type->regions[i];

		ok = r->base == exp[i].base && r->size == exp[i].size && r->nid == exp[i].nid &&
		     r->flags == exp[i].flags;
	}
	if (ok)
		return;
	dump_type("actual", type);
	print_error("# expected %zu regions:\n", n);
	for (i = 0; i < n; i++)
		print_error("#   [%lu] base 0x%llx size 0x%llx nid %d flags 0x%x\n", i,
			    (unsigned long long)exp[i].base, (unsigned long long)exp[i].size,
			    exp[i].nid, exp[i].flags);
	_fail(file, line);
}

/* A memblock region: base, size, nid, flags. */
#define RGN(b, s, n, f)                                            \
	{                                                          \
		.base = (b), .size = (s), .flags = (f), .nid = (n) \
	}
/* A reserved region (memblock_reserve() gives NUMA_NO_NODE, no flags). */
#define RSV(b, s) RGN(b, s, NUMA_NO_NODE, MEMBLOCK_NONE)

/* memblock.<type> must be exactly the regions listed, in order. */
#define assert_regions(type, ...)                                                              \
	do {                                                                                   \
		const struct memblock_region __exp[] = { __VA_ARGS__ };                        \
		_assert_regions(&memblock.type, __exp, ARRAY_SIZE(__exp), __FILE__, __LINE__); \
	} while (0)

#define assert_no_regions(type) _assert_regions(&memblock.type, NULL, 0, __FILE__, __LINE__)

static void assert_cpu(unsigned int idx, u32 hartid, int nid, const char *isa, const char *mmu_type)
{
	const struct dt_cpu *cpu = &info.cpus[idx];

	assert_true(idx < info.nr_cpus);
	assert_int_equal(cpu->hartid, hartid);
	assert_int_equal(cpu->nid, nid);
	assert_non_null(cpu->isa);
	assert_true(in_blob(cpu->isa));
	assert_string_equal(cpu->isa, isa);
	assert_non_null(cpu->mmu_type);
	assert_true(in_blob(cpu->mmu_type));
	assert_string_equal(cpu->mmu_type, mmu_type);
}

/* The QEMU harts: @n of them, ids 0.., all on node 0. */
static void assert_qemu_cpus(unsigned int n)
{
	unsigned int i;

	assert_int_equal(info.nr_cpus, n);
	for (i = 0; i < n; i++)
		assert_cpu(i, i, 0, QEMU_ISA, "riscv,sv48");
}

/* Without /distance-map: 10 to itself, 20 to any other node. */
static void assert_default_distances(void)
{
	int i, j;

	assert_false(info.has_distance_map);
	for (i = 0; i < info.nr_nodes; i++)
		for (j = 0; j < info.nr_nodes; j++)
			assert_int_equal(info.node_distance[i][j],
					 i == j ? LOCAL_DISTANCE : REMOTE_DISTANCE);
}

/* of_stdout_offset() finds the node @name (an alias resolved), with @options after the ':'. */
static void assert_stdout_node(const char *name, const char *options)
{
	const char *opts = "unset";
	int node = of_stdout_offset(blob, &opts);

	assert_true(node >= 0);
	assert_string_equal(fdt_get_name(blob, node, NULL), name);
	if (options)
		assert_string_equal(opts, options);
	else
		assert_null(opts);
}

/* What every qemu-128M-based fixture has besides memory and /chosen edits. */
static void assert_qemu_info(void)
{
	assert_non_null(info.model);
	assert_string_equal(info.model, QEMU_MODEL);
	assert_non_null(info.stdout_path);
	assert_string_equal(info.stdout_path, QEMU_STDOUT);
	assert_stdout_node("serial@10000000", NULL);
	assert_int_equal(info.timebase_frequency, QEMU_TIMEBASE);
	assert_int_equal(info.nr_cpus_skipped, 0);
}

static void assert_printed(const char *needle)
{
	if (host_printk_contains(needle))
		return;
	fail_msg("expected \"%s\" in the printk output:\n%s", needle, host_printk_log());
}

/* ------------------------------------------------------------------------ */
/* early_init_dt_verify */

/*
 * The dump file is 1 MiB, zero-padded, but QEMU 7.2's header says the real
 * size (0x107e): both the whole file and exactly totalsize are fine.
 */
static void test_verify_qemu_128M(void **state)
{
	load("qemu-128M");
	assert_int_equal(blob_size, 0x100000);
	assert_int_equal(fdt_totalsize(blob), 0x107e);
	assert_int_equal(early_init_dt_verify(blob, blob_size), 0);
	assert_int_equal(early_init_dt_verify(blob, blob_totalsize()), 0);
}

/* A buffer one byte short of totalsize cannot hold the blob. */
static void test_verify_short_buffer(void **state)
{
	load("qemu-128M");
	assert_int_equal(early_init_dt_verify(blob, blob_totalsize() - 1), -EINVAL);
	assert_printed("OF: ");
}

static void test_verify_truncated(void **state)
{
	load("truncated");
	assert_int_equal(blob_size, 2000);
	assert_int_equal(early_init_dt_verify(blob, blob_size), -EINVAL);
	assert_printed("OF: ");
}

static void test_verify_bad_magic(void **state)
{
	load("bad-magic");
	assert_int_equal(early_init_dt_verify(blob, blob_size), -EINVAL);
	assert_printed("OF: ");
}

/* The root's closing FDT_END_NODE is an FDT_NOP: the header is fine. */
static void test_verify_bad_struct(void **state)
{
	load("bad-struct");
	assert_int_equal(fdt_check_header(blob), 0);
	assert_int_equal(early_init_dt_verify(blob, blob_size), -EINVAL);
	assert_printed("OF: ");
}

/* ------------------------------------------------------------------------ */
/* QEMU virt */

static void test_qemu_128M(void **state)
{
	scan_ok("qemu-128M");
	assert_regions(memory, RGN(QEMU_RAM, 128ULL << 20, 0, MEMBLOCK_NONE));
	assert_no_regions(reserved);

	assert_qemu_info();
	assert_true(in_blob(info.model));
	assert_true(in_blob(info.stdout_path));
	assert_null(info.bootargs);
	assert_int_equal(info.initrd_start, 0);
	assert_int_equal(info.initrd_end, 0);
	assert_qemu_cpus(1);
	assert_int_equal(info.nr_nodes, 1);
	assert_default_distances();
	assert_int_equal(info.node_distance[0][0], LOCAL_DISTANCE);

	/* totalsize (0x107e), not the 1 MiB of the padded file. */
	assert_int_equal(early_init_fdt_reserve(blob, QEMU_FDT_128M, &info), 0);
	assert_regions(reserved, RSV(QEMU_FDT_128M, 0x107e));
	assert_regions(memory, RGN(QEMU_RAM, 128ULL << 20, 0, MEMBLOCK_NONE));
	assert_int_equal(info.initrd_start, 0);
	assert_int_equal(info.initrd_end, 0);
}

/* Every field the header documents is written, whatever @info held. */
static void test_qemu_128M_info_poisoned(void **state)
{
	memset(&info, 0xa5, sizeof(info));
	scan_ok("qemu-128M");
	assert_true(in_blob(info.model));
	assert_true(in_blob(info.stdout_path));
	assert_null(info.bootargs);
	assert_int_equal(info.initrd_start, 0);
	assert_int_equal(info.initrd_end, 0);
	assert_int_equal(info.timebase_frequency, QEMU_TIMEBASE);
	assert_int_equal(info.nr_cpus, 1);
	assert_int_equal(info.nr_cpus_skipped, 0);
	assert_int_equal(info.nr_nodes, 1);
	assert_false(info.has_distance_map);
	assert_int_equal(info.node_distance[0][0], LOCAL_DISTANCE);
	assert_cpu(0, 0, 0, QEMU_ISA, "riscv,sv48");
}

static void test_qemu_1G(void **state)
{
	scan_ok("qemu-1G");
	assert_regions(memory, RGN(QEMU_RAM, 1ULL << 30, 0, MEMBLOCK_NONE));
	assert_qemu_info();
	assert_qemu_cpus(1);
	assert_int_equal(info.nr_nodes, 1);

	assert_int_equal(early_init_fdt_reserve(blob, QEMU_FDT_BIG, &info), 0);
	assert_regions(reserved, RSV(QEMU_FDT_BIG, blob_totalsize()));
}

static void test_qemu_8G(void **state)
{
	scan_ok("qemu-8G");
	assert_regions(memory, RGN(QEMU_RAM, 8ULL << 30, 0, MEMBLOCK_NONE));
	assert_int_equal(memblock_phys_mem_size(), 8ULL << 30);
	assert_qemu_info();
	assert_qemu_cpus(1);

	assert_int_equal(early_init_fdt_reserve(blob, QEMU_FDT_BIG, &info), 0);
	assert_regions(reserved, RSV(QEMU_FDT_BIG, blob_totalsize()));
}

static void test_qemu_smp8(void **state)
{
	scan_ok("qemu-smp8");
	assert_regions(memory, RGN(QEMU_RAM, 256ULL << 20, 0, MEMBLOCK_NONE));
	assert_qemu_info();
	assert_qemu_cpus(8);
	assert_int_equal(info.nr_nodes, 1);
}

/* 40 harts: the first NR_CPUS are kept, the rest counted as skipped. */
static void test_qemu_smp40(void **state)
{
	scan_ok("qemu-smp40");
	assert_regions(memory, RGN(QEMU_RAM, 256ULL << 20, 0, MEMBLOCK_NONE));
	assert_qemu_cpus(NR_CPUS);
	assert_int_equal(info.nr_cpus_skipped, 40 - NR_CPUS);
}

/* Two nodes of 1 GiB; the cpus say which node they are on. */
static void assert_qemu_numa(void)
{
	assert_regions(memory, RGN(0x80000000, 1ULL << 30, 0, MEMBLOCK_NONE),
		       RGN(0xc0000000, 1ULL << 30, 1, MEMBLOCK_NONE));
	assert_qemu_info();
	assert_int_equal(info.nr_cpus, 4);
	assert_cpu(0, 0, 0, QEMU_ISA, "riscv,sv48");
	assert_cpu(1, 1, 0, QEMU_ISA, "riscv,sv48");
	assert_cpu(2, 2, 1, QEMU_ISA, "riscv,sv48");
	assert_cpu(3, 3, 1, QEMU_ISA, "riscv,sv48");
	assert_int_equal(info.nr_nodes, 2);
}

static void test_qemu_numa(void **state)
{
	scan_ok("qemu-numa");
	assert_qemu_numa();
	assert_default_distances();

	assert_int_equal(early_init_fdt_reserve(blob, QEMU_FDT_BIG, &info), 0);
	assert_regions(reserved, RSV(QEMU_FDT_BIG, blob_totalsize()));
	assert_regions(memory, RGN(0x80000000, 1ULL << 30, 0, MEMBLOCK_NONE),
		       RGN(0xc0000000, 1ULL << 30, 1, MEMBLOCK_NONE));
}

static void test_qemu_numa_dist(void **state)
{
	scan_ok("qemu-numa-dist");
	assert_qemu_numa();
	assert_true(info.has_distance_map);
	assert_int_equal(info.node_distance[0][0], 10);
	assert_int_equal(info.node_distance[0][1], 20);
	assert_int_equal(info.node_distance[1][0], 20);
	assert_int_equal(info.node_distance[1][1], 10);
}

/* A remote distance the defaults would not give. */
static void test_qemu_numa_dist30(void **state)
{
	scan_ok("qemu-numa-dist30");
	assert_qemu_numa();
	assert_true(info.has_distance_map);
	assert_int_equal(info.node_distance[0][0], 10);
	assert_int_equal(info.node_distance[0][1], 30);
	assert_int_equal(info.node_distance[1][0], 30);
	assert_int_equal(info.node_distance[1][1], 10);
}

/* ------------------------------------------------------------------------ */
/* VisionFive */

/*
 * VisionFive 2 v1.3b: cpu@0 is the S7 monitor core (disabled, no mmu-type),
 * cpu@1..4 the U74s. 4 GiB at 0x40000000, no /reserved-memory.
 */
static void test_visionfive2(void **state)
{
	const phys_addr_t fdt_pa = 0x46000000; /* U-Boot's fdt_addr_r */
	unsigned int i;

	scan_ok("visionfive2-v1.3b");
	assert_regions(memory, RGN(0x40000000, 4ULL << 30, 0, MEMBLOCK_NONE));
	assert_non_null(info.model);
	assert_string_equal(info.model, "StarFive VisionFive 2 v1.3B");
	assert_non_null(info.stdout_path);
	assert_string_equal(info.stdout_path, "serial0:115200n8");
	assert_stdout_node("serial@10000000", "115200n8");
	assert_null(info.bootargs);
	assert_int_equal(info.initrd_start, 0);
	assert_int_equal(info.initrd_end, 0);
	assert_int_equal(info.timebase_frequency, 4000000);
	assert_int_equal(info.nr_cpus, 4);
	for (i = 0; i < 4; i++)
		assert_cpu(i, i + 1, 0, "rv64imafdc_zba_zbb", "riscv,sv39");
	assert_int_equal(info.nr_cpus_skipped, 1);
	assert_int_equal(info.nr_nodes, 1);
	assert_default_distances();

	assert_int_equal(early_init_fdt_reserve(blob, fdt_pa, &info), 0);
	assert_regions(reserved, RSV(fdt_pa, blob_totalsize()));
	assert_regions(memory, RGN(0x40000000, 4ULL << 30, 0, MEMBLOCK_NONE));
}

/*
 * VisionFive v1: 8 GiB at 0x80000000; dma-reserved@fa000000 (16 MiB, no-map)
 * splits it, linux,dma@107a000000 lies outside memory.
 */
static void test_visionfive1(void **state)
{
	const phys_addr_t fdt_pa = 0x88000000;

	scan_ok("visionfive-v1");
	assert_regions(memory, RGN(0x80000000, 8ULL << 30, 0, MEMBLOCK_NONE));
	assert_non_null(info.model);
	assert_string_equal(info.model, "StarFive VisionFive V1");
	assert_non_null(info.stdout_path);
	assert_string_equal(info.stdout_path, "serial0:115200n8");
	assert_stdout_node("serial@12440000", "115200n8");
	assert_null(info.bootargs);
	assert_int_equal(info.timebase_frequency, 6250000);
	assert_int_equal(info.nr_cpus, 2);
	assert_cpu(0, 0, 0, "rv64imafdc", "riscv,sv39");
	assert_cpu(1, 1, 0, "rv64imafdc", "riscv,sv39");
	assert_int_equal(info.nr_cpus_skipped, 0);
	assert_int_equal(info.nr_nodes, 1);

	assert_int_equal(early_init_fdt_reserve(blob, fdt_pa, &info), 0);
	assert_regions(memory, RGN(0x80000000, 0x7a000000, 0, MEMBLOCK_NONE),
		       RGN(0xfa000000, 0x1000000, 0, MEMBLOCK_NOMAP),
		       RGN(0xfb000000, 0x185000000, 0, MEMBLOCK_NONE));
	/* no-map regions are marked, not reserved; the outside one is dropped. */
	assert_regions(reserved, RSV(fdt_pa, blob_totalsize()));
	assert_printed("not within memory");
}

static void test_node_is_available(void **state)
{
	load("visionfive2-v1.3b");
	assert_int_equal(early_init_dt_verify(blob, blob_size), 0);
	assert_false(fdt_node_is_available(blob, fdt_path_offset(blob, "/cpus/cpu@0")));
	assert_true(fdt_node_is_available(blob, fdt_path_offset(blob, "/cpus/cpu@1")));
	/* No status property at all. */
	assert_true(fdt_node_is_available(blob, fdt_path_offset(blob, "/cpus")));
}

static void test_get_reg(void **state)
{
	phys_addr_t base = 0, size = 0;
	int node;

	load("qemu-128M");
	node = fdt_path_offset(blob, "/memory@80000000");
	assert_true(node >= 0);
	assert_int_equal(fdt_get_reg(blob, node, 0, &base, &size), 0);
	assert_int_equal(base, 0x80000000);
	assert_int_equal(size, 0x8000000);
	assert_true(fdt_get_reg(blob, node, 1, &base, &size) < 0);

	/* Through /soc (ranges;): the UART. */
	node = fdt_path_offset(blob, "/soc/serial@10000000");
	assert_true(node >= 0);
	assert_int_equal(fdt_get_reg(blob, node, 0, &base, &size), 0);
	assert_int_equal(base, 0x10000000);
	assert_int_equal(size, 0x100);
}

/* ------------------------------------------------------------------------ */
/* Memory nodes */

static void test_no_memory(void **state)
{
	assert_int_equal(load_and_scan("no-memory"), -ENOENT);
	assert_no_regions(memory);
	assert_printed("OF: ");
}

static void test_zero_size(void **state)
{
	assert_int_equal(load_and_scan("zero-size"), -ENOENT);
	assert_no_regions(memory);
	assert_printed("OF: ");
}

/* memory@80000000 (size 0) first, then memory@88000000 (128 MiB). */
static void test_zero_size_and_good(void **state)
{
	scan_ok("zero-size-and-good");
	assert_regions(memory, RGN(0x88000000, 128ULL << 20, 0, MEMBLOCK_NONE));
	/* The warning names the node skipped. */
	assert_printed("memory@80000000");
}

/* [0x80000000, +128M) and [0x84000000, +128M): their union. */
static void test_overlapping(void **state)
{
	scan_ok("overlapping");
	assert_regions(memory, RGN(0x80000000, 0xc000000, 0, MEMBLOCK_NONE));
	assert_int_equal(memblock_phys_mem_size(), 0xc000000);
}

/* memory@100000000 (1 GiB) has status = "disabled". */
static void test_memory_disabled(void **state)
{
	scan_ok("memory-disabled");
	assert_regions(memory, RGN(QEMU_RAM, 128ULL << 20, 0, MEMBLOCK_NONE));
	/* The warning names the node skipped. */
	assert_printed("memory@100000000");
}

/* reg of three cells with #address-cells = #size-cells = 2. */
static void test_bad_reg(void **state)
{
	assert_int_equal(load_and_scan("bad-reg"), -EINVAL);
	assert_printed("OF: ");
}

/* numa-node-id = 9 on the memory node: beyond MAX_NUMNODES (8). */
static void test_bad_numa(void **state)
{
	assert_int_equal(load_and_scan("bad-numa"), -EINVAL);
	assert_printed("OF: ");
}

static void test_no_timebase(void **state)
{
	assert_int_equal(load_and_scan("no-timebase"), -EINVAL);
	assert_printed("OF: ");
}

/* ------------------------------------------------------------------------ */
/* Reservations */

/*
 * outside@200000000 is wholly outside RAM [0x80000000, 0x88000000);
 * partial@87f00000 (2 MiB) is clipped to its first MiB.
 */
static void test_reserved_outside(void **state)
{
	scan_ok("reserved-outside");
	assert_int_equal(early_init_fdt_reserve(blob, QEMU_FDT_128M, &info), 0);
	assert_regions(reserved, RSV(QEMU_FDT_128M, blob_totalsize()), RSV(0x87f00000, 0x100000));
	assert_regions(memory, RGN(QEMU_RAM, 128ULL << 20, 0, MEMBLOCK_NONE));
	assert_printed("not within memory");
}

/*
 * /memreserve/: 0x80000000+512K, 0x84000000+4K, 0x87ff0000+128K (half
 * outside: clipped to 64K) and 0x100000000+4K (outside: ignored).
 */
static void test_memreserve(void **state)
{
	scan_ok("memreserve");
	assert_int_equal(fdt_num_mem_rsv(blob), 4);
	assert_int_equal(early_init_fdt_reserve(blob, QEMU_FDT_128M, &info), 0);
	assert_regions(reserved, RSV(0x80000000, 0x80000), RSV(0x84000000, 0x1000),
		       RSV(QEMU_FDT_128M, blob_totalsize()), RSV(0x87ff0000, 0x10000));
	assert_regions(memory, RGN(QEMU_RAM, 128ULL << 20, 0, MEMBLOCK_NONE));
	assert_printed("not within memory");
}

/*
 * dyn-aligned: 1 MiB aligned to 2 MiB, anywhere: top-down, the highest
 * 2 MiB boundary below the DTB (at 0x87e00000) is 0x87c00000.
 * dyn-ranged: 64K in [0x82000000, 0x83000000): its top, 0x82ff0000.
 * fixed@83000000: 1 MiB, no-map: NOMAP in memory, not reserved.
 */
static void test_dynamic_reserved(void **state)
{
	scan_ok("dynamic-reserved");
	assert_int_equal(early_init_fdt_reserve(blob, QEMU_FDT_128M, &info), 0);
	assert_regions(memory, RGN(0x80000000, 0x3000000, 0, MEMBLOCK_NONE),
		       RGN(0x83000000, 0x100000, 0, MEMBLOCK_NOMAP),
		       RGN(0x83100000, 0x4f00000, 0, MEMBLOCK_NONE));
	assert_regions(reserved, RSV(0x82ff0000, 0x10000), RSV(0x87c00000, 0x100000),
		       RSV(QEMU_FDT_128M, blob_totalsize()));
}

/* ------------------------------------------------------------------------ */
/* /chosen */

/* linux,initrd-start/-end = 0x84000000/0x84200000 (u64). */
static void test_initrd(void **state)
{
	scan_ok("initrd");
	assert_int_equal(info.initrd_start, 0x84000000);
	assert_int_equal(info.initrd_end, 0x84200000);
	assert_qemu_info();

	assert_int_equal(early_init_fdt_reserve(blob, QEMU_FDT_128M, &info), 0);
	assert_int_equal(info.initrd_start, 0x84000000);
	assert_int_equal(info.initrd_end, 0x84200000);
	assert_regions(reserved, RSV(0x84000000, 0x200000), RSV(QEMU_FDT_128M, blob_totalsize()));
}

/* [0x87f00000, 0x88100000): ends 1 MiB beyond RAM, so it is dropped. */
static void test_initrd_outside(void **state)
{
	scan_ok("initrd-outside");
	assert_int_equal(info.initrd_start, 0x87f00000);
	assert_int_equal(info.initrd_end, 0x88100000);

	assert_int_equal(early_init_fdt_reserve(blob, QEMU_FDT_128M, &info), 0);
	assert_int_equal(info.initrd_start, 0);
	assert_int_equal(info.initrd_end, 0);
	assert_regions(reserved, RSV(QEMU_FDT_128M, blob_totalsize()));
}

/* bootargs are reported, not acted on: mem=64M leaves memory alone. */
static void test_bootargs(void **state)
{
	scan_ok("bootargs");
	assert_non_null(info.bootargs);
	assert_true(in_blob(info.bootargs));
	assert_string_equal(info.bootargs, "mem=64M loglevel=8");
	assert_qemu_info();
	assert_regions(memory, RGN(QEMU_RAM, 128ULL << 20, 0, MEMBLOCK_NONE));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_verify_qemu_128M),
		T(test_verify_short_buffer),
		T(test_verify_truncated),
		T(test_verify_bad_magic),
		T(test_verify_bad_struct),
		T(test_qemu_128M),
		T(test_qemu_128M_info_poisoned),
		T(test_qemu_1G),
		T(test_qemu_8G),
		T(test_qemu_smp8),
		T(test_qemu_smp40),
		T(test_qemu_numa),
		T(test_qemu_numa_dist),
		T(test_qemu_numa_dist30),
		T(test_visionfive2),
		T(test_visionfive1),
		T(test_node_is_available),
		T(test_get_reg),
		T(test_no_memory),
		T(test_zero_size),
		T(test_zero_size_and_good),
		T(test_overlapping),
		T(test_memory_disabled),
		T(test_bad_reg),
		T(test_bad_numa),
		T(test_no_timebase),
		T(test_reserved_outside),
		T(test_memreserve),
		T(test_dynamic_reserved),
		T(test_initrd),
		T(test_initrd_outside),
		T(test_bootargs),
	};

	memblock_allow_resize();
	return cmocka_run_group_tests_name("fdt_scan", tests, NULL, NULL);
}
