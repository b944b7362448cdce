// SPDX-License-Identifier: GPL-2.0
/*
 * What the page allocator looks like from outside, in the formats of Linux's
 * /proc/buddyinfo, /proc/pagetypeinfo, /proc/zoneinfo and /proc/vmstat
 * (mm/vmstat.c), /proc/meminfo (fs/proc/meminfo.c) and of its Mem-Info dump
 * (show_free_areas). The reports print into a seq_buf,
 * so the boot log (mm_report on the command line) and, later, user programs
 * read the same text.
 */
#define pr_fmt(fmt) fmt

#include <compaction.h>
#include <hugetlb.h>
#include <kernel.h>
#include <mm.h>
#include <params.h>
#include <printk.h>
#include <seq_buf.h>
#include <slab.h>
#include <smp.h>
#include <swap.h>
#include <vmstat.h>

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

static bool mm_report_enabled;

unsigned long vm_events[NR_VM_EVENT_ITEMS];

static int __init_mm_report(char *arg)
{
	mm_report_enabled = true;
	return 0;
}
early_param("mm_report", __init_mm_report);

/* Blocks of each order and type: walks the lists, under the zone lock. */
static void count_free_blocks(struct zone *zone, unsigned long count[MAX_ORDER][MIGRATE_TYPES])
{
	unsigned long flags;
	int order, mt;

	spin_lock_irqsave(&zone->lock, flags);
	for (order = 0; order < MAX_ORDER; order++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct list_head *pos;

			count[order][mt] = 0;
			list_for_each(pos, &zone->free_area[order].free_list[mt])
				count[order][mt]++;
		}
	spin_unlock_irqrestore(&zone->lock, flags);
}

void buddyinfo_show(struct seq_buf *m)
{
	struct zone *zone;
	int order;

	for_each_zone(zone) {
		if (!populated_zone(zone))
			continue;
		seq_buf_printf(m, "Node %d, zone %8s ", zone->node, zone->name);
		for (order = 0; order < MAX_ORDER; order++)
			seq_buf_printf(m, "%6lu ", READ_ONCE(zone->free_area[order].nr_free));
		seq_buf_printf(m, "\n");
	}
}

/*
 * Does the pageblock [@pfn, @end) of type @block_mt hold a page in use of
 * another mobility? Linux asks page_owner for each page's allocation type;
 * Loam knows two kinds without it: a page on an LRU list is movable, a
 * slab page is not. So: an LRU page in a block that is not movable, or a
 * slab page in a movable one. Read without locks, as a hint.
 */
static bool pageblock_mixed(unsigned long pfn, unsigned long end, int block_mt)
{
	while (pfn < end) {
		struct page *page = pfn_to_page(pfn);
		unsigned long order = READ_ONCE(page->private);

		if (PageBuddy(page) && order < MAX_ORDER) {
			pfn += 1UL << order;
			continue;
		}
		if (block_mt == MIGRATE_MOVABLE ? PageSlab(page) : PageLRU(page))
			return true;
		pfn++;
	}
	return false;
}

/*
 * Linux's pagetypeinfo_showmixedcount() (there under CONFIG_PAGE_OWNER):
 * per zone and pageblock type, the blocks that hold pages of another
 * mobility, as pageblock_mixed() finds them.
 */
static void pagetypeinfo_showmixedcount(struct seq_buf *m)
{
	struct zone *zone;
	int mt;

	seq_buf_printf(m, "\n%-23s", "Number of mixed blocks ");
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		seq_buf_printf(m, "%12s ", migratetype_names[mt]);
	seq_buf_printf(m, "\n");
	for_each_zone(zone) {
		unsigned long mixed[MIGRATE_TYPES] = { 0 }, pfn, end;

		if (!populated_zone(zone))
			continue;
		for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn = end) {
			end = min(ALIGN_DOWN(pfn, pageblock_nr_pages) + pageblock_nr_pages,
				  zone_end_pfn(zone));
			if (!pfn_valid(pfn))
				continue;
			mt = get_pageblock_migratetype(pfn_to_page(pfn));
			if (pageblock_mixed(pfn, end, mt))
				mixed[mt]++;
		}
		seq_buf_printf(m, "Node %d, zone %8s ", zone->node, zone->name);
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			seq_buf_printf(m, "%12lu ", mixed[mt]);
		seq_buf_printf(m, "\n");
	}
}

