/* SPDX-License-Identifier: GPL-2.0 */
/* How hard migrate_pages() tries, and why it is called: Linux's include/linux/migrate_mode.h. */
#ifndef LOAM_MIGRATE_MODE_H
#define LOAM_MIGRATE_MODE_H

/*
 * MIGRATE_ASYNC never sleeps on a page: a page someone holds locked is
 * skipped (tried again on the next pass, then counted failed).
 * MIGRATE_SYNC_LIGHT and MIGRATE_SYNC wait for the page lock. (Linux's
 * MIGRATE_SYNC_LIGHT gives up on a page under writeback where
 * MIGRATE_SYNC waits for it; Loam's swap writes hold the page lock, so
 * both wait for them: see mm/migrate.c.)
 */
enum migrate_mode {
	MIGRATE_ASYNC,
	MIGRATE_SYNC_LIGHT,
	MIGRATE_SYNC,
};

/*
 * Why pages are migrated (Linux's list and order). Linux passes it to its
 * mm_migrate_pages tracepoint and treats MR_DEMOTION and MR_MEMORY_FAILURE
 * apart; Loam has neither tracepoints nor those callers, so the reason
 * changes nothing here. Loam's caller is compaction (MR_COMPACTION).
 */
enum migrate_reason {
	MR_COMPACTION,
	MR_MEMORY_FAILURE,
	MR_MEMORY_HOTPLUG,
	MR_SYSCALL,
	MR_MEMPOLICY_MBIND,
	MR_NUMA_MISPLACED,
	MR_CONTIG_RANGE,
	MR_LONGTERM_PIN,
	MR_DEMOTION,
	MR_DAMON,
	MR_TYPES
};

#endif
