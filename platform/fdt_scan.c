// SPDX-License-Identifier: GPL-2.0
/*
 * Early device-tree scan: memory, reservations, CPUs, NUMA and /chosen,
 * read with libfdt (Devicetree Specification v0.4, sections 3.4 "/memory",
 * 3.5 "/reserved-memory", 3.6 "/chosen", 3.7-3.8 "/cpus", 5.3 the memory
 * reservation block). Named after Linux's drivers/of/fdt.c.
 */
#define pr_fmt(fmt) "OF: " fmt

#include <kernel.h>
#include <libfdt.h>
#include <memblock.h>
#include <of_fdt.h>
#include <printk.h>
#include <string.h>
#include <uapi/errno.h>

typedef unsigned long long ull;

/* Read a big-endian number of @cells 32-bit cells and advance @p. */
static u64 dt_read_number(const fdt32_t **p, int cells)
{
	u64 r = 0;

	while (cells--)
		r = (r << 32) | fdt32_to_cpu(*(*p)++);
	return r;
}

bool fdt_node_is_available(const void *fdt, int node)
{
	const char *status = fdt_getprop(fdt, node, "status", NULL);

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

/*
 * The ancestors of @node, root first, in @anc[0 .. depth - 1]: one pass over
 * the tree, where libfdt's fdt_parent_offset() walks from the root again for
 * every level asked. The depth of @node, or -EINVAL.
 */
#define DT_MAX_DEPTH 16
static int dt_ancestors(const void *fdt, int node, int anc[DT_MAX_DEPTH])
{
	int offset, depth = 0;

	for (offset = 0; offset >= 0 && offset <= node;
	     offset = fdt_next_node(fdt, offset, &depth)) {
		if (depth < 0 || depth >= DT_MAX_DEPTH)
			return -EINVAL;
		anc[depth] = offset;
		if (offset == node)
			return depth;
	}
	return -EINVAL;
}

/* #address-cells / #size-cells that apply to a "reg" under @parent. */
static int dt_cells(const void *fdt, int parent, int *ac, int *sc)
{
	*ac = fdt_address_cells(fdt, parent);
	*sc = fdt_size_cells(fdt, parent);
	if (*ac < 1 || *ac > 2 || *sc < 0 || *sc > 2)
		return -EINVAL;
	return 0;
}

/*
 * Translate @addr, a child address on the bus @bus, to the address space of
 * @bus's parent through @bus's "ranges" (child-addr, parent-addr, length).
 * An empty "ranges" is the identity; a missing one means the bus is not
 * memory-mapped.
 */
static int dt_translate_one(const void *fdt, int bus, int bus_parent, u64 *addr)
{
	int len, cac, pac, sc, entry;
	const fdt32_t *p;

	p = fdt_getprop(fdt, bus, "ranges", &len);
	if (!p)
		return -EINVAL;
	if (len == 0)
		return 0;
	cac = fdt_address_cells(fdt, bus);
	sc = fdt_size_cells(fdt, bus);
	pac = fdt_address_cells(fdt, bus_parent);
	entry = (cac + pac + sc) * (int)sizeof(fdt32_t);
	if (cac < 1 || cac > 2 || pac < 1 || pac > 2 || sc < 1 || sc > 2 || len % entry)
		return -EINVAL;
	for (; len > 0; len -= entry) {
		u64 child = dt_read_number(&p, cac);
		u64 parent = dt_read_number(&p, pac);
		u64 size = dt_read_number(&p, sc);

		if (*addr >= child && *addr - child < size) {
			*addr = parent + (*addr - child);
			return 0;
		}
	}
	return -EINVAL;
}

int fdt_get_reg(const void *fdt, int node, int index, phys_addr_t *base, phys_addr_t *size)
{
	int anc[DT_MAX_DEPTH], depth = dt_ancestors(fdt, node, anc);
	int ac, sc, len, bus;
	const fdt32_t *p;
	u64 addr;

	if (depth < 1 || dt_cells(fdt, anc[depth - 1], &ac, &sc))
		return -EINVAL;
	p = fdt_getprop(fdt, node, "reg", &len);
	if (!p || len % ((ac + sc) * (int)sizeof(fdt32_t)))
		return -EINVAL;
	if (index < 0 || (index + 1) * (ac + sc) * (int)sizeof(fdt32_t) > len)
		return -ENOENT;
	p += index * (ac + sc);
	addr = dt_read_number(&p, ac);
	*size = dt_read_number(&p, sc);

	/* Walk up the buses to the root, translating at each level. */
	for (bus = depth - 1; bus > 0; bus--)
		if (dt_translate_one(fdt, anc[bus], anc[bus - 1], &addr))
			return -EINVAL;
	*base = addr;
	return 0;
}

/*
 * The structure block must be a well-nested tree ending in FDT_END
 * (Devicetree spec 5.4). libfdt's fdt_check_full() does this, but its
 * fdt_check.c is not part of the copy in Linux's scripts/dtc/libfdt, so walk
 * the tags with libfdt's own iterator, which bounds-checks each of them.
 */
static int dt_check_structure(const void *fdt)
{
	int offset = 0, next, depth = 0;
	u32 tag;

	do {
		tag = fdt_next_tag(fdt, offset, &next);
		if (next < 0)
			return next;
		if (tag == FDT_BEGIN_NODE)
			depth++;
		else if (tag == FDT_END_NODE && --depth < 0)
			return -FDT_ERR_BADSTRUCTURE;
		offset = next;
	} while (tag != FDT_END);
	return depth ? -FDT_ERR_BADSTRUCTURE : 0;
}

/*
 * fdt_check_header() validates the header and that every block lies inside
 * totalsize; what it cannot know is how much memory really holds the blob:
 * @bufsize.
 */
int early_init_dt_verify(const void *fdt, size_t bufsize)
{
	int err = fdt_check_header(fdt);

	if (!err && fdt_totalsize(fdt) > bufsize)
		err = -FDT_ERR_TRUNCATED;
	if (!err)
		err = dt_check_structure(fdt);
	if (err) {
		pr_err("invalid device tree blob: %s\n", fdt_strerror(err));
		return -EINVAL;
	}
	return 0;
}

int of_stdout_offset(const void *fdt, const char **options)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), len;
	const char *path, *colon;

	if (chosen < 0)
		return -ENOENT;
	path = fdt_getprop(fdt, chosen, "stdout-path", &len);
	if (!path)
		path = fdt_getprop(fdt, chosen, "linux,stdout-path", &len);
	if (!path || len < 1 || path[len - 1])
		return -ENOENT;
	colon = memchr(path, ':', len);
	if (options)
		*options = colon ? colon + 1 : NULL;
	/* libfdt resolves a leading alias name through /aliases. */
	return fdt_path_offset_namelen(fdt, path, colon ? colon - path : len - 1);
}