void pagetypeinfo_show(struct seq_buf *m)
{
	static unsigned long count[MAX_ORDER][MIGRATE_TYPES];
	struct zone *zone;
	int order, mt;

	seq_buf_printf(m, "Page block order: %d\n", pageblock_order);
	seq_buf_printf(m, "Pages per block:  %lu\n\n", pageblock_nr_pages);
	seq_buf_printf(m, "%-43s ", "Free pages count per migrate type at order");
	for (order = 0; order < MAX_ORDER; order++)
		seq_buf_printf(m, "%6d ", order);
	seq_buf_printf(m, "\n");
	for_each_zone(zone) {
		if (!populated_zone(zone))
			continue;
		count_free_blocks(zone, count);
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			seq_buf_printf(m, "Node %4d, zone %8s, type %12s ", zone->node, zone->name,
				       migratetype_names[mt]);
			for (order = 0; order < MAX_ORDER; order++)
				seq_buf_printf(m, "%6lu ", count[order][mt]);
			seq_buf_printf(m, "\n");
		}
	}

	seq_buf_printf(m, "\n%-23s", "Number of blocks type ");
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		seq_buf_printf(m, "%12s ", migratetype_names[mt]);
	seq_buf_printf(m, "\n");
	for_each_zone(zone) {
		unsigned long blocks[MIGRATE_TYPES] = { 0 }, pfn;

		if (!populated_zone(zone))
			continue;
		for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone);
		     pfn = ALIGN_DOWN(pfn, pageblock_nr_pages) + pageblock_nr_pages) {
			struct page *page = pfn_to_page(pfn);

			/* Blocks that are all hole have no struct pages: skip them. */
			if (pfn_valid(pfn))
				blocks[get_pageblock_migratetype(page)]++;
		}
		seq_buf_printf(m, "Node %d, zone %8s ", zone->node, zone->name);
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			seq_buf_printf(m, "%12lu ", blocks[mt]);
		seq_buf_printf(m, "\n");
	}
	pagetypeinfo_showmixedcount(m);
}

/*
 * Free memory of a zone as an allocation of 2^order pages sees it (Linux's
 * struct contig_page_info): free pages, free blocks, and the blocks of
 * at least the order, counted in blocks of the order.
 */
struct contig_page_info {
	unsigned long free_pages;
	unsigned long free_blocks_total;
	unsigned long free_blocks_suitable;
};

/* Read without the zone lock, as Linux does: the figures are advisory. */
static void fill_contig_page_info(struct zone *zone, unsigned int suitable_order,
				  struct contig_page_info *info)
{
	unsigned int order;

	*info = (struct contig_page_info){ 0 };
	for (order = 0; order < MAX_ORDER; order++) {
		unsigned long blocks = READ_ONCE(zone->free_area[order].nr_free);

		info->free_blocks_total += blocks;
		info->free_pages += blocks << order;
		if (order >= suitable_order)
			info->free_blocks_suitable += blocks << (order - suitable_order);
	}
}

/*
 * Linux's __fragmentation_index(), in thousandths: -1000 if a block of the
 * order is free, else 1000 - (1000 + 1000 * free_pages / 2^order) /
 * free_blocks_total, towards 0 when the failure is a lack of memory and
 * towards 1000 when it is fragmentation (Mel Gorman's index); 0 without
 * free memory.
 */
static int __fragmentation_index(unsigned int order, struct contig_page_info *info)
{
	unsigned long requested = 1UL << order;

	if (!info->free_blocks_total)
		return 0;
	if (info->free_blocks_suitable)
		return -1000;
	return 1000 - (int)((1000 + info->free_pages * 1000 / requested) / info->free_blocks_total);
}

int fragmentation_index(struct zone *zone, unsigned int order)
{
	struct contig_page_info info;

	fill_contig_page_info(zone, order, &info);
	return __fragmentation_index(order, &info);
}

/*
 * Linux's unusable_free_index(), in thousandths: the part of the free
 * pages in blocks too small for the order (1000 without free memory).
 */
static int unusable_free_index(unsigned int order, struct contig_page_info *info)
{
	if (!info->free_pages)
		return 1000;
	return (info->free_pages - (info->free_blocks_suitable << order)) * 1000 / info->free_pages;
}

