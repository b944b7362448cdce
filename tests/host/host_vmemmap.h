/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HOST_VMEMMAP_H
#define HOST_VMEMMAP_H

#include <mmzone.h>

#define HOST_VMEMMAP_MAX_CALLS 64

/* One vmemmap_populate() call: struct page addresses [start, end), node. */
struct host_vmemmap_call {
	unsigned long start, end;
	int nid;
};

extern struct host_vmemmap_call host_vmemmap_calls[HOST_VMEMMAP_MAX_CALLS];
extern int host_vmemmap_nr_calls; /* reset it before free_area_init() */

#endif