static void early_init_dt_scan_chosen(const void *fdt, struct dt_boot_info *info)
{
	int node = fdt_path_offset(fdt, "/chosen");
	const fdt32_t *p;
	int len;

	if (node < 0)
		return;
	info->bootargs = fdt_getprop(fdt, node, "bootargs", NULL);
	info->stdout_path = fdt_getprop(fdt, node, "stdout-path", NULL);

	/* The initrd bounds are one or two cells each, whatever #address-cells. */
	p = fdt_getprop(fdt, node, "linux,initrd-start", &len);
	if (p && (len == 4 || len == 8)) {
		u64 start = dt_read_number(&p, len / 4);

		p = fdt_getprop(fdt, node, "linux,initrd-end", &len);
		if (p && (len == 4 || len == 8)) {
			u64 end = dt_read_number(&p, len / 4);

			if (end > start) {
				info->initrd_start = start;
				info->initrd_end = end;
			}
		}
	}
}

static int dt_node_nid(const void *fdt, int node, const char *uname, int *nid)
{
	const fdt32_t *p = fdt_getprop(fdt, node, "numa-node-id", NULL);

	*nid = 0;
	if (!p)
		return 0;
	if (fdt32_to_cpu(*p) >= MAX_NUMNODES) {
		pr_err("%s: numa-node-id %u >= MAX_NUMNODES (%d)\n", uname, fdt32_to_cpu(*p),
		       MAX_NUMNODES);
		return -EINVAL;
	}
	*nid = (int)fdt32_to_cpu(*p);
	return 0;
}

