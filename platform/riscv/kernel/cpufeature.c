// SPDX-License-Identifier: GPL-2.0
/*
 * Which single-letter ISA extensions the harts have, from the device tree
 * (Linux's arch/riscv/kernel/cpufeature.c). Each usable hart's "riscv,isa"
 * (Devicetree bindings, riscv/cpus.yaml: "rv64" then the single-letter
 * extensions in canonical order, each perhaps with a version such as 2p1,
 * then '_' and the multi-letter ones, which Loam does not use) gives its
 * letters; "g" stands for "imafd" (unprivileged spec, "ISA Extension Naming
 * Conventions"). User programs get what every hart has, so that a process
 * can move between harts. Linux 6.12 prefers "riscv,isa-extensions" when a
 * DTB has it; Loam reads only "riscv,isa", which QEMU's and the VisionFive's
 * device trees carry too.
 */
#include <asm/hwcap.h>
#include <kernel.h>
#include <of_fdt.h>
#include <printk.h>

unsigned long elf_hwcap;

/* The letters Linux passes on to user programs (its isa2hwcap[] table). */
#define HWCAP_USER                                                               \
	(COMPAT_HWCAP_ISA('i') | COMPAT_HWCAP_ISA('m') | COMPAT_HWCAP_ISA('a') | \
	 COMPAT_HWCAP_ISA('f') | COMPAT_HWCAP_ISA('d') | COMPAT_HWCAP_ISA('c') | \
	 COMPAT_HWCAP_ISA('v'))

/* The letters of one "riscv,isa" string; 0 for a string that is not rv64. */
static unsigned long riscv_parse_isa_string(const char *isa)
{
	unsigned long bits = 0;
	char c;

	if (!isa || (isa[0] | 0x20) != 'r' || (isa[1] | 0x20) != 'v' || isa[2] != '6' ||
	    isa[3] != '4')
		return 0;
	for (isa += 4; *isa && *isa != '_'; isa++) {
		c = *isa | 0x20;
		if (c >= '0' && c <= '9')
			continue; /* a version: 2p1 */
		if (c == 'p' && isa[-1] >= '0' && isa[-1] <= '9')
			continue;
		if (c == 'g')
			bits |= COMPAT_HWCAP_ISA('i') | COMPAT_HWCAP_ISA('m') |
				COMPAT_HWCAP_ISA('a') | COMPAT_HWCAP_ISA('f') |
				COMPAT_HWCAP_ISA('d');
		else if (c >= 'a' && c <= 'z')
			bits |= COMPAT_HWCAP_ISA(c);
	}
	return bits & HWCAP_USER;
}

void riscv_fill_hwcap(const struct dt_boot_info *info)
{
	char letters[27];
	unsigned int i, n = 0;

	elf_hwcap = ~0UL;
	for (i = 0; i < info->nr_cpus; i++)
		elf_hwcap &= riscv_parse_isa_string(info->cpus[i].isa);
	if (!info->nr_cpus)
		elf_hwcap = 0;
	/* Linux supports F only with D (the kernel saves 64-bit f registers). */
	if ((elf_hwcap & COMPAT_HWCAP_ISA('f')) && !(elf_hwcap & COMPAT_HWCAP_ISA('d'))) {
		pr_info("This kernel does not support systems with F but not D\n");
		elf_hwcap &= ~COMPAT_HWCAP_ISA('f');
	}
	for (i = 0; i < 26; i++)
		if (elf_hwcap & (1UL << i))
			letters[n++] = 'a' + i;
	letters[n] = '\0';
	pr_info("riscv: ELF capabilities %s\n", letters);
}
