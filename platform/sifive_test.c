// SPDX-License-Identifier: GPL-2.0
/*
 * QEMU's test finisher ("sifive,test1"/"sifive,test0"): a 32-bit write of
 * 0x5555 ends QEMU with status 0, (code << 16) | 0x3333 with status code
 * (QEMU hw/misc/sifive_test.c). Its address comes from the DTB and it is
 * reached through a fixmap slot, so it works from the first DTB scan on,
 * before and after the switch to the final page table.
 */
#include <asm/pgtable.h>
#include <libfdt.h>
#include <of_fdt.h>
#include <reboot.h>

#define FINISHER_FAIL 0x3333
#define FINISHER_PASS 0x5555

static volatile u32 *finisher;

void sifive_test_init(const void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "sifive,test1");
	phys_addr_t base, size;

	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "sifive,test0");
	if (node < 0 || !fdt_node_is_available(fdt, node) ||
	    fdt_get_reg(fdt, node, 0, &base, &size))
		return;
	set_fixmap(FIX_TEST_DEVICE, ALIGN_DOWN(base, PAGE_SIZE), PAGE_KERNEL_IO);
	finisher = (volatile u32 *)(fix_to_virt(FIX_TEST_DEVICE) + (base & (PAGE_SIZE - 1)));
}

void sifive_test_exit(bool failure, unsigned int code)
{
	if (finisher)
		*finisher = failure ? (code << 16) | FINISHER_FAIL : FINISHER_PASS;
}