/* Devicetree spec 3.4: every root child with device_type = "memory". */
static int early_init_dt_scan_memory(const void *fdt, struct dt_boot_info *info)
{
	int node, found = 0, max_nid = 0;

	fdt_for_each_subnode(node, fdt, 0) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const char *uname = fdt_get_name(fdt, node, NULL);
		int i, nid, err;
		phys_addr_t base, size;

		if (!type || strcmp(type, "memory"))
			continue;
		if (!fdt_node_is_available(fdt, node)) {
			pr_warn("%s: disabled, skipped\n", uname);
			continue;
		}
		err = dt_node_nid(fdt, node, uname, &nid);
		if (err)
			return err;
		for (i = 0; (err = fdt_get_reg(fdt, node, i, &base, &size)) == 0; i++) {
			if (!size) {
				pr_warn("%s: zero-sized memory range at 0x%llx skipped\n", uname,
					(ull)base);
				continue;
			}
			pr_debug(" - %s: 0x%llx, 0x%llx on node %d\n", uname, (ull)base, (ull)size,
				 nid);
			err = memblock_add_node(base, size, nid, MEMBLOCK_NONE);
			if (err)
				return err;
			found++;
			max_nid = max(max_nid, nid);
		}
		if (err != -ENOENT) {
			pr_err("%s: malformed reg property\n", uname);
			return -EINVAL;
		}
	}
	if (!found) {
		pr_err("no memory found in the device tree\n");
		return -ENOENT;
	}
	info->nr_nodes = max_nid + 1;
	return 0;
}

/*
 * /cpus: Loam runs on harts that are enabled and have an MMU that can do
 * Sv39 (Sv48 and Sv57 harts must support Sv39 too: privileged spec 4.4-4.6).
 */
static int early_init_dt_scan_cpus(const void *fdt, struct dt_boot_info *info)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node;
	const fdt32_t *tb;

	if (cpus < 0) {
		pr_err("no /cpus node\n");
		return -EINVAL;
	}
	tb = fdt_getprop(fdt, cpus, "timebase-frequency", NULL);
	if (!tb) {
		pr_err("/cpus has no timebase-frequency\n");
		return -EINVAL;
	}
	info->timebase_frequency = fdt32_to_cpu(*tb);

	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const char *uname = fdt_get_name(fdt, node, NULL);
		const char *mmu = fdt_getprop(fdt, node, "mmu-type", NULL);
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", NULL);
		struct dt_cpu *cpu;
		int nid;

		if (!type || strcmp(type, "cpu"))
			continue;
		if (!reg) {
			pr_warn("%s: no reg, skipped\n", uname);
			info->nr_cpus_skipped++;
			continue;
		}
		if (!fdt_node_is_available(fdt, node)) {
			pr_info("%s: hart %u disabled, skipped\n", uname, fdt32_to_cpu(*reg));
			info->nr_cpus_skipped++;
			continue;
		}
		if (!mmu || !(strstr(mmu, "sv39") || strstr(mmu, "sv48") || strstr(mmu, "sv57"))) {
			pr_info("%s: hart %u has no Sv39 MMU, skipped\n", uname,
				fdt32_to_cpu(*reg));
			info->nr_cpus_skipped++;
			continue;
		}
		if (info->nr_cpus == NR_CPUS) {
			pr_warn("%s: more than NR_CPUS (%d) harts, skipped\n", uname, NR_CPUS);
			info->nr_cpus_skipped++;
			continue;
		}
		if (dt_node_nid(fdt, node, uname, &nid))
			return -EINVAL;
		cpu = &info->cpus[info->nr_cpus++];
		cpu->hartid = fdt32_to_cpu(*reg);
		cpu->nid = nid;
		cpu->isa = fdt_getprop(fdt, node, "riscv,isa", NULL);
		cpu->mmu_type = mmu;
	}
	return 0;
}