/* One zone's line of extfrag_index (@extfrag) or unusable_index, every order. */
static void frag_show_zone(struct seq_buf *m, struct zone *zone, bool extfrag)
{
	struct contig_page_info info;
	unsigned long flags;
	unsigned int order;
	int index;

	seq_buf_printf(m, "Node %d, zone %8s ", zone->node, zone->name);
	spin_lock_irqsave(&zone->lock, flags);
	for (order = 0; order < MAX_ORDER; order++) {
		fill_contig_page_info(zone, order, &info);
		if (extfrag) {
			index = __fragmentation_index(order, &info);
			seq_buf_printf(m, "%2d.%03d ", index / 1000, index % 1000);
		} else {
			index = unusable_free_index(order, &info);
			seq_buf_printf(m, "%d.%03d ", index / 1000, index % 1000);
		}
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	seq_buf_printf(m, "\n");
}

void extfrag_show(struct seq_buf *m)
{
	struct zone *zone;

	for_each_zone(zone)
		if (populated_zone(zone))
			frag_show_zone(m, zone, true);
}

void unusable_show(struct seq_buf *m)
{
	struct zone *zone;

	for_each_zone(zone)
		if (populated_zone(zone))
			frag_show_zone(m, zone, false);
}

static void zoneinfo_show_zone(struct seq_buf *m, struct zone *zone)
{
	unsigned int cpu;
	int i;

	seq_buf_printf(m, "Node %d, zone %8s", zone->node, zone->name);
	seq_buf_printf(m,
		       "\n  pages free     %lu\n        boost    0\n        min      %lu"
		       "\n        low      %lu\n        high     %lu\n        spanned  %lu"
		       "\n        present  %lu\n        managed  %lu\n        cma      0",
		       zone_page_state(zone, NR_FREE_PAGES), min_wmark_pages(zone),
		       low_wmark_pages(zone), high_wmark_pages(zone), zone->spanned_pages,
		       zone->present_pages, zone_managed_pages(zone));
	seq_buf_printf(m, "\n        protection: (%ld", zone->lowmem_reserve[0]);
	for (i = 1; i < MAX_NR_ZONES; i++)
		seq_buf_printf(m, ", %ld", zone->lowmem_reserve[i]);
	seq_buf_printf(m, ")");
	if (!populated_zone(zone)) {
		seq_buf_printf(m, "\n");
		return;
	}
	seq_buf_printf(m, "\n      %-12s %lu", "nr_free_pages",
		       zone_page_state(zone, NR_FREE_PAGES));
	seq_buf_printf(m, "\n  pagesets");
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

		if (!cpu_online(cpu))
			continue;
		seq_buf_printf(m,
			       "\n    cpu: %u\n              count: %d\n              high:  %d"
			       "\n              batch: %d",
			       cpu, READ_ONCE(pcp->count), READ_ONCE(pcp->high),
			       READ_ONCE(pcp->batch));
	}
	seq_buf_printf(m, "\n  node_unreclaimable:  0\n  start_pfn:           %lu\n",
		       zone->zone_start_pfn);
}

void zoneinfo_show(struct seq_buf *m)
{
	struct zone *zone;

	for_each_zone(zone)
		zoneinfo_show_zone(m, zone);
}

static unsigned long pcp_pages(struct zone *zone, int only_cpu)
{
	unsigned long n = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (only_cpu < 0 || cpu == (unsigned int)only_cpu)
			n += READ_ONCE(zone->per_cpu_pageset[cpu].count);
	return n;
}

/* "(UM) ": which types have free blocks of an order, Linux's letters. */
static void show_migration_types(struct seq_buf *m, unsigned int types)
{
	static const char letters[MIGRATE_TYPES] = { 'U', 'M', 'E' };
	char s[MIGRATE_TYPES + 1];
	int mt, n = 0;

	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		if (types & (1U << mt))
			s[n++] = letters[mt];
	s[n] = '\0';
	seq_buf_printf(m, "(%s) ", s);
}

