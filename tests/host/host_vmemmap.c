// SPDX-License-Identifier: GPL-2.0
/*
 * Host vmemmap_populate(): the whole vmemmap is already mapped (fakemem.c),
 * so this only records the ranges mm_init.c asks for, for tests to check.
 */
#include "host_vmemmap.h"

struct host_vmemmap_call host_vmemmap_calls[HOST_VMEMMAP_MAX_CALLS];
int host_vmemmap_nr_calls;

int vmemmap_populate(unsigned long start, unsigned long end, int nid)
{
	if (host_vmemmap_nr_calls < HOST_VMEMMAP_MAX_CALLS)
		host_vmemmap_calls[host_vmemmap_nr_calls] =
			(struct host_vmemmap_call){ start, end, nid };
	host_vmemmap_nr_calls++;
	return 0;
}