/* Devicetree bindings numa.txt: "distance-matrix" of (from, to, distance). */
static int early_init_dt_scan_distance_map(const void *fdt, struct dt_boot_info *info)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "numa-distance-map-v1");
	const fdt32_t *p;
	int a, b, len;

	for (a = 0; a < MAX_NUMNODES; a++)
		for (b = 0; b < MAX_NUMNODES; b++)
			info->node_distance[a][b] = a == b ? LOCAL_DISTANCE : REMOTE_DISTANCE;
	if (node < 0)
		return 0;
	p = fdt_getprop(fdt, node, "distance-matrix", &len);
	if (!p || len % 12) {
		pr_err("distance-map: malformed distance-matrix\n");
		return -EINVAL;
	}
	for (; len > 0; len -= 12) {
		u32 from = fdt32_to_cpu(p[0]), to = fdt32_to_cpu(p[1]);
		u32 dist = fdt32_to_cpu(p[2]);

		p += 3;
		if (from >= MAX_NUMNODES || to >= MAX_NUMNODES || dist > 255 ||
		    (from == to && dist != LOCAL_DISTANCE) ||
		    (from != to && dist <= LOCAL_DISTANCE)) {
			pr_err("distance-map: invalid entry %u -> %u = %u\n", from, to, dist);
			return -EINVAL;
		}
		info->node_distance[from][to] = dist;
	}
	info->has_distance_map = true;
	return 0;
}

int early_init_dt_scan_nodes(const void *fdt, struct dt_boot_info *info)
{
	int err;

	memset(info, 0, sizeof(*info));
	info->model = fdt_getprop(fdt, 0, "model", NULL);
	early_init_dt_scan_chosen(fdt, info);
	err = early_init_dt_scan_memory(fdt, info);
	if (!err)
		err = early_init_dt_scan_cpus(fdt, info);
	if (!err)
		err = early_init_dt_scan_distance_map(fdt, info);
	return err;
}

/*
 * Reserve (or, with @nomap, take out of the direct map) the parts of
 * [base, base+size) that lie in memory. Returns -ENOENT if none does.
 */
static int dt_reserve_clipped(const char *what, phys_addr_t base, phys_addr_t size, bool nomap)
{
	phys_addr_t cur = base, end = base + size;
	bool any = false;

	while (cur < end) {
		struct memblock_region *r, *hit = NULL;
		phys_addr_t s, e;
		int err;

		/* Marking no-map splits and merges regions: look up afresh each time. */
		for_each_mem_region(r) {
			if (r->base < end && r->base + r->size > cur) {
				hit = r;
				break;
			}
		}
		if (!hit)
			break;
		s = max(cur, hit->base);
		e = min(end, hit->base + hit->size);
		any = true;
		cur = e;
		/* Like Linux: a no-map range must not already be reserved. */
		if (nomap && memblock_is_region_reserved(s, e - s)) {
			pr_err("reserved mem: %s: [0x%llx-0x%llx] overlaps a reserved range, not "
			       "marked no-map\n",
			       what, (ull)s, (ull)(e - 1));
			continue;
		}
		err = nomap ? memblock_mark_nomap(s, e - s) : memblock_reserve(s, e - s);
		if (err)
			return err;
	}
	if (size && !any) {
		pr_warn("reserved mem: %s: [0x%llx-0x%llx] is not within memory, ignored\n", what,
			(ull)base, (ull)(end - 1));
		return -ENOENT;
	}
	return 0;
}

