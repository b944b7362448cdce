// SPDX-License-Identifier: GPL-2.0
/*
 * SLUB debugging, as in Linux's mm/slub.c (CONFIG_SLUB_DEBUG): red zones,
 * poisoning, freelist checks, double-free and invalid-pointer detection, and
 * who allocated and freed each object. Enabled per cache (SLAB_* flags of
 * <slab.h>) or from the command line:
 *
 *   slub_debug                  everything (FZPU) for every cache
 *   slub_debug=<flags>          those for every cache
 *   slub_debug=<flags>,<cache>,...   those for the named caches only
 *   slub_debug=-                nothing
 *
 * with F = consistency checks (the slab's counters and freelist), Z = red
 * zones, P = poisoning, U = alloc/free tracking. Every check a cache's layout
 * allows runs on every allocation and free of a debugging cache (Linux runs
 * the object checks only with F; Loam runs them whenever there is something
 * to check, so slub_debug=Z alone catches overruns). A failed check prints
 * Linux's report ("BUG kmalloc-64 (Not tainted): Redzone overwritten", the
 * slab, the object, hex dumps, the stack, "FIX ...") and quarantines what is
 * suspect: a bad free is not done, a slab with a corrupt freelist is marked
 * full and left alone. The kernel goes on.
 */
#include <stdarg.h>

#include <kernel.h>
#include <params.h>
#include <uapi/errno.h>
#include <printk.h>
#include <string.h>

#include "slab.h"

static slab_flags_t slub_debug;
/* Comma-separated cache names slub_debug applies to; empty: all caches. */
static char slub_debug_slabs[128];

int setup_slub_debug(const char *str)
{
	slab_flags_t flags = 0;

	slub_debug_slabs[0] = '\0';
	if (!str || !*str) {
		slub_debug = SLAB_DEBUG_FLAGS;
		return 0;
	}
	if (*str == '-') {
		slub_debug = 0;
		return 0;
	}
	for (; *str && *str != ','; str++) {
		switch (*str | 0x20) {
		case 'f':
			flags |= SLAB_CONSISTENCY_CHECKS;
			break;
		case 'z':
			flags |= SLAB_RED_ZONE;
			break;
		case 'p':
			flags |= SLAB_POISON;
			break;
		case 'u':
			flags |= SLAB_STORE_USER;
			break;
		default:
			pr_err("slub_debug option '%c' unknown. skipped\n", *str);
		}
	}
	/* No letters before the cache names: everything, as in Linux. */
	slub_debug = flags ? flags : SLAB_DEBUG_FLAGS;
	if (*str == ',') {
		if (strlen(str + 1) >= sizeof(slub_debug_slabs)) {
			pr_err("slub_debug: cache list too long, ignored\n");
			slub_debug = 0;
			return -EINVAL;
		}
		memcpy(slub_debug_slabs, str + 1, strlen(str + 1) + 1);
	}
	return 0;
}

static int __init_slub_debug(char *arg)
{
	return setup_slub_debug(arg);
}
early_param("slub_debug", __init_slub_debug);

/* Is @name one of the comma-separated names in slub_debug_slabs? */
static bool named_in_list(const char *name)
{
	size_t len = strlen(name);
	const char *p = slub_debug_slabs;

	while (*p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == len && !strncmp(p, name, n))
			return true;
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}

slab_flags_t kmem_cache_flags(const char *name, slab_flags_t flags)
{
	if (slub_debug && (!slub_debug_slabs[0] || named_in_list(name)))
		flags |= slub_debug;
	return flags;
}

/* ----------------------------------------------------------- layout */

/* Where the metadata after the object ends: after the free pointer if it is outside. */
static unsigned int get_info_end(struct kmem_cache *s)
{
	return s->offset >= s->inuse ? s->inuse + sizeof(void *) : s->inuse;
}

static struct track *get_track(struct kmem_cache *s, void *object, enum track_item alloc)
{
	return (struct track *)((char *)object + get_info_end(s)) + alloc;
}

static void set_track(struct kmem_cache *s, void *object, enum track_item alloc, unsigned long addr)
{
	struct track *t;

	if (!(s->flags & SLAB_STORE_USER))
		return;
	t = get_track(s, object, alloc);
	t->addr = addr;
	t->cpu = smp_processor_id();
}

static void init_object(struct kmem_cache *s, void *object, u8 val)
{
	u8 *p = object;

	if (s->flags & SLAB_POISON) {
		memset(p, POISON_FREE, s->object_size - 1);
		p[s->object_size - 1] = POISON_END;
	}
	if (s->flags & SLAB_RED_ZONE)
		memset(p + s->object_size, val, s->inuse - s->object_size);
}

void setup_slab_debug(struct kmem_cache *s, struct page *page, void *addr)
{
	if (s->flags & SLAB_POISON)
		memset(addr, POISON_INUSE, PAGE_SIZE << compound_order(page));
}