static void show_zone_orders(struct seq_buf *m, struct zone *zone)
{
	unsigned long nr[MAX_ORDER], flags, total = 0;
	unsigned int types[MAX_ORDER];
	int order, mt;

	spin_lock_irqsave(&zone->lock, flags);
	for (order = 0; order < MAX_ORDER; order++) {
		nr[order] = zone->free_area[order].nr_free;
		total += nr[order] << order;
		types[order] = 0;
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			if (!free_area_empty(&zone->free_area[order], mt))
				types[order] |= 1U << mt;
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	seq_buf_printf(m, "Node %d %s: ", zone->node, zone->name);
	for (order = 0; order < MAX_ORDER; order++) {
		seq_buf_printf(m, "%lu*%lukB ", nr[order], K(1UL) << order);
		if (nr[order])
			show_migration_types(m, types[order]);
	}
	seq_buf_printf(m, "= %lukB", K(total));
}

/* Print @buf line by line: each line is one printk, as Linux's dump does. */
static void print_lines(const char *buf)
{
	while (*buf) {
		const char *nl = buf;

		while (*nl && *nl != '\n')
			nl++;
		pr_info("%.*s\n", (int)(nl - buf), buf);
		buf = *nl ? nl + 1 : nl;
	}
}

void show_free_areas(void)
{
	char line[512];
	struct seq_buf m;
	unsigned long free_pcp = 0;
	struct zone *zone;
	int i;

	for_each_zone(zone)
		free_pcp += pcp_pages(zone, -1);
	pr_info("Mem-Info:\n");
	pr_info(" free:%lu free_pcp:%lu free_cma:0\n", nr_free_pages(), free_pcp);
	for_each_zone(zone) {
		if (!populated_zone(zone))
			continue;
		seq_buf_init(&m, line, sizeof(line));
		seq_buf_printf(&m,
			       "Node %d %s free:%lukB boost:0kB min:%lukB low:%lukB high:%lukB "
			       "present:%lukB managed:%lukB free_pcp:%lukB local_pcp:%lukB "
			       "free_cma:0kB",
			       zone->node, zone->name, K(zone_page_state(zone, NR_FREE_PAGES)),
			       K(min_wmark_pages(zone)), K(low_wmark_pages(zone)),
			       K(high_wmark_pages(zone)), K(zone->present_pages),
			       K(zone_managed_pages(zone)), K(pcp_pages(zone, -1)),
			       K(pcp_pages(zone, smp_processor_id())));
		print_lines(line);
		seq_buf_init(&m, line, sizeof(line));
		seq_buf_printf(&m, "lowmem_reserve[]:");
		for (i = 0; i < MAX_NR_ZONES; i++)
			seq_buf_printf(&m, " %ld", zone->lowmem_reserve[i]);
		print_lines(line);
	}
	for_each_zone(zone) {
		if (!populated_zone(zone))
			continue;
		seq_buf_init(&m, line, sizeof(line));
		show_zone_orders(&m, zone);
		print_lines(line);
	}
}

unsigned long global_node_page_state(enum node_stat_item item)
{
	unsigned long x = 0;
	int nid;

	for_each_online_node(nid)
		x += node_page_state(NODE_DATA(nid), item);
	return x;
}

/*
 * Linux's calculate_totalreserve_pages(): per zone, the largest
 * lowmem_reserve a higher zone's allocation keeps in it plus the high
 * watermark, at most the zone's managed pages. Computed when asked: Loam
 * changes neither after boot.
 */
static unsigned long totalreserve_pages(void)
{
	unsigned long reserve = 0;
	struct zone *zone;

	for_each_zone(zone) {
		long max_reserve = 0;
		int j;

		for (j = zone_idx(zone); j < MAX_NR_ZONES; j++)
			max_reserve = max(max_reserve, zone->lowmem_reserve[j]);
		reserve += min((unsigned long)max_reserve + high_wmark_pages(zone),
			       zone_managed_pages(zone));
	}
	return reserve;
}

/*
 * Linux's si_mem_available(): free pages minus the reserves the allocator
 * keeps from user space, plus what reclaim could free without swapping: the
 * page cache and reclaimable slabs, each less the smaller of half of it and
 * the low watermarks. Loam has neither a page cache nor reclaimable slab
 * counters yet, so only the first part remains.
 */
static unsigned long si_mem_available(void)
{
	long available = (long)nr_free_pages() - (long)totalreserve_pages();

	return available < 0 ? 0 : available;
}

/* Linux's show_val_kb(): a 16-column label, the value in kB in 8 columns. */
static void show_val_kb(struct seq_buf *m, const char *s, unsigned long num)
{
	seq_buf_printf(m, "%-16s%8lu kB\n", s, K(num));
}

void meminfo_show(struct seq_buf *m)
{
	unsigned long totalswap, freeswap;

	si_swapinfo(&totalswap, &freeswap);
	show_val_kb(m, "MemTotal:", totalram_pages());
	show_val_kb(m, "MemFree:", nr_free_pages());
	show_val_kb(m, "MemAvailable:", si_mem_available());
	show_val_kb(m, "Active(anon):", global_node_page_state(NR_ACTIVE_ANON));
	show_val_kb(m, "Inactive(anon):", global_node_page_state(NR_INACTIVE_ANON));
	show_val_kb(m, "Active(file):", global_node_page_state(NR_ACTIVE_FILE));
	show_val_kb(m, "Inactive(file):", global_node_page_state(NR_INACTIVE_FILE));
	show_val_kb(m, "SwapTotal:", totalswap);
	show_val_kb(m, "SwapFree:", freeswap);
	show_val_kb(m, "Writeback:", global_node_page_state(NR_WRITEBACK));
	show_val_kb(m, "AnonPages:", global_node_page_state(NR_ANON_MAPPED));
	show_val_kb(m, "Shmem:", global_node_page_state(NR_SHMEM));
	hugetlb_report_meminfo(m);
}

static const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	[PGPGIN] = "pgpgin",
	[PGPGOUT] = "pgpgout",
	[PSWPIN] = "pswpin",
	[PSWPOUT] = "pswpout",
	[PGLAZYFREE] = "pglazyfree",
	[PGFAULT] = "pgfault",
	[PGMAJFAULT] = "pgmajfault",
	[PGLAZYFREED] = "pglazyfreed",
	[PGSTEAL_KSWAPD] = "pgsteal_kswapd",
	[PGSTEAL_DIRECT] = "pgsteal_direct",
	[PGSCAN_KSWAPD] = "pgscan_kswapd",
	[PGSCAN_DIRECT] = "pgscan_direct",
	[PGROTATED] = "pgrotated",
	[OOM_KILL] = "oom_kill",
	[PGMIGRATE_SUCCESS] = "pgmigrate_success",
	[PGMIGRATE_FAIL] = "pgmigrate_fail",
	[COMPACTMIGRATE_SCANNED] = "compact_migrate_scanned",
	[COMPACTFREE_SCANNED] = "compact_free_scanned",
	[COMPACTISOLATED] = "compact_isolated",
	[COMPACTSTALL] = "compact_stall",
	[COMPACTFAIL] = "compact_fail",
	[COMPACTSUCCESS] = "compact_success",
	[KCOMPACTD_WAKE] = "compact_daemon_wake",
	[KCOMPACTD_MIGRATE_SCANNED] = "compact_daemon_migrate_scanned",
	[KCOMPACTD_FREE_SCANNED] = "compact_daemon_free_scanned",
	[SWAP_RA] = "swap_ra",
	[SWAP_RA_HIT] = "swap_ra_hit",
};