/* A /reserved-memory child with only "size": allocate it (bindings/reserved-memory). */
static int dt_alloc_reserved(const void *fdt, int node, const char *uname, bool nomap)
{
	const fdt32_t *p;
	phys_addr_t size, align = SZ_4K, base = 0;
	int ac, sc, len;

	ac = fdt_address_cells(fdt, fdt_parent_offset(fdt, node));
	sc = fdt_size_cells(fdt, fdt_parent_offset(fdt, node));
	p = fdt_getprop(fdt, node, "size", &len);
	if (!p || len != sc * (int)sizeof(fdt32_t)) {
		pr_err("reserved mem: %s: invalid size property\n", uname);
		return -EINVAL;
	}
	size = dt_read_number(&p, sc);
	p = fdt_getprop(fdt, node, "alignment", &len);
	if (p && len == ac * (int)sizeof(fdt32_t))
		align = dt_read_number(&p, ac);
	if (!align || (align & (align - 1))) {
		pr_err("reserved mem: %s: invalid alignment\n", uname);
		return -EINVAL;
	}

	p = fdt_getprop(fdt, node, "alloc-ranges", &len);
	if (p) {
		for (; !base && len >= (ac + sc) * (int)sizeof(fdt32_t);
		     len -= (ac + sc) * (int)sizeof(fdt32_t)) {
			phys_addr_t start = dt_read_number(&p, ac);
			phys_addr_t rsize = dt_read_number(&p, sc);

			base = memblock_phys_alloc_range(size, align, start, start + rsize);
		}
	} else {
		base = memblock_phys_alloc_range(size, align, 0, MEMBLOCK_ALLOC_ANYWHERE);
	}
	if (!base) {
		pr_err("reserved mem: failed to allocate memory for node '%s': size %llu MiB\n",
		       uname, (ull)(size / SZ_1M));
		return -ENOMEM;
	}
	if (nomap) {
		memblock_phys_free(base, size);
		memblock_mark_nomap(base, size);
	}
	pr_info("reserved mem: allocated memory for '%s' node: base 0x%016llx, size %llu MiB\n",
		uname, (ull)base, (ull)(size / SZ_1M));
	return 0;
}

static int early_init_fdt_scan_reserved_mem(const void *fdt)
{
	int parent = fdt_path_offset(fdt, "/reserved-memory"), node;

	if (parent < 0)
		return 0;
	fdt_for_each_subnode(node, fdt, parent) {
		const char *uname = fdt_get_name(fdt, node, NULL);
		bool nomap = fdt_getprop(fdt, node, "no-map", NULL) != NULL;
		phys_addr_t base, size;
		int i, err;

		if (!fdt_node_is_available(fdt, node))
			continue;
		if (!fdt_getprop(fdt, node, "reg", NULL)) {
			err = dt_alloc_reserved(fdt, node, uname, nomap);
			if (err == -ENOMEM)
				return err;
			continue;
		}
		for (i = 0; fdt_get_reg(fdt, node, i, &base, &size) == 0; i++) {
			err = dt_reserve_clipped(uname, base, size, nomap);
			if (err == -ENOMEM)
				return err;
			if (!err)
				pr_info("reserved mem: 0x%016llx..0x%016llx (%llu KiB) %s %s\n",
					(ull)base, (ull)(base + size - 1), (ull)(size / SZ_1K),
					nomap ? "nomap" : "map", uname);
		}
	}
	return 0;
}

int early_init_fdt_reserve(const void *fdt, phys_addr_t fdt_pa, struct dt_boot_info *info)
{
	int i, n = fdt_num_mem_rsv(fdt), err;
	u64 base, size;

	/* Nothing in the DTB covers the DTB itself. */
	err = dt_reserve_clipped("device tree blob", fdt_pa, fdt_totalsize(fdt), false);
	if (err == -ENOMEM)
		return err;

	/* Devicetree spec 5.3: the memory reservation block (/memreserve/). */
	for (i = 0; i < n; i++) {
		if (fdt_get_mem_rsv(fdt, i, &base, &size) || !size)
			continue;
		err = dt_reserve_clipped("/memreserve/", base, size, false);
		if (err == -ENOMEM)
			return err;
	}

	err = early_init_fdt_scan_reserved_mem(fdt);
	if (err)
		return err;

	if (info->initrd_start) {
		phys_addr_t start = ALIGN_DOWN(info->initrd_start, SZ_4K);
		phys_addr_t end = ALIGN(info->initrd_end, SZ_4K);
		struct memblock_region *r;
		bool inside = false;

		for_each_mem_region(r)
			if (start >= r->base && end <= r->base + r->size)
				inside = true;
		if (!inside) {
			pr_err("initrd [0x%llx-0x%llx] is not within memory, disabling it\n",
			       (ull)info->initrd_start, (ull)(info->initrd_end - 1));
			info->initrd_start = info->initrd_end = 0;
		} else if (memblock_reserve(start, end - start)) {
			return -ENOMEM;
		}
	}
	return 0;
}