void setup_object_debug(struct kmem_cache *s, void *object)
{
	if (s->flags & SLAB_STORE_USER)
		memset(get_track(s, object, TRACK_ALLOC), 0, 2 * sizeof(struct track));
	init_object(s, object, SLUB_RED_INACTIVE);
}

/* ---------------------------------------------------------- reports */

static void print_section(const char *text, const u8 *addr, unsigned int length)
{
	unsigned int off, i;

	for (off = 0; off < length; off += 16) {
		char hex[16 * 3 + 1], ascii[17];
		unsigned int n = min(16U, length - off);

		for (i = 0; i < n; i++) {
			u8 c = addr[off + i];

			snprintf(hex + 3 * i, 4, "%02x ", c);
			ascii[i] = c >= 0x20 && c < 0x7f ? c : '.';
		}
		hex[n ? 3 * n - 1 : 0] = '\0';
		ascii[n] = '\0';
		pr_err("%s%p: %-47s  %s\n", text, (void *)(addr + off), hex, ascii);
	}
}

static __printf(2, 3) void slab_bug(struct kmem_cache *s, const char *fmt, ...)
{
	char buf[128];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_err("=============================================================================\n");
	pr_err("BUG %s (Not tainted): %s\n", s->name, buf);
	pr_err("-----------------------------------------------------------------------------\n\n");
}

static __printf(2, 3) void slab_fix(struct kmem_cache *s, const char *fmt, ...)
{
	char buf[128];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_err("FIX %s: %s\n", s->name, buf);
}

static void print_page_info(struct page *page)
{
	pr_err("Slab %p objects=%u used=%u fp=%p flags=%#lx\n", (void *)page, page->objects,
	       page->inuse, page->freelist, page->flags);
}

static void print_tracks(struct kmem_cache *s, void *object)
{
	static const char *const what[] = { "Allocated", "Freed" };
	int i;

	if (!(s->flags & SLAB_STORE_USER))
		return;
	for (i = TRACK_ALLOC; i <= TRACK_FREE; i++) {
		struct track *t = get_track(s, object, i);

		if (t->addr)
			pr_err("INFO: %s in %#lx cpu=%d\n", what[i], t->addr, t->cpu);
	}
}

static void print_trailer(struct kmem_cache *s, struct page *page, u8 *p)
{
	u8 *addr = page_address(page);
	unsigned int off = get_info_end(s);

	print_tracks(s, p);
	print_page_info(page);
	pr_err("Object %p @offset=%lu fp=%p\n\n", (void *)p, (unsigned long)(p - addr),
	       get_freepointer(s, p));
	print_section("Object   ", p, min(s->object_size, (unsigned int)PAGE_SIZE));
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone  ", p + s->object_size, s->inuse - s->object_size);
	if (s->flags & SLAB_STORE_USER)
		off += 2 * sizeof(struct track);
	if (off != s->size)
		print_section("Padding  ", p + off, s->size - off);
	dump_stack();
}

static void object_err(struct kmem_cache *s, struct page *page, void *object, const char *reason)
{
	slab_bug(s, "%s", reason);
	print_trailer(s, page, object);
}

void slab_err(struct kmem_cache *s, struct page *page, const char *fmt, ...)
{
	char buf[128];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	slab_bug(s, "%s", buf);
	print_page_info(page);
	dump_stack();
}

void slab_report_wrong_cache(struct kmem_cache *s, struct page *page, const void *object)
{
	if (!PageSlab(page))
		pr_err("kmem_cache_free: Object is not a Slab page! (%s, object %p)\n", s->name,
		       object);
	else
		pr_err("kmem_cache_free: Wrong slab cache. %s but object is from %s\n", s->name,
		       page->slab_cache->name);
	dump_stack();
	pr_err("FIX %s: Object at %p not freed\n", s->name, object);
}

void slab_report_invalid_free(const void *object, unsigned long addr)
{
	pr_err("kfree: invalid pointer %p from %#lx: not from kmalloc or a slab cache, not freed\n",
	       object, addr);
	dump_stack();
}

/* ----------------------------------------------------------- checks */

static const u8 *memchr_inv(const u8 *p, u8 value, unsigned int bytes)
{
	for (; bytes; p++, bytes--)
		if (*p != value)
			return p;
	return NULL;
}

/* Are @bytes at @start all @value? If not: report, and restore them. */
static bool check_bytes_and_report(struct kmem_cache *s, struct page *page, u8 *object,
				   const char *what, u8 *start, u8 value, unsigned int bytes)
{
	const u8 *fault = memchr_inv(start, value, bytes);
	u8 *end = start + bytes;

	if (!fault)
		return true;
	while (end > fault && end[-1] == value)
		end--;
	slab_bug(s, "%s overwritten", what);
	pr_err("%p-%p @offset=%lu. First byte %#x instead of %#x\n", (void *)fault,
	       (void *)(end - 1), (unsigned long)(fault - (u8 *)page_address(page)), *fault, value);
	print_trailer(s, page, object);
	slab_fix(s, "Restoring %s %p-%p=%#x", what, (void *)fault, (void *)(end - 1), value);
	memset((void *)fault, value, end - fault);
	return false;
}