/* Linux's vmstat_text[] order: zone items, node items, events. */
void vmstat_show(struct seq_buf *m)
{
	unsigned int i;

	seq_buf_printf(m, "nr_free_pages %lu\n", nr_free_pages());
	seq_buf_printf(m, "nr_inactive_anon %lu\n", global_node_page_state(NR_INACTIVE_ANON));
	seq_buf_printf(m, "nr_active_anon %lu\n", global_node_page_state(NR_ACTIVE_ANON));
	seq_buf_printf(m, "nr_inactive_file %lu\n", global_node_page_state(NR_INACTIVE_FILE));
	seq_buf_printf(m, "nr_active_file %lu\n", global_node_page_state(NR_ACTIVE_FILE));
	seq_buf_printf(m, "nr_isolated_anon %lu\n", global_node_page_state(NR_ISOLATED_ANON));
	seq_buf_printf(m, "nr_anon_pages %lu\n", global_node_page_state(NR_ANON_MAPPED));
	seq_buf_printf(m, "nr_writeback %lu\n", global_node_page_state(NR_WRITEBACK));
	seq_buf_printf(m, "nr_shmem %lu\n", global_node_page_state(NR_SHMEM));
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		/* vmstat_start(): pgpgin and pgpgout counted in sectors, shown in KiB. */
		seq_buf_printf(m, "%s %lu\n", vm_event_names[i],
			       READ_ONCE(vm_events[i]) / (i == PGPGIN || i == PGPGOUT ? 2 : 1));
}

void mm_report(void)
{
	static char buf[16384];
	static void (*const reports[])(struct seq_buf *) = { buddyinfo_show, pagetypeinfo_show,
							     zoneinfo_show,  slabinfo_show,
							     meminfo_show,   vmstat_show };
	static const char *const names[] = { "buddyinfo", "pagetypeinfo", "zoneinfo",
					     "slabinfo",  "meminfo",	  "vmstat" };
	struct seq_buf m;
	size_t i;

	if (!mm_report_enabled)
		return;
	for (i = 0; i < ARRAY_SIZE(reports); i++) {
		seq_buf_init(&m, buf, sizeof(buf));
		reports[i](&m);
		pr_info("mm_report: /proc/%s%s\n", names[i],
			seq_buf_has_overflowed(&m) ? " (truncated)" : "");
		print_lines(buf);
	}
}
