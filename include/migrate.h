/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page migration (mm/migrate.c), Linux's include/linux/migrate.h for
 * order-0 pages: Loam has no folio type, so the callbacks take and return
 * a struct page, under the names Linux gave them before folios (new_page_t,
 * free_page_t; Linux 6.12: new_folio_t, free_folio_t).
 */
#ifndef LOAM_MIGRATE_H
#define LOAM_MIGRATE_H

#include <list.h>
#include <migrate_mode.h>
#include <mm.h>

/*
 * The new page for @page (Linux's get_new_folio): a fresh order-0 page as
 * alloc_page() returns it (one reference, not locked, no flags, mapcount
 * 0), or NULL, which ends migrate_pages() with -ENOMEM. @private is
 * migrate_pages()'s.
 */
typedef struct page *new_page_t(struct page *page, unsigned long private);
/*
 * Take back a page new_page_t gave that was not used (Linux's
 * put_new_folio): it has its one reference and is as it was given (its
 * contents aside). NULL: put_page() frees it.
 */
typedef void free_page_t(struct page *page, unsigned long private);

/*
 * migrate_pages() - move pages to new frames
 * @from: the pages, linked through page->lru, each taken off its LRU list
 *	by isolate_lru_page() (a reference held, NR_ISOLATED_ANON counted):
 *	anonymous pages (in the swap cache or not; also lazily freed or
 *	MAP_DROPPABLE ones) and shmem pages, order 0
 * @get_new_page: gives the frame for each page (see new_page_t)
 * @put_new_page: takes back a frame that was not used, or NULL
 * @private: passed to both
 * @mode: enum migrate_mode: whether to wait for a locked page
 * @reason: enum migrate_reason (see <migrate_mode.h>)
 * @ret_succeeded: if not NULL, gets the number of pages moved
 *
 * Each page is locked, every PTE that maps it becomes a migration entry
 * (a fault there waits: <swapops.h>), its contents, flags (dirty,
 * swap-backed, active), mapping and index go to the new page, which takes
 * its place in the swap cache or shmem object, and every entry becomes a
 * PTE of the new page with the old one's permissions, A and D. A page moved
 * is freed (its reference dropped) and leaves @from; the new page is on
 * the LRU list the old one would go back to. A page that cannot move: held
 * by someone else (an extra reference: a pipe since vmsplice(), a
 * swap-in or lookup under way), or locked under MIGRATE_ASYNC, is tried
 * again on each of 10 passes (Linux's NR_MAX_MIGRATE_PAGES_RETRY), then
 * left on @from as it was, mapped as before; a page unmapped and freed
 * by its owner meanwhile counts as moved. Counts pgmigrate_success and
 * pgmigrate_fail.
 *
 * Context: process context, may sleep (page locks under the sync modes,
 * rmap locks, the allocation); no spinlock held, no page lock held (a
 * MIGRATE_SYNC* caller holding a page lock may deadlock on it: Linux's
 * PF_MEMALLOC check is not there, Loam has no such flag).
 *
 * Return: the number of pages not moved (0: @from is empty), or -ENOMEM
 * when @get_new_page gave nothing (the rest stay on @from, untried). The
 * caller gives what stays on @from back with putback_movable_pages().
 */
int migrate_pages(struct list_head *from, new_page_t get_new_page, free_page_t put_new_page,
		  unsigned long private, enum migrate_mode mode, int reason,
		  unsigned int *ret_succeeded);

/*
 * Linux's putback_movable_pages(): the isolated pages on @l back on their
 * LRU lists (PG_active says which), NR_ISOLATED_ANON counted down, and
 * the isolation's reference dropped (the last one frees the page).
 */
void putback_movable_pages(struct list_head *l);

/*
 * Linux's remove_migration_ptes(): every migration entry naming @src
 * becomes a PTE of @dst (the new page, or @src itself when the move
 * failed), as try_to_migrate() found it: permissions, A and D. Both locked,
 * @dst with @src's mapping and index; for an anonymous page the caller
 * holds a reference to its anon_vma.
 */
void remove_migration_ptes(struct page *src, struct page *dst);

#endif
