/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Early device-tree scanning with libfdt, named after Linux's
 * drivers/of/fdt.c: what the firmware tells us about memory, reservations,
 * CPUs, NUMA and the command line. Plain C: the host tests run it over real
 * DTBs.
 *
 * Errors are returned as -errno, with a message already printed (prefix
 * "OF: "); the caller decides whether they are fatal.
 */
#ifndef LOAM_OF_FDT_H
#define LOAM_OF_FDT_H

#include <numa.h>
#include <smp.h>
#include <types.h>

struct dt_cpu {
	u32 hartid; /* "reg" of the cpu node */
	int nid; /* "numa-node-id", 0 when absent */
	const char *isa; /* "riscv,isa", points into the DTB */
	const char *mmu_type; /* "mmu-type", points into the DTB */
};

struct dt_boot_info {
	const char *model; /* root "model", or NULL */
	const char *bootargs; /* /chosen "bootargs", or NULL */
	const char *stdout_path; /* /chosen "stdout-path", or NULL */
	phys_addr_t initrd_start; /* /chosen linux,initrd-start/-end; */
	phys_addr_t initrd_end; /* both 0 when there is no initrd */
	u64 timebase_frequency; /* /cpus "timebase-frequency" (Hz) */

	/* Usable harts (enabled, with an Sv39-capable MMU), in DTB order. */
	unsigned int nr_cpus;
	struct dt_cpu cpus[NR_CPUS];
	unsigned int nr_cpus_skipped; /* disabled, no MMU, or beyond NR_CPUS */

	/* Nodes seen in memory nodes (numa-node-id); 1 when none is given. */
	int nr_nodes;
	bool has_distance_map;
	u8 node_distance[MAX_NUMNODES][MAX_NUMNODES];
};

/*
 * Check the header and the whole structure block: the blob must fit in the
 * @bufsize bytes the caller can read. 0 or -EINVAL.
 */
int early_init_dt_verify(const void *fdt, size_t bufsize);

/*
 * Fill @info from /, /chosen, /cpus and /distance-map, and add every memory
 * node's "reg" ranges (with their numa-node-id) to memblock.memory.
 * Zero-sized ranges and disabled memory nodes are skipped with a warning;
 * overlapping ranges merge. Returns 0, -ENOENT when no usable memory range
 * was found, -EINVAL for malformed properties (bad reg length, node id
 * beyond MAX_NUMNODES, missing timebase-frequency) or -ENOMEM if memblock's
 * array cannot grow.
 */
int early_init_dt_scan_nodes(const void *fdt, struct dt_boot_info *info);

/*
 * Reserve in memblock what the DTB describes: the DTB itself
 * ([fdt_pa, +totalsize)), every /memreserve/ entry, every /reserved-memory
 * child (static "reg": reserved, or marked NOMAP with "no-map"; dynamic
 * "size"/"alignment"/"alloc-ranges": allocated from memblock), and the
 * initrd from @info. Ranges are clipped to memory: a range wholly outside
 * memory is ignored with a warning ("not within memory"), an initrd that is
 * not wholly inside memory is dropped (info->initrd_start/end set to 0).
 * Returns 0, or -ENOMEM when a dynamic region cannot be allocated or
 * memblock cannot grow (the failing region is reported).
 */
int early_init_fdt_reserve(const void *fdt, phys_addr_t fdt_pa, struct dt_boot_info *info);

/*
 * The @index-th (address, size) pair of @node's "reg", translated through
 * the "ranges" of its parent buses to a CPU physical address. 0 or -errno.
 */
int fdt_get_reg(const void *fdt, int node, int index, phys_addr_t *base, phys_addr_t *size);

/*
 * The node /chosen/stdout-path (or linux,stdout-path) names, an alias such
 * as "serial0" resolved through /aliases, and the options after its ':'
 * ("115200n8") in *@options (NULL if none). Linux's of_stdout, found by
 * of_alias_scan() (drivers/of/base.c). The offset, or -errno (-ENOENT:
 * no stdout-path).
 */
int of_stdout_offset(const void *fdt, const char **options);

/* Whether the node's "status" is absent, "okay" or "ok". */
bool fdt_node_is_available(const void *fdt, int node);

#endif