static bool check_object(struct kmem_cache *s, struct page *page, void *object, u8 val)
{
	u8 *p = object, *endobject = p + s->object_size;
	unsigned int pad =
		get_info_end(s) + ((s->flags & SLAB_STORE_USER) ? 2 * SLUB_TRACK_SIZE : 0);
	bool ok = true;

	if ((s->flags & SLAB_RED_ZONE) && !check_bytes_and_report(s, page, p, "Redzone", endobject,
								  val, s->inuse - s->object_size))
		ok = false;
	if ((s->flags & SLAB_POISON) && val != SLUB_RED_ACTIVE &&
	    (!check_bytes_and_report(s, page, p, "Poison", p, POISON_FREE, s->object_size - 1) ||
	     !check_bytes_and_report(s, page, p, "End Poison", endobject - 1, POISON_END, 1)))
		ok = false;
	if ((s->flags & SLAB_POISON) &&
	    !check_bytes_and_report(s, page, p, "Object padding", p + pad, POISON_INUSE,
				    s->size - pad))
		ok = false;
	/* In use and the free pointer inside the object: that word is the user's. */
	if (s->offset < s->inuse && val == SLUB_RED_ACTIVE)
		return ok;
	if (!check_valid_pointer(s, page, get_freepointer(s, p))) {
		object_err(s, page, p, "Freepointer corrupt");
		/* The rest of the chain is lost: better than following garbage. */
		set_freepointer(s, p, NULL);
		ok = false;
	}
	return ok;
}

/* Objects a slab of this page's order holds. */
static unsigned int order_objects_of(struct kmem_cache *s, struct page *page)
{
	return (PAGE_SIZE << compound_order(page)) / s->size;
}

static bool check_slab(struct kmem_cache *s, struct page *page)
{
	if (!PageSlab(page)) {
		slab_err(s, page, "Not a valid slab page");
		return false;
	}
	if (page->objects > order_objects_of(s, page)) {
		slab_err(s, page, "objects %u > max %u", page->objects, order_objects_of(s, page));
		return false;
	}
	if (page->inuse > page->objects) {
		slab_err(s, page, "inuse %u > max %u", page->inuse, page->objects);
		return false;
	}
	return true;
}

/* Is @search on the slab's freelist? Also checks the chain itself. */
static bool on_freelist(struct kmem_cache *s, struct page *page, void *search)
{
	void *fp = page->freelist, *object = NULL;
	unsigned int nr = 0;

	while (fp && nr <= page->objects) {
		if (fp == search)
			return true;
		if (!check_valid_pointer(s, page, fp)) {
			if (object) {
				object_err(s, page, object, "Freechain corrupt");
				set_freepointer(s, object, NULL);
			} else {
				slab_err(s, page, "Freepointer corrupt");
				page->freelist = NULL;
				page->inuse = page->objects;
				slab_fix(s, "Freelist cleared");
			}
			return false;
		}
		object = fp;
		fp = get_freepointer(s, object);
		nr++;
	}
	return false;
}

bool alloc_debug_processing(struct kmem_cache *s, struct page *page, void *object,
			    unsigned long addr)
{
	if (!check_slab(s, page))
		goto bad;
	if (!object || !check_valid_pointer(s, page, object)) {
		slab_err(s, page, "Freelist Pointer check fails: %p", object);
		goto bad;
	}
	if (!check_object(s, page, object, SLUB_RED_INACTIVE))
		goto bad;
	set_track(s, object, TRACK_ALLOC, addr);
	init_object(s, object, SLUB_RED_ACTIVE);
	return true;
bad:
	slab_fix(s, "Marking all objects used");
	return false;
}

bool free_debug_processing(struct kmem_cache *s, struct page *page, void *object,
			   unsigned long addr)
{
	if (!check_slab(s, page))
		goto fail;
	if (!check_valid_pointer(s, page, object)) {
		slab_err(s, page, "Invalid object pointer %p", object);
		goto fail;
	}
	if (on_freelist(s, page, object)) {
		object_err(s, page, object, "Object already free");
		goto fail;
	}
	if (!check_object(s, page, object, SLUB_RED_ACTIVE))
		goto fail;
	set_track(s, object, TRACK_FREE, addr);
	init_object(s, object, SLUB_RED_INACTIVE);
	return true;
fail:
	slab_fix(s, "Object at %p not freed", object);
	return false;
}
